/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-index.h: exact nearest-neighbour search over face descriptors.
 *
 * Two stages: a scan of a compact int8 code per face (128 bytes instead of
 * 512) that keeps every face whose distance could still be among the best,
 * then the exact distance of that shortlist from the float descriptors.
 * The answer equals a brute-force search over the float descriptors: the
 * same faces, the same order (distance, then face id) and the same
 * distances as lineup_descriptor_distance() gives, rounded to float.
 *
 * An index lives in memory, or is mapped from an index file (see
 * lineup-index-file.h) with the float descriptors left on disk. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LineupIndex LineupIndex;

typedef struct
{
  gint64 id;       /* face id */
  float  distance; /* Euclidean */
} LineupHit;

/* What one search did, for benchmarks and tests. */
typedef struct
{
  guint64 scanned;    /* codes looked at */
  guint   considered; /* codes that passed the cheap test */
  guint   shortlist;  /* faces whose exact distance was computed */
  guint   parts;      /* threads the scan was split across */
} LineupIndexStats;

LineupIndex *lineup_index_new (guint dim);
void         lineup_index_free (LineupIndex *index);
guint        lineup_index_get_dim (LineupIndex *index);
guint        lineup_index_get_size (LineupIndex *index);
/* Replaces the face if the id is already there. */
void     lineup_index_add (LineupIndex *index,
                           gint64       id,
                           const float *descriptor);
gboolean lineup_index_remove (LineupIndex *index,
                              gint64       id);
gboolean lineup_index_contains (LineupIndex *index,
                                gint64       id);
/* The k nearest (at most), nearest first, with distance ≤ max_distance
 * (use INFINITY for no limit). Returns the number of hits written. */
guint lineup_index_search (LineupIndex *index,
                           const float *query,
                           guint        k,
                           float        max_distance,
                           LineupHit   *hits);
guint lineup_index_search_full (LineupIndex      *index,
                                const float      *query,
                                guint             k,
                                float             max_distance,
                                LineupHit        *hits,
                                LineupIndexStats *stats);
/* Calls func for every face in the index (in id order unless ids were
 * added out of order), with its float descriptor (read from disk for a
 * mapped index). Stops on FALSE. */
typedef gboolean (*LineupIndexForeach) (gint64       id,
                                        const float *descriptor,
                                        gpointer     user_data);
gboolean lineup_index_foreach (LineupIndex       *index,
                               LineupIndexForeach func,
                               gpointer           user_data,
                               GError           **error);

/* Which kernel the scan uses on this CPU: "avx2" or "scalar". */
const char *lineup_index_kernel (void);
/* For tests and benchmarks: use the named kernel ("avx2", "scalar") from
 * now on. FALSE when this CPU cannot run it. */
gboolean lineup_index_set_kernel (const char *name);
/* For tests and benchmarks: how many threads a large scan is split across
 * (0: one per processor, the default; LINEUP_INDEX_THREADS overrides). */
void lineup_index_set_threads (guint n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupIndex, lineup_index_free)

G_END_DECLS
