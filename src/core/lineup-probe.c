/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe.c: probe sources, decisions, and the non-destructive edit
 * steps replayed on a probe's original (pure functions, any thread). */
#define G_LOG_DOMAIN "lineup-probe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lineup-db-case.h"
#include "lineup-case-policy.h"
#include "lineup-error.h"

static const struct
{
  const char *name;
  const char *label;
} sources[] = {
  [LINEUP_SOURCE_SURVEILLANCE] = { "surveillance", N_("Surveillance still") },
  [LINEUP_SOURCE_WITNESS] = { "witness", N_("Witness photo") },
  [LINEUP_SOURCE_SOCIAL_MEDIA] = { "social_media", N_("Social media") },
  [LINEUP_SOURCE_OTHER] = { "other", N_("Other") },
};

gboolean
lineup_probe_source_from_string (const char        *text,
                                 LineupProbeSource *source,
                                 GError           **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_strcmp0 (text, sources[i].name) == 0)
      {
        *source = i;
        return TRUE;
      }
  if (lineup_case_policy_check_probe_source (text, error))
    g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                 _("Unknown probe source “%s” (surveillance, witness, social_media, other)"),
                 text ? text : "");
  return FALSE;
}

const char *
lineup_probe_source_to_string (LineupProbeSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (sources), "other");
  return sources[source].name;
}

const char *
lineup_probe_source_label (LineupProbeSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (sources), "");
  return _(sources[source].label);
}

static const struct
{
  const char *name;
  const char *label;
} decisions[] = {
  [LINEUP_DECISION_POSSIBLE_LEAD] = { "possible_lead", N_("Possible lead") },
  [LINEUP_DECISION_NOT_A_MATCH] = { "not_a_match", N_("Not a match") },
  [LINEUP_DECISION_INCONCLUSIVE] = { "inconclusive", N_("Inconclusive") },
};

gboolean
lineup_decision_from_string (const char         *text,
                             LineupDecisionKind *decision,
                             GError            **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    if (g_strcmp0 (text, decisions[i].name) == 0)
      {
        *decision = i;
        return TRUE;
      }
  g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
               _("Unknown decision “%s” (possible_lead, not_a_match, inconclusive)"), text ? text : "");
  return FALSE;
}

const char *
lineup_decision_to_string (LineupDecisionKind decision)
{
  g_return_val_if_fail (decision < G_N_ELEMENTS (decisions), "inconclusive");
  return decisions[decision].name;
}

const char *
lineup_decision_label (LineupDecisionKind decision)
{
  g_return_val_if_fail (decision < G_N_ELEMENTS (decisions), "");
  return _(decisions[decision].label);
}

char *
lineup_probe_store_path (const char *data_dir,
                         const char *sha256)
{
  return g_build_filename (data_dir, "probes", sha256, NULL);
}

/* edits */

static gboolean
get_number (JsonObject *params,
            const char *name,
            double      lo,
            double      hi,
            double     *out,
            GError    **error)
{
  JsonNode *node = params ? json_object_get_member (params, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) == G_TYPE_STRING ||
      JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("The edit needs a number “%s”"), name);
      return FALSE;
    }
  *out = json_node_get_double (node);
  if (!(*out >= lo && *out <= hi))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("“%s” = %g is outside %g…%g"), name, *out, lo, hi);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_probe_check_edit (const char *op,
                         JsonObject *params,
                         GError    **error)
{
  double v;

  if (g_strcmp0 (op, "crop") == 0)
    return get_number (params, "x", 0, 1e6, &v, error) && get_number (params, "y", 0, 1e6, &v, error) &&
           get_number (params, "width", 8, 1e6, &v, error) &&
           get_number (params, "height", 8, 1e6, &v, error);
  if (g_strcmp0 (op, "rotate") == 0)
    return get_number (params, "degrees", -360, 360, &v, error);
  if (g_strcmp0 (op, "mirror") == 0)
    return TRUE;
  if (g_strcmp0 (op, "brightness_contrast") == 0)
    return get_number (params, "brightness", -100, 100, &v, error) &&
           get_number (params, "contrast", 0.2, 3, &v, error);
  g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
               _("Unknown probe edit “%s” (crop, rotate, mirror, brightness_contrast)"), op ? op : "");
  return FALSE;
}

typedef struct
{
  guint8 *px;
  int     w;
  int     h;
} Rgb;

static void
rotate (Rgb   *img,
        double degrees)
{
  double a = fmod (degrees, 360.0);

  if (a < 0)
    a += 360.0;
  /* Exact quarter turns are lossless; anything else is resampled. */
  if (fmod (a, 90.0) == 0.0)
    {
      int     q = (int)(a / 90.0) % 4;
      int     nw = (q % 2) ? img->h : img->w, nh = (q % 2) ? img->w : img->h;
      guint8 *out;

      if (q == 0)
        return;
      out = g_malloc ((gsize)nw * nh * 3);
      for (int y = 0; y < img->h; y++)
        for (int x = 0; x < img->w; x++)
          {
            int nx, ny;
            if (q == 1)
              {
                nx = img->h - 1 - y;
                ny = x;
              } /* clockwise */
            else if (q == 2)
              {
                nx = img->w - 1 - x;
                ny = img->h - 1 - y;
              }
            else
              {
                nx = y;
                ny = img->w - 1 - x;
              }
            memcpy (out + ((gsize)ny * nw + nx) * 3, img->px + ((gsize)y * img->w + x) * 3, 3);
          }
      g_free (img->px);
      img->px = out;
      img->w = nw;
      img->h = nh;
      return;
    }
  {
    /* Clockwise by a, keeping the whole image (the canvas grows), bilinear,
     * black outside. */
    double  r = a * G_PI / 180.0, c = cos (r), s = sin (r);
    int     nw = (int)ceil (fabs (img->w * c) + fabs (img->h * s));
    int     nh = (int)ceil (fabs (img->w * s) + fabs (img->h * c));
    double  cx = img->w / 2.0, cy = img->h / 2.0, ncx = nw / 2.0, ncy = nh / 2.0;
    guint8 *out = g_malloc0 ((gsize)nw * nh * 3);

    for (int y = 0; y < nh; y++)
      for (int x = 0; x < nw; x++)
        {
          double dx = x + 0.5 - ncx, dy = y + 0.5 - ncy;
          double sx = c * dx + s * dy + cx - 0.5, sy = -s * dx + c * dy + cy - 0.5;
          int    x0 = (int)floor (sx), y0 = (int)floor (sy);
          double fx = sx - x0, fy = sy - y0;

          if (x0 < 0 || y0 < 0 || x0 + 1 >= img->w || y0 + 1 >= img->h)
            continue;
          for (int k = 0; k < 3; k++)
            {
              const guint8 *p = img->px + ((gsize)y0 * img->w + x0) * 3 + k;
              double        v = (1 - fx) * (1 - fy) * p[0] + fx * (1 - fy) * p[3] +
                         (1 - fx) * fy * p[img->w * 3] + fx * fy * p[img->w * 3 + 3];
              out[((gsize)y * nw + x) * 3 + k] = (guint8)CLAMP (lround (v), 0, 255);
            }
        }
    g_free (img->px);
    img->px = out;
    img->w = nw;
    img->h = nh;
  }
}

static gboolean
apply_one (Rgb        *img,
           const char *op,
           JsonObject *params,
           GError    **error)
{
  if (!lineup_probe_check_edit (op, params, error))
    return FALSE;
  if (g_strcmp0 (op, "crop") == 0)
    {
      int     x = (int)json_object_get_double_member (params, "x");
      int     y = (int)json_object_get_double_member (params, "y");
      int     w = (int)json_object_get_double_member (params, "width");
      int     h = (int)json_object_get_double_member (params, "height");
      guint8 *out;

      if (x + w > img->w || y + h > img->h)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                       _("The crop %d×%d at %d,%d does not fit the %d×%d image"), w, h, x, y,
                       img->w, img->h);
          return FALSE;
        }
      out = g_malloc ((gsize)w * h * 3);
      for (int r = 0; r < h; r++)
        memcpy (out + (gsize)r * w * 3, img->px + ((gsize)(y + r) * img->w + x) * 3, (gsize)w * 3);
      g_free (img->px);
      img->px = out;
      img->w = w;
      img->h = h;
    }
  else if (g_strcmp0 (op, "rotate") == 0)
    rotate (img, json_object_get_double_member (params, "degrees"));
  else if (g_strcmp0 (op, "mirror") == 0)
    {
      for (int y = 0; y < img->h; y++)
        for (int x = 0; x < img->w / 2; x++)
          {
            guint8 *a = img->px + ((gsize)y * img->w + x) * 3;
            guint8 *b = img->px + ((gsize)y * img->w + img->w - 1 - x) * 3;
            guint8  t[3];
            memcpy (t, a, 3);
            memcpy (a, b, 3);
            memcpy (b, t, 3);
          }
    }
  else
    {
      /* v' = (v - 128) * contrast + 128 + brightness * 1.28 */
      double b = json_object_get_double_member (params, "brightness") * 1.28;
      double c = json_object_get_double_member (params, "contrast");
      guint8 lut[256];

      for (int v = 0; v < 256; v++)
        lut[v] = (guint8)CLAMP (lround ((v - 128.0) * c + 128.0 + b), 0, 255);
      for (gsize i = 0; i < (gsize)img->w * img->h * 3; i++)
        img->px[i] = lut[img->px[i]];
    }
  return TRUE;
}

LineupImage *
lineup_probe_apply_edits (LineupImage *original,
                          JsonArray   *steps,
                          GError     **error)
{
  const LineupShimImage *shim = lineup_image_get_shim (original);
  Rgb                    img;
  LineupImage           *out;
  g_autofree char       *name = NULL;
  guint                  n = steps ? json_array_get_length (steps) : 0;

  if (n == 0)
    return g_object_ref (original);
  img.w = lineup_shim_image_get_width (shim);
  img.h = lineup_shim_image_get_height (shim);
  img.px = g_malloc ((gsize)img.w * img.h * 3);
  lineup_shim_image_copy_rgb (shim, img.px);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      const char *op = step ? json_object_get_string_member_with_default (step, "op", NULL) : NULL;
      JsonObject *params = step && json_object_has_member (step, "params")
                             ? json_object_get_object_member (step, "params")
                             : NULL;

      if (!apply_one (&img, op, params, error))
        {
          g_prefix_error (error, _("Edit step %u of “%s”: "), i + 1, lineup_image_get_name (original));
          g_free (img.px);
          return NULL;
        }
    }
  name = g_strdup_printf ("%s (edit %u)", lineup_image_get_name (original), n);
  out = lineup_image_new_from_rgb (img.px, img.w, img.h, name, error);
  g_free (img.px);
  return out;
}
