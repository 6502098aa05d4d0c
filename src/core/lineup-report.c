/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-report.c: the investigative lead report (PDF) and the disclosure
 * package, both made from a case dossier.
 *
 * Cairo's toy text API is enough for a report and keeps Pango out of the
 * core, so words are wrapped here. Pages are drawn onto recording surfaces
 * first, so that every footer can say "N / M" once M is known; replaying
 * them onto the PDF surface keeps text as real text. Nothing in the dossier
 * is trusted to be well formed: odd or missing members read as empty, and a
 * missing or purged image becomes a grey box, never a failed report.
 */
#define G_LOG_DOMAIN "lineup-report"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lineup-case.h"
#include "lineup-error.h"
#include "lineup-gallery.h"
#include "lineup-image.h"
#include "lineup-json.h"
#include "lineup-report.h"

/* A4 portrait, in points. */
#define PAGE_W         595.276
#define PAGE_H         841.890
#define MARGIN         48.0
#define MARGIN_BOTTOM  28.0
#define CONTENT_W      (PAGE_W - 2 * MARGIN)
#define KEY_W          112.0
#define BODY_SIZE      9.0
#define FOOTER_SIZE    7.5
#define FOOTER_LINES   4
#define CAPTION_SIZE   7.5
#define CAPTION_H      (2 * CAPTION_SIZE * 1.3 + 4)
#define PROBE_BOX      170.0
#define COMPARE_BOX    120.0
#define MAX_CELL_LINES 6
/* Images are scaled down before they are embedded: enough for print, and
 * the PDF stays small. */
#define EMBED_SIDE     600

typedef enum
{
  FONT_REGULAR,
  FONT_BOLD,
  FONT_ITALIC,
  FONT_MONO,
} FontKind;

/* ---- Reading the dossier without trusting it ---- */

static JsonObject *
node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  return obj != NULL ? json_object_get_member (obj, name) : NULL;
}

/* The member if it is a string, else NULL. */
static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = member (obj, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
member_double (JsonObject *obj,
               const char *name,
               double     *value)
{
  JsonNode *node = member (obj, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double)json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      *value = g_ascii_strtod (text, &end);
      return end != text && *end == '\0';
    }
  else
    return FALSE;
  return TRUE;
}

static gint64
member_int (JsonObject *obj,
            const char *name,
            gint64      fallback)
{
  double value;

  if (!member_double (obj, name, &value) || !(value > -9e18 && value < 9e18))
    return fallback;
  return (gint64)value;
}

static gboolean
member_bool (JsonObject *obj,
             const char *name)
{
  JsonNode *node = member (obj, name);
  double value;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (g_strcmp0 (member_string (obj, name), "true") == 0)
    return TRUE;
  return member_double (obj, name, &value) && value != 0;
}

/* Valid UTF-8 without control characters (but newlines): cairo refuses
 * the rest, and a dossier may hold anything. */
static char *
clean_text (const char *text)
{
  char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (char *p = valid; *p != '\0'; p++)
    if (((guchar)*p < 0x20 && *p != '\n') || *p == 0x7f)
      *p = ' ';
  return valid;
}

/* Any member as display text; "" when missing or null. */
static char *
member_text (JsonObject *obj,
             const char *name)
{
  JsonNode *node = member (obj, name);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *json = json_to_string (node, FALSE);
      return clean_text (json);
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return clean_text (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
  return g_strdup ("");
}

static char *
member_number (JsonObject *obj,
               const char *name,
               int         decimals)
{
  double value;

  if (member_double (obj, name, &value))
    return g_strdup_printf ("%.*f", decimals, value);
  return member_text (obj, name);
}

/* Timestamps are stored as ISO 8601 in UTC; shown without the fraction. */
static char *
member_time (JsonObject *obj,
             const char *name)
{
  g_autofree char *text = member_text (obj, name);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (*text == '\0')
    return g_steal_pointer (&text);
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return g_steal_pointer (&text);
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
}

/* "possible_lead" → "Possible lead", for values without a label. */
static char *
humanize (const char *text)
{
  char *out = clean_text (text);

  g_strdelimit (out, "_-", ' ');
  if (g_ascii_islower (out[0]))
    out[0] = g_ascii_toupper (out[0]);
  return out;
}

/* An em dash for a value that is empty. */
static char *
or_dash (char *text)
{
  if (text != NULL && *text != '\0')
    return text;
  g_free (text);
  return g_strdup ("—");
}

static char *
decision_label (const char *text)
{
  LineupDecision decision;

  if (text != NULL && lineup_decision_from_string (text, &decision, NULL))
    return g_strdup (lineup_decision_label (decision));
  return or_dash (humanize (text));
}

static char *
source_label (const char *text)
{
  LineupProbeSource source;

  if (text != NULL && lineup_probe_source_from_string (text, &source, NULL))
    return g_strdup (lineup_probe_source_label (source));
  return humanize (text);
}

static gboolean
valid_sha256 (const char *sha)
{
  if (sha == NULL || strlen (sha) != 64)
    return FALSE;
  for (const char *p = sha; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* "x=10, y=20" from an edit's params. */
static char *
params_text (JsonObject *params)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) names = params != NULL ? json_object_get_members (params) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = member_text (params, l->data);
      g_autofree char *name = clean_text (l->data);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s=%s", name, value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonObject *
find_by_int (JsonArray  *array,
             const char *name,
             gint64      value)
{
  for (guint i = 0; i < lineup_json_array_length (array); i++)
    {
      JsonObject *obj = lineup_json_array_get_object (array, i);

      if (obj != NULL && member_int (obj, name, G_MININT64) == value)
        return obj;
    }
  return NULL;
}

/* The latest decision on a rank (the array is in the order they were made). */
static JsonObject *
latest_decision (JsonArray *decisions,
                 gint64     rank)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < lineup_json_array_length (decisions); i++)
    {
      JsonObject *obj = lineup_json_array_get_object (decisions, i);

      if (obj != NULL && member_int (obj, "rank", G_MININT64) == rank)
        found = obj;
    }
  return found;
}

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The probe's edit seqs, ascending, each once. */
static GArray *
edit_seqs (JsonObject *probe)
{
  JsonArray *edits = lineup_json_get_array (probe, "edits");
  GArray *seqs = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < lineup_json_array_length (edits); i++)
    {
      gint64 seq = member_int (lineup_json_array_get_object (edits, i), "seq", 0);

      if (seq > 0)
        g_array_append_val (seqs, seq);
    }
  g_array_sort (seqs, compare_int64);
  for (guint i = 1; i < seqs->len;)
    if (g_array_index (seqs, gint64, i) == g_array_index (seqs, gint64, i - 1))
      g_array_remove_index (seqs, i);
    else
      i++;
  return seqs;
}

/* ---- Images ---- */

/* Edit steps 1…seq as lineup_probe_apply_edits wants them; NULL if one is
 * missing from the dossier (the image would not be the one searched). */
static JsonArray *
steps_up_to (JsonObject  *probe,
             gint64       seq,
             GError     **error)
{
  JsonArray *edits = lineup_json_get_array (probe, "edits");
  g_autoptr(JsonArray) steps = json_array_new ();

  for (gint64 s = 1; s <= seq; s++)
    {
      /* More steps than edits: one is missing (and seq may be absurd). */
      JsonObject *edit = seq <= lineup_json_array_length (edits) ? find_by_int (edits, "seq", s) : NULL;
      JsonObject *step;
      JsonNode *params;
      const char *op;

      if (edit == NULL)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                       _("Edit step %" G_GINT64_FORMAT " is missing from the dossier"), s);
          return NULL;
        }
      op = member_string (edit, "op");
      params = member (edit, "params");
      step = json_object_new ();
      json_object_set_string_member (step, "op", op != NULL ? op : "");
      if (params != NULL && JSON_NODE_HOLDS_OBJECT (params))
        json_object_set_member (step, "params", json_node_copy (params));
      else
        json_object_set_object_member (step, "params", json_object_new ());
      json_array_add_object_element (steps, step);
    }
  return g_steal_pointer (&steps);
}

/* The probe after its first seq edit steps; seq 0 is the original. */
static LineupImage *
probe_edited (LineupImage  *original,
              JsonObject   *probe,
              gint64        seq,
              GError      **error)
{
  g_autoptr(JsonArray) steps = NULL;

  if (seq <= 0)
    return g_object_ref (original);
  steps = steps_up_to (probe, seq, error);
  if (steps == NULL)
    return NULL;
  return lineup_probe_apply_edits (original, steps, error);
}

/* Packed RGB → a cairo surface, scaled so the longer side is at most
 * max_side (0: full size). NULL if cairo cannot hold it. */
static cairo_surface_t *
surface_from_shim (const LineupShimImage *image,
                   int                    max_side)
{
  g_autoptr(LineupShimImage) scaled = NULL;
  g_autofree guint8 *rgb = NULL;
  cairo_surface_t *surface;
  guint8 *data;
  int w, h, stride;

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
      guint32 *row = (guint32 *)(data + (gsize)y * stride);
      const guint8 *src = rgb + (gsize)y * w * 3;

      for (int x = 0; x < w; x++, src += 3)
        row[x] = 0xff000000u | ((guint32)src[0] << 16) | ((guint32)src[1] << 8) | src[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* ---- Layout ---- */

typedef struct
{
  const char *data_dir;
  char       *statement;
  char       *case_number;
  GPtrArray  *footer;     /* the statement's lines in the footer */
  GPtrArray  *pages;      /* cairo recording surfaces, one a page */
  cairo_t    *cr;         /* draws on the last page */
  cairo_status_t status;  /* the first drawing error */
  double      y;          /* top of the next free line */
  double      bottom;     /* content ends here; the footer is below */
  GHashTable *originals;  /* probe sha256 → LineupImage (NULL: unavailable) */
  GHashTable *surfaces;   /* cache key → cairo_surface_t (NULL: unavailable) */
} Report;

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
report_close_page (Report *r)
{
  if (r->cr == NULL)
    return;
  if (r->status == CAIRO_STATUS_SUCCESS)
    r->status = cairo_status (r->cr);
  g_clear_pointer (&r->cr, cairo_destroy);
}

static void
report_new_page (Report *r)
{
  cairo_rectangle_t extents = { 0, 0, PAGE_W, PAGE_H };
  cairo_surface_t *page;

  report_close_page (r);
  page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  g_ptr_array_add (r->pages, page);
  r->cr = cairo_create (page);
  r->y = MARGIN;
}

static void
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
static gboolean
ensure_space (Report *r,
              double  h)
{
  if (r->y + h <= r->bottom || r->y <= MARGIN + 0.5)
    return FALSE;
  report_new_page (r);
  return TRUE;
}

static void
set_font (cairo_t  *cr,
          FontKind  kind,
          double    size)
{
  cairo_select_font_face (cr, kind == FONT_MONO ? "Monospace" : "Sans",
                          kind == FONT_ITALIC ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                          kind == FONT_BOLD ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t ext;

  cairo_text_extents (cr, text, &ext);
  return ext.x_advance;
}

/* Top of the line at top; the baseline sits one em below. */
static void
show_line (cairo_t    *cr,
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
static GPtrArray *
wrap_text (cairo_t    *cr,
           const char *text,
           double      width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *clean = clean_text (text);
  g_auto(GStrv) paragraphs = g_strsplit (clean, "\n", -1);

  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[p], " ", -1);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint w = 0; words[w] != NULL; w++)
        {
          const char *word = words[w];
          g_autofree char *candidate = NULL;

          if (*word == '\0')
            continue;
          candidate = line->len > 0 ? g_strconcat (line->str, " ", word, NULL) : g_strdup (word);
          if (text_width (cr, candidate) <= width)
            {
              g_string_assign (line, candidate);
              continue;
            }
          if (line->len > 0)
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_truncate (line, 0);
            }
          if (text_width (cr, word) <= width)
            {
              g_string_assign (line, word);
              continue;
            }
          for (const char *c = word; *c != '\0'; c = g_utf8_next_char (c))
            {
              gsize before = line->len;

              g_string_append_len (line, c, g_utf8_next_char (c) - c);
              if (before > 0 && text_width (cr, line->str) > width)
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
static void
limit_lines (GPtrArray *lines,
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

static void
paragraph (Report     *r,
           FontKind    kind,
           double      size,
           double      grey,
           const char *text)
{
  double lh = size * 1.35;
  g_autoptr(GPtrArray) lines = NULL;

  set_font (r->cr, kind, size);
  lines = wrap_text (r->cr, text, CONTENT_W);
  for (guint i = 0; i < lines->len; i++)
    {
      ensure_space (r, lh);
      set_font (r->cr, kind, size);
      cairo_set_source_rgb (r->cr, grey, grey, grey);
      show_line (r->cr, MARGIN, r->y, size, lines->pdata[i]);
      r->y += lh;
    }
}

static void
heading (Report     *r,
         const char *text,
         gboolean    major)
{
  double size = major ? 14.0 : 11.0;
  double lh = size * 1.3;
  g_autoptr(GPtrArray) lines = NULL;

  /* Keep a heading with the start of what follows it. */
  ensure_space (r, lh + (major ? 100 : 80));
  if (r->y > MARGIN + 0.5)
    r->y += major ? 12 : 8;
  set_font (r->cr, FONT_BOLD, size);
  lines = wrap_text (r->cr, text, CONTENT_W);
  limit_lines (lines, 3);
  cairo_set_source_rgb (r->cr, 0.08, 0.08, 0.08);
  for (guint i = 0; i < lines->len; i++)
    {
      show_line (r->cr, MARGIN, r->y, size, lines->pdata[i]);
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
static void
field (Report     *r,
       const char *key,
       const char *value,
       FontKind    kind)
{
  double size = BODY_SIZE, lh = size * 1.35;
  g_autoptr(GPtrArray) lines = NULL;

  set_font (r->cr, kind, size);
  lines = wrap_text (r->cr, value != NULL && *value != '\0' ? value : "—", CONTENT_W - KEY_W);
  for (guint i = 0; i < lines->len; i++)
    {
      ensure_space (r, lh);
      if (i == 0)
        {
          set_font (r->cr, FONT_BOLD, size);
          cairo_set_source_rgb (r->cr, 0.3, 0.3, 0.3);
          show_line (r->cr, MARGIN, r->y, size, key);
        }
      set_font (r->cr, kind, size);
      cairo_set_source_rgb (r->cr, 0, 0, 0);
      show_line (r->cr, MARGIN + KEY_W, r->y, size, lines->pdata[i]);
      r->y += lh;
    }
}

/* The standing statement, boxed and bold. */
static void
banner (Report *r)
{
  double size = 11.5, lh = size * 1.35, pad = 10;
  g_autoptr(GPtrArray) lines = NULL;
  double h;

  set_font (r->cr, FONT_BOLD, size);
  lines = wrap_text (r->cr, r->statement, CONTENT_W - 2 * pad - 6);
  limit_lines (lines, MAX (1, (guint)((r->bottom - MARGIN - 2 * pad) / lh) - 1));
  h = lines->len * lh + 2 * pad;
  ensure_space (r, h + 12);
  cairo_set_source_rgb (r->cr, 1.0, 0.95, 0.84);
  cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W, h);
  cairo_fill_preserve (r->cr);
  cairo_set_source_rgb (r->cr, 0.55, 0.2, 0.0);
  cairo_set_line_width (r->cr, 2.5);
  cairo_stroke (r->cr);
  set_font (r->cr, FONT_BOLD, size);
  cairo_set_source_rgb (r->cr, 0.25, 0.08, 0.0);
  for (guint i = 0; i < lines->len; i++)
    show_line (r->cr, MARGIN + pad + 3, r->y + pad + i * lh, size, lines->pdata[i]);
  r->y += h + 12;
}

/* An image fitted into a w×h box with a caption under it, or a grey box
 * when the image is gone. */
static void
image_box (Report          *r,
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
      set_font (cr, FONT_ITALIC, size);
      lines = wrap_text (cr, _("image not available (purged or missing)"), w - 12);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = lines->pdata[i];
          double top = y + (h - lines->len * lh) / 2 + i * lh;

          show_line (cr, x + (w - text_width (cr, line)) / 2, top, size, line);
        }
      g_clear_pointer (&lines, g_ptr_array_unref);
    }
  else
    {
      int iw = cairo_image_surface_get_width (surface);
      int ih = cairo_image_surface_get_height (surface);
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
      set_font (cr, FONT_REGULAR, CAPTION_SIZE);
      lines = wrap_text (cr, caption, w);
      limit_lines (lines, 2);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      for (guint i = 0; i < lines->len; i++)
        show_line (cr, x, y + h + 3 + i * CAPTION_SIZE * 1.3, CAPTION_SIZE, lines->pdata[i]);
    }
}

typedef struct
{
  const char *title;
  double      weight;   /* share of the content width */
  FontKind    font;
} Column;

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
  set_font (r->cr, FONT_BOLD, size);
  cairo_set_source_rgb (r->cr, 0, 0, 0);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autoptr(GPtrArray) lines = wrap_text (r->cr, cols[c].title, widths[c] - 2 * pad);

      show_line (r->cr, x + pad, r->y + pad, size, lines->pdata[0]);
      x += widths[c];
    }
  r->y += lh + 2 * pad;
}

/* Rows of n_cols cells (GStrv); repeats the header (and a "continued" line)
 * on every page the table runs onto. */
static void
table (Report       *r,
       const Column *cols,
       guint         n_cols,
       GPtrArray    *rows,
       const char   *continued)
{
  double size = 8.0, lh = size * 1.3, pad = 3, total = 0;
  g_autofree double *widths = g_new0 (double, n_cols);

  for (guint c = 0; c < n_cols; c++)
    total += cols[c].weight;
  for (guint c = 0; c < n_cols; c++)
    widths[c] = CONTENT_W * cols[c].weight / total;

  ensure_space (r, 2 * (lh + 2 * pad));
  table_header (r, cols, n_cols, widths, size, pad);
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = rows->pdata[i];
      g_autoptr(GPtrArray) wrapped = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
      guint n_lines = 1;
      double h, x = MARGIN;

      for (guint c = 0; c < n_cols; c++)
        {
          GPtrArray *lines;

          set_font (r->cr, cols[c].font, size);
          lines = wrap_text (r->cr, cells[c], widths[c] - 2 * pad);
          limit_lines (lines, MAX_CELL_LINES);
          n_lines = MAX (n_lines, lines->len);
          g_ptr_array_add (wrapped, lines);
        }
      h = n_lines * lh + 2 * pad;
      if (ensure_space (r, h))
        {
          paragraph (r, FONT_ITALIC, 8.0, 0.3, continued);
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

          set_font (r->cr, cols[c].font, size);
          for (guint l = 0; l < lines->len; l++)
            show_line (r->cr, x + pad, r->y + pad + l * lh, size, lines->pdata[l]);
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

/* ---- Images in the report (cached: a probe is often shown twice) ---- */

static LineupImage *
report_probe_original (Report     *r,
                       const char *sha)
{
  gpointer cached;
  LineupImage *image = NULL;

  if (sha == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (r->originals, sha, NULL, &cached))
    return cached;
  if (valid_sha256 (sha))
    {
      g_autofree char *path = lineup_probe_store_path (r->data_dir, sha);

      image = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, NULL);
    }
  g_hash_table_insert (r->originals, g_strdup (sha), image);
  return image;
}

static cairo_surface_t *
report_probe_surface (Report     *r,
                      JsonObject *probe,
                      gint64      seq)
{
  const char *sha = member_string (probe, "sha256");
  g_autofree char *key = g_strdup_printf ("p:%s:%" G_GINT64_FORMAT, sha, seq);
  cairo_surface_t *surface = NULL;
  LineupImage *original;
  gpointer cached;

  if (g_hash_table_lookup_extended (r->surfaces, key, NULL, &cached))
    return cached;
  original = report_probe_original (r, sha);
  if (original != NULL)
    {
      g_autoptr(LineupImage) edited = probe_edited (original, probe, seq, NULL);

      if (edited != NULL)
        surface = surface_from_shim (lineup_image_get_shim (edited), EMBED_SIDE);
    }
  g_hash_table_insert (r->surfaces, g_steal_pointer (&key), surface);
  return surface;
}

/* The gallery photo around the candidate's face box (the whole photo
 * without a usable box). */
static cairo_surface_t *
report_gallery_surface (Report     *r,
                        const char *sha,
                        JsonArray  *box)
{
  g_autofree char *key = NULL;
  cairo_surface_t *surface = NULL;
  double b[4] = { 0, 0, 0, 0 };
  gboolean has_box = lineup_json_array_length (box) == 4;
  gpointer cached;

  for (guint i = 0; has_box && i < 4; i++)
    {
      JsonNode *node = json_array_get_element (box, i);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64))
        b[i] = json_node_get_double (node);
      else
        has_box = FALSE;
    }
  has_box = has_box && b[2] > b[0] && b[3] > b[1];
  key = g_strdup_printf ("g:%s:%d:%g,%g,%g,%g", sha, has_box, b[0], b[1], b[2], b[3]);
  if (g_hash_table_lookup_extended (r->surfaces, key, NULL, &cached))
    return cached;
  if (valid_sha256 (sha))
    {
      int w = 0, h = 0;
      g_autoptr(GBytes) rgb = lineup_store_load_rgb (r->data_dir, sha, 0, &w, &h, NULL);
      g_autoptr(LineupShimImage) full = NULL;
      g_autoptr(LineupShimImage) crop = NULL;

      if (rgb != NULL)
        full = lineup_shim_image_new_from_rgb (g_bytes_get_data (rgb, NULL), w, h, w * 3, NULL);
      if (full != NULL && has_box)
        {
          double m = 0.35 * MAX (b[2] - b[0], b[3] - b[1]);
          int x0 = (int)CLAMP (b[0] - m, 0, w - 1), y0 = (int)CLAMP (b[1] - m, 0, h - 1);
          int x1 = (int)CLAMP (b[2] + m, x0 + 1, w), y1 = (int)CLAMP (b[3] + m, y0 + 1, h);

          crop = lineup_shim_image_crop (full, x0, y0, x1 - x0, y1 - y0, NULL);
        }
      if (full != NULL)
        surface = surface_from_shim (crop != NULL ? crop : full, EMBED_SIDE / 2);
    }
  g_hash_table_insert (r->surfaces, g_steal_pointer (&key), surface);
  return surface;
}

/* ---- The report's sections ---- */

static void
render_title (Report     *r,
              JsonObject *root)
{
  g_autofree char *at = member_time (root, "generated_at");
  g_autofree char *by = member_text (root, "generated_by");
  g_autofree char *subtitle = NULL;
  g_autofree char *generated = NULL;

  set_font (r->cr, FONT_BOLD, 20);
  cairo_set_source_rgb (r->cr, 0, 0, 0);
  show_line (r->cr, MARGIN, r->y, 20, _("Investigative lead report"));
  r->y += 28;
  subtitle = g_strdup_printf (_("Case %s"), *r->case_number != '\0' ? r->case_number : "—");
  paragraph (r, FONT_REGULAR, 13, 0.15, subtitle);
  r->y += 6;
  banner (r);
  generated = g_strdup_printf (_("Generated %s by %s"), *at != '\0' ? at : "—", *by != '\0' ? by : "—");
  paragraph (r, FONT_REGULAR, 8.5, 0.3, generated);
}

static void
render_case (Report     *r,
             JsonObject *root)
{
  JsonObject *c = lineup_json_get_object (root, "case");
  JsonArray *probes = lineup_json_get_array (root, "probes");
  JsonArray *searches = lineup_json_get_array (root, "searches");
  g_autofree char *offence = member_text (c, "offence");
  g_autofree char *offence_label = member_text (c, "offence_label");
  g_autofree char *reason = member_text (c, "reason");
  g_autofree char *status = humanize (member_string (c, "status"));
  g_autofree char *by = member_text (c, "created_by");
  g_autofree char *at = member_time (c, "created_at");
  g_autofree char *offence_text = NULL;
  g_autofree char *contents = NULL;
  guint n_decisions = 0;

  for (guint i = 0; i < lineup_json_array_length (searches); i++)
    n_decisions += lineup_json_array_length (lineup_json_get_array (lineup_json_array_get_object (searches, i), "decisions"));
  if (*offence_label != '\0' && *offence != '\0' && g_strcmp0 (offence, offence_label) != 0)
    offence_text = g_strdup_printf ("%s (%s)", offence_label, offence);
  else
    offence_text = g_strdup (*offence_label != '\0' ? offence_label : offence);
  contents = g_strdup_printf (_("%u probe images, %u searches, %u decisions"),
                              lineup_json_array_length (probes), lineup_json_array_length (searches), n_decisions);

  heading (r, _("Case"), TRUE);
  field (r, _("Case number"), r->case_number, FONT_REGULAR);
  field (r, _("Offence"), offence_text, FONT_REGULAR);
  field (r, _("Reason"), reason, FONT_REGULAR);
  field (r, _("Status"), status, FONT_REGULAR);
  field (r, _("Opened by"), by, FONT_REGULAR);
  field (r, _("Opened at"), at, FONT_REGULAR);
  field (r, _("Contents"), contents, FONT_REGULAR);
}

static void
render_probe (Report     *r,
              JsonObject *probe)
{
  JsonArray *edits = lineup_json_get_array (probe, "edits");
  g_autoptr(GArray) seqs = edit_seqs (probe);
  gint64 last = seqs->len > 0 ? g_array_index (seqs, gint64, seqs->len - 1) : 0;
  g_autofree char *id = member_text (probe, "id");
  g_autofree char *title = g_strdup_printf (_("Probe %s"), *id != '\0' ? id : "—");
  g_autofree char *source = source_label (member_string (probe, "source"));
  g_autofree char *name = member_text (probe, "original_name");
  g_autofree char *sha = member_text (probe, "sha256");
  g_autofree char *by = member_text (probe, "user");
  g_autofree char *at = member_time (probe, "created_at");

  heading (r, title, FALSE);
  field (r, _("Source"), source, FONT_REGULAR);
  field (r, _("Original name"), name, FONT_REGULAR);
  field (r, _("SHA-256"), sha, FONT_MONO);
  field (r, _("Added by"), by, FONT_REGULAR);
  field (r, _("Added at"), at, FONT_REGULAR);
  r->y += 6;

  ensure_space (r, PROBE_BOX + CAPTION_H + 8);
  image_box (r, report_probe_surface (r, probe, 0), MARGIN, r->y, PROBE_BOX, PROBE_BOX,
             _("Original, as received"));
  if (last > 0)
    {
      g_autofree char *caption = g_strdup_printf (_("After edit step %" G_GINT64_FORMAT " (the last)"), last);

      image_box (r, report_probe_surface (r, probe, last), MARGIN + PROBE_BOX + 18, r->y,
                 PROBE_BOX, PROBE_BOX, caption);
    }
  r->y += PROBE_BOX + CAPTION_H + 8;

  if (lineup_json_array_length (edits) == 0)
    paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No edits: searches of this probe used the original."));
  else
    {
      static const Column cols[] = {
        { N_("Step"), 0.6, FONT_REGULAR },
        { N_("Operation"), 1.5, FONT_REGULAR },
        { N_("Parameters"), 3.0, FONT_REGULAR },
        { N_("User"), 1.3, FONT_REGULAR },
        { N_("Time"), 1.8, FONT_REGULAR },
      };
      Column translated[G_N_ELEMENTS (cols)];
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
      g_autofree char *continued = g_strdup_printf (_("Edit steps of probe %s, continued"), id);

      for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
        translated[c] = (Column){ _(cols[c].title), cols[c].weight, cols[c].font };
      for (guint i = 0; i < lineup_json_array_length (edits); i++)
        {
          JsonObject *edit = lineup_json_array_get_object (edits, i);
          char **cells = g_new0 (char *, G_N_ELEMENTS (cols) + 1);

          if (edit == NULL)
            {
              g_free (cells);
              continue;
            }
          cells[0] = member_text (edit, "seq");
          cells[1] = humanize (member_string (edit, "op"));
          cells[2] = lineup_json_get_object (edit, "params") != NULL ? params_text (lineup_json_get_object (edit, "params"))
                                                             : member_text (edit, "params");
          cells[3] = member_text (edit, "user");
          cells[4] = member_time (edit, "created_at");
          g_ptr_array_add (rows, cells);
        }
      paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("Edit steps"));
      table (r, translated, G_N_ELEMENTS (cols), rows, continued);
    }
}

static void
render_probes (Report     *r,
               JsonObject *root)
{
  JsonArray *probes = lineup_json_get_array (root, "probes");
  guint n = 0;

  heading (r, _("Probe images"), TRUE);
  for (guint i = 0; i < lineup_json_array_length (probes); i++)
    {
      JsonObject *probe = lineup_json_array_get_object (probes, i);

      if (probe != NULL)
        {
          render_probe (r, probe);
          n++;
        }
    }
  if (n == 0)
    paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No probe images."));
}

static void
render_comparisons (Report     *r,
                    JsonObject *search,
                    JsonObject *probe)
{
  JsonArray *candidates = lineup_json_get_array (search, "candidates");
  JsonArray *decisions = lineup_json_get_array (search, "decisions");
  gint64 seq = member_int (search, "edit_seq", 0);
  gboolean any = FALSE;

  for (guint i = 0; i < lineup_json_array_length (candidates); i++)
    {
      JsonObject *cand = lineup_json_array_get_object (candidates, i);
      gint64 rank = member_int (cand, "rank", G_MININT64);
      JsonObject *decision = cand != NULL ? latest_decision (decisions, rank) : NULL;
      JsonObject *subject = lineup_json_get_object (cand, "subject");
      g_autofree char *rank_text = NULL;
      g_autofree char *booking = NULL;
      g_autofree char *label = NULL;
      g_autofree char *date = NULL;
      g_autofree char *distance = NULL;
      g_autofree char *similarity = NULL;
      g_autofree char *verdict = NULL;
      g_autofree char *probe_caption = NULL;
      g_autofree char *cand_caption = NULL;
      g_autoptr(GPtrArray) text = NULL;
      double tx = MARGIN + 2 * COMPARE_BOX + 32, tw = MARGIN + CONTENT_W - tx;
      double top, ty;

      if (decision == NULL)
        continue;
      if (!any)
        {
          ensure_space (r, BODY_SIZE * 1.35 + COMPARE_BOX + CAPTION_H + 8);
          paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("Probe compared with each candidate that has a decision"));
          r->y += 2;
          any = TRUE;
        }
      rank_text = or_dash (member_text (cand, "rank"));
      booking = or_dash (member_text (cand, "booking_number"));
      label = or_dash (member_text (subject, "label"));
      date = member_text (cand, "booking_date");
      distance = or_dash (member_number (cand, "distance", 4));
      similarity = or_dash (member_number (cand, "similarity", 3));
      verdict = decision_label (member_string (decision, "decision"));
      probe_caption = seq > 0 ? g_strdup_printf (_("Probe, after edit step %" G_GINT64_FORMAT), seq)
                              : g_strdup (_("Probe, original"));
      cand_caption = g_strdup_printf (_("Rank %s: booking %s"), rank_text, booking);

      ensure_space (r, COMPARE_BOX + CAPTION_H + 8);
      top = r->y;
      image_box (r, probe != NULL ? report_probe_surface (r, probe, seq) : NULL,
                 MARGIN, top, COMPARE_BOX, COMPARE_BOX, probe_caption);
      image_box (r, report_gallery_surface (r, member_string (cand, "photo_sha256"), lineup_json_get_array (cand, "box")),
                 MARGIN + COMPARE_BOX + 12, top, COMPARE_BOX, COMPARE_BOX, cand_caption);

      text = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (text, g_strdup_printf (_("Rank %s"), rank_text));
      g_ptr_array_add (text, g_strdup_printf (_("Booking number: %s"), booking));
      g_ptr_array_add (text, g_strdup_printf (_("Label: %s"), label));
      if (*date != '\0')
        g_ptr_array_add (text, g_strdup_printf (_("Booking date: %s"), date));
      g_ptr_array_add (text, g_strdup_printf (_("Distance: %s"), distance));
      g_ptr_array_add (text, g_strdup_printf (_("Similarity: %s"), similarity));
      g_ptr_array_add (text, g_strdup_printf (_("Decision: %s"), verdict));
      ty = top;
      for (guint t = 0; t < text->len; t++)
        {
          double size = BODY_SIZE, lh = size * 1.35;
          g_autoptr(GPtrArray) lines = NULL;

          set_font (r->cr, t == 0 ? FONT_BOLD : FONT_REGULAR, size);
          lines = wrap_text (r->cr, text->pdata[t], tw);
          cairo_set_source_rgb (r->cr, 0, 0, 0);
          for (guint l = 0; l < lines->len && ty + lh <= top + COMPARE_BOX + CAPTION_H; l++)
            {
              show_line (r->cr, tx, ty, size, lines->pdata[l]);
              ty += lh;
            }
        }
      r->y = top + COMPARE_BOX + CAPTION_H + 8;
    }
}

static void
render_decisions (Report     *r,
                  JsonObject *search)
{
  JsonArray *decisions = lineup_json_get_array (search, "decisions");
  JsonArray *candidates = lineup_json_get_array (search, "candidates");
  guint n = 0;

  ensure_space (r, 60);
  paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("Decisions and reviews"));
  for (guint i = 0; i < lineup_json_array_length (decisions); i++)
    {
      JsonObject *d = lineup_json_array_get_object (decisions, i);
      JsonObject *review = lineup_json_get_object (d, "review");
      JsonObject *cand;
      g_autofree char *rank = NULL;
      g_autofree char *label = NULL;
      g_autofree char *title = NULL;
      g_autofree char *by = NULL;
      g_autofree char *at = NULL;
      g_autofree char *note = NULL;

      if (d == NULL)
        continue;
      n++;
      cand = find_by_int (candidates, "rank", member_int (d, "rank", G_MININT64));
      rank = member_text (d, "rank");
      label = decision_label (member_string (d, "decision"));
      if (cand != NULL)
        {
          g_autofree char *booking = member_text (cand, "booking_number");

          title = g_strdup_printf (_("Rank %s (booking %s): %s"), rank, booking, label);
        }
      else
        title = g_strdup_printf (_("Rank %s: %s"), rank, label);
      by = member_text (d, "user");
      at = member_time (d, "created_at");
      note = member_text (d, "note");

      ensure_space (r, 5 * BODY_SIZE * 1.35);
      r->y += 3;
      paragraph (r, FONT_BOLD, BODY_SIZE, 0.1, title);
      field (r, _("Decided by"), by, FONT_REGULAR);
      field (r, _("Decided at"), at, FONT_REGULAR);
      field (r, _("Note"), note, FONT_REGULAR);
      if (review != NULL)
        {
          g_autofree char *verdict = humanize (member_string (review, "verdict"));
          g_autofree char *comment = member_text (review, "comment");
          g_autofree char *reviewer = member_text (review, "user");
          g_autofree char *when = member_time (review, "created_at");

          field (r, _("Review"), verdict, FONT_BOLD);
          field (r, _("Review comment"), comment, FONT_REGULAR);
          field (r, _("Reviewer"), reviewer, FONT_REGULAR);
          field (r, _("Reviewed at"), when, FONT_REGULAR);
        }
      else
        field (r, _("Review"), _("Not reviewed"), FONT_ITALIC);
    }
  if (n == 0)
    paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No decisions recorded."));
}

static void
render_search (Report     *r,
               JsonObject *root,
               JsonObject *search)
{
  static const Column cols[] = {
    { N_("Rank"), 0.55, FONT_REGULAR },
    { N_("Booking number"), 1.5, FONT_REGULAR },
    { N_("Label"), 2.2, FONT_REGULAR },
    { N_("Distance"), 0.95, FONT_REGULAR },
    { N_("Similarity"), 0.95, FONT_REGULAR },
    { N_("Decision"), 1.5, FONT_REGULAR },
  };
  Column translated[G_N_ELEMENTS (cols)];
  JsonArray *candidates = lineup_json_get_array (search, "candidates");
  JsonArray *decisions = lineup_json_get_array (search, "decisions");
  gint64 probe_id = member_int (search, "probe_id", G_MININT64);
  gint64 seq = member_int (search, "edit_seq", 0);
  JsonObject *probe = find_by_int (lineup_json_get_array (root, "probes"), "id", probe_id);
  g_autofree char *id = member_text (search, "search_id");
  g_autofree char *title = g_strdup_printf (_("Search %s"), *id != '\0' ? id : "—");
  g_autofree char *at = member_time (search, "created_at");
  g_autofree char *by = member_text (search, "user");
  g_autofree char *probe_id_text = member_text (search, "probe_id");
  g_autofree char *seq_text = member_text (search, "edit_seq");
  g_autofree char *model = member_text (search, "model");
  g_autofree char *model_sha = member_text (search, "model_sha256");
  g_autofree char *threshold = member_number (search, "threshold", 4);
  g_autofree char *top_k = member_text (search, "top_k");
  g_autofree char *gallery = member_text (search, "gallery_size");
  g_autofree char *probe_text = NULL;
  g_autofree char *result = NULL;
  g_autofree char *continued = g_strdup_printf (_("Candidates of search %s, continued"), id);
  gboolean no_hit = member_bool (search, "no_hit");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  guint n_candidates = 0;

  for (guint i = 0; i < lineup_json_array_length (candidates); i++)
    n_candidates += lineup_json_array_get_object (candidates, i) != NULL;

  if (seq > 0)
    probe_text = g_strdup_printf (_("Probe %s after edit step %s"), probe_id_text, seq_text);
  else
    probe_text = g_strdup_printf (_("Probe %s, original (edit step 0)"), probe_id_text);
  if (no_hit)
    result = g_strdup (_("No hit: no gallery face was within the threshold"));
  else
    result = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u candidate within the threshold",
                                           "%u candidates within the threshold", n_candidates),
                              n_candidates);

  heading (r, title, FALSE);
  field (r, _("Time"), at, FONT_REGULAR);
  field (r, _("User"), by, FONT_REGULAR);
  field (r, _("Probe"), probe_text, FONT_REGULAR);
  field (r, _("Model"), model, FONT_REGULAR);
  field (r, _("Model SHA-256"), model_sha, FONT_MONO);
  field (r, _("Threshold"), threshold, FONT_REGULAR);
  field (r, _("Top-K"), top_k, FONT_REGULAR);
  field (r, _("Gallery size"), gallery, FONT_REGULAR);
  field (r, _("No hit"), no_hit ? _("yes") : _("no"), FONT_REGULAR);
  field (r, _("Result"), result, FONT_BOLD);
  r->y += 6;

  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    translated[c] = (Column){ _(cols[c].title), cols[c].weight, cols[c].font };
  for (guint i = 0; i < lineup_json_array_length (candidates); i++)
    {
      JsonObject *cand = lineup_json_array_get_object (candidates, i);
      JsonObject *decision;
      char **cells;

      if (cand == NULL)
        continue;
      decision = latest_decision (decisions, member_int (cand, "rank", G_MININT64));
      cells = g_new0 (char *, G_N_ELEMENTS (cols) + 1);
      cells[0] = member_text (cand, "rank");
      cells[1] = member_text (cand, "booking_number");
      cells[2] = member_text (lineup_json_get_object (cand, "subject"), "label");
      cells[3] = member_number (cand, "distance", 4);
      cells[4] = member_number (cand, "similarity", 3);
      cells[5] = decision != NULL ? decision_label (member_string (decision, "decision")) : g_strdup ("—");
      g_ptr_array_add (rows, cells);
    }
  if (rows->len > 0)
    {
      ensure_space (r, 60);
      paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("All candidates, in rank order"));
      table (r, translated, G_N_ELEMENTS (cols), rows, continued);
      render_comparisons (r, search, probe);
    }
  else
    paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No candidates were listed."));
  r->y += 4;
  render_decisions (r, search);
}

static void
render_searches (Report     *r,
                 JsonObject *root)
{
  JsonArray *searches = lineup_json_get_array (root, "searches");
  guint n = 0;

  heading (r, _("Searches"), TRUE);
  for (guint i = 0; i < lineup_json_array_length (searches); i++)
    {
      JsonObject *search = lineup_json_array_get_object (searches, i);

      if (search != NULL)
        {
          render_search (r, root, search);
          n++;
        }
    }
  if (n == 0)
    paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No searches."));
}

static void
render_end (Report     *r,
            JsonObject *root)
{
  g_autofree char *at = member_time (root, "generated_at");
  g_autofree char *by = member_text (root, "generated_by");
  g_autofree char *end = g_strdup_printf (_("End of report. Generated %s by %s."),
                                          *at != '\0' ? at : "—", *by != '\0' ? by : "—");

  r->y += 16;
  paragraph (r, FONT_ITALIC, 8.5, 0.3, end);
}

static void
draw_footer (Report  *r,
             cairo_t *cr,
             guint    page,
             guint    n_pages)
{
  double lh = FOOTER_SIZE * 1.3;
  double top = PAGE_H - MARGIN_BOTTOM - r->footer->len * lh;
  g_autofree char *number = g_strdup_printf ("%u / %u", page, n_pages);

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, top - 5);
  cairo_line_to (cr, MARGIN + CONTENT_W, top - 5);
  cairo_stroke (cr);
  set_font (cr, FONT_REGULAR, FOOTER_SIZE);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  for (guint i = 0; i < r->footer->len; i++)
    show_line (cr, MARGIN, top + i * lh, FOOTER_SIZE, r->footer->pdata[i]);
  set_font (cr, FONT_BOLD, 8);
  show_line (cr, MARGIN + CONTENT_W - text_width (cr, number), top, 8, number);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_pdf (JsonNode    *dossier,
            const char  *data_dir,
            GError     **error)
{
  JsonObject *root = node_object (dossier);
  Report r = { 0 };
  g_autoptr(GByteArray) out = NULL;
  g_autofree char *title = NULL;
  const char *statement;
  cairo_surface_t *pdf;
  cairo_status_t status;
  cairo_t *cr;

  if (root == NULL)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("The case dossier is not a JSON object"));
      return NULL;
    }
  statement = member_string (root, "statement");
  r.data_dir = data_dir != NULL ? data_dir : ".";
  r.statement = clean_text (statement != NULL && *statement != '\0' ? statement : _(LINEUP_LEAD_STATEMENT));
  r.case_number = member_text (lineup_json_get_object (root, "case"), "number");
  r.pages = g_ptr_array_new_with_free_func ((GDestroyNotify)cairo_surface_destroy);
  r.originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_nullable);
  r.surfaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)cairo_surface_destroy);
  report_new_page (&r);
  set_font (r.cr, FONT_REGULAR, FOOTER_SIZE);
  r.footer = wrap_text (r.cr, r.statement, CONTENT_W - 60);
  limit_lines (r.footer, FOOTER_LINES);
  r.bottom = PAGE_H - MARGIN_BOTTOM - r.footer->len * FOOTER_SIZE * 1.3 - 16;

  render_title (&r, root);
  render_case (&r, root);
  render_probes (&r, root);
  render_searches (&r, root);
  render_end (&r, root);
  report_close_page (&r);
  if (r.status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_FAILED, _("Cannot draw the lead report: %s"),
                   cairo_status_to_string (r.status));
      report_clear (&r);
      return NULL;
    }

  out = g_byte_array_new ();
  pdf = cairo_pdf_surface_create_for_stream (append_bytes, out, PAGE_W, PAGE_H);
  title = g_strdup_printf (_("Investigative lead report, case %s"), r.case_number);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Lineup " PACKAGE_VERSION);
  cr = cairo_create (pdf);
  for (guint i = 0; i < r.pages->len; i++)
    {
      cairo_set_source_surface (cr, r.pages->pdata[i], 0, 0);
      cairo_paint (cr);
      draw_footer (&r, cr, i + 1, r.pages->len);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  report_clear (&r);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_FAILED, _("Cannot make the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ---- Files ---- */

static gboolean
write_file (const char    *path,
            const void    *data,
            gsize          len,
            GError       **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot write %s: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_report_write_pdf (JsonNode    *dossier,
                         const char  *data_dir,
                         const char  *pdf_path,
                         GError     **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = render_pdf (dossier, data_dir, error);
  if (pdf == NULL)
    return FALSE;
  return write_file (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}

/* The folder must be new or empty: a package never mixes with other files. */
static gboolean
check_folder (const char  *folder,
              GError     **error)
{
  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GDir) dir = NULL;

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS, _("%s exists and is not a folder"), folder);
          return FALSE;
        }
      dir = g_dir_open (folder, 0, &local);
      if (dir == NULL)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot read the folder %s: %s"), folder,
                       local->message);
          return FALSE;
        }
      if (g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS,
                       _("The folder %s is not empty; choose a new or empty folder for the disclosure package"),
                       folder);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
make_folder (const char  *folder,
             GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot create %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static const char *
extension_for_format (const char *format)
{
  if (g_strcmp0 (format, "jpeg") == 0)
    return "jpg";
  if (g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "webp") == 0 || g_strcmp0 (format, "bmp") == 0 ||
      g_strcmp0 (format, "gif") == 0)
    return format;
  if (g_strcmp0 (format, "tiff") == 0)
    return "tif";
  return "bin";
}

static gboolean
write_member (const char  *folder,
              const char  *name,
              const void  *data,
              gsize        len,
              GPtrArray   *files,
              GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (!write_file (path, data, len, error))
    return FALSE;
  g_ptr_array_add (files, g_strdup (name));
  return TRUE;
}

/* The exact original bytes and a PNG after each edit step. A probe whose
 * original is gone is skipped: the report already says so. */
static gboolean
write_probe_files (const char  *folder,
                   const char  *data_dir,
                   JsonObject  *probe,
                   GPtrArray   *files,
                   GString     *missing,
                   GError     **error)
{
  const char *sha = member_string (probe, "sha256");
  g_autofree char *store = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LineupImage) original = NULL;
  g_autoptr(GArray) seqs = NULL;
  char *contents = NULL;
  const char *format = NULL;
  guint w, h;
  gsize len = 0;

  if (!valid_sha256 (sha))
    {
      g_string_append_printf (missing, _("probe with an invalid sha256 “%s”: not included\n"), sha ? sha : "");
      return TRUE;
    }
  store = lineup_probe_store_path (data_dir, sha);
  if (!g_file_get_contents (store, &contents, &len, NULL))
    {
      g_string_append_printf (missing, _("probe %s: the original is not in this workstation's store; "
                                         "neither it nor its edited versions are included\n"), sha);
      return TRUE;
    }
  bytes = g_bytes_new_take (contents, len);
  if (!lineup_image_sniff (g_bytes_get_data (bytes, NULL), len, &format, &w, &h))
    format = NULL;
  name = g_strdup_printf ("probes%c%s-original.%s", G_DIR_SEPARATOR, sha, extension_for_format (format));
  if (!write_member (folder, name, g_bytes_get_data (bytes, NULL), len, files, error))
    return FALSE;

  original = lineup_image_new_from_bytes (bytes, store, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, NULL);
  if (original == NULL)
    {
      g_string_append_printf (missing, _("probe %s: the original could not be decoded; its edited versions "
                                         "are not included\n"), sha);
      return TRUE;
    }
  seqs = edit_seqs (probe);
  for (guint i = 0; i < seqs->len; i++)
    {
      gint64 seq = g_array_index (seqs, gint64, i);
      g_autoptr(LineupImage) edited = probe_edited (original, probe, seq, NULL);
      g_autofree char *edit_name = NULL;
      g_autofree char *path = NULL;
      cairo_surface_t *surface;
      cairo_status_t status;

      if (edited == NULL)
        {
          g_string_append_printf (missing, _("probe %s: edit step %" G_GINT64_FORMAT " could not be "
                                             "replayed; that version is not included\n"), sha, seq);
          continue;
        }
      surface = surface_from_shim (lineup_image_get_shim (edited), 0);
      if (surface == NULL)
        continue;
      edit_name = g_strdup_printf ("probes%c%s-edit-%" G_GINT64_FORMAT ".png", G_DIR_SEPARATOR, sha, seq);
      path = g_build_filename (folder, edit_name, NULL);
      status = cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot write %s: %s"), path,
                       cairo_status_to_string (status));
          return FALSE;
        }
      g_ptr_array_add (files, g_steal_pointer (&edit_name));
    }
  return TRUE;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/* SHA256SUMS in sha256sum's format, from the bytes now on disk. */
static gboolean
write_sums (const char  *folder,
            GPtrArray   *files,
            GError     **error)
{
  g_autoptr(GString) sums = g_string_new (NULL);
  g_autofree char *path = g_build_filename (folder, "SHA256SUMS", NULL);

  g_ptr_array_sort (files, compare_names);
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = files->pdata[i];
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sum = NULL;
      g_autofree char *portable = g_strdup (name);
      g_autoptr(GError) local = NULL;
      gsize len;

      if (!g_file_get_contents (file, &contents, &len, &local))
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot read %s: %s"), file, local->message);
          return FALSE;
        }
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
      g_strdelimit (portable, G_DIR_SEPARATOR_S, '/');
      g_string_append_printf (sums, "%s  %s\n", sum, portable);
    }
  return write_file (path, sums->str, sums->len, error);
}

gboolean
lineup_report_write_disclosure (JsonNode    *dossier,
                                const char  *data_dir,
                                const char  *folder,
                                GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *json = NULL;
  g_autofree char *probes_dir = NULL;
  JsonArray *probes;
  gsize json_len = 0;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (node_object (dossier) == NULL)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("The case dossier is not a JSON object"));
      return FALSE;
    }
  if (data_dir == NULL)
    data_dir = ".";
  if (!check_folder (folder, error))
    return FALSE;
  /* Render before creating anything: a failure leaves no folder behind. */
  pdf = render_pdf (dossier, data_dir, error);
  if (pdf == NULL)
    return FALSE;
  if (!make_folder (folder, error))
    return FALSE;
  if (!write_member (folder, "lead-report.pdf", g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), files,
                     error))
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, dossier);
  json = json_generator_to_data (generator, &json_len);
  if (!write_member (folder, "dossier.json", json, json_len, files, error))
    return FALSE;

  probes_dir = g_build_filename (folder, "probes", NULL);
  if (!make_folder (probes_dir, error))
    return FALSE;
  probes = lineup_json_get_array (node_object (dossier), "probes");
  for (guint i = 0; i < lineup_json_array_length (probes); i++)
    {
      JsonObject *probe = lineup_json_array_get_object (probes, i);
      const char *sha = member_string (probe, "sha256");

      if (sha == NULL || g_hash_table_contains (done, sha))
        continue;
      g_hash_table_add (done, g_strdup (sha));
      if (!write_probe_files (folder, data_dir, probe, files, missing, error))
        return FALSE;
    }
  /* Whatever could not be included is said, not silently left out. */
  if (missing->len > 0 &&
      !write_member (folder, "MISSING.txt", missing->str, missing->len, files, error))
    return FALSE;
  return write_sums (folder, files, error);
}
