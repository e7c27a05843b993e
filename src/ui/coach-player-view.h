/* coach-player-view.h: the guided routine: the step's illustration, a countdown readable across
 * the room, what comes next, and the controls.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-partner-session.h"
#include "coach-session-audio.h"
#include "coach-session.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_PLAYER_VIEW (coach_player_view_get_type ())

G_DECLARE_FINAL_TYPE (CoachPlayerView, coach_player_view, COACH, PLAYER_VIEW, AdwBin)

void               coach_player_view_setup         (CoachPlayerView *self,
                                                    CoachSettings   *settings,
                                                    CoachCatalog    *catalog);
void               coach_player_view_start         (CoachPlayerView *self,
                                                    CoachRoutine    *routine,
                                                    const char      *title,
                                                    const char      *audio_sink);
void               coach_player_view_start_partner (CoachPlayerView     *self,
                                                    CoachRoutine        *routine,
                                                    const char          *title,
                                                    const char          *audio_sink,
                                                    CoachPartnerSession *partner);
CoachPartnerSession *coach_player_view_get_partner (CoachPlayerView *self);
gboolean           coach_player_view_is_checking_in (CoachPlayerView *self);
void               coach_player_view_leave         (CoachPlayerView *self);
CoachSession      *coach_player_view_get_session   (CoachPlayerView *self);
CoachSessionAudio *coach_player_view_get_audio     (CoachPlayerView *self);
const char        *coach_player_view_get_countdown (CoachPlayerView *self);
const char        *coach_player_view_get_page      (CoachPlayerView *self);
gboolean           coach_player_view_keeps_screen_on (CoachPlayerView *self);
char              *coach_player_format_countdown   (guint            seconds);

G_END_DECLS
