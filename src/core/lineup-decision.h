/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-decision.h: a detective's decision on a candidate. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-case.h"
#include "lineup-review.h"

G_BEGIN_DECLS

/* A decision on a candidate. lineup_db_decide gives {"id","search_id",
 * "rank","decision","note","user","created_at","booking_number"}; inside a
 * search it is {"id","rank","decision","note","user","created_at",
 * "review":{…}|null}. */
#define LINEUP_TYPE_DECISION (lineup_decision_get_type ())
G_DECLARE_FINAL_TYPE (LineupDecision, lineup_decision, LINEUP, DECISION, GObject)

gint64        lineup_decision_get_id (LineupDecision *self);
gint64        lineup_decision_get_search_id (LineupDecision *self);
gint64        lineup_decision_get_rank (LineupDecision *self);
const char   *lineup_decision_get_decision (LineupDecision *self);
const char   *lineup_decision_get_note (LineupDecision *self);
const char   *lineup_decision_get_user (LineupDecision *self);
const char   *lineup_decision_get_created_at (LineupDecision *self);
const char   *lineup_decision_get_booking_number (LineupDecision *self);
LineupReview *lineup_decision_get_review (LineupDecision *self);

/* The decision as a LineupDecisionKind; FALSE for an unknown one. */
gboolean        lineup_decision_get_kind (LineupDecision     *self,
                                          LineupDecisionKind *kind);
JsonNode       *lineup_decision_to_json (LineupDecision *self);
LineupDecision *lineup_decision_new_from_json (JsonNode *node,
                                               GError  **error);

G_END_DECLS
