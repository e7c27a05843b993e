/* coach-preferences-window.h: the preferences window.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_PREFERENCES_WINDOW (coach_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CoachPreferencesWindow, coach_preferences_window, COACH, PREFERENCES_WINDOW, AdwPreferencesWindow)

CoachPreferencesWindow *coach_preferences_window_new          (CoachSettings          *settings);
GtkWidget              *coach_preferences_window_get_body_map (CoachPreferencesWindow *self);

G_END_DECLS
