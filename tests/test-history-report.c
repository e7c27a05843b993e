/* test-history-report.c: the pain chart draws its markers where they belong and says so when
 * there is nothing to draw; the widget renders and describes itself; the PDF report holds
 * its text on at most two pages, whatever the history, and fails cleanly.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With BACKCOACH_CHART_PNG_DIR set, the charts are also saved there as PNG files to look at:
 * light, dark, narrow and print. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "coach-history-chart.h"
#include "coach-history-report.h"
#include "coach-history-stats.h"
#include "ui-test-util.h"

#define DAY ((gint64) 24 * 60 * 60)
/* A4 in points. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89

#define LAST_NOTE "Tight after gardening; the ball on the wall helped most."

static const struct {
  const char *id;
  const char *title;
} sample_techniques[] = {
  { "self-gliding-lower-back", "Gliding strokes on the lower back" },
  { "self-kneading-lower-back", "Kneading the lower back" },
  { "ball-wall-mid-back", "Ball against the wall, mid back" },
  { "self-neck-kneading", "Neck kneading" },
  { "partner-gliding-warm-up", "Gliding warm-up" },
  { "partner-kneading-shoulders", "Kneading the shoulders" },
};

static const char *sample_routines[] = {
  "Evening lower back", "Neck and shoulders", "Quick reset", "Full back with Sam",
};

static const char *sample_notes[] = {
  "Stiff after a long drive.",
  "Felt much looser afterwards, slept well.",
  "Sore neck from the laptop; went gently.",
  "Skipped the kneading, too tender today.",
};

static GPtrArray *
sessions_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
}

static int
clamp_pain (double value)
{
  return CLAMP ((int) lround (value), 0, COACH_PAIN_MAX);
}

/* @n sessions spread over the @days up to @now, pain slowly easing, a few given to a partner
 * and a few with region ratings only; a PEG check-in each week. Always the same for a seed. */
static void
make_history (gint64      now,
              guint       days,
              guint       n,
              guint32     seed,
              GPtrArray **sessions_out,
              GArray    **peg_out)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *sessions = sessions_new ();
  GArray *peg = g_array_new (FALSE, TRUE, sizeof (CoachPegEntry));
  gint64 start = now - days * DAY;

  for (guint i = 0; i < n; i++)
    {
      CoachHistorySession *s = coach_history_session_new ();
      double progress = (i + 0.5) / n;
      double before = 6.6 - 2.2 * progress + g_rand_double_range (rand, -1.2, 1.2);
      double drop = g_rand_double_range (rand, -0.4, 3.2);
      guint kind = g_rand_int_range (rand, 0, 100);

      /* In the evening, mostly. */
      s->started = start + (gint64) ((i + g_rand_double_range (rand, 0.1, 0.9)) * days * DAY / n);
      s->started = MIN (s->started, now - 60);
      s->seconds = 60 * g_rand_int_range (rand, 5, 25) + g_rand_int_range (rand, 0, 60);
      s->planned_seconds = s->seconds + (i % 6 == 0 ? 180 : 0);
      s->completed = i % 6 != 0;
      s->routine = g_strdup (sample_routines[i % 3]);

      if (i % 7 == 3)
        {
          /* Sam received. */
          s->kind = COACH_HISTORY_PARTNER;
          s->partner = g_strdup ("Sam");
          s->receiver = COACH_RECEIVER_PARTNER;
          s->routine = (g_free (s->routine), g_strdup (sample_routines[3]));
        }
      else if (i % 5 == 1)
        {
          s->kind = COACH_HISTORY_PARTNER;
          s->partner = g_strdup ("Sam");
        }

      if (kind < 4)
        ;   /* not rated */
      else if (kind < 8)
        s->pain_before = clamp_pain (before);
      else if (kind < 18)
        {
          /* Regions only. */
          coach_history_session_set_region (s, COACH_REGION_NECK, clamp_pain (before - 1),
                                            clamp_pain (before - 1 - drop));
          coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, clamp_pain (before + 1),
                                            clamp_pain (before + 0.5 - drop));
        }
      else
        {
          s->pain_before = clamp_pain (before);
          s->pain_after = clamp_pain (before - drop);
          coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, s->pain_before,
                                            s->pain_after);
        }

      for (guint t = 0; t < 3; t++)
        {
          guint which = (i + t * 2) % G_N_ELEMENTS (sample_techniques);

          coach_history_session_add_technique (s, sample_techniques[which].id,
                                               sample_techniques[which].title,
                                               60 * g_rand_int_range (rand, 1, 6));
        }

      if (i % 9 == 4)
        s->note = g_strdup (sample_notes[(i / 9) % G_N_ELEMENTS (sample_notes)]);
      g_ptr_array_add (sessions, s);
    }

  /* The last own session's note is the one to look for. */
  for (guint i = sessions->len; i > 0; i--)
    {
      CoachHistorySession *s = g_ptr_array_index (sessions, i - 1);

      if (coach_history_session_is_own (s))
        {
          g_free (s->note);
          s->note = g_strdup (LAST_NOTE);
          break;
        }
    }

  for (gint64 taken = start + DAY / 2; taken < now; taken += 7 * DAY)
    {
      double progress = (double) (taken - start) / (now - start);
      CoachPegEntry entry = { 0 };

      entry.taken = taken;
      entry.pain = clamp_pain (6 - 2 * progress + g_rand_double_range (rand, -0.7, 0.7));
      entry.enjoyment = clamp_pain (5.5 - 2.5 * progress + g_rand_double_range (rand, -1, 1));
      entry.activity = clamp_pain (6 - 2 * progress + g_rand_double_range (rand, -1, 1));
      g_array_append_val (peg, entry);
    }

  *sessions_out = sessions;
  *peg_out = peg;
}

/* ---- Pixels ----------------------------------------------------------------------------- */

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + 4 * x) & 0xffffff;
}

typedef struct {
  guint  count;
  double x, y;      /* the centroid */
} Found;

static int
distance (guint32 a,
          guint32 b)
{
  return abs ((int) ((a >> 16) & 0xff) - (int) ((b >> 16) & 0xff)) +
         abs ((int) ((a >> 8) & 0xff) - (int) ((b >> 8) & 0xff)) +
         abs ((int) (a & 0xff) - (int) (b & 0xff));
}

/* Pixels of about @rgb (the markers are drawn in pure colours, their edges blended with the
 * white background) in a rectangle. */
static Found
find_colour (cairo_surface_t *surface,
             guint32          rgb,
             int              x0,
             int              y0,
             int              x1,
             int              y1)
{
  Found found = { 0 };

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (distance (pixel_at (surface, x, y), rgb) < 160)
        {
          found.count++;
          found.x += x;
          found.y += y;
        }
  if (found.count > 0)
    {
      found.x /= found.count;
      found.y /= found.count;
    }
  return found;
}

/* Pure, far apart colours, so each mark can be told by its pixels. */
static void
init_test_palette (CoachChartPalette *palette)
{
  gdk_rgba_parse (&palette->foreground, "#000000");
  gdk_rgba_parse (&palette->grid, "#e0e0e0");
  gdk_rgba_parse (&palette->before, "#ff0000");
  gdk_rgba_parse (&palette->after, "#0000ff");
  gdk_rgba_parse (&palette->improvement, "#00ff00");
  gdk_rgba_parse (&palette->trend, "#ff00ff");
  gdk_rgba_parse (&palette->peg, "#00ffff");
}

static cairo_surface_t *
render_chart (int                      width,
              int                      height,
              GPtrArray               *sessions,
              GArray                  *peg,
              const CoachHistoryStats *stats,
              gint64                   from,
              gint64                   to,
              const CoachChartPalette *palette,
              const char              *font)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  coach_history_chart_draw (cr, desc, width, height, sessions, peg, stats, from, to, palette);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  pango_font_description_free (desc);
  cairo_surface_flush (surface);
  return surface;
}

static void
save_png (cairo_surface_t *surface,
          const char      *name)
{
  const char *dir = g_getenv ("BACKCOACH_CHART_PNG_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("saved %s", path);
}

/* One own session three quarters through the period, 8 before and 2 after; one a partner
 * received a quarter through. */
static void
test_chart_markers (void)
{
  const int width = 800, height = 300;
  gint64 to = 1709640000, from = to - 20 * DAY;
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(CoachHistorySession) own = coach_history_session_new ();
  g_autoptr(CoachHistorySession) partner = coach_history_session_new ();
  CoachChartPalette palette;
  cairo_surface_t *surface;
  Found before, after, ring, found;
  guint background = 0, total = 0;

  own->started = from + 15 * DAY;
  own->pain_before = 8;
  own->pain_after = 2;
  g_ptr_array_add (sessions, coach_history_session_ref (own));
  partner->started = from + 5 * DAY;
  partner->pain_before = 9;
  partner->pain_after = 1;
  partner->kind = COACH_HISTORY_PARTNER;
  partner->receiver = COACH_RECEIVER_PARTNER;
  g_ptr_array_add (sessions, coach_history_session_ref (partner));

  init_test_palette (&palette);
  surface = render_chart (width, height, sessions, NULL, NULL, from, to, &palette, "Sans 10");
  save_png (surface, "chart-test-markers.png");

  /* Below the legend, on the right half: the own session's markers. */
  before = find_colour (surface, 0xff0000, width / 2, 40, width, height);
  after = find_colour (surface, 0x0000ff, width / 2, 40, width, height);
  g_assert_cmpuint (before.count, >, 10);
  g_assert_cmpuint (after.count, >, 10);
  g_assert_cmpfloat (fabs (before.x - after.x), <, 2);
  g_assert_cmpfloat (before.x, >, 0.68 * width);
  g_assert_cmpfloat (before.x, <, 0.82 * width);
  /* Pain 8 high up, pain 2 low down. */
  g_assert_cmpfloat (before.y, >, 0.15 * height);
  g_assert_cmpfloat (before.y, <, 0.40 * height);
  g_assert_cmpfloat (after.y, >, 0.60 * height);
  g_assert_cmpfloat (after.y, <, 0.88 * height);
  /* The ring is around the after marker; the line from before to after, a meaningful
   * improvement, in the same colour. */
  ring = find_colour (surface, 0x00ff00, after.x - 15, after.y - 15, after.x + 15, after.y + 15);
  g_assert_cmpuint (ring.count, >, 10);
  g_assert_cmpfloat (fabs (ring.x - after.x), <, 1.5);
  g_assert_cmpfloat (fabs (ring.y - after.y), <, 4);
  found = find_colour (surface, 0x00ff00, after.x - 3, before.y + 10, after.x + 3, after.y - 15);
  g_assert_cmpuint (found.count, >, after.y - before.y - 30);

  /* The partner's pain is not drawn: no markers a quarter through. */
  found = find_colour (surface, 0xff0000, 0.15 * width, 40, 0.35 * width, height);
  g_assert_cmpuint (found.count, ==, 0);
  found = find_colour (surface, 0x0000ff, 0.15 * width, 40, 0.35 * width, height);
  g_assert_cmpuint (found.count, ==, 0);

  /* Elsewhere, between the gridlines: background. */
  for (int y = 0.45 * height; y < 0.55 * height; y++)
    for (int x = 0.35 * width; x < 0.6 * width; x++)
      {
        total++;
        background += pixel_at (surface, x, y) == 0xffffff;
      }
  g_assert_cmpuint (background, >, total * 95 / 100);

  cairo_surface_destroy (surface);
}

/* Dark pixels (text) in the middle of the chart. */
static guint
count_dark_centre (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint dark = 0;

  for (int y = 0.35 * height; y < 0.65 * height; y++)
    for (int x = 0.25 * width; x < 0.75 * width; x++)
      {
        guint32 p = pixel_at (surface, x, y);

        dark += ((p >> 16) & 0xff) < 100 && ((p >> 8) & 0xff) < 100 && (p & 0xff) < 100;
      }
  return dark;
}

static void
test_chart_empty (void)
{
  gint64 now = 1709640000;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(GPtrArray) none = sessions_new ();
  CoachChartPalette palette;
  cairo_surface_t *surface;
  Found found;

  make_history (now, 90, 60, 1, &sessions, &peg);
  init_test_palette (&palette);

  /* A period long before the first session: axes and the message, no markers. */
  surface = render_chart (600, 260, sessions, peg, NULL, now - 400 * DAY, now - 300 * DAY,
                          &palette, "Sans 10");
  save_png (surface, "chart-test-empty.png");
  g_assert_cmpuint (count_dark_centre (surface), >, 50);
  found = find_colour (surface, 0xff0000, 0, 0, 600, 260);
  g_assert_cmpuint (found.count, ==, 0);
  found = find_colour (surface, 0x00ffff, 0, 0, 600, 260);
  g_assert_cmpuint (found.count, ==, 0);
  /* The gridlines are there. */
  found = find_colour (surface, 0xe0e0e0, 0, 0, 600, 260);
  g_assert_cmpuint (found.count, >, 500);
  cairo_surface_destroy (surface);

  /* No sessions at all, and NULL PEG. */
  surface = render_chart (600, 260, none, NULL, NULL, now - 30 * DAY, now, &palette, "Sans 10");
  g_assert_cmpuint (count_dark_centre (surface), >, 50);
  cairo_surface_destroy (surface);

  /* A period with data has no message in the middle... mostly: markers are not black. */
  surface = render_chart (600, 260, sessions, peg, NULL, now - 90 * DAY, now, &palette,
                          "Sans 10");
  g_assert_cmpuint (count_dark_centre (surface), <, 20);
  cairo_surface_destroy (surface);
}

/* Every length of period, a single session, and tiny or huge charts draw without trouble. */
static void
test_chart_ranges (void)
{
  gint64 now = 1709640000;
  const gint64 spans[] = { 3600, DAY, 3 * DAY, 10 * DAY, 45 * DAY, 200 * DAY, 800 * DAY,
                           4000 * DAY, 40000 * DAY };
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(GPtrArray) single = sessions_new ();
  g_autoptr(CoachHistoryStats) stats = NULL;
  CoachHistorySession *s;
  CoachChartPalette palette;

  make_history (now, 1000, 1500, 2, &sessions, &peg);
  stats = coach_history_stats_new (sessions, now);
  g_assert_true (stats->has_trend);
  coach_chart_palette_init_print (&palette);

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      cairo_surface_t *surface = render_chart (700, 240, sessions, peg, stats, now - spans[i],
                                               now, &palette, "Sans 9");
      g_autofree char *name = g_strdup_printf ("chart-range-%u.png", i);

      save_png (surface, name);
      cairo_surface_destroy (surface);
    }

  s = coach_history_session_new ();
  s->started = now - DAY;
  s->pain_before = 5;
  s->pain_after = 5;
  g_ptr_array_add (single, s);
  for (int width = 1; width <= 2001; width += 250)
    {
      cairo_surface_t *surface = render_chart (width, 1 + width / 4, single, NULL, NULL,
                                               now - 7 * DAY, now, &palette, "Sans 9");
      cairo_surface_destroy (surface);
    }
  /* A period that ends before it starts is a day. */
  cairo_surface_destroy (render_chart (300, 200, single, NULL, NULL, now, now - DAY, &palette,
                                       "Sans 9"));
}

/* ---- The widget ------------------------------------------------------------------------- */

/* The widget as it is drawn, on its window's background, as a cairo surface. */
static cairo_surface_t *
render_widget (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *image, *surface;
  GdkRGBA background;
  cairo_t *cr;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                      gdk_texture_get_height (texture));
  gdk_texture_download (texture, cairo_image_surface_get_data (image),
                        cairo_image_surface_get_stride (image));
  cairo_surface_mark_dirty (image);

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color",
                                       &background))
    gdk_rgba_parse (&background, "#fafafa");
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels near @colour. */
static guint
count_near (cairo_surface_t *surface,
            const GdkRGBA   *colour)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int r = colour->red * 255, g = colour->green * 255, b = colour->blue * 255;
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = pixel_at (surface, x, y);

        n += abs ((int) ((p >> 16) & 0xff) - r) + abs ((int) ((p >> 8) & 0xff) - g) +
             abs ((int) (p & 0xff) - b) < 30;
      }
  return n;
}

static gboolean
iterate_a_while (gpointer data)
{
  guint *n = data;

  return ++*n > 20;
}

static void
wait_for_frames (void)
{
  guint n = 0;

  wait_until (iterate_a_while, &n);
}

static void
test_widget (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = coach_history_chart_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(GArray) peg = g_array_new (FALSE, TRUE, sizeof (CoachPegEntry));
  g_autoptr(CoachHistoryStats) stats = NULL;
  CoachPegEntry entry = { 0, now - DAY, 4, 5, 4 };
  CoachChartPalette palette;
  cairo_surface_t *surface;
  const int pains[][2] = { { 6, 3 }, { 5, 4 }, { 4, 2 } };
  int minimum, natural;

  /* Pain before 6, 5, 4 on days −6, −4, −2: from about 6 to about 4. */
  for (guint i = 0; i < G_N_ELEMENTS (pains); i++)
    {
      CoachHistorySession *s = coach_history_session_new ();

      s->started = now - (6 - 2 * i) * DAY;
      s->pain_before = pains[i][0];
      s->pain_after = pains[i][1];
      g_ptr_array_add (sessions, s);
    }
  /* Not the person's pain. */
  {
    CoachHistorySession *s = coach_history_session_new ();

    s->started = now - 3 * DAY;
    s->kind = COACH_HISTORY_PARTNER;
    s->receiver = COACH_RECEIVER_PARTNER;
    s->pain_before = 9;
    s->pain_after = 1;
    g_ptr_array_add (sessions, s);
  }
  g_array_append_val (peg, entry);
  stats = coach_history_stats_new (sessions, now);

  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Pain over time");
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No pain ratings in this period.");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);

  coach_history_chart_set_data (COACH_HISTORY_CHART (chart), sessions, peg, stats);
  coach_history_chart_set_range (COACH_HISTORY_CHART (chart), 30, now);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "3 sessions rated in this period. Pain before sessions "
                                       "went from about 6 to about 4. 2 meaningful "
                                       "improvements. Latest weekly PEG score: 4.3 of 10.");

  /* The chart keeps what it needs: the caller's stats may go. */
  g_clear_pointer (&stats, coach_history_stats_free);

  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 200);
  gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 300);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (widget_is_laid_out, chart);
  wait_for_frames ();

  surface = render_widget (chart);
  coach_chart_palette_init_from_widget (&palette, chart);
  /* Hollow and filled circles in the accent colour, a ring in the success colour. */
  g_assert_cmpuint (count_near (surface, &palette.after), >, 40);
  g_assert_cmpuint (count_near (surface, &palette.improvement), >, 20);
  cairo_surface_destroy (surface);

  /* A shorter period: one session. */
  coach_history_chart_set_range (COACH_HISTORY_CHART (chart), 3, now);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "1 session rated in this period. 1 meaningful "
                                       "improvement. Latest weekly PEG score: 4.3 of 10.");
  /* The check-in alone. */
  coach_history_chart_set_range (COACH_HISTORY_CHART (chart), 1, now);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No sessions rated in this period. Latest weekly PEG "
                                       "score: 4.3 of 10.");
  coach_history_chart_set_range (COACH_HISTORY_CHART (chart), 0, now + 400 * DAY);
  coach_history_chart_set_range (COACH_HISTORY_CHART (chart), 30, now - 100 * DAY);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No pain ratings in this period.");

  /* No data at all again. */
  coach_history_chart_set_data (COACH_HISTORY_CHART (chart), NULL, NULL, NULL);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No pain ratings in this period.");
  wait_for_frames ();

  close_and_wait (GTK_WINDOW (window));
}

/* The widget with three months of history in the light and dark styles and on a phone. */
static void
test_widget_styles (void)
{
  const struct {
    const char        *name;
    AdwColorScheme     scheme;
    int                width;
  } cases[] = {
    { "chart-light.png", ADW_COLOR_SCHEME_FORCE_LIGHT, 720 },
    { "chart-dark.png", ADW_COLOR_SCHEME_FORCE_DARK, 720 },
    { "chart-narrow.png", ADW_COLOR_SCHEME_FORCE_LIGHT, 360 },
  };
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(CoachHistoryStats) stats = NULL;

  make_history (now, 90, 70, 3, &sessions, &peg);
  stats = coach_history_stats_new (sessions, now);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *chart = coach_history_chart_new ();
      CoachChartPalette palette;
      cairo_surface_t *surface;

      adw_style_manager_set_color_scheme (manager, cases[i].scheme);
      coach_history_chart_set_data (COACH_HISTORY_CHART (chart), sessions, peg, stats);
      coach_history_chart_set_range (COACH_HISTORY_CHART (chart), 90, now);
      gtk_widget_set_size_request (chart, -1, 260);
      gtk_window_set_default_size (GTK_WINDOW (window), cases[i].width, -1);
      gtk_window_set_child (GTK_WINDOW (window), chart);
      gtk_window_present (GTK_WINDOW (window));
      wait_until (widget_is_laid_out, chart);
      wait_for_frames ();

      g_assert_cmpint (gtk_widget_get_width (chart), ==, cases[i].width);
      surface = render_widget (chart);
      coach_chart_palette_init_from_widget (&palette, chart);
      g_assert_cmpuint (count_near (surface, &palette.after), >, 100);
      g_assert_cmpuint (count_near (surface, &palette.peg), >, 20);
      save_png (surface, cases[i].name);
      cairo_surface_destroy (surface);

      close_and_wait (GTK_WINDOW (window));
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  /* The print palette, as in the report, larger. */
  {
    CoachChartPalette palette;
    cairo_surface_t *surface;

    coach_chart_palette_init_print (&palette);
    surface = render_chart (1000, 400, sessions, peg, stats, now - 92 * DAY, now, &palette,
                            "Sans 10.5");
    save_png (surface, "chart-print.png");
    cairo_surface_destroy (surface);
  }
}

/* ---- The PDF ---------------------------------------------------------------------------- */

/* The PDF's text with runs of whitespace as one space, since lines wrap. */
static char *
pdf_text (const char *path)
{
  g_autofree char *text = run_tool ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("The PDF lacks “%s” in:\n%s", needle, text);
}

static void
assert_no_temporary_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".backcoach-report-"))
      g_error ("A temporary file was left behind: %s", name);
}

static char *
write_report (const char *dir,
              const char *name,
              GPtrArray  *sessions,
              GArray     *peg,
              double      width,
              double      height,
              gint64      now)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (coach_history_report_write_pdf (path, sessions, peg, width, height, now,
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  assert_no_temporary_files (dir);
  return g_steal_pointer (&path);
}

/* With BACKCOACH_CHART_PNG_DIR set, keeps a copy of @path there as @name. */
static void
keep_file (const char *path,
           const char *name)
{
  const char *dir = g_getenv ("BACKCOACH_CHART_PNG_DIR");
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (dir == NULL)
    return;
  copy = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
}

static void
test_report_contents (void)
{
  g_autofree char *dir = g_dir_make_tmp ("backcoach-report-XXXXXX", NULL);
  gint64 now = 1709640000;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  make_history (now, 90, 70, 4, &sessions, &peg);
  path = write_report (dir, "report.pdf", sessions, peg, A4_WIDTH, A4_HEIGHT, now);

  n_pages = count_pdf_pages (path);
  g_assert_cmpuint (n_pages, >=, 1);
  g_assert_cmpuint (n_pages, <=, 2);

  text = pdf_text (path);
  assert_contains (text, "Massage and Pain Record");
  assert_contains (text, "not a diagnosis");
  assert_contains (text, sample_routines[0]);
  assert_contains (text, LAST_NOTE);
  assert_contains (text, sample_techniques[0].title);
  assert_contains (text, "Lower back");
  assert_contains (text, "Weekly check-in (PEG)");
  assert_contains (text, "Back Coach · page 1 of");
  /* Sam's sessions are counted, and said to be Sam's. */
  assert_contains (text, "given to a partner");

  keep_file (path, "history-report.pdf");
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Years of history, an empty one and a small page: never more than two pages. */
static void
test_report_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("backcoach-report-XXXXXX", NULL);
  gint64 now = 1709640000;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(GPtrArray) none = sessions_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *small = NULL;

  make_history (now, 1500, 10000, 5, &many, &peg);
  /* A long note and a long routine name must not run off the page. */
  {
    CoachHistorySession *last = g_ptr_array_index (many, many->len - 1);
    GString *note = g_string_new (NULL);

    for (guint i = 0; i < 200; i++)
      g_string_append (note, "a very long note ");
    g_free (last->note);
    last->note = g_string_free (note, FALSE);
    g_free (last->routine);
    last->routine = g_strnfill (300, 'R');
  }

  path = write_report (dir, "many.pdf", many, peg, A4_WIDTH, A4_HEIGHT, now);
  g_assert_cmpuint (count_pdf_pages (path), <=, 2);
  text = pdf_text (path);
  assert_contains (text, "earlier sessions");
  keep_file (path, "history-report-many.pdf");
  g_assert_cmpint (g_remove (path), ==, 0);

  empty = write_report (dir, "empty.pdf", none, NULL, A4_WIDTH, A4_HEIGHT, now);
  g_assert_cmpuint (count_pdf_pages (empty), ==, 1);
  g_assert_cmpint (g_remove (empty), ==, 0);

  /* A6 */
  small = write_report (dir, "small.pdf", many, peg, 297.64, 419.53, now);
  g_assert_cmpuint (count_pdf_pages (small), <=, 2);
  keep_file (small, "history-report-a6.pdf");
  g_assert_cmpint (g_remove (small), ==, 0);

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_report_unwritable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("backcoach-report-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "a-folder.pdf", NULL);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = 1709640000;

  make_history (now, 30, 20, 6, &sessions, &peg);

  /* The folder does not exist. */
  g_assert_false (coach_history_report_write_pdf (missing, sessions, peg, A4_WIDTH, A4_HEIGHT,
                                                  now, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_clear_error (&error);

  /* The name is taken by a folder: the PDF is made, then cannot replace it. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (coach_history_report_write_pdf (folder, sessions, peg, A4_WIDTH, A4_HEIGHT,
                                                  now, &error));
  g_assert_true (error != NULL && error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);
  assert_no_temporary_files (dir);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The test context keeps accessible properties and talks to no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* Xvfb has no graphics processor: GL would be emulated on the processor. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/history-chart/markers", test_chart_markers);
  g_test_add_func ("/history-chart/empty", test_chart_empty);
  g_test_add_func ("/history-chart/ranges", test_chart_ranges);
  g_test_add_func ("/history-chart/widget", test_widget);
  g_test_add_func ("/history-chart/widget-styles", test_widget_styles);
  g_test_add_func ("/history-report/contents", test_report_contents);
  g_test_add_func ("/history-report/pages", test_report_pages);
  g_test_add_func ("/history-report/unwritable", test_report_unwritable);

  return g_test_run ();
}
