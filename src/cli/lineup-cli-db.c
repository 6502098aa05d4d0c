/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-cli-db.c: `lineup-cli db …`, the database's own commands. */
#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"

int
lineup_cli_db_info (LineupCliGlobals *globals,
                    int               argc,
                    char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupDbInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int                ret;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("db info", NULL,
                          _("Show the database's path, schema version and row counts. "
                            "The database is created on first use."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc > 1)
    {
      g_printerr (_("lineup-cli db info: unexpected argument “%s”\n"), argv[1]);
      return LINEUP_CLI_USAGE;
    }

  db = lineup_cli_open_db (globals, &error);
  if (db == NULL || (info = lineup_db_get_info_sync (db, NULL, &error)) == NULL)
    return lineup_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, info->path);
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, info->schema_version);
      json_builder_set_member_name (b, "schema_latest");
      json_builder_add_int_value (b, info->schema_latest);
      json_builder_set_member_name (b, "journal_mode");
      json_builder_add_string_value (b, info->journal_mode);
      json_builder_set_member_name (b, "foreign_keys");
      json_builder_add_boolean_value (b, info->foreign_keys);
      json_builder_set_member_name (b, "file_bytes");
      json_builder_add_int_value (b, info->file_bytes);
      json_builder_set_member_name (b, "counts");
      json_builder_begin_object (b);
#define ADD_COUNT(field)                    \
  json_builder_set_member_name (b, #field); \
  json_builder_add_int_value (b, info->field);
      ADD_COUNT (subjects)
      ADD_COUNT (bookings)
      ADD_COUNT (photos)
      ADD_COUNT (faces)
      ADD_COUNT (cases)
      ADD_COUNT (searches)
      ADD_COUNT (users)
      ADD_COUNT (audit_entries)
#undef ADD_COUNT
      json_builder_end_object (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      lineup_cli_print_json (root);
    }
  else
    {
      g_print ("%-16s %s\n", _("Database:"), info->path);
      g_print ("%-16s %d (%s %d)\n", _("Schema version:"), info->schema_version,
               _("latest"), info->schema_latest);
      g_print ("%-16s %s\n", _("Journal mode:"), info->journal_mode);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Subjects:"), info->subjects);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Bookings:"), info->bookings);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Photos:"), info->photos);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Faces:"), info->faces);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Cases:"), info->cases);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Searches:"), info->searches);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Users:"), info->users);
      g_print ("%-16s %" G_GINT64_FORMAT "\n", _("Audit entries:"), info->audit_entries);
    }
  return LINEUP_CLI_OK;
}
