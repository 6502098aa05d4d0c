/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-import.h: bulk import of booking photos (CSV manifest or a folder
 * per person) through a worker pool into the gallery. */
#pragma once

#include <gio/gio.h>

#include "lineup-db.h"
#include "lineup-engine.h"
#include "lineup-gallery.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_IMPORT (lineup_import_get_type ())
G_DECLARE_FINAL_TYPE (LineupImport, lineup_import, LINEUP, IMPORT, GObject)

/* Reads and checks the source's rows without running the face engine: for
 * the preview. Rows that will be rejected carry status and reason. */
GPtrArray *lineup_import_read_source (const char  *source,
                                      const char **kind,
                                      GError     **error);

LineupImport *lineup_import_new (LineupDb   *db,
                                 const char *data_dir,
                                 const char *source);
/* One photo added by hand; takes ownership of record. */
LineupImport *lineup_import_new_single (LineupDb            *db,
                                        const char          *data_dir,
                                        LineupBookingRecord *record);
void          lineup_import_set_workers (LineupImport *self,
                                         guint         n_workers);
void          lineup_import_set_report_path (LineupImport *self,
                                             const char   *path);
/* The acting user; the database refuses the import without a clerk. */
void lineup_import_set_user (LineupImport *self,
                             LineupUser   *user);
void lineup_import_set_model_dir (LineupImport *self,
                                  const char   *model_dir);
void lineup_import_set_options (LineupImport              *self,
                                const LineupDetectOptions *options);

/* Progress is published as properties ("total", "done", "imported",
 * "duplicates", "rejected", "failed", "rate", "seconds-left"), notified in
 * the main context that called run_async. */
void     lineup_import_run_async (LineupImport       *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gboolean lineup_import_run_finish (LineupImport *self,
                                   GAsyncResult *result,
                                   GError      **error);

guint       lineup_import_get_total (LineupImport *self);
guint       lineup_import_get_done (LineupImport *self);
guint       lineup_import_get_imported (LineupImport *self);
guint       lineup_import_get_duplicates (LineupImport *self);
guint       lineup_import_get_rejected (LineupImport *self);
guint       lineup_import_get_failed (LineupImport *self);
double      lineup_import_get_rate (LineupImport *self);
double      lineup_import_get_seconds_left (LineupImport *self);
double      lineup_import_get_seconds (LineupImport *self);
gboolean    lineup_import_get_cancelled (LineupImport *self);
GHashTable *lineup_import_get_rejected_by_reason (LineupImport *self);
const char *lineup_import_get_report_path (LineupImport *self);
char       *lineup_import_get_summary_json (LineupImport *self);

G_END_DECLS
