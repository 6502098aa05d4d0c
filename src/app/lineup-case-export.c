/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case-export.c: the lead report and disclosure package from the GUI. */
#define G_LOG_DOMAIN "lineup-case-export"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-case-export.h"
#include "lineup-worker.h"

typedef struct
{
  char                *data_dir;
  LineupCaseExportKind kind;
  char                *path;
  LineupDossier       *dossier;
} ExportData;

static void
export_data_free (ExportData *d)
{
  g_free (d->data_dir);
  g_free (d->path);
  g_clear_object (&d->dossier);
  g_free (d);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *d = task_data;
  GError     *error = NULL;
  gboolean    ok;

  if (d->kind == LINEUP_CASE_EXPORT_REPORT)
    ok = lineup_report_write_pdf (d->dossier, d->data_dir, d->path, &error);
  else
    ok = lineup_report_write_disclosure (d->dossier, d->data_dir, d->path, &error);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (d->path), g_free);
}

static void
dossier_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *d = g_task_get_task_data (task);
  GError     *error = NULL;

  d->dossier = lineup_db_case_dossier_finish (LINEUP_DB (source), result, &error);
  if (d->dossier == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Rendering the PDF or copying the package is heavy: the worker, not the
   * main thread. */
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, render_thread, task);
}

void
lineup_case_export_async (LineupDb            *db,
                          LineupUser          *user,
                          const char          *data_dir,
                          const char          *case_number,
                          LineupCaseExportKind kind,
                          GFile               *target,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *d = g_new0 (ExportData, 1);

  d->data_dir = g_strdup (data_dir);
  d->kind = kind;
  d->path = g_file_get_path (target);
  g_task_set_source_tag (task, lineup_case_export_async);
  g_task_set_task_data (task, d, (GDestroyNotify)export_data_free);
  lineup_db_case_dossier_async (db, user, case_number, cancellable, dossier_ready,
                                g_steal_pointer (&task));
}

char *
lineup_case_export_finish (GAsyncResult *result,
                           GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* the interaction */

static void
say (GtkWidget  *parent,
     const char *heading,
     const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (lineup_app_parent_window (parent),
                                                                         heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lineup_case_export_finish (result, &error);

  if (path == NULL)
    say (parent, _("Export Failed"), error->message);
  else
    {
      g_autofree char *body = g_strdup_printf (_("Saved to %s\n\n%s"), path, _(LINEUP_LEAD_STATEMENT));
      say (parent, _("Export Saved"), body);
    }
}

typedef struct
{
  GtkWidget           *parent;
  LineupSession       *session;
  char                *case_number;
  LineupCaseExportKind kind;
} ChooserData;

static void
chooser_data_free (ChooserData *c)
{
  g_clear_object (&c->parent);
  g_clear_object (&c->session);
  g_free (c->case_number);
  g_free (c);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  ChooserData *c = user_data;
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) target = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (chosen != NULL)
    {
      if (c->kind == LINEUP_CASE_EXPORT_DISCLOSURE)
        {
          /* A new folder named after the case, inside the chosen one. */
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
          g_autofree char *safe = g_strcanon (g_strdup (c->case_number),
                                              G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "-_.", '_');
          g_autofree char *name = g_strdup_printf ("%s-disclosure-%s", safe, stamp);
          target = g_file_get_child (chosen, name);
        }
      else
        target = g_object_ref (chosen);
      lineup_case_export_async (lineup_session_get_db (c->session),
                                lineup_session_get_user (c->session),
                                lineup_session_get_data_dir (c->session),
                                c->case_number, c->kind, target, NULL, export_done, g_object_ref (c->parent));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  chooser_data_free (c);
}

void
lineup_case_export_run (GtkWidget           *parent,
                        LineupSession       *session,
                        const char          *case_number,
                        LineupCaseExportKind kind)
{
  GtkWindow            *window = lineup_app_parent_window (parent);
  GtkFileChooserNative *chooser;
  ChooserData          *c;

  g_return_if_fail (LINEUP_IS_SESSION (session));
  g_return_if_fail (case_number != NULL);
  if (kind == LINEUP_CASE_EXPORT_REPORT)
    {
      g_autofree char *name = g_strdup_printf ("%s-lead-report.pdf", case_number);
      chooser = gtk_file_chooser_native_new (_("Save Lead Report"), window,
                                             GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  else
    chooser = gtk_file_chooser_native_new (_("Choose Where to Create the Disclosure Package"),
                                           window, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Create Here"),
                                           _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  c = g_new0 (ChooserData, 1);
  c->parent = g_object_ref (parent);
  c->session = g_object_ref (session);
  c->case_number = g_strdup (case_number);
  c->kind = kind;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
