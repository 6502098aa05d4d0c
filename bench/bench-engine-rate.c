/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-engine-rate.c: the face engine alone, one thread: load, detect and
 * describe each image of a list (one path per line). Prints images/s — the
 * baseline the import's worker pool is compared with. */
#include "config.h"

#include <stdio.h>

#include "lineup-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupEngine) engine = NULL;
  LineupDetectOptions options;
  guint n = 0, faces = 0;
  gint64 t0;
  double secs;

  if (argc != 2 || !g_file_get_contents (argv[1], &contents, NULL, &error))
    {
      g_printerr ("usage: bench-engine-rate LIST_FILE\n");
      return 2;
    }
  paths = g_strsplit (g_strstrip (contents), "\n", -1);
  engine = lineup_engine_new (NULL, &error);
  if (engine == NULL)
    g_error ("%s", error->message);
  lineup_detect_options_init_default (&options);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; paths[i]; i++)
    {
      g_autoptr(LineupImage) image = lineup_image_new_from_file (paths[i], 0, NULL);
      g_autoptr(GPtrArray) found = NULL;

      if (image == NULL)
        continue;
      found = lineup_engine_detect (engine, image, &options, NULL);
      faces += found ? found->len : 0;
      n++;
    }
  secs = (g_get_monotonic_time () - t0) / 1e6;
  printf ("engine, 1 thread: %u images, %u faces in %.1f s: %.2f images/s\n", n, faces, secs,
          n / secs);
  return 0;
}
