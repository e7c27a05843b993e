/* coach-history-stats.h: what the recorded sessions show (change per technique and region,
 * sessions per week, the trend, meaningful improvements), and their CSV export.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "coach-history.h"

G_BEGIN_DECLS

#define COACH_HISTORY_WEEKS 8

typedef struct {
  char   *technique;       /* technique id */
  char   *title;           /* its name as last recorded */
  guint   n_sessions;      /* rated own sessions that included it */
  double  mean_change;     /* mean of (after - before) over them: negative is less pain */
} CoachTechniqueChange;

typedef struct {
  CoachRegion region;
  guint       n_sessions;  /* own sessions with this region rated before and after */
  double      mean_change;
} CoachRegionChange;

/* Only the person's own sessions (coach_history_session_is_own) count in the pain figures;
 * sessions where a partner received count only in the session counts. */
typedef struct {
  guint   n_sessions;           /* every session */
  guint   n_rated;              /* own sessions with pain before and after */
  guint   n_meaningful;         /* of those, meaningful improvements */
  double  mean_change;          /* over the rated sessions; 0 when none */
  GArray *techniques;           /* CoachTechniqueChange: the most helpful (lowest change)
                                 * first; ties by more sessions, then title */
  GArray *regions;              /* CoachRegionChange, in region order, rated regions only */
  guint   weeks[COACH_HISTORY_WEEKS]; /* sessions in the 7 days up to now (weeks[0]), the 7
                                       * before (weeks[1]) ... */
  double  per_week;             /* mean of weeks[] over the weeks since the first session
                                 * (at least 1, at most COACH_HISTORY_WEEKS) */
  /* Least-squares line through the own sessions' pain before, over time: pain =
   * trend_start + trend_slope * days since trend_origin. Needs 2 sessions on different days. */
  gboolean has_trend;
  gint64   trend_origin;        /* Unix time of the first such session */
  double   trend_start;
  double   trend_slope;         /* points per day */
} CoachHistoryStats;

/* @sessions: (element-type CoachHistorySession), the oldest first. @now: Unix time. */
CoachHistoryStats *coach_history_stats_new  (GPtrArray         *sessions,
                                             gint64             now);
void               coach_history_stats_free (CoachHistoryStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachHistoryStats, coach_history_stats_free)

/* A CSV file (RFC 4180: comma separated, CRLF, fields with commas, quotes or line breaks in
 * double quotes, quotes doubled) of every session, with a translated header row. Text that
 * a spreadsheet would run as a formula (starting with = + - @) is prefixed with '. Dates are
 * local time, ISO 8601. */
char              *coach_history_to_csv     (GPtrArray         *sessions);

G_END_DECLS
