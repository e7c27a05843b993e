/* coach-settings.h: the person's profile and the app's preferences, bound to GSettings.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "coach-planner.h"
#include "coach-safety.h"

G_BEGIN_DECLS

#define COACH_TYPE_SETTINGS (coach_settings_get_type ())

G_DECLARE_FINAL_TYPE (CoachSettings, coach_settings, COACH, SETTINGS, GObject)

CoachSettings *coach_settings_new              (GSettings     *gsettings);
CoachSettings *coach_settings_new_default      (void);
GSettings     *coach_settings_get_gsettings    (CoachSettings *self);

int            coach_settings_get_window_width     (CoachSettings *self);
int            coach_settings_get_window_height    (CoachSettings *self);
gboolean       coach_settings_get_window_maximized (CoachSettings *self);
void           coach_settings_save_window_state    (CoachSettings *self,
                                                    int            width,
                                                    int            height,
                                                    gboolean       maximized);

guint          coach_settings_get_default_minutes  (CoachSettings *self);
void           coach_settings_set_default_minutes  (CoachSettings *self,
                                                    guint          minutes);
guint          coach_settings_get_get_ready_seconds (CoachSettings *self);
void           coach_settings_set_get_ready_seconds (CoachSettings *self,
                                                     guint          seconds);

/* The profile: CoachRegion, CoachFamily, CoachEquipment and CoachCondition masks. */
guint32        coach_settings_get_sore_regions     (CoachSettings *self);
guint32        coach_settings_get_avoid_families   (CoachSettings *self);
guint32        coach_settings_get_avoid_equipment  (CoachSettings *self);
guint32        coach_settings_get_equipment        (CoachSettings *self);
guint32        coach_settings_get_conditions       (CoachSettings *self);
guint          coach_settings_get_pressure_ceiling (CoachSettings *self);
void           coach_settings_set_flag             (CoachSettings *self,
                                                    const char    *property,
                                                    guint          value,
                                                    gboolean       on);

gboolean       coach_settings_get_cue_sounds       (CoachSettings *self);
gboolean       coach_settings_get_voice_guidance   (CoachSettings *self);
gboolean       coach_settings_get_pacing_beats     (CoachSettings *self);
double         coach_settings_get_volume           (CoachSettings *self);

gboolean       coach_settings_get_first_run_done   (CoachSettings *self);
CoachSafetyStatus coach_settings_get_safety_status (CoachSettings *self);
void           coach_settings_set_safety_status    (CoachSettings     *self,
                                                    CoachSafetyStatus  status);

/* Partner sessions: minutes of massage between pressure check-ins; the pressure the person
 * likes to receive (-2 to 2, remembered from their answers); the last partner's id or "". */
guint          coach_settings_get_check_in_minutes (CoachSettings *self);
int            coach_settings_get_pressure_preference (CoachSettings *self);
const char    *coach_settings_get_last_partner     (CoachSettings *self);

/* History: whether to ask for pain ratings before and after a routine; when the weekly PEG
 * check-in was last offered (Unix time, 0 for never). */
gboolean       coach_settings_get_rate_pain        (CoachSettings *self);
gint64         coach_settings_get_peg_offered      (CoachSettings *self);

const char * const *coach_settings_get_chosen_techniques (CoachSettings *self);
gboolean       coach_settings_is_technique_chosen  (CoachSettings *self,
                                                    const char    *id);
void           coach_settings_set_technique_chosen (CoachSettings *self,
                                                    const char    *id,
                                                    gboolean       chosen);
gboolean       coach_settings_values_equal         (GParamSpec    *pspec,
                                                    const GValue  *a,
                                                    const GValue  *b);
void           coach_settings_fill_plan_request    (CoachSettings    *self,
                                                    CoachPlanRequest *request);
gboolean       coach_settings_is_plan_property     (GParamSpec       *pspec);

void           coach_settings_reset                (CoachSettings *self);

G_END_DECLS
