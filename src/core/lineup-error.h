/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-error.h: the core's error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_ERROR (lineup_error_quark ())

typedef enum
{
  LINEUP_ERROR_FAILED,
  LINEUP_ERROR_INVALID_ARGUMENT,
  LINEUP_ERROR_DATABASE,
  LINEUP_ERROR_DATABASE_TOO_NEW,
  LINEUP_ERROR_NOT_OPEN,
  LINEUP_ERROR_NOT_FOUND,
  LINEUP_ERROR_IO,
  LINEUP_ERROR_IMAGE,
  LINEUP_ERROR_IMAGE_TOO_LARGE,
  LINEUP_ERROR_MODEL,
  LINEUP_ERROR_NO_FACE,
  LINEUP_ERROR_AUTH,      /* wrong name or password */
  LINEUP_ERROR_LOCKED,    /* too many failed sign-ins; try later */
  LINEUP_ERROR_FORBIDDEN, /* the role may not do this (refusal audited) */
  LINEUP_ERROR_POLICY,    /* refused by policy: purpose, source, limits */
  LINEUP_ERROR_EXISTS,
} LineupError;

GQuark lineup_error_quark (void);

G_END_DECLS
