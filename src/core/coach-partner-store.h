/* coach-partner-store.h: the saved partner profiles, as a list model sorted by name.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "coach-partner.h"

G_BEGIN_DECLS

#define COACH_TYPE_PARTNER_STORE (coach_partner_store_get_type ())

G_DECLARE_FINAL_TYPE (CoachPartnerStore, coach_partner_store, COACH, PARTNER_STORE, GObject)

char              *coach_partner_store_get_default_path (void);
CoachPartnerStore *coach_partner_store_new              (const char         *path);
CoachPartnerStore *coach_partner_store_new_default      (void);
const char        *coach_partner_store_get_path         (CoachPartnerStore  *self);

gboolean           coach_partner_store_load             (CoachPartnerStore  *self,
                                                         GError            **error);
void               coach_partner_store_add              (CoachPartnerStore  *self,
                                                         CoachPartner       *partner);
gboolean           coach_partner_store_remove           (CoachPartnerStore  *self,
                                                         const char         *id);
CoachPartner      *coach_partner_store_lookup           (CoachPartnerStore  *self,
                                                         const char         *id);

gboolean           coach_partner_store_save             (CoachPartnerStore  *self,
                                                         GError            **error);
void               coach_partner_store_flush            (CoachPartnerStore  *self);
gboolean           coach_partner_store_has_unsaved_changes
                                                        (CoachPartnerStore  *self);

char              *coach_partner_store_to_xml           (CoachPartnerStore  *self);
GPtrArray         *coach_partner_store_parse            (const char         *filename,
                                                         const char         *data,
                                                         gssize              length,
                                                         GError            **error);

G_END_DECLS
