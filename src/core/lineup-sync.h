/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-sync.h: run an _async/_finish pair to completion from a thread that
 * has no main loop of its own (the CLI, tests). Never used by the GUI. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} LineupSyncCall;

void          lineup_sync_call_begin (LineupSyncCall *call);
void          lineup_sync_call_callback (GObject      *source,
                                         GAsyncResult *result,
                                         gpointer      user_data);
GAsyncResult *lineup_sync_call_wait (LineupSyncCall *call);
void          lineup_sync_call_end (LineupSyncCall *call);

G_END_DECLS
