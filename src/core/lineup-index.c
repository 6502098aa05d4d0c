/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-index.c: a flat float32 scan with runtime CPU dispatch.
 *
 * The squared distances are computed 8 floats at a time with AVX2 and FMA
 * when the CPU has them (checked once at run time, so one binary serves
 * every x86-64 machine; no -march=native), and by a plain loop otherwise.
 * The top k are kept in a bounded max-heap. Removal swaps the last row into
 * the hole, so the array stays dense.
 */
#define G_LOG_DOMAIN "lineup-index"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lineup-index.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define LINEUP_HAVE_X86 1
#endif

struct _LineupIndex
{
  guint       dim;
  guint       n;
  guint       capacity;
  float      *data; /* n × dim, 32-byte aligned */
  gint64     *ids;
  GHashTable *rows; /* id → row + 1 */
};

typedef float (*DistFunc) (const float *a, const float *b, guint dim);

static float
dist2_scalar (const float *a,
              const float *b,
              guint        dim)
{
  float s = 0;

  for (guint i = 0; i < dim; i++)
    {
      float d = a[i] - b[i];
      s += d * d;
    }
  return s;
}

#ifdef LINEUP_HAVE_X86
__attribute__ ((target ("avx2,fma"))) static float
dist2_avx2 (const float *a,
            const float *b,
            guint        dim)
{
  __m256 acc0 = _mm256_setzero_ps (), acc1 = _mm256_setzero_ps ();
  guint  i = 0;
  __m128 lo, hi;
  float  s;

  for (; i + 16 <= dim; i += 16)
    {
      __m256 d0 = _mm256_sub_ps (_mm256_loadu_ps (a + i), _mm256_loadu_ps (b + i));
      __m256 d1 = _mm256_sub_ps (_mm256_loadu_ps (a + i + 8), _mm256_loadu_ps (b + i + 8));
      acc0 = _mm256_fmadd_ps (d0, d0, acc0);
      acc1 = _mm256_fmadd_ps (d1, d1, acc1);
    }
  acc0 = _mm256_add_ps (acc0, acc1);
  lo = _mm256_castps256_ps128 (acc0);
  hi = _mm256_extractf128_ps (acc0, 1);
  lo = _mm_add_ps (lo, hi);
  lo = _mm_hadd_ps (lo, lo);
  lo = _mm_hadd_ps (lo, lo);
  s = _mm_cvtss_f32 (lo);
  for (; i < dim; i++)
    {
      float d = a[i] - b[i];
      s += d * d;
    }
  return s;
}
#endif

static DistFunc
pick_kernel (const char **name)
{
#ifdef LINEUP_HAVE_X86
  __builtin_cpu_init ();
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    {
      *name = "avx2+fma";
      return dist2_avx2;
    }
#endif
  *name = "scalar";
  return dist2_scalar;
}

static DistFunc
kernel (const char **name)
{
  static gsize       once = 0;
  static DistFunc    fn;
  static const char *fn_name;

  if (g_once_init_enter (&once))
    {
      fn = pick_kernel (&fn_name);
      g_once_init_leave (&once, 1);
    }
  if (name)
    *name = fn_name;
  return fn;
}

const char *
lineup_index_kernel (void)
{
  const char *name;
  kernel (&name);
  return name;
}

LineupIndex *
lineup_index_new (guint dim)
{
  LineupIndex *index = g_new0 (LineupIndex, 1);

  index->dim = dim;
  index->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return index;
}

void
lineup_index_free (LineupIndex *index)
{
  if (index == NULL)
    return;
  g_aligned_free (index->data);
  g_free (index->ids);
  g_hash_table_unref (index->rows);
  g_free (index);
}

guint
lineup_index_get_size (LineupIndex *index)
{
  return index->n;
}

void
lineup_index_add (LineupIndex *index,
                  gint64       id,
                  const float *descriptor)
{
  gint64 *key;

  lineup_index_remove (index, id);
  if (index->n == index->capacity)
    {
      guint  cap = MAX (1024, index->capacity * 2);
      float *data = g_aligned_alloc (cap, index->dim * sizeof (float), 32);

      if (index->n)
        memcpy (data, index->data, (gsize)index->n * index->dim * sizeof (float));
      g_aligned_free (index->data);
      index->data = data;
      index->ids = g_renew (gint64, index->ids, cap);
      index->capacity = cap;
    }
  memcpy (index->data + (gsize)index->n * index->dim, descriptor, index->dim * sizeof (float));
  index->ids[index->n] = id;
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (index->rows, key, GUINT_TO_POINTER (index->n + 1));
  index->n++;
}

gboolean
lineup_index_remove (LineupIndex *index,
                     gint64       id)
{
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (index->rows, &id));
  guint last;

  if (row == 0)
    return FALSE;
  row--;
  last = index->n - 1;
  g_hash_table_remove (index->rows, &id);
  if (row != last)
    {
      memcpy (index->data + (gsize)row * index->dim, index->data + (gsize)last * index->dim,
              index->dim * sizeof (float));
      index->ids[row] = index->ids[last];
      g_hash_table_insert (index->rows, g_memdup2 (&index->ids[row], sizeof (gint64)),
                           GUINT_TO_POINTER (row + 1));
    }
  index->n--;
  return TRUE;
}

/* Bounded max-heap on distance: the root is the worst of the best k. */
static void
sift_down (LineupHit *h,
           guint      n,
           guint      i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      if (l < n && h[l].distance > h[m].distance)
        m = l;
      if (r < n && h[r].distance > h[m].distance)
        m = r;
      if (m == i)
        return;
      LineupHit t = h[i];
      h[i] = h[m];
      h[m] = t;
      i = m;
    }
}

static void
sift_up (LineupHit *h,
         guint      i)
{
  while (i > 0 && h[(i - 1) / 2].distance < h[i].distance)
    {
      LineupHit t = h[i];
      h[i] = h[(i - 1) / 2];
      h[(i - 1) / 2] = t;
      i = (i - 1) / 2;
    }
}

static int
cmp_hits (gconstpointer a,
          gconstpointer b)
{
  float x = ((const LineupHit *)a)->distance, y = ((const LineupHit *)b)->distance;
  return x < y ? -1 : x > y;
}

guint
lineup_index_search (LineupIndex *index,
                     const float *query,
                     guint        k,
                     float        max_distance,
                     LineupHit   *hits)
{
  DistFunc dist2 = kernel (NULL);
  float    limit = isinf (max_distance) ? INFINITY : max_distance * max_distance;
  guint    n = 0;

  if (k == 0)
    return 0;
  for (guint row = 0; row < index->n; row++)
    {
      float d = dist2 (index->data + (gsize)row * index->dim, query, index->dim);

      if (d > limit)
        continue;
      if (n < k)
        {
          hits[n].id = index->ids[row];
          hits[n].distance = d;
          sift_up (hits, n++);
        }
      else if (d < hits[0].distance)
        {
          hits[0].id = index->ids[row];
          hits[0].distance = d;
          sift_down (hits, n, 0);
        }
    }
  qsort (hits, n, sizeof (LineupHit), (GCompareFunc)cmp_hits);
  for (guint i = 0; i < n; i++)
    hits[i].distance = sqrtf (hits[i].distance);
  return n;
}
