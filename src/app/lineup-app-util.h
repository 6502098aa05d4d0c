/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-app-util.h: small helpers the pages and windows share. */
#pragma once

#include <adwaita.h>

#include "lineup-application.h"

G_BEGIN_DECLS

/* A selection over items that only the user's choice sets (opening an
 * entry may be audited): nothing selected at first, none picked when the
 * list changes. changed (page) runs when the selected item does. */
GtkSingleSelection *lineup_app_selection_new (GListStore *items,
                                              GCallback   changed,
                                              gpointer    page);

/* The window a widget sits in, as the parent for a dialog, or NULL. */
GtkWindow *lineup_app_parent_window (GtkWidget *widget);

/* A short note in the toast overlay the widget sits in. */
void lineup_app_toast (GtkWidget  *widget,
                       const char *text);
/* Refusals need reading, so they get a dialog rather than a toast; a
 * policy or role refusal gets a heading that says so. */
void lineup_app_alert (GtkWidget  *widget,
                       const char *heading,
                       const char *body);
void lineup_app_alert_error (GtkWidget    *widget,
                             const char   *heading,
                             const GError *error);

/* A form's message under its fields; NULL hides it. */
void lineup_app_show_inline_error (GtkLabel   *label,
                                   const char *message);
/* What the user typed, without surrounding white space (free it). */
char *lineup_app_dup_entry_text (GtkEditable *editable);
char *lineup_app_dup_text_view_text (GtkTextView *view);
/* The roles whose boxes are ticked; NULL for a role the form lacks. */
LineupRoles lineup_app_checked_roles (GtkCheckButton *clerk,
                                      GtkCheckButton *detective,
                                      GtkCheckButton *supervisor,
                                      GtkCheckButton *administrator);

/* A page's "you cannot see this" state: title and description on its
 * status page, shown as the stack's "denied" child. */
void lineup_app_show_denied (GtkStack      *stack,
                             AdwStatusPage *page,
                             const char    *title,
                             const char    *description);

/* A core timestamp (ISO 8601, UTC) in local time with a
 * g_date_time_format () format; unparsable text comes back as it is. */
char *lineup_app_format_time (const char *iso8601,
                              const char *format);

G_END_DECLS
