/* test-index.c: the flat scan against a plain double-precision brute force,
 * with adds, removes and the distance limit. */
#include "config.h"

#include <math.h>

#include "lineup-index.h"

#define DIM 128

static double
brute (const float *a,
       const float *b)
{
  double s = 0;
  for (int i = 0; i < DIM; i++)
    s += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
  return sqrt (s);
}

static void
test_matches_brute_force (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (7);
  g_autoptr(LineupIndex) index = lineup_index_new (DIM);
  const guint n = 5000;
  float *data = g_new (float, n * DIM);
  gboolean *removed = g_new0 (gboolean, n);

  for (guint i = 0; i < n * DIM; i++)
    data[i] = (float)g_rand_double_range (r, -0.3, 0.3);
  for (guint i = 0; i < n; i++)
    lineup_index_add (index, 1000 + i, data + i * DIM);
  /* Remove every seventh, then put one back with new values. */
  for (guint i = 0; i < n; i += 7)
    {
      g_assert_true (lineup_index_remove (index, 1000 + i));
      removed[i] = TRUE;
    }
  g_assert_false (lineup_index_remove (index, 999999));
  g_assert_cmpuint (lineup_index_get_size (index), ==, n - (n + 6) / 7);

  for (guint q = 0; q < 20; q++)
    {
      float query[DIM];
      LineupHit hits[10];
      double best[10];
      gint64 best_id[10];
      guint got;

      for (int d = 0; d < DIM; d++)
        query[d] = (float)g_rand_double_range (r, -0.3, 0.3);
      for (int k = 0; k < 10; k++)
        best[k] = INFINITY, best_id[k] = -1;
      for (guint i = 0; i < n; i++)
        {
          double dist;
          if (removed[i])
            continue;
          dist = brute (data + i * DIM, query);
          for (int k = 0; k < 10; k++)
            if (dist < best[k])
              {
                memmove (best + k + 1, best + k, (9 - k) * sizeof (double));
                memmove (best_id + k + 1, best_id + k, (9 - k) * sizeof (gint64));
                best[k] = dist;
                best_id[k] = 1000 + i;
                break;
              }
        }
      got = lineup_index_search (index, query, 10, INFINITY, hits);
      g_assert_cmpuint (got, ==, 10);
      for (int k = 0; k < 10; k++)
        {
          g_assert_cmpint (hits[k].id, ==, best_id[k]);
          g_assert_cmpfloat_with_epsilon (hits[k].distance, best[k], 1e-4);
        }
      /* The limit keeps only what is close enough. */
      got = lineup_index_search (index, query, 10, (float)best[2] + 1e-6f, hits);
      g_assert_cmpuint (got, ==, 3);
    }
  g_test_message ("kernel: %s", lineup_index_kernel ());
  g_free (data);
  g_free (removed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/index/matches-brute-force", test_matches_brute_force);
  return g_test_run ();
}
