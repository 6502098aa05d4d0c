/* lineup-shim.h: the pure-C face of the C++ code (OpenCV, dlib).
 *
 * This is the only header that crosses the C/C++ boundary. No C++ type or
 * exception passes through it: every entry point catches and turns failures
 * into a GError in the LINEUP_SHIM_ERROR domain (the gexiv2 pattern).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_SHIM_ERROR (lineup_shim_error_quark ())

typedef enum
{
  LINEUP_SHIM_ERROR_FAILED,
  LINEUP_SHIM_ERROR_IMAGE,
  LINEUP_SHIM_ERROR_MODEL,
} LineupShimError;

GQuark      lineup_shim_error_quark   (void);

const char *lineup_shim_opencv_version (void);
const char *lineup_shim_dlib_version   (void);

G_END_DECLS
