/* coach-history-store.c: the crash-safe store of recorded sessions and PEG check-ins.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLite database, by default g_get_user_data_dir()/backcoach/history.db, in the default
 * rollback-journal mode with synchronous=FULL: a transaction whose COMMIT returned survives
 * the process being killed at any later moment, and one cut short leaves a hot journal that
 * SQLite rolls back the next time the file is read. Every operation is one transaction.
 *
 * The format is versioned with PRAGMA user_version and brought up to date by the migrations
 * below, each in its own transaction with its version bump. A file from a newer Back Coach is
 * left alone. A damaged file, or a database that is not ours, is moved aside (never
 * overwritten) and a fresh store started. Rows the CHECK constraints should have kept out
 * are validated again on load: one that fails is left out and counted, never deleted.
 *
 * One connection, guarded by a mutex; the asynchronous operations run one at a time, in the
 * order asked, on a private thread pool of one thread. */
#define G_LOG_DOMAIN "coach-history-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "coach-file-util.h"
#include "coach-history-store.h"

G_DEFINE_QUARK (coach-history-error-quark, coach_history_error)

typedef enum {
  STMT_BEGIN_READ,
  STMT_BEGIN_WRITE,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_INSERT_SESSION,
  STMT_INSERT_REGION,
  STMT_INSERT_TECHNIQUE,
  STMT_SESSION_EXISTS,
  STMT_DELETE_SESSION,
  STMT_SELECT_SESSIONS,
  STMT_SELECT_REGIONS,
  STMT_SELECT_TECHNIQUES,
  STMT_INSERT_PEG,
  STMT_SELECT_PEG,
  N_STMTS
} Stmt;

struct _CoachHistoryStore
{
  GObject       parent_instance;

  char         *path;

  GMutex        lock;            /* guards everything below up to the queue */
  sqlite3      *db;              /* NULL until the first operation, or after opening failed */
  sqlite3_stmt *stmts[N_STMTS];  /* prepared when first used */
  char         *damage_report;
  gboolean      bad_sessions_reported;
  gboolean      bad_peg_reported;
  guint64       writes;          /* write transactions committed */

  GMutex        queue_lock;      /* guards the pool and the count of operations asked for */
  GCond         queue_done;
  GThreadPool  *pool;            /* made on the first asynchronous call */
  guint         pending;
};

G_DEFINE_FINAL_TYPE (CoachHistoryStore, coach_history_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- The format --------------------------------------------------------------------------- */

/* migrations[i] brings a file from version i to i + 1. Never change one that has shipped:
 * add the next. Pain ratings not given are NULL. Region ids have no CHECK, so that the
 * vocabulary can grow without rebuilding the table; loading checks them. */
static const char *const migrations[] = {
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
  ") STRICT, WITHOUT ROWID;",

  "CREATE TABLE peg ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  taken INTEGER NOT NULL,"
  "  pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),"
  "  enjoyment INTEGER NOT NULL CHECK (enjoyment BETWEEN 0 AND 10),"
  "  activity INTEGER NOT NULL CHECK (activity BETWEEN 0 AND 10)"
  ") STRICT;"
  "CREATE INDEX sessions_by_start ON sessions (started);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == COACH_HISTORY_STORE_VERSION);

/* The ids stored for CoachHistoryKind and CoachReceiver, by value. */
static const char *const kind_ids[] = {
  [COACH_HISTORY_SELF] = "self",
  [COACH_HISTORY_PARTNER] = "partner",
};

static const char *const receiver_ids[] = {
  [COACH_RECEIVER_SELF] = "self",
  [COACH_RECEIVER_PARTNER] = "partner",
};

/* The columns of sessions, in the order that the statements list them. */
enum {
  SESSION_ID,
  SESSION_STARTED,
  SESSION_SECONDS,
  SESSION_PLANNED_SECONDS,
  SESSION_ROUTINE,
  SESSION_KIND,
  SESSION_PARTNER,
  SESSION_RECEIVER,
  SESSION_COMPLETED,
  SESSION_PAIN_BEFORE,
  SESSION_PAIN_AFTER,
  SESSION_NOTE,
};

#define SESSION_COLUMNS \
  "id, started, seconds, planned_seconds, routine, kind, partner, receiver, completed, " \
  "pain_before, pain_after, note"

/* Between them, the statements use every table and column of the format: a file of a given
 * version is ours only if those of that version (@since) prepare. */
static const struct {
  guint       since;
  const char *sql;
} statements[N_STMTS] = {
  [STMT_BEGIN_READ] = { 0, "BEGIN" },
  [STMT_BEGIN_WRITE] = { 0, "BEGIN IMMEDIATE" },
  [STMT_COMMIT] = { 0, "COMMIT" },
  [STMT_ROLLBACK] = { 0, "ROLLBACK" },
  [STMT_INSERT_SESSION] = {
    1, "INSERT INTO sessions (" SESSION_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
  [STMT_INSERT_REGION] = {
    1, "INSERT INTO session_regions (session_id, region, \"before\", \"after\") "
       "VALUES (?, ?, ?, ?)" },
  [STMT_INSERT_TECHNIQUE] = {
    1, "INSERT INTO session_techniques (session_id, position, technique, title, seconds) "
       "VALUES (?, ?, ?, ?, ?)" },
  [STMT_SESSION_EXISTS] = { 1, "SELECT 1 FROM sessions WHERE id = ?" },
  [STMT_DELETE_SESSION] = { 1, "DELETE FROM sessions WHERE id = ?" },
  [STMT_SELECT_SESSIONS] = { 1, "SELECT " SESSION_COLUMNS " FROM sessions ORDER BY started, id" },
  [STMT_SELECT_REGIONS] = {
    1, "SELECT session_id, region, \"before\", \"after\" FROM session_regions "
       "ORDER BY session_id" },
  [STMT_SELECT_TECHNIQUES] = {
    1, "SELECT session_id, technique, title, seconds FROM session_techniques "
       "ORDER BY session_id, position" },
  [STMT_INSERT_PEG] = {
    2, "INSERT INTO peg (taken, pain, enjoyment, activity) VALUES (?, ?, ?, ?)" },
  [STMT_SELECT_PEG] = {
    2, "SELECT id, taken, pain, enjoyment, activity FROM peg ORDER BY taken, id" },
};

/* A statement in use: reset, and its bindings cleared, when it goes out of scope, so that
 * no read stays open and no bound pointer outlives the data. */
typedef sqlite3_stmt *Statement;

static void
release_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (Statement, release_statement, NULL)

/* ---- Errors ------------------------------------------------------------------------------- */

/* Sets a FAILED error: @what failed, with the database's reason and what to do. */
static void
set_db_error (CoachHistoryStore  *self,
              const char         *what,
              GError            **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED,
                 /* Translators: the first %s says what failed, e.g. “The session could not
                  * be recorded”; the second is the database's reason. */
                 _("%s: it holds a value out of range (%s). Please report this as a bug in "
                   "Back Coach."),
                 what, sqlite3_errmsg (self->db));
  else
    g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED,
                 /* Translators: the first %s says what failed, e.g. “The session could not
                  * be recorded”; the second is the database's reason; the third a file. */
                 _("%s: %s. Check that the disk is not full and that %s can be written to."),
                 what, sqlite3_errmsg (self->db), display);
}

/* Damage is what SQLite cannot read as a database, not a failure to reach the file. */
static gboolean
is_damage (int code)
{
  code &= 0xff;
  return code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
}

/* ---- Statements --------------------------------------------------------------------------- */

static sqlite3_stmt *
get_statement (CoachHistoryStore  *self,
               Stmt                which,
               const char         *what,
               GError            **error)
{
  if (self->stmts[which] == NULL &&
      sqlite3_prepare_v3 (self->db, statements[which].sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &self->stmts[which], NULL) != SQLITE_OK)
    {
      set_db_error (self, what, error);
      return NULL;
    }
  return self->stmts[which];
}

/* Runs a statement that returns no rows (after its parameters are bound). */
static gboolean
finish_statement (CoachHistoryStore  *self,
                  sqlite3_stmt       *stmt,
                  const char         *what,
                  GError            **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, what, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_statement (CoachHistoryStore  *self,
               Stmt                which,
               const char         *what,
               GError            **error)
{
  g_auto(Statement) stmt = get_statement (self, which, what, error);

  return stmt != NULL && finish_statement (self, stmt, what, error);
}

/* The first column of the first row of @sql, as an integer; returns the SQLite code. */
static int
query_int (sqlite3    *db,
           const char *sql,
           gint64     *value)
{
  sqlite3_stmt *stmt = NULL;
  int code = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (code == SQLITE_OK)
    {
      code = sqlite3_step (stmt);
      if (code == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          code = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return code;
}

/* ---- Opening ------------------------------------------------------------------------------ */

static void
close_db (CoachHistoryStore *self)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static gboolean
set_open_error (CoachHistoryStore  *self,
                const char         *reason,
                GError            **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED,
               /* Translators: the first %s is a file path, the second the system's reason. */
               _("Your session history in %s could not be opened: %s. Check that the file and "
                 "its folder can be read and written. Sessions are not recorded until then."),
               display, reason);
  close_db (self);
  return FALSE;
}

/* Whether SQLite finds the file sound. Rows that break a CHECK constraint are not damage:
 * loading leaves them out, so the check skips those constraints. */
static int
quick_check (sqlite3  *db,
             gboolean *sound)
{
  sqlite3_stmt *stmt = NULL;
  int code, restored;

  *sound = FALSE;
  code = sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
  if (code == SQLITE_OK)
    code = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (code == SQLITE_OK)
    {
      code = sqlite3_step (stmt);
      if (code == SQLITE_ROW)
        {
          *sound = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
          code = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  /* The constraints must hold again for what the app writes. */
  restored = sqlite3_exec (db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
  return code != SQLITE_OK ? code : restored;
}

/* Whether the file as found is a database of @version of our format, readable throughout. */
static int
check_file (CoachHistoryStore *self,
            gint64             version,
            gboolean          *ours)
{
  int code = quick_check (self->db, ours);

  if (code != SQLITE_OK || !*ours)
    return code;

  if (version == 0)
    {
      gint64 n_tables = 0;

      /* A new file, or another program's database: sqlite_sequence is SQLite's own. */
      code = query_int (self->db,
                        "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' "
                        "ESCAPE '\\'", &n_tables);
      *ours = code == SQLITE_OK && n_tables == 0;
      return code;
    }

  for (guint i = 0; i < N_STMTS; i++)
    if (statements[i].since > 0 && statements[i].since <= version &&
        sqlite3_prepare_v3 (self->db, statements[i].sql, -1, SQLITE_PREPARE_PERSISTENT,
                            &self->stmts[i], NULL) != SQLITE_OK)
      {
        code = sqlite3_errcode (self->db);
        *ours = FALSE;
        /* A missing table or column is another program's database. */
        return (code & 0xff) == SQLITE_ERROR ? SQLITE_OK : code;
      }
  return SQLITE_OK;
}

static void
rollback (CoachHistoryStore *self)
{
  /* An I/O error may have rolled back already. */
  if (!sqlite3_get_autocommit (self->db))
    run_statement (self, STMT_ROLLBACK, "ROLLBACK", NULL);
}

/* Runs the migrations after @version, each in its own transaction with its version bump. */
static gboolean
migrate (CoachHistoryStore  *self,
         gint64              version,
         GError            **error)
{
  const char *what = _("Your session history could not be brought up to date for this "
                       "version of Back Coach");

  for (gint64 to = version + 1; to <= (gint64) G_N_ELEMENTS (migrations); to++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, to);

      if (!run_statement (self, STMT_BEGIN_WRITE, what, error))
        return FALSE;
      /* Read again inside the transaction: another instance may have just done it. */
      if (query_int (self->db, "PRAGMA user_version", &version) != SQLITE_OK ||
          (version < to &&
           (sqlite3_exec (self->db, migrations[to - 1], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec (self->db, bump, NULL, NULL, NULL) != SQLITE_OK)))
        {
          set_db_error (self, what, error);
          rollback (self);
          return FALSE;
        }
      if (!run_statement (self, STMT_COMMIT, what, error))
        {
          rollback (self);
          return FALSE;
        }
      g_debug ("%s: at version %" G_GINT64_FORMAT, self->path, to);
    }
  return TRUE;
}

/* Opens the file and brings it to this version. On failure the database is closed, and
 * either @error is set or, when the file is damaged or not ours, *@damaged. */
static gboolean
open_db (CoachHistoryStore  *self,
         gboolean           *damaged,
         GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gint64 version = 0;
  gboolean ours;
  int code;
  int fd;

  *damaged = FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_open_error (self, g_strerror (errno), error);

  /* Health details: readable by the person only. SQLite gives its journal the same mode. */
  fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    g_close (fd, NULL);

  code = sqlite3_open_v2 (self->path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                          SQLITE_OPEN_EXRESCODE, NULL);
  if (code != SQLITE_OK)
    return set_open_error (self, sqlite3_errstr (code), error);
  sqlite3_busy_timeout (self->db, 5000);

  /* The first read also rolls back a transaction cut short (a hot journal). */
  code = sqlite3_exec (self->db,
                       "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
                       "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
  if (code == SQLITE_OK)
    code = query_int (self->db, "PRAGMA user_version", &version);
  if (code == SQLITE_OK && version > COACH_HISTORY_STORE_VERSION)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NEWER,
                   /* Translators: %s is a file path. */
                   _("Your session history in %s was saved by a newer version of Back Coach. "
                     "Update Back Coach to see and record sessions; the file is left as it "
                     "is."), display);
      close_db (self);
      return FALSE;
    }
  if (code == SQLITE_OK)
    code = check_file (self, version, &ours);
  if (is_damage (code) || (code == SQLITE_OK && !ours))
    {
      g_message ("%s is damaged or not a Back Coach history: %s", self->path,
                 code == SQLITE_OK ? "unexpected content" : sqlite3_errstr (code));
      *damaged = TRUE;
      close_db (self);
      return FALSE;
    }
  if (code != SQLITE_OK)
    return set_open_error (self, sqlite3_errmsg (self->db), error);

  if (!migrate (self, version, error))
    {
      close_db (self);
      return FALSE;
    }
  return TRUE;
}

/* Adds a paragraph to the report that coach_history_store_take_damage_report() gives. */
static void
append_report (CoachHistoryStore *self,
               const char        *text)
{
  char *report = self->damage_report == NULL ? g_strdup (text)
                                             : g_strjoin (" ", self->damage_report, text, NULL);

  g_free (self->damage_report);
  self->damage_report = report;
}

/* Renames the file, and the journal files beside it, to history.db.damaged-DATE-TIME...:
 * the journals first, so that a failure leaves the file as it was. */
static gboolean
move_aside (CoachHistoryStore  *self,
            GError            **error)
{
  static const char *const suffixes[] = { "-journal", "-wal", "-shm", "" };
  g_autofree char *moved = coach_file_damaged_path (self->path);
  g_autofree char *moved_display = g_filename_display_name (moved);
  g_autofree char *report = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (moved, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED,
                       /* Translators: the first %s is a file path, the second the system's
                        * reason. */
                       _("Your session history in %s is damaged and could not be set aside: "
                         "%s. Move the file elsewhere to start a new history; sessions are "
                         "not recorded until then."),
                       display, g_strerror (saved_errno));
          return FALSE;
        }
    }

  report =
    /* Translators: %s is the full path of the damaged file after renaming, e.g.
     * /home/sam/.local/share/backcoach/history.db.damaged-20250131-184502 */
    g_strdup_printf (_("Your session history could not be read, so a new one was started. "
                       "Your earlier sessions are kept in the file %s."), moved_display);
  append_report (self, report);
  return TRUE;
}

/* With the lock held. */
static gboolean
ensure_open (CoachHistoryStore  *self,
             GError            **error)
{
  gboolean damaged;

  if (self->db != NULL || open_db (self, &damaged, error))
    return TRUE;
  if (!damaged || !move_aside (self, error))
    return FALSE;
  if (open_db (self, &damaged, error))
    return TRUE;
  if (damaged)
    set_open_error (self, _("the new file could not be read either"), error);
  return FALSE;
}

typedef gboolean (*TransactionFunc) (CoachHistoryStore  *self,
                                     gpointer            data,
                                     const char         *what,
                                     GError            **error);

/* Runs @func in one transaction, with the lock held: all of its changes or none. */
static gboolean
run_transaction (CoachHistoryStore  *self,
                 Stmt                begin,
                 TransactionFunc     func,
                 gpointer            data,
                 const char         *what,
                 GError            **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (!ensure_open (self, error) || !run_statement (self, begin, what, error))
    return FALSE;
  if (func (self, data, what, error) && run_statement (self, STMT_COMMIT, what, error))
    {
      if (begin == STMT_BEGIN_WRITE)
        self->writes++;
      return TRUE;
    }

  rollback (self);
  return FALSE;
}

/* ---- Writing ------------------------------------------------------------------------------ */

static void
bind_pain (sqlite3_stmt *stmt,
           int           column,
           int           pain)
{
  if (pain == COACH_PAIN_NONE)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int (stmt, column, pain);
}

/* A value out of its table's range is bound as NULL, which the NOT NULL constraint refuses. */
static const char *
enum_to_id (const char *const *ids,
            guint              n_ids,
            guint              value)
{
  return value < n_ids ? ids[value] : NULL;
}

static gboolean
session_text_is_valid (const CoachHistorySession *session)
{
  const char *texts[] = { session->routine, session->partner, session->note };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && !g_utf8_validate (texts[i], -1, NULL))
      return FALSE;
  for (guint i = 0; i < session->techniques->len; i++)
    {
      const CoachHistoryTechnique *t =
        &g_array_index (session->techniques, CoachHistoryTechnique, i);

      if ((t->technique != NULL && !g_utf8_validate (t->technique, -1, NULL)) ||
          (t->title != NULL && !g_utf8_validate (t->title, -1, NULL)))
        return FALSE;
    }
  return TRUE;
}

/* Inserts @session with its regions and techniques, under its own id when it has one.
 * Returns the id, or 0 on error. */
static gint64
insert_session (CoachHistoryStore          *self,
                const CoachHistorySession  *session,
                const char                 *what,
                GError                    **error)
{
  g_auto(Statement) stmt = NULL;
  gint64 id = session->id;

  /* Loading leaves out text that is not UTF-8: refuse it now rather than lose the session. */
  if (!session_text_is_valid (session))
    {
      g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED,
                   /* Translators: %s says what failed, e.g. “The session could not be
                    * recorded”. */
                   _("%s: a text in it is not valid UTF-8. Please report this as a bug in "
                     "Back Coach."), what);
      return 0;
    }

  if (id != 0)
    {
      g_auto(Statement) exists = get_statement (self, STMT_SESSION_EXISTS, what, error);
      int code;

      if (exists == NULL)
        return 0;
      sqlite3_bind_int64 (exists, 1, id);
      code = sqlite3_step (exists);
      if (code == SQLITE_ROW)
        {
          g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_FAILED,
                       /* Translators: %s says what failed, e.g. “The session could not be
                        * recorded”. */
                       _("%s: another session is already recorded under its number. Please "
                         "report this as a bug in Back Coach."), what);
          return 0;
        }
      if (code != SQLITE_DONE)
        {
          set_db_error (self, what, error);
          return 0;
        }
    }

  stmt = get_statement (self, STMT_INSERT_SESSION, what, error);
  if (stmt == NULL)
    return 0;
  if (id != 0)
    sqlite3_bind_int64 (stmt, SESSION_ID + 1, id);
  sqlite3_bind_int64 (stmt, SESSION_STARTED + 1, session->started);
  sqlite3_bind_int64 (stmt, SESSION_SECONDS + 1, session->seconds);
  sqlite3_bind_int64 (stmt, SESSION_PLANNED_SECONDS + 1, session->planned_seconds);
  sqlite3_bind_text (stmt, SESSION_ROUTINE + 1, session->routine, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SESSION_KIND + 1,
                     enum_to_id (kind_ids, G_N_ELEMENTS (kind_ids), session->kind),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SESSION_PARTNER + 1, session->partner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SESSION_RECEIVER + 1,
                     enum_to_id (receiver_ids, G_N_ELEMENTS (receiver_ids), session->receiver),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, SESSION_COMPLETED + 1, session->completed ? 1 : 0);
  bind_pain (stmt, SESSION_PAIN_BEFORE + 1, session->pain_before);
  bind_pain (stmt, SESSION_PAIN_AFTER + 1, session->pain_after);
  sqlite3_bind_text (stmt, SESSION_NOTE + 1, session->note, -1, SQLITE_STATIC);
  if (!finish_statement (self, stmt, what, error))
    return 0;
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < session->regions->len; i++)
    {
      const CoachHistoryRegionPain *r =
        &g_array_index (session->regions, CoachHistoryRegionPain, i);
      g_auto(Statement) region = get_statement (self, STMT_INSERT_REGION, what, error);

      if (region == NULL)
        return 0;
      sqlite3_bind_int64 (region, 1, id);
      if (r->region < COACH_N_REGIONS)
        sqlite3_bind_text (region, 2, coach_vocab_to_id (COACH_VOCAB_REGION, r->region), -1,
                           SQLITE_STATIC);
      bind_pain (region, 3, r->before);
      bind_pain (region, 4, r->after);
      if (!finish_statement (self, region, what, error))
        return 0;
    }

  for (guint i = 0; i < session->techniques->len; i++)
    {
      const CoachHistoryTechnique *t =
        &g_array_index (session->techniques, CoachHistoryTechnique, i);
      g_auto(Statement) technique = get_statement (self, STMT_INSERT_TECHNIQUE, what, error);

      if (technique == NULL)
        return 0;
      sqlite3_bind_int64 (technique, 1, id);
      sqlite3_bind_int (technique, 2, i);
      sqlite3_bind_text (technique, 3, t->technique, -1, SQLITE_STATIC);
      sqlite3_bind_text (technique, 4, t->title, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (technique, 5, t->seconds);
      if (!finish_statement (self, technique, what, error))
        return 0;
    }

  return id;
}

/* Deletes the session with @id and its rows; NOT_FOUND when there is none. */
static gboolean
delete_session (CoachHistoryStore  *self,
                gint64              id,
                const char         *what,
                GError            **error)
{
  g_auto(Statement) stmt = get_statement (self, STMT_DELETE_SESSION, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!finish_statement (self, stmt, what, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, COACH_HISTORY_ERROR, COACH_HISTORY_ERROR_NOT_FOUND,
                   /* Translators: %s says what failed, e.g. “The session could not be
                    * removed”. */
                   _("%s, because it is no longer in the history. Load the history again to "
                     "see what it holds."), what);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GPtrArray *sessions;
  GArray    *ids;
} AddData;

static gboolean
add_func (CoachHistoryStore  *self,
          gpointer            data,
          const char         *what,
          GError            **error)
{
  AddData *add = data;

  for (guint i = 0; i < add->sessions->len; i++)
    {
      gint64 id = insert_session (self, g_ptr_array_index (add->sessions, i), what, error);

      if (id == 0)
        return FALSE;
      g_array_append_val (add->ids, id);
    }
  return TRUE;
}

static gboolean
update_func (CoachHistoryStore  *self,
             gpointer            data,
             const char         *what,
             GError            **error)
{
  const CoachHistorySession *session = data;

  /* The rows are replaced whole, so regions and techniques no longer there go too. */
  return delete_session (self, session->id, what, error) &&
         insert_session (self, session, what, error) != 0;
}

static gboolean
remove_func (CoachHistoryStore  *self,
             gpointer            data,
             const char         *what,
             GError            **error)
{
  return delete_session (self, *(const gint64 *) data, what, error);
}

typedef struct {
  const CoachPegEntry *entry;
  gint64               id;
} AddPegData;

static gboolean
add_peg_func (CoachHistoryStore  *self,
              gpointer            data,
              const char         *what,
              GError            **error)
{
  AddPegData *add = data;
  g_auto(Statement) stmt = get_statement (self, STMT_INSERT_PEG, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, add->entry->taken);
  sqlite3_bind_int (stmt, 2, add->entry->pain);
  sqlite3_bind_int (stmt, 3, add->entry->enjoyment);
  sqlite3_bind_int (stmt, 4, add->entry->activity);
  if (!finish_statement (self, stmt, what, error))
    return FALSE;
  add->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* ---- Reading ------------------------------------------------------------------------------ */

static gboolean
read_int (sqlite3_stmt *stmt,
          int           column,
          gint64        min,
          gint64        max,
          gint64       *value)
{
  if (sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
    return FALSE;
  *value = sqlite3_column_int64 (stmt, column);
  return *value >= min && *value <= max;
}

static gboolean
read_uint (sqlite3_stmt *stmt,
           int           column,
           guint        *value)
{
  gint64 read;

  if (!read_int (stmt, column, 0, G_MAXUINT, &read))
    return FALSE;
  *value = (guint) read;
  return TRUE;
}

/* NULL (or -1) for a rating not given, else 0 to 10. */
static gboolean
read_pain (sqlite3_stmt *stmt,
           int           column,
           int          *pain)
{
  gint64 read;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      *pain = COACH_PAIN_NONE;
      return TRUE;
    }
  if (!read_int (stmt, column, COACH_PAIN_NONE, COACH_PAIN_MAX, &read))
    return FALSE;
  *pain = (int) read;
  return TRUE;
}

/* UTF-8 text (without NUL), or NULL where @nullable. *@text belongs to the statement. */
static gboolean
read_text (sqlite3_stmt  *stmt,
           int            column,
           gboolean       nullable,
           const char   **text)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      *text = NULL;
      return nullable;
    case SQLITE_TEXT:
      *text = (const char *) sqlite3_column_text (stmt, column);
      return g_utf8_validate (*text, sqlite3_column_bytes (stmt, column), NULL);
    default:
      return FALSE;
    }
}

/* One of @ids, as its index. */
static gboolean
read_id (sqlite3_stmt       *stmt,
         int                 column,
         const char *const  *ids,
         guint               n_ids,
         guint              *value)
{
  const char *text;

  if (!read_text (stmt, column, FALSE, &text))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    if (g_str_equal (ids[i], text))
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

/* Returns: (transfer full) (nullable): the session of the current row, or NULL when a value
 * is out of range. */
static CoachHistorySession *
read_session (sqlite3_stmt *stmt)
{
  g_autoptr(CoachHistorySession) session = coach_history_session_new ();
  const char *routine, *partner, *note;
  guint kind, receiver;
  gint64 completed;

  if (!read_int (stmt, SESSION_ID, 1, G_MAXINT64, &session->id) ||
      !read_int (stmt, SESSION_STARTED, G_MININT64, G_MAXINT64, &session->started) ||
      !read_uint (stmt, SESSION_SECONDS, &session->seconds) ||
      !read_uint (stmt, SESSION_PLANNED_SECONDS, &session->planned_seconds) ||
      !read_text (stmt, SESSION_ROUTINE, TRUE, &routine) ||
      !read_id (stmt, SESSION_KIND, kind_ids, G_N_ELEMENTS (kind_ids), &kind) ||
      !read_text (stmt, SESSION_PARTNER, TRUE, &partner) ||
      !read_id (stmt, SESSION_RECEIVER, receiver_ids, G_N_ELEMENTS (receiver_ids), &receiver) ||
      !read_int (stmt, SESSION_COMPLETED, 0, 1, &completed) ||
      !read_pain (stmt, SESSION_PAIN_BEFORE, &session->pain_before) ||
      !read_pain (stmt, SESSION_PAIN_AFTER, &session->pain_after) ||
      !read_text (stmt, SESSION_NOTE, TRUE, &note))
    return NULL;

  session->routine = g_strdup (routine);
  session->kind = kind;
  session->partner = g_strdup (partner);
  session->receiver = receiver;
  session->completed = completed != 0;
  session->note = g_strdup (note);
  return g_steal_pointer (&session);
}

static gboolean
read_region (sqlite3_stmt        *stmt,
             CoachHistorySession *session)
{
  const char *id;
  int region, before, after;

  if (!read_text (stmt, 1, FALSE, &id) ||
      (region = coach_vocab_from_id (COACH_VOCAB_REGION, id)) < 0 ||
      !read_pain (stmt, 2, &before) || !read_pain (stmt, 3, &after))
    return FALSE;

  coach_history_session_set_region (session, region, before, after);
  return TRUE;
}

static gboolean
read_technique (sqlite3_stmt        *stmt,
                CoachHistorySession *session)
{
  CoachHistoryTechnique technique = { 0 };
  const char *id, *title;

  if (!read_text (stmt, 1, FALSE, &id) || !read_text (stmt, 2, TRUE, &title) ||
      !read_uint (stmt, 3, &technique.seconds))
    return FALSE;

  /* Appended as recorded: coach_history_session_add_technique() would merge or retitle. */
  technique.technique = g_strdup (id);
  technique.title = g_strdup (title);
  g_array_append_val (session->techniques, technique);
  return TRUE;
}

typedef struct {
  GPtrArray *sessions;  /* read when not NULL */
  GArray    *peg;       /* read when not NULL */
  guint      n_bad_sessions;
  guint      n_bad_peg;
} LoadData;

typedef gboolean (*ReadRowFunc) (sqlite3_stmt        *stmt,
                                 CoachHistorySession *session);

/* Adds the regions or techniques of one query to their sessions, found by the id in column
 * 0; a session with a row out of range goes into @bad. */
static gboolean
read_session_rows (CoachHistoryStore  *self,
                   Stmt                which,
                   ReadRowFunc         read_row,
                   GHashTable         *by_id,
                   GHashTable         *bad,
                   const char         *what,
                   GError            **error)
{
  g_auto(Statement) stmt = get_statement (self, which, what, error);
  int code;

  if (stmt == NULL)
    return FALSE;
  while ((code = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CoachHistorySession *session = g_hash_table_lookup (by_id, &id);

      /* Rows of a session left out are not counted again. */
      if (session != NULL && !read_row (stmt, session))
        g_hash_table_add (bad, session);
    }
  if (code != SQLITE_DONE)
    {
      set_db_error (self, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Three queries in all, merged here: the sessions in order, then all regions and all
 * techniques, each sorted by session. */
static gboolean
load_sessions (CoachHistoryStore  *self,
               LoadData           *load,
               const char         *what,
               GError            **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) bad = g_hash_table_new (NULL, NULL);  /* sessions left out */
  int code;

  {
    g_auto(Statement) stmt = get_statement (self, STMT_SELECT_SESSIONS, what, error);

    if (stmt == NULL)
      return FALSE;
    while ((code = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        CoachHistorySession *session = read_session (stmt);

        if (session == NULL)
          {
            load->n_bad_sessions++;
            continue;
          }
        g_ptr_array_add (load->sessions, session);
        g_hash_table_insert (by_id, &session->id, session);
      }
    if (code != SQLITE_DONE)
      {
        set_db_error (self, what, error);
        return FALSE;
      }
  }

  if (!read_session_rows (self, STMT_SELECT_REGIONS, read_region, by_id, bad, what, error) ||
      !read_session_rows (self, STMT_SELECT_TECHNIQUES, read_technique, by_id, bad, what,
                          error))
    return FALSE;

  if (g_hash_table_size (bad) > 0)
    {
      load->n_bad_sessions += g_hash_table_size (bad);
      for (guint i = 0; i < load->sessions->len;)
        {
          CoachHistorySession *session = g_ptr_array_index (load->sessions, i);

          if (g_hash_table_contains (bad, session))
            g_ptr_array_remove_index (load->sessions, i);
          else
            i++;
        }
    }
  return TRUE;
}

static gboolean
load_peg (CoachHistoryStore  *self,
          LoadData           *load,
          const char         *what,
          GError            **error)
{
  g_auto(Statement) stmt = get_statement (self, STMT_SELECT_PEG, what, error);
  int code;

  if (stmt == NULL)
    return FALSE;
  while ((code = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CoachPegEntry entry;
      gint64 pain, enjoyment, activity;

      if (!read_int (stmt, 0, 1, G_MAXINT64, &entry.id) ||
          !read_int (stmt, 1, G_MININT64, G_MAXINT64, &entry.taken) ||
          !read_int (stmt, 2, 0, COACH_PAIN_MAX, &pain) ||
          !read_int (stmt, 3, 0, COACH_PAIN_MAX, &enjoyment) ||
          !read_int (stmt, 4, 0, COACH_PAIN_MAX, &activity))
        {
          load->n_bad_peg++;
          continue;
        }
      entry.pain = (int) pain;
      entry.enjoyment = (int) enjoyment;
      entry.activity = (int) activity;
      g_array_append_val (load->peg, entry);
    }
  if (code != SQLITE_DONE)
    {
      set_db_error (self, what, error);
      return FALSE;
    }
  return TRUE;
}

/* The first time sessions (or check-ins) are found that cannot be read, the damage report
 * says how many. */
static void
report_unreadable (CoachHistoryStore *self,
                   const LoadData    *load)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *sessions = NULL;
  g_autofree char *peg = NULL;

  if (load->n_bad_sessions > 0 && !self->bad_sessions_reported)
    {
      self->bad_sessions_reported = TRUE;
      sessions = g_strdup_printf (
        /* Translators: %u is a number of sessions, %s a file path. */
        g_dngettext (GETTEXT_PACKAGE, "%u recorded session could not be read and is not "
                     "shown. It is kept as it is in %s.",
                     "%u recorded sessions could not be read and are not shown. They are "
                     "kept as they are in %s.",
                     load->n_bad_sessions),
        load->n_bad_sessions, display);
      append_report (self, sessions);
    }
  if (load->n_bad_peg > 0 && !self->bad_peg_reported)
    {
      self->bad_peg_reported = TRUE;
      peg = g_strdup_printf (
        /* Translators: %u is a number of weekly check-ins, %s a file path. */
        g_dngettext (GETTEXT_PACKAGE, "%u weekly check-in could not be read and is not "
                     "shown. It is kept as it is in %s.",
                     "%u weekly check-ins could not be read and are not shown. They are kept "
                     "as they are in %s.",
                     load->n_bad_peg),
        load->n_bad_peg, display);
      append_report (self, peg);
    }
}

static gboolean
load_func (CoachHistoryStore  *self,
           gpointer            data,
           const char         *what,
           GError            **error)
{
  LoadData *load = data;

  if ((load->sessions != NULL && !load_sessions (self, load, what, error)) ||
      (load->peg != NULL && !load_peg (self, load, what, error)))
    return FALSE;
  report_unreadable (self, load);
  return TRUE;
}

/* Reads in one transaction, so that what is read is consistent. On success the arrays of
 * @load are filled; on failure they are freed. */
static gboolean
load_all (CoachHistoryStore  *self,
          LoadData           *load,
          GError            **error)
{
  if (run_transaction (self, STMT_BEGIN_READ, load_func, load,
                       _("Your session history could not be read"), error))
    return TRUE;

  g_clear_pointer (&load->sessions, g_ptr_array_unref);
  g_clear_pointer (&load->peg, g_array_unref);
  return FALSE;
}

/* ---- The object --------------------------------------------------------------------------- */

/* The store whose operation this thread is running: see dispose. */
static GPrivate running_store;

static void
coach_history_store_dispose (GObject *object)
{
  CoachHistoryStore *self = COACH_HISTORY_STORE (object);

  /* Nothing asked for is lost. When the last reference went with the worker's last task,
   * this runs on the worker, which cannot wait for itself: its queue is empty then. */
  if (self->pool != NULL)
    {
      coach_history_store_wait (self);
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE,
                          g_private_get (&running_store) != self);
    }

  g_mutex_lock (&self->lock);
  close_db (self);
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (coach_history_store_parent_class)->dispose (object);
}

static void
coach_history_store_finalize (GObject *object)
{
  CoachHistoryStore *self = COACH_HISTORY_STORE (object);

  g_free (self->path);
  g_free (self->damage_report);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->queue_lock);
  g_cond_clear (&self->queue_done);

  G_OBJECT_CLASS (coach_history_store_parent_class)->finalize (object);
}

static void
coach_history_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoachHistoryStore *self = COACH_HISTORY_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_history_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CoachHistoryStore *self = COACH_HISTORY_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_history_store_constructed (GObject *object)
{
  CoachHistoryStore *self = COACH_HISTORY_STORE (object);

  G_OBJECT_CLASS (coach_history_store_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = coach_history_store_get_default_path ();
}

static void
coach_history_store_class_init (CoachHistoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_history_store_constructed;
  object_class->dispose = coach_history_store_dispose;
  object_class->finalize = coach_history_store_finalize;
  object_class->get_property = coach_history_store_get_property;
  object_class->set_property = coach_history_store_set_property;

  /* The database file; %NULL at construction for the default. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_history_store_init (CoachHistoryStore *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->queue_lock);
  g_cond_init (&self->queue_done);
}

/**
 * coach_history_store_get_default_path:
 *
 * Returns: (transfer full): g_get_user_data_dir()/backcoach/history.db
 */
char *
coach_history_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "backcoach", "history.db", NULL);
}

CoachHistoryStore *
coach_history_store_new (const char *path)
{
  return g_object_new (COACH_TYPE_HISTORY_STORE, "path", path, NULL);
}

const char *
coach_history_store_get_path (CoachHistoryStore *self)
{
  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), NULL);

  return self->path;
}

char *
coach_history_store_take_damage_report (CoachHistoryStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  return g_steal_pointer (&self->damage_report);
}

/* ---- Synchronous operations --------------------------------------------------------------- */

gboolean
coach_history_store_add (CoachHistoryStore    *self,
                         CoachHistorySession  *session,
                         GError              **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (session != NULL, FALSE);

  g_ptr_array_add (one, session);
  return coach_history_store_add_many (self, one, error);
}

/**
 * coach_history_store_add_many:
 * @sessions: (element-type CoachHistorySession)
 *
 * Records every session of @sessions or, on error, none of them (and no id is written
 * back). A session with an id is recorded under it, unless another session has it.
 */
gboolean
coach_history_store_add_many (CoachHistoryStore  *self,
                              GPtrArray          *sessions,
                              GError            **error)
{
  g_autoptr(GArray) ids = NULL;
  AddData add;

  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), FALSE);
  g_return_val_if_fail (sessions != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint i = 0; i < sessions->len; i++)
    g_return_val_if_fail (((CoachHistorySession *) g_ptr_array_index (sessions, i))->id >= 0,
                          FALSE);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), sessions->len);
  add.sessions = sessions;
  add.ids = ids;
  if (!run_transaction (self, STMT_BEGIN_WRITE, add_func, &add,
                        g_dngettext (GETTEXT_PACKAGE, "The session could not be recorded",
                                     "The sessions could not be recorded", sessions->len),
                        error))
    return FALSE;

  for (guint i = 0; i < sessions->len; i++)
    ((CoachHistorySession *) g_ptr_array_index (sessions, i))->id =
      g_array_index (ids, gint64, i);
  return TRUE;
}

/**
 * coach_history_store_update:
 *
 * Returns: %FALSE with %COACH_HISTORY_ERROR_NOT_FOUND when no session has @session's id.
 */
gboolean
coach_history_store_update (CoachHistoryStore          *self,
                            const CoachHistorySession  *session,
                            GError                    **error)
{
  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_transaction (self, STMT_BEGIN_WRITE, update_func, (gpointer) session,
                          _("The session could not be changed"), error);
}

/**
 * coach_history_store_remove:
 *
 * Removes the session with @id, its regions and techniques.
 *
 * Returns: %FALSE with %COACH_HISTORY_ERROR_NOT_FOUND when there is none.
 */
gboolean
coach_history_store_remove (CoachHistoryStore  *self,
                            gint64              id,
                            GError            **error)
{
  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_transaction (self, STMT_BEGIN_WRITE, remove_func, &id,
                          _("The session could not be removed"), error);
}

GPtrArray *
coach_history_store_load (CoachHistoryStore  *self,
                          GError            **error)
{
  LoadData load = { 0 };

  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  load.sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
  if (!load_all (self, &load, error))
    return NULL;
  return load.sessions;
}

gboolean
coach_history_store_add_peg (CoachHistoryStore  *self,
                             CoachPegEntry      *entry,
                             GError            **error)
{
  AddPegData add = { entry, 0 };

  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!run_transaction (self, STMT_BEGIN_WRITE, add_peg_func, &add,
                        _("The weekly check-in could not be recorded"), error))
    return FALSE;
  entry->id = add.id;
  return TRUE;
}

GArray *
coach_history_store_load_peg (CoachHistoryStore  *self,
                              GError            **error)
{
  LoadData load = { 0 };

  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  load.peg = g_array_new (FALSE, FALSE, sizeof (CoachPegEntry));
  if (!load_all (self, &load, error))
    return NULL;
  return load.peg;
}

/* ---- Asynchronous operations -------------------------------------------------------------- */

typedef enum {
  OP_ADD,
  OP_UPDATE,
  OP_REMOVE,
  OP_ADD_PEG,
  OP_LOAD,
} OpKind;

typedef struct {
  OpKind               kind;
  CoachHistorySession *session;  /* add, update: the private copy that is recorded */
  CoachHistorySession *caller;   /* add: the caller's session, which gets the id */
  gint64               id;       /* remove */
  CoachPegEntry        entry;    /* add_peg */
  LoadData             load;     /* load: the results until they are taken */
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_pointer (&op->session, coach_history_session_unref);
  g_clear_pointer (&op->caller, coach_history_session_unref);
  g_clear_pointer (&op->load.sessions, g_ptr_array_unref);
  g_clear_pointer (&op->load.peg, g_array_unref);
  g_free (op);
}

/* On the worker thread, one at a time. */
static void
run_op (gpointer data,
        gpointer user_data)
{
  GTask *task = data;
  CoachHistoryStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean done = FALSE;

  g_private_set (&running_store, self);

  if (!g_task_return_error_if_cancelled (task))
    {
      switch (op->kind)
        {
        case OP_ADD:
          done = coach_history_store_add (self, op->session, &error);
          break;
        case OP_UPDATE:
          done = coach_history_store_update (self, op->session, &error);
          break;
        case OP_REMOVE:
          done = coach_history_store_remove (self, op->id, &error);
          break;
        case OP_ADD_PEG:
          done = coach_history_store_add_peg (self, &op->entry, &error);
          break;
        case OP_LOAD:
          op->load.sessions =
            g_ptr_array_new_with_free_func ((GDestroyNotify) coach_history_session_unref);
          op->load.peg = g_array_new (FALSE, FALSE, sizeof (CoachPegEntry));
          done = load_all (self, &op->load, &error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (done)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }

  g_mutex_lock (&self->queue_lock);
  if (--self->pending == 0)
    g_cond_broadcast (&self->queue_done);
  g_mutex_unlock (&self->queue_lock);

  /* May drop the last reference to the store. */
  g_object_unref (task);
  g_private_set (&running_store, NULL);
}

static void
queue_op (CoachHistoryStore   *self,
          Op                  *op,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, op_free);

  g_mutex_lock (&self->queue_lock);
  /* Made when first needed: a process that only uses the synchronous calls (or forks) has
   * no thread. */
  if (self->pool == NULL)
    self->pool = g_thread_pool_new (run_op, NULL, 1, FALSE, NULL);
  self->pending++;
  g_thread_pool_push (self->pool, task, NULL);
  g_mutex_unlock (&self->queue_lock);
}

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  return op;
}

/* Returns: (transfer none): the operation of @result, or NULL when it failed. */
static Op *
finish_op (CoachHistoryStore  *self,
           GAsyncResult       *result,
           gpointer            source_tag,
           GError            **error)
{
  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

void
coach_history_store_add_async (CoachHistoryStore   *self,
                               CoachHistorySession *session,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Op *op;

  g_return_if_fail (COACH_IS_HISTORY_STORE (self));
  g_return_if_fail (session != NULL);
  g_return_if_fail (session->id >= 0);

  op = op_new (OP_ADD);
  op->session = coach_history_session_copy (session);
  op->caller = coach_history_session_ref (session);
  queue_op (self, op, cancellable, callback, user_data, coach_history_store_add_async);
}

/**
 * coach_history_store_add_finish:
 *
 * Writes the id the session was recorded under into the session given to
 * coach_history_store_add_async().
 */
gboolean
coach_history_store_add_finish (CoachHistoryStore  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  Op *op = finish_op (self, result, coach_history_store_add_async, error);

  if (op == NULL)
    return FALSE;
  op->caller->id = op->session->id;
  return TRUE;
}

void
coach_history_store_update_async (CoachHistoryStore   *self,
                                  CoachHistorySession *session,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Op *op;

  g_return_if_fail (COACH_IS_HISTORY_STORE (self));
  g_return_if_fail (session != NULL);

  op = op_new (OP_UPDATE);
  op->session = coach_history_session_copy (session);
  queue_op (self, op, cancellable, callback, user_data, coach_history_store_update_async);
}

gboolean
coach_history_store_update_finish (CoachHistoryStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  return finish_op (self, result, coach_history_store_update_async, error) != NULL;
}

void
coach_history_store_remove_async (CoachHistoryStore   *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Op *op;

  g_return_if_fail (COACH_IS_HISTORY_STORE (self));

  op = op_new (OP_REMOVE);
  op->id = id;
  queue_op (self, op, cancellable, callback, user_data, coach_history_store_remove_async);
}

gboolean
coach_history_store_remove_finish (CoachHistoryStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  return finish_op (self, result, coach_history_store_remove_async, error) != NULL;
}

void
coach_history_store_add_peg_async (CoachHistoryStore   *self,
                                   const CoachPegEntry *entry,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Op *op;

  g_return_if_fail (COACH_IS_HISTORY_STORE (self));
  g_return_if_fail (entry != NULL);

  op = op_new (OP_ADD_PEG);
  op->entry = *entry;
  queue_op (self, op, cancellable, callback, user_data, coach_history_store_add_peg_async);
}

gboolean
coach_history_store_add_peg_finish (CoachHistoryStore  *self,
                                    GAsyncResult       *result,
                                    CoachPegEntry      *entry,
                                    GError            **error)
{
  Op *op = finish_op (self, result, coach_history_store_add_peg_async, error);

  if (op == NULL)
    return FALSE;
  if (entry != NULL)
    *entry = op->entry;
  return TRUE;
}

void
coach_history_store_load_async (CoachHistoryStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (COACH_IS_HISTORY_STORE (self));

  queue_op (self, op_new (OP_LOAD), cancellable, callback, user_data,
            coach_history_store_load_async);
}

/**
 * coach_history_store_load_finish:
 * @sessions: (out) (optional) (transfer container) (element-type CoachHistorySession)
 * @peg: (out) (optional) (transfer full) (element-type CoachPegEntry)
 */
gboolean
coach_history_store_load_finish (CoachHistoryStore  *self,
                                 GAsyncResult       *result,
                                 GPtrArray         **sessions,
                                 GArray            **peg,
                                 GError            **error)
{
  Op *op = finish_op (self, result, coach_history_store_load_async, error);

  if (op == NULL)
    return FALSE;
  if (sessions != NULL)
    *sessions = g_steal_pointer (&op->load.sessions);
  if (peg != NULL)
    *peg = g_steal_pointer (&op->load.peg);
  return TRUE;
}

void
coach_history_store_wait (CoachHistoryStore *self)
{
  g_return_if_fail (COACH_IS_HISTORY_STORE (self));

  g_mutex_lock (&self->queue_lock);
  while (self->pending > 0)
    g_cond_wait (&self->queue_done, &self->queue_lock);
  g_mutex_unlock (&self->queue_lock);
}

/**
 * coach_history_store_get_writes:
 *
 * How many write operations have been committed, and whether any operation is still queued:
 * a reader that saw the same count with nothing queued already has what is on disk.
 *
 * Returns: the count of committed writes.
 */
guint64
coach_history_store_get_writes (CoachHistoryStore *self,
                                gboolean          *busy)
{
  guint64 writes;

  g_return_val_if_fail (COACH_IS_HISTORY_STORE (self), 0);

  if (busy != NULL)
    {
      g_mutex_lock (&self->queue_lock);
      *busy = self->pending > 0;
      g_mutex_unlock (&self->queue_lock);
    }
  g_mutex_lock (&self->lock);
  writes = self->writes;
  g_mutex_unlock (&self->lock);
  return writes;
}
