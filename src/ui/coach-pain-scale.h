/* coach-pain-scale.h: a 0-10 rating, quick to give with one click or one key, that may be
 * left unrated.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COACH_TYPE_PAIN_SCALE (coach_pain_scale_get_type ())

G_DECLARE_FINAL_TYPE (CoachPainScale, coach_pain_scale, COACH, PAIN_SCALE, GtkWidget)

GtkWidget *coach_pain_scale_new       (void);
/* 0-10, or -1 (COACH_PAIN_NONE) when not rated. */
int        coach_pain_scale_get_value (CoachPainScale *self);
void       coach_pain_scale_set_value (CoachPainScale *self,
                                       int             value);
/* The words under both ends, e.g. "No pain" and "Worst pain imaginable". */
void       coach_pain_scale_set_ends  (CoachPainScale *self,
                                       const char     *low,
                                       const char     *high);

/* A boxed-list row: @title above the scale, which it names for screen readers. */
GtkWidget *coach_pain_scale_row_new   (const char      *title,
                                       CoachPainScale **scale);

G_END_DECLS
