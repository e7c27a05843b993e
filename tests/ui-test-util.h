/* ui-test-util.h: helpers the widget tests share: waiting on the main loop, finding
 * controllers, clicking through a gesture.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

void                wait_until           (Condition        condition,
                                          gpointer         data);
void                wait_until_seconds   (Condition        condition,
                                          gpointer         data,
                                          guint            seconds);
gboolean            widget_is_mapped     (gpointer         data);
gboolean            widget_is_laid_out   (gpointer         data);
GtkEventController *find_controller      (GtkWidget       *widget,
                                          GType            type);
void                click_gesture        (GtkGestureClick *gesture,
                                          double           x,
                                          double           y);

GtkWindow          *find_toplevel        (GType            type);
gboolean            toplevel_is_gone     (gpointer         type);
GtkWindow          *expect_window        (GType            type);
void                close_and_wait       (GtkWindow       *window);
GtkWidget          *find_descendant      (GtkWidget       *widget,
                                          GType            type);
GtkWidget          *find_named           (GtkWidget       *widget,
                                          const char      *name);
void                click                (GtkWidget       *root,
                                          const char      *name);

gboolean            press_shortcut       (GtkWidget       *widget,
                                          guint            keyval);

GtkWindow          *find_app_window      (GtkApplication  *app,
                                          GType            type);

char               *run_tool             (const char      *first,
                                          ...) G_GNUC_NULL_TERMINATED;
guint               count_pdf_pages      (const char      *path);

G_END_DECLS
