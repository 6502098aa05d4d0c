/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-case.c: a case (the record), probe sources, decision kinds. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-case.h"
#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"

struct _LineupCase
{
  GObject parent_instance;

  gint64   id;
  char    *number;
  char    *offence;
  char    *offence_label;
  char    *reason;
  char    *status;
  char    *created_by;
  char    *created_at;
  gboolean search_allowed;
  gint64   searches;
};

G_DEFINE_FINAL_TYPE (LineupCase, lineup_case, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_OFFENCE,
  PROP_OFFENCE_LABEL,
  PROP_REASON,
  PROP_STATUS,
  PROP_CREATED_BY,
  PROP_CREATED_AT,
  PROP_SEARCH_ALLOWED,
  PROP_SEARCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_case_finalize (GObject *object)
{
  LineupCase *self = (LineupCase *)object;

  g_free (self->number);
  g_free (self->offence);
  g_free (self->offence_label);
  g_free (self->reason);
  g_free (self->status);
  g_free (self->created_by);
  g_free (self->created_at);

  G_OBJECT_CLASS (lineup_case_parent_class)->finalize (object);
}

static void
lineup_case_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LineupCase *self = (LineupCase *)object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_OFFENCE:
      g_value_set_string (value, self->offence);
      break;
    case PROP_OFFENCE_LABEL:
      g_value_set_string (value, self->offence_label);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_CREATED_BY:
      g_value_set_string (value, self->created_by);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_SEARCH_ALLOWED:
      g_value_set_boolean (value, self->search_allowed);
      break;
    case PROP_SEARCHES:
      g_value_set_int64 (value, self->searches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_case_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LineupCase *self = (LineupCase *)object;

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_NUMBER:
      self->number = g_value_dup_string (value);
      break;
    case PROP_OFFENCE:
      self->offence = g_value_dup_string (value);
      break;
    case PROP_OFFENCE_LABEL:
      self->offence_label = g_value_dup_string (value);
      break;
    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;
    case PROP_STATUS:
      self->status = g_value_dup_string (value);
      break;
    case PROP_CREATED_BY:
      self->created_by = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    case PROP_SEARCH_ALLOWED:
      self->search_allowed = g_value_get_boolean (value);
      break;
    case PROP_SEARCHES:
      self->searches = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_case_class_init (LineupCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_case_finalize;
  object_class->get_property = lineup_case_get_property;
  object_class->set_property = lineup_case_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the category code */
  properties[PROP_OFFENCE] =
    g_param_spec_string ("offence", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFENCE_LABEL] =
    g_param_spec_string ("offence-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* why face search is needed */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* open, lead_pending, lead_approved or closed */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* user name */
  properties[PROP_CREATED_BY] =
    g_param_spec_string ("created-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* ISO 8601, UTC */
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the offence category allows search */
  properties[PROP_SEARCH_ALLOWED] =
    g_param_spec_boolean ("search-allowed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* how many searches the case has */
  properties[PROP_SEARCHES] =
    g_param_spec_int64 ("searches", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_case_init (LineupCase *self)
{
}

gint64
lineup_case_get_id (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), 0);

  return self->id;
}

const char *
lineup_case_get_number (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  return self->number;
}

const char *
lineup_case_get_offence (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  return self->offence;
}

const char *
lineup_case_get_offence_label (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  return self->offence_label;
}

const char *
lineup_case_get_reason (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  return self->reason;
}

const char *
lineup_case_get_status (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  return self->status;
}

const char *
lineup_case_get_created_by (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  return self->created_by;
}

const char *
lineup_case_get_created_at (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  return self->created_at;
}

gboolean
lineup_case_get_search_allowed (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), FALSE);

  return self->search_allowed;
}

gint64
lineup_case_get_searches (LineupCase *self)
{
  g_return_val_if_fail (LINEUP_IS_CASE (self), 0);

  return self->searches;
}

JsonNode *
lineup_case_to_json (LineupCase *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_CASE (self), NULL);

  json_object_set_int_member (o, "id", self->id);
  json_object_set_string_member (o, "number", self->number);
  json_object_set_string_member (o, "offence", self->offence);
  json_object_set_string_member (o, "offence_label", self->offence_label);
  json_object_set_string_member (o, "reason", self->reason);
  json_object_set_string_member (o, "status", self->status);
  json_object_set_string_member (o, "created_by", self->created_by);
  json_object_set_string_member (o, "created_at", self->created_at);
  json_object_set_boolean_member (o, "search_allowed", self->search_allowed);
  json_object_set_int_member (o, "searches", self->searches);
  return lineup_records_take_object (o);
}

LineupCase *
lineup_case_new_from_json (JsonNode *node,
                           GError  **error)
{
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("A case must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  return g_object_new (LINEUP_TYPE_CASE,
                       "id", lineup_json_get_int_or (o, "id", 0),
                       "number", lineup_json_get_string_or_null (o, "number"),
                       "offence", lineup_json_get_string_or_null (o, "offence"),
                       "offence-label", lineup_json_get_string_or_null (o, "offence_label"),
                       "reason", lineup_json_get_string_or_null (o, "reason"),
                       "status", lineup_json_get_string_or_null (o, "status"),
                       "created-by", lineup_json_get_string_or_null (o, "created_by"),
                       "created-at", lineup_json_get_string_or_null (o, "created_at"),
                       "search-allowed", lineup_json_get_flag (o, "search_allowed"),
                       "searches", lineup_json_get_int_or (o, "searches", 0),
                       NULL);
}

JsonNode *
lineup_case_list_to_json (GListModel *cases)
{
  return lineup_records_take_array (lineup_records_list_to_json (cases, lineup_case_to_json));
}
