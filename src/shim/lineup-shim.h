/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-shim.h: the pure-C face of the C++ code (OpenCV, dlib).
 *
 * This is the only header that crosses the C/C++ boundary. No C++ type or
 * exception passes through it: every entry point catches and turns failures
 * into a GError in the LINEUP_SHIM_ERROR domain (the gexiv2 pattern).
 *
 * Images are 8-bit BGR internally. An engine bundles one copy of each
 * network; dlib networks are not thread-safe, so use one engine per thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_SHIM_ERROR (lineup_shim_error_quark ())

typedef enum
{
  LINEUP_SHIM_ERROR_FAILED,
  LINEUP_SHIM_ERROR_IMAGE,
  LINEUP_SHIM_ERROR_MODEL,
  LINEUP_SHIM_ERROR_ARGUMENT,
} LineupShimError;

#define LINEUP_SHIM_CHIP_SIZE 150
#define LINEUP_SHIM_DESCRIPTOR_DIM 128
#define LINEUP_SHIM_N_LANDMARKS 68

typedef enum
{
  LINEUP_SHIM_DETECTOR_HOG,
  LINEUP_SHIM_DETECTOR_BLAZEFACE,
} LineupShimDetector;

typedef struct _LineupShimImage  LineupShimImage;
typedef struct _LineupShimEngine LineupShimEngine;

typedef struct
{
  float left;
  float top;
  float right;
  float bottom;
  float score;
} LineupShimBox;

typedef struct
{
  float landmarks[LINEUP_SHIM_N_LANDMARKS * 2]; /* x0, y0, x1, y1, … in image pixels */
  float descriptor[LINEUP_SHIM_DESCRIPTOR_DIM];
  float sharpness;  /* variance of the Laplacian on the chip */
  float brightness; /* mean grey level of the chip, 0–255 */
  float contrast;   /* standard deviation of the grey levels */
} LineupShimFaceData;

GQuark lineup_shim_error_quark (void);

const char *lineup_shim_opencv_version (void);
const char *lineup_shim_dlib_version (void);
gboolean    lineup_shim_set_blas_threads (int n);

LineupShimImage *lineup_shim_image_decode (const guint8 *data,
                                           gsize         len,
                                           const char   *name,
                                           GError      **error);
LineupShimImage *lineup_shim_image_new_from_rgb (const guint8 *rgb,
                                                 int           width,
                                                 int           height,
                                                 int           stride,
                                                 GError      **error);
int              lineup_shim_image_get_width (const LineupShimImage *image);
int              lineup_shim_image_get_height (const LineupShimImage *image);
void             lineup_shim_image_copy_rgb (const LineupShimImage *image,
                                             guint8                *rgb);
LineupShimImage *lineup_shim_image_crop (const LineupShimImage *image,
                                         int                    x,
                                         int                    y,
                                         int                    width,
                                         int                    height,
                                         GError               **error);
LineupShimImage *lineup_shim_image_resize (const LineupShimImage *image,
                                           int                    width,
                                           int                    height,
                                           GError               **error);
void             lineup_shim_image_free (LineupShimImage *image);

LineupShimEngine *lineup_shim_engine_new (const char *resnet_path,
                                          const char *landmarks_path,
                                          const char *blazeface_path,
                                          GError    **error);
gboolean          lineup_shim_engine_has_detector (LineupShimEngine  *engine,
                                                   LineupShimDetector detector);
/* Returns the number of boxes (stored in *boxes, g_free() it) or -1. */
int lineup_shim_engine_detect (LineupShimEngine      *engine,
                               const LineupShimImage *image,
                               LineupShimDetector     detector,
                               int                    upsample,
                               LineupShimBox        **boxes,
                               GError               **error);
/* Fits the landmarks inside box, aligns a 150×150 chip and describes it:
 * the descriptor is the mean of the network's output for the chip, for its
 * mirror image and for `jitter` repeatable random jitters of it.
 * refine_box: the box is not a HOG box (BlazeFace, hand-drawn); the landmark
 * model was trained on HOG boxes, so refit it once in a HOG-like box derived
 * from the first fit. chip_rgb, if not NULL, receives the chip (150*150*3
 * bytes, RGB). */
gboolean lineup_shim_engine_describe (LineupShimEngine      *engine,
                                      const LineupShimImage *image,
                                      const LineupShimBox   *box,
                                      gboolean               refine_box,
                                      int                    jitter,
                                      LineupShimFaceData    *out,
                                      guint8                *chip_rgb,
                                      GError               **error);
/* Only the 68 landmarks (x, y pairs) inside box; for benchmarks and overlays. */
gboolean lineup_shim_engine_fit_landmarks (LineupShimEngine      *engine,
                                           const LineupShimImage *image,
                                           const LineupShimBox   *box,
                                           float                 *landmarks,
                                           GError               **error);
/* The raw network on n already aligned 150×150 RGB chips, in one batch (no
 * mirror mean: this is what the reference test checks). */
gboolean lineup_shim_engine_describe_chips (LineupShimEngine *engine,
                                            const guint8     *chips_rgb,
                                            int               n,
                                            float            *descriptors,
                                            GError          **error);
void     lineup_shim_engine_free (LineupShimEngine *engine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShimImage, lineup_shim_image_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupShimEngine, lineup_shim_engine_free)

G_END_DECLS
