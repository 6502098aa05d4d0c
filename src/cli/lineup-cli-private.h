/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-cli-private.h: shared plumbing of lineup-cli's subcommands. */
#pragma once

#include <json-glib/json-glib.h>

#include "lineup-core.h"

G_BEGIN_DECLS

/* Exit codes promised to scripts. */
enum
{
  LINEUP_CLI_OK = 0,
  LINEUP_CLI_FAILURE = 1,
  LINEUP_CLI_USAGE = 2,
};

typedef struct
{
  char    *data_dir;
  char    *user; /* --user, else $LINEUP_USER */
  gboolean json;
} LineupCliGlobals;

typedef int (*LineupCliCommandFunc) (LineupCliGlobals *globals,
                                     int               argc,
                                     char            **argv);

typedef struct
{
  const char          *name; /* "db info" */
  const char          *summary;
  LineupCliCommandFunc func;
} LineupCliCommand;

/* Parses a subcommand's options (plus the common ones); prints usage errors
 * and --help itself and returns the exit code to use, or -1 to go on. */
int       lineup_cli_parse (const char         *command,
                            const char         *params,
                            const char         *summary,
                            const GOptionEntry *entries,
                            LineupCliGlobals   *globals,
                            int                *argc,
                            char             ***argv);
int       lineup_cli_fail (const GError *error);
void      lineup_cli_print_json (JsonNode *node);
LineupDb *lineup_cli_open_db (LineupCliGlobals *globals,
                              GError          **error);

/* Opens the database and signs in (user NULL: only opens); on failure
 * prints the error, sets ret and returns FALSE. */
gboolean lineup_cli_session (LineupCliGlobals *globals,
                             LineupDb        **db,
                             LineupUser      **user,
                             int              *ret);
/* A usage error for command: prints what and where --help is. */
int lineup_cli_usage (const char *command,
                      const char *what);
/* Prints node as JSON and returns LINEUP_CLI_OK. */
int lineup_cli_print_node (JsonNode *node);

/* Signs in the acting user: --user/LINEUP_USER, and the password from
 * LINEUP_PASSWORD or a prompt on the terminal. */
LineupUser *lineup_cli_sign_in (LineupCliGlobals *globals,
                                LineupDb         *db,
                                GError          **error);
/* Reads a password: the environment variable if set, else the terminal
 * without echo. */
char *lineup_cli_read_password (const char *env,
                                const char *prompt,
                                GError    **error);

int lineup_cli_db_info (LineupCliGlobals *globals,
                        int               argc,
                        char            **argv);

int lineup_cli_detect (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv);
int lineup_cli_compare (LineupCliGlobals *globals,
                        int               argc,
                        char            **argv);
int lineup_cli_eval_pairs (LineupCliGlobals *globals,
                           int               argc,
                           char            **argv);
int lineup_cli_import (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv);
int lineup_cli_gallery_stats (LineupCliGlobals *globals,
                              int               argc,
                              char            **argv);
int lineup_cli_booking_show (LineupCliGlobals *globals,
                             int               argc,
                             char            **argv);
int lineup_cli_booking_purge (LineupCliGlobals *globals,
                              int               argc,
                              char            **argv);

int lineup_cli_user_init (LineupCliGlobals *globals,
                          int               argc,
                          char            **argv);
int lineup_cli_user_add (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv);
int lineup_cli_user_list (LineupCliGlobals *globals,
                          int               argc,
                          char            **argv);
int lineup_cli_user_disable (LineupCliGlobals *globals,
                             int               argc,
                             char            **argv);
int lineup_cli_user_enable (LineupCliGlobals *globals,
                            int               argc,
                            char            **argv);
int lineup_cli_case_new (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv);
int lineup_cli_case_list (LineupCliGlobals *globals,
                          int               argc,
                          char            **argv);
int lineup_cli_case_show (LineupCliGlobals *globals,
                          int               argc,
                          char            **argv);
int lineup_cli_search (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv);
int lineup_cli_decide (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv);
int lineup_cli_review_queue (LineupCliGlobals *globals,
                             int               argc,
                             char            **argv);
int lineup_cli_review (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv);
int lineup_cli_audit_verify (LineupCliGlobals *globals,
                             int               argc,
                             char            **argv);
int lineup_cli_audit_export (LineupCliGlobals *globals,
                             int               argc,
                             char            **argv);
int lineup_cli_audit_head (LineupCliGlobals *globals,
                           int               argc,
                           char            **argv);
int lineup_cli_report (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv);
int lineup_cli_disclose (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv);
int lineup_cli_offence_list (LineupCliGlobals *globals,
                             int               argc,
                             char            **argv);
int lineup_cli_offence_set (LineupCliGlobals *globals,
                            int               argc,
                            char            **argv);
int lineup_cli_policy_show (LineupCliGlobals *globals,
                            int               argc,
                            char            **argv);
int lineup_cli_policy_set (LineupCliGlobals *globals,
                           int               argc,
                           char            **argv);

G_END_DECLS
