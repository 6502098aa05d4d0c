/* lineup-offence-item.c: one offence category of the search policy. */
#define G_LOG_DOMAIN "lineup-policy"

#include "config.h"

#include "lineup-offence-item.h"

struct _LineupOffenceItem
{
  GObject   parent_instance;

  char     *code;
  char     *label;
  gboolean  search_allowed;
};

G_DEFINE_FINAL_TYPE (LineupOffenceItem, lineup_offence_item, G_TYPE_OBJECT)

static void
lineup_offence_item_finalize (GObject *object)
{
  LineupOffenceItem *self = LINEUP_OFFENCE_ITEM (object);

  g_free (self->code);
  g_free (self->label);
  G_OBJECT_CLASS (lineup_offence_item_parent_class)->finalize (object);
}

static void
lineup_offence_item_class_init (LineupOffenceItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_offence_item_finalize;
}

static void
lineup_offence_item_init (LineupOffenceItem *self)
{
}

LineupOffenceItem *
lineup_offence_item_new (JsonObject *object)
{
  LineupOffenceItem *self = g_object_new (LINEUP_TYPE_OFFENCE_ITEM, NULL);

  self->code = g_strdup (json_object_get_string_member_with_default (object, "code", ""));
  self->label = g_strdup (json_object_get_string_member_with_default (object, "label", ""));
  self->search_allowed = json_object_get_boolean_member_with_default (object, "search_allowed",
                                                                      FALSE);
  return self;
}

const char *
lineup_offence_item_get_code (LineupOffenceItem *self)
{
  g_return_val_if_fail (LINEUP_IS_OFFENCE_ITEM (self), NULL);
  return self->code;
}

const char *
lineup_offence_item_get_label (LineupOffenceItem *self)
{
  g_return_val_if_fail (LINEUP_IS_OFFENCE_ITEM (self), NULL);
  return self->label;
}

gboolean
lineup_offence_item_get_search_allowed (LineupOffenceItem *self)
{
  g_return_val_if_fail (LINEUP_IS_OFFENCE_ITEM (self), FALSE);
  return self->search_allowed;
}
