/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-texture.c: the one place a LineupRgb becomes a GdkTexture.
 * Decoding and scaling happen on the LineupWorker
 * (lineup_image_load_rgb_async); this only wraps the result. */
#define G_LOG_DOMAIN "lineup-app"

#include "config.h"

#include "lineup-texture.h"

GdkTexture *
lineup_texture_new_for_rgb (const LineupRgb *rgb)
{
  g_return_val_if_fail (rgb != NULL, NULL);
  return gdk_memory_texture_new (rgb->width, rgb->height, GDK_MEMORY_R8G8B8, rgb->pixels,
                                 rgb->stride);
}
