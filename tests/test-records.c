/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-records.c: the core's typed records: their JSON is the documented
 * shape member for member, reading it back gives the same record, one box
 * type and one landmarks format whatever the JSON spelling, and hostile
 * input reads as empty instead of failing. */
#include "config.h"

#include "lineup-core.h"
#include "lineup-records-private.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* Member names of an object, in order, joined by commas. */
static char *
members (JsonNode *node)
{
  g_autoptr(GList) names = json_object_get_members (json_node_get_object (node));
  g_autoptr(GString) out = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (out, "%s%s", out->len ? "," : "", (const char *)l->data);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char search_json[] =
  "{\"search_id\":21,\"case\":\"C-1\",\"probe_id\":11,\"probe_sha256\":\"ab\",\"edit_seq\":1,"
  " \"model\":\"dlib-resnet-v1\",\"model_sha256\":\"cd\",\"threshold\":0.6,\"top_k\":10,\"gallery_size\":3,"
  " \"no_hit\":false,\"created_at\":\"2024-05-03T09:25:00.000Z\",\"user\":\"det\","
  " \"probe_face\":{\"box\":{\"left\":10.0,\"top\":20.0,\"right\":110.0,\"bottom\":140.0},\"score\":1.5,"
  "  \"detector\":\"hog\",\"landmarks\":[[11.5,21.0],[12.0,22.5]],\"quality\":{\"yaw\":1.0},\"reasons\":\"\","
  "  \"model\":\"dlib-resnet-v1\"},"
  " \"probe_edits\":[{\"seq\":1,\"op\":\"mirror\",\"params\":{}}],"
  " \"candidates\":["
  "  {\"rank\":1,\"distance\":0.3812,\"similarity\":0.6188,\"face_id\":501,"
  "   \"subject\":{\"id\":\"s-1\",\"label\":\"Doe, John\",\"person_id\":\"P1\"},\"booking_number\":\"B-1\","
  "   \"photo_sha256\":\"ef\",\"booking_date\":\"2019-02-11\",\"box\":[70.0,65.0,180.0,185.0],"
  "   \"landmarks\":[1.5,2.5,3.5,4.5]},"
  "  {\"rank\":2,\"distance\":0.4,\"similarity\":0.6,\"face_id\":null,"
  "   \"subject\":{\"id\":\"s-2\",\"label\":\"(purged)\",\"person_id\":null},\"booking_number\":\"B-2\","
  "   \"photo_sha256\":\"01\",\"booking_date\":null,\"box\":[]},"
  "  {\"rank\":3,\"distance\":0.45,\"similarity\":0.55,\"face_id\":503,"
  "   \"subject\":{\"id\":\"s-1\",\"label\":\"Doe, John\",\"person_id\":\"P1\"},\"booking_number\":\"B-3\","
  "   \"photo_sha256\":\"23\",\"booking_date\":null,\"box\":[1.0,2.0,3.0,4.0]}],"
  " \"groups\":[{\"subject_id\":\"s-1\",\"label\":\"Doe, John\",\"best_rank\":1,\"best_distance\":0.3812,"
  "   \"matches\":2},{\"subject_id\":\"s-2\",\"label\":\"(purged)\",\"best_rank\":2,\"best_distance\":0.4,"
  "   \"matches\":1}],"
  " \"decisions\":[{\"id\":31,\"rank\":1,\"decision\":\"possible_lead\",\"note\":\"scar\",\"user\":\"det\","
  "   \"created_at\":\"t1\",\"review\":{\"verdict\":\"approved\",\"comment\":\"ok\",\"user\":\"sgt\","
  "   \"created_at\":\"t2\"}},{\"id\":32,\"rank\":1,\"decision\":\"inconclusive\",\"note\":\"n\","
  "   \"user\":\"det\",\"created_at\":\"t3\",\"review\":null}]}";

static void
test_search_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (search_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupSearch) search = lineup_search_new_from_json (node, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(LineupCandidate) first = NULL;
  g_autoptr(LineupCandidate) purged = NULL;
  g_autoptr(LineupDecision) lead = NULL;
  g_autofree char *names = NULL;
  const LineupPoint *pts;
  const LineupBox *box;
  LineupDecisionKind kind;
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (search);
  again = lineup_search_to_json (search);
  g_assert_true (json_node_equal (again, node));
  /* The documented order, which the CLI's --json prints. */
  names = members (again);
  g_assert_cmpstr (names, ==,
                   "search_id,case,probe_id,probe_sha256,edit_seq,model,model_sha256,threshold,top_k,"
                   "gallery_size,no_hit,created_at,user,probe_face,probe_edits,candidates,groups,decisions");

  g_assert_cmpint (lineup_search_get_search_id (search), ==, 21);
  g_assert_cmpfloat (lineup_search_get_threshold (search), ==, 0.6);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_get_candidates (search)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_get_probe_edits (search)), ==, 1);

  /* The probe face's box is an object and its landmarks are pairs; the
   * candidate's box is an array and its landmarks are flat: the records
   * have one box type and one point array. */
  box = lineup_search_get_probe_box (search);
  g_assert_nonnull (box);
  g_assert_cmpfloat (box->left, ==, 10);
  g_assert_cmpfloat (box->bottom, ==, 140);
  pts = lineup_search_get_probe_landmarks (search, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (pts[0].x, ==, 11.5);
  g_assert_cmpfloat (pts[1].y, ==, 22.5);

  first = g_list_model_get_item (lineup_search_get_candidates (search), 0);
  box = lineup_candidate_get_box (first);
  g_assert_nonnull (box);
  g_assert_cmpfloat (box->left, ==, 70);
  g_assert_cmpfloat (box->right, ==, 180);
  pts = lineup_candidate_get_landmarks (first, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (pts[1].x, ==, 3.5);
  g_assert_cmpfloat (pts[1].y, ==, 4.5);
  g_assert_cmpstr (lineup_candidate_get_subject_id (first), ==, "s-1");

  /* Purged: no box ([] in the JSON), no landmarks, face_id null. */
  purged = g_list_model_get_item (lineup_search_get_candidates (search), 1);
  g_assert_null (lineup_candidate_get_box (purged));
  g_assert_null (lineup_candidate_get_landmarks (purged, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (lineup_candidate_get_face_id (purged), ==, 0);
  {
    g_autoptr(JsonNode) c = lineup_candidate_to_json (purged);
    JsonObject *o = json_node_get_object (c);

    g_assert_true (json_object_get_null_member (o, "face_id"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "box")), ==, 0);
    g_assert_false (json_object_has_member (o, "landmarks"));
  }

  lead = g_list_model_get_item (lineup_search_get_decisions (search), 0);
  g_assert_true (lineup_decision_get_kind (lead, &kind));
  g_assert_cmpint (kind, ==, LINEUP_DECISION_POSSIBLE_LEAD);
  g_assert_nonnull (lineup_decision_get_review (lead));
  g_assert_true (lineup_review_is_approved (lineup_decision_get_review (lead)));
}

/* Without "decisions" (as lineup_db_search returns it) none are made up. */
static void
test_search_without_decisions (void)
{
  g_autoptr(JsonNode) node = parse (search_json);
  g_autoptr(LineupSearch) search = NULL;
  g_autoptr(JsonNode) again = NULL;

  json_object_remove_member (json_node_get_object (node), "decisions");
  search = lineup_search_new_from_json (node, NULL);
  g_assert_null (lineup_search_get_decisions (search));
  again = lineup_search_to_json (search);
  g_assert_false (json_object_has_member (json_node_get_object (again), "decisions"));
  g_assert_true (json_node_equal (again, node));
}

static void
test_decision_and_review_shapes (void)
{
  g_autoptr(JsonNode) d = parse ("{\"id\":5,\"search_id\":2,\"rank\":3,\"decision\":\"not_a_match\","
                                 "\"note\":\"jaw\",\"user\":\"det\",\"created_at\":\"t\",\"booking_number\":\"B-9\"}");
  g_autoptr(JsonNode) r = parse ("{\"decision_id\":5,\"case\":\"C-1\",\"verdict\":\"rejected\",\"comment\":\"no\","
                                 "\"user\":\"sgt\",\"case_status\":\"open\"}");
  g_autoptr(LineupDecision) decision = lineup_decision_new_from_json (d, NULL);
  g_autoptr(LineupReview) review = lineup_review_new_from_json (r, NULL);
  g_autoptr(JsonNode) d2 = lineup_decision_to_json (decision);
  g_autoptr(JsonNode) r2 = lineup_review_to_json (review);
  g_autofree char *dn = members (d2);
  g_autofree char *rn = members (r2);

  g_assert_true (json_node_equal (d2, d));
  g_assert_true (json_node_equal (r2, r));
  g_assert_cmpstr (dn, ==, "id,search_id,rank,decision,note,user,created_at,booking_number");
  g_assert_cmpstr (rn, ==, "decision_id,case,verdict,comment,user,case_status");
  g_assert_false (lineup_review_is_approved (review));
}

static void
test_probe_shapes (void)
{
  g_autoptr(JsonNode) added = parse ("{\"id\":4,\"case\":\"C-1\",\"sha256\":\"ab\",\"source\":\"witness\","
                                     "\"original_name\":null}");
  g_autoptr(JsonNode) told = parse ("{\"id\":4,\"sha256\":\"ab\",\"source\":\"sketch\",\"original_name\":\"a.jpg\","
                                    "\"user\":\"det\",\"created_at\":\"t\",\"edits\":[{\"seq\":1,\"op\":\"rotate\","
                                    "\"params\":{\"degrees\":90},\"user\":\"det\",\"created_at\":\"t1\"}],"
                                    "\"removed_edits\":[{\"seq\":2,\"op\":\"mirror\",\"params\":{},\"user\":\"det\","
                                    "\"created_at\":\"t2\"}]}");
  g_autoptr(LineupProbeRecord) a = lineup_probe_record_new_from_json (added, NULL);
  g_autoptr(LineupProbeRecord) t = lineup_probe_record_new_from_json (told, NULL);
  g_autoptr(JsonNode) a2 = lineup_probe_record_to_json (a);
  g_autoptr(JsonNode) t2 = lineup_probe_record_to_json (t);
  g_autoptr(JsonArray) steps = NULL;
  LineupProbeSource source;

  g_assert_true (json_node_equal (a2, added));
  g_assert_true (json_node_equal (t2, told));
  g_assert_null (lineup_probe_record_get_edits (a));
  g_assert_true (lineup_probe_record_get_source_kind (a, &source));
  g_assert_cmpint (source, ==, LINEUP_SOURCE_WITNESS);
  g_assert_false (lineup_probe_record_get_source_kind (t, &source));
  /* The steps as lineup_probe_apply_edits takes them. */
  steps = lineup_probe_edit_list_to_steps (lineup_probe_record_get_edits (t));
  g_assert_cmpuint (json_array_get_length (steps), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0), "op"), ==, "rotate");
}

/* A dossier that is not an object is refused; anything else is read, odd
 * members as empty and list elements that are not objects left out. */
static void
test_dossier_lenient (void)
{
  g_autoptr(JsonNode) array = parse ("[1,2]");
  g_autoptr(JsonNode) odd = parse ("{\"case\":5,\"probes\":[1,null,{\"id\":\"7\",\"edits\":\"x\"}],"
                                   "\"searches\":[{\"threshold\":\"0.5\",\"no_hit\":\"true\",\"candidates\":[1,"
                                   "{\"rank\":\"2\",\"box\":[\"a\",2,3,4],\"subject\":3}]}],\"statement\":3}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupDossier) none = lineup_dossier_new_from_json (array, &error);
  g_autoptr(LineupDossier) dossier = NULL;
  g_autoptr(LineupProbeRecord) probe = NULL;
  g_autoptr(LineupSearch) search = NULL;
  g_autoptr(LineupCandidate) cand = NULL;
  g_autoptr(JsonNode) out = NULL;

  g_assert_null (none);
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
  dossier = lineup_dossier_new_from_json (odd, NULL);
  g_assert_nonnull (dossier);
  g_assert_nonnull (lineup_dossier_get_case (dossier));
  g_assert_null (lineup_case_get_number (lineup_dossier_get_case (dossier)));
  g_assert_null (lineup_dossier_get_statement (dossier));
  g_assert_cmpuint (g_list_model_get_n_items (lineup_dossier_get_probes (dossier)), ==, 1);
  probe = g_list_model_get_item (lineup_dossier_get_probes (dossier), 0);
  g_assert_cmpint (lineup_probe_record_get_id (probe), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_probe_record_get_edits (probe)), ==, 0);
  g_assert_true (lineup_dossier_find_probe (dossier, 7) == probe);
  g_assert_null (lineup_dossier_find_probe (dossier, 8));
  search = g_list_model_get_item (lineup_dossier_get_searches (dossier), 0);
  g_assert_cmpfloat (lineup_search_get_threshold (search), ==, 0.5);
  g_assert_true (lineup_search_get_no_hit (search));
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_get_candidates (search)), ==, 1);
  cand = g_list_model_get_item (lineup_search_get_candidates (search), 0);
  g_assert_cmpint (lineup_candidate_get_rank (cand), ==, 2);
  g_assert_null (lineup_candidate_get_box (cand));
  g_assert_null (lineup_candidate_get_label (cand));
  /* And it writes out as a whole document again. */
  out = lineup_dossier_to_json (dossier);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (out));
}

/* Groups are made from the candidates in rank order: a person's first
 * candidate is their best, and every photo of theirs that came up counts. */
static void
test_groups_from_candidates (void)
{
  g_autoptr(JsonNode) node = parse (search_json);
  g_autoptr(LineupSearch) search = lineup_search_new_from_json (node, NULL);
  g_autoptr(GListModel) groups = lineup_candidate_groups_new (lineup_search_get_candidates (search));
  JsonArray *expected = json_object_get_array_member (json_node_get_object (node), "groups");

  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LineupCandidateGroup) g = g_list_model_get_item (groups, i);
      g_autoptr(JsonNode) json = lineup_candidate_group_to_json (g);
      g_autofree char *names = members (json);

      g_assert_true (json_node_equal (json, json_array_get_element (expected, i)));
      g_assert_cmpstr (names, ==, "subject_id,label,best_rank,best_distance,matches");
    }
}

/* A list of cases is the array of their JSON, in the documented order. */
static void
test_case_list_json (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (LINEUP_TYPE_CASE);
  g_autoptr(JsonNode) one = parse ("{\"id\":1,\"number\":\"C-1\",\"offence\":\"robbery\",\"offence_label\":\"Robbery\","
                                   "\"reason\":\"a reason long enough\",\"status\":\"open\",\"created_by\":\"det\","
                                   "\"created_at\":\"t\",\"search_allowed\":true,\"searches\":0}");
  g_autoptr(LineupCase) c = lineup_case_new_from_json (one, NULL);
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *names = NULL;

  g_list_store_append (cases, c);
  list = lineup_case_list_to_json (G_LIST_MODEL (cases));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_assert_true (json_node_equal (json_array_get_element (json_node_get_array (list), 0), one));
  {
    g_autoptr(JsonNode) again = lineup_case_to_json (c);
    names = members (again);
  }
  g_assert_cmpstr (names, ==,
                   "id,number,offence,offence_label,reason,status,created_by,created_at,search_allowed,searches");
}

/* A queue entry reads the searched face's box and [x, y] pairs once from
 * its stored probe face; without one it has neither. */
static void
test_queue_entry_probe_face (void)
{
  g_autoptr(JsonNode) face = parse ("{\"box\":{\"left\":10.0,\"top\":20.0,\"right\":110.0,\"bottom\":140.0},"
                                    " \"landmarks\":[[11.5,21.0],[12.0,22.5],[13,24]]}");
  g_autoptr(JsonNode) bad = parse ("{\"box\":{\"left\":\"x\"},\"landmarks\":\"none\"}");
  g_autoptr(LineupQueueEntry) entry = NULL;
  g_autoptr(LineupQueueEntry) bare = NULL;
  g_autoptr(LineupQueueEntry) hostile = NULL;
  const LineupBox   *box;
  const LineupPoint *points;
  guint              n = 99;

  entry = g_object_new (LINEUP_TYPE_QUEUE_ENTRY, "case-number", "C-1", "own", TRUE,
                        "probe-face", json_node_get_object (face), NULL);
  box = lineup_queue_entry_get_probe_box (entry);
  g_assert_nonnull (box);
  g_assert_cmpfloat (box->left, ==, 10.0);
  g_assert_cmpfloat (box->top, ==, 20.0);
  g_assert_cmpfloat (box->right, ==, 110.0);
  g_assert_cmpfloat (box->bottom, ==, 140.0);
  points = lineup_queue_entry_get_probe_landmarks (entry, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (points[0].x, ==, 11.5);
  g_assert_cmpfloat (points[1].y, ==, 22.5);
  g_assert_cmpfloat (points[2].x, ==, 13.0);
  g_assert_cmpfloat (points[2].y, ==, 24.0);
  g_assert_cmpstr (lineup_queue_entry_get_case_number (entry), ==, "C-1");
  g_assert_true (lineup_queue_entry_get_own (entry));

  bare = g_object_new (LINEUP_TYPE_QUEUE_ENTRY, NULL);
  g_assert_null (lineup_queue_entry_get_probe_box (bare));
  n = 99;
  g_assert_null (lineup_queue_entry_get_probe_landmarks (bare, &n));
  g_assert_cmpuint (n, ==, 0);

  hostile = g_object_new (LINEUP_TYPE_QUEUE_ENTRY, "probe-face", json_node_get_object (bad), NULL);
  g_assert_null (lineup_queue_entry_get_probe_box (hostile));
  n = 99;
  g_assert_null (lineup_queue_entry_get_probe_landmarks (hostile, &n));
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/records/search-round-trip", test_search_round_trip);
  g_test_add_func ("/records/search-without-decisions", test_search_without_decisions);
  g_test_add_func ("/records/decision-and-review-shapes", test_decision_and_review_shapes);
  g_test_add_func ("/records/probe-shapes", test_probe_shapes);
  g_test_add_func ("/records/dossier-lenient", test_dossier_lenient);
  g_test_add_func ("/records/groups-from-candidates", test_groups_from_candidates);
  g_test_add_func ("/records/case-list-json", test_case_list_json);
  g_test_add_func ("/records/queue-entry-probe-face", test_queue_entry_probe_face);
  return g_test_run ();
}
