/* test-history-view.c: pain ratings before and after a routine in the real window, the
 * session recorded with them, the History view (list, delete and undo, the weekly check-in,
 * exports), and a damaged history reported once.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "coach-application.h"
#include "coach-pain-scale.h"
#include "coach-window.h"
#include "ui-test-util.h"

static CoachApplication *app;
static char *data_dir;

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

static CoachHistoryStore *
store (void)
{
  return coach_application_get_history_store (app);
}

/* What is on disk now, read with the synchronous API. */
static GPtrArray *
recorded (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = coach_history_store_load (store (), &error);

  g_assert_no_error (error);
  return sessions;
}

static gboolean
key (GtkWidget *widget,
     guint      keyval)
{
  GtkEventController *keys = find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  return handled;
}

static GtkWidget *
number_button (CoachPainScale *scale,
               int             value)
{
  GtkWidget *numbers = gtk_widget_get_first_child (GTK_WIDGET (scale));
  GtkWidget *button = gtk_widget_get_first_child (numbers);

  for (int i = 0; i < value; i++)
    button = gtk_widget_get_next_sibling (button);
  return button;
}

/* A click on a number, as the pointer gives it. */
static void
click_number (CoachPainScale *scale,
              int             value)
{
  g_signal_emit_by_name (number_button (scale, value), "clicked");
}

static CoachPlayerView *
player (void)
{
  return coach_window_get_player_view (main_window ());
}

static gboolean
page_is (gpointer data)
{
  CoachPlayerView *view = player ();

  return view != NULL && g_strcmp0 (coach_player_view_get_page (view), data) == 0;
}

static CoachRoutine *
short_routine (void)
{
  CoachRoutine *routine = coach_routine_new ("Test");

  coach_routine_append (routine, "self-kneading-lower-back", 2, 1, COACH_SIDE_LEFT);
  coach_routine_append (routine, "self-kneading-lower-back", 3, 1, COACH_SIDE_RIGHT);
  coach_routine_append (routine, "self-calming-finish", 1, 1, COACH_SIDE_NONE);
  return routine;
}

static gboolean
main_page_shown (gpointer data)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (main_window ()), COACH_TYPE_WINDOW,
                                                              "main_stack"));
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0;
}

/* ---- The pain scale on its own --------------------------------------------------------- */

static void
test_scale_keys (void)
{
  CoachPainScale *scale = COACH_PAIN_SCALE (g_object_ref_sink (coach_pain_scale_new ()));

  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, -1);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (scale)));
  /* Only the scale takes the focus: one Tab from rating to rating. */
  g_assert_false (gtk_widget_get_focusable (number_button (scale, 4)));

  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_7));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 7);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (number_button (scale, 7))));
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_1));
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_0));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 10);
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_Left));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 9);
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_Right));
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_Right));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 10);
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_Home));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 0);
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_KP_4));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 4);
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_BackSpace));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, -1);
  g_assert_true (key (GTK_WIDGET (scale), GDK_KEY_End));
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 10);
  /* Letters are not ratings: they go on to the window. */
  g_assert_false (key (GTK_WIDGET (scale), GDK_KEY_a));

  /* A click rates; a click on the rating given clears it. */
  click_number (scale, 3);
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, 3);
  click_number (scale, 3);
  g_assert_cmpint (coach_pain_scale_get_value (scale), ==, -1);
  g_object_unref (scale);
}

/* ---- A damaged history, reported once ------------------------------------------------ */

static GtkWindow *
message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return message_dialog () != NULL;
}

static void
test_damaged (void)
{
  g_autofree char *dir = g_build_filename (data_dir, "backcoach", NULL);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  static const char garbage[] = "This is not a history file, just some words where one should be.";
  CoachWindow *window;
  CoachHistoryView *view;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean moved = FALSE;
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  window = open_window ();
  coach_window_set_view (window, "history");
  view = coach_window_get_history_view (window);
  wait_until (message_dialog_shown, NULL);
  dialog = message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "The History Was Damaged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "history.db.damaged-"));
  close_and_wait (dialog);

  /* The damaged file is kept beside the fresh one, and the view works. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "history.db.damaged-"))
      {
        g_autofree char *moved_path = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (moved_path, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, garbage);
        moved = TRUE;
      }
  g_assert_true (moved);
  while (coach_history_view_is_loading (view))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (coach_history_view_get_page (view), ==, "empty");

  /* Once: showing the view again reads the fresh store and says nothing more. */
  coach_window_set_view (window, "today");
  coach_window_set_view (window, "history");
  /* Nothing was written since: the view does not read the file again. */
  g_assert_false (coach_history_view_is_loading (view));
  g_assert_null (message_dialog ());
  coach_window_set_view (window, "today");
}

/* ---- Rating, recording, the list ------------------------------------------------------- */

static gboolean
after_saved (gpointer data)
{
  g_autoptr(GPtrArray) sessions = recorded ();

  return sessions->len == 1 &&
         ((CoachHistorySession *) g_ptr_array_index (sessions, 0))->pain_after == GPOINTER_TO_INT (data);
}

static gboolean
view_loaded (gpointer data)
{
  return !coach_history_view_is_loading (COACH_HISTORY_VIEW (data));
}

static gboolean
n_listed_is_one (gpointer data)
{
  return coach_history_view_get_n_listed (data) == 1;
}

static gboolean
n_recorded_is (gpointer data)
{
  g_autoptr(GPtrArray) sessions = recorded ();

  return sessions->len == GPOINTER_TO_UINT (data);
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
undo_shown (gpointer data)
{
  return find_button_labelled (GTK_WIDGET (main_window ()), "_Undo") != NULL;
}

static void
test_rate_record_list (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachWindow *window = open_window ();
  g_autoptr(CoachRoutine) routine = short_routine ();
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(CoachHistorySession) kept = NULL;
  CoachHistorySession *session;
  CoachPainScale *overall, *lower_back, *neck, *after_overall;
  CoachHistoryView *view;
  GtkLabel *change;
  gint64 before_start = g_get_real_time () / G_USEC_PER_SEC;

  g_object_set (settings, "rate-pain", TRUE, NULL);
  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_LOWER_BACK, TRUE);
  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_NECK, TRUE);

  coach_window_start_routine (window, routine, "Evening, “quiet”");
  g_assert_cmpstr (coach_player_view_get_page (player ()), ==, "rate");
  /* Nothing runs until the person is ready. */
  g_assert_cmpint (coach_session_get_state (coach_player_view_get_session (player ())), ==,
                   COACH_SESSION_STATE_IDLE);

  overall = COACH_PAIN_SCALE (find_named (GTK_WIDGET (player ()), "pain-overall"));
  lower_back = COACH_PAIN_SCALE (find_named (GTK_WIDGET (player ()), "lower-back"));
  neck = COACH_PAIN_SCALE (find_named (GTK_WIDGET (player ()), "neck"));
  g_assert_nonnull (overall);
  g_assert_nonnull (lower_back);
  g_assert_nonnull (neck);
  g_assert_null (find_named (GTK_WIDGET (player ()), "upper-back"));
  /* The first rating has the focus: typing rates at once. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (overall)));
  g_assert_true (key (GTK_WIDGET (overall), GDK_KEY_6));
  g_assert_true (key (GTK_WIDGET (lower_back), GDK_KEY_1));
  g_assert_true (key (GTK_WIDGET (lower_back), GDK_KEY_0));
  g_assert_cmpint (coach_pain_scale_get_value (lower_back), ==, 10);
  /* Enter starts the routine. */
  g_assert_true (key (GTK_WIDGET (lower_back), GDK_KEY_Return));
  g_assert_cmpstr (coach_player_view_get_page (player ()), ==, "session");

  wait_until_seconds (page_is, "summary", 20);
  after_overall = COACH_PAIN_SCALE (find_named (GTK_WIDGET (player ()), "after-pain-overall"));
  g_assert_nonnull (after_overall);
  g_assert_true (after_overall != overall);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (after_overall)));
  click_number (after_overall, 3);
  change = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (player ()), COACH_TYPE_PLAYER_VIEW,
                                                     "change_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (change)));
  g_assert_cmpstr (gtk_label_get_label (change), ==,
                   "Pain 6 → 3: much better, a change people clearly notice.");
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (GTK_WIDGET (player ()), ADW_TYPE_ENTRY_ROW)),
                         "Looser after, \"really\", yes");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player ()), "player.leave", NULL));
  wait_until (main_page_shown, NULL);

  /* The record: recorded at the end, the ratings after added once given. */
  wait_until (after_saved, GINT_TO_POINTER (3));
  sessions = recorded ();
  session = g_ptr_array_index (sessions, 0);
  g_assert_cmpstr (session->routine, ==, "Evening, “quiet”");
  g_assert_true (session->completed);
  g_assert_cmpint (session->kind, ==, COACH_HISTORY_SELF);
  g_assert_cmpint (session->receiver, ==, COACH_RECEIVER_SELF);
  g_assert_null (session->partner);
  g_assert_cmpint (session->started, >=, before_start);
  g_assert_cmpint (session->started, <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpuint (session->seconds, ==, 3);
  g_assert_cmpuint (session->planned_seconds, ==, 3);
  g_assert_cmpint (session->pain_before, ==, 6);
  g_assert_cmpint (session->pain_after, ==, 3);
  g_assert_cmpuint (session->regions->len, ==, 1);
  g_assert_cmpint (g_array_index (session->regions, CoachHistoryRegionPain, 0).region, ==, COACH_REGION_LOWER_BACK);
  g_assert_cmpint (g_array_index (session->regions, CoachHistoryRegionPain, 0).before, ==, 10);
  g_assert_cmpint (g_array_index (session->regions, CoachHistoryRegionPain, 0).after, ==, -1);
  g_assert_cmpuint (session->techniques->len, ==, 2);
  g_assert_cmpstr (g_array_index (session->techniques, CoachHistoryTechnique, 0).technique, ==,
                   "self-kneading-lower-back");
  g_assert_cmpuint (g_array_index (session->techniques, CoachHistoryTechnique, 0).seconds, ==, 2);
  g_assert_cmpstr (g_array_index (session->techniques, CoachHistoryTechnique, 1).technique, ==,
                   "self-calming-finish");
  g_assert_cmpuint (g_array_index (session->techniques, CoachHistoryTechnique, 1).seconds, ==, 1);
  g_assert_cmpstr (session->note, ==, "Looser after, \"really\", yes");
  g_assert_true (coach_history_session_is_meaningful (session));
  kept = coach_history_session_ref (session);

  /* The History view lists it. */
  coach_window_set_view (window, "history");
  view = coach_window_get_history_view (window);
  wait_until (widget_is_mapped, view);
  wait_until (view_loaded, view);
  g_assert_cmpstr (coach_history_view_get_page (view), ==, "history");
  g_assert_cmpuint (coach_history_view_get_n_listed (view), ==, 1);
  g_assert_true (gtk_widget_is_visible (find_named (GTK_WIDGET (view), "delete-session")));

  /* Deleting takes it out at once; Undo brings back the very same session. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "history.delete", "x", kept->id));
  g_assert_cmpuint (coach_history_view_get_n_listed (view), ==, 0);
  wait_until (n_recorded_is, GUINT_TO_POINTER (0));
  wait_until (undo_shown, NULL);
  gtk_widget_activate (find_button_labelled (GTK_WIDGET (window), "_Undo"));
  wait_until (n_recorded_is, GUINT_TO_POINTER (1));
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = recorded ();
  g_assert_true (coach_history_session_equal (g_ptr_array_index (sessions, 0), kept));
  /* The view reads the store again once the undo is written. */
  wait_until (n_listed_is_one, view);

  coach_window_set_view (window, "today");
  g_object_set (settings, "sore-regions", 0, NULL);
}

static gboolean
summary_or_main (gpointer data)
{
  return page_is ((gpointer) "summary") || main_page_shown (NULL);
}

static void
test_stopped (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachWindow *window = open_window ();
  g_autoptr(CoachRoutine) routine = coach_routine_new ("Long");
  g_autoptr(GPtrArray) before = recorded ();
  g_autoptr(GPtrArray) sessions = NULL;
  CoachHistorySession *session;
  GtkWidget *first;
  AdwStatusPage *summary;

  coach_routine_append (routine, "self-kneading-lower-back", 2, 30, COACH_SIDE_LEFT);
  coach_routine_append (routine, "self-calming-finish", 1, 30, COACH_SIDE_NONE);
  g_object_set (settings, "rate-pain", TRUE, NULL);

  coach_window_start_routine (window, routine, "Long");
  /* No rating: Enter on the first scale starts all the same. */
  first = find_named (GTK_WIDGET (player ()), "pain-overall");
  g_assert_true (key (first, GDK_KEY_Return));
  while (coach_session_get_elapsed (coach_player_view_get_session (player ())) < 1500 * 1000)
    g_main_context_iteration (NULL, TRUE);

  /* Leaving in the middle stops, and asks about the pain now. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player ()), "player.leave", NULL));
  wait_until (summary_or_main, NULL);
  g_assert_cmpstr (coach_player_view_get_page (player ()), ==, "summary");
  summary = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (player ()), COACH_TYPE_PLAYER_VIEW,
                                                            "summary_page"));
  g_assert_cmpstr (adw_status_page_get_title (summary), ==, "Routine Stopped");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (player ()),
                                                                                      COACH_TYPE_PLAYER_VIEW,
                                                                                      "after_box"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player ()), "player.leave", NULL));
  wait_until (main_page_shown, NULL);

  wait_until (n_recorded_is, GUINT_TO_POINTER (before->len + 1));
  sessions = recorded ();
  session = g_ptr_array_index (sessions, sessions->len - 1);
  g_assert_cmpstr (session->routine, ==, "Long");
  g_assert_false (session->completed);
  g_assert_cmpuint (session->seconds, >=, 1);
  g_assert_cmpuint (session->seconds, <, 30);
  g_assert_cmpuint (session->planned_seconds, ==, 60);
  g_assert_cmpint (session->pain_before, ==, -1);
  g_assert_cmpint (session->pain_after, ==, -1);
  g_assert_cmpuint (session->techniques->len, ==, 1);
  g_assert_null (session->note);

  /* Left before anything ran: nothing is recorded. */
  coach_window_start_routine (window, routine, "Long");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player ()), "player.leave", NULL));
  wait_until (main_page_shown, NULL);
  coach_history_store_wait (store ());
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = recorded ();
  g_assert_cmpuint (sessions->len, ==, before->len + 1);
}

/* ---- The weekly check-in ------------------------------------------------------------------- */

static GtkWidget *
peg_group (CoachHistoryView *view)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), COACH_TYPE_HISTORY_VIEW, "peg_group"));
}

static gboolean
peg_dialog_shown (gpointer data)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_WINDOW);

  return dialog != NULL && g_strcmp0 (gtk_window_get_title (dialog), "Weekly Check-In") == 0;
}

static gboolean
peg_recorded (gpointer data)
{
  g_autoptr(GArray) peg = coach_history_store_load_peg (store (), NULL);

  return peg != NULL && peg->len == 1;
}

static gboolean
view_has_peg (gpointer data)
{
  return coach_history_view_get_peg (data)->len == 1 && !coach_history_view_is_loading (data);
}

static void
test_peg (void)
{
  CoachSettings *settings = coach_application_get_settings (app);
  CoachWindow *window = open_window ();
  CoachHistoryView *view;
  GtkWindow *dialog;
  GtkWidget *save;
  g_autoptr(GArray) peg = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_object_set (settings, "peg-offered", (gint64) 0, NULL);
  coach_window_set_view (window, "history");
  view = coach_window_get_history_view (window);
  wait_until (widget_is_mapped, view);
  wait_until (view_loaded, view);
  g_assert_true (gtk_widget_get_visible (peg_group (view)));

  /* Not Now: not offered again for a week. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "history.peg-dismiss", NULL));
  g_assert_false (gtk_widget_get_visible (peg_group (view)));
  g_assert_cmpint (coach_settings_get_peg_offered (settings), >=, now);
  coach_history_view_reload (view);
  wait_until (view_loaded, view);
  g_assert_false (gtk_widget_get_visible (peg_group (view)));
  /* Eight days later it is. */
  g_object_set (settings, "peg-offered", now - 8 * 24 * 3600, NULL);
  coach_history_view_reload (view);
  wait_until (view_loaded, view);
  g_assert_true (gtk_widget_get_visible (peg_group (view)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "history.peg-answer", NULL));
  wait_until (peg_dialog_shown, NULL);
  dialog = find_toplevel (ADW_TYPE_WINDOW);
  save = find_button_labelled (GTK_WIDGET (dialog), "_Save");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (key (find_named (GTK_WIDGET (dialog), "peg-0"), GDK_KEY_5));
  g_assert_true (key (find_named (GTK_WIDGET (dialog), "peg-1"), GDK_KEY_4));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (key (find_named (GTK_WIDGET (dialog), "peg-2"), GDK_KEY_9));
  g_assert_true (gtk_widget_get_sensitive (save));
  /* Enter on the last answer saves. */
  g_assert_true (key (find_named (GTK_WIDGET (dialog), "peg-2"), GDK_KEY_Return));
  wait_until (peg_recorded, NULL);
  peg = coach_history_store_load_peg (store (), NULL);
  g_assert_cmpint (g_array_index (peg, CoachPegEntry, 0).pain, ==, 5);
  g_assert_cmpint (g_array_index (peg, CoachPegEntry, 0).enjoyment, ==, 4);
  g_assert_cmpint (g_array_index (peg, CoachPegEntry, 0).activity, ==, 9);
  g_assert_cmpint (g_array_index (peg, CoachPegEntry, 0).taken, >=, now);
  wait_until (view_has_peg, view);
  /* Answered this week: not offered, even with the offer long ago. */
  g_object_set (settings, "peg-offered", (gint64) 0, NULL);
  coach_history_view_reload (view);
  wait_until (view_loaded, view);
  g_assert_false (gtk_widget_get_visible (peg_group (view)));
  coach_window_set_view (window, "today");
}

/* ---- Exports -------------------------------------------------------------------------------- */

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_export (void)
{
  CoachWindow *window = open_window ();
  CoachHistoryView *view;
  g_autofree char *csv_path = g_build_filename (data_dir, "export.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (data_dir, "export.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) sessions = recorded ();

  g_assert_cmpuint (sessions->len, >, 0);
  coach_window_set_view (window, "history");
  view = coach_window_get_history_view (window);
  wait_until (view_loaded, view);

  coach_history_view_export (view, csv_path, FALSE);
  wait_until (file_exists, csv_path);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  /* A header and one line per session; the note and routine quoted. */
  g_assert_true (g_str_has_prefix (csv, "Date,"));
  g_assert_nonnull (strstr (csv, "\"Looser after, \"\"really\"\", yes\""));
  g_assert_nonnull (strstr (csv, "\"Evening, “quiet”\""));

  coach_history_view_export (view, pdf_path, TRUE);
  wait_until (file_exists, pdf_path);
  text = run_tool ("pdftotext", "-enc", "UTF-8", pdf_path, "-", NULL);
  g_assert_cmpuint (count_pdf_pages (pdf_path), <=, 2);
  g_assert_nonnull (strstr (text, "Long"));
  coach_window_set_view (window, "today");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("BACKCOACH_AUDIO_SINK", "fakesink sync=true", TRUE);
  data_dir = g_dir_make_tmp ("history-view-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pain-scale/keys", test_scale_keys);
  /* In this order: the damaged file is there before anything opens the store. */
  g_test_add_func ("/history-view/damaged", test_damaged);
  g_test_add_func ("/history-view/rate-record-list", test_rate_record_list);
  g_test_add_func ("/history-view/stopped", test_stopped);
  g_test_add_func ("/history-view/peg", test_peg);
  g_test_add_func ("/history-view/export", test_export);

  app = coach_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  {
    CoachSettings *settings = coach_application_get_settings (app);

    g_object_set (settings, "first-run-done", TRUE, "get-ready-seconds", 0, "voice-guidance", FALSE, NULL);
    coach_settings_set_safety_status (settings, COACH_SAFETY_STATUS_CLEAR);
  }
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
