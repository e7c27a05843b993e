/* test-partner-session.c: partner sessions plan from the receiver's profile with partner
 * techniques, keep one position, hold check-ins at their interval, swap roles, and follow and
 * remember the receiver's pressure answers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "coach-partner-session.h"
#include "coach-partner-store.h"
#include "coach-safety.h"
#include "coach-session.h"

static CoachCatalog *catalog;
static CoachPlanner *planner;

static CoachSettings *
new_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) gsettings = g_settings_new_with_backend (APP_ID, backend);

  return coach_settings_new (gsettings);
}

static CoachTechnique *
technique_of (const CoachRoutineItem *item)
{
  CoachTechnique *technique = coach_catalog_lookup (catalog, item->technique);

  g_assert_nonnull (technique);
  return technique;
}

/* Every step of the routine is for a partner to give, with the receiver in @position, and
 * nothing of @avoided families or ruled out by @conditions. */
static void
assert_partner_routine (CoachRoutine *routine,
                        CoachPose     position,
                        guint32       avoided,
                        guint32       conditions)
{
  g_assert_cmpuint (coach_routine_get_n_items (routine), >, 0);
  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      CoachTechnique *technique = technique_of (item);
      const CoachStep *step = coach_technique_get_step (technique, item->step);
      CoachCondition reason;

      g_assert_true (coach_technique_suits_performer (technique, COACH_PERFORMER_PARTNER));
      g_assert_cmpint (coach_technique_get_performer (technique), !=, COACH_PERFORMER_SELF);
      g_assert_cmpint (step->pose, ==, position);
      g_assert_cmpuint (avoided & COACH_MASK (coach_technique_get_family (technique)), ==, 0);
      g_assert_true (coach_safety_allows (technique, conditions, &reason));
    }
}

/* A partner who avoids tapping and has severe osteoporosis; neck and lower back hurt. */
static CoachPartner *
new_sam (void)
{
  CoachPartner *sam = coach_partner_new ("Sam");

  coach_partner_set_sore_regions (sam, COACH_MASK (COACH_REGION_NECK) |
                                       COACH_MASK (COACH_REGION_UPPER_BACK));
  coach_partner_set_avoid_families (sam, COACH_MASK (COACH_FAMILY_KNEADING));
  coach_partner_set_conditions (sam, COACH_MASK (COACH_CONDITION_OSTEOPOROSIS));
  return sam;
}

static void
test_plan_for_receiver (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  g_autoptr(CoachPartner) sam = new_sam ();
  g_autoptr(CoachPartnerSession) session = coach_partner_session_new (settings, sam, COACH_RECEIVER_PARTNER);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRoutine) routine = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  gboolean tapping_left_out = FALSE;

  /* The person's own profile says nothing about Sam's. */
  g_object_set (settings, "sore-regions", COACH_MASK (COACH_REGION_LOWER_BACK),
                "avoid-families", COACH_MASK (COACH_FAMILY_FRICTION), NULL);

  for (guint32 seed = 0; seed < 8; seed++)
    {
      g_autoptr(CoachRoutine) planned = coach_partner_session_plan (session, planner, seed, NULL, &error);

      g_assert_no_error (error);
      assert_partner_routine (planned, COACH_POSE_PARTNER_FACE_DOWN,
                              COACH_MASK (COACH_FAMILY_KNEADING), COACH_MASK (COACH_CONDITION_OSTEOPOROSIS));
    }

  routine = coach_partner_session_plan (session, planner, 1, &reasons, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_routine_get_name (routine), ==, "Partner Massage");
  /* The length the person chose. */
  g_assert_cmpuint (coach_routine_get_total_duration (routine), >=, 15 * 60 * 9 / 10);
  g_assert_cmpuint (coach_routine_get_total_duration (routine), <=, 15 * 60 * 11 / 10);
  /* Osteoporosis rules tapping out, whatever else. */
  for (guint i = 0; i < reasons->len; i++)
    {
      CoachPlanReason *reason = g_ptr_array_index (reasons, i);

      if (g_str_equal (coach_technique_get_id (reason->technique), "partner-tapping"))
        {
          g_assert_false (COACH_PLAN_REASON_IS_INCLUDED (reason->kind));
          g_assert_cmpint (reason->kind, ==, COACH_PLAN_EXCLUDED_CONDITION);
          tapping_left_out = TRUE;
        }
      if (coach_technique_get_performer (reason->technique) == COACH_PERFORMER_SELF)
        g_assert_cmpint (reason->kind, ==, COACH_PLAN_EXCLUDED_PERFORMER);
    }
  g_assert_true (tapping_left_out);

  /* Side-lying on request: only side-lying techniques. */
  g_assert_cmpint (coach_partner_session_get_position (session), ==, COACH_POSE_PARTNER_FACE_DOWN);
  coach_partner_session_set_side_lying (session, TRUE);
  g_assert_cmpint (coach_partner_session_get_position (session), ==, COACH_POSE_PARTNER_SIDE_LYING);
  g_assert_false (coach_partner_session_position_is_required (session));
  coach_partner_set_avoid_families (sam, 0);
  g_clear_object (&routine);
  routine = coach_partner_session_plan (session, planner, 3, NULL, &error);
  g_assert_no_error (error);
  assert_partner_routine (routine, COACH_POSE_PARTNER_SIDE_LYING, 0,
                          COACH_MASK (COACH_CONDITION_OSTEOPOROSIS));
}

/* Pregnancy: side-lying, whatever was asked, and said why. */
static void
test_pregnancy (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  g_autoptr(CoachPartner) ana = coach_partner_new ("Ana");
  g_autoptr(CoachPartnerSession) session = coach_partner_session_new (settings, ana, COACH_RECEIVER_PARTNER);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRoutine) routine = NULL;

  g_assert_cmpint (coach_partner_session_get_position (session), ==, COACH_POSE_PARTNER_FACE_DOWN);
  g_assert_cmpstr (coach_partner_session_get_position_title (session), ==, "Lying Face Down");
  coach_partner_set_conditions (ana, COACH_MASK (COACH_CONDITION_PREGNANCY));
  g_assert_false (coach_partner_session_get_side_lying (session));
  g_assert_cmpint (coach_partner_session_get_position (session), ==, COACH_POSE_PARTNER_SIDE_LYING);
  g_assert_true (coach_partner_session_position_is_required (session));
  g_assert_cmpstr (coach_partner_session_get_position_title (session), ==, "Lying on the Side");
  g_assert_nonnull (strstr (coach_partner_session_get_position_explanation (session), "pregnancy"));

  g_object_set (settings, "default-minutes", 10, NULL);
  routine = coach_partner_session_plan (session, planner, 0, NULL, &error);
  g_assert_no_error (error);
  assert_partner_routine (routine, COACH_POSE_PARTNER_SIDE_LYING, 0,
                          COACH_MASK (COACH_CONDITION_PREGNANCY));

  /* The person receiving is not pregnant: face down again. */
  coach_partner_session_swap_roles (session);
  g_assert_false (coach_partner_session_position_is_required (session));
  g_assert_cmpint (coach_partner_session_get_position (session), ==, COACH_POSE_PARTNER_FACE_DOWN);
}

/* After the routine, the other person receives: planned from their profile. */
static void
test_swap_roles (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  g_autoptr(CoachPartner) sam = new_sam ();
  g_autoptr(CoachPartnerSession) session = NULL;
  g_autoptr(CoachRoutine) first = NULL;
  g_autoptr(CoachRoutine) second = NULL;
  g_autoptr(GError) error = NULL;
  guint kneading = 0, lower_back = 0;

  g_object_set (settings, "sore-regions", COACH_MASK (COACH_REGION_LOWER_BACK),
                "avoid-families", COACH_MASK (COACH_FAMILY_TAPPING),
                "pressure-preference", 1, NULL);
  coach_partner_set_pressure_preference (sam, -2);
  /* Each receiver starts from what they asked for last time. */
  session = coach_partner_session_new (settings, sam, COACH_RECEIVER_PARTNER);
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -2);
  g_assert_true (coach_partner_session_get_receiver_profile (session) == G_OBJECT (sam));

  first = coach_partner_session_plan (session, planner, 5, NULL, &error);
  g_assert_no_error (error);

  coach_partner_session_swap_roles (session);
  g_assert_cmpint (coach_partner_session_get_receiver (session), ==, COACH_RECEIVER_SELF);
  g_assert_true (coach_partner_session_get_receiver_profile (session) == G_OBJECT (settings));
  /* The new receiver's own remembered pressure. */
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, 1);
  second = coach_partner_session_plan (session, planner, 5, NULL, &error);
  g_assert_no_error (error);

  /* The person avoids tapping, not kneading, and has no osteoporosis; their lower back. */
  assert_partner_routine (second, COACH_POSE_PARTNER_FACE_DOWN, COACH_MASK (COACH_FAMILY_TAPPING), 0);
  for (guint i = 0; i < coach_routine_get_n_items (second); i++)
    {
      CoachTechnique *technique = technique_of (coach_routine_get_item (second, i));

      kneading += coach_technique_get_family (technique) == COACH_FAMILY_KNEADING;
      lower_back += (coach_technique_get_regions (technique) & COACH_MASK (COACH_REGION_LOWER_BACK)) != 0;
    }
  g_assert_cmpuint (kneading, >, 0);
  g_assert_cmpuint (lower_back, >, 0);
  {
    g_autofree char *a = coach_routine_to_xml (first);
    g_autofree char *b = coach_routine_to_xml (second);

    g_assert_cmpstr (a, !=, b);
  }

  /* And back. */
  coach_partner_session_swap_roles (session);
  g_assert_cmpint (coach_partner_session_get_receiver (session), ==, COACH_RECEIVER_PARTNER);
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -2);
}

static void
test_check_ins (void)
{
  g_autoptr(CoachRoutine) routine = coach_routine_new ("Test");
  g_autoptr(GArray) every_two = NULL;
  g_autoptr(GArray) every_ten = NULL;
  g_autoptr(GArray) every_minute = NULL;

  /* 9 min 40 s of massage. */
  for (guint i = 0; i < 8; i++)
    coach_routine_append (routine, "partner-circular-friction", 2, 70 + 5 * i, COACH_SIDE_BOTH);
  g_assert_cmpuint (coach_routine_get_total_duration (routine), ==, 700);

  every_two = coach_check_in_times (routine, 120);
  g_assert_cmpuint (every_two->len, ==, 5);
  for (guint i = 0; i < every_two->len; i++)
    g_assert_cmpuint (g_array_index (every_two, guint, i), ==, 120 * (i + 1));

  /* 660 s would leave 40 s; 690 s only 10, too late to change anything. */
  every_minute = coach_check_in_times (routine, 60);
  g_assert_cmpuint (every_minute->len, ==, 11);
  g_assert_cmpuint (g_array_index (every_minute, guint, 10), ==, 660);

  every_ten = coach_check_in_times (routine, 600);
  g_assert_cmpuint (every_ten->len, ==, 1);
  g_assert_cmpuint (g_array_index (every_ten, guint, 0), ==, 600);
  {
    g_autoptr(GArray) none = coach_check_in_times (routine, 680);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

typedef struct {
  CoachSession *session;
  GArray       *times;
  guint         next;
  GArray       *prompts;   /* gint64: the massage time of each prompt, µs */
  gint64       *now;
} Prompts;

/* As the player asks: at each step start and each second of a step. */
static void
on_event (CoachSession      *session,
          CoachSessionEvent  kind,
          guint              index,
          guint              seconds_left,
          gint64             ideal,
          Prompts           *p)
{
  if ((kind == COACH_SESSION_EVENT_STEP_STARTED || kind == COACH_SESSION_EVENT_SECOND) &&
      coach_session_get_state (session) == COACH_SESSION_STATE_RUNNING &&
      coach_check_in_is_due (p->times, &p->next, coach_session_get_elapsed (session)))
    {
      gint64 elapsed = coach_session_get_elapsed (session);
      g_array_append_val (p->prompts, elapsed);
    }
}

/* In a session with get-ready counts and pauses, the prompts come at every interval of
 * massage, to the second, once each. */
static void
test_check_ins_in_session (void)
{
  g_autoptr(CoachRoutine) routine = coach_routine_new ("Test");
  g_autoptr(CoachSession) session = NULL;
  gint64 now = 1000 * G_USEC_PER_SEC;
  Prompts p = { 0, };

  for (guint i = 0; i < 7; i++)
    coach_routine_append (routine, "partner-circular-friction", 2, 45 + 10 * i, COACH_SIDE_BOTH);
  session = coach_session_new (routine, 5, fake_clock, &now);
  p.times = coach_check_in_times (routine, 90);
  p.prompts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (session, "event", G_CALLBACK (on_event), &p);

  coach_session_start (session);
  for (guint tick = 0; coach_session_get_state (session) != COACH_SESSION_STATE_FINISHED; tick++)
    {
      now += G_USEC_PER_SEC / 4;
      /* A pause of 7 s every 100 s or so. */
      if (tick % 400 == 399)
        {
          coach_session_pause (session);
          now += 7 * G_USEC_PER_SEC;
          coach_session_resume (session);
        }
      coach_session_update (session);
    }

  /* 525 s of massage: at 90, 180, 270, 360 and 450 s, not 540. */
  g_assert_cmpuint (coach_routine_get_total_duration (routine), ==, 525);
  g_assert_cmpuint (p.prompts->len, ==, 5);
  for (guint i = 0; i < p.prompts->len; i++)
    g_assert_cmpint (g_array_index (p.prompts, gint64, i), ==, (gint64) (i + 1) * 90 * G_USEC_PER_SEC);

  g_array_unref (p.times);
  g_array_unref (p.prompts);
}

/* The answers move the pressure a step at a time, within its range; the session's wording
 * follows; the profile remembers, through its file. */
static void
test_pressure_answers (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  g_autofree char *dir = g_dir_make_tmp ("backcoach-partner-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "partners.xml", NULL);
  g_autoptr(CoachPartnerStore) store = coach_partner_store_new (path);
  g_autoptr(CoachPartnerStore) reread = NULL;
  g_autoptr(CoachPartner) sam = new_sam ();
  g_autoptr(CoachPartnerSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *advice[5] = { NULL, };

  coach_partner_store_add (store, sam);
  session = coach_partner_session_new (settings, sam, COACH_RECEIVER_PARTNER);
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, 0);
  g_assert_null (coach_pressure_get_advice (0));
  g_assert_null (coach_pressure_get_spoken (0));

  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_LIGHTER);
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -1);
  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_LIGHTER);
  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_LIGHTER);
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -2);
  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_GOOD);
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -2);
  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_FIRMER);
  g_assert_cmpint (coach_partner_session_get_pressure (session), ==, -1);
  g_assert_cmpuint (coach_partner_session_get_n_answers (session), ==, 5);
  g_assert_cmpint (coach_partner_get_pressure_preference (sam), ==, -1);
  /* The person's own preference is untouched by Sam's answers. */
  g_assert_cmpint (coach_settings_get_pressure_preference (settings), ==, 0);

  /* Saved for next time. */
  coach_partner_store_flush (store);
  g_assert_false (coach_partner_store_has_unsaved_changes (store));
  reread = coach_partner_store_new (path);
  g_assert_true (coach_partner_store_load (reread, &error));
  g_assert_no_error (error);
  g_assert_cmpint (coach_partner_get_pressure_preference (
                     coach_partner_store_lookup (reread, coach_partner_get_id (sam))), ==, -1);

  /* When the person receives, their answers go to their own preferences. */
  coach_partner_session_swap_roles (session);
  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_FIRMER);
  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_FIRMER);
  coach_partner_session_answer_pressure (session, COACH_PRESSURE_ANSWER_FIRMER);
  g_assert_cmpint (coach_settings_get_pressure_preference (settings), ==, 2);
  g_assert_cmpint (coach_partner_get_pressure_preference (sam), ==, -1);

  /* Every level but "as the card says" has its own words, shown and spoken. */
  for (int level = -2; level <= 2; level++)
    {
      advice[level + 2] = coach_pressure_get_advice (level);
      if (level == 0)
        continue;
      g_assert_nonnull (advice[level + 2]);
      g_assert_nonnull (coach_pressure_get_spoken (level));
      for (int other = -2; other < level; other++)
        g_assert_cmpstr (advice[level + 2], !=, advice[other + 2]);
    }
  g_assert_nonnull (strstr (coach_pressure_get_advice (-1), "lighter"));
  g_assert_nonnull (strstr (coach_pressure_get_advice (1), "firmer"));

  coach_partner_store_remove (store, coach_partner_get_id (sam));
  coach_partner_store_flush (store);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  catalog = coach_catalog_new_with_user_dir (NULL);
  planner = coach_planner_new (catalog);

  g_test_add_func ("/partner-session/plan-for-receiver", test_plan_for_receiver);
  g_test_add_func ("/partner-session/pregnancy", test_pregnancy);
  g_test_add_func ("/partner-session/swap-roles", test_swap_roles);
  g_test_add_func ("/partner-session/check-ins", test_check_ins);
  g_test_add_func ("/partner-session/check-ins-in-session", test_check_ins_in_session);
  g_test_add_func ("/partner-session/pressure-answers", test_pressure_answers);

  result = g_test_run ();
  g_object_unref (planner);
  g_object_unref (catalog);
  return result;
}
