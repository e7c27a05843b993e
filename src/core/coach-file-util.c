/* coach-file-util.c: what the stores of the person's files share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-file-util"

#include "config.h"

#include "coach-file-util.h"

/**
 * coach_file_damaged_path:
 * @path: a file found damaged
 *
 * Where to move a damaged file aside, beside it and never over another file:
 * `partners.xml.damaged-20250131-184502`, or with -2, -3... when that is taken.
 *
 * Returns: (transfer full): the path.
 */
char *
coach_file_damaged_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *candidate = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint n = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }
  return candidate;
}
