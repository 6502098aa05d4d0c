/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-index.c: a two-stage exact scan with runtime CPU dispatch.
 *
 * Stage one reads only the int8 codes. For a query q (itself coded as t·d)
 * and a face x (coded as s·c) the distance between the codes,
 *   D̂² = t²‖d‖² + s²‖c‖² − 2ts(d·c),
 * needs one integer dot product, done 32 bytes at a time with AVX2 when the
 * CPU has it (checked once at run time, no -march=native) and by a plain
 * loop otherwise. By the triangle inequality the true distance lies within
 * D̂ ± (r_q + r_x), where r is how far each code is from its vector; the
 * float rounding of D̂² is bounded too. Every face whose lower bound is not
 * above the k-th smallest upper bound seen so far is kept, so the true k
 * nearest are always in the shortlist, ties included. Stage two computes
 * the exact distance of the shortlist from the float descriptors.
 *
 * Large scans are split across the processors by a small pool of threads
 * kept for the life of the process; each part keeps its own bounds and
 * shortlist, and the parts' bounds are merged before stage two.
 *
 * Removal leaves the row in place, marked by a NaN norm (a mapped file
 * cannot be compacted in place, and ids stay sorted for lookup).
 */
#define G_LOG_DOMAIN "lineup-index"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gio/gio.h>

#include "lineup-index-private.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define LINEUP_HAVE_X86 1
#endif

/* Ties and rounding: every bound is widened by this much (relative to the
 * norms involved), far more than float rounding can move a distance. */
#define BOUND_MARGIN 1e-5f
/* Below this many rows a scan is not worth handing to other threads. */
#define MIN_ROWS_PER_PART 32768
#define MAX_PARTS 16

/* encoding */

void
lineup_index_encode (const float *x,
                     guint        dim,
                     guint        stride,
                     gint8       *codes,
                     float       *scale,
                     float       *norm2,
                     float       *radius)
{
  float  m = 0, s;
  double cc = 0, rr = 0;

  for (guint i = 0; i < dim; i++)
    m = MAX (m, fabsf (x[i]));
  s = m > 0 ? m / 127.0f : 1.0f;
  for (guint i = 0; i < dim; i++)
    {
      long   v = lrintf (x[i] / s);
      double err;

      v = CLAMP (v, -127, 127);
      codes[i] = (gint8)v;
      cc += (double)v * v;
      err = (double)x[i] - (double)s * v;
      rr += err * err;
    }
  memset (codes + dim, 0, stride - dim);
  *scale = s;
  *norm2 = (float)((double)s * s * cc);
  /* Rounded up, so the bound built from it holds. */
  *radius = (float)sqrt (rr) * (1 + 1e-6f) + 1e-12f;
}

static double
exact_dist2 (const float *a,
             const float *b,
             guint        dim)
{
  double sum = 0;

  /* The same arithmetic as lineup_descriptor_distance(). */
  for (guint i = 0; i < dim; i++)
    {
      double d = (double)a[i] - b[i];
      sum += d * d;
    }
  return sum;
}

/* kernels */

typedef struct
{
  const gint8 *codes; /* stride bytes, aligned */
  guint        stride;
  guint        k;
  float        qn;    /* t²‖d‖² */
  float        p;     /* 2t */
  float        rq;    /* r_q plus the margin */
  float        e;     /* how far float rounding can move D̂² */
  float        limit; /* max_distance */
} ScanQuery;

typedef struct
{
  guint8 tail;
  gsize  row;
  float  lb;
} Cand;

typedef struct
{
  float  *heap; /* max-heap of upper bounds, at most k */
  guint   heap_n;
  float   bound; /* min (k-th upper bound, limit) */
  GArray *cands;
  guint64 scanned;
} ScanState;

typedef void (*ScanFunc) (const ScanQuery          *q,
                          const LineupIndexSegment *seg,
                          guint8                    tail,
                          gsize                     start,
                          gsize                     end,
                          ScanState                *st);

static inline void
heap_push (ScanState *st,
           guint      k,
           float      ub)
{
  float *h = st->heap;

  if (st->heap_n < k)
    {
      guint i = st->heap_n++;

      h[i] = ub;
      while (i > 0 && h[(i - 1) / 2] < h[i])
        {
          float t = h[i];
          h[i] = h[(i - 1) / 2];
          h[(i - 1) / 2] = t;
          i = (i - 1) / 2;
        }
    }
  else if (ub < h[0])
    {
      guint i = 0, n = st->heap_n;

      h[0] = ub;
      for (;;)
        {
          guint l = 2 * i + 1, r = l + 1, m = i;
          if (l < n && h[l] > h[m])
            m = l;
          if (r < n && h[r] > h[m])
            m = r;
          if (m == i)
            break;
          float t = h[i];
          h[i] = h[m];
          h[m] = t;
          i = m;
        }
    }
  if (st->heap_n == k && h[0] < st->bound)
    st->bound = h[0];
}

/* One row whose code passed the cheap test (or is being tested here):
 * shortlisted if its lower bound can still beat the bound. */
static inline void
consider (const ScanQuery *q,
          ScanState       *st,
          guint8           tail,
          gsize            row,
          float            d2,
          float            radius)
{
  float r = q->rq + radius;
  float lim = st->bound + r;
  float lbsq = d2 - q->e;
  float lb;
  Cand  c;

  /* NaN (a removed row) fails this too. */
  if (!(lbsq <= lim * lim))
    return;
  lb = sqrtf (MAX (lbsq, 0.0f)) - r;
  if (lb > st->bound)
    return;
  c.tail = tail;
  c.row = row;
  c.lb = lb;
  g_array_append_val (st->cands, c);
  heap_push (st, q->k, sqrtf (d2 + q->e) + r);
}

static void
scan_scalar (const ScanQuery          *q,
             const LineupIndexSegment *seg,
             guint8                    tail,
             gsize                     start,
             gsize                     end,
             ScanState                *st)
{
  for (gsize row = start; row < end; row++)
    {
      const gint8 *c = seg->codes + row * q->stride;
      gint32       dot = 0;
      float        d2;

      for (guint i = 0; i < q->stride; i++)
        dot += (gint32)c[i] * q->codes[i];
      d2 = (q->qn + seg->norm2[row]) - (q->p * seg->scale[row]) * (float)dot;
      consider (q, st, tail, row, d2, seg->radius[row]);
    }
  st->scanned += end - start;
}

#ifdef LINEUP_HAVE_X86
__attribute__ ((target ("avx2"))) static inline __m256i
dot_row_avx2 (const gint8   *c,
              const __m256i *qabs,
              const __m256i *qraw,
              guint          chunks)
{
  const __m256i ones = _mm256_set1_epi16 (1);
  __m256i       acc = _mm256_setzero_si256 ();

  /* |d| × (c with d's sign): maddubs wants one unsigned operand; |d|, |c| ≤
   * 127 keep its pair sums below 2¹⁵. */
  for (guint ch = 0; ch < chunks; ch++)
    {
      __m256i v = _mm256_load_si256 ((const __m256i *)(c + 32 * ch));
      __m256i m = _mm256_maddubs_epi16 (qabs[ch], _mm256_sign_epi8 (v, qraw[ch]));
      acc = _mm256_add_epi32 (acc, _mm256_madd_epi16 (m, ones));
    }
  return acc;
}

__attribute__ ((target ("avx2"))) static void
scan_avx2 (const ScanQuery          *q,
           const LineupIndexSegment *seg,
           guint8                    tail,
           gsize                     start,
           gsize                     end,
           ScanState                *st)
{
  guint        chunks = q->stride / 32;
  __m256i      qabs[LINEUP_INDEX_MAX_DIM / 32], qraw[LINEUP_INDEX_MAX_DIM / 32];
  const __m256 qn = _mm256_set1_ps (q->qn), p = _mm256_set1_ps (q->p);
  const __m256 rq = _mm256_set1_ps (q->rq), e = _mm256_set1_ps (q->e);
  gsize        row = start;

  for (guint ch = 0; ch < chunks; ch++)
    {
      qraw[ch] = _mm256_load_si256 ((const __m256i *)(q->codes + 32 * ch));
      qabs[ch] = _mm256_abs_epi8 (qraw[ch]);
    }
  for (; row + 8 <= end; row += 8)
    {
      const gint8 *c = seg->codes + row * q->stride;
      __m256i      a0 = dot_row_avx2 (c, qabs, qraw, chunks);
      __m256i      a1 = dot_row_avx2 (c + q->stride, qabs, qraw, chunks);
      __m256i      a2 = dot_row_avx2 (c + 2 * q->stride, qabs, qraw, chunks);
      __m256i      a3 = dot_row_avx2 (c + 3 * q->stride, qabs, qraw, chunks);
      __m256i      a4 = dot_row_avx2 (c + 4 * q->stride, qabs, qraw, chunks);
      __m256i      a5 = dot_row_avx2 (c + 5 * q->stride, qabs, qraw, chunks);
      __m256i      a6 = dot_row_avx2 (c + 6 * q->stride, qabs, qraw, chunks);
      __m256i      a7 = dot_row_avx2 (c + 7 * q->stride, qabs, qraw, chunks);
      __m256i      s01 = _mm256_hadd_epi32 (a0, a1), s23 = _mm256_hadd_epi32 (a2, a3);
      __m256i      s45 = _mm256_hadd_epi32 (a4, a5), s67 = _mm256_hadd_epi32 (a6, a7);
      __m256i      s0123 = _mm256_hadd_epi32 (s01, s23), s4567 = _mm256_hadd_epi32 (s45, s67);
      __m256i      dots = _mm256_add_epi32 (_mm256_permute2x128_si256 (s0123, s4567, 0x20),
                                            _mm256_permute2x128_si256 (s0123, s4567, 0x31));
      __m256       sc = _mm256_loadu_ps (seg->scale + row);
      __m256       n2 = _mm256_loadu_ps (seg->norm2 + row);
      __m256       rad = _mm256_loadu_ps (seg->radius + row);
      __m256       d2 = _mm256_sub_ps (_mm256_add_ps (qn, n2),
                                       _mm256_mul_ps (_mm256_mul_ps (p, sc), _mm256_cvtepi32_ps (dots)));
      __m256       lim = _mm256_add_ps (_mm256_set1_ps (st->bound), _mm256_add_ps (rq, rad));
      __m256       lbsq = _mm256_sub_ps (d2, e);
      int          mask = _mm256_movemask_ps (_mm256_cmp_ps (lbsq, _mm256_mul_ps (lim, lim), _CMP_LE_OQ));

      if (G_UNLIKELY (mask))
        {
          float d2v[8];

          _mm256_storeu_ps (d2v, d2);
          while (mask)
            {
              int j = __builtin_ctz (mask);
              consider (q, st, tail, row + j, d2v[j], seg->radius[row + j]);
              mask &= mask - 1;
            }
        }
    }
  st->scanned += row - start;
  scan_scalar (q, seg, tail, row, end, st);
}
#endif

typedef struct
{
  const char *name;
  ScanFunc    func;
} Kernel;

static const Kernel kernels[] = {
#ifdef LINEUP_HAVE_X86
  { "avx2", scan_avx2 },
#endif
  { "scalar", scan_scalar },
};

static gboolean
kernel_supported (const Kernel *k)
{
#ifdef LINEUP_HAVE_X86
  if (k->func == scan_avx2)
    {
      __builtin_cpu_init ();
      return __builtin_cpu_supports ("avx2");
    }
#endif
  return TRUE;
}

static const Kernel *current_kernel;

static const Kernel *
kernel (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
        if (kernel_supported (&kernels[i]))
          {
            g_atomic_pointer_set (&current_kernel, &kernels[i]);
            break;
          }
      g_once_init_leave (&once, 1);
    }
  return g_atomic_pointer_get (&current_kernel);
}

const char *
lineup_index_kernel (void)
{
  return kernel ()->name;
}

gboolean
lineup_index_set_kernel (const char *name)
{
  kernel ();
  for (guint i = 0; i < G_N_ELEMENTS (kernels); i++)
    if (g_str_equal (kernels[i].name, name) && kernel_supported (&kernels[i]))
      {
        g_atomic_pointer_set (&current_kernel, &kernels[i]);
        return TRUE;
      }
  return FALSE;
}

/* the thread pool */

typedef struct _ScanJob ScanJob;

typedef struct
{
  ScanJob *job;
  guint    part;
} ScanPart;

struct _ScanJob
{
  const ScanQuery *q;
  LineupIndex     *index;
  ScanFunc         func;
  guint            parts;
  ScanState        st[MAX_PARTS];
  GMutex           lock;
  GCond            cond;
  guint            pending;
  ScanPart         items[MAX_PARTS];
};

static guint threads_wanted;

void
lineup_index_set_threads (guint n)
{
  g_atomic_int_set (&threads_wanted, n);
}

static guint
n_threads (void)
{
  static gsize once = 0;
  static guint from_env;
  guint        n;

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("LINEUP_INDEX_THREADS");
      from_env = env ? (guint)atoi (env) : 0;
      g_once_init_leave (&once, 1);
    }
  n = g_atomic_int_get (&threads_wanted);
  if (n == 0)
    n = from_env;
  if (n == 0)
    n = g_get_num_processors ();
  return CLAMP (n, 1, MAX_PARTS);
}

static void
scan_range (const ScanQuery          *q,
            ScanFunc                  func,
            const LineupIndexSegment *seg,
            guint8                    tail,
            guint                     part,
            guint                     parts,
            ScanState                *st)
{
  /* Parts split on multiples of 8 rows, the AVX2 block. */
  gsize per = (seg->n / parts + 7) & ~(gsize)7;
  gsize start = MIN (seg->n, per * part), end = part + 1 == parts ? seg->n : MIN (seg->n, start + per);

  if (start < end)
    func (q, seg, tail, start, end, st);
}

static void
scan_part (ScanJob *job,
           guint    part)
{
  scan_range (job->q, job->func, &job->index->base, 0, part, job->parts, &job->st[part]);
  scan_range (job->q, job->func, &job->index->tail, 1, part, job->parts, &job->st[part]);
}

static void
pool_worker (gpointer data,
             gpointer user_data)
{
  ScanPart *item = data;
  ScanJob  *job = item->job;

  scan_part (job, item->part);
  g_mutex_lock (&job->lock);
  if (--job->pending == 0)
    g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

static GThreadPool *
pool (void)
{
  static gsize        once = 0;
  static GThreadPool *p;

  if (g_once_init_enter (&once))
    {
      /* The caller scans one part itself. Kept threads: a search should not
       * wait for threads to start. */
      p = g_thread_pool_new (pool_worker, NULL, MAX (1, (int)g_get_num_processors () - 1), FALSE, NULL);
      g_thread_pool_set_max_unused_threads (MAX_PARTS);
      g_thread_pool_set_max_idle_time (0);
      g_once_init_leave (&once, 1);
    }
  return p;
}

/* the rows */

#define HUGE_PAGE (2u << 20)

/* The scan reads every byte of the codes once per search: on 4 KiB pages
 * the page walks cost more than the arithmetic, so large blocks are asked
 * for as transparent huge pages (about twice as fast at 1M faces). */
gpointer
lineup_index_big_alloc (gsize bytes)
{
  gpointer p;

  if (bytes < 2 * HUGE_PAGE)
    return g_aligned_alloc (1, MAX (bytes, 1), LINEUP_INDEX_CODE_ALIGN);
  bytes = (bytes + HUGE_PAGE - 1) & ~(gsize)(HUGE_PAGE - 1);
  p = g_aligned_alloc (1, bytes, HUGE_PAGE);
#ifdef MADV_HUGEPAGE
  madvise (p, bytes, MADV_HUGEPAGE);
#endif
  return p;
}

LineupIndex *
lineup_index_new_empty (guint dim)
{
  LineupIndex *index = g_new0 (LineupIndex, 1);

  g_return_val_if_fail (dim > 0 && dim <= LINEUP_INDEX_MAX_DIM, NULL);
  index->dim = dim;
  index->stride = (dim + LINEUP_INDEX_CODE_ALIGN - 1) / LINEUP_INDEX_CODE_ALIGN * LINEUP_INDEX_CODE_ALIGN;
  index->base.fd = index->tail.fd = -1;
  index->tail.owned = TRUE;
  return index;
}

LineupIndex *
lineup_index_new (guint dim)
{
  return lineup_index_new_empty (dim);
}

static void
segment_clear (LineupIndexSegment *seg)
{
  if (seg->owned)
    {
      g_free (seg->ids);
      g_aligned_free (seg->codes);
      g_free (seg->scale);
      g_free (seg->norm2);
      g_free (seg->radius);
      g_free (seg->floats);
    }
  if (seg->fd >= 0)
    close (seg->fd);
  g_clear_pointer (&seg->rows, g_hash_table_unref);
  memset (seg, 0, sizeof *seg);
  seg->fd = -1;
}

void
lineup_index_free (LineupIndex *index)
{
  if (index == NULL)
    return;
  segment_clear (&index->base);
  segment_clear (&index->tail);
  g_aligned_free (index->base_block);
  if (index->map != NULL)
    munmap (index->map, index->map_len);
  g_free (index);
}

guint
lineup_index_get_dim (LineupIndex *index)
{
  return index->dim;
}

guint
lineup_index_get_size (LineupIndex *index)
{
  return (guint)index->n_live;
}

static gboolean
segment_find (const LineupIndexSegment *seg,
              gint64                    id,
              gsize                    *row)
{
  gsize lo = 0, hi = seg->n;

  if (seg->rows != NULL)
    {
      gpointer v;

      if (!g_hash_table_lookup_extended (seg->rows, &id, NULL, &v))
        return FALSE;
      *row = GPOINTER_TO_SIZE (v);
      return TRUE;
    }
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (seg->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < seg->n && seg->ids[lo] == id)
    {
      *row = lo;
      return TRUE;
    }
  return FALSE;
}

/* Where a live row with this id is: base first (a face removed there may
 * be back in the tail). */
static gboolean
find (LineupIndex         *index,
      gint64               id,
      LineupIndexSegment **seg,
      gsize               *row)
{
  LineupIndexSegment *segs[2] = { &index->base, &index->tail };

  for (guint i = 0; i < 2; i++)
    if (segment_find (segs[i], id, row) && !isnan (segs[i]->norm2[*row]))
      {
        *seg = segs[i];
        return TRUE;
      }
  return FALSE;
}

/* A segment whose ids came out of order (a face put back, a caller adding
 * in any order) is looked up by hash from then on; a sorted one, such as
 * a 10M-face file written in id order, needs no memory for lookups. */
static void
segment_rows_build (LineupIndexSegment *seg)
{
  seg->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (gsize row = 0; row < seg->n; row++)
    if (!isnan (seg->norm2[row]))
      g_hash_table_insert (seg->rows, g_memdup2 (&seg->ids[row], sizeof (gint64)), GSIZE_TO_POINTER (row));
}

void
lineup_index_base_loaded (LineupIndex *index)
{
  LineupIndexSegment *b = &index->base;

  index->n_live = 0;
  for (gsize row = 0; row < b->n; row++)
    {
      if (row > 0 && b->ids[row] <= b->ids[row - 1] && b->rows == NULL)
        segment_rows_build (b);
      if (!isnan (b->norm2[row]))
        {
          index->n_live++;
          index->max_norm2 = MAX (index->max_norm2, b->norm2[row]);
        }
    }
#ifdef MADV_DONTNEED
  /* Mapped ids need not stay resident after this pass: lookups and the
   * shortlist fault in the few pages they need. */
  if (index->map != NULL)
    madvise (index->map, index->map_len, MADV_DONTNEED);
#endif
}

static void
tail_grow (LineupIndex *index)
{
  LineupIndexSegment *t = &index->tail;
  gsize               cap = MAX (1024, t->capacity * 2);
  gint8              *codes = lineup_index_big_alloc (cap * index->stride);

  if (t->n)
    memcpy (codes, t->codes, t->n * index->stride);
  g_aligned_free (t->codes);
  t->codes = codes;
  t->ids = g_renew (gint64, t->ids, cap);
  t->scale = g_renew (float, t->scale, cap);
  t->norm2 = g_renew (float, t->norm2, cap);
  t->radius = g_renew (float, t->radius, cap);
  t->floats = g_renew (float, t->floats, cap * index->dim);
  t->capacity = cap;
}

void
lineup_index_add (LineupIndex *index,
                  gint64       id,
                  const float *descriptor)
{
  LineupIndexSegment *t = &index->tail;
  gsize               row;

  lineup_index_remove (index, id);
  if (t->rows == NULL && t->n > 0 && id <= t->ids[t->n - 1])
    segment_rows_build (t);
  if (t->n == t->capacity)
    tail_grow (index);
  row = t->n++;
  t->ids[row] = id;
  memcpy (t->floats + row * index->dim, descriptor, index->dim * sizeof (float));
  lineup_index_encode (descriptor, index->dim, index->stride, t->codes + row * index->stride,
                       &t->scale[row], &t->norm2[row], &t->radius[row]);
  index->max_norm2 = MAX (index->max_norm2, t->norm2[row]);
  if (t->rows != NULL)
    g_hash_table_insert (t->rows, g_memdup2 (&id, sizeof id), GSIZE_TO_POINTER (row));
  index->n_live++;
}

gboolean
lineup_index_remove (LineupIndex *index,
                     gint64       id)
{
  LineupIndexSegment *seg;
  gsize               row;

  if (!find (index, id, &seg, &row))
    return FALSE;
  seg->norm2[row] = NAN;
  if (seg->rows != NULL)
    g_hash_table_remove (seg->rows, &id);
  index->n_live--;
  return TRUE;
}

gboolean
lineup_index_contains (LineupIndex *index,
                       gint64       id)
{
  LineupIndexSegment *seg;
  gsize               row;

  return find (index, id, &seg, &row);
}

gboolean
lineup_index_read_floats (LineupIndex        *index,
                          LineupIndexSegment *seg,
                          gsize               row,
                          float              *out,
                          GError            **error)
{
  gsize   len = index->dim * sizeof (float);
  goffset off;
  gsize   done = 0;

  if (seg->floats != NULL)
    {
      memcpy (out, seg->floats + row * index->dim, len);
      return TRUE;
    }
  /* Read, not mapped: what the shortlist touches goes through the page
   * cache and never adds to the process's resident size. */
  off = seg->floats_offset + (goffset)row * len;
  while (done < len)
    {
      ssize_t r = pread (seg->fd, (char *)out + done, len - done, off + done);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        {
          int saved = r < 0 ? errno : EIO;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Could not read descriptor %" G_GSIZE_FORMAT " of the index file: %s", row,
                       g_strerror (saved));
          return FALSE;
        }
      done += r;
    }
  return TRUE;
}

/* search */

static int
cmp_hits (gconstpointer a,
          gconstpointer b)
{
  const LineupHit *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static int
cmp_float (gconstpointer a,
           gconstpointer b)
{
  float x = *(const float *)a, y = *(const float *)b;
  return x < y ? -1 : x > y;
}

guint
lineup_index_search_full (LineupIndex      *index,
                          const float      *query,
                          guint             k,
                          float             max_distance,
                          LineupHit        *hits,
                          LineupIndexStats *stats)
{
  const Kernel *kern = kernel ();
  ScanJob      *job;
  ScanQuery     q = { 0 };
  gint8        *qcodes;
  float         t, qn, rq;
  gsize         rows = index->base.n + index->tail.n;
  g_autoptr(GArray) all_ub = NULL;
  g_autoptr(GArray) found = NULL;
  float   bound = max_distance;
  guint64 scanned = 0;
  guint   shortlist = 0, considered = 0, n;
  float  *buf;

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (k == 0 || index->n_live == 0 || isnan (max_distance) || max_distance < 0)
    return 0;

  qcodes = g_aligned_alloc0 (1, index->stride, LINEUP_INDEX_CODE_ALIGN);
  lineup_index_encode (query, index->dim, index->stride, qcodes, &t, &qn, &rq);
  q.codes = qcodes;
  q.stride = index->stride;
  q.k = k;
  q.qn = qn;
  q.p = 2 * t;
  q.rq = rq + BOUND_MARGIN * (1 + sqrtf (qn) + sqrtf (index->max_norm2));
  /* Each float operation in D̂² errs by at most 2⁻²⁴ of terms bounded by
   * ‖q̂‖² + ‖x̂‖²; a few operations, with room to spare. */
  q.e = ldexpf (qn + index->max_norm2, -16);
  q.limit = max_distance;

  job = g_new0 (ScanJob, 1);
  job->q = &q;
  job->index = index;
  job->func = kern->func;
  job->parts = MIN (n_threads (), MAX (1, rows / MIN_ROWS_PER_PART));
  for (guint p = 0; p < job->parts; p++)
    {
      job->st[p].heap = g_new (float, k);
      job->st[p].bound = max_distance;
      job->st[p].cands = g_array_new (FALSE, FALSE, sizeof (Cand));
    }
  if (job->parts > 1)
    {
      g_mutex_init (&job->lock);
      g_cond_init (&job->cond);
      job->pending = job->parts - 1;
      for (guint p = 1; p < job->parts; p++)
        {
          job->items[p].job = job;
          job->items[p].part = p;
          g_thread_pool_push (pool (), &job->items[p], NULL);
        }
    }
  scan_part (job, 0);
  if (job->parts > 1)
    {
      g_mutex_lock (&job->lock);
      while (job->pending > 0)
        g_cond_wait (&job->cond, &job->lock);
      g_mutex_unlock (&job->lock);
      g_mutex_clear (&job->lock);
      g_cond_clear (&job->cond);
    }

  /* The k-th smallest upper bound over all parts bounds the k-th distance. */
  all_ub = g_array_new (FALSE, FALSE, sizeof (float));
  for (guint p = 0; p < job->parts; p++)
    {
      g_array_append_vals (all_ub, job->st[p].heap, job->st[p].heap_n);
      scanned += job->st[p].scanned;
    }
  if (all_ub->len >= k)
    {
      g_array_sort (all_ub, cmp_float);
      bound = MIN (bound, g_array_index (all_ub, float, k - 1));
    }

  found = g_array_new (FALSE, FALSE, sizeof (LineupHit));
  buf = g_new (float, index->dim);
#ifdef POSIX_FADV_WILLNEED
  /* Descriptors on disk: ask for the whole shortlist first, so that after
   * a cold start its reads go to the disk together, not one by one. */
  if (index->base.fd >= 0)
    for (guint p = 0; p < job->parts; p++)
      for (guint i = 0; i < job->st[p].cands->len; i++)
        {
          Cand *c = &g_array_index (job->st[p].cands, Cand, i);
          gsize len = index->dim * sizeof (float);

          if (c->lb <= bound && !c->tail)
            posix_fadvise (index->base.fd, index->base.floats_offset + (goffset)(c->row * len), len,
                           POSIX_FADV_WILLNEED);
        }
#endif
  for (guint p = 0; p < job->parts; p++)
    {
      GArray *cands = job->st[p].cands;

      considered += cands->len;
      for (guint i = 0; i < cands->len; i++)
        {
          Cand               *c = &g_array_index (cands, Cand, i);
          LineupIndexSegment *seg = c->tail ? &index->tail : &index->base;
          g_autoptr(GError) error = NULL;
          LineupHit h;

          if (c->lb > bound)
            continue;
          shortlist++;
          if (!lineup_index_read_floats (index, seg, c->row, buf, &error))
            {
              /* A file that cannot be read cannot give a right answer. */
              g_critical ("%s", error->message);
              continue;
            }
          h.id = seg->ids[c->row];
          h.distance = (float)sqrt (exact_dist2 (buf, query, index->dim));
          if (h.distance <= max_distance)
            g_array_append_val (found, h);
        }
      g_array_unref (cands);
      g_free (job->st[p].heap);
    }
  g_free (buf);
#ifdef MADV_DONTNEED
  /* The shortlist faulted in a few pages of mapped ids: let them go, so
   * the resident size stays what the codes need. */
  if (index->map != NULL && shortlist > 0)
    madvise (index->map, index->map_len, MADV_DONTNEED);
#endif
  g_array_sort (found, cmp_hits);
  n = MIN (k, found->len);
  memcpy (hits, found->data, n * sizeof (LineupHit));
  if (stats)
    {
      stats->scanned = scanned;
      stats->considered = considered;
      stats->shortlist = shortlist;
      stats->parts = job->parts;
    }
  g_free (job);
  g_aligned_free (qcodes);
  return n;
}

guint
lineup_index_search (LineupIndex *index,
                     const float *query,
                     guint        k,
                     float        max_distance,
                     LineupHit   *hits)
{
  return lineup_index_search_full (index, query, k, max_distance, hits, NULL);
}
