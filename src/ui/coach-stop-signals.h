/* coach-stop-signals.h: a button that shows when to stop, for every routine screen.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *coach_stop_signals_button_new (void);

G_END_DECLS
