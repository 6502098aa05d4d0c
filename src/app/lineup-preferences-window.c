/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-preferences-window.c: detector, matching and review settings,
 * bound straight to GSettings; for administrators also the accounts and the
 * search policy, which live in the database and change on its thread. */
#define G_LOG_DOMAIN "lineup-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-app-util.h"
#include "lineup-json-item.h"
#include "lineup-preferences-window.h"

struct _LineupPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  LineupSession *session; /* construct-only */
  GSettings     *settings;
  LineupDb      *db;
  LineupUser    *user;
  GCancellable  *cancellable;
  GListStore    *accounts;
  GListStore    *offences;
  guint          pending; /* jobs running, for tests */

  AdwComboRow        *detector_row;
  GtkSpinButton      *upsample_spin;
  GtkSpinButton      *jitter_spin;
  GtkSpinButton      *threshold_spin;
  GtkLabel           *similarity_label;
  GtkSwitch          *blind_switch;
  AdwPreferencesPage *accounts_page;
  GtkListBox         *accounts_list;
  AdwEntryRow        *add_name_row;
  AdwEntryRow        *add_display_row;
  AdwEntryRow        *add_password_row;
  GtkCheckButton     *add_clerk_check;
  GtkCheckButton     *add_detective_check;
  GtkCheckButton     *add_supervisor_check;
  GtkCheckButton     *add_administrator_check;
  GtkLabel           *add_error_label;
  GtkSpinButton      *idle_spin;
  AdwPreferencesPage *policy_page;
  GtkSpinButton      *top_k_spin;
  GtkSpinButton      *threshold_max_spin;
  GtkListBox         *offences_list;
  AdwEntryRow        *offence_code_row;
  AdwEntryRow        *offence_label_row;
  GtkSwitch          *offence_allowed_switch;
  GtkLabel           *offence_error_label;
};

G_DEFINE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo lists detectors in the enum's order (hog, blazeface). */
static gboolean
detector_get (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "blazeface"));
  return TRUE;
}

static GVariant *
detector_set (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "blazeface" : "hog");
}

static void
update_similarity_label (LineupPreferencesWindow *self)
{
  double           t = gtk_spin_button_get_value (self->threshold_spin);
  g_autofree char *text = g_strdup_printf (
    _("Candidates closer than %.2f are shown. Similarity is shown as 1 − distance ÷ 1.2: "
      "%.0f %% at this threshold, 100 %% for identical descriptors. It is not a probability "
      "of identity."),
    t, 100.0 * CLAMP (1.0 - t / 1.2, 0.0, 1.0));

  gtk_label_set_text (self->similarity_label, text);
}

/* Database work off the main thread. The _sync calls queue onto the
 * database thread and wait there, so a worker thread runs them; the main
 * loop never blocks on password hashing or the audit chain. */
typedef enum
{
  JOB_DISABLE_USER,
  JOB_ADD_USER,
  JOB_LOAD_POLICY,
  JOB_SAVE_POLICY,
  JOB_LOAD_OFFENCES,
  JOB_SET_OFFENCE,
} JobKind;

typedef struct _Job Job;

/* A job's outcome in the window: value is what it returned (the loads'
 * results belong to the callee), or NULL with error set. */
typedef void (*JobDone) (LineupPreferencesWindow *self,
                         Job                     *job,
                         gpointer                 value,
                         const GError            *error);

struct _Job
{
  JobKind                  kind;
  JobDone                  done;
  LineupPreferencesWindow *self;
  LineupDb                *db;
  LineupUser              *actor;
  char                    *a; /* user name / offence code / top_k_cap */
  char                    *b; /* display name / offence label / threshold_max */
  char                    *c; /* password */
  LineupRoles              roles;
  gboolean                 flag;      /* disabled / search allowed */
  gboolean                 from_form; /* its refusal shows under the form */
  gboolean                 chained;   /* the second half of a save is running */
};

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->db);
  g_clear_object (&job->actor);
  g_free (job->a);
  g_free (job->b);
  if (job->c != NULL)
    memset (job->c, 0, strlen (job->c));
  g_free (job->c);
  g_free (job);
}

static Job *
job_new (LineupPreferencesWindow *self,
         JobKind                  kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->db = g_object_ref (self->db);
  job->actor = self->user != NULL ? g_object_ref (self->user) : NULL;
  return job;
}

/* What a finished job hands to its done function: the loads' results, or
 * TRUE for the jobs that return nothing (so NULL always means an error). */
static gpointer
job_finish (Job          *job,
            GAsyncResult *result,
            GError      **error)
{
  switch (job->kind)
    {
    case JOB_DISABLE_USER:
      return lineup_db_user_disable_finish (job->db, result, error) ? GINT_TO_POINTER (TRUE) : NULL;
    case JOB_ADD_USER:
      {
        g_autoptr(LineupUser) added = lineup_db_user_add_finish (job->db, result, error);

        return added != NULL ? GINT_TO_POINTER (TRUE) : NULL;
      }
    case JOB_LOAD_POLICY:
      {
        g_autofree LineupPolicy *policy = g_new0 (LineupPolicy, 1);

        if (!lineup_db_policy_get_finish (job->db, result, policy, error))
          return NULL;
        return g_steal_pointer (&policy);
      }
    case JOB_SAVE_POLICY:
      return lineup_db_policy_set_finish (job->db, result, error) ? GINT_TO_POINTER (TRUE) : NULL;
    case JOB_LOAD_OFFENCES:
      return lineup_db_offences_list_finish (job->db, result, error);
    case JOB_SET_OFFENCE:
      return lineup_db_offence_set_finish (job->db, result, error) ? GINT_TO_POINTER (TRUE) : NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
job_ready (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job                     *job = user_data;
  LineupPreferencesWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  gpointer value = job_finish (job, result, &error);

  /* A policy is saved as two settings, the second after the first; like
   * every write here it completes even if the window closes meanwhile. */
  if (job->kind == JOB_SAVE_POLICY && value != NULL && !job->chained)
    {
      job->chained = TRUE;
      lineup_db_policy_set_async (job->db, job->actor, "threshold_max", job->b, NULL, job_ready,
                                  job);
      return;
    }
  self->pending--;
  /* The window is going away (disposed: no cancellable left): drop what a
   * load returned; a write has completed all the same. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      if (value != NULL && job->kind == JOB_LOAD_POLICY)
        g_free (value);
      else if (value != NULL && job->kind == JOB_LOAD_OFFENCES)
        json_node_unref (value);
    }
  else
    job->done (self, job, value, error);
  job_free (job);
}

static void
run_job (LineupPreferencesWindow *self,
         Job                     *job,
         JobDone                  done)
{
  job->done = done;
  job->self = g_object_ref (self);
  self->pending++;
  /* Only reads are cancelled when the window goes away: a write the
   * administrator asked for (and its audit entry) always completes. */
  switch (job->kind)
    {
    case JOB_DISABLE_USER:
      lineup_db_user_disable_async (job->db, job->actor, job->a, job->flag, NULL, job_ready, job);
      break;
    case JOB_ADD_USER:
      lineup_db_user_add_async (job->db, job->actor, job->a, job->b, job->roles, job->c, NULL,
                                job_ready, job);
      break;
    case JOB_LOAD_POLICY:
      lineup_db_policy_get_async (job->db, self->cancellable, job_ready, job);
      break;
    case JOB_SAVE_POLICY:
      lineup_db_policy_set_async (job->db, job->actor, "top_k_cap", job->a, NULL, job_ready, job);
      break;
    case JOB_LOAD_OFFENCES:
      lineup_db_offences_list_async (job->db, self->cancellable, job_ready, job);
      break;
    case JOB_SET_OFFENCE:
      lineup_db_offence_set_async (job->db, job->actor, job->a, job->b, job->flag, NULL,
                                   job_ready, job);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
toast_error (LineupPreferencesWindow *self,
             const GError            *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* Both lists here are rows with a switch at the end: an account enabled, a
 * category open to searches. The item rides on the switch for changed (). */
static GtkWidget *
switch_row_new (LineupPreferencesWindow *self,
                LineupJsonItem          *item,
                const char              *name,
                gboolean                 active,
                const char              *tooltip,
                GCallback                changed)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lineup_json_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lineup_json_item_get_subtitle (item));
  gtk_widget_set_name (row, name);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_tooltip_text (sw, tooltip);
  g_object_set_data_full (G_OBJECT (sw), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (sw, "notify::active", changed, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  return row;
}

/* A list's items, replaced by one per object of a listing. */
static void
store_replace (GListStore *store,
               JsonNode   *list,
               LineupJsonItem *(*item_new) (JsonObject *object))
{
  JsonArray *array = json_node_get_array (list);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (items, item_new (json_array_get_object_element (array, i)));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata,
                       items->len);
}

/* Accounts */

static void load_accounts (LineupPreferencesWindow *self);

static void
disable_done (LineupPreferencesWindow *self,
              Job                     *job,
              gpointer                 value,
              const GError            *error)
{
  if (value == NULL)
    toast_error (self, error);
  /* Either way the list shows what the database now holds. */
  load_accounts (self);
}

static void
on_enabled_changed (GtkSwitch               *sw,
                    GParamSpec              *pspec,
                    LineupPreferencesWindow *self)
{
  LineupJsonItem *item = g_object_get_data (G_OBJECT (sw), "item");
  gboolean        enabled = gtk_switch_get_active (sw);
  Job            *job;

  if (enabled == !lineup_json_item_get_boolean (item, "disabled"))
    return;
  job = job_new (self, JOB_DISABLE_USER);
  job->a = g_strdup (lineup_json_item_get_string (item, "name"));
  job->flag = !enabled;
  gtk_widget_set_sensitive (GTK_WIDGET (sw), FALSE);
  run_job (self, job, disable_done);
}

/* An account as its row shows it: the display name, then the user name,
 * the roles, and whether it is disabled or locked after failed sign-ins. */
static LineupJsonItem *
account_item_new (JsonObject *o)
{
  const char      *name = lineup_json_get_string (o, "name");
  const char      *display = lineup_json_get_string (o, "display_name");
  const char      *locked = lineup_json_get_string (o, "locked_until");
  LineupRoles      roles;
  g_autofree char *roles_label = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (!lineup_roles_from_string (lineup_json_get_string (o, "roles"), &roles, NULL))
    roles = LINEUP_ROLE_NONE;
  roles_label = lineup_app_roles_label (roles);
  g_string_append_printf (subtitle, "%s · %s", name, roles_label);
  if (lineup_json_get_boolean (o, "disabled"))
    g_string_append_printf (subtitle, " · %s", _("Disabled"));
  if (*locked != '\0')
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (locked, utc);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      /* A lock that already ran out is no lock. */
      if (until != NULL && g_date_time_compare (until, now) > 0)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (until);
          g_autofree char *time = g_date_time_format (local, "%X");
          gint64           failures = lineup_json_get_int (o, "failed_signins");

          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle,
                                  ngettext ("Locked until %s after %" G_GINT64_FORMAT
                                            " failed sign-in",
                                            "Locked until %s after %" G_GINT64_FORMAT
                                            " failed sign-ins",
                                            failures),
                                  time, failures);
        }
    }
  return lineup_json_item_new (o, *display ? display : name, subtitle->str);
}

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  LineupPreferencesWindow *self = user_data;
  const char              *name = lineup_json_item_get_string (item, "name");
  GtkWidget               *row = switch_row_new (self, item, name,
                                                 !lineup_json_item_get_boolean (item, "disabled"),
                                                 _("Account enabled"), G_CALLBACK (on_enabled_changed));

  /* Locking oneself out of the only administrator account helps no one. */
  gtk_widget_set_sensitive (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)),
                            self->user == NULL || g_strcmp0 (name, lineup_user_get_name (self->user)) != 0);
  return row;
}

static void
accounts_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LineupPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = lineup_db_user_list_finish (LINEUP_DB (source), result, &error);

  self->pending--;
  if (self->accounts == NULL)
    return;
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, error);
      return;
    }
  store_replace (self->accounts, list, account_item_new);
}

static void
load_accounts (LineupPreferencesWindow *self)
{
  self->pending++;
  lineup_db_user_list_async (self->db, self->user, self->cancellable, accounts_ready,
                             g_object_ref (self));
}

static void
add_done (LineupPreferencesWindow *self,
          Job                     *job,
          gpointer                 value,
          const GError            *error)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-account", TRUE);
  if (value == NULL)
    {
      lineup_app_show_inline_error (self->add_error_label, error->message);
      return;
    }
  lineup_app_show_inline_error (self->add_error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->add_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_display_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_password_row), "");
  gtk_check_button_set_active (self->add_clerk_check, FALSE);
  gtk_check_button_set_active (self->add_detective_check, FALSE);
  gtk_check_button_set_active (self->add_supervisor_check, FALSE);
  gtk_check_button_set_active (self->add_administrator_check, FALSE);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Account added")));
  load_accounts (self);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (widget);
  g_autofree char         *name = lineup_app_dup_entry_text (GTK_EDITABLE (self->add_name_row));
  g_autofree char         *display = lineup_app_dup_entry_text (GTK_EDITABLE (self->add_display_row));
  const char              *password = gtk_editable_get_text (GTK_EDITABLE (self->add_password_row));
  g_autoptr(GError) error = NULL;
  LineupRoles roles = lineup_app_checked_roles (self->add_clerk_check, self->add_detective_check,
                                                self->add_supervisor_check,
                                                self->add_administrator_check);
  const char *problem = NULL;
  Job        *job;

  if (*name == '\0')
    problem = _("Enter a user name.");
  else if (roles == LINEUP_ROLE_NONE)
    problem = _("Choose at least one role.");
  else if (!lineup_password_check_policy (password, &error))
    problem = error->message;
  lineup_app_show_inline_error (self->add_error_label, problem);
  if (problem != NULL)
    return;

  job = job_new (self, JOB_ADD_USER);
  job->a = g_steal_pointer (&name);
  job->b = *display != '\0' ? g_steal_pointer (&display) : g_strdup (job->a);
  job->c = g_strdup (password);
  job->roles = roles;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-account", FALSE);
  run_job (self, job, add_done);
}

/* Policy */

static void load_offences (LineupPreferencesWindow *self);

static void
policy_loaded (LineupPreferencesWindow *self,
               Job                     *job,
               gpointer                 value,
               const GError            *error)
{
  g_autofree LineupPolicy *policy = value;

  if (policy == NULL)
    {
      toast_error (self, error);
      return;
    }
  gtk_spin_button_set_value (self->top_k_spin, policy->top_k_cap);
  gtk_spin_button_set_value (self->threshold_max_spin, policy->threshold_max);
}

static void
policy_saved (LineupPreferencesWindow *self,
              Job                     *job,
              gpointer                 value,
              const GError            *error)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.save-policy", TRUE);
  if (value == NULL)
    toast_error (self, error);
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("Search limits saved")));
  run_job (self, job_new (self, JOB_LOAD_POLICY), policy_loaded);
}

static void
save_policy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (widget);
  Job                     *job = job_new (self, JOB_SAVE_POLICY);
  char                     buf[G_ASCII_DTOSTR_BUF_SIZE];

  job->a = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->top_k_spin));
  job->b = g_strdup (g_ascii_dtostr (buf, sizeof buf,
                                     gtk_spin_button_get_value (self->threshold_max_spin)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.save-policy", FALSE);
  run_job (self, job, policy_saved);
}

static void
offence_set_done (LineupPreferencesWindow *self,
                  Job                     *job,
                  gpointer                 value,
                  const GError            *error)
{
  gboolean from_form = job->from_form;

  if (value == NULL && from_form)
    lineup_app_show_inline_error (self->offence_error_label, error->message);
  else if (value == NULL)
    toast_error (self, error);
  else if (from_form)
    {
      lineup_app_show_inline_error (self->offence_error_label, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->offence_code_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->offence_label_row), "");
    }
  load_offences (self);
}

static void
on_search_allowed_changed (GtkSwitch               *sw,
                           GParamSpec              *pspec,
                           LineupPreferencesWindow *self)
{
  LineupJsonItem *item = g_object_get_data (G_OBJECT (sw), "item");
  Job            *job;

  if (gtk_switch_get_active (sw) == lineup_json_item_get_boolean (item, "search_allowed"))
    return;
  job = job_new (self, JOB_SET_OFFENCE);
  job->a = g_strdup (lineup_json_item_get_string (item, "code"));
  job->b = g_strdup (lineup_json_item_get_string (item, "label"));
  job->flag = gtk_switch_get_active (sw);
  gtk_widget_set_sensitive (GTK_WIDGET (sw), FALSE);
  run_job (self, job, offence_set_done);
}

static LineupJsonItem *
offence_item_new (JsonObject *o)
{
  return lineup_json_item_new (o, lineup_json_get_string (o, "label"),
                               lineup_json_get_string (o, "code"));
}

static GtkWidget *
create_offence_row (gpointer item,
                    gpointer user_data)
{
  return switch_row_new (user_data, item, lineup_json_item_get_string (item, "code"),
                         lineup_json_item_get_boolean (item, "search_allowed"),
                         _("Searches allowed"), G_CALLBACK (on_search_allowed_changed));
}

static void
offences_loaded (LineupPreferencesWindow *self,
                 Job                     *job,
                 gpointer                 value,
                 const GError            *error)
{
  g_autoptr(JsonNode) list = value;

  if (list == NULL)
    {
      toast_error (self, error);
      return;
    }
  store_replace (self->offences, list, offence_item_new);
}

static void
load_offences (LineupPreferencesWindow *self)
{
  run_job (self, job_new (self, JOB_LOAD_OFFENCES), offences_loaded);
}

static void
add_offence_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (widget);
  g_autofree char         *code = lineup_app_dup_entry_text (GTK_EDITABLE (self->offence_code_row));
  g_autofree char         *label = lineup_app_dup_entry_text (GTK_EDITABLE (self->offence_label_row));
  Job                     *job;

  if (*code == '\0' || *label == '\0')
    {
      lineup_app_show_inline_error (self->offence_error_label,
                                    _("Enter both a code and a label for the category."));
      return;
    }
  job = job_new (self, JOB_SET_OFFENCE);
  job->a = g_steal_pointer (&code);
  job->b = g_steal_pointer (&label);
  job->flag = gtk_switch_get_active (self->offence_allowed_switch);
  job->from_form = TRUE;
  run_job (self, job, offence_set_done);
}

static void
lineup_preferences_window_dispose (GObject *object)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  g_clear_object (&self->user);
  g_clear_object (&self->accounts);
  g_clear_object (&self->offences);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (lineup_preferences_window_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_preferences_window_constructed (GObject *object)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);
  GSettings               *settings;

  G_OBJECT_CLASS (lineup_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  settings = lineup_session_get_settings (self->session);
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "detector", self->detector_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, detector_get, detector_set, NULL, NULL);
  g_settings_bind (settings, "hog-upsample", self->upsample_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "descriptor-jitter", self->jitter_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "match-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "blind-mode", self->blind_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->threshold_spin, "value-changed",
                            G_CALLBACK (update_similarity_label), self);
  g_settings_bind (settings, "idle-lock-minutes", self->idle_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  update_similarity_label (self);

  /* Accounts and policy are for administrators only; the core checks the
   * role again on every call. */
  self->db = g_object_ref (lineup_session_get_db (self->session));
  g_set_object (&self->user, lineup_session_get_user (self->session));
  if (self->user != NULL && lineup_user_can (self->user, LINEUP_PERMISSION_MANAGE_USERS))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->accounts_page), TRUE);
      load_accounts (self);
    }
  if (self->user != NULL && lineup_user_can (self->user, LINEUP_PERMISSION_EDIT_POLICY))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->policy_page), TRUE);
      run_job (self, job_new (self, JOB_LOAD_POLICY), policy_loaded);
      load_offences (self);
    }
}

/* The session outlives dispose: callbacks still running may read it. */
static void
lineup_preferences_window_finalize (GObject *object)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (lineup_preferences_window_parent_class)->finalize (object);
}

static void
lineup_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);

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
lineup_preferences_window_class_init (LineupPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_preferences_window_dispose;
  object_class->constructed = lineup_preferences_window_constructed;
  object_class->finalize = lineup_preferences_window_finalize;
  object_class->get_property = lineup_preferences_window_get_property;
  object_class->set_property = lineup_preferences_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lineup/Lineup/lineup-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, detector_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, upsample_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, jitter_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, similarity_label);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, blind_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, add_name_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, add_display_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, add_password_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, add_clerk_check);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, add_detective_check);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow,
                                        add_supervisor_check);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow,
                                        add_administrator_check);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, policy_page);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, top_k_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, threshold_max_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, offences_list);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, offence_code_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, offence_label_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow,
                                        offence_allowed_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, offence_error_label);

  gtk_widget_class_install_action (widget_class, "prefs.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "prefs.save-policy", NULL, save_policy_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-offence", NULL, add_offence_action);
}

static void
lineup_preferences_window_init (LineupPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->accounts = g_list_store_new (LINEUP_TYPE_JSON_ITEM);
  self->offences = g_list_store_new (LINEUP_TYPE_JSON_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->accounts_list, G_LIST_MODEL (self->accounts), create_account_row,
                           self, NULL);
  gtk_list_box_bind_model (self->offences_list, G_LIST_MODEL (self->offences), create_offence_row,
                           self, NULL);
}

LineupPreferencesWindow *
lineup_preferences_window_new (GtkWindow     *parent,
                               LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "session", session,
                       NULL);
}

GListModel *
lineup_preferences_window_get_accounts (LineupPreferencesWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_WINDOW (self), NULL);
  return G_LIST_MODEL (self->accounts);
}

GListModel *
lineup_preferences_window_get_offences (LineupPreferencesWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_WINDOW (self), NULL);
  return G_LIST_MODEL (self->offences);
}

guint
lineup_preferences_window_get_pending (LineupPreferencesWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_WINDOW (self), 0);
  return self->pending;
}
