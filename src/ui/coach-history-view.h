/* coach-history-view.h: the History view: pain over time, what helped, every session, the
 * weekly check-in and the exports.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "coach-history-store.h"
#include "coach-settings.h"

G_BEGIN_DECLS

#define COACH_TYPE_HISTORY_VIEW (coach_history_view_get_type ())

G_DECLARE_FINAL_TYPE (CoachHistoryView, coach_history_view, COACH, HISTORY_VIEW, AdwBin)

CoachHistoryView *coach_history_view_new          (CoachHistoryStore *store,
                                                   CoachSettings     *settings);
/* Reads the store again (it is read each time the view is shown). */
void              coach_history_view_reload       (CoachHistoryView  *self);
/* Whether a load is under way. */
gboolean          coach_history_view_is_loading   (CoachHistoryView  *self);
/* Returns: (transfer none) (element-type CoachHistorySession): every session, oldest first. */
GPtrArray        *coach_history_view_get_sessions (CoachHistoryView  *self);
/* Returns: (transfer none) (element-type CoachPegEntry): every PEG check-in, oldest first. */
GArray           *coach_history_view_get_peg      (CoachHistoryView  *self);
/* The sessions in the period shown, newest first as listed. */
guint             coach_history_view_get_n_listed (CoachHistoryView  *self);
const char       *coach_history_view_get_page     (CoachHistoryView  *self);
/* Writes the CSV or the PDF summary to @path, as the Export menu does after its dialog. */
void              coach_history_view_export       (CoachHistoryView  *self,
                                                   const char        *path,
                                                   gboolean           pdf);

G_END_DECLS
