/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-audit-page-export.c: the audit page's filter bar and export: the
 * user and action dropdowns (filled from what the listings showed), the
 * filter fields read into a LineupAuditFilter, and the listing on screen
 * written out with the filter and the chain verdict it was shown with. */
#define G_LOG_DOMAIN "lineup-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-audit-page-private.h"

/* The action families the core writes; more are added as they are seen. */
static const char *const action_prefixes[] = {
  "session",
  "search",
  "probe",
  "candidate",
  "decision",
  "review",
  "import",
  "booking",
  "user",
  "policy",
  "audit",
  "case",
  "refused",
};

/* dropdowns */

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  /* Position 0 is "All users" / "All actions". */
  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* Refills a dropdown with "All …" and the names, keeping the choice. */
static void
fill_dropdown (LineupAuditPage *self,
               GtkDropDown     *dropdown,
               GtkStringList   *model,
               const char      *all_label,
               GPtrArray       *names)
{
  g_autofree char *keep = g_strdup (selected_string (dropdown));
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint            select = 0;

  g_ptr_array_add (names, NULL);
  self->updating = TRUE;
  gtk_string_list_splice (model, 0, n, NULL);
  gtk_string_list_append (model, all_label);
  gtk_string_list_splice (model, 1, 0, (const char *const *)names->pdata);
  for (guint i = 0; keep && names->pdata[i]; i++)
    if (g_str_equal (names->pdata[i], keep))
      select = i + 1;
  gtk_drop_down_set_selected (dropdown, select);
  self->updating = FALSE;
  g_ptr_array_remove_index (names, names->len - 1);
}

void
_lineup_audit_page_fill_user_dropdown (LineupAuditPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, self->users_seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);
  fill_dropdown (self, self->user_dropdown, self->user_model, _("All users"), names);
}

void
_lineup_audit_page_fill_action_dropdown (LineupAuditPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;

  for (guint i = 0; i < G_N_ELEMENTS (action_prefixes); i++)
    g_ptr_array_add (names, (gpointer)action_prefixes[i]);
  g_hash_table_iter_init (&iter, self->actions_seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains ((const char *const *)action_prefixes, key))
      g_ptr_array_add (extra, key);
  g_ptr_array_sort (extra, compare_strings);
  g_ptr_array_extend (names, extra, NULL, NULL);
  fill_dropdown (self, self->action_dropdown, self->action_model, _("All actions"), names);
}

/* filters */

/* YYYY-MM-DD, a real date. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;
  char  tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
show_filter_error (LineupAuditPage *self,
                   const char      *message)
{
  gtk_label_set_text (self->filter_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), message != NULL);
}

/* Reads the filter widgets; the core's "until" is exclusive, the field's
 * day is inclusive, so it asks for the day after. */
gboolean
_lineup_audit_page_read_filter (LineupAuditPage   *self,
                                LineupAuditFilter *filter)
{
  g_autofree char *since = entry_text (self->since_entry);
  g_autofree char *until = entry_text (self->until_entry);
  g_autofree char *case_number = entry_text (self->case_entry);
  GDate            since_date, until_date;
  char             buf[16];

  gtk_widget_remove_css_class (GTK_WIDGET (self->since_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->until_entry), "error");
  if (*since && !parse_date (since, &since_date))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->since_entry), "error");
      show_filter_error (self, _("“From” must be a date written YYYY-MM-DD, such as 2024-05-31."));
      return FALSE;
    }
  if (*until && !parse_date (until, &until_date))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->until_entry), "error");
      show_filter_error (self, _("“To” must be a date written YYYY-MM-DD, such as 2024-05-31."));
      return FALSE;
    }
  if (*since && *until && g_date_compare (&since_date, &until_date) > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->since_entry), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->until_entry), "error");
      show_filter_error (self, _("“From” is after “To”: no entry can match."));
      return FALSE;
    }
  show_filter_error (self, NULL);

  memset (filter, 0, sizeof *filter);
  filter->user = g_strdup (selected_string (self->user_dropdown));
  filter->action = g_strdup (selected_string (self->action_dropdown));
  filter->case_number = *case_number ? g_steal_pointer (&case_number) : NULL;
  filter->since = *since ? g_steal_pointer (&since) : NULL;
  if (*until)
    {
      g_date_add_days (&until_date, 1);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &until_date);
      filter->until = g_strdup (buf);
    }
  return TRUE;
}

/* export */

static JsonNode *
export_document (LineupAuditPage *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char         *ts = g_date_time_format_iso8601 (now);
  const LineupAuditFilter *f = &self->applied;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "exported_at");
  json_builder_add_string_value (b, ts);
  json_builder_set_member_name (b, "exported_by");
  json_builder_add_string_value (b, lineup_user_get_name (self->user));
  json_builder_set_member_name (b, "filter");
  json_builder_begin_object (b);
#define ADD_FILTER(key, value)                  \
  if ((value) != NULL)                          \
    {                                           \
      json_builder_set_member_name (b, key);    \
      json_builder_add_string_value (b, value); \
    }
  ADD_FILTER ("user", f->user);
  ADD_FILTER ("action", f->action);
  ADD_FILTER ("case", f->case_number);
  ADD_FILTER ("since", f->since);
  ADD_FILTER ("until_exclusive", f->until);
#undef ADD_FILTER
  json_builder_end_object (b);
  if (self->verdict != NULL)
    {
      json_builder_set_member_name (b, "chain");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "intact");
      json_builder_add_boolean_value (b, self->verdict->intact);
      json_builder_set_member_name (b, "entries");
      json_builder_add_int_value (b, self->verdict->entries);
      json_builder_set_member_name (b, "head_seq");
      json_builder_add_int_value (b, self->verdict->head_seq);
      json_builder_set_member_name (b, "head_hash");
      json_builder_add_string_value (b, self->verdict->head_hash);
      json_builder_set_member_name (b, "head_ts");
      json_builder_add_string_value (b, self->verdict->head_ts);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "entries");
  json_builder_add_value (b, json_node_copy (self->entries));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
export_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
lineup_audit_page_export_async (LineupAuditPage    *self,
                                GFile              *file,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  char *text;

  g_return_if_fail (LINEUP_IS_AUDIT_PAGE (self));
  if (self->entries == NULL || self->user == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("No audit entries are loaded"));
      return;
    }
  doc = export_document (self);
  gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, doc);
  text = json_generator_to_data (gen, &len);
  bytes = g_bytes_new_take (text, len);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       cancellable, export_written, g_steal_pointer (&task));
}

gboolean
lineup_audit_page_export_finish (LineupAuditPage *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->toasts == NULL)
    return; /* the page went away meanwhile */
  if (!lineup_audit_page_export_finish (self, result, &error))
    message = g_strdup_printf (_("Could not save the export: %s"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      message = g_strdup_printf (_("Saved %s"), name);
    }
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  g_autoptr(LineupAuditPage) self = user_data;
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file != NULL)
    lineup_audit_page_export_async (self, file, NULL, export_done, file);
}

void
_lineup_audit_page_export_action (GtkWidget  *widget,
                                  const char *name,
                                  GVariant   *param)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char      *suggested = g_date_time_format (now, "lineup-audit-%Y%m%d-%H%M.json");
  GtkFileChooserNative *chooser;

  if (self->entries == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Audit Entries"),
                                         lineup_app_parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
