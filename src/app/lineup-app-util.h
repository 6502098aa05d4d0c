/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-app-util.h: small helpers the pages and windows share. */
#pragma once

#include <adwaita.h>

#include "lineup-application.h"

G_BEGIN_DECLS

/* Deprecated: the running LineupApplication and what it holds, or NULL (a
 * widget built outside the application). Windows and pages are given a
 * LineupSession (their construct-only "session") and read it instead; only
 * the search page still uses these, until it moves onto its session. */
LineupApplication *lineup_app_get_default     (void);
LineupDb          *lineup_app_get_db          (void);
const char        *lineup_app_get_data_dir    (void);
LineupUser        *lineup_app_get_user        (void);

/* Deprecated (follow LineupSession "user" with a GSignalGroup): calls
 * refresh (page) whenever someone signs in or out, for as long as the page
 * lives. */
void               lineup_app_follow_user     (gpointer        page,
                                               GCallback       refresh);

/* A selection over items that only the user's choice sets (opening an
 * entry may be audited): nothing selected at first, none picked when the
 * list changes. changed (page) runs when the selected item does. */
GtkSingleSelection *lineup_app_selection_new  (GListStore     *items,
                                               GCallback       changed,
                                               gpointer        page);

/* The window a widget sits in, as the parent for a dialog, or NULL. */
GtkWindow         *lineup_app_parent_window   (GtkWidget      *widget);

/* A form's message under its fields; NULL hides it. */
void               lineup_app_show_inline_error (GtkLabel     *label,
                                                 const char   *message);
/* What the user typed, without surrounding white space (free it). */
char              *lineup_app_dup_entry_text  (GtkEditable    *editable);
char              *lineup_app_dup_text_view_text (GtkTextView *view);
/* The roles whose boxes are ticked; NULL for a role the form lacks. */
LineupRoles        lineup_app_checked_roles   (GtkCheckButton *clerk,
                                               GtkCheckButton *detective,
                                               GtkCheckButton *supervisor,
                                               GtkCheckButton *administrator);

/* A page's "you cannot see this" state: title and description on its
 * status page, shown as the stack's "denied" child. */
void               lineup_app_show_denied     (GtkStack       *stack,
                                               AdwStatusPage  *page,
                                               const char     *title,
                                               const char     *description);

/* A core timestamp (ISO 8601, UTC) in local time with a
 * g_date_time_format () format; unparsable text comes back as it is. */
char              *lineup_app_format_time     (const char     *iso8601,
                                               const char     *format);

G_END_DECLS
