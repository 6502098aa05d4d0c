/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-index.c: the two-stage scan against a plain double-precision brute
 * force (which must come out equal: same faces, same order, same
 * distances), on synthetic descriptors shaped like dlib's and on real LFW
 * ones, with adds, removes, the distance limit, near-ties, both kernels and
 * the threaded scan; the index file: round trip, staleness and damage. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-core.h"

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

/* the exact reference */

static float
ref_distance (const float *a,
              const float *b)
{
  double s = 0;
  for (int i = 0; i < DIM; i++)
    {
      double d = (double)a[i] - b[i];
      s += d * d;
    }
  return (float)sqrt (s);
}

typedef struct
{
  guint    n;
  float   *data;
  gint64  *ids;
  gboolean *gone;
} Set;

static void
set_free (Set *s)
{
  g_free (s->data);
  g_free (s->ids);
  g_free (s->gone);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Set, set_free)

static Set *
set_new (guint n)
{
  Set *s = g_new0 (Set, 1);
  s->n = n;
  s->data = g_new0 (float, (gsize)n * DIM);
  s->ids = g_new0 (gint64, n);
  s->gone = g_new0 (gboolean, n);
  return s;
}

static int
cmp_ref (gconstpointer a,
         gconstpointer b)
{
  const LineupHit *x = a, *y = b;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Every face's distance, sorted by (distance, id), cut at the limit and k. */
static guint
brute_force (const Set   *s,
             const float *q,
             guint        k,
             float        limit,
             LineupHit   *out)
{
  g_autofree LineupHit *all = g_new (LineupHit, s->n);
  guint n = 0;

  for (guint i = 0; i < s->n; i++)
    {
      if (s->gone[i])
        continue;
      all[n].id = s->ids[i];
      all[n].distance = ref_distance (s->data + (gsize)i * DIM, q);
      if (all[n].distance <= limit)
        n++;
    }
  qsort (all, n, sizeof (LineupHit), cmp_ref);
  n = MIN (n, k);
  memcpy (out, all, n * sizeof (LineupHit));
  return n;
}

static guint64 total_shortlist, total_searches;

static void
assert_same (LineupIndex *index,
             const Set   *s,
             const float *q,
             guint        k,
             float        limit)
{
  g_autofree LineupHit *want = g_new (LineupHit, k);
  g_autofree LineupHit *got = g_new (LineupHit, k);
  LineupIndexStats stats;
  guint nw = brute_force (s, q, k, limit, want);
  guint ng = lineup_index_search_full (index, q, k, limit, got, &stats);

  if (ng != nw)
    g_error ("k=%u limit=%g: %u hits, brute force %u", k, limit, ng, nw);
  for (guint i = 0; i < nw; i++)
    if (got[i].id != want[i].id || got[i].distance != want[i].distance)
      g_error ("k=%u limit=%g rank %u: %" G_GINT64_FORMAT " at %.9g, brute force %" G_GINT64_FORMAT " at %.9g",
               k, limit, i, got[i].id, got[i].distance, want[i].id, want[i].distance);
  total_shortlist += stats.shortlist;
  total_searches++;
}

static float
gauss (GRand *r)
{
  double u = g_rand_double_range (r, 1e-12, 1), v = g_rand_double (r);
  return (float)(sqrt (-2 * log (u)) * cos (2 * G_PI * v));
}

/* Shaped like dlib's: people as clusters (centres of norm ~0.5-0.7, faces
 * ~0.3 from their centre), one to eight faces each. */
static Set *
synthetic (GRand *r,
           guint  n)
{
  Set *s = set_new (n);
  float centre[DIM];
  guint left = 0;

  for (guint i = 0; i < n; i++)
    {
      float *x = s->data + (gsize)i * DIM;
      if (left == 0)
        {
          double norm = 0, want = g_rand_double_range (r, 0.5, 0.7);
          for (int d = 0; d < DIM; d++)
            {
              centre[d] = gauss (r);
              norm += centre[d] * centre[d];
            }
          for (int d = 0; d < DIM; d++)
            centre[d] *= want / sqrt (norm);
          left = g_rand_int_range (r, 1, 9);
        }
      left--;
      for (int d = 0; d < DIM; d++)
        x[d] = centre[d] + gauss (r) * 0.027f;
      s->ids[i] = 1 + i;
    }
  return s;
}

static LineupIndex *
index_of (const Set *s)
{
  LineupIndex *index = lineup_index_new (DIM);
  for (guint i = 0; i < s->n; i++)
    if (!s->gone[i])
      lineup_index_add (index, s->ids[i], s->data + (gsize)i * DIM);
  return index;
}

static void
query_near (GRand       *r,
            const Set   *s,
            float        noise,
            float       *q)
{
  guint i = g_rand_int_range (r, 0, s->n);
  for (int d = 0; d < DIM; d++)
    q[d] = s->data[(gsize)i * DIM + d] + gauss (r) * noise;
}

static const guint ks[] = { 1, 2, 5, 10, 20, 33, 50 };

static void
check_queries (LineupIndex *index,
               const Set   *s,
               GRand       *r,
               guint        n_queries)
{
  for (guint qi = 0; qi < n_queries; qi++)
    {
      float q[DIM];
      LineupHit best[50];
      guint nb;

      query_near (r, s, qi % 3 == 0 ? 0.0f : qi % 3 == 1 ? 0.02f : 0.06f, q);
      for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
        assert_same (index, s, q, ks[j], INFINITY);
      /* Limits: on a distance exactly, just under it, and loose. */
      nb = brute_force (s, q, 50, INFINITY, best);
      g_assert_cmpuint (nb, >, 10);
      assert_same (index, s, q, 50, best[7].distance);
      assert_same (index, s, q, 50, nextafterf (best[7].distance, 0));
      assert_same (index, s, q, 20, 0.6f);
      assert_same (index, s, q, 50, 0.0f);
    }
}

static void
test_two_stage_synthetic (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (11);
  g_autoptr(Set) s = synthetic (r, 20000);
  g_autoptr(LineupIndex) index = index_of (s);
  const char *kernels[] = { "avx2", "scalar" };

  for (guint kk = 0; kk < G_N_ELEMENTS (kernels); kk++)
    {
      if (!lineup_index_set_kernel (kernels[kk]))
        {
          g_test_message ("no %s kernel on this CPU", kernels[kk]);
          continue;
        }
      total_shortlist = total_searches = 0;
      check_queries (index, s, r, 12);
      g_test_message ("%s: mean shortlist %.1f of %u", kernels[kk],
                      (double)total_shortlist / total_searches, s->n);
    }
  g_assert_true (lineup_index_set_kernel ("scalar"));
  lineup_index_set_kernel ("avx2");
  /* More than asked for, and an empty index. */
  {
    g_autoptr(LineupIndex) empty = lineup_index_new (DIM);
    LineupHit h[4];
    g_autoptr(Set) small = synthetic (r, 3);
    g_autoptr(LineupIndex) three = index_of (small);
    float q[DIM] = { 0 };

    g_assert_cmpuint (lineup_index_search (empty, q, 4, INFINITY, h), ==, 0);
    assert_same (three, small, q, 50, INFINITY);
    g_assert_cmpuint (lineup_index_search (three, q, 0, INFINITY, h), ==, 0);
  }
}

/* Split across threads: the parts' bounds are merged, and every row is
 * looked at exactly once. */
static void
test_two_stage_threads (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (12);
  g_autoptr(Set) s = synthetic (r, 100003);
  g_autoptr(LineupIndex) index = index_of (s);
  float q[DIM];
  LineupHit h[5];
  LineupIndexStats stats;

  for (guint t = 1; t <= 3; t++)
    {
      lineup_index_set_threads (t);
      check_queries (index, s, r, 3);
      query_near (r, s, 0.02f, q);
      lineup_index_search_full (index, q, 5, INFINITY, h, &stats);
      g_assert_cmpuint (stats.parts, ==, t);
      g_assert_cmpuint (stats.scanned, ==, s->n);
      g_assert_cmpuint (stats.shortlist, <, s->n / 100);
    }
  lineup_index_set_threads (0);
}

/* Removals (the nearest among them), faces put back with new values (ids
 * out of order), and near-ties the codes cannot tell apart. */
static void
test_two_stage_removals_and_ties (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (13);
  g_autoptr(Set) s = synthetic (r, 6000);
  g_autoptr(LineupIndex) index = NULL;
  float q[DIM];

  /* Ties: exact copies under other ids, copies moved by less than a code
   * step, and permutations of one vector (the same distance from a query
   * with equal components). */
  for (guint i = 0; i < 600; i++)
    {
      float *x = s->data + (gsize)i * DIM;
      const float *src = s->data + (gsize)(i / 3 * 3) * DIM;
      if (i % 3 == 1)
        memcpy (x, src, DIM * sizeof (float));
      else if (i % 3 == 2)
        for (int d = 0; d < DIM; d++)
          x[d] = src[d] + (float)g_rand_double_range (r, -2e-4, 2e-4);
    }
  for (guint i = 600; i < 1000; i++)
    {
      float *x = s->data + (gsize)i * DIM;
      memcpy (x, s->data + (gsize)600 * DIM, DIM * sizeof (float));
      for (int d = DIM - 1; d > 0; d--)
        {
          int j = g_rand_int_range (r, 0, d + 1);
          float t = x[d];
          x[d] = x[j];
          x[j] = t;
        }
    }
  index = index_of (s);
  for (guint qi = 0; qi < 20; qi++)
    {
      const float *src = s->data + (gsize)(g_rand_int_range (r, 0, 200) * 3) * DIM;
      for (int d = 0; d < DIM; d++)
        q[d] = src[d] + (qi % 2 ? (float)g_rand_double_range (r, -1e-4, 1e-4) : 0);
      for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
        assert_same (index, s, q, ks[j], INFINITY);
    }
  for (int d = 0; d < DIM; d++)
    q[d] = 0.01f;
  for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
    assert_same (index, s, q, ks[j], INFINITY);

  /* Remove a query's nearest faces and a random tenth. */
  query_near (r, s, 0.0f, q);
  {
    LineupHit best[10];
    guint nb = brute_force (s, q, 10, INFINITY, best);
    for (guint i = 0; i < nb; i++)
      {
        g_assert_true (lineup_index_remove (index, best[i].id));
        s->gone[best[i].id - 1] = TRUE;
      }
  }
  for (guint i = 0; i < s->n; i++)
    if (!s->gone[i] && g_rand_int_range (r, 0, 10) == 0)
      {
        g_assert_true (lineup_index_remove (index, s->ids[i]));
        g_assert_false (lineup_index_remove (index, s->ids[i]));
        s->gone[i] = TRUE;
      }
  for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
    assert_same (index, s, q, ks[j], INFINITY);
  check_queries (index, s, r, 4);
  /* Put some back with new values: ids no longer arrive in order. */
  for (guint i = 0; i < s->n; i += 5)
    {
      float *x = s->data + (gsize)i * DIM;
      for (int d = 0; d < DIM; d++)
        x[d] += gauss (r) * 0.01f;
      lineup_index_add (index, s->ids[i], x);
      s->gone[i] = FALSE;
    }
  {
    guint live = 0;
    for (guint i = 0; i < s->n; i++)
      live += !s->gone[i];
    g_assert_cmpuint (lineup_index_get_size (index), ==, live);
  }
  check_queries (index, s, r, 4);
  g_assert_true (lineup_index_contains (index, s->ids[5]));
  g_assert_false (lineup_index_contains (index, 999999));
}

/* Real descriptors: LFW faces through the engine. */
static Set *lfw;

static Set *
lfw_descriptors (guint want)
{
  const char *faces = g_getenv ("LINEUP_FACES_DIR");
  g_autofree char *root = g_build_filename (faces, "lfw-devtrain", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupEngine) engine = lineup_engine_new (NULL, &error);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (float));
  LineupDetectOptions options;
  const char *name;
  Set *s;

  g_assert_no_error (error);
  dir = g_dir_open (root, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (people, g_build_filename (root, name, NULL));
  g_ptr_array_sort (people, (GCompareFunc)g_strcmp0);
  lineup_detect_options_init_default (&options);
  for (guint p = 0; p < people->len && got->len < want * DIM; p++)
    {
      g_autoptr(GDir) pd = g_dir_open (people->pdata[p], 0, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      if (pd == NULL)
        continue;
      while ((name = g_dir_read_name (pd)))
        if (g_str_has_suffix (name, ".jpg"))
          g_ptr_array_add (files, g_build_filename (people->pdata[p], name, NULL));
      g_ptr_array_sort (files, (GCompareFunc)g_strcmp0);
      /* People with several photos: the hard case, near neighbours. */
      if (files->len < 2)
        continue;
      for (guint f = 0; f < files->len && f < 4; f++)
        {
          g_autoptr(LineupImage) image = lineup_image_new_from_file (files->pdata[f],
                                                                     LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
          g_autoptr(GPtrArray) found = NULL;
          g_assert_no_error (error);
          found = lineup_engine_detect (engine, image, &options, &error);
          g_assert_no_error (error);
          if (found->len > 0)
            g_array_append_vals (got, lineup_face_get_descriptor (found->pdata[0]), DIM);
        }
    }
  s = set_new (got->len / DIM);
  memcpy (s->data, got->data, got->len * sizeof (float));
  for (guint i = 0; i < s->n; i++)
    s->ids[i] = 100 + 3 * i;
  return s;
}

static void
test_two_stage_lfw (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (14);
  g_autoptr(LineupIndex) index = NULL;
  double norm_min = INFINITY, norm_max = 0;

  if (lfw == NULL)
    lfw = lfw_descriptors (240);
  g_assert_cmpuint (lfw->n, >=, 200);
  for (guint i = 0; i < lfw->n; i++)
    {
      double n = 0;
      for (int d = 0; d < DIM; d++)
        n += lfw->data[(gsize)i * DIM + d] * lfw->data[(gsize)i * DIM + d];
      norm_min = MIN (norm_min, sqrt (n));
      norm_max = MAX (norm_max, sqrt (n));
    }
  g_test_message ("%u LFW descriptors, norms %.2f-%.2f", lfw->n, norm_min, norm_max);
  index = index_of (lfw);
  total_shortlist = total_searches = 0;
  /* Every face as the query (itself at distance 0 first), and others. */
  for (guint i = 0; i < lfw->n; i++)
    {
      const float *q = lfw->data + (gsize)i * DIM;
      assert_same (index, lfw, q, 1, INFINITY);
      assert_same (index, lfw, q, 50, INFINITY);
      assert_same (index, lfw, q, 20, 0.6f);
    }
  check_queries (index, lfw, r, 20);
  g_test_message ("mean shortlist %.1f of %u", (double)total_shortlist / total_searches, lfw->n);
}

/* index file */

static void
test_index_file (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (15);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-index-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lineup.index", NULL);
  g_autoptr(Set) s = synthetic (r, 70001);
  g_autoptr(LineupIndex) mem = index_of (s);
  g_autoptr(LineupIndex) index = NULL;
  g_autofree char *contents = NULL;
  guint64 generation = 0;
  gsize len;
  float q[DIM];

  g_assert_no_error (error);
  g_assert_null (lineup_index_open (path, DIM, "m1", &generation, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lineup_index_save (mem, path, "m1", 42, &error));
  g_assert_no_error (error);
  index = lineup_index_open (path, DIM, "m1", &generation, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (generation, ==, 42);
  g_assert_cmpuint (lineup_index_get_size (index), ==, s->n);
  g_assert_true (lineup_index_file_verify (path, &error));
  g_assert_no_error (error);
  check_queries (index, s, r, 3);

  /* Removing from a mapped index leaves the file as it was; faces added
   * after loading are searched with the mapped ones. */
  query_near (r, s, 0.0f, q);
  {
    LineupHit best[3];
    g_assert_cmpuint (brute_force (s, q, 3, INFINITY, best), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_assert_true (lineup_index_remove (index, best[i].id));
        s->gone[best[i].id - 1] = TRUE;
      }
  }
  for (guint i = 0; i < 50; i++)
    {
      float *x = s->data + (gsize)(s->n - 1 - i) * DIM;
      g_assert_true (lineup_index_remove (index, s->ids[s->n - 1 - i]));
      s->ids[s->n - 1 - i] = 1000000 + i;
      for (int d = 0; d < DIM; d++)
        x[d] = q[d] + gauss (r) * 0.01f;
      lineup_index_add (index, s->ids[s->n - 1 - i], x);
    }
  for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
    assert_same (index, s, q, ks[j], INFINITY);
  check_queries (index, s, r, 2);
  g_assert_true (lineup_index_file_verify (path, &error));
  {
    /* Saved again (compacted): the same answers. */
    g_autofree char *path2 = g_build_filename (dir, "lineup2.index", NULL);
    g_autoptr(LineupIndex) again = NULL;
    g_assert_true (lineup_index_save (index, path2, "m1", 43, &error));
    again = lineup_index_open (path2, DIM, "m1", &generation, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (generation, ==, 43);
    g_assert_cmpuint (lineup_index_get_size (again), ==, lineup_index_get_size (index));
    for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
      assert_same (again, s, q, ks[j], INFINITY);
    g_unlink (path2);
  }
  g_clear_pointer (&index, lineup_index_free);

  /* Built from something else, or another size. */
  g_assert_null (lineup_index_open (path, DIM, "m2", &generation, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (lineup_index_open (path, 64, NULL, &generation, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Damage: a code byte, a descriptor byte, the header, a short file. */
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  {
    g_autofree char *bad = g_memdup2 (contents, len);
    bad[3 << 20] ^= 1;            /* among the codes (from 1.4 to 10.4 MB) */
    g_assert_true (g_file_set_contents (path, bad, len, &error));
    g_assert_null (lineup_index_open (path, DIM, "m1", &generation, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    memcpy (bad, contents, len);
    bad[len - 100] ^= 1;          /* a float descriptor */
    g_assert_true (g_file_set_contents (path, bad, len, &error));
    index = lineup_index_open (path, DIM, "m1", &generation, &error);
    g_assert_no_error (error);
    g_clear_pointer (&index, lineup_index_free);
    g_assert_false (lineup_index_file_verify (path, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    memcpy (bad, contents, len);
    bad[40] ^= 1;                 /* the header */
    g_assert_true (g_file_set_contents (path, bad, len, &error));
    g_assert_null (lineup_index_open (path, DIM, "m1", &generation, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_true (g_file_set_contents (path, contents, len / 2, &error));
    g_assert_null (lineup_index_open (path, DIM, "m1", &generation, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }
  /* An empty gallery has a file too, and takes faces after loading. */
  {
    g_autoptr(LineupIndex) empty = lineup_index_new (DIM);
    g_autoptr(Set) one = synthetic (r, 1);
    LineupHit h[2];

    g_assert_true (lineup_index_save (empty, path, "m1", 7, &error));
    g_clear_pointer (&empty, lineup_index_free);
    empty = lineup_index_open (path, DIM, "m1", &generation, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (generation, ==, 7);
    g_assert_cmpuint (lineup_index_get_size (empty), ==, 0);
    g_assert_cmpuint (lineup_index_search (empty, q, 2, INFINITY, h), ==, 0);
    lineup_index_add (empty, one->ids[0], one->data);
    assert_same (empty, one, q, 2, INFINITY);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* The gallery index and the numbered changes: two connections on one
 * database, as two processes would have. */

static void
raw (sqlite3    *conn,
     const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec (conn, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static gint64
insert_face (sqlite3     *conn,
             const char  *model,
             gboolean     enrolled,
             const float *desc)
{
  sqlite3_stmt *st;

  g_assert_cmpint (sqlite3_prepare_v2 (conn,
                                       "INSERT INTO faces (photo_id, box_left, box_top, box_right, box_bottom,"
                                       " detector, enrolled, model_id, descriptor) VALUES (1, 0, 0, 1, 1, 'hog', ?, ?, ?)",
                                       -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (st, 1, enrolled);
  sqlite3_bind_text (st, 2, model, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 3, desc, DIM * sizeof (float), SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  return sqlite3_last_insert_rowid (conn);
}

/* What the database holds now, as the reference sees it. */
static Set *
gallery_set (sqlite3 *conn)
{
  sqlite3_stmt *st;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *data = g_array_new (FALSE, FALSE, sizeof (float));
  Set *s;

  sqlite3_prepare_v2 (conn, "SELECT id, descriptor FROM faces WHERE model_id = 'm1' AND enrolled = 1", -1, &st, NULL);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (ids, id);
      g_array_append_vals (data, sqlite3_column_blob (st, 1), DIM);
    }
  sqlite3_finalize (st);
  s = set_new (ids->len);
  memcpy (s->ids, ids->data, ids->len * sizeof (gint64));
  memcpy (s->data, data->data, data->len * sizeof (float));
  g_array_unref (ids);
  g_array_unref (data);
  return s;
}

static void
assert_gallery (LineupGalleryIndex *gi,
                sqlite3            *conn,
                const float        *q)
{
  g_autoptr(Set) s = gallery_set (conn);
  LineupIndex *index = lineup_gallery_index_get_index (gi);

  g_assert_cmpuint (lineup_index_get_size (index), ==, s->n);
  for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
    assert_same (index, s, q, ks[j], INFINITY);
  assert_same (index, s, q, 20, 0.6f);
}

static void
test_gallery_index (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (16);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-gallery-index-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autofree char *file = g_build_filename (dir, "lineup.index", NULL);
  g_autoptr(Set) s = synthetic (r, 3000);
  g_autoptr(LineupGalleryIndex) a_index = lineup_gallery_index_new (file, "m1", FALSE);
  g_autoptr(LineupGalleryIndex) mem = lineup_gallery_index_new (NULL, "m1", FALSE);
  sqlite3 *a, *b;
  gint64 newest, fresh;
  float q[DIM];

  g_assert_no_error (error);
  {
    g_autoptr(LineupDb) db = lineup_db_open_default_sync (dir, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (path, &a), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open (path, &b), ==, SQLITE_OK);
  sqlite3_busy_timeout (a, 5000);
  sqlite3_busy_timeout (b, 5000);
  raw (b, "INSERT INTO models (id, kind, sha256) VALUES ('m1','descriptor','a'), ('m2','descriptor','b');"
          "INSERT INTO subjects (uuid, label) VALUES ('s', 'Doe, Jane');"
          "INSERT INTO bookings (uuid, subject_id, booking_number) VALUES ('b', 1, 'B-1');"
          "INSERT INTO photos (booking_id, sha256, bytes) VALUES (1, 'p', 1);"
          "BEGIN");
  for (guint i = 0; i < s->n; i++)
    insert_face (b, i % 50 == 7 ? "m2" : "m1", i % 40 != 3, s->data + (gsize)i * DIM);
  raw (b, "COMMIT");

  /* First sync: built from the rows and written to the file. */
  g_assert_true (lineup_gallery_index_sync (a_index, a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lineup_gallery_index_get_source (a_index), ==, LINEUP_GALLERY_INDEX_REBUILT);
  g_assert_cmpint (lineup_gallery_index_get_generation (a_index), ==, lineup_gallery_generation (b));
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  query_near (r, s, 0.02f, q);
  assert_gallery (a_index, a, q);
  g_assert_true (lineup_gallery_index_sync (a_index, a, NULL, NULL, &error));
  g_assert_cmpint (lineup_gallery_index_get_source (a_index), ==, LINEUP_GALLERY_INDEX_CURRENT);

  /* The other connection purges the newest face and imports a new one,
   * excludes a face and re-enrols another: the new face gets a new id, and
   * the first connection's next search sees exactly the new gallery. */
  newest = sqlite3_last_insert_rowid (b);
  raw (b, "BEGIN");
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM faces WHERE id = %" G_GINT64_FORMAT, newest);
    raw (b, sql);
  }
  fresh = insert_face (b, "m1", TRUE, q);
  raw (b, "UPDATE faces SET enrolled = 0 WHERE id = 100;"
          "UPDATE faces SET enrolled = 1 WHERE id = 4;"
          "COMMIT");
  g_assert_cmpint (fresh, >, newest);
  g_assert_true (lineup_gallery_index_sync (a_index, a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lineup_gallery_index_get_source (a_index), ==, LINEUP_GALLERY_INDEX_CHANGES);
  g_assert_false (lineup_index_contains (lineup_gallery_index_get_index (a_index), newest));
  g_assert_false (lineup_index_contains (lineup_gallery_index_get_index (a_index), 100));
  g_assert_true (lineup_index_contains (lineup_gallery_index_get_index (a_index), 4));
  {
    LineupHit h[1];
    g_assert_cmpuint (lineup_index_search (lineup_gallery_index_get_index (a_index), q, 1, INFINITY, h), ==, 1);
    g_assert_cmpint (h[0].id, ==, fresh);
    g_assert_cmpfloat (h[0].distance, ==, 0);
  }
  assert_gallery (a_index, a, q);

  /* A new process: the file (older than the database) plus the changes. */
  {
    g_autoptr(LineupGalleryIndex) c_index = lineup_gallery_index_new (file, "m1", FALSE);
    g_assert_true (lineup_gallery_index_sync (c_index, b, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lineup_gallery_index_get_source (c_index), ==, LINEUP_GALLERY_INDEX_FILE);
    assert_gallery (c_index, b, q);
  }
  /* A folder the file cannot be written to: kept in memory, still exact. */
  {
    g_autoptr(LineupGalleryIndex) ro = lineup_gallery_index_new ("/nonexistent/lineup.index", "m1", FALSE);
    g_assert_true (lineup_gallery_index_sync (ro, b, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lineup_gallery_index_get_source (ro), ==, LINEUP_GALLERY_INDEX_REBUILT);
    assert_gallery (ro, b, q);
  }
  /* In memory only, and for the other model. */
  g_assert_true (lineup_gallery_index_sync (mem, b, NULL, NULL, &error));
  assert_gallery (mem, b, q);
  {
    g_autoptr(LineupGalleryIndex) m2 = lineup_gallery_index_new (NULL, "m2", FALSE);
    g_assert_true (lineup_gallery_index_sync (m2, b, NULL, NULL, &error));
    g_assert_cmpuint (lineup_index_get_size (lineup_gallery_index_get_index (m2)), ==, 60);
  }

  /* A damaged file, and a file from another database, are rebuilt. */
  {
    g_autofree char *contents = NULL;
    gsize len;
    g_autoptr(LineupGalleryIndex) d_index = lineup_gallery_index_new (file, "m1", FALSE);

    g_assert_true (g_file_get_contents (file, &contents, &len, &error));
    contents[5000] ^= 4;
    g_assert_true (g_file_set_contents (file, contents, len, &error));
    g_assert_true (lineup_gallery_index_sync (d_index, b, NULL, NULL, &error));
    g_assert_cmpint (lineup_gallery_index_get_source (d_index), ==, LINEUP_GALLERY_INDEX_REBUILT);
    assert_gallery (d_index, b, q);
  }
  raw (b, "UPDATE settings SET value = 'another' WHERE key = 'gallery_uuid'");
  {
    g_autoptr(LineupGalleryIndex) e_index = lineup_gallery_index_new (file, "m1", FALSE);
    g_assert_true (lineup_gallery_index_sync (e_index, b, NULL, NULL, &error));
    g_assert_cmpint (lineup_gallery_index_get_source (e_index), ==, LINEUP_GALLERY_INDEX_REBUILT);
    assert_gallery (e_index, b, q);
  }
  sqlite3_close (a);
  sqlite3_close (b);
}

/* The index loaded from the database holds only enrolled faces of the asked
 * model: excluded faces and other models' descriptors never take part. */
static void
test_load_from_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-index-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lineup.db", NULL);
  g_autoptr(LineupDb) db = lineup_db_open_default_sync (dir, &error);
  g_autoptr(LineupIndex) index = NULL;
  g_autoptr(GHashTable) labels = NULL;
  float desc[DIM] = { 0 };
  sqlite3 *conn;
  sqlite3_stmt *st;
  LineupHit hits[4];

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &conn), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (conn,
    "INSERT INTO models (id, kind, sha256) VALUES ('m1','descriptor','a'), ('m2','descriptor','b');"
    "INSERT INTO subjects (uuid, label) VALUES ('s', 'Doe, Jane');"
    "INSERT INTO bookings (uuid, subject_id, booking_number) VALUES ('b', 1, 'B-1');"
    "INSERT INTO photos (booking_id, sha256, bytes) VALUES (1, 'p', 1);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (conn,
                      "INSERT INTO faces (id, photo_id, box_left, box_top, box_right, box_bottom,"
                      " detector, enrolled, model_id, descriptor) VALUES (?, 1, 0, 0, 1, 1, 'hog', ?, ?, ?)",
                      -1, &st, NULL);
  for (int i = 0; i < 3; i++)
    {
      desc[0] = (float)i;
      sqlite3_reset (st);
      sqlite3_bind_int (st, 1, 10 + i);
      sqlite3_bind_int (st, 2, i != 1);                    /* face 11 is excluded */
      sqlite3_bind_text (st, 3, i == 2 ? "m2" : "m1", -1, SQLITE_STATIC);
      sqlite3_bind_blob (st, 4, desc, sizeof desc, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
    }
  sqlite3_finalize (st);
  sqlite3_close (conn);

  index = lineup_db_load_index_sync (db, "m1", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_index_get_size (index), ==, 2);   /* the policy lets 11 in */
  g_clear_pointer (&index, lineup_index_free);
  index = lineup_db_load_index_sync (db, "m1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_index_get_size (index), ==, 1);
  desc[0] = 0.5f;
  g_assert_cmpuint (lineup_index_search (index, desc, 4, INFINITY, hits), ==, 1);
  g_assert_cmpint (hits[0].id, ==, 10);
  g_assert_cmpfloat_with_epsilon (hits[0].distance, 0.5, 1e-6);
  labels = lineup_db_face_labels_sync (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (labels, &hits[0].id), ==, "Doe, Jane");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/index/matches-brute-force", test_matches_brute_force);
  g_test_add_func ("/index/load-from-database", test_load_from_database);
  g_test_add_func ("/index/two-stage/synthetic", test_two_stage_synthetic);
  g_test_add_func ("/index/two-stage/threads", test_two_stage_threads);
  g_test_add_func ("/index/two-stage/removals-and-ties", test_two_stage_removals_and_ties);
  g_test_add_func ("/index/two-stage/lfw", test_two_stage_lfw);
  g_test_add_func ("/index/file", test_index_file);
  g_test_add_func ("/index/gallery", test_gallery_index);
  return g_test_run ();
}
