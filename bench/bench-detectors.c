/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-detectors.c: HOG (upsample 0/1/2) and BlazeFace against dlib's
 * ground-truth boxes on the group photos (groups/dlib-faces/{training,
 * testing}.xml). Prints, per detector: recall and false positives at its
 * default threshold, the best recall with no false positive, and the median
 * ms per image. The default detector is chosen by that best recall.
 *
 * Usage: bench-detectors [FACES_DIR]   (default: $LINEUP_FACES_DIR)
 */
#include "config.h"

#include "bench-util.h"

#include <stdio.h>
#include <stdlib.h>

#include "imglab.h"
#include "lineup-core.h"

typedef struct
{
  float score;
  gboolean tp;
} Scored;

static int
cmp_scored_desc (const void *a,
                 const void *b)
{
  float x = ((const Scored *)a)->score, y = ((const Scored *)b)->score;
  return x > y ? -1 : x < y;
}

static int
cmp_box_desc (const void *a,
              const void *b)
{
  float x = ((const LineupShimBox *)a)->score, y = ((const LineupShimBox *)b)->score;
  return x > y ? -1 : x < y;
}

int
main (int   argc,
      char *argv[])
{
  const char *faces = argc > 1 ? argv[1] : g_getenv ("LINEUP_FACES_DIR");
  const char *sets[] = { "training.xml", "testing.xml" };
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_autofree char *model_dir = lineup_paths_model_dir ();
  g_autofree char *resnet = g_build_filename (model_dir, LINEUP_RESNET_FILE, NULL);
  g_autofree char *lm = g_build_filename (model_dir, LINEUP_LANDMARKS_FILE, NULL);
  g_autofree char *bf = g_build_filename (model_dir, LINEUP_BLAZEFACE_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupShimEngine) engine = NULL;
  struct { const char *name; LineupShimDetector det; int up; } dets[] = {
    { "hog, upsample 0", LINEUP_SHIM_DETECTOR_HOG, 0 },
    { "hog, upsample 1", LINEUP_SHIM_DETECTOR_HOG, 1 },
    { "hog, upsample 2", LINEUP_SHIM_DETECTOR_HOG, 2 },
    { "blazeface", LINEUP_SHIM_DETECTOR_BLAZEFACE, 0 },
  };
  const double ious[] = { 0.3, 0.5 };

  if (faces == NULL)
    {
      g_printerr ("usage: bench-detectors FACES_DIR\n");
      return 2;
    }
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autofree char *xml = g_build_filename (faces, "groups", "dlib-faces", sets[s], NULL);
      GPtrArray *set = imglab_load (xml, &error);
      if (set == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (keep, set);
      for (guint i = 0; i < set->len; i++)
        g_ptr_array_add (images, set->pdata[i]);
    }
  engine = lineup_shim_engine_new (resnet, lm, bf, &error);
  if (engine == NULL)
    g_error ("%s", error->message);

  printf ("# detectors on dlib's group photos (%u images), match at IoU >= 0.3 / 0.5\n",
          images->len);
  printf ("%-16s %5s %9s %4s %18s %10s\n", "detector", "IoU", "recall", "FP", "best recall @0 FP",
          "ms/image");
  for (guint d = 0; d < G_N_ELEMENTS (dets); d++)
    for (guint k = 0; k < G_N_ELEMENTS (ious); k++)
      {
        g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
        g_autofree double *ms = g_new (double, images->len);
        guint truth = 0, tp = 0, fp = 0, best = 0, tp_run = 0;

        for (guint i = 0; i < images->len; i++)
          {
            ImglabImage *im = images->pdata[i];
            g_autoptr(LineupImage) image = lineup_image_new_from_file (im->file, 0, &error);
            g_autofree LineupShimBox *boxes = NULL;
            g_autofree gboolean *used = g_new0 (gboolean, im->boxes->len);
            gint64 t0;
            int n;

            if (image == NULL)
              g_error ("%s", error->message);
            t0 = g_get_monotonic_time ();
            n = lineup_shim_engine_detect (engine, lineup_image_get_shim (image), dets[d].det,
                                           dets[d].up, &boxes, &error);
            ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
            if (n < 0)
              g_error ("%s", error->message);
            for (guint t = 0; t < im->boxes->len; t++)
              truth += !g_array_index (im->boxes, ImglabBox, t).ignore;
            /* Greedy matching, best-scoring detections first. */
            qsort (boxes, n, sizeof *boxes, cmp_box_desc);
            for (int b = 0; b < n; b++)
              {
                Scored sc = { boxes[b].score, FALSE };
                gboolean ignored = FALSE;
                for (guint t = 0; t < im->boxes->len && !sc.tp; t++)
                  {
                    ImglabBox *tb = &g_array_index (im->boxes, ImglabBox, t);
                    double iou = imglab_iou (boxes[b].left, boxes[b].top, boxes[b].right,
                                             boxes[b].bottom, tb->left, tb->top,
                                             tb->left + tb->width, tb->top + tb->height);
                    if (iou < ious[k] || used[t])
                      continue;
                    if (tb->ignore)
                      ignored = TRUE;
                    else
                      sc.tp = used[t] = TRUE;
                  }
                if (!ignored)
                  g_array_append_val (scored, sc);
              }
          }
        qsort (scored->data, scored->len, sizeof (Scored), cmp_scored_desc);
        for (guint i = 0; i < scored->len; i++)
          {
            Scored *sc = &g_array_index (scored, Scored, i);
            if (sc->tp)
              tp++, tp_run++;
            else
              {
                fp++;
                /* Everything scoring above the first false positive. */
                if (fp == 1)
                  best = tp_run;
              }
          }
        if (fp == 0)
          best = tp;
        qsort (ms, images->len, sizeof (double), bench_cmp_double);
        printf ("%-16s %5.1f %8.1f%% %4u %17.1f%% %10.1f\n", dets[d].name, ious[k],
                100.0 * tp / truth, fp, 100.0 * best / truth, ms[images->len / 2]);
      }
  return 0;
}
