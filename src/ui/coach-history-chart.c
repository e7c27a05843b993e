/* coach-history-chart.c: pain before and after each session over time, with the trend and
 * the weekly PEG scores, drawn for the screen or for paper.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing serves the widget, the PDF report and tests: it takes its colours and its font
 * from the caller and sizes everything else from the font, so it reads the same at 12 pixels
 * on screen and at 7 points on paper. When sessions are too close together to tell apart
 * (years of them, or months on a phone), each mark is the mean of the sessions in a few days,
 * and the legend says so. Marks are gathered into one path per kind and drawn with one stroke
 * or fill each, and text is only laid out for the axes and the legend, so thousands of
 * sessions draw in a few milliseconds. */
#define G_LOG_DOMAIN "coach-history-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "coach-history-chart.h"

#define DAY_SECONDS ((gint64) 24 * 60 * 60)

/* Marks closer than this, in units of the chart's thin line, are replaced by means over
 * spans this wide. */
#define MIN_SPACING 8.0
#define BIN_SPACING 14.0
#define MONTH_SECONDS (30.44 * DAY_SECONDS)
#define YEAR_SECONDS (365.25 * DAY_SECONDS)

/* ---- Palettes --------------------------------------------------------------------------- */

static void
set_rgba (GdkRGBA    *rgba,
          const char *spec)
{
  gboolean parsed = gdk_rgba_parse (rgba, spec);

  g_assert (parsed);
}

/**
 * coach_chart_palette_init_print:
 *
 * Colours for paper. In greyscale they come out as distinct greys, and each kind of mark
 * has its own shape as well, so a black and white copy still reads.
 */
void
coach_chart_palette_init_print (CoachChartPalette *palette)
{
  g_return_if_fail (palette != NULL);

  set_rgba (&palette->foreground, "#1a1a1a");
  set_rgba (&palette->grid, "#c8c8c8");
  set_rgba (&palette->before, "#1f4e8c");
  set_rgba (&palette->after, "#1f4e8c");
  set_rgba (&palette->improvement, "#2e7d32");
  set_rgba (&palette->trend, "#b35806");
  set_rgba (&palette->peg, "#6a3d9a");
}

static void
lookup_colour (GtkStyleContext *context,
               const char      *name,
               const char      *fallback,
               GdkRGBA         *rgba)
{
  if (!gtk_style_context_lookup_color (context, name, rgba))
    set_rgba (rgba, fallback);
}

/**
 * coach_chart_palette_init_from_widget:
 *
 * libadwaita's named colours as @widget's style defines them: the foreground and the accent
 * already follow dark and high-contrast styles.
 */
void
coach_chart_palette_init_from_widget (CoachChartPalette *palette,
                                      GtkWidget         *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean high_contrast = adw_style_manager_get_high_contrast (manager);
  GtkStyleContext *context;

  g_return_if_fail (palette != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &palette->foreground);
  palette->grid = palette->foreground;
  palette->grid.alpha *= high_contrast ? 0.4 : 0.15;
  lookup_colour (context, "accent_color", dark ? "#78aeed" : "#1c71d8", &palette->before);
  palette->after = palette->before;
  lookup_colour (context, "success_color", dark ? "#8ff0a4" : "#1b8553", &palette->improvement);
  lookup_colour (context, "warning_color", dark ? "#f8e45c" : "#9c6e03", &palette->trend);
  /* The darker purple disappears on a dark background. */
  lookup_colour (context, dark ? "purple_1" : "purple_3", dark ? "#dc8add" : "#9141ac",
                 &palette->peg);
}

/* ---- Drawing ---------------------------------------------------------------------------- */

typedef enum {
  UNIT_HOUR,
  UNIT_DAY,
  UNIT_WEEK,
  UNIT_MONTH,
  UNIT_YEAR,
} TickUnit;

typedef struct {
  TickUnit unit;
  int      n;
  double   seconds;     /* about how long the step is */
} TickStep;

/* The steps between dates on the time axis, the shortest first. */
static const TickStep tick_steps[] = {
  { UNIT_HOUR, 1, 3600 },
  { UNIT_HOUR, 2, 2 * 3600 },
  { UNIT_HOUR, 3, 3 * 3600 },
  { UNIT_HOUR, 6, 6 * 3600 },
  { UNIT_HOUR, 12, 12 * 3600 },
  { UNIT_DAY, 1, DAY_SECONDS },
  { UNIT_DAY, 2, 2 * DAY_SECONDS },
  { UNIT_WEEK, 1, 7 * DAY_SECONDS },
  { UNIT_WEEK, 2, 14 * DAY_SECONDS },
  { UNIT_MONTH, 1, MONTH_SECONDS },
  { UNIT_MONTH, 2, 2 * MONTH_SECONDS },
  { UNIT_MONTH, 3, 3 * MONTH_SECONDS },
  { UNIT_MONTH, 6, 6 * MONTH_SECONDS },
  { UNIT_YEAR, 1, YEAR_SECONDS },
  { UNIT_YEAR, 2, 2 * YEAR_SECONDS },
  { UNIT_YEAR, 5, 5 * YEAR_SECONDS },
  { UNIT_YEAR, 10, 10 * YEAR_SECONDS },
  { UNIT_YEAR, 25, 25 * YEAR_SECONDS },
  { UNIT_YEAR, 100, 100 * YEAR_SECONDS },
};

typedef enum {
  MARK_BEFORE,
  MARK_AFTER,
  MARK_IMPROVEMENT,
  MARK_TREND,
  MARK_PEG,
  MARK_MEANS,     /* no sample: a note that the marks are means */
  N_MARKS
} Mark;

typedef struct {
  double   time;
  double   before;     /* 0-10, or < 0 */
  double   after;
  gboolean meaningful;
} Point;

typedef struct {
  cairo_t                 *cr;
  PangoLayout             *layout;
  const CoachChartPalette *palette;
  double                   width;
  double                   height;
  double                   unit;         /* a thin line; everything is sized from the font */
  double                   line_height;  /* of a label */
  double                   radius;       /* of a marker */
  double                   x0, y0, x1, y1;  /* the plot area */
  double                   data_x0, data_x1;  /* where @from and @to fall */
  gint64                   from;
  gint64                   to;
  char                    *means_label;
} Chart;

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba,
            double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

static double
chart_x (const Chart *c,
         double       time)
{
  return c->data_x0 + (time - c->from) / (double) (c->to - c->from) * (c->data_x1 - c->data_x0);
}

static double
chart_y (const Chart *c,
         double       pain)
{
  return c->y1 - pain / COACH_PAIN_MAX * (c->y1 - c->y0);
}

/* The middle of a device pixel, so that one-pixel lines are sharp on screen. */
static double
snap (cairo_t *cr,
      double   value,
      gboolean vertical)
{
  double x = value, y = value;

  cairo_user_to_device (cr, &x, &y);
  if (vertical)
    y = floor (y) + 0.5;
  else
    x = floor (x) + 0.5;
  cairo_device_to_user (cr, &x, &y);
  return vertical ? y : x;
}

static void
measure_text (Chart      *c,
              const char *text,
              double     *width,
              double     *height)
{
  int w, h;

  pango_layout_set_text (c->layout, text, -1);
  pango_layout_get_size (c->layout, &w, &h);
  if (width != NULL)
    *width = pango_units_to_double (w);
  if (height != NULL)
    *height = pango_units_to_double (h);
}

/* Shows the layout's current text with its top-left corner at (@x, @y). */
static void
show_text (Chart         *c,
           double         x,
           double         y,
           const GdkRGBA *colour)
{
  set_source (c->cr, colour, 1);
  cairo_move_to (c->cr, x, y);
  pango_cairo_show_layout (c->cr, c->layout);
  cairo_new_path (c->cr);
}

static void
append_circle (cairo_t *cr,
               double   x,
               double   y,
               double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
}

static void
append_diamond (cairo_t *cr,
                double   x,
                double   y,
                double   half)
{
  cairo_move_to (cr, x, y - half);
  cairo_line_to (cr, x + half, y);
  cairo_line_to (cr, x, y + half);
  cairo_line_to (cr, x - half, y);
  cairo_close_path (cr);
}

static double
ring_radius (const Chart *c,
             double       radius)
{
  return radius + 2.5 * c->unit;
}

static void
stroke_before (Chart  *c,
               double  radius)
{
  /* A hollow circle's line is inside its radius, so it is as big as a filled one. */
  cairo_set_line_width (c->cr, MIN (1.5 * c->unit, radius));
  set_source (c->cr, &c->palette->before, 1);
  cairo_stroke (c->cr);
}

static void
stroke_ring (Chart *c)
{
  cairo_set_line_width (c->cr, 1.5 * c->unit);
  set_source (c->cr, &c->palette->improvement, 1);
  cairo_stroke (c->cr);
}

static void
stroke_trend (Chart *c)
{
  cairo_set_line_width (c->cr, 2.5 * c->unit);
  cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
  set_source (c->cr, &c->palette->trend, 1);
  cairo_stroke (c->cr);
  cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
}

static void
stroke_peg_line (Chart *c)
{
  double dashes[] = { 4 * c->unit, 3 * c->unit };

  cairo_set_line_width (c->cr, 1.5 * c->unit);
  cairo_set_dash (c->cr, dashes, G_N_ELEMENTS (dashes), 0);
  set_source (c->cr, &c->palette->peg, 1);
  cairo_stroke (c->cr);
  cairo_set_dash (c->cr, NULL, 0, 0);
}

/* A legend's sample of @mark, centred on (@x, @y), @length wide. */
static void
draw_sample (Chart  *c,
             Mark    mark,
             double  x,
             double  y,
             double  length)
{
  cairo_t *cr = c->cr;
  double r = 4 * c->unit;

  switch (mark)
    {
    case MARK_BEFORE:
      append_circle (cr, x, y, r - 0.75 * c->unit);
      stroke_before (c, r);
      break;

    case MARK_AFTER:
    case MARK_IMPROVEMENT:
      append_circle (cr, x, y, r);
      set_source (cr, &c->palette->after, 1);
      cairo_fill (cr);
      if (mark == MARK_IMPROVEMENT)
        {
          append_circle (cr, x, y, ring_radius (c, r));
          stroke_ring (c);
        }
      break;

    case MARK_TREND:
      cairo_move_to (cr, x - length / 2 + c->unit, y);
      cairo_line_to (cr, x + length / 2 - c->unit, y);
      stroke_trend (c);
      break;

    case MARK_PEG:
      cairo_move_to (cr, x - length / 2, y);
      cairo_line_to (cr, x + length / 2, y);
      stroke_peg_line (c);
      append_diamond (cr, x, y, 1.3 * r);
      set_source (cr, &c->palette->peg, 1);
      cairo_fill (cr);
      break;

    case MARK_MEANS:
    case N_MARKS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
get_mark_label (Mark mark)
{
  switch (mark)
    {
    case MARK_BEFORE:
      /* Translators: in the pain chart's legend: pain rated before a session */
      return C_("chart legend", "Before");
    case MARK_AFTER:
      /* Translators: in the pain chart's legend: pain rated after a session */
      return C_("chart legend", "After");
    case MARK_IMPROVEMENT:
      /* Translators: in the pain chart's legend: a session after which pain was 2 points or
       * 30% lower */
      return C_("chart legend", "Much better");
    case MARK_TREND:
      /* Translators: in the pain chart's legend: the line that shows pain before sessions
       * going up or down over time */
      return C_("chart legend", "Trend");
    case MARK_PEG:
      /* Translators: in the pain chart's legend: the scores of the weekly three-question
       * check-in */
      return C_("chart legend", "Weekly PEG");
    case MARK_MEANS:
    case N_MARKS:
    default:
      g_assert_not_reached ();
    }
}

/* Lays the legend out in rows across the top, drawing it when @draw. Returns its height. */
static double
layout_legend (Chart    *c,
               gboolean  shown[N_MARKS],
               double    left,
               gboolean  draw)
{
  double full_sample = 14 * c->unit;
  double spacing = 12 * c->unit;
  double row_height = MAX (c->line_height, 2 * ring_radius (c, 4 * c->unit));
  double available = c->width - left;
  double x = left, y = 0;
  gboolean any = FALSE;

  for (Mark mark = 0; mark < N_MARKS; mark++)
    {
      double sample = mark == MARK_MEANS ? 0 : full_sample;
      double text_width, item;

      if (!shown[mark])
        continue;

      measure_text (c, mark == MARK_MEANS ? c->means_label : get_mark_label (mark), &text_width,
                    NULL);
      /* A label too long for a whole row is shortened. */
      text_width = MIN (text_width, MAX (available - sample - 4 * c->unit, c->unit));
      item = sample + 4 * c->unit + text_width;
      if (any && x + item > c->width)
        {
          x = left;
          y += row_height;
        }
      any = TRUE;

      if (draw)
        {
          if (mark != MARK_MEANS)
            draw_sample (c, mark, x + sample / 2, y + row_height / 2, sample);
          pango_layout_set_width (c->layout, pango_units_from_double (text_width + 0.5));
          pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_END);
          show_text (c, x + sample + 4 * c->unit, y + (row_height - c->line_height) / 2,
                     &c->palette->foreground);
          pango_layout_set_ellipsize (c->layout, PANGO_ELLIPSIZE_NONE);
          pango_layout_set_width (c->layout, -1);
        }
      x += item + spacing;
    }

  return any ? y + row_height : 0;
}

static const char *
get_tick_format (const TickStep *step,
                 GDateTime      *tick)
{
  switch (step->unit)
    {
    case UNIT_HOUR:
      /* A day's ticks show the time, except at midnight, which shows the date. */
      if (tick == NULL || g_date_time_get_hour (tick) != 0)
        /* Translators: a time of day on the pain chart's time axis, in the format of
         * g_date_time_format () */
        return C_("chart axis", "%H:%M");
      G_GNUC_FALLTHROUGH;
    case UNIT_DAY:
    case UNIT_WEEK:
      /* Translators: a day on the pain chart's time axis, in the format of
       * g_date_time_format (): "5 Mar" */
      return C_("chart axis", "%-d %b");
    case UNIT_MONTH:
      /* January shows the year instead, so a long period shows when each year begins. */
      if (tick == NULL || g_date_time_get_month (tick) != 1)
        /* Translators: a month on the pain chart's time axis, in the format of
         * g_date_time_format (): "Mar" */
        return C_("chart axis", "%b");
      G_GNUC_FALLTHROUGH;
    case UNIT_YEAR:
    default:
      /* Translators: a year on the pain chart's time axis, in the format of
       * g_date_time_format () */
      return C_("chart axis", "%Y");
    }
}

static gint64
local_days (GDateTime *time)
{
  return (g_date_time_to_unix (time) + g_date_time_get_utc_offset (time) / G_USEC_PER_SEC) /
         DAY_SECONDS;
}

static gboolean
tick_is_aligned (const TickStep *step,
                 GDateTime      *tick)
{
  switch (step->unit)
    {
    case UNIT_HOUR:
      return g_date_time_get_hour (tick) % step->n == 0;
    case UNIT_DAY:
      return local_days (tick) % step->n == 0;
    case UNIT_WEEK:
      /* Weeks start on Monday, as ISO 8601 has it. */
      return g_date_time_get_day_of_week (tick) == 1 &&
             (local_days (tick) / 7) % step->n == 0;
    case UNIT_MONTH:
      return (g_date_time_get_month (tick) - 1) % step->n == 0;
    case UNIT_YEAR:
    default:
      return g_date_time_get_year (tick) % step->n == 0;
    }
}

static GDateTime *
advance_tick (const TickStep *step,
              GDateTime      *tick,
              int             n)
{
  switch (step->unit)
    {
    case UNIT_HOUR:
      return g_date_time_add_hours (tick, n);
    case UNIT_DAY:
      return g_date_time_add_days (tick, n);
    case UNIT_WEEK:
      return g_date_time_add_days (tick, 7 * n);
    case UNIT_MONTH:
      return g_date_time_add_months (tick, n);
    case UNIT_YEAR:
    default:
      return g_date_time_add_years (tick, n);
    }
}

/* The first whole hour, day, Monday, month or year of the step at or after @from. */
static GDateTime *
first_tick (const TickStep *step,
            gint64          from)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (from);
  GDateTime *tick;
  int year, month, day;

  if (local == NULL)
    return NULL;
  g_date_time_get_ymd (local, &year, &month, &day);
  if (step->unit == UNIT_MONTH || step->unit == UNIT_YEAR)
    day = 1;
  if (step->unit == UNIT_YEAR)
    month = 1;
  tick = g_date_time_new_local (year, month, day, 0, 0, 0);

  /* Steps along one hour, day, month or year at a time: at most 100 of them. */
  for (guint i = 0; tick != NULL && i < 400; i++)
    {
      GDateTime *next;

      if (g_date_time_to_unix (tick) >= from && tick_is_aligned (step, tick))
        return tick;
      next = step->unit == UNIT_WEEK ? g_date_time_add_days (tick, 1)
                                     : advance_tick (step, tick, 1);
      g_date_time_unref (tick);
      tick = next;
    }
  g_clear_pointer (&tick, g_date_time_unref);
  return NULL;
}

/* The shortest step whose labels all fit side by side. */
static const TickStep *
choose_tick_step (Chart *c)
{
  double span = (double) (c->to - c->from);
  double available = c->data_x1 - c->data_x0;
  g_autoptr(GDateTime) sample = g_date_time_new_local (2024, 9, 28, 0, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (tick_steps); i++)
    {
      const TickStep *step = &tick_steps[i];
      double n = span / step->seconds;
      double gap = 2 * c->line_height;
      g_autofree char *label = NULL;
      double width;

      /* Too many even for labels of no width at all. */
      if (n * gap > available)
        continue;
      label = g_date_time_format (sample, get_tick_format (step, NULL));
      measure_text (c, label != NULL ? label : "", &width, NULL);
      if (n * (width + gap) <= available)
        return step;
    }
  return &tick_steps[G_N_ELEMENTS (tick_steps) - 1];
}

static void
draw_time_axis (Chart *c)
{
  cairo_t *cr = c->cr;
  const TickStep *step = choose_tick_step (c);
  g_autoptr(GDateTime) tick = first_tick (step, c->from);
  double label_top = c->y1 + c->line_height / 2;
  double last_right = -G_MAXDOUBLE;
  guint n = 0;

  cairo_set_line_width (cr, c->unit);
  set_source (cr, &c->palette->grid, 0.6);

  while (tick != NULL && g_date_time_to_unix (tick) <= c->to && n++ < 200)
    {
      g_autofree char *label = g_date_time_format (tick, get_tick_format (step, tick));
      double x = chart_x (c, g_date_time_to_unix (tick));
      double width, left;
      GDateTime *next;

      cairo_move_to (cr, snap (cr, x, FALSE), c->y0);
      cairo_line_to (cr, snap (cr, x, FALSE), c->y1);

      /* Labels centred under their line, kept inside the chart and clear of each other. */
      measure_text (c, label != NULL ? label : "", &width, NULL);
      left = CLAMP (x - width / 2, 0, c->width - width);
      if (left > last_right + c->line_height / 2)
        {
          cairo_stroke (cr);
          show_text (c, left, label_top, &c->palette->foreground);
          set_source (cr, &c->palette->grid, 0.6);
          last_right = left + width;
        }

      next = advance_tick (step, tick, step->n);
      g_date_time_unref (tick);
      tick = next;
    }
  cairo_stroke (cr);
}

static void
draw_pain_axis (Chart *c)
{
  cairo_t *cr = c->cr;
  /* Every 2 points, or every 5 when the chart is too low for six labels. */
  int step = c->y1 - c->y0 >= 5 * 1.4 * c->line_height ? 2 : 5;

  cairo_set_line_width (cr, c->unit);
  for (int value = 0; value <= COACH_PAIN_MAX; value += step)
    {
      double y = snap (cr, chart_y (c, value), TRUE);

      cairo_move_to (cr, c->x0, y);
      cairo_line_to (cr, c->x1, y);
      /* The baseline a little stronger. */
      set_source (cr, &c->palette->grid, value == 0 ? 1.6 : 1);
      cairo_stroke (cr);
    }

  for (int value = 0; value <= COACH_PAIN_MAX; value += step)
    {
      g_autofree char *label = g_strdup_printf ("%d", value);
      double width;

      measure_text (c, label, &width, NULL);
      show_text (c, c->x0 - c->line_height / 2 - width, chart_y (c, value) - c->line_height / 2,
                 &c->palette->foreground);
    }
}

static void
draw_sessions (Chart  *c,
               GArray *points)
{
  cairo_t *cr = c->cr;
  double r = c->radius;

  /* The line from before to after, between the markers' edges. */
  for (int meaningful = 0; meaningful <= 1; meaningful++)
    {
      for (guint i = 0; i < points->len; i++)
        {
          const Point *p = &g_array_index (points, Point, i);
          double x, y_before, y_after, direction;

          if (p->before < 0 || p->after < 0 || p->meaningful != meaningful)
            continue;
          x = chart_x (c, p->time);
          y_before = chart_y (c, p->before);
          y_after = chart_y (c, p->after);
          if (fabs (y_after - y_before) <= 2 * r + c->unit)
            continue;
          direction = y_after > y_before ? 1 : -1;
          cairo_move_to (cr, x, y_before + direction * r);
          cairo_line_to (cr, x, y_after - direction * (meaningful ? ring_radius (c, r) : r));
        }
      cairo_set_line_width (cr, meaningful ? 1.5 * c->unit : c->unit);
      if (meaningful)
        set_source (cr, &c->palette->improvement, 0.85);
      else
        set_source (cr, &c->palette->before, 0.5);
      cairo_stroke (cr);
    }

  /* Hollow circles before: the line inside the radius. */
  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);

      if (p->before >= 0)
        append_circle (cr, chart_x (c, p->time), chart_y (c, p->before),
                       r - MIN (0.75 * c->unit, r / 2));
    }
  stroke_before (c, r);

  /* Filled circles after. */
  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);

      if (p->after >= 0)
        append_circle (cr, chart_x (c, p->time), chart_y (c, p->after), r);
    }
  set_source (cr, &c->palette->after, 1);
  cairo_fill (cr);

  /* A ring around the after of each meaningful improvement. */
  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);

      if (p->meaningful)
        append_circle (cr, chart_x (c, p->time), chart_y (c, p->after), ring_radius (c, r));
    }
  stroke_ring (c);
}

/* The PEG scores in the period as diamonds, joined by a dashed line that runs on to the
 * scores just outside it (@before_edge, @after_edge), so it does not stop short of the
 * edges. A score is a point's before. */
static void
draw_peg (Chart       *c,
          GArray      *points,
          const Point *before_edge,
          const Point *after_edge)
{
  cairo_t *cr = c->cr;

  if (before_edge != NULL)
    cairo_move_to (cr, chart_x (c, before_edge->time), chart_y (c, before_edge->before));
  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);

      cairo_line_to (cr, chart_x (c, p->time), chart_y (c, p->before));
    }
  if (after_edge != NULL)
    cairo_line_to (cr, chart_x (c, after_edge->time), chart_y (c, after_edge->before));
  stroke_peg_line (c);

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);

      append_diamond (cr, chart_x (c, p->time), chart_y (c, p->before),
                      1.3 * c->radius + 0.5 * c->unit);
    }
  set_source (cr, &c->palette->peg, 1);
  cairo_fill (cr);
}

static Point
peg_point (GArray *peg,
           guint   i)
{
  const CoachPegEntry *entry = &g_array_index (peg, CoachPegEntry, i);
  Point p = { entry->taken, CLAMP (coach_peg_entry_get_score (entry), 0, COACH_PAIN_MAX), -1,
              FALSE };

  return p;
}

static void
draw_trend (Chart                   *c,
            const CoachHistoryStats *stats,
            gint64                   start,
            gint64                   end)
{
  double days_start = (double) (start - stats->trend_origin) / DAY_SECONDS;
  double days_end = (double) (end - stats->trend_origin) / DAY_SECONDS;

  cairo_move_to (c->cr, chart_x (c, start),
                 chart_y (c, stats->trend_start + stats->trend_slope * days_start));
  cairo_line_to (c->cr, chart_x (c, end),
                 chart_y (c, stats->trend_start + stats->trend_slope * days_end));
  stroke_trend (c);
}

static void
draw_no_data (Chart *c)
{
  double width, height;

  pango_layout_set_width (c->layout, pango_units_from_double (MAX (c->x1 - c->x0, 1)));
  pango_layout_set_alignment (c->layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (c->layout, PANGO_WRAP_WORD_CHAR);
  measure_text (c, _("No pain ratings in this period"), &width, &height);
  show_text (c, c->x0, (c->y0 + c->y1 - height) / 2, &c->palette->foreground);
  pango_layout_set_width (c->layout, -1);
}

typedef struct {
  double time;
  guint  n;
  double before;
  guint  n_before;
  double after;
  guint  n_after;
} Bin;

/* The means of the points in @n_bins equal spans of the period, at their mean time. */
static GArray *
bin_points (Chart  *c,
            GArray *points,
            guint   n_bins)
{
  double span = (double) (c->to - c->from);
  g_autofree Bin *bins = g_new0 (Bin, n_bins);
  GArray *means = g_array_new (FALSE, FALSE, sizeof (Point));

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);
      guint k = (guint) MIN ((p->time - c->from) / span * n_bins, n_bins - 1);

      bins[k].time += p->time;
      bins[k].n++;
      if (p->before >= 0)
        {
          bins[k].before += p->before;
          bins[k].n_before++;
        }
      if (p->after >= 0)
        {
          bins[k].after += p->after;
          bins[k].n_after++;
        }
    }

  for (guint k = 0; k < n_bins; k++)
    {
      Point mean;

      if (bins[k].n == 0)
        continue;
      mean.time = bins[k].time / bins[k].n;
      mean.before = bins[k].n_before > 0 ? bins[k].before / bins[k].n_before : -1;
      mean.after = bins[k].n_after > 0 ? bins[k].after / bins[k].n_after : -1;
      mean.meaningful = coach_pain_is_meaningful_drop (mean.before, mean.after);
      g_array_append_val (means, mean);
    }
  return means;
}

/* The mean distance between neighbouring points, where they are. */
static double
get_spacing (Chart  *c,
             GArray *points,
             double  available)
{
  double first = G_MAXDOUBLE, last = -G_MAXDOUBLE;

  if (points->len < 2)
    return G_MAXDOUBLE;
  for (guint i = 0; i < points->len; i++)
    {
      first = MIN (first, g_array_index (points, Point, i).time);
      last = MAX (last, g_array_index (points, Point, i).time);
    }
  return (last - first) / (double) (c->to - c->from) * available / (points->len - 1);
}

/* The legend's note of what the marks are when they are means. */
static char *
format_means_label (Chart *c,
                    guint  n_bins)
{
  double bin_hours = (double) (c->to - c->from) / n_bins / 3600;

  if (bin_hours < 36)
    {
      guint hours = (guint) MAX (round (bin_hours), 1);

      /* Translators: in the pain chart's legend, when there are too many sessions to show
       * each: each mark is the mean of the sessions in that many hours */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Means of %u hour",
                                           "Means of %u hours", hours), hours);
    }
  else
    {
      guint days = (guint) round (bin_hours / 24);

      /* Translators: in the pain chart's legend, when there are too many sessions to show
       * each: each mark is the mean of the sessions in that many days */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Means of %u day",
                                           "Means of %u days", days), days);
    }
}

static PangoLayout *
create_layout (cairo_t                    *cr,
               const PangoFontDescription *font,
               double                     *size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_copy (font);

  /* A point is a unit of @cr, on screen and on paper alike. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  if ((pango_font_description_get_set_fields (desc) & PANGO_FONT_MASK_SIZE) == 0 ||
      pango_font_description_get_size (desc) <= 0)
    pango_font_description_set_size (desc, 10 * PANGO_SCALE);
  *size = pango_units_to_double (pango_font_description_get_size (desc));
  pango_layout_set_font_description (layout, desc);
  pango_layout_context_changed (layout);
  pango_font_description_free (desc);
  return layout;
}

/**
 * coach_history_chart_draw:
 *
 * Pain before (hollow circles) and after (filled circles) each of the person's own sessions
 * in the period, joined by a line; a ring marks a meaningful improvement. Over them the trend
 * of pain before sessions and the weekly PEG scores (diamonds on a dashed line). Sessions
 * where a partner received are left out: that pain is someone else's.
 */
void
coach_history_chart_draw (cairo_t                    *cr,
                          const PangoFontDescription *font,
                          double                      width,
                          double                      height,
                          GPtrArray                  *sessions,
                          GArray                     *peg,
                          const CoachHistoryStats    *stats,
                          gint64                      from,
                          gint64                      to,
                          const CoachChartPalette    *palette)
{
  Chart chart = { 0 };
  Chart *c = &chart;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) peg_points = NULL;
  Point peg_before, peg_after;
  gboolean has_peg_before = FALSE, has_peg_after = FALSE, binned = FALSE;
  double available;
  guint n_bins;
  gboolean shown[N_MARKS] = { FALSE };
  gint64 last_before = G_MININT64, trend_start = 0, trend_end = 0;
  guint peg_first = G_MAXUINT, peg_last = 0;
  double font_size, label_width, legend_height, pad;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (font != NULL);
  g_return_if_fail (palette != NULL);

  if (width < 1 || height < 1)
    return;
  if (to <= from)
    from = to - DAY_SECONDS;

  /* What there is to show. */
  points = g_array_new (FALSE, FALSE, sizeof (Point));
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (sessions, i);
      Point p;

      if (!coach_history_session_is_own (session))
        continue;
      p.before = coach_history_session_get_pain (session, FALSE);
      if (p.before >= 0)
        last_before = MAX (last_before, session->started);
      if (session->started < from || session->started > to)
        continue;
      p.after = coach_history_session_get_pain (session, TRUE);
      if (p.before < 0 && p.after < 0)
        continue;
      p.time = session->started;
      p.meaningful = coach_pain_is_meaningful_drop (p.before, p.after);
      g_array_append_val (points, p);
    }
  shown[MARK_BEFORE] = shown[MARK_AFTER] = points->len > 0;

  for (guint i = 0; peg != NULL && i < peg->len; i++)
    {
      const CoachPegEntry *entry = &g_array_index (peg, CoachPegEntry, i);

      if (entry->taken < from || entry->taken > to)
        continue;
      peg_first = MIN (peg_first, i);
      peg_last = i;
    }
  shown[MARK_PEG] = peg_first != G_MAXUINT;

  /* The trend only where there were ratings to draw it from. */
  if (stats != NULL && stats->has_trend && (points->len > 0 || shown[MARK_PEG]))
    {
      trend_start = MAX (from, stats->trend_origin);
      trend_end = MIN (to, last_before);
      shown[MARK_TREND] = trend_end > trend_start;
    }

  cairo_save (cr);
  c->cr = cr;
  c->palette = palette;
  c->width = width;
  c->height = height;
  c->from = from;
  c->to = to;
  c->layout = layout = create_layout (cr, font, &font_size);
  c->unit = font_size / 12;

  measure_text (c, "10", &label_width, &c->line_height);
  c->x0 = label_width + c->line_height;
  c->x1 = width - c->unit;
  c->radius = 4 * c->unit;

  /* When there are more sessions than room for their marks, each mark stands for the mean of
   * the sessions in a few days: one line through the middle of a cloud of thousands of marks
   * says more than the cloud, and takes less drawing. */
  available = c->x1 - c->x0 - 2 * (ring_radius (c, c->radius) + c->unit);
  n_bins = (guint) CLAMP (available / (BIN_SPACING * c->unit), 1, 100000);
  if (get_spacing (c, points, available) < MIN_SPACING * c->unit)
    {
      GArray *means = bin_points (c, points, n_bins);

      g_array_unref (points);
      points = means;
      binned = TRUE;
    }

  /* Weekly check-ins for years: the same. */
  peg_points = g_array_new (FALSE, FALSE, sizeof (Point));
  if (shown[MARK_PEG])
    {
      for (guint i = peg_first; i <= peg_last; i++)
        {
          Point p = peg_point (peg, i);

          g_array_append_val (peg_points, p);
        }
      if (get_spacing (c, peg_points, available) < MIN_SPACING * c->unit)
        {
          GArray *means = bin_points (c, peg_points, n_bins);

          g_array_unref (peg_points);
          peg_points = means;
          binned = TRUE;
        }
      else
        {
          if (peg_first > 0)
            {
              peg_before = peg_point (peg, peg_first - 1);
              has_peg_before = TRUE;
            }
          if (peg_last + 1 < peg->len)
            {
              peg_after = peg_point (peg, peg_last + 1);
              has_peg_after = TRUE;
            }
        }
    }
  if (binned)
    c->means_label = format_means_label (c, n_bins);
  for (guint i = 0; i < points->len; i++)
    shown[MARK_IMPROVEMENT] |= g_array_index (points, Point, i).meaningful;
  shown[MARK_MEANS] = c->means_label != NULL;

  legend_height = layout_legend (c, shown, c->x0, FALSE);
  c->y0 = MAX (legend_height + (legend_height > 0 ? c->line_height : 0) + c->line_height / 2,
               ring_radius (c, c->radius) + c->unit);
  c->y1 = height - 1.5 * c->line_height - c->unit;
  if (c->y1 <= c->y0)
    c->y1 = c->y0 + 1;

  /* Markers at either end stay whole inside the plot. */
  pad = ring_radius (c, c->radius) + c->unit;
  c->data_x0 = c->x0 + pad;
  c->data_x1 = MAX (c->x1 - pad, c->data_x0 + 1);

  draw_pain_axis (c);
  draw_time_axis (c);

  if (points->len == 0 && !shown[MARK_PEG])
    {
      draw_no_data (c);
      cairo_restore (cr);
      g_free (c->means_label);
      return;
    }

  layout_legend (c, shown, c->x0, TRUE);

  /* Lines running on past the period end at the plot's edges. */
  cairo_save (cr);
  cairo_rectangle (cr, c->x0, 0, c->x1 - c->x0, height);
  cairo_clip (cr);
  draw_sessions (c, points);
  if (shown[MARK_PEG])
    draw_peg (c, peg_points, has_peg_before ? &peg_before : NULL,
              has_peg_after ? &peg_after : NULL);
  if (shown[MARK_TREND])
    {
      cairo_rectangle (cr, c->x0, c->y0, c->x1 - c->x0, c->y1 - c->y0);
      cairo_clip (cr);
      draw_trend (c, stats, trend_start, trend_end);
    }
  cairo_restore (cr);

  cairo_restore (cr);
  g_free (c->means_label);
}

/* ---- The widget ------------------------------------------------------------------------- */

struct _CoachHistoryChart
{
  GtkWidget          parent_instance;

  GPtrArray         *sessions;
  GArray            *peg;
  CoachHistoryStats  trend;      /* the figures of the stats given, without their arrays */
  gboolean           has_trend;
  guint              days;
  gint64             now;
  gint64             from;
  gint64             to;
};

G_DEFINE_FINAL_TYPE (CoachHistoryChart, coach_history_chart, GTK_TYPE_WIDGET)

/* "All time" starts at the first record, and shows at least a week. */
static void
update_range (CoachHistoryChart *self)
{
  gint64 first = self->now - 7 * DAY_SECONDS;

  self->to = self->now;
  if (self->days > 0)
    {
      self->from = self->now - self->days * DAY_SECONDS;
      return;
    }
  if (self->sessions != NULL && self->sessions->len > 0)
    first = MIN (first, ((CoachHistorySession *) g_ptr_array_index (self->sessions, 0))->started);
  if (self->peg != NULL && self->peg->len > 0)
    first = MIN (first, g_array_index (self->peg, CoachPegEntry, 0).taken);
  /* A little room before the first marker. */
  self->from = first - (self->to - first) / 50;
}

static double
trend_at (const CoachHistoryStats *stats,
          gint64                   time)
{
  double value = stats->trend_start +
                 stats->trend_slope * (time - stats->trend_origin) / DAY_SECONDS;

  return CLAMP (value, 0, COACH_PAIN_MAX);
}

static void
update_description (CoachHistoryChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 first_before = G_MAXINT64, last_before = G_MININT64;
  const CoachPegEntry *latest_peg = NULL;
  guint n_rated = 0, n_meaningful = 0;

  for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (self->sessions, i);
      double before, after;

      if (!coach_history_session_is_own (session) || session->started < self->from ||
          session->started > self->to)
        continue;
      before = coach_history_session_get_pain (session, FALSE);
      after = coach_history_session_get_pain (session, TRUE);
      if (before < 0 && after < 0)
        continue;
      n_rated++;
      n_meaningful += coach_pain_is_meaningful_drop (before, after);
      if (before >= 0)
        {
          first_before = MIN (first_before, session->started);
          last_before = MAX (last_before, session->started);
        }
    }
  for (guint i = 0; self->peg != NULL && i < self->peg->len; i++)
    {
      const CoachPegEntry *entry = &g_array_index (self->peg, CoachPegEntry, i);

      if (entry->taken >= self->from && entry->taken <= self->to)
        latest_peg = entry;
    }

  if (n_rated == 0 && latest_peg == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("No pain ratings in this period."), -1);
      return;
    }

  if (n_rated == 0)
    /* Translators: the start of the pain chart's description for screen readers, when there
     * are only PEG scores */
    g_string_append (text, _("No sessions rated in this period."));
  else
    /* Translators: the start of the pain chart's description for screen readers */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u session rated in this period.",
                                               "%u sessions rated in this period.", n_rated),
                            n_rated);

  first_before = MAX (first_before, self->trend.trend_origin);
  if (self->has_trend && last_before > first_before)
    {
      int start = (int) round (trend_at (&self->trend, first_before));
      int end = (int) round (trend_at (&self->trend, last_before));

      g_string_append_c (text, ' ');
      if (start == end)
        /* Translators: in the pain chart's description; %d is 0 to 10 */
        g_string_append_printf (text, _("Pain before sessions stayed at about %d."), start);
      else
        /* Translators: in the pain chart's description; both are 0 to 10 */
        g_string_append_printf (text, _("Pain before sessions went from about %d to about %d."),
                                start, end);
    }

  if (n_rated > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              /* Translators: in the pain chart's description: sessions after
                               * which pain was 2 points or 30% lower */
                              g_dngettext (GETTEXT_PACKAGE, "%u meaningful improvement.",
                                           "%u meaningful improvements.", n_meaningful),
                              n_meaningful);
    }

  if (latest_peg != NULL)
    {
      g_autofree char *score = g_strdup_printf ("%.1f", coach_peg_entry_get_score (latest_peg));

      g_string_append_c (text, ' ');
      /* Translators: in the pain chart's description; %s is a score such as 4.3 */
      g_string_append_printf (text, _("Latest weekly PEG score: %s of 10."), score);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

/* The widget's own font, a little smaller, as an absolute size: the drawing counts a point as
 * a pixel. */
static PangoFontDescription *
get_chart_font (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));
  double size = pango_units_to_double (pango_font_description_get_size (font));
  double dpi = pango_cairo_context_get_resolution (context);

  if (size <= 0)
    size = 11;
  if (!pango_font_description_get_size_is_absolute (font))
    size *= (dpi > 0 ? dpi : 96) / 72;
  pango_font_description_set_absolute_size (font, pango_units_from_double (size * 0.85));
  return font;
}

static void
coach_history_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CoachHistoryChart *self = COACH_HISTORY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoFontDescription *font;
  CoachChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  coach_chart_palette_init_from_widget (&palette, widget);
  font = get_chart_font (widget);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  coach_history_chart_draw (cr, font, width, height, self->sessions, self->peg,
                            self->has_trend ? &self->trend : NULL, self->from, self->to,
                            &palette);
  cairo_destroy (cr);
  pango_font_description_free (font);
}

static void
coach_history_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  /* Fits a phone's 360 pixels with the page's margins. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    {
      *minimum = 200;
      *natural = 260;
    }
}

/* The colours come from CSS, which GTK does not know the drawing depends on. */
static void
coach_history_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (coach_history_chart_parent_class)->css_changed (widget, change);

  gtk_widget_queue_draw (widget);
}

static void
coach_history_chart_finalize (GObject *object)
{
  CoachHistoryChart *self = COACH_HISTORY_CHART (object);

  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->peg, g_array_unref);

  G_OBJECT_CLASS (coach_history_chart_parent_class)->finalize (object);
}

static void
coach_history_chart_class_init (CoachHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = coach_history_chart_finalize;

  widget_class->snapshot = coach_history_chart_snapshot;
  widget_class->measure = coach_history_chart_measure;
  widget_class->css_changed = coach_history_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "historychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
coach_history_chart_init (CoachHistoryChart *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->now = g_get_real_time () / G_USEC_PER_SEC;
  update_range (self);

  /* The palette depends on these, which not every CSS change reports. */
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pain over time"),
                                  -1);
  update_description (self);
}

GtkWidget *
coach_history_chart_new (void)
{
  return g_object_new (COACH_TYPE_HISTORY_CHART, NULL);
}

void
coach_history_chart_set_data (CoachHistoryChart       *self,
                              GPtrArray               *sessions,
                              GArray                  *peg,
                              const CoachHistoryStats *stats)
{
  g_return_if_fail (COACH_IS_HISTORY_CHART (self));

  if (sessions != NULL)
    g_ptr_array_ref (sessions);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = sessions;

  if (peg != NULL)
    g_array_ref (peg);
  g_clear_pointer (&self->peg, g_array_unref);
  self->peg = peg;

  self->has_trend = stats != NULL && stats->has_trend;
  memset (&self->trend, 0, sizeof self->trend);
  if (self->has_trend)
    {
      self->trend.has_trend = TRUE;
      self->trend.trend_origin = stats->trend_origin;
      self->trend.trend_start = stats->trend_start;
      self->trend.trend_slope = stats->trend_slope;
    }

  update_range (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
coach_history_chart_set_range (CoachHistoryChart *self,
                               guint              days,
                               gint64             now)
{
  g_return_if_fail (COACH_IS_HISTORY_CHART (self));

  self->days = days;
  self->now = now;
  update_range (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
