/* coach-card-page.h: one technique card: what it is for, its cautions, evidence and illustrated steps.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-settings.h"
#include "coach-step-illustration.h"
#include "coach-technique.h"

G_BEGIN_DECLS

#define COACH_TYPE_CARD_PAGE (coach_card_page_get_type ())

G_DECLARE_FINAL_TYPE (CoachCardPage, coach_card_page, COACH, CARD_PAGE, AdwBin)

GtkWidget             *coach_card_page_new                   (void);
void                   coach_card_page_set_settings          (CoachCardPage  *self,
                                                              CoachSettings  *settings);
CoachTechnique        *coach_card_page_get_technique         (CoachCardPage  *self);
void                   coach_card_page_set_technique         (CoachCardPage  *self,
                                                              CoachTechnique *technique);
CoachStepIllustration *coach_card_page_get_step_illustration (CoachCardPage  *self,
                                                              guint           number);

G_END_DECLS
