/* coach-history.h: recorded massage sessions with pain before and after, weekly PEG
 * check-ins, and what they show over time.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-partner-session.h"
#include "coach-vocab.h"

G_BEGIN_DECLS

/* A pain rating is 0 (no pain) to 10 (worst pain imaginable), or not given. */
#define COACH_PAIN_NONE (-1)
#define COACH_PAIN_MAX  10

typedef enum {
  COACH_HISTORY_SELF,      /* self-massage */
  COACH_HISTORY_PARTNER,   /* partner massage: see receiver */
} CoachHistoryKind;

/* Pain in one sore region, before and after. */
typedef struct {
  CoachRegion region;
  int         before;      /* 0-10 or COACH_PAIN_NONE */
  int         after;
} CoachHistoryRegionPain;

/* One technique of the session and how long it was done. */
typedef struct {
  char  *technique;        /* technique id */
  char  *title;            /* its name when recorded: shown if it is no longer in the catalog */
  guint  seconds;          /* seconds of it done (all its steps) */
} CoachHistoryTechnique;

typedef struct {
  gint64            id;              /* the store's id; 0 until recorded */
  gint64            started;         /* Unix time (UTC seconds) the routine started */
  guint             seconds;         /* massage time done, seconds */
  guint             planned_seconds; /* the routine's whole length */
  char             *routine;         /* the routine's title */
  CoachHistoryKind  kind;
  char             *partner;         /* the partner's name in a partner massage; NULL otherwise */
  CoachReceiver     receiver;        /* who received: always COACH_RECEIVER_SELF in self-massage */
  gboolean          completed;       /* ran to its end; FALSE when stopped early */
  int               pain_before;     /* overall, 0-10 or COACH_PAIN_NONE */
  int               pain_after;
  GArray           *regions;         /* CoachHistoryRegionPain, one per region, in region order */
  GArray           *techniques;      /* CoachHistoryTechnique, in the order first done */
  char             *note;            /* NULL when none */

  /*< private >*/
  gatomicrefcount   ref_count;
} CoachHistorySession;

#define COACH_TYPE_HISTORY_SESSION (coach_history_session_get_type ())
GType                coach_history_session_get_type       (void) G_GNUC_CONST;

CoachHistorySession *coach_history_session_new            (void);
CoachHistorySession *coach_history_session_ref            (CoachHistorySession       *self);
void                 coach_history_session_unref          (CoachHistorySession       *self);
CoachHistorySession *coach_history_session_copy           (const CoachHistorySession *self);
gboolean             coach_history_session_equal          (const CoachHistorySession *a,
                                                           const CoachHistorySession *b);
/* Adds @seconds to @technique, appending it the first time. */
void                 coach_history_session_add_technique  (CoachHistorySession       *self,
                                                           const char                *technique,
                                                           const char                *title,
                                                           guint                      seconds);
/* Sets the region's ratings (either may be COACH_PAIN_NONE), keeping region order. */
void                 coach_history_session_set_region     (CoachHistorySession       *self,
                                                           CoachRegion                region,
                                                           int                        before,
                                                           int                        after);
/* Returns: (nullable) (transfer none): the region's ratings, if any were set. */
CoachHistoryRegionPain *coach_history_session_get_region  (const CoachHistorySession *self,
                                                           CoachRegion                region);
/* The session's pain before (or after): the overall rating when given, else the mean of the
 * rated regions; -1 when nothing was rated. */
double               coach_history_session_get_pain       (const CoachHistorySession *self,
                                                           gboolean                   after);
/* Whether the pain ratings are the person's own (not a partner's who received). */
gboolean             coach_history_session_is_own         (const CoachHistorySession *self);
/* Whether the session brought a meaningful improvement (coach_pain_is_meaningful_drop). */
gboolean             coach_history_session_is_meaningful  (const CoachHistorySession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachHistorySession, coach_history_session_unref)

/* A drop people notice as "much better": at least 2 points, or at least 30% (Farrar 2001;
 * Ostelo 2008). FALSE when either is missing (< 0). */
gboolean             coach_pain_is_meaningful_drop        (double before,
                                                           double after);
/* Words for a rating: "No pain", "Mild", "Moderate", "Severe", "Worst pain imaginable". */
const char          *coach_pain_describe                  (int    value);

/* The weekly PEG check-in (Krebs 2009): three 0-10 questions. */
typedef struct {
  gint64 id;               /* the store's id; 0 until recorded */
  gint64 taken;            /* Unix time (UTC seconds) */
  int    pain;             /* average pain in the past week */
  int    enjoyment;        /* how much pain interfered with enjoyment of life */
  int    activity;         /* how much pain interfered with general activity */
} CoachPegEntry;

/* The PEG score: the mean of the three answers, 0-10. */
double               coach_peg_entry_get_score            (const CoachPegEntry *entry);
/* Offered at most once a week: when neither the last answer nor the last offer (Unix times,
 * 0 for never) is less than 7 days before @now. */
gboolean             coach_peg_is_due                     (gint64 last_taken,
                                                           gint64 last_offered,
                                                           gint64 now);

G_END_DECLS
