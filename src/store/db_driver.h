/*
 * db_driver: the seam between the store and a database engine, as curl's
 * vtls is between curl and a TLS library. A driver (driver_sqlite.c,
 * driver_pg.c) implements struct db_driver; every store module calls only
 * the stmt_*() and db_*() functions of db_internal.h, which dispatch here,
 * and so never names an engine.
 *
 * The SQL the store writes is what both engines accept: `?` parameters
 * (or `?N` to use one twice), ON CONFLICT ... DO NOTHING/DO UPDATE, no
 * engine functions. A driver translates the placeholders to its own. The
 * dialect that must differ (schema and migrations, append-only triggers,
 * transaction modes, copies of the database) lives in the driver.
 *
 * Errors. A failing call records the engine's message and an error kind
 * on the connection (struct db.last); db_error() turns them into a struct
 * err. stmt_step() returns DB_ROW, DB_DONE, DB_CONSTRAINT (a UNIQUE,
 * CHECK or foreign-key constraint refused the write) or DB_FAIL.
 *
 * Include only from src/store/.
 */
#ifndef GIAMSAT_DB_DRIVER_H
#define GIAMSAT_DB_DRIVER_H

#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

struct db;

enum { DB_FAIL = 1, DB_CONSTRAINT = 19, DB_ROW = 100, DB_DONE = 101 };

/* What a column of the current row holds (db_driver.col_kind). */
enum db_kind { DB_KIND_NULL, DB_KIND_INTEGER, DB_KIND_REAL, DB_KIND_TEXT, DB_KIND_BLOB };

struct strvec;

/*
 * A prepared statement. Parameters are numbered from 1, columns from 0.
 * A text or blob bound is copied (the caller may free it at once). Text
 * read from a column is borrowed: valid until the next step, reset or
 * finalize of that statement.
 */
struct stmt {
    const struct db_driver *drv;
    struct db *db;
};

struct db_driver {
    const char *name; /* "sqlite", "postgresql" */
    /* Connect db to target (a file path, or a postgresql:// URI) and apply the
     * migrations it lacks; on failure db->conn is left for close(). */
    int (*open)(struct db *db, const char *target, struct err *e);
    void (*close)(struct db *db);
    /* Run sql (one or several statements, no parameters). */
    int (*exec)(struct db *db, const char *sql, struct err *e);
    /* persistent: the statement will be reused many times (db_prepare_cached). */
    int (*prepare)(struct db *db, const char *sql, bool persistent, struct stmt **st,
                   struct err *e);
    void (*finalize)(struct stmt *st);
    /* Ready st to run again with no parameters bound. */
    void (*reset)(struct stmt *st);
    /* Stepped and neither done nor reset: it holds a read snapshot open. */
    bool (*busy)(struct stmt *st);
    void (*bind_null)(struct stmt *st, int i);
    void (*bind_int)(struct stmt *st, int i, long v);
    void (*bind_double)(struct stmt *st, int i, double v);
    void (*bind_text)(struct stmt *st, int i, const char *s);
    void (*bind_blob)(struct stmt *st, int i, const void *p, size_t len);
    int (*step)(struct stmt *st);
    int (*column_count)(struct stmt *st);
    bool (*is_null)(struct stmt *st, int col);
    long (*col_int)(struct stmt *st, int col);
    double (*col_double)(struct stmt *st, int col);
    const char *(*col_text)(struct stmt *st, int col); /* NULL for NULL */
    const void *(*col_blob)(struct stmt *st, int col, size_t *len);
    /* The kind of value column col of the current row holds: SQLite's storage
     * class, PostgreSQL's column type (bigint and integer are DB_KIND_INTEGER,
     * double precision DB_KIND_REAL, bytea DB_KIND_BLOB, the rest text). */
    enum db_kind (*col_kind)(struct stmt *st, int col);
    /* The name of result column col (borrowed, valid until finalize). */
    const char *(*col_name)(struct stmt *st, int col);
    /* Rows changed by the last INSERT, UPDATE or DELETE of db. */
    long (*changes)(struct db *db);
    /* Id given to the last row db inserted. */
    long (*last_id)(struct db *db);
    /* A write transaction (one writer at a time, across every process), a read
     * snapshot, and their ends. */
    int (*begin_write)(struct db *db, struct err *e);
    int (*begin_read)(struct db *db, struct err *e);
    int (*commit)(struct db *db, struct err *e);
    void (*rollback)(struct db *db);
    /* No transaction open and no statement holding a read open (db_is_idle()). */
    bool (*idle)(struct db *db);
    /* The connection to the server is gone (db_is_lost()); an embedded engine never loses it. */
    bool (*lost)(struct db *db);
    /* Wait up to timeout_ms for a write of another connection to commit; true when one
     * did (PostgreSQL: a notification on giamsat_generation). An engine that cannot
     * tell waits the time and answers false: the caller then polls. */
    bool (*wait_change)(struct db *db, int timeout_ms);
    /* The server's pool: caches for many reads of a large database. */
    int (*tune_for_server)(struct db *db, struct err *e);
    /* Push the name of every table of giamsat's schema onto out: not the
     * engine's own (sqlite_*), nor the driver's bookkeeping (PostgreSQL's
     * schema_version). For a copy of the whole database (db_copy.h). */
    int (*tables)(struct db *db, struct strvec *out, struct err *e);
    /* After rows were inserted with their ids given: make the ids the engine
     * generates next follow the largest of each table (PostgreSQL's identity
     * sequences; nothing to do on SQLite, whose next rowid is max + 1).
     * PostgreSQL does not roll a sequence back with the transaction. */
    int (*sync_ids)(struct db *db, struct err *e);
};

extern const struct db_driver db_driver_sqlite;
extern const struct db_driver db_driver_pg;

/** The driver for target: PostgreSQL for a postgresql:// or postgres:// URI, else SQLite. */
const struct db_driver *db_driver_for(const char *target);

#endif
