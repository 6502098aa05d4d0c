/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search-page-actions.c: the search page's actions and keys, and
 * the work they start: the search with its progress and lineup, and the
 * decision on a candidate. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-case-export.h"
#include "lineup-search-page-private.h"

void
_lineup_search_page_update_actions (LineupSearchPage *self)
{
  GtkWidget          *w = GTK_WIDGET (self);
  gboolean            searching = self->state == LINEUP_SEARCH_STATE_SEARCHING;
  gboolean            busy = lineup_probe_panel_get_busy (self->probe);
  gboolean            idle = !busy && !searching;
  LineupProbeSession *session = self->probe_session;
  gboolean            probe = session && lineup_probe_session_get_probe_id (session) > 0 && lineup_probe_session_get_edited (session) != NULL;
  gboolean            drawn = lineup_probe_panel_has_drawn_box (self->probe);
  gboolean            face = session && lineup_probe_session_get_selected_face (session) != NULL;
  guint               n_faces = session ? lineup_probe_session_get_n_faces (session) : 0;
  guint               n = self->candidates ? g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) : 0;
  g_autofree char    *note = lineup_decision_panel_dup_note (self->decision_panel);
  gboolean            chosen = gtk_toggle_button_get_active (self->lead_toggle) || gtk_toggle_button_get_active (self->nomatch_toggle) || gtk_toggle_button_get_active (self->inconclusive_toggle);
  const char         *hint;

  gtk_widget_action_set_enabled (w, "search.change-case", !searching);
  gtk_widget_action_set_enabled (w, "search.export-report", self->kase != NULL && !searching);
  gtk_widget_action_set_enabled (w, "search.export-disclosure", self->kase != NULL && !searching);
  gtk_widget_action_set_enabled (w, "search.open-probe", self->kase != NULL && idle);
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
                                 self->shown != NULL && lineup_candidate_item_get_n_photos (self->shown) > 1);

  if (self->kase == NULL)
    hint = _("Choose a case first.");
  else if ((session == NULL || lineup_probe_session_get_original (session) == NULL) && !busy)
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

  _lineup_search_page_clear_case (self);
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
  const char       *number = lineup_search_page_get_case_number (self);

  if (number == NULL || *number == '\0')
    return;
  lineup_case_export_run (widget, self->session, number,
                          g_str_equal (name, "search.export-report") ? LINEUP_CASE_EXPORT_REPORT
                                                                     : LINEUP_CASE_EXPORT_DISCLOSURE);
}

/* The probe panel's edits: one action each, all recorded the same way. */
static void
probe_edit_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  LineupProbePanel *probe = LINEUP_SEARCH_PAGE (widget)->probe;

  if (g_str_equal (name, "search.use-box"))
    lineup_probe_panel_use_box (probe);
  else if (g_str_equal (name, "search.crop"))
    lineup_probe_panel_crop (probe);
  else if (g_str_equal (name, "search.rotate"))
    lineup_probe_panel_rotate (probe, g_variant_get_int32 (param));
  else if (g_str_equal (name, "search.straighten"))
    lineup_probe_panel_straighten (probe);
  else if (g_str_equal (name, "search.mirror"))
    lineup_probe_panel_mirror (probe);
  else if (g_str_equal (name, "search.adjust-light"))
    lineup_probe_panel_adjust_light (probe);
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
  LineupSearchPage     *self = LINEUP_SEARCH_PAGE (widget);
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

static void
quality_response (AdwMessageDialog *dialog,
                  const char       *response,
                  LineupSearchPage *self)
{
  if (g_str_equal (response, "search"))
    _lineup_search_page_run_search (self);
}

static void
run_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  LineupFace       *face = self->probe_session ? lineup_probe_session_get_selected_face (self->probe_session) : NULL;
  g_autofree char  *reasons = NULL;
  g_autofree char  *body = NULL;
  GtkWidget        *dialog;

  if (face == NULL)
    return;
  reasons = lineup_probe_panel_dup_reasons (face);
  if (reasons == NULL)
    {
      _lineup_search_page_run_search (self);
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

static void
step_candidate_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  guint             n = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  guint             pos = gtk_single_selection_get_selected (self->selection);

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

static void
photo_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);
  guint             n;

  if (self->shown == NULL || (n = lineup_candidate_item_get_n_photos (self->shown)) < 2)
    return;
  self->shown_photo = (self->shown_photo + n + (guint)(g_variant_get_int32 (param) > 0 ? 1 : n - 1)) % n;
  _lineup_search_page_update_details (self);
  _lineup_search_page_load_photo (self);
}

/* decisions */

static LineupDecisionKind
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
record_decision_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  LineupSearchPage  *self = LINEUP_SEARCH_PAGE (widget);
  g_autofree char   *note = lineup_decision_panel_dup_note (self->decision_panel);
  LineupDecisionKind decision;
  gboolean           chosen;

  decision = chosen_decision (self, &chosen);
  if (chosen && *note != '\0')
    _lineup_search_page_record_decision (self, decision, note);
}

static void
decide_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LineupSearchPage  *self = LINEUP_SEARCH_PAGE (widget);
  LineupDecisionKind decision;

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

/* actions and keys */

void
_lineup_search_page_class_actions_init (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char                 *name;
    const char                 *parameter_type;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "search.new-case", NULL, new_case_action },
    { "search.change-case", NULL, change_case_action },
    { "search.export-report", NULL, export_action },
    { "search.export-disclosure", NULL, export_action },
    { "search.open-probe", NULL, open_probe_action },
    { "search.use-box", NULL, probe_edit_action },
    { "search.crop", NULL, probe_edit_action },
    { "search.rotate", "i", probe_edit_action },
    { "search.straighten", NULL, probe_edit_action },
    { "search.mirror", NULL, probe_edit_action },
    { "search.adjust-light", NULL, probe_edit_action },
    { "search.run", NULL, run_action },
    { "search.cancel", NULL, cancel_action },
    { "search.next-candidate", NULL, step_candidate_action },
    { "search.previous-candidate", NULL, step_candidate_action },
    { "search.photo", "i", photo_action },
    { "search.zoom-in", NULL, zoom_action },
    { "search.zoom-out", NULL, zoom_action },
    { "search.zoom-reset", NULL, zoom_action },
    { "search.toggle-landmarks", NULL, landmarks_action },
    { "search.decide", "s", decide_action },
    { "search.record-decision", NULL, record_decision_action },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter_type,
                                     actions[i].activate);

  /* Also listed in ui/gtk/help-overlay.ui ("Search and Lineup"). The bare
   * keys of the design (j/k, +/-/0, 1/2/3) run after the focused widget,
   * so typing a note or a number is unaffected. */
  static const struct
  {
    guint           key;
    GdkModifierType mods;
    const char     *action;
    const char     *arg;
  } keys[] = {
    { GDK_KEY_o, GDK_CONTROL_MASK, "search.open-probe", NULL },
    { GDK_KEY_Return, GDK_CONTROL_MASK, "search.run", NULL },
    { GDK_KEY_Page_Down, 0, "search.next-candidate", NULL },
    { GDK_KEY_Right, GDK_ALT_MASK, "search.next-candidate", NULL },
    { GDK_KEY_j, 0, "search.next-candidate", NULL },
    { GDK_KEY_Page_Up, 0, "search.previous-candidate", NULL },
    { GDK_KEY_Left, GDK_ALT_MASK, "search.previous-candidate", NULL },
    { GDK_KEY_k, 0, "search.previous-candidate", NULL },
    { GDK_KEY_plus, GDK_CONTROL_MASK, "search.zoom-in", NULL },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "search.zoom-in", NULL },
    { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "search.zoom-in", NULL },
    { GDK_KEY_plus, 0, "search.zoom-in", NULL },
    { GDK_KEY_equal, 0, "search.zoom-in", NULL },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "search.zoom-out", NULL },
    { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "search.zoom-out", NULL },
    { GDK_KEY_minus, 0, "search.zoom-out", NULL },
    { GDK_KEY_0, GDK_CONTROL_MASK, "search.zoom-reset", NULL },
    { GDK_KEY_KP_0, GDK_CONTROL_MASK, "search.zoom-reset", NULL },
    { GDK_KEY_0, 0, "search.zoom-reset", NULL },
    { GDK_KEY_l, GDK_CONTROL_MASK, "search.toggle-landmarks", NULL },
    { GDK_KEY_1, GDK_CONTROL_MASK, "search.decide", "possible_lead" },
    { GDK_KEY_2, GDK_CONTROL_MASK, "search.decide", "not_a_match" },
    { GDK_KEY_3, GDK_CONTROL_MASK, "search.decide", "inconclusive" },
    { GDK_KEY_1, 0, "search.decide", "possible_lead" },
    { GDK_KEY_2, 0, "search.decide", "not_a_match" },
    { GDK_KEY_3, 0, "search.decide", "inconclusive" },
    { GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "search.record-decision", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (keys[i].arg != NULL)
        gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                             keys[i].action, "s", keys[i].arg);
      else
        gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                             keys[i].action, NULL);
    }
}
