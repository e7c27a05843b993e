/* coach-partner-view.c: setting up a partner massage.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages, each with a Back: who the partner is and who receives first; the receiver's
 * own safety check (red flags today, and their health conditions); then the position, shown
 * and explained, the checklist to tick off, and the routine planned from the receiver's
 * profile. Start hands the routine to the player; after it, "Swap Roles" comes back here for
 * the other person's safety check. */
#define G_LOG_DOMAIN "coach-partner-view"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-format.h"
#include "coach-partner-editor.h"
#include "coach-partner-view.h"
#include "coach-profile-rows.h"
#include "coach-safety.h"
#include "coach-step-illustration.h"

/* What to tick off before a partner massage (content guide: partner massage). */
static const struct {
  const char *title;
  const char *subtitle;
} checklist[] = {
  { N_("A firm, comfortable surface"), N_("A mat or folded blanket on the floor, a firm bed or a massage table") },
  { N_("Pillows or cushions"), N_("Under the head and the ankles, or between the knees when lying on the side") },
  { N_("A warm, quiet room"), N_("Bare skin cools quickly") },
  { N_("A towel"), N_("To cover what is not being massaged") },
  { N_("Oil or lotion, warmed in the hands"), N_("Never poured cold onto the back") },
  { N_("Jewellery and watches off"), N_("Rings and bracelets scratch and catch") },
  { N_("Phones silenced"), NULL },
  { N_("The 0 to 10 pressure scale agreed"), N_("0 is nothing, 10 the worst pain; stay where it feels like a good ache, 6 or below") },
  { N_("A stop word agreed"), N_("Said at any moment, it stops the massage at once, no questions asked") },
};

/* The pictures of the two positions: the first step of a gliding technique for each. */
#define FACE_DOWN_TECHNIQUE "partner-gliding-warm-up"
#define SIDE_LYING_TECHNIQUE "partner-side-lying-gliding"

struct _CoachPartnerView
{
  AdwBin                 parent_instance;

  CoachSettings         *settings;
  CoachCatalog          *catalog;
  CoachPartnerStore     *store;
  CoachPlanner          *planner;
  CoachPartnerSession   *session;
  CoachRoutine          *routine;
  char                  *partner_id;     /* the one chosen */
  GtkWidget             *check_group;    /* leads the partners' radio group; owned */
  GPtrArray             *red_flags;      /* GtkCheckButton, by red flag */
  GtkWidget             *conditions_group;
  GPtrArray             *checks;         /* GtkCheckButton, by checklist item */
  guint32                seed;

  AdwWindowTitle        *window_title;
  AdwToastOverlay       *toast_overlay;
  GtkStack              *stack;
  GtkListBox            *partners_list;
  AdwActionRow          *partner_receives_row;
  AdwActionRow          *self_receives_row;
  GtkCheckButton        *partner_receives_check;
  GtkCheckButton        *self_receives_check;
  GtkWidget             *people_continue;
  GtkBox                *safety_box;
  GtkLabel              *safety_intro;
  AdwPreferencesGroup   *emergency_group;
  AdwPreferencesGroup   *doctor_group;
  GtkWidget             *safety_continue;
  AdwStatusPage         *blocked_page;
  CoachStepIllustration *position_illustration;
  GtkLabel              *position_title;
  GtkLabel              *position_text;
  AdwActionRow          *side_lying_row;
  GtkSwitch             *side_lying_switch;
  AdwPreferencesGroup   *checklist_group;
  AdwActionRow          *routine_row;
  GtkSpinButton         *check_in_spin;
  GtkWidget             *start_button;
  GtkLabel              *ready_label;
};

G_DEFINE_FINAL_TYPE (CoachPartnerView, coach_partner_view, ADW_TYPE_BIN)

enum {
  SIGNAL_START,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CoachPartner *
chosen_partner (CoachPartnerView *self)
{
  return self->partner_id != NULL ? coach_partner_store_lookup (self->store, self->partner_id) : NULL;
}

static void
show_page (CoachPartnerView *self,
           const char       *name)
{
  static const struct {
    const char *page;
    const char *subtitle;
  } steps[] = {
    { "people", N_("Who") },
    { "safety", N_("Safety Check") },
    { "blocked", N_("Safety Check") },
    { "setup", N_("Setting Up") },
  };

  gtk_stack_set_visible_child_name (self->stack, name);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_str_equal (steps[i].page, name))
      adw_window_title_set_subtitle (self->window_title, _(steps[i].subtitle));
}

/* ---- Who ---------------------------------------------------------------------------- */

static void
update_people (CoachPartnerView *self)
{
  CoachPartner *partner = chosen_partner (self);
  g_autofree char *partner_receives = NULL;
  g_autofree char *self_receives = NULL;

  if (partner != NULL)
    {
      const char *name = coach_partner_get_name (partner);

      /* Translators: %s is the partner's name */
      partner_receives = g_strdup_printf (_("%s receives, you give"), name);
      /* Translators: %s is the partner's name */
      self_receives = g_strdup_printf (_("You receive, %s gives"), name);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->partner_receives_row),
                                 partner_receives != NULL ? partner_receives : _("Your partner receives, you give"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->self_receives_row),
                                 self_receives != NULL ? self_receives : _("You receive, your partner gives"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.choose", partner != NULL);
}

static void
choose_partner (CoachPartnerView *self,
                const char       *id)
{
  if (g_strcmp0 (self->partner_id, id) == 0)
    return;
  g_free (self->partner_id);
  self->partner_id = g_strdup (id);
  update_people (self);
}

static void
on_partner_toggled (GtkCheckButton *check,
                    GParamSpec     *pspec,
                    CoachPartner   *partner)
{
  CoachPartnerView *self = COACH_PARTNER_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (check),
                                                                         COACH_TYPE_PARTNER_VIEW));

  if (self != NULL && gtk_check_button_get_active (check))
    choose_partner (self, coach_partner_get_id (partner));
}

static void bind_partners (CoachPartnerView *self);

static void
on_editor_saved (CoachPartnerEditor *editor,
                 CoachPartner       *partner,
                 CoachPartnerView   *self)
{
  /* The new one is chosen: the rows show it. */
  choose_partner (self, coach_partner_get_id (partner));
  bind_partners (self);
}

static void
edit_partner (CoachPartnerView *self,
              CoachPartner     *partner)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CoachPartnerEditor *editor = coach_partner_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         self->store, partner);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_edit_clicked (GtkButton    *button,
                 CoachPartner *partner)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (button), COACH_TYPE_PARTNER_VIEW);

  if (view != NULL)
    edit_partner (COACH_PARTNER_VIEW (view), partner);
}

static gboolean
regions_to_subtitle (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  guint32 regions = g_value_get_flags (from);
  g_autofree char *list = coach_format_mask (COACH_VOCAB_REGION, regions);

  /* Translators: a partner's sore regions, e.g. "Sore: Neck, Lower back" */
  g_value_take_string (to, regions != 0 ? g_strdup_printf (_("Sore: %s"), list)
                                        : g_strdup (_("No sore regions noted: a gentle whole-back massage")));
  return TRUE;
}

static GtkWidget *
partner_row_new (gpointer item,
                 gpointer user_data)
{
  CoachPartnerView *self = user_data;
  CoachPartner *partner = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  g_autofree char *edit_name = NULL;

  gtk_widget_set_name (row, coach_partner_get_id (partner));
  g_object_bind_property (partner, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (partner, "sore-regions", row, "subtitle", G_BINDING_SYNC_CREATE,
                               regions_to_subtitle, NULL, NULL, NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->check_group));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_strcmp0 (self->partner_id, coach_partner_get_id (partner)) == 0);
  g_signal_connect_object (check, "notify::active", G_CALLBACK (on_partner_toggled), partner, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  /* The row's title, the partner's name, also names the check button. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit Partner"));
  /* Translators: the button that edits a partner's profile; %s is their name */
  edit_name = g_strdup_printf (_("Edit %s"), coach_partner_get_name (partner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (on_edit_clicked), partner, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  return row;
}

static void
bind_partners (CoachPartnerView *self)
{
  GListModel *model = G_LIST_MODEL (self->store);

  /* The one chosen last time, else the first; none if it is gone. */
  if (chosen_partner (self) == NULL)
    {
      g_autoptr(CoachPartner) first = g_list_model_get_item (model, 0);

      g_clear_pointer (&self->partner_id, g_free);
      if (first != NULL)
        self->partner_id = g_strdup (coach_partner_get_id (first));
    }
  gtk_list_box_bind_model (self->partners_list, model, partner_row_new, self, NULL);
  update_people (self);
}

static void
on_partners_changed (GListModel       *model,
                     guint             position,
                     guint             removed,
                     guint             added,
                     CoachPartnerView *self)
{
  /* A deleted partner may have been the one chosen. */
  if (chosen_partner (self) == NULL)
    bind_partners (self);
  else
    update_people (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  edit_partner (COACH_PARTNER_VIEW (widget), NULL);
}

/* ---- Safety check ------------------------------------------------------------------- */

/* The receiver's own check: today's red flags, unticked, and their conditions, which edit
 * their profile. */
static void
build_safety (CoachPartnerView *self)
{
  const char *name = coach_partner_session_get_receiver_name (self->session);
  g_autofree char *intro = NULL;

  if (name != NULL)
    /* Translators: %s is the partner's name, twice */
    intro = g_strdup_printf (_("Before %s receives a massage: ask %s whether any of these is true "
                               "today, and tick it if so."), name, name);
  else
    intro = g_strdup (_("Before you receive a massage: tick any of these that is true for you "
                        "today."));
  gtk_label_set_label (self->safety_intro, intro);

  for (guint i = 0; i < self->red_flags->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->red_flags, i), FALSE);

  if (self->conditions_group != NULL)
    gtk_box_remove (self->safety_box, self->conditions_group);
  self->conditions_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->conditions_group), _("Health Conditions"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->conditions_group),
                                         name != NULL
                                         ? _("Kept in the partner’s profile. Some conditions rule out methods, "
                                             "lower the pressure or call for lying on the side.")
                                         : _("Kept in your preferences. Some conditions rule out methods, "
                                             "lower the pressure or call for lying on the side."));
  coach_profile_rows_add (ADW_PREFERENCES_GROUP (self->conditions_group),
                          coach_partner_session_get_receiver_profile (self->session),
                          "conditions", COACH_VOCAB_CONDITION);
  gtk_box_insert_child_after (self->safety_box, self->conditions_group,
                              gtk_widget_get_prev_sibling (self->safety_continue));
}

static void
add_red_flag_rows (CoachPartnerView *self)
{
  for (guint i = 0; i < coach_safety_get_n_red_flags (); i++)
    {
      CoachRedFlagSeverity severity;
      const char *symptom = coach_safety_get_red_flag (i, &severity);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("red-flag-%u", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), symptom);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_ptr_array_add (self->red_flags, check);
      adw_preferences_group_add (severity == COACH_RED_FLAG_EMERGENCY ? self->emergency_group
                                                                      : self->doctor_group, row);
    }
}

/* Stops at a red flag: emergency or a doctor first, for the receiver. */
static gboolean
check_red_flags (CoachPartnerView *self)
{
  guint n = coach_safety_get_n_red_flags ();
  g_autofree gboolean *yes = g_new0 (gboolean, n);
  CoachSafetyStatus status;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    yes[i] = gtk_check_button_get_active (g_ptr_array_index (self->red_flags, i));
  status = coach_safety_status_from_answers (yes, n);
  if (coach_safety_status_allows_routines (status, &error))
    return TRUE;

  adw_status_page_set_title (self->blocked_page, status == COACH_SAFETY_STATUS_EMERGENCY
                                                 ? _("Call Emergency Services")
                                                 : _("See a Doctor Before Massage"));
  adw_status_page_set_description (self->blocked_page, error->message);
  show_page (self, "blocked");
  return FALSE;
}

/* ---- Setting up --------------------------------------------------------------------- */

static void
update_ready (CoachPartnerView *self)
{
  guint n = coach_partner_view_get_n_checked (self);
  g_autofree char *text = NULL;

  if (n < self->checks->len)
    /* Translators: how much of the checklist is ticked off, e.g. "5 of 9 ready" */
    text = g_strdup_printf (_("%u of %u ready: tick off the list to start"), n, self->checks->len);
  gtk_label_set_label (self->ready_label, text != NULL ? text : _("All set"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partner.start",
                                 n == self->checks->len && self->routine != NULL);
}

static void
plan (CoachPartnerView *self)
{
  g_autoptr(GError) error = NULL;
  CoachPartner *partner = coach_partner_session_get_partner (self->session);
  const char *name = coach_partner_session_get_receiver_name (self->session);
  CoachPose position = coach_partner_session_get_position (self->session);
  CoachTechnique *picture = coach_catalog_lookup (self->catalog, position == COACH_POSE_PARTNER_SIDE_LYING
                                                                 ? SIDE_LYING_TECHNIQUE : FACE_DOWN_TECHNIQUE);
  gboolean required = coach_partner_session_position_is_required (self->session);

  g_clear_object (&self->routine);
  self->routine = coach_partner_session_plan (self->session, self->planner, self->seed, NULL, &error);

  gtk_label_set_label (self->position_title, coach_partner_session_get_position_title (self->session));
  gtk_label_set_label (self->position_text, coach_partner_session_get_position_explanation (self->session));
  gtk_widget_set_visible (GTK_WIDGET (self->position_illustration), picture != NULL);
  if (picture != NULL)
    coach_step_illustration_set_step (self->position_illustration, picture, 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->side_lying_row), !required);
  adw_action_row_set_subtitle (self->side_lying_row,
                               required ? _("Required in pregnancy")
                                        : _("For anyone who finds lying face down uncomfortable"));
  gtk_switch_set_active (self->side_lying_switch, position == COACH_POSE_PARTNER_SIDE_LYING);

  if (self->routine != NULL)
    {
      g_autofree char *length = coach_format_minutes (coach_routine_get_total_duration (self->routine));
      guint n = coach_routine_get_n_items (self->routine);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: e.g. "15 min · 12 steps" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u step", "%s · %u steps", n), length, n);
      if (name != NULL)
        /* Translators: %s is the partner's name */
        subtitle = g_strdup_printf (_("Planned from %s’s profile. Every step speaks to you, the one "
                                      "giving."), name);
      else
        /* Translators: %s is the partner's name */
        subtitle = g_strdup_printf (_("Planned from your profile. Every step speaks to %s, the one "
                                      "giving."), coach_partner_get_name (partner));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->routine_row), title);
      adw_action_row_set_subtitle (self->routine_row, subtitle);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->routine_row), _("No Routine"));
      adw_action_row_set_subtitle (self->routine_row, error->message);
    }
  update_ready (self);
}

static void
on_side_lying (GtkSwitch        *toggle,
               GParamSpec       *pspec,
               CoachPartnerView *self)
{
  if (self->session == NULL || coach_partner_session_position_is_required (self->session) ||
      coach_partner_session_get_side_lying (self->session) == gtk_switch_get_active (toggle))
    return;
  coach_partner_session_set_side_lying (self->session, gtk_switch_get_active (toggle));
  plan (self);
}

static void
on_check_toggled (GtkCheckButton   *check,
                  GParamSpec       *pspec,
                  CoachPartnerView *self)
{
  update_ready (self);
}

static void
add_checklist_rows (CoachPartnerView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (checklist); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("check-%u", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(checklist[i].title));
      if (checklist[i].subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(checklist[i].subtitle));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (on_check_toggled), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_ptr_array_add (self->checks, check);
      adw_preferences_group_add (self->checklist_group, row);
    }
}

/* ---- Navigation --------------------------------------------------------------------- */

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CoachPartnerView *self = COACH_PARTNER_VIEW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (page, "people"))
    {
      CoachPartner *partner = chosen_partner (self);
      CoachReceiver receiver = gtk_check_button_get_active (self->self_receives_check)
                               ? COACH_RECEIVER_SELF : COACH_RECEIVER_PARTNER;

      if (partner == NULL)
        return;
      g_object_set (self->settings, "last-partner", coach_partner_get_id (partner), NULL);
      g_clear_object (&self->session);
      self->session = coach_partner_session_new (self->settings, partner, receiver);
      build_safety (self);
      show_page (self, "safety");
      gtk_widget_grab_focus (self->safety_continue);
    }
  else if (g_str_equal (page, "safety"))
    {
      if (!check_red_flags (self))
        return;
      plan (self);
      show_page (self, "setup");
      if (self->checks->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->checks, 0));
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CoachPartnerView *self = COACH_PARTNER_VIEW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (page, "people"))
    g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
  else if (g_str_equal (page, "safety"))
    show_page (self, "people");
  else
    show_page (self, "safety");
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CoachPartnerView *self = COACH_PARTNER_VIEW (widget);

  if (self->routine == NULL || self->session == NULL ||
      coach_partner_view_get_n_checked (self) < self->checks->len)
    return;
  g_signal_emit (self, signals[SIGNAL_START], 0, self->session, self->routine);
  /* A new plan for a second massage on the same setup. */
  self->seed++;
}

static void
on_save_failed (CoachPartnerStore *store,
                const GError      *error,
                CoachPartnerView  *self)
{
  coach_accessible_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* ---- Object ------------------------------------------------------------------------- */

static void
coach_partner_view_dispose (GObject *object)
{
  CoachPartnerView *self = COACH_PARTNER_VIEW (object);

  if (self->partners_list != NULL)
    gtk_list_box_bind_model (self->partners_list, NULL, NULL, NULL, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_PARTNER_VIEW);
  g_clear_object (&self->check_group);
  g_clear_object (&self->session);
  g_clear_object (&self->routine);
  g_clear_object (&self->planner);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->red_flags, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->partner_id, g_free);

  G_OBJECT_CLASS (coach_partner_view_parent_class)->dispose (object);
}

static void
coach_partner_view_class_init (CoachPartnerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_partner_view_dispose;

  /**
   * CoachPartnerView::start:
   * @session: who receives, and their pressure
   * @routine: planned for the receiver
   *
   * Everything is set up: the player takes over.
   */
  signals[SIGNAL_START] =
    g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, COACH_TYPE_PARTNER_SESSION, COACH_TYPE_ROUTINE);
  /**
   * CoachPartnerView::closed:
   *
   * Back from the first page: the person left the setup.
   */
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (COACH_TYPE_STEP_ILLUSTRATION);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/BackCoach/coach-partner-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, partners_list);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, partner_receives_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, self_receives_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, partner_receives_check);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, self_receives_check);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, people_continue);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, safety_box);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, safety_intro);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, emergency_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, doctor_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, safety_continue);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, blocked_page);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, position_illustration);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, position_title);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, position_text);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, side_lying_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, side_lying_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, routine_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, check_in_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, start_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerView, ready_label);

  gtk_widget_class_install_action (widget_class, "partner.continue", NULL, continue_action);
  /* The first page's Continue, which needs a partner. */
  gtk_widget_class_install_action (widget_class, "partner.choose", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "partner.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "partner.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "partner.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "partner.back", NULL);
}

static void
coach_partner_view_init (CoachPartnerView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
  self->red_flags = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  self->check_group = g_object_ref_sink (gtk_check_button_new ());

  placeholder = gtk_label_new (_("No partners yet. Add the person you massage, or who massages you."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->partners_list, placeholder);

  add_red_flag_rows (self);
  add_checklist_rows (self);
  g_signal_connect_object (self->side_lying_switch, "notify::active", G_CALLBACK (on_side_lying), self, 0);
}

/**
 * coach_partner_view_new:
 * @store: the saved partner profiles, loaded
 */
CoachPartnerView *
coach_partner_view_new (CoachSettings     *settings,
                        CoachCatalog      *catalog,
                        CoachPartnerStore *store)
{
  CoachPartnerView *self;

  g_return_val_if_fail (COACH_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (COACH_IS_PARTNER_STORE (store), NULL);

  self = g_object_new (COACH_TYPE_PARTNER_VIEW, NULL);
  self->settings = g_object_ref (settings);
  self->catalog = g_object_ref (catalog);
  self->store = g_object_ref (store);
  self->planner = coach_planner_new (catalog);
  self->partner_id = g_strdup (coach_settings_get_last_partner (settings));
  self->seed = g_random_int ();

  g_object_bind_property (settings, "check-in-minutes",
                          gtk_spin_button_get_adjustment (self->check_in_spin), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (store, "items-changed", G_CALLBACK (on_partners_changed), self, 0);
  g_signal_connect_object (store, "save-failed", G_CALLBACK (on_save_failed), self, 0);
  bind_partners (self);
  show_page (self, "people");
  return self;
}

/* Starts setting up afresh: who, with nothing ticked off yet. */
void
coach_partner_view_begin (CoachPartnerView *self)
{
  g_return_if_fail (COACH_IS_PARTNER_VIEW (self));

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
  g_clear_object (&self->session);
  g_clear_object (&self->routine);
  show_page (self, "people");
  gtk_widget_grab_focus (self->people_continue);
}

/* The second round: the other person receives, after their own safety check. The room is set
 * up already, so the checklist stays ticked. */
void
coach_partner_view_swap_roles (CoachPartnerView    *self,
                               CoachPartnerSession *session)
{
  g_return_if_fail (COACH_IS_PARTNER_VIEW (self));
  g_return_if_fail (COACH_IS_PARTNER_SESSION (session));

  g_set_object (&self->session, session);
  coach_partner_session_swap_roles (session);
  gtk_check_button_set_active (coach_partner_session_get_receiver (session) == COACH_RECEIVER_SELF
                               ? self->self_receives_check : self->partner_receives_check, TRUE);
  build_safety (self);
  show_page (self, "safety");
  gtk_widget_grab_focus (self->safety_continue);
}

const char *
coach_partner_view_get_page (CoachPartnerView *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Returns: (transfer none) (nullable): the session being set up. */
CoachPartnerSession *
coach_partner_view_get_session (CoachPartnerView *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_VIEW (self), NULL);
  return self->session;
}

/* Returns: (transfer none) (nullable): the routine planned for the receiver. */
CoachRoutine *
coach_partner_view_get_routine (CoachPartnerView *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_VIEW (self), NULL);
  return self->routine;
}

guint
coach_partner_view_get_n_checked (CoachPartnerView *self)
{
  guint n = 0;

  g_return_val_if_fail (COACH_IS_PARTNER_VIEW (self), 0);

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  return n;
}
