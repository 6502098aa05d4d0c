/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-engine.h: from an image to faces with landmarks, quality and a
 * descriptor. One engine holds one copy of each network and serializes its
 * callers; for parallel work give each worker thread its own engine. */
#pragma once

#include <gio/gio.h>

#include "lineup-face.h"
#include "lineup-image.h"

G_BEGIN_DECLS

/* The descriptor model every stored descriptor is tagged with: the network
 * and its alignment (68 points, 150 px chip). Averaging over the mirror and
 * jitters estimates the same embedding, so it is not part of the id. */
#define LINEUP_RESNET_MODEL_ID "dlib_face_recognition_resnet_model_v1/chip150"
#define LINEUP_RESNET_FILE "dlib_face_recognition_resnet_model_v1.dat"
#define LINEUP_LANDMARKS_FILE "shape_predictor_68_face_landmarks.dat"
#define LINEUP_BLAZEFACE_FILE "blazeface/face_detection_back_256x256_barracuda.onnx"
#define LINEUP_DEFAULT_THRESHOLD 0.6

typedef struct
{
  LineupShimDetector  detector;
  int                 upsample; /* HOG only: doublings of the image */
  gboolean            fallback; /* no face found: try the other detector */
  int                 jitter;   /* extra jittered views averaged into a descriptor */
  LineupQualityPolicy policy;
} LineupDetectOptions;

void        lineup_detect_options_init_default (LineupDetectOptions *options);
gboolean    lineup_detector_from_string (const char         *name,
                                         LineupShimDetector *detector);
const char *lineup_detector_to_string (LineupShimDetector detector);

#define LINEUP_TYPE_ENGINE (lineup_engine_get_type ())
G_DECLARE_FINAL_TYPE (LineupEngine, lineup_engine, LINEUP, ENGINE, GObject)

LineupEngine *lineup_engine_new (const char *model_dir,
                                 GError    **error);
const char   *lineup_engine_get_model_id (LineupEngine *self);
const char   *lineup_engine_get_model_sha256 (LineupEngine *self);
GPtrArray    *lineup_engine_detect (LineupEngine              *self,
                                    LineupImage               *image,
                                    const LineupDetectOptions *options,
                                    GError                   **error);
LineupFace   *lineup_engine_describe_box (LineupEngine              *self,
                                          LineupImage               *image,
                                          const LineupBox           *box,
                                          const LineupDetectOptions *options,
                                          GError                   **error);
gboolean      lineup_engine_describe_chips (LineupEngine *self,
                                            const guint8 *chips_rgb,
                                            int           n,
                                            float        *descriptors,
                                            GError      **error);
LineupFace   *lineup_faces_largest (GPtrArray *faces);
LineupFace   *lineup_faces_nearest_center (GPtrArray *faces,
                                           int        width,
                                           int        height);

G_END_DECLS
