/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-import.c: the clerk's bulk import.
 *
 * A controller thread reads the source, starts one worker per core (each
 * with its own face engine: dlib networks are not thread-safe) and commits
 * finished photos through the database thread in batches. Progress goes to
 * the caller's main context as property notifications (the gnome-software
 * worker pattern), so the GUI shows it without ever blocking.
 *
 * Reading the source (a CSV manifest or a folder) is in
 * lineup-import-source.c.
 *
 * Crash safety: photo bytes reach the content store before their rows are
 * committed, and each photo's rows are committed whole or not at all. A
 * re-run finds the committed photos by sha256 and skips them, so it resumes
 * where the last run stopped.
 */
#define G_LOG_DOMAIN "lineup-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lineup-csv.h"
#include "lineup-error.h"
#include "lineup-import-private.h"
#include "lineup-paths.h"
#include "lineup-store.h"

#define BATCH_SIZE 32
#define BATCH_USEC (500 * 1000)

struct _LineupImport
{
  GObject parent_instance;

  LineupDb            *db;
  char                *data_dir;
  char                *source;
  char                *report_path;
  char                *summary;
  LineupUser          *user;
  char                *model_dir;
  LineupBookingRecord *single; /* a photo added by hand, or NULL */
  guint                n_workers;
  LineupDetectOptions  options;

  /* Progress, owned by the main context. */
  guint       total;
  guint       done;
  guint       imported;
  guint       duplicates;
  guint       rejected;
  guint       failed;
  double      rate;
  double      seconds_left;
  double      seconds;
  gboolean    cancelled;
  GHashTable *rejected_by_reason; /* reason → GUINT_TO_POINTER (n) */
};

G_DEFINE_FINAL_TYPE (LineupImport, lineup_import, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TOTAL,
  PROP_DONE,
  PROP_IMPORTED,
  PROP_DUPLICATES,
  PROP_REJECTED,
  PROP_FAILED,
  PROP_RATE,
  PROP_SECONDS_LEFT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* the run */

typedef struct
{
  LineupImport *self; /* only for its settings; never its progress */
  GPtrArray    *records;
  GHashTable   *known;    /* sha256 of committed photos, read-only */
  GAsyncQueue  *finished; /* record indices, +1 */
  GArray       *todo;     /* indices of the records the engine must see */
  gint          next;     /* into todo */
  GCancellable *cancellable;
  GMainContext *context;
  GError       *fatal;
  GMutex        lock;
} Run;

typedef struct
{
  LineupImport *self;
  guint         total, done, imported, duplicates, rejected, failed;
  double        rate, seconds_left, seconds;
  GHashTable   *by_reason;
} Progress;

static gboolean
publish_progress (gpointer data)
{
  Progress     *p = data;
  LineupImport *self = p->self;

  g_object_freeze_notify (G_OBJECT (self));
#define SET(field, prop)                                            \
  if (self->field != p->field)                                      \
    {                                                               \
      self->field = p->field;                                       \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
    }
  SET (imported, PROP_IMPORTED)
  SET (duplicates, PROP_DUPLICATES)
  SET (rejected, PROP_REJECTED)
  SET (failed, PROP_FAILED)
  SET (rate, PROP_RATE)
  SET (seconds_left, PROP_SECONDS_LEFT)
  SET (total, PROP_TOTAL)
  SET (done, PROP_DONE)
#undef SET
  self->seconds = p->seconds;
  g_clear_pointer (&self->rejected_by_reason, g_hash_table_unref);
  self->rejected_by_reason = g_hash_table_ref (p->by_reason);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *p)
{
  g_object_unref (p->self);
  g_hash_table_unref (p->by_reason);
  g_free (p);
}

static void
process_record (Run                 *run,
                LineupEngine        *engine,
                LineupBookingRecord *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree char *sha = NULL;
  LineupFace      *face;

  if (r->status != LINEUP_RECORD_PENDING)
    return;
  mapped = g_mapped_file_new (r->source, FALSE, &error);
  if (mapped == NULL)
    {
      lineup_booking_record_set (r, LINEUP_RECORD_REJECTED, "MISSING_FILE");
      return;
    }
  bytes = g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  r->photo_sha256 = g_strdup (sha);
  r->bytes = g_bytes_get_size (bytes);
  if (g_hash_table_contains (run->known, sha))
    {
      lineup_booking_record_set (r, LINEUP_RECORD_DUPLICATE, "DUPLICATE_PHOTO");
      return;
    }
  image = lineup_image_new_from_bytes (bytes, r->source, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  if (image == NULL)
    {
      lineup_booking_record_set (r, LINEUP_RECORD_REJECTED,
                                 g_error_matches (error, LINEUP_ERROR,
                                                  LINEUP_ERROR_IMAGE_TOO_LARGE)
                                   ? "IMAGE_TOO_LARGE"
                                   : "UNREADABLE_IMAGE");
      return;
    }
  r->width = lineup_image_get_width (image);
  r->height = lineup_image_get_height (image);
  r->mime = g_strdup_printf ("image/%s", lineup_image_get_format (image));
  faces = lineup_engine_detect (engine, image, &run->self->options, &error);
  if (faces == NULL)
    {
      lineup_booking_record_set (r, LINEUP_RECORD_FAILED, error->message);
      return;
    }
  r->n_faces = faces->len;
  if (faces->len == 0)
    {
      lineup_booking_record_set (r, LINEUP_RECORD_REJECTED, "NO_FACE");
      return;
    }
  /* A booking photo shows one person; with several, enrol the largest and
   * flag the photo for a clerk to look at. */
  face = lineup_faces_largest (faces);
  r->face = g_object_ref (face);
  if (faces->len > 1)
    r->flags = g_strdup ("MULTIPLE_FACES");
  if (!lineup_store_put (run->self->data_dir, sha, bytes, &error))
    {
      lineup_booking_record_set (r, LINEUP_RECORD_FAILED, error->message);
      return;
    }
}

static gpointer
worker_thread (gpointer data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupEngine) engine = lineup_engine_new (run->self->model_dir, &error);

  if (engine == NULL)
    {
      g_mutex_lock (&run->lock);
      if (run->fatal == NULL)
        run->fatal = g_steal_pointer (&error);
      g_mutex_unlock (&run->lock);
      g_cancellable_cancel (run->cancellable);
    }
  for (;;)
    {
      gint k = g_atomic_int_add (&run->next, 1);
      gint i;

      if (k >= (gint)run->todo->len)
        break;
      i = g_array_index (run->todo, guint, k);
      if (engine == NULL || g_cancellable_is_cancelled (run->cancellable))
        {
          /* Not started: left for the next run. */
          g_async_queue_push (run->finished, GINT_TO_POINTER (-(i + 1)));
          continue;
        }
      process_record (run, engine, run->records->pdata[i]);
      g_async_queue_push (run->finished, GINT_TO_POINTER (i + 1));
    }
  return NULL;
}

static void
count_record (Progress            *p,
              LineupBookingRecord *r)
{
  /* Committed or not, the face (and its 67 kB chip) is no longer needed;
   * the report only uses the record's text fields. */
  g_clear_object (&r->face);
  p->done++;
  switch (r->status)
    {
    case LINEUP_RECORD_IMPORTED:
      p->imported++;
      break;
    case LINEUP_RECORD_DUPLICATE:
      p->duplicates++;
      break;
    case LINEUP_RECORD_REJECTED:
      {
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (p->by_reason, r->reason));
        g_hash_table_insert (p->by_reason, g_strdup (r->reason), GUINT_TO_POINTER (n + 1));
        p->rejected++;
      }
      break;
    case LINEUP_RECORD_FAILED:
    case LINEUP_RECORD_PENDING:
      p->failed++;
      break;
    }
}

static void
send_progress (Run      *run,
               Progress *p,
               guint     total,
               gint64    start)
{
  Progress *copy = g_memdup2 (p, sizeof *p);
  double    secs = (g_get_monotonic_time () - start) / 1e6;

  copy->seconds = secs;
  copy->total = total;
  copy->rate = secs > 0.5 ? p->done / secs : 0;
  copy->seconds_left = copy->rate > 0 ? (total - p->done) / copy->rate : -1;
  copy->self = g_object_ref (run->self);
  copy->by_reason = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    GHashTableIter it;
    gpointer       k, v;
    g_hash_table_iter_init (&it, p->by_reason);
    while (g_hash_table_iter_next (&it, &k, &v))
      g_hash_table_insert (copy->by_reason, g_strdup (k), v);
  }
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, publish_progress, copy,
                              (GDestroyNotify)progress_free);
}

static gboolean
write_report (const char *path,
              GPtrArray  *records,
              GError    **error)
{
  g_autoptr(GString) out = g_string_new ("row,booking_number,photo,status,reason,faces,flags,detail\n");

  for (guint i = 0; i < records->len; i++)
    {
      LineupBookingRecord *r = records->pdata[i];
      const char          *fields[] = { r->booking_number, r->source, lineup_record_status_to_string (r->status),
                                        r->reason, NULL, r->flags, r->detail };
      g_string_append_printf (out, "%u", r->row);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_string_append_c (out, ',');
          if (f == 4)
            {
              g_string_append_printf (out, "%u", r->n_faces);
              continue;
            }
          if (fields[f] != NULL)
            {
              /* RFC 4180 quoting, so the report opens in any spreadsheet. */
              g_autofree char *q = NULL;
              g_auto(GStrv) parts = g_strsplit (fields[f], "\"", -1);
              q = g_strjoinv ("\"\"", parts);
              g_string_append_printf (out, "\"%s\"", q);
            }
        }
      g_string_append_c (out, '\n');
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static char *
summary_json (Progress   *p,
              double      seconds,
              const char *status,
              const char *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter it;
  gpointer       k, v;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_set_member_name (b, "imported");
  json_builder_add_int_value (b, p->imported);
  json_builder_set_member_name (b, "duplicates");
  json_builder_add_int_value (b, p->duplicates);
  json_builder_set_member_name (b, "rejected");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&it, p->by_reason);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      json_builder_set_member_name (b, k);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (v));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, p->failed);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, seconds);
  if (report)
    {
      json_builder_set_member_name (b, "report");
      json_builder_add_string_value (b, report);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Reports go to the data folder unless the user picks a place: the source
 * may be read-only evidence media, which an import must never write to. */
static char *
default_report_path (LineupImport *self)
{
  g_autofree char *base = g_path_get_basename (self->source);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s.import-report-%s.csv", base, stamp);

  return g_build_filename (self->data_dir, "reports", name, NULL);
}

typedef struct
{
  char *report;
  char *summary;
} RunResult;

static void
run_result_free (RunResult *r)
{
  g_free (r->report);
  g_free (r->summary);
  g_free (r);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LineupImport *self = source_object;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autofree char *summary = NULL;
  g_autofree char *report = NULL;
  const char      *kind = NULL;
  Progress         p = { 0 };
  Run              run = { 0 };
  gint64           start = g_get_monotonic_time (), batch_start = 0, last_progress = 0;
  gint64           import_id;
  guint            received = 0;
  gulong           cancel_id = 0;

  if (self->single != NULL)
    {
      kind = "single";
      records = g_ptr_array_new_with_free_func ((GDestroyNotify)lineup_booking_record_free);
      g_ptr_array_add (records, g_steal_pointer (&self->single));
      lineup_import_validate_record (records->pdata[0]);
    }
  else
    records = lineup_import_read_source (self->source, &kind, &error);
  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  run.known = lineup_db_known_photos_sync (self->db, &error);
  if (run.known == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  import_id = lineup_db_import_begin_sync (self->db, self->source, kind, self->user, &error);
  if (import_id < 0)
    {
      g_hash_table_unref (run.known);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run.self = self;
  run.records = records;
  run.finished = g_async_queue_new ();
  run.cancellable = stop;
  run.context = g_task_get_context (task);
  g_mutex_init (&run.lock);
  if (cancellable)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                                       g_object_ref (stop), g_object_unref);
  p.by_reason = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  send_progress (&run, &p, records->len, start);

  /* Rows the checks already rejected need no engine: report them at once,
   * and start no more workers (each loads its own networks) than needed. */
  run.todo = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < records->len; i++)
    {
      if (((LineupBookingRecord *)records->pdata[i])->status == LINEUP_RECORD_PENDING)
        g_array_append_val (run.todo, i);
      else
        g_async_queue_push (run.finished, GINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < MIN (run.todo->len, MAX (self->n_workers, 1)); i++)
    g_ptr_array_add (threads, g_thread_new ("lineup-import", worker_thread, &run));

  while (received < records->len)
    {
      gpointer item = g_async_queue_timeout_pop (run.finished, 100000);
      gint64   now = g_get_monotonic_time ();

      if (item != NULL)
        {
          gint                 idx = GPOINTER_TO_INT (item);
          LineupBookingRecord *r = records->pdata[ABS (idx) - 1];

          received++;
          if (idx > 0 && r->status == LINEUP_RECORD_PENDING)
            {
              if (batch->len == 0)
                batch_start = now;
              g_ptr_array_add (batch, r);
            }
          else if (idx > 0)
            count_record (&p, r);
        }
      if (batch->len > 0 &&
          (batch->len >= BATCH_SIZE || now - batch_start > BATCH_USEC || received == records->len))
        {
          g_autoptr(GError) commit_error = NULL;
          if (!lineup_db_commit_records_sync (self->db, self->user, batch, import_id,
                                              LINEUP_RESNET_SHA256, &commit_error))
            {
              /* The database itself failed (disk full, …): stop cleanly. */
              for (guint k = 0; k < batch->len; k++)
                lineup_booking_record_set (batch->pdata[k], LINEUP_RECORD_FAILED,
                                           commit_error->message);
              if (run.fatal == NULL)
                run.fatal = g_error_copy (commit_error);
              g_cancellable_cancel (stop);
            }
          for (guint k = 0; k < batch->len; k++)
            count_record (&p, batch->pdata[k]);
          g_ptr_array_set_size (batch, 0);
        }
      if (now - last_progress > 200000 || received == records->len)
        {
          send_progress (&run, &p, records->len, start);
          last_progress = now;
        }
    }
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  if (cancellable)
    g_cancellable_disconnect (cancellable, cancel_id);

  report = self->report_path ? g_strdup (self->report_path) : default_report_path (self);
  {
    g_autofree char *dir = g_path_get_dirname (report);
    g_mkdir_with_parents (dir, 0700);
  }
  if (!write_report (report, records, &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
      g_clear_pointer (&report, g_free);
    }
  summary = summary_json (&p, (g_get_monotonic_time () - start) / 1e6,
                          run.fatal ? "failed" : g_cancellable_is_cancelled (stop) ? "cancelled"
                                                                                   : "done",
                          report);
  if (!lineup_db_import_end_sync (self->db, import_id,
                                  run.fatal                           ? "failed"
                                  : g_cancellable_is_cancelled (stop) ? "cancelled"
                                                                      : "done",
                                  summary, self->user, &error))
    g_warning ("%s", error->message);
  send_progress (&run, &p, records->len, start);

  g_hash_table_unref (run.known);
  g_array_unref (run.todo);
  g_async_queue_unref (run.finished);
  g_hash_table_unref (p.by_reason);
  g_mutex_clear (&run.lock);
  {
    RunResult *res = g_new0 (RunResult, 1);
    res->report = g_steal_pointer (&report);
    res->summary = g_steal_pointer (&summary);
    g_task_set_task_data (task, res, (GDestroyNotify)run_result_free);
  }
  if (run.fatal)
    g_task_return_error (task, run.fatal);
  else
    g_task_return_boolean (task, TRUE);
}

void
lineup_import_run_async (LineupImport       *self,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lineup_import_run_async);
  /* Cancellation is cooperative: the run commits what it has, writes its
   * report and returns normally with "cancelled" set. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gboolean
lineup_import_run_finish (LineupImport *self,
                          GAsyncResult *result,
                          GError      **error)
{
  RunResult *res;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  res = g_task_get_task_data (G_TASK (result));
  if (res != NULL)
    {
      g_free (self->report_path);
      self->report_path = g_strdup (res->report);
      g_free (self->summary);
      self->summary = g_strdup (res->summary);
    }
  self->cancelled = g_task_get_cancellable (G_TASK (result)) != NULL &&
                    g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* object */

static void
lineup_import_finalize (GObject *object)
{
  LineupImport *self = LINEUP_IMPORT (object);

  g_clear_object (&self->db);
  g_free (self->data_dir);
  g_free (self->source);
  g_free (self->report_path);
  g_free (self->summary);
  g_clear_object (&self->user);
  g_free (self->model_dir);
  g_clear_pointer (&self->single, lineup_booking_record_free);
  g_clear_pointer (&self->rejected_by_reason, g_hash_table_unref);
  G_OBJECT_CLASS (lineup_import_parent_class)->finalize (object);
}

static void
lineup_import_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupImport *self = LINEUP_IMPORT (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;
    case PROP_IMPORTED:
      g_value_set_uint (value, self->imported);
      break;
    case PROP_DUPLICATES:
      g_value_set_uint (value, self->duplicates);
      break;
    case PROP_REJECTED:
      g_value_set_uint (value, self->rejected);
      break;
    case PROP_FAILED:
      g_value_set_uint (value, self->failed);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_SECONDS_LEFT:
      g_value_set_double (value, self->seconds_left);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_import_class_init (LineupImportClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lineup_import_finalize;
  object_class->get_property = lineup_import_get_property;
  properties[PROP_TOTAL] = g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DONE] = g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_IMPORTED] = g_param_spec_uint ("imported", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DUPLICATES] = g_param_spec_uint ("duplicates", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REJECTED] = g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FAILED] = g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_SECONDS_LEFT] =
    g_param_spec_double ("seconds-left", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_import_init (LineupImport *self)
{
  self->n_workers = g_get_num_processors ();
  self->seconds_left = -1;
  lineup_detect_options_init_default (&self->options);
  self->rejected_by_reason = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

LineupImport *
lineup_import_new (LineupDb   *db,
                   const char *data_dir,
                   const char *source)
{
  LineupImport *self = g_object_new (LINEUP_TYPE_IMPORT, NULL);

  self->db = g_object_ref (db);
  self->data_dir = g_strdup (data_dir);
  self->source = g_canonicalize_filename (source, NULL);
  return self;
}

LineupImport *
lineup_import_new_single (LineupDb            *db,
                          const char          *data_dir,
                          LineupBookingRecord *record)
{
  LineupImport *self = lineup_import_new (db, data_dir, record->source ? record->source : "-");

  record->row = 1;
  if (record->label == NULL && (record->last_name || record->first_name))
    record->label = g_strdup_printf ("%s%s%s", record->last_name ? record->last_name : "",
                                     record->last_name && record->first_name ? ", " : "",
                                     record->first_name ? record->first_name : "");
  self->single = record;
  return self;
}

void
lineup_import_set_workers (LineupImport *self,
                           guint         n_workers)
{
  self->n_workers = CLAMP (n_workers, 1, 64);
}

void
lineup_import_set_report_path (LineupImport *self,
                               const char   *path)
{
  g_free (self->report_path);
  self->report_path = g_strdup (path);
}

void
lineup_import_set_user (LineupImport *self,
                        LineupUser   *user)
{
  g_set_object (&self->user, user);
}

void
lineup_import_set_model_dir (LineupImport *self,
                             const char   *model_dir)
{
  g_free (self->model_dir);
  self->model_dir = g_strdup (model_dir);
}

void
lineup_import_set_options (LineupImport              *self,
                           const LineupDetectOptions *options)
{
  self->options = *options;
}

guint
lineup_import_get_total (LineupImport *self)
{
  return self->total;
}
guint
lineup_import_get_done (LineupImport *self)
{
  return self->done;
}
guint
lineup_import_get_imported (LineupImport *self)
{
  return self->imported;
}
guint
lineup_import_get_duplicates (LineupImport *self)
{
  return self->duplicates;
}
guint
lineup_import_get_rejected (LineupImport *self)
{
  return self->rejected;
}
guint
lineup_import_get_failed (LineupImport *self)
{
  return self->failed;
}
double
lineup_import_get_rate (LineupImport *self)
{
  return self->rate;
}
double
lineup_import_get_seconds_left (LineupImport *self)
{
  return self->seconds_left;
}
double
lineup_import_get_seconds (LineupImport *self)
{
  return self->seconds;
}
gboolean
lineup_import_get_cancelled (LineupImport *self)
{
  return self->cancelled;
}
GHashTable *
lineup_import_get_rejected_by_reason (LineupImport *self)
{
  return self->rejected_by_reason;
}
const char *
lineup_import_get_report_path (LineupImport *self)
{
  return self->report_path;
}

char *
lineup_import_get_summary_json (LineupImport *self)
{
  return g_strdup (self->summary);
}
