/* test-voice.c: spoken guidance and pacing beats really play through GStreamer, into an appsink.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/app/app.h>
#include <gst/audio/audio.h>

#include "audio-test-util.h"
#include "coach-cue-player.h"


#define CHUNK (RATE / 100)                       /* the mixer's 10 ms chunk */
#define TEST_SINK "appsink name=sink sync=true " \
                  "caps=\"audio/x-raw,format=" GST_AUDIO_NE (F32) ",rate=48000,channels=1\""
#define CUE_PEAK 0.5                             /* -6 dBFS */
#define BEAT_PEAK 0.125                          /* -18 dBFS */
#define EXACT 1e-6                               /* float mixing of one sound is exact */
#define PULL_TIMEOUT_US (10 * G_TIME_SPAN_SECOND) /* the stream has stopped: a bug */

/* Step instructions as the catalog writes them. */
#define TEXT_EN "Left side. Squeeze and roll slowly."
#define TEXT_DE "Linke Seite. Langsam drücken und rollen."
#define TEXT_LONG "Hands on your waist. Glide down to warm up, slowly and gently."

static const char * const german[] = { "de_DE.UTF-8", "de_DE", "de.UTF-8", "de", "C", NULL };
static const char * const english[] = { "en_GB.UTF-8", "en_GB", "en", "C", NULL };

/* Capturing the stream */


/* Pulls n_samples of the stream from the sink, iterating the main context meanwhile so that
 * the player's bus watch and the tests' timeouts run as they would in the app. The capture
 * starts on a buffer, so on one of the mixer's chunks. */
static GArray *
capture (GstElement *sink,
         gsize       n_samples)
{
  gint64 deadline = g_get_monotonic_time () + PULL_TIMEOUT_US;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (float));

  while (samples->len < n_samples)
    {
      g_autoptr(GstSample) sample = NULL;
      GstBuffer *buffer;
      GstMapInfo map;

      while (g_main_context_iteration (NULL, FALSE))
        ;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 5 * GST_MSECOND);
      if (sample == NULL)
        continue;

      buffer = gst_sample_get_buffer (sample);
      g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
      g_assert_cmpuint (map.size, ==, CHUNK * sizeof (float));
      g_array_append_vals (samples, map.data, map.size / sizeof (float));
      gst_buffer_unmap (buffer, &map);
    }

  return samples;
}



/* The first non-zero sample from start on, or G_MAXSIZE. */
static gsize
first_sound (GArray *samples,
             gsize   start)
{
  const float *data = (const float *) samples->data;

  for (gsize i = start; i < samples->len; i++)
    if (data[i] != 0.0f)
      return i;

  return G_MAXSIZE;
}

/* Where the sound that begins with samples starts in the stream: its first sample may be
 * one of a few zeros. */
static gsize
find_start (GArray      *stream,
            const float *samples,
            gsize        n)
{
  gsize lead = 0;
  gsize first = first_sound (stream, 0);

  while (lead < n && samples[lead] == 0.0f)
    lead++;
  g_assert_cmpuint (first, !=, G_MAXSIZE);
  g_assert_cmpuint (first, >=, lead);

  return first - lead;
}

/* The largest difference between the stream from offset and expected. */
static float
difference (GArray      *stream,
            gsize        offset,
            const float *expected,
            gsize        n)
{
  const float *data = (const float *) stream->data;
  float largest = 0;

  g_assert_cmpuint (offset + n, <=, stream->len);
  for (gsize i = 0; i < n; i++)
    largest = MAX (largest, fabsf (data[offset + i] - expected[i]));

  return largest;
}

/* Players and speech */

static CoachCuePlayer *
make_player (void)
{
  CoachCuePlayer *player = coach_cue_player_new (TEST_SINK);
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_cue_player_prepare (player, &error));
  g_assert_no_error (error);
  g_assert_true (GST_IS_APP_SINK (coach_cue_player_get_sink (player)));

  return player;
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + PULL_TIMEOUT_US;

  while (*result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return *result;
}

/* Prepares text in the player's voice, iterating the main loop until it is ready. */
static CoachSpeech *
prepare_speech (CoachCuePlayer  *player,
                const char      *text,
                GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  coach_cue_player_prepare_speech_async (player, text, NULL, on_result, &result);

  return coach_cue_player_prepare_speech_finish (player, wait_for (&result), error);
}

static CoachSpeech *
prepare_speech_ok (CoachCuePlayer *player,
                   const char     *text)
{
  g_autoptr(GError) error = NULL;
  CoachSpeech *speech = prepare_speech (player, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (speech);

  return speech;
}

static const float *
samples_of (CoachSpeech *speech,
            gsize       *n)
{
  const float *samples = coach_speech_get_samples (speech, n);

  g_assert_nonnull (samples);
  g_assert_cmpuint (*n, >, 0);

  return samples;
}

/* The samples of cue as the player mixes them, from its WAV rendering. */
static GArray *
cue_samples (CoachCue cue)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-voice-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GArray) rounded = NULL;
  GArray *samples;

  g_assert_no_error (error);
  path = g_build_filename (dir, "cue.wav", NULL);
  g_assert_true (coach_cue_player_render_wav (cue, path, &error));
  g_assert_no_error (error);
  rounded = read_wav (path);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));

  /* The stream carries the float samples, which the 16-bit file only rounds: find them in
   * the stream of a fresh player. */
  {
    g_autoptr(CoachCuePlayer) player = make_player ();
    GstElement *sink = coach_cue_player_get_sink (player);
    g_autoptr(GArray) stream = NULL;
    gsize start;

    drain (sink);
    g_assert_true (coach_cue_player_play (player, cue, NULL));
    stream = capture (sink, rounded->len + 10 * CHUNK);
    start = first_sound (stream, 0) - 1;
    g_assert_cmpuint (start % CHUNK, ==, 0);
    g_assert_cmpfloat (difference (stream, start, (const float *) rounded->data, rounded->len),
                       <=, 1.0 / 32767);
    samples = g_array_sized_new (FALSE, FALSE, sizeof (float), rounded->len);
    g_array_append_vals (samples, stream->data + start * sizeof (float), rounded->len);
  }

  return samples;
}

/* The offset of the first chunk where the stream is exactly the cue, or G_MAXSIZE. Exactly:
 * nothing else sounds in any of the cue's chunks. */
static gsize
find_cue (GArray *stream,
          GArray *cue)
{
  for (gsize offset = 0; offset + cue->len <= stream->len; offset += CHUNK)
    if (difference (stream, offset, (const float *) cue->data, cue->len) <= EXACT)
      return offset;

  return G_MAXSIZE;
}

/* Tests */

static void
test_languages (void)
{
  static const char * const spanish[] = { "es_ES.UTF-8", "es_ES", "es", "C", NULL };
  static const char * const mexican[] = { "es_MX.UTF-8", "es_MX", "es", "C", NULL };
  static const char * const american[] = { "en_US.UTF-8", "en_US", "en", "C", NULL };
  /* French is not spoken: the interface falls back to German, and so does the voice. */
  static const char * const french_german[] = { "fr_FR", "fr", "de_DE", "de", "C", NULL };
  static const char * const french[] = { "fr_FR.UTF-8", "fr_FR", "fr", "C", NULL };
  static const char * const c_locale[] = { "C", NULL };
  static const char * const empty[] = { NULL };
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (TEST_SINK);
  g_autofree char *voice = NULL;

  g_assert_cmpstr (coach_voice_for_languages (german), ==, "de");
  g_assert_cmpstr (coach_voice_for_languages (english), ==, "en");
  g_assert_cmpstr (coach_voice_for_languages (american), ==, "en-us");
  g_assert_cmpstr (coach_voice_for_languages (spanish), ==, "es");
  g_assert_cmpstr (coach_voice_for_languages (mexican), ==, "es-419");
  g_assert_cmpstr (coach_voice_for_languages (french_german), ==, "de");
  g_assert_cmpstr (coach_voice_for_languages (french), ==, "en");
  g_assert_cmpstr (coach_voice_for_languages (c_locale), ==, "en");
  g_assert_cmpstr (coach_voice_for_languages (empty), ==, "en");
  g_assert_cmpstr (coach_voice_for_languages (NULL), ==,
                   coach_voice_for_languages (g_get_language_names ()));

  /* The player speaks the interface language unless told otherwise. */
  g_assert_cmpstr (coach_cue_player_get_voice (player), ==, coach_voice_for_languages (NULL));
  coach_cue_player_set_voice_language (player, german);
  g_object_get (player, "voice", &voice, NULL);
  g_assert_cmpstr (voice, ==, "de");
  g_object_set (player, "voice", "es", NULL);
  g_assert_cmpstr (coach_cue_player_get_voice (player), ==, "es");
  coach_cue_player_set_voice (player, NULL);
  g_assert_cmpstr (coach_cue_player_get_voice (player), ==, coach_voice_for_languages (NULL));
}

static void
check_speech (CoachSpeech *speech,
              const char  *voice)
{
  const char *text = coach_speech_get_text (speech);
  glong n_chars = g_utf8_strlen (text, -1);
  gsize n;
  const float *samples = samples_of (speech, &n);
  double seconds = coach_speech_get_duration (speech);
  double rms = rms_of (samples, n);
  float peak = peak_of (samples, n);
  double start_rms = rms_of (samples, RATE / 20);

  g_test_message ("“%s” in %s: %.2f s, peak %.3f (%.1f dBFS), RMS %.3f (%.1f dBFS), "
                  "first 50 ms RMS %.4f", text, voice, seconds, peak, 20 * log10 (peak),
                  rms, 20 * log10 (rms), start_rms);
  g_assert_cmpstr (coach_speech_get_voice (speech), ==, voice);
  g_assert_cmpfloat (seconds, ==, (double) n / RATE);
  /* About 160 words a minute: a few characters for every tenth of a second. */
  g_assert_cmpfloat (seconds, >, 0.03 * n_chars);
  g_assert_cmpfloat (seconds, <, 0.15 * n_chars);
  /* Speech-like energy, at the level of the other sounds, never clipping. */
  g_assert_cmpfloat (rms, >, 0.02);
  g_assert_cmpfloat (peak, >=, 0.25);   /* -12 dBFS */
  g_assert_cmpfloat (peak, <=, 0.5);    /* -6 dBFS */
  /* The silence before and after the words is trimmed, and the cut ends fade from and to
   * zero: it speaks at once. */
  g_assert_cmpfloat (samples[0], ==, 0.0f);
  g_assert_cmpfloat (samples[n - 1], ==, 0.0f);
  g_assert_cmpfloat (start_rms, >, 0.005);
  g_assert_cmpfloat (rms_of (samples + n - RATE / 20, RATE / 20), >, 0.001);
}

/* German says “einhundert” where English says “one hundred”: the voices differ by a third
 * in length on this text, while renders in one voice vary by a percent or two (espeak's
 * output is not exactly the same each time). */
#define TEXT_NUMBERS "100 100 100 100 100 100"

static void
test_render (void)
{
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (TEST_SINK);
  g_autoptr(CoachCuePlayer) other = coach_cue_player_new (TEST_SINK);
  g_autoptr(CoachSpeech) en = NULL;
  g_autoptr(CoachSpeech) de = NULL;
  g_autoptr(CoachSpeech) de_again = NULL;
  g_autoptr(CoachSpeech) numbers = NULL;
  g_autoptr(CoachSpeech) numbers_de = NULL;
  g_autoptr(CoachSpeech) numbers_en = NULL;
  double seconds, seconds_de, seconds_en;

  /* Rendering needs no sound device: the player is not even prepared. */
  coach_cue_player_set_voice_language (player, english);
  en = prepare_speech_ok (player, TEXT_EN);
  check_speech (en, "en");

  coach_cue_player_set_voice_language (player, german);
  de = prepare_speech_ok (player, TEXT_DE);
  check_speech (de, "de");

  /* Prepared again, it comes from the player's cache. */
  de_again = prepare_speech_ok (player, TEXT_DE);
  g_assert_true (de_again == de);

  /* The voice follows the language list: like the German voice asked for by name, unlike
   * the English one. */
  numbers = prepare_speech_ok (player, TEXT_NUMBERS);
  coach_cue_player_set_voice (other, "de");
  numbers_de = prepare_speech_ok (other, TEXT_NUMBERS);
  coach_cue_player_set_voice (other, "en");
  numbers_en = prepare_speech_ok (other, TEXT_NUMBERS);
  seconds = coach_speech_get_duration (numbers);
  seconds_de = coach_speech_get_duration (numbers_de);
  seconds_en = coach_speech_get_duration (numbers_en);
  g_test_message ("“%s”: %.2f s for the German locale, %.2f s in the German voice, "
                  "%.2f s in the English voice", TEXT_NUMBERS, seconds, seconds_de, seconds_en);
  g_assert_cmpfloat (fabs (seconds / seconds_de - 1), <, 0.05);
  g_assert_cmpfloat (seconds / seconds_en, >, 1.2);
}

static void
test_nothing_to_say (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(CoachSpeech) speech = prepare_speech_ok (player, "  ");
  g_autoptr(GArray) stream = NULL;
  gsize n = 1;

  g_assert_null (coach_speech_get_samples (speech, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpfloat (coach_speech_get_duration (speech), ==, 0.0);

  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  stream = capture (sink, RATE / 5);
  g_assert_cmpfloat (peak_of ((const float *) stream->data, stream->len), ==, 0.0f);
}

/* Spoken, the speech reaches the sink whole, from the next chunk on, then silence. */
static void
test_speak (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(CoachSpeech) speech = prepare_speech_ok (player, TEXT_EN);
  g_autoptr(GArray) stream = NULL;
  g_autoptr(GError) error = NULL;
  const float *samples;
  gsize n, start;

  samples = samples_of (speech, &n);
  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, &error));
  g_assert_no_error (error);
  stream = capture (sink, n + RATE / 2);

  start = find_start (stream, samples, n);
  g_test_message ("speech starts %.0f ms into the stream after speak()",
                  (double) start * 1000 / RATE);
  g_assert_cmpuint (start % CHUNK, ==, 0);
  g_assert_cmpfloat (difference (stream, start, samples, n), <=, EXACT);
  g_assert_cmpuint (first_sound (stream, start + n), ==, G_MAXSIZE);
}

/* A step starts with its cue and its instruction at once: the speech waits for the cue. */
static void
test_speech_waits_for_cue (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(CoachSpeech) speech = prepare_speech_ok (player, TEXT_EN);
  g_autoptr(GArray) cue = cue_samples (COACH_CUE_START);
  g_autoptr(GArray) stream = NULL;
  const float *samples;
  gsize n, start;

  samples = samples_of (speech, &n);
  drain (sink);
  /* The cue first: were a chunk mixed between the calls, the speech would not start first. */
  g_assert_true (coach_cue_player_play (player, COACH_CUE_START, NULL));
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  stream = capture (sink, cue->len + n + RATE / 2);

  start = find_cue (stream, cue);
  g_assert_cmpuint (start, !=, G_MAXSIZE);
  g_assert_cmpuint (first_sound (stream, 0), ==, start + 1);
  /* The speech starts in the chunk after the cue's last, whole. */
  g_assert_cmpfloat (difference (stream, start + cue->len, samples, n), <=, EXACT);
  g_assert_cmpuint (first_sound (stream, start + cue->len + n), ==, G_MAXSIZE);
}


/* A cue tone during speech pauses it; it goes on after the tone from the start of the words
 * the tone cut, at most a second back. No chunk carries both: the tone's chunks hold the
 * tone alone, exactly. */
static void
test_cue_pauses_speech (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(CoachSpeech) speech = prepare_speech_ok (player, TEXT_LONG);
  g_autoptr(GArray) tick = cue_samples (COACH_CUE_TICK);
  g_autoptr(GArray) stream = NULL;
  const float *samples;
  gsize n, start, tick_start, tick_end, paused_at, resumed_from = G_MAXSIZE, rest;

  samples = samples_of (speech, &n);
  g_assert_cmpfloat (coach_speech_get_duration (speech), >, 2.0);
  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  g_timeout_add (1000, play_tick, player);
  stream = capture (sink, n + RATE + RATE / 5);

  start = find_start (stream, samples, n);
  tick_start = find_cue (stream, tick);
  g_assert_cmpuint (tick_start, !=, G_MAXSIZE);
  g_assert_cmpuint (tick_start, >, start);
  tick_end = tick_start + tick->len;
  paused_at = tick_start - start;
  g_assert_cmpuint (paused_at, <, n);

  /* Up to the tone, the speech as rendered. */
  g_assert_cmpfloat (difference (stream, start, samples, paused_at), <=, EXACT);

  /* After it, the speech from a chunk at most a second back, past its 5 ms fade-in. */
  for (gsize from = paused_at - paused_at % CHUNK; from + RATE >= paused_at; from -= CHUNK)
    {
      if (difference (stream, tick_end + CHUNK / 2, samples + from + CHUNK / 2, CHUNK) <= EXACT)
        {
          resumed_from = from;
          break;
        }
      if (from == 0)
        break;
    }
  g_assert_cmpuint (resumed_from, !=, G_MAXSIZE);
  g_test_message ("tick %.3f s into the speech; it resumes %.3f s further back",
                  (double) paused_at / RATE, (double) (paused_at - resumed_from) / RATE);

  /* Then on to its end, and silence. */
  rest = n - resumed_from - CHUNK / 2;
  g_assert_cmpfloat (difference (stream, tick_end + CHUNK / 2, samples + resumed_from + CHUNK / 2,
                                 rest), <=, EXACT);
  g_assert_cmpuint (first_sound (stream, tick_end + CHUNK / 2 + rest), ==, G_MAXSIZE);
}

static gboolean
play_ticks (gpointer user_data)
{
  guint *left = g_object_get_data (user_data, "ticks-left");

  play_tick (user_data);
  return --(*left) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

#define TICKS_MS 700

/* Ticks in quick succession, as in a countdown, over words that run longer: each tick pauses
 * the speech, but it never goes back behind where it last resumed, so the sentence moves on. */
static void
test_countdown_over_speech (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(CoachSpeech) speech = prepare_speech_ok (player, TEXT_LONG);
  g_autoptr(GArray) tick = cue_samples (COACH_CUE_TICK);
  g_autoptr(GArray) stream = NULL;
  const float *samples;
  guint ticks = 3;
  gsize n, tail, late, found = G_MAXSIZE;

  samples = samples_of (speech, &n);
  g_assert_cmpfloat (coach_speech_get_duration (speech), >, 2.0);
  g_object_set_data (G_OBJECT (player), "ticks-left", &ticks);
  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  g_timeout_add (TICKS_MS, play_ticks, player);
  /* The words, three ticks, and at most three rewinds of a second each. */
  stream = capture (sink, n + 3 * tick->len + 3 * RATE + RATE / 2);
  g_assert_cmpuint (ticks, ==, 0);

  /* The sentence's last 50 ms is heard, as rendered (a chunk may split it anywhere). */
  tail = n - RATE / 20;
  for (gsize offset = 0; offset + (n - tail) <= stream->len && found == G_MAXSIZE; offset++)
    if (difference (stream, offset, samples + tail, n - tail) <= EXACT)
      found = offset;
  g_assert_cmpuint (found, !=, G_MAXSIZE);
  g_assert_cmpuint (first_sound (stream, found + (n - tail)), ==, G_MAXSIZE);
  late = found + (n - tail) - find_start (stream, samples, n) - n;
  g_test_message ("the words end %.3f s later than without ticks", (double) late / RATE);
  /* The three tones, and one rewind of at most a second: later ticks do not go back again. */
  g_assert_cmpuint (late, <=, 3 * tick->len + RATE + RATE / 10);
}

typedef struct {
  CoachCuePlayer *player;
  CoachSpeech    *speech;
} SpeakLater;

static gboolean
speak_later (gpointer user_data)
{
  SpeakLater *later = user_data;

  g_assert_true (coach_cue_player_speak (later->player, later->speech, NULL));

  return G_SOURCE_REMOVE;
}

static gboolean
voice_off (gpointer user_data)
{
  coach_cue_player_set_voice_enabled (user_data, FALSE);

  return G_SOURCE_REMOVE;
}

static gboolean
stop_speech (gpointer user_data)
{
  coach_cue_player_stop_speech (user_data);

  return G_SOURCE_REMOVE;
}

/* The next step's instruction replaces the one still being spoken. */
static void
test_speech_replaced (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(CoachSpeech) first = prepare_speech_ok (player, TEXT_LONG);
  g_autoptr(CoachSpeech) second = prepare_speech_ok (player, TEXT_EN);
  g_autoptr(GArray) stream = NULL;
  SpeakLater later = { player, second };
  const float *samples;
  gsize n, n_first, start, replaced = G_MAXSIZE;

  samples_of (first, &n_first);
  samples = samples_of (second, &n);
  drain (sink);
  g_assert_true (coach_cue_player_speak (player, first, NULL));
  g_timeout_add (500, speak_later, &later);
  stream = capture (sink, RATE + n + RATE / 2);

  /* The second speech from its second chunk on (the first fades out under its first chunk),
   * to its end, and nothing after: the first is gone. */
  samples = samples_of (first, &n_first);
  start = find_start (stream, samples, n_first);
  samples = samples_of (second, &n);
  for (gsize offset = start + CHUNK; offset + n <= stream->len; offset += CHUNK)
    if (difference (stream, offset + CHUNK, samples + CHUNK, n - CHUNK) <= EXACT)
      {
        replaced = offset;
        break;
      }
  g_assert_cmpuint (replaced, !=, G_MAXSIZE);
  g_test_message ("replaced %.2f s into the first speech", (double) (replaced - start) / RATE);
  g_assert_cmpuint (replaced - start, <, n_first);
  g_assert_cmpuint (first_sound (stream, replaced + n), ==, G_MAXSIZE);
}

/* The last sounding sample after start, or start if none. */
static gsize
last_sound (GArray *stream,
            gsize   start)
{
  const float *data = (const float *) stream->data;
  gsize last = start;

  for (gsize i = start; i < stream->len; i++)
    if (data[i] != 0.0f)
      last = i;

  return last;
}

static void
test_voice_preference (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(CoachSpeech) speech = prepare_speech_ok (player, TEXT_LONG);
  g_autoptr(GArray) cut = NULL;
  g_autoptr(GArray) stopped = NULL;
  g_autoptr(GArray) silent = NULL;
  g_autoptr(GArray) again = NULL;
  gboolean enabled = TRUE;
  const float *samples;
  gsize n, start;

  samples = samples_of (speech, &n);

  /* Turned off while it speaks, the speech ends within a chunk. */
  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  g_timeout_add (400, voice_off, player);
  cut = capture (sink, RATE + RATE / 2);
  g_object_get (player, "voice-enabled", &enabled, NULL);
  g_assert_false (enabled);
  start = find_start (cut, samples, n);
  g_test_message ("voice turned off: speech heard for %.2f s of %.2f s",
                  (double) (last_sound (cut, start) - start) / RATE, (double) n / RATE);
  g_assert_cmpuint (last_sound (cut, start) - start, <, RATE);

  /* Off, speaking does nothing. */
  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  silent = capture (sink, RATE / 2);
  g_assert_cmpfloat (peak_of ((const float *) silent->data, silent->len), ==, 0.0f);

  /* On again, it speaks; stopped, it ends within a chunk. */
  g_object_set (player, "voice-enabled", TRUE, NULL);
  g_assert_true (coach_cue_player_get_voice_enabled (player));
  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  g_timeout_add (400, stop_speech, player);
  stopped = capture (sink, RATE + RATE / 2);
  start = find_start (stopped, samples, n);
  g_assert_cmpfloat (difference (stopped, start, samples, RATE / 5), <=, EXACT);
  g_assert_cmpuint (last_sound (stopped, start) - start, <, RATE);

  drain (sink);
  g_assert_true (coach_cue_player_speak (player, speech, NULL));
  again = capture (sink, n + RATE / 2);
  start = find_start (again, samples, n);
  g_assert_cmpfloat (difference (again, start, samples, n), <=, EXACT);
}

static gboolean
cues_off (gpointer user_data)
{
  coach_cue_player_set_cues_enabled (user_data, FALSE);

  return G_SOURCE_REMOVE;
}

static void
test_cue_preference (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(GArray) chime = cue_samples (COACH_CUE_FINISH);
  g_autoptr(GArray) tick = cue_samples (COACH_CUE_TICK);
  g_autoptr(GArray) cut = NULL;
  g_autoptr(GArray) silent = NULL;
  g_autoptr(GArray) again = NULL;
  gsize start;

  /* Turned off while the chime rings, it ends within a chunk. */
  drain (sink);
  g_assert_true (coach_cue_player_play (player, COACH_CUE_FINISH, NULL));
  g_timeout_add (300, cues_off, player);
  cut = capture (sink, chime->len + RATE / 2);
  start = first_sound (cut, 0) - 1;
  g_assert_false (coach_cue_player_get_cues_enabled (player));
  g_test_message ("cues turned off: chime heard for %.2f s of %.2f s",
                  (double) (last_sound (cut, start) - start) / RATE, (double) chime->len / RATE);
  g_assert_cmpuint (last_sound (cut, start) - start, <, chime->len - RATE / 2);

  /* Off, cues are ignored without an error. */
  drain (sink);
  g_assert_true (coach_cue_player_play (player, COACH_CUE_TICK, NULL));
  silent = capture (sink, RATE / 2);
  g_assert_cmpfloat (peak_of ((const float *) silent->data, silent->len), ==, 0.0f);

  g_object_set (player, "cues-enabled", TRUE, NULL);
  drain (sink);
  g_assert_true (coach_cue_player_play (player, COACH_CUE_TICK, NULL));
  again = capture (sink, tick->len + RATE / 2);
  g_assert_cmpuint (find_cue (again, tick), !=, G_MAXSIZE);
}

/* The onsets of beats: a sounding sample after at least a chunk of silence. */
static GArray *
find_onsets (GArray *stream)
{
  const float *data = (const float *) stream->data;
  GArray *onsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize silent = CHUNK;

  for (gsize i = 0; i < stream->len; i++)
    {
      if (data[i] == 0.0f)
        {
          silent++;
          continue;
        }
      if (silent >= CHUNK)
        g_array_append_val (onsets, i);
      silent = 0;
    }

  return onsets;
}

static void
check_beats (GArray *stream,
             gsize   spacing,
             guint   min_beats)
{
  g_autoptr(GArray) onsets = find_onsets (stream);
  const gsize *at = (const gsize *) onsets->data;

  g_assert_cmpuint (onsets->len, >=, min_beats);
  /* The grid starts on a chunk: the beat's first sample is a zero. */
  g_assert_cmpuint ((at[0] - 1) % CHUNK, ==, 0);
  for (guint i = 1; i < onsets->len; i++)
    g_assert_cmpuint (at[i] - at[i - 1], ==, spacing);
}

static gboolean
pacing_off (gpointer user_data)
{
  coach_cue_player_set_pacing_enabled (user_data, FALSE);

  return G_SOURCE_REMOVE;
}

static void
test_pacing (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(GArray) slow = NULL;
  g_autoptr(GArray) fast = NULL;
  g_autoptr(GArray) odd = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) onsets = NULL;
  double value = -1;
  float peak;

  g_assert_cmpfloat (coach_cue_player_get_pacing (player), ==, 0.0);

  /* 60 a minute: a beat every 48000 samples, exactly, from now on. */
  drain (sink);
  coach_cue_player_set_pacing (player, 60);
  slow = capture (sink, 2 * RATE + RATE / 5);
  check_beats (slow, RATE, 3);
  peak = peak_of ((const float *) slow->data, slow->len);
  g_test_message ("beat peak %.4f (%.1f dBFS)", peak, 20 * log10 (peak));
  g_assert_cmpfloat_with_epsilon (peak, BEAT_PEAK, 0.01);
  g_assert_cmpfloat (peak, <, CUE_PEAK / 2);

  /* A new tempo restarts the grid. */
  drain (sink);
  g_object_set (player, "pacing", 120.0, NULL);
  g_object_get (player, "pacing", &value, NULL);
  g_assert_cmpfloat (value, ==, 120.0);
  fast = capture (sink, RATE + RATE / 5);
  check_beats (fast, RATE / 2, 3);

  /* A tempo that does not divide the sample rate still places each beat on its nearest
   * sample, without drifting: 72 a minute is 40000 samples, 70 is 41142.857. */
  drain (sink);
  coach_cue_player_set_pacing (player, 70);
  odd = capture (sink, 2 * RATE);
  onsets = find_onsets (odd);
  g_assert_cmpuint (onsets->len, >=, 3);
  for (guint i = 1; i < onsets->len; i++)
    {
      gsize expected = llround (i * 60.0 * RATE / 70) - llround ((i - 1) * 60.0 * RATE / 70);

      g_assert_cmpuint (g_array_index (onsets, gsize, i) - g_array_index (onsets, gsize, i - 1),
                        ==, expected);
    }

  /* Off, silence within a chunk. */
  coach_cue_player_set_pacing (player, 0);
  g_array_unref (capture (sink, CHUNK * 10));
  drain (sink);
  none = capture (sink, RATE / 2);
  g_assert_cmpfloat (peak_of ((const float *) none->data, none->len), ==, 0.0f);
}

static void
test_pacing_preference (void)
{
  g_autoptr(CoachCuePlayer) player = make_player ();
  GstElement *sink = coach_cue_player_get_sink (player);
  g_autoptr(GArray) silent = NULL;
  g_autoptr(GArray) beats = NULL;
  g_autoptr(GArray) cut = NULL;
  g_autoptr(GArray) onsets = NULL;

  /* Off, a tempo plays nothing. */
  g_object_set (player, "pacing-enabled", FALSE, NULL);
  drain (sink);
  coach_cue_player_set_pacing (player, 60);
  silent = capture (sink, RATE + RATE / 5);
  g_assert_cmpfloat (peak_of ((const float *) silent->data, silent->len), ==, 0.0f);

  /* On again, beats start from now at the tempo set. */
  drain (sink);
  coach_cue_player_set_pacing_enabled (player, TRUE);
  g_assert_true (coach_cue_player_get_pacing_enabled (player));
  beats = capture (sink, 2 * RATE + RATE / 5);
  check_beats (beats, RATE, 2);

  /* Turned off, no beat after that. */
  drain (sink);
  g_timeout_add (200, pacing_off, player);
  cut = capture (sink, RATE + RATE / 2);
  onsets = find_onsets (cut);
  g_assert_cmpuint (onsets->len, <=, 1);
}

/* The speech synthesizer is missing: speech fails once with a clear error, and at once from
 * then on, while cues play on. */
static void
test_missing_synthesizer (void)
{
  g_autoptr(CoachCuePlayer) player = g_object_new (COACH_TYPE_CUE_PLAYER,
                                                   "sink-description", TEST_SINK,
                                                   "speech-element", "nosuchspeechsynth",
                                                   NULL);
  g_autoptr(GArray) tick = cue_samples (COACH_CUE_TICK);
  g_autoptr(GArray) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSpeech) speech = NULL;
  g_autofree char *element = NULL;
  GstElement *sink;

  g_object_get (player, "speech-element", &element, NULL);
  g_assert_cmpstr (element, ==, "nosuchspeechsynth");
  g_assert_true (coach_cue_player_prepare (player, &error));
  g_assert_no_error (error);

  speech = prepare_speech (player, TEXT_EN, &error);
  g_assert_null (speech);
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "gstreamer1.0-espeak"));
  g_assert_nonnull (strstr (error->message, "nosuchspeechsynth"));
  g_clear_error (&error);

  speech = prepare_speech (player, TEXT_DE, &error);
  g_assert_null (speech);
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT);

  sink = coach_cue_player_get_sink (player);
  drain (sink);
  g_assert_true (coach_cue_player_play (player, COACH_CUE_TICK, NULL));
  stream = capture (sink, tick->len + RATE / 4);
  g_assert_cmpuint (find_cue (stream, tick), !=, G_MAXSIZE);
}

static void
test_prepare_speech_cancelled (void)
{
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (TEST_SINK);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSpeech) speech = NULL;

  g_cancellable_cancel (cancellable);
  coach_cue_player_prepare_speech_async (player, TEXT_EN, cancellable, on_result, &result);
  speech = coach_cue_player_prepare_speech_finish (player, wait_for (&result), &error);
  g_assert_null (speech);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;

  return G_SOURCE_CONTINUE;
}

static void
on_error_count (CoachCuePlayer *player,
                const GError   *error,
                gpointer        user_data)
{
  GError **received = user_data;

  g_assert_null (*received);
  *received = g_error_copy (error);
}

/* Starting the device takes a while (here a slow sink: 300 ms before its first buffer); the
 * main loop goes on meanwhile. */
static void
test_prepare_async (void)
{
  g_autoptr(CoachCuePlayer) player =
    coach_cue_player_new ("identity sleep-time=300000 ! fakesink sync=true");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) third = NULL;
  g_autoptr(GError) error = NULL;
  guint ticks = 0;
  guint id;

  id = g_timeout_add (10, count_tick, &ticks);
  coach_cue_player_prepare_async (player, NULL, on_result, &first);
  coach_cue_player_prepare_async (player, NULL, on_result, &second);
  g_assert_null (coach_cue_player_get_sink (player));
  g_assert_null (first);

  g_assert_true (coach_cue_player_prepare_finish (player, wait_for (&first), &error));
  g_assert_no_error (error);
  g_test_message ("the main loop ran %u times 10 ms while the player started", ticks);
  g_assert_cmpuint (ticks, >=, 2);
  g_assert_true (coach_cue_player_prepare_finish (player, wait_for (&second), &error));
  g_assert_no_error (error);
  g_assert_nonnull (coach_cue_player_get_sink (player));

  /* Once started, at once. */
  coach_cue_player_prepare_async (player, NULL, on_result, &third);
  g_assert_true (coach_cue_player_prepare_finish (player, wait_for (&third), &error));
  g_assert_no_error (error);
  g_source_remove (id);
}

/* The blocking prepare waits for a start under way rather than making a second pipeline. */
static void
test_prepare_sync_during_async (void)
{
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (TEST_SINK);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  coach_cue_player_prepare_async (player, NULL, on_result, &result);
  g_assert_true (coach_cue_player_prepare (player, &error));
  g_assert_no_error (error);
  g_assert_nonnull (coach_cue_player_get_sink (player));
  g_assert_true (coach_cue_player_prepare_finish (player, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* Sound asked for before any prepare starts the player in the background, without blocking:
 * it sounds once the device has started, and a failure comes once, as the "error" signal. */
static void
test_implicit_start (void)
{
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (TEST_SINK);
  g_autoptr(CoachCuePlayer) broken = coach_cue_player_new ("nosuchsinkelement");
  g_autoptr(CoachCuePlayer) asked = coach_cue_player_new ("nosuchsinkelement");
  g_autoptr(GArray) stream = NULL;
  g_autoptr(GArray) onsets = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) received = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + PULL_TIMEOUT_US;

  coach_cue_player_set_pacing (player, 60);
  g_assert_null (coach_cue_player_get_sink (player));
  while (coach_cue_player_get_sink (player) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  stream = capture (coach_cue_player_get_sink (player), 2 * RATE + RATE / 5);
  onsets = find_onsets (stream);
  g_assert_cmpuint (onsets->len, >=, 2);

  g_signal_connect (broken, "error", G_CALLBACK (on_error_count), &received);
  g_assert_true (coach_cue_player_play (broken, COACH_CUE_START, &error));
  g_assert_no_error (error);
  while (received == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_error (received, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT);
  g_assert_false (coach_cue_player_play (broken, COACH_CUE_START, &error));
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT);
  g_clear_error (&error);
  g_clear_error (&received);

  /* Asked for, the failure goes to the caller and not to the signal too. */
  g_signal_connect (asked, "error", G_CALLBACK (on_error_count), &received);
  g_assert_true (coach_cue_player_play (asked, COACH_CUE_START, NULL));
  coach_cue_player_prepare_async (asked, NULL, on_result, &result);
  g_assert_false (coach_cue_player_prepare_finish (asked, wait_for (&result), &error));
  g_assert_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (received);
}



static void
test_render_wav (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-voice-XXXXXX", &error);
  g_autofree char *speech_path = g_build_filename (dir, "speech.wav", NULL);
  g_autofree char *pacing_path = g_build_filename (dir, "pacing.wav", NULL);
  g_autoptr(CoachCuePlayer) player = coach_cue_player_new (TEST_SINK);
  g_autoptr(CoachSpeech) speech = NULL;
  g_autoptr(GArray) written = NULL;
  g_autoptr(GArray) beats = NULL;
  g_autoptr(GArray) onsets = NULL;
  const float *samples;
  double best = 0, best_power = 0;
  gsize n;

  g_assert_no_error (error);

  /* The speech as the player renders it: as long, to the percent or two espeak varies by,
   * at the same level, starting and ending on a zero. */
  g_assert_true (coach_cue_player_render_speech_wav (TEXT_DE, "de", speech_path, &error));
  g_assert_no_error (error);
  coach_cue_player_set_voice (player, "de");
  speech = prepare_speech_ok (player, TEXT_DE);
  samples = samples_of (speech, &n);
  written = read_wav (speech_path);
  g_test_message ("speech WAV: %u samples, peak %.4f; prepared: %zu samples, peak %.4f",
                  written->len, peak_of ((const float *) written->data, written->len),
                  n, peak_of (samples, n));
  g_assert_cmpfloat (fabs ((double) written->len / n - 1), <, 0.05);
  g_assert_cmpfloat_with_epsilon (peak_of ((const float *) written->data, written->len),
                                  peak_of (samples, n), 2.0 / 32767);
  g_assert_cmpfloat (g_array_index (written, float, 0), ==, 0.0f);
  g_assert_cmpfloat (g_array_index (written, float, written->len - 1), ==, 0.0f);

  /* Beats on their samples, soft and low. */
  g_assert_true (coach_cue_player_render_pacing_wav (60, 3.5, pacing_path, &error));
  g_assert_no_error (error);
  beats = read_wav (pacing_path);
  g_assert_cmpuint (beats->len, ==, 3.5 * RATE);
  onsets = find_onsets (beats);
  g_assert_cmpuint (onsets->len, ==, 4);
  /* The first samples of the attack round to zero in 16 bits. */
  g_assert_cmpuint (g_array_index (onsets, gsize, 0), <, 10);
  for (guint i = 1; i < onsets->len; i++)
    g_assert_cmpuint (g_array_index (onsets, gsize, i) - g_array_index (onsets, gsize, i - 1),
                      ==, RATE);
  g_assert_cmpfloat_with_epsilon (peak_of ((const float *) beats->data, beats->len), BEAT_PEAK,
                                  0.01);
  for (double f = 100; f <= 2000; f += 2)
    {
      double power = power_at ((const float *) beats->data, RATE / 10, f);

      if (power > best_power)
        {
          best_power = power;
          best = f;
        }
    }
  g_test_message ("beat at %.0f Hz", best);
  g_assert_cmpfloat (best, >=, 300);
  g_assert_cmpfloat (best, <=, 400);

  g_assert_no_errno (g_remove (speech_path));
  g_assert_no_errno (g_remove (pacing_path));
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/voice/languages", test_languages);
  g_test_add_func ("/voice/render", test_render);
  g_test_add_func ("/voice/render-wav", test_render_wav);
  g_test_add_func ("/voice/nothing-to-say", test_nothing_to_say);
  g_test_add_func ("/voice/speak", test_speak);
  g_test_add_func ("/voice/speech-waits-for-cue", test_speech_waits_for_cue);
  g_test_add_func ("/voice/cue-pauses-speech", test_cue_pauses_speech);
  g_test_add_func ("/voice/countdown-over-speech", test_countdown_over_speech);
  g_test_add_func ("/voice/speech-replaced", test_speech_replaced);
  g_test_add_func ("/voice/voice-preference", test_voice_preference);
  g_test_add_func ("/voice/cue-preference", test_cue_preference);
  g_test_add_func ("/voice/pacing", test_pacing);
  g_test_add_func ("/voice/pacing-preference", test_pacing_preference);
  g_test_add_func ("/voice/missing-synthesizer", test_missing_synthesizer);
  g_test_add_func ("/voice/prepare-speech-cancelled", test_prepare_speech_cancelled);
  g_test_add_func ("/voice/prepare-async", test_prepare_async);
  g_test_add_func ("/voice/prepare-sync-during-async", test_prepare_sync_during_async);
  g_test_add_func ("/voice/implicit-start", test_implicit_start);

  return g_test_run ();
}
