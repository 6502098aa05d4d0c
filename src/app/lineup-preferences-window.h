/* lineup-preferences-window.h: the Preferences window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_WINDOW (lineup_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, LINEUP,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

LineupPreferencesWindow *lineup_preferences_window_new (GtkWindow *parent,
                                                        GSettings *settings);

G_END_DECLS
