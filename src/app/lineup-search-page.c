/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search-page.c: the detective's workspace — the object, its state
 * and the wiring between its panels. The actions and what they start are in
 * lineup-search-page-actions.c.
 *
 * Everything slow runs off the main thread: the probe panel decodes,
 * stores and detects; the search runs on the database thread with
 * progress; the compare view loads candidate photos. Results that a newer
 * case, probe or candidate has superseded are dropped.
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
#include "lineup-search-page-private.h"

G_DEFINE_FINAL_TYPE (LineupSearchPage, lineup_search_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  PROP_SUBTITLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (LineupSearchState, lineup_search_state, G_DEFINE_ENUM_VALUE (LINEUP_SEARCH_STATE_NO_CASE, "no-case"), G_DEFINE_ENUM_VALUE (LINEUP_SEARCH_STATE_NO_PROBE, "no-probe"), G_DEFINE_ENUM_VALUE (LINEUP_SEARCH_STATE_LOADING, "loading"), G_DEFINE_ENUM_VALUE (LINEUP_SEARCH_STATE_READY, "ready"), G_DEFINE_ENUM_VALUE (LINEUP_SEARCH_STATE_SEARCHING, "searching"), G_DEFINE_ENUM_VALUE (LINEUP_SEARCH_STATE_NO_HIT, "no-hit"), G_DEFINE_ENUM_VALUE (LINEUP_SEARCH_STATE_LINEUP, "lineup"))

/* helpers */

void
_lineup_search_page_set_state (LineupSearchPage *self,
                               LineupSearchState state)
{
  if (self->state == state)
    return;
  self->state = state;
  _lineup_search_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* cases */

void
_lineup_search_page_reset_search (LineupSearchPage *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->search);
  g_clear_object (&self->searched_face);
  g_clear_object (&self->shown);
  self->search_id = 0;
  g_list_store_remove_all (self->candidates);
  lineup_compare_view_set_probe (self->compare, NULL, 0, 0, NULL, NULL);
  lineup_compare_view_set_candidate (self->compare, NULL, 0, 0, NULL, NULL);
  gtk_stack_set_visible_child_name (self->result_stack, "idle");
}

void
_lineup_search_page_clear_case (LineupSearchPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  _lineup_search_page_reset_search (self);
  /* The probe belongs to the case: a new case starts a new session. */
  if (self->probe_session != NULL)
    lineup_probe_session_reset (self->probe_session);
  lineup_probe_panel_set_session (self->probe, NULL);
  g_clear_object (&self->probe_session);
  g_clear_object (&self->kase);
  g_free (self->subtitle);
  self->subtitle = g_strdup ("");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  gtk_stack_set_visible_child_name (self->main_stack, "no-case");
  _lineup_search_page_set_state (self, LINEUP_SEARCH_STATE_NO_CASE);
  _lineup_search_page_update_actions (self);
}

void
lineup_search_page_set_case (LineupSearchPage *self,
                             LineupCase       *kase)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  const char      *offence;

  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  g_return_if_fail (LINEUP_IS_CASE (kase));
  _lineup_search_page_clear_case (self);
  self->kase = g_object_ref (kase);
  /* The category's label, or its code if it has none. */
  offence = lineup_case_get_offence_label (kase);
  if (offence == NULL || *offence == '\0')
    offence = lineup_case_get_offence (kase);
  title = g_strdup_printf (_("Case %s"), lineup_case_get_number (kase));
  detail = g_strdup_printf ("%s — %s", offence, lineup_case_get_reason (kase));
  gtk_label_set_text (self->case_title, title);
  gtk_label_set_text (self->case_detail, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->case_detail), detail);
  g_free (self->subtitle);
  self->subtitle = g_strdup_printf (_("Case %s · %s"), lineup_case_get_number (kase),
                                    offence);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  if (lineup_session_get_db (self->session) != NULL)
    {
      LineupDetectOptions options;

      self->probe_session = lineup_probe_session_new (lineup_session_get_db (self->session), lineup_session_get_data_dir (self->session));
      lineup_probe_session_set_user (self->probe_session, self->user);
      lineup_probe_session_set_case_number (self->probe_session,
                                            lineup_case_get_number (kase));
      lineup_session_get_detect_options (self->session, &options);
      lineup_probe_session_set_detect_options (self->probe_session, &options);
      lineup_probe_panel_set_session (self->probe, self->probe_session);
    }
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  _lineup_search_page_set_state (self, LINEUP_SEARCH_STATE_NO_PROBE);
  _lineup_search_page_update_actions (self);
}

const char *
lineup_search_page_get_case_number (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return self->kase ? lineup_case_get_number (self->kase) : NULL;
}

/* policy */

static void
policy_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LineupSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LineupPolicy     p, *policy = &p;
  g_autofree char *topk_sub = NULL;
  g_autofree char *threshold_sub = NULL;
  double           max_threshold;

  if (!lineup_db_policy_get_finish (LINEUP_DB (source), result, policy, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("search policy: %s", error->message);
      return;
    }
  if (self->disposed)
    return;
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
                                         "to %.2f"),
                                       policy->threshold_max)
                    : g_strdup (_("Largest descriptor distance listed; lower is stricter"));
  adw_action_row_set_subtitle (self->threshold_row, threshold_sub);
}

void
lineup_search_page_reload_cases (LineupSearchPage *self)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  if (lineup_session_get_db (self->session) == NULL || self->user == NULL)
    return;
  lineup_case_chooser_reload (self->case_chooser, lineup_session_get_db (self->session), self->user, self->cancellable);
  lineup_db_policy_get_async (lineup_session_get_db (self->session), self->cancellable, policy_ready, g_object_ref (self));
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
  g_autoptr(GListModel) cases = lineup_db_case_list_finish (LINEUP_DB (source), result, &error);

  for (guint i = 0; cases && i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(LineupCase) c = g_list_model_get_item (cases, i);

      if (g_strcmp0 (lineup_case_get_number (c), oc->number) == 0)
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
  if (lineup_session_get_db (self->session) == NULL || self->user == NULL || number == NULL)
    return;
  oc = g_new0 (OpenCase, 1);
  oc->self = g_object_ref (self);
  oc->number = g_strdup (number);
  lineup_db_case_list_async (lineup_session_get_db (self->session), self->user, self->cancellable, open_case_ready, oc);
}

static void
case_activated (LineupSearchPage *self,
                LineupCase       *kase)
{
  lineup_search_page_set_case (self, kase);
}

static void
case_created (LineupCaseDialog *dialog,
              LineupCase       *kase,
              LineupSearchPage *self)
{
  lineup_search_page_set_case (self, kase);
  lineup_search_page_reload_cases (self);
}

void
lineup_search_page_new_case (LineupSearchPage *self)
{
  LineupCaseDialog *dialog;

  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  if (lineup_session_get_db (self->session) == NULL || self->user == NULL)
    {
      lineup_app_alert (GTK_WIDGET (self), _("Not Signed In"), _("Sign in as a detective to open a case."));
      return;
    }
  dialog = lineup_case_dialog_new (lineup_app_parent_window (GTK_WIDGET (self)), lineup_session_get_db (self->session),
                                   self->user);
  g_signal_connect_object (dialog, "case-created", G_CALLBACK (case_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* the probe */

gboolean
_lineup_search_page_has_original (LineupSearchPage *self)
{
  return self->probe_session != NULL && lineup_probe_session_get_original (self->probe_session) != NULL;
}

static void
probe_changed (LineupSearchPage *self)
{
  _lineup_search_page_update_actions (self);
}

/* Loading, storing, detecting or recording an edit: the page is "loading"
 * until the panel is done, then back to what the search shows. */
static void
probe_busy_changed (LineupSearchPage *self)
{
  if (lineup_probe_panel_get_busy (self->probe))
    _lineup_search_page_set_state (self, LINEUP_SEARCH_STATE_LOADING);
  else if (self->state == LINEUP_SEARCH_STATE_LOADING)
    _lineup_search_page_set_state (self, self->search_id > 0
                                           ? (g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) ? LINEUP_SEARCH_STATE_LINEUP
                                                                                                         : LINEUP_SEARCH_STATE_NO_HIT)
                                         : _lineup_search_page_has_original (self) ? LINEUP_SEARCH_STATE_READY
                                                                                   : LINEUP_SEARCH_STATE_NO_PROBE);
  _lineup_search_page_update_actions (self);
}

void
lineup_search_page_set_source (LineupSearchPage *self,
                               LineupProbeSource source)
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
  if (self->kase == NULL)
    {
      lineup_app_alert (GTK_WIDGET (self), _("Choose a Case First"),
                        _("A probe is always stored with a case. Choose an open case or open a "
                          "new one."));
      return;
    }
  if (!lineup_probe_panel_check_source (self->probe))
    return;
  if (self->state == LINEUP_SEARCH_STATE_SEARCHING)
    return;
  _lineup_search_page_reset_search (self);
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
  return self->probe_session ? lineup_probe_session_get_n_faces (self->probe_session) : 0;
}

void
lineup_search_page_select_face (LineupSearchPage *self,
                                int               index)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  if (self->probe_session != NULL)
    lineup_probe_session_select_face (self->probe_session, index);
}

int
lineup_search_page_get_selected_face (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), -1);
  return self->probe_session ? lineup_probe_session_get_selected_index (self->probe_session) : -1;
}

/* the search */

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

static void
decision_toggled (LineupSearchPage *self)
{
  _lineup_search_page_update_actions (self);
}

/* the signed-in user */

static void
user_changed (LineupSearchPage *self)
{
  LineupUser *user = lineup_session_get_user (self->session);

  if (user == self->user)
    return;
  /* A different person (or nobody): nothing of the last one's work stays
   * on screen. */
  g_set_object (&self->user, user);
  _lineup_search_page_clear_case (self);
  lineup_case_chooser_clear (self->case_chooser);
  if (user != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    lineup_search_page_reload_cases (self);
}

static void
page_mapped (LineupSearchPage *self)
{
  /* List the cases whenever the page is shown. */
  if (self->user == NULL)
    user_changed (self);
  if (self->kase == NULL)
    lineup_search_page_reload_cases (self);
  else
    _lineup_search_page_refresh_reviews (self);
}

/* object */

LineupSearchState
lineup_search_page_get_state_value (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), LINEUP_SEARCH_STATE_NO_CASE);
  return self->state;
}

const char *
lineup_search_page_get_state (LineupSearchPage *self)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (LINEUP_TYPE_SEARCH_STATE);

  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  /* The class stays alive: the type is static. */
  return g_enum_get_value (klass, self->state)->value_nick;
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
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
  g_clear_object (&self->user);
  g_clear_object (&self->kase);
  g_clear_object (&self->search);
  g_clear_object (&self->searched_face);
  if (self->probe_session != NULL)
    lineup_probe_session_reset (self->probe_session);
  g_clear_object (&self->probe_session);
  g_clear_object (&self->shown);
  g_clear_object (&self->selection);
  g_clear_object (&self->candidates);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_SEARCH_PAGE);
  G_OBJECT_CLASS (lineup_search_page_parent_class)->dispose (object);
}

static void
lineup_search_page_constructed (GObject *object)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  G_OBJECT_CLASS (lineup_search_page_parent_class)->constructed (object);
  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  g_set_object (&self->user, lineup_session_get_user (self->session));
  g_signal_connect_object (self->session, "notify::user", G_CALLBACK (user_changed), self,
                           G_CONNECT_SWAPPED);
  _lineup_search_page_update_actions (self);
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
lineup_search_page_finalize (GObject *object)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  /* Workers hold a reference to the page, so none can be running here. */
  g_clear_object (&self->session);
  g_free (self->subtitle);
  G_OBJECT_CLASS (lineup_search_page_parent_class)->finalize (object);
}

static void
lineup_search_page_class_init (LineupSearchPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_search_page_dispose;
  object_class->finalize = lineup_search_page_finalize;
  object_class->constructed = lineup_search_page_constructed;
  object_class->get_property = lineup_search_page_get_property;
  object_class->set_property = lineup_search_page_set_property;
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, LINEUP_TYPE_SEARCH_STATE,
                                              LINEUP_SEARCH_STATE_NO_CASE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, "",
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LINEUP_TYPE_PROBE_PANEL);
  g_type_ensure (LINEUP_TYPE_COMPARE_VIEW);
  g_type_ensure (LINEUP_TYPE_CANDIDATE_CHIP);
  g_type_ensure (LINEUP_TYPE_CASE_CHOOSER);
  g_type_ensure (LINEUP_TYPE_CANDIDATE_DETAILS);
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
  CHILD (details);
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

  _lineup_search_page_class_actions_init (widget_class);
}

static void
lineup_search_page_init (LineupSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->state = LINEUP_SEARCH_STATE_NO_CASE;
  self->subtitle = g_strdup ("");
  self->blind = TRUE;

  gtk_label_set_text (self->lead_label, _(LINEUP_LEAD_STATEMENT));

  g_signal_connect_object (self->probe, "notify::busy", G_CALLBACK (probe_busy_changed), self,
                           G_CONNECT_SWAPPED);

  self->candidates = g_list_store_new (LINEUP_TYPE_CANDIDATE_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->candidates)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (_lineup_search_page_selection_changed),
                            self);
  gtk_grid_view_set_model (self->strip, GTK_SELECTION_MODEL (g_object_ref (self->selection)));

  g_signal_connect (self, "map", G_CALLBACK (page_mapped), NULL);

  _lineup_search_page_update_actions (self);
}

GtkWidget *
lineup_search_page_new (LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_SEARCH_PAGE, "session", session, NULL);
}
