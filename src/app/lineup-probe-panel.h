/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-panel.h: the probe's widgets — its declared source, the
 * still with its face boxes, the chosen face's quality and the recorded
 * edit steps — over a LineupProbeSession that does the work. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PROBE_PANEL (lineup_probe_panel_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbePanel, lineup_probe_panel, LINEUP, PROBE_PANEL, GtkWidget)

/* Signals: "changed" whenever anything the owner's actions depend on
 * changes (busy, faces, the chosen face, a drawn box, the source);
 * "file-dropped" (GFile *) when a file is dropped on the still.
 * Properties: "session" (the probe shown; NULL shows none), "busy". */
void                lineup_probe_panel_set_session (LineupProbePanel   *self,
                                                    LineupProbeSession *session);
LineupProbeSession *lineup_probe_panel_get_session (LineupProbePanel *self);
gboolean            lineup_probe_panel_get_busy (LineupProbePanel *self);

void     lineup_probe_panel_set_source (LineupProbePanel *self,
                                        LineupProbeSource source);
gboolean lineup_probe_panel_get_source_declared (LineupProbePanel *self);
/* TRUE once a source is declared; otherwise says why it must be. */
gboolean lineup_probe_panel_check_source (LineupProbePanel *self);
/* Loads the still into the session (refused without a declared source). */
void     lineup_probe_panel_load (LineupProbePanel *self,
                                  GFile            *file);
gboolean lineup_probe_panel_has_drawn_box (LineupProbePanel *self);
/* "small-face (the face is small); …" or NULL for a good face. */
char *lineup_probe_panel_dup_reasons (LineupFace *face);

/* Edits, each recorded in the case and then replayed on the original. */
void lineup_probe_panel_use_box (LineupProbePanel *self);
void lineup_probe_panel_crop (LineupProbePanel *self);
void lineup_probe_panel_rotate (LineupProbePanel *self,
                                double            degrees);
void lineup_probe_panel_straighten (LineupProbePanel *self);
void lineup_probe_panel_mirror (LineupProbePanel *self);
void lineup_probe_panel_adjust_light (LineupProbePanel *self);

G_END_DECLS
