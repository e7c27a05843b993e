/* coach-accessible.h: fixes to what GTK 4.8 tells screen readers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void coach_accessible_fix       (GtkWidget       *root);
void coach_accessible_add_toast (AdwToastOverlay *overlay,
                                 AdwToast        *toast);

G_END_DECLS
