/* lineup-probe-panel.c: the probe's load, store, detect and edit cycle.
 *
 * Everything slow runs off the main thread: decoding the still, storing it,
 * the face engine (created once, lazily, on a worker) and replaying edits.
 * Results of work that a newer probe has superseded are dropped by
 * comparing a generation counter.
 */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-json-item.h"
#include "lineup-probe-panel.h"
#include "lineup-probe-view.h"

struct _LineupProbePanel
{
  GtkWidget          parent_instance;

  LineupDb          *db;
  char              *data_dir;
  LineupUser        *user;
  char              *case_number;
  GCancellable      *cancellable;        /* everything of the current probe */

  GMutex             engine_lock;
  LineupEngine      *engine;

  gboolean           source_declared;
  LineupProbeSource  source;
  LineupImage       *original;
  gint64             probe_id;
  JsonArray         *steps;              /* {"op","params"} as recorded */
  gint64             edit_seq;
  LineupImage       *edited;
  GBytes            *edited_rgb;
  int                edited_w, edited_h;
  GPtrArray         *faces;
  int                face_index;
  GListStore        *edits;
  guint              generation;
  int                busy;
  gboolean           disposed;

  AdwComboRow       *source_row;
  GtkWidget         *probe_frame;
  GtkStack          *probe_stack;
  LineupProbeView   *probe_view;
  GtkSpinner        *probe_spinner;
  GtkLabel          *faces_label;
  GtkWidget         *crop_button;
  GtkWidget         *face_box;
  GtkLabel          *face_title;
  GtkLabel          *face_quality;
  GtkLabel          *face_reasons;
  GtkSpinButton     *angle_spin;
  GtkRange          *brightness_scale;
  GtkRange          *contrast_scale;
  GtkListBox        *edit_list;
};

G_DEFINE_FINAL_TYPE (LineupProbePanel, lineup_probe_panel, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, FILE_DROPPED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void run_detect (LineupProbePanel *self);

static void
changed (LineupProbePanel *self)
{
  if (!self->disposed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* A worker's answer about a probe the panel has since dropped, or arriving
 * while the panel goes away: nothing to show it on. */
static gboolean
superseded (LineupProbePanel *self,
            guint             generation)
{
  return self->disposed || generation != self->generation;
}

/* A still is only taken with its source declared; otherwise say so. */
gboolean
lineup_probe_panel_check_source (LineupProbePanel *self)
{
  if (!self->source_declared)
    lineup_app_alert (GTK_WIDGET (self), _("Declare the Source First"),
           _("Say where the still comes from before loading it: a surveillance still, a "
             "witness photo, a social-media image or another source. Composite sketches and "
             "look-alike photos are not accepted."));
  return self->source_declared;
}


static gboolean
engine_ensure (LineupProbePanel  *self,
               GError           **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->engine_lock);
  if (self->engine == NULL)
    {
      g_autofree char *dir = lineup_paths_model_dir ();

      self->engine = lineup_engine_new (dir, error);
      ok = self->engine != NULL;
    }
  g_mutex_unlock (&self->engine_lock);
  return ok;
}

/* The engine pointer is only ever set once, under the lock. */
static LineupEngine *
engine_get (LineupProbePanel *self)
{
  LineupEngine *engine;

  g_mutex_lock (&self->engine_lock);
  engine = self->engine;
  g_mutex_unlock (&self->engine_lock);
  return engine;
}

static LineupFace *
selected_face (LineupProbePanel *self)
{
  if (self->faces == NULL || self->face_index < 0 || (guint)self->face_index >= self->faces->len)
    return NULL;
  return self->faces->pdata[self->face_index];
}

static gboolean
has_drawn_box (LineupProbePanel *self)
{
  return self->edited != NULL && lineup_probe_view_get_drawn_box (self->probe_view, NULL);
}


/* The probe's images, steps and faces (not its widgets: dispose uses this). */
static void
free_probe (LineupProbePanel *self)
{
  g_clear_object (&self->original);
  g_clear_object (&self->edited);
  g_clear_pointer (&self->edited_rgb, g_bytes_unref);
  g_clear_pointer (&self->steps, json_array_unref);
  g_clear_pointer (&self->faces, g_ptr_array_unref);
}

static void
reset_probe (LineupProbePanel *self)
{
  gboolean was_busy = self->busy > 0;

  self->generation++;
  self->busy = 0;
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), FALSE);
  gtk_spinner_stop (self->probe_spinner);
  free_probe (self);
  self->probe_id = 0;
  self->edit_seq = 0;
  self->face_index = -1;
  g_list_store_remove_all (self->edits);
  lineup_probe_view_set_texture (self->probe_view, NULL);
  lineup_probe_view_set_faces (self->probe_view, NULL);
  gtk_stack_set_visible_child_name (self->probe_stack, "empty");
  gtk_widget_set_visible (self->face_box, FALSE);
  gtk_label_set_text (self->faces_label, _("No still loaded."));
}


/* source */

static void
source_changed (LineupProbePanel *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);

  /* Row 0 is "Not declared": a still is only taken once its source is. */
  self->source_declared = selected > 0 && selected != GTK_INVALID_LIST_POSITION;
  if (self->source_declared)
    self->source = (LineupProbeSource)(selected - 1);
  changed (self);
}

void
lineup_probe_panel_set_source (LineupProbePanel  *self,
                               LineupProbeSource  source)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  adw_combo_row_set_selected (self->source_row, (guint)source + 1);
}


/* the probe: load, store, detect */

static void
busy_push (LineupProbePanel *self)
{
  self->busy++;
  gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), TRUE);
  gtk_spinner_start (self->probe_spinner);
  if (self->busy == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  changed (self);
}

static void
busy_pop (LineupProbePanel *self)
{
  if (self->busy > 0)
    self->busy--;
  if (self->busy == 0)
    {
      gtk_spinner_stop (self->probe_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  changed (self);
}

typedef struct
{
  guint        generation;
  GFile       *file;
  LineupImage *image;
} ProbeLoad;

static void
probe_load_free (ProbeLoad *p)
{
  g_clear_object (&p->file);
  g_clear_object (&p->image);
  g_free (p);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ProbeLoad *p = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (p->file, cancellable, NULL, &error);
  g_autofree char *name = g_file_get_basename (p->file);

  if (bytes != NULL)
    p->image = lineup_image_new_from_bytes (bytes, name, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  if (p->image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
probe_added (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupProbePanel *self = g_task_get_source_object (task);
  ProbeLoad *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) probe = lineup_db_probe_add_finish (LINEUP_DB (source), result, &error);

  if (superseded (self, p->generation))
    return;
  busy_pop (self);
  if (probe == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_app_alert_error (GTK_WIDGET (self), _("The Still Was Not Stored"), error);
      reset_probe (self);
      changed (self);
      return;
    }
  self->original = g_steal_pointer (&p->image);
  self->probe_id = lineup_json_get_int (json_node_get_object (probe), "id");
  self->steps = json_array_new ();
  self->edit_seq = 0;
  run_detect (self);
}

static void
load_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineupProbePanel *self = LINEUP_PROBE_PANEL (source);
  ProbeLoad *p = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (superseded (self, p->generation))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      busy_pop (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_app_alert_error (GTK_WIDGET (self), _("Cannot Open the Still"), error);
      return;
    }
  /* The original bytes go into the case's store before anything else. */
  lineup_db_probe_add_async (self->db, self->user, self->data_dir,
                             self->case_number, self->source,
                             p->image, self->cancellable, probe_added, g_object_ref (G_TASK (result)));
}

void
lineup_probe_panel_load (LineupProbePanel *self,
                         GFile            *file)
{
  g_autoptr(GTask) task = NULL;
  ProbeLoad *p;

  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));
  if (self->case_number == NULL || !lineup_probe_panel_check_source (self))
    return;
  reset_probe (self);
  p = g_new0 (ProbeLoad, 1);
  p->generation = self->generation;
  p->file = g_object_ref (file);
  busy_push (self);
  gtk_label_set_text (self->faces_label, _("Opening the still…"));
  task = g_task_new (self, self->cancellable, load_ready, NULL);
  g_task_set_task_data (task, p, (GDestroyNotify)probe_load_free);
  g_task_run_in_thread (task, load_thread);
}

typedef struct
{
  guint                generation;
  LineupImage         *original;
  JsonArray           *steps;
  LineupDetectOptions  options;
  LineupImage         *edited;
  GBytes              *rgb;
  GPtrArray           *faces;
} Detect;

static void
detect_free (Detect *d)
{
  g_clear_object (&d->original);
  g_clear_pointer (&d->steps, json_array_unref);
  g_clear_object (&d->edited);
  g_clear_pointer (&d->rgb, g_bytes_unref);
  g_clear_pointer (&d->faces, g_ptr_array_unref);
  g_free (d);
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LineupProbePanel *self = source_object;
  Detect *d = task_data;
  GError *error = NULL;
  guint8 *rgb;
  int w, h;

  if (json_array_get_length (d->steps) > 0)
    d->edited = lineup_probe_apply_edits (d->original, d->steps, &error);
  else
    d->edited = g_object_ref (d->original);
  if (d->edited == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  w = lineup_image_get_width (d->edited);
  h = lineup_image_get_height (d->edited);
  rgb = g_malloc ((gsize)w * h * 3);
  lineup_shim_image_copy_rgb (lineup_image_get_shim (d->edited), rgb);
  d->rgb = g_bytes_new_take (rgb, (gsize)w * h * 3);
  if (!engine_ensure (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  d->faces = lineup_engine_detect (engine_get (self), d->edited, &d->options, &error);
  if (d->faces == NULL)
    {
      if (!g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_NO_FACE))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
      d->faces = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_task_return_boolean (task, TRUE);
}

static void select_face (LineupProbePanel *self,
                         int               index);

static void
show_faces_label (LineupProbePanel *self)
{
  g_autofree char *text = NULL;
  guint n = self->faces ? self->faces->len : 0;

  if (n == 0)
    text = g_strdup (_("No face found. Drag a box around the face, then press Use Box as Face."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u face found. Click its box to choose it, or drag to "
                                         "draw a box the detector missed.",
                                         "%u faces found. Click a box to choose the face to "
                                         "search for, or drag to draw one.",
                                         n),
                            n);
  gtk_label_set_text (self->faces_label, text);
}

static void
detect_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineupProbePanel *self = LINEUP_PROBE_PANEL (source);
  Detect *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;

  if (superseded (self, d->generation))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      busy_pop (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_app_alert_error (GTK_WIDGET (self), _("Face Detection Failed"), error);
      gtk_label_set_text (self->faces_label, error->message);
      return;
    }
  w = lineup_image_get_width (d->edited);
  h = lineup_image_get_height (d->edited);
  g_set_object (&self->edited, d->edited);
  g_clear_pointer (&self->edited_rgb, g_bytes_unref);
  self->edited_rgb = g_bytes_ref (d->rgb);
  self->edited_w = w, self->edited_h = h;
  g_clear_pointer (&self->faces, g_ptr_array_unref);
  self->faces = g_ptr_array_ref (d->faces);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_R8G8B8, d->rgb, (gsize)w * 3);
  lineup_probe_view_set_texture (self->probe_view, texture);
  lineup_probe_view_set_faces (self->probe_view, self->faces);
  gtk_stack_set_visible_child_name (self->probe_stack, "image");
  self->face_index = -1;
  gtk_widget_set_visible (self->face_box, FALSE);
  show_faces_label (self);
  busy_pop (self);
  /* One face: nothing to choose. */
  if (self->faces->len == 1)
    select_face (self, 0);
}

static void
run_detect (LineupProbePanel *self)
{
  g_autoptr(GTask) task = NULL;
  Detect *d = g_new0 (Detect, 1);

  /* The worker gets its own list of the (never modified) steps: more may
   * be recorded while it runs. */
  d->steps = json_array_new ();
  for (guint i = 0; i < json_array_get_length (self->steps); i++)
    json_array_add_object_element (d->steps,
                                   json_object_ref (json_array_get_object_element (self->steps, i)));
  d->generation = self->generation;
  d->original = g_object_ref (self->original);
  lineup_app_detect_options (&d->options);
  busy_push (self);
  gtk_label_set_text (self->faces_label, _("Looking for faces…"));
  task = g_task_new (self, self->cancellable, detect_ready, NULL);
  g_task_set_task_data (task, d, (GDestroyNotify)detect_free);
  g_task_run_in_thread (task, detect_thread);
}


/* the chosen face */

char *
lineup_probe_panel_dup_reasons (LineupFace *face)
{
  const char * const *reasons = lineup_face_get_reasons (face);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; reasons && reasons[i]; i++)
    {
      const char *r = reasons[i];
      const char *text = g_str_equal (r, LINEUP_REASON_SMALL_FACE) ? _("the face is small")
                         : g_str_equal (r, LINEUP_REASON_LOW_SHARPNESS) ? _("it is blurred")
                         : g_str_equal (r, LINEUP_REASON_LOW_BRIGHTNESS) ? _("it is dark")
                         : g_str_equal (r, LINEUP_REASON_EXTREME_POSE) ? _("the head is turned far")
                         : g_str_equal (r, LINEUP_REASON_LOW_CONFIDENCE) ? _("the detector is unsure")
                         : NULL;

      if (out->len)
        g_string_append (out, "; ");
      if (text)
        g_string_append_printf (out, "%s (%s)", r, text);
      else
        g_string_append (out, r);
    }
  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
select_face (LineupProbePanel *self,
             int               index)
{
  LineupFace *face;
  const LineupQuality *q;
  g_autofree char *title = NULL;
  g_autofree char *quality = NULL;
  g_autofree char *reasons = NULL;

  if (self->faces == NULL || index < 0 || (guint)index >= self->faces->len)
    return;
  self->face_index = index;
  lineup_probe_view_set_selected (self->probe_view, index);
  face = self->faces->pdata[index];
  q = lineup_face_get_quality (face);
  title = g_strdup_printf (_("Face %d of %u · %s detector"), index + 1, self->faces->len,
                           lineup_face_get_detector (face));
  quality = g_strdup_printf (_("Width %.0f px · eyes %.0f px apart\n"
                               "Sharpness %.0f · brightness %.0f · contrast %.0f\n"
                               "Yaw %+.0f° · pitch %+.0f° · roll %+.0f°"),
                             q->face_width, q->eye_distance, q->sharpness, q->brightness,
                             q->contrast, q->yaw, q->pitch, q->roll);
  reasons = lineup_probe_panel_dup_reasons (face);
  gtk_label_set_text (self->face_title, title);
  gtk_label_set_text (self->face_quality, quality);
  if (reasons)
    {
      g_autofree char *text = g_strdup_printf (_("Low quality: %s. Results from this face are "
                                                 "less reliable."), reasons);
      gtk_label_set_text (self->face_reasons, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->face_reasons), reasons != NULL);
  gtk_widget_set_visible (self->face_box, TRUE);
  changed (self);
}

void
lineup_probe_panel_select_face (LineupProbePanel *self,
                                int               index)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  select_face (self, index);
}

int
lineup_probe_panel_get_selected_face (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), -1);
  return self->face_index;
}

guint
lineup_probe_panel_get_n_faces (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), 0);
  return self->faces ? self->faces->len : 0;
}

static void
probe_face_activated (LineupProbePanel *self,
                      int               index)
{
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  select_face (self, index);
}

static void
probe_box_drawn (LineupProbePanel *self)
{
  changed (self);
}


/* A box drawn by hand where the detector missed. */

typedef struct
{
  guint               generation;
  LineupImage        *image;
  LineupBox           box;
  LineupDetectOptions options;
} Describe;

static void
describe_free (Describe *d)
{
  g_clear_object (&d->image);
  g_free (d);
}

static void
describe_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Describe *d = task_data;
  GError *error = NULL;
  LineupFace *face;

  if (!engine_ensure (source_object, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  face = lineup_engine_describe_box (engine_get (source_object), d->image, &d->box, &d->options,
                                     &error);
  if (face == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, face, g_object_unref);
}

static void
describe_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LineupProbePanel *self = LINEUP_PROBE_PANEL (source);
  Describe *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LineupFace *face = g_task_propagate_pointer (G_TASK (result), &error);

  if (superseded (self, d->generation))
    {
      g_clear_object (&face);
      return;
    }
  busy_pop (self);
  if (face == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_app_alert_error (GTK_WIDGET (self), _("No Face Could Be Described in the Box"), error);
      return;
    }
  g_ptr_array_add (self->faces, face);
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  lineup_probe_view_set_faces (self->probe_view, self->faces);
  show_faces_label (self);
  select_face (self, self->faces->len - 1);
}

void
lineup_probe_panel_use_box (LineupProbePanel *self)
{
  g_autoptr(GTask) task = NULL;
  Describe *d;

  if (!has_drawn_box (self) || self->faces == NULL)
    return;
  d = g_new0 (Describe, 1);
  d->generation = self->generation;
  d->image = g_object_ref (self->edited);
  lineup_probe_view_get_drawn_box (self->probe_view, &d->box);
  lineup_app_detect_options (&d->options);
  busy_push (self);
  task = g_task_new (self, self->cancellable, describe_ready, NULL);
  g_task_set_task_data (task, d, (GDestroyNotify)describe_free);
  g_task_run_in_thread (task, describe_thread);
}

/* edits: recorded first, then replayed on the original */

static char *
edit_title (const char *op,
            JsonObject *params)
{
  if (g_str_equal (op, "crop"))
    return g_strdup_printf (_("Crop to %lld × %lld px at %lld, %lld"),
                            (long long)lineup_json_get_int (params, "width"),
                            (long long)lineup_json_get_int (params, "height"),
                            (long long)lineup_json_get_int (params, "x"),
                            (long long)lineup_json_get_int (params, "y"));
  if (g_str_equal (op, "rotate"))
    return g_strdup_printf (_("Rotate %+g°"), lineup_json_get_double (params, "degrees"));
  if (g_str_equal (op, "mirror"))
    return g_strdup (_("Mirror"));
  if (g_str_equal (op, "brightness_contrast"))
    return g_strdup_printf (_("Brightness %+.0f, contrast × %.2f"),
                            lineup_json_get_double (params, "brightness"),
                            lineup_json_get_double (params, "contrast"));
  return g_strdup (op);
}

typedef struct
{
  guint       generation;
  char       *op;
  JsonObject *params;
} Edit;

static void
edit_free (Edit *e)
{
  g_free (e->op);
  json_object_unref (e->params);
  g_free (e);
}

static void
edit_recorded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupProbePanel *self = g_task_get_source_object (task);
  Edit *e = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 seq = lineup_db_probe_edit_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(LineupJsonItem) item = NULL;
  JsonObject *step;

  if (superseded (self, e->generation))
    return;
  busy_pop (self);
  if (seq <= 0)
    {
      if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lineup_app_alert_error (GTK_WIDGET (self), _("The Edit Was Not Recorded"), error);
      return;
    }
  step = json_object_new ();
  json_object_set_string_member (step, "op", e->op);
  json_object_set_object_member (step, "params", json_object_ref (e->params));
  json_object_set_int_member (step, "seq", seq);
  json_array_add_object_element (self->steps, step);
  self->edit_seq = seq;

  now = g_date_time_new_now_local ();
  when = g_date_time_format (now, "%H:%M:%S");
  title = edit_title (e->op, e->params);
  /* Translators: step number, who recorded it, at what time */
  subtitle = g_strdup_printf (_("Step %lld · by %s · %s"), (long long)seq,
                              lineup_user_get_name (self->user), when);
  item = lineup_json_item_new (step, title, subtitle);
  g_list_store_append (self->edits, item);

  gtk_range_set_value (self->brightness_scale, 0);
  gtk_range_set_value (self->contrast_scale, 1);
  gtk_spin_button_set_value (self->angle_spin, 0);
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  run_detect (self);
}

static void
record_edit (LineupProbePanel *self,
             const char       *op,
             JsonObject       *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  Edit *e;

  if (self->probe_id <= 0)
    {
      json_object_unref (params);
      return;
    }
  if (!lineup_probe_check_edit (op, params, &error))
    {
      lineup_app_alert_error (GTK_WIDGET (self), _("This Edit Cannot Be Applied"), error);
      json_object_unref (params);
      return;
    }
  e = g_new0 (Edit, 1);
  e->generation = self->generation;
  e->op = g_strdup (op);
  e->params = params;
  busy_push (self);
  gtk_label_set_text (self->faces_label, _("Recording the edit…"));
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, e, (GDestroyNotify)edit_free);
  lineup_db_probe_edit_async (self->db, self->user, self->probe_id, op, params,
                              self->cancellable, edit_recorded, g_steal_pointer (&task));
}

void
lineup_probe_panel_crop (LineupProbePanel *self)
{
  LineupBox b;
  JsonObject *params;

  if (!lineup_probe_view_get_drawn_box (self->probe_view, &b))
    return;
  params = json_object_new ();
  json_object_set_int_member (params, "x", (gint64)b.left);
  json_object_set_int_member (params, "y", (gint64)b.top);
  json_object_set_int_member (params, "width", (gint64)(b.right - b.left));
  json_object_set_int_member (params, "height", (gint64)(b.bottom - b.top));
  record_edit (self, "crop", params);
}

/* The quarter turns and the straightening are both one "rotate" step. */
static void
record_rotation (LineupProbePanel *self,
                 double            degrees)
{
  JsonObject *params = json_object_new ();

  json_object_set_double_member (params, "degrees", degrees);
  record_edit (self, "rotate", params);
}

void
lineup_probe_panel_rotate (LineupProbePanel *self,
                           int               degrees)
{
  record_rotation (self, degrees);
}

void
lineup_probe_panel_straighten (LineupProbePanel *self)
{
  double degrees = gtk_spin_button_get_value (self->angle_spin);

  if (degrees == 0)
    {
      lineup_app_toast (GTK_WIDGET (self), _("Set an angle first"));
      return;
    }
  record_rotation (self, degrees);
}

void
lineup_probe_panel_mirror (LineupProbePanel *self)
{
  record_edit (self, "mirror", json_object_new ());
}

void
lineup_probe_panel_adjust_light (LineupProbePanel *self)
{
  double b = gtk_range_get_value (self->brightness_scale);
  double c = gtk_range_get_value (self->contrast_scale);
  JsonObject *params;

  if (b == 0 && c == 1)
    {
      lineup_app_toast (GTK_WIDGET (self), _("Move the brightness or contrast slider first"));
      return;
    }
  params = json_object_new ();
  json_object_set_double_member (params, "brightness", b);
  json_object_set_double_member (params, "contrast", c);
  record_edit (self, "brightness_contrast", params);
}

static GtkWidget *
create_edit_row (gpointer item,
                 gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_json_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lineup_json_item_get_subtitle (item));
  return row;
}


static gboolean
file_dropped (GtkDropTarget    *target,
              const GValue     *value,
              double            x,
              double            y,
              LineupProbePanel *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  /* The page decides: it needs a case and stops a running search first. */
  g_signal_emit (self, signals[FILE_DROPPED], 0, g_value_get_object (value));
  return TRUE;
}


/* state */

void
lineup_probe_panel_set_case (LineupProbePanel *self,
                             LineupDb         *db,
                             const char       *data_dir,
                             LineupUser       *user,
                             const char       *case_number)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  lineup_probe_panel_reset (self);
  g_set_object (&self->db, db);
  g_set_object (&self->user, user);
  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
  g_free (self->case_number);
  self->case_number = g_strdup (case_number);
  changed (self);
}

void
lineup_probe_panel_reset (LineupProbePanel *self)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  reset_probe (self);
  changed (self);
}

gboolean
lineup_probe_panel_get_source_declared (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return self->source_declared;
}

gboolean
lineup_probe_panel_get_busy (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return self->busy > 0;
}

gboolean
lineup_probe_panel_has_original (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return self->original != NULL;
}

gboolean
lineup_probe_panel_has_probe (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return self->probe_id > 0 && self->edited != NULL;
}

gboolean
lineup_probe_panel_has_drawn_box (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return has_drawn_box (self);
}

gint64
lineup_probe_panel_get_probe_id (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), 0);
  return self->probe_id;
}

gint64
lineup_probe_panel_get_edit_seq (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), 0);
  return self->edit_seq;
}

GBytes *
lineup_probe_panel_get_edited_rgb (LineupProbePanel *self,
                                   int              *width,
                                   int              *height)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), NULL);
  *width = self->edited_w;
  *height = self->edited_h;
  return self->edited_rgb;
}

LineupEngine *
lineup_probe_panel_get_engine (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), NULL);
  return engine_get (self);
}

LineupFace *
lineup_probe_panel_get_face (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), NULL);
  return selected_face (self);
}

/* object */

static void
lineup_probe_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupProbePanel *self = LINEUP_PROBE_PANEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_panel_dispose (GObject *object)
{
  LineupProbePanel *self = LINEUP_PROBE_PANEL (object);

  /* Workers keep the panel alive; their callbacks must not touch widgets. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_object (&self->user);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->case_number, g_free);
  free_probe (self);
  g_clear_object (&self->edits);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PROBE_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lineup_probe_panel_parent_class)->dispose (object);
}

static void
lineup_probe_panel_finalize (GObject *object)
{
  LineupProbePanel *self = LINEUP_PROBE_PANEL (object);

  /* Workers hold a reference to the panel, so none can be running here. */
  g_clear_object (&self->engine);
  g_mutex_clear (&self->engine_lock);
  G_OBJECT_CLASS (lineup_probe_panel_parent_class)->finalize (object);
}

static void
lineup_probe_panel_class_init (LineupProbePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_probe_panel_dispose;
  object_class->finalize = lineup_probe_panel_finalize;
  object_class->get_property = lineup_probe_panel_get_property;
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FILE_DROPPED] = g_signal_new ("file-dropped", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_FILE);

  g_type_ensure (LINEUP_TYPE_PROBE_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-probe-panel.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, LineupProbePanel, name)
  CHILD (source_row);
  CHILD (probe_frame);
  CHILD (probe_stack);
  CHILD (probe_view);
  CHILD (probe_spinner);
  CHILD (faces_label);
  CHILD (crop_button);
  CHILD (face_box);
  CHILD (face_title);
  CHILD (face_quality);
  CHILD (face_reasons);
  CHILD (angle_spin);
  CHILD (brightness_scale);
  CHILD (contrast_scale);
  CHILD (edit_list);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, source_changed);
  gtk_widget_class_bind_template_callback (widget_class, probe_face_activated);
  gtk_widget_class_bind_template_callback (widget_class, probe_box_drawn);
}

static void
lineup_probe_panel_init (LineupProbePanel *self)
{
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  GtkDropTarget *drop;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_mutex_init (&self->engine_lock);
  self->cancellable = g_cancellable_new ();
  self->face_index = -1;

  gtk_string_list_append (sources, _("Not declared"));
  for (int s = LINEUP_SOURCE_SURVEILLANCE; s <= LINEUP_SOURCE_OTHER; s++)
    gtk_string_list_append (sources, _(lineup_probe_source_label ((LineupProbeSource)s)));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));

  self->edits = g_list_store_new (LINEUP_TYPE_JSON_ITEM);
  gtk_list_box_bind_model (self->edit_list, G_LIST_MODEL (self->edits), create_edit_row, self,
                           NULL);
  placeholder = gtk_label_new (_("The original, no edits"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->edit_list, placeholder);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (file_dropped), self);
  gtk_widget_add_controller (self->probe_frame, GTK_EVENT_CONTROLLER (drop));
}
