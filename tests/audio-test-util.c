/* audio-test-util.c: what the audio tests share: reading rendered WAV files, measuring levels
 * and frequencies, and playing into a test sink.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gst/app/app.h>
#include <math.h>
#include <string.h>

#include "audio-test-util.h"
#include "coach-cue-player.h"
/* The 16-bit samples of a WAV file after checking its header says 48 kHz mono 16-bit PCM. */
GArray *
read_wav (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *bytes;
  gsize length;
  guint32 u32;
  guint16 u16;
  GArray *samples;

#define LE16(offset) (memcpy (&u16, bytes + (offset), 2), GUINT16_FROM_LE (u16))
#define LE32(offset) (memcpy (&u32, bytes + (offset), 4), GUINT32_FROM_LE (u32))

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, 44);
  bytes = (const guint8 *) contents;

  g_assert_cmpmem (bytes, 4, "RIFF", 4);
  g_assert_cmpuint (LE32 (4), ==, length - 8);
  g_assert_cmpmem (bytes + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (LE32 (16), ==, 16);
  g_assert_cmpuint (LE16 (20), ==, 1);          /* PCM */
  g_assert_cmpuint (LE16 (22), ==, 1);          /* mono */
  g_assert_cmpuint (LE32 (24), ==, RATE);
  g_assert_cmpuint (LE32 (28), ==, RATE * 2);
  g_assert_cmpuint (LE16 (32), ==, 2);
  g_assert_cmpuint (LE16 (34), ==, 16);
  g_assert_cmpmem (bytes + 36, 4, "data", 4);
  g_assert_cmpuint (LE32 (40), ==, length - 44);

  samples = g_array_sized_new (FALSE, FALSE, sizeof (float), (length - 44) / 2);
  for (gsize offset = 44; offset + 1 < length; offset += 2)
    {
      float value = (gint16) LE16 (offset) / 32767.0f;
      g_array_append_val (samples, value);
    }

#undef LE16
#undef LE32

  return samples;
}

float
peak_of (const float *samples,
         gsize        n)
{
  float peak = 0;

  for (gsize i = 0; i < n; i++)
    peak = MAX (peak, fabsf (samples[i]));

  return peak;
}

double
rms_of (const float *samples,
        gsize        n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += (double) samples[i] * samples[i];

  return n > 0 ? sqrt (sum / n) : 0;
}

/* Goertzel: the power of one frequency in a block of samples. */
double
power_at (const float *samples,
          gsize        n,
          double       frequency)
{
  double coefficient = 2 * cos (2 * G_PI * frequency / RATE);
  double s1 = 0, s2 = 0;

  for (gsize i = 0; i < n; i++)
    {
      double s = samples[i] + coefficient * s1 - s2;
      s2 = s1;
      s1 = s;
    }

  return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}

/* Drops what the sink has received so far: the silence the player streams between cues. */
void
drain (GstElement *sink)
{
  GstSample *sample;

  while ((sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 0)) != NULL)
    gst_sample_unref (sample);
}

gboolean
play_tick (gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_cue_player_play (user_data, COACH_CUE_TICK, &error));
  g_assert_no_error (error);

  return G_SOURCE_REMOVE;
}
