/* bench-session.c: a real-time routine of short steps on the real main loop, with its cues
 * played to a fake sink: how close step events come to their deadlines, how far the routine
 * drifts, and how soon a step's cue reaches the sink.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Errors are measured against times computed here from the start time and the durations, not
 * against the engine's own idea of them. A cue's latency runs from the ideal step boundary to
 * the moment its first sample is heard: the time the (synchronised) fake sink renders the
 * buffer holding it, plus the sample's place in that buffer. Reported as a distance, so a cue
 * early by some amount counts as much as one that late. */
#include "config.h"

#include <gst/audio/audio.h>
#include <math.h>
#include <string.h>

#include "bench-util.h"
#include "coach-session-audio.h"

#define N_STEPS 64
#define STEP_SECONDS 1
/* Quieter than any cue's first sample after its 6 ms attack has begun. */
#define SOUND_THRESHOLD 1e-4f
/* A sound starts after at least this much silence (a tone's zero crossings are shorter). */
#define ONSET_SILENCE (48000 / 200)

typedef struct {
  GMainLoop *loop;
  gint64     start;
  gint64     expected[N_STEPS * 2];   /* ideal STEP_STARTED and STEP_FINISHED times */
  GArray    *boundary_errors;         /* double, ms */
  gint64     finished_at;
  gint64     boundaries[N_STEPS];     /* ideal STEP_STARTED times, for the cue latency */
  gint64     heard[N_STEPS];          /* when the sound nearest each boundary began */
  GMutex     lock;
  guint      silent;                  /* samples of silence up to the end of the last buffer */
} Bench;

static void
on_event (CoachSession      *session,
          CoachSessionEvent  kind,
          guint              index,
          guint              seconds_left,
          gint64             ideal_time,
          Bench             *b)
{
  gint64 now = g_get_monotonic_time ();
  gint64 expected;

  switch (kind)
    {
    case COACH_SESSION_EVENT_STEP_STARTED:
      expected = b->start + (gint64) index * STEP_SECONDS * G_USEC_PER_SEC;
      break;
    case COACH_SESSION_EVENT_STEP_FINISHED:
      expected = b->start + (gint64) (index + 1) * STEP_SECONDS * G_USEC_PER_SEC;
      break;
    case COACH_SESSION_EVENT_ROUTINE_FINISHED:
      b->finished_at = now;
      g_main_loop_quit (b->loop);
      return;
    default:
      return;
    }

  {
    double error_ms = (now - expected) / 1000.0;
    g_array_append_val (b->boundary_errors, error_ms);
  }
}

/* Runs in the streaming thread as each buffer is rendered on the clock: buffer by buffer, at
 * the time its first sample is due. */
static void
on_handoff (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Bench      *b)
{
  gint64 now = g_get_monotonic_time ();
  GstMapInfo map;
  GstAudioInfo info;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);

  if (caps == NULL || !gst_audio_info_from_caps (&info, caps) || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;
  g_assert (GST_AUDIO_INFO_FORMAT (&info) == GST_AUDIO_FORMAT_F32 && GST_AUDIO_INFO_CHANNELS (&info) == 1);

  g_mutex_lock (&b->lock);
  for (gsize i = 0; i < map.size / sizeof (float); i++)
    {
      gint64 onset;
      int nearest = -1;

      if (fabsf (((const float *) map.data)[i]) <= SOUND_THRESHOLD)
        {
          b->silent++;
          continue;
        }
      if (b->silent < ONSET_SILENCE)
        {
          b->silent = 0;
          continue;
        }
      b->silent = 0;

      /* A sound begins: it belongs to the nearest boundary, early or late. */
      onset = now + (gint64) i * G_USEC_PER_SEC / GST_AUDIO_INFO_RATE (&info);
      for (int k = 0; k < N_STEPS; k++)
        if (b->boundaries[k] != 0 &&
            (nearest < 0 || llabs (onset - b->boundaries[k]) < llabs (onset - b->boundaries[nearest])))
          nearest = k;
      if (nearest >= 0 && b->heard[nearest] == 0 &&
          llabs (onset - b->boundaries[nearest]) < STEP_SECONDS * G_USEC_PER_SEC / 2)
        b->heard[nearest] = onset;
    }
  g_mutex_unlock (&b->lock);
  gst_buffer_unmap (buffer, &map);
}

static double
percentile (GArray *values,
            double  p)
{
  return bench_percentile ((double *) values->data, values->len, p);
}

static gboolean
audio_settled (gpointer data)
{
  CoachSessionAudio *audio = data;

  return coach_session_audio_is_ready (audio) || coach_session_audio_get_problem (audio) != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(CoachSettings) settings = NULL;
  g_autoptr(CoachRoutine) routine = coach_routine_new ("Benchmark");
  g_autoptr(CoachSession) session = NULL;
  g_autoptr(CoachSessionAudio) audio = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) distances = g_array_new (FALSE, FALSE, sizeof (double));
  double earliest = G_MAXDOUBLE;
  GstElement *sink;
  Bench b = { 0 };
  double max_error = 0;

  gst_init (&argc, &argv);
  g_mutex_init (&b.lock);
  b.loop = g_main_loop_new (NULL, FALSE);
  b.boundary_errors = g_array_new (FALSE, FALSE, sizeof (double));

  catalog = coach_catalog_new_with_user_dir (NULL);
  settings = coach_settings_new_default ();
  /* Cues only: spoken steps would not fit one-second steps. */
  g_object_set (settings, "cue-sounds", TRUE, "voice-guidance", FALSE, "pacing-beats", FALSE, NULL);

  for (guint i = 0; i < N_STEPS; i++)
    coach_routine_append (routine, "self-calming-finish", 1, STEP_SECONDS, COACH_SIDE_NONE);

  session = coach_session_new (routine, 0, NULL, NULL);
  audio = coach_session_audio_new (session, catalog, settings,
                                   "fakesink sync=true signal-handoffs=true");
  /* The player opens its device while the person reads the first screen; wait for it. */
  while (!audio_settled (audio))
    g_main_context_iteration (NULL, TRUE);
  if (coach_session_audio_get_problem (audio) != NULL)
    g_error ("No audio: %s", coach_session_audio_get_problem (audio));
  sink = coach_cue_player_get_sink (coach_session_audio_get_player (audio));
  g_signal_connect (sink, "handoff", G_CALLBACK (on_handoff), &b);

  g_signal_connect (session, "event", G_CALLBACK (on_event), &b);
  coach_session_attach (session, NULL);
  g_mutex_lock (&b.lock);
  b.start = g_get_monotonic_time ();
  for (guint i = 0; i < N_STEPS; i++)
    b.boundaries[i] = b.start + (gint64) i * STEP_SECONDS * G_USEC_PER_SEC;
  g_mutex_unlock (&b.lock);
  coach_session_start (session);
  g_main_loop_run (b.loop);

  /* Let the last cue reach the sink. */
  {
    gint64 end = g_get_monotonic_time () + 200000;
    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }

  for (guint i = 0; i < b.boundary_errors->len; i++)
    max_error = MAX (max_error, fabs (g_array_index (b.boundary_errors, double, i)));
  g_mutex_lock (&b.lock);
  for (guint i = 0; i < N_STEPS; i++)
    if (b.heard[i] != 0)
      {
        double ms = (b.heard[i] - b.boundaries[i]) / 1000.0;

        g_array_append_val (latencies, ms);
        earliest = MIN (earliest, ms);
        ms = fabs (ms);
        g_array_append_val (distances, ms);
      }
  g_mutex_unlock (&b.lock);
  if (latencies->len < N_STEPS * 9 / 10)
    g_error ("Only %u of %d step cues reached the sink", latencies->len, N_STEPS);

  g_print ("steps: %d\n", N_STEPS);
  g_print ("boundary_error_ms_p50: %.3f ms\n", percentile (b.boundary_errors, 50));
  g_print ("boundary_error_ms_p99: %.3f ms\n", percentile (b.boundary_errors, 99));
  g_print ("boundary_error_ms_max: %.3f ms\n", max_error);
  g_print ("total_drift_ms: %.3f ms\n",
           (b.finished_at - (b.start + (gint64) N_STEPS * STEP_SECONDS * G_USEC_PER_SEC)) / 1000.0);
  g_print ("cue_latency_ms_p50: %.3f ms\n", percentile (distances, 50));
  g_print ("cue_latency_ms_p95: %.3f ms\n", percentile (distances, 95));
  g_print ("cue_latency_ms_max: %.3f ms\n", percentile (distances, 100));
  g_print ("cue_latency_ms_earliest: %+.3f ms\n", earliest);

  g_array_unref (b.boundary_errors);
  g_main_loop_unref (b.loop);
  g_mutex_clear (&b.lock);
  return 0;
}
