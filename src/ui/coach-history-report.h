/* coach-history-report.h: a one- or two-page PDF summary of the recorded sessions and pain
 * ratings, to show a physiotherapist or a doctor.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "coach-history.h"

G_BEGIN_DECLS

/* Writes the summary to @path (an existing file is replaced; the file is written beside it
 * and renamed, so a failure leaves nothing half written), on pages of @page_width by
 * @page_height points, never more than two pages whatever the amount of history.
 * @sessions: (element-type CoachHistorySession) the oldest first; @peg: (nullable)
 * (element-type CoachPegEntry) the oldest first; @now: Unix time, the end of the period.
 * Returns: FALSE with @error set in G_IO_ERROR, its translated message naming the file and
 * saying what to do, when the file could not be written. */
gboolean coach_history_report_write_pdf (const char  *path,
                                         GPtrArray   *sessions,
                                         GArray      *peg,
                                         double       page_width,
                                         double       page_height,
                                         gint64       now,
                                         GError     **error);

G_END_DECLS
