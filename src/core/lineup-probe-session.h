/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-session.h: the probe being worked on, without a display.
 *
 * The original still and where it came from, its recorded edit steps, the
 * edited image, the faces the engine found in it and the one chosen. Every
 * change goes through the database (stored, audited) before it is shown.
 * A new load supersedes whatever is still running: its results are
 * dropped, and those operations finish with G_IO_ERROR_CANCELLED.
 * Properties notify on the main context the session was made in.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-case.h"
#include "lineup-db-case.h"
#include "lineup-probe-record.h"
#include "lineup-db.h"
#include "lineup-engine.h"
#include "lineup-face.h"
#include "lineup-image.h"
#include "lineup-probe-step.h"
#include "lineup-user.h"

G_BEGIN_DECLS

/* What the session is doing; every state but EMPTY and READY is busy. */
typedef enum
{
  LINEUP_PROBE_SESSION_EMPTY,      /* no still */
  LINEUP_PROBE_SESSION_OPENING,    /* reading and decoding the still */
  LINEUP_PROBE_SESSION_STORING,    /* the original going into the case */
  LINEUP_PROBE_SESSION_RECORDING,  /* an edit step being recorded */
  LINEUP_PROBE_SESSION_REMOVING,   /* an edit step being removed */
  LINEUP_PROBE_SESSION_DETECTING,  /* replaying the steps, finding faces */
  LINEUP_PROBE_SESSION_DESCRIBING, /* describing a box drawn by hand */
  LINEUP_PROBE_SESSION_READY,
} LineupProbeSessionState;

#define LINEUP_TYPE_PROBE_SESSION_STATE (lineup_probe_session_state_get_type ())
GType lineup_probe_session_state_get_type (void) G_GNUC_CONST;

#define LINEUP_TYPE_PROBE_SESSION (lineup_probe_session_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbeSession, lineup_probe_session, LINEUP, PROBE_SESSION, GObject)

LineupProbeSession *lineup_probe_session_new (LineupDb   *db,
                                              const char *data_dir);
LineupDb           *lineup_probe_session_get_db (LineupProbeSession *self);
const char         *lineup_probe_session_get_data_dir (LineupProbeSession *self);

/* Who acts (audited), in which case, on what declared source. These are
 * read when an operation starts. */
void        lineup_probe_session_set_user (LineupProbeSession *self,
                                           LineupUser         *user);
LineupUser *lineup_probe_session_get_user (LineupProbeSession *self);
void        lineup_probe_session_set_case_number (LineupProbeSession *self,
                                                  const char         *number);
const char *lineup_probe_session_get_case_number (LineupProbeSession *self);
void        lineup_probe_session_set_source (LineupProbeSession *self,
                                             LineupProbeSource   source);
/* Back to "not declared". */
void     lineup_probe_session_clear_source (LineupProbeSession *self);
gboolean lineup_probe_session_get_source (LineupProbeSession *self,
                                          LineupProbeSource  *source);
void     lineup_probe_session_set_detect_options (LineupProbeSession        *self,
                                                  const LineupDetectOptions *options);

/* Drops the probe (not the case, user or source); whatever still runs is
 * superseded. */
void lineup_probe_session_reset (LineupProbeSession *self);

LineupProbeSessionState lineup_probe_session_get_state (LineupProbeSession *self);
gboolean                lineup_probe_session_get_busy (LineupProbeSession *self);
/* Goes up with every load and reset. */
guint        lineup_probe_session_get_generation (LineupProbeSession *self);
LineupImage *lineup_probe_session_get_original (LineupProbeSession *self);
/* The stored probe's id; 0 until the database has it. */
gint64 lineup_probe_session_get_probe_id (LineupProbeSession *self);
/* LineupProbeStep, oldest first. */
GListModel *lineup_probe_session_get_steps (LineupProbeSession *self);
/* The last recorded step's seq; 0 is the original. */
gint64 lineup_probe_session_get_edit_seq (LineupProbeSession *self);
/* The original with the steps applied, once faces were looked for in it,
 * and its full-size pixels for the screen. */
LineupImage *lineup_probe_session_get_edited (LineupProbeSession *self);
LineupRgb   *lineup_probe_session_get_edited_rgb (LineupProbeSession *self);
/* LineupFace in the edited image: the detector's, then boxes described. */
GListModel *lineup_probe_session_get_faces (LineupProbeSession *self);
guint       lineup_probe_session_get_n_faces (LineupProbeSession *self);
/* A new array of the faces (for lineup_probe_view_set_faces). */
GPtrArray *lineup_probe_session_dup_faces (LineupProbeSession *self);
/* -1 for none. Out of range is ignored. */
void        lineup_probe_session_select_face (LineupProbeSession *self,
                                              int                 index);
int         lineup_probe_session_get_selected_index (LineupProbeSession *self);
LineupFace *lineup_probe_session_get_selected_face (LineupProbeSession *self);
/* The engine, once the first detection made it (the search tags with its
 * model); NULL before. */
LineupEngine *lineup_probe_session_get_engine (LineupProbeSession *self);

/* Reads the still, decodes it (refusing decompression bombs), stores the
 * original bytes with the case (audited "probe.load"), then looks for faces
 * (one face found is selected). Needs a user, a case and a declared
 * source. Supersedes a load or edit still running. */
void lineup_probe_session_load_async (LineupProbeSession *self,
                                      GFile              *file,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
/* The same from bytes in memory (a video frame, a paste); name is what
 * messages and the stored probe call it. */
void     lineup_probe_session_load_bytes_async (LineupProbeSession *self,
                                                GBytes             *bytes,
                                                const char         *name,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean lineup_probe_session_load_finish (LineupProbeSession *self,
                                           GAsyncResult       *result,
                                           GError            **error);

/* Records an edit step (see lineup_db_probe_edit_sync for op and params;
 * params is referenced), then replays all steps on the original and looks
 * for faces again. "edit-seq" and the steps model change as soon as the
 * step is recorded. Returns the new seq, 0 on error. G_IO_ERROR_BUSY while
 * another operation runs. */
void   lineup_probe_session_record_edit_async (LineupProbeSession *self,
                                               const char         *op,
                                               JsonObject         *params,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gint64 lineup_probe_session_record_edit_finish (LineupProbeSession *self,
                                                GAsyncResult       *result,
                                                GError            **error);
/* Removes the step with that seq (audited; refused for a searched
 * version), then replays and detects. */
void     lineup_probe_session_remove_edit_async (LineupProbeSession *self,
                                                 gint64              seq,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean lineup_probe_session_remove_edit_finish (LineupProbeSession *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/* Describes a box drawn on the edited image where the detector missed a
 * face; the face is added to the faces and selected. */
void        lineup_probe_session_describe_box_async (LineupProbeSession *self,
                                                     const LineupBox    *box,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
LineupFace *lineup_probe_session_describe_box_finish (LineupProbeSession *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* Which step an operation failed in (OPENING, STORING, RECORDING,
 * REMOVING, DETECTING or DESCRIBING), for the message's heading; READY
 * when it did not fail. */
LineupProbeSessionState lineup_probe_session_failed_state (GAsyncResult *result);

G_END_DECLS
