/* coach-cli.c: the command-line tools: list techniques, plan a routine, validate a file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application parses the options (so they appear in --help) and hands the resulting
 * dictionary here; output goes to strings so tests can check it without a terminal. */
#define G_LOG_DOMAIN "coach-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-cli.h"
#include "coach-planner.h"
#include "coach-safety.h"

/* Exit codes: 0 success, 1 a file or plan problem, 2 a wrong option. */
#define EXIT_PROBLEM 1
#define EXIT_USAGE 2

static void
append_ids (GString    *out,
            CoachVocab  vocab,
            guint32     mask)
{
  g_autofree char *ids = coach_vocab_mask_to_ids (vocab, mask);

  g_string_append (out, ids);
}

static int
list_techniques (CoachCatalog *catalog,
                 GString      *out)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  GPtrArray *problems = coach_catalog_get_problems (catalog);

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);

      g_string_append_printf (out, "%-48s %-14s %-8s ", coach_technique_get_id (technique),
                              coach_vocab_to_id (COACH_VOCAB_FAMILY,
                                                 coach_technique_get_family (technique)),
                              coach_vocab_to_id (COACH_VOCAB_PERFORMER,
                                                 coach_technique_get_performer (technique)));
      append_ids (out, COACH_VOCAB_REGION, coach_technique_get_regions (technique));
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (out, _("Skipped: %s\n"), ((GError *) g_ptr_array_index (problems, i))->message);

  return 0;
}

/* Adds the ids in @values to @mask; on an unknown id, explains and returns FALSE. */
static gboolean
parse_ids (const char * const *values,
           CoachVocab          vocab,
           const char         *option,
           guint32            *mask,
           GString            *err)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      int value = coach_vocab_from_id (vocab, values[i]);

      if (value < 0)
        {
          g_autofree char *valid = coach_vocab_list_ids (vocab);
          g_string_append_printf (err, _("Unknown %s “%s” for --%s. Valid ones: %s\n"),
                                  coach_vocab_get_name (vocab), values[i], option, valid);
          return FALSE;
        }
      *mask |= COACH_MASK (value);
    }
  return TRUE;
}

static char *
format_time (guint seconds)
{
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static int
plan (CoachCatalog *catalog,
      GVariantDict *options,
      GString      *out,
      GString      *err)
{
  g_autofree const char **regions = NULL;
  g_autofree const char **avoid = NULL;
  g_autofree const char **conditions = NULL;
  g_autofree const char **equipment = NULL;
  g_autoptr(CoachPlanner) planner = NULL;
  g_autoptr(CoachRoutine) routine = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  CoachPlanRequest request;
  gboolean partner = FALSE;
  int minutes = 15, pressure = COACH_PLAN_DEFAULT_CEILING, seed = 0;

  coach_plan_request_init (&request);
  g_variant_dict_lookup (options, "region", "^a&s", &regions);
  g_variant_dict_lookup (options, "avoid", "^a&s", &avoid);
  g_variant_dict_lookup (options, "condition", "^a&s", &conditions);
  g_variant_dict_lookup (options, "equipment", "^a&s", &equipment);
  g_variant_dict_lookup (options, "partner", "b", &partner);
  g_variant_dict_lookup (options, "minutes", "i", &minutes);
  g_variant_dict_lookup (options, "pressure", "i", &pressure);
  g_variant_dict_lookup (options, "seed", "i", &seed);

  if (!parse_ids (regions, COACH_VOCAB_REGION, "region", &request.sore_regions, err) ||
      !parse_ids (conditions, COACH_VOCAB_CONDITION, "condition", &request.conditions, err) ||
      !parse_ids (equipment, COACH_VOCAB_EQUIPMENT, "equipment", &request.equipment, err))
    return EXIT_USAGE;

  for (guint i = 0; avoid != NULL && avoid[i] != NULL; i++)
    {
      int family = coach_vocab_from_id (COACH_VOCAB_FAMILY, avoid[i]);
      int item = coach_vocab_from_id (COACH_VOCAB_EQUIPMENT, avoid[i]);

      if (family >= 0)
        request.avoid_families |= COACH_MASK (family);
      else if (item >= 0)
        request.avoid_equipment |= COACH_MASK (item);
      else
        {
          g_autofree char *families = coach_vocab_list_ids (COACH_VOCAB_FAMILY);
          g_autofree char *items = coach_vocab_list_ids (COACH_VOCAB_EQUIPMENT);

          g_string_append_printf (err, _("Unknown method “%s” for --avoid. Valid ones: %s, "
                                         "%s\n"), avoid[i], families, items);
          return EXIT_USAGE;
        }
    }

  if (minutes < COACH_PLAN_MIN_MINUTES || minutes > COACH_PLAN_MAX_MINUTES)
    {
      g_string_append_printf (err, _("--minutes must be from %d to %d.\n"),
                              COACH_PLAN_MIN_MINUTES, COACH_PLAN_MAX_MINUTES);
      return EXIT_USAGE;
    }
  if (pressure < 0 || pressure > COACH_PRESSURE_MAX)
    {
      g_string_append_printf (err, _("--pressure must be from 0 to %d.\n"), COACH_PRESSURE_MAX);
      return EXIT_USAGE;
    }

  request.minutes = minutes;
  request.pressure_ceiling = pressure;
  request.seed = (guint32) seed;
  request.performer = partner ? COACH_PERFORMER_PARTNER : COACH_PERFORMER_SELF;

  planner = coach_planner_new (catalog);
  routine = coach_planner_plan (planner, &request, &reasons, &error);
  if (routine == NULL)
    {
      g_string_append_printf (err, "%s\n", error->message);
      return EXIT_PROBLEM;
    }

  g_string_append_printf (out, _("Routine: %d minutes of %s\n\n"), minutes,
                          coach_vocab_get_label (COACH_VOCAB_PERFORMER, request.performer));
  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      CoachTechnique *technique = coach_catalog_lookup (catalog, item->technique);
      g_autofree char *time = format_time (item->duration);

      g_string_append_printf (out, "%3u. %6s  %-12s %s (%s, %s)\n", i + 1, time,
                              coach_vocab_get_label (COACH_VOCAB_SIDE, item->side),
                              coach_technique_get_name (technique), item->technique,
                              coach_step_get_cue (coach_technique_get_step (technique, item->step)));
    }
  total = format_time (coach_routine_get_total_duration (routine));
  g_string_append_printf (out, _("\nTotal: %s\n\nWhy:\n"), total);
  for (guint i = 0; i < reasons->len; i++)
    {
      CoachPlanReason *reason = g_ptr_array_index (reasons, i);

      g_string_append_printf (out, "  %c %s: %s\n",
                              COACH_PLAN_REASON_IS_INCLUDED (reason->kind) ? '+' : '-',
                              coach_technique_get_id (reason->technique), reason->text);
    }
  for (guint i = 0; i < COACH_N_CONDITIONS; i++)
    if ((request.conditions & COACH_MASK (i)) != 0 && coach_safety_get_condition_note (i) != NULL)
      g_string_append_printf (out, _("\nNote: %s\n"), coach_safety_get_condition_note (i));

  return 0;
}

static int
validate (CoachCatalog *catalog,
          const char   *path,
          GString      *out,
          GString      *err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gboolean routine = g_str_has_suffix (path, ".routine.xml");

  if (!routine && !g_str_has_suffix (path, ".technique.xml"))
    {
      g_autofree char *contents = NULL;

      /* Go by the root element when the name does not say. */
      if (g_file_get_contents (path, &contents, NULL, NULL))
        routine = strstr (contents, "<routine") != NULL && strstr (contents, "<technique") == NULL;
    }

  if (routine)
    {
      g_autoptr(CoachRoutine) loaded = coach_routine_new_from_file (path, catalog, &error);
    }
  else
    {
      g_autoptr(CoachTechnique) loaded = coach_catalog_check_user_file (catalog, path, &error);
    }

  if (error != NULL)
    {
      g_string_append_printf (err, "%s\n", error->message);
      return EXIT_PROBLEM;
    }

  g_string_append_printf (out, _("%s: no problems found\n"), display);
  return 0;
}

/**
 * coach_cli_run:
 * @catalog: (nullable): the catalog to use, or %NULL for the built-in and user techniques
 * @options: the parsed command-line options (see coach-application.c)
 * @out: where normal output goes
 * @err: where error messages go
 *
 * Returns: the exit code, or -1 when @options ask for none of the command-line tools and the
 * application should start as usual.
 */
int
coach_cli_run (CoachCatalog *catalog,
               GVariantDict *options,
               GString      *out,
               GString      *err)
{
  g_autoptr(CoachCatalog) default_catalog = NULL;
  g_autofree char *path = NULL;

  if (!g_variant_dict_contains (options, "list-techniques") &&
      !g_variant_dict_contains (options, "plan") &&
      !g_variant_dict_contains (options, "validate"))
    return -1;

  if (catalog == NULL)
    catalog = default_catalog = coach_catalog_new ();

  if (g_variant_dict_lookup (options, "validate", "^ay", &path))
    return validate (catalog, path, out, err);
  if (g_variant_dict_contains (options, "plan"))
    return plan (catalog, options, out, err);
  return list_techniques (catalog, out);
}
