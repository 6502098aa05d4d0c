/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-gallery-page.c: the gallery grid. The booking list comes from the
 * database thread in one query; thumbnails load when their cells appear;
 * the filter runs over the in-memory list. */
#define G_LOG_DOMAIN "lineup-gallery"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-app-util.h"
#include "lineup-booking-item.h"
#include "lineup-gallery-page.h"
#include "lineup-texture.h"
#include "lineup-worker.h"

#define DETAIL_SIDE 720

struct _LineupGalleryPage
{
  GtkWidget parent_instance;

  LineupSession      *session; /* construct-only */
  LineupDb           *db;      /* the session's, for short */
  char               *data_dir;
  GListStore         *items;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *needle;
  GCancellable       *cancellable;
  LineupBookingItem  *shown;

  GtkGridView    *grid;
  GtkSearchEntry *search;
  GtkStack       *detail_stack;
  GtkPicture     *photo;
  GtkLabel       *title_label;
  GtkLabel       *facts_label;
  GtkLabel       *count_label;
};

G_DEFINE_FINAL_TYPE (LineupGalleryPage, lineup_gallery_page, GTK_TYPE_WIDGET)

enum
{
  PURGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* list */

static void
list_ready (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LineupGalleryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lineup_db_list_bookings_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *count = NULL;

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->count_label, error->message);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  /* The items take over the summaries. */
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, lineup_booking_item_new (rows->pdata[i], self->data_dir));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u booking", "%u bookings", rows->len),
                           rows->len);
  gtk_label_set_text (self->count_label, count);
}

void
lineup_gallery_page_reload (LineupGalleryPage *self)
{
  if (self->db == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  lineup_db_list_bookings_async (self->db, lineup_session_get_user (self->session),
                                 self->cancellable, list_ready, g_object_ref (self));
}

GListModel *
lineup_gallery_page_get_model (LineupGalleryPage *self)
{
  return G_LIST_MODEL (self->filtered);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  LineupGalleryPage *self = user_data;

  return lineup_booking_item_matches (item, self->needle);
}

void
lineup_gallery_page_set_filter (LineupGalleryPage *self,
                                const char        *text)
{
  g_free (self->needle);
  self->needle = text && *text ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_changed (LineupGalleryPage *self)
{
  lineup_gallery_page_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

/* grid cells */

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *li,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *pic = gtk_picture_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sub = gtk_label_new (NULL);

  gtk_widget_set_size_request (pic, 128, 128);
  gtk_picture_set_can_shrink (GTK_PICTURE (pic), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (box), pic);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (li, box);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *li,
           gpointer                  user_data)
{
  LineupBookingItem *item = gtk_list_item_get_item (li);
  GtkWidget         *box = gtk_list_item_get_child (li);
  GtkWidget         *pic = gtk_widget_get_first_child (box);
  GtkWidget         *title = gtk_widget_get_next_sibling (pic);
  GtkWidget         *sub = gtk_widget_get_next_sibling (title);
  GBinding          *b;
  g_autofree char   *subtitle = NULL;

  b = g_object_bind_property (item, "thumbnail", pic, "paintable", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (li), "thumb-binding", b);
  g_object_get (item, "subtitle", &subtitle, NULL);
  gtk_label_set_text (GTK_LABEL (title), lineup_booking_item_get_summary (item)->booking_number);
  gtk_label_set_text (GTK_LABEL (sub), subtitle);
  lineup_booking_item_set_shown (item, TRUE);
  lineup_booking_item_load_thumbnail (item);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *li,
             gpointer                  user_data)
{
  GBinding *b = g_object_steal_data (G_OBJECT (li), "thumb-binding");

  if (b != NULL)
    g_binding_unbind (b);
  lineup_booking_item_set_shown (gtk_list_item_get_item (li), FALSE);
}

/* detail */

typedef struct
{
  LineupGalleryPage *self;
  LineupBookingItem *item;
} Photo;

static void
photo_free (Photo *p)
{
  g_object_unref (p->self);
  g_object_unref (p->item);
  g_free (p);
}

static void
draw_box (guint8 *rgb,
          int     w,
          int     h,
          int     x0,
          int     y0,
          int     x1,
          int     y1)
{
  /* A 3-px yellow frame, drawn into the pixels: cheap and exact. */
  for (int t = 0; t < 3; t++)
    for (int x = MAX (0, x0 - t); x <= MIN (w - 1, x1 + t); x++)
      for (int k = 0; k < 2; k++)
        {
          int     y = k ? MIN (h - 1, y1 + t) : MAX (0, y0 - t);
          guint8 *p = rgb + ((gsize)y * w + x) * 3;
          p[0] = 0xF6, p[1] = 0xD3, p[2] = 0x2D;
        }
  for (int t = 0; t < 3; t++)
    for (int y = MAX (0, y0 - t); y <= MIN (h - 1, y1 + t); y++)
      for (int k = 0; k < 2; k++)
        {
          int     x = k ? MIN (w - 1, x1 + t) : MAX (0, x0 - t);
          guint8 *p = rgb + ((gsize)y * w + x) * 3;
          p[0] = 0xF6, p[1] = 0xD3, p[2] = 0x2D;
        }
}

static void
photo_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Photo                      *p = user_data;
  LineupGalleryPage          *self = p->self;
  const LineupBookingSummary *s = lineup_booking_item_get_summary (p->item);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRgb) rgb = lineup_image_load_rgb_finish (result, &error);
  g_autoptr(GdkTexture) tex = NULL;

  if (rgb == NULL)
    {
      gtk_label_set_text (self->facts_label, error->message);
      photo_free (p);
      return;
    }
  if (s->box[2] > s->box[0])
    {
      /* The box is in the stored photo's pixels; the view is scaled. */
      double        scale = s->width > 0 ? (double)rgb->width / s->width : 1.0;
      gsize         len = 0;
      const guint8 *src = g_bytes_get_data (rgb->pixels, &len);
      guint8       *data = g_memdup2 (src, len);
      g_autoptr(GBytes) framed = NULL;
      LineupRgb *boxed;

      draw_box (data, rgb->width, rgb->height, (int)(s->box[0] * scale), (int)(s->box[1] * scale),
                (int)(s->box[2] * scale), (int)(s->box[3] * scale));
      framed = g_bytes_new_take (data, len);
      boxed = lineup_rgb_new (framed, rgb->width, rgb->height, rgb->source_width,
                              rgb->source_height);
      lineup_rgb_unref (rgb);
      rgb = boxed;
    }
  tex = lineup_texture_new_for_rgb (rgb);
  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (tex));
  photo_free (p);
}

static char *
facts_text (const LineupBookingSummary *s)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_string_append_printf (out, _("Subject: %s\n"), s->label);
  if (*s->booking_date)
    g_string_append_printf (out, _("Booked: %s\n"), s->booking_date);
  if (s->box[2] <= s->box[0])
    {
      g_string_append (out, _("No face stored."));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  g_string_append_printf (out, _("Face box: %.0f, %.0f – %.0f, %.0f\n"), s->box[0], s->box[1],
                          s->box[2], s->box[3]);
  if (json_parser_load_from_data (parser, s->quality_json, -1, NULL))
    {
      JsonObject *q = json_node_get_object (json_parser_get_root (parser));
      g_string_append_printf (out,
                              _("Width %.0f px · eyes %.0f px apart\nSharpness %.0f · brightness "
                                "%.0f\nYaw %.0f° · pitch %.0f° · roll %.0f°\n"),
                              json_object_get_double_member (q, "face_width"),
                              json_object_get_double_member (q, "eye_distance"),
                              json_object_get_double_member (q, "sharpness"),
                              json_object_get_double_member (q, "brightness"),
                              json_object_get_double_member (q, "yaw"),
                              json_object_get_double_member (q, "pitch"),
                              json_object_get_double_member (q, "roll"));
    }
  g_string_append (out, s->enrolled ? _("Searchable")
                                    : _("Kept out of search: "));
  if (!s->enrolled)
    g_string_append (out, s->reasons);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
lineup_gallery_page_show_item (LineupGalleryPage *self,
                               guint              position)
{
  g_autoptr(LineupBookingItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_autofree char *facts = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  Photo *p;

  if (item == NULL)
    return;
  g_set_object (&self->shown, item);
  gtk_label_set_text (self->title_label, lineup_booking_item_get_summary (item)->booking_number);
  facts = facts_text (lineup_booking_item_get_summary (item));
  gtk_label_set_text (self->facts_label, facts);
  gtk_picture_set_paintable (self->photo, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  p = g_new0 (Photo, 1);
  p->self = g_object_ref (self);
  p->item = g_object_ref (item);
  path = lineup_store_path (self->data_dir, lineup_booking_item_get_summary (item)->photo_sha256);
  file = g_file_new_for_path (path);
  lineup_image_load_rgb_async (file, DETAIL_SIDE, 0, G_PRIORITY_DEFAULT, NULL, photo_ready, p);
}

static void
grid_activate (GtkGridView       *grid,
               guint              position,
               LineupGalleryPage *self)
{
  lineup_gallery_page_show_item (self, position);
}

/* purge */

typedef struct
{
  char *data_dir;
  GStrv shas;
} PurgeRequest;

static void
purge_request_free (PurgeRequest *r)
{
  g_free (r->data_dir);
  g_strfreev (r->shas);
  g_free (r);
}

static void
remove_files_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PurgeRequest *r = task_data;
  GError       *error = NULL;

  for (guint i = 0; r->shas[i]; i++)
    if (!lineup_store_remove (r->data_dir, r->shas[i], &error))
      {
        g_task_return_error (task, error);
        return;
      }
  g_task_return_boolean (task, TRUE);
}

static void
purge_db_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PurgeRequest *r = g_task_get_task_data (task);
  GError       *error = NULL;

  r->shas = lineup_db_booking_purge_finish (LINEUP_DB (source), result, &error);
  if (r->shas == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The rows are gone; the files they named go on the worker. */
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, remove_files_thread,
                       task);
}

static void
purge_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupGalleryPage *self = LINEUP_GALLERY_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_text (self->facts_label, error->message);
      return;
    }
  g_clear_object (&self->shown);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  lineup_gallery_page_reload (self);
  g_signal_emit (self, signals[PURGED], 0);
}

void
lineup_gallery_page_purge_shown (LineupGalleryPage *self,
                                 const char        *reason)
{
  g_autoptr(GTask) task = NULL;
  PurgeRequest *r;

  if (self->shown == NULL || reason == NULL || *reason == '\0')
    return;
  r = g_new0 (PurgeRequest, 1);
  r->data_dir = g_strdup (self->data_dir);
  task = g_task_new (self, NULL, purge_ready, NULL);
  g_task_set_task_data (task, r, (GDestroyNotify)purge_request_free);
  lineup_db_booking_purge_async (self->db,
                                 lineup_booking_item_get_summary (self->shown)->booking_number,
                                 reason, lineup_session_get_user (self->session), NULL,
                                 purge_db_ready, g_steal_pointer (&task));
}

static void
purge_response (AdwMessageDialog  *dialog,
                const char        *response,
                LineupGalleryPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "purge"))
    lineup_gallery_page_purge_shown (self, gtk_editable_get_text (entry));
}

static void
purge_reason_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = lineup_app_dup_entry_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "purge", *text != '\0');
}

static void
purge_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  LineupGalleryPage *self = LINEUP_GALLERY_PAGE (widget);
  GtkWidget         *dialog, *entry;

  if (self->shown == NULL)
    return;
  dialog = adw_message_dialog_new (lineup_app_parent_window (widget), _("Purge This Booking?"),
                                   _("The photo, the face and its descriptor are removed from this "
                                     "workstation for good. Only a record of the purge, with no "
                                     "biometric data, is kept. Give the reason, such as the "
                                     "sealing or expungement order."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "purge",
                                    _("_Purge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "purge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "purge", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (purge_reason_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (purge_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* object */

/* The session outlives dispose: callbacks still running may read it. */
static void
lineup_gallery_page_finalize (GObject *object)
{
  LineupGalleryPage *self = LINEUP_GALLERY_PAGE (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (lineup_gallery_page_parent_class)->finalize (object);
}

static void
lineup_gallery_page_dispose (GObject *object)
{
  LineupGalleryPage *self = LINEUP_GALLERY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_object (&self->shown);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_GALLERY_PAGE);
  G_OBJECT_CLASS (lineup_gallery_page_parent_class)->dispose (object);
}

static void
lineup_gallery_page_constructed (GObject *object)
{
  LineupGalleryPage *self = LINEUP_GALLERY_PAGE (object);

  G_OBJECT_CLASS (lineup_gallery_page_parent_class)->constructed (object);

  g_return_if_fail (LINEUP_IS_SESSION (self->session));
  self->db = g_object_ref (lineup_session_get_db (self->session));
  self->data_dir = g_strdup (lineup_session_get_data_dir (self->session));
}

static void
lineup_gallery_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LineupGalleryPage *self = LINEUP_GALLERY_PAGE (object);

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
lineup_gallery_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LineupGalleryPage *self = LINEUP_GALLERY_PAGE (object);

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
lineup_gallery_page_class_init (LineupGalleryPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lineup_gallery_page_constructed;
  object_class->dispose = lineup_gallery_page_dispose;
  object_class->finalize = lineup_gallery_page_finalize;
  object_class->get_property = lineup_gallery_page_get_property;
  object_class->set_property = lineup_gallery_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LINEUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[PURGED] = g_signal_new ("purged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/lineup-gallery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupGalleryPage, grid);
  gtk_widget_class_bind_template_child (widget_class, LineupGalleryPage, search);
  gtk_widget_class_bind_template_child (widget_class, LineupGalleryPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupGalleryPage, photo);
  gtk_widget_class_bind_template_child (widget_class, LineupGalleryPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LineupGalleryPage, facts_label);
  gtk_widget_class_bind_template_child (widget_class, LineupGalleryPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate);
  gtk_widget_class_install_action (widget_class, "gallery.purge", NULL, purge_action);
}

static void
lineup_gallery_page_init (LineupGalleryPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (LINEUP_TYPE_BOOKING_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), self);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (gtk_single_selection_new (
                                         G_LIST_MODEL (g_object_ref (self->filtered)))));
}

GtkWidget *
lineup_gallery_page_new (LineupSession *session)
{
  g_return_val_if_fail (LINEUP_IS_SESSION (session), NULL);
  return g_object_new (LINEUP_TYPE_GALLERY_PAGE, "session", session, NULL);
}
