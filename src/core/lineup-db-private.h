/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-private.h: schema internals shared by the database thread and the
 * migration tests. Nothing outside src/core and tests/ includes this. */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-db.h"
#include "lineup-accounts.h"
#include "lineup-user.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_BEGIN_DECLS

/* What the database thread owns. It outlives the LineupDb when the last
 * reference is dropped on the thread itself, so jobs never see the GObject. */
typedef struct
{
  GAsyncQueue *queue;
  char        *path;
  sqlite3     *conn;
  /* The search index (lineup-db-search.c), owned here so that searches,
   * imports and purges update it in the same place they change the rows. */
  gpointer       search_cache;
  GDestroyNotify search_cache_free;
} LineupDbThread;

/* Keeps the search index in step (database thread; no-ops when no index
 * has been loaded yet). */
void lineup_db_search_cache_faces_removed (LineupDbThread *t,
                                           const gint64   *face_ids,
                                           guint           n);

/* Runs on the database thread and completes the task. */
typedef void (*LineupDbJobFunc) (LineupDbThread *t,
                                 GTask          *task);

void     lineup_db_queue_job (LineupDb       *self,
                              GTask          *task,
                              LineupDbJobFunc func);
gboolean lineup_db_require_open (LineupDbThread *t,
                                 GTask          *task);

/* Generic plumbing for jobs that return a pointer (g_task_return_pointer). */
void     lineup_db_run_async (LineupDb           *self,
                              LineupDbJobFunc     func,
                              gpointer            task_data,
                              GDestroyNotify      task_data_free,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data);
gpointer lineup_db_run_finish (LineupDb     *self,
                               GAsyncResult *result,
                               GError      **error);
gpointer lineup_db_run_sync (LineupDb       *self,
                             LineupDbJobFunc func,
                             gpointer        task_data,
                             GDestroyNotify  task_data_free,
                             GError        **error);

/* Helpers for jobs (database thread only). */
gboolean      lineup_db_exec (sqlite3    *conn,
                              const char *sql,
                              GError    **error);
gint64        lineup_db_query_int64 (sqlite3    *conn,
                                     const char *sql);
sqlite3_stmt *lineup_db_prepare (sqlite3    *conn,
                                 const char *sql,
                                 GError    **error);
void          lineup_db_bind_text (sqlite3_stmt *stmt,
                                   int           i,
                                   const char   *text);
gboolean      lineup_db_step_done (sqlite3      *conn,
                                   sqlite3_stmt *stmt,
                                   GError      **error);
char         *lineup_db_now_iso (void);
/* A flat JSON object of string members: ("key", "value", …, NULL). */
char    *lineup_db_json_strings (const char *first_key,
                                 ...) G_GNUC_NULL_TERMINATED;
char    *lineup_db_column_dup (sqlite3_stmt *stmt,
                               int           i);
gboolean lineup_db_audit_append (sqlite3    *conn,
                                 const char *user,
                                 const char *action,
                                 const char *object_type,
                                 const char *object_id,
                                 const char *details_json,
                                 GError    **error);

/* Checks the acting user against the users table as it is now (exists,
 * enabled, a role granting permission); a refusal is audited as "refused"
 * and returned as LINEUP_ERROR_FORBIDDEN. object_* name what was refused. */
gboolean lineup_db_authorize (sqlite3         *conn,
                              LineupUser      *actor,
                              LineupPermission permission,
                              const char      *object_type,
                              const char      *object_id,
                              GError         **error);
/* Appends an audit entry; on failure completes the task with the error. */
gboolean lineup_db_audit_append_task (LineupDbThread *t,
                                      GTask          *task,
                                      LineupUser     *actor,
                                      const char     *action,
                                      const char     *object_type,
                                      const char     *object_id,
                                      const char     *details_json);
/* One write and its audit entry in one transaction; sql_format is an
 * sqlite3_mprintf format (%Q quotes strings). On failure rolls back and
 * completes the task with the error. */
gboolean lineup_db_audited_exec (LineupDbThread *t,
                                 GTask          *task,
                                 LineupUser     *actor,
                                 const char     *action,
                                 const char     *object_type,
                                 const char     *object_id,
                                 const char     *details_json,
                                 const char     *sql_format,
                                 ...);
gboolean lineup_db_authorize_task (LineupDbThread  *t,
                                   GTask           *task,
                                   LineupUser      *actor,
                                   LineupPermission permission,
                                   const char      *object_type,
                                   const char      *object_id);

/* The search policy as the settings table says now (defaults filled in). */
gboolean lineup_db_policy_read (sqlite3      *conn,
                                LineupPolicy *policy,
                                GError      **error);

int      lineup_db_schema_latest (void);
int      lineup_db_schema_version (sqlite3 *conn,
                                   GError **error);
gboolean lineup_db_schema_migrate (sqlite3 *conn,
                                   int      target,
                                   GError **error);

G_END_DECLS
