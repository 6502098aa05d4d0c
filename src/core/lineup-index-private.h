/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-index-private.h: the rows of an index, shared by the scan
 * (lineup-index.c) and the index file (lineup-index-file.c). */
#pragma once

#include "lineup-index.h"

G_BEGIN_DECLS

/* Codes are padded to a multiple of 32 bytes, one AVX2 register. */
#define LINEUP_INDEX_CODE_ALIGN 32
#define LINEUP_INDEX_MAX_DIM 1024 /* keeps int32 dot products exact in float */

/* One run of rows. A face x is stored as int8 codes c with a scale s
 * (x ≈ s·c), the squared norm of s·c, and radius = ‖x − s·c‖ rounded up:
 * the most the code can be off by, which is what makes the scan's bounds
 * safe. A removed row keeps its place with norm2 = NaN, which no
 * comparison lets through. */
typedef struct
{
  gsize       n;
  gsize       capacity;
  gint64     *ids;
  gint8      *codes; /* n × stride */
  float      *scale;
  float      *norm2;
  float      *radius;
  float      *floats; /* n × dim in memory, or NULL: read from fd */
  int         fd;
  goffset     floats_offset;
  gboolean    owned; /* arrays are ours to free (not a mapping) */
  GHashTable *rows;  /* id → row once ids came out of order; else ids are sorted */
} LineupIndexSegment;

struct _LineupIndex
{
  guint              dim;
  guint              stride;
  LineupIndexSegment base; /* mapped from a file, or empty */
  LineupIndexSegment tail; /* in memory: everything added since */
  gsize              n_live;
  float              max_norm2;
  gpointer           map; /* header and ids of an index file */
  gsize              map_len;
  gpointer           base_block; /* the base's codes and parameters, copied */
};

/* Fills codes (stride bytes), scale, norm2 and radius for one descriptor. */
void lineup_index_encode (const float *x,
                          guint        dim,
                          guint        stride,
                          gint8       *codes,
                          float       *scale,
                          float       *norm2,
                          float       *radius);
/* The descriptor of a row, copied into out (dim floats). */
gboolean     lineup_index_read_floats (LineupIndex        *index,
                                       LineupIndexSegment *seg,
                                       gsize               row,
                                       float              *out,
                                       GError            **error);
LineupIndex *lineup_index_new_empty (guint dim);
/* Memory for codes, on huge pages when large; free with g_aligned_free. */
gpointer lineup_index_big_alloc (gsize bytes);
/* After the base segment was filled: counts live rows and the id order. */
void lineup_index_base_loaded (LineupIndex *index);

G_END_DECLS
