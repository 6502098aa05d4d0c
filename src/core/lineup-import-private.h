/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-import-private.h: what the import's run and its source reader
 * share. Nothing outside src/core includes this. */
#pragma once

#include "lineup-import.h"

G_BEGIN_DECLS

/* The checks that need no face engine (fields, dates, the file is a
 * regular file); a failed one marks the record rejected with its reason. */
void lineup_import_validate_record (LineupBookingRecord *r);

G_END_DECLS
