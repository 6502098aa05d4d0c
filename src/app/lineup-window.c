/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-window.c: the main window: the session gate (first-run
 * administrator, sign-in) and, once someone is signed in, a sidebar of the
 * pages their roles allow.
 *
 * The window asks the database thread for its state and shows the matching
 * page; it never touches SQLite itself. Its size is bound to GSettings.
 */
#define G_LOG_DOMAIN "lineup-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-add-photo-window.h"
#include "lineup-app-util.h"
#include "lineup-audit-page.h"
#include "lineup-gallery-page.h"
#include "lineup-import-page.h"
#include "lineup-review-page.h"
#include "lineup-search-page.h"
#include "lineup-window.h"

struct _LineupWindow
{
  AdwApplicationWindow parent_instance;

  LineupSession    *session; /* construct-only */
  GSignalGroup     *session_signals;
  LineupWindowState state;
  const char       *screen;
  GCancellable     *cancellable;
  char             *db_path;
  char             *shown_user; /* whose session the pages last showed */
  const char       *shown_page; /* and which page, interned */

  /* template children */
  GtkStack       *session_stack;
  GtkStack       *gate_stack;
  AdwStatusPage  *db_error_page;
  AdwEntryRow    *setup_name_row;
  AdwEntryRow    *setup_display_row;
  AdwEntryRow    *setup_password_row;
  AdwEntryRow    *setup_confirm_row;
  GtkCheckButton *setup_clerk_check;
  GtkCheckButton *setup_detective_check;
  GtkCheckButton *setup_supervisor_check;
  GtkLabel       *setup_error_label;
  GtkButton      *setup_button;
  GtkLabel       *setup_statement;
  AdwStatusPage  *signin_page;
  AdwEntryRow    *signin_name_row;
  AdwEntryRow    *signin_password_row;
  GtkLabel       *signin_error_label;
  GtkButton      *signin_button;
  GtkLabel       *signin_statement;
  AdwWindowTitle *user_title;
  AdwStatusPage  *none_page;
  GtkLabel       *none_statement;
  GtkButton      *import_button;
  AdwLeaflet     *leaflet;
  GtkStack       *pages;
  GtkStack       *gallery_stack;
  AdwStatusPage  *welcome_page;
  AdwStatusPage  *error_page;
  GtkLabel       *db_path_label;
  GtkLabel       *schema_label;
  GtkLabel       *subjects_label;
  GtkLabel       *bookings_label;
  GtkLabel       *faces_label;
  AdwWindowTitle *window_title;
  AdwBin         *gallery_slot;

  /* built in code, with the session */
  LineupImportPage  *import_page;
  LineupGalleryPage *gallery_page;
  GtkWidget         *search_page;
  GtkWidget         *review_page;
  GtkWidget         *audit_page;
};

G_DEFINE_FINAL_TYPE (LineupWindow, lineup_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_SCREEN,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* Sidebar pages and what each needs; a page shows when the user has any
 * one of its permissions. */
static const struct
{
  const char      *name;
  LineupPermission permissions[2];
  guint            n_permissions;
} page_rules[] = {
  { "gallery", { LINEUP_PERMISSION_VIEW_GALLERY }, 1 },
  { "import", { LINEUP_PERMISSION_IMPORT }, 1 },
  { "search", { LINEUP_PERMISSION_CASE, LINEUP_PERMISSION_SEARCH }, 2 },
  { "review", { LINEUP_PERMISSION_REVIEW }, 1 },
  { "audit", { LINEUP_PERMISSION_VIEW_AUDIT }, 1 },
};

/* The page shown after signing in: the work the role is there for. */
static const char *home_order[] = { "search", "review", "gallery", "import", "none", "audit" };

static LineupUser *
get_user (LineupWindow *self)
{
  return lineup_session_get_user (self->session);
}

static void
set_state (LineupWindow     *self,
           LineupWindowState state)
{
  static const char *names[] = { "loading", "error", "empty", "ready" };

  self->state = state;
  gtk_stack_set_visible_child_name (self->gallery_stack, names[state]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* "starting", "failed", "setup", "sign-in" (the gate) or "main". */
static void
set_screen (LineupWindow *self,
            const char   *screen)
{
  GtkWidget *default_widget = NULL;
  GtkWidget *focus = NULL;

  self->screen = g_intern_string (screen);
  if (g_str_equal (screen, "main"))
    gtk_stack_set_visible_child_name (self->session_stack, "main");
  else
    {
      gtk_stack_set_visible_child_name (self->gate_stack, screen);
      gtk_stack_set_visible_child_name (self->session_stack, "gate");
    }

  if (g_str_equal (screen, "setup"))
    {
      default_widget = GTK_WIDGET (self->setup_button);
      focus = GTK_WIDGET (self->setup_name_row);
    }
  else if (g_str_equal (screen, "sign-in"))
    {
      default_widget = GTK_WIDGET (self->signin_button);
      focus = *gtk_editable_get_text (GTK_EDITABLE (self->signin_name_row)) != '\0'
                ? GTK_WIDGET (self->signin_password_row)
                : GTK_WIDGET (self->signin_name_row);
    }
  gtk_window_set_default_widget (GTK_WINDOW (self), default_widget);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCREEN]);
}

static void
set_count_label (GtkLabel *label,
                 gint64    n)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  gtk_label_set_text (label, text);
}

static gboolean
user_can (LineupWindow    *self,
          LineupPermission permission)
{
  LineupUser *user = get_user (self);

  return user != NULL && lineup_user_can (user, permission);
}

/* An empty gallery asks whoever may import to do so, and tells everyone
 * else who has to. */
static void
update_welcome (LineupWindow *self)
{
  gboolean         can_import = user_can (self, LINEUP_PERMISSION_IMPORT);
  g_autofree char *welcome = NULL;

  if (can_import)
    welcome = g_markup_printf_escaped (
      _("Lineup compares a probe face with the booking photos in this workstation's "
        "gallery. The gallery is empty: import booking photos from a CSV manifest or a "
        "folder first.\n\nYour local database is <tt>%s</tt>."),
      self->db_path ? self->db_path : "");
  else
    welcome = g_markup_printf_escaped (
      _("Lineup compares a probe face with the booking photos in this workstation's "
        "gallery. The gallery is empty: a clerk must import booking photos before "
        "anyone can search it.\n\nYour local database is <tt>%s</tt>."),
      self->db_path ? self->db_path : "");
  adw_status_page_set_description (self->welcome_page, welcome);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), can_import);
}

/* The database failed while the gallery loaded (a cancelled query is no
 * failure: the window is going away). */
static void
show_gallery_error (LineupWindow *self,
                    const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  adw_status_page_set_description (self->error_page, error->message);
  set_state (self, LINEUP_WINDOW_STATE_ERROR);
}

static void
info_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDbInfo) info = lineup_db_get_info_finish (LINEUP_DB (source), result, &error);
  g_autofree char *schema = NULL;

  if (info == NULL)
    {
      show_gallery_error (self, error);
      return;
    }

  g_free (self->db_path);
  self->db_path = g_strdup (info->path);
  gtk_label_set_text (self->db_path_label, info->path);
  schema = g_strdup_printf ("%d", info->schema_version);
  gtk_label_set_text (self->schema_label, schema);
  set_count_label (self->subjects_label, info->subjects);
  set_count_label (self->bookings_label, info->bookings);
  set_count_label (self->faces_label, info->faces);
  update_welcome (self);

  if (info->bookings > 0 && user_can (self, LINEUP_PERMISSION_VIEW_GALLERY))
    lineup_gallery_page_reload (self->gallery_page);
  set_state (self, info->bookings == 0 ? LINEUP_WINDOW_STATE_EMPTY : LINEUP_WINDOW_STATE_READY);
}

static void
reload_open_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_db_open_finish (LINEUP_DB (source), result, &error))
    {
      show_gallery_error (self, error);
      return;
    }
  lineup_db_get_info_async (LINEUP_DB (source), self->cancellable, info_ready,
                            g_object_ref (self));
}

/* Refreshes the gallery's counts and list; only while someone is signed in
 * (nothing about the gallery shows before). */
void
lineup_window_reload (LineupWindow *self)
{
  g_return_if_fail (LINEUP_IS_WINDOW (self));

  if (get_user (self) == NULL)
    return;
  set_state (self, LINEUP_WINDOW_STATE_LOADING);
  /* Opening an open database is a no-op on the database thread. */
  lineup_db_open_async (lineup_session_get_db (self->session), self->cancellable, reload_open_ready,
                        g_object_ref (self));
}

LineupWindowState
lineup_window_get_state (LineupWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_WINDOW (self), LINEUP_WINDOW_STATE_LOADING);
  return self->state;
}

const char *
lineup_window_get_screen (LineupWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_WINDOW (self), NULL);
  return self->screen;
}

static void
set_page_visible (LineupWindow *self,
                  const char   *name,
                  gboolean      visible)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->pages, name);

  if (child != NULL)
    gtk_stack_page_set_visible (gtk_stack_get_page (self->pages, child), visible);
}

static gboolean
page_is_visible (LineupWindow *self,
                 const char   *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->pages, name);

  return child != NULL && gtk_stack_page_get_visible (gtk_stack_get_page (self->pages, child));
}

static void
apply_permissions (LineupWindow *self,
                   LineupUser   *user)
{
  gboolean any = FALSE;

  /* The fallback page first, so the stack always has a visible child. */
  set_page_visible (self, "none", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (page_rules); i++)
    {
      gboolean visible = FALSE;

      for (guint j = 0; j < page_rules[i].n_permissions; j++)
        visible |= user != NULL && lineup_user_can (user, page_rules[i].permissions[j]);
      set_page_visible (self, page_rules[i].name, visible);
      /* The audit log alone is no work page: an administrator's home is
       * the pointer to Preferences. */
      if (!g_str_equal (page_rules[i].name, "audit"))
        any |= visible && gtk_stack_get_child_by_name (self->pages, page_rules[i].name) != NULL;
    }
  set_page_visible (self, "none", !any);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 user != NULL && lineup_user_can (user, LINEUP_PERMISSION_IMPORT));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-photo",
                                 user != NULL && lineup_user_can (user, LINEUP_PERMISSION_IMPORT));
  update_welcome (self);
}

static void
show_main (LineupWindow *self,
           LineupUser   *user)
{
  g_autofree char *roles = lineup_app_roles_label (lineup_user_get_roles (user));
  const char      *display = lineup_user_get_display_name (user);

  adw_window_title_set_title (self->user_title,
                              display != NULL && *display ? display
                                                          : lineup_user_get_name (user));
  adw_window_title_set_subtitle (self->user_title, roles);
  apply_permissions (self, user);
  /* After a lock the same person resumes where they were; anyone else
   * starts at their home page. */
  if (g_strcmp0 (self->shown_user, lineup_user_get_name (user)) == 0 &&
      self->shown_page != NULL && page_is_visible (self, self->shown_page))
    gtk_stack_set_visible_child_name (self->pages, self->shown_page);
  else
    for (guint i = 0; i < G_N_ELEMENTS (home_order); i++)
      if (page_is_visible (self, home_order[i]))
        {
          gtk_stack_set_visible_child_name (self->pages, home_order[i]);
          break;
        }
  g_free (self->shown_user);
  self->shown_user = g_strdup (lineup_user_get_name (user));
  set_screen (self, "main");
  lineup_window_reload (self);
}

static void
show_sign_in (LineupWindow *self)
{
  const char *message = lineup_session_get_lock_message (self->session);
  const char *name = lineup_session_get_last_user_name (self->session);

  adw_status_page_set_description (
    self->signin_page,
    message != NULL ? message : _("Sign in with the account your administrator gave you."));
  gtk_editable_set_text (GTK_EDITABLE (self->signin_name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->signin_password_row), "");
  lineup_app_show_inline_error (self->signin_error_label, NULL);
  set_screen (self, "sign-in");
}

/* Dialogs of the previous session go with it: nothing it opened stays on
 * screen for whoever comes next. */
static void
close_transients (LineupWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (self) && gtk_window_get_transient_for (w) == GTK_WINDOW (self))
        g_ptr_array_add (doomed, g_steal_pointer (&w));
    }
  for (guint i = 0; i < doomed->len; i++)
    {
      GtkWindow *w = g_ptr_array_index (doomed, i);

      /* The help overlay belongs to the window and is shown again later. */
      if (GTK_IS_SHORTCUTS_WINDOW (w))
        gtk_widget_set_visible (GTK_WIDGET (w), FALSE);
      else
        gtk_window_destroy (w);
    }
}

static void
on_user_changed (LineupWindow *self)
{
  LineupUser *user = get_user (self);

  if (user != NULL)
    {
      show_main (self, user);
      return;
    }
  close_transients (self);
  if (self->screen == g_intern_static_string ("main"))
    self->shown_page = g_intern_string (gtk_stack_get_visible_child_name (self->pages));
  apply_permissions (self, NULL);
  adw_window_title_set_title (self->user_title, _("Lineup"));
  adw_window_title_set_subtitle (self->user_title, NULL);
  set_state (self, LINEUP_WINDOW_STATE_LOADING);
  /* Before the database answered, the start-up flow picks the screen. */
  if (self->screen == g_intern_static_string ("main"))
    show_sign_in (self);
}

/* Without a database there is no session to start: the "failed" screen. */
static void
show_start_error (LineupWindow *self,
                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  adw_status_page_set_description (self->db_error_page, error->message);
  set_screen (self, "failed");
  set_state (self, LINEUP_WINDOW_STATE_ERROR);
}

static void
count_users_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = lineup_db_count_users_finish (LINEUP_DB (source), result, &error);

  if (n < 0)
    {
      show_start_error (self, error);
      return;
    }
  if (get_user (self) != NULL)
    show_main (self, get_user (self));
  else if (n == 0)
    set_screen (self, "setup");
  else
    show_sign_in (self);
}

static void
open_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_db_open_finish (LINEUP_DB (source), result, &error))
    {
      show_start_error (self, error);
      return;
    }
  lineup_db_count_users_async (LINEUP_DB (source), self->cancellable, count_users_ready,
                               g_object_ref (self));
}

/* After construction: the pages exist and the window follows its session. */
static void
lineup_window_setup (LineupWindow *self)
{
  GSettings *settings = lineup_session_get_settings (self->session);

  if (settings != NULL)
    {
      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
  /* New or purged photos change what the gallery shows. */
  g_signal_connect_swapped (self->import_page, "finished", G_CALLBACK (lineup_window_reload), self);
  g_signal_connect_swapped (self->gallery_page, "purged", G_CALLBACK (lineup_window_reload), self);
  g_signal_group_set_target (self->session_signals, self->session);
  lineup_session_watch_activity (self->session, GTK_WIDGET (self));
  apply_permissions (self, NULL);

  set_screen (self, "starting");
  lineup_db_open_async (lineup_session_get_db (self->session), self->cancellable, open_ready,
                        g_object_ref (self));
}

static void
lineup_window_dispose (GObject *object)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->shown_user, g_free);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_WINDOW);

  G_OBJECT_CLASS (lineup_window_parent_class)->dispose (object);
}

/* The session outlives dispose: callbacks still running may read it. */
static void
lineup_window_finalize (GObject *object)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (lineup_window_parent_class)->finalize (object);
}

static void
lineup_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_SCREEN:
      g_value_set_string (value, self->screen);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_gate_busy (LineupWindow *self,
               gboolean      busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-admin", !busy);
  gtk_button_set_label (self->signin_button, busy ? _("Signing In…") : _("_Sign In"));
  gtk_button_set_label (self->setup_button,
                        busy ? _("Creating the Account…") : _("_Create Administrator"));
}

static void
signed_in (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupUser) user = lineup_db_sign_in_finish (LINEUP_DB (source), result, &error);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_gate_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->signin_password_row), "");
  if (user == NULL)
    {
      /* The core words it: one message for a wrong name or password, the
       * wait for a locked account, or a disabled account. */
      lineup_app_show_inline_error (self->signin_error_label, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->signin_password_row));
      return;
    }
  lineup_app_show_inline_error (self->signin_error_label, NULL);
  lineup_session_set_user (self->session, user);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LineupWindow    *self = LINEUP_WINDOW (widget);
  g_autofree char *name = lineup_app_dup_entry_text (GTK_EDITABLE (self->signin_name_row));
  const char      *password = gtk_editable_get_text (GTK_EDITABLE (self->signin_password_row));

  if (*name == '\0')
    {
      lineup_app_show_inline_error (self->signin_error_label, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->signin_name_row));
      return;
    }
  if (*password == '\0')
    {
      lineup_app_show_inline_error (self->signin_error_label, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->signin_password_row));
      return;
    }
  lineup_app_show_inline_error (self->signin_error_label, NULL);
  set_gate_busy (self, TRUE);
  /* Verifying the hash takes a tenth of a second: on the database thread. */
  lineup_db_sign_in_async (lineup_session_get_db (self->session), name, password,
                           self->cancellable, signed_in, g_object_ref (self));
}

static void
admin_created (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupUser) user = lineup_db_user_init_finish (LINEUP_DB (source), result, &error);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_gate_busy (self, FALSE);
  if (user == NULL)
    {
      lineup_app_show_inline_error (self->setup_error_label, error->message);
      return;
    }
  lineup_app_show_inline_error (self->setup_error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->setup_password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->setup_confirm_row), "");
  lineup_session_set_user (self->session, user);
}

static void
create_admin_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LineupWindow    *self = LINEUP_WINDOW (widget);
  g_autofree char *name = lineup_app_dup_entry_text (GTK_EDITABLE (self->setup_name_row));
  g_autofree char *display = lineup_app_dup_entry_text (GTK_EDITABLE (self->setup_display_row));
  const char      *password = gtk_editable_get_text (GTK_EDITABLE (self->setup_password_row));
  const char      *confirm = gtk_editable_get_text (GTK_EDITABLE (self->setup_confirm_row));
  LineupRoles      extra;
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    {
      lineup_app_show_inline_error (self->setup_error_label,
                                    _("Choose a user name for the administrator."));
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_name_row));
      return;
    }
  if (g_utf8_strlen (password, -1) < LINEUP_PASSWORD_MIN_LENGTH)
    {
      g_autofree char *message = g_strdup_printf (
        ngettext ("The password needs at least %d character.",
                  "The password needs at least %d characters.", LINEUP_PASSWORD_MIN_LENGTH),
        LINEUP_PASSWORD_MIN_LENGTH);
      lineup_app_show_inline_error (self->setup_error_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_password_row));
      return;
    }
  if (!g_str_equal (password, confirm))
    {
      lineup_app_show_inline_error (self->setup_error_label,
                                    _("The two passwords differ. Type the same password twice."));
      gtk_editable_set_text (GTK_EDITABLE (self->setup_confirm_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_confirm_row));
      return;
    }
  if (!lineup_password_check_policy (password, &error))
    {
      lineup_app_show_inline_error (self->setup_error_label, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->setup_password_row));
      return;
    }

  extra = lineup_app_checked_roles (self->setup_clerk_check, self->setup_detective_check,
                                    self->setup_supervisor_check, NULL);

  lineup_app_show_inline_error (self->setup_error_label, NULL);
  set_gate_busy (self, TRUE);
  lineup_db_user_init_async (lineup_session_get_db (self->session), name,
                             *display != '\0' ? display : name, password, extra,
                             self->cancellable, admin_created, g_object_ref (self));
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  if (!page_is_visible (self, "import"))
    return;
  gtk_stack_set_visible_child_name (self->pages, "import");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
add_photo_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LineupWindow         *self = LINEUP_WINDOW (widget);
  LineupAddPhotoWindow *form = lineup_add_photo_window_new (GTK_WINDOW (self), self->session);

  g_signal_connect_swapped (form, "added", G_CALLBACK (lineup_window_reload), self);
  lineup_session_watch_activity (self->session, GTK_WIDGET (form));
  gtk_window_present (GTK_WINDOW (form));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  const char   *page = g_variant_get_string (param, NULL);

  /* A page the user's roles hide stays hidden. */
  if (!page_is_visible (self, page))
    {
      g_debug ("page %s is not available to this user", page);
      return;
    }
  gtk_stack_set_visible_child_name (self->pages, page);
}

/* The audit page's Open: ("booking", number) shows that booking in the
 * gallery, ("case", number) opens the case on the search page. */
static void
open_object_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  const char   *type, *key;

  g_variant_get (param, "(&s&s)", &type, &key);
  if (g_str_equal (type, "booking") && page_is_visible (self, "gallery"))
    {
      lineup_gallery_page_set_filter (self->gallery_page, key);
      gtk_stack_set_visible_child_name (self->pages, "gallery");
    }
  else if (g_str_equal (type, "case") && self->search_page != NULL && page_is_visible (self, "search"))
    {
      lineup_search_page_open_case (LINEUP_SEARCH_PAGE (self->search_page), key);
      gtk_stack_set_visible_child_name (self->pages, "search");
    }
}

static void lineup_window_constructed (GObject *object);

static void
lineup_window_class_init (LineupWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lineup_window_constructed;
  object_class->dispose = lineup_window_dispose;
  object_class->finalize = lineup_window_finalize;
  object_class->get_property = lineup_window_get_property;
  object_class->set_property = lineup_window_set_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, LINEUP_WINDOW_STATE_LOADING,
                      LINEUP_WINDOW_STATE_READY, LINEUP_WINDOW_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCREEN] =
    g_param_spec_string ("screen", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, session_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, gate_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, db_error_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_name_row);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_display_row);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_password_row);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_clerk_check);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_detective_check);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_supervisor_check);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, setup_statement);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, signin_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, signin_name_row);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, signin_password_row);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, signin_error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, signin_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, signin_statement);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, user_title);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, none_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, none_statement);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, gallery_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, db_path_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, schema_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, subjects_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, bookings_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, faces_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, gallery_slot);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-object", "(ss)", open_object_action);
  gtk_widget_class_install_action (widget_class, "win.add-photo", NULL, add_photo_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.create-admin", NULL, create_admin_action);
}

static void
on_page_changed (LineupWindow *self)
{
  GtkWidget  *child = gtk_stack_get_visible_child (self->pages);
  const char *title = NULL;
  const char *subtitle = NULL;

  if (child != NULL)
    title = gtk_stack_page_get_title (gtk_stack_get_page (self->pages, child));
  /* The search page names its open case under the title. */
  if (child != NULL && child == self->search_page)
    subtitle = lineup_search_page_get_subtitle (LINEUP_SEARCH_PAGE (child));
  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Lineup"));
  adw_window_title_set_subtitle (self->window_title,
                                 subtitle != NULL && *subtitle ? subtitle : NULL);
}

static GtkStackPage *
add_page (LineupWindow *self,
          GtkWidget    *page,
          const char   *name,
          const char   *title,
          const char   *icon_name)
{
  GtkStackPage *stack_page = gtk_stack_add_titled (self->pages, page, name, title);

  gtk_stack_page_set_icon_name (stack_page, icon_name);
  return stack_page;
}

/* Long work goes on when the user leaves its page; the sidebar marks the
 * page (GtkStackSidebar's attention dot) while it runs. */
static void
mark_busy_pages (LineupWindow *self)
{
  gboolean importing = g_strcmp0 (lineup_import_page_get_state (self->import_page), "running") == 0;
  gboolean searching = self->search_page != NULL &&
                       g_strcmp0 (lineup_search_page_get_state (LINEUP_SEARCH_PAGE (self->search_page)),
                                  "searching") == 0;

  gtk_stack_page_set_needs_attention (gtk_stack_get_page (self->pages, GTK_WIDGET (self->import_page)),
                                      importing);
  if (self->search_page != NULL)
    gtk_stack_page_set_needs_attention (gtk_stack_get_page (self->pages, self->search_page), searching);
}

static void
lineup_window_init (LineupWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->screen = g_intern_static_string ("starting");
  gtk_widget_init_template (GTK_WIDGET (self));
  self->session_signals = g_signal_group_new (LINEUP_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::user",
                                  G_CALLBACK (on_user_changed), self);

  /* The standing statement, worded once in the core. */
  gtk_label_set_text (self->setup_statement, _(LINEUP_LEAD_STATEMENT));
  gtk_label_set_text (self->signin_statement, _(LINEUP_LEAD_STATEMENT));
  gtk_label_set_text (self->none_statement, _(LINEUP_LEAD_STATEMENT));
}

/* The pages need the session at construction, so they are built here, in
 * the sidebar's order. */
static void
lineup_window_constructed (GObject *object)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  G_OBJECT_CLASS (lineup_window_parent_class)->constructed (object);

  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  self->gallery_page = LINEUP_GALLERY_PAGE (lineup_gallery_page_new (self->session));
  adw_bin_set_child (self->gallery_slot, GTK_WIDGET (self->gallery_page));
  self->import_page = LINEUP_IMPORT_PAGE (lineup_import_page_new (self->session));
  add_page (self, GTK_WIDGET (self->import_page), "import", _("Import"), "document-open-symbolic");
  gtk_stack_page_set_visible (add_page (self, GTK_WIDGET (self->none_page), "none",
                                        _("Administration"), "system-users-symbolic"),
                              FALSE);
  self->search_page = lineup_search_page_new (self->session);
  add_page (self, self->search_page, "search", _("Search"), "system-search-symbolic");
  self->review_page = lineup_review_page_new (self->session);
  add_page (self, self->review_page, "review", _("Review"), "emblem-ok-symbolic");
  self->audit_page = lineup_audit_page_new (self->session);
  add_page (self, self->audit_page, "audit", _("Audit Log"), "document-open-recent-symbolic");
  g_signal_connect_swapped (self->search_page, "notify::subtitle", G_CALLBACK (on_page_changed),
                            self);
  g_signal_connect_swapped (self->search_page, "notify::state", G_CALLBACK (mark_busy_pages), self);
  g_signal_connect_swapped (self->import_page, "notify::state", G_CALLBACK (mark_busy_pages), self);

  g_signal_connect_swapped (self->pages, "notify::visible-child", G_CALLBACK (on_page_changed),
                            self);
  on_page_changed (self);
}

LineupWindow *
lineup_window_new (LineupApplication *app)
{
  LineupWindow *self;

  g_return_val_if_fail (LINEUP_IS_APPLICATION (app), NULL);

  self = g_object_new (LINEUP_TYPE_WINDOW,
                       "application", app,
                       "session", lineup_application_get_session (app),
                       NULL);
  lineup_window_setup (self);
  return self;
}

GtkWidget *
lineup_window_get_page (LineupWindow *self,
                        const char   *name)
{
  g_return_val_if_fail (LINEUP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* The gallery page sits inside the gallery's own stack of states. */
  if (g_str_equal (name, "gallery"))
    return GTK_WIDGET (self->gallery_page);
  return gtk_stack_get_child_by_name (self->pages, name);
}
