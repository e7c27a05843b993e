/* coach-format.c: durations and other short texts shown the same way everywhere.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-format.h"

/**
 * coach_format_minutes:
 *
 * A length to the nearest minute, for routines and techniques: "15 minutes"; under a minute,
 * "45 seconds".
 *
 * Returns: (transfer full): the translated text.
 */
char *
coach_format_minutes (guint seconds)
{
  guint minutes = (seconds + 30) / 60;

  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                            seconds);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                          minutes);
}

/**
 * coach_format_duration:
 *
 * An exact length, for a step: "45 seconds", "2 minutes", or "1 min 30 s".
 *
 * Returns: (transfer full): the translated text.
 */
char *
coach_format_duration (guint seconds)
{
  if (seconds < 60 || seconds % 60 == 0)
    return coach_format_minutes (seconds);
  /* Translators: a step's length in minutes and seconds, e.g. "1 min 30 s" */
  return g_strdup_printf (_("%u min %u s"), seconds / 60, seconds % 60);
}

/**
 * coach_format_step_meta:
 *
 * A step's side and length: "Left side · 45 seconds", or just the length when the step is
 * not done on one side.
 *
 * Returns: (transfer full): the translated text.
 */
char *
coach_format_step_meta (CoachSide side,
                        guint     seconds)
{
  g_autofree char *duration = coach_format_duration (seconds);

  if (side != COACH_SIDE_LEFT && side != COACH_SIDE_RIGHT)
    return g_steal_pointer (&duration);
  /* Translators: "Left side · 45 seconds" */
  return g_strdup_printf (_("%s · %s"), coach_vocab_get_label (COACH_VOCAB_SIDE, side), duration);
}

/**
 * coach_format_mask:
 *
 * The labels of the values in @mask, in vocabulary order: "Neck, Upper back".
 *
 * Returns: (transfer full): the translated list, empty for an empty mask.
 */
char *
coach_format_mask (CoachVocab vocab,
                   guint32    mask)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < coach_vocab_get_size (vocab); i++)
    if ((mask & (1u << i)) != 0)
      {
        if (text->len > 0)
          /* Translators: separates the items of a list such as "Neck, Lower back" */
          g_string_append (text, _(", "));
        g_string_append (text, coach_vocab_get_label (vocab, i));
      }
  return g_string_free (text, FALSE);
}

/**
 * coach_format_pain:
 *
 * A pain rating as shown: "6", "5.5" for a mean of region ratings, "–" when not rated (< 0).
 *
 * Returns: (transfer full): the text.
 */
char *
coach_format_pain (double pain)
{
  if (pain < 0)
    return g_strdup ("–");
  if (pain == (int) pain)
    return g_strdup_printf ("%d", (int) pain);
  return g_strdup_printf ("%.1f", pain);
}

/**
 * coach_format_pain_change:
 *
 * A change in pain with its sign and a real minus: "−1.5", "+0.5", or "0" for less than 0.05
 * either way.
 *
 * Returns: (transfer full): the text.
 */
char *
coach_format_pain_change (double change)
{
  if (change < -0.05)
    return g_strdup_printf ("−%.1f", -change);
  if (change > 0.05)
    return g_strdup_printf ("+%.1f", change);
  return g_strdup ("0");
}
