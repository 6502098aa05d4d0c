/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-preview-row.h: one manifest row in the import preview list. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_PREVIEW_ROW (lineup_preview_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreviewRow, lineup_preview_row, LINEUP, PREVIEW_ROW, GObject)

LineupPreviewRow *lineup_preview_row_new (guint       row,
                                          const char *booking_number,
                                          const char *photo,
                                          const char *check);

G_END_DECLS
