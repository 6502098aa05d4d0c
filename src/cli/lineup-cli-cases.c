/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-cli-cases.c: accounts, cases, search, decisions, reviews and
 * reports from the command line (the audit log and the policy are in
 * lineup-cli-admin.c). Every command that acts signs in first; the core
 * checks the role and audits. */
#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lineup-cli-private.h"

gboolean
lineup_cli_session (LineupCliGlobals *globals,
                    LineupDb        **db,
                    LineupUser      **user,
                    int              *ret)
{
  g_autoptr(GError) error = NULL;

  if (!(*db = lineup_cli_open_db (globals, &error)) ||
      (user != NULL && !(*user = lineup_cli_sign_in (globals, *db, &error))))
    {
      *ret = lineup_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

int
lineup_cli_usage (const char *command,
                  const char *what)
{
  g_printerr ("lineup-cli %s: %s\n", command, what);
  g_printerr (_("Run “lineup-cli %s --help” for usage.\n"), command);
  return LINEUP_CLI_USAGE;
}

int
lineup_cli_print_node (JsonNode *node)
{
  lineup_cli_print_json (node);
  return LINEUP_CLI_OK;
}

/* Listing commands: fetch a JSON array (signed in or not), print it as JSON
 * or one line per element. */
typedef JsonNode *(*ListFunc) (LineupDb   *db,
                               LineupUser *user,
                               GError    **error);
typedef void (*RowFunc) (JsonObject *row);

static int
list_command (LineupCliGlobals *globals,
              int               argc,
              char            **argv,
              const char       *command,
              const char       *summary,
              gboolean          sign_in,
              ListFunc          list_func,
              RowFunc           row_func)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray         *arr;
  int                ret;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse (command, NULL, summary, entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (!lineup_cli_session (globals, &db, sign_in ? &user : NULL, &ret))
    return ret;
  if (!(list = list_func (db, user, &error)))
    return lineup_cli_fail (error);
  if (globals->json)
    return lineup_cli_print_node (list);
  arr = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    row_func (json_array_get_object_element (arr, i));
  return LINEUP_CLI_OK;
}

static void
user_row (JsonObject *o)
{
  g_print ("%-20s %-36s %s%s\n", json_object_get_string_member (o, "name"),
           json_object_get_string_member (o, "roles"),
           json_object_get_boolean_member (o, "disabled") ? _("disabled") : _("active"),
           json_object_get_null_member (o, "locked_until") ? "" : _(" (locked)"));
}

int
lineup_cli_user_list (LineupCliGlobals *globals,
                      int               argc,
                      char            **argv)
{
  return list_command (globals, argc, argv, "user list", _("List accounts (administrators only)."), TRUE,
                       lineup_db_user_list_sync, user_row);
}

static JsonNode *
case_list (LineupDb   *db,
           LineupUser *user,
           GError    **error)
{
  g_autoptr(GListModel) cases = lineup_db_case_list_sync (db, user, error);

  return cases ? lineup_case_list_to_json (cases) : NULL;
}

static void
case_row (JsonObject *o)
{
  g_print ("%-16s %-14s %-16s %3" G_GINT64_FORMAT " %s\n", json_object_get_string_member (o, "number"),
           json_object_get_string_member (o, "status"), json_object_get_string_member (o, "offence"),
           json_object_get_int_member (o, "searches"), _("searches"));
}

int
lineup_cli_case_list (LineupCliGlobals *globals,
                      int               argc,
                      char            **argv)
{
  return list_command (globals, argc, argv, "case list", _("List cases, open ones first."), TRUE,
                       case_list, case_row);
}

static JsonNode *
review_queue (LineupDb   *db,
              LineupUser *user,
              GError    **error)
{
  g_autoptr(GListModel) entries = lineup_db_review_queue_sync (db, user, error);

  return entries ? lineup_queue_entry_list_to_json (entries) : NULL;
}

static void
queue_row (JsonObject *o)
{
  g_print ("%5" G_GINT64_FORMAT "  %-14s %-12s %s%s\n", json_object_get_int_member (o, "decision_id"),
           json_object_get_string_member (o, "case"), json_object_get_string_member (o, "author"),
           json_object_get_string_member (o, "booking_number"),
           json_object_get_boolean_member (o, "own") ? _(" (yours: another supervisor must review)") : "");
}

int
lineup_cli_review_queue (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  return list_command (globals, argc, argv, "review queue", _("Possible leads waiting for review (supervisors)."),
                       TRUE, review_queue, queue_row);
}

static JsonNode *
offences (LineupDb   *db,
          LineupUser *user,
          GError    **error)
{
  return lineup_db_offences_list_sync (db, error);
}

static void
offence_row (JsonObject *o)
{
  g_print ("%-18s %-24s %s\n", json_object_get_string_member (o, "code"), json_object_get_string_member (o, "label"),
           json_object_get_boolean_member (o, "search_allowed") ? _("search allowed") : _("no search"));
}

int
lineup_cli_offence_list (LineupCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  return list_command (globals, argc, argv, "offence list",
                       _("List offence categories and whether they allow search."), FALSE, offences, offence_row);
}

/* users */

static char *
new_password (GError **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (g_getenv ("LINEUP_NEW_PASSWORD"))
    return g_strdup (g_getenv ("LINEUP_NEW_PASSWORD"));
  if (!(a = lineup_cli_read_password (NULL, _("New password: "), error)) ||
      !(b = lineup_cli_read_password (NULL, _("Repeat it: "), error)))
    return NULL;
  if (strcmp (a, b) != 0)
    {
      g_set_error_literal (error, LINEUP_ERROR, LINEUP_ERROR_AUTH, _("The passwords differ"));
      return NULL;
    }
  return g_steal_pointer (&a);
}

static gboolean
parse_roles (char       **roles_opt,
             LineupRoles *roles,
             GError     **error)
{
  g_autofree char *joined = roles_opt ? g_strjoinv (" ", roles_opt) : g_strdup ("");
  return lineup_roles_from_string (joined, roles, error);
}

int
lineup_cli_user_init (LineupCliGlobals *globals,
                      int               argc,
                      char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  g_autofree char *password = NULL;
  g_auto(GStrv) also = NULL;
  LineupRoles        extra = 0;
  int                ret;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The administrator's account name"), N_("NAME") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display, N_("Full name"), N_("TEXT") },
    { "also", 0, 0, G_OPTION_ARG_STRING_ARRAY, &also,
      N_("Extra roles for a one-person workstation (clerk, detective, supervisor)"), N_("ROLE") },
    { NULL }
  };

  ret = lineup_cli_parse ("user init", NULL,
                          _("Create the first administrator. There is no default password: it "
                            "comes from $LINEUP_NEW_PASSWORD or is asked for twice."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (name == NULL || argc != 1)
    return lineup_cli_usage ("user init", _("give --name NAME"));
  if (!parse_roles (also, &extra, &error) || !(password = new_password (&error)))
    return lineup_cli_fail (error);
  if (!lineup_cli_session (globals, &db, NULL, &ret))
    return ret;
  if (!(user = lineup_db_user_init_sync (db, name, display, password, extra, &error)))
    return lineup_cli_fail (error);
  {
    g_autofree char *roles = lineup_roles_to_string (lineup_user_get_roles (user));
    g_print (_("Created the administrator “%s” (roles: %s).\n"), name, roles);
  }
  return LINEUP_CLI_OK;
}

int
lineup_cli_user_add (LineupCliGlobals *globals,
                     int               argc,
                     char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(LineupUser) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *password = NULL;
  g_auto(GStrv) role_opt = NULL;
  LineupRoles        roles = 0;
  int                ret;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &role_opt,
      N_("clerk, detective, supervisor or administrator (repeat for more)"), N_("ROLE") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display, N_("Full name"), N_("TEXT") },
    { NULL }
  };

  ret = lineup_cli_parse ("user add", "NAME",
                          _("Add an account (administrators only). Its first password comes from "
                            "$LINEUP_NEW_PASSWORD or is asked for twice."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 2 || role_opt == NULL)
    return lineup_cli_usage ("user add", _("give the account NAME and at least one --role"));
  if (!parse_roles (role_opt, &roles, &error))
    return lineup_cli_fail (error);
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  if (!(password = new_password (&error)) ||
      !(added = lineup_db_user_add_sync (db, user, argv[1], display, roles, password, &error)))
    return lineup_cli_fail (error);
  {
    g_autofree char *r = lineup_roles_to_string (roles);
    g_print (_("Added “%s” (roles: %s).\n"), argv[1], r);
  }
  return LINEUP_CLI_OK;
}

static int
user_set_disabled (LineupCliGlobals *globals,
                   int               argc,
                   char            **argv,
                   gboolean          disabled)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  const char *command = disabled ? "user disable" : "user enable";
  int         ret;

  ret = lineup_cli_parse (command, "NAME",
                          disabled ? _("Disable an account: it can no longer sign in; its work stays.")
                                   : _("Enable a disabled account and clear its sign-in lock."),
                          NULL, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 2)
    return lineup_cli_usage (command, _("give one account NAME"));
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  if (!lineup_db_user_disable_sync (db, user, argv[1], disabled, &error))
    return lineup_cli_fail (error);
  g_print (disabled ? _("Disabled “%s”.\n") : _("Enabled “%s”.\n"), argv[1]);
  return LINEUP_CLI_OK;
}

int
lineup_cli_user_disable (LineupCliGlobals *globals, int argc, char **argv)
{
  return user_set_disabled (globals, argc, argv, TRUE);
}

int
lineup_cli_user_enable (LineupCliGlobals *globals, int argc, char **argv)
{
  return user_set_disabled (globals, argc, argv, FALSE);
}

/* cases */

int
lineup_cli_case_new (LineupCliGlobals *globals,
                     int               argc,
                     char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupCase) kase = NULL;
  g_autofree char   *number = NULL;
  g_autofree char   *offence = NULL;
  g_autofree char   *reason = NULL;
  int                ret;
  const GOptionEntry entries[] = {
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("Case number (required)"), N_("N") },
    { "offence", 0, 0, G_OPTION_ARG_STRING, &offence,
      N_("Offence category code (required; see “offence list”)"), N_("CODE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why a face search is needed (required)"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("case new", NULL,
                          _("Open a case. Every search runs inside a case with its offence "
                            "category and a written reason."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 1)
    return lineup_cli_usage ("case new", _("unexpected arguments"));
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  /* Missing parts go to the core too, so the refusal is audited. */
  if (!(kase = lineup_db_case_new_sync (db, user, number, offence, reason, &error)))
    return lineup_cli_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = lineup_case_to_json (kase);
      return lineup_cli_print_node (node);
    }
  g_print (_("Opened case %s (%s).\n"), number, lineup_case_get_offence_label (kase));
  return LINEUP_CLI_OK;
}

static LineupDossier *
dossier (LineupCliGlobals *globals,
         const char       *command,
         int              *argc,
         char           ***argv,
         const char       *params,
         const char       *summary,
         char            **output,
         int              *ret)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char   *number = NULL;
  LineupDossier     *node;
  const GOptionEntry with_output[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &number, N_("Case number (required)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, output, N_("Where to write (required)"), N_("PATH") },
    { NULL }
  };
  const GOptionEntry without[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &number, N_("Case number (required)"), N_("N") },
    { NULL }
  };

  *ret = lineup_cli_parse (command, params, summary, output ? with_output : without, globals, argc, argv);
  if (*ret >= 0)
    return NULL;
  if (number == NULL && *argc == 2 && output == NULL)
    number = g_strdup ((*argv)[1]);
  if (number == NULL || (output != NULL && *output == NULL))
    {
      *ret = lineup_cli_usage (command, output ? _("give --case N and --output PATH") : _("give the case number"));
      return NULL;
    }
  if (!lineup_cli_session (globals, &db, &user, ret))
    return NULL;
  if (!(node = lineup_db_case_dossier_sync (db, user, number, &error)))
    *ret = lineup_cli_fail (error);
  return node;
}

int
lineup_cli_case_show (LineupCliGlobals *globals,
                      int               argc,
                      char            **argv)
{
  int ret;
  g_autoptr(LineupDossier) node = dossier (globals, "case show", &argc, &argv, "[N]",
                                            _("Everything about a case as JSON: probes and their edits, "
                                              "searches (no-hits too) with every candidate, decisions and "
                                              "reviews."),
                                            NULL, &ret);
  g_autoptr(JsonNode) json = node ? lineup_dossier_to_json (node) : NULL;

  return json ? lineup_cli_print_node (json) : ret;
}

int
lineup_cli_report (LineupCliGlobals *globals,
                   int               argc,
                   char            **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;
  int ret;
  g_autoptr(LineupDossier) node = dossier (globals, "report", &argc, &argv, NULL,
                                            _("Write the investigative lead report of a case as a PDF."),
                                            &output, &ret);
  if (node == NULL)
    return ret;
  data_dir = lineup_paths_resolve_data_dir (globals->data_dir);
  if (!lineup_report_write_pdf (node, data_dir, output, &error))
    return lineup_cli_fail (error);
  g_print (_("Wrote %s\n"), output);
  return LINEUP_CLI_OK;
}

int
lineup_cli_disclose (LineupCliGlobals *globals,
                     int               argc,
                     char            **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;
  int ret;
  g_autoptr(LineupDossier) node = dossier (globals, "disclose", &argc, &argv, NULL,
                                            _("Write a case's disclosure package into a new folder: the "
                                              "report, the original and edited probes and everything as "
                                              "JSON, with SHA256SUMS."),
                                            &output, &ret);
  if (node == NULL)
    return ret;
  data_dir = lineup_paths_resolve_data_dir (globals->data_dir);
  if (!lineup_report_write_disclosure (node, data_dir, output, &error))
    return lineup_cli_fail (error);
  g_print (_("Wrote %s\n"), output);
  return LINEUP_CLI_OK;
}

/* search */

static gboolean
parse_box (const char *text,
           LineupBox  *box)
{
  g_auto(GStrv) p = g_strsplit (text, ",", -1);

  if (g_strv_length (p) != 4)
    return FALSE;
  box->left = g_ascii_strtod (p[0], NULL);
  box->top = g_ascii_strtod (p[1], NULL);
  box->right = g_ascii_strtod (p[2], NULL);
  box->bottom = g_ascii_strtod (p[3], NULL);
  return box->right > box->left && box->bottom > box->top;
}

int
lineup_cli_search (LineupCliGlobals *globals,
                   int               argc,
                   char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupEngine) engine = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(LineupProbeRecord) probe = NULL;
  g_autoptr(LineupSearch) result = NULL;
  g_autofree char    *number = NULL;
  g_autofree char    *source_text = NULL;
  g_autofree char    *box_text = NULL;
  g_autofree char    *model_dir = NULL;
  g_autofree char    *data_dir = NULL;
  LineupSearchRequest req = { 0 };
  LineupDetectOptions options;
  LineupProbeSource   source;
  LineupFace         *face = NULL;
  g_autoptr(LineupFace) box_face = NULL;
  int                face_index = -1, top = 0, ret;
  double             threshold = 0;
  GListModel        *cands;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &number, N_("Case number (required)"), N_("N") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_text,
      N_("Where the probe comes from: surveillance, witness, social_media, other (required)"), N_("TYPE") },
    { "face", 0, 0, G_OPTION_ARG_INT, &face_index,
      N_("Which detected face to search, as numbered by “detect” (default: the only or largest)"), N_("I") },
    { "box", 0, 0, G_OPTION_ARG_STRING, &box_text,
      N_("Search the face in this box instead (left,top,right,bottom px)"), N_("L,T,R,B") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("How many candidates (default and cap: the policy)"), N_("K") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Largest distance listed (default: the policy)"), N_("D") },
    { "model-dir", 0, 0, G_OPTION_ARG_FILENAME, &model_dir, N_("Where the face models are"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("search", "IMAGE",
                          _("Search the gallery with one face of a probe image, inside a case. The "
                            "search, the probe and every candidate are stored and audited. "
                            "Candidates are investigative leads, never identifications."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (argc != 2 || number == NULL || source_text == NULL || top < 0 || threshold < 0)
    return lineup_cli_usage ("search", _("give --case N, --source TYPE and one IMAGE"));
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  if (!lineup_probe_source_from_string (source_text, &source, &error))
    {
      if (g_error_matches (error, LINEUP_ERROR, LINEUP_ERROR_POLICY))
        lineup_db_audit_refusal_sync (db, user, "case", number, error->message, NULL);
      return lineup_cli_fail (error);
    }
  if (model_dir == NULL)
    model_dir = lineup_paths_model_dir ();
  data_dir = lineup_paths_resolve_data_dir (globals->data_dir);
  lineup_detect_options_init_default (&options);
  if (!(image = lineup_image_new_from_file (argv[1], LINEUP_IMAGE_DEFAULT_MAX_PIXELS, &error)) ||
      !(engine = lineup_engine_new (model_dir, &error)) ||
      !(probe = lineup_db_probe_add_sync (db, user, data_dir, number, source, image, &error)))
    return lineup_cli_fail (error);

  if (box_text != NULL)
    {
      LineupBox box;
      if (!parse_box (box_text, &box))
        return lineup_cli_usage ("search", _("--box wants left,top,right,bottom with right > left, bottom > top"));
      if (!(face = box_face = lineup_engine_describe_box (engine, image, &box, &options, &error)))
        return lineup_cli_fail (error);
    }
  else
    {
      if (!(faces = lineup_engine_detect (engine, image, &options, &error)))
        return lineup_cli_fail (error);
      if (faces->len == 0)
        {
          g_printerr (_("lineup-cli: %s: no face found; give --box where the face is\n"), argv[1]);
          return LINEUP_CLI_FAILURE;
        }
      if (face_index >= (int)faces->len)
        {
          g_printerr (_("lineup-cli: %s has %u faces (0 to %u)\n"), argv[1], faces->len, faces->len - 1);
          return LINEUP_CLI_USAGE;
        }
      face = face_index >= 0 ? faces->pdata[face_index] : lineup_faces_largest (faces);
      if (face_index < 0 && faces->len > 1)
        g_printerr (_("lineup-cli: %s has %u faces; searching the largest (choose with --face)\n"),
                    argv[1], faces->len);
    }
  if (!lineup_face_is_acceptable (face))
    {
      g_autofree char *reasons = g_strjoinv (", ", (GStrv)lineup_face_get_reasons (face));
      g_printerr (_("lineup-cli: warning: low-quality probe face (%s): expect weaker candidates\n"), reasons);
    }

  req.case_number = number;
  req.probe_id = lineup_probe_record_get_id (probe);
  req.face = face;
  req.model_sha256 = lineup_engine_get_model_sha256 (engine);
  req.top_k = top;
  req.threshold = threshold;
  result = lineup_db_search_sync (db, user, &req, &error);
  req.case_number = NULL;
  req.face = NULL;
  if (result == NULL)
    return lineup_cli_fail (error);

  cands = lineup_search_get_candidates (result);
  if (globals->json)
    {
      /* The documented shape for scripts. */
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) out = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "search_id");
      json_builder_add_int_value (b, lineup_search_get_search_id (result));
      json_builder_set_member_name (b, "case");
      json_builder_add_string_value (b, number);
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, lineup_search_get_model (result));
      json_builder_set_member_name (b, "threshold");
      json_builder_add_double_value (b, lineup_search_get_threshold (result));
      json_builder_set_member_name (b, "candidates");
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (cands); i++)
        {
          g_autoptr(LineupCandidate) c = g_list_model_get_item (cands, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rank");
          json_builder_add_int_value (b, lineup_candidate_get_rank (c));
          json_builder_set_member_name (b, "distance");
          json_builder_add_double_value (b, lineup_candidate_get_distance (c));
          json_builder_set_member_name (b, "similarity");
          json_builder_add_double_value (b, lineup_candidate_get_similarity (c));
          json_builder_set_member_name (b, "subject");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, lineup_candidate_get_subject_id (c));
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, lineup_candidate_get_label (c));
          json_builder_end_object (b);
          json_builder_set_member_name (b, "booking_number");
          json_builder_add_string_value (b, lineup_candidate_get_booking_number (c));
          json_builder_set_member_name (b, "photo_sha256");
          json_builder_add_string_value (b, lineup_candidate_get_photo_sha256 (c));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      out = json_builder_get_root (b);
      return lineup_cli_print_node (out);
    }

  g_print (_("Search %" G_GINT64_FORMAT " in case %s: %u candidate(s) within distance %.2f of %" G_GINT64_FORMAT " faces.\n"),
           lineup_search_get_search_id (result), number, g_list_model_get_n_items (cands),
           lineup_search_get_threshold (result), lineup_search_get_gallery_size (result));
  for (guint i = 0; i < g_list_model_get_n_items (cands); i++)
    {
      g_autoptr(LineupCandidate) c = g_list_model_get_item (cands, i);
      g_print ("%3" G_GINT64_FORMAT "  %.4f  %.4f  %-20s %s\n", lineup_candidate_get_rank (c),
               lineup_candidate_get_distance (c), lineup_candidate_get_similarity (c),
               lineup_candidate_get_booking_number (c), lineup_candidate_get_label (c));
    }
  g_print ("%s\n", _(LINEUP_LEAD_STATEMENT));
  return LINEUP_CLI_OK;
}

/* decisions and reviews */

int
lineup_cli_decide (LineupCliGlobals *globals,
                   int               argc,
                   char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDecision) node = NULL;
  g_autofree char   *decision_text = NULL;
  g_autofree char   *note = NULL;
  gint64             search_id = 0;
  int                rank = 0, ret;
  LineupDecisionKind decision;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_INT64, &search_id, N_("Search id (required)"), N_("ID") },
    { "rank", 0, 0, G_OPTION_ARG_INT, &rank, N_("Candidate rank (required)"), N_("R") },
    { "decision", 0, 0, G_OPTION_ARG_STRING, &decision_text,
      N_("possible_lead, not_a_match or inconclusive (required)"), N_("D") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What the decision rests on (required)"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("decide", NULL,
                          _("Record a decision on a candidate with a note. A possible lead goes to "
                            "a supervisor for review."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (search_id <= 0 || rank <= 0 || decision_text == NULL)
    return lineup_cli_usage ("decide", _("give --search ID, --rank R, --decision D and --note TEXT"));
  if (!lineup_decision_from_string (decision_text, &decision, &error))
    return lineup_cli_fail (error);
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  if (!(node = lineup_db_decide_sync (db, user, search_id, rank, decision, note, &error)))
    return lineup_cli_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) json = lineup_decision_to_json (node);
      return lineup_cli_print_node (json);
    }
  g_print (_("Recorded decision %" G_GINT64_FORMAT ": %s.\n"), lineup_decision_get_id (node),
           lineup_decision_label (decision));
  return LINEUP_CLI_OK;
}

int
lineup_cli_review (LineupCliGlobals *globals,
                   int               argc,
                   char            **argv)
{
  g_autoptr(LineupDb) db = NULL;
  g_autoptr(LineupUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupReview) node = NULL;
  g_autofree char   *comment = NULL;
  gint64             decision_id = 0;
  gboolean           approve = FALSE, reject = FALSE;
  int                ret;
  const GOptionEntry entries[] = {
    { "decision", 0, 0, G_OPTION_ARG_INT64, &decision_id, N_("Decision id (required)"), N_("ID") },
    { "approve", 0, 0, G_OPTION_ARG_NONE, &approve, N_("Approve the lead"), NULL },
    { "reject", 0, 0, G_OPTION_ARG_NONE, &reject, N_("Reject the lead"), NULL },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Why (required)"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json, N_("Print JSON"), NULL },
    { NULL }
  };

  ret = lineup_cli_parse ("review", NULL,
                          _("Approve or reject a possible lead (supervisors; never your own)."),
                          entries, globals, &argc, &argv);
  if (ret >= 0)
    return ret;
  if (decision_id <= 0 || approve == reject)
    return lineup_cli_usage ("review", _("give --decision ID, one of --approve or --reject, and --comment TEXT"));
  if (!lineup_cli_session (globals, &db, &user, &ret))
    return ret;
  if (!(node = lineup_db_review_sync (db, user, decision_id, approve, comment, &error)))
    return lineup_cli_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) json = lineup_review_to_json (node);
      return lineup_cli_print_node (json);
    }
  g_print (_("Decision %" G_GINT64_FORMAT " %s; case %s is now %s.\n"), decision_id,
           approve ? _("approved") : _("rejected"), lineup_review_get_case_number (node),
           lineup_review_get_case_status (node));
  return LINEUP_CLI_OK;
}
