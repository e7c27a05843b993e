/* coach-settings.c: the person's profile and the app's preferences, bound to GSettings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widgets bind to this object rather than to GSettings directly, so the behaviour can be
 * tested without a display and every part of the app sees a change at once. Every property
 * after "gsettings" mirrors the GSettings key of the same name; values are kept in a GValue
 * table so that one set_property serves them all. */
#define G_LOG_DOMAIN "coach-settings"

#include "config.h"

#include "coach-safety.h"
#include "coach-settings.h"
#include "coach-vocab.h"

enum {
  PROP_0,
  PROP_GSETTINGS,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_DEFAULT_MINUTES,
  PROP_GET_READY_SECONDS,
  PROP_SORE_REGIONS,
  PROP_AVOID_FAMILIES,
  PROP_AVOID_EQUIPMENT,
  PROP_EQUIPMENT,
  PROP_CONDITIONS,
  PROP_PRESSURE_CEILING,
  PROP_CHOSEN_TECHNIQUES,
  PROP_CUE_SOUNDS,
  PROP_VOICE_GUIDANCE,
  PROP_PACING_BEATS,
  PROP_VOLUME,
  PROP_FIRST_RUN_DONE,
  PROP_SAFETY_STATUS,
  PROP_CHECK_IN_MINUTES,
  PROP_PRESSURE_PREFERENCE,
  PROP_LAST_PARTNER,
  PROP_RATE_PAIN,
  PROP_PEG_OFFERED,
  N_PROPS
};

#define FIRST_BOUND_PROP PROP_WINDOW_WIDTH

static GParamSpec *properties[N_PROPS];

struct _CoachSettings
{
  GObject    parent_instance;

  GSettings *gsettings;
  GValue     values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (CoachSettings, coach_settings, G_TYPE_OBJECT)

/* Keys that record state rather than choices made in Preferences; a reset leaves them. */
static gboolean
is_preference (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_WINDOW_WIDTH:
    case PROP_WINDOW_HEIGHT:
    case PROP_WINDOW_MAXIMIZED:
    case PROP_FIRST_RUN_DONE:
    case PROP_SAFETY_STATUS:
    case PROP_PRESSURE_PREFERENCE:
    case PROP_LAST_PARTNER:
    case PROP_PEG_OFFERED:
      return FALSE;
    default:
      return TRUE;
    }
}

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
coach_settings_finalize (GObject *object)
{
  CoachSettings *self = COACH_SETTINGS (object);

  for (guint i = FIRST_BOUND_PROP; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (coach_settings_parent_class)->finalize (object);
}

/* Like g_param_values_cmp () == 0, but string lists compare by content (an unset list is
 * empty): boxed values otherwise compare by address. */
gboolean
coach_settings_values_equal (GParamSpec   *pspec,
                             const GValue *a,
                             const GValue *b)
{
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV)
    {
      static const char * const none[] = { NULL };
      const char * const *x = g_value_get_boxed (a);
      const char * const *y = g_value_get_boxed (b);

      return g_strv_equal (x != NULL ? x : none, y != NULL ? y : none);
    }
  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
coach_settings_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CoachSettings *self = COACH_SETTINGS (object);

  if (prop_id == PROP_GSETTINGS)
    g_value_set_object (value, self->gsettings);
  else if (prop_id > PROP_GSETTINGS && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
coach_settings_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CoachSettings *self = COACH_SETTINGS (object);

  if (prop_id == PROP_GSETTINGS)
    {
      self->gsettings = g_value_dup_object (value);
    }
  else if (prop_id > PROP_GSETTINGS && prop_id < N_PROPS)
    {
      /* Notify only on a real change, so that bindings do not loop. */
      if (!coach_settings_values_equal (pspec, &self->values[prop_id], value))
        {
          g_value_copy (value, &self->values[prop_id]);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
coach_settings_class_init (CoachSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_settings_constructed;
  object_class->dispose = coach_settings_dispose;
  object_class->finalize = coach_settings_finalize;
  object_class->get_property = coach_settings_get_property;
  object_class->set_property = coach_settings_set_property;

  properties[PROP_GSETTINGS] =
    g_param_spec_object ("gsettings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Ranges and defaults match the schema; the schema enforces them on write. */
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, 0, G_MAXINT, 960, PARAM_FLAGS);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, 0, G_MAXINT, 720, PARAM_FLAGS);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_DEFAULT_MINUTES] =
    g_param_spec_uint ("default-minutes", NULL, NULL, 5, 30, 15, PARAM_FLAGS);
  properties[PROP_GET_READY_SECONDS] =
    g_param_spec_uint ("get-ready-seconds", NULL, NULL, 0, 30, 5, PARAM_FLAGS);
  properties[PROP_SORE_REGIONS] =
    g_param_spec_flags ("sore-regions", NULL, NULL, COACH_TYPE_REGION_FLAGS, 0, PARAM_FLAGS);
  properties[PROP_AVOID_FAMILIES] =
    g_param_spec_flags ("avoid-families", NULL, NULL, COACH_TYPE_FAMILY_FLAGS, 0, PARAM_FLAGS);
  properties[PROP_AVOID_EQUIPMENT] =
    g_param_spec_flags ("avoid-equipment", NULL, NULL, COACH_TYPE_EQUIPMENT_FLAGS, 0, PARAM_FLAGS);
  properties[PROP_EQUIPMENT] =
    g_param_spec_flags ("equipment", NULL, NULL, COACH_TYPE_EQUIPMENT_FLAGS,
                        COACH_MASK (COACH_EQUIPMENT_OIL) | COACH_MASK (COACH_EQUIPMENT_TOWEL),
                        PARAM_FLAGS);
  properties[PROP_CONDITIONS] =
    g_param_spec_flags ("conditions", NULL, NULL, COACH_TYPE_CONDITION_FLAGS, 0, PARAM_FLAGS);
  properties[PROP_PRESSURE_CEILING] =
    g_param_spec_uint ("pressure-ceiling", NULL, NULL, 0, COACH_PRESSURE_MAX, 6, PARAM_FLAGS);
  properties[PROP_CHOSEN_TECHNIQUES] =
    g_param_spec_boxed ("chosen-techniques", NULL, NULL, G_TYPE_STRV, PARAM_FLAGS);
  properties[PROP_CUE_SOUNDS] =
    g_param_spec_boolean ("cue-sounds", NULL, NULL, TRUE, PARAM_FLAGS);
  properties[PROP_VOICE_GUIDANCE] =
    g_param_spec_boolean ("voice-guidance", NULL, NULL, TRUE, PARAM_FLAGS);
  properties[PROP_PACING_BEATS] =
    g_param_spec_boolean ("pacing-beats", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 0.8, PARAM_FLAGS);
  properties[PROP_FIRST_RUN_DONE] =
    g_param_spec_boolean ("first-run-done", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_SAFETY_STATUS] =
    g_param_spec_enum ("safety-status", NULL, NULL, COACH_TYPE_SAFETY_STATUS,
                       COACH_SAFETY_STATUS_UNCHECKED, PARAM_FLAGS);
  properties[PROP_CHECK_IN_MINUTES] =
    g_param_spec_uint ("check-in-minutes", NULL, NULL, 1, 10, 2, PARAM_FLAGS);
  properties[PROP_PRESSURE_PREFERENCE] =
    g_param_spec_int ("pressure-preference", NULL, NULL, -2, 2, 0, PARAM_FLAGS);
  properties[PROP_LAST_PARTNER] =
    g_param_spec_string ("last-partner", NULL, NULL, "", PARAM_FLAGS);
  properties[PROP_RATE_PAIN] =
    g_param_spec_boolean ("rate-pain", NULL, NULL, TRUE, PARAM_FLAGS);
  properties[PROP_PEG_OFFERED] =
    g_param_spec_int64 ("peg-offered", NULL, NULL, 0, G_MAXINT64, 0, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_settings_init (CoachSettings *self)
{
  for (guint i = FIRST_BOUND_PROP; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
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

#define GETTER(type, name, prop, getter, fallback) \
  type \
  coach_settings_get_##name (CoachSettings *self) \
  { \
    g_return_val_if_fail (COACH_IS_SETTINGS (self), fallback); \
    return getter (&self->values[prop]); \
  }

GETTER (int, window_width, PROP_WINDOW_WIDTH, g_value_get_int, 0)
GETTER (int, window_height, PROP_WINDOW_HEIGHT, g_value_get_int, 0)
GETTER (gboolean, window_maximized, PROP_WINDOW_MAXIMIZED, g_value_get_boolean, FALSE)
GETTER (guint, default_minutes, PROP_DEFAULT_MINUTES, g_value_get_uint, 0)
GETTER (guint, get_ready_seconds, PROP_GET_READY_SECONDS, g_value_get_uint, 0)
GETTER (guint32, sore_regions, PROP_SORE_REGIONS, g_value_get_flags, 0)
GETTER (guint32, avoid_families, PROP_AVOID_FAMILIES, g_value_get_flags, 0)
GETTER (guint32, avoid_equipment, PROP_AVOID_EQUIPMENT, g_value_get_flags, 0)
GETTER (guint32, equipment, PROP_EQUIPMENT, g_value_get_flags, 0)
GETTER (guint32, conditions, PROP_CONDITIONS, g_value_get_flags, 0)
GETTER (guint, pressure_ceiling, PROP_PRESSURE_CEILING, g_value_get_uint, 0)
GETTER (gboolean, cue_sounds, PROP_CUE_SOUNDS, g_value_get_boolean, FALSE)
GETTER (gboolean, voice_guidance, PROP_VOICE_GUIDANCE, g_value_get_boolean, FALSE)
GETTER (gboolean, pacing_beats, PROP_PACING_BEATS, g_value_get_boolean, FALSE)
GETTER (double, volume, PROP_VOLUME, g_value_get_double, 0.0)
GETTER (gboolean, first_run_done, PROP_FIRST_RUN_DONE, g_value_get_boolean, FALSE)
GETTER (CoachSafetyStatus, safety_status, PROP_SAFETY_STATUS, g_value_get_enum,
        COACH_SAFETY_STATUS_UNCHECKED)
GETTER (guint, check_in_minutes, PROP_CHECK_IN_MINUTES, g_value_get_uint, 2)
GETTER (int, pressure_preference, PROP_PRESSURE_PREFERENCE, g_value_get_int, 0)
GETTER (const char *, last_partner, PROP_LAST_PARTNER, g_value_get_string, "")
GETTER (gboolean, rate_pain, PROP_RATE_PAIN, g_value_get_boolean, TRUE)
GETTER (gint64, peg_offered, PROP_PEG_OFFERED, g_value_get_int64, 0)

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

void
coach_settings_set_default_minutes (CoachSettings *self,
                                    guint          minutes)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  g_object_set (self, "default-minutes", CLAMP (minutes, 5, 30), NULL);
}

void
coach_settings_set_get_ready_seconds (CoachSettings *self,
                                      guint          seconds)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  g_object_set (self, "get-ready-seconds", MIN (seconds, 30), NULL);
}

/**
 * coach_settings_set_flag:
 * @property: the name of a flags property, e.g. "sore-regions"
 * @value: the vocabulary value to add or remove, e.g. %COACH_REGION_NECK
 *
 * Adds @value to the set in @property, or removes it.
 */
void
coach_settings_set_flag (CoachSettings *self,
                         const char    *property,
                         guint          value,
                         gboolean       on)
{
  GParamSpec *pspec;
  guint mask;

  g_return_if_fail (COACH_IS_SETTINGS (self));
  g_return_if_fail (value < 32);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
  g_return_if_fail (pspec != NULL && G_IS_PARAM_SPEC_FLAGS (pspec));

  g_object_get (self, property, &mask, NULL);
  mask = on ? (mask | COACH_MASK (value)) : (mask & ~COACH_MASK (value));
  g_object_set (self, property, mask, NULL);
}

void
coach_settings_set_safety_status (CoachSettings     *self,
                                  CoachSafetyStatus  status)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  g_object_set (self, "safety-status", status, NULL);
}

/**
 * coach_settings_fill_plan_request:
 * @request: an initialized request; the profile's choices replace its defaults
 *
 * The planner sees exactly what the person chose in Preferences.
 */
void
coach_settings_fill_plan_request (CoachSettings    *self,
                                  CoachPlanRequest *request)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));
  g_return_if_fail (request != NULL);

  request->sore_regions = coach_settings_get_sore_regions (self);
  request->avoid_families = coach_settings_get_avoid_families (self);
  request->avoid_equipment = coach_settings_get_avoid_equipment (self);
  request->equipment = coach_settings_get_equipment (self);
  request->conditions = coach_settings_get_conditions (self);
  request->pressure_ceiling = coach_settings_get_pressure_ceiling (self);
  request->minutes = coach_settings_get_default_minutes (self);
  request->chosen = coach_settings_get_chosen_techniques (self);
}

/**
 * coach_settings_get_chosen_techniques:
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the techniques added to
 * the routine, valid until the key changes.
 */
const char * const *
coach_settings_get_chosen_techniques (CoachSettings *self)
{
  static const char * const none[] = { NULL };
  const char * const *ids;

  g_return_val_if_fail (COACH_IS_SETTINGS (self), none);

  ids = g_value_get_boxed (&self->values[PROP_CHOSEN_TECHNIQUES]);
  return ids != NULL ? ids : none;
}

gboolean
coach_settings_is_technique_chosen (CoachSettings *self,
                                    const char    *id)
{
  g_return_val_if_fail (id != NULL, FALSE);

  return g_strv_contains (coach_settings_get_chosen_techniques (self), id);
}

/* Adds the technique @id to the routine, or takes it out again. */
void
coach_settings_set_technique_chosen (CoachSettings *self,
                                     const char    *id,
                                     gboolean       chosen)
{
  const char * const *ids = coach_settings_get_chosen_techniques (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  g_return_if_fail (id != NULL);

  if (g_strv_contains (ids, id) == chosen)
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id) != 0)
      g_strv_builder_add (builder, ids[i]);
  if (chosen)
    g_strv_builder_add (builder, id);
  result = g_strv_builder_end (builder);
  g_object_set (self, "chosen-techniques", result, NULL);
}

/* Whether @pspec is one of the keys the planner reads, so a view can re-plan on a change. */
gboolean
coach_settings_is_plan_property (GParamSpec *pspec)
{
  for (guint i = PROP_SORE_REGIONS; i <= PROP_CHOSEN_TECHNIQUES; i++)
    if (pspec == properties[i])
      return TRUE;

  return pspec == properties[PROP_DEFAULT_MINUTES] || pspec == properties[PROP_SAFETY_STATUS];
}

/**
 * coach_settings_reset:
 *
 * Puts every preference back to its default. The window state and the safety check are left
 * alone: they are not choices made in the preferences window.
 */
void
coach_settings_reset (CoachSettings *self)
{
  g_return_if_fail (COACH_IS_SETTINGS (self));

  for (guint i = FIRST_BOUND_PROP; i < N_PROPS; i++)
    if (is_preference (i))
      g_settings_reset (self->gsettings, g_param_spec_get_name (properties[i]));
}
