/*
 * db_internal: what the store modules share and nobody else sees: the
 * struct db layout and small statement helpers. Include only from
 * src/store/.
 */
#ifndef GIAMSAT_DB_INTERNAL_H
#define GIAMSAT_DB_INTERNAL_H

#include "core/date.h"
#include "db.h"
#include "db_driver.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Statements kept prepared per connection (db_prepare_cached): the web's
 * queries and every statement an import runs per row, so a row costs its
 * steps and never a parse.
 */
#define DB_STMT_CACHE 64
#define DB_MSG_LEN 512

struct db {
    const struct db_driver *drv;
    void *conn; /* the driver's connection */
    char *path; /* what db_open() was given; never put in a message (it may hold a password) */
    bool in_tx;
    bool holds_writer; /* between db_begin() and its commit or rollback: see db.c */
    bool closing; /* in db_close(): a statement's server-side state goes with the connection */
    struct {
        enum err_kind kind; /* ERR_STORAGE or ERR_BUSY */
        char msg[DB_MSG_LEN];
    } last; /* the driver's last failure, for db_error() */
    struct {
        char *sql; /* owned copy of the text, the key */
        struct stmt *st;
    } cached[DB_STMT_CACHE];
    size_t n_cached;
};

/** A driver records a failure of db: kind and the engine's message (NULL reads as ""). */
void db_set_failure(struct db *db, enum err_kind kind, const char *msg);

/* Statement calls: see db_driver.h. stmt_finalize() accepts NULL. */
static inline int stmt_step(struct stmt *st)
{
    return st->drv->step(st);
}
static inline void stmt_bind_null(struct stmt *st, int i)
{
    st->drv->bind_null(st, i);
}
static inline void stmt_bind_int(struct stmt *st, int i, long v)
{
    st->drv->bind_int(st, i, v);
}
static inline void stmt_bind_double(struct stmt *st, int i, double v)
{
    st->drv->bind_double(st, i, v);
}
static inline void stmt_bind_blob(struct stmt *st, int i, const void *p, size_t len)
{
    st->drv->bind_blob(st, i, p, len);
}
static inline bool stmt_is_null(struct stmt *st, int col)
{
    return st->drv->is_null(st, col);
}
static inline long stmt_int(struct stmt *st, int col)
{
    return st->drv->col_int(st, col);
}
static inline double stmt_double(struct stmt *st, int col)
{
    return st->drv->col_double(st, col);
}
static inline const void *stmt_blob(struct stmt *st, int col, size_t *len)
{
    return st->drv->col_blob(st, col, len);
}
static inline enum db_kind stmt_kind(struct stmt *st, int col)
{
    return st->drv->col_kind(st, col);
}
static inline const char *stmt_column_name(struct stmt *st, int col)
{
    return st->drv->col_name(st, col);
}
static inline int stmt_column_count(struct stmt *st)
{
    return st->drv->column_count(st);
}
static inline void stmt_reset(struct stmt *st)
{
    st->drv->reset(st);
}
static inline void stmt_finalize(struct stmt *st)
{
    if (st)
        st->drv->finalize(st);
}
/** Rows changed by db's last INSERT, UPDATE or DELETE. */
static inline long db_changes(struct db *db)
{
    return db->drv->changes(db);
}

/** Prepare sql; on failure records ERR_STORAGE with the engine's message. */
int db_prepare(struct db *db, const char *sql, struct stmt **st, struct err *e);
/**
 * db_prepare() for a query a connection runs again and again (on every
 * web request): the statement stays prepared on db, keyed by the text of
 * sql, and comes back reset with no bindings. Give it back with
 * db_finish_cached(), never stmt_finalize(). When the one kept for sql
 * is in use (or the cache is full) a fresh statement is prepared, and
 * db_finish_cached() finalizes it.
 */
int db_prepare_cached(struct db *db, const char *sql, struct stmt **st, struct err *e);
/** A deferred BEGIN: the first read fixes the WAL snapshot every later read sees. */
int db_begin_read(struct db *db, struct err *e);
/**
 * The reads of one answer in one snapshot: begin a read transaction unless
 * db is in one already (*began says which), and db_read_end() ends what it
 * began. Errors: db_begin_read()'s.
 */
int db_read_begin(struct db *db, bool *began, struct err *e);
void db_read_end(struct db *db, bool began);
/** Reset a statement of db_prepare_cached() for its next use (or finalize it); accepts NULL. */
void db_finish_cached(struct db *db, struct stmt *st);
/** Step a statement that returns no row (or ignore rows). */
int db_step_done(struct db *db, struct stmt *st, struct err *e);
/** Run sql that takes no parameters. */
int db_exec(struct db *db, const char *sql, struct err *e);
/** Bind text, or NULL when s is NULL. */
void db_bind_text(struct stmt *st, int col, const char *s);
/** Column text as a newly allocated string ("" for NULL). */
char *db_col_dup(struct stmt *st, int col);
/** Column text borrowed ("" for NULL), valid until the next step. */
const char *db_col_text(struct stmt *st, int col);
/** Rowid of the last insert on this connection. */
long db_last_id(struct db *db);
/** The ISO date in column col, DATE_NONE when NULL or not a date. */
struct date db_col_date(struct stmt *st, int col);
/** Bind d as "YYYY-MM-DD", or NULL when unset. */
void db_bind_date(struct stmt *st, int col, struct date d);
/** First column of the first row of sql with one text parameter; *id = 0 when no row. */
int db_query_id(struct db *db, const char *sql, const char *arg, long *id, struct err *e);
/** Run sql binding args[0..n) as text (NULL binds NULL), ignoring rows. */
int db_run(struct db *db, const char *sql, const char *const *args, int n, struct err *e);
/** Step st; true while it yields a row. *rc receives stmt_step()'s code (DB_DONE at the end). */
static inline bool db_row(struct stmt *st, int *rc)
{
    *rc = stmt_step(st);
    return *rc == DB_ROW;
}
/**
 * Whether line is one of lines[0..n): a row the user confirmed (the *_lines
 * options of store_import.h and store_progress.h).
 */
static inline bool line_listed(const size_t *lines, size_t n, size_t line)
{
    for (size_t i = 0; i < n; i++)
        if (lines[i] == line)
            return true;
    return false;
}
#define DB_TS_LEN 32
/** The current UTC time as "YYYY-MM-DDTHH:MM:SSZ", for created/entered columns. */
void db_timestamp(char out[DB_TS_LEN]);
/**
 * Open an import run (the record every imported row points back to): now,
 * the file (NULL reads as "") and the format ("program", "progress",
 * "measurements", "registry"...); *id receives its id, 0 on failure.
 */
int db_import_run(struct db *db, const char *file, const char *format, long *id, struct err *e);
/**
 * Step st, a SELECT of audit_log's id, at, actor, action, entity,
 * entity_id, before, after, client, into *out (newly allocated; free with
 * audit_views_free()), then finalize it. On a failure nothing is returned
 * and the error says `what`. Defined in store_auth.c.
 */
struct audit_view; /* store_auth.h */
int db_read_audit_rows(struct db *db, struct stmt *st, struct audit_view **out, size_t *n,
                       const char *what, struct err *e);
/** Record the driver's last failure (db_set_failure()) in e as "what: message", of its kind. */
int db_error(struct db *db, const char *what, struct err *e);

#endif
