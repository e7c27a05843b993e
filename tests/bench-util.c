/* bench-util.c: order statistics the benchmarks report.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "bench-util.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values and returns their median. */
double
bench_median (double *values,
              guint   n)
{
  g_return_val_if_fail (n > 0, 0);

  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Sorts @values and returns the smallest that @p percent of them do not exceed. */
double
bench_percentile (double *values,
                  guint   n,
                  double  p)
{
  guint i;

  g_return_val_if_fail (n > 0, 0);

  qsort (values, n, sizeof (double), compare_doubles);
  i = (guint) ceil (p / 100.0 * n);
  return values[CLAMP (i, 1, n) - 1];
}
