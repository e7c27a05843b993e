/* test-routine.c: routines save, load and edit without ever splitting a left/right pair.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "coach-routine.h"

static CoachCatalog *catalog;

/* self-kneading-lower-back: 1 both, 2 left, 3 right, 4 both. */
static CoachRoutine *
sample (void)
{
  CoachRoutine *routine = coach_routine_new ("Evening & <calm>");

  coach_routine_append (routine, "self-kneading-lower-back", 1, 45, COACH_SIDE_BOTH);
  coach_routine_append (routine, "self-kneading-lower-back", 2, 60, COACH_SIDE_LEFT);
  coach_routine_append (routine, "self-kneading-lower-back", 3, 60, COACH_SIDE_RIGHT);
  coach_routine_append (routine, "self-kneading-lower-back", 4, 30, COACH_SIDE_BOTH);
  return routine;
}

static char *
steps_of (CoachRoutine *routine)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < coach_routine_get_n_items (routine); i++)
    g_string_append_printf (str, "%u:%u ", coach_routine_get_item (routine, i)->step,
                            coach_routine_get_item (routine, i)->duration);
  return g_string_free (str, FALSE);
}

static void
assert_steps (CoachRoutine *routine,
              const char   *expected)
{
  g_autofree char *steps = steps_of (routine);

  g_assert_cmpstr (steps, ==, expected);
}

static void
test_edit (void)
{
  g_autoptr(CoachRoutine) routine = sample ();
  guint first, n;

  g_assert_cmpuint (coach_routine_get_total_duration (routine), ==, 195);
  coach_routine_get_unit (routine, 2, &first, &n);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (n, ==, 2);

  /* Changing one side changes both. */
  coach_routine_set_duration (routine, 2, 90);
  assert_steps (routine, "1:45 2:90 3:90 4:30 ");

  /* Moving the right side moves the pair. */
  g_assert_true (coach_routine_move (routine, 2, -1));
  assert_steps (routine, "2:90 3:90 1:45 4:30 ");
  g_assert_false (coach_routine_move (routine, 0, -1));
  g_assert_true (coach_routine_move (routine, 1, 2));
  assert_steps (routine, "1:45 4:30 2:90 3:90 ");
  g_assert_false (coach_routine_move (routine, 3, 1));
  g_assert_true (coach_routine_move (routine, 0, 1));
  assert_steps (routine, "4:30 1:45 2:90 3:90 ");

  /* Removing one side removes both. */
  coach_routine_remove (routine, 3);
  assert_steps (routine, "4:30 1:45 ");
  coach_routine_remove (routine, 0);
  assert_steps (routine, "1:45 ");
}

static void
test_save_load (void)
{
  g_autoptr(CoachRoutine) routine = sample ();
  g_autoptr(CoachRoutine) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backcoach-routine-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "routines", NULL);
  g_autofree char *path = g_build_filename (sub, "evening.routine.xml", NULL);
  g_autofree char *bad = g_build_filename (sub, "bad.routine.xml", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) routines = NULL;
  g_autofree char *default_dir = coach_routine_get_default_user_dir ();

  g_assert_true (g_str_has_suffix (default_dir, "backcoach/routines"));

  g_assert_true (coach_routine_save (routine, path, &error));
  g_assert_no_error (error);
  loaded = coach_routine_new_from_file (path, catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_routine_get_name (loaded), ==, "Evening & <calm>");
  assert_steps (loaded, "1:45 2:60 3:60 4:30 ");
  g_assert_cmpint (coach_routine_get_item (loaded, 1)->side, ==, COACH_SIDE_LEFT);

  /* Saving again replaces the file whole. */
  coach_routine_set_name (routine, "Morning");
  g_assert_true (coach_routine_save (routine, path, &error));

  g_file_set_contents (bad, "<routine version=\"1\"><name>x</name><items/></routine>", -1, &error);
  g_assert_no_error (error);
  routines = coach_routine_load_directory (sub, catalog, problems);
  g_assert_cmpuint (routines->len, ==, 1);
  g_assert_cmpstr (coach_routine_get_name (g_ptr_array_index (routines, 0)), ==, "Morning");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (problems, 0), COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_MISSING_FIELD);

  g_remove (path);
  g_remove (bad);
  g_rmdir (sub);
  g_rmdir (dir);
}

typedef struct {
  const char        *what;
  const char        *items;
  CoachCatalogError  code;
  const char        *prefix;
} BadRoutine;

static const BadRoutine bad_routines[] = {
  { "unknown-technique", "<item technique=\"juggling\" step=\"1\" duration=\"30\"/>",
    COACH_CATALOG_ERROR_UNKNOWN_TECHNIQUE, "r.routine.xml:4: technique: " },
  { "unknown-step", "<item technique=\"self-kneading-lower-back\" step=\"9\" duration=\"30\"/>",
    COACH_CATALOG_ERROR_UNKNOWN_STEP, "r.routine.xml:4: step: " },
  { "bad-duration", "<item technique=\"self-kneading-lower-back\" step=\"1\" duration=\"2\"/>",
    COACH_CATALOG_ERROR_BAD_DURATION, "r.routine.xml:4: duration: " },
  { "missing-step", "<item technique=\"self-kneading-lower-back\" duration=\"30\"/>",
    COACH_CATALOG_ERROR_MISSING_FIELD, "r.routine.xml:4: step: " },
  { "unpaired", "<item technique=\"self-kneading-lower-back\" step=\"2\" duration=\"30\"/>",
    COACH_CATALOG_ERROR_UNPAIRED_SIDE, "r.routine.xml:4: side: " },
  { "unequal-pair", "<item technique=\"self-kneading-lower-back\" step=\"2\" duration=\"30\"/>\n"
    "<item technique=\"self-kneading-lower-back\" step=\"3\" duration=\"35\"/>",
    COACH_CATALOG_ERROR_UNPAIRED_SIDE, "r.routine.xml:4: side: " },
  { "empty", "", COACH_CATALOG_ERROR_MISSING_FIELD, "r.routine.xml:1: items: " },
};

static void
test_bad_routine (gconstpointer data)
{
  const BadRoutine *bad = data;
  g_autofree char *text = g_strdup_printf ("<routine version=\"1\">\n<name>R</name>\n<items>\n%s\n</items>\n</routine>\n",
                                           bad->items);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRoutine) routine = coach_routine_new_from_data ("r.routine.xml", text, -1, catalog, &error);

  g_assert_null (routine);
  g_assert_error (error, COACH_CATALOG_ERROR, (int) bad->code);
  if (!g_str_has_prefix (error->message, bad->prefix))
    g_error ("%s: expected “%s…”, got “%s”", bad->what, bad->prefix, error->message);
}

static void
test_bad_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRoutine) routine = NULL;

  routine = coach_routine_new_from_data ("r.routine.xml", "<routine version=\"7\"><name>R</name></routine>",
                                         -1, catalog, &error);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_BAD_VERSION);
  g_assert_true (g_str_has_prefix (error->message, "r.routine.xml:1: version: "));
  g_clear_error (&error);

  routine = coach_routine_new_from_data ("r.routine.xml", "<routine version=\"1\"><name>R</na", -1,
                                         catalog, &error);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_XML);
  g_clear_error (&error);

  routine = coach_routine_new_from_file ("/nonexistent/x.routine.xml", catalog, &error);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_XML);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = coach_catalog_new_with_user_dir (NULL);

  g_test_add_func ("/routine/edit", test_edit);
  g_test_add_func ("/routine/save-load", test_save_load);
  for (guint i = 0; i < G_N_ELEMENTS (bad_routines); i++)
    {
      g_autofree char *name = g_strconcat ("/routine/bad/", bad_routines[i].what, NULL);
      g_test_add_data_func (name, &bad_routines[i], test_bad_routine);
    }
  g_test_add_func ("/routine/bad/version", test_bad_version);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
