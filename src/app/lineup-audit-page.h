/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-audit-page.h: the hash-chained audit log, filtered, with the
 * chain's verdict, the chain head to hand out, and JSON export. */
#pragma once

#include <adwaita.h>

#include "lineup-session.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_AUDIT_PAGE (lineup_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (LineupAuditPage, lineup_audit_page, LINEUP, AUDIT_PAGE, GtkWidget)

/* Reads the database and signed-in user from session; follows its "user"
 * property. */
GtkWidget *lineup_audit_page_new (LineupSession *session);
/* Re-reads the entries with the current filters and checks the chain.
 * Only while the page is on screen (showing it refreshes): each listing
 * is audited as an export. */
void lineup_audit_page_refresh (LineupAuditPage *self);
/* Sets the filter widgets (NULL: any) and applies them; FALSE with the
 * message shown on the page if a date is not YYYY-MM-DD. */
gboolean lineup_audit_page_set_filter (LineupAuditPage *self,
                                       const char      *user,
                                       const char      *action,
                                       const char      *case_number,
                                       const char      *since,
                                       const char      *until);
/* The entries shown (LineupAuditItem, newest first), and whether the list
 * or the chain check is still running. */
GListModel *lineup_audit_page_get_model (LineupAuditPage *self);
gboolean    lineup_audit_page_get_loading (LineupAuditPage *self);
/* Saves the entries shown as JSON (pretty): {"exported_at","exported_by",
 * "filter","chain":{"intact","entries","head_seq","head_hash","head_ts"},
 * "entries":[…oldest first, as the core lists them]}. The Export… button
 * asks for the file and calls this. */
void     lineup_audit_page_export_async (LineupAuditPage    *self,
                                         GFile              *file,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean lineup_audit_page_export_finish (LineupAuditPage *self,
                                          GAsyncResult    *result,
                                          GError         **error);
/* Opens the detail pane of one entry, as activating its row does. */
void lineup_audit_page_show_entry (LineupAuditPage *self,
                                   guint            position);

G_END_DECLS
