/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-chip.h: one person in the lineup strip — the face, its
 * rank, the name (or "Hidden" under blind review) and the decision badge. */
#pragma once

#include <adwaita.h>

#include "lineup-candidate-item.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CANDIDATE_CHIP (lineup_candidate_chip_get_type ())
G_DECLARE_FINAL_TYPE (LineupCandidateChip, lineup_candidate_chip, LINEUP, CANDIDATE_CHIP, GtkWidget)

/* Property "item": the LineupCandidateItem shown (the strip's
 * GtkBuilderListItemFactory binds it to the list item's item). */
LineupCandidateItem *lineup_candidate_chip_get_item (LineupCandidateChip *self);
void                 lineup_candidate_chip_set_item (LineupCandidateChip *self,
                                                     LineupCandidateItem *item);

G_END_DECLS
