/* coach-application.h: the Back Coach application object.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-cue-player.h"
#include "coach-history-store.h"
#include "coach-partner-store.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_APPLICATION (coach_application_get_type ())

G_DECLARE_FINAL_TYPE (CoachApplication, coach_application, COACH, APPLICATION, AdwApplication)

CoachApplication *coach_application_new          (void);
CoachSettings    *coach_application_get_settings (CoachApplication *self);
CoachCatalog     *coach_application_get_catalog  (CoachApplication *self);
CoachPartnerStore *coach_application_get_partner_store (CoachApplication  *self,
                                                        const char       **problem);
CoachHistoryStore *coach_application_get_history_store (CoachApplication *self);
void              coach_application_report_history (CoachApplication *self,
                                                    const GError     *error);
void              coach_application_play_cue_async  (CoachApplication    *self,
                                                     CoachCue             cue,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          coach_application_play_cue_finish (CoachApplication    *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
