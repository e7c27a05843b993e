/* coach-history-chart.h: pain before and after each session over time, with the trend and
 * the weekly PEG scores, drawn for the screen or for paper.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "coach-history-stats.h"

G_BEGIN_DECLS

/* The chart's colours. Markers differ by shape as well (hollow and filled circles, rings,
 * diamonds, dashes), so the chart still reads in greyscale and for colour-blind people. */
typedef struct {
  GdkRGBA foreground;    /* labels, the no-data message */
  GdkRGBA grid;
  GdkRGBA before;        /* hollow circles */
  GdkRGBA after;         /* filled circles */
  GdkRGBA improvement;   /* the ring around a meaningful improvement */
  GdkRGBA trend;         /* the trend line */
  GdkRGBA peg;           /* PEG diamonds and their dashed line */
} CoachChartPalette;

/* Dark ink on white paper, distinct shades in greyscale. */
void       coach_chart_palette_init_print     (CoachChartPalette          *palette);
/* From @widget's style: follows light, dark and high-contrast styles. */
void       coach_chart_palette_init_from_widget (CoachChartPalette        *palette,
                                                 GtkWidget                *widget);

/* Draws the chart in the rectangle (0, 0, @width, @height) of @cr, in its units; nothing is
 * painted under it. @font is the labels' font: a size in points counts as that many units of
 * @cr (72 a inch). @sessions (element-type CoachHistorySession) the oldest first; @peg
 * (nullable) (element-type CoachPegEntry) the oldest first; @stats (nullable) gives the trend;
 * @from and @to are Unix times, the period shown. */
void       coach_history_chart_draw           (cairo_t                    *cr,
                                               const PangoFontDescription *font,
                                               double                      width,
                                               double                      height,
                                               GPtrArray                  *sessions,
                                               GArray                     *peg,
                                               const CoachHistoryStats    *stats,
                                               gint64                      from,
                                               gint64                      to,
                                               const CoachChartPalette    *palette);

#define COACH_TYPE_HISTORY_CHART (coach_history_chart_get_type ())

G_DECLARE_FINAL_TYPE (CoachHistoryChart, coach_history_chart, COACH, HISTORY_CHART, GtkWidget)

GtkWidget *coach_history_chart_new            (void);
/* Keeps references to @sessions and @peg (do not change them afterwards: set new arrays) and
 * copies the trend from @stats; any may be NULL. */
void       coach_history_chart_set_data       (CoachHistoryChart          *self,
                                               GPtrArray                  *sessions,
                                               GArray                     *peg,
                                               const CoachHistoryStats    *stats);
/* Shows the @days up to @now (Unix time); 0 days shows everything recorded. */
void       coach_history_chart_set_range      (CoachHistoryChart          *self,
                                               guint                       days,
                                               gint64                      now);

G_END_DECLS
