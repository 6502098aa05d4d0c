/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-json-item.h: a list item around one JSON object from the core (a
 * case, an offence category, an account, a lead waiting for review, an edit
 * step), for GListStore-backed lists. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_JSON_ITEM (lineup_json_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupJsonItem, lineup_json_item, LINEUP, JSON_ITEM, GObject)

/* Properties "title" and "subtitle" are what lists show; the object is
 * kept as it came (a reference). */
LineupJsonItem *lineup_json_item_new (JsonObject *object,
                                      const char *title,
                                      const char *subtitle);
JsonObject     *lineup_json_item_get_object (LineupJsonItem *self);
const char     *lineup_json_item_get_title (LineupJsonItem *self);
const char     *lineup_json_item_get_subtitle (LineupJsonItem *self);
/* Members of the object: "", 0 or FALSE when missing or of another type. */
const char *lineup_json_item_get_string (LineupJsonItem *self,
                                         const char     *member);
gint64      lineup_json_item_get_int (LineupJsonItem *self,
                                      const char     *member);
gboolean    lineup_json_item_get_boolean (LineupJsonItem *self,
                                          const char     *member);

G_END_DECLS
