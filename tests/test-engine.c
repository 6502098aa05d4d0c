/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-engine.c: the face engine on real faces: the converted network
 * against face-api.js's reference descriptors, detection against dlib's
 * ground truth, loaders on every format and on bad input. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "imglab.h"
#include "lineup-core.h"

static LineupEngine *engine;
static const char *faces_dir;
static char *tmp_dir;

static char *
face_path (const char *rel)
{
  return g_build_filename (faces_dir, rel, NULL);
}

static LineupImage *
load (const char *rel)
{
  g_autofree char *path = face_path (rel);
  g_autoptr(GError) error = NULL;
  LineupImage *image = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);

  g_assert_no_error (error);
  return image;
}

static GPtrArray *
detect (LineupImage *image)
{
  LineupDetectOptions options;
  g_autoptr(GError) error = NULL;
  GPtrArray *faces;

  lineup_detect_options_init_default (&options);
  faces = lineup_engine_detect (engine, image, &options, &error);
  g_assert_no_error (error);
  return faces;
}

static gboolean
run (const char *cmdline)
{
  int status = 0;
  g_autoptr(GError) error = NULL;

  if (!g_spawn_command_line_sync (cmdline, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* The converted ResNet must reproduce face-api.js's JavaScript forward pass. */
static void
test_reference_descriptors (void)
{
  g_autofree char *ref = g_build_filename (g_getenv ("LINEUP_SOURCE_DIR"), "tests", "reference",
                                           "resnet-reference.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *chips;
  double max_diff = 0;

  g_assert_true (json_parser_load_from_file (parser, ref, &error));
  chips = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "chips");
  g_assert_cmpuint (json_array_get_length (chips), >=, 4);

  for (guint c = 0; c < json_array_get_length (chips); c++)
    {
      JsonObject *chip = json_array_get_object_element (chips, c);
      JsonObject *crop = json_object_get_object_member (chip, "crop");
      JsonArray *want = json_object_get_array_member (chip, "descriptor");
      g_autoptr(LineupImage) image = load (json_object_get_string_member (chip, "source"));
      g_autofree guint8 *rgb = NULL;
      g_autofree guint8 *cut = g_malloc (150 * 150 * 3);
      g_autofree char *sha = NULL;
      float got[128];
      int w = lineup_image_get_width (image);
      int x = json_object_get_int_member (crop, "x"), y = json_object_get_int_member (crop, "y");

      rgb = g_malloc ((gsize)w * lineup_image_get_height (image) * 3);
      lineup_shim_image_copy_rgb (lineup_image_get_shim (image), rgb);
      for (int r = 0; r < 150; r++)
        memcpy (cut + r * 150 * 3, rgb + ((gsize)(y + r) * w + x) * 3, 150 * 3);
      /* Same pixels as the reference, or the comparison means nothing. */
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, cut, 150 * 150 * 3);
      g_assert_cmpstr (sha, ==, json_object_get_string_member (chip, "chip_rgb_sha256"));

      g_assert_true (lineup_engine_describe_chips (engine, cut, 1, got, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (json_array_get_length (want), ==, 128);
      for (guint k = 0; k < 128; k++)
        {
          double d = fabs (got[k] - json_array_get_double_element (want, k));
          max_diff = MAX (max_diff, d);
          g_assert_cmpfloat (d, <=, 1e-4);
        }
    }
  g_test_message ("max |descriptor - reference| = %.3g", max_diff);
}

static void
test_same_and_different_people (void)
{
  g_autoptr(LineupImage) a1 = load ("face_recognition/obama/obama.jpg");
  g_autoptr(LineupImage) a2 = load ("face_recognition/obama/obama2.jpg");
  g_autoptr(LineupImage) b = load ("face_recognition/biden/biden.jpg");
  g_autoptr(GPtrArray) fa1 = detect (a1);
  g_autoptr(GPtrArray) fa2 = detect (a2);
  g_autoptr(GPtrArray) fb = detect (b);
  double same, diff;

  g_assert_cmpuint (fa1->len, ==, 1);
  g_assert_cmpuint (fa2->len, ==, 1);
  g_assert_cmpuint (fb->len, ==, 1);
  same = lineup_descriptor_distance (lineup_face_get_descriptor (fa1->pdata[0]),
                                     lineup_face_get_descriptor (fa2->pdata[0]));
  diff = lineup_descriptor_distance (lineup_face_get_descriptor (fa1->pdata[0]),
                                     lineup_face_get_descriptor (fb->pdata[0]));
  g_test_message ("obama-obama %.3f, obama-biden %.3f", same, diff);
  g_assert_cmpfloat (same, <, 0.6);
  g_assert_cmpfloat (diff, >, 0.6);
  g_assert_cmpstr (lineup_face_get_model_id (fa1->pdata[0]), ==, LINEUP_RESNET_MODEL_ID);
  g_assert_cmpfloat (lineup_similarity_from_distance (0.6), ==, 0.5);
  g_assert_cmpfloat (lineup_similarity_from_distance (0.0), ==, 1.0);
  g_assert_cmpfloat (lineup_similarity_from_distance (2.0), ==, 0.0);
}

static void
test_face_fields (void)
{
  g_autoptr(LineupImage) image = load ("groups/face_recognition/two_people.jpg");
  g_autoptr(GPtrArray) faces = detect (image);
  const float *lm;
  const LineupQuality *q;
  const LineupBox *box;

  g_assert_cmpuint (faces->len, ==, 2);
  /* Numbered left to right. */
  g_assert_cmpfloat (lineup_face_get_box (faces->pdata[0])->left, <,
                     lineup_face_get_box (faces->pdata[1])->left);
  for (guint i = 0; i < faces->len; i++)
    {
      LineupFace *f = faces->pdata[i];
      double norm = 0;

      box = lineup_face_get_box (f);
      lm = lineup_face_get_landmarks (f);
      q = lineup_face_get_quality (f);
      /* The nose tip (30) lies inside the face box. */
      g_assert_cmpfloat (lm[60], >, box->left);
      g_assert_cmpfloat (lm[60], <, box->right);
      g_assert_cmpfloat (lm[61], >, box->top);
      g_assert_cmpfloat (lm[61], <, box->bottom);
      g_assert_cmpfloat (q->face_width, >, 100);
      g_assert_cmpfloat (q->eye_distance, >, 30);
      g_assert_cmpfloat (q->eye_distance, <, q->face_width);
      g_assert_cmpfloat (q->sharpness, >, 0);
      g_assert_cmpfloat (q->brightness, >, 40);
      g_assert_cmpfloat (fabs (q->yaw), <, 45);
      g_assert_cmpfloat (fabs (q->roll), <, 30);
      for (int k = 0; k < 128; k++)
        norm += lineup_face_get_descriptor (f)[k] * lineup_face_get_descriptor (f)[k];
      g_assert_cmpfloat (norm, >, 0.1);
      g_assert_nonnull (lineup_face_get_chip (f));
      g_assert_cmpuint (g_bytes_get_size (lineup_face_get_chip (f)), ==, 150 * 150 * 3);
    }
}

/* A face's descriptor is the mean of the raw network on its chip and on the
 * chip's mirror image. */
static void
test_descriptor_recipe (void)
{
  g_autoptr(LineupImage) image = load ("face_recognition/obama/obama.jpg");
  g_autoptr(GPtrArray) faces = detect (image);
  g_autoptr(GError) error = NULL;
  GBytes *chip = lineup_face_get_chip (faces->pdata[0]);
  const guint8 *px = g_bytes_get_data (chip, NULL);
  g_autofree guint8 *both = g_malloc (2 * 150 * 150 * 3);
  float raw[2 * 128];

  memcpy (both, px, 150 * 150 * 3);
  for (int y = 0; y < 150; y++)
    for (int x = 0; x < 150; x++)
      memcpy (both + 150 * 150 * 3 + (y * 150 + x) * 3, px + (y * 150 + (149 - x)) * 3, 3);
  g_assert_true (lineup_engine_describe_chips (engine, both, 2, raw, &error));
  g_assert_no_error (error);
  for (int k = 0; k < 128; k++)
    g_assert_cmpfloat_with_epsilon (lineup_face_get_descriptor (faces->pdata[0])[k],
                                    (raw[k] + raw[128 + k]) / 2, 1e-5);
}

/* Jittered views: repeatable, and an estimate of the same descriptor. */
static void
test_jitter (void)
{
  g_autoptr(LineupImage) image = load ("face_recognition/obama/obama.jpg");
  LineupDetectOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plain = detect (image);
  g_autoptr(GPtrArray) j1 = NULL;
  g_autoptr(GPtrArray) j2 = NULL;

  lineup_detect_options_init_default (&options);
  options.jitter = 4;
  j1 = lineup_engine_detect (engine, image, &options, &error);
  g_assert_no_error (error);
  j2 = lineup_engine_detect (engine, image, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (lineup_face_get_descriptor (j1->pdata[0]), 128 * sizeof (float),
                   lineup_face_get_descriptor (j2->pdata[0]), 128 * sizeof (float));
  g_assert_cmpfloat (lineup_descriptor_distance (lineup_face_get_descriptor (j1->pdata[0]),
                                                 lineup_face_get_descriptor (plain->pdata[0])),
                     <, 0.15);
  g_assert_cmpfloat (lineup_descriptor_distance (lineup_face_get_descriptor (j1->pdata[0]),
                                                 lineup_face_get_descriptor (plain->pdata[0])),
                     >, 0.0);
}

/* A face described from a hand-drawn box is the same face. */
static void
test_describe_box (void)
{
  g_autoptr(LineupImage) image = load ("face_recognition/obama/obama.jpg");
  g_autoptr(GPtrArray) faces = detect (image);
  LineupDetectOptions options;
  g_autoptr(GError) error = NULL;
  const LineupBox *b = lineup_face_get_box (faces->pdata[0]);
  LineupBox drawn = { b->left - 10, b->top + 5, b->right + 8, b->bottom - 4 };
  LineupBox outside = { -500, -500, -400, -400 };
  g_autoptr(LineupFace) manual = NULL;
  g_autoptr(LineupFace) bad = NULL;

  lineup_detect_options_init_default (&options);
  manual = lineup_engine_describe_box (engine, image, &drawn, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_face_get_detector (manual), ==, "manual");
  g_assert_cmpfloat (lineup_descriptor_distance (lineup_face_get_descriptor (manual),
                                                 lineup_face_get_descriptor (faces->pdata[0])),
                     <, 0.25);
  bad = lineup_engine_describe_box (engine, image, &outside, &options, &error);
  g_assert_null (bad);
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
}

static void
test_quality_reasons (void)
{
  g_autoptr(LineupImage) image = load ("face_recognition/obama/obama_small.jpg");
  g_autoptr(GPtrArray) faces = detect (image);
  LineupDetectOptions strict;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = NULL;
  const char * const *reasons;

  g_assert_cmpuint (faces->len, >=, 1);
  /* A policy nothing can meet names every reason. */
  lineup_detect_options_init_default (&strict);
  strict.policy.min_face_width = 10000;
  strict.policy.min_sharpness = 1e9;
  strict.policy.min_brightness = 256;
  strict.policy.max_abs_yaw = -1;
  strict.policy.min_hog_score = 100;
  again = lineup_engine_detect (engine, image, &strict, &error);
  g_assert_no_error (error);
  reasons = lineup_face_get_reasons (again->pdata[0]);
  g_assert_true (g_strv_contains (reasons, LINEUP_REASON_SMALL_FACE));
  g_assert_true (g_strv_contains (reasons, LINEUP_REASON_LOW_SHARPNESS));
  g_assert_true (g_strv_contains (reasons, LINEUP_REASON_LOW_BRIGHTNESS));
  g_assert_true (g_strv_contains (reasons, LINEUP_REASON_EXTREME_POSE));
  g_assert_true (g_strv_contains (reasons, LINEUP_REASON_LOW_CONFIDENCE));
  g_assert_false (lineup_face_is_acceptable (again->pdata[0]));
}

/* HOG's recall against dlib's ground-truth boxes on the group photos. */
static void
test_detect_ground_truth (void)
{
  g_autofree char *xml_path = face_path ("groups/dlib-faces/testing.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = imglab_load (xml_path, &error);
  guint truth = 0, found = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < images->len; i++)
    {
      ImglabImage *im = images->pdata[i];
      g_autoptr(LineupImage) image = lineup_image_new_from_file (im->file, 0, &error);
      g_autoptr(GPtrArray) faces = NULL;

      g_assert_no_error (error);
      faces = detect (image);
      for (guint k = 0; k < im->boxes->len; k++)
        {
          ImglabBox *t = &g_array_index (im->boxes, ImglabBox, k);
          gboolean hit = FALSE;

          if (t->ignore)
            continue;
          truth++;
          for (guint f = 0; f < faces->len && !hit; f++)
            {
              const LineupBox *b = lineup_face_get_box (faces->pdata[f]);
              hit = imglab_iou (b->left, b->top, b->right, b->bottom, t->left, t->top,
                                t->left + t->width, t->top + t->height) >= 0.3;
            }
          found += hit;
        }
    }
  g_test_message ("HOG (upsample 1) found %u of %u ground-truth faces", found, truth);
  g_assert_cmpuint (truth, >, 10);
  g_assert_cmpfloat ((double)found / truth, >=, 0.9);
}

static void
test_blazeface (void)
{
  g_autoptr(LineupImage) image = load ("groups/face_recognition/two_people.jpg");
  LineupDetectOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = NULL;

  lineup_detect_options_init_default (&options);
  options.detector = LINEUP_SHIM_DETECTOR_BLAZEFACE;
  faces = lineup_engine_detect (engine, image, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 2);
  g_assert_cmpstr (lineup_face_get_detector (faces->pdata[0]), ==, "blazeface");
  g_assert_cmpfloat (lineup_face_get_score (faces->pdata[0]), >, 0.5);
}

static void
assert_loads_like (const char *path,
                   int         width,
                   int         height,
                   const char *format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupImage) image = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS,
                                                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_image_get_width (image), ==, width);
  g_assert_cmpint (lineup_image_get_height (image), ==, height);
  g_assert_cmpstr (lineup_image_get_format (image), ==, format);
}

static char *
convert_to (const char *src,
            const char *name,
            const char *args)
{
  char *out = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *cmd = g_strdup_printf ("convert %s %s %s", src, args, out);

  g_assert_true (run (cmd));
  return out;
}

/* Write a copy of a JPEG with an EXIF APP1 segment holding only the
 * orientation tag (0x0112), as cameras do. */
static void
add_exif_orientation (const char *in,
                      const char *out,
                      guint8      orientation)
{
  const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x01, 0x00,
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GByteArray) b = g_byte_array_new ();

  g_assert_true (g_file_get_contents (in, &data, &len, NULL));
  g_byte_array_append (b, (guint8 *)data, 2);
  g_byte_array_append (b, app1, sizeof app1);
  g_byte_array_append (b, (guint8 *)data + 2, len - 2);
  g_assert_true (g_file_set_contents (out, (char *)b->data, b->len, NULL));
}

static void
test_formats (void)
{
  g_autofree char *jpg = face_path ("lfw-devtrain/AJ_Cook/AJ_Cook_0001.jpg");
  g_autofree char *webp_named_jpg = face_path ("deepface/Scarlett_Johansson/img47.jpg");
  g_autofree char *rgba = face_path ("face_recognition/obama/32bit.png");
  g_autofree char *png16 = convert_to (jpg, "deep.png", "-depth 16");
  g_autofree char *bmp = convert_to (jpg, "x.bmp", "");
  g_autofree char *tiff = convert_to (jpg, "x.tiff", "");
  g_autofree char *webp = convert_to (jpg, "x.webp", "");
  g_autofree char *stored = convert_to (jpg, "rot-stored.jpg", "-rotate 270 -strip");
  g_autofree char *rotated = g_build_filename (tmp_dir, "rot.jpg", NULL);
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GError) error = NULL;

  add_exif_orientation (stored, rotated, 6);

  assert_loads_like (jpg, 250, 250, "jpeg");
  assert_loads_like (png16, 250, 250, "png");
  assert_loads_like (bmp, 250, 250, "bmp");
  assert_loads_like (tiff, 250, 250, "tiff");
  assert_loads_like (webp, 250, 250, "webp");

  /* The content decides, not the extension. */
  image = lineup_image_new_from_file (webp_named_jpg, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_image_get_format (image), ==, "webp");
  g_clear_object (&image);

  image = lineup_image_new_from_file (rgba, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  g_assert_no_error (error);
  faces = detect (image);
  g_assert_cmpuint (faces->len, ==, 1);
  g_clear_pointer (&faces, g_ptr_array_unref);
  g_clear_object (&image);

  /* Stored rotated 90° with EXIF orientation 6: shown upright, face found. */
  image = lineup_image_new_from_file (rotated, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  g_assert_no_error (error);
  faces = detect (image);
  g_assert_cmpuint (faces->len, ==, 1);
}

static void
assert_bad (const char *path,
            int         code,
            const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupImage) image = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS,
                                                             &error);
  g_assert_null (image);
  g_assert_error (error, LINEUP_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (needle)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
test_bad_input (void)
{
  g_autofree char *jpg = face_path ("lfw-devtrain/AJ_Cook/AJ_Cook_0001.jpg");
  g_autofree char *text = g_build_filename (tmp_dir, "notes.jpg", NULL);
  g_autofree char *empty = g_build_filename (tmp_dir, "empty.png", NULL);
  g_autofree char *cut = g_build_filename (tmp_dir, "cut.jpg", NULL);
  g_autofree char *garbled = g_build_filename (tmp_dir, "garbled.jpg", NULL);
  g_autofree char *bomb = g_build_filename (tmp_dir, "bomb.png", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.jpg", NULL);
  g_autofree char *gif = face_path ("yalefaces/subject01/happy.gif");
  g_autofree char *contents = NULL;
  gsize len;
  static const guint8 png_header[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0, 0, 0, 0, 0
  }; /* claims 20000 × 20000 */

  g_assert_true (g_file_set_contents (text, "hello, not an image\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_get_contents (jpg, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, len / 2, NULL));
  for (gsize i = 600; i < len - 2; i += 7)
    contents[i] = (char)(contents[i] ^ 0x5A);
  g_assert_true (g_file_set_contents (garbled, contents, len, NULL));
  g_assert_true (g_file_set_contents (bomb, (const char *)png_header, sizeof png_header, NULL));

  assert_bad (text, LINEUP_ERROR_IMAGE, "not a supported image");
  assert_bad (empty, LINEUP_ERROR_IMAGE, "empty");
  assert_bad (cut, LINEUP_ERROR_IMAGE, "truncated");
  assert_bad (bomb, LINEUP_ERROR_IMAGE_TOO_LARGE, "400.0 megapixels");
  assert_bad (missing, LINEUP_ERROR_IO, NULL);
  assert_bad (tmp_dir, LINEUP_ERROR_IMAGE, "folder");
  assert_bad (gif, LINEUP_ERROR_IMAGE, "GIF");

  /* Garbled entropy data decodes to noise or fails; either way, no crash,
   * and a failure names the file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LineupImage) image = lineup_image_new_from_file (garbled, 0, &error);
    if (image == NULL)
      g_assert_nonnull (strstr (error->message, garbled));
    else
      g_clear_pointer (&image, g_object_unref);
  }
}

static void
test_eval_metrics (void)
{
  /* 4 genuine, 4 impostor pairs; one genuine pair lost its face. */
  const double d[] = { 0.3, 0.4, 0.7, -1, 0.5, 0.8, 0.9, 1.0 };
  const gboolean same[] = { TRUE, TRUE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE };
  LineupEvalResult r = { 0 };

  lineup_eval_metrics (d, same, 8, 0.6, &r);
  g_assert_cmpuint (r.pairs, ==, 8);
  g_assert_cmpuint (r.pairs_scored, ==, 7);
  /* At 0.6: right are 0.3, 0.4 (genuine) and 0.8, 0.9, 1.0 (impostor). */
  g_assert_cmpfloat_with_epsilon (r.accuracy, 5.0 / 8, 1e-12);
  /* Best 6/8: at 0.45 (0.3, 0.4 and all impostors right) and at 0.75; the
   * stricter threshold is kept on a tie. */
  g_assert_cmpfloat_with_epsilon (r.best_threshold_accuracy, 6.0 / 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.best_threshold, 0.45, 1e-12);
  /* AUC: genuine {0.3,0.4,0.7,inf} vs impostor {0.5,0.8,0.9,1.0}:
   * 0.3→4, 0.4→4, 0.7→3, inf→0 wins of 16. */
  g_assert_cmpfloat_with_epsilon (r.auc, 11.0 / 16, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  faces_dir = g_getenv ("LINEUP_FACES_DIR");
  g_assert_nonnull (faces_dir);
  g_assert_true (g_file_test (faces_dir, G_FILE_TEST_IS_DIR));
  tmp_dir = g_dir_make_tmp ("lineup-engine-XXXXXX", &error);
  g_assert_no_error (error);
  engine = lineup_engine_new (NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/engine/reference-descriptors", test_reference_descriptors);
  g_test_add_func ("/engine/same-and-different", test_same_and_different_people);
  g_test_add_func ("/engine/face-fields", test_face_fields);
  g_test_add_func ("/engine/descriptor-recipe", test_descriptor_recipe);
  g_test_add_func ("/engine/jitter", test_jitter);
  g_test_add_func ("/engine/describe-box", test_describe_box);
  g_test_add_func ("/engine/quality-reasons", test_quality_reasons);
  g_test_add_func ("/engine/detect-ground-truth", test_detect_ground_truth);
  g_test_add_func ("/engine/blazeface", test_blazeface);
  g_test_add_func ("/engine/formats", test_formats);
  g_test_add_func ("/engine/bad-input", test_bad_input);
  g_test_add_func ("/engine/eval-metrics", test_eval_metrics);
  ret = g_test_run ();
  g_clear_object (&engine);
  return ret;
}
