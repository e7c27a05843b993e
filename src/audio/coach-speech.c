/* coach-speech.c: a spoken instruction rendered ahead of time, and the voice for a language.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speech is rendered whole, before it is needed, by a short pipeline run to its end:
 *
 *   espeak text=… voice=… ! audioconvert ! audioresample ! capsfilter ! appsink
 *
 * into 48 kHz mono float samples, the cue player's own format, so the player only has to mix
 * them in when the step starts: the synthesizer's start-up never delays a step. The silence
 * the synthesizer leaves before and after the words is trimmed so that speech starts at once,
 * and every instruction is brought to the same peak level. */
#define G_LOG_DOMAIN "coach-speech"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/app/app.h>
#include <gst/audio/audio.h>

#include "coach-cue-player.h"
#include "coach-speech-private.h"

#define SAMPLE_RATE COACH_SPEECH_SAMPLE_RATE
/* The level every instruction peaks at: a little under the cues' -6 dBFS, which speech never
 * overlaps, and clear above the pacing beats that may sound under it. */
#define SPEECH_PEAK 0.47                  /* -6.6 dBFS */
/* Samples below this share of the peak count as the synthesizer's silence when trimming. */
#define TRIM_THRESHOLD 0.005              /* -46 dB */
#define LEAD_SAMPLES (SAMPLE_RATE / 1000) /* kept before the first sound: 1 ms */
#define FADE_IN_SAMPLES (SAMPLE_RATE / 500)
#define TAIL_SAMPLES (SAMPLE_RATE / 50)   /* kept after the last sound, fading out: 20 ms */
/* Frames of 10 ms, the player's chunk, tell the pauses between words from the words. */
#define FRAME_SAMPLES (SAMPLE_RATE / 100)
#define QUIET_RMS (0.005 * SPEECH_PEAK)
/* After a cue tone, speech resumes at the start of the sound the tone cut: a word, or a
 * few spoken without a pause, if that is no further back than this. A word cut in two is
 * hard to follow. */
#define MAX_REWIND_SAMPLES SAMPLE_RATE
/* espeak's rate: words per minute above (or, negative, below) its default of 170. A little
 * calmer than conversation, to follow with the hands busy. */
#define SPEECH_RATE (-10)
/* espeak renders a sentence in a few milliseconds; this only stops a hung synthesizer. */
#define RENDER_TIMEOUT_US (30 * G_TIME_SPAN_SECOND)
#define POLL_NS (50 * GST_MSECOND)

struct _CoachSpeech
{
  gatomicrefcount  ref_count;
  char            *text;
  char            *voice;
  float           *samples;
  gsize            n_samples;
  guint8          *quiet;      /* per frame of FRAME_SAMPLES: TRUE between words */
  gsize            n_frames;
};

G_DEFINE_BOXED_TYPE (CoachSpeech, coach_speech, coach_speech_ref, coach_speech_unref)

static CoachSpeech *
coach_speech_new (const char *text,
                  const char *voice)
{
  CoachSpeech *self = g_new0 (CoachSpeech, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strdup (text);
  self->voice = g_strdup (voice);

  return self;
}

CoachSpeech *
coach_speech_ref (CoachSpeech *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/* Thread-safe: the player's streaming thread may drop the last reference. */
void
coach_speech_unref (CoachSpeech *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->text);
  g_free (self->voice);
  g_free (self->samples);
  g_free (self->quiet);
  g_free (self);
}

/**
 * coach_speech_get_text:
 *
 * Returns: the text that was spoken
 */
const char *
coach_speech_get_text (CoachSpeech *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

/**
 * coach_speech_get_voice:
 *
 * Returns: the espeak voice it was spoken in, such as "de"
 */
const char *
coach_speech_get_voice (CoachSpeech *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->voice;
}

/**
 * coach_speech_get_samples:
 * @n_samples: (out): the number of samples
 *
 * Returns: (transfer none) (array length=n_samples): the speech as 48 kHz mono float samples,
 *   from the first sound to the last, starting and ending on a zero sample; %NULL when the
 *   text had nothing to say
 */
const float *
coach_speech_get_samples (CoachSpeech *self,
                          gsize       *n_samples)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_samples != NULL, NULL);

  *n_samples = self->n_samples;

  return self->samples;
}

double
coach_speech_get_duration (CoachSpeech *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return (double) self->n_samples / SAMPLE_RATE;
}

/* Where to go on after a cue tone interrupted the speech at position: the start of the
 * sound it cut (after the last pause, between words or in a stop consonant), or position
 * itself if it fell in a pause or in a stretch too long to repeat. */
gsize
coach_speech_get_resume_point (CoachSpeech *self,
                               gsize        position)
{
  gsize frame;

  g_return_val_if_fail (self != NULL, position);

  if (position == 0 || position >= self->n_samples)
    return position;

  /* The frame that holds the last sample heard. */
  frame = (position - 1) / FRAME_SAMPLES;
  if (self->quiet[frame])
    return position;

  while (frame > 0 && !self->quiet[frame - 1])
    frame--;

  if (position - frame * FRAME_SAMPLES > MAX_REWIND_SAMPLES)
    return position;

  return frame * FRAME_SAMPLES;
}

/* Trims the synthesizer's silence, brings the peak to SPEECH_PEAK, fades the cut ends and
 * marks the pauses between words. */
static void
take_samples (CoachSpeech *self,
              const float *raw,
              gsize        n_raw)
{
  float peak = 0;
  gsize first = 0, last = 0;
  gboolean found = FALSE;
  double gain;

  for (gsize i = 0; i < n_raw; i++)
    peak = MAX (peak, fabsf (raw[i]));

  /* Nothing to say: punctuation alone, for example. */
  if (peak < 1e-4f)
    return;

  for (gsize i = 0; i < n_raw; i++)
    {
      if (fabsf (raw[i]) >= peak * TRIM_THRESHOLD)
        {
          if (!found)
            first = i;
          found = TRUE;
          last = i;
        }
    }

  first = first > LEAD_SAMPLES ? first - LEAD_SAMPLES : 0;
  last = MIN (last + TAIL_SAMPLES, n_raw - 1);
  self->n_samples = last - first + 1;
  self->samples = g_new (float, self->n_samples);

  gain = SPEECH_PEAK / peak;
  for (gsize i = 0; i < self->n_samples; i++)
    {
      double value = raw[first + i] * gain;
      gsize from_end = self->n_samples - 1 - i;

      /* Raised-cosine fades, from and to an exact zero, so neither cut end clicks. */
      if (i < FADE_IN_SAMPLES)
        value *= 0.5 - 0.5 * cos (G_PI * i / FADE_IN_SAMPLES);
      if (from_end < TAIL_SAMPLES)
        value *= 0.5 - 0.5 * cos (G_PI * from_end / TAIL_SAMPLES);

      self->samples[i] = value;
    }

  self->n_frames = (self->n_samples + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
  self->quiet = g_new0 (guint8, self->n_frames);
  for (gsize f = 0; f < self->n_frames; f++)
    {
      gsize start = f * FRAME_SAMPLES;
      gsize n = MIN (FRAME_SAMPLES, self->n_samples - start);
      double sum = 0;

      for (gsize i = 0; i < n; i++)
        sum += (double) self->samples[start + i] * self->samples[start + i];
      self->quiet[f] = sqrt (sum / n) < QUIET_RMS;
    }
}

static void
set_missing_element_error (GError     **error,
                           const char  *element,
                           const char  *speech_element)
{
  if (g_str_equal (element, speech_element))
    g_set_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT,
                 /* Translators: %s is the name of a GStreamer element, “espeak” */
                 _("Spoken guidance is not available because the speech synthesizer “%s” is "
                   "missing. Install the package gstreamer1.0-espeak to hear the instructions. "
                   "The routine continues without spoken guidance."), element);
  else
    g_set_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT,
                 /* Translators: %s is the name of a GStreamer element, such as “audioconvert” */
                 _("Spoken guidance is not available because the sound element “%s” is missing. "
                   "Install the GStreamer base plugins (gstreamer1.0-plugins-base) to hear the "
                   "instructions. The routine continues without spoken guidance."), element);
}

static void
set_failed_error (GError **error)
{
  g_set_error_literal (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_FAILED,
                       _("The speech synthesizer failed, so this instruction is not spoken. "
                         "The routine continues; the instruction is shown on screen."));
}

/* The rendering pipeline. One is kept for the process's life and used by one render at a
 * time: the espeak element holds a reference to itself, so it is never freed, with its
 * buffers; made for each render it would leak half a megabyte each time. */
typedef struct {
  char       *element_name;  /* the synthesizer's factory */
  GstElement *pipeline;
  GstElement *source;
  GstElement *sink;
  char       *voice;         /* as last set: espeak leaks each voice it is given */
} Renderer;

static GMutex renderer_lock;
static Renderer *renderer;

static void
renderer_free (Renderer *self)
{
  g_free (self->element_name);
  g_free (self->voice);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  gst_clear_object (&self->pipeline);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Renderer, renderer_free)

/* Makes the element, or says which package is missing. */
static GstElement *
make_element (GstElement  *pipeline,
              const char  *factory,
              const char  *speech_element,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    {
      set_missing_element_error (error, factory, speech_element);
      return NULL;
    }

  gst_bin_add (GST_BIN (pipeline), element);

  return element;
}

/* Sets a property the speech element may lack: another synthesizer than espeak, in tests. */
static void
set_if_found (GstElement   *element,
              const char   *name,
              const GValue *value)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (element), name) != NULL)
    g_object_set_property (G_OBJECT (element), name, value);
}

static Renderer *
renderer_new (const char  *element_name,
              GError     **error)
{
  static const char * const converters[] = { "audioconvert", "audioresample", "capsfilter" };
  g_autoptr(Renderer) self = g_new0 (Renderer, 1);
  g_autoptr(GstCaps) caps = NULL;
  g_auto(GValue) rate = G_VALUE_INIT;
  GstElement *elements[G_N_ELEMENTS (converters) + 2];
  guint n_elements = G_N_ELEMENTS (elements);
  GstAudioInfo info;

  self->element_name = g_strdup (element_name);
  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("coach-speech"));

  elements[0] = make_element (self->pipeline, element_name, element_name, error);
  if (elements[0] == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (converters); i++)
    {
      elements[i + 1] = make_element (self->pipeline, converters[i], element_name, error);
      if (elements[i + 1] == NULL)
        return NULL;
    }
  elements[n_elements - 1] = make_element (self->pipeline, "appsink", element_name, error);
  if (elements[n_elements - 1] == NULL)
    return NULL;

  for (guint i = 0; i + 1 < n_elements; i++)
    {
      if (!gst_element_link (elements[i], elements[i + 1]))
        {
          g_debug ("Cannot link %s to %s", GST_ELEMENT_NAME (elements[i]),
                   GST_ELEMENT_NAME (elements[i + 1]));
          set_failed_error (error);
          return NULL;
        }
    }

  self->source = elements[0];
  self->sink = elements[n_elements - 1];

  g_value_init (&rate, G_TYPE_INT);
  g_value_set_int (&rate, SPEECH_RATE);
  set_if_found (self->source, "rate", &rate);

  gst_audio_info_init (&info);
  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32, SAMPLE_RATE, 1, NULL);
  caps = gst_audio_info_to_caps (&info);
  g_object_set (elements[n_elements - 2], "caps", caps, NULL);
  /* As fast as the synthesizer goes, and every buffer kept until pulled. */
  g_object_set (self->sink, "sync", FALSE, "max-buffers", 0, NULL);

  return g_steal_pointer (&self);
}

/* Renders text into samples: runs the pipeline until its end, an error, cancellation or
 * time-out, and stops it again. */
static GArray *
renderer_run (Renderer      *self,
              const char    *text,
              const char    *voice,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (self->pipeline);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (float));
  g_auto(GValue) value = G_VALUE_INIT;
  gint64 deadline = g_get_monotonic_time () + RENDER_TIMEOUT_US;
  gboolean done = FALSE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  set_if_found (self->source, "text", &value);
  if (g_strcmp0 (self->voice, voice) != 0)
    {
      g_value_set_string (&value, voice);
      set_if_found (self->source, "voice", &value);
      g_free (self->voice);
      self->voice = g_strdup (voice);
    }

  /* What a run that failed left. */
  gst_bus_set_flushing (bus, TRUE);
  gst_bus_set_flushing (bus, FALSE);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_debug ("The speech pipeline does not start");
      set_failed_error (error);
      return NULL;
    }

  while (!done)
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (GST_APP_SINK (self->sink),
                                                                  POLL_NS);
      g_autoptr(GstMessage) message = NULL;

      if (sample != NULL)
        {
          GstBuffer *buffer = gst_sample_get_buffer (sample);
          GstMapInfo map;

          if (buffer != NULL && gst_buffer_map (buffer, &map, GST_MAP_READ))
            {
              g_array_append_vals (samples, map.data, map.size / sizeof (float));
              gst_buffer_unmap (buffer, &map);
            }
          continue;
        }

      if (gst_app_sink_is_eos (GST_APP_SINK (self->sink)))
        break;

      message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      if (message != NULL)
        {
          g_autoptr(GError) problem = NULL;
          g_autofree char *debug = NULL;

          gst_message_parse_error (message, &problem, &debug);
          g_debug ("Speech pipeline error from %s: %s (%s)", GST_MESSAGE_SRC_NAME (message),
                   problem->message, debug != NULL ? debug : "");
          set_failed_error (error);
          done = TRUE;
        }
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          done = TRUE;
        }
      else if (g_get_monotonic_time () > deadline)
        {
          g_debug ("The speech pipeline did not finish in time");
          set_failed_error (error);
          done = TRUE;
        }
    }

  /* Ready for the next text, whose start the synthesizer renders on the way to PAUSED. */
  gst_element_set_state (self->pipeline, GST_STATE_NULL);

  return done ? NULL : g_steal_pointer (&samples);
}

/**
 * coach_speech_render:
 * @text: what to say
 * @voice: an espeak voice, such as "de" or "en-us"
 * @element: the speech synthesizer element, normally %COACH_SPEECH_ELEMENT
 *
 * Renders @text whole. Blocks for as long as the synthesizer takes (a few milliseconds for a
 * sentence), and while another thread renders, so it runs in a worker thread; @cancellable
 * is checked every 50 ms.
 *
 * Returns: (transfer full): the speech, or %NULL with @error in the COACH_CUE_PLAYER_ERROR
 *   domain (or G_IO_ERROR_CANCELLED)
 */
CoachSpeech *
coach_speech_render (const char    *text,
                     const char    *voice,
                     const char    *element,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(CoachSpeech) speech = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (voice != NULL, NULL);
  g_return_val_if_fail (element != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  speech = coach_speech_new (text, voice);
  locker = g_mutex_locker_new (&renderer_lock);

  /* Only tests ask for another synthesizer, and then for one that is missing. */
  if (renderer == NULL || !g_str_equal (renderer->element_name, element))
    {
      g_autoptr(Renderer) made = renderer_new (element, error);

      if (made == NULL)
        return NULL;
      g_clear_pointer (&renderer, renderer_free);
      renderer = g_steal_pointer (&made);
    }

  /* Nothing to say: the synthesizer would only render silence. */
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return g_steal_pointer (&speech);

  samples = renderer_run (renderer, text, voice, cancellable, error);
  if (samples == NULL)
    return NULL;

  take_samples (speech, (const float *) samples->data, samples->len);
  g_debug ("Rendered “%s” in voice %s: %.2f s", text, voice, coach_speech_get_duration (speech));

  return g_steal_pointer (&speech);
}

/* The voices for the languages Back Coach may speak, by locale. espeak-ng names its voices
 * after the language, so these need no lookup in its list. */
static const char *
voice_for_locale (const char *locale)
{
  g_autofree char *language = g_strdup (locale);
  char *territory;
  char *end;

  /* language[_territory][.codeset][@modifier] */
  end = strpbrk (language, ".@");
  if (end != NULL)
    *end = '\0';
  territory = strchr (language, '_');
  if (territory != NULL)
    *territory++ = '\0';

  if (g_str_equal (language, "de"))
    return "de";
  if (g_str_equal (language, "es"))
    return territory == NULL || g_str_equal (territory, "ES") ? "es" : "es-419";
  if (g_str_equal (language, "en"))
    return territory != NULL && g_str_equal (territory, "US") ? "en-us" : "en";
  /* The untranslated interface is English. */
  if (g_str_equal (language, "C") || g_str_equal (language, "POSIX"))
    return "en";

  return NULL;
}

/**
 * coach_voice_for_languages:
 * @languages: (nullable) (array zero-terminated=1): locale names in order of preference, as
 *   g_get_language_names() returns them, or %NULL for those
 *
 * Picks the espeak voice for the interface language: the first of @languages that Back Coach
 * speaks (German, Spanish or English) decides, so a language the interface falls back past is
 * skipped as gettext skips it. Spanish outside Spain gets the Latin American voice, English in
 * the United States the American one.
 *
 * Returns: an espeak voice name: "de", "es", "es-419", "en" or "en-us"; "en" when no language
 *   matches
 */
const char *
coach_voice_for_languages (const char * const *languages)
{
  if (languages == NULL)
    languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *voice = voice_for_locale (languages[i]);

      if (voice != NULL)
        return voice;
    }

  return "en";
}
