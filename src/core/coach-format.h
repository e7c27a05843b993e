/* coach-format.h: durations and other short texts shown the same way everywhere.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "coach-vocab.h"

G_BEGIN_DECLS

char *coach_format_minutes   (guint       seconds);
char *coach_format_duration  (guint       seconds);
char *coach_format_step_meta (CoachSide   side,
                              guint       seconds);
char *coach_format_mask      (CoachVocab  vocab,
                              guint32     mask);
char *coach_format_pain      (double      pain);
char *coach_format_pain_change (double    change);

G_END_DECLS
