/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-compare-view.h: probe face and candidate photo side by side at the
 * same face scale, with one zoom and pan state for both panes (scroll to
 * zoom, drag to pan) and an optional overlay of the 68 landmarks. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_COMPARE_VIEW (lineup_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupCompareView, lineup_compare_view, LINEUP, COMPARE_VIEW, GtkWidget)

GtkWidget *lineup_compare_view_new (void);

/* rgb: packed 8-bit RGB, width × height; box: the face in those pixels
 * (NULL: fit the whole image); landmarks: 68 (x, y) pairs in the same
 * pixels, or NULL. rgb NULL clears the pane. */
void lineup_compare_view_set_probe (LineupCompareView *self,
                                    GBytes            *rgb,
                                    int                width,
                                    int                height,
                                    const LineupBox   *box,
                                    const float       *landmarks);
void lineup_compare_view_set_candidate (LineupCompareView *self,
                                        GBytes            *rgb,
                                        int                width,
                                        int                height,
                                        const LineupBox   *box,
                                        const float       *landmarks);
/* Loads the stored booking photo DATA_DIR's sha256 into the candidate pane
 * off the main thread ("Loading…" meanwhile, the error in its place if it
 * fails, and "candidate-failed" (const char *message) emitted); a newer
 * load or set_candidate () supersedes it. */
void lineup_compare_view_load_candidate (LineupCompareView *self,
                                         const char        *data_dir,
                                         const char        *sha256,
                                         const LineupBox   *box,
                                         const float       *landmarks);
void lineup_compare_view_set_captions (LineupCompareView *self,
                                       const char        *probe,
                                       const char        *candidate);
/* Shown over the candidate pane while its photo loads or fails. */
void lineup_compare_view_set_candidate_status (LineupCompareView *self,
                                               const char        *status);

/* Both panes hold an image. */
gboolean lineup_compare_view_has_images (LineupCompareView *self);

/* 1.0 shows both faces at the same size filling about half a pane. */
double lineup_compare_view_get_zoom (LineupCompareView *self);
void   lineup_compare_view_zoom_by (LineupCompareView *self,
                                    double             factor);
void   lineup_compare_view_zoom_reset (LineupCompareView *self);
void   lineup_compare_view_get_offset (LineupCompareView *self,
                                       double            *x,
                                       double            *y);

/* Property "show-landmarks" (also the toggle in the view's toolbar). */
gboolean lineup_compare_view_get_show_landmarks (LineupCompareView *self);
void     lineup_compare_view_set_show_landmarks (LineupCompareView *self,
                                                 gboolean           show);

G_END_DECLS
