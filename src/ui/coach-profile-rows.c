/* coach-profile-rows.c: switch rows for a profile's sets (regions, methods, conditions).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences, the first-run safety check and (later) partner profiles all edit the same
 * kind of thing: one bit of a flags property such as "sore-regions". These rows bind to any
 * object with such a property, so each place shows the same rows with the same words. */
#define G_LOG_DOMAIN "coach-profile-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-body-map.h"
#include "coach-profile-rows.h"
#include "coach-safety.h"

/* The switch is on while the bit is in the set. */
static gboolean
flag_to_active (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  guint bit = GPOINTER_TO_UINT (user_data);

  g_value_set_boolean (to, (g_value_get_flags (from) & COACH_MASK (bit)) != 0);
  return TRUE;
}

/* Turning the switch adds or removes only its own bit, keeping the others. */
static gboolean
active_to_flag (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  guint bit = GPOINTER_TO_UINT (user_data);
  g_autoptr(GObject) source = g_binding_dup_source (binding);
  guint mask;

  if (source == NULL)
    return FALSE;

  g_object_get (source, g_binding_get_source_property (binding), &mask, NULL);
  if (g_value_get_boolean (from))
    mask |= COACH_MASK (bit);
  else
    mask &= ~COACH_MASK (bit);
  g_value_set_flags (to, mask);
  return TRUE;
}

/**
 * coach_flag_row_new:
 * @object: an object with the flags property @property
 * @value: the bit of the set this row switches, e.g. %COACH_REGION_NECK
 *
 * Returns: (transfer floating): a row whose switch is bound both ways to one bit of the set.
 */
GtkWidget *
coach_flag_row_new (GObject    *object,
                    const char *property,
                    guint       value,
                    const char *title,
                    const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  /* This also makes the row's title and subtitle the switch's name and description. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  g_object_bind_property_full (object, property, toggle, "active",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               flag_to_active, active_to_flag,
                               GUINT_TO_POINTER (value), NULL);
  return row;
}

static const char *
describe (CoachVocab vocab,
          guint      value)
{
  if (vocab == COACH_VOCAB_CONDITION)
    return coach_safety_get_condition_description (value);
  return coach_vocab_get_description (vocab, value);
}

/* Adds a row for every value of @vocab to @group, bound to @object's @property. */
void
coach_profile_rows_add (AdwPreferencesGroup *group,
                        GObject             *object,
                        const char          *property,
                        CoachVocab           vocab)
{
  for (guint i = 0; i < coach_vocab_get_size (vocab); i++)
    {
      GtkWidget *row = coach_flag_row_new (object, property, i,
                                           coach_vocab_get_label (vocab, i),
                                           describe (vocab, i));
      gtk_widget_set_name (row, coach_vocab_to_id (vocab, i));
      adw_preferences_group_add (group, row);
    }
}

static gboolean
copy_mask (GBinding     *binding,
           const GValue *from,
           GValue       *to,
           gpointer      user_data)
{
  if (G_VALUE_HOLDS_FLAGS (from))
    g_value_set_uint (to, g_value_get_flags (from));
  else
    g_value_set_flags (to, g_value_get_uint (from));
  return TRUE;
}

/* Keeps a CoachBodyMap's regions and @object's flags @property the same, both ways. */
void
coach_profile_bind_body_map (GtkWidget  *body_map,
                             GObject    *object,
                             const char *property)
{
  g_return_if_fail (COACH_IS_BODY_MAP (body_map));

  g_object_bind_property_full (object, property, body_map, "regions",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               copy_mask, copy_mask, NULL, NULL);
}

/**
 * coach_profile_where_it_hurts_new:
 * @body_map: (out) (optional) (transfer none): the map inside, for tests
 *
 * Returns: (transfer floating): the body map with the region rows under it, both bound to
 * @object's @property, so a click on the map and a switch in a row are the same change.
 */
GtkWidget *
coach_profile_where_it_hurts_new (GObject     *object,
                                  const char  *property,
                                  GtkWidget  **body_map)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *map = coach_body_map_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
  /* In a scrolled page every child gets its minimum height; this one needs room to aim. */
  gtk_widget_set_size_request (map, 180, 288);
  coach_profile_bind_body_map (map, object, property);
  coach_profile_rows_add (ADW_PREFERENCES_GROUP (group), object, property, COACH_VOCAB_REGION);

  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), group);

  if (body_map != NULL)
    *body_map = map;
  return box;
}
