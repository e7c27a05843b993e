/* coach-keys.h: plain keys that act on a whole view, whatever has the focus inside it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  guint       keyval;
  const char *action;   /* a widget action, e.g. "player.next" */
} CoachKey;

void coach_keys_add_capture (GtkWidget      *widget,
                             const CoachKey *keys,
                             guint           n_keys);

G_END_DECLS
