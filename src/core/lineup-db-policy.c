/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-policy.c: the search policy settings and the offence
 * categories (database thread jobs); an administrator changes them, every
 * change audited. */
#define G_LOG_DOMAIN "lineup-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lineup-accounts.h"
#include "lineup-db-private.h"
#include "lineup-engine.h"
#include "lineup-error.h"

/* A setting or a category: who changes it, its key or code, the value or
 * label, and whether the category allows search. */
typedef struct
{
  LineupUser *actor;
  char       *name;
  char       *value;
  gboolean    flag;
} PolicyRequest;

static void
policy_request_free (PolicyRequest *d)
{
  g_clear_object (&d->actor);
  g_free (d->name);
  g_free (d->value);
  g_free (d);
}

static PolicyRequest *
policy_request_new (LineupUser *actor,
                    const char *name)
{
  PolicyRequest *d = g_new0 (PolicyRequest, 1);

  d->actor = actor ? g_object_ref (actor) : NULL;
  d->name = g_strdup (name);
  return d;
}

/* policy */

static const char *policy_keys[] = { "top_k_default", "top_k_cap", "threshold_default",
                                     "threshold_max", "include_excluded" };

static void
policy_defaults (LineupPolicy *p)
{
  p->top_k_default = 20;
  p->top_k_cap = 50;
  p->threshold_default = LINEUP_DEFAULT_THRESHOLD;
  p->threshold_max = 0;
  p->include_excluded = FALSE;
}

gboolean
lineup_db_policy_read (sqlite3      *conn,
                       LineupPolicy *p,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;

  policy_defaults (p);
  if (!(st = lineup_db_prepare (conn, "SELECT key, value FROM settings WHERE key LIKE 'policy.%'", error)))
    return FALSE;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *key = (const char *)sqlite3_column_text (st, 0) + strlen ("policy.");
      const char *value = (const char *)sqlite3_column_text (st, 1);

      if (strcmp (key, "top_k_default") == 0)
        p->top_k_default = (guint)g_ascii_strtoull (value, NULL, 10);
      else if (strcmp (key, "top_k_cap") == 0)
        p->top_k_cap = (guint)g_ascii_strtoull (value, NULL, 10);
      else if (strcmp (key, "threshold_default") == 0)
        p->threshold_default = g_ascii_strtod (value, NULL);
      else if (strcmp (key, "threshold_max") == 0)
        p->threshold_max = g_ascii_strtod (value, NULL);
      else if (strcmp (key, "include_excluded") == 0)
        p->include_excluded = strcmp (value, "1") == 0 || strcmp (value, "true") == 0;
    }
  p->top_k_default = MIN (p->top_k_default, p->top_k_cap);
  if (p->threshold_max > 0)
    p->threshold_default = MIN (p->threshold_default, p->threshold_max);
  return TRUE;
}

static void
policy_get_job (LineupDbThread *t,
                GTask          *task)
{
  LineupPolicy *p = g_new0 (LineupPolicy, 1);
  GError       *error = NULL;

  if (!lineup_db_require_open (t, task))
    {
      g_free (p);
      return;
    }
  if (!lineup_db_policy_read (t->conn, p, &error))
    {
      g_free (p);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, p, g_free);
}

gboolean
lineup_db_policy_get_sync (LineupDb     *db,
                           LineupPolicy *policy,
                           GError      **error)
{
  g_autofree LineupPolicy *p = lineup_db_run_sync (db, policy_get_job, NULL, NULL, error);

  if (p == NULL)
    return FALSE;
  *policy = *p;
  return TRUE;
}

void
lineup_db_policy_get_async (LineupDb           *db,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  lineup_db_run_async (db, policy_get_job, NULL, NULL, cancellable, callback, user_data);
}

gboolean
lineup_db_policy_get_finish (LineupDb     *db,
                             GAsyncResult *result,
                             LineupPolicy *policy,
                             GError      **error)
{
  g_autofree LineupPolicy *p = lineup_db_run_finish (db, result, error);

  if (p == NULL)
    return FALSE;
  *policy = *p;
  return TRUE;
}

static gboolean
policy_value_ok (const char *key,
                 const char *value,
                 GError    **error)
{
  char  *end = NULL;
  double v;

  if (g_strcmp0 (key, "include_excluded") == 0)
    {
      if (g_strcmp0 (value, "0") == 0 || g_strcmp0 (value, "1") == 0)
        return TRUE;
    }
  else if (value != NULL)
    {
      v = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0')
        {
          if (g_str_has_prefix (key, "top_k") && v >= 1 && v <= 1000 && v == (guint)v)
            return TRUE;
          if (g_str_has_prefix (key, "threshold") && v >= 0 && v <= 2)
            return TRUE;
        }
    }
  g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a valid value for the policy setting %s"), value ? value : "", key);
  return FALSE;
}

static void
policy_set_job (LineupDbThread *t,
                GTask          *task)
{
  PolicyRequest   *d = g_task_get_task_data (task);
  g_autofree char *key = g_strconcat ("policy.", d->name, NULL);
  g_autofree char *details = NULL;
  GError          *error = NULL;
  gboolean         known = FALSE;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_EDIT_POLICY, "policy", d->name))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (policy_keys); i++)
    known |= g_strcmp0 (d->name, policy_keys[i]) == 0;
  if (!known)
    {
      g_autofree char *all = g_strjoinv (", ", (char **)policy_keys);
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                               _("Unknown policy setting “%s” (known: %s)"), d->name, all);
      return;
    }
  if (!policy_value_ok (d->name, d->value, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  details = lineup_db_json_strings ("key", d->name, "value", d->value, NULL);
  if (lineup_db_audited_exec (t, task, d->actor, "policy.set", "policy", d->name, details,
                              "INSERT OR REPLACE INTO settings (key, value) VALUES (%Q, %Q)", key, d->value))
    g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

gboolean
lineup_db_policy_set_sync (LineupDb   *db,
                           LineupUser *actor,
                           const char *key,
                           const char *value,
                           GError    **error)
{
  PolicyRequest *d = policy_request_new (actor, key);

  d->value = g_strdup (value);
  return lineup_db_run_sync (db, policy_set_job, d, (GDestroyNotify)policy_request_free, error) != NULL;
}

void
lineup_db_policy_set_async (LineupDb           *db,
                            LineupUser         *actor,
                            const char         *key,
                            const char         *value,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  PolicyRequest *d = policy_request_new (actor, key);

  d->value = g_strdup (value);
  lineup_db_run_async (db, policy_set_job, d, (GDestroyNotify)policy_request_free, cancellable,
                       callback, user_data);
}

gboolean
lineup_db_policy_set_finish (LineupDb     *db,
                             GAsyncResult *result,
                             GError      **error)
{
  return lineup_db_run_finish (db, result, error) != NULL;
}

/* offence categories */

static void
offences_job (LineupDbThread *t,
              GTask          *task)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;

  if (!lineup_db_require_open (t, task))
    return;
  if (!(st = lineup_db_prepare (t->conn, "SELECT code, label, search_allowed FROM offence_categories ORDER BY label",
                                &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  json_builder_begin_array (b);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, (const char *)sqlite3_column_text (st, 0));
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, (const char *)sqlite3_column_text (st, 1));
      json_builder_set_member_name (b, "search_allowed");
      json_builder_add_boolean_value (b, sqlite3_column_int (st, 2) != 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  g_task_return_pointer (task, json_builder_get_root (b), (GDestroyNotify)json_node_unref);
}

JsonNode *
lineup_db_offences_list_sync (LineupDb *db,
                              GError  **error)
{
  return lineup_db_run_sync (db, offences_job, NULL, NULL, error);
}

void
lineup_db_offences_list_async (LineupDb           *db,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  lineup_db_run_async (db, offences_job, NULL, NULL, cancellable, callback, user_data);
}

JsonNode *
lineup_db_offences_list_finish (LineupDb     *db,
                                GAsyncResult *result,
                                GError      **error)
{
  return lineup_db_run_finish (db, result, error);
}

static void
offence_set_job (LineupDbThread *t,
                 GTask          *task)
{
  PolicyRequest   *d = g_task_get_task_data (task);
  g_autofree char *details = NULL;

  if (!lineup_db_authorize_task (t, task, d->actor, LINEUP_PERMISSION_EDIT_POLICY, "offence", d->name))
    return;
  if (d->name == NULL || !g_regex_match_simple ("^[a-z0-9_]{1,40}$", d->name, 0, 0) ||
      d->value == NULL || *g_strstrip (d->value) == '\0')
    {
      g_task_return_new_error (task, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                               _("An offence category needs a code (lower-case letters, digits, _) and a label"));
      return;
    }
  details = lineup_db_json_strings ("code", d->name, "label", d->value,
                                    "search_allowed", d->flag ? "true" : "false", NULL);
  if (lineup_db_audited_exec (t, task, d->actor, "policy.offence", "offence", d->name, details,
                              "INSERT INTO offence_categories (code, label, search_allowed) VALUES (%Q, %Q, %d)"
                              " ON CONFLICT (code) DO UPDATE SET label = excluded.label,"
                              " search_allowed = excluded.search_allowed",
                              d->name, d->value, d->flag ? 1 : 0))
    g_task_return_pointer (task, GINT_TO_POINTER (1), NULL);
}

gboolean
lineup_db_offence_set_sync (LineupDb   *db,
                            LineupUser *actor,
                            const char *code,
                            const char *label,
                            gboolean    search_allowed,
                            GError    **error)
{
  PolicyRequest *d = policy_request_new (actor, code);

  d->value = g_strdup (label);
  d->flag = search_allowed;
  return lineup_db_run_sync (db, offence_set_job, d, (GDestroyNotify)policy_request_free, error) != NULL;
}

void
lineup_db_offence_set_async (LineupDb           *db,
                             LineupUser         *actor,
                             const char         *code,
                             const char         *label,
                             gboolean            search_allowed,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  PolicyRequest *d = policy_request_new (actor, code);

  d->value = g_strdup (label);
  d->flag = search_allowed;
  lineup_db_run_async (db, offence_set_job, d, (GDestroyNotify)policy_request_free, cancellable,
                       callback, user_data);
}

gboolean
lineup_db_offence_set_finish (LineupDb     *db,
                              GAsyncResult *result,
                              GError      **error)
{
  return lineup_db_run_finish (db, result, error) != NULL;
}
