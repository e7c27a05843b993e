/* file-test-util.c: what the tests of the stores share: a temporary folder for the file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "file-test-util.h"

void
test_file_fixture_init (TestFileFixture *fixture,
                        const char      *name)
{
  fixture->dir = g_dir_make_tmp ("backcoach-test-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "backcoach", name, NULL);
}

void
test_file_fixture_clear (TestFileFixture *fixture)
{
  test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Removes @path, and everything in it when it is a folder. */
void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      test_remove_tree (child);
    }
  g_rmdir (path);
}
