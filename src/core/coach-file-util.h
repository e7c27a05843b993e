/* coach-file-util.h: what the stores of the person's files share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *coach_file_damaged_path (const char *path);

G_END_DECLS
