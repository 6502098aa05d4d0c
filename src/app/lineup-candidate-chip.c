/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-chip.c: the strip's cell. It follows its item with a
 * binding group and a signal group, so a recycled cell drops the old item's
 * bindings and handlers in one place. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-candidate-chip.h"

struct _LineupCandidateChip
{
  GtkWidget parent_instance;

  LineupCandidateItem *item;
  GBindingGroup       *bindings;
  GSignalGroup        *signals;

  GtkPicture *photo;
  GtkLabel   *rank;
  GtkLabel   *badge;
  GtkLabel   *title;
  GtkLabel   *subtitle;
};

G_DEFINE_FINAL_TYPE (LineupCandidateChip, lineup_candidate_chip, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
update_decision (LineupCandidateChip *self)
{
  LineupDecision    *d = self->item ? lineup_candidate_item_get_decision (self->item) : NULL;
  g_autofree char   *text = self->item ? lineup_candidate_item_dup_decision_text (self->item) : NULL;
  const char        *decision = d ? lineup_decision_get_decision (d) : "";
  GtkWidget         *badge = GTK_WIDGET (self->badge);
  LineupDecisionKind value;

  /* The chip has room for the decision; the tooltip has the review. */
  gtk_label_set_text (self->badge, d && lineup_decision_get_kind (d, &value)
                                     ? _(lineup_decision_label (value))
                                     : "");
  gtk_widget_set_tooltip_text (badge, text);
  gtk_widget_set_visible (badge, text != NULL);
  gtk_widget_remove_css_class (badge, "lineup-decision-lead");
  gtk_widget_remove_css_class (badge, "lineup-decision-nomatch");
  gtk_widget_remove_css_class (badge, "lineup-decision-inconclusive");
  if (g_str_equal (decision, "possible_lead"))
    gtk_widget_add_css_class (badge, "lineup-decision-lead");
  else if (g_str_equal (decision, "not_a_match"))
    gtk_widget_add_css_class (badge, "lineup-decision-nomatch");
  else if (*decision)
    gtk_widget_add_css_class (badge, "lineup-decision-inconclusive");
}

LineupCandidateItem *
lineup_candidate_chip_get_item (LineupCandidateChip *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_CHIP (self), NULL);
  return self->item;
}

void
lineup_candidate_chip_set_item (LineupCandidateChip *self,
                                LineupCandidateItem *item)
{
  g_autofree char *rank = NULL;

  g_return_if_fail (LINEUP_IS_CANDIDATE_CHIP (self));
  g_return_if_fail (item == NULL || LINEUP_IS_CANDIDATE_ITEM (item));
  if (!g_set_object (&self->item, item))
    return;
  g_binding_group_set_source (self->bindings, item);
  g_signal_group_set_target (self->signals, item);
  if (item != NULL)
    rank = g_strdup_printf ("%lld", (long long)lineup_candidate_item_get_rank (item));
  gtk_label_set_text (self->rank, rank ? rank : "");
  update_decision (self);
  /* The face is cropped the first time a cell shows it. */
  if (item != NULL)
    lineup_candidate_item_load_thumbnail (item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
lineup_candidate_chip_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LineupCandidateChip *self = LINEUP_CANDIDATE_CHIP (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_candidate_chip_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LineupCandidateChip *self = LINEUP_CANDIDATE_CHIP (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      lineup_candidate_chip_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_candidate_chip_dispose (GObject *object)
{
  LineupCandidateChip *self = LINEUP_CANDIDATE_CHIP (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_CANDIDATE_CHIP);
  /* GTK 4.8 leaves the template's unnamed outer box. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lineup_candidate_chip_parent_class)->dispose (object);
}

static void
lineup_candidate_chip_class_init (LineupCandidateChipClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_candidate_chip_dispose;
  object_class->get_property = lineup_candidate_chip_get_property;
  object_class->set_property = lineup_candidate_chip_set_property;
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, LINEUP_TYPE_CANDIDATE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-candidate-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateChip, photo);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateChip, rank);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateChip, badge);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateChip, title);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateChip, subtitle);
}

static void
lineup_candidate_chip_init (LineupCandidateChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "thumbnail", self->photo, "paintable", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "title", self->title, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "subtitle", self->subtitle, "label", G_BINDING_SYNC_CREATE);
  self->signals = g_signal_group_new (LINEUP_TYPE_CANDIDATE_ITEM);
  g_signal_group_connect_object (self->signals, "notify::decision-text",
                                 G_CALLBACK (update_decision), self, G_CONNECT_SWAPPED);
}
