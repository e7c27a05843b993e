/* bench-history.c: how long opening the history takes with 10,000 sessions recorded: loading
 * them and the PEG check-ins from the store, working out the figures, and drawing the chart.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each run starts from a new store object, so it opens the database file as the app does at
 * start-up (the file itself is in the page cache after the first run, as it would be in a
 * running session). The chart is drawn at 1000 × 400 into an image surface, so no display is
 * needed. The first run, which also loads the fonts, is reported apart. */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-util.h"
#include "coach-history-chart.h"
#include "coach-history-stats.h"
#include "coach-history-store.h"

#define N_SESSIONS 10000
#define N_DAYS 1500
#define N_RUNS 15
#define CHART_WIDTH 1000
#define CHART_HEIGHT 400

#define DAY ((gint64) 24 * 60 * 60)

static const char *techniques[][2] = {
  { "self-gliding-lower-back", "Gliding strokes on the lower back" },
  { "self-kneading-lower-back", "Kneading the lower back" },
  { "ball-wall-mid-back", "Ball against the wall, mid back" },
  { "self-neck-kneading", "Neck kneading" },
  { "partner-gliding-warm-up", "Gliding warm-up" },
  { "partner-kneading-shoulders", "Kneading the shoulders" },
};

/* Sessions as the app records them: a routine, three techniques, overall and region
 * ratings, now and then a note; one in seven given to a partner. */
static GPtrArray *
make_sessions (gint64 now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GPtrArray *sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
  gint64 start = now - N_DAYS * DAY;

  for (guint i = 0; i < N_SESSIONS; i++)
    {
      CoachHistorySession *s = coach_history_session_new ();
      int before = CLAMP (7 - (int) (3.0 * i / N_SESSIONS) + g_rand_int_range (rand, -1, 2),
                          0, 10);

      s->started = start + (gint64) i * N_DAYS * DAY / N_SESSIONS + g_rand_int_range (rand, 0, 3600);
      s->seconds = 60 * g_rand_int_range (rand, 5, 25);
      s->planned_seconds = s->seconds;
      s->completed = TRUE;
      s->routine = g_strdup_printf ("Routine %u", i % 4);
      if (i % 7 == 3)
        {
          s->kind = COACH_HISTORY_PARTNER;
          s->partner = g_strdup ("Sam");
          s->receiver = COACH_RECEIVER_PARTNER;
        }
      s->pain_before = before;
      s->pain_after = CLAMP (before - g_rand_int_range (rand, 0, 4), 0, 10);
      coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, before, s->pain_after);
      if (i % 3 == 0)
        coach_history_session_set_region (s, COACH_REGION_NECK, before - 1, COACH_PAIN_NONE);
      for (guint t = 0; t < 3; t++)
        {
          guint which = (i + 2 * t) % G_N_ELEMENTS (techniques);

          coach_history_session_add_technique (s, techniques[which][0], techniques[which][1],
                                               60 * g_rand_int_range (rand, 1, 6));
        }
      if (i % 9 == 0)
        s->note = g_strdup ("Stiff after a long drive; the ball on the wall helped.");
      g_ptr_array_add (sessions, s);
    }
  return sessions;
}

static void
fill_store (const char *path,
            gint64      now)
{
  g_autoptr(CoachHistoryStore) store = coach_history_store_new (path);
  g_autoptr(GPtrArray) sessions = make_sessions (now);
  g_autoptr(GError) error = NULL;

  if (!coach_history_store_add_many (store, sessions, &error))
    g_error ("Could not fill the store: %s", error->message);

  for (gint64 taken = now - N_DAYS * DAY; taken < now; taken += 7 * DAY)
    {
      CoachPegEntry entry = { 0, taken, 5, 4, 5 };

      if (!coach_history_store_add_peg (store, &entry, &error))
        g_error ("Could not fill the store: %s", error->message);
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("backcoach-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  PangoFontDescription *font = pango_font_description_from_string ("Sans 12.5px");
  double total[N_RUNS], query[N_RUNS], stats_ms[N_RUNS], chart[N_RUNS];
  CoachChartPalette palette;
  guint n_sessions = 0;

  g_assert_nonnull (dir);
  fill_store (path, now);
  coach_chart_palette_init_print (&palette);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CoachHistoryStore) store = NULL;
      g_autoptr(GPtrArray) sessions = NULL;
      g_autoptr(GArray) peg = NULL;
      g_autoptr(CoachHistoryStats) stats = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      gint64 start, step;

      start = g_get_monotonic_time ();
      store = coach_history_store_new (path);
      sessions = coach_history_store_load (store, &error);
      if (sessions == NULL)
        g_error ("Could not load: %s", error->message);
      peg = coach_history_store_load_peg (store, &error);
      if (peg == NULL)
        g_error ("Could not load the PEG check-ins: %s", error->message);
      query[run] = ms_since (start);

      step = g_get_monotonic_time ();
      stats = coach_history_stats_new (sessions, now);
      stats_ms[run] = ms_since (step);

      step = g_get_monotonic_time ();
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CHART_WIDTH, CHART_HEIGHT);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      coach_history_chart_draw (cr, font, CHART_WIDTH, CHART_HEIGHT, sessions, peg, stats,
                                now - N_DAYS * DAY, now, &palette);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cairo_surface_destroy (surface);
      chart[run] = ms_since (step);
      total[run] = ms_since (start);

      n_sessions = sessions->len;
      if (run == 0)
        {
          g_print ("history_sessions: %u sessions\n", n_sessions);
          g_print ("history_load_first_ms: %.1f ms\n", total[0]);
        }
    }
  g_assert_cmpuint (n_sessions, ==, N_SESSIONS);

  /* The median of the runs after the first; their best as well. */
  g_print ("history_load_ms: %.1f ms\n", bench_median (total + 1, N_RUNS - 1));
  g_print ("history_load_best_ms: %.1f ms\n", total[1]);
  g_print ("history_query_ms: %.1f ms\n", bench_median (query + 1, N_RUNS - 1));
  g_print ("history_stats_ms: %.1f ms\n", bench_median (stats_ms + 1, N_RUNS - 1));
  g_print ("history_chart_ms: %.1f ms\n", bench_median (chart + 1, N_RUNS - 1));

  pango_font_description_free (font);
  g_remove (path);
  {
    /* SQLite's journal files, if any are left. */
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *leftover = g_build_filename (dir, name, NULL);
        g_remove (leftover);
      }
  }
  g_rmdir (dir);
  return 0;
}
