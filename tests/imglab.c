/* SPDX-License-Identifier: GPL-3.0-or-later */
/* imglab.c: a minimal reader for dlib imglab XML: <image file='…'> with
 * <box top='' left='' width='' height='' [ignore='1']/> children. */
#include "imglab.h"

#include <stdio.h>
#include <string.h>

static void
imglab_image_free (gpointer data)
{
  ImglabImage *im = data;

  g_free (im->file);
  g_array_unref (im->boxes);
  g_free (im);
}

static gboolean
attr (const char *tag,
      const char *end,
      const char *name,
      double     *value)
{
  g_autofree char *needle = g_strdup_printf (" %s='", name);
  const char *p = strstr (tag, needle);

  if (p == NULL || p > end)
    return FALSE;
  *value = g_ascii_strtod (p + strlen (needle), NULL);
  return TRUE;
}

GPtrArray *
imglab_load (const char  *xml_path,
             GError     **error)
{
  g_autofree char *xml = NULL;
  g_autofree char *dir = g_path_get_dirname (xml_path);
  GPtrArray *images;
  const char *p;

  if (!g_file_get_contents (xml_path, &xml, NULL, error))
    return NULL;
  images = g_ptr_array_new_with_free_func (imglab_image_free);
  for (p = strstr (xml, "<image file='"); p; p = strstr (p + 1, "<image file='"))
    {
      const char *name = p + strlen ("<image file='");
      const char *end = strstr (p, "</image>");
      g_autofree char *file = g_strndup (name, strchr (name, '\'') - name);
      ImglabImage *im = g_new0 (ImglabImage, 1);
      const char *b;

      im->file = g_build_filename (dir, file, NULL);
      im->boxes = g_array_new (FALSE, FALSE, sizeof (ImglabBox));
      for (b = strstr (p, "<box "); b && (end == NULL || b < end); b = strstr (b + 1, "<box "))
        {
          const char *close = strchr (b, '>');
          ImglabBox box = { 0 };
          double ign = 0;

          if (attr (b, close, "top", &box.top) && attr (b, close, "left", &box.left) &&
              attr (b, close, "width", &box.width) && attr (b, close, "height", &box.height))
            {
              box.ignore = attr (b, close, "ignore", &ign) && ign != 0;
              g_array_append_val (im->boxes, box);
            }
        }
      g_ptr_array_add (images, im);
    }
  return images;
}

double
imglab_iou (double l1, double t1, double r1, double b1,
            double l2, double t2, double r2, double b2)
{
  double ix = MAX (0, MIN (r1, r2) - MAX (l1, l2));
  double iy = MAX (0, MIN (b1, b2) - MAX (t1, t2));
  double inter = ix * iy;
  double uni = (r1 - l1) * (b1 - t1) + (r2 - l2) * (b2 - t2) - inter;

  return uni > 0 ? inter / uni : 0;
}
