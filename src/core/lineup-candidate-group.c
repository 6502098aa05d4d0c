/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-candidate-group.c: a search's candidates of one person. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-candidate.h"
#include "lineup-candidate-group.h"
#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"

struct _LineupCandidateGroup
{
  GObject parent_instance;

  char  *subject_id;
  char  *label;
  gint64 best_rank;
  double best_distance;
  gint64 matches;
};

G_DEFINE_FINAL_TYPE (LineupCandidateGroup, lineup_candidate_group, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SUBJECT_ID,
  PROP_LABEL,
  PROP_BEST_RANK,
  PROP_BEST_DISTANCE,
  PROP_MATCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_candidate_group_finalize (GObject *object)
{
  LineupCandidateGroup *self = (LineupCandidateGroup *)object;

  g_free (self->subject_id);
  g_free (self->label);

  G_OBJECT_CLASS (lineup_candidate_group_parent_class)->finalize (object);
}

static void
lineup_candidate_group_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LineupCandidateGroup *self = (LineupCandidateGroup *)object;

  switch (prop_id)
    {
    case PROP_SUBJECT_ID:
      g_value_set_string (value, self->subject_id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_BEST_RANK:
      g_value_set_int64 (value, self->best_rank);
      break;
    case PROP_BEST_DISTANCE:
      g_value_set_double (value, self->best_distance);
      break;
    case PROP_MATCHES:
      g_value_set_int64 (value, self->matches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_candidate_group_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LineupCandidateGroup *self = (LineupCandidateGroup *)object;

  switch (prop_id)
    {
    case PROP_SUBJECT_ID:
      self->subject_id = g_value_dup_string (value);
      break;
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    case PROP_BEST_RANK:
      self->best_rank = g_value_get_int64 (value);
      break;
    case PROP_BEST_DISTANCE:
      self->best_distance = g_value_get_double (value);
      break;
    case PROP_MATCHES:
      self->matches = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_candidate_group_class_init (LineupCandidateGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_candidate_group_finalize;
  object_class->get_property = lineup_candidate_group_get_property;
  object_class->set_property = lineup_candidate_group_set_property;

  properties[PROP_SUBJECT_ID] =
    g_param_spec_string ("subject-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEST_RANK] =
    g_param_spec_int64 ("best-rank", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEST_DISTANCE] =
    g_param_spec_double ("best-distance", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* how many of the person's photos came up */
  properties[PROP_MATCHES] =
    g_param_spec_int64 ("matches", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_candidate_group_init (LineupCandidateGroup *self)
{
}

const char *
lineup_candidate_group_get_subject_id (LineupCandidateGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_GROUP (self), NULL);

  return self->subject_id;
}

const char *
lineup_candidate_group_get_label (LineupCandidateGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_GROUP (self), NULL);

  return self->label;
}

gint64
lineup_candidate_group_get_best_rank (LineupCandidateGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_GROUP (self), 0);

  return self->best_rank;
}

double
lineup_candidate_group_get_best_distance (LineupCandidateGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_GROUP (self), 0);

  return self->best_distance;
}

gint64
lineup_candidate_group_get_matches (LineupCandidateGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_CANDIDATE_GROUP (self), 0);

  return self->matches;
}

JsonNode *
lineup_candidate_group_to_json (LineupCandidateGroup *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_CANDIDATE_GROUP (self), NULL);

  json_object_set_string_member (o, "subject_id", self->subject_id);
  json_object_set_string_member (o, "label", self->label);
  json_object_set_int_member (o, "best_rank", self->best_rank);
  json_object_set_double_member (o, "best_distance", self->best_distance);
  json_object_set_int_member (o, "matches", self->matches);
  return lineup_records_take_object (o);
}

LineupCandidateGroup *
lineup_candidate_group_new_from_json (JsonNode *node,
                                      GError  **error)
{
  JsonObject *o;
  double      best = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("A group must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  lineup_json_get_number (o, "best_distance", &best);
  return g_object_new (LINEUP_TYPE_CANDIDATE_GROUP,
                       "subject-id", lineup_json_get_string_or_null (o, "subject_id"),
                       "label", lineup_json_get_string_or_null (o, "label"),
                       "best-rank", lineup_json_get_int_or (o, "best_rank", 0),
                       "best-distance", best,
                       "matches", lineup_json_get_int_or (o, "matches", 0),
                       NULL);
}

GListModel *
lineup_candidate_groups_new (GListModel *candidates)
{
  GListStore *store = g_list_store_new (LINEUP_TYPE_CANDIDATE_GROUP);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (gint64));

  /* In rank order: a person's first candidate is their best. */
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(LineupCandidate) c = g_list_model_get_item (candidates, i);
      const char *key = lineup_candidate_get_subject_id (c) ? lineup_candidate_get_subject_id (c) : "";
      gpointer    index;

      if (!g_hash_table_lookup_extended (seen, key, NULL, &index))
        {
          gint64 zero = 0;

          index = GUINT_TO_POINTER (order->len);
          g_hash_table_insert (seen, g_strdup (key), index);
          g_ptr_array_add (order, g_object_ref (c));
          g_array_append_val (counts, zero);
        }
      g_array_index (counts, gint64, GPOINTER_TO_UINT (index))++;
    }
  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr(LineupCandidate) best = order->pdata[i];
      g_autoptr(LineupCandidateGroup) g = g_object_new (LINEUP_TYPE_CANDIDATE_GROUP,
                                                         "subject-id", lineup_candidate_get_subject_id (best),
                                                         "label", lineup_candidate_get_label (best),
                                                         "best-rank", lineup_candidate_get_rank (best),
                                                         "best-distance", lineup_candidate_get_distance (best),
                                                         "matches", g_array_index (counts, gint64, i),
                                                         NULL);
      g_list_store_append (store, g);
    }
  return G_LIST_MODEL (store);
}
