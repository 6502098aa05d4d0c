/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-booking-item.c: thumbnails are decoded and scaled off the main
 * thread when a grid cell first shows the item, so a 100,000-booking gallery
 * costs only what is on screen. */
#define G_LOG_DOMAIN "lineup-gallery"

#include "config.h"

#include "lineup-booking-item.h"

#define THUMB_SIDE 128

struct _LineupBookingItem
{
  GObject               parent_instance;
  LineupBookingSummary *summary;
  char                 *data_dir;
  GdkPaintable         *thumbnail;
  gboolean              loading;
  gint                  shown;   /* grid cells showing the item (atomic) */
};

G_DEFINE_FINAL_TYPE (LineupBookingItem, lineup_booking_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_THUMBNAIL, PROP_TITLE, PROP_SUBTITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
lineup_booking_item_finalize (GObject *object)
{
  LineupBookingItem *self = LINEUP_BOOKING_ITEM (object);

  lineup_booking_summary_free (self->summary);
  g_free (self->data_dir);
  g_clear_object (&self->thumbnail);
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

typedef struct
{
  GBytes *rgb;
  int     w, h;
} Thumb;

static void
thumb_free (Thumb *t)
{
  g_bytes_unref (t->rgb);
  g_free (t);
}

static void
thumb_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LineupBookingItem *self = source_object;
  Thumb *t;
  GError *error = NULL;

  /* Scrolled past before its turn came (a fling): do not decode it. */
  if (g_atomic_int_get (&self->shown) == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "no longer shown");
      return;
    }
  t = g_new0 (Thumb, 1);
  t->rgb = lineup_store_load_rgb (self->data_dir, self->summary->photo_sha256, THUMB_SIDE, &t->w,
                                  &t->h, &error);
  if (t->rgb == NULL)
    {
      g_free (t);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, t, (GDestroyNotify)thumb_free);
}

static void
thumb_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupBookingItem *self = LINEUP_BOOKING_ITEM (source);
  g_autoptr(GError) error = NULL;
  Thumb *t = g_task_propagate_pointer (G_TASK (result), &error);

  self->loading = FALSE;
  if (t == NULL)
    {
      g_debug ("thumbnail of %s: %s", self->summary->booking_number, error->message);
      return;
    }
  self->thumbnail = GDK_PAINTABLE (gdk_memory_texture_new (t->w, t->h, GDK_MEMORY_R8G8B8, t->rgb,
                                                           (gsize)t->w * 3));
  thumb_free (t);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

void
lineup_booking_item_load_thumbnail (LineupBookingItem *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->thumbnail != NULL || self->loading)
    return;
  self->loading = TRUE;
  task = g_task_new (self, NULL, thumb_ready, NULL);
  g_task_run_in_thread (task, thumb_thread);
}

void
lineup_booking_item_set_shown (LineupBookingItem *self,
                               gboolean           shown)
{
  if (shown)
    g_atomic_int_inc (&self->shown);
  else
    g_atomic_int_dec_and_test (&self->shown);
}

gboolean
lineup_booking_item_matches (LineupBookingItem *self,
                             const char        *needle)
{
  const LineupBookingSummary *s = self->summary;
  g_autofree char *hay = NULL;
  g_autofree char *folded = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;
  hay = g_strjoin (" ", s->booking_number, s->label, s->booking_date, NULL);
  folded = g_utf8_casefold (hay, -1);
  return strstr (folded, needle) != NULL;
}
