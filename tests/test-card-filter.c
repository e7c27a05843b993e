/* test-card-filter.c: search and filters of the technique cards, and the reasons cards are avoided.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "coach-card-filter.h"
#include "coach-catalog.h"

static CoachCatalog *catalog;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The ids of the cards @query matches, sorted and joined by spaces. */
static char *
matching_ids (const CoachCardQuery *query)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < techniques->len; i++)
    if (coach_card_query_matches (query, g_ptr_array_index (techniques, i)))
      g_ptr_array_add (ids, (gpointer) coach_technique_get_id (g_ptr_array_index (techniques, i)));
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
test_nothing_filtered (void)
{
  CoachCardQuery query;
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);

  coach_card_query_init (&query);
  g_assert_false (coach_card_query_is_filtered (&query));
  for (guint i = 0; i < techniques->len; i++)
    g_assert_true (coach_card_query_matches (&query, g_ptr_array_index (techniques, i)));
}

/* Every value of every filter, against the cards' own data read another way: the card's
 * vocabulary ids in its file's text. */
static void
test_each_filter_exact (void)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);

  for (int region = 0; region < COACH_N_REGIONS; region++)
    {
      CoachCardQuery query;
      guint n = 0;

      coach_card_query_init (&query);
      query.region = region;
      g_assert_true (coach_card_query_is_filtered (&query));
      for (guint i = 0; i < techniques->len; i++)
        {
          CoachTechnique *t = g_ptr_array_index (techniques, i);
          g_autofree char *ids = coach_vocab_mask_to_ids (COACH_VOCAB_REGION,
                                                          coach_technique_get_regions (t));
          g_auto(GStrv) list = g_strsplit (ids, ", ", -1);
          gboolean expected = g_strv_contains ((const char * const *) list,
                                               coach_vocab_to_id (COACH_VOCAB_REGION, region));

          g_assert_cmpint (coach_card_query_matches (&query, t), ==, expected);
          n += expected;
        }
      g_assert_cmpuint (n, >, 0);
    }

  for (int family = 0; family < COACH_N_FAMILIES; family++)
    {
      CoachCardQuery query;

      coach_card_query_init (&query);
      query.family = family;
      for (guint i = 0; i < techniques->len; i++)
        {
          CoachTechnique *t = g_ptr_array_index (techniques, i);
          g_assert_cmpint (coach_card_query_matches (&query, t), ==,
                           (int) coach_technique_get_family (t) == family);
        }
    }
}

static void
test_known_cards (void)
{
  CoachCardQuery query;
  g_autofree char *heat = NULL;
  g_autofree char *roller = NULL;
  g_autofree char *no_equipment_partner_tapping = NULL;
  g_autofree char *self_cards = NULL;
  g_autofree char *partner_cards = NULL;
  g_autofree char *all = NULL;

  coach_card_query_init (&query);
  query.family = COACH_FAMILY_HEAT;
  heat = matching_ids (&query);
  g_assert_cmpstr (heat, ==,
                   "heat-pack-lower-back hot-towel-neck-shoulders partner-warm-towel-back");

  coach_card_query_init (&query);
  query.equipment = COACH_EQUIPMENT_FOAM_ROLLER;
  roller = matching_ids (&query);
  g_assert_cmpstr (roller, ==, "foam-roller-mid-back");

  coach_card_query_init (&query);
  query.family = COACH_FAMILY_TAPPING;
  query.performer = COACH_PERFORMER_PARTNER;
  no_equipment_partner_tapping = matching_ids (&query);
  g_assert_cmpstr (no_equipment_partner_tapping, ==, "partner-tapping");

  /* Self and partner split the catalog in two. */
  coach_card_query_init (&query);
  query.performer = COACH_PERFORMER_SELF;
  self_cards = matching_ids (&query);
  g_assert_nonnull (strstr (self_cards, "self-neck-kneading"));
  g_assert_null (strstr (self_cards, "partner-"));
  query.performer = COACH_PERFORMER_PARTNER;
  partner_cards = matching_ids (&query);
  g_assert_nonnull (strstr (partner_cards, "partner-tapping"));
  g_assert_null (strstr (partner_cards, "self-"));
  g_assert_null (strstr (partner_cards, "ball-wall"));
  query.performer = COACH_CARD_ANY;
  all = matching_ids (&query);
  g_assert_cmpuint (strlen (all) + 1, ==, strlen (self_cards) + 1 + strlen (partner_cards) + 1);
}

static void
test_equipment_filters (void)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  CoachCardQuery query;
  guint none = 0;

  coach_card_query_init (&query);
  query.equipment = COACH_CARD_NO_EQUIPMENT;
  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *t = g_ptr_array_index (techniques, i);
      gboolean expected = coach_technique_get_equipment (t) == 0;

      g_assert_cmpint (coach_card_query_matches (&query, t), ==, expected);
      none += expected;
    }
  g_assert_cmpuint (none, >, 0);

  for (int e = 0; e < COACH_N_EQUIPMENT; e++)
    {
      query.equipment = e;
      for (guint i = 0; i < techniques->len; i++)
        {
          CoachTechnique *t = g_ptr_array_index (techniques, i);
          g_assert_cmpint (coach_card_query_matches (&query, t), ==,
                           (coach_technique_get_equipment (t) & (1u << e)) != 0);
        }
    }
}

static void
test_search (void)
{
  CoachCardQuery query;
  g_autofree char *roller = NULL;
  g_autofree char *shouting = NULL;
  g_autofree char *two_words = NULL;
  g_autofree char *nothing = NULL;
  g_autofree char *by_region = NULL;
  g_autofree char *folded = coach_card_fold_text ("Ébène MASSAGE");

  g_assert_cmpstr (folded, ==, "ebene massage");

  coach_card_query_init (&query);
  query.search = "roller";
  roller = matching_ids (&query);
  g_assert_cmpstr (roller, ==, "foam-roller-mid-back");

  /* Case and extra spaces do not matter; every word must match. */
  query.search = "  FOAM   rOLLER ";
  shouting = matching_ids (&query);
  g_assert_cmpstr (shouting, ==, "foam-roller-mid-back");
  query.search = "towel neck";
  two_words = matching_ids (&query);
  g_assert_cmpstr (two_words, ==, "hot-towel-neck-shoulders");
  query.search = "roller towel";
  nothing = matching_ids (&query);
  g_assert_cmpstr (nothing, ==, "");

  /* Region and method names are searched too, not just the card's own words. */
  query.search = "trigger buttocks";
  by_region = matching_ids (&query);
  g_assert_cmpstr (by_region, ==, "partner-trigger-point-buttocks");
}

static void
test_avoided (void)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  CoachTechnique *tapping = coach_catalog_lookup (catalog, "partner-tapping");
  CoachTechnique *roller = coach_catalog_lookup (catalog, "foam-roller-mid-back");
  CoachTechnique *gliding = coach_catalog_lookup (catalog, "self-gliding-lower-back");
  CoachCardQuery query;
  g_autofree char *family_reason = NULL;
  g_autofree char *equipment_reason = NULL;
  g_autofree char *condition_reason = NULL;
  guint detail;

  coach_card_query_init (&query);
  g_assert_true (query.hide_avoided);
  query.avoid.avoid_families = 1u << COACH_FAMILY_TAPPING;
  query.avoid.avoid_equipment = 1u << COACH_EQUIPMENT_FOAM_ROLLER;

  /* Hidden by default, shown when asked, and then marked with the reason. */
  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *t = g_ptr_array_index (techniques, i);
      gboolean avoided = coach_technique_get_family (t) == COACH_FAMILY_TAPPING ||
                         (coach_technique_get_equipment (t) & (1u << COACH_EQUIPMENT_FOAM_ROLLER)) != 0;
      g_autofree char *reason = coach_avoid_profile_explain (&query.avoid, t);

      g_assert_cmpint (coach_card_query_matches (&query, t), ==, !avoided);
      g_assert_cmpint (reason != NULL, ==, avoided);
    }
  query.hide_avoided = FALSE;
  g_assert_true (coach_card_query_matches (&query, tapping));
  g_assert_true (coach_card_query_matches (&query, roller));

  g_assert_cmpint (coach_avoid_profile_check (&query.avoid, tapping, &detail), ==, COACH_AVOID_FAMILY);
  g_assert_cmpuint (detail, ==, COACH_FAMILY_TAPPING);
  family_reason = coach_avoid_profile_explain (&query.avoid, tapping);
  g_assert_cmpstr (family_reason, ==, "You avoid this method (Tapping).");
  equipment_reason = coach_avoid_profile_explain (&query.avoid, roller);
  g_assert_cmpstr (equipment_reason, ==, "It needs equipment you avoid (Foam roller).");
  g_assert_null (coach_avoid_profile_explain (&query.avoid, gliding));

  /* A health condition rules cards out the same way. */
  coach_card_query_init (&query);
  query.avoid.conditions = 1u << COACH_CONDITION_OSTEOPOROSIS;
  g_assert_false (coach_card_query_matches (&query, roller));
  g_assert_true (coach_card_query_matches (&query, gliding));
  g_assert_cmpint (coach_avoid_profile_check (&query.avoid, roller, &detail), ==, COACH_AVOID_CONDITION);
  g_assert_cmpuint (detail, ==, COACH_CONDITION_OSTEOPOROSIS);
  condition_reason = coach_avoid_profile_explain (&query.avoid, roller);
  g_assert_nonnull (strstr (condition_reason, "health condition"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  catalog = coach_catalog_new_with_user_dir (NULL);

  g_test_add_func ("/card-filter/nothing-filtered", test_nothing_filtered);
  g_test_add_func ("/card-filter/each-filter-exact", test_each_filter_exact);
  g_test_add_func ("/card-filter/known-cards", test_known_cards);
  g_test_add_func ("/card-filter/equipment", test_equipment_filters);
  g_test_add_func ("/card-filter/search", test_search);
  g_test_add_func ("/card-filter/avoided", test_avoided);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
