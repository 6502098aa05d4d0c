/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-identify.c: rank-1/rank-10 identification on the LFW DevTrain people.
 * Enrols the first photo of every person in a fresh gallery (everyone else
 * is a distractor), then searches with each further photo of the people who
 * have two or more, and prints the rank-1 and rank-10 rates and the search
 * latency.
 *
 * Usage: bench-identify [LFW_DIR]   (default: $LINEUP_FACES_DIR/lfw-devtrain)
 */
#include "config.h"

#include "bench-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineup-core.h"

#ifdef HAVE_FAISS
#include <sqlite3.h>

#include "lineup-faiss.h"
#endif

int
main (int   argc,
      char *argv[])
{
  g_autofree char *lfw = argc > 1 ? g_strdup (argv[1])
                                  : g_build_filename (g_getenv ("LINEUP_FACES_DIR"), "lfw-devtrain", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_dir_make_tmp ("lineup-identify-XXXXXX", &error);
  g_autofree char *manifest = g_build_filename (data_dir, "enrol.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("booking_number,photo,person_id,last_name\n");
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) probe_people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (lfw, 0, &error);
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupImport) import = NULL;
  g_autoptr(LineupIndex) index = NULL;
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(LineupEngine) engine = NULL;
  g_autoptr(LineupUser) clerk = NULL;
  g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (float));
  LineupDetectOptions options;
  LineupSyncCall call;
  const char *name;
  guint rank1 = 0, rank10 = 0, searched = 0, no_face = 0;
  g_autofree double *lat = NULL;
  double t0;

  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (people, g_strdup (name));
  lineup_sort_strings (people);
  for (guint p = 0; p < people->len; p++)
    {
      const char *person = people->pdata[p];
      g_autofree char *pdir = g_build_filename (lfw, person, NULL);
      g_autoptr(GDir) d = g_dir_open (pdir, 0, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

      while (d && (name = g_dir_read_name (d)))
        if (g_str_has_suffix (name, ".jpg"))
          g_ptr_array_add (files, g_build_filename (pdir, name, NULL));
      if (files->len == 0)
        continue;
      lineup_sort_strings (files);
      g_string_append_printf (csv, "E-%u,%s,%s,%s\n", p, (char *)files->pdata[0], person, person);
      for (guint i = 1; i < files->len; i++)
        {
          g_ptr_array_add (probes, g_strdup (files->pdata[i]));
          g_ptr_array_add (probe_people, g_strdup (person));
        }
    }
  g_assert_true (g_file_set_contents (manifest, csv->str, csv->len, NULL));

  db = lineup_db_open_default_sync (data_dir, &error);
  g_assert_no_error (error);
  clerk = lineup_db_user_init_sync (db, "bench", NULL, "bench-password", LINEUP_ROLE_CLERK, &error);
  g_assert_no_error (error);
  import = lineup_import_new (db, data_dir, manifest);
  lineup_import_set_user (import, clerk);
  lineup_sync_call_begin (&call);
  t0 = g_get_monotonic_time () / 1e6;
  lineup_import_run_async (import, NULL, lineup_sync_call_callback, &call);
  if (!lineup_import_run_finish (import, lineup_sync_call_wait (&call), &error))
    g_error ("%s", error->message);
  lineup_sync_call_end (&call);
  printf ("# identification on LFW DevTrain: one photo of each of %u people imported in %.0f s; "
          "%u probe photos\n",
          lineup_import_get_imported (import),
          g_get_monotonic_time () / 1e6 - t0, probes->len);

  index = lineup_db_load_index_sync (db, LINEUP_RESNET_MODEL_ID, FALSE, &error);
  g_assert_no_error (error);
  labels = lineup_db_face_labels_sync (db, &error);
  g_assert_no_error (error);
  engine = lineup_engine_new (NULL, &error);
  g_assert_no_error (error);
  lineup_detect_options_init_default (&options);
  lat = g_new (double, probes->len);

  for (guint i = 0; i < probes->len; i++)
    {
      g_autoptr(LineupImage) image = lineup_image_new_from_file (probes->pdata[i], 0, NULL);
      g_autoptr(GPtrArray) faces = image ? lineup_engine_detect (engine, image, &options, NULL) : NULL;
      LineupFace *face = faces ? lineup_faces_nearest_center (faces, lineup_image_get_width (image),
                                                              lineup_image_get_height (image))
                               : NULL;
      LineupHit hits[10];
      gint64 s0;
      guint n;

      if (face == NULL)
        {
          no_face++;
          continue;
        }
      g_array_append_vals (queries, lineup_face_get_descriptor (face), LINEUP_SHIM_DESCRIPTOR_DIM);
      s0 = g_get_monotonic_time ();
      n = lineup_index_search (index, lineup_face_get_descriptor (face), 10, INFINITY, hits);
      lat[searched++] = (g_get_monotonic_time () - s0) / 1000.0;
      for (guint k = 0; k < n; k++)
        if (g_strcmp0 (g_hash_table_lookup (labels, &hits[k].id), probe_people->pdata[i]) == 0)
          {
            rank1 += k == 0;
            rank10++;
            break;
          }
    }
  qsort (lat, searched, sizeof (double), bench_cmp_double);
  printf ("gallery %u searchable faces (the rest kept out by the quality policy); %u probes "
          "searched (%u without a face, counted as misses)\n",
          lineup_index_get_size (index), searched, no_face);
  printf ("rank-1 %.2f %%, rank-10 %.2f %%; search latency median %.3f ms, max %.3f ms (%s)\n",
          100.0 * rank1 / probes->len, 100.0 * rank10 / probes->len, lat[searched / 2],
          lat[searched - 1], lineup_index_kernel ());
#ifdef HAVE_FAISS
  {
    /* FAISS IndexFlatL2 on the same real gallery and the same queries. */
    g_autofree char *dbfile = g_build_filename (data_dir, "lineup.db", NULL);
    g_autoptr(GArray) gallery = g_array_new (FALSE, FALSE, sizeof (float));
    g_autofree double *flat = g_new (double, searched);
    LineupFaiss *faiss = lineup_faiss_new (LINEUP_SHIM_DESCRIPTOR_DIM, &error);
    sqlite3 *conn = NULL;
    sqlite3_stmt *st = NULL;
    guint agree = 0;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_open_v2 (dbfile, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    sqlite3_prepare_v2 (conn, "SELECT descriptor FROM faces WHERE enrolled = 1 AND model_id = '"
                        LINEUP_RESNET_MODEL_ID "' ORDER BY id", -1, &st, NULL);
    while (sqlite3_step (st) == SQLITE_ROW)
      g_array_append_vals (gallery, sqlite3_column_blob (st, 0), LINEUP_SHIM_DESCRIPTOR_DIM);
    sqlite3_finalize (st);
    sqlite3_close (conn);
    lineup_faiss_add (faiss, (const float *)gallery->data, gallery->len / LINEUP_SHIM_DESCRIPTOR_DIM, &error);
    g_assert_no_error (error);
    for (guint q = 0; q < searched; q++)
      {
        const float *query = &g_array_index (queries, float, (gsize)q * LINEUP_SHIM_DESCRIPTOR_DIM);
        float fd[10], check[1];
        gint64 fl[10];
        LineupHit ours[1];
        gint64 s0 = g_get_monotonic_time ();

        lineup_faiss_search (faiss, query, 10, fd, fl, &error);
        flat[q] = (g_get_monotonic_time () - s0) / 1000.0;
        lineup_index_search (index, query, 1, INFINITY, ours);
        check[0] = ours[0].distance * ours[0].distance;
        agree += fabsf (check[0] - fd[0]) < 1e-4f;
      }
    printf ("FAISS IndexFlatL2 on the same %u faces: median %.3f ms vs lineup %.3f ms (%.1fx); "
            "same nearest distance in %u/%u queries\n",
            gallery->len / LINEUP_SHIM_DESCRIPTOR_DIM, bench_median (flat, searched), lat[searched / 2],
            bench_median (flat, searched) / lat[searched / 2], agree, searched);
    lineup_faiss_free (faiss);
  }
#endif
  {
    const char *rm[] = { "rm", "-rf", data_dir, NULL };
    g_spawn_sync (NULL, (char **)rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return 0;
}
