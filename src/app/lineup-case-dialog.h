/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-dialog.h: the "New Case" form — case number, offence category
 * and the written reason that every search inside the case carries. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CASE_DIALOG (lineup_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LineupCaseDialog, lineup_case_dialog, LINEUP, CASE_DIALOG, AdwWindow)

/* Signal "case-created" (LineupCase *case): emitted once the case is stored;
 * the dialog then closes. */
LineupCaseDialog *lineup_case_dialog_new (GtkWindow  *parent,
                                          LineupDb   *db,
                                          LineupUser *user);
/* For tests and for filling in a number known beforehand; offence is a
 * category code (NULL leaves the choice alone). */
void lineup_case_dialog_set_fields (LineupCaseDialog *self,
                                    const char       *number,
                                    const char       *offence,
                                    const char       *reason);
/* TRUE once the offence categories are listed. */
gboolean    lineup_case_dialog_is_ready (LineupCaseDialog *self);
const char *lineup_case_dialog_get_status (LineupCaseDialog *self);

G_END_DECLS
