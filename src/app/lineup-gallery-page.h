/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-gallery-page.h: subjects and bookings in a grid with a detail view. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-session.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_GALLERY_PAGE (lineup_gallery_page_get_type ())
G_DECLARE_FINAL_TYPE (LineupGalleryPage, lineup_gallery_page, LINEUP, GALLERY_PAGE, GtkWidget)

/* The page lists the session's gallery as its user may see it. */
GtkWidget  *lineup_gallery_page_new (LineupSession *session);
void        lineup_gallery_page_reload (LineupGalleryPage *self);
GListModel *lineup_gallery_page_get_model (LineupGalleryPage *self); /* filtered */
void        lineup_gallery_page_set_filter (LineupGalleryPage *self,
                                            const char        *text);
void        lineup_gallery_page_show_item (LineupGalleryPage *self,
                                           guint              position);
/* Purges the booking shown in the detail view (no confirmation: tests). */
void lineup_gallery_page_purge_shown (LineupGalleryPage *self,
                                      const char        *reason);

G_END_DECLS
