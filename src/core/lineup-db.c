/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db.c: the database thread.
 *
 * One GThread owns the sqlite3 connection for its whole life. Callers build a
 * GTask and queue it with a job function; the thread runs jobs in order and
 * returns their results through the task, which GIO delivers back in the
 * caller's main context. No other thread ever touches the connection, so we
 * need no locking around SQLite and the GUI never blocks on it.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-db.h"
#include "lineup-db-private.h"
#include "lineup-error.h"
#include "lineup-paths.h"
#include "lineup-sync.h"

typedef LineupDbThread DbThread;

typedef struct
{
  LineupDbJobFunc func; /* NULL: stop the thread */
  GTask          *task;
} DbJob;

struct _LineupDb
{
  GObject parent_instance;

  char        *path;
  GThread     *thread;
  GAsyncQueue *queue;
};

G_DEFINE_FINAL_TYPE (LineupDb, lineup_db, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (LineupDbInfo, lineup_db_info, lineup_db_info_copy, lineup_db_info_free)

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

LineupDbInfo *
lineup_db_info_copy (const LineupDbInfo *info)
{
  LineupDbInfo *copy = g_memdup2 (info, sizeof *info);

  copy->path = g_strdup (info->path);
  copy->journal_mode = g_strdup (info->journal_mode);
  return copy;
}

void
lineup_db_info_free (LineupDbInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->journal_mode);
  g_free (info);
}

static gpointer
lineup_db_thread_func (gpointer data)
{
  DbThread *t = data;

  for (;;)
    {
      DbJob *job = g_async_queue_pop (t->queue);

      if (job->func == NULL)
        {
          g_free (job);
          break;
        }
      if (!g_task_return_error_if_cancelled (job->task))
        job->func (t, job->task);
      g_object_unref (job->task);
      g_free (job);
    }

  if (t->conn != NULL)
    {
      /* Fold the WAL back into the main file so a copied database is whole. */
      sqlite3_exec (t->conn, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      sqlite3_close_v2 (t->conn);
    }
  g_async_queue_unref (t->queue);
  if (t->search_cache != NULL)
    t->search_cache_free (t->search_cache);
  g_free (t->path);
  g_free (t);
  return NULL;
}

void
lineup_db_queue_job (LineupDb       *self,
                     GTask          *task,
                     LineupDbJobFunc func)
{
  DbJob *job = g_new0 (DbJob, 1);

  job->func = func;
  job->task = g_object_ref (task);
  g_async_queue_push (self->queue, job);
}

gboolean
lineup_db_require_open (DbThread *t,
                        GTask    *task)
{
  if (t->conn != NULL)
    return TRUE;
  g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_OPEN,
                           _("The database “%s” is not open"), t->path);
  return FALSE;
}

static void
lineup_db_finalize (GObject *object)
{
  LineupDb *self = (LineupDb *)object;
  DbJob    *stop = g_new0 (DbJob, 1);

  g_async_queue_push (self->queue, stop);
  /* A job's GTask may drop the last reference on the database thread itself;
   * joining ourselves would deadlock, so the thread is left to exit alone. */
  if (g_thread_self () == self->thread)
    g_thread_unref (self->thread);
  else
    g_thread_join (self->thread);

  g_async_queue_unref (self->queue);
  g_free (self->path);

  G_OBJECT_CLASS (lineup_db_parent_class)->finalize (object);
}

static void
lineup_db_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LineupDb *self = LINEUP_DB (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_db_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LineupDb *self = LINEUP_DB (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_db_constructed (GObject *object)
{
  LineupDb *self = LINEUP_DB (object);
  DbThread *t = g_new0 (DbThread, 1);

  G_OBJECT_CLASS (lineup_db_parent_class)->constructed (object);
  t->queue = g_async_queue_ref (self->queue);
  t->path = g_strdup (self->path);
  self->thread = g_thread_new ("lineup-db", lineup_db_thread_func, t);
}

static void
lineup_db_class_init (LineupDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_db_finalize;
  object_class->get_property = lineup_db_get_property;
  object_class->set_property = lineup_db_set_property;
  object_class->constructed = lineup_db_constructed;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_db_init (LineupDb *self)
{
  self->queue = g_async_queue_new ();
}

LineupDb *
lineup_db_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (LINEUP_TYPE_DB, "path", path, NULL);
}

const char *
lineup_db_get_path (LineupDb *self)
{
  g_return_val_if_fail (LINEUP_IS_DB (self), NULL);

  return self->path;
}

void
lineup_db_run_async (LineupDb           *self,
                     LineupDbJobFunc     func,
                     gpointer            task_data,
                     GDestroyNotify      task_data_free,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, func);
  g_task_set_task_data (task, task_data, task_data_free);
  lineup_db_queue_job (self, task, func);
}

gpointer
lineup_db_run_finish (LineupDb     *self,
                      GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
lineup_db_run_sync (LineupDb       *self,
                    LineupDbJobFunc func,
                    gpointer        task_data,
                    GDestroyNotify  task_data_free,
                    GError        **error)
{
  LineupSyncCall call;
  gpointer       ret;

  lineup_sync_call_begin (&call);
  lineup_db_run_async (self, func, task_data, task_data_free, NULL, lineup_sync_call_callback,
                       &call);
  ret = lineup_db_run_finish (self, lineup_sync_call_wait (&call), error);
  lineup_sync_call_end (&call);
  return ret;
}

/* open */

static gboolean
exec_pragma (sqlite3    *conn,
             const char *sql,
             const char *path,
             GError    **error)
{
  if (lineup_db_exec (conn, sql, error))
    return TRUE;
  g_prefix_error (error, _("Cannot open the database “%s”: "), path);
  return FALSE;
}

static void
open_job (DbThread *t,
          GTask    *task)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int      rc;

  if (t->conn != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  rc = sqlite3_open_v2 (t->path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_DATABASE,
                               _("Cannot open the database “%s”: %s"), t->path,
                               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return;
    }

  /* busy_timeout: the CLI may write while the app has the file open. */
  if (!exec_pragma (db, "PRAGMA journal_mode=WAL", t->path, &error) ||
      !exec_pragma (db, "PRAGMA foreign_keys=ON", t->path, &error) ||
      !exec_pragma (db, "PRAGMA synchronous=NORMAL", t->path, &error) ||
      !exec_pragma (db, "PRAGMA busy_timeout=10000", t->path, &error) ||
      !exec_pragma (db, "PRAGMA secure_delete=ON", t->path, &error) ||
      !lineup_db_schema_migrate (db, lineup_db_schema_latest (), &error))
    {
      if (!g_str_has_prefix (error->message, t->path))
        g_prefix_error (&error, "%s: ", t->path);
      sqlite3_close_v2 (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  t->conn = db;
  g_task_return_boolean (task, TRUE);
}

void
lineup_db_open_async (LineupDb           *self,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_DB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_db_open_async);
  lineup_db_queue_job (self, task, open_job);
}

gboolean
lineup_db_open_finish (LineupDb     *self,
                       GAsyncResult *result,
                       GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lineup_db_open_sync (LineupDb     *self,
                     GCancellable *cancellable,
                     GError      **error)
{
  LineupSyncCall call;
  gboolean       ret;

  lineup_sync_call_begin (&call);
  lineup_db_open_async (self, cancellable, lineup_sync_call_callback, &call);
  ret = lineup_db_open_finish (self, lineup_sync_call_wait (&call), error);
  lineup_sync_call_end (&call);
  return ret;
}

/* info */

gboolean
lineup_db_exec (sqlite3    *conn,
                const char *sql,
                GError    **error)
{
  char *msg = NULL;

  if (sqlite3_exec (conn, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", msg ? msg : sqlite3_errmsg (conn));
  sqlite3_free (msg);
  return FALSE;
}

/* The first column of the first row of sql, or -1. */
gint64
lineup_db_query_int64 (sqlite3    *conn,
                       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64        n = -1;

  if (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
info_job (DbThread *t,
          GTask    *task)
{
  sqlite3 *conn = t->conn;
  g_autoptr(LineupDbInfo) info = g_new0 (LineupDbInfo, 1);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf      st;

  if (!lineup_db_require_open (t, task))
    return;

  info->path = g_strdup (t->path);
  info->schema_latest = lineup_db_schema_latest ();
  info->schema_version = lineup_db_schema_version (conn, &error);
  if (info->schema_version < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (sqlite3_prepare_v2 (conn, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    info->journal_mode = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  info->foreign_keys = lineup_db_query_int64 (conn, "PRAGMA foreign_keys") == 1;
  if (g_stat (t->path, &st) == 0)
    info->file_bytes = st.st_size;

  info->subjects = lineup_db_query_int64 (conn, "SELECT count(*) FROM subjects");
  info->bookings = lineup_db_query_int64 (conn, "SELECT count(*) FROM bookings");
  info->photos = lineup_db_query_int64 (conn, "SELECT count(*) FROM photos");
  info->faces = lineup_db_query_int64 (conn, "SELECT count(*) FROM faces");
  info->cases = lineup_db_query_int64 (conn, "SELECT count(*) FROM cases");
  info->searches = lineup_db_query_int64 (conn, "SELECT count(*) FROM searches");
  info->users = lineup_db_query_int64 (conn, "SELECT count(*) FROM users");
  info->audit_entries = lineup_db_query_int64 (conn, "SELECT count(*) FROM audit_log");

  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify)lineup_db_info_free);
}

void
lineup_db_get_info_async (LineupDb           *self,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_DB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_db_get_info_async);
  lineup_db_queue_job (self, task, info_job);
}

LineupDbInfo *
lineup_db_get_info_finish (LineupDb     *self,
                           GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LineupDbInfo *
lineup_db_get_info_sync (LineupDb     *self,
                         GCancellable *cancellable,
                         GError      **error)
{
  LineupSyncCall call;
  LineupDbInfo  *ret;

  lineup_sync_call_begin (&call);
  lineup_db_get_info_async (self, cancellable, lineup_sync_call_callback, &call);
  ret = lineup_db_get_info_finish (self, lineup_sync_call_wait (&call), error);
  lineup_sync_call_end (&call);
  return ret;
}

/* Resolve the data directory, create it and open its database: the embedded
 * default used by the app and the CLI. */
LineupDb *
lineup_db_open_default_sync (const char *data_dir_override,
                             GError    **error)
{
  g_autofree char *data_dir = lineup_paths_resolve_data_dir (data_dir_override);
  g_autofree char *path = NULL;
  g_autoptr(LineupDb) db = NULL;

  if (!lineup_paths_ensure_data_dir (data_dir, error))
    return NULL;
  path = lineup_paths_database_file (data_dir);
  db = lineup_db_new (path);
  if (!lineup_db_open_sync (db, NULL, error))
    return NULL;
  return g_steal_pointer (&db);
}
