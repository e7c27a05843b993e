/* coach-safety-check.h: the welcome and safety check: red flags, then the profile.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_SAFETY_CHECK (coach_safety_check_get_type ())

G_DECLARE_FINAL_TYPE (CoachSafetyCheck, coach_safety_check, COACH, SAFETY_CHECK, AdwWindow)

CoachSafetyCheck *coach_safety_check_new          (CoachSettings    *settings,
                                                   gboolean          welcome);
const char       *coach_safety_check_get_page     (CoachSafetyCheck *self);
GtkWidget        *coach_safety_check_get_body_map (CoachSafetyCheck *self);

G_END_DECLS
