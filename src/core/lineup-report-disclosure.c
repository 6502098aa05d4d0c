/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-report-disclosure.c: the disclosure package: the lead report,
 * the dossier as JSON, the original and edited probes, what could not be
 * included, and SHA256SUMS over it all. */
#define G_LOG_DOMAIN "lineup-report"

#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lineup-db-case.h"
#include "lineup-error.h"
#include "lineup-image.h"
#include "lineup-report.h"
#include "lineup-report-private.h"

/* The folder must be new or empty: a package never mixes with other files. */
static gboolean
check_folder (const char *folder,
              GError    **error)
{
  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GDir) dir = NULL;

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS, _("%s exists and is not a folder"), folder);
          return FALSE;
        }
      dir = g_dir_open (folder, 0, &local);
      if (dir == NULL)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot read the folder %s: %s"), folder,
                       local->message);
          return FALSE;
        }
      if (g_dir_read_name (dir) != NULL)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_EXISTS,
                       _("The folder %s is not empty; choose a new or empty folder for the disclosure package"),
                       folder);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
make_folder (const char *folder,
             GError    **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot create %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static const char *
extension_for_format (const char *format)
{
  if (g_strcmp0 (format, "jpeg") == 0)
    return "jpg";
  if (g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "webp") == 0 || g_strcmp0 (format, "bmp") == 0 ||
      g_strcmp0 (format, "gif") == 0)
    return format;
  if (g_strcmp0 (format, "tiff") == 0)
    return "tif";
  return "bin";
}

static gboolean
write_member (const char *folder,
              const char *name,
              const void *data,
              gsize       len,
              GPtrArray  *files,
              GError    **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (!report_write_file (path, data, len, error))
    return FALSE;
  g_ptr_array_add (files, g_strdup (name));
  return TRUE;
}

/* The exact original bytes and a PNG after each edit step. A probe whose
 * original is gone is skipped: the report already says so. */
static gboolean
write_probe_files (const char        *folder,
                   const char        *data_dir,
                   LineupProbeRecord *probe,
                   GPtrArray         *files,
                   GString           *missing,
                   GError           **error)
{
  const char      *sha = lineup_probe_record_get_sha256 (probe);
  g_autofree char *store = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LineupImage) original = NULL;
  g_autoptr(GArray) seqs = NULL;
  char       *contents = NULL;
  const char *format = NULL;
  guint       w, h;
  gsize       len = 0;

  if (!report_valid_sha256 (sha))
    {
      g_string_append_printf (missing, _("probe with an invalid sha256 “%s”: not included\n"), sha ? sha : "");
      return TRUE;
    }
  store = lineup_probe_store_path (data_dir, sha);
  if (!g_file_get_contents (store, &contents, &len, NULL))
    {
      g_string_append_printf (missing, _("probe %s: the original is not in this workstation's store; "
                                         "neither it nor its edited versions are included\n"),
                              sha);
      return TRUE;
    }
  bytes = g_bytes_new_take (contents, len);
  if (!lineup_image_sniff (g_bytes_get_data (bytes, NULL), len, &format, &w, &h))
    format = NULL;
  name = g_strdup_printf ("probes%c%s-original.%s", G_DIR_SEPARATOR, sha, extension_for_format (format));
  if (!write_member (folder, name, g_bytes_get_data (bytes, NULL), len, files, error))
    return FALSE;

  original = lineup_image_new_from_bytes (bytes, store, LINEUP_IMAGE_DEFAULT_MAX_PIXELS, NULL);
  if (original == NULL)
    {
      g_string_append_printf (missing, _("probe %s: the original could not be decoded; its edited versions "
                                         "are not included\n"),
                              sha);
      return TRUE;
    }
  seqs = report_edit_seqs (probe);
  for (guint i = 0; i < seqs->len; i++)
    {
      gint64 seq = g_array_index (seqs, gint64, i);
      g_autoptr(LineupImage) edited = report_probe_edited (original, probe, seq, NULL);
      g_autofree char *edit_name = NULL;
      g_autofree char *path = NULL;
      cairo_surface_t *surface;
      cairo_status_t   status;

      if (edited == NULL)
        {
          g_string_append_printf (missing, _("probe %s: edit step %" G_GINT64_FORMAT " could not be "
                                             "replayed; that version is not included\n"),
                                  sha, seq);
          continue;
        }
      surface = report_surface_from_shim (lineup_image_get_shim (edited), 0);
      if (surface == NULL)
        continue;
      edit_name = g_strdup_printf ("probes%c%s-edit-%" G_GINT64_FORMAT ".png", G_DIR_SEPARATOR, sha, seq);
      path = g_build_filename (folder, edit_name, NULL);
      status = cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot write %s: %s"), path,
                       cairo_status_to_string (status));
          return FALSE;
        }
      g_ptr_array_add (files, g_steal_pointer (&edit_name));
    }
  return TRUE;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* SHA256SUMS in sha256sum's format, from the bytes now on disk. */
static gboolean
write_sums (const char *folder,
            GPtrArray  *files,
            GError    **error)
{
  g_autoptr(GString) sums = g_string_new (NULL);
  g_autofree char *path = g_build_filename (folder, "SHA256SUMS", NULL);

  g_ptr_array_sort (files, compare_names);
  for (guint i = 0; i < files->len; i++)
    {
      const char      *name = files->pdata[i];
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sum = NULL;
      g_autofree char *portable = g_strdup (name);
      g_autoptr(GError) local = NULL;
      gsize len;

      if (!g_file_get_contents (file, &contents, &len, &local))
        {
          g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("Cannot read %s: %s"), file, local->message);
          return FALSE;
        }
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
      g_strdelimit (portable, G_DIR_SEPARATOR_S, '/');
      g_string_append_printf (sums, "%s  %s\n", sum, portable);
    }
  return report_write_file (path, sums->str, sums->len, error);
}

gboolean
lineup_report_write_disclosure (LineupDossier *dossier,
                                const char    *data_dir,
                                const char    *folder,
                                GError       **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *json = NULL;
  g_autofree char *probes_dir = NULL;
  g_autoptr(JsonNode) root = NULL;
  GListModel *probes;
  gsize       json_len = 0;

  g_return_val_if_fail (LINEUP_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data_dir == NULL)
    data_dir = ".";
  if (!check_folder (folder, error))
    return FALSE;
  /* Render before creating anything: a failure leaves no folder behind. */
  pdf = report_render_pdf (dossier, data_dir, error);
  if (pdf == NULL)
    return FALSE;
  if (!make_folder (folder, error))
    return FALSE;
  if (!write_member (folder, "lead-report.pdf", g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), files,
                     error))
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  root = lineup_dossier_to_json (dossier);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &json_len);
  if (!write_member (folder, "dossier.json", json, json_len, files, error))
    return FALSE;

  probes_dir = g_build_filename (folder, "probes", NULL);
  if (!make_folder (probes_dir, error))
    return FALSE;
  probes = lineup_dossier_get_probes (dossier);
  for (guint i = 0; i < report_n_items (probes); i++)
    {
      g_autoptr(LineupProbeRecord) probe = g_list_model_get_item (probes, i);
      const char *sha = lineup_probe_record_get_sha256 (probe);

      if (sha == NULL || g_hash_table_contains (done, sha))
        continue;
      g_hash_table_add (done, g_strdup (sha));
      if (!write_probe_files (folder, data_dir, probe, files, missing, error))
        return FALSE;
    }
  /* Whatever could not be included is said, not silently left out. */
  if (missing->len > 0 &&
      !write_member (folder, "MISSING.txt", missing->str, missing->len, files, error))
    return FALSE;
  return write_sums (folder, files, error);
}
