/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-session.c: the probe session's object: its state, its
 * properties and what reads them. The operations that change the probe
 * are in lineup-probe-session-ops.c.
 */
#define G_LOG_DOMAIN "lineup-probe"

#include "config.h"

#include "lineup-probe-session-private.h"

G_DEFINE_FINAL_TYPE (LineupProbeSession, lineup_probe_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LineupProbeSessionState, lineup_probe_session_state, G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_EMPTY, "empty"), G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_OPENING, "opening"), G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_STORING, "storing"), G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_RECORDING, "recording"), G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_REMOVING, "removing"), G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_DETECTING, "detecting"), G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_DESCRIBING, "describing"), G_DEFINE_ENUM_VALUE (LINEUP_PROBE_SESSION_READY, "ready"))

static GParamSpec *properties[N_PROPS];

/* state */

gboolean
_lineup_probe_session_is_busy (LineupProbeSessionState state)
{
  return state != LINEUP_PROBE_SESSION_EMPTY && state != LINEUP_PROBE_SESSION_READY;
}

void
_lineup_probe_session_set_state (LineupProbeSession     *self,
                                 LineupProbeSessionState state)
{
  gboolean was_busy = _lineup_probe_session_is_busy (self->state);

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_busy != _lineup_probe_session_is_busy (state))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_lineup_probe_session_settle (LineupProbeSession *self)
{
  _lineup_probe_session_set_state (self, self->original ? LINEUP_PROBE_SESSION_READY : LINEUP_PROBE_SESSION_EMPTY);
}

void
_lineup_probe_session_set_selected (LineupProbeSession *self,
                                    int                 index)
{
  if (self->selected == index)
    return;
  self->selected = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FACE]);
}

void
_lineup_probe_session_set_edit_seq (LineupProbeSession *self,
                                    gint64              seq)
{
  if (self->edit_seq == seq)
    return;
  self->edit_seq = seq;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDIT_SEQ]);
}

void
_lineup_probe_session_clear_probe (LineupProbeSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  _lineup_probe_session_set_selected (self, -1);
  g_list_store_remove_all (self->faces);
  g_list_store_remove_all (self->steps);
  _lineup_probe_session_set_edit_seq (self, 0);
  if (self->probe_id != 0)
    {
      self->probe_id = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBE_ID]);
    }
  if (self->original != NULL)
    {
      g_clear_object (&self->original);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGINAL]);
    }
  if (self->edited != NULL)
    {
      g_clear_object (&self->edited);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITED]);
    }
  g_clear_pointer (&self->edited_rgb, lineup_rgb_unref);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_lineup_probe_session_new_generation (LineupProbeSession *self)
{
  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
}

void
_lineup_probe_session_notify (LineupProbeSession    *self,
                              LineupProbeSessionProp prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* GObject */

static void
lineup_probe_session_dispose (GObject *object)
{
  LineupProbeSession *self = LINEUP_PROBE_SESSION (object);

  g_clear_object (&self->user);
  G_OBJECT_CLASS (lineup_probe_session_parent_class)->dispose (object);
}

static void
lineup_probe_session_finalize (GObject *object)
{
  LineupProbeSession *self = LINEUP_PROBE_SESSION (object);

  g_clear_object (&self->db);
  g_free (self->data_dir);
  g_free (self->case_number);
  g_clear_object (&self->engine);
  g_mutex_clear (&self->engine_lock);
  g_clear_object (&self->original);
  g_clear_object (&self->steps);
  g_clear_object (&self->edited);
  g_clear_pointer (&self->edited_rgb, lineup_rgb_unref);
  g_clear_object (&self->faces);
  G_OBJECT_CLASS (lineup_probe_session_parent_class)->finalize (object);
}

static void
lineup_probe_session_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LineupProbeSession *self = LINEUP_PROBE_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, _lineup_probe_session_is_busy (self->state));
      break;
    case PROP_GENERATION:
      g_value_set_uint (value, self->generation);
      break;
    case PROP_ORIGINAL:
      g_value_set_object (value, self->original);
      break;
    case PROP_PROBE_ID:
      g_value_set_int64 (value, self->probe_id);
      break;
    case PROP_STEPS:
      g_value_set_object (value, self->steps);
      break;
    case PROP_EDIT_SEQ:
      g_value_set_int64 (value, self->edit_seq);
      break;
    case PROP_EDITED:
      g_value_set_object (value, self->edited);
      break;
    case PROP_FACES:
      g_value_set_object (value, self->faces);
      break;
    case PROP_SELECTED_INDEX:
      g_value_set_int (value, self->selected);
      break;
    case PROP_SELECTED_FACE:
      g_value_set_object (value, lineup_probe_session_get_selected_face (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_session_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LineupProbeSession *self = LINEUP_PROBE_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;
    case PROP_USER:
      lineup_probe_session_set_user (self, g_value_get_object (value));
      break;
    case PROP_CASE_NUMBER:
      lineup_probe_session_set_case_number (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_INDEX:
      lineup_probe_session_select_face (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_session_class_init (LineupProbeSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lineup_probe_session_dispose;
  object_class->finalize = lineup_probe_session_finalize;
  object_class->get_property = lineup_probe_session_get_property;
  object_class->set_property = lineup_probe_session_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, LINEUP_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, LINEUP_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LINEUP_TYPE_PROBE_SESSION_STATE,
                       LINEUP_PROBE_SESSION_EMPTY, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_GENERATION] = g_param_spec_uint ("generation", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ORIGINAL] = g_param_spec_object ("original", NULL, NULL, LINEUP_TYPE_IMAGE, ro);
  properties[PROP_PROBE_ID] = g_param_spec_int64 ("probe-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STEPS] = g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_EDIT_SEQ] = g_param_spec_int64 ("edit-seq", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_EDITED] = g_param_spec_object ("edited", NULL, NULL, LINEUP_TYPE_IMAGE, ro);
  properties[PROP_FACES] = g_param_spec_object ("faces", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_int ("selected-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_FACE] =
    g_param_spec_object ("selected-face", NULL, NULL, LINEUP_TYPE_FACE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_probe_session_init (LineupProbeSession *self)
{
  g_mutex_init (&self->engine_lock);
  lineup_detect_options_init_default (&self->options);
  self->steps = g_list_store_new (LINEUP_TYPE_PROBE_STEP);
  self->faces = g_list_store_new (LINEUP_TYPE_FACE);
  self->selected = -1;
}

/* public API */

LineupProbeSession *
lineup_probe_session_new (LineupDb   *db,
                          const char *data_dir)
{
  g_return_val_if_fail (LINEUP_IS_DB (db), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);
  return g_object_new (LINEUP_TYPE_PROBE_SESSION, "db", db, "data-dir", data_dir, NULL);
}

LineupDb *
lineup_probe_session_get_db (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return self->db;
}

const char *
lineup_probe_session_get_data_dir (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return self->data_dir;
}

void
lineup_probe_session_set_user (LineupProbeSession *self,
                               LineupUser         *user)
{
  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  g_return_if_fail (user == NULL || LINEUP_IS_USER (user));
  if (g_set_object (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

LineupUser *
lineup_probe_session_get_user (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return self->user;
}

void
lineup_probe_session_set_case_number (LineupProbeSession *self,
                                      const char         *number)
{
  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  if (g_strcmp0 (self->case_number, number) == 0)
    return;
  g_free (self->case_number);
  self->case_number = g_strdup (number);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_NUMBER]);
}

const char *
lineup_probe_session_get_case_number (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return self->case_number;
}

void
lineup_probe_session_set_source (LineupProbeSession *self,
                                 LineupProbeSource   source)
{
  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  self->source_declared = TRUE;
  self->source = source;
}

void
lineup_probe_session_clear_source (LineupProbeSession *self)
{
  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  self->source_declared = FALSE;
}

gboolean
lineup_probe_session_get_source (LineupProbeSession *self,
                                 LineupProbeSource  *source)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), FALSE);
  if (self->source_declared && source != NULL)
    *source = self->source;
  return self->source_declared;
}

void
lineup_probe_session_set_detect_options (LineupProbeSession        *self,
                                         const LineupDetectOptions *options)
{
  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  g_return_if_fail (options != NULL);
  self->options = *options;
}

void
lineup_probe_session_reset (LineupProbeSession *self)
{
  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  g_object_freeze_notify (G_OBJECT (self));
  _lineup_probe_session_new_generation (self);
  _lineup_probe_session_clear_probe (self);
  _lineup_probe_session_set_state (self, LINEUP_PROBE_SESSION_EMPTY);
  g_object_thaw_notify (G_OBJECT (self));
}

LineupProbeSessionState
lineup_probe_session_get_state (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), LINEUP_PROBE_SESSION_EMPTY);
  return self->state;
}

gboolean
lineup_probe_session_get_busy (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), FALSE);
  return _lineup_probe_session_is_busy (self->state);
}

guint
lineup_probe_session_get_generation (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), 0);
  return self->generation;
}

LineupImage *
lineup_probe_session_get_original (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return self->original;
}

gint64
lineup_probe_session_get_probe_id (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), 0);
  return self->probe_id;
}

GListModel *
lineup_probe_session_get_steps (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return G_LIST_MODEL (self->steps);
}

gint64
lineup_probe_session_get_edit_seq (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), 0);
  return self->edit_seq;
}

LineupImage *
lineup_probe_session_get_edited (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return self->edited;
}

LineupRgb *
lineup_probe_session_get_edited_rgb (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return self->edited_rgb;
}

GListModel *
lineup_probe_session_get_faces (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  return G_LIST_MODEL (self->faces);
}

guint
lineup_probe_session_get_n_faces (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->faces));
}

GPtrArray *
lineup_probe_session_dup_faces (LineupProbeSession *self)
{
  GPtrArray *faces;
  guint      n;

  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->faces));
  faces = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (faces, g_list_model_get_item (G_LIST_MODEL (self->faces), i));
  return faces;
}

void
lineup_probe_session_select_face (LineupProbeSession *self,
                                  int                 index)
{
  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  if (index < -1 || index >= (int)g_list_model_get_n_items (G_LIST_MODEL (self->faces)))
    return;
  _lineup_probe_session_set_selected (self, index);
}

int
lineup_probe_session_get_selected_index (LineupProbeSession *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), -1);
  return self->selected;
}

LineupFace *
lineup_probe_session_get_selected_face (LineupProbeSession *self)
{
  LineupFace *face;

  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  if (self->selected < 0)
    return NULL;
  face = g_list_model_get_item (G_LIST_MODEL (self->faces), self->selected);
  /* Borrowed: the store keeps its own reference. */
  if (face != NULL)
    g_object_unref (face);
  return face;
}

LineupEngine *
lineup_probe_session_get_engine (LineupProbeSession *self)
{
  LineupEngine *engine;

  g_return_val_if_fail (LINEUP_IS_PROBE_SESSION (self), NULL);
  g_mutex_lock (&self->engine_lock);
  engine = self->engine;
  g_mutex_unlock (&self->engine_lock);
  return engine;
}
