/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-index-file.h: the search index on disk, beside the database.
 *
 * One file: a versioned, checksummed header that names what the index was
 * built from (a key such as the model and policy) and the database change
 * counter it reflects, then the ids, the per-face code parameters and the
 * int8 codes, which are memory-mapped, then the float descriptors, which
 * are only ever read for a search's shortlist. */
#pragma once

#include <glib.h>

#include "lineup-index.h"

G_BEGIN_DECLS

#define LINEUP_INDEX_FILE_VERSION 1

typedef struct _LineupIndexWriter LineupIndexWriter;

/* Writes path through a temporary file renamed into place on finish, so a
 * reader never sees half a file. capacity: the most faces that will be
 * added. */
LineupIndexWriter *lineup_index_writer_new (const char *path,
                                            guint       dim,
                                            guint64     capacity,
                                            GError    **error);
gboolean           lineup_index_writer_add (LineupIndexWriter *writer,
                                            gint64             id,
                                            const float       *descriptor,
                                            GError           **error);
guint64            lineup_index_writer_get_n (LineupIndexWriter *writer);
/* Frees the writer whatever happens. */
gboolean lineup_index_writer_finish (LineupIndexWriter *writer,
                                     const char        *key,
                                     guint64            generation,
                                     GError           **error);
/* Abandons the file. */
void lineup_index_writer_free (LineupIndexWriter *writer);

/* Every live face of index, in row order. */
gboolean lineup_index_save (LineupIndex *index,
                            const char  *path,
                            const char  *key,
                            guint64      generation,
                            GError     **error);
/* Maps the file after checking its header and the checksum of its codes.
 * G_IO_ERROR_NOT_FOUND when there is none; G_IO_ERROR_INVALID_DATA when it
 * is damaged, of another version or dimension, or (key not NULL) built
 * from something else. The generation it reflects goes to generation. */
LineupIndex *lineup_index_open (const char *path,
                                guint       dim,
                                const char *key,
                                guint64    *generation,
                                GError    **error);
/* Checks the float descriptors' checksum too (reads the whole file). */
gboolean lineup_index_file_verify (const char *path,
                                   GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupIndexWriter, lineup_index_writer_free)

G_END_DECLS
