/* coach-card-page.c: one technique card: what it is for, its cautions, evidence and illustrated steps.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-card-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-card-filter.h"
#include "coach-card-page.h"
#include "coach-card-print.h"
#include "coach-format.h"
#include "coach-safety.h"
#include "coach-step-illustration.h"

struct _CoachCardPage
{
  AdwBin          parent_instance;

  CoachTechnique *technique;
  CoachSettings  *settings;

  GtkScrolledWindow *scroller;
  GtkLabel       *title_label;
  GtkLabel       *meta_label;
  GtkWidget      *avoid_box;
  GtkLabel       *avoid_label;
  GtkButton      *routine_button;
  GtkLabel       *summary_label;
  GtkBox         *cautions_list;
  GtkListBox     *details_list;
  GtkLabel       *evidence_label;
  GtkListBox     *steps_list;
};

G_DEFINE_FINAL_TYPE (CoachCardPage, coach_card_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TECHNIQUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

/* The avoided banner and the routine button follow the profile. */
static void
update_profile (CoachCardPage *self)
{
  g_autofree char *reason = NULL;
  gboolean chosen;

  if (self->technique == NULL || self->settings == NULL)
    {
      gtk_widget_set_visible (self->avoid_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->routine_button), FALSE);
      return;
    }

  {
    CoachAvoidProfile profile = {
      coach_settings_get_avoid_families (self->settings),
      coach_settings_get_avoid_equipment (self->settings),
      coach_settings_get_conditions (self->settings),
    };
    reason = coach_avoid_profile_explain (&profile, self->technique);
  }

  if (reason != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s It is left out of your routines; change "
                                                 "this in Preferences."), reason);
      gtk_label_set_label (self->avoid_label, text);
    }
  gtk_widget_set_visible (self->avoid_box, reason != NULL);

  chosen = coach_settings_is_technique_chosen (self->settings,
                                               coach_technique_get_id (self->technique));
  gtk_widget_set_visible (GTK_WIDGET (self->routine_button), TRUE);
  gtk_button_set_label (self->routine_button,
                        chosen ? _("_Remove from Routine") : _("_Add to Routine"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->routine_button),
                               chosen
                               ? _("Stop putting this technique first in your routines")
                               : _("Put this technique first in your routines whenever it suits your profile"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.toggle-routine", reason == NULL || chosen);
}

static void
on_settings_notify (CoachSettings *settings,
                    GParamSpec    *pspec,
                    CoachCardPage *self)
{
  update_profile (self);
}

static GtkWidget *
detail_row_new (const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
on_play_toggled (GtkToggleButton       *button,
                 CoachStepIllustration *illustration)
{
  gboolean playing = gtk_toggle_button_get_active (button);

  coach_step_illustration_set_playing (illustration, playing);
  gtk_button_set_icon_name (GTK_BUTTON (button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button),
                               playing ? _("Stop the Animation") : _("Play the Animation"));
}

static GtkWidget *
step_row_new (CoachTechnique  *technique,
              const CoachStep *step)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *illustration = coach_step_illustration_new ();
  GtkWidget *heading, *instruction, *meta, *play;
  g_autofree char *number = g_strdup_printf (_("Step %u"), step->number);
  g_autofree char *meta_text = coach_format_step_meta (step->side, step->duration);
  g_autofree char *play_name = g_strdup_printf (_("Animate Step %u"), step->number);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  coach_step_illustration_set_step (COACH_STEP_ILLUSTRATION (illustration), technique, step->number);
  gtk_widget_set_size_request (illustration, 150, 176);
  gtk_widget_set_valign (illustration, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), illustration);

  heading = gtk_label_new (number);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  instruction = gtk_label_new (coach_step_get_instruction (step));
  gtk_label_set_xalign (GTK_LABEL (instruction), 0);
  gtk_label_set_wrap (GTK_LABEL (instruction), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (instruction), PANGO_WRAP_WORD_CHAR);
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), heading);
  gtk_box_append (GTK_BOX (text), instruction);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_box_append (GTK_BOX (box), text);

  play = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (play), "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (play, _("Play the Animation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (play), GTK_ACCESSIBLE_PROPERTY_LABEL, play_name, -1);
  gtk_widget_set_valign (play, GTK_ALIGN_START);
  gtk_widget_add_css_class (play, "flat");
  gtk_widget_add_css_class (play, "circular");
  g_signal_connect_object (play, "toggled", G_CALLBACK (on_play_toggled), illustration, 0);
  gtk_box_append (GTK_BOX (box), play);

  gtk_accessible_update_property (GTK_ACCESSIBLE (illustration),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, number,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  coach_step_get_description (step),
                                  -1);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, number);
  return row;
}

static void
show_technique (CoachCardPage *self)
{
  CoachTechnique *t = self->technique;
  guint pressure;
  g_autofree char *meta = NULL;
  g_autofree char *regions = NULL;
  g_autofree char *suits = NULL;
  g_autofree char *equipment = NULL;
  g_autofree char *pressure_text = NULL;
  g_autofree char *total = NULL;

  clear_children (GTK_WIDGET (self->cautions_list));
  clear_children (GTK_WIDGET (self->details_list));
  clear_children (GTK_WIDGET (self->steps_list));
  update_profile (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.practise", t != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.print", t != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.save-pdf", t != NULL);
  if (t == NULL)
    return;

  pressure = coach_technique_get_pressure (t);
  /* Translators: pressure on the 0-10 scale and its word, e.g. "4 of 10, moderate" */
  pressure_text = g_strdup_printf (_("%u of 10, %s"), pressure, coach_safety_get_pressure_word (pressure));
  /* Translators: "Kneading · Self-massage · Pressure 4 of 10, moderate" */
  meta = g_strdup_printf (_("%s · %s · Pressure %s"),
                          coach_vocab_get_label (COACH_VOCAB_FAMILY, coach_technique_get_family (t)),
                          coach_vocab_get_label (COACH_VOCAB_PERFORMER, coach_technique_get_performer (t)),
                          pressure_text);
  regions = coach_format_mask (COACH_VOCAB_REGION, coach_technique_get_regions (t));
  suits = coach_format_mask (COACH_VOCAB_SUITS, coach_technique_get_suits (t));
  equipment = coach_format_mask (COACH_VOCAB_EQUIPMENT, coach_technique_get_equipment (t));
  total = coach_format_minutes (coach_technique_get_duration (t));

  gtk_label_set_label (self->title_label, coach_technique_get_name (t));
  gtk_label_set_label (self->meta_label, meta);
  gtk_label_set_label (self->summary_label, coach_technique_get_summary (t));
  gtk_label_set_label (self->evidence_label, coach_technique_get_evidence (t));

  for (guint i = 0; i < coach_technique_get_n_cautions (t); i++)
    {
      /* Translators: a bullet point in a list */
      g_autofree char *text = g_strdup_printf (_("• %s"), coach_technique_get_caution (t, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->cautions_list, label);
    }

  gtk_list_box_append (self->details_list, detail_row_new (_("Regions"), regions));
  if (*suits != '\0')
    gtk_list_box_append (self->details_list, detail_row_new (_("Good For"), suits));
  gtk_list_box_append (self->details_list,
                       detail_row_new (_("Who Does It"),
                                       coach_vocab_get_label (COACH_VOCAB_PERFORMER,
                                                              coach_technique_get_performer (t))));
  gtk_list_box_append (self->details_list, detail_row_new (_("Pressure"), pressure_text));
  gtk_list_box_append (self->details_list,
                       detail_row_new (_("Equipment"), *equipment != '\0' ? equipment : _("None")));
  gtk_list_box_append (self->details_list, detail_row_new (_("Time"), total));

  for (guint n = 1; n <= coach_technique_get_n_steps (t); n++)
    gtk_list_box_append (self->steps_list, step_row_new (t, coach_technique_get_step (t, n)));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
practise_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CoachCardPage *self = COACH_CARD_PAGE (widget);

  if (self->technique != NULL)
    gtk_widget_activate_action (widget, "win.practise-technique", "s",
                                coach_technique_get_id (self->technique));
}

static void
toggle_routine_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CoachCardPage *self = COACH_CARD_PAGE (widget);
  const char *id;
  gboolean chosen;
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (self->technique == NULL || self->settings == NULL)
    return;

  id = coach_technique_get_id (self->technique);
  chosen = !coach_settings_is_technique_chosen (self->settings, id);
  coach_settings_set_technique_chosen (self->settings, id, chosen);

  title = g_strdup_printf (chosen ? _("“%s” is now part of your routine")
                                  : _("“%s” is no longer part of your routine"),
                           coach_technique_get_name (self->technique));
  toast = adw_toast_new (title);
  /* The main window can show the routine; the review window cannot. */
  if (chosen && gtk_widget_get_ancestor (widget, ADW_TYPE_APPLICATION_WINDOW) != NULL)
    {
      adw_toast_set_button_label (toast, _("_Show Routine"));
      adw_toast_set_action_name (toast, "win.show-view");
      adw_toast_set_action_target (toast, "s", "today");
    }
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    coach_accessible_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static GtkWindow *
get_window (CoachCardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CoachCardPage *self = COACH_CARD_PAGE (widget);

  if (self->technique != NULL)
    coach_card_print (self->technique, get_window (self));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CoachCardPage *self = COACH_CARD_PAGE (widget);

  if (self->technique != NULL)
    coach_card_save_pdf (self->technique, get_window (self));
}

static void
coach_card_page_dispose (GObject *object)
{
  CoachCardPage *self = COACH_CARD_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_CARD_PAGE);
  g_clear_object (&self->technique);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_card_page_parent_class)->dispose (object);
}

static void
coach_card_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CoachCardPage *self = COACH_CARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_TECHNIQUE:
      g_value_set_object (value, self->technique);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_card_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CoachCardPage *self = COACH_CARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_TECHNIQUE:
      coach_card_page_set_technique (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_card_page_class_init (CoachCardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_card_page_dispose;
  object_class->get_property = coach_card_page_get_property;
  object_class->set_property = coach_card_page_set_property;

  properties[PROP_TECHNIQUE] =
    g_param_spec_object ("technique", NULL, NULL, COACH_TYPE_TECHNIQUE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/BackCoach/coach-card-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, avoid_box);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, avoid_label);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, routine_button);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, cautions_list);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, details_list);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, CoachCardPage, steps_list);

  gtk_widget_class_install_action (widget_class, "card.practise", NULL, practise_action);
  gtk_widget_class_install_action (widget_class, "card.toggle-routine", NULL, toggle_routine_action);
  gtk_widget_class_install_action (widget_class, "card.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "card.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "card.print", NULL);
}

static void
coach_card_page_init (CoachCardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
  show_technique (self);
}

GtkWidget *
coach_card_page_new (void)
{
  return g_object_new (COACH_TYPE_CARD_PAGE, NULL);
}

/* The profile decides the avoided banner and whether the card is in the routine. */
void
coach_card_page_set_settings (CoachCardPage *self,
                              CoachSettings *settings)
{
  g_return_if_fail (COACH_IS_CARD_PAGE (self));
  g_return_if_fail (settings == NULL || COACH_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_settings_notify, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "notify::avoid-families", G_CALLBACK (on_settings_notify), self, 0);
      g_signal_connect_object (settings, "notify::avoid-equipment", G_CALLBACK (on_settings_notify), self, 0);
      g_signal_connect_object (settings, "notify::conditions", G_CALLBACK (on_settings_notify), self, 0);
      g_signal_connect_object (settings, "notify::chosen-techniques", G_CALLBACK (on_settings_notify), self, 0);
    }
  update_profile (self);
}

CoachTechnique *
coach_card_page_get_technique (CoachCardPage *self)
{
  g_return_val_if_fail (COACH_IS_CARD_PAGE (self), NULL);

  return self->technique;
}

void
coach_card_page_set_technique (CoachCardPage  *self,
                               CoachTechnique *technique)
{
  g_return_if_fail (COACH_IS_CARD_PAGE (self));
  g_return_if_fail (technique == NULL || COACH_IS_TECHNIQUE (technique));

  if (!g_set_object (&self->technique, technique))
    return;
  show_technique (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TECHNIQUE]);
}

/* Returns: (transfer none): the illustration of step @number (1-based), or %NULL. */
CoachStepIllustration *
coach_card_page_get_step_illustration (CoachCardPage *self,
                                       guint          number)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (COACH_IS_CARD_PAGE (self), NULL);

  row = number > 0 ? gtk_list_box_get_row_at_index (self->steps_list, number - 1) : NULL;
  if (row == NULL)
    return NULL;
  return COACH_STEP_ILLUSTRATION (gtk_widget_get_first_child (gtk_list_box_row_get_child (row)));
}
