/* coach-step-drawing.c: one technique step drawn with cairo: where, how and with what.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every stroke is laid out for the person's left side (the viewer's left, x < 50) along a
 * "guide", one cubic curve per area running in the stroke's direction. A right-side step is the
 * same drawing mirrored about the spine, and a two-sided one is both, so left and right steps
 * are exact mirror images and no stroke has to know which side it is on. */
#define G_LOG_DOMAIN "coach-step-drawing"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "coach-step-drawing.h"

typedef struct {
  double x, y;
} Point;

/* A cubic Bézier curve from p[0] to p[3]. */
typedef struct {
  Point p[4];
} Guide;

/* Where strokes run in each area, on the left side: a lane beside the spine from top to bottom
 * (clear of the vertebrae, which reach 1.6 units from the midline), a row from the spine
 * outward, and the offset of the second, parallel glide line. */
typedef struct {
  double lane_x;
  double top;
  double bottom;
  Point  row[4];
  Point  second;      /* added to the guide for the second glide line; 0, 0 for none */
} AreaLayout;

static const AreaLayout areas[COACH_N_REGIONS] = {
  [COACH_REGION_NECK] = {
    46.6, 29.5, 37.5,
    { { 47.6, 33.0 }, { 46.5, 35.0 }, { 45.0, 36.5 }, { 43.0, 37.6 } },
    { 0.0, 0.0 },
  },
  /* The row follows the slope of the trapezius from the neck to the shoulder. */
  [COACH_REGION_UPPER_BACK] = {
    44.8, 42.0, 66.0,
    { { 46.0, 38.0 }, { 41.0, 39.4 }, { 36.0, 41.0 }, { 30.5, 44.2 } },
    { -8.0, 11.0 },
  },
  [COACH_REGION_MID_BACK] = {
    45.0, 70.0, 87.0,
    { { 46.4, 77.0 }, { 42.0, 76.6 }, { 38.0, 76.6 }, { 33.5, 77.5 } },
    { -7.0, 6.0 },
  },
  [COACH_REGION_LOWER_BACK] = {
    45.2, 89.5, 105.0,
    { { 46.4, 95.0 }, { 42.0, 94.6 }, { 38.5, 94.6 }, { 34.0, 95.5 } },
    { -6.5, 6.0 },
  },
  /* The row follows the iliac crest out from the sacrum. */
  [COACH_REGION_SACRUM_HIPS] = {
    46.2, 107.0, 122.0,
    { { 47.2, 112.0 }, { 43.0, 110.0 }, { 38.0, 108.6 }, { 32.0, 109.5 } },
    { -6.5, 6.5 },
  },
  /* The lane runs down the middle of the buttock rather than beside the cleft. */
  [COACH_REGION_BUTTOCKS] = {
    38.0, 125.5, 141.0,
    { { 46.5, 132.0 }, { 42.0, 131.0 }, { 37.0, 131.0 }, { 31.5, 133.0 } },
    { 6.0, 6.0 },
  },
};

/* The pose inset, in the drawing's design space. */
#define INSET_X 93.0
#define INSET_Y 116.0
#define INSET_SIZE 42.0

#define MAX_FOCUS 4

static inline Point
lerp (Point  a,
      Point  b,
      double t)
{
  return (Point) { a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t };
}

static Point
guide_at (const Guide *g,
          double       t)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  return (Point) {
    a * g->p[0].x + b * g->p[1].x + c * g->p[2].x + d * g->p[3].x,
    a * g->p[0].y + b * g->p[1].y + c * g->p[2].y + d * g->p[3].y,
  };
}

/* The unit tangent at @t, estimated from a short chord so the ends need no special case. */
static Point
guide_tangent (const Guide *g,
               double       t)
{
  double t0 = CLAMP (t - 0.01, 0.0, 1.0), t1 = CLAMP (t + 0.01, 0.0, 1.0);
  Point a = guide_at (g, t0), b = guide_at (g, t1);
  double len = hypot (b.x - a.x, b.y - a.y);

  if (len < 1e-9)
    return (Point) { 0, -1 };
  return (Point) { (b.x - a.x) / len, (b.y - a.y) / len };
}

static double
guide_length (const Guide *g)
{
  double len = 0;
  Point prev = g->p[0];

  for (int i = 1; i <= 32; i++)
    {
      Point p = guide_at (g, i / 32.0);
      len += hypot (p.x - prev.x, p.y - prev.y);
      prev = p;
    }
  return len;
}

static Guide
straight_guide (Point a,
                Point b)
{
  return (Guide) { { a, lerp (a, b, 1 / 3.0), lerp (a, b, 2 / 3.0), b } };
}

static Guide
reverse_guide (const Guide *g)
{
  return (Guide) { { g->p[3], g->p[2], g->p[1], g->p[0] } };
}

static Guide
offset_guide (const Guide *g,
              Point        d)
{
  Guide r = *g;

  for (int i = 0; i < 4; i++)
    {
      r.p[i].x += d.x;
      r.p[i].y += d.y;
    }
  return r;
}

/* The position of the step's landmarks on the left side, for the drawing to mirror. Those on
 * the spine stay on the midline unless the step is one-sided. */
static guint
get_points (const CoachStep *step,
            Point           *points,
            guint            max)
{
  CoachSide side = step->side == COACH_SIDE_RIGHT ? COACH_SIDE_LEFT : step->side;
  guint n = 0;

  for (guint l = 0; l < COACH_N_LANDMARKS && n < max; l++)
    if (step->points & COACH_MASK (l))
      {
        coach_back_outline_get_landmark (l, side, &points[n].x, &points[n].y);
        n++;
      }
  return n;
}

static gboolean
is_vertical (CoachDirection direction)
{
  return direction == COACH_DIRECTION_UP || direction == COACH_DIRECTION_DOWN ||
         direction == COACH_DIRECTION_NONE;
}

/* The curve the stroke follows, in its direction. Glides, rolls and stretches go the length of
 * their landmarks as well as the area: a glide up from the lower back to the shoulder blades is
 * one long stroke. Shoulder work without a direction runs along the trapezius. */
static Guide
get_guide (const CoachStep *step)
{
  const AreaLayout *a = &areas[step->area];
  Guide g;

  if (step->direction == COACH_DIRECTION_OUTWARD || step->direction == COACH_DIRECTION_INWARD ||
      (step->direction == COACH_DIRECTION_NONE && step->area == COACH_REGION_UPPER_BACK &&
       step->stroke != COACH_STROKE_ROLL && step->stroke != COACH_STROKE_GLIDE &&
       step->stroke != COACH_STROKE_STRETCH))
    {
      memcpy (g.p, a->row, sizeof g.p);
      return step->direction == COACH_DIRECTION_INWARD ? reverse_guide (&g) : g;
    }
  else
    {
      double top = a->top, bottom = a->bottom;

      if (step->stroke == COACH_STROKE_GLIDE || step->stroke == COACH_STROKE_ROLL ||
          step->stroke == COACH_STROKE_STRETCH)
        {
          Point points[COACH_N_LANDMARKS];
          guint n = get_points (step, points, G_N_ELEMENTS (points));

          for (guint i = 0; i < n; i++)
            {
              top = MIN (top, points[i].y);
              bottom = MAX (bottom, points[i].y);
            }
        }

      double x = a->lane_x;

      /* A ball rolls where its landmark is, which may be out at the side of the back. */
      if (step->stroke == COACH_STROKE_ROLL)
        {
          Point points[COACH_N_LANDMARKS];
          guint n = get_points (step, points, G_N_ELEMENTS (points));

          /* A short area would leave no room for the arrow beside the ball. */
          top -= 4;
          bottom += 4;
          if (n > 0)
            {
              x = 0;
              for (guint i = 0; i < n; i++)
                x += points[i].x;
              x = MIN (x / n, a->lane_x);
            }
        }

      g = straight_guide ((Point) { x, bottom }, (Point) { x, top });
      return step->direction == COACH_DIRECTION_DOWN ? reverse_guide (&g) : g;
    }
}

/* Where a local stroke (friction, tapping, holding) is done: the step's landmarks near its
 * area, or the middle of the area's lane when it names none. */
static guint
get_focus (const CoachStep *step,
           Point           *focus)
{
  const AreaLayout *a = &areas[step->area];
  Point points[COACH_N_LANDMARKS];
  guint n = get_points (step, points, G_N_ELEMENTS (points));
  guint n_focus = 0;

  for (guint i = 0; i < n && n_focus < MAX_FOCUS; i++)
    if (points[i].y >= a->top - 8 && points[i].y <= a->bottom + 8)
      focus[n_focus++] = points[i];
  for (guint i = 0; n_focus == 0 && i < MIN (n, MAX_FOCUS); i++)
    focus[i] = points[i];
  if (n_focus == 0)
    n_focus = MIN (n, MAX_FOCUS);
  if (n_focus == 0)
    {
      focus[0] = (Point) { a->lane_x, (a->top + a->bottom) / 2 };
      n_focus = 1;
    }
  return n_focus;
}

/* Colours ----------------------------------------------------------------------------- */

static void
set_colour (cairo_t       *cr,
            const GdkRGBA *colour,
            double         alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, alpha);
}

/* The stroke path is the accent colour at full strength, so it stands out from the
 * translucent highlight of the area under it in any style. */
static void
set_stroke_colour (cairo_t                 *cr,
                   const CoachOutlineStyle *style)
{
  set_colour (cr, &style->highlight, 1.0);
}

static double
stroke_width (const CoachOutlineStyle *style)
{
  return MAX (style->line_width * 2.2, 1.6);
}

/* Marks ------------------------------------------------------------------------------- */

static void
arrowhead (cairo_t *cr,
           Point    tip,
           Point    dir,
           double   size)
{
  Point n = { -dir.y, dir.x };
  Point base = { tip.x - dir.x * size, tip.y - dir.y * size };

  cairo_move_to (cr, tip.x, tip.y);
  cairo_line_to (cr, base.x + n.x * size * 0.6, base.y + n.y * size * 0.6);
  cairo_line_to (cr, base.x - n.x * size * 0.6, base.y - n.y * size * 0.6);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Strokes the part of @g from @t0 to @t1, with arrowheads at the ends asked for. */
static void
stroke_arrow (cairo_t                 *cr,
              const CoachOutlineStyle *style,
              const Guide             *g,
              double                   t0,
              double                   t1,
              gboolean                 head_at_start,
              gboolean                 head_at_end)
{
  double lw = stroke_width (style);
  double head = lw * 2.4;
  double len = guide_length (g) * fabs (t1 - t0);
  /* The line stops short of a head's tip, so its round cap does not poke through. */
  double trim = len > 0 ? (head * 0.8) / len * (t1 - t0) : 0;
  double s0 = head_at_start ? t0 + trim : t0;
  double s1 = head_at_end ? t1 - trim : t1;

  set_stroke_colour (cr, style);
  cairo_set_line_width (cr, lw);
  for (int i = 0; i <= 24; i++)
    {
      Point p = guide_at (g, s0 + (s1 - s0) * i / 24.0);
      cairo_line_to (cr, p.x, p.y);
    }
  cairo_stroke (cr);

  if (head_at_end)
    {
      Point d = guide_tangent (g, t1);
      if (t1 < t0)
        d = (Point) { -d.x, -d.y };
      arrowhead (cr, guide_at (g, t1), d, head);
    }
  if (head_at_start)
    {
      Point d = guide_tangent (g, t0);
      if (t1 > t0)
        d = (Point) { -d.x, -d.y };
      arrowhead (cr, guide_at (g, t0), d, head);
    }
}

/* A fingertip or palm: a dark disc ringed in the accent colour, readable on any fill. */
static void
draw_hand (cairo_t                 *cr,
           const CoachOutlineStyle *style,
           Point                    p,
           double                   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, p.x, p.y, radius, 0, 2 * G_PI);
  set_colour (cr, &style->outline, 1.0);
  cairo_fill_preserve (cr);
  set_stroke_colour (cr, style);
  cairo_set_line_width (cr, style->line_width);
  cairo_stroke (cr);
}

/* A massage ball with the seam of a tennis ball. */
static void
draw_ball (cairo_t                 *cr,
           const CoachOutlineStyle *style,
           Point                    p,
           double                   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, p.x, p.y, radius, 0, 2 * G_PI);
  set_stroke_colour (cr, style);
  cairo_fill_preserve (cr);
  set_colour (cr, &style->outline, 1.0);
  cairo_set_line_width (cr, style->line_width);
  cairo_stroke (cr);

  cairo_arc (cr, p.x - radius * 1.35, p.y, radius, -G_PI / 4, G_PI / 4);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, p.x + radius * 1.35, p.y, radius, 5 * G_PI / 4, 3 * G_PI / 4);
  cairo_set_line_width (cr, style->line_width * 0.7);
  cairo_stroke (cr);
}

static gboolean
uses_ball (const CoachStep *step)
{
  return (step->equipment & (COACH_MASK (COACH_EQUIPMENT_BALL) |
                             COACH_MASK (COACH_EQUIPMENT_TWO_BALLS) |
                             COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER))) != 0;
}

static void
draw_contact (cairo_t                 *cr,
              const CoachStep         *step,
              const CoachOutlineStyle *style,
              Point                    p)
{
  if (uses_ball (step))
    draw_ball (cr, style, p, 3.2);
  else
    draw_hand (cr, style, p, 2.2);
}

/* Time within a cycle that goes there and back, smoothed at the turns. */
static double
there_and_back (double phase)
{
  return 0.5 - 0.5 * cos (2 * G_PI * phase);
}

/* Strokes ----------------------------------------------------------------------------- */

static void
draw_glide (cairo_t                 *cr,
            const CoachStep         *step,
            const CoachOutlineStyle *style,
            double                   phase)
{
  const AreaLayout *a = &areas[step->area];
  Guide g = get_guide (step);
  gboolean both_ways = step->direction == COACH_DIRECTION_NONE;

  stroke_arrow (cr, style, &g, 0, 1, both_ways, TRUE);
  if (a->second.x != 0 || a->second.y != 0)
    {
      Point d = is_vertical (step->direction) ? (Point) { a->second.x, 0 }
                                                : (Point) { 0, a->second.y };
      Guide second = offset_guide (&g, d);
      stroke_arrow (cr, style, &second, 0.12, 0.92, both_ways, TRUE);
    }

  if (phase >= 0)
    draw_contact (cr, step, style, guide_at (&g, both_ways ? there_and_back (phase) : phase));
}

/* Small loops along the guide, the path a kneading thumb or palm traces as it circles on. */
static Point
knead_at (const Guide *g,
          double       s,
          guint        n_loops,
          double       radius)
{
  Point base = guide_at (g, s);
  Point t = guide_tangent (g, s);
  Point n = { -t.y, t.x };
  double angle = 2 * G_PI * n_loops * s;

  return (Point) {
    base.x - t.x * radius * sin (angle) + n.x * radius * (1 - cos (angle)) * 0.5,
    base.y - t.y * radius * sin (angle) + n.y * radius * (1 - cos (angle)) * 0.5,
  };
}

static void
draw_knead (cairo_t                 *cr,
            const CoachStep         *step,
            const CoachOutlineStyle *style,
            double                   phase)
{
  Guide g = get_guide (step);
  double radius = 2.4;
  guint n_loops = MAX (3, (guint) (guide_length (&g) / 4.5));
  guint n_samples = n_loops * 24;

  set_stroke_colour (cr, style);
  cairo_set_line_width (cr, stroke_width (style) * 0.8);
  for (guint i = 0; i <= n_samples; i++)
    {
      Point p = knead_at (&g, (double) i / n_samples, n_loops, radius);
      cairo_line_to (cr, p.x, p.y);
    }
  cairo_stroke (cr);

  if (step->direction != COACH_DIRECTION_NONE)
    {
      Point tip = guide_at (&g, 1);
      Point d = guide_tangent (&g, 1);
      arrowhead (cr, (Point) { tip.x + d.x * 3.5, tip.y + d.y * 3.5 }, d,
                 stroke_width (style) * 2.4);
    }

  if (phase >= 0)
    draw_contact (cr, step, style, knead_at (&g, phase, n_loops, radius));
}

static Point
spiral_at (Point  centre,
           double t)
{
  double turns = 2.5;
  double angle = 2 * G_PI * turns * t;
  double r = 0.5 + 2.8 * t;

  return (Point) { centre.x + r * cos (angle), centre.y + r * sin (angle) };
}

static void
draw_friction (cairo_t                 *cr,
               const CoachStep         *step,
               const CoachOutlineStyle *style,
               double                   phase)
{
  Point focus[MAX_FOCUS];
  guint n = get_focus (step, focus);

  set_stroke_colour (cr, style);
  cairo_set_line_width (cr, stroke_width (style) * 0.7);
  for (guint i = 0; i < n; i++)
    {
      cairo_new_sub_path (cr);
      for (int k = 0; k <= 60; k++)
        {
          Point p = spiral_at (focus[i], k / 60.0);
          cairo_line_to (cr, p.x, p.y);
        }
    }
  cairo_stroke (cr);

  /* Friction that works its way along the muscle shows where it moves on to. */
  if (step->direction != COACH_DIRECTION_NONE)
    {
      Guide g = get_guide (step);
      Point d = guide_tangent (&g, 0.5);
      Point from = focus[n - 1];
      Guide arrow = straight_guide ((Point) { from.x + d.x * 4.5, from.y + d.y * 4.5 },
                                    (Point) { from.x + d.x * 10.5, from.y + d.y * 10.5 });
      stroke_arrow (cr, style, &arrow, 0, 1, FALSE, TRUE);
    }

  if (phase >= 0)
    for (guint i = 0; i < n; i++)
      draw_contact (cr, step, style, spiral_at (focus[i], 1 - there_and_back (phase)));
}

/* Tapping: a burst of short marks around each spot, the fingertips landing in turn. */
static void
draw_tap (cairo_t                 *cr,
          const CoachStep         *step,
          const CoachOutlineStyle *style,
          double                   phase)
{
  static const double angles[] = { -150, -90, -30, 30, 90, 150 };
  Point focus[MAX_FOCUS];
  guint n = get_focus (step, focus);

  set_stroke_colour (cr, style);
  cairo_set_line_width (cr, stroke_width (style) * 0.75);
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < G_N_ELEMENTS (angles); k++)
      {
        double a = angles[k] * G_PI / 180;
        cairo_move_to (cr, focus[i].x + cos (a) * 2.6, focus[i].y + sin (a) * 2.6);
        cairo_line_to (cr, focus[i].x + cos (a) * 4.6, focus[i].y + sin (a) * 4.6);
      }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, focus[i].x, focus[i].y, 1.2, 0, 2 * G_PI);
    }
  cairo_fill (cr);

  /* The hand is down for the first part of each beat and lifted for the rest. */
  if (phase >= 0 && phase < 0.4)
    for (guint i = 0; i < n; i++)
      draw_hand (cr, style, focus[i], 2.2);
}

static void
draw_hold (cairo_t                 *cr,
           const CoachStep         *step,
           const CoachOutlineStyle *style,
           double                   phase)
{
  Point focus[MAX_FOCUS];
  guint n = get_focus (step, focus);
  /* With a tempo, the pressure eases on and off with the breath. */
  double ring = 4.2 + (phase >= 0 ? 1.4 * there_and_back (phase) : 0);

  set_stroke_colour (cr, style);
  for (guint i = 0; i < n; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, focus[i].x, focus[i].y, 2.2, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  cairo_set_line_width (cr, stroke_width (style) * 0.7);
  for (guint i = 0; i < n; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, focus[i].x, focus[i].y, ring, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
}

static void
draw_stretch (cairo_t                 *cr,
              const CoachStep         *step,
              const CoachOutlineStyle *style,
              double                   phase)
{
  Guide g = get_guide (step);
  double reach = 0.42 + (phase >= 0 ? 0.08 * there_and_back (phase) : 0.08);

  stroke_arrow (cr, style, &g, 0.44, 0.5 - reach, FALSE, TRUE);
  stroke_arrow (cr, style, &g, 0.56, 0.5 + reach, FALSE, TRUE);
}

/* A ball or roller runs up and down a track: a rounded band with the direction on it. */
static void
draw_roll (cairo_t                 *cr,
           const CoachStep         *step,
           const CoachOutlineStyle *style,
           double                   phase)
{
  Guide g = get_guide (step);

  cairo_set_line_width (cr, 8.0);
  set_colour (cr, &style->highlight, 0.45);
  for (int i = 0; i <= 24; i++)
    {
      Point p = guide_at (&g, i / 24.0);
      cairo_line_to (cr, p.x, p.y);
    }
  cairo_stroke (cr);

  stroke_arrow (cr, style, &g, 0.1, 0.9, TRUE, TRUE);
  /* The ball is what the step is about, so a still picture shows it too, at the start of the
   * track where it leaves the arrow in view. */
  draw_ball (cr, style,
             guide_at (&g, phase >= 0 ? 0.1 + 0.8 * there_and_back (phase) : 0.1), 3.2);
}

static void
draw_points (cairo_t                 *cr,
             const CoachStep         *step,
             const CoachOutlineStyle *style)
{
  Point points[COACH_N_LANDMARKS];
  guint n = get_points (step, points, G_N_ELEMENTS (points));

  set_colour (cr, &style->outline, 1.0);
  cairo_set_line_width (cr, style->line_width * 0.8);
  for (guint i = 0; i < n; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, points[i].x, points[i].y, 1.3, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
}

/* One side's share of the step, on the left side. */
static void
draw_side (cairo_t                 *cr,
           const CoachStep         *step,
           const CoachOutlineStyle *style,
           double                   phase)
{
  if (step->stroke != COACH_STROKE_HOLD)
    draw_points (cr, step, style);

  switch (step->stroke)
    {
    case COACH_STROKE_GLIDE:
      draw_glide (cr, step, style, phase);
      break;
    case COACH_STROKE_KNEAD:
      draw_knead (cr, step, style, phase);
      break;
    case COACH_STROKE_TAP:
      draw_tap (cr, step, style, phase);
      break;
    case COACH_STROKE_FRICTION:
      draw_friction (cr, step, style, phase);
      break;
    case COACH_STROKE_HOLD:
      draw_hold (cr, step, style, phase);
      break;
    case COACH_STROKE_STRETCH:
      draw_stretch (cr, step, style, phase);
      break;
    case COACH_STROKE_ROLL:
      draw_roll (cr, step, style, phase);
      break;
    case COACH_STROKE_ROCK:
    case COACH_STROKE_REST:
    case COACH_N_STROKES:
    default:
      /* Drawn once across both sides by draw_centre (). */
      break;
    }
}

/* Marks that span the spine, drawn once whatever the side. */
static void
draw_centre (cairo_t                 *cr,
             const CoachStep         *step,
             const CoachOutlineStyle *style,
             double                   phase)
{
  const AreaLayout *a = &areas[step->area];
  double cy = (a->top + a->bottom) / 2;

  if (step->equipment & COACH_MASK (COACH_EQUIPMENT_HEAT_PACK))
    {
      double top = a->top + 1.5, bottom = a->bottom - 1.5, r = 3.0;

      cairo_new_sub_path (cr);
      cairo_arc (cr, 35 + r, top + r, r, G_PI, 3 * G_PI / 2);
      cairo_arc (cr, 65 - r, top + r, r, -G_PI / 2, 0);
      cairo_arc (cr, 65 - r, bottom - r, r, 0, G_PI / 2);
      cairo_arc (cr, 35 + r, bottom - r, r, G_PI / 2, G_PI);
      cairo_close_path (cr);
      set_colour (cr, &style->highlight, 0.3);
      cairo_fill_preserve (cr);
      set_stroke_colour (cr, style);
      cairo_set_line_width (cr, stroke_width (style) * 0.7);
      cairo_stroke (cr);
    }

  if (step->stroke == COACH_STROKE_ROCK)
    {
      Guide arc = { { { 37, cy + 3 }, { 42, cy - 5 }, { 58, cy - 5 }, { 63, cy + 3 } } };

      stroke_arrow (cr, style, &arc, 0, 1, TRUE, TRUE);
      if (phase >= 0)
        {
          Point p = guide_at (&arc, 0.15 + 0.7 * there_and_back (phase));
          draw_hand (cr, style, (Point) { p.x, p.y + 4.5 }, 2.2);
        }
    }
  else if (step->stroke == COACH_STROKE_REST)
    {
      const double dashes[] = { 2.0, 1.6 };

      /* Resting has no path, so the area itself gets a strong edge. */
      cairo_save (cr);
      coach_back_outline_append_region_path (cr, step->area);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      set_stroke_colour (cr, style);
      cairo_set_line_width (cr, stroke_width (style) * 0.8);
      cairo_stroke (cr);
      cairo_restore (cr);

      /* Slow breathing: rings that swell and settle with each breath. */
      if (step->tempo > 0 && step->tempo_unit == COACH_TEMPO_UNIT_BREATHS)
        {
          double breath = phase >= 0 ? there_and_back (phase) : 1.0;

          set_stroke_colour (cr, style);
          cairo_set_line_width (cr, stroke_width (style) * 0.5);
          cairo_new_sub_path (cr);
          cairo_arc (cr, 50, cy, 2.5 + 1.5 * breath, 0, 2 * G_PI);
          cairo_new_sub_path (cr);
          cairo_arc (cr, 50, cy, 4.5 + 3.0 * breath, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
}

/* The pose inset ---------------------------------------------------------------------- */

/* Drawing in the inset's own 42 × 42 box, floor at the bottom, the person facing left. */
static void
line (cairo_t *cr, double x1, double y1, double x2, double y2)
{
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
}

static void
polyline (cairo_t *cr, const double *xy, guint n_points)
{
  cairo_move_to (cr, xy[0], xy[1]);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
}

static void
head (cairo_t *cr, double x, double y)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, 3.0, 0, 2 * G_PI);
}

static void
ink (cairo_t                 *cr,
     const CoachOutlineStyle *style,
     double                   alpha)
{
  set_colour (cr, &style->outline, alpha);
  cairo_stroke (cr);
}

static void
heat_pack (cairo_t                 *cr,
           const CoachOutlineStyle *style,
           double                   x,
           double                   y,
           double                   angle)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_new_sub_path (cr);
  cairo_arc (cr, -3.5, -1.3, 1.0, G_PI, 3 * G_PI / 2);
  cairo_arc (cr, 3.5, -1.3, 1.0, -G_PI / 2, 0);
  cairo_arc (cr, 3.5, 1.3, 1.0, 0, G_PI / 2);
  cairo_arc (cr, -3.5, 1.3, 1.0, G_PI / 2, G_PI);
  cairo_close_path (cr);
  cairo_restore (cr);
  set_stroke_colour (cr, style);
  cairo_fill_preserve (cr);
  set_colour (cr, &style->outline, 1.0);
  cairo_set_line_width (cr, style->line_width);
  cairo_stroke (cr);
}

/* Where each pose's back is, for equipment the pose does not draw itself: a point on it and
 * the angle of the spine. */
typedef struct {
  double x, y, angle;
} BackSpot;

static BackSpot
draw_pose (cairo_t                 *cr,
           CoachPose                pose,
           const CoachOutlineStyle *style,
           double                   lw)
{
  cairo_set_line_width (cr, lw);

  switch (pose)
    {
    case COACH_POSE_STANDING_WALL:
      {
        static const double legs[] = { 25, 25, 21.5, 31, 23, 37.5 };
        line (cr, 30.5, 3, 30.5, 38.5);
        line (cr, 6, 38.5, 36, 38.5);
        ink (cr, style, 0.6);
        head (cr, 23, 7.5);
        line (cr, 23.5, 11, 25, 25);
        polyline (cr, legs, 3);
        line (cr, 23.8, 13, 20, 21);
        ink (cr, style, 1.0);
        return (BackSpot) { 27.4, 16, G_PI / 2 };
      }

    case COACH_POSE_LYING_ROLLER:
    case COACH_POSE_LYING_BALLS:
      {
        static const double legs[] = { 27, 29.5, 32.5, 21.5, 37.5, 35 };
        gboolean roller = pose == COACH_POSE_LYING_ROLLER;
        double y = roller ? 28.5 : 31.5;

        line (cr, 2, 36.5, 40, 36.5);
        ink (cr, style, 0.6);
        head (cr, 6.5, y - 1.5);
        line (cr, 9.5, y, 27, 29.5);
        polyline (cr, legs, 3);
        /* Arms crossed over the chest. */
        line (cr, 12, y - 1, 17, y - 5);
        line (cr, 17, y - 5, 20, y - 1.5);
        ink (cr, style, 1.0);
        if (roller)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, 18, 32.8, 3.6, 0, 2 * G_PI);
            set_stroke_colour (cr, style);
            cairo_fill_preserve (cr);
            cairo_set_line_width (cr, style->line_width);
            ink (cr, style, 1.0);
            return (BackSpot) { 18, 27, 0 };
          }
        draw_ball (cr, style, (Point) { 18.5, 34.5 }, 1.9);
        draw_ball (cr, style, (Point) { 22.5, 34.5 }, 1.9);
        return (BackSpot) { 20, 30, 0 };
      }

    case COACH_POSE_SITTING_BALL:
      {
        static const double legs[] = { 15, 30, 26, 25, 33, 36.5 };
        line (cr, 2, 38.5, 40, 38.5);
        ink (cr, style, 0.6);
        head (cr, 11.5, 7.5);
        line (cr, 12.5, 11, 15, 30);
        polyline (cr, legs, 3);
        line (cr, 13, 14, 7, 37);
        ink (cr, style, 1.0);
        draw_ball (cr, style, (Point) { 15.5, 34.6 }, 3.2);
        return (BackSpot) { 11, 20, G_PI / 2 - 0.1 };
      }

    case COACH_POSE_SITTING:
    case COACH_POSE_SITTING_CANE:
      {
        static const double chair[] = { 9, 6, 9, 38.5, 9, 27, 26, 27, 26, 38.5 };
        static const double legs[] = { 14.5, 25, 25, 25, 25, 37.5 };
        polyline (cr, chair, 2);
        polyline (cr, chair + 4, 3);
        ink (cr, style, 0.6);
        head (cr, 14, 7);
        line (cr, 14, 10.5, 14.5, 25);
        polyline (cr, legs, 3);
        line (cr, 14.2, 13, 21, 20.5);
        ink (cr, style, 1.0);
        if (pose == COACH_POSE_SITTING_CANE)
          {
            /* The hook goes over the shoulder and presses on the back; the hands hold the
             * shaft in front. */
            cairo_move_to (cr, 11.5, 17);
            cairo_curve_to (cr, 10, 10, 15, 8, 17, 11);
            cairo_line_to (cr, 28, 29);
            set_stroke_colour (cr, style);
            cairo_set_line_width (cr, lw * 0.9);
            cairo_stroke (cr);
          }
        return (BackSpot) { 12, 18, G_PI / 2 };
      }

    case COACH_POSE_LYING_FACE_DOWN:
      line (cr, 2, 36.5, 40, 36.5);
      ink (cr, style, 0.6);
      head (cr, 6, 30.5);
      line (cr, 9.5, 32.5, 26, 32.5);
      line (cr, 26, 32.5, 39.5, 33.5);
      line (cr, 11, 34, 20, 34.5);
      ink (cr, style, 1.0);
      return (BackSpot) { 17, 29.5, 0 };

    case COACH_POSE_LYING_SIDE:
      {
        static const double legs[] = { 25, 31, 31.5, 25.5, 37.5, 32 };
        line (cr, 2, 36.5, 40, 36.5);
        ink (cr, style, 0.6);
        head (cr, 6, 30);
        line (cr, 9, 31.5, 25, 31);
        polyline (cr, legs, 3);
        line (cr, 11, 30.5, 15, 25);
        ink (cr, style, 1.0);
        return (BackSpot) { 17, 34.3, 0 };
      }

    case COACH_POSE_PARTNER_FACE_DOWN:
      {
        /* The giver kneels behind the receiver, leaning over with hands on their back. */
        static const double giver_legs[] = { 30, 21, 32, 30.5, 40, 31 };
        line (cr, 2, 37, 40, 37);
        ink (cr, style, 0.6);
        head (cr, 5, 31.5);
        line (cr, 8.5, 33.5, 30, 34);
        ink (cr, style, 1.0);
        cairo_set_line_width (cr, lw * 0.85);
        head (cr, 21, 7);
        line (cr, 23, 10.5, 30, 21);
        polyline (cr, giver_legs, 3);
        line (cr, 24, 12.5, 18, 30);
        ink (cr, style, 0.85);
        return (BackSpot) { 16, 31, 0 };
      }

    case COACH_POSE_PARTNER_SIDE_LYING:
      {
        static const double legs[] = { 22, 32, 28.5, 26.5, 33, 33 };
        static const double giver_legs[] = { 30, 17, 30, 29.5, 39.5, 30 };
        line (cr, 2, 37, 40, 37);
        ink (cr, style, 0.6);
        head (cr, 5, 31);
        line (cr, 8, 32.5, 22, 32);
        polyline (cr, legs, 3);
        ink (cr, style, 1.0);
        /* The giver kneels at the receiver's back. */
        cairo_set_line_width (cr, lw * 0.85);
        head (cr, 25, 5.5);
        line (cr, 26.5, 9, 30, 17);
        polyline (cr, giver_legs, 3);
        line (cr, 27, 11, 17, 27);
        ink (cr, style, 0.85);
        return (BackSpot) { 15, 29, 0 };
      }

    case COACH_N_POSES:
    default:
      {
        static const BackSpot centre = { 20, 20, 0 };
        g_return_val_if_reached (centre);
      }
    }
}

static void
draw_inset (cairo_t                 *cr,
            const CoachStep         *step,
            const CoachOutlineStyle *style)
{
  double r = 4.0, s = INSET_SIZE;
  double lw = MAX (style->line_width * 2.0, 1.5);
  BackSpot spot;

  cairo_save (cr);
  cairo_translate (cr, INSET_X, INSET_Y);

  cairo_new_sub_path (cr);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_arc (cr, s - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, s - r, s - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, s - r, r, G_PI / 2, G_PI);
  cairo_close_path (cr);
  set_colour (cr, &style->body, style->body.alpha);
  cairo_fill_preserve (cr);
  set_colour (cr, &style->outline, 0.5);
  cairo_set_line_width (cr, style->line_width * 0.6);
  cairo_stroke (cr);

  spot = draw_pose (cr, step->pose, style, lw);

  /* Equipment the pose itself does not show, placed against the back. */
  if (step->pose != COACH_POSE_STANDING_WALL && step->pose != COACH_POSE_SITTING_BALL &&
      step->pose != COACH_POSE_LYING_ROLLER && step->pose != COACH_POSE_LYING_BALLS)
    {
      if (step->equipment & COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER))
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, spot.x, spot.y, 2.8, 0, 2 * G_PI);
          set_stroke_colour (cr, style);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, style->line_width);
          ink (cr, style, 1.0);
        }
      else if (step->equipment & (COACH_MASK (COACH_EQUIPMENT_BALL) |
                                  COACH_MASK (COACH_EQUIPMENT_TWO_BALLS)))
        {
          draw_ball (cr, style, (Point) { spot.x, spot.y }, 2.0);
        }
    }
  else if (step->pose == COACH_POSE_STANDING_WALL &&
           (step->equipment & (COACH_MASK (COACH_EQUIPMENT_BALL) |
                               COACH_MASK (COACH_EQUIPMENT_TWO_BALLS))))
    {
      draw_ball (cr, style, (Point) { spot.x, spot.y }, 2.3);
    }

  if (step->equipment & COACH_MASK (COACH_EQUIPMENT_HEAT_PACK))
    heat_pack (cr, style, spot.x, spot.y, spot.angle);

  cairo_restore (cr);
}

/* Public API -------------------------------------------------------------------------- */

void
coach_step_drawing_get_transform (double          width,
                                  double          height,
                                  cairo_matrix_t *matrix)
{
  coach_fit_transform (width, height, COACH_STEP_DRAWING_WIDTH, COACH_STEP_DRAWING_HEIGHT, matrix);
}

void
coach_step_drawing_get_inset (double             width,
                              double             height,
                              cairo_rectangle_t *rect)
{
  cairo_matrix_t matrix;
  double x0 = INSET_X, y0 = INSET_Y;
  double x1 = INSET_X + INSET_SIZE, y1 = INSET_Y + INSET_SIZE;

  g_return_if_fail (rect != NULL);

  coach_step_drawing_get_transform (width, height, &matrix);
  cairo_matrix_transform_point (&matrix, &x0, &y0);
  cairo_matrix_transform_point (&matrix, &x1, &y1);
  *rect = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
}

static gboolean
begin_drawing (cairo_t         *cr,
               const CoachStep *step,
               double           width,
               double           height)
{
  cairo_matrix_t matrix;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (step->area < COACH_N_REGIONS, FALSE);
  g_return_val_if_fail (step->pose < COACH_N_POSES, FALSE);

  if (width <= 0 || height <= 0)
    return FALSE;

  cairo_save (cr);
  coach_step_drawing_get_transform (width, height, &matrix);
  cairo_transform (cr, &matrix);
  cairo_new_path (cr);
  return TRUE;
}

/**
 * coach_step_drawing_draw_base:
 *
 * The part of the drawing that never moves: the back with the step's area highlighted, and
 * the pose inset. A widget can keep it and redraw only the marks as they move.
 */
void
coach_step_drawing_draw_base (cairo_t                 *cr,
                              const CoachStep         *step,
                              const CoachOutlineStyle *style,
                              double                   width,
                              double                   height)
{
  g_return_if_fail (style != NULL);

  if (!begin_drawing (cr, step, width, height))
    return;
  coach_back_outline_draw (cr, style, COACH_MASK (step->area), -1);
  draw_inset (cr, step, style);
  cairo_restore (cr);
}

/**
 * coach_step_drawing_draw_marks:
 *
 * The stroke path and pressure points on the correct side, with the contact point at @phase
 * (none for a negative phase), over a base drawn by coach_step_drawing_draw_base ().
 */
void
coach_step_drawing_draw_marks (cairo_t                 *cr,
                               const CoachStep         *step,
                               const CoachOutlineStyle *style,
                               double                   width,
                               double                   height,
                               double                   phase)
{
  g_return_if_fail (style != NULL);

  if (!begin_drawing (cr, step, width, height))
    return;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  draw_centre (cr, step, style, phase);

  if (step->side != COACH_SIDE_RIGHT)
    draw_side (cr, step, style, phase);
  if (step->side != COACH_SIDE_LEFT)
    {
      cairo_save (cr);
      cairo_translate (cr, COACH_OUTLINE_WIDTH, 0);
      cairo_scale (cr, -1, 1);
      draw_side (cr, step, style, phase);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

void
coach_step_drawing_draw (cairo_t                 *cr,
                         const CoachStep         *step,
                         const CoachOutlineStyle *style,
                         double                   width,
                         double                   height,
                         double                   phase)
{
  coach_step_drawing_draw_base (cr, step, style, width, height);
  coach_step_drawing_draw_marks (cr, step, style, width, height, phase);
}

typedef struct {
  const CoachStep         *step;
  const CoachOutlineStyle *style;
  double                   phase;
} StepDrawing;

static void
draw_step (cairo_t       *cr,
           int            width,
           int            height,
           gconstpointer  user_data)
{
  const StepDrawing *drawing = user_data;

  coach_step_drawing_draw (cr, drawing->step, drawing->style, width, height, drawing->phase);
}

gboolean
coach_step_drawing_render_png (const CoachStep          *step,
                               const char               *path,
                               int                       width,
                               int                       height,
                               const CoachOutlineStyle  *style,
                               double                    phase,
                               GError                  **error)
{
  StepDrawing drawing = { step, style, phase };

  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  return coach_render_png (path, width, height, draw_step, &drawing, error);
}

double
coach_step_drawing_get_cycle_seconds (const CoachStep *step)
{
  g_return_val_if_fail (step != NULL, 0);

  /* A tempo paces every stroke, even a held one: the pressure then eases with the breath. */
  if (step->tempo > 0)
    return 60.0 / step->tempo;

  switch (step->stroke)
    {
    case COACH_STROKE_GLIDE:
      return 4.0;
    case COACH_STROKE_KNEAD:
      return 2.0;
    case COACH_STROKE_FRICTION:
      return 1.5;
    case COACH_STROKE_TAP:
      return 0.5;
    case COACH_STROKE_ROLL:
      return 4.0;
    case COACH_STROKE_ROCK:
      return 1.0;
    case COACH_STROKE_HOLD:
    case COACH_STROKE_STRETCH:
    case COACH_STROKE_REST:
    case COACH_N_STROKES:
    default:
      return 0.0;
    }
}
