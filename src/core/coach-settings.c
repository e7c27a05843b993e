/* coach-settings.c: the app's preferences as a plain GObject bound to GSettings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widgets bind to this object rather than to GSettings directly, so the behaviour can be
 * tested without a display and every part of the app sees a change at once. */
#define G_LOG_DOMAIN "coach-settings"

#include "config.h"

#include "coach-settings.h"

struct _CoachSettings
{
  GObject    parent_instance;

  GSettings *gsettings;

  int        window_width;
  int        window_height;
  gboolean   window_maximized;
  guint      default_minutes;
  guint      get_ready_seconds;
};

G_DEFINE_FINAL_TYPE (CoachSettings, coach_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GSETTINGS,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_DEFAULT_MINUTES,
  PROP_GET_READY_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every property from PROP_WINDOW_WIDTH on mirrors the GSettings key of the same name. */
#define FIRST_BOUND_PROP PROP_WINDOW_WIDTH

static void
coach_settings_constructed (GObject *object)
{
  CoachSettings *self = COACH_SETTINGS (object);

  G_OBJECT_CLASS (coach_settings_parent_class)->constructed (object);

  if (self->gsettings == NULL)
    self->gsettings = g_settings_new (APP_ID);

  for (guint i = FIRST_BOUND_PROP; i < N_PROPS; i++)
    {
      const char *name = g_param_spec_get_name (properties[i]);
      g_settings_bind (self->gsettings, name, self, name, G_SETTINGS_BIND_DEFAULT);
    }
}

static void
coach_settings_dispose (GObject *object)
{
  CoachSettings *self = COACH_SETTINGS (object);

  if (self->gsettings != NULL)
    {
      for (guint i = FIRST_BOUND_PROP; i < N_PROPS; i++)
        g_settings_unbind (self, g_param_spec_get_name (properties[i]));
    }
  g_clear_object (&self->gsettings);

  G_OBJECT_CLASS (coach_settings_parent_class)->dispose (object);
}

static void
coach_settings_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CoachSettings *self = COACH_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_GSETTINGS:
      g_value_set_object (value, self->gsettings);
      break;
    case PROP_WINDOW_WIDTH:
      g_value_set_int (value, self->window_width);
      break;
    case PROP_WINDOW_HEIGHT:
      g_value_set_int (value, self->window_height);
      break;
    case PROP_WINDOW_MAXIMIZED:
      g_value_set_boolean (value, self->window_maximized);
      break;
    case PROP_DEFAULT_MINUTES:
      g_value_set_uint (value, self->default_minutes);
      break;
    case PROP_GET_READY_SECONDS:
      g_value_set_uint (value, self->get_ready_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sets a field and notifies only on a real change, so bindings do not loop. */
#define SET_AND_NOTIFY(field, val, prop) \
  G_STMT_START { \
    if (self->field != (val)) \
      { \
        self->field = (val); \
        g_object_notify_by_pspec (object, properties[prop]); \
      } \
  } G_STMT_END

static void
coach_settings_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CoachSettings *self = COACH_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_GSETTINGS:
      self->gsettings = g_value_dup_object (value);
      break;
    case PROP_WINDOW_WIDTH:
      SET_AND_NOTIFY (window_width, g_value_get_int (value), prop_id);
      break;
    case PROP_WINDOW_HEIGHT:
      SET_AND_NOTIFY (window_height, g_value_get_int (value), prop_id);
      break;
    case PROP_WINDOW_MAXIMIZED:
      SET_AND_NOTIFY (window_maximized, g_value_get_boolean (value), prop_id);
      break;
    case PROP_DEFAULT_MINUTES:
      SET_AND_NOTIFY (default_minutes, g_value_get_uint (value), prop_id);
      break;
    case PROP_GET_READY_SECONDS:
      SET_AND_NOTIFY (get_ready_seconds, g_value_get_uint (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_settings_class_init (CoachSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_settings_constructed;
  object_class->dispose = coach_settings_dispose;
  object_class->get_property = coach_settings_get_property;
  object_class->set_property = coach_settings_set_property;

  properties[PROP_GSETTINGS] =
    g_param_spec_object ("gsettings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Ranges match the schema; the schema enforces them on write. */
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, 0, G_MAXINT, 960,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, 0, G_MAXINT, 720,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_MINUTES] =
    g_param_spec_uint ("default-minutes", NULL, NULL, 5, 30, 15,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GET_READY_SECONDS] =
    g_param_spec_uint ("get-ready-seconds", NULL, NULL, 0, 30, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_settings_init (CoachSettings *self)
{
  self->window_width = 960;
  self->window_height = 720;
  self->default_minutes = 15;
  self->get_ready_seconds = 5;
}

/**
 * coach_settings_new:
 * @gsettings: (nullable): the settings to bind to, or %NULL for the app's schema
 */
CoachSettings *
coach_settings_new (GSettings *gsettings)
{
  g_return_val_if_fail (gsettings == NULL || G_IS_SETTINGS (gsettings), NULL);

  return g_object_new (COACH_TYPE_SETTINGS, "gsettings", gsettings, NULL);
}

/**
 * coach_settings_new_default:
 *
 * Returns: (transfer full): a model bound to the `com.example.BackCoach` schema.
 */
CoachSettings *
coach_settings_new_default (void)
{
  return coach_settings_new (NULL);
}

GSettings *
coach_settings_get_gsettings (CoachSettings *self)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (self), NULL);

  return self->gsettings;
}

int
coach_settings_get_window_width (CoachSettings *self)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (self), 0);

  return self->window_width;
}

int
coach_settings_get_window_height (CoachSettings *self)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (self), 0);

  return self->window_height;
}

gboolean
coach_settings_get_window_maximized (CoachSettings *self)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (self), FALSE);

  return self->window_maximized;
}

/**
 * coach_settings_save_window_state:
 *
 * Records how the window was left. The size is kept only for an unmaximized window, so
 * that unmaximizing next time restores the size the person chose.
 */
void
coach_settings_save_window_state (CoachSettings *self,
                                  int            width,
                                  int            height,
                                  gboolean       maximized)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (!maximized && width > 0 && height > 0)
    g_object_set (self, "window-width", width, "window-height", height, NULL);
  g_object_set (self, "window-maximized", maximized, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
coach_settings_get_default_minutes (CoachSettings *self)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (self), 0);

  return self->default_minutes;
}

void
coach_settings_set_default_minutes (CoachSettings *self,
                                    guint          minutes)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  g_object_set (self, "default-minutes", CLAMP (minutes, 5, 30), NULL);
}

guint
coach_settings_get_get_ready_seconds (CoachSettings *self)
{
  g_return_val_if_fail (COACH_IS_SETTINGS (self), 0);

  return self->get_ready_seconds;
}

void
coach_settings_set_get_ready_seconds (CoachSettings *self,
                                      guint          seconds)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  g_object_set (self, "get-ready-seconds", MIN (seconds, 30), NULL);
}

/**
 * coach_settings_reset:
 *
 * Puts every preference back to its default. The window state is left alone: it is not a
 * preference the person chose in the preferences window.
 */
void
coach_settings_reset (CoachSettings *self)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  for (guint i = FIRST_BOUND_PROP; i < N_PROPS; i++)
    {
      const char *name = g_param_spec_get_name (properties[i]);
      if (!g_str_has_prefix (name, "window-"))
        g_settings_reset (self->gsettings, name);
    }
}
