/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-gallery-index.c: the search index, the gallery's numbered changes
 * and the index file, kept in step (database thread only). */
#define G_LOG_DOMAIN "lineup-index"

#include "config.h"

#include <gio/gio.h>

#include "lineup-db-private.h"
#include "lineup-error.h"
#include "lineup-db-gallery-index.h"
#include "lineup-index-file.h"
#include "lineup-shim.h"

/* Past this many changes (and a fair part of the gallery) reading every
 * row is quicker than applying them one by one. */
#define REBUILD_CHANGES 200000
/* Rewrite the file once this many changes were applied on top of it, so a
 * new process does not apply them again. */
#define REWRITE_CHANGES 20000

struct _LineupGalleryIndex
{
  char                    *file;
  char                    *model_id;
  gboolean                 include_excluded;
  LineupIndex             *index;
  gint64                   generation;
  gint64                   file_generation; /* what the file holds, -1 if none */
  char                    *key;
  LineupGalleryIndexSource source;
};

LineupGalleryIndex *
lineup_gallery_index_new (const char *file,
                          const char *model_id,
                          gboolean    include_excluded)
{
  LineupGalleryIndex *gi = g_new0 (LineupGalleryIndex, 1);

  gi->file = g_strdup (file);
  gi->model_id = g_strdup (model_id);
  gi->include_excluded = include_excluded;
  gi->file_generation = -1;
  return gi;
}

void
lineup_gallery_index_free (LineupGalleryIndex *gi)
{
  if (gi == NULL)
    return;
  g_clear_pointer (&gi->index, lineup_index_free);
  g_free (gi->file);
  g_free (gi->model_id);
  g_free (gi->key);
  g_free (gi);
}

gboolean
lineup_gallery_index_matches (LineupGalleryIndex *gi,
                              const char         *model_id,
                              gboolean            include_excluded)
{
  return g_strcmp0 (gi->model_id, model_id) == 0 && !gi->include_excluded == !include_excluded;
}

LineupIndex *
lineup_gallery_index_get_index (LineupGalleryIndex *gi)
{
  return gi->index;
}

gint64
lineup_gallery_index_get_generation (LineupGalleryIndex *gi)
{
  return gi->generation;
}

LineupGalleryIndexSource
lineup_gallery_index_get_source (LineupGalleryIndex *gi)
{
  return gi->source;
}

gint64
lineup_gallery_generation (sqlite3 *conn)
{
  return lineup_db_query_int64 (conn, "SELECT coalesce(max(seq), 0) FROM gallery_changes");
}

static gboolean
good_descriptor (sqlite3_stmt *st,
                 int           col)
{
  return sqlite3_column_bytes (st, col) == LINEUP_SHIM_DESCRIPTOR_DIM * sizeof (float);
}

static void
bind_filter (sqlite3_stmt       *st,
             LineupGalleryIndex *gi)
{
  sqlite3_bind_int (st, 1, gi->include_excluded);
  sqlite3_bind_text (st, 2, gi->model_id, -1, SQLITE_TRANSIENT);
}

/* Every enrolled face of the model, in id order, into a new index (the
 * file when there is one, written then mapped). */
static gboolean
rebuild (LineupGalleryIndex        *gi,
         sqlite3                   *conn,
         LineupGalleryIndexProgress progress,
         gpointer                   user_data,
         GError                   **error)
{
  g_autoptr(sqlite3_stmt) count = lineup_db_prepare (conn,
                                                      "SELECT count(*) FROM faces WHERE model_id = ?2"
                                                      " AND (enrolled = 1 OR ?1)",
                                                      error);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(LineupIndexWriter) writer = NULL;
  g_autoptr(LineupIndex) index = NULL;
  g_autoptr(GError) file_error = NULL;
  gint64 total, n = 0;
  double last = 0;
  int    rc;

  if (count == NULL)
    return FALSE;
  bind_filter (count, gi);
  total = sqlite3_step (count) == SQLITE_ROW ? sqlite3_column_int64 (count, 0) : 0;
  /* "+model_id" keeps the planner on the rowid order. */
  if (!(st = lineup_db_prepare (conn,
                                "SELECT id, descriptor FROM faces WHERE +model_id = ?2 AND (enrolled = 1 OR ?1)"
                                " ORDER BY id",
                                error)))
    return FALSE;
  bind_filter (st, gi);
  if (gi->file != NULL)
    {
      writer = lineup_index_writer_new (gi->file, LINEUP_SHIM_DESCRIPTOR_DIM, total, &file_error);
      if (writer == NULL)
        g_message ("Search index kept in memory only: %s", file_error->message);
    }
  if (writer == NULL)
    index = lineup_index_new (LINEUP_SHIM_DESCRIPTOR_DIM);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (!good_descriptor (st, 1))
        continue;
      if (writer != NULL && lineup_index_writer_get_n (writer) < (guint64)total)
        {
          if (!lineup_index_writer_add (writer, sqlite3_column_int64 (st, 0), sqlite3_column_blob (st, 1),
                                        &file_error))
            {
              g_propagate_error (error, g_steal_pointer (&file_error));
              return FALSE;
            }
        }
      else
        {
          g_assert (writer == NULL);
          lineup_index_add (index, sqlite3_column_int64 (st, 0), sqlite3_column_blob (st, 1));
        }
      /* Loading a million faces takes a while: say how far it is. */
      if (progress && total > 50000 && ++n % 20000 == 0 && (double)n / total - last > 0.02)
        progress (0.9 * (last = (double)n / total), user_data);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (conn));
      return FALSE;
    }
  if (writer != NULL)
    {
      if (!lineup_index_writer_finish (g_steal_pointer (&writer), gi->key, gi->generation, error) ||
          !(index = lineup_index_open (gi->file, LINEUP_SHIM_DESCRIPTOR_DIM, gi->key, NULL, error)))
        return FALSE;
      gi->file_generation = gi->generation;
    }
  g_clear_pointer (&gi->index, lineup_index_free);
  gi->index = g_steal_pointer (&index);
  gi->source = LINEUP_GALLERY_INDEX_REBUILT;
  return TRUE;
}

/* The faces changed after the index's number: each one out, and back in
 * as it is now if it still belongs. */
static gboolean
apply_changes (LineupGalleryIndex *gi,
               sqlite3            *conn,
               gint64              to,
               GError            **error)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
                                                   "SELECT c.face_id, f.descriptor"
                                                   " FROM (SELECT DISTINCT face_id FROM gallery_changes"
                                                   "       WHERE seq > ?3 AND seq <= ?4) c"
                                                   " LEFT JOIN faces f ON f.id = c.face_id AND f.model_id = ?2"
                                                   "  AND (f.enrolled = 1 OR ?1)"
                                                   " ORDER BY c.face_id",
                                                   error);
  int rc;

  if (st == NULL)
    return FALSE;
  bind_filter (st, gi);
  sqlite3_bind_int64 (st, 3, gi->generation);
  sqlite3_bind_int64 (st, 4, to);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);

      lineup_index_remove (gi->index, id);
      if (good_descriptor (st, 1))
        lineup_index_add (gi->index, id, sqlite3_column_blob (st, 1));
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (conn));
      return FALSE;
    }
  gi->source = LINEUP_GALLERY_INDEX_CHANGES;
  return TRUE;
}

static gboolean
sync_in_snapshot (LineupGalleryIndex        *gi,
                  sqlite3                   *conn,
                  LineupGalleryIndexProgress progress,
                  gpointer                   user_data,
                  GError                   **error)
{
  gint64           generation = lineup_gallery_generation (conn);
  g_autofree char *uuid = NULL;
  gboolean         from_file = FALSE;

  {
    g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn, "SELECT value FROM settings WHERE key = 'gallery_uuid'",
                                                     error);
    if (st == NULL)
      return FALSE;
    uuid = g_strdup (sqlite3_step (st) == SQLITE_ROW ? (const char *)sqlite3_column_text (st, 0) : "");
  }
  g_free (gi->key);
  gi->key = g_strdup_printf ("%s %s %s", uuid, gi->model_id, gi->include_excluded ? "all" : "enrolled");

  if (gi->index == NULL && gi->file != NULL)
    {
      g_autoptr(GError) local = NULL;
      guint64      file_generation = 0;
      LineupIndex *index = lineup_index_open (gi->file, LINEUP_SHIM_DESCRIPTOR_DIM, gi->key, &file_generation,
                                              &local);

      if (index != NULL && (gint64)file_generation <= generation)
        {
          gi->index = index;
          gi->generation = gi->file_generation = (gint64)file_generation;
          from_file = TRUE;
        }
      else
        {
          if (index != NULL)
            g_debug ("index file %s is ahead of the database (%" G_GUINT64_FORMAT " > %" G_GINT64_FORMAT ")",
                     gi->file, file_generation, generation);
          else if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_debug ("index file not used: %s", local->message);
          g_clear_pointer (&index, lineup_index_free);
        }
    }
  if (gi->index != NULL && gi->generation == generation)
    {
      gi->source = from_file ? LINEUP_GALLERY_INDEX_FILE : LINEUP_GALLERY_INDEX_CURRENT;
      return TRUE;
    }
  if (gi->index == NULL || gi->generation > generation ||
      (generation - gi->generation > REBUILD_CHANGES &&
       generation - gi->generation > (gint64)lineup_index_get_size (gi->index) / 4))
    {
      gi->generation = generation;
      return rebuild (gi, conn, progress, user_data, error);
    }
  if (!apply_changes (gi, conn, generation, error))
    return FALSE;
  gi->generation = generation;
  if (from_file)
    gi->source = LINEUP_GALLERY_INDEX_FILE;
  if (gi->file != NULL && gi->generation - gi->file_generation > REWRITE_CHANGES)
    {
      g_autoptr(GError) local = NULL;

      /* Not fatal: the next process applies the changes itself. */
      if (lineup_index_save (gi->index, gi->file, gi->key, gi->generation, &local))
        gi->file_generation = gi->generation;
      else
        g_message ("Could not rewrite the search index file: %s", local->message);
    }
  return TRUE;
}

gboolean
lineup_gallery_index_sync (LineupGalleryIndex        *gi,
                           sqlite3                   *conn,
                           LineupGalleryIndexProgress progress,
                           gpointer                   user_data,
                           GError                   **error)
{
  gboolean own = sqlite3_get_autocommit (conn) != 0;
  gboolean ok;

  /* The number and the rows read in one snapshot: a change committed by
   * another process meanwhile is simply the next sync's. */
  if (own && !lineup_db_exec (conn, "BEGIN", error))
    return FALSE;
  ok = sync_in_snapshot (gi, conn, progress, user_data, error);
  if (own)
    lineup_db_exec (conn, ok ? "COMMIT" : "ROLLBACK", NULL);
  if (!ok)
    {
      /* Start afresh next time rather than from a half-applied state. */
      g_clear_pointer (&gi->index, lineup_index_free);
    }
  return ok;
}
