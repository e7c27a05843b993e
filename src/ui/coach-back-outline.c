/* coach-back-outline.c: a person's back seen from behind, with its regions and landmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything lives in a fixed design space of 100 × 160 units, so the body map and the step
 * illustrations share one drawing and one set of coordinates at any size. The outline is a
 * table of cubic curves for the viewer's left half, mirrored for the right half; the regions
 * are horizontal bands of the trunk, cut from a flattened copy of its outline. */
#define G_LOG_DOMAIN "coach-back-outline"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "coach-back-outline.h"

typedef struct {
  double x, y;
} Point;

/* The head is an ellipse; the neck meets it where the ellipse is NECK_HALF_WIDTH from the
 * midline. */
#define HEAD_CX 50.0
#define HEAD_CY 17.5
#define HEAD_RX 10.0
#define HEAD_RY 12.5
#define NECK_HALF_WIDTH 5.5
/* The left ear; the right one is its mirror image. */
#define EAR_CX 40.3
#define EAR_CY 19.0
#define EAR_RX 2.0
#define EAR_RY 3.6

/* The viewer's left half of the outline, from under the head down to the crotch: a start
 * point, then three points (two control points and an end point) per cubic segment. */
static const Point left_side[] = {
  { 44.5, 27.94 },                                    /* neck, on the head's ellipse */
  { 44.3, 30.0 }, { 44.1, 31.5 }, { 43.7, 33.0 },     /* side of the neck */
  { 43.1, 35.2 }, { 36.0, 38.6 }, { 27.0, 40.9 },     /* slope of the trapezius */
  { 22.2, 41.8 }, { 18.9, 44.8 }, { 18.2, 50.5 },     /* shoulder cap */
  { 17.6, 58.0 }, { 16.4, 72.0 }, { 16.2, 84.5 },     /* outside of the upper arm */
  { 18.6, 85.6 }, { 23.2, 85.6 }, { 25.6, 84.6 },     /* end of the arm stub */
  { 25.8, 75.0 }, { 26.4, 63.0 }, { 27.6, 56.0 },     /* inside of the arm, up to the armpit */
  { 28.6, 63.0 }, { 29.4, 72.0 }, { 30.6, 80.0 },     /* flank along the ribs */
  { 31.4, 85.0 }, { 31.6, 90.0 }, { 31.0, 95.0 },     /* waist */
  { 30.2, 101.0 }, { 25.4, 108.0 }, { 24.8, 119.0 },  /* widening to the hips */
  { 24.2, 130.0 }, { 25.6, 144.0 }, { 27.2, 157.0 },  /* hip and outside of the thigh */
  { 34.0, 158.3 }, { 42.0, 158.3 }, { 48.0, 157.0 },  /* where the thigh is cut off */
  { 48.6, 150.0 }, { 49.2, 145.0 }, { 50.0, 142.5 },  /* inside of the thigh, to the crotch */
};

#define N_SEGMENTS ((G_N_ELEMENTS (left_side) - 1) / 3)
/* The segments of the arm; the trunk, which the regions are cut from, skips them with a
 * straight cut from the shoulder cap to the armpit. */
#define ARM_FIRST_SEGMENT 3
#define ARM_LAST_SEGMENT 5

G_STATIC_ASSERT ((G_N_ELEMENTS (left_side) - 1) % 3 == 0);

/* The lower edge of each region's band; the neck's band starts at the head. The shoulder
 * line is where the neck widens into the trapezius, the upper back ends at the lower tips of
 * the shoulder blades, the lower back at the top of the iliac crest, and the buttocks at
 * their fold. */
static const double region_bottoms[COACH_N_REGIONS] = {
  [COACH_REGION_NECK] = 38.5,
  [COACH_REGION_UPPER_BACK] = 68.0,
  [COACH_REGION_MID_BACK] = 88.0,
  [COACH_REGION_LOWER_BACK] = 106.0,
  [COACH_REGION_SACRUM_HIPS] = 124.0,
  [COACH_REGION_BUTTOCKS] = 146.0,
};

/* On the spine, where a label or a click lands clearly inside the band. */
static const Point region_centres[COACH_N_REGIONS] = {
  [COACH_REGION_NECK] = { 50.0, 34.0 },
  [COACH_REGION_UPPER_BACK] = { 50.0, 52.0 },
  [COACH_REGION_MID_BACK] = { 50.0, 78.0 },
  [COACH_REGION_LOWER_BACK] = { 50.0, 97.0 },
  [COACH_REGION_SACRUM_HIPS] = { 50.0, 115.0 },
  [COACH_REGION_BUTTOCKS] = { 50.0, 134.0 },
};

typedef struct {
  Point    left;        /* the landmark on the person's left side */
  gboolean on_spine;    /* a midline point when no side is given */
} Landmark;

static const Landmark landmarks[COACH_N_LANDMARKS] = {
  [COACH_LANDMARK_SKULL_BASE] = { { 46.0, 31.5 }, TRUE },
  [COACH_LANDMARK_NECK_SIDE] = { { 45.8, 34.5 }, FALSE },
  [COACH_LANDMARK_SHOULDER_TOP] = { { 34.0, 41.5 }, FALSE },
  [COACH_LANDMARK_SHOULDER_BLADE_INNER] = { { 44.5, 55.0 }, FALSE },
  [COACH_LANDMARK_SHOULDER_BLADE] = { { 35.5, 54.0 }, FALSE },
  [COACH_LANDMARK_MID_BACK_BESIDE_SPINE] = { { 45.5, 78.0 }, FALSE },
  [COACH_LANDMARK_LOWER_BACK_BESIDE_SPINE] = { { 45.5, 97.0 }, FALSE },
  [COACH_LANDMARK_SIDE_LUMBAR] = { { 36.0, 96.0 }, FALSE },
  [COACH_LANDMARK_HIP_CREST] = { { 36.5, 104.0 }, FALSE },
  [COACH_LANDMARK_SACRUM] = { { 47.5, 114.0 }, TRUE },
  [COACH_LANDMARK_GLUTE_CENTRE] = { { 38.0, 131.0 }, FALSE },
  [COACH_LANDMARK_PIRIFORMIS] = { { 40.5, 121.0 }, FALSE },
};

/* Landmarks are hints, not outlines: drawn in the outline colour at this share of its alpha. */
#define LANDMARK_ALPHA 0.4

static inline Point
mirror (Point p)
{
  return (Point) { COACH_OUTLINE_WIDTH - p.x, p.y };
}

static inline void
curve_to (cairo_t *cr,
          Point    c1,
          Point    c2,
          Point    end)
{
  cairo_curve_to (cr, c1.x, c1.y, c2.x, c2.y, end.x, end.y);
}

/* Appends an arc of an axis-aligned ellipse, angles as in cairo_arc (). */
static void
ellipse_arc (cairo_t *cr,
             double   cx,
             double   cy,
             double   rx,
             double   ry,
             double   angle1,
             double   angle2)
{
  cairo_matrix_t saved;

  /* The path keeps its points in device space, so scaling only while adding the arc bends
   * the circle into the ellipse without touching the caller's transform. */
  cairo_get_matrix (cr, &saved);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, angle1, angle2);
  cairo_set_matrix (cr, &saved);
}

/* The left half from under the head to the crotch, then the right half back up. */
static void
append_sides (cairo_t  *cr,
              gboolean  with_arms)
{
  const Point *p = left_side;

  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 0; i < N_SEGMENTS; i++)
    {
      const Point *seg = &p[3 * i];

      if (!with_arms && i >= ARM_FIRST_SEGMENT && i <= ARM_LAST_SEGMENT)
        {
          if (i == ARM_LAST_SEGMENT)
            cairo_line_to (cr, seg[3].x, seg[3].y);
          continue;
        }
      curve_to (cr, seg[1], seg[2], seg[3]);
    }

  /* The same segments mirrored, walked backwards. */
  for (guint i = N_SEGMENTS; i-- > 0; )
    {
      const Point *seg = &p[3 * i];

      if (!with_arms && i >= ARM_FIRST_SEGMENT && i <= ARM_LAST_SEGMENT)
        {
          if (i == ARM_FIRST_SEGMENT)
            {
              Point start = mirror (seg[0]);
              cairo_line_to (cr, start.x, start.y);
            }
          continue;
        }
      curve_to (cr, mirror (seg[2]), mirror (seg[1]), mirror (seg[0]));
    }
}

/* Closes the sides along the bottom of the head, from right to left. */
static void
close_under_head (cairo_t *cr)
{
  double angle = acos (NECK_HALF_WIDTH / HEAD_RX);

  ellipse_arc (cr, HEAD_CX, HEAD_CY, HEAD_RX, HEAD_RY, angle, G_PI - angle);
  cairo_close_path (cr);
}

static void
append_head_path (cairo_t *cr)
{
  cairo_new_sub_path (cr);
  ellipse_arc (cr, HEAD_CX, HEAD_CY, HEAD_RX, HEAD_RY, 0, 2 * G_PI);
  cairo_close_path (cr);
}

/* The ears show only as slivers beside the head, but they make it read as a head seen from
 * behind rather than a ball. Same winding as the head, so that their union stays filled. */
static void
append_ears_path (cairo_t *cr)
{
  cairo_new_sub_path (cr);
  ellipse_arc (cr, EAR_CX, EAR_CY, EAR_RX, EAR_RY, 0, 2 * G_PI);
  cairo_close_path (cr);
  cairo_new_sub_path (cr);
  ellipse_arc (cr, COACH_OUTLINE_WIDTH - EAR_CX, EAR_CY, EAR_RX, EAR_RY, 0, 2 * G_PI);
  cairo_close_path (cr);
}

/* Neck, trunk, hips and thighs without the arms: what the regions are cut from. */
static void
append_trunk_path (cairo_t *cr)
{
  cairo_new_sub_path (cr);
  append_sides (cr, FALSE);
  close_under_head (cr);
}

static void
append_torso_path (cairo_t *cr)
{
  cairo_new_sub_path (cr);
  append_sides (cr, TRUE);
  close_under_head (cr);
}

void
coach_back_outline_append_body_path (cairo_t *cr)
{
  g_return_if_fail (cr != NULL);

  append_torso_path (cr);
  append_ears_path (cr);
  append_head_path (cr);
}

/* Region shapes ------------------------------------------------------------------------ */

typedef struct {
  GArray *trunk;                      /* of Point, the flattened trunk outline */
  GArray *regions[COACH_N_REGIONS];   /* of Point, each the trunk cut to a band */
} Shapes;

/* Keeps the part of @polygon above (or below) the line at @y: one Sutherland–Hodgman pass.
 * A half-plane is convex, so the result is exact for any simple polygon. */
static GArray *
clip_polygon (GArray   *polygon,
              double    y,
              gboolean  keep_below)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (Point));

  for (guint i = 0; i < polygon->len; i++)
    {
      Point a = g_array_index (polygon, Point, i);
      Point b = g_array_index (polygon, Point, (i + 1) % polygon->len);
      gboolean a_in = keep_below ? a.y >= y : a.y <= y;
      gboolean b_in = keep_below ? b.y >= y : b.y <= y;

      if (a_in)
        g_array_append_val (result, a);
      if (a_in != b_in)
        {
          Point cut = { a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y };
          g_array_append_val (result, cut);
        }
    }

  return result;
}

static double
region_top (CoachRegion region)
{
  return region == 0 ? 0.0 : region_bottoms[region - 1];
}

static GArray *
flatten_trunk (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  cairo_path_t *path;
  GArray *points = g_array_new (FALSE, FALSE, sizeof (Point));

  /* A hundredth of a unit stays well under a pixel even on a full-screen map. */
  cairo_set_tolerance (cr, 0.01);
  append_trunk_path (cr);
  path = cairo_copy_path_flat (cr);

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *data = &path->data[i];
      Point p;

      if (data->header.type != CAIRO_PATH_MOVE_TO && data->header.type != CAIRO_PATH_LINE_TO)
        continue;
      p = (Point) { data[1].point.x, data[1].point.y };
      /* Repeated points would only make zero-length edges. */
      if (points->len > 0)
        {
          Point last = g_array_index (points, Point, points->len - 1);
          if (fabs (last.x - p.x) < 1e-9 && fabs (last.y - p.y) < 1e-9)
            continue;
        }
      g_array_append_val (points, p);
    }

  cairo_path_destroy (path);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return points;
}

/* Computed once: the shapes are fixed, and hit testing runs on every pointer motion. */
static const Shapes *
get_shapes (void)
{
  static Shapes *shapes = NULL;

  if (g_once_init_enter (&shapes))
    {
      Shapes *s = g_new0 (Shapes, 1);

      s->trunk = flatten_trunk ();
      for (guint r = 0; r < COACH_N_REGIONS; r++)
        {
          g_autoptr(GArray) below_top = clip_polygon (s->trunk, region_top (r), TRUE);
          s->regions[r] = clip_polygon (below_top, region_bottoms[r], FALSE);
        }

      g_once_init_leave (&shapes, s);
    }

  return shapes;
}

/* Even-odd ray casting. */
static gboolean
polygon_contains (GArray *polygon,
                  double  x,
                  double  y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = polygon->len - 1; i < polygon->len; j = i++)
    {
      Point a = g_array_index (polygon, Point, i);
      Point b = g_array_index (polygon, Point, j);

      if ((a.y > y) != (b.y > y) && x < a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y))
        inside = !inside;
    }

  return inside;
}

void
coach_back_outline_append_region_path (cairo_t     *cr,
                                       CoachRegion  region)
{
  GArray *polygon;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (region < COACH_N_REGIONS);

  polygon = get_shapes ()->regions[region];
  cairo_new_sub_path (cr);
  for (guint i = 0; i < polygon->len; i++)
    {
      Point p = g_array_index (polygon, Point, i);
      cairo_line_to (cr, p.x, p.y);
    }
  cairo_close_path (cr);
}

gboolean
coach_back_outline_region_at (double       x,
                              double       y,
                              CoachRegion *region)
{
  const Shapes *shapes = get_shapes ();

  if (!polygon_contains (shapes->trunk, x, y))
    return FALSE;

  /* Bands are half open, so a point on a boundary belongs to the region below it. */
  for (guint r = 0; r < COACH_N_REGIONS; r++)
    {
      if (y < region_bottoms[r])
        {
          if (region != NULL)
            *region = r;
          return TRUE;
        }
    }

  return FALSE;
}

void
coach_back_outline_get_region_centre (CoachRegion  region,
                                      double      *x,
                                      double      *y)
{
  g_return_if_fail (region < COACH_N_REGIONS);

  if (x != NULL)
    *x = region_centres[region].x;
  if (y != NULL)
    *y = region_centres[region].y;
}

void
coach_back_outline_get_landmark (CoachLandmark  landmark,
                                 CoachSide      side,
                                 double        *x,
                                 double        *y)
{
  Point p;

  g_return_if_fail (landmark < COACH_N_LANDMARKS);
  g_return_if_fail (side < COACH_N_SIDES);

  p = landmarks[landmark].left;
  if (side == COACH_SIDE_RIGHT)
    p = mirror (p);
  else if (side != COACH_SIDE_LEFT && landmarks[landmark].on_spine)
    p.x = COACH_OUTLINE_WIDTH / 2;

  if (x != NULL)
    *x = p.x;
  if (y != NULL)
    *y = p.y;
}

/* Drawing ----------------------------------------------------------------------------- */

/* Sets @matrix to fit a design space of @design_width × @design_height into a @width ×
 * @height area, keeping its aspect ratio, centred. */
void
coach_fit_transform (double          width,
                     double          height,
                     double          design_width,
                     double          design_height,
                     cairo_matrix_t *matrix)
{
  double scale;

  g_return_if_fail (matrix != NULL);

  scale = MIN (width / design_width, height / design_height);
  scale = MAX (scale, 0.0);
  cairo_matrix_init_translate (matrix,
                               (width - design_width * scale) / 2,
                               (height - design_height * scale) / 2);
  cairo_matrix_scale (matrix, scale, scale);
}

void
coach_back_outline_get_transform (double          width,
                                  double          height,
                                  cairo_matrix_t *matrix)
{
  coach_fit_transform (width, height, COACH_OUTLINE_WIDTH, COACH_OUTLINE_HEIGHT, matrix);
}

void
coach_outline_style_init_from_widget (CoachOutlineStyle *style,
                                      GtkWidget         *widget)
{
  GtkStyleContext *context;
  gboolean high_contrast;
  GdkRGBA fg, accent;

  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  context = gtk_widget_get_style_context (widget);
  high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());

  /* The foreground colour already follows dark mode and high contrast. */
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");

  style->outline = fg;
  style->outline.alpha = fg.alpha * (high_contrast ? 1.0 : 0.75);
  style->body = fg;
  style->body.alpha = fg.alpha * (high_contrast ? 0.12 : 0.05);
  style->highlight = accent;
  style->highlight.alpha = accent.alpha * (high_contrast ? 0.85 : 0.55);
  style->hover = accent;
  style->hover.alpha = accent.alpha * (high_contrast ? 0.45 : 0.22);
  style->line_width = high_contrast ? 1.3 : 0.8;
}

static void
set_colour (cairo_t       *cr,
            const GdkRGBA *colour,
            double         alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha * alpha);
}

/* A polygon with its corners rounded off, for bones that have no sharp corners. */
static void
append_rounded_polygon (cairo_t     *cr,
                        const Point *points,
                        guint        n_points,
                        double       radius)
{
  cairo_new_sub_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      Point prev = points[(i + n_points - 1) % n_points];
      Point v = points[i];
      Point next = points[(i + 1) % n_points];
      double to_prev = hypot (prev.x - v.x, prev.y - v.y);
      double to_next = hypot (next.x - v.x, next.y - v.y);
      double tp = MIN (radius / to_prev, 0.5);
      double tn = MIN (radius / to_next, 0.5);
      Point a = { v.x + (prev.x - v.x) * tp, v.y + (prev.y - v.y) * tp };
      Point b = { v.x + (next.x - v.x) * tn, v.y + (next.y - v.y) * tn };

      cairo_line_to (cr, a.x, a.y);
      /* Control points most of the way to the corner: close to a circular arc. */
      cairo_curve_to (cr,
                      a.x + (v.x - a.x) * 0.55, a.y + (v.y - a.y) * 0.55,
                      b.x + (v.x - b.x) * 0.55, b.y + (v.y - b.y) * 0.55,
                      b.x, b.y);
    }
  cairo_close_path (cr);
}

/* One small rounded mark per vertebra, from the base of the skull to the sacrum, a little
 * wider toward the bigger lumbar vertebrae. */
static void
draw_spine (cairo_t                 *cr,
            const CoachOutlineStyle *style)
{
  const double top = 31.5, bottom = 105.0;
  const guint n = 22;

  for (guint i = 0; i < n; i++)
    {
      double t = (double) i / (n - 1);
      double y = top + (bottom - top) * t;
      double w = 1.8 + 1.4 * t;
      double h = 1.3;

      cairo_new_sub_path (cr);
      cairo_arc (cr, 50 - w / 2 + h / 2, y, h / 2, G_PI / 2, 3 * G_PI / 2);
      cairo_arc (cr, 50 + w / 2 - h / 2, y, h / 2, -G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
    }
  set_colour (cr, &style->outline, LANDMARK_ALPHA);
  cairo_fill (cr);
}

static void
draw_landmarks (cairo_t                 *cr,
                const CoachOutlineStyle *style)
{
  /* The shoulder blade: its top inner corner, the joint at the shoulder, the lower tip. */
  static const Point blade[] = { { 41.2, 45.0 }, { 30.8, 46.6 }, { 39.4, 67.5 } };
  static const Point sacrum[] = { { 44.6, 107.0 }, { 55.4, 107.0 }, { 50.0, 124.0 } };
  Point mirrored[G_N_ELEMENTS (blade)];

  draw_spine (cr, style);

  cairo_save (cr);
  cairo_set_line_width (cr, style->line_width * 0.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_colour (cr, &style->outline, LANDMARK_ALPHA);

  append_rounded_polygon (cr, blade, G_N_ELEMENTS (blade), 3.0);
  for (guint i = 0; i < G_N_ELEMENTS (blade); i++)
    mirrored[i] = mirror (blade[i]);
  append_rounded_polygon (cr, mirrored, G_N_ELEMENTS (mirrored), 3.0);

  /* The iliac crests arch over the lower back to the dimples beside the sacrum. */
  cairo_move_to (cr, 29.4, 110.5);
  cairo_curve_to (cr, 31.0, 104.0, 37.5, 101.0, 44.0, 105.5);
  cairo_move_to (cr, 100 - 29.4, 110.5);
  cairo_curve_to (cr, 100 - 31.0, 104.0, 100 - 37.5, 101.0, 100 - 44.0, 105.5);

  append_rounded_polygon (cr, sacrum, G_N_ELEMENTS (sacrum), 2.0);

  /* The cleft between the buttocks and the folds under them. */
  cairo_move_to (cr, 50.0, 125.5);
  cairo_line_to (cr, 50.0, 139.5);
  cairo_move_to (cr, 48.8, 141.6);
  cairo_curve_to (cr, 44.5, 145.0, 38.5, 146.0, 33.5, 144.4);
  cairo_move_to (cr, 100 - 48.8, 141.6);
  cairo_curve_to (cr, 100 - 44.5, 145.0, 100 - 38.5, 146.0, 100 - 33.5, 144.4);

  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Faint lines where one region meets the next, so the bands read as choices even when
 * nothing is selected. */
static void
draw_band_edges (cairo_t                 *cr,
                 const CoachOutlineStyle *style)
{
  const double dashes[] = { 1.2, 1.6 };

  cairo_save (cr);
  append_trunk_path (cr);
  cairo_clip (cr);
  for (guint r = 0; r + 1 < COACH_N_REGIONS; r++)
    {
      cairo_move_to (cr, 0, region_bottoms[r]);
      cairo_line_to (cr, COACH_OUTLINE_WIDTH, region_bottoms[r]);
    }
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, style->line_width * 0.4);
  set_colour (cr, &style->outline, LANDMARK_ALPHA * 0.6);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
coach_back_outline_draw (cairo_t                 *cr,
                         const CoachOutlineStyle *style,
                         guint32                  highlighted,
                         int                      hover)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  append_torso_path (cr);
  set_colour (cr, &style->body, 1.0);
  cairo_fill (cr);

  for (guint r = 0; r < COACH_N_REGIONS; r++)
    if (highlighted & COACH_MASK (r))
      coach_back_outline_append_region_path (cr, r);
  set_colour (cr, &style->highlight, 1.0);
  cairo_fill (cr);

  if (hover >= 0 && hover < COACH_N_REGIONS)
    {
      coach_back_outline_append_region_path (cr, hover);
      set_colour (cr, &style->hover, 1.0);
      cairo_fill (cr);
    }

  draw_band_edges (cr, style);
  draw_landmarks (cr, style);

  /* The sides only: the edge under the head is the head's own outline, and stroking it twice
   * would darken it where the colour is translucent. */
  cairo_set_line_width (cr, style->line_width);
  set_colour (cr, &style->outline, 1.0);
  cairo_new_path (cr);
  append_sides (cr, TRUE);
  cairo_stroke (cr);

  /* Only the part of each ear outside the head shows. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, COACH_OUTLINE_WIDTH, COACH_OUTLINE_HEIGHT);
  append_head_path (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);
  append_ears_path (cr);
  set_colour (cr, &style->body, 1.0);
  cairo_fill_preserve (cr);
  set_colour (cr, &style->outline, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  append_head_path (cr);
  set_colour (cr, &style->body, 1.0);
  cairo_fill_preserve (cr);
  set_colour (cr, &style->outline, 1.0);
  cairo_stroke (cr);

  cairo_restore (cr);
}

/**
 * coach_render_png:
 * @draw: draws into a @width × @height pixel area of the context it is given
 *
 * Renders a drawing to a PNG file on a transparent background; the one place the outline,
 * the step illustrations and their exports write images.
 */
gboolean
coach_render_png (const char     *path,
                  int             width,
                  int             height,
                  CoachDrawFunc   draw,
                  gconstpointer   user_data,
                  GError        **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save the image “%s”: %s"),
                   display_name, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  const CoachOutlineStyle *style;
  guint32                  highlighted;
} OutlineDrawing;

static void
draw_outline (cairo_t       *cr,
              int            width,
              int            height,
              gconstpointer  user_data)
{
  const OutlineDrawing *drawing = user_data;
  cairo_matrix_t matrix;

  coach_back_outline_get_transform (width, height, &matrix);
  cairo_transform (cr, &matrix);
  coach_back_outline_draw (cr, drawing->style, drawing->highlighted, -1);
}

gboolean
coach_back_outline_render_png (const char               *path,
                               int                       width,
                               int                       height,
                               const CoachOutlineStyle  *style,
                               guint32                   highlighted,
                               GError                  **error)
{
  OutlineDrawing drawing = { style, highlighted };

  g_return_val_if_fail (style != NULL, FALSE);

  return coach_render_png (path, width, height, draw_outline, &drawing, error);
}
