/* test-body-map.c: the back outline's geometry and rendering, and clicks on the body map.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "coach-back-outline.h"
#include "coach-body-map.h"
#include "ui-test-util.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A light style with the colours the app uses, independent of any theme. */
static void
init_test_style (CoachOutlineStyle *style)
{
  gdk_rgba_parse (&style->outline, "#303030");
  gdk_rgba_parse (&style->body, "rgba(0, 0, 0, 0.05)");
  gdk_rgba_parse (&style->highlight, "rgba(53, 132, 228, 0.55)");
  gdk_rgba_parse (&style->hover, "rgba(53, 132, 228, 0.22)");
  style->line_width = 0.8;
}

static void
test_click_toggles (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *map = coach_body_map_new ();
  GtkGestureClick *gesture;
  GtkEventControllerMotion *motion;
  guint notifications = 0;
  guint mask;
  int minimum, natural;
  double x, y;

  gtk_window_set_default_size (GTK_WINDOW (window), 300, 480);
  gtk_window_set_child (GTK_WINDOW (window), map);
  g_signal_connect (map, "notify::regions", G_CALLBACK (count_notify), &notifications);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (widget_is_laid_out, map);

  g_assert_cmpstr (gtk_widget_get_css_name (map), ==, "bodymap");
  g_assert_false (gtk_widget_get_focusable (map));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (map)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 120);
  g_assert_cmpint (natural, ==, 200);
  gtk_widget_measure (map, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 192);
  g_assert_cmpint (natural, ==, 320);

  gtk_test_accessible_assert_property (map, GTK_ACCESSIBLE_PROPERTY_LABEL, "Back outline");
  gtk_test_accessible_assert_property (map, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No sore regions selected");

  gesture = GTK_GESTURE_CLICK (find_controller (map, GTK_TYPE_GESTURE_CLICK));
  g_assert_nonnull (gesture);

  for (CoachRegion r = 0; r < COACH_N_REGIONS; r++)
    {
      coach_body_map_get_region_centre (COACH_BODY_MAP (map), r, &x, &y);
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (x, <, gtk_widget_get_width (map));
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (y, <, gtk_widget_get_height (map));

      notifications = 0;
      click_gesture (gesture, x, y);
      g_assert_cmphex (coach_body_map_get_regions (COACH_BODY_MAP (map)), ==, COACH_MASK (r));
      g_assert_cmpuint (notifications, ==, 1);

      click_gesture (gesture, x, y);
      g_assert_cmphex (coach_body_map_get_regions (COACH_BODY_MAP (map)), ==, 0);
      g_assert_cmpuint (notifications, ==, 2);
    }

  /* Outside the body a click changes nothing; so does a press and release on different
   * regions. */
  notifications = 0;
  click_gesture (gesture, 1, 1);
  coach_body_map_get_region_centre (COACH_BODY_MAP (map), COACH_REGION_NECK, &x, &y);
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  coach_body_map_get_region_centre (COACH_BODY_MAP (map), COACH_REGION_BUTTOCKS, &x, &y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
  g_assert_cmphex (coach_body_map_get_regions (COACH_BODY_MAP (map)), ==, 0);
  g_assert_cmpuint (notifications, ==, 0);

  /* The property notifies only on a change. */
  mask = COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_LOWER_BACK);
  coach_body_map_set_regions (COACH_BODY_MAP (map), mask);
  coach_body_map_set_regions (COACH_BODY_MAP (map), mask);
  g_object_set (map, "regions", mask, NULL);
  g_assert_cmpuint (notifications, ==, 1);

  /* Screen readers hear what is selected, in the regions' order. */
  gtk_test_accessible_assert_property (map, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Sore regions: Neck, Lower back");

  /* Hovering a region shows a pointer cursor; leaving the body takes it away. */
  motion = GTK_EVENT_CONTROLLER_MOTION (find_controller (map, GTK_TYPE_EVENT_CONTROLLER_MOTION));
  g_assert_nonnull (motion);
  coach_body_map_get_region_centre (COACH_BODY_MAP (map), COACH_REGION_MID_BACK, &x, &y);
  g_signal_emit_by_name (motion, "motion", x, y);
  g_assert_nonnull (gtk_widget_get_cursor (map));
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (map)), ==, "pointer");
  g_signal_emit_by_name (motion, "motion", 1.0, 1.0);
  g_assert_null (gtk_widget_get_cursor (map));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_region_at (void)
{
  CoachRegion region;
  double x, y;

  for (CoachRegion r = 0; r < COACH_N_REGIONS; r++)
    {
      coach_back_outline_get_region_centre (r, &x, &y);
      g_assert_true (coach_back_outline_region_at (x, y, &region));
      g_assert_cmpint (region, ==, r);
    }

  g_assert_false (coach_back_outline_region_at (2, 2, &region));
  g_assert_false (coach_back_outline_region_at (COACH_OUTLINE_WIDTH - 2, COACH_OUTLINE_HEIGHT - 2,
                                                &region));
  /* The head is no region. */
  g_assert_false (coach_back_outline_region_at (50, 15, &region));

  /* Down the spine at mid-back height, and a little to either side of it. */
  coach_back_outline_get_landmark (COACH_LANDMARK_MID_BACK_BESIDE_SPINE, COACH_SIDE_LEFT, &x, &y);
  g_assert_true (coach_back_outline_region_at (COACH_OUTLINE_WIDTH / 2, y, &region));
  g_assert_cmpint (region, ==, COACH_REGION_MID_BACK);
  g_assert_true (coach_back_outline_region_at (x, y, &region));
  g_assert_cmpint (region, ==, COACH_REGION_MID_BACK);
  g_assert_true (coach_back_outline_region_at (COACH_OUTLINE_WIDTH - x, y, &region));
  g_assert_cmpint (region, ==, COACH_REGION_MID_BACK);

  /* The regions run from the neck down to the buttocks in order. */
  for (CoachRegion r = 1; r < COACH_N_REGIONS; r++)
    {
      double above;

      coach_back_outline_get_region_centre (r - 1, NULL, &above);
      coach_back_outline_get_region_centre (r, NULL, &y);
      g_assert_cmpfloat (above, <, y);
    }
}

/* Each region's path holds its own centre and no other region's. */
static void
test_region_paths (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);

  for (CoachRegion r = 0; r < COACH_N_REGIONS; r++)
    {
      cairo_new_path (cr);
      coach_back_outline_append_region_path (cr, r);
      for (CoachRegion other = 0; other < COACH_N_REGIONS; other++)
        {
          double x, y;

          coach_back_outline_get_region_centre (other, &x, &y);
          g_assert_cmpint (cairo_in_fill (cr, x, y), ==, other == r);
        }
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) y * stride + (int) x * 4);
}

static void
test_render_png (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-body-map-XXXXXX", &error);
  g_autofree char *plain_path = NULL;
  cairo_surface_t *plain;
  CoachOutlineStyle style;
  cairo_matrix_t matrix;

  g_assert_no_error (error);
  init_test_style (&style);
  coach_back_outline_get_transform (200, 320, &matrix);

  plain_path = g_build_filename (dir, "plain.png", NULL);
  g_assert_true (coach_back_outline_render_png (plain_path, 200, 320, &style, 0, &error));
  g_assert_no_error (error);
  plain = cairo_image_surface_create_from_png (plain_path);
  g_assert_cmpint (cairo_surface_status (plain), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (plain), ==, 200);
  g_assert_cmpint (cairo_image_surface_get_height (plain), ==, 320);
  /* Something is drawn: the body fill at the middle of the back. */
  g_assert_cmphex (pixel_at (plain, 100, 160) >> 24, !=, 0);

  for (CoachRegion r = 0; r < COACH_N_REGIONS; r++)
    {
      g_autofree char *name = g_strdup_printf ("region-%d.png", r);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      cairo_surface_t *highlighted;
      double x, y;

      g_assert_true (coach_back_outline_render_png (path, 200, 320, &style, COACH_MASK (r),
                                                    &error));
      g_assert_no_error (error);
      highlighted = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (highlighted), ==, CAIRO_STATUS_SUCCESS);

      /* Beside the spine, whose marks could hide the fill at the very centre. */
      coach_back_outline_get_region_centre (r, &x, &y);
      x += 3;
      cairo_matrix_transform_point (&matrix, &x, &y);
      g_assert_cmphex (pixel_at (highlighted, x, y), !=, pixel_at (plain, x, y));

      cairo_surface_destroy (highlighted);
      g_assert_cmpint (g_remove (path), ==, 0);
    }

  cairo_surface_destroy (plain);
  g_assert_cmpint (g_remove (plain_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* A path that cannot be written is an error, not a crash. */
  g_assert_false (coach_back_outline_render_png ("/nonexistent/dir/map.png", 20, 32, &style, 0,
                                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

static void
test_landmarks (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);

  coach_back_outline_append_body_path (cr);
  g_assert_false (cairo_in_fill (cr, 2, 2));

  for (CoachLandmark l = 0; l < COACH_N_LANDMARKS; l++)
    {
      double lx, ly, rx, ry, bx, by;

      coach_back_outline_get_landmark (l, COACH_SIDE_LEFT, &lx, &ly);
      coach_back_outline_get_landmark (l, COACH_SIDE_RIGHT, &rx, &ry);
      coach_back_outline_get_landmark (l, COACH_SIDE_BOTH, &bx, &by);

      /* Mirror images about the midline, the left one on the viewer's left. */
      g_assert_cmpfloat_with_epsilon (lx + rx, COACH_OUTLINE_WIDTH, 1e-9);
      g_assert_cmpfloat_with_epsilon (ly, ry, 1e-9);
      g_assert_cmpfloat (lx, <=, COACH_OUTLINE_WIDTH / 2);
      /* Both sides: the left one, or the midline for points on the spine. */
      g_assert_cmpfloat_with_epsilon (by, ly, 1e-9);
      g_assert_true (bx == lx || bx == COACH_OUTLINE_WIDTH / 2);

      for (CoachSide side = 0; side < COACH_N_SIDES; side++)
        {
          double x, y;

          coach_back_outline_get_landmark (l, side, &x, &y);
          if (!cairo_in_fill (cr, x, y))
            g_error ("Landmark %s on side %s at (%g, %g) is outside the body",
                     coach_vocab_to_id (COACH_VOCAB_LANDMARK, l),
                     coach_vocab_to_id (COACH_VOCAB_SIDE, side), x, y);
        }
    }

  /* The spine-centred ones sit on the midline when no side is given. */
  {
    double x;

    coach_back_outline_get_landmark (COACH_LANDMARK_SKULL_BASE, COACH_SIDE_NONE, &x, NULL);
    g_assert_cmpfloat (x, ==, COACH_OUTLINE_WIDTH / 2);
    coach_back_outline_get_landmark (COACH_LANDMARK_SACRUM, COACH_SIDE_BOTH, &x, NULL);
    g_assert_cmpfloat (x, ==, COACH_OUTLINE_WIDTH / 2);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_transform (void)
{
  cairo_matrix_t matrix;
  double x = 0, y = 0, x2 = COACH_OUTLINE_WIDTH, y2 = COACH_OUTLINE_HEIGHT;

  /* A wide area: the full height, centred across. */
  coach_back_outline_get_transform (400, 320, &matrix);
  cairo_matrix_transform_point (&matrix, &x, &y);
  cairo_matrix_transform_point (&matrix, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y2, 320, 1e-9);
  g_assert_cmpfloat_with_epsilon (x, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (x2, 300, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The test context keeps accessible properties, so the map's description can be checked,
   * and talks to no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/body-map/click-toggles", test_click_toggles);
  g_test_add_func ("/back-outline/region-at", test_region_at);
  g_test_add_func ("/back-outline/region-paths", test_region_paths);
  g_test_add_func ("/back-outline/render-png", test_render_png);
  g_test_add_func ("/back-outline/landmarks", test_landmarks);
  g_test_add_func ("/back-outline/transform", test_transform);

  return g_test_run ();
}
