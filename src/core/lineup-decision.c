/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-decision.c: a detective's decision on a candidate. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-decision.h"
#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"

struct _LineupDecision
{
  GObject parent_instance;

  gint64        id;
  gint64        search_id;
  gint64        rank;
  char         *decision;
  char         *note;
  char         *user;
  char         *created_at;
  char         *booking_number;
  LineupReview *review;
};

G_DEFINE_FINAL_TYPE (LineupDecision, lineup_decision, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_SEARCH_ID,
  PROP_RANK,
  PROP_DECISION,
  PROP_NOTE,
  PROP_USER,
  PROP_CREATED_AT,
  PROP_BOOKING_NUMBER,
  PROP_REVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_decision_finalize (GObject *object)
{
  LineupDecision *self = (LineupDecision *)object;

  g_free (self->decision);
  g_free (self->note);
  g_free (self->user);
  g_free (self->created_at);
  g_free (self->booking_number);
  g_clear_object (&self->review);

  G_OBJECT_CLASS (lineup_decision_parent_class)->finalize (object);
}

static void
lineup_decision_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LineupDecision *self = (LineupDecision *)object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SEARCH_ID:
      g_value_set_int64 (value, self->search_id);
      break;
    case PROP_RANK:
      g_value_set_int64 (value, self->rank);
      break;
    case PROP_DECISION:
      g_value_set_string (value, self->decision);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_BOOKING_NUMBER:
      g_value_set_string (value, self->booking_number);
      break;
    case PROP_REVIEW:
      g_value_set_object (value, self->review);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_decision_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LineupDecision *self = (LineupDecision *)object;

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_SEARCH_ID:
      self->search_id = g_value_get_int64 (value);
      break;
    case PROP_RANK:
      self->rank = g_value_get_int64 (value);
      break;
    case PROP_DECISION:
      self->decision = g_value_dup_string (value);
      break;
    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    case PROP_BOOKING_NUMBER:
      self->booking_number = g_value_dup_string (value);
      break;
    case PROP_REVIEW:
      self->review = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_decision_class_init (LineupDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_decision_finalize;
  object_class->get_property = lineup_decision_get_property;
  object_class->set_property = lineup_decision_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_ID] =
    g_param_spec_int64 ("search-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* of the candidate decided on */
  properties[PROP_RANK] =
    g_param_spec_int64 ("rank", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* possible_lead, not_a_match or inconclusive */
  properties[PROP_DECISION] =
    g_param_spec_string ("decision", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* what the decision rests on */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* who decided */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* of the candidate (from lineup_db_decide) */
  properties[PROP_BOOKING_NUMBER] =
    g_param_spec_string ("booking-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL while not reviewed */
  properties[PROP_REVIEW] =
    g_param_spec_object ("review", NULL, NULL, LINEUP_TYPE_REVIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_decision_init (LineupDecision *self)
{
}

gint64
lineup_decision_get_id (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), 0);

  return self->id;
}

gint64
lineup_decision_get_search_id (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), 0);

  return self->search_id;
}

gint64
lineup_decision_get_rank (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), 0);

  return self->rank;
}

const char *
lineup_decision_get_decision (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), NULL);

  return self->decision;
}

const char *
lineup_decision_get_note (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), NULL);

  return self->note;
}

const char *
lineup_decision_get_user (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), NULL);

  return self->user;
}

const char *
lineup_decision_get_created_at (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), NULL);

  return self->created_at;
}

const char *
lineup_decision_get_booking_number (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), NULL);

  return self->booking_number;
}

LineupReview *
lineup_decision_get_review (LineupDecision *self)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), NULL);

  return self->review;
}

gboolean
lineup_decision_get_kind (LineupDecision     *self,
                          LineupDecisionKind *kind)
{
  g_return_val_if_fail (LINEUP_IS_DECISION (self), FALSE);

  return self->decision != NULL && lineup_decision_from_string (self->decision, kind, NULL);
}

JsonNode *
lineup_decision_to_json (LineupDecision *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_DECISION (self), NULL);

  json_object_set_int_member (o, "id", self->id);
  json_object_set_int_member (o, "search_id", self->search_id);
  json_object_set_int_member (o, "rank", self->rank);
  json_object_set_string_member (o, "decision", self->decision);
  json_object_set_string_member (o, "note", self->note);
  json_object_set_string_member (o, "user", self->user);
  json_object_set_string_member (o, "created_at", self->created_at);
  json_object_set_string_member (o, "booking_number", self->booking_number);
  return lineup_records_take_object (o);
}

JsonObject *
lineup_decision_to_json_in_search (LineupDecision *self)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", self->id);
  json_object_set_int_member (o, "rank", self->rank);
  json_object_set_string_member (o, "decision", self->decision);
  json_object_set_string_member (o, "note", self->note);
  json_object_set_string_member (o, "user", self->user);
  json_object_set_string_member (o, "created_at", self->created_at);
  if (self->review == NULL)
    json_object_set_null_member (o, "review");
  else
    json_object_set_object_member (o, "review", lineup_review_to_json_in_decision (self->review));
  return o;
}

LineupDecision *
lineup_decision_new_from_json (JsonNode *node,
                               GError  **error)
{
  g_autoptr(LineupReview) review = NULL;
  JsonObject *o;
  JsonNode   *r;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("A decision must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  r = json_object_get_member (o, "review");
  if (r != NULL && JSON_NODE_HOLDS_OBJECT (r))
    review = lineup_review_new_from_json (r, NULL);
  return g_object_new (LINEUP_TYPE_DECISION,
                       "id", lineup_json_get_int_or (o, "id", 0),
                       "search-id", lineup_json_get_int_or (o, "search_id", 0),
                       "rank", lineup_json_get_int_or (o, "rank", 0),
                       "decision", lineup_json_get_string_or_null (o, "decision"),
                       "note", lineup_json_get_string_or_null (o, "note"),
                       "user", lineup_json_get_string_or_null (o, "user"),
                       "created-at", lineup_json_get_string_or_null (o, "created_at"),
                       "booking-number", lineup_json_get_string_or_null (o, "booking_number"),
                       "review", review,
                       NULL);
}
