/* coach-cli.h: the command-line tools: list techniques, plan a routine, validate a file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

int coach_cli_run (CoachCatalog *catalog,
                   GVariantDict *options,
                   GString      *out,
                   GString      *err);

G_END_DECLS
