/* lineup-application.c: the AdwApplication.
 *
 * Owns the data directory, the database (opened asynchronously, never on the
 * main thread) and the app-wide actions. Windows present what it holds.
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
};

G_DEFINE_FINAL_TYPE (LineupApplication, lineup_application, ADW_TYPE_APPLICATION)

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

  G_APPLICATION_CLASS (lineup_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);

  self->settings = g_settings_new (LINEUP_APP_ID);
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

  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->data_dir_override, g_free);

  G_OBJECT_CLASS (lineup_application_parent_class)->finalize (object);
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
  app_class->activate = lineup_application_activate;
  app_class->startup = lineup_application_startup;
  app_class->handle_local_options = lineup_application_handle_local_options;
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
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LineupApplication *self = LINEUP_APPLICATION (user_data);
  LineupPreferencesWindow *prefs = lineup_preferences_window_new (
    gtk_application_get_active_window (GTK_APPLICATION (self)), self->settings);

  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
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
