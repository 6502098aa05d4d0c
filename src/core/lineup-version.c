/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-version.c: versions of Lineup and the libraries it stands on. */
#include "config.h"

#include <sqlite3.h>

#include "lineup-shim.h"
#include "lineup-version.h"

char *
lineup_version_string (void)
{
  return g_strdup_printf ("lineup %s (OpenCV %s, dlib %s, SQLite %s, GLib %u.%u.%u)",
                          LINEUP_VERSION, lineup_shim_opencv_version (), lineup_shim_dlib_version (),
                          sqlite3_libversion (), glib_major_version, glib_minor_version,
                          glib_micro_version);
}
