/* test-cli.c: the --list-techniques, --plan and --validate command-line tools.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "coach-cli.h"

static CoachCatalog *catalog;

static int
run (GVariantDict *options,
     char        **out,
     char        **err)
{
  g_autoptr(GString) out_str = g_string_new (NULL);
  g_autoptr(GString) err_str = g_string_new (NULL);
  int status = coach_cli_run (catalog, options, out_str, err_str);

  *out = g_string_free (g_steal_pointer (&out_str), FALSE);
  *err = g_string_free (g_steal_pointer (&err_str), FALSE);
  return status;
}

static void
insert_strv (GVariantDict *options,
             const char   *key,
             const char   *value)
{
  const char *values[] = { value, NULL };

  g_variant_dict_insert_value (options, key, g_variant_new_strv (values, -1));
}

static void
test_nothing (void)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (options, &out, &err), ==, -1);
}

static void
test_list (void)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_variant_dict_insert (options, "list-techniques", "b", TRUE);
  g_assert_cmpint (run (options, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "partner-tapping"));
  g_assert_nonnull (strstr (out, "tapping"));
  g_assert_nonnull (strstr (out, "upper-back, buttocks"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_plan (void)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_variant_dict_insert (options, "plan", "b", TRUE);
  insert_strv (options, "region", "lower-back");
  insert_strv (options, "avoid", "tapping");
  insert_strv (options, "condition", "cancer");
  insert_strv (options, "equipment", "ball");
  g_variant_dict_insert (options, "minutes", "i", 10);
  g_assert_cmpint (run (options, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Total: "));
  g_assert_nonnull (strstr (out, "Included as warm-up"));
  g_assert_nonnull (strstr (out, "- partner-tapping: Left out: for partner massage"));
  g_assert_nonnull (strstr (out, "Note: Ask your doctor first"));
}

static void
test_plan_errors (void)
{
  const char *bad[][2] = {
    { "region", "elbow" },
    { "avoid", "yoga" },
    { "condition", "hiccups" },
    { "equipment", "piano" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
      g_autofree char *out = NULL, *err = NULL;

      g_variant_dict_insert (options, "plan", "b", TRUE);
      insert_strv (options, bad[i][0], bad[i][1]);
      g_assert_cmpint (run (options, &out, &err), ==, 2);
      g_assert_nonnull (strstr (err, bad[i][1]));
      g_assert_nonnull (strstr (err, "Valid ones: "));
    }

  {
    g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
    g_autofree char *out = NULL, *err = NULL;

    g_variant_dict_insert (options, "plan", "b", TRUE);
    insert_strv (options, "condition", "fever");
    g_assert_cmpint (run (options, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "postpone"));
  }
  {
    g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
    g_autofree char *out = NULL, *err = NULL;

    g_variant_dict_insert (options, "plan", "b", TRUE);
    g_variant_dict_insert (options, "minutes", "i", 45);
    g_assert_cmpint (run (options, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_variant_dict_insert (options, "minutes", "i", 15);
    g_variant_dict_insert (options, "pressure", "i", 12);
    g_assert_cmpint (run (options, &out, &err), ==, 2);
  }
}

static int
validate (const char  *name,
          const char  *contents,
          char       **err)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("backcoach-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *out = NULL;
  int status;

  g_file_set_contents (path, contents, -1, NULL);
  g_variant_dict_insert_value (options, "validate", g_variant_new_bytestring (path));
  status = run (options, &out, err);
  if (status == 0)
    g_assert_nonnull (strstr (out, "no problems found"));
  g_remove (path);
  g_rmdir (dir);
  return status;
}

static void
test_validate (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", "techniques",
                                                 "partner-tapping.technique.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) renamed = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  /* A copy of a built-in technique keeps its id: refused. */
  g_assert_cmpint (validate ("copy.technique.xml", contents, &err), ==, 1);
  g_assert_nonnull (strstr (err, "copy.technique.xml:2: id: "));
  g_clear_pointer (&err, g_free);

  renamed = g_string_new (contents);
  g_string_replace (renamed, "id=\"partner-tapping\"", "id=\"my-tapping\"", 1);
  g_assert_cmpint (validate ("mine.technique.xml", renamed->str, &err), ==, 0);
  g_clear_pointer (&err, g_free);

  g_string_replace (renamed, "<regions>upper-back buttocks", "<regions>upper-back knees", 1);
  g_assert_cmpint (validate ("mine.technique.xml", renamed->str, &err), ==, 1);
  g_assert_nonnull (strstr (err, "mine.technique.xml:7: regions: "));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (validate ("mine.routine.xml",
                             "<routine version=\"1\">\n<name>R</name>\n<items>\n"
                             "<item technique=\"partner-tapping\" step=\"7\" duration=\"30\"/>\n"
                             "</items>\n</routine>\n", &err), ==, 1);
  g_assert_nonnull (strstr (err, "mine.routine.xml:4: step: "));
  g_clear_pointer (&err, g_free);

  /* Without the usual suffix the root element decides. */
  g_assert_cmpint (validate ("mine.xml",
                             "<routine version=\"1\"><name>R</name><items>"
                             "<item technique=\"partner-tapping\" step=\"2\" duration=\"30\"/>"
                             "</items></routine>", &err), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = coach_catalog_new_with_user_dir (NULL);

  g_test_add_func ("/cli/nothing", test_nothing);
  g_test_add_func ("/cli/list", test_list);
  g_test_add_func ("/cli/plan", test_plan);
  g_test_add_func ("/cli/plan-errors", test_plan_errors);
  g_test_add_func ("/cli/validate", test_validate);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
