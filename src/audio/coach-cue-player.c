/* coach-cue-player.c: sound cues, spoken guidance and pacing beats played through GStreamer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cues and beats are synthesized once, in code, as 48 kHz mono float samples; spoken
 * instructions are rendered ahead of time in the same format (coach-speech.c). One pipeline,
 *
 *   appsrc ! audioconvert ! audioresample ! volume ! sink
 *
 * is built once and kept playing for the player's life. A small mixer feeds it a continuous
 * stream of 10 ms chunks from the appsrc's need-data callback: silence, with any sounding cues,
 * speech and beats mixed in. The sink paces the stream, so data runs only a chunk or two (plus
 * the device's short buffer) ahead of what is heard, and playing a cue only adds it to the
 * mixer: it sounds from the next chunk on, over any cue still sounding. A stream that stopped
 * between cues would save little and serve audio sinks badly: each restart disturbs their
 * timing, which can clip the start of a cue, and they accept data far ahead once idle, so an
 * overlapping cue would wait for the end of the one before.
 *
 * The mixer's rules, chunk by chunk:
 *   - cue tones start at once, over one another;
 *   - speech never sounds in a chunk where a cue tone does: it waits for the tones to end,
 *     and a tone that starts during speech pauses it, after which it goes on from the start
 *     of the word (or short run of words) the tone cut, which the tone's onset masks;
 *   - pacing beats fall on their exact sample under everything, quieter than the rest.
 *
 * Opening the sound device can take a while, so it happens in a worker thread (prepare_async);
 * rendering speech too. Once the pipeline plays, every call only changes the mixer's state
 * under a lock that the streaming thread holds for microseconds at a time: nothing here
 * blocks the main loop, except coach_cue_player_prepare(), kept for tools and tests. */
#define G_LOG_DOMAIN "coach-cue-player"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/app/app.h>
#include <gst/audio/audio.h>

#include "coach-cue-player.h"
#include "coach-speech-private.h"

#define SAMPLE_RATE COACH_SPEECH_SAMPLE_RATE
#define CHUNK_SAMPLES (SAMPLE_RATE / 100)  /* 10 ms, the usual audio sink period */
/* While nothing sounds and no cue is expected soon, silence goes out in longer buffers: a
 * tenth of the wake-ups, for a cue that would wait up to this long. */
#define IDLE_CHUNK_SAMPLES (SAMPLE_RATE / 10)
#define PEAK_LEVEL 0.5                     /* -6 dBFS */
#define BEAT_PEAK 0.125                    /* -18 dBFS: a metronome under the rest */
#define ATTACK_SECONDS 0.006
#define MAX_FADE_SECONDS 0.04
#define RESUME_FADE_SAMPLES (SAMPLE_RATE / 200)  /* speech resuming mid-word rises over 5 ms */
#define MAX_VOICES 8
/* Cues played ahead of their time: the next few seconds of a session's countdown and ends. */
#define MAX_SCHEDULED 16
#define MAX_BEATS 4
#define MAX_PACING 300.0                   /* beats per minute */
/* Rendered instructions kept for a repeated step or routine: a few megabytes at most. */
#define MAX_CACHED_SPEECH 32
/* Audio sink buffering, in microseconds: small, because a cue waits behind all of it. */
#define SINK_BUFFER_TIME 50000
#define SINK_LATENCY_TIME 10000
#define START_TIMEOUT (2 * GST_SECOND)

/* Sound design */

typedef struct {
  double start;      /* seconds from the start of the cue */
  double length;     /* seconds; the note has faded to silence by its end */
  double frequency;  /* fundamental, Hz */
  double decay;      /* time constant of the fundamental's exponential decay, seconds */
  double gain;       /* loudness relative to the cue's other notes */
} CueNote;

/* A round, marimba-like timbre: the fundamental with two quiet harmonics that die away faster
 * than it does, so notes in the 500-900 Hz range never turn shrill. */
static const struct {
  double ratio;
  double amplitude;
} partials[] = {
  { 1.0, 1.0 },
  { 2.0, 0.28 },
  { 3.0, 0.08 },
};

/* A5: a short, soft tap, higher than every other cue so a countdown stands out. */
static const CueNote tick_notes[] = {
  { 0.00, 0.12, 880.00, 0.030, 1.0 },
};

/* E5: one clear bell. */
static const CueNote start_notes[] = {
  { 0.00, 0.35, 659.26, 0.090, 1.0 },
};

/* G5 then D5, a falling "ding-dong" that asks for a change. */
static const CueNote switch_notes[] = {
  { 0.00, 0.25, 783.99, 0.070, 1.0 },
  { 0.25, 0.25, 587.33, 0.080, 1.0 },
};

/* C5, E5, G5 rising, each left to ring under the next: a gentle chime. */
static const CueNote finish_notes[] = {
  { 0.00, 1.20, 523.25, 0.300, 0.8 },
  { 0.20, 1.00, 659.26, 0.300, 0.8 },
  { 0.40, 0.80, 783.99, 0.350, 1.0 },
};

/* F4: the pacing beat, a short, soft knock well below every cue, like a muffled woodblock. */
static const CueNote beat_notes[] = {
  { 0.00, 0.08, 349.23, 0.020, 1.0 },
};

static const struct {
  const char    *name;
  const CueNote *notes;
  guint          n_notes;
} cue_designs[COACH_N_CUES] = {
  [COACH_CUE_START] = { N_("Step start"), start_notes, G_N_ELEMENTS (start_notes) },
  [COACH_CUE_TICK] = { N_("Countdown tick"), tick_notes, G_N_ELEMENTS (tick_notes) },
  [COACH_CUE_SWITCH_SIDES] = { N_("Switch sides"), switch_notes, G_N_ELEMENTS (switch_notes) },
  [COACH_CUE_FINISH] = { N_("Routine finished"), finish_notes, G_N_ELEMENTS (finish_notes) },
};

typedef struct {
  float *samples;
  gsize  n_samples;
} CueSound;

static gsize
seconds_to_samples (double seconds)
{
  return (gsize) lround (seconds * SAMPLE_RATE);
}

static void
add_note (float         *samples,
          const CueNote *note)
{
  gsize first = seconds_to_samples (note->start);
  gsize n_samples = seconds_to_samples (note->length);
  /* Raised-cosine fades: the attack starts from zero and the release reaches zero exactly on
   * the note's last sample, so neither end clicks. */
  double end = (double) (n_samples - 1) / SAMPLE_RATE;
  double fade = MIN (MAX_FADE_SECONDS, note->length / 4);

  for (gsize i = 0; i < n_samples; i++)
    {
      double t = (double) i / SAMPLE_RATE;
      double envelope = note->gain;
      double value = 0;

      if (t < ATTACK_SECONDS)
        envelope *= 0.5 - 0.5 * cos (G_PI * t / ATTACK_SECONDS);
      if (t > end - fade)
        envelope *= 0.5 + 0.5 * cos (G_PI * (t - (end - fade)) / fade);

      for (guint p = 0; p < G_N_ELEMENTS (partials); p++)
        value += partials[p].amplitude
                 * exp (-t * partials[p].ratio / note->decay)
                 * sin (2 * G_PI * note->frequency * partials[p].ratio * t);

      samples[first + i] += envelope * value;
    }
}

static void
synthesize (const CueNote *notes,
            guint          n_notes,
            double         peak_level,
            CueSound      *sound)
{
  float peak = 0;

  sound->n_samples = 0;
  for (guint i = 0; i < n_notes; i++)
    sound->n_samples = MAX (sound->n_samples, seconds_to_samples (notes[i].start + notes[i].length));

  sound->samples = g_new0 (float, sound->n_samples);
  for (guint i = 0; i < n_notes; i++)
    add_note (sound->samples, &notes[i]);

  for (gsize i = 0; i < sound->n_samples; i++)
    peak = MAX (peak, fabsf (sound->samples[i]));
  for (gsize i = 0; i < sound->n_samples; i++)
    sound->samples[i] *= peak_level / peak;
}

/* The samples are made on first use and then shared by every player for the process's life. */
static const CueSound *
get_cue_sound (CoachCue cue)
{
  static CueSound sounds[COACH_N_CUES];
  static gsize synthesized = 0;

  if (g_once_init_enter (&synthesized))
    {
      for (CoachCue c = 0; c < COACH_N_CUES; c++)
        synthesize (cue_designs[c].notes, cue_designs[c].n_notes, PEAK_LEVEL, &sounds[c]);
      g_once_init_leave (&synthesized, 1);
    }

  return &sounds[cue];
}

static const CueSound *
get_beat_sound (void)
{
  static CueSound sound;
  static gsize synthesized = 0;

  if (g_once_init_enter (&synthesized))
    {
      synthesize (beat_notes, G_N_ELEMENTS (beat_notes), BEAT_PEAK, &sound);
      g_once_init_leave (&synthesized, 1);
    }

  return &sound;
}

/* The player */

typedef struct {
  const float *samples;
  gsize        n_samples;
  /* The sound's sample at the chunk's first sample; negative while it starts later in the
   * chunk, as a beat on its exact sample does. */
  gint64       position;
  gboolean     fade_in;   /* speech resuming: rises over the chunk's first samples */
  gboolean     fade_out;  /* stopped: falls to silence over this chunk, then ends */
} Voice;

/* A cue played ahead of its time, waiting for the chunk its first sample falls in. */
typedef struct {
  const CueSound *sound;
  gint64          due;      /* monotonic µs, as g_get_monotonic_time() */
} Scheduled;

/* A pipeline being built and started, in a worker thread or in coach_cue_player_prepare(). */
typedef struct {
  CoachCuePlayer *player;            /* the task holds a reference */
  char           *sink_description;
  double          volume;
  GstElement     *pipeline;
  GstElement     *source;
  GstElement     *volume_element;
  GstElement     *sink;
  GError         *error;
  gboolean        done;              /* under the player's prepare_lock */
} Preparation;

struct _CoachCuePlayer
{
  GObject       parent_instance;

  char         *sink_description;
  char         *speech_element;
  char         *voice;
  double        volume;
  double        pacing;         /* beats per minute, 0 when off */
  gboolean      relaxed;        /* no cue expected soon: silence may go out in long buffers */
  gboolean      cues_enabled;
  gboolean      voice_enabled;
  gboolean      pacing_enabled;

  /* The elements are owned by the pipeline. */
  GstElement   *pipeline;
  GstElement   *source;
  GstElement   *volume_element;
  GstElement   *sink;
  guint         bus_watch_id;
  GError       *error;          /* once set, the player stays silent */
  gboolean      error_unreported;

  /* Starting the pipeline, while it is under way. */
  GMutex        prepare_lock;
  GCond         prepare_cond;
  Preparation  *preparation;
  GPtrArray    *prepare_tasks;  /* of GTask: prepare_async calls waiting for it */

  /* Rendered speech by voice and text, shared with the rendering threads. */
  GMutex        cache_lock;
  GHashTable   *speech_cache;   /* "voice\ntext" -> CoachSpeech */
  GQueue        cache_order;    /* of the keys, oldest first */
  GError       *speech_error;   /* a missing synthesizer: every later render fails too */

  /* The mixer, shared with the streaming thread's need-data callback. */
  GMutex        lock;
  Voice         voices[MAX_VOICES];  /* cue tones */
  guint         n_voices;
  Scheduled     scheduled[MAX_SCHEDULED];  /* cues still to come, in no order */
  guint         n_scheduled;
  CoachSpeech  *speech;              /* the instruction being spoken or waiting to be */
  Voice         speech_voice;
  gssize        speech_resumed_at;   /* where the speech last resumed after a tone, or -1 */
  CoachSpeech  *fading_speech;       /* the one a stop or a new instruction cut */
  Voice         fading_voice;
  Voice         beats[MAX_BEATS];
  guint         n_beats;
  double        beat_period;         /* samples between beats; 0 when none */
  guint64       beat_origin;         /* the sample of the first beat */
  guint64       beat_index;          /* the next beat to start */
  guint64       n_mixed;             /* samples handed to the appsrc so far */
};

G_DEFINE_FINAL_TYPE (CoachCuePlayer, coach_cue_player, G_TYPE_OBJECT)

G_DEFINE_QUARK (coach-cue-player-error-quark, coach_cue_player_error)

enum {
  PROP_0,
  PROP_SINK_DESCRIPTION,
  PROP_SPEECH_ELEMENT,
  PROP_VOLUME,
  PROP_VOICE,
  PROP_PACING,
  PROP_CUES_ENABLED,
  PROP_VOICE_ENABLED,
  PROP_PACING_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The elements the player makes itself, all from gst-plugins-base. */
static const char * const pipeline_elements[] = {
  "appsrc", "audioconvert", "audioresample", "volume",
};

#define DEFAULT_SINK "autoaudiosink"

static void
set_missing_element_error (GError     **error,
                           const char  *element)
{
  gboolean ours = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (pipeline_elements); i++)
    ours |= g_str_equal (element, pipeline_elements[i]);

  if (ours)
    g_set_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT,
                 /* Translators: %s is the name of a GStreamer element, such as “audioconvert” */
                 _("The sound element “%s” is missing. Install the GStreamer base plugins "
                   "(gstreamer1.0-plugins-base) to hear cues."), element);
  else if (g_str_equal (element, DEFAULT_SINK))
    g_set_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT,
                 /* Translators: %s is the name of a GStreamer element, such as “autoaudiosink” */
                 _("The sound element “%s” is missing. Install the GStreamer good plugins "
                   "(gstreamer1.0-plugins-good) to hear cues."), element);
  else
    /* The sink came from a description given to coach_cue_player_new(). */
    g_set_error (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT,
                 /* Translators: %s is the name of a GStreamer element, such as “pulsesink” */
                 _("The sound element “%s” is missing. Install the GStreamer plugin that "
                   "provides it to hear cues."), element);
}

static void
set_failed_error (GError **error)
{
  g_set_error_literal (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_FAILED,
                       _("The sound system failed, so cues are silent. Restart Back Coach to "
                         "try again."));
}

/* Resource errors are the device: missing, busy, refused or unplugged. */
static void
set_device_error (GError       **error,
                  const GError  *problem,
                  gboolean       at_start)
{
  if (problem != NULL && problem->domain != GST_RESOURCE_ERROR)
    set_failed_error (error);
  else if (at_start)
    g_set_error_literal (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_NO_DEVICE,
                         _("No sound device could be opened, so cues will be silent. Check that "
                           "speakers or headphones are connected."));
  else
    g_set_error_literal (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_NO_DEVICE,
                         _("The sound device stopped working, so cues are silent. Check that "
                           "speakers or headphones are connected, then start the routine "
                           "again."));
}

/* Mixer */

/* Adds the voice's next chunk to out and moves it on.
 * Returns: whether it goes on sounding after this chunk */
static gboolean
mix_voice (float *out,
           Voice *voice)
{
  for (guint i = 0; i < CHUNK_SAMPLES; i++)
    {
      gint64 index = voice->position + i;
      double gain = 1.0;

      if (index < 0)
        continue;
      if ((guint64) index >= voice->n_samples)
        break;

      if (voice->fade_out)
        gain = 0.5 + 0.5 * cos (G_PI * i / CHUNK_SAMPLES);
      if (voice->fade_in && i < RESUME_FADE_SAMPLES)
        gain *= 0.5 - 0.5 * cos (G_PI * i / RESUME_FADE_SAMPLES);

      out[i] += gain * voice->samples[index];
    }

  voice->position += CHUNK_SAMPLES;
  voice->fade_in = FALSE;

  return !voice->fade_out && voice->position < (gint64) voice->n_samples;
}

/* Mixes every voice of the array, dropping those that have ended. */
static void
mix_voices (float *out,
            Voice *voices,
            guint *n_voices)
{
  for (guint v = 0; v < *n_voices;)
    {
      if (mix_voice (out, &voices[v]))
        v++;
      else
        memmove (&voices[v], &voices[v + 1], (--*n_voices - v) * sizeof (Voice));
    }
}

static void
add_voice (Voice       *voices,
           guint       *n_voices,
           guint        max_voices,
           const Voice *voice)
{
  /* Only a burst can fill the array; then the oldest gives way. */
  if (*n_voices == max_voices)
    memmove (&voices[0], &voices[1], --*n_voices * sizeof (Voice));
  voices[(*n_voices)++] = *voice;
}

static void
fade_out_voices (Voice *voices,
                 guint  n_voices)
{
  for (guint v = 0; v < n_voices; v++)
    voices[v].fade_out = TRUE;
}

/* Starts the beats that fall in the chunk about to be mixed, each on its exact sample. */
static void
start_beats_locked (CoachCuePlayer *self)
{
  const CueSound *beat = get_beat_sound ();

  if (self->beat_period <= 0)
    return;

  for (;;)
    {
      guint64 start = self->beat_origin + (guint64) llround (self->beat_index * self->beat_period);
      Voice voice = { beat->samples, beat->n_samples, (gint64) self->n_mixed - (gint64) start };

      if (start >= self->n_mixed + CHUNK_SAMPLES)
        break;

      add_voice (self->beats, &self->n_beats, MAX_BEATS, &voice);
      self->beat_index++;
    }
}

/* Restarts the beat grid from the next chunk on, or stops it. A beat still sounding rings
 * on through a change of tempo, but fades at once when pacing stops. */
static void
update_pacing_locked (CoachCuePlayer *self)
{
  gboolean on = self->pacing_enabled && self->pacing > 0;

  self->beat_period = on ? 60.0 * SAMPLE_RATE / self->pacing : 0;
  self->beat_origin = self->n_mixed;
  self->beat_index = 0;
  if (!on)
    fade_out_voices (self->beats, self->n_beats);
}

/* Replaces the speech, or stops it if speech is NULL. Speech that is being heard fades over
 * the next chunk rather than stopping with a click; speech that waits, or that a cue tone
 * has paused, is silent already. */
static void
replace_speech_locked (CoachCuePlayer *self,
                       CoachSpeech    *speech)
{
  if (self->speech != NULL && self->speech_voice.position > 0 && !self->speech_voice.fade_in)
    {
      g_clear_pointer (&self->fading_speech, coach_speech_unref);
      self->fading_speech = g_steal_pointer (&self->speech);
      self->fading_voice = self->speech_voice;
      self->fading_voice.fade_out = TRUE;
    }
  g_clear_pointer (&self->speech, coach_speech_unref);

  if (speech != NULL && coach_speech_get_duration (speech) > 0)
    {
      self->speech = coach_speech_ref (speech);
      self->speech_voice = (Voice) { NULL, 0, 0, FALSE, FALSE };
      self->speech_resumed_at = -1;
      self->speech_voice.samples = coach_speech_get_samples (speech, &self->speech_voice.n_samples);
    }
}

static void
clear_mixer_locked (CoachCuePlayer *self)
{
  self->n_voices = 0;
  self->n_scheduled = 0;
  self->n_beats = 0;
  self->beat_period = 0;
  g_clear_pointer (&self->speech, coach_speech_unref);
  g_clear_pointer (&self->fading_speech, coach_speech_unref);
}

/* The monotonic time (µs) at which the stream's sample 0 is heard. The sink renders sample n
 * when the pipeline's running time reaches n / rate (the stream starts at 0 and never
 * pauses), so this reads the pipeline clock against the monotonic one, once for all the cues
 * a chunk looks at. Returns: %FALSE before the pipeline plays and has a clock. Called in the
 * streaming thread, where the appsrc knows both. */
static gboolean
stream_origin (GstElement *source,
               gint64     *origin)
{
  g_autoptr(GstClock) clock = gst_element_get_clock (source);
  GstClockTime base_time = gst_element_get_base_time (source);
  GstClockTime now = GST_CLOCK_TIME_NONE;
  gint64 monotonic = 0;

  if (clock == NULL || !GST_CLOCK_TIME_IS_VALID (base_time))
    return FALSE;

  /* Both clocks read at one instant: retry if the thread was preempted in between. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      gint64 before = g_get_monotonic_time ();

      now = gst_clock_get_time (clock);
      monotonic = g_get_monotonic_time ();
      if (monotonic - before < 50)
        break;
    }
  if (now < base_time)
    return FALSE;

  *origin = monotonic - (gint64) ((now - base_time) / 1000);
  return TRUE;
}

/* The stream sample heard at monotonic time @due; 0 for any time before the stream began. */
static guint64
due_to_sample (gint64 origin,
               gint64 due)
{
  return due <= origin ? 0 : gst_util_uint64_scale_int_round (due - origin, SAMPLE_RATE, G_USEC_PER_SEC);
}

/* The first sample of the earliest scheduled cue, or G_MAXUINT64 when none is scheduled or the
 * clock is not running yet. Called with the lock held. */
static guint64
next_scheduled_locked (CoachCuePlayer *self,
                       GstElement     *source)
{
  guint64 first = G_MAXUINT64;
  gint64 origin;

  if (self->n_scheduled == 0 || !stream_origin (source, &origin))
    return first;
  for (guint i = 0; i < self->n_scheduled; i++)
    first = MIN (first, due_to_sample (origin, self->scheduled[i].due));

  return first;
}

/* Moves the scheduled cues that start before @end into the sounding voices, each on its exact
 * sample; one already late starts at once. Called with the lock held. */
static void
start_scheduled_locked (CoachCuePlayer *self,
                        GstElement     *source,
                        guint64         end)
{
  gint64 origin;

  if (self->n_scheduled == 0 || !stream_origin (source, &origin))
    return;
  for (guint i = 0; i < self->n_scheduled;)
    {
      Scheduled *cue = &self->scheduled[i];
      guint64 sample = due_to_sample (origin, cue->due);
      Voice voice = { cue->sound->samples, cue->sound->n_samples, 0, FALSE, FALSE };

      if (sample >= end)
        {
          i++;
          continue;
        }
      if (sample > self->n_mixed)
        voice.position = -(gint64) (sample - self->n_mixed);
      add_voice (self->voices, &self->n_voices, MAX_VOICES, &voice);
      self->scheduled[i] = self->scheduled[--self->n_scheduled];
    }
}

/* Mixes the next chunk of every sounding cue, the speech and the beats into a new buffer,
 * stamped right after the previous one. Called with the lock held. */
static GstBuffer *
mix_chunk_locked (CoachCuePlayer *self,
                  GstElement     *source)
{
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, CHUNK_SAMPLES * sizeof (float), NULL);
  gboolean tones;
  GstClockTime start, end;
  GstMapInfo map;
  float *out;

  start_scheduled_locked (self, source, self->n_mixed + CHUNK_SAMPLES);
  tones = self->n_voices > 0;

  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  out = (float *) map.data;
  memset (out, 0, map.size);

  mix_voices (out, self->voices, &self->n_voices);

  /* Cut speech fades out, unless a tone starts here, which masks the cut anyway. */
  if (self->fading_speech != NULL)
    {
      if (!tones)
        mix_voice (out, &self->fading_voice);
      g_clear_pointer (&self->fading_speech, coach_speech_unref);
    }

  if (self->speech != NULL && tones)
    {
      /* Paused, or still waiting: the first paused chunk decides where to resume. */
      if (self->speech_voice.position > 0 && !self->speech_voice.fade_in)
        {
          gsize cut = self->speech_voice.position;
          gsize resume = coach_speech_get_resume_point (self->speech, cut);

          /* Ticks a second apart could otherwise send long words back to the same start
           * each time, so that the sentence never ends: go back only past the last resume. */
          if (self->speech_resumed_at >= 0 && (gssize) resume <= self->speech_resumed_at)
            resume = cut;
          self->speech_resumed_at = resume;
          self->speech_voice.position = resume;
          self->speech_voice.fade_in = TRUE;
        }
    }
  else if (self->speech != NULL && !mix_voice (out, &self->speech_voice))
    {
      g_clear_pointer (&self->speech, coach_speech_unref);
    }

  start_beats_locked (self);
  mix_voices (out, self->beats, &self->n_beats);

  /* Each cue peaks at -6 dBFS, so only overlapping cues can reach full scale. */
  for (guint i = 0; i < CHUNK_SAMPLES; i++)
    out[i] = CLAMP (out[i], -1.0f, 1.0f);

  gst_buffer_unmap (buffer, &map);

  start = gst_util_uint64_scale_int (self->n_mixed, GST_SECOND, SAMPLE_RATE);
  self->n_mixed += CHUNK_SAMPLES;
  end = gst_util_uint64_scale_int (self->n_mixed, GST_SECOND, SAMPLE_RATE);
  GST_BUFFER_PTS (buffer) = start;
  GST_BUFFER_DURATION (buffer) = end - start;

  return buffer;
}

/* @n_samples of silence, stamped right after the buffer before. Called with the lock held. */
static GstBuffer *
silence_locked (CoachCuePlayer *self,
                guint           n_samples)
{
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, n_samples * sizeof (float), NULL);
  GstClockTime start, end;

  gst_buffer_memset (buffer, 0, 0, n_samples * sizeof (float));
  start = gst_util_uint64_scale_int (self->n_mixed, GST_SECOND, SAMPLE_RATE);
  self->n_mixed += n_samples;
  end = gst_util_uint64_scale_int (self->n_mixed, GST_SECOND, SAMPLE_RATE);
  GST_BUFFER_PTS (buffer) = start;
  GST_BUFFER_DURATION (buffer) = end - start;
  return buffer;
}

/* Runs in the streaming thread each time the appsrc has sent its chunk on, which the sink
 * allows only as the chunk before is played. Pushing here never blocks: the appsrc's queue
 * is empty when it asks. */
static void
on_need_data (GstAppSrc *source,
              guint      length,
              gpointer   user_data)
{
  CoachCuePlayer *self = user_data;
  GstBuffer *buffer;

  g_mutex_lock (&self->lock);
  if (self->relaxed && self->n_voices == 0 && self->speech == NULL && self->fading_speech == NULL &&
      self->n_beats == 0 && self->beat_period == 0 &&
      next_scheduled_locked (self, GST_ELEMENT (source)) >= self->n_mixed + IDLE_CHUNK_SAMPLES)
    buffer = silence_locked (self, IDLE_CHUNK_SAMPLES);
  else
    buffer = mix_chunk_locked (self, GST_ELEMENT (source));
  g_mutex_unlock (&self->lock);

  gst_app_src_push_buffer (source, buffer);
}

/* Pipeline */

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  CoachCuePlayer *self = user_data;
  g_autoptr(GError) problem = NULL;
  g_autofree char *debug = NULL;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      gst_message_parse_error (message, &problem, &debug);
      g_debug ("Cue pipeline error from %s: %s (%s)", GST_MESSAGE_SRC_NAME (message),
               problem->message, debug != NULL ? debug : "");

      /* This stops the streaming thread, so need-data never runs again. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_mutex_lock (&self->lock);
      clear_mixer_locked (self);
      g_mutex_unlock (&self->lock);

      set_device_error (&self->error, problem, FALSE);
      self->bus_watch_id = 0;

      /* A handler may drop the last reference to the player. */
      g_object_ref (self);
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, self->error);
      g_object_unref (self);
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_WARNING:
      gst_message_parse_warning (message, &problem, &debug);
      g_debug ("Cue pipeline warning from %s: %s (%s)", GST_MESSAGE_SRC_NAME (message),
               problem->message, debug != NULL ? debug : "");
      break;

    case GST_MESSAGE_CLOCK_LOST:
      /* The clock's provider went away; going through PAUSED selects a new one. */
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
      gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* The element that does the sinking: the bin's sink child, such as the appsink itself, or the
 * whole bin if no child is flagged as a sink. */
static GstElement *
find_sink (GstElement *bin)
{
  g_autoptr(GstIterator) iter = gst_bin_iterate_sinks (GST_BIN (bin));
  g_auto(GValue) item = G_VALUE_INIT;

  /* The bin keeps its own reference, so the pointer outlives the iterator's. */
  if (gst_iterator_next (iter, &item) == GST_ITERATOR_OK)
    return g_value_get_object (&item);

  return bin;
}

static GstElement *
make_sink_bin (const char  *description,
               GError     **error)
{
  g_autoptr(GstParseContext) context = gst_parse_context_new ();
  g_autoptr(GError) parse_error = NULL;
  g_auto(GStrv) missing = NULL;
  GstElement *bin;

  bin = gst_parse_bin_from_description_full (description, TRUE, context, GST_PARSE_FLAG_NONE,
                                             &parse_error);
  if (parse_error == NULL)
    return bin;

  /* A recoverable parse error can still return a bin; do not play half a description. */
  if (bin != NULL)
    gst_object_unref (gst_object_ref_sink (bin));

  g_debug ("Cannot make the sink “%s”: %s", description, parse_error->message);
  missing = gst_parse_context_get_missing_elements (context);
  if (missing != NULL && missing[0] != NULL)
    set_missing_element_error (error, missing[0]);
  else
    set_failed_error (error);

  return NULL;
}

static gboolean
build_pipeline (Preparation  *prep,
                GError      **error)
{
  static GstAppSrcCallbacks callbacks = { .need_data = on_need_data };
  GstElement *elements[G_N_ELEMENTS (pipeline_elements) + 1];
  guint n_elements = G_N_ELEMENTS (elements);
  g_autoptr(GstCaps) caps = NULL;
  GstAudioInfo info;

  /* Synthesize the sounds now, so that the first cue does not wait for it. */
  get_cue_sound (COACH_CUE_START);
  get_beat_sound ();

  prep->pipeline = gst_object_ref_sink (gst_pipeline_new ("coach-cue-player"));

  for (guint i = 0; i < G_N_ELEMENTS (pipeline_elements); i++)
    {
      elements[i] = gst_element_factory_make (pipeline_elements[i], NULL);
      if (elements[i] == NULL)
        {
          set_missing_element_error (error, pipeline_elements[i]);
          return FALSE;
        }
      gst_bin_add (GST_BIN (prep->pipeline), elements[i]);
    }

  elements[n_elements - 1] = make_sink_bin (prep->sink_description != NULL
                                            ? prep->sink_description : DEFAULT_SINK,
                                            error);
  if (elements[n_elements - 1] == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (prep->pipeline), elements[n_elements - 1]);

  for (guint i = 0; i + 1 < n_elements; i++)
    {
      if (!gst_element_link (elements[i], elements[i + 1]))
        {
          g_debug ("Cannot link %s to %s", GST_ELEMENT_NAME (elements[i]),
                   GST_ELEMENT_NAME (elements[i + 1]));
          set_failed_error (error);
          return FALSE;
        }
    }

  prep->source = elements[0];
  prep->volume_element = elements[n_elements - 2];
  prep->sink = find_sink (elements[n_elements - 1]);

  gst_audio_info_init (&info);
  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32, SAMPLE_RATE, 1, NULL);
  caps = gst_audio_info_to_caps (&info);
  g_object_set (prep->source,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                NULL);
  /* The mixer is ready before the pipeline is handed to the player: it only needs the lock. */
  gst_app_src_set_callbacks (GST_APP_SRC (prep->source), &callbacks, prep->player, NULL);
  g_object_set (prep->volume_element, "volume", prep->volume, NULL);

  return TRUE;
}

/* Turns what the pipeline posted during a state change into an error, if anything failed. */
static gboolean
check_state_change (GstBus                *bus,
                    GstStateChangeReturn   result,
                    GError               **error)
{
  GstMessage *message;

  while ((message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_WARNING)))
    {
      g_autoptr(GstMessage) owned = message;
      g_autoptr(GError) problem = NULL;
      g_autofree char *debug = NULL;
      gboolean is_error = GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR;

      if (is_error)
        gst_message_parse_error (message, &problem, &debug);
      else
        gst_message_parse_warning (message, &problem, &debug);
      g_debug ("Cue pipeline %s from %s while starting: %s (%s)", is_error ? "error" : "warning",
               GST_MESSAGE_SRC_NAME (message), problem->message, debug != NULL ? debug : "");

      /* autoaudiosink reports a device it cannot open only as a resource warning, then plays
       * into a fake sink; that is no device too. */
      if (is_error || problem->domain == GST_RESOURCE_ERROR)
        {
          set_device_error (error, problem, TRUE);
          return FALSE;
        }
    }

  if (result == GST_STATE_CHANGE_FAILURE)
    {
      set_device_error (error, NULL, TRUE);
      return FALSE;
    }

  return TRUE;
}

static void
configure_audio_sink (const GValue *item,
                      gpointer      user_data)
{
  GObject *element = g_value_get_object (item);
  GObjectClass *klass = G_OBJECT_GET_CLASS (element);

  /* Every GstAudioBaseSink has these; autoaudiosink, a bin, does not, but its child does. */
  if (g_object_class_find_property (klass, "buffer-time") != NULL
      && g_object_class_find_property (klass, "latency-time") != NULL)
    g_object_set (element,
                  "buffer-time", (gint64) SINK_BUFFER_TIME,
                  "latency-time", (gint64) SINK_LATENCY_TIME,
                  NULL);
}

/* Blocks for up to START_TIMEOUT: never called in the main thread but by
 * coach_cue_player_prepare(). */
static gboolean
start_pipeline (Preparation  *prep,
                GError      **error)
{
  g_autoptr(GstIterator) iter = NULL;
  g_autoptr(GstBus) bus = gst_element_get_bus (prep->pipeline);
  GstStateChangeReturn result;

  /* Sinks open their device on the way to READY; stop there first to tell that failure apart. */
  result = gst_element_set_state (prep->pipeline, GST_STATE_READY);
  if (!check_state_change (bus, result, error))
    return FALSE;

  /* Audio sinks buffer 200 ms by default, and a cue would sound that late. The sink inside
   * autoaudiosink only exists from READY on; the device buffer is sized on the way to PAUSED. */
  iter = gst_bin_iterate_recurse (GST_BIN (prep->pipeline));
  gst_iterator_foreach (iter, configure_audio_sink, NULL);

  /* Wait briefly for the first chunk to reach the sink, so that a device that fails as it
   * starts is reported here rather than by the "error" signal. */
  gst_element_set_state (prep->pipeline, GST_STATE_PLAYING);
  result = gst_element_get_state (prep->pipeline, NULL, NULL, START_TIMEOUT);
  if (!check_state_change (bus, result, error))
    return FALSE;

  return TRUE;
}

/* Builds and starts the pipeline, or leaves the error and no pipeline. Touches nothing of the
 * player but its mixer, so it can run in any thread. */
static void
run_preparation (Preparation *prep)
{
  if (build_pipeline (prep, &prep->error) && start_pipeline (prep, &prep->error))
    return;

  if (prep->pipeline != NULL)
    {
      /* This also joins the streaming thread, so need-data never runs after it. */
      gst_element_set_state (prep->pipeline, GST_STATE_NULL);
      gst_clear_object (&prep->pipeline);
    }
}

static void
preparation_free (Preparation *prep)
{
  g_free (prep->sink_description);
  g_clear_error (&prep->error);
  gst_clear_object (&prep->pipeline);
  g_free (prep);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CoachCuePlayer *self = source_object;
  Preparation *prep = task_data;

  run_preparation (prep);

  /* From here on the player may take the preparation over and free it at any time. */
  g_mutex_lock (&self->prepare_lock);
  prep->done = TRUE;
  g_cond_broadcast (&self->prepare_cond);
  g_mutex_unlock (&self->prepare_lock);

  g_task_return_boolean (task, TRUE);
}

/* Takes the finished preparation's pipeline, or its error, in the main thread. */
static void
install_preparation (CoachCuePlayer *self)
{
  Preparation *prep = g_steal_pointer (&self->preparation);

  if (prep->error != NULL)
    {
      g_debug ("Cannot start the cue pipeline: %s", prep->error->message);
      self->error = g_steal_pointer (&prep->error);
      self->error_unreported = TRUE;
      g_mutex_lock (&self->lock);
      clear_mixer_locked (self);
      g_mutex_unlock (&self->lock);
    }
  else
    {
      g_autoptr(GstBus) bus = gst_element_get_bus (prep->pipeline);

      self->pipeline = g_steal_pointer (&prep->pipeline);
      self->source = prep->source;
      self->volume_element = prep->volume_element;
      self->sink = prep->sink;
      /* The volume may have changed while the pipeline started. */
      g_object_set (self->volume_element, "volume", self->volume, NULL);
      self->bus_watch_id = gst_bus_add_watch (bus, on_bus_message, self);
    }

  preparation_free (prep);
}

static Preparation *
preparation_new (CoachCuePlayer *self)
{
  Preparation *prep = g_new0 (Preparation, 1);

  prep->player = self;
  prep->sink_description = g_strdup (self->sink_description);
  prep->volume = self->volume;

  return prep;
}

/* The worker thread has finished: hands the result to every prepare_async() call, or, when
 * none asked, reports a failure through the "error" signal. */
static void
on_prepared (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CoachCuePlayer *self = COACH_CUE_PLAYER (source_object);
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->prepare_tasks);

  self->prepare_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  /* Unless coach_cue_player_prepare() got there first. */
  if (self->preparation != NULL)
    install_preparation (self);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_boolean (task, TRUE);
    }

  if (self->error_unreported && tasks->len == 0)
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, self->error);
  self->error_unreported = FALSE;
}

static void
start_preparation (CoachCuePlayer *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_prepared, NULL);

  self->preparation = preparation_new (self);
  g_task_set_source_tag (task, start_preparation);
  /* The player frees the preparation once the thread is done with it. */
  g_task_set_task_data (task, self->preparation, NULL);
  g_task_run_in_thread (task, prepare_thread);
}

/* Whether sound can be expected: the pipeline plays or is starting, in the background if
 * nothing started it yet. Never blocks. */
static gboolean
ensure_started (CoachCuePlayer  *self,
                GError         **error)
{
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  if (self->pipeline == NULL && self->preparation == NULL)
    start_preparation (self);

  return TRUE;
}

static void
stop_pipeline (CoachCuePlayer *self)
{
  if (self->pipeline == NULL)
    return;

  /* This also joins the streaming thread, so need-data never runs after it. */
  gst_element_set_state (self->pipeline, GST_STATE_NULL);

  if (self->bus_watch_id != 0)
    {
      g_autoptr(GstBus) bus = gst_element_get_bus (self->pipeline);

      gst_bus_remove_watch (bus);
      self->bus_watch_id = 0;
    }

  self->source = NULL;
  self->volume_element = NULL;
  self->sink = NULL;
  gst_clear_object (&self->pipeline);
}

/* Speech cache */

static char *
cache_key (const char *voice,
           const char *text)
{
  return g_strconcat (voice, "\n", text, NULL);
}

/* Called with the cache lock held. */
static void
cache_insert_locked (CoachCuePlayer *self,
                     const char     *key,
                     CoachSpeech    *speech)
{
  char *owned_key;

  if (g_hash_table_contains (self->speech_cache, key))
    return;

  if (g_queue_get_length (&self->cache_order) == MAX_CACHED_SPEECH)
    g_hash_table_remove (self->speech_cache, g_queue_pop_head (&self->cache_order));

  owned_key = g_strdup (key);
  g_hash_table_insert (self->speech_cache, owned_key, coach_speech_ref (speech));
  g_queue_push_tail (&self->cache_order, owned_key);
}

typedef struct {
  char *text;
  char *voice;
  char *element;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_free (job->text);
  g_free (job->voice);
  g_free (job->element);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CoachCuePlayer *self = source_object;
  RenderJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSpeech) speech = NULL;
  g_autofree char *key = cache_key (job->voice, job->text);

  speech = coach_speech_render (job->text, job->voice, job->element, cancellable, &error);

  g_mutex_lock (&self->cache_lock);
  if (speech != NULL)
    cache_insert_locked (self, key, speech);
  else if (g_error_matches (error, COACH_CUE_PLAYER_ERROR, COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT)
           && self->speech_error == NULL)
    self->speech_error = g_error_copy (error);
  g_mutex_unlock (&self->cache_lock);

  if (speech != NULL)
    g_task_return_pointer (task, g_steal_pointer (&speech), (GDestroyNotify) coach_speech_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* GObject */

static void
coach_cue_player_dispose (GObject *object)
{
  CoachCuePlayer *self = COACH_CUE_PLAYER (object);

  stop_pipeline (self);
  g_mutex_lock (&self->lock);
  clear_mixer_locked (self);
  g_mutex_unlock (&self->lock);
  g_mutex_lock (&self->cache_lock);
  g_queue_clear (&self->cache_order);
  g_hash_table_remove_all (self->speech_cache);
  g_mutex_unlock (&self->cache_lock);

  G_OBJECT_CLASS (coach_cue_player_parent_class)->dispose (object);
}

static void
coach_cue_player_finalize (GObject *object)
{
  CoachCuePlayer *self = COACH_CUE_PLAYER (object);

  /* Every task holds a reference, so none is under way. */
  g_assert (self->preparation == NULL);

  g_clear_pointer (&self->sink_description, g_free);
  g_clear_pointer (&self->speech_element, g_free);
  g_clear_pointer (&self->voice, g_free);
  g_clear_error (&self->error);
  g_clear_error (&self->speech_error);
  g_clear_pointer (&self->prepare_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->speech_cache, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->cache_lock);
  g_mutex_clear (&self->prepare_lock);
  g_cond_clear (&self->prepare_cond);

  G_OBJECT_CLASS (coach_cue_player_parent_class)->finalize (object);
}

static void
coach_cue_player_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CoachCuePlayer *self = COACH_CUE_PLAYER (object);

  switch (prop_id)
    {
    case PROP_SINK_DESCRIPTION:
      g_value_set_string (value, self->sink_description);
      break;
    case PROP_SPEECH_ELEMENT:
      g_value_set_string (value, self->speech_element);
      break;
    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;
    case PROP_VOICE:
      g_value_set_string (value, self->voice);
      break;
    case PROP_PACING:
      g_value_set_double (value, self->pacing);
      break;
    case PROP_CUES_ENABLED:
      g_value_set_boolean (value, self->cues_enabled);
      break;
    case PROP_VOICE_ENABLED:
      g_value_set_boolean (value, self->voice_enabled);
      break;
    case PROP_PACING_ENABLED:
      g_value_set_boolean (value, self->pacing_enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_cue_player_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CoachCuePlayer *self = COACH_CUE_PLAYER (object);

  switch (prop_id)
    {
    case PROP_SINK_DESCRIPTION:
      self->sink_description = g_value_dup_string (value);
      break;
    case PROP_SPEECH_ELEMENT:
      g_free (self->speech_element);
      self->speech_element = g_value_dup_string (value);
      if (self->speech_element == NULL)
        self->speech_element = g_strdup (COACH_SPEECH_ELEMENT);
      break;
    case PROP_VOLUME:
      coach_cue_player_set_volume (self, g_value_get_double (value));
      break;
    case PROP_VOICE:
      coach_cue_player_set_voice (self, g_value_get_string (value));
      break;
    case PROP_PACING:
      coach_cue_player_set_pacing (self, g_value_get_double (value));
      break;
    case PROP_CUES_ENABLED:
      coach_cue_player_set_cues_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_VOICE_ENABLED:
      coach_cue_player_set_voice_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_PACING_ENABLED:
      coach_cue_player_set_pacing_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_cue_player_class_init (CoachCuePlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  object_class->dispose = coach_cue_player_dispose;
  object_class->finalize = coach_cue_player_finalize;
  object_class->get_property = coach_cue_player_get_property;
  object_class->set_property = coach_cue_player_set_property;

  /* A gst-launch description of the sink, or NULL for autoaudiosink. */
  properties[PROP_SINK_DESCRIPTION] =
    g_param_spec_string ("sink-description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The speech synthesizer: an element with "text" and "voice" properties that renders the
   * text and ends. Only tests change it, to simulate a missing espeak. */
  properties[PROP_SPEECH_ELEMENT] =
    g_param_spec_string ("speech-element", NULL, NULL, COACH_SPEECH_ELEMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The espeak voice speech is rendered in; by default the interface language's. */
  properties[PROP_VOICE] =
    g_param_spec_string ("voice", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Pacing beats per minute, 0 for none. */
  properties[PROP_PACING] =
    g_param_spec_double ("pacing", NULL, NULL, 0.0, MAX_PACING, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUES_ENABLED] =
    g_param_spec_boolean ("cues-enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOICE_ENABLED] =
    g_param_spec_boolean ("voice-enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PACING_ENABLED] =
    g_param_spec_boolean ("pacing-enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoachCuePlayer::error:
   * @error: what went wrong, in the COACH_CUE_PLAYER_ERROR domain, for the user
   *
   * The pipeline failed while running, for example because the sound device went away, or
   * it could not start in the background (after a cue, speech or pacing asked for sound
   * before any prepare call; a prepare call gets its error itself instead). The player is
   * silent from then on; make a new one to try again.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
coach_cue_player_init (CoachCuePlayer *self)
{
  self->volume = 1.0;
  self->cues_enabled = TRUE;
  self->voice_enabled = TRUE;
  self->pacing_enabled = TRUE;
  self->voice = g_strdup (coach_voice_for_languages (NULL));
  self->prepare_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->speech_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) coach_speech_unref);
  g_queue_init (&self->cache_order);
  g_mutex_init (&self->lock);
  g_mutex_init (&self->cache_lock);
  g_mutex_init (&self->prepare_lock);
  g_cond_init (&self->prepare_cond);
}

/**
 * coach_cue_player_new:
 * @sink_description: (nullable): a gst_parse_bin_from_description() string for the sink, such
 *   as "fakesink sync=true", or %NULL for autoaudiosink. The sink must sync to the clock: it is
 *   what paces the stream.
 *
 * Nothing is built until coach_cue_player_prepare_async() or the first sound.
 */
CoachCuePlayer *
coach_cue_player_new (const char *sink_description)
{
  return g_object_new (COACH_TYPE_CUE_PLAYER, "sink-description", sink_description, NULL);
}

/**
 * coach_cue_player_prepare:
 *
 * Builds the pipeline and brings it to PLAYING, so that later cues start at once: this opens
 * the sound device, and waits up to two seconds for it to start. It blocks meanwhile, so the
 * app uses coach_cue_player_prepare_async(); this is for tools and tests. Does nothing once
 * that has succeeded, and waits for a start already under way. A failure is final: the
 * player stays silent and returns the same error from then on.
 *
 * From then on the player streams silence between cues, which keeps the sound device awake,
 * so drop it when no routine is running.
 */
gboolean
coach_cue_player_prepare (CoachCuePlayer  *self,
                          GError         **error)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error == NULL && self->pipeline == NULL)
    {
      if (self->preparation == NULL)
        {
          self->preparation = preparation_new (self);
          run_preparation (self->preparation);
        }
      else
        {
          g_mutex_lock (&self->prepare_lock);
          while (!self->preparation->done)
            g_cond_wait (&self->prepare_cond, &self->prepare_lock);
          g_mutex_unlock (&self->prepare_lock);
        }

      install_preparation (self);
      /* Reported here, so not by the "error" signal. */
      self->error_unreported = FALSE;
    }

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  return TRUE;
}

/**
 * coach_cue_player_prepare_async:
 *
 * Builds the pipeline and starts it, as coach_cue_player_prepare() does, but in a worker
 * thread: the main loop goes on meanwhile. Several calls share one start. If @cancellable
 * is cancelled, this call fails with %G_IO_ERROR_CANCELLED when the start ends; the start
 * itself goes on for the other calls and later sounds.
 */
void
coach_cue_player_prepare_async (CoachCuePlayer      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COACH_IS_CUE_PLAYER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_cue_player_prepare_async);

  if (self->error != NULL)
    g_task_return_error (task, g_error_copy (self->error));
  else if (self->pipeline != NULL)
    g_task_return_boolean (task, TRUE);
  else
    {
      if (self->preparation == NULL)
        start_preparation (self);
      g_ptr_array_add (self->prepare_tasks, g_steal_pointer (&task));
    }
}

gboolean
coach_cue_player_prepare_finish (CoachCuePlayer  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * coach_cue_player_play:
 *
 * Starts @cue now, mixed over any cue still sounding; speech pauses for it. It only adds the
 * cue to the mixer, whose lock the streaming thread holds for microseconds at a time, so it
 * never blocks the main loop. Before the player is prepared, this starts preparing it in the
 * background and the cue sounds once the device has started; a failure to start is then
 * reported by the "error" signal. Does nothing while #CoachCuePlayer:cues-enabled is off.
 *
 * Returns: %FALSE with @error if the player has failed and is silent
 */
gboolean
coach_cue_player_play (CoachCuePlayer  *self,
                       CoachCue         cue,
                       GError         **error)
{
  Voice voice = { NULL, 0, 0, FALSE, FALSE };

  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);
  g_return_val_if_fail ((guint) cue < COACH_N_CUES, FALSE);

  if (!self->cues_enabled)
    return TRUE;

  if (!ensure_started (self, error))
    return FALSE;

  voice.samples = get_cue_sound (cue)->samples;
  voice.n_samples = get_cue_sound (cue)->n_samples;

  g_mutex_lock (&self->lock);
  add_voice (self->voices, &self->n_voices, MAX_VOICES, &voice);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * coach_cue_player_play_at:
 * @due: when the cue's first sample is to be heard, in microseconds of
 *   g_get_monotonic_time()
 *
 * Plays @cue at @due, on its exact sample, where coach_cue_player_play() can only start it
 * with the next chunk: call this ahead of time for cues that belong to a known moment, such
 * as a countdown's ticks and a step's end. A cue that is late starts at once. The cue waits
 * in the player until its chunk is mixed and does not pause speech before then;
 * coach_cue_player_cancel_scheduled() drops it. Turning #CoachCuePlayer:cues-enabled off
 * drops it too, and while that is off this does nothing. At most 16 cues wait at a time; a
 * 17th is refused as a programming error.
 *
 * Returns: %FALSE with @error if the player has failed and is silent
 */
gboolean
coach_cue_player_play_at (CoachCuePlayer  *self,
                          CoachCue         cue,
                          gint64           due,
                          GError         **error)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);
  g_return_val_if_fail ((guint) cue < COACH_N_CUES, FALSE);

  if (!self->cues_enabled)
    return TRUE;

  if (!ensure_started (self, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  if (self->n_scheduled < MAX_SCHEDULED)
    self->scheduled[self->n_scheduled++] = (Scheduled) { get_cue_sound (cue), due };
  else
    g_critical ("%s: more than %d cues scheduled", G_STRFUNC, MAX_SCHEDULED);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * coach_cue_player_cancel_scheduled:
 *
 * Drops every cue coach_cue_player_play_at() scheduled that has not started yet, as when a
 * session pauses or skips a step. One that has just started (in the last 10 ms, or one
 * relaxed buffer) rings on.
 */
void
coach_cue_player_cancel_scheduled (CoachCuePlayer *self)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  g_mutex_lock (&self->lock);
  self->n_scheduled = 0;
  g_mutex_unlock (&self->lock);
}

/**
 * coach_cue_player_prepare_speech_async:
 * @text: the instruction to speak, such as a step's cue
 *
 * Renders @text in the player's current #CoachCuePlayer:voice, in a worker thread, so that
 * coach_cue_player_speak() can start it at once when its step comes: prepare the next step's
 * instruction during the current step. The player keeps what it rendered, so preparing the
 * same text in the same voice again costs nothing. If the synthesizer is missing, this fails
 * with %COACH_CUE_PLAYER_ERROR_MISSING_ELEMENT, at once from then on; cues and beats are not
 * affected.
 */
void
coach_cue_player_prepare_speech_async (CoachCuePlayer      *self,
                                       const char          *text,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  CoachSpeech *cached = NULL;
  RenderJob *job;

  g_return_if_fail (COACH_IS_CUE_PLAYER (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_cue_player_prepare_speech_async);
  key = cache_key (self->voice, text);

  g_mutex_lock (&self->cache_lock);
  if (self->speech_error != NULL)
    error = g_error_copy (self->speech_error);
  else
    cached = g_hash_table_lookup (self->speech_cache, key);
  if (cached != NULL)
    coach_speech_ref (cached);
  g_mutex_unlock (&self->cache_lock);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cached != NULL)
    {
      g_task_return_pointer (task, cached, (GDestroyNotify) coach_speech_unref);
      return;
    }

  job = g_new0 (RenderJob, 1);
  job->text = g_strdup (text);
  job->voice = g_strdup (self->voice);
  job->element = g_strdup (self->speech_element);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
}

/**
 * coach_cue_player_prepare_speech_finish:
 *
 * Returns: (transfer full): the rendered speech, or %NULL with @error
 */
CoachSpeech *
coach_cue_player_prepare_speech_finish (CoachCuePlayer  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * coach_cue_player_speak:
 * @speech: from coach_cue_player_prepare_speech_finish()
 *
 * Speaks @speech from the next chunk on, or as soon as no cue tone sounds: it never sounds
 * together with a cue tone. A tone that starts while it speaks pauses it, and it goes on
 * after the tone from the start of the word, or run of words spoken without a pause, that
 * the tone cut, up to a second back. It replaces any speech still waiting or being spoken,
 * which is the previous step's and so stale. At a step's start, play its cue first: were a
 * chunk mixed between the two calls, the speech would start and at once pause for the cue.
 * An empty @speech only stops the speech. Like coach_cue_player_play(), it never blocks and
 * starts the player if needed. Does nothing while #CoachCuePlayer:voice-enabled is off.
 *
 * Returns: %FALSE with @error if the player has failed and is silent
 */
gboolean
coach_cue_player_speak (CoachCuePlayer  *self,
                        CoachSpeech     *speech,
                        GError         **error)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);
  g_return_val_if_fail (speech != NULL, FALSE);

  if (!self->voice_enabled)
    return TRUE;

  if (!ensure_started (self, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  replace_speech_locked (self, speech);
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * coach_cue_player_stop_speech:
 *
 * Stops the speech, fading it out over 10 ms, or drops it if it still waits.
 */
void
coach_cue_player_stop_speech (CoachCuePlayer *self)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  g_mutex_lock (&self->lock);
  replace_speech_locked (self, NULL);
  g_mutex_unlock (&self->lock);
}

/**
 * coach_cue_player_set_pacing:
 * @beats_per_minute: the step's tempo, strokes or breaths per minute, or 0 for no beats;
 *   clamped to 0 to 300
 *
 * Plays a soft beat every 60 / @beats_per_minute seconds, each on its exact sample, the
 * first from the next chunk on: each call, a new step's, restarts the beats from now. Beats
 * sound under cues and speech, at -18 dBFS, while #CoachCuePlayer:pacing-enabled is on.
 * Starts the player if needed.
 */
void
coach_cue_player_set_pacing (CoachCuePlayer *self,
                             double          beats_per_minute)
{
  gboolean changed;

  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  beats_per_minute = CLAMP (beats_per_minute, 0.0, MAX_PACING);

  changed = self->pacing != beats_per_minute;

  g_mutex_lock (&self->lock);
  self->pacing = beats_per_minute;
  update_pacing_locked (self);
  g_mutex_unlock (&self->lock);

  if (self->pacing_enabled && beats_per_minute > 0)
    ensure_started (self, NULL);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACING]);
}

double
coach_cue_player_get_pacing (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), 0.0);

  return self->pacing;
}

/**
 * coach_cue_player_set_volume:
 * @volume: from 0.0 (silent) to 1.0 (full); clamped to that range
 *
 * Applies to cues, speech and beats already sounding too.
 */
void
coach_cue_player_set_volume (CoachCuePlayer *self,
                             double          volume)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (self->volume == volume)
    return;

  self->volume = volume;
  if (self->volume_element != NULL)
    g_object_set (self->volume_element, "volume", volume, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

double
coach_cue_player_get_volume (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), 0.0);

  return self->volume;
}

/**
 * coach_cue_player_set_voice:
 * @voice: (nullable): an espeak voice name, such as "de", or %NULL for the interface
 *   language's
 *
 * Speech prepared from now on is rendered in @voice; speech already prepared keeps its own.
 */
void
coach_cue_player_set_voice (CoachCuePlayer *self,
                            const char     *voice)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  if (voice == NULL)
    voice = coach_voice_for_languages (NULL);

  if (g_strcmp0 (self->voice, voice) == 0)
    return;

  g_free (self->voice);
  self->voice = g_strdup (voice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOICE]);
}

const char *
coach_cue_player_get_voice (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), NULL);

  return self->voice;
}

/**
 * coach_cue_player_set_voice_language:
 * @languages: (nullable) (array zero-terminated=1): locale names in order of preference, or
 *   %NULL for g_get_language_names()
 *
 * Sets #CoachCuePlayer:voice to the voice coach_voice_for_languages() picks.
 */
void
coach_cue_player_set_voice_language (CoachCuePlayer     *self,
                                     const char * const *languages)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  coach_cue_player_set_voice (self, coach_voice_for_languages (languages));
}

/**
 * coach_cue_player_set_cues_enabled:
 *
 * While off, coach_cue_player_play() and coach_cue_player_play_at() do nothing; turning it
 * off silences the cues sounding, within 10 ms, and drops those scheduled.
 */
void
coach_cue_player_set_cues_enabled (CoachCuePlayer *self,
                                   gboolean        enabled)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  enabled = !!enabled;
  if (self->cues_enabled == enabled)
    return;

  self->cues_enabled = enabled;
  if (!enabled)
    {
      g_mutex_lock (&self->lock);
      fade_out_voices (self->voices, self->n_voices);
      self->n_scheduled = 0;
      g_mutex_unlock (&self->lock);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUES_ENABLED]);
}

gboolean
coach_cue_player_get_cues_enabled (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);

  return self->cues_enabled;
}

/**
 * coach_cue_player_set_voice_enabled:
 *
 * While off, coach_cue_player_speak() does nothing; turning it off stops the speech, within
 * 10 ms. Preparing speech still works, so the next step can be spoken when it is turned on.
 */
void
coach_cue_player_set_voice_enabled (CoachCuePlayer *self,
                                    gboolean        enabled)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  enabled = !!enabled;
  if (self->voice_enabled == enabled)
    return;

  self->voice_enabled = enabled;
  if (!enabled)
    coach_cue_player_stop_speech (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOICE_ENABLED]);
}

gboolean
coach_cue_player_get_voice_enabled (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);

  return self->voice_enabled;
}

/**
 * coach_cue_player_set_pacing_enabled:
 *
 * While off, no beats sound, whatever the tempo; turning it off silences them within 10 ms,
 * and turning it on restarts them, at the last tempo set, from now.
 */
void
coach_cue_player_set_pacing_enabled (CoachCuePlayer *self,
                                     gboolean        enabled)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  enabled = !!enabled;
  if (self->pacing_enabled == enabled)
    return;

  g_mutex_lock (&self->lock);
  self->pacing_enabled = enabled;
  update_pacing_locked (self);
  g_mutex_unlock (&self->lock);

  if (enabled && self->pacing > 0)
    ensure_started (self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACING_ENABLED]);
}

gboolean
coach_cue_player_get_pacing_enabled (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);

  return self->pacing_enabled;
}

/**
 * coach_cue_player_get_sink:
 *
 * Returns: (transfer none) (nullable): the sink element the description named (the appsink
 *   or fakesink itself rather than its bin), or %NULL before the pipeline has started
 */
GstElement *
coach_cue_player_get_sink (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), NULL);

  return self->sink;
}

/* WAV files */

static void
append_le16 (GByteArray *array,
             guint16     value)
{
  guint16 le = GUINT16_TO_LE (value);

  g_byte_array_append (array, (const guint8 *) &le, sizeof le);
}

static void
append_le32 (GByteArray *array,
             guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (array, (const guint8 *) &le, sizeof le);
}

/* Writes samples as a 16-bit mono 48 kHz WAV file. */
static gboolean
write_wav (const float  *samples,
           gsize         n_samples,
           const char   *path,
           GError      **error)
{
  g_autoptr(GByteArray) wav = NULL;
  guint32 data_size = n_samples * sizeof (gint16);

  wav = g_byte_array_sized_new (44 + data_size);

  g_byte_array_append (wav, (const guint8 *) "RIFF", 4);
  append_le32 (wav, 36 + data_size);
  g_byte_array_append (wav, (const guint8 *) "WAVEfmt ", 8);
  append_le32 (wav, 16);                              /* size of the fmt chunk */
  append_le16 (wav, 1);                               /* PCM */
  append_le16 (wav, 1);                               /* channels */
  append_le32 (wav, SAMPLE_RATE);
  append_le32 (wav, SAMPLE_RATE * sizeof (gint16));   /* bytes per second */
  append_le16 (wav, sizeof (gint16));                 /* bytes per frame */
  append_le16 (wav, 16);                              /* bits per sample */
  g_byte_array_append (wav, (const guint8 *) "data", 4);
  append_le32 (wav, data_size);

  for (gsize i = 0; i < n_samples; i++)
    append_le16 (wav, (guint16) (gint16) lrintf (CLAMP (samples[i], -1.0f, 1.0f) * G_MAXINT16));

  return g_file_set_contents (path, (const char *) wav->data, wav->len, error);
}

/**
 * coach_cue_player_render_wav:
 *
 * Writes the samples of @cue to @path as a 16-bit mono 48 kHz WAV file, to listen to and
 * measure a cue outside the app.
 */
gboolean
coach_cue_player_render_wav (CoachCue     cue,
                             const char  *path,
                             GError     **error)
{
  const CueSound *sound;

  g_return_val_if_fail ((guint) cue < COACH_N_CUES, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sound = get_cue_sound (cue);

  return write_wav (sound->samples, sound->n_samples, path, error);
}

/**
 * coach_cue_player_render_speech_wav:
 * @voice: (nullable): an espeak voice, or %NULL for the interface language's
 *
 * Renders @text as coach_cue_player_prepare_speech_async() does, and writes it to @path as
 * a 16-bit mono 48 kHz WAV file, to listen to and measure outside the app. Blocks while it
 * renders.
 */
gboolean
coach_cue_player_render_speech_wav (const char  *text,
                                    const char  *voice,
                                    const char  *path,
                                    GError     **error)
{
  g_autoptr(CoachSpeech) speech = NULL;
  const float *samples;
  gsize n_samples;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (voice == NULL)
    voice = coach_voice_for_languages (NULL);

  speech = coach_speech_render (text, voice, COACH_SPEECH_ELEMENT, NULL, error);
  if (speech == NULL)
    return FALSE;

  samples = coach_speech_get_samples (speech, &n_samples);

  return write_wav (samples, n_samples, path, error);
}

/**
 * coach_cue_player_render_pacing_wav:
 * @beats_per_minute: the tempo, more than 0 and up to 300
 * @seconds: the length of the file
 *
 * Writes @seconds of pacing beats at @beats_per_minute, the first on the first sample, to
 * @path as a 16-bit mono 48 kHz WAV file, as the player mixes them.
 */
gboolean
coach_cue_player_render_pacing_wav (double       beats_per_minute,
                                    double       seconds,
                                    const char  *path,
                                    GError     **error)
{
  const CueSound *beat = get_beat_sound ();
  g_autofree float *samples = NULL;
  gsize n_samples;
  double period;

  g_return_val_if_fail (beats_per_minute > 0 && beats_per_minute <= MAX_PACING, FALSE);
  g_return_val_if_fail (seconds >= 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_samples = (gsize) lround (seconds * SAMPLE_RATE);
  samples = g_new0 (float, n_samples);
  period = 60.0 * SAMPLE_RATE / beats_per_minute;

  for (guint64 k = 0;; k++)
    {
      gsize start = (gsize) llround (k * period);

      if (start >= n_samples)
        break;
      for (gsize i = 0; i < beat->n_samples && start + i < n_samples; i++)
        samples[start + i] += beat->samples[i];
    }

  return write_wav (samples, n_samples, path, error);
}

/**
 * coach_cue_get_name:
 *
 * Returns: the cue's translated name, such as “Step start”
 */
const char *
coach_cue_get_name (CoachCue cue)
{
  g_return_val_if_fail ((guint) cue < COACH_N_CUES, NULL);

  return _(cue_designs[cue].name);
}

/**
 * coach_cue_player_set_relaxed:
 *
 * Says whether a cue may come at any moment (%FALSE, the default) or none is expected for a
 * while (%TRUE). Relaxed, the player streams silence in 100 ms buffers instead of 10 ms ones,
 * which saves most of its processor time between cues; a cue played then may start up to
 * that much later. Anything sounding, speech or pacing keeps the short buffers, and so does a
 * cue scheduled with coach_cue_player_play_at() as its time comes near, so scheduled cues
 * keep their time. Set it back to %FALSE a good 100 ms before a cue that cannot be scheduled
 * may come.
 */
void
coach_cue_player_set_relaxed (CoachCuePlayer *self,
                              gboolean        relaxed)
{
  g_return_if_fail (COACH_IS_CUE_PLAYER (self));

  g_mutex_lock (&self->lock);
  self->relaxed = relaxed;
  g_mutex_unlock (&self->lock);
}
