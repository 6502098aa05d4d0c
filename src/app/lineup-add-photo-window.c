/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-add-photo-window.c: a form for one booking photo, run through the
 * same import pipeline as a batch (engine, dedupe, quality, audit). */
#define G_LOG_DOMAIN "lineup-add-photo"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-add-photo-window.h"
#include "lineup-app-util.h"

struct _LineupAddPhotoWindow
{
  AdwWindow parent_instance;

  LineupSession *session; /* construct-only */
  LineupDb      *db;      /* the session's, for short */
  char          *data_dir;
  char          *photo;
  LineupImport  *import;

  AdwEntryRow  *booking_number;
  AdwEntryRow  *booking_date;
  AdwEntryRow  *person_id;
  AdwEntryRow  *last_name;
  AdwEntryRow  *first_name;
  AdwEntryRow  *date_of_birth;
  AdwEntryRow  *sex;
  AdwEntryRow  *race;
  AdwEntryRow  *agency;
  AdwEntryRow  *charge;
  AdwActionRow *photo_row;
  GtkLabel     *status_label;
  GtkButton    *add_button;
};

G_DEFINE_FINAL_TYPE (LineupAddPhotoWindow, lineup_add_photo_window, ADW_TYPE_WINDOW)

enum
{
  ADDED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static char *
field (AdwEntryRow *row)
{
  g_autofree char *text = lineup_app_dup_entry_text (GTK_EDITABLE (row));

  return *text ? g_steal_pointer (&text) : NULL;
}

static void
update_sensitivity (LineupAddPhotoWindow *self)
{
  g_autofree char *number = field (self->booking_number);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            number != NULL && self->photo != NULL && self->import == NULL);
}

void
lineup_add_photo_window_set_photo (LineupAddPhotoWindow *self,
                                   GFile                *file)
{
  g_free (self->photo);
  self->photo = g_file_get_path (file);
  adw_action_row_set_subtitle (self->photo_row, self->photo ? self->photo : "");
  update_sensitivity (self);
}

void
lineup_add_photo_window_set_field (LineupAddPhotoWindow *self,
                                   const char           *name,
                                   const char           *value)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (self), LINEUP_TYPE_ADD_PHOTO_WINDOW,
                                                name);

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), value);
}

const char *
lineup_add_photo_window_get_status (LineupAddPhotoWindow *self)
{
  return gtk_label_get_text (self->status_label);
}

static const char *
explain (const char *reason)
{
  if (g_strcmp0 (reason, "NO_FACE") == 0)
    return _("No face was found in the photo.");
  if (g_strcmp0 (reason, "MALFORMED_DATE") == 0)
    return _("Dates must be written YYYY-MM-DD.");
  if (g_strcmp0 (reason, "DUPLICATE_BOOKING_NUMBER") == 0)
    return _("That booking number is already in the gallery with another photo.");
  if (g_strcmp0 (reason, "UNREADABLE_IMAGE") == 0)
    return _("The file is not a readable image.");
  if (g_strcmp0 (reason, "MISSING_FILE") == 0)
    return _("The photo file cannot be found.");
  return reason;
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupAddPhotoWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupImport) import = g_steal_pointer (&self->import);

  if (!lineup_import_run_finish (import, result, &error))
    gtk_label_set_text (self->status_label, error->message);
  else if (lineup_import_get_imported (import) == 1)
    {
      gtk_label_set_text (self->status_label, _("Added to the gallery."));
      g_signal_emit (self, signals[ADDED], 0);
    }
  else if (lineup_import_get_duplicates (import) == 1)
    gtk_label_set_text (self->status_label, _("This photo is already in the gallery."));
  else
    {
      GHashTableIter it;
      gpointer       k;
      g_hash_table_iter_init (&it, lineup_import_get_rejected_by_reason (import));
      gtk_label_set_text (self->status_label,
                          g_hash_table_iter_next (&it, &k, NULL) ? explain (k)
                                                                 : _("The photo could not be added."));
    }
  update_sensitivity (self);
}

void
lineup_add_photo_window_submit (LineupAddPhotoWindow *self)
{
  LineupBookingRecord *r = lineup_booking_record_new ();
  LineupDetectOptions  options;

  r->booking_number = field (self->booking_number);
  r->source = g_strdup (self->photo);
  r->booking_date = field (self->booking_date);
  r->person_id = field (self->person_id);
  r->last_name = field (self->last_name);
  r->first_name = field (self->first_name);
  r->date_of_birth = field (self->date_of_birth);
  r->sex = field (self->sex);
  r->race = field (self->race);
  r->agency = field (self->agency);
  r->charge = field (self->charge);
  self->import = lineup_import_new_single (self->db, self->data_dir, r);
  lineup_import_set_user (self->import, lineup_session_get_user (self->session));
  lineup_session_get_detect_options (self->session, &options);
  lineup_import_set_options (self->import, &options);
  gtk_label_set_text (self->status_label, _("Finding the face…"));
  update_sensitivity (self);
  lineup_import_run_async (self->import, NULL, import_done, g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  lineup_add_photo_window_submit (LINEUP_ADD_PHOTO_WINDOW (widget));
}

static void
chooser_response (GtkNativeDialog      *dialog,
                  int                   response,
                  LineupAddPhotoWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      lineup_add_photo_window_set_photo (self, file);
    }
  g_object_unref (dialog);
}

static void
choose_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Choose the Booking Photo"),
                                                              GTK_WINDOW (widget),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
lineup_add_photo_window_dispose (GObject *object)
{
  LineupAddPhotoWindow *self = LINEUP_ADD_PHOTO_WINDOW (object);

  g_clear_object (&self->db);
  g_clear_object (&self->import);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->photo, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_ADD_PHOTO_WINDOW);
  G_OBJECT_CLASS (lineup_add_photo_window_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_add_photo_window_constructed (GObject *object)
{
  LineupAddPhotoWindow *self = LINEUP_ADD_PHOTO_WINDOW (object);

  G_OBJECT_CLASS (lineup_add_photo_window_parent_class)->constructed (object);

  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  self->db = g_object_ref (lineup_session_get_db (self->session));
  self->data_dir = g_strdup (lineup_session_get_data_dir (self->session));
}

/* The session outlives dispose: callbacks still running may read it. */
static void
lineup_add_photo_window_finalize (GObject *object)
{
  LineupAddPhotoWindow *self = LINEUP_ADD_PHOTO_WINDOW (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (lineup_add_photo_window_parent_class)->finalize (object);
}

static void
lineup_add_photo_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LineupAddPhotoWindow *self = LINEUP_ADD_PHOTO_WINDOW (object);

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
lineup_add_photo_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LineupAddPhotoWindow *self = LINEUP_ADD_PHOTO_WINDOW (object);

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
lineup_add_photo_window_class_init (LineupAddPhotoWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_add_photo_window_dispose;
  object_class->constructed = lineup_add_photo_window_constructed;
  object_class->finalize = lineup_add_photo_window_finalize;
  object_class->get_property = lineup_add_photo_window_get_property;
  object_class->set_property = lineup_add_photo_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lineup/Lineup/lineup-add-photo-window.ui");
#define CHILD(n) gtk_widget_class_bind_template_child (widget_class, LineupAddPhotoWindow, n)
  CHILD (booking_number);
  CHILD (booking_date);
  CHILD (person_id);
  CHILD (last_name);
  CHILD (first_name);
  CHILD (date_of_birth);
  CHILD (sex);
  CHILD (race);
  CHILD (agency);
  CHILD (charge);
  CHILD (photo_row);
  CHILD (status_label);
  CHILD (add_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity);
  gtk_widget_class_install_action (widget_class, "add-photo.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "add-photo.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_add_photo_window_init (LineupAddPhotoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_sensitivity (self);
}

LineupAddPhotoWindow *
lineup_add_photo_window_new (GtkWindow     *parent,
                             LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_ADD_PHOTO_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "session", session,
                       NULL);
}
