/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-preview-row.c: a read-only row for the import preview; properties
 * so the list's GtkBuilder factory can bind them. */
#include "config.h"

#include "lineup-preview-row.h"

struct _LineupPreviewRow
{
  GObject parent_instance;
  guint   row;
  char   *booking_number;
  char   *photo;
  char   *check;
};

G_DEFINE_FINAL_TYPE (LineupPreviewRow, lineup_preview_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ROW,
  PROP_BOOKING_NUMBER,
  PROP_PHOTO,
  PROP_CHECK,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_preview_row_finalize (GObject *object)
{
  LineupPreviewRow *self = LINEUP_PREVIEW_ROW (object);

  g_free (self->booking_number);
  g_free (self->photo);
  g_free (self->check);
  G_OBJECT_CLASS (lineup_preview_row_parent_class)->finalize (object);
}

static void
lineup_preview_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupPreviewRow *self = LINEUP_PREVIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_take_string (value, g_strdup_printf ("%u", self->row));
      break;
    case PROP_BOOKING_NUMBER:
      g_value_set_string (value, self->booking_number);
      break;
    case PROP_PHOTO:
      g_value_set_string (value, self->photo);
      break;
    case PROP_CHECK:
      g_value_set_string (value, self->check);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_preview_row_class_init (LineupPreviewRowClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags f = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lineup_preview_row_finalize;
  object_class->get_property = lineup_preview_row_get_property;
  properties[PROP_ROW] = g_param_spec_string ("row", NULL, NULL, NULL, f);
  properties[PROP_BOOKING_NUMBER] = g_param_spec_string ("booking-number", NULL, NULL, NULL, f);
  properties[PROP_PHOTO] = g_param_spec_string ("photo", NULL, NULL, NULL, f);
  properties[PROP_CHECK] = g_param_spec_string ("check", NULL, NULL, NULL, f);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_preview_row_init (LineupPreviewRow *self)
{
}

LineupPreviewRow *
lineup_preview_row_new (guint       row,
                        const char *booking_number,
                        const char *photo,
                        const char *check)
{
  LineupPreviewRow *self = g_object_new (LINEUP_TYPE_PREVIEW_ROW, NULL);

  self->row = row;
  self->booking_number = g_strdup (booking_number ? booking_number : "");
  self->photo = photo ? g_path_get_basename (photo) : g_strdup ("");
  self->check = g_strdup (check);
  return self;
}
