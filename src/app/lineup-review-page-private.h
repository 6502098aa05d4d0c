/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-review-page-private.h: what the review page's object file and
 * its image loads share. Nothing outside the review page includes this. */
#pragma once

#include "lineup-compare-view.h"
#include "lineup-decision-panel.h"
#include "lineup-review-page.h"
#include "lineup-session.h"

G_BEGIN_DECLS

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
  LineupQueueEntry   *shown;
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

/* A text the database may leave out, as the page shows its absence. */
static inline const char *
lineup_review_or_else (const char *text,
                       const char *fallback)
{
  return text != NULL ? text : fallback;
}

/* lineup-review-page-images.c: the shown lead's two pictures, the probe
 * replayed as it was searched and the booking photo through the compare
 * view; a problem with either goes in the page's problems label. */
void _lineup_review_page_load_images (LineupReviewPage *self);
/* The compare view's "candidate-failed". */
void _lineup_review_page_candidate_failed (LineupReviewPage *self,
                                           const char       *message);

G_END_DECLS
