/* ui-test-util.h: helpers the widget tests share: waiting on the main loop, finding
 * controllers, clicking through a gesture.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

void                wait_until           (Condition        condition,
                                          gpointer         data);
gboolean            widget_is_mapped     (gpointer         data);
gboolean            widget_is_laid_out   (gpointer         data);
GtkEventController *find_controller      (GtkWidget       *widget,
                                          GType            type);
void                click_gesture        (GtkGestureClick *gesture,
                                          double           x,
                                          double           y);

G_END_DECLS
