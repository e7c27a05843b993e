/* test-safety.c: the red flags and condition rules say what the content guide says.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "coach-catalog.h"
#include "coach-safety.h"

static void
test_red_flags (void)
{
  guint emergency = 0, soon = 0;
  gboolean chest = FALSE, fever = FALSE;

  for (guint i = 0; i < coach_safety_get_n_red_flags (); i++)
    {
      CoachRedFlagSeverity severity;
      const char *text = coach_safety_get_red_flag (i, &severity);

      g_assert_cmpstr (text, !=, "");
      if (severity == COACH_RED_FLAG_EMERGENCY)
        emergency++;
      else
        soon++;
      if (g_str_equal (text, "Chest pain"))
        chest = severity == COACH_RED_FLAG_EMERGENCY;
      if (g_str_equal (text, "Fever"))
        fever = severity == COACH_RED_FLAG_SEE_DOCTOR_SOON;
    }

  g_assert_cmpuint (emergency, ==, 5);
  g_assert_cmpuint (soon, ==, 7);
  g_assert_true (chest);
  g_assert_true (fever);
  g_assert_nonnull (strstr (coach_safety_get_severity_label (COACH_RED_FLAG_EMERGENCY), "emergency"));
  g_assert_cmpstr (coach_safety_get_severity_label (COACH_RED_FLAG_SEE_DOCTOR_SOON), ==, "See a doctor soon");
}

static void
test_conditions (void)
{
  for (CoachCondition c = 0; c < COACH_N_CONDITIONS; c++)
    g_assert_cmpstr (coach_safety_get_condition_description (c), !=, "");

  g_assert_cmpstr (coach_safety_get_condition_description (COACH_CONDITION_OSTEOPOROSIS), ==,
                   "No deep pressure, tapping or foam rolling.");
  g_assert_cmpuint (coach_safety_get_excluded_families (COACH_CONDITION_OSTEOPOROSIS), ==,
                    COACH_MASK (COACH_FAMILY_DEEP_TISSUE) | COACH_MASK (COACH_FAMILY_TAPPING));
  g_assert_cmpuint (coach_safety_get_excluded_equipment (COACH_CONDITION_OSTEOPOROSIS), ==,
                    COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER));
  g_assert_cmpuint (coach_safety_get_excluded_families (COACH_CONDITION_BLOOD_THINNERS), ==,
                    COACH_MASK (COACH_FAMILY_DEEP_TISSUE) | COACH_MASK (COACH_FAMILY_TRIGGER_POINT) |
                    COACH_MASK (COACH_FAMILY_NEUROMUSCULAR) | COACH_MASK (COACH_FAMILY_TAPPING));
  g_assert_cmpuint (coach_safety_get_excluded_families (COACH_CONDITION_NEUROPATHY), ==,
                    COACH_MASK (COACH_FAMILY_HEAT));
  g_assert_cmpuint (coach_safety_get_excluded_equipment (COACH_CONDITION_NEUROPATHY), ==,
                    COACH_MASK (COACH_EQUIPMENT_HEAT_PACK));
  g_assert_cmpuint (coach_safety_get_excluded_equipment (COACH_CONDITION_PREGNANCY), ==,
                    COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER));

  g_assert_cmpuint (coach_safety_get_pressure_cap (0), ==, COACH_PRESSURE_MAX);
  g_assert_cmpuint (coach_safety_get_pressure_cap (COACH_MASK (COACH_CONDITION_OSTEOPOROSIS)), <, 5);
  for (CoachCondition c = COACH_CONDITION_CANCER; c <= COACH_CONDITION_OSTEOARTHRITIS; c++)
    if (c != COACH_CONDITION_NEUROPATHY)
      g_assert_cmpuint (coach_safety_get_pressure_cap (COACH_MASK (c)), ==, COACH_PRESSURE_GENTLE);
  g_assert_cmpuint (coach_safety_get_pressure_cap (COACH_MASK (COACH_CONDITION_NEUROPATHY) |
                                                  COACH_MASK (COACH_CONDITION_FIBROMYALGIA)), ==, 3);

  for (CoachCondition c = COACH_CONDITION_CANCER; c <= COACH_CONDITION_ARTHRITIS_FLARE; c++)
    g_assert_nonnull (strstr (coach_safety_get_condition_note (c), "doctor first"));
  g_assert_null (coach_safety_get_condition_note (COACH_CONDITION_FIBROMYALGIA));
  g_assert_nonnull (coach_safety_get_condition_description (COACH_CONDITION_BLOOD_CLOTS));

  for (CoachCondition c = 0; c < COACH_N_CONDITIONS; c++)
    g_assert_cmpint (coach_safety_condition_postpones (c), ==, c == COACH_CONDITION_FEVER);
}

static void
test_allows (void)
{
  g_autoptr(CoachCatalog) catalog = coach_catalog_new_with_user_dir (NULL);
  CoachCondition reason;

  /* The technique's own avoid-with list... */
  g_assert_false (coach_safety_allows (coach_catalog_lookup (catalog, "ball-sit-buttocks"),
                                       COACH_MASK (COACH_CONDITION_BLOOD_THINNERS), &reason));
  g_assert_cmpint (reason, ==, COACH_CONDITION_BLOOD_THINNERS);
  /* ...and the rules on top: neuropathy rules out heat even where a file forgot to say so. */
  g_assert_false (coach_safety_allows (coach_catalog_lookup (catalog, "heat-pack-lower-back"),
                                       COACH_MASK (COACH_CONDITION_NEUROPATHY), NULL));
  g_assert_false (coach_safety_allows (coach_catalog_lookup (catalog, "partner-circular-friction"),
                                       COACH_MASK (COACH_CONDITION_PREGNANCY), NULL));
  g_assert_true (coach_safety_allows (coach_catalog_lookup (catalog, "partner-side-lying-hips"),
                                      COACH_MASK (COACH_CONDITION_PREGNANCY), NULL));
  g_assert_true (coach_safety_allows (coach_catalog_lookup (catalog, "self-gliding-lower-back"),
                                      COACH_MASK (COACH_CONDITION_BLOOD_CLOTS), NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety/red-flags", test_red_flags);
  g_test_add_func ("/safety/conditions", test_conditions);
  g_test_add_func ("/safety/allows", test_allows);

  return g_test_run ();
}
