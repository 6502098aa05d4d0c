/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-policy.c: the case rules as pure functions (any thread). */
#define G_LOG_DOMAIN "lineup-case-policy"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-case-policy.h"
#include "lineup-error.h"

/* NULL, empty or only white space. */
static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
lineup_case_policy_check_number (const char *number,
                                 GError    **error)
{
  if (blank (number))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                           _("A search needs a case: give the case number."));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_reason (const char *number,
                                 const char *reason,
                                 GError    **error)
{
  g_autofree char *trimmed = reason ? g_strstrip (g_strdup (reason)) : NULL;

  if (trimmed == NULL || g_utf8_strlen (trimmed, -1) < LINEUP_CASE_REASON_MIN_CHARS)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                   _("Case %s needs a written reason for searching "
                     "(at least %d characters): why is face search "
                     "needed in this investigation?"),
                   number, LINEUP_CASE_REASON_MIN_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_offence (const char *offence,
                                  int         search_allowed,
                                  GError    **error)
{
  if (search_allowed < 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("Unknown offence category “%s”; see the list in "
                     "Preferences or “lineup-cli offence list”."),
                   offence ? offence : "");
      return FALSE;
    }
  if (search_allowed == 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                   _("Face search is not allowed for the offence "
                     "category “%s” by this agency's policy."),
                   offence);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_case_open (const char *number,
                                    const char *status,
                                    const char *offence,
                                    gboolean    search_allowed,
                                    GError    **error)
{
  if (g_strcmp0 (status, "closed") == 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY, _("Case %s is closed"), number);
      return FALSE;
    }
  if (!search_allowed)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                   _("Face search is not allowed for the offence "
                     "category of case %s (%s) by this agency's policy."),
                   number, offence);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_probe_source (const char *source,
                                       GError    **error)
{
  if (source != NULL && (g_str_has_prefix (source, "composite") || g_str_has_prefix (source, "sketch") ||
                         g_str_has_prefix (source, "look")))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                           _("Refused by policy: composite sketches and look-alike photos are never searched. "
                             "Face recognition matches a photographed face; a drawing or someone who merely "
                             "resembles the person produces confident-looking but meaningless candidates."));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_edit_removable (gint64   seq,
                                         gint64   last_searched_seq,
                                         GError **error)
{
  if (seq <= last_searched_seq)
    {
      g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                   _("Edit step %s was part of a version that has been searched, so "
                     "it stays on record. Load the original again to start over."),
                   seq_text);
      return FALSE;
    }
  return TRUE;
}

void
lineup_case_policy_fill_defaults (const LineupPolicy *policy,
                                  guint              *top_k,
                                  double             *threshold)
{
  if (top_k != NULL && *top_k == 0)
    *top_k = policy->top_k_default;
  if (threshold != NULL && *threshold <= 0)
    *threshold = policy->threshold_default;
}

gboolean
lineup_case_policy_check_top_k (const LineupPolicy *policy,
                                guint               top_k,
                                GError            **error)
{
  if (top_k > policy->top_k_cap)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                   _("Refused by policy: at most %u candidates may be "
                     "listed (asked for %u)."),
                   policy->top_k_cap, top_k);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_threshold (const LineupPolicy *policy,
                                    double              threshold,
                                    GError            **error)
{
  /* The tolerance lets a threshold typed as the floor itself through. */
  if (policy->threshold_max > 0 && threshold > policy->threshold_max + 1e-9)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                   _("Refused by policy: the match threshold cannot be "
                     "looser than distance %.2f (asked for %.2f)."),
                   policy->threshold_max, threshold);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_note (const char *note,
                               GError    **error)
{
  if (blank (note))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                           _("Every decision needs a note saying what it rests on."));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_reviewable (gint64      decision_id,
                                     const char *decision,
                                     gint64      n_reviews,
                                     GError    **error)
{
  g_autofree char *did = g_strdup_printf ("%" G_GINT64_FORMAT, decision_id);

  if (g_strcmp0 (decision, "possible_lead") != 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("Decision %s is not a possible lead; only leads are reviewed"), did);
      return FALSE;
    }
  if (n_reviews > 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS, _("Decision %s was reviewed already"), did);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_reviewer (gint64   reviewer_id,
                                   gint64   author_id,
                                   GError **error)
{
  if (reviewer_id == author_id)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN,
                           _("Refused: nobody may review their own decision; another supervisor must."));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_case_policy_check_comment (const char *comment,
                                  GError    **error)
{
  if (blank (comment))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_POLICY, _("A review needs a comment."));
      return FALSE;
    }
  return TRUE;
}
