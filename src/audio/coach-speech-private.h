/* coach-speech-private.h: rendering speech, for the cue player only.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "coach-speech.h"

G_BEGIN_DECLS

#define COACH_SPEECH_SAMPLE_RATE 48000
#define COACH_SPEECH_ELEMENT "espeak"

CoachSpeech *coach_speech_render             (const char    *text,
                                              const char    *voice,
                                              const char    *element,
                                              GCancellable  *cancellable,
                                              GError       **error);
gsize        coach_speech_get_resume_point   (CoachSpeech   *self,
                                              gsize          position);

G_END_DECLS
