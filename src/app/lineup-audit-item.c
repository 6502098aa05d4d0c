/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-audit-item.c: an audit entry with its display strings computed
 * once, so scrolling a long log only binds labels. */
#define G_LOG_DOMAIN "lineup-audit"

#include "config.h"

#include "lineup-app-util.h"
#include "lineup-audit-item.h"

#define SUMMARY_MAX_CHARS 160

struct _LineupAuditItem
{
  GObject     parent_instance;
  JsonObject *object;
  char       *time;
  char       *object_id;
  char       *target;
  char       *summary;
};

G_DEFINE_FINAL_TYPE (LineupAuditItem, lineup_audit_item, G_TYPE_OBJECT)

static void
lineup_audit_item_finalize (GObject *object)
{
  LineupAuditItem *self = LINEUP_AUDIT_ITEM (object);

  g_clear_pointer (&self->object, json_object_unref);
  g_free (self->time);
  g_free (self->object_id);
  g_free (self->target);
  g_free (self->summary);
  G_OBJECT_CLASS (lineup_audit_item_parent_class)->finalize (object);
}

static void
lineup_audit_item_class_init (LineupAuditItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_audit_item_finalize;
}

static void
lineup_audit_item_init (LineupAuditItem *self)
{
}

char *
lineup_json_node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        case G_TYPE_DOUBLE:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", json_node_get_double (node)));
          }
        default:
          break;
        }
    }
  return json_to_string (node, FALSE);
}

/* "key: value · key: value", scalars first, cut to one line. */
static char *
summarize (JsonNode *details)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  if (details == NULL || JSON_NODE_HOLDS_NULL (details))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_OBJECT (details))
    return lineup_json_node_to_text (details);
  json_object_iter_init (&iter, json_node_get_object (details));
  while (json_object_iter_next (&iter, &name, &member) && out->len < SUMMARY_MAX_CHARS)
    {
      g_autofree char *value = NULL;

      if (!JSON_NODE_HOLDS_VALUE (member))
        continue;
      value = lineup_json_node_to_text (member);
      if (*value == '\0')
        continue; /* an unused filter field, say */
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append_printf (out, "%s: %s", name, value);
    }
  /* One line in the table: newlines in free text would break the row. */
  g_strdelimit (out->str, "\n\r\t", ' ');
  if (g_utf8_strlen (out->str, -1) > SUMMARY_MAX_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (out->str, 0, SUMMARY_MAX_CHARS);
      return g_strconcat (cut, "…", NULL);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

LineupAuditItem *
lineup_audit_item_new (JsonObject *object)
{
  LineupAuditItem *self = g_object_new (LINEUP_TYPE_AUDIT_ITEM, NULL);
  const char      *type;

  self->object = json_object_ref (object);
  self->time = lineup_app_format_time (lineup_json_get_string (object, "ts"), "%Y-%m-%d %H:%M:%S");
  self->object_id = lineup_json_node_to_text (json_object_get_member (object, "object_id"));
  type = lineup_audit_item_get_object_type (self);
  self->target = *type ? g_strdup_printf ("%s %s", type, self->object_id) : g_strdup (self->object_id);
  g_strstrip (self->target);
  self->summary = summarize (json_object_get_member (object, "details"));
  return self;
}

JsonObject *
lineup_audit_item_get_object (LineupAuditItem *self)
{
  g_return_val_if_fail (LINEUP_IS_AUDIT_ITEM (self), NULL);
  return self->object;
}

gint64
lineup_audit_item_get_seq (LineupAuditItem *self)
{
  return json_object_get_int_member_with_default (self->object, "seq", 0);
}

const char *
lineup_audit_item_get_time (LineupAuditItem *self)
{
  return self->time;
}

const char *
lineup_audit_item_get_user (LineupAuditItem *self)
{
  return lineup_json_get_string (self->object, "user");
}

const char *
lineup_audit_item_get_action (LineupAuditItem *self)
{
  return lineup_json_get_string (self->object, "action");
}

const char *
lineup_audit_item_get_object_type (LineupAuditItem *self)
{
  return lineup_json_get_string (self->object, "object_type");
}

const char *
lineup_audit_item_get_object_id (LineupAuditItem *self)
{
  return self->object_id;
}

const char *
lineup_audit_item_get_target (LineupAuditItem *self)
{
  return self->target;
}

const char *
lineup_audit_item_get_summary (LineupAuditItem *self)
{
  return self->summary;
}

char *
lineup_audit_item_dup_details_json (LineupAuditItem *self)
{
  JsonNode *details = json_object_get_member (self->object, "details");

  if (details == NULL || JSON_NODE_HOLDS_NULL (details))
    return g_strdup ("{}");
  return json_to_string (details, TRUE);
}
