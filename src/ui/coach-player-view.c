/* coach-player-view.c: the guided routine: the step's illustration, a countdown readable across
 * the room, what comes next, and the controls.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session engine owns the timing; this view only shows its events. The display changes
 * once per second, on the engine's SECOND events, which are aligned to the step deadlines. */
#define G_LOG_DOMAIN "coach-player-view"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-format.h"
#include "coach-keys.h"
#include "coach-player-view.h"
#include "coach-session-audio.h"
#include "coach-step-illustration.h"
#include "coach-stop-signals.h"

/* Below this width the illustration goes above the text and the type gets smaller. */
#define NARROW_WIDTH 640

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
  GtkWidget             *pause_button;
  AdwStatusPage         *summary_page;
  GtkWidget             *done_button;
  GtkWidget             *swap_button;
  GtkLabel              *pressure_label;
  GtkRevealer           *check_in_revealer;
  GtkLabel              *check_in_label;
  GtkWidget             *check_in_button;

  /* A partner massage: check-ins at the interval, the pressure the receiver asked for. */
  CoachPartnerSession   *partner;
  GArray                *check_ins;      /* guint: seconds of massage */
  guint                  next_check_in;
  guint                  check_in_timeout_id;
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
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? 1.0 - (double) left / total : 1.0);
  /* Translators: time left in the whole routine, e.g. "12:30 left" */
  left_text = g_strdup_printf (_("%u:%02u left"), left_seconds / 60, left_seconds % 60);
  gtk_label_set_label (self->time_left_label, left_text);
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
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* Changing the layout inside an allocation would allocate again at once; do it next. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
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

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  coach_player_view_leave (COACH_PLAYER_VIEW (widget));
}

/* ---- Object ------------------------------------------------------------------------- */

static void
clear_session (CoachPlayerView *self)
{
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
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, summary_page);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, done_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, swap_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, pressure_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, check_in_revealer);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, check_in_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPlayerView, check_in_button);

  gtk_widget_class_install_action (widget_class, "player.toggle-pause", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.previous", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.next", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.restart", NULL, control_action);
  gtk_widget_class_install_action (widget_class, "player.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "player.leave", NULL, leave_action);
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
  /* An icon in the player's crowded header bar; its tooltip and name say what it is. */
  {
    GtkWidget *stop_signals = coach_stop_signals_button_new ();

    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (stop_signals), "dialog-warning-symbolic");
    gtk_accessible_update_property (GTK_ACCESSIBLE (stop_signals), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Stop Signals"), -1);
    adw_header_bar_pack_end (self->header_bar, stop_signals);
  }

  coach_keys_add_capture (GTK_WIDGET (self), keys, G_N_ELEMENTS (keys));

  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.answer-pressure", FALSE);
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
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
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
  gtk_stack_set_visible_child_name (self->stack, "session");

  self->inhibiting = TRUE;
  if (app != NULL)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_APPLICATION_INHIBIT_IDLE |
                                                    GTK_APPLICATION_INHIBIT_SUSPEND,
                                                    _("A guided routine is running"));

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
