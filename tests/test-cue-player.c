/* test-cue-player.c: the cues really play through GStreamer, into an appsink.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/app/app.h>
#include <gst/audio/audio.h>

#include "audio-test-util.h"
#include "coach-cue-player.h"


#define TEST_SINK "appsink name=sink sync=true " \
                  "caps=\"audio/x-raw,format=" GST_AUDIO_NE (F32) ",rate=48000,channels=1\""
#define CUE_PEAK 0.5                             /* -6 dBFS */
#define TAIL_SECONDS 0.25                        /* captured after a cue's expected end */
#define PULL_TIMEOUT_US (10 * G_TIME_SPAN_SECOND) /* the stream has stopped: a bug */

/* The lengths the sound design asks for. */
static const double cue_seconds[COACH_N_CUES] = {
  [COACH_CUE_START] = 0.35,
  [COACH_CUE_TICK] = 0.12,
  [COACH_CUE_SWITCH_SIDES] = 0.5,
  [COACH_CUE_FINISH] = 1.2,
};

typedef struct {
  GArray *samples;         /* float: the stream the sink received */
  gint64  first_sound_us;  /* monotonic time the first non-silent buffer came, or 0 */
  gsize   first;           /* the first and last non-silent sample, if first_sound_us */
  gsize   last;
} Capture;

static void
capture_clear (Capture *capture)
{
  g_clear_pointer (&capture->samples, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Capture, capture_clear)


/* Pulls the stream from the sink until it holds n_samples, or until the first sound if
 * until_sound. The main context is iterated meanwhile, so the player's bus watch and the
 * tests' timeouts run as they would in the app. */
static void
capture_run (GstElement *sink,
             gsize       n_samples,
             gboolean    until_sound,
             Capture    *capture)
{
  gint64 deadline = g_get_monotonic_time () + PULL_TIMEOUT_US;

  capture->samples = g_array_new (FALSE, FALSE, sizeof (float));
  capture->first_sound_us = 0;

  while (until_sound ? capture->first_sound_us == 0 : capture->samples->len < n_samples)
    {
      g_autoptr(GstSample) sample = NULL;
      GstBuffer *buffer;
      GstMapInfo map;
      const float *data;
      gsize n;

      while (g_main_context_iteration (NULL, FALSE))
        ;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 5 * GST_MSECOND);
      if (sample == NULL)
        continue;

      buffer = gst_sample_get_buffer (sample);
      g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
      g_assert_cmpuint (map.size % sizeof (float), ==, 0);
      data = (const float *) map.data;
      n = map.size / sizeof (float);

      for (gsize i = 0; i < n; i++)
        {
          if (data[i] == 0.0f)
            continue;
          if (capture->first_sound_us == 0)
            {
              capture->first_sound_us = g_get_monotonic_time ();
              capture->first = capture->samples->len + i;
            }
          capture->last = capture->samples->len + i;
        }

      g_array_append_vals (capture->samples, data, n);
      gst_buffer_unmap (buffer, &map);
    }
}


static float
capture_peak (Capture *capture)
{
  return peak_of ((const float *) capture->samples->data, capture->samples->len);
}

/* The length of the stretch that sounds, in seconds. The cues start and end on a zero
 * sample, which this leaves out. */
static double
capture_seconds (Capture *capture)
{
  g_assert_cmpint (capture->first_sound_us, >, 0);

  return (double) (capture->last - capture->first + 3) / RATE;
}

/* A player on an appsink, prepared and streaming. */
static CoachCuePlayer *
make_player (void)
{
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (TEST_SINK);
  g_autoptr(GError) error = NULL;
  g_auto(Capture) before = { 0 };
  GstElement *sink;

  g_assert_null (coach_cue_player_get_sink (player));
  g_assert_true (coach_cue_player_prepare (player, &error));
  g_assert_no_error (error);
  /* Preparing twice is harmless. */
  g_assert_true (coach_cue_player_prepare (player, &error));
  g_assert_no_error (error);

  sink = coach_cue_player_get_sink (player);
  g_assert_true (GST_IS_APP_SINK (sink));
  g_assert_cmpstr (GST_OBJECT_NAME (sink), ==, "sink");

  /* Between cues the stream is silence. */
  capture_run (sink, RATE / 10, FALSE, &before);
  g_assert_cmpfloat (capture_peak (&before), ==, 0.0f);

  return g_steal_pointer (&player);
}

/* Plays cue and captures it, with a margin after its expected end. */
static void
play_and_capture (CoachCuePlayer *player,
                  CoachCue        cue,
                  Capture        *capture)
{
  g_autoptr(GError) error = NULL;
  GstElement *sink = coach_cue_player_get_sink (player);

  drain (sink);
  g_assert_true (coach_cue_player_play (player, cue, &error));
  g_assert_no_error (error);
  capture_run (sink, (cue_seconds[cue] + TAIL_SECONDS) * RATE, FALSE, capture);
}

static void
test_names (void)
{
  for (CoachCue cue = 0; cue < COACH_N_CUES; cue++)
    {
      g_assert_cmpstr (coach_cue_get_name (cue), !=, "");
      for (CoachCue other = 0; other < cue; other++)
        g_assert_cmpstr (coach_cue_get_name (cue), !=, coach_cue_get_name (other));
    }
  g_assert_cmpstr (coach_cue_get_name (COACH_CUE_START), ==, "Step start");
}

/* The samples of a cue as render_wav() writes them. */
static GArray *render_samples (CoachCue cue);

static void
test_cues_play (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();

  for (CoachCue cue = 0; cue < COACH_N_CUES; cue++)
    {
      g_auto(Capture) capture = { 0 };
      g_autoptr(GArray) expected = render_samples (cue);
      const float *samples, *reference;
      gsize start;

      play_and_capture (player, cue, &capture);
      g_test_message ("%s: %.4f s, peak %.4f", coach_cue_get_name (cue),
                      capture_seconds (&capture), capture_peak (&capture));
      g_assert_cmpfloat_with_epsilon (capture_peak (&capture), CUE_PEAK, 0.001);
      g_assert_cmpfloat_with_epsilon (capture_seconds (&capture), cue_seconds[cue], 0.001);

      /* Every sample arrives, whole and in order: the cue is what render_wav() writes, to
       * within the WAV's 16-bit rounding, from the zero sample before the first sound on. */
      samples = (const float *) capture.samples->data;
      reference = (const float *) expected->data;
      start = capture.first - 1;
      g_assert_cmpuint (start + expected->len, <=, capture.samples->len);
      for (gsize i = 0; i < expected->len; i++)
        g_assert_cmpfloat_with_epsilon (samples[start + i], reference[i], 1.0 / 32767);
      /* And then silence again. */
      g_assert_cmpfloat (peak_of (samples + start + expected->len,
                                  capture.samples->len - start - expected->len), ==, 0.0f);
    }
}

static void
test_volume (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  g_auto(Capture) full = { 0 };
  g_auto(Capture) half = { 0 };
  g_auto(Capture) silent = { 0 };
  double value = -1;

  g_assert_cmpfloat (coach_cue_player_get_volume (player), ==, 1.0);
  play_and_capture (player, COACH_CUE_START, &full);

  coach_cue_player_set_volume (player, 0.5);
  g_object_get (player, "volume", &value, NULL);
  g_assert_cmpfloat (value, ==, 0.5);
  play_and_capture (player, COACH_CUE_START, &half);

  g_object_set (player, "volume", 0.0, NULL);
  g_assert_cmpfloat (coach_cue_player_get_volume (player), ==, 0.0);
  play_and_capture (player, COACH_CUE_START, &silent);

  g_test_message ("peak at volume 1.0: %.4f, 0.5: %.4f, 0.0: %.4f",
                  capture_peak (&full), capture_peak (&half), capture_peak (&silent));
  g_assert_cmpfloat_with_epsilon (capture_peak (&full), CUE_PEAK, 0.001);
  g_assert_cmpfloat_with_epsilon (capture_peak (&half) / capture_peak (&full), 0.5, 0.005);
  g_assert_cmpfloat (capture_peak (&silent), ==, 0.0f);

  /* The setter keeps to the property's range. */
  coach_cue_player_set_volume (player, 1.5);
  g_assert_cmpfloat (coach_cue_player_get_volume (player), ==, 1.0);
  coach_cue_player_set_volume (player, -1);
  g_assert_cmpfloat (coach_cue_player_get_volume (player), ==, 0.0);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Only reported: tests assert behaviour, not speed. */
static void
test_latency (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  gint64 latencies[9];

  for (guint i = 0; i < G_N_ELEMENTS (latencies); i++)
    {
      g_auto(Capture) capture = { 0 };
      g_auto(Capture) rest = { 0 };
      g_autoptr(GError) error = NULL;
      gint64 before;

      /* Start at different points of the 10 ms chunk the stream is in. */
      g_usleep (1000 * (i + 1));
      drain (sink);
      before = g_get_monotonic_time ();
      g_assert_true (coach_cue_player_play (player, COACH_CUE_TICK, &error));
      g_assert_no_error (error);
      capture_run (sink, 0, TRUE, &capture);
      latencies[i] = capture.first_sound_us - before;
      capture_run (sink, cue_seconds[COACH_CUE_TICK] * RATE, FALSE, &rest);
    }

  qsort (latencies, G_N_ELEMENTS (latencies), sizeof latencies[0], compare_times);
  g_test_message ("play to first sound at the appsink over %u cues: min %.1f ms, "
                  "median %.1f ms, max %.1f ms", (guint) G_N_ELEMENTS (latencies),
                  latencies[0] / 1000.0, latencies[G_N_ELEMENTS (latencies) / 2] / 1000.0,
                  latencies[G_N_ELEMENTS (latencies) - 1] / 1000.0);
}


/* The first sounding sample at or after from, after at least a chunk of silence. */
static gsize
onset_after (Capture *capture,
             gsize    from)
{
  const float *samples = (const float *) capture->samples->data;
  gsize silent = 0;

  for (gsize i = from; i < capture->samples->len; i++)
    {
      if (samples[i] == 0.0f)
        {
          silent++;
          continue;
        }
      if (silent >= RATE / 100)
        return i;
      silent = 0;
    }

  g_assert_not_reached ();
}

/* Cues played ahead of their time sound on their own sample, also through the long buffers of
 * relaxed streaming; the ones taken back, or dropped with the cues turned off, never sound;
 * one already late sounds at once. */
static void
test_play_at (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  /* Not a whole number of chunks or samples apart. */
  const gint64 spacing = 400517;
  const double expected = (double) spacing * RATE / G_USEC_PER_SEC;

  for (guint relaxed = 0; relaxed <= 1; relaxed++)
    {
      g_auto(Capture) capture = { 0 };
      g_autoptr(GError) error = NULL;
      gint64 due = g_get_monotonic_time () + 300 * 1000;
      gsize first, second;

      coach_cue_player_set_relaxed (player, relaxed);
      drain (sink);
      g_assert_true (coach_cue_player_play_at (player, COACH_CUE_TICK, due + spacing, &error));
      g_assert_true (coach_cue_player_play_at (player, COACH_CUE_START, due, &error));
      g_assert_no_error (error);
      capture_run (sink, (0.3 + 0.4 + cue_seconds[COACH_CUE_TICK] + TAIL_SECONDS) * RATE, FALSE,
                   &capture);

      /* The start tone first, though asked for second; the tick after it by exactly the
       * spacing, to the sample its rounding allows. */
      first = onset_after (&capture, 0);
      second = onset_after (&capture, first + cue_seconds[COACH_CUE_START] * RATE);
      g_test_message ("%s: start heard %.1f ms into the capture, the tick %.2f samples after "
                      "it (%.2f asked for)", relaxed ? "relaxed" : "quick",
                      (double) first * 1000 / RATE, (double) (second - first), expected);
      g_assert_cmpfloat (fabs ((double) (second - first) - expected), <=, 2.0);
      /* Nothing before the start tone: it waited for its time. */
      g_assert_cmpuint (first, >, RATE / 10);
      g_assert_cmpfloat_with_epsilon ((double) (capture.last - second + 3) / RATE,
                                      cue_seconds[COACH_CUE_TICK], 0.001);
    }

  coach_cue_player_set_relaxed (player, FALSE);

  /* Taken back, or dropped with the cues turned off: silence. */
  {
    g_auto(Capture) capture = { 0 };
    g_autoptr(GError) error = NULL;
    gint64 due = g_get_monotonic_time () + 200 * 1000;

    drain (sink);
    g_assert_true (coach_cue_player_play_at (player, COACH_CUE_FINISH, due, &error));
    coach_cue_player_cancel_scheduled (player);
    g_assert_true (coach_cue_player_play_at (player, COACH_CUE_START, due + 100 * 1000, &error));
    coach_cue_player_set_cues_enabled (player, FALSE);
    /* Off, nothing is scheduled either. */
    g_assert_true (coach_cue_player_play_at (player, COACH_CUE_TICK, due, &error));
    coach_cue_player_set_cues_enabled (player, TRUE);
    g_assert_no_error (error);
    capture_run (sink, RATE / 2, FALSE, &capture);
    g_assert_cmpfloat (capture_peak (&capture), ==, 0.0f);
  }

  /* Late: at once, whole. */
  {
    g_auto(Capture) capture = { 0 };
    g_autoptr(GError) error = NULL;

    drain (sink);
    g_assert_true (coach_cue_player_play_at (player, COACH_CUE_TICK, g_get_monotonic_time () - G_USEC_PER_SEC, &error));
    g_assert_no_error (error);
    capture_run (sink, (cue_seconds[COACH_CUE_TICK] + TAIL_SECONDS) * RATE, FALSE, &capture);
    g_assert_cmpint (capture.first_sound_us, >, 0);
    g_assert_cmpuint (capture.first, <, RATE / 10);
    g_assert_cmpfloat_with_epsilon (capture_seconds (&capture), cue_seconds[COACH_CUE_TICK], 0.001);
  }
}

/* A cue asked for while another sounds is mixed in at once, not queued behind it. */
static void
test_overlap (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  g_auto(Capture) capture = { 0 };
  const float *samples;
  gsize tick_start = 0;
  double tick_seconds;

  g_timeout_add (300, play_tick, player);
  play_and_capture (player, COACH_CUE_FINISH, &capture);
  samples = (const float *) capture.samples->data;

  /* Queued, the tick would have made it 1.32 s. */
  g_test_message ("finish with a tick asked for 300 ms in: %.4f s, peak %.4f",
                  capture_seconds (&capture), capture_peak (&capture));
  g_assert_cmpfloat_with_epsilon (capture_seconds (&capture), cue_seconds[COACH_CUE_FINISH],
                                  0.001);

  /* The chime alone never goes past CUE_PEAK: louder samples are the tick. */
  for (gsize i = capture.first; i <= capture.last && tick_start == 0; i++)
    if (fabsf (samples[i]) > CUE_PEAK * 1.02)
      tick_start = i;
  g_assert_cmpuint (tick_start, >, 0);
  tick_seconds = (double) (tick_start - capture.first) / RATE;
  g_test_message ("tick heard %.3f s into the chime", tick_seconds);
  g_assert_cmpfloat (tick_seconds, >, 0.25);
  g_assert_cmpfloat (tick_seconds, <, 0.3 + cue_seconds[COACH_CUE_TICK]);
  g_assert_cmpfloat (capture_peak (&capture), <=, 1.0f);
}

static void
test_missing_element (void)
{
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new ("nosuchsinkelement");
  g_autoptr(GError) error = NULL;

  g_assert_false (coach_cue_player_prepare (player, &error));
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "nosuchsinkelement"));
  g_clear_error (&error);

  g_assert_false (coach_cue_player_play (player, COACH_CUE_START, &error));
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT);
  g_assert_null (coach_cue_player_get_sink (player));
  g_assert_false (coach_cue_player_play (player, COACH_CUE_TICK, NULL));

  coach_cue_player_set_volume (player, 0.3);
  g_assert_cmpfloat (coach_cue_player_get_volume (player), ==, 0.3);
}

/* Whether this machine has a sound device or not, the default sink either prepares (in
 * silence: nothing is played here) or says there is no device. */
static void
test_default_sink (void)
{
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (NULL);
  g_autoptr(GError) error = NULL;

  if (coach_cue_player_prepare (player, &error))
    {
      g_test_message ("default sink: %s", GST_OBJECT_NAME (coach_cue_player_get_sink (player)));
      g_assert_nonnull (coach_cue_player_get_sink (player));
    }
  else
    {
      g_test_message ("default sink: %s", error->message);
      g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_NO_DEVICE);
      g_assert_null (coach_cue_player_get_sink (player));
      g_clear_error (&error);
      g_assert_false (coach_cue_player_play (player, COACH_CUE_TICK, &error));
      g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_NO_DEVICE);
    }
}

static void
on_error_copy (CoachCuePlayer *player,
               const GError   *error,
               gpointer        user_data)
{
  GError **received = user_data;

  g_assert_null (*received);
  *received = g_error_copy (error);
}

static void
on_error_unref (CoachCuePlayer *player,
                const GError   *error,
                gpointer        user_data)
{
  GError **received = user_data;

  *received = g_error_copy (error);
  g_object_unref (player);
}

/* Posts an error on the bus as a failing sink would, and waits for the player to report it. */
static void
fail_sink (CoachCuePlayer  *player,
           GQuark           domain,
           int              code,
           GError         **received)
{
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(GError) failure = g_error_new_literal (domain, code, "Simulated failure");
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  gst_element_post_message (sink, gst_message_new_error (GST_OBJECT (sink), failure, "test"));
  while (*received == NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
test_runtime_error (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  CoachCuePlayer *doomed = make_player ();
  g_autoptr(GError) received = NULL;
  g_autoptr(GError) error = NULL;

  /* The device goes away in the middle of a cue. */
  g_signal_connect (player, "error", G_CALLBACK (on_error_copy), &received);
  g_assert_true (coach_cue_player_play (player, COACH_CUE_FINISH, &error));
  g_assert_no_error (error);
  fail_sink (player, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_WRITE, &received);
  g_assert_error (received, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_NO_DEVICE);
  g_test_message ("%s", received->message);

  /* From then on the player is silent and says why. */
  g_assert_false (coach_cue_player_play (player, COACH_CUE_TICK, &error));
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_NO_DEVICE);
  g_clear_error (&error);
  g_assert_false (coach_cue_player_prepare (player, &error));
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_NO_DEVICE);
  g_clear_error (&error);
  coach_cue_player_set_volume (player, 0.2);
  g_clear_error (&received);

  /* Any other failure, and a handler that drops the last reference to the player. */
  g_signal_connect (doomed, "error", G_CALLBACK (on_error_unref), &received);
  fail_sink (doomed, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED, &received);
  g_assert_error (received, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_FAILED);
  g_test_message ("%s", received->message);
}


static char *
render (const char *dir,
        CoachCue    cue)
{
  g_autofree char *name = g_strdup_printf ("cue-%d.wav", cue);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_cue_player_render_wav (cue, path, &error));
  g_assert_no_error (error);

  return path;
}

static GArray *
render_samples (CoachCue cue)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-cue-player-XXXXXX", &error);
  g_autofree char *path = NULL;
  GArray *samples;

  g_assert_no_error (error);
  path = render (dir, cue);
  samples = read_wav (path);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));

  return samples;
}

static void
test_render_wav (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-cue-player-XXXXXX", &error);

  g_assert_no_error (error);

  for (CoachCue cue = 0; cue < COACH_N_CUES; cue++)
    {
      g_autofree char *path = render (dir, cue);
      g_autoptr(GArray) samples = read_wav (path);
      const float *data = (const float *) samples->data;
      float peak = peak_of (data, samples->len);

      g_assert_cmpuint (samples->len, ==, (guint) lround (cue_seconds[cue] * RATE));
      g_assert_cmpfloat_with_epsilon (peak, CUE_PEAK, 0.001);
      g_assert_cmpfloat (data[0], ==, 0.0f);
      g_assert_cmpfloat (data[samples->len - 1], ==, 0.0f);
      g_assert_no_errno (g_remove (path));
    }
  g_assert_no_errno (g_rmdir (dir));

  g_assert_false (coach_cue_player_render_wav (COACH_CUE_TICK, "/nonexistent-dir/cue.wav",
                                               &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}


/* The strongest frequency, to 2 Hz, of the cue's first 100 ms. */
static double
dominant_frequency (const float *samples,
                    gsize        n)
{
  double best = 0, best_power = 0;

  n = MIN (n, RATE / 10);
  for (double f = 200; f <= 2000; f += 2)
    {
      double power = power_at (samples, n, f);

      if (power > best_power)
        {
          best_power = power;
          best = f;
        }
    }

  return best;
}

static void
test_cues_differ (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-cue-player-XXXXXX", &error);
  guint lengths[COACH_N_CUES];
  double frequencies[COACH_N_CUES];

  g_assert_no_error (error);

  for (CoachCue cue = 0; cue < COACH_N_CUES; cue++)
    {
      g_autofree char *path = render (dir, cue);
      g_autoptr(GArray) samples = read_wav (path);

      lengths[cue] = samples->len;
      frequencies[cue] = dominant_frequency ((const float *) samples->data, samples->len);
      g_test_message ("%s: %u samples, starts at %.0f Hz", coach_cue_get_name (cue),
                      lengths[cue], frequencies[cue]);
      /* Mid-range, neither boomy nor shrill. */
      g_assert_cmpfloat (frequencies[cue], >=, 400);
      g_assert_cmpfloat (frequencies[cue], <=, 1000);
      g_assert_no_errno (g_remove (path));

      for (CoachCue other = 0; other < cue; other++)
        {
          g_assert_cmpuint (lengths[cue], !=, lengths[other]);
          g_assert_cmpfloat (fabs (frequencies[cue] - frequencies[other]), >, 50);
        }
    }
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cue-player/names", test_names);
  g_test_add_func ("/cue-player/render-wav", test_render_wav);
  g_test_add_func ("/cue-player/cues-differ", test_cues_differ);
  g_test_add_func ("/cue-player/missing-element", test_missing_element);
  g_test_add_func ("/cue-player/default-sink", test_default_sink);
  g_test_add_func ("/cue-player/cues-play", test_cues_play);
  g_test_add_func ("/cue-player/volume", test_volume);
  g_test_add_func ("/cue-player/latency", test_latency);
  g_test_add_func ("/cue-player/overlap", test_overlap);
  g_test_add_func ("/cue-player/play-at", test_play_at);
  g_test_add_func ("/cue-player/runtime-error", test_runtime_error);

  return g_test_run ();
}
