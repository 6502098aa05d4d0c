/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-import-page.c: choose a manifest or folder (file chooser or drop),
 * preview its rows with their problems, run the import with progress and
 * Cancel, show the summary and open the report. The import itself runs in
 * liblineup's worker pool; this page only follows its properties. */
#define G_LOG_DOMAIN "lineup-import-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-import-page.h"
#include "lineup-preview-row.h"
#include "lineup-worker.h"

#define PREVIEW_ROWS 200

struct _LineupImportPage
{
  GtkWidget parent_instance;

  LineupSession *session; /* construct-only */
  LineupDb      *db;      /* the session's, for short */
  char          *data_dir;
  char          *source;
  LineupImport  *import;
  GCancellable  *cancellable;
  GListStore    *preview;

  GtkStack       *stack;
  GtkLabel       *source_label;
  GtkLabel       *check_label;
  GtkButton      *start_button;
  GtkProgressBar *progress;
  GtkLabel       *counts_label;
  AdwStatusPage  *done_page;
  GtkButton      *report_button;
  GtkListView    *preview_list;
};

G_DEFINE_FINAL_TYPE (LineupImportPage, lineup_import_page, GTK_TYPE_WIDGET)

enum
{
  FINISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const char *
reason_text (const char *reason)
{
  static const struct
  {
    const char *code;
    const char *text;
  } texts[] = {
    { "MISSING_FILE", N_("Photo file not found") },
    { "MALFORMED_DATE", N_("Date is not YYYY-MM-DD") },
    { "MISSING_FIELD", N_("Booking number or photo is empty") },
    { "BAD_ROW", N_("Row has the wrong number of fields") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_strcmp0 (reason, texts[i].code) == 0)
      return _(texts[i].text);
  return reason;
}

/* preview */

static void
read_source_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *kind = NULL;
  GError     *error = NULL;
  GPtrArray  *records = lineup_import_read_source (task_data, &kind, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify)g_ptr_array_unref);
}

static void
preview_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LineupImportPage *self = LINEUP_IMPORT_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;
  guint            problems = 0;

  if (records == NULL)
    {
      gtk_label_set_text (self->check_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->check_label), "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_label), "error");
  for (guint i = 0; i < records->len; i++)
    {
      LineupBookingRecord *r = records->pdata[i];
      gboolean             bad = r->status == LINEUP_RECORD_REJECTED;

      problems += bad;
      if (i < PREVIEW_ROWS)
        {
          g_autoptr(LineupPreviewRow) row =
                       lineup_preview_row_new (r->row, r->booking_number, r->source,
                                               bad ? reason_text (r->reason) : _("OK"));
          g_list_store_append (self->preview, row);
        }
    }
  {
    g_autofree char *photos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo",
                                                            "%u photos", records->len),
                                               records->len);
    g_autofree char *bad = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u row has a problem and will be "
                                                         "reported and skipped",
                                                         "%u rows have problems and will be "
                                                         "reported and skipped",
                                                         problems),
                                            problems);
    text = problems ? g_strdup_printf ("%s. %s.", photos, bad) : g_strdup_printf ("%s.", photos);
  }
  gtk_label_set_text (self->check_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), records->len > problems);
}

void
lineup_import_page_open (LineupImportPage *self,
                         GFile            *file)
{
  g_autoptr(GTask) task = NULL;

  g_free (self->source);
  self->source = g_file_get_path (file);
  if (self->source == NULL)
    return;
  g_list_store_remove_all (self->preview);
  gtk_label_set_text (self->source_label, self->source);
  gtk_label_set_text (self->check_label, _("Checking…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "preview");

  /* Reading a big manifest checks every photo path: not on the main thread. */
  task = g_task_new (self, NULL, preview_ready, NULL);
  g_task_set_task_data (task, g_strdup (self->source), g_free);
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, read_source_thread, task);
}

/* running */

static void
update_progress (LineupImportPage *self)
{
  LineupImport    *im = self->import;
  guint            done = lineup_import_get_done (im), total = lineup_import_get_total (im);
  double           left = lineup_import_get_seconds_left (im);
  g_autofree char *bar = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *left_text = NULL;

  if (left >= 0)
    left_text = left >= 90 ? g_strdup_printf (_("%.0f min left"), left / 60)
                           : g_strdup_printf (_("%.0f s left"), left);
  bar = g_strdup_printf (_("%u of %u photos · %.1f per second · %s"), done, total,
                         lineup_import_get_rate (im), left_text ? left_text : _("estimating…"));
  gtk_progress_bar_set_fraction (self->progress, total ? (double)done / total : 0);
  gtk_progress_bar_set_text (self->progress, bar);
  counts = g_strdup_printf (_("Imported %u · Duplicates %u · Rejected %u · Failed %u"),
                            lineup_import_get_imported (im), lineup_import_get_duplicates (im),
                            lineup_import_get_rejected (im), lineup_import_get_failed (im));
  gtk_label_set_text (self->counts_label, counts);
}

static void
import_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupImportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean       ok = lineup_import_run_finish (LINEUP_IMPORT (source), result, &error);
  GHashTableIter it;
  gpointer       k, v;

  update_progress (self);
  if (!ok)
    {
      adw_status_page_set_title (self->done_page, _("Import Failed"));
      g_string_append (text, error->message);
    }
  else
    {
      adw_status_page_set_title (self->done_page, lineup_import_get_cancelled (self->import)
                                                    ? _("Import Stopped")
                                                    : _("Import Finished"));
      g_string_append_printf (text, _("Imported %u, duplicates %u, rejected %u, failed %u."),
                              lineup_import_get_imported (self->import),
                              lineup_import_get_duplicates (self->import),
                              lineup_import_get_rejected (self->import),
                              lineup_import_get_failed (self->import));
      g_hash_table_iter_init (&it, lineup_import_get_rejected_by_reason (self->import));
      while (g_hash_table_iter_next (&it, &k, &v))
        g_string_append_printf (text, "\n%s: %u", (char *)k, GPOINTER_TO_UINT (v));
      if (lineup_import_get_cancelled (self->import))
        g_string_append (text, _("\n\nStart the same import again to resume it."));
    }
  adw_status_page_set_description (self->done_page, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->report_button),
                          lineup_import_get_report_path (self->import) != NULL);
  gtk_stack_set_visible_child_name (self->stack, "done");
  g_signal_emit (self, signals[FINISHED], 0);
}

void
lineup_import_page_start (LineupImportPage *self)
{
  LineupDetectOptions options;

  g_return_if_fail (self->source != NULL && self->db != NULL);

  g_clear_object (&self->import);
  g_clear_object (&self->cancellable);
  self->import = lineup_import_new (self->db, self->data_dir, self->source);
  lineup_import_set_user (self->import, lineup_session_get_user (self->session));
  lineup_session_get_detect_options (self->session, &options);
  lineup_import_set_options (self->import, &options);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->import, "notify::done", G_CALLBACK (update_progress), self);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Starting…"));
  gtk_label_set_text (self->counts_label, "");
  gtk_stack_set_visible_child_name (self->stack, "running");
  lineup_import_run_async (self->import, self->cancellable, import_finished, g_object_ref (self));
}

void
lineup_import_page_cancel (LineupImportPage *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress, _("Stopping after the photos in progress…"));
}

LineupImport *
lineup_import_page_get_import (LineupImportPage *self)
{
  return self->import;
}

const char *
lineup_import_page_get_state (LineupImportPage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

/* choosing */

static void
chooser_response (GtkNativeDialog  *dialog,
                  int               response,
                  LineupImportPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      lineup_import_page_open (self, file);
    }
  g_object_unref (dialog);
}

static void
choose (LineupImportPage    *self,
        GtkFileChooserAction action)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_OPEN
                                          ? _("Choose a Booking Manifest")
                                          : _("Choose a Folder of People"),
                                        lineup_app_parent_window (GTK_WIDGET (self)), action,
                                        _("_Open"), _("_Cancel"));
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("CSV manifests"));
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
choose_csv_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  choose (LINEUP_IMPORT_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  choose (LINEUP_IMPORT_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
start_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  lineup_import_page_start (LINEUP_IMPORT_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  lineup_import_page_cancel (LINEUP_IMPORT_PAGE (widget));
}

static void
again_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  gtk_stack_set_visible_child_name (LINEUP_IMPORT_PAGE (widget)->stack, "choose");
}

static void
open_report_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  LineupImportPage *self = LINEUP_IMPORT_PAGE (widget);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (self->import == NULL || lineup_import_get_report_path (self->import) == NULL)
    return;
  file = g_file_new_for_path (lineup_import_get_report_path (self->import));
  uri = g_file_get_uri (file);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      /* No spreadsheet app: at least say where the report is. */
      g_autofree char *text = g_strdup_printf (_("The report is at %s"),
                                               lineup_import_get_report_path (self->import));
      adw_status_page_set_description (self->done_page, text);
    }
}

static gboolean
on_drop (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         LineupImportPage *self)
{
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      if (self->import != NULL && g_str_equal (lineup_import_page_get_state (self), "running"))
        return FALSE;
      lineup_import_page_open (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

/* object */

/* The session outlives dispose: callbacks still running may read it. */
static void
lineup_import_page_finalize (GObject *object)
{
  LineupImportPage *self = LINEUP_IMPORT_PAGE (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (lineup_import_page_parent_class)->finalize (object);
}

static void
lineup_import_page_dispose (GObject *object)
{
  LineupImportPage *self = LINEUP_IMPORT_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->db);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_IMPORT_PAGE);
  G_OBJECT_CLASS (lineup_import_page_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_STATE,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_import_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, lineup_import_page_get_state (LINEUP_IMPORT_PAGE (object)));
      break;
    case PROP_SESSION:
      g_value_set_object (value, LINEUP_IMPORT_PAGE (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_import_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LineupImportPage *self = LINEUP_IMPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_import_page_constructed (GObject *object)
{
  LineupImportPage *self = LINEUP_IMPORT_PAGE (object);

  G_OBJECT_CLASS (lineup_import_page_parent_class)->constructed (object);

  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  self->db = g_object_ref (lineup_session_get_db (self->session));
  self->data_dir = g_strdup (lineup_session_get_data_dir (self->session));
}

static void
lineup_import_page_class_init (LineupImportPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lineup_import_page_constructed;
  object_class->dispose = lineup_import_page_dispose;
  object_class->finalize = lineup_import_page_finalize;
  object_class->get_property = lineup_import_page_get_property;
  object_class->set_property = lineup_import_page_set_property;
  /* The stack's visible child: "choose", "preview", "running", "done"…;
   * the window marks the sidebar while an import runs. */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LINEUP_TYPE_PREVIEW_ROW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-import-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, check_label);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, progress);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, done_page);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, report_button);
  gtk_widget_class_bind_template_child (widget_class, LineupImportPage, preview_list);

  gtk_widget_class_install_action (widget_class, "import.choose-csv", NULL, choose_csv_action);
  gtk_widget_class_install_action (widget_class, "import.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.again", NULL, again_action);
  gtk_widget_class_install_action (widget_class, "import.open-report", NULL, open_report_action);
}

static void
stack_changed (LineupImportPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
lineup_import_page_init (LineupImportPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (stack_changed), self,
                           G_CONNECT_SWAPPED);
  self->preview = g_list_store_new (LINEUP_TYPE_PREVIEW_ROW);
  gtk_list_view_set_model (self->preview_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (g_object_ref (self->preview)))));
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
lineup_import_page_new (LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_IMPORT_PAGE, "session", session, NULL);
}
