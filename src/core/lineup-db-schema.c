/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-schema.c: the local database's schema and its migrations.
 *
 * Each migration runs in its own transaction and records itself in
 * schema_version, so a crash mid-upgrade leaves the previous version intact.
 * Never edit a released migration: add a new one.
 */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <sqlite3.h>

#include "lineup-db-private.h"
#include "lineup-error.h"

/* v1: the gallery. Subjects are people (linked by the agency's person_id),
 * bookings are arrest events, photos are content-addressed original bytes and
 * faces carry descriptors tagged by the model that made them, because
 * descriptors of different models must never be compared. uuid columns are
 * the identity shared with the central server for sync. */
static const char migration_1[] =
  "CREATE TABLE models ("
  "  id TEXT PRIMARY KEY," /* e.g. dlib-resnet-v1 */
  "  kind TEXT NOT NULL CHECK (kind IN ('descriptor','detector','landmarks')),"
  "  sha256 TEXT NOT NULL,"
  "  dims INTEGER,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE TABLE subjects ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  person_id TEXT UNIQUE," /* agency state ID; NULL = booking is its own subject */
  "  label TEXT NOT NULL,"
  "  last_name TEXT, first_name TEXT, date_of_birth TEXT, sex TEXT, race TEXT,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE TABLE imports ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  source TEXT NOT NULL," /* manifest path or folder */
  "  kind TEXT NOT NULL CHECK (kind IN ('csv','folder','single','sync')),"
  "  user_name TEXT,"
  "  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  finished_at TEXT,"
  "  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','cancelled','failed')),"
  "  summary_json TEXT"
  ");"
  "CREATE TABLE bookings ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  subject_id INTEGER NOT NULL REFERENCES subjects(id) ON DELETE RESTRICT,"
  "  booking_number TEXT NOT NULL UNIQUE,"
  "  booking_date TEXT, agency TEXT, charge TEXT,"
  "  extra_json TEXT," /* unknown manifest columns, kept verbatim */
  "  import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE INDEX bookings_subject ON bookings(subject_id);"
  "CREATE TABLE photos ("
  "  id INTEGER PRIMARY KEY,"
  "  booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,"
  "  sha256 TEXT NOT NULL UNIQUE," /* dedupe key and content-store name */
  "  mime TEXT, bytes INTEGER NOT NULL, width INTEGER, height INTEGER,"
  "  original_name TEXT,"
  "  flags TEXT NOT NULL DEFAULT ''," /* e.g. MULTIPLE_FACES */
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE INDEX photos_booking ON photos(booking_id);"
  "CREATE TABLE faces ("
  "  id INTEGER PRIMARY KEY,"
  "  photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,"
  "  box_left REAL NOT NULL, box_top REAL NOT NULL, box_right REAL NOT NULL, box_bottom REAL NOT NULL,"
  "  detector TEXT NOT NULL, score REAL,"
  "  landmarks BLOB," /* 68 x (float x, float y) */
  "  quality_json TEXT,"
  "  reasons TEXT NOT NULL DEFAULT ''," /* space-separated reason codes */
  "  enrolled INTEGER NOT NULL DEFAULT 0 CHECK (enrolled IN (0,1)),"
  "  model_id TEXT REFERENCES models(id),"
  "  descriptor BLOB," /* float32 x dims, little endian */
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE INDEX faces_photo ON faces(photo_id);"
  "CREATE INDEX faces_model_enrolled ON faces(model_id, enrolled);"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");";

/* v2: accountability. Users and roles, cases with a stated purpose, probes
 * and their non-destructive edits, searches with the full candidate list,
 * decisions (audit notes), reviews, and the hash-chained audit log. */
static const char migration_2[] =
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  display_name TEXT,"
  "  role TEXT NOT NULL CHECK (role IN ('clerk','detective','supervisor','administrator')),"
  "  extra_roles TEXT NOT NULL DEFAULT '',"
  "  password_hash TEXT NOT NULL,"
  "  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),"
  "  failed_signins INTEGER NOT NULL DEFAULT 0,"
  "  locked_until TEXT,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE TABLE offence_categories ("
  "  code TEXT PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  search_allowed INTEGER NOT NULL DEFAULT 1 CHECK (search_allowed IN (0,1))"
  ");"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  number TEXT NOT NULL UNIQUE,"
  "  offence TEXT NOT NULL REFERENCES offence_categories(code),"
  "  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','lead_pending','lead_approved','closed')),"
  "  created_by INTEGER NOT NULL REFERENCES users(id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE TABLE probes ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases(id),"
  "  sha256 TEXT NOT NULL," /* of the original, never changed */
  "  source_type TEXT NOT NULL CHECK (source_type IN ('surveillance','witness','social_media','other')),"
  "  original_name TEXT,"
  "  created_by INTEGER NOT NULL REFERENCES users(id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "CREATE TABLE probe_edits ("
  "  id INTEGER PRIMARY KEY,"
  "  probe_id INTEGER NOT NULL REFERENCES probes(id),"
  "  seq INTEGER NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('crop','rotate','mirror','brightness_contrast')),"
  "  params_json TEXT NOT NULL,"
  "  removed INTEGER NOT NULL DEFAULT 0,"
  "  created_by INTEGER NOT NULL REFERENCES users(id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  UNIQUE (probe_id, seq)"
  ");"
  "CREATE TABLE searches ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  case_id INTEGER NOT NULL REFERENCES cases(id),"
  "  probe_id INTEGER NOT NULL REFERENCES probes(id),"
  "  edit_seq INTEGER NOT NULL DEFAULT 0," /* which edited version was searched */
  "  probe_face_json TEXT NOT NULL,"
  "  model_id TEXT NOT NULL REFERENCES models(id),"
  "  top_k INTEGER NOT NULL, threshold REAL NOT NULL,"
  "  gallery_size INTEGER NOT NULL,"
  "  no_hit INTEGER NOT NULL CHECK (no_hit IN (0,1)),"
  "  created_by INTEGER NOT NULL REFERENCES users(id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  /* Candidates keep copies of the identifying numbers so that a later purge
   * of the booking cannot rewrite what a detective was shown. */
  "CREATE TABLE candidates ("
  "  search_id INTEGER NOT NULL REFERENCES searches(id),"
  "  rank INTEGER NOT NULL,"
  "  face_id INTEGER REFERENCES faces(id) ON DELETE SET NULL,"
  "  subject_uuid TEXT NOT NULL, booking_number TEXT NOT NULL, photo_sha256 TEXT NOT NULL,"
  "  distance REAL NOT NULL, similarity REAL NOT NULL,"
  "  PRIMARY KEY (search_id, rank)"
  ");"
  "CREATE TABLE decisions ("
  "  id INTEGER PRIMARY KEY,"
  "  search_id INTEGER NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  decision TEXT NOT NULL CHECK (decision IN ('possible_lead','not_a_match','inconclusive')),"
  "  note TEXT NOT NULL CHECK (length(trim(note)) > 0),"
  "  created_by INTEGER NOT NULL REFERENCES users(id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  FOREIGN KEY (search_id, rank) REFERENCES candidates(search_id, rank)"
  ");"
  "CREATE TABLE reviews ("
  "  id INTEGER PRIMARY KEY,"
  "  decision_id INTEGER NOT NULL REFERENCES decisions(id),"
  "  verdict TEXT NOT NULL CHECK (verdict IN ('approved','rejected')),"
  "  comment TEXT NOT NULL CHECK (length(trim(comment)) > 0),"
  "  reviewed_by INTEGER NOT NULL REFERENCES users(id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  /* Hash chain: hash = sha256(canonical(entry) || prev_hash). The triggers
   * make the append-only rule hold for every code path, not just ours. */
  "CREATE TABLE audit_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  ts TEXT NOT NULL,"
  "  user_name TEXT,"
  "  action TEXT NOT NULL,"
  "  object_type TEXT, object_id TEXT,"
  "  details_json TEXT NOT NULL DEFAULT '{}',"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
  "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
  "INSERT INTO offence_categories (code, label) VALUES"
  "  ('homicide','Homicide'), ('robbery','Robbery'), ('assault','Assault'),"
  "  ('burglary','Burglary'), ('fraud','Fraud'), ('missing_person','Missing person');";

/* v3: sync with the central PostgreSQL server. Purges are recorded without
 * biometric data so they can be replayed on every workstation. */
static const char migration_3[] =
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY," /* e.g. server, last_pull_lsn */
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE purges ("
  "  id INTEGER PRIMARY KEY,"
  "  booking_uuid TEXT NOT NULL,"
  "  booking_number TEXT NOT NULL,"
  "  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),"
  "  purged_by TEXT NOT NULL,"
  "  origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local','central')),"
  "  synced INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "ALTER TABLE bookings ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local','central'));"
  "ALTER TABLE bookings ADD COLUMN central_version INTEGER;"
  "CREATE INDEX bookings_date ON bookings(booking_date);"
  "CREATE INDEX subjects_name ON subjects(last_name, first_name);";

/* v4: one review per decision, held by the schema itself: the check in the
 * review job gives the friendly message, this index holds for every other
 * writer (and for two workstations racing) as well. */
static const char migration_4[] =
  "CREATE UNIQUE INDEX reviews_one_per_decision ON reviews(decision_id);";

/* v5: a search index every process can keep exact. Face ids are never
 * handed out twice (AUTOINCREMENT: SQLite otherwise reuses the highest id
 * after it is deleted, and an index would take the new face for the old
 * one), and every change to the gallery is numbered in gallery_changes by
 * triggers, in the same transaction as the change whoever makes it
 * (import, purge, sync, plain SQL). An index records the last number it
 * has seen and applies what came after. Rebuilding faces needs foreign
 * keys off (the runner does that for this migration), or dropping the old
 * table would clear every candidate's face_id. */
static const char migration_5[] =
  "CREATE TABLE faces_v5 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,"
  "  box_left REAL NOT NULL, box_top REAL NOT NULL, box_right REAL NOT NULL, box_bottom REAL NOT NULL,"
  "  detector TEXT NOT NULL, score REAL,"
  "  landmarks BLOB,"
  "  quality_json TEXT,"
  "  reasons TEXT NOT NULL DEFAULT '',"
  "  enrolled INTEGER NOT NULL DEFAULT 0 CHECK (enrolled IN (0,1)),"
  "  model_id TEXT REFERENCES models(id),"
  "  descriptor BLOB,"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
  ");"
  "INSERT INTO faces_v5 (id, photo_id, box_left, box_top, box_right, box_bottom, detector, score, landmarks,"
  "  quality_json, reasons, enrolled, model_id, descriptor, created_at)"
  "  SELECT id, photo_id, box_left, box_top, box_right, box_bottom, detector, score, landmarks,"
  "  quality_json, reasons, enrolled, model_id, descriptor, created_at FROM faces;"
  "DROP TABLE faces;"
  "ALTER TABLE faces_v5 RENAME TO faces;"
  "CREATE INDEX faces_photo ON faces(photo_id);"
  "CREATE INDEX faces_model_enrolled ON faces(model_id, enrolled);"
  "CREATE TABLE gallery_changes ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  face_id INTEGER NOT NULL," /* no reference: the face may be gone */
  "  added INTEGER NOT NULL CHECK (added IN (0,1))"
  ");"
  "CREATE TRIGGER gallery_face_added AFTER INSERT ON faces BEGIN"
  "  INSERT INTO gallery_changes (face_id, added) VALUES (NEW.id, 1); END;"
  "CREATE TRIGGER gallery_face_removed AFTER DELETE ON faces BEGIN"
  "  INSERT INTO gallery_changes (face_id, added) VALUES (OLD.id, 0); END;"
  "CREATE TRIGGER gallery_face_changed AFTER UPDATE OF id, enrolled, model_id, descriptor ON faces BEGIN"
  "  INSERT INTO gallery_changes (face_id, added) VALUES (OLD.id, 0);"
  "  INSERT INTO gallery_changes (face_id, added) VALUES (NEW.id, 1); END;"
  /* Which database an index file was built from, beside the number. */
  "INSERT OR IGNORE INTO settings (key, value) VALUES ('gallery_uuid', lower(hex(randomblob(16))));";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
};

/* Migrations that rebuild a table others refer to run with foreign keys
 * off (which cannot change inside a transaction) and are checked with
 * foreign_key_check before they commit. */
static const gboolean rebuilds_table[] = {
  FALSE,
  FALSE,
  FALSE,
  FALSE,
  TRUE,
};

G_STATIC_ASSERT (G_N_ELEMENTS (rebuilds_table) == G_N_ELEMENTS (migrations));

static int
query_int (sqlite3    *conn,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int           v = -1;

  if (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static gboolean
foreign_keys_hold (sqlite3 *conn,
                   GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  if (sqlite3_prepare_v2 (conn, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, "%s", sqlite3_errmsg (conn));
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE, _("a row of %s refers to a missing row"),
                 (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

int
lineup_db_schema_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

int
lineup_db_schema_version (sqlite3 *conn,
                          GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int           version = 0;
  int           rc;

  rc = sqlite3_prepare_v2 (conn,
                           "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE,
                   _("Cannot read the database: %s"), sqlite3_errmsg (conn));
      return -1;
    }
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return 0;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE,
                   _("Cannot read the database: %s"), sqlite3_errmsg (conn));
      return -1;
    }

  if (sqlite3_prepare_v2 (conn, "SELECT coalesce(max(version), 0) FROM schema_version",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE,
                   _("Cannot read the schema version: %s"), sqlite3_errmsg (conn));
      sqlite3_finalize (stmt);
      return -1;
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
lineup_db_schema_migrate (sqlite3 *conn,
                          int      target,
                          GError **error)
{
  int current;

  g_return_val_if_fail (target >= 0 && target <= lineup_db_schema_latest (), FALSE);

  current = lineup_db_schema_version (conn, error);
  if (current < 0)
    return FALSE;
  if (current > lineup_db_schema_latest ())
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE_TOO_NEW,
                   _("The database has schema version %d but this Lineup only knows up to %d; "
                     "update Lineup before opening it"),
                   current, lineup_db_schema_latest ());
      return FALSE;
    }

  if (current == 0 &&
      !lineup_db_exec (conn,
                       "CREATE TABLE IF NOT EXISTS schema_version ("
                       "  version INTEGER PRIMARY KEY,"
                       "  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
                       error))
    return FALSE;

  for (int v = current + 1; v <= target; v++)
    {
      g_autofree char *record = NULL;
      g_autoptr(GError) local_error = NULL;

      gboolean fk_off = rebuilds_table[v - 1] && query_int (conn, "PRAGMA foreign_keys") == 1;

      if (fk_off && !lineup_db_exec (conn, "PRAGMA foreign_keys=OFF", error))
        return FALSE;
      if (!lineup_db_exec (conn, "BEGIN IMMEDIATE", error))
        return FALSE;
      record = g_strdup_printf ("INSERT INTO schema_version (version) VALUES (%d)", v);
      if (!lineup_db_exec (conn, migrations[v - 1], &local_error) ||
          !lineup_db_exec (conn, record, &local_error) ||
          (rebuilds_table[v - 1] && !foreign_keys_hold (conn, &local_error)))
        {
          lineup_db_exec (conn, "ROLLBACK", NULL);
          if (fk_off)
            lineup_db_exec (conn, "PRAGMA foreign_keys=ON", NULL);
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_DATABASE,
                       _("Upgrading the database to schema version %d failed: %s"),
                       v, local_error->message);
          return FALSE;
        }
      if (!lineup_db_exec (conn, "COMMIT", error))
        return FALSE;
      if (fk_off && !lineup_db_exec (conn, "PRAGMA foreign_keys=ON", error))
        return FALSE;
      g_debug ("migrated database to schema version %d", v);
    }
  return TRUE;
}
