/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-dossier.c: everything about a case, for the report and disclosure. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-dossier.h"
#include "lineup-error.h"
#include "lineup-json.h"
#include "lineup-records-private.h"

struct _LineupDossier
{
  GObject parent_instance;

  LineupCase *case_record;
  GListModel *probes;
  GListModel *searches;
  char       *generated_at;
  char       *generated_by;
  char       *statement;
};

G_DEFINE_FINAL_TYPE (LineupDossier, lineup_dossier, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CASE,
  PROP_PROBES,
  PROP_SEARCHES,
  PROP_GENERATED_AT,
  PROP_GENERATED_BY,
  PROP_STATEMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_dossier_finalize (GObject *object)
{
  LineupDossier *self = (LineupDossier *)object;

  g_clear_object (&self->case_record);
  g_clear_object (&self->probes);
  g_clear_object (&self->searches);
  g_free (self->generated_at);
  g_free (self->generated_by);
  g_free (self->statement);

  G_OBJECT_CLASS (lineup_dossier_parent_class)->finalize (object);
}

static void
lineup_dossier_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LineupDossier *self = (LineupDossier *)object;

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->case_record);
      break;
    case PROP_PROBES:
      g_value_set_object (value, self->probes);
      break;
    case PROP_SEARCHES:
      g_value_set_object (value, self->searches);
      break;
    case PROP_GENERATED_AT:
      g_value_set_string (value, self->generated_at);
      break;
    case PROP_GENERATED_BY:
      g_value_set_string (value, self->generated_by);
      break;
    case PROP_STATEMENT:
      g_value_set_string (value, self->statement);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_dossier_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LineupDossier *self = (LineupDossier *)object;

  switch (prop_id)
    {
    case PROP_CASE:
      self->case_record = g_value_dup_object (value);
      break;
    case PROP_PROBES:
      self->probes = g_value_dup_object (value);
      break;
    case PROP_SEARCHES:
      self->searches = g_value_dup_object (value);
      break;
    case PROP_GENERATED_AT:
      self->generated_at = g_value_dup_string (value);
      break;
    case PROP_GENERATED_BY:
      self->generated_by = g_value_dup_string (value);
      break;
    case PROP_STATEMENT:
      self->statement = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_dossier_class_init (LineupDossierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_dossier_finalize;
  object_class->get_property = lineup_dossier_get_property;
  object_class->set_property = lineup_dossier_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, LINEUP_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* LineupProbeRecord with their edit history */
  properties[PROP_PROBES] =
    g_param_spec_object ("probes", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* LineupSearch with their decisions */
  properties[PROP_SEARCHES] =
    g_param_spec_object ("searches", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATED_AT] =
    g_param_spec_string ("generated-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATED_BY] =
    g_param_spec_string ("generated-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the lead statement, as it was put in */
  properties[PROP_STATEMENT] =
    g_param_spec_string ("statement", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_dossier_init (LineupDossier *self)
{
}

LineupCase *
lineup_dossier_get_case (LineupDossier *self)
{
  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  return self->case_record;
}

GListModel *
lineup_dossier_get_probes (LineupDossier *self)
{
  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  return self->probes;
}

GListModel *
lineup_dossier_get_searches (LineupDossier *self)
{
  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  return self->searches;
}

const char *
lineup_dossier_get_generated_at (LineupDossier *self)
{
  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  return self->generated_at;
}

const char *
lineup_dossier_get_generated_by (LineupDossier *self)
{
  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  return self->generated_by;
}

const char *
lineup_dossier_get_statement (LineupDossier *self)
{
  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  return self->statement;
}

LineupProbeRecord *
lineup_dossier_find_probe (LineupDossier *self,
                           gint64         probe_id)
{
  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  for (guint i = 0; self->probes != NULL && i < g_list_model_get_n_items (self->probes); i++)
    {
      g_autoptr(LineupProbeRecord) p = g_list_model_get_item (self->probes, i);

      if (lineup_probe_record_get_id (p) == probe_id)
        return p;
    }
  return NULL;
}

JsonNode *
lineup_dossier_to_json (LineupDossier *self)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (LINEUP_IS_DOSSIER (self), NULL);

  if (self->case_record != NULL)
    json_object_set_member (o, "case", lineup_case_to_json (self->case_record));
  else
    json_object_set_null_member (o, "case");
  json_object_set_array_member (o, "probes", lineup_records_list_to_json (self->probes, (gpointer)lineup_probe_record_to_json));
  json_object_set_array_member (o, "searches", lineup_records_list_to_json (self->searches, (gpointer)lineup_search_to_json));
  json_object_set_string_member (o, "generated_at", self->generated_at);
  json_object_set_string_member (o, "generated_by", self->generated_by);
  json_object_set_string_member (o, "statement", self->statement);
  return lineup_records_take_object (o);
}

LineupDossier *
lineup_dossier_new_from_json (JsonNode *node,
                              GError  **error)
{
  g_autoptr(LineupCase) kase = NULL;
  g_autoptr(GListModel) probes = NULL;
  g_autoptr(GListModel) searches = NULL;
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT, _("The dossier is not a JSON object"));
      return NULL;
    }
  o = json_node_get_object (node);
  kase = lineup_case_new_from_json (json_object_get_member (o, "case"), NULL);
  if (kase == NULL)
    kase = g_object_new (LINEUP_TYPE_CASE, NULL);
  probes = lineup_records_list_from_json (lineup_json_get_array (o, "probes"), LINEUP_TYPE_PROBE_RECORD,
                                          (gpointer)lineup_probe_record_new_from_json);
  searches = lineup_records_list_from_json (lineup_json_get_array (o, "searches"), LINEUP_TYPE_SEARCH,
                                            (gpointer)lineup_search_new_from_json);
  return g_object_new (LINEUP_TYPE_DOSSIER,
                       "case", kase,
                       "probes", probes,
                       "searches", searches,
                       "generated-at", lineup_json_get_string_or_null (o, "generated_at"),
                       "generated-by", lineup_json_get_string_or_null (o, "generated_by"),
                       "statement", lineup_json_get_string_or_null (o, "statement"),
                       NULL);
}
