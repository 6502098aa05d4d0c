/* test-gui.c: start the real application under a display, check what the
 * main window shows through the GTK API, and save a screenshot of it.
 *
 * Run under xvfb-run (see .ci/run). LINEUP_SCREENSHOT_DIR chooses where the
 * PNGs go (default: the current directory).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-application.h"
#include "lineup-preferences-window.h"
#include "lineup-window.h"

typedef struct
{
  LineupApplication *app;
  LineupWindow      *window;
  char              *data_dir;
  char              *shot_dir;
} Fixture;

static void
spin_until_state (LineupWindow      *window,
                  LineupWindowState  state)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (lineup_window_get_state (window) != state && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lineup_window_get_state (window), ==, state);
}

static void
spin_frames (guint n)
{
  gint64 until = g_get_monotonic_time () + n * 20000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
template_child (LineupWindow *window,
                const char   *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), LINEUP_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* Render the window as GTK draws it and save a PNG; check it is not blank. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = NULL;
  gsize stride;
  guint distinct = 0;
  guint32 first;

  g_assert_cmpint (w, >, 100);
  g_assert_cmpint (h, >, 100);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  reloaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, w);

  /* A window that rendered nothing is one flat colour. */
  stride = w * 4;
  pixels = g_malloc (stride * h);
  gdk_texture_download (reloaded, pixels, stride);
  first = ((guint32 *)pixels)[0];
  for (gsize i = 0; i < (gsize)w * h && distinct < 50; i++)
    if (((guint32 *)pixels)[i] != first)
      distinct++;
  g_assert_cmpuint (distinct, >=, 50);
  g_test_message ("screenshot: %s (%dx%d)", path, w, h);
}

static void
insert_booking (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "lineup.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO subjects (uuid, label) VALUES ('s-1', 'Doe, Jane');"
                                 "INSERT INTO bookings (uuid, subject_id, booking_number) "
                                 "VALUES ('b-1', 1, 'B-0001');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
run_checks (Fixture *f)
{
  GtkWidget *gallery_stack;
  g_autofree char *db_path = g_build_filename (f->data_dir, "lineup.db", NULL);
  g_autofree char *shot = NULL;
  const char *description;
  GListModel *toplevels;
  gboolean help_shown = FALSE;

  /* First run: the database is created and the onboarding page guides the
   * user to import photos. */
  spin_until_state (f->window, LINEUP_WINDOW_STATE_EMPTY);
  g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_REGULAR));
  gallery_stack = template_child (f->window, "gallery_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gallery_stack)), ==, "empty");
  description = adw_status_page_get_description (
    ADW_STATUS_PAGE (template_child (f->window, "welcome_page")));
  g_assert_nonnull (strstr (description, db_path));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));

  spin_frames (10);
  shot = g_build_filename (f->shot_dir, "main-window-first-run.png", NULL);
  save_screenshot (GTK_WIDGET (f->window), shot);

  /* The keyboard-shortcuts window comes from the resource bundle. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay",
                                             NULL));
  spin_frames (5);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_SHORTCUTS_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          help_shown = TRUE;
          gtk_window_close (GTK_WINDOW (w));
        }
    }
  g_assert_true (help_shown);

  /* Preferences: the detector choice lands in GSettings. */
  {
    LineupPreferencesWindow *prefs = NULL;
    GSettings *settings = lineup_application_get_settings (f->app);
    GObject *row;
    g_autofree char *detector = NULL;
    g_autofree char *prefs_shot = NULL;

    g_assert_cmpstr ((detector = g_settings_get_string (settings, "detector")), ==, "hog");
    g_clear_pointer (&detector, g_free);
    g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
    spin_frames (10);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
        if (LINEUP_IS_PREFERENCES_WINDOW (w))
          prefs = LINEUP_PREFERENCES_WINDOW (w);
      }
    g_assert_nonnull (prefs);
    row = gtk_widget_get_template_child (GTK_WIDGET (prefs), LINEUP_TYPE_PREFERENCES_WINDOW,
                                         "detector_row");
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
    g_assert_cmpstr ((detector = g_settings_get_string (settings, "detector")), ==, "blazeface");
    spin_frames (10);
    prefs_shot = g_build_filename (f->shot_dir, "preferences.png", NULL);
    save_screenshot (GTK_WIDGET (prefs), prefs_shot);
    gtk_window_close (GTK_WINDOW (prefs));
    spin_frames (5);
  }

  /* The window follows the database: with a booking it shows the gallery. */
  insert_booking (f->data_dir);
  lineup_window_reload (f->window);
  spin_until_state (f->window, LINEUP_WINDOW_STATE_READY);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gallery_stack)), ==, "ready");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (f->window, "bookings_label"))),
                   ==, "1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (f->window, "schema_label"))),
                   !=, "");
  spin_frames (10);
  g_free (shot);
  shot = g_build_filename (f->shot_dir, "main-window-gallery.png", NULL);
  save_screenshot (GTK_WIDGET (f->window), shot);
}

static void
on_activate (GApplication *app,
             Fixture      *f)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (LINEUP_IS_WINDOW (window));
  f->window = LINEUP_WINDOW (window);
  run_checks (f);
  g_application_quit (app);
}

static void
test_main_window (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  const char *shot_env = g_getenv ("LINEUP_SCREENSHOT_DIR");
  int status;

  f.data_dir = g_dir_make_tmp ("lineup-gui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("LINEUP_DATA_DIR", f.data_dir, TRUE);
  f.shot_dir = g_strdup (shot_env ? shot_env : ".");
  g_mkdir_with_parents (f.shot_dir, 0755);

  f.app = lineup_application_new ();
  /* Run after the default handler, which creates and presents the window. */
  g_signal_connect_after (f.app, "activate", G_CALLBACK (on_activate), &f);
  status = g_application_run (G_APPLICATION (f.app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (f.window);

  g_clear_object (&f.app);
  g_free (f.shot_dir);
  g_free (f.data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/main-window", test_main_window);
  return g_test_run ();
}
