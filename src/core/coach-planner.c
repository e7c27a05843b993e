/* coach-planner.c: builds a safe routine from sore regions, preferences and conditions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan has three parts: gliding strokes to warm up, focused work on the sore regions, and
 * a calm finish. Every technique is first checked against the person's choices and the
 * safety rules; each one gets a reason, whether it is used or not. Ties between equally
 * suitable techniques are broken by a hash of the seed, so the same request always gives the
 * same routine and another seed may give another. Step durations are scaled between half and
 * one and a half times their written length to fit the time asked for. */
#define G_LOG_DOMAIN "coach-planner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-card-filter.h"
#include "coach-format.h"
#include "coach-planner.h"
#include "coach-safety.h"

struct _CoachPlanner
{
  GObject       parent_instance;

  CoachCatalog *catalog;
};

G_DEFINE_FINAL_TYPE (CoachPlanner, coach_planner, G_TYPE_OBJECT)

G_DEFINE_QUARK (coach-planner-error-quark, coach_planner_error)

/* Shares of the target length for the warm-up and the finish. */
#define WARM_UP_SHARE 0.15
#define FINISH_SHARE 0.10
#define MIN_SCALED_SECONDS 10
#define MAX_ROUNDS 8

static void
coach_planner_dispose (GObject *object)
{
  CoachPlanner *self = COACH_PLANNER (object);

  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_planner_parent_class)->dispose (object);
}

static void
coach_planner_class_init (CoachPlannerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = coach_planner_dispose;
}

static void
coach_planner_init (CoachPlanner *self)
{
}

CoachPlanner *
coach_planner_new (CoachCatalog *catalog)
{
  CoachPlanner *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_PLANNER, NULL);
  self->catalog = g_object_ref (catalog);
  return self;
}

/* Defaults: self-massage, 15 minutes, pressure up to 6, with massage oil and a towel at hand. */
void
coach_plan_request_init (CoachPlanRequest *request)
{
  *request = (CoachPlanRequest) {
    .performer = COACH_PERFORMER_SELF,
    .pressure_ceiling = COACH_PLAN_DEFAULT_CEILING,
    .minutes = 15,
    .equipment = COACH_MASK (COACH_EQUIPMENT_OIL) | COACH_MASK (COACH_EQUIPMENT_TOWEL),
    .position = COACH_POSE_PARTNER_FACE_DOWN,
  };
}

/* How the receiver lies for partner massage: side-lying in pregnancy (content guide: required),
 * else as asked. One position for the whole routine, so nobody turns over halfway. */
CoachPose
coach_planner_get_partner_position (const CoachPlanRequest *request)
{
  if ((request->conditions & COACH_MASK (COACH_CONDITION_PREGNANCY)) != 0 ||
      request->position == COACH_POSE_PARTNER_SIDE_LYING)
    return COACH_POSE_PARTNER_SIDE_LYING;
  return COACH_POSE_PARTNER_FACE_DOWN;
}

/* Whether @technique has a step for a receiver lying otherwise than @position. */
static gboolean
needs_other_position (CoachTechnique *technique,
                      CoachPose       position)
{
  for (guint i = 1; i <= coach_technique_get_n_steps (technique); i++)
    {
      CoachPose pose = coach_technique_get_step (technique, i)->pose;

      if ((pose == COACH_POSE_PARTNER_FACE_DOWN || pose == COACH_POSE_PARTNER_SIDE_LYING) &&
          pose != position)
        return TRUE;
    }
  return FALSE;
}

void
coach_plan_reason_free (CoachPlanReason *reason)
{
  g_clear_object (&reason->technique);
  g_free (reason->text);
  g_free (reason);
}

/* The highest pressure the plan may use: the person's ceiling, lowered by their conditions,
 * and gentle for a whole-back routine with no sore region. */
guint
coach_planner_get_pressure_limit (const CoachPlanRequest *request)
{
  guint limit = MIN (request->pressure_ceiling, coach_safety_get_pressure_cap (request->conditions));

  if (request->sore_regions == 0)
    limit = MIN (limit, COACH_PRESSURE_GENTLE);
  return limit;
}

/* ---- Filtering ------------------------------------------------------------------------- */

static int
first_bit (guint32 mask)
{
  return mask != 0 ? g_bit_nth_lsf (mask, -1) : -1;
}

/* Returns: TRUE when @technique may be used; else sets @kind and @text to why not. */
static gboolean
check_technique (const CoachPlanRequest  *request,
                 CoachTechnique          *technique,
                 CoachPlanReasonKind     *kind,
                 char                   **text)
{
  guint32 equipment = coach_technique_get_equipment (technique);
  guint pressure = coach_technique_get_pressure (technique);
  guint limit = coach_planner_get_pressure_limit (request);
  CoachAvoidProfile avoid = {
    request->avoid_families, request->avoid_equipment, request->conditions,
  };
  guint detail;
  guint32 blocked;

  if (!coach_technique_suits_performer (technique, request->performer))
    {
      *kind = COACH_PLAN_EXCLUDED_PERFORMER;
      *text = g_strdup (request->performer == COACH_PERFORMER_SELF
                        ? _("Left out: for partner massage")
                        : _("Left out: for self-massage"));
      return FALSE;
    }
  switch (coach_avoid_profile_check (&avoid, technique, &detail))
    {
    case COACH_AVOID_FAMILY:
      *kind = COACH_PLAN_EXCLUDED_AVOIDED_FAMILY;
      /* Translators: %s is a massage method, e.g. "Tapping" */
      *text = g_strdup_printf (_("Left out: you avoid this method (%s)"),
                               coach_vocab_get_label (COACH_VOCAB_FAMILY, detail));
      return FALSE;
    case COACH_AVOID_EQUIPMENT:
      *kind = COACH_PLAN_EXCLUDED_AVOIDED_EQUIPMENT;
      /* Translators: %s is a piece of equipment, e.g. "Foam roller" */
      *text = g_strdup_printf (_("Left out: you avoid this equipment (%s)"),
                               coach_vocab_get_label (COACH_VOCAB_EQUIPMENT, detail));
      return FALSE;
    case COACH_AVOID_CONDITION:
      *kind = COACH_PLAN_EXCLUDED_CONDITION;
      /* Translators: %s is a health condition, e.g. "Severe osteoporosis" */
      *text = g_strdup_printf (_("Left out: not suitable with your health condition (%s)"),
                               coach_vocab_get_label (COACH_VOCAB_CONDITION, detail));
      return FALSE;
    case COACH_AVOID_NONE:
    default:
      break;
    }
  if (request->performer == COACH_PERFORMER_PARTNER &&
      needs_other_position (technique, coach_planner_get_partner_position (request)))
    {
      *kind = COACH_PLAN_EXCLUDED_POSITION;
      *text = g_strdup (coach_planner_get_partner_position (request) == COACH_POSE_PARTNER_SIDE_LYING
                        ? _("Left out: for a receiver lying face down")
                        : _("Left out: for a receiver lying on their side"));
      return FALSE;
    }
  if (pressure > limit)
    {
      *kind = COACH_PLAN_EXCLUDED_PRESSURE;
      if (limit < request->pressure_ceiling && request->sore_regions == 0 &&
          limit == MIN (request->pressure_ceiling, COACH_PRESSURE_GENTLE) &&
          coach_safety_get_pressure_cap (request->conditions) > limit)
        *text = g_strdup_printf (_("Left out: pressure %u is more than a gentle whole-back "
                                   "routine uses"), pressure);
      else if (limit < request->pressure_ceiling)
        *text = g_strdup_printf (_("Left out: pressure %u is above the limit of %u for your "
                                   "health conditions"), pressure, limit);
      else
        *text = g_strdup_printf (_("Left out: pressure %u is above your ceiling of %u"),
                                 pressure, limit);
      return FALSE;
    }
  blocked = equipment & ~request->equipment;
  if (blocked != 0)
    {
      *kind = COACH_PLAN_EXCLUDED_EQUIPMENT;
      /* Translators: %s is a piece of equipment, e.g. "Foam roller" */
      *text = g_strdup_printf (_("Left out: needs equipment you have not marked as at hand (%s)"),
                               coach_vocab_get_label (COACH_VOCAB_EQUIPMENT, first_bit (blocked)));
      return FALSE;
    }

  return TRUE;
}

/* ---- Choosing -------------------------------------------------------------------------- */

typedef struct {
  CoachTechnique *technique;
  guint           first;      /* 1-based step number */
  guint           n;          /* 2 for a left/right pair */
} Unit;

typedef struct {
  CoachTechnique *technique;
  guint           relevance;
  guint32         tie;
  gboolean        chosen;     /* the person added it to their routine */
} Candidate;

/* Ranks the techniques the person added above any count of sore regions. */
#define CHOSEN_RELEVANCE 10000

static gboolean
is_chosen (const CoachPlanRequest *request,
           CoachTechnique         *technique)
{
  return request->chosen != NULL &&
         g_strv_contains (request->chosen, coach_technique_get_id (technique));
}

typedef struct {
  CoachTechnique *technique;
  guint           step;
  guint           nominal;
  guint           duration;
} Planned;

static guint
count_bits (guint32 mask)
{
  guint n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;
  return n;
}

static guint32
mix (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->relevance != cb->relevance)
    return ca->relevance > cb->relevance ? -1 : 1;
  if (ca->tie != cb->tie)
    return ca->tie < cb->tie ? -1 : 1;
  return g_strcmp0 (coach_technique_get_id (ca->technique), coach_technique_get_id (cb->technique));
}

static GArray *
get_units (CoachTechnique *technique)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (Unit));
  guint n_steps = coach_technique_get_n_steps (technique);

  for (guint number = 1; number <= n_steps; )
    {
      const CoachStep *step = coach_technique_get_step (technique, number);
      Unit unit = { technique, number, 1 };

      if ((step->side == COACH_SIDE_LEFT || step->side == COACH_SIDE_RIGHT) && number < n_steps)
        unit.n = 2;
      g_array_append_val (units, unit);
      number += unit.n;
    }

  return units;
}

static gboolean
unit_all_strokes (const Unit *unit,
                  guint32     strokes)
{
  for (guint i = 0; i < unit->n; i++)
    {
      const CoachStep *step = coach_technique_get_step (unit->technique, unit->first + i);
      if ((strokes & COACH_MASK (step->stroke)) == 0)
        return FALSE;
    }
  return TRUE;
}

static guint
unit_nominal (const Unit *unit)
{
  guint total = 0;

  for (guint i = 0; i < unit->n; i++)
    total += coach_technique_get_step (unit->technique, unit->first + i)->duration;
  return total;
}

static guint
scaled_min (guint nominal)
{
  return MAX (MIN_SCALED_SECONDS, (nominal / 2 + 4) / 5 * 5);
}

static guint
scaled_max (guint nominal)
{
  return MAX (scaled_min (nominal), nominal * 3 / 2 / 5 * 5);
}

static guint
scale (guint  nominal,
       double factor)
{
  guint value = (guint) (nominal * factor / 5.0 + 0.5) * 5;

  return CLAMP (value, scaled_min (nominal), scaled_max (nominal));
}

static gboolean
used_step (GArray         *planned,
           CoachTechnique *technique,
           guint           step)
{
  for (guint i = 0; i < planned->len; i++)
    {
      Planned *p = &g_array_index (planned, Planned, i);
      if (p->technique == technique && p->step == step)
        return TRUE;
    }
  return FALSE;
}

/* Appends @unit to @planned, each step scaled by @factor; returns the seconds added. */
static guint
add_unit (GArray     *planned,
          const Unit *unit,
          double      factor)
{
  guint added = 0;

  for (guint i = 0; i < unit->n; i++)
    {
      const CoachStep *step = coach_technique_get_step (unit->technique, unit->first + i);
      Planned p = { unit->technique, unit->first + i, step->duration, scale (step->duration, factor) };

      g_array_append_val (planned, p);
      added += p.duration;
    }
  return added;
}

#define GLIDE_STROKES (COACH_MASK (COACH_STROKE_GLIDE))
#define CALM_STROKES (COACH_MASK (COACH_STROKE_GLIDE) | COACH_MASK (COACH_STROKE_ROCK) | \
                      COACH_MASK (COACH_STROKE_HOLD) | COACH_MASK (COACH_STROKE_REST))

/* Candidates with gliding-family techniques first, then by relevance and the seeded tie. */
static GArray *
sort_for_role (GArray      *candidates,
               gboolean     gliding_first,
               CoachTechnique *avoid)
{
  GArray *sorted = g_array_copy (candidates);

  for (guint i = 0; i < sorted->len; i++)
    {
      Candidate *c = &g_array_index (sorted, Candidate, i);
      gboolean gliding = coach_technique_get_family (c->technique) == COACH_FAMILY_GLIDING;

      /* Bump the relevance so the preferred group sorts first, keeping order within it. */
      c->relevance += (gliding_first && gliding ? 1000 : 0) + (c->technique != avoid ? 100 : 0);
    }
  g_array_sort (sorted, compare_candidates);
  return sorted;
}

static gboolean
pick_warm_up (GArray *candidates,
              guint   target,
              GArray *planned)
{
  g_autoptr(GArray) sorted = sort_for_role (candidates, TRUE, NULL);

  for (guint c = 0; c < sorted->len; c++)
    {
      g_autoptr(GArray) units = get_units (g_array_index (sorted, Candidate, c).technique);
      g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (Unit));
      guint sum = 0;

      for (guint u = 0; u < units->len && sum < target; u++)
        {
          Unit *unit = &g_array_index (units, Unit, u);

          if (unit_all_strokes (unit, GLIDE_STROKES))
            {
              g_array_append_vals (chosen, unit, 1);
              sum += unit_nominal (unit);
            }
        }

      if (chosen->len > 0)
        {
          double factor = MIN (1.0, (double) target / sum);

          for (guint u = 0; u < chosen->len; u++)
            add_unit (planned, &g_array_index (chosen, Unit, u), factor);
          return TRUE;
        }
    }

  return FALSE;
}

/* The last calm unit of the best technique for a finish, preferring one not used yet. */
static void
pick_finish (GArray         *candidates,
             CoachTechnique *warm_up,
             guint           target,
             GArray         *planned,
             GArray         *used)
{
  g_autoptr(GArray) sorted = sort_for_role (candidates, TRUE, warm_up);

  for (int pass = 0; pass < 2; pass++)
    for (guint c = 0; c < sorted->len; c++)
      {
        g_autoptr(GArray) units = get_units (g_array_index (sorted, Candidate, c).technique);

        for (guint u = units->len; u-- > 0; )
          {
            Unit *unit = &g_array_index (units, Unit, u);

            if (!unit_all_strokes (unit, CALM_STROKES) ||
                (pass == 0 && used_step (used, unit->technique, unit->first)))
              continue;
            add_unit (planned, unit, MIN (1.0, (double) target / unit_nominal (unit)));
            return;
          }
      }
}

static guint
total_of (GArray *planned)
{
  guint total = 0;

  for (guint i = 0; i < planned->len; i++)
    total += g_array_index (planned, Planned, i).duration;
  return total;
}

static gboolean
planned_is_sore (const Planned *p,
                 guint32        sore)
{
  const CoachStep *step = coach_technique_get_step (p->technique, p->step);

  return (COACH_MASK (step->area) & sore) != 0 ||
         (coach_technique_get_regions (p->technique) & sore) != 0;
}

static guint
unused_nominal (GArray *units,
                GArray *used)
{
  guint sum = 0;

  for (guint u = 0; u < units->len; u++)
    {
      Unit *unit = &g_array_index (units, Unit, u);
      if (!used_step (used, unit->technique, unit->first))
        sum += unit_nominal (unit);
    }
  return sum;
}

static gboolean
technique_used (GArray         *planned,
                CoachTechnique *technique)
{
  for (guint i = 0; i < planned->len; i++)
    if (g_array_index (planned, Planned, i).technique == technique)
      return TRUE;
  return FALSE;
}

/* Moves the techniques already in the warm-up or finish behind the others, keeping the order
 * within each group: their other steps (such as "rub your hands warm") read oddly in the
 * middle of a routine, so they only fill time the other techniques cannot. Techniques the
 * person added stay where they are: they asked for all of it. */
static void
last_if_used (GArray *candidates,
              GArray *used)
{
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < candidates->len; )
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      if (!c->chosen && technique_used (used, c->technique))
        {
          g_array_append_vals (later, c, 1);
          g_array_remove_index (candidates, i);
        }
      else
        i++;
    }
  g_array_append_vals (candidates, later->data, later->len);
}

/* Chooses the focus steps, at their written durations. Whole techniques come first, in rank
 * order, so each is done as written; single steps then fill what is left, and a second round
 * repeats steps when the suitable techniques are too few for the time. */
static void
fill_focus (GArray   *focus,
            GArray   *used,
            guint     target,
            gboolean  brief_tapping,
            GArray   *planned)
{
  g_autoptr(GPtrArray) all_units = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) taken = g_array_new (FALSE, TRUE, sizeof (gboolean));
  guint sum = 0;

  for (guint c = 0; c < focus->len; c++)
    g_ptr_array_add (all_units, get_units (g_array_index (focus, Candidate, c).technique));
  g_array_set_size (taken, focus->len);

  /* Scaling down to 70% later is fine, so a technique may be a little longer than the gap. */
  for (guint c = 0; c < focus->len; c++)
    {
      GArray *units = g_ptr_array_index (all_units, c);
      guint nominal = unused_nominal (units, used);

      if (nominal == 0 || (sum + nominal) * 7 > target * 10)
        continue;
      for (guint u = 0; u < units->len; u++)
        {
          Unit *unit = &g_array_index (units, Unit, u);
          if (!used_step (used, unit->technique, unit->first))
            sum += add_unit (planned, unit, 1.0);
        }
      g_array_index (taken, gboolean, c) = TRUE;
    }

  for (guint round = 0; round < MAX_ROUNDS && sum < target; round++)
    {
      gboolean added = FALSE;

      for (guint c = 0; c < focus->len; c++)
        {
          GArray *units = g_ptr_array_index (all_units, c);

          if (round == 0 && g_array_index (taken, gboolean, c))
            continue;
          for (guint u = 0; u < units->len; u++)
            {
              Unit *unit = &g_array_index (units, Unit, u);
              guint nominal = unit_nominal (unit);

              if (round == 0 && used_step (used, unit->technique, unit->first))
                continue;
              /* Tapping in a partner massage is brief: never repeated. */
              if (round > 0 && brief_tapping &&
                  coach_technique_get_family (unit->technique) == COACH_FAMILY_TAPPING)
                continue;
              if (sum + nominal > target && planned->len > 0)
                continue;
              sum += add_unit (planned, unit, 1.0);
              added = TRUE;
            }
        }

      /* Round 0 only takes what the first pass left; later rounds repeat steps. */
      if (!added && round > 0)
        break;
    }
}

/* Brings the focus steps to fill @target seconds, scaling pairs alike. */
static void
fit_focus (GArray *focus,
           guint   target)
{
  guint nominal = 0;
  double factor;
  int diff;
  gboolean progress = TRUE;

  for (guint i = 0; i < focus->len; i++)
    nominal += g_array_index (focus, Planned, i).nominal;
  if (nominal == 0)
    return;

  factor = CLAMP ((double) target / nominal, 0.5, 1.5);
  for (guint i = 0; i < focus->len; i++)
    {
      Planned *p = &g_array_index (focus, Planned, i);
      p->duration = scale (p->nominal, factor);
    }

  diff = (int) target - (int) total_of (focus);
  while (ABS (diff) >= 5 && progress)
    {
      progress = FALSE;
      for (guint i = 0; i < focus->len && ABS (diff) >= 5; )
        {
          Planned *p = &g_array_index (focus, Planned, i);
          const CoachStep *step = coach_technique_get_step (p->technique, p->step);
          guint n = (step->side == COACH_SIDE_LEFT || step->side == COACH_SIDE_RIGHT) &&
                    i + 1 < focus->len ? 2 : 1;
          int delta = diff > 0 ? 5 : -5;

          if (ABS (diff) >= (int) (5 * n) &&
              ((delta > 0 && p->duration + 5 <= scaled_max (p->nominal)) ||
               (delta < 0 && p->duration >= scaled_min (p->nominal) + 5)))
            {
              for (guint k = i; k < i + n; k++)
                g_array_index (focus, Planned, k).duration += delta;
              diff -= delta * (int) n;
              progress = TRUE;
            }
          i += n;
        }
    }
}

/* Where a method comes in a partner massage's focus, in the classic order: warmth, kneading,
 * friction, the deeper methods, and brief tapping last before the finishing strokes. */
static guint
partner_rank (CoachFamily family)
{
  switch (family)
    {
    case COACH_FAMILY_HEAT:
    case COACH_FAMILY_GLIDING:
      return 0;
    case COACH_FAMILY_KNEADING:
      return 1;
    case COACH_FAMILY_FRICTION:
      return 2;
    case COACH_FAMILY_TAPPING:
      return 4;
    default:
      return 3;
    }
}

#define N_PARTNER_RANKS 5

/* Orders the focus for a partner massage, keeping each technique's steps in their order, and
 * keeps tapping brief: never longer than its card says. */
static void
order_partner_focus (GArray *focus)
{
  g_autoptr(GArray) ordered = g_array_sized_new (FALSE, FALSE, sizeof (Planned), focus->len);

  for (guint rank = 0; rank < N_PARTNER_RANKS; rank++)
    for (guint i = 0; i < focus->len; i++)
      {
        Planned p = g_array_index (focus, Planned, i);
        CoachFamily family = coach_technique_get_family (p.technique);

        if (partner_rank (family) != rank)
          continue;
        if (family == COACH_FAMILY_TAPPING)
          p.duration = MIN (p.duration, p.nominal);
        g_array_append_val (ordered, p);
      }
  g_array_set_size (focus, 0);
  g_array_append_vals (focus, ordered->data, ordered->len);
}

/* Takes @text. */
static CoachPlanReason *
new_reason (CoachTechnique      *technique,
            CoachPlanReasonKind  kind,
            char                *text)
{
  CoachPlanReason *reason = g_new0 (CoachPlanReason, 1);

  reason->technique = g_object_ref (technique);
  reason->kind = kind;
  reason->text = text;
  return reason;
}

static void
add_reason (GPtrArray           *reasons,
            CoachTechnique      *technique,
            CoachPlanReasonKind  kind,
            char                *text)
{
  g_ptr_array_add (reasons, new_reason (technique, kind, text));
}

static CoachPlanReasonKind
role_of (CoachTechnique *technique,
         GArray         *warm_up,
         GArray         *focus,
         GArray         *finish,
         gboolean       *found)
{
  GArray *parts[] = { warm_up, focus, finish };
  CoachPlanReasonKind kinds[] = {
    COACH_PLAN_INCLUDED_WARM_UP, COACH_PLAN_INCLUDED_FOCUS, COACH_PLAN_INCLUDED_FINISH,
  };

  *found = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    for (guint j = 0; j < parts[i]->len; j++)
      if (g_array_index (parts[i], Planned, j).technique == technique)
        {
          *found = TRUE;
          return kinds[i];
        }
  return COACH_PLAN_EXCLUDED_TIME;
}

/**
 * coach_planner_plan:
 * @reasons: (out) (optional) (transfer full) (element-type CoachPlanReason): why each
 *   catalog technique was included or left out, in catalog order
 *
 * Plans a routine for @request. It never uses a technique that the person avoids, that a
 * condition rules out, or whose pressure is above the limit.
 *
 * Returns: (transfer full): the routine, or %NULL with a translated %COACH_PLANNER_ERROR:
 * never an empty routine.
 */
CoachRoutine *
coach_planner_plan (CoachPlanner            *self,
                    const CoachPlanRequest  *request,
                    GPtrArray              **reasons,
                    GError                 **error)
{
  GPtrArray *techniques;
  g_autoptr(GPtrArray) all_reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_plan_reason_free);
  g_autoptr(GArray) allowed = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) focus_candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) warm_up = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GArray) finish = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GArray) focus = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GHashTable) excluded = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) coach_plan_reason_free);
  g_autoptr(CoachRoutine) routine = NULL;
  guint target, sore_seconds = 0, total;
  guint32 sore;

  g_return_val_if_fail (COACH_IS_PLANNER (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (request->minutes < COACH_PLAN_MIN_MINUTES || request->minutes > COACH_PLAN_MAX_MINUTES ||
      request->pressure_ceiling > COACH_PRESSURE_MAX ||
      (request->performer != COACH_PERFORMER_SELF && request->performer != COACH_PERFORMER_PARTNER))
    {
      g_set_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_INVALID,
                   _("A routine lasts %d to %d minutes, with a pressure ceiling from 0 to 10, "
                     "for self-massage or a partner."),
                   COACH_PLAN_MIN_MINUTES, COACH_PLAN_MAX_MINUTES);
      return NULL;
    }

  for (guint i = 0; i < COACH_N_CONDITIONS; i++)
    if ((request->conditions & COACH_MASK (i)) != 0 && coach_safety_condition_postpones (i))
      {
        g_set_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_POSTPONE,
                     _("No massage today: with %s, postpone the session until you are well. "
                       "See a doctor if it does not pass."),
                     coach_vocab_get_label (COACH_VOCAB_CONDITION, i));
        return NULL;
      }

  target = request->minutes * 60;
  sore = request->sore_regions & (COACH_MASK (COACH_N_REGIONS) - 1);
  techniques = coach_catalog_get_techniques (self->catalog);

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);
      CoachPlanReasonKind kind;
      char *text = NULL;

      if (check_technique (request, technique, &kind, &text))
        {
          guint32 regions = coach_technique_get_regions (technique);
          Candidate candidate = {
            technique,
            count_bits (sore != 0 ? regions & sore : regions),
            mix (g_str_hash (coach_technique_get_id (technique)) ^ mix (request->seed + 0x9e3779b9U)),
            is_chosen (request, technique),
          };

          g_array_append_val (allowed, candidate);
          /* Only the focus ranks added techniques first: a warm-up is still a gentle glide. */
          if (candidate.chosen)
            {
              candidate.relevance += CHOSEN_RELEVANCE;
              g_array_append_val (focus_candidates, candidate);
            }
          else if (sore == 0 || (regions & sore) != 0)
            g_array_append_val (focus_candidates, candidate);
          else
            g_hash_table_insert (excluded, technique,
                                 new_reason (technique, COACH_PLAN_EXCLUDED_OTHER_REGIONS,
                                             g_strdup (_("Left out: works other regions than "
                                                         "your sore ones"))));
        }
      else
        g_hash_table_insert (excluded, technique, new_reason (technique, kind, text));
    }

  if (focus_candidates->len == 0)
    {
      g_autofree char *label = coach_format_mask (COACH_VOCAB_REGION, sore);

      if (sore != 0)
        g_set_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE,
                     _("Nothing suitable is left for %s with these choices. Allow more methods "
                       "or equipment, or a higher pressure ceiling, or choose other regions."),
                     label);
      else
        g_set_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE,
                     _("Nothing suitable is left with these choices. Allow more methods or "
                       "equipment, or a higher pressure ceiling."));
      return NULL;
    }

  /* Relevance counts sore regions for the warm-up and finish too. */
  if (!pick_warm_up (allowed, (guint) (target * WARM_UP_SHARE), warm_up))
    {
      g_set_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE,
                   _("No gentle gliding strokes are left to warm up with. Allow gliding strokes "
                     "or more equipment."));
      return NULL;
    }
  g_array_append_vals (used, warm_up->data, warm_up->len);
  pick_finish (allowed, g_array_index (warm_up, Planned, 0).technique,
               (guint) (target * FINISH_SHARE), finish, used);
  g_array_append_vals (used, finish->data, finish->len);

  g_array_sort (focus_candidates, compare_candidates);
  last_if_used (focus_candidates, used);
  {
    int focus_target = (int) target - (int) total_of (warm_up) - (int) total_of (finish);

    fill_focus (focus_candidates, used, MAX (focus_target, MIN_SCALED_SECONDS),
                request->performer == COACH_PERFORMER_PARTNER, focus);
    fit_focus (focus, MAX (focus_target, MIN_SCALED_SECONDS));
    if (request->performer == COACH_PERFORMER_PARTNER)
      order_partner_focus (focus);
  }

  routine = coach_routine_new (_("Planned routine"));
  total = 0;
  {
    GArray *parts[] = { warm_up, focus, finish };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      for (guint j = 0; j < parts[i]->len; j++)
        {
          Planned *p = &g_array_index (parts[i], Planned, j);
          const CoachStep *step = coach_technique_get_step (p->technique, p->step);

          coach_routine_append (routine, coach_technique_get_id (p->technique), p->step,
                                p->duration, step->side);
          total += p->duration;
          /* What the person added counts as wanted time, whatever region it works. */
          if (sore == 0 || planned_is_sore (p, sore) || is_chosen (request, p->technique))
            sore_seconds += p->duration;
        }
  }

  if (total * 10 < target * 9 || total * 10 > target * 11 || sore_seconds * 2 < total)
    {
      g_autofree char *label = coach_format_mask (COACH_VOCAB_REGION, sore != 0 ? sore : G_MAXUINT32);

      g_set_error (error, COACH_PLANNER_ERROR, COACH_PLANNER_ERROR_NOTHING_SUITABLE,
                   _("Not enough suitable techniques are left for a %u-minute routine on %s. "
                     "Choose a shorter routine, or allow more methods or equipment."),
                   request->minutes, label);
      return NULL;
    }

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);
      gpointer reason = NULL;
      gboolean found;
      CoachPlanReasonKind kind = role_of (technique, warm_up, focus, finish, &found);

      if (found && kind == COACH_PLAN_INCLUDED_WARM_UP)
        add_reason (all_reasons, technique, kind,
                    g_strdup (_("Included as warm-up: slow gliding strokes to start gently")));
      else if (found && kind == COACH_PLAN_INCLUDED_FOCUS)
        {
          g_autofree char *label = NULL;

          if (is_chosen (request, technique))
            add_reason (all_reasons, technique, kind,
                        g_strdup (_("Included: you added it to your routine")));
          else if (sore == 0)
            add_reason (all_reasons, technique, kind,
                        g_strdup (_("Included: gentle work for the whole back")));
          else
            {
              label = coach_format_mask (COACH_VOCAB_REGION, coach_technique_get_regions (technique) & sore);
              add_reason (all_reasons, technique, kind,
                          g_strdup_printf (_("Included to work your sore areas: %s"), label));
            }
        }
      else if (found)
        add_reason (all_reasons, technique, kind,
                    g_strdup (_("Included as the calm finish: slow, soothing strokes")));
      else if (g_hash_table_steal_extended (excluded, technique, NULL, &reason))
        g_ptr_array_add (all_reasons, reason);
      else
        add_reason (all_reasons, technique, COACH_PLAN_EXCLUDED_TIME,
                    g_strdup (_("Left out: the routine is full without it")));
    }

  if (reasons != NULL)
    *reasons = g_steal_pointer (&all_reasons);
  return g_steal_pointer (&routine);
}
