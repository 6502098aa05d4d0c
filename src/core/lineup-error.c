/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-error.c: the core's error domain. */
#include "lineup-error.h"

G_DEFINE_QUARK (lineup - error - quark, lineup_error)
