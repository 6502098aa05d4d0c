/* lineup-account-item.c: one account of the administrator's list. */
#define G_LOG_DOMAIN "lineup-accounts"

#include "config.h"

#include "lineup-account-item.h"

struct _LineupAccountItem
{
  GObject      parent_instance;

  char        *name;
  char        *display_name;
  LineupRoles  roles;
  gboolean     disabled;
  GDateTime   *locked_until;
  gint64       failed_signins;
};

G_DEFINE_FINAL_TYPE (LineupAccountItem, lineup_account_item, G_TYPE_OBJECT)

static void
lineup_account_item_finalize (GObject *object)
{
  LineupAccountItem *self = LINEUP_ACCOUNT_ITEM (object);

  g_free (self->name);
  g_free (self->display_name);
  g_clear_pointer (&self->locked_until, g_date_time_unref);
  G_OBJECT_CLASS (lineup_account_item_parent_class)->finalize (object);
}

static void
lineup_account_item_class_init (LineupAccountItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_account_item_finalize;
}

static void
lineup_account_item_init (LineupAccountItem *self)
{
}

LineupAccountItem *
lineup_account_item_new (JsonObject *object)
{
  LineupAccountItem *self = g_object_new (LINEUP_TYPE_ACCOUNT_ITEM, NULL);
  const char *locked = json_object_get_string_member_with_default (object, "locked_until", NULL);

  self->name = g_strdup (json_object_get_string_member_with_default (object, "name", ""));
  self->display_name = g_strdup (json_object_get_string_member_with_default (object,
                                                                              "display_name", ""));
  if (!lineup_roles_from_string (json_object_get_string_member_with_default (object, "roles", ""),
                                 &self->roles, NULL))
    self->roles = LINEUP_ROLE_NONE;
  self->disabled = json_object_get_boolean_member_with_default (object, "disabled", FALSE);
  self->failed_signins = json_object_get_int_member_with_default (object, "failed_signins", 0);
  if (locked != NULL && *locked != '\0')
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (locked, utc);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      /* A lock that already ran out is no lock. */
      if (until != NULL && g_date_time_compare (until, now) > 0)
        self->locked_until = g_steal_pointer (&until);
    }
  return self;
}

const char *
lineup_account_item_get_name (LineupAccountItem *self)
{
  g_return_val_if_fail (LINEUP_IS_ACCOUNT_ITEM (self), NULL);
  return self->name;
}

const char *
lineup_account_item_get_display_name (LineupAccountItem *self)
{
  g_return_val_if_fail (LINEUP_IS_ACCOUNT_ITEM (self), NULL);
  return self->display_name;
}

LineupRoles
lineup_account_item_get_roles (LineupAccountItem *self)
{
  g_return_val_if_fail (LINEUP_IS_ACCOUNT_ITEM (self), LINEUP_ROLE_NONE);
  return self->roles;
}

gboolean
lineup_account_item_get_disabled (LineupAccountItem *self)
{
  g_return_val_if_fail (LINEUP_IS_ACCOUNT_ITEM (self), FALSE);
  return self->disabled;
}

GDateTime *
lineup_account_item_get_locked_until (LineupAccountItem *self)
{
  g_return_val_if_fail (LINEUP_IS_ACCOUNT_ITEM (self), NULL);
  return self->locked_until;
}

gint64
lineup_account_item_get_failed_signins (LineupAccountItem *self)
{
  g_return_val_if_fail (LINEUP_IS_ACCOUNT_ITEM (self), 0);
  return self->failed_signins;
}
