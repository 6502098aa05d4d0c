/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-group.h: a search's candidates of one person. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A search's candidates grouped by person: the person's best face and how
 * many of their photos came up. {"subject_id","label","best_rank",
 * "best_distance","matches"} */
#define LINEUP_TYPE_CANDIDATE_GROUP (lineup_candidate_group_get_type ())
G_DECLARE_FINAL_TYPE (LineupCandidateGroup, lineup_candidate_group, LINEUP, CANDIDATE_GROUP, GObject)

const char *lineup_candidate_group_get_subject_id (LineupCandidateGroup *self);
const char *lineup_candidate_group_get_label (LineupCandidateGroup *self);
gint64      lineup_candidate_group_get_best_rank (LineupCandidateGroup *self);
double      lineup_candidate_group_get_best_distance (LineupCandidateGroup *self);
gint64      lineup_candidate_group_get_matches (LineupCandidateGroup *self);

JsonNode             *lineup_candidate_group_to_json (LineupCandidateGroup *self);
LineupCandidateGroup *lineup_candidate_group_new_from_json (JsonNode *node,
                                                            GError  **error);

G_END_DECLS
