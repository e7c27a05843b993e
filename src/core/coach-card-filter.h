/* coach-card-filter.h: which technique cards match a search and filters, and why a card is avoided.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-technique.h"

G_BEGIN_DECLS

/* Why the person's profile rules a technique out, in the order they are checked. */
typedef enum {
  COACH_AVOID_NONE,
  COACH_AVOID_FAMILY,      /* the person avoids its method */
  COACH_AVOID_EQUIPMENT,   /* it needs equipment the person avoids */
  COACH_AVOID_CONDITION,   /* a health condition rules it out */
} CoachAvoidKind;

/* The parts of a profile that rule techniques out. */
typedef struct {
  guint32 avoid_families;   /* CoachFamily mask */
  guint32 avoid_equipment;  /* CoachEquipment mask */
  guint32 conditions;       /* CoachCondition mask */
} CoachAvoidProfile;

CoachAvoidKind coach_avoid_profile_check  (const CoachAvoidProfile *profile,
                                           CoachTechnique          *technique,
                                           guint                   *detail);
char          *coach_avoid_profile_explain (const CoachAvoidProfile *profile,
                                            CoachTechnique          *technique);

/* Filter values meaning "any". */
#define COACH_CARD_ANY (-1)
/* The equipment filter's value for techniques that need no equipment at all. */
#define COACH_CARD_NO_EQUIPMENT (-2)

typedef struct {
  const char        *search;        /* words that must all appear; NULL or "" for any */
  int                region;        /* a CoachRegion, or COACH_CARD_ANY */
  int                family;        /* a CoachFamily, or COACH_CARD_ANY */
  int                performer;     /* COACH_PERFORMER_SELF or _PARTNER, or COACH_CARD_ANY */
  int                equipment;     /* a CoachEquipment, COACH_CARD_NO_EQUIPMENT or COACH_CARD_ANY */
  gboolean           hide_avoided;  /* leave out what @avoid rules out */
  CoachAvoidProfile  avoid;
} CoachCardQuery;

void     coach_card_query_init        (CoachCardQuery *query);
gboolean coach_card_query_is_filtered (const CoachCardQuery *query);
gboolean coach_card_query_matches     (const CoachCardQuery *query,
                                       CoachTechnique       *technique);
char    *coach_card_fold_text         (const char           *text);

G_END_DECLS
