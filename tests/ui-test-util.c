/* ui-test-util.c: helpers the widget tests share: waiting on the main loop, finding
 * controllers, clicking through a gesture.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ui-test-util.h"

/* Runs the main loop until @condition holds; fails the test after five seconds. */
void
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

gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* On screen and with its size, so that coordinates inside it mean something. */
gboolean
widget_is_laid_out (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Returns: (transfer none) (nullable): the first controller of @type on @widget. */
GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* X events cannot be synthesized from a test, so this drives the gesture the way a real
 * click would: a press, then a release at the same point. */
void
click_gesture (GtkGestureClick *gesture,
               double           x,
               double           y)
{
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
}
