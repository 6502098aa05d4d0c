/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-queue-entry.h: a possible lead waiting for a supervisor's review. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-candidate.h"
#include "lineup-decision.h"
#include "lineup-face.h"

G_BEGIN_DECLS

/* A possible lead waiting for review, as lineup_db_review_queue lists it:
 * the decision (its author in user), the candidate it is about, the case and
 * the probe version searched.
 * {"decision_id","case","offence" (label),"search_id","rank","note",
 *  "author","created_at","own","probe_sha256","edit_seq","photo_sha256",
 *  "booking_number","label","distance","similarity","probe_face":{…},
 *  "offence_code","box":[l,t,r,b] ([] once purged),"landmarks":[…]} */
#define LINEUP_TYPE_QUEUE_ENTRY (lineup_queue_entry_get_type ())
G_DECLARE_FINAL_TYPE (LineupQueueEntry, lineup_queue_entry, LINEUP, QUEUE_ENTRY, GObject)

LineupDecision  *lineup_queue_entry_get_decision (LineupQueueEntry *self);
LineupCandidate *lineup_queue_entry_get_candidate (LineupQueueEntry *self);
const char      *lineup_queue_entry_get_case_number (LineupQueueEntry *self);
const char      *lineup_queue_entry_get_offence_label (LineupQueueEntry *self);
const char      *lineup_queue_entry_get_offence_code (LineupQueueEntry *self);
gboolean         lineup_queue_entry_get_own (LineupQueueEntry *self);
const char      *lineup_queue_entry_get_probe_sha256 (LineupQueueEntry *self);
gint64           lineup_queue_entry_get_edit_seq (LineupQueueEntry *self);
JsonObject      *lineup_queue_entry_get_probe_face (LineupQueueEntry *self);
/* The searched face's box (NULL: none stored) and its landmarks, in the
 * searched (edited) probe's pixels, read once from probe_face. */
const LineupBox   *lineup_queue_entry_get_probe_box (LineupQueueEntry *self);
const LineupPoint *lineup_queue_entry_get_probe_landmarks (LineupQueueEntry *self,
                                                           guint            *n_points);

JsonNode *lineup_queue_entry_to_json (LineupQueueEntry *self);
/* A GListModel of LineupQueueEntry as a JSON array. */
JsonNode *lineup_queue_entry_list_to_json (GListModel *entries);

G_END_DECLS
