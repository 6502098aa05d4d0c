/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-records.c: what the record classes share: lists to and from JSON,
 * and the JSON spellings of a box and of landmarks. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include "lineup-json.h"
#include "lineup-records-private.h"

JsonNode *
lineup_records_take_object (JsonObject *o)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, o);
  return node;
}

JsonNode *
lineup_records_take_array (JsonArray *a)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, a);
  return node;
}

JsonArray *
lineup_records_list_to_json (GListModel *list,
                             gpointer    to_json)
{
  JsonNode *(*func) (gpointer item) = to_json;
  JsonArray *arr = json_array_new ();

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      json_array_add_element (arr, func (item));
    }
  return arr;
}

GListModel *
lineup_records_list_from_json (JsonArray *array,
                               GType      type,
                               gpointer   from_json)
{
  gpointer (*func) (JsonNode * node, GError * *error) = from_json;
  GListStore *store = g_list_store_new (type);

  /* Elements that are not objects are left out: a document read back may
   * hold anything. */
  for (guint i = 0; i < lineup_json_array_length (array); i++)
    {
      g_autoptr(GObject) item = func (json_array_get_element (array, i), NULL);

      if (item != NULL)
        g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

JsonArray *
lineup_records_box_to_json (const LineupBox *box)
{
  JsonArray *arr = json_array_new ();

  if (box != NULL)
    {
      json_array_add_double_element (arr, box->left);
      json_array_add_double_element (arr, box->top);
      json_array_add_double_element (arr, box->right);
      json_array_add_double_element (arr, box->bottom);
    }
  return arr;
}

JsonArray *
lineup_records_points_to_flat_json (GArray *points)
{
  JsonArray *arr = json_array_new ();

  for (guint i = 0; i < points->len; i++)
    {
      const LineupPoint *p = &g_array_index (points, LineupPoint, i);

      json_array_add_double_element (arr, p->x);
      json_array_add_double_element (arr, p->y);
    }
  return arr;
}
