/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-edit.h: one edit step replayed on a probe's original. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One edit step of a probe: {"seq","op","params"}, and in the dossier also
 * "user" and "created_at" (who made it, when). */
#define LINEUP_TYPE_PROBE_EDIT (lineup_probe_edit_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbeEdit, lineup_probe_edit, LINEUP, PROBE_EDIT, GObject)

gint64      lineup_probe_edit_get_seq (LineupProbeEdit *self);
const char *lineup_probe_edit_get_op (LineupProbeEdit *self);
JsonObject *lineup_probe_edit_get_params (LineupProbeEdit *self);
const char *lineup_probe_edit_get_user (LineupProbeEdit *self);
const char *lineup_probe_edit_get_created_at (LineupProbeEdit *self);

JsonNode        *lineup_probe_edit_to_json (LineupProbeEdit *self);
LineupProbeEdit *lineup_probe_edit_new_from_json (JsonNode *node,
                                                  GError  **error);
/* Steps as lineup_probe_apply_edits takes them: [{"op","params"}]. */
JsonArray *lineup_probe_edit_list_to_steps (GListModel *edits);

G_END_DECLS
