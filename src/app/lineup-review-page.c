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
#include "lineup-review-page-private.h"

G_DEFINE_FINAL_TYPE (LineupReviewPage, lineup_review_page, GTK_TYPE_WIDGET)

static const char *
entry_author (LineupQueueEntry *entry)
{
  return lineup_review_or_else (lineup_decision_get_user (lineup_queue_entry_get_decision (entry)), "?");
}

/* A queue entry's title and subtitle are only what the blind view may
 * show: no candidate, no score. */
static char *
entry_title (LineupQueueEntry *entry)
{
  return g_strdup_printf (_("Case %s"), lineup_review_or_else (lineup_queue_entry_get_case_number (entry), ""));
}

static char *
entry_subtitle (LineupQueueEntry *entry)
{
  return g_strdup_printf (_("%s · by %s"), lineup_review_or_else (lineup_queue_entry_get_offence_label (entry), ""),
                          entry_author (entry));
}

static gint64
entry_decision_id (LineupQueueEntry *entry)
{
  return lineup_decision_get_id (lineup_queue_entry_get_decision (entry));
}

/* When the possible lead was recorded, local time to the minute. */
static char *
decided_at (LineupQueueEntry *entry)
{
  return lineup_app_format_time (
    lineup_review_or_else (lineup_decision_get_created_at (lineup_queue_entry_get_decision (entry)), ""),
    "%Y-%m-%d %H:%M");
}

static void
update_actions (LineupReviewPage *self)
{
  g_autofree char *comment = lineup_decision_panel_dup_note (self->review_panel);
  gboolean         can_review = self->shown != NULL && self->user != NULL && !self->reviewing && lineup_user_can (self->user, LINEUP_PERMISSION_REVIEW) && !lineup_queue_entry_get_own (self->shown);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve",
                                 can_review && *comment != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reject",
                                 can_review && *comment != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reveal",
                                 self->shown != NULL && !self->revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.refresh", !self->loading);
}

/* detail */

static void
set_candidate_caption (LineupReviewPage *self)
{
  LineupCandidate *c = lineup_queue_entry_get_candidate (self->shown);
  g_autofree char *text = NULL;

  if (!self->revealed)
    {
      gtk_label_set_text (self->candidate_caption,
                          _("Booking photo · name and booking hidden"));
      return;
    }
  text = g_strdup_printf (_("%s · booking %s"), lineup_review_or_else (lineup_candidate_get_label (c), "?"),
                          lineup_review_or_else (lineup_candidate_get_booking_number (c), "?"));
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
  LineupDecision  *d = lineup_queue_entry_get_decision (self->shown);
  LineupCandidate *c = lineup_queue_entry_get_candidate (self->shown);
  const char      *note = lineup_decision_get_note (d);
  g_autofree char *score = NULL;
  g_autofree char *who = NULL;

  who = g_strdup_printf (_("%s · booking %s"), lineup_review_or_else (lineup_candidate_get_label (c), "?"),
                         lineup_review_or_else (lineup_candidate_get_booking_number (c), "?"));
  adw_action_row_set_subtitle (self->candidate_row, who);
  score = g_strdup_printf (_("Rank %" G_GINT64_FORMAT " · similarity %.2f · distance %.3f"),
                           lineup_decision_get_rank (d), lineup_candidate_get_similarity (c),
                           lineup_candidate_get_distance (c));
  adw_action_row_set_subtitle (self->score_row, score);
  adw_action_row_set_subtitle (self->note_row, note && *note ? note : _("No note"));
  gtk_stack_set_visible_child_name (self->details_stack, "shown");
}

static void
clear_detail (LineupReviewPage *self)
{
  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  /* The compare view drops its booking photo's load (and answer) too. */
  if (self->compare != NULL)
    lineup_compare_view_set_candidate (self->compare, NULL, 0, 0, NULL, NULL);
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
           LineupQueueEntry *entry)
{
  LineupDb        *db = lineup_session_get_db (self->session);
  LineupDecision  *d = lineup_queue_entry_get_decision (entry);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = decided_at (entry);

  clear_detail (self);
  if (db == NULL || self->user == NULL)
    return;
  self->shown = g_object_ref (entry);

  title = g_strdup_printf (_("Case %s · %s"), lineup_review_or_else (lineup_queue_entry_get_case_number (entry), ""),
                           lineup_review_or_else (lineup_queue_entry_get_offence_label (entry), ""));
  gtk_label_set_text (self->title_label, title);
  subtitle = g_strdup_printf (_("Possible lead recorded by %s on %s"), entry_author (entry), when);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->own_label), lineup_queue_entry_get_own (entry));
  set_candidate_caption (self);
  gtk_label_set_text (self->probe_caption, "");
  gtk_widget_set_visible (GTK_WIDGET (self->image_error_label), FALSE);
  lineup_compare_view_set_probe (self->compare, NULL, 0, 0, NULL, NULL);
  lineup_compare_view_set_candidate (self->compare, NULL, 0, 0, NULL, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  update_actions (self);

  /* The supervisor saw this candidate, with the details hidden. */
  lineup_db_candidate_viewed (db, self->user, lineup_decision_get_search_id (d),
                              lineup_decision_get_rank (d), TRUE);

  _lineup_review_page_load_images (self);
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
  LineupQueueEntry *item = gtk_single_selection_get_selected_item (self->selection);

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
  lineup_db_candidate_viewed (db, self->user,
                              lineup_decision_get_search_id (lineup_queue_entry_get_decision (self->shown)),
                              lineup_decision_get_rank (lineup_queue_entry_get_decision (self->shown)),
                              FALSE);
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
      g_autoptr(LineupQueueEntry) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (entry_decision_id (item) == decision_id)
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
  if (self->shown != NULL && entry_decision_id (self->shown) == r->decision_id)
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
  r->decision_id = entry_decision_id (self->shown);
  r->case_number = g_strdup (lineup_review_or_else (lineup_queue_entry_get_case_number (self->shown), ""));
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
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 shown_id = self->shown ? entry_decision_id (self->shown) : 0;
  guint  restore = GTK_INVALID_LIST_POSITION;

  if (entries == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  update_actions (self);
  if (entries == NULL)
    {
      lineup_app_show_denied (self->stack, self->denied_page,
                              _("Could Not Load the Review Queue"), error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      LineupQueueEntry *entry = g_list_model_get_item (entries, i);

      if (shown_id != 0 && entry_decision_id (entry) == shown_id)
        restore = items->len;
      g_ptr_array_add (items, entry);
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
  LineupQueueEntry *item = gtk_list_item_get_item (li);
  GtkWidget        *row = gtk_list_item_get_child (li);
  GtkWidget        *text = gtk_widget_get_first_child (row);
  GtkWidget        *own = gtk_widget_get_next_sibling (text);
  GtkWidget        *title = gtk_widget_get_first_child (text);
  GtkWidget        *sub = gtk_widget_get_next_sibling (title);
  GtkWidget        *when = gtk_widget_get_next_sibling (sub);
  g_autofree char  *time = decided_at (item);
  g_autofree char  *title_text = entry_title (item);
  g_autofree char  *sub_text = entry_subtitle (item);

  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (sub), sub_text);
  gtk_label_set_text (GTK_LABEL (when), time);
  gtk_widget_set_visible (own, lineup_queue_entry_get_own (item));
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

  self->items = g_list_store_new (LINEUP_TYPE_QUEUE_ENTRY);
  /* Opening a lead is audited: only the supervisor's choice opens one. */
  self->selection = lineup_app_selection_new (self->items, G_CALLBACK (selection_changed), self);
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->compare, "candidate-failed", G_CALLBACK (_lineup_review_page_candidate_failed), self);

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
