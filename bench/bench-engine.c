/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-engine.c: face-engine throughput on real faces. Prints medians.
 *
 *   descriptors per second at 1 and 2 threads (one network per thread),
 *   detection ms per image at 0.25 / 1 / 2 megapixels for each detector,
 *   landmark fitting µs per face.
 *
 * Usage: bench-engine [FACES_DIR]   (default: $LINEUP_FACES_DIR)
 */
#include "config.h"

#include "bench-util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineup-core.h"

#define N_CHIPS 96
#define CHIP_BYTES (150 * 150 * 3)

static char *model_dir;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static LineupShimEngine *
new_engine (void)
{
  g_autofree char *resnet = g_build_filename (model_dir, LINEUP_RESNET_FILE, NULL);
  g_autofree char *lm = g_build_filename (model_dir, LINEUP_LANDMARKS_FILE, NULL);
  g_autofree char *bf = g_build_filename (model_dir, LINEUP_BLAZEFACE_FILE, NULL);
  g_autoptr(GError) error = NULL;
  LineupShimEngine *e = lineup_shim_engine_new (resnet, lm, bf, &error);

  if (e == NULL)
    g_error ("%s", error->message);
  return e;
}

typedef struct
{
  const guint8 *chips;
  int           n;
  int           batch;
  double        seconds;
} ChipJob;

static gpointer
describe_thread (gpointer data)
{
  ChipJob *job = data;
  g_autoptr(LineupShimEngine) e = new_engine ();
  g_autofree float *out = g_new (float, (gsize)job->n * 128);
  double t0;

  /* Warm up once (first calls allocate the network's buffers). */
  lineup_shim_engine_describe_chips (e, job->chips, 1, out, NULL);
  t0 = now ();
  for (int i = 0; i < job->n; i += job->batch)
    if (!lineup_shim_engine_describe_chips (e, job->chips + (gsize)i * CHIP_BYTES,
                                            MIN (job->batch, job->n - i), out + (gsize)i * 128,
                                            NULL))
      g_error ("describe failed");
  job->seconds = now () - t0;
  return NULL;
}

static double
descriptors_per_second (const guint8 *chips,
                        int           threads,
                        int           batch)
{
  ChipJob jobs[2];
  GThread *t[2];
  double t0 = now ();

  for (int i = 0; i < threads; i++)
    {
      jobs[i] = (ChipJob){ chips + (gsize)i * (N_CHIPS / threads) * CHIP_BYTES, N_CHIPS / threads,
                           batch, 0 };
      t[i] = g_thread_new ("bench", describe_thread, &jobs[i]);
    }
  for (int i = 0; i < threads; i++)
    g_thread_join (t[i]);
  /* Engine start-up (model loading) is not part of the rate. */
  {
    double slowest = 0;
    for (int i = 0; i < threads; i++)
      slowest = MAX (slowest, jobs[i].seconds);
    (void)t0;
    return N_CHIPS / slowest;
  }
}

static guint8 *
load_chips (const char *faces)
{
  g_autofree char *root = g_build_filename (faces, "lfw-devtrain", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  guint8 *chips = g_malloc ((gsize)N_CHIPS * CHIP_BYTES);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int n = 0;

  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  lineup_sort_strings (names);
  for (guint i = 0; i < names->len && n < N_CHIPS; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s_0001.jpg", (char *)names->pdata[i]);
      g_autofree char *path = g_build_filename (root, names->pdata[i], file, NULL);
      g_autoptr(LineupImage) image = lineup_image_new_from_file (path, 0, NULL);
      g_autofree guint8 *rgb = NULL;

      if (image == NULL || lineup_image_get_width (image) != 250)
        continue;
      rgb = g_malloc (250 * 250 * 3);
      lineup_shim_image_copy_rgb (lineup_image_get_shim (image), rgb);
      for (int r = 0; r < 150; r++)
        memcpy (chips + (gsize)n * CHIP_BYTES + r * 450, rgb + ((r + 50) * 250 + 50) * 3, 450);
      n++;
    }
  g_assert (n == N_CHIPS);
  return chips;
}

int
main (int   argc,
      char *argv[])
{
  const char *faces = argc > 1 ? argv[1] : g_getenv ("LINEUP_FACES_DIR");
  g_autofree guint8 *chips = NULL;
  g_autofree char *group = NULL;
  g_autoptr(LineupImage) photo = NULL;
  g_autoptr(LineupShimEngine) e = NULL;
  g_autoptr(GError) error = NULL;
  const double mps[] = { 0.25, 1.0, 2.0 };

  if (faces == NULL)
    {
      g_printerr ("usage: bench-engine FACES_DIR\n");
      return 2;
    }
  model_dir = lineup_paths_model_dir ();
  lineup_shim_set_blas_threads (1);

  printf ("# face engine benchmark (%u cores; one BLAS thread per engine)\n",
          g_get_num_processors ());
  chips = load_chips (faces);
  printf ("descriptors/s, 1 thread,  batch 1:  %.1f\n", descriptors_per_second (chips, 1, 1));
  printf ("descriptors/s, 1 thread,  batch 16: %.1f\n", descriptors_per_second (chips, 1, 16));
  printf ("descriptors/s, 2 threads, batch 1:  %.1f\n", descriptors_per_second (chips, 2, 1));
  printf ("descriptors/s, 2 threads, batch 16: %.1f\n", descriptors_per_second (chips, 2, 16));

  e = new_engine ();
  group = g_build_filename (faces, "groups", "human", "group-1.jpg", NULL);
  photo = lineup_image_new_from_file (group, 0, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < G_N_ELEMENTS (mps); s++)
    {
      double aspect = (double)lineup_image_get_width (photo) / lineup_image_get_height (photo);
      int h = (int)round (sqrt (mps[s] * 1e6 / aspect)), w = (int)round (h * aspect);
      g_autoptr(LineupShimImage) img = lineup_shim_image_resize (lineup_image_get_shim (photo), w, h,
                                                                &error);
      struct { const char *name; LineupShimDetector det; int up; } dets[] = {
        { "hog, upsample 0", LINEUP_SHIM_DETECTOR_HOG, 0 },
        { "hog, upsample 1", LINEUP_SHIM_DETECTOR_HOG, 1 },
        { "blazeface", LINEUP_SHIM_DETECTOR_BLAZEFACE, 0 },
      };

      for (guint d = 0; d < G_N_ELEMENTS (dets); d++)
        {
          double t[7];
          int n = 0;
          for (int r = 0; r < 7; r++)
            {
              g_autofree LineupShimBox *boxes = NULL;
              double t0 = now ();
              n = lineup_shim_engine_detect (e, img, dets[d].det, dets[d].up, &boxes, NULL);
              t[r] = (now () - t0) * 1000;
            }
          printf ("detect %.2f MP (%dx%d), %-16s median %7.1f ms, %d faces\n", mps[s], w, h,
                  dets[d].name, bench_median (t, 7), n);
        }
    }

  {
    g_autofree LineupShimBox *boxes = NULL;
    int n = lineup_shim_engine_detect (e, lineup_image_get_shim (photo), LINEUP_SHIM_DETECTOR_HOG,
                                       0, &boxes, NULL);
    g_autofree double *t = g_new (double, MAX (n, 1) * 5);
    int k = 0;
    float lm[136];

    for (int r = 0; r < 5; r++)
      for (int i = 0; i < n; i++)
        {
          double t0 = now ();
          lineup_shim_engine_fit_landmarks (e, lineup_image_get_shim (photo), &boxes[i], lm, NULL);
          t[k++] = (now () - t0) * 1e6;
        }
    if (k > 0)
      printf ("landmarks (68 points), median %.0f µs per face over %d fits\n", bench_median (t, k), k);
  }
  return 0;
}
