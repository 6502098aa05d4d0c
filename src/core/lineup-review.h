/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-review.h: a supervisor's review of a possible lead. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A supervisor's review of a possible lead. lineup_db_review gives
 * {"decision_id","case","verdict","comment","user","case_status"}; inside a
 * search's decision it is {"verdict","comment","user","created_at"}. */
#define LINEUP_TYPE_REVIEW (lineup_review_get_type ())
G_DECLARE_FINAL_TYPE (LineupReview, lineup_review, LINEUP, REVIEW, GObject)

gint64      lineup_review_get_decision_id (LineupReview *self);
const char *lineup_review_get_case_number (LineupReview *self);
const char *lineup_review_get_verdict (LineupReview *self);
const char *lineup_review_get_comment (LineupReview *self);
const char *lineup_review_get_user (LineupReview *self);
const char *lineup_review_get_created_at (LineupReview *self);
const char *lineup_review_get_case_status (LineupReview *self);

/* TRUE for an approval. */
gboolean      lineup_review_is_approved (LineupReview *self);
JsonNode     *lineup_review_to_json (LineupReview *self);
LineupReview *lineup_review_new_from_json (JsonNode *node,
                                           GError  **error);

G_END_DECLS
