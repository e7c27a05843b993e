/* audio-test-util.h: what the audio tests share: reading rendered WAV files, measuring levels
 * and frequencies, and playing into a test sink.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* The mixer's sample rate. */
#define RATE 48000

GArray   *read_wav  (const char  *path);
float     peak_of   (const float *samples,
                     gsize        n);
double    rms_of    (const float *samples,
                     gsize        n);
double    power_at  (const float *samples,
                     gsize        n,
                     double       frequency);
void      drain     (GstElement  *sink);
gboolean  play_tick (gpointer     player);

G_END_DECLS
