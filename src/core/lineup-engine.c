/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-engine.c: the face engine over the shim.
 *
 * The descriptor network is checked against its pinned sha256 when loaded,
 * so every descriptor in the database is tagged with the exact model that
 * made it and descriptors of different models are never compared.
 */
#define G_LOG_DOMAIN "lineup-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lineup-engine.h"
#include "lineup-error.h"
#include "lineup-paths.h"

struct _LineupEngine
{
  GObject parent_instance;

  GMutex            lock; /* dlib networks are not thread-safe */
  LineupShimEngine *shim;
  char             *model_sha256;
};

G_DEFINE_FINAL_TYPE (LineupEngine, lineup_engine, G_TYPE_OBJECT)

void
lineup_detect_options_init_default (LineupDetectOptions *options)
{
  options->detector = LINEUP_SHIM_DETECTOR_HOG;
  options->upsample = 1;
  options->fallback = TRUE;
  options->jitter = 0;
  lineup_quality_policy_init_default (&options->policy);
}

gboolean
lineup_detector_from_string (const char         *name,
                             LineupShimDetector *detector)
{
  if (g_strcmp0 (name, "hog") == 0)
    *detector = LINEUP_SHIM_DETECTOR_HOG;
  else if (g_strcmp0 (name, "blazeface") == 0)
    *detector = LINEUP_SHIM_DETECTOR_BLAZEFACE;
  else
    return FALSE;
  return TRUE;
}

const char *
lineup_detector_to_string (LineupShimDetector detector)
{
  return detector == LINEUP_SHIM_DETECTOR_BLAZEFACE ? "blazeface" : "hog";
}

static void
lineup_engine_finalize (GObject *object)
{
  LineupEngine *self = LINEUP_ENGINE (object);

  g_clear_pointer (&self->shim, lineup_shim_engine_free);
  g_free (self->model_sha256);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (lineup_engine_parent_class)->finalize (object);
}

static void
lineup_engine_class_init (LineupEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_engine_finalize;
}

static void
lineup_engine_init (LineupEngine *self)
{
  g_mutex_init (&self->lock);
}

static char *
file_sha256 (const char *path,
             GError    **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  if (mapped == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *)g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
}

LineupEngine *
lineup_engine_new (const char *model_dir,
                   GError    **error)
{
  g_autoptr(LineupEngine) self = g_object_new (LINEUP_TYPE_ENGINE, NULL);
  g_autofree char *dir = model_dir ? g_strdup (model_dir) : lineup_paths_model_dir ();
  g_autofree char *resnet = g_build_filename (dir, LINEUP_RESNET_FILE, NULL);
  g_autofree char *landmarks = g_build_filename (dir, LINEUP_LANDMARKS_FILE, NULL);
  g_autofree char *blazeface = g_build_filename (dir, LINEUP_BLAZEFACE_FILE, NULL);
  g_autoptr(GError) local_error = NULL;
  static gsize blas_once = 0;

  if (!g_file_test (resnet, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_MODEL,
                   _("The face-recognition model %s is missing; run ./setup.sh build to fetch "
                     "and convert the models"),
                   resnet);
      return NULL;
    }
  if (!g_file_test (landmarks, G_FILE_TEST_EXISTS))
    {
      g_free (landmarks);
      landmarks = g_build_filename (LINEUP_DLIB_DATA_DIR, LINEUP_LANDMARKS_FILE, NULL);
    }

  self->model_sha256 = file_sha256 (resnet, error);
  if (self->model_sha256 == NULL)
    return NULL;
  if (!g_str_equal (self->model_sha256, LINEUP_RESNET_SHA256))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_MODEL,
                   _("%s has sha256 %s, not the pinned %s; run ./setup.sh build to convert it "
                     "again"),
                   resnet, self->model_sha256, LINEUP_RESNET_SHA256);
      return NULL;
    }

  /* One BLAS thread per engine: parallelism comes from running one engine
   * per worker, and oversubscribed BLAS threads only slow that down. */
  if (g_once_init_enter (&blas_once))
    {
      const char *env = g_getenv ("LINEUP_BLAS_THREADS");
      lineup_shim_set_blas_threads (env ? MAX (1, atoi (env)) : 1);
      g_once_init_leave (&blas_once, 1);
    }

  self->shim = lineup_shim_engine_new (resnet, landmarks,
                                       g_file_test (blazeface, G_FILE_TEST_EXISTS) ? blazeface
                                                                                   : NULL,
                                       &local_error);
  if (self->shim == NULL)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_MODEL, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
lineup_engine_get_model_id (LineupEngine *self)
{
  return LINEUP_RESNET_MODEL_ID;
}

const char *
lineup_engine_get_model_sha256 (LineupEngine *self)
{
  return self->model_sha256;
}

static LineupFace *
describe_locked (LineupEngine              *self,
                 LineupImage               *image,
                 const LineupBox           *box,
                 double                     score,
                 const char                *detector,
                 const LineupDetectOptions *options,
                 GError                   **error)
{
  LineupShimBox      sb = { box->left, box->top, box->right, box->bottom, score };
  LineupShimFaceData data;
  g_autofree guint8 *chip = g_malloc (LINEUP_SHIM_CHIP_SIZE * LINEUP_SHIM_CHIP_SIZE * 3);
  g_autoptr(GBytes) chip_bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!lineup_shim_engine_describe (self->shim, lineup_image_get_shim (image), &sb,
                                    !g_str_equal (detector, "hog"), options->jitter, &data, chip,
                                    &local_error))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_FAILED, "%s: %s",
                   lineup_image_get_name (image), local_error->message);
      return NULL;
    }
  chip_bytes = g_bytes_new_take (g_steal_pointer (&chip),
                                 LINEUP_SHIM_CHIP_SIZE * LINEUP_SHIM_CHIP_SIZE * 3);
  return lineup_face_new (box, score, detector, &data, LINEUP_RESNET_MODEL_ID, chip_bytes,
                          &options->policy);
}

static int
compare_left_to_right (gconstpointer a,
                       gconstpointer b)
{
  LineupFace *fa = *(LineupFace **)a;
  LineupFace *fb = *(LineupFace **)b;
  double      d = lineup_face_get_box (fa)->left - lineup_face_get_box (fb)->left;

  return d < 0 ? -1 : d > 0;
}

static GPtrArray *
detect_locked (LineupEngine              *self,
               LineupImage               *image,
               LineupShimDetector         which,
               const LineupDetectOptions *options,
               GError                   **error)
{
  g_autoptr(GPtrArray) faces = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree LineupShimBox *boxes = NULL;
  const char               *detector = lineup_detector_to_string (which);
  int                       n;

  n = lineup_shim_engine_detect (self->shim, lineup_image_get_shim (image), which,
                                 options->upsample, &boxes, &local_error);
  if (n < 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_FAILED, "%s: %s",
                   lineup_image_get_name (image), local_error->message);
      return NULL;
    }
  for (int i = 0; i < n; i++)
    {
      LineupBox   box = { boxes[i].left, boxes[i].top, boxes[i].right, boxes[i].bottom };
      LineupFace *face;

      /* Boxes that reach past the edge are fine for landmark fitting, but
       * report them clipped to the image. */
      box.left = MAX (box.left, 0);
      box.top = MAX (box.top, 0);
      box.right = MIN (box.right, lineup_image_get_width (image));
      box.bottom = MIN (box.bottom, lineup_image_get_height (image));
      face = describe_locked (self, image, &box, boxes[i].score, detector, options, error);
      if (face == NULL)
        return NULL;
      g_ptr_array_add (faces, face);
    }
  g_ptr_array_sort (faces, compare_left_to_right);
  return g_steal_pointer (&faces);
}

GPtrArray *
lineup_engine_detect (LineupEngine              *self,
                      LineupImage               *image,
                      const LineupDetectOptions *options,
                      GError                   **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) faces = NULL;
  LineupShimDetector other = options->detector == LINEUP_SHIM_DETECTOR_HOG
                               ? LINEUP_SHIM_DETECTOR_BLAZEFACE
                               : LINEUP_SHIM_DETECTOR_HOG;

  if (!lineup_shim_engine_has_detector (self->shim, options->detector))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_MODEL,
                   _("The %s detector's model is not installed; run ./setup.sh build"),
                   lineup_detector_to_string (options->detector));
      return NULL;
    }
  faces = detect_locked (self, image, options->detector, options, error);
  /* Each detector misses faces the other finds (HOG: turned heads; BlazeFace:
   * small faces), so a still with no face gets a second look. */
  if (faces != NULL && faces->len == 0 && options->fallback &&
      lineup_shim_engine_has_detector (self->shim, other))
    {
      g_clear_pointer (&faces, g_ptr_array_unref);
      faces = detect_locked (self, image, other, options, error);
    }
  return g_steal_pointer (&faces);
}

LineupFace *
lineup_engine_describe_box (LineupEngine              *self,
                            LineupImage               *image,
                            const LineupBox           *box,
                            const LineupDetectOptions *options,
                            GError                   **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (box->right - box->left < 8 || box->bottom - box->top < 8 || box->right <= 0 ||
      box->bottom <= 0 || box->left >= lineup_image_get_width (image) ||
      box->top >= lineup_image_get_height (image))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("%s: the drawn box is empty or outside the image"),
                   lineup_image_get_name (image));
      return NULL;
    }
  return describe_locked (self, image, box, 0.0, "manual", options, error);
}

gboolean
lineup_engine_describe_chips (LineupEngine *self,
                              const guint8 *chips_rgb,
                              int           n,
                              float        *descriptors,
                              GError      **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GError) local_error = NULL;

  if (!lineup_shim_engine_describe_chips (self->shim, chips_rgb, n, descriptors, &local_error))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_FAILED, local_error->message);
      return FALSE;
    }
  return TRUE;
}

LineupFace *
lineup_faces_largest (GPtrArray *faces)
{
  LineupFace *best = NULL;

  for (guint i = 0; faces && i < faces->len; i++)
    if (best == NULL || lineup_face_get_area (faces->pdata[i]) > lineup_face_get_area (best))
      best = faces->pdata[i];
  return best;
}

/* The face whose box centre is nearest the image centre: LFW-style crops
 * are centred on the labelled person, whoever else is in the picture. */
LineupFace *
lineup_faces_nearest_center (GPtrArray *faces,
                             int        width,
                             int        height)
{
  LineupFace *best = NULL;
  double      best_d = G_MAXDOUBLE;

  for (guint i = 0; faces && i < faces->len; i++)
    {
      const LineupBox *b = lineup_face_get_box (faces->pdata[i]);
      double           dx = (b->left + b->right) / 2 - width / 2.0;
      double           dy = (b->top + b->bottom) / 2 - height / 2.0;
      double           d = dx * dx + dy * dy;

      if (d < best_d)
        {
          best_d = d;
          best = faces->pdata[i];
        }
    }
  return best;
}
