/* test-settings.c: the settings model keeps GSettings and its properties in step.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "coach-settings.h"

/* A model on a fresh in-memory backend, so no test sees another's writes. */
static CoachSettings *
new_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) gsettings = g_settings_new_with_backend (APP_ID, backend);

  return coach_settings_new (gsettings);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_defaults (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();

  g_assert_cmpint (coach_settings_get_window_width (settings), ==, 960);
  g_assert_cmpint (coach_settings_get_window_height (settings), ==, 720);
  g_assert_false (coach_settings_get_window_maximized (settings));
  g_assert_cmpuint (coach_settings_get_default_minutes (settings), ==, 15);
  g_assert_cmpuint (coach_settings_get_get_ready_seconds (settings), ==, 5);
}

static void
test_gsettings_to_model (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  GSettings *gsettings = coach_settings_get_gsettings (settings);
  guint notified = 0;

  g_signal_connect (settings, "notify::default-minutes", G_CALLBACK (count_notify), &notified);

  g_settings_set_uint (gsettings, "default-minutes", 25);
  g_assert_cmpuint (coach_settings_get_default_minutes (settings), ==, 25);
  g_assert_cmpuint (notified, ==, 1);

  /* Writing the same value again is not a change. */
  g_settings_set_uint (gsettings, "default-minutes", 25);
  g_assert_cmpuint (notified, ==, 1);

  g_settings_set_uint (gsettings, "get-ready-seconds", 0);
  g_assert_cmpuint (coach_settings_get_get_ready_seconds (settings), ==, 0);
}

static void
test_model_to_gsettings (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  GSettings *gsettings = coach_settings_get_gsettings (settings);

  coach_settings_set_default_minutes (settings, 10);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "default-minutes"), ==, 10);

  /* Out-of-range values are clamped to what the schema allows. */
  coach_settings_set_default_minutes (settings, 90);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "default-minutes"), ==, 30);
  coach_settings_set_default_minutes (settings, 1);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "default-minutes"), ==, 5);

  coach_settings_set_get_ready_seconds (settings, 12);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "get-ready-seconds"), ==, 12);
  coach_settings_set_get_ready_seconds (settings, 99);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "get-ready-seconds"), ==, 30);
}

static void
test_window_state (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  g_autoptr(CoachSettings) reopened = NULL;
  GSettings *gsettings = coach_settings_get_gsettings (settings);

  coach_settings_save_window_state (settings, 800, 600, FALSE);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (gsettings, "window-maximized"));

  /* A maximized window keeps the size to restore to. */
  coach_settings_save_window_state (settings, 1920, 1080, TRUE);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 600);
  g_assert_true (g_settings_get_boolean (gsettings, "window-maximized"));

  /* A fresh model, as at the next start, reads what was saved. */
  reopened = coach_settings_new (gsettings);
  g_assert_cmpint (coach_settings_get_window_width (reopened), ==, 800);
  g_assert_cmpint (coach_settings_get_window_height (reopened), ==, 600);
  g_assert_true (coach_settings_get_window_maximized (reopened));
}

static void
test_reset (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();

  coach_settings_set_default_minutes (settings, 20);
  coach_settings_set_get_ready_seconds (settings, 9);
  coach_settings_save_window_state (settings, 700, 500, FALSE);

  coach_settings_reset (settings);

  g_assert_cmpuint (coach_settings_get_default_minutes (settings), ==, 15);
  g_assert_cmpuint (coach_settings_get_get_ready_seconds (settings), ==, 5);
  g_assert_cmpint (coach_settings_get_window_width (settings), ==, 700);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/defaults", test_defaults);
  g_test_add_func ("/settings/gsettings-to-model", test_gsettings_to_model);
  g_test_add_func ("/settings/model-to-gsettings", test_model_to_gsettings);
  g_test_add_func ("/settings/window-state", test_window_state);
  g_test_add_func ("/settings/reset", test_reset);

  return g_test_run ();
}
