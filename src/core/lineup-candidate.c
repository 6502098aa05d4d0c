/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate.c: one gallery face a search listed. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-candidate.h"
#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"

struct _LineupCandidate
{
  GObject parent_instance;

  gint64     rank;
  double     distance;
  double     similarity;
  gint64     face_id;
  char      *subject_id;
  char      *label;
  char      *person_id;
  char      *booking_number;
  char      *photo_sha256;
  char      *booking_date;
  LineupBox *box;
  GArray    *landmarks;
};

G_DEFINE_FINAL_TYPE (LineupCandidate, lineup_candidate, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RANK,
  PROP_DISTANCE,
  PROP_SIMILARITY,
  PROP_FACE_ID,
  PROP_SUBJECT_ID,
  PROP_LABEL,
  PROP_PERSON_ID,
  PROP_BOOKING_NUMBER,
  PROP_PHOTO_SHA256,
  PROP_BOOKING_DATE,
  PROP_BOX,
  PROP_LANDMARKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_candidate_finalize (GObject *object)
{
  LineupCandidate *self = (LineupCandidate *)object;

  g_free (self->subject_id);
  g_free (self->label);
  g_free (self->person_id);
  g_free (self->booking_number);
  g_free (self->photo_sha256);
  g_free (self->booking_date);
  g_clear_pointer (&self->box, lineup_box_free);
  g_clear_pointer (&self->landmarks, g_array_unref);

  G_OBJECT_CLASS (lineup_candidate_parent_class)->finalize (object);
}

static void
lineup_candidate_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LineupCandidate *self = (LineupCandidate *)object;

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_int64 (value, self->rank);
      break;
    case PROP_DISTANCE:
      g_value_set_double (value, self->distance);
      break;
    case PROP_SIMILARITY:
      g_value_set_double (value, self->similarity);
      break;
    case PROP_FACE_ID:
      g_value_set_int64 (value, self->face_id);
      break;
    case PROP_SUBJECT_ID:
      g_value_set_string (value, self->subject_id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_PERSON_ID:
      g_value_set_string (value, self->person_id);
      break;
    case PROP_BOOKING_NUMBER:
      g_value_set_string (value, self->booking_number);
      break;
    case PROP_PHOTO_SHA256:
      g_value_set_string (value, self->photo_sha256);
      break;
    case PROP_BOOKING_DATE:
      g_value_set_string (value, self->booking_date);
      break;
    case PROP_BOX:
      g_value_set_boxed (value, self->box);
      break;
    case PROP_LANDMARKS:
      g_value_set_boxed (value, self->landmarks);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_candidate_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LineupCandidate *self = (LineupCandidate *)object;

  switch (prop_id)
    {
    case PROP_RANK:
      self->rank = g_value_get_int64 (value);
      break;
    case PROP_DISTANCE:
      self->distance = g_value_get_double (value);
      break;
    case PROP_SIMILARITY:
      self->similarity = g_value_get_double (value);
      break;
    case PROP_FACE_ID:
      self->face_id = g_value_get_int64 (value);
      break;
    case PROP_SUBJECT_ID:
      self->subject_id = g_value_dup_string (value);
      break;
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    case PROP_PERSON_ID:
      self->person_id = g_value_dup_string (value);
      break;
    case PROP_BOOKING_NUMBER:
      self->booking_number = g_value_dup_string (value);
      break;
    case PROP_PHOTO_SHA256:
      self->photo_sha256 = g_value_dup_string (value);
      break;
    case PROP_BOOKING_DATE:
      self->booking_date = g_value_dup_string (value);
      break;
    case PROP_BOX:
      self->box = g_value_dup_boxed (value);
      break;
    case PROP_LANDMARKS:
      self->landmarks = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_candidate_class_init (LineupCandidateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_candidate_finalize;
  object_class->get_property = lineup_candidate_get_property;
  object_class->set_property = lineup_candidate_set_property;

  /* 1 is the nearest */
  properties[PROP_RANK] =
    g_param_spec_int64 ("rank", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTANCE] =
    g_param_spec_double ("distance", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIMILARITY] =
    g_param_spec_double ("similarity", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* 0 once purged */
  properties[PROP_FACE_ID] =
    g_param_spec_int64 ("face-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the subject uuid */
  properties[PROP_SUBJECT_ID] =
    g_param_spec_string ("subject-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the subject label, "(purged)" once purged */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSON_ID] =
    g_param_spec_string ("person-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOKING_NUMBER] =
    g_param_spec_string ("booking-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHOTO_SHA256] =
    g_param_spec_string ("photo-sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOKING_DATE] =
    g_param_spec_string ("booking-date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the face in the booking photo; NULL once purged */
  properties[PROP_BOX] =
    g_param_spec_boxed ("box", NULL, NULL, LINEUP_TYPE_BOX,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* 68 points of the booking face; none once purged */
  properties[PROP_LANDMARKS] =
    g_param_spec_boxed ("landmarks", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_candidate_init (LineupCandidate *self)
{
}

gint64
lineup_candidate_get_rank (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), 0);

  return self->rank;
}

double
lineup_candidate_get_distance (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), 0);

  return self->distance;
}

double
lineup_candidate_get_similarity (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), 0);

  return self->similarity;
}

gint64
lineup_candidate_get_face_id (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), 0);

  return self->face_id;
}

const char *
lineup_candidate_get_subject_id (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  return self->subject_id;
}

const char *
lineup_candidate_get_label (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  return self->label;
}

const char *
lineup_candidate_get_person_id (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  return self->person_id;
}

const char *
lineup_candidate_get_booking_number (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  return self->booking_number;
}

const char *
lineup_candidate_get_photo_sha256 (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  return self->photo_sha256;
}

const char *
lineup_candidate_get_booking_date (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  return self->booking_date;
}

const LineupBox *
lineup_candidate_get_box (LineupCandidate *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  return self->box;
}

const LineupPoint *
lineup_candidate_get_landmarks (LineupCandidate *self,
                                guint           *n_points)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  *n_points = self->landmarks ? self->landmarks->len : 0;
  return self->landmarks ? (const LineupPoint *)self->landmarks->data : NULL;
}

JsonNode *
lineup_candidate_to_json (LineupCandidate *self)
{
  JsonObject *o = json_object_new ();
  JsonObject *subject = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_CANDIDATE (self), NULL);

  json_object_set_int_member (o, "rank", self->rank);
  json_object_set_double_member (o, "distance", self->distance);
  json_object_set_double_member (o, "similarity", self->similarity);
  if (self->face_id == 0)
    json_object_set_null_member (o, "face_id");
  else
    json_object_set_int_member (o, "face_id", self->face_id);
  json_object_set_string_member (subject, "id", self->subject_id);
  json_object_set_string_member (subject, "label", self->label);
  json_object_set_string_member (subject, "person_id", self->person_id);
  json_object_set_object_member (o, "subject", subject);
  json_object_set_string_member (o, "booking_number", self->booking_number);
  json_object_set_string_member (o, "photo_sha256", self->photo_sha256);
  json_object_set_string_member (o, "booking_date", self->booking_date);
  json_object_set_array_member (o, "box", lineup_records_box_to_json (self->box));
  if (self->landmarks != NULL && self->landmarks->len > 0)
    json_object_set_array_member (o, "landmarks", lineup_records_points_to_flat_json (self->landmarks));
  return lineup_records_take_object (o);
}

LineupCandidate *
lineup_candidate_new_from_json (JsonNode *node,
                                GError  **error)
{
  g_autoptr(GArray) landmarks = NULL;
  JsonObject *o, *subject;
  LineupBox   box;
  gboolean    has_box;
  double      distance = 0, similarity = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("A candidate must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  subject = lineup_json_get_object (o, "subject");
  has_box = lineup_json_read_box (o, "box", &box);
  landmarks = lineup_json_read_points (o, "landmarks");
  lineup_json_get_number (o, "distance", &distance);
  lineup_json_get_number (o, "similarity", &similarity);
  return g_object_new (LINEUP_TYPE_CANDIDATE,
                       "rank", lineup_json_get_int_or (o, "rank", 0),
                       "distance", distance,
                       "similarity", similarity,
                       "face-id", lineup_json_get_int_or (o, "face_id", 0),
                       "subject-id", lineup_json_get_string_or_null (subject, "id"),
                       "label", lineup_json_get_string_or_null (subject, "label"),
                       "person-id", lineup_json_get_string_or_null (subject, "person_id"),
                       "booking-number", lineup_json_get_string_or_null (o, "booking_number"),
                       "photo-sha256", lineup_json_get_string_or_null (o, "photo_sha256"),
                       "booking-date", lineup_json_get_string_or_null (o, "booking_date"),
                       "box", has_box ? &box : NULL,
                       "landmarks", landmarks,
                       NULL);
}
