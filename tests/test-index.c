/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-index.c: the flat scan against a plain double-precision brute force,
 * with adds, removes and the distance limit. */
#include "config.h"

#include <math.h>

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
  return g_test_run ();
}
