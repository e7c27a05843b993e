/* coach-review-window.h: flips through technique cards one at a time, for learning them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-card-page.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_REVIEW_WINDOW (coach_review_window_get_type ())

G_DECLARE_FINAL_TYPE (CoachReviewWindow, coach_review_window, COACH, REVIEW_WINDOW, AdwWindow)

CoachReviewWindow *coach_review_window_new          (GListModel        *cards,
                                                     guint              position,
                                                     CoachSettings     *settings);
guint              coach_review_window_get_position (CoachReviewWindow *self);
void               coach_review_window_set_position (CoachReviewWindow *self,
                                                     guint              position);
CoachCardPage     *coach_review_window_get_page     (CoachReviewWindow *self);

G_END_DECLS
