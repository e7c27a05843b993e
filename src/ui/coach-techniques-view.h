/* coach-techniques-view.h: every technique card, with search and filters, beside the open card.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-card-page.h"
#include "coach-catalog.h"
#include "coach-review-window.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_TECHNIQUES_VIEW (coach_techniques_view_get_type ())

G_DECLARE_FINAL_TYPE (CoachTechniquesView, coach_techniques_view, COACH, TECHNIQUES_VIEW, AdwBin)

void               coach_techniques_view_setup          (CoachTechniquesView *self,
                                                         CoachSettings       *settings,
                                                         CoachCatalog        *catalog);
GListModel        *coach_techniques_view_get_model      (CoachTechniquesView *self);
CoachCardPage     *coach_techniques_view_get_card_page  (CoachTechniquesView *self);
void               coach_techniques_view_clear_filters  (CoachTechniquesView *self);
gboolean           coach_techniques_view_show_technique (CoachTechniquesView *self,
                                                         const char          *id);
CoachReviewWindow *coach_techniques_view_open_review    (CoachTechniquesView *self);

G_END_DECLS
