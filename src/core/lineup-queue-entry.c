/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-queue-entry.c: a possible lead waiting for a supervisor's review. */
#define G_LOG_DOMAIN "lineup-records"

#include "config.h"

#include "lineup-json.h"
#include "lineup-queue-entry.h"
#include "lineup-records-private.h"

struct _LineupQueueEntry
{
  GObject parent_instance;

  LineupDecision  *decision;
  LineupCandidate *candidate;
  char            *case_number;
  char            *offence_label;
  char            *offence_code;
  gboolean         own;
  char            *probe_sha256;
  gint64           edit_seq;
  JsonObject      *probe_face;
  /* Read once from probe_face: its box and its [x, y] pairs. */
  LineupBox probe_box;
  gboolean  has_probe_box;
  GArray   *probe_landmarks;
};

G_DEFINE_FINAL_TYPE (LineupQueueEntry, lineup_queue_entry, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DECISION,
  PROP_CANDIDATE,
  PROP_CASE_NUMBER,
  PROP_OFFENCE_LABEL,
  PROP_OFFENCE_CODE,
  PROP_OWN,
  PROP_PROBE_SHA256,
  PROP_EDIT_SEQ,
  PROP_PROBE_FACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_queue_entry_finalize (GObject *object)
{
  LineupQueueEntry *self = (LineupQueueEntry *)object;

  g_clear_object (&self->decision);
  g_clear_object (&self->candidate);
  g_free (self->case_number);
  g_free (self->offence_label);
  g_free (self->offence_code);
  g_free (self->probe_sha256);
  g_clear_pointer (&self->probe_face, json_object_unref);
  g_clear_pointer (&self->probe_landmarks, g_array_unref);

  G_OBJECT_CLASS (lineup_queue_entry_parent_class)->finalize (object);
}

static void
lineup_queue_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupQueueEntry *self = (LineupQueueEntry *)object;

  switch (prop_id)
    {
    case PROP_DECISION:
      g_value_set_object (value, self->decision);
      break;
    case PROP_CANDIDATE:
      g_value_set_object (value, self->candidate);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    case PROP_OFFENCE_LABEL:
      g_value_set_string (value, self->offence_label);
      break;
    case PROP_OFFENCE_CODE:
      g_value_set_string (value, self->offence_code);
      break;
    case PROP_OWN:
      g_value_set_boolean (value, self->own);
      break;
    case PROP_PROBE_SHA256:
      g_value_set_string (value, self->probe_sha256);
      break;
    case PROP_EDIT_SEQ:
      g_value_set_int64 (value, self->edit_seq);
      break;
    case PROP_PROBE_FACE:
      g_value_set_boxed (value, self->probe_face);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_queue_entry_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LineupQueueEntry *self = (LineupQueueEntry *)object;

  switch (prop_id)
    {
    case PROP_DECISION:
      self->decision = g_value_dup_object (value);
      break;
    case PROP_CANDIDATE:
      self->candidate = g_value_dup_object (value);
      break;
    case PROP_CASE_NUMBER:
      self->case_number = g_value_dup_string (value);
      break;
    case PROP_OFFENCE_LABEL:
      self->offence_label = g_value_dup_string (value);
      break;
    case PROP_OFFENCE_CODE:
      self->offence_code = g_value_dup_string (value);
      break;
    case PROP_OWN:
      self->own = g_value_get_boolean (value);
      break;
    case PROP_PROBE_SHA256:
      self->probe_sha256 = g_value_dup_string (value);
      break;
    case PROP_EDIT_SEQ:
      self->edit_seq = g_value_get_int64 (value);
      break;
    case PROP_PROBE_FACE:
      self->probe_face = g_value_dup_boxed (value);
      self->has_probe_box = lineup_json_read_box (self->probe_face, "box", &self->probe_box);
      self->probe_landmarks = lineup_json_read_points (self->probe_face, "landmarks");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_queue_entry_class_init (LineupQueueEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_queue_entry_finalize;
  object_class->get_property = lineup_queue_entry_get_property;
  object_class->set_property = lineup_queue_entry_set_property;

  /* id, search, rank, note, author, when */
  properties[PROP_DECISION] =
    g_param_spec_object ("decision", NULL, NULL, LINEUP_TYPE_DECISION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the booking face decided on */
  properties[PROP_CANDIDATE] =
    g_param_spec_object ("candidate", NULL, NULL, LINEUP_TYPE_CANDIDATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFENCE_LABEL] =
    g_param_spec_string ("offence-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFENCE_CODE] =
    g_param_spec_string ("offence-code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the acting supervisor made the decision (and cannot review it) */
  properties[PROP_OWN] =
    g_param_spec_boolean ("own", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBE_SHA256] =
    g_param_spec_string ("probe-sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDIT_SEQ] =
    g_param_spec_int64 ("edit-seq", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the searched face as stored */
  properties[PROP_PROBE_FACE] =
    g_param_spec_boxed ("probe-face", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_queue_entry_init (LineupQueueEntry *self)
{
}

LineupDecision *
lineup_queue_entry_get_decision (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->decision;
}

LineupCandidate *
lineup_queue_entry_get_candidate (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->candidate;
}

const char *
lineup_queue_entry_get_case_number (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->case_number;
}

const char *
lineup_queue_entry_get_offence_label (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->offence_label;
}

const char *
lineup_queue_entry_get_offence_code (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->offence_code;
}

gboolean
lineup_queue_entry_get_own (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), FALSE);

  return self->own;
}

const char *
lineup_queue_entry_get_probe_sha256 (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->probe_sha256;
}

gint64
lineup_queue_entry_get_edit_seq (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), 0);

  return self->edit_seq;
}

JsonObject *
lineup_queue_entry_get_probe_face (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->probe_face;
}

const LineupBox *
lineup_queue_entry_get_probe_box (LineupQueueEntry *self)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  return self->has_probe_box ? &self->probe_box : NULL;
}

const LineupPoint *
lineup_queue_entry_get_probe_landmarks (LineupQueueEntry *self,
                                        guint            *n_points)
{
  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  *n_points = self->probe_landmarks ? self->probe_landmarks->len : 0;
  return self->probe_landmarks ? (const LineupPoint *)self->probe_landmarks->data : NULL;
}

JsonNode *
lineup_queue_entry_to_json (LineupQueueEntry *self)
{
  JsonObject      *o = json_object_new ();
  LineupDecision  *d = self->decision;
  LineupCandidate *c = self->candidate;

  g_return_val_if_fail (LINEUP_IS_QUEUE_ENTRY (self), NULL);

  json_object_set_int_member (o, "decision_id", lineup_decision_get_id (d));
  json_object_set_string_member (o, "case", self->case_number);
  json_object_set_string_member (o, "offence", self->offence_label);
  json_object_set_int_member (o, "search_id", lineup_decision_get_search_id (d));
  json_object_set_int_member (o, "rank", lineup_decision_get_rank (d));
  json_object_set_string_member (o, "note", lineup_decision_get_note (d));
  json_object_set_string_member (o, "author", lineup_decision_get_user (d));
  json_object_set_string_member (o, "created_at", lineup_decision_get_created_at (d));
  json_object_set_boolean_member (o, "own", self->own);
  json_object_set_string_member (o, "probe_sha256", self->probe_sha256);
  json_object_set_int_member (o, "edit_seq", self->edit_seq);
  json_object_set_string_member (o, "photo_sha256", lineup_candidate_get_photo_sha256 (c));
  json_object_set_string_member (o, "booking_number", lineup_candidate_get_booking_number (c));
  json_object_set_string_member (o, "label", lineup_candidate_get_label (c));
  json_object_set_double_member (o, "distance", lineup_candidate_get_distance (c));
  json_object_set_double_member (o, "similarity", lineup_candidate_get_similarity (c));
  if (self->probe_face != NULL)
    json_object_set_object_member (o, "probe_face", json_object_ref (self->probe_face));
  json_object_set_string_member (o, "offence_code", self->offence_code);
  json_object_set_array_member (o, "box", lineup_records_box_to_json (lineup_candidate_get_box (c)));
  {
    guint              n;
    const LineupPoint *pts = lineup_candidate_get_landmarks (c, &n);

    if (pts != NULL && n > 0)
      {
        g_autoptr(GArray) copy = g_array_sized_new (FALSE, FALSE, sizeof (LineupPoint), n);

        g_array_append_vals (copy, pts, n);
        json_object_set_array_member (o, "landmarks", lineup_records_points_to_flat_json (copy));
      }
  }
  return lineup_records_take_object (o);
}

JsonNode *
lineup_queue_entry_list_to_json (GListModel *entries)
{
  return lineup_records_take_array (lineup_records_list_to_json (entries, lineup_queue_entry_to_json));
}
