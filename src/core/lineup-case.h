/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case.h: cases, probes, searches, decisions and reviews — the
 * detective's and the supervisor's work (database thread jobs; see
 * lineup-db.h for the async/sync pattern).
 *
 * Results are JSON trees: they are what the CLI prints, what the report and
 * the disclosure package are made of, and what the GUI wraps in list items.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-db.h"
#include "lineup-face.h"
#include "lineup-image.h"
#include "lineup-user.h"

G_BEGIN_DECLS

/* Probe sources. Composite sketches and look-alikes are refused by policy:
 * the network was never shown to find a person from a drawing or from
 * someone who resembles them, and such searches produced wrongful arrests. */
typedef enum
{
  LINEUP_SOURCE_SURVEILLANCE,
  LINEUP_SOURCE_WITNESS,
  LINEUP_SOURCE_SOCIAL_MEDIA,
  LINEUP_SOURCE_OTHER,
} LineupProbeSource;

gboolean    lineup_probe_source_from_string (const char         *text,
                                             LineupProbeSource  *source,
                                             GError            **error);
const char *lineup_probe_source_to_string   (LineupProbeSource   source);
const char *lineup_probe_source_label       (LineupProbeSource   source);

typedef enum
{
  LINEUP_DECISION_POSSIBLE_LEAD,
  LINEUP_DECISION_NOT_A_MATCH,
  LINEUP_DECISION_INCONCLUSIVE,
} LineupDecision;

gboolean    lineup_decision_from_string     (const char      *text,
                                             LineupDecision  *decision,
                                             GError         **error);
const char *lineup_decision_to_string       (LineupDecision   decision);
const char *lineup_decision_label           (LineupDecision   decision);

/* The standing statement on every screen, report and export. */
#define LINEUP_LEAD_STATEMENT \
  N_("A candidate is an investigative lead, not a positive identification. " \
     "It must not be the sole basis for an arrest.")

/* Cases: {"id","number","offence","offence_label","reason","status",
 * "created_by","created_at"} */
JsonNode   *lineup_db_case_new_sync        (LineupDb      *db,
                                            LineupUser    *actor,
                                            const char    *number,
                                            const char    *offence,
                                            const char    *reason,
                                            GError       **error);
void        lineup_db_case_new_async       (LineupDb             *db,
                                            LineupUser           *actor,
                                            const char           *number,
                                            const char           *offence,
                                            const char           *reason,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *lineup_db_case_new_finish      (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);
/* Open cases first, newest first. */
JsonNode   *lineup_db_case_list_sync       (LineupDb      *db,
                                            LineupUser    *actor,
                                            GError       **error);
void        lineup_db_case_list_async      (LineupDb             *db,
                                            LineupUser           *actor,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *lineup_db_case_list_finish     (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);

/* Probes. The original bytes go to DATA/probes/ (content-addressed, never
 * changed); edits are steps replayed on the original.
 * Returns {"id","case","sha256","source","original_name"}. */
JsonNode   *lineup_db_probe_add_sync       (LineupDb          *db,
                                            LineupUser        *actor,
                                            const char        *data_dir,
                                            const char        *case_number,
                                            LineupProbeSource  source,
                                            LineupImage       *image,
                                            GError           **error);
void        lineup_db_probe_add_async      (LineupDb             *db,
                                            LineupUser           *actor,
                                            const char           *data_dir,
                                            const char           *case_number,
                                            LineupProbeSource     source,
                                            LineupImage          *image,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *lineup_db_probe_add_finish     (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);

/* Edits: op is "crop" {"x","y","width","height"} (pixels of the image it
 * applies to), "rotate" {"degrees"}, "mirror" {}, "brightness_contrast"
 * {"brightness" -100…100, "contrast" 0.2…3}. Returns the new edit seq
 * (1, 2, …); 0 is the original. */
gint64      lineup_db_probe_edit_sync      (LineupDb      *db,
                                            LineupUser    *actor,
                                            gint64         probe_id,
                                            const char    *op,
                                            JsonObject    *params,
                                            GError       **error);
void        lineup_db_probe_edit_async     (LineupDb             *db,
                                            LineupUser           *actor,
                                            gint64                probe_id,
                                            const char           *op,
                                            JsonObject           *params,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gint64      lineup_db_probe_edit_finish    (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);

/* Removes a step from the probe's current version (the row is kept, marked,
 * and the removal audited). Refused for a step inside any version that was
 * searched. The version searched next is the remaining steps; its edit_seq
 * is the last remaining step's seq. */
gboolean    lineup_db_probe_edit_remove_sync   (LineupDb      *db,
                                                LineupUser    *actor,
                                                gint64         probe_id,
                                                gint64         seq,
                                                GError       **error);
void        lineup_db_probe_edit_remove_async  (LineupDb             *db,
                                                LineupUser           *actor,
                                                gint64                probe_id,
                                                gint64                seq,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean    lineup_db_probe_edit_remove_finish (LineupDb      *db,
                                                GAsyncResult  *result,
                                                GError       **error);

/* Applies edit steps (a JSON array of {"op","params"}) to an image; pure,
 * runs anywhere. */
LineupImage *lineup_probe_apply_edits      (LineupImage   *original,
                                            JsonArray     *steps,
                                            GError       **error);
gboolean     lineup_probe_check_edit       (const char    *op,
                                            JsonObject    *params,
                                            GError       **error);

/* The search. The probe face's descriptor must come from the same model as
 * the gallery faces searched; top_k and threshold are clamped to policy
 * (asking for more is refused, not silently cut). Stores the search and
 * every candidate (also a no-hit), audits it, and returns:
 * {"search_id","case","probe_id","probe_sha256","edit_seq","probe_edits":
 *  [{"seq","op","params"}] (the steps up to edit_seq),"probe_face":{box,
 *  landmarks:[[x,y]…],quality,reasons,model},"model","model_sha256",
 *  "threshold","top_k","gallery_size","no_hit","created_at","user",
 *  "candidates":[{"rank","distance","similarity","face_id","subject":{"id",
 *  "label","person_id"},"booking_number","photo_sha256","booking_date",
 *  "box":[l,t,r,b],"landmarks":[x0,y0,…x67,y67] (absent once purged)}],
 *  "groups":[{"subject_id","label","best_rank","matches"}]}
 * Only candidates within the threshold are listed. */
typedef struct
{
  char        *case_number;
  gint64       probe_id;
  gint64       edit_seq;
  LineupFace  *face;          /* the probe face (descriptor, box, quality) */
  const char  *model_sha256;  /* of the network that made the descriptor */
  guint        top_k;         /* 0: policy default */
  double       threshold;     /* 0: policy default */
} LineupSearchRequest;

void        lineup_search_request_free     (LineupSearchRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupSearchRequest, lineup_search_request_free)

JsonNode   *lineup_db_search_sync          (LineupDb                  *db,
                                            LineupUser                *actor,
                                            const LineupSearchRequest *request,
                                            GError                   **error);
/* Progress (0…1: mostly loading the index on the first search of a large
 * gallery) is reported through progress, called in the caller's thread-default
 * main context. */
typedef void (*LineupSearchProgressFunc) (double fraction, gpointer user_data);
void        lineup_db_search_async         (LineupDb                  *db,
                                            LineupUser                *actor,
                                            const LineupSearchRequest *request,
                                            LineupSearchProgressFunc         progress,
                                            gpointer                   progress_data,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
JsonNode   *lineup_db_search_finish        (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);
/* A stored search again (same JSON as the search returned), plus
 * "decisions":[{"id","rank","decision","note","user","created_at",
 * "review":{…}|null}]. Audited as a view. */
JsonNode   *lineup_db_search_get_sync      (LineupDb      *db,
                                            LineupUser    *actor,
                                            gint64         search_id,
                                            GError       **error);

/* Audits that a candidate was opened (and whether details were hidden). */
void        lineup_db_candidate_viewed     (LineupDb      *db,
                                            LineupUser    *actor,
                                            gint64         search_id,
                                            gint64         rank,
                                            gboolean       blind);

/* Returns {"id","search_id","rank","decision","note","user","created_at"}. */
JsonNode   *lineup_db_decide_sync          (LineupDb       *db,
                                            LineupUser     *actor,
                                            gint64          search_id,
                                            gint64          rank,
                                            LineupDecision  decision,
                                            const char     *note,
                                            GError        **error);
void        lineup_db_decide_async         (LineupDb             *db,
                                            LineupUser           *actor,
                                            gint64                search_id,
                                            gint64                rank,
                                            LineupDecision        decision,
                                            const char           *note,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *lineup_db_decide_finish        (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);

/* Possible leads without a review, oldest first, the actor's own included
 * (marked "own": true; they cannot be approved by the actor):
 * [{"decision_id","case","offence" (label),"offence_code","search_id","rank",
 *   "note","author","created_at","own","probe_sha256","edit_seq",
 *   "probe_face":{…},"photo_sha256","booking_number","label","distance",
 *   "similarity","box":[l,t,r,b] of the candidate face, [] once purged,
 *   "landmarks":[x0,y0,…] (absent once purged)}]
 * The probe's edit steps come with lineup_db_search_get_sync. */
JsonNode   *lineup_db_review_queue_sync    (LineupDb      *db,
                                            LineupUser    *actor,
                                            GError       **error);
void        lineup_db_review_queue_async   (LineupDb             *db,
                                            LineupUser           *actor,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *lineup_db_review_queue_finish  (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);
/* approve: TRUE approves, FALSE rejects. Nobody reviews their own decision. */
JsonNode   *lineup_db_review_sync          (LineupDb      *db,
                                            LineupUser    *actor,
                                            gint64         decision_id,
                                            gboolean       approve,
                                            const char    *comment,
                                            GError       **error);
void        lineup_db_review_async         (LineupDb             *db,
                                            LineupUser           *actor,
                                            gint64                decision_id,
                                            gboolean              approve,
                                            const char           *comment,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *lineup_db_review_finish        (LineupDb      *db,
                                            GAsyncResult  *result,
                                            GError       **error);

/* Everything about a case, for the lead report and the disclosure package:
 * {"case":{…},"probes":[{"id","sha256","source","original_name","user",
 *  "created_at","edits":[{"seq","op","params","user","created_at"}]}],
 *  "searches":[search JSON with "decisions" as in search_get],
 *  "generated_at","generated_by","statement"}
 * Needs EXPORT_REPORT; audited. */
JsonNode   *lineup_db_case_dossier_sync    (LineupDb      *db,
                                            LineupUser    *actor,
                                            const char    *case_number,
                                            GError       **error);

/* DATA/probes/<sha256> */
char       *lineup_probe_store_path        (const char    *data_dir,
                                            const char    *sha256);

G_END_DECLS
