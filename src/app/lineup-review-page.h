/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-review-page.h: the supervisor's queue of possible leads, each
 * compared side by side and approved or rejected with a comment. */
#pragma once

#include <adwaita.h>

#include "lineup-session.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_REVIEW_PAGE (lineup_review_page_get_type ())
G_DECLARE_FINAL_TYPE (LineupReviewPage, lineup_review_page, LINEUP, REVIEW_PAGE, GtkWidget)

/* Reads the database, data folder and signed-in user from session; follows
 * its "user" property. */
GtkWidget *lineup_review_page_new (LineupSession *session);
void       lineup_review_page_refresh (LineupReviewPage *self);
/* The queue (LineupJsonItem around the core's review-queue objects), and
 * whether a query is running. */
GListModel *lineup_review_page_get_model (LineupReviewPage *self);
gboolean    lineup_review_page_get_loading (LineupReviewPage *self);
/* Opens one queue item (blind), as selecting it in the list does. */
void lineup_review_page_select (LineupReviewPage *self,
                                guint             position);

G_END_DECLS
