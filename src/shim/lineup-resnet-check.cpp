/* SPDX-License-Identifier: GPL-3.0-or-later */
// lineup-resnet-check: checks a converted dlib face-recognition ResNet (the output of
// lineup-convert-resnet) against descriptors that face-api.js computed with
// its own JavaScript forward pass (resnet-reference.json, written by
// make-reference.js).
//
//   check-resnet MODEL.dat REFERENCE.json FACES_DIR
//       For every chip in REFERENCE.json: decode FACES_DIR/<source> with
//       dlib::load_image (libjpeg), crop <crop> (150x150 RGB), verify the chip's
//       raw-RGB sha256 equals the reference's (same input pixels), compute the
//       descriptor with the network and compare all 128 components with the
//       reference (tolerance 1e-4). Prints the max abs diff; exit 0 = pass,
//       1 = fail or error.
//
//   check-resnet --write-chips FACES_DIR OUTDIR
//       Writes the chips make-reference.js feeds to face-api.js: the first
//       image (byte-order sort) of each of the first 4 identities (byte-order
//       sort) of FACES_DIR/lfw-devtrain, cropped 150x150 at (50,50), as raw
//       RGB files OUTDIR/chip-N.rgb (row-major, 3 bytes a pixel) listed in
//       OUTDIR/chips.tsv. The JPEGs are decoded here, not in JavaScript, so
//       that both sides see the very same pixels (jpeg-js and libjpeg differ
//       in the last bit).

#include <dlib/dnn.h>
#include <dlib/image_io.h>

#include "lineup-minijson.hpp"
#include "lineup-resnet.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dlib;
namespace fs = std::filesystem;

// --------------------------------------------------------------------------
// anet_type: dlib/examples/dnn_face_recognition_ex.cpp, shared with the engine.
using lineup::anet_type;

// --------------------------------------------------------------------------

namespace {

constexpr double TOLERANCE = 1e-4;
constexpr int    CHIP = 150;
constexpr int    NUM_CHIPS = 4;
constexpr int    CROP_X = 50, CROP_Y = 50;

struct check_error : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

// ---- SHA-256 (FIPS 180-4), for the chip fingerprints ----------------------

std::string
sha256_hex (const std::vector<unsigned char> &msg)
{
  static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };
  uint32_t                   h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
  std::vector<unsigned char> m (msg);
  const uint64_t             bits = (uint64_t)msg.size () * 8;
  m.push_back (0x80);
  while (m.size () % 64 != 56)
    m.push_back (0);
  for (int k = 7; k >= 0; --k)
    m.push_back ((unsigned char)(bits >> (8 * k)));
  auto rotr = [] (uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
  for (size_t off = 0; off < m.size (); off += 64)
    {
      uint32_t w[64];
      for (int t = 0; t < 16; ++t)
        w[t] = (uint32_t)m[off + 4 * t] << 24 | (uint32_t)m[off + 4 * t + 1] << 16 |
               (uint32_t)m[off + 4 * t + 2] << 8 | (uint32_t)m[off + 4 * t + 3];
      for (int t = 16; t < 64; ++t)
        {
          uint32_t s0 = rotr (w[t - 15], 7) ^ rotr (w[t - 15], 18) ^ (w[t - 15] >> 3);
          uint32_t s1 = rotr (w[t - 2], 17) ^ rotr (w[t - 2], 19) ^ (w[t - 2] >> 10);
          w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
      uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (int t = 0; t < 64; ++t)
        {
          uint32_t S1 = rotr (e, 6) ^ rotr (e, 11) ^ rotr (e, 25);
          uint32_t ch = (e & f) ^ (~e & g);
          uint32_t t1 = hh + S1 + ch + K[t] + w[t];
          uint32_t S0 = rotr (a, 2) ^ rotr (a, 13) ^ rotr (a, 22);
          uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
          uint32_t t2 = S0 + mj;
          hh = g;
          g = f;
          f = e;
          e = d + t1;
          d = c;
          c = b;
          b = a;
          a = t1 + t2;
        }
      h[0] += a;
      h[1] += b;
      h[2] += c;
      h[3] += d;
      h[4] += e;
      h[5] += f;
      h[6] += g;
      h[7] += hh;
    }
  std::ostringstream out;
  for (uint32_t v : h)
    out << std::hex << std::setw (8) << std::setfill ('0') << v;
  return out.str ();
}

// ---- minimal JSON (objects, arrays, strings without \u, numbers, literals) --

using lineup::minijson::json;
using lineup::minijson::json_parser;

std::string
read_text (const std::string &path)
{
  std::ifstream in (path, std::ios::binary);
  if (!in)
    throw check_error (path + ": cannot open: " + std::strerror (errno));
  return std::string ((std::istreambuf_iterator<char> (in)), std::istreambuf_iterator<char> ());
}

// ---- chips ---------------------------------------------------------------

std::vector<unsigned char>
chip_bytes (const matrix<rgb_pixel> &chip)
{
  std::vector<unsigned char> b;
  b.reserve (chip.size () * 3);
  for (long r = 0; r < chip.nr (); ++r)
    for (long c = 0; c < chip.nc (); ++c)
      {
        b.push_back (chip (r, c).red);
        b.push_back (chip (r, c).green);
        b.push_back (chip (r, c).blue);
      }
  return b;
}

matrix<rgb_pixel>
make_chip (const std::string &file, long x, long y, long w, long h)
{
  matrix<rgb_pixel> img;
  try
    {
      load_image (img, file);
    }
  catch (const std::exception &e)
    {
      throw check_error (file + ": cannot load image: " + e.what ());
    }
  if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > img.nc () || y + h > img.nr ())
    throw check_error (file + ": crop rect outside the " + std::to_string (img.nc ()) + "x" +
                       std::to_string (img.nr ()) + " image");
  return subm (img, rectangle (x, y, x + w - 1, y + h - 1));
}

std::vector<std::string>
select_sources (const std::string &faces_dir)
{
  const fs::path           set = fs::path (faces_dir) / "lfw-devtrain";
  std::vector<std::string> people;
  std::error_code          ec;
  for (const auto &e : fs::directory_iterator (set, ec))
    if (e.is_directory ())
      people.push_back (e.path ().filename ().string ());
  if (ec)
    throw check_error (set.string () + ": " + ec.message ());
  std::sort (people.begin (), people.end ());
  std::vector<std::string> out;
  for (const auto &p : people)
    {
      if ((int)out.size () == NUM_CHIPS)
        break;
      std::vector<std::string> jpgs;
      for (const auto &e : fs::directory_iterator (set / p))
        {
          std::string n = e.path ().filename ().string (), ext = e.path ().extension ().string ();
          std::transform (ext.begin (), ext.end (), ext.begin (), ::tolower);
          if (e.is_regular_file () && (ext == ".jpg" || ext == ".jpeg"))
            jpgs.push_back (n);
        }
      std::sort (jpgs.begin (), jpgs.end ());
      if (!jpgs.empty ())
        out.push_back ("lfw-devtrain/" + p + "/" + jpgs.front ());
    }
  if ((int)out.size () != NUM_CHIPS)
    throw check_error (set.string () + ": found only " + std::to_string (out.size ()) + " identities with a JPEG");
  return out;
}

int
write_chips (const std::string &faces_dir, const std::string &out_dir)
{
  std::error_code ec;
  fs::create_directories (out_dir, ec);
  if (ec)
    throw check_error (out_dir + ": cannot create: " + ec.message ());
  const std::string tsv_path = (fs::path (out_dir) / "chips.tsv").string ();
  std::ofstream     tsv (tsv_path, std::ios::binary | std::ios::trunc);
  if (!tsv)
    throw check_error (tsv_path + ": cannot create");
  tsv << "file\tsource\tx\ty\twidth\theight\n";
  int n = 0;
  for (const auto &src : select_sources (faces_dir))
    {
      const auto        bytes = chip_bytes (make_chip ((fs::path (faces_dir) / src).string (), CROP_X, CROP_Y, CHIP, CHIP));
      const std::string name = "chip-" + std::to_string (n++) + ".rgb";
      const std::string path = (fs::path (out_dir) / name).string ();
      std::ofstream     f (path, std::ios::binary | std::ios::trunc);
      f.write ((const char *)bytes.data (), (std::streamsize)bytes.size ());
      if (!f)
        throw check_error (path + ": write error");
      tsv << name << '\t' << src << '\t' << CROP_X << '\t' << CROP_Y << '\t' << CHIP << '\t' << CHIP << '\n';
    }
  tsv.flush ();
  if (!tsv)
    throw check_error (tsv_path + ": write error");
  return 0;
}

// ---- check ---------------------------------------------------------------

long
get_int (const json &o, const char *key, const std::string &where)
{
  const json *v = o.find (key);
  if (!v || v->kind != json::NUMBER || v->num != std::floor (v->num))
    throw check_error (where + ": missing integer '" + key + "'");
  return (long)v->num;
}

int
check (const std::string &model_path, const std::string &ref_path, const std::string &faces_dir)
{
  anet_type net;
  try
    {
      deserialize (model_path) >> net;
    }
  catch (const std::exception &e)
    {
      throw check_error (model_path + ": cannot load as anet_type: " + e.what ());
    }

  const std::string text = read_text (ref_path);
  const json        root = json_parser (text, ref_path).parse ();
  const json       *chips = root.find ("chips");
  if (root.kind != json::OBJECT || !chips || chips->kind != json::ARRAY || chips->arr.empty ())
    throw check_error (ref_path + ": no 'chips' array");

  double max_diff = 0;
  bool   ok = true;
  for (const json &c : chips->arr)
    {
      const json *src = c.find ("source");
      const json *crop = c.find ("crop");
      const json *sha = c.find ("chip_rgb_sha256");
      const json *desc = c.find ("descriptor");
      if (!src || src->kind != json::STRING || !crop || crop->kind != json::OBJECT || !desc ||
          desc->kind != json::ARRAY || desc->arr.size () != 128)
        throw check_error (ref_path + ": malformed chip entry");
      const std::string where = ref_path + ": " + src->str;
      const long        x = get_int (*crop, "x", where), y = get_int (*crop, "y", where);
      const long        w = get_int (*crop, "width", where), h = get_int (*crop, "height", where);
      if (w != CHIP || h != CHIP)
        throw check_error (where + ": crop must be 150x150");

      const std::string       file = (fs::path (faces_dir) / src->str).string ();
      const matrix<rgb_pixel> chip = make_chip (file, x, y, w, h);
      if (sha && sha->kind == json::STRING)
        {
          const std::string got = sha256_hex (chip_bytes (chip));
          if (got != sha->str)
            {
              std::cerr << "check-resnet: " << file << ": decoded chip differs from the reference chip (sha256 "
                        << got << ", reference " << sha->str
                        << "): the image file or the JPEG decoder differs from the reference's; "
                           "regenerate the reference with make-reference.js\n";
              ok = false;
              continue;
            }
        }

      const matrix<float, 0, 1> d = net (chip);
      double                    chip_max = 0;
      for (long k = 0; k < 128; ++k)
        {
          if (desc->arr[k].kind != json::NUMBER)
            throw check_error (where + ": descriptor component " + std::to_string (k) + " is not a number");
          chip_max = std::max (chip_max, std::fabs ((double)d (k) - desc->arr[k].num));
        }
      if (!(chip_max <= TOLERANCE))
        ok = false;
      max_diff = std::max (max_diff, chip_max);
      std::cout << src->str << ": max abs diff " << std::scientific << std::setprecision (3) << chip_max
                << (chip_max <= TOLERANCE ? "" : "  FAIL") << "\n";
    }
  std::cout << "max abs diff " << std::scientific << std::setprecision (3) << max_diff << " over "
            << chips->arr.size () << " chips (tolerance " << TOLERANCE << "): " << (ok ? "PASS" : "FAIL") << "\n";
  return ok ? 0 : 1;
}

} // namespace

int
main (int argc, char **argv)
{
  try
    {
      if (argc == 4 && std::string (argv[1]) == "--write-chips")
        return write_chips (argv[2], argv[3]);
      if (argc == 4 && argv[1][0] != '-')
        return check (argv[1], argv[2], argv[3]);
      std::cerr << "usage: check-resnet MODEL.dat REFERENCE.json FACES_DIR\n"
                   "       check-resnet --write-chips FACES_DIR OUTDIR\n";
      return 1;
    }
  catch (const std::exception &e)
    {
      std::cerr << "check-resnet: " << e.what () << "\n";
      return 1;
    }
}
