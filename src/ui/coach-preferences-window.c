/* coach-preferences-window.c: the preferences window, bound to the settings model.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-application.h"
#include "coach-preferences-window.h"
#include "coach-profile-rows.h"
#include "coach-safety.h"

struct _CoachPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CoachSettings        *settings;
  GtkWidget            *body_map;

  AdwPreferencesGroup  *regions_group;
  AdwPreferencesGroup  *conditions_group;
  AdwPreferencesGroup  *families_group;
  AdwPreferencesGroup  *avoid_equipment_group;
  AdwPreferencesGroup  *equipment_group;
  AdwActionRow         *pressure_row;
  AdwActionRow         *test_row;
  GtkScale             *pressure_scale;
  GtkAdjustment        *minutes_adjustment;
  GtkAdjustment        *get_ready_adjustment;
  GtkAdjustment        *pressure_adjustment;
  GtkAdjustment        *volume_adjustment;
  GtkSwitch            *cues_switch;
  GtkSwitch            *voice_switch;
  GtkSwitch            *rate_pain_switch;
  GtkSwitch            *pacing_switch;
};

G_DEFINE_FINAL_TYPE (CoachPreferencesWindow, coach_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Says what the ceiling means in words, and when conditions hold it lower. */
static void
update_pressure_subtitle (CoachPreferencesWindow *self)
{
  guint ceiling = coach_settings_get_pressure_ceiling (self->settings);
  guint cap = coach_safety_get_pressure_cap (coach_settings_get_conditions (self->settings));
  g_autofree char *text = NULL;

  if (cap < ceiling)
    /* Translators: %u is a number from 0 to 10, %s a word such as "gentle" */
    text = g_strdup_printf (_("Your health conditions hold it at %u, %s"),
                            cap, coach_safety_get_pressure_word (cap));
  else
    /* Translators: %u is a number from 0 to 10, %s a word such as "moderate" */
    text = g_strdup_printf (_("Up to %u, %s. Discomfort is fine; pain is not."),
                            ceiling, coach_safety_get_pressure_word (ceiling));

  adw_action_row_set_subtitle (self->pressure_row, text);
}

static char *
format_pressure (GtkScale *scale,
                 double    value,
                 gpointer  user_data)
{
  return g_strdup_printf ("%.0f", value);
}

static void
on_reset_response (AdwMessageDialog       *dialog,
                   const char             *response,
                   CoachPreferencesWindow *self)
{
  if (g_strcmp0 (response, "reset") != 0)
    return;

  coach_settings_reset (self->settings);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Preferences reset")));
}

static void
on_reset_clicked (CoachPreferencesWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reset Preferences?"),
                                   _("Where it hurts, methods to avoid, health conditions, "
                                     "equipment, routine and sound settings all go back to "
                                     "their defaults. The result of your safety check is kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response), self, 0);
  coach_accessible_fix (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
test_cue_played (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CoachPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean played = coach_application_play_cue_finish (COACH_APPLICATION (object), result, &error);

  /* The window may have closed while the sound device opened. */
  if (self->test_row == NULL)
    return;

  /* The reason, which says what to do, is too long for a toast: the row keeps it. */
  if (!played)
    {
      adw_action_row_set_subtitle (self->test_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Could not play the test cue")));
    }
  else
    {
      adw_action_row_set_subtitle (self->test_row,
                                   _("Hear the sound that starts a step, at this volume"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
    }
}

static void
on_test_cue_clicked (CoachPreferencesWindow *self)
{
  GApplication *app = g_application_get_default ();

  if (!COACH_IS_APPLICATION (app))
    return;

  coach_application_play_cue_async (COACH_APPLICATION (app), COACH_CUE_START, NULL,
                                    test_cue_played, g_object_ref (self));
}

static void
bind (CoachPreferencesWindow *self,
      const char             *key,
      gpointer                target,
      const char             *target_property)
{
  g_object_bind_property (self->settings, key, target, target_property,
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
coach_preferences_window_constructed (GObject *object)
{
  CoachPreferencesWindow *self = COACH_PREFERENCES_WINDOW (object);
  GObject *settings = G_OBJECT (self->settings);

  G_OBJECT_CLASS (coach_preferences_window_parent_class)->constructed (object);

  adw_preferences_group_add (self->regions_group,
                             coach_profile_where_it_hurts_new (settings, "sore-regions",
                                                               &self->body_map));
  coach_profile_rows_add (self->conditions_group, settings, "conditions", COACH_VOCAB_CONDITION);
  coach_profile_rows_add (self->families_group, settings, "avoid-families", COACH_VOCAB_FAMILY);
  coach_profile_rows_add (self->avoid_equipment_group, settings, "avoid-equipment",
                          COACH_VOCAB_EQUIPMENT);
  coach_profile_rows_add (self->equipment_group, settings, "equipment", COACH_VOCAB_EQUIPMENT);

  bind (self, "default-minutes", self->minutes_adjustment, "value");
  bind (self, "get-ready-seconds", self->get_ready_adjustment, "value");
  bind (self, "pressure-ceiling", self->pressure_adjustment, "value");
  bind (self, "cue-sounds", self->cues_switch, "active");
  bind (self, "voice-guidance", self->voice_switch, "active");
  bind (self, "rate-pain", self->rate_pain_switch, "active");
  bind (self, "pacing-beats", self->pacing_switch, "active");
  bind (self, "volume", self->volume_adjustment, "value");

  gtk_scale_set_format_value_func (self->pressure_scale, format_pressure, NULL, NULL);
  gtk_scale_add_mark (self->pressure_scale, COACH_PRESSURE_GENTLE, GTK_POS_BOTTOM, NULL);
  gtk_scale_add_mark (self->pressure_scale, 6, GTK_POS_BOTTOM, NULL);
  g_signal_connect_object (self->settings, "notify::pressure-ceiling",
                           G_CALLBACK (update_pressure_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::conditions",
                           G_CALLBACK (update_pressure_subtitle), self, G_CONNECT_SWAPPED);
  update_pressure_subtitle (self);
}

static void
coach_preferences_window_dispose (GObject *object)
{
  CoachPreferencesWindow *self = COACH_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_preferences_window_parent_class)->dispose (object);
}

static void
coach_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CoachPreferencesWindow *self = COACH_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CoachPreferencesWindow *self = COACH_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_preferences_window_class_init (CoachPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = coach_preferences_window_constructed;
  object_class->dispose = coach_preferences_window_dispose;
  object_class->set_property = coach_preferences_window_set_property;
  object_class->get_property = coach_preferences_window_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, COACH_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/BackCoach/coach-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, regions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, families_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, avoid_equipment_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, equipment_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, pressure_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, pressure_scale);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, minutes_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, get_ready_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, pressure_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, volume_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, cues_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, voice_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, rate_pain_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, pacing_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_test_cue_clicked);
}

static void
coach_preferences_window_init (CoachPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
}

CoachPreferencesWindow *
coach_preferences_window_new (CoachSettings *settings)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (settings), NULL);

  return g_object_new (COACH_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

/* Returns: (transfer none): the body map of "Where it hurts". */
GtkWidget *
coach_preferences_window_get_body_map (CoachPreferencesWindow *self)
{
  g_return_val_if_fail (COACH_IS_PREFERENCES_WINDOW (self), NULL);

  return self->body_map;
}
