/* coach-session.h: the guided-session engine: a routine's schedule of deadlines and its controls.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-routine.h"

G_BEGIN_DECLS

/* Microseconds on a monotonic clock, like g_get_monotonic_time(). */
typedef gint64 (*CoachClockFunc) (gpointer user_data);

/* A step's last seconds that have a COUNTDOWN event each. */
#define COACH_SESSION_COUNTDOWN_SECONDS 3

typedef enum {
  COACH_SESSION_STATE_IDLE,           /* created, not started */
  COACH_SESSION_STATE_GET_READY,      /* counting in before a step */
  COACH_SESSION_STATE_SWITCH_SIDES,   /* counting in before the other side of a left/right pair */
  COACH_SESSION_STATE_RUNNING,        /* a step is running */
  COACH_SESSION_STATE_FINISHED,       /* the routine ran out, or the session was stopped */
} CoachSessionState;

typedef enum {
  COACH_SESSION_EVENT_GET_READY,        /* a get-ready period began; seconds_left: its length */
  COACH_SESSION_EVENT_SWITCH_SIDES,     /* a switch-sides period began; seconds_left: its length */
  COACH_SESSION_EVENT_STEP_STARTED,     /* seconds_left: the step's duration */
  COACH_SESSION_EVENT_SECOND,           /* a whole second inside a get-ready or step, not at its
                                         * start or end; seconds_left: to its end */
  COACH_SESSION_EVENT_COUNTDOWN,        /* 3, 2, 1 s before a step ends, right after the SECOND of
                                         * that instant; only those after the step's start */
  COACH_SESSION_EVENT_STEP_FINISHED,    /* a step ran to its end */
  COACH_SESSION_EVENT_ROUTINE_FINISHED, /* the last step ended, or next was used on it */
} CoachSessionEvent;

#define COACH_TYPE_SESSION_STATE (coach_session_state_get_type ())
GType coach_session_state_get_type (void);

#define COACH_TYPE_SESSION_EVENT (coach_session_event_get_type ())
GType coach_session_event_get_type (void);

#define COACH_TYPE_SESSION (coach_session_get_type ())

G_DECLARE_FINAL_TYPE (CoachSession, coach_session, COACH, SESSION, GObject)

/* @clock: (nullable): %NULL for g_get_monotonic_time(). The session keeps a reference to
 * @routine and a copy of its durations and pairs: editing the routine later does not change a
 * session in progress. */
CoachSession      *coach_session_new                   (CoachRoutine      *routine,
                                                        guint              get_ready_seconds,
                                                        CoachClockFunc     clock,
                                                        gpointer           clock_data);

/* Drives the session from @context (%NULL: the thread default) with a source that wakes at
 * each deadline. Only meaningful with the real clock; with a fake clock call update(). */
void               coach_session_attach                (CoachSession      *self,
                                                        GMainContext      *context);

/* Reads the clock and emits every due event in order, each with its ideal time. */
void               coach_session_update                (CoachSession      *self);

/* The ideal time of the next event, or -1 when idle, paused or finished. */
gint64             coach_session_get_next_deadline     (CoachSession      *self);

/* Controls. Each one first delivers the events already due, then acts at the clock's present
 * time. They return %TRUE if they changed something, %FALSE (a no-op) when idle or finished
 * (start: when not idle). Controls used while paused leave the session paused, with the new
 * phase frozen at its full length until resume. */
gboolean           coach_session_start                 (CoachSession      *self);
gboolean           coach_session_pause                 (CoachSession      *self);
gboolean           coach_session_resume                (CoachSession      *self);
/* Returns: whether the session is paused afterwards. */
gboolean           coach_session_toggle_pause          (CoachSession      *self);
/* Leaves the current item, not marked done, for the next one's get-ready; on the last item
 * the routine finishes (with ROUTINE_FINISHED). */
gboolean           coach_session_next                  (CoachSession      *self);
/* Back to the previous item's get-ready, clearing its done mark; on the first item it
 * restarts that one. */
gboolean           coach_session_previous              (CoachSession      *self);
/* Back to the current item's get-ready. */
gboolean           coach_session_restart_step          (CoachSession      *self);
/* Finishes at once without ROUTINE_FINISHED; the done marks and the part of the current step
 * that ran are kept for the summary. */
gboolean           coach_session_stop                  (CoachSession      *self);

CoachRoutine      *coach_session_get_routine           (CoachSession      *self);
CoachSessionState  coach_session_get_state             (CoachSession      *self);
gboolean           coach_session_get_paused            (CoachSession      *self);
/* Whether stop() ended the session (rather than the routine running out). */
gboolean           coach_session_get_stopped           (CoachSession      *self);
/* The current item; once finished, the last one that was current. */
guint              coach_session_get_index             (CoachSession      *self);
guint              coach_session_get_n_items           (CoachSession      *self);
/* Whether item @index ran to its end (previous or restart_step back to it clears the mark). */
gboolean           coach_session_get_item_done         (CoachSession      *self,
                                                        guint              index);
/* Step time done of item @index, in microseconds: its duration once done, the part run of
 * the current step (also after stop), else 0. */
gint64             coach_session_get_item_elapsed      (CoachSession      *self,
                                                        guint              index);
/* Seconds of each get-ready period; a change applies from the next one. */
guint              coach_session_get_get_ready_seconds (CoachSession      *self);
void               coach_session_set_get_ready_seconds (CoachSession      *self,
                                                        guint              seconds);

/* The current phase (get-ready, switch-sides or step), in microseconds: its whole length,
 * and what remains of it (frozen while paused; 0 when idle or finished). */
gint64             coach_session_get_phase_length      (CoachSession      *self);
gint64             coach_session_get_phase_remaining   (CoachSession      *self);
/* The ideal time the current phase runs out, or -1 when idle, paused or finished. */
gint64             coach_session_get_phase_end         (CoachSession      *self);
/* What comes when the current phase runs out: a step (RUNNING) after a get-ready or
 * switch-sides; after a step, the next item's GET_READY or SWITCH_SIDES (even when the
 * get-ready length is 0, which starts the step at the same instant), or FINISHED after the
 * last. IDLE when idle or finished. */
CoachSessionState  coach_session_get_next_state        (CoachSession      *self);
/* What a countdown shows: the remaining phase time rounded up to whole seconds. */
guint              coach_session_get_seconds_left      (CoachSession      *self);

/* Step time only (get-ready periods and pauses do not count), in microseconds. Total: the sum
 * of all step durations. Elapsed: the durations of the done items plus the part of the current
 * step that has run (or had run when stopped). Time left: total minus elapsed, so skipped items
 * still count as left. */
gint64             coach_session_get_total             (CoachSession      *self);
gint64             coach_session_get_elapsed           (CoachSession      *self);
gint64             coach_session_get_time_left         (CoachSession      *self);

/* For a summary, also after stop: the number of items done, and the whole seconds of step time
 * done (elapsed, rounded down: with a stopped step's partial run). */
guint              coach_session_get_n_done            (CoachSession      *self);
guint              coach_session_get_done_seconds      (CoachSession      *self);

G_END_DECLS
