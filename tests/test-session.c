/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-session.c: LineupSession, the application context, without a
 * display: its user and the notifications pages follow, the lock and the
 * sign-out (audited, and what they keep for the sign-in form), the idle
 * lock's timer and the detector options; and that AdwApplication finds
 * the styles at the application's resource base path. */
#include "config.h"

#include <glib/gstdio.h>

#include "lineup-application.h"
#include "lineup-session.h"

typedef struct
{
  char          *data_dir;
  LineupDb      *db;
  LineupUser    *user;
  LineupSession *session;
  guint          notified;
} Fixture;

static void
on_user (Fixture *f)
{
  f->notified++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("lineup-session-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = lineup_db_open_default_sync (f->data_dir, &error);
  g_assert_no_error (error);
  f->user = lineup_db_user_init_sync (f->db, "ada", "Ada Admin", "correct horse battery",
                                      LINEUP_ROLE_NONE, &error);
  g_assert_no_error (error);
  f->session = lineup_session_new (f->db, f->data_dir, NULL);
  g_signal_connect_swapped (f->session, "notify::user", G_CALLBACK (on_user), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->user);
  g_clear_object (&f->db);
  g_free (f->data_dir);
}

static gint64
audit_entries (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAuditVerdict) v = lineup_db_audit_verify_sync (f->db, &error);

  g_assert_no_error (error);
  g_assert_true (v->intact);
  return v->entries;
}

static void
test_holds (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LineupDb) db = NULL;
  g_autofree char *dir = NULL;

  g_assert_true (lineup_session_get_db (f->session) == f->db);
  g_assert_cmpstr (lineup_session_get_data_dir (f->session), ==, f->data_dir);
  g_assert_null (lineup_session_get_settings (f->session));
  g_assert_null (lineup_session_get_user (f->session));
  g_object_get (f->session, "db", &db, "data-dir", &dir, NULL);
  g_assert_true (db == f->db);
  g_assert_cmpstr (dir, ==, f->data_dir);
}

static void
test_user (Fixture       *f,
           gconstpointer  data)
{
  lineup_session_set_user (f->session, f->user);
  g_assert_true (lineup_session_get_user (f->session) == f->user);
  g_assert_cmpuint (f->notified, ==, 1);
  /* The same person again is no change. */
  lineup_session_set_user (f->session, f->user);
  g_assert_cmpuint (f->notified, ==, 1);
  g_assert_cmpstr (lineup_session_get_last_user_name (f->session), ==, "ada");
  g_object_set (f->session, "user", NULL, NULL);
  g_assert_null (lineup_session_get_user (f->session));
  g_assert_cmpuint (f->notified, ==, 2);
}

static void
test_lock_and_sign_out (Fixture       *f,
                        gconstpointer  data)
{
  gint64 before = audit_entries (f);

  /* Nobody to lock: nothing happens (the message is freed). */
  lineup_session_lock (f->session, "session.lock", g_strdup ("not shown"));
  g_assert_null (lineup_session_get_lock_message (f->session));
  g_assert_cmpuint (f->notified, ==, 0);

  lineup_session_set_user (f->session, f->user);
  lineup_session_lock (f->session, "session.lock", g_strdup ("Locked."));
  g_assert_null (lineup_session_get_user (f->session));
  g_assert_cmpuint (f->notified, ==, 2);
  /* The sign-in form offers the same person their name back. */
  g_assert_cmpstr (lineup_session_get_lock_message (f->session), ==, "Locked.");
  g_assert_cmpstr (lineup_session_get_last_user_name (f->session), ==, "ada");
  g_assert_cmpint (audit_entries (f), ==, before + 1);

  /* Signing in again clears the message; signing out forgets the name. */
  lineup_session_set_user (f->session, f->user);
  g_assert_null (lineup_session_get_lock_message (f->session));
  lineup_session_sign_out (f->session);
  g_assert_null (lineup_session_get_user (f->session));
  g_assert_null (lineup_session_get_last_user_name (f->session));
  g_assert_cmpint (audit_entries (f), ==, before + 2);
}

static gboolean
time_is_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_idle_lock (Fixture       *f,
                gconstpointer  data)
{
  gboolean timeout = FALSE;
  guint timer;

  g_setenv ("LINEUP_IDLE_LOCK_SECONDS", "1", TRUE);
  g_assert_cmpuint (lineup_session_get_idle_lock_seconds (f->session), ==, 1);
  lineup_session_set_user (f->session, f->user);
  timer = g_timeout_add_seconds (10, time_is_up, &timeout);
  while (lineup_session_get_user (f->session) != NULL && !timeout)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timeout);
  g_source_remove (timer);
  g_assert_cmpstr (lineup_session_get_lock_message (f->session), ==,
                   "Locked after 1 second without activity");
  g_assert_cmpstr (lineup_session_get_last_user_name (f->session), ==, "ada");
  g_unsetenv ("LINEUP_IDLE_LOCK_SECONDS");
  /* Without settings or the variable: ten minutes. */
  g_assert_cmpuint (lineup_session_get_idle_lock_seconds (f->session), ==, 600);
}

static void
test_detect_options (Fixture       *f,
                     gconstpointer  data)
{
  LineupDetectOptions options, defaults;

  /* No settings: the core's defaults. */
  lineup_detect_options_init_default (&defaults);
  memset (&options, 0xff, sizeof options);
  lineup_session_get_detect_options (f->session, &options);
  g_assert_cmpint (options.detector, ==, defaults.detector);
  g_assert_cmpint (options.upsample, ==, defaults.upsample);
  g_assert_cmpint (options.jitter, ==, defaults.jitter);
}

static void
test_style_css (void)
{
  g_autoptr(LineupApplication) app = lineup_application_new ();
  const char *base = g_application_get_resource_base_path (G_APPLICATION (app));
  g_autofree char *path = g_build_path ("/", base, "style.css", NULL);
  g_autoptr(GBytes) css = NULL;
  g_autoptr(GError) error = NULL;

  /* AdwApplication loads base/style.css at startup; no page adds its own. */
  g_assert_cmpstr (base, ==, "/io/github/lineup/Lineup");
  css = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (css, NULL), ".lineup-lead-banner"));
  g_assert_false (g_resources_get_info ("/io/github/lineup/Lineup/lineup-search.css", 0, NULL,
                                        NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/session/holds", Fixture, NULL, fixture_set_up, test_holds, fixture_tear_down);
  g_test_add ("/session/user", Fixture, NULL, fixture_set_up, test_user, fixture_tear_down);
  g_test_add ("/session/lock-and-sign-out", Fixture, NULL, fixture_set_up,
              test_lock_and_sign_out, fixture_tear_down);
  g_test_add ("/session/idle-lock", Fixture, NULL, fixture_set_up, test_idle_lock,
              fixture_tear_down);
  g_test_add ("/session/detect-options", Fixture, NULL, fixture_set_up, test_detect_options,
              fixture_tear_down);
  g_test_add_func ("/session/style-css", test_style_css);
  return g_test_run ();
}
