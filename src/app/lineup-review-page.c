/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-review-page.c: the supervisor's review of possible leads.
 *
 * Blind first: a lead opens with only the two faces side by side; the
 * candidate's name and booking, the scores and the detective's note appear
 * when the supervisor asks for them, and both views are audited. Nobody
 * reviews their own decision (the core refuses it too). */
#define G_LOG_DOMAIN "lineup-review"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-json-item.h"
#include "lineup-compare-view.h"
#include "lineup-decision-panel.h"
#include "lineup-review-page.h"

struct _LineupReviewPage
{
  GtkWidget parent_instance;

  LineupSession *session;         /* construct-only */
  GSignalGroup  *session_signals; /* its "notify::user" */

  LineupUser         *user;
  GListStore         *items;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;       /* queue query */
  GCancellable       *image_cancellable; /* the shown lead's images */
  LineupJsonItem     *shown;
  gboolean            revealed;
  gboolean            loading;
  gboolean            reviewing;
  gboolean            restoring;

  AdwToastOverlay     *toasts;
  GtkLabel            *statement_label;
  GtkStack            *stack;
  AdwStatusPage       *denied_page;
  GtkSpinner          *spinner;
  GtkListView         *list;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  LineupCompareView   *compare;
  GtkLabel            *probe_caption;
  GtkLabel            *candidate_caption;
  GtkLabel            *image_error_label;
  GtkStack            *details_stack;
  AdwActionRow        *candidate_row;
  AdwActionRow        *score_row;
  AdwActionRow        *note_row;
  GtkButton           *reveal_button;
  LineupDecisionPanel *review_panel;
  GtkLabel            *own_label;
  GtkLabel            *error_label;
  GtkButton           *approve_button;
  GtkButton           *reject_button;

  char *probe_problem; /* why a picture did not load */
  char *candidate_problem;
};

G_DEFINE_FINAL_TYPE (LineupReviewPage, lineup_review_page, GTK_TYPE_WIDGET)

/* A queue entry; its title and subtitle are only what the blind view may
 * show: no candidate, no score. */
static LineupJsonItem *
review_item_new (JsonObject *o)
{
  g_autofree char *title = g_strdup_printf (_("Case %s"), lineup_json_get_string (o, "case"));
  g_autofree char *subtitle = g_strdup_printf (
    _("%s · by %s"), json_object_get_string_member_with_default (o, "offence", ""),
    json_object_get_string_member_with_default (o, "author", "?"));

  return lineup_json_item_new (o, title, subtitle);
}

/* When the possible lead was recorded, local time to the minute. */
static char *
decided_at (LineupJsonItem *item)
{
  return lineup_app_format_time (lineup_json_item_get_string (item, "created_at"),
                                 "%Y-%m-%d %H:%M");
}

static void
update_actions (LineupReviewPage *self)
{
  g_autofree char *comment = lineup_decision_panel_dup_note (self->review_panel);
  gboolean         can_review = self->shown != NULL && self->user != NULL && !self->reviewing && lineup_user_can (self->user, LINEUP_PERMISSION_REVIEW) && !lineup_json_item_get_boolean (self->shown, "own");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve",
                                 can_review && *comment != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reject",
                                 can_review && *comment != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reveal",
                                 self->shown != NULL && !self->revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.refresh", !self->loading);
}

/* detail: images */

/* Shared (reference counted) by the probe's and the booking photo's loads. */
typedef struct
{
  LineupDb     *db;
  LineupUser   *user;
  GCancellable *cancellable;
  char         *data_dir;
  char         *case_number;
  gint64        search_id;
  gint64        edit_seq;
  char         *probe_sha256;
  char         *photo_sha256;
  LineupBox     probe_box; /* the searched face, in the edited probe's pixels */
  gboolean      has_probe_box;
  float         probe_landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
  gboolean      has_probe_landmarks;
  LineupBox     candidate_box; /* the booking face, in its photo's pixels */
  gboolean      has_candidate_box;
  float         candidate_landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
  gboolean      has_candidate_landmarks;
  JsonArray    *steps; /* NULL: the original, unedited */
  guint         n_edits;
  char         *edit_ops;
} ImageRequest;

static void
image_request_clear (ImageRequest *r)
{
  g_clear_object (&r->db);
  g_clear_object (&r->user);
  g_clear_object (&r->cancellable);
  g_free (r->data_dir);
  g_free (r->case_number);
  g_free (r->probe_sha256);
  g_free (r->photo_sha256);
  g_clear_pointer (&r->steps, json_array_unref);
  g_free (r->edit_ops);
}

static void
image_request_unref (ImageRequest *r)
{
  g_atomic_rc_box_release_full (r, (GDestroyNotify)image_request_clear);
}

/* A page and one of its requests, for a load that ends in a callback. */
typedef struct
{
  LineupReviewPage *self;
  ImageRequest     *request;
} PendingLoad;

static PendingLoad *
pending_load_new (LineupReviewPage *self,
                  ImageRequest     *r)
{
  PendingLoad *p = g_new0 (PendingLoad, 1);

  p->self = g_object_ref (self);
  p->request = g_atomic_rc_box_acquire (r);
  return p;
}

static void
pending_load_free (PendingLoad *p)
{
  g_object_unref (p->self);
  image_request_unref (p->request);
  g_free (p);
}

/* On the worker: the original, the steps replayed, at full size (the boxes
 * and landmarks are in these pixels, and the view scales for display). */
static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ImageRequest    *r = task_data;
  GError          *error = NULL;
  g_autofree char *path = lineup_probe_store_path (r->data_dir, r->probe_sha256);
  g_autoptr(LineupImage) original = NULL;
  g_autoptr(LineupImage) edited = NULL;
  LineupRgb *rgb;

  original = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  if (original != NULL && r->steps != NULL)
    edited = lineup_probe_apply_edits (original, r->steps, &error);
  if (original == NULL || (r->steps != NULL && edited == NULL))
    {
      g_task_return_error (task, error);
      return;
    }
  rgb = lineup_image_get_rgb (edited ? edited : original, 0, &error);
  if (rgb == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rgb, (GDestroyNotify)lineup_rgb_unref);
}

static void
show_image_problems (LineupReviewPage *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  if (self->probe_problem != NULL)
    g_string_append_printf (problems, _("Probe image: %s"), self->probe_problem);
  if (self->candidate_problem != NULL)
    g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "", self->candidate_problem);
  gtk_label_set_text (self->image_error_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->image_error_label), problems->len > 0);
}

static void
probe_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (source);
  ImageRequest     *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRgb) rgb = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *caption = NULL;

  if (g_cancellable_is_cancelled (r->cancellable))
    return; /* another lead is shown now */
  if (rgb != NULL)
    lineup_compare_view_set_probe (self->compare, rgb->pixels, rgb->width, rgb->height,
                                   r->has_probe_box ? &r->probe_box : NULL,
                                   r->has_probe_landmarks ? r->probe_landmarks : NULL);
  else
    self->probe_problem = g_strdup (error->message);

  if (r->n_edits == 0)
    caption = g_strdup (_("The original image, unedited"));
  else
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The original with %u edit applied: %s",
                                            "The original with %u edits applied: %s",
                                            r->n_edits),
                               r->n_edits, r->edit_ops);
  gtk_label_set_text (self->probe_caption, caption);
  show_image_problems (self);
}

static void
queue_probe (LineupReviewPage *self,
             ImageRequest     *r)
{
  g_autoptr(GTask) task = g_task_new (self, r->cancellable, probe_ready, NULL);

  g_task_set_task_data (task, g_atomic_rc_box_acquire (r), (GDestroyNotify)image_request_unref);
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, probe_thread, task);
}

/* The edit steps that made the searched version of the probe: the search
 * carries them (reading it is audited as a view of that search). */
static JsonArray *
search_steps (LineupSearch *record)
{
  g_autoptr(JsonNode) search = lineup_search_to_json (record);
  JsonObject *root = json_node_get_object (search);

  if (!json_object_has_member (root, "probe_edits"))
    return json_array_new ();
  return json_array_ref (json_object_get_array_member (root, "probe_edits"));
}

static void
steps_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PendingLoad      *p = user_data;
  LineupReviewPage *self = p->self;
  ImageRequest     *r = p->request;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupSearch) record = lineup_db_search_get_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GString) ops = g_string_new (NULL);
  JsonArray *steps;

  if (g_cancellable_is_cancelled (r->cancellable))
    goto out;
  if (record == NULL)
    {
      /* As if the probe failed: nothing to replay. */
      self->probe_problem = g_strdup (error->message);
      gtk_label_set_text (self->probe_caption, _("The original image, unedited"));
      show_image_problems (self);
      goto out;
    }
  steps = search_steps (record);
  r->steps = steps;
  r->n_edits = json_array_get_length (steps);
  for (guint i = 0; i < r->n_edits; i++)
    g_string_append_printf (ops, "%s%s", i ? ", " : "",
                            json_object_get_string_member_with_default (
                              json_array_get_object_element (steps, i), "op", ""));
  r->edit_ops = g_strdelimit (g_string_free (g_steal_pointer (&ops), FALSE), "_", ' ');
  queue_probe (self, r);
out:
  pending_load_free (p);
}

static void
candidate_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PendingLoad      *c = user_data;
  LineupReviewPage *self = c->self;
  ImageRequest     *r = c->request;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRgb) rgb = lineup_image_load_rgb_finish (result, &error);

  if (!g_cancellable_is_cancelled (r->cancellable))
    {
      if (rgb != NULL)
        lineup_compare_view_set_candidate (self->compare, rgb->pixels, rgb->width, rgb->height,
                                           r->has_candidate_box ? &r->candidate_box : NULL,
                                           r->has_candidate_landmarks ? r->candidate_landmarks
                                                                      : NULL);
      else
        {
          self->candidate_problem = g_strdup (error->message);
          lineup_compare_view_set_candidate_status (self->compare, error->message);
          show_image_problems (self);
        }
    }
  pending_load_free (c);
}

/* Both pictures at once: the probe replayed on the worker (after its
 * steps come from the database), the booking photo through the core's
 * loader. */
static void
load_images (LineupReviewPage *self,
             ImageRequest     *r)
{
  g_autofree char *path = lineup_store_path (r->data_dir, r->photo_sha256);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (r->edit_seq > 0)
    lineup_db_search_get_async (r->db, r->user, r->search_id, r->cancellable, steps_ready,
                                pending_load_new (self, r));
  else
    queue_probe (self, r);
  lineup_image_load_rgb_async (file, 0, 0, G_PRIORITY_DEFAULT, r->cancellable, candidate_ready,
                               pending_load_new (self, r));
}

/* detail */

static void
set_candidate_caption (LineupReviewPage *self)
{
  JsonObject      *o = lineup_json_item_get_object (self->shown);
  g_autofree char *text = NULL;

  if (!self->revealed)
    {
      gtk_label_set_text (self->candidate_caption,
                          _("Booking photo · name and booking hidden"));
      return;
    }
  text = g_strdup_printf (_("%s · booking %s"),
                          json_object_get_string_member_with_default (o, "label", "?"),
                          json_object_get_string_member_with_default (o, "booking_number", "?"));
  gtk_label_set_text (self->candidate_caption, text);
}

static void
clear_details (LineupReviewPage *self)
{
  /* Nothing of the hidden details sits in the widget tree while blind. */
  adw_action_row_set_subtitle (self->candidate_row, "");
  adw_action_row_set_subtitle (self->score_row, "");
  adw_action_row_set_subtitle (self->note_row, "");
  gtk_stack_set_visible_child_name (self->details_stack, "hidden");
}

static void
fill_details (LineupReviewPage *self)
{
  JsonObject      *o = lineup_json_item_get_object (self->shown);
  const char      *note = json_object_get_string_member_with_default (o, "note", NULL);
  g_autofree char *score = NULL;
  g_autofree char *who = NULL;

  who = g_strdup_printf (_("%s · booking %s"),
                         json_object_get_string_member_with_default (o, "label", "?"),
                         json_object_get_string_member_with_default (o, "booking_number", "?"));
  adw_action_row_set_subtitle (self->candidate_row, who);
  score = g_strdup_printf (_("Rank %" G_GINT64_FORMAT " · similarity %.2f · distance %.3f"),
                           lineup_json_item_get_int (self->shown, "rank"),
                           json_object_get_double_member_with_default (o, "similarity", 0),
                           json_object_get_double_member_with_default (o, "distance", 0));
  adw_action_row_set_subtitle (self->score_row, score);
  adw_action_row_set_subtitle (self->note_row, note && *note ? note : _("No note"));
  gtk_stack_set_visible_child_name (self->details_stack, "shown");
}

static void
clear_detail (LineupReviewPage *self)
{
  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  g_clear_pointer (&self->probe_problem, g_free);
  g_clear_pointer (&self->candidate_problem, g_free);
  g_clear_object (&self->shown);
  self->revealed = FALSE;
  clear_details (self);
  lineup_decision_panel_clear_note (self->review_panel);
  lineup_app_show_inline_error (self->error_label, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  update_actions (self);
}

static void
show_item (LineupReviewPage *self,
           LineupJsonItem   *item)
{
  JsonObject      *o = lineup_json_item_get_object (item);
  LineupDb        *db = lineup_session_get_db (self->session);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = decided_at (item);
  ImageRequest    *r;

  clear_detail (self);
  if (db == NULL || self->user == NULL)
    return;
  self->shown = g_object_ref (item);

  title = g_strdup_printf (_("Case %s · %s"), lineup_json_item_get_string (item, "case"),
                           json_object_get_string_member_with_default (o, "offence", ""));
  gtk_label_set_text (self->title_label, title);
  subtitle = g_strdup_printf (_("Possible lead recorded by %s on %s"),
                              json_object_get_string_member_with_default (o, "author", "?"), when);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->own_label),
                          lineup_json_item_get_boolean (item, "own"));
  set_candidate_caption (self);
  gtk_label_set_text (self->probe_caption, "");
  gtk_widget_set_visible (GTK_WIDGET (self->image_error_label), FALSE);
  lineup_compare_view_set_probe (self->compare, NULL, 0, 0, NULL, NULL);
  lineup_compare_view_set_candidate (self->compare, NULL, 0, 0, NULL, NULL);
  lineup_compare_view_set_candidate_status (self->compare, _("Loading the booking photo…"));
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  update_actions (self);

  /* The supervisor saw this candidate, with the details hidden. */
  lineup_db_candidate_viewed (db, self->user, lineup_json_item_get_int (item, "search_id"),
                              lineup_json_item_get_int (item, "rank"), TRUE);

  r = g_atomic_rc_box_new0 (ImageRequest);
  r->db = g_object_ref (db);
  r->user = g_object_ref (self->user);
  r->data_dir = g_strdup (lineup_session_get_data_dir (self->session));
  r->case_number = g_strdup (lineup_json_item_get_string (item, "case"));
  r->search_id = lineup_json_item_get_int (item, "search_id");
  r->edit_seq = json_object_get_int_member_with_default (o, "edit_seq", 0);
  r->probe_sha256 = g_strdup (json_object_get_string_member_with_default (o, "probe_sha256", ""));
  r->photo_sha256 = g_strdup (json_object_get_string_member_with_default (o, "photo_sha256", ""));
  {
    JsonObject *face = lineup_json_get_object (o, "probe_face");
    JsonObject *box = lineup_json_get_object (face, "box");
    JsonArray  *pairs = lineup_json_get_array (face, "landmarks");
    JsonArray  *flat = lineup_json_get_array (o, "landmarks");

    r->probe_box.left = lineup_json_get_double (box, "left");
    r->probe_box.top = lineup_json_get_double (box, "top");
    r->probe_box.right = lineup_json_get_double (box, "right");
    r->probe_box.bottom = lineup_json_get_double (box, "bottom");
    r->has_probe_box = r->probe_box.right > r->probe_box.left && r->probe_box.bottom > r->probe_box.top;
    /* The probe's points are [x, y] pairs, the booking face's a flat list. */
    r->has_probe_landmarks = lineup_json_array_length (pairs) == LINEUP_SHIM_N_LANDMARKS;
    for (guint k = 0; r->has_probe_landmarks && k < LINEUP_SHIM_N_LANDMARKS; k++)
      {
        JsonArray *pt = json_array_get_array_element (pairs, k);
        r->probe_landmarks[2 * k] = (float)json_array_get_double_element (pt, 0);
        r->probe_landmarks[2 * k + 1] = (float)json_array_get_double_element (pt, 1);
      }
    r->has_candidate_box = lineup_json_get_box (o, "box", &r->candidate_box);
    r->has_candidate_landmarks = lineup_json_array_length (flat) == LINEUP_SHIM_N_LANDMARKS * 2;
    for (guint k = 0; r->has_candidate_landmarks && k < LINEUP_SHIM_N_LANDMARKS * 2; k++)
      r->candidate_landmarks[k] = (float)json_array_get_double_element (flat, k);
  }
  self->image_cancellable = g_cancellable_new ();
  r->cancellable = g_object_ref (self->image_cancellable);
  load_images (self, r);
  image_request_unref (r);
}

void
lineup_review_page_select (LineupReviewPage *self,
                           guint             position)
{
  g_return_if_fail (LINEUP_IS_REVIEW_PAGE (self));
  gtk_single_selection_set_selected (self->selection, position);
}

static void
selection_changed (LineupReviewPage *self)
{
  LineupJsonItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* A reload empties the selection for a moment; keep what is shown. */
  if (self->restoring || item == NULL || item == self->shown)
    return;
  show_item (self, item);
}

static void
reveal_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (widget);
  LineupDb         *db = lineup_session_get_db (self->session);

  if (self->shown == NULL || self->revealed || db == NULL || self->user == NULL)
    return;
  self->revealed = TRUE;
  lineup_db_candidate_viewed (db, self->user, lineup_json_item_get_int (self->shown, "search_id"),
                              lineup_json_item_get_int (self->shown, "rank"), FALSE);
  fill_details (self);
  set_candidate_caption (self);
  update_actions (self);
}

/* review */

typedef struct
{
  LineupReviewPage *self;
  gint64            decision_id;
  char             *case_number;
  gboolean          approve;
} ReviewRequest;

static void
review_request_free (ReviewRequest *r)
{
  g_object_unref (r->self);
  g_free (r->case_number);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReviewRequest, review_request_free)

static void
remove_decision (LineupReviewPage *self,
                 gint64            decision_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupJsonItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (lineup_json_item_get_int (item, "decision_id") == decision_id)
        {
          g_list_store_remove (self->items, i);
          return;
        }
    }
}

static void
update_count (LineupReviewPage *self)
{
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *count = g_strdup_printf ("%u", n);

  gtk_label_set_text (self->count_label, count);
  if (self->user != NULL && lineup_user_can (self->user, LINEUP_PERMISSION_REVIEW) && !(self->loading && n == 0))
    gtk_stack_set_visible_child_name (self->stack, n == 0 ? "empty" : "queue");
}

static void
review_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ReviewRequest) r = user_data;
  LineupReviewPage *self = r->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupReview) review = lineup_db_review_finish (LINEUP_DB (source), result, &error);
  g_autoptr(JsonNode) node = review ? lineup_review_to_json (review) : NULL;
  g_autofree char *message = NULL;

  self->reviewing = FALSE;
  if (self->toasts == NULL)
    return; /* the page went away meanwhile */
  if (node == NULL)
    {
      /* The core's own words: it is the authority on who may review. */
      lineup_app_show_inline_error (self->error_label, error->message);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The review was not recorded")));
      update_actions (self);
      return;
    }
  message = g_strdup_printf (r->approve ? _("Case %s: the lead is now approved")
                                        : _("Case %s: the lead is now rejected"),
                             r->case_number);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
  if (self->shown != NULL && lineup_json_item_get_int (self->shown, "decision_id") == r->decision_id)
    clear_detail (self);
  remove_decision (self, r->decision_id);
  update_count (self);
  lineup_review_page_refresh (self);
}

static void
review (LineupReviewPage *self,
        gboolean          approve)
{
  LineupDb        *db = lineup_session_get_db (self->session);
  g_autofree char *comment = lineup_decision_panel_dup_note (self->review_panel);
  ReviewRequest   *r;

  if (self->shown == NULL || db == NULL || self->user == NULL || *comment == '\0' || self->reviewing)
    return;
  lineup_app_show_inline_error (self->error_label, NULL);
  self->reviewing = TRUE;
  update_actions (self);
  r = g_new0 (ReviewRequest, 1);
  r->self = g_object_ref (self);
  r->decision_id = lineup_json_item_get_int (self->shown, "decision_id");
  r->case_number = g_strdup (lineup_json_item_get_string (self->shown, "case"));
  r->approve = approve;
  lineup_db_review_async (db, self->user, r->decision_id, approve, comment, NULL, review_ready, r);
}

static void
approve_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  review (LINEUP_REVIEW_PAGE (widget), TRUE);
}

static void
reject_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  review (LINEUP_REVIEW_PAGE (widget), FALSE);
}

/* queue */

static void
queue_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = lineup_db_review_queue_finish (LINEUP_DB (source), result, &error);
  g_autoptr(JsonNode) node = entries ? lineup_queue_entry_list_to_json (entries) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  gint64     shown_id = self->shown ? lineup_json_item_get_int (self->shown, "decision_id") : 0;
  guint      restore = GTK_INVALID_LIST_POSITION;

  if (node == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  update_actions (self);
  if (node == NULL)
    {
      lineup_app_show_denied (self->stack, self->denied_page,
                              _("Could Not Load the Review Queue"), error->message);
      return;
    }
  array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (o == NULL)
        continue;
      if (shown_id != 0 && json_object_get_int_member_with_default (o, "decision_id", 0) == shown_id)
        restore = items->len;
      g_ptr_array_add (items, review_item_new (o));
    }
  self->restoring = TRUE;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  if (restore != GTK_INVALID_LIST_POSITION)
    {
      /* Still waiting: keep it open (and its revealed state) on the new item. */
      g_set_object (&self->shown, items->pdata[restore]);
      gtk_single_selection_set_selected (self->selection, restore);
    }
  self->restoring = FALSE;
  if (restore == GTK_INVALID_LIST_POSITION && self->shown != NULL)
    clear_detail (self);
  update_count (self);
}

void
lineup_review_page_refresh (LineupReviewPage *self)
{
  LineupDb   *db = lineup_session_get_db (self->session);
  LineupUser *user = lineup_session_get_user (self->session);

  g_return_if_fail (LINEUP_IS_REVIEW_PAGE (self));

  if (user != self->user)
    {
      g_set_object (&self->user, user);
      clear_detail (self);
      g_list_store_remove_all (self->items);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loading = FALSE;
  if (db == NULL || user == NULL)
    {
      lineup_app_show_denied (self->stack, self->denied_page, _("Not Signed In"),
                              _("Sign in as a supervisor to review possible leads."));
      update_actions (self);
      return;
    }
  if (!lineup_user_can (user, LINEUP_PERMISSION_REVIEW))
    {
      lineup_app_show_denied (self->stack, self->denied_page, _("Reviews Are for Supervisors"),
                              _("Your account cannot approve or reject possible leads. "
                                "A supervisor reviews every possible lead before it is "
                                "acted on."));
      update_actions (self);
      return;
    }
  self->loading = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  update_actions (self);
  self->cancellable = g_cancellable_new ();
  lineup_db_review_queue_async (db, user, self->cancellable, queue_ready, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  lineup_review_page_refresh (LINEUP_REVIEW_PAGE (widget));
}

GListModel *
lineup_review_page_get_model (LineupReviewPage *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
lineup_review_page_get_loading (LineupReviewPage *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW_PAGE (self), FALSE);
  return self->loading;
}

/* list rows */

static void
row_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *li,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sub = gtk_label_new (NULL);
  GtkWidget *when = gtk_label_new (NULL);
  GtkWidget *own = gtk_label_new (_("Yours"));

  gtk_widget_set_hexpand (text, TRUE);
  for (GtkWidget *l = title; l != NULL; l = l == title ? sub : l == sub ? when
                                                                        : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (text), l);
    }
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (when, "caption");
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (own, "caption");
  gtk_widget_add_css_class (own, "warning");
  gtk_widget_set_valign (own, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (own, _("Your own decision: another supervisor reviews it"));
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), own);
  gtk_list_item_set_child (li, row);
}

static void
row_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *li,
          gpointer                  user_data)
{
  LineupJsonItem  *item = gtk_list_item_get_item (li);
  GtkWidget       *row = gtk_list_item_get_child (li);
  GtkWidget       *text = gtk_widget_get_first_child (row);
  GtkWidget       *own = gtk_widget_get_next_sibling (text);
  GtkWidget       *title = gtk_widget_get_first_child (text);
  GtkWidget       *sub = gtk_widget_get_next_sibling (title);
  GtkWidget       *when = gtk_widget_get_next_sibling (sub);
  g_autofree char *time = decided_at (item);

  gtk_label_set_text (GTK_LABEL (title), lineup_json_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (sub), lineup_json_item_get_subtitle (item));
  gtk_label_set_text (GTK_LABEL (when), time);
  gtk_widget_set_visible (own, lineup_json_item_get_boolean (item, "own"));
}

/* object */

static void
lineup_review_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lineup_review_page_parent_class)->map (widget);
  /* Coming back to the page: the queue may have changed meanwhile. */
  lineup_review_page_refresh (LINEUP_REVIEW_PAGE (widget));
}

/* The session outlives dispose: callbacks still running may read it. */
static void
lineup_review_page_finalize (GObject *object)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (lineup_review_page_parent_class)->finalize (object);
}

static void
lineup_review_page_dispose (GObject *object)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (object);

  g_clear_object (&self->session_signals);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  g_clear_pointer (&self->probe_problem, g_free);
  g_clear_pointer (&self->candidate_problem, g_free);
  g_clear_object (&self->shown);
  g_clear_object (&self->user);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_REVIEW_PAGE);
  G_OBJECT_CLASS (lineup_review_page_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_review_page_constructed (GObject *object)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (object);

  G_OBJECT_CLASS (lineup_review_page_parent_class)->constructed (object);

  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  update_actions (self);
  lineup_review_page_refresh (self);
}

static void
lineup_review_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_review_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      g_signal_group_set_target (self->session_signals, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_review_page_class_init (LineupReviewPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lineup_review_page_constructed;
  object_class->dispose = lineup_review_page_dispose;
  object_class->finalize = lineup_review_page_finalize;
  object_class->get_property = lineup_review_page_get_property;
  object_class->set_property = lineup_review_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = lineup_review_page_map;
  g_type_ensure (LINEUP_TYPE_COMPARE_VIEW);
  g_type_ensure (LINEUP_TYPE_DECISION_PANEL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, statement_label);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, denied_page);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, list);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, compare);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, probe_caption);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, candidate_caption);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, image_error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, candidate_row);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, score_row);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, note_row);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, review_panel);
  gtk_widget_class_bind_template_callback_full (widget_class, "comment_changed",
                                                G_CALLBACK (update_actions));
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, own_label);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, approve_button);
  gtk_widget_class_bind_template_child (widget_class, LineupReviewPage, reject_button);
  gtk_widget_class_install_action (widget_class, "review.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "review.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "review.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, reject_action);
}

static void
lineup_review_page_init (LineupReviewPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (self->statement_label, _(LINEUP_LEAD_STATEMENT));

  self->items = g_list_store_new (LINEUP_TYPE_JSON_ITEM);
  /* Opening a lead is audited: only the supervisor's choice opens one. */
  self->selection = lineup_app_selection_new (self->items, G_CALLBACK (selection_changed), self);
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));

  /* The page follows whoever signs in or out on its session. */
  self->session_signals = g_signal_group_new (LINEUP_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::user", G_CALLBACK (lineup_review_page_refresh),
                                  self);
}

GtkWidget *
lineup_review_page_new (LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_REVIEW_PAGE, "session", session, NULL);
}
