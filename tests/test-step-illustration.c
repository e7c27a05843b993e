/* test-step-illustration.c: every catalog step draws, sides mirror, the widget animates only
 * when it should.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "coach-catalog.h"
#include "coach-step-drawing.h"
#include "coach-step-illustration.h"
#include "ui-test-util.h"

/* Twice the drawing's design space, so the spine falls on a pixel boundary and left and right
 * pixels mirror exactly. */
#define WIDTH 272
#define HEIGHT 320

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

static cairo_surface_t *
render (const CoachStep *step,
        double           phase)
{
  CoachOutlineStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  init_test_style (&style);
  coach_step_drawing_draw (cr, step, &style, WIDTH, HEIGHT, phase);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + 4 * x);
}

/* Opaque pixels in the stroke colour: the accent at full strength (premultiplied ARGB). */
static guint
count_stroke_pixels (cairo_surface_t *surface)
{
  guint count = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 p = pixel (surface, x, y);
        int a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (a == 255 && abs (r - 53) <= 6 && abs (g - 132) <= 6 && abs (b - 228) <= 6)
          count++;
      }
  return count;
}

static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  guint count = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (pixel (a, x, y) != pixel (b, x, y))
        count++;
  return count;
}

static gboolean
in_rect (const cairo_rectangle_t *rect,
         int                      x,
         int                      y)
{
  return x >= rect->x - 1 && x <= rect->x + rect->width + 1 &&
         y >= rect->y - 1 && y <= rect->y + rect->height + 1;
}

static CoachCatalog *catalog;

static CoachCatalog *
get_catalog (void)
{
  if (catalog == NULL)
    catalog = coach_catalog_new_with_user_dir (NULL);
  return catalog;
}

static void
test_catalog_renders (void)
{
  GPtrArray *techniques = coach_catalog_get_techniques (get_catalog ());
  g_autofree char *dir = g_dir_make_tmp ("backcoach-illus-XXXXXX", NULL);
  CoachOutlineStyle style;
  guint n_steps = 0;

  g_assert_nonnull (dir);
  g_assert_cmpuint (techniques->len, >, 0);
  init_test_style (&style);

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);

      for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
        {
          const CoachStep *step = coach_technique_get_step (technique, n);
          g_autofree char *name = g_strdup_printf ("%s-%u.png",
                                                   coach_technique_get_id (technique), n);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GError) error = NULL;
          cairo_surface_t *image, *bare, *drawn;
          CoachStep plain = *step;
          guint opaque = 0;

          g_assert_true (coach_step_drawing_render_png (step, path, WIDTH, HEIGHT, &style,
                                                        -1, &error));
          g_assert_no_error (error);

          image = cairo_image_surface_create_from_png (path);
          g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (image), ==, WIDTH);
          for (int y = 0; y < HEIGHT; y++)
            for (int x = 0; x < WIDTH; x++)
              if (pixel (image, x, y) >> 24 == 255)
                opaque++;
          g_assert_cmpuint (opaque, >, 200);
          cairo_surface_destroy (image);

          /* The stroke is really drawn: accent pixels, and more than a plain rest step. */
          drawn = render (step, -1);
          if (count_stroke_pixels (drawn) < 20)
            g_error ("%s step %u has no stroke drawn", coach_technique_get_id (technique), n);
          if (step->stroke != COACH_STROKE_REST)
            {
              plain.stroke = COACH_STROKE_REST;
              plain.points = 0;
              bare = render (&plain, -1);
              g_assert_cmpuint (count_differences (drawn, bare), >, 50);
              cairo_surface_destroy (bare);
            }
          cairo_surface_destroy (drawn);

          g_assert_cmpint (g_remove (path), ==, 0);
          n_steps++;
        }
    }

  g_assert_cmpuint (n_steps, >=, 3 * techniques->len);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Left and right copies of every one-sided step render as mirror images about the spine,
 * leaving out the pose inset, which is the same for both. */
static void
test_sides_mirror (void)
{
  GPtrArray *techniques = coach_catalog_get_techniques (get_catalog ());
  cairo_rectangle_t inset;
  cairo_matrix_t matrix;
  double left = 0, right = COACH_OUTLINE_WIDTH, y = 0, mid = COACH_OUTLINE_WIDTH / 2;
  guint n_checked = 0;

  coach_step_drawing_get_inset (WIDTH, HEIGHT, &inset);
  coach_step_drawing_get_transform (WIDTH, HEIGHT, &matrix);
  cairo_matrix_transform_point (&matrix, &left, &y);
  cairo_matrix_transform_point (&matrix, &right, &y);
  cairo_matrix_transform_point (&matrix, &mid, &y);

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);

      for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
        {
          const CoachStep *step = coach_technique_get_step (technique, n);
          CoachStep left_step = *step, right_step = *step;
          cairo_surface_t *a, *b;
          guint bad = 0, compared = 0;

          if (step->side != COACH_SIDE_LEFT && step->side != COACH_SIDE_RIGHT)
            continue;

          left_step.side = COACH_SIDE_LEFT;
          right_step.side = COACH_SIDE_RIGHT;
          a = render (&left_step, -1);
          b = render (&right_step, -1);
          g_assert_cmpuint (count_differences (a, b), >, 0);

          for (int py = 0; py < HEIGHT; py++)
            for (int px = (int) ceil (left); px < (int) floor (right); px++)
              {
                /* Pixel centres mirror about the spine's x in pixels. */
                int mx = (int) lround (2 * mid - (px + 0.5) - 0.5);
                guint32 p, q;

                if (mx < 0 || mx >= WIDTH || in_rect (&inset, px, py) || in_rect (&inset, mx, py))
                  continue;
                p = pixel (a, px, py);
                q = pixel (b, mx, py);
                compared++;
                for (int shift = 0; shift < 32; shift += 8)
                  if (abs ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)) > 48)
                    {
                      bad++;
                      break;
                    }
              }

          /* Antialiasing may differ on edge pixels only. */
          if (bad > compared / 500)
            g_error ("%s step %u: left and right differ in %u of %u pixels",
                     coach_technique_get_id (technique), n, bad, compared);
          n_checked++;
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
        }
    }

  g_assert_cmpuint (n_checked, >, 0);
}

static void
test_phase_moves (void)
{
  GPtrArray *techniques = coach_catalog_get_techniques (get_catalog ());

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);

      for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
        {
          const CoachStep *step = coach_technique_get_step (technique, n);
          cairo_surface_t *a, *b, *still;

          if (coach_step_drawing_get_cycle_seconds (step) <= 0)
            continue;

          a = render (step, 0.1);
          b = render (step, 0.6);
          still = render (step, -1);
          if (count_differences (a, b) == 0)
            g_error ("%s step %u: phases 0.1 and 0.6 look the same",
                     coach_technique_get_id (technique), n);
          g_assert_cmpuint (count_differences (a, still), >, 0);
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
          cairo_surface_destroy (still);
        }
    }
}

static void
test_cycle_seconds (void)
{
  CoachStep step = { 0 };

  step.stroke = COACH_STROKE_GLIDE;
  g_assert_cmpfloat (coach_step_drawing_get_cycle_seconds (&step), ==, 4.0);
  step.stroke = COACH_STROKE_TAP;
  g_assert_cmpfloat (coach_step_drawing_get_cycle_seconds (&step), ==, 0.5);
  step.stroke = COACH_STROKE_HOLD;
  g_assert_cmpfloat (coach_step_drawing_get_cycle_seconds (&step), ==, 0.0);
  step.stroke = COACH_STROKE_REST;
  g_assert_cmpfloat (coach_step_drawing_get_cycle_seconds (&step), ==, 0.0);
  step.tempo = 6;
  step.tempo_unit = COACH_TEMPO_UNIT_BREATHS;
  g_assert_cmpfloat (coach_step_drawing_get_cycle_seconds (&step), ==, 10.0);
  step.stroke = COACH_STROKE_KNEAD;
  step.tempo = 30;
  g_assert_cmpfloat (coach_step_drawing_get_cycle_seconds (&step), ==, 2.0);
}

static gboolean
is_animating (gpointer data)
{
  return coach_step_illustration_is_animating (data);
}

static gboolean
has_drawn_frames (gpointer data)
{
  guint *frames = data;
  return *frames >= 3;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_widget_animates (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  CoachTechnique *technique = NULL;
  GPtrArray *techniques = coach_catalog_get_techniques (get_catalog ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *widget = coach_step_illustration_new ();
  CoachStepIllustration *illus = COACH_STEP_ILLUSTRATION (widget);
  guint moving = 0, still = 0, frames = 0;
  int minimum, natural;
  guint tick;

  /* A technique with a moving step and a still one. */
  for (guint i = 0; i < techniques->len && (moving == 0 || still == 0); i++)
    {
      CoachTechnique *t = g_ptr_array_index (techniques, i);

      moving = still = 0;
      for (guint n = 1; n <= coach_technique_get_n_steps (t); n++)
        {
          double cycle = coach_step_drawing_get_cycle_seconds (coach_technique_get_step (t, n));
          if (cycle > 0 && moving == 0)
            moving = n;
          if (cycle == 0 && still == 0)
            still = n;
        }
      technique = t;
    }
  g_assert_cmpuint (moving, >, 0);
  g_assert_cmpuint (still, >, 0);

  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 120);
  g_assert_cmpint (natural, ==, 136);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 150);
  g_assert_cmpint (natural, ==, 160);

  coach_step_illustration_set_step (illus, technique, moving);
  coach_step_illustration_set_playing (illus, TRUE);
  g_assert_true (coach_step_illustration_get_playing (illus));
  /* Not shown yet. */
  g_assert_false (coach_step_illustration_is_animating (illus));

  gtk_box_append (GTK_BOX (box), widget);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (widget_is_mapped, widget);
  g_assert_true (coach_step_illustration_is_animating (illus));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);

  /* The frame clock really runs the animation. */
  tick = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  wait_until (has_drawn_frames, &frames);
  gtk_widget_remove_tick_callback (widget, tick);

  coach_step_illustration_set_playing (illus, FALSE);
  g_assert_false (coach_step_illustration_is_animating (illus));
  g_object_set (illus, "playing", TRUE, NULL);
  g_assert_true (coach_step_illustration_is_animating (illus));

  /* Hidden: no animation; shown again: it resumes. */
  gtk_widget_set_visible (widget, FALSE);
  g_assert_false (coach_step_illustration_is_animating (illus));
  gtk_widget_set_visible (widget, TRUE);
  wait_until (is_animating, widget);

  /* Reduced motion holds it still until animations are allowed again. */
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  g_assert_false (coach_step_illustration_is_animating (illus));
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  g_assert_true (coach_step_illustration_is_animating (illus));

  /* A still stroke has nothing to animate. */
  coach_step_illustration_set_step (illus, technique, still);
  g_assert_false (coach_step_illustration_is_animating (illus));
  coach_step_illustration_set_step (illus, technique, moving);
  g_assert_true (coach_step_illustration_is_animating (illus));

  coach_step_illustration_set_step (illus, NULL, 0);
  g_assert_false (coach_step_illustration_is_animating (illus));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_accessible_label (void)
{
  CoachTechnique *technique = coach_catalog_lookup (get_catalog (), "ball-wall-upper-back");
  GtkWidget *widget = g_object_ref_sink (coach_step_illustration_new ());
  const CoachStep *step;
  g_autofree char *label = NULL;
  guint n = 0;

  g_assert_nonnull (technique);
  for (guint i = 1; i <= coach_technique_get_n_steps (technique) && n == 0; i++)
    if (coach_technique_get_step (technique, i)->direction != COACH_DIRECTION_NONE)
      n = i;
  g_assert_cmpuint (n, >, 0);
  step = coach_technique_get_step (technique, n);

  coach_step_illustration_set_step (COACH_STEP_ILLUSTRATION (widget), technique, n);
  label = g_strdup_printf ("%s, %s: %s (%s). %s",
                           coach_vocab_get_label (COACH_VOCAB_REGION, step->area),
                           coach_vocab_get_label (COACH_VOCAB_SIDE, step->side),
                           coach_vocab_get_label (COACH_VOCAB_STROKE, step->stroke),
                           coach_vocab_get_label (COACH_VOCAB_DIRECTION, step->direction),
                           coach_vocab_get_label (COACH_VOCAB_POSE, step->pose));
  gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       coach_step_get_description (step));

  g_object_unref (widget);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The test context keeps accessible properties and talks to no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/step-drawing/catalog-renders", test_catalog_renders);
  g_test_add_func ("/step-drawing/sides-mirror", test_sides_mirror);
  g_test_add_func ("/step-drawing/phase-moves", test_phase_moves);
  g_test_add_func ("/step-drawing/cycle-seconds", test_cycle_seconds);
  g_test_add_func ("/step-illustration/animates", test_widget_animates);
  g_test_add_func ("/step-illustration/accessible-label", test_accessible_label);

  status = g_test_run ();
  g_clear_object (&catalog);
  return status;
}
