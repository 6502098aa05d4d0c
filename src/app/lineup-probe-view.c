/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-view.c: the probe with its face boxes, drawn with the
 * snapshot API over a texture made once from the decoded pixels. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <math.h>

#include "lineup-probe-view.h"

/* Below this many screen pixels a drag is a click. */
#define CLICK_SLOP 6.0

struct _LineupProbeView
{
  GtkWidget parent_instance;

  GdkTexture *texture;
  GPtrArray  *faces;
  int         selected;
  gboolean    has_drawn;
  LineupBox   drawn; /* image pixels */
  gboolean    dragging;
  double      drag_x, drag_y, drag_dx, drag_dy;
};

G_DEFINE_FINAL_TYPE (LineupProbeView, lineup_probe_view, GTK_TYPE_WIDGET)

enum
{
  FACE_ACTIVATED,
  BOX_DRAWN,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* Image → widget: scale to fit, centred. */
static gboolean
get_transform (LineupProbeView *self,
               double          *scale,
               double          *ox,
               double          *oy)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  int iw, ih;

  if (self->texture == NULL || w <= 0 || h <= 0)
    return FALSE;
  iw = gdk_texture_get_width (self->texture);
  ih = gdk_texture_get_height (self->texture);
  *scale = MIN ((double)w / iw, (double)h / ih);
  *ox = (w - iw * *scale) / 2.0;
  *oy = (h - ih * *scale) / 2.0;
  return TRUE;
}

static void
rounded_label (cairo_t     *cr,
               PangoLayout *layout,
               double       x,
               double       y,
               double       r,
               double       g,
               double       b)
{
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_set_source_rgba (cr, r, g, b, 0.95);
  cairo_rectangle (cr, x, y, tw + 8, th + 2);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + 4, y + 1);
  pango_cairo_show_layout (cr, layout);
}

static void
lineup_probe_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LineupProbeView *self = LINEUP_PROBE_VIEW (widget);
  double           s, ox, oy;
  int              iw, ih;
  cairo_t         *cr;

  if (!get_transform (self, &s, &ox, &oy))
    return;
  iw = gdk_texture_get_width (self->texture);
  ih = gdk_texture_get_height (self->texture);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (ox, oy, iw * s, ih * s));
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  for (guint i = 0; self->faces && i < self->faces->len; i++)
    {
      const LineupBox *b = lineup_face_get_box (self->faces->pdata[i]);
      gboolean         sel = (int)i == self->selected;
      gboolean         ok = lineup_face_is_acceptable (self->faces->pdata[i]);
      double           x = ox + b->left * s, y = oy + b->top * s;
      double           bw = (b->right - b->left) * s, bh = (b->bottom - b->top) * s;
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      PangoLayout     *layout = gtk_widget_create_pango_layout (widget, num);
      /* Chosen: accent blue; others: white; poor quality: amber. */
      double r = sel ? 0.21 : ok ? 1.0
                                 : 0.96,
             g = sel ? 0.52 : ok ? 1.0
                                 : 0.76,
             bl = sel ? 0.89 : ok ? 1.0
                                  : 0.16;

      /* A dark halo keeps thin lines visible on bright pictures. */
      cairo_set_line_width (cr, sel ? 5 : 3.5);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
      cairo_rectangle (cr, x, y, bw, bh);
      cairo_stroke (cr);
      cairo_set_line_width (cr, sel ? 3 : 1.5);
      cairo_set_source_rgb (cr, r, g, bl);
      cairo_rectangle (cr, x, y, bw, bh);
      cairo_stroke (cr);
      if (sel)
        rounded_label (cr, layout, x - 1.5, MAX (0, y - 20), 0.21, 0.52, 0.89);
      else
        rounded_label (cr, layout, x - 0.75, MAX (0, y - 20), 0.12, 0.12, 0.12);
      g_object_unref (layout);
    }
  if (self->has_drawn || self->dragging)
    {
      double              x, y, w, h;
      static const double dash[] = { 6, 4 };

      if (self->dragging)
        {
          x = MIN (self->drag_x, self->drag_x + self->drag_dx);
          y = MIN (self->drag_y, self->drag_y + self->drag_dy);
          w = fabs (self->drag_dx), h = fabs (self->drag_dy);
        }
      else
        {
          x = ox + self->drawn.left * s, y = oy + self->drawn.top * s;
          w = (self->drawn.right - self->drawn.left) * s;
          h = (self->drawn.bottom - self->drawn.top) * s;
        }
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_rectangle (cr, x, y, w, h);
      cairo_stroke (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, 1.0, 0.47, 0.0);
      cairo_rectangle (cr, x, y, w, h);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
lineup_probe_view_measure (GtkWidget     *widget,
                           GtkOrientation orientation,
                           int            for_size,
                           int           *minimum,
                           int           *natural,
                           int           *minimum_baseline,
                           int           *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 280;
}

static void
click_at (LineupProbeView *self,
          double           wx,
          double           wy)
{
  double s, ox, oy, x, y;
  int    best = -1;
  double best_area = G_MAXDOUBLE;

  if (!get_transform (self, &s, &ox, &oy))
    return;
  x = (wx - ox) / s, y = (wy - oy) / s;
  /* Nested boxes: the smallest one under the pointer wins. */
  for (guint i = 0; self->faces && i < self->faces->len; i++)
    {
      const LineupBox *b = lineup_face_get_box (self->faces->pdata[i]);
      double           area = (b->right - b->left) * (b->bottom - b->top);

      if (x >= b->left && x <= b->right && y >= b->top && y <= b->bottom && area < best_area)
        best = i, best_area = area;
    }
  if (best >= 0)
    {
      lineup_probe_view_set_selected (self, best);
      g_signal_emit (self, signals[FACE_ACTIVATED], 0, best);
    }
}

static void
drag_begin (GtkGestureDrag  *gesture,
            double           x,
            double           y,
            LineupProbeView *self)
{
  if (self->texture == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x, self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
}

static void
drag_update (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             LineupProbeView *self)
{
  self->drag_dx = dx, self->drag_dy = dy;
  if (!self->dragging && (fabs (dx) > CLICK_SLOP || fabs (dy) > CLICK_SLOP))
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  if (self->dragging)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (GtkGestureDrag  *gesture,
          double           dx,
          double           dy,
          LineupProbeView *self)
{
  double    s, ox, oy;
  LineupBox b;
  int       iw, ih;

  if (!self->dragging)
    {
      click_at (self, self->drag_x, self->drag_y);
      return;
    }
  self->dragging = FALSE;
  if (!get_transform (self, &s, &ox, &oy))
    return;
  iw = gdk_texture_get_width (self->texture);
  ih = gdk_texture_get_height (self->texture);
  b.left = CLAMP ((MIN (self->drag_x, self->drag_x + dx) - ox) / s, 0, iw);
  b.top = CLAMP ((MIN (self->drag_y, self->drag_y + dy) - oy) / s, 0, ih);
  b.right = CLAMP ((MAX (self->drag_x, self->drag_x + dx) - ox) / s, 0, iw);
  b.bottom = CLAMP ((MAX (self->drag_y, self->drag_y + dy) - oy) / s, 0, ih);
  if (b.right - b.left < 4 || b.bottom - b.top < 4)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  lineup_probe_view_set_drawn_box (self, &b);
}

static void
lineup_probe_view_dispose (GObject *object)
{
  LineupProbeView *self = LINEUP_PROBE_VIEW (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->faces, g_ptr_array_unref);
  G_OBJECT_CLASS (lineup_probe_view_parent_class)->dispose (object);
}

static void
lineup_probe_view_class_init (LineupProbeViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_probe_view_dispose;
  widget_class->snapshot = lineup_probe_view_snapshot;
  widget_class->measure = lineup_probe_view_measure;
  signals[FACE_ACTIVATED] = g_signal_new ("face-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_INT);
  signals[BOX_DRAWN] = g_signal_new ("box-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "probeview");
}

static void
lineup_probe_view_init (LineupProbeView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->selected = -1;
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
lineup_probe_view_new (void)
{
  return g_object_new (LINEUP_TYPE_PROBE_VIEW, NULL);
}

void
lineup_probe_view_set_texture (LineupProbeView *self,
                               GdkTexture      *texture)
{
  g_return_if_fail (LINEUP_IS_PROBE_VIEW (self));
  g_set_object (&self->texture, texture);
  self->has_drawn = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lineup_probe_view_set_faces (LineupProbeView *self,
                             GPtrArray       *faces)
{
  g_return_if_fail (LINEUP_IS_PROBE_VIEW (self));
  g_clear_pointer (&self->faces, g_ptr_array_unref);
  if (faces)
    self->faces = g_ptr_array_ref (faces);
  self->selected = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lineup_probe_view_set_selected (LineupProbeView *self,
                                int              index)
{
  g_return_if_fail (LINEUP_IS_PROBE_VIEW (self));
  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
lineup_probe_view_get_selected (LineupProbeView *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_VIEW (self), -1);
  return self->selected;
}

gboolean
lineup_probe_view_get_drawn_box (LineupProbeView *self,
                                 LineupBox       *box)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_VIEW (self), FALSE);
  if (self->has_drawn && box)
    *box = self->drawn;
  return self->has_drawn;
}

void
lineup_probe_view_set_drawn_box (LineupProbeView *self,
                                 const LineupBox *box)
{
  g_return_if_fail (LINEUP_IS_PROBE_VIEW (self));
  self->has_drawn = box != NULL;
  if (box)
    self->drawn = *box;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[BOX_DRAWN], 0);
}
