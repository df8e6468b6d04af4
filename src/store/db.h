/*
 * db: the database of giamsat: a SQLite file by default, or PostgreSQL
 * for a deployment of several servers (db_open() takes a postgresql://
 * URI). Everything above the store sees struct db and our own structs;
 * below it, one driver per engine (db_driver.h) is the only code that
 * names one.
 *
 * db_open() connects and applies the migrations the database lacks.
 * Every write runs between db_begin() and db_commit(); db_rollback()
 * undoes it, so a failed import leaves the database exactly as it was.
 *
 * One writer at a time, on either engine: a writer that finds another
 * holding the write lock waits behind it, up to DB_BUSY_WAIT_MS on SQLite,
 * and only then fails with ERR_BUSY. Imports are fast enough
 * (docs/PERFORMANCE.md) that the largest one holds the lock for seconds,
 * not minutes. Messages never name a database URI: they may reach a web
 * client.
 */
#ifndef GIAMSAT_DB_H
#define GIAMSAT_DB_H

#define DB_BUSY_WAIT_MS 120000 /* longest wait for another writer's lock */

#include "util/err.h"

#include <stdbool.h>

struct db;

/**
 * Open target: a postgresql:// (or postgres://) URI connects to that
 * PostgreSQL database; anything else is the path of a SQLite file, created
 * when missing. Applies the migrations it lacks. Returns 0 and a new handle
 * (close with db_close()); errors name the target as db_display_name() does.
 */
int db_open(const char *target, struct db **out, struct err *e);
/** How messages name target: a file's path, never a URI (it may hold a password). */
const char *db_display_name(const char *target);
/** Whether target names a SQLite file (not a database server's URI). */
bool db_is_file(const char *target);
void db_close(struct db *db);
/**
 * Size db's caches for a connection kept open to serve many reads of a
 * large database (the server's pool, web/dbpool.h): a larger page cache
 * and memory-mapped reads of the whole file. Errors: ERR_STORAGE.
 */
int db_tune_for_server(struct db *db, struct err *e);

int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
/** Undo the open transaction; safe to call when none is open. */
void db_rollback(struct db *db);

/**
 * True when db has no transaction open and no statement in progress
 * (stepped and not reset or finalized): its next query starts from the
 * latest committed data. A connection kept for reuse (web/dbpool.h) must
 * be idle.
 */
bool db_is_idle(struct db *db);

/**
 * True when db's connection to its database server was lost (the server
 * restarted, or failed over to a replica): every other connection opened
 * before is likely lost too. Never true on SQLite.
 */
bool db_is_lost(struct db *db);

/**
 * Wait up to timeout_ms (at most a few seconds: the caller checks whether to
 * stop between waits) for a write made through another connection, by this
 * process or another server, to commit. True when one did: PostgreSQL tells
 * its listeners (the schema's triggers notify at each commit). On SQLite
 * it just waits and answers false: poll store_data_generation() then.
 */
bool db_wait_change(struct db *db, int timeout_ms);

/** Schema version this build writes. */
int db_schema_version(void);

/* What a copy of the database holds (db_backup(), db_check_copy(), db_restore()). */
struct db_copy_info {
    int schema; /* PRAGMA user_version */
    long tasks, reports, audit_lines;
};

/**
 * Copy the live database db into the new file path (refused, ERR_CONFLICT,
 * when path exists): SQLite's online backup in one read transaction, so
 * the copy is one consistent moment while the server goes on writing. The
 * copy is written under a temporary name, integrity-checked and only then
 * linked to path; *info says what it holds.
 */
int db_backup(struct db *db, const char *path, struct db_copy_info *info, struct err *e);
/**
 * Check that path is a giamsat database this build can restore: SQLite,
 * integrity ok, a schema from 1 to db_schema_version(), the core tables.
 * ERR_INVALID naming the file and the problem otherwise.
 */
int db_check_copy(const char *path, struct db_copy_info *info, struct err *e);
/**
 * Replace the content of db by the copy at path (checked as by
 * db_check_copy() first; db is untouched when that fails), then migrate
 * it to this build's schema and check its integrity. Stop the server
 * first: its caches would not know the data changed under them.
 */
int db_restore(struct db *db, const char *path, struct db_copy_info *info, struct err *e);

#endif
