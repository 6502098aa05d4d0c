/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-step.c: one recorded probe edit; immutable once made. */
#define G_LOG_DOMAIN "lineup-probe"

#include "config.h"

#include "lineup-probe-step.h"

struct _LineupProbeStep
{
  GObject parent_instance;

  gint64      seq;
  char       *op;
  JsonObject *params;
  char       *user_name;
  GDateTime  *created;
};

G_DEFINE_FINAL_TYPE (LineupProbeStep, lineup_probe_step, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SEQ,
  PROP_OP,
  PROP_USER_NAME,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
lineup_probe_step_finalize (GObject *object)
{
  LineupProbeStep *self = LINEUP_PROBE_STEP (object);

  g_free (self->op);
  g_clear_pointer (&self->params, json_object_unref);
  g_free (self->user_name);
  g_clear_pointer (&self->created, g_date_time_unref);
  G_OBJECT_CLASS (lineup_probe_step_parent_class)->finalize (object);
}

static void
lineup_probe_step_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LineupProbeStep *self = LINEUP_PROBE_STEP (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;
    case PROP_OP:
      g_value_set_string (value, self->op);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_step_class_init (LineupProbeStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_probe_step_finalize;
  object_class->get_property = lineup_probe_step_get_property;
  properties[PROP_SEQ] = g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OP] = g_param_spec_string ("op", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] = g_param_spec_string ("user-name", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_probe_step_init (LineupProbeStep *self)
{
}

LineupProbeStep *
lineup_probe_step_new (gint64      seq,
                       const char *op,
                       JsonObject *params,
                       const char *user_name,
                       GDateTime  *created)
{
  LineupProbeStep *self;

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  self = g_object_new (LINEUP_TYPE_PROBE_STEP, NULL);
  self->seq = seq;
  self->op = g_strdup (op);
  self->params = json_object_ref (params);
  self->user_name = g_strdup (user_name ? user_name : "");
  self->created = created ? g_date_time_ref (created) : g_date_time_new_now_local ();
  return self;
}

gint64
lineup_probe_step_get_seq (LineupProbeStep *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_STEP (self), 0);
  return self->seq;
}

const char *
lineup_probe_step_get_op (LineupProbeStep *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_STEP (self), NULL);
  return self->op;
}

JsonObject *
lineup_probe_step_get_params (LineupProbeStep *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_STEP (self), NULL);
  return self->params;
}

const char *
lineup_probe_step_get_user_name (LineupProbeStep *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_STEP (self), NULL);
  return self->user_name;
}

GDateTime *
lineup_probe_step_get_created (LineupProbeStep *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_STEP (self), NULL);
  return self->created;
}

JsonObject *
lineup_probe_step_to_json (LineupProbeStep *self)
{
  JsonObject *o;

  g_return_val_if_fail (LINEUP_IS_PROBE_STEP (self), NULL);
  o = json_object_new ();
  json_object_set_string_member (o, "op", self->op);
  json_object_set_object_member (o, "params", json_object_ref (self->params));
  json_object_set_int_member (o, "seq", self->seq);
  return o;
}
