/* coach-today-view.c: the start view: today's routine, planned from the preferences.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The routine is planned on a worker thread (the first plan also reads the catalog), and
 * again whenever a preference the planner reads changes, so it always follows them. A red
 * flag from the safety check replaces the routine with advice to get care. */
#define G_LOG_DOMAIN "coach-today-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-format.h"
#include "coach-planner.h"
#include "coach-safety.h"
#include "coach-stop-signals.h"
#include "coach-today-view.h"

struct _CoachTodayView
{
  AdwBin          parent_instance;

  CoachSettings  *settings;
  CoachCatalog   *catalog;
  CoachPlanner   *planner;
  CoachRoutine   *routine;
  guint32         seed;
  guint           plan_idle_id;
  gboolean        planning;      /* a plan is being made on a worker thread */
  gboolean        dirty;         /* preferences changed while it was */
  GCancellable   *cancellable;

  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkLabel       *summary_label;
  GtkLabel       *notes_label;
  GtkWidget      *stop_box;
  GtkWidget      *start_buttons;
  GtkWidget      *reminder_list;
  GtkListBox     *routine_list;
  GtkListBox     *reasons_list;
  AdwStatusPage  *blocked_page;
  AdwStatusPage  *problem_page;
};

enum {
  SIGNAL_PLAN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CoachTodayView, coach_today_view, ADW_TYPE_BIN)

typedef struct {
  CoachPlanRequest  request;
  GStrv             chosen;     /* the request's own copy: settings may change meanwhile */
  CoachRoutine     *routine;
  GPtrArray        *reasons;
} PlanData;

static void
plan_data_free (PlanData *data)
{
  g_clear_object (&data->routine);
  g_clear_pointer (&data->reasons, g_ptr_array_unref);
  g_strfreev (data->chosen);
  g_free (data);
}

static void schedule_plan (CoachTodayView *self);

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* What a row is for. A warm-up or finish technique may also lend steps to the focus part
 * in between, so only the first row is the warm-up and only the last the finish. */
static const char *
role_label (GPtrArray      *reasons,
            CoachTechnique *technique,
            gboolean        first,
            gboolean        last)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      CoachPlanReason *reason = g_ptr_array_index (reasons, i);

      if (reason->technique != technique)
        continue;
      switch (reason->kind)
        {
        case COACH_PLAN_INCLUDED_WARM_UP:
          return first ? C_("routine part", "Warm-up") : C_("routine part", "Focus");
        case COACH_PLAN_INCLUDED_FOCUS:
          return C_("routine part", "Focus");
        case COACH_PLAN_INCLUDED_FINISH:
          return last ? C_("routine part", "Calm finish") : C_("routine part", "Focus");
        default:
          return NULL;
        }
    }
  return NULL;
}

static GtkWidget *
step_row_new (CoachTechnique         *technique,
              const CoachRoutineItem *item)
{
  const CoachStep *step = coach_technique_get_step (technique, item->step);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = coach_format_step_meta (item->side, item->duration);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), coach_step_get_instruction (step));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* One expandable row per technique, with its steps inside. */
static void
show_routine (CoachTodayView *self,
              CoachRoutine   *routine,
              GPtrArray      *reasons)
{
  guint n = coach_routine_get_n_items (routine);
  guint32 regions = coach_settings_get_sore_regions (self->settings);
  guint32 conditions = coach_settings_get_conditions (self->settings);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *total = coach_format_minutes (coach_routine_get_total_duration (routine));
  g_autofree char *summary = NULL;
  GtkWidget *reasons_row;

  g_set_object (&self->routine, routine);
  clear_list (self->routine_list);

  for (guint i = 0; i < n; )
    {
      guint count, seconds = 0;
      const CoachRoutineItem *item = coach_routine_get_item (routine, i);
      CoachTechnique *technique = coach_catalog_lookup (self->catalog, item->technique);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *duration = NULL;
      g_autofree char *subtitle = NULL;
      const char *role;

      /* One row for each run of steps of the same technique. */
      for (count = 0; i + count < n; count++)
        {
          const CoachRoutineItem *step_item = coach_routine_get_item (routine, i + count);

          if (g_strcmp0 (step_item->technique, item->technique) != 0)
            break;
          seconds += step_item->duration;
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), step_row_new (technique, step_item));
        }

      duration = coach_format_minutes (seconds);
      role = role_label (reasons, technique, i == 0, i + count == n);
      /* Translators: "Warm-up · 2 minutes" */
      subtitle = role != NULL ? g_strdup_printf (_("%s · %s"), role, duration) : g_steal_pointer (&duration);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), coach_technique_get_name (technique));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      gtk_widget_set_name (row, coach_technique_get_id (technique));
      gtk_list_box_append (self->routine_list, row);

      i += count;
    }

  {
    g_autofree char *labels = coach_format_mask (COACH_VOCAB_REGION, regions);
    g_string_append (where, labels);
  }
  if (where->len == 0)
    g_string_append (where, _("gentle work for the whole back"));
  /* Translators: "15 minutes · Neck, Lower back" */
  summary = g_strdup_printf (_("%s · %s"), total, where->str);
  gtk_label_set_label (self->summary_label, summary);

  for (guint c = 0; c < COACH_N_CONDITIONS; c++)
    {
      const char *note = (conditions & COACH_MASK (c)) ? coach_safety_get_condition_note (c) : NULL;

      if (note != NULL && strstr (notes->str, note) == NULL)
        g_string_append_printf (notes, "%s%s", notes->len > 0 ? " " : "", note);
    }
  gtk_label_set_label (self->notes_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes->len > 0);

  /* The planner's reason for every technique, in or out. */
  clear_list (self->reasons_list);
  reasons_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reasons_row), _("Why These Techniques"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (reasons_row),
                                 _("What the plan includes and leaves out, and why"));
  for (guint i = 0; i < reasons->len; i++)
    {
      CoachPlanReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     coach_technique_get_name (reason->technique));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason->text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (reasons_row), row);
    }
  gtk_list_box_append (self->reasons_list, reasons_row);

  gtk_stack_set_visible_child_name (self->stack, "routine");
}

static void
show_problem (CoachTodayView *self,
              const GError   *error)
{
  const char *title;

  if (g_error_matches (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_POSTPONE))
    title = _("Rest Today");
  else if (g_error_matches (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE))
    title = _("Nothing Suitable Left");
  else
    title = _("No Routine Planned");

  g_clear_object (&self->routine);
  adw_status_page_set_title (self->problem_page, title);
  adw_status_page_set_description (self->problem_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CoachTodayView *self = source_object;
  PlanData *data = task_data;
  GError *error = NULL;

  data->routine = coach_planner_plan (self->planner, &data->request, &data->reasons, &error);
  if (data->routine == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
plan_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CoachTodayView *self;
  PlanData *data;

  /* The view may be gone: a cancelled task means it was disposed. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = COACH_TODAY_VIEW (object);
  data = g_task_get_task_data (G_TASK (result));
  self->planning = FALSE;
  gtk_spinner_stop (self->spinner);

  if (self->dirty)
    {
      self->dirty = FALSE;
      schedule_plan (self);
      return;
    }

  if (error != NULL)
    show_problem (self, error);
  else
    show_routine (self, data->routine, data->reasons);
  g_signal_emit (self, signals[SIGNAL_PLAN_FINISHED], 0);
}

static gboolean
start_plan (gpointer user_data)
{
  CoachTodayView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  PlanData *data;
  CoachSafetyStatus status;

  self->plan_idle_id = 0;

  if (self->planning)
    {
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }

  status = coach_settings_get_safety_status (self->settings);
  gtk_widget_set_visible (self->reminder_list, status == COACH_SAFETY_STATUS_UNCHECKED);
  if (!coach_safety_status_allows_routines (status, &error))
    {
      g_clear_object (&self->routine);
      adw_status_page_set_title (self->blocked_page,
                                 status == COACH_SAFETY_STATUS_EMERGENCY ? _("Get Medical Help Now")
                                                                         : _("See a Doctor First"));
      adw_status_page_set_description (self->blocked_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "blocked");
      g_signal_emit (self, signals[SIGNAL_PLAN_FINISHED], 0);
      return G_SOURCE_REMOVE;
    }

  data = g_new0 (PlanData, 1);
  coach_plan_request_init (&data->request);
  coach_settings_fill_plan_request (self->settings, &data->request);
  data->chosen = g_strdupv ((char **) data->request.chosen);
  data->request.chosen = (const char * const *) data->chosen;
  data->request.seed = self->seed;

  self->planning = TRUE;
  if (self->routine == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  task = g_task_new (self, self->cancellable, plan_done, NULL);
  g_task_set_source_tag (task, start_plan);
  g_task_set_task_data (task, data, (GDestroyNotify) plan_data_free);
  g_task_run_in_thread (task, plan_thread);

  return G_SOURCE_REMOVE;
}

/* Preferences often change several keys at once (a reset); one plan follows them all. */
static void
schedule_plan (CoachTodayView *self)
{
  if (self->plan_idle_id == 0)
    self->plan_idle_id = g_idle_add (start_plan, self);
}

static void
on_settings_notify (CoachSettings  *settings,
                    GParamSpec     *pspec,
                    CoachTodayView *self)
{
  if (coach_settings_is_plan_property (pspec))
    schedule_plan (self);
}

static void
plan_another_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CoachTodayView *self = COACH_TODAY_VIEW (widget);

  self->seed++;
  schedule_plan (self);
}

static void
coach_today_view_dispose (GObject *object)
{
  CoachTodayView *self = COACH_TODAY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->plan_idle_id, g_source_remove);
  /* AdwBin unparents its child itself; the template must not do it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_TODAY_VIEW);
  g_clear_object (&self->routine);
  g_clear_object (&self->planner);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (coach_today_view_parent_class)->dispose (object);
}

static void
coach_today_view_class_init (CoachTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_today_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/BackCoach/coach-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, notes_label);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, start_buttons);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, stop_box);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, reminder_list);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, routine_list);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, blocked_page);
  gtk_widget_class_bind_template_child (widget_class, CoachTodayView, problem_page);

  gtk_widget_class_install_action (widget_class, "today.plan-another", NULL, plan_another_action);

  /**
   * CoachTodayView::plan-finished:
   *
   * The view shows the outcome of planning: a routine, or why there is none.
   */
  signals[SIGNAL_PLAN_FINISHED] =
    g_signal_new ("plan-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
coach_today_view_init (CoachTodayView *self)
{
  GtkWidget *stop_button;

  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));

  /* The flow box only lays the buttons out: the buttons take the focus, not its cells. */
  for (GtkWidget *cell = gtk_widget_get_first_child (self->start_buttons); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    gtk_widget_set_focusable (cell, FALSE);

  self->cancellable = g_cancellable_new ();
  stop_button = coach_stop_signals_button_new ();
  gtk_widget_set_halign (stop_button, GTK_ALIGN_END);
  gtk_widget_set_margin_end (stop_button, 12);
  gtk_widget_set_margin_bottom (stop_button, 12);
  gtk_widget_add_css_class (stop_button, "flat");
  gtk_box_append (GTK_BOX (self->stop_box), stop_button);
}

/* Starts planning from @settings with the techniques of @catalog, and keeps following them. */
void
coach_today_view_setup (CoachTodayView *self,
                        CoachSettings  *settings,
                        CoachCatalog   *catalog)
{
  g_return_if_fail (COACH_IS_TODAY_VIEW (self));
  g_return_if_fail (COACH_IS_SETTINGS (settings));
  g_return_if_fail (COACH_IS_CATALOG (catalog));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->catalog = g_object_ref (catalog);
  self->planner = coach_planner_new (catalog);
  g_signal_connect_object (settings, "notify", G_CALLBACK (on_settings_notify), self, 0);
  schedule_plan (self);
}

/* Returns: what the view shows: "loading", "routine", "blocked" or "problem". */
const char *
coach_today_view_get_state (CoachTodayView *self)
{
  g_return_val_if_fail (COACH_IS_TODAY_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* Whether a new plan is on its way, after a change of preferences. */
gboolean
coach_today_view_is_planning (CoachTodayView *self)
{
  g_return_val_if_fail (COACH_IS_TODAY_VIEW (self), FALSE);

  return self->planning || self->plan_idle_id != 0;
}

/* Returns: (transfer none) (nullable): the routine shown, if any. */
CoachRoutine *
coach_today_view_get_routine (CoachTodayView *self)
{
  g_return_val_if_fail (COACH_IS_TODAY_VIEW (self), NULL);

  return self->routine;
}
