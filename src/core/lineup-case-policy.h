/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-policy.h: the rules a case's work must follow (caps on a
 * search, the threshold floor, written reasons, offence categories open to
 * search, refused probe sources, who may review what), as pure functions.
 *
 * Each check returns FALSE with the message the user sees; the database
 * jobs call them and audit the refusal, so the rules can be tested without
 * a database.
 */
#pragma once

#include <glib.h>

#include "lineup-accounts.h"

G_BEGIN_DECLS

/* A case's written reason for searching, in characters after trimming. */
#define LINEUP_CASE_REASON_MIN_CHARS 10

gboolean lineup_case_policy_check_number (const char *number,
                                          GError    **error);
gboolean lineup_case_policy_check_reason (const char *number,
                                          const char *reason,
                                          GError    **error);
/* search_allowed: the offence category's flag, or -1 when the category is
 * unknown. */
gboolean lineup_case_policy_check_offence (const char *offence,
                                           int         search_allowed,
                                           GError    **error);
/* Probes are loaded and searched only while the case is open for it. */
gboolean lineup_case_policy_check_case_open (const char *number,
                                             const char *status,
                                             const char *offence,
                                             gboolean    search_allowed,
                                             GError    **error);
/* Composite sketches and look-alikes ("composite…", "sketch…", "look…")
 * are refused; anything else is left to the source parser. */
gboolean lineup_case_policy_check_probe_source (const char *source,
                                                GError    **error);
/* A step inside a searched version stays on record. */
gboolean lineup_case_policy_check_edit_removable (gint64   seq,
                                                  gint64   last_searched_seq,
                                                  GError **error);

/* 0 asks for the policy's default. */
void lineup_case_policy_fill_defaults (const LineupPolicy *policy,
                                       guint              *top_k,
                                       double             *threshold);
/* Asking for more than the policy allows is refused, never silently cut. */
gboolean lineup_case_policy_check_top_k (const LineupPolicy *policy,
                                         guint               top_k,
                                         GError            **error);
gboolean lineup_case_policy_check_threshold (const LineupPolicy *policy,
                                             double              threshold,
                                             GError            **error);

gboolean lineup_case_policy_check_note (const char *note,
                                        GError    **error);
/* Only possible leads are reviewed, and each once (not audited: these are
 * mistakes, not attempts to get round the rules). */
gboolean lineup_case_policy_check_reviewable (gint64      decision_id,
                                              const char *decision,
                                              gint64      n_reviews,
                                              GError    **error);
/* Nobody reviews their own decision. The role (REVIEW) is checked against
 * the users table by the database thread before this. */
gboolean lineup_case_policy_check_reviewer (gint64   reviewer_id,
                                            gint64   author_id,
                                            GError **error);
gboolean lineup_case_policy_check_comment (const char *comment,
                                           GError    **error);

G_END_DECLS
