/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-item.h: one person in the lineup — the best-ranked
 * candidate of a subject, the other photos of that subject that matched,
 * the decisions recorded on it and whether blind mode still hides it. */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CANDIDATE_ITEM (lineup_candidate_item_get_type ())
G_DECLARE_FINAL_TYPE (LineupCandidateItem, lineup_candidate_item, LINEUP, CANDIDATE_ITEM, GObject)

/* candidate: one of the search's candidates (referenced). */
LineupCandidateItem *lineup_candidate_item_new (LineupCandidate *candidate,
                                                const char      *data_dir);
/* Further photos of the same subject that matched (lower ranks). */
void  lineup_candidate_item_add_photo (LineupCandidateItem *self,
                                       LineupCandidate     *candidate);
guint lineup_candidate_item_get_n_photos (LineupCandidateItem *self);
/* 0 is the item's own (best) candidate. */
LineupCandidate *lineup_candidate_item_get_photo (LineupCandidateItem *self,
                                                  guint                index);

LineupCandidate *lineup_candidate_item_get_candidate (LineupCandidateItem *self);
gint64           lineup_candidate_item_get_rank (LineupCandidateItem *self);
/* The subject's id as text ("" when the search has none). */
const char *lineup_candidate_item_get_subject_id (LineupCandidateItem *self);
const char *lineup_candidate_item_get_label (LineupCandidateItem *self);
const char *lineup_candidate_item_get_booking_number (LineupCandidateItem *self);

/* Blind mode hides names, booking details and scores until a decision is
 * recorded on the item ("revealed" follows both). */
void     lineup_candidate_item_set_blind (LineupCandidateItem *self,
                                          gboolean             blind);
gboolean lineup_candidate_item_get_revealed (LineupCandidateItem *self);

/* The latest decision on the item (with its review, if any) or NULL. */
LineupDecision *lineup_candidate_item_get_decision (LineupCandidateItem *self);
void            lineup_candidate_item_set_decision (LineupCandidateItem *self,
                                                    LineupDecision      *decision);
/* "Possible lead", "Possible lead · approved", … or NULL. */
char *lineup_candidate_item_dup_decision_text (LineupCandidateItem *self);

/* The face, cropped from the booking photo off the main thread the first
 * time a cell shows it ("thumbnail" notifies). */
GdkPaintable *lineup_candidate_item_get_thumbnail (LineupCandidateItem *self);
void          lineup_candidate_item_load_thumbnail (LineupCandidateItem *self);

G_END_DECLS
