/* lineup-window.c: the main window: a sidebar of pages and their content.
 *
 * The window asks the database thread for its state and shows the matching
 * page; it never touches SQLite itself. Its size is bound to GSettings.
 */
#define G_LOG_DOMAIN "lineup-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-add-photo-window.h"
#include "lineup-gallery-page.h"
#include "lineup-import-page.h"
#include "lineup-window.h"

struct _LineupWindow
{
  AdwApplicationWindow  parent_instance;

  LineupWindowState     state;
  GCancellable         *cancellable;

  /* template children */
  AdwLeaflet           *leaflet;
  GtkStack             *pages;
  GtkStack             *gallery_stack;
  AdwStatusPage        *welcome_page;
  AdwStatusPage        *error_page;
  GtkLabel             *db_path_label;
  GtkLabel             *schema_label;
  GtkLabel             *subjects_label;
  GtkLabel             *bookings_label;
  GtkLabel             *faces_label;
  AdwWindowTitle       *window_title;
  LineupImportPage     *import_page;
  LineupGalleryPage    *gallery_page;
};

G_DEFINE_FINAL_TYPE (LineupWindow, lineup_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
set_state (LineupWindow      *self,
           LineupWindowState  state)
{
  static const char *names[] = { "loading", "error", "empty", "ready" };

  self->state = state;
  gtk_stack_set_visible_child_name (self->gallery_stack, names[state]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_count_label (GtkLabel *label,
                 gint64    n)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  gtk_label_set_text (label, text);
}

static void
info_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDbInfo) info = lineup_db_get_info_finish (LINEUP_DB (source), result, &error);
  g_autofree char *schema = NULL;
  g_autofree char *welcome = NULL;

  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      set_state (self, LINEUP_WINDOW_STATE_ERROR);
      return;
    }

  gtk_label_set_text (self->db_path_label, info->path);
  schema = g_strdup_printf ("%d", info->schema_version);
  gtk_label_set_text (self->schema_label, schema);
  set_count_label (self->subjects_label, info->subjects);
  set_count_label (self->bookings_label, info->bookings);
  set_count_label (self->faces_label, info->faces);

  welcome = g_markup_printf_escaped (
    _("Lineup compares a probe face with the booking photos in this workstation's "
      "gallery. The gallery is empty: a clerk imports booking photos from a CSV "
      "manifest or a folder first.\n\nYour local database is <tt>%s</tt>."),
    info->path);
  adw_status_page_set_description (self->welcome_page, welcome);

  if (info->bookings > 0)
    lineup_gallery_page_reload (self->gallery_page);
  set_state (self, info->bookings == 0 ? LINEUP_WINDOW_STATE_EMPTY : LINEUP_WINDOW_STATE_READY);
}

static void
open_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_db_open_finish (LINEUP_DB (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      set_state (self, LINEUP_WINDOW_STATE_ERROR);
      return;
    }
  lineup_db_get_info_async (LINEUP_DB (source), self->cancellable, info_ready,
                            g_object_ref (self));
}

void
lineup_window_reload (LineupWindow *self)
{
  LineupApplication *app;

  g_return_if_fail (LINEUP_IS_WINDOW (self));

  app = LINEUP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  set_state (self, LINEUP_WINDOW_STATE_LOADING);
  /* Opening an open database is a no-op on the database thread. */
  lineup_db_open_async (lineup_application_get_db (app), self->cancellable, open_ready,
                        g_object_ref (self));
}

LineupWindowState
lineup_window_get_state (LineupWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_WINDOW (self), LINEUP_WINDOW_STATE_LOADING);
  return self->state;
}

/* GtkWindow:application is set after construction, so the window binds its
 * state here rather than in constructed(). */
static void
lineup_window_setup (LineupWindow      *self,
                     LineupApplication *app)
{
  g_settings_bind (lineup_application_get_settings (app), "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (lineup_application_get_settings (app), "window-height", self,
                   "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (lineup_application_get_settings (app), "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
  lineup_import_page_set_db (self->import_page, lineup_application_get_db (app),
                             lineup_application_get_data_dir (app));
  lineup_gallery_page_set_db (self->gallery_page, lineup_application_get_db (app),
                              lineup_application_get_data_dir (app));
  /* New or purged photos change what the gallery shows. */
  g_signal_connect_swapped (self->import_page, "finished", G_CALLBACK (lineup_window_reload), self);
  g_signal_connect_swapped (self->gallery_page, "purged", G_CALLBACK (lineup_window_reload), self);
  lineup_window_reload (self);
}

static void
lineup_window_dispose (GObject *object)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_WINDOW);

  G_OBJECT_CLASS (lineup_window_parent_class)->dispose (object);
}

static void
lineup_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->pages, "import");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
add_photo_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  LineupApplication *app = LINEUP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  LineupAddPhotoWindow *form = lineup_add_photo_window_new (GTK_WINDOW (self),
                                                            lineup_application_get_db (app),
                                                            lineup_application_get_data_dir (app));

  g_signal_connect_swapped (form, "added", G_CALLBACK (lineup_window_reload), self);
  gtk_window_present (GTK_WINDOW (form));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->pages, g_variant_get_string (param, NULL));
}

static void
lineup_window_class_init (LineupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_window_dispose;
  object_class->get_property = lineup_window_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, LINEUP_WINDOW_STATE_LOADING,
                      LINEUP_WINDOW_STATE_READY, LINEUP_WINDOW_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, gallery_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, db_path_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, schema_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, subjects_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, bookings_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, faces_label);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, import_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, gallery_page);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.add-photo", NULL, add_photo_action);
}

static void
on_page_changed (LineupWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->pages);

  if (child != NULL)
    adw_window_title_set_title (self->window_title,
                                gtk_stack_page_get_title (gtk_stack_get_page (self->pages, child)));
}

static void
lineup_window_init (LineupWindow *self)
{
  g_type_ensure (LINEUP_TYPE_IMPORT_PAGE);
  g_type_ensure (LINEUP_TYPE_GALLERY_PAGE);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->pages, "notify::visible-child", G_CALLBACK (on_page_changed),
                            self);
  on_page_changed (self);
}

LineupWindow *
lineup_window_new (LineupApplication *app)
{
  LineupWindow *self = g_object_new (LINEUP_TYPE_WINDOW, "application", app, NULL);

  lineup_window_setup (self, app);
  return self;
}
