/* coach-partner-editor.h: a dialog to add, edit and delete a partner profile.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-partner-store.h"

G_BEGIN_DECLS

#define COACH_TYPE_PARTNER_EDITOR (coach_partner_editor_get_type ())

G_DECLARE_FINAL_TYPE (CoachPartnerEditor, coach_partner_editor, COACH, PARTNER_EDITOR, AdwWindow)

CoachPartnerEditor *coach_partner_editor_new          (GtkWindow          *parent,
                                                       CoachPartnerStore  *store,
                                                       CoachPartner       *partner);
GtkWidget          *coach_partner_editor_get_name_row (CoachPartnerEditor *self);
CoachPartner       *coach_partner_editor_get_partner  (CoachPartnerEditor *self);
const char         *coach_partner_editor_get_error    (CoachPartnerEditor *self);

G_END_DECLS
