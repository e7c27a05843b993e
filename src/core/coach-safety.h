/* coach-safety.h: red flags and the health conditions that change what may be offered.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "coach-technique.h"

G_BEGIN_DECLS

typedef enum {
  COACH_RED_FLAG_EMERGENCY,      /* call emergency services */
  COACH_RED_FLAG_SEE_DOCTOR_SOON,
} CoachRedFlagSeverity;

/* The outcome of the red-flag check, kept in GSettings ("safety-status"). */
typedef enum {
  COACH_SAFETY_STATUS_UNCHECKED,
  COACH_SAFETY_STATUS_CLEAR,
  COACH_SAFETY_STATUS_SEE_DOCTOR,
  COACH_SAFETY_STATUS_EMERGENCY,
} CoachSafetyStatus;

#define COACH_TYPE_SAFETY_STATUS (coach_safety_status_get_type ())
GType coach_safety_status_get_type (void);

/* The highest pressure anyone may be offered, and the cap for gentle-only conditions. */
#define COACH_PRESSURE_MAX 10
#define COACH_PRESSURE_GENTLE 3

guint        coach_safety_get_n_red_flags           (void);
const char  *coach_safety_get_red_flag              (guint                 index,
                                                     CoachRedFlagSeverity *severity);
const char  *coach_safety_get_severity_label        (CoachRedFlagSeverity  severity);
CoachSafetyStatus coach_safety_status_from_answers  (const gboolean       *answers,
                                                     guint                 n_answers);
gboolean     coach_safety_status_allows_routines    (CoachSafetyStatus     status,
                                                     GError              **error);

guint        coach_safety_get_n_stop_signals        (void);
const char  *coach_safety_get_stop_signal           (guint                 index);
const char  *coach_safety_get_pressure_word         (guint                 level);

const char  *coach_safety_get_condition_description (CoachCondition        condition);
const char  *coach_safety_get_condition_note        (CoachCondition        condition);
gboolean     coach_safety_condition_postpones       (CoachCondition        condition);
guint32      coach_safety_get_excluded_families     (CoachCondition        condition);
guint32      coach_safety_get_excluded_equipment    (CoachCondition        condition);
guint        coach_safety_get_pressure_cap          (guint32               conditions);
gboolean     coach_safety_allows                    (CoachTechnique       *technique,
                                                     guint32               conditions,
                                                     CoachCondition       *reason);

G_END_DECLS
