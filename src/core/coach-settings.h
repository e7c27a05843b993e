/* coach-settings.h: the app's preferences as a plain GObject bound to GSettings.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COACH_TYPE_SETTINGS (coach_settings_get_type ())

G_DECLARE_FINAL_TYPE (CoachSettings, coach_settings, COACH, SETTINGS, GObject)

CoachSettings *coach_settings_new              (GSettings     *gsettings);
CoachSettings *coach_settings_new_default      (void);
GSettings     *coach_settings_get_gsettings    (CoachSettings *self);

int            coach_settings_get_window_width     (CoachSettings *self);
int            coach_settings_get_window_height    (CoachSettings *self);
gboolean       coach_settings_get_window_maximized (CoachSettings *self);
void           coach_settings_save_window_state    (CoachSettings *self,
                                                    int            width,
                                                    int            height,
                                                    gboolean       maximized);

guint          coach_settings_get_default_minutes  (CoachSettings *self);
void           coach_settings_set_default_minutes  (CoachSettings *self,
                                                    guint          minutes);
guint          coach_settings_get_get_ready_seconds (CoachSettings *self);
void           coach_settings_set_get_ready_seconds (CoachSettings *self,
                                                     guint          seconds);

void           coach_settings_reset                (CoachSettings *self);

G_END_DECLS
