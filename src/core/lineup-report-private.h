/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-report-private.h: what the lead report (lineup-report.c), its
 * page layout (lineup-report-layout.c) and the disclosure package
 * (lineup-report-disclosure.c) share. Nothing outside them includes this. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lineup-dossier.h"
#include "lineup-image.h"
#include "lineup-shim.h"

G_BEGIN_DECLS

/* A4 portrait, in points. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 48.0
#define MARGIN_BOTTOM 28.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define KEY_W 112.0
#define BODY_SIZE 9.0
#define FOOTER_SIZE 7.5
#define FOOTER_LINES 4
#define CAPTION_SIZE 7.5
#define CAPTION_H (2 * CAPTION_SIZE * 1.3 + 4)
#define PROBE_BOX 170.0
#define COMPARE_BOX 120.0
#define MAX_CELL_LINES 6
/* Images are scaled down before they are embedded: enough for print, and
 * the PDF stays small. */
#define EMBED_SIDE 600

typedef enum
{
  FONT_REGULAR,
  FONT_BOLD,
  FONT_ITALIC,
  FONT_MONO,
} FontKind;

typedef struct
{
  const char    *data_dir;
  char          *statement;
  char          *case_number;
  GPtrArray     *footer;    /* the statement's lines in the footer */
  GPtrArray     *pages;     /* cairo recording surfaces, one a page */
  cairo_t       *cr;        /* draws on the last page */
  cairo_status_t status;    /* the first drawing error */
  double         y;         /* top of the next free line */
  double         bottom;    /* content ends here; the footer is below */
  GHashTable    *originals; /* probe sha256 → LineupImage (NULL: unavailable) */
  GHashTable    *surfaces;  /* cache key → cairo_surface_t (NULL: unavailable) */
} Report;

typedef struct
{
  const char *title;
  double      weight; /* share of the content width */
  FontKind    font;
} Column;

/* Layout (lineup-report-layout.c). */
void             report_paragraph (Report     *r,
                                   FontKind    kind,
                                   double      size,
                                   double      grey,
                                   const char *text);
void             report_heading (Report     *r,
                                 const char *text,
                                 gboolean    major);
void             report_field (Report     *r,
                               const char *key,
                               const char *value,
                               FontKind    kind);
void             report_banner (Report *r);
void             report_image_box (Report          *r,
                                   cairo_surface_t *surface,
                                   double           x,
                                   double           y,
                                   double           w,
                                   double           h,
                                   const char      *caption);
void             report_table (Report       *r,
                               const Column *cols,
                               guint         n_cols,
                               GPtrArray    *rows,
                               const char   *continued);
void             report_set_font (cairo_t *cr,
                                  FontKind kind,
                                  double   size);
double           report_text_width (cairo_t    *cr,
                                    const char *text);
void             report_show_line (cairo_t    *cr,
                                   double      x,
                                   double      top,
                                   double      size,
                                   const char *text);
GPtrArray       *report_wrap_text (cairo_t    *cr,
                                   const char *text,
                                   double      width);
void             report_limit_lines (GPtrArray *lines,
                                     guint      max);
gboolean         report_ensure_space (Report *r,
                                      double  h);
void             report_unref_nullable (gpointer object);
cairo_surface_t *report_surface_from_shim (const LineupShimImage *image,
                                           int                    max_side);
void             report_close_page (Report *r);
void             report_new_page (Report *r);
void             report_clear (Report *r);

/* The report (lineup-report.c). */
char        *report_clean_text (const char *text);
gboolean     report_valid_sha256 (const char *sha);
GArray      *report_edit_seqs (LineupProbeRecord *probe);
LineupImage *report_probe_edited (LineupImage       *original,
                                  LineupProbeRecord *probe,
                                  gint64             seq,
                                  GError           **error);
guint        report_n_items (GListModel *list);
GBytes      *report_render_pdf (LineupDossier *dossier,
                                const char    *data_dir,
                                GError       **error);
gboolean     report_write_file (const char *path,
                                const void *data,
                                gsize       len,
                                GError    **error);

G_END_DECLS
