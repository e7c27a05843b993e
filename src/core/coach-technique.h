/* coach-technique.h: one immutable massage technique with its timed steps, parsed from XML.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "coach-vocab.h"

G_BEGIN_DECLS

#define COACH_CATALOG_ERROR (coach_catalog_error_quark ())

/* Problems in technique and routine files. Every message reads "FILE:LINE: field: message". */
typedef enum {
  COACH_CATALOG_ERROR_NOT_XML,
  COACH_CATALOG_ERROR_MISSING_FIELD,
  COACH_CATALOG_ERROR_UNKNOWN_REGION,
  COACH_CATALOG_ERROR_UNKNOWN_FAMILY,
  COACH_CATALOG_ERROR_UNKNOWN_ID,
  COACH_CATALOG_ERROR_BAD_DURATION,
  COACH_CATALOG_ERROR_BAD_SIDE,
  COACH_CATALOG_ERROR_BAD_VALUE,
  COACH_CATALOG_ERROR_TOO_FEW_STEPS,
  COACH_CATALOG_ERROR_UNPAIRED_SIDE,
  COACH_CATALOG_ERROR_DUPLICATE_ID,
  COACH_CATALOG_ERROR_BAD_VERSION,
  COACH_CATALOG_ERROR_UNKNOWN_TECHNIQUE,
  COACH_CATALOG_ERROR_UNKNOWN_STEP,
} CoachCatalogError;

GQuark coach_catalog_error_quark (void);

void   coach_set_file_error (GError            **error,
                             CoachCatalogError   code,
                             const char         *file,
                             int                 line,
                             const char         *field,
                             const char         *format,
                             ...) G_GNUC_PRINTF (6, 7);

void   coach_set_file_error_in (GError     **error,
                                GQuark       domain,
                                int          code,
                                const char  *file,
                                int          line,
                                const char  *field,
                                const char  *format,
                                ...) G_GNUC_PRINTF (7, 8);

/* Shared by the technique, routine and partner parsers. */
int      coach_markup_get_line (GMarkupParseContext  *context);
const char *coach_markup_get_attribute (const char  **names,
                                        const char  **values,
                                        const char   *name);
gboolean coach_markup_parse    (const GMarkupParser  *parser,
                                gpointer              state,
                                const char           *filename,
                                const char           *data,
                                gssize                length,
                                GError              **error);
gboolean coach_markup_parse_in (const GMarkupParser  *parser,
                                gpointer              state,
                                const char           *filename,
                                const char           *data,
                                gssize                length,
                                GQuark                domain,
                                int                   not_xml_code,
                                GError              **error);
gboolean coach_read_user_file  (const char           *path,
                                char                **display,
                                char                **contents,
                                gsize                *length,
                                GError              **error);

#define COACH_MIN_STEP_SECONDS 5
#define COACH_MAX_STEP_SECONDS 900
#define COACH_MIN_STEPS 3

/* A step is owned by its technique and never changes; the text fields hold the untranslated
 * msgids, read them through the getters below. */
typedef struct {
  guint           number;       /* 1-based position in the technique */
  guint           duration;     /* seconds */
  CoachSide       side;
  guint           tempo;        /* per minute, 0 when none */
  CoachTempoUnit  tempo_unit;
  CoachRegion     area;
  CoachStroke     stroke;
  CoachDirection  direction;
  CoachPose       pose;
  guint32         points;       /* CoachLandmark mask */
  guint32         equipment;    /* CoachEquipment mask */
  int             line;
  char           *instruction;
  char           *cue;
  char           *description;
} CoachStep;

const char *coach_step_get_instruction (const CoachStep *step);
const char *coach_step_get_cue         (const CoachStep *step);
const char *coach_step_get_description (const CoachStep *step);

#define COACH_TYPE_TECHNIQUE (coach_technique_get_type ())

G_DECLARE_FINAL_TYPE (CoachTechnique, coach_technique, COACH, TECHNIQUE, GObject)

CoachTechnique  *coach_technique_new_from_data   (const char      *filename,
                                                  const char      *data,
                                                  gssize           length,
                                                  GError         **error);
CoachTechnique  *coach_technique_new_from_file   (const char      *path,
                                                  GError         **error);

const char      *coach_technique_get_id          (CoachTechnique  *self);
const char      *coach_technique_get_filename    (CoachTechnique  *self);
int              coach_technique_get_line        (CoachTechnique  *self);
const char      *coach_technique_get_name        (CoachTechnique  *self);
const char      *coach_technique_get_summary     (CoachTechnique  *self);
const char      *coach_technique_get_evidence    (CoachTechnique  *self);
guint            coach_technique_get_n_cautions  (CoachTechnique  *self);
const char      *coach_technique_get_caution     (CoachTechnique  *self,
                                                  guint            index);
CoachFamily      coach_technique_get_family      (CoachTechnique  *self);
CoachPerformer   coach_technique_get_performer   (CoachTechnique  *self);
guint            coach_technique_get_pressure    (CoachTechnique  *self);
guint32          coach_technique_get_regions     (CoachTechnique  *self);
guint32          coach_technique_get_equipment   (CoachTechnique  *self);
guint32          coach_technique_get_suits       (CoachTechnique  *self);
guint32          coach_technique_get_avoid_with  (CoachTechnique  *self);
guint            coach_technique_get_n_steps     (CoachTechnique  *self);
const CoachStep *coach_technique_get_step        (CoachTechnique  *self,
                                                  guint            number);
guint            coach_technique_get_duration    (CoachTechnique  *self);
gboolean         coach_technique_suits_performer (CoachTechnique  *self,
                                                  CoachPerformer   performer);

G_END_DECLS
