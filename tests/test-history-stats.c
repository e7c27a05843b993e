/* test-history-stats.c: the figures drawn from recorded sessions (meaningful drops, change per
 * technique and region, weeks, the trend) and the CSV export, read back with a CSV parser.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "coach-history-stats.h"

#define DAY ((gint64) 24 * 60 * 60)
#define WEEK (7 * DAY)
/* A fixed "now": Tuesday 5 March 2024, 12:00 UTC. */
#define NOW ((gint64) 1709640000)

static CoachHistorySession *
session_new (gint64 started,
             int    before,
             int    after)
{
  CoachHistorySession *session = coach_history_session_new ();

  session->started = started;
  session->seconds = 600;
  session->planned_seconds = 600;
  session->routine = g_strdup ("Evening routine");
  session->completed = TRUE;
  session->pain_before = before;
  session->pain_after = after;
  return session;
}

static CoachHistorySession *
partner_received_new (gint64 started,
                      int    before,
                      int    after)
{
  CoachHistorySession *session = session_new (started, before, after);

  session->kind = COACH_HISTORY_PARTNER;
  session->partner = g_strdup ("Sam");
  session->receiver = COACH_RECEIVER_PARTNER;
  return session;
}

static GPtrArray *
sessions_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
}

/* ---- The meaningful rule ---------------------------------------------------------------- */

static void
test_meaningful (void)
{
  const struct {
    int      before, after;
    gboolean meaningful;
  } cases[] = {
    { 10, 8, TRUE },                /* 2 points */
    { 5, 4, FALSE },                /* 1 point, 20% */
    { 3, 2, TRUE },                 /* 1 point, 33% */
    { 1, 0, TRUE },                 /* 100% */
    { 4, 4, FALSE },
    { 2, 4, FALSE },                /* worse */
    { 10, 9, FALSE },
    { COACH_PAIN_NONE, 3, FALSE },
    { 6, COACH_PAIN_NONE, FALSE },
    { COACH_PAIN_NONE, COACH_PAIN_NONE, FALSE },
  };
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(CoachHistoryStats) stats = NULL;
  guint expected = 0, rated = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CoachHistorySession *session = session_new (NOW - DAY + i, cases[i].before,
                                                   cases[i].after);

      g_assert_cmpint (coach_history_session_is_meaningful (session), ==, cases[i].meaningful);
      expected += cases[i].meaningful;
      rated += cases[i].before >= 0 && cases[i].after >= 0;
      g_ptr_array_add (sessions, session);
    }

  stats = coach_history_stats_new (sessions, NOW);
  g_assert_cmpuint (stats->n_sessions, ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (stats->n_rated, ==, rated);
  g_assert_cmpuint (stats->n_meaningful, ==, expected);
}

/* Without an overall rating, the session's pain is the mean of its rated regions. */
static void
test_meaningful_region_means (void)
{
  g_autoptr(CoachHistorySession) exactly = session_new (NOW, COACH_PAIN_NONE, COACH_PAIN_NONE);
  g_autoptr(CoachHistorySession) short_of = session_new (NOW, COACH_PAIN_NONE, COACH_PAIN_NONE);
  g_autoptr(CoachHistorySession) half = session_new (NOW, COACH_PAIN_NONE, COACH_PAIN_NONE);
  g_autoptr(CoachHistorySession) overall = session_new (NOW, 4, 4);

  /* 5 → 3.5: 1.5 points, exactly 30%. */
  coach_history_session_set_region (exactly, COACH_REGION_NECK, 6, 4);
  coach_history_session_set_region (exactly, COACH_REGION_LOWER_BACK, 4, 3);
  g_assert_cmpfloat (coach_history_session_get_pain (exactly, FALSE), ==, 5);
  g_assert_cmpfloat (coach_history_session_get_pain (exactly, TRUE), ==, 3.5);
  g_assert_true (coach_history_session_is_meaningful (exactly));

  /* 5.5 → 4.5: 1 point, 18%. */
  coach_history_session_set_region (short_of, COACH_REGION_NECK, 5, 4);
  coach_history_session_set_region (short_of, COACH_REGION_LOWER_BACK, 6, 5);
  g_assert_false (coach_history_session_is_meaningful (short_of));

  /* A region rated only before counts in the mean before only: 6 → 3. */
  coach_history_session_set_region (half, COACH_REGION_NECK, 4, COACH_PAIN_NONE);
  coach_history_session_set_region (half, COACH_REGION_LOWER_BACK, 8, 3);
  g_assert_cmpfloat (coach_history_session_get_pain (half, FALSE), ==, 6);
  g_assert_cmpfloat (coach_history_session_get_pain (half, TRUE), ==, 3);
  g_assert_true (coach_history_session_is_meaningful (half));

  /* The overall rating wins over the regions. */
  coach_history_session_set_region (overall, COACH_REGION_NECK, 9, 1);
  g_assert_false (coach_history_session_is_meaningful (overall));
}

/* ---- Techniques and regions ------------------------------------------------------------- */

static void
add_technique (CoachHistorySession *session,
               const char          *id,
               const char          *title,
               guint                seconds)
{
  coach_history_session_add_technique (session, id, title, seconds);
}

/* A hand-built history whose figures are worked out in the comments. */
static GPtrArray *
build_history (void)
{
  GPtrArray *sessions = sessions_new ();
  CoachHistorySession *s;

  /* −3 */
  s = session_new (NOW - 6 * DAY, 6, 3);
  add_technique (s, "a", "Old name of A", 120);
  add_technique (s, "b", "Bravo", 60);
  coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, 6, 3);
  coach_history_session_set_region (s, COACH_REGION_NECK, 4, COACH_PAIN_NONE);
  g_ptr_array_add (sessions, s);

  /* −1; c was not done at all (0 seconds), so it is not credited. */
  s = session_new (NOW - 5 * DAY, 5, 4);
  add_technique (s, "a", "Alpha strokes", 60);
  add_technique (s, "c", "Circles", 0);
  coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, 5, 4);
  g_ptr_array_add (sessions, s);

  /* 0 */
  s = session_new (NOW - 4 * DAY, 4, 4);
  add_technique (s, "b", "Bravo", 90);
  add_technique (s, "c", "Circles", 30);
  add_technique (s, "z", "Zeta", 30);
  add_technique (s, "y", "Alpha", 30);
  coach_history_session_set_region (s, COACH_REGION_UPPER_BACK, 3, 3);
  g_ptr_array_add (sessions, s);

  /* −2, ties with a's mean on fewer sessions. */
  s = session_new (NOW - 3 * DAY, 7, 5);
  add_technique (s, "w", "Wide strokes", 300);
  g_ptr_array_add (sessions, s);

  /* A partner received: their pain counts nowhere. */
  s = partner_received_new (NOW - 2 * DAY, 9, 1);
  add_technique (s, "a", "Alpha strokes", 300);
  add_technique (s, "d", "Delta", 300);
  coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, 9, 1);
  coach_history_session_set_region (s, COACH_REGION_MID_BACK, 9, 1);
  g_ptr_array_add (sessions, s);

  /* Rated before only: not a rated session. */
  s = session_new (NOW - DAY, 7, COACH_PAIN_NONE);
  add_technique (s, "e", "Echo", 300);
  coach_history_session_set_region (s, COACH_REGION_SACRUM_HIPS, 7, COACH_PAIN_NONE);
  g_ptr_array_add (sessions, s);

  /* A partner massage the person received: their own pain, counted. −1 */
  s = session_new (NOW - DAY / 2, 2, 1);
  s->kind = COACH_HISTORY_PARTNER;
  s->partner = g_strdup ("Sam");
  add_technique (s, "b", "Bravo", 60);
  g_ptr_array_add (sessions, s);

  return sessions;
}

static const CoachTechniqueChange *
technique_at (const CoachHistoryStats *stats,
              guint                    i)
{
  g_assert_cmpuint (i, <, stats->techniques->len);
  return &g_array_index (stats->techniques, CoachTechniqueChange, i);
}

static void
test_techniques_and_regions (void)
{
  g_autoptr(GPtrArray) sessions = build_history ();
  g_autoptr(CoachHistoryStats) stats = coach_history_stats_new (sessions, NOW);
  const struct {
    const char *id, *title;
    guint       n;
    double      mean;
  } expected[] = {
    { "a", "Alpha strokes", 2, -2 },    /* (−3 − 1) / 2, its newest title */
    { "w", "Wide strokes", 1, -2 },     /* the same mean on fewer sessions */
    { "b", "Bravo", 3, -4.0 / 3 },      /* (−3 + 0 − 1) / 3 */
    { "y", "Alpha", 1, 0 },             /* ties at 0 by title */
    { "c", "Circles", 1, 0 },
    { "z", "Zeta", 1, 0 },
  };
  const CoachRegionChange *region;

  g_assert_cmpuint (stats->n_sessions, ==, 7);
  g_assert_cmpuint (stats->n_rated, ==, 5);
  /* 6→3, 7→5 and 2→1 */
  g_assert_cmpuint (stats->n_meaningful, ==, 3);
  g_assert_cmpfloat_with_epsilon (stats->mean_change, (-3 - 1 + 0 - 2 - 1) / 5.0, 1e-12);

  g_assert_cmpuint (stats->techniques->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CoachTechniqueChange *t = technique_at (stats, i);

      g_assert_cmpstr (t->technique, ==, expected[i].id);
      g_assert_cmpstr (t->title, ==, expected[i].title);
      g_assert_cmpuint (t->n_sessions, ==, expected[i].n);
      g_assert_cmpfloat_with_epsilon (t->mean_change, expected[i].mean, 1e-12);
    }

  /* In region order; the neck was rated before only, mid back only by the partner. */
  g_assert_cmpuint (stats->regions->len, ==, 2);
  region = &g_array_index (stats->regions, CoachRegionChange, 0);
  g_assert_cmpint (region->region, ==, COACH_REGION_UPPER_BACK);
  g_assert_cmpuint (region->n_sessions, ==, 1);
  g_assert_cmpfloat (region->mean_change, ==, 0);
  region = &g_array_index (stats->regions, CoachRegionChange, 1);
  g_assert_cmpint (region->region, ==, COACH_REGION_LOWER_BACK);
  g_assert_cmpuint (region->n_sessions, ==, 2);
  g_assert_cmpfloat (region->mean_change, ==, -2);
}

/* The same figures whatever order sessions with equal figures come in. */
static void
test_techniques_order_stable (void)
{
  g_autoptr(GPtrArray) sessions = build_history ();
  g_autoptr(GPtrArray) reversed = sessions_new ();
  g_autoptr(CoachHistoryStats) stats = NULL;
  g_autoptr(CoachHistoryStats) stats_reversed = NULL;

  for (guint i = sessions->len; i > 0; i--)
    g_ptr_array_add (reversed, coach_history_session_ref (g_ptr_array_index (sessions, i - 1)));

  stats = coach_history_stats_new (sessions, NOW);
  stats_reversed = coach_history_stats_new (reversed, NOW);
  g_assert_cmpuint (stats->techniques->len, ==, stats_reversed->techniques->len);
  for (guint i = 0; i < stats->techniques->len; i++)
    g_assert_cmpstr (technique_at (stats, i)->technique, ==,
                     technique_at (stats_reversed, i)->technique);
}

static void
test_partner_only (void)
{
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(CoachHistoryStats) stats = NULL;

  g_ptr_array_add (sessions, partner_received_new (NOW - 3 * DAY, 8, 2));
  g_ptr_array_add (sessions, partner_received_new (NOW - DAY, 6, 1));
  stats = coach_history_stats_new (sessions, NOW);

  g_assert_cmpuint (stats->n_sessions, ==, 2);
  g_assert_cmpuint (stats->n_rated, ==, 0);
  g_assert_cmpuint (stats->n_meaningful, ==, 0);
  g_assert_cmpfloat (stats->mean_change, ==, 0);
  g_assert_cmpuint (stats->techniques->len, ==, 0);
  g_assert_cmpuint (stats->regions->len, ==, 0);
  g_assert_false (stats->has_trend);
  /* They were still sessions. */
  g_assert_cmpuint (stats->weeks[0], ==, 2);
  g_assert_cmpfloat (stats->per_week, ==, 2);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(CoachHistoryStats) stats = coach_history_stats_new (sessions, NOW);
  g_autofree char *csv = coach_history_to_csv (sessions);

  g_assert_cmpuint (stats->n_sessions, ==, 0);
  g_assert_cmpuint (stats->n_rated, ==, 0);
  g_assert_cmpfloat (stats->per_week, ==, 0);
  for (guint i = 0; i < COACH_HISTORY_WEEKS; i++)
    g_assert_cmpuint (stats->weeks[i], ==, 0);
  g_assert_false (stats->has_trend);
  g_assert_cmpuint (stats->techniques->len, ==, 0);
  g_assert_cmpuint (stats->regions->len, ==, 0);

  /* The header alone, one line. */
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_true (strstr (csv, "\r\n") == csv + strlen (csv) - 2);
}

/* ---- Weeks ------------------------------------------------------------------------------ */

static void
test_weeks (void)
{
  /* Week i holds (now − 7(i + 1) days, now − 7i days]. */
  const struct {
    gint64 age;
    int    week;      /* -1: in no week */
  } cases[] = {
    { -1, -1 },                     /* after now: not yet */
    { 0, 0 },
    { WEEK - 1, 0 },
    { WEEK, 1 },
    { WEEK + 1, 1 },
    { 2 * WEEK - 1, 1 },
    { 2 * WEEK, 2 },
    { 5 * WEEK + DAY, 5 },
    { 8 * WEEK - 1, 7 },
    { 8 * WEEK, -1 },               /* too old for the weeks, but the first session */
    { 30 * WEEK, -1 },
  };
  guint expected[COACH_HISTORY_WEEKS] = { 0 };
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(CoachHistoryStats) stats = NULL;
  guint total = 0;

  /* The oldest first, as the store gives them. */
  for (guint i = G_N_ELEMENTS (cases); i > 0; i--)
    {
      g_ptr_array_add (sessions, session_new (NOW - cases[i - 1].age, 5, 3));
      if (cases[i - 1].week >= 0)
        {
          expected[cases[i - 1].week]++;
          total++;
        }
    }

  stats = coach_history_stats_new (sessions, NOW);
  for (guint i = 0; i < COACH_HISTORY_WEEKS; i++)
    g_assert_cmpuint (stats->weeks[i], ==, expected[i]);
  /* Over all eight weeks: the first session is older. */
  g_assert_cmpfloat_with_epsilon (stats->per_week, total / 8.0, 1e-12);
}

static void
test_per_week_since_first (void)
{
  const struct {
    gint64 first_age;
    guint  n_weeks;
  } cases[] = {
    { 0, 1 },
    { 3 * DAY, 1 },
    { WEEK - 1, 1 },
    { WEEK, 2 },                    /* its week is week 1 */
    { 3 * WEEK + DAY, 4 },
    { 8 * WEEK - 1, 8 },
    { 20 * WEEK, 8 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) sessions = sessions_new ();
      g_autoptr(CoachHistoryStats) stats = NULL;
      guint in_weeks = 0;

      g_ptr_array_add (sessions, session_new (NOW - cases[c].first_age, 5, 3));
      in_weeks += cases[c].first_age < 8 * WEEK;
      /* Three more today. */
      for (guint i = 0; i < 3; i++)
        g_ptr_array_add (sessions, partner_received_new (NOW - i, COACH_PAIN_NONE,
                                                         COACH_PAIN_NONE));
      in_weeks += 3;

      stats = coach_history_stats_new (sessions, NOW);
      g_assert_cmpfloat_with_epsilon (stats->per_week, (double) in_weeks / cases[c].n_weeks,
                                      1e-12);
    }
}

/* ---- The trend -------------------------------------------------------------------------- */

static gint64
local_time (int year,
            int month,
            int day,
            int hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (time);
}

static int
compare_started (gconstpointer a,
                 gconstpointer b)
{
  const CoachHistorySession *sa = *(CoachHistorySession **) a;
  const CoachHistorySession *sb = *(CoachHistorySession **) b;

  return (sa->started > sb->started) - (sa->started < sb->started);
}

static void
test_trend_exact (void)
{
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(CoachHistoryStats) stats = NULL;
  gint64 origin = local_time (2024, 1, 8, 10);
  CoachHistorySession *s;

  /* pain = 8 − 0.5 × days, on days 0, 2, 4 and 6 (at 12:00 on day 4). */
  g_ptr_array_add (sessions, session_new (origin, 8, 6));
  g_ptr_array_add (sessions, session_new (origin + 2 * DAY, 7, 7));
  g_ptr_array_add (sessions, session_new (origin + 4 * DAY + DAY / 2, COACH_PAIN_NONE, 5));
  s = session_new (origin + 4 * DAY, COACH_PAIN_NONE, COACH_PAIN_NONE);
  coach_history_session_set_region (s, COACH_REGION_NECK, 7, 2);
  coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, 5, 2);
  g_ptr_array_add (sessions, s);
  g_ptr_array_add (sessions, session_new (origin + 6 * DAY, 5, COACH_PAIN_NONE));
  /* Neither a partner's pain nor a session without pain before moves the line. */
  g_ptr_array_add (sessions, partner_received_new (origin + 3 * DAY, 0, 0));
  g_ptr_array_add (sessions, partner_received_new (origin - 3 * DAY, 10, 0));
  g_ptr_array_sort (sessions, compare_started);

  stats = coach_history_stats_new (sessions, origin + 10 * DAY);
  g_assert_true (stats->has_trend);
  g_assert_cmpint (stats->trend_origin, ==, origin);
  g_assert_cmpfloat_with_epsilon (stats->trend_slope, -0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->trend_start, 8, 1e-9);
}

static void
test_trend_needs_two_days (void)
{
  gint64 morning = local_time (2024, 1, 8, 7);
  g_autoptr(GPtrArray) one = sessions_new ();
  g_autoptr(GPtrArray) same_day = sessions_new ();
  g_autoptr(GPtrArray) two_days = sessions_new ();
  g_autoptr(CoachHistoryStats) stats_one = NULL;
  g_autoptr(CoachHistoryStats) stats_same_day = NULL;
  g_autoptr(CoachHistoryStats) stats_two_days = NULL;

  g_ptr_array_add (one, session_new (morning, 6, 3));
  stats_one = coach_history_stats_new (one, morning + DAY);
  g_assert_false (stats_one->has_trend);

  /* Three sessions in one day: no line over time. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (same_day, session_new (morning + i * 5 * 60 * 60, 6 - i, 3));
  stats_same_day = coach_history_stats_new (same_day, morning + DAY);
  g_assert_false (stats_same_day->has_trend);

  /* A day later: a line. */
  g_ptr_array_add (two_days, session_new (morning, 6, 3));
  g_ptr_array_add (two_days, session_new (morning + DAY, 4, 3));
  stats_two_days = coach_history_stats_new (two_days, morning + 2 * DAY);
  g_assert_true (stats_two_days->has_trend);
  g_assert_cmpfloat_with_epsilon (stats_two_days->trend_slope, -2, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats_two_days->trend_start, 6, 1e-9);
}

/* ---- CSV -------------------------------------------------------------------------------- */

/* A strict RFC 4180 reader: records end in CRLF, quoted fields may hold anything, a quote
 * inside one is doubled. Fails the test on anything else. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = text;

  while (*p != '\0')
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (;;)
        {
          GString *field = g_string_new (NULL);

          if (*p == '"')
            {
              p++;
              for (;;)
                {
                  g_assert_true (*p != '\0');
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                    }
                  else if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    g_string_append_c (field, *p++);
                }
            }
          else
            {
              while (*p != ',' && *p != '\r' && *p != '\0')
                {
                  /* Unquoted fields hold no quotes and no bare line feeds. */
                  g_assert_true (*p != '"' && *p != '\n');
                  g_string_append_c (field, *p++);
                }
            }
          g_ptr_array_add (fields, g_string_free (field, FALSE));

          if (*p == ',')
            {
              p++;
              continue;
            }
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          break;
        }
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
    }

  return records;
}

enum {
  COL_DATE,
  COL_ROUTINE,
  COL_TYPE,
  COL_PARTNER,
  COL_RECEIVER,
  COL_COMPLETED,
  COL_MINUTES,
  COL_BEFORE,
  COL_AFTER,
  COL_CHANGE,
  COL_REGIONS,
  COL_TECHNIQUES,
  COL_NOTE,
  N_COLUMNS
};

static void
assert_record (GStrv        record,
               const char  *expected[N_COLUMNS])
{
  g_assert_cmpuint (g_strv_length (record), ==, N_COLUMNS);
  for (guint i = 0; i < N_COLUMNS; i++)
    if (expected[i] != NULL)
      g_assert_cmpstr (record[i], ==, expected[i]);
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) sessions = sessions_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) started = NULL;
  CoachHistorySession *s;
  const char *headings[N_COLUMNS] = {
    "Date", "Routine", "Type", "Partner", "Receiver", "Completed", "Minutes", "Pain before",
    "Pain after", "Change", "Regions", "Techniques", "Note",
  };

  /* Plain, with regions and techniques. */
  s = session_new (NOW - 3 * DAY, 6, 3);
  s->seconds = 754;
  coach_history_session_set_region (s, COACH_REGION_NECK, 4, COACH_PAIN_NONE);
  coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, 6, 3);
  add_technique (s, "gliding", "Gliding", 120);
  add_technique (s, "kneading", "Kneading", 210);
  g_ptr_array_add (sessions, s);

  /* Everything that needs quoting, and a formula. */
  s = session_new (NOW - 2 * DAY, COACH_PAIN_NONE, COACH_PAIN_NONE);
  g_free (s->routine);
  s->routine = g_strdup ("Back, neck and \"shoulders\"");
  s->kind = COACH_HISTORY_PARTNER;
  s->partner = g_strdup ("Zoë, \"Z\"");
  s->receiver = COACH_RECEIVER_PARTNER;
  s->completed = FALSE;
  s->seconds = 59;
  s->note = g_strdup ("Line one\r\nLine two\nLine three, \"quoted\"");
  g_ptr_array_add (sessions, s);

  /* Formulas in every kind of text field; negative numbers stay numbers. */
  s = session_new (NOW - DAY, COACH_PAIN_NONE, COACH_PAIN_NONE);
  g_free (s->routine);
  s->routine = g_strdup ("+plus");
  s->kind = COACH_HISTORY_PARTNER;
  s->partner = g_strdup ("@Sam");
  s->note = g_strdup ("=SUM(A1)");
  add_technique (s, "minus", "-minus", 65);
  coach_history_session_set_region (s, COACH_REGION_NECK, 6, 4);
  coach_history_session_set_region (s, COACH_REGION_LOWER_BACK, 3, 2);
  g_ptr_array_add (sessions, s);

  /* Rated before only. */
  s = session_new (NOW, 5, COACH_PAIN_NONE);
  s->note = g_strdup ("\tTabbed");
  g_ptr_array_add (sessions, s);

  csv = coach_history_to_csv (sessions);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  /* The formula sits in the raw text behind its apostrophe, and −1.5 bare. */
  g_assert_nonnull (strstr (csv, ",'=SUM(A1)\r\n"));
  g_assert_nonnull (strstr (csv, ",-1.5,"));

  records = parse_csv (csv);
  g_assert_cmpuint (records->len, ==, sessions->len + 1);
  assert_record (g_ptr_array_index (records, 0), headings);

  started = g_date_time_new_from_unix_local (NOW - 3 * DAY);
  date = g_date_time_format (started, "%Y-%m-%d %H:%M");
  assert_record (g_ptr_array_index (records, 1), (const char *[N_COLUMNS]) {
    date, "Evening routine", "Self-massage", "", "You", "Yes", "12.6", "6", "3", "-3",
    "Neck 4→–; Lower back 6→3", "Gliding 2:00; Kneading 3:30", "",
  });
  assert_record (g_ptr_array_index (records, 2), (const char *[N_COLUMNS]) {
    NULL, "Back, neck and \"shoulders\"", "Partner massage", "Zoë, \"Z\"", "Zoë, \"Z\"",
    "Stopped early", "1.0", "", "", "", "", "",
    "Line one\r\nLine two\nLine three, \"quoted\"",
  });
  /* Received by the person: "You", while the partner's name stays in its column. */
  assert_record (g_ptr_array_index (records, 3), (const char *[N_COLUMNS]) {
    NULL, "'+plus", "Partner massage", "'@Sam", "You", "Yes", "10.0", "4.5", "3.0", "-1.5",
    "Neck 6→4; Lower back 3→2", "'-minus 1:05", "'=SUM(A1)",
  });
  assert_record (g_ptr_array_index (records, 4), (const char *[N_COLUMNS]) {
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, "5", "", "", "", "", "'\tTabbed",
  });

  for (guint i = 1; i < records->len; i++)
    {
      GStrv record = g_ptr_array_index (records, i);

      g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$",
                                           record[COL_DATE], 0, 0));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-stats/meaningful", test_meaningful);
  g_test_add_func ("/history-stats/meaningful-region-means", test_meaningful_region_means);
  g_test_add_func ("/history-stats/techniques-and-regions", test_techniques_and_regions);
  g_test_add_func ("/history-stats/techniques-order-stable", test_techniques_order_stable);
  g_test_add_func ("/history-stats/partner-only", test_partner_only);
  g_test_add_func ("/history-stats/empty", test_empty);
  g_test_add_func ("/history-stats/weeks", test_weeks);
  g_test_add_func ("/history-stats/per-week-since-first", test_per_week_since_first);
  g_test_add_func ("/history-stats/trend-exact", test_trend_exact);
  g_test_add_func ("/history-stats/trend-needs-two-days", test_trend_needs_two_days);
  g_test_add_func ("/history-stats/csv", test_csv);

  return g_test_run ();
}
