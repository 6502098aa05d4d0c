/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-probe.c: probes and their edit steps (database thread jobs).
 *
 * The original is kept byte for byte under DATA/probes/, named by its
 * sha256, and never rewritten; edits are steps replayed on it, and a step
 * inside a searched version stays on record.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lineup-case-policy.h"
#include "lineup-db-case-private.h"
#include "lineup-error.h"

typedef struct
{
  LineupUser       *actor;
  char             *data_dir;
  char             *number;
  LineupProbeSource source;
  LineupImage      *image;
} ProbeAddRequest;

static void
probe_add_request_free (ProbeAddRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r->data_dir);
  g_free (r->number);
  g_clear_object (&r->image);
  g_free (r);
}

static void
probe_add_job (LineupDbThread *t,
               GTask          *task)
{
  ProbeAddRequest *r = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *details = NULL;
  g_autofree char *probe_id = NULL;
  const char      *sha = lineup_image_get_sha256 (r->image);
  GBytes          *bytes = lineup_image_get_bytes (r->image);
  GError          *error = NULL;
  gint64           case_id = 0, id;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_CASE, "case", r->number) ||
      !lineup_db_case_open_for_work (t, task, r->actor, r->number, &case_id))
    return;
  if (bytes == NULL)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                               _("The probe “%s” has no original file bytes to keep"),
                               lineup_image_get_name (r->image));
      return;
    }
  path = lineup_probe_store_path (r->data_dir, sha);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      (!g_file_test (path, G_FILE_TEST_EXISTS) &&
       !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)))
    {
      if (error == NULL)
        g_set_error (&error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot create “%s”"), dir);
      g_prefix_error (&error, _("Cannot keep the probe “%s”: "), lineup_image_get_name (r->image));
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO probes (case_id, sha256, source_type, original_name, created_by)"
                                " VALUES (?,?,?,?,?)",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, case_id);
  sqlite3_bind_text (st, 2, sha, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, lineup_probe_source_to_string (r->source), -1, SQLITE_STATIC);
  lineup_db_bind_text (st, 4, lineup_image_get_name (r->image));
  sqlite3_bind_int64 (st, 5, lineup_user_get_id (r->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  id = sqlite3_last_insert_rowid (t->conn);
  probe_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  {
    g_autofree char *w = g_strdup_printf ("%d", lineup_image_get_width (r->image));
    g_autofree char *h = g_strdup_printf ("%d", lineup_image_get_height (r->image));
    details = lineup_db_json_strings ("case", r->number, "sha256", sha, "source",
                                      lineup_probe_source_to_string (r->source), "file",
                                      lineup_image_get_name (r->image), "width", w, "height", h, NULL);
  }
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (r->actor), "probe.load", "probe", probe_id, details,
                               &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  g_task_return_pointer (task,
                         g_object_new (LINEUP_TYPE_PROBE_RECORD,
                                       "id", id,
                                       "case-number", r->number,
                                       "sha256", sha,
                                       "source", lineup_probe_source_to_string (r->source),
                                       "original-name", lineup_image_get_name (r->image),
                                       NULL),
                         g_object_unref);
}

static ProbeAddRequest *
probe_add_request (LineupUser       *actor,
                   const char       *data_dir,
                   const char       *case_number,
                   LineupProbeSource source,
                   LineupImage      *image)
{
  ProbeAddRequest *r = g_new0 (ProbeAddRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->data_dir = g_strdup (data_dir);
  r->number = g_strdup (case_number);
  r->source = source;
  r->image = g_object_ref (image);
  return r;
}

LineupProbeRecord *
lineup_db_probe_add_sync (LineupDb         *db,
                          LineupUser       *actor,
                          const char       *data_dir,
                          const char       *case_number,
                          LineupProbeSource source,
                          LineupImage      *image,
                          GError          **error)
{
  return lineup_db_run_sync (db, probe_add_job, probe_add_request (actor, data_dir, case_number, source, image),
                             (GDestroyNotify)probe_add_request_free, error);
}

void
lineup_db_probe_add_async (LineupDb           *db,
                           LineupUser         *actor,
                           const char         *data_dir,
                           const char         *case_number,
                           LineupProbeSource   source,
                           LineupImage        *image,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  lineup_db_run_async (db, probe_add_job, probe_add_request (actor, data_dir, case_number, source, image),
                       (GDestroyNotify)probe_add_request_free, cancellable, callback, user_data);
}

LineupProbeRecord *
lineup_db_probe_add_finish (LineupDb     *db,
                            GAsyncResult *result,
                            GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

typedef struct
{
  LineupUser *actor;
  gint64      probe_id;
  char       *op;
  JsonObject *params;
} ProbeEditRequest;

static void
probe_edit_request_free (ProbeEditRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r->op);
  g_clear_pointer (&r->params, json_object_unref);
  g_free (r);
}

static void
probe_edit_job (LineupDbThread *t,
                GTask          *task)
{
  ProbeEditRequest *r = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *probe_id = g_strdup_printf ("%" G_GINT64_FORMAT, r->probe_id);
  g_autofree char *number = NULL;
  g_autofree char *params = NULL;
  g_autofree char *details = NULL;
  g_autofree char *seq_text = NULL;
  GError          *error = NULL;
  gint64           seq;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_CASE, "probe", probe_id))
    return;
  if (!(number = lineup_db_probe_case (t->conn, r->probe_id)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no probe %s"),
                               probe_id);
      return;
    }
  if (!lineup_probe_check_edit (r->op, r->params, &error))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  params = r->params ? lineup_db_object_to_string (r->params) : g_strdup ("{}");
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO probe_edits (probe_id, seq, op, params_json, created_by)"
                                " VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM probe_edits"
                                " WHERE probe_id = ?1), ?2, ?3, ?4)",
                                &error)))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, r->probe_id);
  sqlite3_bind_text (st, 2, r->op, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, params, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, lineup_user_get_id (r->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  seq = lineup_db_query_int64 (t->conn, "SELECT seq FROM probe_edits WHERE rowid = last_insert_rowid()");
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  details = lineup_db_json_strings ("case", number, "seq", seq_text, "op", r->op, "params", params, NULL);
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (r->actor), "probe.edit", "probe", probe_id, details,
                               &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      lineup_db_case_fail (t, task, error, TRUE);
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&seq, sizeof seq), g_free);
}

static ProbeEditRequest *
probe_edit_request (LineupUser *actor,
                    gint64      probe_id,
                    const char *op,
                    JsonObject *params)
{
  ProbeEditRequest *r = g_new0 (ProbeEditRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->probe_id = probe_id;
  r->op = g_strdup (op);
  r->params = params ? json_object_ref (params) : NULL;
  return r;
}

gint64
lineup_db_probe_edit_sync (LineupDb   *db,
                           LineupUser *actor,
                           gint64      probe_id,
                           const char *op,
                           JsonObject *params,
                           GError    **error)
{
  g_autofree gint64 *seq = lineup_db_run_sync (db, probe_edit_job, probe_edit_request (actor, probe_id, op, params),
                                               (GDestroyNotify)probe_edit_request_free, error);
  return seq ? *seq : -1;
}

void
lineup_db_probe_edit_async (LineupDb           *db,
                            LineupUser         *actor,
                            gint64              probe_id,
                            const char         *op,
                            JsonObject         *params,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  lineup_db_run_async (db, probe_edit_job, probe_edit_request (actor, probe_id, op, params),
                       (GDestroyNotify)probe_edit_request_free, cancellable, callback, user_data);
}

gint64
lineup_db_probe_edit_finish (LineupDb     *db,
                             GAsyncResult *result,
                             GError      **error)
{
  g_autofree gint64 *seq = lineup_db_run_finish (db, result, error);
  return seq ? *seq : -1;
}

typedef struct
{
  LineupUser *actor;
  gint64      probe_id;
  gint64      seq;
} EditRemoveRequest;

static void
edit_remove_request_free (EditRemoveRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r);
}

/* Removing a step marks it; the row stays (and the audit entry says who).
 * A step that a stored search's version contains cannot go: that search
 * must stay reproducible from the original. */
static void
edit_remove_job (LineupDbThread *t,
                 GTask          *task)
{
  EditRemoveRequest *r = g_task_get_task_data (task);
  g_autofree char   *probe_id = g_strdup_printf ("%" G_GINT64_FORMAT, r->probe_id);
  g_autofree char   *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, r->seq);
  g_autofree char   *number = NULL;
  g_autofree char   *details = NULL;
  g_autofree char   *sql = NULL;
  GError            *error = NULL;
  gint64             searched;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_CASE, "probe", probe_id))
    return;
  if (!(number = lineup_db_probe_case (t->conn, r->probe_id)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no probe %s"), probe_id);
      return;
    }
  sql = g_strdup_printf ("SELECT count(*) FROM probe_edits WHERE probe_id = %" G_GINT64_FORMAT
                         " AND seq = %" G_GINT64_FORMAT " AND removed = 0",
                         r->probe_id, r->seq);
  if (lineup_db_query_int64 (t->conn, sql) != 1)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("Probe %s has no edit step %s to remove"), probe_id, seq_text);
      return;
    }
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(max(edit_seq), 0) FROM searches WHERE probe_id = %" G_GINT64_FORMAT,
                         r->probe_id);
  searched = lineup_db_query_int64 (t->conn, sql);
  if (!lineup_case_policy_check_edit_removable (r->seq, searched, &error))
    {
      lineup_db_case_refuse (t, task, r->actor, "probe", probe_id, error);
      return;
    }
  details = lineup_db_json_strings ("case", number, "seq", seq_text, NULL);
  if (lineup_db_audited_exec (t, task, r->actor, "probe.edit_remove", "probe", probe_id, details,
                              "UPDATE probe_edits SET removed = 1 WHERE probe_id = %lld AND seq = %lld",
                              (long long)r->probe_id, (long long)r->seq))
    g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

static EditRemoveRequest *
edit_remove_request (LineupUser *actor,
                     gint64      probe_id,
                     gint64      seq)
{
  EditRemoveRequest *r = g_new0 (EditRemoveRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->probe_id = probe_id;
  r->seq = seq;
  return r;
}

gboolean
lineup_db_probe_edit_remove_sync (LineupDb   *db,
                                  LineupUser *actor,
                                  gint64      probe_id,
                                  gint64      seq,
                                  GError    **error)
{
  return lineup_db_run_sync (db, edit_remove_job, edit_remove_request (actor, probe_id, seq),
                             (GDestroyNotify)edit_remove_request_free, error) != NULL;
}

void
lineup_db_probe_edit_remove_async (LineupDb           *db,
                                   LineupUser         *actor,
                                   gint64              probe_id,
                                   gint64              seq,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  lineup_db_run_async (db, edit_remove_job, edit_remove_request (actor, probe_id, seq),
                       (GDestroyNotify)edit_remove_request_free, cancellable, callback, user_data);
}

gboolean
lineup_db_probe_edit_remove_finish (LineupDb     *db,
                                    GAsyncResult *result,
                                    GError      **error)
{
  return lineup_db_run_finish (db, result, error) != NULL;
}
