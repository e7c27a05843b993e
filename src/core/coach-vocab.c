/* coach-vocab.c: ids, enum values and translated labels of the catalog's vocabularies.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ids are the contract of data/catalog/README.md; the order of each table is the order of
 * its enum in coach-vocab.h. */
#define G_LOG_DOMAIN "coach-vocab"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-vocab.h"

typedef struct {
  const char *id;
  const char *label;
} VocabEntry;

static const VocabEntry regions[] = {
  { "neck", N_("Neck") },
  { "upper-back", N_("Upper back and shoulders") },
  { "mid-back", N_("Mid back") },
  { "lower-back", N_("Lower back") },
  { "sacrum-hips", N_("Sacrum and hips") },
  { "buttocks", N_("Buttocks") },
};

static const VocabEntry families[] = {
  { "gliding", N_("Gliding strokes") },
  { "kneading", N_("Kneading") },
  { "tapping", N_("Tapping") },
  { "friction", N_("Circular friction") },
  { "deep-tissue", N_("Deep tissue") },
  { "trigger-point", N_("Trigger point") },
  { "neuromuscular", N_("Neuromuscular") },
  { "myofascial", N_("Myofascial release") },
  { "acupressure", N_("Acupressure") },
  { "heat", N_("Heat") },
  { "tool", N_("Self-massage with tools") },
};

/* One line on what each family is, for the preferences and the cards. */
static const char *family_descriptions[] = {
  N_("Long, slow strokes along the muscles; a warm-up and a calm finish"),
  N_("Lifting and squeezing the muscle, like kneading dough"),
  N_("Light, quick, rhythmic taps with loose hands on fleshy areas"),
  N_("Small circles with the fingertips, working into one spot"),
  N_("Slow strokes that build from gentle to firm, into deeper layers"),
  N_("Steady pressure on one small tight, tender spot until it eases"),
  N_("Focused work on one painful spot rather than the whole area"),
  N_("Gentle, sustained stretching pressure on the tissue under the skin"),
  N_("Steady finger pressure on specific points"),
  N_("A hot towel or heat pack before or during massage"),
  N_("A ball, two balls in a sock, a foam roller or a massage cane"),
};

static const char *equipment_descriptions[] = {
  N_("A tennis or massage ball, against a wall or under you"),
  N_("Two balls tied in a sock, one either side of the spine"),
  N_("A firm foam cylinder to lie on; for the mid back only"),
  N_("A hooked stick that uses leverage to reach your own back"),
  N_("A heat pack or hot towel, with a cloth between it and the skin"),
  N_("Oil or lotion so the hands glide, warmed in the hands first"),
  N_("A towel to lie on and to cover the skin not being worked on"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (family_descriptions) == COACH_N_FAMILIES);
G_STATIC_ASSERT (G_N_ELEMENTS (equipment_descriptions) == COACH_N_EQUIPMENT);

static const VocabEntry equipment[] = {
  { "ball", N_("Massage ball") },
  { "two-balls", N_("Two balls in a sock") },
  { "foam-roller", N_("Foam roller") },
  { "cane", N_("Massage cane") },
  { "heat-pack", N_("Heat pack or hot towel") },
  { "oil", N_("Massage oil") },
  { "towel", N_("Towel") },
};

static const VocabEntry suits[] = {
  { "strain", N_("Muscle strain") },
  { "osteoarthritis", N_("Osteoarthritis") },
  { "fibromyalgia", N_("Fibromyalgia") },
  { "sciatica", N_("Sciatica-like pain") },
  { "disc", N_("Disc degeneration") },
  { "stress", N_("Stress and poor sleep") },
  { "sitting", N_("Long hours of sitting") },
};

static const VocabEntry conditions[] = {
  { "blood-thinners", N_("Blood thinners or a bleeding disorder") },
  { "osteoporosis", N_("Severe osteoporosis") },
  { "pregnancy", N_("Pregnancy") },
  { "blood-clots", N_("History of blood clots") },
  { "cancer", N_("Cancer") },
  { "recent-surgery", N_("Recent surgery or fracture") },
  { "arthritis-flare", N_("Flare of inflammatory arthritis") },
  { "neuropathy", N_("Numbness or neuropathy") },
  { "fibromyalgia", N_("Fibromyalgia") },
  { "osteoarthritis", N_("Osteoarthritis") },
  { "fever", N_("Fever or contagious illness") },
};

static const VocabEntry poses[] = {
  { "standing-wall", N_("Standing against a wall") },
  { "lying-roller", N_("Lying on a foam roller") },
  { "lying-balls", N_("Lying on two balls") },
  { "sitting-ball", N_("Sitting on a ball") },
  { "sitting", N_("Sitting") },
  { "sitting-cane", N_("Sitting with a cane") },
  { "lying-face-down", N_("Lying face down") },
  { "lying-side", N_("Lying on your side") },
  { "partner-face-down", N_("Partner lying face down") },
  { "partner-side-lying", N_("Partner lying on their side") },
};

static const VocabEntry landmarks[] = {
  { "skull-base", N_("Base of the skull") },
  { "neck-side", N_("Side of the neck") },
  { "shoulder-top", N_("Top of the shoulder") },
  { "shoulder-blade-inner", N_("Between shoulder blade and spine") },
  { "shoulder-blade", N_("Shoulder blade") },
  { "mid-back-beside-spine", N_("Mid back beside the spine") },
  { "lower-back-beside-spine", N_("Lower back beside the spine") },
  { "side-lumbar", N_("Side of the lower back") },
  { "hip-crest", N_("Top of the hip") },
  { "sacrum", N_("Sacrum") },
  { "glute-centre", N_("Middle of the buttock") },
  { "piriformis", N_("Piriformis") },
};

static const VocabEntry strokes[] = {
  { "glide", N_("Glide") },
  { "knead", N_("Knead") },
  { "tap", N_("Tap") },
  { "friction", N_("Friction") },
  { "hold", N_("Hold") },
  { "stretch", N_("Stretch") },
  { "roll", N_("Roll") },
  { "rock", N_("Rock") },
  { "rest", N_("Rest") },
};

static const VocabEntry directions[] = {
  { "up", N_("Up") },
  { "down", N_("Down") },
  { "outward", N_("Outward") },
  { "inward", N_("Inward") },
  { "none", N_("No direction") },
};

static const VocabEntry sides[] = {
  { "left", N_("Left side") },
  { "right", N_("Right side") },
  { "both", N_("Both sides") },
  { "none", N_("Whole area") },
};

static const VocabEntry performers[] = {
  { "self", N_("Self-massage") },
  { "partner", N_("Partner massage") },
  { "both", N_("Self or partner") },
};

static const VocabEntry tempo_units[] = {
  { "strokes", N_("strokes per minute") },
  { "breaths", N_("breaths per minute") },
};

static const struct {
  const char       *name;
  const VocabEntry *entries;
  guint             size;
} vocabs[COACH_N_VOCABS] = {
  [COACH_VOCAB_REGION] = { "region", regions, G_N_ELEMENTS (regions) },
  [COACH_VOCAB_FAMILY] = { "family", families, G_N_ELEMENTS (families) },
  [COACH_VOCAB_EQUIPMENT] = { "equipment", equipment, G_N_ELEMENTS (equipment) },
  [COACH_VOCAB_SUITS] = { "suits", suits, G_N_ELEMENTS (suits) },
  [COACH_VOCAB_CONDITION] = { "condition", conditions, G_N_ELEMENTS (conditions) },
  [COACH_VOCAB_POSE] = { "pose", poses, G_N_ELEMENTS (poses) },
  [COACH_VOCAB_LANDMARK] = { "landmark", landmarks, G_N_ELEMENTS (landmarks) },
  [COACH_VOCAB_STROKE] = { "stroke", strokes, G_N_ELEMENTS (strokes) },
  [COACH_VOCAB_DIRECTION] = { "direction", directions, G_N_ELEMENTS (directions) },
  [COACH_VOCAB_SIDE] = { "side", sides, G_N_ELEMENTS (sides) },
  [COACH_VOCAB_PERFORMER] = { "performer", performers, G_N_ELEMENTS (performers) },
  [COACH_VOCAB_TEMPO_UNIT] = { "tempo-unit", tempo_units, G_N_ELEMENTS (tempo_units) },
};

G_STATIC_ASSERT (G_N_ELEMENTS (regions) == COACH_N_REGIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (families) == COACH_N_FAMILIES);
G_STATIC_ASSERT (G_N_ELEMENTS (equipment) == COACH_N_EQUIPMENT);
G_STATIC_ASSERT (G_N_ELEMENTS (suits) == COACH_N_SUITS);
G_STATIC_ASSERT (G_N_ELEMENTS (conditions) == COACH_N_CONDITIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (poses) == COACH_N_POSES);
G_STATIC_ASSERT (G_N_ELEMENTS (landmarks) == COACH_N_LANDMARKS);
G_STATIC_ASSERT (G_N_ELEMENTS (strokes) == COACH_N_STROKES);
G_STATIC_ASSERT (G_N_ELEMENTS (directions) == COACH_N_DIRECTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (sides) == COACH_N_SIDES);
G_STATIC_ASSERT (G_N_ELEMENTS (performers) == COACH_N_PERFORMERS);
G_STATIC_ASSERT (G_N_ELEMENTS (tempo_units) == COACH_N_TEMPO_UNITS);

guint
coach_vocab_get_size (CoachVocab vocab)
{
  g_return_val_if_fail (vocab < COACH_N_VOCABS, 0);

  return vocabs[vocab].size;
}

/* The field name used in error messages, e.g. "region". */
const char *
coach_vocab_get_name (CoachVocab vocab)
{
  g_return_val_if_fail (vocab < COACH_N_VOCABS, NULL);

  return vocabs[vocab].name;
}

const char *
coach_vocab_to_id (CoachVocab vocab,
                   guint      value)
{
  g_return_val_if_fail (vocab < COACH_N_VOCABS, NULL);
  g_return_val_if_fail (value < vocabs[vocab].size, NULL);

  return vocabs[vocab].entries[value].id;
}

/* Returns: the value for @id, or -1 when @id is not in the vocabulary. */
int
coach_vocab_from_id (CoachVocab  vocab,
                     const char *id)
{
  g_return_val_if_fail (vocab < COACH_N_VOCABS, -1);

  if (id == NULL)
    return -1;

  for (guint i = 0; i < vocabs[vocab].size; i++)
    if (g_str_equal (vocabs[vocab].entries[i].id, id))
      return (int) i;

  return -1;
}

const char *
coach_vocab_get_label (CoachVocab vocab,
                       guint      value)
{
  g_return_val_if_fail (vocab < COACH_N_VOCABS, NULL);
  g_return_val_if_fail (value < vocabs[vocab].size, NULL);

  return g_dgettext (GETTEXT_PACKAGE, vocabs[vocab].entries[value].label);
}

/**
 * coach_vocab_get_description:
 *
 * Returns: (nullable): a translated line on what a technique family or piece of equipment
 * is, or %NULL for the vocabularies that have none.
 */
const char *
coach_vocab_get_description (CoachVocab vocab,
                             guint      value)
{
  g_return_val_if_fail (value < coach_vocab_get_size (vocab), NULL);

  if (vocab == COACH_VOCAB_FAMILY)
    return g_dgettext (GETTEXT_PACKAGE, family_descriptions[value]);
  if (vocab == COACH_VOCAB_EQUIPMENT)
    return g_dgettext (GETTEXT_PACKAGE, equipment_descriptions[value]);
  return NULL;
}

/* Returns: every id of @vocab, comma-separated, for messages that list the valid ones. */
char *
coach_vocab_list_ids (CoachVocab vocab)
{
  return coach_vocab_mask_to_ids (vocab, G_MAXUINT32);
}

/* Returns: the ids of the values in @mask, comma-separated, in vocabulary order. */
char *
coach_vocab_mask_to_ids (CoachVocab vocab,
                         guint32    mask)
{
  return coach_vocab_mask_to_list (vocab, mask, ", ");
}

/**
 * coach_vocab_mask_to_list:
 *
 * Returns: (transfer full): the ids of the values in @mask, in vocabulary order, joined by
 * @separator (files use a space, messages ", ").
 */
char *
coach_vocab_mask_to_list (CoachVocab  vocab,
                          guint32     mask,
                          const char *separator)
{
  GString *str;

  g_return_val_if_fail (vocab < COACH_N_VOCABS, NULL);

  str = g_string_new (NULL);
  for (guint i = 0; i < vocabs[vocab].size; i++)
    {
      if ((mask & COACH_MASK (i)) == 0)
        continue;
      if (str->len > 0)
        g_string_append (str, separator);
      g_string_append (str, vocabs[vocab].entries[i].id);
    }

  return g_string_free (str, FALSE);
}

/**
 * coach_vocab_list_to_mask:
 * @text: (nullable): ids separated by white space, as files write them
 * @mask: (out): the values named
 * @unknown: (out) (optional) (transfer full): the first id the vocabulary does not know
 *
 * Returns: %FALSE when an id is unknown; @mask is then unset.
 */
gboolean
coach_vocab_list_to_mask (CoachVocab   vocab,
                          const char  *text,
                          guint32     *mask,
                          char       **unknown)
{
  g_auto(GStrv) ids = g_strsplit_set (text != NULL ? text : "", " \t\n\r", -1);
  guint32 result = 0;

  g_return_val_if_fail (vocab < COACH_N_VOCABS, FALSE);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      int value;

      if (ids[i][0] == '\0')
        continue;
      value = coach_vocab_from_id (vocab, ids[i]);
      if (value < 0)
        {
          if (unknown != NULL)
            *unknown = g_strdup (ids[i]);
          return FALSE;
        }
      result |= COACH_MASK (value);
    }

  *mask = result;
  return TRUE;
}

/**
 * coach_vocab_get_flags_type:
 *
 * Returns: a #GFlags type for sets of @vocab's values, registered on first use. Its values
 * are COACH_MASK (value) and its nicks the vocabulary ids, which is what lets
 * g_settings_bind () map a schema's flags key straight onto a property of this type.
 */
GType
coach_vocab_get_flags_type (CoachVocab vocab)
{
  static GType types[COACH_N_VOCABS];
  static GMutex lock;
  GType type;

  g_return_val_if_fail (vocab < COACH_N_VOCABS, G_TYPE_INVALID);

  g_mutex_lock (&lock);
  if (types[vocab] == 0)
    {
      guint size = vocabs[vocab].size;
      /* Registered types live for the whole process, and so does this table. */
      GFlagsValue *values = g_new0 (GFlagsValue, size + 1);
      g_autofree char *camel = NULL;
      g_autofree char *name = NULL;
      g_auto(GStrv) words = g_strsplit (vocabs[vocab].name, "-", -1);

      for (guint i = 0; i < size; i++)
        {
          values[i].value = COACH_MASK (i);
          values[i].value_name = vocabs[vocab].entries[i].label;
          values[i].value_nick = vocabs[vocab].entries[i].id;
        }
      for (guint i = 0; words[i] != NULL; i++)
        words[i][0] = g_ascii_toupper (words[i][0]);
      camel = g_strjoinv (NULL, words);
      name = g_strdup_printf ("Coach%sFlags", camel);
      types[vocab] = g_flags_register_static (g_intern_string (name), values);
    }
  type = types[vocab];
  g_mutex_unlock (&lock);

  return type;
}
