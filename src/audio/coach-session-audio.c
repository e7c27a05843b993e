/* coach-session-audio.c: what a guided session sounds like: cues, spoken steps and pacing beats.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens to a session's events and plays through one cue player, built when the session
 * starts and kept playing until it ends. The cues that belong to the end of a phase (its
 * countdown ticks, the next step's start, switching sides, the finish) are handed to the
 * player as the phase begins, so each sounds on the very sample of its deadline rather than
 * with the chunk after its event; the session's controls (pause, next, previous, restart)
 * take back what they void. A cue for a control sounds with the next chunk.
 * Each step's spoken cue is rendered a step or two ahead in a worker thread. The sound
 * preferences are bound to the player, so they apply at once.
 *
 * Audio is a help, never a condition: when the player cannot start or fails later, the
 * session goes on silently and one "problem" signal says why. Nothing here blocks the main
 * loop: the pipeline starts and speech renders in worker threads. */
#define G_LOG_DOMAIN "coach-session-audio"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-session-audio.h"

/* Steps whose spoken cue is rendered ahead of the current one. */
#define SPEECH_AHEAD 2
/* With more than this left of a phase, no cue is due soon: the player may relax (it takes
 * up to 100 ms to be quick again, and the first countdown tick comes 3 s before the end). */
#define RELAX_SECONDS 4
/* A get-ready period at least this long carries the spoken cue, before the start tone. */
#define SPEAK_IN_GET_READY_SECONDS 2

struct _CoachSessionAudio
{
  GObject          parent_instance;

  CoachSession    *session;
  CoachCatalog    *catalog;
  CoachSettings   *settings;
  CoachCuePlayer  *player;
  GCancellable    *cancellable;
  gboolean         ready;
  char            *problem;

  GArray          *planned;    /* Planned: cues handed to the player ahead of their events */
  gint64           planned_end; /* the phase end they were planned for, or -1 */

  char            *cue_suffix; /* said after each step's cue, or NULL */

  GPtrArray       *speech;     /* CoachSpeech or NULL, per routine item */
  GArray          *requested;  /* gboolean per item: rendering asked for */
  int              spoken;     /* the item whose cue was spoken last, or -1 */
  guint            generation; /* counts changes of the wording */
};

typedef struct {
  CoachCue cue;
  gint64   due;   /* the ideal time of the event it belongs to */
} Planned;

G_DEFINE_FINAL_TYPE (CoachSessionAudio, coach_session_audio, G_TYPE_OBJECT)

enum {
  SIGNAL_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reports the first problem only: one explanation is enough, and the session goes on. */
static void
report (CoachSessionAudio *self,
        const GError      *error)
{
  if (self->problem != NULL)
    return;
  self->problem = g_strdup (error->message);
  g_debug ("Audio problem: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, self->problem);
}

/* The player is gone for good after an error: the rest of the session is silent. */
static void
drop_player (CoachSessionAudio *self,
             const GError      *error)
{
  report (self, error);
  self->ready = FALSE;
  g_clear_object (&self->player);
}

static const CoachStep *
item_step (CoachSessionAudio *self,
           guint              index)
{
  const CoachRoutineItem *item = coach_routine_get_item (coach_session_get_routine (self->session), index);
  CoachTechnique *technique = coach_catalog_lookup (self->catalog, item->technique);

  return technique != NULL ? coach_technique_get_step (technique, item->step) : NULL;
}

static void
play (CoachSessionAudio *self,
      CoachCue           cue)
{
  g_autoptr(GError) error = NULL;

  if (self->player == NULL || !self->ready)
    return;
  if (!coach_cue_player_play (self->player, cue, &error))
    drop_player (self, error);
}

/* Where @cue at @due is in the plan, or -1. */
static int
find_planned (CoachSessionAudio *self,
              CoachCue           cue,
              gint64             due)
{
  for (guint i = 0; i < self->planned->len; i++)
    {
      const Planned *p = &g_array_index (self->planned, Planned, i);

      if (p->cue == cue && p->due == due)
        return i;
    }
  return -1;
}

/* The cue of an event at @ideal_time: nothing if it was planned (the player has it on its
 * sample already), else now. */
static void
play_for_event (CoachSessionAudio *self,
                CoachCue           cue,
                gint64             ideal_time)
{
  int planned = find_planned (self, cue, ideal_time);

  if (planned >= 0)
    g_array_remove_index_fast (self->planned, planned);
  else
    play (self, cue);
}

static void
plan (CoachSessionAudio *self,
      CoachCue           cue,
      gint64             due,
      gint64             now)
{
  Planned planned = { cue, due };
  g_autoptr(GError) error = NULL;

  /* Due already: its event comes now and plays it. */
  if (due <= now || self->player == NULL || find_planned (self, cue, due) >= 0)
    return;

  if (!coach_cue_player_play_at (self->player, cue, due, &error))
    {
      drop_player (self, error);
      return;
    }
  g_array_append_val (self->planned, planned);
}

/* Takes back every planned cue that has not sounded: the session's schedule changed. */
static void
cancel_plan (CoachSessionAudio *self)
{
  if (self->player != NULL)
    coach_cue_player_cancel_scheduled (self->player);
  g_array_set_size (self->planned, 0);
  self->planned_end = -1;
}

/* Hands the player the cues that come with the end of the current phase, as its events will
 * ask for them: the countdown ticks of a step, then the start of the next step, the switch to
 * the other side, or the finish. Only while the sound plays: the cues of a late start come
 * with their events. */
static void
plan_phase_end (CoachSessionAudio *self)
{
  gint64 end = coach_session_get_phase_end (self->session);
  gint64 now = g_get_monotonic_time ();
  gboolean no_get_ready = coach_session_get_get_ready_seconds (self->session) == 0;

  if (self->player == NULL || !self->ready || end < 0 || !coach_cue_player_get_cues_enabled (self->player))
    return;

  if (coach_session_get_state (self->session) == COACH_SESSION_STATE_RUNNING)
    {
      guint seconds = coach_session_get_phase_length (self->session) / G_USEC_PER_SEC;

      /* As the session counts: the last three whole seconds after the step's start. */
      for (guint k = MIN (COACH_SESSION_COUNTDOWN_SECONDS, seconds > 0 ? seconds - 1 : 0); k >= 1; k--)
        plan (self, COACH_CUE_TICK, end - k * G_USEC_PER_SEC, now);
    }

  switch (coach_session_get_next_state (self->session))
    {
    case COACH_SESSION_STATE_RUNNING:
      plan (self, COACH_CUE_START, end, now);
      break;
    case COACH_SESSION_STATE_SWITCH_SIDES:
      plan (self, COACH_CUE_SWITCH_SIDES, end, now);
      if (no_get_ready)
        plan (self, COACH_CUE_START, end, now);
      break;
    case COACH_SESSION_STATE_GET_READY:
      if (no_get_ready)
        plan (self, COACH_CUE_START, end, now);
      break;
    case COACH_SESSION_STATE_FINISHED:
      plan (self, COACH_CUE_FINISH, end, now);
      break;
    case COACH_SESSION_STATE_IDLE:
    default:
      break;
    }
  self->planned_end = end;
}

/* A phase began at @time: if the last one ran out as planned, what was planned for its end is
 * sounding or about to, and the new phase adds its own; otherwise a control cut it short, and
 * the plan starts over. */
static void
plan_new_phase (CoachSessionAudio *self,
                gint64             time)
{
  if (time != self->planned_end)
    cancel_plan (self);
  /* Drop what belonged to earlier phases, its events handled. */
  for (guint i = self->planned->len; i-- > 0;)
    if (g_array_index (self->planned, Planned, i).due < time)
      g_array_remove_index_fast (self->planned, i);
  plan_phase_end (self);
}

/* The schedule moved (a pause, a new get-ready length, cues turned on): plan afresh. */
static void
replan (CoachSessionAudio *self)
{
  cancel_plan (self);
  if (self->session != NULL && !coach_session_get_paused (self->session))
    plan_phase_end (self);
}

static void
speak (CoachSessionAudio *self,
       guint              index)
{
  CoachSpeech *speech = index < self->speech->len ? g_ptr_array_index (self->speech, index) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->player == NULL || !self->ready || speech == NULL || self->spoken == (int) index)
    return;
  self->spoken = index;
  if (!coach_cue_player_speak (self->player, speech, &error))
    drop_player (self, error);
}

/* Whether the current step's words may be said now, outside its events: only once the session
 * has started, and not while it is paused or after it has finished. */
static gboolean
may_speak_now (CoachSessionAudio *self)
{
  CoachSessionState state;

  if (self->session == NULL || coach_session_get_paused (self->session))
    return FALSE;
  state = coach_session_get_state (self->session);
  return state != COACH_SESSION_STATE_IDLE && state != COACH_SESSION_STATE_FINISHED;
}

/* Callbacks hold the object weakly: dropping it cancels its work and silences it at once. */
typedef struct {
  GWeakRef  self;
  guint     index;
  guint     generation;  /* of the wording it was asked for */
} SpeechRequest;

static void
speech_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SpeechRequest *request = user_data;
  g_autoptr(CoachSessionAudio) self = g_weak_ref_get (&request->self);
  guint index = request->index;
  guint generation = request->generation;
  g_autoptr(GError) error = NULL;
  CoachSpeech *speech;

  g_weak_ref_clear (&request->self);
  g_free (request);
  speech = coach_cue_player_prepare_speech_finish (COACH_CUE_PLAYER (object), result, &error);
  /* Gone, or worded before the wording changed: a newer request is on its way. */
  if (self == NULL || self->speech == NULL || generation != self->generation)
    {
      g_clear_pointer (&speech, coach_speech_unref);
      return;
    }
  if (speech == NULL)
    {
      /* Without this step's words the session still has its cues. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report (self, error);
      return;
    }

  if (g_ptr_array_index (self->speech, index) != NULL)
    coach_speech_unref (g_ptr_array_index (self->speech, index));
  g_ptr_array_index (self->speech, index) = speech;

  /* Rendered late: still worth saying while its step is the current one. */
  if (may_speak_now (self) && coach_session_get_index (self->session) == index)
    speak (self, index);
}

static void
prepare_speech (CoachSessionAudio *self,
                guint              from)
{
  guint n = self->speech->len;

  if (self->player == NULL)
    return;
  for (guint i = from; i < MIN (from + 1 + SPEECH_AHEAD, n); i++)
    {
      const CoachStep *step;
      SpeechRequest *request;
      g_autofree char *text = NULL;

      if (g_array_index (self->requested, gboolean, i))
        continue;
      step = item_step (self, i);
      if (step == NULL)
        continue;
      g_array_index (self->requested, gboolean, i) = TRUE;
      request = g_new0 (SpeechRequest, 1);
      g_weak_ref_init (&request->self, self);
      request->index = i;
      request->generation = self->generation;
      if (self->cue_suffix != NULL)
        text = g_strdup_printf ("%s %s", coach_step_get_cue (step), self->cue_suffix);
      else
        text = g_strdup (coach_step_get_cue (step));
      coach_cue_player_prepare_speech_async (self->player, text, self->cancellable,
                                             speech_ready, request);
    }
}

static void
update_pacing (CoachSessionAudio *self)
{
  const CoachStep *step;
  gboolean running;

  if (self->player == NULL)
    return;
  running = coach_session_get_state (self->session) == COACH_SESSION_STATE_RUNNING &&
            !coach_session_get_paused (self->session);
  step = running ? item_step (self, coach_session_get_index (self->session)) : NULL;
  coach_cue_player_set_pacing (self->player, step != NULL ? step->tempo : 0.0);
}

/* Lets the player stream silence cheaply while no cue can come: most of a long step. */
static void
update_relaxed (CoachSessionAudio *self,
                guint              seconds_left)
{
  CoachSessionState state = coach_session_get_state (self->session);
  gboolean relaxed = coach_session_get_paused (self->session) ||
                     ((state == COACH_SESSION_STATE_RUNNING || state == COACH_SESSION_STATE_GET_READY ||
                       state == COACH_SESSION_STATE_SWITCH_SIDES) &&
                      seconds_left > RELAX_SECONDS);

  if (self->player != NULL)
    coach_cue_player_set_relaxed (self->player, relaxed);
}

static void
on_event (CoachSession      *session,
          CoachSessionEvent  kind,
          guint              index,
          guint              seconds_left,
          gint64             ideal_time,
          CoachSessionAudio *self)
{
  switch (kind)
    {
    case COACH_SESSION_EVENT_GET_READY:
    case COACH_SESSION_EVENT_SWITCH_SIDES:
      if (kind == COACH_SESSION_EVENT_SWITCH_SIDES)
        play_for_event (self, COACH_CUE_SWITCH_SIDES, ideal_time);
      plan_new_phase (self, ideal_time);
      /* Back to a step already spoken (previous, restart): say it again. */
      if (self->spoken == (int) index)
        self->spoken = -1;
      prepare_speech (self, index);
      if (seconds_left >= SPEAK_IN_GET_READY_SECONDS)
        speak (self, index);
      update_pacing (self);
      update_relaxed (self, seconds_left);
      break;
    case COACH_SESSION_EVENT_STEP_STARTED:
      play_for_event (self, COACH_CUE_START, ideal_time);
      plan_new_phase (self, ideal_time);
      /* After the tone: the player never lets speech sound over a cue. */
      speak (self, index);
      prepare_speech (self, index);
      update_pacing (self);
      /* The start tone and the words are sounding; relax from the next second. */
      update_relaxed (self, 0);
      break;
    case COACH_SESSION_EVENT_SECOND:
      update_relaxed (self, seconds_left);
      break;
    case COACH_SESSION_EVENT_COUNTDOWN:
      play_for_event (self, COACH_CUE_TICK, ideal_time);
      break;
    case COACH_SESSION_EVENT_STEP_FINISHED:
      update_pacing (self);
      break;
    case COACH_SESSION_EVENT_ROUTINE_FINISHED:
      update_pacing (self);
      if (self->player != NULL)
        coach_cue_player_stop_speech (self->player);
      update_relaxed (self, 0);
      play_for_event (self, COACH_CUE_FINISH, ideal_time);
      cancel_plan (self);
      break;
    default:
      break;
    }
}

static void
on_paused (CoachSession      *session,
           GParamSpec        *pspec,
           CoachSessionAudio *self)
{
  if (self->player != NULL && coach_session_get_paused (session))
    coach_cue_player_stop_speech (self->player);
  /* Paused, nothing is due; resumed, the phase ends later by the pause's length. */
  replan (self);
  update_pacing (self);
  /* Resuming may start a step at once: be quick again. */
  update_relaxed (self, coach_session_get_paused (session) ? G_MAXUINT : 0);
}

static void
on_schedule_changed (GObject           *object,
                     GParamSpec        *pspec,
                     CoachSessionAudio *self)
{
  replan (self);
}

static void
on_player_error (CoachCuePlayer    *player,
                 const GError      *error,
                 CoachSessionAudio *self)
{
  drop_player (self, error);
}

static void
prepared (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(CoachSessionAudio) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  gboolean ok = coach_cue_player_prepare_finish (COACH_CUE_PLAYER (object), result, &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL)
    return;
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->player == (gpointer) object)
        drop_player (self, error);
      return;
    }

  if (self->player == (gpointer) object)
    {
      self->ready = TRUE;
      /* The first step may have started while the device was opening. */
      if (may_speak_now (self))
        speak (self, coach_session_get_index (self->session));
      if (self->session != NULL)
        {
          update_pacing (self);
          replan (self);
        }
    }
}

static void
speech_free (gpointer speech)
{
  if (speech != NULL)
    coach_speech_unref (speech);
}

static void
coach_session_audio_dispose (GObject *object)
{
  CoachSessionAudio *self = COACH_SESSION_AUDIO (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  g_clear_object (&self->session);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->speech, g_ptr_array_unref);
  g_clear_pointer (&self->requested, g_array_unref);
  g_clear_pointer (&self->planned, g_array_unref);

  G_OBJECT_CLASS (coach_session_audio_parent_class)->dispose (object);
}

static void
coach_session_audio_finalize (GObject *object)
{
  CoachSessionAudio *self = COACH_SESSION_AUDIO (object);

  g_free (self->problem);
  g_free (self->cue_suffix);

  G_OBJECT_CLASS (coach_session_audio_parent_class)->finalize (object);
}

static void
coach_session_audio_class_init (CoachSessionAudioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_session_audio_dispose;
  object_class->finalize = coach_session_audio_finalize;

  /**
   * CoachSessionAudio::problem:
   * @message: a translated explanation that says what to do
   *
   * Sound stopped or never started; the session goes on silently. Emitted once at most.
   */
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
coach_session_audio_init (CoachSessionAudio *self)
{
  self->cancellable = g_cancellable_new ();
  self->spoken = -1;
  self->planned = g_array_new (FALSE, FALSE, sizeof (Planned));
  self->planned_end = -1;
}

/**
 * coach_session_audio_new:
 * @sink_description: (nullable): a GStreamer sink description, %NULL for the default device
 *
 * Makes @session heard from now on, following the sound preferences in @settings.
 */
CoachSessionAudio *
coach_session_audio_new (CoachSession  *session,
                         CoachCatalog  *catalog,
                         CoachSettings *settings,
                         const char    *sink_description)
{
  CoachSessionAudio *self;
  guint n;

  g_return_val_if_fail (COACH_IS_SESSION (session), NULL);
  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (COACH_IS_SETTINGS (settings), NULL);

  self = g_object_new (COACH_TYPE_SESSION_AUDIO, NULL);
  self->session = g_object_ref (session);
  self->catalog = g_object_ref (catalog);
  self->settings = g_object_ref (settings);

  n = coach_session_get_n_items (session);
  self->speech = g_ptr_array_new_full (n, speech_free);
  g_ptr_array_set_size (self->speech, n);
  self->requested = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (self->requested, n);

  self->player = coach_cue_player_new (sink_description);
  g_object_bind_property (settings, "cue-sounds", self->player, "cues-enabled", G_BINDING_SYNC_CREATE);
  g_object_bind_property (settings, "voice-guidance", self->player, "voice-enabled", G_BINDING_SYNC_CREATE);
  g_object_bind_property (settings, "pacing-beats", self->player, "pacing-enabled", G_BINDING_SYNC_CREATE);
  g_object_bind_property (settings, "volume", self->player, "volume", G_BINDING_SYNC_CREATE);
  coach_cue_player_set_voice_language (self->player, g_get_language_names ());
  g_signal_connect_object (self->player, "error", G_CALLBACK (on_player_error), self, 0);
  g_signal_connect_object (self->player, "notify::cues-enabled", G_CALLBACK (on_schedule_changed), self, 0);
  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    coach_cue_player_prepare_async (self->player, self->cancellable, prepared, ref);
  }

  g_signal_connect_object (session, "event", G_CALLBACK (on_event), self, 0);
  g_signal_connect_object (session, "notify::paused", G_CALLBACK (on_paused), self, 0);
  g_signal_connect_object (session, "notify::get-ready-seconds", G_CALLBACK (on_schedule_changed), self, 0);
  prepare_speech (self, coach_session_get_index (session));

  return self;
}

/* Returns: (transfer none) (nullable): the player, or %NULL once sound has failed. */
CoachCuePlayer *
coach_session_audio_get_player (CoachSessionAudio *self)
{
  g_return_val_if_fail (COACH_IS_SESSION_AUDIO (self), NULL);

  return self->player;
}

/* Whether the sound device is open and cues play. */
gboolean
coach_session_audio_is_ready (CoachSessionAudio *self)
{
  g_return_val_if_fail (COACH_IS_SESSION_AUDIO (self), FALSE);

  return self->ready;
}

/* Returns: (nullable): the problem reported, if any. */
const char *
coach_session_audio_get_problem (CoachSessionAudio *self)
{
  g_return_val_if_fail (COACH_IS_SESSION_AUDIO (self), NULL);

  return self->problem;
}

/**
 * coach_session_audio_set_cue_suffix:
 * @suffix: (nullable): a few words said after every step's cue from now on, such as how the
 *   pressure should differ in a partner massage; %NULL for none
 *
 * The steps still to come are worded again, ahead of their time as always; the step being
 * spoken is not repeated.
 */
void
coach_session_audio_set_cue_suffix (CoachSessionAudio *self,
                                    const char        *suffix)
{
  guint current;

  g_return_if_fail (COACH_IS_SESSION_AUDIO (self));

  if (g_strcmp0 (self->cue_suffix, suffix) == 0)
    return;
  g_free (self->cue_suffix);
  self->cue_suffix = g_strdup (suffix);
  self->generation++;
  if (self->speech == NULL)
    return;

  /* Every step not yet spoken gets the new words. */
  current = self->session != NULL ? coach_session_get_index (self->session) : 0;
  for (guint i = 0; i < self->speech->len; i++)
    if ((int) i != self->spoken)
      {
        if (g_ptr_array_index (self->speech, i) != NULL)
          coach_speech_unref (g_ptr_array_index (self->speech, i));
        g_ptr_array_index (self->speech, i) = NULL;
        g_array_index (self->requested, gboolean, i) = FALSE;
      }
  prepare_speech (self, current);
}

typedef struct {
  GWeakRef  self;
} SayRequest;

static void
phrase_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SayRequest *request = user_data;
  g_autoptr(CoachSessionAudio) self = g_weak_ref_get (&request->self);
  g_autoptr(GError) error = NULL;
  CoachSpeech *speech;

  g_weak_ref_clear (&request->self);
  g_free (request);
  speech = coach_cue_player_prepare_speech_finish (COACH_CUE_PLAYER (object), result, &error);
  if (speech == NULL)
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report (self, error);
      return;
    }

  if (self != NULL && self->player != NULL && self->ready && may_speak_now (self))
    {
      g_autoptr(GError) speak_error = NULL;

      if (!coach_cue_player_speak (self->player, speech, &speak_error))
        drop_player (self, speak_error);
    }
  coach_speech_unref (speech);
}

/**
 * coach_session_audio_say:
 * @text: a phrase, such as a partner massage's pressure check-in
 *
 * Says @text once it is rendered (at once if it was said before), in place of any words
 * still being spoken, and never over a cue tone; not while the session is paused.
 */
void
coach_session_audio_say (CoachSessionAudio *self,
                         const char        *text)
{
  SayRequest *request;

  g_return_if_fail (COACH_IS_SESSION_AUDIO (self));
  g_return_if_fail (text != NULL);

  if (self->player == NULL)
    return;
  request = g_new0 (SayRequest, 1);
  g_weak_ref_init (&request->self, self);
  coach_cue_player_prepare_speech_async (self->player, text, self->cancellable, phrase_ready, request);
}
