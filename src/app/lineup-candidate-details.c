/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-details.c: a grid of what the booking says. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-candidate-details.h"

struct _LineupCandidateDetails
{
  GtkWidget parent_instance;

  GtkWidget *photo_nav;
  GtkLabel  *photo_label;
  GtkStack  *details_stack;
  GtkLabel  *hidden_label;
  GtkGrid   *details_grid;
};

G_DEFINE_FINAL_TYPE (LineupCandidateDetails, lineup_candidate_details, GTK_TYPE_WIDGET)

static void
details_add (LineupCandidateDetails *self,
             int                     row,
             const char             *name,
             const char             *value)
{
  GtkWidget *n = gtk_label_new (name);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (n), 0);
  gtk_label_set_yalign (GTK_LABEL (n), 0);
  gtk_widget_add_css_class (n, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  /* Long booking numbers must not widen the column past the window. */
  gtk_label_set_ellipsize (GTK_LABEL (v), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (v), 6);
  gtk_widget_set_tooltip_text (v, value);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (self->details_grid, n, 0, row, 1, 1);
  gtk_grid_attach (self->details_grid, v, 1, row, 1, 1);
}

char *
lineup_candidate_details_show (LineupCandidateDetails *self,
                               LineupCandidateItem    *item,
                               guint                   photo,
                               double                  threshold)
{
  LineupCandidate *c;
  GtkWidget       *child;
  g_autofree char *photos = NULL;
  guint            n;
  int              row = 0;

  g_return_val_if_fail (LINEUP_IS_CANDIDATE_DETAILS (self), NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_grid))))
    gtk_grid_remove (self->details_grid, child);
  if (item == NULL)
    return NULL;
  c = lineup_candidate_item_get_photo (item, photo);
  n = lineup_candidate_item_get_n_photos (item);

  photos = g_strdup_printf (_("Photo %u of %u"), photo + 1, n);
  gtk_label_set_text (self->photo_label, photos);
  gtk_widget_set_visible (self->photo_nav, n > 1);

  if (!lineup_candidate_item_get_revealed (item))
    {
      gtk_stack_set_visible_child_name (self->details_stack, "hidden");
      return g_strdup_printf (_("Candidate %lld"), (long long)lineup_candidate_get_rank (c));
    }
  {
    g_autofree char *distance = g_strdup_printf (_("%.3f (threshold %.2f)"),
                                                 lineup_candidate_get_distance (c), threshold);
    g_autofree char *similarity = g_strdup_printf ("%.0f%%",
                                                   lineup_candidate_get_similarity (c) * 100.0);

    details_add (self, row++, _("Name"), lineup_candidate_get_label (c));
    details_add (self, row++, _("Booking"), lineup_candidate_get_booking_number (c));
    if (lineup_candidate_get_booking_date (c) && *lineup_candidate_get_booking_date (c))
      details_add (self, row++, _("Booked"), lineup_candidate_get_booking_date (c));
    if (lineup_candidate_get_person_id (c) && *lineup_candidate_get_person_id (c))
      details_add (self, row++, _("Person ID"), lineup_candidate_get_person_id (c));
    details_add (self, row++, _("Distance"), distance);
    details_add (self, row++, _("Similarity"), similarity);
    if (n > 1)
      {
        g_autofree char *matched = g_strdup_printf (_("%u photos of this person"), n);
        details_add (self, row++, _("Matched"), matched);
      }
  }
  gtk_stack_set_visible_child_name (self->details_stack, "shown");
  return g_strdup_printf (_("Candidate %lld · %s"), (long long)lineup_candidate_get_rank (c),
                          lineup_candidate_get_label (c));
}

static void
lineup_candidate_details_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LINEUP_TYPE_CANDIDATE_DETAILS);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lineup_candidate_details_parent_class)->dispose (object);
}

static void
lineup_candidate_details_class_init (LineupCandidateDetailsClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_candidate_details_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-candidate-details.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateDetails, photo_nav);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateDetails, photo_label);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateDetails, details_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateDetails, hidden_label);
  gtk_widget_class_bind_template_child (widget_class, LineupCandidateDetails, details_grid);
}

static void
lineup_candidate_details_init (LineupCandidateDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (self->hidden_label,
                      _("Hidden until you record a decision. Blind review keeps the name, the "
                        "booking details and the scores from swaying your comparison."));
}
