/* coach-card-filter.c: which technique cards match a search and filters, and why a card is avoided.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept free of GTK so the planner and the tests share exactly the rules the Techniques view
 * shows. */
#define G_LOG_DOMAIN "coach-card-filter"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "coach-card-filter.h"
#include "coach-format.h"
#include "coach-safety.h"

/**
 * coach_avoid_profile_check:
 * @detail: (out) (optional): the avoided family, the first avoided piece of equipment, or the
 *   first condition that rules @technique out
 *
 * Returns: why @profile rules @technique out, or %COACH_AVOID_NONE.
 */
CoachAvoidKind
coach_avoid_profile_check (const CoachAvoidProfile *profile,
                           CoachTechnique          *technique,
                           guint                   *detail)
{
  CoachFamily family = coach_technique_get_family (technique);
  guint32 blocked = coach_technique_get_equipment (technique) & profile->avoid_equipment;
  CoachCondition condition;
  guint value = 0;
  CoachAvoidKind kind = COACH_AVOID_NONE;

  if ((profile->avoid_families & COACH_MASK (family)) != 0)
    {
      kind = COACH_AVOID_FAMILY;
      value = family;
    }
  else if (blocked != 0)
    {
      kind = COACH_AVOID_EQUIPMENT;
      value = g_bit_nth_lsf (blocked, -1);
    }
  else if (!coach_safety_allows (technique, profile->conditions, &condition))
    {
      kind = COACH_AVOID_CONDITION;
      value = condition;
    }

  if (detail != NULL)
    *detail = value;
  return kind;
}

/**
 * coach_avoid_profile_explain:
 *
 * Returns: (transfer full) (nullable): a translated sentence on why @profile rules
 * @technique out, or %NULL when it does not.
 */
char *
coach_avoid_profile_explain (const CoachAvoidProfile *profile,
                             CoachTechnique          *technique)
{
  guint detail;

  switch (coach_avoid_profile_check (profile, technique, &detail))
    {
    case COACH_AVOID_FAMILY:
      /* Translators: %s is a massage method, e.g. "Tapping" */
      return g_strdup_printf (_("You avoid this method (%s)."),
                              coach_vocab_get_label (COACH_VOCAB_FAMILY, detail));
    case COACH_AVOID_EQUIPMENT:
      /* Translators: %s is a piece of equipment, e.g. "Foam roller" */
      return g_strdup_printf (_("It needs equipment you avoid (%s)."),
                              coach_vocab_get_label (COACH_VOCAB_EQUIPMENT, detail));
    case COACH_AVOID_CONDITION:
      /* Translators: %s is a health condition, e.g. "Severe osteoporosis" */
      return g_strdup_printf (_("Not suitable with your health condition (%s)."),
                              coach_vocab_get_label (COACH_VOCAB_CONDITION, detail));
    case COACH_AVOID_NONE:
    default:
      return NULL;
    }
}

void
coach_card_query_init (CoachCardQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->region = COACH_CARD_ANY;
  query->family = COACH_CARD_ANY;
  query->performer = COACH_CARD_ANY;
  query->equipment = COACH_CARD_ANY;
  query->hide_avoided = TRUE;
}

/* Whether anything but "hide methods I avoid" narrows the cards down. */
gboolean
coach_card_query_is_filtered (const CoachCardQuery *query)
{
  return (query->search != NULL && *query->search != '\0') ||
         query->region != COACH_CARD_ANY || query->family != COACH_CARD_ANY ||
         query->performer != COACH_CARD_ANY || query->equipment != COACH_CARD_ANY;
}

/**
 * coach_card_fold_text:
 *
 * Text as search compares it: case-folded and without accents, so "massage" finds
 * "Massage" and "espalda" finds "Espalda".
 *
 * Returns: (transfer full): the folded text.
 */
char *
coach_card_fold_text (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_combining_class (c) == 0)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Everything a search looks at: the card's name, summary, method, regions, equipment and
 * what it suits, in the interface language. */
static char *
search_text (CoachTechnique *technique)
{
  g_autoptr(GString) haystack = g_string_new (coach_technique_get_name (technique));

  g_string_append_printf (haystack, "\n%s\n%s", coach_technique_get_summary (technique),
                          coach_vocab_get_label (COACH_VOCAB_FAMILY,
                                                 coach_technique_get_family (technique)));
  {
    g_autofree char *regions = coach_format_mask (COACH_VOCAB_REGION, coach_technique_get_regions (technique));
    g_autofree char *equipment = coach_format_mask (COACH_VOCAB_EQUIPMENT,
                                                    coach_technique_get_equipment (technique));
    g_autofree char *suits = coach_format_mask (COACH_VOCAB_SUITS, coach_technique_get_suits (technique));

    g_string_append_printf (haystack, "\n%s\n%s\n%s", regions, equipment, suits);
  }
  return coach_card_fold_text (haystack->str);
}

static gboolean
matches_search (const char     *search,
                CoachTechnique *technique)
{
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;
  g_auto(GStrv) words = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;

  needle = coach_card_fold_text (search);
  words = g_strsplit_set (needle, " \t\n", -1);
  haystack = search_text (technique);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Whether @technique is one of the cards @query asks for. */
gboolean
coach_card_query_matches (const CoachCardQuery *query,
                          CoachTechnique       *technique)
{
  guint32 equipment;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (COACH_IS_TECHNIQUE (technique), FALSE);

  equipment = coach_technique_get_equipment (technique);

  if (query->region != COACH_CARD_ANY &&
      (coach_technique_get_regions (technique) & COACH_MASK (query->region)) == 0)
    return FALSE;
  if (query->family != COACH_CARD_ANY &&
      (int) coach_technique_get_family (technique) != query->family)
    return FALSE;
  if (query->performer != COACH_CARD_ANY &&
      !coach_technique_suits_performer (technique, query->performer))
    return FALSE;
  if (query->equipment == COACH_CARD_NO_EQUIPMENT && equipment != 0)
    return FALSE;
  if (query->equipment >= 0 && (equipment & COACH_MASK (query->equipment)) == 0)
    return FALSE;
  if (query->hide_avoided &&
      coach_avoid_profile_check (&query->avoid, technique, NULL) != COACH_AVOID_NONE)
    return FALSE;

  return matches_search (query->search, technique);
}
