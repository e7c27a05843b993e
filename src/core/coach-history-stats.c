/* coach-history-stats.c: what the recorded sessions show, and their CSV export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure is a plain count or mean of what the person recorded: nothing is weighted or
 * smoothed, so a figure can always be checked by hand against the exported CSV. */
#define G_LOG_DOMAIN "coach-history-stats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-history-stats.h"

#define DAY_SECONDS ((gint64) 24 * 60 * 60)
#define WEEK_SECONDS (7 * DAY_SECONDS)

/* ---- Figures ---------------------------------------------------------------------------- */

typedef struct {
  CoachTechniqueChange change;
  double               sum;
} TechniqueSum;

static void
clear_technique_change (gpointer data)
{
  CoachTechniqueChange *change = data;

  g_clear_pointer (&change->technique, g_free);
  g_clear_pointer (&change->title, g_free);
}

/* The most helpful first: the lowest mean change; then the better supported; then by name,
 * so the order never depends on the order of the sessions. */
static int
compare_technique_change (gconstpointer a,
                          gconstpointer b)
{
  const CoachTechniqueChange *ta = a;
  const CoachTechniqueChange *tb = b;
  int by_title;

  if (ta->mean_change != tb->mean_change)
    return ta->mean_change < tb->mean_change ? -1 : 1;
  if (ta->n_sessions != tb->n_sessions)
    return ta->n_sessions > tb->n_sessions ? -1 : 1;
  by_title = g_utf8_collate (ta->title, tb->title);
  if (by_title != 0)
    return by_title;
  return strcmp (ta->technique, tb->technique);
}

/* Adds one rated session's change to each technique done in it. */
static void
add_technique_changes (GArray                    *sums,
                       GHashTable                *index,
                       const CoachHistorySession *session,
                       double                     change)
{
  for (guint i = 0; i < session->techniques->len; i++)
    {
      const CoachHistoryTechnique *t = &g_array_index (session->techniques,
                                                       CoachHistoryTechnique, i);
      TechniqueSum *sum;
      gpointer found;

      if (t->seconds == 0 || t->technique == NULL)
        continue;

      if (g_hash_table_lookup_extended (index, t->technique, NULL, &found))
        sum = &g_array_index (sums, TechniqueSum, GPOINTER_TO_UINT (found));
      else
        {
          TechniqueSum added = { { g_strdup (t->technique), NULL, 0, 0 }, 0 };

          g_array_append_val (sums, added);
          g_hash_table_insert (index, added.change.technique, GUINT_TO_POINTER (sums->len - 1));
          sum = &g_array_index (sums, TechniqueSum, sums->len - 1);
        }

      /* Sessions come oldest first, so the last title seen is the latest. */
      g_free (sum->change.title);
      sum->change.title = g_strdup (t->title != NULL ? t->title : t->technique);
      sum->change.n_sessions++;
      sum->sum += change;
    }
}

/* The least-squares line through the own sessions' pain before, in days since the first. */
static void
fit_trend (CoachHistoryStats *stats,
           GPtrArray         *sessions)
{
  g_autoptr(GDateTime) first_day = NULL;
  gint64 origin = G_MAXINT64, day_start, day_end;
  double sum_x = 0, sum_y = 0, mean_x, mean_y, sxx = 0, sxy = 0;
  gboolean other_day = FALSE;
  guint n = 0;

  for (guint i = 0; i < sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (sessions, i);

      if (coach_history_session_is_own (session) &&
          coach_history_session_get_pain (session, FALSE) >= 0)
        origin = MIN (origin, session->started);
    }
  if (origin == G_MAXINT64)
    return;

  /* "Different days" as the person counts them: local calendar days. */
  {
    g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (origin);
    g_autoptr(GDateTime) next_day = NULL;

    if (local == NULL)
      return;
    first_day = g_date_time_new_local (g_date_time_get_year (local),
                                       g_date_time_get_month (local),
                                       g_date_time_get_day_of_month (local), 0, 0, 0);
    next_day = g_date_time_add_days (first_day, 1);
    day_start = g_date_time_to_unix (first_day);
    day_end = g_date_time_to_unix (next_day);
  }

  for (guint i = 0; i < sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (sessions, i);
      double before;

      if (!coach_history_session_is_own (session))
        continue;
      before = coach_history_session_get_pain (session, FALSE);
      if (before < 0)
        continue;
      sum_x += (double) (session->started - origin) / DAY_SECONDS;
      sum_y += before;
      n++;
      if (session->started < day_start || session->started >= day_end)
        other_day = TRUE;
    }
  if (n < 2 || !other_day)
    return;

  /* Centred sums: exact enough whatever the dates. */
  mean_x = sum_x / n;
  mean_y = sum_y / n;
  for (guint i = 0; i < sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (sessions, i);
      double before, dx;

      if (!coach_history_session_is_own (session))
        continue;
      before = coach_history_session_get_pain (session, FALSE);
      if (before < 0)
        continue;
      dx = (double) (session->started - origin) / DAY_SECONDS - mean_x;
      sxx += dx * dx;
      sxy += dx * (before - mean_y);
    }
  if (sxx <= 0)
    return;

  stats->has_trend = TRUE;
  stats->trend_origin = origin;
  stats->trend_slope = sxy / sxx;
  stats->trend_start = mean_y - stats->trend_slope * mean_x;
}

static void
count_weeks (CoachHistoryStats *stats,
             GPtrArray         *sessions,
             gint64             now)
{
  gint64 first = G_MAXINT64;
  guint n_weeks, total = 0;

  /* Week i holds the sessions in (now - 7 (i + 1) days, now - 7 i days]. */
  for (guint i = 0; i < sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (sessions, i);
      gint64 age = now - session->started;

      if (age < 0)
        continue;
      first = MIN (first, session->started);
      if (age / WEEK_SECONDS < COACH_HISTORY_WEEKS)
        stats->weeks[age / WEEK_SECONDS]++;
    }
  if (first == G_MAXINT64)
    return;

  /* Only the weeks since the first session: someone who began three days ago has had one
   * week, not eight weeks mostly without massage. */
  n_weeks = (guint) MIN ((now - first) / WEEK_SECONDS + 1, COACH_HISTORY_WEEKS);
  for (guint i = 0; i < n_weeks; i++)
    total += stats->weeks[i];
  stats->per_week = (double) total / n_weeks;
}

/**
 * coach_history_stats_new:
 * @sessions: (element-type CoachHistorySession): the sessions, the oldest first
 * @now: Unix time the weeks end at
 *
 * Returns: (transfer full): the figures; free with coach_history_stats_free ().
 */
CoachHistoryStats *
coach_history_stats_new (GPtrArray *sessions,
                         gint64     now)
{
  CoachHistoryStats *stats;
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GHashTable) index = NULL;
  double region_sum[COACH_N_REGIONS] = { 0 };
  guint region_n[COACH_N_REGIONS] = { 0 };
  double change_sum = 0;

  g_return_val_if_fail (sessions != NULL, NULL);

  stats = g_new0 (CoachHistoryStats, 1);
  stats->n_sessions = sessions->len;
  stats->techniques = g_array_new (FALSE, TRUE, sizeof (CoachTechniqueChange));
  g_array_set_clear_func (stats->techniques, clear_technique_change);
  stats->regions = g_array_new (FALSE, TRUE, sizeof (CoachRegionChange));

  sums = g_array_new (FALSE, TRUE, sizeof (TechniqueSum));
  index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (sessions, i);
      double before, after;

      /* Pain a partner felt is theirs, not the person's. */
      if (!coach_history_session_is_own (session))
        continue;

      for (guint r = 0; r < session->regions->len; r++)
        {
          const CoachHistoryRegionPain *pain = &g_array_index (session->regions,
                                                               CoachHistoryRegionPain, r);

          if (pain->region >= COACH_N_REGIONS || pain->before < 0 || pain->after < 0)
            continue;
          region_sum[pain->region] += pain->after - pain->before;
          region_n[pain->region]++;
        }

      before = coach_history_session_get_pain (session, FALSE);
      after = coach_history_session_get_pain (session, TRUE);
      if (before < 0 || after < 0)
        continue;

      stats->n_rated++;
      change_sum += after - before;
      if (coach_pain_is_meaningful_drop (before, after))
        stats->n_meaningful++;
      add_technique_changes (sums, index, session, after - before);
    }

  if (stats->n_rated > 0)
    stats->mean_change = change_sum / stats->n_rated;

  /* The sums' strings move into the result. */
  for (guint i = 0; i < sums->len; i++)
    {
      TechniqueSum *sum = &g_array_index (sums, TechniqueSum, i);

      sum->change.mean_change = sum->sum / sum->change.n_sessions;
      g_array_append_val (stats->techniques, sum->change);
    }
  g_array_sort (stats->techniques, compare_technique_change);

  for (guint r = 0; r < COACH_N_REGIONS; r++)
    if (region_n[r] > 0)
      {
        CoachRegionChange change = { r, region_n[r], region_sum[r] / region_n[r] };

        g_array_append_val (stats->regions, change);
      }

  count_weeks (stats, sessions, now);
  fit_trend (stats, sessions);

  return stats;
}

void
coach_history_stats_free (CoachHistoryStats *stats)
{
  if (stats == NULL)
    return;

  g_clear_pointer (&stats->techniques, g_array_unref);
  g_clear_pointer (&stats->regions, g_array_unref);
  g_free (stats);
}

/* ---- CSV -------------------------------------------------------------------------------- */

/* Appends one field, quoted when it holds a separator, a quote or a line break (RFC 4180).
 * Text fields that a spreadsheet would run as a formula get a leading apostrophe: those
 * starting with = + - @, and with a tab or carriage return, which some spreadsheets strip
 * before looking (OWASP's advice on CSV injection). Numbers are never text fields here, so a
 * change of -2 stays a number. */
static void
append_field (GString    *csv,
              guint      *n_fields,
              const char *value,
              gboolean    text)
{
  gboolean quote;

  if ((*n_fields)++ > 0)
    g_string_append_c (csv, ',');
  if (value == NULL || value[0] == '\0')
    return;

  quote = strpbrk (value, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (csv, '"');
  if (text && strchr ("=+-@\t\r", value[0]) != NULL)
    g_string_append_c (csv, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  if (quote)
    g_string_append_c (csv, '"');
}

static void
end_line (GString *csv)
{
  g_string_append (csv, "\r\n");
}

/* A number with a point as decimal separator whatever the locale, as CSV readers expect. */
static char *
format_decimal (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* No "-0.0" for a tiny negative mean. */
  if (value > -0.05 && value < 0.05)
    value = 0;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

/* An overall rating is a whole number; a mean of region ratings has one decimal. */
static char *
format_pain (const CoachHistorySession *session,
             gboolean                   after)
{
  int overall = after ? session->pain_after : session->pain_before;
  double pain = coach_history_session_get_pain (session, after);

  if (overall >= 0)
    return g_strdup_printf ("%d", overall);
  if (pain < 0)
    return NULL;
  return format_decimal (pain);
}

static char *
format_change (const CoachHistorySession *session)
{
  double before = coach_history_session_get_pain (session, FALSE);
  double after = coach_history_session_get_pain (session, TRUE);

  if (before < 0 || after < 0)
    return NULL;
  if (session->pain_before >= 0 && session->pain_after >= 0)
    return g_strdup_printf ("%d", session->pain_after - session->pain_before);
  return format_decimal (after - before);
}

static void
append_rating (GString *out,
               int      value)
{
  if (value >= 0)
    g_string_append_printf (out, "%d", value);
  else
    g_string_append (out, "–");
}

/* "Lower back 6→3; Neck 4→–" */
static char *
format_regions (const CoachHistorySession *session)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < session->regions->len; i++)
    {
      const CoachHistoryRegionPain *pain = &g_array_index (session->regions,
                                                           CoachHistoryRegionPain, i);

      if (pain->region >= COACH_N_REGIONS)
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s ", coach_vocab_get_label (COACH_VOCAB_REGION,
                                                                 pain->region));
      append_rating (out, pain->before);
      g_string_append (out, "→");
      append_rating (out, pain->after);
    }
  return g_string_free (out, FALSE);
}

/* "Gliding strokes 2:00; Kneading 3:30" */
static char *
format_techniques (const CoachHistorySession *session)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < session->techniques->len; i++)
    {
      const CoachHistoryTechnique *t = &g_array_index (session->techniques,
                                                       CoachHistoryTechnique, i);

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s %u:%02u", t->title != NULL ? t->title : t->technique,
                              t->seconds / 60, t->seconds % 60);
    }
  return g_string_free (out, FALSE);
}

static const char *
format_receiver (const CoachHistorySession *session)
{
  if (coach_history_session_is_own (session))
    /* Translators: in the CSV export, who received the massage */
    return C_("receiver", "You");
  if (session->partner != NULL && session->partner[0] != '\0')
    return session->partner;
  /* Translators: in the CSV export, who received the massage, when the partner has no name */
  return C_("receiver", "Partner");
}

static void
append_session (GString                   *csv,
                const CoachHistorySession *session)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (session->started);
  g_autofree char *date = started != NULL ? g_date_time_format (started, "%Y-%m-%d %H:%M")
                                          : NULL;
  g_autofree char *minutes = format_decimal (session->seconds / 60.0);
  g_autofree char *before = format_pain (session, FALSE);
  g_autofree char *after = format_pain (session, TRUE);
  g_autofree char *change = format_change (session);
  g_autofree char *regions = format_regions (session);
  g_autofree char *techniques = format_techniques (session);
  guint n = 0;

  append_field (csv, &n, date, FALSE);
  append_field (csv, &n, session->routine, TRUE);
  append_field (csv, &n, session->kind == COACH_HISTORY_PARTNER
                        /* Translators: in the CSV export, the kind of session */
                        ? C_("session type", "Partner massage")
                        : C_("session type", "Self-massage"), TRUE);
  append_field (csv, &n, session->kind == COACH_HISTORY_PARTNER ? session->partner : NULL, TRUE);
  append_field (csv, &n, format_receiver (session), TRUE);
  append_field (csv, &n, session->completed
                        /* Translators: in the CSV export, whether the routine ran to its end */
                        ? C_("completed", "Yes")
                        : C_("completed", "Stopped early"), TRUE);
  append_field (csv, &n, minutes, FALSE);
  append_field (csv, &n, before, FALSE);
  append_field (csv, &n, after, FALSE);
  append_field (csv, &n, change, FALSE);
  append_field (csv, &n, regions, TRUE);
  append_field (csv, &n, techniques, TRUE);
  append_field (csv, &n, session->note, TRUE);
  end_line (csv);
}

/**
 * coach_history_to_csv:
 * @sessions: (element-type CoachHistorySession)
 *
 * Returns: (transfer full): the CSV text, in UTF-8, a header row and one row per session.
 */
char *
coach_history_to_csv (GPtrArray *sessions)
{
  /* Translators: the column headings of the CSV export of the history. Keep them short;
   * spreadsheets show them as the first row. */
  const char *headings[] = {
    C_("csv", "Date"),
    C_("csv", "Routine"),
    C_("csv", "Type"),
    C_("csv", "Partner"),
    C_("csv", "Receiver"),
    C_("csv", "Completed"),
    C_("csv", "Minutes"),
    C_("csv", "Pain before"),
    C_("csv", "Pain after"),
    C_("csv", "Change"),
    C_("csv", "Regions"),
    C_("csv", "Techniques"),
    C_("csv", "Note"),
  };
  GString *csv;
  guint n = 0;

  g_return_val_if_fail (sessions != NULL, NULL);

  csv = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    append_field (csv, &n, headings[i], TRUE);
  end_line (csv);

  for (guint i = 0; i < sessions->len; i++)
    append_session (csv, g_ptr_array_index (sessions, i));

  return g_string_free (csv, FALSE);
}
