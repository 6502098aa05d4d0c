/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-worker.h: one thread for heavy work (the face engine, decoding,
 * thumbnails), taken in priority order rather than a thread per item. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_WORKER (lineup_worker_get_type ())
G_DECLARE_FINAL_TYPE (LineupWorker, lineup_worker, LINEUP, WORKER, GObject)

LineupWorker *lineup_worker_new (const char *name);
/* The process-wide worker; never freed. */
LineupWorker *lineup_worker_get_default (void);
/* Runs func (task, source object, task data, cancellable) on the worker
 * thread: lower priority values first (G_PRIORITY_*), equal ones in the
 * order queued. A task whose cancellable is cancelled before its turn
 * returns G_IO_ERROR_CANCELLED without running. func must return a result
 * on the task; the callback runs in the main context the task was made in.
 * Takes its own reference to task. */
void     lineup_worker_queue (LineupWorker   *self,
                              int             priority,
                              GTaskThreadFunc func,
                              GTask          *task);
gboolean lineup_worker_is_worker_thread (LineupWorker *self);

G_END_DECLS
