/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-audit-item.h: one audit-log entry in the audit page's list,
 * wrapping its object from lineup_db_audit_list (). */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_AUDIT_ITEM (lineup_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupAuditItem, lineup_audit_item, LINEUP, AUDIT_ITEM, GObject)

LineupAuditItem *lineup_audit_item_new (JsonObject *object);
JsonObject      *lineup_audit_item_get_object (LineupAuditItem *self);
gint64           lineup_audit_item_get_seq (LineupAuditItem *self);
/* Display strings, made once: local time to the second, user, action,
 * "type id", and a one-line summary of the details. */
const char *lineup_audit_item_get_time (LineupAuditItem *self);
const char *lineup_audit_item_get_user (LineupAuditItem *self);
const char *lineup_audit_item_get_action (LineupAuditItem *self);
const char *lineup_audit_item_get_object_type (LineupAuditItem *self);
const char *lineup_audit_item_get_object_id (LineupAuditItem *self);
const char *lineup_audit_item_get_target (LineupAuditItem *self);
const char *lineup_audit_item_get_summary (LineupAuditItem *self);
/* The details pretty-printed. */
char *lineup_audit_item_dup_details_json (LineupAuditItem *self);

/* A JSON scalar as text ("" for null, containers as compact JSON). */
char *lineup_json_node_to_text (JsonNode *node);

G_END_DECLS
