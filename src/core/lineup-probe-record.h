/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-record.h: a stored probe: its original and its edit history. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-case.h"
#include "lineup-probe-edit.h"

G_BEGIN_DECLS

/* A probe as lineup_db_probe_add gives it, {"id","case","sha256","source",
 * "original_name"}, or as the dossier tells its history, {"id","sha256",
 * "source","original_name","user","created_at","edits":[…],
 * "removed_edits":[…]} (edits: LineupProbeEdit). Which members come is what
 * the record holds: "case" when case-number is set, the history when edits
 * is. */
#define LINEUP_TYPE_PROBE_RECORD (lineup_probe_record_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbeRecord, lineup_probe_record, LINEUP, PROBE_RECORD, GObject)

gint64      lineup_probe_record_get_id (LineupProbeRecord *self);
const char *lineup_probe_record_get_case_number (LineupProbeRecord *self);
const char *lineup_probe_record_get_sha256 (LineupProbeRecord *self);
const char *lineup_probe_record_get_source (LineupProbeRecord *self);
const char *lineup_probe_record_get_original_name (LineupProbeRecord *self);
const char *lineup_probe_record_get_user (LineupProbeRecord *self);
const char *lineup_probe_record_get_created_at (LineupProbeRecord *self);
GListModel *lineup_probe_record_get_edits (LineupProbeRecord *self);
GListModel *lineup_probe_record_get_removed_edits (LineupProbeRecord *self);

/* The source as a LineupProbeSource; FALSE for an unknown one. */
gboolean           lineup_probe_record_get_source_kind (LineupProbeRecord *self,
                                                        LineupProbeSource *source);
JsonNode          *lineup_probe_record_to_json (LineupProbeRecord *self);
LineupProbeRecord *lineup_probe_record_new_from_json (JsonNode *node,
                                                      GError  **error);

G_END_DECLS
