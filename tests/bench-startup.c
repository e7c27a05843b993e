/* bench-startup.c: time to the first painted frame and peak memory, Back Coach against a bare
 * AdwApplicationWindow, measured the same way in the same run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parent starts this program again as a child for each sample, alternating the two kinds
 * so that both see the same machine state. A child reports the monotonic time of its first
 * painted frame and its peak resident memory at that moment, then quits. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "coach-application.h"

#define SAMPLES 15

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  struct rusage usage;
  gint64 now = g_get_monotonic_time ();

  getrusage (RUSAGE_SELF, &usage);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_print ("first_frame_us: %" G_GINT64_FORMAT "\n", now);
  g_print ("peak_rss_kb: %ld\n", usage.ru_maxrss);
  g_application_quit (app);
}

static void
on_window_realize (GtkWidget    *window,
                   GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), app);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), app);
}

static void
on_bare_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  /* The same size as Back Coach's first window, so both paint the same area. */
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *kind)
{
  g_autoptr(GApplication) app = NULL;

  if (g_strcmp0 (kind, "backcoach") == 0)
    {
      /* A returning user: the welcome is done and the back hurts somewhere, so the window
       * opens on a planned routine (the memory backend starts empty in every child). */
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      const char *regions[] = { "neck", "lower-back", NULL };

      g_settings_set_boolean (settings, "first-run-done", TRUE);
      g_settings_set_enum (settings, "safety-status", 1 /* clear */);
      g_settings_set_strv (settings, "sore-regions", regions);
      app = G_APPLICATION (coach_application_new ());
    }
  else
    {
      app = G_APPLICATION (adw_application_new ("com.example.BackCoach.Bare",
                                                G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate), NULL);
    }

  /* Both are kept off the bus the same way, so registration costs the same. */
  g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  return g_application_run (app, 0, NULL);
}

/* Runs one child and returns its startup time in ms and peak memory in kB. */
static gboolean
sample (const char *self_path,
        const char *kind,
        double     *startup_ms,
        double     *rss_kb)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { self_path, "--child", kind, NULL };
  gint64 start, frame = 0;
  int status;

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-startup: %s child failed: %s\n", kind, error->message);
      return FALSE;
    }

  *rss_kb = 0;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "first_frame_us: "))
        frame = g_ascii_strtoll (lines[i] + strlen ("first_frame_us: "), NULL, 10);
      else if (g_str_has_prefix (lines[i], "peak_rss_kb: "))
        *rss_kb = g_ascii_strtod (lines[i] + strlen ("peak_rss_kb: "), NULL);
    }

  if (frame <= start || *rss_kb <= 0)
    {
      g_printerr ("bench-startup: %s child reported nothing: %s\n", kind, out);
      return FALSE;
    }

  *startup_ms = (frame - start) / 1000.0;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  double app_ms[SAMPLES], bare_ms[SAMPLES], app_kb[SAMPLES], bare_kb[SAMPLES];
  double am, bm, ak, bk;

  if (argc == 3 && g_strcmp0 (argv[1], "--child") == 0)
    return run_child (argv[2]);

  /* One warm-up pair so both kinds start with the same files in the page cache. */
  if (!sample (argv[0], "backcoach", &am, &ak) || !sample (argv[0], "bare", &bm, &bk))
    return EXIT_FAILURE;

  for (guint i = 0; i < SAMPLES; i++)
    {
      /* Alternate which kind goes first. */
      gboolean ok = i % 2
        ? sample (argv[0], "bare", &bare_ms[i], &bare_kb[i]) &&
          sample (argv[0], "backcoach", &app_ms[i], &app_kb[i])
        : sample (argv[0], "backcoach", &app_ms[i], &app_kb[i]) &&
          sample (argv[0], "bare", &bare_ms[i], &bare_kb[i]);
      if (!ok)
        return EXIT_FAILURE;
    }

  am = bench_median (app_ms, SAMPLES);
  bm = bench_median (bare_ms, SAMPLES);
  ak = bench_median (app_kb, SAMPLES);
  bk = bench_median (bare_kb, SAMPLES);

  g_print ("startup_ms_backcoach: %.1f ms\n", am);
  g_print ("startup_ms_bare: %.1f ms\n", bm);
  g_print ("peak_rss_backcoach: %.0f kB\n", ak);
  g_print ("peak_rss_bare: %.0f kB\n", bk);
  g_print ("startup_ratio: %.3f\n", am / bm);
  g_print ("memory_ratio: %.3f\n", ak / bk);

  return EXIT_SUCCESS;
}
