/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-add-photo-window.h: add one booking photo by hand. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-session.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_ADD_PHOTO_WINDOW (lineup_add_photo_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupAddPhotoWindow, lineup_add_photo_window, LINEUP, ADD_PHOTO_WINDOW, AdwWindow)

/* Adds to session's gallery, as its user. */
LineupAddPhotoWindow *lineup_add_photo_window_new (GtkWindow     *parent,
                                                   LineupSession *session);
void                  lineup_add_photo_window_set_photo (LineupAddPhotoWindow *self,
                                                         GFile                *file);
void                  lineup_add_photo_window_set_field (LineupAddPhotoWindow *self,
                                                         const char           *name,
                                                         const char           *value);
void                  lineup_add_photo_window_submit (LineupAddPhotoWindow *self);
const char           *lineup_add_photo_window_get_status (LineupAddPhotoWindow *self);

G_END_DECLS
