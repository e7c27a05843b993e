/* test-partner-view.c: a partner massage in the real window: choosing who receives, the
 * receiver's safety check, the position and checklist, the player's pressure check-ins, and
 * swapping roles.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "coach-application.h"
#include "coach-window.h"
#include "ui-test-util.h"

static CoachApplication *app;

static CoachWindow *
open_window (void)
{
  CoachWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = COACH_WINDOW (find_app_window (GTK_APPLICATION (app), COACH_TYPE_WINDOW));
  g_assert_nonnull (window);
  wait_until (widget_is_mapped, window);
  return window;
}

static const char *
visible_page (CoachWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), COACH_TYPE_WINDOW,
                                                              "main_stack"));
  return gtk_stack_get_visible_child_name (stack);
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("No template child %s", name);
  return GTK_WIDGET (child);
}

/* Turns on the switch of the row named @name inside @root. */
static void
switch_on (GtkWidget  *root,
           const char *name)
{
  GtkWidget *row = find_named (root, name);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  gtk_switch_set_active (GTK_SWITCH (find_descendant (row, GTK_TYPE_SWITCH)), TRUE);
}

static CoachPartner *
add_sam (void)
{
  CoachPartnerStore *store = coach_application_get_partner_store (app, NULL);
  g_autoptr(CoachPartner) sam = coach_partner_new ("Sam");

  coach_partner_set_sore_regions (sam, COACH_MASK (COACH_REGION_NECK));
  coach_partner_store_add (store, sam);
  /* The store's own, which it keeps. */
  return coach_partner_store_lookup (store, coach_partner_get_id (sam));
}

static gboolean
page_is_summary (gpointer data)
{
  return g_strcmp0 (coach_player_view_get_page (COACH_PLAYER_VIEW (data)), "summary") == 0;
}

/* From the Today view to the player: who, the safety check with a red flag that stops it,
 * a pregnancy that puts the receiver on the side, the checklist, Start. */
static void
test_setup (void)
{
  CoachWindow *window = open_window ();
  CoachPartnerView *view;
  CoachPartner *sam;
  GtkWidget *start_button;
  CoachRoutine *routine;
  CoachPartnerSession *session;

  /* From the start view's button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.partner-session", NULL));
  g_assert_cmpstr (visible_page (window), ==, "partner");
  view = coach_window_get_partner_view (window);
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "people");
  /* Nobody to massage yet. */
  g_assert_false (gtk_widget_get_sensitive (template_child (view, COACH_TYPE_PARTNER_VIEW, "people_continue")));

  sam = add_sam ();
  wait_until (widget_is_mapped, find_named (GTK_WIDGET (view), coach_partner_get_id (sam)));
  g_assert_true (gtk_widget_get_sensitive (template_child (view, COACH_TYPE_PARTNER_VIEW, "people_continue")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     template_child (view, COACH_TYPE_PARTNER_VIEW, "partner_receives_row"))),
                   ==, "Sam receives, you give");

  /* The receiver's own safety check, by name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.continue", NULL));
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "safety");
  session = coach_partner_view_get_session (view);
  g_assert_cmpint (coach_partner_session_get_receiver (session), ==, COACH_RECEIVER_PARTNER);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (template_child (view, COACH_TYPE_PARTNER_VIEW,
                                                                            "safety_intro"))), "Sam"));

  /* An emergency sign stops it, with what to do. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (view), "red-flag-0")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.continue", NULL));
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "blocked");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (template_child (view, COACH_TYPE_PARTNER_VIEW,
                                                                               "blocked_page"))),
                   ==, "Call Emergency Services");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.back", NULL));
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "safety");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (view), "red-flag-0")), FALSE);

  /* A condition ticked here goes into Sam's profile. */
  switch_on (GTK_WIDGET (view), "pregnancy");
  g_assert_cmpuint (coach_partner_get_conditions (sam) & COACH_MASK (COACH_CONDITION_PREGNANCY), !=, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.continue", NULL));
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "setup");

  /* On the side, because of the pregnancy, and not to be changed. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (template_child (view, COACH_TYPE_PARTNER_VIEW, "position_title"))),
                   ==, "Lying on the Side");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (template_child (view, COACH_TYPE_PARTNER_VIEW, "side_lying_switch"))));
  g_assert_false (gtk_widget_get_sensitive (template_child (view, COACH_TYPE_PARTNER_VIEW, "side_lying_row")));
  routine = coach_partner_view_get_routine (view);
  g_assert_nonnull (routine);
  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      CoachTechnique *technique = coach_catalog_lookup (coach_application_get_catalog (app), item->technique);

      g_assert_cmpint (coach_technique_get_step (technique, item->step)->pose, ==, COACH_POSE_PARTNER_SIDE_LYING);
    }

  /* Start waits for the whole checklist. */
  start_button = template_child (view, COACH_TYPE_PARTNER_VIEW, "start_button");
  wait_until (widget_is_mapped, start_button);
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *name = g_strdup_printf ("check-%u", i);

      g_assert_false (gtk_widget_get_sensitive (start_button));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (view), name)), TRUE);
    }
  g_assert_cmpuint (coach_partner_view_get_n_checked (view), ==, 9);
  g_assert_true (gtk_widget_get_sensitive (start_button));

  /* Start: the player guides the planned routine as a partner massage. */
  g_signal_emit_by_name (start_button, "clicked");
  g_assert_cmpstr (visible_page (window), ==, "player");
  g_assert_true (coach_player_view_get_partner (coach_window_get_player_view (window)) == session);
  g_assert_cmpuint (coach_session_get_n_items (coach_player_view_get_session (coach_window_get_player_view (window))),
                    ==, coach_routine_get_n_items (routine));
  coach_player_view_leave (coach_window_get_player_view (window));
  g_assert_cmpstr (visible_page (window), ==, "main");

  /* Escape steps back through the setup, then out of it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.partner-session", NULL));
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "people");
  g_assert_cmpuint (coach_partner_view_get_n_checked (view), ==, 0);
  g_assert_true (press_shortcut (GTK_WIDGET (view), GDK_KEY_Escape));
  g_assert_cmpstr (visible_page (window), ==, "main");

  coach_partner_store_remove (coach_application_get_partner_store (app, NULL), coach_partner_get_id (sam));
}

/* The player asks about the pressure; the answer changes what it shows for every step after,
 * is remembered in the profile's file; at the end the roles swap. */
static void
test_check_in_and_swap (void)
{
  CoachWindow *window = open_window ();
  CoachPartnerStore *store = coach_application_get_partner_store (app, NULL);
  CoachSettings *settings = coach_application_get_settings (app);
  CoachPartner *sam = add_sam ();
  g_autoptr(CoachPartnerSession) session = coach_partner_session_new (settings, sam, COACH_RECEIVER_PARTNER);
  g_autoptr(CoachRoutine) routine = coach_routine_new ("Partner Massage");
  g_autoptr(CoachPartnerStore) reread = NULL;
  g_autoptr(GError) error = NULL;
  CoachPlayerView *player;
  GtkWidget *pressure_label;
  GtkWidget *check_in_label;
  CoachPartnerView *view;

  coach_routine_append (routine, "partner-circular-friction", 2, 3, COACH_SIDE_BOTH);
  coach_routine_append (routine, "partner-circular-friction", 3, 3, COACH_SIDE_BOTH);
  coach_routine_append (routine, "partner-finishing-strokes", 1, 3, COACH_SIDE_BOTH);
  g_object_set (settings, "get-ready-seconds", 0, NULL);

  coach_window_start_routine (window, routine, "Warm-up");
  player = coach_window_get_player_view (window);
  /* Not a partner massage: nothing to ask. */
  g_assert_false (press_shortcut (GTK_WIDGET (player), GDK_KEY_p));
  coach_player_view_leave (player);

  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), COACH_TYPE_WINDOW,
                                                                              "main_stack")), "player");
  coach_player_view_start_partner (player, routine, "Partner Massage", g_getenv ("BACKCOACH_AUDIO_SINK"), session);
  pressure_label = template_child (player, COACH_TYPE_PLAYER_VIEW, "pressure_label");
  check_in_label = template_child (player, COACH_TYPE_PLAYER_VIEW, "check_in_label");
  g_assert_false (gtk_widget_get_visible (pressure_label));
  g_assert_false (coach_player_view_is_checking_in (player));

  /* P asks now. */
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_p));
  g_assert_true (coach_player_view_is_checking_in (player));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (check_in_label)), ==, "Ask Sam: how is the pressure, 0 to 10?");

  /* "Lighter": every step from now says so, and Sam's profile remembers it. */
  g_signal_emit_by_name (find_named (GTK_WIDGET (player), "lighter"), "clicked");
  g_assert_false (coach_player_view_is_checking_in (player));
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -1);
  g_assert_true (gtk_widget_get_visible (pressure_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pressure_label)), ==, "A little lighter than the card says.");
  g_assert_cmpint (coach_partner_get_pressure_preference (sam), ==, -1);
  coach_partner_store_flush (store);
  reread = coach_partner_store_new (coach_partner_store_get_path (store));
  g_assert_true (coach_partner_store_load (reread, &error));
  g_assert_no_error (error);
  g_assert_cmpint (coach_partner_get_pressure_preference (coach_partner_store_lookup (reread, coach_partner_get_id (sam))),
                   ==, -1);

  /* "Good" keeps it; the next step still shows it. */
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_p));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "player.answer-pressure", "s", "good"));
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -1);
  g_assert_true (press_shortcut (GTK_WIDGET (player), GDK_KEY_Right));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pressure_label)), ==, "A little lighter than the card says.");

  /* The end: swap roles, to the other one's safety check. */
  wait_until_seconds (page_is_summary, player, 20);
  g_assert_true (gtk_widget_get_visible (template_child (player, COACH_TYPE_PLAYER_VIEW, "swap_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (template_child (player, COACH_TYPE_PLAYER_VIEW, "swap_button"))),
                   ==, "_Swap Roles: Sam Gives");
  g_signal_emit_by_name (template_child (player, COACH_TYPE_PLAYER_VIEW, "swap_button"), "clicked");
  g_assert_cmpstr (visible_page (window), ==, "partner");
  view = coach_window_get_partner_view (window);
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "safety");
  g_assert_true (coach_partner_view_get_session (view) == session);
  g_assert_cmpint (coach_partner_session_get_receiver (session), ==, COACH_RECEIVER_SELF);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (template_child (view, COACH_TYPE_PARTNER_VIEW,
                                                                            "safety_intro"))), "you receive"));
  /* The person's own remembered pressure, not Sam's. */
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, coach_settings_get_pressure_preference (settings));

  /* Planned from the person's profile. */
  g_object_set (settings, "sore-regions", COACH_MASK (COACH_REGION_LOWER_BACK), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.continue", NULL));
  g_assert_cmpstr (coach_partner_view_get_page (view), ==, "setup");
  g_assert_nonnull (coach_partner_view_get_routine (view));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (template_child (view, COACH_TYPE_PARTNER_VIEW,
                                                                                         "routine_row"))),
                            "your profile"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.back", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.back", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "partner.back", NULL));
  g_assert_cmpstr (visible_page (window), ==, "main");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_dir_make_tmp ("test-partner-view-XXXXXX", NULL);
  int status;

  /* Partner profiles go to a private data directory. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("BACKCOACH_AUDIO_SINK", "fakesink sync=true", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partner-view/setup", test_setup);
  g_test_add_func ("/partner-view/check-in-and-swap", test_check_in_and_swap);

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
  {
    g_autofree char *file = g_build_filename (data, "backcoach", "partners.xml", NULL);
    g_autofree char *dir = g_build_filename (data, "backcoach", NULL);

    g_remove (file);
    g_rmdir (dir);
    g_rmdir (data);
  }
  return status;
}
