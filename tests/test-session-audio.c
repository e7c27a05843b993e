/* test-session-audio.c: a guided session heard through CoachSessionAudio: cues on the schedule,
 * spoken steps, pacing beats, live preferences, pauses and the silent fallback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs a short routine on the real clock and the real main loop, as the app does,
 * and captures what reaches a synchronised fake sink: every buffer with the monotonic time the
 * sink rendered it. Sounds are told apart by their samples: where nothing else sounds the
 * stream holds exactly a cue tone's samples. The cues of a phase's end are handed to the
 * player ahead of time and must sound on the sample of their ideal time: their spacing in the
 * stream is checked against the session's ideal times to a fraction of a millisecond, and
 * their time on the sink's clock to a few. The one cue that cannot be known ahead, the first
 * step's start as the person presses Start, comes with the next chunks. The routine with cues
 * alone runs once, for both the cue and the relaxed-mode tests. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/audio/audio.h>

#include "audio-test-util.h"
#include "coach-session-audio.h"


#define CHUNK (RATE / 100)                /* the mixer's 10 ms chunk */
#define IDLE_CHUNK (RATE / 10)            /* the silence it streams when relaxed */
#define TEST_SINK "capsfilter caps=\"audio/x-raw,format=" GST_AUDIO_NE (F32) \
                  ",rate=48000,channels=1\" ! fakesink name=sink sync=true signal-handoffs=true"
#define BEAT_PEAK 0.125                   /* -18 dBFS */
/* The templates come from 16-bit WAV renderings. */
#define TOLERANCE (1.0 / 32767 + 1e-6)
/* A change (pause, preference) is heard from the chunk after the one the sink is rendering,
 * and cut speech fades over one more: a few chunks of slack. */
#define SLACK (4 * CHUNK)
/* A planned cue against its schedule: its place in the stream relative to the other planned
 * cues (the player reads two clocks to place it), and its time on the sink's clock (found
 * from the times the sink rendered buffers, a loaded machine's wake-ups included). */
#define SPACING_TOLERANCE_MS 0.5
#define HEARD_TOLERANCE_MS 3.0
/* After ROUTINE_FINISHED: the finish chime (1.2 s) and a margin, or only the margin. */
#define TAIL_MS 1350
#define SHORT_TAIL_MS 300
#define WAIT_US (10 * G_TIME_SPAN_SECOND)  /* anything slower is a hang */

static CoachCatalog *catalog;
static GArray *cue_templates[COACH_N_CUES];
static GArray *beat_template;

/* Templates */


static void
load_templates (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-session-audio-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GArray) beats = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "sound.wav", NULL);

  for (CoachCue cue = 0; cue < COACH_N_CUES; cue++)
    {
      g_assert_true (coach_cue_player_render_wav (cue, path, &error));
      g_assert_no_error (error);
      cue_templates[cue] = read_wav (path);
      /* Whole chunks, so a cue ends where a chunk does. */
      g_assert_cmpuint (cue_templates[cue]->len % CHUNK, ==, 0);
    }

  /* One beat, then silence until the next one a second later. */
  g_assert_true (coach_cue_player_render_pacing_wav (60, 0.5, path, &error));
  g_assert_no_error (error);
  beats = read_wav (path);
  beat_template = g_array_new (FALSE, FALSE, sizeof (float));
  for (guint i = 0; i < beats->len; i++)
    if (g_array_index (beats, float, i) != 0.0f)
      g_array_set_size (beat_template, i + 1);
  /* Its last samples round to zero in 16 bits: the beat lasts whole chunks (80 ms). */
  g_array_set_size (beat_template, (beat_template->len + CHUNK - 1) / CHUNK * CHUNK);
  g_assert_cmpuint (beat_template->len, ==, 8 * CHUNK);
  memcpy (beat_template->data, beats->data, beat_template->len * sizeof (float));

  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
}

/* Capturing the stream */

typedef struct {
  gsize  offset;    /* its first sample in the capture */
  gsize  length;
  gint64 arrival;   /* monotonic µs when the sink rendered it, on the clock */
} Block;

typedef struct {
  GMutex   lock;
  GArray  *samples;   /* float */
  GArray  *blocks;    /* Block */
  gboolean closed;
} Capture;

/* In the streaming thread, as the synchronised sink renders each buffer. */
static void
on_handoff (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Capture    *capture)
{
  gint64 now = g_get_monotonic_time ();
  GstMapInfo map;

  g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
  g_assert_cmpuint (map.size % (CHUNK * sizeof (float)), ==, 0);

  g_mutex_lock (&capture->lock);
  if (!capture->closed)
    {
      Block block = { capture->samples->len, map.size / sizeof (float), now };

      g_array_append_val (capture->blocks, block);
      g_array_append_vals (capture->samples, map.data, block.length);
    }
  g_mutex_unlock (&capture->lock);

  gst_buffer_unmap (buffer, &map);
}

/* How much of the stream the sink has rendered so far. */
static gsize
capture_position (Capture *capture)
{
  gsize position;

  g_mutex_lock (&capture->lock);
  position = capture->samples->len;
  g_mutex_unlock (&capture->lock);

  return position;
}

/* A guided routine */

typedef struct {
  const char *technique;
  guint       step;
  guint       duration;
} Item;

typedef struct {
  CoachSessionEvent kind;
  guint             index;
  guint             seconds_left;
  gint64            ideal;      /* µs, from the session */
  gsize             position;   /* of the stream when it was handled */
} Event;

typedef struct _Run Run;

/* Called at each event, after it is recorded: live changes go here. */
typedef void (*RunHook) (Run         *run,
                         const Event *event);

struct _Run {
  CoachRoutine      *routine;
  CoachSettings     *settings;
  CoachSession      *session;
  CoachSessionAudio *audio;
  CoachCuePlayer    *player;       /* the audio's; a weak pointer */
  GstElement        *sink;
  gulong             handoff_id;
  GMainLoop         *loop;
  Capture            capture;
  GArray            *events;       /* Event */
  gsize              started;      /* the stream position when the session started */
  gsize              changed;      /* where a live change reached the player, or 0 */
  RunHook            hook;
  GPtrArray         *speech;       /* CoachSpeech of the first items, as the player renders them */
};

static CoachRoutine *
make_routine (const Item *items,
              guint       n_items)
{
  CoachRoutine *routine = coach_routine_new ("Test");

  for (guint i = 0; i < n_items; i++)
    {
      CoachTechnique *technique = coach_catalog_lookup (catalog, items[i].technique);
      const CoachStep *step;

      g_assert_nonnull (technique);
      step = coach_technique_get_step (technique, items[i].step);
      g_assert_nonnull (step);
      coach_routine_append (routine, items[i].technique, items[i].step, items[i].duration,
                            step->side);
    }

  return routine;
}

static const CoachStep *
catalog_step (const char *technique,
              guint       number)
{
  CoachTechnique *found = coach_catalog_lookup (catalog, technique);

  g_assert_nonnull (found);
  return coach_technique_get_step (found, number);
}

/* The sound preferences as the person left them; the memory backend is shared by the whole
 * process, so every test sets all of them. */
static CoachSettings *
make_settings (gboolean cues,
               gboolean voice,
               gboolean pacing,
               double   volume)
{
  g_autoptr(GSettings) gsettings = g_settings_new ("com.example.BackCoach");

  g_settings_set_boolean (gsettings, "cue-sounds", cues);
  g_settings_set_boolean (gsettings, "voice-guidance", voice);
  g_settings_set_boolean (gsettings, "pacing-beats", pacing);
  g_settings_set_double (gsettings, "volume", volume);

  return coach_settings_new (gsettings);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
on_event (CoachSession      *session,
          CoachSessionEvent  kind,
          guint              index,
          guint              seconds_left,
          gint64             ideal,
          Run               *run)
{
  Event event = { kind, index, seconds_left, ideal, capture_position (&run->capture) };

  g_array_append_val (run->events, event);
  if (run->hook != NULL)
    run->hook (run, &event);
  if (kind == COACH_SESSION_EVENT_ROUTINE_FINISHED)
    g_timeout_add (coach_settings_get_cue_sounds (run->settings) ? TAIL_MS : SHORT_TAIL_MS,
                   quit_loop, run->loop);
}

/* Where in the stream a live change of a player property took effect there. */
static void
on_player_changed (CoachCuePlayer *player,
                   GParamSpec     *pspec,
                   Run            *run)
{
  if (run->changed == 0)
    run->changed = capture_position (&run->capture);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
iterate_until (gint64 deadline)
{
  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* A session on the real clock with its audio, as the app makes them. */
static Run *
run_new_unprepared (const Item    *items,
                    guint          n_items,
                    guint          get_ready,
                    CoachSettings *settings)
{
  Run *run = g_new0 (Run, 1);

  g_mutex_init (&run->capture.lock);
  run->capture.samples = g_array_new (FALSE, FALSE, sizeof (float));
  run->capture.blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  run->events = g_array_new (FALSE, FALSE, sizeof (Event));
  run->speech = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_speech_unref);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->settings = g_object_ref (settings);
  run->routine = make_routine (items, n_items);
  run->session = coach_session_new (run->routine, get_ready, NULL, NULL);
  run->audio = coach_session_audio_new (run->session, catalog, settings, TEST_SINK);
  g_signal_connect (run->session, "event", G_CALLBACK (on_event), run);

  return run;
}

/* Waits until the player has started and the steps' words are rendered, and checks that
 * nothing was heard: the session has not started, or is paused. */
static void
run_prepare (Run *run)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  guint n_speech = MIN (coach_routine_get_n_items (run->routine), 3);
  GAsyncResult *results[3] = { NULL, };

  /* The player opens its device in the background. */
  while (!coach_session_audio_is_ready (run->audio))
    {
      g_assert_null (coach_session_audio_get_problem (run->audio));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_null (coach_session_audio_get_problem (run->audio));
  run->player = coach_session_audio_get_player (run->audio);
  g_assert_nonnull (run->player);
  g_object_add_weak_pointer (G_OBJECT (run->player), (gpointer *) &run->player);
  run->sink = coach_cue_player_get_sink (run->player);
  g_assert_nonnull (run->sink);
  g_assert_cmpstr (GST_OBJECT_NAME (run->sink), ==, "sink");
  run->handoff_id = g_signal_connect (run->sink, "handoff", G_CALLBACK (on_handoff),
                                      &run->capture);
  g_signal_connect (run->player, "notify::voice-enabled", G_CALLBACK (on_player_changed), run);
  g_signal_connect (run->player, "notify::cues-enabled", G_CALLBACK (on_player_changed), run);
  g_signal_connect (run->player, "notify::pacing-enabled", G_CALLBACK (on_player_changed), run);
  g_signal_connect (run->player, "notify::volume", G_CALLBACK (on_player_changed), run);

  /* The words of the first steps, which the audio asked for as it was made: once the player
   * has them for this call (from its cache, or rendered again), the audio's own have come or
   * are about to. Their lengths are what the checks need. */
  for (guint i = 0; i < n_speech; i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (run->routine, i);
      const CoachStep *step = catalog_step (item->technique, item->step);

      coach_cue_player_prepare_speech_async (run->player, coach_step_get_cue (step), NULL,
                                             on_result, &results[i]);
    }
  for (guint i = 0; i < n_speech; i++)
    {
      g_autoptr(GError) error = NULL;
      CoachSpeech *speech;

      while (results[i] == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, TRUE);
        }
      speech = coach_cue_player_prepare_speech_finish (run->player, results[i], &error);
      g_assert_no_error (error);
      g_ptr_array_add (run->speech, speech);
      g_clear_object (&results[i]);
    }

  /* Nothing sounds before the session starts, though the player plays and the first step's
   * words are ready. */
  iterate_until (g_get_monotonic_time () + 200 * 1000);
  run->started = capture_position (&run->capture);
  g_assert_cmpuint (run->started, >, 0);
  for (gsize i = 0; i < run->started; i++)
    g_assert_cmpfloat (g_array_index (run->capture.samples, float, i), ==, 0.0f);
}

/* A session and its audio ready to start: the player plays, the words are rendered. */
static Run *
run_new (const Item    *items,
         guint          n_items,
         guint          get_ready,
         CoachSettings *settings)
{
  Run *run = run_new_unprepared (items, n_items, get_ready, settings);

  run_prepare (run);
  return run;
}

static gboolean
time_out (gpointer user_data)
{
  g_error ("The routine did not finish in time");
  return G_SOURCE_REMOVE;
}

/* Runs the session to its end and a little after, as the app drives it. */
static void
run_session (Run *run)
{
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (coach_routine_get_total_duration (run->routine) +
                                      coach_routine_get_n_items (run->routine) *
                                      coach_session_get_get_ready_seconds (run->session) + 15,
                                      time_out, NULL);
  coach_session_attach (run->session, NULL);
  g_assert_true (coach_session_start (run->session));
  g_main_loop_run (run->loop);
  g_source_remove (timeout_id);
  g_assert_cmpint (coach_session_get_state (run->session), ==, COACH_SESSION_STATE_FINISHED);

  /* The capture is complete: nothing is added while it is read. */
  g_signal_handler_disconnect (run->sink, run->handoff_id);
  g_mutex_lock (&run->capture.lock);
  run->capture.closed = TRUE;
  g_mutex_unlock (&run->capture.lock);
  g_assert_null (coach_session_audio_get_problem (run->audio));
}

static void
run_free (Run *run)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  g_mutex_lock (&run->capture.lock);
  run->capture.closed = TRUE;
  g_mutex_unlock (&run->capture.lock);
  if (run->player != NULL)
    g_signal_handlers_disconnect_by_data (run->player, run);
  g_clear_object (&run->audio);
  g_clear_object (&run->session);
  /* Work still under way for the player ends, and its pipeline with it, before the next
   * test starts its own. */
  while (run->player != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_clear_object (&run->routine);
  g_clear_object (&run->settings);
  g_main_loop_unref (run->loop);
  g_array_unref (run->events);
  g_ptr_array_unref (run->speech);
  g_array_unref (run->capture.samples);
  g_array_unref (run->capture.blocks);
  g_mutex_clear (&run->capture.lock);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static GSettings *
run_gsettings (Run *run)
{
  return coach_settings_get_gsettings (run->settings);
}

/* The nth (from 0) event of that kind for that item, which must have happened. */
static const Event *
find_event (Run               *run,
            CoachSessionEvent  kind,
            guint              index,
            guint              nth)
{
  for (guint i = 0; i < run->events->len; i++)
    {
      const Event *event = &g_array_index (run->events, Event, i);

      if (event->kind == kind && event->index == index && nth-- == 0)
        return event;
    }

  g_assert_not_reached ();
}

/* Reading the stream */

static const float *
stream_of (Run   *run,
           gsize *n)
{
  *n = run->capture.samples->len;
  return (const float *) run->capture.samples->data;
}

/* The monotonic time the sample at position was heard, on the sink's clock: the stream plays
 * at its rate from a fixed start, which the earliest rendering of any buffer shows best (the
 * sink's thread wakes for each on the clock, never before, and sometimes late). */
static gint64
heard_at (Run   *run,
          gsize  position)
{
  const Block *blocks = (const Block *) run->capture.blocks->data;
  gint64 origin = G_MAXINT64;

  g_assert_cmpuint (run->capture.blocks->len, >, 0);
  for (guint i = 0; i < run->capture.blocks->len; i++)
    origin = MIN (origin, blocks[i].arrival - (gint64) blocks[i].offset * G_USEC_PER_SEC / RATE);

  return origin + (gint64) position * G_USEC_PER_SEC / RATE;
}

/* Whether the stream holds exactly cue from offset on: the cue alone, with nothing else
 * sounding in any of its chunks. */
static gboolean
cue_exactly_at (const float *stream,
                gsize        n,
                gsize        offset,
                CoachCue     cue)
{
  const float *samples = (const float *) cue_templates[cue]->data;
  gsize length = cue_templates[cue]->len;

  if (offset + length > n)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (fabsf (stream[offset + i] - samples[i]) > TOLERANCE)
      return FALSE;

  return TRUE;
}

/* How much of cue's energy is left when it is taken away from the stream at offset, as a
 * fraction, giving up above limit. */
static double
cue_residual (const float *stream,
              gsize        offset,
              CoachCue     cue,
              gsize        length,
              double       limit)
{
  const float *samples = (const float *) cue_templates[cue]->data;
  double energy = 0, residual = 0;

  for (gsize i = 0; i < length; i++)
    energy += (double) samples[i] * samples[i];
  for (gsize i = 0; i < length; i++)
    {
      double difference = stream[offset + i] - samples[i];

      residual += difference * difference;
      if (residual > limit * energy)
        return 1.0;
    }

  return residual / energy;
}

/* Whether cue sounds from offset on, under whatever else sounds: taking it away leaves a
 * small part of its energy. Beats under a tone leave a few percent; without the tone, the
 * difference has at least its whole energy. Its first chunk is checked first, which rules
 * out most places quickly. */
static gboolean
cue_present_at (const float *stream,
                gsize        n,
                gsize        offset,
                CoachCue     cue)
{
  gsize length = cue_templates[cue]->len;

  if (offset + length > n)
    return FALSE;
  /* Where the tone is loud, the stream cannot be silent. */
  if (stream[offset + CHUNK / 2] == 0.0f)
    return FALSE;
  return cue_residual (stream, offset, cue, CHUNK, 0.3) < 0.3 &&
         cue_residual (stream, offset, cue, length, 0.2) < 0.2;
}

typedef struct {
  gsize    offset;
  CoachCue cue;
} Found;

/* Every cue in the stream between from and to, in order, at the sample it starts on. Under
 * other sounds a cue also nearly matches a period or two of its tone before its start: the
 * best match in the next chunk's length is its place. */
static GArray *
find_cues (Run      *run,
           gsize     from,
           gsize     to,
           gboolean  exactly)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Found));
  gsize n;
  const float *stream = stream_of (run, &n);

  to = MIN (to, n);
  for (gsize offset = from; offset < to; offset++)
    for (CoachCue cue = 0; cue < COACH_N_CUES; cue++)
      if (exactly ? cue_exactly_at (stream, n, offset, cue)
                  : cue_present_at (stream, n, offset, cue))
        {
          Found f = { offset, cue };

          if (!exactly)
            {
              double best = 1.0;

              for (gsize o = offset; o < offset + CHUNK && o + cue_templates[cue]->len <= n; o++)
                {
                  double residual = cue_residual (stream, o, cue, cue_templates[cue]->len, best);

                  if (residual < best)
                    {
                      best = residual;
                      f.offset = o;
                    }
                }
            }
          g_array_append_val (found, f);
          offset = f.offset + cue_templates[cue]->len - 1;
          break;
        }

  return found;
}

/* Whether a sample at position is part of one of the cues found. */
static gboolean
in_cues (GArray *cues,
         gsize   position)
{
  for (guint i = 0; i < cues->len; i++)
    {
      const Found *f = &g_array_index (cues, Found, i);

      if (position >= f->offset && position < f->offset + cue_templates[f->cue]->len)
        return TRUE;
    }

  return FALSE;
}

/* Asserts the stream is silent between from and to, but for the cues found. */
static void
assert_only_cues (Run    *run,
                  GArray *cues,
                  gsize   from,
                  gsize   to)
{
  gsize n;
  const float *stream = stream_of (run, &n);

  g_assert_cmpuint (from, <=, to);
  g_assert_cmpuint (to, <=, n);
  for (gsize i = from; i < to; i++)
    if (stream[i] != 0.0f && !in_cues (cues, i))
      g_error ("Sound at %.3f s, between cues", (double) (i - run->started) / RATE);
}

static void
assert_silent (Run   *run,
               gsize  from,
               gsize  to)
{
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (Found));

  assert_only_cues (run, none, from, to);
}

/* The onsets of beats (with nothing else sounding): a sounding sample after at least a chunk
 * of silence. */
static GArray *
find_onsets (Run   *run,
             gsize  from,
             gsize  to)
{
  gsize n;
  const float *stream = stream_of (run, &n);
  GArray *onsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize silent = CHUNK;

  for (gsize i = from; i < MIN (to, n); i++)
    {
      if (stream[i] == 0.0f)
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

/* Asserts that between from and to the stream is beats alone, each whole, the first one from
 * earliest to latest, then at the tempo's spacing to the sample. */
static void
assert_beats (Run    *run,
              gsize   from,
              gsize   to,
              gsize   earliest,
              gsize   latest,
              guint   tempo,
              guint   min_beats)
{
  g_autoptr(GArray) onsets = find_onsets (run, from, to);
  const float *beat = (const float *) beat_template->data;
  gsize n, first;
  const float *stream = stream_of (run, &n);
  gsize covered = from;

  g_test_message ("%u beats at %u a minute", onsets->len, tempo);
  g_assert_cmpuint (onsets->len, >=, min_beats);
  /* The beat's first sample is a zero, on a chunk's start. */
  first = g_array_index (onsets, gsize, 0) - 1;
  g_assert_cmpuint (first % CHUNK, ==, 0);
  g_assert_cmpuint (first, >=, earliest);
  g_assert_cmpuint (first, <, latest);

  for (guint k = 0; k < onsets->len; k++)
    {
      gsize start = first + (gsize) llround (k * 60.0 * RATE / tempo);

      g_assert_cmpuint (g_array_index (onsets, gsize, k) - 1, ==, start);
      /* Nothing else sounds: silence up to the beat, then the beat itself. */
      for (gsize i = covered; i < start; i++)
        g_assert_cmpfloat (stream[i], ==, 0.0f);
      for (gsize i = 0; i < beat_template->len && start + i < MIN (to, n); i++)
        g_assert_cmpfloat (fabsf (stream[start + i] - beat[i]), <=, TOLERANCE);
      covered = start + beat_template->len;
    }
  for (gsize i = covered; i < MIN (to, n); i++)
    g_assert_cmpfloat (stream[i], ==, 0.0f);
}

static CoachCue
cue_for_event (CoachSessionEvent kind)
{
  switch (kind)
    {
    case COACH_SESSION_EVENT_STEP_STARTED:
      return COACH_CUE_START;
    case COACH_SESSION_EVENT_COUNTDOWN:
      return COACH_CUE_TICK;
    case COACH_SESSION_EVENT_SWITCH_SIDES:
      return COACH_CUE_SWITCH_SIDES;
    case COACH_SESSION_EVENT_ROUTINE_FINISHED:
      return COACH_CUE_FINISH;
    default:
      return COACH_N_CUES;
    }
}

/* The events that come with a cue, from the stream position from on. */
static GArray *
expected_cues (Run   *run,
               gsize  from)
{
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (Event));

  for (guint i = 0; i < run->events->len; i++)
    {
      const Event *event = &g_array_index (run->events, Event, i);

      if (cue_for_event (event->kind) != COACH_N_CUES && event->position >= from)
        g_array_append_val (expected, *event);
    }

  return expected;
}

/* Asserts that the cues found are those the events asked for, in order, each on the sample of
 * its ideal time. The first step's start comes with the session's start, as the person
 * presses it, so it cannot be planned: it sounds in the chunk the mixer made after its event
 * was handled (the sink renders one chunk while the next one waits) or the one after. */
static void
assert_cues_follow_events (Run    *run,
                           GArray *cues,
                           GArray *expected)
{
  gint64 start = g_array_index (run->events, Event, 0).ideal;
  const Found *reference = NULL;
  const Event *reference_event = NULL;

  g_assert_cmpuint (cues->len, ==, expected->len);
  for (guint i = 0; i < cues->len; i++)
    {
      const Found *f = &g_array_index (cues, Found, i);
      const Event *event = &g_array_index (expected, Event, i);
      double heard_ms = (heard_at (run, f->offset) - event->ideal) / 1000.0;

      g_assert_cmpint (f->cue, ==, cue_for_event (event->kind));
      if (event->ideal == start)
        {
          g_test_message ("%-16s at the start: %+6.2f ms", coach_cue_get_name (f->cue), heard_ms);
          g_assert_cmpuint (f->offset, >=, event->position);
          g_assert_cmpuint (f->offset, <=, event->position + SLACK);
          continue;
        }

      if (reference == NULL)
        {
          reference = f;
          reference_event = event;
        }
      {
        double spacing_ms = ((double) (f->offset - reference->offset) / RATE -
                             (double) (event->ideal - reference_event->ideal) / G_USEC_PER_SEC) * 1000;

        g_test_message ("%-16s %+7.3f s after the first planned: %+6.3f ms off the schedule, "
                        "heard %+6.2f ms off its time", coach_cue_get_name (f->cue),
                        (double) (event->ideal - reference_event->ideal) / G_USEC_PER_SEC,
                        spacing_ms, heard_ms);
        g_assert_cmpfloat (fabs (spacing_ms), <=, SPACING_TOLERANCE_MS);
        g_assert_cmpfloat (fabs (heard_ms), <=, HEARD_TOLERANCE_MS);
      }
    }
}

/* 1 and 7: cues alone, on a real-clock routine: a left/right pair with 4 s steps, then a step
 * of 8 s, long enough for the player to relax between its start and its countdown. Run once
 * for both tests. */

static const Item cue_routine[] = {
  { "self-kneading-lower-back", 2, 4 },
  { "self-kneading-lower-back", 3, 4 },
  { "self-calming-finish", 1, 8 },
};

static Run *cue_run;

static Run *
get_cue_run (void)
{
  if (cue_run == NULL)
    {
      g_autoptr(CoachSettings) settings = make_settings (TRUE, FALSE, FALSE, 1.0);
      guint first, n_unit;

      cue_run = run_new (cue_routine, G_N_ELEMENTS (cue_routine), 1, settings);
      /* The first two items are one left/right pair. */
      coach_routine_get_unit (cue_run->routine, 1, &first, &n_unit);
      g_assert_cmpuint (first, ==, 0);
      g_assert_cmpuint (n_unit, ==, 2);
      run_session (cue_run);
    }

  return cue_run;
}

static void
test_cues (void)
{
  Run *run = get_cue_run ();
  g_autoptr(GArray) cues = find_cues (run, run->started, G_MAXSIZE, TRUE);
  g_autoptr(GArray) expected = expected_cues (run, run->started);
  static const CoachCue order[] = {
    COACH_CUE_START, COACH_CUE_TICK, COACH_CUE_TICK, COACH_CUE_TICK,
    COACH_CUE_SWITCH_SIDES,
    COACH_CUE_START, COACH_CUE_TICK, COACH_CUE_TICK, COACH_CUE_TICK,
    COACH_CUE_START, COACH_CUE_TICK, COACH_CUE_TICK, COACH_CUE_TICK,
    COACH_CUE_FINISH,
  };
  const Found *last;
  gsize n;

  /* What the schedule asks for: a start at each step, the switch before the right side, three
   * ticks at the end of each step, and the finish. */
  g_assert_cmpuint (expected->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (cue_for_event (g_array_index (expected, Event, i).kind), ==, order[i]);
  g_assert_cmpint (g_array_index (expected, Event, 4).index, ==, 1);

  /* And what the stream holds: each of them whole, in order, spaced as scheduled. */
  assert_cues_follow_events (run, cues, expected);

  /* Nothing else: the voice and the beats are off. */
  stream_of (run, &n);
  assert_only_cues (run, cues, run->started, n);
  last = &g_array_index (cues, Found, cues->len - 1);
  g_assert_cmpuint (last->offset + cue_templates[COACH_CUE_FINISH]->len, <=, n);
}

/* 7: the player relaxes (streams silence in 100 ms buffers) during most of the long step, and
 * is quick again in time for its countdown: each tick is heard on its ideal time. */
static void
test_relaxed (void)
{
  Run *run = get_cue_run ();
  g_autoptr(GArray) cues = find_cues (run, run->started, G_MAXSIZE, TRUE);
  const Event *started = find_event (run, COACH_SESSION_EVENT_STEP_STARTED, 2, 0);
  const Block *blocks = (const Block *) run->capture.blocks->data;
  gsize last_idle_end = 0;
  guint n_idle = 0;
  guint n_ticks = 0;

  for (guint i = 0; i < run->capture.blocks->len; i++)
    if (blocks[i].offset >= started->position && blocks[i].length == IDLE_CHUNK)
      {
        n_idle++;
        last_idle_end = blocks[i].offset + blocks[i].length;
      }
  g_test_message ("%u buffers of 100 ms in the 8 s step, the last ending %.3f s into it",
                  n_idle, (double) (last_idle_end - started->position) / RATE);
  /* Relaxed from 7 s left to 4 s left: about 3 s of long buffers. */
  g_assert_cmpuint (n_idle, >=, 15);

  for (guint i = 0; i < cues->len; i++)
    {
      const Found *f = &g_array_index (cues, Found, i);
      const Event *countdown;
      double latency_ms;

      if (f->cue != COACH_CUE_TICK || f->offset < started->position)
        continue;
      countdown = find_event (run, COACH_SESSION_EVENT_COUNTDOWN, 2, n_ticks);
      /* The tick's first sample, heard on the clock, from its ideal time. */
      latency_ms = (heard_at (run, f->offset) - countdown->ideal) / 1000.0;
      g_test_message ("tick %u s before the end: %+.2f ms from its ideal time",
                      countdown->seconds_left, latency_ms);
      g_assert_cmpfloat (fabs (latency_ms), <=, HEARD_TOLERANCE_MS);
      /* No long buffer was left to play out before it. */
      g_assert_cmpuint (last_idle_end + RATE / 2, <, f->offset);
      n_ticks++;
    }
  g_assert_cmpuint (n_ticks, ==, 3);
}

/* The first sounding sample from position on, or G_MAXSIZE. */
static gsize
first_sound (Run   *run,
             gsize  position)
{
  gsize n;
  const float *stream = stream_of (run, &n);

  for (gsize i = position; i < n; i++)
    if (stream[i] != 0.0f)
      return i;

  return G_MAXSIZE;
}

static const Found *
found_at (GArray *cues,
          guint   i)
{
  g_assert_cmpuint (i, <, cues->len);
  return &g_array_index (cues, Found, i);
}

static gsize
end_of (const Found *f)
{
  return f->offset + cue_templates[f->cue]->len;
}

/* The loudness of the stream between from and to. */
static double
rms_between (Run   *run,
             gsize  from,
             gsize  to)
{
  gsize n;
  const float *stream = stream_of (run, &n);

  g_assert_cmpuint (from, <, to);
  g_assert_cmpuint (to, <=, n);
  return rms_of (stream + from, to - from);
}

static float
peak_between (Run   *run,
              gsize  from,
              gsize  to)
{
  gsize n;
  const float *stream = stream_of (run, &n);

  g_assert_cmpuint (from, <, to);
  g_assert_cmpuint (to, <=, n);
  return peak_of (stream + from, to - from);
}

/* Speech-like loudness, as test-voice finds in rendered words; where the beats are off, only
 * words sound between the tones. */
#define SPEECH_RMS 0.02

/* 2: each step's words follow its start tone, pause for a tick rather than sound with it, and
 * stop when the voice is turned off. */

static gboolean
voice_off (gpointer user_data)
{
  Run *run = user_data;

  g_settings_set_boolean (run_gsettings (run), "voice-guidance", FALSE);
  return G_SOURCE_REMOVE;
}

static void
voice_hook (Run         *run,
            const Event *event)
{
  /* The second step's words are cut by its first tick, 1 s in, and go on after it. */
  if (event->kind == COACH_SESSION_EVENT_STEP_STARTED && event->index == 1)
    g_timeout_add (1500, voice_off, run);
}

static void
test_speech (void)
{
  /* The first step is long enough for its words to end before its countdown. */
  static const Item items[] = {
    { "self-kneading-lower-back", 2, 6 },
    { "self-calming-finish", 1, 3 },
  };
  g_autoptr(CoachSettings) settings = make_settings (TRUE, TRUE, FALSE, 1.0);
  g_autoptr(Run) run = run_new (items, G_N_ELEMENTS (items), 0, settings);
  g_autoptr(GArray) cues = NULL;
  g_autoptr(GArray) expected = NULL;
  const Found *start0, *tick0, *start1, *tick1;
  double words0 = coach_speech_get_duration (g_ptr_array_index (run->speech, 0));
  gsize n, spoken_until = 0;

  run->hook = voice_hook;
  run_session (run);
  g_assert_false (coach_cue_player_get_voice_enabled (run->player));
  g_assert_cmpuint (run->changed, >, 0);

  /* Every tone whole and alone in its chunks, though words were spoken before and after the
   * tick that cut them: the speech never sounds with a tone. And the tones keep to the
   * schedule. */
  cues = find_cues (run, run->started, G_MAXSIZE, TRUE);
  expected = expected_cues (run, run->started);
  assert_cues_follow_events (run, cues, expected);
  start0 = found_at (cues, 0);
  tick0 = found_at (cues, 1);
  start1 = found_at (cues, 4);
  tick1 = found_at (cues, 5);
  g_assert_cmpint (start0->cue, ==, COACH_CUE_START);
  g_assert_cmpint (start1->cue, ==, COACH_CUE_START);
  g_assert_cmpint (tick1->cue, ==, COACH_CUE_TICK);

  /* The first step's words start as its tone ends, and are heard whole, as long as they are,
   * before the countdown. */
  stream_of (run, &n);
  g_assert_cmpuint (first_sound (run, end_of (start0)), <, end_of (start0) + CHUNK);
  for (gsize i = end_of (start0); i < tick0->offset; i++)
    if (g_array_index (run->capture.samples, float, i) != 0.0f)
      spoken_until = i;
  g_test_message ("first step: words of %.2f s heard over %.2f s, RMS %.3f", words0,
                  (double) (spoken_until + 1 - end_of (start0)) / RATE,
                  rms_between (run, end_of (start0), spoken_until));
  g_assert_cmpfloat (fabs ((double) (spoken_until + 1 - end_of (start0)) / RATE - words0), <,
                     0.02);
  g_assert_cmpfloat (rms_between (run, end_of (start0), spoken_until), >, SPEECH_RMS);
  assert_only_cues (run, cues, spoken_until + 1, start1->offset);

  /* The second step's words start after its tone too, are heard before and after its first
   * tick, until the voice is turned off; from then on only the tones sound. */
  g_assert_cmpuint (first_sound (run, end_of (start1)), <, end_of (start1) + CHUNK);
  g_test_message ("second step: RMS %.3f before its first tick, %.3f after it",
                  rms_between (run, tick1->offset - RATE / 4, tick1->offset),
                  rms_between (run, end_of (tick1), end_of (tick1) + RATE / 4));
  g_assert_cmpfloat (rms_between (run, tick1->offset - RATE / 4, tick1->offset), >, SPEECH_RMS);
  g_assert_cmpfloat (rms_between (run, end_of (tick1), end_of (tick1) + RATE / 4), >, SPEECH_RMS);
  g_assert_cmpuint (run->changed, >, end_of (tick1) + RATE / 4);
  g_test_message ("voice turned off %.2f s into the second step",
                  (double) (run->changed - start1->offset) / RATE);
  assert_only_cues (run, cues, run->changed + SLACK, n);
}

/* 3: beats at each step's tempo, none in a step without one, and none once turned off. */

static gboolean
pacing_off (gpointer user_data)
{
  Run *run = user_data;

  g_settings_set_boolean (run_gsettings (run), "pacing-beats", FALSE);
  return G_SOURCE_REMOVE;
}

static void
pacing_hook (Run         *run,
             const Event *event)
{
  /* Between the third step's third and fourth beats. */
  if (event->kind == COACH_SESSION_EVENT_STEP_STARTED && event->index == 2)
    g_timeout_add (1500, pacing_off, run);
}

static void
test_pacing (void)
{
  static const Item items[] = {
    { "partner-tapping", 2, 3 },
    { "ball-sit-buttocks", 1, 1 },
    { "self-tapping-shoulders-buttocks", 1, 3 },
  };
  g_autoptr(CoachSettings) settings = make_settings (FALSE, FALSE, TRUE, 1.0);
  g_autoptr(Run) run = NULL;
  guint tempo[G_N_ELEMENTS (items)];
  const Event *started[G_N_ELEMENTS (items)];
  gsize n;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    tempo[i] = catalog_step (items[i].technique, items[i].step)->tempo;
  g_assert_cmpuint (tempo[0], ==, 100);
  g_assert_cmpuint (tempo[1], ==, 0);
  g_assert_cmpuint (tempo[2], ==, 90);

  run = run_new (items, G_N_ELEMENTS (items), 0, settings);
  run->hook = pacing_hook;
  run_session (run);
  g_assert_false (coach_cue_player_get_pacing_enabled (run->player));
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    started[i] = find_event (run, COACH_SESSION_EVENT_STEP_STARTED, i, 0);
  stream_of (run, &n);

  /* Silent before the first step. */
  assert_silent (run, run->started, started[0]->position);
  /* The first step's beats, 0.6 s apart from its start, each whole; up to 2.9 s, as a beat due
   * right at the step's end may start and at once be cut. */
  assert_beats (run, started[0]->position, started[0]->position + (gsize) (2.9 * RATE),
                started[0]->position, started[0]->position + SLACK, tempo[0], 5);
  /* None in the step without a tempo. */
  assert_silent (run, started[1]->position + SLACK, started[2]->position);
  /* The third step's at its own tempo, until pacing is turned off; then silence. */
  g_assert_cmpuint (run->changed, >, started[2]->position + (gsize) (1.4 * RATE));
  assert_beats (run, started[2]->position, run->changed, started[2]->position,
                started[2]->position + SLACK, tempo[2], 3);
  assert_silent (run, run->changed + SLACK, n);
}

/* 4: with the cue sounds off, no tone, while the words and beats go on; turned on, the tones
 * are back. */

static gboolean
cues_on (gpointer user_data)
{
  Run *run = user_data;

  g_settings_set_boolean (run_gsettings (run), "cue-sounds", TRUE);
  return G_SOURCE_REMOVE;
}

static void
cues_hook (Run         *run,
           const Event *event)
{
  /* After the first step's last tick (2 s in), before the second step. */
  if (event->kind == COACH_SESSION_EVENT_STEP_STARTED && event->index == 0)
    g_timeout_add (2500, cues_on, run);
}

static void
test_cues_off (void)
{
  static const Item items[] = {
    { "partner-tapping", 2, 3 },
    { "partner-tapping", 3, 2 },
  };
  g_autoptr(CoachSettings) settings = make_settings (FALSE, TRUE, TRUE, 1.0);
  g_autoptr(Run) run = run_new (items, G_N_ELEMENTS (items), 0, settings);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) expected = NULL;

  run->hook = cues_hook;
  run_session (run);
  g_assert_true (coach_cue_player_get_cues_enabled (run->player));
  g_assert_cmpuint (run->changed, >, run->started + 2 * RATE);

  /* Words and beats, but no tone, though the step started and counted down. */
  before = find_cues (run, run->started, run->changed, FALSE);
  g_assert_cmpuint (before->len, ==, 0);
  g_test_message ("cues off: peak %.3f", peak_between (run, run->started, run->changed));
  g_assert_cmpfloat (peak_between (run, run->started, run->changed), >, 2 * BEAT_PEAK);

  /* Turned on, the second step has its tones, heard over the beats. */
  after = find_cues (run, run->changed, G_MAXSIZE, FALSE);
  expected = expected_cues (run, run->changed);
  g_assert_cmpuint (expected->len, ==, 3);
  assert_cues_follow_events (run, after, expected);
}

/* 4: at volume 0 nothing is heard, though everything plays; turned up, it is. */

static gboolean
volume_up (gpointer user_data)
{
  Run *run = user_data;

  g_settings_set_double (run_gsettings (run), "volume", 1.0);
  return G_SOURCE_REMOVE;
}

static void
volume_hook (Run         *run,
             const Event *event)
{
  /* Between the first and the second tick, while the words are spoken. */
  if (event->kind == COACH_SESSION_EVENT_STEP_STARTED && event->index == 0)
    g_timeout_add (1500, volume_up, run);
}

static void
test_volume (void)
{
  static const Item items[] = {
    { "partner-tapping", 2, 3 },
  };
  g_autoptr(CoachSettings) settings = make_settings (TRUE, TRUE, TRUE, 0.0);
  g_autoptr(Run) run = run_new (items, G_N_ELEMENTS (items), 0, settings);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) expected = NULL;

  g_assert_cmpfloat (coach_cue_player_get_volume (run->player), ==, 0.0);
  run->hook = volume_hook;
  run_session (run);
  g_assert_cmpfloat (coach_cue_player_get_volume (run->player), ==, 1.0);
  g_assert_cmpuint (run->changed, >, run->started + RATE);

  /* The start tone, the words, the beats and a tick played: silence. */
  assert_silent (run, run->started, run->changed);

  /* Then the last tick and the finish are heard, with the words and beats. */
  after = find_cues (run, run->changed + SLACK, G_MAXSIZE, FALSE);
  expected = expected_cues (run, run->changed + SLACK);
  g_assert_cmpuint (expected->len, ==, 2);
  assert_cues_follow_events (run, after, expected);
  g_assert_cmpfloat (peak_between (run, run->changed + SLACK, found_at (after, 0)->offset), >,
                     BEAT_PEAK / 2);
}

/* 5: a sink that does not exist: one problem, said once, and the session runs on silently. */

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

typedef struct {
  guint  count;
  char  *message;
} Problems;

static void
on_problem (CoachSessionAudio *audio,
            const char        *message,
            Problems          *problems)
{
  problems->count++;
  g_free (problems->message);
  problems->message = g_strdup (message);
}

static void
count_event (CoachSession      *session,
             CoachSessionEvent  kind,
             guint              index,
             guint              seconds_left,
             gint64             ideal,
             guint             *counts)
{
  counts[kind]++;
}

static void
test_fallback (void)
{
  g_autoptr(CoachRoutine) routine = make_routine (cue_routine, G_N_ELEMENTS (cue_routine));
  g_autoptr(CoachSettings) settings = make_settings (TRUE, TRUE, TRUE, 1.0);
  g_autoptr(CoachSession) session = NULL;
  g_autoptr(CoachSessionAudio) audio = NULL;
  gint64 origin = 1000 * G_USEC_PER_SEC;
  gint64 now = origin;
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  guint counts[COACH_SESSION_EVENT_ROUTINE_FINISHED + 1] = { 0, };
  Problems problems = { 0, NULL };

  session = coach_session_new (routine, 1, fake_clock, &now);
  audio = coach_session_audio_new (session, catalog, settings, "nosuchsink");
  g_signal_connect (audio, "problem", G_CALLBACK (on_problem), &problems);
  g_signal_connect (session, "event", G_CALLBACK (count_event), counts);
  g_assert_false (coach_session_audio_is_ready (audio));

  /* The session starts at once, while the player tries to start in the background. */
  g_assert_true (coach_session_start (session));
  now += 2 * G_USEC_PER_SEC;
  coach_session_update (session);
  g_assert_cmpint (coach_session_get_state (session), ==, COACH_SESSION_STATE_RUNNING);
  while (problems.count == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_test_message ("problem: %s", problems.message);
  g_assert_cmpuint (problems.count, ==, 1);
  g_assert_nonnull (problems.message);
  g_assert_cmpstr (problems.message, !=, "");
  g_assert_nonnull (strstr (problems.message, "nosuchsink"));
  g_assert_cmpstr (coach_session_audio_get_problem (audio), ==, problems.message);
  g_assert_null (coach_session_audio_get_player (audio));
  g_assert_false (coach_session_audio_is_ready (audio));

  /* Everything a session does still works, silently: pause, preferences, resume. */
  g_assert_true (coach_session_pause (session));
  g_settings_set_boolean (coach_settings_get_gsettings (settings), "voice-guidance", FALSE);
  g_settings_set_boolean (coach_settings_get_gsettings (settings), "pacing-beats", FALSE);
  g_settings_set_double (coach_settings_get_gsettings (settings), "volume", 0.5);
  now += 3 * G_USEC_PER_SEC;
  g_assert_true (coach_session_resume (session));
  while (coach_session_get_state (session) != COACH_SESSION_STATE_FINISHED)
    {
      g_assert_cmpint (now - origin, <, 60 * G_USEC_PER_SEC);
      now += G_USEC_PER_SEC / 4;
      coach_session_update (session);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  /* To its end, on schedule: the pause and nothing else delayed it. */
  g_assert_cmpuint (counts[COACH_SESSION_EVENT_STEP_STARTED], ==, 3);
  g_assert_cmpuint (counts[COACH_SESSION_EVENT_SWITCH_SIDES], ==, 1);
  g_assert_cmpuint (counts[COACH_SESSION_EVENT_COUNTDOWN], ==, 9);
  g_assert_cmpuint (counts[COACH_SESSION_EVENT_ROUTINE_FINISHED], ==, 1);
  g_assert_cmpint (now - origin, >=, (1 + 4 + 1 + 4 + 1 + 8 + 3) * G_USEC_PER_SEC);
  g_assert_cmpint (now - origin, <, (1 + 4 + 1 + 4 + 1 + 8 + 3) * G_USEC_PER_SEC +
                                    G_USEC_PER_SEC / 4);

  /* Work still under way (the words being rendered) ends without a second problem. */
  iterate_until (g_get_monotonic_time () + 300 * 1000);
  g_assert_cmpuint (problems.count, ==, 1);
  g_clear_object (&audio);
  iterate_until (g_get_monotonic_time () + 100 * 1000);
  g_assert_cmpuint (problems.count, ==, 1);
  g_free (problems.message);
}

/* 6: a pause silences the words and the beats at once; resuming brings the beats back, from
 * the resume, and the rest of the step's tones on the moved schedule. */

typedef struct {
  Run   *run;
  gsize  paused;
  gsize  resumed;
} PauseTest;

static PauseTest pause_test;

static gboolean
resume_now (gpointer user_data)
{
  PauseTest *test = user_data;

  test->resumed = capture_position (&test->run->capture);
  g_assert_true (coach_session_resume (test->run->session));
  return G_SOURCE_REMOVE;
}

static gboolean
pause_now (gpointer user_data)
{
  PauseTest *test = user_data;

  test->paused = capture_position (&test->run->capture);
  g_assert_true (coach_session_pause (test->run->session));
  g_timeout_add (1000, resume_now, test);
  return G_SOURCE_REMOVE;
}

static void
pause_hook (Run         *run,
            const Event *event)
{
  /* While the words are spoken, before the first tick. */
  if (event->kind == COACH_SESSION_EVENT_STEP_STARTED && event->index == 0)
    g_timeout_add (900, pause_now, &pause_test);
}

static void
test_pause (void)
{
  static const Item items[] = {
    { "partner-tapping", 2, 5 },
  };
  g_autoptr(CoachSettings) settings = make_settings (TRUE, TRUE, TRUE, 1.0);
  g_autoptr(Run) run = run_new (items, G_N_ELEMENTS (items), 0, settings);
  g_autoptr(GArray) cues = NULL;
  g_autoptr(GArray) expected = NULL;
  const Block *blocks;
  double words = coach_speech_get_duration (g_ptr_array_index (run->speech, 0));
  guint tempo = catalog_step ("partner-tapping", 2)->tempo;
  guint n_idle = 0;
  const Found *start;

  pause_test = (PauseTest) { run, 0, 0 };
  run->hook = pause_hook;
  run_session (run);
  g_assert_cmpuint (pause_test.paused, >, run->started);
  g_assert_cmpuint (pause_test.resumed, >, pause_test.paused + RATE / 2);

  /* The tones, on the schedule the pause moved. */
  cues = find_cues (run, run->started, G_MAXSIZE, FALSE);
  expected = expected_cues (run, run->started);
  g_assert_cmpuint (expected->len, ==, 5);
  assert_cues_follow_events (run, cues, expected);
  start = found_at (cues, 0);
  g_assert_cmpint (start->cue, ==, COACH_CUE_START);

  /* The words were being spoken, and had more to say, when the pause came. */
  g_assert_cmpuint (pause_test.paused, >, end_of (start));
  g_assert_cmpfloat (peak_between (run, end_of (start), pause_test.paused), >, 2 * BEAT_PEAK);
  g_test_message ("paused %.2f s into %.2f s of words",
                  (double) (pause_test.paused - end_of (start)) / RATE, words);
  g_assert_cmpfloat ((double) (pause_test.paused - end_of (start)) / RATE + 0.3, <, words);

  /* Paused: silence, streamed cheaply. */
  assert_silent (run, pause_test.paused + SLACK, pause_test.resumed);
  blocks = (const Block *) run->capture.blocks->data;
  for (guint i = 0; i < run->capture.blocks->len; i++)
    if (blocks[i].offset >= pause_test.paused && blocks[i].offset < pause_test.resumed &&
        blocks[i].length == IDLE_CHUNK)
      n_idle++;
  g_assert_cmpuint (n_idle, >=, 5);

  /* Resumed: beats alone at the step's tempo, without the words, up to the first tick. The
   * player left its relaxed streaming at the resume, so the first beat may wait out the long
   * buffer already on its way: 100 ms. */
  assert_beats (run, pause_test.resumed, found_at (cues, 1)->offset, pause_test.resumed,
                pause_test.resumed + IDLE_CHUNK + SLACK, tempo, 2);
}

/* The session starts, and is paused, while the player is still opening its device: once it
 * has, the first step's words are not said over the pause, nor are beats played. */
static void
test_paused_before_ready (void)
{
  static const Item items[] = {
    { "partner-tapping", 2, 5 },
  };
  g_autoptr(CoachSettings) settings = make_settings (TRUE, TRUE, TRUE, 1.0);
  g_autoptr(Run) run = run_new_unprepared (items, G_N_ELEMENTS (items), 0, settings);

  g_assert_false (coach_session_audio_is_ready (run->audio));
  g_assert_true (coach_session_start (run->session));
  g_assert_cmpint (coach_session_get_state (run->session), ==, COACH_SESSION_STATE_RUNNING);
  g_assert_true (coach_session_pause (run->session));
  run_prepare (run);
  g_assert_true (coach_session_get_paused (run->session));
  g_assert_cmpfloat (coach_cue_player_get_pacing (run->player), ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  catalog = coach_catalog_new_with_user_dir (NULL);
  load_templates ();

  g_test_add_func ("/session-audio/cues", test_cues);
  g_test_add_func ("/session-audio/relaxed", test_relaxed);
  g_test_add_func ("/session-audio/speech", test_speech);
  g_test_add_func ("/session-audio/pacing", test_pacing);
  g_test_add_func ("/session-audio/cues-off", test_cues_off);
  g_test_add_func ("/session-audio/volume", test_volume);
  g_test_add_func ("/session-audio/fallback", test_fallback);
  g_test_add_func ("/session-audio/pause", test_pause);
  g_test_add_func ("/session-audio/paused-before-ready", test_paused_before_ready);

  result = g_test_run ();

  g_clear_pointer (&cue_run, run_free);
  for (CoachCue cue = 0; cue < COACH_N_CUES; cue++)
    g_clear_pointer (&cue_templates[cue], g_array_unref);
  g_clear_pointer (&beat_template, g_array_unref);
  g_clear_object (&catalog);

  return result;
}
