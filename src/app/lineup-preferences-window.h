/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-preferences-window.h: the Preferences window. */
#pragma once

#include <adwaita.h>

#include "lineup-session.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_WINDOW (lineup_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, LINEUP, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Settings from session; accounts and policy for its user, when allowed. */
LineupPreferencesWindow *lineup_preferences_window_new (GtkWindow     *parent,
                                                        LineupSession *session);

/* For tests: the accounts and offence categories shown, and how many
 * database jobs are still running. */
GListModel *lineup_preferences_window_get_accounts (LineupPreferencesWindow *self);
GListModel *lineup_preferences_window_get_offences (LineupPreferencesWindow *self);
guint       lineup_preferences_window_get_pending (LineupPreferencesWindow *self);

G_END_DECLS
