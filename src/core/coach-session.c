/* coach-session.c: the guided-session engine: a routine's schedule of deadlines and its controls.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each item is a get-ready phase (or switch-sides, before the second side of a left/right
 * pair) then a running phase. A phase is an ideal start time plus a whole number of seconds;
 * the next phase starts at the ideal end of the one before, never at the time its event was
 * handled, so a late wake-up delays a cue but never the schedule. A pause freezes the phase;
 * resuming moves its start by exactly the time spent paused. Events are never counted down by
 * adding ticks: every one is due at phase_start + k seconds, and update() delivers all those
 * due by the clock's present time, each with its ideal time. Controls deliver what is due
 * first too, so what a control does never depends on how recently update() ran.
 *
 * Left/right pairs are the routine's own (coach_routine_get_unit()): the catalog numbers the
 * two sides as consecutive steps (2 left, 3 right), so "same step number" would never match.
 *
 * Signal handlers may call the controls. Events are queued and sent in order by the outermost
 * call, so a nested call never reorders them; when a handler runs, the session already shows
 * every change of that instant. */
#define G_LOG_DOMAIN "coach-session"

#include "config.h"

#include "coach-session.h"


typedef struct {
  guint    duration;   /* seconds */
  gboolean mirror;     /* the second side of a left/right pair that starts at the item before */
  gboolean done;
} SessionItem;

typedef struct {
  CoachSessionEvent kind;
  guint             index;
  guint             seconds_left;
  gint64            time;
} QueuedEvent;

typedef struct {
  GSource       source;
  CoachSession *session;   /* unowned: the session destroys the source in dispose */
} SessionSource;

struct _CoachSession
{
  GObject            parent_instance;

  CoachRoutine      *routine;
  GArray            *items;              /* SessionItem, a snapshot of the routine */
  guint              get_ready_seconds;

  CoachClockFunc     clock;
  gpointer           clock_data;

  CoachSessionState  state;
  gboolean           paused;
  gboolean           stopped;
  guint              index;

  gint64             phase_start;        /* ideal, µs; moved by resume */
  guint              phase_seconds;
  guint              tick;               /* the next whole second of the phase to announce */
  gint64             paused_at;
  gint64             stopped_run;        /* µs of the current step run when stopped */

  GArray            *queue;              /* QueuedEvent */
  gboolean           flushing;

  GSource           *source;
};

G_DEFINE_FINAL_TYPE (CoachSession, coach_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROUTINE,
  PROP_GET_READY_SECONDS,
  PROP_STATE,
  PROP_PAUSED,
  PROP_STOPPED,
  PROP_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_GET_READY_SECONDS 3600

GType
coach_session_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { COACH_SESSION_STATE_IDLE, "COACH_SESSION_STATE_IDLE", "idle" },
        { COACH_SESSION_STATE_GET_READY, "COACH_SESSION_STATE_GET_READY", "get-ready" },
        { COACH_SESSION_STATE_SWITCH_SIDES, "COACH_SESSION_STATE_SWITCH_SIDES", "switch-sides" },
        { COACH_SESSION_STATE_RUNNING, "COACH_SESSION_STATE_RUNNING", "running" },
        { COACH_SESSION_STATE_FINISHED, "COACH_SESSION_STATE_FINISHED", "finished" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("CoachSessionState", values));
    }

  return type_id;
}

GType
coach_session_event_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { COACH_SESSION_EVENT_GET_READY, "COACH_SESSION_EVENT_GET_READY", "get-ready" },
        { COACH_SESSION_EVENT_SWITCH_SIDES, "COACH_SESSION_EVENT_SWITCH_SIDES", "switch-sides" },
        { COACH_SESSION_EVENT_STEP_STARTED, "COACH_SESSION_EVENT_STEP_STARTED", "step-started" },
        { COACH_SESSION_EVENT_SECOND, "COACH_SESSION_EVENT_SECOND", "second" },
        { COACH_SESSION_EVENT_COUNTDOWN, "COACH_SESSION_EVENT_COUNTDOWN", "countdown" },
        { COACH_SESSION_EVENT_STEP_FINISHED, "COACH_SESSION_EVENT_STEP_FINISHED", "step-finished" },
        { COACH_SESSION_EVENT_ROUTINE_FINISHED, "COACH_SESSION_EVENT_ROUTINE_FINISHED",
          "routine-finished" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("CoachSessionEvent", values));
    }

  return type_id;
}

static gint64
real_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static inline SessionItem *
item_at (CoachSession *self,
         guint         index)
{
  return &g_array_index (self->items, SessionItem, index);
}

static gboolean
is_active (CoachSession *self)
{
  return self->state != COACH_SESSION_STATE_IDLE && self->state != COACH_SESSION_STATE_FINISHED;
}

static gint64
phase_length (CoachSession *self)
{
  return (gint64) self->phase_seconds * G_USEC_PER_SEC;
}

/* The ideal time of the next event: a whole second inside the phase, else its end. */
static gint64
pending_time (CoachSession *self)
{
  if (self->tick < self->phase_seconds)
    return self->phase_start + (gint64) self->tick * G_USEC_PER_SEC;
  return self->phase_start + phase_length (self);
}

/* How much of the current phase has gone by at @now; a paused phase stands still. */
static gint64
phase_elapsed (CoachSession *self,
               gint64        now)
{
  if (!is_active (self))
    return 0;
  if (self->paused)
    now = self->paused_at;
  return CLAMP (now - self->phase_start, 0, phase_length (self));
}

/* ---- Events ----------------------------------------------------------------------------- */

static void
queue_event (CoachSession      *self,
             CoachSessionEvent  kind,
             guint              index,
             guint              seconds_left,
             gint64             time)
{
  QueuedEvent event = { kind, index, seconds_left, time };

  g_array_append_val (self->queue, event);
}

/* Sends the queued events in order. A handler that calls back into the session only queues
 * more; the outermost flush sends them after the ones already waiting. */
static void
flush_events (CoachSession *self)
{
  if (self->flushing)
    return;

  self->flushing = TRUE;
  for (guint i = 0; i < self->queue->len; i++)
    {
      /* A copy: handlers may grow the queue, which moves its storage. */
      QueuedEvent event = g_array_index (self->queue, QueuedEvent, i);

      g_signal_emit (self, signals[SIGNAL_EVENT], 0,
                     event.kind, event.index, event.seconds_left, event.time);
    }
  g_array_set_size (self->queue, 0);
  self->flushing = FALSE;
}

/* ---- Transitions ------------------------------------------------------------------------ */

static void
set_state (CoachSession      *self,
           CoachSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_index (CoachSession *self,
           guint         index)
{
  if (self->index == index)
    return;
  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

static void
set_paused (CoachSession *self,
            gboolean      paused)
{
  if (self->paused == paused)
    return;
  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

static void
destroy_source (CoachSession *self)
{
  if (self->source == NULL)
    return;
  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

static void
begin_phase (CoachSession *self,
             guint         seconds,
             gint64        time)
{
  self->phase_start = time;
  self->phase_seconds = seconds;
  self->tick = 1;
  /* A phase begun while paused waits whole: the pause now counts from its beginning. */
  if (self->paused)
    self->paused_at = time;
}

/* @forward: arriving from the item before, by finishing or skipping it. Only then can the
 * person be switching sides; going back or restarting is a plain get-ready. */
static void
enter_get_ready (CoachSession *self,
                 guint         index,
                 gboolean      forward,
                 gint64        time)
{
  CoachSessionState state = forward && item_at (self, index)->mirror
                            ? COACH_SESSION_STATE_SWITCH_SIDES : COACH_SESSION_STATE_GET_READY;

  begin_phase (self, self->get_ready_seconds, time);
  set_index (self, index);
  set_state (self, state);
  g_debug ("item %u: %s for %u s", index,
           state == COACH_SESSION_STATE_SWITCH_SIDES ? "switch sides" : "get ready",
           self->phase_seconds);
  queue_event (self,
               state == COACH_SESSION_STATE_SWITCH_SIDES
               ? COACH_SESSION_EVENT_SWITCH_SIDES : COACH_SESSION_EVENT_GET_READY,
               index, self->phase_seconds, time);
}

static void
enter_step (CoachSession *self,
            gint64        time)
{
  begin_phase (self, item_at (self, self->index)->duration, time);
  set_state (self, COACH_SESSION_STATE_RUNNING);
  queue_event (self, COACH_SESSION_EVENT_STEP_STARTED, self->index, self->phase_seconds, time);
}

static void
finish (CoachSession *self,
        gboolean      stopped,
        gint64        time)
{
  if (stopped)
    {
      self->stopped_run = self->state == COACH_SESSION_STATE_RUNNING
                          ? phase_elapsed (self, time) : 0;
      self->stopped = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOPPED]);
    }
  set_paused (self, FALSE);
  set_state (self, COACH_SESSION_STATE_FINISHED);
  destroy_source (self);
  if (!stopped)
    queue_event (self, COACH_SESSION_EVENT_ROUTINE_FINISHED, self->index, 0, time);
}

/* Handles the next due event. */
static void
fire_pending (CoachSession *self)
{
  gint64 time = pending_time (self);

  if (self->tick < self->phase_seconds)
    {
      guint left = self->phase_seconds - self->tick;

      self->tick++;
      queue_event (self, COACH_SESSION_EVENT_SECOND, self->index, left, time);
      if (self->state == COACH_SESSION_STATE_RUNNING && left <= COACH_SESSION_COUNTDOWN_SECONDS)
        queue_event (self, COACH_SESSION_EVENT_COUNTDOWN, self->index, left, time);
      return;
    }

  switch (self->state)
    {
    case COACH_SESSION_STATE_GET_READY:
    case COACH_SESSION_STATE_SWITCH_SIDES:
      enter_step (self, time);
      break;

    case COACH_SESSION_STATE_RUNNING:
      {
        guint index = self->index;

        item_at (self, index)->done = TRUE;
        queue_event (self, COACH_SESSION_EVENT_STEP_FINISHED, index, 0, time);
        if (index + 1 < self->items->len)
          enter_get_ready (self, index + 1, TRUE, time);
        else
          finish (self, FALSE, time);
      }
      break;

    case COACH_SESSION_STATE_IDLE:
    case COACH_SESSION_STATE_FINISHED:
    default:
      g_assert_not_reached ();
    }
}

/* Delivers every event due by @now. Handlers may change the session, so each round looks at
 * it afresh. */
static void
advance (CoachSession *self,
         gint64        now)
{
  flush_events (self);
  while (is_active (self) && !self->paused && pending_time (self) <= now)
    {
      fire_pending (self);
      flush_events (self);
    }
}

/* ---- Driving from a main context -------------------------------------------------------- */

/* The main loop polls with a timeout in whole milliseconds, rounded up, so a source due at a
 * deadline wakes up to a millisecond after it. The source is made ready this much early and
 * sleeps the rest of the way, to land on the deadline itself. */
#define EARLY_WAKE_US 1500

static gboolean
session_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  SessionSource *session_source = (SessionSource *) source;
  CoachSession *self = session_source->session;
  gint64 deadline = coach_session_get_next_deadline (self);

  if (self->clock == real_clock && deadline >= 0)
    {
      gint64 wait = deadline - g_get_monotonic_time ();

      if (wait > 0 && wait <= EARLY_WAKE_US)
        g_usleep (wait);
    }

  /* update() sets the next ready time, or destroys the source once finished. */
  coach_session_update (self);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs session_source_funcs = {
  .dispatch = session_source_dispatch,
};

static void
rearm (CoachSession *self)
{
  gint64 deadline;

  if (self->source == NULL)
    return;
  deadline = coach_session_get_next_deadline (self);
  /* With the real clock, a little early: dispatch sleeps to the deadline itself. */
  if (deadline >= 0 && self->clock == real_clock)
    deadline = MAX (deadline - EARLY_WAKE_US, 0);
  g_source_set_ready_time (self->source, deadline);
}

/* Every public entry point runs between begin_call() and end_call(): the reference keeps the
 * session alive if a handler drops the last one, and notifications wait until the events of
 * the call have been sent, so a notify handler sees the session settled. */
static void
begin_call (CoachSession *self)
{
  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
}

static void
end_call (CoachSession *self)
{
  flush_events (self);
  rearm (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_object_unref (self);
}

/* Brings the session up to the clock before a control acts on it. Returns whether the
 * session is still under way, and the time the control happens at. */
static gboolean
catch_up (CoachSession *self,
          gint64       *now)
{
  if (!is_active (self))
    return FALSE;

  *now = self->clock (self->clock_data);
  advance (self, *now);
  return is_active (self);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
coach_session_constructed (GObject *object)
{
  CoachSession *self = COACH_SESSION (object);
  guint n;

  G_OBJECT_CLASS (coach_session_parent_class)->constructed (object);

  n = self->routine != NULL ? coach_routine_get_n_items (self->routine) : 0;
  for (guint i = 0; i < n; i++)
    {
      SessionItem item = { coach_routine_get_item (self->routine, i)->duration, FALSE, FALSE };
      guint first, n_unit;

      /* The routine's own idea of a left/right pair, so the session agrees with the editor. */
      coach_routine_get_unit (self->routine, i, &first, &n_unit);
      item.mirror = n_unit == 2 && first + 1 == i;
      g_array_append_val (self->items, item);
    }
}

static void
coach_session_dispose (GObject *object)
{
  CoachSession *self = COACH_SESSION (object);

  destroy_source (self);
  g_clear_object (&self->routine);

  G_OBJECT_CLASS (coach_session_parent_class)->dispose (object);
}

static void
coach_session_finalize (GObject *object)
{
  CoachSession *self = COACH_SESSION (object);

  g_array_unref (self->items);
  g_array_unref (self->queue);

  G_OBJECT_CLASS (coach_session_parent_class)->finalize (object);
}

static void
coach_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CoachSession *self = COACH_SESSION (object);

  switch (prop_id)
    {
    case PROP_ROUTINE:
      g_value_set_object (value, self->routine);
      break;
    case PROP_GET_READY_SECONDS:
      g_value_set_uint (value, self->get_ready_seconds);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_STOPPED:
      g_value_set_boolean (value, self->stopped);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CoachSession *self = COACH_SESSION (object);

  switch (prop_id)
    {
    case PROP_ROUTINE:
      self->routine = g_value_dup_object (value);
      break;
    case PROP_GET_READY_SECONDS:
      coach_session_set_get_ready_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_session_class_init (CoachSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_session_constructed;
  object_class->dispose = coach_session_dispose;
  object_class->finalize = coach_session_finalize;
  object_class->get_property = coach_session_get_property;
  object_class->set_property = coach_session_set_property;

  properties[PROP_ROUTINE] =
    g_param_spec_object ("routine", NULL, NULL, COACH_TYPE_ROUTINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GET_READY_SECONDS] =
    g_param_spec_uint ("get-ready-seconds", NULL, NULL, 0, MAX_GET_READY_SECONDS, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, COACH_TYPE_SESSION_STATE, COACH_SESSION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STOPPED] =
    g_param_spec_boolean ("stopped", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoachSession::event:
   * @kind: a #CoachSessionEvent
   * @index: the item it concerns
   * @seconds_left: whole seconds to the end of the phase (see #CoachSessionEvent)
   * @ideal_time: when it was due on the session's clock, in µs; a late update still gives
   *   the due time, so cues and displays can line up with the schedule
   */
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  COACH_TYPE_SESSION_EVENT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT64);
}

static void
coach_session_init (CoachSession *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (SessionItem));
  self->queue = g_array_new (FALSE, FALSE, sizeof (QueuedEvent));
  self->clock = real_clock;
  self->get_ready_seconds = 5;
}

CoachSession *
coach_session_new (CoachRoutine   *routine,
                   guint           get_ready_seconds,
                   CoachClockFunc  clock,
                   gpointer        clock_data)
{
  CoachSession *self;

  g_return_val_if_fail (COACH_IS_ROUTINE (routine), NULL);

  self = g_object_new (COACH_TYPE_SESSION,
                       "routine", routine,
                       "get-ready-seconds", get_ready_seconds,
                       NULL);
  if (clock != NULL)
    {
      self->clock = clock;
      self->clock_data = clock_data;
    }
  return self;
}

/* ---- Driving ---------------------------------------------------------------------------- */

void
coach_session_attach (CoachSession *self,
                      GMainContext *context)
{
  SessionSource *source;

  g_return_if_fail (COACH_IS_SESSION (self));

  destroy_source (self);
  if (self->state == COACH_SESSION_STATE_FINISHED)
    return;

  source = (SessionSource *) g_source_new (&session_source_funcs, sizeof (SessionSource));
  source->session = self;
  self->source = (GSource *) source;
  g_source_set_static_name (self->source, "[backcoach] session");
  /* Cues must land on their second: ahead of redraws and other idle work. */
  g_source_set_priority (self->source, G_PRIORITY_HIGH);
  rearm (self);
  g_source_attach (self->source,
                   context != NULL ? context : g_main_context_get_thread_default ());
}

void
coach_session_update (CoachSession *self)
{
  g_return_if_fail (COACH_IS_SESSION (self));

  if (!is_active (self) || self->paused)
    {
      rearm (self);
      return;
    }

  begin_call (self);
  advance (self, self->clock (self->clock_data));
  end_call (self);
}

gint64
coach_session_get_next_deadline (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), -1);

  if (!is_active (self) || self->paused)
    return -1;
  return pending_time (self);
}

/* ---- Controls --------------------------------------------------------------------------- */

gboolean
coach_session_start (CoachSession *self)
{
  gint64 now;

  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);

  if (self->state != COACH_SESSION_STATE_IDLE)
    return FALSE;

  begin_call (self);
  now = self->clock (self->clock_data);
  if (self->items->len > 0)
    enter_get_ready (self, 0, FALSE, now);
  else
    finish (self, FALSE, now);
  advance (self, now);
  end_call (self);
  return TRUE;
}

gboolean
coach_session_pause (CoachSession *self)
{
  gboolean changed = FALSE;
  gint64 now;

  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);

  if (self->paused)
    return FALSE;

  begin_call (self);
  if (catch_up (self, &now))
    {
      self->paused_at = now;
      set_paused (self, TRUE);
      changed = TRUE;
    }
  end_call (self);
  return changed;
}

gboolean
coach_session_resume (CoachSession *self)
{
  gint64 now;

  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);

  if (!is_active (self) || !self->paused)
    return FALSE;

  begin_call (self);
  now = self->clock (self->clock_data);
  /* The whole schedule hangs off this phase's start, so moving it moves everything after. */
  self->phase_start += now - self->paused_at;
  set_paused (self, FALSE);
  advance (self, now);
  end_call (self);
  return TRUE;
}

gboolean
coach_session_toggle_pause (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);

  if (self->paused)
    coach_session_resume (self);
  else
    coach_session_pause (self);
  return self->paused;
}

/* The common part of next, previous and restart_step: @target's get-ready, or the end. */
static gboolean
jump (CoachSession *self,
      int           offset)
{
  gboolean changed = FALSE;
  gint64 now;

  begin_call (self);
  if (catch_up (self, &now))
    {
      guint target;

      if (offset < 0)
        target = self->index > 0 ? self->index - 1 : 0;
      else
        target = self->index + offset;

      if (target >= self->items->len)
        {
          finish (self, FALSE, now);
        }
      else
        {
          item_at (self, target)->done = FALSE;
          enter_get_ready (self, target, offset > 0, now);
          advance (self, now);
        }
      changed = TRUE;
    }
  end_call (self);
  return changed;
}

gboolean
coach_session_next (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);
  return jump (self, 1);
}

gboolean
coach_session_previous (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);
  return jump (self, -1);
}

gboolean
coach_session_restart_step (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);
  return jump (self, 0);
}

gboolean
coach_session_stop (CoachSession *self)
{
  gboolean changed = FALSE;
  gint64 now;

  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);

  begin_call (self);
  if (catch_up (self, &now))
    {
      finish (self, TRUE, now);
      changed = TRUE;
    }
  end_call (self);
  return changed;
}

/* ---- Getters ---------------------------------------------------------------------------- */

CoachRoutine *
coach_session_get_routine (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), NULL);
  return self->routine;
}

CoachSessionState
coach_session_get_state (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), COACH_SESSION_STATE_IDLE);
  return self->state;
}

gboolean
coach_session_get_paused (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);
  return self->paused;
}

gboolean
coach_session_get_stopped (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);
  return self->stopped;
}

guint
coach_session_get_index (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);
  return self->index;
}

guint
coach_session_get_n_items (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);
  return self->items->len;
}

gboolean
coach_session_get_item_done (CoachSession *self,
                             guint         index)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);
  return item_at (self, index)->done;
}

/* Microseconds of item @index done: all of it once done, the part that has run of the current
 * step (also when stopped), else 0. Summed per technique for the history. */
gint64
coach_session_get_item_elapsed (CoachSession *self,
                                guint         index)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);
  g_return_val_if_fail (index < self->items->len, 0);

  if (item_at (self, index)->done)
    return (gint64) item_at (self, index)->duration * G_USEC_PER_SEC;
  if (index != self->index)
    return 0;
  if (self->state == COACH_SESSION_STATE_RUNNING)
    return phase_elapsed (self, self->clock (self->clock_data));
  if (self->stopped)
    return self->stopped_run;
  return 0;
}

guint
coach_session_get_get_ready_seconds (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);
  return self->get_ready_seconds;
}

void
coach_session_set_get_ready_seconds (CoachSession *self,
                                     guint         seconds)
{
  g_return_if_fail (COACH_IS_SESSION (self));
  g_return_if_fail (seconds <= MAX_GET_READY_SECONDS);

  /* The phase under way keeps its length: its deadlines may already have been announced. */
  if (self->get_ready_seconds == seconds)
    return;
  self->get_ready_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GET_READY_SECONDS]);
}

gint64
coach_session_get_phase_length (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);
  return is_active (self) ? phase_length (self) : 0;
}

gint64
coach_session_get_phase_remaining (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);

  if (!is_active (self))
    return 0;
  return phase_length (self) - phase_elapsed (self, self->clock (self->clock_data));
}

gint64
coach_session_get_phase_end (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), -1);

  if (!is_active (self) || self->paused)
    return -1;
  return self->phase_start + phase_length (self);
}

CoachSessionState
coach_session_get_next_state (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), COACH_SESSION_STATE_IDLE);

  switch (self->state)
    {
    case COACH_SESSION_STATE_GET_READY:
    case COACH_SESSION_STATE_SWITCH_SIDES:
      return COACH_SESSION_STATE_RUNNING;
    case COACH_SESSION_STATE_RUNNING:
      if (self->index + 1 >= self->items->len)
        return COACH_SESSION_STATE_FINISHED;
      /* As enter_get_ready() decides, arriving forward. */
      return item_at (self, self->index + 1)->mirror
             ? COACH_SESSION_STATE_SWITCH_SIDES : COACH_SESSION_STATE_GET_READY;
    case COACH_SESSION_STATE_IDLE:
    case COACH_SESSION_STATE_FINISHED:
    default:
      return COACH_SESSION_STATE_IDLE;
    }
}

guint
coach_session_get_seconds_left (CoachSession *self)
{
  gint64 remaining;

  g_return_val_if_fail (COACH_IS_SESSION (self), 0);

  remaining = coach_session_get_phase_remaining (self);
  return (guint) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

gint64
coach_session_get_total (CoachSession *self)
{
  gint64 total = 0;

  g_return_val_if_fail (COACH_IS_SESSION (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    total += (gint64) item_at (self, i)->duration * G_USEC_PER_SEC;
  return total;
}

gint64
coach_session_get_elapsed (CoachSession *self)
{
  gint64 elapsed = 0;

  g_return_val_if_fail (COACH_IS_SESSION (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (item_at (self, i)->done)
      elapsed += (gint64) item_at (self, i)->duration * G_USEC_PER_SEC;

  if (self->state == COACH_SESSION_STATE_RUNNING)
    elapsed += phase_elapsed (self, self->clock (self->clock_data));
  else if (self->stopped)
    elapsed += self->stopped_run;
  return elapsed;
}

gint64
coach_session_get_time_left (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);
  return coach_session_get_total (self) - coach_session_get_elapsed (self);
}

guint
coach_session_get_n_done (CoachSession *self)
{
  guint n = 0;

  g_return_val_if_fail (COACH_IS_SESSION (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    n += item_at (self, i)->done ? 1 : 0;
  return n;
}

guint
coach_session_get_done_seconds (CoachSession *self)
{
  g_return_val_if_fail (COACH_IS_SESSION (self), 0);
  return (guint) (coach_session_get_elapsed (self) / G_USEC_PER_SEC);
}
