/* coach-back-outline.h: a person's back seen from behind, with its regions and landmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "coach-vocab.h"

G_BEGIN_DECLS

/* Colours and line width for coach_back_outline_draw (). */
typedef struct {
  GdkRGBA outline;      /* body outline and landmark colour */
  GdkRGBA body;         /* body fill */
  GdkRGBA highlight;    /* fill of highlighted regions */
  GdkRGBA hover;        /* fill of the region under the pointer */
  double  line_width;   /* in design units */
} CoachOutlineStyle;

/* The design space: x to the right, y down; the person's left side is on the viewer's left. */
#define COACH_OUTLINE_WIDTH 100.0
#define COACH_OUTLINE_HEIGHT 160.0

/* Fills @style from @widget's CSS: its foreground colour for lines, a faint body fill, the
 * accent colour for highlights; thicker lines and stronger fills in high contrast. */
void     coach_outline_style_init_from_widget  (CoachOutlineStyle       *style,
                                                GtkWidget               *widget);

/* Sets @matrix to map the design space into a width × height area, keeping the aspect ratio,
 * centred. */
void     coach_back_outline_get_transform      (double                   width,
                                                double                   height,
                                                cairo_matrix_t          *matrix);

/* Draws the whole back, with the @highlighted regions (a mask) filled and @hover (a
 * CoachRegion, or -1) filled lighter. @cr is already in design units. */
void     coach_back_outline_draw               (cairo_t                 *cr,
                                                const CoachOutlineStyle *style,
                                                guint32                  highlighted,
                                                int                      hover);

/* Append the body outline (head and arms included) or a region's shape to @cr's path. */
void     coach_back_outline_append_body_path   (cairo_t                 *cr);
void     coach_back_outline_append_region_path (cairo_t                 *cr,
                                                CoachRegion              region);

/* The region at a point in design units; FALSE outside every region. */
gboolean coach_back_outline_region_at          (double                   x,
                                                double                   y,
                                                CoachRegion             *region);

/* A point inside @region, good to click or to place a label on (design units). */
void     coach_back_outline_get_region_centre  (CoachRegion              region,
                                                double                  *x,
                                                double                  *y);

/* A landmark on the given side. Both or none give the left one for paired landmarks, and the
 * midline for those centred on the spine (skull base, sacrum). */
void     coach_back_outline_get_landmark       (CoachLandmark            landmark,
                                                CoachSide                side,
                                                double                  *x,
                                                double                  *y);

/* Renders the back on a transparent background to a PNG of the given size in pixels. */
void     coach_fit_transform                   (double                   width,
                                               double                   height,
                                               double                   design_width,
                                               double                   design_height,
                                               cairo_matrix_t          *matrix);

typedef void (*CoachDrawFunc) (cairo_t *cr, int width, int height, gconstpointer user_data);

gboolean coach_render_png                      (const char              *path,
                                               int                      width,
                                               int                      height,
                                               CoachDrawFunc            draw,
                                               gconstpointer            user_data,
                                               GError                 **error);
gboolean coach_back_outline_render_png         (const char              *path,
                                                int                      width,
                                                int                      height,
                                                const CoachOutlineStyle *style,
                                                guint32                  highlighted,
                                                GError                 **error);

G_END_DECLS
