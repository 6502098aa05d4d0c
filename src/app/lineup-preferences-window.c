/* lineup-preferences-window.c: detector, matching and review settings, all
 * bound straight to GSettings. */
#define G_LOG_DOMAIN "lineup-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-window.h"

struct _LineupPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *detector_row;
  GtkSpinButton        *upsample_spin;
  GtkSpinButton        *jitter_spin;
  GtkSpinButton        *threshold_spin;
  GtkLabel             *similarity_label;
  GtkSwitch            *blind_switch;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The combo lists detectors in the enum's order (hog, blazeface). */
static gboolean
detector_get (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "blazeface"));
  return TRUE;
}

static GVariant *
detector_set (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "blazeface" : "hog");
}

static void
update_similarity_label (LineupPreferencesWindow *self)
{
  double t = gtk_spin_button_get_value (self->threshold_spin);
  g_autofree char *text = g_strdup_printf (
    _("Candidates closer than %.2f are shown. Similarity is shown as 1 − distance ÷ 1.2: "
      "%.0f %% at this threshold, 100 %% for identical descriptors. It is not a probability "
      "of identity."),
    t, 100.0 * CLAMP (1.0 - t / 1.2, 0.0, 1.0));

  gtk_label_set_text (self->similarity_label, text);
}

static void
lineup_preferences_window_dispose (GObject *object)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (lineup_preferences_window_parent_class)->dispose (object);
}

static void
lineup_preferences_window_class_init (LineupPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lineup/Lineup/lineup-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, detector_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, upsample_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, jitter_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, similarity_label);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, blind_switch);
}

static void
lineup_preferences_window_init (LineupPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LineupPreferencesWindow *
lineup_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  LineupPreferencesWindow *self = g_object_new (LINEUP_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent,
                                                "modal", TRUE,
                                                NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "detector", self->detector_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, detector_get, detector_set, NULL, NULL);
  g_settings_bind (settings, "hog-upsample", self->upsample_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "descriptor-jitter", self->jitter_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "match-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "blind-mode", self->blind_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->threshold_spin, "value-changed",
                            G_CALLBACK (update_similarity_label), self);
  update_similarity_label (self);
  return self;
}
