/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search.c: a stored search: its parameters, the probe face, the candidates. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"
#include "lineup-search.h"

struct _LineupSearch
{
  GObject parent_instance;

  gint64      search_id;
  char       *case_number;
  gint64      probe_id;
  char       *probe_sha256;
  gint64      edit_seq;
  char       *model;
  char       *model_sha256;
  double      threshold;
  gint64      top_k;
  gint64      gallery_size;
  gboolean    no_hit;
  char       *created_at;
  char       *user;
  JsonObject *probe_face;
  LineupBox  *probe_box;
  GArray     *probe_landmarks;
  GListModel *probe_edits;
  GListModel *candidates;
  GListModel *groups;
  GListModel *decisions;
};

G_DEFINE_FINAL_TYPE (LineupSearch, lineup_search, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SEARCH_ID,
  PROP_CASE_NUMBER,
  PROP_PROBE_ID,
  PROP_PROBE_SHA256,
  PROP_EDIT_SEQ,
  PROP_MODEL,
  PROP_MODEL_SHA256,
  PROP_THRESHOLD,
  PROP_TOP_K,
  PROP_GALLERY_SIZE,
  PROP_NO_HIT,
  PROP_CREATED_AT,
  PROP_USER,
  PROP_PROBE_FACE,
  PROP_PROBE_BOX,
  PROP_PROBE_LANDMARKS,
  PROP_PROBE_EDITS,
  PROP_CANDIDATES,
  PROP_GROUPS,
  PROP_DECISIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_search_finalize (GObject *object)
{
  LineupSearch *self = (LineupSearch *)object;

  g_free (self->case_number);
  g_free (self->probe_sha256);
  g_free (self->model);
  g_free (self->model_sha256);
  g_free (self->created_at);
  g_free (self->user);
  g_clear_pointer (&self->probe_face, json_object_unref);
  g_clear_pointer (&self->probe_box, lineup_box_free);
  g_clear_pointer (&self->probe_landmarks, g_array_unref);
  g_clear_object (&self->probe_edits);
  g_clear_object (&self->candidates);
  g_clear_object (&self->groups);
  g_clear_object (&self->decisions);

  G_OBJECT_CLASS (lineup_search_parent_class)->finalize (object);
}

static void
lineup_search_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupSearch *self = (LineupSearch *)object;

  switch (prop_id)
    {
    case PROP_SEARCH_ID:
      g_value_set_int64 (value, self->search_id);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    case PROP_PROBE_ID:
      g_value_set_int64 (value, self->probe_id);
      break;
    case PROP_PROBE_SHA256:
      g_value_set_string (value, self->probe_sha256);
      break;
    case PROP_EDIT_SEQ:
      g_value_set_int64 (value, self->edit_seq);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_MODEL_SHA256:
      g_value_set_string (value, self->model_sha256);
      break;
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_TOP_K:
      g_value_set_int64 (value, self->top_k);
      break;
    case PROP_GALLERY_SIZE:
      g_value_set_int64 (value, self->gallery_size);
      break;
    case PROP_NO_HIT:
      g_value_set_boolean (value, self->no_hit);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_PROBE_FACE:
      g_value_set_boxed (value, self->probe_face);
      break;
    case PROP_PROBE_BOX:
      g_value_set_boxed (value, self->probe_box);
      break;
    case PROP_PROBE_LANDMARKS:
      g_value_set_boxed (value, self->probe_landmarks);
      break;
    case PROP_PROBE_EDITS:
      g_value_set_object (value, self->probe_edits);
      break;
    case PROP_CANDIDATES:
      g_value_set_object (value, self->candidates);
      break;
    case PROP_GROUPS:
      g_value_set_object (value, self->groups);
      break;
    case PROP_DECISIONS:
      g_value_set_object (value, self->decisions);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_search_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LineupSearch *self = (LineupSearch *)object;

  switch (prop_id)
    {
    case PROP_SEARCH_ID:
      self->search_id = g_value_get_int64 (value);
      break;
    case PROP_CASE_NUMBER:
      self->case_number = g_value_dup_string (value);
      break;
    case PROP_PROBE_ID:
      self->probe_id = g_value_get_int64 (value);
      break;
    case PROP_PROBE_SHA256:
      self->probe_sha256 = g_value_dup_string (value);
      break;
    case PROP_EDIT_SEQ:
      self->edit_seq = g_value_get_int64 (value);
      break;
    case PROP_MODEL:
      self->model = g_value_dup_string (value);
      break;
    case PROP_MODEL_SHA256:
      self->model_sha256 = g_value_dup_string (value);
      break;
    case PROP_THRESHOLD:
      self->threshold = g_value_get_double (value);
      break;
    case PROP_TOP_K:
      self->top_k = g_value_get_int64 (value);
      break;
    case PROP_GALLERY_SIZE:
      self->gallery_size = g_value_get_int64 (value);
      break;
    case PROP_NO_HIT:
      self->no_hit = g_value_get_boolean (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_PROBE_FACE:
      self->probe_face = g_value_dup_boxed (value);
      break;
    case PROP_PROBE_BOX:
      self->probe_box = g_value_dup_boxed (value);
      break;
    case PROP_PROBE_LANDMARKS:
      self->probe_landmarks = g_value_dup_boxed (value);
      break;
    case PROP_PROBE_EDITS:
      self->probe_edits = g_value_dup_object (value);
      break;
    case PROP_CANDIDATES:
      self->candidates = g_value_dup_object (value);
      break;
    case PROP_GROUPS:
      self->groups = g_value_dup_object (value);
      break;
    case PROP_DECISIONS:
      self->decisions = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_search_class_init (LineupSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_search_finalize;
  object_class->get_property = lineup_search_get_property;
  object_class->set_property = lineup_search_set_property;

  properties[PROP_SEARCH_ID] =
    g_param_spec_int64 ("search-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBE_ID] =
    g_param_spec_int64 ("probe-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* of the probe's original */
  properties[PROP_PROBE_SHA256] =
    g_param_spec_string ("probe-sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the edited version searched; 0 the original */
  properties[PROP_EDIT_SEQ] =
    g_param_spec_int64 ("edit-seq", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the descriptor model id */
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_SHA256] =
    g_param_spec_string ("model-sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* largest distance listed */
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOP_K] =
    g_param_spec_int64 ("top-k", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* faces searched */
  properties[PROP_GALLERY_SIZE] =
    g_param_spec_int64 ("gallery-size", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NO_HIT] =
    g_param_spec_boolean ("no-hit", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* who searched */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the searched face as stored; NULL if unreadable */
  properties[PROP_PROBE_FACE] =
    g_param_spec_boxed ("probe-face", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the searched face's box in the edited probe */
  properties[PROP_PROBE_BOX] =
    g_param_spec_boxed ("probe-box", NULL, NULL, LINEUP_TYPE_BOX,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the searched face's 68 points */
  properties[PROP_PROBE_LANDMARKS] =
    g_param_spec_boxed ("probe-landmarks", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* LineupProbeEdit: the steps that made the searched version */
  properties[PROP_PROBE_EDITS] =
    g_param_spec_object ("probe-edits", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* LineupCandidate, by rank */
  properties[PROP_CANDIDATES] =
    g_param_spec_object ("candidates", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* LineupCandidateGroup, by best rank */
  properties[PROP_GROUPS] =
    g_param_spec_object ("groups", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* LineupDecision, oldest first; NULL unless fetched with them */
  properties[PROP_DECISIONS] =
    g_param_spec_object ("decisions", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_search_init (LineupSearch *self)
{
}

gint64
lineup_search_get_search_id (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), 0);

  return self->search_id;
}

const char *
lineup_search_get_case_number (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->case_number;
}

gint64
lineup_search_get_probe_id (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), 0);

  return self->probe_id;
}

const char *
lineup_search_get_probe_sha256 (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->probe_sha256;
}

gint64
lineup_search_get_edit_seq (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), 0);

  return self->edit_seq;
}

const char *
lineup_search_get_model (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->model;
}

const char *
lineup_search_get_model_sha256 (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->model_sha256;
}

double
lineup_search_get_threshold (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), 0);

  return self->threshold;
}

gint64
lineup_search_get_top_k (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), 0);

  return self->top_k;
}

gint64
lineup_search_get_gallery_size (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), 0);

  return self->gallery_size;
}

gboolean
lineup_search_get_no_hit (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), FALSE);

  return self->no_hit;
}

const char *
lineup_search_get_created_at (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->created_at;
}

const char *
lineup_search_get_user (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->user;
}

JsonObject *
lineup_search_get_probe_face (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->probe_face;
}

const LineupBox *
lineup_search_get_probe_box (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->probe_box;
}

const LineupPoint *
lineup_search_get_probe_landmarks (LineupSearch *self,
                                   guint        *n_points)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  *n_points = self->probe_landmarks ? self->probe_landmarks->len : 0;
  return self->probe_landmarks ? (const LineupPoint *)self->probe_landmarks->data : NULL;
}

GListModel *
lineup_search_get_probe_edits (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->probe_edits;
}

GListModel *
lineup_search_get_candidates (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->candidates;
}

GListModel *
lineup_search_get_groups (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->groups;
}

GListModel *
lineup_search_get_decisions (LineupSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  return self->decisions;
}

JsonNode *
lineup_search_to_json (LineupSearch *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_SEARCH (self), NULL);

  json_object_set_int_member (o, "search_id", self->search_id);
  json_object_set_string_member (o, "case", self->case_number);
  json_object_set_int_member (o, "probe_id", self->probe_id);
  json_object_set_string_member (o, "probe_sha256", self->probe_sha256);
  json_object_set_int_member (o, "edit_seq", self->edit_seq);
  json_object_set_string_member (o, "model", self->model);
  json_object_set_string_member (o, "model_sha256", self->model_sha256);
  json_object_set_double_member (o, "threshold", self->threshold);
  json_object_set_int_member (o, "top_k", self->top_k);
  json_object_set_int_member (o, "gallery_size", self->gallery_size);
  json_object_set_boolean_member (o, "no_hit", self->no_hit);
  json_object_set_string_member (o, "created_at", self->created_at);
  json_object_set_string_member (o, "user", self->user);
  if (self->probe_face != NULL)
    {
      JsonNode *face = json_node_init_object (json_node_alloc (), self->probe_face);

      json_object_set_member (o, "probe_face", json_node_copy (face));
      json_node_unref (face);
    }
  json_object_set_array_member (o, "probe_edits",
                                lineup_records_list_to_json (self->probe_edits, (gpointer)lineup_probe_edit_to_json));
  json_object_set_array_member (o, "candidates", lineup_records_list_to_json (self->candidates, (gpointer)lineup_candidate_to_json));
  json_object_set_array_member (o, "groups", lineup_records_list_to_json (self->groups, (gpointer)lineup_candidate_group_to_json));
  if (self->decisions != NULL)
    {
      JsonArray *arr = json_array_new ();

      for (guint i = 0; i < g_list_model_get_n_items (self->decisions); i++)
        {
          g_autoptr(LineupDecision) d = g_list_model_get_item (self->decisions, i);

          json_array_add_object_element (arr, lineup_decision_to_json_in_search (d));
        }
      json_object_set_array_member (o, "decisions", arr);
    }
  return lineup_records_take_object (o);
}

LineupSearch *
lineup_search_new_from_json (JsonNode *node,
                             GError  **error)
{
  g_autoptr(GListModel) edits = NULL;
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) decisions = NULL;
  JsonObject *o;
  double      threshold = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("A search must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  lineup_json_get_number (o, "threshold", &threshold);
  edits = lineup_records_list_from_json (lineup_json_get_array (o, "probe_edits"), LINEUP_TYPE_PROBE_EDIT,
                                         (gpointer)lineup_probe_edit_new_from_json);
  candidates = lineup_records_list_from_json (lineup_json_get_array (o, "candidates"), LINEUP_TYPE_CANDIDATE,
                                              (gpointer)lineup_candidate_new_from_json);
  groups = lineup_records_list_from_json (lineup_json_get_array (o, "groups"), LINEUP_TYPE_CANDIDATE_GROUP,
                                          (gpointer)lineup_candidate_group_new_from_json);
  if (json_object_has_member (o, "decisions"))
    decisions = lineup_records_list_from_json (lineup_json_get_array (o, "decisions"), LINEUP_TYPE_DECISION,
                                               (gpointer)lineup_decision_new_from_json);
  return lineup_search_new (lineup_json_get_int_or (o, "search_id", 0),
                            lineup_json_get_string_or_null (o, "case"),
                            lineup_json_get_int_or (o, "probe_id", 0),
                            lineup_json_get_string_or_null (o, "probe_sha256"),
                            lineup_json_get_int_or (o, "edit_seq", 0),
                            lineup_json_get_string_or_null (o, "model"),
                            lineup_json_get_string_or_null (o, "model_sha256"),
                            threshold,
                            lineup_json_get_int_or (o, "top_k", 0),
                            lineup_json_get_int_or (o, "gallery_size", 0),
                            lineup_json_get_flag (o, "no_hit"),
                            lineup_json_get_string_or_null (o, "created_at"),
                            lineup_json_get_string_or_null (o, "user"),
                            lineup_json_get_object (o, "probe_face"),
                            edits, candidates, groups, decisions);
}

LineupSearch *
lineup_search_new (gint64      search_id,
                   const char *case_number,
                   gint64      probe_id,
                   const char *probe_sha256,
                   gint64      edit_seq,
                   const char *model,
                   const char *model_sha256,
                   double      threshold,
                   gint64      top_k,
                   gint64      gallery_size,
                   gboolean    no_hit,
                   const char *created_at,
                   const char *user,
                   JsonObject *probe_face,
                   GListModel *probe_edits,
                   GListModel *candidates,
                   GListModel *groups,
                   GListModel *decisions)
{
  g_autoptr(GArray) landmarks = lineup_json_read_points (probe_face, "landmarks");
  LineupBox box;
  gboolean  has_box = lineup_json_read_box (probe_face, "box", &box);

  return g_object_new (LINEUP_TYPE_SEARCH,
                       "search-id", search_id,
                       "case-number", case_number,
                       "probe-id", probe_id,
                       "probe-sha256", probe_sha256,
                       "edit-seq", edit_seq,
                       "model", model,
                       "model-sha256", model_sha256,
                       "threshold", threshold,
                       "top-k", top_k,
                       "gallery-size", gallery_size,
                       "no-hit", no_hit,
                       "created-at", created_at,
                       "user", user,
                       "probe-face", probe_face,
                       "probe-box", has_box ? &box : NULL,
                       "probe-landmarks", landmarks,
                       "probe-edits", probe_edits,
                       "candidates", candidates,
                       "groups", groups,
                       "decisions", decisions,
                       NULL);
}
