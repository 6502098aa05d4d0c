/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search.c: the gallery search's two-stage scan, from its index
 * file, against FAISS IndexFlatL2 and IndexScalarQuantizer (QT_8bit) in
 * the same run, on synthetic 128-D descriptors shaped like dlib's (people
 * as clusters: centres of norm 0.5-0.7, four faces each about 0.4 from
 * one another). Queries are new faces of enrolled people.
 *
 * Prints per size: median and p95 per query, FAISS/lineup, recall@50
 * against an exact double-precision brute force (computed while the data
 * is generated), the shortlist, the index file, the first search after
 * start (cold and warm page cache) and the resident size with the index
 * open. The data is generated a row at a time from a counter, never held
 * whole, so 10M fits (the index file is about 650 bytes a face; FAISS
 * IndexFlatL2 needs 5 GB of memory at 10M: --no-flat leaves it out).
 *
 * Usage: bench-search [--dir DIR] [--no-flat | --no-faiss] [--threads N] [N...]
 */
#include "config.h"

#include "bench-util.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lineup-faiss.h"
#include "lineup-index-file.h"
#include "lineup-index.h"

#define DIM 128
#define K 50
#define QUERIES 50
#define FACES_PER_PERSON 4
#define FAISS_CHUNK 65536

/* the data: any row from its number */

static inline guint64
mix (guint64 x)
{
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

static void
gauss (guint64  stream,
       float   *out,
       int      n,
       float    sigma)
{
  for (int i = 0; i < n; i += 2)
    {
      guint64 h = mix (stream * 0x100000001B3ULL + (guint64)i);
      double u = ((h >> 11) + 1.0) / 9007199254740993.0;
      double v = (mix (h) >> 11) / 9007199254740992.0;
      double r = sqrt (-2 * log (u)) * sigma;

      out[i] = (float)(r * cos (2 * G_PI * v));
      if (i + 1 < n)
        out[i + 1] = (float)(r * sin (2 * G_PI * v));
    }
}

static void
centre (guint64  person,
        float   *c)
{
  double norm = 0, want = 0.5 + 0.2 * (mix (person ^ 0xC0FFEE) >> 11) / 9007199254740992.0;

  gauss (person * 2 + 1, c, DIM, 1);
  for (int d = 0; d < DIM; d++)
    norm += (double)c[d] * c[d];
  for (int d = 0; d < DIM; d++)
    c[d] = (float)(c[d] * want / sqrt (norm));
}

static void
face (const float *c,
      guint64      stream,
      float       *x)
{
  float noise[DIM];

  gauss (stream, noise, DIM, 0.027f);
  for (int d = 0; d < DIM; d++)
    x[d] = c[d] + noise[d];
}

/* Row i of a gallery; person_cache holds the last centre made. */
typedef struct
{
  gint64 person;
  float  c[DIM];
} Gen;

static void
row (Gen     *g,
     guint64  i,
     float   *x)
{
  gint64 p = i / FACES_PER_PERSON;

  if (p != g->person)
    {
      centre (p, g->c);
      g->person = p;
    }
  face (g->c, (guint64)1 << 40 | i, x);
}

/* exact reference: double precision, as lineup_descriptor_distance */

typedef struct
{
  LineupHit h[K];   /* max-heap on (distance, id) */
  guint     n;
} Top;

static inline gboolean
worse (const LineupHit *a,
       const LineupHit *b)
{
  return a->distance > b->distance || (a->distance == b->distance && a->id > b->id);
}

static void
top_push (Top   *t,
          gint64 id,
          float  distance)
{
  LineupHit x = { id, distance };
  guint i;

  if (t->n < K)
    {
      i = t->n++;
      t->h[i] = x;
      while (i > 0 && worse (&t->h[i], &t->h[(i - 1) / 2]))
        {
          LineupHit s = t->h[i];
          t->h[i] = t->h[(i - 1) / 2];
          t->h[(i - 1) / 2] = s;
          i = (i - 1) / 2;
        }
      return;
    }
  if (!worse (&t->h[0], &x))
    return;
  t->h[0] = x;
  i = 0;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      if (l < K && worse (&t->h[l], &t->h[m]))
        m = l;
      if (r < K && worse (&t->h[r], &t->h[m]))
        m = r;
      if (m == i)
        break;
      LineupHit s = t->h[i];
      t->h[i] = t->h[m];
      t->h[m] = s;
      i = m;
    }
}

static void
exact_update (Top         *tops,
              float        queries[][DIM],
              guint64      id,
              const float *x)
{
  for (guint q = 0; q < QUERIES; q++)
    {
      float f = 0;

      /* A float pre-check (its error is far below 0.1 %), then the exact
       * value for what could enter. */
      for (int d = 0; d < DIM; d++)
        f += (queries[q][d] - x[d]) * (queries[q][d] - x[d]);
      if (tops[q].n == K && sqrtf (f) > tops[q].h[0].distance * 1.001f)
        continue;
      {
        double s = 0;
        for (int d = 0; d < DIM; d++)
          {
            double e = (double)queries[q][d] - x[d];
            s += e * e;
          }
        top_push (&tops[q], (gint64)id, (float)sqrt (s));
      }
    }
}

static int
cmp_hit (const void *a,
         const void *b)
{
  const LineupHit *x = a, *y = b;
  return worse (x, y) ? 1 : worse (y, x) ? -1 : 0;
}

static double
rss_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(p = strstr (status, field)))
    return -1;
  return g_ascii_strtod (p + strlen (field) + 1, NULL) / 1024.0;
}

/* How much of the codes got huge pages (the scan is about twice as fast on them). */
static double
huge_mb (void)
{
  g_autofree char *s = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &s, NULL, NULL) || !(p = strstr (s, "AnonHugePages:")))
    return -1;
  return g_ascii_strtod (p + strlen ("AnonHugePages:"), NULL) / 1024.0;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of all threads: what a query costs when the machine is shared. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
load_average (void)
{
  g_autofree char *s = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &s, NULL, NULL))
    return -1;
  return g_ascii_strtod (s, NULL);
}

static double
p95 (double *v,
     int     n)
{
  qsort (v, n, sizeof (double), bench_cmp_double);
  return v[(int)ceil (0.95 * n) - 1];
}

static void
drop_cache (const char *path)
{
  int fd = open (path, O_RDONLY);

  if (fd >= 0)
    {
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

static void
warm_cache (const char *path)
{
  int fd = open (path, O_RDONLY);
  g_autofree char *buf = g_malloc (1 << 20);

  if (fd < 0)
    return;
  while (read (fd, buf, 1 << 20) > 0)
    ;
  close (fd);
}

static guint
recall (const LineupHit *got,
        guint            n,
        const Top       *want)
{
  guint found = 0;

  for (guint i = 0; i < want->n; i++)
    for (guint j = 0; j < n; j++)
      if (got[j].id == want->h[i].id)
        {
          found++;
          break;
        }
  return found;
}

int
main (int   argc,
      char *argv[])
{
  guint64 sizes[8] = { 100000, 1000000 };
  guint n_sizes = 0;
  const char *dir_arg = NULL;
  gboolean flat = TRUE, faiss = TRUE;
  guint threads = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dir") && i + 1 < argc)
        dir_arg = argv[++i];
      else if (g_str_equal (argv[i], "--no-flat"))
        flat = FALSE;
      else if (g_str_equal (argv[i], "--no-faiss"))
        faiss = flat = FALSE;
      else if (g_str_equal (argv[i], "--threads") && i + 1 < argc)
        threads = (guint)atoi (argv[++i]);
      else if (n_sizes < 8)
        sizes[n_sizes++] = g_ascii_strtoull (argv[i], NULL, 10);
    }
  if (n_sizes == 0)
    n_sizes = 2;
  lineup_index_set_threads (threads);
  printf ("# search benchmark: %d-D, top %d, %d queries; lineup kernel: %s, %u threads\n", DIM, K, QUERIES,
          lineup_index_kernel (), threads ? threads : g_get_num_processors ());
  fflush (stdout);

  for (guint s = 0; s < n_sizes; s++)
    {
      guint64 n = sizes[s];
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_build_filename (dir_arg ? dir_arg : g_get_tmp_dir (), "lineup-bench-XXXXXX", NULL);
      g_autofree char *path = NULL;
      g_autoptr(LineupIndex) index = NULL;
      g_autofree Top *tops = g_new0 (Top, QUERIES);
      static float queries[QUERIES][DIM];
      static LineupHit ours[QUERIES][K];
      guint ours_n[QUERIES];
      double t_ours[QUERIES], t_flat[QUERIES], t_sq8[QUERIES], c_ours[QUERIES], t_cold[QUERIES];
      double t0, t_build, first_cold, first_warm, rss_open, rss_searched, file_mb, huge;
      guint64 short_sum = 0, short_max = 0, considered = 0;
      guint rec_ours = 0, rec_sq8 = 0, want_total = 0, agree = 0;
      LineupIndexWriter *w;
      Gen gen = { -1 };
      GStatBuf st;

      g_assert_nonnull (g_mkdtemp (dir));
      path = g_build_filename (dir, "lineup.index", NULL);
      for (guint q = 0; q < QUERIES; q++)
        {
          float c[DIM];
          centre (mix (q + 7) % (n / FACES_PER_PERSON), c);
          face (c, (guint64)2 << 40 | q, queries[q]);
        }

      /* Build the index file a row at a time, with the exact answers. */
      t0 = now_ms ();
      w = lineup_index_writer_new (path, DIM, n, &error);
      g_assert_no_error (error);
      for (guint64 i = 0; i < n; i++)
        {
          float x[DIM];
          row (&gen, i, x);
          g_assert_true (lineup_index_writer_add (w, (gint64)i, x, &error));
          exact_update (tops, queries, i, x);
        }
      g_assert_true (lineup_index_writer_finish (w, "bench", 1, &error));
      t_build = (now_ms () - t0) / 1000;
      for (guint q = 0; q < QUERIES; q++)
        qsort (tops[q].h, tops[q].n, sizeof (LineupHit), cmp_hit);
      g_stat (path, &st);
      file_mb = st.st_size / 1048576.0;

      /* The first search after start: open the file and search once. */
      drop_cache (path);
      t0 = now_ms ();
      index = lineup_index_open (path, DIM, "bench", NULL, &error);
      g_assert_no_error (error);
      lineup_index_search (index, queries[0], K, INFINITY, ours[0]);
      first_cold = now_ms () - t0;
      /* Queries right after a cold start: each shortlist reads its float
       * descriptors from the disk. */
      for (guint q = 0; q < QUERIES; q++)
        {
          double a = now_ms ();
          lineup_index_search (index, queries[(q + 1) % QUERIES], K, INFINITY, ours[0]);
          t_cold[q] = now_ms () - a;
        }
      g_clear_pointer (&index, lineup_index_free);
      /* From here on the file is in the page cache (which is not resident
       * size), as on a workstation that has been searching a while. */
      warm_cache (path);
      t0 = now_ms ();
      index = lineup_index_open (path, DIM, "bench", NULL, &error);
      g_assert_no_error (error);
      rss_open = rss_mb ("VmRSS:");
      huge = huge_mb ();
      lineup_index_search (index, queries[0], K, INFINITY, ours[0]);
      first_warm = now_ms () - t0;

      for (guint q = 0; q < QUERIES; q++)
        {
          LineupIndexStats stats;
          double a = now_ms (), ca = cpu_ms ();

          ours_n[q] = lineup_index_search_full (index, queries[q], K, INFINITY, ours[q], &stats);
          t_ours[q] = now_ms () - a;
          c_ours[q] = cpu_ms () - ca;
          short_sum += stats.shortlist;
          considered += stats.considered;
          short_max = MAX (short_max, stats.shortlist);
          rec_ours += recall (ours[q], ours_n[q], &tops[q]);
          want_total += tops[q].n;
          /* Exact means exact: the same list, not only the same set. */
          for (guint i = 0; i < ours_n[q]; i++)
            if (ours[q][i].id != tops[q].h[i].id || ours[q][i].distance != tops[q].h[i].distance)
              g_error ("n=%" G_GUINT64_FORMAT " query %u rank %u: %" G_GINT64_FORMAT " at %.9g, exact %"
                       G_GINT64_FORMAT " at %.9g", n, q, i, ours[q][i].id, ours[q][i].distance,
                       tops[q].h[i].id, tops[q].h[i].distance);
        }
      rss_searched = rss_mb ("VmRSS:");
      g_clear_pointer (&index, lineup_index_free);
      g_unlink (path);
      g_rmdir (dir);

      /* FAISS on the same rows, after ours is closed (its memory is not in
       * the figures above). */
      memset (t_flat, 0, sizeof t_flat);
      memset (t_sq8, 0, sizeof t_sq8);
      if (faiss)
      {
        LineupFaiss *fl = flat ? lineup_faiss_new (DIM, &error) : NULL;
        LineupFaiss *sq = lineup_faiss_new_sq8 (DIM, &error);
        g_autofree float *chunk = g_new (float, (gsize)FAISS_CHUNK * DIM);
        guint64 train = MIN (n, FAISS_CHUNK);
        Gen g2 = { -1 };

        g_assert_no_error (error);
        for (guint64 i = 0; i < train; i++)
          row (&g2, i, chunk + i * DIM);
        g_assert_true (lineup_faiss_train (sq, chunk, train, &error));
        for (guint64 i = 0; i < n; i += FAISS_CHUNK)
          {
            guint64 m = MIN (FAISS_CHUNK, n - i);
            for (guint64 j = 0; j < m; j++)
              row (&g2, i + j, chunk + j * DIM);
            if (fl)
              g_assert_true (lineup_faiss_add (fl, chunk, m, &error));
            g_assert_true (lineup_faiss_add (sq, chunk, m, &error));
          }
        for (guint q = 0; q < QUERIES; q++)
          {
            float fd[K];
            gint64 fi[K];
            LineupHit sh[K];
            double a = now_ms (), b;

            if (fl)
              {
                g_assert_true (lineup_faiss_search (fl, queries[q], K, fd, fi, &error));
                agree += ours_n[q] > 0 && fi[0] == ours[q][0].id;
              }
            b = now_ms ();
            t_flat[q] = b - a;
            g_assert_true (lineup_faiss_search (sq, queries[q], K, fd, fi, &error));
            t_sq8[q] = now_ms () - b;
            for (guint i = 0; i < K; i++)
              sh[i].id = fi[i];
            rec_sq8 += recall (sh, K, &tops[q]);
          }
        if (fl)
          lineup_faiss_free (fl);
        lineup_faiss_free (sq);
      }

      {
        double om = bench_median (t_ours, QUERIES), o95 = p95 (t_ours, QUERIES);
        double fm = bench_median (t_flat, QUERIES), f95 = p95 (t_flat, QUERIES);
        double sm = bench_median (t_sq8, QUERIES), s95 = p95 (t_sq8, QUERIES);

        if (flat)
          printf ("n=%" G_GUINT64_FORMAT ": lineup two-stage scan median %.2f ms, FAISS IndexFlatL2 median %.2f ms, "
                  "FAISS/lineup = %.2fx; same nearest neighbour in %u/%d queries\n",
                  n, om, fm, fm / om, agree, QUERIES);
        else
          printf ("n=%" G_GUINT64_FORMAT ": lineup two-stage scan median %.2f ms (FAISS IndexFlatL2 left out)\n", n, om);
        printf ("n=%" G_GUINT64_FORMAT ":   lineup CPU time per query (all threads) median %.2f ms; "
                "load average %.1f; right after a cold start (shortlists read from disk) median %.2f ms, p95 %.2f ms\n",
                n, bench_median (c_ours, QUERIES), load_average (), bench_median (t_cold, QUERIES),
                p95 (t_cold, QUERIES));
        printf ("n=%" G_GUINT64_FORMAT ":   p95: lineup %.2f ms, FAISS IndexFlatL2 %.2f ms; "
                "FAISS IndexScalarQuantizer(QT_8bit) median %.2f ms, p95 %.2f ms, SQ8/lineup = %.2fx\n",
                n, o95, flat ? f95 : NAN, sm, s95, sm / om);
        printf ("n=%" G_GUINT64_FORMAT ":   recall@%d against exact: lineup %.4f (lists equal), FAISS SQ8 %.4f; "
                "shortlist mean %.0f, max %" G_GUINT64_FORMAT " (%.0f codes past the cheap test)\n",
                n, K, (double)rec_ours / want_total, (double)rec_sq8 / want_total,
                (double)short_sum / QUERIES, short_max, (double)considered / QUERIES);
        printf ("n=%" G_GUINT64_FORMAT ":   index file %.0f MB written in %.1f s; first search after start "
                "(open + search) %.0f ms cold cache, %.0f ms warm; RSS %.0f MB open (%.0f MB on huge pages), "
                "%.0f MB after %d searches\n",
                n, file_mb, t_build, first_cold, first_warm, rss_open, huge, rss_searched, QUERIES);
        fflush (stdout);
      }
    }
  return 0;
}
