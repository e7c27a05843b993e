/* coach-vocab.h: the catalog's fixed vocabularies (regions, families, equipment...) as enums.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  COACH_VOCAB_REGION,
  COACH_VOCAB_FAMILY,
  COACH_VOCAB_EQUIPMENT,
  COACH_VOCAB_SUITS,
  COACH_VOCAB_CONDITION,
  COACH_VOCAB_POSE,
  COACH_VOCAB_LANDMARK,
  COACH_VOCAB_STROKE,
  COACH_VOCAB_DIRECTION,
  COACH_VOCAB_SIDE,
  COACH_VOCAB_PERFORMER,
  COACH_VOCAB_TEMPO_UNIT,
  COACH_N_VOCABS
} CoachVocab;

/* The values of each enum below are the positions in its vocabulary, so a set of them fits a
 * guint32 bit mask (1u << value). */
typedef enum {
  COACH_REGION_NECK,
  COACH_REGION_UPPER_BACK,
  COACH_REGION_MID_BACK,
  COACH_REGION_LOWER_BACK,
  COACH_REGION_SACRUM_HIPS,
  COACH_REGION_BUTTOCKS,
  COACH_N_REGIONS
} CoachRegion;

typedef enum {
  COACH_FAMILY_GLIDING,
  COACH_FAMILY_KNEADING,
  COACH_FAMILY_TAPPING,
  COACH_FAMILY_FRICTION,
  COACH_FAMILY_DEEP_TISSUE,
  COACH_FAMILY_TRIGGER_POINT,
  COACH_FAMILY_NEUROMUSCULAR,
  COACH_FAMILY_MYOFASCIAL,
  COACH_FAMILY_ACUPRESSURE,
  COACH_FAMILY_HEAT,
  COACH_FAMILY_TOOL,
  COACH_N_FAMILIES
} CoachFamily;

typedef enum {
  COACH_EQUIPMENT_BALL,
  COACH_EQUIPMENT_TWO_BALLS,
  COACH_EQUIPMENT_FOAM_ROLLER,
  COACH_EQUIPMENT_CANE,
  COACH_EQUIPMENT_HEAT_PACK,
  COACH_EQUIPMENT_OIL,
  COACH_EQUIPMENT_TOWEL,
  COACH_N_EQUIPMENT
} CoachEquipment;

typedef enum {
  COACH_SUITS_STRAIN,
  COACH_SUITS_OSTEOARTHRITIS,
  COACH_SUITS_FIBROMYALGIA,
  COACH_SUITS_SCIATICA,
  COACH_SUITS_DISC,
  COACH_SUITS_STRESS,
  COACH_SUITS_SITTING,
  COACH_N_SUITS
} CoachSuits;

typedef enum {
  COACH_CONDITION_BLOOD_THINNERS,
  COACH_CONDITION_OSTEOPOROSIS,
  COACH_CONDITION_PREGNANCY,
  COACH_CONDITION_BLOOD_CLOTS,
  COACH_CONDITION_CANCER,
  COACH_CONDITION_RECENT_SURGERY,
  COACH_CONDITION_ARTHRITIS_FLARE,
  COACH_CONDITION_NEUROPATHY,
  COACH_CONDITION_FIBROMYALGIA,
  COACH_CONDITION_OSTEOARTHRITIS,
  COACH_CONDITION_FEVER,
  COACH_N_CONDITIONS
} CoachCondition;

typedef enum {
  COACH_POSE_STANDING_WALL,
  COACH_POSE_LYING_ROLLER,
  COACH_POSE_LYING_BALLS,
  COACH_POSE_SITTING_BALL,
  COACH_POSE_SITTING,
  COACH_POSE_SITTING_CANE,
  COACH_POSE_LYING_FACE_DOWN,
  COACH_POSE_LYING_SIDE,
  COACH_POSE_PARTNER_FACE_DOWN,
  COACH_POSE_PARTNER_SIDE_LYING,
  COACH_N_POSES
} CoachPose;

typedef enum {
  COACH_LANDMARK_SKULL_BASE,
  COACH_LANDMARK_NECK_SIDE,
  COACH_LANDMARK_SHOULDER_TOP,
  COACH_LANDMARK_SHOULDER_BLADE_INNER,
  COACH_LANDMARK_SHOULDER_BLADE,
  COACH_LANDMARK_MID_BACK_BESIDE_SPINE,
  COACH_LANDMARK_LOWER_BACK_BESIDE_SPINE,
  COACH_LANDMARK_SIDE_LUMBAR,
  COACH_LANDMARK_HIP_CREST,
  COACH_LANDMARK_SACRUM,
  COACH_LANDMARK_GLUTE_CENTRE,
  COACH_LANDMARK_PIRIFORMIS,
  COACH_N_LANDMARKS
} CoachLandmark;

typedef enum {
  COACH_STROKE_GLIDE,
  COACH_STROKE_KNEAD,
  COACH_STROKE_TAP,
  COACH_STROKE_FRICTION,
  COACH_STROKE_HOLD,
  COACH_STROKE_STRETCH,
  COACH_STROKE_ROLL,
  COACH_STROKE_ROCK,
  COACH_STROKE_REST,
  COACH_N_STROKES
} CoachStroke;

typedef enum {
  COACH_DIRECTION_UP,
  COACH_DIRECTION_DOWN,
  COACH_DIRECTION_OUTWARD,
  COACH_DIRECTION_INWARD,
  COACH_DIRECTION_NONE,
  COACH_N_DIRECTIONS
} CoachDirection;

typedef enum {
  COACH_SIDE_LEFT,
  COACH_SIDE_RIGHT,
  COACH_SIDE_BOTH,
  COACH_SIDE_NONE,
  COACH_N_SIDES
} CoachSide;

typedef enum {
  COACH_PERFORMER_SELF,
  COACH_PERFORMER_PARTNER,
  COACH_PERFORMER_BOTH,
  COACH_N_PERFORMERS
} CoachPerformer;

typedef enum {
  COACH_TEMPO_UNIT_STROKES,
  COACH_TEMPO_UNIT_BREATHS,
  COACH_N_TEMPO_UNITS
} CoachTempoUnit;

#define COACH_MASK(value) (1u << (value))

guint        coach_vocab_get_size      (CoachVocab  vocab);
const char  *coach_vocab_get_name      (CoachVocab  vocab);
const char  *coach_vocab_to_id         (CoachVocab  vocab,
                                        guint       value);
int          coach_vocab_from_id       (CoachVocab  vocab,
                                        const char *id);
const char  *coach_vocab_get_label     (CoachVocab  vocab,
                                        guint       value);
const char  *coach_vocab_get_description (CoachVocab vocab,
                                          guint      value);
char        *coach_vocab_list_ids      (CoachVocab  vocab);
char        *coach_vocab_mask_to_ids   (CoachVocab  vocab,
                                        guint32     mask);
char        *coach_vocab_mask_to_list  (CoachVocab  vocab,
                                        guint32     mask,
                                        const char *separator);
gboolean     coach_vocab_list_to_mask  (CoachVocab   vocab,
                                        const char  *text,
                                        guint32     *mask,
                                        char       **unknown);
GType        coach_vocab_get_flags_type (CoachVocab vocab);

/* Flags types whose nicks are the vocabulary ids, so GSettings can bind "as" keys to them. */
#define COACH_TYPE_REGION_FLAGS    (coach_vocab_get_flags_type (COACH_VOCAB_REGION))
#define COACH_TYPE_FAMILY_FLAGS    (coach_vocab_get_flags_type (COACH_VOCAB_FAMILY))
#define COACH_TYPE_EQUIPMENT_FLAGS (coach_vocab_get_flags_type (COACH_VOCAB_EQUIPMENT))
#define COACH_TYPE_CONDITION_FLAGS (coach_vocab_get_flags_type (COACH_VOCAB_CONDITION))

G_END_DECLS
