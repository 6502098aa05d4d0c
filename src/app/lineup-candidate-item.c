/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-item.c: a lineup chip's data. The booking photo is
 * decoded on the worker when a cell first shows the item. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-app-util.h"
#include "lineup-candidate-item.h"
#include "lineup-texture.h"

#define THUMB_SIDE 160

struct _LineupCandidateItem
{
  GObject         parent_instance;
  GPtrArray      *photos; /* LineupCandidate, best rank first */
  char           *data_dir;
  LineupDecision *decision;
  GdkPaintable   *thumbnail;
  gboolean        blind;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (LineupCandidateItem, lineup_candidate_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RANK,
  PROP_REVEALED,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_DECISION_TEXT,
  PROP_THUMBNAIL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_candidate_item_finalize (GObject *object)
{
  LineupCandidateItem *self = LINEUP_CANDIDATE_ITEM (object);

  g_ptr_array_unref (self->photos);
  g_free (self->data_dir);
  g_clear_object (&self->decision);
  g_clear_object (&self->thumbnail);
  G_OBJECT_CLASS (lineup_candidate_item_parent_class)->finalize (object);
}

static char *
subtitle_text (LineupCandidateItem *self)
{
  LineupCandidate *c = self->photos->pdata[0];
  guint            n = self->photos->len;

  if (!lineup_candidate_item_get_revealed (self))
    return g_strdup (_("No decision yet"));
  if (n > 1)
    /* Translators: similarity in percent, then how many photos matched */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f%% · %u photo",
                                         "%.0f%% · %u photos", n),
                            lineup_candidate_get_similarity (c) * 100.0, n);
  return g_strdup_printf (_("%.0f%% similar"), lineup_candidate_get_similarity (c) * 100.0);
}

static void
lineup_candidate_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LineupCandidateItem *self = LINEUP_CANDIDATE_ITEM (object);

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_int64 (value, lineup_candidate_item_get_rank (self));
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, lineup_candidate_item_get_revealed (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, lineup_candidate_item_get_revealed (self)
                                   ? lineup_candidate_item_get_label (self)
                                   : _("Hidden"));
      break;
    case PROP_SUBTITLE:
      g_value_take_string (value, subtitle_text (self));
      break;
    case PROP_DECISION_TEXT:
      g_value_take_string (value, lineup_candidate_item_dup_decision_text (self));
      break;
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_candidate_item_class_init (LineupCandidateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_candidate_item_finalize;
  object_class->get_property = lineup_candidate_item_get_property;
  properties[PROP_RANK] = g_param_spec_int64 ("rank", NULL, NULL, 0, G_MAXINT64, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] = g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECISION_TEXT] = g_param_spec_string ("decision-text", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAIL] = g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_PAINTABLE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_candidate_item_init (LineupCandidateItem *self)
{
  self->photos = g_ptr_array_new_with_free_func (g_object_unref);
  self->blind = TRUE;
}

LineupCandidateItem *
lineup_candidate_item_new (LineupCandidate *candidate,
                           const char      *data_dir)
{
  LineupCandidateItem *self;

  g_return_val_if_fail (LINEUP_IS_CANDIDATE (candidate), NULL);
  self = g_object_new (LINEUP_TYPE_CANDIDATE_ITEM, NULL);
  g_ptr_array_add (self->photos, g_object_ref (candidate));
  self->data_dir = g_strdup (data_dir);
  return self;
}

void
lineup_candidate_item_add_photo (LineupCandidateItem *self,
                                 LineupCandidate     *candidate)
{
  g_return_if_fail (LINEUP_IS_CANDIDATE_ITEM (self));
  g_return_if_fail (LINEUP_IS_CANDIDATE (candidate));
  g_ptr_array_add (self->photos, g_object_ref (candidate));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

guint
lineup_candidate_item_get_n_photos (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), 0);
  return self->photos->len;
}

LineupCandidate *
lineup_candidate_item_get_photo (LineupCandidateItem *self,
                                 guint                index)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  g_return_val_if_fail (index < self->photos->len, NULL);
  return self->photos->pdata[index];
}

LineupCandidate *
lineup_candidate_item_get_candidate (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  return self->photos->pdata[0];
}

gint64
lineup_candidate_item_get_rank (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), 0);
  return lineup_candidate_get_rank (self->photos->pdata[0]);
}

const char *
lineup_candidate_item_get_subject_id (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), "");
  return lineup_candidate_get_subject_id (self->photos->pdata[0]);
}

const char *
lineup_candidate_item_get_label (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), "");
  return lineup_candidate_get_label (self->photos->pdata[0]);
}

const char *
lineup_candidate_item_get_booking_number (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), "");
  return lineup_candidate_get_booking_number (self->photos->pdata[0]);
}

static void
notify_shown (LineupCandidateItem *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

void
lineup_candidate_item_set_blind (LineupCandidateItem *self,
                                 gboolean             blind)
{
  g_return_if_fail (LINEUP_IS_CANDIDATE_ITEM (self));
  blind = !!blind;
  if (self->blind == blind)
    return;
  self->blind = blind;
  notify_shown (self);
}

gboolean
lineup_candidate_item_get_revealed (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), FALSE);
  return !self->blind || self->decision != NULL;
}

LineupDecision *
lineup_candidate_item_get_decision (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  return self->decision;
}

void
lineup_candidate_item_set_decision (LineupCandidateItem *self,
                                    LineupDecision      *decision)
{
  g_return_if_fail (LINEUP_IS_CANDIDATE_ITEM (self));
  g_set_object (&self->decision, decision);
  notify_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION_TEXT]);
}

char *
lineup_candidate_item_dup_decision_text (LineupCandidateItem *self)
{
  LineupDecisionKind d;
  LineupReview      *review;
  const char        *status;

  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  if (self->decision == NULL || !lineup_decision_get_kind (self->decision, &d))
    return NULL;
  if (d != LINEUP_DECISION_POSSIBLE_LEAD)
    return g_strdup (_(lineup_decision_label (d)));
  /* A possible lead goes to a supervisor: say where it stands. */
  review = lineup_decision_get_review (self->decision);
  status = review == NULL                       ? _("awaiting supervisor review")
           : lineup_review_is_approved (review) ? _("approved by a supervisor")
                                                : _("rejected by a supervisor");
  return g_strdup_printf ("%s · %s", _(lineup_decision_label (d)), status);
}

GdkPaintable *
lineup_candidate_item_get_thumbnail (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  return self->thumbnail;
}

/* thumbnail */

/* A square around the face box with some forehead and chin: what a lineup
 * shows, without the background that biases the eye. Nearest-neighbour
 * down to at most THUMB_SIDE: cheap, and GTK scales the rest smoothly. */
static LineupRgb *
crop_face (const LineupRgb *full,
           const LineupBox *box)
{
  int           fw = full->width, fh = full->height, side, x0, y0, tw;
  double        cx, cy, bw;
  const guint8 *src = g_bytes_get_data (full->pixels, NULL);
  g_autoptr(GBytes) pixels = NULL;
  guint8 *dst;

  bw = MAX (box->right - box->left, box->bottom - box->top);
  if (bw <= 1)
    {
      bw = MIN (fw, fh);
      cx = fw / 2.0, cy = fh / 2.0;
    }
  else
    {
      cx = (box->left + box->right) / 2.0;
      cy = (box->top + box->bottom) / 2.0;
    }
  side = (int)MIN (bw * 1.6, MIN (fw, fh));
  side = MAX (side, 1);
  x0 = CLAMP ((int)(cx - side / 2.0), 0, fw - side);
  y0 = CLAMP ((int)(cy - side / 2.0), 0, fh - side);
  tw = MIN (side, THUMB_SIDE);
  dst = g_malloc ((gsize)tw * tw * 3);
  for (int y = 0; y < tw; y++)
    for (int x = 0; x < tw; x++)
      {
        int sx = x0 + (int)((gint64)x * side / tw);
        int sy = y0 + (int)((gint64)y * side / tw);
        memcpy (dst + ((gsize)y * tw + x) * 3, src + (gsize)sy * full->stride + (gsize)sx * 3, 3);
      }
  pixels = g_bytes_new_take (dst, (gsize)tw * tw * 3);
  return lineup_rgb_new (pixels, tw, tw, fw, fh);
}

typedef struct
{
  LineupCandidateItem *self;
  char                *sha256;
  LineupBox            box;
} Thumb;

static void
thumb_free (Thumb *t)
{
  g_object_unref (t->self);
  g_free (t->sha256);
  g_free (t);
}

static void
thumb_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Thumb               *t = user_data;
  LineupCandidateItem *self = t->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRgb) full = lineup_image_load_rgb_finish (result, &error);
  g_autoptr(LineupRgb) face = NULL;

  self->loading = FALSE;
  if (full == NULL)
    {
      g_warning ("candidate photo %s: %s", t->sha256, error->message);
      thumb_free (t);
      return;
    }
  face = crop_face (full, &t->box);
  g_clear_object (&self->thumbnail);
  self->thumbnail = GDK_PAINTABLE (lineup_texture_new_for_rgb (face));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
  thumb_free (t);
}

void
lineup_candidate_item_load_thumbnail (LineupCandidateItem *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  LineupCandidate *c;
  const LineupBox *box;
  Thumb           *t;

  g_return_if_fail (LINEUP_IS_CANDIDATE_ITEM (self));
  if (self->thumbnail != NULL || self->loading)
    return;
  c = self->photos->pdata[0];
  t = g_new0 (Thumb, 1);
  t->self = g_object_ref (self);
  t->sha256 = g_strdup (lineup_candidate_get_photo_sha256 (c));
  box = lineup_candidate_get_box (c);
  if (box != NULL)
    t->box = *box;
  self->loading = TRUE;
  path = lineup_store_path (self->data_dir, t->sha256);
  file = g_file_new_for_path (path);
  /* Full size: the box is in the stored photo's pixels. */
  lineup_image_load_rgb_async (file, 0, 0, G_PRIORITY_LOW, NULL, thumb_ready, t);
}
