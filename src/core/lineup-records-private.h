/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-records-private.h: what the records share among themselves and
 * with the database jobs that make them. Nothing outside src/core includes
 * this. */
#pragma once

#include <json-glib/json-glib.h>

#include "lineup-candidate.h"
#include "lineup-decision.h"
#include "lineup-face.h"
#include "lineup-review.h"
#include "lineup-search.h"

G_BEGIN_DECLS

/* A node holding o or a (taken: the caller's reference moves into it). */
JsonNode *lineup_records_take_object (JsonObject *o);
JsonNode *lineup_records_take_array (JsonArray *a);

/* Each item as to_json (JsonNode *(*) (item)) gives it; list may be NULL. */
JsonArray *lineup_records_list_to_json (GListModel *list,
                                        gpointer    to_json);
/* A GListStore of type from the array's objects, through from_json
 * (type *(*) (JsonNode *, GError **)); other elements are left out. */
GListModel *lineup_records_list_from_json (JsonArray *array,
                                           GType      type,
                                           gpointer   from_json);

/* [l, t, r, b], or [] for NULL. */
JsonArray *lineup_records_box_to_json (const LineupBox *box);
/* [x0, y0, x1, y1, …] */
JsonArray *lineup_records_points_to_flat_json (GArray *points);

/* The shapes a review and a decision have inside a search's decisions. */
JsonObject *lineup_review_to_json_in_decision (LineupReview *self);
JsonObject *lineup_decision_to_json_in_search (LineupDecision *self);

/* The candidates (by rank) grouped by person: LineupCandidateGroup. */
GListModel *lineup_candidate_groups_new (GListModel *candidates);

/* probe_face is the stored JSON of the searched face; its box and landmarks
 * are read from it. decisions may be NULL (not fetched). */
LineupSearch *lineup_search_new (gint64      search_id,
                                 const char *case_number,
                                 gint64      probe_id,
                                 const char *probe_sha256,
                                 gint64      edit_seq,
                                 const char *model,
                                 const char *model_sha256,
                                 double      threshold,
                                 gint64      top_k,
                                 gint64      gallery_size,
                                 gboolean    no_hit,
                                 const char *created_at,
                                 const char *user,
                                 JsonObject *probe_face,
                                 GListModel *probe_edits,
                                 GListModel *candidates,
                                 GListModel *groups,
                                 GListModel *decisions);

G_END_DECLS
