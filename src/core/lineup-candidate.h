/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate.h: one gallery face a search listed. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-face.h"

G_BEGIN_DECLS

/* One candidate of a search: {"rank","distance","similarity","face_id",
 * "subject":{"id","label","person_id"},"booking_number","photo_sha256",
 * "booking_date","box":[l,t,r,b] ([] once purged),"landmarks":[x0,y0,…]
 * (absent once purged)}. box is NULL and landmarks empty once the booking
 * was purged; face-id is 0 then (null in the JSON). */
#define LINEUP_TYPE_CANDIDATE (lineup_candidate_get_type ())
G_DECLARE_FINAL_TYPE (LineupCandidate, lineup_candidate, LINEUP, CANDIDATE, GObject)

gint64             lineup_candidate_get_rank (LineupCandidate *self);
double             lineup_candidate_get_distance (LineupCandidate *self);
double             lineup_candidate_get_similarity (LineupCandidate *self);
gint64             lineup_candidate_get_face_id (LineupCandidate *self);
const char        *lineup_candidate_get_subject_id (LineupCandidate *self);
const char        *lineup_candidate_get_label (LineupCandidate *self);
const char        *lineup_candidate_get_person_id (LineupCandidate *self);
const char        *lineup_candidate_get_booking_number (LineupCandidate *self);
const char        *lineup_candidate_get_photo_sha256 (LineupCandidate *self);
const char        *lineup_candidate_get_booking_date (LineupCandidate *self);
const LineupBox   *lineup_candidate_get_box (LineupCandidate *self);
const LineupPoint *lineup_candidate_get_landmarks (LineupCandidate *self,
                                                   guint           *n_points);

JsonNode        *lineup_candidate_to_json (LineupCandidate *self);
LineupCandidate *lineup_candidate_new_from_json (JsonNode *node,
                                                 GError  **error);

G_END_DECLS
