/* test-gui.c: start the real application under a display, check what the
 * main window shows through the GTK API, and save a screenshot of it.
 *
 * Run under xvfb-run (see .ci/run). LINEUP_SCREENSHOT_DIR chooses where the
 * PNGs go (default: the current directory).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lineup-application.h"
#include "lineup-add-photo-window.h"
#include "lineup-gallery-page.h"
#include "lineup-import-page.h"
#include "lineup-preferences-window.h"
#include "lineup-window.h"

typedef struct
{
  LineupApplication *app;
  LineupWindow      *window;
  char              *data_dir;
  char              *shot_dir;
} Fixture;

/* The app starts at the first-run form: create the administrator (also a
 * clerk, for the import below) through it and wait for the main content. */
static void
sign_in_first_run (LineupWindow *window)
{
  static const struct { const char *row, *text; } fields[] = {
    { "setup_name_row", "admin" }, { "setup_display_row", "Test Administrator" },
    { "setup_password_row", "gui test password" }, { "setup_confirm_row", "gui test password" },
  };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_strcmp0 (lineup_window_get_screen (window), "setup") != 0
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (lineup_window_get_screen (window), ==, "setup");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (
                             GTK_WIDGET (window), LINEUP_TYPE_WINDOW, fields[i].row)),
                           fields[i].text);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (
                                 GTK_WIDGET (window), LINEUP_TYPE_WINDOW, "setup_clerk_check")),
                               TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-admin", NULL));
  while (g_strcmp0 (lineup_window_get_screen (window), "main") != 0
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (lineup_window_get_screen (window), ==, "main");
}

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
spin_until (gboolean (*done) (gpointer),
            gpointer   data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  if (!done (data))
    g_error ("timed out waiting for %s", what);
}

static gboolean
import_state_is_preview_checked (gpointer data)
{
  GtkLabel *label = data;
  return !g_str_equal (gtk_label_get_text (label), "Checking…");
}

static gboolean
import_done (gpointer data)
{
  return g_str_equal (lineup_import_page_get_state (data), "done");
}

static gboolean
filter_settled (gpointer data)
{
  return gtk_filter_list_model_get_pending (data) == 0;
}

static gboolean
has_n_items (gpointer data)
{
  GListModel *model = lineup_gallery_page_get_model (data);
  guint want = GPOINTER_TO_UINT (g_object_get_data (data, "want"));
  return g_list_model_get_n_items (model) == want;
}

static gboolean
status_contains (gpointer data)
{
  return strstr (lineup_add_photo_window_get_status (data),
                 g_object_get_data (data, "want")) != NULL;
}

static gboolean
picture_loaded (gpointer data)
{
  return gtk_picture_get_paintable (data) != NULL;
}

/* The clerk's path: choose a manifest, preview, import, browse, purge. */
static void
run_import_and_gallery (Fixture *f)
{
  const char *faces = g_getenv ("LINEUP_FACES_DIR");
  g_autofree char *manifest = g_build_filename (f->data_dir, "..", "gui-manifest.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("booking_number,photo,last_name,first_name,booking_date\n");
  const char *people[] = { "Aaron_Peirsol", "Aaron_Sorkin", "Abdullah", "Adam_Sandler" };
  LineupImportPage *page;
  LineupGalleryPage *gallery;
  GtkWidget *pages = template_child (f->window, "pages");
  GtkLabel *check;
  GtkWidget *detail;
  g_autoptr(GFile) file = NULL;
  g_autofree char *shot = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_string_append_printf (csv, "G-%u,%s/lfw-devtrain/%s/%s_0001.jpg,%s,Test,2024-05-0%u\n", i,
                            faces, people[i], people[i], people[i], i + 1);
  g_string_append (csv, "G-9,/nonexistent/photo.jpg,Nobody,,2024-05-09\n");
  g_assert_true (g_file_set_contents (manifest, csv->str, csv->len, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pages)), ==, "import");
  page = LINEUP_IMPORT_PAGE (template_child (f->window, "import_page"));
  file = g_file_new_for_path (manifest);
  lineup_import_page_open (page, file);
  g_assert_cmpstr (lineup_import_page_get_state (page), ==, "preview");
  check = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), LINEUP_TYPE_IMPORT_PAGE,
                                                    "check_label"));
  spin_until (import_state_is_preview_checked, check, "the preview");
  g_test_message ("preview: %s", gtk_label_get_text (check));
  g_assert_nonnull (strstr (gtk_label_get_text (check), "5 photos. 1 row has a problem"));
  spin_frames (25);
  shot = g_build_filename (f->shot_dir, "import-preview.png", NULL);
  save_screenshot (GTK_WIDGET (f->window), shot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "import.start", NULL));
  spin_until (import_done, page, "the import");
  g_assert_cmpuint (lineup_import_get_imported (lineup_import_page_get_import (page)), ==, 4);
  g_assert_cmpuint (lineup_import_get_rejected (lineup_import_page_get_import (page)), ==, 1);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (gtk_widget_get_template_child (
                       GTK_WIDGET (page), LINEUP_TYPE_IMPORT_PAGE, "progress"))), ==, 1.0);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (gtk_widget_get_template_child (
                     GTK_WIDGET (page), LINEUP_TYPE_IMPORT_PAGE, "done_page"))), ==,
                   "Import Finished");
  spin_frames (25);
  g_free (shot);
  shot = g_build_filename (f->shot_dir, "import-done.png", NULL);
  save_screenshot (GTK_WIDGET (f->window), shot);

  /* The gallery follows: 4 bookings plus the one inserted earlier. */
  spin_until_state (f->window, LINEUP_WINDOW_STATE_READY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "gallery"));
  gallery = LINEUP_GALLERY_PAGE (template_child (f->window, "gallery_page"));
  g_object_set_data (G_OBJECT (gallery), "want", GUINT_TO_POINTER (4));
  spin_until (has_n_items, gallery, "the gallery list");
  lineup_gallery_page_set_filter (gallery, "sorkin");
  spin_until (filter_settled, lineup_gallery_page_get_model (gallery), "the filter");
  g_assert_cmpuint (g_list_model_get_n_items (lineup_gallery_page_get_model (gallery)), ==, 1);
  lineup_gallery_page_show_item (gallery, 0);
  detail = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (gallery),
                                                      LINEUP_TYPE_GALLERY_PAGE, "photo"));
  spin_until (picture_loaded, detail, "the booking photo");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
                              GTK_WIDGET (gallery), LINEUP_TYPE_GALLERY_PAGE, "facts_label"))),
                            "Sharpness"));
  lineup_gallery_page_set_filter (gallery, NULL);
  spin_until (filter_settled, lineup_gallery_page_get_model (gallery), "the filter");
  spin_frames (20);
  g_free (shot);
  shot = g_build_filename (f->shot_dir, "gallery.png", NULL);
  save_screenshot (GTK_WIDGET (f->window), shot);

  /* One photo by hand, through the form: a bad date first, then right. */
  {
    LineupAddPhotoWindow *form = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();
    g_autofree char *photo = g_strdup_printf ("%s/lfw-devtrain/Adam_Sandler/Adam_Sandler_0002.jpg",
                                              faces);
    g_autoptr(GFile) photo_file = g_file_new_for_path (photo);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-photo", NULL));
    spin_frames (5);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
        if (LINEUP_IS_ADD_PHOTO_WINDOW (w))
          form = LINEUP_ADD_PHOTO_WINDOW (w);
      }
    g_assert_nonnull (form);
    lineup_add_photo_window_set_photo (form, photo_file);
    lineup_add_photo_window_set_field (form, "booking_number", "HAND-1");
    lineup_add_photo_window_set_field (form, "last_name", "Sandler");
    lineup_add_photo_window_set_field (form, "booking_date", "24/05/2024");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "add-photo.add", NULL));
    g_object_set_data (G_OBJECT (form), "want", (gpointer) "YYYY-MM-DD");
    spin_until (status_contains, form, "the form's refusal");
    lineup_add_photo_window_set_field (form, "booking_date", "2024-05-24");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "add-photo.add", NULL));
    g_object_set_data (G_OBJECT (form), "want", (gpointer) "Added to the gallery");
    spin_until (status_contains, form, "the hand-added photo");
    spin_frames (10);
    g_free (shot);
    shot = g_build_filename (f->shot_dir, "add-photo.png", NULL);
    save_screenshot (GTK_WIDGET (form), shot);
    gtk_window_close (GTK_WINDOW (form));
    g_object_set_data (G_OBJECT (gallery), "want", GUINT_TO_POINTER (5));
    spin_until (has_n_items, gallery, "the gallery after adding");
  }

  /* Purge: gone from the list and from the content store. */
  lineup_gallery_page_purge_shown (gallery, "test: sealed by court order");
  g_object_set_data (G_OBJECT (gallery), "want", GUINT_TO_POINTER (4));
  spin_until (has_n_items, gallery, "the purge");
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

  sign_in_first_run (f->window);
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

  /* The window follows the database: with bookings it shows the gallery. */
  run_import_and_gallery (f);
  spin_until_state (f->window, LINEUP_WINDOW_STATE_READY);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gallery_stack)), ==, "ready");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (f->window, "bookings_label"))),
                   ==, "4");
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
