/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-review.c: the supervisor's review page and the audit page,
 * driven through their widgets in the real application.
 *
 * The data is set up through the core API (accounts, an import of LFW
 * photos, a case with an edited probe, a search and a possible lead), then a
 * supervisor reviews the lead blind-first and approves it, meets her own
 * decision (which she may not review), and reads the audit log.
 *
 * Run under xvfb-run (see tests/meson.build). LINEUP_SCREENSHOT_DIR chooses
 * where review.png and audit.png go.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "gui-util.h"
#include "lineup-audit-item.h"
#include "lineup-audit-page.h"
#include "lineup-compare-view.h"
#include "lineup-review-page.h"

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

#define CASE_A   "2024-0117"
#define CASE_B   "2024-0118"
#define NOTE_A   "Scar above the left eyebrow and the hairline match the CCTV still."
#define COMMENT  "Agree: same hairline and scar. Approved as a lead for follow-up enquiries only."

typedef struct
{
  LineupApplication *app;
  LineupDb          *db;
  char              *data_dir;
  char              *faces;
  LineupUser        *admin;
  LineupUser        *detective;
  LineupUser        *supervisor;
  LineupUser        *supervisor2;
  GtkWindow         *window;
  GtkStack          *pages;
  LineupReviewPage  *review;
  LineupAuditPage   *audit;
  char              *shown_page;     /* last win.open-object target, "type:key" */
  char              *clipboard;
} Fixture;

/* helpers */

static GtkWidget *
review_child (Fixture    *f,
              const char *name)
{
  return gui_child (f->review, LINEUP_TYPE_REVIEW_PAGE, name);
}

static GtkWidget *
audit_child (Fixture    *f,
             const char *name)
{
  return gui_child (f->audit, LINEUP_TYPE_AUDIT_PAGE, name);
}

/* Every text a label under widget shows (hidden stack pages included, so
 * "not shown" really means "not there"). */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

/* setup through the core */

static gboolean
import_finished (gpointer data)
{
  return GPOINTER_TO_INT (g_object_get_data (data, "finished")) != 0;
}

static void
import_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_import_run_finish (LINEUP_IMPORT (source), result, &error));
  g_assert_no_error (error);
  g_object_set_data (source, "finished", GINT_TO_POINTER (1));
}

/* A folder per person of symlinks to their first LFW photo. */
static void
import_gallery (Fixture *f)
{
  const char *people[] = { "Aaron_Peirsol", "Aaron_Sorkin", "Al_Gore", "Adam_Sandler",
                           "Alec_Baldwin" };
  g_autofree char *folder = g_build_filename (f->data_dir, "..",
                                              "review-import", NULL);
  g_autoptr(LineupImport) import = NULL;
  g_autoptr(GError) error = NULL;
  LineupDetectOptions options;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *dir = g_build_filename (folder, people[i], NULL);
      g_autofree char *name = g_strdup_printf ("%s_0001.jpg", people[i]);
      g_autofree char *target = g_build_filename (f->faces, "lfw-devtrain", people[i], name, NULL);
      g_autofree char *link = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_cmpint (symlink (target, link), ==, 0);
    }
  import = lineup_import_new (f->db, f->data_dir, folder);
  lineup_import_set_user (import, f->admin);
  lineup_import_set_workers (import, 1);
  lineup_detect_options_init_default (&options);
  lineup_import_set_options (import, &options);
  lineup_import_run_async (import, NULL, import_ready, NULL);
  gui_spin_until (import_finished, import, "the import");
  g_assert_cmpuint (lineup_import_get_imported (import), ==, G_N_ELEMENTS (people));
}

static const char *
search_offence (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) offences = lineup_db_offences_list_sync (f->db, &error);
  JsonArray *array;

  g_assert_no_error (error);
  array = json_node_get_array (offences);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (json_object_get_boolean_member (o, "search_allowed"))
        return g_intern_string (json_object_get_string_member (o, "code"));
    }
  g_error ("no offence allows a search");
}

/* A case, a probe with two edits, a search on the edited probe, and a
 * possible lead on the first candidate, all by actor. Returns the
 * candidate's subject label. */
static char *
make_lead (Fixture    *f,
           LineupUser *actor,
           const char *case_number,
           const char *photo,
           const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->faces, "lfw-devtrain", photo, NULL);
  g_autoptr(LineupImage) image = lineup_image_new_from_file (path, 0, &error);
  g_autoptr(JsonNode) kase = NULL;
  g_autoptr(JsonNode) probe = NULL;
  g_autoptr(JsonNode) search = NULL;
  g_autoptr(JsonNode) decision = NULL;
  g_autoptr(JsonObject) crop = json_object_new ();
  g_autoptr(JsonObject) light = json_object_new ();
  g_autoptr(JsonArray) steps = json_array_new ();
  g_autoptr(LineupImage) edited = NULL;
  g_autoptr(LineupEngine) engine = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  LineupDetectOptions options;
  LineupSearchRequest request = { 0 };
  JsonObject *candidate;
  gint64 probe_id, seq;

  g_assert_no_error (error);
  kase = json_of (lineup_db_case_new_sync (f->db, actor, case_number, search_offence (f),
                                  "Robbery at a petrol station; suspect seen on CCTV", &error), lineup_case_to_json);
  g_assert_no_error (error);
  probe = json_of (lineup_db_probe_add_sync (f->db, actor, f->data_dir, case_number,
                                    LINEUP_SOURCE_SURVEILLANCE, image, &error), lineup_probe_record_to_json);
  g_assert_no_error (error);
  probe_id = json_object_get_int_member (json_node_get_object (probe), "id");

  json_object_set_int_member (crop, "x", 30);
  json_object_set_int_member (crop, "y", 20);
  json_object_set_int_member (crop, "width", 190);
  json_object_set_int_member (crop, "height", 210);
  seq = lineup_db_probe_edit_sync (f->db, actor, probe_id, "crop", crop, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 1);
  json_object_set_int_member (light, "brightness", 12);
  json_object_set_double_member (light, "contrast", 1.15);
  seq = lineup_db_probe_edit_sync (f->db, actor, probe_id, "brightness_contrast", light, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 2);

  /* The search runs on the probe as edited. */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *step = json_object_new ();
      json_object_set_string_member (step, "op", i == 0 ? "crop" : "brightness_contrast");
      json_object_set_object_member (step, "params", json_object_ref (i == 0 ? crop : light));
      json_array_add_object_element (steps, step);
    }
  edited = lineup_probe_apply_edits (image, steps, &error);
  g_assert_no_error (error);
  engine = lineup_engine_new (NULL, &error);
  g_assert_no_error (error);
  lineup_detect_options_init_default (&options);
  faces = lineup_engine_detect (engine, edited, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, >, 0);

  request.case_number = (char *)case_number;
  request.probe_id = probe_id;
  request.edit_seq = seq;
  request.face = lineup_faces_nearest_center (faces, lineup_image_get_width (edited),
                                              lineup_image_get_height (edited));
  request.model_sha256 = lineup_engine_get_model_sha256 (engine);
  search = json_of (lineup_db_search_sync (f->db, actor, &request, &error), lineup_search_to_json);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (search), "no_hit"));
  candidate = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (search), "candidates"), 0);

  decision = json_of (lineup_db_decide_sync (f->db, actor,
                                    json_object_get_int_member (json_node_get_object (search),
                                                                "search_id"),
                                    json_object_get_int_member (candidate, "rank"),
                                    LINEUP_DECISION_POSSIBLE_LEAD, note, &error), lineup_decision_to_json);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (
    json_object_get_object_member (candidate, "subject"), "label"));
}

static void
setup_data (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_db_open_sync (f->db, NULL, &error));
  g_assert_no_error (error);
  f->admin = lineup_db_user_init_sync (f->db, "admin", "Ada Admin", "admin-passphrase-1",
                                       LINEUP_ROLE_CLERK, &error);
  g_assert_no_error (error);
  f->detective = lineup_db_user_add_sync (f->db, f->admin, "dana", "Dana Detective",
                                          LINEUP_ROLE_DETECTIVE, "detective-passphrase-1", &error);
  g_assert_no_error (error);
  f->supervisor = lineup_db_user_add_sync (f->db, f->admin, "sam", "Sam Supervisor",
                                           LINEUP_ROLE_SUPERVISOR, "supervisor-passphrase-1",
                                           &error);
  g_assert_no_error (error);
  f->supervisor2 = lineup_db_user_add_sync (f->db, f->admin, "sue", "Sue Supervisor",
                                            LINEUP_ROLE_SUPERVISOR, "supervisor-passphrase-2",
                                            &error);
  g_assert_no_error (error);
  import_gallery (f);
}

/* the review page */

static gboolean
review_settled (gpointer data)
{
  Fixture *f = data;
  guint want = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (f->review), "want"));

  return !lineup_review_page_get_loading (f->review)
         && g_list_model_get_n_items (lineup_review_page_get_model (f->review)) == want;
}

static void
wait_for_queue (Fixture *f,
                guint    n)
{
  g_object_set_data (G_OBJECT (f->review), "want", GUINT_TO_POINTER (n));
  gui_spin_until (review_settled, f, "the review queue");
}

static gboolean
pictures_loaded (gpointer data)
{
  Fixture *f = data;

  return lineup_compare_view_has_images (LINEUP_COMPARE_VIEW (review_child (f, "compare")));
}

static char *
page_text (gpointer page)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (page), out);
  return g_string_free (out, FALSE);
}

static gboolean
details_shown (gpointer data)
{
  GtkStack *stack = GTK_STACK (review_child (data, "details_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "shown") == 0;
}

static gboolean
error_shown (gpointer data)
{
  return gtk_widget_get_visible (review_child (data, "error_label"));
}

static gint64
count_actions (Fixture    *f,
               const char *prefix,
               const char *user,
               JsonNode  **out)
{
  g_autoptr(GError) error = NULL;
  LineupAuditFilter filter = { 0 };
  JsonNode *list;
  gint64 n;

  filter.action = g_strdup (prefix);
  filter.user = g_strdup (user);
  list = lineup_db_audit_list_sync (f->db, f->supervisor, &filter, &error);
  lineup_audit_filter_clear (&filter);
  g_assert_no_error (error);
  n = json_array_get_length (json_node_get_array (list));
  if (out)
    *out = list;
  else
    json_node_unref (list);
  return n;
}

static const char *
case_status (Fixture    *f,
             const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) cases = json_of (lineup_db_case_list_sync (f->db, f->supervisor, &error), lineup_case_list_to_json);
  JsonArray *array;

  g_assert_no_error (error);
  array = json_node_get_array (cases);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member (o, "number"), number) == 0)
        return g_intern_string (json_object_get_string_member (o, "status"));
    }
  g_error ("case %s not listed", number);
}

static void
run_review (Fixture *f)
{
  g_autofree char *label = make_lead (f, f->detective, CASE_A,
                                      "Aaron_Peirsol/Aaron_Peirsol_0002.jpg", NOTE_A);
  GtkWidget *approve = review_child (f, "approve_button");
  GtkWidget *reject = review_child (f, "reject_button");
  GtkTextBuffer *comment = gtk_text_view_get_buffer (GTK_TEXT_VIEW (review_child (f, "note_view")));
  g_autoptr(LineupQueueEntry) item = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) viewed = NULL;
  JsonArray *views;
  gint64 reviews_before = count_actions (f, "review", NULL, NULL);

  g_assert_cmpstr (label, ==, "Aaron_Peirsol");
  g_assert_cmpstr (case_status (f, CASE_A), !=, "lead_approved");

  /* The supervisor signs in: the page follows the application's user. */
  lineup_application_set_user (f->app, f->supervisor);
  gtk_stack_set_visible_child_name (f->pages, "review");
  wait_for_queue (f, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (review_child (f, "stack"))), ==,
                   "queue");
  item = g_list_model_get_item (lineup_review_page_get_model (f->review), 0);
  g_assert_cmpstr (lineup_queue_entry_get_case_number (item), ==, CASE_A);
  g_assert_false (lineup_queue_entry_get_own (item));

  /* The statement is on the page. */
  text = page_text (f->review);
  g_assert_nonnull (strstr (text, "investigative lead, not a positive identification"));

  /* Blind: open the lead; the faces load, the details are nowhere. */
  lineup_review_page_select (f->review, 0);
  gui_spin_until (pictures_loaded, f, "the probe and candidate images");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (review_child (f, "details_stack"))),
                   ==, "hidden");
  g_free (text);
  text = page_text (f->review);
  g_assert_null (strstr (text, NOTE_A));
  g_assert_null (strstr (text, label));
  g_assert_null (strstr (text, "similarity"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (review_child (f, "probe_caption"))),
                            "2 edits"));
  g_assert_false (gtk_widget_is_sensitive (approve));
  g_assert_false (gtk_widget_is_sensitive (reject));
  g_assert_true (gtk_widget_is_sensitive (review_child (f, "reveal_button")));

  gui_spin_frames (10);
  gui_screenshot (GTK_WIDGET (f->window), "review-blind.png");

  /* Reveal: now the note, the name and the score are there. */
  /* A button's "activate" presses it, and clicks a moment later. */
  gtk_widget_activate (review_child (f, "reveal_button"));
  gui_spin_until (details_shown, f, "the revealed details");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (review_child (f, "details_stack"))),
                   ==, "shown");
  g_free (text);
  text = page_text (f->review);
  g_assert_nonnull (strstr (text, NOTE_A));
  g_assert_nonnull (strstr (text, label));
  g_assert_false (gtk_widget_is_sensitive (review_child (f, "reveal_button")));

  /* The views were audited: blind first, then revealed. */
  g_assert_cmpint (count_actions (f, "candidate", "sam", &viewed), >=, 2);
  views = json_node_get_array (viewed);
  {
    guint n = json_array_get_length (views);
    JsonObject *first = json_object_get_object_member (json_array_get_object_element (views, n - 2),
                                                       "details");
    JsonObject *last = json_object_get_object_member (json_array_get_object_element (views, n - 1),
                                                      "details");
    /* Audit details are flat strings. */
    g_assert_cmpstr (json_object_get_string_member (first, "blind"), ==, "true");
    g_assert_cmpstr (json_object_get_string_member (last, "blind"), ==, "false");
  }

  /* A comment is required; whitespace is not one. */
  gtk_text_buffer_set_text (comment, "   ", -1);
  g_assert_false (gtk_widget_is_sensitive (approve));
  gtk_text_buffer_set_text (comment, COMMENT, -1);
  g_assert_true (gtk_widget_is_sensitive (approve));
  g_assert_true (gtk_widget_is_sensitive (reject));
  g_assert_false (gtk_widget_get_visible (review_child (f, "own_label")));

  gui_spin_frames (25);
  gui_screenshot (GTK_WIDGET (f->window), "review.png");

  /* Approve through the button: the lead leaves the queue. */
  gtk_widget_activate (approve);
  wait_for_queue (f, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (review_child (f, "stack"))), ==,
                   "empty");
  g_assert_cmpstr (case_status (f, CASE_A), ==, "lead_approved");
  g_assert_cmpint (count_actions (f, "review", NULL, NULL), >, reviews_before);
  g_assert_cmpint (count_actions (f, "review", "sam", NULL), >=, 1);
  gui_spin_frames (10);
  gui_screenshot (GTK_WIDGET (f->window), "review-empty.png");
}

/* Her own possible lead: listed, marked, not reviewable by her. */
static void
run_own_decision (Fixture *f)
{
  g_autofree char *label = make_lead (f, f->supervisor, CASE_B,
                                      "Aaron_Sorkin/Aaron_Sorkin_0002.jpg",
                                      "Checked against the booking photo myself.");
  GtkWidget *approve = review_child (f, "approve_button");
  GtkTextBuffer *comment = gtk_text_view_get_buffer (GTK_TEXT_VIEW (review_child (f, "note_view")));
  g_autoptr(LineupQueueEntry) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) refused = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->review), "review.refresh", NULL));
  wait_for_queue (f, 1);
  item = g_list_model_get_item (lineup_review_page_get_model (f->review), 0);
  g_assert_cmpstr (lineup_queue_entry_get_case_number (item), ==, CASE_B);
  g_assert_true (lineup_queue_entry_get_own (item));
  lineup_review_page_select (f->review, 0);
  gui_spin_until (pictures_loaded, f, "the images of her own lead");
  gtk_text_buffer_set_text (comment, "Looks right to me.", -1);
  g_assert_false (gtk_widget_is_sensitive (approve));
  g_assert_false (gtk_widget_is_sensitive (review_child (f, "reject_button")));
  g_assert_true (gtk_widget_get_visible (review_child (f, "own_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (review_child (f, "own_label"))), ==,
                   "You cannot review your own decision");
  /* The action is off too, not only the button. */
  gtk_widget_activate_action (GTK_WIDGET (f->review), "review.approve", NULL);
  gui_spin_frames (10);
  g_assert_false (lineup_review_page_get_loading (f->review));
  g_assert_cmpuint (g_list_model_get_n_items (lineup_review_page_get_model (f->review)), ==, 1);

  /* The core refuses it on its own. */
  refused = json_of (lineup_db_review_sync (f->db, f->supervisor,
                                   lineup_decision_get_id (lineup_queue_entry_get_decision (item)), TRUE,
                                   "Looks right to me.", &error), lineup_review_to_json);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_test_message ("core refuses own review: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpstr (case_status (f, CASE_B), !=, "lead_approved");

  /* The detective cannot review at all: the page says so. */
  lineup_application_set_user (f->app, f->detective);
  gui_spin_frames (2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (review_child (f, "stack"))), ==,
                   "denied");
  g_assert_cmpuint (g_list_model_get_n_items (lineup_review_page_get_model (f->review)), ==, 0);

  /* Another supervisor may review it, but the core has the last word: her
   * account is disabled while the lead is open, and the page shows why the
   * review was refused. */
  lineup_application_set_user (f->app, f->supervisor2);
  wait_for_queue (f, 1);
  g_clear_object (&item);
  item = g_list_model_get_item (lineup_review_page_get_model (f->review), 0);
  g_assert_false (lineup_queue_entry_get_own (item));
  lineup_review_page_select (f->review, 0);
  gui_spin_until (pictures_loaded, f, "the images for the second supervisor");
  gtk_text_buffer_set_text (comment, "Agree with the detective.", -1);
  g_assert_true (gtk_widget_is_sensitive (approve));
  g_assert_false (gtk_widget_get_visible (review_child (f, "own_label")));
  g_assert_true (lineup_db_user_disable_sync (f->db, f->admin, "sue", TRUE, &error));
  g_assert_no_error (error);
  gtk_widget_activate (approve);
  gui_spin_until (error_shown, f, "the core's refusal");
  g_test_message ("refusal shown: %s",
                  gtk_label_get_text (GTK_LABEL (review_child (f, "error_label"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (review_child (f, "error_label"))),
                            "disabled"));
  g_assert_cmpuint (g_list_model_get_n_items (lineup_review_page_get_model (f->review)), ==, 1);
  g_assert_cmpstr (case_status (f, CASE_B), !=, "lead_approved");

  lineup_application_set_user (f->app, f->supervisor);
  wait_for_queue (f, 1);
}

/* the audit page */

static gboolean
audit_settled (gpointer data)
{
  Fixture *f = data;

  return !lineup_audit_page_get_loading (f->audit)
         && g_list_model_get_n_items (lineup_audit_page_get_model (f->audit)) > 0;
}

static void
clipboard_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->clipboard = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
clipboard_read (gpointer data)
{
  return ((Fixture *)data)->clipboard != NULL;
}

static gboolean
page_shown (gpointer data)
{
  return ((Fixture *)data)->shown_page != NULL;
}

/* The position of the newest entry about an object type and/or with an
 * action starting with prefix (NULL: any). */
static guint
find_entry (Fixture    *f,
            const char *object_type,
            const char *prefix)
{
  GListModel *model = lineup_audit_page_get_model (f->audit);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LineupAuditItem) item = g_list_model_get_item (model, i);

      if ((object_type == NULL
           || g_str_equal (lineup_audit_item_get_object_type (item), object_type))
          && (prefix == NULL || g_str_has_prefix (lineup_audit_item_get_action (item), prefix)))
        return i;
    }
  g_error ("no %s %s… entry in the audit list", object_type ? object_type : "",
           prefix ? prefix : "");
}

static void
export_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_audit_page_export_finish (LINEUP_AUDIT_PAGE (source), result, &error));
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (f->audit), "exported", GINT_TO_POINTER (1));
}

static gboolean
export_finished (gpointer data)
{
  return g_object_get_data (G_OBJECT (((Fixture *)data)->audit), "exported") != NULL;
}

static gboolean
audit_idle (gpointer data)
{
  return !lineup_audit_page_get_loading (((Fixture *)data)->audit);
}

static void
run_audit (Fixture *f)
{
  GListModel *model = lineup_audit_page_get_model (f->audit);
  GtkDropDown *actions = GTK_DROP_DOWN (audit_child (f, "action_dropdown"));
  GListModel *action_names = gtk_drop_down_get_model (actions);
  GtkLabel *chain = GTK_LABEL (audit_child (f, "chain_label"));
  GtkLabel *filter_error = GTK_LABEL (audit_child (f, "filter_error_label"));
  g_auto(GStrv) head = NULL;
  guint n_all, review_pos = GTK_INVALID_LIST_POSITION;

  gtk_stack_set_visible_child_name (f->pages, "audit");
  gui_spin_until (audit_settled, f, "the audit list");
  n_all = g_list_model_get_n_items (model);
  g_test_message ("audit: %u entries; %s", n_all, gtk_label_get_text (chain));
  g_assert_cmpuint (n_all, >, 10);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (chain), "Audit log intact: "));
  g_assert_nonnull (strstr (gtk_label_get_text (chain), ", head "));

  /* Filter on the "review" action family through the dropdown. */
  for (guint i = 0; i < g_list_model_get_n_items (action_names); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (action_names, i);
      if (g_str_equal (gtk_string_object_get_string (s), "review"))
        review_pos = i;
    }
  g_assert_cmpuint (review_pos, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (actions, review_pos);
  gui_spin_until (audit_settled, f, "the filtered audit list");
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LineupAuditItem) item = g_list_model_get_item (model, i);
      g_assert_true (g_str_has_prefix (lineup_audit_item_get_action (item), "review"));
    }

  /* Export what is shown, and read it back. */
  {
    g_autofree char *path = g_build_filename (f->data_dir, "..", "audit-export.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root, *chain_o;
    JsonArray *entries;

    lineup_audit_page_export_async (f->audit, file, NULL, export_ready, f);
    gui_spin_until (export_finished, f, "the export");
    g_assert_true (json_parser_load_from_file (parser, path, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "exported_by"), ==, "sam");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (root, "filter"), "action"), ==, "review");
    entries = json_object_get_array_member (root, "entries");
    g_assert_cmpuint (json_array_get_length (entries), ==, g_list_model_get_n_items (model));
    for (guint i = 0; i < json_array_get_length (entries); i++)
      g_assert_true (g_str_has_prefix (json_object_get_string_member (
                                         json_array_get_object_element (entries, i), "action"),
                                       "review"));
    chain_o = json_object_get_object_member (root, "chain");
    g_assert_true (json_object_get_boolean_member (chain_o, "intact"));
    g_assert_cmpuint (strlen (json_object_get_string_member (chain_o, "head_hash")), ==, 64);
  }

  /* A malformed date is refused with a message; the list stays. */
  gtk_editable_set_text (GTK_EDITABLE (audit_child (f, "since_entry")), "2024-13-40");
  gtk_widget_activate_action (GTK_WIDGET (f->audit), "audit.apply", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (filter_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (filter_error), "YYYY-MM-DD"));
  /* A range in the future leaves nothing. */
  gtk_editable_set_text (GTK_EDITABLE (audit_child (f, "since_entry")), "2999-01-01");
  gtk_widget_activate_action (GTK_WIDGET (f->audit), "audit.apply", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (filter_error)));
  gui_spin_until (audit_idle, f, "the empty audit list");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (audit_child (f, "list_stack"))),
                   ==, "empty");

  /* Back to everything; a case entry's Open button navigates. */
  gtk_widget_activate_action (GTK_WIDGET (f->audit), "audit.clear", NULL);
  gui_spin_until (audit_settled, f, "the unfiltered audit list");
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, n_all);
  lineup_audit_page_show_entry (f->audit, find_entry (f, "case", NULL));
  g_assert_true (gtk_widget_get_visible (audit_child (f, "open_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->audit), "audit.open", NULL));
  gui_spin_until (page_shown, f, "win.open-object");
  g_assert_true (g_str_has_prefix (f->shown_page, "case:2024-011"));

  /* The screenshot: the whole log with a review entry opened. */
  lineup_audit_page_show_entry (f->audit, find_entry (f, NULL, "review."));
  gui_spin_frames (25);
  gui_screenshot (GTK_WIDGET (f->window), "audit.png");

  /* The chain head goes to the clipboard as "seq hash ts". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->audit), "audit.copy-head", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->audit)), NULL,
                                 clipboard_ready, f);
  gui_spin_until (clipboard_read, f, "the clipboard");
  head = g_strsplit (f->clipboard, " ", -1);
  g_assert_cmpuint (g_strv_length (head), ==, 3);
  g_assert_cmpint (g_ascii_strtoll (head[0], NULL, 10), >, 10);
  g_assert_cmpuint (strlen (head[1]), ==, 64);
  {
    g_autofree char *prefix = g_strndup (head[1], 16);
    g_assert_nonnull (strstr (gtk_label_get_text (chain), prefix));
  }

}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  Fixture *f = user_data;
  const char *type, *key;

  g_variant_get (param, "(&s&s)", &type, &key);
  g_free (f->shown_page);
  f->shown_page = g_strdup_printf ("%s:%s", type, key);
}

static void
run_checks (Fixture *f)
{
  g_autoptr(GSimpleAction) show_page = g_simple_action_new ("open-object", G_VARIANT_TYPE ("(ss)"));

  f->db = lineup_application_get_db (f->app);
  setup_data (f);

  f->window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (f->app)));
  gtk_window_set_title (f->window, "Lineup");
  gtk_window_set_default_size (f->window, 1280, 800);
  g_signal_connect (show_page, "activate", G_CALLBACK (show_page_activated), f);
  g_action_map_add_action (G_ACTION_MAP (f->window), G_ACTION (show_page));
  f->pages = GTK_STACK (gtk_stack_new ());
  f->review = LINEUP_REVIEW_PAGE (lineup_review_page_new (lineup_application_get_session (f->app)));
  f->audit = LINEUP_AUDIT_PAGE (lineup_audit_page_new (lineup_application_get_session (f->app)));
  gtk_stack_add_named (f->pages, GTK_WIDGET (f->review), "review");
  gtk_stack_add_named (f->pages, GTK_WIDGET (f->audit), "audit");
  gtk_window_set_child (f->window, GTK_WIDGET (f->pages));
  {
    GtkWidget *header = adw_header_bar_new ();
    gtk_window_set_titlebar (f->window, header);
  }
  gtk_window_present (f->window);
  gui_spin_frames (5);

  /* Nobody signed in yet: both pages say so. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (review_child (f, "stack"))), ==,
                   "denied");

  run_review (f);
  run_own_decision (f);
  run_audit (f);
  gtk_window_destroy (f->window);
}

static void
run_test (gpointer data)
{
  Fixture *f = data;
  GtkWindow *main_window = gtk_application_get_active_window (GTK_APPLICATION (f->app));

  /* The pages are tested in a window of their own. */
  if (main_window != NULL)
    gtk_widget_set_visible (GTK_WIDGET (main_window), FALSE);
  run_checks (f);
}

static void
test_review_and_audit (void)
{
  Fixture f = { 0 };
  const char *faces = g_getenv ("LINEUP_FACES_DIR");

  if (faces == NULL || !g_file_test (faces, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("LINEUP_FACES_DIR is not set");
      return;
    }
  f.faces = g_strdup (faces);
  f.app = gui_app_new ("review", &f.data_dir);
  gui_run_app (f.app, NULL, run_test, &f);
  g_assert_nonnull (f.shown_page);

  g_clear_object (&f.admin);
  g_clear_object (&f.detective);
  g_clear_object (&f.supervisor);
  g_clear_object (&f.supervisor2);
  g_clear_object (&f.app);
  g_free (f.shown_page);
  g_free (f.clipboard);
  g_free (f.data_dir);
  g_free (f.faces);
}

/* The compare view says so when a booking photo it was asked to load does
 * not load: in its pane and through candidate-failed, which the review
 * page lists under the pictures; a superseded load says nothing. */
static void
candidate_failed_cb (LineupCompareView *view,
                     const char        *message,
                     gpointer           data)
{
  char **out = data;

  g_free (*out);
  *out = g_strdup (message);
}

static gboolean
have_message (gpointer data)
{
  return *(char **)data != NULL;
}

static void
test_compare_view_candidate_failed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lineup-compare-XXXXXX", NULL);
  g_autofree char *message = NULL;
  GtkWidget       *view;
  GtkWidget       *status;

  adw_init ();
  g_assert_nonnull (dir);
  view = g_object_ref_sink (lineup_compare_view_new ());
  status = gui_child (view, LINEUP_TYPE_COMPARE_VIEW, "candidate_status");
  g_signal_connect (view, "candidate-failed", G_CALLBACK (candidate_failed_cb), &message);

  lineup_compare_view_load_candidate (LINEUP_COMPARE_VIEW (view), dir, "00ff00ff", NULL, NULL);
  gui_spin_until (have_message, &message, "the missing booking photo's failure");
  g_test_message ("candidate-failed: %s", message);
  g_assert_cmpstr (message, !=, "");
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, message);
  g_assert_false (lineup_compare_view_has_images (LINEUP_COMPARE_VIEW (view)));

  g_clear_pointer (&message, g_free);
  lineup_compare_view_load_candidate (LINEUP_COMPARE_VIEW (view), dir, "00ff00ff", NULL, NULL);
  lineup_compare_view_set_candidate (LINEUP_COMPARE_VIEW (view), NULL, 0, 0, NULL, NULL);
  gui_spin_frames (25);
  g_assert_null (message);

  g_object_unref (view);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/compare-view-candidate-failed", test_compare_view_candidate_failed);
  g_test_add_func ("/gui/review-and-audit", test_review_and_audit);
  return g_test_run ();
}
