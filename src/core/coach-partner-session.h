/* coach-partner-session.h: a partner massage between the person and one partner: who
 * receives, how they lie, their plan, pressure check-ins and the answers to them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-partner.h"
#include "coach-planner.h"
#include "coach-settings.h"

G_BEGIN_DECLS

typedef enum {
  COACH_RECEIVER_SELF,     /* the person using the app receives; the partner gives */
  COACH_RECEIVER_PARTNER,  /* the partner receives; the person gives */
} CoachReceiver;

#define COACH_TYPE_RECEIVER (coach_receiver_get_type ())
GType coach_receiver_get_type (void);

/* The check-ins that would come in the last half minute of a routine are left out: there is
 * nothing left to adjust. */
#define COACH_CHECK_IN_MIN_LEFT_SECONDS 30

#define COACH_TYPE_PARTNER_SESSION (coach_partner_session_get_type ())

G_DECLARE_FINAL_TYPE (CoachPartnerSession, coach_partner_session, COACH, PARTNER_SESSION, GObject)

CoachPartnerSession *coach_partner_session_new              (CoachSettings        *settings,
                                                             CoachPartner         *partner,
                                                             CoachReceiver         receiver);
CoachSettings       *coach_partner_session_get_settings     (CoachPartnerSession  *self);
CoachPartner        *coach_partner_session_get_partner      (CoachPartnerSession  *self);
CoachReceiver        coach_partner_session_get_receiver     (CoachPartnerSession  *self);
void                 coach_partner_session_set_receiver     (CoachPartnerSession  *self,
                                                             CoachReceiver         receiver);
void                 coach_partner_session_swap_roles       (CoachPartnerSession  *self);
/* The receiver's profile: the person's preferences, or the partner profile. */
GObject             *coach_partner_session_get_receiver_profile (CoachPartnerSession *self);
guint32              coach_partner_session_get_receiver_conditions (CoachPartnerSession *self);
/* The partner's name when they receive, %NULL when the person does. */
const char          *coach_partner_session_get_receiver_name (CoachPartnerSession *self);

/* How the receiver lies. The person may ask for side-lying (lying face down is
 * uncomfortable for some); pregnancy requires it, whatever was asked. */
void                 coach_partner_session_set_side_lying   (CoachPartnerSession  *self,
                                                             gboolean              side_lying);
gboolean             coach_partner_session_get_side_lying   (CoachPartnerSession  *self);
CoachPose            coach_partner_session_get_position     (CoachPartnerSession  *self);
gboolean             coach_partner_session_position_is_required (CoachPartnerSession *self);
const char          *coach_partner_session_get_position_title   (CoachPartnerSession *self);
const char          *coach_partner_session_get_position_explanation (CoachPartnerSession *self);

void                 coach_partner_session_fill_plan_request (CoachPartnerSession *self,
                                                              CoachPlanRequest    *request);
CoachRoutine        *coach_partner_session_plan             (CoachPartnerSession  *self,
                                                             CoachPlanner         *planner,
                                                             guint32               seed,
                                                             GPtrArray           **reasons,
                                                             GError              **error);

/* Pressure: the receiver's remembered preference at the start, then each check-in's answer,
 * which is remembered for this receiver at once. -2 (much lighter) to 2 (firmer). */
int                  coach_partner_session_get_pressure     (CoachPartnerSession  *self);
void                 coach_partner_session_answer_pressure  (CoachPartnerSession  *self,
                                                             CoachPressureAnswer   answer);
guint                coach_partner_session_get_n_answers    (CoachPartnerSession  *self);

char                *coach_partner_session_dup_check_in_prompt (CoachPartnerSession *self);
const char          *coach_pressure_get_advice              (int                   pressure);
const char          *coach_pressure_get_spoken              (int                   pressure);

/* Seconds of massage (step time, without get-ready periods or pauses) at which to check the
 * pressure: every @interval_seconds, none at the start nor in the last half minute. */
GArray              *coach_check_in_times                   (CoachRoutine         *routine,
                                                             guint                 interval_seconds);
/* Whether a check-in of @times is due after @elapsed microseconds of massage (see
 * coach_session_get_elapsed()), counting from *@next, which moves past every one due: one
 * prompt, however many came due since the last call. */
gboolean             coach_check_in_is_due                  (GArray               *times,
                                                             guint                *next,
                                                             gint64                elapsed);

G_END_DECLS
