/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-import-page.h: the clerk's Import page. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-session.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_IMPORT_PAGE (lineup_import_page_get_type ())
G_DECLARE_FINAL_TYPE (LineupImportPage, lineup_import_page, LINEUP, IMPORT_PAGE, GtkWidget)

/* Imports into the session's gallery, as its user. */
GtkWidget *lineup_import_page_new (LineupSession *session);
/* Shows the preview of a manifest or folder, as if chosen or dropped. */
void          lineup_import_page_open (LineupImportPage *self,
                                       GFile            *file);
void          lineup_import_page_start (LineupImportPage *self);
void          lineup_import_page_cancel (LineupImportPage *self);
LineupImport *lineup_import_page_get_import (LineupImportPage *self);
const char   *lineup_import_page_get_state (LineupImportPage *self);

G_END_DECLS
