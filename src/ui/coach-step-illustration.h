/* coach-step-illustration.h: a widget that shows one technique step, animated while playing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "coach-technique.h"

G_BEGIN_DECLS

#define COACH_TYPE_STEP_ILLUSTRATION (coach_step_illustration_get_type ())

G_DECLARE_FINAL_TYPE (CoachStepIllustration, coach_step_illustration, COACH, STEP_ILLUSTRATION,
                      GtkWidget)

GtkWidget *coach_step_illustration_new          (void);
void       coach_step_illustration_set_step     (CoachStepIllustration *self,
                                                 CoachTechnique        *technique,
                                                 guint                  number);
gboolean   coach_step_illustration_get_playing  (CoachStepIllustration *self);
void       coach_step_illustration_set_playing  (CoachStepIllustration *self,
                                                 gboolean               playing);
gboolean   coach_step_illustration_is_animating (CoachStepIllustration *self);

G_END_DECLS
