/* SPDX-License-Identifier: GPL-3.0-or-later */
// lineup-convert-resnet: convert the dlib face-recognition ResNet that
// @vladmandic/face-api ships as TF.js weights (face_recognition_model.bin +
// face_recognition_model-weights_manifest.json) into a dlib-serialized
// network that dlib::deserialize loads into anet_type (the 128-D network of
// dlib's examples/dnn_face_recognition_ex.cpp).
//
// Usage: lineup-convert-resnet MANIFEST.json WEIGHTS.bin OUT.dat
//
// Mapping (TF.js block -> dlib layers, input to output):
//   conv32_down            stem: con<32,7,7,2,2> + affine (+ relu + max_pool)
//   conv32_1 .. conv256_down_out  14 residual blocks, each conv1 then conv2,
//                          each conv = con + affine
//   fc                     fc_no_bias<128>, [256,128] copied as is
//   .../conv/filters  TF HWIO -> dlib OIHW (no flip)
//   .../conv/bias     con bias
//   .../scale/weights affine gamma (CONV_MODE)
//   .../scale/biases  affine beta
// Tensors are float32, either raw little-endian or uint8/uint16-quantized
// per tensor (v = q*scale + min, computed as in tfjs: double, then float).
//
// The output is deterministic: the same inputs give a byte-identical file.

#include <dlib/dnn.h>

#include "lineup-minijson.hpp"
#include "lineup-resnet.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dlib;

// --------------------------------------------------------------------------
// anet_type: dlib/examples/dnn_face_recognition_ex.cpp, shared with the engine.
using lineup::anet_type;

// --------------------------------------------------------------------------

namespace {

struct convert_error : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

// ---- JSON: lineup-minijson.hpp ------------------------------------------
using lineup::minijson::json;
using lineup::minijson::json_parser;

std::string
read_file (const std::string &path)
{
  std::ifstream in (path, std::ios::binary);
  if (!in)
    throw convert_error (path + ": cannot open: " + std::strerror (errno));
  std::string data ((std::istreambuf_iterator<char> (in)), std::istreambuf_iterator<char> ());
  if (in.bad ())
    throw convert_error (path + ": read error");
  return data;
}

// ---- manifest / weight decoding -----------------------------------------

struct weight_tensor
{
  std::string        name;
  std::vector<long>  shape;
  std::vector<float> values;
};

long
shape_size (const std::vector<long> &shape)
{
  long n = 1;
  for (long d : shape)
    n *= d;
  return n;
}

std::string
shape_str (const std::vector<long> &shape)
{
  std::string s = "[";
  for (size_t k = 0; k < shape.size (); ++k)
    s += (k ? "," : "") + std::to_string (shape[k]);
  return s + "]";
}

std::vector<weight_tensor>
load_weights (const std::string &manifest_path, const std::string &bin_path)
{
  const std::string text = read_file (manifest_path);
  const json        root = json_parser (text, manifest_path).parse ();
  const std::string bin = read_file (bin_path);

  auto bad = [&] (const std::string &what) {
    return convert_error (manifest_path + ": " + what);
  };

  if (root.kind != json::ARRAY)
    throw bad ("expected a top-level array of weight groups");

  size_t                     npaths = 0;
  std::vector<weight_tensor> out;
  size_t                     offset = 0;
  for (const json &group : root.arr)
    {
      if (group.kind != json::OBJECT)
        throw bad ("weight group is not an object");
      const json *paths = group.find ("paths");
      if (paths && paths->kind == json::ARRAY)
        npaths += paths->arr.size ();
      const json *weights = group.find ("weights");
      if (!weights || weights->kind != json::ARRAY)
        throw bad ("weight group without a 'weights' array");
      for (const json &w : weights->arr)
        {
          const json *name = w.find ("name");
          const json *shape = w.find ("shape");
          const json *dtype = w.find ("dtype");
          if (!name || name->kind != json::STRING)
            throw bad ("weight entry without a string 'name'");
          const std::string &nm = name->str;
          if (!shape || shape->kind != json::ARRAY)
            throw bad ("'" + nm + "': missing 'shape' array");
          if (!dtype || dtype->kind != json::STRING || dtype->str != "float32")
            throw bad ("'" + nm + "': only dtype float32 is supported");

          weight_tensor t;
          t.name = nm;
          for (const json &d : shape->arr)
            {
              if (d.kind != json::NUMBER || d.num < 1 || d.num > 1e6 || d.num != (double)(long)d.num)
                throw bad ("'" + nm + "': bad dimension in 'shape'");
              t.shape.push_back ((long)d.num);
            }
          const size_t n = (size_t)shape_size (t.shape);
          t.values.resize (n);

          const json *q = w.find ("quantization");
          if (q && q->kind != json::NUL)
            {
              const json *qd = q->find ("dtype");
              const json *qs = q->find ("scale");
              const json *qm = q->find ("min");
              if (!qd || qd->kind != json::STRING)
                throw bad ("'" + nm + "': quantization without 'dtype'");
              if (!qs || qs->kind != json::NUMBER || !qm || qm->kind != json::NUMBER)
                throw bad ("'" + nm + "': quantization without numeric 'scale' and 'min'");
              const double scale = qs->num, mn = qm->num;
              size_t       bytes_per;
              if (qd->str == "uint8")
                bytes_per = 1;
              else if (qd->str == "uint16")
                bytes_per = 2;
              else
                throw bad ("'" + nm + "': unsupported quantization dtype '" + qd->str + "'");
              if (offset + n * bytes_per > bin.size ())
                throw convert_error (bin_path + ": file too short for tensor '" + nm + "'");
              const unsigned char *p = (const unsigned char *)bin.data () + offset;
              for (size_t k = 0; k < n; ++k)
                {
                  unsigned qv = bytes_per == 1 ? p[k] : (unsigned)(p[2 * k] | (p[2 * k + 1] << 8));
                  // same arithmetic as tfjs-core io.decodeWeights
                  t.values[k] = (float)(qv * scale + mn);
                }
              offset += n * bytes_per;
            }
          else
            {
              if (offset + n * 4 > bin.size ())
                throw convert_error (bin_path + ": file too short for tensor '" + nm + "'");
              const unsigned char *p = (const unsigned char *)bin.data () + offset;
              for (size_t k = 0; k < n; ++k)
                {
                  uint32_t u = (uint32_t)p[4 * k] | ((uint32_t)p[4 * k + 1] << 8) |
                               ((uint32_t)p[4 * k + 2] << 16) | ((uint32_t)p[4 * k + 3] << 24);
                  float f;
                  std::memcpy (&f, &u, 4);
                  t.values[k] = f;
                }
              offset += n * 4;
            }
          out.push_back (std::move (t));
        }
    }
  if (npaths != 1)
    throw bad ("expected exactly one weights file in 'paths', found " + std::to_string (npaths) +
               " (concatenate shards into one file first)");
  if (offset != bin.size ())
    throw convert_error (bin_path + ": size " + std::to_string (bin.size ()) +
                         " bytes does not match the manifest (" + std::to_string (offset) + " bytes)");
  return out;
}

// ---- dlib layer collection ---------------------------------------------

struct slot
{
  enum kind_t
  {
    CONV,
    AFFINE,
    FC
  } kind;
  tensor  *params = nullptr; // con_ / fc_ parameters
  affine_ *aff = nullptr;
  long     num_filters = 0, k = 0, nr = 0, nc = 0; // con_ geometry
  bool     has_bias = false;
};

struct collector
{
  std::vector<slot> *slots;

  template <long N, long NR, long NC, int SY, int SX, int PY, int PX>
  void
  operator() (con_<N, NR, NC, SY, SX, PY, PX> &l) const
  {
    slot s{ slot::CONV };
    s.params = &l.get_layer_params ();
    s.num_filters = l.num_filters ();
    s.nr = l.nr ();
    s.nc = l.nc ();
    s.has_bias = !l.bias_is_disabled ();
    const long fsize = (long)s.params->size () - (s.has_bias ? s.num_filters : 0);
    s.k = fsize / (s.num_filters * s.nr * s.nc);
    slots->push_back (s);
  }
  void
  operator() (affine_ &l) const
  {
    slot s{ slot::AFFINE };
    s.aff = &l;
    slots->push_back (s);
  }
  template <unsigned long N, fc_bias_mode M>
  void
  operator() (fc_<N, M> &l) const
  {
    slot s{ slot::FC };
    s.params = &l.get_layer_params ();
    s.has_bias = M == FC_HAS_BIAS;
    slots->push_back (s);
  }
  template <typename T>
  void
  operator() (T &) const
  {
  }
};

struct set_affine_conv_mode
{
  void
  operator() (affine_ &l) const
  {
    l = affine_ (CONV_MODE);
  }
  template <typename T>
  void
  operator() (T &) const
  {
  }
};

// --------------------------------------------------------------------------

void
convert (const std::string &manifest_path, const std::string &bin_path, const std::string &out_path)
{
  std::vector<weight_tensor> weights = load_weights (manifest_path, bin_path);

  std::map<std::string, const weight_tensor *> by_name;
  for (const auto &w : weights)
    if (!by_name.emplace (w.name, &w).second)
      throw convert_error (manifest_path + ": duplicate tensor '" + w.name + "'");

  // The order in which the blocks feed dlib's layers, input to output.
  const std::vector<std::string> blocks = {
    "conv32_down", "conv32_1", "conv32_2", "conv32_3",
    "conv64_down", "conv64_1", "conv64_2", "conv64_3",
    "conv128_down", "conv128_1", "conv128_2",
    "conv256_down", "conv256_1", "conv256_2",
    "conv256_down_out"
  };
  std::vector<std::string> conv_prefixes; // one per dlib con_/affine_ pair
  for (const auto &b : blocks)
    {
      if (b == "conv32_down")
        conv_prefixes.push_back (b + "/");
      else
        {
          conv_prefixes.push_back (b + "/conv1/");
          conv_prefixes.push_back (b + "/conv2/");
        }
    }

  size_t used = 0;
  auto   get = [&] (const std::string &name) -> const weight_tensor   &{
    auto it = by_name.find (name);
    if (it == by_name.end ())
      throw convert_error (manifest_path + ": missing tensor '" + name + "'");
    ++used;
    return *it->second;
  };
  auto check_shape = [&] (const weight_tensor &t, const std::vector<long> &want) {
    if (t.shape != want)
      throw convert_error (manifest_path + ": tensor '" + t.name + "' has shape " + shape_str (t.shape) +
                           ", dlib's anet_type needs " + shape_str (want));
  };

  // Build the network and allocate its parameters with one forward pass on
  // a blank chip (affine layers must be in CONV_MODE before setup).
  anet_type net;
  visit_computational_layers (net, set_affine_conv_mode ());
  {
    matrix<rgb_pixel> blank (150, 150);
    blank = rgb_pixel (0, 0, 0);
    net (blank);
  }

  std::vector<slot> slots;
  visit_computational_layers (net, collector{ &slots }); // output -> input
  std::reverse (slots.begin (), slots.end ());           // input -> output

  size_t nconv = 0, naff = 0, nfc = 0;
  for (const auto &s : slots)
    (s.kind == slot::CONV ? nconv : s.kind == slot::AFFINE ? naff
                                                           : nfc)++;
  if (nconv != conv_prefixes.size () || naff != conv_prefixes.size () || nfc != 1)
    throw convert_error ("internal error: unexpected dlib network layout (" + std::to_string (nconv) +
                         " con, " + std::to_string (naff) + " affine, " + std::to_string (nfc) + " fc)");

  size_t ci = 0, ai = 0;
  for (auto &s : slots)
    {
      if (s.kind == slot::CONV)
        {
          const std::string   &pre = conv_prefixes.at (ci++);
          const weight_tensor &f = get (pre + "conv/filters");
          const weight_tensor &b = get (pre + "conv/bias");
          const long           O = s.num_filters, I = s.k, H = s.nr, W = s.nc;
          check_shape (f, { H, W, I, O });
          check_shape (b, { O });
          if (!s.has_bias || (long)s.params->size () != O * I * H * W + O)
            throw convert_error ("internal error: dlib con_ parameter size mismatch for " + pre);
          float *d = s.params->host ();
          for (long o = 0; o < O; ++o)
            for (long i = 0; i < I; ++i)
              for (long h = 0; h < H; ++h)
                for (long w = 0; w < W; ++w)
                  d[((o * I + i) * H + h) * W + w] = f.values[((h * W + w) * I + i) * O + o];
          std::copy (b.values.begin (), b.values.end (), d + O * I * H * W);
        }
      else if (s.kind == slot::AFFINE)
        {
          const std::string   &pre = conv_prefixes.at (ai++);
          const weight_tensor &g = get (pre + "scale/weights");
          const weight_tensor &be = get (pre + "scale/biases");
          if (s.aff->get_mode () != CONV_MODE)
            throw convert_error ("internal error: affine layer not in CONV_MODE for " + pre);
          auto gamma = s.aff->get_gamma ();
          auto beta = s.aff->get_beta ();
          check_shape (g, { (long)gamma.size () });
          check_shape (be, { (long)beta.size () });
          std::copy (g.values.begin (), g.values.end (), gamma.host ());
          std::copy (be.values.begin (), be.values.end (), beta.host ());
        }
      else
        {
          const weight_tensor &fc = get ("fc");
          if (s.has_bias)
            throw convert_error ("internal error: fc layer has a bias");
          check_shape (fc, { s.params->num_samples (), s.params->k () });
          std::copy (fc.values.begin (), fc.values.end (), s.params->host ());
        }
    }
  if (used != weights.size ())
    {
      std::string                extra;
      std::map<std::string, int> known;
      for (const auto &pre : conv_prefixes)
        for (const char *suf : { "conv/filters", "conv/bias", "scale/weights", "scale/biases" })
          known[pre + suf] = 1;
      known["fc"] = 1;
      for (const auto &w : weights)
        if (!known.count (w.name))
          extra += " '" + w.name + "'";
      throw convert_error (manifest_path + ": unused tensors in manifest:" + extra);
    }

  // Drop cached outputs/gradients of the set-up pass so that only the
  // parameters are serialized (deterministic, same layout as dlib's files).
  net.clean ();

  std::ostringstream buf (std::ios::binary);
  serialize (net, buf);
  const std::string bytes = buf.str ();

  const std::string tmp = out_path + ".tmp";
  {
    std::ofstream out (tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw convert_error (tmp + ": cannot create: " + std::strerror (errno));
    out.write (bytes.data (), (std::streamsize)bytes.size ());
    out.flush ();
    if (!out)
      {
        std::remove (tmp.c_str ());
        throw convert_error (tmp + ": write error");
      }
  }
  if (std::rename (tmp.c_str (), out_path.c_str ()) != 0)
    {
      const int e = errno;
      std::remove (tmp.c_str ());
      throw convert_error (out_path + ": cannot rename from " + tmp + ": " + std::strerror (e));
    }

  // Sanity check: the file must load back into anet_type.
  anet_type check;
  deserialize (out_path) >> check;
}

} // namespace

int
main (int argc, char **argv)
{
  if (argc != 4)
    {
      std::cerr << "usage: " << (argc > 0 ? argv[0] : "lineup-convert-resnet")
                << " MANIFEST.json WEIGHTS.bin OUT.dat\n";
      return 1;
    }
  try
    {
      convert (argv[1], argv[2], argv[3]);
    }
  catch (const dlib::serialization_error &e)
    {
      std::cerr << "lineup-convert-resnet: " << argv[3] << ": dlib serialization error: " << e.what () << "\n";
      return 1;
    }
  catch (const std::exception &e)
    {
      std::cerr << "lineup-convert-resnet: " << e.what () << "\n";
      return 1;
    }
  return 0;
}
