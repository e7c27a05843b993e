/* coach-partner.c: a partner profile: who receives a massage, what to work on and what to avoid.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile is a plain model: the editing UI binds its widgets to the properties, and the
 * partner store saves whenever one changes. Setters notify only on a real change, so that
 * bindings do not loop and the store does not write the file for nothing. */
#define G_LOG_DOMAIN "coach-partner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-partner.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SORE_REGIONS,
  PROP_AVOID_FAMILIES,
  PROP_AVOID_EQUIPMENT,
  PROP_CONDITIONS,
  PROP_PRESSURE_PREFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _CoachPartner
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  guint32  sore_regions;
  guint32  avoid_families;
  guint32  avoid_equipment;
  guint32  conditions;
  int      pressure_preference;
};

G_DEFINE_FINAL_TYPE (CoachPartner, coach_partner, G_TYPE_OBJECT)

G_DEFINE_QUARK (coach-partner-error-quark, coach_partner_error)

GType
coach_pressure_answer_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { COACH_PRESSURE_ANSWER_LIGHTER, "COACH_PRESSURE_ANSWER_LIGHTER", "lighter" },
        { COACH_PRESSURE_ANSWER_GOOD, "COACH_PRESSURE_ANSWER_GOOD", "good" },
        { COACH_PRESSURE_ANSWER_FIRMER, "COACH_PRESSURE_ANSWER_FIRMER", "firmer" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("CoachPressureAnswer", values));
    }

  return type_id;
}

/**
 * coach_partner_normalize_name:
 * @name: (nullable): a name as typed
 *
 * Checks a name the way the profile and its file require: one line of text, not empty and
 * at most %COACH_PARTNER_NAME_MAX_CHARS characters once the surrounding spaces are removed.
 * The editing UI can use it to explain a name it cannot accept.
 *
 * Returns: (transfer full) (nullable): the name without surrounding spaces, or %NULL with a
 * translated %COACH_PARTNER_ERROR.
 */
char *
coach_partner_normalize_name (const char  *name,
                              GError     **error)
{
  g_autofree char *stripped = NULL;
  glong length;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, COACH_PARTNER_ERROR,
                           name == NULL ? COACH_PARTNER_ERROR_MISSING_FIELD
                                        : COACH_PARTNER_ERROR_BAD_VALUE,
                           name == NULL ? _("a name is needed") : _("the name is not valid text"));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_MISSING_FIELD,
                           _("a name is needed"));
      return NULL;
    }

  length = g_utf8_strlen (stripped, -1);
  if (length > COACH_PARTNER_NAME_MAX_CHARS)
    {
      g_set_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_BAD_VALUE,
                   _("a name can have at most %d characters; this one has %ld"),
                   COACH_PARTNER_NAME_MAX_CHARS, length);
      return NULL;
    }

  /* Control characters would not survive the XML file (GMarkup refuses most of them even
   * as character references), and a line break has no place in a name. */
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_BAD_VALUE,
                             _("a name must be one line of text"));
        return NULL;
      }

  return g_steal_pointer (&stripped);
}

static guint32
vocab_mask (CoachVocab vocab)
{
  return COACH_MASK (coach_vocab_get_size (vocab)) - 1;
}

static void
coach_partner_constructed (GObject *object)
{
  CoachPartner *self = COACH_PARTNER (object);

  G_OBJECT_CLASS (coach_partner_parent_class)->constructed (object);

  if (self->id == NULL || self->id[0] == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
}

static void
coach_partner_finalize (GObject *object)
{
  CoachPartner *self = COACH_PARTNER (object);

  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (coach_partner_parent_class)->finalize (object);
}

static void
coach_partner_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CoachPartner *self = COACH_PARTNER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SORE_REGIONS:
      g_value_set_flags (value, self->sore_regions);
      break;
    case PROP_AVOID_FAMILIES:
      g_value_set_flags (value, self->avoid_families);
      break;
    case PROP_AVOID_EQUIPMENT:
      g_value_set_flags (value, self->avoid_equipment);
      break;
    case PROP_CONDITIONS:
      g_value_set_flags (value, self->conditions);
      break;
    case PROP_PRESSURE_PREFERENCE:
      g_value_set_int (value, self->pressure_preference);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_partner_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CoachPartner *self = COACH_PARTNER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      coach_partner_set_name (self, g_value_get_string (value));
      break;
    case PROP_SORE_REGIONS:
      coach_partner_set_sore_regions (self, g_value_get_flags (value));
      break;
    case PROP_AVOID_FAMILIES:
      coach_partner_set_avoid_families (self, g_value_get_flags (value));
      break;
    case PROP_AVOID_EQUIPMENT:
      coach_partner_set_avoid_equipment (self, g_value_get_flags (value));
      break;
    case PROP_CONDITIONS:
      coach_partner_set_conditions (self, g_value_get_flags (value));
      break;
    case PROP_PRESSURE_PREFERENCE:
      coach_partner_set_pressure_preference (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
coach_partner_class_init (CoachPartnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_partner_constructed;
  object_class->finalize = coach_partner_finalize;
  object_class->get_property = coach_partner_get_property;
  object_class->set_property = coach_partner_set_property;

  /* Stable across renames, so a session's history can refer to the receiver. A new
   * profile gets a random UUID; one read from the file keeps its own. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_SORE_REGIONS] =
    g_param_spec_flags ("sore-regions", NULL, NULL, COACH_TYPE_REGION_FLAGS, 0, PARAM_FLAGS);
  properties[PROP_AVOID_FAMILIES] =
    g_param_spec_flags ("avoid-families", NULL, NULL, COACH_TYPE_FAMILY_FLAGS, 0, PARAM_FLAGS);
  properties[PROP_AVOID_EQUIPMENT] =
    g_param_spec_flags ("avoid-equipment", NULL, NULL, COACH_TYPE_EQUIPMENT_FLAGS, 0,
                        PARAM_FLAGS);
  properties[PROP_CONDITIONS] =
    g_param_spec_flags ("conditions", NULL, NULL, COACH_TYPE_CONDITION_FLAGS, 0, PARAM_FLAGS);
  /* Steps lighter (negative) or firmer (positive) than the pressure the plan calls for. */
  properties[PROP_PRESSURE_PREFERENCE] =
    g_param_spec_int ("pressure-preference", NULL, NULL,
                      COACH_PARTNER_PRESSURE_MIN, COACH_PARTNER_PRESSURE_MAX, 0, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_partner_init (CoachPartner *self)
{
}

/**
 * coach_partner_new:
 * @name: the receiver's name; see coach_partner_normalize_name()
 *
 * Returns: (transfer full): a new profile with a new id and nothing to avoid.
 */
CoachPartner *
coach_partner_new (const char *name)
{
  return g_object_new (COACH_TYPE_PARTNER, "name", name, NULL);
}

const char *
coach_partner_get_id (CoachPartner *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER (self), NULL);

  return self->id;
}

/**
 * coach_partner_get_name:
 *
 * Returns: (nullable): the name; %NULL only for a profile built without one.
 */
const char *
coach_partner_get_name (CoachPartner *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER (self), NULL);

  return self->name;
}

/**
 * coach_partner_set_name:
 * @name: a name that coach_partner_normalize_name() accepts; it is stored stripped
 *
 * An unacceptable name is a programming error: check it first with
 * coach_partner_normalize_name().
 */
void
coach_partner_set_name (CoachPartner *self,
                        const char   *name)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COACH_IS_PARTNER (self));

  normalized = coach_partner_normalize_name (name, &error);
  if (normalized == NULL)
    {
      g_critical ("%s: “%s” is not a valid partner name: %s",
                  G_STRFUNC, name != NULL ? name : "(null)", error->message);
      return;
    }

  if (g_strcmp0 (self->name, normalized) == 0)
    return;

  g_free (self->name);
  self->name = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

static void
set_mask (CoachPartner *self,
          guint32      *field,
          guint32       value,
          CoachVocab    vocab,
          guint         prop_id)
{
  /* Bits beyond the vocabulary have no meaning and could not be written to the file. */
  value &= vocab_mask (vocab);
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

#define MASK_ACCESSORS(name, vocab, prop_id) \
  guint32 \
  coach_partner_get_##name (CoachPartner *self) \
  { \
    g_return_val_if_fail (COACH_IS_PARTNER (self), 0); \
    return self->name; \
  } \
  \
  void \
  coach_partner_set_##name (CoachPartner *self, \
                            guint32       value) \
  { \
    g_return_if_fail (COACH_IS_PARTNER (self)); \
    set_mask (self, &self->name, value, vocab, prop_id); \
  }

MASK_ACCESSORS (sore_regions, COACH_VOCAB_REGION, PROP_SORE_REGIONS)
MASK_ACCESSORS (avoid_families, COACH_VOCAB_FAMILY, PROP_AVOID_FAMILIES)
MASK_ACCESSORS (avoid_equipment, COACH_VOCAB_EQUIPMENT, PROP_AVOID_EQUIPMENT)
MASK_ACCESSORS (conditions, COACH_VOCAB_CONDITION, PROP_CONDITIONS)

/**
 * coach_partner_set_flag:
 * @property: the name of a flags property, e.g. "sore-regions"
 * @value: the vocabulary value to add or remove, e.g. %COACH_REGION_NECK
 *
 * Adds @value to the set in @property, or removes it, as a check box in the editor does.
 */
void
coach_partner_set_flag (CoachPartner *self,
                        const char   *property,
                        guint         value,
                        gboolean      on)
{
  GParamSpec *pspec;
  guint mask;

  g_return_if_fail (COACH_IS_PARTNER (self));
  g_return_if_fail (value < 32);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
  g_return_if_fail (pspec != NULL && G_IS_PARAM_SPEC_FLAGS (pspec));

  g_object_get (self, property, &mask, NULL);
  mask = on ? (mask | COACH_MASK (value)) : (mask & ~COACH_MASK (value));
  g_object_set (self, property, mask, NULL);
}

int
coach_partner_get_pressure_preference (CoachPartner *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER (self), 0);

  return self->pressure_preference;
}

/**
 * coach_partner_set_pressure_preference:
 * @steps: how many steps lighter (negative) or firmer (positive) than planned; clamped to
 *   %COACH_PARTNER_PRESSURE_MIN..%COACH_PARTNER_PRESSURE_MAX
 */
void
coach_partner_set_pressure_preference (CoachPartner *self,
                                       int           steps)
{
  g_return_if_fail (COACH_IS_PARTNER (self));

  steps = CLAMP (steps, COACH_PARTNER_PRESSURE_MIN, COACH_PARTNER_PRESSURE_MAX);
  if (self->pressure_preference == steps)
    return;

  self->pressure_preference = steps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESSURE_PREFERENCE]);
}

/**
 * coach_partner_record_pressure_answer:
 *
 * Remembers a check-in answer for next time: "lighter" and "firmer" move the preference one
 * step, within its range; "good" keeps it.
 */
void
coach_partner_record_pressure_answer (CoachPartner        *self,
                                      CoachPressureAnswer  answer)
{
  g_return_if_fail (COACH_IS_PARTNER (self));

  switch (answer)
    {
    case COACH_PRESSURE_ANSWER_LIGHTER:
      coach_partner_set_pressure_preference (self, self->pressure_preference - 1);
      break;
    case COACH_PRESSURE_ANSWER_GOOD:
      break;
    case COACH_PRESSURE_ANSWER_FIRMER:
      coach_partner_set_pressure_preference (self, self->pressure_preference + 1);
      break;
    default:
      g_return_if_reached ();
    }
}

/**
 * coach_partner_fill_plan_request:
 * @request: an initialized request
 *
 * Plans for this receiver: their sore regions, what to avoid and their conditions replace
 * the request's, and the performer becomes %COACH_PERFORMER_PARTNER. The other fields
 * (minutes, equipment at hand, pressure ceiling, seed, chosen techniques) are kept.
 */
void
coach_partner_fill_plan_request (CoachPartner     *self,
                                 CoachPlanRequest *request)
{
  g_return_if_fail (COACH_IS_PARTNER (self));
  g_return_if_fail (request != NULL);

  request->sore_regions = self->sore_regions;
  request->avoid_families = self->avoid_families;
  request->avoid_equipment = self->avoid_equipment;
  request->conditions = self->conditions;
  request->performer = COACH_PERFORMER_PARTNER;
}
