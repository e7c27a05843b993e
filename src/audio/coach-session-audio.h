/* coach-session-audio.h: what a guided session sounds like: cues, spoken steps and pacing beats.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "coach-catalog.h"
#include "coach-cue-player.h"
#include "coach-session.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSION_AUDIO (coach_session_audio_get_type ())

G_DECLARE_FINAL_TYPE (CoachSessionAudio, coach_session_audio, COACH, SESSION_AUDIO, GObject)

CoachSessionAudio *coach_session_audio_new        (CoachSession      *session,
                                                   CoachCatalog      *catalog,
                                                   CoachSettings     *settings,
                                                   const char        *sink_description);
CoachCuePlayer    *coach_session_audio_get_player (CoachSessionAudio *self);
gboolean           coach_session_audio_is_ready   (CoachSessionAudio *self);
const char        *coach_session_audio_get_problem (CoachSessionAudio *self);
void               coach_session_audio_set_cue_suffix (CoachSessionAudio *self,
                                                       const char        *suffix);
void               coach_session_audio_say        (CoachSessionAudio *self,
                                                   const char        *text);

G_END_DECLS
