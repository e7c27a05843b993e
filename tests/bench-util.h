/* bench-util.h: order statistics the benchmarks report.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

double bench_median     (double *values,
                         guint   n);
double bench_percentile (double *values,
                         guint   n,
                         double  p);
