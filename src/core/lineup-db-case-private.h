/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-db-case-private.h: what the case layer's jobs share
 * (lineup-db-case.c, -probe.c, -search.c, -decision.c, -dossier.c).
 * Database thread only. */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lineup-db-case.h"
#include "lineup-db-private.h"

G_BEGIN_DECLS

/* Completes the task with error (taken), rolling back first if asked. */
void lineup_db_case_fail (LineupDbThread *t,
                          GTask          *task,
                          GError         *error,
                          gboolean        rollback);
/* A refusal on policy grounds (not a role): audited as "refused" with the
 * error's message, then the task completes with error (taken). */
void lineup_db_case_refuse (LineupDbThread *t,
                            GTask          *task,
                            LineupUser     *actor,
                            const char     *object_type,
                            const char     *object_id,
                            GError         *error);

/* For jobs whose request is the acting user alone (which may be NULL). */
void lineup_db_case_actor_unref (gpointer actor);

char *lineup_db_node_to_string (JsonNode *node);
char *lineup_db_object_to_string (JsonObject *object);

/* The case as it is now, or NULL; id gets its row id. */
LineupCase *lineup_db_case_lookup (sqlite3    *conn,
                                   const char *number,
                                   gint64     *id);
/* The same, completing the task with NOT_FOUND when there is none. */
gboolean lineup_db_case_require (LineupDbThread *t,
                                 GTask          *task,
                                 const char     *number,
                                 gint64         *id,
                                 LineupCase    **out);
/* The case exists and is open to probes and searches (refusals audited). */
gboolean lineup_db_case_open_for_work (LineupDbThread *t,
                                       GTask          *task,
                                       LineupUser     *actor,
                                       const char     *number,
                                       gint64         *case_id);
/* The case number of a probe or a search (and so that it exists), or NULL. */
char *lineup_db_probe_case (sqlite3 *conn,
                            gint64   probe_id);
char *lineup_db_search_case (sqlite3 *conn,
                             gint64   search_id);

/* Columns i…i+3 as a box (FALSE if NULL: the face was purged); column i as
 * the 68 stored points of a booking face (flat floats), rounded to 0.1 px,
 * or NULL. */
gboolean lineup_db_box_from_columns (sqlite3_stmt *st,
                                     int           i,
                                     LineupBox    *box);
GArray  *lineup_db_landmarks_from_column (sqlite3_stmt *st,
                                          int           i);
/* Distances and similarities are stored in full and given to 4 places. */
double lineup_db_round4 (double value);

/* A stored search with its candidates, groups and (with_decisions) its
 * decisions and their reviews; NULL if there is none. */
LineupSearch *lineup_db_search_load (sqlite3 *conn,
                                     gint64   search_id,
                                     gboolean with_decisions);

G_END_DECLS
