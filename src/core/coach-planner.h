/* coach-planner.h: builds a safe routine from sore regions, preferences and conditions.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-catalog.h"
#include "coach-routine.h"

G_BEGIN_DECLS

#define COACH_PLANNER_ERROR (coach_planner_error_quark ())

typedef enum {
  COACH_PLANNER_ERROR_POSTPONE,           /* a condition (fever) means no massage today */
  COACH_PLANNER_ERROR_NOTHING_SUITABLE,   /* every technique was ruled out */
  COACH_PLANNER_ERROR_INVALID,            /* the request itself is out of range */
  COACH_PLANNER_ERROR_SEE_CARE,           /* a red flag calls for medical care instead */
} CoachPlannerError;

GQuark coach_planner_error_quark (void);

#define COACH_PLAN_MIN_MINUTES 5
#define COACH_PLAN_MAX_MINUTES 30
#define COACH_PLAN_DEFAULT_CEILING 6

typedef struct {
  guint32         sore_regions;      /* CoachRegion mask; 0 for a gentle whole-back routine */
  guint32         avoid_families;    /* CoachFamily mask */
  guint32         avoid_equipment;   /* CoachEquipment mask */
  guint32         conditions;        /* CoachCondition mask */
  guint32         equipment;         /* CoachEquipment mask of what is at hand */
  CoachPerformer  performer;         /* COACH_PERFORMER_SELF or COACH_PERFORMER_PARTNER */
  guint           pressure_ceiling;  /* 0-10 */
  guint           minutes;           /* 5-30 */
  guint32         seed;              /* a different seed may give a different routine */
  const char * const *chosen;        /* ids of techniques the person added to their routine,
                                      * planned first in the focus when allowed; borrowed,
                                      * NULL for none */
  CoachPose       position;          /* partner massage: how the receiver lies,
                                      * COACH_POSE_PARTNER_FACE_DOWN or _SIDE_LYING; pregnancy
                                      * makes it side-lying whatever this says */
} CoachPlanRequest;

void coach_plan_request_init (CoachPlanRequest *request);

typedef enum {
  COACH_PLAN_INCLUDED_WARM_UP,
  COACH_PLAN_INCLUDED_FOCUS,
  COACH_PLAN_INCLUDED_FINISH,
  COACH_PLAN_EXCLUDED_PERFORMER,
  COACH_PLAN_EXCLUDED_AVOIDED_FAMILY,
  COACH_PLAN_EXCLUDED_AVOIDED_EQUIPMENT,
  COACH_PLAN_EXCLUDED_CONDITION,
  COACH_PLAN_EXCLUDED_PRESSURE,
  COACH_PLAN_EXCLUDED_EQUIPMENT,
  COACH_PLAN_EXCLUDED_OTHER_REGIONS,
  COACH_PLAN_EXCLUDED_TIME,
  COACH_PLAN_EXCLUDED_POSITION,
} CoachPlanReasonKind;

#define COACH_PLAN_REASON_IS_INCLUDED(kind) ((kind) <= COACH_PLAN_INCLUDED_FINISH)

typedef struct {
  CoachTechnique      *technique;
  CoachPlanReasonKind  kind;
  char                *text;        /* translated, e.g. "Left out: needs a foam roller" */
} CoachPlanReason;

void coach_plan_reason_free (CoachPlanReason *reason);

#define COACH_TYPE_PLANNER (coach_planner_get_type ())

G_DECLARE_FINAL_TYPE (CoachPlanner, coach_planner, COACH, PLANNER, GObject)

CoachPlanner *coach_planner_new                 (CoachCatalog           *catalog);
guint         coach_planner_get_pressure_limit  (const CoachPlanRequest *request);
CoachPose     coach_planner_get_partner_position (const CoachPlanRequest *request);
CoachRoutine *coach_planner_plan                (CoachPlanner           *self,
                                                 const CoachPlanRequest *request,
                                                 GPtrArray             **reasons,
                                                 GError                **error);

G_END_DECLS
