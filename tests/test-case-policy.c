/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-case-policy.c: the case rules on their own, at the edges of each. */
#include "config.h"

#include "lineup-core.h"
#include "lineup-case-policy.h"

static const LineupPolicy policy = {
  .top_k_default = 20,
  .top_k_cap = 50,
  .threshold_default = 0.6,
  .threshold_max = 0.65,
  .include_excluded = FALSE,
};

static void
test_number (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_number ("2026-17", &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_number (NULL, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==, "A search needs a case: give the case number.");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_number (" \t ", &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
}

static void
test_reason (void)
{
  g_autoptr(GError) error = NULL;

  /* Ten characters after trimming is enough, nine is not; characters, not
   * bytes. */
  g_assert_true (lineup_case_policy_check_reason ("C-1", "  0123456789  ", &error));
  g_assert_true (lineup_case_policy_check_reason ("C-1", "ééééééééé é", &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_reason ("C-1", "ééééééééé", &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_reason ("C-1", "  012345678    ", &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==,
                   "Case C-1 needs a written reason for searching (at least 10 characters): "
                   "why is face search needed in this investigation?");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_reason ("C-1", NULL, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
}

static void
test_offence (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_offence ("robbery", 1, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_offence ("shoplifting", 0, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==,
                   "Face search is not allowed for the offence category “shoplifting” by this agency's policy.");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_offence ("jaywalking", -1, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "Unknown offence category “jaywalking”; see the list in Preferences or "
                   "“lineup-cli offence list”.");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_offence (NULL, -1, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
}

static void
test_case_open (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_case_open ("C-1", "open", "robbery", TRUE, &error));
  g_assert_true (lineup_case_policy_check_case_open ("C-1", "lead_pending", "robbery", TRUE, &error));
  g_assert_true (lineup_case_policy_check_case_open ("C-1", "lead_approved", "robbery", TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_case_open ("C-1", "closed", "robbery", TRUE, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==, "Case C-1 is closed");
  g_clear_error (&error);
  /* Closed is said first, even when the category was closed to search too. */
  g_assert_false (lineup_case_policy_check_case_open ("C-1", "closed", "fraud", FALSE, &error));
  g_assert_cmpstr (error->message, ==, "Case C-1 is closed");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_case_open ("C-1", "open", "fraud", FALSE, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==,
                   "Face search is not allowed for the offence category of case C-1 (fraud) by this "
                   "agency's policy.");
}

static void
test_probe_source (void)
{
  const char *refused[] = { "composite", "composite_sketch", "sketch", "lookalike", "look-alike" };
  const char *left[] = { "surveillance", "witness", "social_media", "other", "drawing", "", NULL };
  g_autoptr(GError) error = NULL;
  LineupProbeSource source;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (lineup_case_policy_check_probe_source (refused[i], &error));
      g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
      g_assert_true (g_str_has_prefix (error->message, "Refused by policy: composite sketches and "
                                                       "look-alike photos are never searched."));
      g_clear_error (&error);
      /* The source parser refuses them the same way. */
      g_assert_false (lineup_probe_source_from_string (refused[i], &source, &error));
      g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    {
      g_assert_true (lineup_case_policy_check_probe_source (left[i], &error));
      g_assert_no_error (error);
    }
  /* Not refused by policy, but not a source either. */
  g_assert_false (lineup_probe_source_from_string ("drawing", &source, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
}

static void
test_edit_removable (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_edit_removable (3, 2, &error));
  g_assert_true (lineup_case_policy_check_edit_removable (1, 0, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_edit_removable (2, 2, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==,
                   "Edit step 2 was part of a version that has been searched, so it stays on record. "
                   "Load the original again to start over.");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_edit_removable (1, 2, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
}

static void
test_defaults (void)
{
  guint top_k = 0;
  double threshold = 0;

  lineup_case_policy_fill_defaults (&policy, &top_k, &threshold);
  g_assert_cmpuint (top_k, ==, 20);
  g_assert_cmpfloat (threshold, ==, 0.6);
  top_k = 7;
  threshold = 0.4;
  lineup_case_policy_fill_defaults (&policy, &top_k, &threshold);
  g_assert_cmpuint (top_k, ==, 7);
  g_assert_cmpfloat (threshold, ==, 0.4);
  threshold = -1;
  lineup_case_policy_fill_defaults (&policy, NULL, &threshold);
  g_assert_cmpfloat (threshold, ==, 0.6);
}

static void
test_top_k (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_top_k (&policy, 50, &error));
  g_assert_true (lineup_case_policy_check_top_k (&policy, 1, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_top_k (&policy, 51, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==, "Refused by policy: at most 50 candidates may be listed (asked for 51).");
}

static void
test_threshold (void)
{
  LineupPolicy no_floor = policy;
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_threshold (&policy, 0.65, &error));
  g_assert_true (lineup_case_policy_check_threshold (&policy, 0.65 + 1e-10, &error));
  g_assert_true (lineup_case_policy_check_threshold (&policy, 0.3, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_threshold (&policy, 0.651, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==,
                   "Refused by policy: the match threshold cannot be looser than distance 0.65 (asked for 0.65).");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_threshold (&policy, 0.9, &error));
  g_assert_cmpstr (error->message, ==,
                   "Refused by policy: the match threshold cannot be looser than distance 0.65 (asked for 0.90).");
  g_clear_error (&error);
  /* 0: no floor. */
  no_floor.threshold_max = 0;
  g_assert_true (lineup_case_policy_check_threshold (&no_floor, 2.0, &error));
  g_assert_no_error (error);
}

static void
test_note_and_comment (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_note ("x", &error));
  g_assert_true (lineup_case_policy_check_comment ("ok", &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_note ("  \n", &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==, "Every decision needs a note saying what it rests on.");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_note (NULL, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_comment ("", &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==, "A review needs a comment.");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_comment (NULL, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_POLICY);
}

static void
test_review (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_case_policy_check_reviewable (12, "possible_lead", 0, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_reviewable (12, "not_a_match", 0, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "Decision 12 is not a possible lead; only leads are reviewed");
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_reviewable (12, "inconclusive", 0, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (lineup_case_policy_check_reviewable (12, "possible_lead", 1, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "Decision 12 was reviewed already");
  g_clear_error (&error);

  g_assert_true (lineup_case_policy_check_reviewer (2, 1, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_case_policy_check_reviewer (1, 1, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Refused: nobody may review their own decision; another supervisor must.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case-policy/number", test_number);
  g_test_add_func ("/case-policy/reason", test_reason);
  g_test_add_func ("/case-policy/offence", test_offence);
  g_test_add_func ("/case-policy/case-open", test_case_open);
  g_test_add_func ("/case-policy/probe-source", test_probe_source);
  g_test_add_func ("/case-policy/edit-removable", test_edit_removable);
  g_test_add_func ("/case-policy/defaults", test_defaults);
  g_test_add_func ("/case-policy/top-k", test_top_k);
  g_test_add_func ("/case-policy/threshold", test_threshold);
  g_test_add_func ("/case-policy/note-and-comment", test_note_and_comment);
  g_test_add_func ("/case-policy/review", test_review);
  return g_test_run ();
}
