/* coach-speech.h: a spoken instruction rendered ahead of time, and the voice for a language.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define COACH_TYPE_SPEECH (coach_speech_get_type ())

typedef struct _CoachSpeech CoachSpeech;

GType        coach_speech_get_type      (void) G_GNUC_CONST;
CoachSpeech *coach_speech_ref           (CoachSpeech *self);
void         coach_speech_unref         (CoachSpeech *self);
const char  *coach_speech_get_text      (CoachSpeech *self);
const char  *coach_speech_get_voice     (CoachSpeech *self);
const float *coach_speech_get_samples   (CoachSpeech *self,
                                         gsize       *n_samples);
double       coach_speech_get_duration  (CoachSpeech *self);

const char  *coach_voice_for_languages  (const char * const *languages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachSpeech, coach_speech_unref)

G_END_DECLS
