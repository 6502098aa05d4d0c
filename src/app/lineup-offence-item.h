/* lineup-offence-item.h: one offence category in Preferences → Policy (a
 * row of lineup_db_offences_list's JSON as a list-model item). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_OFFENCE_ITEM (lineup_offence_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupOffenceItem, lineup_offence_item, LINEUP, OFFENCE_ITEM, GObject)

LineupOffenceItem *lineup_offence_item_new                (JsonObject        *object);
const char        *lineup_offence_item_get_code           (LineupOffenceItem *self);
const char        *lineup_offence_item_get_label          (LineupOffenceItem *self);
gboolean           lineup_offence_item_get_search_allowed (LineupOffenceItem *self);

G_END_DECLS
