/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-db.c: the local database: creation, migrations from every earlier
 * schema version, refusal of unknown versions, the database thread. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lineup-core.h"
#include "lineup-db-private.h"

static char *
make_tmp_db_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-db-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "lineup.db", NULL);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *conn = NULL;

  g_assert_cmpint (sqlite3_open (path, &conn), ==, SQLITE_OK);
  return conn;
}

static void
raw_exec (sqlite3    *conn,
          const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (conn, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static gint64
raw_int (sqlite3    *conn,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* The schema as SQLite stores it, minus its own tables: equal strings mean
 * equal schemas. */
static char *
schema_dump (const char *path)
{
  sqlite3 *conn = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (conn,
                                       "SELECT type, name, sql FROM sqlite_master "
                                       "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  return g_string_free (out, FALSE);
}

static void
test_fresh (void)
{
  g_autofree char *path = make_tmp_db_path ();
  g_autoptr(LineupDb) db = lineup_db_new (path);
  g_autoptr(LineupDbInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_db_open_sync (db, NULL, &error));
  g_assert_no_error (error);
  info = lineup_db_get_info_sync (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->path, ==, path);
  g_assert_cmpint (info->schema_version, ==, lineup_db_schema_latest ());
  g_assert_cmpint (info->schema_latest, ==, lineup_db_schema_latest ());
  g_assert_cmpstr (info->journal_mode, ==, "wal");
  g_assert_true (info->foreign_keys);
  g_assert_cmpint (info->bookings, ==, 0);
  g_assert_cmpint (info->audit_entries, ==, 0);
  g_assert_cmpint (info->users, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_not_open (void)
{
  g_autofree char *path = make_tmp_db_path ();
  g_autoptr(LineupDb) db = lineup_db_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDbInfo) info = lineup_db_get_info_sync (db, NULL, &error);

  g_assert_null (info);
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_NOT_OPEN);
}

/* Put rows that are valid at schema version `version` into the database. */
static void
insert_rows_for_version (sqlite3 *conn,
                         int      version)
{
  if (version >= 1)
    raw_exec (conn,
              "INSERT INTO models (id, kind, sha256, dims) VALUES ('m', 'descriptor', 'abc', 128);"
              "INSERT INTO subjects (uuid, label, person_id) VALUES ('s1', 'Doe, John', 'P1');"
              "INSERT INTO bookings (uuid, subject_id, booking_number) VALUES ('b1', 1, 'B-1');"
              "INSERT INTO photos (booking_id, sha256, bytes) VALUES (1, 'ff', 10);"
              "INSERT INTO faces (photo_id, box_left, box_top, box_right, box_bottom, detector,"
              "  model_id, descriptor, enrolled) VALUES (1, 0, 0, 10, 10, 'hog', 'm', x'00', 1);");
  if (version >= 2)
    raw_exec (conn,
              "INSERT INTO users (name, role, password_hash) VALUES ('ann', 'detective', 'x');"
              "INSERT INTO cases (uuid, number, offence, reason, created_by)"
              "  VALUES ('c1', '2026-1', 'robbery', 'armed robbery, CCTV still', 1);");
}

static void
test_upgrade_from_every_version (void)
{
  g_autofree char *fresh_path = make_tmp_db_path ();
  g_autofree char *fresh_schema = NULL;
  int latest = lineup_db_schema_latest ();

  {
    g_autoptr(LineupDb) db = lineup_db_new (fresh_path);
    g_autoptr(GError) error = NULL;
    g_assert_true (lineup_db_open_sync (db, NULL, &error));
  }
  fresh_schema = schema_dump (fresh_path);
  g_assert_nonnull (strstr (fresh_schema, "CREATE TABLE audit_log"));

  g_assert_cmpint (latest, >=, 3);
  for (int from = 0; from < latest; from++)
    {
      g_autofree char *path = make_tmp_db_path ();
      g_autofree char *schema = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *conn = raw_open (path);

      g_test_message ("upgrading from schema version %d", from);
      raw_exec (conn, "PRAGMA foreign_keys=ON");
      g_assert_true (lineup_db_schema_migrate (conn, from, &error));
      g_assert_no_error (error);
      g_assert_cmpint (lineup_db_schema_version (conn, NULL), ==, from);
      insert_rows_for_version (conn, from);
      sqlite3_close (conn);

      {
        g_autoptr(LineupDb) db = lineup_db_new (path);
        g_autoptr(LineupDbInfo) info = NULL;

        g_assert_true (lineup_db_open_sync (db, NULL, &error));
        g_assert_no_error (error);
        info = lineup_db_get_info_sync (db, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (info->schema_version, ==, latest);
        g_assert_cmpint (info->bookings, ==, from >= 1 ? 1 : 0);
        g_assert_cmpint (info->faces, ==, from >= 1 ? 1 : 0);
        g_assert_cmpint (info->cases, ==, from >= 2 ? 1 : 0);
      }

      /* Same schema as a fresh database, and every version recorded once. */
      schema = schema_dump (path);
      g_assert_cmpstr (schema, ==, fresh_schema);
      conn = raw_open (path);
      g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM schema_version"), ==, latest);
      if (from >= 1)
        g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM bookings WHERE origin = 'local'"),
                         ==, 1);
      sqlite3_close (conn);
    }
}

static void
test_too_new (void)
{
  g_autofree char *path = make_tmp_db_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *conn = raw_open (path);
  g_autofree char *sql = NULL;

  g_assert_true (lineup_db_schema_migrate (conn, lineup_db_schema_latest (), &error));
  sql = g_strdup_printf ("INSERT INTO schema_version (version) VALUES (%d)",
                         lineup_db_schema_latest () + 1);
  raw_exec (conn, sql);
  sqlite3_close (conn);

  {
    g_autoptr(LineupDb) db = lineup_db_new (path);
    g_assert_false (lineup_db_open_sync (db, NULL, &error));
    g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE_TOO_NEW);
    g_assert_nonnull (strstr (error->message, path));
  }
}

static void
test_failed_migration_rolls_back (void)
{
  g_autofree char *path = make_tmp_db_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *conn = raw_open (path);

  g_assert_true (lineup_db_schema_migrate (conn, 1, &error));
  /* A stray table that migration 2 wants to create makes it fail midway. */
  raw_exec (conn, "CREATE TABLE audit_log (x)");
  g_assert_false (lineup_db_schema_migrate (conn, lineup_db_schema_latest (), &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE);
  g_assert_cmpint (lineup_db_schema_version (conn, NULL), ==, 1);
  /* Nothing of migration 2 is left behind. */
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM sqlite_master WHERE name = 'users'"), ==,
                   0);
  sqlite3_close (conn);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = make_tmp_db_path ();
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "this is a text file, not SQLite\n", -1, NULL));
  db = lineup_db_new (path);
  g_assert_false (lineup_db_open_sync (db, NULL, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  /* The file is left as it was. */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "this is a text file, not SQLite\n");
  }
}

static void
test_audit_log_append_only (void)
{
  g_autofree char *path = make_tmp_db_path ();
  sqlite3 *conn = raw_open (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_db_schema_migrate (conn, lineup_db_schema_latest (), &error));
  raw_exec (conn, "INSERT INTO audit_log (ts, action, prev_hash, hash) VALUES ('t', 'a', '0', 'h')");
  g_assert_cmpint (sqlite3_exec (conn, "UPDATE audit_log SET action = 'b'", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (conn, "DELETE FROM audit_log", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM audit_log WHERE action = 'a'"), ==, 1);
  sqlite3_close (conn);
}

/* One review per decision holds in the schema, not only in the review
 * job's check: a second row written by plain SQL is refused. */
static void
test_one_review_per_decision (void)
{
  g_autofree char *path = make_tmp_db_path ();
  sqlite3 *conn = raw_open (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_db_schema_migrate (conn, lineup_db_schema_latest (), &error));
  insert_rows_for_version (conn, 2);
  raw_exec (conn,
            "INSERT INTO users (name, role, password_hash) VALUES ('sue', 'supervisor', 'x');"
            "INSERT INTO probes (case_id, sha256, source_type, created_by) VALUES (1, 'aa', 'surveillance', 1);"
            "INSERT INTO searches (uuid, case_id, probe_id, probe_face_json, model_id, top_k, threshold,"
            "  gallery_size, no_hit, created_by) VALUES ('s1', 1, 1, '{}', 'm', 10, 0.5, 1, 0, 1);"
            "INSERT INTO candidates (search_id, rank, face_id, subject_uuid, booking_number, photo_sha256,"
            "  distance, similarity) VALUES (1, 1, 1, 's1', 'B-1', 'ff', 0.3, 0.7);"
            "INSERT INTO decisions (search_id, rank, decision, note, created_by)"
            "  VALUES (1, 1, 'possible_lead', 'same scar', 1);"
            "INSERT INTO reviews (decision_id, verdict, comment, reviewed_by)"
            "  VALUES (1, 'approved', 'agreed', 2);");
  g_assert_cmpint (sqlite3_exec (conn,
                                 "INSERT INTO reviews (decision_id, verdict, comment, reviewed_by)"
                                 " VALUES (1, 'rejected', 'second opinion', 2)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (conn), ==, SQLITE_CONSTRAINT_UNIQUE);
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM reviews WHERE decision_id = 1"), ==, 1);
  /* Another decision still takes its own review. */
  raw_exec (conn,
            "INSERT INTO decisions (search_id, rank, decision, note, created_by)"
            "  VALUES (1, 1, 'possible_lead', 'second look', 1);"
            "INSERT INTO reviews (decision_id, verdict, comment, reviewed_by)"
            "  VALUES (2, 'rejected', 'not enough', 2);");
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM reviews"), ==, 2);
  sqlite3_close (conn);
}

/* v5: face ids never come back after the highest is deleted, every
 * change to the gallery is numbered by the schema's triggers (whoever
 * writes it), and the upgrade, which rebuilds faces, keeps the candidates'
 * face ids. */
static void
test_gallery_changes (void)
{
  g_autofree char *path = make_tmp_db_path ();
  sqlite3 *conn = raw_open (path);
  g_autoptr(GError) error = NULL;
  const char *add_face = "INSERT INTO faces (photo_id, box_left, box_top, box_right, box_bottom, detector,"
                         "  model_id, descriptor, enrolled) VALUES (1, 0, 0, 10, 10, 'hog', 'm', x'01', 1)";

  raw_exec (conn, "PRAGMA foreign_keys=ON");
  g_assert_true (lineup_db_schema_migrate (conn, 4, &error));
  g_assert_no_error (error);
  insert_rows_for_version (conn, 2);
  raw_exec (conn, add_face);
  raw_exec (conn,
            "INSERT INTO probes (case_id, sha256, source_type, created_by) VALUES (1, 'aa', 'surveillance', 1);"
            "INSERT INTO searches (uuid, case_id, probe_id, probe_face_json, model_id, top_k, threshold,"
            "  gallery_size, no_hit, created_by) VALUES ('s1', 1, 1, '{}', 'm', 10, 0.5, 2, 0, 1);"
            "INSERT INTO candidates (search_id, rank, face_id, subject_uuid, booking_number, photo_sha256,"
            "  distance, similarity) VALUES (1, 1, 2, 's1', 'B-1', 'ff', 0.3, 0.7);");
  g_assert_true (lineup_db_schema_migrate (conn, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (conn, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM faces"), ==, 2);
  g_assert_cmpint (raw_int (conn, "SELECT face_id FROM candidates"), ==, 2);
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM gallery_changes"), ==, 0);
  g_assert_cmpint (raw_int (conn, "SELECT length(value) FROM settings WHERE key = 'gallery_uuid'"), ==, 32);

  /* The newest face purged, a new one imported: a new id. */
  raw_exec (conn, "DELETE FROM faces WHERE id = 2");
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM candidates WHERE face_id IS NULL"), ==, 1);
  raw_exec (conn, add_face);
  g_assert_cmpint (raw_int (conn, "SELECT max(id) FROM faces"), ==, 3);
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM gallery_changes"), ==, 2);
  g_assert_cmpint (raw_int (conn, "SELECT face_id FROM gallery_changes WHERE seq = 1 AND added = 0"), ==, 2);
  g_assert_cmpint (raw_int (conn, "SELECT face_id FROM gallery_changes WHERE seq = 2 AND added = 1"), ==, 3);
  /* What the index holds changes: numbered; what it does not: not. */
  raw_exec (conn, "UPDATE faces SET enrolled = 0 WHERE id = 1");
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM gallery_changes WHERE face_id = 1"), ==, 2);
  raw_exec (conn, "UPDATE faces SET reasons = 'blur' WHERE id = 1");
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM gallery_changes"), ==, 4);
  /* A change that does not commit is not numbered. */
  raw_exec (conn, "BEGIN");
  raw_exec (conn, add_face);
  raw_exec (conn, "ROLLBACK");
  g_assert_cmpint (raw_int (conn, "SELECT count(*) FROM gallery_changes"), ==, 4);
  g_assert_cmpint (raw_int (conn, "SELECT max(seq) FROM gallery_changes"), ==, 4);
  sqlite3_close (conn);
}

typedef struct
{
  guint done;
  guint ok;
  guint cancelled;
  GThread *main_thread;
} AsyncCount;

static void
info_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncCount *count = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDbInfo) info = lineup_db_get_info_finish (LINEUP_DB (source), result, &error);

  /* Results arrive in the caller's context, never on the database thread. */
  g_assert_true (g_thread_self () == count->main_thread);
  count->done++;
  if (info != NULL)
    count->ok++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    count->cancelled++;
}

static void
test_async_queue (void)
{
  g_autofree char *path = make_tmp_db_path ();
  g_autoptr(LineupDb) db = lineup_db_new (path);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncCount count = { 0, 0, 0, g_thread_self () };

  g_assert_true (lineup_db_open_sync (db, NULL, &error));
  g_cancellable_cancel (cancelled);
  for (int i = 0; i < 100; i++)
    lineup_db_get_info_async (db, (i % 10 == 9) ? cancelled : NULL, info_cb, &count);
  while (count.done < 100)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count.ok, ==, 90);
  g_assert_cmpuint (count.cancelled, ==, 10);
}

static void
test_default_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-data-XXXXXX", &error);
  g_autofree char *nested = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *resolved = NULL;
  g_autoptr(LineupDb) db = NULL;

  g_setenv ("LINEUP_DATA_DIR", "/nonexistent-should-be-overridden", TRUE);
  resolved = lineup_paths_resolve_data_dir (nested);
  g_assert_cmpstr (resolved, ==, nested);
  g_free (resolved);
  g_setenv ("LINEUP_DATA_DIR", nested, TRUE);
  resolved = lineup_paths_resolve_data_dir (NULL);
  g_assert_cmpstr (resolved, ==, nested);
  g_unsetenv ("LINEUP_DATA_DIR");
  g_free (resolved);
  resolved = lineup_paths_resolve_data_dir (NULL);
  g_assert_true (g_str_has_suffix (resolved, "/lineup"));

  db = lineup_db_open_default_sync (nested, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (g_str_has_prefix (lineup_db_get_path (db), nested));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/db/fresh", test_fresh);
  g_test_add_func ("/db/not-open", test_not_open);
  g_test_add_func ("/db/upgrade-from-every-version", test_upgrade_from_every_version);
  g_test_add_func ("/db/too-new", test_too_new);
  g_test_add_func ("/db/failed-migration-rolls-back", test_failed_migration_rolls_back);
  g_test_add_func ("/db/not-a-database", test_not_a_database);
  g_test_add_func ("/db/audit-log-append-only", test_audit_log_append_only);
  g_test_add_func ("/db/one-review-per-decision", test_one_review_per_decision);
  g_test_add_func ("/db/gallery-changes", test_gallery_changes);
  g_test_add_func ("/db/async-queue", test_async_queue);
  g_test_add_func ("/db/default-data-dir", test_default_data_dir);
  return g_test_run ();
}
