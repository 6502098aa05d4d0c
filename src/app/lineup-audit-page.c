/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-audit-page.c: the audit log for supervisors and administrators.
 *
 * Filters are applied by querying the core again (it audits every listing
 * as an export); the chain is walked on a worker thread so a long log does
 * not stall the window. The chain head can be copied out, so that someone
 * who does not trust this workstation can hold it and check the log later. */
#define G_LOG_DOMAIN "lineup-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-audit-page-private.h"

enum
{
  COL_TIME,
  COL_USER,
  COL_ACTION,
  COL_OBJECT,
  COL_SUMMARY
};

G_DEFINE_FINAL_TYPE (LineupAuditPage, lineup_audit_page, GTK_TYPE_WIDGET)

/* What the Open button opens: a booking in the gallery, or the case (of a
 * case, probe, search or decision entry) on the search page. Returns the
 * kind and sets key, or NULL. */
static const char *
open_target (LineupAuditItem *item,
             const char     **key)
{
  const char *type = item ? lineup_audit_item_get_object_type (item) : "";
  JsonObject *details = item ? lineup_json_get_object (lineup_audit_item_get_object (item), "details") : NULL;
  const char *number = lineup_json_get_string (details, "case");

  *key = NULL;
  if (g_str_equal (type, "booking"))
    *key = lineup_audit_item_get_object_id (item);
  else if (g_str_equal (type, "case"))
    *key = lineup_audit_item_get_object_id (item);
  else if (*number != '\0')
    *key = number;
  if (*key == NULL || **key == '\0')
    return NULL;
  return g_str_equal (type, "booking") ? "booking" : "case";
}

static void
update_actions (LineupAuditPage *self)
{
  const char *key;
  gboolean    allowed = self->user != NULL && lineup_user_can (self->user,
                                                               LINEUP_PERMISSION_VIEW_AUDIT);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.copy-head",
                                 allowed && self->verdict != NULL && self->verdict->intact);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export",
                                 allowed && self->entries != NULL && !self->listing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.apply", allowed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.clear", allowed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.refresh",
                                 allowed && !self->listing && !self->verifying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.open",
                                 open_target (self->shown, &key) != NULL);
}

/* chain */

static void
show_verdict (LineupAuditPage *self)
{
  LineupAuditVerdict *v = self->verdict;
  g_autofree char    *text = NULL;

  if (v->intact)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Audit log intact: %" G_GINT64_FORMAT " entry, head %.16s…",
                                           "Audit log intact: %" G_GINT64_FORMAT " entries, head %.16s…",
                                           v->entries),
                              v->entries, v->head_hash ? v->head_hash : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->chain_label), "error");
      gtk_stack_set_visible_child_name (self->chain_icon_stack, "intact");
    }
  else
    {
      text = g_strdup_printf (_("Audit log broken at entry %" G_GINT64_FORMAT ": %s"),
                              v->first_broken, v->problem ? v->problem : _("unknown problem"));
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "error");
      gtk_stack_set_visible_child_name (self->chain_icon_stack, "broken");
    }
  gtk_label_set_text (self->chain_label, text);
}

static void
verify_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LineupAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LineupAuditVerdict *verdict = lineup_db_audit_verify_finish (LINEUP_DB (source), result, &error);

  if (verdict == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->verifying = FALSE;
  gtk_spinner_stop (self->chain_spinner);
  g_clear_pointer (&self->verdict, lineup_audit_verdict_free);
  if (verdict == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not check the audit log: %s"),
                                               error->message);
      gtk_label_set_text (self->chain_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "error");
      gtk_stack_set_visible_child_name (self->chain_icon_stack, "broken");
    }
  else
    {
      self->verdict = verdict;
      show_verdict (self);
    }
  update_actions (self);
}

static void
verify (LineupAuditPage *self)
{
  LineupDb *db = lineup_session_get_db (self->session);

  if (db == NULL)
    return;
  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  self->verify_cancellable = g_cancellable_new ();
  self->verifying = TRUE;
  gtk_label_set_text (self->chain_label, _("Checking the audit log…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->chain_label), "error");
  gtk_stack_set_visible_child_name (self->chain_icon_stack, "checking");
  gtk_spinner_start (self->chain_spinner);
  lineup_db_audit_verify_async (db, self->verify_cancellable, verify_ready, g_object_ref (self));
}

static void
copy_head_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (widget);
  g_autofree char *head = NULL;

  if (self->verdict == NULL || !self->verdict->intact)
    return;
  head = g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", self->verdict->head_seq,
                          self->verdict->head_hash ? self->verdict->head_hash : "",
                          self->verdict->head_ts ? self->verdict->head_ts : "");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), head);
  adw_toast_overlay_add_toast (self->toasts,
                               adw_toast_new (_("Chain head copied: keep it somewhere this "
                                                "workstation cannot change")));
}

/* list */

static void
show_entry (LineupAuditPage *self,
            LineupAuditItem *item)
{
  JsonObject      *o = lineup_audit_item_get_object (item);
  g_autofree char *title = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *details = lineup_audit_item_dup_details_json (item);
  const char      *target, *key;
  const char      *user = lineup_audit_item_get_user (item);
  const char      *object = lineup_audit_item_get_target (item);

  g_set_object (&self->shown, item);
  title = g_strdup_printf ("%s · #%" G_GINT64_FORMAT, lineup_audit_item_get_action (item),
                           lineup_audit_item_get_seq (item));
  gtk_label_set_text (self->detail_title, title);
  /* Values are escaped: user names and ids come from the log. */
  facts = g_markup_printf_escaped ("<span alpha=\"60%%\">%s</span>  %s\n"
                                   "<span alpha=\"60%%\">%s</span>  %s\n"
                                   "<span alpha=\"60%%\">%s</span>  %s\n"
                                   "<span alpha=\"60%%\">%s</span>\n<tt><small>%s</small></tt>",
                                   _("Time"), lineup_audit_item_get_time (item),
                                   _("User"), *user ? user : _("(none)"),
                                   _("Object"), *object ? object : _("(none)"),
                                   _("Hash"),
                                   json_object_get_string_member_with_default (o, "hash", ""));
  gtk_label_set_markup (self->detail_facts, facts);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->details_view), details, -1);
  target = open_target (item, &key);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), target != NULL);
  if (target != NULL)
    gtk_button_set_label (self->open_button, g_str_equal (target, "booking")
                                               ? _("_Open Booking")
                                               : _("_Open Case"));
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  update_actions (self);
}

void
lineup_audit_page_show_entry (LineupAuditPage *self,
                              guint            position)
{
  g_autoptr(LineupAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  g_return_if_fail (LINEUP_IS_AUDIT_PAGE (self));
  if (item == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  show_entry (self, item);
}

static void
columns_activate (LineupAuditPage *self,
                  guint            position)
{
  lineup_audit_page_show_entry (self, position);
}

static void
selection_changed (LineupAuditPage *self)
{
  LineupAuditItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL && item != self->shown)
    show_entry (self, item);
}

static void
open_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (widget);
  const char      *key;
  const char      *target = open_target (self->shown, &key);

  if (target != NULL && !gtk_widget_activate_action (widget, "win.open-object", "(ss)", target, key))
    adw_toast_overlay_add_toast (self->toasts,
                                 adw_toast_new (_("That page is not available here")));
}

static void
list_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LineupAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lineup_db_audit_list_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;
  JsonArray       *array;
  gint64           shown_seq = self->shown ? lineup_audit_item_get_seq (self->shown) : -1;
  guint            restore = GTK_INVALID_LIST_POSITION;
  guint            n_users = g_hash_table_size (self->users_seen);
  guint            n_actions = g_hash_table_size (self->actions_seen);

  if (node == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->listing = FALSE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      gtk_label_set_text (self->count_label, error ? error->message : _("Unexpected answer"));
      update_actions (self);
      return;
    }
  g_clear_pointer (&self->entries, json_node_unref);
  self->entries = json_node_ref (node);
  array = json_node_get_array (node);
  /* Newest first on screen; the export keeps the chain's order. */
  for (guint i = json_array_get_length (array); i-- > 0;)
    {
      JsonObject      *o = json_array_get_object_element (array, i);
      LineupAuditItem *item;
      const char      *action;

      if (o == NULL)
        continue;
      item = lineup_audit_item_new (o);
      if (*lineup_audit_item_get_user (item))
        g_hash_table_add (self->users_seen, g_strdup (lineup_audit_item_get_user (item)));
      action = lineup_audit_item_get_action (item);
      if (*action)
        g_hash_table_add (self->actions_seen, g_strndup (action, strcspn (action, ".")));
      if (lineup_audit_item_get_seq (item) == shown_seq)
        restore = items->len;
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  if (restore != GTK_INVALID_LIST_POSITION)
    {
      g_set_object (&self->shown, items->pdata[restore]);
      gtk_single_selection_set_selected (self->selection, restore);
    }
  else
    {
      g_clear_object (&self->shown);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
    }
  if (g_hash_table_size (self->users_seen) != n_users)
    _lineup_audit_page_fill_user_dropdown (self);
  if (g_hash_table_size (self->actions_seen) != n_actions)
    _lineup_audit_page_fill_action_dropdown (self);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", items->len),
                           items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->list_stack, items->len ? "list" : "empty");
  update_actions (self);
}

static void
list (LineupAuditPage *self)
{
  LineupDb *db = lineup_session_get_db (self->session);

  if (db == NULL || self->user == NULL)
    return;
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  self->listing = TRUE;
  update_actions (self);
  lineup_db_audit_list_async (db, self->user, &self->applied, self->list_cancellable, list_ready,
                              g_object_ref (self));
}

static gboolean
apply (LineupAuditPage *self)
{
  LineupAuditFilter filter;

  if (!_lineup_audit_page_read_filter (self, &filter))
    return FALSE;
  lineup_audit_filter_clear (&self->applied);
  self->applied = filter;
  list (self);
  return TRUE;
}

static void
apply_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  apply (LINEUP_AUDIT_PAGE (widget));
}

static void
entry_activate (LineupAuditPage *self)
{
  apply (self);
}

static void
dropdown_changed (LineupAuditPage *self)
{
  if (!self->updating && self->user != NULL)
    apply (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (widget);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->user_dropdown, 0);
  gtk_drop_down_set_selected (self->action_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->case_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), "");
  self->updating = FALSE;
  apply (self);
}

static void
select_string (GtkDropDown   *dropdown,
               GtkStringList *model,
               const char    *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (value == NULL)
    {
      gtk_drop_down_set_selected (dropdown, 0);
      return;
    }
  for (guint i = 1; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (model, i), value))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_string_list_append (model, value);
  gtk_drop_down_set_selected (dropdown, n);
}

gboolean
lineup_audit_page_set_filter (LineupAuditPage *self,
                              const char      *user,
                              const char      *action,
                              const char      *case_number,
                              const char      *since,
                              const char      *until)
{
  g_return_val_if_fail (LINEUP_IS_AUDIT_PAGE (self), FALSE);

  self->updating = TRUE;
  select_string (self->user_dropdown, self->user_model, user);
  select_string (self->action_dropdown, self->action_model, action);
  gtk_editable_set_text (GTK_EDITABLE (self->case_entry), case_number ? case_number : "");
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), since ? since : "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), until ? until : "");
  self->updating = FALSE;
  return apply (self);
}

void
lineup_audit_page_refresh (LineupAuditPage *self)
{
  LineupUser *user = lineup_session_get_user (self->session);

  g_return_if_fail (LINEUP_IS_AUDIT_PAGE (self));

  if (user != self->user)
    {
      g_set_object (&self->user, user);
      g_clear_object (&self->shown);
      g_clear_pointer (&self->entries, json_node_unref);
      g_list_store_remove_all (self->items);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
    }
  if (user == NULL || lineup_session_get_db (self->session) == NULL)
    {
      lineup_app_show_denied (self->stack, self->denied_page, _("Not Signed In"),
                              _("Sign in as a supervisor or administrator to read the "
                                "audit log."));
      update_actions (self);
      return;
    }
  if (!lineup_user_can (user, LINEUP_PERMISSION_VIEW_AUDIT))
    {
      lineup_app_show_denied (self->stack, self->denied_page,
                              _("The Audit Log Is for Supervisors and Administrators"),
                              _("Your account cannot read the audit log. Everything you "
                                "do here is still recorded in it."));
      update_actions (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "log");
  /* Every listing is audited as an export: read the log only when someone
   * looks at it (map () refreshes). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  verify (self);
  if (!apply (self))
    list (self); /* a half-typed date: keep the last good filter */
}

static void
refresh_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  lineup_audit_page_refresh (LINEUP_AUDIT_PAGE (widget));
}

GListModel *
lineup_audit_page_get_model (LineupAuditPage *self)
{
  g_return_val_if_fail (LINEUP_IS_AUDIT_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
lineup_audit_page_get_loading (LineupAuditPage *self)
{
  g_return_val_if_fail (LINEUP_IS_AUDIT_PAGE (self), FALSE);
  return self->listing || self->verifying;
}

/* columns */

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *li,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data) == COL_TIME)
    gtk_widget_add_css_class (label, "numeric");
  if (GPOINTER_TO_INT (user_data) == COL_SUMMARY)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (li, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *li,
           gpointer                  user_data)
{
  LineupAuditItem *item = gtk_list_item_get_item (li);
  GtkLabel        *label = GTK_LABEL (gtk_list_item_get_child (li));
  const char      *text = "";

  switch (GPOINTER_TO_INT (user_data))
    {
    case COL_TIME:
      text = lineup_audit_item_get_time (item);
      break;
    case COL_USER:
      text = lineup_audit_item_get_user (item);
      break;
    case COL_ACTION:
      text = lineup_audit_item_get_action (item);
      break;
    case COL_OBJECT:
      text = lineup_audit_item_get_target (item);
      break;
    case COL_SUMMARY:
      text = lineup_audit_item_get_summary (item);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text);
  /* Long summaries are cut in the table; the tooltip has the line. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                               GPOINTER_TO_INT (user_data) == COL_SUMMARY && *text ? text : NULL);
}

static void
add_column (LineupAuditPage *self,
            const char      *title,
            int              which,
            int              fixed_width)
{
  GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (which));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->columns, column);
  g_object_unref (column);
}

/* object */

static void
lineup_audit_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lineup_audit_page_parent_class)->map (widget);
  /* The log grows while the page is away: show it as it is now. */
  lineup_audit_page_refresh (LINEUP_AUDIT_PAGE (widget));
}

/* The session outlives dispose: callbacks still running may read it. */
static void
lineup_audit_page_finalize (GObject *object)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (lineup_audit_page_parent_class)->finalize (object);
}

static void
lineup_audit_page_dispose (GObject *object)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (object);

  g_clear_object (&self->session_signals);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->user);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_pointer (&self->entries, json_node_unref);
  g_clear_pointer (&self->verdict, lineup_audit_verdict_free);
  g_clear_pointer (&self->users_seen, g_hash_table_unref);
  g_clear_pointer (&self->actions_seen, g_hash_table_unref);
  lineup_audit_filter_clear (&self->applied);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_AUDIT_PAGE);
  G_OBJECT_CLASS (lineup_audit_page_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_audit_page_constructed (GObject *object)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (object);

  G_OBJECT_CLASS (lineup_audit_page_parent_class)->constructed (object);

  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  update_actions (self);
  lineup_audit_page_refresh (self);
}

static void
lineup_audit_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_audit_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LineupAuditPage *self = LINEUP_AUDIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      g_signal_group_set_target (self->session_signals, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_audit_page_class_init (LineupAuditPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lineup_audit_page_constructed;
  object_class->dispose = lineup_audit_page_dispose;
  object_class->finalize = lineup_audit_page_finalize;
  object_class->get_property = lineup_audit_page_get_property;
  object_class->set_property = lineup_audit_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = lineup_audit_page_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, denied_page);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, chain_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, chain_spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, chain_label);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, user_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, case_entry);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, since_entry);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, until_entry);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, filter_error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, columns);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, detail_facts);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, LineupAuditPage, details_view);
  gtk_widget_class_bind_template_callback (widget_class, columns_activate);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_changed);
  gtk_widget_class_install_action (widget_class, "audit.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "audit.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "audit.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "audit.copy-head", NULL, copy_head_action);
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, _lineup_audit_page_export_action);
  gtk_widget_class_install_action (widget_class, "audit.open", NULL, open_action);
}

static void
lineup_audit_page_init (LineupAuditPage *self)
{
  self->users_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->actions_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->user_model = gtk_string_list_new (NULL);
  self->action_model = gtk_string_list_new (NULL);

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The dropdowns own their models. */
  gtk_drop_down_set_model (self->user_dropdown, G_LIST_MODEL (self->user_model));
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (self->action_model));
  g_object_unref (self->user_model);
  g_object_unref (self->action_model);
  {
    GtkExpression *expr = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->user_dropdown, expr);
    gtk_expression_unref (expr);
  }
  self->updating = FALSE;
  _lineup_audit_page_fill_user_dropdown (self);
  _lineup_audit_page_fill_action_dropdown (self);

  add_column (self, _("Time"), COL_TIME, 160);
  add_column (self, _("User"), COL_USER, 110);
  add_column (self, _("Action"), COL_ACTION, 150);
  add_column (self, _("Object"), COL_OBJECT, 130);
  add_column (self, _("Details"), COL_SUMMARY, -1);

  self->items = g_list_store_new (LINEUP_TYPE_AUDIT_ITEM);
  self->selection = lineup_app_selection_new (self->items, G_CALLBACK (selection_changed), self);
  gtk_column_view_set_model (self->columns, GTK_SELECTION_MODEL (self->selection));

  /* The page follows whoever signs in or out on its session. */
  self->session_signals = g_signal_group_new (LINEUP_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::user", G_CALLBACK (lineup_audit_page_refresh),
                                  self);
}

GtkWidget *
lineup_audit_page_new (LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_AUDIT_PAGE, "session", session, NULL);
}
