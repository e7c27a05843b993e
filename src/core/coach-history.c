/* coach-history.c: recorded massage sessions and PEG check-ins.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-history.h"

G_DEFINE_BOXED_TYPE (CoachHistorySession, coach_history_session,
                     coach_history_session_ref, coach_history_session_unref)

static void
clear_technique (gpointer data)
{
  CoachHistoryTechnique *technique = data;

  g_clear_pointer (&technique->technique, g_free);
  g_clear_pointer (&technique->title, g_free);
}

CoachHistorySession *
coach_history_session_new (void)
{
  CoachHistorySession *self = g_new0 (CoachHistorySession, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = COACH_HISTORY_SELF;
  self->receiver = COACH_RECEIVER_SELF;
  self->pain_before = COACH_PAIN_NONE;
  self->pain_after = COACH_PAIN_NONE;
  self->regions = g_array_new (FALSE, TRUE, sizeof (CoachHistoryRegionPain));
  self->techniques = g_array_new (FALSE, TRUE, sizeof (CoachHistoryTechnique));
  g_array_set_clear_func (self->techniques, clear_technique);
  return self;
}

CoachHistorySession *
coach_history_session_ref (CoachHistorySession *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
coach_history_session_unref (CoachHistorySession *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->routine);
  g_free (self->partner);
  g_free (self->note);
  g_array_unref (self->regions);
  g_array_unref (self->techniques);
  g_free (self);
}

/* A deep copy with its own reference count. */
CoachHistorySession *
coach_history_session_copy (const CoachHistorySession *self)
{
  CoachHistorySession *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = coach_history_session_new ();
  copy->id = self->id;
  copy->started = self->started;
  copy->seconds = self->seconds;
  copy->planned_seconds = self->planned_seconds;
  copy->routine = g_strdup (self->routine);
  copy->kind = self->kind;
  copy->partner = g_strdup (self->partner);
  copy->receiver = self->receiver;
  copy->completed = self->completed;
  copy->pain_before = self->pain_before;
  copy->pain_after = self->pain_after;
  g_array_append_vals (copy->regions, self->regions->data, self->regions->len);
  for (guint i = 0; i < self->techniques->len; i++)
    {
      const CoachHistoryTechnique *t = &g_array_index (self->techniques, CoachHistoryTechnique, i);

      coach_history_session_add_technique (copy, t->technique, t->title, t->seconds);
    }
  copy->note = g_strdup (self->note);
  return copy;
}

/* Every recorded field, the id included. */
gboolean
coach_history_session_equal (const CoachHistorySession *a,
                             const CoachHistorySession *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->id != b->id || a->started != b->started || a->seconds != b->seconds ||
      a->planned_seconds != b->planned_seconds || g_strcmp0 (a->routine, b->routine) != 0 ||
      a->kind != b->kind || g_strcmp0 (a->partner, b->partner) != 0 ||
      a->receiver != b->receiver || !a->completed != !b->completed ||
      a->pain_before != b->pain_before || a->pain_after != b->pain_after ||
      g_strcmp0 (a->note, b->note) != 0 ||
      a->regions->len != b->regions->len || a->techniques->len != b->techniques->len)
    return FALSE;

  for (guint i = 0; i < a->regions->len; i++)
    {
      const CoachHistoryRegionPain *ra = &g_array_index (a->regions, CoachHistoryRegionPain, i);
      const CoachHistoryRegionPain *rb = &g_array_index (b->regions, CoachHistoryRegionPain, i);

      if (ra->region != rb->region || ra->before != rb->before || ra->after != rb->after)
        return FALSE;
    }
  for (guint i = 0; i < a->techniques->len; i++)
    {
      const CoachHistoryTechnique *ta = &g_array_index (a->techniques, CoachHistoryTechnique, i);
      const CoachHistoryTechnique *tb = &g_array_index (b->techniques, CoachHistoryTechnique, i);

      if (g_strcmp0 (ta->technique, tb->technique) != 0 || g_strcmp0 (ta->title, tb->title) != 0 ||
          ta->seconds != tb->seconds)
        return FALSE;
    }
  return TRUE;
}

void
coach_history_session_add_technique (CoachHistorySession *self,
                                     const char          *technique,
                                     const char          *title,
                                     guint                seconds)
{
  CoachHistoryTechnique added = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (technique != NULL);

  for (guint i = 0; i < self->techniques->len; i++)
    {
      CoachHistoryTechnique *t = &g_array_index (self->techniques, CoachHistoryTechnique, i);

      if (g_str_equal (t->technique, technique))
        {
          t->seconds += seconds;
          return;
        }
    }
  added.technique = g_strdup (technique);
  added.title = g_strdup (title != NULL ? title : technique);
  added.seconds = seconds;
  g_array_append_val (self->techniques, added);
}

void
coach_history_session_set_region (CoachHistorySession *self,
                                  CoachRegion          region,
                                  int                  before,
                                  int                  after)
{
  CoachHistoryRegionPain pain = { region, before, after };
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (region < COACH_N_REGIONS);

  for (i = 0; i < self->regions->len; i++)
    {
      CoachHistoryRegionPain *r = &g_array_index (self->regions, CoachHistoryRegionPain, i);

      if (r->region == region)
        {
          *r = pain;
          return;
        }
      if (r->region > region)
        break;
    }
  g_array_insert_val (self->regions, i, pain);
}

CoachHistoryRegionPain *
coach_history_session_get_region (const CoachHistorySession *self,
                                  CoachRegion                region)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->regions->len; i++)
    {
      CoachHistoryRegionPain *r = &g_array_index (self->regions, CoachHistoryRegionPain, i);

      if (r->region == region)
        return r;
    }
  return NULL;
}

double
coach_history_session_get_pain (const CoachHistorySession *self,
                                gboolean                   after)
{
  int overall;
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (self != NULL, -1);

  overall = after ? self->pain_after : self->pain_before;
  if (overall >= 0)
    return overall;
  for (guint i = 0; i < self->regions->len; i++)
    {
      const CoachHistoryRegionPain *r = &g_array_index (self->regions, CoachHistoryRegionPain, i);
      int value = after ? r->after : r->before;

      if (value >= 0)
        {
          sum += value;
          n++;
        }
    }
  return n > 0 ? sum / n : -1;
}

gboolean
coach_history_session_is_own (const CoachHistorySession *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->receiver == COACH_RECEIVER_SELF;
}

gboolean
coach_history_session_is_meaningful (const CoachHistorySession *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return coach_pain_is_meaningful_drop (coach_history_session_get_pain (self, FALSE),
                                        coach_history_session_get_pain (self, TRUE));
}

gboolean
coach_pain_is_meaningful_drop (double before,
                               double after)
{
  double drop = before - after;

  if (before < 0 || after < 0 || drop <= 0)
    return FALSE;
  /* A small tolerance: means of region ratings are not exact in binary. */
  return drop >= 2 - 1e-9 || drop >= 0.3 * before - 1e-9;
}

const char *
coach_pain_describe (int value)
{
  if (value <= 0)
    return C_("pain", "No pain");
  if (value <= 3)
    return C_("pain", "Mild");
  if (value <= 6)
    return C_("pain", "Moderate");
  if (value <= 9)
    return C_("pain", "Severe");
  return C_("pain", "Worst pain imaginable");
}

double
coach_peg_entry_get_score (const CoachPegEntry *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  return (entry->pain + entry->enjoyment + entry->activity) / 3.0;
}

gboolean
coach_peg_is_due (gint64 last_taken,
                  gint64 last_offered,
                  gint64 now)
{
  const gint64 week = 7 * 24 * 60 * 60;

  return (last_taken <= 0 || now - last_taken >= week) &&
         (last_offered <= 0 || now - last_offered >= week);
}
