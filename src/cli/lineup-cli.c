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
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  lineup-cli [--data-dir DIR] COMMAND [OPTIONS] [ARGS]\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-22s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n  --data-dir DIR         %s\n  --version              %s\n"
                "  -h, --help             %s\n\n%s\n",
           _("Options:"),
           _("Use DIR instead of $LINEUP_DATA_DIR or the user data folder"),
           _("Print the version and exit"),
           _("Show this help"),
           _("Run “lineup-cli COMMAND --help” for a command's options."));
}

int
lineup_cli_parse (const char          *command,
                  const char          *params,
                  const char          *summary,
                  const GOptionEntry  *entries,
                  LineupCliGlobals    *globals,
                  int                 *argc,
                  char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("%s%s%s", command, params ? " " : "",
                                            params ? params : "");
  const GOptionEntry common[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &globals->data_dir,
      N_("Use DIR instead of $LINEUP_DATA_DIR or the user data folder"), N_("DIR") },
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
lineup_cli_open_db (LineupCliGlobals  *globals,
                    GError           **error)
{
  return lineup_db_open_default_sync (globals->data_dir, error);
}

int
main (int   argc,
      char *argv[])
{
  LineupCliGlobals globals = { 0 };
  int i;

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
      guint n = g_strv_length (words);
      gboolean match = (guint)(argc - i) >= n;

      for (guint w = 0; match && w < n; w++)
        match = g_str_equal (argv[i + w], words[w]);
      if (match)
        {
          /* Hand the command an argv whose [0] is the command itself. */
          int sub_argc = argc - i - n + 1;
          char **sub_argv = g_new0 (char *, sub_argc + 1);
          int ret;

          sub_argv[0] = g_strdup_printf ("lineup-cli %s", commands[c].name);
          for (int k = 1; k < sub_argc; k++)
            sub_argv[k] = g_strdup (argv[i + n + k - 1]);
          ret = commands[c].func (&globals, sub_argc, sub_argv);
          g_strfreev (sub_argv);
          g_free (globals.data_dir);
          return ret;
        }
    }

  g_printerr (_("lineup-cli: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  return LINEUP_CLI_USAGE;
}
