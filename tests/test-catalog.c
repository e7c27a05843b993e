/* test-catalog.c: the built-in catalog is valid and complete; bad files are reported well.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "coach-catalog.h"

static char *
catalog_source_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", "techniques", NULL);
}

/* Every file in data/catalog/techniques is in the GResource and loads without a problem. */
static void
test_builtin_valid (void)
{
  g_autoptr(CoachCatalog) catalog = coach_catalog_new_with_user_dir (NULL);
  g_autofree char *dir_path = catalog_source_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CoachTechnique) technique = coach_technique_new_from_file (path, &error);
      g_autofree char *expected_name = NULL;

      g_assert_no_error (error);
      /* The file name is the id, so a user file can say which one it overrides. */
      expected_name = g_strconcat (coach_technique_get_id (technique), ".technique.xml", NULL);
      g_assert_cmpstr (name, ==, expected_name);
      g_assert_true (coach_catalog_lookup (catalog, coach_technique_get_id (technique)) != NULL);
      n_files++;
    }

  g_assert_cmpuint (techniques->len, ==, n_files);
  g_assert_cmpuint (coach_catalog_get_problems (catalog)->len, ==, 0);

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);

      g_assert_true (coach_catalog_is_builtin (catalog, technique));
      g_assert_cmpuint (coach_technique_get_n_steps (technique), >=, COACH_MIN_STEPS);
      g_assert_cmpuint (coach_technique_get_n_cautions (technique), >=, 1);
      g_assert_cmpstr (coach_technique_get_summary (technique), !=, "");
      g_assert_cmpstr (coach_technique_get_evidence (technique), !=, "");
      g_assert_cmpuint (coach_technique_get_pressure (technique), >=, 1);
      g_assert_cmpuint (coach_technique_get_pressure (technique), <=, 10);
      g_assert_cmpuint (coach_technique_get_regions (technique), !=, 0);
      g_assert_cmpuint (coach_technique_get_duration (technique), >, 0);
      g_assert_cmpuint (coach_technique_get_suits (technique) >> COACH_N_SUITS, ==, 0);
      g_assert_null (coach_technique_get_step (technique, 0));
      for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
        {
          const CoachStep *step = coach_technique_get_step (technique, n);

          g_assert_cmpuint (step->number, ==, n);
          g_assert_cmpstr (coach_step_get_cue (step), !=, "");
          g_assert_cmpstr (coach_step_get_instruction (step), !=, "");
          g_assert_cmpstr (coach_step_get_description (step), !=, "");
          /* Whitespace is collapsed as xgettext does. */
          g_assert_null (strstr (coach_step_get_instruction (step), "  "));
          g_assert_null (strchr (coach_step_get_description (step), '\n'));
        }
    }
}

/* Every family and every region has at least one technique, for self and for partner. */
static void
test_coverage (void)
{
  g_autoptr(CoachCatalog) catalog = coach_catalog_new_with_user_dir (NULL);
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);

  for (CoachPerformer performer = COACH_PERFORMER_SELF; performer <= COACH_PERFORMER_PARTNER;
       performer++)
    {
      guint32 families = 0, regions = 0;

      for (guint i = 0; i < techniques->len; i++)
        {
          CoachTechnique *technique = g_ptr_array_index (techniques, i);

          if (!coach_technique_suits_performer (technique, performer))
            continue;
          families |= COACH_MASK (coach_technique_get_family (technique));
          regions |= coach_technique_get_regions (technique);
        }

      /* "tool" is self-massage with a ball, roller or cane by definition. */
      if (performer == COACH_PERFORMER_PARTNER)
        families |= COACH_MASK (COACH_FAMILY_TOOL);
      for (guint f = 0; f < COACH_N_FAMILIES; f++)
        if ((families & COACH_MASK (f)) == 0)
          g_error ("No %s technique for %s", coach_vocab_to_id (COACH_VOCAB_FAMILY, f),
                   coach_vocab_to_id (COACH_VOCAB_PERFORMER, performer));
      for (guint r = 0; r < COACH_N_REGIONS; r++)
        if ((regions & COACH_MASK (r)) == 0)
          g_error ("No technique for the %s by %s", coach_vocab_to_id (COACH_VOCAB_REGION, r),
                   coach_vocab_to_id (COACH_VOCAB_PERFORMER, performer));
    }
}

static void
test_vocab (void)
{
  g_autofree char *regions = coach_vocab_list_ids (COACH_VOCAB_REGION);
  g_autofree char *some = coach_vocab_mask_to_ids (COACH_VOCAB_FAMILY,
                                                   COACH_MASK (COACH_FAMILY_TAPPING) |
                                                   COACH_MASK (COACH_FAMILY_GLIDING));

  g_assert_cmpstr (regions, ==, "neck, upper-back, mid-back, lower-back, sacrum-hips, buttocks");
  g_assert_cmpstr (some, ==, "gliding, tapping");
  for (CoachVocab v = 0; v < COACH_N_VOCABS; v++)
    {
      g_assert_cmpuint (coach_vocab_get_size (v), >, 0);
      g_assert_nonnull (coach_vocab_get_name (v));
      for (guint i = 0; i < coach_vocab_get_size (v); i++)
        {
          g_assert_cmpint (coach_vocab_from_id (v, coach_vocab_to_id (v, i)), ==, (int) i);
          g_assert_cmpstr (coach_vocab_get_label (v, i), !=, "");
        }
      g_assert_cmpint (coach_vocab_from_id (v, "no-such-id"), ==, -1);
      g_assert_cmpint (coach_vocab_from_id (v, NULL), ==, -1);
    }
}

/* ---- Translation template --------------------------------------------------------------- */

static char *
unescape_po (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The msgids of a .pot file, with multi-line strings joined. */
static GHashTable *
read_msgids (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *msgids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) current = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "msgid \""))
        {
          current = g_string_new (NULL);
          line += strlen ("msgid ");
        }
      else if (current == NULL || line[0] != '"')
        {
          if (current != NULL)
            {
              g_hash_table_add (msgids, unescape_po (current->str));
              g_string_free (g_steal_pointer (&current), TRUE);
            }
          continue;
        }
      /* A quoted piece: drop the quotes. */
      g_string_append_len (current, line + 1, strlen (line) - 2);
    }

  return msgids;
}

static void
assert_in_template (GHashTable *msgids,
                    const char *text,
                    const char *technique)
{
  if (!g_hash_table_contains (msgids, text))
    g_error ("%s: “%s” is not in the translation template", technique, text);
}

static void
test_translation_template (void)
{
  const char *pot = g_getenv ("BACKCOACH_CATALOG_POT");
  g_autoptr(CoachCatalog) catalog = coach_catalog_new_with_user_dir (NULL);
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  g_autoptr(GHashTable) msgids = NULL;
  guint count = 0;

  if (pot == NULL)
    {
      g_test_skip ("BACKCOACH_CATALOG_POT is not set");
      return;
    }

  msgids = read_msgids (pot);
  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *t = g_ptr_array_index (techniques, i);
      const char *id = coach_technique_get_id (t);

      assert_in_template (msgids, coach_technique_get_name (t), id);
      assert_in_template (msgids, coach_technique_get_summary (t), id);
      assert_in_template (msgids, coach_technique_get_evidence (t), id);
      count += 3;
      for (guint c = 0; c < coach_technique_get_n_cautions (t); c++, count++)
        assert_in_template (msgids, coach_technique_get_caution (t, c), id);
      for (guint n = 1; n <= coach_technique_get_n_steps (t); n++, count += 3)
        {
          const CoachStep *step = coach_technique_get_step (t, n);

          assert_in_template (msgids, coach_step_get_instruction (step), id);
          assert_in_template (msgids, coach_step_get_cue (step), id);
          assert_in_template (msgids, coach_step_get_description (step), id);
        }
    }

  /* Ids are not for translators. */
  g_assert_false (g_hash_table_contains (msgids, "gliding"));
  g_assert_false (g_hash_table_contains (msgids, "lower-back"));
  g_test_message ("%u catalog strings checked against %u msgids", count,
                  g_hash_table_size (msgids));
}

/* ---- Malformed files -------------------------------------------------------------------- */

/* A valid technique; each case below breaks one thing. Line numbers matter. */
static const char *valid_technique =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                     /* 1 */
  "<technique id=\"test-technique\" version=\"1\">\n"                               /* 2 */
  "  <name>Test   technique</name>\n"                                              /* 3 */
  "  <family>gliding</family>\n"                                                   /* 4 */
  "  <performer>self</performer>\n"                                                /* 5 */
  "  <pressure>2</pressure>\n"                                                     /* 6 */
  "  <regions>neck upper-back</regions>\n"                                         /* 7 */
  "  <summary>A test.</summary>\n"                                                 /* 8 */
  "  <cautions><caution>Be careful.</caution></cautions>\n"                        /* 9 */
  "  <evidence>None.</evidence>\n"                                                 /* 10 */
  "  <steps>\n"                                                                    /* 11 */
  "    <step duration=\"30\" side=\"both\"><instruction>Do it.</instruction><cue>Go.</cue>"
  "<illustration area=\"neck\" stroke=\"glide\" direction=\"up\" pose=\"sitting\" points=\"neck-side\">"
  "<description>A neck.</description></illustration></step>\n"                     /* 12 */
  "    <step duration=\"40\" side=\"left\"><instruction>Left.</instruction><cue>L.</cue>"
  "<illustration area=\"neck\" stroke=\"hold\" direction=\"none\" pose=\"sitting\" points=\"neck-side\">"
  "<description>Left side.</description></illustration></step>\n"                  /* 13 */
  "    <step duration=\"40\" side=\"right\"><instruction>Right.</instruction><cue>R.</cue>"
  "<illustration area=\"neck\" stroke=\"hold\" direction=\"none\" pose=\"sitting\" points=\"neck-side\">"
  "<description>Right side.</description></illustration></step>\n"                 /* 14 */
  "  </steps>\n"                                                                   /* 15 */
  "</technique>\n";                                                                /* 16 */

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_autoptr(GString) str = g_string_new (text);

  g_assert_nonnull (strstr (text, old));
  g_string_replace (str, old, new, 1);
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
test_valid_technique (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachTechnique) t = coach_technique_new_from_data ("t.technique.xml", valid_technique,
                                                               -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (coach_technique_get_name (t), ==, "Test technique");
  g_assert_cmpuint (coach_technique_get_regions (t), ==,
                    COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_UPPER_BACK));
  g_assert_cmpuint (coach_technique_get_n_steps (t), ==, 3);
  g_assert_cmpint (coach_technique_get_line (t), ==, 2);
  g_assert_cmpint (coach_technique_get_step (t, 2)->line, ==, 13);
  g_assert_cmpuint (coach_technique_get_duration (t), ==, 110);
}

typedef struct {
  const char        *what;
  const char        *old;
  const char        *new;
  CoachCatalogError  code;
  const char        *prefix;   /* "FILE:LINE: field: " */
} Malformed;

static const Malformed malformed[] = {
  { "not XML", "<technique id", "<technique <id", COACH_CATALOG_ERROR_NOT_XML, "bad.technique.xml:2: xml: " },
  { "missing name", "  <name>Test   technique</name>\n", "\n", COACH_CATALOG_ERROR_MISSING_FIELD, "bad.technique.xml:2: name: " },
  { "missing evidence", "<evidence>None.</evidence>", "", COACH_CATALOG_ERROR_MISSING_FIELD, "bad.technique.xml:2: evidence: " },
  { "empty summary", "<summary>A test.</summary>", "<summary>  </summary>", COACH_CATALOG_ERROR_MISSING_FIELD, "bad.technique.xml:8: summary: " },
  { "missing cue", "<cue>Go.</cue>", "", COACH_CATALOG_ERROR_MISSING_FIELD, "bad.technique.xml:12: cue: " },
  { "unknown region", "neck upper-back</regions>", "neck elbow</regions>", COACH_CATALOG_ERROR_UNKNOWN_REGION, "bad.technique.xml:7: regions: " },
  { "unknown area", "area=\"neck\" stroke=\"glide\"", "area=\"knee\" stroke=\"glide\"", COACH_CATALOG_ERROR_UNKNOWN_REGION, "bad.technique.xml:12: area: " },
  { "unknown family", "<family>gliding</family>", "<family>reiki</family>", COACH_CATALOG_ERROR_UNKNOWN_FAMILY, "bad.technique.xml:4: family: " },
  { "zero duration", "duration=\"30\"", "duration=\"0\"", COACH_CATALOG_ERROR_BAD_DURATION, "bad.technique.xml:12: duration: " },
  { "long duration", "duration=\"30\"", "duration=\"9000\"", COACH_CATALOG_ERROR_BAD_DURATION, "bad.technique.xml:12: duration: " },
  { "text duration", "duration=\"30\"", "duration=\"half a minute\"", COACH_CATALOG_ERROR_BAD_DURATION, "bad.technique.xml:12: duration: " },
  { "missing duration", "duration=\"30\" ", "", COACH_CATALOG_ERROR_MISSING_FIELD, "bad.technique.xml:12: duration: " },
  { "bad side", "side=\"both\"", "side=\"middle\"", COACH_CATALOG_ERROR_BAD_SIDE, "bad.technique.xml:12: side: " },
  { "unknown landmark", "up\" pose=\"sitting\" points=\"neck-side\"", "up\" pose=\"sitting\" points=\"elbow\"", COACH_CATALOG_ERROR_UNKNOWN_ID, "bad.technique.xml:12: points: " },
  { "unknown pose", "up\" pose=\"sitting\"", "up\" pose=\"handstand\"", COACH_CATALOG_ERROR_UNKNOWN_ID, "bad.technique.xml:12: pose: " },
  { "bad pressure", "<pressure>2</pressure>", "<pressure>11</pressure>", COACH_CATALOG_ERROR_BAD_VALUE, "bad.technique.xml:6: pressure: " },
  { "unknown performer", "<performer>self</performer>", "<performer>robot</performer>", COACH_CATALOG_ERROR_UNKNOWN_ID, "bad.technique.xml:5: performer: " },
  { "bad tempo", "side=\"both\">", "side=\"both\" tempo=\"500\" tempo-unit=\"strokes\">", COACH_CATALOG_ERROR_BAD_VALUE, "bad.technique.xml:12: tempo: " },
  { "unpaired left", "duration=\"40\" side=\"right\"", "duration=\"40\" side=\"both\"", COACH_CATALOG_ERROR_UNPAIRED_SIDE, "bad.technique.xml:13: side: " },
  { "unequal pair", "duration=\"40\" side=\"right\"", "duration=\"45\" side=\"right\"", COACH_CATALOG_ERROR_UNPAIRED_SIDE, "bad.technique.xml:13: side: " },
  { "wrong version", "version=\"1\">", "version=\"2\">", COACH_CATALOG_ERROR_BAD_VERSION, "bad.technique.xml:2: version: " },
  { "bad id", "id=\"test-technique\"", "id=\"Test Technique\"", COACH_CATALOG_ERROR_BAD_VALUE, "bad.technique.xml:2: id: " },
  { "unknown element", "<evidence>", "<colour>red</colour><evidence>", COACH_CATALOG_ERROR_BAD_VALUE, "bad.technique.xml:10: colour: " },
  { "not a technique", "<technique id=\"test-technique\" version=\"1\">", "<routine version=\"1\"><technique>", COACH_CATALOG_ERROR_NOT_XML, "bad.technique.xml:2: routine: " },
};

static void
test_malformed (gconstpointer data)
{
  const Malformed *m = data;
  g_autofree char *text = replace (valid_technique, m->old, m->new);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachTechnique) t = coach_technique_new_from_data ("bad.technique.xml", text, -1,
                                                               &error);

  g_assert_null (t);
  g_assert_error (error, COACH_CATALOG_ERROR, (int) m->code);
  if (!g_str_has_prefix (error->message, m->prefix))
    g_error ("%s: expected “%s…”, got “%s”", m->what, m->prefix, error->message);
}

static void
test_too_few_steps (void)
{
  g_autoptr(GString) text = g_string_new (valid_technique);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachTechnique) t = NULL;
  const char *start = strstr (text->str, "    <step duration=\"40\" side=\"left\"");
  const char *end = strstr (text->str, "  </steps>");

  /* Drop the left and right steps, leaving one. */
  g_string_erase (text, start - text->str, end - start);
  t = coach_technique_new_from_data ("bad.technique.xml", text->str, -1, &error);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_TOO_FEW_STEPS);
  g_assert_true (g_str_has_prefix (error->message, "bad.technique.xml:11: steps: "));
}

static void
test_plain_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachTechnique) t = coach_technique_new_from_data ("x.technique.xml",
                                                               "Hello, world\n", -1, &error);

  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_XML);
  g_assert_true (g_str_has_prefix (error->message, "x.technique.xml:"));
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

/* Good user files load beside the built-ins; bad ones are reported and skipped. */
static void
test_user_dir (void)
{
  g_autofree char *dir = g_dir_make_tmp ("backcoach-test-XXXXXX", NULL);
  g_autofree char *dup_builtin = replace (valid_technique, "test-technique", "self-gliding-lower-back");
  g_autofree char *bad_region = replace (valid_technique, "neck upper-back", "knee");
  g_autofree char *second = replace (valid_technique, "test-technique", "test-two");
  g_autofree char *path = NULL;
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(CoachCatalog) builtin = coach_catalog_new_with_user_dir (NULL);
  g_autoptr(CoachTechnique) checked = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  guint n_builtin = coach_catalog_get_techniques (builtin)->len;

  write_file (dir, "a-good.technique.xml", valid_technique);
  write_file (dir, "b-dup.technique.xml", dup_builtin);
  write_file (dir, "c-bad.technique.xml", bad_region);
  write_file (dir, "d-same-id.technique.xml", valid_technique);
  write_file (dir, "e-second.technique.xml", second);
  write_file (dir, "notes.txt", "not a technique");

  catalog = coach_catalog_new_with_user_dir (dir);
  g_assert_cmpuint (coach_catalog_get_techniques (catalog)->len, ==, n_builtin + 2);
  g_assert_nonnull (coach_catalog_lookup (catalog, "test-technique"));
  g_assert_nonnull (coach_catalog_lookup (catalog, "test-two"));
  g_assert_false (coach_catalog_is_builtin (catalog, coach_catalog_lookup (catalog, "test-two")));

  problems = coach_catalog_get_problems (catalog);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_error ((GError *) g_ptr_array_index (problems, 0), COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 0))->message, "b-dup.technique.xml:2: id: "));
  g_assert_error ((GError *) g_ptr_array_index (problems, 1), COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_UNKNOWN_REGION);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 1))->message, "c-bad.technique.xml:7: regions: "));
  g_assert_error ((GError *) g_ptr_array_index (problems, 2), COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_DUPLICATE_ID);

  /* Checking a file: one already loaded may keep its id, a copy elsewhere may not. */
  path = g_build_filename (dir, "a-good.technique.xml", NULL);
  checked = coach_catalog_check_user_file (catalog, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checked);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "b-dup.technique.xml", NULL);
  g_assert_null (coach_catalog_check_user_file (catalog, path, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_DUPLICATE_ID);

  remove_dir (dir);
}

static void
test_default_dir (void)
{
  g_autofree char *dir = coach_catalog_get_default_user_dir ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "backcoach", "techniques", NULL);
  g_autoptr(CoachCatalog) catalog = coach_catalog_new ();

  g_assert_cmpstr (dir, ==, expected);
  g_assert_cmpuint (coach_catalog_get_techniques (catalog)->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/builtin-valid", test_builtin_valid);
  g_test_add_func ("/catalog/coverage", test_coverage);
  g_test_add_func ("/catalog/vocab", test_vocab);
  g_test_add_func ("/catalog/translation-template", test_translation_template);
  g_test_add_func ("/catalog/valid-technique", test_valid_technique);
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *name = g_strdup_printf ("/catalog/malformed/%s", malformed[i].what);
      g_strdelimit (name + strlen ("/catalog/malformed/"), " ", '-');
      g_test_add_data_func (name, &malformed[i], test_malformed);
    }
  g_test_add_func ("/catalog/malformed/too-few-steps", test_too_few_steps);
  g_test_add_func ("/catalog/malformed/plain-text", test_plain_text);
  g_test_add_func ("/catalog/user-dir", test_user_dir);
  g_test_add_func ("/catalog/default-dir", test_default_dir);

  return g_test_run ();
}
