/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-app-util.c: helpers that several pages had each written again. */
#define G_LOG_DOMAIN "lineup-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"

GtkSingleSelection *
lineup_app_selection_new (GListStore *items,
                          GCallback   changed,
                          gpointer    page)
{
  GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (items)));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (selection, "notify::selected-item", changed, page);
  return selection;
}

GtkWindow *
lineup_app_parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
lineup_app_toast (GtkWidget  *widget,
                  const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast  *t;

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

void
lineup_app_alert (GtkWidget  *widget,
                  const char *heading,
                  const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (lineup_app_parent_window (widget), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lineup_app_alert_error (GtkWidget    *widget,
                        const char   *heading,
                        const GError *error)
{
  if (g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_POLICY))
    lineup_app_alert (widget, _("Refused by Policy"), error->message);
  else if (g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN))
    lineup_app_alert (widget, _("Not Permitted for Your Role"), error->message);
  else
    lineup_app_alert (widget, heading, error->message);
}

void
lineup_app_show_inline_error (GtkLabel   *label,
                              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

char *
lineup_app_dup_entry_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

char *
lineup_app_dup_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

LineupRoles
lineup_app_checked_roles (GtkCheckButton *clerk,
                          GtkCheckButton *detective,
                          GtkCheckButton *supervisor,
                          GtkCheckButton *administrator)
{
  const struct
  {
    GtkCheckButton *check;
    LineupRoles     role;
  } boxes[] = {
    { clerk, LINEUP_ROLE_CLERK },
    { detective, LINEUP_ROLE_DETECTIVE },
    { supervisor, LINEUP_ROLE_SUPERVISOR },
    { administrator, LINEUP_ROLE_ADMINISTRATOR },
  };
  LineupRoles roles = LINEUP_ROLE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    if (boxes[i].check != NULL && gtk_check_button_get_active (boxes[i].check))
      roles |= boxes[i].role;
  return roles;
}

void
lineup_app_show_denied (GtkStack      *stack,
                        AdwStatusPage *page,
                        const char    *title,
                        const char    *description)
{
  adw_status_page_set_title (page, title);
  adw_status_page_set_description (page, description);
  gtk_stack_set_visible_child_name (stack, "denied");
}

char *
lineup_app_format_time (const char *iso8601,
                        const char *format)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return g_strdup ("");
  when = g_date_time_new_from_iso8601 (iso8601, utc);
  if (when == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (when);
  return g_date_time_format (local, format);
}

/* JSON */
