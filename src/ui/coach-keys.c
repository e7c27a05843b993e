/* coach-keys.c: plain keys that act on a whole view, whatever has the focus inside it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-keys"

#include "config.h"

#include "coach-keys.h"

/**
 * coach_keys_add_capture:
 *
 * Binds each key, without modifiers, to its action on @widget in the capture phase: Space
 * pauses even while a button has focus, as in a media player, and the arrow keys flip cards
 * wherever the focus is. Only for views with no text entry, which would want those keys.
 */
void
coach_keys_add_capture (GtkWidget      *widget,
                        const CoachKey *keys,
                        guint           n_keys)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < n_keys; i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (widget, controller);
}
