/* SPDX-License-Identifier: GPL-3.0-or-later */
/* imglab.h: read dlib's imglab XML (face boxes), for tests and benchmarks. */
#pragma once

#include <glib.h>

typedef struct
{
  double left, top, width, height;
  gboolean ignore;
} ImglabBox;

typedef struct
{
  char   *file;    /* absolute path */
  GArray *boxes;   /* of ImglabBox */
} ImglabImage;

GPtrArray *imglab_load (const char  *xml_path,
                        GError     **error);
double     imglab_iou  (double l1, double t1, double r1, double b1,
                        double l2, double t2, double r2, double b2);
