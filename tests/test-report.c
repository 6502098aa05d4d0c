/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c: the lead report (PDF) and the disclosure package, from a
 * dossier written by hand that points at real photos, a purged one, and
 * odd input. The PDF is checked through poppler (pdftoppm, pdftotext), the
 * package through sha256sum. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lineup-db-case.h"
#include "lineup-error.h"
#include "lineup-gallery.h"
#include "lineup-report.h"
#include "lineup-store.h"

#define CASE_NUMBER    "2024-ROB-0042"
#define MODEL_SHA      "9f1c2e5a7b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"
#define REVIEW_COMMENT "Approved as a lead only; corroborate with the till receipt"

typedef struct
{
  char   *tmp;
  char   *data_dir;
  char   *probe_sha;
  GBytes *probe_bytes;
  char   *gallery_sha[3];
  char   *purged_sha;
} Fixture;

static const char *gallery_files[] = {
  "lfw-devtrain/Aaron_Sorkin/Aaron_Sorkin_0002.jpg",
  "lfw-devtrain/AJ_Cook/AJ_Cook_0001.jpg",
  "lfw-devtrain/Aaron_Peirsol/Aaron_Peirsol_0001.jpg",
};
static const char *bookings[] = { "BK-2019-000781", "BK-2021-004410", "BK-2017-001234", "BK-2020-009876" };

static char *
face_path (const char *rel)
{
  const char *dir = g_getenv ("LINEUP_FACES_DIR");

  return g_build_filename (dir != NULL ? dir : "../shared/faces", rel, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static gboolean
fixture_set_up (Fixture  *f,
                gboolean  with_images)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *probe_file = face_path ("lfw-devtrain/Aaron_Sorkin/Aaron_Sorkin_0001.jpg");

  if (!g_file_test (probe_file, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the LFW test faces are not available");
      return FALSE;
    }
  f->tmp = g_dir_make_tmp ("lineup-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->data_dir, 0700), ==, 0);

  f->probe_bytes = read_bytes (probe_file);
  f->probe_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, f->probe_bytes);
  if (with_images)
    {
      g_autofree char *path = lineup_probe_store_path (f->data_dir, f->probe_sha);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_file_set_contents (path, g_bytes_get_data (f->probe_bytes, NULL), g_bytes_get_size (f->probe_bytes),
                           &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (gallery_files); i++)
    {
      g_autofree char *path = face_path (gallery_files[i]);
      g_autoptr(GBytes) bytes = read_bytes (path);

      f->gallery_sha[i] = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      if (with_images)
        {
          lineup_store_put (f->data_dir, f->gallery_sha[i], bytes, &error);
          g_assert_no_error (error);
        }
    }
  /* A booking photo purged since the search: its bytes are gone. */
  f->purged_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "purged booking photo", -1);
  return TRUE;
}

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture *f)
{
  /* LINEUP_KEEP_TMP keeps the files, to look at them. */
  if (f->tmp != NULL && g_getenv ("LINEUP_KEEP_TMP") == NULL)
    rm_rf (f->tmp);
  else if (f->tmp != NULL)
    g_test_message ("kept %s", f->tmp);
  g_free (f->tmp);
  g_free (f->data_dir);
  g_free (f->probe_sha);
  g_clear_pointer (&f->probe_bytes, g_bytes_unref);
  for (guint i = 0; i < G_N_ELEMENTS (f->gallery_sha); i++)
    g_free (f->gallery_sha[i]);
  g_free (f->purged_sha);
}

static JsonObject *
candidate (guint       rank,
           const char *booking,
           const char *label,
           const char *sha,
           double      distance)
{
  JsonObject *c = json_object_new ();
  JsonObject *subject = json_object_new ();
  JsonArray *box = json_array_new ();

  json_object_set_int_member (c, "rank", rank);
  json_object_set_double_member (c, "distance", distance);
  json_object_set_double_member (c, "similarity", 1.0 - distance);
  json_object_set_int_member (c, "face_id", 500 + rank);
  {
    g_autofree char *id = g_strdup_printf ("subject-%u", 300 + rank);
    json_object_set_string_member (subject, "id", id);
  }
  json_object_set_string_member (subject, "label", label);
  json_object_set_null_member (subject, "person_id");
  json_object_set_object_member (c, "subject", subject);
  json_object_set_string_member (c, "booking_number", booking);
  json_object_set_string_member (c, "photo_sha256", sha);
  json_object_set_string_member (c, "booking_date", "2019-02-11");
  /* LFW deep-funneled faces sit in the middle of a 250×250 photo. */
  json_array_add_int_element (box, 70);
  json_array_add_int_element (box, 65);
  json_array_add_int_element (box, 180);
  json_array_add_int_element (box, 185);
  json_object_set_array_member (c, "box", box);
  return c;
}

/* The dossier lineup_db_case_dossier_sync would give (every member it has,
 * so that the disclosure's dossier.json, written from the records, reads
 * back equal) for one probe with an
 * edit chain, a search with candidates, decisions and a review, and a
 * no-hit search; extra adds that many undecided candidates. */
static JsonNode *
make_dossier (Fixture *f,
              guint    extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "{\"case\":{\"id\":7,\"number\":\"" CASE_NUMBER "\",\"offence\":\"robbery\",\"offence_label\":\"Armed robbery\","
    "  \"reason\":\"Armed robbery at the corner shop on 3 May; still from the shop's camera.\","
    "  \"status\":\"open\",\"created_by\":\"det.miller\",\"created_at\":\"2024-05-03T09:12:44.123Z\","
    "  \"search_allowed\":true,\"searches\":2},"
    " \"probes\":[{\"id\":11,\"sha256\":\"%s\",\"source\":\"surveillance\",\"original_name\":\"shop-cam-0503.jpg\","
    "  \"user\":\"det.miller\",\"created_at\":\"2024-05-03T09:20:01.000Z\",\"edits\":["
    "   {\"seq\":1,\"op\":\"crop\",\"params\":{\"x\":40,\"y\":30,\"width\":170,\"height\":190},"
    "    \"user\":\"det.miller\",\"created_at\":\"2024-05-03T09:21:00.000Z\"},"
    "   {\"seq\":2,\"op\":\"mirror\",\"params\":{},\"user\":\"det.miller\",\"created_at\":\"2024-05-03T09:21:30.000Z\"},"
    "   {\"seq\":3,\"op\":\"brightness_contrast\",\"params\":{\"brightness\":15,\"contrast\":1.4},"
    "    \"user\":\"det.miller\",\"created_at\":\"2024-05-03T09:22:10.000Z\"}],\"removed_edits\":[]}],"
    " \"searches\":["
    "  {\"search_id\":21,\"case\":\"" CASE_NUMBER "\",\"probe_id\":11,\"probe_sha256\":\"%s\",\"edit_seq\":3,"
    "   \"model\":\"dlib-resnet-v1\",\"probe_edits\":[{\"seq\":1,\"op\":\"crop\","
    "    \"params\":{\"x\":40,\"y\":30,\"width\":170,\"height\":190}},{\"seq\":2,\"op\":\"mirror\",\"params\":{}},"
    "    {\"seq\":3,\"op\":\"brightness_contrast\",\"params\":{\"brightness\":15,\"contrast\":1.4}}],"
    "   \"model_sha256\":\"" MODEL_SHA "\",\"threshold\":0.6,\"top_k\":10,\"gallery_size\":5484,\"no_hit\":false,"
    "   \"created_at\":\"2024-05-03T09:25:00.000Z\",\"user\":\"det.miller\",\"candidates\":[],\"groups\":[],"
    "   \"decisions\":["
    "    {\"id\":31,\"rank\":1,\"decision\":\"possible_lead\","
    "     \"note\":\"Same ear shape and a scar above the left eyebrow; needs corroboration.\","
    "     \"user\":\"det.miller\",\"created_at\":\"2024-05-03T09:40:00.000Z\","
    "     \"review\":{\"verdict\":\"approved\",\"comment\":\"" REVIEW_COMMENT "\",\"user\":\"sgt.okafor\","
    "      \"created_at\":\"2024-05-03T11:02:00.000Z\"}},"
    "    {\"id\":32,\"rank\":2,\"decision\":\"not_a_match\",\"note\":\"Different jaw line and nose.\","
    "     \"user\":\"det.miller\",\"created_at\":\"2024-05-03T09:41:00.000Z\",\"review\":null},"
    "    {\"id\":33,\"rank\":3,\"decision\":\"inconclusive\",\"note\":\"\","
    "     \"user\":\"det.miller\",\"created_at\":\"2024-05-03T09:42:00.000Z\",\"review\":null}]},"
    "  {\"search_id\":22,\"case\":\"" CASE_NUMBER "\",\"probe_id\":11,\"probe_sha256\":\"%s\",\"edit_seq\":0,"
    "   \"model\":\"dlib-resnet-v1\",\"probe_edits\":[],"
    "   \"model_sha256\":\"" MODEL_SHA "\",\"threshold\":0.45,\"top_k\":10,\"gallery_size\":5484,\"no_hit\":true,"
    "   \"created_at\":\"2024-05-03T10:05:00.000Z\",\"user\":\"det.miller\",\"candidates\":[],\"groups\":[],"
    "   \"decisions\":[]}],"
    " \"generated_at\":\"2024-05-04T08:00:00.000Z\",\"generated_by\":\"det.miller\","
    " \"statement\":\"A candidate is an investigative lead, not a positive identification. "
    "It must not be the sole basis for an arrest.\"}",
    f->probe_sha, f->probe_sha, f->probe_sha);
  JsonNode *root = json_from_string (text, &error);
  JsonObject *search;
  JsonArray *candidates;

  g_assert_no_error (error);
  search = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "searches"), 0);
  candidates = json_object_get_array_member (search, "candidates");
  json_array_add_object_element (candidates, candidate (1, bookings[0], "Sorkin, Aaron", f->gallery_sha[0], 0.3812));
  json_array_add_object_element (candidates, candidate (2, bookings[1], "Cook, AJ", f->gallery_sha[1], 0.4977));
  json_array_add_object_element (candidates, candidate (3, bookings[2], "Doe, John", f->purged_sha, 0.5304));
  json_array_add_object_element (candidates, candidate (4, bookings[3], "Peirsol, Aaron", f->gallery_sha[2], 0.5712));
  for (guint i = 0; i < extra; i++)
    {
      g_autofree char *booking = g_strdup_printf ("BK-X-%04u", i);
      g_autofree char *label = g_strdup_printf ("Extra subject number %u with a long label to wrap", i);

      json_array_add_object_element (candidates, candidate (5 + i, booking, label, f->gallery_sha[2],
                                                            0.58 + i * 0.0001));
    }
  return root;
}

/* Runs a program; returns its stdout (NULL if it failed). */
static char *
run (const char * const *argv,
     const char         *cwd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (cwd, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", argv[0], err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftoppm");
  g_autofree char *b = g_find_program_in_path ("pdftotext");

  if (a == NULL || b == NULL)
    {
      g_test_skip ("poppler-utils (pdftoppm, pdftotext) are not installed");
      return FALSE;
    }
  return TRUE;
}

/* pdftotext's text with every run of white space made one space. */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = run (argv, NULL);
  g_autoptr(GString) flat = g_string_new (NULL);

  g_assert_nonnull (out);
  for (const char *p = out; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      {
        if (flat->len > 0 && flat->str[flat->len - 1] != ' ')
          g_string_append_c (flat, ' ');
      }
    else
      g_string_append_c (flat, *p);
  return g_string_free (g_steal_pointer (&flat), FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/* Renders every page at 50 dpi; returns the PNG paths in page order. */
static GPtrArray *
render_pages (const char *pdf,
              const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "50", "-png", pdf, prefix, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GDir) d = NULL;
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  out = run (argv, NULL);
  g_assert_nonnull (out);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "page-") && g_str_has_suffix (name, ".png"))
      g_ptr_array_add (pages, g_build_filename (dir, name, NULL));
  /* pdftoppm pads the numbers, so names sort in page order. */
  g_ptr_array_sort (pages, compare_paths);
  return pages;
}

/* Share of the page's pixels that are dark (text, photos, rules). */
static double
dark_fraction (const char *png)
{
  cairo_surface_t *s = cairo_image_surface_create_from_png (png);
  int w, h, stride;
  guint8 *data;
  guint64 dark = 0;

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (s);
  w = cairo_image_surface_get_width (s);
  h = cairo_image_surface_get_height (s);
  stride = cairo_image_surface_get_stride (s);
  data = cairo_image_surface_get_data (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = ((guint32 *)(data + (gsize)y * stride))[x];
        guint lum = (((px >> 16) & 0xff) * 3 + ((px >> 8) & 0xff) * 6 + (px & 0xff)) / 10;

        if (lum < 128)
          dark++;
      }
  cairo_surface_destroy (s);
  return (double)dark / ((double)w * h);
}

static void
save_screenshots (const char *pdf)
{
  const char *dir = g_getenv ("LINEUP_SCREENSHOT_DIR");
  g_autofree char *prefix = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  prefix = g_build_filename (dir, "report-page", NULL);
  {
    const char *argv[] = { "pdftoppm", "-r", "80", "-f", "1", "-l", "3", "-png", pdf, prefix, NULL };
    g_autofree char *out = run (argv, NULL);

    g_assert_nonnull (out);
  }
}

/* Reads pdftotext -bbox's words of one page. */
typedef struct
{
  double ymin;
  double ymax;
  double xmax;
  char   text[64];
} Word;

static GArray *
page_words (const char *page)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));

  for (const char *p = strstr (page, "<word "); p != NULL; p = strstr (p + 1, "<word "))
    {
      const char *ymin = strstr (p, "yMin=\"");
      const char *ymax = strstr (p, "yMax=\"");
      const char *xmax = strstr (p, "xMax=\"");
      const char *text = strchr (p, '>');
      const char *close = strstr (p, "</word>");
      Word w = { 0 };

      g_assert_true (ymin != NULL && ymax != NULL && xmax != NULL && text != NULL && close != NULL);
      w.ymin = g_ascii_strtod (ymin + 6, NULL);
      w.ymax = g_ascii_strtod (ymax + 6, NULL);
      w.xmax = g_ascii_strtod (xmax + 6, NULL);
      g_strlcpy (w.text, text + 1, MIN ((gsize)(close - text), sizeof w.text));
      g_array_append_val (words, w);
    }
  return words;
}

/* Every page has its "N / M" in the footer, and no text of the body comes
 * near the footer: the body keeps its bottom margin. */
static void
assert_bottom_margin_kept (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *out = run (argv, NULL);
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  g_assert_nonnull (out);
  pages = g_strsplit (out, "<page ", -1);
  for (guint i = 1; pages[i] != NULL; i++)
    {
      g_autoptr(GArray) words = page_words (pages[i]);
      double footer_top = -1;

      n_pages++;
      /* The page number: digits and a slash at the bottom right. */
      for (guint k = 0; k < words->len; k++)
        {
          Word *w = &g_array_index (words, Word, k);

          if (strchr (w->text, '/') != NULL && strspn (w->text, "0123456789/") == strlen (w->text) &&
              w->xmax > 500 && w->ymin > 700)
            footer_top = w->ymin;
        }
      g_assert_cmpfloat (footer_top, >, 0);
      for (guint k = 0; k < words->len; k++)
        {
          Word *w = &g_array_index (words, Word, k);

          g_assert_cmpfloat (w->ymax, <, 841.9);
          if (w->ymin < footer_top - 2 && w->ymax > footer_top - 8)
            g_error ("page %u: “%s” (%.1f…%.1f pt) runs into the footer at %.1f pt", n_pages, w->text,
                     w->ymin, w->ymax, footer_top);
        }
    }
  g_assert_cmpuint (n_pages, >=, 2);
}

static void
test_pdf (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dossier = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *pages_dir = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler () || !fixture_set_up (&f, TRUE))
    return;
  dossier = make_dossier (&f, 0);
  pdf = g_build_filename (f.tmp, "report.pdf", NULL);
  g_assert_true (lineup_report_write_pdf_from_json (dossier, f.data_dir, pdf, &error));
  g_assert_no_error (error);

  pages_dir = g_build_filename (f.tmp, "pages", NULL);
  pages = render_pages (pdf, pages_dir);
  g_assert_cmpuint (pages->len, >=, 2);
  for (guint i = 0; i < pages->len; i++)
    {
      double dark = dark_fraction (pages->pdata[i]);

      g_test_message ("page %u: %.2f%% dark", i + 1, dark * 100);
      g_assert_cmpfloat (dark, >, 0.003);
    }

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Investigative lead report"));
  g_assert_nonnull (strstr (text, CASE_NUMBER));
  for (guint i = 0; i < G_N_ELEMENTS (bookings); i++)
    g_assert_nonnull (strstr (text, bookings[i]));
  g_assert_nonnull (strstr (text, MODEL_SHA));
  g_assert_nonnull (strstr (text, f.probe_sha));
  g_assert_nonnull (strstr (text, REVIEW_COMMENT));
  g_assert_nonnull (strstr (text, "sgt.okafor"));
  g_assert_nonnull (strstr (text, "Same ear shape"));
  g_assert_nonnull (strstr (text, "Possible lead"));
  g_assert_nonnull (strstr (text, "Not a match"));
  g_assert_nonnull (strstr (text, "No hit"));
  g_assert_nonnull (strstr (text, "brightness=15"));
  /* The statement: in the banner and in every page's footer. */
  g_assert_cmpuint (count_occurrences (text, "not a positive identification"), >=, pages->len + 1);
  /* Page numbers (pdftotext may drop the spaces around the slash). */
  {
    g_autofree char *compact = g_strdup (text);
    g_autofree char *first = g_strdup_printf ("1/%u", pages->len);
    g_autofree char *last = g_strdup_printf ("%u/%u", pages->len, pages->len);
    char *to = compact;

    for (const char *from = text; *from != '\0'; from++)
      if (*from != ' ')
        *to++ = *from;
    *to = '\0';
    g_assert_nonnull (strstr (compact, first));
    g_assert_nonnull (strstr (compact, last));
  }
  /* Every image but the purged booking photo was found and drawn. */
  g_assert_cmpuint (count_occurrences (text, "image not available"), ==, 1);
  assert_bottom_margin_kept (pdf);
  save_screenshots (pdf);
  fixture_tear_down (&f);
}

/* Probe and gallery photos all gone: still a report, with grey boxes. */
static void
test_missing_images (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dossier = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *sums = NULL;
  g_autofree char *probes = NULL;
  const char *argv[] = { "sha256sum", "--quiet", "-c", "SHA256SUMS", NULL };
  g_autofree char *out = NULL;

  if (!have_poppler () || !fixture_set_up (&f, FALSE))
    return;
  dossier = make_dossier (&f, 0);
  pdf = g_build_filename (f.tmp, "report.pdf", NULL);
  g_assert_true (lineup_report_write_pdf_from_json (dossier, f.data_dir, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, CASE_NUMBER));
  /* Original, last edit, and probe and candidate for three decisions. */
  g_assert_cmpuint (count_occurrences (text, "image not available"), ==, 8);

  folder = g_build_filename (f.tmp, "package", NULL);
  g_assert_true (lineup_report_write_disclosure_from_json (dossier, f.data_dir, folder, &error));
  g_assert_no_error (error);
  probes = g_build_filename (folder, "probes", NULL);
  g_assert_true (g_file_test (probes, G_FILE_TEST_IS_DIR));
  {
    g_autoptr(GDir) d = g_dir_open (probes, 0, NULL);
    g_assert_null (g_dir_read_name (d));
  }
  /* What is missing is said, and covered by the checksums. */
  {
    g_autofree char *missing_path = g_build_filename (folder, "MISSING.txt", NULL);
    g_autofree char *missing = NULL;
    g_file_get_contents (missing_path, &missing, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (missing, "not in this workstation's store"));
  }
  sums = g_build_filename (folder, "SHA256SUMS", NULL);
  g_file_get_contents (sums, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_occurrences (out, "\n"), ==, 3);
  g_assert_nonnull (strstr (out, "MISSING.txt"));
  g_clear_pointer (&out, g_free);
  out = run (argv, folder);
  g_assert_nonnull (out);
  fixture_tear_down (&f);
}

static void
assert_sums_verify (const char *folder,
                    guint       n_files)
{
  const char *argv[] = { "sha256sum", "--quiet", "--strict", "-c", "SHA256SUMS", NULL };
  g_autofree char *sums_path = g_build_filename (folder, "SHA256SUMS", NULL);
  g_autofree char *sums = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (sums_path, &sums, NULL, &error);
  g_assert_no_error (error);
  /* Checked here too, so the test does not rest on sha256sum alone. */
  lines = g_strsplit (sums, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *sum = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (*lines[i] == '\0')
        continue;
      g_assert_cmpuint (strlen (lines[i]), >, 66);
      g_assert_true (lines[i][64] == ' ' && lines[i][65] == ' ');
      path = g_build_filename (folder, lines[i] + 66, NULL);
      bytes = read_bytes (path);
      sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      g_assert_true (strncmp (lines[i], sum, 64) == 0);
      n++;
    }
  g_assert_cmpuint (n, ==, n_files);
  out = run (argv, folder);
  g_assert_nonnull (out);
}

static cairo_surface_t *
load_png (const char *folder,
          const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  cairo_surface_t *s = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (s);
  return s;
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  guint8 *data = cairo_image_surface_get_data (s);

  return ((guint32 *)(data + (gsize)y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
}

static void
test_disclosure (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dossier = NULL;
  g_autoptr(JsonNode) reread = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *original = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  char *edit_name[3];
  g_autoptr(GBytes) copied = NULL;
  g_autofree char *json = NULL;
  cairo_surface_t *e1, *e2, *e3;
  int w, h;
  guint differ = 0;

  if (!fixture_set_up (&f, TRUE))
    return;
  dossier = make_dossier (&f, 0);
  folder = g_build_filename (f.tmp, "out", "disclosure", NULL);
  g_assert_true (lineup_report_write_disclosure_from_json (dossier, f.data_dir, folder, &error));
  g_assert_no_error (error);

  pdf_path = g_build_filename (folder, "lead-report.pdf", NULL);
  {
    g_autoptr(GBytes) pdf = read_bytes (pdf_path);
    g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
    g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
  }
  json_path = g_build_filename (folder, "dossier.json", NULL);
  g_file_get_contents (json_path, &json, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\n  \"case\""));   /* pretty-printed */
  reread = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (reread, dossier));

  /* The exact original bytes, named by the sniffed format. */
  original = g_strdup_printf ("%s/probes/%s-original.jpg", folder, f.probe_sha);
  copied = read_bytes (original);
  g_assert_true (g_bytes_equal (copied, f.probe_bytes));

  for (guint i = 0; i < 3; i++)
    edit_name[i] = g_strdup_printf ("probes/%s-edit-%u.png", f.probe_sha, i + 1);
  e1 = load_png (folder, edit_name[0]);
  e2 = load_png (folder, edit_name[1]);
  e3 = load_png (folder, edit_name[2]);
  /* Step 1 crops 170×190; step 2 mirrors it; step 3 changes the tones. */
  w = cairo_image_surface_get_width (e1);
  h = cairo_image_surface_get_height (e1);
  g_assert_cmpint (w, ==, 170);
  g_assert_cmpint (h, ==, 190);
  g_assert_cmpint (cairo_image_surface_get_width (e2), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (e3), ==, h);
  for (int y = 0; y < h; y += 7)
    for (int x = 0; x < w; x += 5)
      {
        g_assert_cmphex (pixel (e2, x, y), ==, pixel (e1, w - 1 - x, y));
        differ += pixel (e3, x, y) != pixel (e2, x, y);
      }
  g_assert_cmpuint (differ, >, 100);
  cairo_surface_destroy (e1);
  cairo_surface_destroy (e2);
  cairo_surface_destroy (e3);
  for (guint i = 0; i < 3; i++)
    g_free (edit_name[i]);

  /* PDF, JSON, the original and three edits. */
  assert_sums_verify (folder, 6);

  /* A second package into the same (now full) folder is refused. */
  g_assert_false (lineup_report_write_disclosure_from_json (dossier, f.data_dir, folder, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);

  /* A file as the target is refused; an existing empty folder is fine. */
  g_assert_false (lineup_report_write_disclosure_from_json (dossier, f.data_dir, pdf_path, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, pdf_path));
  g_clear_error (&error);
  {
    g_autofree char *empty = g_build_filename (f.tmp, "empty", NULL);

    g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
    g_assert_true (lineup_report_write_disclosure_from_json (dossier, f.data_dir, empty, &error));
    g_assert_no_error (error);
    assert_sums_verify (empty, 6);
  }
  fixture_tear_down (&f);
}

/* A long candidate table runs over several pages, each with its header. */
static void
test_long_table (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dossier = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *pages_dir = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler () || !fixture_set_up (&f, TRUE))
    return;
  dossier = make_dossier (&f, 90);
  pdf = g_build_filename (f.tmp, "long.pdf", NULL);
  g_assert_true (lineup_report_write_pdf_from_json (dossier, f.data_dir, pdf, &error));
  g_assert_no_error (error);
  pages_dir = g_build_filename (f.tmp, "pages", NULL);
  pages = render_pages (pdf, pages_dir);
  g_assert_cmpuint (pages->len, >=, 4);
  text = pdf_text (pdf);
  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *booking = g_strdup_printf ("BK-X-%04u", i);
      g_assert_nonnull (strstr (text, booking));
    }
  g_assert_nonnull (strstr (text, "Candidates of search 21, continued"));
  g_assert_cmpuint (count_occurrences (text, "Booking number"), >=, 3);
  assert_bottom_margin_kept (pdf);
  fixture_tear_down (&f);
}

/* Whatever the dossier holds, a report comes out (or a clear error for a
 * dossier that is not an object), and nothing criticals: the test runs
 * with G_DEBUG=fatal-warnings. */
static void
test_odd_input (void)
{
  static const char *odd[] = {
    "{}",
    "{\"case\":5,\"probes\":\"x\",\"searches\":{},\"statement\":3,\"generated_at\":[1,2]}",
    "{\"case\":{\"number\":null,\"created_at\":\"not a time\"},\"probes\":[1,null,"
    " {\"id\":\"a\",\"sha256\":\"../../../etc/passwd\",\"edits\":[{\"seq\":\"1\",\"op\":7,\"params\":[1]}]},"
    " {\"id\":2,\"sha256\":\"%s\",\"edits\":[{\"seq\":1,\"op\":\"crop\",\"params\":{\"x\":200,\"y\":0,"
    "  \"width\":400,\"height\":20}},{\"seq\":2,\"op\":\"explode\"}]}],"
    " \"searches\":[1,null,\"s\",{\"candidates\":[1,{\"rank\":\"x\",\"box\":[1],\"subject\":3,"
    "  \"photo_sha256\":\"\"},{\"rank\":1,\"box\":[\"a\",2,3,4],\"photo_sha256\":\"%s\"}],"
    "  \"decisions\":[{\"rank\":1,\"review\":5},{\"rank\":\"1\",\"note\":{\"a\":[]}}],"
    "  \"edit_seq\":99999999999,\"probe_id\":2,\"no_hit\":\"yes\",\"threshold\":\"0.5\"}],"
    " \"statement\":\"\"}",
  };
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) array = json_from_string ("[1,2]", NULL);
  g_autofree char *pdf = NULL;

  if (!fixture_set_up (&f, TRUE))
    return;
  pdf = g_build_filename (f.tmp, "odd.pdf", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *text = g_strdup_printf (odd[i], f.probe_sha, f.gallery_sha[0]);
      g_autoptr(JsonNode) dossier = json_from_string (text, &error);
      g_autofree char *folder = g_strdup_printf ("%s/odd-%u", f.tmp, i);
      g_autoptr(GBytes) bytes = NULL;

      g_assert_no_error (error);
      g_assert_true (lineup_report_write_pdf_from_json (dossier, f.data_dir, pdf, &error));
      g_assert_no_error (error);
      bytes = read_bytes (pdf);
      g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), "%PDF-", 5) == 0);
      g_assert_true (lineup_report_write_disclosure_from_json (dossier, f.data_dir, folder, &error));
      g_assert_no_error (error);
    }
  g_assert_false (lineup_report_write_pdf_from_json (array, f.data_dir, pdf, &error));
  g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* An unwritable target names the file. */
  {
    g_autofree char *text = g_strdup_printf ("{\"case\":{\"number\":\"%s\"}}", CASE_NUMBER);
    g_autoptr(JsonNode) dossier = json_from_string (text, NULL);
    g_autofree char *bad = g_build_filename (f.tmp, "no-such-dir", "report.pdf", NULL);

    g_assert_false (lineup_report_write_pdf_from_json (dossier, f.data_dir, bad, &error));
    g_assert_error (error, LINEUP_ERROR, LINEUP_ERROR_IO);
    g_assert_nonnull (strstr (error->message, bad));
  }
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/missing-images", test_missing_images);
  g_test_add_func ("/report/disclosure", test_disclosure);
  g_test_add_func ("/report/long-table", test_long_table);
  g_test_add_func ("/report/odd-input", test_odd_input);
  return g_test_run ();
}
