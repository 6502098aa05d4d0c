/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-texture.h: decoded pixels from the core's image loader onto the
 * screen. */
#pragma once

#include <gtk/gtk.h>

#include "lineup-core.h"

G_BEGIN_DECLS

/* A texture over rgb's pixels (shared, not copied). */
GdkTexture *lineup_texture_new_for_rgb (const LineupRgb *rgb);

G_END_DECLS
