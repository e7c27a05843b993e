/* coach-window.c: the main window: header bar, view switcher and the main views.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-window"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-techniques-view.h"
#include "coach-today-view.h"
#include "coach-window.h"

struct _CoachWindow
{
  AdwApplicationWindow  parent_instance;

  AdwViewStack         *stack;
  CoachTodayView       *today_view;
  CoachTechniquesView  *techniques_view;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (CoachWindow, coach_window, ADW_TYPE_APPLICATION_WINDOW)

static CoachSettings *
get_settings (CoachWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? coach_application_get_settings (COACH_APPLICATION (app)) : NULL;
}

static gboolean
coach_window_close_request (GtkWindow *window)
{
  CoachWindow *self = COACH_WINDOW (window);
  CoachSettings *settings = get_settings (self);
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      coach_settings_save_window_state (settings, width, height,
                                        gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (coach_window_parent_class)->close_request (window);
}

/* The application is set after construction, so this runs from coach_window_new (). */
static void
restore_window_state (CoachWindow *self)
{
  CoachSettings *settings = get_settings (self);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               coach_settings_get_window_width (settings),
                               coach_settings_get_window_height (settings));
  if (coach_settings_get_window_maximized (settings))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  coach_window_set_view (COACH_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
coach_window_class_init (CoachWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = coach_window_close_request;

  g_type_ensure (COACH_TYPE_TODAY_VIEW);
  g_type_ensure (COACH_TYPE_TECHNIQUES_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/BackCoach/coach-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, today_view);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, techniques_view);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "today");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "techniques");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-view", "s", "history");
}

/* An empty view shows its view's icon, set when the view is first shown: loading large
 * icons for views nobody has opened would slow start-up for nothing. */
static void
on_visible_child_changed (AdwViewStack *stack,
                          GParamSpec   *pspec,
                          CoachWindow  *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (stack);
  AdwStatusPage *status;

  if (!ADW_IS_STATUS_PAGE (child))
    return;

  status = ADW_STATUS_PAGE (child);
  if (adw_status_page_get_icon_name (status) == NULL)
    adw_status_page_set_icon_name (status,
                                   adw_view_stack_page_get_icon_name (adw_view_stack_get_page (stack, child)));
}

static void
coach_window_init (CoachWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed), self, 0);
}

CoachWindow *
coach_window_new (CoachApplication *application)
{
  CoachWindow *self = g_object_new (COACH_TYPE_WINDOW, "application", application, NULL);

  restore_window_state (self);
  coach_today_view_setup (self->today_view,
                          coach_application_get_settings (application),
                          coach_application_get_catalog (application));
  coach_techniques_view_setup (self->techniques_view,
                               coach_application_get_settings (application),
                               coach_application_get_catalog (application));

  return self;
}

const char *
coach_window_get_view (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
coach_window_set_view (CoachWindow *self,
                       const char  *name)
{
  g_return_if_fail (COACH_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* Returns: (transfer none): the view with every technique card. */
CoachTechniquesView *
coach_window_get_techniques_view (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  return self->techniques_view;
}

/* Returns: (transfer none): the start view with today's routine. */
CoachTodayView *
coach_window_get_today_view (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  return self->today_view;
}

void
coach_window_add_toast (CoachWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (COACH_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
