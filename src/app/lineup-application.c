/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-application.c: the AdwApplication.
 *
 * Makes the session (LineupSession: the data directory, the database, opened
 * asynchronously and never on the main thread, the settings, the signed-in
 * user with the idle lock) at startup and hands it to its windows; owns the
 * app-wide actions.
 */
#define G_LOG_DOMAIN "lineup-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-application.h"
#include "lineup-preferences-window.h"
#include "lineup-resources.h"
#include "lineup-window.h"

struct _LineupApplication
{
  AdwApplication parent_instance;

  char          *data_dir_override;
  LineupSession *session;
};

G_DEFINE_FINAL_TYPE (LineupApplication, lineup_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_USER,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

LineupApplication *
lineup_application_new (void)
{
  return g_object_new (LINEUP_TYPE_APPLICATION,
                       "application-id", LINEUP_APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/lineup/Lineup",
                       NULL);
}

LineupSession *
lineup_application_get_session (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->session;
}

LineupDb *
lineup_application_get_db (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->session != NULL ? lineup_session_get_db (self->session) : NULL;
}

const char *
lineup_application_get_data_dir (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->session != NULL ? lineup_session_get_data_dir (self->session) : NULL;
}

GSettings *
lineup_application_get_settings (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->session != NULL ? lineup_session_get_settings (self->session) : NULL;
}

LineupUser *
lineup_application_get_user (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->session != NULL ? lineup_session_get_user (self->session) : NULL;
}

const char *
lineup_application_get_lock_message (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->session != NULL ? lineup_session_get_lock_message (self->session) : NULL;
}

const char *
lineup_application_get_last_user_name (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->session != NULL ? lineup_session_get_last_user_name (self->session) : NULL;
}

static void
update_session_actions (LineupApplication *self)
{
  static const char *names[] = { "sign-out", "lock", "preferences", "accounts" };
  gboolean           signed_in = lineup_application_get_user (self) != NULL;

  /* Settings are changed by someone accountable: nothing without a user. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), names[i])),
      signed_in);
}

/* The session's user, re-notified as the application's own "user". */
static void
on_session_user (LineupApplication *self)
{
  update_session_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

void
lineup_application_set_user (LineupApplication *self,
                             LineupUser        *user)
{
  g_return_if_fail (LINEUP_IS_APPLICATION (self));
  g_return_if_fail (self->session != NULL);

  lineup_session_set_user (self->session, user);
}

guint
lineup_application_get_idle_lock_seconds (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), 600);
  return self->session != NULL ? lineup_session_get_idle_lock_seconds (self->session) : 600;
}

void
lineup_application_note_activity (LineupApplication *self)
{
  g_return_if_fail (LINEUP_IS_APPLICATION (self));
  if (self->session != NULL)
    lineup_session_note_activity (self->session);
}

void
lineup_application_watch_activity (LineupApplication *self,
                                   GtkWidget         *window)
{
  g_return_if_fail (LINEUP_IS_APPLICATION (self));
  g_return_if_fail (self->session != NULL);

  lineup_session_watch_activity (self->session, window);
}

char *
lineup_app_roles_label (LineupRoles roles)
{
  static const LineupRoles order[] = { LINEUP_ROLE_ADMINISTRATOR, LINEUP_ROLE_SUPERVISOR,
                                       LINEUP_ROLE_DETECTIVE, LINEUP_ROLE_CLERK };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (roles & order[i])
      {
        if (text->len > 0)
          g_string_append (text, _(", "));
        g_string_append (text, lineup_role_label (order[i]));
      }
  if (text->len == 0)
    g_string_append (text, _("No role"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
lineup_application_activate (GApplication *app)
{
  LineupApplication *self = LINEUP_APPLICATION (app);
  GtkWindow         *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (lineup_window_new (self));
  gtk_window_present (window);
}

static void
lineup_application_startup (GApplication *app)
{
  LineupApplication *self = LINEUP_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(LineupDb) db = NULL;

  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *lock_accels[] = { "<Control><Shift>l", NULL };

  G_APPLICATION_CLASS (lineup_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.lock", lock_accels);

  settings = g_settings_new (LINEUP_APP_ID);
  data_dir = lineup_paths_resolve_data_dir (self->data_dir_override);
  /* Creating the folder is one mkdir; the database itself opens on its own
   * thread and the window follows its progress. */
  if (!lineup_paths_ensure_data_dir (data_dir, &error))
    g_warning ("%s", error->message);
  db_path = lineup_paths_database_file (data_dir);
  db = lineup_db_new (db_path);
  self->session = lineup_session_new (db, data_dir, settings);
  g_signal_connect_object (self->session, "notify::user", G_CALLBACK (on_session_user), self,
                           G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static int
lineup_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  LineupApplication *self = LINEUP_APPLICATION (app);
  const char        *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_autofree char *v = lineup_version_string ();
      g_print ("%s\n", v);
      return 0;
    }
  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &dir))
    self->data_dir_override = g_strdup (dir);
  return -1;
}

static void
lineup_application_finalize (GObject *object)
{
  LineupApplication *self = (LineupApplication *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->data_dir_override, g_free);

  G_OBJECT_CLASS (lineup_application_parent_class)->finalize (object);
}

static void
lineup_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupApplication *self = LINEUP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_USER:
      g_value_set_object (value, lineup_application_get_user (self));
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_application_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LineupApplication *self = LINEUP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_USER:
      lineup_application_set_user (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_application_class_init (LineupApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The resources live in a static library, whose constructor-based
   * registration the linker drops: register them by hand. */
  g_resources_register (lineup_get_resource ());

  object_class->finalize = lineup_application_finalize;
  object_class->get_property = lineup_application_get_property;
  object_class->set_property = lineup_application_set_property;
  app_class->activate = lineup_application_activate;
  app_class->startup = lineup_application_startup;
  app_class->handle_local_options = lineup_application_handle_local_options;

  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, LINEUP_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Made at startup; NULL before it. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication    *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Lineup developers", NULL };
  g_autofree char   *debug = lineup_version_string ();
  GtkWidget         *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Lineup"),
                        "application-icon", LINEUP_APP_ID,
                        "version", LINEUP_VERSION,
                        "developer-name", _("The Lineup developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Investigative face comparison with an audit trail. "
                                      "A candidate is an investigative lead, never an "
                                      "identification."),
                        "debug-info", debug,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
show_preferences (LineupApplication *self,
                  const char        *page_name)
{
  LineupPreferencesWindow *prefs = lineup_preferences_window_new (
    gtk_application_get_active_window (GTK_APPLICATION (self)), self->session);

  if (page_name != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), page_name);
  lineup_application_watch_activity (self, GTK_WIDGET (prefs));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  show_preferences (LINEUP_APPLICATION (user_data), NULL);
}

static void
accounts_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);

  LineupUser *user = lineup_application_get_user (self);

  show_preferences (self, user != NULL && lineup_user_can (user, LINEUP_PERMISSION_MANAGE_USERS)
                            ? "accounts"
                            : NULL);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);

  lineup_session_sign_out (self->session);
}

static void
lock_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);

  /* Audited apart from the idle lock: the person chose to step away. */
  lineup_session_lock (self->session, "session.lock",
                       g_strdup (_("Locked. Sign in again to continue.")));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "accounts", accounts_action },
  { "about", about_action },
  { "sign-out", sign_out_action },
  { "lock", lock_action },
};

static void
lineup_application_init (LineupApplication *self)
{
  const GOptionEntry options[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use DIR instead of $LINEUP_DATA_DIR or the user data folder"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  update_session_actions (self);
}
