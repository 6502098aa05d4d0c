/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-decision-panel.c: heading, choices, note and actions. */
#define G_LOG_DOMAIN "lineup-app"

#include "config.h"

#include "lineup-app-util.h"
#include "lineup-decision-panel.h"

struct _LineupDecisionPanel
{
  GtkWidget parent_instance;

  GtkWidget   *heading_box;
  GtkLabel    *heading_label;
  GtkLabel    *status_label;
  GtkBox      *choices;
  GtkLabel    *note_label;
  GtkTextView *note_view;
  GtkBox      *messages;
  GtkLabel    *hint_label;
  GtkBox      *actions;
};

static void buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LineupDecisionPanel, lineup_decision_panel, GTK_TYPE_WIDGET, G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_init))

enum
{
  PROP_0,
  PROP_HEADING,
  PROP_STATUS,
  PROP_NOTE_LABEL,
  PROP_HINT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  NOTE_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static GtkBuildableIface *parent_buildable;

static void
buildable_add_child (GtkBuildable *buildable,
                     GtkBuilder   *builder,
                     GObject      *child,
                     const char   *type)
{
  LineupDecisionPanel *self = LINEUP_DECISION_PANEL (buildable);
  GtkBox              *slot = g_strcmp0 (type, "choice") == 0    ? self->choices
                              : g_strcmp0 (type, "message") == 0 ? self->messages
                              : g_strcmp0 (type, "action") == 0  ? self->actions
                                                                 : NULL;

  if (slot != NULL && GTK_IS_WIDGET (child))
    {
      gtk_box_append (slot, GTK_WIDGET (child));
      gtk_widget_set_visible (GTK_WIDGET (slot), TRUE);
    }
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = buildable_add_child;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
update_heading (LineupDecisionPanel *self)
{
  gtk_widget_set_visible (self->heading_box,
                          gtk_widget_get_visible (GTK_WIDGET (self->heading_label)) || gtk_widget_get_visible (GTK_WIDGET (self->status_label)));
}

void
lineup_decision_panel_set_status (LineupDecisionPanel *self,
                                  const char          *status,
                                  const char          *tooltip)
{
  g_return_if_fail (LINEUP_IS_DECISION_PANEL (self));
  set_label (self->status_label, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), tooltip);
  update_heading (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

char *
lineup_decision_panel_dup_note (LineupDecisionPanel *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION_PANEL (self), NULL);
  return lineup_app_dup_text_view_text (self->note_view);
}

void
lineup_decision_panel_clear_note (LineupDecisionPanel *self)
{
  g_return_if_fail (LINEUP_IS_DECISION_PANEL (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
}

void
lineup_decision_panel_focus_note (LineupDecisionPanel *self)
{
  g_return_if_fail (LINEUP_IS_DECISION_PANEL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
note_changed (LineupDecisionPanel *self)
{
  g_signal_emit (self, signals[NOTE_CHANGED], 0);
}

static void
lineup_decision_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LineupDecisionPanel *self = LINEUP_DECISION_PANEL (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      g_value_set_string (value, gtk_label_get_label (self->heading_label));
      break;
    case PROP_STATUS:
      g_value_set_string (value, gtk_label_get_label (self->status_label));
      break;
    case PROP_NOTE_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->note_label));
      break;
    case PROP_HINT:
      g_value_set_string (value, gtk_label_get_label (self->hint_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_decision_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LineupDecisionPanel *self = LINEUP_DECISION_PANEL (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      set_label (self->heading_label, g_value_get_string (value));
      update_heading (self);
      break;
    case PROP_STATUS:
      lineup_decision_panel_set_status (self, g_value_get_string (value), NULL);
      break;
    case PROP_NOTE_LABEL:
      set_label (self->note_label, g_value_get_string (value));
      break;
    case PROP_HINT:
      set_label (self->hint_label, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_decision_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LINEUP_TYPE_DECISION_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lineup_decision_panel_parent_class)->dispose (object);
}

static void
lineup_decision_panel_class_init (LineupDecisionPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_decision_panel_dispose;
  object_class->get_property = lineup_decision_panel_get_property;
  object_class->set_property = lineup_decision_panel_set_property;
  properties[PROP_HEADING] = g_param_spec_string ("heading", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE_LABEL] = g_param_spec_string ("note-label", NULL, NULL, NULL,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] = g_param_spec_string ("hint", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[NOTE_CHANGED] = g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-decision-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, heading_box);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, heading_label);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, choices);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, note_label);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, note_view);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, messages);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LineupDecisionPanel, actions);
}

static void
lineup_decision_panel_init (LineupDecisionPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_changed), self, G_CONNECT_SWAPPED);
}
