/*
 * driver_pg: PostgreSQL behind the store's driver interface (db_driver.h),
 * through libpq. The only file that calls libpq.
 *
 * Statements. The store's `?` and `?N` parameters become `$N`; values go
 * as text (blobs as binary), and the server infers their types from the
 * query. A statement the store keeps (db_prepare_cached) is prepared on
 * the server once, under a name of this connection; any other is sent
 * with its parameters each time. A result comes whole (PGresult) and the
 * steps walk its rows.
 *
 * Transactions. One writer at a time, across every process and server on
 * the database, as on SQLite: a write transaction (READ COMMITTED) first
 * takes a transaction-scoped advisory lock, so what it reads is the latest
 * committed state and nothing commits under it. A read is one REPEATABLE
 * READ snapshot. A statement that fails inside a transaction aborts it
 * (PostgreSQL's rule), and its COMMIT is then refused here, never turned
 * into a silent rollback.
 */
#include "db_internal.h"
#include "schema_pg.h"

#include "driver_pg.h"

#include "util/buf.h"
#include "util/strparse.h"
#include "util/strvec.h"
#include "util/xalloc.h"

#include <libpq-fe.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The advisory lock keys: the writer, and the one migration at a time. */
#define WRITER_LOCK "7257000001"
#define MIGRATION_LOCK "7257000002"

struct pg_conn {
    PGconn *pg;
    bool listening; /* LISTEN giamsat_generation sent (db_wait_change()) */
    long changes; /* rows of the last INSERT, UPDATE or DELETE */
    unsigned long next_name;
};

struct pg_stmt {
    struct stmt base;
    char *sql; /* with $N placeholders */
    int n_params;
    char **vals; /* owned copies; NULL binds NULL */
    int *lens, *formats;
    bool *unused; /* ?2 of a query with ?1 and ?3 (SQLite lets it be): sent as text */
    Oid *types; /* what was bound: int8, float8, bytea, or 0 (text and NULL: the server infers) */
    char name[24]; /* the server-side name of a persistent statement, else "" */
    bool prepared;
    PGresult *res;
    int row, n_rows;
    unsigned char *blob; /* the last stmt_blob() of this row, decoded */
};

static struct pg_conn *pc(struct db *db)
{
    return db->conn;
}

static struct pg_stmt *ps(struct stmt *st)
{
    return (struct pg_stmt *)st;
}

/* A number PostgreSQL wrote as text; a fraction (an avg()) truncated, as SQLite reads it. */
static long number(const char *v)
{
    long n;
    return strparse_long(v, LONG_MIN, LONG_MAX, &n) == 0 ? n : (long)strtod(v, NULL);
}

/* SQLSTATE classes: 23 a constraint (the append-only triggers too), 40 and 55P03 a conflict
 * with another writer, which the caller may retry. */
static enum err_kind kind_of_state(const char *state)
{
    if (state && (!strncmp(state, "40", 2) || !strcmp(state, "55P03")))
        return ERR_BUSY;
    return ERR_STORAGE;
}

static void record_result(struct db *db, const PGresult *res)
{
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    db_set_failure(db, kind_of_state(state), msg ? msg : PQerrorMessage(pc(db)->pg));
}

static bool result_ok(const PGresult *res)
{
    ExecStatusType s = PQresultStatus(res);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

static int pg_exec(struct db *db, const char *sql, struct err *e)
{
    PGresult *res = PQexec(pc(db)->pg, sql);
    int ret = 0;
    if (!result_ok(res)) {
        record_result(db, res);
        ret = err_set(e, db->last.kind, "database error: %s", db->last.msg);
    }
    PQclear(res);
    return ret;
}

/* More than any statement of the store takes (store_review_states() chunks its ids). */
#define MAX_PARAMS 1000
enum { OID_BYTEA = 17, OID_INT8 = 20, OID_TEXT = 25, OID_FLOAT8 = 701 };

/*
 * The store's parameters in PostgreSQL's spelling: `?N` is `$N`, and a bare
 * `?` is one more than the largest number so far (SQLite's rule). Quoted
 * text and identifiers are copied as they are.
 */
static char *translate(const char *sql, int *n_params, bool used[MAX_PARAMS + 1])
{
    struct buf b;
    buf_init(&b, 0);
    int max = 0;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            const char *q = strchr(p + 1, *p);
            size_t len = q ? (size_t)(q - p) + 1 : strlen(p);
            buf_add(&b, p, len);
            p += len;
        } else if (*p == '?') {
            int n = 0;
            p++;
            while (*p >= '0' && *p <= '9')
                n = n * 10 + (*p++ - '0');
            if (!n)
                n = max + 1;
            if (n > max)
                max = n;
            if (n <= MAX_PARAMS)
                used[n] = true;
            buf_addf(&b, "$%d", n);
        } else {
            buf_add(&b, p++, 1);
        }
    }
    *n_params = max;
    return buf_take(&b);
}

static int pg_prepare(struct db *db, const char *sql, bool persistent, struct stmt **out,
                      struct err *e)
{
    (void)e;
    struct pg_stmt *s = xcalloc(1, sizeof(*s));
    s->base = (struct stmt){ &db_driver_pg, db };
    bool used[MAX_PARAMS + 1] = { false };
    s->sql = translate(sql, &s->n_params, used);
    size_t n = (size_t)s->n_params + 1;
    s->vals = xcalloc(n, sizeof(*s->vals));
    s->lens = xcalloc(n, sizeof(*s->lens));
    s->formats = xcalloc(n, sizeof(*s->formats));
    s->types = xcalloc(n, sizeof(*s->types));
    s->unused = xcalloc(n, sizeof(*s->unused));
    for (int i = 1; i <= s->n_params && i <= MAX_PARAMS; i++) {
        s->unused[i - 1] = !used[i];
        s->types[i - 1] = s->unused[i - 1] ? OID_TEXT : 0;
    }
    if (persistent)
        snprintf(s->name, sizeof(s->name), "g%lu", ++pc(db)->next_name);
    *out = &s->base;
    return 0;
}

static void clear_result(struct pg_stmt *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->row = s->n_rows = 0;
    free(s->blob);
    s->blob = NULL;
}

static void pg_reset(struct stmt *st)
{
    struct pg_stmt *s = ps(st);
    clear_result(s);
    for (int i = 0; i < s->n_params; i++) {
        free(s->vals[i]);
        s->vals[i] = NULL;
        s->lens[i] = s->formats[i] = 0;
        s->types[i] = s->unused[i] ? OID_TEXT : 0;
    }
}

static void pg_finalize(struct stmt *st)
{
    struct pg_stmt *s = ps(st);
    pg_reset(st);
    if (s->prepared && !st->db->closing) { /* PQfinish() drops it anyway */
        char *sql = xasprintf("DEALLOCATE %s", s->name);
        PQclear(PQexec(pc(st->db)->pg, sql));
        free(sql);
    }
    free(s->vals);
    free(s->lens);
    free(s->formats);
    free(s->types);
    free(s->unused);
    free(s->sql);
    free(s);
}

static bool pg_busy(struct stmt *st)
{
    struct pg_stmt *s = ps(st);
    return s->res && s->row < s->n_rows;
}

/*
 * Clear parameter i (1-based) of s for a value of type; false when the
 * query has no such parameter (a bug: the value is ignored). A number's
 * type goes to the server with it, as SQLite knows what it was given:
 * `? IS NULL` or `x IS DISTINCT FROM ?` leave the server nothing to infer
 * the type from.
 */
static bool param(struct pg_stmt *s, int i, Oid type)
{
    if (i < 1 || i > s->n_params)
        return false;
    free(s->vals[i - 1]);
    s->vals[i - 1] = NULL;
    s->lens[i - 1] = s->formats[i - 1] = 0;
    s->types[i - 1] = s->unused[i - 1] ? OID_TEXT : type;
    return true;
}

static void pg_bind_null(struct stmt *st, int i)
{
    param(ps(st), i, 0);
}

static void pg_bind_int(struct stmt *st, int i, long v)
{
    if (param(ps(st), i, OID_INT8))
        ps(st)->vals[i - 1] = xasprintf("%ld", v);
}

static void pg_bind_double(struct stmt *st, int i, double v)
{
    if (param(ps(st), i, OID_FLOAT8))
        ps(st)->vals[i - 1] = xasprintf("%.17g", v);
}

static void pg_bind_text(struct stmt *st, int i, const char *text)
{
    if (param(ps(st), i, 0) && text)
        ps(st)->vals[i - 1] = xstrdup(text);
}

static void pg_bind_blob(struct stmt *st, int i, const void *p, size_t len)
{
    struct pg_stmt *s = ps(st);
    if (!param(s, i, OID_BYTEA))
        return;
    s->vals[i - 1] = xmalloc(len + 1);
    if (len)
        memcpy(s->vals[i - 1], p, len);
    s->lens[i - 1] = (int)len;
    s->formats[i - 1] = 1;
}

static PGresult *run(struct pg_stmt *s)
{
    PGconn *pg = pc(s->base.db)->pg;
    const char *const *vals = (const char *const *)s->vals;
    if (!*s->name)
        return PQexecParams(pg, s->sql, s->n_params, s->types, vals, s->lens, s->formats, 0);
    if (!s->prepared) {
        PGresult *res = PQprepare(pg, s->name, s->sql, s->n_params, s->types);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            return res;
        PQclear(res);
        s->prepared = true;
    }
    return PQexecPrepared(pg, s->name, s->n_params, vals, s->lens, s->formats, 0);
}

static int pg_step(struct stmt *st)
{
    struct pg_stmt *s = ps(st);
    if (!s->res) {
        s->res = run(s);
        if (!result_ok(s->res)) {
            record_result(st->db, s->res);
            if (getenv("GIAMSAT_PG_DEBUG"))
                fprintf(stderr, "[pg] %s\n  in: %s\n", st->db->last.msg, s->sql);
            const char *state = PQresultErrorField(s->res, PG_DIAG_SQLSTATE);
            bool constraint = state && !strncmp(state, "23", 2);
            clear_result(s);
            return constraint ? DB_CONSTRAINT : DB_FAIL;
        }
        if (PQresultStatus(s->res) == PGRES_COMMAND_OK)
            pc(st->db)->changes = number(PQcmdTuples(s->res));
        s->n_rows = PQntuples(s->res);
        s->row = -1;
    }
    free(s->blob);
    s->blob = NULL;
    if (s->row < s->n_rows)
        s->row++;
    return s->row < s->n_rows ? DB_ROW : DB_DONE;
}

static int pg_column_count(struct stmt *st)
{
    return ps(st)->res ? PQnfields(ps(st)->res) : 0;
}

static bool pg_is_null(struct stmt *st, int col)
{
    struct pg_stmt *s = ps(st);
    return !s->res || s->row >= s->n_rows || PQgetisnull(s->res, s->row, col);
}

static const char *pg_col_text(struct stmt *st, int col)
{
    return pg_is_null(st, col) ? NULL : PQgetvalue(ps(st)->res, ps(st)->row, col);
}

/* Integers come as text; a boolean (an EXISTS, a comparison) as "t" or "f". */
static long pg_col_int(struct stmt *st, int col)
{
    const char *v = pg_col_text(st, col);
    if (!v)
        return 0;
    if (*v == 't' || *v == 'f')
        return *v == 't';
    return number(v);
}

static double pg_col_double(struct stmt *st, int col)
{
    const char *v = pg_col_text(st, col);
    return v ? strtod(v, NULL) : 0;
}

/* bytea comes in its text form (\x and hex digits): decoded once per row. */
static const void *pg_col_blob(struct stmt *st, int col, size_t *len)
{
    struct pg_stmt *s = ps(st);
    const char *v = pg_col_text(st, col);
    *len = 0;
    if (!v)
        return NULL;
    free(s->blob);
    s->blob = PQunescapeBytea((const unsigned char *)v, len);
    return s->blob;
}

enum { OID_BOOL = 16, OID_INT2 = 21, OID_INT4 = 23, OID_FLOAT4 = 700, OID_NUMERIC = 1700 };

static enum db_kind pg_col_kind(struct stmt *st, int col)
{
    if (pg_is_null(st, col))
        return DB_KIND_NULL;
    switch (PQftype(ps(st)->res, col)) {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
        return DB_KIND_INTEGER;
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC:
        return DB_KIND_REAL;
    case OID_BYTEA:
        return DB_KIND_BLOB;
    default:
        return DB_KIND_TEXT;
    }
}

static const char *pg_col_name(struct stmt *st, int col)
{
    return ps(st)->res ? PQfname(ps(st)->res, col) : NULL;
}

static long pg_changes(struct db *db)
{
    return pc(db)->changes;
}

static long pg_last_id(struct db *db)
{
    PGresult *res = PQexec(pc(db)->pg, "SELECT lastval()");
    long id = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1
                  ? number(PQgetvalue(res, 0, 0))
                  : 0;
    PQclear(res);
    return id;
}

static int pg_begin_write(struct db *db, struct err *e)
{
    return pg_exec(db, "BEGIN ISOLATION LEVEL READ COMMITTED;"
                       " SELECT pg_advisory_xact_lock(" WRITER_LOCK ")", e);
}

static int pg_begin_read(struct db *db, struct err *e)
{
    return pg_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", e);
}

/* COMMIT of a transaction a failed statement aborted answers ROLLBACK: a failure here. */
static int pg_commit(struct db *db, struct err *e)
{
    PGresult *res = PQexec(pc(db)->pg, "COMMIT");
    int ret = 0;
    if (!result_ok(res)) {
        record_result(db, res);
        ret = err_set(e, db->last.kind, "database error: %s", db->last.msg);
    } else if (strcmp(PQcmdStatus(res), "COMMIT")) {
        db_set_failure(db, ERR_STORAGE, "a statement failed: the transaction was rolled back");
        ret = err_set(e, ERR_STORAGE, "database error: %s", db->last.msg);
    }
    PQclear(res);
    return ret;
}

static void pg_rollback(struct db *db)
{
    PQclear(PQexec(pc(db)->pg, "ROLLBACK"));
}

/*
 * Results are read whole: only an open transaction holds a snapshot. A
 * connection the server lost (a restart, a failover) is never idle, so the
 * pool closes it rather than lend it again.
 */
static bool pg_idle(struct db *db)
{
    return PQstatus(pc(db)->pg) == CONNECTION_OK &&
           PQtransactionStatus(pc(db)->pg) == PQTRANS_IDLE;
}

static bool pg_lost(struct db *db)
{
    return PQstatus(pc(db)->pg) == CONNECTION_BAD;
}

static int pg_tune_for_server(struct db *db, struct err *e)
{
    (void)db;
    (void)e;
    return 0;
}

/* Drain the notifications received; true when there was one. */
static bool drain_notifications(PGconn *pg)
{
    bool any = false;
    for (PGnotify *n = PQnotifies(pg); n; n = PQnotifies(pg)) {
        any = true;
        PQfreemem(n);
    }
    return any;
}

/*
 * The schema's generation triggers notify giamsat_generation at every commit
 * that moved a counter: listen (once) and wait on the connection's socket.
 */
static bool pg_wait_change(struct db *db, int timeout_ms)
{
    struct pg_conn *c = pc(db);
    if (!c->listening) {
        struct err ignored = ERR_INIT;
        c->listening = pg_exec(db, "LISTEN giamsat_generation", &ignored) == 0;
        if (!c->listening) {
            poll(NULL, 0, timeout_ms); /* a connection that cannot listen: the caller polls */
            return false;
        }
    }
    PQconsumeInput(c->pg);
    if (drain_notifications(c->pg))
        return true;
    struct pollfd fd = { .fd = PQsocket(c->pg), .events = POLLIN };
    if (fd.fd < 0 || poll(&fd, 1, timeout_ms) <= 0)
        return false;
    PQconsumeInput(c->pg);
    return drain_notifications(c->pg);
}

static int pg_tables(struct db *db, struct strvec *out, struct err *e)
{
    PGresult *res = PQexec(pc(db)->pg, "SELECT table_name FROM information_schema.tables"
                                       " WHERE table_schema = current_schema()"
                                       " AND table_type = 'BASE TABLE'"
                                       " AND table_name <> 'schema_version' ORDER BY 1");
    int ret = 0;
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        for (int i = 0; i < PQntuples(res); i++)
            strvec_push(out, PQgetvalue(res, i, 0));
    } else {
        record_result(db, res);
        ret = db_error(db, "cannot list the tables", e);
    }
    PQclear(res);
    return ret;
}

/* Every identity column's sequence to its table's largest value (an empty table: 1 next). */
static int pg_sync_ids(struct db *db, struct err *e)
{
    return pg_exec(db,
                   "DO $$ DECLARE r record; m bigint; BEGIN"
                   " FOR r IN SELECT table_name, column_name FROM information_schema.columns"
                   "  WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP"
                   "  EXECUTE format('SELECT max(%I) FROM %I', r.column_name, r.table_name) INTO m;"
                   "  PERFORM setval(pg_get_serial_sequence(quote_ident(r.table_name),"
                   "   r.column_name), coalesce(m, 1), m IS NOT NULL);"
                   " END LOOP;"
                   " END $$",
                   e);
}

/* NOTICEs (a trigger's, IF NOT EXISTS) are not errors: not printed. */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int schema_version_of(struct db *db, int *v, struct err *e)
{
    PGresult *res = PQexec(pc(db)->pg, "SELECT to_regclass('schema_version') IS NOT NULL");
    bool has = PQresultStatus(res) == PGRES_TUPLES_OK && *PQgetvalue(res, 0, 0) == 't';
    PQclear(res);
    *v = 0;
    if (!has)
        return 0;
    res = PQexec(pc(db)->pg, "SELECT version FROM schema_version");
    int ret = 0;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        *v = (int)number(PQgetvalue(res, 0, 0));
    else
        ret = err_set(e, ERR_STORAGE, "cannot read the schema version");
    PQclear(res);
    return ret;
}

/* Apply the steps the database lacks, one server at a time (the others wait). */
static int migrate(struct db *db, struct err *e)
{
    if (pg_exec(db, "SELECT pg_advisory_lock(" MIGRATION_LOCK ")", e))
        return e->kind;
    int v = 0, ret = schema_version_of(db, &v, e);
    int last = pg_migrations[pg_n_migrations - 1].version;
    if (!ret && v > last)
        ret = err_set(e, ERR_STORAGE,
                      "the database was written by a newer giamsat (schema %d, this one knows %d)",
                      v, last);
    for (size_t i = 0; !ret && i < pg_n_migrations; i++) {
        if (pg_migrations[i].version <= v)
            continue;
        if (pg_exec(db, "BEGIN", e) || pg_exec(db, pg_migrations[i].sql, e) || pg_commit(db, e)) {
            pg_rollback(db);
            err_prefix(e, "migration to schema %d", pg_migrations[i].version);
            ret = e->kind;
        }
    }
    struct err ignored = ERR_INIT;
    pg_exec(db, "SELECT pg_advisory_unlock(" MIGRATION_LOCK ")", &ignored);
    return ret;
}

static int pg_open(struct db *db, const char *uri, struct err *e)
{
    struct pg_conn *c = xcalloc(1, sizeof(*c));
    db->conn = c;
    c->pg = PQconnectdb(uri);
    if (PQstatus(c->pg) != CONNECTION_OK)
        return err_set(e, ERR_STORAGE, "%s", PQerrorMessage(c->pg));
    PQsetNoticeProcessor(c->pg, quiet, NULL);
    /* A writer waits behind another as long as on SQLite, then fails with ERR_BUSY (55P03). */
    char *settings = xasprintf("SET client_encoding = 'UTF8'; SET lock_timeout = %d",
                               DB_BUSY_WAIT_MS);
    int ret = pg_exec(db, settings, e);
    free(settings);
    if (ret || migrate(db, e))
        return e->kind;
    if (pg_migrations[pg_n_migrations - 1].version != db_schema_version())
        return err_set(e, ERR_INTERNAL, "the PostgreSQL schema (%d) lags SQLite's (%d)",
                       pg_migrations[pg_n_migrations - 1].version, db_schema_version());
    return 0;
}

static void pg_close(struct db *db)
{
    PQfinish(pc(db)->pg);
    free(pc(db));
    db->conn = NULL;
}

const struct db_driver db_driver_pg = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .busy = pg_busy,
    .bind_null = pg_bind_null,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .column_count = pg_column_count,
    .is_null = pg_is_null,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .col_kind = pg_col_kind,
    .col_name = pg_col_name,
    .changes = pg_changes,
    .last_id = pg_last_id,
    .begin_write = pg_begin_write,
    .begin_read = pg_begin_read,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .idle = pg_idle,
    .lost = pg_lost,
    .wait_change = pg_wait_change,
    .tune_for_server = pg_tune_for_server,
    .tables = pg_tables,
    .sync_ids = pg_sync_ids,
};
