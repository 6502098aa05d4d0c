/* lineup-db-private.h: schema internals shared by the database thread and the
 * migration tests. Nothing outside src/core and tests/ includes this. */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-db.h"

G_BEGIN_DECLS

/* What the database thread owns. It outlives the LineupDb when the last
 * reference is dropped on the thread itself, so jobs never see the GObject. */
typedef struct
{
  GAsyncQueue *queue;
  char        *path;
  sqlite3     *conn;
} LineupDbThread;

/* Runs on the database thread and completes the task. */
typedef void (*LineupDbJobFunc) (LineupDbThread *t,
                                 GTask          *task);

void     lineup_db_queue_job      (LineupDb        *self,
                                   GTask           *task,
                                   LineupDbJobFunc  func);
gboolean lineup_db_require_open   (LineupDbThread  *t,
                                   GTask           *task);

/* Generic plumbing for jobs that return a pointer (g_task_return_pointer). */
void     lineup_db_run_async      (LineupDb             *self,
                                   LineupDbJobFunc       func,
                                   gpointer              task_data,
                                   GDestroyNotify        task_data_free,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gpointer lineup_db_run_finish     (LineupDb             *self,
                                   GAsyncResult         *result,
                                   GError              **error);
gpointer lineup_db_run_sync       (LineupDb             *self,
                                   LineupDbJobFunc       func,
                                   gpointer              task_data,
                                   GDestroyNotify        task_data_free,
                                   GError              **error);

/* Helpers for jobs (database thread only). */
gboolean lineup_db_exec           (sqlite3         *conn,
                                   const char      *sql,
                                   GError         **error);
gint64   lineup_db_query_int64    (sqlite3         *conn,
                                   const char      *sql);
gboolean lineup_db_audit_append   (sqlite3         *conn,
                                   const char      *user,
                                   const char      *action,
                                   const char      *object_type,
                                   const char      *object_id,
                                   const char      *details_json,
                                   GError         **error);

int      lineup_db_schema_latest  (void);
int      lineup_db_schema_version (sqlite3  *conn,
                                   GError  **error);
gboolean lineup_db_schema_migrate (sqlite3  *conn,
                                   int       target,
                                   GError  **error);

G_END_DECLS
