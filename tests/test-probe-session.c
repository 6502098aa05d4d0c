/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-probe-session.c: the probe session without a display, on real
 * photos: a load stores the original and finds the face; edits are
 * recorded, replayed and change the edited image; removing one replays the
 * rest; a box drawn by hand gets a descriptor; a newer load drops what an
 * older one would have shown; refusals leave the session as it was; the
 * database has the probe, its steps and the audit entries. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "lineup-core.h"

#define PW "correct horse battery"

typedef struct
{
  char               *dir;
  char               *data;
  LineupDb           *db;
  LineupUser         *admin;
  LineupUser         *detective;
  LineupProbeSession *session;
  GThread            *main_thread;
  guint               off_main_notifies;
  guint               state_notifies;
} Fixture;

static Fixture fx;

static char *
photo (const char *person,
       guint       n)
{
  g_autofree char *name = g_strdup_printf ("%s_%04u.jpg", person, n);

  return g_build_filename (g_getenv ("LINEUP_FACES_DIR"), "lfw-devtrain", person, name, NULL);
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

static gint64
audit_count (const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s'",
                                          action);

  return raw_int (sql);
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
any_notify (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  if (g_thread_self () != fx.main_thread)
    fx.off_main_notifies++;
  if (g_str_equal (pspec->name, "state"))
    fx.state_notifies++;
}

static void
load_ok (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lineup_probe_session_load_async (fx.session, file, NULL, got_result, &result);
  g_assert_true (lineup_probe_session_get_busy (fx.session));
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_OPENING);
  wait_for (&result);
  g_assert_true (lineup_probe_session_load_finish (fx.session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lineup_probe_session_failed_state (result), ==, LINEUP_PROBE_SESSION_READY);
}

static gint64
record_ok (const char *op,
           JsonObject *params)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  lineup_probe_session_record_edit_async (fx.session, op, params, NULL, got_result, &result);
  json_object_unref (params);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_RECORDING);
  wait_for (&result);
  seq = lineup_probe_session_record_edit_finish (fx.session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, >, 0);
  return seq;
}

static JsonObject *
crop_params (int x,
             int y,
             int w,
             int h)
{
  JsonObject *p = json_object_new ();

  json_object_set_int_member (p, "x", x);
  json_object_set_int_member (p, "y", y);
  json_object_set_int_member (p, "width", w);
  json_object_set_int_member (p, "height", h);
  return p;
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupCase) c = NULL;

  fx.main_thread = g_thread_self ();
  fx.dir = g_dir_make_tmp ("lineup-probe-session-XXXXXX", &error);
  g_assert_no_error (error);
  fx.data = g_build_filename (fx.dir, "data", NULL);
  fx.db = lineup_db_open_default_sync (fx.data, &error);
  g_assert_no_error (error);
  fx.admin = lineup_db_user_init_sync (fx.db, "admin", "Ada Admin", PW, 0, &error);
  g_assert_no_error (error);
  fx.detective = lineup_db_user_add_sync (fx.db, fx.admin, "detective", "Dee Tective",
                                          LINEUP_ROLE_DETECTIVE, PW, &error);
  g_assert_no_error (error);
  c = lineup_db_case_new_sync (fx.db, fx.detective, "CASE-1", "robbery", "Shop robbery, CCTV still",
                               &error);
  g_assert_no_error (error);

  fx.session = lineup_probe_session_new (fx.db, fx.data);
  g_signal_connect (fx.session, "notify", G_CALLBACK (any_notify), NULL);
}

/* Refused before anything runs: no user, case or declared source. */
static void
test_needs_declared_source (void)
{
  g_autofree char *path = photo ("Aaron_Peirsol", 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 probes = raw_int ("SELECT count(*) FROM probes");

  lineup_probe_session_set_user (fx.session, fx.detective);
  lineup_probe_session_set_case_number (fx.session, "CASE-1");
  g_assert_false (lineup_probe_session_get_source (fx.session, NULL));
  lineup_probe_session_load_async (fx.session, file, NULL, got_result, &result);
  wait_for (&result);
  g_assert_false (lineup_probe_session_load_finish (fx.session, result, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_EMPTY);
  g_assert_cmpint (raw_int ("SELECT count(*) FROM probes"), ==, probes);
}

static void
test_load (void)
{
  g_autofree char *path = photo ("Aaron_Peirsol", 1);
  g_autoptr(LineupImage) expected = lineup_image_new_from_file (path, 0, NULL);
  LineupImage *original;
  LineupRgb *rgb;
  LineupFace *face;
  LineupProbeSource source;

  lineup_probe_session_set_source (fx.session, LINEUP_SOURCE_SURVEILLANCE);
  g_assert_true (lineup_probe_session_get_source (fx.session, &source));
  g_assert_cmpint (source, ==, LINEUP_SOURCE_SURVEILLANCE);
  g_assert_null (lineup_probe_session_get_engine (fx.session));
  load_ok (path);

  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_READY);
  g_assert_false (lineup_probe_session_get_busy (fx.session));
  original = lineup_probe_session_get_original (fx.session);
  g_assert_nonnull (original);
  g_assert_cmpstr (lineup_image_get_sha256 (original), ==, lineup_image_get_sha256 (expected));
  g_assert_cmpstr (lineup_image_get_name (original), ==, "Aaron_Peirsol_0001.jpg");
  /* No steps: the edited image is the original. */
  g_assert_true (lineup_probe_session_get_edited (fx.session) == original);
  g_assert_cmpint (lineup_probe_session_get_edit_seq (fx.session), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_probe_session_get_steps (fx.session)), ==, 0);
  rgb = lineup_probe_session_get_edited_rgb (fx.session);
  g_assert_nonnull (rgb);
  g_assert_cmpint (rgb->width, ==, lineup_image_get_width (original));
  g_assert_cmpint (rgb->height, ==, lineup_image_get_height (original));

  /* One face in an LFW photo, chosen without asking, with a descriptor. */
  g_assert_cmpuint (lineup_probe_session_get_n_faces (fx.session), ==, 1);
  g_assert_cmpint (lineup_probe_session_get_selected_index (fx.session), ==, 0);
  face = lineup_probe_session_get_selected_face (fx.session);
  g_assert_nonnull (face);
  g_assert_nonnull (lineup_face_get_descriptor (face));
  g_assert_cmpstr (lineup_face_get_model_id (face), ==, LINEUP_RESNET_MODEL_ID);
  /* The face is about in the middle of the 250 × 250 picture. */
  g_assert_cmpfloat (lineup_face_get_box (face)->left, >, 40);
  g_assert_cmpfloat (lineup_face_get_box (face)->right, <, 210);
  g_assert_nonnull (lineup_probe_session_get_engine (fx.session));

  /* Stored with the case, audited once, the original bytes in the store. */
  g_assert_cmpint (lineup_probe_session_get_probe_id (fx.session), >, 0);
  g_assert_cmpint (raw_int ("SELECT count(*) FROM probes"), ==, 1);
  g_assert_cmpint (raw_int ("SELECT max(id) FROM probes"), ==,
                   lineup_probe_session_get_probe_id (fx.session));
  g_assert_cmpint (audit_count ("probe.load"), ==, 1);
  {
    g_autofree char *stored = lineup_probe_store_path (fx.data, lineup_image_get_sha256 (original));
    g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_cmpuint (fx.state_notifies, >=, 4);
  g_assert_cmpuint (fx.off_main_notifies, ==, 0);
}

static void
test_edits (void)
{
  gint64 probe_id = lineup_probe_session_get_probe_id (fx.session);
  g_autoptr(LineupProbeStep) step = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *params;
  LineupImage *edited;
  gint64 seq1, seq2;
  g_autofree char *sql = NULL;

  /* A crop around the face: 160 × 120. */
  seq1 = record_ok ("crop", crop_params (45, 60, 160, 120));
  g_assert_cmpint (seq1, ==, 1);
  g_assert_cmpint (lineup_probe_session_get_edit_seq (fx.session), ==, 1);
  edited = lineup_probe_session_get_edited (fx.session);
  g_assert_true (edited != lineup_probe_session_get_original (fx.session));
  g_assert_cmpint (lineup_image_get_width (edited), ==, 160);
  g_assert_cmpint (lineup_image_get_height (edited), ==, 120);
  g_assert_cmpint (lineup_probe_session_get_edited_rgb (fx.session)->width, ==, 160);
  g_assert_cmpuint (lineup_probe_session_get_n_faces (fx.session), ==, 1);
  /* The box is in the cropped image's pixels now. */
  g_assert_cmpfloat (lineup_face_get_box (lineup_probe_session_get_selected_face (fx.session))->right,
                     <=, 161);

  /* A quarter turn on top: replayed from the original, 120 × 160. */
  params = json_object_new ();
  json_object_set_double_member (params, "degrees", 90);
  seq2 = record_ok ("rotate", params);
  g_assert_cmpint (seq2, ==, 2);
  edited = lineup_probe_session_get_edited (fx.session);
  g_assert_cmpint (lineup_image_get_width (edited), ==, 120);
  g_assert_cmpint (lineup_image_get_height (edited), ==, 160);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_probe_session_get_steps (fx.session)), ==, 2);
  step = g_list_model_get_item (lineup_probe_session_get_steps (fx.session), 1);
  g_assert_cmpstr (lineup_probe_step_get_op (step), ==, "rotate");
  g_assert_cmpint (lineup_probe_step_get_seq (step), ==, 2);
  g_assert_cmpstr (lineup_probe_step_get_user_name (step), ==, "detective");
  g_clear_object (&step);

  sql = g_strdup_printf ("SELECT count(*) FROM probe_edits WHERE probe_id = %" G_GINT64_FORMAT,
                         probe_id);
  g_assert_cmpint (raw_int (sql), ==, 2);
  g_assert_cmpint (audit_count ("probe.edit"), ==, 2);

  /* An edit the core refuses: nothing recorded, nothing changed. */
  params = crop_params (0, 0, 0, 10);
  lineup_probe_session_record_edit_async (fx.session, "crop", params, NULL, got_result, &result);
  json_object_unref (params);
  wait_for (&result);
  g_assert_cmpint (lineup_probe_session_record_edit_finish (fx.session, result, &error), ==, 0);
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (lineup_probe_session_failed_state (result), ==, LINEUP_PROBE_SESSION_RECORDING);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_READY);
  g_assert_cmpint (raw_int (sql), ==, 2);

  /* Busy: a second operation is refused while one runs. */
  {
    g_autoptr(GAsyncResult) second = NULL;

    params = json_object_new ();
    lineup_probe_session_record_edit_async (fx.session, "mirror", params, NULL, got_result, &result);
    lineup_probe_session_record_edit_async (fx.session, "mirror", params, NULL, got_result, &second);
    json_object_unref (params);
    wait_for (&second);
    g_assert_cmpint (lineup_probe_session_record_edit_finish (fx.session, second, &error), ==, 0);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
    wait_for (&result);
    g_assert_cmpint (lineup_probe_session_record_edit_finish (fx.session, result, &error), ==, 3);
    g_assert_no_error (error);
    g_clear_object (&result);
  }

  /* Removing the mirror and the turn replays the crop alone. */
  lineup_probe_session_remove_edit_async (fx.session, 3, NULL, got_result, &result);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_REMOVING);
  wait_for (&result);
  g_assert_true (lineup_probe_session_remove_edit_finish (fx.session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  lineup_probe_session_remove_edit_async (fx.session, seq2, NULL, got_result, &result);
  wait_for (&result);
  g_assert_true (lineup_probe_session_remove_edit_finish (fx.session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (lineup_probe_session_get_edit_seq (fx.session), ==, seq1);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_probe_session_get_steps (fx.session)), ==, 1);
  edited = lineup_probe_session_get_edited (fx.session);
  g_assert_cmpint (lineup_image_get_width (edited), ==, 160);
  g_assert_cmpint (lineup_image_get_height (edited), ==, 120);
  g_assert_cmpint (audit_count ("probe.edit_remove"), ==, 2);
  g_assert_cmpuint (fx.off_main_notifies, ==, 0);
}

static void
test_describe_box (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFace) face = NULL;
  guint before = lineup_probe_session_get_n_faces (fx.session);
  LineupBox box;
  const float *d;
  double norm = 0;

  /* The detector's own face box, drawn by hand a little larger. */
  box = *lineup_face_get_box (lineup_probe_session_get_selected_face (fx.session));
  box.left -= 4, box.top -= 4, box.right += 4, box.bottom += 4;
  lineup_probe_session_select_face (fx.session, -1);
  g_assert_null (lineup_probe_session_get_selected_face (fx.session));
  lineup_probe_session_describe_box_async (fx.session, &box, NULL, got_result, &result);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_DESCRIBING);
  wait_for (&result);
  face = lineup_probe_session_describe_box_finish (fx.session, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (face);

  /* A 128-D descriptor of unit-ish length, close to the detected face's. */
  d = lineup_face_get_descriptor (face);
  g_assert_nonnull (d);
  for (int i = 0; i < 128; i++)
    {
      g_assert_true (isfinite (d[i]));
      norm += d[i] * d[i];
    }
  g_assert_cmpfloat (sqrt (norm), >, 0.5);
  {
    g_autoptr(LineupFace) detected = g_list_model_get_item (lineup_probe_session_get_faces (fx.session), 0);
    g_assert_cmpfloat (lineup_descriptor_distance (d, lineup_face_get_descriptor (detected)), <, 0.3);
  }
  g_assert_cmpuint (lineup_probe_session_get_n_faces (fx.session), ==, before + 1);
  g_assert_cmpint (lineup_probe_session_get_selected_index (fx.session), ==, (int)before);
  g_assert_true (lineup_probe_session_get_selected_face (fx.session) == face);
}

/* Two loads one after the other: only the second one's probe is stored
 * and shown; the first finishes as cancelled. */
static void
test_stale_load (void)
{
  g_autofree char *path_a = photo ("Aaron_Sorkin", 1);
  g_autofree char *path_b = photo ("Abdoulaye_Wade", 1);
  g_autoptr(GFile) a = g_file_new_for_path (path_a);
  g_autoptr(GFile) b = g_file_new_for_path (path_b);
  g_autoptr(GAsyncResult) ra = NULL;
  g_autoptr(GAsyncResult) rb = NULL;
  g_autoptr(GError) error = NULL;
  gint64 probes = raw_int ("SELECT count(*) FROM probes");
  guint generation = lineup_probe_session_get_generation (fx.session);

  lineup_probe_session_load_async (fx.session, a, NULL, got_result, &ra);
  lineup_probe_session_load_async (fx.session, b, NULL, got_result, &rb);
  g_assert_cmpuint (lineup_probe_session_get_generation (fx.session), ==, generation + 2);
  /* The new load starts from nothing. */
  g_assert_null (lineup_probe_session_get_original (fx.session));
  g_assert_cmpuint (lineup_probe_session_get_n_faces (fx.session), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_probe_session_get_steps (fx.session)), ==, 0);
  wait_for (&ra);
  wait_for (&rb);
  g_assert_false (lineup_probe_session_load_finish (fx.session, ra, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (lineup_probe_session_load_finish (fx.session, rb, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_image_get_name (lineup_probe_session_get_original (fx.session)), ==,
                   "Abdoulaye_Wade_0001.jpg");
  g_assert_cmpint (raw_int ("SELECT count(*) FROM probes"), ==, probes + 1);
  g_assert_cmpint (lineup_probe_session_get_edit_seq (fx.session), ==, 0);
  g_assert_cmpuint (lineup_probe_session_get_n_faces (fx.session), ==, 1);
}

static void
superseded_while_detecting (GObject    *object,
                            GParamSpec *pspec,
                            gpointer    user_data)
{
  GFile *next = user_data;
  GAsyncResult **result = g_object_get_data (object, "next-result");

  if (lineup_probe_session_get_state (LINEUP_PROBE_SESSION (object)) != LINEUP_PROBE_SESSION_DETECTING
      || *result != NULL || g_object_get_data (object, "next-started"))
    return;
  g_object_set_data (object, "next-started", GINT_TO_POINTER (1));
  lineup_probe_session_load_async (LINEUP_PROBE_SESSION (object), next, NULL, got_result, result);
}

/* A newer load while the older one's faces are being looked for: the
 * older one was stored (and audited) but its faces are never shown. */
static void
test_stale_detection (void)
{
  g_autofree char *path_a = photo ("Adam_Sandler", 1);
  g_autofree char *path_b = photo ("Aaron_Peirsol", 2);
  g_autoptr(GFile) a = g_file_new_for_path (path_a);
  g_autoptr(GFile) b = g_file_new_for_path (path_b);
  g_autoptr(LineupImage) image_b = lineup_image_new_from_file (path_b, 0, NULL);
  g_autoptr(GAsyncResult) ra = NULL;
  g_autoptr(GAsyncResult) rb = NULL;
  g_autoptr(GError) error = NULL;
  gint64 probes = raw_int ("SELECT count(*) FROM probes");
  gint64 loads = audit_count ("probe.load");
  gulong handler;

  g_object_set_data (G_OBJECT (fx.session), "next-result", &rb);
  handler = g_signal_connect (fx.session, "notify::state", G_CALLBACK (superseded_while_detecting), b);
  lineup_probe_session_load_async (fx.session, a, NULL, got_result, &ra);
  wait_for (&ra);
  wait_for (&rb);
  g_signal_handler_disconnect (fx.session, handler);
  g_object_set_data (G_OBJECT (fx.session), "next-started", NULL);
  g_object_set_data (G_OBJECT (fx.session), "next-result", NULL);

  g_assert_false (lineup_probe_session_load_finish (fx.session, ra, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (lineup_probe_session_load_finish (fx.session, rb, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int ("SELECT count(*) FROM probes"), ==, probes + 2);
  g_assert_cmpint (audit_count ("probe.load"), ==, loads + 2);
  g_assert_cmpstr (lineup_image_get_sha256 (lineup_probe_session_get_original (fx.session)), ==,
                   lineup_image_get_sha256 (image_b));
  g_assert_true (lineup_probe_session_get_edited (fx.session)
                 == lineup_probe_session_get_original (fx.session));
  g_assert_cmpuint (lineup_probe_session_get_n_faces (fx.session), ==, 1);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_READY);
}

/* Not an image: refused while opening, the session empty again. */
static void
test_not_an_image (void)
{
  g_autofree char *path = g_build_filename (fx.dir, "notes.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 probes = raw_int ("SELECT count(*) FROM probes");

  g_assert_true (g_file_set_contents (path, "not a picture at all", -1, NULL));
  lineup_probe_session_load_async (fx.session, file, NULL, got_result, &result);
  wait_for (&result);
  g_assert_false (lineup_probe_session_load_finish (fx.session, result, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE);
  g_assert_nonnull (strstr (error->message, "notes.jpg"));
  g_assert_cmpint (lineup_probe_session_failed_state (result), ==, LINEUP_PROBE_SESSION_OPENING);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_EMPTY);
  g_assert_null (lineup_probe_session_get_original (fx.session));
  g_assert_cmpint (lineup_probe_session_get_probe_id (fx.session), ==, 0);
  g_assert_cmpint (raw_int ("SELECT count(*) FROM probes"), ==, probes);

  /* From bytes, as a video frame will come: the same path on. */
  {
    g_autofree char *jpg = photo ("Aaron_Sorkin", 1);
    g_autofree char *contents = NULL;
    gsize len = 0;
    g_autoptr(GBytes) bytes = NULL;

    g_clear_object (&result);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (jpg, &contents, &len, NULL));
    bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
    lineup_probe_session_load_bytes_async (fx.session, bytes, "frame-0042", NULL, got_result,
                                           &result);
    wait_for (&result);
    g_assert_true (lineup_probe_session_load_finish (fx.session, result, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (lineup_image_get_name (lineup_probe_session_get_original (fx.session)), ==,
                     "frame-0042");
    g_assert_cmpint (raw_int ("SELECT count(*) FROM probes"), ==, probes + 1);
  }

  lineup_probe_session_reset (fx.session);
  g_assert_cmpint (lineup_probe_session_get_state (fx.session), ==, LINEUP_PROBE_SESSION_EMPTY);
  g_assert_null (lineup_probe_session_get_edited (fx.session));
  g_assert_null (lineup_probe_session_get_edited_rgb (fx.session));
  g_assert_cmpuint (lineup_probe_session_get_n_faces (fx.session), ==, 0);
  g_assert_cmpuint (fx.off_main_notifies, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  setup ();
  /* In order: each builds on the session the one before left. */
  g_test_add_func ("/probe-session/needs-declared-source", test_needs_declared_source);
  g_test_add_func ("/probe-session/load", test_load);
  g_test_add_func ("/probe-session/edits", test_edits);
  g_test_add_func ("/probe-session/describe-box", test_describe_box);
  g_test_add_func ("/probe-session/stale-load", test_stale_load);
  g_test_add_func ("/probe-session/stale-detection", test_stale_detection);
  g_test_add_func ("/probe-session/not-an-image", test_not_an_image);
  ret = g_test_run ();
  g_clear_object (&fx.session);
  g_clear_object (&fx.detective);
  g_clear_object (&fx.admin);
  g_clear_object (&fx.db);
  return ret;
}
