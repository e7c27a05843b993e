/* coach-body-map.h: a clickable back outline for choosing the regions that hurt.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "coach-vocab.h"

G_BEGIN_DECLS

#define COACH_TYPE_BODY_MAP (coach_body_map_get_type ())

G_DECLARE_FINAL_TYPE (CoachBodyMap, coach_body_map, COACH, BODY_MAP, GtkWidget)

GtkWidget *coach_body_map_new                (void);
guint      coach_body_map_get_regions        (CoachBodyMap *self);
void       coach_body_map_set_regions        (CoachBodyMap *self,
                                              guint         regions);
void       coach_body_map_get_region_centre  (CoachBodyMap *self,
                                              CoachRegion   region,
                                              double       *x,
                                              double       *y);

G_END_DECLS
