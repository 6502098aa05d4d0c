/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui.c: start the real application under a display, check what the
 * main window shows through the GTK API, and save a screenshot of it.
 *
 * Run under xvfb-run (see .ci/run). LINEUP_SCREENSHOT_DIR chooses where the
 * PNGs go (default: the current directory).
 */
#include "config.h"

#include "gui-util.h"
#include "lineup-add-photo-window.h"
#include "lineup-gallery-page.h"
#include "lineup-import-page.h"
#include "lineup-preferences-window.h"
#include "lineup-window.h"

typedef GuiFixture Fixture;

/* The app starts at the first-run form: create the administrator (also a
 * clerk, for the import below) through it and wait for the main content. */
static void
sign_in_first_run (LineupWindow *window)
{
  static const struct { const char *row, *text; } fields[] = {
    { "setup_name_row", "admin" }, { "setup_display_row", "Test Administrator" },
    { "setup_password_row", "gui test password" }, { "setup_confirm_row", "gui test password" },
  };

  gui_wait_screen (window, "setup");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gui_set_text (window, LINEUP_TYPE_WINDOW, fields[i].row, fields[i].text);
  gui_set_check (window, LINEUP_TYPE_WINDOW, "setup_clerk_check", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-admin", NULL));
  gui_wait_screen (window, "main");
}

static LineupWindowState want_state;

static gboolean
state_is (gpointer data)
{
  return lineup_window_get_state (data) == want_state;
}

static void
spin_until_state (LineupWindow      *window,
                  LineupWindowState  state)
{
  want_state = state;
  gui_spin_until (state_is, window, "the window state");
}

static GtkWidget *
template_child (LineupWindow *window,
                const char   *name)
{
  return gui_child (window, LINEUP_TYPE_WINDOW, name);
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

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_string_append_printf (csv, "G-%u,%s/lfw-devtrain/%s/%s_0001.jpg,%s,Test,2024-05-0%u\n", i,
                            faces, people[i], people[i], people[i], i + 1);
  g_string_append (csv, "G-9,/nonexistent/photo.jpg,Nobody,,2024-05-09\n");
  g_assert_true (g_file_set_contents (manifest, csv->str, csv->len, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pages)), ==, "import");
  page = LINEUP_IMPORT_PAGE (lineup_window_get_page (f->window, "import"));
  file = g_file_new_for_path (manifest);
  lineup_import_page_open (page, file);
  g_assert_cmpstr (lineup_import_page_get_state (page), ==, "preview");
  check = GTK_LABEL (gui_child (page, LINEUP_TYPE_IMPORT_PAGE, "check_label"));
  gui_spin_until (import_state_is_preview_checked, check, "the preview");
  g_test_message ("preview: %s", gtk_label_get_text (check));
  g_assert_nonnull (strstr (gtk_label_get_text (check), "5 photos. 1 row has a problem"));
  gui_spin_frames (25);
  gui_screenshot (GTK_WIDGET (f->window), "import-preview.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "import.start", NULL));
  /* While it runs the sidebar marks the page, so leaving it is safe. */
  g_assert_true (gtk_stack_page_get_needs_attention (gtk_stack_get_page (GTK_STACK (pages), GTK_WIDGET (page))));
  gui_spin_until (import_done, page, "the import");
  g_assert_false (gtk_stack_page_get_needs_attention (gtk_stack_get_page (GTK_STACK (pages), GTK_WIDGET (page))));
  g_assert_cmpuint (lineup_import_get_imported (lineup_import_page_get_import (page)), ==, 4);
  g_assert_cmpuint (lineup_import_get_rejected (lineup_import_page_get_import (page)), ==, 1);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (
                       gui_child (page, LINEUP_TYPE_IMPORT_PAGE, "progress"))), ==, 1.0);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (
                     gui_child (page, LINEUP_TYPE_IMPORT_PAGE, "done_page"))), ==,
                   "Import Finished");
  gui_spin_frames (25);
  gui_screenshot (GTK_WIDGET (f->window), "import-done.png");

  /* The gallery follows: 4 bookings plus the one inserted earlier. */
  spin_until_state (f->window, LINEUP_WINDOW_STATE_READY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "gallery"));
  gallery = LINEUP_GALLERY_PAGE (lineup_window_get_page (f->window, "gallery"));
  g_object_set_data (G_OBJECT (gallery), "want", GUINT_TO_POINTER (4));
  gui_spin_until (has_n_items, gallery, "the gallery list");
  lineup_gallery_page_set_filter (gallery, "sorkin");
  gui_spin_until (filter_settled, lineup_gallery_page_get_model (gallery), "the filter");
  g_assert_cmpuint (g_list_model_get_n_items (lineup_gallery_page_get_model (gallery)), ==, 1);
  lineup_gallery_page_show_item (gallery, 0);
  detail = gui_child (gallery, LINEUP_TYPE_GALLERY_PAGE, "photo");
  gui_spin_until (picture_loaded, detail, "the booking photo");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (
                              gui_child (gallery, LINEUP_TYPE_GALLERY_PAGE, "facts_label"))),
                            "Sharpness"));
  /* What the audit page's Open does for a booking: the gallery, filtered
   * to it, from another page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "import"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-object", "(ss)",
                                             "booking", "G-3"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pages)), ==, "gallery");
  gui_spin_until (filter_settled, lineup_gallery_page_get_model (gallery), "the filter");
  g_assert_cmpuint (g_list_model_get_n_items (lineup_gallery_page_get_model (gallery)), ==, 1);
  lineup_gallery_page_set_filter (gallery, NULL);
  gui_spin_until (filter_settled, lineup_gallery_page_get_model (gallery), "the filter");
  gui_spin_frames (20);
  gui_screenshot (GTK_WIDGET (f->window), "gallery.png");

  /* One photo by hand, through the form: a bad date first, then right. */
  {
    LineupAddPhotoWindow *form;
    g_autofree char *photo = g_strdup_printf ("%s/lfw-devtrain/Adam_Sandler/Adam_Sandler_0002.jpg",
                                              faces);
    g_autoptr(GFile) photo_file = g_file_new_for_path (photo);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-photo", NULL));
    gui_spin_frames (5);
    form = gui_find_toplevel (LINEUP_TYPE_ADD_PHOTO_WINDOW);
    g_assert_nonnull (form);
    lineup_add_photo_window_set_photo (form, photo_file);
    lineup_add_photo_window_set_field (form, "booking_number", "HAND-1");
    lineup_add_photo_window_set_field (form, "last_name", "Sandler");
    lineup_add_photo_window_set_field (form, "booking_date", "24/05/2024");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "add-photo.add", NULL));
    g_object_set_data (G_OBJECT (form), "want", (gpointer) "YYYY-MM-DD");
    gui_spin_until (status_contains, form, "the form's refusal");
    lineup_add_photo_window_set_field (form, "booking_date", "2024-05-24");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "add-photo.add", NULL));
    g_object_set_data (G_OBJECT (form), "want", (gpointer) "Added to the gallery");
    gui_spin_until (status_contains, form, "the hand-added photo");
    gui_spin_frames (10);
    gui_screenshot (GTK_WIDGET (form), "add-photo.png");
    gtk_window_close (GTK_WINDOW (form));
    g_object_set_data (G_OBJECT (gallery), "want", GUINT_TO_POINTER (5));
    gui_spin_until (has_n_items, gallery, "the gallery after adding");
  }

  /* Purge: gone from the list and from the content store. */
  lineup_gallery_page_purge_shown (gallery, "test: sealed by court order");
  g_object_set_data (G_OBJECT (gallery), "want", GUINT_TO_POINTER (4));
  gui_spin_until (has_n_items, gallery, "the purge");
}

static void
run_checks (Fixture *f)
{
  GtkWidget *gallery_stack;
  g_autofree char *db_path = g_build_filename (f->data_dir, "lineup.db", NULL);
  const char *description;
  GtkWindow *help;

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

  gui_spin_frames (10);
  gui_screenshot (GTK_WIDGET (f->window), "main-window-first-run.png");

  /* The keyboard-shortcuts window comes from the resource bundle. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay",
                                             NULL));
  gui_spin_frames (5);
  help = gui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (help);
  gtk_window_close (help);

  /* Preferences: the detector choice lands in GSettings. */
  {
    LineupPreferencesWindow *prefs;
    GSettings *settings = lineup_application_get_settings (f->app);
    GtkWidget *row;
    g_autofree char *detector = NULL;

    g_assert_cmpstr ((detector = g_settings_get_string (settings, "detector")), ==, "hog");
    g_clear_pointer (&detector, g_free);
    g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
    gui_spin_frames (10);
    prefs = gui_find_toplevel (LINEUP_TYPE_PREFERENCES_WINDOW);
    g_assert_nonnull (prefs);
    row = gui_child (prefs, LINEUP_TYPE_PREFERENCES_WINDOW, "detector_row");
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
    g_assert_cmpstr ((detector = g_settings_get_string (settings, "detector")), ==, "blazeface");
    gui_spin_frames (10);
    gui_screenshot (GTK_WIDGET (prefs), "preferences.png");
    gtk_window_close (GTK_WINDOW (prefs));
    gui_spin_frames (5);
  }

  /* The window follows the database: with bookings it shows the gallery. */
  run_import_and_gallery (f);
  spin_until_state (f->window, LINEUP_WINDOW_STATE_READY);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gallery_stack)), ==, "ready");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (f->window, "bookings_label"))),
                   ==, "4");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (f->window, "schema_label"))),
                   !=, "");
  gui_spin_frames (10);
  gui_screenshot (GTK_WIDGET (f->window), "main-window-gallery.png");
}

static void
test_main_window (void)
{
  gui_test_main_window ("gui", run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/main-window", test_main_window);
  return g_test_run ();
}
