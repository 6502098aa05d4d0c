/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-gallery-index.h: the search index kept exactly in step with the
 * gallery of one database (database thread only).
 *
 * Every change to faces is numbered by the schema (gallery_changes, v5) in
 * the same transaction as the change, whichever process makes it. The
 * index remembers the last number it reflects; a sync applies the changes
 * after it. The index file beside the database carries that number too,
 * so a new process maps it and applies only what came since, and
 * rebuilds it from the rows when it is missing, damaged, from another
 * database or ahead of it (a restored backup). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "lineup-index.h"

G_BEGIN_DECLS

typedef struct _LineupGalleryIndex LineupGalleryIndex;

typedef void (*LineupGalleryIndexProgress) (double   fraction,
                                            gpointer user_data);

/* How the last sync got the index where it is, for tests and benchmarks. */
typedef enum
{
  LINEUP_GALLERY_INDEX_CURRENT, /* nothing had changed */
  LINEUP_GALLERY_INDEX_CHANGES, /* the numbered changes applied */
  LINEUP_GALLERY_INDEX_FILE,    /* mapped from the file (and changes applied) */
  LINEUP_GALLERY_INDEX_REBUILT, /* read from every row (and the file written) */
} LineupGalleryIndexSource;

/* file: the index file, or NULL to keep the index in memory only. */
LineupGalleryIndex      *lineup_gallery_index_new (const char *file,
                                                   const char *model_id,
                                                   gboolean    include_excluded);
void                     lineup_gallery_index_free (LineupGalleryIndex *gi);
gboolean                 lineup_gallery_index_matches (LineupGalleryIndex *gi,
                                                       const char         *model_id,
                                                       gboolean            include_excluded);
gboolean                 lineup_gallery_index_sync (LineupGalleryIndex        *gi,
                                                    sqlite3                   *conn,
                                                    LineupGalleryIndexProgress progress,
                                                    gpointer                   user_data,
                                                    GError                   **error);
LineupIndex             *lineup_gallery_index_get_index (LineupGalleryIndex *gi);
gint64                   lineup_gallery_index_get_generation (LineupGalleryIndex *gi);
LineupGalleryIndexSource lineup_gallery_index_get_source (LineupGalleryIndex *gi);

/* The number of the last committed gallery change (0 when none). */
gint64 lineup_gallery_generation (sqlite3 *conn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupGalleryIndex, lineup_gallery_index_free)

G_END_DECLS
