/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-case.c: cases (database thread jobs), and the helpers the case
 * layer's other jobs share (lineup-db-case-private.h).
 *
 * The case layer keeps one file per object, as epiphany keeps one per
 * table: cases here, probes in lineup-db-probe.c, the search and its index
 * in lineup-db-search.c, decisions and reviews in lineup-db-decision.c and
 * the dossier in lineup-db-dossier.c. Each job has its own request struct;
 * the rules they apply are the pure functions of lineup-case-policy.c.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "lineup-case-policy.h"
#include "lineup-db-case-private.h"
#include "lineup-error.h"

/* shared helpers */

void
lineup_db_case_fail (LineupDbThread *t,
                     GTask          *task,
                     GError         *error,
                     gboolean        rollback)
{
  if (rollback)
    lineup_db_exec (t->conn, "ROLLBACK", NULL);
  g_task_return_error (task, error);
}

void
lineup_db_case_refuse (LineupDbThread *t,
                       GTask          *task,
                       LineupUser     *actor,
                       const char     *object_type,
                       const char     *object_id,
                       GError         *error)
{
  g_autofree char *details = lineup_db_json_strings ("reason", error->message, NULL);

  lineup_db_audit_append (t->conn, lineup_user_get_name (actor), "refused", object_type, object_id, details, NULL);
  g_task_return_error (task, error);
}

char *
lineup_db_node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

char *
lineup_db_object_to_string (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  return lineup_db_node_to_string (node);
}

double
lineup_db_round4 (double value)
{
  return round (value * 1e4) / 1e4;
}

gboolean
lineup_db_box_from_columns (sqlite3_stmt *st,
                            int           i,
                            LineupBox    *box)
{
  if (sqlite3_column_type (st, i) == SQLITE_NULL)
    return FALSE;
  box->left = sqlite3_column_double (st, i);
  box->top = sqlite3_column_double (st, i + 1);
  box->right = sqlite3_column_double (st, i + 2);
  box->bottom = sqlite3_column_double (st, i + 3);
  return TRUE;
}

/* Stored so that a viewer never has to find the face again. */
GArray *
lineup_db_landmarks_from_column (sqlite3_stmt *st,
                                 int           i)
{
  const float *pts;
  GArray      *points;

  if (sqlite3_column_bytes (st, i) != LINEUP_SHIM_N_LANDMARKS * 2 * sizeof (float))
    return NULL;
  pts = sqlite3_column_blob (st, i);
  points = g_array_sized_new (FALSE, FALSE, sizeof (LineupPoint), LINEUP_SHIM_N_LANDMARKS);
  for (int k = 0; k < LINEUP_SHIM_N_LANDMARKS; k++)
    {
      LineupPoint p = { round (pts[2 * k] * 10) / 10, round (pts[2 * k + 1] * 10) / 10 };

      g_array_append_val (points, p);
    }
  return points;
}

static char *
single_text (sqlite3    *conn,
             const char *sql,
             gint64      id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn, sql, NULL);

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  return sqlite3_step (st) == SQLITE_ROW ? lineup_db_column_dup (st, 0) : NULL;
}

char *
lineup_db_probe_case (sqlite3 *conn,
                      gint64   probe_id)
{
  return single_text (conn, "SELECT c.number FROM probes p JOIN cases c ON c.id = p.case_id WHERE p.id = ?",
                      probe_id);
}

char *
lineup_db_search_case (sqlite3 *conn,
                       gint64   search_id)
{
  return single_text (conn, "SELECT c.number FROM searches s JOIN cases c ON c.id = s.case_id WHERE s.id = ?",
                      search_id);
}

/* cases */

LineupCase *
lineup_db_case_lookup (sqlite3    *conn,
                       const char *number,
                       gint64     *id)
{
  g_autoptr(sqlite3_stmt) st = NULL;

  st = lineup_db_prepare (conn,
                          "SELECT c.id, c.number, c.offence, o.label, c.reason, c.status, u.name,"
                          " c.created_at, o.search_allowed,"
                          " (SELECT count(*) FROM searches s WHERE s.case_id = c.id)"
                          " FROM cases c JOIN offence_categories o ON o.code = c.offence"
                          " JOIN users u ON u.id = c.created_by WHERE c.number = ?",
                          NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  if (id)
    *id = sqlite3_column_int64 (st, 0);
  return g_object_new (LINEUP_TYPE_CASE,
                       "id", (gint64)sqlite3_column_int64 (st, 0),
                       "number", (const char *)sqlite3_column_text (st, 1),
                       "offence", (const char *)sqlite3_column_text (st, 2),
                       "offence-label", (const char *)sqlite3_column_text (st, 3),
                       "reason", (const char *)sqlite3_column_text (st, 4),
                       "status", (const char *)sqlite3_column_text (st, 5),
                       "created-by", (const char *)sqlite3_column_text (st, 6),
                       "created-at", (const char *)sqlite3_column_text (st, 7),
                       "search-allowed", sqlite3_column_int (st, 8) != 0,
                       "searches", (gint64)sqlite3_column_int64 (st, 9),
                       NULL);
}

gboolean
lineup_db_case_require (LineupDbThread *t,
                        GTask          *task,
                        const char     *number,
                        gint64         *id,
                        LineupCase    **out)
{
  LineupCase *c = number ? lineup_db_case_lookup (t->conn, number, id) : NULL;

  if (c == NULL)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("There is no case “%s”"), number ? number : "");
      return FALSE;
    }
  if (out)
    *out = c;
  else
    g_object_unref (c);
  return TRUE;
}

gboolean
lineup_db_case_open_for_work (LineupDbThread *t,
                              GTask          *task,
                              LineupUser     *actor,
                              const char     *number,
                              gint64         *case_id)
{
  g_autoptr(LineupCase) c = NULL;
  GError *error = NULL;

  if (!lineup_db_case_require (t, task, number, case_id, &c))
    return FALSE;
  if (!lineup_case_policy_check_case_open (number, lineup_case_get_status (c), lineup_case_get_offence (c),
                                           lineup_case_get_search_allowed (c), &error))
    {
      lineup_db_case_refuse (t, task, actor, "case", number, error);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  LineupUser *actor;
  char       *number;
  char       *offence;
  char       *reason;
} CaseNewRequest;

static void
case_new_request_free (CaseNewRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r->number);
  g_free (r->offence);
  g_free (r->reason);
  g_free (r);
}

static void
case_new_job (LineupDbThread *t,
              GTask          *task)
{
  CaseNewRequest *r = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *details = NULL;
  GError          *error = NULL;
  gint64           allowed;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_CASE, "case", r->number))
    return;
  if (r->number)
    g_strstrip (r->number);
  if (r->reason)
    g_strstrip (r->reason);
  if (!lineup_case_policy_check_number (r->number, &error))
    {
      lineup_db_case_refuse (t, task, r->actor, "case", NULL, error);
      return;
    }
  if (!lineup_case_policy_check_reason (r->number, r->reason, &error))
    {
      lineup_db_case_refuse (t, task, r->actor, "case", r->number, error);
      return;
    }
  if (!(st = lineup_db_prepare (t->conn, "SELECT search_allowed FROM offence_categories WHERE code = ?",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_text (st, 1, r->offence ? r->offence : "", -1, SQLITE_TRANSIENT);
  allowed = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int (st, 0) : -1;
  g_clear_pointer (&st, sqlite3_finalize);
  if (!lineup_case_policy_check_offence (r->offence, (int)allowed, &error))
    {
      lineup_db_case_refuse (t, task, r->actor, "case", r->number, error);
      return;
    }

  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO cases (uuid, number, offence, reason, created_by)"
                                " VALUES (?,?,?,?,?)",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, r->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, r->offence, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, r->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 5, lineup_user_get_id (r->actor));
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (t->conn) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (&error, LINEUP_ERROR, LINEUP_ERROR_EXISTS, _("Case “%s” exists already"),
                     r->number);
      else
        g_set_error (&error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (t->conn));
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  details = lineup_db_json_strings ("case", r->number, "offence", r->offence, "reason", r->reason, NULL);
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (r->actor), "case.open", "case", r->number, details,
                               &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  g_task_return_pointer (task, lineup_db_case_lookup (t->conn, r->number, NULL), g_object_unref);
}

static CaseNewRequest *
case_new_request (LineupUser *actor,
                  const char *number,
                  const char *offence,
                  const char *reason)
{
  CaseNewRequest *r = g_new0 (CaseNewRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->number = g_strdup (number);
  r->offence = g_strdup (offence);
  r->reason = g_strdup (reason);
  return r;
}

LineupCase *
lineup_db_case_new_sync (LineupDb   *db,
                         LineupUser *actor,
                         const char *number,
                         const char *offence,
                         const char *reason,
                         GError    **error)
{
  return lineup_db_run_sync (db, case_new_job, case_new_request (actor, number, offence, reason),
                             (GDestroyNotify)case_new_request_free, error);
}

void
lineup_db_case_new_async (LineupDb           *db,
                          LineupUser         *actor,
                          const char         *number,
                          const char         *offence,
                          const char         *reason,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  lineup_db_run_async (db, case_new_job, case_new_request (actor, number, offence, reason),
                       (GDestroyNotify)case_new_request_free, cancellable, callback, user_data);
}

LineupCase *
lineup_db_case_new_finish (LineupDb     *db,
                           GAsyncResult *result,
                           GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

void
lineup_db_case_actor_unref (gpointer actor)
{
  g_clear_object (&actor);
}

/* Listing needs only the actor: the user is the request. */
static void
case_list_job (LineupDbThread *t,
               GTask          *task)
{
  LineupUser *actor = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GListStore) cases = NULL;
  GError *error = NULL;

  if (!lineup_db_authorize_task (t, task, actor, LINEUP_PERMISSION_CASE, "case", NULL))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT number FROM cases ORDER BY status = 'closed', id DESC", &error)))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  cases = g_list_store_new (LINEUP_TYPE_CASE);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(LineupCase) c = lineup_db_case_lookup (t->conn, (const char *)sqlite3_column_text (st, 0), NULL);

      if (c)
        g_list_store_append (cases, c);
    }
  g_task_return_pointer (task, g_steal_pointer (&cases), g_object_unref);
}

GListModel *
lineup_db_case_list_sync (LineupDb   *db,
                          LineupUser *actor,
                          GError    **error)
{
  return lineup_db_run_sync (db, case_list_job, actor ? g_object_ref (actor) : NULL, lineup_db_case_actor_unref,
                             error);
}

void
lineup_db_case_list_async (LineupDb           *db,
                           LineupUser         *actor,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  lineup_db_run_async (db, case_list_job, actor ? g_object_ref (actor) : NULL, lineup_db_case_actor_unref,
                       cancellable, callback, user_data);
}

GListModel *
lineup_db_case_list_finish (LineupDb     *db,
                            GAsyncResult *result,
                            GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}
