/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-application.h: the Lineup GTK application. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-session.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_APPLICATION (lineup_application_get_type ())
G_DECLARE_FINAL_TYPE (LineupApplication, lineup_application, LINEUP, APPLICATION, AdwApplication)

LineupApplication *lineup_application_new (void);
/* The application context ("session"), made at startup: what windows and
 * pages are given. The getters below read it. */
LineupSession *lineup_application_get_session (LineupApplication *self);
LineupDb      *lineup_application_get_db (LineupApplication *self);
const char    *lineup_application_get_data_dir (LineupApplication *self);
GSettings     *lineup_application_get_settings (LineupApplication *self);

/* The signed-in user ("user" property, notified on sign-in, sign-out and
 * idle lock; NULL while nobody is signed in). Pages bind to it. */
LineupUser *lineup_application_get_user (LineupApplication *self);
void        lineup_application_set_user (LineupApplication *self,
                                         LineupUser        *user);

/* Why the last session ended ("Locked after 10 minutes without activity"),
 * or NULL after a sign-out; and the name to pre-fill after a lock. */
const char *lineup_application_get_lock_message (LineupApplication *self);
const char *lineup_application_get_last_user_name (LineupApplication *self);

/* Idle lock: windows report input through a capture-phase controller
 * added by watch_activity; after the idle time the session locks. The
 * time comes from GSettings idle-lock-minutes, or LINEUP_IDLE_LOCK_SECONDS
 * (read each time the timer is armed, for tests). */
void  lineup_application_watch_activity (LineupApplication *self,
                                         GtkWidget         *window);
void  lineup_application_note_activity (LineupApplication *self);
guint lineup_application_get_idle_lock_seconds (LineupApplication *self);

/* "Administrator, Clerk": the roles as the user reads them. */
char *lineup_app_roles_label (LineupRoles roles);

G_END_DECLS
