/* coach-cue-player.h: sound cues, spoken guidance and pacing beats played through GStreamer.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

#include "coach-speech.h"

G_BEGIN_DECLS

typedef enum {
  COACH_CUE_START,        /* a step starts */
  COACH_CUE_TICK,         /* each of the last three seconds */
  COACH_CUE_SWITCH_SIDES, /* change to the other side */
  COACH_CUE_FINISH,       /* the routine is finished */
  COACH_N_CUES
} CoachCue;

#define COACH_CUE_PLAYER_ERROR (coach_cue_player_error_quark ())

typedef enum {
  COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT, /* a GStreamer plugin is not installed */
  COACH_CUE_PLAYER_ERROR_NO_DEVICE,       /* no sound device, or it went away */
  COACH_CUE_PLAYER_ERROR_FAILED,          /* anything else the pipeline reports */
} CoachCuePlayerError;

GQuark coach_cue_player_error_quark (void);

#define COACH_TYPE_CUE_PLAYER (coach_cue_player_get_type ())

G_DECLARE_FINAL_TYPE (CoachCuePlayer, coach_cue_player, COACH, CUE_PLAYER, GObject)

CoachCuePlayer *coach_cue_player_new                   (const char          *sink_description);
gboolean        coach_cue_player_prepare               (CoachCuePlayer      *self,
                                                        GError             **error);
void            coach_cue_player_prepare_async         (CoachCuePlayer      *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean        coach_cue_player_prepare_finish        (CoachCuePlayer      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
gboolean        coach_cue_player_play                  (CoachCuePlayer      *self,
                                                        CoachCue             cue,
                                                        GError             **error);
gboolean        coach_cue_player_play_at               (CoachCuePlayer      *self,
                                                        CoachCue             cue,
                                                        gint64               due,
                                                        GError             **error);
void            coach_cue_player_cancel_scheduled      (CoachCuePlayer      *self);

void            coach_cue_player_prepare_speech_async  (CoachCuePlayer      *self,
                                                        const char          *text,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CoachSpeech    *coach_cue_player_prepare_speech_finish (CoachCuePlayer      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
gboolean        coach_cue_player_speak                 (CoachCuePlayer      *self,
                                                        CoachSpeech         *speech,
                                                        GError             **error);
void            coach_cue_player_stop_speech           (CoachCuePlayer      *self);

void            coach_cue_player_set_pacing            (CoachCuePlayer      *self,
                                                        double               beats_per_minute);
double          coach_cue_player_get_pacing            (CoachCuePlayer      *self);

void            coach_cue_player_set_volume            (CoachCuePlayer      *self,
                                                        double               volume);
double          coach_cue_player_get_volume            (CoachCuePlayer      *self);
void            coach_cue_player_set_voice             (CoachCuePlayer      *self,
                                                        const char          *voice);
const char     *coach_cue_player_get_voice             (CoachCuePlayer      *self);
void            coach_cue_player_set_voice_language    (CoachCuePlayer      *self,
                                                        const char * const  *languages);
void            coach_cue_player_set_cues_enabled      (CoachCuePlayer      *self,
                                                        gboolean             enabled);
gboolean        coach_cue_player_get_cues_enabled      (CoachCuePlayer      *self);
void            coach_cue_player_set_voice_enabled     (CoachCuePlayer      *self,
                                                        gboolean             enabled);
gboolean        coach_cue_player_get_voice_enabled     (CoachCuePlayer      *self);
void            coach_cue_player_set_pacing_enabled    (CoachCuePlayer      *self,
                                                        gboolean             enabled);
gboolean        coach_cue_player_get_pacing_enabled    (CoachCuePlayer      *self);
void            coach_cue_player_set_relaxed           (CoachCuePlayer      *self,
                                                        gboolean             relaxed);
GstElement     *coach_cue_player_get_sink              (CoachCuePlayer      *self);

gboolean        coach_cue_player_render_wav            (CoachCue             cue,
                                                        const char          *path,
                                                        GError             **error);
gboolean        coach_cue_player_render_speech_wav     (const char          *text,
                                                        const char          *voice,
                                                        const char          *path,
                                                        GError             **error);
gboolean        coach_cue_player_render_pacing_wav     (double               beats_per_minute,
                                                        double               seconds,
                                                        const char          *path,
                                                        GError             **error);
const char     *coach_cue_get_name                     (CoachCue             cue);

G_END_DECLS
