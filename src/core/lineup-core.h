/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-core.h: the public surface of liblineup (GLib, SQLite, the shim;
 * never GTK). The app, the CLI and the tests include only this. */
#pragma once

#include "lineup-db.h"
#include "lineup-engine.h"
#include "lineup-eval.h"
#include "lineup-face.h"
#include "lineup-gallery.h"
#include "lineup-import.h"
#include "lineup-accounts.h"
#include "lineup-case.h"
#include "lineup-report.h"
#include "lineup-user.h"
#include "lineup-index.h"
#include "lineup-json.h"
#include "lineup-store.h"
#include "lineup-csv.h"
#include "lineup-image.h"
#include "lineup-error.h"
#include "lineup-paths.h"
#include "lineup-sync.h"
#include "lineup-version.h"
