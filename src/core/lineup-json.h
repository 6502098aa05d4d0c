/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-json.h: lenient readers for the core's JSON results (search,
 * dossier, audit entries), shared by the records' parsers, the app and the
 * CLI. */
#pragma once

#include <json-glib/json-glib.h>

#include "lineup-face.h"

G_BEGIN_DECLS

/* Members of the core's JSON, read leniently: o may be NULL, and a member
 * that is missing or of another type gives "", 0 or NULL. */
const char *lineup_json_get_string (JsonObject *o,
                                    const char *member);
double      lineup_json_get_double (JsonObject *o,
                                    const char *member);
gint64      lineup_json_get_int (JsonObject *o,
                                 const char *member);
gboolean    lineup_json_get_boolean (JsonObject *o,
                                     const char *member);
JsonObject *lineup_json_get_object (JsonObject *o,
                                    const char *member);
/* A face box stored as [left, top, right, bottom]; FALSE if there is none. */
gboolean lineup_json_get_box (JsonObject *o,
                              const char *member,
                              LineupBox  *box);

/* For reading back documents that may hold anything (a dossier from a
 * file): a string member or NULL; a number also from an int, a double or a
 * numeric string (FALSE if none); an int with a fallback; a flag that also
 * takes "true" and non-zero numbers. */
const char *lineup_json_get_string_or_null (JsonObject *o,
                                            const char *member);
gboolean    lineup_json_get_number (JsonObject *o,
                                    const char *member,
                                    double     *value);
gint64      lineup_json_get_int_or (JsonObject *o,
                                    const char *member,
                                    gint64      fallback);
gboolean    lineup_json_get_flag (JsonObject *o,
                                  const char *member);
/* A box stored as [left, top, right, bottom] or {"left",…}, each side a
 * number; FALSE if there is none. */
gboolean lineup_json_read_box (JsonObject *o,
                               const char *member,
                               LineupBox  *box);
/* Landmarks stored flat [x0, y0, …] or as points [[x, y], …]: a GArray of
 * LineupPoint, or NULL if there are none. */
GArray *lineup_json_read_points (JsonObject *o,
                                 const char *member);

/* An array member, or NULL; an array's i-th element if it is an object. */
JsonArray  *lineup_json_get_array (JsonObject *o,
                                   const char *member);
JsonObject *lineup_json_array_get_object (JsonArray *a,
                                          guint      i);
/* 0 for NULL. */
guint lineup_json_array_length (JsonArray *a);

G_END_DECLS
