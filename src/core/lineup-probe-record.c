/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-record.c: a stored probe: its original and its edit history. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-probe-record.h"
#include "lineup-records-private.h"

struct _LineupProbeRecord
{
  GObject parent_instance;

  gint64      id;
  char       *case_number;
  char       *sha256;
  char       *source;
  char       *original_name;
  char       *user;
  char       *created_at;
  GListModel *edits;
  GListModel *removed_edits;
};

G_DEFINE_FINAL_TYPE (LineupProbeRecord, lineup_probe_record, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CASE_NUMBER,
  PROP_SHA256,
  PROP_SOURCE,
  PROP_ORIGINAL_NAME,
  PROP_USER,
  PROP_CREATED_AT,
  PROP_EDITS,
  PROP_REMOVED_EDITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_probe_record_finalize (GObject *object)
{
  LineupProbeRecord *self = (LineupProbeRecord *)object;

  g_free (self->case_number);
  g_free (self->sha256);
  g_free (self->source);
  g_free (self->original_name);
  g_free (self->user);
  g_free (self->created_at);
  g_clear_object (&self->edits);
  g_clear_object (&self->removed_edits);

  G_OBJECT_CLASS (lineup_probe_record_parent_class)->finalize (object);
}

static void
lineup_probe_record_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LineupProbeRecord *self = (LineupProbeRecord *)object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_ORIGINAL_NAME:
      g_value_set_string (value, self->original_name);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_EDITS:
      g_value_set_object (value, self->edits);
      break;
    case PROP_REMOVED_EDITS:
      g_value_set_object (value, self->removed_edits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_record_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LineupProbeRecord *self = (LineupProbeRecord *)object;

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_CASE_NUMBER:
      self->case_number = g_value_dup_string (value);
      break;
    case PROP_SHA256:
      self->sha256 = g_value_dup_string (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_string (value);
      break;
    case PROP_ORIGINAL_NAME:
      self->original_name = g_value_dup_string (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    case PROP_EDITS:
      self->edits = g_value_dup_object (value);
      break;
    case PROP_REMOVED_EDITS:
      self->removed_edits = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_record_class_init (LineupProbeRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_probe_record_finalize;
  object_class->get_property = lineup_probe_record_get_property;
  object_class->set_property = lineup_probe_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* set by lineup_db_probe_add */
  properties[PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* of the original bytes */
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* surveillance, witness, social_media or other */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGINAL_NAME] =
    g_param_spec_string ("original-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* LineupProbeEdit, oldest first; NULL when the history is not told */
  properties[PROP_EDITS] =
    g_param_spec_object ("edits", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* steps taken back, kept on record */
  properties[PROP_REMOVED_EDITS] =
    g_param_spec_object ("removed-edits", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_probe_record_init (LineupProbeRecord *self)
{
}

gint64
lineup_probe_record_get_id (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), 0);

  return self->id;
}

const char *
lineup_probe_record_get_case_number (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->case_number;
}

const char *
lineup_probe_record_get_sha256 (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->sha256;
}

const char *
lineup_probe_record_get_source (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->source;
}

const char *
lineup_probe_record_get_original_name (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->original_name;
}

const char *
lineup_probe_record_get_user (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->user;
}

const char *
lineup_probe_record_get_created_at (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->created_at;
}

GListModel *
lineup_probe_record_get_edits (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->edits;
}

GListModel *
lineup_probe_record_get_removed_edits (LineupProbeRecord *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  return self->removed_edits;
}

gboolean
lineup_probe_record_get_source_kind (LineupProbeRecord *self,
                                     LineupProbeSource *source)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), FALSE);

  return self->source != NULL && lineup_probe_source_from_string (self->source, source, NULL);
}

JsonNode *
lineup_probe_record_to_json (LineupProbeRecord *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_PROBE_RECORD (self), NULL);

  json_object_set_int_member (o, "id", self->id);
  if (self->case_number != NULL)
    json_object_set_string_member (o, "case", self->case_number);
  json_object_set_string_member (o, "sha256", self->sha256);
  json_object_set_string_member (o, "source", self->source);
  json_object_set_string_member (o, "original_name", self->original_name);
  if (self->edits != NULL)
    {
      json_object_set_string_member (o, "user", self->user);
      json_object_set_string_member (o, "created_at", self->created_at);
      json_object_set_array_member (o, "edits", lineup_records_list_to_json (self->edits, lineup_probe_edit_to_json));
      json_object_set_array_member (o, "removed_edits", lineup_records_list_to_json (self->removed_edits, lineup_probe_edit_to_json));
    }
  return lineup_records_take_object (o);
}

LineupProbeRecord *
lineup_probe_record_new_from_json (JsonNode *node,
                                   GError  **error)
{
  g_autoptr(GListModel) edits = NULL;
  g_autoptr(GListModel) removed = NULL;
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("A probe must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  if (json_object_has_member (o, "edits"))
    {
      edits = lineup_records_list_from_json (lineup_json_get_array (o, "edits"), LINEUP_TYPE_PROBE_EDIT,
                                             lineup_probe_edit_new_from_json);
      removed = lineup_records_list_from_json (lineup_json_get_array (o, "removed_edits"), LINEUP_TYPE_PROBE_EDIT,
                                               lineup_probe_edit_new_from_json);
    }
  return g_object_new (LINEUP_TYPE_PROBE_RECORD,
                       "id", lineup_json_get_int_or (o, "id", 0),
                       "case-number", lineup_json_get_string_or_null (o, "case"),
                       "sha256", lineup_json_get_string_or_null (o, "sha256"),
                       "source", lineup_json_get_string_or_null (o, "source"),
                       "original-name", lineup_json_get_string_or_null (o, "original_name"),
                       "user", lineup_json_get_string_or_null (o, "user"),
                       "created-at", lineup_json_get_string_or_null (o, "created_at"),
                       "edits", edits,
                       "removed-edits", removed,
                       NULL);
}
