/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search-page-lineup.c: the search page's results — the search
 * with its progress, the lineup strip of one entry per person, the
 * candidate compared side by side with its details, the decision on it,
 * and the review status a supervisor may have changed since. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-search-page-private.h"

/* the search */

static void
search_progress (double   fraction,
                 gpointer user_data)
{
  LineupSearchPage *self = user_data;
  g_autofree char  *text = g_strdup_printf (_("%.0f%% of the gallery compared"),
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
  gint64           edit_seq = lineup_probe_session_get_edit_seq (self->probe_session);
  int              face_index = lineup_probe_session_get_selected_index (self->probe_session);
  LineupRgb       *rgb;

  if (self->searched_face == NULL)
    return;
  /* Packed rows (stride is width × 3), as the compare view takes them. */
  rgb = lineup_probe_session_get_edited_rgb (self->probe_session);
  lineup_compare_view_set_probe (self->compare, rgb ? rgb->pixels : NULL, rgb ? rgb->width : 0,
                                 rgb ? rgb->height : 0,
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
              LineupSearch     *search)
{
  GListModel *candidates = lineup_search_get_candidates (search);
  g_autoptr(GHashTable) by_subject = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (candidates);

  /* Candidates come best first, so each subject's first one is its best
   * face (the group's best rank); later photos of the same person join
   * that item. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCandidate) c = g_list_model_get_item (candidates, i);
      const char          *sid = lineup_candidate_get_subject_id (c);
      LineupCandidateItem *group = sid && *sid ? g_hash_table_lookup (by_subject, sid) : NULL;
      g_autoptr(LineupCandidateItem) item = NULL;

      if (group != NULL)
        {
          lineup_candidate_item_add_photo (group, c);
          continue;
        }
      item = lineup_candidate_item_new (c, lineup_session_get_data_dir (self->session));
      lineup_candidate_item_set_blind (item, self->blind);
      if (sid && *sid)
        g_hash_table_insert (by_subject, (gpointer)sid, item);
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  g_list_store_splice (self->candidates, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->candidates)), items->pdata,
                       items->len);
}

void
_lineup_search_page_update_strip_summary (LineupSearchPage *self)
{
  guint            people = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  guint            decided = 0;
  g_autofree char *text = NULL;
  guint            n;

  if (self->search == NULL)
    return;
  n = g_list_model_get_n_items (lineup_search_get_candidates (self->search));
  for (guint i = 0; i < people; i++)
    {
      g_autoptr(LineupCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->candidates), i);
      decided += lineup_candidate_item_get_decision (item) != NULL;
    }
  /* Translators: search number, photos, people, decided count */
  text = g_strdup_printf (_("Search #%lld · %u photos of %u people within %.2f · %u decided"),
                          (long long)self->search_id, n, people,
                          lineup_search_get_threshold (self->search), decided);
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
  g_autoptr(LineupSearch) search = lineup_db_search_finish (LINEUP_DB (source), result, &error);

  /* A search superseded by a new case, probe or user: its result (stored
   * and audited all the same) is not for this screen. */
  if (self->disposed || g_task_get_cancellable (task) != self->search_cancellable)
    return;
  g_clear_object (&self->search_cancellable);
  if (search == NULL)
    {
      gtk_stack_set_visible_child_name (self->result_stack, "idle");
      _lineup_search_page_set_state (self, _lineup_search_page_has_original (self)
                                             ? LINEUP_SEARCH_STATE_READY
                                             : LINEUP_SEARCH_STATE_NO_PROBE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_app_toast (GTK_WIDGET (self), _("Search cancelled"));
      else
        lineup_app_alert_error (GTK_WIDGET (self), _("The Search Did Not Run"), error);
      _lineup_search_page_update_actions (self);
      return;
    }
  self->search = g_steal_pointer (&search);
  self->search_id = lineup_search_get_search_id (self->search);
  build_lineup (self, self->search);
  set_compare_probe (self);
  _lineup_search_page_update_strip_summary (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) == 0)
    {
      g_autofree char *description = g_strdup_printf (
        _("No booking photo among %lld searched is within the distance threshold of %.2f. "
          "The search was recorded as search #%lld in case %s; a no-hit result is a result "
          "too."),
        (long long)lineup_search_get_gallery_size (self->search),
        lineup_search_get_threshold (self->search),
        (long long)self->search_id, lineup_case_get_number (self->kase));
      adw_status_page_set_description (self->nohit_page, description);
      gtk_stack_set_visible_child_name (self->result_stack, "no-hit");
      _lineup_search_page_set_state (self, LINEUP_SEARCH_STATE_NO_HIT);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->result_stack, "lineup");
      _lineup_search_page_set_state (self, LINEUP_SEARCH_STATE_LINEUP);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->strip));
    }
  _lineup_search_page_update_actions (self);
}

void
_lineup_search_page_run_search (LineupSearchPage *self)
{
  LineupFace         *face = self->probe_session ? lineup_probe_session_get_selected_face (self->probe_session) : NULL;
  LineupEngine       *engine = self->probe_session ? lineup_probe_session_get_engine (self->probe_session) : NULL;
  LineupSearchRequest request = { 0 };
  g_autofree char    *number = NULL;
  g_autoptr(GTask) task = NULL;

  if (face == NULL || engine == NULL || self->kase == NULL)
    return;
  _lineup_search_page_reset_search (self);
  self->blind = lineup_session_get_settings (self->session)
                  ? g_settings_get_boolean (lineup_session_get_settings (self->session), "blind-mode")
                  : TRUE;
  g_set_object (&self->searched_face, face);
  number = g_strdup (lineup_case_get_number (self->kase));
  request.case_number = number;
  request.probe_id = lineup_probe_session_get_probe_id (self->probe_session);
  request.edit_seq = lineup_probe_session_get_edit_seq (self->probe_session);
  request.face = face;
  request.model_sha256 = lineup_engine_get_model_sha256 (engine);
  request.top_k = (guint)gtk_spin_button_get_value_as_int (self->topk_spin);
  request.threshold = gtk_spin_button_get_value (self->threshold_spin);
  self->search_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Starting…"));
  gtk_stack_set_visible_child_name (self->result_stack, "running");
  _lineup_search_page_set_state (self, LINEUP_SEARCH_STATE_SEARCHING);
  /* The task only carries the page and which search this is. */
  task = g_task_new (self, self->search_cancellable, NULL, NULL);
  lineup_db_search_async (lineup_session_get_db (self->session), self->user, &request, search_progress, self,
                          self->search_cancellable, search_ready, g_steal_pointer (&task));
}

/* the strip */

void
_lineup_search_page_selection_changed (LineupSearchPage *self)
{
  LineupCandidateItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL && item != self->shown)
    _lineup_search_page_show_item (self, item);
}

void
lineup_search_page_show_candidate (LineupSearchPage *self,
                                   guint             position)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  gtk_single_selection_set_selected (self->selection, position);
}

/* the compared candidate */

void
_lineup_search_page_load_photo (LineupSearchPage *self)
{
  LineupCandidate   *c;
  const LineupBox   *box;
  const LineupPoint *points;
  float              landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
  guint              n_points = 0;

  if (self->shown == NULL)
    return;
  c = lineup_candidate_item_get_photo (self->shown, self->shown_photo);
  box = lineup_candidate_get_box (c);
  /* The booking face's landmarks as stored at import. */
  points = lineup_candidate_get_landmarks (c, &n_points);
  for (guint k = 0; points && n_points == LINEUP_SHIM_N_LANDMARKS && k < n_points; k++)
    landmarks[2 * k] = (float)points[k].x, landmarks[2 * k + 1] = (float)points[k].y;
  lineup_compare_view_load_candidate (self->compare, lineup_session_get_data_dir (self->session),
                                      lineup_candidate_get_photo_sha256 (c),
                                      box && box->right > box->left ? box : NULL,
                                      points && n_points == LINEUP_SHIM_N_LANDMARKS ? landmarks
                                                                                    : NULL);
}

void
_lineup_search_page_update_details (LineupSearchPage *self)
{
  LineupCandidateItem *item = self->shown;
  g_autofree char     *caption = NULL;
  g_autofree char     *decision = NULL;
  LineupDecision      *d;

  caption = lineup_candidate_details_show (self->details, item, self->shown_photo,
                                           self->search ? lineup_search_get_threshold (self->search)
                                                        : 0);
  if (item == NULL)
    return;
  lineup_compare_view_set_captions (self->compare, NULL, caption);

  d = lineup_candidate_item_get_decision (item);
  decision = lineup_candidate_item_dup_decision_text (item);
  if (decision)
    {
      g_autofree char *text = g_strdup_printf (_("Recorded: %s"), decision);
      lineup_decision_panel_set_status (self->decision_panel, text,
                                        lineup_decision_get_note (d));
    }
  else
    {
      lineup_decision_panel_set_status (self->decision_panel, _("None recorded yet"), NULL);
    }
}

/* A new candidate, or a decision just recorded: the form starts empty and
 * the details show what is now known. */
void
_lineup_search_page_clear_decision_form (LineupSearchPage *self)
{
  gtk_toggle_button_set_active (self->lead_toggle, FALSE);
  gtk_toggle_button_set_active (self->nomatch_toggle, FALSE);
  gtk_toggle_button_set_active (self->inconclusive_toggle, FALSE);
  lineup_decision_panel_clear_note (self->decision_panel);
  _lineup_search_page_update_details (self);
}

void
_lineup_search_page_show_item (LineupSearchPage    *self,
                               LineupCandidateItem *item)
{
  g_set_object (&self->shown, item);
  self->shown_photo = 0;
  /* Opening a candidate is audited, with whether its details were hidden. */
  lineup_db_candidate_viewed (lineup_session_get_db (self->session), self->user, self->search_id,
                              lineup_candidate_item_get_rank (item),
                              !lineup_candidate_item_get_revealed (item));
  _lineup_search_page_clear_decision_form (self);
  _lineup_search_page_load_photo (self);
  _lineup_search_page_update_actions (self);
}

/* Review status: a supervisor may have approved or rejected a possible
 * lead since it was recorded; the stored search says. */

static gboolean
review_pending (LineupSearchPage *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->candidates)); i++)
    {
      g_autoptr(LineupCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->candidates), i);
      LineupDecision    *d = lineup_candidate_item_get_decision (item);
      LineupDecisionKind kind;

      if (d != NULL && lineup_decision_get_kind (d, &kind) && kind == LINEUP_DECISION_POSSIBLE_LEAD && lineup_decision_get_review (d) == NULL)
        return TRUE;
    }
  return FALSE;
}

static void
refresh_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LineupSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupSearch) search = lineup_db_search_get_finish (LINEUP_DB (source), result, &error);
  GListModel *decisions;

  if (self->disposed || search == NULL || lineup_search_get_search_id (search) != self->search_id)
    {
      if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("review status: %s", error->message);
      return;
    }
  decisions = lineup_search_get_decisions (search);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->candidates)); i++)
    {
      g_autoptr(LineupCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->candidates), i);
      g_autoptr(LineupDecision) latest = NULL;

      /* Decisions come oldest first: the last one on the rank stands. */
      for (guint k = 0; decisions && k < g_list_model_get_n_items (decisions); k++)
        {
          g_autoptr(LineupDecision) d = g_list_model_get_item (decisions, k);

          if (lineup_decision_get_rank (d) == lineup_candidate_item_get_rank (item))
            g_set_object (&latest, d);
        }
      if (latest)
        lineup_candidate_item_set_decision (item, latest);
    }
  _lineup_search_page_update_details (self);
}

void
_lineup_search_page_refresh_reviews (LineupSearchPage *self)
{
  if (self->search_id <= 0 || self->user == NULL || !review_pending (self))
    return;
  lineup_db_search_get_async (lineup_session_get_db (self->session), self->user, self->search_id, self->cancellable,
                              refresh_ready, g_object_ref (self));
}

static void
decided (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupSearchPage    *self = g_task_get_source_object (task);
  LineupCandidateItem *item = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDecision) decision = lineup_db_decide_finish (LINEUP_DB (source), result, &error);
  gboolean was_hidden = !lineup_candidate_item_get_revealed (item);

  if (self->disposed)
    return;

  self->deciding = FALSE;
  if (decision == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_app_alert_error (GTK_WIDGET (self), _("The Decision Was Not Recorded"), error);
      _lineup_search_page_update_actions (self);
      return;
    }
  lineup_candidate_item_set_decision (item, decision);
  if (item == self->shown)
    {
      _lineup_search_page_clear_decision_form (self);
      /* The details are now on screen: that is a view too. */
      if (was_hidden)
        lineup_db_candidate_viewed (lineup_session_get_db (self->session), self->user, self->search_id,
                                    lineup_candidate_item_get_rank (item), FALSE);
    }
  _lineup_search_page_update_strip_summary (self);
  _lineup_search_page_update_actions (self);
}

void
_lineup_search_page_record_decision (LineupSearchPage  *self,
                                     LineupDecisionKind decision,
                                     const char        *note)
{
  g_autoptr(GTask) task = NULL;

  if (self->shown == NULL || self->deciding)
    return;
  self->deciding = TRUE;
  _lineup_search_page_update_actions (self);
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (self->shown), g_object_unref);
  lineup_db_decide_async (lineup_session_get_db (self->session), self->user, self->search_id,
                          lineup_candidate_item_get_rank (self->shown), decision, note,
                          self->cancellable, decided, g_steal_pointer (&task));
}
