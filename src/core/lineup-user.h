/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-user.h: who is acting, and what their roles let them do.
 *
 * A LineupUser is only handed out by signing in (or by creating the first
 * administrator); every core operation that reads personal data or changes
 * anything takes one, and the database thread checks it again against the
 * users table at the time of the call, so a disabled account or a removed
 * role takes effect at once.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum /*< flags >*/
{
  LINEUP_ROLE_NONE = 0,
  LINEUP_ROLE_CLERK = 1 << 0,
  LINEUP_ROLE_DETECTIVE = 1 << 1,
  LINEUP_ROLE_SUPERVISOR = 1 << 2,
  LINEUP_ROLE_ADMINISTRATOR = 1 << 3,
} LineupRoles;

/* Operations the core guards. Keep lineup_permission_to_string in step. */
typedef enum
{
  LINEUP_PERMISSION_VIEW_GALLERY,  /* list and view bookings */
  LINEUP_PERMISSION_IMPORT,        /* import booking photos */
  LINEUP_PERMISSION_PURGE,         /* purge a booking */
  LINEUP_PERMISSION_CASE,          /* open cases, load and edit probes */
  LINEUP_PERMISSION_SEARCH,        /* search the gallery */
  LINEUP_PERMISSION_DECIDE,        /* record decisions on candidates */
  LINEUP_PERMISSION_REVIEW,        /* approve or reject possible leads */
  LINEUP_PERMISSION_VIEW_AUDIT,    /* read and export the audit log */
  LINEUP_PERMISSION_MANAGE_USERS,  /* add, disable accounts */
  LINEUP_PERMISSION_EDIT_POLICY,   /* offence categories, search limits */
  LINEUP_PERMISSION_EXPORT_REPORT, /* lead reports and disclosure packages */
  LINEUP_N_PERMISSIONS
} LineupPermission;

const char *lineup_permission_to_string (LineupPermission permission);
/* The roles that grant permission (any one suffices). */
LineupRoles lineup_permission_roles (LineupPermission permission);
gboolean    lineup_roles_allow (LineupRoles      roles,
                                LineupPermission permission);

/* "clerk", "detective supervisor", …; parse accepts commas or spaces. */
char       *lineup_roles_to_string (LineupRoles roles);
gboolean    lineup_roles_from_string (const char  *text,
                                      LineupRoles *roles,
                                      GError     **error);
const char *lineup_role_label (LineupRoles role);

#define LINEUP_TYPE_USER (lineup_user_get_type ())
G_DECLARE_FINAL_TYPE (LineupUser, lineup_user, LINEUP, USER, GObject)

/* Properties: "id", "name", "display-name", "roles". Immutable. */
gint64      lineup_user_get_id (LineupUser *self);
const char *lineup_user_get_name (LineupUser *self);
const char *lineup_user_get_display_name (LineupUser *self);
LineupRoles lineup_user_get_roles (LineupUser *self);
gboolean    lineup_user_can (LineupUser      *self,
                             LineupPermission permission);

/* Passwords: argon2id through libsodium's crypto_pwhash_str. */
#define LINEUP_PASSWORD_MIN_LENGTH 8
char    *lineup_password_hash (const char *password,
                               GError    **error);
gboolean lineup_password_verify (const char *hash,
                                 const char *password);
gboolean lineup_password_check_policy (const char *password,
                                       GError    **error);

/* Internal to the core (the database thread builds users from rows). */
LineupUser *lineup_user_new (gint64      id,
                             const char *name,
                             const char *display_name,
                             LineupRoles roles);

G_END_DECLS
