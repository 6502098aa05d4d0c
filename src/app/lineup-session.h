/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-session.h: the application context every window and page shares. */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_SESSION (lineup_session_get_type ())
G_DECLARE_FINAL_TYPE (LineupSession, lineup_session, LINEUP, SESSION, GObject)

/* What a workstation session holds: the database, its data folder and the
 * settings (construct-only "db", "data-dir", "settings"; settings may be
 * NULL, then the defaults apply), and the signed-in person ("user",
 * notified on sign-in, sign-out and the idle lock). Windows and pages get
 * it as their construct-only "session" and follow "user" with a
 * GBindingGroup or GSignalGroup. */
LineupSession *lineup_session_new (LineupDb   *db,
                                   const char *data_dir,
                                   GSettings  *settings);
LineupDb      *lineup_session_get_db (LineupSession *self);
const char    *lineup_session_get_data_dir (LineupSession *self);
GSettings     *lineup_session_get_settings (LineupSession *self);

/* NULL while nobody is signed in. */
LineupUser *lineup_session_get_user (LineupSession *self);
void        lineup_session_set_user (LineupSession *self,
                                     LineupUser    *user);

/* The face-engine options the user chose in Preferences. */
void lineup_session_get_detect_options (LineupSession       *self,
                                        LineupDetectOptions *options);

/* Why the last session ended ("Locked after 10 minutes without activity"),
 * or NULL after a sign-out; and the name to pre-fill after a lock. */
const char *lineup_session_get_lock_message (LineupSession *self);
const char *lineup_session_get_last_user_name (LineupSession *self);

/* Ends the session, audited as audit_action ("session.lock"), keeping the
 * name so the same person can resume; message (taken) says why. */
void lineup_session_lock (LineupSession *self,
                          const char    *audit_action,
                          char          *message);

/* Signs out, audited: a shared workstation, so the next person starts
 * from an empty form (no name, no lock message). */
void lineup_session_sign_out (LineupSession *self);

/* Idle lock: windows report input through a capture-phase controller
 * added by watch_activity; after the idle time the session locks. The
 * time comes from GSettings idle-lock-minutes, or LINEUP_IDLE_LOCK_SECONDS
 * (read each time the timer is armed, for tests). */
void  lineup_session_watch_activity (LineupSession *self,
                                     GtkWidget     *window);
void  lineup_session_note_activity (LineupSession *self);
guint lineup_session_get_idle_lock_seconds (LineupSession *self);

G_END_DECLS
