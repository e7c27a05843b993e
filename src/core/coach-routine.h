/* coach-routine.h: a routine: an ordered list of technique steps with their durations.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

typedef struct {
  char      *technique;   /* technique id */
  guint      step;        /* 1-based step number */
  guint      duration;    /* seconds */
  CoachSide  side;
} CoachRoutineItem;

#define COACH_TYPE_ROUTINE (coach_routine_get_type ())

G_DECLARE_FINAL_TYPE (CoachRoutine, coach_routine, COACH, ROUTINE, GObject)

CoachRoutine           *coach_routine_new                  (const char    *name);
CoachRoutine           *coach_routine_new_from_data        (const char    *filename,
                                                            const char    *data,
                                                            gssize         length,
                                                            CoachCatalog  *catalog,
                                                            GError       **error);
CoachRoutine           *coach_routine_new_from_file        (const char    *path,
                                                            CoachCatalog  *catalog,
                                                            GError       **error);
char                   *coach_routine_get_default_user_dir (void);
GPtrArray              *coach_routine_load_directory       (const char    *dir,
                                                            CoachCatalog  *catalog,
                                                            GPtrArray     *problems);

const char             *coach_routine_get_name             (CoachRoutine  *self);
void                    coach_routine_set_name             (CoachRoutine  *self,
                                                            const char    *name);
guint                   coach_routine_get_n_items          (CoachRoutine  *self);
const CoachRoutineItem *coach_routine_get_item             (CoachRoutine  *self,
                                                            guint          index);
guint                   coach_routine_get_total_duration   (CoachRoutine  *self);
void                    coach_routine_append               (CoachRoutine  *self,
                                                            const char    *technique,
                                                            guint          step,
                                                            guint          duration,
                                                            CoachSide      side);
void                    coach_routine_get_unit             (CoachRoutine  *self,
                                                            guint          index,
                                                            guint         *first,
                                                            guint         *n_items);
gboolean                coach_routine_move                 (CoachRoutine  *self,
                                                            guint          index,
                                                            int            offset);
void                    coach_routine_remove               (CoachRoutine  *self,
                                                            guint          index);
void                    coach_routine_set_duration         (CoachRoutine  *self,
                                                            guint          index,
                                                            guint          duration);
char                   *coach_routine_to_xml               (CoachRoutine  *self);
gboolean                coach_routine_save                 (CoachRoutine  *self,
                                                            const char    *path,
                                                            GError       **error);

G_END_DECLS
