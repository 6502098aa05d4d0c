/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-edit.c: one edit step replayed on a probe's original. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"
#include "lineup-probe-edit.h"

struct _LineupProbeEdit
{
  GObject parent_instance;

  gint64      seq;
  char       *op;
  JsonObject *params;
  char       *user;
  char       *created_at;
};

G_DEFINE_FINAL_TYPE (LineupProbeEdit, lineup_probe_edit, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SEQ,
  PROP_OP,
  PROP_PARAMS,
  PROP_USER,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_probe_edit_finalize (GObject *object)
{
  LineupProbeEdit *self = (LineupProbeEdit *)object;

  g_free (self->op);
  g_clear_pointer (&self->params, json_object_unref);
  g_free (self->user);
  g_free (self->created_at);

  G_OBJECT_CLASS (lineup_probe_edit_parent_class)->finalize (object);
}

static void
lineup_probe_edit_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LineupProbeEdit *self = (LineupProbeEdit *)object;

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;
    case PROP_OP:
      g_value_set_string (value, self->op);
      break;
    case PROP_PARAMS:
      g_value_set_boxed (value, self->params);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_edit_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LineupProbeEdit *self = (LineupProbeEdit *)object;

  switch (prop_id)
    {
    case PROP_SEQ:
      self->seq = g_value_get_int64 (value);
      break;
    case PROP_OP:
      self->op = g_value_dup_string (value);
      break;
    case PROP_PARAMS:
      self->params = g_value_dup_boxed (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_edit_class_init (LineupProbeEditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_probe_edit_finalize;
  object_class->get_property = lineup_probe_edit_get_property;
  object_class->set_property = lineup_probe_edit_set_property;

  /* 1, 2, …; 0 is the original */
  properties[PROP_SEQ] =
    g_param_spec_int64 ("seq", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* crop, rotate, mirror, brightness_contrast */
  properties[PROP_OP] =
    g_param_spec_string ("op", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARAMS] =
    g_param_spec_boxed ("params", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL where the history is not told */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_probe_edit_init (LineupProbeEdit *self)
{
}

gint64
lineup_probe_edit_get_seq (LineupProbeEdit *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_EDIT (self), 0);

  return self->seq;
}

const char *
lineup_probe_edit_get_op (LineupProbeEdit *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_EDIT (self), NULL);

  return self->op;
}

JsonObject *
lineup_probe_edit_get_params (LineupProbeEdit *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_EDIT (self), NULL);

  return self->params;
}

const char *
lineup_probe_edit_get_user (LineupProbeEdit *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_EDIT (self), NULL);

  return self->user;
}

const char *
lineup_probe_edit_get_created_at (LineupProbeEdit *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_EDIT (self), NULL);

  return self->created_at;
}

JsonNode *
lineup_probe_edit_to_json (LineupProbeEdit *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_PROBE_EDIT (self), NULL);

  json_object_set_int_member (o, "seq", self->seq);
  json_object_set_string_member (o, "op", self->op);
  json_object_set_object_member (o, "params", self->params ? json_object_ref (self->params) : json_object_new ());
  /* Who and when only where the history is told (the dossier). */
  if (self->user != NULL)
    {
      json_object_set_string_member (o, "user", self->user);
      json_object_set_string_member (o, "created_at", self->created_at);
    }
  return lineup_records_take_object (o);
}

LineupProbeEdit *
lineup_probe_edit_new_from_json (JsonNode *node,
                                 GError  **error)
{
  g_autoptr(JsonObject) params = NULL;
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                           _("An edit step must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  params = lineup_json_get_object (o, "params");
  params = params ? json_object_ref (params) : json_object_new ();
  return g_object_new (LINEUP_TYPE_PROBE_EDIT,
                       "seq", lineup_json_get_int_or (o, "seq", 0),
                       "op", lineup_json_get_string_or_null (o, "op"),
                       "params", params,
                       "user", lineup_json_get_string_or_null (o, "user"),
                       "created-at", lineup_json_get_string_or_null (o, "created_at"),
                       NULL);
}

JsonArray *
lineup_probe_edit_list_to_steps (GListModel *edits)
{
  JsonArray *steps = json_array_new ();

  for (guint i = 0; edits != NULL && i < g_list_model_get_n_items (edits); i++)
    {
      g_autoptr(LineupProbeEdit) e = g_list_model_get_item (edits, i);
      JsonObject *step = json_object_new ();

      json_object_set_string_member (step, "op", e->op ? e->op : "");
      json_object_set_object_member (step, "params", e->params ? json_object_ref (e->params) : json_object_new ());
      json_array_add_object_element (steps, step);
    }
  return steps;
}
