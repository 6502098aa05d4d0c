/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-panel.c: the probe's widgets over a LineupProbeSession.
 *
 * The session does the work (decoding, storing, detecting, recording
 * edits, all off the main thread, with superseded results dropped); the
 * panel shows what it notifies and turns the user's clicks into its calls.
 */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-probe-panel.h"
#include "lineup-probe-view.h"
#include "lineup-texture.h"

struct _LineupProbePanel
{
  GtkWidget parent_instance;

  LineupProbeSession *session;
  GSignalGroup       *session_signals;
  GCancellable       *cancellable; /* the panel's calls on the session */
  gboolean            source_declared;

  AdwComboRow     *source_row;
  GtkWidget       *probe_frame;
  GtkStack        *probe_stack;
  LineupProbeView *probe_view;
  GtkSpinner      *probe_spinner;
  GtkLabel        *faces_label;
  GtkWidget       *crop_button;
  GtkWidget       *face_box;
  GtkLabel        *face_title;
  GtkLabel        *face_quality;
  GtkLabel        *face_reasons;
  GtkSpinButton   *angle_spin;
  GtkRange        *brightness_scale;
  GtkRange        *contrast_scale;
  GtkListBox      *edit_list;
};

G_DEFINE_FINAL_TYPE (LineupProbePanel, lineup_probe_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  FILE_DROPPED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
changed (LineupProbePanel *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

char *
lineup_probe_panel_dup_reasons (LineupFace *face)
{
  const char *const *reasons = lineup_face_get_reasons (face);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; reasons && reasons[i]; i++)
    {
      const char *r = reasons[i];
      const char *text = g_str_equal (r, LINEUP_REASON_SMALL_FACE)       ? _("the face is small")
                         : g_str_equal (r, LINEUP_REASON_LOW_SHARPNESS)  ? _("it is blurred")
                         : g_str_equal (r, LINEUP_REASON_LOW_BRIGHTNESS) ? _("it is dark")
                         : g_str_equal (r, LINEUP_REASON_EXTREME_POSE)   ? _("the head is turned far")
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
show_faces_label (LineupProbePanel *self)
{
  g_autofree char *text = NULL;
  guint            n = lineup_probe_session_get_n_faces (self->session);

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

/* following the session */

static void
state_changed (LineupProbePanel *self)
{
  LineupProbeSessionState state = lineup_probe_session_get_state (self->session);
  gboolean                busy = lineup_probe_session_get_busy (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), busy);
  if (busy)
    gtk_spinner_start (self->probe_spinner);
  else
    gtk_spinner_stop (self->probe_spinner);
  switch (state)
    {
    case LINEUP_PROBE_SESSION_EMPTY:
      gtk_label_set_text (self->faces_label, _("No still loaded."));
      break;
    case LINEUP_PROBE_SESSION_OPENING:
    case LINEUP_PROBE_SESSION_STORING:
      gtk_label_set_text (self->faces_label, _("Opening the still…"));
      break;
    case LINEUP_PROBE_SESSION_RECORDING:
    case LINEUP_PROBE_SESSION_REMOVING:
      gtk_label_set_text (self->faces_label, _("Recording the edit…"));
      break;
    case LINEUP_PROBE_SESSION_DETECTING:
      gtk_label_set_text (self->faces_label, _("Looking for faces…"));
      break;
    case LINEUP_PROBE_SESSION_DESCRIBING:
      break;
    case LINEUP_PROBE_SESSION_READY:
      show_faces_label (self);
      break;
    default:
      g_assert_not_reached ();
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  changed (self);
}

static void
edited_changed (LineupProbePanel *self)
{
  LineupRgb *rgb = lineup_probe_session_get_edited_rgb (self->session);
  g_autoptr(GdkTexture) texture = rgb ? lineup_texture_new_for_rgb (rgb) : NULL;

  lineup_probe_view_set_texture (self->probe_view, texture);
  gtk_stack_set_visible_child_name (self->probe_stack, texture ? "image" : "empty");
  changed (self);
}

static void
faces_changed (LineupProbePanel *self)
{
  g_autoptr(GPtrArray) faces = lineup_probe_session_dup_faces (self->session);

  lineup_probe_view_set_faces (self->probe_view, faces->len ? faces : NULL);
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  if (lineup_probe_session_get_state (self->session) == LINEUP_PROBE_SESSION_READY)
    show_faces_label (self);
  changed (self);
}

static void
selection_changed (LineupProbePanel *self)
{
  LineupFace          *face = lineup_probe_session_get_selected_face (self->session);
  int                  index = lineup_probe_session_get_selected_index (self->session);
  const LineupQuality *q;
  g_autofree char     *title = NULL;
  g_autofree char     *quality = NULL;
  g_autofree char     *reasons = NULL;

  lineup_probe_view_set_selected (self->probe_view, index);
  gtk_widget_set_visible (self->face_box, face != NULL);
  if (face == NULL)
    {
      changed (self);
      return;
    }
  q = lineup_face_get_quality (face);
  title = g_strdup_printf (_("Face %d of %u · %s detector"), index + 1,
                           lineup_probe_session_get_n_faces (self->session),
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
                                                 "less reliable."),
                                               reasons);
      gtk_label_set_text (self->face_reasons, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->face_reasons), reasons != NULL);
  changed (self);
}

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

static GtkWidget *
create_edit_row (gpointer item,
                 gpointer user_data)
{
  LineupProbeStep *step = item;
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *title = edit_title (lineup_probe_step_get_op (step),
                                       lineup_probe_step_get_params (step));
  GDateTime       *created = lineup_probe_step_get_created (step);
  g_autoptr(GDateTime) local = created ? g_date_time_to_local (created) : g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (local, "%H:%M:%S");
  /* Translators: step number, who recorded it, at what time */
  g_autofree char *subtitle = g_strdup_printf (_("Step %lld · by %s · %s"),
                                               (long long)lineup_probe_step_get_seq (step),
                                               lineup_probe_step_get_user_name (step), when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* A new step: the tools go back to neutral for the next one. */
static void
edit_seq_changed (LineupProbePanel *self)
{
  gtk_range_set_value (self->brightness_scale, 0);
  gtk_range_set_value (self->contrast_scale, 1);
  gtk_spin_button_set_value (self->angle_spin, 0);
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
}

LineupProbeSession *
lineup_probe_panel_get_session (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), NULL);
  return self->session;
}

void
lineup_probe_panel_set_session (LineupProbePanel   *self,
                                LineupProbeSession *session)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  g_return_if_fail (session == NULL || LINEUP_IS_PROBE_SESSION (session));
  if (self->session == session)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  gtk_list_box_bind_model (self->edit_list,
                           session ? lineup_probe_session_get_steps (session) : NULL,
                           create_edit_row, self, NULL);
  if (session != NULL)
    {
      LineupProbeSource source;

      /* The panel's declared source stands for the new case too. */
      if (self->source_declared)
        source = (LineupProbeSource)(adw_combo_row_get_selected (self->source_row) - 1),
        lineup_probe_session_set_source (session, source);
      else
        lineup_probe_session_clear_source (session);
      state_changed (self);
      edited_changed (self);
      faces_changed (self);
      selection_changed (self);
    }
  else
    {
      lineup_probe_view_set_texture (self->probe_view, NULL);
      lineup_probe_view_set_faces (self->probe_view, NULL);
      gtk_stack_set_visible_child_name (self->probe_stack, "empty");
      gtk_widget_set_visible (self->face_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->probe_spinner), FALSE);
      gtk_label_set_text (self->faces_label, _("No still loaded."));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  changed (self);
}

/* source */

static void
source_changed (LineupProbePanel *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);

  /* Row 0 is "Not declared": a still is only taken once its source is. */
  self->source_declared = selected > 0 && selected != GTK_INVALID_LIST_POSITION;
  if (self->session != NULL && self->source_declared)
    lineup_probe_session_set_source (self->session, (LineupProbeSource)(selected - 1));
  else if (self->session != NULL)
    lineup_probe_session_clear_source (self->session);
  changed (self);
}

void
lineup_probe_panel_set_source (LineupProbePanel *self,
                               LineupProbeSource source)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  adw_combo_row_set_selected (self->source_row, (guint)source + 1);
}

gboolean
lineup_probe_panel_get_source_declared (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return self->source_declared;
}

/* A still is only taken with its source declared; otherwise say so. */
gboolean
lineup_probe_panel_check_source (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  if (!self->source_declared)
    lineup_app_alert (GTK_WIDGET (self), _("Declare the Source First"),
                      _("Say where the still comes from before loading it: a surveillance still, "
                        "a witness photo, a social-media image or another source. Composite "
                        "sketches and look-alike photos are not accepted."));
  return self->source_declared;
}

/* the session's operations */

/* The heading of a failed operation's message says which step failed. */
static const char *
failure_heading (GAsyncResult *result)
{
  switch (lineup_probe_session_failed_state (result))
    {
    case LINEUP_PROBE_SESSION_OPENING:
      return _("Cannot Open the Still");
    case LINEUP_PROBE_SESSION_STORING:
      return _("The Still Was Not Stored");
    case LINEUP_PROBE_SESSION_RECORDING:
      return _("The Edit Was Not Recorded");
    case LINEUP_PROBE_SESSION_REMOVING:
      return _("The Edit Was Not Removed");
    case LINEUP_PROBE_SESSION_DESCRIBING:
      return _("No Face Could Be Described in the Box");
    case LINEUP_PROBE_SESSION_DETECTING:
    default:
      return _("Face Detection Failed");
    }
}

static void
operation_failed (LineupProbePanel *self,
                  GAsyncResult     *result,
                  const GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    return;
  lineup_app_alert_error (GTK_WIDGET (self), failure_heading (result), error);
  if (lineup_probe_session_failed_state (result) == LINEUP_PROBE_SESSION_DETECTING)
    gtk_label_set_text (self->faces_label, error->message);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupProbePanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_probe_session_load_finish (LINEUP_PROBE_SESSION (source), result, &error))
    operation_failed (self, result, error);
}

void
lineup_probe_panel_load (LineupProbePanel *self,
                         GFile            *file)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));
  if (self->session == NULL || !lineup_probe_panel_check_source (self))
    return;
  lineup_probe_session_load_async (self->session, file, self->cancellable, load_done,
                                   g_object_ref (self));
}

static void
edit_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupProbePanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lineup_probe_session_record_edit_finish (LINEUP_PROBE_SESSION (source), result, &error) <= 0)
    operation_failed (self, result, error);
}

/* takes params */
static void
record_edit (LineupProbePanel *self,
             const char       *op,
             JsonObject       *params)
{
  g_autoptr(JsonObject) owned = params;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || lineup_probe_session_get_probe_id (self->session) <= 0)
    return;
  if (!lineup_probe_check_edit (op, params, &error))
    {
      lineup_app_alert_error (GTK_WIDGET (self), _("This Edit Cannot Be Applied"), error);
      return;
    }
  lineup_probe_session_record_edit_async (self->session, op, params, self->cancellable, edit_done,
                                          g_object_ref (self));
}

void
lineup_probe_panel_crop (LineupProbePanel *self)
{
  LineupBox   b;
  JsonObject *params;

  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
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
void
lineup_probe_panel_rotate (LineupProbePanel *self,
                           double            degrees)
{
  JsonObject *params = json_object_new ();

  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  json_object_set_double_member (params, "degrees", degrees);
  record_edit (self, "rotate", params);
}

void
lineup_probe_panel_straighten (LineupProbePanel *self)
{
  double degrees;

  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  degrees = gtk_spin_button_get_value (self->angle_spin);
  if (degrees == 0)
    {
      lineup_app_toast (GTK_WIDGET (self), _("Set an angle first"));
      return;
    }
  lineup_probe_panel_rotate (self, degrees);
}

void
lineup_probe_panel_mirror (LineupProbePanel *self)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  record_edit (self, "mirror", json_object_new ());
}

void
lineup_probe_panel_adjust_light (LineupProbePanel *self)
{
  double      b, c;
  JsonObject *params;

  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  b = gtk_range_get_value (self->brightness_scale);
  c = gtk_range_get_value (self->contrast_scale);
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

/* A box drawn by hand where the detector missed. */

static void
describe_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LineupProbePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFace) face = lineup_probe_session_describe_box_finish (LINEUP_PROBE_SESSION (source),
                                                                          result, &error);

  if (face == NULL)
    operation_failed (self, result, error);
}

gboolean
lineup_probe_panel_has_drawn_box (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return self->session != NULL && lineup_probe_session_get_edited (self->session) != NULL && lineup_probe_view_get_drawn_box (self->probe_view, NULL);
}

void
lineup_probe_panel_use_box (LineupProbePanel *self)
{
  LineupBox box;

  g_return_if_fail (LINEUP_IS_PROBE_PANEL (self));
  if (!lineup_probe_panel_has_drawn_box (self))
    return;
  lineup_probe_view_get_drawn_box (self->probe_view, &box);
  lineup_probe_session_describe_box_async (self->session, &box, self->cancellable, describe_done,
                                           g_object_ref (self));
}

/* the probe view */

static void
probe_face_activated (LineupProbePanel *self,
                      int               index)
{
  lineup_probe_view_set_drawn_box (self->probe_view, NULL);
  if (self->session != NULL)
    lineup_probe_session_select_face (self->session, index);
}

static void
probe_box_drawn (LineupProbePanel *self)
{
  changed (self);
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

gboolean
lineup_probe_panel_get_busy (LineupProbePanel *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANEL (self), FALSE);
  return self->session != NULL && lineup_probe_session_get_busy (self->session);
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, lineup_probe_panel_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      lineup_probe_panel_set_session (LINEUP_PROBE_PANEL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_panel_dispose (GObject *object)
{
  LineupProbePanel *self = LINEUP_PROBE_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PROBE_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lineup_probe_panel_parent_class)->dispose (object);
}

static void
lineup_probe_panel_class_init (LineupProbePanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_probe_panel_dispose;
  object_class->get_property = lineup_probe_panel_get_property;
  object_class->set_property = lineup_probe_panel_set_property;
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_PROBE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  GtkWidget     *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (sources, _("Not declared"));
  for (int s = LINEUP_SOURCE_SURVEILLANCE; s <= LINEUP_SOURCE_OTHER; s++)
    gtk_string_list_append (sources, _(lineup_probe_source_label ((LineupProbeSource)s)));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));

  placeholder = gtk_label_new (_("The original, no edits"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->edit_list, placeholder);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (file_dropped), self);
  gtk_widget_add_controller (self->probe_frame, GTK_EVENT_CONTROLLER (drop));

  self->session_signals = g_signal_group_new (LINEUP_TYPE_PROBE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::state",
                                 G_CALLBACK (state_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::edited",
                                 G_CALLBACK (edited_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::faces",
                                 G_CALLBACK (faces_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::selected-index",
                                 G_CALLBACK (selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::edit-seq",
                                 G_CALLBACK (edit_seq_changed), self, G_CONNECT_SWAPPED);
}
