/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-report.c: the investigative lead report (PDF), made from a case
 * dossier; its page layout is in lineup-report-layout.c and the disclosure
 * package in lineup-report-disclosure.c.
 *
 * Cairo's toy text API is enough for a report and keeps Pango out of the
 * core, so words are wrapped here. Pages are drawn onto recording surfaces
 * first, so that every footer can say "N / M" once M is known; replaying
 * them onto the PDF surface keeps text as real text. The dossier comes as
 * records (a dossier read back from a file is parsed leniently by
 * lineup_dossier_new_from_json: odd or missing members read as empty), and
 * a missing or purged image becomes a grey box, never a failed report.
 */
#define G_LOG_DOMAIN "lineup-report"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lineup-db-case.h"
#include "lineup-dossier.h"
#include "lineup-error.h"
#include "lineup-gallery.h"
#include "lineup-image.h"
#include "lineup-report.h"
#include "lineup-report-private.h"

/* ---- Text from the dossier's records ---- */

/* Valid UTF-8 without control characters (but newlines): cairo refuses
 * the rest, and a dossier may hold anything. */
char *
report_clean_text (const char *text)
{
  char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (char *p = valid; *p != '\0'; p++)
    if (((guchar)*p < 0x20 && *p != '\n') || *p == 0x7f)
      *p = ' ';
  return valid;
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Timestamps are stored as ISO 8601 in UTC; shown without the fraction. */
static char *
time_text (const char *iso)
{
  g_autofree char *text = report_clean_text (iso);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (*text == '\0')
    return g_steal_pointer (&text);
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return g_steal_pointer (&text);
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
}

/* "possible_lead" → "Possible lead", for values without a label. */
static char *
humanize (const char *text)
{
  char *out = report_clean_text (text);

  g_strdelimit (out, "_-", ' ');
  if (g_ascii_islower (out[0]))
    out[0] = g_ascii_toupper (out[0]);
  return out;
}

/* An em dash for a value that is empty. */
static char *
or_dash (char *text)
{
  if (text != NULL && *text != '\0')
    return text;
  g_free (text);
  return g_strdup ("—");
}

static char *
decision_label (LineupDecision *decision)
{
  LineupDecisionKind kind;

  if (lineup_decision_get_kind (decision, &kind))
    return g_strdup (lineup_decision_label (kind));
  return or_dash (humanize (lineup_decision_get_decision (decision)));
}

static char *
source_label (LineupProbeRecord *probe)
{
  LineupProbeSource source;

  if (lineup_probe_record_get_source_kind (probe, &source))
    return g_strdup (lineup_probe_source_label (source));
  return humanize (lineup_probe_record_get_source (probe));
}

gboolean
report_valid_sha256 (const char *sha)
{
  if (sha == NULL || strlen (sha) != 64)
    return FALSE;
  for (const char *p = sha; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* An edit parameter's value as text; parameters are free-form JSON. */
static char *
value_text (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *json = json_to_string (node, FALSE);
      return report_clean_text (json);
    }
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return report_clean_text (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return int_text (json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
  return g_strdup ("");
}

/* "x=10, y=20" from an edit's params. */
static char *
params_text (JsonObject *params)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) names = params != NULL ? json_object_get_members (params) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = value_text (json_object_get_member (params, l->data));
      g_autofree char *name = report_clean_text (l->data);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s=%s", name, value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The candidate at a rank, or NULL. (transfer full) */
static LineupCandidate *
candidate_at (LineupSearch *search,
              gint64        rank)
{
  GListModel *candidates = lineup_search_get_candidates (search);

  for (guint i = 0; candidates != NULL && i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(LineupCandidate) c = g_list_model_get_item (candidates, i);

      if (lineup_candidate_get_rank (c) == rank)
        return g_steal_pointer (&c);
    }
  return NULL;
}

/* The latest decision on a rank (they are in the order they were made).
 * (transfer full) */
static LineupDecision *
latest_decision (LineupSearch *search,
                 gint64        rank)
{
  GListModel     *decisions = lineup_search_get_decisions (search);
  LineupDecision *found = NULL;

  for (guint i = 0; decisions != NULL && i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr(LineupDecision) d = g_list_model_get_item (decisions, i);

      if (lineup_decision_get_rank (d) == rank)
        g_set_object (&found, d);
    }
  return found;
}

guint
report_n_items (GListModel *list)
{
  return list != NULL ? g_list_model_get_n_items (list) : 0;
}

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The probe's edit seqs, ascending, each once. */
GArray *
report_edit_seqs (LineupProbeRecord *probe)
{
  GListModel *edits = lineup_probe_record_get_edits (probe);
  GArray     *seqs = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < report_n_items (edits); i++)
    {
      g_autoptr(LineupProbeEdit) e = g_list_model_get_item (edits, i);
      gint64 seq = lineup_probe_edit_get_seq (e);

      if (seq > 0)
        g_array_append_val (seqs, seq);
    }
  g_array_sort (seqs, compare_int64);
  for (guint i = 1; i < seqs->len;)
    if (g_array_index (seqs, gint64, i) == g_array_index (seqs, gint64, i - 1))
      g_array_remove_index (seqs, i);
    else
      i++;
  return seqs;
}

/* ---- Images ---- */

/* Edit steps 1…seq as lineup_probe_apply_edits wants them; NULL if one is
 * missing from the dossier (the image would not be the one searched). */
static JsonArray *
steps_up_to (LineupProbeRecord *probe,
             gint64             seq,
             GError           **error)
{
  GListModel *edits = lineup_probe_record_get_edits (probe);
  g_autoptr(GListStore) chosen = g_list_store_new (LINEUP_TYPE_PROBE_EDIT);

  for (gint64 s = 1; s <= seq; s++)
    {
      g_autoptr(LineupProbeEdit) edit = NULL;

      /* More steps than edits: one is missing (and seq may be absurd). */
      for (guint i = 0; seq <= report_n_items (edits) && i < report_n_items (edits) && edit == NULL; i++)
        {
          g_autoptr(LineupProbeEdit) e = g_list_model_get_item (edits, i);

          if (lineup_probe_edit_get_seq (e) == s)
            edit = g_steal_pointer (&e);
        }
      if (edit == NULL)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_NOT_FOUND,
                       _("Edit step %" G_GINT64_FORMAT " is missing from the dossier"), s);
          return NULL;
        }
      g_list_store_append (chosen, edit);
    }
  return lineup_probe_edit_list_to_steps (G_LIST_MODEL (chosen));
}

/* The probe after its first seq edit steps; seq 0 is the original. */
LineupImage *
report_probe_edited (LineupImage       *original,
                     LineupProbeRecord *probe,
                     gint64             seq,
                     GError           **error)
{
  g_autoptr(JsonArray) steps = NULL;

  if (seq <= 0)
    return g_object_ref (original);
  steps = steps_up_to (probe, seq, error);
  if (steps == NULL)
    return NULL;
  return lineup_probe_apply_edits (original, steps, error);
}

/* ---- Images in the report (cached: a probe is often shown twice) ---- */

static LineupImage *
report_probe_original (Report     *r,
                       const char *sha)
{
  gpointer     cached;
  LineupImage *image = NULL;

  if (sha == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (r->originals, sha, NULL, &cached))
    return cached;
  if (report_valid_sha256 (sha))
    {
      g_autofree char *path = lineup_probe_store_path (r->data_dir, sha);

      image = lineup_image_new_from_file (path, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, NULL);
    }
  g_hash_table_insert (r->originals, g_strdup (sha), image);
  return image;
}

static cairo_surface_t *
report_probe_surface (Report            *r,
                      LineupProbeRecord *probe,
                      gint64             seq)
{
  const char      *sha = lineup_probe_record_get_sha256 (probe);
  g_autofree char *key = g_strdup_printf ("p:%s:%" G_GINT64_FORMAT, sha, seq);
  cairo_surface_t *surface = NULL;
  LineupImage     *original;
  gpointer         cached;

  if (g_hash_table_lookup_extended (r->surfaces, key, NULL, &cached))
    return cached;
  original = report_probe_original (r, sha);
  if (original != NULL)
    {
      g_autoptr(LineupImage) edited = report_probe_edited (original, probe, seq, NULL);

      if (edited != NULL)
        surface = report_surface_from_shim (lineup_image_get_shim (edited), EMBED_SIDE);
    }
  g_hash_table_insert (r->surfaces, g_steal_pointer (&key), surface);
  return surface;
}

/* The gallery photo around the candidate's face box (the whole photo
 * without a usable box). */
static cairo_surface_t *
report_gallery_surface (Report          *r,
                        const char      *sha,
                        const LineupBox *box)
{
  g_autofree char *key = NULL;
  cairo_surface_t *surface = NULL;
  double           b[4] = { 0, 0, 0, 0 };
  gboolean         has_box = box != NULL;
  gpointer         cached;

  if (has_box)
    {
      b[0] = box->left;
      b[1] = box->top;
      b[2] = box->right;
      b[3] = box->bottom;
    }
  has_box = has_box && b[2] > b[0] && b[3] > b[1];
  key = g_strdup_printf ("g:%s:%d:%g,%g,%g,%g", sha, has_box, b[0], b[1], b[2], b[3]);
  if (g_hash_table_lookup_extended (r->surfaces, key, NULL, &cached))
    return cached;
  if (report_valid_sha256 (sha))
    {
      int w = 0, h = 0;
      g_autoptr(GBytes) rgb = lineup_store_load_rgb (r->data_dir, sha, 0, &w, &h, NULL);
      g_autoptr(LineupShimImage) full = NULL;
      g_autoptr(LineupShimImage) crop = NULL;

      if (rgb != NULL)
        full = lineup_shim_image_new_from_rgb (g_bytes_get_data (rgb, NULL), w, h, w * 3, NULL);
      if (full != NULL && has_box)
        {
          double m = 0.35 * MAX (b[2] - b[0], b[3] - b[1]);
          int    x0 = (int)CLAMP (b[0] - m, 0, w - 1), y0 = (int)CLAMP (b[1] - m, 0, h - 1);
          int    x1 = (int)CLAMP (b[2] + m, x0 + 1, w), y1 = (int)CLAMP (b[3] + m, y0 + 1, h);

          crop = lineup_shim_image_crop (full, x0, y0, x1 - x0, y1 - y0, NULL);
        }
      if (full != NULL)
        surface = report_surface_from_shim (crop != NULL ? crop : full, EMBED_SIDE / 2);
    }
  g_hash_table_insert (r->surfaces, g_steal_pointer (&key), surface);
  return surface;
}

/* ---- The report's sections ---- */

static void
render_title (Report        *r,
              LineupDossier *dossier)
{
  g_autofree char *at = time_text (lineup_dossier_get_generated_at (dossier));
  g_autofree char *by = report_clean_text (lineup_dossier_get_generated_by (dossier));
  g_autofree char *subtitle = NULL;
  g_autofree char *generated = NULL;

  report_set_font (r->cr, FONT_BOLD, 20);
  cairo_set_source_rgb (r->cr, 0, 0, 0);
  report_show_line (r->cr, MARGIN, r->y, 20, _("Investigative lead report"));
  r->y += 28;
  subtitle = g_strdup_printf (_("Case %s"), *r->case_number != '\0' ? r->case_number : "—");
  report_paragraph (r, FONT_REGULAR, 13, 0.15, subtitle);
  r->y += 6;
  report_banner (r);
  generated = g_strdup_printf (_("Generated %s by %s"), *at != '\0' ? at : "—", *by != '\0' ? by : "—");
  report_paragraph (r, FONT_REGULAR, 8.5, 0.3, generated);
}

static void
render_case (Report        *r,
             LineupDossier *dossier)
{
  LineupCase      *c = lineup_dossier_get_case (dossier);
  GListModel      *probes = lineup_dossier_get_probes (dossier);
  GListModel      *searches = lineup_dossier_get_searches (dossier);
  g_autofree char *offence = report_clean_text (lineup_case_get_offence (c));
  g_autofree char *offence_label = report_clean_text (lineup_case_get_offence_label (c));
  g_autofree char *reason = report_clean_text (lineup_case_get_reason (c));
  g_autofree char *status = humanize (lineup_case_get_status (c));
  g_autofree char *by = report_clean_text (lineup_case_get_created_by (c));
  g_autofree char *at = time_text (lineup_case_get_created_at (c));
  g_autofree char *offence_text = NULL;
  g_autofree char *contents = NULL;
  guint            n_decisions = 0;

  for (guint i = 0; i < report_n_items (searches); i++)
    {
      g_autoptr(LineupSearch) search = g_list_model_get_item (searches, i);

      n_decisions += report_n_items (lineup_search_get_decisions (search));
    }
  if (*offence_label != '\0' && *offence != '\0' && g_strcmp0 (offence, offence_label) != 0)
    offence_text = g_strdup_printf ("%s (%s)", offence_label, offence);
  else
    offence_text = g_strdup (*offence_label != '\0' ? offence_label : offence);
  contents = g_strdup_printf (_("%u probe images, %u searches, %u decisions"),
                              report_n_items (probes), report_n_items (searches), n_decisions);

  report_heading (r, _("Case"), TRUE);
  report_field (r, _("Case number"), r->case_number, FONT_REGULAR);
  report_field (r, _("Offence"), offence_text, FONT_REGULAR);
  report_field (r, _("Reason"), reason, FONT_REGULAR);
  report_field (r, _("Status"), status, FONT_REGULAR);
  report_field (r, _("Opened by"), by, FONT_REGULAR);
  report_field (r, _("Opened at"), at, FONT_REGULAR);
  report_field (r, _("Contents"), contents, FONT_REGULAR);
}

static void
render_probe (Report            *r,
              LineupProbeRecord *probe)
{
  GListModel *edits = lineup_probe_record_get_edits (probe);
  g_autoptr(GArray) seqs = report_edit_seqs (probe);
  gint64           last = seqs->len > 0 ? g_array_index (seqs, gint64, seqs->len - 1) : 0;
  g_autofree char *id = int_text (lineup_probe_record_get_id (probe));
  g_autofree char *title = g_strdup_printf (_("Probe %s"), id);
  g_autofree char *source = source_label (probe);
  g_autofree char *name = report_clean_text (lineup_probe_record_get_original_name (probe));
  g_autofree char *sha = report_clean_text (lineup_probe_record_get_sha256 (probe));
  g_autofree char *by = report_clean_text (lineup_probe_record_get_user (probe));
  g_autofree char *at = time_text (lineup_probe_record_get_created_at (probe));

  report_heading (r, title, FALSE);
  report_field (r, _("Source"), source, FONT_REGULAR);
  report_field (r, _("Original name"), name, FONT_REGULAR);
  report_field (r, _("SHA-256"), sha, FONT_MONO);
  report_field (r, _("Added by"), by, FONT_REGULAR);
  report_field (r, _("Added at"), at, FONT_REGULAR);
  r->y += 6;

  report_ensure_space (r, PROBE_BOX + CAPTION_H + 8);
  report_image_box (r, report_probe_surface (r, probe, 0), MARGIN, r->y, PROBE_BOX, PROBE_BOX,
                    _("Original, as received"));
  if (last > 0)
    {
      g_autofree char *caption = g_strdup_printf (_("After edit step %" G_GINT64_FORMAT " (the last)"), last);

      report_image_box (r, report_probe_surface (r, probe, last), MARGIN + PROBE_BOX + 18, r->y,
                        PROBE_BOX, PROBE_BOX, caption);
    }
  r->y += PROBE_BOX + CAPTION_H + 8;

  if (report_n_items (edits) == 0)
    report_paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No edits: searches of this probe used the original."));
  else
    {
      static const Column cols[] = {
        { N_("Step"), 0.6, FONT_REGULAR },
        { N_("Operation"), 1.5, FONT_REGULAR },
        { N_("Parameters"), 3.0, FONT_REGULAR },
        { N_("User"), 1.3, FONT_REGULAR },
        { N_("Time"), 1.8, FONT_REGULAR },
      };
      Column translated[G_N_ELEMENTS (cols)];
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
      g_autofree char *continued = g_strdup_printf (_("Edit steps of probe %s, continued"), id);

      for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
        translated[c] = (Column){ _(cols[c].title), cols[c].weight, cols[c].font };
      for (guint i = 0; i < report_n_items (edits); i++)
        {
          g_autoptr(LineupProbeEdit) edit = g_list_model_get_item (edits, i);
          char **cells = g_new0 (char *, G_N_ELEMENTS (cols) + 1);

          cells[0] = int_text (lineup_probe_edit_get_seq (edit));
          cells[1] = humanize (lineup_probe_edit_get_op (edit));
          cells[2] = params_text (lineup_probe_edit_get_params (edit));
          cells[3] = report_clean_text (lineup_probe_edit_get_user (edit));
          cells[4] = time_text (lineup_probe_edit_get_created_at (edit));
          g_ptr_array_add (rows, cells);
        }
      report_paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("Edit steps"));
      report_table (r, translated, G_N_ELEMENTS (cols), rows, continued);
    }
}

static void
render_probes (Report        *r,
               LineupDossier *dossier)
{
  GListModel *probes = lineup_dossier_get_probes (dossier);
  guint       n = report_n_items (probes);

  report_heading (r, _("Probe images"), TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupProbeRecord) probe = g_list_model_get_item (probes, i);

      render_probe (r, probe);
    }
  if (n == 0)
    report_paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No probe images."));
}

static void
render_comparisons (Report            *r,
                    LineupSearch      *search,
                    LineupProbeRecord *probe)
{
  GListModel *candidates = lineup_search_get_candidates (search);
  gint64      seq = lineup_search_get_edit_seq (search);
  gboolean    any = FALSE;

  for (guint i = 0; i < report_n_items (candidates); i++)
    {
      g_autoptr(LineupCandidate) cand = g_list_model_get_item (candidates, i);
      g_autoptr(LineupDecision) decision = latest_decision (search, lineup_candidate_get_rank (cand));
      g_autofree char *rank_text = NULL;
      g_autofree char *booking = NULL;
      g_autofree char *label = NULL;
      g_autofree char *date = NULL;
      g_autofree char *distance = NULL;
      g_autofree char *similarity = NULL;
      g_autofree char *verdict = NULL;
      g_autofree char *probe_caption = NULL;
      g_autofree char *cand_caption = NULL;
      g_autoptr(GPtrArray) text = NULL;
      double tx = MARGIN + 2 * COMPARE_BOX + 32, tw = MARGIN + CONTENT_W - tx;
      double top, ty;

      if (decision == NULL)
        continue;
      if (!any)
        {
          report_ensure_space (r, BODY_SIZE * 1.35 + COMPARE_BOX + CAPTION_H + 8);
          report_paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("Probe compared with each candidate that has a decision"));
          r->y += 2;
          any = TRUE;
        }
      rank_text = int_text (lineup_candidate_get_rank (cand));
      booking = or_dash (report_clean_text (lineup_candidate_get_booking_number (cand)));
      label = or_dash (report_clean_text (lineup_candidate_get_label (cand)));
      date = report_clean_text (lineup_candidate_get_booking_date (cand));
      distance = g_strdup_printf ("%.4f", lineup_candidate_get_distance (cand));
      similarity = g_strdup_printf ("%.3f", lineup_candidate_get_similarity (cand));
      verdict = decision_label (decision);
      probe_caption = seq > 0 ? g_strdup_printf (_("Probe, after edit step %" G_GINT64_FORMAT), seq)
                              : g_strdup (_("Probe, original"));
      cand_caption = g_strdup_printf (_("Rank %s: booking %s"), rank_text, booking);

      report_ensure_space (r, COMPARE_BOX + CAPTION_H + 8);
      top = r->y;
      report_image_box (r, probe != NULL ? report_probe_surface (r, probe, seq) : NULL,
                        MARGIN, top, COMPARE_BOX, COMPARE_BOX, probe_caption);
      report_image_box (r, report_gallery_surface (r, lineup_candidate_get_photo_sha256 (cand), lineup_candidate_get_box (cand)),
                        MARGIN + COMPARE_BOX + 12, top, COMPARE_BOX, COMPARE_BOX, cand_caption);

      text = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (text, g_strdup_printf (_("Rank %s"), rank_text));
      g_ptr_array_add (text, g_strdup_printf (_("Booking number: %s"), booking));
      g_ptr_array_add (text, g_strdup_printf (_("Label: %s"), label));
      if (*date != '\0')
        g_ptr_array_add (text, g_strdup_printf (_("Booking date: %s"), date));
      g_ptr_array_add (text, g_strdup_printf (_("Distance: %s"), distance));
      g_ptr_array_add (text, g_strdup_printf (_("Similarity: %s"), similarity));
      g_ptr_array_add (text, g_strdup_printf (_("Decision: %s"), verdict));
      ty = top;
      for (guint t = 0; t < text->len; t++)
        {
          double size = BODY_SIZE, lh = size * 1.35;
          g_autoptr(GPtrArray) lines = NULL;

          report_set_font (r->cr, t == 0 ? FONT_BOLD : FONT_REGULAR, size);
          lines = report_wrap_text (r->cr, text->pdata[t], tw);
          cairo_set_source_rgb (r->cr, 0, 0, 0);
          for (guint l = 0; l < lines->len && ty + lh <= top + COMPARE_BOX + CAPTION_H; l++)
            {
              report_show_line (r->cr, tx, ty, size, lines->pdata[l]);
              ty += lh;
            }
        }
      r->y = top + COMPARE_BOX + CAPTION_H + 8;
    }
}

static void
render_decisions (Report       *r,
                  LineupSearch *search)
{
  GListModel *decisions = lineup_search_get_decisions (search);
  guint       n = report_n_items (decisions);

  report_ensure_space (r, 60);
  report_paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("Decisions and reviews"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupDecision) d = g_list_model_get_item (decisions, i);
      LineupReview *review = lineup_decision_get_review (d);
      g_autoptr(LineupCandidate) cand = NULL;
      g_autofree char *rank = NULL;
      g_autofree char *label = NULL;
      g_autofree char *title = NULL;
      g_autofree char *by = NULL;
      g_autofree char *at = NULL;
      g_autofree char *note = NULL;

      cand = candidate_at (search, lineup_decision_get_rank (d));
      rank = int_text (lineup_decision_get_rank (d));
      label = decision_label (d);
      if (cand != NULL)
        {
          g_autofree char *booking = report_clean_text (lineup_candidate_get_booking_number (cand));

          title = g_strdup_printf (_("Rank %s (booking %s): %s"), rank, booking, label);
        }
      else
        title = g_strdup_printf (_("Rank %s: %s"), rank, label);
      by = report_clean_text (lineup_decision_get_user (d));
      at = time_text (lineup_decision_get_created_at (d));
      note = report_clean_text (lineup_decision_get_note (d));

      report_ensure_space (r, 5 * BODY_SIZE * 1.35);
      r->y += 3;
      report_paragraph (r, FONT_BOLD, BODY_SIZE, 0.1, title);
      report_field (r, _("Decided by"), by, FONT_REGULAR);
      report_field (r, _("Decided at"), at, FONT_REGULAR);
      report_field (r, _("Note"), note, FONT_REGULAR);
      if (review != NULL)
        {
          g_autofree char *verdict = humanize (lineup_review_get_verdict (review));
          g_autofree char *comment = report_clean_text (lineup_review_get_comment (review));
          g_autofree char *reviewer = report_clean_text (lineup_review_get_user (review));
          g_autofree char *when = time_text (lineup_review_get_created_at (review));

          report_field (r, _("Review"), verdict, FONT_BOLD);
          report_field (r, _("Review comment"), comment, FONT_REGULAR);
          report_field (r, _("Reviewer"), reviewer, FONT_REGULAR);
          report_field (r, _("Reviewed at"), when, FONT_REGULAR);
        }
      else
        report_field (r, _("Review"), _("Not reviewed"), FONT_ITALIC);
    }
  if (n == 0)
    report_paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No decisions recorded."));
}

static void
render_search (Report        *r,
               LineupDossier *dossier,
               LineupSearch  *search)
{
  static const Column cols[] = {
    { N_("Rank"), 0.55, FONT_REGULAR },
    { N_("Booking number"), 1.5, FONT_REGULAR },
    { N_("Label"), 2.2, FONT_REGULAR },
    { N_("Distance"), 0.95, FONT_REGULAR },
    { N_("Similarity"), 0.95, FONT_REGULAR },
    { N_("Decision"), 1.5, FONT_REGULAR },
  };
  Column             translated[G_N_ELEMENTS (cols)];
  GListModel        *candidates = lineup_search_get_candidates (search);
  gint64             seq = lineup_search_get_edit_seq (search);
  LineupProbeRecord *probe = lineup_dossier_find_probe (dossier, lineup_search_get_probe_id (search));
  g_autofree char   *id = int_text (lineup_search_get_search_id (search));
  g_autofree char   *title = g_strdup_printf (_("Search %s"), id);
  g_autofree char   *at = time_text (lineup_search_get_created_at (search));
  g_autofree char   *by = report_clean_text (lineup_search_get_user (search));
  g_autofree char   *probe_id_text = int_text (lineup_search_get_probe_id (search));
  g_autofree char   *seq_text = int_text (seq);
  g_autofree char   *model = report_clean_text (lineup_search_get_model (search));
  g_autofree char   *model_sha = report_clean_text (lineup_search_get_model_sha256 (search));
  g_autofree char   *threshold = g_strdup_printf ("%.4f", lineup_search_get_threshold (search));
  g_autofree char   *top_k = int_text (lineup_search_get_top_k (search));
  g_autofree char   *gallery = int_text (lineup_search_get_gallery_size (search));
  g_autofree char   *probe_text = NULL;
  g_autofree char   *result = NULL;
  g_autofree char   *continued = g_strdup_printf (_("Candidates of search %s, continued"), id);
  gboolean           no_hit = lineup_search_get_no_hit (search);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  guint n_candidates = report_n_items (candidates);

  if (seq > 0)
    probe_text = g_strdup_printf (_("Probe %s after edit step %s"), probe_id_text, seq_text);
  else
    probe_text = g_strdup_printf (_("Probe %s, original (edit step 0)"), probe_id_text);
  if (no_hit)
    result = g_strdup (_("No hit: no gallery face was within the threshold"));
  else
    result = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u candidate within the threshold",
                                           "%u candidates within the threshold", n_candidates),
                              n_candidates);

  report_heading (r, title, FALSE);
  report_field (r, _("Time"), at, FONT_REGULAR);
  report_field (r, _("User"), by, FONT_REGULAR);
  report_field (r, _("Probe"), probe_text, FONT_REGULAR);
  report_field (r, _("Model"), model, FONT_REGULAR);
  report_field (r, _("Model SHA-256"), model_sha, FONT_MONO);
  report_field (r, _("Threshold"), threshold, FONT_REGULAR);
  report_field (r, _("Top-K"), top_k, FONT_REGULAR);
  report_field (r, _("Gallery size"), gallery, FONT_REGULAR);
  report_field (r, _("No hit"), no_hit ? _("yes") : _("no"), FONT_REGULAR);
  report_field (r, _("Result"), result, FONT_BOLD);
  r->y += 6;

  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    translated[c] = (Column){ _(cols[c].title), cols[c].weight, cols[c].font };
  for (guint i = 0; i < n_candidates; i++)
    {
      g_autoptr(LineupCandidate) cand = g_list_model_get_item (candidates, i);
      g_autoptr(LineupDecision) decision = latest_decision (search, lineup_candidate_get_rank (cand));
      char **cells = g_new0 (char *, G_N_ELEMENTS (cols) + 1);

      cells[0] = int_text (lineup_candidate_get_rank (cand));
      cells[1] = report_clean_text (lineup_candidate_get_booking_number (cand));
      cells[2] = report_clean_text (lineup_candidate_get_label (cand));
      cells[3] = g_strdup_printf ("%.4f", lineup_candidate_get_distance (cand));
      cells[4] = g_strdup_printf ("%.3f", lineup_candidate_get_similarity (cand));
      cells[5] = decision != NULL ? decision_label (decision) : g_strdup ("—");
      g_ptr_array_add (rows, cells);
    }
  if (rows->len > 0)
    {
      report_ensure_space (r, 60);
      report_paragraph (r, FONT_BOLD, BODY_SIZE, 0, _("All candidates, in rank order"));
      report_table (r, translated, G_N_ELEMENTS (cols), rows, continued);
      render_comparisons (r, search, probe);
    }
  else
    report_paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No candidates were listed."));
  r->y += 4;
  render_decisions (r, search);
}

static void
render_searches (Report        *r,
                 LineupDossier *dossier)
{
  GListModel *searches = lineup_dossier_get_searches (dossier);
  guint       n = report_n_items (searches);

  report_heading (r, _("Searches"), TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupSearch) search = g_list_model_get_item (searches, i);

      render_search (r, dossier, search);
    }
  if (n == 0)
    report_paragraph (r, FONT_ITALIC, BODY_SIZE, 0.3, _("No searches."));
}

static void
render_end (Report        *r,
            LineupDossier *dossier)
{
  g_autofree char *at = time_text (lineup_dossier_get_generated_at (dossier));
  g_autofree char *by = report_clean_text (lineup_dossier_get_generated_by (dossier));
  g_autofree char *end = g_strdup_printf (_("End of report. Generated %s by %s."),
                                          *at != '\0' ? at : "—", *by != '\0' ? by : "—");

  r->y += 16;
  report_paragraph (r, FONT_ITALIC, 8.5, 0.3, end);
}

static void
draw_footer (Report  *r,
             cairo_t *cr,
             guint    page,
             guint    n_pages)
{
  double           lh = FOOTER_SIZE * 1.3;
  double           top = PAGE_H - MARGIN_BOTTOM - r->footer->len * lh;
  g_autofree char *number = g_strdup_printf ("%u / %u", page, n_pages);

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, top - 5);
  cairo_line_to (cr, MARGIN + CONTENT_W, top - 5);
  cairo_stroke (cr);
  report_set_font (cr, FONT_REGULAR, FOOTER_SIZE);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  for (guint i = 0; i < r->footer->len; i++)
    report_show_line (cr, MARGIN, top + i * lh, FOOTER_SIZE, r->footer->pdata[i]);
  report_set_font (cr, FONT_BOLD, 8);
  report_show_line (cr, MARGIN + CONTENT_W - report_text_width (cr, number), top, 8, number);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
report_render_pdf (LineupDossier *dossier,
                   const char    *data_dir,
                   GError       **error)
{
  Report r = { 0 };
  g_autoptr(GByteArray) out = NULL;
  g_autofree char *title = NULL;
  const char      *statement;
  cairo_surface_t *pdf;
  cairo_status_t   status;
  cairo_t         *cr;

  statement = lineup_dossier_get_statement (dossier);
  r.data_dir = data_dir != NULL ? data_dir : ".";
  r.statement = report_clean_text (statement != NULL && *statement != '\0' ? statement : _(LINEUP_LEAD_STATEMENT));
  r.case_number = report_clean_text (lineup_case_get_number (lineup_dossier_get_case (dossier)));
  r.pages = g_ptr_array_new_with_free_func ((GDestroyNotify)cairo_surface_destroy);
  r.originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, report_unref_nullable);
  r.surfaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)cairo_surface_destroy);
  report_new_page (&r);
  report_set_font (r.cr, FONT_REGULAR, FOOTER_SIZE);
  r.footer = report_wrap_text (r.cr, r.statement, CONTENT_W - 60);
  report_limit_lines (r.footer, FOOTER_LINES);
  r.bottom = PAGE_H - MARGIN_BOTTOM - r.footer->len * FOOTER_SIZE * 1.3 - 16;

  render_title (&r, dossier);
  render_case (&r, dossier);
  render_probes (&r, dossier);
  render_searches (&r, dossier);
  render_end (&r, dossier);
  report_close_page (&r);
  if (r.status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_FAILED, _("Cannot draw the lead report: %s"),
                   cairo_status_to_string (r.status));
      report_clear (&r);
      return NULL;
    }

  out = g_byte_array_new ();
  pdf = cairo_pdf_surface_create_for_stream (append_bytes, out, PAGE_W, PAGE_H);
  title = g_strdup_printf (_("Investigative lead report, case %s"), r.case_number);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Lineup " PACKAGE_VERSION);
  cr = cairo_create (pdf);
  for (guint i = 0; i < r.pages->len; i++)
    {
      cairo_set_source_surface (cr, r.pages->pdata[i], 0, 0);
      cairo_paint (cr);
      draw_footer (&r, cr, i + 1, r.pages->len);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  report_clear (&r);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_FAILED, _("Cannot make the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ---- Files ---- */

gboolean
report_write_file (const char *path,
                   const void *data,
                   gsize       len,
                   GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot write %s: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lineup_report_write_pdf (LineupDossier *dossier,
                         const char    *data_dir,
                         const char    *pdf_path,
                         GError       **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (LINEUP_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = report_render_pdf (dossier, data_dir, error);
  if (pdf == NULL)
    return FALSE;
  return report_write_file (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}

gboolean
lineup_report_write_pdf_from_json (JsonNode   *dossier,
                                   const char *data_dir,
                                   const char *pdf_path,
                                   GError    **error)
{
  g_autoptr(LineupDossier) record = lineup_dossier_new_from_json (dossier, error);

  return record != NULL && lineup_report_write_pdf (record, data_dir, pdf_path, error);
}

gboolean
lineup_report_write_disclosure_from_json (JsonNode   *dossier,
                                          const char *data_dir,
                                          const char *folder,
                                          GError    **error)
{
  g_autoptr(LineupDossier) record = lineup_dossier_new_from_json (dossier, error);

  return record != NULL && lineup_report_write_disclosure (record, data_dir, folder, error);
}
