/*
 * db_copy: a whole giamsat database copied into another, across engines
 * (`giamsat migrate`: a SQLite file into PostgreSQL, and back into a new
 * SQLite file). Every row of every table, with the same ids, so every
 * report of the copy is the report of the original.
 *
 * Written against the driver interface only (db_internal.h): it names no
 * engine. The source is read in one read transaction (one consistent
 * moment, even while a server writes to it); the destination is written
 * in one transaction, so a failure leaves it as it was (but for
 * PostgreSQL's identity sequences, which no rollback moves back).
 *
 * The destination must hold no data: only the rows its migrations put
 * there (the counting policy, the generation counters), which the
 * source's replace. The table list lives in db_copy.c, in foreign-key
 * order; a table of either database that the list lacks stops the copy.
 */
#ifndef GIAMSAT_DB_COPY_H
#define GIAMSAT_DB_COPY_H

#include "db.h"

#include "util/err.h"

#include <stddef.h>

#define DB_COPY_MAX_TABLES 64

/* What a copy did: per table (in the order copied), the rows copied. */
struct db_copy_summary {
    size_t n;
    struct {
        const char *table; /* static */
        long rows;         /* copied; the destination's count after commit equals it */
    } t[DB_COPY_MAX_TABLES];
    long total;
};

/**
 * Copy every row of from into to, both opened by db_open() (so both at
 * this build's schema), then commit and verify: each table of to counts
 * the rows from holds. *out says what was copied.
 *
 * Errors: ERR_CONFLICT when to holds data (the message names to and a
 * table that has rows); ERR_INTERNAL when a database has a table this
 * module's list lacks (or lacks one it has); ERR_STORAGE or ERR_BUSY
 * when a read or a write fails (the message names the table), or when the
 * counts after commit differ. On any error before the commit to is
 * unchanged.
 */
int db_copy(struct db *from, struct db *to, struct db_copy_summary *out, struct err *e);

#endif
