/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-json-item.c: the core hands out JSON; lists need GObjects. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include "lineup-app-util.h"
#include "lineup-json-item.h"

struct _LineupJsonItem
{
  GObject     parent_instance;
  JsonObject *object;
  char       *title;
  char       *subtitle;
};

G_DEFINE_FINAL_TYPE (LineupJsonItem, lineup_json_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_json_item_finalize (GObject *object)
{
  LineupJsonItem *self = LINEUP_JSON_ITEM (object);

  g_clear_pointer (&self->object, json_object_unref);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (lineup_json_item_parent_class)->finalize (object);
}

static void
lineup_json_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LineupJsonItem *self = LINEUP_JSON_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_json_item_class_init (LineupJsonItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_json_item_finalize;
  object_class->get_property = lineup_json_item_get_property;
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_json_item_init (LineupJsonItem *self)
{
}

LineupJsonItem *
lineup_json_item_new (JsonObject *object,
                      const char *title,
                      const char *subtitle)
{
  LineupJsonItem *self = g_object_new (LINEUP_TYPE_JSON_ITEM, NULL);

  self->object = object ? json_object_ref (object) : json_object_new ();
  self->title = g_strdup (title ? title : "");
  self->subtitle = g_strdup (subtitle ? subtitle : "");
  return self;
}

JsonObject *
lineup_json_item_get_object (LineupJsonItem *self)
{
  g_return_val_if_fail (LINEUP_IS_JSON_ITEM (self), NULL);
  return self->object;
}

const char *
lineup_json_item_get_title (LineupJsonItem *self)
{
  g_return_val_if_fail (LINEUP_IS_JSON_ITEM (self), NULL);
  return self->title;
}

const char *
lineup_json_item_get_subtitle (LineupJsonItem *self)
{
  g_return_val_if_fail (LINEUP_IS_JSON_ITEM (self), NULL);
  return self->subtitle;
}

const char *
lineup_json_item_get_string (LineupJsonItem *self,
                             const char     *member)
{
  g_return_val_if_fail (LINEUP_IS_JSON_ITEM (self), "");
  return lineup_json_get_string (self->object, member);
}

gint64
lineup_json_item_get_int (LineupJsonItem *self,
                          const char     *member)
{
  g_return_val_if_fail (LINEUP_IS_JSON_ITEM (self), 0);
  return lineup_json_get_int (self->object, member);
}

gboolean
lineup_json_item_get_boolean (LineupJsonItem *self,
                              const char     *member)
{
  g_return_val_if_fail (LINEUP_IS_JSON_ITEM (self), FALSE);
  return lineup_json_get_boolean (self->object, member);
}
