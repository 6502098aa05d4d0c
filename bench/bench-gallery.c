/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gallery.c: the Gallery page with 100,000 bookings. Fills a fresh
 * data folder (store entries are symlinks to a few real photos), starts the
 * real application and prints: time until the grid holds every booking,
 * time to filter, and frame times while scrolling through the grid.
 *
 * Run under a display: xvfb-run -a bench/bench-gallery [N]
 */
#include "config.h"

#include "bench-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineup-application.h"
#include "lineup-gallery-page.h"
#include "lineup-window.h"

static guint n_bookings = 100000;
static char *data_dir;
static LineupUser *clerk;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
fill (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDb) db = lineup_db_open_default_sync (data_dir, &error);
  g_autofree char *path = g_build_filename (data_dir, "lineup.db", NULL);
  const char *faces = g_getenv ("LINEUP_FACES_DIR");
  g_autofree char *root = g_build_filename (faces, "lfw-devtrain", NULL);
  g_autoptr(GPtrArray) real = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (root, 0, &error);
  const char *name;
  sqlite3 *conn;
  sqlite3_stmt *s1, *s2, *s3;

  g_assert_no_error (error);
  /* The gallery is personal data: a signed-in clerk lists it. */
  clerk = lineup_db_user_init_sync (db, "bench", NULL, "bench-password", LINEUP_ROLE_CLERK, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  while ((name = g_dir_read_name (dir)) && real->len < 50)
    g_ptr_array_add (real, g_strdup_printf ("%s/%s/%s_0001.jpg", root, name, name));

  sqlite3_open (path, &conn);
  sqlite3_exec (conn, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (conn, "INSERT INTO subjects (id, uuid, label) VALUES (?, ?, ?)", -1, &s1, NULL);
  sqlite3_prepare_v2 (conn, "INSERT INTO bookings (id, uuid, subject_id, booking_number, booking_date)"
                            " VALUES (?, ?, ?, ?, ?)", -1, &s2, NULL);
  sqlite3_prepare_v2 (conn, "INSERT INTO photos (booking_id, sha256, bytes) VALUES (?, ?, 1)", -1,
                      &s3, NULL);
  for (guint i = 1; i <= n_bookings; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("u-%u", i);
      g_autofree char *label = g_strdup_printf ("Person %u, Test", i);
      g_autofree char *number = g_strdup_printf ("B-%07u", i);
      g_autofree char *date = g_strdup_printf ("20%02u-%02u-%02u", i % 25, 1 + i % 12, 1 + i % 28);
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, number, -1);
      g_autofree char *store = lineup_store_path (data_dir, sha);
      g_autofree char *store_dir = g_path_get_dirname (store);

      sqlite3_reset (s1);
      sqlite3_bind_int (s1, 1, i);
      sqlite3_bind_text (s1, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s1, 3, label, -1, SQLITE_TRANSIENT);
      sqlite3_step (s1);
      sqlite3_reset (s2);
      sqlite3_bind_int (s2, 1, i);
      sqlite3_bind_text (s2, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (s2, 3, i);
      sqlite3_bind_text (s2, 4, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s2, 5, date, -1, SQLITE_TRANSIENT);
      sqlite3_step (s2);
      sqlite3_reset (s3);
      sqlite3_bind_int (s3, 1, i);
      sqlite3_bind_text (s3, 2, sha, -1, SQLITE_TRANSIENT);
      sqlite3_step (s3);
      g_mkdir_with_parents (store_dir, 0700);
      if (symlink (real->pdata[i % real->len], store) != 0)
        g_error ("symlink %s", store);
    }
  sqlite3_finalize (s1);
  sqlite3_finalize (s2);
  sqlite3_finalize (s3);
  sqlite3_exec (conn, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (conn);
}

static gboolean
settled (LineupGalleryPage *page,
         guint              want)
{
  GListModel *m = lineup_gallery_page_get_model (page);
  return g_list_model_get_n_items (m) == want &&
         gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (m)) == 0;
}

static void
spin_until_settled (LineupGalleryPage *page,
                    guint              want)
{
  while (!settled (page, want))
    g_main_context_iteration (NULL, TRUE);
}

static GtkAdjustment *
grid_adjustment (LineupGalleryPage *page)
{
  GtkWidget *grid = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                               LINEUP_TYPE_GALLERY_PAGE, "grid"));
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
}

static void
on_activate (GApplication *app,
             double       *t_start)
{
  LineupWindow *window = LINEUP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  LineupGalleryPage *page = LINEUP_GALLERY_PAGE (
    gtk_widget_get_template_child (GTK_WIDGET (window), LINEUP_TYPE_WINDOW, "gallery_page"));
  GdkFrameClock *clock;
  GtkAdjustment *adj;
  double t, frames[300];
  const double steps[] = { 0.5, 3.0 };
  gint64 last;
  int n = 0;

  lineup_application_set_user (LINEUP_APPLICATION (app), clerk);
  spin_until_settled (page, n_bookings);
  printf ("gallery: %u bookings listed %.2f s after start\n", n_bookings, now () - *t_start);

  t = now ();
  lineup_gallery_page_set_filter (page, "b-0099999");
  spin_until_settled (page, 1);
  printf ("filter to 1 booking: %.0f ms\n", (now () - t) * 1000);
  t = now ();
  lineup_gallery_page_set_filter (page, NULL);
  spin_until_settled (page, n_bookings);
  printf ("clear the filter: %.0f ms\n", (now () - t) * 1000);

  /* Scroll by a fixed step per frame and record how long each frame takes:
   * half a screen (a brisk wheel scroll) and three screens (a fling). */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  adj = grid_adjustment (page);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
  {
  double step = steps[s];
  n = 0;
  last = gdk_frame_clock_get_frame_time (clock);
  for (int i = 0; i < 300; i++)
    {
      gint64 before = gdk_frame_clock_get_frame_counter (clock);
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) +
                                       gtk_adjustment_get_page_size (adj) * step);
      gtk_widget_queue_draw (GTK_WIDGET (window));
      while (gdk_frame_clock_get_frame_counter (clock) == before)
        g_main_context_iteration (NULL, TRUE);
      frames[n++] = (gdk_frame_clock_get_frame_time (clock) - last) / 1000.0;
      last = gdk_frame_clock_get_frame_time (clock);
    }
  qsort (frames, n, sizeof (double), bench_cmp_double);
  printf ("scrolling 300 frames, %.1f screens per frame: frame interval median %.1f ms, 95th "
          "%.1f ms, max %.1f ms (the display paces frames at ~16.7 ms)\n",
          step, frames[n / 2], frames[n * 95 / 100], frames[n - 1]);
  }
  g_application_quit (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LineupApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  double t0, t_start;
  int ret;

  if (argc > 1)
    n_bookings = atoi (argv[1]);
  data_dir = g_dir_make_tmp ("lineup-bench-gallery-XXXXXX", &error);
  g_assert_no_error (error);
  t0 = now ();
  fill ();
  printf ("# gallery benchmark, %u bookings (filled in %.1f s)\n", n_bookings, now () - t0);
  g_setenv ("LINEUP_DATA_DIR", data_dir, TRUE);
  app = lineup_application_new ();
  t_start = now ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &t_start);
  ret = g_application_run (G_APPLICATION (app), 0, NULL);
  {
    const char *rm[] = { "rm", "-rf", data_dir, NULL };
    g_spawn_sync (NULL, (char **)rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return ret;
}
