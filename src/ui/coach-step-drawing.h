/* coach-step-drawing.h: one technique step drawn with cairo: where, how and with what.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "coach-back-outline.h"
#include "coach-technique.h"

G_BEGIN_DECLS

/* The drawing's own design space: the back outline's 100 × 160 units at the left, with room on
 * the right for the pose inset in the lower-right corner. */
#define COACH_STEP_DRAWING_WIDTH 136.0
#define COACH_STEP_DRAWING_HEIGHT 160.0

/* Draws @step into a width × height area of @cr (pixels), keeping the aspect ratio: the back
 * outline with the step's area highlighted, the stroke path for its stroke and direction on the
 * correct side, the pressure points, and in a corner inset a small figure of the pose and
 * equipment. @phase in [0, 1) is the position in one stroke cycle: a contact point (a hand or a
 * ball) drawn at that point of the path; pass a negative phase for a still picture without the
 * moving contact point. */
void     coach_step_drawing_draw               (cairo_t                  *cr,
                                                const CoachStep          *step,
                                                const CoachOutlineStyle  *style,
                                                double                    width,
                                                double                    height,
                                                double                    phase);

/* The two layers of coach_step_drawing_draw (): the still base (back and pose inset) and the
 * marks that move with @phase. */
void     coach_step_drawing_draw_base          (cairo_t                  *cr,
                                                const CoachStep          *step,
                                                const CoachOutlineStyle  *style,
                                                double                    width,
                                                double                    height);
void     coach_step_drawing_draw_marks         (cairo_t                  *cr,
                                                const CoachStep          *step,
                                                const CoachOutlineStyle  *style,
                                                double                    width,
                                                double                    height,
                                                double                    phase);

/* Renders @step on a transparent background to a PNG of the given size in pixels. */
gboolean coach_step_drawing_render_png         (const CoachStep          *step,
                                                const char               *path,
                                                int                       width,
                                                int                       height,
                                                const CoachOutlineStyle  *style,
                                                double                    phase,
                                                GError                  **error);

/* The seconds one stroke cycle lasts for @step: 60 / tempo when it has a tempo, otherwise a
 * calm default for its stroke; 0 for strokes that do not move (hold, stretch, rest). */
double   coach_step_drawing_get_cycle_seconds  (const CoachStep          *step);

/* Sets @matrix to map the back outline's design space into a width × height drawing, as
 * coach_step_drawing_draw () places it. */
void     coach_step_drawing_get_transform      (double                    width,
                                                double                    height,
                                                cairo_matrix_t           *matrix);

/* The pose inset of a width × height drawing, in pixels. */
void     coach_step_drawing_get_inset          (double                    width,
                                                double                    height,
                                                cairo_rectangle_t        *rect);

G_END_DECLS
