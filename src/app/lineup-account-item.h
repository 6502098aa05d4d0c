/* lineup-account-item.h: one account in Preferences → Accounts (a row of
 * lineup_db_user_list's JSON as a list-model item). */
#pragma once

#include <json-glib/json-glib.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_ACCOUNT_ITEM (lineup_account_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupAccountItem, lineup_account_item, LINEUP, ACCOUNT_ITEM, GObject)

LineupAccountItem *lineup_account_item_new              (JsonObject        *object);
const char        *lineup_account_item_get_name         (LineupAccountItem *self);
const char        *lineup_account_item_get_display_name (LineupAccountItem *self);
LineupRoles        lineup_account_item_get_roles        (LineupAccountItem *self);
gboolean           lineup_account_item_get_disabled     (LineupAccountItem *self);
/* The end of a sign-in lock still running, or NULL. */
GDateTime         *lineup_account_item_get_locked_until (LineupAccountItem *self);
gint64             lineup_account_item_get_failed_signins (LineupAccountItem *self);

G_END_DECLS
