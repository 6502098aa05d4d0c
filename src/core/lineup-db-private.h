/* lineup-db-private.h: schema internals shared by the database thread and the
 * migration tests. Nothing outside src/core and tests/ includes this. */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int      lineup_db_schema_latest  (void);
int      lineup_db_schema_version (sqlite3  *conn,
                                   GError  **error);
gboolean lineup_db_schema_migrate (sqlite3  *conn,
                                   int       target,
                                   GError  **error);

G_END_DECLS
