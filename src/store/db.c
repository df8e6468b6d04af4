/* db: what every driver shares: opening, the statement cache, transactions; see db.h. */
#include "db_internal.h"
#include "schema_sqlite.h"

#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool is_pg_uri(const char *target)
{
    return !strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11);
}

const struct db_driver *db_driver_for(const char *target)
{
    return is_pg_uri(target) ? &db_driver_pg : &db_driver_sqlite;
}

const char *db_display_name(const char *target)
{
    /* A URI may carry a password (user:secret@host): name only the engine. */
    return is_pg_uri(target) ? "the PostgreSQL database" : target;
}

bool db_is_file(const char *target)
{
    return !is_pg_uri(target);
}

int db_schema_version(void)
{
    return sqlite_n_migrations;
}

void db_set_failure(struct db *db, enum err_kind kind, const char *msg)
{
    db->last.kind = kind;
    snprintf(db->last.msg, sizeof(db->last.msg), "%s", msg ? msg : "");
}

int db_error(struct db *db, const char *what, struct err *e)
{
    return err_set(e, db->last.kind ? db->last.kind : ERR_STORAGE, "%s: %s", what, db->last.msg);
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
    return db->drv->exec(db, sql, e);
}

int db_prepare(struct db *db, const char *sql, struct stmt **st, struct err *e)
{
    return db->drv->prepare(db, sql, false, st, e);
}

int db_prepare_cached(struct db *db, const char *sql, struct stmt **st, struct err *e)
{
    size_t i = 0;
    while (i < db->n_cached && strcmp(db->cached[i].sql, sql))
        i++;
    if (i < db->n_cached && !db->drv->busy(db->cached[i].st)) {
        *st = db->cached[i].st;
        return 0;
    }
    /* In use higher up the stack, or no room left: a statement of its own. */
    if (i < db->n_cached || db->n_cached == DB_STMT_CACHE)
        return db_prepare(db, sql, st, e);
    if (db->drv->prepare(db, sql, true, st, e))
        return e->kind;
    db->cached[db->n_cached].sql = xstrdup(sql);
    db->cached[db->n_cached++].st = *st;
    return 0;
}

void db_finish_cached(struct db *db, struct stmt *st)
{
    for (size_t i = 0; st && i < db->n_cached; i++) {
        if (db->cached[i].st == st) {
            stmt_reset(st);
            return;
        }
    }
    stmt_finalize(st);
}

int db_step_done(struct db *db, struct stmt *st, struct err *e)
{
    int rc;
    while (db_row(st, &rc))
        ;
    if (rc == DB_DONE)
        return 0;
    return db_error(db, "cannot write to the database", e);
}

void db_bind_text(struct stmt *st, int col, const char *s)
{
    st->drv->bind_text(st, col, s);
}

const char *db_col_text(struct stmt *st, int col)
{
    const char *s = st->drv->col_text(st, col);
    return s ? s : "";
}

char *db_col_dup(struct stmt *st, int col)
{
    return xstrdup(db_col_text(st, col));
}

void db_timestamp(char out[DB_TS_LEN])
{
    time_t now = time(NULL);
    struct tm tm;
    strftime(out, DB_TS_LEN, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
}

int db_import_run(struct db *db, const char *file, const char *format, long *id,
                  struct err *e)
{
    char at[DB_TS_LEN];
    db_timestamp(at);
    const char *args[] = { at, file ? file : "", format };
    int ret = db_run(db, "INSERT INTO import_run (at, file, format, summary) VALUES (?, ?, ?, '')",
                     args, 3, e);
    *id = ret ? 0 : db_last_id(db);
    return ret;
}

struct date db_col_date(struct stmt *st, int col)
{
    struct date d = DATE_NONE;
    if (!stmt_is_null(st, col))
        date_parse_iso(db_col_text(st, col), &d);
    return d;
}

void db_bind_date(struct stmt *st, int col, struct date d)
{
    char iso[DATE_ISO_LEN];
    date_iso(d, iso);
    if (*iso)
        db_bind_text(st, col, iso);
    else
        stmt_bind_null(st, col);
}

long db_last_id(struct db *db)
{
    return db->drv->last_id(db);
}

int db_query_id(struct db *db, const char *sql, const char *arg, long *id, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    db_bind_text(st, 1, arg);
    int rc = stmt_step(st);
    *id = rc == DB_ROW ? stmt_int(st, 0) : 0;
    db_finish_cached(db, st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(db, "cannot read", e);
}

int db_run(struct db *db, const char *sql, const char *const *args, int n, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    for (int i = 0; i < n; i++)
        db_bind_text(st, i + 1, args[i]);
    int ret = db_step_done(db, st, e);
    db_finish_cached(db, st);
    return ret;
}

/*
 * The writers of this process queue on a mutex before they ask SQLite for
 * its write lock. SQLite's busy handler polls with sleeps that grow to
 * 100 ms, so of 16 server threads writing at once the unlucky ones slept
 * again and again (a progress POST's p99 over a second); on the mutex the
 * next writer wakes when the last one commits. Other processes (the
 * command line) still meet SQLite's lock and its busy wait.
 */
static pthread_mutex_t writer = PTHREAD_MUTEX_INITIALIZER;

static void release_writer(struct db *db)
{
    if (!db->holds_writer)
        return;
    db->holds_writer = false;
    pthread_mutex_unlock(&writer);
}

void db_close(struct db *db)
{
    if (!db)
        return;
    db->closing = true;
    for (size_t i = 0; i < db->n_cached; i++) {
        stmt_finalize(db->cached[i].st);
        free(db->cached[i].sql);
    }
    if (db->conn)
        db->drv->close(db); /* rolls back a transaction left open */
    release_writer(db);
    free(db->path);
    free(db);
}

int db_open(const char *target, struct db **out, struct err *e)
{
    struct db *db = xcalloc(1, sizeof(*db));
    db->drv = db_driver_for(target);
    db->path = xstrdup(target);
    *out = NULL;
    if (db->drv->open(db, target, e)) {
        err_prefix(e, "cannot open '%s'", db_display_name(target));
        db_close(db);
        return ERR_STORAGE;
    }
    *out = db;
    return 0;
}

int db_tune_for_server(struct db *db, struct err *e)
{
    return db->drv->tune_for_server(db, e);
}

int db_begin(struct db *db, struct err *e)
{
    pthread_mutex_lock(&writer);
    db->holds_writer = true;
    if (db->drv->begin_write(db, e)) {
        release_writer(db);
        return e->kind;
    }
    db->in_tx = true;
    return 0;
}

int db_begin_read(struct db *db, struct err *e)
{
    if (db->drv->begin_read(db, e))
        return e->kind;
    db->in_tx = true;
    return 0;
}

int db_read_begin(struct db *db, bool *began, struct err *e)
{
    *began = !db->in_tx;
    return *began ? db_begin_read(db, e) : 0;
}

void db_read_end(struct db *db, bool began)
{
    if (began)
        db_rollback(db); /* nothing was written: ending the read is all it does */
}

int db_commit(struct db *db, struct err *e)
{
    if (db->drv->commit(db, e))
        return e->kind;
    db->in_tx = false;
    release_writer(db);
    return 0;
}

bool db_wait_change(struct db *db, int timeout_ms)
{
    return db->drv->wait_change(db, timeout_ms);
}

bool db_is_idle(struct db *db)
{
    return db->drv->idle(db);
}

bool db_is_lost(struct db *db)
{
    return db->drv->lost(db);
}

void db_rollback(struct db *db)
{
    if (db->in_tx)
        db->drv->rollback(db);
    db->in_tx = false;
    release_writer(db);
}
