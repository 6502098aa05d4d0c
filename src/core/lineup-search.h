/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search.h: a stored search: its parameters, the probe face, the candidates. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-candidate.h"
#include "lineup-candidate-group.h"
#include "lineup-decision.h"
#include "lineup-face.h"
#include "lineup-probe-edit.h"

G_BEGIN_DECLS

/* A stored search, as lineup_db_search returns it and lineup_db_search_get
 * and the dossier give it again (then with its decisions):
 * {"search_id","case","probe_id","probe_sha256","edit_seq","model",
 *  "model_sha256","threshold","top_k","gallery_size","no_hit","created_at",
 *  "user","probe_face":{…} (as stored),"probe_edits":[{"seq","op","params"}]
 *  (the steps up to edit_seq),"candidates":[…],"groups":[…],
 *  "decisions":[…] (search_get and the dossier only)}
 * probe-face is the stored JSON of the searched face (lineup_face_to_json
 * with "model" and "reasons"); its box and landmarks are read into
 * probe-box and probe-landmarks. */
#define LINEUP_TYPE_SEARCH (lineup_search_get_type ())
G_DECLARE_FINAL_TYPE (LineupSearch, lineup_search, LINEUP, SEARCH, GObject)

gint64             lineup_search_get_search_id (LineupSearch *self);
const char        *lineup_search_get_case_number (LineupSearch *self);
gint64             lineup_search_get_probe_id (LineupSearch *self);
const char        *lineup_search_get_probe_sha256 (LineupSearch *self);
gint64             lineup_search_get_edit_seq (LineupSearch *self);
const char        *lineup_search_get_model (LineupSearch *self);
const char        *lineup_search_get_model_sha256 (LineupSearch *self);
double             lineup_search_get_threshold (LineupSearch *self);
gint64             lineup_search_get_top_k (LineupSearch *self);
gint64             lineup_search_get_gallery_size (LineupSearch *self);
gboolean           lineup_search_get_no_hit (LineupSearch *self);
const char        *lineup_search_get_created_at (LineupSearch *self);
const char        *lineup_search_get_user (LineupSearch *self);
JsonObject        *lineup_search_get_probe_face (LineupSearch *self);
const LineupBox   *lineup_search_get_probe_box (LineupSearch *self);
const LineupPoint *lineup_search_get_probe_landmarks (LineupSearch *self,
                                                      guint        *n_points);
GListModel        *lineup_search_get_probe_edits (LineupSearch *self);
GListModel        *lineup_search_get_candidates (LineupSearch *self);
GListModel        *lineup_search_get_groups (LineupSearch *self);
GListModel        *lineup_search_get_decisions (LineupSearch *self);

JsonNode     *lineup_search_to_json (LineupSearch *self);
LineupSearch *lineup_search_new_from_json (JsonNode *node,
                                           GError  **error);

G_END_DECLS
