/* lineup-application.h: the Lineup GTK application. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_APPLICATION (lineup_application_get_type ())
G_DECLARE_FINAL_TYPE (LineupApplication, lineup_application, LINEUP, APPLICATION, AdwApplication)

LineupApplication *lineup_application_new            (void);
LineupDb          *lineup_application_get_db         (LineupApplication *self);
const char        *lineup_application_get_data_dir   (LineupApplication *self);
GSettings         *lineup_application_get_settings   (LineupApplication *self);

/* The signed-in user ("user" property, notified on sign-in, sign-out and
 * idle lock; NULL while nobody is signed in). Pages bind to it. */
LineupUser        *lineup_application_get_user       (LineupApplication *self);
void               lineup_application_set_user       (LineupApplication *self,
                                                      LineupUser        *user);

/* The face-engine options the user chose in Preferences. */
void               lineup_app_detect_options         (LineupDetectOptions *options);

G_END_DECLS
