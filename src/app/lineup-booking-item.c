/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-booking-item.c: thumbnails are decoded and scaled on the worker
 * when a grid cell first shows the item, so a 100,000-booking gallery
 * costs only what is on screen. */
#define G_LOG_DOMAIN "lineup-gallery"

#include "config.h"

#include "lineup-booking-item.h"
#include "lineup-texture.h"

#define THUMB_SIDE 128

struct _LineupBookingItem
{
  GObject               parent_instance;
  LineupBookingSummary *summary;
  char                 *data_dir;
  GdkPaintable         *thumbnail;
  gboolean              loading;
  GCancellable         *cancellable; /* the thumbnail's load */
  guint                 shown;       /* grid cells showing the item */
};

G_DEFINE_FINAL_TYPE (LineupBookingItem, lineup_booking_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_THUMBNAIL,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_booking_item_finalize (GObject *object)
{
  LineupBookingItem *self = LINEUP_BOOKING_ITEM (object);

  lineup_booking_summary_free (self->summary);
  g_free (self->data_dir);
  g_clear_object (&self->thumbnail);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lineup_booking_item_parent_class)->finalize (object);
}

static void
lineup_booking_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LineupBookingItem *self = LINEUP_BOOKING_ITEM (object);

  switch (prop_id)
    {
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->summary->booking_number);
      break;
    case PROP_SUBTITLE:
      g_value_take_string (value, g_strdup_printf ("%s%s%s", self->summary->label,
                                                   *self->summary->booking_date ? " · " : "",
                                                   self->summary->booking_date));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_booking_item_class_init (LineupBookingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_booking_item_finalize;
  object_class->get_property = lineup_booking_item_get_property;
  properties[PROP_THUMBNAIL] = g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_PAINTABLE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_booking_item_init (LineupBookingItem *self)
{
}

LineupBookingItem *
lineup_booking_item_new (LineupBookingSummary *summary,
                         const char           *data_dir)
{
  LineupBookingItem *self = g_object_new (LINEUP_TYPE_BOOKING_ITEM, NULL);

  self->summary = summary;
  self->data_dir = g_strdup (data_dir);
  return self;
}

const LineupBookingSummary *
lineup_booking_item_get_summary (LineupBookingItem *self)
{
  return self->summary;
}

GdkPaintable *
lineup_booking_item_get_thumbnail (LineupBookingItem *self)
{
  return self->thumbnail;
}

static void
thumb_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupBookingItem) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRgb) rgb = lineup_image_load_rgb_finish (result, &error);

  self->loading = FALSE;
  g_clear_object (&self->cancellable);
  if (rgb == NULL)
    {
      /* Scrolled past before its turn and back again before we heard. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->shown > 0)
        lineup_booking_item_load_thumbnail (self);
      else
        g_debug ("thumbnail of %s: %s", self->summary->booking_number, error->message);
      return;
    }
  self->thumbnail = GDK_PAINTABLE (lineup_texture_new_for_rgb (rgb));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

void
lineup_booking_item_load_thumbnail (LineupBookingItem *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->thumbnail != NULL || self->loading)
    return;
  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  path = lineup_store_path (self->data_dir, self->summary->photo_sha256);
  file = g_file_new_for_path (path);
  /* Behind the probe and the photo being looked at. */
  lineup_image_load_rgb_async (file, THUMB_SIDE, 0, G_PRIORITY_LOW, self->cancellable, thumb_ready,
                               g_object_ref (self));
}

void
lineup_booking_item_set_shown (LineupBookingItem *self,
                               gboolean           shown)
{
  if (shown)
    self->shown++;
  else if (self->shown > 0 && --self->shown == 0 && self->cancellable != NULL)
    /* Scrolled past before its turn came (a fling): do not decode it. */
    g_cancellable_cancel (self->cancellable);
}

gboolean
lineup_booking_item_matches (LineupBookingItem *self,
                             const char        *needle)
{
  const LineupBookingSummary *s = self->summary;
  g_autofree char            *hay = NULL;
  g_autofree char            *folded = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;
  hay = g_strjoin (" ", s->booking_number, s->label, s->booking_date, NULL);
  folded = g_utf8_casefold (hay, -1);
  return strstr (folded, needle) != NULL;
}
