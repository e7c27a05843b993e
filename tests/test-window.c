/* test-window.c: the main window opens, every view shows, and the menu's windows open.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "coach-application.h"
#include "coach-preferences-window.h"
#include "coach-window.h"

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after five seconds. */
static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

typedef struct {
  GType      type;
  GtkWindow *found;
} Toplevel;

static gboolean
toplevel_is_mapped (gpointer data)
{
  Toplevel *t = data;

  t->found = find_toplevel (t->type);
  return t->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (t->found));
}

static gboolean
toplevel_is_gone (gpointer data)
{
  return find_toplevel (*(GType *) data) == NULL;
}

/* Opens a window through an action, checks it is shown, closes it again. */
static GtkWindow *
expect_window (GType type)
{
  Toplevel t = { type, NULL };

  wait_until (toplevel_is_mapped, &t);
  return t.found;
}

static void
close_and_wait (GtkWindow *window)
{
  GType type = G_OBJECT_TYPE (window);

  gtk_window_destroy (window);
  wait_until (toplevel_is_gone, &type);
}

/* The first widget of @type below @widget, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

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

  window = COACH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  wait_until (widget_is_mapped, window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Back Coach");

  /* Every view can be shown and shows its own page. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]));
      g_assert_cmpstr (coach_window_get_view (window), ==, views[i]);
      /* The view shown is an empty state that got its icon when it was first shown. */
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/views-and-windows", test_window);
  g_test_add_func ("/window/restores-size", test_window_restores_size);

  app = coach_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
