/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-case.c: cases, probes, the gallery search, decisions, reviews
 * and the case dossier (database thread jobs).
 *
 * The search index lives on the database thread: it is loaded on the first
 * search, brought up to date before every search (new faces appended by id,
 * a count check catching anything else, such as another process purging),
 * and purges in this process remove their faces at once. Searching where the
 * rows live also makes "scan, store the search and its candidates, audit it"
 * one transaction.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lineup-accounts.h"
#include "lineup-case.h"
#include "lineup-db-private.h"
#include "lineup-engine.h"
#include "lineup-error.h"
#include "lineup-index.h"

/* the argument bag */

typedef struct
{
  LineupUser          *actor;
  char                *number;
  char                *offence;
  char                *text;        /* reason, note, comment */
  char                *data_dir;
  char                *op;
  JsonObject          *params;
  LineupImage         *image;
  gint64               id;          /* probe, search or decision id */
  gint64               rank;
  int                  kind;        /* source, decision, verdict, blind */
  /* search */
  char                *model_sha256;
  LineupFace          *face;
  gint64               edit_seq;
  guint                top_k;
  double               threshold;
  LineupSearchProgressFunc   progress;
  gpointer             progress_data;
  GMainContext        *context;
} CaseData;

static void
case_data_free (CaseData *d)
{
  g_clear_object (&d->actor);
  g_free (d->number);
  g_free (d->offence);
  g_free (d->text);
  g_free (d->data_dir);
  g_free (d->op);
  g_clear_pointer (&d->params, json_object_unref);
  g_clear_object (&d->image);
  g_free (d->model_sha256);
  g_clear_object (&d->face);
  g_clear_pointer (&d->context, g_main_context_unref);
  g_free (d);
}

static CaseData *
case_data_new (LineupUser *actor)
{
  CaseData *d = g_new0 (CaseData, 1);

  d->actor = actor ? g_object_ref (actor) : NULL;
  return d;
}

void
lineup_search_request_free (LineupSearchRequest *r)
{
  if (r == NULL)
    return;
  g_free (r->case_number);
  g_clear_object (&r->face);
  g_free (r);
}

static const char *
actor_name (CaseData *d)
{
  return lineup_user_get_name (d->actor);
}

/* Fails the task with err (the caller's GError). */
static void
fail_task (LineupDbThread *t,
           GTask          *task,
           GError         *error,
           gboolean        rollback)
{
  if (rollback)
    lineup_db_exec (t->conn, "ROLLBACK", NULL);
  g_task_return_error (task, error);
}

/* A refusal on policy grounds (not a role): audited, then returned. */
static void
refuse (LineupDbThread *t,
        GTask          *task,
        CaseData       *d,
        const char     *object_type,
        const char     *object_id,
        int             code,
        const char     *message)
{
  g_autofree char *details = lineup_db_json_strings ("reason", message, NULL);

  lineup_db_audit_append (t->conn, actor_name (d), "refused", object_type, object_id, details, NULL);
  g_task_return_new_error (task, LINEUP_ERROR, code, "%s", message);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static char *
object_to_string (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  return node_to_string (node);
}

static void
set_text (JsonObject   *o,
          const char   *name,
          sqlite3_stmt *st,
          int           i)
{
  if (sqlite3_column_type (st, i) == SQLITE_NULL)
    json_object_set_null_member (o, name);
  else
    json_object_set_string_member (o, name, (const char *)sqlite3_column_text (st, i));
}

static JsonNode *
object_node (JsonObject *o)
{
  return json_node_init_object (json_node_alloc (), o);
}

/* cases */

static JsonObject *
case_object (sqlite3    *conn,
             const char *number,
             gint64     *id)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  JsonObject *o;

  st = lineup_db_prepare (conn,
                          "SELECT c.id, c.number, c.offence, o.label, c.reason, c.status, u.name,"
                          " c.created_at, o.search_allowed,"
                          " (SELECT count(*) FROM searches s WHERE s.case_id = c.id)"
                          " FROM cases c JOIN offence_categories o ON o.code = c.offence"
                          " JOIN users u ON u.id = c.created_by WHERE c.number = ?",
                          NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  o = json_object_new ();
  if (id)
    *id = sqlite3_column_int64 (st, 0);
  json_object_set_int_member (o, "id", sqlite3_column_int64 (st, 0));
  set_text (o, "number", st, 1);
  set_text (o, "offence", st, 2);
  set_text (o, "offence_label", st, 3);
  set_text (o, "reason", st, 4);
  set_text (o, "status", st, 5);
  set_text (o, "created_by", st, 6);
  set_text (o, "created_at", st, 7);
  json_object_set_boolean_member (o, "search_allowed", sqlite3_column_int (st, 8) != 0);
  json_object_set_int_member (o, "searches", sqlite3_column_int64 (st, 9));
  return o;
}

static gboolean
require_case (LineupDbThread *t,
              GTask          *task,
              const char     *number,
              gint64         *id,
              JsonObject    **out)
{
  JsonObject *o = number ? case_object (t->conn, number, id) : NULL;

  if (o == NULL)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("There is no case “%s”"), number ? number : "");
      return FALSE;
    }
  if (out)
    *out = o;
  else
    json_object_unref (o);
  return TRUE;
}

#define MIN_REASON_CHARS 10

static void
case_new_job (LineupDbThread *t,
              GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *details = NULL;
  GError *error = NULL;
  gint64 allowed;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_CASE, "case", d->number))
    return;
  if (d->number == NULL || *g_strstrip (d->number) == '\0')
    {
      refuse (t, task, d, "case", NULL, LINEUP_ERROR_POLICY,
              _("A search needs a case: give the case number."));
      return;
    }
  if (d->text == NULL || g_utf8_strlen (g_strstrip (d->text), -1) < MIN_REASON_CHARS)
    {
      g_autofree char *msg = g_strdup_printf (_("Case %s needs a written reason for searching "
                                                "(at least %d characters): why is face search "
                                                "needed in this investigation?"),
                                              d->number, MIN_REASON_CHARS);
      refuse (t, task, d, "case", d->number, LINEUP_ERROR_POLICY, msg);
      return;
    }
  if (!(st = lineup_db_prepare (t->conn, "SELECT search_allowed FROM offence_categories WHERE code = ?",
                                &error)))
    {
      fail_task (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_text (st, 1, d->offence ? d->offence : "", -1, SQLITE_TRANSIENT);
  allowed = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int (st, 0) : -1;
  g_clear_pointer (&st, sqlite3_finalize);
  if (allowed < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown offence category “%s”; see the list in "
                                                "Preferences or “lineup-cli offence list”."),
                                              d->offence ? d->offence : "");
      refuse (t, task, d, "case", d->number, LINEUP_ERROR_INVALID_ARGUMENT, msg);
      return;
    }
  if (allowed == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Face search is not allowed for the offence "
                                                "category “%s” by this agency's policy."),
                                              d->offence);
      refuse (t, task, d, "case", d->number, LINEUP_ERROR_POLICY, msg);
      return;
    }

  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO cases (uuid, number, offence, reason, created_by)"
                                " VALUES (?,?,?,?,?)",
                                &error)))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_text (st, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, d->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, d->offence, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, d->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 5, lineup_user_get_id (d->actor));
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (t->conn) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (&error, LINEUP_ERROR, LINEUP_ERROR_EXISTS, _("Case “%s” exists already"),
                     d->number);
      else
        g_set_error (&error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (t->conn));
      fail_task (t, task, error, TRUE);
      return;
    }
  details = lineup_db_json_strings ("case", d->number, "offence", d->offence, "reason", d->text, NULL);
  if (!lineup_db_audit_append (t->conn, actor_name (d), "case.open", "case", d->number, details,
                               &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  g_task_return_pointer (task, object_node (case_object (t->conn, d->number, NULL)),
                         (GDestroyNotify)json_node_unref);
}

static CaseData *
case_new_data (LineupUser *actor,
               const char *number,
               const char *offence,
               const char *reason)
{
  CaseData *d = case_data_new (actor);

  d->number = g_strdup (number);
  d->offence = g_strdup (offence);
  d->text = g_strdup (reason);
  return d;
}

JsonNode *
lineup_db_case_new_sync (LineupDb    *db,
                         LineupUser  *actor,
                         const char  *number,
                         const char  *offence,
                         const char  *reason,
                         GError     **error)
{
  return lineup_db_run_sync (db, case_new_job, case_new_data (actor, number, offence, reason),
                             (GDestroyNotify)case_data_free, error);
}

void
lineup_db_case_new_async (LineupDb            *db,
                          LineupUser          *actor,
                          const char          *number,
                          const char          *offence,
                          const char          *reason,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  lineup_db_run_async (db, case_new_job, case_new_data (actor, number, offence, reason),
                       (GDestroyNotify)case_data_free, cancellable, callback, user_data);
}

JsonNode *
lineup_db_case_new_finish (LineupDb      *db,
                           GAsyncResult  *result,
                           GError       **error)
{
  return lineup_db_run_finish (db, result, error);
}

static void
case_list_job (LineupDbThread *t,
               GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  JsonArray *arr = json_array_new ();
  GError *error = NULL;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_CASE, "case", NULL))
    {
      json_array_unref (arr);
      return;
    }
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT number FROM cases ORDER BY status = 'closed', id DESC", &error)))
    {
      json_array_unref (arr);
      fail_task (t, task, error, FALSE);
      return;
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      JsonObject *o = case_object (t->conn, (const char *)sqlite3_column_text (st, 0), NULL);
      if (o)
        json_array_add_object_element (arr, o);
    }
  g_task_return_pointer (task, json_node_init_array (json_node_alloc (), arr),
                         (GDestroyNotify)json_node_unref);
  json_array_unref (arr);
}

JsonNode *
lineup_db_case_list_sync (LineupDb    *db,
                          LineupUser  *actor,
                          GError     **error)
{
  return lineup_db_run_sync (db, case_list_job, case_data_new (actor), (GDestroyNotify)case_data_free,
                             error);
}

void
lineup_db_case_list_async (LineupDb            *db,
                           LineupUser          *actor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  lineup_db_run_async (db, case_list_job, case_data_new (actor), (GDestroyNotify)case_data_free,
                       cancellable, callback, user_data);
}

JsonNode *
lineup_db_case_list_finish (LineupDb      *db,
                            GAsyncResult  *result,
                            GError       **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* probes */

static gboolean
case_open_for_work (LineupDbThread *t,
                    GTask          *task,
                    CaseData       *d,
                    gint64         *case_id)
{
  g_autoptr(JsonObject) c = NULL;

  if (!require_case (t, task, d->number, case_id, &c))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member (c, "status"), "closed") == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Case %s is closed"), d->number);
      refuse (t, task, d, "case", d->number, LINEUP_ERROR_POLICY, msg);
      return FALSE;
    }
  if (!json_object_get_boolean_member (c, "search_allowed"))
    {
      g_autofree char *msg = g_strdup_printf (_("Face search is not allowed for the offence "
                                                "category of case %s (%s) by this agency's policy."),
                                              d->number, json_object_get_string_member (c, "offence"));
      refuse (t, task, d, "case", d->number, LINEUP_ERROR_POLICY, msg);
      return FALSE;
    }
  return TRUE;
}

static void
probe_add_job (LineupDbThread *t,
               GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *details = NULL;
  g_autofree char *probe_id = NULL;
  const char *sha = lineup_image_get_sha256 (d->image);
  GBytes *bytes = lineup_image_get_bytes (d->image);
  GError *error = NULL;
  gint64 case_id = 0, id;
  JsonObject *o;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_CASE, "case", d->number) ||
      !case_open_for_work (t, task, d, &case_id))
    return;
  if (bytes == NULL)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                               _("The probe “%s” has no original file bytes to keep"),
                               lineup_image_get_name (d->image));
      return;
    }
  /* The original is kept byte for byte, named by its sha256, and never
   * rewritten: edits are replayed on it. */
  path = lineup_probe_store_path (d->data_dir, sha);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      (!g_file_test (path, G_FILE_TEST_EXISTS) &&
       !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)))
    {
      if (error == NULL)
        g_set_error (&error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot create “%s”"), dir);
      g_prefix_error (&error, _("Cannot keep the probe “%s”: "), lineup_image_get_name (d->image));
      fail_task (t, task, error, FALSE);
      return;
    }
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO probes (case_id, sha256, source_type, original_name, created_by)"
                                " VALUES (?,?,?,?,?)",
                                &error)))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, case_id);
  sqlite3_bind_text (st, 2, sha, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, lineup_probe_source_to_string (d->kind), -1, SQLITE_STATIC);
  lineup_db_bind_text (st, 4, lineup_image_get_name (d->image));
  sqlite3_bind_int64 (st, 5, lineup_user_get_id (d->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  id = sqlite3_last_insert_rowid (t->conn);
  probe_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  {
    g_autofree char *w = g_strdup_printf ("%d", lineup_image_get_width (d->image));
    g_autofree char *h = g_strdup_printf ("%d", lineup_image_get_height (d->image));
    details = lineup_db_json_strings ("case", d->number, "sha256", sha, "source",
                                      lineup_probe_source_to_string (d->kind), "file",
                                      lineup_image_get_name (d->image), "width", w, "height", h, NULL);
  }
  if (!lineup_db_audit_append (t->conn, actor_name (d), "probe.load", "probe", probe_id, details,
                               &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  o = json_object_new ();
  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "case", d->number);
  json_object_set_string_member (o, "sha256", sha);
  json_object_set_string_member (o, "source", lineup_probe_source_to_string (d->kind));
  json_object_set_string_member (o, "original_name", lineup_image_get_name (d->image));
  g_task_return_pointer (task, object_node (o), (GDestroyNotify)json_node_unref);
}

static CaseData *
probe_add_data (LineupUser        *actor,
                const char        *data_dir,
                const char        *case_number,
                LineupProbeSource  source,
                LineupImage       *image)
{
  CaseData *d = case_data_new (actor);

  d->data_dir = g_strdup (data_dir);
  d->number = g_strdup (case_number);
  d->kind = source;
  d->image = g_object_ref (image);
  return d;
}

JsonNode *
lineup_db_probe_add_sync (LineupDb          *db,
                          LineupUser        *actor,
                          const char        *data_dir,
                          const char        *case_number,
                          LineupProbeSource  source,
                          LineupImage       *image,
                          GError           **error)
{
  return lineup_db_run_sync (db, probe_add_job, probe_add_data (actor, data_dir, case_number, source, image),
                             (GDestroyNotify)case_data_free, error);
}

void
lineup_db_probe_add_async (LineupDb            *db,
                           LineupUser          *actor,
                           const char          *data_dir,
                           const char          *case_number,
                           LineupProbeSource    source,
                           LineupImage         *image,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  lineup_db_run_async (db, probe_add_job, probe_add_data (actor, data_dir, case_number, source, image),
                       (GDestroyNotify)case_data_free, cancellable, callback, user_data);
}

JsonNode *
lineup_db_probe_add_finish (LineupDb      *db,
                            GAsyncResult  *result,
                            GError       **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* The probe's case number (and that the probe exists). */
static char *
probe_case (sqlite3 *conn,
            gint64   probe_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
                                                  "SELECT c.number FROM probes p JOIN cases c ON c.id = p.case_id"
                                                  " WHERE p.id = ?",
                                                  NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, probe_id);
  return sqlite3_step (st) == SQLITE_ROW ? lineup_db_column_dup (st, 0) : NULL;
}

static void
probe_edit_job (LineupDbThread *t,
                GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *probe_id = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  g_autofree char *params = NULL;
  g_autofree char *details = NULL;
  g_autofree char *seq_text = NULL;
  GError *error = NULL;
  gint64 seq;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_CASE, "probe", probe_id))
    return;
  if (!(d->number = probe_case (t->conn, d->id)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no probe %s"),
                               probe_id);
      return;
    }
  if (!lineup_probe_check_edit (d->op, d->params, &error))
    {
      fail_task (t, task, error, FALSE);
      return;
    }
  params = d->params ? object_to_string (d->params) : g_strdup ("{}");
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO probe_edits (probe_id, seq, op, params_json, created_by)"
                                " VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM probe_edits"
                                " WHERE probe_id = ?1), ?2, ?3, ?4)",
                                &error)))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, d->id);
  sqlite3_bind_text (st, 2, d->op, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, params, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, lineup_user_get_id (d->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  seq = lineup_db_query_int64 (t->conn, "SELECT seq FROM probe_edits WHERE rowid = last_insert_rowid()");
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  details = lineup_db_json_strings ("case", d->number, "seq", seq_text, "op", d->op, "params", params,
                                    NULL);
  if (!lineup_db_audit_append (t->conn, actor_name (d), "probe.edit", "probe", probe_id, details, &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&seq, sizeof seq), g_free);
}

static CaseData *
probe_edit_data (LineupUser *actor,
                 gint64      probe_id,
                 const char *op,
                 JsonObject *params)
{
  CaseData *d = case_data_new (actor);

  d->id = probe_id;
  d->op = g_strdup (op);
  d->params = params ? json_object_ref (params) : NULL;
  return d;
}

gint64
lineup_db_probe_edit_sync (LineupDb    *db,
                           LineupUser  *actor,
                           gint64       probe_id,
                           const char  *op,
                           JsonObject  *params,
                           GError     **error)
{
  g_autofree gint64 *seq = lineup_db_run_sync (db, probe_edit_job, probe_edit_data (actor, probe_id, op, params),
                                               (GDestroyNotify)case_data_free, error);
  return seq ? *seq : -1;
}

void
lineup_db_probe_edit_async (LineupDb            *db,
                            LineupUser          *actor,
                            gint64               probe_id,
                            const char          *op,
                            JsonObject          *params,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  lineup_db_run_async (db, probe_edit_job, probe_edit_data (actor, probe_id, op, params),
                       (GDestroyNotify)case_data_free, cancellable, callback, user_data);
}

gint64
lineup_db_probe_edit_finish (LineupDb      *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autofree gint64 *seq = lineup_db_run_finish (db, result, error);
  return seq ? *seq : -1;
}

/* Removing a step marks it; the row stays (and the audit entry says who).
 * A step that a stored search's version contains cannot go: that search
 * must stay reproducible from the original. */
static void
probe_edit_remove_job (LineupDbThread *t,
                       GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autofree char *probe_id = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, d->rank);
  g_autofree char *details = NULL;
  g_autofree char *sql = NULL;
  gint64 searched;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_CASE, "probe", probe_id))
    return;
  if (!(d->number = probe_case (t->conn, d->id)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no probe %s"), probe_id);
      return;
    }
  sql = g_strdup_printf ("SELECT count(*) FROM probe_edits WHERE probe_id = %" G_GINT64_FORMAT
                         " AND seq = %" G_GINT64_FORMAT " AND removed = 0", d->id, d->rank);
  if (lineup_db_query_int64 (t->conn, sql) != 1)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("Probe %s has no edit step %s to remove"), probe_id, seq_text);
      return;
    }
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(max(edit_seq), 0) FROM searches WHERE probe_id = %" G_GINT64_FORMAT, d->id);
  searched = lineup_db_query_int64 (t->conn, sql);
  if (d->rank <= searched)
    {
      g_autofree char *msg = g_strdup_printf (_("Edit step %s was part of a version that has been searched, so "
                                                "it stays on record. Load the original again to start over."),
                                              seq_text);
      refuse (t, task, d, "probe", probe_id, LINEUP_ERROR_POLICY, msg);
      return;
    }
  details = lineup_db_json_strings ("case", d->number, "seq", seq_text, NULL);
  if (lineup_db_audited_exec (t, task, d->actor, "probe.edit_remove", "probe", probe_id, details,
                              "UPDATE probe_edits SET removed = 1 WHERE probe_id = %lld AND seq = %lld",
                              (long long)d->id, (long long)d->rank))
    g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

static CaseData *
probe_edit_remove_data (LineupUser *actor,
                        gint64      probe_id,
                        gint64      seq)
{
  CaseData *d = case_data_new (actor);

  d->id = probe_id;
  d->rank = seq;
  return d;
}

gboolean
lineup_db_probe_edit_remove_sync (LineupDb    *db,
                                  LineupUser  *actor,
                                  gint64       probe_id,
                                  gint64       seq,
                                  GError     **error)
{
  return lineup_db_run_sync (db, probe_edit_remove_job, probe_edit_remove_data (actor, probe_id, seq),
                             (GDestroyNotify)case_data_free, error) != NULL;
}

void
lineup_db_probe_edit_remove_async (LineupDb            *db,
                                   LineupUser          *actor,
                                   gint64               probe_id,
                                   gint64               seq,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  lineup_db_run_async (db, probe_edit_remove_job, probe_edit_remove_data (actor, probe_id, seq),
                       (GDestroyNotify)case_data_free, cancellable, callback, user_data);
}

gboolean
lineup_db_probe_edit_remove_finish (LineupDb      *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lineup_db_run_finish (db, result, error) != NULL;
}

/* the search index, kept in step */

typedef struct
{
  LineupIndex *index;
  char        *model_id;
  gboolean     include_excluded;
  gint64       max_face_id;
  gint64       rows;          /* rows seen, descriptor or not */
  gint64       data_version;  /* PRAGMA data_version when last checked */
} SearchCache;

static void
search_cache_free (SearchCache *c)
{
  g_clear_pointer (&c->index, lineup_index_free);
  g_free (c->model_id);
  g_free (c);
}

void
lineup_db_search_cache_faces_removed (LineupDbThread *t,
                                      const gint64   *face_ids,
                                      guint           n)
{
  SearchCache *c = t->search_cache;

  if (c == NULL)
    return;
  for (guint i = 0; i < n; i++)
    if (lineup_index_remove (c->index, face_ids[i]))
      c->rows--;
  /* SQLite hands out max(rowid) + 1: with the highest rows gone, new faces
   * may reuse their ids, so appends are looked for from the new maximum. */
  c->max_face_id = MIN (c->max_face_id, lineup_db_query_int64 (t->conn, "SELECT coalesce(max(id), 0) FROM faces"));
}

typedef struct
{
  LineupSearchProgressFunc func;
  gpointer           data;
  double             fraction;
} ProgressCall;

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressCall *p = user_data;

  p->func (p->fraction, p->data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (CaseData *d,
                 double    fraction)
{
  ProgressCall *p;

  if (d->progress == NULL)
    return;
  p = g_new (ProgressCall, 1);
  p->func = d->progress;
  p->data = d->progress_data;
  p->fraction = fraction;
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, progress_dispatch, p, g_free);
}

/* Answered from the (model_id, enrolled) index alone when counting. */
static const char faces_where[] =
  " FROM faces WHERE model_id = ?2 AND (enrolled = 1 OR ?1)";

static sqlite3_stmt *
faces_query (sqlite3      *conn,
             const char   *select,
             const char   *tail,
             SearchCache  *c,
             GError      **error)
{
  g_autofree char *sql = g_strconcat (select, faces_where, tail, NULL);
  sqlite3_stmt *st = lineup_db_prepare (conn, sql, error);

  if (st == NULL)
    return NULL;
  sqlite3_bind_int (st, 1, c->include_excluded);
  sqlite3_bind_text (st, 2, c->model_id, -1, SQLITE_TRANSIENT);
  return st;
}

/* Adds faces newer than the cache's last id; with full, starts afresh.
 * Returns the number of faces the gallery has for this model. */
static gboolean
cache_add_from (LineupDbThread *t,
                CaseData       *d,
                SearchCache    *c,
                gint64          total,
                GError        **error)
{
  /* "+model_id" keeps the planner on the rowid range, not the model index:
   * after the first load only a few new rows are wanted. */
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (t->conn,
                                                  "SELECT id, descriptor FROM faces WHERE id > ?4"
                                                  " AND +model_id = ?2 AND (enrolled = 1 OR ?1) ORDER BY id",
                                                  error);
  gint64 n = 0;
  double last = 0;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, c->include_excluded);
  sqlite3_bind_text (st, 2, c->model_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, c->max_face_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      c->max_face_id = sqlite3_column_int64 (st, 0);
      c->rows++;
      if (sqlite3_column_bytes (st, 1) == LINEUP_SHIM_DESCRIPTOR_DIM * sizeof (float))
        lineup_index_add (c->index, c->max_face_id, sqlite3_column_blob (st, 1));
      /* Loading a million faces takes seconds: say how far it is. */
      if (total > 50000 && ++n % 20000 == 0 && (double)n / total - last > 0.02)
        report_progress (d, 0.9 * (last = (double)n / total));
    }
  return TRUE;
}

static SearchCache *
cache_sync (LineupDbThread  *t,
            CaseData        *d,
            const char      *model_id,
            gboolean         include_excluded,
            GError         **error)
{
  SearchCache *c = t->search_cache;
  gint64 total;

  if (c != NULL && (g_strcmp0 (c->model_id, model_id) != 0 || c->include_excluded != include_excluded))
    {
      search_cache_free (c);
      t->search_cache = c = NULL;
    }
  if (c == NULL)
    {
      c = g_new0 (SearchCache, 1);
      c->index = lineup_index_new (LINEUP_SHIM_DESCRIPTOR_DIM);
      c->model_id = g_strdup (model_id);
      c->include_excluded = include_excluded;
      t->search_cache = c;
      t->search_cache_free = (GDestroyNotify)search_cache_free;
    }
  /* Appends (imports) are picked up by id; this process's purges remove
   * their faces directly. Only when another connection has committed since
   * the last look (data_version) is the row count compared as well. */
  {
    gint64 version = lineup_db_query_int64 (t->conn, "PRAGMA data_version");
    gboolean fresh = c->rows == 0 && c->max_face_id == 0;
    g_autoptr(sqlite3_stmt) st = NULL;

    if (!fresh && version == c->data_version)
      return cache_add_from (t, d, c, 0, error) ? c : NULL;
    c->data_version = version;
    if (!(st = faces_query (t->conn, "SELECT count(*)", "", c, error)))
      return NULL;
    total = sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
  }
  if (!cache_add_from (t, d, c, total, error))
    return NULL;
  if (c->rows != total)
    {
      /* Something besides appends happened (another process purged or
       * re-enrolled): rebuild from the rows. */
      g_debug ("search index out of step (%" G_GINT64_FORMAT " vs %" G_GINT64_FORMAT " rows), reloading",
               c->rows, total);
      lineup_index_free (c->index);
      c->index = lineup_index_new (LINEUP_SHIM_DESCRIPTOR_DIM);
      c->max_face_id = 0;
      c->rows = 0;
      if (!cache_add_from (t, d, c, total, error))
        return NULL;
    }
  return c;
}

/* search JSON */

/* The stored 68 points of a booking face (flat x0, y0, …), so a viewer
 * never has to find the face again. */
static void
set_landmarks (JsonObject   *o,
               sqlite3_stmt *st,
               int           i)
{
  const float *pts;
  JsonArray *landmarks;

  if (sqlite3_column_bytes (st, i) != LINEUP_SHIM_N_LANDMARKS * 2 * sizeof (float))
    return;
  pts = sqlite3_column_blob (st, i);
  landmarks = json_array_new ();
  for (int k = 0; k < LINEUP_SHIM_N_LANDMARKS * 2; k++)
    json_array_add_double_element (landmarks, round (pts[k] * 10) / 10);
  json_object_set_array_member (o, "landmarks", landmarks);
}

static JsonObject *
candidate_object (sqlite3_stmt *st)
{
  JsonObject *o = json_object_new ();
  JsonObject *subject = json_object_new ();
  JsonArray *box = json_array_new ();

  /* rank, distance, similarity, face_id, subject_uuid, booking_number,
   * photo_sha256, label, person_id, booking_date, box x4, landmarks */
  json_object_set_int_member (o, "rank", sqlite3_column_int64 (st, 0));
  json_object_set_double_member (o, "distance", round (sqlite3_column_double (st, 1) * 1e4) / 1e4);
  json_object_set_double_member (o, "similarity", round (sqlite3_column_double (st, 2) * 1e4) / 1e4);
  if (sqlite3_column_type (st, 3) == SQLITE_NULL)
    json_object_set_null_member (o, "face_id");
  else
    json_object_set_int_member (o, "face_id", sqlite3_column_int64 (st, 3));
  set_text (subject, "id", st, 4);
  if (sqlite3_column_type (st, 7) == SQLITE_NULL)
    json_object_set_string_member (subject, "label", _("(purged)"));
  else
    set_text (subject, "label", st, 7);
  set_text (subject, "person_id", st, 8);
  json_object_set_object_member (o, "subject", subject);
  set_text (o, "booking_number", st, 5);
  set_text (o, "photo_sha256", st, 6);
  set_text (o, "booking_date", st, 9);
  if (sqlite3_column_type (st, 10) != SQLITE_NULL)
    for (int k = 0; k < 4; k++)
      json_array_add_double_element (box, sqlite3_column_double (st, 10 + k));
  json_object_set_array_member (o, "box", box);
  set_landmarks (o, st, 14);
  return o;
}

static JsonObject *
decisions_for (sqlite3 *conn,
               gint64   search_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
    "SELECT d.id, d.rank, d.decision, d.note, u.name, d.created_at,"
    " r.verdict, r.comment, ru.name, r.created_at"
    " FROM decisions d JOIN users u ON u.id = d.created_by"
    " LEFT JOIN reviews r ON r.decision_id = d.id LEFT JOIN users ru ON ru.id = r.reviewed_by"
    " WHERE d.search_id = ? ORDER BY d.id",
    NULL);
  JsonObject *holder = json_object_new ();
  JsonArray *arr = json_array_new ();

  json_object_set_array_member (holder, "decisions", arr);
  if (st == NULL)
    return holder;
  sqlite3_bind_int64 (st, 1, search_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", sqlite3_column_int64 (st, 0));
      json_object_set_int_member (o, "rank", sqlite3_column_int64 (st, 1));
      set_text (o, "decision", st, 2);
      set_text (o, "note", st, 3);
      set_text (o, "user", st, 4);
      set_text (o, "created_at", st, 5);
      if (sqlite3_column_type (st, 6) == SQLITE_NULL)
        json_object_set_null_member (o, "review");
      else
        {
          JsonObject *r = json_object_new ();
          set_text (r, "verdict", st, 6);
          set_text (r, "comment", st, 7);
          set_text (r, "user", st, 8);
          set_text (r, "created_at", st, 9);
          json_object_set_object_member (o, "review", r);
        }
      json_array_add_object_element (arr, o);
    }
  return holder;
}

static JsonObject *
search_object (sqlite3  *conn,
               gint64    search_id,
               gboolean  with_decisions)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
    "SELECT s.id, c.number, s.probe_id, s.edit_seq, s.model_id, m.sha256, s.threshold, s.top_k,"
    " s.gallery_size, s.no_hit, s.created_at, u.name, s.probe_face_json, p.sha256"
    " FROM searches s JOIN cases c ON c.id = s.case_id JOIN users u ON u.id = s.created_by"
    " JOIN probes p ON p.id = s.probe_id LEFT JOIN models m ON m.id = s.model_id WHERE s.id = ?",
    NULL);
  g_autoptr(sqlite3_stmt) cand = NULL;
  g_autoptr(GHashTable) groups = NULL;
  JsonObject *o;
  JsonArray *candidates, *group_arr;
  g_autoptr(GPtrArray) group_order = NULL;

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, search_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  o = json_object_new ();
  json_object_set_int_member (o, "search_id", sqlite3_column_int64 (st, 0));
  set_text (o, "case", st, 1);
  json_object_set_int_member (o, "probe_id", sqlite3_column_int64 (st, 2));
  set_text (o, "probe_sha256", st, 13);
  json_object_set_int_member (o, "edit_seq", sqlite3_column_int64 (st, 3));
  set_text (o, "model", st, 4);
  set_text (o, "model_sha256", st, 5);
  json_object_set_double_member (o, "threshold", sqlite3_column_double (st, 6));
  json_object_set_int_member (o, "top_k", sqlite3_column_int64 (st, 7));
  json_object_set_int_member (o, "gallery_size", sqlite3_column_int64 (st, 8));
  json_object_set_boolean_member (o, "no_hit", sqlite3_column_int (st, 9) != 0);
  set_text (o, "created_at", st, 10);
  set_text (o, "user", st, 11);
  {
    JsonNode *face = json_from_string ((const char *)sqlite3_column_text (st, 12), NULL);
    if (face != NULL)
      json_object_set_member (o, "probe_face", face);
  }

  {
    /* The edit steps that made the searched version, so any viewer can
     * rebuild it from the original. */
    g_autoptr(sqlite3_stmt) ed = lineup_db_prepare (conn,
                                                    "SELECT seq, op, params_json FROM probe_edits"
                                                    " WHERE probe_id = ? AND seq <= ? AND removed = 0 ORDER BY seq",
                                                    NULL);
    JsonArray *steps = json_array_new ();

    if (ed != NULL)
      {
        sqlite3_bind_int64 (ed, 1, sqlite3_column_int64 (st, 2));
        sqlite3_bind_int64 (ed, 2, sqlite3_column_int64 (st, 3));
        while (sqlite3_step (ed) == SQLITE_ROW)
          {
            JsonObject *e = json_object_new ();
            JsonNode *params = json_from_string ((const char *)sqlite3_column_text (ed, 2), NULL);

            json_object_set_int_member (e, "seq", sqlite3_column_int64 (ed, 0));
            set_text (e, "op", ed, 1);
            json_object_set_member (e, "params", params ? params : object_node (json_object_new ()));
            json_array_add_object_element (steps, e);
          }
      }
    json_object_set_array_member (o, "probe_edits", steps);
  }

  candidates = json_array_new ();
  group_arr = json_array_new ();
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  group_order = g_ptr_array_new ();
  cand = lineup_db_prepare (conn,
    "SELECT c.rank, c.distance, c.similarity, c.face_id, c.subject_uuid, c.booking_number,"
    " c.photo_sha256, s.label, s.person_id, b.booking_date,"
    " f.box_left, f.box_top, f.box_right, f.box_bottom, f.landmarks"
    " FROM candidates c LEFT JOIN subjects s ON s.uuid = c.subject_uuid"
    " LEFT JOIN bookings b ON b.booking_number = c.booking_number"
    " LEFT JOIN faces f ON f.id = c.face_id WHERE c.search_id = ? ORDER BY c.rank",
    NULL);
  if (cand != NULL)
    {
      sqlite3_bind_int64 (cand, 1, search_id);
      while (sqlite3_step (cand) == SQLITE_ROW)
        {
          JsonObject *c = candidate_object (cand);
          JsonObject *subject = json_object_get_object_member (c, "subject");
          const char *key = json_object_get_string_member (subject, "id");
          JsonObject *g = g_hash_table_lookup (groups, key);

          /* Grouped by person: the person's best face and how many of their
           * photos came up. */
          if (g == NULL)
            {
              g = json_object_new ();
              json_object_set_string_member (g, "subject_id", key);
              json_object_set_string_member (g, "label", json_object_get_string_member (subject, "label"));
              json_object_set_int_member (g, "best_rank", json_object_get_int_member (c, "rank"));
              json_object_set_double_member (g, "best_distance", json_object_get_double_member (c, "distance"));
              json_object_set_int_member (g, "matches", 0);
              g_hash_table_insert (groups, g_strdup (key), g);
              g_ptr_array_add (group_order, g);
            }
          json_object_set_int_member (g, "matches", json_object_get_int_member (g, "matches") + 1);
          json_array_add_object_element (candidates, c);
        }
    }
  for (guint i = 0; i < group_order->len; i++)
    json_array_add_object_element (group_arr, group_order->pdata[i]);
  json_object_set_array_member (o, "candidates", candidates);
  json_object_set_array_member (o, "groups", group_arr);
  if (with_decisions)
    {
      g_autoptr(JsonObject) holder = decisions_for (conn, search_id);
      json_object_set_member (o, "decisions", json_object_dup_member (holder, "decisions"));
    }
  return o;
}

/* the search */

static void
search_job (LineupDbThread *t,
            GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(JsonBuilder) fb = json_builder_new ();
  g_autoptr(JsonNode) face_node = NULL;
  g_autofree char *face_json = NULL;
  g_autofree char *model_sha = NULL;
  g_autofree char *search_uuid = g_uuid_string_random ();
  g_autofree LineupHit *hits = NULL;
  const char *model_id;
  LineupPolicy policy;
  SearchCache *cache;
  GError *error = NULL;
  gint64 case_id = 0, search_id;
  guint n_hits, gallery_size;
  JsonObject *result;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_SEARCH, "case", d->number) ||
      !case_open_for_work (t, task, d, &case_id))
    return;
  if (!lineup_db_policy_read (t->conn, &policy, &error))
    {
      fail_task (t, task, error, FALSE);
      return;
    }
  {
    g_autofree char *pc = probe_case (t->conn, d->id);
    if (g_strcmp0 (pc, d->number) != 0)
      {
        g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                                 _("Probe %" G_GINT64_FORMAT " does not belong to case %s"), d->id,
                                 d->number);
        return;
      }
  }
  {
    /* 0 is the original; otherwise a step still in the current version. */
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM probe_edits WHERE probe_id = %" G_GINT64_FORMAT
                                            " AND seq = %" G_GINT64_FORMAT " AND removed = 0",
                                            d->id, d->edit_seq);
    if (d->edit_seq < 0 || (d->edit_seq > 0 && lineup_db_query_int64 (t->conn, sql) != 1))
      {
        g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                                 _("Probe %" G_GINT64_FORMAT " has no edit step %" G_GINT64_FORMAT),
                                 d->id, d->edit_seq);
        return;
      }
  }
  if (d->top_k == 0)
    d->top_k = policy.top_k_default;
  if (d->threshold <= 0)
    d->threshold = policy.threshold_default;
  if (d->top_k > policy.top_k_cap)
    {
      g_autofree char *msg = g_strdup_printf (_("Refused by policy: at most %u candidates may be "
                                                "listed (asked for %u)."),
                                              policy.top_k_cap, d->top_k);
      refuse (t, task, d, "case", d->number, LINEUP_ERROR_POLICY, msg);
      return;
    }
  if (policy.threshold_max > 0 && d->threshold > policy.threshold_max + 1e-9)
    {
      g_autofree char *msg = g_strdup_printf (_("Refused by policy: the match threshold cannot be "
                                                "looser than distance %.2f (asked for %.2f)."),
                                              policy.threshold_max, d->threshold);
      refuse (t, task, d, "case", d->number, LINEUP_ERROR_POLICY, msg);
      return;
    }

  /* Descriptors of different models are never compared. */
  model_id = lineup_face_get_model_id (d->face);
  if (model_id == NULL || lineup_face_get_descriptor (d->face) == NULL)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                               _("The probe face has no descriptor"));
      return;
    }
  if (!(st = lineup_db_prepare (t->conn, "SELECT sha256 FROM models WHERE id = ?", &error)))
    {
      fail_task (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_text (st, 1, model_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    model_sha = lineup_db_column_dup (st, 0);
  g_clear_pointer (&st, sqlite3_finalize);
  if (model_sha != NULL && d->model_sha256 != NULL && g_strcmp0 (model_sha, d->model_sha256) != 0)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_MODEL,
                               _("The probe was described with a different network file (%.12s…) "
                                 "than the gallery (%.12s…); their descriptors cannot be compared."),
                               d->model_sha256, model_sha);
      return;
    }
  if (model_sha == NULL)
    {
      /* An empty gallery has no model row yet; record the probe's. */
      g_autoptr(sqlite3_stmt) ins = lineup_db_prepare (t->conn,
                                                       "INSERT OR IGNORE INTO models (id, kind, sha256, dims)"
                                                       " VALUES (?, 'descriptor', ?, 128)",
                                                       NULL);
      if (ins != NULL)
        {
          sqlite3_bind_text (ins, 1, model_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (ins, 2, d->model_sha256 ? d->model_sha256 : LINEUP_RESNET_SHA256, -1,
                             SQLITE_TRANSIENT);
          sqlite3_step (ins);
        }
    }

  report_progress (d, 0.0);
  if (!(cache = cache_sync (t, d, model_id, policy.include_excluded, &error)))
    {
      fail_task (t, task, error, FALSE);
      return;
    }
  gallery_size = lineup_index_get_size (cache->index);
  hits = g_new0 (LineupHit, d->top_k);
  n_hits = lineup_index_search (cache->index, lineup_face_get_descriptor (d->face), d->top_k,
                                (float)d->threshold, hits);
  report_progress (d, 0.95);

  /* With its landmarks: the record of what was searched, and what a
   * reviewer's view overlays. */
  lineup_face_to_json (d->face, fb, TRUE);
  face_node = json_builder_get_root (fb);
  json_object_set_string_member (json_node_get_object (face_node), "model", model_id);
  {
    g_auto(GStrv) reasons = g_strdupv ((GStrv)lineup_face_get_reasons (d->face));
    g_autofree char *r = g_strjoinv (" ", reasons);
    json_object_set_string_member (json_node_get_object (face_node), "reasons", r);
  }
  face_json = node_to_string (face_node);

  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO searches (uuid, case_id, probe_id, edit_seq, probe_face_json,"
                                " model_id, top_k, threshold, gallery_size, no_hit, created_by)"
                                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                &error)))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_text (st, 1, search_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, case_id);
  sqlite3_bind_int64 (st, 3, d->id);
  sqlite3_bind_int64 (st, 4, d->edit_seq);
  sqlite3_bind_text (st, 5, face_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, model_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 7, d->top_k);
  sqlite3_bind_double (st, 8, d->threshold);
  sqlite3_bind_int (st, 9, gallery_size);
  sqlite3_bind_int (st, 10, n_hits == 0);
  sqlite3_bind_int64 (st, 11, lineup_user_get_id (d->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  search_id = sqlite3_last_insert_rowid (t->conn);
  g_clear_pointer (&st, sqlite3_finalize);

  if (!(st = lineup_db_prepare (t->conn,
                                "INSERT INTO candidates (search_id, rank, face_id, subject_uuid,"
                                " booking_number, photo_sha256, distance, similarity)"
                                " SELECT ?1, ?2, f.id, s.uuid, b.booking_number, p.sha256, ?4, ?5"
                                " FROM faces f JOIN photos p ON p.id = f.photo_id"
                                " JOIN bookings b ON b.id = p.booking_id JOIN subjects s ON s.id = b.subject_id"
                                " WHERE f.id = ?3",
                                &error)))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  for (guint i = 0; i < n_hits; i++)
    {
      sqlite3_reset (st);
      sqlite3_bind_int64 (st, 1, search_id);
      sqlite3_bind_int (st, 2, i + 1);
      sqlite3_bind_int64 (st, 3, hits[i].id);
      sqlite3_bind_double (st, 4, hits[i].distance);
      sqlite3_bind_double (st, 5, lineup_similarity_from_distance (hits[i].distance));
      if (!lineup_db_step_done (t->conn, st, &error))
        {
          fail_task (t, task, error, TRUE);
          return;
        }
    }

  result = search_object (t->conn, search_id, FALSE);
  {
    /* The audit entry carries the whole request and result list. */
    g_autoptr(JsonObject) det = json_object_new ();
    JsonArray *list = json_array_new ();
    JsonArray *cands = json_object_get_array_member (result, "candidates");
    g_autofree char *details = NULL;
    g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, search_id);

    json_object_set_string_member (det, "case", d->number);
    json_object_set_int_member (det, "probe", d->id);
    json_object_set_int_member (det, "edit_seq", d->edit_seq);
    json_object_set_string_member (det, "model", model_id);
    json_object_set_string_member (det, "model_sha256", d->model_sha256 ? d->model_sha256 : "");
    json_object_set_int_member (det, "top_k", d->top_k);
    json_object_set_double_member (det, "threshold", d->threshold);
    json_object_set_int_member (det, "gallery_size", gallery_size);
    json_object_set_boolean_member (det, "no_hit", n_hits == 0);
    json_object_set_member (det, "probe_face", json_node_copy (face_node));
    for (guint i = 0; i < json_array_get_length (cands); i++)
      {
        JsonObject *c = json_array_get_object_element (cands, i);
        JsonObject *e = json_object_new ();
        json_object_set_int_member (e, "rank", json_object_get_int_member (c, "rank"));
        json_object_set_string_member (e, "booking_number", json_object_get_string_member (c, "booking_number"));
        json_object_set_string_member (e, "photo_sha256", json_object_get_string_member (c, "photo_sha256"));
        json_object_set_double_member (e, "distance", json_object_get_double_member (c, "distance"));
        json_array_add_object_element (list, e);
      }
    json_object_set_array_member (det, "candidates", list);
    details = object_to_string (det);
    if (!lineup_db_audit_append (t->conn, actor_name (d), "search.run", "search", sid, details, &error) ||
        !lineup_db_exec (t->conn, "COMMIT", &error))
      {
        json_object_unref (result);
        fail_task (t, task, error, TRUE);
        return;
      }
  }
  report_progress (d, 1.0);
  g_task_return_pointer (task, object_node (result), (GDestroyNotify)json_node_unref);
}

static CaseData *
search_data (LineupUser                *actor,
             const LineupSearchRequest *r)
{
  CaseData *d = case_data_new (actor);

  d->number = g_strdup (r->case_number);
  d->id = r->probe_id;
  d->edit_seq = r->edit_seq;
  d->face = r->face ? g_object_ref (r->face) : NULL;
  d->model_sha256 = g_strdup (r->model_sha256);
  d->top_k = r->top_k;
  d->threshold = r->threshold;
  return d;
}

static gboolean
search_request_ok (const LineupSearchRequest  *r,
                   GError                    **error)
{
  if (r == NULL || r->face == NULL)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                           _("A search needs a probe face"));
      return FALSE;
    }
  return TRUE;
}

JsonNode *
lineup_db_search_sync (LineupDb                  *db,
                       LineupUser                *actor,
                       const LineupSearchRequest *request,
                       GError                   **error)
{
  if (!search_request_ok (request, error))
    return NULL;
  return lineup_db_run_sync (db, search_job, search_data (actor, request), (GDestroyNotify)case_data_free,
                             error);
}

void
lineup_db_search_async (LineupDb                  *db,
                        LineupUser                *actor,
                        const LineupSearchRequest *request,
                        LineupSearchProgressFunc         progress,
                        gpointer                   progress_data,
                        GCancellable              *cancellable,
                        GAsyncReadyCallback        callback,
                        gpointer                   user_data)
{
  GError *error = NULL;
  CaseData *d;

  if (!search_request_ok (request, &error))
    {
      g_task_report_error (db, callback, user_data, lineup_db_search_async, error);
      return;
    }
  d = search_data (actor, request);
  d->progress = progress;
  d->progress_data = progress_data;
  d->context = g_main_context_ref_thread_default ();
  lineup_db_run_async (db, search_job, d, (GDestroyNotify)case_data_free, cancellable, callback, user_data);
}

JsonNode *
lineup_db_search_finish (LineupDb      *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  if (g_async_result_is_tagged (result, lineup_db_search_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return lineup_db_run_finish (db, result, error);
}

static void
search_get_job (LineupDbThread *t,
                GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  JsonObject *o;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_CASE, "search", sid))
    return;
  if (!(o = search_object (t->conn, d->id, TRUE)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no search %s"), sid);
      return;
    }
  {
    g_autofree char *details = lineup_db_json_strings ("case", json_object_get_string_member (o, "case"), NULL);
    if (!lineup_db_audit_append_task (t, task, d->actor, "search.view", "search", sid, details))
      {
        json_object_unref (o);
        return;
      }
  }
  g_task_return_pointer (task, object_node (o), (GDestroyNotify)json_node_unref);
}

JsonNode *
lineup_db_search_get_sync (LineupDb    *db,
                           LineupUser  *actor,
                           gint64       search_id,
                           GError     **error)
{
  CaseData *d = case_data_new (actor);

  d->id = search_id;
  return lineup_db_run_sync (db, search_get_job, d, (GDestroyNotify)case_data_free, error);
}

/* candidate views */

static char *
search_case (sqlite3 *conn,
             gint64   search_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
                                                  "SELECT c.number FROM searches s JOIN cases c ON c.id = s.case_id"
                                                  " WHERE s.id = ?",
                                                  NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, search_id);
  return sqlite3_step (st) == SQLITE_ROW ? lineup_db_column_dup (st, 0) : NULL;
}

static void
viewed_job (LineupDbThread *t,
            GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  g_autofree char *rank = g_strdup_printf ("%" G_GINT64_FORMAT, d->rank);
  g_autofree char *number = NULL;
  g_autofree char *details = NULL;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_CASE, "search", sid))
    return;
  number = search_case (t->conn, d->id);
  details = lineup_db_json_strings ("case", number ? number : "", "rank", rank, "blind",
                                    d->kind ? "true" : "false", NULL);
  if (lineup_db_audit_append_task (t, task, d->actor, "candidate.view", "search", sid, details))
    g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

static void
viewed_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lineup_db_run_finish (LINEUP_DB (source), result, &error))
    g_warning ("Could not audit a candidate view: %s", error->message);
}

void
lineup_db_candidate_viewed (LineupDb   *db,
                            LineupUser *actor,
                            gint64      search_id,
                            gint64      rank,
                            gboolean    blind)
{
  CaseData *d = case_data_new (actor);

  d->id = search_id;
  d->rank = rank;
  d->kind = blind;
  lineup_db_run_async (db, viewed_job, d, (GDestroyNotify)case_data_free, NULL, viewed_done, NULL);
}

/* decisions */

static JsonObject *
decision_object (sqlite3 *conn,
                 gint64   decision_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn,
    "SELECT d.id, d.search_id, d.rank, d.decision, d.note, u.name, d.created_at, c.booking_number"
    " FROM decisions d JOIN users u ON u.id = d.created_by"
    " JOIN candidates c ON c.search_id = d.search_id AND c.rank = d.rank WHERE d.id = ?",
    NULL);
  JsonObject *o;

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, decision_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  o = json_object_new ();
  json_object_set_int_member (o, "id", sqlite3_column_int64 (st, 0));
  json_object_set_int_member (o, "search_id", sqlite3_column_int64 (st, 1));
  json_object_set_int_member (o, "rank", sqlite3_column_int64 (st, 2));
  set_text (o, "decision", st, 3);
  set_text (o, "note", st, 4);
  set_text (o, "user", st, 5);
  set_text (o, "created_at", st, 6);
  set_text (o, "booking_number", st, 7);
  return o;
}

static void
decide_job (LineupDbThread *t,
            GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *sid = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  g_autofree char *rank = g_strdup_printf ("%" G_GINT64_FORMAT, d->rank);
  g_autofree char *details = NULL;
  g_autofree char *did = NULL;
  GError *error = NULL;
  gint64 decision_id;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_DECIDE, "search", sid))
    return;
  if (!(d->number = search_case (t->conn, d->id)))
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no search %s"), sid);
      return;
    }
  if (d->text == NULL || *g_strstrip (d->text) == '\0')
    {
      refuse (t, task, d, "search", sid, LINEUP_ERROR_POLICY,
              _("Every decision needs a note saying what it rests on."));
      return;
    }
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO decisions (search_id, rank, decision, note, created_by)"
                                " SELECT search_id, rank, ?3, ?4, ?5 FROM candidates"
                                " WHERE search_id = ?1 AND rank = ?2",
                                &error)))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, d->id);
  sqlite3_bind_int64 (st, 2, d->rank);
  sqlite3_bind_text (st, 3, lineup_decision_to_string (d->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, d->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 5, lineup_user_get_id (d->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  if (sqlite3_changes (t->conn) == 0)
    {
      lineup_db_exec (t->conn, "ROLLBACK", NULL);
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                               _("Search %s has no candidate at rank %s"), sid, rank);
      return;
    }
  decision_id = sqlite3_last_insert_rowid (t->conn);
  did = g_strdup_printf ("%" G_GINT64_FORMAT, decision_id);
  if (d->kind == LINEUP_DECISION_POSSIBLE_LEAD)
    {
      char *sql = sqlite3_mprintf ("UPDATE cases SET status = 'lead_pending' WHERE number = %Q"
                                   " AND status = 'open'", d->number);
      gboolean ok = lineup_db_exec (t->conn, sql, &error);

      sqlite3_free (sql);
      if (!ok)
        {
          fail_task (t, task, error, TRUE);
          return;
        }
    }
  details = lineup_db_json_strings ("case", d->number, "search", sid, "rank", rank, "decision",
                                    lineup_decision_to_string (d->kind), "note", d->text, NULL);
  if (!lineup_db_audit_append (t->conn, actor_name (d), "decision.record", "decision", did, details,
                               &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  g_task_return_pointer (task, object_node (decision_object (t->conn, decision_id)),
                         (GDestroyNotify)json_node_unref);
}

static CaseData *
decide_data (LineupUser     *actor,
             gint64          search_id,
             gint64          rank,
             LineupDecision  decision,
             const char     *note)
{
  CaseData *d = case_data_new (actor);

  d->id = search_id;
  d->rank = rank;
  d->kind = decision;
  d->text = g_strdup (note);
  return d;
}

JsonNode *
lineup_db_decide_sync (LineupDb        *db,
                       LineupUser      *actor,
                       gint64           search_id,
                       gint64           rank,
                       LineupDecision   decision,
                       const char      *note,
                       GError         **error)
{
  return lineup_db_run_sync (db, decide_job, decide_data (actor, search_id, rank, decision, note),
                             (GDestroyNotify)case_data_free, error);
}

void
lineup_db_decide_async (LineupDb            *db,
                        LineupUser          *actor,
                        gint64               search_id,
                        gint64               rank,
                        LineupDecision       decision,
                        const char          *note,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  lineup_db_run_async (db, decide_job, decide_data (actor, search_id, rank, decision, note),
                       (GDestroyNotify)case_data_free, cancellable, callback, user_data);
}

JsonNode *
lineup_db_decide_finish (LineupDb      *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* reviews */

static void
queue_job (LineupDbThread *t,
           GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  JsonArray *arr;
  GError *error = NULL;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_REVIEW, "review", NULL))
    return;
  if (!(st = lineup_db_prepare (t->conn,
    "SELECT d.id, c.number, o.label, d.search_id, d.rank, d.note, u.name, d.created_at,"
    " d.created_by = ?1, p.sha256, s.edit_seq, ca.photo_sha256, ca.booking_number,"
    " coalesce(sj.label, ''), ca.distance, ca.similarity, s.probe_face_json, c.offence,"
    " f.box_left, f.box_top, f.box_right, f.box_bottom, f.landmarks"
    " FROM decisions d JOIN users u ON u.id = d.created_by"
    " JOIN searches s ON s.id = d.search_id JOIN cases c ON c.id = s.case_id"
    " JOIN offence_categories o ON o.code = c.offence JOIN probes p ON p.id = s.probe_id"
    " JOIN candidates ca ON ca.search_id = d.search_id AND ca.rank = d.rank"
    " LEFT JOIN subjects sj ON sj.uuid = ca.subject_uuid LEFT JOIN faces f ON f.id = ca.face_id"
    " WHERE d.decision = 'possible_lead' AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.decision_id = d.id)"
    " ORDER BY d.id",
    &error)))
    {
      fail_task (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_int64 (st, 1, lineup_user_get_id (d->actor));
  arr = json_array_new ();
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      JsonNode *face = json_from_string ((const char *)sqlite3_column_text (st, 16), NULL);

      json_object_set_int_member (o, "decision_id", sqlite3_column_int64 (st, 0));
      set_text (o, "case", st, 1);
      set_text (o, "offence", st, 2);
      json_object_set_int_member (o, "search_id", sqlite3_column_int64 (st, 3));
      json_object_set_int_member (o, "rank", sqlite3_column_int64 (st, 4));
      set_text (o, "note", st, 5);
      set_text (o, "author", st, 6);
      set_text (o, "created_at", st, 7);
      json_object_set_boolean_member (o, "own", sqlite3_column_int (st, 8) != 0);
      set_text (o, "probe_sha256", st, 9);
      json_object_set_int_member (o, "edit_seq", sqlite3_column_int64 (st, 10));
      set_text (o, "photo_sha256", st, 11);
      set_text (o, "booking_number", st, 12);
      set_text (o, "label", st, 13);
      json_object_set_double_member (o, "distance", round (sqlite3_column_double (st, 14) * 1e4) / 1e4);
      json_object_set_double_member (o, "similarity", round (sqlite3_column_double (st, 15) * 1e4) / 1e4);
      if (face != NULL)
        json_object_set_member (o, "probe_face", face);
      set_text (o, "offence_code", st, 17);
      {
        JsonArray *box = json_array_new ();
        if (sqlite3_column_type (st, 18) != SQLITE_NULL)
          for (int k = 0; k < 4; k++)
            json_array_add_double_element (box, sqlite3_column_double (st, 18 + k));
        json_object_set_array_member (o, "box", box);
      }
      set_landmarks (o, st, 22);
      json_array_add_object_element (arr, o);
    }
  g_task_return_pointer (task, json_node_init_array (json_node_alloc (), arr), (GDestroyNotify)json_node_unref);
  json_array_unref (arr);
}

JsonNode *
lineup_db_review_queue_sync (LineupDb    *db,
                             LineupUser  *actor,
                             GError     **error)
{
  return lineup_db_run_sync (db, queue_job, case_data_new (actor), (GDestroyNotify)case_data_free, error);
}

void
lineup_db_review_queue_async (LineupDb            *db,
                              LineupUser          *actor,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  lineup_db_run_async (db, queue_job, case_data_new (actor), (GDestroyNotify)case_data_free, cancellable,
                       callback, user_data);
}

JsonNode *
lineup_db_review_queue_finish (LineupDb      *db,
                               GAsyncResult  *result,
                               GError       **error)
{
  return lineup_db_run_finish (db, result, error);
}

static void
review_job (LineupDbThread *t,
            GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *did = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  g_autofree char *details = NULL;
  g_autofree char *decision = NULL;
  GError *error = NULL;
  gint64 author = 0, reviews = 0, case_id = 0;
  const char *verdict = d->kind ? "approved" : "rejected";
  JsonObject *o;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_REVIEW, "decision", did))
    return;
  if (!(st = lineup_db_prepare (t->conn,
                                "SELECT d.created_by, d.decision, c.number, c.id,"
                                " (SELECT count(*) FROM reviews r WHERE r.decision_id = d.id)"
                                " FROM decisions d JOIN searches s ON s.id = d.search_id"
                                " JOIN cases c ON c.id = s.case_id WHERE d.id = ?",
                                &error)))
    {
      fail_task (t, task, error, FALSE);
      return;
    }
  sqlite3_bind_int64 (st, 1, d->id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND, _("There is no decision %s"), did);
      return;
    }
  author = sqlite3_column_int64 (st, 0);
  decision = lineup_db_column_dup (st, 1);
  d->number = lineup_db_column_dup (st, 2);
  case_id = sqlite3_column_int64 (st, 3);
  reviews = sqlite3_column_int64 (st, 4);
  g_clear_pointer (&st, sqlite3_finalize);

  if (g_strcmp0 (decision, "possible_lead") != 0)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                               _("Decision %s is not a possible lead; only leads are reviewed"), did);
      return;
    }
  if (reviews > 0)
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_EXISTS, _("Decision %s was reviewed already"),
                               did);
      return;
    }
  if (author == lineup_user_get_id (d->actor))
    {
      refuse (t, task, d, "decision", did, LINEUP_ERROR_FORBIDDEN,
              _("Refused: nobody may review their own decision; another supervisor must."));
      return;
    }
  if (d->text == NULL || *g_strstrip (d->text) == '\0')
    {
      refuse (t, task, d, "decision", did, LINEUP_ERROR_POLICY, _("A review needs a comment."));
      return;
    }
  if (!lineup_db_exec (t->conn, "BEGIN IMMEDIATE", &error) ||
      !(st = lineup_db_prepare (t->conn,
                                "INSERT INTO reviews (decision_id, verdict, comment, reviewed_by) VALUES (?,?,?,?)",
                                &error)))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  sqlite3_bind_int64 (st, 1, d->id);
  sqlite3_bind_text (st, 2, verdict, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, d->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, lineup_user_get_id (d->actor));
  if (!lineup_db_step_done (t->conn, st, &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  g_clear_pointer (&st, sqlite3_finalize);
  {
    /* The case's status follows its leads: approved once any is approved,
     * pending while any waits, open otherwise. */
    g_autofree char *sql = g_strdup_printf (
      "UPDATE cases SET status = CASE"
      " WHEN EXISTS (SELECT 1 FROM reviews r JOIN decisions d ON d.id = r.decision_id"
      "   JOIN searches s ON s.id = d.search_id WHERE s.case_id = %1$" G_GINT64_FORMAT " AND r.verdict = 'approved')"
      "   THEN 'lead_approved'"
      " WHEN EXISTS (SELECT 1 FROM decisions d JOIN searches s ON s.id = d.search_id"
      "   WHERE s.case_id = %1$" G_GINT64_FORMAT " AND d.decision = 'possible_lead'"
      "   AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.decision_id = d.id)) THEN 'lead_pending'"
      " ELSE 'open' END WHERE id = %1$" G_GINT64_FORMAT " AND status != 'closed'",
      case_id);
    if (!lineup_db_exec (t->conn, sql, &error))
      {
        fail_task (t, task, error, TRUE);
        return;
      }
  }
  details = lineup_db_json_strings ("case", d->number, "verdict", verdict, "comment", d->text, NULL);
  if (!lineup_db_audit_append (t->conn, actor_name (d), d->kind ? "review.approve" : "review.reject",
                               "decision", did, details, &error) ||
      !lineup_db_exec (t->conn, "COMMIT", &error))
    {
      fail_task (t, task, error, TRUE);
      return;
    }
  o = json_object_new ();
  json_object_set_int_member (o, "decision_id", d->id);
  json_object_set_string_member (o, "case", d->number);
  json_object_set_string_member (o, "verdict", verdict);
  json_object_set_string_member (o, "comment", d->text);
  json_object_set_string_member (o, "user", actor_name (d));
  {
    g_autoptr(JsonObject) c = case_object (t->conn, d->number, NULL);
    json_object_set_string_member (o, "case_status", c ? json_object_get_string_member (c, "status") : "");
  }
  g_task_return_pointer (task, object_node (o), (GDestroyNotify)json_node_unref);
}

static CaseData *
review_data (LineupUser *actor,
             gint64      decision_id,
             gboolean    approve,
             const char *comment)
{
  CaseData *d = case_data_new (actor);

  d->id = decision_id;
  d->kind = approve ? 1 : 0;
  d->text = g_strdup (comment);
  return d;
}

JsonNode *
lineup_db_review_sync (LineupDb    *db,
                       LineupUser  *actor,
                       gint64       decision_id,
                       gboolean     approve,
                       const char  *comment,
                       GError     **error)
{
  return lineup_db_run_sync (db, review_job, review_data (actor, decision_id, approve, comment),
                             (GDestroyNotify)case_data_free, error);
}

void
lineup_db_review_async (LineupDb            *db,
                        LineupUser          *actor,
                        gint64               decision_id,
                        gboolean             approve,
                        const char          *comment,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  lineup_db_run_async (db, review_job, review_data (actor, decision_id, approve, comment),
                       (GDestroyNotify)case_data_free, cancellable, callback, user_data);
}

JsonNode *
lineup_db_review_finish (LineupDb      *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  return lineup_db_run_finish (db, result, error);
}

/* the dossier */

static void
dossier_job (LineupDbThread *t,
             GTask          *task)
{
  CaseData *d = g_task_get_task_data (task);
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(sqlite3_stmt) ed = NULL;
  JsonObject *c = NULL, *root;
  JsonArray *probes, *searches;
  GError *error = NULL;
  gint64 case_id = 0;
  g_autofree char *now = lineup_db_now_iso ();

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_EXPORT_REPORT, "case", d->number) ||
      !require_case (t, task, d->number, &case_id, &c))
    return;
  root = json_object_new ();
  json_object_set_object_member (root, "case", c);

  probes = json_array_new ();
  st = lineup_db_prepare (t->conn,
                          "SELECT p.id, p.sha256, p.source_type, p.original_name, u.name, p.created_at"
                          " FROM probes p JOIN users u ON u.id = p.created_by WHERE p.case_id = ? ORDER BY p.id",
                          NULL);
  ed = lineup_db_prepare (t->conn,
                          "SELECT e.seq, e.op, e.params_json, u.name, e.created_at, e.removed FROM probe_edits e"
                          " JOIN users u ON u.id = e.created_by WHERE e.probe_id = ? ORDER BY e.seq",
                          NULL);
  if (st && ed)
    {
      sqlite3_bind_int64 (st, 1, case_id);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          JsonObject *p = json_object_new ();
          JsonArray *edits = json_array_new ();
          JsonArray *removed = json_array_new ();

          json_object_set_int_member (p, "id", sqlite3_column_int64 (st, 0));
          set_text (p, "sha256", st, 1);
          set_text (p, "source", st, 2);
          set_text (p, "original_name", st, 3);
          set_text (p, "user", st, 4);
          set_text (p, "created_at", st, 5);
          sqlite3_reset (ed);
          sqlite3_bind_int64 (ed, 1, sqlite3_column_int64 (st, 0));
          while (sqlite3_step (ed) == SQLITE_ROW)
            {
              JsonObject *e = json_object_new ();
              JsonNode *params = json_from_string ((const char *)sqlite3_column_text (ed, 2), NULL);

              json_object_set_int_member (e, "seq", sqlite3_column_int64 (ed, 0));
              set_text (e, "op", ed, 1);
              json_object_set_member (e, "params", params ? params : json_node_init_object (json_node_alloc (), json_object_new ()));
              set_text (e, "user", ed, 3);
              set_text (e, "created_at", ed, 4);
              /* Removed steps are not part of any version; they are listed
               * apart so the record of what was tried is whole. */
              json_array_add_object_element (sqlite3_column_int (ed, 5) ? removed : edits, e);
            }
          json_object_set_array_member (p, "edits", edits);
          json_object_set_array_member (p, "removed_edits", removed);
          json_array_add_object_element (probes, p);
        }
    }
  json_object_set_array_member (root, "probes", probes);
  g_clear_pointer (&st, sqlite3_finalize);

  searches = json_array_new ();
  st = lineup_db_prepare (t->conn, "SELECT id FROM searches WHERE case_id = ? ORDER BY id", NULL);
  if (st)
    {
      sqlite3_bind_int64 (st, 1, case_id);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          JsonObject *s = search_object (t->conn, sqlite3_column_int64 (st, 0), TRUE);
          if (s)
            json_array_add_object_element (searches, s);
        }
    }
  json_object_set_array_member (root, "searches", searches);
  json_object_set_string_member (root, "generated_at", now);
  json_object_set_string_member (root, "generated_by", actor_name (d));
  json_object_set_string_member (root, "statement", _(LINEUP_LEAD_STATEMENT));

  {
    g_autofree char *details = lineup_db_json_strings ("case", d->number, NULL);
    if (!lineup_db_audit_append (t->conn, actor_name (d), "report.export", "case", d->number, details,
                                 &error))
      {
        json_object_unref (root);
        fail_task (t, task, error, FALSE);
        return;
      }
  }
  g_task_return_pointer (task, object_node (root), (GDestroyNotify)json_node_unref);
}

JsonNode *
lineup_db_case_dossier_sync (LineupDb    *db,
                             LineupUser  *actor,
                             const char  *case_number,
                             GError     **error)
{
  CaseData *d = case_data_new (actor);

  d->number = g_strdup (case_number);
  return lineup_db_run_sync (db, dossier_job, d, (GDestroyNotify)case_data_free, error);
}
