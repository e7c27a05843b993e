/* test-planner.c: planned routines are safe, fit the time, pair sides and explain themselves.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sweep plans every combination of sore regions, avoided method, condition, performer and
 * length, and checks each plan against rules restated here from the issue, not taken from the
 * planner. BACKCOACH_QUICK=1 (set for the valgrind setup) checks a fixed sample instead. */
#include "config.h"

#include "coach-planner.h"
#include "coach-safety.h"

static CoachCatalog *catalog;
static CoachPlanner *planner;

#define ALL_EQUIPMENT (COACH_MASK (COACH_N_EQUIPMENT) - 1)

static const guint32 region_sets[] = {
  0,
  COACH_MASK (COACH_REGION_NECK),
  COACH_MASK (COACH_REGION_UPPER_BACK),
  COACH_MASK (COACH_REGION_MID_BACK),
  COACH_MASK (COACH_REGION_LOWER_BACK),
  COACH_MASK (COACH_REGION_SACRUM_HIPS),
  COACH_MASK (COACH_REGION_BUTTOCKS),
  COACH_MASK (COACH_REGION_LOWER_BACK) | COACH_MASK (COACH_REGION_BUTTOCKS),
  COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_UPPER_BACK),
  COACH_MASK (COACH_REGION_MID_BACK) | COACH_MASK (COACH_REGION_LOWER_BACK) |
    COACH_MASK (COACH_REGION_SACRUM_HIPS),
  COACH_MASK (COACH_N_REGIONS) - 1,
};

static const guint minutes_list[] = { 5, 10, 15, 20, 30 };

/* The rules of the issue, restated: may @t be offered for @request at all? */
static gboolean
oracle_allows (const CoachPlanRequest *request,
               CoachTechnique         *t)
{
  guint limit = request->pressure_ceiling;
  CoachPerformer performer = coach_technique_get_performer (t);

  if (performer != COACH_PERFORMER_BOTH && performer != request->performer)
    return FALSE;
  if ((request->avoid_families & COACH_MASK (coach_technique_get_family (t))) != 0 ||
      (request->avoid_equipment & coach_technique_get_equipment (t)) != 0 ||
      (coach_technique_get_equipment (t) & ~request->equipment) != 0 ||
      (coach_technique_get_avoid_with (t) & request->conditions) != 0)
    return FALSE;

  for (guint c = 0; c < COACH_N_CONDITIONS; c++)
    {
      if ((request->conditions & COACH_MASK (c)) == 0)
        continue;
      if ((coach_safety_get_excluded_families (c) & COACH_MASK (coach_technique_get_family (t))) != 0 ||
          (coach_safety_get_excluded_equipment (c) & coach_technique_get_equipment (t)) != 0)
        return FALSE;
      if (c == COACH_CONDITION_PREGNANCY && performer != COACH_PERFORMER_SELF)
        for (guint n = 1; n <= coach_technique_get_n_steps (t); n++)
          if (coach_technique_get_step (t, n)->pose != COACH_POSE_PARTNER_SIDE_LYING)
            return FALSE;
    }

  /* A partner routine keeps the receiver in one position: the one asked for. */
  if (request->performer == COACH_PERFORMER_PARTNER)
    for (guint n = 1; n <= coach_technique_get_n_steps (t); n++)
      {
        CoachPose pose = coach_technique_get_step (t, n)->pose;

        if ((pose == COACH_POSE_PARTNER_FACE_DOWN || pose == COACH_POSE_PARTNER_SIDE_LYING) &&
            pose != request->position)
          return FALSE;
      }

  limit = MIN (limit, coach_safety_get_pressure_cap (request->conditions));
  if (request->sore_regions == 0)
    limit = MIN (limit, COACH_PRESSURE_GENTLE);
  return coach_technique_get_pressure (t) <= limit;
}

/* Whether an error is justified: fever, or nothing left for the sore regions or to warm up, or
 * too little for the sore regions to fill half the time even with every step repeated eight
 * times and stretched by half. Partner tapping is brief (never repeated or stretched), so it
 * cannot carry a routine: it does not count. */
static gboolean
oracle_may_fail (const CoachPlanRequest *request)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  gboolean focus = FALSE, glide = FALSE, sore;
  double capacity = 0;

  if ((request->conditions & COACH_MASK (COACH_CONDITION_FEVER)) != 0)
    return TRUE;

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *t = g_ptr_array_index (techniques, i);

      if (!oracle_allows (request, t))
        continue;
      sore = request->sore_regions == 0 || (coach_technique_get_regions (t) & request->sore_regions) != 0;
      focus |= sore;
      for (guint n = 1; n <= coach_technique_get_n_steps (t); n++)
        {
          if (coach_technique_get_step (t, n)->stroke == COACH_STROKE_GLIDE)
            glide = TRUE;
          if (sore && (request->performer != COACH_PERFORMER_PARTNER ||
                       coach_technique_get_family (t) != COACH_FAMILY_TAPPING))
            capacity += coach_technique_get_step (t, n)->duration * 8 * 1.5;
        }
    }
  return !focus || !glide || capacity < 0.45 * request->minutes * 60;
}

static const CoachStep *
item_step (const CoachRoutineItem *item)
{
  return coach_technique_get_step (coach_catalog_lookup (catalog, item->technique), item->step);
}

static void
check_plan (const CoachPlanRequest *request,
            CoachRoutine           *routine,
            GPtrArray              *reasons)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = coach_routine_get_n_items (routine);
  guint total = coach_routine_get_total_duration (routine), target = request->minutes * 60;
  guint sore_time = 0;
  const CoachStep *first, *last;

  g_assert_cmpuint (n, >, 0);

  /* Within 10% of the time asked for. */
  g_assert_cmpuint (total * 10, >=, target * 9);
  g_assert_cmpuint (total * 10, <=, target * 11);

  for (guint i = 0; i < n; i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      CoachTechnique *t = coach_catalog_lookup (catalog, item->technique);
      const CoachStep *step = item_step (item);

      if (request->sore_regions == 0 ||
          (COACH_MASK (step->area) & request->sore_regions) != 0 ||
          (coach_technique_get_regions (t) & request->sore_regions) != 0)
        sore_time += item->duration;
    }

  for (guint i = 0; i < n; i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      CoachTechnique *t = coach_catalog_lookup (catalog, item->technique);
      const CoachStep *step = item_step (item);

      g_assert_nonnull (step);
      g_hash_table_add (used, item->technique);
      if (!oracle_allows (request, t))
        g_error ("%s is not allowed here", item->technique);
      g_assert_cmpuint (item->duration % 5, ==, 0);
      g_assert_cmpuint (item->duration, >=, 10);
      g_assert_cmpuint (item->duration * 2, >=, step->duration);
      g_assert_cmpuint (item->duration * 2, <=, MAX (step->duration * 3, 20));
      g_assert_cmpint (item->side, ==, step->side);

      /* Sides come in pairs of equal length. */
      if (item->side == COACH_SIDE_LEFT || item->side == COACH_SIDE_RIGHT)
        {
          const CoachRoutineItem *other;

          g_assert_cmpuint (i + 1, <, n);
          other = coach_routine_get_item (routine, i + 1);
          g_assert_cmpstr (other->technique, ==, item->technique);
          g_assert_cmpint (other->side, ==, item->side == COACH_SIDE_LEFT ? COACH_SIDE_RIGHT : COACH_SIDE_LEFT);
          g_assert_cmpuint (other->duration, ==, item->duration);
          g_hash_table_add (used, other->technique);
          i++;
        }
    }

  /* The sore regions get most of the time. */
  g_assert_cmpuint (sore_time * 2, >=, total);

  /* A partner massage in the classic order: kneading, then friction, then the deeper methods,
   * then brief tapping (no longer than its card says), with gliding and other calm strokes
   * anywhere (the warm-up and finish are those). */
  if (request->performer == COACH_PERFORMER_PARTNER)
    {
      static const int rank[COACH_N_FAMILIES] = {
        [COACH_FAMILY_KNEADING] = 1, [COACH_FAMILY_FRICTION] = 2, [COACH_FAMILY_DEEP_TISSUE] = 3,
        [COACH_FAMILY_TRIGGER_POINT] = 3, [COACH_FAMILY_NEUROMUSCULAR] = 3,
        [COACH_FAMILY_MYOFASCIAL] = 3, [COACH_FAMILY_ACUPRESSURE] = 3, [COACH_FAMILY_TOOL] = 3,
        [COACH_FAMILY_TAPPING] = 4,
      };
      int reached = 0;

      for (guint i = 0; i < n; i++)
        {
          const CoachRoutineItem *item = coach_routine_get_item (routine, i);
          CoachFamily family = coach_technique_get_family (coach_catalog_lookup (catalog, item->technique));

          CoachStroke stroke = item_step (item)->stroke;

          if (family == COACH_FAMILY_TAPPING)
            g_assert_cmpuint (item->duration, <=, item_step (item)->duration);
          if (rank[family] == 0 || stroke == COACH_STROKE_GLIDE || stroke == COACH_STROKE_ROCK ||
              stroke == COACH_STROKE_HOLD || stroke == COACH_STROKE_REST)
            continue;
          if (rank[family] < reached)
            g_error ("%s comes after a later method in a partner routine", item->technique);
          reached = rank[family];
        }
    }

  /* Gliding to warm up; gliding, rocking, holding or resting to finish. */
  first = item_step (coach_routine_get_item (routine, 0));
  last = item_step (coach_routine_get_item (routine, n - 1));
  g_assert_cmpint (first->stroke, ==, COACH_STROKE_GLIDE);
  g_assert_true (last->stroke == COACH_STROKE_GLIDE || last->stroke == COACH_STROKE_ROCK ||
                 last->stroke == COACH_STROKE_HOLD || last->stroke == COACH_STROKE_REST);

  /* One reason per technique, included exactly when used. */
  g_assert_cmpuint (reasons->len, ==, techniques->len);
  for (guint i = 0; i < reasons->len; i++)
    {
      CoachPlanReason *reason = g_ptr_array_index (reasons, i);
      const char *id = coach_technique_get_id (reason->technique);

      g_assert_true (reason->technique == g_ptr_array_index (techniques, i));
      g_assert_cmpstr (reason->text, !=, "");
      g_assert_cmpint (COACH_PLAN_REASON_IS_INCLUDED (reason->kind), ==,
                       g_hash_table_contains (used, id));
      if (COACH_PLAN_REASON_IS_INCLUDED (reason->kind))
        g_assert_true (g_str_has_prefix (reason->text, "Included"));
      else
        g_assert_true (g_str_has_prefix (reason->text, "Left out: "));
    }
}

static gboolean
same_routine (CoachRoutine *a,
              CoachRoutine *b)
{
  g_autofree char *xa = coach_routine_to_xml (a);
  g_autofree char *xb = coach_routine_to_xml (b);

  return g_str_equal (xa, xb);
}

static void
test_sweep (void)
{
  gboolean quick = g_strcmp0 (g_getenv ("BACKCOACH_QUICK"), "1") == 0;
  guint n_avoid = 1 + COACH_N_FAMILIES + COACH_N_EQUIPMENT;
  guint combo = 0, planned = 0, failed = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint r = 0; r < G_N_ELEMENTS (region_sets); r++)
    for (guint a = 0; a < n_avoid; a++)
      for (guint c = 0; c <= COACH_N_CONDITIONS; c++)
        for (CoachPerformer p = COACH_PERFORMER_SELF; p <= COACH_PERFORMER_PARTNER; p++)
          for (guint m = 0; m < G_N_ELEMENTS (minutes_list); m++, combo++)
            {
              CoachPlanRequest request;
              g_autoptr(CoachRoutine) routine = NULL;
              g_autoptr(GPtrArray) reasons = NULL;
              g_autoptr(GError) error = NULL;

              if (quick && combo % 41 != 0)
                continue;

              coach_plan_request_init (&request);
              request.sore_regions = region_sets[r];
              if (a >= 1 && a <= COACH_N_FAMILIES)
                request.avoid_families = COACH_MASK (a - 1);
              else if (a > COACH_N_FAMILIES)
                request.avoid_equipment = COACH_MASK (a - 1 - COACH_N_FAMILIES);
              request.conditions = c < COACH_N_CONDITIONS ? COACH_MASK (c) : 0;
              request.performer = p;
              request.minutes = minutes_list[m];
              request.equipment = ALL_EQUIPMENT;
              request.seed = combo % 7;
              /* Either position; pregnancy always lies on the side. */
              request.position = c == COACH_CONDITION_PREGNANCY || combo % 3 == 0
                                 ? COACH_POSE_PARTNER_SIDE_LYING : COACH_POSE_PARTNER_FACE_DOWN;

              routine = coach_planner_plan (planner, &request, &reasons, &error);
              if (routine == NULL)
                {
                  /* Never silent, and only when it must. */
                  g_assert_nonnull (error);
                  g_assert_null (reasons);
                  g_assert_true (error->domain == COACH_PLANNER_ERROR);
                  g_assert_cmpstr (error->message, !=, "");
                  if (c == COACH_CONDITION_FEVER)
                    g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_POSTPONE);
                  else
                    g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE);
                  if (!oracle_may_fail (&request))
                    g_error ("Combination %u (regions %x, avoided methods %x and equipment %x, "
                             "conditions %x, performer %d, position %d, %u min) failed without "
                             "cause: %s", combo, request.sore_regions, request.avoid_families,
                             request.avoid_equipment, request.conditions, request.performer,
                             request.position, request.minutes, error->message);
                  failed++;
                  continue;
                }

              g_assert_no_error (error);
              g_assert_true (c != COACH_CONDITION_FEVER);
              check_plan (&request, routine, reasons);
              planned++;

              /* The same request gives the same routine. */
              if (combo % 13 == 0)
                {
                  g_autoptr(CoachRoutine) again = coach_planner_plan (planner, &request, NULL, &error);
                  g_assert_no_error (error);
                  g_assert_true (same_routine (routine, again));
                }
            }

  g_test_message ("%u plans checked, %u clear errors, in %.2f s", planned, failed,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (planned, >, failed);
}

static CoachRoutine *
plan (CoachPlanRequest  *request,
      GPtrArray        **reasons)
{
  g_autoptr(GError) error = NULL;
  CoachRoutine *routine = coach_planner_plan (planner, request, reasons, &error);

  g_assert_no_error (error);
  return routine;
}

static const char *
reason_for (GPtrArray  *reasons,
            const char *id)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      CoachPlanReason *reason = g_ptr_array_index (reasons, i);
      if (g_str_equal (coach_technique_get_id (reason->technique), id))
        return reason->text;
    }
  g_assert_not_reached ();
}

static void
test_reasons (void)
{
  CoachPlanRequest request;
  g_autoptr(CoachRoutine) routine = NULL;
  g_autoptr(GPtrArray) reasons = NULL;

  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_UPPER_BACK) | COACH_MASK (COACH_REGION_LOWER_BACK);
  request.avoid_families = COACH_MASK (COACH_FAMILY_TAPPING);
  request.conditions = COACH_MASK (COACH_CONDITION_NEUROPATHY);
  request.equipment |= COACH_MASK (COACH_EQUIPMENT_BALL) | COACH_MASK (COACH_EQUIPMENT_CANE);
  request.pressure_ceiling = 5;
  routine = plan (&request, &reasons);

  g_assert_cmpstr (reason_for (reasons, "self-tapping-shoulders-buttocks"), ==, "Left out: you avoid this method (Tapping)");
  g_assert_cmpstr (reason_for (reasons, "self-deep-strokes-lower-back"), ==, "Left out: pressure 6 is above your ceiling of 5");
  g_assert_cmpstr (reason_for (reasons, "foam-roller-mid-back"), ==, "Left out: needs equipment you have not marked as at hand (Foam roller)");
  g_assert_cmpstr (reason_for (reasons, "partner-tapping"), ==, "Left out: for partner massage");
  g_assert_cmpstr (reason_for (reasons, "heat-pack-lower-back"), ==, "Left out: not suitable with your health condition (Numbness or neuropathy)");
  g_assert_cmpstr (reason_for (reasons, "ball-sit-buttocks"), ==, "Left out: works other regions than your sore ones");
  g_assert_true (g_str_has_prefix (reason_for (reasons, coach_routine_get_item (routine, 0)->technique), "Included as warm-up"));

  /* Conditions lower the limit below the person's own ceiling. */
  g_clear_pointer (&reasons, g_ptr_array_unref);
  g_clear_object (&routine);
  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_LOWER_BACK);
  request.conditions = COACH_MASK (COACH_CONDITION_OSTEOARTHRITIS);
  request.equipment = ALL_EQUIPMENT;
  routine = plan (&request, &reasons);
  g_assert_cmpstr (reason_for (reasons, "self-kneading-lower-back"), ==,
                   "Left out: pressure 4 is above the limit of 3 for your health conditions");
  g_assert_cmpstr (reason_for (reasons, "ball-wall-side-lower-back"), ==,
                   "Left out: pressure 5 is above the limit of 3 for your health conditions");

  /* Osteoporosis: no deep tissue, tapping or foam roller, whatever the technique says. */
  g_clear_pointer (&reasons, g_ptr_array_unref);
  g_clear_object (&routine);
  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_MID_BACK);
  request.conditions = COACH_MASK (COACH_CONDITION_OSTEOPOROSIS);
  request.equipment = ALL_EQUIPMENT;
  routine = plan (&request, &reasons);
  g_assert_cmpstr (reason_for (reasons, "foam-roller-mid-back"), ==, "Left out: not suitable with your health condition (Severe osteoporosis)");
  g_assert_cmpstr (reason_for (reasons, "partner-deep-tissue-back"), ==, "Left out: for partner massage");

  /* No sore region: a gentle whole-back routine. */
  g_clear_pointer (&reasons, g_ptr_array_unref);
  g_clear_object (&routine);
  coach_plan_request_init (&request);
  routine = plan (&request, &reasons);
  g_assert_cmpuint (coach_planner_get_pressure_limit (&request), ==, COACH_PRESSURE_GENTLE);
  g_assert_cmpstr (reason_for (reasons, "self-kneading-lower-back"), ==,
                   "Left out: pressure 4 is more than a gentle whole-back routine uses");
  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    g_assert_cmpuint (coach_technique_get_pressure (coach_catalog_lookup (catalog, coach_routine_get_item (routine, i)->technique)), <=, COACH_PRESSURE_GENTLE);
}

static void
test_pregnancy_partner (void)
{
  CoachPlanRequest request;
  g_autoptr(CoachRoutine) routine = NULL;
  g_autoptr(GPtrArray) reasons = NULL;

  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_LOWER_BACK);
  request.conditions = COACH_MASK (COACH_CONDITION_PREGNANCY);
  request.performer = COACH_PERFORMER_PARTNER;
  routine = plan (&request, &reasons);
  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    g_assert_cmpint (item_step (coach_routine_get_item (routine, i))->pose, ==, COACH_POSE_PARTNER_SIDE_LYING);
  g_assert_cmpstr (reason_for (reasons, "partner-gliding-warm-up"), ==, "Left out: not suitable with your health condition (Pregnancy)");
}

static void
test_errors (void)
{
  CoachPlanRequest request;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = NULL;

  coach_plan_request_init (&request);
  request.conditions = COACH_MASK (COACH_CONDITION_FEVER);
  g_assert_null (coach_planner_plan (planner, &request, &reasons, &error));
  g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_POSTPONE);
  g_assert_nonnull (strstr (error->message, "postpone"));
  g_assert_null (reasons);
  g_clear_error (&error);

  coach_plan_request_init (&request);
  request.pressure_ceiling = 0;
  g_assert_null (coach_planner_plan (planner, &request, NULL, &error));
  g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE);
  g_clear_error (&error);

  /* Neck work needs hands on the neck: avoid every family that offers it for self-massage. */
  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_NECK);
  request.avoid_families = COACH_MASK (COACH_N_FAMILIES) - 1;
  g_assert_null (coach_planner_plan (planner, &request, NULL, &error));
  g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE);
  g_assert_nonnull (strstr (error->message, "Neck"));
  g_clear_error (&error);

  coach_plan_request_init (&request);
  request.minutes = 4;
  g_assert_null (coach_planner_plan (planner, &request, NULL, &error));
  g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_INVALID);
  g_clear_error (&error);

  coach_plan_request_init (&request);
  request.pressure_ceiling = 11;
  g_assert_null (coach_planner_plan (planner, &request, NULL, &error));
  g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_INVALID);
}

/* Another seed may give another routine; each seed is repeatable. */
static void
test_seed (void)
{
  g_autoptr(GPtrArray) routines = g_ptr_array_new_with_free_func (g_object_unref);
  CoachPlanRequest request;
  gboolean differs = FALSE;

  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_UPPER_BACK);
  request.equipment = ALL_EQUIPMENT;
  request.minutes = 10;
  for (guint seed = 0; seed < 16; seed++)
    {
      request.seed = seed;
      g_ptr_array_add (routines, plan (&request, NULL));
      if (!same_routine (g_ptr_array_index (routines, 0), g_ptr_array_index (routines, seed)))
        differs = TRUE;
    }
  g_assert_true (differs);

  request.seed = 3;
  {
    g_autoptr(CoachRoutine) again = plan (&request, NULL);
    g_assert_true (same_routine (again, g_ptr_array_index (routines, 3)));
  }
}

static gboolean
routine_uses (CoachRoutine *routine,
              const char   *id)
{
  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    if (g_str_equal (coach_routine_get_item (routine, i)->technique, id))
      return TRUE;
  return FALSE;
}

/* Techniques added with "Add to My Routine" are planned, whatever region they work, unless
 * the profile rules them out; the reasons say which. */
static void
test_chosen (void)
{
  const char * const neck[] = { "self-neck-kneading", NULL };
  const char * const roller[] = { "foam-roller-mid-back", NULL };
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(CoachRoutine) without = NULL;
  g_autoptr(CoachRoutine) with = NULL;
  g_autoptr(CoachRoutine) avoided = NULL;
  CoachPlanRequest request;

  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_LOWER_BACK);
  request.minutes = 10;
  without = plan (&request, NULL);
  g_assert_false (routine_uses (without, "self-neck-kneading"));

  request.chosen = neck;
  with = plan (&request, &reasons);
  g_assert_true (routine_uses (with, "self-neck-kneading"));
  g_assert_cmpstr (reason_for (reasons, "self-neck-kneading"), ==,
                   "Included: you added it to your routine");
  g_clear_pointer (&reasons, g_ptr_array_unref);

  /* An added technique the profile rules out stays out, with the profile's reason. */
  request.chosen = roller;
  request.equipment = ALL_EQUIPMENT;
  request.conditions = COACH_MASK (COACH_CONDITION_OSTEOPOROSIS);
  avoided = plan (&request, &reasons);
  g_assert_false (routine_uses (avoided, "foam-roller-mid-back"));
  g_assert_nonnull (strstr (reason_for (reasons, "foam-roller-mid-back"), "health condition"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  catalog = coach_catalog_new_with_user_dir (NULL);
  planner = coach_planner_new (catalog);

  g_test_add_func ("/planner/sweep", test_sweep);
  g_test_add_func ("/planner/reasons", test_reasons);
  g_test_add_func ("/planner/pregnancy-partner", test_pregnancy_partner);
  g_test_add_func ("/planner/errors", test_errors);
  g_test_add_func ("/planner/seed", test_seed);
  g_test_add_func ("/planner/chosen", test_chosen);

  status = g_test_run ();

  g_object_unref (planner);
  g_object_unref (catalog);
  return status;
}
