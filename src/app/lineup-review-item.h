/* lineup-review-item.h: one possible lead waiting for a supervisor's
 * review, wrapping its object from lineup_db_review_queue (). */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_REVIEW_ITEM (lineup_review_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupReviewItem, lineup_review_item, LINEUP, REVIEW_ITEM, GObject)

LineupReviewItem *lineup_review_item_new             (JsonObject       *object);
JsonObject       *lineup_review_item_get_object      (LineupReviewItem *self);
gint64            lineup_review_item_get_decision_id (LineupReviewItem *self);
gint64            lineup_review_item_get_search_id   (LineupReviewItem *self);
gint64            lineup_review_item_get_rank        (LineupReviewItem *self);
const char       *lineup_review_item_get_case        (LineupReviewItem *self);
/* The signed-in user recorded this decision and may not review it. */
gboolean          lineup_review_item_get_own         (LineupReviewItem *self);
/* "Decided … ago"-style date for lists: local time, minutes. */
char             *lineup_review_item_format_time     (LineupReviewItem *self);

G_END_DECLS
