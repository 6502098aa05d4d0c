/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-review-page-images.c: the review page's two pictures of the shown
 * lead: the probe as it was searched (the original with the search's edit
 * steps replayed on the worker) and the booking photo, which the compare
 * view loads itself. */
#define G_LOG_DOMAIN "lineup-review"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-review-page-private.h"

/* 68 landmarks as the compare view takes them, (x, y) floats; FALSE if the
 * record has not all of them. */
static gboolean
landmarks_to_floats (const LineupPoint *points,
                     guint              n_points,
                     float             *out)
{
  if (points == NULL || n_points != LINEUP_SHIM_N_LANDMARKS)
    return FALSE;
  for (guint k = 0; k < n_points; k++)
    {
      out[2 * k] = (float)points[k].x;
      out[2 * k + 1] = (float)points[k].y;
    }
  return TRUE;
}

/* The probe's load: its steps from the database, then the replay on the
 * worker (reference counted, as both steps hold it). The booking photo the
 * compare view loads itself. */
typedef struct
{
  LineupDb     *db;
  LineupUser   *user;
  GCancellable *cancellable;
  char         *data_dir;
  char         *case_number;
  gint64        search_id;
  gint64        edit_seq;
  char         *probe_sha256;
  LineupBox     probe_box; /* the searched face, in the edited probe's pixels */
  gboolean      has_probe_box;
  float         probe_landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
  gboolean      has_probe_landmarks;
  JsonArray    *steps; /* NULL: the original, unedited */
  guint         n_edits;
  char         *edit_ops;
} ImageRequest;

static void
image_request_clear (ImageRequest *r)
{
  g_clear_object (&r->db);
  g_clear_object (&r->user);
  g_clear_object (&r->cancellable);
  g_free (r->data_dir);
  g_free (r->case_number);
  g_free (r->probe_sha256);
  g_clear_pointer (&r->steps, json_array_unref);
  g_free (r->edit_ops);
}

static void
image_request_unref (ImageRequest *r)
{
  g_atomic_rc_box_release_full (r, (GDestroyNotify)image_request_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImageRequest, image_request_unref)

/* A page and one of its requests, for a load that ends in a callback. */
typedef struct
{
  LineupReviewPage *self;
  ImageRequest     *request;
} PendingLoad;

static PendingLoad *
pending_load_new (LineupReviewPage *self,
                  ImageRequest     *r)
{
  PendingLoad *p = g_new0 (PendingLoad, 1);

  p->self = g_object_ref (self);
  p->request = g_atomic_rc_box_acquire (r);
  return p;
}

static void
pending_load_free (PendingLoad *p)
{
  g_object_unref (p->self);
  image_request_unref (p->request);
  g_free (p);
}

/* On the worker: the original, the steps replayed, at full size (the boxes
 * and landmarks are in these pixels, and the view scales for display). */
static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ImageRequest    *r = task_data;
  GError          *error = NULL;
  g_autofree char *path = lineup_probe_store_path (r->data_dir, r->probe_sha256);
  g_autoptr(LineupImage) original = NULL;
  g_autoptr(LineupImage) edited = NULL;
  LineupRgb *rgb;

  original = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error);
  if (original != NULL && r->steps != NULL)
    edited = lineup_probe_apply_edits (original, r->steps, &error);
  if (original == NULL || (r->steps != NULL && edited == NULL))
    {
      g_task_return_error (task, error);
      return;
    }
  rgb = lineup_image_get_rgb (edited ? edited : original, 0, &error);
  if (rgb == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rgb, (GDestroyNotify)lineup_rgb_unref);
}

static void
show_image_problems (LineupReviewPage *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  if (self->probe_problem != NULL)
    g_string_append_printf (problems, _("Probe image: %s"), self->probe_problem);
  if (self->candidate_problem != NULL)
    g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "", self->candidate_problem);
  gtk_label_set_text (self->image_error_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->image_error_label), problems->len > 0);
}

static void
probe_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupReviewPage *self = LINEUP_REVIEW_PAGE (source);
  ImageRequest     *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupRgb) rgb = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *caption = NULL;

  if (g_cancellable_is_cancelled (r->cancellable))
    return; /* another lead is shown now */
  if (rgb != NULL)
    lineup_compare_view_set_probe (self->compare, rgb->pixels, rgb->width, rgb->height,
                                   r->has_probe_box ? &r->probe_box : NULL,
                                   r->has_probe_landmarks ? r->probe_landmarks : NULL);
  else
    self->probe_problem = g_strdup (error->message);

  if (r->n_edits == 0)
    caption = g_strdup (_("The original image, unedited"));
  else
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The original with %u edit applied: %s",
                                            "The original with %u edits applied: %s",
                                            r->n_edits),
                               r->n_edits, r->edit_ops);
  gtk_label_set_text (self->probe_caption, caption);
  show_image_problems (self);
}

static void
queue_probe (LineupReviewPage *self,
             ImageRequest     *r)
{
  g_autoptr(GTask) task = g_task_new (self, r->cancellable, probe_ready, NULL);

  g_task_set_task_data (task, g_atomic_rc_box_acquire (r), (GDestroyNotify)image_request_unref);
  lineup_worker_queue (lineup_worker_get_default (), G_PRIORITY_DEFAULT, probe_thread, task);
}

/* The edit steps that made the searched version of the probe: the search
 * carries them (reading it is audited as a view of that search). */
static JsonArray *
search_steps (LineupSearch *record)
{
  g_autoptr(JsonNode) search = lineup_search_to_json (record);
  JsonObject *root = json_node_get_object (search);

  if (!json_object_has_member (root, "probe_edits"))
    return json_array_new ();
  return json_array_ref (json_object_get_array_member (root, "probe_edits"));
}

static void
steps_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PendingLoad      *p = user_data;
  LineupReviewPage *self = p->self;
  ImageRequest     *r = p->request;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupSearch) record = lineup_db_search_get_finish (LINEUP_DB (source), result, &error);
  g_autoptr(GString) ops = g_string_new (NULL);
  JsonArray *steps;

  if (g_cancellable_is_cancelled (r->cancellable))
    goto out;
  if (record == NULL)
    {
      /* As if the probe failed: nothing to replay. */
      self->probe_problem = g_strdup (error->message);
      gtk_label_set_text (self->probe_caption, _("The original image, unedited"));
      show_image_problems (self);
      goto out;
    }
  steps = search_steps (record);
  r->steps = steps;
  r->n_edits = json_array_get_length (steps);
  for (guint i = 0; i < r->n_edits; i++)
    g_string_append_printf (ops, "%s%s", i ? ", " : "",
                            json_object_get_string_member_with_default (
                              json_array_get_object_element (steps, i), "op", ""));
  r->edit_ops = g_strdelimit (g_string_free (g_steal_pointer (&ops), FALSE), "_", ' ');
  queue_probe (self, r);
out:
  pending_load_free (p);
}

/* The compare view shows why the booking photo did not load in its pane;
 * the page lists it with the probe's problem. */
void
_lineup_review_page_candidate_failed (LineupReviewPage *self,
                                      const char       *message)
{
  if (self->shown == NULL)
    return;
  g_free (self->candidate_problem);
  self->candidate_problem = g_strdup (message);
  show_image_problems (self);
}

/* Both pictures at once: the probe replayed on the worker (after its
 * steps come from the database), the booking photo through the compare
 * view, which loads it with the core's loader. */
void
_lineup_review_page_load_images (LineupReviewPage *self)
{
  LineupDb          *db = lineup_session_get_db (self->session);
  LineupQueueEntry  *entry = self->shown;
  LineupCandidate   *c = lineup_queue_entry_get_candidate (entry);
  const LineupBox   *box = lineup_candidate_get_box (c);
  const LineupBox   *probe_box = lineup_queue_entry_get_probe_box (entry);
  const LineupPoint *points;
  guint              n_points = 0;
  float              landmarks[LINEUP_SHIM_N_LANDMARKS * 2];
  gboolean           has_landmarks;
  g_autoptr(ImageRequest) r = g_atomic_rc_box_new0 (ImageRequest);

  r->db = g_object_ref (db);
  r->user = g_object_ref (self->user);
  r->data_dir = g_strdup (lineup_session_get_data_dir (self->session));
  r->case_number = g_strdup (lineup_review_or_else (lineup_queue_entry_get_case_number (entry), ""));
  r->search_id = lineup_decision_get_search_id (lineup_queue_entry_get_decision (entry));
  r->edit_seq = lineup_queue_entry_get_edit_seq (entry);
  r->probe_sha256 = g_strdup (lineup_review_or_else (lineup_queue_entry_get_probe_sha256 (entry), ""));
  r->has_probe_box = probe_box != NULL && probe_box->right > probe_box->left && probe_box->bottom > probe_box->top;
  if (r->has_probe_box)
    r->probe_box = *probe_box;
  points = lineup_queue_entry_get_probe_landmarks (entry, &n_points);
  r->has_probe_landmarks = landmarks_to_floats (points, n_points, r->probe_landmarks);
  self->image_cancellable = g_cancellable_new ();
  r->cancellable = g_object_ref (self->image_cancellable);

  if (r->edit_seq > 0)
    lineup_db_search_get_async (r->db, r->user, r->search_id, r->cancellable, steps_ready,
                                pending_load_new (self, r));
  else
    queue_probe (self, r);
  /* The booking face's box and landmarks as stored at import. */
  n_points = 0;
  points = lineup_candidate_get_landmarks (c, &n_points);
  has_landmarks = landmarks_to_floats (points, n_points, landmarks);
  lineup_compare_view_load_candidate (self->compare, r->data_dir,
                                      lineup_review_or_else (lineup_candidate_get_photo_sha256 (c), ""), box,
                                      has_landmarks ? landmarks : NULL);
}
