/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-sync.c: drive an async call to completion on a private context. */
#define G_LOG_DOMAIN "lineup-sync"

#include "lineup-sync.h"

void
lineup_sync_call_begin (LineupSyncCall *call)
{
  call->context = g_main_context_new ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

void
lineup_sync_call_callback (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  LineupSyncCall *call = user_data;

  call->result = g_object_ref (result);
}

GAsyncResult *
lineup_sync_call_wait (LineupSyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);
  return call->result;
}

void
lineup_sync_call_end (LineupSyncCall *call)
{
  g_main_context_pop_thread_default (call->context);
  g_clear_object (&call->result);
  g_clear_pointer (&call->context, g_main_context_unref);
}
