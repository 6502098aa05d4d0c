/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-paths.h: where Lineup keeps its data and finds its models. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *lineup_paths_resolve_data_dir (const char *override);
gboolean lineup_paths_ensure_data_dir (const char *data_dir,
                                       GError    **error);
char    *lineup_paths_database_file (const char *data_dir);
char    *lineup_paths_model_dir (void);
/* Sorts a GPtrArray of strings (file names) bytewise: g_ptr_array_sort
 * hands the comparator pointers to the elements, not the strings. */
void lineup_sort_strings (GPtrArray *strings);

G_END_DECLS
