/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-audit.c: the hash-chained audit log at scale: appending N entries
 * (one transaction), verifying the whole chain, and exporting it.
 *
 * Usage: bench-audit [N]   (default 100000)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "lineup-core.h"
#include "lineup-db-private.h"

static guint n_entries = 100000;

static void
append_job (LineupDbThread *t,
            GTask          *task)
{
  GError *error = NULL;

  lineup_db_exec (t->conn, "BEGIN IMMEDIATE", NULL);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      if (!lineup_db_audit_append (t->conn, "bench", "candidate.view", "search", id,
                                   "{\"case\":\"BENCH-1\",\"rank\":\"1\",\"blind\":\"true\"}", &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  lineup_db_exec (t->conn, "COMMIT", NULL);
  g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-bench-audit-XXXXXX", NULL);
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) sup = NULL;
  g_autoptr(LineupAuditVerdict) v = NULL;
  g_autoptr(JsonNode) list = NULL;
  LineupAuditFilter filter = { 0 };
  g_autofree char *cmd = NULL;
  double t;

  if (argc > 1)
    n_entries = (guint)atoi (argv[1]);
  db = lineup_db_open_default_sync (dir, &error);
  g_assert_no_error (error);
  sup = lineup_db_user_init_sync (db, "bench", NULL, "bench-password", LINEUP_ROLE_SUPERVISOR, &error);
  g_assert_no_error (error);

  t = g_get_monotonic_time ();
  lineup_db_run_sync (db, append_job, NULL, NULL, &error);
  g_assert_no_error (error);
  t = (g_get_monotonic_time () - t) / 1e6;
  printf ("# audit log benchmark\nappend %u entries (one transaction): %.2f s, %.0f entries/s\n", n_entries, t,
          n_entries / t);

  t = g_get_monotonic_time ();
  v = lineup_db_audit_verify_sync (db, &error);
  g_assert_no_error (error);
  g_assert_true (v->intact);
  t = (g_get_monotonic_time () - t) / 1e6;
  printf ("verify the whole chain (%" G_GINT64_FORMAT " entries): %.2f s, %.0f entries/s\n", v->entries, t,
          v->entries / t);

  t = g_get_monotonic_time ();
  list = lineup_db_audit_list_sync (db, sup, &filter, &error);
  g_assert_no_error (error);
  t = (g_get_monotonic_time () - t) / 1e6;
  printf ("export all as JSON: %u entries in %.2f s\n", json_array_get_length (json_node_get_array (list)), t);

  g_clear_object (&db);
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  return system (cmd);
}
