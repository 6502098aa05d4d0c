/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-decision-panel.h: a decision with its required note — the
 * detective's decision on a candidate and the supervisor's review of a
 * possible lead use the same panel. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_DECISION_PANEL (lineup_decision_panel_get_type ())
G_DECLARE_FINAL_TYPE (LineupDecisionPanel, lineup_decision_panel, LINEUP, DECISION_PANEL, GtkWidget)

/* In a template the owner adds its widgets as children of type "choice"
 * (a linked row above the note, e.g. toggle buttons), "message" (under the
 * note) and "action" (buttons at the end of the last row); they stay the
 * owner's template children, with the owner's actions and callbacks.
 *
 * Properties: "heading" and "status" (the lines above; hidden when NULL),
 * "note-label" (a mnemonic label over the note; hidden when NULL), "hint"
 * (beside the actions; hidden when NULL). Signal "note-changed". */
void lineup_decision_panel_set_status (LineupDecisionPanel *self,
                                       const char          *status,
                                       const char          *tooltip);
/* What was typed, without surrounding white space (free it). */
char *lineup_decision_panel_dup_note (LineupDecisionPanel *self);
void  lineup_decision_panel_clear_note (LineupDecisionPanel *self);
void  lineup_decision_panel_focus_note (LineupDecisionPanel *self);

G_END_DECLS
