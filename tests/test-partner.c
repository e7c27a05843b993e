/* test-partner.c: partner profiles keep every field, stay sorted, and survive damaged or
 * unwritable files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "coach-partner-store.h"
#include "file-test-util.h"

/* Quotes, markup characters and non-ASCII: all must survive the file. */
#define TRICKY_NAME "Zoë “Z” <Ana & 'Bo'> \"Q\""

typedef TestFileFixture Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  test_file_fixture_init (fixture, "partners.xml");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_file_fixture_clear (fixture);
}

static CoachPartnerStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CoachPartnerStore *store = coach_partner_store_new (path);

  g_assert_true (coach_partner_store_load (store, &error));
  g_assert_no_error (error);
  return store;
}

static CoachPartner *
item (CoachPartnerStore *store,
      guint              position)
{
  /* The store keeps its own reference, so this one can go at once. */
  g_autoptr(CoachPartner) partner = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_assert_nonnull (partner);
  return partner;
}

static char *
names_of (CoachPartnerStore *store)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_string_append_printf (str, "%s;", coach_partner_get_name (item (store, i)));
  return g_string_free (str, FALSE);
}

static void
assert_names (CoachPartnerStore *store,
              const char        *expected)
{
  g_autofree char *names = names_of (store);

  g_assert_cmpstr (names, ==, expected);
}

static void
record_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u ", position, removed, added);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* ---- CoachPartner ----------------------------------------------------------------------- */

static void
test_partner_properties (void)
{
  g_autoptr(CoachPartner) partner = coach_partner_new ("  Sam  ");
  g_autoptr(CoachPartner) other = coach_partner_new ("Sam");
  g_autoptr(CoachPartner) named = g_object_new (COACH_TYPE_PARTNER, "id", "fixed", NULL);
  GObjectClass *klass = G_OBJECT_GET_CLASS (partner);
  guint notified = 0;
  guint regions;

  /* A fresh id each time, kept as given otherwise. */
  g_assert_true (g_uuid_string_is_valid (coach_partner_get_id (partner)));
  g_assert_cmpstr (coach_partner_get_id (partner), !=, coach_partner_get_id (other));
  g_assert_cmpstr (coach_partner_get_id (named), ==, "fixed");
  g_assert_null (coach_partner_get_name (named));

  g_assert_cmpstr (coach_partner_get_name (partner), ==, "Sam");
  g_assert_cmpuint (coach_partner_get_sore_regions (partner), ==, 0);
  g_assert_cmpint (coach_partner_get_pressure_preference (partner), ==, 0);

  /* The masks are the vocabulary flags types, so widgets and settings can bind to them. */
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (klass, "sore-regions")) ==
                 COACH_TYPE_REGION_FLAGS);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (klass, "avoid-families")) ==
                 COACH_TYPE_FAMILY_FLAGS);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (klass, "avoid-equipment")) ==
                 COACH_TYPE_EQUIPMENT_FLAGS);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (klass, "conditions")) ==
                 COACH_TYPE_CONDITION_FLAGS);

  g_signal_connect (partner, "notify", G_CALLBACK (count_notify), &notified);
  coach_partner_set_name (partner, "Sam ");
  g_assert_cmpuint (notified, ==, 0);
  g_object_set (partner, "sore-regions", COACH_MASK (COACH_REGION_NECK), NULL);
  g_assert_cmpuint (notified, ==, 1);
  coach_partner_set_sore_regions (partner, COACH_MASK (COACH_REGION_NECK));
  g_assert_cmpuint (notified, ==, 1);
  coach_partner_set_flag (partner, "sore-regions", COACH_REGION_LOWER_BACK, TRUE);
  g_object_get (partner, "sore-regions", &regions, NULL);
  g_assert_cmpuint (regions, ==, COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_LOWER_BACK));
  coach_partner_set_flag (partner, "sore-regions", COACH_REGION_NECK, FALSE);
  g_assert_cmpuint (coach_partner_get_sore_regions (partner), ==, COACH_MASK (COACH_REGION_LOWER_BACK));
  g_assert_cmpuint (notified, ==, 3);

  /* Bits beyond the vocabulary are dropped. */
  coach_partner_set_conditions (partner, G_MAXUINT32);
  g_assert_cmpuint (coach_partner_get_conditions (partner), ==, COACH_MASK (COACH_N_CONDITIONS) - 1);
}

static void
test_partner_names (void)
{
  static const struct {
    const char *name;
    int         code;      /* -1 when valid */
    const char *expected;
  } cases[] = {
    { "  Ana  ", -1, "Ana" },
    { "Émile Ørsted-Łukasz", -1, "Émile Ørsted-Łukasz" },
    { "", COACH_PARTNER_ERROR_MISSING_FIELD, NULL },
    { " \t\n ", COACH_PARTNER_ERROR_MISSING_FIELD, NULL },
    { NULL, COACH_PARTNER_ERROR_MISSING_FIELD, NULL },
    { "Ana\nBo", COACH_PARTNER_ERROR_BAD_VALUE, NULL },
    { "Ana\x01", COACH_PARTNER_ERROR_BAD_VALUE, NULL },
    { "Ana \xff", COACH_PARTNER_ERROR_BAD_VALUE, NULL },
  };
  g_autoptr(GString) longest = g_string_new (NULL);
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = coach_partner_normalize_name (cases[i].name, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (result, ==, cases[i].expected);
        }
      else
        {
          g_assert_null (result);
          g_assert_error (error, COACH_PARTNER_ERROR, cases[i].code);
          g_clear_error (&error);
        }
    }

  /* 60 characters (not bytes) is the limit. */
  for (guint i = 0; i < COACH_PARTNER_NAME_MAX_CHARS; i++)
    g_string_append (longest, "ö");
  normalized = coach_partner_normalize_name (longest->str, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, longest->str);
  g_string_append (longest, "x");
  g_clear_pointer (&normalized, g_free);
  normalized = coach_partner_normalize_name (longest->str, &error);
  g_assert_null (normalized);
  g_assert_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_BAD_VALUE);
}

static void
test_partner_bad_name_is_refused (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CoachPartner) partner = coach_partner_new ("Sam");

      coach_partner_set_name (partner, "   ");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*not a valid partner name*");
}

static void
test_partner_pressure (void)
{
  g_autoptr(CoachPartner) partner = coach_partner_new ("Sam");
  GEnumClass *answers = g_type_class_ref (COACH_TYPE_PRESSURE_ANSWER);
  guint notified = 0;

  g_assert_cmpstr (g_enum_get_value (answers, COACH_PRESSURE_ANSWER_FIRMER)->value_nick, ==, "firmer");
  g_assert_cmpstr (g_enum_get_value (answers, COACH_PRESSURE_ANSWER_LIGHTER)->value_nick, ==, "lighter");
  g_assert_cmpstr (g_enum_get_value (answers, COACH_PRESSURE_ANSWER_GOOD)->value_nick, ==, "good");
  g_type_class_unref (answers);

  g_signal_connect (partner, "notify::pressure-preference", G_CALLBACK (count_notify), &notified);

  coach_partner_record_pressure_answer (partner, COACH_PRESSURE_ANSWER_FIRMER);
  g_assert_cmpint (coach_partner_get_pressure_preference (partner), ==, 1);
  coach_partner_record_pressure_answer (partner, COACH_PRESSURE_ANSWER_GOOD);
  g_assert_cmpint (coach_partner_get_pressure_preference (partner), ==, 1);
  coach_partner_record_pressure_answer (partner, COACH_PRESSURE_ANSWER_FIRMER);
  coach_partner_record_pressure_answer (partner, COACH_PRESSURE_ANSWER_FIRMER);
  g_assert_cmpint (coach_partner_get_pressure_preference (partner), ==, COACH_PARTNER_PRESSURE_MAX);
  g_assert_cmpuint (notified, ==, 2);

  for (guint i = 0; i < 6; i++)
    coach_partner_record_pressure_answer (partner, COACH_PRESSURE_ANSWER_LIGHTER);
  g_assert_cmpint (coach_partner_get_pressure_preference (partner), ==, COACH_PARTNER_PRESSURE_MIN);
  g_assert_cmpuint (notified, ==, 6);

  coach_partner_set_pressure_preference (partner, 9);
  g_assert_cmpint (coach_partner_get_pressure_preference (partner), ==, COACH_PARTNER_PRESSURE_MAX);
  coach_partner_set_pressure_preference (partner, 0);
  g_assert_cmpint (coach_partner_get_pressure_preference (partner), ==, 0);
}

static void
test_partner_fill_plan_request (void)
{
  g_autoptr(CoachPartner) partner = coach_partner_new ("Sam");
  static const char * const chosen[] = { "partner-tapping", NULL };
  CoachPlanRequest request;

  g_object_set (partner,
                "sore-regions", COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_BUTTOCKS),
                "avoid-families", COACH_MASK (COACH_FAMILY_TAPPING),
                "avoid-equipment", COACH_MASK (COACH_EQUIPMENT_OIL),
                "conditions", COACH_MASK (COACH_CONDITION_PREGNANCY),
                "pressure-preference", -1,
                NULL);

  coach_plan_request_init (&request);
  request.sore_regions = COACH_MASK (COACH_REGION_MID_BACK);
  request.avoid_families = COACH_MASK (COACH_FAMILY_HEAT);
  request.conditions = COACH_MASK (COACH_CONDITION_FEVER);
  request.equipment = COACH_MASK (COACH_EQUIPMENT_TOWEL);
  request.minutes = 20;
  request.pressure_ceiling = 4;
  request.seed = 7;
  request.chosen = chosen;

  coach_partner_fill_plan_request (partner, &request);

  g_assert_cmpuint (request.sore_regions, ==, COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_BUTTOCKS));
  g_assert_cmpuint (request.avoid_families, ==, COACH_MASK (COACH_FAMILY_TAPPING));
  g_assert_cmpuint (request.avoid_equipment, ==, COACH_MASK (COACH_EQUIPMENT_OIL));
  g_assert_cmpuint (request.conditions, ==, COACH_MASK (COACH_CONDITION_PREGNANCY));
  g_assert_cmpint (request.performer, ==, COACH_PERFORMER_PARTNER);
  /* What the session itself decides is kept. */
  g_assert_cmpuint (request.equipment, ==, COACH_MASK (COACH_EQUIPMENT_TOWEL));
  g_assert_cmpuint (request.minutes, ==, 20);
  g_assert_cmpuint (request.pressure_ceiling, ==, 4);
  g_assert_cmpuint (request.seed, ==, 7);
  g_assert_true (request.chosen == chosen);
}

/* ---- CoachPartnerStore ------------------------------------------------------------------ */

static void
assert_same_partner (CoachPartner *a,
                     CoachPartner *b)
{
  g_assert_cmpstr (coach_partner_get_id (a), ==, coach_partner_get_id (b));
  g_assert_cmpstr (coach_partner_get_name (a), ==, coach_partner_get_name (b));
  g_assert_cmpuint (coach_partner_get_sore_regions (a), ==, coach_partner_get_sore_regions (b));
  g_assert_cmpuint (coach_partner_get_avoid_families (a), ==, coach_partner_get_avoid_families (b));
  g_assert_cmpuint (coach_partner_get_avoid_equipment (a), ==, coach_partner_get_avoid_equipment (b));
  g_assert_cmpuint (coach_partner_get_conditions (a), ==, coach_partner_get_conditions (b));
  g_assert_cmpint (coach_partner_get_pressure_preference (a), ==,
                   coach_partner_get_pressure_preference (b));
}

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CoachPartnerStore) store = open_store (fixture->path);
  g_autoptr(CoachPartnerStore) reopened = NULL;
  g_autoptr(CoachPartner) tricky = coach_partner_new (TRICKY_NAME);
  g_autoptr(CoachPartner) everything = coach_partner_new ("Ådne");
  g_autoptr(CoachPartner) nothing = coach_partner_new ("Bo");
  g_autofree char *xml = NULL;
  g_autofree char *reopened_xml = NULL;
  g_autofree char *default_path = coach_partner_store_get_default_path ();
  g_autoptr(CoachPartnerStore) default_store = coach_partner_store_new_default ();
  GStatBuf buf;

  g_assert_true (g_str_has_suffix (default_path, "/backcoach/partners.xml"));
  g_assert_cmpstr (coach_partner_store_get_path (default_store), ==, default_path);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == COACH_TYPE_PARTNER);

  g_object_set (tricky,
                "sore-regions", COACH_MASK (COACH_REGION_LOWER_BACK) | COACH_MASK (COACH_REGION_NECK),
                "avoid-families", COACH_MASK (COACH_FAMILY_DEEP_TISSUE),
                "avoid-equipment", COACH_MASK (COACH_EQUIPMENT_OIL) | COACH_MASK (COACH_EQUIPMENT_CANE),
                "conditions", COACH_MASK (COACH_CONDITION_OSTEOPOROSIS),
                "pressure-preference", -1,
                NULL);
  g_object_set (everything,
                "sore-regions", COACH_MASK (COACH_N_REGIONS) - 1,
                "avoid-families", COACH_MASK (COACH_N_FAMILIES) - 1,
                "avoid-equipment", COACH_MASK (COACH_N_EQUIPMENT) - 1,
                "conditions", COACH_MASK (COACH_N_CONDITIONS) - 1,
                "pressure-preference", 2,
                NULL);
  coach_partner_store_add (store, tricky);
  coach_partner_store_add (store, everything);
  coach_partner_store_add (store, nothing);
  g_assert_true (coach_partner_store_has_unsaved_changes (store));
  coach_partner_store_flush (store);
  g_assert_false (coach_partner_store_has_unsaved_changes (store));

  /* Health details are the person's own. */
  g_assert_cmpint (g_stat (fixture->path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  xml = coach_partner_store_to_xml (store);
  g_assert_nonnull (strstr (xml, "<sore-regions>neck lower-back</sore-regions>"));
  g_assert_nonnull (strstr (xml, "&lt;Ana &amp; &apos;Bo&apos;&gt; &quot;Q&quot;"));

  reopened = open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened)), ==, 3);
  assert_same_partner (coach_partner_store_lookup (reopened, coach_partner_get_id (tricky)), tricky);
  assert_same_partner (coach_partner_store_lookup (reopened, coach_partner_get_id (everything)), everything);
  assert_same_partner (coach_partner_store_lookup (reopened, coach_partner_get_id (nothing)), nothing);
  g_assert_cmpstr (coach_partner_get_name (coach_partner_store_lookup (reopened, coach_partner_get_id (tricky))),
                   ==, TRICKY_NAME);
  reopened_xml = coach_partner_store_to_xml (reopened);
  g_assert_cmpstr (reopened_xml, ==, xml);
  g_assert_false (coach_partner_store_has_unsaved_changes (reopened));
}

static void
test_store_sorting (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CoachPartnerStore) store = open_store (fixture->path);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(CoachPartner) mia = coach_partner_new ("Mia");
  g_autoptr(CoachPartner) anna = coach_partner_new ("Anna");
  g_autoptr(CoachPartner) zed = coach_partner_new ("Zed");
  g_autoptr(CoachPartner) sam1 = coach_partner_new ("Sam");
  g_autoptr(CoachPartner) sam2 = coach_partner_new ("Sam");
  const char *first_sam;

  g_signal_connect (store, "items-changed", G_CALLBACK (record_items_changed), log);

  coach_partner_store_add (store, mia);
  coach_partner_store_add (store, anna);
  coach_partner_store_add (store, zed);
  assert_names (store, "Anna;Mia;Zed;");
  g_assert_cmpstr (log->str, ==, "0-0+1 0-0+1 2-0+1 ");

  /* A rename moves the row; the rows in between are reported as changed in one go. */
  g_string_truncate (log, 0);
  coach_partner_set_name (anna, "Yann");
  assert_names (store, "Mia;Yann;Zed;");
  g_assert_cmpstr (log->str, ==, "0-2+2 ");
  g_string_truncate (log, 0);
  coach_partner_set_name (zed, "Ada");
  assert_names (store, "Ada;Mia;Yann;");
  g_assert_cmpstr (log->str, ==, "0-3+3 ");
  g_string_truncate (log, 0);
  coach_partner_set_name (mia, "Mina");
  assert_names (store, "Ada;Mina;Yann;");
  g_assert_cmpstr (log->str, ==, "");

  /* People may share a name; the id decides, so the order is stable. */
  coach_partner_store_add (store, sam1);
  coach_partner_store_add (store, sam2);
  assert_names (store, "Ada;Mina;Sam;Sam;Yann;");
  first_sam = coach_partner_get_id (item (store, 2));
  g_assert_cmpint (strcmp (first_sam, coach_partner_get_id (item (store, 3))), <, 0);

  g_string_truncate (log, 0);
  g_assert_true (coach_partner_store_remove (store, coach_partner_get_id (mia)));
  g_assert_false (coach_partner_store_remove (store, coach_partner_get_id (mia)));
  g_assert_cmpstr (log->str, ==, "1-1+0 ");
  assert_names (store, "Ada;Sam;Sam;Yann;");
  coach_partner_store_flush (store);
}

static void
test_store_persist_edits (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CoachPartnerStore) store = open_store (fixture->path);
  g_autoptr(CoachPartnerStore) reopened = NULL;
  g_autoptr(CoachPartner) ana = coach_partner_new ("Ana");
  g_autoptr(CoachPartner) bo = coach_partner_new ("Bo");
  g_autoptr(CoachPartner) cy = coach_partner_new ("Cy");
  g_autoptr(GString) log = g_string_new (NULL);
  CoachPartner *loaded;

  coach_partner_store_add (store, ana);
  coach_partner_store_add (store, bo);
  coach_partner_store_add (store, cy);
  coach_partner_store_flush (store);

  /* Edits to a profile in the store are saved from an idle callback: several changes
   * made together are written once. */
  g_object_set (bo, "name", "Bob", "conditions", COACH_MASK (COACH_CONDITION_FEVER), NULL);
  coach_partner_set_flag (bo, "avoid-families", COACH_FAMILY_TAPPING, TRUE);
  coach_partner_record_pressure_answer (bo, COACH_PRESSURE_ANSWER_LIGHTER);
  g_assert_true (coach_partner_store_remove (store, coach_partner_get_id (cy)));
  g_assert_true (coach_partner_store_has_unsaved_changes (store));
  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_assert_false (coach_partner_store_has_unsaved_changes (store));
  g_assert_false (g_main_context_pending (NULL));

  reopened = open_store (fixture->path);
  assert_names (reopened, "Ana;Bob;");
  loaded = coach_partner_store_lookup (reopened, coach_partner_get_id (bo));
  assert_same_partner (loaded, bo);
  g_assert_cmpuint (coach_partner_get_conditions (loaded), ==, COACH_MASK (COACH_CONDITION_FEVER));
  g_assert_cmpuint (coach_partner_get_avoid_families (loaded), ==, COACH_MASK (COACH_FAMILY_TAPPING));
  g_assert_cmpint (coach_partner_get_pressure_preference (loaded), ==, -1);
  g_assert_null (coach_partner_store_lookup (reopened, coach_partner_get_id (cy)));

  /* A removed profile no longer reaches the store. */
  coach_partner_set_name (cy, "Cyril");
  g_assert_false (coach_partner_store_has_unsaved_changes (store));

  /* A change made just before the store goes away is still written. */
  g_signal_connect (reopened, "items-changed", G_CALLBACK (record_items_changed), log);
  coach_partner_record_pressure_answer (loaded, COACH_PRESSURE_ANSWER_FIRMER);
  coach_partner_record_pressure_answer (loaded, COACH_PRESSURE_ANSWER_FIRMER);
  g_assert_cmpstr (log->str, ==, "");
  g_clear_object (&reopened);
  g_clear_object (&store);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  store = open_store (fixture->path);
  loaded = coach_partner_store_lookup (store, coach_partner_get_id (bo));
  g_assert_cmpint (coach_partner_get_pressure_preference (loaded), ==, 1);

  /* Loading again starts over from the file. */
  coach_partner_set_name (loaded, "Robert");
  g_assert_true (coach_partner_store_load (store, NULL));
  assert_names (store, "Ana;Bob;");
  g_assert_false (coach_partner_store_has_unsaved_changes (store));
}

static void
test_store_missing_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CoachPartnerStore) store = open_store (fixture->path);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (coach_partner_store_has_unsaved_changes (store));
  coach_partner_store_flush (store);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static char *
find_damaged (const char *dir,
              guint      *count)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  char *found = NULL;
  const char *name;

  *count = 0;
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_prefix (name, "partners.xml.damaged-"))
      {
        (*count)++;
        g_free (found);
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}

static void
test_store_damaged_file (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char damaged[] = "<partners version=\"1\">\n<partner id=\"x\"><name>Sam";
  g_autoptr(CoachPartnerStore) store = coach_partner_store_new (fixture->path);
  g_autoptr(CoachPartnerStore) reopened = NULL;
  g_autoptr(CoachPartner) partner = coach_partner_new ("Sam");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *moved = NULL;
  g_autofree char *moved_contents = NULL;
  guint n_damaged;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, damaged, -1, NULL));

  /* Reported once, naming where the file went; never overwritten. */
  g_assert_false (coach_partner_store_load (store, &error));
  g_assert_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_DAMAGED);
  moved = find_damaged (dir, &n_damaged);
  g_assert_cmpuint (n_damaged, ==, 1);
  g_assert_nonnull (strstr (error->message, moved));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (moved, &moved_contents, NULL, NULL));
  g_assert_cmpstr (moved_contents, ==, damaged);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_clear_error (&error);

  /* A fresh, empty store that saves normally. */
  coach_partner_store_add (store, partner);
  coach_partner_store_flush (store);
  reopened = open_store (fixture->path);
  assert_names (reopened, "Sam;");
  g_clear_object (&reopened);

  /* Damaged again within the same second: the first copy is kept too. */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  reopened = coach_partner_store_new (fixture->path);
  g_assert_false (coach_partner_store_load (reopened, &error));
  g_assert_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_DAMAGED);
  g_free (find_damaged (dir, &n_damaged));
  g_assert_cmpuint (n_damaged, ==, 2);
  g_clear_pointer (&moved_contents, g_free);
  g_assert_true (g_file_get_contents (moved, &moved_contents, NULL, NULL));
  g_assert_cmpstr (moved_contents, ==, damaged);
}

static void
test_store_unreadable_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CoachPartnerStore) store = coach_partner_store_new (fixture->path);
  g_autoptr(CoachPartner) partner = coach_partner_new ("Sam");
  g_autoptr(GError) error = NULL;

  /* A folder where the file should be: it cannot be read, so it must not be replaced. */
  g_assert_cmpint (g_mkdir_with_parents (fixture->path, 0700), ==, 0);
  g_assert_false (coach_partner_store_load (store, &error));
  g_assert_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_UNREADABLE);
  g_clear_error (&error);

  coach_partner_store_add (store, partner);
  g_assert_false (coach_partner_store_save (store, &error));
  g_assert_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_UNREADABLE);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
  g_assert_true (coach_partner_store_has_unsaved_changes (store));

  /* Once the folder is gone, loading again clears the block (and the unsaved profile). */
  g_rmdir (fixture->path);
  g_assert_true (coach_partner_store_load (store, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
record_save_failed (CoachPartnerStore *store,
                    const GError      *error,
                    GPtrArray         *errors)
{
  g_ptr_array_add (errors, g_error_copy (error));
}

static void
test_store_unwritable (Fixture       *fixture,
                       gconstpointer  data)
{
  /* A file in the way of the folder: fails even for root, unlike permissions. */
  g_autofree char *blocker = g_build_filename (fixture->dir, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "partners.xml", NULL);
  g_autoptr(CoachPartnerStore) store = open_store (path);
  g_autoptr(CoachPartnerStore) reopened = NULL;
  g_autoptr(CoachPartner) partner = coach_partner_new ("Sam");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  const GError *failure;

  g_assert_true (g_file_set_contents (blocker, "in the way", -1, NULL));
  g_signal_connect (store, "save-failed", G_CALLBACK (record_save_failed), errors);

  coach_partner_store_add (store, partner);
  coach_partner_store_flush (store);
  g_assert_cmpuint (errors->len, ==, 1);
  failure = g_ptr_array_index (errors, 0);
  g_assert_error (failure, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_SAVE);
  g_assert_nonnull (strstr (failure->message, blocker));

  /* Nothing is lost in memory, and the change stays pending. */
  assert_names (store, "Sam;");
  g_assert_true (coach_partner_store_has_unsaved_changes (store));
  g_assert_false (coach_partner_store_save (store, &error));
  g_assert_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_SAVE);
  g_assert_cmpuint (errors->len, ==, 1);   /* an explicit save returns its error instead */

  /* The next change (or flush) tries again, and succeeds once the way is clear. */
  coach_partner_set_pressure_preference (partner, 1);
  g_assert_true (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_cmpint (g_remove (blocker), ==, 0);
  coach_partner_store_flush (store);
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_false (coach_partner_store_has_unsaved_changes (store));

  reopened = open_store (path);
  assert_names (reopened, "Sam;");
  g_assert_cmpint (coach_partner_get_pressure_preference (item (reopened, 0)), ==, 1);
}

/* ---- Validation ------------------------------------------------------------------------- */

#define ID1 "0c8f1a52-3d6e-4b7a-9f20-6d1e5c4b3a29"
#define ID2 "7d2c9e1b-5a4f-4c3d-8e6b-1f0a9b8c7d6e"

typedef struct {
  const char        *what;
  const char        *xml;
  CoachPartnerError  code;
  const char        *prefix;
} BadFile;

#define PARTNER(body) \
  "<partners version=\"1\">\n<partner id=\"" ID1 "\">\n" body "\n</partner>\n</partners>\n"

static const BadFile bad_files[] = {
  { "unknown-region", PARTNER ("<name>Sam</name>\n<sore-regions>neck knee</sore-regions>"),
    COACH_PARTNER_ERROR_UNKNOWN_ID, "p.xml:4: sore-regions: “knee” is not a known region" },
  { "unknown-family", PARTNER ("<name>Sam</name>\n\n<avoid-families>shiatsu</avoid-families>"),
    COACH_PARTNER_ERROR_UNKNOWN_ID, "p.xml:5: avoid-families: “shiatsu”" },
  { "unknown-equipment", PARTNER ("<name>Sam</name>\n<avoid-equipment>oil stones</avoid-equipment>"),
    COACH_PARTNER_ERROR_UNKNOWN_ID, "p.xml:4: avoid-equipment: “stones”" },
  { "unknown-condition", PARTNER ("<conditions>flu</conditions>\n<name>Sam</name>"),
    COACH_PARTNER_ERROR_UNKNOWN_ID, "p.xml:3: conditions: “flu”" },
  { "bad-number", PARTNER ("<name>Sam</name>\n<pressure-preference>firm</pressure-preference>"),
    COACH_PARTNER_ERROR_BAD_VALUE, "p.xml:4: pressure-preference: “firm”" },
  { "number-out-of-range", PARTNER ("<name>Sam</name>\n<pressure-preference>3</pressure-preference>"),
    COACH_PARTNER_ERROR_BAD_VALUE, "p.xml:4: pressure-preference: “3”" },
  { "empty-number", PARTNER ("<name>Sam</name>\n<pressure-preference> </pressure-preference>"),
    COACH_PARTNER_ERROR_BAD_VALUE, "p.xml:4: pressure-preference: " },
  { "missing-name", PARTNER ("<sore-regions>neck</sore-regions>"),
    COACH_PARTNER_ERROR_MISSING_FIELD, "p.xml:2: name: " },
  { "empty-name", PARTNER ("<name>   </name>"),
    COACH_PARTNER_ERROR_MISSING_FIELD, "p.xml:3: name: " },
  { "long-name", PARTNER ("<name>" "0123456789012345678901234567890123456789012345678901234567890" "</name>"),
    COACH_PARTNER_ERROR_BAD_VALUE, "p.xml:3: name: " },
  { "repeated-name", PARTNER ("<name>Sam</name>\n<name>Al</name>"),
    COACH_PARTNER_ERROR_BAD_VALUE, "p.xml:4: name: " },
  { "duplicate-id", "<partners version=\"1\">\n"
                    "<partner id=\"" ID1 "\"><name>Sam</name></partner>\n"
                    "<partner id=\"" ID2 "\"><name>Al</name></partner>\n"
                    "<partner id=\"" ID1 "\"><name>Bo</name></partner>\n</partners>\n",
    COACH_PARTNER_ERROR_DUPLICATE_ID, "p.xml:4: id: “" ID1 "” is already the id of the partner on line 2" },
  { "missing-id", "<partners version=\"1\">\n<partner>\n<name>Sam</name>\n</partner>\n</partners>\n",
    COACH_PARTNER_ERROR_MISSING_FIELD, "p.xml:2: id: " },
  { "bad-id", "<partners version=\"1\">\n<partner id=\"sam\">\n<name>Sam</name>\n</partner>\n</partners>\n",
    COACH_PARTNER_ERROR_BAD_VALUE, "p.xml:2: id: " },
  { "unknown-element", PARTNER ("<name>Sam</name>\n<colour>red</colour>"),
    COACH_PARTNER_ERROR_BAD_VALUE, "p.xml:4: colour: " },
  { "wrong-version", "<partners version=\"2\">\n</partners>\n",
    COACH_PARTNER_ERROR_BAD_VERSION, "p.xml:1: version: " },
  { "missing-version", "<?xml version=\"1.0\"?>\n<partners>\n</partners>\n",
    COACH_PARTNER_ERROR_MISSING_FIELD, "p.xml:2: version: " },
  { "wrong-root", "<routine version=\"1\"/>\n",
    COACH_PARTNER_ERROR_NOT_XML, "p.xml:1: routine: " },
  { "not-xml", "<partners version=\"1\">\n<partner id=\"" ID1 "\">\n<name>Sam &</name>\n",
    COACH_PARTNER_ERROR_NOT_XML, "p.xml:3: xml: " },
  { "empty-file", "",
    COACH_PARTNER_ERROR_NOT_XML, "p.xml:1: xml: " },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) partners = coach_partner_store_parse ("p.xml", bad->xml, -1, &error);

  g_assert_null (partners);
  g_assert_error (error, COACH_PARTNER_ERROR, (int) bad->code);
  if (!g_str_has_prefix (error->message, bad->prefix))
    g_error ("%s: expected “%s…”, got “%s”", bad->what, bad->prefix, error->message);
}

static void
test_good_file (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!-- written by hand -->\n"
    "<partners version=\"1\">\n"
    "  <partner id=\"" ID2 "\">\n"
    "    <name>\n      Zoë &amp; co\n    </name>\n"
    "    <sore-regions>\n      neck\n      buttocks  neck\n    </sore-regions>\n"
    "    <conditions></conditions>\n"
    "    <pressure-preference> -2 </pressure-preference>\n"
    "  </partner>\n"
    "  <partner id=\"" ID1 "\"><name>Al</name></partner>\n"
    "</partners>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) partners = coach_partner_store_parse ("p.xml", xml, -1, &error);
  CoachPartner *zoe;

  g_assert_no_error (error);
  g_assert_cmpuint (partners->len, ==, 2);
  g_assert_cmpstr (coach_partner_get_name (g_ptr_array_index (partners, 0)), ==, "Al");
  g_assert_cmpstr (coach_partner_get_id (g_ptr_array_index (partners, 0)), ==, ID1);
  zoe = g_ptr_array_index (partners, 1);
  g_assert_cmpstr (coach_partner_get_name (zoe), ==, "Zoë & co");
  g_assert_cmpuint (coach_partner_get_sore_regions (zoe), ==,
                    COACH_MASK (COACH_REGION_NECK) | COACH_MASK (COACH_REGION_BUTTOCKS));
  g_assert_cmpuint (coach_partner_get_conditions (zoe), ==, 0);
  g_assert_cmpuint (coach_partner_get_avoid_families (zoe), ==, 0);
  g_assert_cmpint (coach_partner_get_pressure_preference (zoe), ==, -2);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it leaks under valgrind with GLib 2.74. The default
   * store is only constructed, never loaded or saved. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partner/properties", test_partner_properties);
  g_test_add_func ("/partner/names", test_partner_names);
  g_test_add_func ("/partner/bad-name-is-refused", test_partner_bad_name_is_refused);
  g_test_add_func ("/partner/pressure", test_partner_pressure);
  g_test_add_func ("/partner/fill-plan-request", test_partner_fill_plan_request);

#define ADD_STORE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD_STORE_TEST ("/partner-store/round-trip", test_store_round_trip);
  ADD_STORE_TEST ("/partner-store/sorting", test_store_sorting);
  ADD_STORE_TEST ("/partner-store/persist-edits", test_store_persist_edits);
  ADD_STORE_TEST ("/partner-store/missing-file", test_store_missing_file);
  ADD_STORE_TEST ("/partner-store/damaged-file", test_store_damaged_file);
  ADD_STORE_TEST ("/partner-store/unreadable-file", test_store_unreadable_file);
  ADD_STORE_TEST ("/partner-store/unwritable", test_store_unwritable);
#undef ADD_STORE_TEST

  g_test_add_func ("/partner-store/good-file", test_good_file);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strconcat ("/partner-store/bad/", bad_files[i].what, NULL);
      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }

  return g_test_run ();
}
