/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-worker.c: a single worker thread with a priority queue, after
 * gnome-software's GsWorkerThread.
 *
 * The face engine holds one copy of each network and serializes its
 * callers, and decoding a dozen thumbnails at once only makes each arrive
 * later; one thread taking the most urgent job first keeps the probe ahead
 * of the gallery. Results go back through GTask, so callbacks run in the
 * main context of whoever queued the job.
 */
#define G_LOG_DOMAIN "lineup-worker"

#include "config.h"

#include "lineup-worker.h"

typedef struct
{
  int             priority;
  guint64         order;
  GTaskThreadFunc func;
  GTask          *task;
} Job;

/* Shared by the object and its thread, so a last unref on the thread
 * itself does not pull the queue from under it. */
typedef struct
{
  gatomicrefcount ref;
  GMutex          lock;
  GCond           cond;
  GQueue          jobs;
  guint64         next_order;
  gboolean        stopping;
  GThread        *thread;
} Queue;

struct _LineupWorker
{
  GObject parent_instance;

  char  *name;
  Queue *queue;
};

G_DEFINE_FINAL_TYPE (LineupWorker, lineup_worker, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job);
}

static gboolean
unref_task (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Not g_main_context_invoke: that may call back right here, on the
 * worker, when nobody owns the context. */
static void
unref_in_context (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, unref_task, task, NULL);
  g_source_set_static_name (source, "[lineup-worker] unref");
  g_source_attach (source, g_task_get_context (task));
}

static Queue *
queue_ref (Queue *q)
{
  g_atomic_ref_count_inc (&q->ref);
  return q;
}

static void
queue_unref (Queue *q)
{
  if (!g_atomic_ref_count_dec (&q->ref))
    return;
  g_queue_clear_full (&q->jobs, (GDestroyNotify)job_free);
  g_mutex_clear (&q->lock);
  g_cond_clear (&q->cond);
  g_free (q);
}

static int
job_compare (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Job *x = a;
  const Job *y = b;

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static gpointer
worker_main (gpointer data)
{
  Queue *q = data;

  for (;;)
    {
      Job *job;

      g_mutex_lock (&q->lock);
      while (g_queue_is_empty (&q->jobs) && !q->stopping)
        g_cond_wait (&q->cond, &q->lock);
      job = g_queue_pop_head (&q->jobs);
      g_mutex_unlock (&q->lock);
      /* Stopping with an empty queue: what was queued has all run. */
      if (job == NULL)
        break;

      if (!g_task_return_error_if_cancelled (job->task))
        job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
                   g_task_get_cancellable (job->task));
      /* The last reference may be ours once the callback has run; drop it
       * where the task lives, so its source object (often a widget) is
       * never finalized on this thread. */
      unref_in_context (g_steal_pointer (&job->task));
      job_free (job);
    }
  queue_unref (q);
  return NULL;
}

static void
lineup_worker_dispose (GObject *object)
{
  LineupWorker *self = LINEUP_WORKER (object);
  Queue        *q = self->queue;

  if (q != NULL)
    {
      GThread *thread;

      g_mutex_lock (&q->lock);
      q->stopping = TRUE;
      thread = g_steal_pointer (&q->thread);
      g_cond_signal (&q->cond);
      g_mutex_unlock (&q->lock);
      /* Disposed by one of its own jobs: the thread ends by itself. */
      if (thread == g_thread_self ())
        g_thread_unref (thread);
      else
        g_thread_join (thread);
      g_clear_pointer (&self->queue, queue_unref);
    }
  G_OBJECT_CLASS (lineup_worker_parent_class)->dispose (object);
}

static void
lineup_worker_finalize (GObject *object)
{
  LineupWorker *self = LINEUP_WORKER (object);

  g_free (self->name);
  G_OBJECT_CLASS (lineup_worker_parent_class)->finalize (object);
}

static void
lineup_worker_class_init (LineupWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lineup_worker_dispose;
  object_class->finalize = lineup_worker_finalize;
}

static void
lineup_worker_init (LineupWorker *self)
{
}

LineupWorker *
lineup_worker_new (const char *name)
{
  LineupWorker *self = g_object_new (LINEUP_TYPE_WORKER, NULL);
  Queue        *q = g_new0 (Queue, 1);

  g_atomic_ref_count_init (&q->ref);
  g_mutex_init (&q->lock);
  g_cond_init (&q->cond);
  g_queue_init (&q->jobs);
  self->name = g_strdup (name ? name : "lineup-worker");
  self->queue = q;
  q->thread = g_thread_new (self->name, worker_main, queue_ref (q));
  return self;
}

LineupWorker *
lineup_worker_get_default (void)
{
  static LineupWorker *worker;

  if (g_once_init_enter (&worker))
    g_once_init_leave (&worker, lineup_worker_new ("lineup-worker"));
  return worker;
}

void
lineup_worker_queue (LineupWorker   *self,
                     int             priority,
                     GTaskThreadFunc func,
                     GTask          *task)
{
  Queue *q;
  Job   *job;

  g_return_if_fail (LINEUP_IS_WORKER (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (G_IS_TASK (task));
  q = self->queue;
  g_return_if_fail (q != NULL);

  job = g_new0 (Job, 1);
  job->priority = priority;
  job->func = func;
  job->task = g_object_ref (task);
  g_mutex_lock (&q->lock);
  job->order = q->next_order++;
  g_queue_insert_sorted (&q->jobs, job, job_compare, NULL);
  g_cond_signal (&q->cond);
  g_mutex_unlock (&q->lock);
}

gboolean
lineup_worker_is_worker_thread (LineupWorker *self)
{
  Queue   *q;
  gboolean is;

  g_return_val_if_fail (LINEUP_IS_WORKER (self), FALSE);
  q = self->queue;
  if (q == NULL)
    return FALSE;
  g_mutex_lock (&q->lock);
  is = q->thread == g_thread_self ();
  g_mutex_unlock (&q->lock);
  return is;
}
