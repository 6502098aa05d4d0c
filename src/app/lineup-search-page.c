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
#include "lineup-candidate-chip.h"
#include "lineup-candidate-item.h"
#include "lineup-case-chooser.h"
#include "lineup-case-export.h"
#include "lineup-case-dialog.h"
#include "lineup-compare-view.h"
#include "lineup-decision-panel.h"
#include "lineup-json-item.h"
#include "lineup-probe-panel.h"
#include "lineup-search-page.h"

struct _LineupSearchPage
{
  GtkWidget           parent_instance;

  LineupApplication  *app;
  LineupDb           *db;
  char               *data_dir;
  GSettings          *settings;
  LineupUser         *user;
  gulong              user_handler;
  GCancellable       *cancellable;         /* everything of the current case */
  GCancellable       *search_cancellable;

  LineupPolicy        policy;
  gboolean            have_policy;

  JsonObject         *case_obj;

  /* the search */
  JsonNode           *search;
  gint64              search_id;
  gboolean            blind;
  LineupFace         *searched_face;
  GListStore         *candidates;
  GtkSingleSelection *selection;
  LineupCandidateItem *shown;
  guint               shown_photo;
  gboolean            deciding;

  const char         *state;
  char               *subtitle;
  gboolean            disposed;

  /* template */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *lead_label;
  GtkStack           *main_stack;
  LineupCaseChooser  *case_chooser;
  GtkLabel           *case_title;
  GtkLabel           *case_detail;
  GtkWidget          *probe_panel;
  LineupProbePanel   *probe;
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
  LineupDecisionPanel *decision_panel;
  GtkToggleButton    *lead_toggle;
  GtkToggleButton    *nomatch_toggle;
  GtkToggleButton    *inconclusive_toggle;
  GtkWidget          *record_button;
};

G_DEFINE_FINAL_TYPE (LineupSearchPage, lineup_search_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STATE, PROP_SUBTITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void update_actions (LineupSearchPage *self);
static void show_item      (LineupSearchPage *self,
                            LineupCandidateItem *item);

/* helpers */

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

static LineupUser *
current_user (LineupSearchPage *self)
{
  return self->user;
}

static void
update_actions (LineupSearchPage *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean searching = g_strcmp0 (self->state, "searching") == 0;
  gboolean busy = lineup_probe_panel_get_busy (self->probe);
  gboolean idle = !busy && !searching;
  gboolean probe = lineup_probe_panel_has_probe (self->probe);
  gboolean drawn = lineup_probe_panel_has_drawn_box (self->probe);
  gboolean face = lineup_probe_panel_get_face (self->probe) != NULL;
  guint n_faces = lineup_probe_panel_get_n_faces (self->probe);
  guint n = self->candidates ? g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) : 0;
  g_autofree char *note = lineup_decision_panel_dup_note (self->decision_panel);
  gboolean chosen = gtk_toggle_button_get_active (self->lead_toggle)
                    || gtk_toggle_button_get_active (self->nomatch_toggle)
                    || gtk_toggle_button_get_active (self->inconclusive_toggle);
  const char *hint;

  gtk_widget_action_set_enabled (w, "search.change-case", !searching);
  gtk_widget_action_set_enabled (w, "search.export-report", self->case_obj != NULL && !searching);
  gtk_widget_action_set_enabled (w, "search.export-disclosure", self->case_obj != NULL && !searching);
  gtk_widget_action_set_enabled (w, "search.open-probe", self->case_obj != NULL && idle);
  gtk_widget_action_set_enabled (w, "search.use-box", drawn && idle);
  gtk_widget_action_set_enabled (w, "search.crop", probe && drawn && idle);
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
  else if (!lineup_probe_panel_has_original (self->probe) && !busy)
    hint = lineup_probe_panel_get_source_declared (self->probe)
             ? _("Open or drop a still of the unknown person.")
             : _("Declare the source, then open a still.");
  else if (busy)
    hint = _("Working on the probe…");
  else if (searching)
    hint = _("Searching…");
  else if (!face)
    hint = n_faces > 0
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
  g_clear_pointer (&self->search, json_node_unref);
  g_clear_object (&self->searched_face);
  g_clear_object (&self->shown);
  self->search_id = 0;
  g_list_store_remove_all (self->candidates);
  lineup_compare_view_set_probe (self->compare, NULL, 0, 0, NULL, NULL);
  lineup_compare_view_set_candidate (self->compare, NULL, 0, 0, NULL, NULL);
  gtk_stack_set_visible_child_name (self->result_stack, "idle");
}

static void
clear_case (LineupSearchPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  reset_search (self);
  lineup_probe_panel_reset (self->probe);
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
  lineup_probe_panel_set_case (self->probe, self->db, self->data_dir, self->user,
                               lineup_json_get_string (case_obj, "number"));
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
  lineup_case_chooser_reload (self->case_chooser, self->db, self->user, self->cancellable);
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
case_activated (LineupSearchPage *self,
                JsonObject       *case_obj)
{
  lineup_search_page_set_case (self, case_obj);
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
  lineup_case_export_run (widget, number,
                          g_str_equal (name, "search.export-report") ? LINEUP_CASE_EXPORT_REPORT
                                                                     : LINEUP_CASE_EXPORT_DISCLOSURE);
}

/* the probe */

static void
probe_changed (LineupSearchPage *self)
{
  update_actions (self);
}

/* Loading, storing, detecting or recording an edit: the page is "loading"
 * until the panel is done, then back to what the search shows. */
static void
probe_busy_changed (LineupSearchPage *self)
{
  if (lineup_probe_panel_get_busy (self->probe))
    set_state (self, "loading");
  else if (g_strcmp0 (self->state, "loading") == 0)
    set_state (self, self->search_id > 0
                       ? (g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) ? "lineup"
                                                                                    : "no-hit")
                       : lineup_probe_panel_has_original (self->probe) ? "ready" : "no-probe");
  update_actions (self);
}

void
lineup_search_page_set_source (LineupSearchPage  *self,
                               LineupProbeSource  source)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  lineup_probe_panel_set_source (self->probe, source);
}

void
lineup_search_page_load_probe (LineupSearchPage *self,
                               GFile            *file)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  if (self->case_obj == NULL)
    {
      lineup_app_alert (GTK_WIDGET (self), _("Choose a Case First"),
                        _("A probe is always stored with a case. Choose an open case or open a "
                          "new one."));
      return;
    }
  if (!lineup_probe_panel_check_source (self->probe))
    return;
  if (g_strcmp0 (self->state, "searching") == 0)
    return;
  reset_search (self);
  lineup_probe_panel_load (self->probe, file);
}

static void
probe_file_dropped (LineupSearchPage *self,
                    GFile            *file)
{
  lineup_search_page_load_probe (self, file);
}

guint
lineup_search_page_get_n_faces (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), 0);
  return lineup_probe_panel_get_n_faces (self->probe);
}

void
lineup_search_page_select_face (LineupSearchPage *self,
                                int               index)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  lineup_probe_panel_select_face (self->probe, index);
}

int
lineup_search_page_get_selected_face (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), -1);
  return lineup_probe_panel_get_selected_face (self->probe);
}

static void
use_box_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  lineup_probe_panel_use_box (LINEUP_SEARCH_PAGE (widget)->probe);
}

static void
crop_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  lineup_probe_panel_crop (LINEUP_SEARCH_PAGE (widget)->probe);
}

static void
rotate_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  lineup_probe_panel_rotate (LINEUP_SEARCH_PAGE (widget)->probe, g_variant_get_int32 (param));
}

static void
straighten_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  lineup_probe_panel_straighten (LINEUP_SEARCH_PAGE (widget)->probe);
}

static void
mirror_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  lineup_probe_panel_mirror (LINEUP_SEARCH_PAGE (widget)->probe);
}

static void
adjust_light_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  lineup_probe_panel_adjust_light (LINEUP_SEARCH_PAGE (widget)->probe);
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

  if (!lineup_probe_panel_check_source (self->probe))
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
  gint64 edit_seq = lineup_probe_panel_get_edit_seq (self->probe);
  int face_index = lineup_probe_panel_get_selected_face (self->probe);
  GBytes *rgb;
  int w, h;

  if (self->searched_face == NULL)
    return;
  rgb = lineup_probe_panel_get_edited_rgb (self->probe, &w, &h);
  lineup_compare_view_set_probe (self->compare, rgb, w, h,
                                 lineup_face_get_box (self->searched_face),
                                 lineup_face_get_landmarks (self->searched_face));
  caption = edit_seq > 0
              ? g_strdup_printf (_("Probe · face %d · edit %lld"), face_index + 1,
                                 (long long)edit_seq)
              : g_strdup_printf (_("Probe · face %d"), face_index + 1);
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
      set_state (self, lineup_probe_panel_has_original (self->probe) ? "ready" : "no-probe");
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
  LineupFace *face = lineup_probe_panel_get_face (self->probe);
  LineupEngine *engine = lineup_probe_panel_get_engine (self->probe);
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
  request.probe_id = lineup_probe_panel_get_probe_id (self->probe);
  request.edit_seq = lineup_probe_panel_get_edit_seq (self->probe);
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
  LineupFace *face = lineup_probe_panel_get_face (self->probe);
  g_autofree char *reasons = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (face == NULL)
    return;
  reasons = lineup_probe_panel_dup_reasons (face);
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

static void
load_photo (LineupSearchPage *self)
{
  JsonObject *c;
  LineupBox box;
  gboolean has_box;
  float landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
  gboolean has_landmarks = FALSE;

  if (self->shown == NULL)
    return;
  c = lineup_candidate_item_get_photo (self->shown, self->shown_photo);
  has_box = lineup_json_get_box (c, "box", &box) && box.right > box.left;
  /* The booking face's landmarks as stored at import. */
  if (json_object_has_member (c, "landmarks"))
    {
      JsonArray *pts = json_object_get_array_member (c, "landmarks");

      has_landmarks = pts != NULL && json_array_get_length (pts) == G_N_ELEMENTS (landmarks);
      for (guint k = 0; has_landmarks && k < G_N_ELEMENTS (landmarks); k++)
        landmarks[k] = (float)json_array_get_double_element (pts, k);
    }
  lineup_compare_view_load_candidate (self->compare, self->data_dir,
                                      lineup_json_get_string (c, "photo_sha256"),
                                      has_box ? &box : NULL, has_landmarks ? landmarks : NULL);
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
      lineup_decision_panel_set_status (self->decision_panel, text,
                                        lineup_json_get_string (d, "note"));
    }
  else
    {
      lineup_decision_panel_set_status (self->decision_panel, _("None recorded yet"), NULL);
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
  lineup_decision_panel_clear_note (self->decision_panel);
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
  g_autofree char *note = lineup_decision_panel_dup_note (self->decision_panel);
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
  lineup_decision_panel_focus_note (self->decision_panel);
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
  lineup_case_chooser_clear (self->case_chooser);
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
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->app && self->user_handler)
    g_clear_signal_handler (&self->user_handler, self->app);
  g_clear_object (&self->app);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_object (&self->user);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->case_obj, json_object_unref);
  g_clear_pointer (&self->search, json_node_unref);
  g_clear_object (&self->searched_face);
  g_clear_object (&self->shown);
  g_clear_object (&self->selection);
  g_clear_object (&self->candidates);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_SEARCH_PAGE);
  G_OBJECT_CLASS (lineup_search_page_parent_class)->dispose (object);
}

static void
lineup_search_page_finalize (GObject *object)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  /* Workers hold a reference to the page, so none can be running here. */
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
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, "no-case",
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, "",
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LINEUP_TYPE_PROBE_PANEL);
  g_type_ensure (LINEUP_TYPE_COMPARE_VIEW);
  g_type_ensure (LINEUP_TYPE_CANDIDATE_CHIP);
  g_type_ensure (LINEUP_TYPE_CASE_CHOOSER);
  g_type_ensure (LINEUP_TYPE_DECISION_PANEL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-search-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, LineupSearchPage, name)
  CHILD (toast_overlay);
  CHILD (lead_label);
  CHILD (main_stack);
  CHILD (case_chooser);
  CHILD (case_title);
  CHILD (case_detail);
  CHILD (probe_panel);
  CHILD (probe);
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
  CHILD (decision_panel);
  CHILD (lead_toggle);
  CHILD (nomatch_toggle);
  CHILD (inconclusive_toggle);
  CHILD (record_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, case_activated);
  gtk_widget_class_bind_template_callback (widget_class, probe_changed);
  gtk_widget_class_bind_template_callback (widget_class, probe_file_dropped);
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
  LineupApplication *app = lineup_app_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    static GtkCssProvider *css;

    /* The page's own styles, once per process. */
    if (css == NULL && gdk_display_get_default () != NULL)
      {
        css = gtk_css_provider_new ();
        gtk_css_provider_load_from_resource (css, "/io/github/lineup/Lineup/lineup-search.css");
        gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                    GTK_STYLE_PROVIDER (css),
                                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      }
  }
  self->cancellable = g_cancellable_new ();
  self->state = "no-case";
  self->subtitle = g_strdup ("");
  self->blind = TRUE;

  gtk_label_set_text (self->lead_label, _(LINEUP_LEAD_STATEMENT));
  gtk_label_set_text (self->hidden_label,
                      _("Hidden until you record a decision. Blind review keeps the name, the "
                        "booking details and the scores from swaying your comparison."));


  g_signal_connect_object (self->probe, "notify::busy", G_CALLBACK (probe_busy_changed), self,
                           G_CONNECT_SWAPPED);

  self->candidates = g_list_store_new (LINEUP_TYPE_CANDIDATE_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->candidates)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed),
                            self);
  gtk_grid_view_set_model (self->strip, GTK_SELECTION_MODEL (g_object_ref (self->selection)));

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
lineup_search_page_new (void)
{
  return g_object_new (LINEUP_TYPE_SEARCH_PAGE, NULL);
}
