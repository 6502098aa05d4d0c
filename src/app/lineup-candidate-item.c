/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-item.c: a lineup chip's data. The face crop is made off
 * the main thread when a cell first shows the item. */
#define G_LOG_DOMAIN "lineup-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-candidate-item.h"

#define THUMB_SIDE 160

struct _LineupCandidateItem
{
  GObject       parent_instance;
  GPtrArray    *photos;      /* JsonObject, best rank first */
  char         *data_dir;
  char         *subject_id;
  JsonObject   *decision;
  GdkPaintable *thumbnail;
  gboolean      blind;
  gboolean      loading;
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
  g_free (self->subject_id);
  g_clear_pointer (&self->decision, json_object_unref);
  g_clear_object (&self->thumbnail);
  G_OBJECT_CLASS (lineup_candidate_item_parent_class)->finalize (object);
}

static char *
subtitle_text (LineupCandidateItem *self)
{
  JsonObject *c = self->photos->pdata[0];
  guint n = self->photos->len;

  if (!lineup_candidate_item_get_revealed (self))
    return g_strdup (_("No decision yet"));
  if (n > 1)
    /* Translators: similarity in percent, then how many photos matched */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f%% · %u photo",
                                         "%.0f%% · %u photos", n),
                            lineup_json_get_double (c, "similarity") * 100.0, n);
  return g_strdup_printf (_("%.0f%% similar"), lineup_json_get_double (c, "similarity") * 100.0);
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
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->blind = TRUE;
}

LineupCandidateItem *
lineup_candidate_item_new (JsonObject *candidate,
                           const char *data_dir)
{
  LineupCandidateItem *self = g_object_new (LINEUP_TYPE_CANDIDATE_ITEM, NULL);

  JsonObject *subject = lineup_json_get_object (candidate, "subject");
  JsonNode *id = subject ? json_object_get_member (subject, "id") : NULL;

  g_ptr_array_add (self->photos, json_object_ref (candidate));
  self->data_dir = g_strdup (data_dir);
  /* A uuid today; an integer would do as well. */
  if (id && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    self->subject_id = g_strdup (json_node_get_string (id));
  else if (id && JSON_NODE_HOLDS_VALUE (id))
    self->subject_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
  else
    self->subject_id = g_strdup ("");
  return self;
}

void
lineup_candidate_item_add_photo (LineupCandidateItem *self,
                                 JsonObject          *candidate)
{
  g_return_if_fail (LINEUP_IS_CANDIDATE_ITEM (self));
  g_ptr_array_add (self->photos, json_object_ref (candidate));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

guint
lineup_candidate_item_get_n_photos (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), 0);
  return self->photos->len;
}

JsonObject *
lineup_candidate_item_get_photo (LineupCandidateItem *self,
                                 guint                index)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  g_return_val_if_fail (index < self->photos->len, NULL);
  return self->photos->pdata[index];
}

JsonObject *
lineup_candidate_item_get_candidate (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  return self->photos->pdata[0];
}

gint64
lineup_candidate_item_get_rank (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), 0);
  return json_object_get_int_member_with_default (self->photos->pdata[0], "rank", 0);
}

const char *
lineup_candidate_item_get_subject_id (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), "");
  return self->subject_id;
}

const char *
lineup_candidate_item_get_label (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), "");
  return lineup_json_get_string (lineup_json_get_object (self->photos->pdata[0], "subject"),
                                 "label");
}

const char *
lineup_candidate_item_get_booking_number (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), "");
  return lineup_json_get_string (self->photos->pdata[0], "booking_number");
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

JsonObject *
lineup_candidate_item_get_decision (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  return self->decision;
}

void
lineup_candidate_item_set_decision (LineupCandidateItem *self,
                                    JsonObject          *decision)
{
  g_return_if_fail (LINEUP_IS_CANDIDATE_ITEM (self));
  g_clear_pointer (&self->decision, json_object_unref);
  if (decision)
    self->decision = json_object_ref (decision);
  notify_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION_TEXT]);
}

/* The review object's shape is the core's; read what is there. */
static const char *
review_text (JsonObject *decision)
{
  JsonObject *r = lineup_json_get_object (decision, "review");
  const char *status;

  if (g_strcmp0 (lineup_json_get_string (decision, "decision"), "possible_lead") != 0)
    return NULL;
  if (r == NULL)
    return _("awaiting supervisor review");
  status = lineup_json_get_string (r, "verdict");
  if (*status == '\0')
    status = lineup_json_get_string (r, "status");
  if (*status == '\0')
    status = lineup_json_get_string (r, "outcome");
  if (*status == '\0' && json_object_has_member (r, "approved"))
    status = json_object_get_boolean_member (r, "approved") ? "approved" : "rejected";
  if (g_str_has_prefix (status, "approve"))
    return _("approved by a supervisor");
  if (g_str_has_prefix (status, "reject"))
    return _("rejected by a supervisor");
  return _("reviewed");
}

char *
lineup_candidate_item_dup_decision_text (LineupCandidateItem *self)
{
  LineupDecision d;
  const char *review;

  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  if (self->decision == NULL
      || !lineup_decision_from_string (lineup_json_get_string (self->decision, "decision"), &d,
                                       NULL))
    return NULL;
  review = review_text (self->decision);
  if (review)
    return g_strdup_printf ("%s · %s", _(lineup_decision_label (d)), review);
  return g_strdup (_(lineup_decision_label (d)));
}

GdkPaintable *
lineup_candidate_item_get_thumbnail (LineupCandidateItem *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_ITEM (self), NULL);
  return self->thumbnail;
}

/* thumbnail */

typedef struct
{
  char      *sha256;
  LineupBox  box;
  GBytes    *rgb;
  int        w, h;
} Thumb;

static void
thumb_free (Thumb *t)
{
  g_free (t->sha256);
  g_clear_pointer (&t->rgb, g_bytes_unref);
  g_free (t);
}

static void
thumb_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LineupCandidateItem *self = source_object;
  Thumb *t = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) full = NULL;
  int fw = 0, fh = 0, side, x0, y0;
  double cx, cy, bw;
  const guint8 *src;
  guint8 *dst;

  full = lineup_store_load_rgb (self->data_dir, t->sha256, 0, &fw, &fh, &error);
  if (full == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A square around the face box with some forehead and chin: what a
   * lineup shows, without the background that biases the eye. */
  bw = MAX (t->box.right - t->box.left, t->box.bottom - t->box.top);
  if (bw <= 1)
    {
      bw = MIN (fw, fh);
      cx = fw / 2.0, cy = fh / 2.0;
    }
  else
    {
      cx = (t->box.left + t->box.right) / 2.0;
      cy = (t->box.top + t->box.bottom) / 2.0;
    }
  side = (int)MIN (bw * 1.6, MIN (fw, fh));
  side = MAX (side, 1);
  x0 = CLAMP ((int)(cx - side / 2.0), 0, fw - side);
  y0 = CLAMP ((int)(cy - side / 2.0), 0, fh - side);
  /* Nearest-neighbour down to at most THUMB_SIDE: cheap, and GTK scales
   * the rest smoothly. */
  t->w = t->h = MIN (side, THUMB_SIDE);
  src = g_bytes_get_data (full, NULL);
  dst = g_malloc ((gsize)t->w * t->h * 3);
  for (int y = 0; y < t->h; y++)
    for (int x = 0; x < t->w; x++)
      {
        int sx = x0 + (int)((gint64)x * side / t->w);
        int sy = y0 + (int)((gint64)y * side / t->h);
        memcpy (dst + ((gsize)y * t->w + x) * 3, src + ((gsize)sy * fw + sx) * 3, 3);
      }
  t->rgb = g_bytes_new_take (dst, (gsize)t->w * t->h * 3);
  g_task_return_boolean (task, TRUE);
}

static void
thumb_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupCandidateItem *self = LINEUP_CANDIDATE_ITEM (source);
  Thumb *t = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->loading = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("candidate photo %s: %s", t->sha256, error->message);
      return;
    }
  g_clear_object (&self->thumbnail);
  self->thumbnail = GDK_PAINTABLE (gdk_memory_texture_new (t->w, t->h, GDK_MEMORY_R8G8B8, t->rgb,
                                                           (gsize)t->w * 3));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

void
lineup_candidate_item_load_thumbnail (LineupCandidateItem *self)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *c;
  Thumb *t;

  g_return_if_fail (LINEUP_IS_CANDIDATE_ITEM (self));
  if (self->thumbnail != NULL || self->loading)
    return;
  c = self->photos->pdata[0];
  t = g_new0 (Thumb, 1);
  t->sha256 = g_strdup (lineup_json_get_string (c, "photo_sha256"));
  lineup_json_get_box (c, "box", &t->box);
  self->loading = TRUE;
  task = g_task_new (self, NULL, thumb_ready, NULL);
  g_task_set_task_data (task, t, (GDestroyNotify)thumb_free);
  g_task_run_in_thread (task, thumb_thread);
}
