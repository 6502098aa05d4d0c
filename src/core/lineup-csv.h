/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-csv.h: an RFC 4180 CSV reader for booking manifests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LineupCsv LineupCsv;

LineupCsv *lineup_csv_new_from_file (const char *path,
                                     GError    **error);
LineupCsv *lineup_csv_new_from_data (const char *data,
                                     gssize      len,
                                     const char *name);
/* Returns the next record's fields (NULL at the end); *line is the line
 * number where the record starts. An unterminated quote is an error. */
GStrv lineup_csv_next (LineupCsv *csv,
                       guint     *line,
                       GError   **error);
void  lineup_csv_free (LineupCsv *csv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupCsv, lineup_csv_free)

G_END_DECLS
