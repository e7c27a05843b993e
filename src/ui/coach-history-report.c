/* coach-history-report.c: a one- or two-page PDF summary of the recorded sessions and pain
 * ratings, to show a physiotherapist or a doctor.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sections run down the page in a fixed order and on to a second page; whatever does not
 * fit on the second page is left out, and the lists that can grow (sessions, notes) stop
 * where the page ends, saying how many earlier ones there are. So years of history still
 * make two pages. Each page is drawn into a recording surface first, since the footer's
 * "page 1 of 2" is only known at the end, then replayed on to the PDF. Text is measured at
 * 72 dpi with hinting off, so a point in the layout is a point on paper. */
#define G_LOG_DOMAIN "coach-history-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "coach-format.h"
#include "coach-history-chart.h"
#include "coach-history-report.h"
#include "coach-history-stats.h"

#define MM (72.0 / 25.4)

#define MARGIN_TOP (15 * MM)
#define MARGIN_BOTTOM (12 * MM)
#define MARGIN_SIDE (18 * MM)

#define MAX_PAGES 2
#define MAX_TECHNIQUES 8
#define MAX_PEG 6
#define MAX_RECENT 25
#define MAX_NOTES 8
#define NOTE_LINES 3

#define FONT_TITLE "Sans Bold 18"
#define FONT_META "Sans 9.5"
#define FONT_BODY "Sans 9"
#define FONT_SMALL "Sans 8"
#define FONT_HEADING "Sans Bold 11.5"
#define FONT_FIGURE "Sans Bold 15"
#define FONT_TABLE "Sans 9"
#define FONT_TABLE_HEAD "Sans Bold 8.5"
#define FONT_CHART "Sans 7.5"
#define FONT_FOOTER "Sans 8"

#define SECTION_GAP 14.0
#define HEADING_GAP 5.0
#define ROW_PAD 2.5
#define FOOTER_GAP 12.0
#define RUNNING_GAP 14.0
#define FIGURE_GAP 6.0
#define FIGURE_PAD 6.0
#define COLUMN_SPACING 8.0

/* Shades of grey for text and rules; 0 is black. */
#define TEXT_BLACK 0.0
#define TEXT_GREY 0.3
#define RULE_GREY 0.7
#define BOX_GREY 0.94

#define DAY_SECONDS ((gint64) 24 * 60 * 60)

typedef struct {
  PangoContext    *context;
  double           width;          /* of the printable area */
  double           height;
  double           body_height;    /* above the footer */
  double           running_height; /* of the running header on the second page */
  cairo_surface_t *pages[MAX_PAGES];
  cairo_t         *cr;             /* the current page's */
  guint            n_pages;
  double           y;

  GPtrArray       *sessions;
  GArray          *peg;
  CoachHistoryStats *stats;
  gint64           from;
  gint64           now;
} Report;

typedef struct {
  double         x;              /* from the table's left edge */
  double         width;
  PangoAlignment align;
} Column;

/* ---- Text ----------------------------------------------------------------------------- */

static PangoLayout *
layout_new (Report     *r,
            const char *font,
            double      width,
            const char *text)
{
  PangoLayout *layout = pango_layout_new (r->context);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Words are never hyphenated, so the text copies out of the PDF as written. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text, -1);

  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  return layout;
}

/* One line, shortened with an ellipsis when too long. */
static PangoLayout *
line_new (Report         *r,
          const char     *font,
          double          width,
          const char     *text,
          PangoAlignment  align)
{
  PangoLayout *layout = layout_new (r, font, width, text);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static void
draw_layout (Report      *r,
             PangoLayout *layout,
             double       x,
             double       y,
             double       grey)
{
  cairo_set_source_rgb (r->cr, grey, grey, grey);
  cairo_move_to (r->cr, x, y);
  pango_cairo_show_layout (r->cr, layout);
  cairo_new_path (r->cr);
}

static void
draw_rule (Report *r,
           double  x,
           double  y,
           double  width)
{
  cairo_move_to (r->cr, x, y);
  cairo_line_to (r->cr, x + width, y);
  cairo_set_source_rgb (r->cr, RULE_GREY, RULE_GREY, RULE_GREY);
  cairo_set_line_width (r->cr, 0.5);
  cairo_stroke (r->cr);
}

static char *
format_date (gint64 time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);

  /* Translators: a date in the PDF report, in the format of g_date_time_format ():
   * "5 March 2024" */
  return local != NULL ? g_date_time_format (local, C_("report date", "%-d %B %Y"))
                       : g_strdup ("");
}

static char *
format_short_date (gint64 time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);

  /* Translators: a date and time in the PDF report's tables, in the format of
   * g_date_time_format (): "5 Mar 2024 19:30" */
  return local != NULL ? g_date_time_format (local, C_("report date", "%-d %b %Y %H:%M"))
                       : g_strdup ("");
}

/* ---- Pages ---------------------------------------------------------------------------- */

static gboolean
start_page (Report *r)
{
  cairo_rectangle_t extents = { 0, 0, r->width, r->height };

  if (r->n_pages == MAX_PAGES)
    return FALSE;

  g_clear_pointer (&r->cr, cairo_destroy);
  r->pages[r->n_pages] = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  r->cr = cairo_create (r->pages[r->n_pages]);
  r->y = r->n_pages > 0 ? r->running_height : 0;
  r->n_pages++;
  return TRUE;
}

/* Makes room for @height more, on the next page when this one is full. Returns FALSE when
 * there is no room left on the last page. */
static gboolean
reserve (Report *r,
         double  space_before,
         double  height)
{
  if (r->y + space_before + height <= r->body_height)
    {
      r->y += space_before;
      return TRUE;
    }
  if (!start_page (r))
    return FALSE;
  return r->y + height <= r->body_height;
}

/* A heading kept with the first @keep_with points of its section. Returns FALSE when it
 * fits nowhere: the section is left out. */
static gboolean
add_heading (Report     *r,
             const char *text,
             double      keep_with)
{
  g_autoptr(PangoLayout) layout = layout_new (r, FONT_HEADING, r->width, text);
  double height = layout_height (layout);

  if (!reserve (r, SECTION_GAP, height + HEADING_GAP + keep_with))
    return FALSE;
  draw_layout (r, layout, 0, r->y, TEXT_BLACK);
  r->y += height + HEADING_GAP;
  return TRUE;
}

/* A paragraph kept whole; dropped when it fits nowhere. */
static gboolean
add_paragraph (Report     *r,
               const char *font,
               const char *text,
               double      space_before,
               double      grey)
{
  g_autoptr(PangoLayout) layout = layout_new (r, font, r->width, text);
  double height = layout_height (layout);

  if (!reserve (r, space_before, height))
    return FALSE;
  draw_layout (r, layout, 0, r->y, grey);
  r->y += height;
  return TRUE;
}

static double
row_height (Report     *r,
            const char *font)
{
  g_autoptr(PangoLayout) layout = layout_new (r, font, r->width, "Ag");

  return layout_height (layout) + 2 * ROW_PAD;
}

/* A row of one-line cells at (@x, @y); a header row has a rule under it. */
static void
draw_row (Report        *r,
          const Column  *columns,
          guint          n_columns,
          const char   **cells,
          double         x,
          double         y,
          gboolean       header)
{
  const char *font = header ? FONT_TABLE_HEAD : FONT_TABLE;
  double height = row_height (r, font);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(PangoLayout) cell = NULL;

      if (cells[i] == NULL)
        continue;
      cell = line_new (r, font, columns[i].width, cells[i], columns[i].align);
      draw_layout (r, cell, x + columns[i].x, y + ROW_PAD, header ? TEXT_GREY : TEXT_BLACK);
    }
  if (header)
    draw_rule (r, x, y + height - 0.5, columns[n_columns - 1].x + columns[n_columns - 1].width);
}

/* Columns across @width: those of @fixed width 0 share what the others leave; text columns
 * (@fixed 0, or the first) are aligned left and number columns right. On a narrow page the
 * fixed columns shrink too, and their text is shortened. */
static void
set_columns (Column       *columns,
             guint         n_columns,
             const double *fixed,
             double        width)
{
  double available = MAX (width - (n_columns - 1) * COLUMN_SPACING, n_columns);
  double total_fixed = 0, flexible_width, scale = 1;
  guint n_flexible = 0;
  double x = 0;

  for (guint i = 0; i < n_columns; i++)
    {
      total_fixed += fixed[i];
      n_flexible += fixed[i] == 0;
    }
  /* Each text column keeps at least a third of the page, or what there is. */
  if (total_fixed > 0 && available - total_fixed < n_flexible * available / 3)
    scale = (available - n_flexible * available / 3) / total_fixed;
  flexible_width = n_flexible > 0 ? (available - total_fixed * scale) / n_flexible : 0;

  for (guint i = 0; i < n_columns; i++)
    {
      columns[i].x = x;
      columns[i].width = fixed[i] > 0 ? fixed[i] * scale : flexible_width;
      columns[i].align = i == 0 || fixed[i] == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
      x += columns[i].width + COLUMN_SPACING;
    }
}

/* ---- Sections ------------------------------------------------------------------------- */

static gint64
get_first_time (Report *r)
{
  gint64 first = G_MAXINT64;

  for (guint i = 0; i < r->sessions->len; i++)
    first = MIN (first, ((CoachHistorySession *) g_ptr_array_index (r->sessions, i))->started);
  for (guint i = 0; r->peg != NULL && i < r->peg->len; i++)
    first = MIN (first, g_array_index (r->peg, CoachPegEntry, i).taken);
  return first;
}

static void
add_title (Report *r)
{
  g_autofree char *made = format_date (r->now);
  g_autofree char *period = NULL;

  add_paragraph (r, FONT_TITLE, _("Massage and Pain Record"), 0, TEXT_BLACK);

  if (r->from == G_MAXINT64)
    /* Translators: in the PDF report, under the title; %s is a date */
    period = g_strdup_printf (_("No sessions recorded yet · made on %s"), made);
  else
    {
      g_autofree char *first = format_date (r->from);

      /* Translators: in the PDF report, under the title: the period the report covers and
       * the day it was made, e.g. "1 March 2024 – 31 May 2024 · made on 31 May 2024" */
      period = g_strdup_printf (_("%s – %s · made on %s"), first, made, made);
    }
  add_paragraph (r, FONT_META, period, 4, TEXT_GREY);

  add_paragraph (r, FONT_BODY,
                 /* xgettext:no-c-format */
                 _("The massage sessions and pain ratings below are what the person recorded "
                   "in Back Coach, on a scale from 0 (no pain) to 10 (worst pain imaginable). "
                   "They are their own reports, not measurements and not a diagnosis. A drop "
                   "of 2 points or 30% is one people usually notice as “much better”."),
                 8, TEXT_BLACK);
}

typedef struct {
  char       *value;
  const char *caption;
  char       *owned_caption;
} Figure;

static void
add_figures (Report *r)
{
  CoachHistoryStats *stats = r->stats;
  gint64 first = G_MAXINT64;
  guint n_given = 0, n_weeks = 1;
  Figure figures[5] = { { NULL } };
  guint n_columns = CLAMP ((guint) ((r->width + FIGURE_GAP) / 95), 1, G_N_ELEMENTS (figures));
  double box_width = (r->width - (n_columns - 1) * FIGURE_GAP) / n_columns;
  double inner = box_width - 2 * FIGURE_PAD;

  for (guint i = 0; i < r->sessions->len; i++)
    {
      const CoachHistorySession *session = g_ptr_array_index (r->sessions, i);

      n_given += !coach_history_session_is_own (session);
      if (session->started <= r->now)
        first = MIN (first, session->started);
    }
  /* The weeks per_week is the mean over, as coach_history_stats_new () counts them. */
  if (first < G_MAXINT64)
    n_weeks = (guint) MIN ((r->now - first) / (7 * DAY_SECONDS) + 1, COACH_HISTORY_WEEKS);

  figures[0].value = g_strdup_printf ("%u", stats->n_sessions);
  if (n_given > 0)
    figures[0].owned_caption =
      /* Translators: under the number of sessions in the PDF report */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "sessions, %u of them given to a partner",
                                    "sessions, %u of them given to a partner", n_given),
                       n_given);
  else
    /* Translators: under the number of sessions in the PDF report */
    figures[0].caption = _("sessions");

  figures[1].value = g_strdup_printf ("%u", stats->n_rated);
  /* Translators: under a number in the PDF report */
  figures[1].caption = _("rated before and after");

  figures[2].value = stats->n_rated > 0 ? coach_format_pain_change (stats->mean_change) : g_strdup ("–");
  /* Translators: under a number such as -1.8 in the PDF report */
  figures[2].caption = _("mean change in pain, in points");

  figures[3].value = g_strdup_printf ("%u", stats->n_meaningful);
  /* Translators: under a number in the PDF report */
  /* xgettext:no-c-format */
  figures[3].caption = _("sessions much better: 2 points or 30% less pain");

  figures[4].value = g_strdup_printf ("%.1f", stats->per_week);
  if (n_weeks <= 1)
    /* Translators: under a number in the PDF report */
    figures[4].caption = _("sessions in the last 7 days");
  else
    figures[4].owned_caption =
      /* Translators: under a number such as 3.5 in the PDF report */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "sessions a week, over the last %u week",
                                    "sessions a week, over the last %u weeks", n_weeks),
                       n_weeks);

  for (guint row = 0; row * n_columns < G_N_ELEMENTS (figures); row++)
    {
      PangoLayout *values[G_N_ELEMENTS (figures)] = { NULL };
      PangoLayout *captions[G_N_ELEMENTS (figures)] = { NULL };
      guint start = row * n_columns;
      guint end = MIN (start + n_columns, G_N_ELEMENTS (figures));
      double height = 0;

      for (guint i = start; i < end; i++)
        {
          values[i] = line_new (r, FONT_FIGURE, inner, figures[i].value, PANGO_ALIGN_LEFT);
          captions[i] = layout_new (r, FONT_SMALL, inner,
                                    figures[i].owned_caption != NULL ? figures[i].owned_caption
                                                                     : figures[i].caption);
          height = MAX (height, layout_height (values[i]) + 2 + layout_height (captions[i]));
        }
      height += 2 * FIGURE_PAD;

      if (reserve (r, row == 0 ? 12 : FIGURE_GAP, height))
        {
          for (guint i = start; i < end; i++)
            {
              double x = (i - start) * (box_width + FIGURE_GAP);

              cairo_rectangle (r->cr, x, r->y, box_width, height);
              cairo_set_source_rgb (r->cr, BOX_GREY, BOX_GREY, BOX_GREY);
              cairo_fill (r->cr);
              draw_layout (r, values[i], x + FIGURE_PAD, r->y + FIGURE_PAD, TEXT_BLACK);
              draw_layout (r, captions[i], x + FIGURE_PAD,
                           r->y + FIGURE_PAD + layout_height (values[i]) + 2, TEXT_GREY);
            }
          r->y += height;
        }

      for (guint i = start; i < end; i++)
        {
          g_clear_object (&values[i]);
          g_clear_object (&captions[i]);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_free (figures[i].value);
      g_free (figures[i].owned_caption);
    }
}

static void
add_chart (Report *r)
{
  double height = CLAMP (r->width * 0.4, 110, 210);
  /* A little room before the first marker; a month when there is nothing yet. */
  gint64 from = r->from == G_MAXINT64 ? r->now - 30 * DAY_SECONDS
                                      : r->from - (r->now - r->from) / 50;
  PangoFontDescription *font;
  CoachChartPalette palette;

  height = MIN (height, r->body_height / 3);
  /* Translators: a heading in the PDF report, over the chart */
  if (!add_heading (r, _("Pain before and after each session"), height))
    return;

  font = pango_font_description_from_string (FONT_CHART);
  coach_chart_palette_init_print (&palette);
  cairo_save (r->cr);
  cairo_translate (r->cr, 0, r->y);
  coach_history_chart_draw (r->cr, font, r->width, height, r->sessions, r->peg, r->stats,
                            from, r->now, &palette);
  cairo_restore (r->cr);
  pango_font_description_free (font);
  r->y += height;
}

/* Draws the rows of a table whose first column is text and the others numbers, at @x and
 * @width on the current line. Returns its height. */
static double
draw_table (Report      *r,
            double       x,
            double       width,
            const char **headings,
            guint        n_columns,
            const double *fixed,
            GPtrArray   *rows,
            gboolean     draw)
{
  Column columns[5];
  double head = row_height (r, FONT_TABLE_HEAD);
  double line = row_height (r, FONT_TABLE);

  g_assert (n_columns <= G_N_ELEMENTS (columns));
  if (!draw)
    return head + rows->len * line;

  set_columns (columns, n_columns, fixed, width);
  draw_row (r, columns, n_columns, headings, x, r->y, TRUE);
  for (guint i = 0; i < rows->len; i++)
    draw_row (r, columns, n_columns, g_ptr_array_index (rows, i), x, r->y + head + i * line,
              FALSE);
  return head + rows->len * line;
}

static GPtrArray *
technique_rows (Report *r)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GArray *techniques = r->stats->techniques;

  for (guint i = 0; i < MIN (techniques->len, MAX_TECHNIQUES); i++)
    {
      const CoachTechniqueChange *t = &g_array_index (techniques, CoachTechniqueChange, i);
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (t->title);
      row[1] = g_strdup_printf ("%u", t->n_sessions);
      row[2] = coach_format_pain_change (t->mean_change);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static GPtrArray *
region_rows (Report *r)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GArray *regions = r->stats->regions;

  for (guint i = 0; i < regions->len; i++)
    {
      const CoachRegionChange *change = &g_array_index (regions, CoachRegionChange, i);
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (coach_vocab_get_label (COACH_VOCAB_REGION, change->region));
      row[1] = g_strdup_printf ("%u", change->n_sessions);
      row[2] = coach_format_pain_change (change->mean_change);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* Change per technique, then per region, in columns that line up. */
static void
add_changes (Report *r)
{
  /* Translators: column headings of the PDF report's tables */
  const char *technique_headings[] = { C_("report column", "Technique"),
                                       C_("report column", "Sessions"),
                                       C_("report column", "Mean change") };
  const char *region_headings[] = { C_("report column", "Region"),
                                    C_("report column", "Sessions"),
                                    C_("report column", "Mean change") };
  const char *explanation = _("The mean of (pain after − pain before) over the rated sessions "
                               "that included each technique or rated each region: below zero "
                               "is less pain. A session with several techniques counts for each "
                               "of them, so these show what went along with relief, not what "
                               "caused it.");
  const double fixed[] = { 0, 60, 80 };
  g_autoptr(GPtrArray) techniques = technique_rows (r);
  g_autoptr(GPtrArray) regions = region_rows (r);
  g_autoptr(PangoLayout) explanation_layout = layout_new (r, FONT_SMALL, r->width, explanation);
  double first_rows = row_height (r, FONT_TABLE_HEAD) + row_height (r, FONT_TABLE);
  double height;

  /* The heading stays with the explanation and the first rows. */
  /* Translators: a heading in the PDF report */
  if (!add_heading (r, _("Change in pain by technique and by region"),
                    layout_height (explanation_layout) + 6 + first_rows))
    return;
  if (techniques->len == 0 && regions->len == 0)
    {
      add_paragraph (r, FONT_BODY, _("No session was rated before and after yet."), 0,
                     TEXT_GREY);
      return;
    }
  if (!add_paragraph (r, FONT_SMALL, explanation, 0, TEXT_GREY))
    return;

  height = draw_table (r, 0, r->width, technique_headings, 3, fixed, techniques, FALSE);
  if (techniques->len > 0 && reserve (r, 6, height))
    {
      r->y += draw_table (r, 0, r->width, technique_headings, 3, fixed, techniques, TRUE);

      if (r->stats->techniques->len > MAX_TECHNIQUES)
        {
          guint n = r->stats->techniques->len - MAX_TECHNIQUES;
          g_autofree char *more = NULL;

          /* Translators: under the techniques table */
          more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more technique",
                                               "and %u more techniques", n), n);
          add_paragraph (r, FONT_SMALL, more, 2, TEXT_GREY);
        }
    }

  height = draw_table (r, 0, r->width, region_headings, 3, fixed, regions, FALSE);
  if (regions->len > 0 && reserve (r, 10, height))
    r->y += draw_table (r, 0, r->width, region_headings, 3, fixed, regions, TRUE);
}

static void
add_peg (Report *r)
{
  /* Translators: column headings of the PDF report's PEG table */
  const char *headings[] = { C_("report column", "Date"),
                             C_("report column", "Pain"),
                             C_("report column", "Enjoyment"),
                             C_("report column", "Activity"),
                             /* Translators: the PEG score, the mean of the three answers */
                             C_("report column", "Score") };
  const double fixed[] = { 0, 40, 62, 52, 44 };
  const char *explanation = _("Three questions about the past week, each from 0 to 10: "
                               "average pain, and how much pain interfered with enjoyment of "
                               "life and with general activity (Krebs 2009); the score is "
                               "their mean. The most recent first.");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(PangoLayout) explanation_layout = NULL;
  guint n = r->peg != NULL ? r->peg->len : 0;
  double height;

  if (n == 0)
    return;

  for (guint i = n; i > 0 && n - i < MAX_PEG; i--)
    {
      const CoachPegEntry *entry = &g_array_index (r->peg, CoachPegEntry, i - 1);
      char **row = g_new0 (char *, 6);

      row[0] = format_date (entry->taken);
      row[1] = g_strdup_printf ("%d", entry->pain);
      row[2] = g_strdup_printf ("%d", entry->enjoyment);
      row[3] = g_strdup_printf ("%d", entry->activity);
      row[4] = g_strdup_printf ("%.1f", coach_peg_entry_get_score (entry));
      g_ptr_array_add (rows, row);
    }

  height = draw_table (r, 0, r->width, headings, 5, fixed, rows, FALSE);
  explanation_layout = layout_new (r, FONT_SMALL, r->width, explanation);
  /* Translators: a heading in the PDF report */
  if (!add_heading (r, _("Weekly check-in (PEG)"),
                    layout_height (explanation_layout) + 4 + height))
    return;
  if (!add_paragraph (r, FONT_SMALL, explanation, 0, TEXT_GREY))
    return;
  if (reserve (r, 4, height))
    r->y += draw_table (r, 0, r->width, headings, 5, fixed, rows, TRUE);
}

static GPtrArray *
get_own_sessions (Report *r)
{
  GPtrArray *own = g_ptr_array_new ();

  for (guint i = 0; i < r->sessions->len; i++)
    {
      CoachHistorySession *session = g_ptr_array_index (r->sessions, i);

      if (coach_history_session_is_own (session))
        g_ptr_array_add (own, session);
    }
  return own;
}

/* The most recent own sessions, as many as fit, then how many earlier ones there are. */
static void
add_recent (Report *r)
{
  /* Translators: column headings of the PDF report's table of sessions */
  const char *headings[] = { C_("report column", "Date"),
                             C_("report column", "Routine"),
                             C_("report column", "Minutes"),
                             C_("report column", "Pain before → after") };
  const double fixed[] = { 92, 0, 44, 96 };
  g_autoptr(GPtrArray) own = get_own_sessions (r);
  double head = row_height (r, FONT_TABLE_HEAD);
  double line = row_height (r, FONT_TABLE);
  double more_height;
  Column columns[G_N_ELEMENTS (headings)];
  gboolean header_needed = TRUE;
  guint shown = 0;

  if (own->len == 0)
    return;

  {
    g_autoptr(PangoLayout) more = layout_new (r, FONT_SMALL, r->width, "Ag");
    more_height = layout_height (more) + 3;
  }

  /* Translators: a heading in the PDF report */
  if (!add_heading (r, _("Most recent sessions"), head + line))
    return;
  set_columns (columns, G_N_ELEMENTS (headings), fixed, r->width);

  while (shown < MIN (own->len, MAX_RECENT))
    {
      CoachHistorySession *session = g_ptr_array_index (own, own->len - 1 - shown);
      g_autofree char *date = format_short_date (session->started);
      g_autofree char *minutes = g_strdup_printf ("%.0f", session->seconds / 60.0);
      g_autofree char *before = coach_format_pain (coach_history_session_get_pain (session, FALSE));
      g_autofree char *after = coach_format_pain (coach_history_session_get_pain (session, TRUE));
      g_autofree char *pain = g_strdup_printf ("%s → %s", before, after);
      const char *cells[] = { date, session->routine != NULL ? session->routine : "", minutes,
                              pain };
      /* Room for "and N earlier sessions" under the row, unless it is the last one. */
      double needed = line + (shown + 1 < own->len ? more_height : 0);

      if (r->y + needed + (header_needed ? head : 0) > r->body_height)
        {
          if (!start_page (r) || r->y + head + needed > r->body_height)
            break;
          header_needed = TRUE;
        }
      if (header_needed)
        {
          draw_row (r, columns, G_N_ELEMENTS (headings), headings, 0, r->y, TRUE);
          r->y += head;
          header_needed = FALSE;
        }
      draw_row (r, columns, G_N_ELEMENTS (headings), cells, 0, r->y, FALSE);
      r->y += line;
      shown++;
    }

  if (shown < own->len)
    {
      guint n = own->len - shown;
      g_autofree char *more = NULL;

      /* Translators: under the table of the most recent sessions */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u earlier session",
                                           "and %u earlier sessions", n), n);
      add_paragraph (r, FONT_SMALL, more, 3, TEXT_GREY);
    }
}

/* The most recent notes, each up to three lines, as many as fit. */
static void
add_notes (Report *r)
{
  g_autoptr(GPtrArray) own = get_own_sessions (r);
  gboolean heading = FALSE;
  guint shown = 0;

  for (guint i = own->len; i > 0 && shown < MAX_NOTES; i--)
    {
      CoachHistorySession *session = g_ptr_array_index (own, i - 1);
      g_autofree char *date = NULL;
      g_autofree char *markup = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *note = NULL;
      double height;

      if (session->note == NULL)
        continue;
      /* On one line, so at most NOTE_LINES lines in all. */
      note = g_strdelimit (g_strdup (session->note), "\r\n\t", ' ');
      if (g_strstrip (note)[0] == '\0')
        continue;

      date = format_short_date (session->started);
      markup = g_markup_printf_escaped ("<b>%s</b>  %s", date, note);
      layout = layout_new (r, FONT_BODY, r->width, "");
      pango_layout_set_markup (layout, markup, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -NOTE_LINES);
      height = layout_height (layout);

      if (!heading)
        {
          /* Translators: a heading in the PDF report */
          if (!add_heading (r, _("Recent notes"), height))
            return;
          heading = TRUE;
        }
      if (!reserve (r, shown > 0 ? 5 : 0, height))
        break;
      draw_layout (r, layout, 0, r->y, TEXT_BLACK);
      r->y += height;
      shown++;
    }
}

/* ---- Output --------------------------------------------------------------------------- */

static void
draw_footer (Report  *r,
             cairo_t *cr,
             guint    page)
{
  /* Translators: the footer of each page of the PDF report */
  g_autofree char *text = g_strdup_printf (_("Back Coach · page %u of %u"), page + 1,
                                           r->n_pages);
  g_autoptr(PangoLayout) layout = layout_new (r, FONT_FOOTER, r->width, text);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, TEXT_GREY, TEXT_GREY, TEXT_GREY);
  cairo_move_to (cr, 0, r->height - layout_height (layout));
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

static void
draw_running_header (Report  *r,
                     cairo_t *cr)
{
  g_autofree char *made = format_date (r->now);
  /* Translators: on top of the second page of the PDF report; %s is a date */
  g_autofree char *text = g_strdup_printf (_("Massage and Pain Record · %s"), made);
  g_autoptr(PangoLayout) layout = line_new (r, FONT_FOOTER, r->width, text, PANGO_ALIGN_LEFT);
  double rule_y = layout_height (layout) + 3.25;

  cairo_set_source_rgb (cr, TEXT_GREY, TEXT_GREY, TEXT_GREY);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);

  cairo_move_to (cr, 0, rule_y);
  cairo_line_to (cr, r->width, rule_y);
  cairo_set_source_rgb (cr, RULE_GREY, RULE_GREY, RULE_GREY);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
}

static void
report_init (Report    *r,
             GPtrArray *sessions,
             GArray    *peg,
             double     page_width,
             double     page_height,
             gint64     now)
{
  cairo_font_options_t *options;

  r->width = MAX (page_width - 2 * MARGIN_SIDE, 72);
  r->height = MAX (page_height - MARGIN_TOP - MARGIN_BOTTOM, 72);
  r->sessions = sessions;
  r->peg = peg;
  r->now = now;
  r->stats = coach_history_stats_new (sessions, now);
  r->from = get_first_time (r);

  r->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (r->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (r->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (r->context, FALSE);

  {
    g_autoptr(PangoLayout) footer = layout_new (r, FONT_FOOTER, r->width, "Back Coach 0123456789");
    g_autoptr(PangoLayout) running = layout_new (r, FONT_FOOTER, r->width, "Ag");

    r->body_height = MAX (r->height - layout_height (footer) - FOOTER_GAP, r->height / 2);
    r->running_height = MIN (layout_height (running) + RUNNING_GAP, r->height / 4);
  }
}

static void
report_clear (Report *r)
{
  g_clear_pointer (&r->cr, cairo_destroy);
  for (guint i = 0; i < MAX_PAGES; i++)
    g_clear_pointer (&r->pages[i], cairo_surface_destroy);
  g_clear_pointer (&r->stats, coach_history_stats_free);
  g_clear_object (&r->context);
}

static void
set_write_error (GError     **error,
                 int          code,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, code,
               /* Translators: the first %s is a file name, the second what went wrong */
               _("Could not save the report as “%s”: %s. Choose a folder that exists and that "
                 "you may write to, then try again."),
               display, reason);
}

/* Replays the pages on to a PDF at @tmp_path. */
static gboolean
write_pages (Report      *r,
             const char  *tmp_path,
             double       page_width,
             double       page_height,
             const char **reason)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (tmp_path, page_width, page_height);
  cairo_status_t status;
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _("Massage and Pain Record"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Back Coach");

  for (guint page = 0; page < r->n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN_SIDE, MARGIN_TOP);
      cairo_set_source_surface (cr, r->pages[page], 0, 0);
      cairo_paint (cr);
      if (page > 0)
        draw_running_header (r, cr);
      draw_footer (r, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      *reason = status == CAIRO_STATUS_WRITE_ERROR ? g_strerror (EIO)
                                                   : _("the PDF could not be made");
      return FALSE;
    }
  return TRUE;
}

/**
 * coach_history_report_write_pdf:
 *
 * See the header. The temporary file has a short fixed name in the same folder, so any name
 * that fits the folder also leaves room for it, and the rename is atomic.
 */
gboolean
coach_history_report_write_pdf (const char  *path,
                                GPtrArray   *sessions,
                                GArray      *peg,
                                double       page_width,
                                double       page_height,
                                gint64       now,
                                GError     **error)
{
  Report report = { 0 };
  Report *r = &report;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  const char *reason = NULL;
  int fd, saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (sessions != NULL, FALSE);
  g_return_val_if_fail (page_width > 0 && page_height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Creating the file first gives a precise reason (no such folder, no permission). */
  dir = g_path_get_dirname (path);
  tmp_path = g_build_filename (dir, ".backcoach-report-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      set_write_error (error, g_io_error_from_errno (saved_errno), path,
                       g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  report_init (r, sessions, peg, page_width, page_height, now);
  start_page (r);
  add_title (r);
  add_figures (r);
  add_chart (r);
  add_changes (r);
  add_peg (r);
  add_recent (r);
  add_notes (r);
  g_clear_pointer (&r->cr, cairo_destroy);

  if (!write_pages (r, tmp_path, page_width, page_height, &reason))
    {
      g_unlink (tmp_path);
      set_write_error (error, G_IO_ERROR_FAILED, path, reason);
      report_clear (r);
      return FALSE;
    }
  report_clear (r);

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      set_write_error (error, g_io_error_from_errno (saved_errno), path,
                       g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
