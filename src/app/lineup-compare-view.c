/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-compare-view.c: two panes drawn with cairo in one drawing area so
 * that zoom and pan are one state: at zoom 1 both faces have the same size
 * on screen whatever the photos' resolutions, centred on the face box. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lineup-compare-view.h"

#define PANE_GAP 10.0
#define ZOOM_MIN 0.25
#define ZOOM_MAX 12.0
#define ZOOM_STEP 1.25
/* At zoom 1 the face box's larger side fills this share of the pane. */
#define FACE_SHARE 0.55

typedef struct
{
  cairo_surface_t *surface;
  int              width, height;
  gboolean         has_box;
  LineupBox        box;
  gboolean         has_landmarks;
  float            landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
} Pane;

struct _LineupCompareView
{
  GtkWidget parent_instance;

  Pane     panes[2];
  double   zoom;
  double   off_x, off_y;
  double   drag_off_x, drag_off_y;
  double   pointer_x, pointer_y;
  gboolean show_landmarks;
  /* The candidate photo being loaded: a newer load or an explicit pane
   * drops an older answer. */
  GCancellable *load_cancellable;
  guint         load_generation;

  GtkDrawingArea  *area;
  GtkLabel        *probe_caption;
  GtkLabel        *candidate_caption;
  GtkLabel        *probe_status;
  GtkLabel        *candidate_status;
  GtkLabel        *zoom_label;
  GtkToggleButton *landmarks_toggle;
};

G_DEFINE_FINAL_TYPE (LineupCompareView, lineup_compare_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SHOW_LANDMARKS,
  PROP_ZOOM,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  CANDIDATE_FAILED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void stop_loading (LineupCompareView *self);

static void
pane_clear (Pane *p)
{
  g_clear_pointer (&p->surface, cairo_surface_destroy);
  p->has_box = p->has_landmarks = FALSE;
  p->width = p->height = 0;
}

static cairo_surface_t *
surface_from_rgb (GBytes *rgb,
                  int     width,
                  int     height)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  const guint8    *src = g_bytes_get_data (rgb, NULL);
  guint8          *dst = cairo_image_surface_get_data (s);
  int              stride = cairo_image_surface_get_stride (s);

  cairo_surface_flush (s);
  for (int y = 0; y < height; y++)
    {
      guint32      *row = (guint32 *)(dst + (gsize)y * stride);
      const guint8 *in = src + (gsize)y * width * 3;
      for (int x = 0; x < width; x++, in += 3)
        row[x] = 0xff000000u | ((guint32)in[0] << 16) | ((guint32)in[1] << 8) | in[2];
    }
  cairo_surface_mark_dirty (s);
  return s;
}

static void
pane_set (Pane            *p,
          GBytes          *rgb,
          int              width,
          int              height,
          const LineupBox *box,
          const float     *landmarks)
{
  pane_clear (p);
  if (rgb == NULL || width <= 0 || height <= 0 || g_bytes_get_size (rgb) < (gsize)width * height * 3)
    return;
  p->surface = surface_from_rgb (rgb, width, height);
  p->width = width, p->height = height;
  p->has_box = box != NULL && box->right - box->left > 1 && box->bottom - box->top > 1;
  if (p->has_box)
    p->box = *box;
  p->has_landmarks = landmarks != NULL;
  if (landmarks)
    memcpy (p->landmarks, landmarks, sizeof p->landmarks);
}

/* The image → pane transform: scale and the image point at the centre. */
static void
pane_transform (Pane   *p,
                double  pane_w,
                double  pane_h,
                double  zoom,
                double *scale,
                double *cx,
                double *cy)
{
  if (p->has_box)
    {
      double side = MAX (p->box.right - p->box.left, p->box.bottom - p->box.top);
      *scale = FACE_SHARE * MIN (pane_w, pane_h) / side * zoom;
      *cx = (p->box.left + p->box.right) / 2.0;
      *cy = (p->box.top + p->box.bottom) / 2.0;
    }
  else
    {
      *scale = MIN (pane_w / p->width, pane_h / p->height) * zoom;
      *cx = p->width / 2.0;
      *cy = p->height / 2.0;
    }
}

/* dlib's 68-point layout: jaw, brows, nose bridge, nostrils, eyes, lips. */
static const struct
{
  int      from, to;
  gboolean closed;
} contours[] = {
  { 0, 16, FALSE },
  { 17, 21, FALSE },
  { 22, 26, FALSE },
  { 27, 30, FALSE },
  { 31, 35, FALSE },
  { 36, 41, TRUE },
  { 42, 47, TRUE },
  { 48, 59, TRUE },
  { 60, 67, TRUE },
};

static void
draw_landmarks (cairo_t    *cr,
                const Pane *p,
                double      scale,
                double      tx,
                double      ty)
{
  double r = CLAMP (scale * 1.2, 1.5, 3.5);

#define LX(i) (tx + p->landmarks[(i)*2] * scale)
#define LY(i) (ty + p->landmarks[(i)*2 + 1] * scale)
  cairo_set_line_width (cr, 1.2);
  cairo_set_source_rgba (cr, 0.18, 0.76, 0.49, 0.8);
  for (guint c = 0; c < G_N_ELEMENTS (contours); c++)
    {
      cairo_move_to (cr, LX (contours[c].from), LY (contours[c].from));
      for (int i = contours[c].from + 1; i <= contours[c].to; i++)
        cairo_line_to (cr, LX (i), LY (i));
      if (contours[c].closed)
        cairo_close_path (cr);
      cairo_stroke (cr);
    }
  for (int i = 0; i < LINEUP_SHIM_N_LANDMARKS; i++)
    {
      cairo_arc (cr, LX (i), LY (i), r, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.56, 0.94, 0.64);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
#undef LX
#undef LY
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_func (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  LineupCompareView *self = user_data;
  double             pane_w = (width - PANE_GAP) / 2.0;

  for (int i = 0; i < 2; i++)
    {
      Pane  *p = &self->panes[i];
      double x0 = i * (pane_w + PANE_GAP);
      double scale, cx, cy, tx, ty;

      cairo_save (cr);
      rounded_rect (cr, x0, 0, pane_w, height, 8);
      cairo_clip (cr);
      cairo_set_source_rgb (cr, 0.14, 0.14, 0.15);
      cairo_paint (cr);
      if (p->surface != NULL)
        {
          pane_transform (p, pane_w, height, self->zoom, &scale, &cx, &cy);
          tx = x0 + pane_w / 2.0 + self->off_x - cx * scale;
          ty = height / 2.0 + self->off_y - cy * scale;
          cairo_save (cr);
          cairo_translate (cr, tx, ty);
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, p->surface, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr),
                                    scale > 2.5 ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
          cairo_rectangle (cr, 0, 0, p->width, p->height);
          cairo_fill (cr);
          cairo_restore (cr);
          if (self->show_landmarks && p->has_landmarks)
            draw_landmarks (cr, p, scale, tx, ty);
        }
      cairo_restore (cr);
    }
}

static void
update_zoom_label (LineupCompareView *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f%%", self->zoom * 100.0);

  gtk_label_set_text (self->zoom_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.zoom-in", self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.zoom-out", self->zoom > ZOOM_MIN);
}

/* Zooms about a point given relative to the panes' centres. */
static void
zoom_about (LineupCompareView *self,
            double             factor,
            double             px,
            double             py)
{
  double z = CLAMP (self->zoom * factor, ZOOM_MIN, ZOOM_MAX);

  factor = z / self->zoom;
  self->off_x = px - (px - self->off_x) * factor;
  self->off_y = py - (py - self->off_y) * factor;
  self->zoom = z;
  update_zoom_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
lineup_compare_view_has_images (LineupCompareView *self)
{
  g_return_val_if_fail (LINEUP_IS_COMPARE_VIEW (self), FALSE);
  return self->panes[0].surface != NULL && self->panes[1].surface != NULL;
}

double
lineup_compare_view_get_zoom (LineupCompareView *self)
{
  g_return_val_if_fail (LINEUP_IS_COMPARE_VIEW (self), 1.0);
  return self->zoom;
}

void
lineup_compare_view_zoom_by (LineupCompareView *self,
                             double             factor)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  zoom_about (self, factor, 0, 0);
}

void
lineup_compare_view_zoom_reset (LineupCompareView *self)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  self->zoom = 1.0;
  self->off_x = self->off_y = 0;
  update_zoom_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
lineup_compare_view_get_offset (LineupCompareView *self,
                                double            *x,
                                double            *y)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  *x = self->off_x;
  *y = self->off_y;
}

static void
pointer_motion (GtkEventControllerMotion *motion,
                double                    x,
                double                    y,
                LineupCompareView        *self)
{
  self->pointer_x = x, self->pointer_y = y;
}

static gboolean
scrolled (GtkEventControllerScroll *scroll,
          double                    dx,
          double                    dy,
          LineupCompareView        *self)
{
  int    width = gtk_widget_get_width (GTK_WIDGET (self->area));
  int    height = gtk_widget_get_height (GTK_WIDGET (self->area));
  double pane_w = (width - PANE_GAP) / 2.0;
  /* Relative to the centre of whichever pane the pointer is over: the
   * point under it stays put in that pane (and the other follows). */
  double px = self->pointer_x - (self->pointer_x > pane_w ? pane_w + PANE_GAP : 0) - pane_w / 2.0;
  double py = self->pointer_y - height / 2.0;

  if (dy == 0)
    return FALSE;
  zoom_about (self, pow (ZOOM_STEP, -CLAMP (dy, -3.0, 3.0)), px, py);
  return TRUE;
}

static void
pan_begin (GtkGestureDrag    *drag,
           double             x,
           double             y,
           LineupCompareView *self)
{
  self->drag_off_x = self->off_x;
  self->drag_off_y = self->off_y;
}

static void
pan_update (GtkGestureDrag    *drag,
            double             dx,
            double             dy,
            LineupCompareView *self)
{
  self->off_x = self->drag_off_x + dx;
  self->off_y = self->drag_off_y + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LineupCompareView *self = LINEUP_COMPARE_VIEW (widget);

  if (g_str_equal (name, "compare.zoom-in"))
    lineup_compare_view_zoom_by (self, ZOOM_STEP);
  else if (g_str_equal (name, "compare.zoom-out"))
    lineup_compare_view_zoom_by (self, 1.0 / ZOOM_STEP);
  else
    lineup_compare_view_zoom_reset (self);
}

gboolean
lineup_compare_view_get_show_landmarks (LineupCompareView *self)
{
  g_return_val_if_fail (LINEUP_IS_COMPARE_VIEW (self), FALSE);
  return self->show_landmarks;
}

void
lineup_compare_view_set_show_landmarks (LineupCompareView *self,
                                        gboolean           show)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  show = !!show;
  if (self->show_landmarks == show)
    return;
  self->show_landmarks = show;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LANDMARKS]);
}

static void
lineup_compare_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LineupCompareView *self = LINEUP_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_LANDMARKS:
      g_value_set_boolean (value, self->show_landmarks);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_compare_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LineupCompareView *self = LINEUP_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_LANDMARKS:
      lineup_compare_view_set_show_landmarks (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_compare_view_dispose (GObject *object)
{
  LineupCompareView *self = LINEUP_COMPARE_VIEW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  pane_clear (&self->panes[0]);
  pane_clear (&self->panes[1]);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_COMPARE_VIEW);
  /* The template's outer box is not a bound child, so dispose_template in
   * GTK 4.8 leaves it: unparent what is left. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lineup_compare_view_parent_class)->dispose (object);
}

static void
lineup_compare_view_class_init (LineupCompareViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_compare_view_dispose;
  object_class->get_property = lineup_compare_view_get_property;
  object_class->set_property = lineup_compare_view_set_property;
  properties[PROP_SHOW_LANDMARKS] =
    g_param_spec_boolean ("show-landmarks", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* A booking photo load_candidate () was asked for did not load: the
   * message (also shown in the pane), for a page that lists problems. */
  signals[CANDIDATE_FAILED] =
    g_signal_new ("candidate-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupCompareView, area);
  gtk_widget_class_bind_template_child (widget_class, LineupCompareView, probe_caption);
  gtk_widget_class_bind_template_child (widget_class, LineupCompareView, candidate_caption);
  gtk_widget_class_bind_template_child (widget_class, LineupCompareView, probe_status);
  gtk_widget_class_bind_template_child (widget_class, LineupCompareView, candidate_status);
  gtk_widget_class_bind_template_child (widget_class, LineupCompareView, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, LineupCompareView, landmarks_toggle);
  gtk_widget_class_install_action (widget_class, "compare.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "compare.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "compare.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "compare.show-landmarks",
                                            "show-landmarks");
}

static void
lineup_compare_view_init (LineupCompareView *self)
{
  GtkEventController *scroll, *motion;
  GtkGesture         *drag;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->zoom = 1.0;
  gtk_drawing_area_set_draw_func (self->area, draw_func, self, NULL);
  g_object_bind_property (self, "show-landmarks", self->landmarks_toggle, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), scroll);
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), motion);
  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (pan_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->area), "grab");
  update_zoom_label (self);
}

/* loading a booking photo */

typedef struct
{
  LineupCompareView *self;
  guint              generation;
  LineupBox          box;
  gboolean           has_box;
  gboolean           has_landmarks;
  float              landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
} PhotoLoad;

static void
stop_loading (LineupCompareView *self)
{
  self->load_generation++;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}

static void
photo_load_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree PhotoLoad *p = user_data;
  g_autoptr(LineupCompareView) self = p->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRgb) rgb = lineup_image_load_rgb_finish (result, &error);

  if (p->generation != self->load_generation)
    return;
  if (rgb == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          lineup_compare_view_set_candidate_status (self, error->message);
          g_signal_emit (self, signals[CANDIDATE_FAILED], 0, error->message);
        }
      return;
    }
  pane_set (&self->panes[1], rgb->pixels, rgb->width, rgb->height, p->has_box ? &p->box : NULL,
            p->has_landmarks ? p->landmarks : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->candidate_status), self->panes[1].surface == NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
lineup_compare_view_load_candidate (LineupCompareView *self,
                                    const char        *data_dir,
                                    const char        *sha256,
                                    const LineupBox   *box,
                                    const float       *landmarks)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  PhotoLoad *p;

  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  g_return_if_fail (data_dir != NULL && sha256 != NULL);
  lineup_compare_view_set_candidate_status (self, _("Loading the booking photo…"));
  stop_loading (self);
  self->load_cancellable = g_cancellable_new ();
  p = g_new0 (PhotoLoad, 1);
  p->self = g_object_ref (self);
  p->generation = self->load_generation;
  p->has_box = box != NULL && box->right > box->left;
  if (p->has_box)
    p->box = *box;
  p->has_landmarks = landmarks != NULL;
  if (landmarks != NULL)
    memcpy (p->landmarks, landmarks, sizeof p->landmarks);
  path = lineup_store_path (data_dir, sha256);
  file = g_file_new_for_path (path);
  /* Full size: the view scales the face to the pane itself. */
  lineup_image_load_rgb_async (file, 0, 0, G_PRIORITY_DEFAULT, self->load_cancellable,
                               photo_load_ready, p);
}

GtkWidget *
lineup_compare_view_new (void)
{
  return g_object_new (LINEUP_TYPE_COMPARE_VIEW, NULL);
}

void
lineup_compare_view_set_probe (LineupCompareView *self,
                               GBytes            *rgb,
                               int                width,
                               int                height,
                               const LineupBox   *box,
                               const float       *landmarks)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  pane_set (&self->panes[0], rgb, width, height, box, landmarks);
  gtk_widget_set_visible (GTK_WIDGET (self->probe_status), self->panes[0].surface == NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
lineup_compare_view_set_candidate (LineupCompareView *self,
                                   GBytes            *rgb,
                                   int                width,
                                   int                height,
                                   const LineupBox   *box,
                                   const float       *landmarks)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  stop_loading (self);
  pane_set (&self->panes[1], rgb, width, height, box, landmarks);
  if (self->panes[1].surface != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->candidate_status), FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
lineup_compare_view_set_captions (LineupCompareView *self,
                                  const char        *probe,
                                  const char        *candidate)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  if (probe)
    gtk_label_set_text (self->probe_caption, probe);
  if (candidate)
    gtk_label_set_text (self->candidate_caption, candidate);
}

void
lineup_compare_view_set_candidate_status (LineupCompareView *self,
                                          const char        *status)
{
  g_return_if_fail (LINEUP_IS_COMPARE_VIEW (self));
  gtk_label_set_text (self->candidate_status, status ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->candidate_status), status != NULL);
  if (status != NULL)
    {
      pane_clear (&self->panes[1]);
      gtk_widget_queue_draw (GTK_WIDGET (self->area));
    }
}
