/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-json.c: lenient readers for the core's JSON results. */
#define G_LOG_DOMAIN "lineup-json"

#include "config.h"

#include "lineup-json.h"

static JsonNode *
value_member (JsonObject *o,
              const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) ? n : NULL;
}

const char *
lineup_json_get_string (JsonObject *o,
                        const char *member)
{
  JsonNode *n = value_member (o, member);

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_STRING)
    return "";
  return json_node_get_string (n);
}

double
lineup_json_get_double (JsonObject *o,
                        const char *member)
{
  JsonNode *n = value_member (o, member);

  return n != NULL ? json_node_get_double (n) : 0.0;
}

gint64
lineup_json_get_int (JsonObject *o,
                     const char *member)
{
  JsonNode *n = value_member (o, member);

  return n != NULL ? json_node_get_int (n) : 0;
}

gboolean
lineup_json_get_boolean (JsonObject *o,
                         const char *member)
{
  JsonNode *n = value_member (o, member);

  return n != NULL && json_node_get_boolean (n);
}

JsonObject *
lineup_json_get_object (JsonObject *o,
                        const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

gboolean
lineup_json_get_box (JsonObject *o,
                     const char *member,
                     LineupBox  *box)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return FALSE;
  a = json_node_get_array (n);
  if (json_array_get_length (a) != 4)
    return FALSE;
  box->left = json_array_get_double_element (a, 0);
  box->top = json_array_get_double_element (a, 1);
  box->right = json_array_get_double_element (a, 2);
  box->bottom = json_array_get_double_element (a, 3);
  return TRUE;
}

JsonArray *
lineup_json_get_array (JsonObject *o,
                       const char *member)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

JsonObject *
lineup_json_array_get_object (JsonArray *a,
                              guint      i)
{
  JsonNode *n = a != NULL && i < json_array_get_length (a) ? json_array_get_element (a, i) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

guint
lineup_json_array_length (JsonArray *a)
{
  return a != NULL ? json_array_get_length (a) : 0;
}
