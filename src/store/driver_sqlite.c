/*
 * driver_sqlite: the embedded SQLite engine behind the store's driver
 * interface (db_driver.h). The only file besides db_backup.c that calls
 * SQLite.
 *
 * Per connection: WAL (readers never wait for the writer), foreign keys,
 * a busy wait of DB_BUSY_WAIT_MS for another process's write lock, and
 * the SQL functions that migrations 10 and 20 call into core with.
 */
#include "driver_sqlite.h"

#include "db_internal.h"
#include "schema_sqlite.h"

#include "core/target.h"

#include "util/strvec.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sqlite_stmt {
    struct stmt base;
    sqlite3_stmt *st;
};

static sqlite3 *conn_of(struct db *db)
{
    return db->conn;
}

static sqlite3_stmt *raw(struct stmt *st)
{
    return ((struct sqlite_stmt *)st)->st;
}

sqlite3 *driver_sqlite_conn(struct db *db)
{
    return db->drv == &db_driver_sqlite ? conn_of(db) : NULL;
}

/* A lock still held after the bounded wait is ERR_BUSY (the caller may try again later). */
static enum err_kind kind_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ERR_BUSY;
    default:
        return ERR_STORAGE;
    }
}

static void record(struct db *db)
{
    db_set_failure(db, kind_of(sqlite3_extended_errcode(conn_of(db))),
                   sqlite3_errmsg(conn_of(db)));
}

/* The path is not in the message: it may reach a web client; the command line adds it. */
static int sq_exec(struct db *db, const char *sql, struct err *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(conn_of(db), sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        return 0;
    db_set_failure(db, kind_of(rc), msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return err_set(e, db->last.kind, "database error: %s", db->last.msg);
}

static int sq_prepare(struct db *db, const char *sql, bool persistent, struct stmt **out,
                      struct err *e)
{
    sqlite3_stmt *st;
    *out = NULL;
    if (sqlite3_prepare_v3(conn_of(db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st,
                           NULL) != SQLITE_OK) {
        record(db);
        return db_error(db, "cannot prepare a query", e);
    }
    struct sqlite_stmt *s = xmalloc(sizeof(*s));
    *s = (struct sqlite_stmt){ { &db_driver_sqlite, db }, st };
    *out = &s->base;
    return 0;
}

static void sq_finalize(struct stmt *st)
{
    sqlite3_finalize(raw(st));
    free(st);
}

static void sq_reset(struct stmt *st)
{
    sqlite3_reset(raw(st));
    sqlite3_clear_bindings(raw(st));
}

static bool sq_busy(struct stmt *st)
{
    return sqlite3_stmt_busy(raw(st));
}

static void sq_bind_null(struct stmt *st, int i)
{
    sqlite3_bind_null(raw(st), i);
}

static void sq_bind_int(struct stmt *st, int i, long v)
{
    sqlite3_bind_int64(raw(st), i, v);
}

static void sq_bind_double(struct stmt *st, int i, double v)
{
    sqlite3_bind_double(raw(st), i, v);
}

static void sq_bind_text(struct stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(raw(st), i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(raw(st), i);
}

static void sq_bind_blob(struct stmt *st, int i, const void *p, size_t len)
{
    sqlite3_bind_blob64(raw(st), i, p, len, SQLITE_TRANSIENT);
}

static int sq_step(struct stmt *st)
{
    int rc = sqlite3_step(raw(st));
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    record(st->db);
    return (rc & 0xff) == SQLITE_CONSTRAINT ? DB_CONSTRAINT : DB_FAIL;
}

static int sq_column_count(struct stmt *st)
{
    return sqlite3_column_count(raw(st));
}

static bool sq_is_null(struct stmt *st, int col)
{
    return sqlite3_column_type(raw(st), col) == SQLITE_NULL;
}

static long sq_col_int(struct stmt *st, int col)
{
    return (long)sqlite3_column_int64(raw(st), col);
}

static double sq_col_double(struct stmt *st, int col)
{
    return sqlite3_column_double(raw(st), col);
}

static const char *sq_col_text(struct stmt *st, int col)
{
    return (const char *)sqlite3_column_text(raw(st), col);
}

static const void *sq_col_blob(struct stmt *st, int col, size_t *len)
{
    const void *p = sqlite3_column_blob(raw(st), col);
    *len = (size_t)sqlite3_column_bytes(raw(st), col);
    return p;
}

static enum db_kind sq_col_kind(struct stmt *st, int col)
{
    switch (sqlite3_column_type(raw(st), col)) {
    case SQLITE_INTEGER:
        return DB_KIND_INTEGER;
    case SQLITE_FLOAT:
        return DB_KIND_REAL;
    case SQLITE_BLOB:
        return DB_KIND_BLOB;
    case SQLITE_NULL:
        return DB_KIND_NULL;
    default:
        return DB_KIND_TEXT;
    }
}

static const char *sq_col_name(struct stmt *st, int col)
{
    return sqlite3_column_name(raw(st), col);
}

static long sq_changes(struct db *db)
{
    return sqlite3_changes(conn_of(db));
}

static long sq_last_id(struct db *db)
{
    return (long)sqlite3_last_insert_rowid(conn_of(db));
}

static int sq_begin_write(struct db *db, struct err *e)
{
    return sq_exec(db, "BEGIN IMMEDIATE", e);
}

/* A deferred BEGIN: the first read fixes the WAL snapshot every later read sees. */
static int sq_begin_read(struct db *db, struct err *e)
{
    return sq_exec(db, "BEGIN", e);
}

static int sq_commit(struct db *db, struct err *e)
{
    return sq_exec(db, "COMMIT", e);
}

static void sq_rollback(struct db *db)
{
    sqlite3_exec(conn_of(db), "ROLLBACK", NULL, NULL, NULL);
}

static bool sq_lost(struct db *db)
{
    (void)db;
    return false;
}

static bool sq_idle(struct db *db)
{
    if (!sqlite3_get_autocommit(conn_of(db)))
        return false;
    for (sqlite3_stmt *st = sqlite3_next_stmt(conn_of(db), NULL); st;
         st = sqlite3_next_stmt(conn_of(db), st))
        if (sqlite3_stmt_busy(st))
            return false; /* stepped and not reset: it holds a read snapshot */
    return true;
}

/* SQLite tells no one of a commit: wait, and let the caller poll. */
static bool sq_wait_change(struct db *db, int timeout_ms)
{
    (void)db;
    sqlite3_sleep(timeout_ms);
    return false;
}

/*
 * A connection of the server's pool serves read after read of a database
 * that grows to gigabytes (years of reports): mmap all of it that SQLite
 * allows (2 GiB less 64 KiB, its usual compile-time cap; the pages live
 * once, in the kernel's cache, however many connections read them) and
 * give each connection a private cache of 64 MiB for the rest. At most
 * the pool's 16 connections: 1 GiB of private cache at the very worst.
 */
static int sq_tune_for_server(struct db *db, struct err *e)
{
    return sq_exec(db, "PRAGMA cache_size = -65536; PRAGMA mmap_size = 2147418112;", e);
}

static int sq_tables(struct db *db, struct strvec *out, struct err *e)
{
    struct stmt *st;
    if (sq_prepare(db,
                   "SELECT name FROM sqlite_master WHERE type = 'table'"
                   " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                   false, &st, e))
        return e->kind;
    int rc;
    while (db_row(st, &rc))
        strvec_push(out, sq_col_text(st, 0));
    sq_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot list the tables", e);
}

/* The next rowid is already one more than the largest. */
static int sq_sync_ids(struct db *db, struct err *e)
{
    (void)db;
    (void)e;
    return 0;
}

static int user_version(struct db *db, int *v, struct err *e)
{
    struct stmt *st;
    if (sq_prepare(db, "PRAGMA user_version", false, &st, e))
        return e->kind;
    *v = sq_step(st) == DB_ROW ? (int)sq_col_int(st, 0) : 0;
    sq_finalize(st);
    return 0;
}

static int foreign_keys_hold(struct db *db, int version, struct err *e)
{
    struct stmt *st;
    if (sq_prepare(db, "PRAGMA foreign_key_check", false, &st, e))
        return e->kind;
    int rc = sq_step(st);
    char table[128] = "";
    if (rc == DB_ROW)
        snprintf(table, sizeof(table), "%s", sq_col_text(st, 0));
    sq_finalize(st);
    if (rc == DB_ROW)
        return err_set(e, ERR_STORAGE,
                       "migration to schema %d would break a reference from table %s", version,
                       table);
    return rc == DB_DONE ? 0 : db_error(db, "cannot check the references", e);
}

int driver_sqlite_migrate(struct db *db, struct err *e)
{
    int v = 0;
    if (user_version(db, &v, e))
        return e->kind;
    if (v > sqlite_n_migrations)
        return err_set(e, ERR_STORAGE,
                       "'%s' was written by a newer giamsat (schema %d, this one knows %d)",
                       db->path, v, sqlite_n_migrations);
    if (v == sqlite_n_migrations)
        return 0;
    /* SQLite's way to change a table (a rebuild): foreign keys off outside the
     * transaction, checked in full before it commits. */
    int ret = sq_exec(db, "PRAGMA foreign_keys = OFF", e);
    for (; v < sqlite_n_migrations && !ret; v++) {
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
        if (db_begin(db, e) || sq_exec(db, sqlite_migrations[v], e) || sq_exec(db, pragma, e) ||
            foreign_keys_hold(db, v + 1, e) || db_commit(db, e)) {
            db_rollback(db);
            ret = e->kind ? e->kind : ERR_STORAGE;
        }
    }
    struct err ignored = ERR_INIT;
    sq_exec(db, "PRAGMA foreign_keys = ON", ret ? &ignored : e);
    return ret ? ret : e->kind;
}

/* giamsat_match_key(name): text_match_key(), for migration 10. */
static void match_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char *key = text_match_key((const char *)sqlite3_value_text(argv[0]));
    sqlite3_result_text(ctx, key, -1, free);
}

/* giamsat_has_target(target_text, unit): target_parse() reads a target, for migration 20. */
static void has_target_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct target t = TARGET_INIT;
    (void)argc;
    target_parse(&t, (const char *)sqlite3_value_text(argv[0]),
                 (const char *)sqlite3_value_text(argv[1]));
    sqlite3_result_int(ctx, t.kind != TARGET_NONE);
    target_release(&t);
}

/*
 * SQLite counts every allocation under one global mutex unless told not
 * to; with the server's threads reading at once that mutex was a fifth of
 * a task page. Nothing here reads those counters. Must precede
 * sqlite3_initialize(), so it runs once before the first connection.
 */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * A page cache (32 MiB) and memory map (256 MiB) large enough that an
 * import of tens of thousands of rows does not read the same pages from
 * the kernel again for every row, and statement journals in memory (on
 * disk they cost dozens of writes per imported row).
 */
#define DB_PRAGMAS                                                                                \
    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;"            \
    " PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;"

static int sq_open(struct db *db, const char *path, struct err *e)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, configure_sqlite);
    sqlite3 *conn = NULL;
    /* NOMUTEX: a connection is used by one thread at a time (web/dbpool.h lends it). */
    int rc = sqlite3_open_v2(path, &conn,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    db->conn = conn;
    if (rc != SQLITE_OK)
        return err_set(e, ERR_STORAGE, "%s", conn ? sqlite3_errmsg(conn) : "out of memory");
    sqlite3_busy_timeout(conn, DB_BUSY_WAIT_MS);
    sqlite3_create_function_v2(conn, "giamsat_match_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               NULL, match_key_fn, NULL, NULL, NULL);
    sqlite3_create_function_v2(conn, "giamsat_has_target", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               NULL, has_target_fn, NULL, NULL, NULL);
    if (sq_exec(db, DB_PRAGMAS, e) || driver_sqlite_migrate(db, e))
        return e->kind;
    return 0;
}

static void sq_close(struct db *db)
{
    sqlite3_close(conn_of(db)); /* rolls back a transaction left open */
    db->conn = NULL;
}

const struct db_driver db_driver_sqlite = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .reset = sq_reset,
    .busy = sq_busy,
    .bind_null = sq_bind_null,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_text = sq_bind_text,
    .bind_blob = sq_bind_blob,
    .step = sq_step,
    .column_count = sq_column_count,
    .is_null = sq_is_null,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_blob = sq_col_blob,
    .col_kind = sq_col_kind,
    .col_name = sq_col_name,
    .changes = sq_changes,
    .last_id = sq_last_id,
    .begin_write = sq_begin_write,
    .begin_read = sq_begin_read,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .idle = sq_idle,
    .lost = sq_lost,
    .wait_change = sq_wait_change,
    .tune_for_server = sq_tune_for_server,
    .tables = sq_tables,
    .sync_ids = sq_sync_ids,
};
