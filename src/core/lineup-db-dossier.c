/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-dossier.c: everything about a case in one record, for the lead
 * report and the disclosure package (database thread job). */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lineup-db-case-private.h"
#include "lineup-error.h"

typedef struct
{
  LineupUser *actor;
  char       *number;
} DossierRequest;

static void
dossier_request_free (DossierRequest *r)
{
  g_clear_object (&r->actor);
  g_free (r->number);
  g_free (r);
}

/* Every probe of the case with its whole edit history. Removed steps are
 * not part of any version; they are listed apart so the record of what was
 * tried is whole. */
static GListModel *
probes_load (sqlite3 *conn,
             gint64   case_id)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(sqlite3_stmt) ed = NULL;
  GListStore *probes = g_list_store_new (LINEUP_TYPE_PROBE_RECORD);

  st = lineup_db_prepare (conn,
                          "SELECT p.id, p.sha256, p.source_type, p.original_name, u.name, p.created_at"
                          " FROM probes p JOIN users u ON u.id = p.created_by WHERE p.case_id = ? ORDER BY p.id",
                          NULL);
  ed = lineup_db_prepare (conn,
                          "SELECT e.seq, e.op, e.params_json, u.name, e.created_at, e.removed FROM probe_edits e"
                          " JOIN users u ON u.id = e.created_by WHERE e.probe_id = ? ORDER BY e.seq",
                          NULL);
  if (st == NULL || ed == NULL)
    return G_LIST_MODEL (probes);
  sqlite3_bind_int64 (st, 1, case_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(GListStore) edits = g_list_store_new (LINEUP_TYPE_PROBE_EDIT);
      g_autoptr(GListStore) removed = g_list_store_new (LINEUP_TYPE_PROBE_EDIT);
      g_autoptr(LineupProbeRecord) probe = NULL;

      sqlite3_reset (ed);
      sqlite3_bind_int64 (ed, 1, sqlite3_column_int64 (st, 0));
      while (sqlite3_step (ed) == SQLITE_ROW)
        {
          g_autoptr(JsonNode) params = json_from_string ((const char *)sqlite3_column_text (ed, 2), NULL);
          g_autoptr(JsonObject) empty = json_object_new ();
          g_autoptr(LineupProbeEdit) e = NULL;

          e = g_object_new (LINEUP_TYPE_PROBE_EDIT,
                            "seq", (gint64)sqlite3_column_int64 (ed, 0),
                            "op", (const char *)sqlite3_column_text (ed, 1),
                            "params", params && JSON_NODE_HOLDS_OBJECT (params) ? json_node_get_object (params) : empty,
                            "user", (const char *)sqlite3_column_text (ed, 3),
                            "created-at", (const char *)sqlite3_column_text (ed, 4),
                            NULL);
          g_list_store_append (sqlite3_column_int (ed, 5) ? removed : edits, e);
        }
      probe = g_object_new (LINEUP_TYPE_PROBE_RECORD,
                            "id", (gint64)sqlite3_column_int64 (st, 0),
                            "sha256", (const char *)sqlite3_column_text (st, 1),
                            "source", (const char *)sqlite3_column_text (st, 2),
                            "original-name", (const char *)sqlite3_column_text (st, 3),
                            "user", (const char *)sqlite3_column_text (st, 4),
                            "created-at", (const char *)sqlite3_column_text (st, 5),
                            "edits", edits,
                            "removed-edits", removed,
                            NULL);
      g_list_store_append (probes, probe);
    }
  return G_LIST_MODEL (probes);
}

static GListModel *
searches_load (sqlite3 *conn,
               gint64   case_id)
{
  g_autoptr(sqlite3_stmt) st = lineup_db_prepare (conn, "SELECT id FROM searches WHERE case_id = ? ORDER BY id",
                                                   NULL);
  GListStore *searches = g_list_store_new (LINEUP_TYPE_SEARCH);

  if (st == NULL)
    return G_LIST_MODEL (searches);
  sqlite3_bind_int64 (st, 1, case_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(LineupSearch) s = lineup_db_search_load (conn, sqlite3_column_int64 (st, 0), TRUE);

      if (s)
        g_list_store_append (searches, s);
    }
  return G_LIST_MODEL (searches);
}

static void
dossier_job (LineupDbThread *t,
             GTask          *task)
{
  DossierRequest *r = g_task_get_task_data (task);
  g_autoptr(LineupCase) c = NULL;
  g_autoptr(GListModel) probes = NULL;
  g_autoptr(GListModel) searches = NULL;
  g_autofree char *now = lineup_db_now_iso ();
  g_autofree char *details = NULL;
  GError          *error = NULL;
  gint64           case_id = 0;

  if (!lineup_db_authorize_task (t, task, r->actor, LINEUP_PERMISSION_EXPORT_REPORT, "case", r->number) ||
      !lineup_db_case_require (t, task, r->number, &case_id, &c))
    return;
  probes = probes_load (t->conn, case_id);
  searches = searches_load (t->conn, case_id);
  details = lineup_db_json_strings ("case", r->number, NULL);
  if (!lineup_db_audit_append (t->conn, lineup_user_get_name (r->actor), "report.export", "case", r->number, details,
                               &error))
    {
      lineup_db_case_fail (t, task, error, FALSE);
      return;
    }
  g_task_return_pointer (task,
                         g_object_new (LINEUP_TYPE_DOSSIER,
                                       "case", c,
                                       "probes", probes,
                                       "searches", searches,
                                       "generated-at", now,
                                       "generated-by", lineup_user_get_name (r->actor),
                                       "statement", _(LINEUP_LEAD_STATEMENT),
                                       NULL),
                         g_object_unref);
}

static DossierRequest *
dossier_request (LineupUser *actor,
                 const char *case_number)
{
  DossierRequest *r = g_new0 (DossierRequest, 1);

  r->actor = actor ? g_object_ref (actor) : NULL;
  r->number = g_strdup (case_number);
  return r;
}

LineupDossier *
lineup_db_case_dossier_sync (LineupDb   *db,
                             LineupUser *actor,
                             const char *case_number,
                             GError    **error)
{
  return lineup_db_run_sync (db, dossier_job, dossier_request (actor, case_number),
                             (GDestroyNotify)dossier_request_free, error);
}

void
lineup_db_case_dossier_async (LineupDb           *db,
                              LineupUser         *actor,
                              const char         *case_number,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  lineup_db_run_async (db, dossier_job, dossier_request (actor, case_number),
                       (GDestroyNotify)dossier_request_free, cancellable, callback, user_data);
}

LineupDossier *
lineup_db_case_dossier_finish (LineupDb     *db,
                               GAsyncResult *result,
                               GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}
