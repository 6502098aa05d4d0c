/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-view.h: the probe still with numbered face boxes; click a
 * box to choose that face, drag to draw a box where the detector missed. */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PROBE_VIEW (lineup_probe_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbeView, lineup_probe_view, LINEUP, PROBE_VIEW, GtkWidget)

GtkWidget *lineup_probe_view_new (void);
/* texture: the image as shown (after edits); NULL clears the view. */
void lineup_probe_view_set_texture (LineupProbeView *self,
                                    GdkTexture      *texture);
/* faces: LineupFace, boxes in the texture's pixels (referenced). */
void lineup_probe_view_set_faces (LineupProbeView *self,
                                  GPtrArray       *faces);
void lineup_probe_view_set_selected (LineupProbeView *self,
                                     int              index);
int  lineup_probe_view_get_selected (LineupProbeView *self);
/* The box drawn by dragging, in image pixels; FALSE when there is none. */
gboolean lineup_probe_view_get_drawn_box (LineupProbeView *self,
                                          LineupBox       *box);
void     lineup_probe_view_set_drawn_box (LineupProbeView *self,
                                          const LineupBox *box);

/* Signals: "face-activated" (int index), "box-drawn" (no arguments; also
 * when the drawn box is cleared). */

G_END_DECLS
