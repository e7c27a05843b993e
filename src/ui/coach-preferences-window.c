/* coach-preferences-window.c: the preferences window, bound to the settings model.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-preferences-window.h"

struct _CoachPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CoachSettings        *settings;

  GtkAdjustment        *minutes_adjustment;
  GtkAdjustment        *get_ready_adjustment;
};

G_DEFINE_FINAL_TYPE (CoachPreferencesWindow, coach_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
coach_preferences_window_constructed (GObject *object)
{
  CoachPreferencesWindow *self = COACH_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (coach_preferences_window_parent_class)->constructed (object);

  g_object_bind_property (self->settings, "default-minutes",
                          self->minutes_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "get-ready-seconds",
                          self->get_ready_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
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
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, minutes_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, get_ready_adjustment);
}

static void
coach_preferences_window_init (CoachPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CoachPreferencesWindow *
coach_preferences_window_new (CoachSettings *settings)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (settings), NULL);

  return g_object_new (COACH_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
