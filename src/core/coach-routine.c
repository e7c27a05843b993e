/* coach-routine.c: a routine: an ordered list of technique steps with their durations.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file format (<routine version="1">) is documented in data/catalog/README.md. A left
 * step and the matching right step next to it form a pair: every edit moves, removes or
 * retimes both, so each side always gets the same time. */
#define G_LOG_DOMAIN "coach-routine"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "coach-routine.h"

struct _CoachRoutine
{
  GObject  parent_instance;

  char    *name;
  GArray  *items;   /* CoachRoutineItem */
};

G_DEFINE_FINAL_TYPE (CoachRoutine, coach_routine, G_TYPE_OBJECT)

static void
clear_item (CoachRoutineItem *item)
{
  g_free (item->technique);
}

static void
coach_routine_finalize (GObject *object)
{
  CoachRoutine *self = COACH_ROUTINE (object);

  g_free (self->name);
  g_array_unref (self->items);

  G_OBJECT_CLASS (coach_routine_parent_class)->finalize (object);
}

static void
coach_routine_class_init (CoachRoutineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = coach_routine_finalize;
}

static void
coach_routine_init (CoachRoutine *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (CoachRoutineItem));
  g_array_set_clear_func (self->items, (GDestroyNotify) clear_item);
}

CoachRoutine *
coach_routine_new (const char *name)
{
  CoachRoutine *self = g_object_new (COACH_TYPE_ROUTINE, NULL);

  self->name = g_strdup (name);
  return self;
}

const char *
coach_routine_get_name (CoachRoutine *self)
{
  g_return_val_if_fail (COACH_IS_ROUTINE (self), NULL);
  return self->name;
}

void
coach_routine_set_name (CoachRoutine *self,
                        const char   *name)
{
  g_return_if_fail (COACH_IS_ROUTINE (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

guint
coach_routine_get_n_items (CoachRoutine *self)
{
  g_return_val_if_fail (COACH_IS_ROUTINE (self), 0);
  return self->items->len;
}

const CoachRoutineItem *
coach_routine_get_item (CoachRoutine *self,
                        guint         index)
{
  g_return_val_if_fail (COACH_IS_ROUTINE (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return &g_array_index (self->items, CoachRoutineItem, index);
}

guint
coach_routine_get_total_duration (CoachRoutine *self)
{
  guint total = 0;

  g_return_val_if_fail (COACH_IS_ROUTINE (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    total += g_array_index (self->items, CoachRoutineItem, i).duration;
  return total;
}

void
coach_routine_append (CoachRoutine *self,
                      const char   *technique,
                      guint         step,
                      guint         duration,
                      CoachSide     side)
{
  CoachRoutineItem item = { g_strdup (technique), step, duration, side };

  g_return_if_fail (COACH_IS_ROUTINE (self));
  g_array_append_val (self->items, item);
}

static gboolean
is_pair (const CoachRoutineItem *a,
         const CoachRoutineItem *b)
{
  return g_str_equal (a->technique, b->technique) &&
         ((a->side == COACH_SIDE_LEFT && b->side == COACH_SIDE_RIGHT) ||
          (a->side == COACH_SIDE_RIGHT && b->side == COACH_SIDE_LEFT));
}

/* Whether item @i starts a left/right pair (rather than ending one). Pairs are read from the
 * start, so "left right left right" is two pairs, never the middle two. */
static gboolean
starts_pair (CoachRoutine *self,
             guint         i)
{
  guint j = 0;

  while (j < self->items->len)
    {
      gboolean pair = j + 1 < self->items->len &&
                      is_pair (&g_array_index (self->items, CoachRoutineItem, j),
                               &g_array_index (self->items, CoachRoutineItem, j + 1));
      if (j == i)
        return pair;
      if (pair && j + 1 == i)
        return FALSE;
      j += pair ? 2 : 1;
      if (j > i)
        break;
    }
  return FALSE;
}

/**
 * coach_routine_get_unit:
 * @first: (out): the index of the unit's first item
 * @n_items: (out): 2 for a left/right pair, else 1
 *
 * Finds the unit that item @index belongs to: edits apply to whole units.
 */
void
coach_routine_get_unit (CoachRoutine *self,
                        guint         index,
                        guint        *first,
                        guint        *n_items)
{
  g_return_if_fail (COACH_IS_ROUTINE (self));
  g_return_if_fail (index < self->items->len);

  if (starts_pair (self, index))
    {
      *first = index;
      *n_items = 2;
    }
  else if (index > 0 && starts_pair (self, index - 1))
    {
      *first = index - 1;
      *n_items = 2;
    }
  else
    {
      *first = index;
      *n_items = 1;
    }
}

/**
 * coach_routine_move:
 * @offset: how many units to move by: negative moves towards the start
 *
 * Moves the unit holding item @index (a single step, or a left/right pair) past @offset
 * neighbouring units.
 *
 * Returns: %FALSE, changing nothing, when it cannot move that far.
 */
gboolean
coach_routine_move (CoachRoutine *self,
                    guint         index,
                    int           offset)
{
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  g_autoptr(GArray) items = NULL;
  guint first, n, from = 0, to;

  g_return_val_if_fail (COACH_IS_ROUTINE (self), FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);

  for (guint i = 0; i < self->items->len; i += n)
    {
      guint unit[2];

      coach_routine_get_unit (self, i, &first, &n);
      unit[0] = first;
      unit[1] = n;
      if (index >= first && index < first + n)
        from = units->len;
      g_array_append_val (units, unit);
    }

  if ((offset < 0 && (guint) -offset > from) ||
      (offset > 0 && from + (guint) offset >= units->len))
    return FALSE;
  to = from + offset;

  /* Rebuild the list with the unit taken out and put back at its new place; the items move
   * without copying their strings. */
  {
    guint moved[2];

    memcpy (moved, &g_array_index (units, guint, from * 2), sizeof moved);
    g_array_remove_index (units, from);
    g_array_insert_vals (units, to, moved, 1);
  }

  items = g_array_sized_new (FALSE, TRUE, sizeof (CoachRoutineItem), self->items->len);
  for (guint u = 0; u < units->len; u++)
    g_array_append_vals (items,
                         &g_array_index (self->items, CoachRoutineItem,
                                         g_array_index (units, guint, u * 2)),
                         g_array_index (units, guint, u * 2 + 1));
  g_array_set_clear_func (self->items, NULL);
  g_array_set_size (self->items, 0);
  g_array_append_vals (self->items, items->data, items->len);
  g_array_set_clear_func (self->items, (GDestroyNotify) clear_item);
  return TRUE;
}

/* Removes item @index, and its other side when it is one half of a pair. */
void
coach_routine_remove (CoachRoutine *self,
                      guint         index)
{
  guint first, n;

  g_return_if_fail (COACH_IS_ROUTINE (self));
  g_return_if_fail (index < self->items->len);

  coach_routine_get_unit (self, index, &first, &n);
  g_array_remove_range (self->items, first, n);
}

/* Sets the duration of item @index, and of its other side when it is one half of a pair. */
void
coach_routine_set_duration (CoachRoutine *self,
                            guint         index,
                            guint         duration)
{
  guint first, n;

  g_return_if_fail (COACH_IS_ROUTINE (self));
  g_return_if_fail (index < self->items->len);
  g_return_if_fail (duration >= COACH_MIN_STEP_SECONDS && duration <= COACH_MAX_STEP_SECONDS);

  coach_routine_get_unit (self, index, &first, &n);
  for (guint i = first; i < first + n; i++)
    g_array_index (self->items, CoachRoutineItem, i).duration = duration;
}

char *
coach_routine_to_xml (CoachRoutine *self)
{
  GString *xml;
  g_autofree char *name = NULL;

  g_return_val_if_fail (COACH_IS_ROUTINE (self), NULL);

  name = g_markup_printf_escaped ("%s", self->name != NULL ? self->name : "");
  xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<routine version=\"1\">\n");
  g_string_append_printf (xml, "  <name>%s</name>\n  <items>\n", name);
  for (guint i = 0; i < self->items->len; i++)
    {
      const CoachRoutineItem *item = &g_array_index (self->items, CoachRoutineItem, i);
      g_autofree char *line = g_markup_printf_escaped (
        "    <item technique=\"%s\" step=\"%u\" duration=\"%u\"/>\n",
        item->technique, item->step, item->duration);
      g_string_append (xml, line);
    }
  g_string_append (xml, "  </items>\n</routine>\n");

  return g_string_free (xml, FALSE);
}

/* Writes the routine to @path atomically: a crash leaves the old file or the new one. */
gboolean
coach_routine_save (CoachRoutine  *self,
                    const char    *path,
                    GError       **error)
{
  g_autofree char *xml = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (COACH_IS_ROUTINE (self), FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  xml = coach_routine_to_xml (self);
  return g_file_set_contents (path, xml, -1, error);
}

/* ---- Loading ---------------------------------------------------------------------------- */

typedef struct {
  const char   *filename;
  CoachCatalog *catalog;
  CoachRoutine *routine;
  GArray       *lines;      /* int, the line of each item */
  GString      *text;
  gboolean      in_name;
  gboolean      seen_name;
  gboolean      seen_items;
  int           routine_line;
  int           name_line;
} RoutineParse;

static void
start_item (RoutineParse  *state,
            int            line,
            const char   **names,
            const char   **values,
            GError       **error)
{
  static const char *required[] = { "technique", "step", "duration" };
  const char *technique_id = coach_markup_get_attribute (names, values, "technique");
  const char *step_text = coach_markup_get_attribute (names, values, "step");
  const char *duration_text = coach_markup_get_attribute (names, values, "duration");
  CoachTechnique *technique;
  const CoachStep *step;
  guint64 number, duration;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (coach_markup_get_attribute (names, values, required[i]) == NULL)
      {
        coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename, line,
                              required[i], _("<item> needs a “%s” attribute"), required[i]);
        return;
      }

  technique = coach_catalog_lookup (state->catalog, technique_id);
  if (technique == NULL)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_UNKNOWN_TECHNIQUE, state->filename, line,
                            "technique", _("there is no technique “%s”"), technique_id);
      return;
    }
  if (!g_ascii_string_to_unsigned (step_text, 10, 1, G_MAXUINT, &number, NULL) ||
      (step = coach_technique_get_step (technique, number)) == NULL)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_UNKNOWN_STEP, state->filename, line,
                            "step", _("“%s” has no step “%s”; its steps are 1 to %u"),
                            technique_id, step_text, coach_technique_get_n_steps (technique));
      return;
    }
  if (!g_ascii_string_to_unsigned (duration_text, 10, COACH_MIN_STEP_SECONDS,
                                   COACH_MAX_STEP_SECONDS, &duration, NULL))
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_DURATION, state->filename, line,
                            "duration", _("“%s” is not a duration between %d and %d seconds"),
                            duration_text, COACH_MIN_STEP_SECONDS, COACH_MAX_STEP_SECONDS);
      return;
    }

  coach_routine_append (state->routine, technique_id, number, duration, step->side);
  g_array_append_val (state->lines, line);
}

static void
routine_start_element (GMarkupParseContext  *context,
                       const char           *element,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  RoutineParse *state = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack->next != NULL ? stack->next->data : NULL;
  int line = coach_markup_get_line (context);

  if (parent == NULL && g_str_equal (element, "routine"))
    {
      const char *version = coach_markup_get_attribute (names, values, "version");

      state->routine_line = line;
      if (version == NULL)
        coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename, line,
                              "version", _("<routine> needs a “version” attribute"));
      else if (!g_str_equal (version, "1"))
        coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_VERSION, state->filename, line,
                              "version", _("version “%s” is not supported; only 1 is"), version);
      else
        state->routine = coach_routine_new (NULL);
    }
  else if (parent == NULL)
    coach_set_file_error (error, COACH_CATALOG_ERROR_NOT_XML, state->filename, line, element,
                          _("this is not a routine file: it must start with <routine>"));
  else if (g_str_equal (parent, "routine") && g_str_equal (element, "name"))
    {
      state->in_name = TRUE;
      state->name_line = line;
      g_string_truncate (state->text, 0);
    }
  else if (g_str_equal (parent, "routine") && g_str_equal (element, "items"))
    state->seen_items = TRUE;
  else if (g_str_equal (parent, "items") && g_str_equal (element, "item"))
    start_item (state, line, names, values, error);
  else
    coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_VALUE, state->filename, line,
                          element, _("<%s> is not allowed inside <%s>"), element, parent);
}

static void
routine_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  RoutineParse *state = user_data;

  if (state->in_name)
    g_string_append_len (state->text, text, length);
}

static void
check_routine (RoutineParse  *state,
               GError       **error)
{
  CoachRoutine *routine = state->routine;

  if (!state->seen_name)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename,
                            state->routine_line, "name", _("<name> is missing"));
      return;
    }
  if (!state->seen_items || routine->items->len == 0)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename,
                            state->routine_line, "items", _("the routine has no <item>"));
      return;
    }

  for (guint i = 0; i < routine->items->len; i++)
    {
      const CoachRoutineItem *item = &g_array_index (routine->items, CoachRoutineItem, i);
      const CoachRoutineItem *next;

      if (item->side != COACH_SIDE_LEFT && item->side != COACH_SIDE_RIGHT)
        continue;

      next = i + 1 < routine->items->len
             ? &g_array_index (routine->items, CoachRoutineItem, i + 1) : NULL;
      if (next == NULL || !is_pair (item, next) || next->duration != item->duration)
        {
          coach_set_file_error (error, COACH_CATALOG_ERROR_UNPAIRED_SIDE, state->filename,
                                g_array_index (state->lines, int, i), "side",
                                _("step %u of “%s” works one side; the other side must follow "
                                  "it with the same duration"),
                                item->step, item->technique);
          return;
        }
      i++;
    }
}

static void
routine_end_element (GMarkupParseContext  *context,
                     const char           *element,
                     gpointer              user_data,
                     GError              **error)
{
  RoutineParse *state = user_data;

  if (state->in_name && g_str_equal (element, "name"))
    {
      g_autofree char *name = g_strstrip (g_strdup (state->text->str));

      state->in_name = FALSE;
      if (name[0] == '\0')
        {
          coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename,
                                state->name_line, "name", _("<name> is empty"));
          return;
        }
      coach_routine_set_name (state->routine, name);
      state->seen_name = TRUE;
    }
  else if (g_str_equal (element, "routine"))
    check_routine (state, error);
}

static const GMarkupParser routine_parser = {
  .start_element = routine_start_element,
  .end_element = routine_end_element,
  .text = routine_text,
};

/**
 * coach_routine_new_from_data:
 * @filename: the name used in error messages
 * @catalog: the techniques that items may refer to
 *
 * Returns: (transfer full): the routine, or %NULL with a %COACH_CATALOG_ERROR reading
 * "FILE:LINE: field: message".
 */
CoachRoutine *
coach_routine_new_from_data (const char    *filename,
                             const char    *data,
                             gssize         length,
                             CoachCatalog  *catalog,
                             GError       **error)
{
  RoutineParse state = { .filename = filename, .catalog = catalog };
  g_autoptr(CoachRoutine) routine = NULL;
  gboolean parsed;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  state.text = g_string_new (NULL);
  state.lines = g_array_new (FALSE, FALSE, sizeof (int));
  parsed = coach_markup_parse (&routine_parser, &state, filename, data, length, error);
  g_string_free (state.text, TRUE);
  g_array_unref (state.lines);
  routine = g_steal_pointer (&state.routine);

  if (!parsed)
    return NULL;
  if (routine == NULL)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_NOT_XML, filename, 1, "xml",
                            _("the file has no <routine> element"));
      return NULL;
    }

  return g_steal_pointer (&routine);
}

CoachRoutine *
coach_routine_new_from_file (const char    *path,
                             CoachCatalog  *catalog,
                             GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length;

  if (!coach_read_user_file (path, &display, &contents, &length, error))
    return NULL;

  return coach_routine_new_from_data (display, contents, length, catalog, error);
}

char *
coach_routine_get_default_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "backcoach", "routines", NULL);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/**
 * coach_routine_load_directory:
 * @dir: (nullable): the folder, or %NULL for the user's routines folder
 * @problems: (element-type GError): where to add an error for each file that was skipped
 *
 * Returns: (transfer full) (element-type CoachRoutine): the valid routines, by file name.
 */
GPtrArray *
coach_routine_load_directory (const char   *dir,
                              CoachCatalog *catalog,
                              GPtrArray    *problems)
{
  g_autofree char *default_dir = dir == NULL ? coach_routine_get_default_user_dir () : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *routines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  gdir = g_dir_open (dir != NULL ? dir : default_dir, 0, NULL);
  if (gdir == NULL)
    return routines;

  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".routine.xml"))
      g_ptr_array_add (names, g_build_filename (dir != NULL ? dir : default_dir, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    {
      GError *error = NULL;
      CoachRoutine *routine = coach_routine_new_from_file (g_ptr_array_index (names, i),
                                                           catalog, &error);
      if (routine != NULL)
        g_ptr_array_add (routines, routine);
      else
        g_ptr_array_add (problems, error);
    }

  return routines;
}
