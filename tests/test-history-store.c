/* test-history-store.c: recorded sessions and PEG check-ins keep every field, migrate from
 * older files, refuse newer ones, survive damaged files and bad rows, and work off the main
 * thread.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "coach-history-store.h"
#include "file-test-util.h"

/* Quotes, commas, new lines, non-ASCII and SQL: all must survive the database. */
#define TRICKY "Zoë “Z”, 'single' \"double\"\nsecond line\t😀'; DROP TABLE sessions; --"

typedef TestFileFixture Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  test_file_fixture_init (fixture, "history.db");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_file_fixture_clear (fixture);
}

/* Runs @sql on the file directly, as another program (or an older Back Coach) would. */
static void
exec_sql (const char *path,
          const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char   *path,
             gconstpointer data,
             gsize         length)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* A session of @routine with one technique and one rated region. */
static CoachHistorySession *
new_session (gint64      started,
             const char *routine)
{
  CoachHistorySession *session = coach_history_session_new ();

  session->started = started;
  session->seconds = 600;
  session->planned_seconds = 900;
  session->routine = g_strdup (routine);
  session->completed = TRUE;
  session->pain_before = 5;
  session->pain_after = 3;
  coach_history_session_add_technique (session, "self-gliding-lower-back", "Gliding", 120);
  coach_history_session_set_region (session, COACH_REGION_LOWER_BACK, 5, 3);
  return session;
}

/* A session as an app of this version records them: ~5 techniques, ~2 regions. */
static CoachHistorySession *
new_typical_session (guint n)
{
  g_autofree char *routine = g_strdup_printf ("Routine %u", n % 7);
  CoachHistorySession *session = new_session (1700000000 + n * 3600, routine);

  session->seconds = 300 + n % 900;
  session->pain_before = n % 11;
  session->pain_after = (n % 3 == 0) ? COACH_PAIN_NONE : (int) (n % 7);
  session->completed = n % 5 != 0;
  if (n % 4 == 0)
    {
      session->kind = COACH_HISTORY_PARTNER;
      session->partner = g_strdup ("Sam");
      session->receiver = n % 8 == 0 ? COACH_RECEIVER_PARTNER : COACH_RECEIVER_SELF;
    }
  for (guint i = 0; i < 4 + n % 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("technique-%u", (n + i * 5) % 40);
      g_autofree char *title = g_strdup_printf ("Technique %u", (n + i * 5) % 40);

      coach_history_session_add_technique (session, id, title, 30 + i * 10);
    }
  coach_history_session_set_region (session, n % COACH_N_REGIONS, 6, 4);
  if (n % 10 == 0)
    session->note = g_strdup_printf ("Note %u", n);
  return session;
}

static CoachHistoryStore *
new_store (const char *path)
{
  CoachHistoryStore *store = coach_history_store_new (path);

  g_assert_cmpstr (coach_history_store_get_path (store), ==, path);
  return store;
}

static void
add (CoachHistoryStore   *store,
     CoachHistorySession *session)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_history_store_add (store, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (session->id, >, 0);
}

/* Loads with a new store object, so nothing can come from memory; nothing is reported. */
static GPtrArray *
load_fresh (const char *path)
{
  g_autoptr(CoachHistoryStore) store = new_store (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = coach_history_store_load (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sessions);
  g_assert_null (coach_history_store_take_damage_report (store));
  return sessions;
}

/* @sessions are the sessions given (up to NULL), in order, exactly. */
static void
assert_sessions_va (GPtrArray           *sessions,
                    CoachHistorySession *first,
                    va_list              args)
{
  guint i = 0;

  for (CoachHistorySession *expected = first; expected != NULL;
       expected = va_arg (args, CoachHistorySession *))
    {
      g_assert_cmpuint (i, <, sessions->len);
      g_assert_cmpint (((CoachHistorySession *) g_ptr_array_index (sessions, i))->id, ==,
                       expected->id);
      g_assert_true (coach_history_session_equal (g_ptr_array_index (sessions, i), expected));
      i++;
    }
  g_assert_cmpuint (i, ==, sessions->len);
}

static void
assert_sessions (GPtrArray           *sessions,
                 CoachHistorySession *first,
                 ...)
{
  va_list args;

  va_start (args, first);
  assert_sessions_va (sessions, first, args);
  va_end (args);
}

/* What a new store object loads from @path. */
static void
assert_loads (const char          *path,
              CoachHistorySession *first,
              ...)
{
  g_autoptr(GPtrArray) sessions = load_fresh (path);
  va_list args;

  va_start (args, first);
  assert_sessions_va (sessions, first, args);
  va_end (args);
}

/* ---- Round trips ------------------------------------------------------------------------ */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) self_massage = new_session (1700000000, TRICKY);
  g_autoptr(CoachHistorySession) giving = coach_history_session_new ();
  g_autoptr(CoachHistorySession) receiving = coach_history_session_new ();
  static const char *const order[] = { "zeta", "alpha", "mid", "beta", "omega", "gamma",
                                       "delta", "epsilon", "eta", "theta", "iota", "kappa" };
  GStatBuf info;

  /* Self-massage, completed, every region with edge ratings, many techniques in order. */
  self_massage->pain_before = 10;
  self_massage->pain_after = 0;
  for (guint r = 0; r < COACH_N_REGIONS; r++)
    coach_history_session_set_region (self_massage, r,
                                      r % 3 == 0 ? COACH_PAIN_NONE : (int) r * 2,
                                      r % 2 == 0 ? 0 : 10);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    coach_history_session_add_technique (self_massage, order[i], i == 3 ? TRICKY : order[i],
                                         i * 17);
  g_assert_null (self_massage->note);

  /* Partner massage the person gives: stopped early, nothing rated, a tricky note. */
  giving->started = 1700000000;
  giving->seconds = 95;
  giving->planned_seconds = 1800;
  giving->routine = g_strdup ("Shoulders, neck & back");
  giving->kind = COACH_HISTORY_PARTNER;
  giving->partner = g_strdup (TRICKY);
  giving->receiver = COACH_RECEIVER_PARTNER;
  giving->completed = FALSE;
  giving->note = g_strdup (TRICKY);

  /* Partner massage the person receives, with the extremes of each number and no routine
   * title. */
  receiving->started = -86400;
  receiving->seconds = G_MAXUINT;
  receiving->planned_seconds = 0;
  receiving->kind = COACH_HISTORY_PARTNER;
  receiving->partner = g_strdup ("Sam");
  receiving->receiver = COACH_RECEIVER_SELF;
  receiving->completed = TRUE;
  receiving->pain_before = 0;
  receiving->pain_after = COACH_PAIN_NONE;
  receiving->note = g_strdup ("");
  coach_history_session_add_technique (receiving, "partner-tapping", NULL, G_MAXUINT);

  add (store, self_massage);
  add (store, giving);
  add (store, receiving);
  g_assert_cmpint (self_massage->id, <, giving->id);
  g_assert_cmpint (giving->id, <, receiving->id);

  /* By start time, then id. */
  assert_loads (fixture->path, receiving, self_massage, giving, NULL);

  /* Health details: for the person only. */
  g_assert_cmpint (g_stat (fixture->path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) late = new_session (3000, "late");
  g_autoptr(CoachHistorySession) early = new_session (1000, "early");
  g_autoptr(CoachHistorySession) tie_first = new_session (2000, "tie first");
  g_autoptr(CoachHistorySession) tie_second = new_session (2000, "tie second");

  add (store, late);
  add (store, tie_first);
  add (store, early);
  add (store, tie_second);
  assert_loads (fixture->path, early, tie_first, tie_second, late, NULL);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) session = new_session (1000, "Before");
  g_autoptr(CoachHistorySession) other = new_session (2000, "Other");
  g_autoptr(CoachHistorySession) changed = NULL;
  g_autoptr(GError) error = NULL;

  coach_history_session_set_region (session, COACH_REGION_NECK, 4, 4);
  coach_history_session_add_technique (session, "self-neck-kneading", "Neck", 60);
  g_assert_cmpuint (coach_history_store_get_writes (store, NULL), ==, 0);
  add (store, session);
  add (store, other);
  /* Readers can tell that something changed: each committed write counts, a read does not. */
  g_assert_cmpuint (coach_history_store_get_writes (store, NULL), ==, 2);

  /* Every field, and the regions and techniques replaced whole. */
  changed = coach_history_session_new ();
  changed->id = session->id;
  changed->started = 1500;
  changed->seconds = 42;
  changed->planned_seconds = 43;
  changed->routine = g_strdup ("After");
  changed->kind = COACH_HISTORY_PARTNER;
  changed->partner = g_strdup ("Ana");
  changed->receiver = COACH_RECEIVER_PARTNER;
  changed->completed = FALSE;
  changed->pain_before = 7;
  changed->pain_after = COACH_PAIN_NONE;
  changed->note = g_strdup ("changed");
  coach_history_session_set_region (changed, COACH_REGION_BUTTOCKS, 2, COACH_PAIN_NONE);
  coach_history_session_add_technique (changed, "self-neck-kneading", "Neck", 30);
  coach_history_session_add_technique (changed, "partner-tapping", "Tapping", 20);
  g_assert_true (coach_history_store_update (store, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (coach_history_store_get_writes (store, NULL), ==, 3);
  g_ptr_array_unref (coach_history_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (coach_history_store_get_writes (store, NULL), ==, 3);

  assert_loads (fixture->path, changed, other, NULL);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM session_regions"), ==, 2);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM session_techniques"), ==, 3);
}

static void
test_undo_remove (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) first = new_session (1000, "first");
  g_autoptr(CoachHistorySession) middle = new_session (2000, "middle");
  g_autoptr(CoachHistorySession) last = new_session (3000, "last");
  g_autoptr(CoachHistorySession) undone = NULL;
  g_autoptr(CoachHistorySession) newer = new_session (4000, "newer");
  g_autoptr(GError) error = NULL;

  coach_history_session_add_technique (middle, "partner-tapping", "Tapping", 45);
  add (store, first);
  add (store, middle);
  add (store, last);

  g_assert_true (coach_history_store_remove (store, middle->id, &error));
  g_assert_no_error (error);
  assert_loads (fixture->path, first, last, NULL);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM session_techniques"), ==, 2);

  /* A new session never takes a removed one's id, so undo always has its place. */
  add (store, newer);
  g_assert_cmpint (newer->id, >, last->id);

  undone = coach_history_session_copy (middle);
  g_assert_true (coach_history_store_add (store, undone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (undone->id, ==, middle->id);
  assert_loads (fixture->path, first, middle, last, newer, NULL);

  /* Adding it again would overwrite: refused, and nothing changes. */
  g_free (undone->routine);
  undone->routine = g_strdup ("overwritten");
  g_assert_false (coach_history_store_add (store, undone, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_assert_cmpint (undone->id, ==, middle->id);
  assert_loads (fixture->path, first, middle, last, newer, NULL);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) session = new_session (1000, "kept");
  g_autoptr(CoachHistorySession) unknown = new_session (2000, "unknown");
  g_autoptr(GError) error = NULL;

  add (store, session);
  unknown->id = session->id + 100;

  g_assert_false (coach_history_store_update (store, unknown, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (coach_history_store_remove (store, unknown->id, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing twice: the second is not found. */
  g_assert_true (coach_history_store_remove (store, session->id, &error));
  g_assert_no_error (error);
  g_assert_false (coach_history_store_remove (store, session->id, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (coach_history_store_update (store, session, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NOT_FOUND);

  assert_loads (fixture->path, NULL);
}

/* The constraints keep out what the app must never write; a failed add_many records none. */
static void
test_invalid_values_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) good = new_session (1000, "good");
  g_autoptr(CoachHistorySession) bad_pain = new_session (2000, "bad pain");
  g_autoptr(CoachHistorySession) bad_kind = new_session (3000, "bad kind");
  g_autoptr(CoachHistorySession) bad_text = new_session (4000, "bad text");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CoachPegEntry peg = { 0, 1000, 11, 2, 3 };

  bad_pain->pain_after = 11;
  bad_kind->kind = 7;
  g_free (bad_text->note);
  bad_text->note = g_strdup ("\xff\xfe");

  g_ptr_array_add (batch, good);
  g_ptr_array_add (batch, bad_pain);
  g_assert_false (coach_history_store_add_many (store, batch, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (good->id, ==, 0);
  g_assert_cmpint (bad_pain->id, ==, 0);

  g_assert_false (coach_history_store_add (store, bad_kind, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (coach_history_store_add (store, bad_text, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (coach_history_store_add_peg (store, &peg, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (peg.id, ==, 0);

  assert_loads (fixture->path, NULL);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM session_techniques"), ==, 0);
}

static void
test_peg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistoryStore) reopened = NULL;
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CoachPegEntry entries[] = {
    { 0, 3000, 10, 0, 5 },
    { 0, 1000, 0, 10, 0 },
    { 0, 2000, 4, 5, 6 },
    { 0, 1000, 7, 7, 7 },   /* same time as the second: by id */
  };
  const guint order[] = { 1, 3, 2, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_assert_true (coach_history_store_add_peg (store, &entries[i], &error));
      g_assert_no_error (error);
      g_assert_cmpint (entries[i].id, >, i > 0 ? entries[i - 1].id : 0);
    }

  reopened = new_store (fixture->path);
  loaded = coach_history_store_load_peg (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, G_N_ELEMENTS (entries));
  for (guint i = 0; i < loaded->len; i++)
    {
      CoachPegEntry *got = &g_array_index (loaded, CoachPegEntry, i);
      CoachPegEntry *want = &entries[order[i]];

      g_assert_cmpint (got->id, ==, want->id);
      g_assert_cmpint (got->taken, ==, want->taken);
      g_assert_cmpint (got->pain, ==, want->pain);
      g_assert_cmpint (got->enjoyment, ==, want->enjoyment);
      g_assert_cmpint (got->activity, ==, want->activity);
    }
}

/* ---- Versions ----------------------------------------------------------------------------- */

/* Version 1 of the format, as Back Coach wrote it: never change this. */
static const char version_1[] =
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  started INTEGER NOT NULL,"
  "  seconds INTEGER NOT NULL CHECK (seconds BETWEEN 0 AND 4294967295),"
  "  planned_seconds INTEGER NOT NULL CHECK (planned_seconds BETWEEN 0 AND 4294967295),"
  "  routine TEXT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('self', 'partner')),"
  "  partner TEXT,"
  "  receiver TEXT NOT NULL CHECK (receiver IN ('self', 'partner')),"
  "  completed INTEGER NOT NULL CHECK (completed IN (0, 1)),"
  "  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
  "  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
  "  note TEXT"
  ") STRICT;"
  "CREATE TABLE session_regions ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  region TEXT NOT NULL,"
  "  \"before\" INTEGER CHECK (\"before\" BETWEEN 0 AND 10),"
  "  \"after\" INTEGER CHECK (\"after\" BETWEEN 0 AND 10),"
  "  PRIMARY KEY (session_id, region)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE session_techniques ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  technique TEXT NOT NULL,"
  "  title TEXT,"
  "  seconds INTEGER NOT NULL CHECK (seconds BETWEEN 0 AND 4294967295),"
  "  PRIMARY KEY (session_id, position)"
  ") STRICT, WITHOUT ROWID;"
  "PRAGMA user_version = 1;";

static void
test_migrate_from_1 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) expected = coach_history_session_new ();
  g_autoptr(CoachHistorySession) later = new_session (1800000000, "later");
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(GError) error = NULL;
  CoachPegEntry entry = { 0, 1700000100, 6, 5, 4 };

  exec_sql (fixture->path, version_1);
  exec_sql (fixture->path,
            "INSERT INTO sessions VALUES (7, 1700000000, 540, 900, 'Lower back, gently', "
            "  'partner', 'Sam', 'partner', 1, 6, 3, 'It''s better');"
            "INSERT INTO session_regions VALUES (7, 'neck', NULL, 2), (7, 'lower-back', 6, 3);"
            "INSERT INTO session_techniques VALUES"
            "  (7, 0, 'partner-kneading-shoulders', 'Kneading', 300),"
            "  (7, 1, 'partner-tapping', 'Tapping', 240);");

  expected->id = 7;
  expected->started = 1700000000;
  expected->seconds = 540;
  expected->planned_seconds = 900;
  expected->routine = g_strdup ("Lower back, gently");
  expected->kind = COACH_HISTORY_PARTNER;
  expected->partner = g_strdup ("Sam");
  expected->receiver = COACH_RECEIVER_PARTNER;
  expected->completed = TRUE;
  expected->pain_before = 6;
  expected->pain_after = 3;
  expected->note = g_strdup ("It's better");
  coach_history_session_set_region (expected, COACH_REGION_LOWER_BACK, 6, 3);
  coach_history_session_set_region (expected, COACH_REGION_NECK, COACH_PAIN_NONE, 2);
  coach_history_session_add_technique (expected, "partner-kneading-shoulders", "Kneading", 300);
  coach_history_session_add_technique (expected, "partner-tapping", "Tapping", 240);

  sessions = coach_history_store_load (store, &error);
  g_assert_no_error (error);
  assert_sessions (sessions, expected, NULL);
  g_assert_null (coach_history_store_take_damage_report (store));

  g_assert_true (coach_history_store_add_peg (store, &entry, &error));
  g_assert_no_error (error);
  add (store, later);
  g_assert_cmpint (later->id, ==, 8);
  g_clear_object (&store);

  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==,
                   COACH_HISTORY_STORE_VERSION);
  assert_loads (fixture->path, expected, later, NULL);
  store = new_store (fixture->path);
  peg = coach_history_store_load_peg (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (peg->len, ==, 1);
  g_assert_cmpint (g_array_index (peg, CoachPegEntry, 0).id, ==, entry.id);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (gdir) != NULL)
    n++;
  return n;
}

static void
assert_newer (const GError *error)
{
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "Update Back Coach"));
}

static void
test_newer_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) session = new_session (1000, "new");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  CoachPegEntry entry = { 0, 1000, 1, 2, 3 };

  exec_sql (fixture->path,
            "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started INTEGER, future TEXT);"
            "INSERT INTO sessions VALUES (1, 1000, 'from the future');"
            "PRAGMA user_version = 3;");
  before = read_bytes (fixture->path);

  g_assert_null (coach_history_store_load (store, &error));
  assert_newer (error);
  g_clear_error (&error);
  g_assert_null (coach_history_store_load_peg (store, &error));
  assert_newer (error);
  g_clear_error (&error);
  g_assert_false (coach_history_store_add (store, session, &error));
  assert_newer (error);
  g_clear_error (&error);
  g_assert_cmpint (session->id, ==, 0);
  session->id = 1;
  g_assert_false (coach_history_store_update (store, session, &error));
  assert_newer (error);
  g_clear_error (&error);
  g_assert_false (coach_history_store_remove (store, 1, &error));
  assert_newer (error);
  g_clear_error (&error);
  g_assert_false (coach_history_store_add_peg (store, &entry, &error));
  assert_newer (error);
  g_clear_error (&error);
  g_assert_null (coach_history_store_take_damage_report (store));
  g_clear_object (&store);

  /* Not moved, not changed, and nothing beside it. */
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files (dir), ==, 1);
}

/* ---- Damage ------------------------------------------------------------------------------- */

typedef enum {
  DAMAGE_GARBAGE,
  DAMAGE_TRUNCATED,
  DAMAGE_PAGE_OVERWRITTEN,
  DAMAGE_FOREIGN,
  DAMAGE_TABLE_MISSING,
} Damage;

static void
fill_store (const char *path,
            guint       n)
{
  g_autoptr(CoachHistoryStore) store = new_store (path);
  g_autoptr(GPtrArray) sessions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sessions, new_typical_session (i));
  g_assert_true (coach_history_store_add_many (store, sessions, &error));
  g_assert_no_error (error);
}

static char *
find_damaged (const char *dir)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  char *found = NULL;
  const char *name;

  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_prefix (name, "history.db.damaged-"))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) session = new_session (1000, "after the damage");
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *report = NULL;
  g_autofree char *moved = NULL;
  guint8 garbage[4096];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_test_rand_int_range (0, 256);

  switch (damage)
    {
    case DAMAGE_GARBAGE:
      write_bytes (fixture->path, garbage, sizeof garbage);
      break;
    case DAMAGE_TRUNCATED:
    case DAMAGE_PAGE_OVERWRITTEN:
      {
        g_autoptr(GBytes) whole = NULL;
        g_autofree guint8 *contents = NULL;
        gsize length, page;

        fill_store (fixture->path, 300);
        whole = read_bytes (fixture->path);
        contents = g_bytes_unref_to_data (g_steal_pointer (&whole), &length);
        g_assert_cmpuint (length, >, 8 * sizeof garbage);
        if (damage == DAMAGE_TRUNCATED)
          {
            write_bytes (fixture->path, contents, length / 2);
            break;
          }
        page = length / sizeof garbage / 2;
        memcpy (contents + page * sizeof garbage, garbage, sizeof garbage);
        write_bytes (fixture->path, contents, length);
      }
      break;
    case DAMAGE_FOREIGN:
      exec_sql (fixture->path, "CREATE TABLE cookies (name TEXT, value TEXT);"
                               "INSERT INTO cookies VALUES ('session', 'abc');");
      break;
    case DAMAGE_TABLE_MISSING:
      exec_sql (fixture->path, "CREATE TABLE sessions (id INTEGER PRIMARY KEY);"
                               "PRAGMA user_version = 2;");
      break;
    default:
      g_assert_not_reached ();
    }
  original = read_bytes (fixture->path);

  /* An empty history, and the damage said once, naming where the file went. */
  sessions = coach_history_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 0);
  moved = find_damaged (dir);
  g_assert_nonnull (moved);
  report = coach_history_store_take_damage_report (store);
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (report, moved));
  g_assert_nonnull (strstr (report, "earlier sessions are kept"));
  g_assert_null (coach_history_store_take_damage_report (store));

  /* The original bytes, moved aside, never overwritten. */
  kept = read_bytes (moved);
  g_assert_true (g_bytes_equal (original, kept));

  /* A fresh store that works. */
  add (store, session);
  g_clear_object (&store);
  assert_loads (fixture->path, session, NULL);
}

static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoachHistorySession) session = new_session (1000, "first");
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  write_bytes (fixture->path, "", 0);
  add (store, session);
  g_assert_null (coach_history_store_take_damage_report (store));
  g_assert_null (find_damaged (dir));
  assert_loads (fixture->path, session, NULL);
}

static void
test_unopenable (Fixture       *fixture,
                 gconstpointer  data)
{
  /* A file in the way of the folder, and a folder where the file should be: these fail even
   * for root, unlike permissions. */
  g_autofree char *blocker = g_build_filename (fixture->dir, "blocker", NULL);
  g_autofree char *blocked_path = g_build_filename (blocker, "history.db", NULL);
  g_autoptr(CoachHistoryStore) blocked = new_store (blocked_path);
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) session = new_session (1000, "not recorded");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  write_bytes (blocker, "in the way", 10);
  g_assert_false (coach_history_store_add (blocked, session, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, blocked_path));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (fixture->path, 0700), ==, 0);
  g_assert_null (coach_history_store_load (store, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);
  g_assert_false (coach_history_store_add (store, session, &error));
  g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
  g_assert_null (coach_history_store_take_damage_report (store));
  g_assert_null (find_damaged (dir));
  g_assert_cmpint (session->id, ==, 0);

  /* Once the way is clear, the same store object works. */
  g_assert_cmpint (g_rmdir (fixture->path), ==, 0);
  add (store, session);
}

/* Rows written past the constraints (by another program, or a damaged disk) are left out
 * and counted, never deleted. */
static void
test_invalid_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GArray) peg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  CoachHistorySession *all[5];
  CoachPegEntry entries[] = { { 0, 1000, 1, 2, 3 }, { 0, 2000, 4, 5, 6 } };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      all[i] = new_typical_session (i + 1);
      add (store, all[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_assert_true (coach_history_store_add_peg (store, &entries[i], NULL));
  g_clear_object (&store);

  exec_sql (fixture->path,
            "PRAGMA ignore_check_constraints = ON;"
            "UPDATE sessions SET pain_before = 42 WHERE id = 2;"
            "UPDATE session_regions SET region = 'elbow' "
            "  WHERE session_id = 3 AND region = 'lower-back';"
            "UPDATE session_techniques SET title = CAST (X'C328' AS TEXT) "
            "  WHERE session_id = 4 AND position = 1;"
            "UPDATE sessions SET kind = 'robot' WHERE id = 5;"
            "UPDATE peg SET activity = -3 WHERE id = 1;");

  store = new_store (fixture->path);
  sessions = coach_history_store_load (store, &error);
  g_assert_no_error (error);
  assert_sessions (sessions, all[0], NULL);
  peg = coach_history_store_load_peg (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (peg->len, ==, 1);
  g_assert_cmpint (g_array_index (peg, CoachPegEntry, 0).id, ==, entries[1].id);

  report = coach_history_store_take_damage_report (store);
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (report, "4 recorded sessions could not be read"));
  g_assert_nonnull (strstr (report, "1 weekly check-in could not be read"));
  g_assert_nonnull (strstr (report, fixture->path));

  /* Said once; the rows are still there. */
  again = coach_history_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_null (coach_history_store_take_damage_report (store));
  g_clear_object (&store);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM sessions"), ==, 5);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM peg"), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    coach_history_session_unref (all[i]);
}

/* ---- Asynchronous operations ------------------------------------------------------------- */

typedef enum {
  STEP_ADD,
  STEP_UPDATE,
  STEP_REMOVE,
  STEP_REMOVE_UNKNOWN,
  STEP_ADD_PEG,
  STEP_LOAD,
} StepKind;

typedef struct {
  GMainLoop     *loop;
  GThread       *main_thread;
  guint          n_done;
  guint          n_steps;
  CoachPegEntry  entry;
  GPtrArray     *sessions;
  GArray        *peg;
} AsyncState;

typedef struct {
  AsyncState *state;
  guint       index;
  StepKind    kind;
} Step;

static void
step_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Step *step = user_data;
  AsyncState *state = step->state;
  CoachHistoryStore *store = COACH_HISTORY_STORE (source);
  g_autoptr(GError) error = NULL;

  /* On the caller's thread, in the order asked for. */
  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (state->n_done, ==, step->index);

  switch (step->kind)
    {
    case STEP_ADD:
      g_assert_true (coach_history_store_add_finish (store, result, &error));
      break;
    case STEP_UPDATE:
      g_assert_true (coach_history_store_update_finish (store, result, &error));
      break;
    case STEP_REMOVE:
      g_assert_true (coach_history_store_remove_finish (store, result, &error));
      break;
    case STEP_REMOVE_UNKNOWN:
      g_assert_false (coach_history_store_remove_finish (store, result, &error));
      g_assert_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NOT_FOUND);
      g_clear_error (&error);
      break;
    case STEP_ADD_PEG:
      g_assert_true (coach_history_store_add_peg_finish (store, result, &state->entry, &error));
      break;
    case STEP_LOAD:
      g_assert_true (coach_history_store_load_finish (store, result, &state->sessions,
                                                      &state->peg, &error));
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);

  if (++state->n_done == state->n_steps)
    g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) added = new_session (1000, "added");
  g_autoptr(CoachHistorySession) as_asked = NULL;
  g_autoptr(CoachHistorySession) updated = new_session (2000, "updated");
  g_autoptr(CoachHistorySession) changed = NULL;
  g_autoptr(CoachHistorySession) removed = new_session (3000, "removed");
  g_autoptr(CoachHistorySession) last = new_session (4000, "last");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, g_thread_self (), 0, 0, { 0 }, NULL, NULL };
  const CoachPegEntry entry = { 0, 1500, 3, 4, 5 };
  Step steps[] = {
    { &state, 0, STEP_ADD },
    { &state, 1, STEP_UPDATE },
    { &state, 2, STEP_REMOVE },
    { &state, 3, STEP_REMOVE_UNKNOWN },
    { &state, 4, STEP_ADD_PEG },
    { &state, 5, STEP_ADD },
    { &state, 6, STEP_LOAD },
  };

  add (store, updated);
  add (store, removed);
  changed = coach_history_session_copy (updated);
  changed->pain_after = 1;
  coach_history_session_set_region (changed, COACH_REGION_NECK, 3, 1);
  state.n_steps = G_N_ELEMENTS (steps);

  /* The store records copies made when asked: later changes to the caller's sessions do not
   * count. */
  as_asked = coach_history_session_copy (added);
  coach_history_store_add_async (store, added, NULL, step_done, &steps[0]);
  g_free (added->routine);
  added->routine = g_strdup ("changed after asking");
  coach_history_store_update_async (store, changed, NULL, step_done, &steps[1]);
  coach_history_store_remove_async (store, removed->id, NULL, step_done, &steps[2]);
  coach_history_store_remove_async (store, removed->id + 100, NULL, step_done, &steps[3]);
  coach_history_store_add_peg_async (store, &entry, NULL, step_done, &steps[4]);
  coach_history_store_add_async (store, last, NULL, step_done, &steps[5]);
  coach_history_store_load_async (store, NULL, step_done, &steps[6]);

  /* Waiting runs the operations, not the callbacks: those need the main loop. */
  coach_history_store_wait (store);
  g_assert_cmpuint (state.n_done, ==, 0);
  g_assert_cmpint (added->id, ==, 0);
  g_main_loop_run (loop);
  g_assert_cmpuint (state.n_done, ==, state.n_steps);

  /* The ids written back, in the order asked. */
  g_assert_cmpint (added->id, >, removed->id);
  g_assert_cmpint (last->id, >, added->id);
  as_asked->id = added->id;
  g_assert_cmpint (state.entry.id, >, 0);
  g_assert_cmpint (state.entry.taken, ==, entry.taken);

  assert_sessions (state.sessions, as_asked, changed, last, NULL);
  g_assert_cmpuint (state.peg->len, ==, 1);
  g_assert_cmpint (g_array_index (state.peg, CoachPegEntry, 0).id, ==, state.entry.id);
  g_ptr_array_unref (state.sessions);
  g_array_unref (state.peg);

  assert_loads (fixture->path, as_asked, changed, last, NULL);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_history_store_add_finish (COACH_HISTORY_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Dropping the store right after asking loses nothing. */
static void
test_async_unref (Fixture       *fixture,
                  gconstpointer  data)
{
  CoachHistoryStore *store = new_store (fixture->path);
  g_autoptr(CoachHistorySession) session = new_session (1000, "asked for");
  gboolean done = FALSE;

  coach_history_store_add_async (store, session, NULL, added_cb, &done);
  g_object_unref (store);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (session->id, >, 0);
  assert_loads (fixture->path, session, NULL);
}

/* ---- Many sessions ------------------------------------------------------------------------ */

static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  /* Fewer under valgrind (BACKCOACH_QUICK), where it is 50 times slower. */
  guint n = g_strcmp0 (g_getenv ("BACKCOACH_QUICK"), "1") == 0 ? 1000 : 10000;
  g_autoptr(CoachHistoryStore) store = new_store (fixture->path);
  g_autoptr(CoachHistoryStore) reopened = NULL;
  g_autoptr(GPtrArray) sessions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, opened, reloaded;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sessions, new_typical_session (i));
  start = g_get_monotonic_time ();
  g_assert_true (coach_history_store_add_many (store, sessions, &error));
  g_assert_no_error (error);
  g_test_message ("add_many of %u sessions: %.1f ms", n,
                  (g_get_monotonic_time () - start) / 1000.0);

  reopened = new_store (fixture->path);
  start = g_get_monotonic_time ();
  loaded = coach_history_store_load (reopened, &error);
  opened = g_get_monotonic_time ();
  g_assert_no_error (error);
  again = coach_history_store_load (reopened, &error);
  reloaded = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_test_message ("load of %u sessions: %.1f ms with opening, %.1f ms open", n,
                  (opened - start) / 1000.0, (reloaded - opened) / 1000.0);

  g_assert_cmpuint (loaded->len, ==, n);
  g_assert_cmpuint (again->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      CoachHistorySession *expected = g_ptr_array_index (sessions, i);

      g_assert_cmpint (expected->id, ==, i + 1);
      g_assert_true (coach_history_session_equal (g_ptr_array_index (loaded, i), expected));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_DAMAGE_TEST(path, damage) \
  g_test_add (path, Fixture, GINT_TO_POINTER (damage), fixture_setup, test_damaged, \
              fixture_teardown)
  ADD_TEST ("/history-store/round-trip", test_round_trip);
  ADD_TEST ("/history-store/order", test_order);
  ADD_TEST ("/history-store/update", test_update);
  ADD_TEST ("/history-store/undo-remove", test_undo_remove);
  ADD_TEST ("/history-store/not-found", test_not_found);
  ADD_TEST ("/history-store/invalid-values-refused", test_invalid_values_refused);
  ADD_TEST ("/history-store/peg", test_peg);
  ADD_TEST ("/history-store/migrate-from-1", test_migrate_from_1);
  ADD_TEST ("/history-store/newer-refused", test_newer_refused);
  ADD_DAMAGE_TEST ("/history-store/damaged/garbage", DAMAGE_GARBAGE);
  ADD_DAMAGE_TEST ("/history-store/damaged/truncated", DAMAGE_TRUNCATED);
  ADD_DAMAGE_TEST ("/history-store/damaged/page-overwritten", DAMAGE_PAGE_OVERWRITTEN);
  ADD_DAMAGE_TEST ("/history-store/damaged/foreign", DAMAGE_FOREIGN);
  ADD_DAMAGE_TEST ("/history-store/damaged/table-missing", DAMAGE_TABLE_MISSING);
  ADD_TEST ("/history-store/empty-file", test_empty_file);
  ADD_TEST ("/history-store/unopenable", test_unopenable);
  ADD_TEST ("/history-store/invalid-rows", test_invalid_rows);
  ADD_TEST ("/history-store/async", test_async);
  ADD_TEST ("/history-store/async-unref", test_async_unref);
  ADD_TEST ("/history-store/many", test_many);
#undef ADD_DAMAGE_TEST
#undef ADD_TEST

  return g_test_run ();
}
