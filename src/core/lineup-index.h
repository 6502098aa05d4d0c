/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-index.h: exact nearest-neighbour search over descriptors held in
 * one contiguous float32 array (the flat scan the gallery search uses). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LineupIndex LineupIndex;

typedef struct
{
  gint64 id;       /* face id */
  float  distance; /* Euclidean */
} LineupHit;

LineupIndex *lineup_index_new (guint dim);
void         lineup_index_free (LineupIndex *index);
guint        lineup_index_get_size (LineupIndex *index);
void         lineup_index_add (LineupIndex *index,
                               gint64       id,
                               const float *descriptor);
gboolean     lineup_index_remove (LineupIndex *index,
                                  gint64       id);
/* The k nearest (at most), nearest first, with distance ≤ max_distance
 * (use INFINITY for no limit). Returns the number of hits written. */
guint lineup_index_search (LineupIndex *index,
                           const float *query,
                           guint        k,
                           float        max_distance,
                           LineupHit   *hits);
/* Which kernel the scan uses on this CPU: "avx2+fma" or "scalar". */
const char *lineup_index_kernel (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupIndex, lineup_index_free)

G_END_DECLS
