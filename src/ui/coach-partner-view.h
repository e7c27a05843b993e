/* coach-partner-view.h: setting up a partner massage: who, the receiver's safety check, the
 * position and the checklist.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-partner-session.h"
#include "coach-partner-store.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_PARTNER_VIEW (coach_partner_view_get_type ())

G_DECLARE_FINAL_TYPE (CoachPartnerView, coach_partner_view, COACH, PARTNER_VIEW, AdwBin)

CoachPartnerView    *coach_partner_view_new           (CoachSettings       *settings,
                                                       CoachCatalog        *catalog,
                                                       CoachPartnerStore   *store);
void                 coach_partner_view_begin         (CoachPartnerView    *self);
void                 coach_partner_view_swap_roles    (CoachPartnerView    *self,
                                                       CoachPartnerSession *session);
const char          *coach_partner_view_get_page      (CoachPartnerView    *self);
CoachPartnerSession *coach_partner_view_get_session   (CoachPartnerView    *self);
CoachRoutine        *coach_partner_view_get_routine   (CoachPartnerView    *self);
guint                coach_partner_view_get_n_checked (CoachPartnerView    *self);

G_END_DECLS
