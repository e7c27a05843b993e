/* coach-player-view.c: the guided routine: the step's illustration, a countdown readable across
 * the room, what comes next, and the controls.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session engine owns the timing; this view only shows its events. The display changes
 * once per second, on the engine's SECOND events, which are aligned to the step deadlines. */
#define G_LOG_DOMAIN "coach-player-view"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-application.h"
#include "coach-format.h"
#include "coach-history-store.h"
#include "coach-keys.h"
#include "coach-pain-scale.h"
#include "coach-player-view.h"
#include "coach-session-audio.h"
#include "coach-step-illustration.h"
#include "coach-stop-signals.h"

/* Below this width the illustration goes above the text and the type gets smaller. */
#define NARROW_WIDTH 640
/* Below this the header bar has no room for every button beside the window's own; full
 * screen stays on F11 and in the shortcuts window. */
#define PHONE_WIDTH 420

struct _CoachPlayerView
{
  AdwBin                 parent_instance;

  CoachSession          *session;
  CoachSessionAudio     *audio;
  CoachCatalog          *catalog;
  CoachSettings         *settings;
  guint                  inhibit_cookie;
  gboolean               inhibiting;     /* asked; the cookie is 0 without a session manager */
  gboolean               narrow;
  gboolean               phone;
  guint                  layout_idle_id;
  GtkWindow             *watched_window;

  AdwHeaderBar          *header_bar;
  AdwWindowTitle        *window_title;
  GtkWidget             *fullscreen_button;
  AdwToastOverlay       *toast_overlay;
  GtkStack              *stack;
  GtkListBox            *steps_list;
  GtkBox                *info_box;
  CoachStepIllustration *illustration;
  GtkLabel              *phase_label;
  GtkLabel              *countdown_label;
  GtkLabel              *technique_label;
  GtkLabel              *instruction_label;
  GtkLabel              *next_label;
  GtkProgressBar        *progress_bar;
  GtkLabel              *time_left_label;
  GtkWidget             *previous_button;
  GtkWidget             *restart_button;
  GtkWidget             *pause_button;
  GtkWidget             *next_button;
  AdwStatusPage         *summary_page;
  GtkWidget             *done_button;
  GtkWidget             *swap_button;
  GtkLabel              *pressure_label;
  GtkRevealer           *check_in_revealer;
  GtkLabel              *check_in_label;
  GtkWidget             *check_in_button;
  GtkLabel              *rate_title;
  GtkLabel              *rate_intro;
  GtkListBox            *before_list;
  GtkWidget             *after_box;
  GtkLabel              *after_title;
  GtkListBox            *after_list;
  GtkLabel              *change_label;
  AdwEntryRow           *note_row;

  /* A partner massage: check-ins at the interval, the pressure the receiver asked for. */
  CoachPartnerSession   *partner;
  GArray                *check_ins;      /* guint: seconds of massage */
  guint                  next_check_in;
  guint                  check_in_timeout_id;

  /* The history: what the routine is called, when it began, the pain ratings (overall
   * first, then one per sore region; NULL where not asked) and the record once made. */
  char                  *title;
  gint64                 started_at;
  CoachPainScale        *before[1 + COACH_N_REGIONS];
  CoachPainScale        *after[1 + COACH_N_REGIONS];
  struct _RecordJob     *record;
};

G_DEFINE_FINAL_TYPE (CoachPlayerView, coach_player_view, ADW_TYPE_BIN)

enum {
  SIGNAL_LEFT,
  SIGNAL_SWAP_ROLES,
  N_SIGNALS
};

/* An unanswered check-in goes away after this long: the pair talked it over. */
#define CHECK_IN_SHOWN_SECONDS 40

static guint signals[N_SIGNALS];

/* "1:05", or "45" under a minute, as a countdown shows it. */
char *
coach_player_format_countdown (guint seconds)
{
  if (seconds < 60)
    return g_strdup_printf ("%u", seconds);
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static const CoachStep *
item_step (CoachPlayerView *self,
           guint            index,
           CoachTechnique **technique)
{
  const CoachRoutineItem *item = coach_routine_get_item (coach_session_get_routine (self->session), index);
  CoachTechnique *t = coach_catalog_lookup (self->catalog, item->technique);

  if (technique != NULL)
    *technique = t;
  return t != NULL ? coach_technique_get_step (t, item->step) : NULL;
}

static void
update_time (CoachPlayerView *self)
{
  gint64 total = coach_session_get_total (self->session);
  gint64 left = coach_session_get_time_left (self->session);
  guint seconds = coach_session_get_seconds_left (self->session);
  g_autofree char *countdown = coach_player_format_countdown (seconds);
  g_autofree char *left_text = NULL;
  guint left_seconds = (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  gtk_label_set_label (self->countdown_label, countdown);
  /* A screen reader reads the countdown in words, not as a bare number. */
  {
    g_autofree char *spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u second left in this step",
                                                            "%u seconds left in this step",
                                                            seconds),
                                               seconds);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? 1.0 - (double) left / total : 1.0);
  /* Translators: time left in the whole routine, e.g. "12:30 left" */
  left_text = g_strdup_printf (_("%u:%02u left"), left_seconds / 60, left_seconds % 60);
  gtk_label_set_label (self->time_left_label, left_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, left_text, -1);
}

/* GTK 4.8 cannot announce, so the step goes into the description of the controls, where the
 * focus is during a routine: a screen reader reads a changed description of the focused
 * control, so each new step is heard, with what to do. */
static void
describe_step_on_controls (CoachPlayerView *self,
                           const char      *phase,
                           const char      *technique_text,
                           const char      *instruction)
{
  GtkWidget *controls[] = { self->previous_button, self->restart_button, self->pause_button,
                            self->next_button };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      /* Translators: what a screen reader hears on a player control: its tooltip, then the
       * step, e.g. "Pause (Space). Step 3 of 12: Kneading · 45 seconds. Press your thumbs …" */
      g_autofree char *description = g_strdup_printf (_("%s. %s: %s. %s"),
                                                      gtk_widget_get_tooltip_text (controls[i]),
                                                      phase, technique_text, instruction);

      gtk_accessible_update_property (GTK_ACCESSIBLE (controls[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
}

static void
update_row (CoachPlayerView *self,
            guint            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->steps_list, index);
  GtkImage *icon;
  gboolean current, done;

  if (row == NULL)
    return;
  icon = g_object_get_data (G_OBJECT (row), "icon");
  done = coach_session_get_item_done (self->session, index);
  current = index == coach_session_get_index (self->session) &&
            coach_session_get_state (self->session) != COACH_SESSION_STATE_FINISHED;

  gtk_image_set_from_icon_name (icon, current ? "media-playback-start-symbolic"
                                      : done ? "object-select-symbolic" : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  current ? _("Current step") : done ? _("Done") : _("To do"), -1);
  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (row), "current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "current");
}

static void
update_rows (CoachPlayerView *self)
{
  for (guint i = 0; i < coach_session_get_n_items (self->session); i++)
    update_row (self, i);
}

/* ---- Partner massage ---------------------------------------------------------------- */

static void
update_pressure (CoachPlayerView *self)
{
  const char *advice = self->partner != NULL
                       ? coach_pressure_get_advice (coach_partner_session_get_pressure (self->partner))
                       : NULL;

  gtk_label_set_label (self->pressure_label, advice != NULL ? advice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pressure_label), advice != NULL);
  if (self->audio != NULL)
    coach_session_audio_set_cue_suffix (self->audio, self->partner != NULL
                                        ? coach_pressure_get_spoken (coach_partner_session_get_pressure (self->partner))
                                        : NULL);
}

static void
hide_check_in (CoachPlayerView *self)
{
  g_clear_handle_id (&self->check_in_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->check_in_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.answer-pressure", FALSE);
}

static gboolean
check_in_timed_out (gpointer user_data)
{
  CoachPlayerView *self = user_data;

  self->check_in_timeout_id = 0;
  hide_check_in (self);
  return G_SOURCE_REMOVE;
}

static void
show_check_in (CoachPlayerView *self)
{
  g_autofree char *prompt = coach_partner_session_dup_check_in_prompt (self->partner);

  gtk_label_set_label (self->check_in_label, prompt);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.answer-pressure", TRUE);
  gtk_revealer_set_reveal_child (self->check_in_revealer, TRUE);
  g_clear_handle_id (&self->check_in_timeout_id, g_source_remove);
  self->check_in_timeout_id = g_timeout_add_seconds (CHECK_IN_SHOWN_SECONDS, check_in_timed_out, self);
  if (self->audio != NULL)
    coach_session_audio_say (self->audio, prompt);
}

/* A check-in is due once the massage time reaches it, while a step runs. */
static void
update_check_ins (CoachPlayerView *self)
{
  if (self->partner == NULL || self->check_ins == NULL ||
      coach_session_get_state (self->session) != COACH_SESSION_STATE_RUNNING)
    return;

  if (coach_check_in_is_due (self->check_ins, &self->next_check_in,
                             coach_session_get_elapsed (self->session)))
    show_check_in (self);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);

  if (self->partner != NULL && self->session != NULL)
    show_check_in (self);
}

static void
answer_pressure_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);
  const char *answer = g_variant_get_string (parameter, NULL);

  if (self->partner == NULL)
    return;
  coach_partner_session_answer_pressure (self->partner,
                                         g_str_equal (answer, "lighter") ? COACH_PRESSURE_ANSWER_LIGHTER
                                         : g_str_equal (answer, "firmer") ? COACH_PRESSURE_ANSWER_FIRMER
                                         : COACH_PRESSURE_ANSWER_GOOD);
  hide_check_in (self);
  update_pressure (self);
  gtk_widget_grab_focus (self->pause_button);
}

static void
swap_roles_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);
  g_autoptr(CoachPartnerSession) partner = NULL;

  if (self->partner == NULL)
    return;
  partner = g_object_ref (self->partner);
  coach_player_view_leave (self);
  g_signal_emit (self, signals[SIGNAL_SWAP_ROLES], 0, partner);
}

/* Everything about the current phase: which step, what to do, what comes next. */
static void
update_phase (CoachPlayerView *self)
{
  guint index = coach_session_get_index (self->session);
  guint n = coach_session_get_n_items (self->session);
  CoachSessionState state = coach_session_get_state (self->session);
  const CoachRoutineItem *item = coach_routine_get_item (coach_session_get_routine (self->session), index);
  CoachTechnique *technique;
  const CoachStep *step = item_step (self, index, &technique);
  g_autofree char *phase = NULL;
  g_autofree char *next = NULL;
  g_autofree char *meta = coach_format_step_meta (item->side, item->duration);
  g_autofree char *technique_text = NULL;
  gboolean paused = coach_session_get_paused (self->session);

  switch (state)
    {
    case COACH_SESSION_STATE_GET_READY:
      /* Translators: the get-ready count before a step, e.g. "Get ready for step 3 of 12" */
      phase = g_strdup_printf (_("Get ready for step %u of %u"), index + 1, n);
      break;
    case COACH_SESSION_STATE_SWITCH_SIDES:
      phase = g_strdup_printf (_("Switch sides for step %u of %u"), index + 1, n);
      break;
    default:
      phase = g_strdup_printf (_("Step %u of %u"), index + 1, n);
    }
  if (paused)
    {
      /* Translators: the phase when paused, e.g. "Paused · Step 3 of 12" */
      char *paused_phase = g_strdup_printf (_("Paused · %s"), phase);
      g_free (phase);
      phase = paused_phase;
    }
  gtk_label_set_label (self->phase_label, phase);

  /* Translators: the technique and the step's side and length, e.g.
   * "Kneading the lower back · Left side · 45 seconds" */
  technique_text = g_strdup_printf (_("%s · %s"), coach_technique_get_name (technique), meta);
  gtk_label_set_label (self->technique_label, technique_text);
  gtk_label_set_label (self->instruction_label, coach_step_get_instruction (step));

  coach_step_illustration_set_step (self->illustration, technique, item->step);
  coach_step_illustration_set_playing (self->illustration,
                                       state == COACH_SESSION_STATE_RUNNING && !paused);

  if (index + 1 < n)
    {
      const CoachStep *next_step = item_step (self, index + 1, NULL);
      /* Translators: a preview of the next step's instruction */
      next = g_strdup_printf (_("Next: %s"), coach_step_get_instruction (next_step));
    }
  else
    next = g_strdup (_("Next: the end of the routine"));
  gtk_label_set_label (self->next_label, next);

  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->pause_button, paused ? _("Resume (Space)") : _("Pause (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  paused ? _("Resume") : _("Pause"), -1);
  describe_step_on_controls (self, phase, technique_text, coach_step_get_instruction (step));

  update_time (self);
  update_rows (self);
}

static void
uninhibit (CoachPlayerView *self)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());

  if (self->inhibit_cookie != 0 && app != NULL)
    gtk_application_uninhibit (app, self->inhibit_cookie);
  self->inhibit_cookie = 0;
  self->inhibiting = FALSE;
}

/* ---- History ---------------------------------------------------------------------------- */

/* A session being recorded. Its add runs off the main thread; ratings or a note given after
 * it update the record once the add has given it its id. */
typedef struct _RecordJob {
  CoachHistoryStore   *store;
  CoachHistorySession *record;
  gboolean             added;
  gboolean             update_wanted;
} RecordJob;

static void
record_job_clear (gpointer data)
{
  RecordJob *job = data;

  g_clear_object (&job->store);
  g_clear_pointer (&job->record, coach_history_session_unref);
}

static void
record_job_unref (RecordJob *job)
{
  g_rc_box_release_full (job, record_job_clear);
}

static void
report_history (const GError *error)
{
  GApplication *app = g_application_get_default ();

  if (COACH_IS_APPLICATION (app))
    coach_application_report_history (COACH_APPLICATION (app), error);
}

static void
on_record_updated (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  coach_history_store_update_finish (COACH_HISTORY_STORE (source), result, &error);
  report_history (error);
}

static void
on_record_added (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RecordJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (coach_history_store_add_finish (COACH_HISTORY_STORE (source), result, &error))
    {
      job->added = TRUE;
      if (job->update_wanted)
        coach_history_store_update_async (job->store, job->record, NULL, on_record_updated, NULL);
    }
  report_history (error);
  record_job_unref (job);
}

static CoachHistoryStore *
history_store (void)
{
  GApplication *app = g_application_get_default ();

  return COACH_IS_APPLICATION (app) ? coach_application_get_history_store (COACH_APPLICATION (app)) : NULL;
}

/* Copies what the scales say into @record: overall first, then each region. */
static void
fill_ratings (CoachHistorySession  *record,
              CoachPainScale      **scales,
              gboolean              after)
{
  if (scales[0] != NULL)
    {
      if (after)
        record->pain_after = coach_pain_scale_get_value (scales[0]);
      else
        record->pain_before = coach_pain_scale_get_value (scales[0]);
    }
  for (guint r = 0; r < COACH_N_REGIONS; r++)
    {
      CoachHistoryRegionPain *known = coach_history_session_get_region (record, r);
      int before = known != NULL ? known->before : COACH_PAIN_NONE;
      int value;

      if (scales[r + 1] == NULL)
        continue;
      value = coach_pain_scale_get_value (scales[r + 1]);
      if (after && (value >= 0 || known != NULL))
        coach_history_session_set_region (record, r, before, value);
      else if (!after && value >= 0)
        coach_history_session_set_region (record, r, value, COACH_PAIN_NONE);
    }
}

/* Records the session once, when some massage was done: at its end, when it is stopped, or
 * when the player goes away in the middle (the app quits). */
static void
record_session (CoachPlayerView *self)
{
  CoachHistoryStore *store = history_store ();
  CoachRoutine *routine;
  CoachHistorySession *record;
  RecordJob *job;

  if (self->record != NULL || self->session == NULL || store == NULL ||
      coach_session_get_elapsed (self->session) < G_USEC_PER_SEC)
    return;

  routine = coach_session_get_routine (self->session);
  record = coach_history_session_new ();
  record->started = self->started_at;
  record->seconds = coach_session_get_done_seconds (self->session);
  record->planned_seconds = coach_routine_get_total_duration (routine);
  record->routine = g_strdup (self->title);
  record->completed = !coach_session_get_stopped (self->session);
  if (self->partner != NULL)
    {
      record->kind = COACH_HISTORY_PARTNER;
      record->partner = g_strdup (coach_partner_get_name (coach_partner_session_get_partner (self->partner)));
      record->receiver = coach_partner_session_get_receiver (self->partner);
    }
  fill_ratings (record, self->before, FALSE);
  for (guint i = 0; i < coach_session_get_n_items (self->session); i++)
    {
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      CoachTechnique *technique = coach_catalog_lookup (self->catalog, item->technique);
      guint seconds = (coach_session_get_item_elapsed (self->session, i) + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;

      if (seconds > 0)
        coach_history_session_add_technique (record, item->technique,
                                             technique != NULL ? coach_technique_get_name (technique) : NULL,
                                             seconds);
    }

  job = g_rc_box_new0 (RecordJob);
  job->store = g_object_ref (store);
  job->record = record;
  self->record = job;
  coach_history_store_add_async (store, record, NULL, on_record_added, g_rc_box_acquire (job));
}

/* The ratings and note given after the routine go into its record. */
static void
save_after (CoachPlayerView *self)
{
  RecordJob *job = self->record;
  const char *note;
  g_autofree char *stripped = NULL;
  gboolean given = FALSE;

  if (job == NULL || !gtk_widget_get_visible (self->after_box))
    return;

  for (guint i = 0; i <= COACH_N_REGIONS; i++)
    given |= self->after[i] != NULL && coach_pain_scale_get_value (self->after[i]) >= 0;
  note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  stripped = g_strstrip (g_strdup (note));
  if (!given && *stripped == '\0')
    return;

  fill_ratings (job->record, self->after, TRUE);
  g_free (job->record->note);
  job->record->note = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
  /* Saved once: leaving again (after Swap Roles, say) has nothing new. */
  gtk_widget_set_visible (self->after_box, FALSE);

  if (job->added)
    coach_history_store_update_async (job->store, job->record, NULL, on_record_updated, NULL);
  else
    job->update_wanted = TRUE;
}

/* What the ratings after say against those before. */
static void
update_change (CoachPlayerView *self)
{
  g_autoptr(CoachHistorySession) probe = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *text = NULL;
  double before, after;

  if (self->record == NULL)
    return;
  probe = coach_history_session_copy (self->record->record);
  fill_ratings (probe, self->after, TRUE);
  before = coach_history_session_get_pain (probe, FALSE);
  after = coach_history_session_get_pain (probe, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), before >= 0 && after >= 0);
  if (before < 0 || after < 0)
    return;

  before_text = coach_format_pain (before);
  after_text = coach_format_pain (after);
  if (coach_pain_is_meaningful_drop (before, after))
    /* Translators: after a routine, e.g. "Pain 6 → 3: much better, a change people clearly notice." */
    text = g_strdup_printf (_("Pain %s → %s: much better, a change people clearly notice."), before_text, after_text);
  else if (after < before)
    text = g_strdup_printf (_("Pain %s → %s: a little better."), before_text, after_text);
  else if (after == before)
    text = g_strdup_printf (_("Pain %s → %s: about the same."), before_text, after_text);
  else
    text = g_strdup_printf (_("Pain %s → %s: more than before. If it is sharp, shooting or spreading, "
                              "see the stop signals and ask a doctor."), before_text, after_text);
  gtk_label_set_label (self->change_label, text);
}

static void
on_after_changed (CoachPainScale  *scale,
                  GParamSpec      *pspec,
                  CoachPlayerView *self)
{
  update_change (self);
}

static void begin (CoachPlayerView *self);

static void
on_before_activate (CoachPainScale  *scale,
                    CoachPlayerView *self)
{
  begin (self);
}

/* Enter after a rating moves on to the next one, and from the last to the note. */
static void
on_after_activate (CoachPainScale  *scale,
                   CoachPlayerView *self)
{
  if (!gtk_widget_child_focus (GTK_WIDGET (self->after_box), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
}

/* One rating overall and one per sore region of whoever receives. */
static void
build_ratings (CoachPlayerView  *self,
               GtkListBox       *list,
               CoachPainScale  **scales,
               gboolean          after)
{
  GObject *profile = self->partner != NULL
                     ? coach_partner_session_get_receiver_profile (self->partner)
                     : G_OBJECT (self->settings);
  guint regions = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  memset (scales, 0, sizeof (CoachPainScale *) * (1 + COACH_N_REGIONS));

  g_object_get (profile, "sore-regions", &regions, NULL);
  for (guint i = 0; i <= COACH_N_REGIONS; i++)
    {
      const char *title;

      if (i > 0 && (regions & (1u << (i - 1))) == 0)
        continue;
      title = i == 0 ? (regions != 0 ? _("Overall") : _("Your back"))
                     : coach_vocab_get_label (COACH_VOCAB_REGION, i - 1);
      gtk_list_box_append (list, coach_pain_scale_row_new (title, &scales[i]));
      {
        /* For tests to find them: "pain-overall", "lower-back", "after-lower-back"... */
        g_autofree char *name = g_strconcat (after ? "after-" : "",
                                             i == 0 ? "pain-overall" : coach_vocab_to_id (COACH_VOCAB_REGION, i - 1),
                                             NULL);

        gtk_widget_set_name (GTK_WIDGET (scales[i]), name);
      }
      if (after)
        {
          g_signal_connect_object (scales[i], "notify::value", G_CALLBACK (on_after_changed), self, 0);
          g_signal_connect_object (scales[i], "activate", G_CALLBACK (on_after_activate), self, 0);
        }
      else
        g_signal_connect_object (scales[i], "activate", G_CALLBACK (on_before_activate), self, 0);
    }
}

/* Who is asked: "your" pain, or the partner's when they receive. */
static char *
ratings_title (CoachPlayerView *self,
               gboolean         after)
{
  const char *name = self->partner != NULL ? coach_partner_session_get_receiver_name (self->partner) : NULL;

  if (name == NULL)
    return g_strdup (after ? _("How Is Your Pain Now?") : _("How Is Your Pain?"));
  /* Translators: %s is the partner who receives the massage */
  return g_strdup_printf (after ? _("Ask %s About the Pain Now") : _("Ask %s About the Pain"), name);
}

static void
show_ratings_before (CoachPlayerView *self)
{
  g_autofree char *title = ratings_title (self, FALSE);

  gtk_label_set_label (self->rate_title, title);
  gtk_label_set_label (self->rate_intro,
                       _("Optional: from 0, no pain, to 10, the worst pain imaginable. Rate it again "
                         "at the end, and your history shows what helps."));
  build_ratings (self, self->before_list, self->before, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "rate");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.begin", TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->before[0]));
}

/* After a recorded session (and when ratings are wanted): the same ratings again. */
static gboolean
show_ratings_after (CoachPlayerView *self)
{
  g_autofree char *title = NULL;
  gboolean wanted = self->record != NULL && coach_settings_get_rate_pain (self->settings);

  gtk_widget_set_visible (self->after_box, wanted);
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  if (!wanted)
    return FALSE;
  title = ratings_title (self, TRUE);
  gtk_label_set_label (self->after_title, title);
  build_ratings (self, self->after_list, self->after, TRUE);
  return TRUE;
}

static void
show_summary (CoachPlayerView *self)
{
  guint n = coach_session_get_n_items (self->session);
  guint done = coach_session_get_n_done (self->session);
  g_autofree char *length = coach_format_minutes (coach_session_get_done_seconds (self->session));
  g_autofree char *description = NULL;

  /* Translators: "You did 12 of 12 steps, 15 minutes of massage." */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "You did %u of %u step, %s of massage.",
                                              "You did %u of %u steps, %s of massage.", n),
                                 done, n, length);
  adw_status_page_set_title (self->summary_page,
                             coach_session_get_stopped (self->session) ? _("Routine Stopped")
                                                                       : _("Routine Finished"));
  adw_status_page_set_description (self->summary_page, description);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  hide_check_in (self);
  /* A partner massage: the other one's turn. */
  gtk_widget_set_visible (self->swap_button, self->partner != NULL);
  if (self->partner != NULL)
    {
      const char *name = coach_partner_get_name (coach_partner_session_get_partner (self->partner));
      g_autofree char *label = NULL;

      /* Translators: after a partner massage, %s is the partner's name */
      label = coach_partner_session_get_receiver (self->partner) == COACH_RECEIVER_PARTNER
              ? g_strdup_printf (_("_Swap Roles: %s Gives"), name)
              : g_strdup_printf (_("_Swap Roles: %s Receives"), name);
      gtk_button_set_label (GTK_BUTTON (self->swap_button), label);
      gtk_widget_grab_focus (self->swap_button);
    }
  else
    gtk_widget_grab_focus (self->done_button);
  if (show_ratings_after (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->after[0]));
  coach_step_illustration_set_playing (self->illustration, FALSE);
  update_rows (self);
}

static void
notify_finished (CoachPlayerView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;

  if (app == NULL || (GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root))))
    return;

  /* With no default action, clicking it brings the app back. */
  notification = g_notification_new (_("Routine Finished"));
  g_notification_set_body (notification, adw_status_page_get_description (self->summary_page));
  g_application_send_notification (app, "routine-finished", notification);
}

static void
update_actions (CoachPlayerView *self)
{
  gboolean active = self->session != NULL &&
                    coach_session_get_state (self->session) != COACH_SESSION_STATE_FINISHED &&
                    coach_session_get_state (self->session) != COACH_SESSION_STATE_IDLE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.toggle-pause", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.previous", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.next", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.restart", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.check-in", active && self->partner != NULL);
  if (self->check_in_button != NULL)
    gtk_widget_set_visible (self->check_in_button, self->partner != NULL);
}

static void
on_session_event (CoachSession      *session,
                  CoachSessionEvent  kind,
                  guint              index,
                  guint              seconds_left,
                  gint64             ideal_time,
                  CoachPlayerView   *self)
{
  switch (kind)
    {
    case COACH_SESSION_EVENT_GET_READY:
    case COACH_SESSION_EVENT_SWITCH_SIDES:
    case COACH_SESSION_EVENT_STEP_STARTED:
      update_phase (self);
      update_check_ins (self);
      break;
    case COACH_SESSION_EVENT_SECOND:
      update_time (self);
      update_check_ins (self);
      break;
    case COACH_SESSION_EVENT_STEP_FINISHED:
      update_row (self, index);
      break;
    case COACH_SESSION_EVENT_ROUTINE_FINISHED:
      uninhibit (self);
      update_actions (self);
      record_session (self);
      show_summary (self);
      notify_finished (self);
      break;
    case COACH_SESSION_EVENT_COUNTDOWN:
    default:
      break;
    }
}

static void
on_session_paused (CoachSession    *session,
                   GParamSpec      *pspec,
                   CoachPlayerView *self)
{
  if (coach_session_get_state (session) != COACH_SESSION_STATE_FINISHED)
    update_phase (self);
}

static void
on_audio_problem (CoachSessionAudio *audio,
                  const char        *message,
                  CoachPlayerView   *self)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  coach_accessible_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
step_row_new (CoachPlayerView *self,
              guint            index)
{
  const CoachRoutineItem *item = coach_routine_get_item (coach_session_get_routine (self->session), index);
  CoachTechnique *technique;
  const CoachStep *step = item_step (self, index, &technique);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  g_autofree char *meta = coach_format_step_meta (item->side, item->duration);
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), coach_technique_get_name (technique), meta);

  gtk_widget_set_size_request (icon, 16, 16);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), coach_step_get_instruction (step));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  return row;
}

/* ---- Layout ------------------------------------------------------------------------- */

static void
on_fullscreened (GtkWindow       *window,
                 GParamSpec      *pspec,
                 CoachPlayerView *self)
{
  gboolean full = gtk_window_is_fullscreen (window);

  if (full)
    gtk_widget_add_css_class (GTK_WIDGET (self), "across-room");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "across-room");
  gtk_button_set_icon_name (GTK_BUTTON (self->fullscreen_button),
                            full ? "view-restore-symbolic" : "view-fullscreen-symbolic");
}

static gboolean
apply_layout (gpointer user_data)
{
  CoachPlayerView *self = user_data;
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self->info_box));

  self->layout_idle_id = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (row),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_visible (self->fullscreen_button, !self->phone);
  /* The pressure question over its answers, which need the whole width in some languages. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_revealer_get_child (self->check_in_revealer)),
                                  self->phone ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  if (self->narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
  return G_SOURCE_REMOVE;
}

/* The view lays its child out itself (AdwBin's layout manager would not tell it its width). */
static void
coach_player_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
}

static void
coach_player_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean narrow = width < NARROW_WIDTH;
  gboolean phone = width < PHONE_WIDTH;

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* Changing the layout inside an allocation would allocate again at once; do it next. */
  if (narrow != self->narrow || phone != self->phone)
    {
      self->narrow = narrow;
      self->phone = phone;
      if (self->layout_idle_id == 0)
        self->layout_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_layout, self, NULL);
    }
}

static void
coach_player_view_root (GtkWidget *widget)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (coach_player_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->watched_window = GTK_WINDOW (root);
      g_signal_connect_object (root, "notify::fullscreened", G_CALLBACK (on_fullscreened), self, 0);
    }
}

static void
coach_player_view_unroot (GtkWidget *widget)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);

  if (self->watched_window != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_window, on_fullscreened, self);
  self->watched_window = NULL;

  GTK_WIDGET_CLASS (coach_player_view_parent_class)->unroot (widget);
}

/* ---- Actions ------------------------------------------------------------------------ */

static void
control_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);

  if (self->session == NULL)
    return;
  if (g_str_equal (action_name, "player.toggle-pause"))
    coach_session_toggle_pause (self->session);
  else if (g_str_equal (action_name, "player.previous"))
    coach_session_previous (self->session);
  else if (g_str_equal (action_name, "player.next"))
    coach_session_next (self->session);
  else if (g_str_equal (action_name, "player.restart"))
    coach_session_restart_step (self->session);

  if (coach_session_get_state (self->session) != COACH_SESSION_STATE_FINISHED)
    update_phase (self);
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!GTK_IS_WINDOW (root))
    return;
  if (gtk_window_is_fullscreen (GTK_WINDOW (root)))
    gtk_window_unfullscreen (GTK_WINDOW (root));
  else
    gtk_window_fullscreen (GTK_WINDOW (root));
}

/* Leaving in the middle stops the routine; when pain is rated, the summary then asks
 * how it is now, as after a whole routine. */
static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (widget);
  CoachSessionState state = self->session != NULL ? coach_session_get_state (self->session)
                                                  : COACH_SESSION_STATE_IDLE;

  if (state != COACH_SESSION_STATE_IDLE && state != COACH_SESSION_STATE_FINISHED &&
      coach_settings_get_rate_pain (self->settings) &&
      coach_session_get_elapsed (self->session) >= G_USEC_PER_SEC)
    {
      coach_session_stop (self->session);
      uninhibit (self);
      update_actions (self);
      record_session (self);
      show_summary (self);
      return;
    }
  coach_player_view_leave (self);
}

static void
begin_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  begin (COACH_PLAYER_VIEW (widget));
}

/* ---- Object ------------------------------------------------------------------------- */

static void
clear_session (CoachPlayerView *self)
{
  record_session (self);
  save_after (self);
  g_clear_pointer (&self->record, record_job_unref);
  g_clear_pointer (&self->title, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.begin", FALSE);
  hide_check_in (self);
  g_clear_object (&self->partner);
  g_clear_pointer (&self->check_ins, g_array_unref);
  self->next_check_in = 0;
  uninhibit (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->audio);
  g_clear_object (&self->session);
}

static void
coach_player_view_dispose (GObject *object)
{
  CoachPlayerView *self = COACH_PLAYER_VIEW (object);

  clear_session (self);
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_PLAYER_VIEW);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_player_view_parent_class)->dispose (object);
}

static void
coach_player_view_class_init (CoachPlayerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_player_view_dispose;
  widget_class->measure = coach_player_view_measure;
  widget_class->size_allocate = coach_player_view_size_allocate;
  widget_class->root = coach_player_view_root;
  widget_class->unroot = coach_player_view_unroot;

  /**
   * CoachPlayerView::left:
   * @session: the session, finished or stopped, for the record
   *
   * The person left the player: after a finished routine's summary, or in the middle.
   */
  signals[SIGNAL_LEFT] =
    g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_SESSION);

  /**
   * CoachPlayerView::swap-roles:
   * @partner: the partner massage that finished, its receiver unchanged
   *
   * After a partner massage the pair asked for the second round; the player has been left.
   */
  signals[SIGNAL_SWAP_ROLES] =
    g_signal_new ("swap-roles", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_PARTNER_SESSION);

  g_type_ensure (COACH_TYPE_STEP_ILLUSTRATION);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/BackCoach/coach-player-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, info_box);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, illustration);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, phase_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, technique_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, instruction_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, next_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, time_left_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, restart_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, next_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, summary_page);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, done_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, swap_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, pressure_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, check_in_revealer);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, check_in_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, rate_title);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, rate_intro);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, before_list);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, after_box);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, after_title);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, after_list);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, change_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, note_row);

  gtk_widget_class_install_action (widget_class, "player.toggle-pause", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.previous", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.next", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.restart", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "player.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "player.begin", NULL, begin_action);
  gtk_widget_class_install_action (widget_class, "player.answer-pressure", "s", answer_pressure_action);
  gtk_widget_class_install_action (widget_class, "player.swap-roles", NULL, swap_roles_action);
  gtk_widget_class_install_action (widget_class, "player.check-in", NULL, check_in_action);
}

static void
coach_player_view_init (CoachPlayerView *self)
{
  static const CoachKey keys[] = {
    { GDK_KEY_space, "player.toggle-pause" },
    { GDK_KEY_Left, "player.previous" },
    { GDK_KEY_Right, "player.next" },
    { GDK_KEY_r, "player.restart" },
    { GDK_KEY_F11, "player.fullscreen" },
    { GDK_KEY_Escape, "player.leave" },
    { GDK_KEY_p, "player.check-in" },
  };

  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
  /* An icon in the player's crowded header bar; its tooltip and name say what it is. */
  {
    GtkWidget *stop_signals = coach_stop_signals_button_new ();

    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (stop_signals), "dialog-warning-symbolic");
    adw_header_bar_pack_end (self->header_bar, stop_signals);
  }

  coach_keys_add_capture (GTK_WIDGET (self), keys, G_N_ELEMENTS (keys));

  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.answer-pressure", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.begin", FALSE);
}

/* Gives the view the profile (get-ready count, sound choices) and the catalog. */
void
coach_player_view_setup (CoachPlayerView *self,
                         CoachSettings   *settings,
                         CoachCatalog    *catalog)
{
  g_return_if_fail (COACH_IS_PLAYER_VIEW (self));

  g_set_object (&self->settings, settings);
  g_set_object (&self->catalog, catalog);
}

/**
 * coach_player_view_start:
 * @title: the routine's name for the header, e.g. a technique's name
 * @audio_sink: (nullable): a GStreamer sink description for the cues, %NULL for the default
 *
 * Starts guiding @routine from its first step: the screen stays on until it ends.
 */
void
coach_player_view_start (CoachPlayerView *self,
                         CoachRoutine    *routine,
                         const char      *title,
                         const char      *audio_sink)
{
  coach_player_view_start_partner (self, routine, title, audio_sink, NULL);
}

/**
 * coach_player_view_start_partner:
 * @partner: (nullable): the partner massage @routine was planned for
 *
 * Like coach_player_view_start(); for a partner massage, it also asks the giver to check the
 * pressure at the interval from the preferences, follows the answers in what it shows and
 * says, and offers to swap roles at the end.
 */
void
coach_player_view_start_partner (CoachPlayerView     *self,
                                 CoachRoutine        *routine,
                                 const char          *title,
                                 const char          *audio_sink,
                                 CoachPartnerSession *partner)
{
  GtkWidget *child;

  g_return_if_fail (COACH_IS_PLAYER_VIEW (self));
  g_return_if_fail (COACH_IS_ROUTINE (routine));
  g_return_if_fail (self->settings != NULL && self->catalog != NULL);

  clear_session (self);
  if (partner != NULL)
    {
      self->partner = g_object_ref (partner);
      self->check_ins = coach_check_in_times (routine, coach_settings_get_check_in_minutes (self->settings) * 60);
    }
  self->session = coach_session_new (routine, coach_settings_get_get_ready_seconds (self->settings),
                                     NULL, NULL);
  g_object_bind_property (self->settings, "get-ready-seconds", self->session, "get-ready-seconds",
                          G_BINDING_DEFAULT);
  g_signal_connect_object (self->session, "event", G_CALLBACK (on_session_event), self, 0);
  g_signal_connect_object (self->session, "notify::paused", G_CALLBACK (on_session_paused), self, 0);

  /* Audio follows the session from here; any problem only shows a toast. */
  self->audio = coach_session_audio_new (self->session, self->catalog, self->settings, audio_sink);
  g_signal_connect_object (self->audio, "problem", G_CALLBACK (on_audio_problem), self, 0);
  update_pressure (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);
  for (guint i = 0; i < coach_session_get_n_items (self->session); i++)
    gtk_list_box_append (self->steps_list, step_row_new (self, i));

  adw_window_title_set_title (self->window_title, title);
  {
    g_autofree char *length = coach_format_minutes (coach_routine_get_total_duration (routine));
    adw_window_title_set_subtitle (self->window_title, length);
  }
  self->title = g_strdup (title);

  if (coach_settings_get_rate_pain (self->settings))
    show_ratings_before (self);
  else
    begin (self);
}

/* The routine itself begins: after the pain rating, when one is asked for. */
static void
begin (CoachPlayerView *self)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->session == NULL || coach_session_get_state (self->session) != COACH_SESSION_STATE_IDLE)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.begin", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "session");

  self->inhibiting = TRUE;
  if (app != NULL)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_APPLICATION_INHIBIT_IDLE |
                                                    GTK_APPLICATION_INHIBIT_SUSPEND,
                                                    _("A guided routine is running"));

  self->started_at = g_get_real_time () / G_USEC_PER_SEC;
  coach_session_attach (self->session, NULL);
  coach_session_start (self->session);
  update_actions (self);
  update_phase (self);
  gtk_widget_grab_focus (self->pause_button);
}

/* Stops the routine if it still runs, leaves full screen and hands the session on. */
void
coach_player_view_leave (CoachPlayerView *self)
{
  g_autoptr(CoachSession) session = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (COACH_IS_PLAYER_VIEW (self));

  if (self->session == NULL)
    return;

  session = g_object_ref (self->session);
  coach_session_stop (session);
  clear_session (self);
  update_actions (self);
  if (GTK_IS_WINDOW (root) && gtk_window_is_fullscreen (GTK_WINDOW (root)))
    gtk_window_unfullscreen (GTK_WINDOW (root));
  g_signal_emit (self, signals[SIGNAL_LEFT], 0, session);
}

/* Returns: (transfer none) (nullable): the partner massage on show, if it is one. */
CoachPartnerSession *
coach_player_view_get_partner (CoachPlayerView *self)
{
  g_return_val_if_fail (COACH_IS_PLAYER_VIEW (self), NULL);

  return self->partner;
}

/* Whether a pressure check-in is on show. */
gboolean
coach_player_view_is_checking_in (CoachPlayerView *self)
{
  g_return_val_if_fail (COACH_IS_PLAYER_VIEW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->check_in_revealer);
}

/* Returns: (transfer none) (nullable): the session on show. */
CoachSession *
coach_player_view_get_session (CoachPlayerView *self)
{
  g_return_val_if_fail (COACH_IS_PLAYER_VIEW (self), NULL);

  return self->session;
}

/* Returns: (transfer none) (nullable): the audio following the session. */
CoachSessionAudio *
coach_player_view_get_audio (CoachPlayerView *self)
{
  g_return_val_if_fail (COACH_IS_PLAYER_VIEW (self), NULL);

  return self->audio;
}

const char *
coach_player_view_get_countdown (CoachPlayerView *self)
{
  g_return_val_if_fail (COACH_IS_PLAYER_VIEW (self), NULL);

  return gtk_label_get_label (self->countdown_label);
}

const char *
coach_player_view_get_page (CoachPlayerView *self)
{
  g_return_val_if_fail (COACH_IS_PLAYER_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* Whether the view asked the desktop not to blank, lock or suspend: while a routine runs. */
gboolean
coach_player_view_keeps_screen_on (CoachPlayerView *self)
{
  g_return_val_if_fail (COACH_IS_PLAYER_VIEW (self), FALSE);

  return self->inhibiting;
}
