/* coach-profile-rows.h: switch rows for a profile's sets (regions, methods, conditions).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-vocab.h"

G_BEGIN_DECLS

GtkWidget *coach_flag_row_new           (GObject             *object,
                                         const char          *property,
                                         guint                value,
                                         const char          *title,
                                         const char          *subtitle);
void       coach_profile_rows_add       (AdwPreferencesGroup *group,
                                         GObject             *object,
                                         const char          *property,
                                         CoachVocab           vocab);
void       coach_profile_bind_body_map  (GtkWidget           *body_map,
                                         GObject             *object,
                                         const char          *property);
GtkWidget *coach_profile_where_it_hurts_new (GObject         *object,
                                             const char      *property,
                                             GtkWidget      **body_map);

G_END_DECLS
