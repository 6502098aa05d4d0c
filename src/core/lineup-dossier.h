/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-dossier.h: everything about a case, for the report and disclosure. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-case.h"
#include "lineup-probe-record.h"
#include "lineup-search.h"

G_BEGIN_DECLS

/* Everything about a case, for the lead report and the disclosure package:
 * {"case":{…},"probes":[{"id","sha256","source","original_name","user",
 *  "created_at","edits":[{"seq","op","params","user","created_at"}],
 *  "removed_edits":[…]}],"searches":[search JSON with "decisions"],
 *  "generated_at","generated_by","statement"} */
#define LINEUP_TYPE_DOSSIER (lineup_dossier_get_type ())
G_DECLARE_FINAL_TYPE (LineupDossier, lineup_dossier, LINEUP, DOSSIER, GObject)

LineupCase *lineup_dossier_get_case (LineupDossier *self);
GListModel *lineup_dossier_get_probes (LineupDossier *self);
GListModel *lineup_dossier_get_searches (LineupDossier *self);
const char *lineup_dossier_get_generated_at (LineupDossier *self);
const char *lineup_dossier_get_generated_by (LineupDossier *self);
const char *lineup_dossier_get_statement (LineupDossier *self);

/* The probe with this id, or NULL. (transfer none) */
LineupProbeRecord *lineup_dossier_find_probe (LineupDossier *self,
                                              gint64         probe_id);
JsonNode          *lineup_dossier_to_json (LineupDossier *self);
/* Lenient, for a dossier read back from a file or made by hand: only a
 * node that is not an object is refused; members that are missing or of
 * another type read as empty, and list elements that are not objects are
 * left out. */
LineupDossier *lineup_dossier_new_from_json (JsonNode *node,
                                             GError  **error);

G_END_DECLS
