/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-chooser.c: a boxed list of cases with their review status. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-case-chooser.h"

struct _LineupCaseChooser
{
  GtkWidget parent_instance;

  GListStore *cases;

  GtkListBox *case_list;
  GtkLabel   *case_status;
};

G_DEFINE_FINAL_TYPE (LineupCaseChooser, lineup_case_chooser, GTK_TYPE_WIDGET)

enum
{
  CASE_ACTIVATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const char *
status_text (const char *status)
{
  if (g_str_equal (status, "open"))
    return _("Open");
  if (g_str_equal (status, "lead_pending"))
    return _("Lead pending review");
  if (g_str_equal (status, "lead_approved"))
    return _("Lead approved");
  if (g_str_equal (status, "closed"))
    return _("Closed");
  return status;
}

static GtkWidget *
create_case_row (gpointer item,
                 gpointer user_data)
{
  LineupCase      *kase = item;
  const char      *status = lineup_case_get_status (kase);
  const char      *offence = lineup_case_get_offence_label (kase);
  g_autofree char *subtitle = g_strdup_printf ("%s — %s", offence ? offence : "",
                                               lineup_case_get_reason (kase));
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *chip = gtk_label_new (status_text (status ? status : ""));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_case_get_number (kase));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "lineup-badge");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);
  if (g_strcmp0 (status, "closed") != 0)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    gtk_widget_set_sensitive (row, FALSE);
  return row;
}

static void
cases_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupCaseChooser) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = lineup_db_case_list_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->cases == NULL) /* disposed meanwhile */
    return;
  if (cases == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->case_status, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->case_status), TRUE);
      return;
    }
  n = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (cases, i));
  g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       items->pdata, items->len);
  gtk_widget_set_visible (GTK_WIDGET (self->case_list), n > 0);
  gtk_label_set_text (self->case_status, _("No cases yet. Open a new case to start."));
  gtk_widget_set_visible (GTK_WIDGET (self->case_status), n == 0);
}

void
lineup_case_chooser_reload (LineupCaseChooser *self,
                            LineupDb          *db,
                            LineupUser        *user,
                            GCancellable      *cancellable)
{
  g_return_if_fail (LINEUP_IS_CASE_CHOOSER (self));
  g_return_if_fail (LINEUP_IS_DB (db));
  g_return_if_fail (user != NULL);
  lineup_db_case_list_async (db, user, cancellable, cases_ready, g_object_ref (self));
}

void
lineup_case_chooser_clear (LineupCaseChooser *self)
{
  g_return_if_fail (LINEUP_IS_CASE_CHOOSER (self));
  g_list_store_remove_all (self->cases);
  gtk_widget_set_visible (GTK_WIDGET (self->case_list), FALSE);
}

GListModel *
lineup_case_chooser_get_cases (LineupCaseChooser *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE_CHOOSER (self), NULL);
  return G_LIST_MODEL (self->cases);
}

static void
row_activated (LineupCaseChooser *self,
               GtkListBoxRow     *row)
{
  g_autoptr(LineupCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases),
                                                       gtk_list_box_row_get_index (row));

  if (kase != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, kase);
}

static void
lineup_case_chooser_dispose (GObject *object)
{
  LineupCaseChooser *self = LINEUP_CASE_CHOOSER (object);

  g_clear_object (&self->cases);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_CASE_CHOOSER);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lineup_case_chooser_parent_class)->dispose (object);
}

static void
lineup_case_chooser_class_init (LineupCaseChooserClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_case_chooser_dispose;
  signals[CASE_ACTIVATED] = g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          LINEUP_TYPE_CASE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-case-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupCaseChooser, case_list);
  gtk_widget_class_bind_template_child (widget_class, LineupCaseChooser, case_status);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
}

static void
lineup_case_chooser_init (LineupCaseChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cases = g_list_store_new (LINEUP_TYPE_CASE);
  gtk_list_box_bind_model (self->case_list, G_LIST_MODEL (self->cases), create_case_row, self,
                           NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->case_list), FALSE);
}
