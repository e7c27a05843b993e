/* test-settings.c: the settings model keeps GSettings and its properties in step.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <string.h>

#include "coach-settings.h"
#include "coach-vocab.h"

/* A model on a fresh in-memory backend, so no test sees another's writes. */
static CoachSettings *
new_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) gsettings = g_settings_new_with_backend (APP_ID, backend);

  return coach_settings_new (gsettings);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_defaults (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();

  g_assert_cmpint (coach_settings_get_window_width (settings), ==, 960);
  g_assert_cmpint (coach_settings_get_window_height (settings), ==, 720);
  g_assert_false (coach_settings_get_window_maximized (settings));
  g_assert_cmpuint (coach_settings_get_default_minutes (settings), ==, 15);
  g_assert_cmpuint (coach_settings_get_get_ready_seconds (settings), ==, 5);
}

static void
test_gsettings_to_model (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  GSettings *gsettings = coach_settings_get_gsettings (settings);
  guint notified = 0;

  g_signal_connect (settings, "notify::default-minutes", G_CALLBACK (count_notify), &notified);

  g_settings_set_uint (gsettings, "default-minutes", 25);
  g_assert_cmpuint (coach_settings_get_default_minutes (settings), ==, 25);
  g_assert_cmpuint (notified, ==, 1);

  /* Writing the same value again is not a change. */
  g_settings_set_uint (gsettings, "default-minutes", 25);
  g_assert_cmpuint (notified, ==, 1);

  g_settings_set_uint (gsettings, "get-ready-seconds", 0);
  g_assert_cmpuint (coach_settings_get_get_ready_seconds (settings), ==, 0);
}

static void
test_model_to_gsettings (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  GSettings *gsettings = coach_settings_get_gsettings (settings);

  coach_settings_set_default_minutes (settings, 10);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "default-minutes"), ==, 10);

  /* Out-of-range values are clamped to what the schema allows. */
  coach_settings_set_default_minutes (settings, 90);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "default-minutes"), ==, 30);
  coach_settings_set_default_minutes (settings, 1);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "default-minutes"), ==, 5);

  coach_settings_set_get_ready_seconds (settings, 12);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "get-ready-seconds"), ==, 12);
  coach_settings_set_get_ready_seconds (settings, 99);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "get-ready-seconds"), ==, 30);
}

static void
test_window_state (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  g_autoptr(CoachSettings) reopened = NULL;
  GSettings *gsettings = coach_settings_get_gsettings (settings);

  coach_settings_save_window_state (settings, 800, 600, FALSE);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (gsettings, "window-maximized"));

  /* A maximized window keeps the size to restore to. */
  coach_settings_save_window_state (settings, 1920, 1080, TRUE);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (gsettings, "window-height"), ==, 600);
  g_assert_true (g_settings_get_boolean (gsettings, "window-maximized"));

  /* A fresh model, as at the next start, reads what was saved. */
  reopened = coach_settings_new (gsettings);
  g_assert_cmpint (coach_settings_get_window_width (reopened), ==, 800);
  g_assert_cmpint (coach_settings_get_window_height (reopened), ==, 600);
  g_assert_true (coach_settings_get_window_maximized (reopened));
}

static void
test_reset (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();

  coach_settings_set_default_minutes (settings, 20);
  coach_settings_set_get_ready_seconds (settings, 9);
  coach_settings_save_window_state (settings, 700, 500, FALSE);

  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_NECK, TRUE);
  coach_settings_set_flag (settings, "conditions", COACH_CONDITION_PREGNANCY, TRUE);
  g_object_set (settings, "volume", 0.25, "voice-guidance", FALSE, "first-run-done", TRUE, NULL);
  coach_settings_set_safety_status (settings, COACH_SAFETY_STATUS_CLEAR);

  coach_settings_reset (settings);

  g_assert_cmpuint (coach_settings_get_default_minutes (settings), ==, 15);
  g_assert_cmpuint (coach_settings_get_get_ready_seconds (settings), ==, 5);
  g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==, 0);
  g_assert_cmpuint (coach_settings_get_conditions (settings), ==, 0);
  g_assert_cmpfloat_with_epsilon (coach_settings_get_volume (settings), 0.8, 1e-9);
  g_assert_true (coach_settings_get_voice_guidance (settings));
  /* State that is not a preference survives. */
  g_assert_cmpint (coach_settings_get_window_width (settings), ==, 700);
  g_assert_true (coach_settings_get_first_run_done (settings));
  g_assert_cmpint (coach_settings_get_safety_status (settings), ==, COACH_SAFETY_STATUS_CLEAR);
}

/* A value of @pspec's type that differs from its default and is inside the schema's range. */
static void
other_value (GParamSpec *pspec,
             GValue     *value)
{
  g_value_init (value, G_PARAM_SPEC_VALUE_TYPE (pspec));

  if (G_IS_PARAM_SPEC_INT (pspec))
    {
      GParamSpecInt *i = G_PARAM_SPEC_INT (pspec);
      g_value_set_int (value, i->default_value < i->maximum ? i->maximum : i->minimum);
    }
  else if (G_IS_PARAM_SPEC_UINT (pspec))
    {
      GParamSpecUInt *u = G_PARAM_SPEC_UINT (pspec);
      g_value_set_uint (value, u->default_value > u->minimum ? u->minimum : u->maximum);
    }
  else if (G_IS_PARAM_SPEC_INT64 (pspec))
    g_value_set_int64 (value, 1795000000);
  else if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    g_value_set_boolean (value, !G_PARAM_SPEC_BOOLEAN (pspec)->default_value);
  else if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    g_value_set_double (value, 0.3);
  else if (G_IS_PARAM_SPEC_FLAGS (pspec))
    /* Every value at once: each nick must be known to the schema. */
    g_value_set_flags (value, G_PARAM_SPEC_FLAGS (pspec)->flags_class->mask);
  else if (G_IS_PARAM_SPEC_ENUM (pspec))
    g_value_set_enum (value, G_PARAM_SPEC_ENUM (pspec)->enum_class->maximum);
  else if (G_IS_PARAM_SPEC_STRING (pspec))
    g_value_set_string (value, "partner-3f2a");
  else if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV)
    {
      const char * const ids[] = { "self-ball-wall-upper-back", "partner-kneading", NULL };
      g_value_set_boxed (value, ids);
    }
  else
    g_assert_not_reached ();

  g_assert_false (coach_settings_values_equal (pspec, value, g_param_spec_get_default_value (pspec)));
}

static void
test_every_key_round_trip (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  GSettings *gsettings = coach_settings_get_gsettings (settings);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs, n_bound = 0;

  g_object_get (gsettings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (settings), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = g_param_spec_get_name (pspecs[i]);
      g_auto(GValue) wanted = G_VALUE_INIT;
      g_auto(GValue) got = G_VALUE_INIT;
      g_autoptr(GVariant) stored = NULL;
      g_autoptr(CoachSettings) reopened = NULL;
      g_autofree char *detail = g_strconcat ("notify::", name, NULL);
      guint notified = 0;
      gulong handler;

      if (g_str_equal (name, "gsettings"))
        continue;
      g_test_message ("key %s", name);
      g_assert_true (g_strv_contains ((const char * const *) keys, name));
      n_bound++;

      handler = g_signal_connect (settings, detail, G_CALLBACK (count_notify), &notified);

      /* Model to GSettings, with one notification. */
      other_value (pspecs[i], &wanted);
      g_object_set_property (G_OBJECT (settings), name, &wanted);
      g_assert_cmpuint (notified, ==, 1);
      stored = g_settings_get_user_value (gsettings, name);
      g_assert_nonnull (stored);

      /* What was stored reads back the same at the next start. */
      reopened = coach_settings_new (gsettings);
      g_value_init (&got, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (G_OBJECT (reopened), name, &got);
      g_assert_true (coach_settings_values_equal (pspecs[i], &wanted, &got));

      /* GSettings to model, both ways. */
      g_settings_reset (gsettings, name);
      g_assert_cmpuint (notified, ==, 2);
      g_object_get_property (G_OBJECT (settings), name, &got);
      g_assert_true (coach_settings_values_equal (pspecs[i],
                                                  g_param_spec_get_default_value (pspecs[i]),
                                                  &got));
      g_assert_true (g_settings_set_value (gsettings, name, stored));
      g_assert_cmpuint (notified, ==, 3);
      g_object_get_property (G_OBJECT (settings), name, &got);
      g_assert_true (coach_settings_values_equal (pspecs[i], &wanted, &got));

      g_signal_handler_disconnect (settings, handler);
    }

  /* Every key of the schema has its property, and the other way round. */
  g_assert_cmpuint (n_bound, ==, g_strv_length (keys));
}

/* The schema's flag nicks are the catalog's vocabulary ids, value for value. */
static void
test_flags_match_vocabulary (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  GSettings *gsettings = coach_settings_get_gsettings (settings);
  static const struct {
    const char *key;
    CoachVocab  vocab;
  } keys[] = {
    { "sore-regions", COACH_VOCAB_REGION },
    { "avoid-families", COACH_VOCAB_FAMILY },
    { "avoid-equipment", COACH_VOCAB_EQUIPMENT },
    { "equipment", COACH_VOCAB_EQUIPMENT },
    { "conditions", COACH_VOCAB_CONDITION },
  };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    for (guint i = 0; i < coach_vocab_get_size (keys[k].vocab); i++)
      {
        const char *ids[] = { coach_vocab_to_id (keys[k].vocab, i), NULL };
        guint32 mask;

        g_assert_true (g_settings_set_strv (gsettings, keys[k].key, ids));
        g_assert_cmpuint (g_settings_get_flags (gsettings, keys[k].key), ==, COACH_MASK (i));
        g_object_get (settings, keys[k].key, &mask, NULL);
        g_assert_cmpuint (mask, ==, COACH_MASK (i));
      }
}

static void
test_set_flag (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  GSettings *gsettings = coach_settings_get_gsettings (settings);
  g_auto(GStrv) regions = NULL;

  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_LOWER_BACK, TRUE);
  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_NECK, TRUE);
  regions = g_settings_get_strv (gsettings, "sore-regions");
  g_assert_cmpuint (g_strv_length (regions), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) regions, "lower-back"));
  g_assert_true (g_strv_contains ((const char * const *) regions, "neck"));

  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_NECK, FALSE);
  g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==,
                    COACH_MASK (COACH_REGION_LOWER_BACK));
  /* Removing what is not there changes nothing. */
  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_NECK, FALSE);
  g_assert_cmpuint (coach_settings_get_sore_regions (settings), ==,
                    COACH_MASK (COACH_REGION_LOWER_BACK));
}

static void
test_plan_request (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  CoachPlanRequest request;

  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_BUTTOCKS, TRUE);
  coach_settings_set_flag (settings, "avoid-families", COACH_FAMILY_TAPPING, TRUE);
  coach_settings_set_flag (settings, "avoid-equipment", COACH_EQUIPMENT_CANE, TRUE);
  coach_settings_set_flag (settings, "equipment", COACH_EQUIPMENT_BALL, TRUE);
  coach_settings_set_flag (settings, "conditions", COACH_CONDITION_OSTEOPOROSIS, TRUE);
  g_object_set (settings, "pressure-ceiling", 4, "default-minutes", 20, NULL);

  coach_plan_request_init (&request);
  request.seed = 7;
  coach_settings_fill_plan_request (settings, &request);

  g_assert_cmpuint (request.sore_regions, ==, COACH_MASK (COACH_REGION_BUTTOCKS));
  g_assert_cmpuint (request.avoid_families, ==, COACH_MASK (COACH_FAMILY_TAPPING));
  g_assert_cmpuint (request.avoid_equipment, ==, COACH_MASK (COACH_EQUIPMENT_CANE));
  g_assert_cmpuint (request.equipment, ==, COACH_MASK (COACH_EQUIPMENT_BALL) |
                    COACH_MASK (COACH_EQUIPMENT_OIL) | COACH_MASK (COACH_EQUIPMENT_TOWEL));
  g_assert_cmpuint (request.conditions, ==, COACH_MASK (COACH_CONDITION_OSTEOPOROSIS));
  g_assert_cmpuint (request.pressure_ceiling, ==, 4);
  g_assert_cmpuint (request.minutes, ==, 20);
  g_assert_cmpuint (request.performer, ==, COACH_PERFORMER_SELF);
  g_assert_cmpuint (request.seed, ==, 7);
}

/* An avoided family is left out of what the planner offers, as soon as it is chosen. */
static void
test_avoided_family_leaves_plan (void)
{
  g_autoptr(CoachSettings) settings = new_settings ();
  g_autoptr(CoachCatalog) catalog = coach_catalog_new_with_user_dir (NULL);
  g_autoptr(CoachPlanner) planner = coach_planner_new (catalog);

  coach_settings_set_flag (settings, "sore-regions", COACH_REGION_UPPER_BACK, TRUE);

  for (guint family = 0; family < COACH_N_FAMILIES; family++)
    {
      g_autoptr(CoachRoutine) before = NULL;
      g_autoptr(CoachRoutine) after = NULL;
      g_autoptr(GError) error = NULL;
      CoachPlanRequest request;
      gboolean had = FALSE;

      coach_plan_request_init (&request);
      coach_settings_fill_plan_request (settings, &request);
      before = coach_planner_plan (planner, &request, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < coach_routine_get_n_items (before); i++)
        had |= coach_technique_get_family (coach_catalog_lookup (catalog, coach_routine_get_item (before, i)->technique)) == family;
      if (!had)
        continue;

      coach_settings_set_flag (settings, "avoid-families", family, TRUE);
      coach_plan_request_init (&request);
      coach_settings_fill_plan_request (settings, &request);
      after = coach_planner_plan (planner, &request, NULL, &error);
      coach_settings_set_flag (settings, "avoid-families", family, FALSE);
      if (after == NULL)
        {
          /* Without gliding strokes there is nothing to warm up with: a clear error. */
          g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE);
          continue;
        }
      for (guint i = 0; i < coach_routine_get_n_items (after); i++)
        g_assert_cmpuint (coach_technique_get_family (coach_catalog_lookup (catalog, coach_routine_get_item (after, i)->technique)),
                          !=, family);
    }
}

static void
test_safety_status (void)
{
  gboolean answers[32] = { FALSE, };
  guint n = coach_safety_get_n_red_flags ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (answers));
  g_assert_cmpint (coach_safety_status_from_answers (answers, n), ==, COACH_SAFETY_STATUS_CLEAR);

  for (guint i = 0; i < n; i++)
    {
      CoachRedFlagSeverity severity;

      coach_safety_get_red_flag (i, &severity);
      memset (answers, 0, sizeof answers);
      answers[i] = TRUE;
      g_assert_cmpint (coach_safety_status_from_answers (answers, n), ==,
                       severity == COACH_RED_FLAG_EMERGENCY ? COACH_SAFETY_STATUS_EMERGENCY
                                                            : COACH_SAFETY_STATUS_SEE_DOCTOR);
    }

  /* One emergency answer outweighs any number of see-a-doctor ones. */
  for (guint i = 0; i < n; i++)
    answers[i] = TRUE;
  g_assert_cmpint (coach_safety_status_from_answers (answers, n), ==, COACH_SAFETY_STATUS_EMERGENCY);

  g_assert_true (coach_safety_status_allows_routines (COACH_SAFETY_STATUS_CLEAR, &error));
  g_assert_true (coach_safety_status_allows_routines (COACH_SAFETY_STATUS_UNCHECKED, &error));
  g_assert_no_error (error);
  g_assert_false (coach_safety_status_allows_routines (COACH_SAFETY_STATUS_EMERGENCY, &error));
  g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_SEE_CARE);
  g_assert_nonnull (strstr (error->message, "emergency"));
  g_clear_error (&error);
  g_assert_false (coach_safety_status_allows_routines (COACH_SAFETY_STATUS_SEE_DOCTOR, &error));
  g_assert_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_SEE_CARE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/defaults", test_defaults);
  g_test_add_func ("/settings/gsettings-to-model", test_gsettings_to_model);
  g_test_add_func ("/settings/model-to-gsettings", test_model_to_gsettings);
  g_test_add_func ("/settings/window-state", test_window_state);
  g_test_add_func ("/settings/reset", test_reset);
  g_test_add_func ("/settings/every-key-round-trip", test_every_key_round_trip);
  g_test_add_func ("/settings/flags-match-vocabulary", test_flags_match_vocabulary);
  g_test_add_func ("/settings/set-flag", test_set_flag);
  g_test_add_func ("/settings/plan-request", test_plan_request);
  g_test_add_func ("/settings/avoided-family-leaves-plan", test_avoided_family_leaves_plan);
  g_test_add_func ("/settings/safety-status", test_safety_status);

  return g_test_run ();
}
