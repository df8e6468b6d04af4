/*
 * db: the SQLite database of giamsat. This is the only layer that includes
 * sqlite3.h; everything above sees struct db and our own structs.
 *
 * db_open() opens (or creates) the file, turns on WAL and foreign keys, and
 * applies the migrations in schema order (PRAGMA user_version). Every write
 * runs between db_begin() and db_commit(); db_rollback() undoes it, so a
 * failed import leaves the database exactly as it was.
 *
 * The SQL is plain and portable (no SQLite-only syntax beyond INSERT OR
 * IGNORE and the PRAGMAs here), so a PostgreSQL backend can live beside it.
 */
#ifndef GIAMSAT_DB_H
#define GIAMSAT_DB_H

#include "util/err.h"

#include <stdbool.h>

struct db;

/** Open or create `path`. Returns 0 and a new handle (close with db_close()). */
int db_open(const char *path, struct db **out, struct err *e);
void db_close(struct db *db);

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

/** Schema version this build writes. */
int db_schema_version(void);

#endif
