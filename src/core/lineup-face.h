/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-face.h: one face found in an image: where, how good, and its
 * descriptor (tagged with the model that made it). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-shim.h"

G_BEGIN_DECLS

typedef struct
{
  double left;
  double top;
  double right;
  double bottom;
} LineupBox;

/* The one box type of the core's records (faces, candidates). */
#define LINEUP_TYPE_BOX (lineup_box_get_type ())
GType      lineup_box_get_type (void) G_GNUC_CONST;
LineupBox *lineup_box_copy (const LineupBox *box);
void       lineup_box_free (LineupBox *box);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupBox, lineup_box_free)

/* An image point, px: landmarks are arrays of these. */
typedef struct
{
  double x;
  double y;
} LineupPoint;

typedef struct
{
  double face_width;   /* box width, px */
  double eye_distance; /* between the eye centres, px */
  double sharpness;    /* variance of the Laplacian on the aligned chip */
  double brightness;   /* mean grey level of the chip, 0–255 */
  double contrast;     /* standard deviation of the chip's grey levels */
  double yaw;          /* degrees, estimated from landmarks; + = face turned to image right */
  double pitch;        /* degrees; + = chin up */
  double roll;         /* degrees; + = clockwise in the image */
} LineupQuality;

/* Minimum quality: below it a face gets reason codes and is kept out of
 * search unless the policy says otherwise. */
typedef struct
{
  double min_face_width;
  double min_sharpness;
  double min_brightness;
  double max_abs_yaw;
  double max_abs_pitch;
  double max_abs_roll;
  double min_hog_score;
  double min_blazeface_score;
} LineupQualityPolicy;

#define LINEUP_REASON_SMALL_FACE "SMALL_FACE"
#define LINEUP_REASON_LOW_SHARPNESS "LOW_SHARPNESS"
#define LINEUP_REASON_LOW_BRIGHTNESS "LOW_BRIGHTNESS"
#define LINEUP_REASON_EXTREME_POSE "EXTREME_POSE"
#define LINEUP_REASON_LOW_CONFIDENCE "LOW_CONFIDENCE"

void lineup_quality_policy_init_default (LineupQualityPolicy *policy);

#define LINEUP_TYPE_FACE (lineup_face_get_type ())
G_DECLARE_FINAL_TYPE (LineupFace, lineup_face, LINEUP, FACE, GObject)

LineupFace          *lineup_face_new (const LineupBox           *box,
                                      double                     score,
                                      const char                *detector,
                                      const LineupShimFaceData  *data,
                                      const char                *model_id,
                                      GBytes                    *chip_rgb,
                                      const LineupQualityPolicy *policy);
const LineupBox     *lineup_face_get_box (LineupFace *self);
double               lineup_face_get_score (LineupFace *self);
const char          *lineup_face_get_detector (LineupFace *self);
const float         *lineup_face_get_landmarks (LineupFace *self);
const float         *lineup_face_get_descriptor (LineupFace *self);
const char          *lineup_face_get_model_id (LineupFace *self);
const LineupQuality *lineup_face_get_quality (LineupFace *self);
const char *const   *lineup_face_get_reasons (LineupFace *self);
gboolean             lineup_face_is_acceptable (LineupFace *self);
GBytes              *lineup_face_get_chip (LineupFace *self);
double               lineup_face_get_area (LineupFace *self);

double lineup_descriptor_distance (const float *a,
                                   const float *b);
double lineup_similarity_from_distance (double distance);

void lineup_face_to_json (LineupFace  *self,
                          JsonBuilder *builder,
                          gboolean     with_landmarks);

G_END_DECLS
