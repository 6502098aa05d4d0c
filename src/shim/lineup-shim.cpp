/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-shim.cpp: OpenCV and dlib behind a C API.
 *
 * Every extern "C" function runs its body inside guard(), which turns any C++
 * exception into a GError: nothing C++ ever unwinds into C.
 */
#define G_LOG_DOMAIN "lineup-shim"

#include "lineup-shim.h"

#include <dlfcn.h>

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>
#include <dlib/opencv/cv_image.h>
#include <dlib/revision.h>
#include <opencv2/core.hpp>
#include <opencv2/core/version.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "lineup-blazeface.hpp"
#include "lineup-resnet.hpp"

#define LINEUP_STR2(x) #x
#define LINEUP_STR(x) LINEUP_STR2 (x)

struct _LineupShimImage
{
  cv::Mat bgr; /* CV_8UC3, continuous */
};

struct _LineupShimEngine
{
  lineup::anet_type                            net;
  dlib::frontal_face_detector                  hog;
  std::shared_ptr<const dlib::shape_predictor> landmarks;
  std::unique_ptr<lineup::BlazeFace>           blazeface;
};

namespace {

struct shim_error : std::runtime_error
{
  LineupShimError code;
  shim_error (LineupShimError c, const std::string &msg)
      : std::runtime_error (msg), code (c)
  {
  }
};

template <typename F>
bool
guard (GError **error, F &&body)
{
  try
    {
      body ();
      return true;
    }
  catch (const shim_error &e)
    {
      g_set_error_literal (error, LINEUP_SHIM_ERROR, e.code, e.what ());
    }
  catch (const std::bad_alloc &)
    {
      g_set_error_literal (error, LINEUP_SHIM_ERROR, LINEUP_SHIM_ERROR_FAILED,
                           "out of memory");
    }
  catch (const std::exception &e)
    {
      g_set_error_literal (error, LINEUP_SHIM_ERROR, LINEUP_SHIM_ERROR_FAILED, e.what ());
    }
  catch (...)
    {
      g_set_error_literal (error, LINEUP_SHIM_ERROR, LINEUP_SHIM_ERROR_FAILED,
                           "unknown C++ exception");
    }
  return false;
}

/* The 68-point model is 100 MB and read-only once loaded, so every engine
 * in the process shares one copy (shape_predictor::operator() is const). */
std::shared_ptr<const dlib::shape_predictor>
shared_shape_predictor (const std::string &path)
{
  static std::mutex                                                        lock;
  static std::map<std::string, std::weak_ptr<const dlib::shape_predictor>> cache;
  std::lock_guard<std::mutex>                                              hold (lock);

  if (auto sp = cache[path].lock ())
    return sp;
  auto sp = std::make_shared<dlib::shape_predictor> ();
  dlib::deserialize (path) >> *sp;
  cache[path] = sp;
  return sp;
}

/* HOG upsampling quadruples the pixels each time; beyond this the detector
 * would need gigabytes, and faces that small are useless anyway. */
constexpr double max_upsampled_pixels = 40e6;

std::vector<dlib::rect_detection>
detect_hog (dlib::frontal_face_detector &hog,
            const cv::Mat               &bgr,
            int                          upsample)
{
  dlib::matrix<unsigned char>       gray;
  cv::Mat                           g;
  std::vector<dlib::rect_detection> dets;

  cv::cvtColor (bgr, g, cv::COLOR_BGR2GRAY);
  dlib::assign_image (gray, dlib::cv_image<unsigned char> (cvIplImage (g)));
  while (upsample > 0 && (double)gray.size () * 4 <= max_upsampled_pixels)
    {
      dlib::pyramid_up (gray);
      upsample--;
    }
  const double scale = (double)gray.nc () / bgr.cols;
  hog (gray, dets, 0.0);
  for (auto &d : dets)
    d.rect = dlib::rectangle ((long)std::lround (d.rect.left () / scale),
                              (long)std::lround (d.rect.top () / scale),
                              (long)std::lround (d.rect.right () / scale),
                              (long)std::lround (d.rect.bottom () / scale));
  return dets;
}

/* Where dlib's HOG detector puts its box relative to the bounding box of
 * the 68 landmarks, measured on 468 LFW faces (tools: see README, Quality):
 * centre x +0.0 w (sd 0.09), centre y -0.122 h (sd 0.04), width 1.08 w,
 * height 1.11 h. */
dlib::rectangle
hog_like_box (const dlib::full_object_detection &shape)
{
  dlib::rectangle r = shape.get_rect ();
  double          x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;

  for (unsigned long i = 0; i < shape.num_parts (); i++)
    {
      x0 = std::min (x0, (double)shape.part (i).x ());
      y0 = std::min (y0, (double)shape.part (i).y ());
      x1 = std::max (x1, (double)shape.part (i).x ());
      y1 = std::max (y1, (double)shape.part (i).y ());
    }
  if (x1 <= x0 || y1 <= y0)
    return r;
  const double w = x1 - x0, h = y1 - y0;
  const double cx = (x0 + x1) / 2 - 0.021 * w, cy = (y0 + y1) / 2 - 0.122 * h;
  const double side = (1.082 * w + 1.106 * h) / 2;
  return dlib::rectangle ((long)std::lround (cx - side / 2), (long)std::lround (cy - side / 2),
                          (long)std::lround (cx + side / 2), (long)std::lround (cy + side / 2));
}

} // namespace

extern "C" {

GQuark
lineup_shim_error_quark (void)
{
  return g_quark_from_static_string ("lineup-shim-error-quark");
}

const char *
lineup_shim_opencv_version (void)
{
  return CV_VERSION;
}

const char *
lineup_shim_dlib_version (void)
{
  return LINEUP_STR (DLIB_MAJOR_VERSION) "." LINEUP_STR (DLIB_MINOR_VERSION);
}

gboolean
lineup_shim_set_blas_threads (int n)
{
  /* dlib links the generic libblas.so; when Debian's alternative points at
   * OpenBLAS its thread count is set here, otherwise there is nothing to do. */
  using set_fn = void (*) (int);
  auto fn = (set_fn)dlsym (RTLD_DEFAULT, "openblas_set_num_threads");

  if (fn == nullptr)
    return FALSE;
  fn (n);
  return TRUE;
}

/* images */

LineupShimImage *
lineup_shim_image_decode (const guint8 *data,
                          gsize         len,
                          const char   *name,
                          GError      **error)
{
  LineupShimImage *image = nullptr;

  guard (error, [&] {
    if (len == 0 || len > (gsize)INT_MAX)
      throw shim_error (LINEUP_SHIM_ERROR_IMAGE, std::string (name) + ": empty or oversized file");
    cv::Mat buf (1, (int)len, CV_8UC1, (void *)data);
    /* IMREAD_COLOR: 8-bit BGR whatever the source depth or alpha, with the
     * EXIF orientation applied. */
    cv::Mat m = cv::imdecode (buf, cv::IMREAD_COLOR);
    if (m.empty ())
      throw shim_error (LINEUP_SHIM_ERROR_IMAGE,
                        std::string (name) + ": the image data is corrupt or truncated");
    image = new _LineupShimImage;
    image->bgr = m.isContinuous () ? m : m.clone ();
  });
  return image;
}

LineupShimImage *
lineup_shim_image_new_from_rgb (const guint8 *rgb,
                                int           width,
                                int           height,
                                int           stride,
                                GError      **error)
{
  LineupShimImage *image = nullptr;

  guard (error, [&] {
    if (width <= 0 || height <= 0 || stride < width * 3)
      throw shim_error (LINEUP_SHIM_ERROR_ARGUMENT, "invalid image dimensions");
    cv::Mat src (height, width, CV_8UC3, (void *)rgb, (size_t)stride);
    auto   *img = new _LineupShimImage;
    cv::cvtColor (src, img->bgr, cv::COLOR_RGB2BGR);
    image = img;
  });
  return image;
}

int
lineup_shim_image_get_width (const LineupShimImage *image)
{
  return image->bgr.cols;
}

int
lineup_shim_image_get_height (const LineupShimImage *image)
{
  return image->bgr.rows;
}

void
lineup_shim_image_copy_rgb (const LineupShimImage *image,
                            guint8                *rgb)
{
  cv::Mat dst (image->bgr.rows, image->bgr.cols, CV_8UC3, rgb);
  try
    {
      cv::cvtColor (image->bgr, dst, cv::COLOR_BGR2RGB);
    }
  catch (...)
    {
      g_critical ("lineup_shim_image_copy_rgb: conversion failed");
    }
}

LineupShimImage *
lineup_shim_image_crop (const LineupShimImage *image,
                        int                    x,
                        int                    y,
                        int                    width,
                        int                    height,
                        GError               **error)
{
  LineupShimImage *out = nullptr;

  guard (error, [&] {
    cv::Rect r = cv::Rect (x, y, width, height) & cv::Rect (0, 0, image->bgr.cols, image->bgr.rows);
    if (r.width <= 0 || r.height <= 0)
      throw shim_error (LINEUP_SHIM_ERROR_ARGUMENT, "the crop lies outside the image");
    out = new _LineupShimImage;
    out->bgr = image->bgr (r).clone ();
  });
  return out;
}

LineupShimImage *
lineup_shim_image_resize (const LineupShimImage *image,
                          int                    width,
                          int                    height,
                          GError               **error)
{
  LineupShimImage *out = nullptr;

  guard (error, [&] {
    if (width <= 0 || height <= 0)
      throw shim_error (LINEUP_SHIM_ERROR_ARGUMENT, "invalid size");
    auto *img = new _LineupShimImage;
    cv::resize (image->bgr, img->bgr, cv::Size (width, height), 0, 0,
                width < image->bgr.cols ? cv::INTER_AREA : cv::INTER_LINEAR);
    out = img;
  });
  return out;
}

void
lineup_shim_image_free (LineupShimImage *image)
{
  delete image;
}

/* engine */

LineupShimEngine *
lineup_shim_engine_new (const char *resnet_path,
                        const char *landmarks_path,
                        const char *blazeface_path,
                        GError    **error)
{
  std::unique_ptr<_LineupShimEngine> engine;

  if (!guard (error, [&] {
        engine.reset (new _LineupShimEngine);
        engine->hog = dlib::get_frontal_face_detector ();
        try
          {
            dlib::deserialize (resnet_path) >> engine->net;
          }
        catch (const std::exception &e)
          {
            throw shim_error (LINEUP_SHIM_ERROR_MODEL, std::string (resnet_path) +
                                                         ": cannot load the face-recognition network: " +
                                                         e.what ());
          }
        try
          {
            engine->landmarks = shared_shape_predictor (landmarks_path);
          }
        catch (const std::exception &e)
          {
            throw shim_error (LINEUP_SHIM_ERROR_MODEL, std::string (landmarks_path) +
                                                         ": cannot load the landmark model: " +
                                                         e.what ());
          }
        if (blazeface_path != nullptr)
          engine->blazeface.reset (new lineup::BlazeFace (blazeface_path));
      }))
    return nullptr;
  return engine.release ();
}

gboolean
lineup_shim_engine_has_detector (LineupShimEngine  *engine,
                                 LineupShimDetector detector)
{
  return detector == LINEUP_SHIM_DETECTOR_HOG || engine->blazeface != nullptr;
}

int
lineup_shim_engine_detect (LineupShimEngine      *engine,
                           const LineupShimImage *image,
                           LineupShimDetector     detector,
                           int                    upsample,
                           LineupShimBox        **boxes,
                           GError               **error)
{
  int n = -1;

  *boxes = nullptr;
  guard (error, [&] {
    std::vector<LineupShimBox> out;

    if (detector == LINEUP_SHIM_DETECTOR_HOG)
      {
        for (const auto &d : detect_hog (engine->hog, image->bgr, upsample))
          out.push_back ({ (float)d.rect.left (), (float)d.rect.top (), (float)d.rect.right () + 1,
                           (float)d.rect.bottom () + 1, (float)d.detection_confidence });
      }
    else
      {
        if (!engine->blazeface)
          throw shim_error (LINEUP_SHIM_ERROR_MODEL, "the BlazeFace model is not loaded");
        /* One 256-px pass misses faces under ~4 % of the long side; large
         * photos also get overlapping tiles (bench/bench-detectors). */
        const bool large = std::max (image->bgr.cols, image->bgr.rows) >= 1024;
        for (const auto &d : large ? engine->blazeface->detect_tiled (image->bgr)
                                   : engine->blazeface->detect (image->bgr))
          out.push_back ({ d.box.x, d.box.y, d.box.x + d.box.width, d.box.y + d.box.height,
                           d.score });
      }
    n = (int)out.size ();
    *boxes = (LineupShimBox *)g_memdup2 (out.data (), out.size () * sizeof (LineupShimBox));
  });
  return n;
}

gboolean
lineup_shim_engine_describe (LineupShimEngine      *engine,
                             const LineupShimImage *image,
                             const LineupShimBox   *box,
                             gboolean               refine_box,
                             int                    jitter,
                             LineupShimFaceData    *out,
                             guint8                *chip_rgb,
                             GError               **error)
{
  return guard (error, [&] {
    const cv::Mat                  &bgr = image->bgr;
    dlib::cv_image<dlib::bgr_pixel> cimg (cvIplImage (bgr));
    dlib::rectangle                 rect ((long)std::lround (box->left), (long)std::lround (box->top),
                                          (long)std::lround (box->right) - 1, (long)std::lround (box->bottom) - 1);
    if (rect.is_empty () || rect.width () < 8 || rect.height () < 8)
      throw shim_error (LINEUP_SHIM_ERROR_ARGUMENT, "the face box is too small (under 8 pixels)");

    dlib::full_object_detection shape = (*engine->landmarks) (cimg, rect);
    if (refine_box)
      shape = (*engine->landmarks) (cimg, hog_like_box (shape));
    for (unsigned long i = 0; i < shape.num_parts () && i < LINEUP_SHIM_N_LANDMARKS; i++)
      {
        out->landmarks[2 * i] = (float)shape.part (i).x ();
        out->landmarks[2 * i + 1] = (float)shape.part (i).y ();
      }

    dlib::matrix<dlib::rgb_pixel> chip;
    dlib::extract_image_chip (cimg, dlib::get_face_chip_details (shape, LINEUP_SHIM_CHIP_SIZE, 0.25),
                              chip);
    /* The descriptor is the mean over the chip, its mirror image and, if
     * asked, `jitter` randomly shifted/scaled/rotated copies (dlib's
     * jitter_image with a fixed seed, so the result is repeatable). On LFW
     * DevTrain pairs the mirror lifts TAR at FAR 1e-3 from 93.8 % to 96.3 %;
     * 8 jitters lift best-threshold accuracy from 98.86 % to 99.05 % at
     * about 3× the time (README, Face models). */
    std::vector<dlib::matrix<dlib::rgb_pixel>> views (2);
    views[0] = chip;
    dlib::flip_image_left_right (chip, views[1]);
    dlib::rand rnd (1);
    for (int j = 0; j < jitter; j++)
      views.push_back (dlib::jitter_image (chip, rnd));
    std::vector<dlib::matrix<float, 0, 1>> ds = engine->net (views, 16);
    dlib::matrix<float, 0, 1>              d = ds[0];
    for (size_t j = 1; j < ds.size (); j++)
      d += ds[j];
    d = d / (float)ds.size ();
    for (int i = 0; i < LINEUP_SHIM_DESCRIPTOR_DIM; i++)
      out->descriptor[i] = d (i);

    cv::Mat chip_rgb_mat (LINEUP_SHIM_CHIP_SIZE, LINEUP_SHIM_CHIP_SIZE, CV_8UC3,
                          dlib::image_data (chip));
    cv::Mat gray, lap;
    cv::cvtColor (chip_rgb_mat, gray, cv::COLOR_RGB2GRAY);
    cv::Scalar mean, stddev;
    cv::meanStdDev (gray, mean, stddev);
    out->brightness = (float)mean[0];
    out->contrast = (float)stddev[0];
    cv::Laplacian (gray, lap, CV_64F);
    cv::meanStdDev (lap, mean, stddev);
    out->sharpness = (float)(stddev[0] * stddev[0]);

    if (chip_rgb != nullptr)
      memcpy (chip_rgb, dlib::image_data (chip), LINEUP_SHIM_CHIP_SIZE * LINEUP_SHIM_CHIP_SIZE * 3);
  });
}

gboolean
lineup_shim_engine_fit_landmarks (LineupShimEngine      *engine,
                                  const LineupShimImage *image,
                                  const LineupShimBox   *box,
                                  float                 *landmarks,
                                  GError               **error)
{
  return guard (error, [&] {
    dlib::cv_image<dlib::bgr_pixel> cimg (cvIplImage (image->bgr));
    dlib::rectangle                 rect ((long)std::lround (box->left), (long)std::lround (box->top),
                                          (long)std::lround (box->right) - 1, (long)std::lround (box->bottom) - 1);
    dlib::full_object_detection     shape = (*engine->landmarks) (cimg, rect);
    for (unsigned long i = 0; i < shape.num_parts () && i < LINEUP_SHIM_N_LANDMARKS; i++)
      {
        landmarks[2 * i] = (float)shape.part (i).x ();
        landmarks[2 * i + 1] = (float)shape.part (i).y ();
      }
  });
}

gboolean
lineup_shim_engine_describe_chips (LineupShimEngine *engine,
                                   const guint8     *chips_rgb,
                                   int               n,
                                   float            *descriptors,
                                   GError          **error)
{
  return guard (error, [&] {
    const size_t                               chip_bytes = LINEUP_SHIM_CHIP_SIZE * LINEUP_SHIM_CHIP_SIZE * 3;
    std::vector<dlib::matrix<dlib::rgb_pixel>> chips ((size_t)n);
    for (int i = 0; i < n; i++)
      {
        chips[i].set_size (LINEUP_SHIM_CHIP_SIZE, LINEUP_SHIM_CHIP_SIZE);
        memcpy (dlib::image_data (chips[i]), chips_rgb + i * chip_bytes, chip_bytes);
      }
    std::vector<dlib::matrix<float, 0, 1>> out = engine->net (chips, 16);
    for (int i = 0; i < n; i++)
      for (int k = 0; k < LINEUP_SHIM_DESCRIPTOR_DIM; k++)
        descriptors[i * LINEUP_SHIM_DESCRIPTOR_DIM + k] = out[i](k);
  });
}

void
lineup_shim_engine_free (LineupShimEngine *engine)
{
  delete engine;
}

} /* extern "C" */
