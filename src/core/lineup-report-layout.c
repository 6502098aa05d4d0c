/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-report-layout.c: pages, text, tables and images of the lead
 * report, drawn with cairo's toy text API (words are wrapped here) onto one
 * recording surface a page. */
#define G_LOG_DOMAIN "lineup-report"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lineup-report-private.h"

/* Packed RGB → a cairo surface, scaled so the longer side is at most
 * max_side (0: full size). NULL if cairo cannot hold it. */
cairo_surface_t *
report_surface_from_shim (const LineupShimImage *image,
                          int                    max_side)
{
  g_autoptr(LineupShimImage) scaled = NULL;
  g_autofree guint8 *rgb = NULL;
  cairo_surface_t   *surface;
  guint8            *data;
  int                w, h, stride;

  if (image == NULL)
    return NULL;
  w = lineup_shim_image_get_width (image);
  h = lineup_shim_image_get_height (image);
  if (w <= 0 || h <= 0)
    return NULL;
  if (max_side > 0 && MAX (w, h) > max_side)
    {
      double f = (double)max_side / MAX (w, h);

      scaled = lineup_shim_image_resize (image, MAX (1, (int)(w * f)), MAX (1, (int)(h * f)), NULL);
      if (scaled == NULL)
        return NULL;
      image = scaled;
      w = lineup_shim_image_get_width (image);
      h = lineup_shim_image_get_height (image);
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  rgb = g_malloc ((gsize)w * h * 3);
  lineup_shim_image_copy_rgb (image, rgb);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    {
      guint32      *row = (guint32 *)(data + (gsize)y * stride);
      const guint8 *src = rgb + (gsize)y * w * 3;

      for (int x = 0; x < w; x++, src += 3)
        row[x] = 0xff000000u | ((guint32)src[0] << 16) | ((guint32)src[1] << 8) | src[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* ---- Layout ---- */

void
report_unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

void
report_close_page (Report *r)
{
  if (r->cr == NULL)
    return;
  if (r->status == CAIRO_STATUS_SUCCESS)
    r->status = cairo_status (r->cr);
  g_clear_pointer (&r->cr, cairo_destroy);
}

void
report_new_page (Report *r)
{
  cairo_rectangle_t extents = { 0, 0, PAGE_W, PAGE_H };
  cairo_surface_t  *page;

  report_close_page (r);
  page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  g_ptr_array_add (r->pages, page);
  r->cr = cairo_create (page);
  r->y = MARGIN;
}

void
report_clear (Report *r)
{
  report_close_page (r);
  g_clear_pointer (&r->statement, g_free);
  g_clear_pointer (&r->case_number, g_free);
  g_clear_pointer (&r->footer, g_ptr_array_unref);
  g_clear_pointer (&r->pages, g_ptr_array_unref);
  g_clear_pointer (&r->originals, g_hash_table_unref);
  g_clear_pointer (&r->surfaces, g_hash_table_unref);
}

/* Starts a new page unless h more points fit on this one (an element
 * taller than a page at the top of one is drawn anyway, clipped by the
 * callers to what fits). Returns whether it started a page. */
gboolean
report_ensure_space (Report *r,
                     double  h)
{
  if (r->y + h <= r->bottom || r->y <= MARGIN + 0.5)
    return FALSE;
  report_new_page (r);
  return TRUE;
}

void
report_set_font (cairo_t *cr,
                 FontKind kind,
                 double   size)
{
  cairo_select_font_face (cr, kind == FONT_MONO ? "Monospace" : "Sans",
                          kind == FONT_ITALIC ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                          kind == FONT_BOLD ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

double
report_text_width (cairo_t    *cr,
                   const char *text)
{
  cairo_text_extents_t ext;

  cairo_text_extents (cr, text, &ext);
  return ext.x_advance;
}

/* Top of the line at top; the baseline sits one em below. */
void
report_show_line (cairo_t    *cr,
                  double      x,
                  double      top,
                  double      size,
                  const char *text)
{
  cairo_move_to (cr, x, top + size);
  cairo_show_text (cr, text);
}

/* Greedy word wrap in the current font; a word wider than the line (a hash,
 * a long name) is broken between characters. Always at least one line. */
GPtrArray *
report_wrap_text (cairo_t    *cr,
                  const char *text,
                  double      width)
{
  GPtrArray       *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *clean = report_clean_text (text);
  g_auto(GStrv) paragraphs = g_strsplit (clean, "\n", -1);

  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[p], " ", -1);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint w = 0; words[w] != NULL; w++)
        {
          const char      *word = words[w];
          g_autofree char *candidate = NULL;

          if (*word == '\0')
            continue;
          candidate = line->len > 0 ? g_strconcat (line->str, " ", word, NULL) : g_strdup (word);
          if (report_text_width (cr, candidate) <= width)
            {
              g_string_assign (line, candidate);
              continue;
            }
          if (line->len > 0)
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_truncate (line, 0);
            }
          if (report_text_width (cr, word) <= width)
            {
              g_string_assign (line, word);
              continue;
            }
          for (const char *c = word; *c != '\0'; c = g_utf8_next_char (c))
            {
              gsize before = line->len;

              g_string_append_len (line, c, g_utf8_next_char (c) - c);
              if (before > 0 && report_text_width (cr, line->str) > width)
                {
                  g_string_truncate (line, before);
                  g_ptr_array_add (lines, g_strdup (line->str));
                  g_string_truncate (line, 0);
                  g_string_append_len (line, c, g_utf8_next_char (c) - c);
                }
            }
        }
      g_ptr_array_add (lines, g_strdup (line->str));
    }
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (""));
  return lines;
}

/* Cuts lines to at most max, marking the cut with an ellipsis. */
void
report_limit_lines (GPtrArray *lines,
                    guint      max)
{
  char *last;

  if (max == 0 || lines->len <= max)
    return;
  g_ptr_array_set_size (lines, max);
  last = lines->pdata[max - 1];
  lines->pdata[max - 1] = g_strconcat (last, " …", NULL);
  g_free (last);
}

void
report_paragraph (Report     *r,
                  FontKind    kind,
                  double      size,
                  double      grey,
                  const char *text)
{
  double lh = size * 1.35;
  g_autoptr(GPtrArray) lines = NULL;

  report_set_font (r->cr, kind, size);
  lines = report_wrap_text (r->cr, text, CONTENT_W);
  for (guint i = 0; i < lines->len; i++)
    {
      report_ensure_space (r, lh);
      report_set_font (r->cr, kind, size);
      cairo_set_source_rgb (r->cr, grey, grey, grey);
      report_show_line (r->cr, MARGIN, r->y, size, lines->pdata[i]);
      r->y += lh;
    }
}

void
report_heading (Report     *r,
                const char *text,
                gboolean    major)
{
  double size = major ? 14.0 : 11.0;
  double lh = size * 1.3;
  g_autoptr(GPtrArray) lines = NULL;

  /* Keep a heading with the start of what follows it. */
  report_ensure_space (r, lh + (major ? 100 : 80));
  if (r->y > MARGIN + 0.5)
    r->y += major ? 12 : 8;
  report_set_font (r->cr, FONT_BOLD, size);
  lines = report_wrap_text (r->cr, text, CONTENT_W);
  report_limit_lines (lines, 3);
  cairo_set_source_rgb (r->cr, 0.08, 0.08, 0.08);
  for (guint i = 0; i < lines->len; i++)
    {
      report_show_line (r->cr, MARGIN, r->y, size, lines->pdata[i]);
      r->y += lh;
    }
  if (major)
    {
      cairo_set_line_width (r->cr, 1.0);
      cairo_move_to (r->cr, MARGIN, r->y + 1.5);
      cairo_line_to (r->cr, MARGIN + CONTENT_W, r->y + 1.5);
      cairo_stroke (r->cr);
      r->y += 4;
    }
  r->y += 4;
}

/* A "key: value" row; the value wraps and may continue on the next page. */
void
report_field (Report     *r,
              const char *key,
              const char *value,
              FontKind    kind)
{
  double size = BODY_SIZE, lh = size * 1.35;
  g_autoptr(GPtrArray) lines = NULL;

  report_set_font (r->cr, kind, size);
  lines = report_wrap_text (r->cr, value != NULL && *value != '\0' ? value : "—", CONTENT_W - KEY_W);
  for (guint i = 0; i < lines->len; i++)
    {
      report_ensure_space (r, lh);
      if (i == 0)
        {
          report_set_font (r->cr, FONT_BOLD, size);
          cairo_set_source_rgb (r->cr, 0.3, 0.3, 0.3);
          report_show_line (r->cr, MARGIN, r->y, size, key);
        }
      report_set_font (r->cr, kind, size);
      cairo_set_source_rgb (r->cr, 0, 0, 0);
      report_show_line (r->cr, MARGIN + KEY_W, r->y, size, lines->pdata[i]);
      r->y += lh;
    }
}

/* The standing statement, boxed and bold. */
void
report_banner (Report *r)
{
  double size = 11.5, lh = size * 1.35, pad = 10;
  g_autoptr(GPtrArray) lines = NULL;
  double h;

  report_set_font (r->cr, FONT_BOLD, size);
  lines = report_wrap_text (r->cr, r->statement, CONTENT_W - 2 * pad - 6);
  report_limit_lines (lines, MAX (1, (guint)((r->bottom - MARGIN - 2 * pad) / lh) - 1));
  h = lines->len * lh + 2 * pad;
  report_ensure_space (r, h + 12);
  cairo_set_source_rgb (r->cr, 1.0, 0.95, 0.84);
  cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W, h);
  cairo_fill_preserve (r->cr);
  cairo_set_source_rgb (r->cr, 0.55, 0.2, 0.0);
  cairo_set_line_width (r->cr, 2.5);
  cairo_stroke (r->cr);
  report_set_font (r->cr, FONT_BOLD, size);
  cairo_set_source_rgb (r->cr, 0.25, 0.08, 0.0);
  for (guint i = 0; i < lines->len; i++)
    report_show_line (r->cr, MARGIN + pad + 3, r->y + pad + i * lh, size, lines->pdata[i]);
  r->y += h + 12;
}

/* An image fitted into a w×h box with a caption under it, or a grey box
 * when the image is gone. */
void
report_image_box (Report          *r,
                  cairo_surface_t *surface,
                  double           x,
                  double           y,
                  double           w,
                  double           h,
                  const char      *caption)
{
  cairo_t *cr = r->cr;
  g_autoptr(GPtrArray) lines = NULL;

  if (surface == NULL)
    {
      double size = 8.0, lh = size * 1.3;

      cairo_set_source_rgb (cr, 0.84, 0.84, 0.84);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.75);
      cairo_stroke (cr);
      report_set_font (cr, FONT_ITALIC, size);
      lines = report_wrap_text (cr, _("image not available (purged or missing)"), w - 12);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = lines->pdata[i];
          double      top = y + (h - lines->len * lh) / 2 + i * lh;

          report_show_line (cr, x + (w - report_text_width (cr, line)) / 2, top, size, line);
        }
      g_clear_pointer (&lines, g_ptr_array_unref);
    }
  else
    {
      int    iw = cairo_image_surface_get_width (surface);
      int    ih = cairo_image_surface_get_height (surface);
      double scale = MIN (w / iw, h / ih);
      double dw = iw * scale, dh = ih * scale;
      double dx = x + (w - dw) / 2, dy = y + (h - dh) / 2;

      cairo_save (cr);
      cairo_translate (cr, dx, dy);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, dx, dy, dw, dh);
      cairo_stroke (cr);
    }
  if (caption != NULL)
    {
      report_set_font (cr, FONT_REGULAR, CAPTION_SIZE);
      lines = report_wrap_text (cr, caption, w);
      report_limit_lines (lines, 2);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      for (guint i = 0; i < lines->len; i++)
        report_show_line (cr, x, y + h + 3 + i * CAPTION_SIZE * 1.3, CAPTION_SIZE, lines->pdata[i]);
    }
}

static void
table_header (Report       *r,
              const Column *cols,
              guint         n_cols,
              const double *widths,
              double        size,
              double        pad)
{
  double lh = size * 1.3, x = MARGIN;

  cairo_set_source_rgb (r->cr, 0.86, 0.86, 0.86);
  cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W, lh + 2 * pad);
  cairo_fill (r->cr);
  report_set_font (r->cr, FONT_BOLD, size);
  cairo_set_source_rgb (r->cr, 0, 0, 0);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autoptr(GPtrArray) lines = report_wrap_text (r->cr, cols[c].title, widths[c] - 2 * pad);

      report_show_line (r->cr, x + pad, r->y + pad, size, lines->pdata[0]);
      x += widths[c];
    }
  r->y += lh + 2 * pad;
}

/* Rows of n_cols cells (GStrv); repeats the header (and a "continued" line)
 * on every page the table runs onto. */
void
report_table (Report       *r,
              const Column *cols,
              guint         n_cols,
              GPtrArray    *rows,
              const char   *continued)
{
  double             size = 8.0, lh = size * 1.3, pad = 3, total = 0;
  g_autofree double *widths = g_new0 (double, n_cols);

  for (guint c = 0; c < n_cols; c++)
    total += cols[c].weight;
  for (guint c = 0; c < n_cols; c++)
    widths[c] = CONTENT_W * cols[c].weight / total;

  report_ensure_space (r, 2 * (lh + 2 * pad));
  table_header (r, cols, n_cols, widths, size, pad);
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = rows->pdata[i];
      g_autoptr(GPtrArray) wrapped = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
      guint  n_lines = 1;
      double h, x = MARGIN;

      for (guint c = 0; c < n_cols; c++)
        {
          GPtrArray *lines;

          report_set_font (r->cr, cols[c].font, size);
          lines = report_wrap_text (r->cr, cells[c], widths[c] - 2 * pad);
          report_limit_lines (lines, MAX_CELL_LINES);
          n_lines = MAX (n_lines, lines->len);
          g_ptr_array_add (wrapped, lines);
        }
      h = n_lines * lh + 2 * pad;
      if (report_ensure_space (r, h))
        {
          report_paragraph (r, FONT_ITALIC, 8.0, 0.3, continued);
          table_header (r, cols, n_cols, widths, size, pad);
        }
      if (i % 2 == 1)
        {
          cairo_set_source_rgb (r->cr, 0.955, 0.955, 0.955);
          cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W, h);
          cairo_fill (r->cr);
        }
      cairo_set_source_rgb (r->cr, 0, 0, 0);
      for (guint c = 0; c < n_cols; c++)
        {
          GPtrArray *lines = wrapped->pdata[c];

          report_set_font (r->cr, cols[c].font, size);
          for (guint l = 0; l < lines->len; l++)
            report_show_line (r->cr, x + pad, r->y + pad + l * lh, size, lines->pdata[l]);
          x += widths[c];
        }
      r->y += h;
      cairo_set_source_rgb (r->cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (r->cr, 0.5);
      cairo_move_to (r->cr, MARGIN, r->y);
      cairo_line_to (r->cr, MARGIN + CONTENT_W, r->y);
      cairo_stroke (r->cr);
    }
  r->y += 8;
}
