/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-booking-item.h: one booking in the gallery grid, with its
 * thumbnail loaded on first use. */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_BOOKING_ITEM (lineup_booking_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupBookingItem, lineup_booking_item, LINEUP, BOOKING_ITEM, GObject)

LineupBookingItem          *lineup_booking_item_new (LineupBookingSummary *summary,
                                                     const char           *data_dir);
const LineupBookingSummary *lineup_booking_item_get_summary (LineupBookingItem *self);
/* NULL until loaded; "notify::thumbnail" tells when it is there. */
GdkPaintable *lineup_booking_item_get_thumbnail (LineupBookingItem *self);
void          lineup_booking_item_load_thumbnail (LineupBookingItem *self);
void          lineup_booking_item_set_shown (LineupBookingItem *self,
                                             gboolean           shown);
gboolean      lineup_booking_item_matches (LineupBookingItem *self,
                                           const char        *needle);

G_END_DECLS
