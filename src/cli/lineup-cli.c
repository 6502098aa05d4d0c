/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-cli.c: the command-line face of liblineup, for scripts and batch jobs.
 *
 *   lineup-cli [--data-dir DIR] COMMAND [SUBCOMMAND] [OPTIONS] [ARGS]
 *
 * Exit codes: 0 success, 1 failure, 2 usage error.
 */
#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>

#include "lineup-cli-private.h"

static const LineupCliCommand commands[] = {
  { "db info", N_("Show the database's path, schema version and row counts"), lineup_cli_db_info },
  { "detect", N_("Find faces in images: boxes, landmarks, quality"), lineup_cli_detect },
  { "compare", N_("Compare the faces of two images"), lineup_cli_compare },
  { "eval pairs", N_("Accuracy self-test on an LFW-format pairs file"), lineup_cli_eval_pairs },
  { "import", N_("Import booking photos from a CSV manifest or a folder"), lineup_cli_import },
  { "gallery stats", N_("Count subjects, bookings, photos and faces"), lineup_cli_gallery_stats },
  { "booking show", N_("Show one booking"), lineup_cli_booking_show },
  { "booking purge", N_("Purge a sealed or expunged booking"), lineup_cli_booking_purge },
  { "user init", N_("Create the first administrator (first run only)"), lineup_cli_user_init },
  { "user add", N_("Add an account with its roles"), lineup_cli_user_add },
  { "user list", N_("List accounts"), lineup_cli_user_list },
  { "user disable", N_("Disable an account"), lineup_cli_user_disable },
  { "user enable", N_("Enable a disabled account"), lineup_cli_user_enable },
  { "case new", N_("Open a case: number, offence category and reason"), lineup_cli_case_new },
  { "case list", N_("List cases"), lineup_cli_case_list },
  { "case show", N_("Everything about a case as JSON (probes, searches, decisions, reviews)"), lineup_cli_case_show },
  { "search", N_("Search the gallery with a probe image inside a case"), lineup_cli_search },
  { "decide", N_("Record a decision and note on a candidate"), lineup_cli_decide },
  { "review queue", N_("Possible leads waiting for a supervisor"), lineup_cli_review_queue },
  { "review", N_("Approve or reject a possible lead"), lineup_cli_review },
  { "audit verify", N_("Check the audit log's hash chain"), lineup_cli_audit_verify },
  { "audit export", N_("Export audit entries for auditors"), lineup_cli_audit_export },
  { "audit head", N_("Print the chain head for an outside party to hold"), lineup_cli_audit_head },
  { "report", N_("Write a case's investigative lead report (PDF)"), lineup_cli_report },
  { "disclose", N_("Write a case's disclosure package (folder)"), lineup_cli_disclose },
  { "offence list", N_("List offence categories"), lineup_cli_offence_list },
  { "offence set", N_("Add or change an offence category"), lineup_cli_offence_set },
  { "policy show", N_("Show the search policy"), lineup_cli_policy_show },
  { "policy set", N_("Change a search policy setting"), lineup_cli_policy_set },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  lineup-cli [--data-dir DIR] COMMAND [OPTIONS] [ARGS]\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-22s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n  --data-dir DIR         %s\n  --user NAME            %s\n"
                "  --version              %s\n  -h, --help             %s\n\n%s\n",
           _("Options:"),
           _("Use DIR instead of $LINEUP_DATA_DIR or the user data folder"),
           _("Act as NAME (else $LINEUP_USER); password from $LINEUP_PASSWORD or a prompt"),
           _("Print the version and exit"),
           _("Show this help"),
           _("Run “lineup-cli COMMAND --help” for a command's options."));
}

int
lineup_cli_parse (const char         *command,
                  const char         *params,
                  const char         *summary,
                  const GOptionEntry *entries,
                  LineupCliGlobals   *globals,
                  int                *argc,
                  char             ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char   *title = g_strdup_printf ("%s%s%s", command, params ? " " : "",
                                            params ? params : "");
  const GOptionEntry common[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &globals->data_dir,
      N_("Use DIR instead of $LINEUP_DATA_DIR or the user data folder"), N_("DIR") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &globals->user,
      N_("Act as NAME (else $LINEUP_USER); the password comes from $LINEUP_PASSWORD or a prompt"),
      N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (title);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("lineup-cli %s: %s\n", command, error->message);
      g_printerr (_("Run “lineup-cli %s --help” for usage.\n"), command);
      return LINEUP_CLI_USAGE;
    }
  return -1;
}

int
lineup_cli_fail (const GError *error)
{
  g_printerr ("lineup-cli: %s\n", error->message);
  return LINEUP_CLI_FAILURE;
}

void
lineup_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

LineupDb *
lineup_cli_open_db (LineupCliGlobals *globals,
                    GError          **error)
{
  return lineup_db_open_default_sync (globals->data_dir, error);
}

char *
lineup_cli_read_password (const char *env,
                          const char *prompt,
                          GError    **error)
{
  const char    *value = env ? g_getenv (env) : NULL;
  struct termios old, quiet;
  char           buf[1024];
  FILE          *tty;
  gboolean       ok;

  if (value != NULL)
    return g_strdup (value);
  if (!(tty = fopen ("/dev/tty", "r+")))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_AUTH,
                   _("No terminal to ask for the password: set %s"), env ? env : "LINEUP_PASSWORD");
      return NULL;
    }
  fprintf (tty, "%s", prompt);
  fflush (tty);
  tcgetattr (fileno (tty), &old);
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t)ECHO;
  tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
  ok = fgets (buf, sizeof buf, tty) != NULL;
  tcsetattr (fileno (tty), TCSAFLUSH, &old);
  fprintf (tty, "\n");
  fclose (tty);
  if (!ok)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_AUTH, _("No password given"));
      return NULL;
    }
  buf[strcspn (buf, "\r\n")] = '\0';
  {
    char *out = g_strdup (buf);
    memset (buf, 0, sizeof buf);
    return out;
  }
}

LineupUser *
lineup_cli_sign_in (LineupCliGlobals *globals,
                    LineupDb         *db,
                    GError          **error)
{
  const char      *name = globals->user ? globals->user : g_getenv ("LINEUP_USER");
  g_autofree char *prompt = NULL;
  g_autofree char *password = NULL;
  LineupUser      *user;

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_AUTH,
                           _("Sign in: name the acting user with --user NAME or LINEUP_USER "
                             "(the first run creates the administrator with “lineup-cli user init”)"));
      return NULL;
    }
  prompt = g_strdup_printf (_("Password for %s: "), name);
  if (!(password = lineup_cli_read_password ("LINEUP_PASSWORD", prompt, error)))
    return NULL;
  user = lineup_db_sign_in_sync (db, name, password, error);
  memset (password, 0, strlen (password));
  return user;
}

int
main (int   argc,
      char *argv[])
{
  LineupCliGlobals globals = { 0 };
  int              i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("lineup-cli");

  /* Global options come before the command word. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--version"))
        {
          g_autofree char *v = lineup_version_string ();
          g_print ("%s\n", v);
          return LINEUP_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return LINEUP_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        globals.data_dir = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--data-dir="))
        globals.data_dir = g_strdup (argv[i] + strlen ("--data-dir="));
      else if (g_str_equal (argv[i], "--user") && i + 1 < argc)
        globals.user = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--user="))
        globals.user = g_strdup (argv[i] + strlen ("--user="));
      else
        {
          g_printerr (_("lineup-cli: unknown option “%s”\n"), argv[i]);
          print_usage (stderr);
          return LINEUP_CLI_USAGE;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return LINEUP_CLI_USAGE;
    }

  /* Match the longest command name ("db info" before "db"). */
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(GStrv) words = g_strsplit (commands[c].name, " ", -1);
      guint    n = g_strv_length (words);
      gboolean match = (guint)(argc - i) >= n;

      for (guint w = 0; match && w < n; w++)
        match = g_str_equal (argv[i + w], words[w]);
      if (match)
        {
          /* Hand the command an argv whose [0] is the command itself. */
          int    sub_argc = argc - i - n + 1;
          char **sub_argv = g_new0 (char *, sub_argc + 1);
          int    ret;

          sub_argv[0] = g_strdup_printf ("lineup-cli %s", commands[c].name);
          for (int k = 1; k < sub_argc; k++)
            sub_argv[k] = g_strdup (argv[i + n + k - 1]);
          ret = commands[c].func (&globals, sub_argc, sub_argv);
          g_strfreev (sub_argv);
          g_free (globals.data_dir);
          g_free (globals.user);
          return ret;
        }
    }

  g_printerr (_("lineup-cli: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  return LINEUP_CLI_USAGE;
}
