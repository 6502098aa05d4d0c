/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-dialog.c: the purpose gate. Nothing is searched without a case
 * number, an offence category that policy allows, and a written reason;
 * the form says which is missing instead of failing later. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-case-dialog.h"
#include "lineup-json-item.h"

struct _LineupCaseDialog
{
  AdwWindow parent_instance;

  LineupDb     *db;
  LineupUser   *user;
  GListStore   *offences;
  GCancellable *cancellable;
  gboolean      ready;
  gboolean      busy;

  GtkWidget   *create_button;
  AdwEntryRow *number_row;
  AdwComboRow *offence_row;
  GtkLabel    *offence_refusal;
  GtkTextView *reason_view;
  GtkLabel    *status_label;
  GtkLabel    *lead_label;
};

G_DEFINE_FINAL_TYPE (LineupCaseDialog, lineup_case_dialog, ADW_TYPE_WINDOW)

enum
{
  CASE_CREATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static LineupJsonItem *
selected_offence (LineupCaseDialog *self)
{
  return adw_combo_row_get_selected_item (self->offence_row);
}

static gboolean
offence_allowed (LineupJsonItem *item)
{
  return item != NULL && lineup_json_item_get_boolean (item, "search_allowed");
}

static void
form_changed (LineupCaseDialog *self)
{
  LineupJsonItem  *offence = selected_offence (self);
  g_autofree char *number = lineup_app_dup_entry_text (GTK_EDITABLE (self->number_row));
  g_autofree char *reason = lineup_app_dup_text_view_text (self->reason_view);
  gboolean         allowed = offence_allowed (offence);

  if (offence != NULL && !allowed)
    {
      g_autofree char *text = g_strdup_printf (
        _("Face searches are not permitted for “%s” under this agency’s policy. Choose the "
          "category the investigation is about; an administrator sets which categories may "
          "be searched."),
        lineup_json_item_get_string (offence, "label"));
      gtk_label_set_text (self->offence_refusal, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->offence_refusal), offence != NULL && !allowed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.create",
                                 self->ready && !self->busy && *number && *reason && allowed);
}

/* offences */

static void
offences_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LineupCaseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = lineup_db_offences_list_finish (LINEUP_DB (source), result, &error);
  JsonArray *array;
  guint      first_allowed = GTK_INVALID_LIST_POSITION;

  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject      *o = json_array_get_object_element (array, i);
      const char      *label = json_object_get_string_member_with_default (o, "label", "");
      gboolean         allowed = json_object_get_boolean_member_with_default (o, "search_allowed", FALSE);
      g_autofree char *title = allowed ? g_strdup (label)
                                       : g_strdup_printf (_("%s (not searchable)"), label);
      g_autoptr(LineupJsonItem) item = lineup_json_item_new (o, title, NULL);

      g_list_store_append (self->offences, item);
      if (allowed && first_allowed == GTK_INVALID_LIST_POSITION)
        first_allowed = i;
    }
  self->ready = TRUE;
  if (first_allowed != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->offence_row, first_allowed);
  form_changed (self);
}

/* create */

static void
case_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LineupCaseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupCase) kase = lineup_db_case_new_finish (LINEUP_DB (source), result, &error);

  self->busy = FALSE;
  if (kase == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_label_set_text (self->status_label, error->message);
      form_changed (self);
      return;
    }
  g_signal_emit (self, signals[CASE_CREATED], 0, kase);
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LineupCaseDialog *self = LINEUP_CASE_DIALOG (widget);
  LineupJsonItem   *offence = selected_offence (self);
  g_autofree char  *number = lineup_app_dup_entry_text (GTK_EDITABLE (self->number_row));
  g_autofree char  *reason = lineup_app_dup_text_view_text (self->reason_view);

  if (!*number || !*reason || !offence_allowed (offence) || self->busy)
    return;
  self->busy = TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_label_set_text (self->status_label, _("Opening the case…"));
  form_changed (self);
  lineup_db_case_new_async (self->db, self->user, number,
                            lineup_json_item_get_string (offence, "code"), reason,
                            self->cancellable, case_ready, g_object_ref (self));
}

/* object */

static void
lineup_case_dialog_dispose (GObject *object)
{
  LineupCaseDialog *self = LINEUP_CASE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_object (&self->user);
  g_clear_object (&self->offences);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_CASE_DIALOG);
  G_OBJECT_CLASS (lineup_case_dialog_parent_class)->dispose (object);
}

static void
lineup_case_dialog_class_init (LineupCaseDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_case_dialog_dispose;
  signals[CASE_CREATED] = g_signal_new ("case-created", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        LINEUP_TYPE_CASE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupCaseDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, LineupCaseDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, LineupCaseDialog, offence_row);
  gtk_widget_class_bind_template_child (widget_class, LineupCaseDialog, offence_refusal);
  gtk_widget_class_bind_template_child (widget_class, LineupCaseDialog, reason_view);
  gtk_widget_class_bind_template_child (widget_class, LineupCaseDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, LineupCaseDialog, lead_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed);
  gtk_widget_class_install_action (widget_class, "case.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_case_dialog_init (LineupCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->offences = g_list_store_new (LINEUP_TYPE_JSON_ITEM);
  adw_combo_row_set_expression (self->offence_row,
                                gtk_property_expression_new (LINEUP_TYPE_JSON_ITEM, NULL,
                                                             "title"));
  adw_combo_row_set_model (self->offence_row, G_LIST_MODEL (self->offences));
  gtk_label_set_text (self->lead_label, _(LINEUP_LEAD_STATEMENT));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->reason_view), "changed",
                            G_CALLBACK (form_changed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.create", FALSE);
}

LineupCaseDialog *
lineup_case_dialog_new (GtkWindow  *parent,
                        LineupDb   *db,
                        LineupUser *user)
{
  LineupCaseDialog *self = g_object_new (LINEUP_TYPE_CASE_DIALOG, "transient-for", parent, NULL);

  self->db = g_object_ref (db);
  self->user = user ? g_object_ref (user) : NULL;
  lineup_db_offences_list_async (db, self->cancellable, offences_ready, g_object_ref (self));
  return self;
}

void
lineup_case_dialog_set_fields (LineupCaseDialog *self,
                               const char       *number,
                               const char       *offence,
                               const char       *reason)
{
  g_return_if_fail (LINEUP_IS_CASE_DIALOG (self));
  if (number)
    gtk_editable_set_text (GTK_EDITABLE (self->number_row), number);
  if (reason)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view), reason, -1);
  for (guint i = 0; offence && i < g_list_model_get_n_items (G_LIST_MODEL (self->offences)); i++)
    {
      g_autoptr(LineupJsonItem) item = g_list_model_get_item (G_LIST_MODEL (self->offences), i);

      if (g_str_equal (lineup_json_item_get_string (item, "code"), offence))
        adw_combo_row_set_selected (self->offence_row, i);
    }
  form_changed (self);
}

gboolean
lineup_case_dialog_is_ready (LineupCaseDialog *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE_DIALOG (self), FALSE);
  return self->ready;
}

const char *
lineup_case_dialog_get_status (LineupCaseDialog *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE_DIALOG (self), NULL);
  return gtk_label_get_text (self->status_label);
}
