/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-cli-gallery.c: `import`, `gallery stats`, `booking show|purge`:
 * the clerk's work from scripts. */
#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "lineup-cli-private.h"

typedef struct
{
  GMainLoop    *loop;
  LineupImport *import;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
  gboolean      tty;
  gboolean      quiet;
  gint64        last_line;
} ImportRun;

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportRun *run = user_data;

  run->ok = lineup_import_run_finish (LINEUP_IMPORT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
import_progress (LineupImport *import,
                 GParamSpec   *pspec,
                 ImportRun    *run)
{
  guint            done = lineup_import_get_done (import), total = lineup_import_get_total (import);
  double           left = lineup_import_get_seconds_left (import);
  g_autofree char *line = NULL;
  g_autofree char *left_text = left >= 0 ? g_strdup_printf ("%.0f s", left) : g_strdup ("?");
  gint64           now = g_get_monotonic_time ();

  if (run->quiet || total == 0)
    return;
  line = g_strdup_printf (_("%u/%u photos (%u imported, %u duplicates, %u rejected, %u failed), "
                            "%.1f/s, %s left"),
                          done, total, lineup_import_get_imported (import),
                          lineup_import_get_duplicates (import), lineup_import_get_rejected (import),
                          lineup_import_get_failed (import), lineup_import_get_rate (import),
                          left_text);
  if (run->tty)
    g_printerr ("\r\033[K%s", line);
  else if (now - run->last_line > 5 * G_USEC_PER_SEC || done == total)
    {
      /* A log, not an animation, when stderr is a file or a pipe. */
      g_printerr ("%s\n", line);
      run->last_line = now;
    }
}

static gboolean
on_sigint (gpointer user_data)
{
  ImportRun *run = user_data;

  g_printerr (_("\nStopping after the photos in progress…\n"));
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

int
lineup_cli_import (LineupCliGlobals *globals,
                   int               argc,
                   char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char    *report = NULL;
  g_autofree char    *model_dir = NULL;
  g_autofree char    *data_dir = NULL;
  g_autofree char    *summary = NULL;
  int                 workers = (int)g_get_num_processors ();
  int                 jitter = 0;
  LineupDetectOptions options;
  ImportRun           run = { 0 };
  guint               sig;
  int                 ret;
  const GOptionEntry  entries[] = {
     { "workers", 0, 0, G_OPTION_ARG_INT, &workers,
       N_("Worker threads, each with its own network (default: one per core)"), N_("N") },
     { "report", 0, 0, G_OPTION_ARG_FILENAME, &report,
       N_("Write the per-row report here (default: the reports folder in the data folder)"), N_("FILE") },
     { "model-dir", 0, 0, G_OPTION_ARG_FILENAME, &model_dir, N_("Folder with the converted models"),
       N_("DIR") },
     { "jitter", 0, 0, G_OPTION_ARG_INT, &jitter,
       N_("Average N jittered views into each descriptor (0-16)"), N_("N") },
     { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print the summary as JSON"), NULL },
     { NULL }
  };

  ret = lineup_cli_parse ("import", "MANIFEST.csv|FOLDER",
                          _("Import booking photos from a CSV manifest (columns booking_number, "
                            "photo, and optionally person_id, booking_date, last_name, first_name, "
                            "date_of_birth, sex, race, agency, charge) or from a folder with one "
                            "sub-folder per person. Re-running an import resumes it."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 2 || workers < 1 || jitter < 0 || jitter > 16)
    {
      g_printerr (_("lineup-cli import: give one manifest or folder (and --workers ≥ 1)\n"));
      return LINEUP_CLI_USAGE;
    }
  db = lineup_cli_open_db (globals, &error);
  if (db == NULL || !(user = lineup_cli_sign_in (globals, db, &error)))
    return lineup_cli_fail (error);
  data_dir = lineup_paths_resolve_data_dir (globals->data_dir);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.cancellable = g_cancellable_new ();
  run.tty = isatty (STDERR_FILENO);
  run.quiet = globals->json;
  run.import = lineup_import_new (db, data_dir, argv[1]);
  lineup_import_set_workers (run.import, workers);
  lineup_import_set_report_path (run.import, report);
  lineup_import_set_model_dir (run.import, model_dir);
  lineup_detect_options_init_default (&options);
  options.jitter = jitter;
  lineup_import_set_options (run.import, &options);
  lineup_import_set_user (run.import, user);
  g_signal_connect (run.import, "notify::done", G_CALLBACK (import_progress), &run);
  sig = g_unix_signal_add (SIGINT, on_sigint, &run);
  lineup_import_run_async (run.import, run.cancellable, import_done, &run);
  g_main_loop_run (loop);
  g_source_remove (sig);
  if (run.tty && !run.quiet)
    g_printerr ("\n");

  if (!run.ok)
    {
      g_object_unref (run.import);
      g_object_unref (run.cancellable);
      ret = lineup_cli_fail (run.error);
      g_clear_error (&run.error);
      return ret;
    }
  summary = lineup_import_get_summary_json (run.import);
  if (globals->json)
    g_print ("%s\n", summary);
  else
    {
      GHashTableIter it;
      gpointer       k, v;

      g_print (_("Imported:    %u\n"), lineup_import_get_imported (run.import));
      g_print (_("Duplicates:  %u\n"), lineup_import_get_duplicates (run.import));
      g_print (_("Rejected:    %u\n"), lineup_import_get_rejected (run.import));
      g_hash_table_iter_init (&it, lineup_import_get_rejected_by_reason (run.import));
      while (g_hash_table_iter_next (&it, &k, &v))
        g_print ("  %-20s %u\n", (char *)k, GPOINTER_TO_UINT (v));
      g_print (_("Failed:      %u\n"), lineup_import_get_failed (run.import));
      g_print (_("Time:        %.1f s\n"), lineup_import_get_seconds (run.import));
      if (lineup_import_get_report_path (run.import))
        g_print (_("Report:      %s\n"), lineup_import_get_report_path (run.import));
      if (lineup_import_get_cancelled (run.import))
        g_print (_("The import was stopped; run the same command again to resume it.\n"));
    }
  ret = lineup_import_get_failed (run.import) > 0 || lineup_import_get_cancelled (run.import)
          ? LINEUP_CLI_FAILURE
          : LINEUP_CLI_OK;
  g_object_unref (run.import);
  g_object_unref (run.cancellable);
  return ret;
}

int
lineup_cli_gallery_stats (LineupCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupGalleryStats) s = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter     it;
  gpointer           k, v;
  int                ret;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("gallery stats", NULL, _("Count subjects, bookings, photos and faces."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc > 1)
    {
      g_printerr (_("lineup-cli gallery stats: unexpected argument “%s”\n"), argv[1]);
      return LINEUP_CLI_USAGE;
    }
  db = lineup_cli_open_db (globals, &error);
  if (db == NULL || !(s = lineup_db_gallery_stats_sync (db, &error)))
    return lineup_cli_fail (error);

  if (!globals->json)
    {
      g_print (_("Subjects:        %" G_GINT64_FORMAT "\n"), s->subjects);
      g_print (_("Bookings:        %" G_GINT64_FORMAT "\n"), s->bookings);
      g_print (_("Photos:          %" G_GINT64_FORMAT "\n"), s->photos);
      g_print (_("Faces enrolled:  %" G_GINT64_FORMAT "\n"), s->faces_enrolled);
      g_print (_("Faces excluded:\n"));
      g_hash_table_iter_init (&it, s->faces_excluded);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_print ("  %-16s %" G_GINT64_FORMAT "\n", (char *)k, *(gint64 *)v);
      g_print (_("Model:           %s (sha256 %s)\n"), LINEUP_RESNET_MODEL_ID, LINEUP_RESNET_SHA256);
      return LINEUP_CLI_OK;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "subjects");
  json_builder_add_int_value (b, s->subjects);
  json_builder_set_member_name (b, "bookings");
  json_builder_add_int_value (b, s->bookings);
  json_builder_set_member_name (b, "photos");
  json_builder_add_int_value (b, s->photos);
  json_builder_set_member_name (b, "faces_enrolled");
  json_builder_add_int_value (b, s->faces_enrolled);
  json_builder_set_member_name (b, "faces_excluded");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&it, s->faces_excluded);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      json_builder_set_member_name (b, k);
      json_builder_add_int_value (b, *(gint64 *)v);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, LINEUP_RESNET_MODEL_ID);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, LINEUP_RESNET_SHA256);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  lineup_cli_print_json (root);
  return LINEUP_CLI_OK;
}

int
lineup_cli_booking_show (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  int                ret;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON (the default)"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("booking show", "BOOKING_NUMBER",
                          _("Show a booking, its subject, photo, face box and quality."), entries,
                          globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 2)
    {
      g_printerr (_("lineup-cli booking show: give one booking number\n"));
      return LINEUP_CLI_USAGE;
    }
  db = lineup_cli_open_db (globals, &error);
  if (db == NULL || !(user = lineup_cli_sign_in (globals, db, &error)) ||
      !(node = lineup_db_booking_show_sync (db, user, argv[1], &error)))
    return lineup_cli_fail (error);
  lineup_cli_print_json (node);
  return LINEUP_CLI_OK;
}

int
lineup_cli_booking_purge (LineupCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *data_dir = NULL;
  g_auto(GStrv) shas = NULL;
  gboolean           store_ok = TRUE;
  int                ret;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why (e.g. the sealing or expungement order); required"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("booking purge", "BOOKING_NUMBER",
                          _("Remove a sealed or expunged booking's photo, faces and descriptors "
                            "everywhere, keeping only an audit record without biometric data."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 2 || reason == NULL || *g_strstrip (reason) == '\0')
    {
      g_printerr (_("lineup-cli booking purge: give one booking number and --reason TEXT\n"));
      return LINEUP_CLI_USAGE;
    }
  db = lineup_cli_open_db (globals, &error);
  if (db == NULL || !(user = lineup_cli_sign_in (globals, db, &error)))
    return lineup_cli_fail (error);
  shas = lineup_db_booking_purge_sync (db, argv[1], reason, user, &error);
  if (shas == NULL)
    return lineup_cli_fail (error);
  data_dir = lineup_paths_resolve_data_dir (globals->data_dir);
  for (guint i = 0; shas[i]; i++)
    {
      g_autoptr(GError) store_error = NULL;
      if (!lineup_store_remove (data_dir, shas[i], &store_error))
        {
          g_printerr ("lineup-cli: %s\n", store_error->message);
          store_ok = FALSE;
        }
    }
  if (globals->json)
    g_print ("{\"booking_number\": \"%s\", \"photos_removed\": %u}\n", argv[1], g_strv_length (shas));
  else
    g_print (_("Purged booking %s: %u photo(s) removed.\n"), argv[1], g_strv_length (shas));
  return store_ok ? LINEUP_CLI_OK : LINEUP_CLI_FAILURE;
}
