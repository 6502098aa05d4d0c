/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-import-source.c: what a bulk import reads — a CSV manifest (one
 * booking photo a row, bad rows rejected with their reason) or a folder of
 * photos — before any face engine runs. */
#define G_LOG_DOMAIN "lineup-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lineup-csv.h"
#include "lineup-error.h"
#include "lineup-import-private.h"
#include "lineup-paths.h"

/* reading the source */

static const char *const known_columns[] = {
  "booking_number", "photo", "person_id", "booking_date", "last_name", "first_name",
  "date_of_birth", "sex", "race", "agency", "charge", NULL
};

static gboolean
valid_date (const char *s)
{
  int  y, m, d;
  char tail;

  if (s == NULL || *s == '\0')
    return TRUE;
  if (sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (s) != 10)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

static char *
nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? g_strdup (s) : NULL;
}

void
lineup_import_validate_record (LineupBookingRecord *r)
{
  if (r->booking_number == NULL || r->source == NULL)
    lineup_booking_record_set (r, LINEUP_RECORD_REJECTED, "MISSING_FIELD");
  else if (!valid_date (r->booking_date) || !valid_date (r->date_of_birth))
    lineup_booking_record_set (r, LINEUP_RECORD_REJECTED, "MALFORMED_DATE");
  else if (!g_file_test (r->source, G_FILE_TEST_IS_REGULAR))
    lineup_booking_record_set (r, LINEUP_RECORD_REJECTED, "MISSING_FILE");
}

static void
reject (GPtrArray           *out,
        LineupBookingRecord *r,
        const char          *reason)
{
  lineup_booking_record_set (r, LINEUP_RECORD_REJECTED, reason);
  g_ptr_array_add (out, r);
}

static GPtrArray *
read_csv (const char *path,
          GError    **error)
{
  g_autoptr(LineupCsv) csv = lineup_csv_new_from_file (path, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)lineup_booking_record_free);
  g_autofree char *dir = g_path_get_dirname (path);
  g_auto(GStrv) header = NULL;
  g_autoptr(GError) local_error = NULL;
  int   col[G_N_ELEMENTS (known_columns)];
  guint n_cols, line;

  if (csv == NULL)
    return NULL;
  header = lineup_csv_next (csv, &line, error);
  if (header == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                     _("%s: the manifest is empty"), path);
      return NULL;
    }
  n_cols = g_strv_length (header);
  for (guint k = 0; known_columns[k]; k++)
    {
      col[k] = -1;
      for (guint c = 0; c < n_cols; c++)
        if (g_ascii_strcasecmp (g_strstrip (header[c]), known_columns[k]) == 0)
          col[k] = c;
    }
  if (col[0] < 0 || col[1] < 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("%s: the header must have the columns booking_number and photo"), path);
      return NULL;
    }

  for (;;)
    {
      g_auto(GStrv) f = lineup_csv_next (csv, &line, &local_error);
      LineupBookingRecord *r;
      g_autoptr(JsonBuilder) extra = NULL;
      gboolean has_extra = FALSE;

      if (f == NULL)
        {
          if (local_error != NULL)
            {
              /* An unclosed quote swallows the rest of the file: report it
               * as one bad row and keep what came before. */
              r = lineup_booking_record_new ();
              r->row = line;
              r->detail = g_strdup (local_error->message);
              reject (out, r, "BAD_ROW");
            }
          break;
        }
      r = lineup_booking_record_new ();
      r->row = line;
      if (g_strv_length (f) != n_cols)
        {
          r->detail = g_strdup_printf (_("%u fields, the header has %u"), g_strv_length (f), n_cols);
          reject (out, r, "BAD_ROW");
          continue;
        }
#define FIELD(k) (col[k] >= 0 ? f[col[k]] : NULL)
      r->booking_number = nonempty (FIELD (0));
      if (FIELD (1) && *FIELD (1))
        r->source = g_path_is_absolute (FIELD (1)) ? g_strdup (FIELD (1))
                                                   : g_build_filename (dir, FIELD (1), NULL);
      r->person_id = nonempty (FIELD (2));
      r->booking_date = nonempty (FIELD (3));
      r->last_name = nonempty (FIELD (4));
      r->first_name = nonempty (FIELD (5));
      r->date_of_birth = nonempty (FIELD (6));
      r->sex = nonempty (FIELD (7));
      r->race = nonempty (FIELD (8));
      r->agency = nonempty (FIELD (9));
      r->charge = nonempty (FIELD (10));
#undef FIELD
      if (r->last_name || r->first_name)
        r->label = g_strdup_printf ("%s%s%s", r->last_name ? r->last_name : "",
                                    r->last_name && r->first_name ? ", " : "",
                                    r->first_name ? r->first_name : "");
      extra = json_builder_new ();
      json_builder_begin_object (extra);
      for (guint c = 0; c < n_cols; c++)
        {
          gboolean known = FALSE;
          for (guint k = 0; known_columns[k]; k++)
            known |= col[k] == (int)c;
          if (!known && *header[c])
            {
              json_builder_set_member_name (extra, header[c]);
              json_builder_add_string_value (extra, f[c]);
              has_extra = TRUE;
            }
        }
      json_builder_end_object (extra);
      if (has_extra)
        {
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          g_autoptr(JsonNode) root = json_builder_get_root (extra);
          json_generator_set_root (gen, root);
          r->extra_json = json_generator_to_data (gen, NULL);
        }

      lineup_import_validate_record (r);
      g_ptr_array_add (out, r);
    }
  return g_steal_pointer (&out);
}

static gboolean
looks_like_image (const char *name)
{
  static const char *ext[] = { ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", NULL };
  g_autofree char   *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; ext[i]; i++)
    if (g_str_has_suffix (lower, ext[i]))
      return TRUE;
  return FALSE;
}

static GPtrArray *
read_folder (const char *path,
             GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)lineup_booking_record_free);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  const char *name;
  guint       row = 0;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *sub = g_build_filename (path, name, NULL);
      if (g_file_test (sub, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (people, g_strdup (name));
    }
  lineup_sort_strings (people);
  for (guint p = 0; p < people->len; p++)
    {
      g_autofree char *sub = g_build_filename (path, people->pdata[p], NULL);
      g_autoptr(GDir) pd = g_dir_open (sub, 0, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

      while (pd && (name = g_dir_read_name (pd)))
        if (looks_like_image (name))
          g_ptr_array_add (files, g_strdup (name));
      lineup_sort_strings (files);
      for (guint i = 0; i < files->len; i++)
        {
          LineupBookingRecord *r = lineup_booking_record_new ();
          const char          *person = people->pdata[p];
          g_autofree char     *stem = g_strdup (files->pdata[i]);
          char                *dot = strrchr (stem, '.');

          if (dot)
            *dot = '\0';
          r->row = ++row;
          r->source = g_build_filename (sub, files->pdata[i], NULL);
          /* Stable numbers, so a re-run meets the same bookings. */
          r->booking_number = g_str_has_prefix (stem, person)
                                ? g_strdup (stem)
                                : g_strdup_printf ("%s-%s", person, stem);
          r->person_id = g_strdup_printf ("folder:%s", person);
          r->label = g_strdup (person);
          g_ptr_array_add (out, r);
        }
    }
  if (out->len == 0)
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                   _("%s: no photos found (expected FOLDER/PERSON/IMAGE)"), path);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
lineup_import_read_source (const char  *source,
                           const char **kind,
                           GError     **error)
{
  if (g_file_test (source, G_FILE_TEST_IS_DIR))
    {
      *kind = "folder";
      return read_folder (source, error);
    }
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_IO, _("%s: no such file or folder"), source);
      return NULL;
    }
  *kind = "csv";
  return read_csv (source, error);
}
