/* lineup-probe-panel.h: the probe — its declared source, the still with its
 * face boxes, the chosen face's quality, and the recorded edit steps. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PROBE_PANEL (lineup_probe_panel_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbePanel, lineup_probe_panel, LINEUP, PROBE_PANEL, GtkWidget)

/* Signals: "changed" whenever anything the owner's actions depend on
 * changes (busy, faces, the chosen face, a drawn box, the source);
 * "file-dropped" (GFile *) when a file is dropped on the still.
 * Property "busy": decoding, storing, detecting or recording an edit. */

/* The case the probe is stored in; NULL case_number forgets the probe. */
void          lineup_probe_panel_set_case       (LineupProbePanel  *self,
                                                 LineupDb          *db,
                                                 const char        *data_dir,
                                                 LineupUser        *user,
                                                 const char        *case_number);
void          lineup_probe_panel_reset          (LineupProbePanel  *self);

void          lineup_probe_panel_set_source     (LineupProbePanel  *self,
                                                 LineupProbeSource  source);
gboolean      lineup_probe_panel_get_source_declared (LineupProbePanel *self);
/* TRUE once a source is declared; otherwise says why it must be. */
gboolean      lineup_probe_panel_check_source   (LineupProbePanel  *self);
/* Decodes, stores (with its case) and detects faces, off the main thread. */
void          lineup_probe_panel_load           (LineupProbePanel  *self,
                                                 GFile             *file);

gboolean      lineup_probe_panel_get_busy       (LineupProbePanel  *self);
gboolean      lineup_probe_panel_has_original   (LineupProbePanel  *self);
/* A probe is stored and its current version shown. */
gboolean      lineup_probe_panel_has_probe      (LineupProbePanel  *self);
gboolean      lineup_probe_panel_has_drawn_box  (LineupProbePanel  *self);
gint64        lineup_probe_panel_get_probe_id   (LineupProbePanel  *self);
gint64        lineup_probe_panel_get_edit_seq   (LineupProbePanel  *self);
/* The current version's packed RGB (NULL before one is shown). */
GBytes       *lineup_probe_panel_get_edited_rgb (LineupProbePanel  *self,
                                                 int               *width,
                                                 int               *height);
/* The face engine, once the first detection made it (or NULL). */
LineupEngine *lineup_probe_panel_get_engine     (LineupProbePanel  *self);

guint         lineup_probe_panel_get_n_faces    (LineupProbePanel  *self);
void          lineup_probe_panel_select_face    (LineupProbePanel  *self,
                                                 int                index);
int           lineup_probe_panel_get_selected_face (LineupProbePanel *self);
LineupFace   *lineup_probe_panel_get_face       (LineupProbePanel  *self);
/* "small-face (the face is small); …" or NULL for a good face. */
char         *lineup_probe_panel_dup_reasons    (LineupFace        *face);

/* Edits, each recorded in the case and then replayed on the original. */
void          lineup_probe_panel_use_box        (LineupProbePanel  *self);
void          lineup_probe_panel_crop           (LineupProbePanel  *self);
void          lineup_probe_panel_rotate         (LineupProbePanel  *self,
                                                 int                degrees);
void          lineup_probe_panel_straighten     (LineupProbePanel  *self);
void          lineup_probe_panel_mirror         (LineupProbePanel  *self);
void          lineup_probe_panel_adjust_light   (LineupProbePanel  *self);

G_END_DECLS
