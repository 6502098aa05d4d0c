/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-gallery.c: the gallery's SQL, run on the database thread.
 *
 * Records are committed in batches: one transaction per batch, one
 * savepoint per photo, so a photo is stored whole (booking, photo, face and
 * descriptor) or not at all, and one bad row never spoils its batch.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "lineup-db-private.h"
#include "lineup-error.h"
#include "lineup-gallery.h"
#include "lineup-index.h"
#include "lineup-shim.h"

/* records */

const char *
lineup_record_status_to_string (LineupRecordStatus status)
{
  static const char *names[] = { "pending", "imported", "duplicate", "rejected", "failed" };
  return names[status];
}

LineupBookingRecord *
lineup_booking_record_new (void)
{
  return g_new0 (LineupBookingRecord, 1);
}

void
lineup_booking_record_free (LineupBookingRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->source);
  g_free (r->booking_number);
  g_free (r->person_id);
  g_free (r->label);
  g_free (r->last_name);
  g_free (r->first_name);
  g_free (r->date_of_birth);
  g_free (r->sex);
  g_free (r->race);
  g_free (r->booking_date);
  g_free (r->agency);
  g_free (r->charge);
  g_free (r->extra_json);
  g_free (r->photo_sha256);
  g_free (r->mime);
  g_free (r->flags);
  g_free (r->reason);
  g_free (r->detail);
  g_clear_object (&r->face);
  g_free (r);
}

void
lineup_booking_record_set (LineupBookingRecord *r,
                           LineupRecordStatus   status,
                           const char          *reason)
{
  r->status = status;
  g_free (r->reason);
  r->reason = g_strdup (reason);
}

void
lineup_gallery_stats_free (LineupGalleryStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->faces_excluded, g_hash_table_unref);
  g_free (stats);
}

/* known photos */

static void
known_photos_job (LineupDbThread *t,
                  GTask          *task)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!lineup_db_require_open (t, task))
    return;
  if (!(stmt = lineup_db_prepare (t->conn, "SELECT sha256 FROM photos", &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  g_task_return_pointer (task, g_steal_pointer (&set), (GDestroyNotify)g_hash_table_unref);
}

GHashTable *
lineup_db_known_photos_sync (LineupDb *db,
                             GError  **error)
{
  return lineup_db_run_sync (db, known_photos_job, NULL, NULL, error);
}

/* commit */

typedef struct
{
  GPtrArray  *records;
  gint64      import_id;
  char       *model_sha256;
  LineupUser *user;
} CommitData;

static void
commit_data_free (CommitData *d)
{
  g_ptr_array_unref (d->records);
  g_clear_object (&d->user);
  g_free (d->model_sha256);
  g_free (d);
}

static gint64
lookup_id (sqlite3    *conn,
           const char *sql,
           const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static char *
quality_json (LineupFace *face)
{
  const LineupQuality *q = lineup_face_get_quality (face);

  return g_strdup_printf ("{\"face_width\":%.2f,\"eye_distance\":%.2f,\"sharpness\":%.2f,"
                          "\"brightness\":%.2f,\"contrast\":%.2f,\"yaw\":%.2f,\"pitch\":%.2f,"
                          "\"roll\":%.2f}",
                          q->face_width, q->eye_distance, q->sharpness, q->brightness,
                          q->contrast, q->yaw, q->pitch, q->roll);
}

static gboolean
insert_record (sqlite3             *conn,
               LineupBookingRecord *r,
               gint64               import_id,
               GError             **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  gint64           subject_id = 0, booking_id, photo_id;
  g_autofree char *uuid = NULL;

  /* The photo decides "duplicate": the same bytes again are a no-op. */
  if (lookup_id (conn, "SELECT id FROM photos WHERE sha256 = ?", r->photo_sha256) > 0)
    {
      lineup_booking_record_set (r, LINEUP_RECORD_DUPLICATE, "DUPLICATE_PHOTO");
      return TRUE;
    }
  if (lookup_id (conn, "SELECT id FROM bookings WHERE booking_number = ?", r->booking_number) > 0)
    {
      lineup_booking_record_set (r, LINEUP_RECORD_REJECTED, "DUPLICATE_BOOKING_NUMBER");
      return TRUE;
    }

  if (r->person_id != NULL)
    subject_id = lookup_id (conn, "SELECT id FROM subjects WHERE person_id = ?", r->person_id);
  if (subject_id <= 0)
    {
      uuid = g_uuid_string_random ();
      if (!(st = lineup_db_prepare (conn,
                                    "INSERT INTO subjects (uuid, person_id, label, last_name, first_name,"
                                    " date_of_birth, sex, race) VALUES (?,?,?,?,?,?,?,?)",
                                    error)))
        return FALSE;
      sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
      lineup_db_bind_text (st, 2, r->person_id);
      sqlite3_bind_text (st, 3, r->label ? r->label : r->booking_number, -1, SQLITE_TRANSIENT);
      lineup_db_bind_text (st, 4, r->last_name);
      lineup_db_bind_text (st, 5, r->first_name);
      lineup_db_bind_text (st, 6, r->date_of_birth);
      lineup_db_bind_text (st, 7, r->sex);
      lineup_db_bind_text (st, 8, r->race);
      if (!lineup_db_step_done (conn, st, error))
        return FALSE;
      subject_id = sqlite3_last_insert_rowid (conn);
      g_clear_pointer (&st, sqlite3_finalize);
      g_clear_pointer (&uuid, g_free);
    }

  uuid = g_uuid_string_random ();
  if (!(st = lineup_db_prepare (conn,
                                "INSERT INTO bookings (uuid, subject_id, booking_number, booking_date, agency,"
                                " charge, extra_json, import_id) VALUES (?,?,?,?,?,?,?,?)",
                                error)))
    return FALSE;
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, subject_id);
  sqlite3_bind_text (st, 3, r->booking_number, -1, SQLITE_TRANSIENT);
  lineup_db_bind_text (st, 4, r->booking_date);
  lineup_db_bind_text (st, 5, r->agency);
  lineup_db_bind_text (st, 6, r->charge);
  lineup_db_bind_text (st, 7, r->extra_json);
  if (import_id > 0)
    sqlite3_bind_int64 (st, 8, import_id);
  if (!lineup_db_step_done (conn, st, error))
    return FALSE;
  booking_id = sqlite3_last_insert_rowid (conn);
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = lineup_db_prepare (conn,
                                "INSERT INTO photos (booking_id, sha256, mime, bytes, width, height,"
                                " original_name, flags) VALUES (?,?,?,?,?,?,?,?)",
                                error)))
    return FALSE;
  sqlite3_bind_int64 (st, 1, booking_id);
  sqlite3_bind_text (st, 2, r->photo_sha256, -1, SQLITE_TRANSIENT);
  lineup_db_bind_text (st, 3, r->mime);
  sqlite3_bind_int64 (st, 4, r->bytes);
  sqlite3_bind_int (st, 5, r->width);
  sqlite3_bind_int (st, 6, r->height);
  lineup_db_bind_text (st, 7, r->source);
  sqlite3_bind_text (st, 8, r->flags ? r->flags : "", -1, SQLITE_TRANSIENT);
  if (!lineup_db_step_done (conn, st, error))
    return FALSE;
  photo_id = sqlite3_last_insert_rowid (conn);
  g_clear_pointer (&st, sqlite3_finalize);

  if (r->face != NULL)
    {
      LineupFace      *f = r->face;
      const LineupBox *box = lineup_face_get_box (f);
      g_autofree char *q = quality_json (f);
      g_autofree char *reasons = g_strjoinv (" ", (GStrv)lineup_face_get_reasons (f));

      if (!(st = lineup_db_prepare (conn,
                                    "INSERT INTO faces (photo_id, box_left, box_top, box_right, box_bottom,"
                                    " detector, score, landmarks, quality_json, reasons, enrolled, model_id,"
                                    " descriptor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                    error)))
        return FALSE;
      sqlite3_bind_int64 (st, 1, photo_id);
      sqlite3_bind_double (st, 2, box->left);
      sqlite3_bind_double (st, 3, box->top);
      sqlite3_bind_double (st, 4, box->right);
      sqlite3_bind_double (st, 5, box->bottom);
      sqlite3_bind_text (st, 6, lineup_face_get_detector (f), -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (st, 7, lineup_face_get_score (f));
      sqlite3_bind_blob (st, 8, lineup_face_get_landmarks (f),
                         sizeof (float) * LINEUP_SHIM_N_LANDMARKS * 2, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 9, q, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 10, reasons, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (st, 11, lineup_face_is_acceptable (f));
      sqlite3_bind_text (st, 12, lineup_face_get_model_id (f), -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (st, 13, lineup_face_get_descriptor (f),
                         sizeof (float) * LINEUP_SHIM_DESCRIPTOR_DIM, SQLITE_TRANSIENT);
      if (!lineup_db_step_done (conn, st, error))
        return FALSE;
    }
  lineup_booking_record_set (r, LINEUP_RECORD_IMPORTED, NULL);
  return TRUE;
}

static void
commit_job (LineupDbThread *t,
            GTask          *task)
{
  CommitData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) model = NULL;

  if (!lineup_db_authorize_task (t, task, d->user, LINEUP_PERMISSION_IMPORT, "import", NULL))
    return;
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!(model = lineup_db_prepare (t->conn,
                                   "INSERT OR IGNORE INTO models (id, kind, sha256, dims)"
                                   " VALUES (?, 'descriptor', ?, 128)",
                                   &error)))
    goto fail;
  for (guint i = 0; i < d->records->len; i++)
    {
      LineupBookingRecord *r = d->records->pdata[i];
      g_autoptr(GError) row_error = NULL;

      if (r->status != LINEUP_RECORD_PENDING)
        continue;
      if (r->face != NULL)
        {
          sqlite3_reset (model);
          sqlite3_bind_text (model, 1, lineup_face_get_model_id (r->face), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (model, 2, d->model_sha256, -1, SQLITE_TRANSIENT);
          if (!lineup_db_step_done (t->conn, model, &error))
            goto fail;
        }
      if (!lineup_db_exec (t->conn, "SAVEPOINT rec", &error))
        goto fail;
      if (!insert_record (t->conn, r, d->import_id, &row_error))
        {
          lineup_db_exec (t->conn, "ROLLBACK TO rec", NULL);
          lineup_booking_record_set (r, LINEUP_RECORD_FAILED, row_error->message);
        }
      if (!lineup_db_exec (t->conn, "RELEASE rec", &error))
        goto fail;
    }
  if (!lineup_db_exec (t->conn, "COMMIT", &error))
    goto fail;
  g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
  return;

fail:
  lineup_db_exec (t->conn, "ROLLBACK", NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

gboolean
lineup_db_commit_records_sync (LineupDb   *db,
                               LineupUser *user,
                               GPtrArray  *records,
                               gint64      import_id,
                               const char *model_sha256,
                               GError    **error)
{
  CommitData *d = g_new0 (CommitData, 1);

  d->records = g_ptr_array_ref (records);
  d->user = user ? g_object_ref (user) : NULL;
  d->import_id = import_id;
  d->model_sha256 = g_strdup (model_sha256);
  return lineup_db_run_sync (db, commit_job, d, (GDestroyNotify)commit_data_free, error) != NULL;
}

/* imports */

typedef struct
{
  gint64      import_id;
  char       *source;
  char       *kind;
  LineupUser *user;
  char       *status;
  char       *summary;
} ImportData;

static void
import_data_free (ImportData *d)
{
  g_free (d->source);
  g_free (d->kind);
  g_clear_object (&d->user);
  g_free (d->status);
  g_free (d->summary);
  g_free (d);
}

static void
import_begin_job (LineupDbThread *t,
                  GTask          *task)
{
  ImportData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *details = NULL;
  g_autofree char *id = NULL;
  gint64           import_id;

  if (!lineup_db_authorize_task (t, task, d->user, LINEUP_PERMISSION_IMPORT, "import", d->source))
    return;
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn, "INSERT INTO imports (uuid, source, kind, user_name) VALUES (?,?,?,?)",
                                &error)))
    goto fail;
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, d->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, d->kind, -1, SQLITE_TRANSIENT);
  lineup_db_bind_text (st, 4, lineup_user_get_name (d->user));
  if (!lineup_db_step_done (t->conn, st, &error))
    goto fail;
  import_id = sqlite3_last_insert_rowid (t->conn);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, import_id);
  details = lineup_db_json_strings ("source", d->source, "kind", d->kind, NULL);
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (d->user), "import.start", "import", id, details, &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    goto fail;
  g_task_return_pointer (task, g_memdup2 (&import_id, sizeof import_id), g_free);
  return;

fail:
  lineup_db_exec (t->conn, "ROLLBACK", NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

gint64
lineup_db_import_begin_sync (LineupDb   *db,
                             const char *source,
                             const char *kind,
                             LineupUser *user,
                             GError    **error)
{
  ImportData        *d = g_new0 (ImportData, 1);
  g_autofree gint64 *id = NULL;

  d->source = g_strdup (source);
  d->kind = g_strdup (kind);
  d->user = user ? g_object_ref (user) : NULL;
  id = lineup_db_run_sync (db, import_begin_job, d, (GDestroyNotify)import_data_free, error);
  return id ? *id : -1;
}

static void
import_end_job (LineupDbThread *t,
                GTask          *task)
{
  ImportData      *d = g_task_get_task_data (task);
  g_autofree char *ts = lineup_db_now_iso ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, d->import_id);

  if (!lineup_db_authorize_task (t, task, d->user, LINEUP_PERMISSION_IMPORT, "import", id))
    return;
  if (lineup_db_audited_exec (t, task, d->user, "import.end", "import", id, d->summary,
                              "UPDATE imports SET finished_at = %Q, status = %Q, summary_json = %Q"
                              " WHERE id = %lld",
                              ts, d->status, d->summary, (long long)d->import_id))
    g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

gboolean
lineup_db_import_end_sync (LineupDb   *db,
                           gint64      import_id,
                           const char *status,
                           const char *summary_json,
                           LineupUser *user,
                           GError    **error)
{
  ImportData *d = g_new0 (ImportData, 1);

  d->import_id = import_id;
  d->status = g_strdup (status);
  d->summary = g_strdup (summary_json);
  d->user = user ? g_object_ref (user) : NULL;
  return lineup_db_run_sync (db, import_end_job, d, (GDestroyNotify)import_data_free, error) !=
         NULL;
}

/* stats */

static void
stats_job (LineupDbThread *t,
           GTask          *task)
{
  g_autoptr(LineupGalleryStats) s = g_new0 (LineupGalleryStats, 1);
  g_autoptr(sqlite3_stmt) st = NULL;

  if (!lineup_db_require_open (t, task))
    return;
  s->subjects = lineup_db_query_int64 (t->conn, "SELECT count(*) FROM subjects");
  s->bookings = lineup_db_query_int64 (t->conn, "SELECT count(*) FROM bookings");
  s->photos = lineup_db_query_int64 (t->conn, "SELECT count(*) FROM photos");
  s->faces_enrolled = lineup_db_query_int64 (t->conn, "SELECT count(*) FROM faces WHERE enrolled = 1");
  s->faces_excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (sqlite3_prepare_v2 (t->conn, "SELECT reasons FROM faces WHERE enrolled = 0", -1, &st,
                          NULL) == SQLITE_OK)
    while (sqlite3_step (st) == SQLITE_ROW)
      {
        g_auto(GStrv) codes = g_strsplit ((const char *)sqlite3_column_text (st, 0), " ", -1);
        for (guint i = 0; codes[i]; i++)
          {
            gint64 *n;
            if (*codes[i] == '\0')
              continue;
            n = g_hash_table_lookup (s->faces_excluded, codes[i]);
            if (n == NULL)
              {
                n = g_new0 (gint64, 1);
                g_hash_table_insert (s->faces_excluded, g_strdup (codes[i]), n);
              }
            (*n)++;
          }
      }
  g_task_return_pointer (task, g_steal_pointer (&s), (GDestroyNotify)lineup_gallery_stats_free);
}

LineupGalleryStats *
lineup_db_gallery_stats_sync (LineupDb *db,
                              GError  **error)
{
  return lineup_db_run_sync (db, stats_job, NULL, NULL, error);
}

void
lineup_db_gallery_stats_async (LineupDb           *db,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  lineup_db_run_async (db, stats_job, NULL, NULL, cancellable, callback, user_data);
}

LineupGalleryStats *
lineup_db_gallery_stats_finish (LineupDb     *db,
                                GAsyncResult *result,
                                GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* booking show */

static void
add_column (JsonBuilder  *b,
            sqlite3_stmt *st,
            int           i)
{
  json_builder_set_member_name (b, sqlite3_column_name (st, i));
  switch (sqlite3_column_type (st, i))
    {
    case SQLITE_INTEGER:
      json_builder_add_int_value (b, sqlite3_column_int64 (st, i));
      break;
    case SQLITE_FLOAT:
      json_builder_add_double_value (b, sqlite3_column_double (st, i));
      break;
    case SQLITE_NULL:
      json_builder_add_null_value (b);
      break;
    default:
      json_builder_add_string_value (b, (const char *)sqlite3_column_text (st, i));
    }
}

typedef struct
{
  char       *number;
  LineupUser *user;
} ShowData;

static void
show_data_free (ShowData *d)
{
  g_free (d->number);
  g_clear_object (&d->user);
  g_free (d);
}

static void
show_job (LineupDbThread *t,
          GTask          *task)
{
  ShowData   *d = g_task_get_task_data (task);
  const char *number = d->number;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GError) error = NULL;
  gint64 booking_id;

  if (!lineup_db_authorize_task (t, task, d->user, LINEUP_PERMISSION_VIEW_GALLERY, "booking", number) ||
      !lineup_db_audit_append_task (t, task, d->user, "booking.view", "booking", number, NULL))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT b.id AS booking_id, b.uuid, b.booking_number, b.booking_date, b.agency,"
                                " b.charge, b.extra_json, b.created_at, s.uuid AS subject_uuid,"
                                " s.person_id, s.label, s.last_name, s.first_name, s.date_of_birth, s.sex,"
                                " s.race FROM bookings b JOIN subjects s ON s.id = b.subject_id"
                                " WHERE b.booking_number = ?",
                                &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_bind_text (st, 1, number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("There is no booking “%s”"), number);
      return;
    }
  booking_id = sqlite3_column_int64 (st, 0);
  json_builder_begin_object (b);
  for (int i = 1; i < sqlite3_column_count (st); i++)
    add_column (b, st, i);
  g_clear_pointer (&st, sqlite3_finalize);

  json_builder_set_member_name (b, "photos");
  json_builder_begin_array (b);
  st = lineup_db_prepare (t->conn,
                          "SELECT p.sha256, p.mime, p.bytes, p.width, p.height, p.original_name, p.flags,"
                          " f.box_left, f.box_top, f.box_right, f.box_bottom, f.detector, f.score,"
                          " f.quality_json, f.reasons, f.enrolled, f.model_id"
                          " FROM photos p LEFT JOIN faces f ON f.photo_id = p.id WHERE p.booking_id = ?",
                          NULL);
  sqlite3_bind_int64 (st, 1, booking_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      for (int i = 0; i < sqlite3_column_count (st); i++)
        add_column (b, st, i);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_task_return_pointer (task, json_builder_get_root (b), (GDestroyNotify)json_node_unref);
}

JsonNode *
lineup_db_booking_show_sync (LineupDb   *db,
                             LineupUser *user,
                             const char *booking_number,
                             GError    **error)
{
  ShowData *d = g_new0 (ShowData, 1);

  d->number = g_strdup (booking_number);
  d->user = user ? g_object_ref (user) : NULL;
  return lineup_db_run_sync (db, show_job, d, (GDestroyNotify)show_data_free, error);
}

/* purge */

typedef struct
{
  char       *number;
  char       *reason;
  LineupUser *user;
} PurgeData;

static void
purge_data_free (PurgeData *d)
{
  g_free (d->number);
  g_free (d->reason);
  g_clear_object (&d->user);
  g_free (d);
}

static void
purge_job (LineupDbThread *t,
           GTask          *task)
{
  PurgeData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) shas = g_strv_builder_new ();
  g_autofree char *booking_uuid = NULL;
  g_autofree char *details = NULL;
  gint64           booking_id = 0, subject_id = 0;
  guint            n_photos = 0;
  g_autoptr(GArray) face_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!lineup_db_authorize_task (t, task, d->user, LINEUP_PERMISSION_PURGE, "booking", d->number))
    return;
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn, "SELECT id, uuid, subject_id FROM bookings WHERE booking_number = ?",
                                &error)))
    goto fail;
  sqlite3_bind_text (st, 1, d->number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (&error, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no booking “%s”"),
                   d->number);
      goto fail;
    }
  booking_id = sqlite3_column_int64 (st, 0);
  booking_uuid = g_strdup ((const char *)sqlite3_column_text (st, 1));
  subject_id = sqlite3_column_int64 (st, 2);
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = lineup_db_prepare (t->conn, "SELECT sha256 FROM photos WHERE booking_id = ?", &error)))
    goto fail;
  sqlite3_bind_int64 (st, 1, booking_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_strv_builder_add (shas, (const char *)sqlite3_column_text (st, 0));
      n_photos++;
    }
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = lineup_db_prepare (t->conn, "SELECT f.id FROM faces f JOIN photos p ON p.id = f.photo_id"
                                         " WHERE p.booking_id = ?",
                                &error)))
    goto fail;
  sqlite3_bind_int64 (st, 1, booking_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_array_append_val (face_ids, *(gint64[]){ sqlite3_column_int64 (st, 0) });
  g_clear_pointer (&st, sqlite3_finalize);

  /* Faces and photos go with the booking (ON DELETE CASCADE); search
   * candidates keep their copied numbers but lose the face link. */
  if (!(st = lineup_db_prepare (t->conn, "DELETE FROM bookings WHERE id = ?", &error)))
    goto fail;
  sqlite3_bind_int64 (st, 1, booking_id);
  {
    g_autoptr(sqlite3_stmt) del_faces = lineup_db_prepare (t->conn,
                                                            "DELETE FROM faces WHERE photo_id IN"
                                                            " (SELECT id FROM photos WHERE booking_id = ?)",
                                                            &error);
    if (del_faces == NULL)
      goto fail;
    sqlite3_bind_int64 (del_faces, 1, booking_id);
    if (!lineup_db_step_done (t->conn, del_faces, &error))
      goto fail;
  }
  if (!lineup_db_step_done (t->conn, st, &error))
    goto fail;
  g_clear_pointer (&st, sqlite3_finalize);
  /* A subject left with no booking is personal data with no purpose. */
  if (!(st = lineup_db_prepare (t->conn,
                                "DELETE FROM subjects WHERE id = ? AND NOT EXISTS"
                                " (SELECT 1 FROM bookings WHERE subject_id = ?)",
                                &error)))
    goto fail;
  sqlite3_bind_int64 (st, 1, subject_id);
  sqlite3_bind_int64 (st, 2, subject_id);
  if (!lineup_db_step_done (t->conn, st, &error))
    goto fail;
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = lineup_db_prepare (t->conn,
                                "INSERT INTO purges (booking_uuid, booking_number, reason, purged_by)"
                                " VALUES (?,?,?,?)",
                                &error)))
    goto fail;
  sqlite3_bind_text (st, 1, booking_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, d->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, d->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, lineup_user_get_name (d->user), -1, SQLITE_TRANSIENT);
  if (!lineup_db_step_done (t->conn, st, &error))
    goto fail;

  {
    g_autofree char *removed = g_strdup_printf ("%u", n_photos);
    details = lineup_db_json_strings ("booking_uuid", booking_uuid, "photos_removed", removed,
                                      "reason", d->reason, NULL);
  }
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (d->user), "booking.purge", "booking",
                               d->number, details, &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    goto fail;
  lineup_db_search_cache_faces_removed (t, (const gint64 *)face_ids->data, face_ids->len);
  g_task_return_pointer (task, g_strv_builder_end (shas), (GDestroyNotify)g_strfreev);
  return;

fail:
  lineup_db_exec (t->conn, "ROLLBACK", NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

GStrv
lineup_db_booking_purge_sync (LineupDb   *db,
                              const char *booking_number,
                              const char *reason,
                              LineupUser *user,
                              GError    **error)
{
  PurgeData *d = g_new0 (PurgeData, 1);

  d->number = g_strdup (booking_number);
  d->reason = g_strdup (reason);
  d->user = user ? g_object_ref (user) : NULL;
  return lineup_db_run_sync (db, purge_job, d, (GDestroyNotify)purge_data_free, error);
}

void
lineup_db_booking_purge_async (LineupDb           *db,
                               const char         *booking_number,
                               const char         *reason,
                               LineupUser         *user,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  PurgeData *d = g_new0 (PurgeData, 1);

  d->number = g_strdup (booking_number);
  d->reason = g_strdup (reason);
  d->user = user ? g_object_ref (user) : NULL;
  lineup_db_run_async (db, purge_job, d, (GDestroyNotify)purge_data_free, cancellable, callback,
                       user_data);
}

GStrv
lineup_db_booking_purge_finish (LineupDb     *db,
                                GAsyncResult *result,
                                GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* listing */

void
lineup_booking_summary_free (LineupBookingSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->booking_number);
  g_free (s->label);
  g_free (s->booking_date);
  g_free (s->photo_sha256);
  g_free (s->reasons);
  g_free (s->quality_json);
  g_free (s);
}

static char *
col_dup (sqlite3_stmt *st,
         int           i)
{
  const char *t = (const char *)sqlite3_column_text (st, i);
  return g_strdup (t ? t : "");
}

static void
list_job (LineupDbThread *t,
          GTask          *task)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)lineup_booking_summary_free);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GError) error = NULL;
  LineupUser *user = g_task_get_task_data (task);

  if (!lineup_db_authorize_task (t, task, user, LINEUP_PERMISSION_VIEW_GALLERY, "gallery", NULL) ||
      !lineup_db_audit_append_task (t, task, user, "gallery.list", "gallery", NULL, NULL))
    return;
  /* One query for the whole list: 100,000 rows is a few MB and one pass. */
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT b.booking_number, s.label, b.booking_date, p.sha256, f.reasons,"
                                " f.quality_json, f.box_left, f.box_top, f.box_right, f.box_bottom,"
                                " f.enrolled, p.width FROM bookings b JOIN subjects s ON s.id = b.subject_id"
                                " JOIN photos p ON p.booking_id = b.id"
                                " LEFT JOIN faces f ON f.photo_id = p.id ORDER BY b.id DESC",
                                &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      LineupBookingSummary *s = g_new0 (LineupBookingSummary, 1);
      s->booking_number = col_dup (st, 0);
      s->label = col_dup (st, 1);
      s->booking_date = col_dup (st, 2);
      s->photo_sha256 = col_dup (st, 3);
      s->reasons = col_dup (st, 4);
      s->quality_json = col_dup (st, 5);
      for (int k = 0; k < 4; k++)
        s->box[k] = sqlite3_column_double (st, 6 + k);
      s->enrolled = sqlite3_column_int (st, 10);
      s->width = sqlite3_column_int (st, 11);
      g_ptr_array_add (out, s);
    }
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify)g_ptr_array_unref);
}

void
lineup_db_list_bookings_async (LineupDb           *db,
                               LineupUser         *user,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  lineup_db_run_async (db, list_job, user ? g_object_ref (user) : NULL, g_object_unref, cancellable,
                       callback, user_data);
}

GPtrArray *
lineup_db_list_bookings_finish (LineupDb     *db,
                                GAsyncResult *result,
                                GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* search index */

typedef struct
{
  char    *model_id;
  gboolean include_excluded;
} IndexRequest;

static void
index_request_free (IndexRequest *r)
{
  g_free (r->model_id);
  g_free (r);
}

static void
load_index_job (LineupDbThread *t,
                GTask          *task)
{
  IndexRequest *r = g_task_get_task_data (task);
  g_autoptr(LineupIndex) index = lineup_index_new (LINEUP_SHIM_DESCRIPTOR_DIM);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GError) error = NULL;

  if (!lineup_db_require_open (t, task))
    return;
  /* Only enrolled faces of this very model: descriptors of different
   * models are never compared. */
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT id, descriptor FROM faces WHERE (enrolled = 1 OR ?) AND model_id = ?"
                                " AND length(descriptor) = ?",
                                &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_bind_int (st, 1, r->include_excluded);
  sqlite3_bind_text (st, 2, r->model_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 3, LINEUP_SHIM_DESCRIPTOR_DIM * sizeof (float));
  while (sqlite3_step (st) == SQLITE_ROW)
    lineup_index_add (index, sqlite3_column_int64 (st, 0), sqlite3_column_blob (st, 1));
  g_task_return_pointer (task, g_steal_pointer (&index), (GDestroyNotify)lineup_index_free);
}

LineupIndex *
lineup_db_load_index_sync (LineupDb   *db,
                           const char *model_id,
                           gboolean    include_excluded,
                           GError    **error)
{
  IndexRequest *r = g_new0 (IndexRequest, 1);

  r->model_id = g_strdup (model_id);
  r->include_excluded = include_excluded;
  return lineup_db_run_sync (db, load_index_job, r, (GDestroyNotify)index_request_free, error);
}

static void
face_labels_job (LineupDbThread *t,
                 GTask          *task)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GError) error = NULL;

  if (!lineup_db_require_open (t, task))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT f.id, s.label FROM faces f JOIN photos p ON p.id = f.photo_id"
                                " JOIN bookings b ON b.id = p.booking_id JOIN subjects s ON s.id = b.subject_id",
                                &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_hash_table_insert (labels, g_memdup2 (&id, sizeof id), col_dup (st, 1));
    }
  g_task_return_pointer (task, g_steal_pointer (&labels), (GDestroyNotify)g_hash_table_unref);
}

GHashTable *
lineup_db_face_labels_sync (LineupDb *db,
                            GError  **error)
{
  return lineup_db_run_sync (db, face_labels_job, NULL, NULL, error);
}
