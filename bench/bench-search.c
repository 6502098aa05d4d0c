/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search.c: the gallery search's flat scan against FAISS IndexFlatL2
 * in the same run, on synthetic 128-D descriptors (100k and 1M by default)
 * shaped like dlib's (components ~N(0, 0.09)). Prints median latency per
 * query and the ratio; checks both return the same nearest neighbours.
 *
 * Usage: bench-search [N...]
 */
#include "config.h"

#include "bench-util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineup-faiss.h"
#include "lineup-index.h"

#define DIM 128
#define K 20
#define QUERIES 50

static float
gauss (GRand *r)
{
  double u = g_rand_double_range (r, 1e-12, 1), v = g_rand_double (r);
  return (float)(sqrt (-2 * log (u)) * cos (2 * G_PI * v) * 0.09);
}

int
main (int   argc,
      char *argv[])
{
  guint sizes[8] = { 100000, 1000000 };
  guint n_sizes = 2;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  if (argc > 1)
    {
      n_sizes = 0;
      for (int i = 1; i < argc && n_sizes < 8; i++)
        sizes[n_sizes++] = (guint)atoi (argv[i]);
    }
  printf ("# search benchmark: %d-D, top %d, %d queries; lineup kernel: %s\n", DIM, K, QUERIES,
          lineup_index_kernel ());
  for (guint s = 0; s < n_sizes; s++)
    {
      guint n = sizes[s];
      float *data = g_new (float, (gsize)n * DIM);
      float queries[QUERIES][DIM];
      g_autoptr(LineupIndex) index = lineup_index_new (DIM);
      g_autoptr(GError) error = NULL;
      LineupFaiss *faiss = lineup_faiss_new (DIM, &error);
      double t_ours[QUERIES], t_faiss[QUERIES];
      guint agree = 0;

      g_assert_no_error (error);
      for (gsize i = 0; i < (gsize)n * DIM; i++)
        data[i] = gauss (rand);
      for (guint q = 0; q < QUERIES; q++)
        for (guint d = 0; d < DIM; d++)
          queries[q][d] = data[(gsize)g_rand_int_range (rand, 0, n) * DIM + d] + gauss (rand) * 0.3f;
      for (guint i = 0; i < n; i++)
        lineup_index_add (index, i, data + (gsize)i * DIM);
      g_assert_true (lineup_faiss_add (faiss, data, n, &error));

      for (guint q = 0; q < QUERIES; q++)
        {
          LineupHit hits[K];
          float fd[K];
          gint64 fl[K];
          gint64 t0 = g_get_monotonic_time ();
          guint got = lineup_index_search (index, queries[q], K, INFINITY, hits);
          gint64 t1 = g_get_monotonic_time ();

          g_assert_true (lineup_faiss_search (faiss, queries[q], K, fd, fl, &error));
          t_faiss[q] = (g_get_monotonic_time () - t1) / 1000.0;
          t_ours[q] = (t1 - t0) / 1000.0;
          agree += got == K && hits[0].id == fl[0];
        }
      qsort (t_ours, QUERIES, sizeof (double), bench_cmp_double);
      qsort (t_faiss, QUERIES, sizeof (double), bench_cmp_double);
      printf ("n=%u: lineup flat scan median %.2f ms, FAISS IndexFlatL2 median %.2f ms, "
              "FAISS/lineup = %.2fx; same nearest neighbour in %u/%d queries\n",
              n, t_ours[QUERIES / 2], t_faiss[QUERIES / 2],
              t_faiss[QUERIES / 2] / t_ours[QUERIES / 2], agree, QUERIES);
      lineup_faiss_free (faiss);
      g_free (data);
    }
  return 0;
}
