/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case.h: the case record, and the words of the case domain: probe
 * sources, decision kinds and the lead statement. The database jobs that
 * make and change cases are in lineup-db-case.h.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Probe sources. Composite sketches and look-alikes are refused by policy:
 * the network was never shown to find a person from a drawing or from
 * someone who resembles them, and such searches produced wrongful arrests. */
typedef enum
{
  LINEUP_SOURCE_SURVEILLANCE,
  LINEUP_SOURCE_WITNESS,
  LINEUP_SOURCE_SOCIAL_MEDIA,
  LINEUP_SOURCE_OTHER,
} LineupProbeSource;

gboolean    lineup_probe_source_from_string (const char        *text,
                                             LineupProbeSource *source,
                                             GError           **error);
const char *lineup_probe_source_to_string (LineupProbeSource source);
const char *lineup_probe_source_label (LineupProbeSource source);

typedef enum
{
  LINEUP_DECISION_POSSIBLE_LEAD,
  LINEUP_DECISION_NOT_A_MATCH,
  LINEUP_DECISION_INCONCLUSIVE,
} LineupDecisionKind;

/* What a detective decided about a candidate (the LineupDecision record
 * carries one). */
gboolean    lineup_decision_from_string (const char         *text,
                                         LineupDecisionKind *decision,
                                         GError            **error);
const char *lineup_decision_to_string (LineupDecisionKind decision);
const char *lineup_decision_label (LineupDecisionKind decision);

/* The standing statement on every screen, report and export. */
#define LINEUP_LEAD_STATEMENT                                                 \
  N_("A candidate is an investigative lead, not a positive identification. " \
     "It must not be the sole basis for an arrest.")

/* A case as lineup_db_case_new/list and the dossier give it. Immutable:
 * the properties are construct-only. JSON:
 * {"id","number","offence","offence_label","reason","status","created_by",
 *  "created_at","search_allowed","searches"} */
#define LINEUP_TYPE_CASE (lineup_case_get_type ())
G_DECLARE_FINAL_TYPE (LineupCase, lineup_case, LINEUP, CASE, GObject)

gint64      lineup_case_get_id (LineupCase *self);
const char *lineup_case_get_number (LineupCase *self);
const char *lineup_case_get_offence (LineupCase *self);
const char *lineup_case_get_offence_label (LineupCase *self);
const char *lineup_case_get_reason (LineupCase *self);
const char *lineup_case_get_status (LineupCase *self);
const char *lineup_case_get_created_by (LineupCase *self);
const char *lineup_case_get_created_at (LineupCase *self);
gboolean    lineup_case_get_search_allowed (LineupCase *self);
gint64      lineup_case_get_searches (LineupCase *self);

JsonNode *lineup_case_to_json (LineupCase *self);
/* Lenient: a member that is missing or of another type reads as empty. */
LineupCase *lineup_case_new_from_json (JsonNode *node,
                                       GError  **error);
/* A GListModel of LineupCase as a JSON array. */
JsonNode *lineup_case_list_to_json (GListModel *cases);

G_END_DECLS
