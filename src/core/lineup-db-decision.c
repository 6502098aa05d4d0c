/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-decision.c: decisions on candidates, the review queue and
 * reviews (database thread jobs). "One review per decision" is checked here
 * for the message and held by the schema's UNIQUE index for every writer. */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lineup-case-policy.h"
#include "lineup-db-case-private.h"
#include "lineup-error.h"

/* decisions */

static LineupDecision *
decision_load (sqlite3 *conn,
               gint64   decision_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
                                                   "SELECT d.id, d.search_id, d.rank, d.decision, d.note, u.name, d.created_at, c.booking_number"
                                                   " FROM decisions d JOIN users u ON u.id = d.created_by"
                                                   " JOIN candidates c ON c.search_id = d.search_id AND c.rank = d.rank WHERE d.id = ?",
                                                   NULL);

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, decision_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  return g_object_new (LINEUP_TYPE_DECISION,
                       "id", (gint64)sqlite3_column_int64 (st, 0),
                       "search-id", (gint64)sqlite3_column_int64 (st, 1),
                       "rank", (gint64)sqlite3_column_int64 (st, 2),
                       "decision", (const char *)sqlite3_column_text (st, 3),
                       "note", (const char *)sqlite3_column_text (st, 4),
                       "user", (const char *)sqlite3_column_text (st, 5),
                       "created-at", (const char *)sqlite3_column_text (st, 6),
                       "booking-number", (const char *)sqlite3_column_text (st, 7),
                       NULL);
}

typedef struct
{
  LineupUser        *actor;
  gint64             search_id;
  gint64             rank;
  LineupDecisionKind decision;
  char              *note;
} DecideRequest;

static void
decide_request_free (DecideRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r->note);
  g_free (r);
}

static void
decide_job (LineupDbThread *t,
            GTask          *task)
{
  DecideRequest   *r = g_task_get_task_data (task);
  g_autofree char *number = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, r->search_id);
  g_autofree char *rank = g_strdup_printf ("%" G_GINT64_FORMAT, r->rank);
  g_autofree char *details = NULL;
  g_autofree char *did = NULL;
  GError          *error = NULL;
  gint64           decision_id;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_DECIDE, "search", sid))
    return;
  if (!(number = lineup_db_search_case (t->conn, r->search_id)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no search %s"), sid);
      return;
    }
  if (r->note)
    g_strstrip (r->note);
  if (!lineup_case_policy_check_note (r->note, &error))
    {
      lineup_db_case_refuse (t, task, r->actor, "search", sid, error);
      return;
    }
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO decisions (search_id, rank, decision, note, created_by)"
                                " SELECT search_id, rank, ?3, ?4, ?5 FROM candidates"
                                " WHERE search_id = ?1 AND rank = ?2",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, r->search_id);
  sqlite3_bind_int64 (st, 2, r->rank);
  sqlite3_bind_text (st, 3, lineup_decision_to_string (r->decision), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, r->note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 5, lineup_user_get_id (r->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  if (sqlite3_changes (t->conn) == 0)
    {
      lineup_db_exec (t->conn, "ROLLBACK", NULL);
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("Search %s has no candidate at rank %s"), sid, rank);
      return;
    }
  decision_id = sqlite3_last_insert_rowid (t->conn);
  did = g_strdup_printf ("%" G_GINT64_FORMAT, decision_id);
  if (r->decision == LINEUP_DECISION_POSSIBLE_LEAD)
    {
      char    *sql = sqlite3_mprintf ("UPDATE cases SET status = 'lead_pending' WHERE number = %Q"
                                         " AND status = 'open'",
                                      number);
      gboolean ok = lineup_db_exec (t->conn, sql, &error);

      sqlite3_free (sql);
      if (!ok)
        {
          lineup_db_case_fail (t, task, error, TRUE);
          return;
        }
    }
  details = lineup_db_json_strings ("case", number, "search", sid, "rank", rank, "decision",
                                    lineup_decision_to_string (r->decision), "note", r->note, NULL);
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (r->actor), "decision.record", "decision", did, details,
                               &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  g_task_return_pointer (task, decision_load (t->conn, decision_id), g_object_unref);
}

static DecideRequest *
decide_request (LineupUser        *actor,
                gint64             search_id,
                gint64             rank,
                LineupDecisionKind decision,
                const char        *note)
{
  DecideRequest *r = g_new0 (DecideRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->search_id = search_id;
  r->rank = rank;
  r->decision = decision;
  r->note = g_strdup (note);
  return r;
}

LineupDecision *
lineup_db_decide_sync (LineupDb          *db,
                       LineupUser        *actor,
                       gint64             search_id,
                       gint64             rank,
                       LineupDecisionKind decision,
                       const char        *note,
                       GError           **error)
{
  return lineup_db_run_sync (db, decide_job, decide_request (actor, search_id, rank, decision, note),
                             (GDestroyNotify)decide_request_free, error);
}

void
lineup_db_decide_async (LineupDb           *db,
                        LineupUser         *actor,
                        gint64              search_id,
                        gint64              rank,
                        LineupDecisionKind  decision,
                        const char         *note,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  lineup_db_run_async (db, decide_job, decide_request (actor, search_id, rank, decision, note),
                       (GDestroyNotify)decide_request_free, cancellable, callback, user_data);
}

LineupDecision *
lineup_db_decide_finish (LineupDb     *db,
                         GAsyncResult *result,
                         GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* reviews */

static void
queue_job (LineupDbThread *t,
           GTask          *task)
{
  LineupUser *actor = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GListStore) entries = NULL;
  GError *error = NULL;

  if (!lineup_db_authorize_task (t, task, actor, LINEUP_PERMISSION_REVIEW, "review", NULL))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT d.id, c.number, o.label, d.search_id, d.rank, d.note, u.name, d.created_at,"
                                " d.created_by = ?1, p.sha256, s.edit_seq, ca.photo_sha256, ca.booking_number,"
                                " coalesce(sj.label, ''), ca.distance, ca.similarity, s.probe_face_json, c.offence,"
                                " f.box_left, f.box_top, f.box_right, f.box_bottom, f.landmarks"
                                " FROM decisions d JOIN users u ON u.id = d.created_by"
                                " JOIN searches s ON s.id = d.search_id JOIN cases c ON c.id = s.case_id"
                                " JOIN offence_categories o ON o.code = c.offence JOIN probes p ON p.id = s.probe_id"
                                " JOIN candidates ca ON ca.search_id = d.search_id AND ca.rank = d.rank"
                                " LEFT JOIN subjects sj ON sj.uuid = ca.subject_uuid LEFT JOIN faces f ON f.id = ca.face_id"
                                " WHERE d.decision = 'possible_lead' AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.decision_id = d.id)"
                                " ORDER BY d.id",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_int64 (st, 1, lineup_user_get_id (actor));
  entries = g_list_store_new (LINEUP_TYPE_QUEUE_ENTRY);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) face = json_from_string ((const char *)sqlite3_column_text (st, 16), NULL);
      g_autoptr(GArray) landmarks = lineup_db_landmarks_from_column (st, 22);
      g_autoptr(LineupDecision) decision = NULL;
      g_autoptr(LineupCandidate) candidate = NULL;
      g_autoptr(LineupQueueEntry) entry = NULL;
      LineupBox box;
      gboolean  has_box = lineup_db_box_from_columns (st, 18, &box);

      decision = g_object_new (LINEUP_TYPE_DECISION,
                               "id", (gint64)sqlite3_column_int64 (st, 0),
                               "search-id", (gint64)sqlite3_column_int64 (st, 3),
                               "rank", (gint64)sqlite3_column_int64 (st, 4),
                               "decision", "possible_lead",
                               "note", (const char *)sqlite3_column_text (st, 5),
                               "user", (const char *)sqlite3_column_text (st, 6),
                               "created-at", (const char *)sqlite3_column_text (st, 7),
                               "booking-number", (const char *)sqlite3_column_text (st, 12),
                               NULL);
      candidate = g_object_new (LINEUP_TYPE_CANDIDATE,
                                "rank", (gint64)sqlite3_column_int64 (st, 4),
                                "distance", lineup_db_round4 (sqlite3_column_double (st, 14)),
                                "similarity", lineup_db_round4 (sqlite3_column_double (st, 15)),
                                "label", (const char *)sqlite3_column_text (st, 13),
                                "booking-number", (const char *)sqlite3_column_text (st, 12),
                                "photo-sha256", (const char *)sqlite3_column_text (st, 11),
                                "box", has_box ? &box : NULL,
                                "landmarks", landmarks,
                                NULL);
      entry = g_object_new (LINEUP_TYPE_QUEUE_ENTRY,
                            "decision", decision,
                            "candidate", candidate,
                            "case-number", (const char *)sqlite3_column_text (st, 1),
                            "offence-label", (const char *)sqlite3_column_text (st, 2),
                            "offence-code", (const char *)sqlite3_column_text (st, 17),
                            "own", sqlite3_column_int (st, 8) != 0,
                            "probe-sha256", (const char *)sqlite3_column_text (st, 9),
                            "edit-seq", (gint64)sqlite3_column_int64 (st, 10),
                            "probe-face", face && JSON_NODE_HOLDS_OBJECT (face) ? json_node_get_object (face) : NULL,
                            NULL);
      g_list_store_append (entries, entry);
    }
  g_task_return_pointer (task, g_steal_pointer (&entries), g_object_unref);
}

GListModel *
lineup_db_review_queue_sync (LineupDb   *db,
                             LineupUser *actor,
                             GError    **error)
{
  return lineup_db_run_sync (db, queue_job, actor ? g_object_ref (actor) : NULL, lineup_db_case_actor_unref,
                             error);
}

void
lineup_db_review_queue_async (LineupDb           *db,
                              LineupUser         *actor,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  lineup_db_run_async (db, queue_job, actor ? g_object_ref (actor) : NULL, lineup_db_case_actor_unref,
                       cancellable, callback, user_data);
}

GListModel *
lineup_db_review_queue_finish (LineupDb     *db,
                               GAsyncResult *result,
                               GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

typedef struct
{
  LineupUser *actor;
  gint64      decision_id;
  gboolean    approve;
  char       *comment;
} ReviewRequest;

static void
review_request_free (ReviewRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r->comment);
  g_free (r);
}

static void
review_job (LineupDbThread *t,
            GTask          *task)
{
  ReviewRequest   *r = g_task_get_task_data (task);
  g_autofree char *number = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *did = g_strdup_printf ("%" G_GINT64_FORMAT, r->decision_id);
  g_autofree char *details = NULL;
  g_autofree char *decision = NULL;
  GError          *error = NULL;
  gint64           author = 0, reviews = 0, case_id = 0;
  const char      *verdict = r->approve ? "approved" : "rejected";

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_REVIEW, "decision", did))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT d.created_by, d.decision, c.number, c.id,"
                                " (SELECT count(*) FROM reviews r WHERE r.decision_id = d.id)"
                                " FROM decisions d JOIN searches s ON s.id = d.search_id"
                                " JOIN cases c ON c.id = s.case_id WHERE d.id = ?",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_int64 (st, 1, r->decision_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no decision %s"), did);
      return;
    }
  author = sqlite3_column_int64 (st, 0);
  decision = lineup_db_column_dup (st, 1);
  number = lineup_db_column_dup (st, 2);
  case_id = sqlite3_column_int64 (st, 3);
  reviews = sqlite3_column_int64 (st, 4);
  g_clear_pointer (&st, sqlite3_finalize);

  if (!lineup_case_policy_check_reviewable (r->decision_id, decision, reviews, &error))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  if (r->comment)
    g_strstrip (r->comment);
  if (!lineup_case_policy_check_reviewer (lineup_user_get_id (r->actor), author, &error) ||
      !lineup_case_policy_check_comment (r->comment, &error))
    {
      lineup_db_case_refuse (t, task, r->actor, "decision", did, error);
      return;
    }
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO reviews (decision_id, verdict, comment, reviewed_by) VALUES (?,?,?,?)",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, r->decision_id);
  sqlite3_bind_text (st, 2, verdict, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, r->comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, lineup_user_get_id (r->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  g_clear_pointer (&st, sqlite3_finalize);
  {
    /* The case's status follows its leads: approved once any is approved,
     * pending while any waits, open otherwise. */
    g_autofree char *sql = g_strdup_printf (
      "UPDATE cases SET status = CASE"
      " WHEN EXISTS (SELECT 1 FROM reviews r JOIN decisions d ON d.id = r.decision_id"
      "   JOIN searches s ON s.id = d.search_id WHERE s.case_id = %1$" G_GINT64_FORMAT " AND r.verdict = 'approved')"
      "   THEN 'lead_approved'"
      " WHEN EXISTS (SELECT 1 FROM decisions d JOIN searches s ON s.id = d.search_id"
      "   WHERE s.case_id = %1$" G_GINT64_FORMAT " AND d.decision = 'possible_lead'"
      "   AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.decision_id = d.id)) THEN 'lead_pending'"
      " ELSE 'open' END WHERE id = %1$" G_GINT64_FORMAT " AND status != 'closed'",
      case_id);
    if (!lineup_db_exec (t->conn, sql, &error))
      {
        lineup_db_case_fail (t, task, error, TRUE);
        return;
      }
  }
  details = lineup_db_json_strings ("case", number, "verdict", verdict, "comment", r->comment, NULL);
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (r->actor), r->approve ? "review.approve" : "review.reject",
                               "decision", did, details, &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  {
    g_autoptr(LineupCase) c = lineup_db_case_lookup (t->conn, number, NULL);
    g_autofree char *now = NULL;
    g_autoptr(sqlite3_stmt) when = lineup_db_prepare (t->conn, "SELECT created_at FROM reviews WHERE decision_id = ?",
                                                       NULL);

    if (when != NULL)
      {
        sqlite3_bind_int64 (when, 1, r->decision_id);
        if (sqlite3_step (when) == SQLITE_ROW)
          now = lineup_db_column_dup (when, 0);
      }
    g_task_return_pointer (task,
                           g_object_new (LINEUP_TYPE_REVIEW,
                                         "decision-id", r->decision_id,
                                         "case-number", number,
                                         "verdict", verdict,
                                         "comment", r->comment,
                                         "user", lineup_user_get_name (r->actor),
                                         "created-at", now,
                                         "case-status", c ? lineup_case_get_status (c) : "",
                                         NULL),
                           g_object_unref);
  }
}

static ReviewRequest *
review_request (LineupUser *actor,
                gint64      decision_id,
                gboolean    approve,
                const char *comment)
{
  ReviewRequest *r = g_new0 (ReviewRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->decision_id = decision_id;
  r->approve = approve;
  r->comment = g_strdup (comment);
  return r;
}

LineupReview *
lineup_db_review_sync (LineupDb   *db,
                       LineupUser *actor,
                       gint64      decision_id,
                       gboolean    approve,
                       const char *comment,
                       GError    **error)
{
  return lineup_db_run_sync (db, review_job, review_request (actor, decision_id, approve, comment),
                             (GDestroyNotify)review_request_free, error);
}

void
lineup_db_review_async (LineupDb           *db,
                        LineupUser         *actor,
                        gint64              decision_id,
                        gboolean            approve,
                        const char         *comment,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  lineup_db_run_async (db, review_job, review_request (actor, decision_id, approve, comment),
                       (GDestroyNotify)review_request_free, cancellable, callback, user_data);
}

LineupReview *
lineup_db_review_finish (LineupDb     *db,
                         GAsyncResult *result,
                         GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}
