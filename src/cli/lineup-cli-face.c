/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-cli-face.c: `detect`, `compare` and `eval pairs`: the face engine
 * from the command line. */
#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "lineup-cli-private.h"

typedef struct
{
  char  *detector;
  int    upsample;
  char  *model_dir;
  double max_megapixels;
  int    jitter;
} EngineArgs;

#define ENGINE_ARGS_INIT                                     \
  {                                                          \
    NULL, -1, NULL, LINEUP_IMAGE_DEFAULT_MAX_PIXELS / 1e6, 0 \
  }

#define ENGINE_ENTRIES(args)                                                                       \
  { "detector", 0, 0, G_OPTION_ARG_STRING, &(args).detector,                                       \
    N_("Face detector: hog (default) or blazeface"), N_("NAME") },                               \
    { "upsample", 0, 0, G_OPTION_ARG_INT, &(args).upsample,                                        \
      N_("HOG only: double the image N times to find small faces (default 1)"), N_("N") },       \
    { "model-dir", 0, 0, G_OPTION_ARG_FILENAME, &(args).model_dir,                                 \
      N_("Folder with the converted models (default: $LINEUP_MODEL_DIR or the built-in one)"),    \
      N_("DIR") },                                                                                \
    { "max-megapixels", 0, 0, G_OPTION_ARG_DOUBLE, &(args).max_megapixels,                         \
      N_("Refuse images larger than this (default 100; 0 = no limit)"), N_("MP") },              \
  {                                                                                                \
    "jitter", 0, 0, G_OPTION_ARG_INT, &(args).jitter,                                              \
      N_("Average N jittered views into each descriptor (0-16; slower, slightly more accurate)"), \
      N_("N")                                                                                     \
  }

static int
engine_options (EngineArgs          *args,
                const char          *command,
                LineupDetectOptions *options)
{
  lineup_detect_options_init_default (options);
  if (args->detector && !lineup_detector_from_string (args->detector, &options->detector))
    {
      g_printerr (_("lineup-cli %s: unknown detector “%s” (use hog or blazeface)\n"), command,
                  args->detector);
      return LINEUP_CLI_USAGE;
    }
  if (args->upsample >= 0)
    {
      if (args->upsample > 3)
        {
          g_printerr (_("lineup-cli %s: --upsample must be between 0 and 3\n"), command);
          return LINEUP_CLI_USAGE;
        }
      options->upsample = args->upsample;
    }
  if (args->jitter < 0 || args->jitter > 16)
    {
      g_printerr (_("lineup-cli %s: --jitter must be between 0 and 16\n"), command);
      return LINEUP_CLI_USAGE;
    }
  options->jitter = args->jitter;
  if (args->max_megapixels < 0)
    {
      g_printerr (_("lineup-cli %s: --max-megapixels must not be negative\n"), command);
      return LINEUP_CLI_USAGE;
    }
  return -1;
}

static void
image_to_json (JsonBuilder *b,
               LineupImage *image,
               GPtrArray   *faces)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, lineup_image_get_name (image));
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, lineup_image_get_width (image));
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, lineup_image_get_height (image));
  json_builder_set_member_name (b, "faces");
  json_builder_begin_array (b);
  for (guint i = 0; i < faces->len; i++)
    lineup_face_to_json (faces->pdata[i], b, TRUE);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_faces_text (LineupImage *image,
                  GPtrArray   *faces)
{
  g_print ("%s: %d×%d, %u %s\n", lineup_image_get_name (image), lineup_image_get_width (image),
           lineup_image_get_height (image), faces->len,
           g_dngettext (GETTEXT_PACKAGE, "face", "faces", faces->len));
  for (guint i = 0; i < faces->len; i++)
    {
      LineupFace          *f = faces->pdata[i];
      const LineupBox     *box = lineup_face_get_box (f);
      const LineupQuality *q = lineup_face_get_quality (f);
      g_autofree char     *reasons = g_strjoinv (" ", (GStrv)lineup_face_get_reasons (f));

      g_print ("  #%u box %.0f,%.0f–%.0f,%.0f score %.2f  width %.0f px, eyes %.0f px, "
               "sharpness %.0f, brightness %.0f, yaw %.0f°, pitch %.0f°, roll %.0f°%s%s\n",
               i, box->left, box->top, box->right, box->bottom, lineup_face_get_score (f),
               q->face_width, q->eye_distance, q->sharpness, q->brightness, q->yaw, q->pitch,
               q->roll, *reasons ? "  " : "", reasons);
    }
}

int
lineup_cli_detect (LineupCliGlobals *globals,
                   int               argc,
                   char            **argv)
{
  EngineArgs          args = ENGINE_ARGS_INIT;
  LineupDetectOptions options;
  g_autoptr(LineupEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean           failed = FALSE;
  g_autofree char   *box = NULL;
  LineupBox          drawn = { 0 };
  int                ret;
  const GOptionEntry entries[] = {
    ENGINE_ENTRIES (args),
    { "box", 0, 0, G_OPTION_ARG_STRING, &box,
      N_("Describe the face in this box instead of detecting (where the detector missed)"),
      N_("LEFT,TOP,RIGHT,BOTTOM") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("detect", "IMAGE…",
                          _("Find the faces in images: boxes, 68 landmarks, quality figures "
                            "and reason codes."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if ((ret = engine_options (&args, "detect", &options)) >= 0)
    return ret;
  if (argc < 2)
    {
      g_printerr (_("lineup-cli detect: no image given\n"));
      return LINEUP_CLI_USAGE;
    }
  if (box != NULL && (sscanf (box, "%lf,%lf,%lf,%lf", &drawn.left, &drawn.top, &drawn.right,
                              &drawn.bottom) != 4 ||
                      drawn.right <= drawn.left || drawn.bottom <= drawn.top))
    {
      g_printerr (_("lineup-cli detect: --box wants LEFT,TOP,RIGHT,BOTTOM with RIGHT > LEFT "
                    "and BOTTOM > TOP\n"));
      return LINEUP_CLI_USAGE;
    }
  engine = lineup_engine_new (args.model_dir, &error);
  if (engine == NULL)
    return lineup_cli_fail (error);

  if (argc > 2)
    json_builder_begin_array (b);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(LineupImage) image = NULL;
      g_autoptr(GPtrArray) faces = NULL;
      g_autoptr(GError) local_error = NULL;

      image = lineup_image_new_from_file (argv[i], (guint64)(args.max_megapixels * 1e6),
                                          &local_error);
      if (image != NULL && box != NULL)
        {
          LineupFace *face = lineup_engine_describe_box (engine, image, &drawn, &options,
                                                         &local_error);
          if (face != NULL)
            {
              faces = g_ptr_array_new_with_free_func (g_object_unref);
              g_ptr_array_add (faces, face);
            }
        }
      else if (image != NULL)
        faces = lineup_engine_detect (engine, image, &options, &local_error);
      if (faces == NULL)
        {
          /* One bad file does not stop the others. */
          g_printerr ("lineup-cli: %s\n", local_error->message);
          failed = TRUE;
          if (globals->json)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "file");
              json_builder_add_string_value (b, argv[i]);
              json_builder_set_member_name (b, "error");
              json_builder_add_string_value (b, local_error->message);
              json_builder_end_object (b);
            }
          continue;
        }
      if (globals->json)
        image_to_json (b, image, faces);
      else
        print_faces_text (image, faces);
    }
  if (argc > 2)
    json_builder_end_array (b);
  if (globals->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      if (root != NULL)
        lineup_cli_print_json (root);
    }
  g_free (args.detector);
  g_free (args.model_dir);
  return failed ? LINEUP_CLI_FAILURE : LINEUP_CLI_OK;
}

static LineupFace *
pick_face (LineupEngine              *engine,
           const char                *path,
           guint64                    max_pixels,
           int                        index,
           const LineupDetectOptions *options,
           GError                   **error)
{
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  LineupFace *face;

  image = lineup_image_new_from_file (path, max_pixels, error);
  if (image == NULL)
    return NULL;
  faces = lineup_engine_detect (engine, image, options, error);
  if (faces == NULL)
    return NULL;
  if (faces->len == 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_NO_FACE, _("%s: no face found"), path);
      return NULL;
    }
  if (index >= (int)faces->len)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("%s: there is no face %d (found %u, numbered from 0 left to right)"), path,
                   index, faces->len);
      return NULL;
    }
  face = index >= 0 ? faces->pdata[index] : lineup_faces_largest (faces);
  return g_object_ref (face);
}

int
lineup_cli_compare (LineupCliGlobals *globals,
                    int               argc,
                    char            **argv)
{
  EngineArgs          args = ENGINE_ARGS_INIT;
  LineupDetectOptions options;
  g_autoptr(LineupEngine) engine = NULL;
  g_autoptr(LineupFace) a = NULL;
  g_autoptr(LineupFace) b = NULL;
  g_autoptr(GError) error = NULL;
  double             threshold = LINEUP_DEFAULT_THRESHOLD, distance;
  int                face_a = -1, face_b = -1, ret;
  const GOptionEntry entries[] = {
    ENGINE_ENTRIES (args),
    { "face-a", 0, 0, G_OPTION_ARG_INT, &face_a,
      N_("Use face N of the first image (from 0, left to right; default: the largest)"), N_("N") },
    { "face-b", 0, 0, G_OPTION_ARG_INT, &face_b, N_("Use face N of the second image"), N_("N") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Distance below which the faces are called similar (default 0.6)"), N_("T") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("compare", "IMAGE_A IMAGE_B",
                          _("Compare the largest face (or the chosen one) of two images. "
                            "The result is a similarity score, not an identification."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if ((ret = engine_options (&args, "compare", &options)) >= 0)
    return ret;
  if (argc != 3)
    {
      g_printerr (_("lineup-cli compare: give exactly two images\n"));
      return LINEUP_CLI_USAGE;
    }
  engine = lineup_engine_new (args.model_dir, &error);
  if (engine == NULL)
    return lineup_cli_fail (error);
  a = pick_face (engine, argv[1], (guint64)(args.max_megapixels * 1e6), face_a, &options, &error);
  if (a == NULL)
    return lineup_cli_fail (error);
  b = pick_face (engine, argv[2], (guint64)(args.max_megapixels * 1e6), face_b, &options, &error);
  if (b == NULL)
    return lineup_cli_fail (error);

  distance = lineup_descriptor_distance (lineup_face_get_descriptor (a),
                                         lineup_face_get_descriptor (b));
  if (globals->json)
    {
      g_autoptr(JsonBuilder) jb = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "distance");
      json_builder_add_double_value (jb, distance);
      json_builder_set_member_name (jb, "similarity");
      json_builder_add_double_value (jb, lineup_similarity_from_distance (distance));
      json_builder_set_member_name (jb, "threshold");
      json_builder_add_double_value (jb, threshold);
      json_builder_set_member_name (jb, "same");
      json_builder_add_boolean_value (jb, distance < threshold);
      json_builder_set_member_name (jb, "model");
      json_builder_add_string_value (jb, lineup_engine_get_model_id (engine));
      json_builder_end_object (jb);
      root = json_builder_get_root (jb);
      lineup_cli_print_json (root);
    }
  else
    g_print (_("distance %.4f (similarity %.0f %%), threshold %.2f: %s\n"), distance,
             100 * lineup_similarity_from_distance (distance), threshold,
             distance < threshold ? _("similar (an investigative lead, not an identification)")
                                  : _("not similar"));
  g_free (args.detector);
  g_free (args.model_dir);
  return LINEUP_CLI_OK;
}

static void
eval_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  gint64 *start = user_data;
  double  secs = (g_get_monotonic_time () - *start) / 1e6;
  double  rate = secs > 0 ? done / secs : 0;

  g_printerr ("\r%s %u/%u images, %.1f/s, %.0f s left   ", _("Evaluating:"), done, total, rate,
              rate > 0 ? (total - done) / rate : 0);
}

int
lineup_cli_eval_pairs (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv)
{
  EngineArgs          args = ENGINE_ARGS_INIT;
  LineupDetectOptions options;
  LineupEvalResult    r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char   *root = NULL;
  g_autofree char   *scores = NULL;
  double             threshold = LINEUP_DEFAULT_THRESHOLD;
  int                workers = (int)g_get_num_processors (), ret;
  gint64             start = g_get_monotonic_time ();
  gboolean           tty = isatty (STDERR_FILENO);
  const GOptionEntry entries[] = {
    ENGINE_ENTRIES (args),
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
      N_("Folder holding NAME/NAME_NNNN.jpg (required)"), N_("DIR") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Match threshold to report accuracy at (default 0.6)"), N_("T") },
    { "scores", 0, 0, G_OPTION_ARG_FILENAME, &scores,
      N_("Also write every pair's distance to FILE (tab-separated)"), N_("FILE") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers,
      N_("Worker threads, each with its own network (default: one per core)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("eval pairs", "PAIRS_FILE",
                          _("The accuracy self-test: score an LFW-format pairs file "
                            "(“name n1 n2” and “name1 n1 name2 n2” lines)."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if ((ret = engine_options (&args, "eval pairs", &options)) >= 0)
    return ret;
  if (argc != 2 || root == NULL || workers < 1)
    {
      g_printerr (_("lineup-cli eval pairs: give one PAIRS_FILE, --root DIR and --workers ≥ 1\n"));
      return LINEUP_CLI_USAGE;
    }
  if (!lineup_eval_pairs (argv[1], root, args.model_dir, &options, threshold, workers,
                          tty && !globals->json ? eval_progress : NULL, &start, NULL, &r, &error))
    {
      if (tty && !globals->json)
        g_printerr ("\n");
      return lineup_cli_fail (error);
    }
  if (tty && !globals->json)
    g_printerr ("\n");

  if (scores != NULL)
    {
      g_autoptr(GString) out = g_string_new ("image_a\timage_b\tsame\tdistance\n");
      for (guint i = 0; i < r.scores->len; i++)
        {
          LineupEvalScore *sc = &g_array_index (r.scores, LineupEvalScore, i);
          if (sc->distance < 0)
            g_string_append_printf (out, "%s\t%s\t%d\t\n", sc->a, sc->b, sc->same);
          else
            g_string_append_printf (out, "%s\t%s\t%d\t%.6f\n", sc->a, sc->b, sc->same,
                                    sc->distance);
        }
      if (!g_file_set_contents (scores, out->str, out->len, &error))
        return lineup_cli_fail (error);
    }
  lineup_eval_result_clear (&r);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
#define I(k, v)                        \
  json_builder_set_member_name (b, k); \
  json_builder_add_int_value (b, v);
#define D(k, v)                        \
  json_builder_set_member_name (b, k); \
  json_builder_add_double_value (b, v);
      I ("pairs", r.pairs)
      I ("pairs_scored", r.pairs_scored)
      I ("faces_not_found", r.faces_not_found)
      I ("images_failed", r.images_failed)
      D ("threshold", r.threshold)
      D ("accuracy", r.accuracy)
      D ("best_threshold", r.best_threshold)
      D ("best_threshold_accuracy", r.best_threshold_accuracy)
      D ("auc", r.auc)
      D ("tar_at_far_1e2", r.tar_at_far_1e2)
      D ("tar_at_far_1e3", r.tar_at_far_1e3)
      D ("seconds", r.seconds)
      D ("images_per_second", r.images_per_second)
#undef I
#undef D
      json_builder_set_member_name (b, "detector");
      json_builder_add_string_value (b, lineup_detector_to_string (options.detector));
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, LINEUP_RESNET_MODEL_ID);
      json_builder_set_member_name (b, "jitter");
      json_builder_add_int_value (b, options.jitter);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      lineup_cli_print_json (node);
    }
  else
    {
      g_print ("%-26s %u (%u scored)\n", _("Pairs:"), r.pairs, r.pairs_scored);
      g_print ("%-26s %u\n", _("Images without a face:"), r.faces_not_found);
      g_print ("%-26s %u\n", _("Images unreadable:"), r.images_failed);
      g_print ("%-26s %.2f %% at %.2f\n", _("Accuracy:"), 100 * r.accuracy, r.threshold);
      g_print ("%-26s %.2f %% at %.3f\n", _("Best-threshold accuracy:"),
               100 * r.best_threshold_accuracy, r.best_threshold);
      g_print ("%-26s %.4f\n", _("ROC AUC:"), r.auc);
      g_print ("%-26s %.2f %% / %.2f %%\n", _("TAR at FAR 1e-2 / 1e-3:"), 100 * r.tar_at_far_1e2,
               100 * r.tar_at_far_1e3);
      g_print ("%-26s %.1f s (%.1f images/s)\n", _("Time:"), r.seconds, r.images_per_second);
    }
  g_free (args.detector);
  g_free (args.model_dir);
  return LINEUP_CLI_OK;
}
