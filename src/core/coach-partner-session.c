/* coach-partner-session.c: a partner massage between the person and one partner.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One person gives, the other receives; the routine is planned from the receiver's profile
 * with partner techniques, every instruction addressed to the giver. Swapping roles plans the
 * second round from the other profile. The receiver's answers to pressure check-ins change
 * the wording of the rest of the session and are remembered for them: in their partner
 * profile, or in the person's own preferences. */
#define G_LOG_DOMAIN "coach-partner-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-partner-session.h"
#include "coach-routine.h"

struct _CoachPartnerSession
{
  GObject        parent_instance;

  CoachSettings *settings;
  CoachPartner  *partner;
  CoachReceiver  receiver;
  gboolean       side_lying;
  int            pressure;
  guint          n_answers;
};

G_DEFINE_FINAL_TYPE (CoachPartnerSession, coach_partner_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECEIVER,
  PROP_SIDE_LYING,
  PROP_PRESSURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
coach_receiver_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { COACH_RECEIVER_SELF, "COACH_RECEIVER_SELF", "self" },
        { COACH_RECEIVER_PARTNER, "COACH_RECEIVER_PARTNER", "partner" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("CoachReceiver", values));
    }

  return type_id;
}

static int
remembered_pressure (CoachPartnerSession *self)
{
  return self->receiver == COACH_RECEIVER_PARTNER
         ? coach_partner_get_pressure_preference (self->partner)
         : coach_settings_get_pressure_preference (self->settings);
}

/* A new receiver starts from what they asked for last time. */
static void
reset_pressure (CoachPartnerSession *self)
{
  int pressure = remembered_pressure (self);

  self->n_answers = 0;
  if (self->pressure == pressure)
    return;
  self->pressure = pressure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESSURE]);
}

static void
coach_partner_session_dispose (GObject *object)
{
  CoachPartnerSession *self = COACH_PARTNER_SESSION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->partner);

  G_OBJECT_CLASS (coach_partner_session_parent_class)->dispose (object);
}

static void
coach_partner_session_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CoachPartnerSession *self = COACH_PARTNER_SESSION (object);

  switch (prop_id)
    {
    case PROP_RECEIVER:
      g_value_set_enum (value, self->receiver);
      break;
    case PROP_SIDE_LYING:
      g_value_set_boolean (value, self->side_lying);
      break;
    case PROP_PRESSURE:
      g_value_set_int (value, self->pressure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_partner_session_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CoachPartnerSession *self = COACH_PARTNER_SESSION (object);

  switch (prop_id)
    {
    case PROP_RECEIVER:
      coach_partner_session_set_receiver (self, g_value_get_enum (value));
      break;
    case PROP_SIDE_LYING:
      coach_partner_session_set_side_lying (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_partner_session_class_init (CoachPartnerSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_partner_session_dispose;
  object_class->get_property = coach_partner_session_get_property;
  object_class->set_property = coach_partner_session_set_property;

  properties[PROP_RECEIVER] =
    g_param_spec_enum ("receiver", NULL, NULL, COACH_TYPE_RECEIVER, COACH_RECEIVER_PARTNER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE_LYING] =
    g_param_spec_boolean ("side-lying", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESSURE] =
    g_param_spec_int ("pressure", NULL, NULL, COACH_PARTNER_PRESSURE_MIN,
                      COACH_PARTNER_PRESSURE_MAX, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_partner_session_init (CoachPartnerSession *self)
{
}

/**
 * coach_partner_session_new:
 * @settings: the person's own profile and preferences
 * @partner: the other person
 * @receiver: who receives first
 */
CoachPartnerSession *
coach_partner_session_new (CoachSettings *settings,
                           CoachPartner  *partner,
                           CoachReceiver  receiver)
{
  CoachPartnerSession *self;

  g_return_val_if_fail (COACH_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (COACH_IS_PARTNER (partner), NULL);

  self = g_object_new (COACH_TYPE_PARTNER_SESSION, NULL);
  self->settings = g_object_ref (settings);
  self->partner = g_object_ref (partner);
  self->receiver = receiver;
  reset_pressure (self);
  return self;
}

CoachSettings *
coach_partner_session_get_settings (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), NULL);
  return self->settings;
}

CoachPartner *
coach_partner_session_get_partner (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), NULL);
  return self->partner;
}

CoachReceiver
coach_partner_session_get_receiver (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), COACH_RECEIVER_PARTNER);
  return self->receiver;
}

void
coach_partner_session_set_receiver (CoachPartnerSession *self,
                                    CoachReceiver        receiver)
{
  g_return_if_fail (COACH_IS_PARTNER_SESSION (self));
  g_return_if_fail (receiver == COACH_RECEIVER_SELF || receiver == COACH_RECEIVER_PARTNER);

  if (self->receiver == receiver)
    return;
  self->receiver = receiver;
  reset_pressure (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVER]);
}

/* The second round: the giver receives. */
void
coach_partner_session_swap_roles (CoachPartnerSession *self)
{
  g_return_if_fail (COACH_IS_PARTNER_SESSION (self));

  coach_partner_session_set_receiver (self, self->receiver == COACH_RECEIVER_SELF
                                            ? COACH_RECEIVER_PARTNER : COACH_RECEIVER_SELF);
}

/* Returns: (transfer none): the CoachSettings or CoachPartner of the receiver: both have the
 * "sore-regions", "avoid-families", "avoid-equipment" and "conditions" properties. */
GObject *
coach_partner_session_get_receiver_profile (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), NULL);

  return self->receiver == COACH_RECEIVER_PARTNER ? G_OBJECT (self->partner)
                                                  : G_OBJECT (self->settings);
}

guint32
coach_partner_session_get_receiver_conditions (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), 0);

  return self->receiver == COACH_RECEIVER_PARTNER ? coach_partner_get_conditions (self->partner)
                                                  : coach_settings_get_conditions (self->settings);
}

const char *
coach_partner_session_get_receiver_name (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), NULL);

  return self->receiver == COACH_RECEIVER_PARTNER ? coach_partner_get_name (self->partner) : NULL;
}

void
coach_partner_session_set_side_lying (CoachPartnerSession *self,
                                      gboolean             side_lying)
{
  g_return_if_fail (COACH_IS_PARTNER_SESSION (self));

  side_lying = !!side_lying;
  if (self->side_lying == side_lying)
    return;
  self->side_lying = side_lying;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE_LYING]);
}

/* Whether side-lying was asked for (pregnancy requires it anyway). */
gboolean
coach_partner_session_get_side_lying (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), FALSE);
  return self->side_lying;
}

void
coach_partner_session_fill_plan_request (CoachPartnerSession *self,
                                         CoachPlanRequest    *request)
{
  g_return_if_fail (COACH_IS_PARTNER_SESSION (self));
  g_return_if_fail (request != NULL);

  /* The household's equipment, minutes and ceiling; then the receiver's own profile. The
   * person's chosen cards are for self-massage: a partner plan does not use them. */
  coach_settings_fill_plan_request (self->settings, request);
  request->chosen = NULL;
  if (self->receiver == COACH_RECEIVER_PARTNER)
    {
      coach_partner_fill_plan_request (self->partner, request);
      /* The person's ceiling is their own; a partner gets the guide's default. */
      request->pressure_ceiling = COACH_PLAN_DEFAULT_CEILING;
    }
  request->performer = COACH_PERFORMER_PARTNER;
  request->position = self->side_lying ? COACH_POSE_PARTNER_SIDE_LYING : COACH_POSE_PARTNER_FACE_DOWN;
}

CoachPose
coach_partner_session_get_position (CoachPartnerSession *self)
{
  CoachPlanRequest request;

  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), COACH_POSE_PARTNER_FACE_DOWN);

  coach_plan_request_init (&request);
  coach_partner_session_fill_plan_request (self, &request);
  return coach_planner_get_partner_position (&request);
}

/* Whether a condition (pregnancy) requires side-lying. */
gboolean
coach_partner_session_position_is_required (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), FALSE);

  return (coach_partner_session_get_receiver_conditions (self) &
          COACH_MASK (COACH_CONDITION_PREGNANCY)) != 0;
}

const char *
coach_partner_session_get_position_title (CoachPartnerSession *self)
{
  return coach_partner_session_get_position (self) == COACH_POSE_PARTNER_SIDE_LYING
         ? _("Lying on the Side") : _("Lying Face Down");
}

/* How to set the receiver up, and why in that position. */
const char *
coach_partner_session_get_position_explanation (CoachPartnerSession *self)
{
  if (coach_partner_session_position_is_required (self))
    return _("In pregnancy, massage lying on the side only, never face down, and ask the "
             "midwife or doctor first. A pillow under the head, one between the knees and one "
             "to hug; the giver sits or kneels behind the back.");
  if (coach_partner_session_get_position (self) == COACH_POSE_PARTNER_SIDE_LYING)
    return _("On a firm surface, lying on one side with a pillow under the head, one between "
             "the knees and one to hug. The giver sits or kneels behind the back; the routine "
             "works one side, then asks to turn.");
  return _("Face down on a firm surface, a pillow under the head and a rolled towel or "
           "cushion under the ankles, arms resting by the sides. The giver kneels or stands "
           "beside the receiver.");
}

/**
 * coach_partner_session_plan:
 *
 * Plans a routine of partner techniques for the receiver's profile, their position and the
 * person's default length: see coach_planner_plan().
 */
CoachRoutine *
coach_partner_session_plan (CoachPartnerSession  *self,
                            CoachPlanner         *planner,
                            guint32               seed,
                            GPtrArray           **reasons,
                            GError              **error)
{
  CoachPlanRequest request;
  CoachRoutine *routine;

  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), NULL);
  g_return_val_if_fail (COACH_IS_PLANNER (planner), NULL);

  coach_plan_request_init (&request);
  coach_partner_session_fill_plan_request (self, &request);
  request.seed = seed;
  routine = coach_planner_plan (planner, &request, reasons, error);
  if (routine != NULL)
    coach_routine_set_name (routine, _("Partner Massage"));
  return routine;
}

int
coach_partner_session_get_pressure (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), 0);
  return self->pressure;
}

guint
coach_partner_session_get_n_answers (CoachPartnerSession *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), 0);
  return self->n_answers;
}

/**
 * coach_partner_session_answer_pressure:
 *
 * The receiver's answer at a check-in: "lighter" and "firmer" move the pressure a step, within
 * its range, and "good" keeps it. The rest of the session follows it, and it is remembered
 * for this receiver at once (a partner store saves the profile's change by itself).
 */
void
coach_partner_session_answer_pressure (CoachPartnerSession *self,
                                       CoachPressureAnswer  answer)
{
  int pressure;

  g_return_if_fail (COACH_IS_PARTNER_SESSION (self));

  pressure = self->pressure + (answer == COACH_PRESSURE_ANSWER_LIGHTER ? -1
                               : answer == COACH_PRESSURE_ANSWER_FIRMER ? 1 : 0);
  pressure = CLAMP (pressure, COACH_PARTNER_PRESSURE_MIN, COACH_PARTNER_PRESSURE_MAX);
  self->n_answers++;

  if (self->receiver == COACH_RECEIVER_PARTNER)
    coach_partner_set_pressure_preference (self->partner, pressure);
  else
    g_object_set (self->settings, "pressure-preference", pressure, NULL);

  if (self->pressure == pressure)
    return;
  self->pressure = pressure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESSURE]);
}

/* Returns: (transfer full): the check-in question, shown and said to the one giving. */
char *
coach_partner_session_dup_check_in_prompt (CoachPartnerSession *self)
{
  const char *name;

  g_return_val_if_fail (COACH_IS_PARTNER_SESSION (self), NULL);

  name = coach_partner_session_get_receiver_name (self);
  /* Translators: a pressure check-in, said and shown to the one giving the massage; %s is
   * the receiver's name */
  return name != NULL ? g_strdup_printf (_("Ask %s: how is the pressure, 0 to 10?"), name)
                      : g_strdup (_("Ask: how is the pressure, 0 to 10?"));
}

/* Returns: (nullable): how the giver's pressure should differ from the cards', shown with
 * each step; %NULL when as the cards say. */
const char *
coach_pressure_get_advice (int pressure)
{
  switch (CLAMP (pressure, COACH_PARTNER_PRESSURE_MIN, COACH_PARTNER_PRESSURE_MAX))
    {
    case -2:
      return _("Much lighter than the card says: the receiver asked for less pressure.");
    case -1:
      return _("A little lighter than the card says.");
    case 1:
      return _("A little firmer than the card says, never into pain.");
    case 2:
      return _("Firmer than the card says, never into pain; keep below 7 out of 10.");
    default:
      return NULL;
    }
}

/* Returns: (nullable): the same, as a few words after each spoken step. */
const char *
coach_pressure_get_spoken (int pressure)
{
  switch (CLAMP (pressure, COACH_PARTNER_PRESSURE_MIN, COACH_PARTNER_PRESSURE_MAX))
    {
    case -2:
      return _("Much lighter pressure.");
    case -1:
      return _("A little lighter.");
    case 1:
      return _("A little firmer.");
    case 2:
      return _("Firmer pressure.");
    default:
      return NULL;
    }
}

/**
 * coach_check_in_times:
 * @interval_seconds: at least 1
 *
 * Returns: (transfer full) (element-type guint): the seconds of massage at which to ask
 * about the pressure, in order.
 */
GArray *
coach_check_in_times (CoachRoutine *routine,
                      guint         interval_seconds)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (guint));
  guint total;

  g_return_val_if_fail (COACH_IS_ROUTINE (routine), times);
  g_return_val_if_fail (interval_seconds > 0, times);

  total = coach_routine_get_total_duration (routine);
  for (guint t = interval_seconds; t + COACH_CHECK_IN_MIN_LEFT_SECONDS <= total; t += interval_seconds)
    g_array_append_val (times, t);
  return times;
}

gboolean
coach_check_in_is_due (GArray *times,
                       guint  *next,
                       gint64  elapsed)
{
  gboolean due = FALSE;

  g_return_val_if_fail (times != NULL && next != NULL, FALSE);

  /* Rounded: the events that call this come on whole seconds, a little after them. */
  elapsed = (elapsed + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;
  while (*next < times->len && g_array_index (times, guint, *next) <= elapsed)
    {
      (*next)++;
      due = TRUE;
    }
  return due;
}
