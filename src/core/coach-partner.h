/* coach-partner.h: a partner profile: who receives a massage, what to work on and what to avoid.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-planner.h"
#include "coach-vocab.h"

G_BEGIN_DECLS

#define COACH_PARTNER_ERROR (coach_partner_error_quark ())

/* Problems with partner profiles and their file. Errors about the file's content read
 * "FILE:LINE: field: message". */
typedef enum {
  COACH_PARTNER_ERROR_NOT_XML,         /* not well-formed, or not a partners file */
  COACH_PARTNER_ERROR_BAD_VERSION,
  COACH_PARTNER_ERROR_MISSING_FIELD,
  COACH_PARTNER_ERROR_UNKNOWN_ID,      /* a region, family, equipment or condition id */
  COACH_PARTNER_ERROR_BAD_VALUE,       /* a bad number, a name too long, a repeated field */
  COACH_PARTNER_ERROR_DUPLICATE_ID,    /* two partners with the same id */
  COACH_PARTNER_ERROR_DAMAGED,         /* the file was moved aside; the message says where */
  COACH_PARTNER_ERROR_UNREADABLE,      /* the file exists but could not be read or moved */
  COACH_PARTNER_ERROR_SAVE,            /* the file could not be written */
} CoachPartnerError;

GQuark coach_partner_error_quark (void);

#define COACH_PARTNER_NAME_MAX_CHARS 60
#define COACH_PARTNER_PRESSURE_MIN (-2)
#define COACH_PARTNER_PRESSURE_MAX 2

/* The receiver's quick answer when asked about pressure during a session. */
typedef enum {
  COACH_PRESSURE_ANSWER_LIGHTER,
  COACH_PRESSURE_ANSWER_GOOD,
  COACH_PRESSURE_ANSWER_FIRMER,
} CoachPressureAnswer;

#define COACH_TYPE_PRESSURE_ANSWER (coach_pressure_answer_get_type ())
GType coach_pressure_answer_get_type (void);

#define COACH_TYPE_PARTNER (coach_partner_get_type ())

G_DECLARE_FINAL_TYPE (CoachPartner, coach_partner, COACH, PARTNER, GObject)

char         *coach_partner_normalize_name          (const char          *name,
                                                     GError             **error);

CoachPartner *coach_partner_new                     (const char          *name);

const char   *coach_partner_get_id                  (CoachPartner        *self);
const char   *coach_partner_get_name                (CoachPartner        *self);
void          coach_partner_set_name                (CoachPartner        *self,
                                                     const char          *name);

/* CoachRegion, CoachFamily, CoachEquipment and CoachCondition masks. */
guint32       coach_partner_get_sore_regions        (CoachPartner        *self);
void          coach_partner_set_sore_regions        (CoachPartner        *self,
                                                     guint32              regions);
guint32       coach_partner_get_avoid_families      (CoachPartner        *self);
void          coach_partner_set_avoid_families      (CoachPartner        *self,
                                                     guint32              families);
guint32       coach_partner_get_avoid_equipment     (CoachPartner        *self);
void          coach_partner_set_avoid_equipment     (CoachPartner        *self,
                                                     guint32              equipment);
guint32       coach_partner_get_conditions          (CoachPartner        *self);
void          coach_partner_set_conditions          (CoachPartner        *self,
                                                     guint32              conditions);
void          coach_partner_set_flag                (CoachPartner        *self,
                                                     const char          *property,
                                                     guint                value,
                                                     gboolean             on);

int           coach_partner_get_pressure_preference (CoachPartner        *self);
void          coach_partner_set_pressure_preference (CoachPartner        *self,
                                                     int                  steps);
void          coach_partner_record_pressure_answer  (CoachPartner        *self,
                                                     CoachPressureAnswer  answer);

void          coach_partner_fill_plan_request       (CoachPartner        *self,
                                                     CoachPlanRequest    *request);

G_END_DECLS
