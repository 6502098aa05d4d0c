/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-image.c: load stills safely.
 *
 * The header is read before anything is decoded, so a decompression bomb or
 * a file that is not an image is refused with a message naming the file, and
 * the decoder only ever sees data that claims a sane size. The content, not
 * the extension, decides the format.
 */
#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lineup-error.h"
#include "lineup-image.h"
#include "lineup-worker.h"

struct _LineupImage
{
  GObject parent_instance;

  char            *name;
  const char      *format;
  char            *sha256;
  GBytes          *bytes; /* the original file, for the content store */
  LineupShimImage *shim;
};

G_DEFINE_FINAL_TYPE (LineupImage, lineup_image, G_TYPE_OBJECT)

static void
lineup_image_finalize (GObject *object)
{
  LineupImage *self = LINEUP_IMAGE (object);

  g_free (self->name);
  g_free (self->sha256);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->shim, lineup_shim_image_free);
  G_OBJECT_CLASS (lineup_image_parent_class)->finalize (object);
}

static void
lineup_image_class_init (LineupImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_image_finalize;
}

static void
lineup_image_init (LineupImage *self)
{
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static guint16
be16 (const guint8 *p)
{
  return (guint16)((p[0] << 8) | p[1]);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | ((guint32)p[1] << 8) | ((guint32)p[2] << 16) | ((guint32)p[3] << 24);
}

static guint16
le16 (const guint8 *p)
{
  return (guint16)(p[0] | (p[1] << 8));
}

static gboolean
sniff_jpeg (const guint8 *d,
            gsize         len,
            guint        *w,
            guint        *h)
{
  gsize i = 2;

  while (i + 9 < len)
    {
      guint8  marker;
      guint16 seglen;

      if (d[i] != 0xFF)
        return FALSE;
      marker = d[i + 1];
      if (marker == 0xFF)
        {
          i++;
          continue;
        }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01)
        {
          i += 2;
          continue;
        }
      seglen = be16 (d + i + 2);
      /* SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          *h = be16 (d + i + 5);
          *w = be16 (d + i + 7);
          return TRUE;
        }
      i += 2 + seglen;
    }
  return FALSE;
}

static gboolean
sniff_tiff (const guint8 *d,
            gsize         len,
            guint        *w,
            guint        *h)
{
  gboolean le = d[0] == 'I';
  guint32  ifd = le ? le32 (d + 4) : be32 (d + 4);
  guint16  n;

  if (ifd + 2 > len)
    return FALSE;
  n = le ? le16 (d + ifd) : be16 (d + ifd);
  for (guint i = 0; i < n; i++)
    {
      const guint8 *e = d + ifd + 2 + 12 * i;
      guint16       tag, type;
      guint32       value;

      if ((gsize)(e - d) + 12 > len)
        return FALSE;
      tag = le ? le16 (e) : be16 (e);
      type = le ? le16 (e + 2) : be16 (e + 2);
      if (type == 3) /* SHORT */
        value = le ? le16 (e + 8) : be16 (e + 8);
      else
        value = le ? le32 (e + 8) : be32 (e + 8);
      if (tag == 256)
        *w = value;
      else if (tag == 257)
        *h = value;
    }
  return *w > 0 && *h > 0;
}

/* Reads the format and pixel size from the first bytes of a file. */
gboolean
lineup_image_sniff (const guint8 *d,
                    gsize         len,
                    const char  **format,
                    guint        *width,
                    guint        *height)
{
  guint       w = 0, h = 0;
  const char *fmt = NULL;

  if (len >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    {
      fmt = "jpeg";
      if (!sniff_jpeg (d, len, &w, &h))
        return FALSE;
    }
  else if (len >= 24 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (d + 12, "IHDR", 4) == 0)
    {
      fmt = "png";
      w = be32 (d + 16);
      h = be32 (d + 20);
    }
  else if (len >= 30 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    {
      fmt = "webp";
      if (memcmp (d + 12, "VP8 ", 4) == 0)
        {
          w = le16 (d + 26) & 0x3FFF;
          h = le16 (d + 28) & 0x3FFF;
        }
      else if (memcmp (d + 12, "VP8L", 4) == 0)
        {
          guint32 b = le32 (d + 21);
          w = (b & 0x3FFF) + 1;
          h = ((b >> 14) & 0x3FFF) + 1;
        }
      else if (memcmp (d + 12, "VP8X", 4) == 0)
        {
          w = (d[24] | (d[25] << 8) | (d[26] << 16)) + 1;
          h = (d[27] | (d[28] << 8) | (d[29] << 16)) + 1;
        }
      else
        return FALSE;
    }
  else if (len >= 26 && d[0] == 'B' && d[1] == 'M')
    {
      gint32 bh = (gint32)le32 (d + 22);
      fmt = "bmp";
      w = le32 (d + 18);
      h = (guint)ABS (bh);
    }
  else if (len >= 8 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    {
      fmt = "tiff";
      if (!sniff_tiff (d, len, &w, &h))
        return FALSE;
    }
  else if (len >= 10 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    {
      fmt = "gif";
      w = le16 (d + 6);
      h = le16 (d + 8);
    }
  else
    return FALSE;

  *format = fmt;
  *width = w;
  *height = h;
  return w > 0 && h > 0;
}

static gboolean
looks_truncated (const char   *format,
                 const guint8 *d,
                 gsize         len)
{
  /* libjpeg pads a cut-off JPEG with grey and only warns, so check for the
   * end-of-image marker ourselves (allowing trailing junk some cameras add). */
  if (g_str_equal (format, "jpeg"))
    {
      gsize from = len > 65536 ? len - 65536 : 2;
      for (gsize i = len - 2; i + 1 > from; i--)
        if (d[i] == 0xFF && d[i + 1] == 0xD9)
          return FALSE;
      return TRUE;
    }
  if (g_str_equal (format, "png"))
    return len < 12 || memcmp (d + len - 8, "IEND", 4) != 0;
  return FALSE;
}

LineupImage *
lineup_image_new_from_bytes (GBytes     *bytes,
                             const char *name,
                             guint64     max_pixels,
                             GError    **error)
{
  g_autoptr(LineupImage) self = NULL;
  g_autoptr(GError) shim_error = NULL;
  const guint8 *data;
  const char   *format = NULL;
  guint         w = 0, h = 0;
  gsize         len;

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE, _("%s: the file is empty"), name);
      return NULL;
    }
  if (!lineup_image_sniff (data, len, &format, &w, &h))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE,
                   _("%s: not a supported image (JPEG, PNG, WebP, BMP or TIFF), or its header "
                     "is damaged"),
                   name);
      return NULL;
    }
  if (g_str_equal (format, "gif"))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE,
                   _("%s: GIF images are not supported; convert it to PNG first"), name);
      return NULL;
    }
  if (max_pixels > 0 && (guint64)w * h > max_pixels)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE_TOO_LARGE,
                   _("%s: the image is %u × %u pixels (%.1f megapixels), over the limit of %.1f "
                     "megapixels"),
                   name, w, h, (double)w * h / 1e6, (double)max_pixels / 1e6);
      return NULL;
    }
  if (looks_truncated (format, data, len))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE,
                   _("%s: the %s file is truncated (it ends before the image does)"), name,
                   format);
      return NULL;
    }

  self = g_object_new (LINEUP_TYPE_IMAGE, NULL);
  self->shim = lineup_shim_image_decode (data, len, name, &shim_error);
  if (self->shim == NULL)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE, shim_error->message);
      return NULL;
    }
  self->name = g_strdup (name);
  self->format = format;
  self->bytes = g_bytes_ref (bytes);
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return g_steal_pointer (&self);
}

LineupImage *
lineup_image_new_from_file (const char *path,
                            guint64     max_pixels,
                            GError    **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE, _("%s: is a folder, not an image"),
                   path);
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      /* GLib's message already names the file. */
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_IO, local_error->message);
      return NULL;
    }
  /* Copy: the content store keeps these bytes and the file may change. */
  bytes = g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  return lineup_image_new_from_bytes (bytes, path, max_pixels, error);
}

LineupImage *
lineup_image_new_from_rgb (const guint8 *rgb,
                           int           width,
                           int           height,
                           const char   *name,
                           GError      **error)
{
  g_autoptr(LineupImage) self = g_object_new (LINEUP_TYPE_IMAGE, NULL);
  g_autoptr(GError) shim_error = NULL;

  self->shim = lineup_shim_image_new_from_rgb (rgb, width, height, width * 3, &shim_error);
  if (self->shim == NULL)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE, "%s: %s", name, shim_error->message);
      return NULL;
    }
  self->name = g_strdup (name);
  self->format = "raw";
  self->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, rgb, (gsize)width * height * 3);
  return g_steal_pointer (&self);
}

const char *
lineup_image_get_name (LineupImage *self)
{
  return self->name;
}

const char *
lineup_image_get_format (LineupImage *self)
{
  return self->format;
}

const char *
lineup_image_get_sha256 (LineupImage *self)
{
  return self->sha256;
}

GBytes *
lineup_image_get_bytes (LineupImage *self)
{
  return self->bytes;
}

int
lineup_image_get_width (LineupImage *self)
{
  return lineup_shim_image_get_width (self->shim);
}

int
lineup_image_get_height (LineupImage *self)
{
  return lineup_shim_image_get_height (self->shim);
}

const LineupShimImage *
lineup_image_get_shim (LineupImage *self)
{
  return self->shim;
}

/* LineupRgb */

typedef struct
{
  LineupRgb       rgb;
  gatomicrefcount ref;
} RgbReal;

G_DEFINE_BOXED_TYPE (LineupRgb, lineup_rgb, lineup_rgb_ref, lineup_rgb_unref)

LineupRgb *
lineup_rgb_new (GBytes *pixels,
                int     width,
                int     height,
                int     source_width,
                int     source_height)
{
  RgbReal *real;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (g_bytes_get_size (pixels) >= (gsize)width * height * 3, NULL);
  real = g_new0 (RgbReal, 1);
  g_atomic_ref_count_init (&real->ref);
  real->rgb.pixels = g_bytes_ref (pixels);
  real->rgb.width = width;
  real->rgb.height = height;
  real->rgb.stride = (gsize)width * 3;
  real->rgb.source_width = source_width;
  real->rgb.source_height = source_height;
  return &real->rgb;
}

LineupRgb *
lineup_rgb_ref (LineupRgb *rgb)
{
  RgbReal *real = (RgbReal *)rgb;

  g_return_val_if_fail (rgb != NULL, NULL);
  g_atomic_ref_count_inc (&real->ref);
  return rgb;
}

void
lineup_rgb_unref (LineupRgb *rgb)
{
  RgbReal *real = (RgbReal *)rgb;

  g_return_if_fail (rgb != NULL);
  if (!g_atomic_ref_count_dec (&real->ref))
    return;
  g_bytes_unref (real->rgb.pixels);
  g_free (real);
}

LineupRgb *
lineup_image_get_rgb (LineupImage *self,
                      int          max_side,
                      GError     **error)
{
  g_autoptr(GBytes) pixels = NULL;
  int w = 0, h = 0;

  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  pixels = lineup_image_to_rgb (self, max_side, &w, &h, error);
  if (pixels == NULL)
    return NULL;
  return lineup_rgb_new (pixels, w, h, lineup_image_get_width (self),
                         lineup_image_get_height (self));
}

/* the one loader: read, decode, scale, on the worker */

typedef struct
{
  GFile  *file;
  GBytes *bytes;
  char   *name;
  int     max_side;
  guint64 max_pixels;
} RgbLoad;

static void
rgb_load_free (RgbLoad *l)
{
  g_clear_object (&l->file);
  g_clear_pointer (&l->bytes, g_bytes_unref);
  g_free (l->name);
  g_free (l);
}

static void
rgb_load_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RgbLoad *l = task_data;
  g_autoptr(LineupImage) image = NULL;
  GError    *error = NULL;
  LineupRgb *rgb;

  if (l->bytes != NULL)
    image = lineup_image_new_from_bytes (l->bytes, l->name, l->max_pixels, &error);
  else if (g_file_peek_path (l->file) != NULL)
    image = lineup_image_new_from_file (g_file_peek_path (l->file), l->max_pixels, &error);
  else
    {
      g_autoptr(GBytes) bytes = g_file_load_bytes (l->file, cancellable, NULL, &error);
      g_autofree char *name = g_file_get_parse_name (l->file);

      if (bytes != NULL)
        image = lineup_image_new_from_bytes (bytes, name, l->max_pixels, &error);
    }
  if (image == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rgb = lineup_image_get_rgb (image, l->max_side, &error);
  if (rgb == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rgb, (GDestroyNotify)lineup_rgb_unref);
}

/* file or bytes: what the two entry points differ in. */
static void
rgb_load_start (GFile              *file,
                GBytes             *bytes,
                const char         *name,
                int                 max_side,
                guint64             max_pixels,
                int                 io_priority,
                GCancellable       *cancellable,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RgbLoad *l = g_new0 (RgbLoad, 1);

  l->file = file ? g_object_ref (file) : NULL;
  l->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  l->name = g_strdup (name ? name : "");
  l->max_side = max_side;
  l->max_pixels = max_pixels;
  g_task_set_source_tag (task, lineup_image_load_rgb_async);
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, l, (GDestroyNotify)rgb_load_free);
  lineup_worker_queue (lineup_worker_get_default (), io_priority, rgb_load_thread, task);
}

void
lineup_image_load_rgb_async (GFile              *file,
                             int                 max_side,
                             guint64             max_pixels,
                             int                 io_priority,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  rgb_load_start (file, NULL, NULL, max_side, max_pixels, io_priority, cancellable, callback,
                  user_data);
}

void
lineup_image_load_rgb_from_bytes_async (GBytes             *bytes,
                                        const char         *name,
                                        int                 max_side,
                                        guint64             max_pixels,
                                        int                 io_priority,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  g_return_if_fail (bytes != NULL);
  rgb_load_start (NULL, bytes, name, max_side, max_pixels, io_priority, cancellable, callback,
                  user_data);
}

LineupRgb *
lineup_image_load_rgb_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lineup_image_load_rgb_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
