/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-eval.c: the accuracy self-test. Agencies must test their system
 * operationally; this runs the same engine as search on labelled pairs. */
#define G_LOG_DOMAIN "lineup-eval"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "lineup-error.h"
#include "lineup-eval.h"

typedef struct
{
  guint    a; /* indices into the image list */
  guint    b;
  gboolean same;
} Pair;

typedef struct
{
  GPtrArray                 *paths;
  float                     *descriptors; /* paths->len × 128 */
  gint8                     *status;      /* 1 ok, 0 no face, -1 error */
  gint                       next;
  gint                       done;
  gint                       finished; /* workers that have returned */
  const char                *model_dir;
  const LineupDetectOptions *options;
  GCancellable              *cancellable;
  GMutex                     lock;
  GError                    *error; /* first fatal error (models) */
  LineupProgressFunc         progress;
  gpointer                   progress_data;
} Work;

static gpointer
worker (gpointer data)
{
  Work *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupEngine) engine = lineup_engine_new (w->model_dir, &error);

  if (engine == NULL)
    {
      g_mutex_lock (&w->lock);
      if (w->error == NULL)
        w->error = g_steal_pointer (&error);
      g_mutex_unlock (&w->lock);
      g_atomic_int_inc (&w->finished);
      return NULL;
    }

  for (;;)
    {
      gint        i = g_atomic_int_add (&w->next, 1);
      const char *path;
      g_autoptr(LineupImage) image = NULL;
      g_autoptr(GPtrArray) faces = NULL;
      g_autoptr(GError) local_error = NULL;
      LineupFace *face;

      if (i >= (gint)w->paths->len || g_cancellable_is_cancelled (w->cancellable))
        break;
      path = w->paths->pdata[i];
      image = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &local_error);
      if (image != NULL)
        faces = lineup_engine_detect (engine, image, w->options, &local_error);
      if (faces == NULL)
        {
          g_warning ("%s", local_error->message);
          w->status[i] = -1;
        }
      else if ((face = lineup_faces_nearest_center (faces, lineup_image_get_width (image),
                                                    lineup_image_get_height (image))) == NULL)
        w->status[i] = 0;
      else
        {
          memcpy (w->descriptors + (gsize)i * LINEUP_SHIM_DESCRIPTOR_DIM,
                  lineup_face_get_descriptor (face), sizeof (float) * LINEUP_SHIM_DESCRIPTOR_DIM);
          w->status[i] = 1;
        }
      g_atomic_int_inc (&w->done);
    }
  g_atomic_int_inc (&w->finished);
  return NULL;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double
accuracy_at (const double   *d,
             const gboolean *same,
             guint           n,
             double          t)
{
  guint correct = 0;

  for (guint i = 0; i < n; i++)
    if (d[i] >= 0 && (same[i] ? d[i] < t : d[i] >= t))
      correct++;
  return n ? (double)correct / n : 0;
}

/* TAR at the threshold that accepts at most far × impostors. */
static double
tar_at_far (const double   *d,
            const gboolean *same,
            guint           n,
            double          far)
{
  g_autoptr(GArray) imp = g_array_new (FALSE, FALSE, sizeof (double));
  guint  genuine = 0, accepted = 0;
  double t;
  guint  k;

  for (guint i = 0; i < n; i++)
    {
      if (same[i])
        genuine++;
      else
        {
          double v = d[i] < 0 ? INFINITY : d[i];
          g_array_append_val (imp, v);
        }
    }
  if (imp->len == 0 || genuine == 0)
    return 0;
  qsort (imp->data, imp->len, sizeof (double), cmp_double);
  k = (guint)floor (far * imp->len);
  t = g_array_index (imp, double, MIN (k, imp->len - 1));
  for (guint i = 0; i < n; i++)
    if (same[i] && d[i] >= 0 && d[i] < t)
      accepted++;
  return (double)accepted / genuine;
}

void
lineup_eval_metrics (const double     *d,
                     const gboolean   *same,
                     guint             n,
                     double            threshold,
                     LineupEvalResult *r)
{
  g_autofree double *sorted = g_new (double, n + 1);
  guint              m = 0, genuine = 0, impostor = 0;
  double             wins = 0;

  r->pairs = n;
  r->pairs_scored = 0;
  for (guint i = 0; i < n; i++)
    if (d[i] >= 0)
      {
        sorted[m++] = d[i];
        r->pairs_scored++;
      }
  r->threshold = threshold;
  r->accuracy = accuracy_at (d, same, n, threshold);

  /* Best threshold: try midpoints between consecutive observed distances. */
  qsort (sorted, m, sizeof (double), cmp_double);
  r->best_threshold = threshold;
  r->best_threshold_accuracy = r->accuracy;
  for (guint i = 0; i + 1 < m; i++)
    {
      double t = (sorted[i] + sorted[i + 1]) / 2;
      double acc = accuracy_at (d, same, n, t);
      if (acc > r->best_threshold_accuracy)
        {
          r->best_threshold_accuracy = acc;
          r->best_threshold = t;
        }
    }

  /* AUC = P(genuine distance < impostor distance); a pair without a face
   * scores as infinitely far. */
  for (guint i = 0; i < n; i++)
    {
      double gi;
      if (!same[i])
        {
          impostor++;
          continue;
        }
      genuine++;
      gi = d[i] < 0 ? INFINITY : d[i];
      for (guint j = 0; j < n; j++)
        {
          double ij;
          if (same[j])
            continue;
          ij = d[j] < 0 ? INFINITY : d[j];
          wins += gi < ij ? 1.0 : gi == ij ? 0.5
                                           : 0.0;
        }
    }
  r->auc = genuine && impostor ? wins / ((double)genuine * impostor) : 0;
  r->tar_at_far_1e2 = tar_at_far (d, same, n, 1e-2);
  r->tar_at_far_1e3 = tar_at_far (d, same, n, 1e-3);
}

void
lineup_eval_result_clear (LineupEvalResult *result)
{
  g_clear_pointer (&result->scores, g_array_unref);
  g_clear_pointer (&result->paths, g_ptr_array_unref);
}

static guint
intern_path (GPtrArray  *paths,
             GHashTable *index,
             const char *root,
             const char *name,
             int         number)
{
  g_autofree char *file = g_strdup_printf ("%s_%04d.jpg", name, number);
  g_autofree char *path = g_build_filename (root, name, file, NULL);
  gpointer         found;

  if (g_hash_table_lookup_extended (index, path, NULL, &found))
    return GPOINTER_TO_UINT (found);
  g_ptr_array_add (paths, g_strdup (path));
  g_hash_table_insert (index, g_strdup (path), GUINT_TO_POINTER (paths->len - 1));
  return paths->len - 1;
}

static gboolean
parse_pairs (const char *pairs_file,
             const char *root,
             GPtrArray  *paths,
             GArray     *pairs,
             GError    **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_file_get_contents (pairs_file, &contents, NULL, error))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint ln = 0; lines[ln]; ln++)
    {
      g_auto(GStrv) f = g_strsplit_set (g_strstrip (lines[ln]), " \t", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      Pair  p;
      char *end;

      for (guint i = 0; f[i]; i++)
        if (*f[i])
          g_ptr_array_add (fields, f[i]);
      if (fields->len == 0 || (ln == 0 && fields->len <= 2))
        continue; /* blank line, or the header ("1100" or "10 300") */
      if (fields->len == 3)
        {
          int n1 = strtol (fields->pdata[1], &end, 10), n2;
          if (*end == '\0')
            {
              n2 = strtol (fields->pdata[2], &end, 10);
              if (*end == '\0' && n1 > 0 && n2 > 0)
                {
                  p.a = intern_path (paths, index, root, fields->pdata[0], n1);
                  p.b = intern_path (paths, index, root, fields->pdata[0], n2);
                  p.same = TRUE;
                  g_array_append_val (pairs, p);
                  continue;
                }
            }
        }
      else if (fields->len == 4)
        {
          int n1 = strtol (fields->pdata[1], &end, 10), n2;
          if (*end == '\0')
            {
              n2 = strtol (fields->pdata[3], &end, 10);
              if (*end == '\0' && n1 > 0 && n2 > 0)
                {
                  p.a = intern_path (paths, index, root, fields->pdata[0], n1);
                  p.b = intern_path (paths, index, root, fields->pdata[2], n2);
                  p.same = FALSE;
                  g_array_append_val (pairs, p);
                  continue;
                }
            }
        }
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("%s:%u: not a pair line (expected “name n1 n2” or “name1 n1 name2 n2”)"),
                   pairs_file, ln + 1);
      return FALSE;
    }
  if (pairs->len == 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("%s: no pairs found"), pairs_file);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_eval_pairs (const char                *pairs_file,
                   const char                *root,
                   const char                *model_dir,
                   const LineupDetectOptions *options,
                   double                     threshold,
                   guint                      n_workers,
                   LineupProgressFunc         progress,
                   gpointer                   progress_data,
                   GCancellable              *cancellable,
                   LineupEvalResult          *result,
                   GError                   **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree double   *dist = NULL;
  g_autofree gboolean *same = NULL;
  gint64               start = g_get_monotonic_time ();
  Work                 w = { 0 };

  if (!parse_pairs (pairs_file, root, paths, pairs, error))
    return FALSE;

  w.paths = paths;
  w.descriptors = g_new0 (float, (gsize)paths->len *LINEUP_SHIM_DESCRIPTOR_DIM);
  w.status = g_new0 (gint8, paths->len);
  w.model_dir = model_dir;
  w.options = options;
  w.cancellable = cancellable;
  g_mutex_init (&w.lock);

  n_workers = CLAMP (n_workers, 1, 64);
  for (guint i = 0; i < n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("lineup-eval", worker, &w));
  /* Report progress from the calling thread while the workers run. */
  while (g_atomic_int_get (&w.finished) < (gint)n_workers)
    {
      if (progress)
        progress ((guint)g_atomic_int_get (&w.done), paths->len, progress_data);
      g_usleep (100000);
    }
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  if (progress)
    progress ((guint)g_atomic_int_get (&w.done), paths->len, progress_data);

  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  dist = g_new (double, pairs->len);
  same = g_new (gboolean, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *p = &g_array_index (pairs, Pair, i);
      same[i] = p->same;
      if (w.status[p->a] == 1 && w.status[p->b] == 1)
        dist[i] = lineup_descriptor_distance (w.descriptors + (gsize)p->a * LINEUP_SHIM_DESCRIPTOR_DIM,
                                              w.descriptors + (gsize)p->b * LINEUP_SHIM_DESCRIPTOR_DIM);
      else
        dist[i] = -1;
    }
  lineup_eval_metrics (dist, same, pairs->len, threshold, result);
  result->paths = g_ptr_array_ref (paths);
  result->scores = g_array_sized_new (FALSE, FALSE, sizeof (LineupEvalScore), pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair           *p = &g_array_index (pairs, Pair, i);
      LineupEvalScore sc = { paths->pdata[p->a], paths->pdata[p->b], p->same, dist[i] };
      g_array_append_val (result->scores, sc);
    }
  result->faces_not_found = 0;
  result->images_failed = 0;
  for (guint i = 0; i < paths->len; i++)
    {
      if (w.status[i] == 0)
        result->faces_not_found++;
      else if (w.status[i] < 0)
        result->images_failed++;
    }
  result->seconds = (g_get_monotonic_time () - start) / 1e6;
  result->images_per_second = paths->len / MAX (result->seconds, 1e-9);

out:
  g_free (w.descriptors);
  g_free (w.status);
  g_mutex_clear (&w.lock);
  return dist != NULL;
}
