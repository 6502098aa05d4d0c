/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-util.h: what the GUI tests share: driving the main loop, finding
 * widgets, screenshots, and running the real application on a fresh data
 * folder.
 */
#pragma once

#include "lineup-application.h"
#include "lineup-window.h"

G_BEGIN_DECLS

typedef gboolean (*GuiCondition) (gpointer data);
typedef void     (*GuiStep)      (gpointer data);

/* Iterates the main loop until done (data) holds; after a while the test
 * fails, naming what it waited for. */
void          gui_spin_until    (GuiCondition  done,
                                 gpointer      data,
                                 const char   *what);
/* Lets about n frames (20 ms each) go by. */
void          gui_spin_frames   (guint         n);

/* A composite template's child, which must exist: one of widget's own
 * template (as type), else of a composite widget inside it. */
GtkWidget    *gui_child         (gpointer      widget,
                                 GType         type,
                                 const char   *name);
void          gui_set_text      (gpointer      widget,
                                 GType         type,
                                 const char   *name,
                                 const char   *text);
void          gui_set_check     (gpointer      widget,
                                 GType         type,
                                 const char   *name,
                                 gboolean      active);
/* A visible toplevel window of type, or NULL. */
gpointer      gui_find_toplevel (GType         type);

/* Renders widget as GTK draws it into LINEUP_SCREENSHOT_DIR/name (default:
 * the current directory), once it is on screen and its pages have stopped
 * sliding, and checks the picture is not blank. */
void          gui_screenshot    (GtkWidget    *widget,
                                 const char   *name);

/* The main window the application presented, and waiting for its screen
 * ("setup", "sign-in", "main", …). */
LineupWindow *gui_main_window   (LineupApplication *app);
void          gui_wait_screen   (LineupWindow *window,
                                 const char   *screen);

/* The real application on a new, empty data folder (*data_dir, set as
 * LINEUP_DATA_DIR): "data" inside a new temporary folder named after name,
 * whose parent takes the test's other files. No idle lock interrupts the
 * test unless it sets LINEUP_IDLE_LOCK_SECONDS itself. */
LineupApplication *gui_app_new  (const char   *name,
                                 char        **data_dir);

/* The real application on a fresh data folder, and its main window. */
typedef struct
{
  LineupApplication *app;
  LineupWindow      *window;
  char              *data_dir;
} GuiFixture;

/* Starts the application as gui_app_new () does and runs checks on its
 * main window. */
void          gui_test_main_window (const char  *name,
                                    void       (*checks) (GuiFixture *f));

/* Runs app; startup (may be NULL) after the application's own startup, run
 * after its activate handler (which presents a window: the main one unless
 * startup made one), then quits. */
void          gui_run_app       (LineupApplication *app,
                                 GuiStep       startup,
                                 GuiStep       run,
                                 gpointer      data);

G_END_DECLS
