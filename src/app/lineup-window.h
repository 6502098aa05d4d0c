/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-window.h: the main window. */
#pragma once

#include <adwaita.h>

#include "lineup-application.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_WINDOW (lineup_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupWindow, lineup_window, LINEUP, WINDOW, AdwApplicationWindow)

typedef enum
{
  LINEUP_WINDOW_STATE_LOADING,
  LINEUP_WINDOW_STATE_ERROR,
  LINEUP_WINDOW_STATE_EMPTY,
  LINEUP_WINDOW_STATE_READY,
} LineupWindowState;

/* A main window on app's session (its construct-only "session"). */
LineupWindow     *lineup_window_new (LineupApplication *app);
LineupWindowState lineup_window_get_state (LineupWindow *self);
/* "starting", "failed", "setup" (first run), "sign-in" or "main"; notified
 * as the "screen" property. */
const char *lineup_window_get_screen (LineupWindow *self);
void        lineup_window_reload (LineupWindow *self);
/* A sidebar page by name: "gallery", "import", "search", "review",
 * "audit" or "none". */
GtkWidget *lineup_window_get_page (LineupWindow *self,
                                   const char   *name);

G_END_DECLS
