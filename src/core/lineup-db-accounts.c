/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-accounts.c: accounts and sign-in with back-off (database
 * thread jobs); the policy settings and offence categories are in
 * lineup-db-policy.c. */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lineup-accounts.h"
#include "lineup-db-private.h"
#include "lineup-engine.h"
#include "lineup-error.h"

/* One argument bag for the small jobs of this file. */
typedef struct
{
  LineupUser *actor;
  char       *name;
  char       *display_name;
  char       *password;
  char       *value;
  LineupRoles roles;
  gboolean    flag;
} AccountData;

static void
account_data_free (AccountData *d)
{
  g_clear_object (&d->actor);
  g_free (d->name);
  g_free (d->display_name);
  if (d->password)
    memset (d->password, 0, strlen (d->password));
  g_free (d->password);
  g_free (d->value);
  g_free (d);
}

static AccountData *
account_data_new (LineupUser *actor,
                  const char *name)
{
  AccountData *d = g_new0 (AccountData, 1);

  d->actor = actor ? g_object_ref (actor) : NULL;
  d->name = g_strdup (name);
  return d;
}

static gboolean
return_if_error (GTask  *task,
                 GError *error)
{
  if (error == NULL)
    return FALSE;
  g_task_return_error (task, error);
  return TRUE;
}

static gboolean
check_name (const char *name,
            GError    **error)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64 ||
      !g_regex_match_simple ("^[A-Za-z0-9._@-]+$", name, 0, 0))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid account name (letters, digits, . _ @ - ; at most 64)"),
                   name ? name : "");
      return FALSE;
    }
  return TRUE;
}

/* The database keeps one primary role and the rest as extras. */
static void
split_roles (LineupRoles  roles,
             const char **primary,
             char       **extra)
{
  static const LineupRoles order[] = { LINEUP_ROLE_ADMINISTRATOR, LINEUP_ROLE_SUPERVISOR,
                                       LINEUP_ROLE_DETECTIVE, LINEUP_ROLE_CLERK };
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (roles & order[i])
      {
        g_autofree char *p = lineup_roles_to_string (order[i]);
        *primary = g_intern_string (p);
        *extra = lineup_roles_to_string (roles & ~order[i]);
        return;
      }
  *primary = NULL;
  *extra = g_strdup ("");
}

static LineupUser *
insert_user (sqlite3    *conn,
             const char *name,
             const char *display_name,
             LineupRoles roles,
             const char *password,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *extra = NULL;
  const char      *primary;

  if (!check_name (name, error))
    return NULL;
  split_roles (roles, &primary, &extra);
  if (primary == NULL)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                           _("An account needs at least one role"));
      return NULL;
    }
  if (!(hash = lineup_password_hash (password, error)))
    return NULL;
  if (!(st = lineup_db_prepare (conn,
                                "INSERT INTO users (name, display_name, role, extra_roles, password_hash)"
                                " VALUES (?,?,?,?,?)",
                                error)))
    return NULL;
  sqlite3_bind_text (st, 1, name, -1, SQLITE_TRANSIENT);
  lineup_db_bind_text (st, 2, display_name);
  sqlite3_bind_text (st, 3, primary, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, extra, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, hash, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (conn) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS,
                     _("An account named “%s” already exists"), name);
      else
        g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (conn));
      return NULL;
    }
  return lineup_user_new (sqlite3_last_insert_rowid (conn), name, display_name, roles);
}

static gboolean
audit_user (sqlite3    *conn,
            const char *actor,
            const char *action,
            const char *name,
            LineupRoles roles,
            GError    **error)
{
  g_autofree char *roles_text = lineup_roles_to_string (roles);
  g_autofree char *details = lineup_db_json_strings ("name", name, "roles", roles_text, NULL);

  return lineup_db_audit_append (conn, actor, action, "user", name, details, error);
}

/* count */

static void
count_job (LineupDbThread *t,
           GTask          *task)
{
  if (!lineup_db_require_open (t, task))
    return;
  g_task_return_pointer (task, g_memdup2 (&(gint64){ lineup_db_query_int64 (t->conn, "SELECT count(*) FROM users") }, sizeof (gint64)),
                         g_free);
}

gint64
lineup_db_count_users_sync (LineupDb *db,
                            GError  **error)
{
  g_autofree gint64 *n = lineup_db_run_sync (db, count_job, NULL, NULL, error);
  return n ? *n : -1;
}

void
lineup_db_count_users_async (LineupDb           *db,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  lineup_db_run_async (db, count_job, NULL, NULL, cancellable, callback, user_data);
}

gint64
lineup_db_count_users_finish (LineupDb     *db,
                              GAsyncResult *result,
                              GError      **error)
{
  g_autofree gint64 *n = lineup_db_run_finish (db, result, error);
  return n ? *n : -1;
}

/* init: the first administrator */

static void
init_job (LineupDbThread *t,
          GTask          *task)
{
  AccountData *d = g_task_get_task_data (task);
  g_autoptr(LineupUser) user = NULL;
  GError *error = NULL;

  if (!lineup_db_require_open (t, task) ||
      return_if_error (task, lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ? NULL : error))
    return;
  if (lineup_db_query_int64 (t->conn, "SELECT count(*) FROM users") > 0)
    g_set_error_literal (&error, LINEUP_ERROR, LINEUP_ERROR_EXISTS,
                         _("Accounts exist already; the first administrator is created only once. "
                           "Ask an administrator to add your account."));
  else if ((user = insert_user (t->conn, d->name, d->display_name,
                                LINEUP_ROLE_ADMINISTRATOR | d->roles, d->password, &error)))
    {
      if (audit_user (t->conn, d->name, "user.init", d->name, lineup_user_get_roles (user), &error))
        lineup_db_audit_append (t->conn, d->name, "session.sign_in", "user", d->name, NULL, &error);
    }
  if (error != NULL)
    {
      lineup_db_exec (t->conn, "ROLLBACK", NULL);
      g_task_return_error (task, error);
      return;
    }
  if (return_if_error (task, lineup_db_exec (t->conn, "COMMIT", &error) ? NULL : error))
    return;
  g_task_return_pointer (task, g_steal_pointer (&user), g_object_unref);
}

static AccountData *
init_data (const char *name,
           const char *display_name,
           const char *password,
           LineupRoles extra_roles)
{
  AccountData *d = account_data_new (NULL, name);

  d->display_name = g_strdup (display_name);
  d->password = g_strdup (password);
  d->roles = extra_roles;
  return d;
}

LineupUser *
lineup_db_user_init_sync (LineupDb   *db,
                          const char *name,
                          const char *display_name,
                          const char *password,
                          LineupRoles extra_roles,
                          GError    **error)
{
  return lineup_db_run_sync (db, init_job, init_data (name, display_name, password, extra_roles),
                             (GDestroyNotify)account_data_free, error);
}

void
lineup_db_user_init_async (LineupDb           *db,
                           const char         *name,
                           const char         *display_name,
                           const char         *password,
                           LineupRoles         extra_roles,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  lineup_db_run_async (db, init_job, init_data (name, display_name, password, extra_roles),
                       (GDestroyNotify)account_data_free, cancellable, callback, user_data);
}

LineupUser *
lineup_db_user_init_finish (LineupDb     *db,
                            GAsyncResult *result,
                            GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* sign-in */

static gint64
lock_seconds (gint64 failures)
{
  gint64 over = failures - (LINEUP_SIGNIN_FREE_FAILURES + 1);

  if (over < 0)
    return 0;
  return over >= 7 ? 3600 : MIN (3600, (gint64)30 << over);
}

static void
sign_in_job (LineupDbThread *t,
             GTask          *task)
{
  AccountData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError          *error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *locked_until = NULL;
  g_autofree char *all_roles = NULL;
  g_autofree char *display = NULL;
  gint64           id = 0, failures = 0;
  gboolean         disabled = FALSE;
  LineupRoles      roles = 0;

  if (!lineup_db_require_open (t, task))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT id, password_hash, disabled, failed_signins, locked_until,"
                                " role || ' ' || extra_roles, display_name FROM users WHERE name = ?",
                                &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_text (st, 1, d->name ? d->name : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (st, 0);
      hash = lineup_db_column_dup (st, 1);
      disabled = sqlite3_column_int (st, 2) != 0;
      failures = sqlite3_column_int64 (st, 3);
      locked_until = lineup_db_column_dup (st, 4);
      all_roles = lineup_db_column_dup (st, 5);
      display = lineup_db_column_dup (st, 6);
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (id > 0 && locked_until != NULL)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (locked_until, NULL);
      GTimeSpan left = until ? g_date_time_difference (until, now) : 0;

      if (left > 0)
        {
          gint64           secs = (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
          g_autofree char *details = lineup_db_json_strings ("reason", "locked", "locked_until",
                                                             locked_until, NULL);
          lineup_db_audit_append (t->conn, d->name, "session.sign_in_refused", "user", d->name,
                                  details, NULL);
          g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_LOCKED,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "Too many failed sign-ins: “%s” is locked for another %" G_GINT64_FORMAT " second.",
                                                "Too many failed sign-ins: “%s” is locked for another %" G_GINT64_FORMAT " seconds.",
                                                secs),
                                   d->name, secs);
          return;
        }
    }

  /* Unknown names are hashed too, so timing does not tell which names exist. */
  if (id == 0 || !lineup_password_verify (hash, d->password))
    {
      g_autofree char *details = NULL;
      gint64           lock = 0;

      if (id == 0)
        {
          g_autofree char *dummy = lineup_password_hash ("not-a-password-at-all", NULL);
          details = lineup_db_json_strings ("reason", "unknown_user", "name", d->name ? d->name : "", NULL);
          lineup_db_audit_append (t->conn, NULL, "session.sign_in_failed", "user", NULL, details, NULL);
        }
      else
        {
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, failures + 1);
          lock = lock_seconds (failures + 1);
          details = lineup_db_json_strings ("reason", "wrong_password", "failures", n, NULL);
          if ((st = lineup_db_prepare (t->conn,
                                       "UPDATE users SET failed_signins = failed_signins + 1,"
                                       " locked_until = CASE WHEN ?2 > 0 THEN"
                                       "  strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ?2 || ' seconds')"
                                       "  ELSE locked_until END WHERE id = ?1",
                                       NULL)))
            {
              sqlite3_bind_int64 (st, 1, id);
              sqlite3_bind_int64 (st, 2, lock);
              sqlite3_step (st);
            }
          lineup_db_audit_append (t->conn, d->name, "session.sign_in_failed", "user", d->name,
                                  details, NULL);
          if (lock > 0)
            {
              g_autofree char *secs = g_strdup_printf ("%" G_GINT64_FORMAT, lock);
              g_autofree char *ld = lineup_db_json_strings ("seconds", secs, "failures", n, NULL);
              lineup_db_audit_append (t->conn, d->name, "session.locked", "user", d->name, ld, NULL);
            }
        }
      if (lock > 0)
        g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_LOCKED,
                                 _("Wrong name or password. After %" G_GINT64_FORMAT " failed sign-ins "
                                   "the account is locked for %" G_GINT64_FORMAT " seconds."),
                                 failures + 1, lock);
      else
        g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_AUTH, _("Wrong name or password."));
      return;
    }

  if (disabled)
    {
      g_autofree char *details = lineup_db_json_strings ("reason", "disabled", NULL);
      lineup_db_audit_append (t->conn, d->name, "session.sign_in_refused", "user", d->name, details, NULL);
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN,
                               _("The account “%s” is disabled. Ask an administrator."), d->name);
      return;
    }

  if (!lineup_roles_from_string (all_roles, &roles, &error) ||
      !lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if ((st = lineup_db_prepare (t->conn, "UPDATE users SET failed_signins = 0, locked_until = NULL WHERE id = ?",
                               &error)))
    {
      sqlite3_bind_int64 (st, 1, id);
      if (lineup_db_step_done (t->conn, st, &error))
        {
          g_autofree char *r = lineup_roles_to_string (roles);
          g_autofree char *details = lineup_db_json_strings ("roles", r, NULL);
          lineup_db_audit_append (t->conn, d->name, "session.sign_in", "user", d->name, details, &error);
        }
    }
  if (error != NULL || !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      lineup_db_exec (t->conn, "ROLLBACK", NULL);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, lineup_user_new (id, d->name, display, roles), g_object_unref);
}

static AccountData *
sign_in_data (const char *name,
              const char *password)
{
  AccountData *d = account_data_new (NULL, name);

  d->password = g_strdup (password ? password : "");
  return d;
}

LineupUser *
lineup_db_sign_in_sync (LineupDb   *db,
                        const char *name,
                        const char *password,
                        GError    **error)
{
  return lineup_db_run_sync (db, sign_in_job, sign_in_data (name, password),
                             (GDestroyNotify)account_data_free, error);
}

void
lineup_db_sign_in_async (LineupDb           *db,
                         const char         *name,
                         const char         *password,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  lineup_db_run_async (db, sign_in_job, sign_in_data (name, password),
                       (GDestroyNotify)account_data_free, cancellable, callback, user_data);
}

LineupUser *
lineup_db_sign_in_finish (LineupDb     *db,
                          GAsyncResult *result,
                          GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* session events */

static void
session_job (LineupDbThread *t,
             GTask          *task)
{
  AccountData *d = g_task_get_task_data (task);
  GError      *error = NULL;

  if (!lineup_db_require_open (t, task))
    return;
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (d->actor), d->value, "user",
                               lineup_user_get_name (d->actor), NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

static void
session_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_db_run_finish (LINEUP_DB (source), result, &error))
    g_warning ("Could not audit a session event: %s", error->message);
}

void
lineup_db_session_event (LineupDb   *db,
                         LineupUser *user,
                         const char *action)
{
  AccountData *d;

  g_return_if_fail (LINEUP_IS_USER (user));
  d = account_data_new (user, NULL);
  d->value = g_strdup (action);
  lineup_db_run_async (db, session_job, d, (GDestroyNotify)account_data_free, NULL, session_done, NULL);
}

/* add, disable, list */

static void
add_job (LineupDbThread *t,
         GTask          *task)
{
  AccountData *d = g_task_get_task_data (task);
  g_autoptr(LineupUser) user = NULL;
  GError *error = NULL;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_MANAGE_USERS, "user", d->name))
    return;
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if ((user = insert_user (t->conn, d->name, d->display_name, d->roles, d->password, &error)))
    audit_user (t->conn, lineup_user_get_name (d->actor), "user.add", d->name, d->roles, &error);
  if (error != NULL || !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      lineup_db_exec (t->conn, "ROLLBACK", NULL);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&user), g_object_unref);
}

LineupUser *
lineup_db_user_add_sync (LineupDb   *db,
                         LineupUser *actor,
                         const char *name,
                         const char *display_name,
                         LineupRoles roles,
                         const char *password,
                         GError    **error)
{
  AccountData *d = account_data_new (actor, name);

  d->display_name = g_strdup (display_name);
  d->password = g_strdup (password);
  d->roles = roles;
  return lineup_db_run_sync (db, add_job, d, (GDestroyNotify)account_data_free, error);
}

void
lineup_db_user_add_async (LineupDb           *db,
                          LineupUser         *actor,
                          const char         *name,
                          const char         *display_name,
                          LineupRoles         roles,
                          const char         *password,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  AccountData *d = account_data_new (actor, name);

  d->display_name = g_strdup (display_name);
  d->password = g_strdup (password);
  d->roles = roles;
  lineup_db_run_async (db, add_job, d, (GDestroyNotify)account_data_free, cancellable, callback,
                       user_data);
}

LineupUser *
lineup_db_user_add_finish (LineupDb     *db,
                           GAsyncResult *result,
                           GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

static void
disable_job (LineupDbThread *t,
             GTask          *task)
{
  AccountData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  GError *error = NULL;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_MANAGE_USERS, "user", d->name))
    return;
  if (d->flag && g_strcmp0 (d->name, lineup_user_get_name (d->actor)) == 0)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                               _("You cannot disable your own account"));
      return;
    }
  if (!(st = lineup_db_prepare (t->conn,
                                "UPDATE users SET disabled = ?, failed_signins = 0, locked_until = NULL"
                                " WHERE name = ?",
                                &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int (st, 1, d->flag ? 1 : 0);
  sqlite3_bind_text (st, 2, d->name, -1, SQLITE_TRANSIENT);
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_changes (t->conn) == 0)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("There is no account named “%s”"), d->name);
      return;
    }
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (d->actor),
                               d->flag ? "user.disable" : "user.enable", "user", d->name, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

gboolean
lineup_db_user_disable_sync (LineupDb   *db,
                             LineupUser *actor,
                             const char *name,
                             gboolean    disabled,
                             GError    **error)
{
  AccountData *d = account_data_new (actor, name);

  d->flag = disabled;
  return lineup_db_run_sync (db, disable_job, d, (GDestroyNotify)account_data_free, error) != NULL;
}

void
lineup_db_user_disable_async (LineupDb           *db,
                              LineupUser         *actor,
                              const char         *name,
                              gboolean            disabled,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  AccountData *d = account_data_new (actor, name);

  d->flag = disabled;
  lineup_db_run_async (db, disable_job, d, (GDestroyNotify)account_data_free, cancellable,
                       callback, user_data);
}

gboolean
lineup_db_user_disable_finish (LineupDb     *db,
                               GAsyncResult *result,
                               GError      **error)
{
  return lineup_db_run_finish (db, result, error) != NULL;
}

static void
user_list_job (LineupDbThread *t,
               GTask          *task)
{
  AccountData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_MANAGE_USERS, "user", NULL))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT id, name, display_name, trim(role || ' ' || extra_roles), disabled,"
                                " locked_until, failed_signins, created_at FROM users ORDER BY name",
                                &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  json_builder_begin_array (b);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (st, 0));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, (const char *)sqlite3_column_text (st, 1));
      json_builder_set_member_name (b, "display_name");
      json_builder_add_string_value (b, sqlite3_column_text (st, 2) ? (const char *)sqlite3_column_text (st, 2) : "");
      json_builder_set_member_name (b, "roles");
      json_builder_add_string_value (b, (const char *)sqlite3_column_text (st, 3));
      json_builder_set_member_name (b, "disabled");
      json_builder_add_boolean_value (b, sqlite3_column_int (st, 4) != 0);
      json_builder_set_member_name (b, "locked_until");
      if (sqlite3_column_type (st, 5) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, (const char *)sqlite3_column_text (st, 5));
      json_builder_set_member_name (b, "failed_signins");
      json_builder_add_int_value (b, sqlite3_column_int64 (st, 6));
      json_builder_set_member_name (b, "created_at");
      json_builder_add_string_value (b, (const char *)sqlite3_column_text (st, 7));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  g_task_return_pointer (task, json_builder_get_root (b), (GDestroyNotify)json_node_unref);
}

JsonNode *
lineup_db_user_list_sync (LineupDb   *db,
                          LineupUser *actor,
                          GError    **error)
{
  return lineup_db_run_sync (db, user_list_job, account_data_new (actor, NULL),
                             (GDestroyNotify)account_data_free, error);
}

void
lineup_db_user_list_async (LineupDb           *db,
                           LineupUser         *actor,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  lineup_db_run_async (db, user_list_job, account_data_new (actor, NULL),
                       (GDestroyNotify)account_data_free, cancellable, callback, user_data);
}

JsonNode *
lineup_db_user_list_finish (LineupDb     *db,
                            GAsyncResult *result,
                            GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* refusals decided elsewhere */

static void
refusal_job (LineupDbThread *t,
             GTask          *task)
{
  AccountData     *d = g_task_get_task_data (task);
  g_autofree char *details = lineup_db_json_strings ("reason", d->value, NULL);

  if (!lineup_db_require_open (t, task) ||
      !lineup_db_audit_append_task (t, task, d->actor, "refused", d->name, d->display_name, details))
    return;
  g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

gboolean
lineup_db_audit_refusal_sync (LineupDb   *db,
                              LineupUser *actor,
                              const char *object_type,
                              const char *object_id,
                              const char *reason,
                              GError    **error)
{
  AccountData *d = account_data_new (actor, object_type);

  d->display_name = g_strdup (object_id);
  d->value = g_strdup (reason);
  return lineup_db_run_sync (db, refusal_job, d, (GDestroyNotify)account_data_free, error) != NULL;
}
