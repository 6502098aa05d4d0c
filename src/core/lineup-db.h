/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db.h: the local SQLite database, owned by one thread.
 *
 * Every call is queued to the database thread and completes through
 * GAsyncReadyCallback in the caller's thread-default main context, so the GUI
 * never waits on SQLite (the epiphany history-service pattern). The _sync
 * variants are for the CLI and tests; they spin a private main context.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_DB (lineup_db_get_type ())
G_DECLARE_FINAL_TYPE (LineupDb, lineup_db, LINEUP, DB, GObject)

#define LINEUP_TYPE_DB_INFO (lineup_db_info_get_type ())

typedef struct
{
  char    *path;
  int      schema_version;
  int      schema_latest;
  char    *journal_mode;
  gboolean foreign_keys;
  gint64   file_bytes;
  gint64   subjects;
  gint64   bookings;
  gint64   photos;
  gint64   faces;
  gint64   cases;
  gint64   searches;
  gint64   users;
  gint64   audit_entries;
} LineupDbInfo;

GType         lineup_db_info_get_type (void) G_GNUC_CONST;
LineupDbInfo *lineup_db_info_copy (const LineupDbInfo *info);
void          lineup_db_info_free (LineupDbInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDbInfo, lineup_db_info_free)

LineupDb   *lineup_db_new (const char *path);
const char *lineup_db_get_path (LineupDb *self);

void     lineup_db_open_async (LineupDb           *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data);
gboolean lineup_db_open_finish (LineupDb     *self,
                                GAsyncResult *result,
                                GError      **error);
gboolean lineup_db_open_sync (LineupDb     *self,
                              GCancellable *cancellable,
                              GError      **error);

void          lineup_db_get_info_async (LineupDb           *self,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
LineupDbInfo *lineup_db_get_info_finish (LineupDb     *self,
                                         GAsyncResult *result,
                                         GError      **error);
LineupDbInfo *lineup_db_get_info_sync (LineupDb     *self,
                                       GCancellable *cancellable,
                                       GError      **error);

LineupDb *lineup_db_open_default_sync (const char *data_dir_override,
                                       GError    **error);

G_END_DECLS
