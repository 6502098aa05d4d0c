/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-review.c: a supervisor's review of a possible lead. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"
#include "lineup-review.h"

struct _LineupReview
{
  GObject parent_instance;

  gint64 decision_id;
  char  *case_number;
  char  *verdict;
  char  *comment;
  char  *user;
  char  *created_at;
  char  *case_status;
};

G_DEFINE_FINAL_TYPE (LineupReview, lineup_review, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DECISION_ID,
  PROP_CASE_NUMBER,
  PROP_VERDICT,
  PROP_COMMENT,
  PROP_USER,
  PROP_CREATED_AT,
  PROP_CASE_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_review_finalize (GObject *object)
{
  LineupReview *self = (LineupReview *)object;

  g_free (self->case_number);
  g_free (self->verdict);
  g_free (self->comment);
  g_free (self->user);
  g_free (self->created_at);
  g_free (self->case_status);

  G_OBJECT_CLASS (lineup_review_parent_class)->finalize (object);
}

static void
lineup_review_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupReview *self = (LineupReview *)object;

  switch (prop_id)
    {
    case PROP_DECISION_ID:
      g_value_set_int64 (value, self->decision_id);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    case PROP_VERDICT:
      g_value_set_string (value, self->verdict);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_CASE_STATUS:
      g_value_set_string (value, self->case_status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_review_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LineupReview *self = (LineupReview *)object;

  switch (prop_id)
    {
    case PROP_DECISION_ID:
      self->decision_id = g_value_get_int64 (value);
      break;
    case PROP_CASE_NUMBER:
      self->case_number = g_value_dup_string (value);
      break;
    case PROP_VERDICT:
      self->verdict = g_value_dup_string (value);
      break;
    case PROP_COMMENT:
      self->comment = g_value_dup_string (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    case PROP_CASE_STATUS:
      self->case_status = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_review_class_init (LineupReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_review_finalize;
  object_class->get_property = lineup_review_get_property;
  object_class->set_property = lineup_review_set_property;

  properties[PROP_DECISION_ID] =
    g_param_spec_int64 ("decision-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* approved or rejected */
  properties[PROP_VERDICT] =
    g_param_spec_string ("verdict", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the reviewer */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the case's status after the review */
  properties[PROP_CASE_STATUS] =
    g_param_spec_string ("case-status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_review_init (LineupReview *self)
{
}

gint64
lineup_review_get_decision_id (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), 0);

  return self->decision_id;
}

const char *
lineup_review_get_case_number (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), NULL);

  return self->case_number;
}

const char *
lineup_review_get_verdict (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), NULL);

  return self->verdict;
}

const char *
lineup_review_get_comment (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), NULL);

  return self->comment;
}

const char *
lineup_review_get_user (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), NULL);

  return self->user;
}

const char *
lineup_review_get_created_at (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), NULL);

  return self->created_at;
}

const char *
lineup_review_get_case_status (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), NULL);

  return self->case_status;
}

gboolean
lineup_review_is_approved (LineupReview *self)
{
  g_return_val_if_fail (LINEUP_IS_REVIEW (self), FALSE);

  return g_strcmp0 (self->verdict, "approved") == 0;
}

JsonNode *
lineup_review_to_json (LineupReview *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_REVIEW (self), NULL);

  json_object_set_int_member (o, "decision_id", self->decision_id);
  json_object_set_string_member (o, "case", self->case_number);
  json_object_set_string_member (o, "verdict", self->verdict);
  json_object_set_string_member (o, "comment", self->comment);
  json_object_set_string_member (o, "user", self->user);
  json_object_set_string_member (o, "case_status", self->case_status);
  return lineup_records_take_object (o);
}

JsonObject *
lineup_review_to_json_in_decision (LineupReview *self)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "verdict", self->verdict);
  json_object_set_string_member (o, "comment", self->comment);
  json_object_set_string_member (o, "user", self->user);
  json_object_set_string_member (o, "created_at", self->created_at);
  return o;
}

LineupReview *
lineup_review_new_from_json (JsonNode *node,
                             GError  **error)
{
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("A review must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  return g_object_new (LINEUP_TYPE_REVIEW,
                       "decision-id", lineup_json_get_int_or (o, "decision_id", 0),
                       "case-number", lineup_json_get_string_or_null (o, "case"),
                       "verdict", lineup_json_get_string_or_null (o, "verdict"),
                       "comment", lineup_json_get_string_or_null (o, "comment"),
                       "user", lineup_json_get_string_or_null (o, "user"),
                       "created-at", lineup_json_get_string_or_null (o, "created_at"),
                       "case-status", lineup_json_get_string_or_null (o, "case_status"),
                       NULL);
}
