/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-paths.c: where Lineup keeps its data and finds its models.
 *
 * Precedence for the data directory: an explicit override (--data-dir), then
 * LINEUP_DATA_DIR, then $XDG_DATA_HOME/lineup. The same rule serves the app,
 * the CLI and the tests, so they always agree on which database they open.
 */
#define G_LOG_DOMAIN "lineup-paths"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lineup-error.h"
#include "lineup-paths.h"

char *
lineup_paths_resolve_data_dir (const char *override)
{
  const char *env;

  if (override != NULL && *override != '\0')
    return g_canonicalize_filename (override, NULL);
  env = g_getenv ("LINEUP_DATA_DIR");
  if (env != NULL && *env != '\0')
    return g_canonicalize_filename (env, NULL);
  return g_build_filename (g_get_user_data_dir (), "lineup", NULL);
}

gboolean
lineup_paths_ensure_data_dir (const char *data_dir,
                              GError    **error)
{
  /* 0700: the directory holds biometric data and the audit log. */
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the data folder “%s”: %s"), data_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

char *
lineup_paths_database_file (const char *data_dir)
{
  return g_build_filename (data_dir, "lineup.db", NULL);
}

char *
lineup_paths_model_dir (void)
{
  const char *env = g_getenv ("LINEUP_MODEL_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_strdup (LINEUP_MODEL_DIR);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

void
lineup_sort_strings (GPtrArray *strings)
{
  g_ptr_array_sort (strings, compare_strings);
}
