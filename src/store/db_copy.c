/* db_copy: a whole database copied into another, across engines; see db_copy.h. */
#include "db_copy.h"

#include "db_internal.h"

#include "util/buf.h"
#include "util/strvec.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Every table of the schema, parents before the tables that refer to them
 * (derived from the REFERENCES clauses of schema_sqlite.c / schema_pg.c;
 * `make pg-schema-test` keeps the two engines' foreign keys equal). A
 * migration that adds a table must add it here, at a place after every
 * table it refers to: db_copy() refuses to run while the list and the
 * source's tables differ.
 *
 *  by_id      the table has an id: rows go in id order (on PostgreSQL an
 *             updated row moves in the heap, so a plain scan would not be);
 *             the others go in the order the source scans them.
 *  self_refs  columns referring to the same table (an agency's successor,
 *             a task's parent and the task it repeats): a row may name one
 *             with a larger id, and neither engine defers these checks, so
 *             they are inserted NULL and set once the whole table is in.
 *  seeded     the destination's migrations put a row there (count_policy,
 *             data_generation): deleted, then the source's rows copied.
 *             data_generation comes last, so the counters are the source's
 *             whatever the triggers did to them during the copy.
 */
static const struct copy_table {
    const char *name;
    bool by_id;
    const char *self_refs[2];
    bool seeded;
} tables[] = {
    { "agency", true, { "successor_id" }, false },
    { "agency_alias", true, { NULL }, false },
    { "agency_group", true, { NULL }, false },
    { "group_alias", true, { NULL }, false },
    { "document", true, { NULL }, false },
    { "document_mention", false, { NULL }, false },
    { "import_run", true, { NULL }, false },
    { "task", true, { "parent_id", "repeat_of_id" }, false },
    { "task_document", false, { NULL }, false },
    { "task_party", false, { NULL }, false },
    { "assignment", true, { NULL }, false },
    { "task_history", true, { NULL }, false },
    { "indicator", true, { NULL }, false },
    { "progress_report", true, { NULL }, false },
    { "unit_approval", false, { NULL }, false },
    { "progress_review", true, { NULL }, false },
    { "count_policy", true, { NULL }, true },
    { "app_user", true, { NULL }, false },
    { "session", false, { NULL }, false },
    { "api_token", true, { NULL }, false },
    { "audit_log", true, { NULL }, false },
    { "upload", true, { NULL }, false },
    { "measurement", true, { NULL }, false },
    { "warning_rule", false, { NULL }, false },
    { "explanation_request", true, { NULL }, false },
    { "explanation_step", true, { NULL }, false },
    { "document_set", true, { NULL }, false },
    { "document_set_member", false, { NULL }, false },
    { "notification", true, { NULL }, false },
    { "mail_queue", true, { NULL }, false },
    { "report_frame", false, { NULL }, false },
    { "data_generation", false, { NULL }, true },
};
#define N_TABLES (sizeof(tables) / sizeof(tables[0]))

/* A self-reference held back: row id's column self_refs[which] is value. */
struct held_ref {
    long id, value;
    int which;
};

struct held_refs {
    struct held_ref *v;
    size_t n, cap;
};

static bool listed(const char *name)
{
    for (size_t i = 0; i < N_TABLES; i++)
        if (!strcmp(tables[i].name, name))
            return true;
    return false;
}

/* db's tables are exactly the list's; side names db in the message. */
static int same_tables(struct db *db, const char *side, struct err *e)
{
    struct strvec have = STRVEC_INIT;
    int ret = db->drv->tables(db, &have, e);
    for (size_t i = 0; !ret && i < have.n; i++)
        if (!listed(have.items[i]))
            ret = err_set(e, ERR_INTERNAL,
                          "the %s has a table '%s' that the copy does not know: add it to the"
                          " list of src/store/db_copy.c",
                          side, have.items[i]);
    for (size_t i = 0; !ret && i < N_TABLES; i++)
        if (strvec_find(&have, tables[i].name) < 0)
            ret = err_set(e, ERR_INTERNAL, "the %s has no table '%s'", side, tables[i].name);
    strvec_release(&have);
    return ret;
}

/* The first column of the one row sql returns, as an integer. */
static int query_long(struct db *db, const char *sql, long *out, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, sql, &st, e))
        return e->kind;
    int rc = stmt_step(st);
    *out = rc == DB_ROW ? stmt_int(st, 0) : 0;
    stmt_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(db, "cannot read", e);
}

static int count_rows(struct db *db, const char *table, long *n, struct err *e)
{
    char sql[128];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
    return query_long(db, sql, n, e);
}

/* The destination holds nothing but what its migrations put there. */
static int check_empty(struct db *to, struct err *e)
{
    for (size_t i = 0; i < N_TABLES; i++) {
        if (tables[i].seeded)
            continue;
        char sql[128];
        long any;
        snprintf(sql, sizeof(sql), "SELECT 1 FROM %s LIMIT 1", tables[i].name);
        if (query_long(to, sql, &any, e))
            return e->kind;
        if (any)
            return err_set(e, ERR_CONFLICT,
                           "'%s' already holds data (table %s has rows): migrate copies into an"
                           " empty database only",
                           db_display_name(to->path), tables[i].name);
    }
    return 0;
}

/* Which self_refs entry column name is, or -1. */
static int self_ref_of(const struct copy_table *t, const char *name)
{
    for (int k = 0; k < 2 && t->self_refs[k]; k++)
        if (!strcmp(t->self_refs[k], name))
            return k;
    return -1;
}

/* INSERT INTO t (the source's columns) VALUES (?, ...). */
static char *insert_sql(const struct copy_table *t, struct stmt *src)
{
    struct buf b;
    buf_init(&b, 0);
    int n = stmt_column_count(src);
    buf_addf(&b, "INSERT INTO %s (", t->name);
    for (int c = 0; c < n; c++)
        buf_addf(&b, "%s%s", c ? ", " : "", stmt_column_name(src, c));
    buf_adds(&b, ") VALUES (");
    for (int c = 0; c < n; c++)
        buf_adds(&b, c ? ", ?" : "?");
    buf_adds(&b, ")");
    return buf_take(&b);
}

/*
 * Bind column c of src's row to parameter c + 1 of ins as the kind of value
 * it holds, so each engine stores what the other held.
 */
static void bind_value(struct stmt *ins, struct stmt *src, int c)
{
    size_t len;
    const void *p;
    switch (stmt_kind(src, c)) {
    case DB_KIND_NULL:
        stmt_bind_null(ins, c + 1);
        break;
    case DB_KIND_INTEGER:
        stmt_bind_int(ins, c + 1, stmt_int(src, c));
        break;
    case DB_KIND_REAL:
        stmt_bind_double(ins, c + 1, stmt_double(src, c));
        break;
    case DB_KIND_BLOB:
        p = stmt_blob(src, c, &len);
        stmt_bind_blob(ins, c + 1, p ? p : "", len); /* an empty blob is not NULL */
        break;
    case DB_KIND_TEXT:
        db_bind_text(ins, c + 1, db_col_text(src, c));
        break;
    }
}

/* Set the held-back self-references of t. */
static int set_self_refs(struct db *to, const struct copy_table *t, const struct held_refs *h,
                         struct err *e)
{
    struct stmt *up[2] = { NULL, NULL };
    int ret = 0;
    for (int k = 0; k < 2 && t->self_refs[k] && !ret; k++) {
        char *sql = xasprintf("UPDATE %s SET %s = ? WHERE id = ?", t->name, t->self_refs[k]);
        ret = db_prepare(to, sql, &up[k], e);
        free(sql);
    }
    for (size_t i = 0; i < h->n && !ret; i++) {
        struct stmt *st = up[h->v[i].which];
        stmt_reset(st);
        stmt_bind_int(st, 1, h->v[i].value);
        stmt_bind_int(st, 2, h->v[i].id);
        if (stmt_step(st) != DB_DONE)
            ret = db_error(to, "cannot write", e);
    }
    stmt_finalize(up[0]);
    stmt_finalize(up[1]);
    return ret;
}

/* Where the source's columns are: the id, and the self-references held back. */
struct copy_cols {
    int id, ref[2];
};

/* The insert of t's rows into to, for the columns of src's first row. */
static int prepare_insert(struct db *to, const struct copy_table *t, struct stmt *src,
                          struct stmt **ins, struct copy_cols *cols, struct err *e)
{
    char *sql = insert_sql(t, src);
    int ret = to->drv->prepare(to, sql, true, ins, e);
    free(sql);
    *cols = (struct copy_cols){ -1, { -1, -1 } };
    for (int c = 0; c < stmt_column_count(src); c++) {
        const char *name = stmt_column_name(src, c);
        int k = self_ref_of(t, name);
        if (k >= 0)
            cols->ref[k] = c;
        if (!strcmp(name, "id"))
            cols->id = c;
    }
    if (!ret && t->self_refs[0] && cols->id < 0)
        ret = err_set(e, ERR_INTERNAL, "table %s has no id", t->name);
    return ret;
}

/* Bind src's row to ins, holding its non-NULL self-references back in held. */
static void bind_row(struct stmt *ins, struct stmt *src, const struct copy_cols *cols,
                     struct held_refs *held)
{
    stmt_reset(ins);
    for (int c = 0; c < stmt_column_count(src); c++) {
        int k = c == cols->ref[0] ? 0 : c == cols->ref[1] ? 1 : -1;
        if (k < 0 || stmt_is_null(src, c)) {
            bind_value(ins, src, c);
            continue;
        }
        stmt_bind_null(ins, c + 1);
        ALLOC_GROW(held->v, held->n + 1, held->cap);
        held->v[held->n++] = (struct held_ref){ stmt_int(src, cols->id), stmt_int(src, c), k };
    }
}

/* Copy t's rows; *rows counts them. */
static int copy_table(struct db *from, struct db *to, const struct copy_table *t, long *rows,
                      struct err *e)
{
    char *sql = xasprintf("SELECT * FROM %s%s", t->name, t->by_id ? " ORDER BY id" : "");
    struct stmt *src = NULL, *ins = NULL;
    struct held_refs held = { NULL, 0, 0 };
    struct copy_cols cols = { -1, { -1, -1 } };
    int ret = db_prepare(from, sql, &src, e), rc = DB_DONE;
    free(sql);
    *rows = 0;
    while (!ret && db_row(src, &rc)) {
        if (!ins && prepare_insert(to, t, src, &ins, &cols, e)) {
            ret = e->kind;
            break;
        }
        bind_row(ins, src, &cols, &held);
        if (stmt_step(ins) != DB_DONE)
            ret = db_error(to, "cannot write", e);
        else
            (*rows)++;
    }
    if (!ret && rc != DB_DONE)
        ret = db_error(from, "cannot read", e);
    stmt_finalize(ins);
    stmt_finalize(src);
    if (!ret)
        ret = set_self_refs(to, t, &held, e);
    free(held.v);
    return ret;
}

/* Into to's open transaction: every table's rows, in the list's order. */
static int copy_all(struct db *from, struct db *to, struct db_copy_summary *out, struct err *e)
{
    if (check_empty(to, e))
        return e->kind;
    for (size_t i = 0; i < N_TABLES; i++) {
        char sql[128];
        snprintf(sql, sizeof(sql), "DELETE FROM %s", tables[i].name);
        if (tables[i].seeded && db_exec(to, sql, e))
            return e->kind;
    }
    for (size_t i = 0; i < N_TABLES; i++) {
        long rows;
        if (copy_table(from, to, &tables[i], &rows, e)) {
            err_prefix(e, "table %s", tables[i].name);
            return e->kind;
        }
        out->t[out->n].table = tables[i].name;
        out->t[out->n++].rows = rows;
        out->total += rows;
    }
    return to->drv->sync_ids(to, e);
}

/* After the commit: each table holds on both sides the rows copied. */
static int verify(struct db *from, struct db *to, const struct db_copy_summary *s, struct err *e)
{
    for (size_t i = 0; i < s->n; i++) {
        long a, b;
        if (count_rows(from, s->t[i].table, &a, e) || count_rows(to, s->t[i].table, &b, e))
            return e->kind;
        if (a != s->t[i].rows || b != s->t[i].rows)
            return err_set(e, ERR_STORAGE,
                           "table %s: the source has %ld rows, the copy %ld, %ld were copied",
                           s->t[i].table, a, b, s->t[i].rows);
    }
    return 0;
}

int db_copy(struct db *from, struct db *to, struct db_copy_summary *out, struct err *e)
{
    _Static_assert(N_TABLES <= DB_COPY_MAX_TABLES, "DB_COPY_MAX_TABLES is too small");
    memset(out, 0, sizeof(*out));
    bool began;
    if (db_read_begin(from, &began, e))
        return e->kind;
    int ret = same_tables(from, "source", e) || same_tables(to, "destination", e);
    if (!ret && db_begin(to, e))
        ret = e->kind;
    else if (!ret) {
        ret = copy_all(from, to, out, e) || db_commit(to, e);
        if (ret)
            db_rollback(to);
        else
            ret = verify(from, to, out, e);
    }
    db_read_end(from, began);
    return ret ? e->kind : 0;
}
