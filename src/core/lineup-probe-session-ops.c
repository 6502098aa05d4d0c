/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-session-ops.c: the probe's life from a still to a chosen
 * face.
 *
 * Decoding, replaying edits and the face engine run on the LineupWorker;
 * storing the original and recording steps go to the database thread. Each
 * operation carries the generation it started in: when a newer load or a
 * reset has moved on, its results are dropped rather than shown over the
 * newer probe. The engine is made once, lazily, on the worker, because
 * loading the networks takes seconds.
 */
#define G_LOG_DOMAIN "lineup-probe"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-error.h"
#include "lineup-paths.h"
#include "lineup-probe-session-private.h"
#include "lineup-worker.h"

/* Every operation's task data starts with this. */
typedef struct
{
  guint                   generation;
  LineupProbeSessionState failed;
} Op;

typedef struct
{
  Op           base;
  LineupImage *image;
} LoadOp;

typedef struct
{
  Op          base;
  char       *op;
  JsonObject *params;
  gint64      seq;
} EditOp;

/* worker jobs */

typedef struct
{
  GFile       *file;
  GBytes      *bytes;
  char        *name;
  LineupImage *image;
} DecodeJob;

typedef struct
{
  LineupProbeSession *self;
  LineupImage        *original;
  JsonArray          *steps;
  LineupDetectOptions options;
  LineupImage        *edited;
  LineupRgb          *rgb;
  GPtrArray          *faces;
} DetectJob;

typedef struct
{
  LineupProbeSession *self;
  LineupImage        *image;
  LineupBox           box;
  LineupDetectOptions options;
} DescribeJob;

static void
load_op_free (LoadOp *l)
{
  g_clear_object (&l->image);
  g_free (l);
}

static void
edit_op_free (EditOp *e)
{
  g_free (e->op);
  g_clear_pointer (&e->params, json_object_unref);
  g_free (e);
}

static void
decode_job_free (DecodeJob *d)
{
  g_clear_object (&d->file);
  g_clear_pointer (&d->bytes, g_bytes_unref);
  g_free (d->name);
  g_clear_object (&d->image);
  g_free (d);
}

static void
detect_job_free (DetectJob *d)
{
  g_clear_object (&d->self);
  g_clear_object (&d->original);
  g_clear_pointer (&d->steps, json_array_unref);
  g_clear_object (&d->edited);
  g_clear_pointer (&d->rgb, lineup_rgb_unref);
  g_clear_pointer (&d->faces, g_ptr_array_unref);
  g_free (d);
}

static void
describe_job_free (DescribeJob *d)
{
  g_clear_object (&d->self);
  g_clear_object (&d->image);
  g_free (d);
}

/* A newer load or a reset moved on: op ends as cancelled, and whatever
 * error the step brought is dropped with it. */
static gboolean
superseded (LineupProbeSession *self,
            GTask              *op,
            GError            **step_error)
{
  Op *base = g_task_get_task_data (op);

  if (base->generation == self->generation)
    return FALSE;
  if (step_error != NULL)
    g_clear_error (step_error);
  g_task_return_new_error (op, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "superseded by a newer probe");
  return TRUE;
}

static void
fail (LineupProbeSession *self,
      GTask              *op,
      GError             *error)
{
  Op *base = g_task_get_task_data (op);

  base->failed = self->state;
  _lineup_probe_session_settle (self);
  g_task_return_error (op, error);
}

/* the engine: made once, on the worker */

static LineupEngine *
engine_ensure (LineupProbeSession *self,
               GError            **error)
{
  LineupEngine *engine;

  g_mutex_lock (&self->engine_lock);
  if (self->engine == NULL)
    {
      g_autofree char *dir = lineup_paths_model_dir ();

      self->engine = lineup_engine_new (dir, error);
    }
  engine = self->engine;
  g_mutex_unlock (&self->engine_lock);
  return engine;
}

/* The database calls: one small function each, so a change of what the
 * case layer returns stays here. */

static void
store_probe_async (LineupProbeSession *self,
                   LineupImage        *image,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  lineup_db_probe_add_async (self->db, self->user, self->data_dir, self->case_number, self->source,
                             image, cancellable, callback, user_data);
}

/* The stored probe's id, 0 on error. */
static gint64
store_probe_finish (LineupProbeSession *self,
                    GAsyncResult       *result,
                    GError            **error)
{
  g_autoptr(LineupProbeRecord) probe = lineup_db_probe_add_finish (self->db, result, error);

  return probe ? lineup_probe_record_get_id (probe) : 0;
}

static void
record_step_async (LineupProbeSession *self,
                   const char         *op,
                   JsonObject         *params,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  lineup_db_probe_edit_async (self->db, self->user, self->probe_id, op, params, cancellable,
                              callback, user_data);
}

static gint64
record_step_finish (LineupProbeSession *self,
                    GAsyncResult       *result,
                    GError            **error)
{
  return lineup_db_probe_edit_finish (self->db, result, error);
}

static void
remove_step_async (LineupProbeSession *self,
                   gint64              seq,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  lineup_db_probe_edit_remove_async (self->db, self->user, self->probe_id, seq, cancellable,
                                     callback, user_data);
}

static gboolean
remove_step_finish (LineupProbeSession *self,
                    GAsyncResult       *result,
                    GError            **error)
{
  return lineup_db_probe_edit_remove_finish (self->db, result, error);
}

/* detection: replay the steps on the original, then the engine */

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DetectJob    *d = task_data;
  GError       *error = NULL;
  LineupEngine *engine;

  if (json_array_get_length (d->steps) > 0)
    d->edited = lineup_probe_apply_edits (d->original, d->steps, &error);
  else
    d->edited = g_object_ref (d->original);
  if (d->edited == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  d->rgb = lineup_image_get_rgb (d->edited, 0, &error);
  if (d->rgb == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  engine = engine_ensure (d->self, &error);
  if (engine == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  d->faces = lineup_engine_detect (engine, d->edited, &d->options, &error);
  if (d->faces == NULL)
    {
      if (!g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_NO_FACE))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
      d->faces = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_task_return_boolean (task, TRUE);
}

static void
detect_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupProbeSession *self = LINEUP_PROBE_SESSION (source);
  g_autoptr(GTask) op = user_data;
  DetectJob *d = g_task_get_task_data (G_TASK (result));
  GError    *error = NULL;

  if (superseded (self, op, NULL))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail (self, op, error);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->edited, d->edited);
  g_clear_pointer (&self->edited_rgb, lineup_rgb_unref);
  self->edited_rgb = lineup_rgb_ref (d->rgb);
  _lineup_probe_session_notify (self, PROP_EDITED);
  _lineup_probe_session_set_selected (self, -1);
  g_list_store_splice (self->faces, 0, g_list_model_get_n_items (G_LIST_MODEL (self->faces)),
                       d->faces->pdata, d->faces->len);
  /* One face: nothing to choose. */
  if (d->faces->len == 1)
    _lineup_probe_session_set_selected (self, 0);
  _lineup_probe_session_settle (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_task_return_boolean (op, TRUE);
}

static JsonArray *
steps_to_json (LineupProbeSession *self)
{
  JsonArray *steps = json_array_new ();
  guint      n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupProbeStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      json_array_add_object_element (steps, lineup_probe_step_to_json (step));
    }
  return steps;
}

/* Finishes op (boolean TRUE, or the caller's own result) when done. */
static void
run_detect (LineupProbeSession *self,
            GTask              *op)
{
  g_autoptr(GTask) task = NULL;
  DetectJob *d = g_new0 (DetectJob, 1);

  /* The worker gets its own copy of the steps: more may be recorded
   * while it runs. */
  d->self = g_object_ref (self);
  d->original = g_object_ref (self->original);
  d->steps = steps_to_json (self);
  d->options = self->options;
  _lineup_probe_session_set_state (self, LINEUP_PROBE_SESSION_DETECTING);
  task = g_task_new (self, g_task_get_cancellable (op), detect_done, g_object_ref (op));
  g_task_set_task_data (task, d, (GDestroyNotify)detect_job_free);
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, detect_thread, task);
}

/* loading */

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DecodeJob *d = task_data;
  GError    *error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (d->bytes != NULL)
    bytes = g_bytes_ref (d->bytes);
  else
    bytes = g_file_load_bytes (d->file, cancellable, NULL, &error);
  if (bytes != NULL)
    d->image = lineup_image_new_from_bytes (bytes, d->name, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  if (d->image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
probe_stored (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) op = user_data;
  LineupProbeSession *self = g_task_get_source_object (op);
  LoadOp             *l = g_task_get_task_data (op);
  GError             *error = NULL;
  gint64              id = store_probe_finish (self, result, &error);

  if (superseded (self, op, &error))
    return;
  if (id <= 0)
    {
      /* Nothing of a still that is not in the case stays. */
      _lineup_probe_session_clear_probe (self);
      if (error == NULL)
        error = g_error_new_literal (LINEUP_ERROR, LINEUP_ERROR_FAILED, _("The still was not stored"));
      fail (self, op, error);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self));
  self->original = g_steal_pointer (&l->image);
  self->probe_id = id;
  _lineup_probe_session_notify (self, PROP_ORIGINAL);
  _lineup_probe_session_notify (self, PROP_PROBE_ID);
  g_object_thaw_notify (G_OBJECT (self));
  run_detect (self, op);
}

static void
decoded (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineupProbeSession *self = LINEUP_PROBE_SESSION (source);
  g_autoptr(GTask) op = user_data;
  LoadOp       *l = g_task_get_task_data (op);
  DecodeJob    *d = g_task_get_task_data (G_TASK (result));
  GCancellable *cancellable;
  GError       *error = NULL;

  if (superseded (self, op, NULL))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail (self, op, error);
      return;
    }
  cancellable = g_task_get_cancellable (op);
  l->image = g_steal_pointer (&d->image);
  /* The original bytes go into the case's store before anything else. */
  _lineup_probe_session_set_state (self, LINEUP_PROBE_SESSION_STORING);
  store_probe_async (self, l->image, cancellable, probe_stored, g_steal_pointer (&op));
}

static void
load_start (LineupProbeSession *self,
            DecodeJob          *d,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  g_autoptr(GTask) op = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) task = NULL;
  LoadOp *l = g_new0 (LoadOp, 1);

  l->base.failed = LINEUP_PROBE_SESSION_READY;
  g_task_set_source_tag (op, lineup_probe_session_load_async);
  g_task_set_task_data (op, l, (GDestroyNotify)load_op_free);
  if (self->user == NULL || self->case_number == NULL || !self->source_declared)
    {
      decode_job_free (d);
      l->base.failed = LINEUP_PROBE_SESSION_OPENING;
      g_task_return_new_error (op, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, "%s",
                               _("A probe needs a signed-in user, a case and a declared source"));
      return;
    }
  _lineup_probe_session_new_generation (self);
  _lineup_probe_session_clear_probe (self);
  l->base.generation = self->generation;
  _lineup_probe_session_set_state (self, LINEUP_PROBE_SESSION_OPENING);
  task = g_task_new (self, cancellable, decoded, g_steal_pointer (&op));
  g_task_set_task_data (task, d, (GDestroyNotify)decode_job_free);
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, decode_thread, task);
}

void
lineup_probe_session_load_async (LineupProbeSession *self,
                                 GFile              *file,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  DecodeJob *d;

  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));
  d = g_new0 (DecodeJob, 1);
  d->file = g_object_ref (file);
  d->name = g_file_get_basename (file);
  load_start (self, d, cancellable, callback, user_data);
}

void
lineup_probe_session_load_bytes_async (LineupProbeSession *self,
                                       GBytes             *bytes,
                                       const char         *name,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  DecodeJob *d;

  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  g_return_if_fail (bytes != NULL);
  d = g_new0 (DecodeJob, 1);
  d->bytes = g_bytes_ref (bytes);
  d->name = g_strdup (name ? name : "");
  load_start (self, d, cancellable, callback, user_data);
}

gboolean
lineup_probe_session_load_finish (LineupProbeSession *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lineup_probe_session_load_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Refuses to start while another operation runs or without a probe. */
static GTask *
op_begin (LineupProbeSession *self,
          gpointer            source_tag,
          Op                 *data,
          GDestroyNotify      data_free,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  g_autoptr(GTask) op = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (op, source_tag);
  g_task_set_task_data (op, data, data_free);
  data->generation = self->generation;
  data->failed = LINEUP_PROBE_SESSION_READY;
  if (_lineup_probe_session_is_busy (self->state))
    {
      data->failed = self->state;
      g_task_return_new_error (op, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("The probe is still being worked on"));
      return NULL;
    }
  if (self->probe_id <= 0 || self->edited == NULL)
    {
      g_task_return_new_error (op, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, "%s",
                               _("No probe is loaded"));
      return NULL;
    }
  return g_steal_pointer (&op);
}

/* editing */

static void
step_recorded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) op = user_data;
  LineupProbeSession *self = g_task_get_source_object (op);
  EditOp             *e = g_task_get_task_data (op);
  GError             *error = NULL;
  g_autoptr(LineupProbeStep) step = NULL;
  gint64 seq = record_step_finish (self, result, &error);

  if (superseded (self, op, &error))
    return;
  if (seq <= 0)
    {
      if (error == NULL)
        error = g_error_new_literal (LINEUP_ERROR, LINEUP_ERROR_FAILED, _("The edit was not recorded"));
      fail (self, op, error);
      return;
    }
  e->seq = seq;
  step = lineup_probe_step_new (seq, e->op, e->params, lineup_user_get_name (self->user), NULL);
  g_list_store_append (self->steps, step);
  _lineup_probe_session_set_edit_seq (self, seq);
  run_detect (self, op);
}

void
lineup_probe_session_record_edit_async (LineupProbeSession *self,
                                        const char         *op_name,
                                        JsonObject         *params,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  g_autoptr(GTask) op = NULL;
  g_autoptr(GError) error = NULL;
  EditOp *e;

  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  g_return_if_fail (op_name != NULL);
  g_return_if_fail (params != NULL);
  e = g_new0 (EditOp, 1);
  e->op = g_strdup (op_name);
  e->params = json_object_ref (params);
  op = op_begin (self, lineup_probe_session_record_edit_async, &e->base,
                 (GDestroyNotify)edit_op_free, cancellable, callback, user_data);
  if (op == NULL)
    return;
  if (!lineup_probe_check_edit (op_name, params, &error))
    {
      e->base.failed = LINEUP_PROBE_SESSION_RECORDING;
      g_task_return_error (op, g_steal_pointer (&error));
      return;
    }
  _lineup_probe_session_set_state (self, LINEUP_PROBE_SESSION_RECORDING);
  record_step_async (self, op_name, params, cancellable, step_recorded, g_steal_pointer (&op));
}

gint64
lineup_probe_session_record_edit_finish (LineupProbeSession *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  EditOp *e;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lineup_probe_session_record_edit_async, 0);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;
  e = g_task_get_task_data (G_TASK (result));
  return e->seq;
}

static void
step_removed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) op = user_data;
  LineupProbeSession *self = g_task_get_source_object (op);
  EditOp             *e = g_task_get_task_data (op);
  GError             *error = NULL;
  gboolean            ok = remove_step_finish (self, result, &error);
  guint               n;
  gint64              last = 0;

  if (superseded (self, op, &error))
    return;
  if (!ok)
    {
      fail (self, op, error);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(LineupProbeStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i - 1);

      if (lineup_probe_step_get_seq (step) == e->seq)
        g_list_store_remove (self->steps, i - 1);
    }
  /* What is searched next ends at the last remaining step. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  if (n > 0)
    {
      g_autoptr(LineupProbeStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), n - 1);

      last = lineup_probe_step_get_seq (step);
    }
  _lineup_probe_session_set_edit_seq (self, last);
  run_detect (self, op);
}

void
lineup_probe_session_remove_edit_async (LineupProbeSession *self,
                                        gint64              seq,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  g_autoptr(GTask) op = NULL;
  EditOp *e;

  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  e = g_new0 (EditOp, 1);
  e->seq = seq;
  op = op_begin (self, lineup_probe_session_remove_edit_async, &e->base,
                 (GDestroyNotify)edit_op_free, cancellable, callback, user_data);
  if (op == NULL)
    return;
  _lineup_probe_session_set_state (self, LINEUP_PROBE_SESSION_REMOVING);
  remove_step_async (self, seq, cancellable, step_removed, g_steal_pointer (&op));
}

gboolean
lineup_probe_session_remove_edit_finish (LineupProbeSession *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lineup_probe_session_remove_edit_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* a box drawn by hand where the detector missed */

static void
describe_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DescribeJob  *d = task_data;
  GError       *error = NULL;
  LineupEngine *engine = engine_ensure (d->self, &error);
  LineupFace   *face;

  if (engine == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  face = lineup_engine_describe_box (engine, d->image, &d->box, &d->options, &error);
  if (face == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, face, g_object_unref);
}

static void
described (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LineupProbeSession *self = LINEUP_PROBE_SESSION (source);
  g_autoptr(GTask) op = user_data;
  GError *error = NULL;
  g_autoptr(LineupFace) face = g_task_propagate_pointer (G_TASK (result), &error);

  if (superseded (self, op, &error))
    return;
  if (face == NULL)
    {
      fail (self, op, error);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self));
  g_list_store_append (self->faces, face);
  _lineup_probe_session_set_selected (self, (int)g_list_model_get_n_items (G_LIST_MODEL (self->faces)) - 1);
  _lineup_probe_session_settle (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_task_return_pointer (op, g_steal_pointer (&face), g_object_unref);
}

void
lineup_probe_session_describe_box_async (LineupProbeSession *self,
                                         const LineupBox    *box,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  g_autoptr(GTask) op = NULL;
  g_autoptr(GTask) task = NULL;
  DescribeJob *d;

  g_return_if_fail (LINEUP_IS_PROBE_SESSION (self));
  g_return_if_fail (box != NULL);
  op = op_begin (self, lineup_probe_session_describe_box_async, g_new0 (Op, 1), g_free,
                 cancellable, callback, user_data);
  if (op == NULL)
    return;
  d = g_new0 (DescribeJob, 1);
  d->self = g_object_ref (self);
  d->image = g_object_ref (self->edited);
  d->box = *box;
  d->options = self->options;
  _lineup_probe_session_set_state (self, LINEUP_PROBE_SESSION_DESCRIBING);
  task = g_task_new (self, cancellable, described, g_steal_pointer (&op));
  g_task_set_task_data (task, d, (GDestroyNotify)describe_job_free);
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, describe_thread, task);
}

LineupFace *
lineup_probe_session_describe_box_finish (LineupProbeSession *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lineup_probe_session_describe_box_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

LineupProbeSessionState
lineup_probe_session_failed_state (GAsyncResult *result)
{
  Op *base;

  g_return_val_if_fail (G_IS_TASK (result), LINEUP_PROBE_SESSION_READY);
  base = g_task_get_task_data (G_TASK (result));
  return base ? base->failed : LINEUP_PROBE_SESSION_READY;
}
