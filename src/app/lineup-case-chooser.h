/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-chooser.h: the search page's gate — the signed-in user's open
 * cases to continue, and the way to a new one. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CASE_CHOOSER (lineup_case_chooser_get_type ())
G_DECLARE_FINAL_TYPE (LineupCaseChooser, lineup_case_chooser, LINEUP, CASE_CHOOSER, GtkWidget)

/* Lists the cases (lineup_db_case_list_async) as user; a failure is shown
 * in place of the list. Signal "case-activated" (LineupCase *case) when
 * the user picks an open case. */
void lineup_case_chooser_reload (LineupCaseChooser *self,
                                 LineupDb          *db,
                                 LineupUser        *user,
                                 GCancellable      *cancellable);
/* Forgets the list (someone signed out). */
void lineup_case_chooser_clear (LineupCaseChooser *self);
/* The listed cases (LineupCase). */
GListModel *lineup_case_chooser_get_cases (LineupCaseChooser *self);

G_END_DECLS
