/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-export.h: saving a case's investigative lead report (PDF) or
 * its disclosure package from the GUI: a file chooser, then the dossier and
 * the writing on a worker thread, then a dialog saying where it went. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-session.h"

G_BEGIN_DECLS

typedef enum
{
  LINEUP_CASE_EXPORT_REPORT,     /* one PDF */
  LINEUP_CASE_EXPORT_DISCLOSURE, /* a new folder inside the chosen one */
} LineupCaseExportKind;

/* Writes to target (the PDF file, or the package folder, which must not
 * exist or be empty) and returns its path. */
void  lineup_case_export_async (LineupDb            *db,
                                LineupUser          *user,
                                const char          *data_dir,
                                const char          *case_number,
                                LineupCaseExportKind kind,
                                GFile               *target,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
char *lineup_case_export_finish (GAsyncResult *result,
                                 GError      **error);

/* The whole interaction for a window: asks where, exports as session's
 * signed-in user, and reports the outcome in a dialog over parent. */
void lineup_case_export_run (GtkWidget           *parent,
                             LineupSession       *session,
                             const char          *case_number,
                             LineupCaseExportKind kind);

G_END_DECLS
