/* test-gui-session.c: the session layer driven through the real window:
 * the first-run administrator form, Preferences → Accounts, sign-out, a
 * wrong password, a disabled account, signing in, and the idle lock; then
 * the audit log is read back from the database.
 *
 * Run under xvfb-run (see tests/meson.build). Screenshots go to
 * LINEUP_SCREENSHOT_DIR.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lineup-account-item.h"
#include "lineup-application.h"
#include "lineup-offence-item.h"
#include "lineup-preferences-window.h"
#include "lineup-window.h"

#define ADMIN_PASSWORD "correct horse battery"

typedef struct
{
  LineupApplication *app;
  LineupWindow      *window;
  char              *data_dir;
  char              *shot_dir;
} Fixture;

static void
spin_frames (guint n)
{
  gint64 until = g_get_monotonic_time () + n * 20000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
spin_until (gboolean  (*done) (gpointer),
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  if (!done (data))
    g_error ("timed out waiting for %s", what);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GtkWidget *
win_child (Fixture    *f,
           const char *name)
{
  return child (f->window, LINEUP_TYPE_WINDOW, name);
}

static void
set_text (Fixture    *f,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (win_child (f, row)), text);
}

static const char *want_screen;

static gboolean
screen_is (gpointer data)
{
  return g_strcmp0 (lineup_window_get_screen (data), want_screen) == 0;
}

static void
wait_screen (Fixture    *f,
             const char *screen)
{
  want_screen = screen;
  spin_until (screen_is, f->window, screen);
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_get_visible (data) && *gtk_label_get_text (data) != '\0';
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 100;
}

static gboolean
transitions_done (gpointer data)
{
  const char *stacks[] = { "session_stack", "gate_stack", "pages", "gallery_stack" };

  for (guint i = 0; i < G_N_ELEMENTS (stacks); i++)
    if (gtk_stack_get_transition_running (GTK_STACK (gtk_widget_get_template_child (
          GTK_WIDGET (data), LINEUP_TYPE_WINDOW, stacks[i]))))
      return FALSE;
  return TRUE;
}

/* Render the widget as GTK draws it and save a PNG; check it is not blank. */
static void
save_screenshot (Fixture    *f,
                 GtkWidget  *widget,
                 const char *name)
{
  g_autofree char *path = g_build_filename (f->shot_dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int w, h;
  g_autofree guchar *pixels = NULL;
  guint distinct = 0;
  guint32 first;

  spin_until (is_drawn, widget, "the window on screen");
  if (LINEUP_IS_WINDOW (widget))
    spin_until (transitions_done, widget, "the page transitions");
  spin_frames (15);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  g_assert_cmpint (w, >, 100);
  g_assert_cmpint (h, >, 100);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  pixels = g_malloc ((gsize) w * 4 * h);
  gdk_texture_download (texture, pixels, (gsize) w * 4);
  first = ((guint32 *) pixels)[0];
  for (gsize i = 0; i < (gsize) w * h && distinct < 50; i++)
    if (((guint32 *) pixels)[i] != first)
      distinct++;
  g_assert_cmpuint (distinct, >=, 50);
  g_test_message ("screenshot: %s (%dx%d)", path, w, h);
}

static gboolean
page_visible (Fixture    *f,
              const char *name)
{
  GtkStack *pages = GTK_STACK (win_child (f, "pages"));
  GtkWidget *page = gtk_stack_get_child_by_name (pages, name);

  return page != NULL && gtk_stack_page_get_visible (gtk_stack_get_page (pages, page));
}

/* First run: the form refuses a short and a mistyped password, then
 * creates the administrator (also a clerk) and signs them in. */
static void
create_administrator (Fixture *f)
{
  GtkLabel *error = GTK_LABEL (win_child (f, "setup_error_label"));
  LineupUser *user;

  wait_screen (f, "setup");
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
  gtk_check_button_set_active (GTK_CHECK_BUTTON (win_child (f, "setup_clerk_check")), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (error), FALSE);
  save_screenshot (f, GTK_WIDGET (f->window), "create-administrator.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-admin", NULL));
  wait_screen (f, "main");
  user = lineup_application_get_user (f->app);
  g_assert_nonnull (user);
  g_assert_cmpstr (lineup_user_get_name (user), ==, "admin");
  g_assert_cmpstr (lineup_user_get_display_name (user), ==, "Ada Admin");
  g_assert_cmpint (lineup_user_get_roles (user), ==,
                   LINEUP_ROLE_ADMINISTRATOR | LINEUP_ROLE_CLERK);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (win_child (f, "user_title"))),
                   ==, "Ada Admin");

  /* The sidebar follows the roles: a clerk imports, an administrator
   * detects nothing and reviews nothing. */
  g_assert_true (page_visible (f, "import"));
  g_assert_false (page_visible (f, "none"));
  g_assert_false (page_visible (f, "search"));
  g_assert_false (page_visible (f, "review"));
  g_assert_true (page_visible (f, "audit"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "sign-out"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "lock"));
}

static LineupPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (LINEUP_IS_PREFERENCES_WINDOW (w))
        return LINEUP_PREFERENCES_WINDOW (w);
    }
  return NULL;
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

static LineupAccountItem *
find_account (LineupPreferencesWindow *prefs,
              const char              *name)
{
  GListModel *accounts = lineup_preferences_window_get_accounts (prefs);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(LineupAccountItem) item = g_list_model_get_item (accounts, i);
      if (g_str_equal (lineup_account_item_get_name (item), name))
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

/* Preferences → Accounts: add a detective, then disable the account. */
static void
manage_accounts (Fixture *f)
{
  LineupPreferencesWindow *prefs;
  GType type = LINEUP_TYPE_PREFERENCES_WINDOW;
  GtkListBox *list;
  GtkListBoxRow *row;
  LineupAccountItem *dee;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  spin_frames (5);
  prefs = find_preferences ();
  g_assert_nonnull (prefs);
  g_assert_true (gtk_widget_get_visible (child (prefs, type, "accounts_page")));
  g_assert_true (gtk_widget_get_visible (child (prefs, type, "policy_page")));
  spin_until (prefs_idle, prefs, "the account list");
  g_assert_cmpuint (n_accounts (prefs), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_preferences_window_get_offences (prefs)),
                    >, 0);

  /* A form without a role is refused before it reaches the database. */
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_name_row")), "dee");
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_display_row")), "Dee Tective");
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_password_row")), "detective pass");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  g_assert_true (label_shown (child (prefs, type, "add_error_label")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (prefs, type, "add_detective_check")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  spin_until (prefs_idle, prefs, "the new account");
  g_assert_false (gtk_widget_get_visible (child (prefs, type, "add_error_label")));
  g_assert_cmpuint (n_accounts (prefs), ==, 2);
  dee = find_account (prefs, "dee");
  g_assert_nonnull (dee);
  g_assert_cmpint (lineup_account_item_get_roles (dee), ==, LINEUP_ROLE_DETECTIVE);
  g_assert_false (lineup_account_item_get_disabled (dee));

  /* The same name again: the core's refusal shows inline. */
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_name_row")), "dee");
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_password_row")), "another pass");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (prefs, type, "add_clerk_check")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  spin_until (prefs_idle, prefs, "the refused account");
  g_assert_true (label_shown (child (prefs, type, "add_error_label")));
  g_test_message ("duplicate account: %s",
                  gtk_label_get_text (GTK_LABEL (child (prefs, type, "add_error_label"))));
  g_assert_cmpuint (n_accounts (prefs), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_name_row")), "");
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_password_row")), "");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (prefs, type, "add_clerk_check")), FALSE);
  gtk_widget_set_visible (child (prefs, type, "add_error_label"), FALSE);

  /* A supervisor, for the sidebar check at the end. */
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_name_row")), "sue");
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_password_row")), "supervisor pass");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (prefs, type, "add_supervisor_check")),
                               TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  spin_until (prefs_idle, prefs, "the supervisor account");
  g_assert_cmpuint (n_accounts (prefs), ==, 3);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (prefs, type, "add_supervisor_check")),
                               FALSE);

  /* And an administrator with no other role. */
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_name_row")), "ann");
  gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "add_password_row")), "administer it");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (prefs, type, "add_administrator_check")),
                               TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-account", NULL));
  spin_until (prefs_idle, prefs, "the administrator account");
  g_assert_cmpuint (n_accounts (prefs), ==, 4);

  /* Disable the detective through the switch on their row. */
  list = GTK_LIST_BOX (child (prefs, type, "accounts_list"));
  row = NULL;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), "dee"))
      break;
  g_assert_nonnull (row);
  g_assert_true (gtk_switch_get_active (find_switch (GTK_WIDGET (row))));
  gtk_switch_set_active (find_switch (GTK_WIDGET (row)), FALSE);
  spin_until (prefs_idle, prefs, "disabling the account");
  dee = find_account (prefs, "dee");
  g_assert_true (lineup_account_item_get_disabled (dee));

  /* Policy: the limits, one category switched off, one added; a bad code
   * is refused with the core's message. */
  {
    LineupPolicy policy = { 0 };
    GListModel *offences = lineup_preferences_window_get_offences (prefs);
    guint n_offences = g_list_model_get_n_items (offences);
    g_autoptr(LineupOffenceItem) first = g_list_model_get_item (offences, 0);
    g_autofree char *first_code = g_strdup (lineup_offence_item_get_code (first));
    GtkListBox *offence_list = GTK_LIST_BOX (child (prefs, type, "offences_list"));
    g_autoptr(GError) error = NULL;
    gboolean found = FALSE;

    gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (prefs, type, "top_k_spin")), 30);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (prefs, type, "threshold_max_spin")), 0.55);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.save-policy", NULL));
    spin_until (prefs_idle, prefs, "saving the policy");
    g_assert_true (lineup_db_policy_get_sync (lineup_application_get_db (f->app), &policy, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (policy.top_k_cap, ==, 30);
    g_assert_cmpfloat_with_epsilon (policy.threshold_max, 0.55, 1e-9);

    g_assert_true (lineup_offence_item_get_search_allowed (first));
    gtk_switch_set_active (
      find_switch (GTK_WIDGET (gtk_list_box_get_row_at_index (offence_list, 0))), FALSE);
    spin_until (prefs_idle, prefs, "switching a category off");
    g_clear_object (&first);
    first = g_list_model_get_item (offences, 0);
    g_assert_cmpstr (lineup_offence_item_get_code (first), ==, first_code);
    g_assert_false (lineup_offence_item_get_search_allowed (first));

    gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "offence_code_row")), "Bad Code!");
    gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "offence_label_row")),
                           "Test category");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-offence", NULL));
    spin_until (prefs_idle, prefs, "the refused category");
    g_assert_true (label_shown (child (prefs, type, "offence_error_label")));
    gtk_editable_set_text (GTK_EDITABLE (child (prefs, type, "offence_code_row")), "test_category");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-offence", NULL));
    spin_until (prefs_idle, prefs, "the new category");
    g_assert_false (gtk_widget_get_visible (child (prefs, type, "offence_error_label")));
    g_assert_cmpuint (g_list_model_get_n_items (offences), ==, n_offences + 1);
    for (guint i = 0; i < g_list_model_get_n_items (offences); i++)
      {
        g_autoptr(LineupOffenceItem) item = g_list_model_get_item (offences, i);
        found |= g_str_equal (lineup_offence_item_get_code (item), "test_category")
                 && lineup_offence_item_get_search_allowed (item);
      }
    g_assert_true (found);
  }

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "accounts");
  save_screenshot (f, GTK_WIDGET (prefs), "preferences-accounts.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "policy");
  save_screenshot (f, GTK_WIDGET (prefs), "preferences-policy.png");
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

/* Sign-in attempts that fail, each with its own inline message. */
static void
refused_sign_ins (Fixture *f)
{
  GtkLabel *error = GTK_LABEL (win_child (f, "signin_error_label"));
  g_autofree char *wrong = NULL;

  sign_in (f, "admin", "not the password");
  spin_until (label_shown, error, "the wrong-password message");
  wrong = g_strdup (gtk_label_get_text (error));
  g_test_message ("wrong password: %s", wrong);
  g_assert_cmpstr (lineup_window_get_screen (f->window), ==, "sign-in");
  g_assert_null (lineup_application_get_user (f->app));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win_child (f, "signin_password_row"))),
                   ==, "");
  save_screenshot (f, GTK_WIDGET (f->window), "sign-in.png");

  /* A disabled account says so, not "wrong password". */
  gtk_widget_set_visible (GTK_WIDGET (error), FALSE);
  sign_in (f, "dee", "detective pass");
  spin_until (label_shown, error, "the disabled-account message");
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
  wait_screen (f, "sign-in");
  spin_frames (5);
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
  wait_screen (f, "main");
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
  spin_until (is_locked, f, "the idle lock");
  locked_at = g_get_monotonic_time ();
  g_test_message ("locked %.1f s after the last activity",
                  (locked_at - signed_in_at) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (locked_at - signed_in_at, >=, 1900000);
  g_assert_cmpint (locked_at - signed_in_at, <, 6 * G_USEC_PER_SEC);
  wait_screen (f, "sign-in");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (win_child (f, "signin_page")));
  g_assert_cmpstr (description, ==, "Locked after 2 seconds without activity");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (win_child (f, "signin_name_row"))), ==,
                   "admin");
  save_screenshot (f, GTK_WIDGET (f->window), "sign-in-locked.png");
  g_unsetenv ("LINEUP_IDLE_LOCK_SECONDS");

  /* Resume after the lock. */
  set_text (f, "signin_password_row", ADMIN_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-in", NULL));
  wait_screen (f, "main");

  /* Locking by hand keeps the name too, with its own message; signing
   * back in returns to the same page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "import"));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "lock", NULL);
  wait_screen (f, "sign-in");
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
  wait_screen (f, "main");
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
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-out", NULL);
  wait_screen (f, "sign-in");
  sign_in (f, "sue", "supervisor pass");
  wait_screen (f, "main");
  g_assert_true (page_visible (f, "gallery"));
  g_assert_false (page_visible (f, "import"));
  g_assert_true (page_visible (f, "search"));
  g_assert_true (page_visible (f, "review"));
  g_assert_true (page_visible (f, "audit"));
  g_assert_false (page_visible (f, "none"));
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
  spin_until (gallery_empty, f->window, "the empty gallery");
  g_assert_false (gtk_widget_get_visible (win_child (f, "import_button")));
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (win_child (f, "welcome_page"))),
                            "a clerk must import"));
  save_screenshot (f, GTK_WIDGET (f->window), "main-window-supervisor.png");

  /* A pure administrator has no page: a pointer to Preferences instead. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-out", NULL);
  wait_screen (f, "sign-in");
  sign_in (f, "ann", "administer it");
  wait_screen (f, "main");
  g_assert_true (page_visible (f, "none"));
  g_assert_false (page_visible (f, "gallery"));
  g_assert_false (page_visible (f, "import"));
  g_assert_false (page_visible (f, "search"));
  g_assert_false (page_visible (f, "review"));
  g_assert_true (page_visible (f, "audit"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (win_child (f, "pages"))), ==,
                   "none");
  save_screenshot (f, GTK_WIDGET (f->window), "main-window-administrator.png");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "accounts", NULL);
  spin_frames (5);
  g_assert_nonnull (find_preferences ());
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (find_preferences ())), ==, "accounts");
  spin_until (prefs_idle, find_preferences (), "the account list");
  g_assert_cmpuint (g_list_model_get_n_items (lineup_preferences_window_get_accounts (
                      find_preferences ())), ==, 4);
  gtk_window_destroy (GTK_WINDOW (find_preferences ()));
}

static void
on_activate (GApplication *app,
             Fixture      *f)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (LINEUP_IS_WINDOW (window));
  f->window = LINEUP_WINDOW (window);
  run_checks (f);
  g_application_quit (app);
}

static void
test_session (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  const char *shot_env = g_getenv ("LINEUP_SCREENSHOT_DIR");
  int status;

  f.data_dir = g_dir_make_tmp ("lineup-gui-session-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("LINEUP_DATA_DIR", f.data_dir, TRUE);
  g_unsetenv ("LINEUP_IDLE_LOCK_SECONDS");
  f.shot_dir = g_strdup (shot_env ? shot_env : ".");
  g_mkdir_with_parents (f.shot_dir, 0755);

  f.app = lineup_application_new ();
  g_signal_connect_after (f.app, "activate", G_CALLBACK (on_activate), &f);
  status = g_application_run (G_APPLICATION (f.app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (f.window);

  g_clear_object (&f.app);
  g_free (f.shot_dir);
  g_free (f.data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/session", test_session);
  return g_test_run ();
}
