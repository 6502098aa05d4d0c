/* blazeface-eval.cpp: recall / false positives / speed of the BlazeFace
 * detector (single pass and tiled) against dlib's HOG frontal face detector
 * (upsample 0, 1, 2) on an imglab-annotated set, by default dlib's
 * examples/faces (training.xml + testing.xml, 9 VOC photos, 43 faces).
 *
 * Build by hand (not wired into meson):
 *   g++ -O2 -std=c++17 -Isrc/shim src/shim/lineup-blazeface.cpp \
 *       bench/blazeface-eval.cpp $(pkg-config --cflags --libs opencv4 dlib-1) \
 *       -o /tmp/bfeval
 *
 * Usage:
 *   bfeval [--data DIR] [--model ONNX] [--reps N] [--calibrate]
 *          [--extra IMAGE...]
 *
 * Matching: detections are taken in descending score order and each is
 * matched to the unmatched non-ignored truth box of highest IoU if that IoU
 * is >= the match threshold (0.3 and 0.5 are reported); a detection that
 * matches nothing is a false positive unless it overlaps an ignore='1' box
 * at that IoU.  Each detector is run once per image with a permissive
 * threshold and the table is computed by thresholding the scores
 * (for BlazeFace this equals re-running at that threshold up to the
 * weighted-NMS averaging of the box geometry).  "best@0FP" is the highest
 * recall over all score thresholds at which there are no false positives.
 *
 * --calibrate also prints the median offset of the raw MediaPipe box
 * relative to the truth box (the constants in lineup-blazeface.cpp).
 * --extra IMAGE... prints, for unannotated photos, the image size, number
 * of detections at each detector's default threshold and ms per image.
 */
#include "lineup-blazeface.hpp"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>
#include <dlib/opencv.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Truth {
  cv::Rect2f box;
  bool ignore;
};

struct Image {
  std::string file;
  std::vector<Truth> truth;
};

struct Det {
  cv::Rect2f box;
  float score;
};

/* Minimal imglab XML reader: <image file='...'> ... <box top= left= width=
 * height= [ignore='1']/> ... </image>. */
std::vector<Image>
read_imglab (const std::string &path)
{
  std::ifstream in (path);
  if (!in)
    throw std::runtime_error ("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf ();
  const std::string xml = ss.str ();

  const auto attr = [] (const std::string &tag, const char *name, std::string &val) {
    const std::regex re (std::string ("\\b") + name + "\\s*=\\s*['\"]([^'\"]*)['\"]");
    std::smatch m;
    if (!std::regex_search (tag, m, re))
      return false;
    val = m[1];
    return true;
  };

  std::vector<Image> images;
  const std::regex tag_re ("<(/?)(image|box)\\b([^>]*)>");
  for (auto it = std::sregex_iterator (xml.begin (), xml.end (), tag_re);
       it != std::sregex_iterator (); ++it)
    {
      const std::smatch &m = *it;
      const std::string name = m[2], body = m[3];
      if (m[1] == "/")
        continue;
      std::string v;
      if (name == "image")
        {
          if (!attr (body, "file", v))
            continue;
          images.push_back ({ v, {} });
        }
      else if (!images.empty ())
        {
          std::string t, l, w, h, ig;
          if (!attr (body, "top", t) || !attr (body, "left", l) || !attr (body, "width", w)
              || !attr (body, "height", h))
            continue;
          const bool ignore = attr (body, "ignore", ig) && ig != "0";
          images.back ().truth.push_back (
              { cv::Rect2f (std::stof (l), std::stof (t), std::stof (w), std::stof (h)), ignore });
        }
    }
  return images;
}

float
iou (const cv::Rect2f &a, const cv::Rect2f &b)
{
  const float ix = std::max (0.f, std::min (a.x + a.width, b.x + b.width) - std::max (a.x, b.x));
  const float iy = std::max (0.f, std::min (a.y + a.height, b.y + b.height) - std::max (a.y, b.y));
  const float inter = ix * iy;
  const float uni = a.area () + b.area () - inter;
  return uni > 0.f ? inter / uni : 0.f;
}

struct Scored {
  float score;
  bool tp, fp;
};

/* Greedy matching of one image's detections (score >= 0 relative to the
 * permissive run) at match IoU m.  Returns per-detection TP/FP flags. */
std::vector<Scored>
match (std::vector<Det> dets, const std::vector<Truth> &truth, float m)
{
  std::sort (dets.begin (), dets.end (), [] (const Det &a, const Det &b) { return a.score > b.score; });
  std::vector<char> used (truth.size (), 0);
  std::vector<Scored> out;
  for (const auto &d : dets)
    {
      int best = -1;
      float best_iou = m;
      bool hits_ignore = false;
      for (size_t i = 0; i < truth.size (); i++)
        {
          const float o = iou (d.box, truth[i].box);
          if (truth[i].ignore)
            {
              hits_ignore |= o >= m;
              continue;
            }
          if (!used[i] && o >= best_iou)
            {
              best_iou = o;
              best = int (i);
            }
        }
      if (best >= 0)
        used[best] = 1;
      out.push_back ({ d.score, best >= 0, best < 0 && !hits_ignore });
    }
  return out;
}

struct Detector {
  std::string name;
  bool is_blazeface;
  std::vector<float> thresholds;
  float default_threshold;
  float permissive;  /* run threshold */
  std::function<std::vector<Det> (const cv::Mat &, float)> run;
};

struct Dataset {
  std::string name;
  std::vector<Image> images;
  std::vector<cv::Mat> mats;
  int n_truth = 0;
};

struct Summary {
  std::string set, det;
  double passes = 0;
  int tp_def[2] = { 0, 0 }, fp_def[2] = { 0, 0 }, best0[2] = { 0, 0 };
  float best0_thr[2] = { 0, 0 };
  int n_truth = 0;
  double ms = 0;
};

double
median (std::vector<double> v)
{
  if (v.empty ())
    return 0;
  std::sort (v.begin (), v.end ());
  const size_t n = v.size ();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

bool g_dump_fp = false;

/* Prints the per-threshold table for one detector on one set. */
Summary
report (const Detector &det, const Dataset &ds, const std::vector<std::vector<Det>> &dets,
        const std::vector<double> &ms)
{
  if (g_dump_fp)
    for (size_t i = 0; i < ds.images.size (); i++)
      {
        std::vector<Det> d = dets[i];
        std::sort (d.begin (), d.end (), [] (const Det &a, const Det &b) { return a.score > b.score; });
        const auto s = match (d, ds.images[i].truth, 0.3f);
        for (size_t j = 0; j < s.size (); j++)
          if (s[j].fp && s[j].score >= det.default_threshold)
            {
              float bo = 0;
              for (const auto &t : ds.images[i].truth)
                bo = std::max (bo, iou (d[j].box, t.box));
              std::printf ("  FP image %zu (%s): score %.3f box %.0f,%.0f %.0fx%.0f, max IoU with truth %.2f\n",
                           i, ds.images[i].file.c_str (), d[j].score, d[j].box.x, d[j].box.y,
                           d[j].box.width, d[j].box.height, bo);
            }
      }

  Summary sum;
  sum.set = ds.name;
  sum.det = det.name;
  sum.n_truth = ds.n_truth;
  sum.ms = median (ms);
  const int n = ds.n_truth;
  int mi = 0;
  for (float m : { 0.3f, 0.5f })
    {
      std::vector<Scored> all;
      for (size_t i = 0; i < ds.images.size (); i++)
        {
          auto s = match (dets[i], ds.images[i].truth, m);
          all.insert (all.end (), s.begin (), s.end ());
        }
      std::printf ("  match IoU >= %.1f:", m);
      for (float t : det.thresholds)
        {
          int tp = 0, fp = 0;
          for (const auto &s : all)
            if (s.score >= t)
              {
                tp += s.tp;
                fp += s.fp;
              }
          std::printf ("  %s%.2f: %.1f%%/%d", t == det.default_threshold ? "*" : "", t,
                       100.0 * tp / n, fp);
          if (t == det.default_threshold)
            {
              sum.tp_def[mi] = tp;
              sum.fp_def[mi] = fp;
            }
        }
      /* Best recall at zero FP: walk down the score list until the first FP. */
      std::sort (all.begin (), all.end (),
                 [] (const Scored &a, const Scored &b) { return a.score > b.score; });
      int tp = 0, best = 0;
      float best_t = all.empty () ? 0.f : all.front ().score;
      for (size_t i = 0; i < all.size (); i++)
        {
          if (all[i].fp)
            break;
          tp += all[i].tp;
          if (all[i].tp && (i + 1 == all.size () || all[i + 1].score < all[i].score))
            {
              best = tp;
              best_t = all[i].score;
            }
        }
      std::printf ("\n    best recall at 0 FP: %.1f%% (%d/%d) at threshold %.3f\n",
                   100.0 * best / n, best, n, best_t);
      sum.best0[mi] = best;
      sum.best0_thr[mi] = best_t;
      mi++;
    }
  std::printf ("  median ms/image %.1f (min %.1f, max %.1f)\n", sum.ms,
               *std::min_element (ms.begin (), ms.end ()),
               *std::max_element (ms.begin (), ms.end ()));
  return sum;
}

/* g x g grid of the set's images (each centred in a 500x500 grey cell),
 * rotating through the images; truth boxes carried over.  Same faces,
 * same pixel size, but a smaller fraction of the frame: a stand-in for
 * large group photos. */
Dataset
make_mosaics (const Dataset &src, int g)
{
  Dataset ds;
  ds.name = "mosaic " + std::to_string (g) + "x" + std::to_string (g);
  const int cell = 500;
  const size_t n = src.mats.size ();
  for (size_t k = 0; k < n; k++)
    {
      cv::Mat m (cell * g, cell * g, CV_8UC3, cv::Scalar::all (128));
      Image im;
      im.file = "mosaic";
      for (int c = 0; c < g * g; c++)
        {
          const size_t id = (k + c) % n;
          const cv::Mat &s = src.mats[id];
          const cv::Mat part = s (cv::Rect (0, 0, std::min (s.cols, cell), std::min (s.rows, cell)));
          const cv::Point o ((c % g) * cell + (cell - part.cols) / 2,
                             (c / g) * cell + (cell - part.rows) / 2);
          part.copyTo (m (cv::Rect (o, part.size ())));
          for (auto t : src.images[id].truth)
            {
              t.box += cv::Point2f (o);
              im.truth.push_back (t);
              ds.n_truth += !t.ignore;
            }
        }
      ds.images.push_back (im);
      ds.mats.push_back (m);
    }
  return ds;
}

}  // namespace

int
main (int argc, char **argv)
{
  std::string data = "/work/shared/faces/groups/dlib-faces";
  std::string model = "models/data/blazeface/face_detection_back_256x256_barracuda.onnx";
  int reps = 5;
  bool calibrate = false, mosaics = true, hog = true;
  float min_face_px = -1, handoff = -1, overlap = -1;
  std::vector<std::string> extra;
  for (int i = 1; i < argc; i++)
    {
      const std::string a = argv[i];
      if (a == "--data" && i + 1 < argc)
        data = argv[++i];
      else if (a == "--model" && i + 1 < argc)
        model = argv[++i];
      else if (a == "--reps" && i + 1 < argc)
        reps = std::max (1, std::atoi (argv[++i]));
      else if (a == "--min-face-px" && i + 1 < argc)
        min_face_px = std::atof (argv[++i]);
      else if (a == "--handoff" && i + 1 < argc)
        handoff = std::atof (argv[++i]);
      else if (a == "--overlap" && i + 1 < argc)
        overlap = std::atof (argv[++i]);
      else if (a == "--calibrate")
        calibrate = true;
      else if (a == "--no-mosaic")
        mosaics = false;
      else if (a == "--dump-fp")
        g_dump_fp = true;
      else if (a == "--no-hog")
        hog = false;
      else if (a == "--extra")
        {
          while (i + 1 < argc && std::strncmp (argv[i + 1], "--", 2) != 0)
            extra.push_back (argv[++i]);
        }
      else
        {
          std::fprintf (stderr,
                        "usage: %s [--data DIR] [--model ONNX] [--reps N] [--calibrate]\n"
                        "          [--no-mosaic] [--no-hog] [--min-face-px PX] [--handoff PX]\n"
                        "          [--overlap F] [--extra IMAGE...]\n",
                        argv[0]);
          return 2;
        }
    }

  Dataset orig;
  orig.name = "dlib examples/faces";
  for (const char *x : { "training.xml", "testing.xml" })
    {
      auto v = read_imglab (data + "/" + x);
      orig.images.insert (orig.images.end (), v.begin (), v.end ());
    }
  int n_ignore = 0;
  for (const auto &im : orig.images)
    {
      for (const auto &t : im.truth)
        (t.ignore ? n_ignore : orig.n_truth)++;
      cv::Mat m = cv::imread (data + "/" + im.file, cv::IMREAD_COLOR);
      if (m.empty ())
        {
          std::fprintf (stderr, "cannot read %s/%s\n", data.c_str (), im.file.c_str ());
          return 1;
        }
      orig.mats.push_back (m);
    }

  std::vector<Dataset> sets = { orig };
  if (mosaics)
    {
      sets.push_back (make_mosaics (orig, 2));
      sets.push_back (make_mosaics (orig, 3));
    }
  for (const auto &ds : sets)
    {
      int minw = 1 << 30, maxw = 0;
      for (const auto &m : ds.mats)
        {
          minw = std::min (minw, std::max (m.cols, m.rows));
          maxw = std::max (maxw, std::max (m.cols, m.rows));
        }
      float mins = 1e9f, maxs = 0;
      for (const auto &im : ds.images)
        for (const auto &t : im.truth)
          {
            mins = std::min (mins, t.box.width);
            maxs = std::max (maxs, t.box.width);
          }
      std::printf ("set '%s': %zu images, %d faces (%d ignore boxes), long side %d..%d px, "
                   "face side %.0f..%.0f px = %.1f..%.1f%% of the long side\n",
                   ds.name.c_str (), ds.images.size (), ds.n_truth, n_ignore, minw, maxw, mins,
                   maxs, 100.0 * mins / maxw, 100.0 * maxs / minw);
    }
  std::printf ("\n");

  lineup::BlazeFace bf (model);
  if (min_face_px >= 0)
    bf.min_face_px = min_face_px;
  dlib::frontal_face_detector hogdet = dlib::get_frontal_face_detector ();

  const auto bf_run = [&] (int levels) {
    return [&bf, levels, handoff, overlap] (const cv::Mat &img, float thr) {
      std::vector<lineup::BlazeFaceDetection> d;
      if (levels > 0)
        {
          lineup::BlazeFaceTiling t;
          t.levels = levels;
          if (handoff >= 0)
            t.handoff_px = handoff;
          if (overlap >= 0)
            t.overlap = overlap;
          d = bf.detect_tiled (img, thr, 0.3f, t);
        }
      else
        d = bf.detect (img, thr, 0.3f);
      std::vector<Det> out;
      for (const auto &x : d)
        out.push_back ({ x.box, x.score });
      return out;
    };
  };
  const auto hog_run = [&hogdet] (int up) {
    return [&hogdet, up] (const cv::Mat &img, float thr) {
      cv::Mat rgb;
      cv::cvtColor (img, rgb, cv::COLOR_BGR2RGB);
      dlib::array2d<dlib::rgb_pixel> a;
      dlib::assign_image (a, dlib::cv_image<dlib::rgb_pixel> (rgb));
      dlib::pyramid_down<2> pyr;
      for (int i = 0; i < up; i++)
        dlib::pyramid_up (a, pyr);
      std::vector<dlib::rect_detection> rd;
      hogdet (a, rd, thr);
      std::vector<Det> out;
      for (const auto &r : rd)
        {
          const dlib::rectangle b = pyr.rect_down (r.rect, up);
          out.push_back ({ cv::Rect2f (b.left (), b.top (), b.width (), b.height ()),
                           float (r.detection_confidence) });
        }
      return out;
    };
  };

  const std::vector<float> bf_thr = { 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f };
  const std::vector<float> hog_thr = { -0.5f, -0.25f, 0.0f, 0.25f, 0.5f, 1.0f };
  std::vector<Detector> detectors = {
    { "BlazeFace single pass", true, bf_thr, 0.5f, 0.2f, bf_run (0) },
    { "BlazeFace tiled, 1 level", true, bf_thr, 0.5f, 0.2f, bf_run (1) },
    { "BlazeFace tiled, 2 levels", true, bf_thr, 0.5f, 0.2f, bf_run (2) },
  };
  if (hog)
    for (int up = 0; up <= 2; up++)
      detectors.push_back ({ "dlib HOG, upsample " + std::to_string (up), false, hog_thr, 0.0f,
                             -0.6f, hog_run (up) });

  std::vector<Summary> sums;
  for (const auto &ds : sets)
    {
      std::printf ("=== %s ===\n", ds.name.c_str ());
      const int r = ds.mats[0].cols > 600 ? 1 : reps;  /* mosaics: one run */
      for (const auto &det : detectors)
        {
          std::vector<std::vector<Det>> dets;
          std::vector<double> ms;
          int passes = 0;
          for (const auto &m : ds.mats)
            {
              std::vector<double> t;
              std::vector<Det> d;
              for (int k = 0; k < r; k++)
                {
                  const auto t0 = std::chrono::steady_clock::now ();
                  d = det.run (m, det.permissive);
                  t.push_back (std::chrono::duration<double, std::milli> (
                                   std::chrono::steady_clock::now () - t0)
                                   .count ());
                }
              if (det.is_blazeface)
                passes += bf.last_passes ();
              dets.push_back (d);
              ms.push_back (median (t));
            }
          std::printf ("%s", det.name.c_str ());
          if (det.is_blazeface)
            std::printf (" (%.1f network passes/image)", double (passes) / ds.mats.size ());
          std::printf ("   [threshold: recall/FP; * = default]\n");
          Summary s = report (det, ds, dets, ms);
          s.passes = double (passes) / ds.mats.size ();
          sums.push_back (s);
        }
      std::printf ("\n");
    }

  std::printf ("=== summary (match IoU >= 0.3; in brackets IoU >= 0.5) ===\n");
  std::printf ("%-20s %-26s %15s %10s %26s %9s\n", "set", "detector", "recall@default",
               "FP@default", "best recall @0FP (thr)", "ms/image");
  for (const auto &s : sums)
    std::printf ("%-20s %-26s %6.1f%% [%5.1f%%] %4d [%3d] %6.1f%% (%6.3f) [%5.1f%%] %9.1f\n",
                 s.set.c_str (), s.det.c_str (), 100.0 * s.tp_def[0] / s.n_truth,
                 100.0 * s.tp_def[1] / s.n_truth, s.fp_def[0], s.fp_def[1],
                 100.0 * s.best0[0] / s.n_truth, s.best0_thr[0],
                 100.0 * s.best0[1] / s.n_truth, s.ms);
  std::printf ("\n");

  if (calibrate)
    {
      /* Raw MediaPipe box (dlib_style_boxes off) vs the truth boxes and vs
       * HOG (upsample 1) boxes; pairs at IoU >= 0.3, medians. */
      const auto offsets = [&] (const char *what, const std::vector<cv::Mat> &mats,
                                const std::function<std::vector<cv::Rect2f> (size_t)> &ref) {
        std::vector<double> dx, dy, side, asp, ious;
        for (size_t i = 0; i < mats.size (); i++)
          {
            bf.dlib_style_boxes = false;
            const auto d = bf.detect (mats[i], 0.5f);
            bf.dlib_style_boxes = true;
            for (const auto &t : ref (i))
              {
                const lineup::BlazeFaceDetection *best = nullptr;
                float bo = 0.3f;
                for (const auto &x : d)
                  if (iou (x.box, t) >= bo)
                    {
                      bo = iou (x.box, t);
                      best = &x;
                    }
                if (!best)
                  continue;
                const cv::Rect2f &b = best->box;
                const float w = b.width;
                dx.push_back ((t.x + t.width / 2 - (b.x + w / 2)) / w);
                dy.push_back ((t.y + t.height / 2 - (b.y + b.height / 2)) / w);
                side.push_back (0.5 * (t.width + t.height) / w);
                asp.push_back (b.height / w);
                ious.push_back (bo);
              }
          }
        std::printf ("raw MediaPipe box -> %s, %zu pairs, medians: dx/w %+.3f  dy/w %+.3f  "
                     "side/w %.3f  (MediaPipe h/w %.3f, IoU %.3f)\n",
                     what, dx.size (), median (dx), median (dy), median (side), median (asp),
                     median (ious));
      };
      offsets ("truth (dlib examples/faces)", orig.mats, [&] (size_t i) {
        std::vector<cv::Rect2f> r;
        for (const auto &t : orig.images[i].truth)
          if (!t.ignore)
            r.push_back (t.box);
        return r;
      });
      std::vector<cv::Mat> more = orig.mats;
      for (const auto &p : extra)
        {
          cv::Mat m = cv::imread (p, cv::IMREAD_COLOR);
          if (!m.empty ())
            more.push_back (m);
        }
      const auto hog1 = hog_run (1);
      offsets ("dlib HOG upsample 1 (examples/faces + --extra)", more, [&] (size_t i) {
        std::vector<cv::Rect2f> r;
        for (const auto &d : hog1 (more[i], 0.0f))
          r.push_back (d.box);
        return r;
      });
      /* After the correction built into the class. */
      std::vector<double> ious;
      for (size_t i = 0; i < orig.mats.size (); i++)
        for (const auto &x : bf.detect (orig.mats[i], 0.5f))
          {
            float bo = 0;
            for (const auto &t : orig.images[i].truth)
              bo = std::max (bo, iou (x.box, t.box));
            if (bo >= 0.3f)
              ious.push_back (bo);
          }
      std::printf ("corrected (dlib-style) box vs truth: median IoU %.3f over %zu\n\n",
                   median (ious), ious.size ());
    }

  for (const auto &path : extra)
    {
      cv::Mat m = cv::imread (path, cv::IMREAD_COLOR);
      if (m.empty ())
        {
          std::printf ("%s: cannot read\n", path.c_str ());
          continue;
        }
      std::printf ("%s (%dx%d):\n", path.c_str (), m.cols, m.rows);
      for (const auto &det : detectors)
        {
          const auto t0 = std::chrono::steady_clock::now ();
          auto d = det.run (m, det.default_threshold);
          const double ms = std::chrono::duration<double, std::milli> (
                                std::chrono::steady_clock::now () - t0)
                                .count ();
          std::printf ("  %-28s %3zu faces %8.1f ms\n", det.name.c_str (), d.size (), ms);
        }
    }
  return 0;
}
