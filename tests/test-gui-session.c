/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-session.c: the session layer driven through the real window:
 * the first-run administrator form, Preferences → Accounts, sign-out, a
 * wrong password, a disabled account, signing in, and the idle lock; then
 * the audit log is read back from the database.
 *
 * Run under xvfb-run (see tests/meson.build). Screenshots go to
 * LINEUP_SCREENSHOT_DIR.
 */
#include "config.h"

#include "gui-util.h"
#include "lineup-json-item.h"
#include "lineup-preferences-window.h"
#include "lineup-window.h"

#define ADMIN_PASSWORD "correct horse battery"

typedef GuiFixture Fixture;

static GtkWidget *
win_child (Fixture    *f,
           const char *name)
{
  return gui_child (f->window, LINEUP_TYPE_WINDOW, name);
}

static void
set_text (Fixture    *f,
          const char *row,
          const char *text)
{
  gui_set_text (f->window, LINEUP_TYPE_WINDOW, row, text);
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_get_visible (data) && *gtk_label_get_text (data) != '\0';
}

/* A moment for the last frames (focus rings, toasts) before the picture. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  gui_spin_frames (15);
  gui_screenshot (widget, name);
}

/* The sidebar follows the roles: the pages it offers, space-separated. */
static void
check_pages (Fixture    *f,
             const char *expected)
{
  static const char *const names[] = { "gallery", "import", "search", "review", "audit", "none" };
  GtkStack *pages = GTK_STACK (win_child (f, "pages"));
  g_autoptr(GString) shown = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (pages, names[i]);

      if (page != NULL && gtk_stack_page_get_visible (gtk_stack_get_page (pages, page)))
        g_string_append_printf (shown, "%s%s", shown->len ? " " : "", names[i]);
    }
  g_assert_cmpstr (shown->str, ==, expected);
}

/* First run: the form refuses a short and a mistyped password, then
 * creates the administrator (also a clerk) and signs them in. */
static void
create_administrator (Fixture *f)
{
  GtkLabel *error = GTK_LABEL (win_child (f, "setup_error_label"));
  LineupUser *user;

  gui_wait_screen (f->window, "setup");
  g_assert_null (lineup_application_get_user (f->app));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "sign-out"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "preferences"));

  set_text (f, "setup_name_row", "admin");
  set_text (f, "setup_display_row", "Ada Admin");
  set_text (f, "setup_password_row", "short");
  set_text (f, "setup_confirm_row", "short");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-admin", NULL));
  g_assert_true (label_shown (error));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "at least 8"));

  set_text (f, "setup_password_row", ADMIN_PASSWORD);
  set_text (f, "setup_confirm_row", ADMIN_PASSWORD "!");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-admin", NULL));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "differ"));
  g_assert_cmpstr (lineup_window_get_screen (f->window), ==, "setup");

  set_text (f, "setup_confirm_row", ADMIN_PASSWORD);
  gui_set_check (f->window, LINEUP_TYPE_WINDOW, "setup_clerk_check", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (error), FALSE);
  screenshot (GTK_WIDGET (f->window), "create-administrator.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-admin", NULL));
  gui_wait_screen (f->window, "main");
  user = lineup_application_get_user (f->app);
  g_assert_nonnull (user);
  g_assert_cmpstr (lineup_user_get_name (user), ==, "admin");
  g_assert_cmpstr (lineup_user_get_display_name (user), ==, "Ada Admin");
  g_assert_cmpint (lineup_user_get_roles (user), ==,
                   LINEUP_ROLE_ADMINISTRATOR | LINEUP_ROLE_CLERK);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (win_child (f, "user_title"))),
                   ==, "Ada Admin");

  /* A clerk imports, an administrator searches nothing and reviews
   * nothing. */
  check_pages (f, "gallery import audit");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "sign-out"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "lock"));
}

static LineupPreferencesWindow *
find_preferences (void)
{
  return gui_find_toplevel (LINEUP_TYPE_PREFERENCES_WINDOW);
}

static gboolean
prefs_idle (gpointer data)
{
  return lineup_preferences_window_get_pending (data) == 0;
}

static guint
n_accounts (LineupPreferencesWindow *prefs)
{
  return g_list_model_get_n_items (lineup_preferences_window_get_accounts (prefs));
}

static LineupJsonItem *
find_account (LineupPreferencesWindow *prefs,
              const char              *name)
{
  GListModel *accounts = lineup_preferences_window_get_accounts (prefs);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(LineupJsonItem) item = g_list_model_get_item (accounts, i);
      if (g_str_equal (lineup_json_item_get_string (item, "name"), name))
        return item;   /* the model keeps it alive */
    }
  return NULL;
}

static GtkSwitch *
find_switch (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkSwitch *sw = GTK_IS_SWITCH (c) ? GTK_SWITCH (c) : find_switch (c);
      if (sw != NULL)
        return sw;
    }
  return NULL;
}

/* The add-account form with one role ticked, submitted; the box is
 * unticked again for the next account. */
static void
submit_account (LineupPreferencesWindow *prefs,
                const char              *name,
                const char              *password,
                const char              *role_check)
{
  GType type = LINEUP_TYPE_PREFERENCES_WINDOW;
  g_autofree char *what = g_strdup_printf ("the account %s", name);

  gui_set_text (prefs, type, "add_name_row", name);
  gui_set_text (prefs, type, "add_password_row", password);
  gui_set_check (prefs, type, role_check, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  gui_spin_until (prefs_idle, prefs, what);
  gui_set_check (prefs, type, role_check, FALSE);
}

/* Preferences → Accounts: add a detective, then disable the account. */
static void
manage_accounts (Fixture *f)
{
  LineupPreferencesWindow *prefs;
  GType type = LINEUP_TYPE_PREFERENCES_WINDOW;
  GtkListBox *list;
  GtkListBoxRow *row;
  LineupJsonItem *dee;
  LineupRoles roles;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  gui_spin_frames (5);
  prefs = find_preferences ();
  g_assert_nonnull (prefs);
  g_assert_true (gtk_widget_get_visible (gui_child (prefs, type, "accounts_page")));
  g_assert_true (gtk_widget_get_visible (gui_child (prefs, type, "policy_page")));
  gui_spin_until (prefs_idle, prefs, "the account list");
  g_assert_cmpuint (n_accounts (prefs), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_preferences_window_get_offences (prefs)),
                    >, 0);

  /* A form without a role is refused before it reaches the database. */
  gui_set_text (prefs, type, "add_name_row", "dee");
  gui_set_text (prefs, type, "add_display_row", "Dee Tective");
  gui_set_text (prefs, type, "add_password_row", "detective pass");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  g_assert_true (label_shown (gui_child (prefs, type, "add_error_label")));
  gui_set_check (prefs, type, "add_detective_check", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  gui_spin_until (prefs_idle, prefs, "the new account");
  g_assert_false (gtk_widget_get_visible (gui_child (prefs, type, "add_error_label")));
  g_assert_cmpuint (n_accounts (prefs), ==, 2);
  dee = find_account (prefs, "dee");
  g_assert_nonnull (dee);
  g_assert_true (lineup_roles_from_string (lineup_json_item_get_string (dee, "roles"), &roles,
                                           NULL));
  g_assert_cmpint (roles, ==, LINEUP_ROLE_DETECTIVE);
  g_assert_false (lineup_json_item_get_boolean (dee, "disabled"));

  /* The same name again: the core's refusal shows inline. */
  submit_account (prefs, "dee", "another pass", "add_clerk_check");
  g_assert_true (label_shown (gui_child (prefs, type, "add_error_label")));
  g_test_message ("duplicate account: %s",
                  gtk_label_get_text (GTK_LABEL (gui_child (prefs, type, "add_error_label"))));
  g_assert_cmpuint (n_accounts (prefs), ==, 2);
  gui_set_text (prefs, type, "add_name_row", "");
  gui_set_text (prefs, type, "add_password_row", "");
  gtk_widget_set_visible (gui_child (prefs, type, "add_error_label"), FALSE);

  /* A supervisor, for the sidebar check at the end, and an administrator
   * with no other role. */
  submit_account (prefs, "sue", "supervisor pass", "add_supervisor_check");
  g_assert_cmpuint (n_accounts (prefs), ==, 3);
  submit_account (prefs, "ann", "administer it", "add_administrator_check");
  g_assert_cmpuint (n_accounts (prefs), ==, 4);

  /* Disable the detective through the switch on their row. */
  list = GTK_LIST_BOX (gui_child (prefs, type, "accounts_list"));
  row = NULL;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), "dee"))
      break;
  g_assert_nonnull (row);
  g_assert_true (gtk_switch_get_active (find_switch (GTK_WIDGET (row))));
  gtk_switch_set_active (find_switch (GTK_WIDGET (row)), FALSE);
  gui_spin_until (prefs_idle, prefs, "disabling the account");
  dee = find_account (prefs, "dee");
  g_assert_true (lineup_json_item_get_boolean (dee, "disabled"));

  /* Policy: the limits, one category switched off, one added; a bad code
   * is refused with the core's message. */
  {
    LineupPolicy policy = { 0 };
    GListModel *offences = lineup_preferences_window_get_offences (prefs);
    guint n_offences = g_list_model_get_n_items (offences);
    g_autoptr(LineupJsonItem) first = g_list_model_get_item (offences, 0);
    g_autofree char *first_code = g_strdup (lineup_json_item_get_string (first, "code"));
    GtkListBox *offence_list = GTK_LIST_BOX (gui_child (prefs, type, "offences_list"));
    g_autoptr(GError) error = NULL;
    gboolean found = FALSE;

    gtk_spin_button_set_value (GTK_SPIN_BUTTON (gui_child (prefs, type, "top_k_spin")), 30);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (gui_child (prefs, type, "threshold_max_spin")),
                               0.55);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.save-policy", NULL));
    gui_spin_until (prefs_idle, prefs, "saving the policy");
    g_assert_true (lineup_db_policy_get_sync (lineup_application_get_db (f->app), &policy, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (policy.top_k_cap, ==, 30);
    g_assert_cmpfloat_with_epsilon (policy.threshold_max, 0.55, 1e-9);

    g_assert_true (lineup_json_item_get_boolean (first, "search_allowed"));
    gtk_switch_set_active (
      find_switch (GTK_WIDGET (gtk_list_box_get_row_at_index (offence_list, 0))), FALSE);
    gui_spin_until (prefs_idle, prefs, "switching a category off");
    g_clear_object (&first);
    first = g_list_model_get_item (offences, 0);
    g_assert_cmpstr (lineup_json_item_get_string (first, "code"), ==, first_code);
    g_assert_false (lineup_json_item_get_boolean (first, "search_allowed"));

    gui_set_text (prefs, type, "offence_code_row", "Bad Code!");
    gui_set_text (prefs, type, "offence_label_row", "Test category");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-offence", NULL));
    gui_spin_until (prefs_idle, prefs, "the refused category");
    g_assert_true (label_shown (gui_child (prefs, type, "offence_error_label")));
    gui_set_text (prefs, type, "offence_code_row", "test_category");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-offence", NULL));
    gui_spin_until (prefs_idle, prefs, "the new category");
    g_assert_false (gtk_widget_get_visible (gui_child (prefs, type, "offence_error_label")));
    g_assert_cmpuint (g_list_model_get_n_items (offences), ==, n_offences + 1);
    for (guint i = 0; i < g_list_model_get_n_items (offences); i++)
      {
        g_autoptr(LineupJsonItem) item = g_list_model_get_item (offences, i);
        found |= g_str_equal (lineup_json_item_get_string (item, "code"), "test_category")
                 && lineup_json_item_get_boolean (item, "search_allowed");
      }
    g_assert_true (found);
  }

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "accounts");
  screenshot (GTK_WIDGET (prefs), "preferences-accounts.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "policy");
  screenshot (GTK_WIDGET (prefs), "preferences-policy.png");
  /* Left open on purpose: signing out must close it. */
}

static void
sign_in (Fixture    *f,
         const char *name,
         const char *password)
{
  set_text (f, "signin_name_row", name);
  set_text (f, "signin_password_row", password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-in", NULL));
}

static void
switch_user (Fixture    *f,
             const char *name,
             const char *password)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-out", NULL);
  gui_wait_screen (f->window, "sign-in");
  sign_in (f, name, password);
  gui_wait_screen (f->window, "main");
}

/* Sign-in attempts that fail, each with its own inline message. */
static void
refused_sign_ins (Fixture *f)
{
  GtkLabel *error = GTK_LABEL (win_child (f, "signin_error_label"));
  g_autofree char *wrong = NULL;

  sign_in (f, "admin", "not the password");
  gui_spin_until (label_shown, error, "the wrong-password message");
  wrong = g_strdup (gtk_label_get_text (error));
  g_test_message ("wrong password: %s", wrong);
  g_assert_cmpstr (lineup_window_get_screen (f->window), ==, "sign-in");
  g_assert_null (lineup_application_get_user (f->app));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win_child (f, "signin_password_row"))),
                   ==, "");
  screenshot (GTK_WIDGET (f->window), "sign-in.png");

  /* A disabled account says so, not "wrong password". */
  gtk_widget_set_visible (GTK_WIDGET (error), FALSE);
  sign_in (f, "dee", "detective pass");
  gui_spin_until (label_shown, error, "the disabled-account message");
  g_test_message ("disabled: %s", gtk_label_get_text (error));
  g_assert_cmpstr (gtk_label_get_text (error), !=, wrong);
  g_assert_null (lineup_application_get_user (f->app));
}

static gboolean
is_locked (gpointer data)
{
  Fixture *f = data;
  return lineup_application_get_user (f->app) == NULL;
}

static gboolean
gallery_empty (gpointer data)
{
  return lineup_window_get_state (data) == LINEUP_WINDOW_STATE_EMPTY;
}

static guint
count_action (JsonArray  *entries,
              const char *action,
              const char *user)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      const char *who = json_object_get_string_member_with_default (e, "user", NULL);

      if (g_str_equal (json_object_get_string_member_with_default (e, "action", ""), action)
          && (user == NULL || g_strcmp0 (who, user) == 0))
        n++;
    }
  return n;
}

static void
run_checks (Fixture *f)
{
  g_autoptr(LineupUser) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAuditVerdict) verdict = NULL;
  g_autoptr(JsonNode) log = NULL;
  LineupAuditFilter filter = { 0 };
  LineupDb *db = lineup_application_get_db (f->app);
  JsonArray *entries;
  gint64 locked_at, signed_in_at;
  const char *description;

  create_administrator (f);
  manage_accounts (f);

  /* Sign out: back to an empty sign-in form, the dialog gone with it. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-out", NULL);
  gui_wait_screen (f->window, "sign-in");
  gui_spin_frames (5);
  g_assert_null (lineup_application_get_user (f->app));
  g_assert_null (find_preferences ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win_child (f, "signin_name_row"))), ==, "");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "preferences"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "session_stack"))),
                   ==, "gate");

  refused_sign_ins (f);

  /* The idle lock: 2 s without input (read when the timer is armed, i.e.
   * at sign-in). Reported activity postpones it. */
  g_setenv ("LINEUP_IDLE_LOCK_SECONDS", "2", TRUE);
  sign_in (f, "admin", ADMIN_PASSWORD);
  gui_wait_screen (f->window, "main");
  signed_in_at = g_get_monotonic_time ();
  admin = g_object_ref (lineup_application_get_user (f->app));
  while (g_get_monotonic_time () - signed_in_at < 3 * G_USEC_PER_SEC)
    {
      lineup_application_note_activity (f->app);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_nonnull (lineup_application_get_user (f->app));
  signed_in_at = g_get_monotonic_time ();
  gui_spin_until (is_locked, f, "the idle lock");
  locked_at = g_get_monotonic_time ();
  g_test_message ("locked %.1f s after the last activity",
                  (locked_at - signed_in_at) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (locked_at - signed_in_at, >=, 1900000);
  g_assert_cmpint (locked_at - signed_in_at, <, 6 * G_USEC_PER_SEC);
  gui_wait_screen (f->window, "sign-in");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (win_child (f, "signin_page")));
  g_assert_cmpstr (description, ==, "Locked after 2 seconds without activity");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win_child (f, "signin_name_row"))), ==,
                   "admin");
  screenshot (GTK_WIDGET (f->window), "sign-in-locked.png");
  g_unsetenv ("LINEUP_IDLE_LOCK_SECONDS");

  /* Resume after the lock. */
  set_text (f, "signin_password_row", ADMIN_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-in", NULL));
  gui_wait_screen (f->window, "main");

  /* Locking by hand keeps the name too, with its own message; signing
   * back in returns to the same page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "import"));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "lock", NULL);
  gui_wait_screen (f->window, "sign-in");
  g_assert_null (lineup_application_get_user (f->app));
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (win_child (f, "signin_page"))), "Locked"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win_child (f, "signin_name_row"))), ==,
                   "admin");
  /* Enter in the password field signs in (the button is the default). */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (f->window))
                 == win_child (f, "signin_button"));
  set_text (f, "signin_password_row", ADMIN_PASSWORD);
  g_signal_emit_by_name (
    gtk_editable_get_delegate (GTK_EDITABLE (win_child (f, "signin_password_row"))), "activate");
  gui_wait_screen (f->window, "main");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "pages"))), ==,
                   "import");

  /* The audit log holds the session, and the chain is intact. */
  verdict = lineup_db_audit_verify_sync (db, &error);
  g_assert_no_error (error);
  g_assert_true (verdict->intact);
  filter.action = (char *) "session";
  log = lineup_db_audit_list_sync (db, admin, &filter, &error);
  g_assert_no_error (error);
  entries = json_node_get_array (log);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      g_test_message ("audit %s %s", json_object_get_string_member_with_default (e, "action", ""),
                      json_object_get_string_member_with_default (e, "user", "-"));
    }
  g_assert_cmpuint (count_action (entries, "session.sign_in", "admin"), >=, 3);
  g_assert_cmpuint (count_action (entries, "session.sign_in_failed", NULL), >=, 1);
  g_assert_cmpuint (count_action (entries, "session.sign_out", "admin"), ==, 1);
  g_assert_cmpuint (count_action (entries, "session.idle_lock", "admin"), ==, 1);
  g_assert_cmpuint (count_action (entries, "session.lock", "admin"), ==, 1);
  g_assert_cmpuint (count_action (entries, "session.sign_in_refused", "dee"), ==, 1);

  /* A supervisor sees the gallery, search, review and audit, not import;
   * an empty gallery tells them a clerk must import first. */
  switch_user (f, "sue", "supervisor pass");
  check_pages (f, "gallery search review audit");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "pages"))), ==,
                   "search");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "import"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "pages"))), ==,
                   "search");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "gallery"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "pages"))), ==,
                   "gallery");
  gui_spin_until (gallery_empty, f->window, "the empty gallery");
  g_assert_false (gtk_widget_get_visible (win_child (f, "import_button")));
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (win_child (f, "welcome_page"))),
                            "a clerk must import"));
  screenshot (GTK_WIDGET (f->window), "main-window-supervisor.png");
  /* The search page inside the window: the case gate first, and the case
   * shows in the header once chosen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "search"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "pages"))), ==, "search");
  gui_spin_frames (25);
  screenshot (GTK_WIDGET (f->window), "main-window-search.png");

  /* A pure administrator has no page: a pointer to Preferences instead. */
  switch_user (f, "ann", "administer it");
  check_pages (f, "audit none");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "pages"))), ==,
                   "none");
  screenshot (GTK_WIDGET (f->window), "main-window-administrator.png");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "accounts", NULL);
  gui_spin_frames (5);
  g_assert_nonnull (find_preferences ());
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (find_preferences ())), ==, "accounts");
  gui_spin_until (prefs_idle, find_preferences (), "the account list");
  g_assert_cmpuint (g_list_model_get_n_items (lineup_preferences_window_get_accounts (
                      find_preferences ())), ==, 4);
  gtk_window_destroy (GTK_WINDOW (find_preferences ()));
}

static void
test_session (void)
{
  gui_test_main_window ("gui-session", run_checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/session", test_session);
  return g_test_run ();
}
