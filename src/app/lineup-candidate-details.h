/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-details.h: the booking details of the candidate being
 * compared — hidden under blind review until a decision is recorded — and
 * the way through the other matched photos of the same person. */
#pragma once

#include <adwaita.h>

#include "lineup-candidate-item.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CANDIDATE_DETAILS (lineup_candidate_details_get_type ())
G_DECLARE_FINAL_TYPE (LineupCandidateDetails, lineup_candidate_details, LINEUP, CANDIDATE_DETAILS, GtkWidget)

/* Shows photo (0 is the item's best) of item, or nothing for NULL;
 * threshold is the search's. Returns the compare view's caption for it
 * (free it). */
char *lineup_candidate_details_show (LineupCandidateDetails *self,
                                     LineupCandidateItem    *item,
                                     guint                   photo,
                                     double                  threshold);

G_END_DECLS
