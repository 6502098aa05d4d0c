/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h: medians for the benchmarks. */
#pragma once

#include <stdlib.h>

static inline int
bench_cmp_double (const void *a,
                  const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Sorts v in place and returns its median. */
static inline double
bench_median (double *v,
              int     n)
{
  qsort (v, n, sizeof (double), bench_cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
