/* coach-history-store.h: the crash-safe store of recorded sessions and PEG check-ins (SQLite,
 * in the user data directory).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "coach-history.h"

G_BEGIN_DECLS

#define COACH_HISTORY_ERROR (coach_history_error_quark ())
GQuark coach_history_error_quark (void);

typedef enum {
  COACH_HISTORY_ERROR_FAILED,        /* the file cannot be opened, read or written */
  COACH_HISTORY_ERROR_NEWER,         /* written by a newer Back Coach: left untouched */
  COACH_HISTORY_ERROR_NOT_FOUND,     /* no session with that id */
} CoachHistoryError;

/* The version of the store's format that this build writes (SQLite user_version). */
#define COACH_HISTORY_STORE_VERSION 2

#define COACH_TYPE_HISTORY_STORE (coach_history_store_get_type ())

G_DECLARE_FINAL_TYPE (CoachHistoryStore, coach_history_store, COACH, HISTORY_STORE, GObject)

/* g_get_user_data_dir()/backcoach/history.db */
char              *coach_history_store_get_default_path  (void);

/* Does no I/O: the file is opened (created, migrated, or found damaged and moved aside) by
 * the first operation. @path NULL means the default path. */
CoachHistoryStore *coach_history_store_new               (const char         *path);
const char        *coach_history_store_get_path          (CoachHistoryStore  *self);

/* When opening found the file damaged, it was renamed to history.db.damaged-DATE-TIME and a
 * fresh store started. Returns: (transfer full) (nullable): the translated message that says
 * so, once; NULL afterwards and when nothing was damaged. */
char              *coach_history_store_take_damage_report (CoachHistoryStore *self);

/* Synchronous operations: each is one transaction, recorded completely or not at all. They
 * may be called from any thread; they block on the disk. */

/* Records @session. When its id is 0 the store assigns one (written back into @session);
 * otherwise the session is recorded under that id again (undoing a removal). */
gboolean           coach_history_store_add               (CoachHistoryStore   *self,
                                                          CoachHistorySession *session,
                                                          GError             **error);
/* Records many sessions in one transaction (ids assigned as by add). */
gboolean           coach_history_store_add_many          (CoachHistoryStore   *self,
                                                          GPtrArray           *sessions,
                                                          GError             **error);
/* Replaces the recorded session with @session's id by @session (e.g. after pain ratings). */
gboolean           coach_history_store_update            (CoachHistoryStore         *self,
                                                          const CoachHistorySession *session,
                                                          GError                   **error);
gboolean           coach_history_store_remove            (CoachHistoryStore   *self,
                                                          gint64               id,
                                                          GError             **error);
/* Returns: (transfer container) (element-type CoachHistorySession): every session, the
 * oldest first (by start time, then id); NULL on error. */
GPtrArray         *coach_history_store_load              (CoachHistoryStore   *self,
                                                          GError             **error);
/* Records @entry, assigning its id. */
gboolean           coach_history_store_add_peg           (CoachHistoryStore   *self,
                                                          CoachPegEntry       *entry,
                                                          GError             **error);
/* Returns: (transfer full) (element-type CoachPegEntry): every PEG check-in, the oldest
 * first; NULL on error. */
GArray            *coach_history_store_load_peg          (CoachHistoryStore   *self,
                                                          GError             **error);

/* The same off the main thread. Operations run one at a time in the order they were asked
 * for; @callback runs in the thread-default main context of the caller. */
void               coach_history_store_add_async         (CoachHistoryStore   *self,
                                                          CoachHistorySession *session,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           coach_history_store_add_finish        (CoachHistoryStore   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void               coach_history_store_update_async      (CoachHistoryStore   *self,
                                                          CoachHistorySession *session,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           coach_history_store_update_finish     (CoachHistoryStore   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void               coach_history_store_remove_async      (CoachHistoryStore   *self,
                                                          gint64               id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           coach_history_store_remove_finish     (CoachHistoryStore   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void               coach_history_store_add_peg_async     (CoachHistoryStore   *self,
                                                          const CoachPegEntry *entry,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* @entry (out) (optional): the entry as recorded, with its id */
gboolean           coach_history_store_add_peg_finish    (CoachHistoryStore   *self,
                                                          GAsyncResult        *result,
                                                          CoachPegEntry       *entry,
                                                          GError             **error);
/* Loads sessions and PEG check-ins together. */
void               coach_history_store_load_async        (CoachHistoryStore   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           coach_history_store_load_finish       (CoachHistoryStore   *self,
                                                          GAsyncResult        *result,
                                                          GPtrArray          **sessions,
                                                          GArray             **peg,
                                                          GError             **error);
/* The number of write operations committed so far; @busy (out) (optional): whether any
 * operation is still queued. Lets a reader skip reading again when nothing changed. */
guint64            coach_history_store_get_writes        (CoachHistoryStore   *self,
                                                          gboolean            *busy);
/* Blocks until every operation asked for so far is done (at shutdown: nothing is lost). */
void               coach_history_store_wait              (CoachHistoryStore   *self);

G_END_DECLS
