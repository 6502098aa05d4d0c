/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-blazeface.cpp: MediaPipe BlazeFace (back-camera, 256x256) on
 * OpenCV DNN.  See lineup-blazeface.hpp for the tensor layout.
 *
 * Pre/post-processing follows MediaPipe's face_detection_back graph and
 * keijiro's BlazeFaceBarracuda (Postprocess1Kernel.hlsl / Postprocess2):
 *   - the image is letterboxed (centred, black padding) to a square and
 *     resized to 256x256, RGB, (v / 127.5) - 1, NHWC;
 *   - SSD anchors: strides 16, 32, 32, 32 collapse to two grids, 16x16 x 2
 *     anchors and 8x8 x 6 anchors = 896, centres at (i + 0.5) / cells, fixed
 *     anchor size 1, so box = anchor * 256 + raw (x, y), raw (w, h), in 256-px
 *     input units (x_scale = y_scale = w_scale = h_scale = 256);
 *   - score = sigmoid(clamp(logit, -100, 100));
 *   - weighted NMS at IoU 0.3 (as keijiro's Postprocess2 and MediaPipe's
 *     face detection graphs: min_suppression_threshold 0.3, WEIGHTED);
 *   - detections narrower than min_face_px (10) input pixels are dropped.
 */
#include "lineup-blazeface.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lineup {

namespace {

constexpr int kS = BlazeFace::kInputSize;
constexpr int kAnchors = 896;
constexpr int kCoords = 16;

/* Correction from the MediaPipe box to the dlib HOG / imglab box, in units
 * of the MediaPipe box width (the model's boxes are square in pixels,
 * median h/w 1.000):
 *   dlib centre x = cx + kDx * w,  dlib centre y = cy + kDy * w,
 *   dlib side = kSide * w.
 * Measured with bench/blazeface-eval.cpp --calibrate (medians over pairs at
 * IoU >= 0.3): vs the imglab truth of dlib's examples/faces (42 faces)
 * dx -0.040, dy -0.029, side 1.077; vs dlib HOG (upsample 1) boxes on 187
 * faces of group photos dx -0.035, dy -0.043, side 1.046.  Mirroring the
 * input shows no horizontal bias in this pipeline (+-0.005 w), so the
 * small leftward shift is the dlib convention.  The raw box is already
 * "eyebrows to chin" like dlib's; the correction moves it ~4% up-left and
 * grows it ~6%. */
constexpr float kDx = -0.04f;
constexpr float kDy = -0.035f;
constexpr float kSide = 1.06f;

float
iou (const cv::Rect2f &a, const cv::Rect2f &b)
{
  const float ix = std::max (0.f, std::min (a.x + a.width, b.x + b.width) - std::max (a.x, b.x));
  const float iy = std::max (0.f, std::min (a.y + a.height, b.y + b.height) - std::max (a.y, b.y));
  const float inter = ix * iy;
  const float uni = a.area () + b.area () - inter;
  return uni > 0.f ? inter / uni : 0.f;
}

/* Resize the (already clipped, non-empty) crop to size and convert to 8-bit
 * BGR. */
cv::Mat
crop_to_bgr8 (const cv::Mat &img, const cv::Rect &crop, cv::Size size)
{
  cv::Mat    src = img (crop);
  cv::Mat    resized;
  const bool down = size.width < crop.width || size.height < crop.height;
  cv::resize (src, resized, size, 0, 0, down ? cv::INTER_AREA : cv::INTER_LINEAR);

  if (resized.depth () != CV_8U)
    {
      double alpha = 1.0;
      switch (resized.depth ())
        {
        case CV_16U:
          alpha = 1.0 / 257.0;
          break;
        case CV_16S:
          alpha = 1.0 / 128.0;
          break;
        case CV_32F:
        case CV_64F:
          alpha = 255.0;
          break; /* floats taken as [0, 1] */
        default:
          break;
        }
      cv::Mat tmp;
      resized.convertTo (tmp, CV_8U, alpha);
      resized = tmp;
    }

  cv::Mat bgr;
  switch (resized.channels ())
    {
    case 1:
      cv::cvtColor (resized, bgr, cv::COLOR_GRAY2BGR);
      break;
    case 3:
      bgr = resized;
      break;
    case 4:
      cv::cvtColor (resized, bgr, cv::COLOR_BGRA2BGR);
      break;
    default:
      throw std::invalid_argument ("BlazeFace: unsupported channel count " + std::to_string (resized.channels ()));
    }
  return bgr;
}

void
to_dlib_style (BlazeFaceDetection &d)
{
  const float w = d.box.width;
  const float cx = d.box.x + d.box.width / 2 + kDx * w;
  const float cy = d.box.y + d.box.height / 2 + kDy * w;
  const float side = kSide * w;
  d.box = cv::Rect2f (cx - side / 2, cy - side / 2, side, side);
}

} // namespace

BlazeFace::BlazeFace (const std::string &onnx_path)
{
  try
    {
      net_ = cv::dnn::readNetFromONNX (onnx_path);
    }
  catch (const cv::Exception &e)
    {
      throw std::runtime_error ("BlazeFace: cannot load ONNX model '" + onnx_path + "': " + e.what ());
    }
  if (net_.empty ())
    throw std::runtime_error ("BlazeFace: ONNX model '" + onnx_path + "' is empty");

  net_.setPreferableBackend (cv::dnn::DNN_BACKEND_OPENCV);
  net_.setPreferableTarget (cv::dnn::DNN_TARGET_CPU);

  out_names_ = { "Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0" };

  /* Anchor table in output order: for each grid, row-major cells, then the
   * anchors of a cell (all of a cell's anchors share its centre). */
  anchors_.reserve (kAnchors);
  const struct
  {
    int cells, per_cell;
  } grids[] = { { 16, 2 }, { 8, 6 } };
  for (const auto &g : grids)
    for (int y = 0; y < g.cells; y++)
      for (int x = 0; x < g.cells; x++)
        for (int a = 0; a < g.per_cell; a++)
          anchors_.push_back ({ (x + 0.5f) / g.cells, (y + 0.5f) / g.cells });

  const int shape[4] = { 1, kS, kS, 3 };
  input_.create (4, shape, CV_32F);
  input_.setTo (0);

  /* Dry run: checks the output names and shapes, so a wrong model fails
   * here and not on the first photo. */
  try
    {
      net_.setInput (input_);
      std::vector<cv::Mat> outs;
      net_.forward (outs, out_names_);
      const int expect[4][2] = { { 512, 1 }, { 384, 1 }, { 512, kCoords }, { 384, kCoords } };
      for (int i = 0; i < 4; i++)
        if (outs[i].total () != size_t (expect[i][0] * expect[i][1]))
          throw std::runtime_error ("output '" + out_names_[i] + "' has " + std::to_string (outs[i].total ()) + " values, expected " + std::to_string (expect[i][0] * expect[i][1]));
    }
  catch (const cv::Exception &e)
    {
      throw std::runtime_error ("BlazeFace: model '" + onnx_path + "' does not run as a 1x256x256x3 BlazeFace: " + e.what ());
    }
  catch (const std::runtime_error &e)
    {
      throw std::runtime_error ("BlazeFace: model '" + onnx_path + "' is not the 256x256 back-camera BlazeFace: " + e.what ());
    }
}

void
BlazeFace::run_square (const cv::Mat &img, const cv::Rect &roi, float min_score, float min_px, std::vector<BlazeFaceDetection> &out)
{
  const cv::Rect inner = roi & cv::Rect (0, 0, img.cols, img.rows);
  if (inner.empty () || roi.width <= 0)
    return;

  /* Where the clipped crop lands on the 256x256 canvas. */
  const double scale = double (kS) / roi.width;
  int          ox = int (std::lround ((inner.x - roi.x) * scale));
  int          oy = int (std::lround ((inner.y - roi.y) * scale));
  int          rw = std::max (1, int (std::lround (inner.width * scale)));
  int          rh = std::max (1, int (std::lround (inner.height * scale)));
  ox = std::min (ox, kS - 1);
  oy = std::min (oy, kS - 1);
  rw = std::min (rw, kS - ox);
  rh = std::min (rh, kS - oy);

  cv::Mat bgr = crop_to_bgr8 (img, inner, cv::Size (rw, rh));

  cv::Mat canvas (kS, kS, CV_32FC3, input_.ptr<float> ());
  canvas.setTo (cv::Scalar::all (-1.0)); /* black padding */
  cv::Mat rgb;
  cv::cvtColor (bgr, rgb, cv::COLOR_BGR2RGB);
  rgb.convertTo (canvas (cv::Rect (ox, oy, rw, rh)), CV_32F, 1.0 / 127.5, -1.0);

  net_.setInput (input_);
  std::vector<cv::Mat> outs;
  net_.forward (outs, out_names_);
  last_passes_++;

  /* Canvas (256-px units) -> original image pixels. */
  const float fx = float (inner.width) / rw, fy = float (inner.height) / rh;
  const auto  map_x = [&] (float u) { return inner.x + (u - ox) * fx; };
  const auto  map_y = [&] (float v) { return inner.y + (v - oy) * fy; };

  int idx = 0;
  for (int layer = 0; layer < 2; layer++)
    {
      const float *scores = outs[layer].ptr<float> ();
      const float *boxes = outs[2 + layer].ptr<float> ();
      const int    n = int (outs[layer].total ());
      for (int i = 0; i < n; i++, idx++)
        {
          const float logit = std::min (100.f, std::max (-100.f, scores[i]));
          const float score = 1.f / (1.f + std::exp (-logit));
          if (score < min_score)
            continue;
          const float *r = boxes + size_t (i) * kCoords;
          const float  ax = anchors_[idx].cx * kS, ay = anchors_[idx].cy * kS;
          const float  cx = ax + r[0], cy = ay + r[1], w = r[2], h = r[3];
          if (!(w > 0.f && h > 0.f) || w < min_px)
            continue;

          BlazeFaceDetection d;
          d.score = score;
          const float x0 = map_x (cx - w / 2), y0 = map_y (cy - h / 2);
          const float x1 = map_x (cx + w / 2), y1 = map_y (cy + h / 2);
          d.box = cv::Rect2f (x0, y0, x1 - x0, y1 - y0);
          for (int k = 0; k < 6; k++)
            d.keypoints[k] = cv::Point2f (map_x (ax + r[4 + 2 * k]), map_y (ay + r[5 + 2 * k]));
          out.push_back (d);
        }
    }
}

std::vector<BlazeFaceDetection>
blazeface_weighted_nms (std::vector<BlazeFaceDetection> dets, float iou_thresh)
{
  std::stable_sort (dets.begin (), dets.end (),
                    [] (const BlazeFaceDetection &a, const BlazeFaceDetection &b) {
                      return a.score > b.score;
                    });
  std::vector<BlazeFaceDetection> result;
  std::vector<char>               used (dets.size (), 0);
  for (size_t i = 0; i < dets.size (); i++)
    {
      if (used[i])
        continue;
      const cv::Rect2f top = dets[i].box;
      double           sw = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      double           kp[6][2] = {};
      for (size_t j = i; j < dets.size (); j++)
        {
          if (used[j] || (j != i && iou (top, dets[j].box) <= iou_thresh))
            continue;
          used[j] = 1;
          const BlazeFaceDetection &d = dets[j];
          const double              s = d.score;
          sw += s;
          x0 += s * d.box.x;
          y0 += s * d.box.y;
          x1 += s * (d.box.x + d.box.width);
          y1 += s * (d.box.y + d.box.height);
          for (int k = 0; k < 6; k++)
            {
              kp[k][0] += s * d.keypoints[k].x;
              kp[k][1] += s * d.keypoints[k].y;
            }
        }
      BlazeFaceDetection m;
      m.score = dets[i].score;
      m.box = cv::Rect2f (float (x0 / sw), float (y0 / sw), float ((x1 - x0) / sw),
                          float ((y1 - y0) / sw));
      for (int k = 0; k < 6; k++)
        m.keypoints[k] = cv::Point2f (float (kp[k][0] / sw), float (kp[k][1] / sw));
      result.push_back (m);
    }
  return result;
}

std::vector<BlazeFaceDetection>
BlazeFace::detect (const cv::Mat &bgr, float min_score, float nms_iou)
{
  last_passes_ = 0;
  if (bgr.empty ())
    return {};

  /* Letterbox: centred square of side max(W, H); the part outside the image
   * is black, as in MediaPipe. */
  const int                       side = std::max (bgr.cols, bgr.rows);
  const cv::Rect                  roi ((bgr.cols - side) / 2, (bgr.rows - side) / 2, side, side);
  std::vector<BlazeFaceDetection> raw;
  run_square (bgr, roi, min_score, min_face_px, raw);

  auto dets = blazeface_weighted_nms (std::move (raw), nms_iou);
  if (dlib_style_boxes)
    for (auto &d : dets)
      to_dlib_style (d);
  return dets;
}

std::vector<BlazeFaceDetection>
BlazeFace::detect_tiled (const cv::Mat &bgr, float min_score, float nms_iou, const BlazeFaceTiling &tiling)
{
  last_passes_ = 0;
  if (bgr.empty ())
    return {};

  const int   W = bgr.cols, H = bgr.rows;
  const int   side = std::max (W, H);
  const float overlap = std::min (0.9f, std::max (0.f, tiling.overlap));

  /* Levels that will actually run: stop before tiles below min_tile. */
  int levels = 0;
  while (levels < tiling.levels && std::lround (side / std::pow (2.0, levels + 1)) >= std::max (16, tiling.min_tile))
    levels++;
  const auto floor_px = [&] (int level) {
    return level < levels ? std::max (min_face_px, tiling.handoff_px) : min_face_px;
  };

  std::vector<BlazeFaceDetection> raw;
  run_square (bgr, cv::Rect ((W - side) / 2, (H - side) / 2, side, side), min_score,
              floor_px (0), raw);

  for (int level = 1; level <= levels; level++)
    {
      const int t = int (std::lround (side / std::pow (2.0, level)));

      /* Tile origins along one axis: evenly spread so that neighbours share
       * at least `overlap` of a tile and the last tile ends at the border.
       * An axis shorter than the tile gets one centred (padded) tile. */
      const auto origins = [&] (int len) {
        std::vector<int> o;
        if (len <= t)
          {
            o.push_back ((len - t) / 2);
            return o;
          }
        const double stride = t * (1.0 - overlap);
        const int    n = int (std::ceil ((len - t) / stride - 1e-9)) + 1;
        for (int i = 0; i < n; i++)
          o.push_back (int (std::lround (double (len - t) * i / (n - 1))));
        return o;
      };

      for (int ty : origins (H))
        for (int tx : origins (W))
          {
            const cv::Rect                  tile (tx, ty, t, t);
            std::vector<BlazeFaceDetection> tdets;
            run_square (bgr, tile, min_score, floor_px (level), tdets);
            /* Drop boxes cut by (or reaching past) an inner tile edge, and
             * boxes too big for this level (the coarser pass has them). */
            const float margin = 0.02f * t;
            for (const auto &d : tdets)
              {
                const cv::Rect2f &b = d.box;
                if (tile.x > 0 && b.x < tile.x + margin)
                  continue;
                if (tile.y > 0 && b.y < tile.y + margin)
                  continue;
                if (tile.x + t < W && b.x + b.width > tile.x + t - margin)
                  continue;
                if (tile.y + t < H && b.y + b.height > tile.y + t - margin)
                  continue;
                if (b.width > std::max (overlap, 0.2f) * t)
                  continue;
                raw.push_back (d);
              }
          }
    }

  auto dets = blazeface_weighted_nms (std::move (raw), nms_iou);
  if (dlib_style_boxes)
    for (auto &d : dets)
      to_dlib_style (d);
  return dets;
}

} // namespace lineup
