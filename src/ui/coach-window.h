/* coach-window.h: the main window with its views.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-application.h"
#include "coach-partner-view.h"
#include "coach-history-view.h"
#include "coach-player-view.h"
#include "coach-techniques-view.h"
#include "coach-today-view.h"

G_BEGIN_DECLS

#define COACH_TYPE_WINDOW (coach_window_get_type ())

G_DECLARE_FINAL_TYPE (CoachWindow, coach_window, COACH, WINDOW, AdwApplicationWindow)

CoachWindow *coach_window_new          (CoachApplication *application);
const char  *coach_window_get_view     (CoachWindow      *self);
void         coach_window_set_view     (CoachWindow      *self,
                                        const char       *name);
CoachTodayView *coach_window_get_today_view (CoachWindow  *self);
CoachTechniquesView *coach_window_get_techniques_view (CoachWindow *self);
CoachHistoryView  *coach_window_get_history_view   (CoachWindow *self);
CoachPlayerView *coach_window_get_player_view (CoachWindow *self);
CoachPartnerView *coach_window_get_partner_view (CoachWindow *self);
void         coach_window_start_routine (CoachWindow    *self,
                                         CoachRoutine   *routine,
                                         const char     *title);
void         coach_window_open_flow    (CoachWindow      *self,
                                        const char       *flow);
void         coach_window_add_toast    (CoachWindow      *self,
                                        AdwToast         *toast);

G_END_DECLS
