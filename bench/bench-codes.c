/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-codes.c: the first-stage code, int8 against fp16, measured as the
 * index would use it: one pass over N codes (1M by default) with AVX2,
 * one thread, memory on huge pages; the figure is the median of 20 passes.
 * int8 is 128 bytes a face (an integer dot product, maddubs), fp16 256
 * bytes (vcvtph2ps and FMA). Also prints each code's mean error bound
 * (‖x − code‖ on dlib-shaped vectors), which sets the shortlist's size.
 *
 * Usage: bench-codes [N]
 */
#include "bench-util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#if defined(__x86_64__)
#include <immintrin.h>

#define DIM 128
#define PASSES 20

static void *
huge_alloc (gsize bytes)
{
  gsize len = (bytes + (2u << 20) - 1) & ~(gsize)((2u << 20) - 1);
  void *p = g_aligned_alloc (1, len, 2u << 20);

  madvise (p, len, MADV_HUGEPAGE);
  memset (p, 0, len);
  return p;
}

__attribute__ ((target ("avx2"))) static gint64
pass_int8 (const gint8 *codes,
           gsize        n,
           const gint8 *q)
{
  const __m256i ones = _mm256_set1_epi16 (1);
  __m256i qa[4], qr[4], best = _mm256_set1_epi32 (G_MININT32);
  gint32 out[8];

  for (int c = 0; c < 4; c++)
    {
      qr[c] = _mm256_loadu_si256 ((const __m256i *)(q + 32 * c));
      qa[c] = _mm256_abs_epi8 (qr[c]);
    }
  for (gsize i = 0; i < n; i++)
    {
      __m256i acc = _mm256_setzero_si256 ();
      for (int c = 0; c < 4; c++)
        {
          __m256i v = _mm256_load_si256 ((const __m256i *)(codes + i * DIM + 32 * c));
          acc = _mm256_add_epi32 (acc, _mm256_madd_epi16 (_mm256_maddubs_epi16 (qa[c], _mm256_sign_epi8 (v, qr[c])),
                                                          ones));
        }
      best = _mm256_max_epi32 (best, acc);
    }
  _mm256_storeu_si256 ((__m256i *)out, best);
  return out[0] + out[7];
}

__attribute__ ((target ("avx2,fma,f16c"))) static float
pass_fp16 (const guint16 *codes,
           gsize          n,
           const float   *q)
{
  __m256 qv[16], best = _mm256_set1_ps (INFINITY);
  float out[8];

  for (int c = 0; c < 16; c++)
    qv[c] = _mm256_loadu_ps (q + 8 * c);
  for (gsize i = 0; i < n; i++)
    {
      __m256 acc0 = _mm256_setzero_ps (), acc1 = _mm256_setzero_ps ();
      for (int c = 0; c < 16; c += 2)
        {
          __m256 a = _mm256_cvtph_ps (_mm_load_si128 ((const __m128i *)(codes + i * DIM + 8 * c)));
          __m256 b = _mm256_cvtph_ps (_mm_load_si128 ((const __m128i *)(codes + i * DIM + 8 * c + 8)));
          a = _mm256_sub_ps (a, qv[c]);
          b = _mm256_sub_ps (b, qv[c + 1]);
          acc0 = _mm256_fmadd_ps (a, a, acc0);
          acc1 = _mm256_fmadd_ps (b, b, acc1);
        }
      best = _mm256_min_ps (best, _mm256_add_ps (acc0, acc1));
    }
  _mm256_storeu_ps (out, best);
  return out[0] + out[7];
}

__attribute__ ((target ("f16c"))) static double
fp16_error (const float *x)
{
  double e = 0;

  for (int d = 0; d < DIM; d += 8)
    {
      __m256 v = _mm256_loadu_ps (x + d);
      float back[8];
      _mm256_storeu_ps (back, _mm256_cvtph_ps (_mm256_cvtps_ph (v, _MM_FROUND_TO_NEAREST_INT)));
      for (int k = 0; k < 8; k++)
        e += ((double)x[d + k] - back[k]) * ((double)x[d + k] - back[k]);
    }
  return sqrt (e);
}

__attribute__ ((target ("f16c"))) static void
to_fp16 (const float *x,
         guint16     *h)
{
  for (int d = 0; d < DIM; d += 8)
    _mm_storeu_si128 ((__m128i *)(h + d), _mm256_cvtps_ph (_mm256_loadu_ps (x + d), _MM_FROUND_TO_NEAREST_INT));
}

int
main (int   argc,
      char *argv[])
{
  gsize n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autoptr(GRand) r = g_rand_new_with_seed (3);
  gint8 *c8;
  guint16 *c16;
  float x[DIM], q[DIM];
  gint8 q8[DIM];
  double t8[PASSES], t16[PASSES], e8 = 0, e16 = 0;
  volatile double sink = 0;

  __builtin_cpu_init ();
  if (!__builtin_cpu_supports ("avx2") || !__builtin_cpu_supports ("fma") || !__builtin_cpu_supports ("f16c"))
    {
      printf ("# needs AVX2, FMA and F16C\n");
      return 0;
    }
  c8 = huge_alloc (n * DIM);
  c16 = huge_alloc (n * DIM * 2);
  for (gsize i = 0; i < n; i++)
    {
      float m = 0, s;
      double e = 0, norm = 0;

      for (int d = 0; d < DIM; d++)
        {
          x[d] = (float)(g_rand_double_range (r, -1, 1) * 0.09);
          norm += x[d] * x[d];
        }
      for (int d = 0; d < DIM; d++)
        x[d] = (float)(x[d] * 0.6 / sqrt (norm));
      for (int d = 0; d < DIM; d++)
        m = MAX (m, fabsf (x[d]));
      s = m / 127;
      for (int d = 0; d < DIM; d++)
        {
          long v = lrintf (x[d] / s);
          c8[i * DIM + d] = (gint8)v;
          e += ((double)x[d] - (double)s * v) * ((double)x[d] - (double)s * v);
        }
      to_fp16 (x, c16 + i * DIM);
      if (i < 10000)
        {
          e8 += sqrt (e);
          e16 += fp16_error (x);
        }
    }
  memcpy (q, x, sizeof q);
  for (int d = 0; d < DIM; d++)
    q8[d] = c8[(n - 1) * DIM + d];
  for (int p = 0; p < PASSES; p++)
    {
      gint64 a = g_get_monotonic_time ();
      sink += pass_int8 (c8, n, q8);
      gint64 b = g_get_monotonic_time ();
      sink += pass_fp16 (c16, n, q);
      t8[p] = (b - a) / 1000.0;
      t16[p] = (g_get_monotonic_time () - b) / 1000.0;
    }
  printf ("n=%" G_GSIZE_FORMAT ": int8 codes (128 B) pass median %.2f ms, fp16 codes (256 B) median %.2f ms, "
          "fp16/int8 = %.2fx; mean error bound ‖x − code‖ int8 %.5f, fp16 %.6f (descriptor norm 0.6)\n",
          n, bench_median (t8, PASSES), bench_median (t16, PASSES), bench_median (t16, PASSES) / bench_median (t8, PASSES),
          e8 / 10000, e16 / 10000);
  return sink == 42.0;
}
#else
int
main (void)
{
  printf ("# x86-64 only\n");
  return 0;
}
#endif
