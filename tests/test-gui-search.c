/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-search.c: the detective's path through the Search page — case
 * and purpose gate, probe, face, edit, search, blind lineup, decision —
 * checked through the widgets and then in the database and the audit log.
 *
 * Builds a small gallery from LFW (one photo each of ~20 people, two of the
 * probe person) with LineupImport, then drives a LineupSearchPage in its own
 * window. Run under xvfb-run; LINEUP_SCREENSHOT_DIR chooses where the PNGs
 * go (default: the current directory).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gui-util.h"
#include "lineup-candidate-item.h"
#include "lineup-case-dialog.h"
#include "lineup-compare-view.h"
#include "lineup-probe-view.h"
#include "lineup-case-export.h"
#include "lineup-search-page.h"

/* The tests check the records through their JSON, the shape the CLI
 * prints: the record (taken) as _to_json gives it, NULL for NULL. */
static JsonNode *
json_of (gpointer   record,
         gpointer   to_json)
{
  JsonNode *(*func) (gpointer) = to_json;
  JsonNode *node;

  if (record == NULL)
    return NULL;
  node = func (record);
  g_object_unref (record);
  return node;
}

#define N_PEOPLE 20
/* Two photos in the gallery, a third one is the probe. */
#define PROBE_PERSON "Alejandro_Toledo"

typedef struct
{
  LineupApplication *app;
  GtkWindow         *window;
  LineupSearchPage  *page;
  LineupUser        *user;
  char              *data_dir;
  char              *gallery_dir;
  char              *probe_path;
  gboolean           import_done;
  GError            *import_error;
} Fixture;

static GtkWidget *
child (LineupSearchPage *page,
       const char       *name)
{
  return gui_child (page, LINEUP_TYPE_SEARCH_PAGE, name);
}

static void
close_message_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    {
      g_test_message ("dialog: %s — %s", adw_message_dialog_get_heading (dialog),
                      adw_message_dialog_get_body (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      gui_spin_frames (2);
    }
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  gui_spin_frames (15);
  gui_screenshot (GTK_WIDGET (f->window), name);
}

/* the gallery */

static gboolean
looks_like_jpeg (const char *name)
{
  return g_str_has_suffix (name, ".jpg");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static GPtrArray *
sorted_dir (const char *path,
            gboolean    dirs)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (dirs ? g_file_test (full, G_FILE_TEST_IS_DIR) : looks_like_jpeg (name))
        g_ptr_array_add (out, g_strdup (name));
    }
  g_ptr_array_sort (out, compare_names);
  return out;
}

static void
link_photo (const char *gallery,
            const char *person,
            const char *src)
{
  g_autofree char *dir = g_build_filename (gallery, person, NULL);
  g_autofree char *base = g_path_get_basename (src);
  g_autofree char *dst = g_build_filename (dir, base, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (symlink (src, dst), ==, 0);
}

/* Folder per person: the first N_PEOPLE people of LFW DevTrain with one
 * photo each, and the probe person with two; a third photo of the probe
 * person is the still the detective loads. */
static void
make_gallery (Fixture *f)
{
  const char *faces = g_getenv ("LINEUP_FACES_DIR");
  g_autofree char *lfw = g_build_filename (faces, "lfw-devtrain", NULL);
  g_autoptr(GPtrArray) people = sorted_dir (lfw, TRUE);
  guint added = 0;

  for (guint i = 0; i < people->len && added < N_PEOPLE; i++)
    {
      g_autofree char *dir = g_build_filename (lfw, people->pdata[i], NULL);
      g_autoptr(GPtrArray) photos = sorted_dir (dir, FALSE);
      g_autofree char *src = NULL;

      if (photos->len < 2 || g_str_equal (people->pdata[i], PROBE_PERSON))
        continue;
      src = g_build_filename (dir, photos->pdata[0], NULL);
      link_photo (f->gallery_dir, people->pdata[i], src);
      added++;
    }
  {
    g_autofree char *dir = g_build_filename (lfw, PROBE_PERSON, NULL);
    g_autoptr(GPtrArray) photos = sorted_dir (dir, FALSE);

    g_assert_cmpuint (photos->len, >=, 3);
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *src = g_build_filename (dir, photos->pdata[i], NULL);
        link_photo (f->gallery_dir, PROBE_PERSON, src);
      }
    f->probe_path = g_build_filename (dir, photos->pdata[2], NULL);
  }
  g_assert_cmpuint (added, ==, N_PEOPLE);
}

static void
import_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  lineup_import_run_finish (LINEUP_IMPORT (source), result, &f->import_error);
  f->import_done = TRUE;
}

static gboolean
import_finished (gpointer data)
{
  return ((Fixture *)data)->import_done;
}

static void
import_gallery (Fixture *f)
{
  LineupDb *db = lineup_application_get_db (f->app);
  g_autoptr(LineupImport) import = lineup_import_new (db, f->data_dir, f->gallery_dir);
  LineupDetectOptions options;

  lineup_detect_options_init_default (&options);
  lineup_import_set_user (import, f->user);
  lineup_import_set_workers (import, 2);
  lineup_import_set_options (import, &options);
  lineup_import_run_async (import, NULL, import_ready, f);
  gui_spin_until (import_finished, f, "the gallery import");
  g_assert_no_error (f->import_error);
  g_test_message ("imported %u of %u (rejected %u)", lineup_import_get_imported (import),
                  lineup_import_get_total (import), lineup_import_get_rejected (import));
  g_assert_cmpuint (lineup_import_get_imported (import), >=, N_PEOPLE);
}

/* conditions */

static gboolean
cases_listed (gpointer data)
{
  LineupSearchPage *page = data;
  GtkWidget *status = child (page, "case_status");
  GtkWidget *list = child (page, "case_list");

  return gtk_widget_get_visible (status) || gtk_widget_get_visible (list);
}

static gboolean
dialog_ready (gpointer data)
{
  return lineup_case_dialog_is_ready (data);
}

static gboolean
has_case (gpointer data)
{
  return g_strcmp0 (lineup_search_page_get_state (data), "no-probe") == 0;
}

static gboolean
probe_ready (gpointer data)
{
  return g_strcmp0 (lineup_search_page_get_state (data), "ready") == 0;
}

static gboolean
search_finished (gpointer data)
{
  const char *state = lineup_search_page_get_state (data);

  return g_strcmp0 (state, "lineup") == 0 || g_strcmp0 (state, "no-hit") == 0
         || g_strcmp0 (state, "ready") == 0;
}

static gboolean
thumbnails_loaded (gpointer data)
{
  GListModel *model = lineup_search_page_get_candidates (data);

  for (guint i = 0; i < MIN (4u, g_list_model_get_n_items (model)); i++)
    {
      g_autoptr(LineupCandidateItem) item = g_list_model_get_item (model, i);

      if (lineup_candidate_item_get_thumbnail (item) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
compare_loaded (gpointer data)
{
  return !gtk_widget_get_visible (gui_child (data, LINEUP_TYPE_COMPARE_VIEW, "candidate_status"));
}

static gboolean
item_decided (gpointer data)
{
  return lineup_candidate_item_get_decision (data) != NULL;
}

static gboolean
action_enabled (LineupSearchPage *page,
                const char       *name)
{
  /* Widget actions are looked up through the muxer: activating a disabled
   * one returns FALSE, but that would also run it; ask the button. */
  return gtk_widget_get_sensitive (child (page, name));
}

/* the test */

static void
run_case_gate (Fixture *f)
{
  LineupDb *db = lineup_application_get_db (f->app);
  LineupCaseDialog *dialog;
  GtkWidget *refusal, *create;
  g_autoptr(GError) error = NULL;

  gui_spin_until (cases_listed, f->page, "the case list");
  g_assert_cmpstr (lineup_search_page_get_state (f->page), ==, "no-case");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f->page, "main_stack"))),
                   ==, "no-case");
  screenshot (f, "search-no-case.png");

  /* One category an administrator closed to face search. */
  g_assert_true (lineup_db_offence_set_sync (db, f->user, "fraud", "Fraud", FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.new-case", NULL));
  gui_spin_frames (5);
  dialog = gui_find_toplevel (LINEUP_TYPE_CASE_DIALOG);
  g_assert_nonnull (dialog);
  gui_spin_until (dialog_ready, dialog, "the offence categories");

  refusal = gui_child (dialog, LINEUP_TYPE_CASE_DIALOG, "offence_refusal");
  create = gui_child (dialog, LINEUP_TYPE_CASE_DIALOG, "create_button");

  /* Refused: the category, then a missing reason. */
  lineup_case_dialog_set_fields (dialog, "2024-0117", "fraud", "Cheque fraud at the bank");
  g_assert_true (gtk_widget_get_visible (refusal));
  g_assert_false (gtk_widget_get_sensitive (create));
  lineup_case_dialog_set_fields (dialog, NULL, "robbery", "   ");
  g_assert_false (gtk_widget_get_visible (refusal));
  g_assert_false (gtk_widget_get_sensitive (create));
  lineup_case_dialog_set_fields (dialog, NULL, NULL,
                                 "Armed robbery at 14 Elm St on 3 May; the suspect was filmed by "
                                 "the shop camera.");
  g_assert_true (gtk_widget_get_sensitive (create));
  gui_spin_frames (10);
  gui_screenshot (GTK_WIDGET (dialog), "search-new-case.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "case.create", NULL));
  gui_spin_until (has_case, f->page, "the new case");
  g_assert_cmpstr (lineup_search_page_get_case_number (f->page), ==, "2024-0117");
  g_assert_nonnull (strstr (lineup_search_page_get_subtitle (f->page), "2024-0117"));
  gui_spin_frames (5);
  g_assert_null (gui_find_toplevel (LINEUP_TYPE_CASE_DIALOG));
}

static void
run_probe (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->probe_path);

  /* No source declared: refused, nothing stored. */
  lineup_search_page_load_probe (f->page, file);
  gui_spin_frames (5);
  g_assert_nonnull (gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  close_message_dialogs ();
  g_assert_cmpstr (lineup_search_page_get_state (f->page), ==, "no-probe");

  lineup_search_page_set_source (f->page, LINEUP_SOURCE_SURVEILLANCE);
  lineup_search_page_load_probe (f->page, file);
  gui_spin_until (probe_ready, f->page, "the probe and its faces");
  close_message_dialogs ();
  g_assert_cmpuint (lineup_search_page_get_n_faces (f->page), >=, 1);
  /* Choose the face as a click on its box does. */
  g_signal_emit_by_name (child (f->page, "probe_view"), "face-activated", 0);
  g_assert_cmpint (lineup_search_page_get_selected_face (f->page), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (f->page, "face_box")));

  /* A recorded edit: brighter, a little more contrast; faces found again. */
  gtk_range_set_value (GTK_RANGE (child (f->page, "brightness_scale")), 12);
  gtk_range_set_value (GTK_RANGE (child (f->page, "contrast_scale")), 1.1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.adjust-light", NULL));
  g_assert_cmpstr (lineup_search_page_get_state (f->page), ==, "loading");
  gui_spin_until (probe_ready, f->page, "the edited probe");
  close_message_dialogs ();
  g_assert_cmpuint (lineup_search_page_get_n_faces (f->page), >=, 1);
  g_signal_emit_by_name (child (f->page, "probe_view"), "face-activated", 0);
  g_assert_cmpint (lineup_search_page_get_selected_face (f->page), ==, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f->page, "edit_list")), 0));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f->page, "edit_list")), 1));

  /* A box drawn by hand becomes one more face... */
  {
    LineupProbeView *view = LINEUP_PROBE_VIEW (child (f->page, "probe_view"));
    guint before = lineup_search_page_get_n_faces (f->page);
    LineupBox box = { 60, 50, 190, 200 };

    g_assert_false (gtk_widget_get_sensitive (child (f->page, "crop_button")));
    lineup_probe_view_set_drawn_box (view, &box);
    g_assert_true (gtk_widget_get_sensitive (child (f->page, "crop_button")));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.use-box", NULL));
    gui_spin_until (probe_ready, f->page, "the hand-drawn face");
    close_message_dialogs ();
    g_assert_cmpuint (lineup_search_page_get_n_faces (f->page), ==, before + 1);
    g_assert_cmpint (lineup_search_page_get_selected_face (f->page), ==, before);

    /* ...and a crop to it is one more recorded step. */
    box = (LineupBox){ 20, 20, 230, 230 };
    lineup_probe_view_set_drawn_box (view, &box);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.crop", NULL));
    gui_spin_until (probe_ready, f->page, "the cropped probe");
    close_message_dialogs ();
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f->page, "edit_list")), 1));
    g_assert_cmpuint (lineup_search_page_get_n_faces (f->page), >=, 1);
    g_signal_emit_by_name (view, "face-activated", 0);
  }
  screenshot (f, "search-probe.png");
  {
    GtkWidget *panel = child (f->page, "probe_panel");
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
      panel, GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    screenshot (f, "search-probe-tools.png");
    gtk_adjustment_set_value (adj, 0);
  }
}

static void
run_search (Fixture *f)
{
  GListModel *model;
  g_autoptr(LineupCandidateItem) first = NULL;
  AdwMessageDialog *warning;

  /* A little looser than the default, for a fuller lineup (clamped to
   * what policy allows). */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f->page, "threshold_spin")), 0.7);
  g_assert_true (action_enabled (f->page, "search_button"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.run", NULL));
  gui_spin_frames (3);
  /* A low-quality probe asks first. */
  warning = gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (warning != NULL)
    {
      g_test_message ("quality warning: %s", adw_message_dialog_get_body (warning));
      adw_message_dialog_response (warning, "search");
    }
  gui_spin_until (search_finished, f->page, "the search");
  close_message_dialogs ();
  g_assert_cmpstr (lineup_search_page_get_state (f->page), ==, "lineup");
  g_assert_cmpint (lineup_search_page_get_search_id (f->page), >, 0);

  model = lineup_search_page_get_candidates (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  first = g_list_model_get_item (model, 0);
  g_test_message ("rank 1: %s (%s), %u photos", lineup_candidate_item_get_label (first),
                  lineup_candidate_item_get_booking_number (first),
                  lineup_candidate_item_get_n_photos (first));
  g_assert_cmpint (lineup_candidate_item_get_rank (first), ==, 1);
  g_assert_cmpstr (lineup_candidate_item_get_label (first), ==, PROBE_PERSON);
  /* Both gallery photos of the probe person fall into one lineup entry. */
  g_assert_cmpuint (lineup_candidate_item_get_n_photos (first), ==, 2);
  /* People, not photos: no subject twice. */
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LineupCandidateItem) other = g_list_model_get_item (model, i);
      g_assert_cmpstr (lineup_candidate_item_get_subject_id (other), !=,
                       lineup_candidate_item_get_subject_id (first));
    }
}

static void
run_blind_and_decide (Fixture *f)
{
  GListModel *model = lineup_search_page_get_candidates (f->page);
  g_autoptr(LineupCandidateItem) first = g_list_model_get_item (model, 0);
  g_autofree char *title = NULL;
  const char *note = "Same ear shape, scar above the left eyebrow and hairline; the chin "
                     "differs slightly. Worth a follow-up.";
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f->page, "note_view")));

  /* Blind mode (the default): the label is hidden before a decision. */
  g_assert_false (lineup_candidate_item_get_revealed (first));
  g_object_get (first, "title", &title, NULL);
  g_assert_cmpstr (title, !=, PROBE_PERSON);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f->page, "details_stack"))),
                   ==, "hidden");
  g_assert_true (gtk_widget_get_visible (child (f->page, "blind_badge")));

  gui_spin_until (thumbnails_loaded, f->page, "the candidate thumbnails");
  gui_spin_until (compare_loaded, child (f->page, "compare"), "the candidate photo");
  lineup_compare_view_set_show_landmarks (LINEUP_COMPARE_VIEW (child (f->page, "compare")), TRUE);
  gui_spin_until (compare_loaded, child (f->page, "compare"), "the candidate photo with landmarks");
  screenshot (f, "lineup.png");
  {
    int min, nat;

    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("page width: min %d, natural %d", min, nat);
    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("page height: min %d, natural %d", min, nat);
    /* With a header bar it must fit a 768-pixel-high screen. */
    g_assert_cmpint (min, <=, 700);
  }

  /* Keyboard-style navigation through the actions, then back to rank 1. */
  if (g_list_model_get_n_items (model) > 1)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.next-candidate",
                                                 NULL));
      g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (
                          gtk_grid_view_get_model (GTK_GRID_VIEW (child (f->page, "strip"))))),
                        ==, 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page),
                                                 "search.previous-candidate", NULL));
    }
  lineup_search_page_show_candidate (f->page, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.zoom-in", NULL));
  g_assert_cmpfloat (lineup_compare_view_get_zoom (LINEUP_COMPARE_VIEW (child (f->page, "compare"))),
                     >, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.zoom-reset", NULL));

  /* The decision: chosen, but no note yet → the button stays insensitive. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.decide", "s",
                                             "possible_lead"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (f->page, "lead_toggle"))));
  g_assert_false (action_enabled (f->page, "record_button"));
  gtk_text_buffer_set_text (buffer, "   ", -1);
  g_assert_false (action_enabled (f->page, "record_button"));
  gtk_text_buffer_set_text (buffer, note, -1);
  g_assert_true (action_enabled (f->page, "record_button"));
  g_signal_emit_by_name (child (f->page, "record_button"), "clicked");
  gui_spin_until (item_decided, first, "the recorded decision");
  close_message_dialogs ();

  /* Now the details show. */
  g_assert_true (lineup_candidate_item_get_revealed (first));
  g_clear_pointer (&title, g_free);
  g_object_get (first, "title", &title, NULL);
  g_assert_cmpstr (title, ==, PROBE_PERSON);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f->page, "details_stack"))),
                   ==, "shown");
  g_assert_cmpstr (lineup_decision_get_decision (lineup_candidate_item_get_decision (first)), ==,
                   "possible_lead");
  screenshot (f, "lineup-decided.png");
}

static void
check_records (Fixture *f)
{
  LineupDb *db = lineup_application_get_db (f->app);
  gint64 search_id = lineup_search_page_get_search_id (f->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) search = json_of (lineup_db_search_get_sync (db, f->user, search_id, &error), lineup_search_to_json);
  g_autoptr(JsonNode) audit = NULL;
  LineupAuditFilter filter = { 0 };
  JsonObject *s;
  JsonArray *decisions, *entries;
  gboolean decision_audited = FALSE, blind_view = FALSE, open_view = FALSE;

  g_assert_no_error (error);
  s = json_node_get_object (search);
  g_assert_cmpstr (json_object_get_string_member (s, "case"), ==, "2024-0117");
  g_assert_cmpint (json_object_get_int_member (s, "edit_seq"), ==, 2);
  decisions = json_object_get_array_member (s, "decisions");
  g_assert_cmpuint (json_array_get_length (decisions), ==, 1);
  {
    JsonObject *d = json_array_get_object_element (decisions, 0);

    g_assert_cmpint (json_object_get_int_member (d, "rank"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (d, "decision"), ==, "possible_lead");
    g_assert_nonnull (strstr (json_object_get_string_member (d, "note"), "scar above"));
    g_assert_cmpstr (json_object_get_string_member (d, "user"), ==, lineup_user_get_name (f->user));
  }

  filter.case_number = (char *)"2024-0117";
  audit = lineup_db_audit_list_sync (db, f->user, &filter, &error);
  g_assert_no_error (error);
  entries = json_node_get_array (audit);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      const char *action = json_object_get_string_member (e, "action");
      JsonObject *details = json_object_get_object_member (e, "details");

      if (g_str_equal (action, "decision.record"))
        decision_audited = g_strcmp0 (json_object_get_string_member (details, "decision"),
                                      "possible_lead") == 0;
      if (g_str_equal (action, "candidate.view"))
        {
          const char *blind = json_object_get_string_member (details, "blind");

          blind_view |= g_strcmp0 (blind, "true") == 0;
          open_view |= g_strcmp0 (blind, "false") == 0;
        }
    }
  g_assert_true (decision_audited);
  g_assert_true (blind_view);
  g_assert_true (open_view);
}

/* A strict threshold: nobody within it, and the search is stored all the
 * same. */
static void
run_no_hit (Fixture *f)
{
  LineupDb *db = lineup_application_get_db (f->app);
  gint64 first_search = lineup_search_page_get_search_id (f->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) search = NULL;
  AdwMessageDialog *warning;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f->page, "threshold_spin")), 0.2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "search.run", NULL));
  gui_spin_frames (3);
  if ((warning = gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    adw_message_dialog_response (warning, "search");
  gui_spin_until (search_finished, f->page, "the strict search");
  close_message_dialogs ();
  g_assert_cmpstr (lineup_search_page_get_state (f->page), ==, "no-hit");
  g_assert_cmpint (lineup_search_page_get_search_id (f->page), >, first_search);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_page_get_candidates (f->page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f->page, "result_stack"))),
                   ==, "no-hit");
  search = json_of (lineup_db_search_get_sync (db, f->user, lineup_search_page_get_search_id (f->page),
                                      &error), lineup_search_to_json);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (search), "no_hit"));
  screenshot (f, "search-no-hit.png");
}

typedef struct
{
  gboolean  done;
  char     *path;
  GError   *error;
} ExportWait;

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportWait *w = user_data;

  w->path = lineup_case_export_finish (result, &w->error);
  w->done = TRUE;
}

static gboolean
export_finished (gpointer data)
{
  return ((ExportWait *)data)->done;
}

/* The Export menu's work, minus the file chooser: the lead report of this
 * very case, written off the main thread, renders with poppler. */
static void
run_export (Fixture *f)
{
  g_autofree char *dir = g_dir_make_tmp ("lineup-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (pdf);
  const char *number = lineup_search_page_get_case_number (f->page);
  ExportWait w = { 0 };
  int status = -1;

  lineup_case_export_async (lineup_application_get_db (f->app), f->user, lineup_application_get_data_dir (f->app),
                            number, LINEUP_CASE_EXPORT_REPORT, target, NULL, export_done, &w);
  gui_spin_until (export_finished, &w, "the lead report");
  g_assert_no_error (w.error);
  g_assert_cmpstr (w.path, ==, pdf);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                                 &status, NULL));
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (text, number));
  g_assert_nonnull (strstr (text, "not a positive identification"));
  g_assert_nonnull (strstr (text, "No hit"));
  {
    const char *argv[] = { "pdftoppm", "-r", "30", "-png", pdf, prefix, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                 &status, NULL));
    g_assert_cmpint (status, ==, 0);
  }
  g_free (w.path);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
run_checks (Fixture *f)
{
  run_case_gate (f);
  run_probe (f);
  run_search (f);
  run_blind_and_decide (f);
  check_records (f);
  run_no_hit (f);
  run_export (f);
}

static void
on_startup (gpointer data)
{
  Fixture *f = data;
  LineupDb *db = lineup_application_get_db (f->app);
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  g_assert_true (lineup_db_open_sync (db, NULL, &error));
  g_assert_no_error (error);
  f->user = lineup_db_user_init_sync (db, "jdoe", "Jane Doe", "correct horse battery",
                                      LINEUP_ROLE_CLERK | LINEUP_ROLE_DETECTIVE, &error);
  g_assert_no_error (error);
  make_gallery (f);
  import_gallery (f);
  lineup_application_set_user (f->app, f->user);

  /* Our own window holding only the page: the activate handler presents
   * it instead of making the main window. */
  window = adw_application_window_new (GTK_APPLICATION (f->app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1060, 780);
  f->page = LINEUP_SEARCH_PAGE (lineup_search_page_new (lineup_application_get_session (f->app)));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (f->page));
  f->window = GTK_WINDOW (window);
}

static void
run_test (gpointer data)
{
  Fixture *f = data;

  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (f->app)) == f->window);
  run_checks (f);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *sub = g_build_filename (path, name, NULL);

      if (g_file_test (sub, G_FILE_TEST_IS_DIR) && !g_file_test (sub, G_FILE_TEST_IS_SYMLINK))
        rm_rf (sub);
      else
        g_unlink (sub);
    }
  g_rmdir (path);
}

static void
test_search_page (void)
{
  Fixture f = { 0 };
  g_autofree char *root = NULL;

  f.app = gui_app_new ("gui-search", &f.data_dir);
  root = g_path_get_dirname (f.data_dir);
  f.gallery_dir = g_build_filename (root, "gallery", NULL);
  gui_run_app (f.app, on_startup, run_test, &f);
  g_assert_nonnull (f.page);

  g_clear_object (&f.user);
  g_clear_object (&f.app);
  rm_rf (root);
  g_free (f.probe_path);
  g_free (f.gallery_dir);
  g_free (f.data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/search-page", test_search_page);
  return g_test_run ();
}
