/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-cli-admin.c: the supervisor's and administrator's commands — the
 * audit chain (verify, head, export) and the search policy and offence
 * categories. */
#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-cli-private.h"

/* audit */

int
lineup_cli_audit_verify (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAuditVerdict) v = NULL;
  g_autofree char   *expect = NULL;
  gboolean           head_ok = TRUE;
  int                ret;
  const GOptionEntry entries[] = {
    { "expect-head", 0, 0, G_OPTION_ARG_STRING, &expect,
      N_("Also check that entry SEQ still has HASH (a head held outside, from “audit head”)"),
      N_("SEQ:HASH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("audit verify", NULL,
                          _("Walk the audit log's hash chain from its first entry. Exit 0 when "
                            "intact, 1 naming the first broken entry. Needs no account: anyone "
                            "holding the chain head can check it."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (!lineup_cli_session (globals, &db, NULL, &ret))
    return ret;
  if (!(v = lineup_db_audit_verify_sync (db, &error)))
    return lineup_cli_fail (error);
  if (v->intact && expect != NULL)
    {
      /* Truncating the tail leaves a valid chain; only a held head shows it. */
      g_auto(GStrv) p = g_strsplit (expect, ":", 2);
      gint64 seq = p[0] ? g_ascii_strtoll (p[0], NULL, 10) : 0;

      if (g_strv_length (p) != 2 || seq <= 0)
        return lineup_cli_usage ("audit verify", _("--expect-head wants SEQ:HASH"));
      if (seq > v->head_seq)
        {
          head_ok = FALSE;
          v->problem = g_strdup_printf (_("the log ends at entry %" G_GINT64_FORMAT " but the held head is "
                                          "entry %" G_GINT64_FORMAT ": entries were removed from its end"),
                                        v->head_seq, seq);
          v->first_broken = v->head_seq + 1;
        }
      else
        {
          g_autofree char *hash = lineup_db_audit_hash_at_sync (db, seq, &error);

          if (hash == NULL)
            return lineup_cli_fail (error);
          if (g_ascii_strcasecmp (hash, p[1]) != 0)
            {
              head_ok = FALSE;
              v->problem = g_strdup_printf (_("entry %" G_GINT64_FORMAT " does not have the held hash: the "
                                              "log was rewritten from there"),
                                            seq);
              v->first_broken = seq;
            }
        }
    }
  if (globals->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) out = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "intact");
      json_builder_add_boolean_value (b, v->intact && head_ok);
      json_builder_set_member_name (b, "entries");
      json_builder_add_int_value (b, v->entries);
      json_builder_set_member_name (b, "first_broken");
      json_builder_add_int_value (b, v->first_broken);
      json_builder_set_member_name (b, "problem");
      json_builder_add_string_value (b, v->problem);
      json_builder_set_member_name (b, "head_seq");
      json_builder_add_int_value (b, v->head_seq);
      json_builder_set_member_name (b, "head_hash");
      json_builder_add_string_value (b, v->head_hash);
      json_builder_end_object (b);
      out = json_builder_get_root (b);
      lineup_cli_print_json (out);
    }
  else if (v->intact && head_ok)
    g_print (_("Audit log intact: %" G_GINT64_FORMAT " entries; head %" G_GINT64_FORMAT " %s\n"), v->entries,
             v->head_seq, v->head_hash);
  else
    g_printerr (_("lineup-cli: the audit log is broken at entry %" G_GINT64_FORMAT ": %s\n"), v->first_broken,
                v->problem);
  return v->intact && head_ok ? LINEUP_CLI_OK : LINEUP_CLI_FAILURE;
}

int
lineup_cli_audit_head (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupAuditVerdict) v = NULL;
  int ret;

  ret = lineup_cli_parse ("audit head", NULL,
                          _("Print the last intact entry as “SEQ:HASH TIME”. Give it to someone "
                            "outside (print it, mail it): with it, “audit verify --expect-head” "
                            "also catches entries removed from the end."),
                          NULL, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (!lineup_cli_session (globals, &db, NULL, &ret))
    return ret;
  if (!(v = lineup_db_audit_verify_sync (db, &error)))
    return lineup_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT ":%s %s\n", v->head_seq, v->head_hash, v->head_ts ? v->head_ts : "");
  if (!v->intact)
    {
      g_printerr (_("lineup-cli: the audit log is broken at entry %" G_GINT64_FORMAT ": %s\n"), v->first_broken,
                  v->problem);
      return LINEUP_CLI_FAILURE;
    }
  return LINEUP_CLI_OK;
}

static char *
normalise_date (const char *text,
                GError    **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *full = NULL;

  if (text == NULL)
    return NULL;
  if (strlen (text) == 10)
    full = g_strconcat (text, "T00:00:00Z", NULL);
  else
    full = g_strdup (text);
  dt = g_date_time_new_from_iso8601 (full, NULL);
  if (dt == NULL)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date (YYYY-MM-DD or an ISO 8601 time)"), text);
      return NULL;
    }
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);
    return g_date_time_format_iso8601 (utc);
  }
}

int
lineup_cli_audit_export (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char   *since = NULL;
  g_autofree char   *until = NULL;
  LineupAuditFilter  filter = { 0 };
  JsonArray         *arr;
  int                ret;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("From this date or time (inclusive)"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Before this date or time"), N_("DATE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &filter.user, N_("Only entries by this user"), N_("NAME") },
    { "action", 0, 0, G_OPTION_ARG_STRING, &filter.action,
      N_("Only this action or family (e.g. search, review.approve)"), N_("ACTION") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &filter.case_number, N_("Only entries about this case"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("audit export", NULL,
                          _("Export audit entries, oldest first (supervisors and administrators). "
                            "The export itself is audited."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if ((since && !(filter.since = normalise_date (since, &error))) ||
      (until && !(filter.until = normalise_date (until, &error))))
    {
      lineup_audit_filter_clear (&filter);
      return lineup_cli_fail (error);
    }
  if (!lineup_cli_session (globals, &db, &user, &ret))
    {
      lineup_audit_filter_clear (&filter);
      return ret;
    }
  list = lineup_db_audit_list_sync (db, user, &filter, &error);
  lineup_audit_filter_clear (&filter);
  if (list == NULL)
    return lineup_cli_fail (error);
  if (globals->json)
    return lineup_cli_print_node (list);
  arr = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *details = NULL;

      json_generator_set_root (gen, json_object_get_member (o, "details"));
      details = json_generator_to_data (gen, NULL);
      g_print ("%6" G_GINT64_FORMAT "  %s  %-12s %-24s %s:%s %s\n", json_object_get_int_member (o, "seq"),
               json_object_get_string_member (o, "ts"),
               json_object_get_string_member_with_default (o, "user", "") ?: "",
               json_object_get_string_member (o, "action"),
               json_object_get_string_member_with_default (o, "object_type", "") ?: "",
               json_object_get_string_member_with_default (o, "object_id", "") ?: "", details);
    }
  return LINEUP_CLI_OK;
}

/* policy */

int
lineup_cli_offence_set (LineupCliGlobals *globals,
                        int               argc,
                        char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char   *label = NULL;
  gboolean           allow = FALSE, deny = FALSE;
  int                ret;
  const GOptionEntry entries[] = {
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("Label shown to users (required)"), N_("TEXT") },
    { "allow-search", 0, 0, G_OPTION_ARG_NONE, &allow, N_("Searches are allowed"), NULL },
    { "no-search", 0, 0, G_OPTION_ARG_NONE, &deny, N_("Searches are not allowed"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("offence set", "CODE", _("Add or change an offence category (administrators)."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 2 || label == NULL || allow == deny)
    return lineup_cli_usage ("offence set", _("give CODE, --label TEXT and one of --allow-search or --no-search"));
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  if (!lineup_db_offence_set_sync (db, user, argv[1], label, allow, &error))
    return lineup_cli_fail (error);
  g_print (_("Offence category %s saved.\n"), argv[1]);
  return LINEUP_CLI_OK;
}

int
lineup_cli_policy_show (LineupCliGlobals *globals,
                        int               argc,
                        char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(GError) error = NULL;
  LineupPolicy p;
  int          ret;

  ret = lineup_cli_parse ("policy show", NULL, _("Show the search policy."), NULL, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (!lineup_cli_session (globals, &db, NULL, &ret))
    return ret;
  if (!lineup_db_policy_get_sync (db, &p, &error))
    return lineup_cli_fail (error);
  g_print ("top_k_default %u\ntop_k_cap %u\nthreshold_default %.3f\nthreshold_max %.3f%s\ninclude_excluded %d\n",
           p.top_k_default, p.top_k_cap, p.threshold_default, p.threshold_max,
           p.threshold_max > 0 ? "" : _(" (no floor)"), p.include_excluded);
  return LINEUP_CLI_OK;
}

int
lineup_cli_policy_set (LineupCliGlobals *globals,
                       int               argc,
                       char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  ret = lineup_cli_parse ("policy set", "KEY VALUE",
                          _("Change a search policy setting (administrators): top_k_default, "
                            "top_k_cap, threshold_default, threshold_max (0 = no floor), "
                            "include_excluded (0/1)."),
                          NULL, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 3)
    return lineup_cli_usage ("policy set", _("give KEY and VALUE"));
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  if (!lineup_db_policy_set_sync (db, user, argv[1], argv[2], &error))
    return lineup_cli_fail (error);
  g_print (_("Policy %s = %s\n"), argv[1], argv[2]);
  return LINEUP_CLI_OK;
}
