/* bench-player.c: the processor time the player window takes while a routine runs, with the
 * illustration animated and with animations turned off.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole process is measured (drawing, the session's timers and the audio thread streaming
 * to a fake sink) over 60 seconds of a routine whose steps move, as a person would see it.
 *
 * It draws with GTK's cairo renderer unless GSK_RENDERER says otherwise. The benchmark runs on
 * Xvfb, which has no graphics processor: the GL renderer would run on llvmpipe, which emulates
 * one on the CPU and repaints the whole window each frame, so it would measure the emulator
 * rather than the app. On a desktop the GL renderer's work runs on the graphics processor. */
#include "config.h"

#include <adwaita.h>
#include <sys/resource.h>

#include "coach-application.h"
#include "coach-window.h"

#define WARM_UP_SECONDS 3
#define MEASURE_SECONDS 60

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
run_for (guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

/* Percent of one processor used over @seconds of the routine. */
static double
measure (guint seconds)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();

  run_for (seconds);
  return 100.0 * (cpu_seconds () - cpu) / ((g_get_monotonic_time () - start) / 1e6);
}

static void
on_activate (GApplication *app)
{
  CoachWindow *window;
  CoachTechnique *technique;
  g_autoptr(CoachRoutine) routine = coach_routine_new ("Benchmark");
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  CoachPlayerView *player;
  double animated, still;

  /* The application has opened its window by now. */
  window = COACH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  /* Kneading circles move all the time: the most drawing a step asks for. */
  technique = coach_catalog_lookup (coach_application_get_catalog (COACH_APPLICATION (app)),
                                    "self-kneading-lower-back");
  for (guint i = 0; i < 4; i++)
    coach_routine_append (routine, coach_technique_get_id (technique), 2 + i % 2, 120,
                          i % 2 == 0 ? COACH_SIDE_LEFT : COACH_SIDE_RIGHT);
  coach_window_start_routine (window, routine, "Benchmark");
  player = coach_window_get_player_view (window);

  g_object_set (gtk_settings, "gtk-enable-animations", TRUE, NULL);
  run_for (WARM_UP_SECONDS);
  animated = measure (MEASURE_SECONDS);

  g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
  run_for (WARM_UP_SECONDS);
  still = measure (MEASURE_SECONDS);

  g_print ("renderer: %s\n", g_getenv ("GSK_RENDERER"));
  g_print ("session_cpu_percent_animated: %.2f %%\n", animated);
  g_print ("session_cpu_percent_still: %.2f %%\n", still);
  if (coach_session_get_state (coach_player_view_get_session (player)) != COACH_SESSION_STATE_RUNNING)
    g_error ("The routine was not running while measured");

  coach_player_view_leave (player);
  g_application_quit (app);
}

/* The profile of someone who has taken the safety check, before the window opens. */
static void
on_startup (GApplication *app)
{
  CoachSettings *settings = coach_application_get_settings (COACH_APPLICATION (app));

  g_object_set (settings, "first-run-done", TRUE, "get-ready-seconds", 0, "rate-pain", FALSE,
                "voice-guidance", FALSE, "window-width", 1280, "window-height", 800, NULL);
  coach_settings_set_safety_status (settings, COACH_SAFETY_STATUS_CLEAR);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CoachApplication) app = NULL;

  g_setenv ("BACKCOACH_AUDIO_SINK", "fakesink sync=true", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  app = coach_application_new ();
  g_signal_connect_after (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
