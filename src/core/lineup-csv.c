/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-csv.c: RFC 4180: quoted fields with doubled quotes, embedded commas
 * and line breaks, CRLF or LF, UTF-8 with or without a byte-order mark.
 * Invalid UTF-8 is an error naming the line, never silently mangled. */
#define G_LOG_DOMAIN "lineup-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lineup-csv.h"
#include "lineup-error.h"

struct _LineupCsv
{
  char *name;
  char *data;
  gsize len;
  gsize pos;
  guint line; /* 1-based line at pos */
};

LineupCsv *
lineup_csv_new_from_data (const char *data,
                          gssize      len,
                          const char *name)
{
  LineupCsv *csv = g_new0 (LineupCsv, 1);

  if (len < 0)
    len = strlen (data);
  csv->data = g_memdup2 (data, len + 1);
  csv->data[len] = '\0';
  csv->len = len;
  csv->name = g_strdup (name);
  csv->line = 1;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    csv->pos = 3;
  return csv;
}

LineupCsv *
lineup_csv_new_from_file (const char *path,
                          GError    **error)
{
  g_autofree char *data = NULL;
  gsize            len;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return lineup_csv_new_from_data (data, len, path);
}

void
lineup_csv_free (LineupCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->name);
  g_free (csv->data);
  g_free (csv);
}

GStrv
lineup_csv_next (LineupCsv *csv,
                 guint     *line,
                 GError   **error)
{
  g_autoptr(GStrvBuilder) fields = NULL;
  g_autoptr(GString) field = NULL;
  gboolean quoted = FALSE, was_quoted = FALSE;
  guint    start_line;

  /* Skip blank lines between records. */
  while (csv->pos < csv->len && (csv->data[csv->pos] == '\n' || csv->data[csv->pos] == '\r'))
    {
      if (csv->data[csv->pos] == '\n')
        csv->line++;
      csv->pos++;
    }
  if (csv->pos >= csv->len)
    return NULL;

  start_line = csv->line;
  *line = start_line;
  fields = g_strv_builder_new ();
  field = g_string_new (NULL);

  for (;;)
    {
      char     c = csv->pos < csv->len ? csv->data[csv->pos] : '\0';
      gboolean at_end = csv->pos >= csv->len;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                           _("%s:%u: a quoted field is never closed"), csv->name, start_line);
              return NULL;
            }
          csv->pos++;
          if (c == '"')
            {
              if (csv->pos < csv->len && csv->data[csv->pos] == '"')
                {
                  g_string_append_c (field, '"');
                  csv->pos++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                csv->line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (at_end || c == ',' || c == '\n' || c == '\r')
        {
          if (!g_utf8_validate (field->str, field->len, NULL))
            {
              g_set_error (error, LINEUP_ERROR, LINEUP_ERROR_INVALID_ARGUMENT,
                           _("%s:%u: the text is not valid UTF-8"), csv->name, start_line);
              return NULL;
            }
          /* Unquoted fields lose surrounding blanks; quoted ones keep them. */
          g_strv_builder_add (fields, was_quoted ? field->str : g_strstrip (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          if (at_end)
            break;
          csv->pos++;
          if (c == ',')
            continue;
          if (c == '\r' && csv->pos < csv->len && csv->data[csv->pos] == '\n')
            csv->pos++;
          csv->line++;
          break;
        }

      csv->pos++;
      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          continue;
        }
      g_string_append_c (field, c);
    }

  *line = start_line;
  return g_strv_builder_end (fields);
}
