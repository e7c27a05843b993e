/* coach-window.c: the main window: header bar, view switcher and the main views.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-window"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-partner-view.h"
#include "coach-history-view.h"
#include "coach-player-view.h"
#include "coach-safety.h"
#include "coach-techniques-view.h"
#include "coach-today-view.h"
#include "coach-window.h"

struct _CoachWindow
{
  AdwApplicationWindow  parent_instance;

  GtkStack             *main_stack;
  CoachPlayerView      *player_view;
  CoachPartnerView     *partner_view;      /* NULL until a partner massage is set up */
  AdwViewStack         *stack;
  CoachTodayView       *today_view;
  AdwBin               *techniques_slot;
  AdwBin               *history_slot;
  CoachHistoryView     *history_view;
  CoachTechniquesView  *techniques_view;   /* NULL until first shown */
  AdwToastOverlay      *toast_overlay;
  gboolean              start_when_planned;  /* asked to start while today's plan was on its way */
};

G_DEFINE_FINAL_TYPE (CoachWindow, coach_window, ADW_TYPE_APPLICATION_WINDOW)

static CoachSettings *
get_settings (CoachWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? coach_application_get_settings (COACH_APPLICATION (app)) : NULL;
}

static gboolean
coach_window_close_request (GtkWindow *window)
{
  CoachWindow *self = COACH_WINDOW (window);
  CoachSettings *settings = get_settings (self);
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      coach_settings_save_window_state (settings, width, height,
                                        gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (coach_window_parent_class)->close_request (window);
}

/* The application is set after construction, so this runs from coach_window_new (). */
static void
restore_window_state (CoachWindow *self)
{
  CoachSettings *settings = get_settings (self);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               coach_settings_get_window_width (settings),
                               coach_settings_get_window_height (settings));
  if (coach_settings_get_window_maximized (settings))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  coach_window_set_view (COACH_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_player_left (CoachPlayerView *player,
                CoachSession    *session,
                CoachWindow     *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "main");

  if (coach_session_get_stopped (session))
    {
      g_autofree char *title = NULL;

      /* Translators: "Routine stopped after 3 of 12 steps" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Routine stopped after %u of %u step",
                                            "Routine stopped after %u of %u steps",
                                            coach_session_get_n_items (session)),
                               coach_session_get_n_done (session), coach_session_get_n_items (session));
      coach_accessible_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static CoachPartnerView *ensure_partner_view (CoachWindow *self);

/* After a partner massage, the other one's turn: their safety check first. */
static void
on_swap_roles (CoachPlayerView     *player,
               CoachPartnerSession *session,
               CoachWindow         *self)
{
  CoachPartnerView *view = ensure_partner_view (self);

  coach_partner_view_swap_roles (view, session);
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (view));
}

/* The player is built the first time a routine starts: start-up does not pay for it. */
static CoachPlayerView *
ensure_player (CoachWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->player_view == NULL)
    {
      self->player_view = g_object_new (COACH_TYPE_PLAYER_VIEW, NULL);
      coach_player_view_setup (self->player_view,
                               coach_application_get_settings (COACH_APPLICATION (app)),
                               coach_application_get_catalog (COACH_APPLICATION (app)));
      g_signal_connect_object (self->player_view, "left", G_CALLBACK (on_player_left), self, 0);
      g_signal_connect_object (self->player_view, "swap-roles", G_CALLBACK (on_swap_roles), self, 0);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->player_view), "player");
    }
  return self->player_view;
}

/* Refuses with a message while the safety check says to see a doctor first. */
static gboolean
check_safety (CoachWindow *self)
{
  CoachSettings *settings = get_settings (self);
  g_autoptr(GError) error = NULL;

  if (settings == NULL ||
      coach_safety_status_allows_routines (coach_settings_get_safety_status (settings), &error))
    return TRUE;
  coach_accessible_add_toast (self->toast_overlay, adw_toast_new (error->message));
  return FALSE;
}

/**
 * coach_window_start_routine:
 * @title: the name shown above the player
 *
 * Shows the player and starts guiding @routine.
 */
void
coach_window_start_routine (CoachWindow  *self,
                            CoachRoutine *routine,
                            const char   *title)
{
  CoachPlayerView *player;

  g_return_if_fail (COACH_IS_WINDOW (self));
  g_return_if_fail (COACH_IS_ROUTINE (routine));

  if (!check_safety (self))
    return;
  player = ensure_player (self);
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (player));
  coach_player_view_start (player, routine, title, g_getenv ("BACKCOACH_AUDIO_SINK"));
}

static void
on_partner_start (CoachPartnerView    *view,
                  CoachPartnerSession *session,
                  CoachRoutine        *routine,
                  CoachWindow         *self)
{
  CoachPlayerView *player = ensure_player (self);

  /* The receiver's own safety check has just been answered, in the setup. */
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (player));
  coach_player_view_start_partner (player, routine, coach_routine_get_name (routine),
                                   g_getenv ("BACKCOACH_AUDIO_SINK"), session);
}

static void
on_partner_closed (CoachPartnerView *view,
                   CoachWindow      *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "main");
}

/* Built the first time a partner massage is set up: start-up does not pay for it. */
static CoachPartnerView *
ensure_partner_view (CoachWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->partner_view == NULL)
    {
      CoachApplication *coach_app = COACH_APPLICATION (app);
      const char *problem = NULL;
      CoachPartnerStore *store = coach_application_get_partner_store (coach_app, &problem);

      self->partner_view = coach_partner_view_new (coach_application_get_settings (coach_app),
                                                   coach_application_get_catalog (coach_app), store);
      g_signal_connect_object (self->partner_view, "start", G_CALLBACK (on_partner_start), self, 0);
      g_signal_connect_object (self->partner_view, "closed", G_CALLBACK (on_partner_closed), self, 0);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->partner_view), "partner");
      if (problem != NULL)
        coach_accessible_add_toast (self->toast_overlay, adw_toast_new (problem));
    }
  return self->partner_view;
}

static void
partner_session_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CoachWindow *self = COACH_WINDOW (widget);
  CoachPartnerView *view = ensure_partner_view (self);

  coach_partner_view_begin (view);
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (view));
}

static void
start_todays_routine (CoachWindow *self)
{
  CoachRoutine *routine = coach_today_view_get_routine (self->today_view);

  self->start_when_planned = FALSE;
  if (routine != NULL)
    {
      coach_window_start_routine (self, routine, _("Today’s Routine"));
      return;
    }
  if (coach_today_view_is_planning (self->today_view))
    {
      /* Launched with the routine asked for at once: it starts as soon as it is planned. */
      self->start_when_planned = TRUE;
      return;
    }
  /* Today's view says why there is none: rest, a doctor first, or nothing suitable. */
  adw_view_stack_set_visible_child_name (self->stack, "today");
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  if (check_safety (self))
    coach_accessible_add_toast (self->toast_overlay,
                                adw_toast_new (_("There is no routine to start yet: see the Today view")));
}

static void
on_plan_finished (CoachTodayView *view,
                  CoachWindow    *self)
{
  if (self->start_when_planned)
    start_todays_routine (self);
}

static void
start_routine_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  start_todays_routine (COACH_WINDOW (widget));
}

static void
practise_technique_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CoachWindow *self = COACH_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CoachCatalog *catalog = coach_application_get_catalog (COACH_APPLICATION (app));
  CoachSettings *settings = get_settings (self);
  CoachTechnique *technique = coach_catalog_lookup (catalog, g_variant_get_string (parameter, NULL));
  g_autoptr(CoachRoutine) routine = NULL;
  CoachCondition condition;

  if (technique == NULL)
    return;

  /* A preference to avoid a method is the person's own to override; a health condition is not. */
  if (!coach_safety_allows (technique, coach_settings_get_conditions (settings), &condition))
    {
      g_autofree char *message =
        g_strdup_printf (_("This technique is not suitable with %s. Choose another card."),
                         coach_vocab_get_label (COACH_VOCAB_CONDITION, condition));
      coach_accessible_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  routine = coach_routine_new (coach_technique_get_name (technique));
  for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
    {
      const CoachStep *step = coach_technique_get_step (technique, n);
      coach_routine_append (routine, coach_technique_get_id (technique), n, step->duration, step->side);
    }
  coach_window_start_routine (self, routine, coach_technique_get_name (technique));
}

/**
 * coach_window_open_flow:
 * @flow: "start-routine" or "partner-session"
 *
 * Starts today's routine or the setup of a partner massage, as the desktop file's actions
 * ask. A routine or setup already under way is left as it is and only shown.
 */
void
coach_window_open_flow (CoachWindow *self,
                        const char  *flow)
{
  g_return_if_fail (COACH_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    {
      coach_accessible_add_toast (self->toast_overlay,
                                  adw_toast_new (_("Finish or leave what is under way first")));
      return;
    }
  if (g_str_equal (flow, "start-routine"))
    start_todays_routine (self);
  else if (g_str_equal (flow, "partner-session"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.partner-session", NULL);
  else
    g_warning ("No flow named “%s”", flow);
}

static void
coach_window_class_init (CoachWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = coach_window_close_request;

  g_type_ensure (COACH_TYPE_TODAY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/BackCoach/coach-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, today_view);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, techniques_slot);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, history_slot);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.start-routine", NULL, start_routine_action);
  gtk_widget_class_install_action (widget_class, "win.practise-technique", "s", practise_technique_action);
  gtk_widget_class_install_action (widget_class, "win.partner-session", NULL, partner_session_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.start-routine", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "today");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "techniques");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-view", "s", "history");
}

/* The cards and the history are built when first shown: building views nobody has opened
 * would slow start-up for nothing. */
static void
on_visible_child_changed (AdwViewStack *stack,
                          GParamSpec   *pspec,
                          CoachWindow  *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (stack);

  if (child == GTK_WIDGET (self->techniques_slot))
    coach_window_get_techniques_view (self);
  else if (child == GTK_WIDGET (self->history_slot))
    coach_window_get_history_view (self);
}

static void
coach_window_init (CoachWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed), self, 0);
  g_signal_connect_object (self->today_view, "plan-finished",
                           G_CALLBACK (on_plan_finished), self, 0);
}

CoachWindow *
coach_window_new (CoachApplication *application)
{
  CoachWindow *self = g_object_new (COACH_TYPE_WINDOW, "application", application, NULL);

  restore_window_state (self);
  coach_today_view_setup (self->today_view,
                          coach_application_get_settings (application),
                          coach_application_get_catalog (application));

  return self;
}

const char *
coach_window_get_view (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
coach_window_set_view (CoachWindow *self,
                       const char  *name)
{
  g_return_if_fail (COACH_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* Returns: (transfer none): the partner massage setup, built now if it was not yet. */
CoachPartnerView *
coach_window_get_partner_view (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  return ensure_partner_view (self);
}

/* Returns: (transfer none) (nullable): the player, once a routine has started. */
CoachPlayerView *
coach_window_get_player_view (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  return self->player_view;
}

/* Returns: (transfer none): the view with every technique card. */
CoachTechniquesView *
coach_window_get_techniques_view (CoachWindow *self)
{
  GtkApplication *app;

  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  /* Built on first use: start-up only pays for the view on screen. */
  if (self->techniques_view == NULL)
    {
      app = gtk_window_get_application (GTK_WINDOW (self));
      self->techniques_view = g_object_new (COACH_TYPE_TECHNIQUES_VIEW, NULL);
      adw_bin_set_child (self->techniques_slot, GTK_WIDGET (self->techniques_view));
      coach_techniques_view_setup (self->techniques_view,
                                   coach_application_get_settings (COACH_APPLICATION (app)),
                                   coach_application_get_catalog (COACH_APPLICATION (app)));
    }
  return self->techniques_view;
}

/* Returns: (transfer none): the history view, built on first use. */
CoachHistoryView *
coach_window_get_history_view (CoachWindow *self)
{
  CoachApplication *app;

  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  if (self->history_view == NULL)
    {
      app = COACH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
      self->history_view = coach_history_view_new (coach_application_get_history_store (app),
                                                   coach_application_get_settings (app));
      adw_bin_set_child (self->history_slot, GTK_WIDGET (self->history_view));
    }
  return self->history_view;
}

/* Returns: (transfer none): the start view with today's routine. */
CoachTodayView *
coach_window_get_today_view (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);

  return self->today_view;
}

void
coach_window_add_toast (CoachWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (COACH_IS_WINDOW (self));

  coach_accessible_add_toast (self->toast_overlay, toast);
}
