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
  JsonNode  *n = o != NULL ? json_object_get_member (o, member) : NULL;
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

const char *
lineup_json_get_string_or_null (JsonObject *o,
                                const char *member)
{
  JsonNode *n = value_member (o, member);

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
node_number (JsonNode *n,
             double   *value)
{
  GType type;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  type = json_node_get_value_type (n);
  if (type == G_TYPE_INT64)
    *value = (double)json_node_get_int (n);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (n);
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (n);
      char       *end = NULL;

      *value = g_ascii_strtod (text, &end);
      return end != text && *end == '\0';
    }
  else
    return FALSE;
  return TRUE;
}

gboolean
lineup_json_get_number (JsonObject *o,
                        const char *member,
                        double     *value)
{
  return node_number (o != NULL ? json_object_get_member (o, member) : NULL, value);
}

gint64
lineup_json_get_int_or (JsonObject *o,
                        const char *member,
                        gint64      fallback)
{
  double value;

  if (!lineup_json_get_number (o, member, &value) || !(value > -9e18 && value < 9e18))
    return fallback;
  return (gint64)value;
}

gboolean
lineup_json_get_flag (JsonObject *o,
                      const char *member)
{
  JsonNode *n = value_member (o, member);
  double    value;

  if (n != NULL && json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (n);
  if (g_strcmp0 (lineup_json_get_string_or_null (o, member), "true") == 0)
    return TRUE;
  return lineup_json_get_number (o, member, &value) && value != 0;
}

gboolean
lineup_json_read_box (JsonObject *o,
                      const char *member,
                      LineupBox  *box)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, member) : NULL;
  double    v[4];

  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *b = json_node_get_object (n);
      const char *sides[] = { "left", "top", "right", "bottom" };

      for (guint i = 0; i < 4; i++)
        if (!lineup_json_get_number (b, sides[i], &v[i]))
          return FALSE;
    }
  else if (n != NULL && JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) == 4)
    {
      for (guint i = 0; i < 4; i++)
        if (!node_number (json_array_get_element (json_node_get_array (n), i), &v[i]))
          return FALSE;
    }
  else
    return FALSE;
  box->left = v[0];
  box->top = v[1];
  box->right = v[2];
  box->bottom = v[3];
  return TRUE;
}

GArray *
lineup_json_read_points (JsonObject *o,
                         const char *member)
{
  JsonArray *a = lineup_json_get_array (o, member);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (LineupPoint));
  guint n = lineup_json_array_length (a);

  for (guint i = 0; i < n; i++)
    {
      JsonNode   *e = json_array_get_element (a, i);
      LineupPoint p;

      if (JSON_NODE_HOLDS_ARRAY (e) && json_array_get_length (json_node_get_array (e)) == 2 &&
          node_number (json_array_get_element (json_node_get_array (e), 0), &p.x) &&
          node_number (json_array_get_element (json_node_get_array (e), 1), &p.y))
        g_array_append_val (points, p);
      else if (i + 1 < n && node_number (e, &p.x) && node_number (json_array_get_element (a, i + 1), &p.y))
        {
          g_array_append_val (points, p);
          i++;
        }
      else
        return NULL;
    }
  return points->len > 0 ? g_steal_pointer (&points) : NULL;
}
