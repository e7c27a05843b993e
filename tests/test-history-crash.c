/* test-history-crash.c: a process recording sessions is killed at random moments, hundreds
 * of times over the same file; every session it was told was recorded survives, exactly.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each round forks a child that records, changes and removes sessions with the synchronous
 * API (no thread exists before the fork), reporting on a pipe what it is about to do and
 * what each call acknowledged. The parent kills it with SIGKILL after 0-40 ms, then checks
 * the file with a new store: the acknowledged state exactly, give or take the one operation
 * under way when the child died, no partial session, and no damage. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include "coach-history-store.h"
#include "file-test-util.h"

#define N_ROUNDS 200
#define MAX_DELAY_MS 40
#define SEQ_PER_ROUND 100000   /* the sequence numbers of round r are r * SEQ_PER_ROUND + n */

typedef enum {
  REPORT_TRY_ADD,
  REPORT_ADDED,
  REPORT_TRY_UPDATE,
  REPORT_UPDATED,
  REPORT_TRY_REMOVE,
  REPORT_REMOVED,
  REPORT_FAILED,
} ReportKind;

/* Smaller than PIPE_BUF: written whole or not at all. */
typedef struct {
  gint32 kind;
  gint32 seq;
  gint32 version;
  gint32 padding;
  gint64 id;
} Report;

/* The session with sequence number @seq, as changed @version times: every field, regions
 * and techniques follow from the two. */
static CoachHistorySession *
make_session (gint64 id,
              gint32 seq,
              gint32 version)
{
  CoachHistorySession *session = coach_history_session_new ();
  guint regions = (guint) (seq * 7 + version) % 63 + 1;

  session->id = id;
  session->started = 1700000000 + seq;
  session->seconds = seq % 3600 + version;
  session->planned_seconds = 3600;
  session->routine = g_strdup_printf ("Routine %d, “%d”", seq, version);
  if (seq % 2 == 1)
    {
      session->kind = COACH_HISTORY_PARTNER;
      session->partner = g_strdup_printf ("Partner '%d'", seq);
      session->receiver = (seq / 2) % 2 == 0 ? COACH_RECEIVER_SELF : COACH_RECEIVER_PARTNER;
    }
  session->completed = (seq + version) % 3 != 0;
  session->pain_before = seq % 12 - 1;
  session->pain_after = (seq + version) % 12 - 1;
  for (guint r = 0; r < COACH_N_REGIONS; r++)
    if (regions & (1u << r))
      coach_history_session_set_region (session, r, (seq + r) % 11,
                                        (int) ((seq + version + r) % 12) - 1);
  for (int i = 0; i < 3 + (seq + version) % 5; i++)
    {
      g_autofree char *technique = g_strdup_printf ("technique-%d-%d", (i * 7 + seq) % 30, i);
      g_autofree char *title = g_strdup_printf ("Technique %d\n(%d)", i, version);

      coach_history_session_add_technique (session, technique, title, 30 * (i + 1) + version);
    }
  if (version > 0)
    session->note = g_strdup_printf ("Changed %d times", version);
  return session;
}

/* ---- The child ---------------------------------------------------------------------------- */

static void
send_report (int        fd,
             ReportKind kind,
             gint32     seq,
             gint32     version,
             gint64     id)
{
  Report report = { kind, seq, version, 0, id };
  ssize_t written;

  do
    written = write (fd, &report, sizeof report);
  while (written < 0 && errno == EINTR);
  if (written != sizeof report)
    _exit (2);
}

typedef struct {
  gint64 id;
  gint32 seq;
  gint32 version;
} Own;

static void G_GNUC_NORETURN
run_child (const char *path,
           gint32      round,
           guint32     seed,
           int         fd)
{
  CoachHistoryStore *store = coach_history_store_new (path);
  GArray *own = g_array_new (FALSE, FALSE, sizeof (Own));
  GRand *rand = g_rand_new_with_seed (seed);
  GError *error = NULL;

  for (gint32 n = 0; n < SEQ_PER_ROUND - 1; n++)
    {
      guint choice = g_rand_int_range (rand, 0, 10);
      guint index = own->len > 0 ? g_rand_int_range (rand, 0, own->len) : 0;
      Own *mine = own->len > 0 ? &g_array_index (own, Own, index) : NULL;
      gboolean done;

      if (mine != NULL && choice < 2)
        {
          CoachHistorySession *changed = make_session (mine->id, mine->seq, mine->version + 1);

          send_report (fd, REPORT_TRY_UPDATE, mine->seq, mine->version + 1, mine->id);
          done = coach_history_store_update (store, changed, &error);
          if (done)
            send_report (fd, REPORT_UPDATED, mine->seq, ++mine->version, mine->id);
          coach_history_session_unref (changed);
        }
      else if (mine != NULL && choice < 3)
        {
          send_report (fd, REPORT_TRY_REMOVE, mine->seq, mine->version, mine->id);
          done = coach_history_store_remove (store, mine->id, &error);
          if (done)
            {
              send_report (fd, REPORT_REMOVED, mine->seq, mine->version, mine->id);
              g_array_remove_index_fast (own, index);
            }
        }
      else
        {
          Own added = { 0, round * SEQ_PER_ROUND + n, 0 };
          CoachHistorySession *session = make_session (0, added.seq, 0);

          send_report (fd, REPORT_TRY_ADD, added.seq, 0, 0);
          done = coach_history_store_add (store, session, &error);
          if (done)
            {
              added.id = session->id;
              send_report (fd, REPORT_ADDED, added.seq, 0, added.id);
              g_array_append_val (own, added);
            }
          coach_history_session_unref (session);
        }

      if (!done)
        {
          g_printerr ("child: %s\n", error->message);
          send_report (fd, REPORT_FAILED, 0, 0, 0);
          _exit (1);
        }
    }
  /* Only killing ends a round. */
  pause ();
  _exit (0);
}

/* ---- The parent --------------------------------------------------------------------------- */

typedef struct {
  gint32 seq;
  gint32 version;
} Expected;

typedef struct {
  GHashTable *expected;   /* id -> Expected: what must be in the file */
  GHashTable *removed;    /* ids removed, which must never come back */
  Report      pending;    /* the operation under way when the child died: kind REPORT_FAILED
                           * when none */
  guint       n_checked;
} Model;

static void
expect (Model  *model,
        gint64  id,
        gint32  seq,
        gint32  version)
{
  Expected *expected = g_new (Expected, 1);

  expected->seq = seq;
  expected->version = version;
  g_hash_table_insert (model->expected, g_memdup2 (&id, sizeof id), expected);
}

static void
read_reports (Model *model,
              int    fd)
{
  Report report;
  ssize_t got;

  model->pending.kind = REPORT_FAILED;
  for (;;)
    {
      got = read (fd, &report, sizeof report);
      if (got < 0 && errno == EINTR)
        continue;
      if (got == 0)
        break;
      g_assert_cmpint (got, ==, sizeof report);

      switch (report.kind)
        {
        case REPORT_TRY_ADD:
        case REPORT_TRY_UPDATE:
        case REPORT_TRY_REMOVE:
          model->pending = report;
          break;
        case REPORT_ADDED:
        case REPORT_UPDATED:
          expect (model, report.id, report.seq, report.version);
          model->pending.kind = REPORT_FAILED;
          break;
        case REPORT_REMOVED:
          g_assert_true (g_hash_table_remove (model->expected, &report.id));
          g_hash_table_add (model->removed, g_memdup2 (&report.id, sizeof report.id));
          model->pending.kind = REPORT_FAILED;
          break;
        default:
          g_error ("The child could not record a session");
        }
    }
}

static gboolean
is_session (CoachHistorySession *loaded,
            gint32               seq,
            gint32               version)
{
  g_autoptr(CoachHistorySession) expected = make_session (loaded->id, seq, version);

  return coach_history_session_equal (loaded, expected);
}

/* The file holds exactly the acknowledged sessions, give or take the pending operation,
 * whose outcome the model then takes on. */
static void
check_file (Model      *model,
            const char *path)
{
  g_autoptr(CoachHistoryStore) store = coach_history_store_new (path);
  g_autoptr(CoachHistorySession) parents = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  const Report *pending = &model->pending;
  GHashTableIter iter;
  gpointer key, value;

  sessions = coach_history_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_null (coach_history_store_take_damage_report (store));

  for (guint i = 0; i < sessions->len; i++)
    {
      CoachHistorySession *loaded = g_ptr_array_index (sessions, i);
      Expected *expected = g_hash_table_lookup (model->expected, &loaded->id);

      g_hash_table_add (seen, &loaded->id);
      g_assert_false (g_hash_table_contains (model->removed, &loaded->id));
      if (expected == NULL)
        {
          /* Only the add under way may have been recorded without its acknowledgement. */
          g_assert_cmpint (pending->kind, ==, REPORT_TRY_ADD);
          g_assert_true (is_session (loaded, pending->seq, 0));
          expect (model, loaded->id, pending->seq, 0);
          model->pending.kind = REPORT_FAILED;
        }
      else if (!is_session (loaded, expected->seq, expected->version))
        {
          g_assert_cmpint (pending->kind, ==, REPORT_TRY_UPDATE);
          g_assert_cmpint (pending->id, ==, loaded->id);
          g_assert_true (is_session (loaded, pending->seq, pending->version));
          expected->version = pending->version;
        }
      model->n_checked++;
    }

  g_hash_table_iter_init (&iter, model->expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        /* Only the remove under way may have been done without its acknowledgement. */
        g_assert_cmpint (pending->kind, ==, REPORT_TRY_REMOVE);
        g_assert_cmpint (pending->id, ==, *(gint64 *) key);
        g_hash_table_add (model->removed, g_memdup2 (key, sizeof (gint64)));
        g_hash_table_iter_remove (&iter);
      }
  g_assert_cmpuint (g_hash_table_size (model->expected), ==, sessions->len);

  /* The store keeps working after the crash. */
  parents = make_session (0, (gint32) sessions->len * 7 % SEQ_PER_ROUND, 5);
  g_assert_true (coach_history_store_add (store, parents, &error));
  g_assert_no_error (error);
  expect (model, parents->id, (gint32) sessions->len * 7 % SEQ_PER_ROUND, 5);
}

static void
test_kill_while_recording (void)
{
  g_autofree char *dir = g_dir_make_tmp ("backcoach-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "backcoach", "history.db", NULL);
  Model model = {
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    { REPORT_FAILED, 0, 0, 0, 0 },
    0,
  };
  guint n_in_flight = 0;

  g_assert_nonnull (dir);
  for (gint32 round = 1; round <= N_ROUNDS; round++)
    {
      guint32 seed = g_test_rand_int ();
      int fds[2];
      int status;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_child (path, round, seed, fds[1]);
        }
      close (fds[1]);

      g_usleep (g_test_rand_int_range (0, MAX_DELAY_MS + 1) * G_TIME_SPAN_MILLISECOND);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      read_reports (&model, fds[0]);
      close (fds[0]);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      if (model.pending.kind != REPORT_FAILED)
        n_in_flight++;
      check_file (&model, path);
    }

  g_test_message ("%d kills, %u sessions checked, %u with an operation under way; %u "
                  "sessions in the file at the end", N_ROUNDS, model.n_checked, n_in_flight,
                  g_hash_table_size (model.expected));
  g_hash_table_unref (model.expected);
  g_hash_table_unref (model.removed);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-store/kill-while-recording", test_kill_while_recording);

  return g_test_run ();
}
