/* coach-cue-player.c: short synthesized sound cues played through a GStreamer pipeline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cues are synthesized once, in code, as 48 kHz mono float samples. One pipeline,
 *
 *   appsrc ! audioconvert ! audioresample ! volume ! sink
 *
 * is built once and kept playing for the player's life. A small mixer feeds it a continuous
 * stream of 10 ms chunks from the appsrc's need-data callback: silence, with any sounding cues
 * mixed in. The sink paces the stream, so data runs only a chunk or two (plus the device's
 * short buffer) ahead of what is heard, and playing a cue only adds it to the mixer: it sounds
 * from the next chunk on, over any cue still sounding. A stream that stopped between cues
 * would save little and serve audio sinks badly: each restart disturbs their timing, which can
 * clip the start of a cue, and they accept data far ahead once idle, so an overlapping cue
 * would wait for the end of the one before. */
#define G_LOG_DOMAIN "coach-cue-player"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/app/app.h>
#include <gst/audio/audio.h>

#include "coach-cue-player.h"

#define SAMPLE_RATE 48000
#define CHUNK_SAMPLES (SAMPLE_RATE / 100)  /* 10 ms, the usual audio sink period */
#define PEAK_LEVEL 0.5                     /* -6 dBFS */
#define ATTACK_SECONDS 0.006
#define MAX_FADE_SECONDS 0.04
#define MAX_VOICES 8
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
synthesize (CoachCue  cue,
            CueSound *sound)
{
  const CueNote *notes = cue_designs[cue].notes;
  guint n_notes = cue_designs[cue].n_notes;
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
    sound->samples[i] *= PEAK_LEVEL / peak;
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
        synthesize (c, &sounds[c]);
      g_once_init_leave (&synthesized, 1);
    }

  return &sounds[cue];
}

/* The player */

typedef struct {
  const CueSound *sound;
  gsize           position;  /* the next sample to mix */
} Voice;

struct _CoachCuePlayer
{
  GObject       parent_instance;

  char         *sink_description;
  double        volume;

  /* The elements are owned by the pipeline. */
  GstElement   *pipeline;
  GstElement   *source;
  GstElement   *volume_element;
  GstElement   *sink;
  guint         bus_watch_id;
  GError       *error;         /* once set, the player stays silent */

  /* The mixer, shared with the streaming thread's need-data callback. */
  GMutex        lock;
  Voice         voices[MAX_VOICES];
  guint         n_voices;
  guint64       n_mixed;       /* samples handed to the appsrc so far */
};

G_DEFINE_FINAL_TYPE (CoachCuePlayer, coach_cue_player, G_TYPE_OBJECT)

G_DEFINE_QUARK (coach-cue-player-error-quark, coach_cue_player_error)

enum {
  PROP_0,
  PROP_SINK_DESCRIPTION,
  PROP_VOLUME,
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

/* Mixes the next chunk of every sounding cue into a new buffer, stamped right after the
 * previous one. Called with the lock held. */
static GstBuffer *
mix_chunk_locked (CoachCuePlayer *self)
{
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, CHUNK_SAMPLES * sizeof (float), NULL);
  GstClockTime start, end;
  GstMapInfo map;
  float *out;

  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  out = (float *) map.data;
  memset (out, 0, map.size);

  for (guint v = 0; v < self->n_voices;)
    {
      Voice *voice = &self->voices[v];
      gsize n = MIN (CHUNK_SAMPLES, voice->sound->n_samples - voice->position);

      for (gsize i = 0; i < n; i++)
        out[i] += voice->sound->samples[voice->position + i];
      voice->position += n;

      if (voice->position < voice->sound->n_samples)
        v++;
      else
        memmove (voice, voice + 1, (--self->n_voices - v) * sizeof (Voice));
    }

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
  buffer = mix_chunk_locked (self);
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

      /* This stops the streaming thread, so the mixer needs no lock from here on. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      self->n_voices = 0;

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
build_pipeline (CoachCuePlayer  *self,
                GError         **error)
{
  static GstAppSrcCallbacks callbacks = { .need_data = on_need_data };
  GstElement *elements[G_N_ELEMENTS (pipeline_elements) + 1];
  guint n_elements = G_N_ELEMENTS (elements);
  g_autoptr(GstCaps) caps = NULL;
  GstAudioInfo info;

  /* Synthesize the cues now, so that the first cue does not wait for it. */
  get_cue_sound (COACH_CUE_START);

  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("coach-cue-player"));

  for (guint i = 0; i < G_N_ELEMENTS (pipeline_elements); i++)
    {
      elements[i] = gst_element_factory_make (pipeline_elements[i], NULL);
      if (elements[i] == NULL)
        {
          set_missing_element_error (error, pipeline_elements[i]);
          return FALSE;
        }
      gst_bin_add (GST_BIN (self->pipeline), elements[i]);
    }

  elements[n_elements - 1] = make_sink_bin (self->sink_description != NULL
                                            ? self->sink_description : DEFAULT_SINK,
                                            error);
  if (elements[n_elements - 1] == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), elements[n_elements - 1]);

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

  self->source = elements[0];
  self->volume_element = elements[n_elements - 2];
  self->sink = find_sink (elements[n_elements - 1]);

  gst_audio_info_init (&info);
  gst_audio_info_set_format (&info, GST_AUDIO_FORMAT_F32, SAMPLE_RATE, 1, NULL);
  caps = gst_audio_info_to_caps (&info);
  g_object_set (self->source,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (self->source), &callbacks, self, NULL);
  g_object_set (self->volume_element, "volume", self->volume, NULL);

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

static gboolean
start_pipeline (CoachCuePlayer  *self,
                GError         **error)
{
  g_autoptr(GstIterator) iter = NULL;
  g_autoptr(GstBus) bus = gst_element_get_bus (self->pipeline);
  GstStateChangeReturn result;

  /* Sinks open their device on the way to READY; stop there first to tell that failure apart. */
  result = gst_element_set_state (self->pipeline, GST_STATE_READY);
  if (!check_state_change (bus, result, error))
    return FALSE;

  /* Audio sinks buffer 200 ms by default, and a cue would sound that late. The sink inside
   * autoaudiosink only exists from READY on; the device buffer is sized on the way to PAUSED. */
  iter = gst_bin_iterate_recurse (GST_BIN (self->pipeline));
  gst_iterator_foreach (iter, configure_audio_sink, NULL);

  /* Wait briefly for the first chunk to reach the sink, so that a device that fails as it
   * starts is reported here rather than by the "error" signal. */
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  result = gst_element_get_state (self->pipeline, NULL, NULL, START_TIMEOUT);
  if (!check_state_change (bus, result, error))
    return FALSE;

  self->bus_watch_id = gst_bus_add_watch (bus, on_bus_message, self);

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

/* GObject */

static void
coach_cue_player_dispose (GObject *object)
{
  CoachCuePlayer *self = COACH_CUE_PLAYER (object);

  stop_pipeline (self);

  G_OBJECT_CLASS (coach_cue_player_parent_class)->dispose (object);
}

static void
coach_cue_player_finalize (GObject *object)
{
  CoachCuePlayer *self = COACH_CUE_PLAYER (object);

  g_clear_pointer (&self->sink_description, g_free);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);

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
    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
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
    case PROP_VOLUME:
      coach_cue_player_set_volume (self, g_value_get_double (value));
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
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoachCuePlayer::error:
   * @error: what went wrong, in the COACH_CUE_PLAYER_ERROR domain, for the user
   *
   * The pipeline failed while running, for example because the sound device went away.
   * The player is silent from then on; make a new one to try again.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
coach_cue_player_init (CoachCuePlayer *self)
{
  self->volume = 1.0;
  g_mutex_init (&self->lock);
}

/**
 * coach_cue_player_new:
 * @sink_description: (nullable): a gst_parse_bin_from_description() string for the sink, such
 *   as "fakesink sync=true", or %NULL for autoaudiosink. The sink must sync to the clock: it is
 *   what paces the stream.
 *
 * Nothing is built until coach_cue_player_prepare() or the first cue.
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
 * the sound device, and waits up to two seconds for it to start. Does nothing once that has
 * succeeded. A failure is final: the player stays silent and returns the same error from then
 * on.
 *
 * From then on the player streams silence between cues, which keeps the sound device awake,
 * so drop it when no routine is running.
 */
gboolean
coach_cue_player_prepare (CoachCuePlayer  *self,
                          GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  if (self->pipeline != NULL)
    return TRUE;

  if (!build_pipeline (self, &local_error) || !start_pipeline (self, &local_error))
    {
      stop_pipeline (self);
      self->error = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * coach_cue_player_play:
 *
 * Starts @cue now, mixed over any cue still sounding. It only adds the cue to the mixer,
 * whose lock the streaming thread holds for microseconds at a time, so it never blocks the
 * main loop once the player is prepared.
 */
gboolean
coach_cue_player_play (CoachCuePlayer  *self,
                       CoachCue         cue,
                       GError         **error)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), FALSE);
  g_return_val_if_fail ((guint) cue < COACH_N_CUES, FALSE);

  if (!coach_cue_player_prepare (self, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  /* Only a burst of cues can fill the mixer; then the oldest gives way. */
  if (self->n_voices == MAX_VOICES)
    memmove (&self->voices[0], &self->voices[1], --self->n_voices * sizeof (Voice));
  self->voices[self->n_voices++] = (Voice) { get_cue_sound (cue), 0 };
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * coach_cue_player_set_volume:
 * @volume: from 0.0 (silent) to 1.0 (full); clamped to that range
 *
 * Applies to cues already sounding too.
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
 * coach_cue_player_get_sink:
 *
 * Returns: (transfer none) (nullable): the sink element the description named (the appsink
 *   or fakesink itself rather than its bin), or %NULL before the pipeline is built
 */
GstElement *
coach_cue_player_get_sink (CoachCuePlayer *self)
{
  g_return_val_if_fail (COACH_IS_CUE_PLAYER (self), NULL);

  return self->sink;
}

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
  g_autoptr(GByteArray) wav = NULL;
  guint32 data_size;

  g_return_val_if_fail ((guint) cue < COACH_N_CUES, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sound = get_cue_sound (cue);
  data_size = sound->n_samples * sizeof (gint16);
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

  /* The samples peak at PEAK_LEVEL, well inside the 16-bit range. */
  for (gsize i = 0; i < sound->n_samples; i++)
    append_le16 (wav, (guint16) (gint16) lrintf (sound->samples[i] * G_MAXINT16));

  return g_file_set_contents (path, (const char *) wav->data, wav->len, error);
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
