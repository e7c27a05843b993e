/* coach-safety.c: red flags and the health conditions that change what may be offered.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The facts come from the content guide (/work/shared/content-guide.md, "Red flags" and
 * "Cautions that change what the planner may offer"). The rules here come on top of each
 * technique's own avoid-with list. */
#define G_LOG_DOMAIN "coach-safety"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-planner.h"
#include "coach-safety.h"

static const struct {
  CoachRedFlagSeverity  severity;
  const char           *text;
} red_flags[] = {
  { COACH_RED_FLAG_EMERGENCY, N_("Numbness around the genitals, buttocks or inner thighs") },
  { COACH_RED_FLAG_EMERGENCY, N_("New trouble passing urine, or loss of bladder or bowel control") },
  { COACH_RED_FLAG_EMERGENCY, N_("Weakness, numbness or pain in both legs, or new loss of leg strength") },
  { COACH_RED_FLAG_EMERGENCY, N_("Chest pain") },
  { COACH_RED_FLAG_EMERGENCY, N_("Back pain after a serious accident") },
  { COACH_RED_FLAG_SEE_DOCTOR_SOON, N_("Fever") },
  { COACH_RED_FLAG_SEE_DOCTOR_SOON, N_("Weight loss without trying") },
  { COACH_RED_FLAG_SEE_DOCTOR_SOON, N_("A lump, swelling or change in the shape of the back") },
  { COACH_RED_FLAG_SEE_DOCTOR_SOON, N_("Pain that rest does not ease, or that is worse at night") },
  { COACH_RED_FLAG_SEE_DOCTOR_SOON, N_("Pain that is worse when coughing or sneezing") },
  { COACH_RED_FLAG_SEE_DOCTOR_SOON, N_("Pain between the shoulder blades") },
  { COACH_RED_FLAG_SEE_DOCTOR_SOON, N_("New back pain with a history of cancer, weakened immunity or osteoporosis") },
};

/* What means "stop now" during any routine (content guide, "Anywhere: stop at..."). */
static const char *stop_signals[] = {
  N_("Sharp, shooting, electric or burning pain"),
  N_("New numbness, tingling or pins and needles"),
  N_("Pain that spreads down a leg or an arm"),
  N_("Feeling faint, dizzy or short of breath"),
};

typedef struct {
  const char *description;
  const char *note;            /* extra advice shown with a routine, or NULL */
  guint32     families;        /* excluded CoachFamily mask */
  guint32     equipment;       /* excluded CoachEquipment mask */
  guint       pressure_cap;
  gboolean    postpone;
} ConditionRule;

#define DEEP_OR_FORCEFUL (COACH_MASK (COACH_FAMILY_DEEP_TISSUE) | \
                          COACH_MASK (COACH_FAMILY_TRIGGER_POINT) | \
                          COACH_MASK (COACH_FAMILY_NEUROMUSCULAR) | \
                          COACH_MASK (COACH_FAMILY_TAPPING))

static const ConditionRule rules[COACH_N_CONDITIONS] = {
  [COACH_CONDITION_BLOOD_THINNERS] = {
    N_("No deep or forceful techniques and no tapping; pressure stays moderate."), NULL,
    DEEP_OR_FORCEFUL, 0, 4, FALSE },
  [COACH_CONDITION_OSTEOPOROSIS] = {
    N_("No deep pressure, tapping or foam rolling."), NULL,
    COACH_MASK (COACH_FAMILY_DEEP_TISSUE) | COACH_MASK (COACH_FAMILY_TAPPING),
    COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER), 4, FALSE },
  [COACH_CONDITION_PREGNANCY] = {
    N_("Partner massage only lying on the side, and no foam rolling."),
    N_("Ask your midwife or doctor before you start."),
    0, COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER), COACH_PRESSURE_MAX, FALSE },
  [COACH_CONDITION_BLOOD_CLOTS] = {
    N_("No leg massage; never massage a swollen, painful calf."), NULL,
    0, 0, COACH_PRESSURE_MAX, FALSE },
  [COACH_CONDITION_CANCER] = {
    N_("Gentle pressure only, away from the affected area."),
    N_("Ask your doctor first, and avoid the affected area."),
    0, 0, COACH_PRESSURE_GENTLE, FALSE },
  [COACH_CONDITION_RECENT_SURGERY] = {
    N_("Gentle pressure only, away from the operation or fracture."),
    N_("Ask your doctor first, and avoid the affected area."),
    0, 0, COACH_PRESSURE_GENTLE, FALSE },
  [COACH_CONDITION_ARTHRITIS_FLARE] = {
    N_("Gentle pressure only, away from inflamed joints."),
    N_("Ask your doctor first, and avoid the inflamed area."),
    0, 0, COACH_PRESSURE_GENTLE, FALSE },
  [COACH_CONDITION_NEUROPATHY] = {
    N_("No heat packs or hot towels."), NULL,
    COACH_MASK (COACH_FAMILY_HEAT), COACH_MASK (COACH_EQUIPMENT_HEAT_PACK),
    COACH_PRESSURE_MAX, FALSE },
  [COACH_CONDITION_FIBROMYALGIA] = {
    N_("Gentle pressure only."), NULL, 0, 0, COACH_PRESSURE_GENTLE, FALSE },
  [COACH_CONDITION_OSTEOARTHRITIS] = {
    N_("Gentle pressure only."), NULL, 0, 0, COACH_PRESSURE_GENTLE, FALSE },
  [COACH_CONDITION_FEVER] = {
    N_("No massage until the fever or illness has passed."), NULL,
    0, 0, COACH_PRESSURE_MAX, TRUE },
};

guint
coach_safety_get_n_red_flags (void)
{
  return G_N_ELEMENTS (red_flags);
}

/**
 * coach_safety_get_red_flag:
 * @severity: (out) (optional): how urgent it is
 *
 * Returns: the translated symptom, for a "stop and get medical help" list.
 */
const char *
coach_safety_get_red_flag (guint                 index,
                           CoachRedFlagSeverity *severity)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (red_flags), NULL);

  if (severity != NULL)
    *severity = red_flags[index].severity;
  return g_dgettext (GETTEXT_PACKAGE, red_flags[index].text);
}

const char *
coach_safety_get_severity_label (CoachRedFlagSeverity severity)
{
  switch (severity)
    {
    case COACH_RED_FLAG_EMERGENCY:
      return _("Emergency: call emergency services now");
    case COACH_RED_FLAG_SEE_DOCTOR_SOON:
      return _("See a doctor soon");
    default:
      g_return_val_if_reached (NULL);
    }
}

GType
coach_safety_status_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { COACH_SAFETY_STATUS_UNCHECKED, "COACH_SAFETY_STATUS_UNCHECKED", "unchecked" },
        { COACH_SAFETY_STATUS_CLEAR, "COACH_SAFETY_STATUS_CLEAR", "clear" },
        { COACH_SAFETY_STATUS_SEE_DOCTOR, "COACH_SAFETY_STATUS_SEE_DOCTOR", "see-doctor" },
        { COACH_SAFETY_STATUS_EMERGENCY, "COACH_SAFETY_STATUS_EMERGENCY", "emergency" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("CoachSafetyStatus", values));
    }

  return type_id;
}

/**
 * coach_safety_status_from_answers:
 * @answers: (array length=n_answers): for every red flag in order, whether the person has it
 *
 * Returns: the outcome of a red-flag check: the most urgent severity answered yes.
 */
CoachSafetyStatus
coach_safety_status_from_answers (const gboolean *answers,
                                  guint           n_answers)
{
  CoachSafetyStatus status = COACH_SAFETY_STATUS_CLEAR;

  g_return_val_if_fail (n_answers == G_N_ELEMENTS (red_flags), COACH_SAFETY_STATUS_UNCHECKED);

  for (guint i = 0; i < n_answers; i++)
    {
      if (!answers[i])
        continue;
      if (red_flags[i].severity == COACH_RED_FLAG_EMERGENCY)
        return COACH_SAFETY_STATUS_EMERGENCY;
      status = COACH_SAFETY_STATUS_SEE_DOCTOR;
    }

  return status;
}

/**
 * coach_safety_status_allows_routines:
 *
 * Red flags call for medical care instead of massage, so after a check that found one no
 * routine is offered until a new check comes out clear. A check that was skipped does not
 * block: the person chose to skip it, and the stop signals stay on every routine screen.
 *
 * Returns: %FALSE with a translated %COACH_PLANNER_ERROR_SEE_CARE error that says what to do.
 */
gboolean
coach_safety_status_allows_routines (CoachSafetyStatus   status,
                                     GError            **error)
{
  switch (status)
    {
    case COACH_SAFETY_STATUS_EMERGENCY:
      g_set_error_literal (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_SEE_CARE,
                           _("You reported a symptom that needs medical care now. Call your "
                             "local emergency number or go to an emergency department. Do not "
                             "massage your back."));
      return FALSE;
    case COACH_SAFETY_STATUS_SEE_DOCTOR:
      g_set_error_literal (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_SEE_CARE,
                           _("You reported a symptom that a doctor should check soon. Book an "
                             "appointment, and take the safety check again once a doctor has "
                             "seen you."));
      return FALSE;
    case COACH_SAFETY_STATUS_UNCHECKED:
    case COACH_SAFETY_STATUS_CLEAR:
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

guint
coach_safety_get_n_stop_signals (void)
{
  return G_N_ELEMENTS (stop_signals);
}

/* Returns: a translated sign that means stop at once, during any routine. */
const char *
coach_safety_get_stop_signal (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (stop_signals), NULL);
  return g_dgettext (GETTEXT_PACKAGE, stop_signals[index]);
}

/* Returns: the translated word for a level of the 0-10 pressure scale. */
const char *
coach_safety_get_pressure_word (guint level)
{
  if (level <= COACH_PRESSURE_GENTLE)
    /* Translators: a pressure of 0-3 on the 0-10 scale */
    return C_("pressure", "gentle");
  if (level <= 6)
    /* Translators: a pressure of 4-6 on the 0-10 scale */
    return C_("pressure", "moderate");
  /* Translators: a pressure of 7-10 on the 0-10 scale */
  return C_("pressure", "firm");
}

/* A translated line on what changes with @condition, for the preferences. */
const char *
coach_safety_get_condition_description (CoachCondition condition)
{
  g_return_val_if_fail (condition < COACH_N_CONDITIONS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, rules[condition].description);
}

/* Returns: (nullable): translated advice to show with any routine planned for @condition. */
const char *
coach_safety_get_condition_note (CoachCondition condition)
{
  g_return_val_if_fail (condition < COACH_N_CONDITIONS, NULL);
  return rules[condition].note != NULL ? g_dgettext (GETTEXT_PACKAGE, rules[condition].note)
                                       : NULL;
}

gboolean
coach_safety_condition_postpones (CoachCondition condition)
{
  g_return_val_if_fail (condition < COACH_N_CONDITIONS, FALSE);
  return rules[condition].postpone;
}

guint32
coach_safety_get_excluded_families (CoachCondition condition)
{
  g_return_val_if_fail (condition < COACH_N_CONDITIONS, 0);
  return rules[condition].families;
}

guint32
coach_safety_get_excluded_equipment (CoachCondition condition)
{
  g_return_val_if_fail (condition < COACH_N_CONDITIONS, 0);
  return rules[condition].equipment;
}

/* Returns: the highest pressure allowed with every condition in the @conditions mask. */
guint
coach_safety_get_pressure_cap (guint32 conditions)
{
  guint cap = COACH_PRESSURE_MAX;

  for (guint i = 0; i < COACH_N_CONDITIONS; i++)
    if ((conditions & COACH_MASK (i)) != 0)
      cap = MIN (cap, rules[i].pressure_cap);
  return cap;
}

static gboolean
partner_side_lying_only (CoachTechnique *technique)
{
  for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
    if (coach_technique_get_step (technique, n)->pose != COACH_POSE_PARTNER_SIDE_LYING)
      return FALSE;
  return TRUE;
}

/**
 * coach_safety_allows:
 * @reason: (out) (optional): the first condition that rules @technique out
 *
 * Whether @technique may be offered to someone with @conditions: neither its own avoid-with
 * list nor the rules above exclude it. Pressure caps are left to the caller, which also knows
 * the person's own ceiling.
 */
gboolean
coach_safety_allows (CoachTechnique *technique,
                     guint32         conditions,
                     CoachCondition *reason)
{
  for (guint i = 0; i < COACH_N_CONDITIONS; i++)
    {
      gboolean excluded;

      if ((conditions & COACH_MASK (i)) == 0)
        continue;

      excluded =
        (coach_technique_get_avoid_with (technique) & COACH_MASK (i)) != 0 ||
        (rules[i].families & COACH_MASK (coach_technique_get_family (technique))) != 0 ||
        (rules[i].equipment & coach_technique_get_equipment (technique)) != 0;

      /* In pregnancy a receiver lies on their side for partner work. */
      if (i == COACH_CONDITION_PREGNANCY &&
          coach_technique_get_performer (technique) != COACH_PERFORMER_SELF &&
          !partner_side_lying_only (technique))
        excluded = TRUE;

      if (excluded)
        {
          if (reason != NULL)
            *reason = i;
          return FALSE;
        }
    }

  return TRUE;
}
