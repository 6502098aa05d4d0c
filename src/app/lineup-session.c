/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-session.c: the application context.
 *
 * One object holds what the four lineup_app_get_* lookups used to find
 * through g_application_get_default (): the database, the data folder, the
 * settings and the signed-in user, with the idle lock that ends a session.
 * LineupApplication creates it; windows and pages are handed it.
 */
#define G_LOG_DOMAIN "lineup-session"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-session.h"

struct _LineupSession
{
  GObject parent_instance;

  LineupDb  *db;
  char      *data_dir;
  GSettings *settings;

  LineupUser *user;
  char       *last_user_name;
  char       *lock_message;
  gint64      last_activity; /* monotonic µs */
  guint       idle_source;
};

G_DEFINE_FINAL_TYPE (LineupSession, lineup_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DB,
  PROP_DATA_DIR,
  PROP_SETTINGS,
  PROP_USER,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void arm_idle_timer (LineupSession *self);

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
  LineupSession *self = user_data;
  gint64         limit, idle;
  guint          seconds;

  self->idle_source = 0;
  if (self->user == NULL)
    return G_SOURCE_REMOVE;

  seconds = lineup_session_get_idle_lock_seconds (self);
  limit = (gint64)seconds * G_USEC_PER_SEC;
  idle = g_get_monotonic_time () - self->last_activity;
  if (idle >= limit)
    {
      g_info ("idle for %" G_GINT64_FORMAT " s: locking", idle / G_USEC_PER_SEC);
      lineup_session_lock (self, "session.idle_lock", idle_message (seconds));
      return G_SOURCE_REMOVE;
    }
  arm_idle_timer (self);
  return G_SOURCE_REMOVE;
}

/* One timer at the earliest moment the limit can be reached; when it fires
 * and there was activity meanwhile, it re-arms for the remainder. */
static void
arm_idle_timer (LineupSession *self)
{
  gint64 limit = (gint64)lineup_session_get_idle_lock_seconds (self) * G_USEC_PER_SEC;
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
      lineup_session_note_activity (LINEUP_SESSION (user_data));
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
lineup_session_constructed (GObject *object)
{
  LineupSession *self = LINEUP_SESSION (object);

  G_OBJECT_CLASS (lineup_session_parent_class)->constructed (object);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                             G_CALLBACK (arm_idle_timer), self, G_CONNECT_SWAPPED);
}

static void
lineup_session_finalize (GObject *object)
{
  LineupSession *self = LINEUP_SESSION (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->user);
  g_clear_pointer (&self->last_user_name, g_free);
  g_clear_pointer (&self->lock_message, g_free);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (lineup_session_parent_class)->finalize (object);
}

static void
lineup_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LineupSession *self = LINEUP_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LineupSession *self = LINEUP_SESSION (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_USER:
      lineup_session_set_user (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_session_class_init (LineupSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lineup_session_constructed;
  object_class->finalize = lineup_session_finalize;
  object_class->get_property = lineup_session_get_property;
  object_class->set_property = lineup_session_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, LINEUP_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, LINEUP_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_session_init (LineupSession *self)
{
}

LineupSession *
lineup_session_new (LineupDb   *db,
                    const char *data_dir,
                    GSettings  *settings)
{
  g_return_val_if_fail (LINEUP_IS_DB (db), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (LINEUP_TYPE_SESSION,
                       "db", db,
                       "data-dir", data_dir,
                       "settings", settings,
                       NULL);
}

LineupDb *
lineup_session_get_db (LineupSession *self)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (self), NULL);
  return self->db;
}

const char *
lineup_session_get_data_dir (LineupSession *self)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (self), NULL);
  return self->data_dir;
}

GSettings *
lineup_session_get_settings (LineupSession *self)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (self), NULL);
  return self->settings;
}

LineupUser *
lineup_session_get_user (LineupSession *self)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (self), NULL);
  return self->user;
}

void
lineup_session_set_user (LineupSession *self,
                         LineupUser    *user)
{
  g_return_if_fail (LINEUP_IS_SESSION (self));
  g_return_if_fail (user == NULL || LINEUP_IS_USER (user));

  if (!g_set_object (&self->user, user))
    return;
  if (user != NULL)
    {
      g_free (self->last_user_name);
      self->last_user_name = g_strdup (lineup_user_get_name (user));
      g_clear_pointer (&self->lock_message, g_free);
      lineup_session_note_activity (self);
      arm_idle_timer (self);
    }
  else
    g_clear_handle_id (&self->idle_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

void
lineup_session_get_detect_options (LineupSession       *self,
                                   LineupDetectOptions *options)
{
  g_return_if_fail (LINEUP_IS_SESSION (self));
  g_return_if_fail (options != NULL);

  lineup_detect_options_init_default (options);
  if (self->settings == NULL)
    return;
  options->detector = g_settings_get_enum (self->settings, "detector") == 1
                        ? LINEUP_SHIM_DETECTOR_BLAZEFACE
                        : LINEUP_SHIM_DETECTOR_HOG;
  options->upsample = g_settings_get_int (self->settings, "hog-upsample");
  options->jitter = g_settings_get_int (self->settings, "descriptor-jitter");
}

const char *
lineup_session_get_lock_message (LineupSession *self)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (self), NULL);
  return self->lock_message;
}

const char *
lineup_session_get_last_user_name (LineupSession *self)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (self), NULL);
  return self->last_user_name;
}

void
lineup_session_lock (LineupSession *self,
                     const char    *audit_action,
                     char          *message)
{
  g_autoptr(LineupUser) user = NULL;

  g_return_if_fail (LINEUP_IS_SESSION (self));

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
  lineup_session_set_user (self, NULL);
}

void
lineup_session_sign_out (LineupSession *self)
{
  g_return_if_fail (LINEUP_IS_SESSION (self));

  if (self->user == NULL)
    return;
  lineup_db_session_event (self->db, self->user, "session.sign_out");
  g_clear_pointer (&self->last_user_name, g_free);
  g_clear_pointer (&self->lock_message, g_free);
  lineup_session_set_user (self, NULL);
}

guint
lineup_session_get_idle_lock_seconds (LineupSession *self)
{
  const char *env = g_getenv ("LINEUP_IDLE_LOCK_SECONDS");
  guint64     seconds;

  g_return_val_if_fail (LINEUP_IS_SESSION (self), 600);

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &seconds, NULL))
    return seconds;
  if (self->settings == NULL)
    return 600;
  return 60 * MAX (1, g_settings_get_int (self->settings, "idle-lock-minutes"));
}

void
lineup_session_note_activity (LineupSession *self)
{
  g_return_if_fail (LINEUP_IS_SESSION (self));
  /* Only a timestamp: the timer compares against it when it fires, so a
   * stream of motion events costs nothing. */
  self->last_activity = g_get_monotonic_time ();
}

void
lineup_session_watch_activity (LineupSession *self,
                               GtkWidget     *window)
{
  GtkEventController *controller;

  g_return_if_fail (LINEUP_IS_SESSION (self));
  g_return_if_fail (GTK_IS_WIDGET (window));

  /* The capture phase sees every event before any child can claim it. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_input_event), self, 0);
  gtk_widget_add_controller (window, controller);
}
