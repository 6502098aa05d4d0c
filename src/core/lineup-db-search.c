/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-search.c: the gallery search, stored searches and candidate
 * views (database thread jobs).
 *
 * The search index lives on the database thread: mapped from the index
 * file beside the database on the first search (or built from the rows),
 * brought up to the gallery's last numbered change before every search,
 * whichever process made the changes (lineup-db-gallery-index.c), and purges
 * in this process remove their faces at once. Searching where the rows
 * live also makes "scan, store the search and its candidates, audit it"
 * one transaction.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lineup-accounts.h"
#include "lineup-case-policy.h"
#include "lineup-db-case-private.h"
#include "lineup-engine.h"
#include "lineup-error.h"
#include "lineup-db-gallery-index.h"
#include "lineup-index.h"
#include "lineup-records-private.h"

/* What a search job is asked, copied from the caller's LineupSearchRequest;
 * top_k and threshold get the policy's defaults filled in. */
typedef struct
{
  LineupUser              *actor;
  char                    *number;
  gint64                   probe_id;
  gint64                   edit_seq;
  LineupFace              *face;
  char                    *model_sha256;
  guint                    top_k;
  double                   threshold;
  LineupSearchProgressFunc progress;
  gpointer                 progress_data;
  GMainContext            *context;
} SearchJobRequest;

static void
search_job_request_free (SearchJobRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r->number);
  g_clear_object (&r->face);
  g_free (r->model_sha256);
  g_clear_pointer (&r->context, g_main_context_unref);
  g_free (r);
}

void
lineup_search_request_free (LineupSearchRequest *r)
{
  if (r == NULL)
    return;
  g_free (r->case_number);
  g_clear_object (&r->face);
  g_free (r);
}

/* the search index, kept in step */

void
lineup_db_search_cache_faces_removed (LineupDbThread *t,
                                      const gint64   *face_ids,
                                      guint           n)
{
  LineupGalleryIndex *gi = t->search_cache;
  LineupIndex        *index = gi ? lineup_gallery_index_get_index (gi) : NULL;

  /* At once for this process; the purge's numbered changes bring every
   * other process, and the index file, along on their next search. */
  if (index == NULL)
    return;
  for (guint i = 0; i < n; i++)
    lineup_index_remove (index, face_ids[i]);
}

typedef struct
{
  LineupSearchProgressFunc func;
  gpointer                 data;
  double                   fraction;
} ProgressCall;

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressCall *p = user_data;

  p->func (p->fraction, p->data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (SearchJobRequest *r,
                 double            fraction)
{
  ProgressCall *p;

  if (r->progress == NULL)
    return;
  p = g_new (ProgressCall, 1);
  p->func = r->progress;
  p->data = r->progress_data;
  p->fraction = fraction;
  g_main_context_invoke_full (r->context, G_PRIORITY_DEFAULT, progress_dispatch, p, g_free);
}

static void
index_progress (double   fraction,
                gpointer user_data)
{
  report_progress (user_data, fraction);
}

/* DATA/lineup.db → DATA/lineup.index; none for a database in memory. */
static char *
index_file_for (const char *db_path)
{
  if (db_path == NULL || *db_path == '\0' || g_str_has_prefix (db_path, ":memory:") ||
      g_str_has_prefix (db_path, "file:"))
    return NULL;
  if (g_str_has_suffix (db_path, ".db"))
    {
      g_autofree char *stem = g_strndup (db_path, strlen (db_path) - 3);
      return g_strconcat (stem, ".index", NULL);
    }
  return g_strconcat (db_path, ".index", NULL);
}

/* The index for this model and policy, brought up to the gallery's last
 * numbered change (lineup-db-gallery-index.c). */
static LineupGalleryIndex *
cache_sync (LineupDbThread   *t,
            SearchJobRequest *r,
            const char       *model_id,
            gboolean          include_excluded,
            GError          **error)
{
  LineupGalleryIndex *gi = t->search_cache;

  if (gi != NULL && !lineup_gallery_index_matches (gi, model_id, include_excluded))
    {
      lineup_gallery_index_free (gi);
      t->search_cache = gi = NULL;
    }
  if (gi == NULL)
    {
      g_autofree char *file = index_file_for (t->path);

      gi = lineup_gallery_index_new (file, model_id, include_excluded);
      t->search_cache = gi;
      t->search_cache_free = (GDestroyNotify)lineup_gallery_index_free;
    }
  if (!lineup_gallery_index_sync (gi, t->conn, index_progress, r, error))
    return NULL;
  return gi;
}

/* stored searches */

static GListModel *
decisions_load (sqlite3 *conn,
                gint64   search_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
                                                   "SELECT d.id, d.rank, d.decision, d.note, u.name, d.created_at,"
                                                   " r.verdict, r.comment, ru.name, r.created_at"
                                                   " FROM decisions d JOIN users u ON u.id = d.created_by"
                                                   " LEFT JOIN reviews r ON r.decision_id = d.id LEFT JOIN users ru ON ru.id = r.reviewed_by"
                                                   " WHERE d.search_id = ? ORDER BY d.id",
                                                   NULL);
  GListStore *decisions = g_list_store_new (LINEUP_TYPE_DECISION);

  if (st == NULL)
    return G_LIST_MODEL (decisions);
  sqlite3_bind_int64 (st, 1, search_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(LineupReview) review = NULL;
      g_autoptr(LineupDecision) d = NULL;

      if (sqlite3_column_type (st, 6) != SQLITE_NULL)
        review = g_object_new (LINEUP_TYPE_REVIEW,
                               "decision-id", (gint64)sqlite3_column_int64 (st, 0),
                               "verdict", (const char *)sqlite3_column_text (st, 6),
                               "comment", (const char *)sqlite3_column_text (st, 7),
                               "user", (const char *)sqlite3_column_text (st, 8),
                               "created-at", (const char *)sqlite3_column_text (st, 9),
                               NULL);
      d = g_object_new (LINEUP_TYPE_DECISION,
                        "id", (gint64)sqlite3_column_int64 (st, 0),
                        "search-id", search_id,
                        "rank", (gint64)sqlite3_column_int64 (st, 1),
                        "decision", (const char *)sqlite3_column_text (st, 2),
                        "note", (const char *)sqlite3_column_text (st, 3),
                        "user", (const char *)sqlite3_column_text (st, 4),
                        "created-at", (const char *)sqlite3_column_text (st, 5),
                        "review", review,
                        NULL);
      g_list_store_append (decisions, d);
    }
  return G_LIST_MODEL (decisions);
}

/* The edit steps that made the searched version, so any viewer can rebuild
 * it from the original. */
static GListModel *
searched_edits_load (sqlite3 *conn,
                     gint64   probe_id,
                     gint64   edit_seq)
{
  g_autoptr(sqlite3_stmt) ed = lineup_db_prepare (conn,
                                                   "SELECT seq, op, params_json FROM probe_edits"
                                                   " WHERE probe_id = ? AND seq <= ? AND removed = 0 ORDER BY seq",
                                                   NULL);
  GListStore *steps = g_list_store_new (LINEUP_TYPE_PROBE_EDIT);

  if (ed == NULL)
    return G_LIST_MODEL (steps);
  sqlite3_bind_int64 (ed, 1, probe_id);
  sqlite3_bind_int64 (ed, 2, edit_seq);
  while (sqlite3_step (ed) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) params = json_from_string ((const char *)sqlite3_column_text (ed, 2), NULL);
      g_autoptr(JsonObject) empty = json_object_new ();
      g_autoptr(LineupProbeEdit) e = NULL;

      e = g_object_new (LINEUP_TYPE_PROBE_EDIT,
                        "seq", (gint64)sqlite3_column_int64 (ed, 0),
                        "op", (const char *)sqlite3_column_text (ed, 1),
                        "params", params && JSON_NODE_HOLDS_OBJECT (params) ? json_node_get_object (params) : empty,
                        NULL);
      g_list_store_append (steps, e);
    }
  return G_LIST_MODEL (steps);
}

static GListModel *
candidates_load (sqlite3 *conn,
                 gint64   search_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
                                                   "SELECT c.rank, c.distance, c.similarity, c.face_id, c.subject_uuid, c.booking_number,"
                                                   " c.photo_sha256, s.label, s.person_id, b.booking_date,"
                                                   " f.box_left, f.box_top, f.box_right, f.box_bottom, f.landmarks"
                                                   " FROM candidates c LEFT JOIN subjects s ON s.uuid = c.subject_uuid"
                                                   " LEFT JOIN bookings b ON b.booking_number = c.booking_number"
                                                   " LEFT JOIN faces f ON f.id = c.face_id WHERE c.search_id = ? ORDER BY c.rank",
                                                   NULL);
  GListStore *candidates = g_list_store_new (LINEUP_TYPE_CANDIDATE);

  if (st == NULL)
    return G_LIST_MODEL (candidates);
  sqlite3_bind_int64 (st, 1, search_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(GArray) landmarks = lineup_db_landmarks_from_column (st, 14);
      g_autoptr(LineupCandidate) c = NULL;
      LineupBox box;
      gboolean  has_box = lineup_db_box_from_columns (st, 10, &box);

      c = g_object_new (LINEUP_TYPE_CANDIDATE,
                        "rank", (gint64)sqlite3_column_int64 (st, 0),
                        "distance", lineup_db_round4 (sqlite3_column_double (st, 1)),
                        "similarity", lineup_db_round4 (sqlite3_column_double (st, 2)),
                        "face-id", (gint64)sqlite3_column_int64 (st, 3),
                        "subject-id", (const char *)sqlite3_column_text (st, 4),
                        "label", sqlite3_column_type (st, 7) == SQLITE_NULL ? _("(purged)") : (const char *)sqlite3_column_text (st, 7),
                        "person-id", (const char *)sqlite3_column_text (st, 8),
                        "booking-number", (const char *)sqlite3_column_text (st, 5),
                        "photo-sha256", (const char *)sqlite3_column_text (st, 6),
                        "booking-date", (const char *)sqlite3_column_text (st, 9),
                        "box", has_box ? &box : NULL,
                        "landmarks", landmarks,
                        NULL);
      g_list_store_append (candidates, c);
    }
  return G_LIST_MODEL (candidates);
}

LineupSearch *
lineup_db_search_load (sqlite3 *conn,
                       gint64   search_id,
                       gboolean with_decisions)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
                                                   "SELECT s.id, c.number, s.probe_id, s.edit_seq, s.model_id, m.sha256, s.threshold, s.top_k,"
                                                   " s.gallery_size, s.no_hit, s.created_at, u.name, s.probe_face_json, p.sha256"
                                                   " FROM searches s JOIN cases c ON c.id = s.case_id JOIN users u ON u.id = s.created_by"
                                                   " JOIN probes p ON p.id = s.probe_id LEFT JOIN models m ON m.id = s.model_id WHERE s.id = ?",
                                                   NULL);
  g_autoptr(JsonNode) face = NULL;
  g_autoptr(GListModel) edits = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) decisions = NULL;

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, search_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  face = json_from_string ((const char *)sqlite3_column_text (st, 12), NULL);
  edits = searched_edits_load (conn, sqlite3_column_int64 (st, 2), sqlite3_column_int64 (st, 3));
  candidates = candidates_load (conn, search_id);
  groups = lineup_candidate_groups_new (candidates);
  if (with_decisions)
    decisions = decisions_load (conn, search_id);
  return lineup_search_new (sqlite3_column_int64 (st, 0),
                            (const char *)sqlite3_column_text (st, 1),
                            sqlite3_column_int64 (st, 2),
                            (const char *)sqlite3_column_text (st, 13),
                            sqlite3_column_int64 (st, 3),
                            (const char *)sqlite3_column_text (st, 4),
                            (const char *)sqlite3_column_text (st, 5),
                            sqlite3_column_double (st, 6),
                            sqlite3_column_int64 (st, 7),
                            sqlite3_column_int64 (st, 8),
                            sqlite3_column_int (st, 9) != 0,
                            (const char *)sqlite3_column_text (st, 10),
                            (const char *)sqlite3_column_text (st, 11),
                            face && JSON_NODE_HOLDS_OBJECT (face) ? json_node_get_object (face) : NULL,
                            edits, candidates, groups, decisions);
}

/* the search */

static void
search_job (LineupDbThread *t,
            GTask          *task)
{
  SearchJobRequest *r = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(JsonBuilder) fb = json_builder_new ();
  g_autoptr(JsonNode) face_node = NULL;
  g_autofree char      *face_json = NULL;
  g_autofree char      *model_sha = NULL;
  g_autofree char      *search_uuid = g_uuid_string_random ();
  g_autofree LineupHit *hits = NULL;
  const char           *model_id;
  LineupPolicy          policy;
  LineupGalleryIndex   *cache;
  GError               *error = NULL;
  gint64                case_id = 0, search_id;
  guint                 n_hits, gallery_size;
  g_autoptr(LineupSearch) result = NULL;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_SEARCH, "case", r->number) ||
      !lineup_db_case_open_for_work (t, task, r->actor, r->number, &case_id))
    return;
  if (!lineup_db_policy_read (t->conn, &policy, &error))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  {
    g_autofree char *pc = lineup_db_probe_case (t->conn, r->probe_id);
    if (g_strcmp0 (pc, r->number) != 0)
      {
        g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                                 _("Probe %" G_GINT64_FORMAT " does not belong to case %s"), r->probe_id,
                                 r->number);
        return;
      }
  }
  {
    /* 0 is the original; otherwise a step still in the current version. */
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM probe_edits WHERE probe_id = %" G_GINT64_FORMAT
                                            " AND seq = %" G_GINT64_FORMAT " AND removed = 0",
                                            r->probe_id, r->edit_seq);
    if (r->edit_seq < 0 || (r->edit_seq > 0 && lineup_db_query_int64 (t->conn, sql) != 1))
      {
        g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                                 _("Probe %" G_GINT64_FORMAT " has no edit step %" G_GINT64_FORMAT),
                                 r->probe_id, r->edit_seq);
        return;
      }
  }
  lineup_case_policy_fill_defaults (&policy, &r->top_k, &r->threshold);
  if (!lineup_case_policy_check_top_k (&policy, r->top_k, &error) ||
      !lineup_case_policy_check_threshold (&policy, r->threshold, &error))
    {
      lineup_db_case_refuse (t, task, r->actor, "case", r->number, error);
      return;
    }

  /* Descriptors of different models are never compared. */
  model_id = lineup_face_get_model_id (r->face);
  if (model_id == NULL || lineup_face_get_descriptor (r->face) == NULL)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                               _("The probe face has no descriptor"));
      return;
    }
  if (!(st = lineup_db_prepare (t->conn, "SELECT sha256 FROM models WHERE id = ?", &error)))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_text (st, 1, model_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    model_sha = lineup_db_column_dup (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);
  if (model_sha != NULL && r->model_sha256 != NULL && g_strcmp0 (model_sha, r->model_sha256) != 0)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_MODEL,
                               _("The probe was described with a different network file (%.12s…) "
                                 "than the gallery (%.12s…); their descriptors cannot be compared."),
                               r->model_sha256, model_sha);
      return;
    }
  if (model_sha == NULL)
    {
      /* An empty gallery has no model row yet; record the probe's. */
      g_autoptr(sqlite3_stmt) ins = lineup_db_prepare (t->conn,
                                                        "INSERT OR IGNORE INTO models (id, kind, sha256, dims)"
                                                        " VALUES (?, 'descriptor', ?, 128)",
                                                        NULL);
      if (ins != NULL)
        {
          sqlite3_bind_text (ins, 1, model_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (ins, 2, r->model_sha256 ? r->model_sha256 : LINEUP_RESNET_SHA256, -1,
                             SQLITE_TRANSIENT);
          sqlite3_step (ins);
        }
    }

  report_progress (r, 0.0);
  if (!(cache = cache_sync (t, r, model_id, policy.include_excluded, &error)))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  gallery_size = lineup_index_get_size (lineup_gallery_index_get_index (cache));
  hits = g_new0 (LineupHit, r->top_k);
  n_hits = lineup_index_search (lineup_gallery_index_get_index (cache), lineup_face_get_descriptor (r->face), r->top_k,
                                (float)r->threshold, hits);
  report_progress (r, 0.95);

  /* With its landmarks: the record of what was searched, and what a
   * reviewer's view overlays. */
  lineup_face_to_json (r->face, fb, TRUE);
  face_node = json_builder_get_root (fb);
  json_object_set_string_member (json_node_get_object (face_node), "model", model_id);
  {
    g_auto(GStrv) reasons = g_strdupv ((GStrv)lineup_face_get_reasons (r->face));
    g_autofree char *r = g_strjoinv (" ", reasons);
    json_object_set_string_member (json_node_get_object (face_node), "reasons", r);
  }
  face_json = lineup_db_node_to_string (face_node);

  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO searches (uuid, case_id, probe_id, edit_seq, probe_face_json,"
                                " model_id, top_k, threshold, gallery_size, no_hit, created_by)"
                                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_text (st, 1, search_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, case_id);
  sqlite3_bind_int64 (st, 3, r->probe_id);
  sqlite3_bind_int64 (st, 4, r->edit_seq);
  sqlite3_bind_text (st, 5, face_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, model_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 7, r->top_k);
  sqlite3_bind_double (st, 8, r->threshold);
  sqlite3_bind_int (st, 9, gallery_size);
  sqlite3_bind_int (st, 10, n_hits == 0);
  sqlite3_bind_int64 (st, 11, lineup_user_get_id (r->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  search_id = sqlite3_last_insert_rowid (t->conn);
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = lineup_db_prepare (t->conn,
                                "INSERT INTO candidates (search_id, rank, face_id, subject_uuid,"
                                " booking_number, photo_sha256, distance, similarity)"
                                " SELECT ?1, ?2, f.id, s.uuid, b.booking_number, p.sha256, ?4, ?5"
                                " FROM faces f JOIN photos p ON p.id = f.photo_id"
                                " JOIN bookings b ON b.id = p.booking_id JOIN subjects s ON s.id = b.subject_id"
                                " WHERE f.id = ?3",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  for (guint i = 0; i < n_hits; i++)
    {
      sqlite3_reset (st);
      sqlite3_bind_int64 (st, 1, search_id);
      sqlite3_bind_int (st, 2, i + 1);
      sqlite3_bind_int64 (st, 3, hits[i].id);
      sqlite3_bind_double (st, 4, hits[i].distance);
      sqlite3_bind_double (st, 5, lineup_similarity_from_distance (hits[i].distance));
      if (!lineup_db_step_done (t->conn, st, &error))
        {
          lineup_db_case_fail (t, task, error, TRUE);
          return;
        }
    }

  result = lineup_db_search_load (t->conn, search_id, FALSE);
  {
    /* The audit entry carries the whole request and result list. */
    g_autoptr(JsonObject) det = json_object_new ();
    JsonArray       *list = json_array_new ();
    GListModel      *cands = result ? lineup_search_get_candidates (result) : NULL;
    g_autofree char *details = NULL;
    g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, search_id);

    json_object_set_string_member (det, "case", r->number);
    json_object_set_int_member (det, "probe", r->probe_id);
    json_object_set_int_member (det, "edit_seq", r->edit_seq);
    json_object_set_string_member (det, "model", model_id);
    json_object_set_string_member (det, "model_sha256", r->model_sha256 ? r->model_sha256 : "");
    json_object_set_int_member (det, "top_k", r->top_k);
    json_object_set_double_member (det, "threshold", r->threshold);
    json_object_set_int_member (det, "gallery_size", gallery_size);
    json_object_set_boolean_member (det, "no_hit", n_hits == 0);
    json_object_set_member (det, "probe_face", json_node_copy (face_node));
    for (guint i = 0; cands != NULL && i < g_list_model_get_n_items (cands); i++)
      {
        g_autoptr(LineupCandidate) c = g_list_model_get_item (cands, i);
        JsonObject *e = json_object_new ();
        json_object_set_int_member (e, "rank", lineup_candidate_get_rank (c));
        json_object_set_string_member (e, "booking_number", lineup_candidate_get_booking_number (c));
        json_object_set_string_member (e, "photo_sha256", lineup_candidate_get_photo_sha256 (c));
        json_object_set_double_member (e, "distance", lineup_candidate_get_distance (c));
        json_array_add_object_element (list, e);
      }
    json_object_set_array_member (det, "candidates", list);
    details = lineup_db_object_to_string (det);
    if (!lineup_db_audit_append (t->conn, lineup_user_get_name (r->actor), "search.run", "search", sid, details,
                                 &error) ||
        !lineup_db_exec (t->conn, "COMMIT", &error))
      {
        lineup_db_case_fail (t, task, error, TRUE);
        return;
      }
  }
  report_progress (r, 1.0);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static SearchJobRequest *
search_job_request (LineupUser                *actor,
                    const LineupSearchRequest *request)
{
  SearchJobRequest *r = g_new0 (SearchJobRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->number = g_strdup (request->case_number);
  r->probe_id = request->probe_id;
  r->edit_seq = request->edit_seq;
  r->face = request->face ? g_object_ref (request->face) : NULL;
  r->model_sha256 = g_strdup (request->model_sha256);
  r->top_k = request->top_k;
  r->threshold = request->threshold;
  return r;
}

static gboolean
search_request_ok (const LineupSearchRequest *r,
                   GError                   **error)
{
  if (r == NULL || r->face == NULL)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                           _("A search needs a probe face"));
      return FALSE;
    }
  return TRUE;
}

LineupSearch *
lineup_db_search_sync (LineupDb                  *db,
                       LineupUser                *actor,
                       const LineupSearchRequest *request,
                       GError                   **error)
{
  if (!search_request_ok (request, error))
    return NULL;
  return lineup_db_run_sync (db, search_job, search_job_request (actor, request),
                             (GDestroyNotify)search_job_request_free, error);
}

void
lineup_db_search_async (LineupDb                  *db,
                        LineupUser                *actor,
                        const LineupSearchRequest *request,
                        LineupSearchProgressFunc   progress,
                        gpointer                   progress_data,
                        GCancellable              *cancellable,
                        GAsyncReadyCallback        callback,
                        gpointer                   user_data)
{
  GError           *error = NULL;
  SearchJobRequest *r;

  if (!search_request_ok (request, &error))
    {
      g_task_report_error (db, callback, user_data, lineup_db_search_async, error);
      return;
    }
  r = search_job_request (actor, request);
  r->progress = progress;
  r->progress_data = progress_data;
  r->context = g_main_context_ref_thread_default ();
  lineup_db_run_async (db, search_job, r, (GDestroyNotify)search_job_request_free, cancellable, callback,
                       user_data);
}

LineupSearch *
lineup_db_search_finish (LineupDb     *db,
                         GAsyncResult *result,
                         GError      **error)
{
  if (g_async_result_is_tagged (result, lineup_db_search_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return lineup_db_run_finish (db, result, error);
}

typedef struct
{
  LineupUser *actor;
  gint64      search_id;
} SearchGetRequest;

static void
search_get_request_free (SearchGetRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r);
}

static SearchGetRequest *
search_get_request (LineupUser *actor,
                    gint64      search_id)
{
  SearchGetRequest *r = g_new0 (SearchGetRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->search_id = search_id;
  return r;
}

static void
search_get_job (LineupDbThread *t,
                GTask          *task)
{
  SearchGetRequest *r = g_task_get_task_data (task);
  g_autofree char  *sid = g_strdup_printf ("%" G_GINT64_FORMAT, r->search_id);
  g_autofree char  *details = NULL;
  g_autoptr(LineupSearch) s = NULL;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_CASE, "search", sid))
    return;
  if (!(s = lineup_db_search_load (t->conn, r->search_id, TRUE)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no search %s"), sid);
      return;
    }
  details = lineup_db_json_strings ("case", lineup_search_get_case_number (s), NULL);
  if (!lineup_db_audit_append_task (t, task, r->actor, "search.view", "search", sid, details))
    return;
  g_task_return_pointer (task, g_steal_pointer (&s), g_object_unref);
}

LineupSearch *
lineup_db_search_get_sync (LineupDb   *db,
                           LineupUser *actor,
                           gint64      search_id,
                           GError    **error)
{
  return lineup_db_run_sync (db, search_get_job, search_get_request (actor, search_id),
                             (GDestroyNotify)search_get_request_free, error);
}

void
lineup_db_search_get_async (LineupDb           *db,
                            LineupUser         *actor,
                            gint64              search_id,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  lineup_db_run_async (db, search_get_job, search_get_request (actor, search_id),
                       (GDestroyNotify)search_get_request_free, cancellable, callback, user_data);
}

LineupSearch *
lineup_db_search_get_finish (LineupDb     *db,
                             GAsyncResult *result,
                             GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* candidate views */

typedef struct
{
  LineupUser *actor;
  gint64      search_id;
  gint64      rank;
  gboolean    blind;
} ViewedRequest;

static void
viewed_request_free (ViewedRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r);
}

static void
viewed_job (LineupDbThread *t,
            GTask          *task)
{
  ViewedRequest   *r = g_task_get_task_data (task);
  g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, r->search_id);
  g_autofree char *rank = g_strdup_printf ("%" G_GINT64_FORMAT, r->rank);
  g_autofree char *number = NULL;
  g_autofree char *details = NULL;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_CASE, "search", sid))
    return;
  number = lineup_db_search_case (t->conn, r->search_id);
  details = lineup_db_json_strings ("case", number ? number : "", "rank", rank, "blind",
                                    r->blind ? "true" : "false", NULL);
  if (lineup_db_audit_append_task (t, task, r->actor, "candidate.view", "search", sid, details))
    g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

static void
viewed_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_db_run_finish (LINEUP_DB (source), result, &error))
    g_warning ("Could not audit a candidate view: %s", error->message);
}

void
lineup_db_candidate_viewed (LineupDb   *db,
                            LineupUser *actor,
                            gint64      search_id,
                            gint64      rank,
                            gboolean    blind)
{
  ViewedRequest *r = g_new0 (ViewedRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->search_id = search_id;
  r->rank = rank;
  r->blind = blind;
  lineup_db_run_async (db, viewed_job, r, (GDestroyNotify)viewed_request_free, NULL, viewed_done, NULL);
}
