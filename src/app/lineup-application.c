/* lineup-application.c: the AdwApplication.
 *
 * Owns the data directory, the database (opened asynchronously, never on the
 * main thread), the signed-in user with the idle lock, and the app-wide
 * actions. Windows present what it holds.
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
  AdwApplication  parent_instance;

  char           *data_dir_override;
  char           *data_dir;
  LineupDb       *db;
  GSettings      *settings;

  LineupUser     *user;
  char           *last_user_name;
  char           *lock_message;
  gint64          last_activity;   /* monotonic µs */
  guint           idle_source;
};

G_DEFINE_FINAL_TYPE (LineupApplication, lineup_application, ADW_TYPE_APPLICATION)

enum { PROP_0, PROP_USER, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void arm_idle_timer (LineupApplication *self);

LineupApplication *
lineup_application_new (void)
{
  return g_object_new (LINEUP_TYPE_APPLICATION,
                       "application-id", LINEUP_APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/lineup/Lineup",
                       NULL);
}

LineupDb *
lineup_application_get_db (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->db;
}

const char *
lineup_application_get_data_dir (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->data_dir;
}

GSettings *
lineup_application_get_settings (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->settings;
}

LineupUser *
lineup_application_get_user (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->user;
}

const char *
lineup_application_get_lock_message (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->lock_message;
}

const char *
lineup_application_get_last_user_name (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->last_user_name;
}

static void
update_session_actions (LineupApplication *self)
{
  static const char *names[] = { "sign-out", "lock", "preferences", "accounts" };

  /* Settings are changed by someone accountable: nothing without a user. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (
      G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), names[i])),
      self->user != NULL);
}

void
lineup_application_set_user (LineupApplication *self,
                             LineupUser        *user)
{
  g_return_if_fail (LINEUP_IS_APPLICATION (self));
  g_return_if_fail (user == NULL || LINEUP_IS_USER (user));

  if (!g_set_object (&self->user, user))
    return;
  if (user != NULL)
    {
      g_free (self->last_user_name);
      self->last_user_name = g_strdup (lineup_user_get_name (user));
      g_clear_pointer (&self->lock_message, g_free);
      lineup_application_note_activity (self);
      arm_idle_timer (self);
    }
  else
    g_clear_handle_id (&self->idle_source, g_source_remove);
  update_session_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

guint
lineup_application_get_idle_lock_seconds (LineupApplication *self)
{
  const char *env = g_getenv ("LINEUP_IDLE_LOCK_SECONDS");
  guint64 seconds;

  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), 600);

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &seconds, NULL))
    return seconds;
  return 60 * MAX (1, g_settings_get_int (self->settings, "idle-lock-minutes"));
}

void
lineup_application_note_activity (LineupApplication *self)
{
  g_return_if_fail (LINEUP_IS_APPLICATION (self));
  /* Only a timestamp: the timer compares against it when it fires, so a
   * stream of motion events costs nothing. */
  self->last_activity = g_get_monotonic_time ();
}

/* End the session, keeping the name so the same person can resume. */
static void
lock_session (LineupApplication *self,
              const char        *audit_action,
              char              *message)
{
  g_autoptr(LineupUser) user = NULL;

  if (self->user == NULL)
    {
      g_free (message);
      return;
    }
  user = g_object_ref (self->user);
  lineup_db_session_event (self->db, user, audit_action);
  /* Set before the user changes: listeners read them on the notification. */
  g_free (self->lock_message);
  self->lock_message = message;
  g_free (self->last_user_name);
  self->last_user_name = g_strdup (lineup_user_get_name (user));
  lineup_application_set_user (self, NULL);
}

static char *
idle_message (guint seconds)
{
  if (seconds % 60 != 0)
    return g_strdup_printf (ngettext ("Locked after %u second without activity",
                                      "Locked after %u seconds without activity", seconds),
                            seconds);
  return g_strdup_printf (ngettext ("Locked after %u minute without activity",
                                    "Locked after %u minutes without activity", seconds / 60),
                          seconds / 60);
}

static gboolean
idle_check (gpointer user_data)
{
  LineupApplication *self = user_data;
  gint64 limit, idle;
  guint seconds;

  self->idle_source = 0;
  if (self->user == NULL)
    return G_SOURCE_REMOVE;

  seconds = lineup_application_get_idle_lock_seconds (self);
  limit = (gint64) seconds * G_USEC_PER_SEC;
  idle = g_get_monotonic_time () - self->last_activity;
  if (idle >= limit)
    {
      g_info ("idle for %" G_GINT64_FORMAT " s: locking", idle / G_USEC_PER_SEC);
      lock_session (self, "session.idle_lock", idle_message (seconds));
      return G_SOURCE_REMOVE;
    }
  arm_idle_timer (self);
  return G_SOURCE_REMOVE;
}

/* One timer at the earliest moment the limit can be reached; when it fires
 * and there was activity meanwhile, it re-arms for the remainder. */
static void
arm_idle_timer (LineupApplication *self)
{
  gint64 limit = (gint64) lineup_application_get_idle_lock_seconds (self) * G_USEC_PER_SEC;
  gint64 remaining = limit - (g_get_monotonic_time () - self->last_activity);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->user == NULL)
    return;
  self->idle_source = g_timeout_add (MAX (remaining, 0) / 1000 + 50, idle_check, self);
}

static gboolean
on_input_event (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                gpointer                  user_data)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      lineup_application_note_activity (LINEUP_APPLICATION (user_data));
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

void
lineup_application_watch_activity (LineupApplication *self,
                                   GtkWidget         *window)
{
  GtkEventController *controller;

  g_return_if_fail (LINEUP_IS_APPLICATION (self));
  g_return_if_fail (GTK_IS_WIDGET (window));

  /* The capture phase sees every event before any child can claim it. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_input_event), self, 0);
  gtk_widget_add_controller (window, controller);
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
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

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

  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *lock_accels[] = { "<Control><Shift>l", NULL };

  G_APPLICATION_CLASS (lineup_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.lock", lock_accels);

  self->settings = g_settings_new (LINEUP_APP_ID);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (arm_idle_timer), self, G_CONNECT_SWAPPED);
  self->data_dir = lineup_paths_resolve_data_dir (self->data_dir_override);
  /* Creating the folder is one mkdir; the database itself opens on its own
   * thread and the window follows its progress. */
  if (!lineup_paths_ensure_data_dir (self->data_dir, &error))
    g_warning ("%s", error->message);
  db_path = lineup_paths_database_file (self->data_dir);
  self->db = lineup_db_new (db_path);
}

static int
lineup_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  LineupApplication *self = LINEUP_APPLICATION (app);
  const char *dir = NULL;

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

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->user);
  g_clear_pointer (&self->last_user_name, g_free);
  g_clear_pointer (&self->lock_message, g_free);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);
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
      g_value_set_object (value, self->user);
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
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
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
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Lineup developers", NULL };
  g_autofree char *debug = lineup_version_string ();
  GtkWidget *about;

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
    gtk_application_get_active_window (GTK_APPLICATION (self)), self->settings);

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

  show_preferences (self, self->user != NULL
                            && lineup_user_can (self->user, LINEUP_PERMISSION_MANAGE_USERS)
                          ? "accounts" : NULL);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);

  if (self->user == NULL)
    return;
  lineup_db_session_event (self->db, self->user, "session.sign_out");
  /* A shared workstation: the next person starts from an empty form. */
  g_clear_pointer (&self->last_user_name, g_free);
  g_clear_pointer (&self->lock_message, g_free);
  lineup_application_set_user (self, NULL);
}

static void
lock_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);

  /* Audited apart from the idle lock: the person chose to step away. */
  lock_session (self, "session.lock", g_strdup (_("Locked. Sign in again to continue.")));
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

void
lineup_app_detect_options (LineupDetectOptions *options)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings;

  lineup_detect_options_init_default (options);
  if (!LINEUP_IS_APPLICATION (app))
    return;
  settings = LINEUP_APPLICATION (app)->settings;
  options->detector = g_settings_get_enum (settings, "detector") == 1
                        ? LINEUP_SHIM_DETECTOR_BLAZEFACE
                        : LINEUP_SHIM_DETECTOR_HOG;
  options->upsample = g_settings_get_int (settings, "hog-upsample");
  options->jitter = g_settings_get_int (settings, "descriptor-jitter");
}
