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
  char     *data_dir;
  gboolean  json;
} LineupCliGlobals;

typedef int (*LineupCliCommandFunc) (LineupCliGlobals  *globals,
                                     int                argc,
                                     char             **argv);

typedef struct
{
  const char           *name;      /* "db info" */
  const char           *summary;
  LineupCliCommandFunc  func;
} LineupCliCommand;

/* Parses a subcommand's options (plus the common ones); prints usage errors
 * and --help itself and returns the exit code to use, or -1 to go on. */
int        lineup_cli_parse            (const char         *command,
                                        const char         *params,
                                        const char         *summary,
                                        const GOptionEntry *entries,
                                        LineupCliGlobals   *globals,
                                        int                *argc,
                                        char             ***argv);
int        lineup_cli_fail             (const GError       *error);
void       lineup_cli_print_json       (JsonNode           *node);
LineupDb  *lineup_cli_open_db          (LineupCliGlobals   *globals,
                                        GError            **error);

int        lineup_cli_db_info          (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);

int        lineup_cli_detect           (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);
int        lineup_cli_compare          (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);
int        lineup_cli_eval_pairs       (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);
int        lineup_cli_import           (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);
int        lineup_cli_gallery_stats    (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);
int        lineup_cli_booking_show     (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);
int        lineup_cli_booking_purge    (LineupCliGlobals   *globals,
                                        int                 argc,
                                        char              **argv);

G_END_DECLS
