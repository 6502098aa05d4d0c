/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-eval.h: the accuracy self-test on labelled pairs (LFW format). */
#pragma once

#include <gio/gio.h>

#include "lineup-engine.h"

G_BEGIN_DECLS

typedef struct
{
  const char *a; /* image paths */
  const char *b;
  gboolean    same;
  double      distance; /* < 0: no face in one of the images */
} LineupEvalScore;

typedef struct
{
  guint      pairs;
  guint      pairs_scored;
  guint      faces_not_found; /* images in which no face was found */
  guint      images_failed;   /* images that could not be read */
  double     threshold;
  double     accuracy;
  double     best_threshold;
  double     best_threshold_accuracy;
  double     auc;
  double     tar_at_far_1e2;
  double     tar_at_far_1e3;
  double     seconds;
  double     images_per_second;
  GArray    *scores; /* of LineupEvalScore, when asked for */
  GPtrArray *paths;  /* owns the strings the scores point to */
} LineupEvalResult;

void lineup_eval_result_clear (LineupEvalResult *result);

typedef void (*LineupProgressFunc) (guint    done,
                                    guint    total,
                                    gpointer user_data);

gboolean lineup_eval_pairs (const char                *pairs_file,
                            const char                *root,
                            const char                *model_dir,
                            const LineupDetectOptions *options,
                            double                     threshold,
                            guint                      n_workers,
                            LineupProgressFunc         progress,
                            gpointer                   progress_data,
                            GCancellable              *cancellable,
                            LineupEvalResult          *result,
                            GError                   **error);

/* The metrics alone, for tests: distances[i] < 0 means "no face". */
void lineup_eval_metrics (const double     *distances,
                          const gboolean   *same,
                          guint             n,
                          double            threshold,
                          LineupEvalResult *result);

G_END_DECLS
