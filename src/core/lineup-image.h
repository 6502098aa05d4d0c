/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-image.h: a decoded still image with where it came from. */
#pragma once

#include <gio/gio.h>

#include "lineup-shim.h"

G_BEGIN_DECLS

/* Refuse decompression bombs: 100 megapixels unless told otherwise. */
#define LINEUP_IMAGE_DEFAULT_MAX_PIXELS ((guint64)100 * 1000 * 1000)

#define LINEUP_TYPE_IMAGE (lineup_image_get_type ())
G_DECLARE_FINAL_TYPE (LineupImage, lineup_image, LINEUP, IMAGE, GObject)

gboolean          lineup_image_sniff             (const guint8  *data,
                                                  gsize          len,
                                                  const char   **format,
                                                  guint         *width,
                                                  guint         *height);
LineupImage      *lineup_image_new_from_file     (const char    *path,
                                                  guint64        max_pixels,
                                                  GError       **error);
LineupImage      *lineup_image_new_from_bytes    (GBytes        *bytes,
                                                  const char    *name,
                                                  guint64        max_pixels,
                                                  GError       **error);
LineupImage      *lineup_image_new_from_rgb      (const guint8  *rgb,
                                                  int            width,
                                                  int            height,
                                                  const char    *name,
                                                  GError       **error);
const char       *lineup_image_get_name          (LineupImage   *self);
const char       *lineup_image_get_format        (LineupImage   *self);
const char       *lineup_image_get_sha256        (LineupImage   *self);
GBytes           *lineup_image_get_bytes         (LineupImage   *self);
int               lineup_image_get_width         (LineupImage   *self);
int               lineup_image_get_height        (LineupImage   *self);
const LineupShimImage *lineup_image_get_shim     (LineupImage   *self);
/* Packed RGB, scaled so the longer side is at most max_side (0: as is). */
GBytes           *lineup_image_to_rgb            (LineupImage   *self,
                                                  int            max_side,
                                                  int           *width,
                                                  int           *height,
                                                  GError       **error);

G_END_DECLS
