/* test-player.c: guided routines in the real window: start, keys, summary, leaving, and silent
 * fallback when sound cannot play.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "coach-application.h"
#include "coach-window.h"
#include "ui-test-util.h"

static CoachApplication *app;

static CoachWindow *
main_window (void)
{
  return COACH_WINDOW (find_app_window (GTK_APPLICATION (app), COACH_TYPE_WINDOW));
}

static CoachWindow *
open_window (void)
{
  CoachWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = main_window ();
  g_assert_nonnull (window);
  wait_until (widget_is_mapped, window);
  return window;
}

/* A routine of short steps: the first two are a left/right pair. */
static CoachRoutine *
short_routine (void)
{
  CoachRoutine *routine = coach_routine_new ("Test");

  coach_routine_append (routine, "self-kneading-lower-back", 2, 2, COACH_SIDE_LEFT);
  coach_routine_append (routine, "self-kneading-lower-back", 3, 2, COACH_SIDE_RIGHT);
  coach_routine_append (routine, "self-calming-finish", 1, 2, COACH_SIDE_NONE);
  return routine;
}

static gboolean
session_state_is (gpointer data)
{
  CoachPlayerView *player = coach_window_get_player_view (main_window ());
  CoachSession *session = coach_player_view_get_session (player);

  return session != NULL && (int) coach_session_get_state (session) == GPOINTER_TO_INT (data);
}

static gboolean
page_is_summary (gpointer data)
{
  return g_strcmp0 (coach_player_view_get_page (COACH_PLAYER_VIEW (data)), "summary") == 0;
}

static gboolean
audio_ready_or_failed (gpointer data)
{
  CoachSessionAudio *audio = data;

  return coach_session_audio_is_ready (audio) || coach_session_audio_get_problem (audio) != NULL;
}

static const char *
visible_page (CoachWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), COACH_TYPE_WINDOW,
                                                              "main_stack"));
  return gtk_stack_get_visible_child_name (stack);
}

static void
test_keys_and_summary (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachWindow *window = open_window ();
  g_autoptr(CoachRoutine) routine = short_routine ();
  CoachPlayerView *player;
  CoachSession *session;
  g_autofree char *frozen = NULL;

  g_object_set (settings, "get-ready-seconds", 1, NULL);
  coach_window_start_routine (window, routine, "Test routine");
  player = coach_window_get_player_view (window);
  g_assert_nonnull (player);
  g_assert_cmpstr (visible_page (window), ==, "player");
  wait_until (widget_is_mapped, player);
  session = coach_player_view_get_session (player);
  g_assert_cmpint (coach_session_get_state (session), ==, COACH_SESSION_STATE_GET_READY);

  /* The screen stays on while the routine runs. */
  g_assert_true (coach_player_view_keeps_screen_on (player));

  /* Space pauses and resumes; the countdown stands still while paused. */
  wait_until (session_state_is, GINT_TO_POINTER (COACH_SESSION_STATE_RUNNING));
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_space));
  g_assert_true (coach_session_get_paused (session));
  frozen = g_strdup (coach_player_view_get_countdown (player));
  g_usleep (1200 * 1000);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpstr (coach_player_view_get_countdown (player), ==, frozen);
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_space));
  g_assert_false (coach_session_get_paused (session));

  /* Right goes to the next step, Left back, R restarts the step. */
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_Right));
  g_assert_cmpuint (coach_session_get_index (session), ==, 1);
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_Left));
  g_assert_cmpuint (coach_session_get_index (session), ==, 0);
  wait_until (session_state_is, GINT_TO_POINTER (COACH_SESSION_STATE_RUNNING));
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_r));
  g_assert_cmpint (coach_session_get_state (session), ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpuint (coach_session_get_index (session), ==, 0);

  /* The routine runs out on its own and shows its summary; the screen may sleep again. */
  wait_until_seconds (page_is_summary, player, 30);
  g_assert_false (coach_session_get_stopped (session));
  g_assert_cmpuint (coach_session_get_n_done (session), ==, 3);
  g_assert_false (coach_player_view_keeps_screen_on (player));
  /* Step keys do nothing on the summary; Escape leaves. */
  g_assert_false (press_shortcut (GTK_WIDGET (player), GDK_KEY_Right));
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_Escape));
  g_assert_cmpstr (visible_page (window), ==, "main");
}

static void
test_leave_midway (void)
{
  CoachWindow *window = open_window ();
  g_autoptr(CoachRoutine) routine = short_routine ();
  CoachPlayerView *player;
  g_autoptr(CoachSession) session = NULL;

  coach_window_start_routine (window, routine, "Test routine");
  player = coach_window_get_player_view (window);
  session = g_object_ref (coach_player_view_get_session (player));

  /* F11 goes full screen across the room; leaving brings the window back. */
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_F11));
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_Escape));
  g_assert_cmpstr (visible_page (window), ==, "main");
  g_assert_true (coach_session_get_stopped (session));
  g_assert_cmpint (coach_session_get_state (session), ==, COACH_SESSION_STATE_FINISHED);
  g_assert_null (coach_player_view_get_session (player));
  g_assert_false (coach_player_view_keeps_screen_on (player));
}

static void
test_practise_card (void)
{
  CoachWindow *window = open_window ();
  CoachCatalog *catalog = coach_application_get_catalog (app);
  CoachTechnique *technique = coach_catalog_lookup (catalog, "self-neck-kneading");
  CoachTechniquesView *techniques = coach_window_get_techniques_view (window);
  CoachCardPage *page = coach_techniques_view_get_card_page (techniques);
  CoachSession *session;
  CoachRoutine *routine;

  coach_window_set_view (window, "techniques");
  g_assert_true (coach_techniques_view_show_technique (techniques, "self-neck-kneading"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "card.practise", NULL));

  /* One technique, every step in order at its written length. */
  g_assert_cmpstr (visible_page (window), ==, "player");
  session = coach_player_view_get_session (coach_window_get_player_view (window));
  routine = coach_session_get_routine (session);
  g_assert_cmpuint (coach_routine_get_n_items (routine), ==, coach_technique_get_n_steps (technique));
  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      g_assert_cmpstr (item->technique, ==, "self-neck-kneading");
      g_assert_cmpuint (item->step, ==, i + 1);
      g_assert_cmpuint (item->duration, ==, coach_technique_get_step (technique, i + 1)->duration);
    }
  coach_player_view_leave (coach_window_get_player_view (window));
  g_assert_cmpstr (visible_page (window), ==, "main");
}

static gboolean
today_has_routine (gpointer data)
{
  return coach_today_view_get_routine (COACH_TODAY_VIEW (data)) != NULL;
}

static void
test_start_today (void)
{
  CoachWindow *window = open_window ();
  CoachTodayView *today = coach_window_get_today_view (window);
  CoachSession *session;

  coach_window_set_view (window, "today");
  wait_until (today_has_routine, today);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-routine", NULL));
  g_assert_cmpstr (visible_page (window), ==, "player");
  session = coach_player_view_get_session (coach_window_get_player_view (window));
  g_assert_true (coach_session_get_routine (session) == coach_today_view_get_routine (today));
  coach_player_view_leave (coach_window_get_player_view (window));
}

/* A red flag in the safety check keeps routines from starting, from anywhere. */
static void
test_blocked_by_safety (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachWindow *window = open_window ();
  g_autoptr(CoachRoutine) routine = short_routine ();

  coach_settings_set_safety_status (settings, COACH_SAFETY_STATUS_SEE_DOCTOR);
  coach_window_start_routine (window, routine, "Test routine");
  g_assert_cmpstr (visible_page (window), ==, "main");
  coach_settings_set_safety_status (settings, COACH_SAFETY_STATUS_CLEAR);
}

/* No usable sound: the routine runs silently to its end, and says why once. */
static void
test_silent_fallback (void)
{
  CoachWindow *window = open_window ();
  g_autoptr(CoachRoutine) routine = short_routine ();
  CoachPlayerView *player;
  CoachSessionAudio *audio;

  g_setenv ("BACKCOACH_AUDIO_SINK", "nosuchaudiosink", TRUE);
  coach_window_start_routine (window, routine, "Test routine");
  g_setenv ("BACKCOACH_AUDIO_SINK", "fakesink sync=true", TRUE);
  player = coach_window_get_player_view (window);
  audio = coach_player_view_get_audio (player);
  wait_until (audio_ready_or_failed, audio);
  g_assert_false (coach_session_audio_is_ready (audio));
  g_assert_nonnull (coach_session_audio_get_problem (audio));
  wait_until_seconds (page_is_summary, player, 30);
  coach_player_view_leave (player);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("BACKCOACH_AUDIO_SINK", "fakesink sync=true", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/player/keys-and-summary", test_keys_and_summary);
  g_test_add_func ("/player/leave-midway", test_leave_midway);
  g_test_add_func ("/player/practise-card", test_practise_card);
  g_test_add_func ("/player/start-today", test_start_today);
  g_test_add_func ("/player/blocked-by-safety", test_blocked_by_safety);
  g_test_add_func ("/player/silent-fallback", test_silent_fallback);

  app = coach_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  {
    CoachSettings *settings = coach_application_get_settings (app);

    /* Pain ratings before and after have their own test (test-history-view). */
    g_object_set (settings, "first-run-done", TRUE, "get-ready-seconds", 1, "rate-pain", FALSE, NULL);
    coach_settings_set_safety_status (settings, COACH_SAFETY_STATUS_CLEAR);
  }
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
