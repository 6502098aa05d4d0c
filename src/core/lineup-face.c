/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-face.c: a detected face, its quality figures and reason codes. */
#define G_LOG_DOMAIN "lineup-face"

#include "config.h"

#include <math.h>

#include "lineup-face.h"

struct _LineupFace
{
  GObject parent_instance;

  LineupBox     box;
  double        score;
  char         *detector;
  float         landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
  float         descriptor[LINEUP_SHIM_DESCRIPTOR_DIM];
  char         *model_id;
  LineupQuality quality;
  GStrv         reasons;
  GBytes       *chip;
};

G_DEFINE_FINAL_TYPE (LineupFace, lineup_face, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (LineupBox, lineup_box, lineup_box_copy, lineup_box_free)

LineupBox *
lineup_box_copy (const LineupBox *box)
{
  return g_memdup2 (box, sizeof *box);
}

void
lineup_box_free (LineupBox *box)
{
  g_free (box);
}

/* Defaults chosen on LFW and the group photos (see README, "Quality"):
 * a booking photo far below them gives an unreliable descriptor. */
void
lineup_quality_policy_init_default (LineupQualityPolicy *p)
{
  p->min_face_width = 60.0;
  p->min_sharpness = 15.0; /* 5th percentile of LFW's soft 250 px news crops: 19 */
  p->min_brightness = 40.0;
  p->max_abs_yaw = 45.0;
  p->max_abs_pitch = 35.0;
  p->max_abs_roll = 40.0;
  p->min_hog_score = 0.0;
  p->min_blazeface_score = 0.6;
}

static void
lineup_face_finalize (GObject *object)
{
  LineupFace *self = LINEUP_FACE (object);

  g_free (self->detector);
  g_free (self->model_id);
  g_strfreev (self->reasons);
  g_clear_pointer (&self->chip, g_bytes_unref);
  G_OBJECT_CLASS (lineup_face_parent_class)->finalize (object);
}

static void
lineup_face_class_init (LineupFaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_face_finalize;
}

static void
lineup_face_init (LineupFace *self)
{
}

static void
point (const float *lm,
       int          i,
       double      *x,
       double      *y)
{
  *x = lm[2 * i];
  *y = lm[2 * i + 1];
}

static void
mean_point (const float *lm,
            int          from,
            int          to,
            double      *x,
            double      *y)
{
  double sx = 0, sy = 0;

  for (int i = from; i <= to; i++)
    {
      sx += lm[2 * i];
      sy += lm[2 * i + 1];
    }
  *x = sx / (to - from + 1);
  *y = sy / (to - from + 1);
}

/* Rough head pose from the 68 landmarks, good enough to flag profiles:
 * roll from the eye line; yaw from where the nose tip sits between the jaw
 * ends; pitch from where it sits between the eye line and the chin. */
static void
estimate_pose (const float   *lm,
               LineupQuality *q)
{
  double lex, ley, rex, rey, nx, ny, jlx, jly, jrx, jry, cx, cy;
  double dl, dr, eye_x, eye_y, ratio;

  mean_point (lm, 36, 41, &lex, &ley); /* image-left eye */
  mean_point (lm, 42, 47, &rex, &rey);
  point (lm, 30, &nx, &ny);
  point (lm, 0, &jlx, &jly);
  point (lm, 16, &jrx, &jry);
  point (lm, 8, &cx, &cy);

  q->eye_distance = hypot (rex - lex, rey - ley);
  q->roll = atan2 (rey - ley, rex - lex) * 180.0 / G_PI;

  dl = hypot (nx - jlx, ny - jly);
  dr = hypot (jrx - nx, jry - ny);
  q->yaw = (dl + dr) > 0 ? asin (CLAMP ((dl - dr) / (dl + dr), -1.0, 1.0)) * 180.0 / G_PI : 0;

  eye_x = (lex + rex) / 2;
  eye_y = (ley + rey) / 2;
  ratio = hypot (nx - eye_x, ny - eye_y) / MAX (hypot (cx - eye_x, cy - eye_y), 1.0);
  /* The median over 300 LFW faces is 0.29; the mapping to degrees is linear
   * and rough, meant only to flag heads tilted far up or down. */
  q->pitch = (0.29 - ratio) * 150.0;
}

static GStrv
reasons_for (const LineupQuality       *q,
             double                     score,
             const char                *detector,
             const LineupQualityPolicy *p)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  double min_score = g_str_equal (detector, "blazeface") ? p->min_blazeface_score
                                                         : p->min_hog_score;

  if (q->face_width < p->min_face_width)
    g_strv_builder_add (b, LINEUP_REASON_SMALL_FACE);
  if (q->sharpness < p->min_sharpness)
    g_strv_builder_add (b, LINEUP_REASON_LOW_SHARPNESS);
  if (q->brightness < p->min_brightness)
    g_strv_builder_add (b, LINEUP_REASON_LOW_BRIGHTNESS);
  if (fabs (q->yaw) > p->max_abs_yaw || fabs (q->pitch) > p->max_abs_pitch ||
      fabs (q->roll) > p->max_abs_roll)
    g_strv_builder_add (b, LINEUP_REASON_EXTREME_POSE);
  /* A hand-drawn box has no detector score to judge. */
  if (!g_str_equal (detector, "manual") && score < min_score)
    g_strv_builder_add (b, LINEUP_REASON_LOW_CONFIDENCE);
  return g_strv_builder_end (b);
}

LineupFace *
lineup_face_new (const LineupBox           *box,
                 double                     score,
                 const char                *detector,
                 const LineupShimFaceData  *data,
                 const char                *model_id,
                 GBytes                    *chip_rgb,
                 const LineupQualityPolicy *policy)
{
  LineupFace *self = g_object_new (LINEUP_TYPE_FACE, NULL);

  self->box = *box;
  self->score = score;
  self->detector = g_strdup (detector);
  memcpy (self->landmarks, data->landmarks, sizeof self->landmarks);
  memcpy (self->descriptor, data->descriptor, sizeof self->descriptor);
  self->model_id = g_strdup (model_id);
  self->chip = chip_rgb ? g_bytes_ref (chip_rgb) : NULL;

  self->quality.face_width = box->right - box->left;
  self->quality.sharpness = data->sharpness;
  self->quality.brightness = data->brightness;
  self->quality.contrast = data->contrast;
  estimate_pose (data->landmarks, &self->quality);
  self->reasons = reasons_for (&self->quality, score, detector, policy);
  return self;
}

const LineupBox *
lineup_face_get_box (LineupFace *self)
{
  return &self->box;
}

double
lineup_face_get_score (LineupFace *self)
{
  return self->score;
}

const char *
lineup_face_get_detector (LineupFace *self)
{
  return self->detector;
}

const float *
lineup_face_get_landmarks (LineupFace *self)
{
  return self->landmarks;
}

const float *
lineup_face_get_descriptor (LineupFace *self)
{
  return self->descriptor;
}

const char *
lineup_face_get_model_id (LineupFace *self)
{
  return self->model_id;
}

const LineupQuality *
lineup_face_get_quality (LineupFace *self)
{
  return &self->quality;
}

const char *const *
lineup_face_get_reasons (LineupFace *self)
{
  return (const char *const *)self->reasons;
}

gboolean
lineup_face_is_acceptable (LineupFace *self)
{
  return self->reasons[0] == NULL;
}

GBytes *
lineup_face_get_chip (LineupFace *self)
{
  return self->chip;
}

double
lineup_face_get_area (LineupFace *self)
{
  return (self->box.right - self->box.left) * (self->box.bottom - self->box.top);
}

/* Euclidean distance: dlib's descriptors are not unit length, and the
 * network was trained so that 0.6 separates same from different people. */
double
lineup_descriptor_distance (const float *a,
                            const float *b)
{
  double sum = 0;

  for (int i = 0; i < LINEUP_SHIM_DESCRIPTOR_DIM; i++)
    {
      double d = (double)a[i] - b[i];
      sum += d * d;
    }
  return sqrt (sum);
}

/* Shown to users as a percentage: linear in the distance, 100 % at 0,
 * 50 % at the default threshold 0.6, 0 % at 1.2 and beyond. It is a
 * presentation of the distance, not a probability of identity. */
double
lineup_similarity_from_distance (double distance)
{
  return CLAMP (1.0 - distance / 1.2, 0.0, 1.0);
}

void
lineup_face_to_json (LineupFace  *self,
                     JsonBuilder *b,
                     gboolean     with_landmarks)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "box");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "left");
  json_builder_add_double_value (b, self->box.left);
  json_builder_set_member_name (b, "top");
  json_builder_add_double_value (b, self->box.top);
  json_builder_set_member_name (b, "right");
  json_builder_add_double_value (b, self->box.right);
  json_builder_set_member_name (b, "bottom");
  json_builder_add_double_value (b, self->box.bottom);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, self->score);
  json_builder_set_member_name (b, "detector");
  json_builder_add_string_value (b, self->detector);
  if (with_landmarks)
    {
      json_builder_set_member_name (b, "landmarks");
      json_builder_begin_array (b);
      for (int i = 0; i < LINEUP_SHIM_N_LANDMARKS; i++)
        {
          json_builder_begin_array (b);
          json_builder_add_double_value (b, self->landmarks[2 * i]);
          json_builder_add_double_value (b, self->landmarks[2 * i + 1]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "quality");
  json_builder_begin_object (b);
#define Q(field)                            \
  json_builder_set_member_name (b, #field); \
  json_builder_add_double_value (b, round (self->quality.field * 100) / 100);
  Q (face_width)
  Q (eye_distance)
  Q (sharpness)
  Q (brightness)
  Q (contrast)
  Q (yaw)
  Q (pitch)
  Q (roll)
#undef Q
  json_builder_end_object (b);
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; self->reasons[i]; i++)
    json_builder_add_string_value (b, self->reasons[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}
