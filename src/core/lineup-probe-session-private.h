/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-session-private.h: what the session's object file and
 * its operations file (lineup-probe-session-ops.c) share. */
#pragma once

#include "lineup-probe-session.h"

G_BEGIN_DECLS

struct _LineupProbeSession
{
  GObject parent_instance;

  LineupDb           *db;
  char               *data_dir;
  LineupUser         *user;
  char               *case_number;
  gboolean            source_declared;
  LineupProbeSource   source;
  LineupDetectOptions options;

  GMutex        engine_lock;
  LineupEngine *engine;

  guint                   generation;
  LineupProbeSessionState state;
  LineupImage            *original;
  gint64                  probe_id;
  GListStore             *steps;
  gint64                  edit_seq;
  LineupImage            *edited;
  LineupRgb              *edited_rgb;
  GListStore             *faces;
  int                     selected;
};

typedef enum
{
  PROP_0,
  PROP_DB,
  PROP_DATA_DIR,
  PROP_USER,
  PROP_CASE_NUMBER,
  PROP_STATE,
  PROP_BUSY,
  PROP_GENERATION,
  PROP_ORIGINAL,
  PROP_PROBE_ID,
  PROP_STEPS,
  PROP_EDIT_SEQ,
  PROP_EDITED,
  PROP_FACES,
  PROP_SELECTED_INDEX,
  PROP_SELECTED_FACE,
  N_PROPS
} LineupProbeSessionProp;

gboolean _lineup_probe_session_is_busy (LineupProbeSessionState state);
void     _lineup_probe_session_notify (LineupProbeSession    *self,
                                       LineupProbeSessionProp prop);
void     _lineup_probe_session_set_state (LineupProbeSession     *self,
                                          LineupProbeSessionState state);
/* Done with an operation that did not replace the probe. */
void _lineup_probe_session_settle (LineupProbeSession *self);
void _lineup_probe_session_set_selected (LineupProbeSession *self,
                                         int                 index);
void _lineup_probe_session_set_edit_seq (LineupProbeSession *self,
                                         gint64              seq);
void _lineup_probe_session_clear_probe (LineupProbeSession *self);
void _lineup_probe_session_new_generation (LineupProbeSession *self);

G_END_DECLS
