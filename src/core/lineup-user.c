/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-user.c: the acting user, roles and permissions, password hashing. */
#define G_LOG_DOMAIN "lineup-user"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "lineup-error.h"
#include "lineup-user.h"

/* permissions */

static const struct
{
  const char *name;
  LineupRoles roles;
} permissions[LINEUP_N_PERMISSIONS] = {
  [LINEUP_PERMISSION_VIEW_GALLERY] = { "view_gallery", LINEUP_ROLE_CLERK | LINEUP_ROLE_DETECTIVE | LINEUP_ROLE_SUPERVISOR },
  [LINEUP_PERMISSION_IMPORT] = { "import", LINEUP_ROLE_CLERK },
  [LINEUP_PERMISSION_PURGE] = { "purge", LINEUP_ROLE_CLERK },
  [LINEUP_PERMISSION_CASE] = { "case", LINEUP_ROLE_DETECTIVE | LINEUP_ROLE_SUPERVISOR },
  [LINEUP_PERMISSION_SEARCH] = { "search", LINEUP_ROLE_DETECTIVE | LINEUP_ROLE_SUPERVISOR },
  [LINEUP_PERMISSION_DECIDE] = { "decide", LINEUP_ROLE_DETECTIVE | LINEUP_ROLE_SUPERVISOR },
  [LINEUP_PERMISSION_REVIEW] = { "review", LINEUP_ROLE_SUPERVISOR },
  [LINEUP_PERMISSION_VIEW_AUDIT] = { "view_audit", LINEUP_ROLE_SUPERVISOR | LINEUP_ROLE_ADMINISTRATOR },
  [LINEUP_PERMISSION_MANAGE_USERS] = { "manage_users", LINEUP_ROLE_ADMINISTRATOR },
  [LINEUP_PERMISSION_EDIT_POLICY] = { "edit_policy", LINEUP_ROLE_ADMINISTRATOR },
  [LINEUP_PERMISSION_EXPORT_REPORT] = { "export_report", LINEUP_ROLE_DETECTIVE | LINEUP_ROLE_SUPERVISOR },
};

const char *
lineup_permission_to_string (LineupPermission permission)
{
  g_return_val_if_fail (permission < LINEUP_N_PERMISSIONS, "unknown");
  return permissions[permission].name;
}

LineupRoles
lineup_permission_roles (LineupPermission permission)
{
  g_return_val_if_fail (permission < LINEUP_N_PERMISSIONS, LINEUP_ROLE_NONE);
  return permissions[permission].roles;
}

gboolean
lineup_roles_allow (LineupRoles      roles,
                    LineupPermission permission)
{
  return (roles & lineup_permission_roles (permission)) != 0;
}

static const struct
{
  LineupRoles role;
  const char *name;
  const char *label;
} role_names[] = {
  { LINEUP_ROLE_CLERK, "clerk", N_("Clerk") },
  { LINEUP_ROLE_DETECTIVE, "detective", N_("Detective") },
  { LINEUP_ROLE_SUPERVISOR, "supervisor", N_("Supervisor") },
  { LINEUP_ROLE_ADMINISTRATOR, "administrator", N_("Administrator") },
};

char *
lineup_roles_to_string (LineupRoles roles)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (roles & role_names[i].role)
      {
        if (s->len > 0)
          g_string_append_c (s, ' ');
        g_string_append (s, role_names[i].name);
      }
  return g_string_free (s, FALSE);
}

gboolean
lineup_roles_from_string (const char  *text,
                          LineupRoles *roles,
                          GError     **error)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[\\s,]+", text ? text : "", 0, 0);
  LineupRoles out = LINEUP_ROLE_NONE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (*parts[i] == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (role_names); j++)
        if (g_ascii_strcasecmp (parts[i], role_names[j].name) == 0)
          {
            out |= role_names[j].role;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                       _("Unknown role “%s” (roles: clerk, detective, supervisor, administrator)"),
                       parts[i]);
          return FALSE;
        }
    }
  *roles = out;
  return TRUE;
}

const char *
lineup_role_label (LineupRoles role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (role == role_names[i].role)
      return _(role_names[i].label);
  return "";
}

/* the user object */

struct _LineupUser
{
  GObject     parent_instance;
  gint64      id;
  char       *name;
  char       *display_name;
  LineupRoles roles;
};

G_DEFINE_FINAL_TYPE (LineupUser, lineup_user, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_ROLES,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_user_finalize (GObject *object)
{
  LineupUser *self = LINEUP_USER (object);

  g_free (self->name);
  g_free (self->display_name);
  G_OBJECT_CLASS (lineup_user_parent_class)->finalize (object);
}

static void
lineup_user_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LineupUser *self = LINEUP_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, lineup_user_get_display_name (self));
      break;
    case PROP_ROLES:
      g_value_set_uint (value, self->roles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_user_class_init (LineupUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_user_finalize;
  object_class->get_property = lineup_user_get_property;
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLES] = g_param_spec_uint ("roles", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_user_init (LineupUser *self)
{
}

LineupUser *
lineup_user_new (gint64      id,
                 const char *name,
                 const char *display_name,
                 LineupRoles roles)
{
  LineupUser *self = g_object_new (LINEUP_TYPE_USER, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->display_name = g_strdup (display_name);
  self->roles = roles;
  return self;
}

gint64
lineup_user_get_id (LineupUser *self)
{
  g_return_val_if_fail (LINEUP_IS_USER (self), 0);
  return self->id;
}

const char *
lineup_user_get_name (LineupUser *self)
{
  g_return_val_if_fail (LINEUP_IS_USER (self), NULL);
  return self->name;
}

const char *
lineup_user_get_display_name (LineupUser *self)
{
  g_return_val_if_fail (LINEUP_IS_USER (self), NULL);
  return self->display_name && *self->display_name ? self->display_name : self->name;
}

LineupRoles
lineup_user_get_roles (LineupUser *self)
{
  g_return_val_if_fail (LINEUP_IS_USER (self), LINEUP_ROLE_NONE);
  return self->roles;
}

gboolean
lineup_user_can (LineupUser      *self,
                 LineupPermission permission)
{
  return self != NULL && lineup_roles_allow (self->roles, permission);
}

/* passwords */

static gboolean
sodium_ready (GError **error)
{
  static gsize done = 0;
  static int   rc = 0;

  if (g_once_init_enter (&done))
    {
      rc = sodium_init ();
      g_once_init_leave (&done, 1);
    }
  if (rc < 0)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_FAILED,
                           _("The cryptography library could not start"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_password_check_policy (const char *password,
                              GError    **error)
{
  if (password == NULL || g_utf8_strlen (password, -1) < LINEUP_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY,
                   _("A password needs at least %d characters"), LINEUP_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  return TRUE;
}

/* argon2id with libsodium's "interactive" limits (64 MiB, 2 passes): about
 * 0.1 s here, slow enough to make guessing a stolen file expensive. The
 * parameters are stored in the hash, so they can be raised later. */
char *
lineup_password_hash (const char *password,
                      GError    **error)
{
  char out[crypto_pwhash_STRBYTES];

  if (!sodium_ready (error) || !lineup_password_check_policy (password, error))
    return NULL;
  if (crypto_pwhash_str_alg (out, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_FAILED,
                           _("Out of memory while hashing the password"));
      return NULL;
    }
  return g_strdup (out);
}

gboolean
lineup_password_verify (const char *hash,
                        const char *password)
{
  if (hash == NULL || password == NULL || !sodium_ready (NULL))
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}
