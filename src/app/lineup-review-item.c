/* lineup-review-item.c: a list item over one review-queue object. The JSON
 * is kept whole: the page reads what it needs, and hides most of it until
 * the supervisor reveals the details. */
#define G_LOG_DOMAIN "lineup-review"

#include "config.h"

#include "lineup-review-item.h"

struct _LineupReviewItem
{
  GObject     parent_instance;
  JsonObject *object;
};

G_DEFINE_FINAL_TYPE (LineupReviewItem, lineup_review_item, G_TYPE_OBJECT)

static void
lineup_review_item_finalize (GObject *object)
{
  LineupReviewItem *self = LINEUP_REVIEW_ITEM (object);

  g_clear_pointer (&self->object, json_object_unref);
  G_OBJECT_CLASS (lineup_review_item_parent_class)->finalize (object);
}

static void
lineup_review_item_class_init (LineupReviewItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_review_item_finalize;
}

static void
lineup_review_item_init (LineupReviewItem *self)
{
}

LineupReviewItem *
lineup_review_item_new (JsonObject *object)
{
  LineupReviewItem *self = g_object_new (LINEUP_TYPE_REVIEW_ITEM, NULL);

  self->object = json_object_ref (object);
  return self;
}

JsonObject *
lineup_review_item_get_object (LineupReviewItem *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW_ITEM (self), NULL);
  return self->object;
}

gint64
lineup_review_item_get_decision_id (LineupReviewItem *self)
{
  return json_object_get_int_member_with_default (self->object, "decision_id", 0);
}

gint64
lineup_review_item_get_search_id (LineupReviewItem *self)
{
  return json_object_get_int_member_with_default (self->object, "search_id", 0);
}

gint64
lineup_review_item_get_rank (LineupReviewItem *self)
{
  return json_object_get_int_member_with_default (self->object, "rank", 0);
}

const char *
lineup_review_item_get_case (LineupReviewItem *self)
{
  return json_object_get_string_member_with_default (self->object, "case", "");
}

gboolean
lineup_review_item_get_own (LineupReviewItem *self)
{
  return json_object_get_boolean_member_with_default (self->object, "own", FALSE);
}

char *
lineup_review_item_format_time (LineupReviewItem *self)
{
  const char *ts = json_object_get_string_member_with_default (self->object, "created_at", "");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (ts, utc);
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup (ts);
  local = g_date_time_to_local (when);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
