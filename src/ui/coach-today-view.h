/* coach-today-view.h: the start view: today's routine, planned from the preferences.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-routine.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_TODAY_VIEW (coach_today_view_get_type ())

G_DECLARE_FINAL_TYPE (CoachTodayView, coach_today_view, COACH, TODAY_VIEW, AdwBin)

void          coach_today_view_setup        (CoachTodayView *self,
                                             CoachSettings  *settings,
                                             CoachCatalog   *catalog);
const char   *coach_today_view_get_state    (CoachTodayView *self);
gboolean      coach_today_view_is_planning  (CoachTodayView *self);
CoachRoutine *coach_today_view_get_routine  (CoachTodayView *self);

G_END_DECLS
