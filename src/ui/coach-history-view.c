/* coach-history-view.c: the History view: pain over time, what helped, every session, the
 * weekly check-in and the exports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is read off the main thread each time the view is shown. Figures and the chart
 * cover the period chosen; the exports cover everything. Only the newest sessions get rows
 * at first, so ten thousand of them cost no more than fifty. */
#define G_LOG_DOMAIN "coach-history-view"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-application.h"
#include "coach-format.h"
#include "coach-history-chart.h"
#include "coach-history-report.h"
#include "coach-history-stats.h"
#include "coach-history-view.h"
#include "coach-pain-scale.h"
#include "coach-window.h"

/* Rows listed at first, and added by each Show More. */
#define SESSIONS_PAGE 50
#define DAY (24 * 60 * 60)

static const guint range_days[] = { 28, 91, 365, 0 };

struct _CoachHistoryView
{
  AdwBin               parent_instance;

  CoachHistoryStore   *store;
  CoachSettings       *settings;

  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *peg_group;
  GtkDropDown         *range_dropdown;
  GtkBox              *chart_box;
  AdwActionRow        *per_week_row;
  AdwActionRow        *change_row;
  AdwActionRow        *meaningful_row;
  AdwActionRow        *trend_row;
  AdwActionRow        *peg_score_row;
  AdwPreferencesGroup *techniques_group;
  AdwPreferencesGroup *regions_group;
  AdwPreferencesGroup *sessions_group;
  GtkWidget           *more_button;
  GtkWidget           *chart;

  GPtrArray           *sessions;       /* CoachHistorySession, oldest first */
  GArray              *peg;            /* CoachPegEntry, oldest first */
  GPtrArray           *listed;         /* the period's sessions, newest first */
  GPtrArray           *group_rows[3];  /* rows added to the techniques, regions and sessions groups */
  guint                n_shown;
  GCancellable        *cancellable;
  gboolean             loading;
  gboolean             loaded;         /* read at least once */
  guint64              loaded_writes;  /* the store's write count when last read */
  gboolean             reload_wanted;
};

G_DEFINE_FINAL_TYPE (CoachHistoryView, coach_history_view, ADW_TYPE_BIN)

enum {
  GROUP_TECHNIQUES,
  GROUP_REGIONS,
  GROUP_SESSIONS,
};

static AdwPreferencesGroup *
group_at (CoachHistoryView *self,
          guint             group)
{
  switch (group)
    {
    case GROUP_TECHNIQUES:
      return self->techniques_group;
    case GROUP_REGIONS:
      return self->regions_group;
    default:
      return self->sessions_group;
    }
}

static void
clear_group (CoachHistoryView *self,
             guint             group)
{
  GPtrArray *rows = self->group_rows[group];

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group_at (self, group), g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_to_group (CoachHistoryView *self,
              guint             group,
              GtkWidget        *row)
{
  adw_preferences_group_add (group_at (self, group), row);
  g_ptr_array_add (self->group_rows[group], row);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
format_date (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup ("?");
  /* Translators: a session's date and time in the history, see g_date_time_format() */
  return g_date_time_format (local, _("%a %e %b %Y, %H:%M"));
}

/* ---- Summary and groups ------------------------------------------------------------- */

static GtkWidget *
figure_row_new (const char *title,
                const char *subtitle,
                const char *figure)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title_markup = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (figure != NULL)
    {
      GtkWidget *label = gtk_label_new (figure);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
update_summary (CoachHistoryView        *self,
                const CoachHistoryStats *stats)
{
  g_autofree char *per_week = NULL;
  g_autofree char *change = NULL;
  g_autofree char *meaningful = NULL;
  g_autofree char *trend = NULL;

  /* Translators: sessions per week, e.g. "2.5 on average, 3 in the last 7 days" */
  per_week = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%.1f on average, %u in the last 7 days",
                                           "%.1f on average, %u in the last 7 days",
                                           stats->weeks[0]),
                              stats->per_week, stats->weeks[0]);
  adw_action_row_set_subtitle (self->per_week_row, per_week);

  if (stats->n_rated == 0)
    {
      adw_action_row_set_subtitle (self->change_row, _("Rate your pain before and after a routine to see this."));
      adw_action_row_set_subtitle (self->meaningful_row, _("No rated sessions in this period."));
    }
  else
    {
      g_autofree char *figure = coach_format_pain_change (stats->mean_change);

      /* Translators: e.g. "−1.8 points over 14 rated sessions" */
      change = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s points over %u rated session",
                                             "%s points over %u rated sessions",
                                             stats->n_rated),
                                figure, stats->n_rated);
      adw_action_row_set_subtitle (self->change_row, change);
      /* Translators: e.g. "5 of 14 rated sessions: pain fell by 2 points or 30%, a change people clearly notice" */
      meaningful = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u of %u rated session: pain fell by 2 points or 30%%, a change people clearly notice",
                                                 "%u of %u rated sessions: pain fell by 2 points or 30%%, a change people clearly notice",
                                                 stats->n_rated),
                                    stats->n_meaningful, stats->n_rated);
      adw_action_row_set_subtitle (self->meaningful_row, meaningful);
    }

  if (!stats->has_trend)
    trend = g_strdup (_("Rate your pain on at least two different days to see a trend."));
  else
    {
      double per_week_change = stats->trend_slope * 7;
      g_autofree char *amount = g_strdup_printf ("%.1f", ABS (per_week_change));

      if (ABS (per_week_change) < 0.05)
        trend = g_strdup (_("Your pain before sessions has stayed about the same."));
      else if (per_week_change < 0)
        /* Translators: %s is a number of points, e.g. "0.4" */
        trend = g_strdup_printf (_("Your pain before sessions went down by about %s points a week."), amount);
      else
        trend = g_strdup_printf (_("Your pain before sessions went up by about %s points a week."), amount);
    }
  adw_action_row_set_subtitle (self->trend_row, trend);

  gtk_widget_set_visible (GTK_WIDGET (self->peg_score_row), self->peg != NULL && self->peg->len > 0);
  if (self->peg != NULL && self->peg->len > 0)
    {
      const CoachPegEntry *last = &g_array_index (self->peg, CoachPegEntry, self->peg->len - 1);
      g_autofree char *date = format_date (last->taken);
      g_autofree char *text = NULL;

      /* Translators: the last weekly check-in: "5.3 of 10, on Sat 21 Nov 2026, 18:30" */
      text = g_strdup_printf (_("%.1f of 10, on %s"), coach_peg_entry_get_score (last), date);
      adw_action_row_set_subtitle (self->peg_score_row, text);
    }
}

static void
update_groups (CoachHistoryView        *self,
               const CoachHistoryStats *stats)
{
  clear_group (self, GROUP_TECHNIQUES);
  clear_group (self, GROUP_REGIONS);

  for (guint i = 0; i < stats->techniques->len; i++)
    {
      const CoachTechniqueChange *t = &g_array_index (stats->techniques, CoachTechniqueChange, i);
      g_autofree char *figure = coach_format_pain_change (t->mean_change);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                                             t->n_sessions),
                                                t->n_sessions);

      add_to_group (self, GROUP_TECHNIQUES, figure_row_new (t->title, count, figure));
    }
  if (stats->techniques->len == 0)
    add_to_group (self, GROUP_TECHNIQUES,
                  figure_row_new (_("Nothing to compare yet"),
                                  _("Techniques appear here once you rate pain before and after."), NULL));

  for (guint i = 0; i < stats->regions->len; i++)
    {
      const CoachRegionChange *r = &g_array_index (stats->regions, CoachRegionChange, i);
      g_autofree char *figure = coach_format_pain_change (r->mean_change);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                                             r->n_sessions),
                                                r->n_sessions);

      add_to_group (self, GROUP_REGIONS,
                    figure_row_new (coach_vocab_get_label (COACH_VOCAB_REGION, r->region), count, figure));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->regions_group), stats->regions->len > 0);
}

/* ---- Session rows --------------------------------------------------------------------- */

static char *
session_subtitle (const CoachHistorySession *session)
{
  GString *text = g_string_new (session->routine);
  g_autofree char *length = coach_format_minutes (session->seconds);
  double before = coach_history_session_get_pain (session, FALSE);
  double after = coach_history_session_get_pain (session, TRUE);

  g_string_append (text, " · ");
  g_string_append (text, length);
  if (before >= 0 || after >= 0)
    {
      g_autofree char *b = coach_format_pain (before);
      g_autofree char *a = coach_format_pain (after);

      g_string_append (text, " · ");
      /* Translators: pain before and after a session, e.g. "pain 6 → 3" */
      g_string_append_printf (text, _("pain %s → %s"), b, a);
      if (coach_history_session_is_meaningful (session))
        {
          g_string_append (text, " · ");
          g_string_append (text, _("much better"));
        }
    }
  if (!session->completed)
    {
      g_string_append (text, " · ");
      g_string_append (text, _("stopped early"));
    }
  return g_string_free (text, FALSE);
}

static void
add_detail (GtkWidget  *expander,
            const char *title,
            const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title_markup = g_markup_escape_text (title, -1);
  g_autofree char *text_markup = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text_markup);
  gtk_widget_add_css_class (row, "history-detail");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static GtkWidget *
session_row_new (CoachHistoryView          *self,
                 const CoachHistorySession *session)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *date = format_date (session->started);
  g_autofree char *subtitle = session_subtitle (session);
  g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);
  g_autofree char *delete_name = NULL;
  GtkWidget *delete_row, *delete_button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle_markup);

  if (session->techniques->len > 0)
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < session->techniques->len; i++)
        {
          const CoachHistoryTechnique *t = &g_array_index (session->techniques, CoachHistoryTechnique, i);
          g_autofree char *length = coach_format_duration (t->seconds);

          if (i > 0)
            g_string_append (list, "\n");
          /* Translators: a technique done in a session and for how long: "Effleurage: 2 minutes" */
          g_string_append_printf (list, _("%s: %s"), t->title, length);
        }
      add_detail (row, _("Techniques"), list->str);
      g_string_free (list, TRUE);
    }

  if (session->regions->len > 0)
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < session->regions->len; i++)
        {
          const CoachHistoryRegionPain *r = &g_array_index (session->regions, CoachHistoryRegionPain, i);
          g_autofree char *b = coach_format_pain (r->before);
          g_autofree char *a = coach_format_pain (r->after);

          if (i > 0)
            g_string_append (list, "\n");
          /* Translators: a region's pain before and after: "Lower back: 6 → 3" */
          g_string_append_printf (list, _("%s: %s → %s"),
                                  coach_vocab_get_label (COACH_VOCAB_REGION, r->region), b, a);
        }
      add_detail (row, _("Pain by Region"), list->str);
      g_string_free (list, TRUE);
    }

  if (session->kind == COACH_HISTORY_PARTNER && session->partner != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the partner's name */
      text = session->receiver == COACH_RECEIVER_PARTNER
             ? g_strdup_printf (_("You massaged %s; the ratings are theirs."), session->partner)
             : g_strdup_printf (_("%s massaged you."), session->partner);
      add_detail (row, _("Partner Massage"), text);
    }

  if (!session->completed)
    {
      g_autofree char *done = coach_format_minutes (session->seconds);
      g_autofree char *planned = coach_format_minutes (session->planned_seconds);
      g_autofree char *text = NULL;

      /* Translators: "Stopped after 5 minutes of 15 minutes" */
      text = g_strdup_printf (_("Stopped after %s of %s."), done, planned);
      add_detail (row, _("Stopped Early"), text);
    }

  if (session->note != NULL)
    add_detail (row, _("Note"), session->note);

  delete_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete_row), _("Delete This Session"));
  delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "destructive-action");
  gtk_widget_set_tooltip_text (delete_button, _("Delete This Session"));
  /* Translators: %s is the session's date */
  delete_name = g_strdup_printf (_("Delete the session of %s"), date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "history.delete");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete_button), "x", session->id);
  gtk_widget_set_name (delete_button, "delete-session");
  adw_action_row_add_suffix (ADW_ACTION_ROW (delete_row), delete_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (delete_row), delete_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), delete_row);
  return row;
}

static void
show_more_rows (CoachHistoryView *self,
                guint             count)
{
  guint end = MIN (self->listed->len, self->n_shown + count);

  for (guint i = self->n_shown; i < end; i++)
    add_to_group (self, GROUP_SESSIONS, session_row_new (self, g_ptr_array_index (self->listed, i)));
  self->n_shown = end;
  gtk_widget_set_visible (self->more_button, self->n_shown < self->listed->len);
}

/* ---- The whole view --------------------------------------------------------------------- */

static gint64
last_peg_taken (CoachHistoryView *self)
{
  return self->peg != NULL && self->peg->len > 0
         ? g_array_index (self->peg, CoachPegEntry, self->peg->len - 1).taken : 0;
}

static void
rebuild (CoachHistoryView *self)
{
  gint64 now = now_seconds ();
  guint selected = gtk_drop_down_get_selected (self->range_dropdown);
  guint days = range_days[MIN (selected, G_N_ELEMENTS (range_days) - 1)];
  gint64 from = days > 0 ? now - (gint64) days * DAY : G_MININT64;
  g_autoptr(GPtrArray) in_range = g_ptr_array_new ();
  g_autoptr(CoachHistoryStats) stats = NULL;
  gboolean any = self->sessions->len > 0 || self->peg->len > 0;

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, any ? "history" : "empty");

  g_ptr_array_set_size (self->listed, 0);
  for (guint i = 0; i < self->sessions->len; i++)
    {
      CoachHistorySession *session = g_ptr_array_index (self->sessions, i);

      if (session->started >= from)
        g_ptr_array_add (in_range, session);
    }
  for (guint i = in_range->len; i > 0; i--)
    g_ptr_array_add (self->listed, coach_history_session_ref (g_ptr_array_index (in_range, i - 1)));

  stats = coach_history_stats_new (in_range, now);
  coach_history_chart_set_data (COACH_HISTORY_CHART (self->chart), self->sessions, self->peg, stats);
  coach_history_chart_set_range (COACH_HISTORY_CHART (self->chart), days, now);
  update_summary (self, stats);
  update_groups (self, stats);

  clear_group (self, GROUP_SESSIONS);
  self->n_shown = 0;
  adw_preferences_group_set_description (self->sessions_group,
                                         self->listed->len == 0 ? _("No sessions in this period.") : NULL);
  show_more_rows (self, SESSIONS_PAGE);

  gtk_widget_set_visible (GTK_WIDGET (self->peg_group),
                          coach_peg_is_due (last_peg_taken (self),
                                            coach_settings_get_peg_offered (self->settings), now));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-csv", self->sessions->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-pdf", any);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CoachHistoryView) self = user_data;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  self->loading = FALSE;
  if (coach_history_store_load_finish (COACH_HISTORY_STORE (source), result, &sessions, &peg, &error))
    {
      self->loaded = TRUE;
      g_clear_pointer (&self->sessions, g_ptr_array_unref);
      g_clear_pointer (&self->peg, g_array_unref);
      self->sessions = g_steal_pointer (&sessions);
      self->peg = g_steal_pointer (&peg);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (COACH_IS_APPLICATION (app))
    coach_application_report_history (COACH_APPLICATION (app), error);

  if (self->reload_wanted)
    {
      self->reload_wanted = FALSE;
      coach_history_view_reload (self);
      return;
    }
  rebuild (self);
}

void
coach_history_view_reload (CoachHistoryView *self)
{
  g_return_if_fail (COACH_IS_HISTORY_VIEW (self));

  if (self->loading)
    {
      self->reload_wanted = TRUE;
      return;
    }
  self->loading = TRUE;
  /* Read before asking: a write committed after this is either queued before the load, which
   * then sees it, or makes the count differ next time. */
  self->loaded_writes = coach_history_store_get_writes (self->store, NULL);
  if (self->sessions->len == 0 && self->peg->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }
  coach_history_store_load_async (self->store, self->cancellable, on_loaded, g_object_ref (self));
}

static void
on_range_changed (GtkDropDown      *dropdown,
                  GParamSpec       *pspec,
                  CoachHistoryView *self)
{
  if (!self->loading)
    rebuild (self);
}

static void
coach_history_view_map (GtkWidget *widget)
{
  CoachHistoryView *self = COACH_HISTORY_VIEW (widget);
  gboolean busy;

  GTK_WIDGET_CLASS (coach_history_view_parent_class)->map (widget);

  /* Read again only when something was recorded since it was last read (a routine, say). */
  if (!self->loaded || coach_history_store_get_writes (self->store, &busy) != self->loaded_writes || busy)
    coach_history_view_reload (self);
}

/* ---- Deleting, with undo ---------------------------------------------------------------- */

static void
toast (CoachHistoryView *self,
       AdwToast         *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (COACH_IS_WINDOW (root))
    coach_window_add_toast (COACH_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
after_write (CoachHistoryView *self,
             const GError     *error)
{
  GApplication *app = g_application_get_default ();

  if (COACH_IS_APPLICATION (app))
    coach_application_report_history (COACH_APPLICATION (app), error);
  coach_history_view_reload (self);
}

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CoachHistoryView) self = user_data;
  g_autoptr(GError) error = NULL;

  coach_history_store_remove_finish (COACH_HISTORY_STORE (source), result, &error);
  after_write (self, error);
}

static void
on_readded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CoachHistoryView) self = user_data;
  g_autoptr(GError) error = NULL;

  coach_history_store_add_finish (COACH_HISTORY_STORE (source), result, &error);
  after_write (self, error);
}

static void
on_undo_delete (AdwToast         *toast,
                CoachHistoryView *self)
{
  CoachHistorySession *session = g_object_get_data (G_OBJECT (toast), "session");

  if (session == NULL)
    return;
  coach_history_store_add_async (self->store, session, NULL, on_readded, g_object_ref (self));
  g_object_set_data (G_OBJECT (toast), "session", NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CoachHistoryView *self = COACH_HISTORY_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  AdwToast *undo;
  guint index;

  for (index = 0; index < self->sessions->len; index++)
    if (((CoachHistorySession *) g_ptr_array_index (self->sessions, index))->id == id)
      break;
  if (index == self->sessions->len)
    return;

  undo = adw_toast_new (_("Session deleted"));
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (undo), "session",
                          coach_history_session_ref (g_ptr_array_index (self->sessions, index)),
                          (GDestroyNotify) coach_history_session_unref);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);

  g_ptr_array_remove_index (self->sessions, index);
  rebuild (self);
  coach_history_store_remove_async (self->store, id, NULL, on_removed, g_object_ref (self));
  toast (self, undo);
}

static void
show_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_more_rows (COACH_HISTORY_VIEW (widget), SESSIONS_PAGE);
}

/* ---- The weekly PEG check-in ----------------------------------------------------------- */

typedef struct {
  CoachHistoryView *view;
  GtkWidget        *window;
  GtkWidget        *save_button;
  CoachPainScale   *scales[3];
} PegDialog;

static void
peg_dialog_free (PegDialog *dialog)
{
  g_object_unref (dialog->view);
  g_free (dialog);
}

static gboolean
peg_complete (PegDialog *dialog)
{
  for (guint i = 0; i < G_N_ELEMENTS (dialog->scales); i++)
    if (coach_pain_scale_get_value (dialog->scales[i]) < 0)
      return FALSE;
  return TRUE;
}

static void
on_peg_value (CoachPainScale *scale,
              GParamSpec     *pspec,
              PegDialog      *dialog)
{
  gtk_widget_set_sensitive (dialog->save_button, peg_complete (dialog));
}

static void
on_peg_saved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CoachHistoryView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (coach_history_store_add_peg_finish (COACH_HISTORY_STORE (source), result, NULL, &error))
    toast (self, adw_toast_new (_("Weekly check-in saved")));
  after_write (self, error);
}

static void
on_peg_save (GtkButton *button,
             PegDialog *dialog)
{
  CoachPegEntry entry = { 0 };
  CoachHistoryView *self = dialog->view;

  if (!peg_complete (dialog))
    return;
  entry.taken = now_seconds ();
  entry.pain = coach_pain_scale_get_value (dialog->scales[0]);
  entry.enjoyment = coach_pain_scale_get_value (dialog->scales[1]);
  entry.activity = coach_pain_scale_get_value (dialog->scales[2]);
  g_object_set (self->settings, "peg-offered", entry.taken, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->peg_group), FALSE);
  coach_history_store_add_peg_async (self->store, &entry, NULL, on_peg_saved, g_object_ref (self));
  gtk_window_destroy (GTK_WINDOW (dialog->window));
}

/* Enter on an answer goes to the next question, and saves after the last. */
static void
on_peg_activate (CoachPainScale *scale,
                 PegDialog      *dialog)
{
  for (guint i = 0; i + 1 < G_N_ELEMENTS (dialog->scales); i++)
    if (dialog->scales[i] == scale)
      {
        gtk_widget_grab_focus (GTK_WIDGET (dialog->scales[i + 1]));
        return;
      }
  if (peg_complete (dialog))
    on_peg_save (NULL, dialog);
}

static void
peg_answer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CoachHistoryView *self = COACH_HISTORY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PegDialog *dialog = g_new0 (PegDialog, 1);
  GtkWidget *content, *header, *cancel, *scrolled, *clamp, *box, *intro, *list;
  GtkEventController *shortcuts;
  static const struct {
    const char *question;
    const char *low;
    const char *high;
  } questions[] = {
    { N_("What number best describes your pain on average in the past week?"),
      N_("No pain"), N_("Pain as bad as you can imagine") },
    { N_("What number best describes how, during the past week, pain has interfered with your enjoyment of life?"),
      N_("Does not interfere"), N_("Completely interferes") },
    { N_("What number best describes how, during the past week, pain has interfered with your general activity?"),
      N_("Does not interfere"), N_("Completely interferes") },
  };

  dialog->view = g_object_ref (self);
  dialog->window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog->window), _("Weekly Check-In"));
  gtk_window_set_modal (GTK_WINDOW (dialog->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog->window), 520, 620);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog->window), GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (dialog->window), "peg-dialog", dialog, (GDestroyNotify) peg_dialog_free);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  dialog->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (dialog->save_button, "suggested-action");
  gtk_widget_set_sensitive (dialog->save_button, FALSE);
  g_signal_connect (dialog->save_button, "clicked", G_CALLBACK (on_peg_save), dialog);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), dialog->save_button);
  gtk_box_append (GTK_BOX (content), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  intro = gtk_label_new (_("Think of the past seven days. Answer all three; the score is their average, "
                           "charted beside your sessions (the PEG scale)."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0.0);
  gtk_box_append (GTK_BOX (box), intro);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      g_autofree char *name = g_strdup_printf ("peg-%u", i);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           coach_pain_scale_row_new (_(questions[i].question), &dialog->scales[i]));
      coach_pain_scale_set_ends (dialog->scales[i], _(questions[i].low), _(questions[i].high));
      gtk_widget_set_name (GTK_WIDGET (dialog->scales[i]), name);
      g_signal_connect (dialog->scales[i], "notify::value", G_CALLBACK (on_peg_value), dialog);
      g_signal_connect (dialog->scales[i], "activate", G_CALLBACK (on_peg_activate), dialog);
    }
  gtk_box_append (GTK_BOX (box), list);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (dialog->window), content);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog->window, shortcuts);

  coach_accessible_fix (dialog->window);
  gtk_window_present (GTK_WINDOW (dialog->window));
  gtk_widget_grab_focus (GTK_WIDGET (dialog->scales[0]));
}

/* "Not Now": offered again in a week. */
static void
peg_dismiss_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CoachHistoryView *self = COACH_HISTORY_VIEW (widget);

  g_object_set (self->settings, "peg-offered", now_seconds (), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->peg_group), FALSE);
}

/* ---- Export ----------------------------------------------------------------------------- */

typedef struct {
  char      *path;
  GPtrArray *sessions;
  GArray    *peg;
  gboolean   pdf;
  double     page_width;
  double     page_height;
  gint64     now;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_ptr_array_unref (job->sessions);
  g_array_unref (job->peg);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->pdf)
    ok = coach_history_report_write_pdf (job->path, job->sessions, job->peg, job->page_width,
                                         job->page_height, job->now, &error);
  else
    {
      g_autofree char *csv = coach_history_to_csv (job->sessions);
      g_autoptr(GError) local = NULL;

      ok = g_file_set_contents_full (job->path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local);
      if (!ok)
        {
          g_autofree char *display = g_filename_display_name (job->path);

          /* Translators: the first %s is a file, the second why it failed */
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not save “%s”: %s. Choose another folder, or check that the disk "
                         "has room."), display, local->message);
        }
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CoachHistoryView *self = COACH_HISTORY_VIEW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_filename_display_basename (job->path);

      /* Translators: %s is a file name */
      toast (self, adw_toast_new_format (_("Saved “%s”"), name));
    }
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      if (!GTK_IS_WINDOW (root))
        return;
      dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Could Not Export the History"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      coach_accessible_fix (dialog);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

void
coach_history_view_export (CoachHistoryView *self,
                           const char       *path,
                           gboolean          pdf)
{
  g_autoptr(GTask) task = NULL;
  GtkPaperSize *paper = gtk_paper_size_new (NULL);
  ExportJob *job = g_new0 (ExportJob, 1);

  g_return_if_fail (COACH_IS_HISTORY_VIEW (self));
  g_return_if_fail (path != NULL);

  job->path = g_strdup (path);
  /* The sessions are shared, not copied: nothing changes a recorded session in place. */
  job->sessions = g_ptr_array_new_full (self->sessions->len, (GDestroyNotify) coach_history_session_unref);
  for (guint i = 0; i < self->sessions->len; i++)
    g_ptr_array_add (job->sessions, coach_history_session_ref (g_ptr_array_index (self->sessions, i)));
  job->peg = g_array_copy (self->peg);
  job->pdf = pdf;
  /* The locale's paper: A4 or US Letter. */
  job->page_width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  job->page_height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  job->now = now_seconds ();
  gtk_paper_size_free (paper);

  task = g_task_new (self, NULL, on_exported, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (GtkNativeDialog  *chooser,
                    int               response,
                    CoachHistoryView *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        coach_history_view_export (self, path, pdf);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CoachHistoryView *self = COACH_HISTORY_VIEW (widget);
  gboolean pdf = g_str_equal (action_name, "history.export-pdf");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (pdf ? _("Save Summary as PDF") : _("Save Sessions as CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: file names offered when exporting; keep the extensions */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     pdf ? _("back-coach-summary.pdf") : _("back-coach-sessions.csv"));
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV spreadsheets"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/csv");
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Object ------------------------------------------------------------------------- */

static void
coach_history_view_dispose (GObject *object)
{
  CoachHistoryView *self = COACH_HISTORY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_HISTORY_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->peg, g_array_unref);
  g_clear_pointer (&self->listed, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->group_rows); i++)
    g_clear_pointer (&self->group_rows[i], g_ptr_array_unref);

  G_OBJECT_CLASS (coach_history_view_parent_class)->dispose (object);
}

static void
coach_history_view_class_init (CoachHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_history_view_dispose;
  widget_class->map = coach_history_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/BackCoach/coach-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, peg_group);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, chart_box);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, per_week_row);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, change_row);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, meaningful_row);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, trend_row);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, peg_score_row);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, techniques_group);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, regions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachHistoryView, more_button);

  gtk_widget_class_install_action (widget_class, "history.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "history.show-more", NULL, show_more_action);
  gtk_widget_class_install_action (widget_class, "history.peg-answer", NULL, peg_answer_action);
  gtk_widget_class_install_action (widget_class, "history.peg-dismiss", NULL, peg_dismiss_action);
  gtk_widget_class_install_action (widget_class, "history.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "history.export-pdf", NULL, export_action);
}

static void
coach_history_view_init (CoachHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
  self->peg = g_array_new (FALSE, TRUE, sizeof (CoachPegEntry));
  self->listed = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->group_rows); i++)
    self->group_rows[i] = g_ptr_array_new ();

  self->chart = coach_history_chart_new ();
  gtk_box_append (self->chart_box, self->chart);
  g_signal_connect_object (self->range_dropdown, "notify::selected", G_CALLBACK (on_range_changed), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-pdf", FALSE);
}

CoachHistoryView *
coach_history_view_new (CoachHistoryStore *store,
                        CoachSettings     *settings)
{
  CoachHistoryView *self;

  g_return_val_if_fail (COACH_IS_HISTORY_STORE (store), NULL);
  g_return_val_if_fail (COACH_IS_SETTINGS (settings), NULL);

  self = g_object_new (COACH_TYPE_HISTORY_VIEW, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  return self;
}

gboolean
coach_history_view_is_loading (CoachHistoryView *self)
{
  g_return_val_if_fail (COACH_IS_HISTORY_VIEW (self), FALSE);

  return self->loading;
}

GPtrArray *
coach_history_view_get_sessions (CoachHistoryView *self)
{
  g_return_val_if_fail (COACH_IS_HISTORY_VIEW (self), NULL);

  return self->sessions;
}

GArray *
coach_history_view_get_peg (CoachHistoryView *self)
{
  g_return_val_if_fail (COACH_IS_HISTORY_VIEW (self), NULL);

  return self->peg;
}

guint
coach_history_view_get_n_listed (CoachHistoryView *self)
{
  g_return_val_if_fail (COACH_IS_HISTORY_VIEW (self), 0);

  return self->listed->len;
}

const char *
coach_history_view_get_page (CoachHistoryView *self)
{
  g_return_val_if_fail (COACH_IS_HISTORY_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
