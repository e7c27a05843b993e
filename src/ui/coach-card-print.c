/* coach-card-print.c: a technique card laid out for paper, to print or to save as PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card is cut into pieces: one per line of text, so long paragraphs can run on to the next
 * page, and one per step, so a step's picture and its instruction always stay together. The
 * pieces are measured once for a page size and placed page by page; printing, print preview
 * and the PDF export all draw from the same placement. Text is measured with hinting off and
 * at 72 dpi, so a point in the layout is a point on paper whatever the output device. */
#define G_LOG_DOMAIN "coach-card-print"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "coach-accessible.h"
#include "coach-card-print.h"
#include "coach-format.h"
#include "coach-safety.h"
#include "coach-step-drawing.h"

#define MM (72.0 / 25.4)

/* Page margins: wider than any printer's unprintable edge. */
#define MARGIN_TOP (15 * MM)
#define MARGIN_BOTTOM (12 * MM)
#define MARGIN_SIDE (18 * MM)

/* A step's picture: 38 mm wide, in the drawing's own proportions. */
#define ILLUSTRATION_WIDTH (38 * MM)
#define ILLUSTRATION_HEIGHT (ILLUSTRATION_WIDTH * COACH_STEP_DRAWING_HEIGHT / \
                             COACH_STEP_DRAWING_WIDTH)
#define COLUMN_GAP 14.0
/* Below this text column width the step's text goes under its picture instead. */
#define MIN_TEXT_COLUMN 160.0

#define BOX_PAD 9.0
#define BOX_LINE 1.5
#define BULLET_INDENT 12.0
#define FOOTER_GAP 12.0
#define RUNNING_GAP 14.0

#define FONT_TITLE "Sans Bold 20"
#define FONT_META "Sans 10"
#define FONT_SUMMARY "Sans 11.5"
#define FONT_BODY "Sans 10"
#define FONT_BOX_HEADING "Sans Bold 12"
#define FONT_STEPS_HEADING "Sans Bold 14"
#define FONT_STEP "Sans 10.5"
#define FONT_FOOTER "Sans 8"

/* Shades of grey for text; 0 is black. */
#define TEXT_BLACK 0.0
#define TEXT_GREY 0.3
#define RULE_GREY 0.7
#define DETAIL_COLOUR "#4d4d4d"

G_DEFINE_QUARK (coach-card-error-quark, coach_card_error)

typedef enum {
  PIECE_LINE,
  PIECE_STEP,
} PieceKind;

typedef struct {
  PieceKind    kind;
  double       height;
  double       space_before;    /* dropped at the top of a page */
  gboolean     keep_with_next;
  gboolean     in_box;          /* inside the cautions box */

  /* PIECE_LINE: one line of a layout */
  PangoLayout *layout;
  int          line;
  double       x;               /* the line's left edge */
  double       baseline;        /* from the piece's top */
  double       grey;
  gboolean     bullet;

  /* PIECE_STEP: a step's picture with its heading and instruction */
  const CoachStep *step;
  PangoLayout *heading;
  PangoLayout *instruction;

  /* Where the piece landed. */
  guint        page;
  double       y;
} Piece;

struct _CoachCardLayout
{
  CoachTechnique *technique;
  double          width;
  double          height;
  double          body_height;   /* above the footer */
  double          running_height; /* of the running header on the pages after the first */
  double          text_x;        /* of a step's text */
  double          text_width;
  gboolean        stacked;       /* a step's text under its picture */

  PangoContext   *context;
  GPtrArray      *layouts;       /* PangoLayout, every one the pieces point to */
  GArray         *pieces;        /* Piece */
  PangoLayout    *bullet;
  PangoLayout    *running;
  guint           n_pages;
};

/* ---- Text ----------------------------------------------------------------------------- */

/* Appends @part to @line with the separator the app uses between details: "A · B". */
static void
append_detail (char       **line,
               const char  *part)
{
  char *joined;

  if (*line == NULL)
    {
      *line = g_strdup (part);
      return;
    }
  /* Translators: "Left side · 45 seconds" */
  joined = g_strdup_printf (_("%s · %s"), *line, part);
  g_free (*line);
  *line = joined;
}

static char *
format_meta_line (CoachTechnique *technique)
{
  guint pressure = coach_technique_get_pressure (technique);
  g_autofree char *regions = coach_format_mask (COACH_VOCAB_REGION,
                                          coach_technique_get_regions (technique));
  g_autofree char *pressure_text = NULL;
  char *line = NULL;

  /* Translators: on the printed card; %u is from 1 to 10, %s a word such as "gentle" */
  pressure_text = g_strdup_printf (_("Pressure %u of 10, %s"), pressure,
                                   coach_safety_get_pressure_word (pressure));

  append_detail (&line, coach_vocab_get_label (COACH_VOCAB_FAMILY,
                                               coach_technique_get_family (technique)));
  append_detail (&line, coach_vocab_get_label (COACH_VOCAB_PERFORMER,
                                               coach_technique_get_performer (technique)));
  append_detail (&line, pressure_text);
  append_detail (&line, regions);
  return line;
}

static char *
format_step_details (const CoachStep *step)
{
  char *line = coach_format_duration (step->duration);

  /* A step for the whole area needs no side; "both sides" is worth saying on paper. */
  if (step->side != COACH_SIDE_NONE)
    append_detail (&line, coach_vocab_get_label (COACH_VOCAB_SIDE, step->side));
  return line;
}

/* ---- Measuring ------------------------------------------------------------------------ */

static PangoLayout *
layout_new (CoachCardLayout *self,
            const char      *font,
            double           width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_font_description_free (desc);

  g_ptr_array_add (self->layouts, layout);
  return layout;
}

/* Sets plain text or Pango markup. Words are never hyphenated, so the printed text reads (and
 * copies out of a PDF) exactly as written. */
static void
layout_set_text (PangoLayout *layout,
                 const char  *text,
                 gboolean     markup)
{
  PangoAttrList *attrs;

  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  attrs = pango_layout_get_attributes (layout);
  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

/* One piece for each line of @layout. A heading keeps all its lines with what follows; a
 * paragraph of up to four lines stays whole, and a longer one leaves neither its first nor its
 * last line alone on a page. */
static void
add_lines (CoachCardLayout *self,
           PangoLayout     *layout,
           double           x,
           double           space_before,
           double           grey,
           gboolean         heading,
           gboolean         in_box,
           gboolean         bullet)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n = pango_layout_get_line_count (layout);
  int i = 0;

  do
    {
      Piece piece = { PIECE_LINE };
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);

      piece.height = pango_units_to_double (y1 - y0);
      piece.space_before = i == 0 ? space_before : 0;
      piece.keep_with_next = heading || (i < n - 1 && (n <= 4 || i == 0 || i == n - 2));
      piece.in_box = in_box;
      piece.layout = layout;
      piece.line = i;
      piece.x = x + pango_units_to_double (logical.x);
      piece.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter) - y0);
      piece.grey = grey;
      piece.bullet = bullet && i == 0;
      g_array_append_val (self->pieces, piece);
      i++;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
add_paragraph (CoachCardLayout *self,
               const char      *font,
               const char      *text,
               gboolean         markup,
               double           space_before,
               double           grey,
               gboolean         heading)
{
  PangoLayout *layout = layout_new (self, font, self->width);

  layout_set_text (layout, text, markup);
  add_lines (self, layout, 0, space_before, grey, heading, FALSE, FALSE);
}

/* "Suits: stress, sitting", the label in bold. */
static void
add_labelled (CoachCardLayout *self,
              const char      *label,
              const char      *value,
              double           space_before)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> %s", label, value);

  add_paragraph (self, FONT_BODY, markup, TRUE, space_before, TEXT_BLACK, FALSE);
}

static void
add_cautions (CoachCardLayout *self,
              double           space_before)
{
  CoachTechnique *technique = self->technique;
  double inner = self->width - 2 * BOX_PAD;
  PangoLayout *heading = layout_new (self, FONT_BOX_HEADING, inner);

  layout_set_text (heading, _("Cautions"), FALSE);
  add_lines (self, heading, BOX_PAD, space_before, TEXT_BLACK, TRUE, TRUE, FALSE);

  self->bullet = layout_new (self, FONT_BODY, BULLET_INDENT);
  layout_set_text (self->bullet, "•", FALSE);

  for (guint i = 0; i < coach_technique_get_n_cautions (technique); i++)
    {
      PangoLayout *item = layout_new (self, FONT_BODY, inner - BULLET_INDENT);

      layout_set_text (item, coach_technique_get_caution (technique, i), FALSE);
      add_lines (self, item, BOX_PAD + BULLET_INDENT, i == 0 ? 5 : 3, TEXT_BLACK, FALSE, TRUE,
                 TRUE);
    }
}

static void
add_step (CoachCardLayout *self,
          const CoachStep *step,
          double           space_before)
{
  Piece piece = { PIECE_STEP };
  /* Translators: the heading of one step on the printed card: "Step 3" */
  g_autofree char *label = g_strdup_printf (_("Step %u"), step->number);
  g_autofree char *details = format_step_details (step);
  g_autofree char *markup = NULL;
  double text_height;

  /* An em space between the number and the details, whatever the language. */
  markup = g_markup_printf_escaped ("<b>%s</b>\u2003<span foreground=\"" DETAIL_COLOUR "\">%s</span>",
                                    label, details);
  piece.heading = layout_new (self, FONT_STEP, self->text_width);
  layout_set_text (piece.heading, markup, TRUE);
  piece.instruction = layout_new (self, FONT_STEP, self->text_width);
  layout_set_text (piece.instruction, coach_step_get_instruction (step), FALSE);

  text_height = layout_height (piece.heading) + 3 + layout_height (piece.instruction);
  if (self->stacked)
    piece.height = ILLUSTRATION_HEIGHT + 6 + text_height;
  else
    piece.height = MAX (ILLUSTRATION_HEIGHT, text_height);
  piece.space_before = space_before;
  piece.step = step;
  g_array_append_val (self->pieces, piece);
}

static void
build_pieces (CoachCardLayout *self)
{
  CoachTechnique *technique = self->technique;
  guint32 suits = coach_technique_get_suits (technique);
  guint32 equipment = coach_technique_get_equipment (technique);
  g_autofree char *meta = format_meta_line (technique);
  g_autofree char *total = coach_format_duration (coach_technique_get_duration (technique));
  g_autofree char *total_text = NULL;
  g_autofree char *steps_heading = NULL;
  g_autofree char *evidence_heading = NULL;

  add_paragraph (self, FONT_TITLE, coach_technique_get_name (technique), FALSE, 0, TEXT_BLACK,
                 TRUE);
  add_paragraph (self, FONT_META, meta, FALSE, 4, TEXT_GREY, FALSE);
  add_paragraph (self, FONT_SUMMARY, coach_technique_get_summary (technique), FALSE, 12,
                 TEXT_BLACK, FALSE);

  if (suits != 0)
    {
      g_autofree char *list = coach_format_mask (COACH_VOCAB_SUITS, suits);
      /* Translators: on the printed card, before what a technique is good for */
      add_labelled (self, _("Suits:"), list, 10);
    }

  add_cautions (self, 14);

  evidence_heading = g_markup_printf_escaped ("<b>%s</b>", _("What the research says"));
  add_paragraph (self, FONT_BODY, evidence_heading, TRUE, 14, TEXT_BLACK, TRUE);
  add_paragraph (self, FONT_BODY, coach_technique_get_evidence (technique), FALSE, 2,
                 TEXT_BLACK, FALSE);

  if (equipment != 0)
    {
      g_autofree char *list = coach_format_mask (COACH_VOCAB_EQUIPMENT, equipment);
      /* Translators: on the printed card, before the things a technique needs */
      add_labelled (self, _("You need:"), list, 10);
    }
  else
    add_labelled (self, _("You need:"), _("your hands only"), 10);

  /* Translators: the length of all steps together on the printed card: "6 min 30 s in all" */
  total_text = g_strdup_printf (_("%s in all"), total);
  steps_heading = g_markup_printf_escaped ("<span font=\"" FONT_STEPS_HEADING "\">%s</span>"
                                           "\u2003<span foreground=\"" DETAIL_COLOUR "\">%s</span>",
                                           _("Steps"), total_text);
  add_paragraph (self, FONT_BODY, steps_heading, TRUE, 20, TEXT_BLACK, TRUE);

  for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
    add_step (self, coach_technique_get_step (technique, n), n == 1 ? 8 : 18);
}

/* ---- Placing -------------------------------------------------------------------------- */

static inline Piece *
get_piece (CoachCardLayout *self,
           guint            i)
{
  return &g_array_index (self->pieces, Piece, i);
}

/* The height of piece @i and the pieces it must stay with. */
static double
chain_height (CoachCardLayout *self,
              guint            i)
{
  double height = get_piece (self, i)->height;

  while (get_piece (self, i)->keep_with_next && i + 1 < self->pieces->len)
    {
      i++;
      height += get_piece (self, i)->space_before + get_piece (self, i)->height;
    }
  return height;
}

static void
paginate (CoachCardLayout *self)
{
  guint page = 0;
  double y = 0;
  gboolean empty = TRUE;   /* nothing on this page yet */

  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = get_piece (self, i);
      Piece *prev = i > 0 ? get_piece (self, i - 1) : NULL;
      /* A box piece needs room for the box's padding above and below it. */
      double box = piece->in_box ? 2 * BOX_PAD : 0;
      double before = empty ? 0 : piece->space_before;
      double chain = chain_height (self, i);

      /* Whatever does not fit goes to the next page; a group that could never fit on one
       * page is split rather than pushed on for ever. */
      if (!empty &&
          (y + before + box + piece->height > self->body_height ||
           (self->running_height + chain + box <= self->body_height &&
            y + before + box + chain > self->body_height)))
        {
          page++;
          y = self->running_height;
          before = 0;
        }
      empty = FALSE;

      y += before;
      if (piece->in_box && (prev == NULL || !prev->in_box || prev->page != page))
        y += BOX_PAD;
      piece->page = page;
      piece->y = y;
      y += piece->height;
      if (piece->in_box && (i + 1 == self->pieces->len || !get_piece (self, i + 1)->in_box))
        y += BOX_PAD;
    }

  self->n_pages = page + 1;
}

/**
 * coach_card_layout_new:
 * @width: the printable width in points
 * @height: the printable height in points, the footer included
 *
 * Lays out @technique's card for pages of this size.
 */
CoachCardLayout *
coach_card_layout_new (CoachTechnique *technique,
                       double          width,
                       double          height)
{
  CoachCardLayout *self;
  cairo_font_options_t *options;
  PangoLayout *footer;

  g_return_val_if_fail (COACH_IS_TECHNIQUE (technique), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_new0 (CoachCardLayout, 1);
  self->technique = g_object_ref (technique);
  self->width = width;
  self->height = height;
  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->pieces = g_array_new (FALSE, TRUE, sizeof (Piece));

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  footer = layout_new (self, FONT_FOOTER, width);
  layout_set_text (footer, "Back Coach 0123456789", FALSE);
  self->body_height = MAX (height - layout_height (footer) - FOOTER_GAP, height / 2);

  /* The technique's name on top of every page after the first, so loose pages can be told
   * apart. */
  self->running = layout_new (self, FONT_FOOTER, width);
  pango_layout_set_ellipsize (self->running, PANGO_ELLIPSIZE_END);
  layout_set_text (self->running, coach_technique_get_name (technique), FALSE);
  self->running_height = MIN (layout_height (self->running) + RUNNING_GAP, height / 4);

  self->text_width = width - ILLUSTRATION_WIDTH - COLUMN_GAP;
  self->stacked = self->text_width < MIN_TEXT_COLUMN;
  if (self->stacked)
    self->text_width = width;
  self->text_x = self->stacked ? 0 : ILLUSTRATION_WIDTH + COLUMN_GAP;

  build_pieces (self);
  paginate (self);

  return self;
}

void
coach_card_layout_free (CoachCardLayout *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->pieces);
  g_ptr_array_unref (self->layouts);
  g_object_unref (self->context);
  g_object_unref (self->technique);
  g_free (self);
}

guint
coach_card_layout_get_n_pages (CoachCardLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pages;
}

/**
 * coach_card_layout_get_illustration:
 * @step: the 1-based step number
 * @page: (out): the 0-based page the step's picture is on
 * @rect: (out): where on that page, in points from the printable area's corner
 *
 * Returns: FALSE when the technique has no such step.
 */
gboolean
coach_card_layout_get_illustration (CoachCardLayout   *self,
                                    guint              step,
                                    guint             *page,
                                    cairo_rectangle_t *rect)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = get_piece (self, i);

      if (piece->kind != PIECE_STEP || piece->step->number != step)
        continue;
      if (page != NULL)
        *page = piece->page;
      if (rect != NULL)
        *rect = (cairo_rectangle_t) { 0, piece->y, ILLUSTRATION_WIDTH, ILLUSTRATION_HEIGHT };
      return TRUE;
    }
  return FALSE;
}

/* ---- Drawing -------------------------------------------------------------------------- */

/* Black lines, a light grey body and a dark blue: translucent over the worked area, it prints
 * mid grey on a greyscale printer, and at full strength for the stroke path, dark grey. */
static void
init_paper_style (CoachOutlineStyle *style)
{
  gdk_rgba_parse (&style->outline, "#000000");
  gdk_rgba_parse (&style->body, "rgba(0, 0, 0, 0.1)");
  gdk_rgba_parse (&style->highlight, "rgba(21, 83, 158, 0.35)");
  gdk_rgba_parse (&style->hover, "rgba(21, 83, 158, 0.15)");
  style->line_width = 0.9;
}

static void
draw_line (CoachCardLayout *self,
           cairo_t         *cr,
           const Piece     *piece)
{
  cairo_set_source_rgb (cr, piece->grey, piece->grey, piece->grey);

  if (piece->bullet)
    {
      cairo_move_to (cr, piece->x - BULLET_INDENT, piece->y + piece->baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (self->bullet, 0));
    }

  cairo_move_to (cr, piece->x, piece->y + piece->baseline);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (piece->layout,
                                                                    piece->line));
}

static void
draw_step (CoachCardLayout         *self,
           cairo_t                 *cr,
           const Piece             *piece,
           const CoachOutlineStyle *style)
{
  double text_y = piece->y + (self->stacked ? ILLUSTRATION_HEIGHT + 6 : 0);

  cairo_save (cr);
  cairo_translate (cr, 0, piece->y);
  coach_step_drawing_draw (cr, piece->step, style, ILLUSTRATION_WIDTH, ILLUSTRATION_HEIGHT, -1);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, TEXT_BLACK, TEXT_BLACK, TEXT_BLACK);
  cairo_move_to (cr, self->text_x, text_y);
  pango_cairo_show_layout (cr, piece->heading);
  cairo_move_to (cr, self->text_x, text_y + layout_height (piece->heading) + 3);
  pango_cairo_show_layout (cr, piece->instruction);
}

/* The cautions box around its pieces on @page, drawn under the text. */
static void
draw_box (CoachCardLayout *self,
          cairo_t         *cr,
          guint            page)
{
  double top = -1, bottom = -1;
  double half = BOX_LINE / 2;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = get_piece (self, i);

      if (!piece->in_box || piece->page != page)
        continue;
      if (top < 0)
        top = piece->y - BOX_PAD;
      bottom = piece->y + piece->height + BOX_PAD;
    }
  if (top < 0)
    return;

  cairo_rectangle (cr, half, top + half, self->width - BOX_LINE, bottom - top - BOX_LINE);
  cairo_set_source_rgb (cr, 0.94, 0.94, 0.94);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, BOX_LINE);
  cairo_stroke (cr);
}

static void
draw_running_header (CoachCardLayout *self,
                     cairo_t         *cr)
{
  double rule_y = layout_height (self->running) + 3.25;

  cairo_set_source_rgb (cr, TEXT_GREY, TEXT_GREY, TEXT_GREY);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, self->running);

  cairo_move_to (cr, 0, rule_y);
  cairo_line_to (cr, self->width, rule_y);
  cairo_set_source_rgb (cr, RULE_GREY, RULE_GREY, RULE_GREY);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
}

static void
draw_footer (CoachCardLayout *self,
             cairo_t         *cr,
             guint            page)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FOOTER);
  /* Translators: the footer of each printed page */
  g_autofree char *text = g_strdup_printf (_("Back Coach · page %u of %u"), page + 1,
                                           self->n_pages);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (self->width));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);

  cairo_set_source_rgb (cr, TEXT_GREY, TEXT_GREY, TEXT_GREY);
  cairo_move_to (cr, 0, self->height - layout_height (layout));
  pango_cairo_show_layout (cr, layout);

  pango_font_description_free (desc);
  g_object_unref (layout);
}

/**
 * coach_card_layout_draw_page:
 * @cr: a context whose origin is the printable area's top-left corner, in points
 * @page: the 0-based page number
 */
void
coach_card_layout_draw_page (CoachCardLayout *self,
                             cairo_t         *cr,
                             guint            page)
{
  CoachOutlineStyle style;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  init_paper_style (&style);

  cairo_save (cr);
  draw_box (self, cr, page);

  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = get_piece (self, i);
      Piece *prev = i > 0 ? get_piece (self, i - 1) : NULL;

      if (piece->page != page)
        continue;

      if (piece->kind == PIECE_LINE)
        draw_line (self, cr, piece);
      else
        {
          /* A thin rule between steps on the same page. */
          if (prev != NULL && prev->kind == PIECE_STEP && prev->page == page)
            {
              double rule_y = round (piece->y - piece->space_before / 2) + 0.25;

              cairo_move_to (cr, 0, rule_y);
              cairo_line_to (cr, self->width, rule_y);
              cairo_set_source_rgb (cr, RULE_GREY, RULE_GREY, RULE_GREY);
              cairo_set_line_width (cr, 0.5);
              cairo_stroke (cr);
            }
          draw_step (self, cr, piece, &style);
        }
    }

  if (page > 0)
    draw_running_header (self, cr);
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/* ---- Print operations ----------------------------------------------------------------- */

GtkPageSetup *
coach_card_get_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *paper = gtk_paper_size_new (NULL);

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, MARGIN_TOP, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_BOTTOM, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, MARGIN_SIDE, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, MARGIN_SIDE, GTK_UNIT_POINTS);
  gtk_paper_size_free (paper);

  return setup;
}

typedef struct {
  CoachTechnique  *technique;
  CoachCardLayout *layout;
  GWeakRef         parent;
  gboolean         in_run;
  gboolean         done;
  gboolean         reported;
} PrintJob;

static void
print_job_free (gpointer  data,
                GClosure *closure)
{
  PrintJob *job = data;

  g_clear_pointer (&job->layout, coach_card_layout_free);
  g_weak_ref_clear (&job->parent);
  g_object_unref (job->technique);
  g_free (job);
}

/* The page size is only known now, after the print dialog. */
static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_clear_pointer (&job->layout, coach_card_layout_free);
  job->layout = coach_card_layout_new (job->technique, gtk_print_context_get_width (context),
                                       gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, coach_card_layout_get_n_pages (job->layout));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  coach_card_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), page);
}

static GtkPrintOperation *
card_operation_new (CoachTechnique  *technique,
                    PrintJob       **out_job)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = coach_card_get_page_setup ();
  PrintJob *job = g_new0 (PrintJob, 1);

  job->technique = g_object_ref (technique);
  g_weak_ref_init (&job->parent, NULL);

  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_job_name (operation, coach_technique_get_name (technique));

  /* The operation owns the job. */
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print), job,
                         print_job_free, 0);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);

  if (out_job != NULL)
    *out_job = job;
  return operation;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, COACH_CARD_ERROR, COACH_CARD_ERROR_WRITE,
               /* Translators: the first %s is a file name, the second what went wrong */
               _("Could not save the card as “%s”: %s. Choose a folder that exists and that you "
                 "may write to, then try again."),
               display, reason);
}

/**
 * coach_card_export_pdf:
 * @path: the PDF file to write; an existing file is replaced
 *
 * Saves @technique's card as a PDF on the locale's paper size, without any dialog. The file is
 * written beside @path first and renamed over it, so a failed export leaves nothing half
 * written.
 *
 * Returns: FALSE with @error set in %COACH_CARD_ERROR when the file could not be written.
 */
gboolean
coach_card_export_pdf (CoachTechnique  *technique,
                       const char      *path,
                       GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  GtkPrintOperationResult result;
  int fd, saved_errno;

  g_return_val_if_fail (COACH_IS_TECHNIQUE (technique), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A short fixed name, so any name that fits the folder also leaves room for this one. */
  dir = g_path_get_dirname (path);
  tmp_path = g_build_filename (dir, ".backcoach-card-XXXXXX", NULL);

  /* Creating the file first gives a precise reason (no such folder, no permission) that the
   * print system would only report as a failed write. */
  fd = g_mkstemp_full (tmp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      set_write_error (error, path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  operation = card_operation_new (technique, NULL);
  gtk_print_operation_set_export_filename (operation, tmp_path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                    &local_error);
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_unlink (tmp_path);
      set_write_error (error, path, local_error != NULL ? local_error->message
                                                        : _("the PDF could not be made"));
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      set_write_error (error, path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  coach_accessible_fix (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_print_error (PrintJob     *job,
                    const GError *error)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&job->parent);
  g_autofree char *body = NULL;

  if (job->reported)
    return;
  job->reported = TRUE;

  /* Translators: %s is the print system's own message */
  body = g_strdup_printf (_("%s\n\nCheck that the printer is switched on and connected, then "
                            "try again, or save the card as a PDF instead."),
                          error != NULL ? error->message : _("The print system gave no reason."));
  show_error (parent, _("Could Not Print the Card"), body);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PrintJob                *job)
{
  job->done = TRUE;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      report_print_error (job, error);
    }

  /* Drops the reference coach_card_print () kept while the dialog was open. */
  if (!job->in_run)
    g_object_unref (operation);
}

/**
 * coach_card_print:
 * @parent: (nullable): the window the print dialog belongs to
 *
 * Shows the print dialog for @technique's card and prints it in the background. Failures are
 * reported in a message dialog over @parent.
 */
void
coach_card_print (CoachTechnique *technique,
                  GtkWindow      *parent)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;
  PrintJob *job;

  g_return_if_fail (COACH_IS_TECHNIQUE (technique));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  operation = card_operation_new (technique, &job);
  g_weak_ref_set (&job->parent, parent);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), job);

  job->in_run = TRUE;
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                    &error);
  job->in_run = FALSE;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    report_print_error (job, error);

  /* Still running: "done" drops the reference later. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS || job->done)
    g_object_unref (operation);
}

typedef struct {
  CoachTechnique *technique;
  GWeakRef        parent;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_weak_ref_clear (&job->parent);
  g_object_unref (job->technique);
  g_free (job);
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  SaveJob         *job)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&job->parent);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        show_error (parent, _("Could Not Save the Card"),
                    _("That place is not a folder on this computer. Choose a folder on this "
                      "computer and try again."));
      else if (!coach_card_export_pdf (job->technique, path, &error))
        show_error (parent, _("Could Not Save the Card"), error->message);
    }

  save_job_free (job);
  g_object_unref (chooser);
}

/**
 * coach_card_save_pdf:
 * @parent: (nullable): the window the file chooser belongs to
 *
 * Asks where to save @technique's card and saves it there as a PDF. The chooser itself asks
 * before replacing a file; failures are reported in a message dialog over @parent.
 */
void
coach_card_save_pdf (CoachTechnique *technique,
                     GtkWindow      *parent)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  SaveJob *job;

  g_return_if_fail (COACH_IS_TECHNIQUE (technique));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  chooser = gtk_file_chooser_native_new (_("Save Card as PDF"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* A technique name may hold a slash; a file name may not. */
  name = g_strdup_printf ("%s.pdf", coach_technique_get_name (technique));
  g_strdelimit (name, G_DIR_SEPARATOR_S, '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  job = g_new0 (SaveJob, 1);
  job->technique = g_object_ref (technique);
  g_weak_ref_init (&job->parent, parent);

  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
