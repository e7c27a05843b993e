/* coach-safety-check.c: the welcome and safety check: red flags, then the profile.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown on first launch and again from the main menu. Every red flag gets its own yes or no;
 * the answers are stored as soon as they are given, so closing the window afterwards cannot
 * hide an emergency answer. An emergency or see-a-doctor answer holds routines back (see
 * coach_safety_status_allows_routines) until a new check is clear. */
#define G_LOG_DOMAIN "coach-safety-check"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-profile-rows.h"
#include "coach-safety-check.h"

/* An answer not given yet. */
#define UNANSWERED (-1)

struct _CoachSafetyCheck
{
  AdwWindow             parent_instance;

  CoachSettings        *settings;
  gboolean              welcome;
  GPtrArray            *history;      /* names of the pages left behind, for Back */
  int                  *answers;      /* UNANSWERED, FALSE or TRUE per red flag */
  GtkWidget            *body_map;

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkWidget            *back_button;
  GtkWidget            *skip_button;
  AdwPreferencesGroup  *emergency_group;
  AdwPreferencesGroup  *doctor_group;
  AdwPreferencesGroup  *regions_group;
  AdwPreferencesGroup  *families_group;
  AdwPreferencesGroup  *equipment_group;
  AdwPreferencesGroup  *at_hand_group;
  AdwPreferencesGroup  *conditions_group;
  GtkWidget            *red_flags_continue;
  AdwStatusPage        *done_page;
  GtkWidget            *done_button;
};

G_DEFINE_FINAL_TYPE (CoachSafetyCheck, coach_safety_check, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_WELCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages that end the check: nothing to skip, and the check counts as done. */
static gboolean
is_final_page (const char *name)
{
  return g_strcmp0 (name, "emergency") == 0 || g_strcmp0 (name, "done") == 0;
}

static void
update_header (CoachSafetyCheck *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  GtkStackPage *page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));

  adw_window_title_set_subtitle (self->window_title, gtk_stack_page_get_title (page));
  gtk_widget_set_visible (self->back_button, self->history->len > 0 && g_strcmp0 (name, "done") != 0);
  gtk_widget_set_visible (self->skip_button, !is_final_page (name));
}

/* Keyboard users land on the page's first control, usually the way forward. */
static void
focus_page (CoachSafetyCheck *self)
{
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
coach_safety_check_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (coach_safety_check_parent_class)->map (widget);
  focus_page (COACH_SAFETY_CHECK (widget));
}

static void
show_page (CoachSafetyCheck *self,
           const char       *name)
{
  g_ptr_array_add (self->history, g_strdup (gtk_stack_get_visible_child_name (self->stack)));
  gtk_stack_set_visible_child_name (self->stack, name);
  if (is_final_page (name))
    g_object_set (self->settings, "first-run-done", TRUE, NULL);
  update_header (self);
  focus_page (self);
}

static void
on_back_clicked (CoachSafetyCheck *self)
{
  g_autofree char *name = NULL;

  if (self->history->len == 0)
    return;

  name = g_ptr_array_steal_index (self->history, self->history->len - 1);
  gtk_stack_set_visible_child_name (self->stack, name);
  update_header (self);
  focus_page (self);
}

/* Skip, Close and the last page's button all close the window. Skipping still counts as
 * having seen the welcome: it is not shown again by itself, and the menu's "Safety Check"
 * opens it whenever wanted. */
static void
on_close_clicked (CoachSafetyCheck *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
coach_safety_check_close_request (GtkWindow *window)
{
  CoachSafetyCheck *self = COACH_SAFETY_CHECK (window);

  g_object_set (self->settings, "first-run-done", TRUE, NULL);

  return GTK_WINDOW_CLASS (coach_safety_check_parent_class)->close_request (window);
}

static void
on_welcome_continue (CoachSafetyCheck *self)
{
  show_page (self, "red-flags");
}

static gboolean
all_answered (CoachSafetyCheck *self)
{
  for (guint i = 0; i < coach_safety_get_n_red_flags (); i++)
    if (self->answers[i] == UNANSWERED)
      return FALSE;
  return TRUE;
}

static void
on_red_flags_continue (CoachSafetyCheck *self)
{
  guint n = coach_safety_get_n_red_flags ();
  g_autofree gboolean *yes = g_new0 (gboolean, n);
  CoachSafetyStatus status;

  if (!all_answered (self))
    return;

  for (guint i = 0; i < n; i++)
    yes[i] = self->answers[i] == TRUE;
  status = coach_safety_status_from_answers (yes, n);
  coach_settings_set_safety_status (self->settings, status);

  switch (status)
    {
    case COACH_SAFETY_STATUS_EMERGENCY:
      show_page (self, "emergency");
      break;
    case COACH_SAFETY_STATUS_SEE_DOCTOR:
      show_page (self, "see-doctor");
      break;
    case COACH_SAFETY_STATUS_CLEAR:
    case COACH_SAFETY_STATUS_UNCHECKED:
    default:
      show_page (self, "regions");
      break;
    }
}

static void
on_setup_continue (CoachSafetyCheck *self)
{
  show_page (self, "regions");
}

static void
on_regions_continue (CoachSafetyCheck *self)
{
  show_page (self, "avoid");
}

static void
on_avoid_continue (CoachSafetyCheck *self)
{
  show_page (self, "conditions");
}

static void
on_conditions_continue (CoachSafetyCheck *self)
{
  g_autoptr(GError) error = NULL;

  /* After a see-a-doctor answer the last page must not promise a routine. */
  if (!coach_safety_status_allows_routines (coach_settings_get_safety_status (self->settings),
                                            &error))
    {
      adw_status_page_set_title (self->done_page, _("Set Up, No Routine Yet"));
      adw_status_page_set_description (self->done_page, error->message);
      gtk_button_set_label (GTK_BUTTON (self->done_button), _("_Close"));
    }
  show_page (self, "done");
}

typedef struct {
  CoachSafetyCheck *self;
  guint             index;
  gboolean          yes;
} Answer;

static void
on_answer_toggled (GtkToggleButton *button,
                   Answer          *answer)
{
  CoachSafetyCheck *self = answer->self;

  if (!gtk_toggle_button_get_active (button))
    return;

  self->answers[answer->index] = answer->yes;
  gtk_widget_set_sensitive (self->red_flags_continue, all_answered (self));
  if (all_answered (self))
    gtk_widget_set_tooltip_text (self->red_flags_continue, NULL);
}

static GtkWidget *
answer_button_new (CoachSafetyCheck *self,
                   guint             index,
                   gboolean          yes,
                   const char       *symptom)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (yes ? _("_Yes") : _("_No"));
  Answer *answer = g_new (Answer, 1);
  g_autofree char *name = g_strdup_printf ("red-flag-%u-%s", index, yes ? "yes" : "no");

  *answer = (Answer) { self, index, yes };
  gtk_widget_set_name (button, name);
  /* The symptom goes with the answer, so "Yes" is never heard on its own. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, symptom,
                                  -1);
  g_signal_connect_data (button, "toggled", G_CALLBACK (on_answer_toggled), answer,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  return button;
}

static void
add_red_flag_rows (CoachSafetyCheck *self)
{
  for (guint i = 0; i < coach_safety_get_n_red_flags (); i++)
    {
      CoachRedFlagSeverity severity;
      const char *symptom = coach_safety_get_red_flag (i, &severity);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *no = answer_button_new (self, i, FALSE, symptom);
      GtkWidget *yes = answer_button_new (self, i, TRUE, symptom);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), symptom);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (yes), GTK_TOGGLE_BUTTON (no));
      gtk_box_append (GTK_BOX (box), no);
      gtk_box_append (GTK_BOX (box), yes);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

      adw_preferences_group_add (severity == COACH_RED_FLAG_EMERGENCY ? self->emergency_group
                                                                      : self->doctor_group,
                                 row);
    }
}

static void
coach_safety_check_constructed (GObject *object)
{
  CoachSafetyCheck *self = COACH_SAFETY_CHECK (object);
  GObject *settings = G_OBJECT (self->settings);

  G_OBJECT_CLASS (coach_safety_check_parent_class)->constructed (object);

  add_red_flag_rows (self);
  coach_accessible_fix (GTK_WIDGET (self));
  adw_preferences_group_add (self->regions_group,
                             coach_profile_where_it_hurts_new (settings, "sore-regions",
                                                               &self->body_map));
  coach_profile_rows_add (self->families_group, settings, "avoid-families", COACH_VOCAB_FAMILY);
  coach_profile_rows_add (self->equipment_group, settings, "avoid-equipment",
                          COACH_VOCAB_EQUIPMENT);
  coach_profile_rows_add (self->at_hand_group, settings, "equipment", COACH_VOCAB_EQUIPMENT);
  coach_profile_rows_add (self->conditions_group, settings, "conditions", COACH_VOCAB_CONDITION);

  /* Opened again from the menu, it goes straight to the questions. */
  gtk_stack_set_visible_child_name (self->stack, self->welcome ? "welcome" : "red-flags");
  update_header (self);
}

static void
coach_safety_check_dispose (GObject *object)
{
  CoachSafetyCheck *self = COACH_SAFETY_CHECK (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_SAFETY_CHECK);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_safety_check_parent_class)->dispose (object);
}

static void
coach_safety_check_finalize (GObject *object)
{
  CoachSafetyCheck *self = COACH_SAFETY_CHECK (object);

  g_ptr_array_unref (self->history);
  g_free (self->answers);

  G_OBJECT_CLASS (coach_safety_check_parent_class)->finalize (object);
}

static void
coach_safety_check_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CoachSafetyCheck *self = COACH_SAFETY_CHECK (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_WELCOME:
      self->welcome = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_safety_check_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CoachSafetyCheck *self = COACH_SAFETY_CHECK (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_WELCOME:
      g_value_set_boolean (value, self->welcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_safety_check_class_init (CoachSafetyCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = coach_safety_check_constructed;
  object_class->dispose = coach_safety_check_dispose;
  object_class->finalize = coach_safety_check_finalize;
  object_class->set_property = coach_safety_check_set_property;
  object_class->get_property = coach_safety_check_get_property;
  window_class->close_request = coach_safety_check_close_request;
  widget_class->map = coach_safety_check_map;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, COACH_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WELCOME] =
    g_param_spec_boolean ("welcome", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/BackCoach/coach-safety-check.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, back_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, skip_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, emergency_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, doctor_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, regions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, families_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, equipment_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, at_hand_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, red_flags_continue);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, done_page);
  gtk_widget_class_bind_template_child (widget_class, CoachSafetyCheck, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_continue);
  gtk_widget_class_bind_template_callback (widget_class, on_red_flags_continue);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_continue);
  gtk_widget_class_bind_template_callback (widget_class, on_regions_continue);
  gtk_widget_class_bind_template_callback (widget_class, on_avoid_continue);
  gtk_widget_class_bind_template_callback (widget_class, on_conditions_continue);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
coach_safety_check_init (CoachSafetyCheck *self)
{
  guint n = coach_safety_get_n_red_flags ();

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->answers = g_new (int, n);
  for (guint i = 0; i < n; i++)
    self->answers[i] = UNANSWERED;

  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
}

/**
 * coach_safety_check_new:
 * @welcome: start with the welcome page, as on first launch
 */
CoachSafetyCheck *
coach_safety_check_new (CoachSettings *settings,
                        gboolean       welcome)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (settings), NULL);

  return g_object_new (COACH_TYPE_SAFETY_CHECK,
                       "settings", settings,
                       "welcome", welcome,
                       NULL);
}

/* Returns: the name of the page on screen, e.g. "red-flags" or "emergency". */
const char *
coach_safety_check_get_page (CoachSafetyCheck *self)
{
  g_return_val_if_fail (COACH_IS_SAFETY_CHECK (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* Returns: (transfer none): the body map of the "where it hurts" page. */
GtkWidget *
coach_safety_check_get_body_map (CoachSafetyCheck *self)
{
  g_return_val_if_fail (COACH_IS_SAFETY_CHECK (self), NULL);

  return self->body_map;
}
