/* coach-catalog.h: every known technique: the built-in ones and the user's own files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-technique.h"

G_BEGIN_DECLS

#define COACH_CATALOG_RESOURCE_PATH "/com/example/BackCoach/catalog/techniques/"

#define COACH_TYPE_CATALOG (coach_catalog_get_type ())

G_DECLARE_FINAL_TYPE (CoachCatalog, coach_catalog, COACH, CATALOG, GObject)

CoachCatalog   *coach_catalog_new                  (void);
CoachCatalog   *coach_catalog_new_with_user_dir    (const char     *user_dir);
char           *coach_catalog_get_default_user_dir (void);

GPtrArray      *coach_catalog_get_techniques       (CoachCatalog   *self);
CoachTechnique *coach_catalog_lookup               (CoachCatalog   *self,
                                                    const char     *id);
gboolean        coach_catalog_is_builtin           (CoachCatalog   *self,
                                                    CoachTechnique *technique);
GPtrArray      *coach_catalog_get_problems         (CoachCatalog   *self);
CoachTechnique *coach_catalog_check_user_file      (CoachCatalog   *self,
                                                    const char     *path,
                                                    GError        **error);

G_END_DECLS
