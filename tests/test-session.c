/* test-session.c: a session keeps an exact schedule through pauses, late updates and controls.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "coach-session.h"

/* Any fake clock origin: nothing may assume the clock starts at 0. */
#define ORIGIN ((gint64) 3 * 86400 * G_USEC_PER_SEC + 123457)

static gint64
us (double seconds)
{
  return (gint64) llround (seconds * G_USEC_PER_SEC);
}

typedef struct {
  CoachSessionEvent kind;
  guint             index;
  guint             seconds_left;
  gint64            time;
  CoachSessionState state;   /* the session's state when the handler ran */
} Event;

typedef struct {
  gint64        now;
  CoachRoutine *routine;
  CoachSession *session;
  GArray       *events;      /* Event */
  guint         taken;       /* events already checked by assert_events() */
} Harness;

static gint64
fake_clock (gpointer user_data)
{
  return ((Harness *) user_data)->now;
}

static void
on_event (CoachSession      *session,
          CoachSessionEvent  kind,
          guint              index,
          guint              seconds_left,
          gint64             time,
          GArray            *events)
{
  Event event = { kind, index, seconds_left, time, coach_session_get_state (session) };

  g_array_append_val (events, event);
}

/* A routine from tokens "<technique><step><side><seconds>", side B(oth), L(eft) or R(ight):
 * "a2L30" is step 2 of technique "a", left side, 30 seconds. */
static CoachRoutine *
routine_from_spec (const char *spec)
{
  g_auto(GStrv) tokens = g_strsplit (spec, " ", -1);
  CoachRoutine *routine = coach_routine_new ("test");

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];
      char technique[2] = { token[0], '\0' };
      CoachSide side = token[2] == 'L' ? COACH_SIDE_LEFT
                       : token[2] == 'R' ? COACH_SIDE_RIGHT : COACH_SIDE_BOTH;

      g_assert_true (g_ascii_isdigit (token[1]));
      coach_routine_append (routine, technique, token[1] - '0',
                            (guint) g_ascii_strtoull (token + 3, NULL, 10), side);
    }
  return routine;
}

static Harness *
harness_new_for_routine (CoachRoutine *routine,
                         guint         get_ready)
{
  Harness *h = g_new0 (Harness, 1);

  h->now = ORIGIN;
  h->routine = g_object_ref (routine);
  h->events = g_array_new (FALSE, FALSE, sizeof (Event));
  h->session = coach_session_new (routine, get_ready, fake_clock, h);
  g_signal_connect (h->session, "event", G_CALLBACK (on_event), h->events);
  return h;
}

static Harness *
harness_new (const char *spec,
             guint       get_ready)
{
  g_autoptr(CoachRoutine) routine = routine_from_spec (spec);

  return harness_new_for_routine (routine, get_ready);
}

static void
harness_free (Harness *h)
{
  g_clear_object (&h->session);
  g_object_unref (h->routine);
  g_array_unref (h->events);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Harness, harness_free)

/* Sets the fake clock, @seconds after the origin. */
static void
set_time (Harness *h,
          double   seconds)
{
  h->now = ORIGIN + us (seconds);
}

static void
run_to (Harness *h,
        double   seconds)
{
  set_time (h, seconds);
  coach_session_update (h->session);
}

static char
kind_letter (CoachSessionEvent kind)
{
  switch (kind)
    {
    case COACH_SESSION_EVENT_GET_READY: return 'G';
    case COACH_SESSION_EVENT_SWITCH_SIDES: return 'W';
    case COACH_SESSION_EVENT_STEP_STARTED: return 'B';
    case COACH_SESSION_EVENT_SECOND: return 'S';
    case COACH_SESSION_EVENT_COUNTDOWN: return 'C';
    case COACH_SESSION_EVENT_STEP_FINISHED: return 'F';
    case COACH_SESSION_EVENT_ROUTINE_FINISHED: return 'E';
    default: g_assert_not_reached ();
    }
}

/* Seconds after the origin, exact to the microsecond, without trailing zeros. */
static void
append_time (GString *str,
             gint64   time)
{
  gint64 rel = time - ORIGIN;
  gsize len;

  g_assert_cmpint (rel, >=, 0);
  g_string_append_printf (str, "%" G_GINT64_FORMAT, rel / G_USEC_PER_SEC);
  if (rel % G_USEC_PER_SEC == 0)
    return;
  g_string_append_printf (str, ".%06" G_GINT64_FORMAT, rel % G_USEC_PER_SEC);
  len = str->len;
  while (str->str[len - 1] == '0')
    len--;
  g_string_truncate (str, len);
}

/* "G0:2@6": kind, item, seconds left, ideal time; with_time FALSE leaves out "@6". */
static char *
format_events (const Event *events,
               guint        n,
               gboolean     with_time)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append_printf (str, "%c%u:%u", kind_letter (events[i].kind), events[i].index,
                              events[i].seconds_left);
      if (with_time)
        {
          g_string_append_c (str, '@');
          append_time (str, events[i].time);
        }
    }
  return g_string_free (str, FALSE);
}

/* Checks the events since the last call. */
#define assert_events(h, expected) G_STMT_START {                                        \
    g_autofree char *_got = format_events (&g_array_index ((h)->events, Event, (h)->taken), \
                                           (h)->events->len - (h)->taken, TRUE);          \
    (h)->taken = (h)->events->len;                                                      \
    g_assert_cmpstr (_got, ==, (expected));                                             \
  } G_STMT_END

/* Only the get-ready and switch-sides events since the last call, as "G0 W1". */
static char *
take_get_readies (Harness *h)
{
  GString *str = g_string_new (NULL);

  for (guint i = h->taken; i < h->events->len; i++)
    {
      const Event *event = &g_array_index (h->events, Event, i);

      if (event->kind != COACH_SESSION_EVENT_GET_READY &&
          event->kind != COACH_SESSION_EVENT_SWITCH_SIDES)
        continue;
      g_string_append_printf (str, "%s%c%u", str->len > 0 ? " " : "",
                              kind_letter (event->kind), event->index);
    }
  h->taken = h->events->len;
  return g_string_free (str, FALSE);
}

/* Steps the clock by @step seconds until the routine finishes. */
static void
run_to_end (Harness *h,
            double   step)
{
  while (coach_session_get_state (h->session) != COACH_SESSION_STATE_FINISHED)
    {
      h->now += us (step);
      coach_session_update (h->session);
    }
}

/* ---- A long routine, exactly --------------------------------------------------------------- */

typedef struct {
  double active;   /* when to pause, in seconds of session time not counting earlier pauses */
  double length;
} Pause;

/* Odd lengths at odd moments: inside a get-ready, exactly as a step starts, exactly as a step
 * ends (so inside the switch-sides that follows), inside a switch-sides, for 1 µs, for no time
 * at all, for five minutes, and in the last step. */
static const Pause long_pauses[] = {
  { 2.345678, 1.234567 },
  { 40.0, 17.0 },
  { 70.0, 0.5 },
  { 72.5, 42.5 },
  { 123.456789, 0.000001 },
  { 600.000001, 0.0 },
  { 999.999999, 3.333333 },
  { 1500.0, 300.0 },
  { 2099.5, 7.777777 },
};

#define LONG_TECHNIQUES 15
#define LONG_STEP 30
#define LONG_GET_READY 5

/* 60 items of 30 s: each technique is step 1 both sides, 2 left, 3 right, 4 both sides. */
static CoachRoutine *
long_routine (void)
{
  CoachRoutine *routine = coach_routine_new ("long");
  static const CoachSide sides[] = { COACH_SIDE_BOTH, COACH_SIDE_LEFT, COACH_SIDE_RIGHT,
                                     COACH_SIDE_BOTH };

  for (guint t = 0; t < LONG_TECHNIQUES; t++)
    {
      g_autofree char *technique = g_strdup_printf ("technique-%u", t);

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        coach_routine_append (routine, technique, s + 1, LONG_STEP, sides[s]);
    }
  return routine;
}

static void
expect (GArray            *expected,
        CoachSessionEvent  kind,
        guint              index,
        guint              seconds_left,
        gint64             active)
{
  /* An event at the very moment of a pause comes before it, so only later ones move. */
  gint64 time = ORIGIN + active;

  for (guint j = 0; j < G_N_ELEMENTS (long_pauses); j++)
    if (us (long_pauses[j].active) < active)
      time += us (long_pauses[j].length);

  g_array_append_val (expected, ((Event) { kind, index, seconds_left, time, 0 }));
}

/* The schedule worked out on its own from the rules, not from the session's code. */
static GArray *
long_expected (CoachRoutine *routine)
{
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (Event));
  guint n = coach_routine_get_n_items (routine);
  gint64 t = 0;

  for (guint i = 0; i < n; i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      gboolean mirror = i > 0 && item->side == COACH_SIDE_RIGHT &&
                        coach_routine_get_item (routine, i - 1)->side == COACH_SIDE_LEFT;

      expect (expected, mirror ? COACH_SESSION_EVENT_SWITCH_SIDES : COACH_SESSION_EVENT_GET_READY,
              i, LONG_GET_READY, t);
      for (guint k = 1; k < LONG_GET_READY; k++)
        expect (expected, COACH_SESSION_EVENT_SECOND, i, LONG_GET_READY - k, t + us (k));
      t += us (LONG_GET_READY);

      expect (expected, COACH_SESSION_EVENT_STEP_STARTED, i, item->duration, t);
      for (guint k = 1; k < item->duration; k++)
        {
          expect (expected, COACH_SESSION_EVENT_SECOND, i, item->duration - k, t + us (k));
          if (item->duration - k <= 3)
            expect (expected, COACH_SESSION_EVENT_COUNTDOWN, i, item->duration - k, t + us (k));
        }
      t += us (item->duration);
      expect (expected, COACH_SESSION_EVENT_STEP_FINISHED, i, 0, t);
    }
  expect (expected, COACH_SESSION_EVENT_ROUTINE_FINISHED, n - 1, 0, t);

  return expected;
}

static void
assert_consistent (Harness *h)
{
  CoachSession *session = h->session;
  gint64 deadline = coach_session_get_next_deadline (session);
  gint64 remaining = coach_session_get_phase_remaining (session);

  /* Everything due has been delivered. */
  g_assert_true (deadline == -1 || deadline > h->now);
  g_assert_cmpint (coach_session_get_elapsed (session) + coach_session_get_time_left (session),
                   ==, coach_session_get_total (session));
  g_assert_cmpint (remaining, >=, 0);
  g_assert_cmpint (remaining, <=, coach_session_get_phase_length (session));
  g_assert_cmpuint (coach_session_get_seconds_left (session), ==,
                    (remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  /* The phase's end, for sounds planned ahead: where the remaining time runs out. */
  if (coach_session_get_paused (session) ||
      coach_session_get_state (session) == COACH_SESSION_STATE_FINISHED)
    g_assert_cmpint (coach_session_get_phase_end (session), ==, -1);
  else
    g_assert_cmpint (coach_session_get_phase_end (session), ==, h->now + remaining);
}

static void
test_long_schedule (void)
{
  g_autoptr(CoachRoutine) routine = long_routine ();
  g_autoptr(Harness) h = harness_new_for_routine (routine, LONG_GET_READY);
  g_autoptr(GArray) expected = long_expected (routine);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  gint64 paused_total = 0, real_start = g_get_monotonic_time (), real_time;
  guint next_pause = 0, n_updates = 0;

  g_assert_cmpuint (coach_session_get_n_items (h->session), ==, 60);
  g_assert_cmpint (coach_session_get_total (h->session), ==, us (30 * 60));

  g_assert_true (coach_session_start (h->session));
  while (coach_session_get_state (h->session) != COACH_SESSION_STATE_FINISHED)
    {
      gint64 pause_at = next_pause < G_N_ELEMENTS (long_pauses)
                        ? ORIGIN + us (long_pauses[next_pause].active) + paused_total : G_MAXINT64;
      double dice = g_rand_double (rand);
      gint64 step;

      /* Mostly under-a-second updates as a display would do, some very late ones that
       * deliver many events at once, and some a few microseconds apart. */
      if (dice < 0.7)
        step = g_rand_int_range (rand, 1, 1500000);
      else if (dice < 0.95)
        step = g_rand_int_range (rand, 1500000, 12000000);
      else
        step = g_rand_int_range (rand, 1, 1000);

      h->now = MIN (h->now + step, pause_at);
      coach_session_update (h->session);
      n_updates++;
      assert_consistent (h);

      if (h->now == pause_at)
        {
          gint64 resume_at = pause_at + us (long_pauses[next_pause].length);
          gint64 remaining;
          guint n_events;

          g_assert_true (coach_session_pause (h->session));
          remaining = coach_session_get_phase_remaining (h->session);
          n_events = h->events->len;

          /* Nothing moves while paused, however the clock runs. */
          while (h->now < resume_at)
            {
              gint64 wait = g_rand_int_range (rand, 1, 4000000);

              h->now = MIN (h->now + wait, resume_at);
              coach_session_update (h->session);
              g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, -1);
              g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, remaining);
              g_assert_cmpuint (h->events->len, ==, n_events);
            }
          g_assert_true (coach_session_resume (h->session));
          g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, remaining);
          paused_total += us (long_pauses[next_pause].length);
          next_pause++;
        }
    }
  real_time = g_get_monotonic_time () - real_start;

  g_assert_cmpuint (next_pause, ==, G_N_ELEMENTS (long_pauses));
  for (guint i = 0; i < MIN (expected->len, h->events->len); i++)
    {
      g_autofree char *want = format_events (&g_array_index (expected, Event, i), 1, TRUE);
      g_autofree char *got = format_events (&g_array_index (h->events, Event, i), 1, TRUE);

      if (g_strcmp0 (want, got) != 0)
        g_error ("event %u: expected %s, got %s", i, want, got);
    }
  g_assert_cmpuint (h->events->len, ==, expected->len);

  /* The end is the steps, the get-readies and the pauses, to the microsecond. */
  g_assert_cmpint (g_array_index (h->events, Event, h->events->len - 1).time, ==,
                   ORIGIN + us (60 * LONG_STEP + 60 * LONG_GET_READY) + paused_total);
  g_assert_cmpuint (coach_session_get_n_done (h->session), ==, 60);
  g_assert_cmpuint (coach_session_get_done_seconds (h->session), ==, 1800);
  g_assert_cmpint (coach_session_get_time_left (h->session), ==, 0);
  g_assert_false (coach_session_get_stopped (h->session));

  /* 35 minutes of session in no time: the fake clock alone drives it, nothing sleeps. */
  g_test_message ("%u events, %u updates in %" G_GINT64_FORMAT " us",
                  h->events->len, n_updates, real_time);
  g_assert_cmpint (real_time, <, us (60));
}

/* ---- Order of events ------------------------------------------------------------------------ */

static void
test_order_boundaries (void)
{
  g_autoptr(Harness) h = harness_new ("a1B4 b2L4 b3R4 c1B2", 2);

  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, -1);
  g_assert_true (coach_session_start (h->session));
  assert_events (h, "G0:2@0");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (1));

  /* A microsecond short of a boundary is not at it. */
  run_to (h, 6 - 0.000001);
  assert_events (h, "S0:1@1 B0:4@2 S0:3@3 C0:3@3 S0:2@4 C0:2@4 S0:1@5 C0:1@5");
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (6));
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, 1);
  g_assert_cmpuint (coach_session_get_seconds_left (h->session), ==, 1);
  run_to (h, 6);
  assert_events (h, "F0:0@6 G1:2@6");
  g_assert_true (coach_session_get_item_done (h->session, 0));
  g_assert_cmpuint (coach_session_get_index (h->session), ==, 1);

  run_to_end (h, 0.25);
  assert_events (h, "S1:1@7 B1:4@8 S1:3@9 C1:3@9 S1:2@10 C1:2@10 S1:1@11 C1:1@11 F1:0@12 "
                    "W2:2@12 S2:1@13 B2:4@14 S2:3@15 C2:3@15 S2:2@16 C2:2@16 S2:1@17 C2:1@17 "
                    "F2:0@18 G3:2@18 S3:1@19 B3:2@20 S3:1@21 C3:1@21 F3:0@22 E3:0@22");

  /* A handler sees every change of its instant: after a step's end, the next get-ready. */
  for (guint i = 0; i < h->events->len; i++)
    {
      const Event *event = &g_array_index (h->events, Event, i);

      if (event->kind == COACH_SESSION_EVENT_STEP_FINISHED && event->index == 1)
        g_assert_cmpint (event->state, ==, COACH_SESSION_STATE_SWITCH_SIDES);
    }
}

static void
test_order_countdown (void)
{
  g_autoptr(Harness) h = harness_new ("a1B5 b1B2 c1B1", 4);

  coach_session_start (h->session);
  run_to_end (h, 0.25);
  /* Get-ready seconds are counted but not counted down; a countdown never starts with its
   * step (2 s step: only 1; 1 s step: none). */
  assert_events (h, "G0:4@0 S0:3@1 S0:2@2 S0:1@3 B0:5@4 S0:4@5 S0:3@6 C0:3@6 S0:2@7 C0:2@7 "
                    "S0:1@8 C0:1@8 F0:0@9 G1:4@9 S1:3@10 S1:2@11 S1:1@12 B1:2@13 S1:1@14 "
                    "C1:1@14 F1:0@15 G2:4@15 S2:3@16 S2:2@17 S2:1@18 B2:1@19 F2:0@20 E2:0@20");

  for (guint i = 0; i < h->events->len; i++)
    {
      const Event *event = &g_array_index (h->events, Event, i);
      guint n_seconds = 0;

      if (event->kind == COACH_SESSION_EVENT_COUNTDOWN)
        {
          const Event *before = &g_array_index (h->events, Event, i - 1);

          g_assert_cmpint (event->state, ==, COACH_SESSION_STATE_RUNNING);
          g_assert_cmpint (before->kind, ==, COACH_SESSION_EVENT_SECOND);
          g_assert_cmpint (before->time, ==, event->time);
          g_assert_cmpuint (before->seconds_left, ==, event->seconds_left);
        }

      /* A phase of n seconds has n - 1 SECOND events. */
      if (event->kind == COACH_SESSION_EVENT_GET_READY ||
          event->kind == COACH_SESSION_EVENT_STEP_STARTED)
        {
          for (guint j = i + 1; j < h->events->len; j++)
            {
              CoachSessionEvent kind = g_array_index (h->events, Event, j).kind;

              if (kind == COACH_SESSION_EVENT_SECOND)
                n_seconds++;
              else if (kind != COACH_SESSION_EVENT_COUNTDOWN)
                break;
            }
          g_assert_cmpuint (n_seconds, ==, event->seconds_left - 1);
        }
    }
}

static void
test_order_get_ready_zero (void)
{
  g_autoptr(Harness) h = harness_new ("a1B2 b2L2 b3R2", 0);

  coach_session_start (h->session);
  assert_events (h, "G0:0@0 B0:2@0");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_RUNNING);
  g_assert_cmpuint (coach_session_get_seconds_left (h->session), ==, 2);

  run_to_end (h, 0.5);
  assert_events (h, "S0:1@1 C0:1@1 F0:0@2 G1:0@2 B1:2@2 S1:1@3 C1:1@3 "
                    "F1:0@4 W2:0@4 B2:2@4 S2:1@5 C2:1@5 F2:0@6 E2:0@6");
}

static void
test_order_switch_sides (void)
{
  /* Pairs as the routine reads them, left then right or right then left, with the catalog's
   * numbering (step 2 left, step 3 right) or one number for both sides; "L R L R" is two pairs
   * and two sides of different techniques are none. */
  g_autoptr(Harness) h = harness_new ("a2L1 a3R1 a2L1 a3R1 b2L1 c3R1 d1B1 e2R1 e3L1 f1L1 f1R1", 1);
  g_autofree char *run = NULL;
  g_autofree char *skip = NULL;

  coach_session_start (h->session);
  run_to_end (h, 0.5);
  run = take_get_readies (h);
  g_assert_cmpstr (run, ==, "G0 W1 G2 W3 G4 G5 G6 G7 W8 G9 W10");

  /* Skipping a left side still switches to the right one; going back or restarting never
   * does, as the person is not coming from the other side. */
  g_clear_object (&h->session);
  h->session = coach_session_new (h->routine, 1, fake_clock, h);
  g_signal_connect (h->session, "event", G_CALLBACK (on_event), h->events);
  coach_session_start (h->session);
  coach_session_next (h->session);
  coach_session_previous (h->session);
  coach_session_next (h->session);
  coach_session_next (h->session);
  coach_session_next (h->session);
  coach_session_restart_step (h->session);
  coach_session_previous (h->session);
  coach_session_previous (h->session);
  skip = take_get_readies (h);
  g_assert_cmpstr (skip, ==, "G0 W1 G0 W1 G2 W3 G3 G2 G1");
}

/* What the session says comes after each phase is what comes, at the end it gives, with or
 * without get-ready periods. */
static void
test_next_state (void)
{
  for (guint get_ready = 0; get_ready <= 2; get_ready += 2)
    {
      g_autoptr(Harness) h = harness_new ("a1B4 b2L3 b3R3 c1B2", get_ready);
      guint n_phases = 0;

      g_assert_cmpint (coach_session_get_next_state (h->session), ==, COACH_SESSION_STATE_IDLE);
      g_assert_cmpint (coach_session_get_phase_end (h->session), ==, -1);
      coach_session_start (h->session);
      while (coach_session_get_state (h->session) != COACH_SESSION_STATE_FINISHED)
        {
          CoachSessionState next = coach_session_get_next_state (h->session);
          gint64 end = coach_session_get_phase_end (h->session);
          guint index = coach_session_get_index (h->session);
          const Event *last;

          g_assert_cmpint (end, >, h->now);
          /* Just before the end, still the same phase. */
          h->now = end - 1;
          coach_session_update (h->session);
          g_assert_cmpint (coach_session_get_phase_end (h->session), ==, end);
          h->now = end;
          coach_session_update (h->session);
          n_phases++;

          last = &g_array_index (h->events, Event, h->events->len - 1);
          switch (next)
            {
            case COACH_SESSION_STATE_RUNNING:
              g_assert_cmpint (last->kind, ==, COACH_SESSION_EVENT_STEP_STARTED);
              g_assert_cmpuint (last->index, ==, index);
              break;
            case COACH_SESSION_STATE_GET_READY:
            case COACH_SESSION_STATE_SWITCH_SIDES:
              /* With no get-ready period, the step starts at the same instant, right after. */
              if (get_ready == 0)
                {
                  g_assert_cmpint (last->kind, ==, COACH_SESSION_EVENT_STEP_STARTED);
                  last--;
                }
              g_assert_cmpint (last->kind, ==, next == COACH_SESSION_STATE_GET_READY
                                               ? COACH_SESSION_EVENT_GET_READY
                                               : COACH_SESSION_EVENT_SWITCH_SIDES);
              g_assert_cmpuint (last->index, ==, index + 1);
              break;
            case COACH_SESSION_STATE_FINISHED:
              g_assert_cmpint (last->kind, ==, COACH_SESSION_EVENT_ROUTINE_FINISHED);
              break;
            case COACH_SESSION_STATE_IDLE:
            default:
              g_assert_not_reached ();
            }
          g_assert_cmpint (last->time, ==, end);
          assert_consistent (h);
        }
      g_assert_cmpint (coach_session_get_next_state (h->session), ==, COACH_SESSION_STATE_IDLE);
      /* Steps and, with get-ready periods, a count before each. */
      g_assert_cmpuint (n_phases, ==, get_ready > 0 ? 8 : 4);
    }
}

/* ---- Controls -------------------------------------------------------------------------------- */

static void
test_previous_first (void)
{
  g_autoptr(Harness) h = harness_new ("a1B10 b1B10", 2);

  coach_session_start (h->session);
  run_to (h, 3.5);
  assert_events (h, "G0:2@0 S0:1@1 B0:10@2 S0:9@3");

  /* The first item starts again, anchored at the moment of the control. */
  g_assert_true (coach_session_previous (h->session));
  assert_events (h, "G0:2@3.5");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpuint (coach_session_get_index (h->session), ==, 0);
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (2));
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (4.5));
  g_assert_cmpint (coach_session_get_elapsed (h->session), ==, 0);

  run_to (h, 5.5);
  assert_events (h, "S0:1@4.5 B0:10@5.5");
}

static void
test_next_last (void)
{
  g_autoptr(Harness) h = harness_new ("a1B10 b1B10", 2);

  coach_session_start (h->session);
  run_to (h, 4);
  h->taken = h->events->len;

  /* Leaving a step early does not mark it done. */
  g_assert_true (coach_session_next (h->session));
  assert_events (h, "G1:2@4");
  g_assert_false (coach_session_get_item_done (h->session, 0));
  g_assert_cmpint (coach_session_get_elapsed (h->session), ==, 0);

  run_to (h, 8.25);
  h->taken = h->events->len;
  g_assert_true (coach_session_next (h->session));
  assert_events (h, "E1:0@8.25");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_FINISHED);
  g_assert_false (coach_session_get_stopped (h->session));
  g_assert_false (coach_session_get_item_done (h->session, 1));
  g_assert_cmpuint (coach_session_get_n_done (h->session), ==, 0);
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, -1);
  /* Skipped steps still count as time left. */
  g_assert_cmpint (coach_session_get_time_left (h->session), ==, us (20));
}

static void
test_restart_mid_step (void)
{
  g_autoptr(Harness) h = harness_new ("a1B10 b1B10", 2);

  coach_session_start (h->session);
  run_to (h, 16.25);
  g_assert_cmpuint (coach_session_get_index (h->session), ==, 1);
  g_assert_cmpint (coach_session_get_elapsed (h->session), ==, us (10 + 2.25));
  g_assert_cmpint (coach_session_get_item_elapsed (h->session, 1), ==, us (2.25));
  h->taken = h->events->len;

  g_assert_true (coach_session_restart_step (h->session));
  assert_events (h, "G1:2@16.25");
  g_assert_cmpint (coach_session_get_elapsed (h->session), ==, us (10));
  g_assert_cmpint (coach_session_get_item_elapsed (h->session, 1), ==, 0);
  g_assert_true (coach_session_get_item_done (h->session, 0));
  run_to (h, 18.25);
  assert_events (h, "S1:1@17.25 B1:10@18.25");

  /* Going back to a done step makes it not done again. */
  g_assert_true (coach_session_previous (h->session));
  assert_events (h, "G0:2@18.25");
  g_assert_false (coach_session_get_item_done (h->session, 0));
  g_assert_cmpint (coach_session_get_elapsed (h->session), ==, 0);
  g_assert_cmpint (coach_session_get_time_left (h->session), ==, us (20));
}

static void
test_controls_while_paused (void)
{
  g_autoptr(Harness) h = harness_new ("a1B10 b1B10 c1B10", 3);

  coach_session_start (h->session);
  run_to (h, 5);
  g_assert_true (coach_session_pause (h->session));
  h->taken = h->events->len;
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (8));

  run_to (h, 100);
  assert_events (h, "");
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (8));
  g_assert_cmpint (coach_session_get_elapsed (h->session), ==, us (2));

  /* Each control lands on a get-ready held at its full length. */
  g_assert_true (coach_session_next (h->session));
  assert_events (h, "G1:3@100");
  g_assert_true (coach_session_get_paused (h->session));
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, -1);
  run_to (h, 200);
  assert_events (h, "");
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (3));
  g_assert_cmpuint (coach_session_get_seconds_left (h->session), ==, 3);

  g_assert_true (coach_session_previous (h->session));
  assert_events (h, "G0:3@200");
  g_assert_true (coach_session_get_paused (h->session));
  run_to (h, 250);
  g_assert_true (coach_session_restart_step (h->session));
  assert_events (h, "G0:3@250");
  g_assert_true (coach_session_get_paused (h->session));
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (3));

  /* The get-ready runs whole from the resume. */
  set_time (h, 300);
  g_assert_true (coach_session_resume (h->session));
  assert_events (h, "");
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (301));
  run_to (h, 303);
  assert_events (h, "S0:2@301 S0:1@302 B0:10@303");

  /* A 0 s get-ready begun while paused starts its step only on resume. */
  run_to (h, 305);
  coach_session_set_get_ready_seconds (h->session, 0);
  g_assert_true (coach_session_pause (h->session));
  h->taken = h->events->len;
  run_to (h, 400);
  g_assert_true (coach_session_next (h->session));
  assert_events (h, "G1:0@400");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, 0);
  set_time (h, 410.5);
  g_assert_true (coach_session_resume (h->session));
  assert_events (h, "B1:10@410.5");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_RUNNING);
}

static void
test_pause_get_ready_and_switch (void)
{
  g_autoptr(Harness) h = harness_new ("a2L4 a3R4", 3);

  coach_session_start (h->session);
  run_to (h, 1.5);
  g_assert_true (coach_session_pause (h->session));
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_GET_READY);
  run_to (h, 11.5);
  g_assert_true (coach_session_resume (h->session));
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (1.5));

  run_to (h, 18.25);
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_SWITCH_SIDES);
  g_assert_true (coach_session_pause (h->session));
  run_to (h, 20.75);
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_SWITCH_SIDES);
  g_assert_true (coach_session_resume (h->session));
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_SWITCH_SIDES);

  run_to_end (h, 0.125);
  assert_events (h, "G0:3@0 S0:2@1 S0:1@12 B0:4@13 S0:3@14 C0:3@14 S0:2@15 C0:2@15 S0:1@16 "
                    "C0:1@16 F0:0@17 W1:3@17 S1:2@18 S1:1@21.5 B1:4@22.5 S1:3@23.5 C1:3@23.5 "
                    "S1:2@24.5 C1:2@24.5 S1:1@25.5 C1:1@25.5 F1:0@26.5 E1:0@26.5");
}

static void
test_pause_at_deadline (void)
{
  g_autoptr(Harness) h = harness_new ("a1B4 b1B4", 2);

  coach_session_start (h->session);
  h->taken = h->events->len;

  /* A pause at the very end of a step, without an update before it: what was due is
   * delivered first, once, at its own time, and the pause holds the next get-ready whole. */
  set_time (h, 6);
  g_assert_true (coach_session_pause (h->session));
  assert_events (h, "S0:1@1 B0:4@2 S0:3@3 C0:3@3 S0:2@4 C0:2@4 S0:1@5 C0:1@5 F0:0@6 G1:2@6");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (2));
  coach_session_update (h->session);
  assert_events (h, "");

  /* A pause of no time moves nothing. */
  g_assert_true (coach_session_resume (h->session));
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (7));

  set_time (h, 7);
  g_assert_true (coach_session_pause (h->session));
  assert_events (h, "S1:1@7");
  set_time (h, 9.5);
  g_assert_true (coach_session_resume (h->session));
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (10.5));

  run_to_end (h, 1);
  assert_events (h, "B1:4@10.5 S1:3@11.5 C1:3@11.5 S1:2@12.5 C1:2@12.5 S1:1@13.5 C1:1@13.5 "
                    "F1:0@14.5 E1:0@14.5");
}

static void
test_double_pause (void)
{
  g_autoptr(Harness) h = harness_new ("a1B10", 2);

  coach_session_start (h->session);
  set_time (h, 3);
  g_assert_true (coach_session_pause (h->session));
  assert_events (h, "G0:2@0 S0:1@1 B0:10@2 S0:9@3");

  /* A second pause must not restart the pause's clock, nor a second resume shift twice. */
  set_time (h, 5);
  g_assert_false (coach_session_pause (h->session));
  g_assert_true (coach_session_get_paused (h->session));
  set_time (h, 8);
  g_assert_true (coach_session_resume (h->session));
  g_assert_false (coach_session_resume (h->session));
  g_assert_false (coach_session_get_paused (h->session));
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (9));
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (9));

  set_time (h, 9.5);
  g_assert_true (coach_session_toggle_pause (h->session));
  assert_events (h, "S0:8@9");
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (7.5));
  set_time (h, 10);
  g_assert_false (coach_session_toggle_pause (h->session));
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, ORIGIN + us (10.5));
}

static void
assert_all_controls_refused (Harness *h)
{
  guint n_events = h->events->len;

  g_assert_false (coach_session_pause (h->session));
  g_assert_false (coach_session_resume (h->session));
  g_assert_false (coach_session_toggle_pause (h->session));
  g_assert_false (coach_session_next (h->session));
  g_assert_false (coach_session_previous (h->session));
  g_assert_false (coach_session_restart_step (h->session));
  g_assert_false (coach_session_stop (h->session));
  coach_session_update (h->session);
  g_assert_false (coach_session_get_paused (h->session));
  g_assert_cmpint (coach_session_get_next_deadline (h->session), ==, -1);
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, 0);
  g_assert_cmpuint (h->events->len, ==, n_events);
}

static void
test_controls_idle_and_finished (void)
{
  g_autoptr(Harness) h = harness_new ("a1B3 b1B3", 1);
  g_autoptr(Harness) empty = NULL;

  assert_all_controls_refused (h);
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_IDLE);

  g_assert_true (coach_session_start (h->session));
  g_assert_false (coach_session_start (h->session));
  run_to_end (h, 10);
  assert_events (h, "G0:1@0 B0:3@1 S0:2@2 C0:2@2 S0:1@3 C0:1@3 F0:0@4 G1:1@4 B1:3@5 S1:2@6 "
                    "C1:2@6 S1:1@7 C1:1@7 F1:0@8 E1:0@8");
  /* A late update past the end: the session finished at its ideal time, not at 10 s. */
  set_time (h, 50);
  assert_all_controls_refused (h);
  g_assert_false (coach_session_start (h->session));
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_FINISHED);
  g_assert_cmpuint (coach_session_get_n_done (h->session), ==, 2);
  g_assert_cmpuint (coach_session_get_done_seconds (h->session), ==, 6);

  /* Nothing to do finishes at once. */
  {
    g_autoptr(CoachRoutine) nothing = coach_routine_new ("empty");

    empty = harness_new_for_routine (nothing, 5);
  }
  g_assert_true (coach_session_start (empty->session));
  assert_events (empty, "E0:0@0");
  g_assert_cmpint (coach_session_get_state (empty->session), ==, COACH_SESSION_STATE_FINISHED);
}

static void
test_stop (void)
{
  g_autoptr(Harness) h = harness_new ("a1B10 b1B10 c1B10", 2);
  g_autoptr(Harness) paused = harness_new ("a1B10 b1B10 c1B10", 2);

  coach_session_start (h->session);
  run_to (h, 12);
  h->taken = h->events->len;

  /* Stopping delivers what was due, then nothing: no ROUTINE_FINISHED. */
  set_time (h, 18.75);
  g_assert_true (coach_session_stop (h->session));
  assert_events (h, "S1:1@13 B1:10@14 S1:9@15 S1:8@16 S1:7@17 S1:6@18");
  g_assert_cmpint (coach_session_get_state (h->session), ==, COACH_SESSION_STATE_FINISHED);
  g_assert_true (coach_session_get_stopped (h->session));
  g_assert_cmpuint (coach_session_get_n_done (h->session), ==, 1);
  g_assert_false (coach_session_get_item_done (h->session, 1));
  g_assert_cmpint (coach_session_get_elapsed (h->session), ==, us (14.75));
  g_assert_cmpuint (coach_session_get_done_seconds (h->session), ==, 14);
  /* Per item, for the history: the done step whole, the stopped one in part, none after. */
  g_assert_cmpint (coach_session_get_item_elapsed (h->session, 0), ==, us (10));
  g_assert_cmpint (coach_session_get_item_elapsed (h->session, 1), ==, us (4.75));
  g_assert_cmpint (coach_session_get_item_elapsed (h->session, 2), ==, 0);
  g_assert_cmpint (coach_session_get_time_left (h->session), ==, us (30 - 14.75));

  /* The summary does not change as time goes by. */
  set_time (h, 500);
  assert_all_controls_refused (h);
  g_assert_cmpuint (coach_session_get_done_seconds (h->session), ==, 14);

  /* Stopped while paused: the run counts up to the pause. */
  coach_session_start (paused->session);
  run_to (paused, 18.75);
  coach_session_pause (paused->session);
  set_time (paused, 60);
  g_assert_true (coach_session_stop (paused->session));
  g_assert_false (coach_session_get_paused (paused->session));
  g_assert_cmpint (coach_session_get_elapsed (paused->session), ==, us (14.75));

  /* Stopped in a get-ready: only done steps count. */
  g_clear_pointer (&paused, harness_free);
  paused = harness_new ("a1B10 b1B10 c1B10", 2);
  coach_session_start (paused->session);
  set_time (paused, 13);
  g_assert_true (coach_session_stop (paused->session));
  g_assert_cmpuint (coach_session_get_done_seconds (paused->session), ==, 10);
}

/* ---- Late updates and live settings ---------------------------------------------------------- */

static void
test_late_update (void)
{
  const char *spec = "a1B30 b2L20 b3R20 c1B7";
  g_autoptr(Harness) fine = harness_new (spec, 5);
  g_autoptr(Harness) late = harness_new (spec, 5);
  g_autoptr(Harness) gaps = harness_new (spec, 5);
  static const double gap_times[] = { 17.3, 40, 41, 41.000001, 200 };
  g_autofree char *fine_events = NULL;
  g_autofree char *late_events = NULL;
  g_autofree char *gap_events = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  coach_session_start (fine->session);
  run_to_end (fine, 0.1);

  /* One update long after the end delivers everything, each at its own ideal time. */
  coach_session_start (late->session);
  run_to (late, 1000);
  g_assert_cmpint (coach_session_get_state (late->session), ==, COACH_SESSION_STATE_FINISHED);
  coach_session_update (late->session);

  coach_session_start (gaps->session);
  for (guint i = 0; i < G_N_ELEMENTS (gap_times); i++)
    run_to (gaps, gap_times[i]);

  fine_events = format_events ((Event *) fine->events->data, fine->events->len, TRUE);
  late_events = format_events ((Event *) late->events->data, late->events->len, TRUE);
  gap_events = format_events ((Event *) gaps->events->data, gaps->events->len, TRUE);
  g_assert_cmpstr (late_events, ==, fine_events);
  g_assert_cmpstr (gap_events, ==, fine_events);
  g_assert_cmpuint (late->events->len, >, 100);

  /* Once each. */
  for (guint i = 0; i < late->events->len; i++)
    {
      char *one = format_events (&g_array_index (late->events, Event, i), 1, TRUE);

      g_assert_false (g_hash_table_contains (seen, one));
      g_hash_table_add (seen, one);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_get_ready_live (void)
{
  g_autoptr(Harness) h = harness_new ("a1B3 b1B3 c1B3", 2);
  g_autofree char *got = NULL;
  guint n_notify = 0;

  g_signal_connect (h->session, "notify::get-ready-seconds", G_CALLBACK (count_notify),
                    &n_notify);

  coach_session_start (h->session);
  run_to (h, 1);
  /* Changed during a get-ready: that one keeps its length, the next one takes the new. */
  g_object_set (h->session, "get-ready-seconds", 4u, NULL);
  g_assert_cmpuint (coach_session_get_get_ready_seconds (h->session), ==, 4);
  g_assert_cmpint (coach_session_get_phase_length (h->session), ==, us (2));
  g_assert_cmpuint (n_notify, ==, 1);
  coach_session_set_get_ready_seconds (h->session, 4);
  g_assert_cmpuint (n_notify, ==, 1);
  run_to (h, 10);
  /* Changed during a step. */
  coach_session_set_get_ready_seconds (h->session, 0);
  run_to_end (h, 0.5);

  got = format_events ((Event *) h->events->data, h->events->len, TRUE);
  g_assert_cmpstr (got, ==, "G0:2@0 S0:1@1 B0:3@2 S0:2@3 C0:2@3 S0:1@4 C0:1@4 F0:0@5 G1:4@5 "
                            "S1:3@6 S1:2@7 S1:1@8 B1:3@9 S1:2@10 C1:2@10 S1:1@11 C1:1@11 "
                            "F1:0@12 G2:0@12 B2:3@12 S2:2@13 C2:2@13 S2:1@14 C2:1@14 F2:0@15 "
                            "E2:0@15");
  g_assert_cmpuint (n_notify, ==, 2);
}

typedef struct {
  guint   n_state;
  guint   n_index;
  guint   n_paused;
  GArray *events;
  gboolean index_after_event;
} NotifyCount;

static void
on_notify (CoachSession *session,
           GParamSpec   *pspec,
           NotifyCount  *count)
{
  if (g_str_equal (pspec->name, "state"))
    count->n_state++;
  else if (g_str_equal (pspec->name, "paused"))
    count->n_paused++;
  else if (g_str_equal (pspec->name, "index"))
    {
      const Event *last = &g_array_index (count->events, Event, count->events->len - 1);

      count->n_index++;
      /* Notifications come once the events of the same call have been sent. */
      count->index_after_event = last->kind == COACH_SESSION_EVENT_GET_READY &&
                                 last->index == coach_session_get_index (session);
    }
}

static void
test_notify (void)
{
  g_autoptr(Harness) h = harness_new ("a1B2 b1B2", 1);
  NotifyCount count = { 0, 0, 0, h->events, FALSE };
  CoachSessionState state;
  guint index;
  gboolean paused, stopped;

  g_signal_connect (h->session, "notify", G_CALLBACK (on_notify), &count);

  coach_session_start (h->session);
  g_assert_cmpuint (count.n_state, ==, 1);
  g_assert_cmpuint (count.n_index, ==, 0);
  run_to (h, 1);
  g_assert_cmpuint (count.n_state, ==, 2);
  run_to (h, 3);
  g_assert_cmpuint (count.n_state, ==, 3);
  g_assert_cmpuint (count.n_index, ==, 1);
  g_assert_true (count.index_after_event);

  coach_session_pause (h->session);
  coach_session_pause (h->session);
  g_assert_cmpuint (count.n_paused, ==, 1);
  g_object_get (h->session, "state", &state, "index", &index, "paused", &paused,
                "stopped", &stopped, NULL);
  g_assert_cmpint (state, ==, COACH_SESSION_STATE_GET_READY);
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (paused);
  g_assert_false (stopped);

  /* Stopping while paused unpauses: a finished session is never paused. */
  coach_session_stop (h->session);
  g_assert_cmpuint (count.n_paused, ==, 2);
  g_assert_cmpuint (count.n_state, ==, 4);
  g_object_get (h->session, "state", &state, "stopped", &stopped, NULL);
  g_assert_cmpint (state, ==, COACH_SESSION_STATE_FINISHED);
  g_assert_true (stopped);
}

/* A handler may use the controls; the events stay in order and none is lost. */
static void
pause_on_step_finished (CoachSession      *session,
                        CoachSessionEvent  kind,
                        guint              index,
                        guint              seconds_left,
                        gint64             time,
                        gpointer           user_data)
{
  if (kind == COACH_SESSION_EVENT_STEP_FINISHED)
    coach_session_pause (session);
}

static void
test_reentrant_handler (void)
{
  g_autoptr(Harness) h = harness_new ("a1B2 b1B2", 1);
  g_autoptr(Harness) late = harness_new ("a1B2 b1B2", 1);

  /* Updated on time, as the main loop does: the pause holds the next get-ready whole, and its
   * event, already due, still comes after STEP_FINISHED. */
  g_signal_connect (h->session, "event", G_CALLBACK (pause_on_step_finished), NULL);
  coach_session_start (h->session);
  for (guint t = 1; t <= 3; t++)
    run_to (h, t);
  assert_events (h, "G0:1@0 B0:2@1 S0:1@2 C0:1@2 F0:0@3 G1:1@3");
  g_assert_true (coach_session_get_paused (h->session));
  g_assert_cmpuint (coach_session_get_index (h->session), ==, 1);
  g_assert_cmpint (coach_session_get_phase_remaining (h->session), ==, us (1));
  run_to (h, 50);
  assert_events (h, "");
  set_time (h, 60);
  coach_session_resume (h->session);
  run_to_end (h, 1);
  assert_events (h, "B1:2@61 S1:1@62 C1:1@62 F1:0@63 E1:0@63");

  /* Updated late: the pause happens at the present time, so what was due before it is
   * delivered first, in order and once each, up to the end. */
  g_signal_connect (late->session, "event", G_CALLBACK (pause_on_step_finished), NULL);
  coach_session_start (late->session);
  run_to (late, 50);
  assert_events (late, "G0:1@0 B0:2@1 S0:1@2 C0:1@2 F0:0@3 G1:1@3 B1:2@4 S1:1@5 C1:1@5 "
                       "F1:0@6 E1:0@6");
  g_assert_cmpint (coach_session_get_state (late->session), ==, COACH_SESSION_STATE_FINISHED);
  g_assert_false (coach_session_get_paused (late->session));
}

/* ---- Driven by a main context ---------------------------------------------------------------- */

static void
test_attach_fake_clock (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(Harness) h = harness_new ("a1B10 b1B10", 2);

  /* The source's ready times are on the monotonic clock; a fake one near 0 puts them in the
   * past, so the source is ready whenever something is due, and never otherwise. */
  if (g_get_monotonic_time () < us (100))
    {
      g_test_skip ("the monotonic clock is too close to its origin");
      return;
    }
  h->now = 0;

  coach_session_attach (h->session, context);
  g_assert_false (g_main_context_pending (context));
  coach_session_start (h->session);
  g_assert_true (g_main_context_pending (context));

  h->now = us (1);
  g_main_context_iteration (context, FALSE);
  g_assert_cmpuint (h->events->len, ==, 2);
  g_assert_cmpint (g_array_index (h->events, Event, 1).kind, ==, COACH_SESSION_EVENT_SECOND);

  coach_session_pause (h->session);
  g_assert_false (g_main_context_pending (context));
  coach_session_resume (h->session);
  g_assert_true (g_main_context_pending (context));

  /* Finished: the source is gone. */
  coach_session_stop (h->session);
  g_assert_false (g_main_context_pending (context));

  /* Disposed while attached: the source goes with the session. */
  g_clear_object (&h->session);
  h->session = coach_session_new (h->routine, 2, fake_clock, h);
  coach_session_attach (h->session, context);
  coach_session_start (h->session);
  g_assert_true (g_main_context_pending (context));
  g_clear_object (&h->session);
  g_assert_false (g_main_context_pending (context));
  while (g_main_context_iteration (context, FALSE))
    ;
}

typedef struct {
  GMainLoop *loop;
  GArray    *events;
  gboolean   early;       /* an event came before its ideal time */
  gboolean   timed_out;
} RealRun;

static void
on_real_event (CoachSession      *session,
               CoachSessionEvent  kind,
               guint              index,
               guint              seconds_left,
               gint64             time,
               RealRun           *run)
{
  Event event = { kind, index, seconds_left, time, coach_session_get_state (session) };

  if (g_get_monotonic_time () < time)
    run->early = TRUE;
  g_array_append_val (run->events, event);
  if (kind == COACH_SESSION_EVENT_ROUTINE_FINISHED)
    g_main_loop_quit (run->loop);
}

static gboolean
on_guard (gpointer user_data)
{
  RealRun *run = user_data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
test_real_clock (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(CoachRoutine) routine = routine_from_spec ("a2L1 a3R1 b1B2");
  g_autoptr(CoachSession) session = coach_session_new (routine, 0, NULL, NULL);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  g_autoptr(GSource) guard = g_timeout_source_new_seconds (25);
  g_autofree char *got = NULL;
  RealRun run = { loop, events, FALSE, FALSE };

  g_signal_connect (session, "event", G_CALLBACK (on_real_event), &run);
  /* Only there so that a broken source fails the test rather than hanging it. */
  g_source_set_callback (guard, on_guard, &run, NULL);
  g_source_attach (guard, context);

  g_main_context_push_thread_default (context);
  coach_session_attach (session, NULL);
  g_assert_true (coach_session_start (session));
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (context);
  g_source_destroy (guard);

  g_assert_false (run.timed_out);
  /* The session's source went away when it finished. */
  g_assert_false (g_main_context_pending (context));
  got = format_events ((Event *) events->data, events->len, FALSE);
  g_assert_cmpstr (got, ==, "G0:0 B0:1 F0:0 W1:0 B1:1 F1:0 G2:0 B2:2 S2:1 C2:1 F2:0 E2:0");
  for (guint i = 1; i < events->len; i++)
    g_assert_cmpint (g_array_index (events, Event, i - 1).time, <=,
                     g_array_index (events, Event, i).time);
  g_assert_false (run.early);
  g_assert_cmpint (coach_session_get_state (session), ==, COACH_SESSION_STATE_FINISHED);
  g_assert_cmpuint (coach_session_get_n_done (session), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/schedule/long", test_long_schedule);
  g_test_add_func ("/session/order/boundaries", test_order_boundaries);
  g_test_add_func ("/session/order/countdown", test_order_countdown);
  g_test_add_func ("/session/order/get-ready-zero", test_order_get_ready_zero);
  g_test_add_func ("/session/order/switch-sides", test_order_switch_sides);
  g_test_add_func ("/session/order/next-state", test_next_state);
  g_test_add_func ("/session/control/previous-first", test_previous_first);
  g_test_add_func ("/session/control/next-last", test_next_last);
  g_test_add_func ("/session/control/restart-mid-step", test_restart_mid_step);
  g_test_add_func ("/session/control/while-paused", test_controls_while_paused);
  g_test_add_func ("/session/control/pause-get-ready-and-switch", test_pause_get_ready_and_switch);
  g_test_add_func ("/session/control/pause-at-deadline", test_pause_at_deadline);
  g_test_add_func ("/session/control/double-pause", test_double_pause);
  g_test_add_func ("/session/control/idle-and-finished", test_controls_idle_and_finished);
  g_test_add_func ("/session/control/stop", test_stop);
  g_test_add_func ("/session/control/reentrant-handler", test_reentrant_handler);
  g_test_add_func ("/session/update/late", test_late_update);
  g_test_add_func ("/session/get-ready/live", test_get_ready_live);
  g_test_add_func ("/session/notify", test_notify);
  g_test_add_func ("/session/attach/fake-clock", test_attach_fake_clock);
  g_test_add_func ("/session/attach/real-clock", test_real_clock);

  return g_test_run ();
}
