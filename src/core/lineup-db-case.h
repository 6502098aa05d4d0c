/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-case.h: cases, probes, searches, decisions and reviews — the
 * detective's and the supervisor's work (database thread jobs; see
 * lineup-db.h for the async/sync pattern).
 *
 * Results are records (lineup-case.h, lineup-probe-record.h,
 * lineup-search.h, lineup-decision.h, lineup-review.h,
 * lineup-queue-entry.h, lineup-dossier.h); their _to_json () is what the
 * CLI prints and what the disclosure package holds.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-case.h"
#include "lineup-db.h"
#include "lineup-decision.h"
#include "lineup-dossier.h"
#include "lineup-face.h"
#include "lineup-image.h"
#include "lineup-probe-record.h"
#include "lineup-queue-entry.h"
#include "lineup-review.h"
#include "lineup-search.h"
#include "lineup-user.h"

G_BEGIN_DECLS

/* Cases (LineupCase). */
LineupCase *lineup_db_case_new_sync (LineupDb   *db,
                                     LineupUser *actor,
                                     const char *number,
                                     const char *offence,
                                     const char *reason,
                                     GError    **error);
void        lineup_db_case_new_async (LineupDb           *db,
                                      LineupUser         *actor,
                                      const char         *number,
                                      const char         *offence,
                                      const char         *reason,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
LineupCase *lineup_db_case_new_finish (LineupDb     *db,
                                       GAsyncResult *result,
                                       GError      **error);
/* A GListModel of LineupCase: open cases first, newest first. */
GListModel *lineup_db_case_list_sync (LineupDb   *db,
                                      LineupUser *actor,
                                      GError    **error);
void        lineup_db_case_list_async (LineupDb           *db,
                                       LineupUser         *actor,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GListModel *lineup_db_case_list_finish (LineupDb     *db,
                                        GAsyncResult *result,
                                        GError      **error);

/* Probes. The original bytes go to DATA/probes/ (content-addressed, never
 * changed); edits are steps replayed on the original. Gives the probe with
 * its case number (no history). */
LineupProbeRecord *lineup_db_probe_add_sync (LineupDb         *db,
                                             LineupUser       *actor,
                                             const char       *data_dir,
                                             const char       *case_number,
                                             LineupProbeSource source,
                                             LineupImage      *image,
                                             GError          **error);
void               lineup_db_probe_add_async (LineupDb           *db,
                                              LineupUser         *actor,
                                              const char         *data_dir,
                                              const char         *case_number,
                                              LineupProbeSource   source,
                                              LineupImage        *image,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
LineupProbeRecord *lineup_db_probe_add_finish (LineupDb     *db,
                                               GAsyncResult *result,
                                               GError      **error);

/* Edits: op is "crop" {"x","y","width","height"} (pixels of the image it
 * applies to), "rotate" {"degrees"}, "mirror" {}, "brightness_contrast"
 * {"brightness" -100…100, "contrast" 0.2…3}. Returns the new edit seq
 * (1, 2, …); 0 is the original. */
gint64 lineup_db_probe_edit_sync (LineupDb   *db,
                                  LineupUser *actor,
                                  gint64      probe_id,
                                  const char *op,
                                  JsonObject *params,
                                  GError    **error);
void   lineup_db_probe_edit_async (LineupDb           *db,
                                   LineupUser         *actor,
                                   gint64              probe_id,
                                   const char         *op,
                                   JsonObject         *params,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gint64 lineup_db_probe_edit_finish (LineupDb     *db,
                                    GAsyncResult *result,
                                    GError      **error);

/* Removes a step from the probe's current version (the row is kept, marked,
 * and the removal audited). Refused for a step inside any version that was
 * searched. The version searched next is the remaining steps; its edit_seq
 * is the last remaining step's seq. */
gboolean lineup_db_probe_edit_remove_sync (LineupDb   *db,
                                           LineupUser *actor,
                                           gint64      probe_id,
                                           gint64      seq,
                                           GError    **error);
void     lineup_db_probe_edit_remove_async (LineupDb           *db,
                                            LineupUser         *actor,
                                            gint64              probe_id,
                                            gint64              seq,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean lineup_db_probe_edit_remove_finish (LineupDb     *db,
                                             GAsyncResult *result,
                                             GError      **error);

/* Applies edit steps (a JSON array of {"op","params"}) to an image; pure,
 * runs anywhere. */
LineupImage *lineup_probe_apply_edits (LineupImage *original,
                                       JsonArray   *steps,
                                       GError     **error);
gboolean     lineup_probe_check_edit (const char *op,
                                      JsonObject *params,
                                      GError    **error);

/* The search. The probe face's descriptor must come from the same model as
 * the gallery faces searched; top_k and threshold are clamped to policy
 * (asking for more is refused, not silently cut). Stores the search and
 * every candidate (also a no-hit), audits it, and returns it as a
 * LineupSearch (without decisions).
 * Only candidates within the threshold are listed. */
typedef struct
{
  char       *case_number;
  gint64      probe_id;
  gint64      edit_seq;
  LineupFace *face;         /* the probe face (descriptor, box, quality) */
  const char *model_sha256; /* of the network that made the descriptor */
  guint       top_k;        /* 0: policy default */
  double      threshold;    /* 0: policy default */
} LineupSearchRequest;

void lineup_search_request_free (LineupSearchRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupSearchRequest, lineup_search_request_free)

LineupSearch *lineup_db_search_sync (LineupDb                  *db,
                                     LineupUser                *actor,
                                     const LineupSearchRequest *request,
                                     GError                   **error);
/* Progress (0…1: mostly loading the index on the first search of a large
 * gallery) is reported through progress, called in the caller's thread-default
 * main context. */
typedef void (*LineupSearchProgressFunc) (double fraction, gpointer user_data);
void          lineup_db_search_async (LineupDb                  *db,
                                      LineupUser                *actor,
                                      const LineupSearchRequest *request,
                                      LineupSearchProgressFunc   progress,
                                      gpointer                   progress_data,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data);
LineupSearch *lineup_db_search_finish (LineupDb     *db,
                                       GAsyncResult *result,
                                       GError      **error);
/* A stored search again, with its decisions (and their reviews). Audited
 * as a view. */
LineupSearch *lineup_db_search_get_sync (LineupDb   *db,
                                         LineupUser *actor,
                                         gint64      search_id,
                                         GError    **error);
void          lineup_db_search_get_async (LineupDb           *db,
                                          LineupUser         *actor,
                                          gint64              search_id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
LineupSearch *lineup_db_search_get_finish (LineupDb     *db,
                                           GAsyncResult *result,
                                           GError      **error);

/* Audits that a candidate was opened (and whether details were hidden). */
void lineup_db_candidate_viewed (LineupDb   *db,
                                 LineupUser *actor,
                                 gint64      search_id,
                                 gint64      rank,
                                 gboolean    blind);

/* The decision, with the candidate's booking number. */
LineupDecision *lineup_db_decide_sync (LineupDb          *db,
                                       LineupUser        *actor,
                                       gint64             search_id,
                                       gint64             rank,
                                       LineupDecisionKind decision,
                                       const char        *note,
                                       GError           **error);
void            lineup_db_decide_async (LineupDb           *db,
                                        LineupUser         *actor,
                                        gint64              search_id,
                                        gint64              rank,
                                        LineupDecisionKind  decision,
                                        const char         *note,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
LineupDecision *lineup_db_decide_finish (LineupDb     *db,
                                         GAsyncResult *result,
                                         GError      **error);

/* Possible leads without a review, oldest first, the actor's own included
 * (marked own; they cannot be approved by the actor): a GListModel of
 * LineupQueueEntry. The probe's edit steps come with
 * lineup_db_search_get. */
GListModel *lineup_db_review_queue_sync (LineupDb   *db,
                                         LineupUser *actor,
                                         GError    **error);
void        lineup_db_review_queue_async (LineupDb           *db,
                                          LineupUser         *actor,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
GListModel *lineup_db_review_queue_finish (LineupDb     *db,
                                           GAsyncResult *result,
                                           GError      **error);
/* approve: TRUE approves, FALSE rejects. Nobody reviews their own decision. */
LineupReview *lineup_db_review_sync (LineupDb   *db,
                                     LineupUser *actor,
                                     gint64      decision_id,
                                     gboolean    approve,
                                     const char *comment,
                                     GError    **error);
void          lineup_db_review_async (LineupDb           *db,
                                      LineupUser         *actor,
                                      gint64              decision_id,
                                      gboolean            approve,
                                      const char         *comment,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
LineupReview *lineup_db_review_finish (LineupDb     *db,
                                       GAsyncResult *result,
                                       GError      **error);

/* Everything about a case, for the lead report and the disclosure package
 * (LineupDossier). Needs EXPORT_REPORT; audited. */
LineupDossier *lineup_db_case_dossier_sync (LineupDb   *db,
                                            LineupUser *actor,
                                            const char *case_number,
                                            GError    **error);
void           lineup_db_case_dossier_async (LineupDb           *db,
                                             LineupUser         *actor,
                                             const char         *case_number,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
LineupDossier *lineup_db_case_dossier_finish (LineupDb     *db,
                                              GAsyncResult *result,
                                              GError      **error);

/* DATA/probes/<sha256> */
char *lineup_probe_store_path (const char *data_dir,
                               const char *sha256);

G_END_DECLS
