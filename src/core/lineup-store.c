/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-store.c: original photo bytes under store/ab/abcdef… (sha256).
 *
 * Files are written to a temporary name, synced and renamed, so a crash
 * never leaves a half-written photo under its final name. A file without a
 * database row (crash between the two) is harmless: the next import of the
 * same photo finds it in place.
 */
#define G_LOG_DOMAIN "lineup-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lineup-error.h"
#include "lineup-image.h"
#include "lineup-gallery.h"
#include "lineup-store.h"

char *
lineup_store_path (const char *data_dir,
                   const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], 0 };

  return g_build_filename (data_dir, "store", prefix, sha256, NULL);
}

gboolean
lineup_store_put (const char *data_dir,
                  const char *sha256,
                  GBytes     *bytes,
                  GError    **error)
{
  g_autofree char *path = lineup_store_path (data_dir, sha256);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot create %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  /* g_file_replace_contents writes a temporary file, fsyncs and renames. */
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, error);
}

gboolean
lineup_store_remove (const char *data_dir,
                     const char *sha256,
                     GError    **error)
{
  g_autofree char *path = lineup_store_path (data_dir, sha256);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot remove %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

GBytes *
lineup_image_to_rgb (LineupImage *image,
                     int          max_side,
                     int         *width,
                     int         *height,
                     GError     **error)
{
  g_autoptr(LineupShimImage) scaled = NULL;
  const LineupShimImage *src = lineup_image_get_shim (image);
  int                    w = lineup_image_get_width (image);
  int                    h = lineup_image_get_height (image);
  guint8                *rgb;

  if (max_side > 0 && MAX (w, h) > max_side)
    {
      double f = (double)max_side / MAX (w, h);
      scaled = lineup_shim_image_resize (src, MAX (1, (int)(w * f)), MAX (1, (int)(h * f)), error);
      if (scaled == NULL)
        return NULL;
      src = scaled;
      w = lineup_shim_image_get_width (src);
      h = lineup_shim_image_get_height (src);
    }
  rgb = g_malloc ((gsize)w * h * 3);
  lineup_shim_image_copy_rgb (src, rgb);
  *width = w;
  *height = h;
  return g_bytes_new_take (rgb, (gsize)w * h * 3);
}

GBytes *
lineup_store_load_rgb (const char *data_dir,
                       const char *sha256,
                       int         max_side,
                       int        *width,
                       int        *height,
                       GError    **error)
{
  g_autofree char *path = lineup_store_path (data_dir, sha256);
  g_autoptr(LineupImage) image = lineup_image_new_from_file (path, 0, error);

  if (image == NULL)
    return NULL;
  return lineup_image_to_rgb (image, max_side, width, height, error);
}
