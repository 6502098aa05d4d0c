/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search-page-private.h: what the page's object file and its
 * actions file share. Nothing outside the search page includes this. */
#pragma once

#include "lineup-candidate-details.h"
#include "lineup-candidate-item.h"
#include "lineup-case-chooser.h"
#include "lineup-compare-view.h"
#include "lineup-decision-panel.h"
#include "lineup-probe-panel.h"
#include "lineup-search-page.h"
#include "lineup-session.h"

G_BEGIN_DECLS

struct _LineupSearchPage
{
  GtkWidget parent_instance;

  LineupSession *session;     /* construct-only */
  LineupUser    *user;        /* whose work is on screen */
  GCancellable  *cancellable; /* everything of the current case */
  GCancellable  *search_cancellable;

  LineupPolicy policy;
  gboolean     have_policy;

  LineupCase *kase;

  /* the search */
  LineupSearch        *search;
  gint64               search_id;
  gboolean             blind;
  LineupFace          *searched_face;
  GListStore          *candidates;
  GtkSingleSelection  *selection;
  LineupCandidateItem *shown;
  guint                shown_photo;
  gboolean             deciding;

  LineupSearchState state;
  char             *subtitle;
  gboolean          disposed;

  /* template */
  AdwToastOverlay        *toast_overlay;
  GtkLabel               *lead_label;
  GtkStack               *main_stack;
  LineupCaseChooser      *case_chooser;
  GtkLabel               *case_title;
  GtkLabel               *case_detail;
  GtkWidget              *probe_panel;
  LineupProbePanel       *probe;
  LineupProbeSession     *probe_session; /* the current case's probe */
  AdwActionRow           *topk_row;
  AdwActionRow           *threshold_row;
  GtkSpinButton          *topk_spin;
  GtkSpinButton          *threshold_spin;
  GtkWidget              *search_button;
  GtkLabel               *search_hint;
  GtkStack               *result_stack;
  GtkProgressBar         *progress;
  AdwStatusPage          *nohit_page;
  GtkLabel               *strip_summary;
  GtkWidget              *blind_badge;
  GtkGridView            *strip;
  LineupCompareView      *compare;
  LineupCandidateDetails *details;
  LineupDecisionPanel    *decision_panel;
  GtkToggleButton        *lead_toggle;
  GtkToggleButton        *nomatch_toggle;
  GtkToggleButton        *inconclusive_toggle;
  GtkWidget              *record_button;
};

/* lineup-search-page.c */
void     _lineup_search_page_set_state (LineupSearchPage *self,
                                        LineupSearchState state);
void     _lineup_search_page_reset_search (LineupSearchPage *self);
void     _lineup_search_page_clear_case (LineupSearchPage *self);
gboolean _lineup_search_page_has_original (LineupSearchPage *self);
void     _lineup_search_page_show_item (LineupSearchPage    *self,
                                        LineupCandidateItem *item);
void     _lineup_search_page_update_details (LineupSearchPage *self);
void     _lineup_search_page_load_photo (LineupSearchPage *self);
void     _lineup_search_page_clear_decision_form (LineupSearchPage *self);

/* lineup-search-page-lineup.c */
void _lineup_search_page_run_search (LineupSearchPage *self);
void _lineup_search_page_selection_changed (LineupSearchPage *self);
void _lineup_search_page_refresh_reviews (LineupSearchPage *self);
void _lineup_search_page_record_decision (LineupSearchPage  *self,
                                          LineupDecisionKind decision,
                                          const char        *note);
void _lineup_search_page_update_strip_summary (LineupSearchPage *self);

/* lineup-search-page-actions.c */
void _lineup_search_page_class_actions_init (GtkWidgetClass *widget_class);
/* Enables the actions and sets the hint for the page's state. */
void _lineup_search_page_update_actions (LineupSearchPage *self);

G_END_DECLS
