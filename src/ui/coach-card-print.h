/* coach-card-print.h: a technique card laid out for paper, to print or to save as PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "coach-technique.h"

G_BEGIN_DECLS

#define COACH_CARD_ERROR (coach_card_error_quark ())

typedef enum {
  COACH_CARD_ERROR_WRITE,   /* the PDF file could not be written */
  COACH_CARD_ERROR_PRINT,   /* the print system refused the job */
} CoachCardError;

GQuark coach_card_error_quark (void);

/* A technique card broken into pages of one size. All lengths are in points (1/72 inch) and
 * relative to the top-left corner of the printable area, inside the page margins. */
typedef struct _CoachCardLayout CoachCardLayout;

CoachCardLayout *coach_card_layout_new                  (CoachTechnique     *technique,
                                                         double              width,
                                                         double              height);
void             coach_card_layout_free                 (CoachCardLayout    *layout);
guint            coach_card_layout_get_n_pages          (CoachCardLayout    *layout);
void             coach_card_layout_draw_page            (CoachCardLayout    *layout,
                                                         cairo_t            *cr,
                                                         guint               page);
gboolean         coach_card_layout_get_illustration     (CoachCardLayout    *layout,
                                                         guint               step,
                                                         guint              *page,
                                                         cairo_rectangle_t  *rect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachCardLayout, coach_card_layout_free)

/* The paper size of the locale (A4 or Letter) with the card's margins. */
GtkPageSetup    *coach_card_get_page_setup              (void);

gboolean         coach_card_export_pdf                  (CoachTechnique     *technique,
                                                         const char         *path,
                                                         GError            **error);
void             coach_card_print                       (CoachTechnique     *technique,
                                                         GtkWindow          *parent);
void             coach_card_save_pdf                    (CoachTechnique     *technique,
                                                         GtkWindow          *parent);

G_END_DECLS
