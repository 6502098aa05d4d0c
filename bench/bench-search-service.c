/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search-service.c: the whole audited search as the app runs it —
 * role check, index kept in step, scan, storing the search and every
 * candidate, the hash-chained audit entry — on a gallery of N synthetic
 * enrolled faces (100k by default) plus one real probe face.
 *
 * Prints the first search (which builds the index from SQLite and writes
 * the index file beside the database), the median and p95 of later ones,
 * the first search after a restart (a new LineupDb on the same folder,
 * which maps the index file), one after another process added 1,000 faces
 * (applied from the gallery's numbered changes), and the resident size.
 *
 * Usage: LINEUP_MODEL_DIR=models/data bench-search-service FACES_DIR [N...]
 */
#include "config.h"

#include "bench-util.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineup-core.h"

#define RUNS 20
#define TOP_K 50

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(p = strstr (status, "VmRSS:")))
    return -1;
  return g_ascii_strtod (p + 6, NULL) / 1024.0;
}

static float
gauss (GRand *r)
{
  double u = g_rand_double_range (r, 1e-12, 1), v = g_rand_double (r);
  return (float)(sqrt (-2 * log (u)) * cos (2 * G_PI * v) * 0.09);
}

static void
fill (const char *path,
      guint       n,
      guint       seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  sqlite3 *conn = NULL;
  sqlite3_stmt *sub, *book, *photo, *face;
  float d[LINEUP_SHIM_DESCRIPTOR_DIM];

  g_assert_cmpint (sqlite3_open (path, &conn), ==, SQLITE_OK);
  sqlite3_busy_timeout (conn, 10000);
  sqlite3_exec (conn, "BEGIN; INSERT OR IGNORE INTO models (id, kind, sha256, dims) VALUES ('"
                LINEUP_RESNET_MODEL_ID "', 'descriptor', '" LINEUP_RESNET_SHA256 "', 128)", NULL, NULL, NULL);
  sqlite3_prepare_v2 (conn, "INSERT INTO subjects (uuid, label) VALUES (?1, ?1)", -1, &sub, NULL);
  sqlite3_prepare_v2 (conn, "INSERT INTO bookings (uuid, subject_id, booking_number) VALUES (?1, ?2, ?1)", -1,
                      &book, NULL);
  sqlite3_prepare_v2 (conn, "INSERT INTO photos (booking_id, sha256, bytes) VALUES (?1, ?2, 0)", -1, &photo, NULL);
  sqlite3_prepare_v2 (conn, "INSERT INTO faces (photo_id, box_left, box_top, box_right, box_bottom, detector,"
                      " enrolled, model_id, descriptor) VALUES (?1, 0, 0, 100, 100, 'synthetic', 1, '"
                      LINEUP_RESNET_MODEL_ID "', ?2)", -1, &face, NULL);
  for (guint i = 0; i < n; i++)
    {
      char key[32], sha[65];

      g_snprintf (key, sizeof key, "S-%u-%07u", seed, i);
      g_snprintf (sha, sizeof sha, "%032u%032u", seed, i);
      sqlite3_bind_text (sub, 1, key, -1, SQLITE_STATIC);
      sqlite3_step (sub);
      sqlite3_reset (sub);
      sqlite3_bind_text (book, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (book, 2, sqlite3_last_insert_rowid (conn));
      sqlite3_step (book);
      sqlite3_reset (book);
      sqlite3_bind_int64 (photo, 1, sqlite3_last_insert_rowid (conn));
      sqlite3_bind_text (photo, 2, sha, -1, SQLITE_STATIC);
      sqlite3_step (photo);
      sqlite3_reset (photo);
      for (int k = 0; k < LINEUP_SHIM_DESCRIPTOR_DIM; k++)
        d[k] = gauss (rand);
      sqlite3_bind_int64 (face, 1, sqlite3_last_insert_rowid (conn));
      sqlite3_bind_blob (face, 2, d, sizeof d, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (face), ==, SQLITE_DONE);
      sqlite3_reset (face);
    }
  sqlite3_exec (conn, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (sub);
  sqlite3_finalize (book);
  sqlite3_finalize (photo);
  sqlite3_finalize (face);
  sqlite3_close (conn);
}

int
main (int   argc,
      char *argv[])
{
  const char *faces_dir = argc > 1 ? argv[1] : "../shared/faces";
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupEngine) engine = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree char *probe = g_build_filename (faces_dir, "lfw-devtrain", "Adam_Sandler",
                                             "Adam_Sandler_0002.jpg", NULL);
  guint sizes[8] = { 100000 };
  guint n_sizes = 1;
  LineupDetectOptions o;

  if (argc > 2)
    {
      n_sizes = 0;
      for (int i = 2; i < argc && n_sizes < 8; i++)
        sizes[n_sizes++] = (guint)atoi (argv[i]);
    }
  engine = lineup_engine_new (g_getenv ("LINEUP_MODEL_DIR"), &error);
  g_assert_no_error (error);
  image = lineup_image_new_from_file (probe, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  g_assert_no_error (error);
  lineup_detect_options_init_default (&o);
  faces = lineup_engine_detect (engine, image, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >, 0);
  printf ("# audited search service (role check, index in step, scan, store, audit); kernel %s\n",
          lineup_index_kernel ());

  for (guint s = 0; s < n_sizes; s++)
    {
      g_autofree char *dir = g_dir_make_tmp ("lineup-bench-XXXXXX", NULL);
      g_autofree char *dbfile = g_build_filename (dir, "lineup.db", NULL);
      g_autoptr(LineupDb) db = NULL;
      g_autoptr(LineupUser) user = NULL;
      g_autoptr(LineupCase) c = NULL;
      g_autoptr(LineupProbeRecord) p = NULL;
      LineupSearchRequest req = { 0 };
      double t[RUNS], t0, first = 0, fill_s, open_ms, restart_ms, changed_ms;
      gint64 gallery = 0, listed = 0;
      g_autofree char *cmd = NULL;

      db = lineup_db_open_default_sync (dir, &error);
      g_assert_no_error (error);
      user = lineup_db_user_init_sync (db, "bench", NULL, "bench-password", LINEUP_ROLE_DETECTIVE, &error);
      g_assert_no_error (error);
      g_clear_object (&db);
      t0 = g_get_monotonic_time ();
      fill (dbfile, sizes[s], 7);
      fill_s = (g_get_monotonic_time () - t0) / 1e6;
      db = lineup_db_open_default_sync (dir, &error);
      g_assert_no_error (error);
      c = lineup_db_case_new_sync (db, user, "BENCH-1", "robbery", "Benchmark of the search service", &error);
      g_assert_no_error (error);
      p = lineup_db_probe_add_sync (db, user, dir, "BENCH-1", LINEUP_SOURCE_SURVEILLANCE, image, &error);
      g_assert_no_error (error);
      req.case_number = (char *)"BENCH-1";
      req.probe_id = lineup_probe_record_get_id (p);
      req.face = faces->pdata[0];
      req.model_sha256 = lineup_engine_get_model_sha256 (engine);
      req.top_k = TOP_K;
      req.threshold = 2.0;   /* synthetic faces are far from a real one: list them anyway, the most to store */
      for (int r = -1; r < RUNS; r++)
        {
          g_autoptr(LineupSearch) res = NULL;
          t0 = g_get_monotonic_time ();
          res = lineup_db_search_sync (db, user, &req, &error);
          g_assert_no_error (error);
          gallery = lineup_search_get_gallery_size (res);
          listed = g_list_model_get_n_items (lineup_search_get_candidates (res));
          if (r < 0)
            first = (g_get_monotonic_time () - t0) / 1e3;
          else
            t[r] = (g_get_monotonic_time () - t0) / 1e3;
        }
      g_clear_object (&db);

      /* A restart: a new database thread on the same folder. The old
       * thread may still be checkpointing a WAL of millions of rows on
       * close, longer than the busy timeout: wait for it, as a second
       * start of the app would. */
      t0 = g_get_monotonic_time ();
      while (!(db = lineup_db_open_default_sync (dir, &error))
             && g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE)
             && strstr (error->message, "locked") && g_get_monotonic_time () - t0 < 300 * G_USEC_PER_SEC)
        g_clear_error (&error);
      g_assert_no_error (error);
      open_ms = (g_get_monotonic_time () - t0) / 1e3;
      {
        g_autoptr(LineupSearch) res = NULL;
        t0 = g_get_monotonic_time ();
        res = lineup_db_search_sync (db, user, &req, &error);
        g_assert_no_error (error);
        restart_ms = (g_get_monotonic_time () - t0) / 1e3;
        g_assert_cmpint (lineup_search_get_gallery_size (res), ==, gallery);
      }
      /* Another process imports 1,000 faces. */
      fill (dbfile, 1000, 8);
      {
        g_autoptr(LineupSearch) res = NULL;
        t0 = g_get_monotonic_time ();
        res = lineup_db_search_sync (db, user, &req, &error);
        g_assert_no_error (error);
        changed_ms = (g_get_monotonic_time () - t0) / 1e3;
        g_assert_cmpint (lineup_search_get_gallery_size (res), ==, gallery + 1000);
      }
      {
        double median = bench_median (t, RUNS);

        qsort (t, RUNS, sizeof (double), bench_cmp_double);
        printf ("%8u faces: filled in %.1f s; first search (builds the index file) %.0f ms; "
                "then median %.2f ms, p95 %.2f ms per audited search (%" G_GINT64_FORMAT " searched, %"
                G_GINT64_FORMAT " candidates stored)\n",
                sizes[s], fill_s, first, median, t[(int)(0.95 * RUNS + 0.5) - 1], gallery, listed);
        printf ("%8u faces: after a restart: open %.0f ms, first search (maps the index file) %.0f ms; "
                "after another process imported 1,000 faces %.0f ms; RSS %.0f MB\n",
                sizes[s], open_ms, restart_ms, changed_ms, rss_mb ());
        fflush (stdout);
      }
      g_clear_object (&db);
      cmd = g_strdup_printf ("rm -rf '%s'", dir);
      (void)!system (cmd);
    }
  return 0;
}
