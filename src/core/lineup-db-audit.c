/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-audit.c: SQL helpers shared by the database jobs, the
 * hash-chained audit log (append, verify, list) and the role check.
 *
 * Runs on the database thread only.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>

#include "lineup-accounts.h"
#include "lineup-db-private.h"
#include "lineup-error.h"

/* helpers */

sqlite3_stmt *
lineup_db_prepare (sqlite3    *conn,
                   const char *sql,
                   GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (conn));
      return NULL;
    }
  return stmt;
}

void
lineup_db_bind_text (sqlite3_stmt *stmt,
                     int           i,
                     const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

gboolean
lineup_db_step_done (sqlite3      *conn,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (conn));
  return FALSE;
}

char *
lineup_db_column_dup (sqlite3_stmt *stmt,
                      int           i)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, i));
}

char *
lineup_db_json_strings (const char *first_key,
                        ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *key = first_key;
  va_list     ap;

  json_builder_begin_object (b);
  va_start (ap, first_key);
  while (key != NULL)
    {
      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, va_arg (ap, const char *));
      key = va_arg (ap, const char *);
    }
  va_end (ap);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

char *
lineup_db_now_iso (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (dt);
}

/* The audit chain: each entry's hash covers a canonical JSON array of its
 * fields and the previous entry's hash, so changing, removing, inserting or
 * reordering any row breaks every hash after it. */
static char *
audit_hash (gint64      seq,
            const char *ts,
            const char *user,
            const char *action,
            const char *object_type,
            const char *object_id,
            const char *details_json,
            const char *prev)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *canonical = NULL;

  json_builder_begin_array (b);
  json_builder_add_int_value (b, seq);
  json_builder_add_string_value (b, ts ? ts : "");
  json_builder_add_string_value (b, user ? user : "");
  json_builder_add_string_value (b, action ? action : "");
  json_builder_add_string_value (b, object_type ? object_type : "");
  json_builder_add_string_value (b, object_id ? object_id : "");
  json_builder_add_string_value (b, details_json ? details_json : "");
  json_builder_add_string_value (b, prev ? prev : "");
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  canonical = json_generator_to_data (gen, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

gboolean
lineup_db_audit_append (sqlite3    *conn,
                        const char *user,
                        const char *action,
                        const char *object_type,
                        const char *object_id,
                        const char *details_json,
                        GError    **error)
{
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autofree char *ts = lineup_db_now_iso ();
  g_autofree char *hash = NULL;
  g_autofree char *prev = NULL;
  gint64           seq = 1;

  if (!(last = lineup_db_prepare (conn, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                                  error)))
    return FALSE;
  if (sqlite3_step (last) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (last, 0) + 1;
      prev = lineup_db_column_dup (last, 1);
    }
  else
    prev = g_strnfill (64, '0');
  if (details_json == NULL)
    details_json = "{}";
  hash = audit_hash (seq, ts, user, action, object_type, object_id, details_json, prev);

  if (!(ins = lineup_db_prepare (conn,
                                 "INSERT INTO audit_log (seq, ts, user_name, action, object_type,"
                                 " object_id, details_json, prev_hash, hash)"
                                 " VALUES (?,?,?,?,?,?,?,?,?)",
                                 error)))
    return FALSE;
  sqlite3_bind_int64 (ins, 1, seq);
  sqlite3_bind_text (ins, 2, ts, -1, SQLITE_TRANSIENT);
  lineup_db_bind_text (ins, 3, user);
  sqlite3_bind_text (ins, 4, action, -1, SQLITE_TRANSIENT);
  lineup_db_bind_text (ins, 5, object_type);
  lineup_db_bind_text (ins, 6, object_id);
  sqlite3_bind_text (ins, 7, details_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 8, prev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 9, hash, -1, SQLITE_TRANSIENT);
  return lineup_db_step_done (conn, ins, error);
}

/* verify */

void
lineup_audit_verdict_free (LineupAuditVerdict *v)
{
  if (v == NULL)
    return;
  g_free (v->problem);
  g_free (v->head_hash);
  g_free (v->head_ts);
  g_free (v);
}

static void
verify_job (LineupDbThread *t,
            GTask          *task)
{
  g_autoptr(LineupAuditVerdict) v = g_new0 (LineupAuditVerdict, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expected = 1;
  int    rc;

  if (!lineup_db_require_open (t, task))
    return;
  /* seq is inside every hash, so walking in seq order catches a row moved
   * to another position as surely as a changed one. */
  if (!(stmt = lineup_db_prepare (t->conn,
                                  "SELECT seq, ts, user_name, action, object_type, object_id,"
                                  " details_json, prev_hash, hash FROM audit_log ORDER BY seq",
                                  &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  v->intact = TRUE;
  v->head_hash = g_strnfill (64, '0');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64           seq = sqlite3_column_int64 (stmt, 0);
      const char      *ts = (const char *)sqlite3_column_text (stmt, 1);
      const char      *prev = (const char *)sqlite3_column_text (stmt, 7);
      const char      *hash = (const char *)sqlite3_column_text (stmt, 8);
      g_autofree char *computed = NULL;

      v->entries++;
      computed = audit_hash (seq, ts, (const char *)sqlite3_column_text (stmt, 2),
                             (const char *)sqlite3_column_text (stmt, 3),
                             (const char *)sqlite3_column_text (stmt, 4),
                             (const char *)sqlite3_column_text (stmt, 5),
                             (const char *)sqlite3_column_text (stmt, 6), prev);
      if (seq != expected)
        v->problem = seq > expected
                       ? g_strdup_printf (_("entry %" G_GINT64_FORMAT " is missing (the next entry is %" G_GINT64_FORMAT ")"),
                                          expected, seq)
                       : g_strdup_printf (_("entry %" G_GINT64_FORMAT " is out of order"), seq);
      else if (g_strcmp0 (prev, v->head_hash) != 0)
        v->problem = g_strdup_printf (_("entry %" G_GINT64_FORMAT " does not link to the entry before it"
                                        " (an entry was removed, inserted or moved)"),
                                      seq);
      else if (g_strcmp0 (computed, hash) != 0)
        v->problem = g_strdup_printf (_("entry %" G_GINT64_FORMAT " was changed after it was written"
                                        " (its contents do not match its hash)"),
                                      seq);
      if (v->problem != NULL)
        {
          v->intact = FALSE;
          v->first_broken = seq != expected && seq > expected ? expected : seq;
          break;
        }
      g_free (v->head_hash);
      v->head_hash = g_strdup (hash);
      g_free (v->head_ts);
      v->head_ts = g_strdup (ts);
      v->head_seq = seq;
      expected = seq + 1;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s",
                               sqlite3_errmsg (t->conn));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&v), (GDestroyNotify)lineup_audit_verdict_free);
}

LineupAuditVerdict *
lineup_db_audit_verify_sync (LineupDb *db,
                             GError  **error)
{
  return lineup_db_run_sync (db, verify_job, NULL, NULL, error);
}

void
lineup_db_audit_verify_async (LineupDb           *db,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  lineup_db_run_async (db, verify_job, NULL, NULL, cancellable, callback, user_data);
}

LineupAuditVerdict *
lineup_db_audit_verify_finish (LineupDb     *db,
                               GAsyncResult *result,
                               GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

static void
hash_at_job (LineupDbThread *t,
             GTask          *task)
{
  gint64 *seq = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  GError *error = NULL;

  if (!lineup_db_require_open (t, task))
    return;
  if (!(st = lineup_db_prepare (t->conn, "SELECT hash FROM audit_log WHERE seq = ?", &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (st, 1, *seq);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("The audit log has no entry %" G_GINT64_FORMAT), *seq);
      return;
    }
  g_task_return_pointer (task, lineup_db_column_dup (st, 0), g_free);
}

char *
lineup_db_audit_hash_at_sync (LineupDb *db,
                              gint64    seq,
                              GError  **error)
{
  return lineup_db_run_sync (db, hash_at_job, g_memdup2 (&seq, sizeof seq), g_free, error);
}

/* the role check */

gboolean
lineup_db_authorize (sqlite3         *conn,
                     LineupUser      *actor,
                     LineupPermission permission,
                     const char      *object_type,
                     const char      *object_id,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *why = NULL;
  g_autofree char *details = NULL;
  g_autofree char *roles_text = NULL;
  LineupRoles      roles = LINEUP_ROLE_NONE;
  const char      *op = lineup_permission_to_string (permission);

  if (actor == NULL)
    why = g_strdup (_("Nobody is signed in"));
  else if (!(stmt = lineup_db_prepare (conn,
                                       "SELECT role, extra_roles, disabled FROM users WHERE id = ? AND name = ?",
                                       error)))
    return FALSE;
  else
    {
      sqlite3_bind_int64 (stmt, 1, lineup_user_get_id (actor));
      sqlite3_bind_text (stmt, 2, lineup_user_get_name (actor), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        why = g_strdup_printf (_("The account “%s” does not exist"), lineup_user_get_name (actor));
      else if (sqlite3_column_int (stmt, 2) != 0)
        why = g_strdup_printf (_("The account “%s” is disabled"), lineup_user_get_name (actor));
      else
        {
          g_autofree char *all = g_strdup_printf ("%s %s", sqlite3_column_text (stmt, 0),
                                                  sqlite3_column_text (stmt, 1));
          if (!lineup_roles_from_string (all, &roles, error))
            return FALSE;
          if (!lineup_roles_allow (roles, permission))
            {
              g_autofree char *need = lineup_roles_to_string (lineup_permission_roles (permission));
              why = g_strdup_printf (_("“%s” may not do this (%s needs one of the roles: %s)"),
                                     lineup_user_get_name (actor), op, need);
            }
        }
    }
  if (why == NULL)
    return TRUE;

  roles_text = lineup_roles_to_string (roles);
  details = lineup_db_json_strings ("operation", op, "roles", roles_text, "reason", why, NULL);
  if (!lineup_db_audit_append (conn, actor ? lineup_user_get_name (actor) : "", "refused",
                               object_type, object_id, details, error))
    return FALSE;
  g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN, _("Refused: %s."), why);
  return FALSE;
}

gboolean
lineup_db_authorize_task (LineupDbThread  *t,
                          GTask           *task,
                          LineupUser      *actor,
                          LineupPermission permission,
                          const char      *object_type,
                          const char      *object_id)
{
  GError *error = NULL;

  if (!lineup_db_require_open (t, task))
    return FALSE;
  if (lineup_db_authorize (t->conn, actor, permission, object_type, object_id, &error))
    return TRUE;
  g_task_return_error (task, error);
  return FALSE;
}

gboolean
lineup_db_audit_append_task (LineupDbThread *t,
                             GTask          *task,
                             LineupUser     *actor,
                             const char     *action,
                             const char     *object_type,
                             const char     *object_id,
                             const char     *details_json)
{
  GError *error = NULL;

  if (lineup_db_audit_append (t->conn, actor ? lineup_user_get_name (actor) : NULL, action,
                              object_type, object_id, details_json, &error))
    return TRUE;
  g_task_return_error (task, error);
  return FALSE;
}

gboolean
lineup_db_audited_exec (LineupDbThread *t,
                        GTask          *task,
                        LineupUser     *actor,
                        const char     *action,
                        const char     *object_type,
                        const char     *object_id,
                        const char     *details_json,
                        const char     *sql_format,
                        ...)
{
  GError  *error = NULL;
  va_list  ap;
  char    *sql;
  gboolean ok;

  va_start (ap, sql_format);
  sql = sqlite3_vmprintf (sql_format, ap);
  va_end (ap);
  ok = lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) &&
       lineup_db_exec (t->conn, sql, &error) &&
       lineup_db_audit_append (t->conn, actor ? lineup_user_get_name (actor) : NULL, action, object_type,
                               object_id, details_json, &error) &&
       lineup_db_exec (t->conn, "COMMIT", &error);
  sqlite3_free (sql);
  if (!ok)
    {
      lineup_db_exec (t->conn, "ROLLBACK", NULL);
      g_task_return_error (task, error);
    }
  return ok;
}

/* list */

void
lineup_audit_filter_clear (LineupAuditFilter *f)
{
  g_clear_pointer (&f->since, g_free);
  g_clear_pointer (&f->until, g_free);
  g_clear_pointer (&f->user, g_free);
  g_clear_pointer (&f->action, g_free);
  g_clear_pointer (&f->case_number, g_free);
}

typedef struct
{
  LineupUser       *actor;
  LineupAuditFilter filter;
} ListData;

static void
list_data_free (ListData *d)
{
  g_clear_object (&d->actor);
  lineup_audit_filter_clear (&d->filter);
  g_free (d);
}

static void
add_string_or_null (JsonBuilder  *b,
                    const char   *name,
                    sqlite3_stmt *stmt,
                    int           i)
{
  json_builder_set_member_name (b, name);
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, (const char *)sqlite3_column_text (stmt, i));
}

static void
list_job (LineupDbThread *t,
          GTask          *task)
{
  ListData                *d = g_task_get_task_data (task);
  const LineupAuditFilter *f = &d->filter;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT seq, ts, user_name, action, object_type, object_id,"
                                          " details_json, prev_hash, hash FROM audit_log WHERE 1");
  g_autofree char *details = NULL;
  g_autofree char *like = NULL;
  int              n = 0;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_VIEW_AUDIT, "audit", NULL))
    return;
  if (f->since)
    g_string_append (sql, " AND ts >= ?1");
  if (f->until)
    g_string_append (sql, " AND ts < ?2");
  if (f->user)
    g_string_append (sql, " AND user_name = ?3");
  if (f->action)
    g_string_append (sql, " AND (action = ?4 OR action LIKE ?5 ESCAPE '\\')");
  if (f->case_number)
    g_string_append (sql, " AND ((object_type = 'case' AND object_id = ?6)"
                          " OR json_extract(details_json, '$.case') = ?6)");
  g_string_append (sql, " ORDER BY seq");
  if (f->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", f->limit);
  if (!(stmt = lineup_db_prepare (t->conn, sql->str, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (f->action)
    {
      GString *esc = g_string_new (NULL);
      for (const char *p = f->action; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (esc, '\\');
          g_string_append_c (esc, *p);
        }
      g_string_append (esc, ".%");
      like = g_string_free (esc, FALSE);
    }
  lineup_db_bind_text (stmt, 1, f->since);
  lineup_db_bind_text (stmt, 2, f->until);
  lineup_db_bind_text (stmt, 3, f->user);
  lineup_db_bind_text (stmt, 4, f->action);
  lineup_db_bind_text (stmt, 5, like);
  lineup_db_bind_text (stmt, 6, f->case_number);

  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) det = json_from_string ((const char *)sqlite3_column_text (stmt, 6), NULL);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "seq");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      add_string_or_null (b, "ts", stmt, 1);
      add_string_or_null (b, "user", stmt, 2);
      add_string_or_null (b, "action", stmt, 3);
      add_string_or_null (b, "object_type", stmt, 4);
      add_string_or_null (b, "object_id", stmt, 5);
      json_builder_set_member_name (b, "details");
      if (det != NULL)
        json_builder_add_value (b, g_steal_pointer (&det));
      else
        json_builder_add_string_value (b, (const char *)sqlite3_column_text (stmt, 6));
      add_string_or_null (b, "prev_hash", stmt, 7);
      add_string_or_null (b, "hash", stmt, 8);
      json_builder_end_object (b);
      n++;
    }
  json_builder_end_array (b);

  {
    g_autofree char *count = g_strdup_printf ("%d", n);
    details = lineup_db_json_strings ("since", f->since ? f->since : "", "until", f->until ? f->until : "",
                                      "user", f->user ? f->user : "", "action", f->action ? f->action : "",
                                      "case", f->case_number ? f->case_number : "", "entries", count, NULL);
  }
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (d->actor), "audit.export", "audit",
                               NULL, details, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, json_builder_get_root (b), (GDestroyNotify)json_node_unref);
}

static ListData *
list_data_new (LineupUser              *actor,
               const LineupAuditFilter *filter)
{
  ListData *d = g_new0 (ListData, 1);

  d->actor = actor ? g_object_ref (actor) : NULL;
  if (filter != NULL)
    {
      d->filter.since = g_strdup (filter->since);
      d->filter.until = g_strdup (filter->until);
      d->filter.user = g_strdup (filter->user);
      d->filter.action = g_strdup (filter->action);
      d->filter.case_number = g_strdup (filter->case_number);
      d->filter.limit = filter->limit;
    }
  return d;
}

JsonNode *
lineup_db_audit_list_sync (LineupDb                *db,
                           LineupUser              *actor,
                           const LineupAuditFilter *filter,
                           GError                 **error)
{
  return lineup_db_run_sync (db, list_job, list_data_new (actor, filter),
                             (GDestroyNotify)list_data_free, error);
}

void
lineup_db_audit_list_async (LineupDb                *db,
                            LineupUser              *actor,
                            const LineupAuditFilter *filter,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  lineup_db_run_async (db, list_job, list_data_new (actor, filter), (GDestroyNotify)list_data_free,
                       cancellable, callback, user_data);
}

JsonNode *
lineup_db_audit_list_finish (LineupDb     *db,
                             GAsyncResult *result,
                             GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}
