/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-worker.c: the worker takes jobs by priority, then in the order
 * queued; a job cancelled before its turn never runs; results arrive in
 * the main context of whoever queued them; the one image loader decodes
 * and scales on it. */
#include "config.h"

#include <string.h>

#include "lineup-core.h"

typedef struct
{
  GMutex    lock;
  GCond     cond;
  gboolean  open;
  GArray   *ran;       /* job ids in the order they ran */
  GArray   *done;      /* job ids in the order their callbacks ran */
  GThread  *callback_thread;
  GThread  *worker_thread;
  gboolean  on_worker;
} Log;

typedef struct
{
  Log *log;
  int  id;
} Job;

/* Holds the worker until the test has queued everything. */
static void
gate_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Log *log = task_data;

  g_mutex_lock (&log->lock);
  log->worker_thread = g_thread_self ();
  while (!log->open)
    g_cond_wait (&log->cond, &log->lock);
  g_mutex_unlock (&log->lock);
  g_task_return_boolean (task, TRUE);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;

  g_mutex_lock (&job->log->lock);
  g_array_append_val (job->log->ran, job->id);
  if (g_thread_self () != job->log->worker_thread)
    job->log->worker_thread = NULL;
  g_mutex_unlock (&job->log->lock);
  g_task_return_int (task, job->id * 10);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Log *log = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize value = g_task_propagate_int (G_TASK (result), &error);
  int id = job->id;

  if (value == -1)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      id = -job->id;
    }
  else
    g_assert_cmpint (value, ==, job->id * 10);
  log->callback_thread = g_thread_self ();
  g_array_append_val (log->done, id);
}

static void
queue_job (LineupWorker *worker,
           Log          *log,
           int           id,
           int           priority,
           GCancellable *cancellable)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, job_done, log);
  Job *job = g_new0 (Job, 1);

  job->log = log;
  job->id = id;
  g_task_set_task_data (task, job, g_free);
  lineup_worker_queue (worker, priority, job_thread, task);
}

static void
gate_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  *done = TRUE;
}

static void
test_priority_and_cancel (void)
{
  g_autoptr(LineupWorker) worker = lineup_worker_new ("test-worker");
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GTask) gate = NULL;
  gboolean gate_finished = FALSE;
  Log log = { 0 };
  const int expected_ran[] = { 3, 5, 1, 4, 6 };
  const int expected_done[] = { 3, 5, 1, -2, 4, 6 };

  g_mutex_init (&log.lock);
  g_cond_init (&log.cond);
  log.ran = g_array_new (FALSE, FALSE, sizeof (int));
  log.done = g_array_new (FALSE, FALSE, sizeof (int));

  gate = g_task_new (NULL, NULL, gate_done, &gate_finished);
  g_task_set_task_data (gate, &log, NULL);
  lineup_worker_queue (worker, G_PRIORITY_HIGH, gate_thread, gate);
  /* Wait until the gate job holds the worker, so the rest queue up. */
  for (;;)
    {
      gboolean started;

      g_mutex_lock (&log.lock);
      started = log.worker_thread != NULL;
      g_mutex_unlock (&log.lock);
      if (started)
        break;
      g_usleep (1000);
    }
  queue_job (worker, &log, 1, G_PRIORITY_DEFAULT, NULL);
  queue_job (worker, &log, 2, G_PRIORITY_DEFAULT, cancel);
  queue_job (worker, &log, 3, G_PRIORITY_HIGH, NULL);
  queue_job (worker, &log, 4, G_PRIORITY_LOW, NULL);
  queue_job (worker, &log, 5, G_PRIORITY_HIGH, NULL);
  queue_job (worker, &log, 6, G_PRIORITY_LOW, NULL);
  g_cancellable_cancel (cancel);

  g_mutex_lock (&log.lock);
  log.open = TRUE;
  g_cond_signal (&log.cond);
  g_mutex_unlock (&log.lock);

  while (log.done->len < G_N_ELEMENTS (expected_done) || !gate_finished)
    g_main_context_iteration (NULL, TRUE);

  /* Higher priority first, equal ones in order; the cancelled job never ran. */
  g_assert_cmpuint (log.ran->len, ==, G_N_ELEMENTS (expected_ran));
  for (guint i = 0; i < G_N_ELEMENTS (expected_ran); i++)
    g_assert_cmpint (g_array_index (log.ran, int, i), ==, expected_ran[i]);
  /* The cancelled job's callback still ran, with G_IO_ERROR_CANCELLED, and
   * at its place in the queue. */
  for (guint i = 0; i < G_N_ELEMENTS (expected_done); i++)
    g_assert_cmpint (g_array_index (log.done, int, i), ==, expected_done[i]);
  /* All on one thread, not this one; callbacks on this one. */
  g_assert_nonnull (log.worker_thread);
  g_assert_true (log.worker_thread != g_thread_self ());
  g_assert_true (log.callback_thread == g_thread_self ());

  g_array_unref (log.ran);
  g_array_unref (log.done);
  g_mutex_clear (&log.lock);
  g_cond_clear (&log.cond);
}

/* Results come back in the main context current where the task was made,
 * even when that is not the global default. */
static void
test_caller_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Log log = { 0 };

  g_mutex_init (&log.lock);
  log.ran = g_array_new (FALSE, FALSE, sizeof (int));
  log.done = g_array_new (FALSE, FALSE, sizeof (int));
  g_main_context_push_thread_default (context);
  queue_job (lineup_worker_get_default (), &log, 7, G_PRIORITY_DEFAULT, NULL);
  g_main_context_pop_thread_default (context);

  /* Nothing arrives through the global default context. */
  for (;;)
    {
      guint n;

      g_mutex_lock (&log.lock);
      n = log.ran->len;
      g_mutex_unlock (&log.lock);
      if (n > 0)
        break;
      g_usleep (1000);
    }
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (log.done->len, ==, 0);
  while (log.done->len == 0)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpint (g_array_index (log.done, int, 0), ==, 7);
  g_assert_true (log.callback_thread == g_thread_self ());
  /* The default worker is one object. */
  g_assert_true (lineup_worker_get_default () == lineup_worker_get_default ());
  g_array_unref (log.ran);
  g_array_unref (log.done);
  g_mutex_clear (&log.lock);
}

/* A worker disposed with jobs queued still runs them before its thread
 * ends, so every caller hears back. */
static void
test_dispose_drains (void)
{
  LineupWorker *worker = lineup_worker_new ("test-drain");
  Log log = { 0 };

  g_mutex_init (&log.lock);
  log.ran = g_array_new (FALSE, FALSE, sizeof (int));
  log.done = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 1; i <= 20; i++)
    queue_job (worker, &log, i, G_PRIORITY_DEFAULT, NULL);
  g_object_unref (worker);
  /* Joined: all ran. */
  g_assert_cmpuint (log.ran->len, ==, 20);
  while (log.done->len < 20)
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 20; i++)
    g_assert_cmpint (g_array_index (log.done, int, i), ==, i + 1);
  g_array_unref (log.ran);
  g_array_unref (log.done);
  g_mutex_clear (&log.lock);
}

static void
rgb_loaded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
a_photo (void)
{
  return g_build_filename (g_getenv ("LINEUP_FACES_DIR"), "lfw-devtrain", "Aaron_Peirsol",
                           "Aaron_Peirsol_0001.jpg", NULL);
}

static void
test_image_loader (void)
{
  g_autofree char *path = a_photo ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/photo.jpg");
  g_autoptr(GAsyncResult) full = NULL;
  g_autoptr(GAsyncResult) small = NULL;
  g_autoptr(GAsyncResult) from_bytes = NULL;
  g_autoptr(GAsyncResult) bad = NULL;
  g_autoptr(GAsyncResult) bomb = NULL;
  g_autoptr(LineupRgb) a = NULL;
  g_autoptr(LineupRgb) b = NULL;
  g_autoptr(LineupRgb) c = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int w = 0, h = 0;

  image = lineup_image_new_from_file (path, 0, &error);
  g_assert_no_error (error);
  expected = lineup_image_to_rgb (image, 100, &w, &h, &error);
  g_assert_no_error (error);
  bytes = g_bytes_ref (lineup_image_get_bytes (image));

  lineup_image_load_rgb_async (file, 0, 0, G_PRIORITY_DEFAULT, NULL, rgb_loaded, &full);
  lineup_image_load_rgb_async (file, 100, 0, G_PRIORITY_LOW, NULL, rgb_loaded, &small);
  lineup_image_load_rgb_from_bytes_async (bytes, "mem.jpg", 100, 0, G_PRIORITY_DEFAULT, NULL,
                                          rgb_loaded, &from_bytes);
  lineup_image_load_rgb_async (missing, 0, 0, G_PRIORITY_DEFAULT, NULL, rgb_loaded, &bad);
  lineup_image_load_rgb_async (file, 0, 1000, G_PRIORITY_DEFAULT, NULL, rgb_loaded, &bomb);
  while (full == NULL || small == NULL || from_bytes == NULL || bad == NULL || bomb == NULL)
    g_main_context_iteration (NULL, TRUE);

  a = lineup_image_load_rgb_finish (full, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->width, ==, lineup_image_get_width (image));
  g_assert_cmpint (a->height, ==, lineup_image_get_height (image));
  g_assert_cmpuint (a->stride, ==, (gsize)a->width * 3);
  g_assert_cmpuint (g_bytes_get_size (a->pixels), ==, a->stride * a->height);

  /* Scaled so the longer side is 100, the same pixels lineup_image_to_rgb gives. */
  b = lineup_image_load_rgb_finish (small, &error);
  g_assert_no_error (error);
  g_assert_cmpint (MAX (b->width, b->height), ==, 100);
  g_assert_cmpint (b->width, ==, w);
  g_assert_cmpint (b->height, ==, h);
  g_assert_cmpint (b->source_width, ==, a->width);
  g_assert_true (g_bytes_equal (b->pixels, expected));
  c = lineup_image_load_rgb_finish (from_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (c->pixels, expected));

  /* A missing file and a "bomb" over the pixel limit, each named. */
  g_assert_null (lineup_image_load_rgb_finish (bad, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/photo.jpg"));
  g_clear_error (&error);
  g_assert_null (lineup_image_load_rgb_finish (bomb, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_IMAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Aaron_Peirsol_0001.jpg"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/worker/priority-and-cancel", test_priority_and_cancel);
  g_test_add_func ("/worker/caller-context", test_caller_context);
  g_test_add_func ("/worker/dispose-drains", test_dispose_drains);
  g_test_add_func ("/worker/image-loader", test_image_loader);
  return g_test_run ();
}
