/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search-page.c: the detective's workspace.
 *
 * Everything slow runs off the main thread: decoding the still, storing it,
 * the face engine (created once, lazily, on a worker), replaying edits,
 * the search itself (on the database thread, with progress), and loading
 * candidate photos. Results of work that a newer probe or candidate has
 * superseded are dropped by comparing a generation counter.
 */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-candidate-item.h"
#include "lineup-case-export.h"
#include "lineup-case-dialog.h"
#include "lineup-compare-view.h"
#include "lineup-json-item.h"
#include "lineup-probe-view.h"
#include "lineup-search-page.h"

struct _LineupSearchPage
{
  GtkWidget           parent_instance;

  LineupSession      *session;   /* construct-only; the lead moves the rest onto it */
  LineupApplication  *app;
  LineupDb           *db;
  char               *data_dir;
  GSettings          *settings;
  LineupUser         *user;
  gulong              user_handler;
  GCancellable       *cancellable;         /* everything of the current case */
  GCancellable       *search_cancellable;
  GCancellable       *photo_cancellable;

  GMutex              engine_lock;
  LineupEngine       *engine;

  LineupPolicy        policy;
  gboolean            have_policy;

  JsonObject         *case_obj;
  GListStore         *cases;

  /* the probe */
  gboolean            source_declared;
  LineupProbeSource   source;
  LineupImage        *original;
  gint64              probe_id;
  JsonArray          *steps;               /* {"op","params"} as recorded */
  gint64              edit_seq;
  LineupImage        *edited;
  GBytes             *edited_rgb;
  int                 edited_w, edited_h;
  GPtrArray          *faces;
  int                 face_index;
  GListStore         *edits;
  guint               generation;
  int                 busy;

  /* the search */
  JsonNode           *search;
  gint64              search_id;
  gboolean            blind;
  LineupFace         *searched_face;
  GListStore         *candidates;
  GtkSingleSelection *selection;
  LineupCandidateItem *shown;
  guint               shown_photo;
  guint               photo_generation;
  gboolean            deciding;

  const char         *state;
  char               *subtitle;
  gboolean            disposed;

  /* template */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *lead_label;
  GtkStack           *main_stack;
  GtkListBox         *case_list;
  GtkLabel           *case_status;
  GtkLabel           *case_title;
  GtkLabel           *case_detail;
  GtkWidget          *probe_panel;
  AdwComboRow        *source_row;
  GtkWidget          *probe_frame;
  GtkStack           *probe_stack;
  LineupProbeView    *probe_view;
  GtkSpinner         *probe_spinner;
  GtkLabel           *faces_label;
  GtkWidget          *crop_button;
  GtkWidget          *face_box;
  GtkLabel           *face_title;
  GtkLabel           *face_quality;
  GtkLabel           *face_reasons;
  GtkSpinButton      *angle_spin;
  GtkRange           *brightness_scale;
  GtkRange           *contrast_scale;
  GtkListBox         *edit_list;
  AdwActionRow       *topk_row;
  AdwActionRow       *threshold_row;
  GtkSpinButton      *topk_spin;
  GtkSpinButton      *threshold_spin;
  GtkWidget          *search_button;
  GtkLabel           *search_hint;
  GtkStack           *result_stack;
  GtkProgressBar     *progress;
  AdwStatusPage      *nohit_page;
  GtkLabel           *strip_summary;
  GtkWidget          *blind_badge;
  GtkGridView        *strip;
  LineupCompareView  *compare;
  GtkWidget          *photo_nav;
  GtkLabel           *photo_label;
  GtkStack           *details_stack;
  GtkLabel           *hidden_label;
  GtkGrid            *details_grid;
  GtkLabel           *decision_status;
  GtkToggleButton    *lead_toggle;
  GtkToggleButton    *nomatch_toggle;
  GtkToggleButton    *inconclusive_toggle;
  GtkTextView        *note_view;
  GtkWidget          *record_button;
};

G_DEFINE_FINAL_TYPE (LineupSearchPage, lineup_search_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STATE, PROP_SUBTITLE, PROP_SESSION, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void update_actions (LineupSearchPage *self);
static void run_detect     (LineupSearchPage *self);
static void show_item      (LineupSearchPage *self,
                            LineupCandidateItem *item);

/* helpers */

/* A worker's answer about a probe the page has since dropped, or arriving
 * while the page goes away: nothing to show it on. */
static gboolean
superseded (LineupSearchPage *self,
            guint             generation)
{
  return self->disposed || generation != self->generation;
}

static void
set_state (LineupSearchPage *self,
           const char       *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;
  self->state = state;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
toast (LineupSearchPage *self,
       const char       *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* Refusals need reading, so they get a dialog rather than a toast. */
static void
alert (LineupSearchPage *self,
       const char       *heading,
       const char       *body)
{
  GtkWidget *dialog = adw_message_dialog_new (lineup_app_parent_window (GTK_WIDGET (self)),
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
alert_error (LineupSearchPage *self,
             const char       *heading,
             const GError     *error)
{
  if (g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_POLICY))
    alert (self, _("Refused by Policy"), error->message);
  else if (g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN))
    alert (self, _("Not Permitted for Your Role"), error->message);
  else
    alert (self, heading, error->message);
}

/* A still is only taken with its source declared; otherwise say so. */
static gboolean
source_declared (LineupSearchPage *self)
{
  if (!self->source_declared)
    alert (self, _("Declare the Source First"),
           _("Say where the still comes from before loading it: a surveillance still, a "
             "witness photo, a social-media image or another source. Composite sketches and "
             "look-alike photos are not accepted."));
  return self->source_declared;
}

static LineupUser *
current_user (LineupSearchPage *self)
{
  return self->user;
}

static gboolean
engine_ensure (LineupSearchPage  *self,
               GError           **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->engine_lock);
  if (self->engine == NULL)
    {
      g_autofree char *dir = lineup_paths_model_dir ();

      self->engine = lineup_engine_new (dir, error);
      ok = self->engine != NULL;
    }
  g_mutex_unlock (&self->engine_lock);
  return ok;
}

/* The engine pointer is only ever set once, under the lock. */
static LineupEngine *
engine_get (LineupSearchPage *self)
{
  LineupEngine *engine;

  g_mutex_lock (&self->engine_lock);
  engine = self->engine;
  g_mutex_unlock (&self->engine_lock);
  return engine;
}

static LineupFace *
selected_face (LineupSearchPage *self)
{
  if (self->faces == NULL || self->face_index < 0 || (guint)self->face_index >= self->faces->len)
    return NULL;
  return self->faces->pdata[self->face_index];
}

static gboolean
has_drawn_box (LineupSearchPage *self)
{
  return self->edited != NULL && lineup_probe_view_get_drawn_box (self->probe_view, NULL);
}

static void
update_actions (LineupSearchPage *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean searching = g_strcmp0 (self->state, "searching") == 0;
  gboolean idle = self->busy == 0 && !searching;
  gboolean probe = self->probe_id > 0 && self->edited != NULL;
  gboolean face = selected_face (self) != NULL;
  guint n = self->candidates ? g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) : 0;
  g_autofree char *note = lineup_app_dup_text_view_text (self->note_view);
  gboolean chosen = gtk_toggle_button_get_active (self->lead_toggle)
                    || gtk_toggle_button_get_active (self->nomatch_toggle)
                    || gtk_toggle_button_get_active (self->inconclusive_toggle);
  const char *hint;

  gtk_widget_action_set_enabled (w, "search.change-case", !searching);
  gtk_widget_action_set_enabled (w, "search.export-report", self->case_obj != NULL && !searching);
  gtk_widget_action_set_enabled (w, "search.export-disclosure", self->case_obj != NULL && !searching);
  gtk_widget_action_set_enabled (w, "search.open-probe", self->case_obj != NULL && idle);
  gtk_widget_action_set_enabled (w, "search.use-box", has_drawn_box (self) && idle);
  gtk_widget_action_set_enabled (w, "search.crop", probe && has_drawn_box (self) && idle);
  gtk_widget_action_set_enabled (w, "search.rotate", probe && idle);
  gtk_widget_action_set_enabled (w, "search.mirror", probe && idle);
  gtk_widget_action_set_enabled (w, "search.straighten", probe && idle);
  gtk_widget_action_set_enabled (w, "search.adjust-light", probe && idle);
  gtk_widget_action_set_enabled (w, "search.run", probe && face && idle);
  gtk_widget_action_set_enabled (w, "search.cancel", searching);
  gtk_widget_action_set_enabled (w, "search.next-candidate", n > 1);
  gtk_widget_action_set_enabled (w, "search.previous-candidate", n > 1);
  gtk_widget_action_set_enabled (w, "search.decide", self->shown != NULL && !self->deciding);
  gtk_widget_action_set_enabled (w, "search.record-decision",
                                 self->shown != NULL && !self->deciding && chosen && *note);
  gtk_widget_action_set_enabled (w, "search.photo",
                                 self->shown != NULL
                                   && lineup_candidate_item_get_n_photos (self->shown) > 1);

  if (self->case_obj == NULL)
    hint = _("Choose a case first.");
  else if (self->original == NULL && self->busy == 0)
    hint = self->source_declared ? _("Open or drop a still of the unknown person.")
                                 : _("Declare the source, then open a still.");
  else if (self->busy > 0)
    hint = _("Working on the probe…");
  else if (searching)
    hint = _("Searching…");
  else if (!face)
    hint = self->faces && self->faces->len > 0
             ? _("Click a face box to choose the face to search for.")
             : _("No face found: drag a box around the face, then Use Box as Face.");
  else
    hint = _("The search, its settings and its results are recorded in the case.");
  gtk_label_set_text (self->search_hint, hint);
}

/* cases */

static void
reset_search (LineupSearchPage *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
  g_clear_pointer (&self->search, json_node_unref);
  g_clear_object (&self->searched_face);
  g_clear_object (&self->shown);
  self->search_id = 0;
  g_list_store_remove_all (self->candidates);
  lineup_compare_view_set_probe (self->compare, NULL, 0, 0, NULL, NULL);
  lineup_compare_view_set_candidate (self->compare, NULL, 0, 0, NULL, NULL);
  gtk_stack_set_visible_child_name (self->result_stack, "idle");
}

/* The probe's images, steps and faces (not its widgets: dispose uses this). */
static void
free_probe (LineupSearchPage *self)
{
  g_clear_object (&self->original);
  g_clear_object (&self->edited);
  g_clear_pointer (&self->edited_rgb, g_bytes_unref);
  g_clear_pointer (&self->steps, json_array_unref);
  g_clear_pointer (&self->faces, g_ptr_array_unref);
}

static void
reset_probe (LineupSearchPage *self)
{
  self->generation++;
  self->busy = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), FALSE);
  gtk_spinner_stop (self->probe_spinner);
  free_probe (self);
  self->probe_id = 0;
  self->edit_seq = 0;
  self->face_index = -1;
  g_list_store_remove_all (self->edits);
  lineup_probe_view_set_texture (self->probe_view, NULL);
  lineup_probe_view_set_faces (self->probe_view, NULL);
  gtk_stack_set_visible_child_name (self->probe_stack, "empty");
  gtk_widget_set_visible (self->face_box, FALSE);
  gtk_label_set_text (self->faces_label, _("No still loaded."));
}

static void
clear_case (LineupSearchPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  reset_search (self);
  reset_probe (self);
  g_clear_pointer (&self->case_obj, json_object_unref);
  g_free (self->subtitle);
  self->subtitle = g_strdup ("");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  gtk_stack_set_visible_child_name (self->main_stack, "no-case");
  set_state (self, "no-case");
  update_actions (self);
}

void
lineup_search_page_set_case (LineupSearchPage *self,
                             JsonObject       *case_obj)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  const char *offence;

  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  g_return_if_fail (case_obj != NULL);
  clear_case (self);
  self->case_obj = json_object_ref (case_obj);
  /* The category's label, or its code if it has none. */
  offence = lineup_json_get_string (case_obj, "offence_label");
  if (*offence == '\0')
    offence = lineup_json_get_string (case_obj, "offence");
  title = g_strdup_printf (_("Case %s"), lineup_json_get_string (case_obj, "number"));
  detail = g_strdup_printf ("%s — %s", offence, lineup_json_get_string (case_obj, "reason"));
  gtk_label_set_text (self->case_title, title);
  gtk_label_set_text (self->case_detail, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->case_detail), detail);
  g_free (self->subtitle);
  self->subtitle = g_strdup_printf (_("Case %s · %s"), lineup_json_get_string (case_obj, "number"),
                                    offence);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  set_state (self, "no-probe");
  update_actions (self);
}

const char *
lineup_search_page_get_case_number (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return self->case_obj ? lineup_json_get_string (self->case_obj, "number") : NULL;
}

static GtkWidget *
create_case_row (gpointer item,
                 gpointer user_data)
{
  LineupJsonItem *ji = item;
  JsonObject *o = lineup_json_item_get_object (ji);
  const char *status = lineup_json_get_string (o, "status");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *chip = gtk_label_new (g_str_equal (status, "open") ? _("Open")
                                   : g_str_equal (status, "lead_pending") ? _("Lead pending review")
                                   : g_str_equal (status, "lead_approved") ? _("Lead approved")
                                   : g_str_equal (status, "closed") ? _("Closed")
                                   : status);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_json_item_get_title (ji));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lineup_json_item_get_subtitle (ji));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "lineup-badge");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);
  if (g_strcmp0 (status, "closed") != 0)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    gtk_widget_set_sensitive (row, FALSE);
  return row;
}

static void
cases_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = lineup_db_case_list_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (self->disposed)
    return;

  if (list == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->case_status, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->case_status), TRUE);
      return;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s",
                                                   lineup_json_get_string (o, "offence_label"),
                                                   lineup_json_get_string (o, "reason"));

      g_ptr_array_add (items,
                       lineup_json_item_new (o, lineup_json_get_string (o, "number"), subtitle));
    }
  g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       items->pdata, items->len);
  gtk_widget_set_visible (GTK_WIDGET (self->case_list), items->len > 0);
  gtk_label_set_text (self->case_status, _("No cases yet. Open a new case to start."));
  gtk_widget_set_visible (GTK_WIDGET (self->case_status), items->len == 0);
}

/* policy */

static void
policy_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LineupPolicy *policy = g_new0 (LineupPolicy, 1);
  GError *error = NULL;

  if (!lineup_db_policy_get_sync (task_data, policy, &error))
    {
      g_free (policy);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, policy, g_free);
}

static void
policy_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree LineupPolicy *policy = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *topk_sub = NULL;
  g_autofree char *threshold_sub = NULL;
  double max_threshold;

  if (self->disposed)
    return;

  if (policy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("search policy: %s", error->message);
      return;
    }
  self->policy = *policy;
  self->have_policy = TRUE;
  max_threshold = policy->threshold_max > 0 ? policy->threshold_max : 1.2;
  gtk_spin_button_set_range (self->topk_spin, 1, MAX (1, policy->top_k_cap));
  gtk_spin_button_set_value (self->topk_spin, policy->top_k_default);
  gtk_spin_button_set_range (self->threshold_spin, 0.2, max_threshold);
  gtk_spin_button_set_value (self->threshold_spin, MIN (policy->threshold_default, max_threshold));
  topk_sub = g_strdup_printf (_("How many of the most similar faces to list; at most %u by policy"),
                              policy->top_k_cap);
  adw_action_row_set_subtitle (self->topk_row, topk_sub);
  threshold_sub = policy->threshold_max > 0
                    ? g_strdup_printf (_("Largest descriptor distance listed; policy allows up "
                                         "to %.2f"), policy->threshold_max)
                    : g_strdup (_("Largest descriptor distance listed; lower is stricter"));
  adw_action_row_set_subtitle (self->threshold_row, threshold_sub);
}

void
lineup_search_page_reload_cases (LineupSearchPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  if (self->db == NULL || self->user == NULL)
    return;
  lineup_db_case_list_async (self->db, self->user, self->cancellable, cases_ready,
                             g_object_ref (self));
  task = g_task_new (self, self->cancellable, policy_ready, NULL);
  g_task_set_task_data (task, g_object_ref (self->db), g_object_unref);
  g_task_run_in_thread (task, policy_thread);
}

typedef struct
{
  LineupSearchPage *self;
  char             *number;
} OpenCase;

static void
open_case_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OpenCase *oc = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = lineup_db_case_list_finish (LINEUP_DB (source), result, &error);
  JsonArray *arr = list ? json_node_get_array (list) : NULL;

  for (guint i = 0; arr && i < json_array_get_length (arr); i++)
    {
      JsonObject *c = json_array_get_object_element (arr, i);
      if (g_strcmp0 (lineup_json_get_string (c, "number"), oc->number) == 0)
        lineup_search_page_set_case (oc->self, c);
    }
  if (error != NULL)
    g_warning ("Could not open case %s: %s", oc->number, error->message);
  g_object_unref (oc->self);
  g_free (oc->number);
  g_free (oc);
}

void
lineup_search_page_open_case (LineupSearchPage *self,
                              const char       *number)
{
  OpenCase *oc;

  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  if (self->db == NULL || self->user == NULL || number == NULL)
    return;
  oc = g_new0 (OpenCase, 1);
  oc->self = g_object_ref (self);
  oc->number = g_strdup (number);
  lineup_db_case_list_async (self->db, self->user, self->cancellable, open_case_ready, oc);
}

static void
case_row_activated (LineupSearchPage *self,
                    GtkListBoxRow    *row)
{
  g_autoptr(LineupJsonItem) item = g_list_model_get_item (G_LIST_MODEL (self->cases),
                                                          gtk_list_box_row_get_index (row));

  if (item != NULL)
    lineup_search_page_set_case (self, lineup_json_item_get_object (item));
}

static void
case_created (LineupCaseDialog *dialog,
              JsonObject       *case_obj,
              LineupSearchPage *self)
{
  lineup_search_page_set_case (self, case_obj);
  lineup_search_page_reload_cases (self);
}

void
lineup_search_page_new_case (LineupSearchPage *self)
{
  LineupCaseDialog *dialog;

  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  if (self->db == NULL || self->user == NULL)
    {
      alert (self, _("Not Signed In"), _("Sign in as a detective to open a case."));
      return;
    }
  dialog = lineup_case_dialog_new (lineup_app_parent_window (GTK_WIDGET (self)), self->db,
                                   self->user);
  g_signal_connect_object (dialog, "case-created", G_CALLBACK (case_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_case_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  lineup_search_page_new_case (LINEUP_SEARCH_PAGE (widget));
}

static void
change_case_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);

  clear_case (self);
  lineup_search_page_reload_cases (self);
}

/* The case's lead report and disclosure package (detectives and
 * supervisors; the core checks and audits it). */
static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  const char *number = lineup_search_page_get_case_number (self);

  if (number == NULL || *number == '\0')
    return;
  lineup_case_export_run (widget, self->session, number,
                          g_str_equal (name, "search.export-report") ? LINEUP_CASE_EXPORT_REPORT
                                                                     : LINEUP_CASE_EXPORT_DISCLOSURE);
}

/* source */

static void
source_changed (LineupSearchPage *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);

  /* Row 0 is "Not declared": a still is only taken once its source is. */
  self->source_declared = selected > 0 && selected != GTK_INVALID_LIST_POSITION;
  if (self->source_declared)
    self->source = (LineupProbeSource)(selected - 1);
  update_actions (self);
}

void
lineup_search_page_set_source (LineupSearchPage  *self,
                               LineupProbeSource  source)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  adw_combo_row_set_selected (self->source_row, (guint)source + 1);
}

/* the probe: load, store, detect */

static void
busy_push (LineupSearchPage *self)
{
  self->busy++;
  gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), TRUE);
  gtk_spinner_start (self->probe_spinner);
  set_state (self, "loading");
  update_actions (self);
}

static void
busy_pop (LineupSearchPage *self)
{
  if (self->busy > 0)
    self->busy--;
  if (self->busy == 0)
    {
      gtk_spinner_stop (self->probe_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), FALSE);
      if (g_strcmp0 (self->state, "loading") == 0)
        set_state (self, self->search_id > 0
                           ? (g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) ? "lineup"
                                                                                        : "no-hit")
                           : self->original ? "ready" : "no-probe");
    }
  update_actions (self);
}

typedef struct
{
  guint        generation;
  GFile       *file;
  LineupImage *image;
} ProbeLoad;

static void
probe_load_free (ProbeLoad *p)
{
  g_clear_object (&p->file);
  g_clear_object (&p->image);
  g_free (p);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ProbeLoad *p = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (p->file, cancellable, NULL, &error);
  g_autofree char *name = g_file_get_basename (p->file);

  if (bytes != NULL)
    p->image = lineup_image_new_from_bytes (bytes, name, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  if (p->image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
probe_added (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupSearchPage *self = g_task_get_source_object (task);
  ProbeLoad *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) probe = lineup_db_probe_add_finish (LINEUP_DB (source), result, &error);

  if (superseded (self, p->generation))
    return;
  busy_pop (self);
  if (probe == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alert_error (self, _("The Still Was Not Stored"), error);
      reset_probe (self);
      set_state (self, "no-probe");
      update_actions (self);
      return;
    }
  self->original = g_steal_pointer (&p->image);
  self->probe_id = lineup_json_get_int (json_node_get_object (probe), "id");
  self->steps = json_array_new ();
  self->edit_seq = 0;
  run_detect (self);
}

static void
load_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (source);
  ProbeLoad *p = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (superseded (self, p->generation))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      busy_pop (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alert_error (self, _("Cannot Open the Still"), error);
      set_state (self, "no-probe");
      return;
    }
  /* The original bytes go into the case's store before anything else. */
  lineup_db_probe_add_async (self->db, current_user (self), self->data_dir,
                             lineup_json_get_string (self->case_obj, "number"), self->source,
                             p->image, self->cancellable, probe_added, g_object_ref (G_TASK (result)));
}

void
lineup_search_page_load_probe (LineupSearchPage *self,
                               GFile            *file)
{
  g_autoptr(GTask) task = NULL;
  ProbeLoad *p;

  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  if (self->case_obj == NULL)
    {
      alert (self, _("Choose a Case First"),
             _("A probe is always stored with a case. Choose an open case or open a new one."));
      return;
    }
  if (!source_declared (self))
    return;
  if (g_strcmp0 (self->state, "searching") == 0)
    return;
  reset_search (self);
  reset_probe (self);
  p = g_new0 (ProbeLoad, 1);
  p->generation = self->generation;
  p->file = g_object_ref (file);
  busy_push (self);
  gtk_label_set_text (self->faces_label, _("Opening the still…"));
  task = g_task_new (self, self->cancellable, load_ready, NULL);
  g_task_set_task_data (task, p, (GDestroyNotify)probe_load_free);
  g_task_run_in_thread (task, load_thread);
}

typedef struct
{
  guint                generation;
  LineupImage         *original;
  JsonArray           *steps;
  LineupDetectOptions  options;
  LineupImage         *edited;
  GBytes              *rgb;
  GPtrArray           *faces;
} Detect;

static void
detect_free (Detect *d)
{
  g_clear_object (&d->original);
  g_clear_pointer (&d->steps, json_array_unref);
  g_clear_object (&d->edited);
  g_clear_pointer (&d->rgb, g_bytes_unref);
  g_clear_pointer (&d->faces, g_ptr_array_unref);
  g_free (d);
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LineupSearchPage *self = source_object;
  Detect *d = task_data;
  GError *error = NULL;
  guint8 *rgb;
  int w, h;

  if (json_array_get_length (d->steps) > 0)
    d->edited = lineup_probe_apply_edits (d->original, d->steps, &error);
  else
    d->edited = g_object_ref (d->original);
  if (d->edited == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  w = lineup_image_get_width (d->edited);
  h = lineup_image_get_height (d->edited);
  rgb = g_malloc ((gsize)w * h * 3);
  lineup_shim_image_copy_rgb (lineup_image_get_shim (d->edited), rgb);
  d->rgb = g_bytes_new_take (rgb, (gsize)w * h * 3);
  if (!engine_ensure (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  d->faces = lineup_engine_detect (engine_get (self), d->edited, &d->options, &error);
  if (d->faces == NULL)
    {
      if (!g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_NO_FACE))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
      d->faces = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_task_return_boolean (task, TRUE);
}

static void
select_face (LineupSearchPage *self,
             int               index);

static void
show_faces_label (LineupSearchPage *self)
{
  g_autofree char *text = NULL;
  guint n = self->faces ? self->faces->len : 0;

  if (n == 0)
    text = g_strdup (_("No face found. Drag a box around the face, then press Use Box as Face."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u face found. Click its box to choose it, or drag to "
                                         "draw a box the detector missed.",
                                         "%u faces found. Click a box to choose the face to "
                                         "search for, or drag to draw one.",
                                         n),
                            n);
  gtk_label_set_text (self->faces_label, text);
}

static void
detect_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (source);
  Detect *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;

  if (superseded (self, d->generation))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      busy_pop (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alert_error (self, _("Face Detection Failed"), error);
      gtk_label_set_text (self->faces_label, error->message);
      return;
    }
  w = lineup_image_get_width (d->edited);
  h = lineup_image_get_height (d->edited);
  g_set_object (&self->edited, d->edited);
  g_clear_pointer (&self->edited_rgb, g_bytes_unref);
  self->edited_rgb = g_bytes_ref (d->rgb);
  self->edited_w = w, self->edited_h = h;
  g_clear_pointer (&self->faces, g_ptr_array_unref);
  self->faces = g_ptr_array_ref (d->faces);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_R8G8B8, d->rgb, (gsize)w * 3);
  lineup_probe_view_set_texture (self->probe_view, texture);
  lineup_probe_view_set_faces (self->probe_view, self->faces);
  gtk_stack_set_visible_child_name (self->probe_stack, "image");
  self->face_index = -1;
  gtk_widget_set_visible (self->face_box, FALSE);
  show_faces_label (self);
  busy_pop (self);
  /* One face: nothing to choose. */
  if (self->faces->len == 1)
    select_face (self, 0);
}

static void
run_detect (LineupSearchPage *self)
{
  g_autoptr(GTask) task = NULL;
  Detect *d = g_new0 (Detect, 1);

  /* The worker gets its own list of the (never modified) steps: more may
   * be recorded while it runs. */
  d->steps = json_array_new ();
  for (guint i = 0; i < json_array_get_length (self->steps); i++)
    json_array_add_object_element (d->steps,
                                   json_object_ref (json_array_get_object_element (self->steps, i)));
  d->generation = self->generation;
  d->original = g_object_ref (self->original);
  lineup_app_detect_options (&d->options);
  busy_push (self);
  gtk_label_set_text (self->faces_label, _("Looking for faces…"));
  task = g_task_new (self, self->cancellable, detect_ready, NULL);
  g_task_set_task_data (task, d, (GDestroyNotify)detect_free);
  g_task_run_in_thread (task, detect_thread);
}

/* the chosen face */

static char *
reasons_text (LineupFace *face)
{
  const char * const *reasons = lineup_face_get_reasons (face);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; reasons && reasons[i]; i++)
    {
      const char *r = reasons[i];
      const char *text = g_str_equal (r, LINEUP_REASON_SMALL_FACE) ? _("the face is small")
                         : g_str_equal (r, LINEUP_REASON_LOW_SHARPNESS) ? _("it is blurred")
                         : g_str_equal (r, LINEUP_REASON_LOW_BRIGHTNESS) ? _("it is dark")
                         : g_str_equal (r, LINEUP_REASON_EXTREME_POSE) ? _("the head is turned far")
                         : g_str_equal (r, LINEUP_REASON_LOW_CONFIDENCE) ? _("the detector is unsure")
                         : NULL;

      if (out->len)
        g_string_append (out, "; ");
      if (text)
        g_string_append_printf (out, "%s (%s)", r, text);
      else
        g_string_append (out, r);
    }
  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
select_face (LineupSearchPage *self,
             int               index)
{
  LineupFace *face;
  const LineupQuality *q;
  g_autofree char *title = NULL;
  g_autofree char *quality = NULL;
  g_autofree char *reasons = NULL;

  if (self->faces == NULL || index < 0 || (guint)index >= self->faces->len)
    return;
  self->face_index = index;
  lineup_probe_view_set_selected (self->probe_view, index);
  face = self->faces->pdata[index];
  q = lineup_face_get_quality (face);
  title = g_strdup_printf (_("Face %d of %u · %s detector"), index + 1, self->faces->len,
                           lineup_face_get_detector (face));
  quality = g_strdup_printf (_("Width %.0f px · eyes %.0f px apart\n"
                               "Sharpness %.0f · brightness %.0f · contrast %.0f\n"
                               "Yaw %+.0f° · pitch %+.0f° · roll %+.0f°"),
                             q->face_width, q->eye_distance, q->sharpness, q->brightness,
                             q->contrast, q->yaw, q->pitch, q->roll);
  reasons = reasons_text (face);
  gtk_label_set_text (self->face_title, title);
  gtk_label_set_text (self->face_quality, quality);
  if (reasons)
    {
      g_autofree char *text = g_strdup_printf (_("Low quality: %s. Results from this face are "
                                                 "less reliable."), reasons);
      gtk_label_set_text (self->face_reasons, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->face_reasons), reasons != NULL);
  gtk_widget_set_visible (self->face_box, TRUE);
  update_actions (self);
}

void
lineup_search_page_select_face (LineupSearchPage *self,
                                int               index)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  select_face (self, index);
}

int
lineup_search_page_get_selected_face (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), -1);
  return self->face_index;
}

guint
lineup_search_page_get_n_faces (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), 0);
  return self->faces ? self->faces->len : 0;
}

static void
probe_face_activated (LineupSearchPage *self,
                      int               index)
{
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  select_face (self, index);
}

static void
probe_box_drawn (LineupSearchPage *self)
{
  update_actions (self);
}

/* A box drawn by hand where the detector missed. */

typedef struct
{
  guint               generation;
  LineupImage        *image;
  LineupBox           box;
  LineupDetectOptions options;
} Describe;

static void
describe_free (Describe *d)
{
  g_clear_object (&d->image);
  g_free (d);
}

static void
describe_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Describe *d = task_data;
  GError *error = NULL;
  LineupFace *face;

  if (!engine_ensure (source_object, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  face = lineup_engine_describe_box (engine_get (source_object), d->image, &d->box, &d->options,
                                     &error);
  if (face == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, face, g_object_unref);
}

static void
describe_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (source);
  Describe *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LineupFace *face = g_task_propagate_pointer (G_TASK (result), &error);

  if (superseded (self, d->generation))
    {
      g_clear_object (&face);
      return;
    }
  busy_pop (self);
  if (face == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alert_error (self, _("No Face Could Be Described in the Box"), error);
      return;
    }
  g_ptr_array_add (self->faces, face);
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  lineup_probe_view_set_faces (self->probe_view, self->faces);
  show_faces_label (self);
  select_face (self, self->faces->len - 1);
}

static void
use_box_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  Describe *d;

  if (!has_drawn_box (self) || self->faces == NULL)
    return;
  d = g_new0 (Describe, 1);
  d->generation = self->generation;
  d->image = g_object_ref (self->edited);
  lineup_probe_view_get_drawn_box (self->probe_view, &d->box);
  lineup_app_detect_options (&d->options);
  busy_push (self);
  task = g_task_new (self, self->cancellable, describe_ready, NULL);
  g_task_set_task_data (task, d, (GDestroyNotify)describe_free);
  g_task_run_in_thread (task, describe_thread);
}

/* edits: recorded first, then replayed on the original */

static char *
edit_title (const char *op,
            JsonObject *params)
{
  if (g_str_equal (op, "crop"))
    return g_strdup_printf (_("Crop to %lld × %lld px at %lld, %lld"),
                            (long long)lineup_json_get_int (params, "width"),
                            (long long)lineup_json_get_int (params, "height"),
                            (long long)lineup_json_get_int (params, "x"),
                            (long long)lineup_json_get_int (params, "y"));
  if (g_str_equal (op, "rotate"))
    return g_strdup_printf (_("Rotate %+g°"), lineup_json_get_double (params, "degrees"));
  if (g_str_equal (op, "mirror"))
    return g_strdup (_("Mirror"));
  if (g_str_equal (op, "brightness_contrast"))
    return g_strdup_printf (_("Brightness %+.0f, contrast × %.2f"),
                            lineup_json_get_double (params, "brightness"),
                            lineup_json_get_double (params, "contrast"));
  return g_strdup (op);
}

typedef struct
{
  guint       generation;
  char       *op;
  JsonObject *params;
} Edit;

static void
edit_free (Edit *e)
{
  g_free (e->op);
  json_object_unref (e->params);
  g_free (e);
}

static void
edit_recorded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupSearchPage *self = g_task_get_source_object (task);
  Edit *e = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 seq = lineup_db_probe_edit_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(LineupJsonItem) item = NULL;
  JsonObject *step;

  if (superseded (self, e->generation))
    return;
  busy_pop (self);
  if (seq <= 0)
    {
      if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alert_error (self, _("The Edit Was Not Recorded"), error);
      return;
    }
  step = json_object_new ();
  json_object_set_string_member (step, "op", e->op);
  json_object_set_object_member (step, "params", json_object_ref (e->params));
  json_object_set_int_member (step, "seq", seq);
  json_array_add_object_element (self->steps, step);
  self->edit_seq = seq;

  now = g_date_time_new_now_local ();
  when = g_date_time_format (now, "%H:%M:%S");
  title = edit_title (e->op, e->params);
  /* Translators: step number, who recorded it, at what time */
  subtitle = g_strdup_printf (_("Step %lld · by %s · %s"), (long long)seq,
                              lineup_user_get_name (current_user (self)), when);
  item = lineup_json_item_new (step, title, subtitle);
  g_list_store_append (self->edits, item);

  gtk_range_set_value (self->brightness_scale, 0);
  gtk_range_set_value (self->contrast_scale, 1);
  gtk_spin_button_set_value (self->angle_spin, 0);
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  run_detect (self);
}

static void
record_edit (LineupSearchPage *self,
             const char       *op,
             JsonObject       *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  Edit *e;

  if (self->probe_id <= 0)
    {
      json_object_unref (params);
      return;
    }
  if (!lineup_probe_check_edit (op, params, &error))
    {
      alert_error (self, _("This Edit Cannot Be Applied"), error);
      json_object_unref (params);
      return;
    }
  e = g_new0 (Edit, 1);
  e->generation = self->generation;
  e->op = g_strdup (op);
  e->params = params;
  busy_push (self);
  gtk_label_set_text (self->faces_label, _("Recording the edit…"));
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, e, (GDestroyNotify)edit_free);
  lineup_db_probe_edit_async (self->db, current_user (self), self->probe_id, op, params,
                              self->cancellable, edit_recorded, g_steal_pointer (&task));
}

static void
crop_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  LineupBox b;
  JsonObject *params;

  if (!lineup_probe_view_get_drawn_box (self->probe_view, &b))
    return;
  params = json_object_new ();
  json_object_set_int_member (params, "x", (gint64)b.left);
  json_object_set_int_member (params, "y", (gint64)b.top);
  json_object_set_int_member (params, "width", (gint64)(b.right - b.left));
  json_object_set_int_member (params, "height", (gint64)(b.bottom - b.top));
  record_edit (self, "crop", params);
}

/* The quarter turns and the straightening are both one "rotate" step. */
static void
record_rotation (LineupSearchPage *self,
                 double            degrees)
{
  JsonObject *params = json_object_new ();

  json_object_set_double_member (params, "degrees", degrees);
  record_edit (self, "rotate", params);
}

static void
rotate_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  record_rotation (LINEUP_SEARCH_PAGE (widget), g_variant_get_int32 (param));
}

static void
straighten_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  double degrees = gtk_spin_button_get_value (self->angle_spin);

  if (degrees == 0)
    {
      toast (self, _("Set an angle first"));
      return;
    }
  record_rotation (self, degrees);
}

static void
mirror_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  record_edit (LINEUP_SEARCH_PAGE (widget), "mirror", json_object_new ());
}

static void
adjust_light_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  double b = gtk_range_get_value (self->brightness_scale);
  double c = gtk_range_get_value (self->contrast_scale);
  JsonObject *params;

  if (b == 0 && c == 1)
    {
      toast (self, _("Move the brightness or contrast slider first"));
      return;
    }
  params = json_object_new ();
  json_object_set_double_member (params, "brightness", b);
  json_object_set_double_member (params, "contrast", c);
  record_edit (self, "brightness_contrast", params);
}

static GtkWidget *
create_edit_row (gpointer item,
                 gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_json_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lineup_json_item_get_subtitle (item));
  return row;
}

/* opening a still */

static void
file_chosen (GtkNativeDialog  *native,
             int               response,
             LineupSearchPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file)
        lineup_search_page_load_probe (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
open_probe_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!source_declared (self))
    return;
  native = gtk_file_chooser_native_new (_("Open a Still"), lineup_app_parent_window (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static gboolean
file_dropped (GtkDropTarget    *target,
              const GValue     *value,
              double            x,
              double            y,
              LineupSearchPage *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  lineup_search_page_load_probe (self, g_value_get_object (value));
  return TRUE;
}

/* the search */

static void
search_progress (double   fraction,
                 gpointer user_data)
{
  LineupSearchPage *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%.0f%% of the gallery compared"),
                                           CLAMP (fraction, 0, 1) * 100.0);

  if (self->disposed)
    return;
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->progress, text);
}

static void
set_compare_probe (LineupSearchPage *self)
{
  g_autofree char *caption = NULL;

  if (self->searched_face == NULL)
    return;
  lineup_compare_view_set_probe (self->compare, self->edited_rgb, self->edited_w, self->edited_h,
                                 lineup_face_get_box (self->searched_face),
                                 lineup_face_get_landmarks (self->searched_face));
  caption = self->edit_seq > 0
              ? g_strdup_printf (_("Probe · face %d · edit %lld"), self->face_index + 1,
                                 (long long)self->edit_seq)
              : g_strdup_printf (_("Probe · face %d"), self->face_index + 1);
  lineup_compare_view_set_captions (self->compare, caption, NULL);
}

static void
build_lineup (LineupSearchPage *self,
              JsonObject       *search)
{
  JsonNode *cn = json_object_get_member (search, "candidates");
  JsonArray *candidates = cn && JSON_NODE_HOLDS_ARRAY (cn) ? json_node_get_array (cn) : NULL;
  g_autoptr(GHashTable) by_subject = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = candidates ? json_array_get_length (candidates) : 0;

  /* Candidates come best first, so each subject's first one is its best
   * face (the "groups" entry's best_rank); later photos of the same person
   * join that item. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (candidates, i);
      g_autoptr(LineupCandidateItem) item = lineup_candidate_item_new (c, self->data_dir);
      const char *sid = lineup_candidate_item_get_subject_id (item);
      LineupCandidateItem *group = *sid ? g_hash_table_lookup (by_subject, sid) : NULL;

      if (group != NULL)
        {
          lineup_candidate_item_add_photo (group, c);
          continue;
        }
      lineup_candidate_item_set_blind (item, self->blind);
      if (*sid)
        g_hash_table_insert (by_subject, (gpointer)sid, item);
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  g_list_store_splice (self->candidates, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->candidates)), items->pdata,
                       items->len);
}

static void
update_strip_summary (LineupSearchPage *self)
{
  JsonObject *s = self->search ? json_node_get_object (self->search) : NULL;
  guint people = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  guint decided = 0;
  g_autofree char *text = NULL;
  JsonNode *cn;
  guint n;

  if (s == NULL)
    return;
  cn = json_object_get_member (s, "candidates");
  n = cn && JSON_NODE_HOLDS_ARRAY (cn) ? json_array_get_length (json_node_get_array (cn)) : 0;
  for (guint i = 0; i < people; i++)
    {
      g_autoptr(LineupCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->candidates), i);
      decided += lineup_candidate_item_get_decision (item) != NULL;
    }
  /* Translators: search number, photos, people, decided count */
  text = g_strdup_printf (_("Search #%lld · %u photos of %u people within %.2f · %u decided"),
                          (long long)self->search_id, n, people,
                          lineup_json_get_double (s, "threshold"), decided);
  gtk_label_set_text (self->strip_summary, text);
  gtk_widget_set_visible (self->blind_badge, self->blind);
}

static void
search_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupSearchPage *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lineup_db_search_finish (LINEUP_DB (source), result, &error);
  JsonObject *s;

  /* A search superseded by a new case, probe or user: its result (stored
   * and audited all the same) is not for this screen. */
  if (self->disposed || g_task_get_cancellable (task) != self->search_cancellable)
    return;
  g_clear_object (&self->search_cancellable);
  if (node == NULL)
    {
      gtk_stack_set_visible_child_name (self->result_stack, "idle");
      set_state (self, self->original ? "ready" : "no-probe");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Search cancelled"));
      else
        alert_error (self, _("The Search Did Not Run"), error);
      update_actions (self);
      return;
    }
  self->search = g_steal_pointer (&node);
  s = json_node_get_object (self->search);
  self->search_id = lineup_json_get_int (s, "search_id");
  build_lineup (self, s);
  set_compare_probe (self);
  update_strip_summary (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) == 0)
    {
      g_autofree char *description = g_strdup_printf (
        _("No booking photo among %lld searched is within the distance threshold of %.2f. "
          "The search was recorded as search #%lld in case %s; a no-hit result is a result "
          "too."),
        (long long)lineup_json_get_int (s, "gallery_size"), lineup_json_get_double (s, "threshold"),
        (long long)self->search_id, lineup_json_get_string (self->case_obj, "number"));
      adw_status_page_set_description (self->nohit_page, description);
      gtk_stack_set_visible_child_name (self->result_stack, "no-hit");
      set_state (self, "no-hit");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->result_stack, "lineup");
      set_state (self, "lineup");
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->strip));
    }
  update_actions (self);
}

static void
run_search (LineupSearchPage *self)
{
  LineupFace *face = selected_face (self);
  LineupEngine *engine = engine_get (self);
  LineupSearchRequest request = { 0 };
  g_autofree char *number = NULL;
  g_autoptr(GTask) task = NULL;

  if (face == NULL || engine == NULL || self->case_obj == NULL)
    return;
  reset_search (self);
  self->blind = self->settings ? g_settings_get_boolean (self->settings, "blind-mode") : TRUE;
  g_set_object (&self->searched_face, face);
  number = g_strdup (lineup_json_get_string (self->case_obj, "number"));
  request.case_number = number;
  request.probe_id = self->probe_id;
  request.edit_seq = self->edit_seq;
  request.face = face;
  request.model_sha256 = lineup_engine_get_model_sha256 (engine);
  request.top_k = (guint)gtk_spin_button_get_value_as_int (self->topk_spin);
  request.threshold = gtk_spin_button_get_value (self->threshold_spin);
  self->search_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Starting…"));
  gtk_stack_set_visible_child_name (self->result_stack, "running");
  set_state (self, "searching");
  /* The task only carries the page and which search this is. */
  task = g_task_new (self, self->search_cancellable, NULL, NULL);
  lineup_db_search_async (self->db, current_user (self), &request, search_progress, self,
                          self->search_cancellable, search_ready, g_steal_pointer (&task));
}

static void
quality_response (AdwMessageDialog *dialog,
                  const char       *response,
                  LineupSearchPage *self)
{
  if (g_str_equal (response, "search"))
    run_search (self);
}

static void
run_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  LineupFace *face = selected_face (self);
  g_autofree char *reasons = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (face == NULL)
    return;
  reasons = reasons_text (face);
  if (reasons == NULL)
    {
      run_search (self);
      return;
    }
  /* A poor probe finds the wrong people with the same confidence. */
  body = g_strdup_printf (_("The chosen face is of low quality: %s.\n\nSearches with such faces "
                            "rank unrelated people highly. If a better still exists, use it. "
                            "The warning is recorded with the search."),
                          reasons);
  dialog = adw_message_dialog_new (lineup_app_parent_window (widget), _("Search Anyway?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "search", _("_Search Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "search",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (quality_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  g_cancellable_cancel (LINEUP_SEARCH_PAGE (widget)->search_cancellable);
}

gint64
lineup_search_page_get_search_id (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), 0);
  return self->search_id;
}

GListModel *
lineup_search_page_get_candidates (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return G_LIST_MODEL (self->candidates);
}

/* the strip */

static void
chip_update_decision (LineupCandidateItem *item,
                      GParamSpec          *pspec,
                      GtkWidget           *badge)
{
  JsonObject *d = lineup_candidate_item_get_decision (item);
  g_autofree char *text = lineup_candidate_item_dup_decision_text (item);
  const char *decision = lineup_json_get_string (d, "decision");
  LineupDecision value;

  /* The chip has room for the decision; the tooltip has the review. */
  gtk_label_set_text (GTK_LABEL (badge),
                      lineup_decision_from_string (decision, &value, NULL)
                        ? _(lineup_decision_label (value)) : "");
  gtk_widget_set_tooltip_text (badge, text);
  gtk_widget_set_visible (badge, text != NULL);
  gtk_widget_remove_css_class (badge, "lineup-decision-lead");
  gtk_widget_remove_css_class (badge, "lineup-decision-nomatch");
  gtk_widget_remove_css_class (badge, "lineup-decision-inconclusive");
  if (g_str_equal (decision, "possible_lead"))
    gtk_widget_add_css_class (badge, "lineup-decision-lead");
  else if (g_str_equal (decision, "not_a_match"))
    gtk_widget_add_css_class (badge, "lineup-decision-nomatch");
  else if (*decision)
    gtk_widget_add_css_class (badge, "lineup-decision-inconclusive");
}

static void
chip_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *li,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *pic = gtk_picture_new ();
  GtkWidget *rank = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sub = gtk_label_new (NULL);

  gtk_widget_set_size_request (pic, 108, 108);
  gtk_picture_set_can_shrink (GTK_PICTURE (pic), TRUE);
  gtk_widget_add_css_class (pic, "lineup-chip-photo");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), pic);
  gtk_widget_set_halign (rank, GTK_ALIGN_START);
  gtk_widget_set_valign (rank, GTK_ALIGN_START);
  gtk_widget_add_css_class (rank, "lineup-rank");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), rank);
  gtk_widget_set_halign (badge, GTK_ALIGN_FILL);
  gtk_widget_set_valign (badge, GTK_ALIGN_END);
  gtk_label_set_ellipsize (GTK_LABEL (badge), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (badge, "lineup-decision");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), badge);
  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 15);
  gtk_label_set_width_chars (GTK_LABEL (title), 15);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (sub), 15);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_box_append (GTK_BOX (box), overlay);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 2);
  gtk_widget_set_margin_end (box, 2);
  g_object_set_data (G_OBJECT (box), "pic", pic);
  g_object_set_data (G_OBJECT (box), "rank", rank);
  g_object_set_data (G_OBJECT (box), "badge", badge);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "sub", sub);
  gtk_list_item_set_child (li, box);
}

static void
chip_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *li,
           gpointer                  user_data)
{
  LineupCandidateItem *item = gtk_list_item_get_item (li);
  GtkWidget *box = gtk_list_item_get_child (li);
  GtkWidget *badge = g_object_get_data (G_OBJECT (box), "badge");
  g_autofree char *rank = g_strdup_printf ("%lld", (long long)lineup_candidate_item_get_rank (item));
  GPtrArray *bindings = g_ptr_array_new ();
  gulong handler;

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "rank"), rank);
  g_ptr_array_add (bindings, g_object_bind_property (item, "thumbnail",
                                                     g_object_get_data (G_OBJECT (box), "pic"),
                                                     "paintable", G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property (item, "title",
                                                     g_object_get_data (G_OBJECT (box), "title"),
                                                     "label", G_BINDING_SYNC_CREATE));
  g_ptr_array_add (bindings, g_object_bind_property (item, "subtitle",
                                                     g_object_get_data (G_OBJECT (box), "sub"),
                                                     "label", G_BINDING_SYNC_CREATE));
  g_object_set_data_full (G_OBJECT (li), "bindings", bindings, (GDestroyNotify)g_ptr_array_unref);
  handler = g_signal_connect (item, "notify::decision-text", G_CALLBACK (chip_update_decision),
                              badge);
  g_object_set_data (G_OBJECT (li), "decision-handler", GSIZE_TO_POINTER (handler));
  chip_update_decision (item, NULL, badge);
  lineup_candidate_item_load_thumbnail (item);
}

static void
chip_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *li,
             gpointer                  user_data)
{
  LineupCandidateItem *item = gtk_list_item_get_item (li);
  GPtrArray *bindings = g_object_get_data (G_OBJECT (li), "bindings");
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (li), "decision-handler"));

  for (guint i = 0; bindings && i < bindings->len; i++)
    g_binding_unbind (bindings->pdata[i]);
  g_object_set_data (G_OBJECT (li), "bindings", NULL);
  if (handler && item)
    g_signal_handler_disconnect (item, handler);
  g_object_set_data (G_OBJECT (li), "decision-handler", NULL);
}

static void
selection_changed (LineupSearchPage *self)
{
  LineupCandidateItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL && item != self->shown)
    show_item (self, item);
}

void
lineup_search_page_show_candidate (LineupSearchPage *self,
                                   guint             position)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  gtk_single_selection_set_selected (self->selection, position);
}

static void
step_candidate_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  guint pos = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else if (g_str_equal (name, "search.next-candidate"))
    pos = MIN (pos + 1, n - 1);
  else
    pos = pos > 0 ? pos - 1 : 0;
  gtk_single_selection_set_selected (self->selection, pos);
  /* GtkGridView has no scroll_to before GTK 4.12; its action does it. */
  gtk_widget_activate_action (GTK_WIDGET (self->strip), "list.scroll-to-item", "u", pos);
}

/* the compared candidate */

typedef struct
{
  guint     generation;
  char     *sha256;
  LineupBox box;
  gboolean  has_box;
  GBytes   *rgb;
  int       w, h;
  gboolean  has_landmarks;
  float     landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
} Photo;

static void
photo_free (Photo *p)
{
  g_free (p->sha256);
  g_clear_pointer (&p->rgb, g_bytes_unref);
  g_free (p);
}

static void
photo_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LineupSearchPage *self = source_object;
  Photo *p = task_data;
  GError *error = NULL;

  p->rgb = lineup_store_load_rgb (self->data_dir, p->sha256, 0, &p->w, &p->h, &error);
  if (p->rgb == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
photo_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (source);
  Photo *p = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->disposed || p->generation != self->photo_generation)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_compare_view_set_candidate_status (self->compare, error->message);
      return;
    }
  lineup_compare_view_set_candidate (self->compare, p->rgb, p->w, p->h,
                                     p->has_box ? &p->box : NULL,
                                     p->has_landmarks ? p->landmarks : NULL);
}

static void
load_photo (LineupSearchPage *self)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *c;
  Photo *p;

  if (self->shown == NULL)
    return;
  c = lineup_candidate_item_get_photo (self->shown, self->shown_photo);
  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
  self->photo_cancellable = g_cancellable_new ();
  p = g_new0 (Photo, 1);
  p->generation = ++self->photo_generation;
  p->sha256 = g_strdup (lineup_json_get_string (c, "photo_sha256"));
  p->has_box = lineup_json_get_box (c, "box", &p->box) && p->box.right > p->box.left;
  /* The booking face's landmarks as stored at import. */
  if (json_object_has_member (c, "landmarks"))
    {
      JsonArray *pts = json_object_get_array_member (c, "landmarks");

      p->has_landmarks = pts != NULL && json_array_get_length (pts) == G_N_ELEMENTS (p->landmarks);
      for (guint k = 0; p->has_landmarks && k < G_N_ELEMENTS (p->landmarks); k++)
        p->landmarks[k] = (float)json_array_get_double_element (pts, k);
    }
  lineup_compare_view_set_candidate_status (self->compare, _("Loading the booking photo…"));
  task = g_task_new (self, self->photo_cancellable, photo_ready, NULL);
  g_task_set_task_data (task, p, (GDestroyNotify)photo_free);
  g_task_run_in_thread (task, photo_thread);
}

static void
details_add (LineupSearchPage *self,
             int               row,
             const char       *name,
             const char       *value)
{
  GtkWidget *n = gtk_label_new (name);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (n), 0);
  gtk_label_set_yalign (GTK_LABEL (n), 0);
  gtk_widget_add_css_class (n, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  /* Long booking numbers must not widen the column past the window. */
  gtk_label_set_ellipsize (GTK_LABEL (v), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (v), 6);
  gtk_widget_set_tooltip_text (v, value);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (self->details_grid, n, 0, row, 1, 1);
  gtk_grid_attach (self->details_grid, v, 1, row, 1, 1);
}

static void
update_details (LineupSearchPage *self)
{
  LineupCandidateItem *item = self->shown;
  JsonObject *c, *subject, *d;
  GtkWidget *child;
  g_autofree char *caption = NULL;
  g_autofree char *distance = NULL;
  g_autofree char *similarity = NULL;
  g_autofree char *photos = NULL;
  g_autofree char *decision = NULL;
  guint n;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_grid))))
    gtk_grid_remove (self->details_grid, child);
  if (item == NULL)
    return;
  c = lineup_candidate_item_get_photo (item, self->shown_photo);
  n = lineup_candidate_item_get_n_photos (item);
  subject = lineup_json_get_object (c, "subject");

  photos = g_strdup_printf (_("Photo %u of %u"), self->shown_photo + 1, n);
  gtk_label_set_text (self->photo_label, photos);
  gtk_widget_set_visible (self->photo_nav, n > 1);

  if (lineup_candidate_item_get_revealed (item))
    {
      caption = g_strdup_printf (_("Candidate %lld · %s"),
                                 (long long)lineup_json_get_int (c, "rank"),
                                 lineup_json_get_string (subject, "label"));
      distance = g_strdup_printf (_("%.3f (threshold %.2f)"),
                                  lineup_json_get_double (c, "distance"),
                                  lineup_json_get_double (json_node_get_object (self->search),
                                                          "threshold"));
      similarity = g_strdup_printf ("%.0f%%", lineup_json_get_double (c, "similarity") * 100.0);
      details_add (self, row++, _("Name"), lineup_json_get_string (subject, "label"));
      details_add (self, row++, _("Booking"), lineup_json_get_string (c, "booking_number"));
      if (*lineup_json_get_string (c, "booking_date"))
        details_add (self, row++, _("Booked"), lineup_json_get_string (c, "booking_date"));
      if (*lineup_json_get_string (subject, "person_id"))
        details_add (self, row++, _("Person ID"), lineup_json_get_string (subject, "person_id"));
      details_add (self, row++, _("Distance"), distance);
      details_add (self, row++, _("Similarity"), similarity);
      if (n > 1)
        {
          g_autofree char *matched = g_strdup_printf (_("%u photos of this person"), n);
          details_add (self, row++, _("Matched"), matched);
        }
      gtk_stack_set_visible_child_name (self->details_stack, "shown");
    }
  else
    {
      caption = g_strdup_printf (_("Candidate %lld"), (long long)lineup_json_get_int (c, "rank"));
      gtk_stack_set_visible_child_name (self->details_stack, "hidden");
    }
  lineup_compare_view_set_captions (self->compare, NULL, caption);

  d = lineup_candidate_item_get_decision (item);
  decision = lineup_candidate_item_dup_decision_text (item);
  if (decision)
    {
      g_autofree char *text = g_strdup_printf (_("Recorded: %s"), decision);
      gtk_label_set_text (self->decision_status, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->decision_status),
                                   lineup_json_get_string (d, "note"));
    }
  else
    {
      gtk_label_set_text (self->decision_status, _("None recorded yet"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->decision_status), NULL);
    }
}

/* A new candidate, or a decision just recorded: the form starts empty and
 * the details show what is now known. */
static void
clear_decision_form (LineupSearchPage *self)
{
  gtk_toggle_button_set_active (self->lead_toggle, FALSE);
  gtk_toggle_button_set_active (self->nomatch_toggle, FALSE);
  gtk_toggle_button_set_active (self->inconclusive_toggle, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
  update_details (self);
}

static void
show_item (LineupSearchPage    *self,
           LineupCandidateItem *item)
{
  g_set_object (&self->shown, item);
  self->shown_photo = 0;
  /* Opening a candidate is audited, with whether its details were hidden. */
  lineup_db_candidate_viewed (self->db, current_user (self), self->search_id,
                              lineup_candidate_item_get_rank (item),
                              !lineup_candidate_item_get_revealed (item));
  clear_decision_form (self);
  load_photo (self);
  update_actions (self);
}

static void
photo_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  guint n;

  if (self->shown == NULL || (n = lineup_candidate_item_get_n_photos (self->shown)) < 2)
    return;
  self->shown_photo = (self->shown_photo + n + (guint)(g_variant_get_int32 (param) > 0 ? 1 : n - 1)) % n;
  update_details (self);
  load_photo (self);
}

/* decisions */

static LineupDecision
chosen_decision (LineupSearchPage *self,
                 gboolean         *chosen)
{
  *chosen = TRUE;
  if (gtk_toggle_button_get_active (self->lead_toggle))
    return LINEUP_DECISION_POSSIBLE_LEAD;
  if (gtk_toggle_button_get_active (self->nomatch_toggle))
    return LINEUP_DECISION_NOT_A_MATCH;
  if (gtk_toggle_button_get_active (self->inconclusive_toggle))
    return LINEUP_DECISION_INCONCLUSIVE;
  *chosen = FALSE;
  return LINEUP_DECISION_INCONCLUSIVE;
}

static void
decision_toggled (LineupSearchPage *self)
{
  update_actions (self);
}

static void
decided (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupSearchPage *self = g_task_get_source_object (task);
  LineupCandidateItem *item = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lineup_db_decide_finish (LINEUP_DB (source), result, &error);
  gboolean was_hidden = !lineup_candidate_item_get_revealed (item);

  if (self->disposed)
    return;

  self->deciding = FALSE;
  if (node == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        alert_error (self, _("The Decision Was Not Recorded"), error);
      update_actions (self);
      return;
    }
  lineup_candidate_item_set_decision (item, json_node_get_object (node));
  if (item == self->shown)
    {
      clear_decision_form (self);
      /* The details are now on screen: that is a view too. */
      if (was_hidden)
        lineup_db_candidate_viewed (self->db, current_user (self), self->search_id,
                                    lineup_candidate_item_get_rank (item), FALSE);
    }
  update_strip_summary (self);
  update_actions (self);
}

static void
record_decision_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  g_autofree char *note = lineup_app_dup_text_view_text (self->note_view);
  g_autoptr(GTask) task = NULL;
  LineupDecision decision;
  gboolean chosen;

  decision = chosen_decision (self, &chosen);
  if (self->shown == NULL || !chosen || *note == '\0' || self->deciding)
    return;
  self->deciding = TRUE;
  update_actions (self);
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (self->shown), g_object_unref);
  lineup_db_decide_async (self->db, current_user (self), self->search_id,
                          lineup_candidate_item_get_rank (self->shown), decision, note,
                          self->cancellable, decided, g_steal_pointer (&task));
}

static void
decide_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  LineupDecision decision;

  if (!lineup_decision_from_string (g_variant_get_string (param, NULL), &decision, NULL))
    return;
  gtk_toggle_button_set_active (decision == LINEUP_DECISION_POSSIBLE_LEAD ? self->lead_toggle
                                : decision == LINEUP_DECISION_NOT_A_MATCH ? self->nomatch_toggle
                                                                          : self->inconclusive_toggle,
                                TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

/* keys and view */

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);

  if (g_str_equal (name, "search.zoom-in"))
    gtk_widget_activate_action (GTK_WIDGET (self->compare), "compare.zoom-in", NULL);
  else if (g_str_equal (name, "search.zoom-out"))
    gtk_widget_activate_action (GTK_WIDGET (self->compare), "compare.zoom-out", NULL);
  else
    lineup_compare_view_zoom_reset (self->compare);
}

static void
landmarks_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);

  lineup_compare_view_set_show_landmarks (self->compare,
                                          !lineup_compare_view_get_show_landmarks (self->compare));
}

/* Review status: a supervisor may have approved or rejected a possible
 * lead since it was recorded; the stored search says. */

static gboolean
review_pending (LineupSearchPage *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->candidates)); i++)
    {
      g_autoptr(LineupCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->candidates), i);
      JsonObject *d = lineup_candidate_item_get_decision (item);

      if (g_str_equal (lineup_json_get_string (d, "decision"), "possible_lead")
          && lineup_json_get_object (d, "review") == NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  LineupDb   *db;
  LineupUser *user;
  gint64      search_id;
} Refresh;

static void
refresh_free (Refresh *r)
{
  g_clear_object (&r->db);
  g_clear_object (&r->user);
  g_free (r);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Refresh *r = task_data;
  GError *error = NULL;
  JsonNode *search = lineup_db_search_get_sync (r->db, r->user, r->search_id, &error);

  if (search == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, search, (GDestroyNotify)json_node_unref);
}

static void
refresh_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (source);
  Refresh *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) search = g_task_propagate_pointer (G_TASK (result), &error);
  JsonNode *dn;
  JsonArray *decisions;

  if (self->disposed || search == NULL || r->search_id != self->search_id)
    {
      if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("review status: %s", error->message);
      return;
    }
  dn = json_object_get_member (json_node_get_object (search), "decisions");
  if (dn == NULL || !JSON_NODE_HOLDS_ARRAY (dn))
    return;
  decisions = json_node_get_array (dn);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->candidates)); i++)
    {
      g_autoptr(LineupCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->candidates), i);
      JsonObject *latest = NULL;

      /* Decisions come oldest first: the last one on the rank stands. */
      for (guint k = 0; k < json_array_get_length (decisions); k++)
        {
          JsonObject *d = json_array_get_object_element (decisions, k);

          if (lineup_json_get_int (d, "rank") == lineup_candidate_item_get_rank (item))
            latest = d;
        }
      if (latest)
        lineup_candidate_item_set_decision (item, latest);
    }
  update_details (self);
}

static void
refresh_reviews (LineupSearchPage *self)
{
  g_autoptr(GTask) task = NULL;
  Refresh *r;

  if (self->search_id <= 0 || self->user == NULL || !review_pending (self))
    return;
  r = g_new0 (Refresh, 1);
  r->db = g_object_ref (self->db);
  r->user = g_object_ref (self->user);
  r->search_id = self->search_id;
  task = g_task_new (self, self->cancellable, refresh_ready, NULL);
  g_task_set_task_data (task, r, (GDestroyNotify)refresh_free);
  g_task_run_in_thread (task, refresh_thread);
}

/* the signed-in user */

static void
user_changed (LineupSearchPage *self)
{
  LineupUser *user = self->app ? lineup_application_get_user (self->app) : NULL;

  if (user == self->user)
    return;
  /* A different person (or nobody): nothing of the last one's work stays
   * on screen. */
  g_set_object (&self->user, user);
  clear_case (self);
  g_list_store_remove_all (self->cases);
  if (user != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    lineup_search_page_reload_cases (self);
}

static void
page_mapped (LineupSearchPage *self)
{
  /* The database opens after the window appears; list cases when shown. */
  if (self->db == NULL && self->app != NULL)
    self->db = g_object_ref (lineup_application_get_db (self->app));
  if (self->user == NULL && self->app != NULL)
    user_changed (self);
  if (self->case_obj == NULL)
    lineup_search_page_reload_cases (self);
  else
    refresh_reviews (self);
}

/* object */

const char *
lineup_search_page_get_state (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return self->state;
}

const char *
lineup_search_page_get_subtitle (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return self->subtitle;
}

static void
lineup_search_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_search_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_search_page_dispose (GObject *object)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  /* Workers keep the page alive; their callbacks must not touch widgets. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->photo_cancellable);
  if (self->app && self->user_handler)
    g_clear_signal_handler (&self->user_handler, self->app);
  g_clear_object (&self->app);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_object (&self->user);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->case_obj, json_object_unref);
  free_probe (self);
  g_clear_pointer (&self->search, json_node_unref);
  g_clear_object (&self->searched_face);
  g_clear_object (&self->shown);
  g_clear_object (&self->selection);
  g_clear_object (&self->candidates);
  g_clear_object (&self->cases);
  g_clear_object (&self->edits);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_SEARCH_PAGE);
  G_OBJECT_CLASS (lineup_search_page_parent_class)->dispose (object);
}

static void
lineup_search_page_finalize (GObject *object)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  /* Workers hold a reference to the page, so none can be running here. */
  g_clear_object (&self->engine);
  g_clear_object (&self->session);
  g_mutex_clear (&self->engine_lock);
  g_free (self->subtitle);
  G_OBJECT_CLASS (lineup_search_page_parent_class)->finalize (object);
}

static void
lineup_search_page_class_init (LineupSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_search_page_dispose;
  object_class->finalize = lineup_search_page_finalize;
  object_class->get_property = lineup_search_page_get_property;
  object_class->set_property = lineup_search_page_set_property;
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, "no-case",
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, "",
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LINEUP_TYPE_PROBE_VIEW);
  g_type_ensure (LINEUP_TYPE_COMPARE_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-search-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, LineupSearchPage, name)
  CHILD (toast_overlay);
  CHILD (lead_label);
  CHILD (main_stack);
  CHILD (case_list);
  CHILD (case_status);
  CHILD (case_title);
  CHILD (case_detail);
  CHILD (probe_panel);
  CHILD (source_row);
  CHILD (probe_frame);
  CHILD (probe_stack);
  CHILD (probe_view);
  CHILD (probe_spinner);
  CHILD (faces_label);
  CHILD (crop_button);
  CHILD (face_box);
  CHILD (face_title);
  CHILD (face_quality);
  CHILD (face_reasons);
  CHILD (angle_spin);
  CHILD (brightness_scale);
  CHILD (contrast_scale);
  CHILD (edit_list);
  CHILD (topk_row);
  CHILD (threshold_row);
  CHILD (topk_spin);
  CHILD (threshold_spin);
  CHILD (search_button);
  CHILD (search_hint);
  CHILD (result_stack);
  CHILD (progress);
  CHILD (nohit_page);
  CHILD (strip_summary);
  CHILD (blind_badge);
  CHILD (strip);
  CHILD (compare);
  CHILD (photo_nav);
  CHILD (photo_label);
  CHILD (details_stack);
  CHILD (hidden_label);
  CHILD (details_grid);
  CHILD (decision_status);
  CHILD (lead_toggle);
  CHILD (nomatch_toggle);
  CHILD (inconclusive_toggle);
  CHILD (note_view);
  CHILD (record_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, case_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, source_changed);
  gtk_widget_class_bind_template_callback (widget_class, probe_face_activated);
  gtk_widget_class_bind_template_callback (widget_class, probe_box_drawn);
  gtk_widget_class_bind_template_callback (widget_class, decision_toggled);

  gtk_widget_class_install_action (widget_class, "search.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "search.change-case", NULL, change_case_action);
  gtk_widget_class_install_action (widget_class, "search.export-report", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "search.export-disclosure", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "search.open-probe", NULL, open_probe_action);
  gtk_widget_class_install_action (widget_class, "search.use-box", NULL, use_box_action);
  gtk_widget_class_install_action (widget_class, "search.crop", NULL, crop_action);
  gtk_widget_class_install_action (widget_class, "search.rotate", "i", rotate_action);
  gtk_widget_class_install_action (widget_class, "search.straighten", NULL, straighten_action);
  gtk_widget_class_install_action (widget_class, "search.mirror", NULL, mirror_action);
  gtk_widget_class_install_action (widget_class, "search.adjust-light", NULL, adjust_light_action);
  gtk_widget_class_install_action (widget_class, "search.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "search.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "search.next-candidate", NULL,
                                   step_candidate_action);
  gtk_widget_class_install_action (widget_class, "search.previous-candidate", NULL,
                                   step_candidate_action);
  gtk_widget_class_install_action (widget_class, "search.photo", "i", photo_action);
  gtk_widget_class_install_action (widget_class, "search.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "search.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "search.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "search.toggle-landmarks", NULL,
                                   landmarks_action);
  gtk_widget_class_install_action (widget_class, "search.decide", "s", decide_action);
  gtk_widget_class_install_action (widget_class, "search.record-decision", NULL,
                                   record_decision_action);

  /* Also listed in ui/gtk/help-overlay.ui ("Search and Lineup"). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "search.open-probe", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "search.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "search.next-candidate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "search.next-candidate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "search.previous-candidate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "search.previous-candidate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "search.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "search.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "search.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "search.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "search.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "search.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "search.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "search.toggle-landmarks", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "search.decide", "s", "possible_lead");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "search.decide", "s", "not_a_match");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "search.decide", "s", "inconclusive");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "search.record-decision", NULL);
  /* The bare keys of the design (j/k, +/-/0, 1/2/3). These bindings run
   * after the focused widget, so typing a note or a number is unaffected. */
  {
    static const struct { guint key; const char *action; const char *arg; } bare[] = {
      { GDK_KEY_j, "search.next-candidate", NULL }, { GDK_KEY_k, "search.previous-candidate", NULL },
      { GDK_KEY_plus, "search.zoom-in", NULL }, { GDK_KEY_equal, "search.zoom-in", NULL },
      { GDK_KEY_minus, "search.zoom-out", NULL }, { GDK_KEY_0, "search.zoom-reset", NULL },
      { GDK_KEY_1, "search.decide", "possible_lead" }, { GDK_KEY_2, "search.decide", "not_a_match" },
      { GDK_KEY_3, "search.decide", "inconclusive" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bare); i++)
      {
        if (bare[i].arg != NULL)
          gtk_widget_class_add_binding_action (widget_class, bare[i].key, 0, bare[i].action, "s", bare[i].arg);
        else
          gtk_widget_class_add_binding_action (widget_class, bare[i].key, 0, bare[i].action, NULL);
      }
  }
}

static void
lineup_search_page_init (LineupSearchPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  GtkDropTarget *drop;
  LineupApplication *app = lineup_app_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_mutex_init (&self->engine_lock);
  self->cancellable = g_cancellable_new ();
  self->face_index = -1;
  self->state = "no-case";
  self->subtitle = g_strdup ("");
  self->blind = TRUE;

  gtk_label_set_text (self->lead_label, _(LINEUP_LEAD_STATEMENT));
  gtk_label_set_text (self->hidden_label,
                      _("Hidden until you record a decision. Blind review keeps the name, the "
                        "booking details and the scores from swaying your comparison."));

  self->cases = g_list_store_new (LINEUP_TYPE_JSON_ITEM);
  gtk_list_box_bind_model (self->case_list, G_LIST_MODEL (self->cases), create_case_row, self,
                           NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->case_list), FALSE);

  gtk_string_list_append (sources, _("Not declared"));
  for (int s = LINEUP_SOURCE_SURVEILLANCE; s <= LINEUP_SOURCE_OTHER; s++)
    gtk_string_list_append (sources, _(lineup_probe_source_label ((LineupProbeSource)s)));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));

  self->edits = g_list_store_new (LINEUP_TYPE_JSON_ITEM);
  gtk_list_box_bind_model (self->edit_list, G_LIST_MODEL (self->edits), create_edit_row, self,
                           NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("The original, no edits"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->edit_list, placeholder);
  }

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (file_dropped), self);
  gtk_widget_add_controller (self->probe_frame, GTK_EVENT_CONTROLLER (drop));

  self->candidates = g_list_store_new (LINEUP_TYPE_CANDIDATE_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->candidates)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed),
                            self);
  g_signal_connect (factory, "setup", G_CALLBACK (chip_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (chip_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (chip_unbind), self);
  gtk_grid_view_set_factory (self->strip, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->strip, GTK_SELECTION_MODEL (g_object_ref (self->selection)));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (update_actions), self);
  g_signal_connect (self, "map", G_CALLBACK (page_mapped), NULL);

  if (app != NULL)
    {
      self->app = g_object_ref (app);
      if (lineup_application_get_db (self->app))
        self->db = g_object_ref (lineup_application_get_db (self->app));
      self->data_dir = g_strdup (lineup_application_get_data_dir (self->app));
      if (lineup_application_get_settings (self->app))
        self->settings = g_object_ref (lineup_application_get_settings (self->app));
      self->user = lineup_application_get_user (self->app);
      if (self->user)
        g_object_ref (self->user);
      self->user_handler = g_signal_connect_swapped (self->app, "notify::user",
                                                     G_CALLBACK (user_changed), self);
    }
  update_actions (self);
}

GtkWidget *
lineup_search_page_new (LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_SEARCH_PAGE, "session", session, NULL);
}
