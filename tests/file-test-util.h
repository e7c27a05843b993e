/* file-test-util.h: what the tests of the stores share: a temporary folder for the file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *dir;    /* a new temporary folder */
  char *path;   /* DIR/backcoach/NAME: neither the folder nor the file exists yet */
} TestFileFixture;

void test_file_fixture_init  (TestFileFixture *fixture,
                              const char      *name);
void test_file_fixture_clear (TestFileFixture *fixture);

void test_remove_tree        (const char      *path);

G_END_DECLS
