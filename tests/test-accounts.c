/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-accounts.c: accountability enforced in the core: every forbidden
 * (role, operation) pair is refused and audited; sign-in back-off; the
 * audit chain catches a flipped byte, a deletion, an insertion and a
 * reordering; reviews; and the search with its index kept in step. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lineup-core.h"

/* The tests check the records through their JSON, the shape the CLI
 * prints: the record (taken) as _to_json gives it, NULL for NULL. */
static JsonNode *
json_of (gpointer   record,
         gpointer   to_json)
{
  JsonNode *(*func) (gpointer) = to_json;
  JsonNode *node;

  if (record == NULL)
    return NULL;
  node = func (record);
  g_object_unref (record);
  return node;
}

#define PW "correct horse battery"

typedef struct
{
  char        *dir;
  char        *data;
  char        *src;
  LineupDb    *db;
  LineupUser  *admin;
  LineupUser  *clerk;
  LineupUser  *detective;
  LineupUser  *supervisor;
  LineupUser  *disabled;
  LineupEngine *engine;
  LineupImage *probe_image;
  LineupFace  *probe_face;
  char        *probe_person;
  gint64       probe_id;
  gint64       search_id;
  guint        counter;
} Fixture;

static Fixture fx;

static const char *
faces_dir (void)
{
  return g_getenv ("LINEUP_FACES_DIR");
}

static char *
nth_photo (const char *person,
           guint       n)
{
  g_autofree char *dir = g_build_filename (faces_dir (), "lfw-devtrain", person, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  lineup_sort_strings (names);
  g_assert_cmpuint (n, <, names->len);
  return g_build_filename (dir, names->pdata[n], NULL);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_import_run_finish (LINEUP_IMPORT (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Imports the first photo of each person as a clerk (a folder per person). */
static void
import_people_into (LineupDb           *db,
                    const char * const *people,
                    const char         *folder)
{
  g_autofree char *src = g_build_filename (fx.dir, folder, NULL);
  g_autoptr(LineupImport) import = NULL;
  gboolean done = FALSE;

  for (guint i = 0; people[i]; i++)
    {
      g_autofree char *d = g_build_filename (src, people[i], NULL);
      g_autofree char *photo = nth_photo (people[i], 0);
      g_autofree char *base = g_path_get_basename (photo);
      g_autofree char *link = g_build_filename (d, base, NULL);

      g_assert_cmpint (g_mkdir_with_parents (d, 0700), ==, 0);
      g_assert_cmpint (symlink (photo, link), ==, 0);
    }
  import = lineup_import_new (db, fx.data, src);
  lineup_import_set_user (import, fx.clerk);
  lineup_import_set_workers (import, 1);
  lineup_import_set_model_dir (import, g_getenv ("LINEUP_MODEL_DIR"));
  lineup_import_run_async (import, NULL, import_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (lineup_import_get_imported (import), ==, g_strv_length ((GStrv)people));
}

static void
import_people (const char * const *people,
               const char         *folder)
{
  import_people_into (fx.db, people, folder);
}

static gint64
raw_int (const char *sql)
{
  g_autofree char *path = g_build_filename (fx.data, "lineup.db", NULL);
  sqlite3 *conn = NULL;
  sqlite3_stmt *st = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (conn);
  return v;
}

static char *
raw_text (const char *sql)
{
  g_autofree char *path = g_build_filename (fx.data, "lineup.db", NULL);
  sqlite3 *conn = NULL;
  sqlite3_stmt *st = NULL;
  char *v = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = g_memdup2 (sqlite3_column_blob (st, 0), sqlite3_column_bytes (st, 0) + 1);
  sqlite3_finalize (st);
  sqlite3_close (conn);
  return v;
}

static LineupUser *
add_user (const char  *name,
          LineupRoles  roles)
{
  g_autoptr(GError) error = NULL;
  LineupUser *u = lineup_db_user_add_sync (fx.db, fx.admin, name, NULL, roles, PW, &error);

  g_assert_no_error (error);
  return u;
}

static JsonNode *
do_search (LineupUser *user,
           guint       top_k,
           double      threshold,
           GError    **error)
{
  LineupSearchRequest req = { 0 };

  req.case_number = (char *)"CASE-1";
  req.probe_id = fx.probe_id;
  req.face = fx.probe_face;
  req.model_sha256 = lineup_engine_get_model_sha256 (fx.engine);
  req.top_k = top_k;
  req.threshold = threshold;
  return json_of (lineup_db_search_sync (fx.db, user, &req, error), lineup_search_to_json);
}

static const char * const people[] = { "Aaron_Peirsol", "Aaron_Sorkin", "Abdoulaye_Wade", "Adam_Sandler",
                                       "Abel_Pacheco", "Adam_Scott", NULL };

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) c = NULL;
  g_autoptr(JsonNode) p = NULL;
  g_autoptr(JsonNode) s = NULL;
  g_autoptr(JsonNode) d = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autofree char *probe_path = NULL;

  fx.dir = g_dir_make_tmp ("lineup-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  fx.data = g_build_filename (fx.dir, "data", NULL);
  fx.db = lineup_db_open_default_sync (fx.data, &error);
  g_assert_no_error (error);

  /* No default account exists: nothing signs in before the first run. */
  g_assert_cmpint (lineup_db_count_users_sync (fx.db, NULL), ==, 0);
  g_assert_null (lineup_db_sign_in_sync (fx.db, "admin", "admin", &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_null (lineup_db_user_init_sync (fx.db, "admin", NULL, "short", 0, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_clear_error (&error);

  fx.admin = lineup_db_user_init_sync (fx.db, "admin", "Ada Admin", PW, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_user_get_roles (fx.admin), ==, LINEUP_ROLE_ADMINISTRATOR);
  /* Only once. */
  g_assert_null (lineup_db_user_init_sync (fx.db, "admin2", NULL, PW, 0, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS);
  g_clear_error (&error);

  fx.clerk = add_user ("clerk", LINEUP_ROLE_CLERK);
  fx.detective = add_user ("detective", LINEUP_ROLE_DETECTIVE);
  fx.supervisor = add_user ("supervisor", LINEUP_ROLE_SUPERVISOR);
  fx.disabled = add_user ("gone", LINEUP_ROLE_DETECTIVE | LINEUP_ROLE_SUPERVISOR | LINEUP_ROLE_CLERK |
                                  LINEUP_ROLE_ADMINISTRATOR);
  g_assert_true (lineup_db_user_disable_sync (fx.db, fx.admin, "gone", TRUE, &error));
  g_assert_no_error (error);
  /* The password hash is argon2id, never the password. */
  g_assert_cmpint (raw_int ("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'"), ==, 5);

  import_people (people, "src1");

  fx.engine = lineup_engine_new (g_getenv ("LINEUP_MODEL_DIR"), &error);
  g_assert_no_error (error);
  fx.probe_person = g_strdup ("Adam_Sandler");
  probe_path = nth_photo (fx.probe_person, 1);
  fx.probe_image = lineup_image_new_from_file (probe_path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  g_assert_no_error (error);
  {
    LineupDetectOptions o;
    lineup_detect_options_init_default (&o);
    faces = lineup_engine_detect (fx.engine, fx.probe_image, &o, &error);
    g_assert_no_error (error);
    fx.probe_face = g_object_ref (lineup_faces_largest (faces));
  }

  c = json_of (lineup_db_case_new_sync (fx.db, fx.detective, "CASE-1", "robbery", "Shop robbery, suspect on CCTV", &error), lineup_case_to_json);
  g_assert_no_error (error);
  p = json_of (lineup_db_probe_add_sync (fx.db, fx.detective, fx.data, "CASE-1", LINEUP_SOURCE_SURVEILLANCE,
                                fx.probe_image, &error), lineup_probe_record_to_json);
  g_assert_no_error (error);
  fx.probe_id = json_object_get_int_member (json_node_get_object (p), "id");
  s = do_search (fx.detective, 0, 0, &error);
  g_assert_no_error (error);
  fx.search_id = json_object_get_int_member (json_node_get_object (s), "search_id");
  d = json_of (lineup_db_decide_sync (fx.db, fx.detective, fx.search_id, 1, LINEUP_DECISION_POSSIBLE_LEAD,
                             "Ear and hairline consistent", &error), lineup_decision_to_json);
  g_assert_no_error (error);
}

/* the matrix */

typedef GError *(*OpFunc) (LineupUser *user);

static GError *
op_import (LineupUser *user)
{
  GError *e = NULL;
  gint64 id = lineup_db_import_begin_sync (fx.db, "/nowhere", "folder", user, &e);
  if (id > 0)
    lineup_db_import_end_sync (fx.db, id, "cancelled", "{}", user, NULL);
  return e;
}

static GError *
op_purge (LineupUser *user)
{
  GError *e = NULL;
  g_strfreev (lineup_db_booking_purge_sync (fx.db, "NO-SUCH-BOOKING", "court order", user, &e));
  return e;
}

static GError *
op_view_booking (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = lineup_db_booking_show_sync (fx.db, user, "Adam_Sandler_0001", &e);
  return e;
}

static GError *
op_case_new (LineupUser *user)
{
  GError *e = NULL;
  g_autofree char *number = g_strdup_printf ("M-%u", ++fx.counter);
  g_autoptr(JsonNode) n = json_of (lineup_db_case_new_sync (fx.db, user, number, "fraud", "Matrix test reason", &e), lineup_case_to_json);
  return e;
}

static GError *
op_probe_add (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = json_of (lineup_db_probe_add_sync (fx.db, user, fx.data, "CASE-1", LINEUP_SOURCE_WITNESS,
                                                    fx.probe_image, &e), lineup_probe_record_to_json);
  return e;
}

static GError *
op_probe_edit (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  lineup_db_probe_edit_sync (fx.db, user, fx.probe_id, "mirror", params, &e);
  return e;
}

static GError *
op_search (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = do_search (user, 5, 0, &e);
  return e;
}

static GError *
op_decide (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = json_of (lineup_db_decide_sync (fx.db, user, fx.search_id, 1, LINEUP_DECISION_INCONCLUSIVE,
                                                 "matrix", &e), lineup_decision_to_json);
  return e;
}

static GError *
op_review_queue (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = json_of (lineup_db_review_queue_sync (fx.db, user, &e), lineup_queue_entry_list_to_json);
  return e;
}

static GError *
op_review (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = json_of (lineup_db_review_sync (fx.db, user, 999999, TRUE, "matrix", &e), lineup_review_to_json);
  return e;
}

static GError *
op_audit (LineupUser *user)
{
  GError *e = NULL;
  LineupAuditFilter f = { .limit = 5 };
  g_autoptr(JsonNode) n = lineup_db_audit_list_sync (fx.db, user, &f, &e);
  return e;
}

static GError *
op_user_add (LineupUser *user)
{
  GError *e = NULL;
  g_autofree char *name = g_strdup_printf ("u%u", ++fx.counter);
  g_autoptr(LineupUser) u = lineup_db_user_add_sync (fx.db, user, name, NULL, LINEUP_ROLE_CLERK, PW, &e);
  return e;
}

static GError *
op_user_list (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = lineup_db_user_list_sync (fx.db, user, &e);
  return e;
}

static GError *
op_user_disable (LineupUser *user)
{
  GError *e = NULL;
  lineup_db_user_disable_sync (fx.db, user, "nobody-by-this-name", TRUE, &e);
  return e;
}

static GError *
op_policy (LineupUser *user)
{
  GError *e = NULL;
  lineup_db_policy_set_sync (fx.db, user, "top_k_default", "20", &e);
  return e;
}

static GError *
op_offence (LineupUser *user)
{
  GError *e = NULL;
  lineup_db_offence_set_sync (fx.db, user, "arson", "Arson", TRUE, &e);
  return e;
}

static GError *
op_report (LineupUser *user)
{
  GError *e = NULL;
  g_autoptr(JsonNode) n = json_of (lineup_db_case_dossier_sync (fx.db, user, "CASE-1", &e), lineup_dossier_to_json);
  return e;
}

#define C LINEUP_ROLE_CLERK
#define D LINEUP_ROLE_DETECTIVE
#define S LINEUP_ROLE_SUPERVISOR
#define A LINEUP_ROLE_ADMINISTRATOR

/* Written from the role descriptions, not from the core's table,
 * so a wrong table fails here. */
static const struct
{
  const char  *name;
  OpFunc       func;
  LineupRoles  allowed;
} ops[] = {
  { "import", op_import, C },
  { "purge", op_purge, C },
  { "view booking", op_view_booking, C | D | S },
  { "open case", op_case_new, D | S },
  { "load probe", op_probe_add, D | S },
  { "edit probe", op_probe_edit, D | S },
  { "search", op_search, D | S },
  { "decide", op_decide, D | S },
  { "review queue", op_review_queue, S },
  { "review", op_review, S },
  { "audit", op_audit, S | A },
  { "add account", op_user_add, A },
  { "list accounts", op_user_list, A },
  { "disable account", op_user_disable, A },
  { "policy", op_policy, A },
  { "offence categories", op_offence, A },
  { "lead report", op_report, D | S },
};

static void
test_role_matrix (void)
{
  struct { LineupUser *user; LineupRoles roles; } actors[] = {
    { fx.clerk, C }, { fx.detective, D }, { fx.supervisor, S }, { fx.admin, A },
    { fx.disabled, 0 }, { NULL, 0 },
  };
  guint refused = 0, allowed = 0;

  for (guint a = 0; a < G_N_ELEMENTS (actors); a++)
    for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
      {
        const char *name = actors[a].user ? lineup_user_get_name (actors[a].user) : "";
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'refused'"
                                                " AND coalesce(user_name, '') = '%s'", name);
        gint64 before = raw_int (sql);
        g_autoptr(GError) error = ops[o].func (actors[a].user);
        gboolean should = (actors[a].roles & ops[o].allowed) != 0;

        if (should)
          {
            if (error != NULL && g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN))
              g_error ("%s was refused “%s”: %s", name, ops[o].name, error->message);
            g_assert_cmpint (raw_int (sql), ==, before);
            allowed++;
          }
        else
          {
            if (error == NULL || !g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN))
              g_error ("“%s” by “%s” was not refused (%s)", ops[o].name, name,
                       error ? error->message : "no error");
            /* The message says who and what; the refusal is in the log. */
            g_assert_nonnull (strstr (error->message, "Refused"));
            g_assert_cmpint (raw_int (sql), ==, before + 1);
            refused++;
          }
      }
  g_test_message ("%u refused and audited, %u allowed", refused, allowed);
  g_assert_cmpuint (refused, >, 60);
}

/* sign-in */

static void
test_sign_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupUser) u = NULL;

  u = lineup_db_sign_in_sync (fx.db, "detective", PW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lineup_user_get_roles (u), ==, LINEUP_ROLE_DETECTIVE);
  g_clear_object (&u);

  /* Unknown name and wrong password get the same answer. */
  g_assert_null (lineup_db_sign_in_sync (fx.db, "nobody", PW, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_AUTH);
  g_clear_error (&error);
  for (int i = 0; i < LINEUP_SIGNIN_FREE_FAILURES; i++)
    {
      g_assert_null (lineup_db_sign_in_sync (fx.db, "detective", "wrong", &error));
      g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_AUTH);
      g_clear_error (&error);
    }
  /* The next failure locks, and then even the right password waits. */
  g_assert_null (lineup_db_sign_in_sync (fx.db, "detective", "wrong", &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (lineup_db_sign_in_sync (fx.db, "detective", PW, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "seconds"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int ("SELECT count(*) FROM audit_log WHERE action = 'session.sign_in_failed'"
                            " AND user_name = 'detective'"), ==, LINEUP_SIGNIN_FREE_FAILURES + 1);
  g_assert_cmpint (raw_int ("SELECT count(*) FROM audit_log WHERE action = 'session.locked'"), ==, 1);
  g_assert_cmpint (raw_int ("SELECT count(*) FROM audit_log WHERE action = 'session.sign_in_refused'"), >=, 1);

  /* An administrator clears the lock by enabling the account. */
  g_assert_true (lineup_db_user_disable_sync (fx.db, fx.admin, "detective", FALSE, &error));
  u = lineup_db_sign_in_sync (fx.db, "detective", PW, &error);
  g_assert_no_error (error);
  g_clear_object (&u);

  g_assert_null (lineup_db_sign_in_sync (fx.db, "gone", PW, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN);
}

/* reviews */

static void
test_review (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) q = NULL;
  g_autoptr(JsonNode) r = NULL;
  g_autoptr(JsonNode) own = NULL;
  g_autoptr(JsonNode) cases = NULL;
  JsonObject *item = NULL;
  gint64 own_id;
  JsonArray *arr;

  q = json_of (lineup_db_review_queue_sync (fx.db, fx.supervisor, &error), lineup_queue_entry_list_to_json);
  g_assert_no_error (error);
  arr = json_node_get_array (q);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    if (json_object_get_int_member (json_array_get_object_element (arr, i), "search_id") == fx.search_id)
      item = json_array_get_object_element (arr, i);
  g_assert_nonnull (item);
  g_assert_false (json_object_get_boolean_member (item, "own"));
  g_assert_cmpstr (json_object_get_string_member (item, "author"), ==, "detective");

  /* A supervisor's own lead: visible as own, and refused to her. */
  own = json_of (lineup_db_decide_sync (fx.db, fx.supervisor, fx.search_id, 2, LINEUP_DECISION_POSSIBLE_LEAD,
                               "Second look", &error), lineup_decision_to_json);
  if (own == NULL)
    {
      /* Fewer than two candidates: decide on the first one again. */
      g_clear_error (&error);
      own = json_of (lineup_db_decide_sync (fx.db, fx.supervisor, fx.search_id, 1, LINEUP_DECISION_POSSIBLE_LEAD,
                                   "Second look", &error), lineup_decision_to_json);
    }
  g_assert_no_error (error);
  own_id = json_object_get_int_member (json_node_get_object (own), "id");
  g_assert_null (json_of (lineup_db_review_sync (fx.db, fx.supervisor, own_id, TRUE, "mine", &error), lineup_review_to_json));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_null (json_of (lineup_db_review_sync (fx.db, fx.supervisor, json_object_get_int_member (item, "decision_id"),
                                        TRUE, "  ", &error), lineup_review_to_json));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_clear_error (&error);

  r = json_of (lineup_db_review_sync (fx.db, fx.supervisor, json_object_get_int_member (item, "decision_id"), TRUE,
                             "Consistent features; treat as a lead only", &error), lineup_review_to_json);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r), "case_status"), ==, "lead_approved");
  cases = json_of (lineup_db_case_list_sync (fx.db, fx.detective, &error), lineup_case_list_to_json);
  g_assert_no_error (error);
  arr = json_node_get_array (cases);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *c = json_array_get_object_element (arr, i);
      if (g_str_equal (json_object_get_string_member (c, "number"), "CASE-1"))
        g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "lead_approved");
    }
  /* Reviewed once only. */
  g_assert_null (json_of (lineup_db_review_sync (fx.db, fx.supervisor, json_object_get_int_member (item, "decision_id"),
                                        FALSE, "again", &error), lineup_review_to_json));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS);
  /* The job's check gives the message (the schema's UNIQUE index would
   * only say "constraint failed"). */
  {
    g_autofree char *expected = g_strdup_printf ("Decision %" G_GINT64_FORMAT " was reviewed already",
                                                 json_object_get_int_member (item, "decision_id"));
    g_assert_cmpstr (error->message, ==, expected);
  }
}

/* search */

static gboolean
has_booking (JsonNode   *search,
             const char *number)
{
  JsonArray *c = json_object_get_array_member (json_node_get_object (search), "candidates");

  for (guint i = 0; i < json_array_get_length (c); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (c, i), "booking_number"),
                   number) == 0)
      return TRUE;
  return FALSE;
}

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) s = NULL;
  g_autoptr(JsonNode) after_purge = NULL;
  g_autoptr(JsonNode) after_import = NULL;
  g_autoptr(JsonNode) nohit = NULL;
  g_autoptr(JsonNode) dossier = NULL;
  g_auto(GStrv) shas = NULL;
  JsonObject *o, *first;
  const char * const more[] = { "Adam_Sandler", NULL };
  g_autofree char *probe_booking = NULL;

  s = do_search (fx.detective, 10, 0, &error);
  g_assert_no_error (error);
  o = json_node_get_object (s);
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, LINEUP_RESNET_MODEL_ID);
  g_assert_cmpint (json_object_get_int_member (o, "gallery_size"), ==, 6);
  first = json_array_get_object_element (json_object_get_array_member (o, "candidates"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "subject"), "label"), ==,
                   fx.probe_person);
  g_assert_cmpfloat (json_object_get_double_member (first, "distance"), <, 0.6);
  /* The booking face's stored landmarks come with it. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "landmarks")), ==,
                    LINEUP_SHIM_N_LANDMARKS * 2);
  probe_booking = g_strdup (json_object_get_string_member (first, "booking_number"));

  /* Policy: asking for more than the cap or a looser threshold is refused. */
  g_assert_null (do_search (fx.detective, 51, 0, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_clear_error (&error);
  g_assert_true (lineup_db_policy_set_sync (fx.db, fx.admin, "threshold_max", "0.55", &error));
  g_assert_null (do_search (fx.detective, 5, 0.7, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_clear_error (&error);
  g_assert_true (lineup_db_policy_set_sync (fx.db, fx.admin, "threshold_max", "0", &error));

  /* Edit steps: the matrix left two on the probe, never searched. The last
   * can be removed; a removed step cannot be searched; a searched one cannot
   * be removed. */
  {
    g_autoptr(JsonNode) at1 = NULL;
    LineupSearchRequest req = { 0 };

    g_assert_true (lineup_db_probe_edit_remove_sync (fx.db, fx.detective, fx.probe_id, 2, &error));
    g_assert_no_error (error);
    req.case_number = (char *)"CASE-1";
    req.probe_id = fx.probe_id;
    req.face = fx.probe_face;
    req.model_sha256 = lineup_engine_get_model_sha256 (fx.engine);
    req.edit_seq = 2;
    g_assert_null (json_of (lineup_db_search_sync (fx.db, fx.detective, &req, &error), lineup_search_to_json));
    g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    req.edit_seq = 1;
    at1 = json_of (lineup_db_search_sync (fx.db, fx.detective, &req, &error), lineup_search_to_json);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (at1),
                                                                           "probe_edits")), ==, 1);
    g_assert_false (lineup_db_probe_edit_remove_sync (fx.db, fx.detective, fx.probe_id, 1, &error));
    g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
    g_clear_error (&error);
    g_assert_cmpint (raw_int ("SELECT count(*) FROM audit_log WHERE action = 'probe.edit_remove'"), ==, 1);
  }

  /* A no-hit is stored too. */
  nohit = do_search (fx.detective, 5, 0.05, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (nohit), "no_hit"));
  g_assert_cmpint (raw_int ("SELECT count(*) FROM searches WHERE no_hit = 1"), >=, 1);

  /* Kept in step: a purge takes the booking out of the very next search of
   * this process, and an import puts a new one in. */
  shas = lineup_db_booking_purge_sync (fx.db, probe_booking, "sealed by court order", fx.clerk, &error);
  g_assert_no_error (error);
  after_purge = do_search (fx.detective, 10, 0, &error);
  g_assert_no_error (error);
  g_assert_false (has_booking (after_purge, probe_booking));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after_purge), "gallery_size"), ==, 5);
  import_people (more, "src2");
  after_import = do_search (fx.detective, 10, 0, &error);
  g_assert_no_error (error);
  g_assert_true (has_booking (after_import, probe_booking));

  /* The dossier holds every search of the case, the no-hit included, and
   * the earlier candidates survive the purge as copied numbers. */
  dossier = json_of (lineup_db_case_dossier_sync (fx.db, fx.detective, "CASE-1", &error), lineup_dossier_to_json);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (dossier), "searches")),
                    ==, (guint)raw_int ("SELECT count(*) FROM searches WHERE case_id = 1"));
}

/* Two processes on one data folder: the second purges the newest face and
 * imports a new one (which once reused the purged face's id), and the
 * first process's next search lists exactly the new gallery, the new
 * person at the distance of their own descriptor. */
static void
test_two_processes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDb) other = lineup_db_open_default_sync (fx.data, &error);
  g_autoptr(LineupUser) clerk = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_auto(GStrv) shas = NULL;
  g_autofree char *newest_booking = NULL;
  g_autofree float *descriptor = NULL;
  const char * const newcomer[] = { "Al_Gore", NULL };
  gint64 newest, fresh, enrolled;
  JsonArray *cands;
  gboolean found = FALSE;

  g_assert_no_error (error);
  clerk = lineup_db_sign_in_sync (other, "clerk", PW, &error);
  g_assert_no_error (error);
  before = do_search (fx.detective, 50, 2.0, &error);
  g_assert_no_error (error);
  newest = raw_int ("SELECT max(id) FROM faces");
  newest_booking = raw_text ("SELECT b.booking_number FROM faces f JOIN photos p ON p.id = f.photo_id"
                             " JOIN bookings b ON b.id = p.booking_id ORDER BY f.id DESC LIMIT 1");
  g_assert_true (has_booking (before, newest_booking));

  shas = lineup_db_booking_purge_sync (other, newest_booking, "sealed by court order", clerk, &error);
  g_assert_no_error (error);
  import_people_into (other, newcomer, "src-other");
  fresh = raw_int ("SELECT max(id) FROM faces");
  g_assert_cmpint (fresh, >, newest);
  descriptor = (float *)raw_text ("SELECT descriptor FROM faces WHERE id = (SELECT max(id) FROM faces)");
  enrolled = raw_int ("SELECT count(*) FROM faces WHERE enrolled = 1 AND descriptor IS NOT NULL");

  after = do_search (fx.detective, 50, 2.0, &error);
  g_assert_no_error (error);
  g_assert_false (has_booking (after, newest_booking));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "gallery_size"), ==, enrolled);
  cands = json_object_get_array_member (json_node_get_object (after), "candidates");
  g_assert_cmpuint (json_array_get_length (cands), ==, MIN (enrolled, 50));
  for (guint i = 0; i < json_array_get_length (cands); i++)
    {
      JsonObject *c = json_array_get_object_element (cands, i);

      g_assert_cmpint (json_object_get_int_member (c, "face_id"), !=, newest);
      if (json_object_get_int_member (c, "face_id") == fresh)
        {
          double want = lineup_descriptor_distance (lineup_face_get_descriptor (fx.probe_face), descriptor);
          /* Records show distances to four places. */
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "distance"), want, 0.5e-4 + 1e-7);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* the chain */

typedef struct
{
  const char *what;
  const char *sql;
  gint64      broken_at;
} Tamper;

static void
test_tamper (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAuditVerdict) ok = NULL;
  g_autofree char *src = g_build_filename (fx.data, "lineup.db", NULL);
  const Tamper tampers[] = {
    { "one byte of the details", "UPDATE audit_log SET details_json = replace(details_json, 'r', 's') WHERE seq = 5", 5 },
    { "one byte of a user name",
      "UPDATE audit_log SET user_name = substr(user_name, 1, length(user_name) - 1) ||"
      " CASE WHEN substr(user_name, -1) = 'a' THEN 'b' ELSE 'a' END WHERE seq = 7", 7 },
    { "one byte of a stored hash",
      "UPDATE audit_log SET hash = CASE WHEN substr(hash, 1, 1) = 'a' THEN 'b' ELSE 'a' END || substr(hash, 2)"
      " WHERE seq = 12", 12 },
    { "an entry appended by hand",
      "INSERT INTO audit_log (seq, ts, user_name, action, details_json, prev_hash, hash)"
      " SELECT seq + 1, ts, 'mallory', 'review.approve', '{}', hash, lower(hex(randomblob(32)))"
      " FROM audit_log ORDER BY seq DESC LIMIT 1", -1 },
    { "one byte of the time", "UPDATE audit_log SET ts = replace(ts, '2', '3') WHERE seq = 9", 9 },
    { "deleted entry", "DELETE FROM audit_log WHERE seq = 6", 6 },
    { "inserted entry",
      /* Shift the tail up and slip in an entry that even links to its
       * predecessor: the next one no longer does. */
      "UPDATE audit_log SET seq = -seq WHERE seq >= 8; UPDATE audit_log SET seq = 1 - seq WHERE seq < 0;"
      "INSERT INTO audit_log (seq, ts, user_name, action, details_json, prev_hash, hash)"
      " SELECT 8, ts, 'mallory', 'search.run', '{}', hash, lower(hex(randomblob(32))) FROM audit_log WHERE seq = 7", 8 },
    { "swapped entries",
      "UPDATE audit_log SET seq = -1 WHERE seq = 10; UPDATE audit_log SET seq = 10 WHERE seq = 11;"
      " UPDATE audit_log SET seq = 11 WHERE seq = -1", 10 },
    { "reordered by rewriting seq", "UPDATE audit_log SET seq = 1000 WHERE seq = 4", 4 },
  };

  ok = lineup_db_audit_verify_sync (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (ok->intact);
  g_assert_cmpint (ok->entries, >, 100);
  g_assert_cmpint (ok->head_seq, ==, ok->entries);
  /* The triggers keep every ordinary path append-only. */
  {
    sqlite3 *conn = NULL;
    g_assert_cmpint (sqlite3_open (src, &conn), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (conn, "UPDATE audit_log SET user_name = 'x' WHERE seq = 2", NULL, NULL, NULL),
                     !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (conn, "DELETE FROM audit_log WHERE seq = 2", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (conn);
  }

  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      g_autofree char *dir = g_build_filename (fx.dir, "tamper", NULL);
      g_autofree char *copy = NULL;
      g_autofree char *sql = NULL;
      g_autoptr(LineupDb) db = NULL;
      g_autoptr(LineupAuditVerdict) v = NULL;
      sqlite3 *conn = NULL;
      char *msg = NULL;

      dir = g_strdup_printf ("%s/tamper-%u", fx.dir, i);
      copy = g_build_filename (dir, "lineup.db", NULL);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      /* A consistent copy through SQLite's own backup. */
      {
        sqlite3 *from = NULL;
        sqlite3_backup *b;
        g_assert_cmpint (sqlite3_open_v2 (src, &from, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_open (copy, &conn), ==, SQLITE_OK);
        b = sqlite3_backup_init (conn, "main", from, "main");
        sqlite3_backup_step (b, -1);
        sqlite3_backup_finish (b);
        sqlite3_close (from);
      }
      sql = g_strdup_printf ("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; %s",
                             tampers[i].sql);
      if (sqlite3_exec (conn, sql, NULL, NULL, &msg) != SQLITE_OK)
        g_error ("%s: %s", tampers[i].what, msg);
      g_assert_cmpint (sqlite3_changes (conn), >, 0);
      sqlite3_close (conn);

      db = lineup_db_open_default_sync (dir, &error);
      g_assert_no_error (error);
      v = lineup_db_audit_verify_sync (db, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", tampers[i].what, v->problem ? v->problem : "not caught");
      g_assert_false (v->intact);
      g_assert_cmpint (v->first_broken, ==, tampers[i].broken_at > 0 ? tampers[i].broken_at : ok->entries + 1);
      g_assert_nonnull (v->problem);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  setup ();
  g_test_add_func ("/accounts/role-matrix", test_role_matrix);
  g_test_add_func ("/accounts/sign-in", test_sign_in);
  g_test_add_func ("/accounts/review", test_review);
  g_test_add_func ("/accounts/search", test_search);
  g_test_add_func ("/accounts/two-processes", test_two_processes);
  g_test_add_func ("/accounts/tamper", test_tamper);
  ret = g_test_run ();
  g_clear_object (&fx.db);
  if (g_getenv ("LINEUP_KEEP_TMP") == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", fx.dir);
      (void)!system (cmd);
    }
  return ret;
}
