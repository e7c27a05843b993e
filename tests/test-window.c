/* test-window.c: the main window opens, every view shows, and the menu's windows open.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "coach-application.h"
#include "coach-body-map.h"
#include "coach-preferences-window.h"
#include "coach-safety-check.h"
#include "coach-window.h"
#include "ui-test-util.h"

/* The empty-state page of the view on screen. */
static AdwStatusPage *
find_visible_status_page (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found;

      if (!gtk_widget_get_child_visible (child) || !gtk_widget_get_mapped (child))
        continue;
      if (ADW_IS_STATUS_PAGE (child))
        return ADW_STATUS_PAGE (child);
      if ((found = find_visible_status_page (child)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
accel_registered (GtkApplication *app,
                  const char     *action,
                  const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  return accels != NULL && g_strv_contains ((const char * const *) accels, accel);
}

/* One application for the whole program, as a name can be owned on the bus only once. */
static CoachApplication *app;

/* The switch of the row called @name (a vocabulary id) below @root. */
static GtkSwitch *
row_switch (GtkWidget  *root,
            const char *name)
{
  GtkWidget *row = find_named (root, name);

  g_assert_nonnull (row);
  return GTK_SWITCH (find_descendant (row, GTK_TYPE_SWITCH));
}

/* A click at the centre of @region on the map, through its click gesture. */
static void
click_body_map (GtkWidget   *map,
                CoachRegion  region)
{
  GtkEventController *gesture = find_controller (map, GTK_TYPE_GESTURE_CLICK);
  double x, y;

  g_assert_nonnull (gesture);
  /* Regions are where the map is drawn, so it must be on screen with its size. */
  wait_until (widget_is_laid_out, map);
  coach_body_map_get_region_centre (COACH_BODY_MAP (map), region, &x, &y);
  click_gesture (GTK_GESTURE_CLICK (gesture), x, y);
}

static gboolean
today_is_settled (gpointer data)
{
  CoachTodayView *today = data;

  return !coach_today_view_is_planning (today) &&
         g_strcmp0 (coach_today_view_get_state (today), "loading") != 0;
}

static CoachWindow *
main_window (void)
{
  return COACH_WINDOW (find_app_window (GTK_APPLICATION (app), COACH_TYPE_WINDOW));
}

/* First launch: the welcome, the red-flag questions, and an emergency answer that blocks
 * every routine until a new check is clear. */
static void
test_first_run_emergency (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachSafetyCheck *check;
  CoachTodayView *today;
  GtkWidget *next;
  guint n = coach_safety_get_n_red_flags ();
  guint emergency = G_MAXUINT;

  g_assert_false (coach_settings_get_first_run_done (settings));
  g_application_activate (G_APPLICATION (app));
  check = COACH_SAFETY_CHECK (expect_window (COACH_TYPE_SAFETY_CHECK));
  g_assert_true (GTK_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (check))));
  g_assert_cmpstr (coach_safety_check_get_page (check), ==, "welcome");

  click (GTK_WIDGET (check), "continue-welcome");
  g_assert_cmpstr (coach_safety_check_get_page (check), ==, "red-flags");

  /* Every question needs its own answer before the check goes on. */
  next = find_named (GTK_WIDGET (check), "continue-red-flags");
  for (guint i = 0; i < n; i++)
    {
      CoachRedFlagSeverity severity;
      g_autofree char *name = NULL;

      g_assert_false (gtk_widget_is_sensitive (next));
      coach_safety_get_red_flag (i, &severity);
      if (severity == COACH_RED_FLAG_EMERGENCY && emergency == G_MAXUINT)
        emergency = i;
      name = g_strdup_printf ("red-flag-%u-%s", i, i == emergency ? "yes" : "no");
      click (GTK_WIDGET (check), name);
    }
  g_assert_cmpuint (emergency, <, n);
  g_assert_true (gtk_widget_is_sensitive (next));
  click (GTK_WIDGET (check), "continue-red-flags");

  g_assert_cmpstr (coach_safety_check_get_page (check), ==, "emergency");
  g_assert_cmpint (coach_settings_get_safety_status (settings), ==, COACH_SAFETY_STATUS_EMERGENCY);
  g_assert_true (coach_settings_get_first_run_done (settings));

  /* No routine is offered: the start view says to get help. */
  today = coach_window_get_today_view (main_window ());
  wait_until (today_is_settled, today);
  g_assert_cmpstr (coach_today_view_get_state (today), ==, "blocked");
  g_assert_null (coach_today_view_get_routine (today));
  click (GTK_WIDGET (check), "close-emergency");
  wait_until (toplevel_is_gone, &(GType) { COACH_TYPE_SAFETY_CHECK });

  /* Taken again from the menu, it starts at the questions; all clear brings the routine back. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "safety-check", NULL);
  check = COACH_SAFETY_CHECK (expect_window (COACH_TYPE_SAFETY_CHECK));
  g_assert_cmpstr (coach_safety_check_get_page (check), ==, "red-flags");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("red-flag-%u-no", i);
      click (GTK_WIDGET (check), name);
    }
  click (GTK_WIDGET (check), "continue-red-flags");
  g_assert_cmpint (coach_settings_get_safety_status (settings), ==, COACH_SAFETY_STATUS_CLEAR);
  g_assert_cmpstr (coach_safety_check_get_page (check), ==, "regions");

  /* The map on the check's own page edits the same profile. */
  click_body_map (coach_safety_check_get_body_map (check), COACH_REGION_LOWER_BACK);
  g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==, COACH_MASK (COACH_REGION_LOWER_BACK));
  click (GTK_WIDGET (check), "continue-regions");
  click (GTK_WIDGET (check), "continue-avoid");
  click (GTK_WIDGET (check), "continue-conditions");
  g_assert_cmpstr (coach_safety_check_get_page (check), ==, "done");
  click (GTK_WIDGET (check), "close-done");
  wait_until (toplevel_is_gone, &(GType) { COACH_TYPE_SAFETY_CHECK });

  wait_until (today_is_settled, today);
  g_assert_cmpstr (coach_today_view_get_state (today), ==, "routine");
  g_assert_nonnull (coach_today_view_get_routine (today));
}

static gboolean
routine_has_family (CoachRoutine *routine,
                    CoachFamily   family)
{
  CoachCatalog *catalog = coach_application_get_catalog (app);

  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    {
      CoachTechnique *technique = coach_catalog_lookup (catalog, coach_routine_get_item (routine, i)->technique);
      if (coach_technique_get_family (technique) == family)
        return TRUE;
    }
  return FALSE;
}

/* Preferences: the body map and the region rows are one setting; an avoided family leaves
 * the routine on the start view at once. */
typedef struct {
  gboolean  done;
  gboolean  played;
  GError   *error;
} CueResult;

static void
cue_played (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  CueResult *result = user_data;

  result->played = coach_application_play_cue_finish (COACH_APPLICATION (object), async_result,
                                                      &result->error);
  result->done = TRUE;
}

static gboolean
cue_result_is_done (gpointer data)
{
  return ((CueResult *) data)->done;
}

static void
test_preferences_profile (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachWindow *window = main_window ();
  CoachTodayView *today = coach_window_get_today_view (window);
  CoachPreferencesWindow *prefs;
  GtkWidget *map;
  GtkSwitch *neck, *lower_back;
  CoachRoutine *routine;
  CoachFamily family;

  g_object_set (settings, "sore-regions", 0, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = COACH_PREFERENCES_WINDOW (expect_window (COACH_TYPE_PREFERENCES_WINDOW));
  map = coach_preferences_window_get_body_map (prefs);
  neck = row_switch (GTK_WIDGET (prefs), "neck");
  lower_back = row_switch (GTK_WIDGET (prefs), "lower-back");

  /* A click on the map changes the setting and the row. */
  click_body_map (map, COACH_REGION_NECK);
  g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==, COACH_MASK (COACH_REGION_NECK));
  g_assert_true (gtk_switch_get_active (neck));
  g_assert_cmpuint (coach_body_map_get_regions (COACH_BODY_MAP (map)), ==, COACH_MASK (COACH_REGION_NECK));

  /* A switch in a row changes the setting and the map. */
  gtk_switch_set_active (lower_back, TRUE);
  g_assert_true (gtk_switch_get_active (lower_back));
  g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==,
                    COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_LOWER_BACK));
  g_assert_cmpuint (coach_body_map_get_regions (COACH_BODY_MAP (map)), ==,
                    COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_LOWER_BACK));

  /* A second click takes the region off again, everywhere. */
  click_body_map (map, COACH_REGION_NECK);
  g_assert_false (gtk_switch_get_active (neck));
  g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==, COACH_MASK (COACH_REGION_LOWER_BACK));

  /* Avoiding a family that today's routine uses takes it out of the routine. */
  wait_until (today_is_settled, today);
  routine = coach_today_view_get_routine (today);
  g_assert_nonnull (routine);
  for (family = 0; family < COACH_N_FAMILIES; family++)
    if (family != COACH_FAMILY_GLIDING && routine_has_family (routine, family))
      break;
  g_assert_cmpuint (family, <, COACH_N_FAMILIES);
  gtk_switch_set_active (row_switch (GTK_WIDGET (prefs), coach_vocab_to_id (COACH_VOCAB_FAMILY, family)), TRUE);
  g_assert_cmpuint (coach_settings_get_avoid_families (settings), ==, COACH_MASK (family));
  g_assert_true (coach_today_view_is_planning (today));
  wait_until (today_is_settled, today);
  g_assert_cmpstr (coach_today_view_get_state (today), ==, "routine");
  g_assert_false (routine_has_family (coach_today_view_get_routine (today), family));

  /* The test cue really plays through GStreamer, here into a fake sink. */
  click (GTK_WIDGET (prefs), "play-test-cue");
  {
    CueResult result = { FALSE, FALSE, NULL };

    coach_application_play_cue_async (app, COACH_CUE_START, NULL, cue_played, &result);
    wait_until (cue_result_is_done, &result);
    g_assert_no_error (result.error);
    g_assert_true (result.played);
  }

  /* Reset asks first, and then puts the preferences back. */
  g_object_set (settings, "pressure-ceiling", 2, "volume", 0.3, NULL);
  click (GTK_WIDGET (prefs), "reset");
  {
    GtkWindow *dialog = expect_window (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_cmpuint (coach_settings_get_pressure_ceiling (settings), ==, 2);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reset");
    g_assert_cmpuint (coach_settings_get_pressure_ceiling (settings), ==, 6);
    g_assert_cmpuint (coach_settings_get_avoid_families (settings), ==, 0);
    g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==, 0);
    g_assert_false (gtk_switch_get_active (lower_back));
    g_assert_cmpint (coach_settings_get_safety_status (settings), ==, COACH_SAFETY_STATUS_CLEAR);
    /* A click on a response button also closes the dialog; emitting the response does not. */
    close_and_wait (dialog);
  }
  close_and_wait (GTK_WINDOW (prefs));
}

static void
test_window (void)
{
  static const char *views[] = { "today", "techniques", "history" };
  CoachSettings *settings;
  CoachWindow *window;
  GtkSpinButton *spin;
  GtkWindow *other;
  AdwStatusPage *visible;

  g_application_activate (G_APPLICATION (app));

  window = main_window ();
  g_assert_nonnull (window);
  wait_until (widget_is_mapped, window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Back Coach");

  /* Every view can be shown and shows its own page. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]));
      g_assert_cmpstr (coach_window_get_view (window), ==, views[i]);
      /* Today's routine, the cards and the history have their own views. */
      if (i == 0)
        {
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (coach_window_get_today_view (window))));
          continue;
        }
      if (i == 1)
        {
          CoachTechniquesView *techniques = coach_window_get_techniques_view (window);

          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (techniques)));
          /* Shown for the first time, it lists the whole catalog. */
          g_assert_cmpuint (g_list_model_get_n_items (coach_techniques_view_get_model (techniques)), ==,
                            coach_catalog_get_techniques (coach_application_get_catalog (app))->len);
          continue;
        }
      /* The history, read off the main thread, is empty: its empty state shows. */
      {
        CoachHistoryView *history = coach_window_get_history_view (window);

        wait_until (widget_is_mapped, history);
        while (coach_history_view_is_loading (history))
          g_main_context_iteration (NULL, TRUE);
        g_assert_cmpstr (coach_history_view_get_page (history), ==, "empty");
      }
      visible = find_visible_status_page (GTK_WIDGET (window));
      g_assert_nonnull (visible);
      g_assert_nonnull (adw_status_page_get_icon_name (visible));
      g_assert_nonnull (adw_status_page_get_title (visible));
    }
  coach_window_set_view (window, "today");
  g_assert_cmpstr (coach_window_get_view (window), ==, "today");

  /* The shortcuts the menu and the shortcuts window promise. */
  g_assert_true (accel_registered (GTK_APPLICATION (app), "app.preferences", "<Control>comma"));
  g_assert_true (accel_registered (GTK_APPLICATION (app), "app.quit", "<Control>q"));
  g_assert_true (accel_registered (GTK_APPLICATION (app), "win.show-help-overlay", "<Control>question"));

  /* Preferences opens and is bound to the settings model. */
  settings = coach_application_get_settings (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  other = expect_window (COACH_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (other) == GTK_WINDOW (window));
  coach_settings_set_default_minutes (settings, 25);
  spin = GTK_SPIN_BUTTON (find_descendant (GTK_WIDGET (other), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  /* The spin button shows a change of the setting at once, and writes its own. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 25);
  gtk_spin_button_set_value (spin, 12);
  g_assert_cmpuint (coach_settings_get_default_minutes (settings), ==, 12);
  close_and_wait (other);

  /* The shortcuts window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  other = expect_window (GTK_TYPE_SHORTCUTS_WINDOW);
  close_and_wait (other);

  /* About, with the version. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  other = expect_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (other)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (other)), ==, "Back Coach");
  close_and_wait (other);

  /* Quitting saves the window size for next time. */
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_cmpint (coach_settings_get_window_width (settings), ==, 640);
  g_assert_cmpint (coach_settings_get_window_height (settings), ==, 480);
  g_assert_false (coach_settings_get_window_maximized (settings));
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static void
test_window_restores_size (void)
{
  GSettings *gsettings = coach_settings_get_gsettings (coach_application_get_settings (app));
  CoachWindow *window;
  int width, height;

  g_settings_set_int (gsettings, "window-width", 700);
  g_settings_set_int (gsettings, "window-height", 500);
  g_settings_set_boolean (gsettings, "window-maximized", FALSE);

  g_application_activate (G_APPLICATION (app));
  window = COACH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  wait_until (widget_is_mapped, window);

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  /* Closing a shown window saves the same size: it must not grow from one start to the next. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 500);
}

static gboolean
player_has_session (gpointer data)
{
  CoachWindow *window = data;
  CoachPlayerView *player = coach_window_get_player_view (window);

  return player != NULL && gtk_widget_get_mapped (GTK_WIDGET (player)) &&
         coach_player_view_get_session (player) != NULL;
}

/* The desktop file's actions "Start My Routine" and "Partner Session": each opens its flow
 * at once, even when the app was not running and today's routine is still being planned. */
static void
test_open_flows (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachWindow *window;
  CoachPlayerView *player;
  CoachPartnerView *partner;

  /* Earlier tests closed every window; the first run is done, the check was clear. */
  g_assert_null (main_window ());
  g_assert_true (coach_settings_get_first_run_done (settings));
  g_settings_set_boolean (coach_settings_get_gsettings (settings), "rate-pain", FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "start-routine", NULL);
  window = main_window ();
  g_assert_nonnull (window);
  wait_until (player_has_session, window);
  player = coach_window_get_player_view (window);
  g_assert_cmpstr (coach_player_view_get_page (player), ==, "session");
  g_assert_cmpuint (coach_session_get_n_items (coach_player_view_get_session (player)), ==,
                    coach_routine_get_n_items (coach_today_view_get_routine (coach_window_get_today_view (window))));

  /* A routine under way is not interrupted by the other flow: it stays on screen. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "partner-session", NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (player)));
  g_assert_nonnull (coach_player_view_get_session (player));

  coach_player_view_leave (player);
  wait_until (widget_is_mapped, coach_window_get_today_view (window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "partner-session", NULL);
  partner = coach_window_get_partner_view (window);
  g_assert_nonnull (partner);
  wait_until (widget_is_mapped, partner);
  g_assert_cmpstr (coach_partner_view_get_page (partner), ==, "people");

  gtk_window_close (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("BACKCOACH_AUDIO_SINK", "fakesink sync=true", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/first-run-emergency", test_first_run_emergency);
  g_test_add_func ("/window/preferences-profile", test_preferences_profile);
  g_test_add_func ("/window/views-and-windows", test_window);
  g_test_add_func ("/window/restores-size", test_window_restores_size);
  g_test_add_func ("/window/open-flows", test_open_flows);

  app = coach_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
