/* lineup-shim.cpp: OpenCV and dlib behind a C API. */
#define G_LOG_DOMAIN "lineup-shim"

#include "lineup-shim.h"

#include <dlib/revision.h>
#include <opencv2/core/version.hpp>

#define LINEUP_STR2(x) #x
#define LINEUP_STR(x) LINEUP_STR2 (x)

extern "C" {

GQuark
lineup_shim_error_quark (void)
{
  return g_quark_from_static_string ("lineup-shim-error-quark");
}

const char *
lineup_shim_opencv_version (void)
{
  return CV_VERSION;
}

const char *
lineup_shim_dlib_version (void)
{
  return LINEUP_STR (DLIB_MAJOR_VERSION) "." LINEUP_STR (DLIB_MINOR_VERSION);
}

} /* extern "C" */
