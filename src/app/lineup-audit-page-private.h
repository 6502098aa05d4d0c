/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-audit-page-private.h: what the audit page's object file and its
 * filters-and-export file share. Nothing outside the audit page includes
 * this. */
#pragma once

#include "lineup-audit-item.h"
#include "lineup-audit-page.h"
#include "lineup-session.h"

G_BEGIN_DECLS

struct _LineupAuditPage
{
  GtkWidget parent_instance;

  LineupSession *session;         /* construct-only */
  GSignalGroup  *session_signals; /* its "notify::user" */

  LineupUser         *user;
  GListStore         *items;
  GtkSingleSelection *selection;
  JsonNode           *entries; /* the last listing, oldest first */
  LineupAuditFilter   applied; /* what that listing was asked for */
  LineupAuditVerdict *verdict;
  GCancellable       *list_cancellable;
  GCancellable       *verify_cancellable;
  GtkStringList      *user_model;
  GtkStringList      *action_model;
  GHashTable         *users_seen;
  GHashTable         *actions_seen;
  LineupAuditItem    *shown;
  gboolean            listing;
  gboolean            verifying;
  gboolean            updating; /* filling the dropdowns: do not apply */

  AdwToastOverlay *toasts;
  GtkStack        *stack;
  AdwStatusPage   *denied_page;
  GtkStack        *chain_icon_stack;
  GtkSpinner      *chain_spinner;
  GtkLabel        *chain_label;
  GtkDropDown     *user_dropdown;
  GtkDropDown     *action_dropdown;
  GtkEntry        *case_entry;
  GtkEntry        *since_entry;
  GtkEntry        *until_entry;
  GtkLabel        *filter_error_label;
  GtkStack        *list_stack;
  GtkColumnView   *columns;
  GtkLabel        *count_label;
  GtkStack        *detail_stack;
  GtkLabel        *detail_title;
  GtkLabel        *detail_facts;
  GtkButton       *open_button;
  GtkTextView     *details_view;
};

/* lineup-audit-page-export.c: the filter bar (its dropdowns filled from
 * what the listings showed) and the export of the listing on screen. */
void _lineup_audit_page_fill_user_dropdown (LineupAuditPage *self);
void _lineup_audit_page_fill_action_dropdown (LineupAuditPage *self);
/* FALSE (and the reason shown under the filters) if a field is wrong. */
gboolean _lineup_audit_page_read_filter (LineupAuditPage   *self,
                                         LineupAuditFilter *filter);
/* "audit.export": asks where, then lineup_audit_page_export_async (). */
void _lineup_audit_page_export_action (GtkWidget  *widget,
                                       const char *name,
                                       GVariant   *param);

G_END_DECLS
