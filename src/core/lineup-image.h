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

gboolean               lineup_image_sniff (const guint8 *data,
                                           gsize         len,
                                           const char  **format,
                                           guint        *width,
                                           guint        *height);
LineupImage           *lineup_image_new_from_file (const char *path,
                                                   guint64     max_pixels,
                                                   GError    **error);
LineupImage           *lineup_image_new_from_bytes (GBytes     *bytes,
                                                    const char *name,
                                                    guint64     max_pixels,
                                                    GError    **error);
LineupImage           *lineup_image_new_from_rgb (const guint8 *rgb,
                                                  int           width,
                                                  int           height,
                                                  const char   *name,
                                                  GError      **error);
const char            *lineup_image_get_name (LineupImage *self);
const char            *lineup_image_get_format (LineupImage *self);
const char            *lineup_image_get_sha256 (LineupImage *self);
GBytes                *lineup_image_get_bytes (LineupImage *self);
int                    lineup_image_get_width (LineupImage *self);
int                    lineup_image_get_height (LineupImage *self);
const LineupShimImage *lineup_image_get_shim (LineupImage *self);
/* Packed RGB, scaled so the longer side is at most max_side (0: as is). */
GBytes *lineup_image_to_rgb (LineupImage *self,
                             int          max_side,
                             int         *width,
                             int         *height,
                             GError     **error);

/* Decoded pixels ready for the screen: packed 8-bit RGB, stride bytes a
 * row, and the size of the image they were scaled from. Immutable,
 * reference counted; pixels may be shared by a texture. */
typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  gsize   stride;
  int     source_width;
  int     source_height;
} LineupRgb;

#define LINEUP_TYPE_RGB (lineup_rgb_get_type ())
GType lineup_rgb_get_type (void) G_GNUC_CONST;
/* Takes a reference to pixels (width * height * 3 bytes, stride width * 3). */
LineupRgb *lineup_rgb_new (GBytes *pixels,
                           int     width,
                           int     height,
                           int     source_width,
                           int     source_height);
LineupRgb *lineup_rgb_ref (LineupRgb *rgb);
void       lineup_rgb_unref (LineupRgb *rgb);
/* lineup_image_to_rgb as a LineupRgb; any thread. */
LineupRgb *lineup_image_get_rgb (LineupImage *self,
                                 int          max_side,
                                 GError     **error);
/* Reads and decodes a file on the default LineupWorker (io_priority is its
 * queue priority), scaled so the longer side is at most max_side (0: as
 * is), refusing images over max_pixels (0: no limit). Errors name the
 * file as lineup_image_new_from_file does. */
void lineup_image_load_rgb_async (GFile              *file,
                                  int                 max_side,
                                  guint64             max_pixels,
                                  int                 io_priority,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
/* The same from bytes already in memory (name for messages). */
void       lineup_image_load_rgb_from_bytes_async (GBytes             *bytes,
                                                   const char         *name,
                                                   int                 max_side,
                                                   guint64             max_pixels,
                                                   int                 io_priority,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
LineupRgb *lineup_image_load_rgb_finish (GAsyncResult *result,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupRgb, lineup_rgb_unref)

G_END_DECLS
