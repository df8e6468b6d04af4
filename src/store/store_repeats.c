/*
 * store_repeats: the tasks an import creates that are already there — a
 * duplicate of a stored task of the same document, or a repeat ("nhiệm vụ
 * nhắc lại") of an earlier document's task — found inside the import's
 * transaction, and the confirmed repeats linked; see store_repeats.h,
 * and store_import.h store_import() for the rules.
 */
#include "store_repeats.h"

#include "db_internal.h"
#include "store_import.h"

#include "core/similar.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/*
 * Comparing every new name with every stored one costs their product;
 * above this many comparisons (a national table of thousands of tasks
 * into a database of thousands) close names are not looked for, and the
 * summary says so (near_checked false). Equal names are always found.
 */
#define NEAR_BUDGET ((size_t)4000000)

/* A stored task a new one equals or comes close to. */
struct stored_match {
    long id;        /* the original: the stored task, or what it repeats (a link's target) */
    long matched;   /* the stored task found, shown for a duplicate */
    double score;
    bool same_doc;  /* shares a document with the new task, or the new one has none */
    bool exact;     /* found by equal match keys (not by similarity) */
};

/* What the pass over one import sees. */
struct repeat_ctx {
    struct db *db;
    long run_id;
    const struct import_options *opt;
    struct import_summary *sum;
    struct err *e;
};

/* SQL: whether task ?3 (new) and t share a document, or ?3 names none. */
#define SAME_DOC_SQL                                                                           \
    "(EXISTS (SELECT 1 FROM task_document a JOIN task_document o ON o.document_id ="          \
    " a.document_id WHERE a.task_id = ?3 AND o.task_id = t.id) OR NOT EXISTS (SELECT 1 FROM"   \
    " task_document WHERE task_id = ?3))"

/* The stored task (not of this run, not a group) whose match key is key; m->id 0 when none. */
static int find_equal(struct repeat_ctx *c, long new_id, const char *key, struct stored_match *m)
{
    static const char sql[] =
        "SELECT coalesce(t.repeat_of_id, t.id), " SAME_DOC_SQL " AS same, t.id FROM task t"
        " WHERE t.name_key = ?1 AND t.import_id IS DISTINCT FROM ?2 AND t.is_group = 0 AND t.id <> ?3"
        " ORDER BY same DESC, t.repeat_of_id IS NOT NULL, t.id LIMIT 1";
    struct stmt *st;
    *m = (struct stored_match){ 0, 0, 1.0, false, true };
    if (db_prepare_cached(c->db, sql, &st, c->e))
        return c->e->kind;
    db_bind_text(st, 1, key);
    stmt_bind_int(st, 2, c->run_id);
    stmt_bind_int(st, 3, new_id);
    int rc = stmt_step(st);
    if (rc == DB_ROW) {
        m->id = (long)stmt_int(st, 0);
        m->same_doc = (int)stmt_int(st, 1) != 0;
        m->matched = (long)stmt_int(st, 2);
    }
    db_finish_cached(c->db, st);
    if (rc != DB_ROW && rc != DB_DONE)
        return db_error(c->db, "cannot look for equal tasks", c->e);
    return 0;
}

/* Whether the new task new_id and the stored task old_id share a document (or new names none). */
static int share_document(struct repeat_ctx *c, long new_id, long old_id, bool *same)
{
    static const char sql[] = "SELECT " SAME_DOC_SQL " FROM task t WHERE t.id = ?1";
    struct stmt *st;
    if (db_prepare_cached(c->db, sql, &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, old_id);
    stmt_bind_int(st, 3, new_id);
    int rc = stmt_step(st);
    *same = rc == DB_ROW && (int)stmt_int(st, 0) != 0;
    db_finish_cached(c->db, st);
    if (rc != DB_ROW && rc != DB_DONE)
        return db_error(c->db, "cannot compare documents", c->e);
    return 0;
}

/* The stored names close names are looked among: every task of earlier runs but groups. */
struct stored_names {
    long *ids, *roots;
    struct similar_key *keys;
    size_t n, cap;
};

static void stored_names_release(struct stored_names *s)
{
    for (size_t i = 0; i < s->n; i++)
        similar_key_release(&s->keys[i]);
    free(s->ids);
    free(s->roots);
    free(s->keys);
}

static int load_stored_names(struct repeat_ctx *c, struct stored_names *s)
{
    struct stmt *st;
    if (db_prepare(c->db,
                   "SELECT id, coalesce(repeat_of_id, id), name_key FROM task"
                   " WHERE import_id IS DISTINCT FROM ? AND is_group = 0 ORDER BY id",
                   &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, c->run_id);
    int rc;
    size_t cap_roots = 0, cap_keys = 0;
    while (db_row(st, &rc)) {
        ALLOC_GROW(s->ids, s->n + 1, s->cap);
        ALLOC_GROW(s->roots, s->n + 1, cap_roots);
        ALLOC_GROW(s->keys, s->n + 1, cap_keys);
        s->ids[s->n] = (long)stmt_int(st, 0);
        s->roots[s->n] = (long)stmt_int(st, 1);
        similar_prepare(&s->keys[s->n++], db_col_text(st, 2));
    }
    stmt_finalize(st);
    if (rc != DB_DONE)
        return db_error(c->db, "cannot read the stored task names", c->e);
    return 0;
}

/*
 * The closest stored name at or above SIMILAR_ACCEPT of another document;
 * m->id 0 when none. A closer name of the same document does not hide one
 * of another: each candidate that would be the best is checked.
 */
static int find_close(struct repeat_ctx *c, const struct stored_names *s, long new_id,
                      const char *key, struct stored_match *m)
{
    struct similar_key k;
    similar_prepare(&k, key);
    *m = (struct stored_match){ 0, 0, 0, false, false };
    int ret = 0;
    for (size_t i = 0; i < s->n && !ret; i++) {
        if (similar_bound(&k, &s->keys[i]) < SIMILAR_ACCEPT)
            continue;
        double x = similar_score_prepared(&k, &s->keys[i]);
        bool same = true;
        if (x >= SIMILAR_ACCEPT && x > m->score)
            ret = share_document(c, new_id, s->ids[i], &same);
        if (!ret && !same)
            *m = (struct stored_match){ s->roots[i], s->ids[i], x, false, false };
    }
    similar_key_release(&k);
    return ret;
}

static int link_repeat(struct repeat_ctx *c, long new_id, long original)
{
    struct stmt *st;
    if (db_prepare_cached(c->db, "UPDATE task SET repeat_of_id = ? WHERE id = ?", &st, c->e))
        return c->e->kind;
    stmt_bind_int(st, 1, original);
    stmt_bind_int(st, 2, new_id);
    int ret = db_step_done(c->db, st, c->e);
    db_finish_cached(c->db, st);
    return ret;
}

/* The code and name of r->task, for the user to recognise it. */
static int name_task(struct repeat_ctx *c, struct task_repeat *r)
{
    struct stmt *st;
    int ret = db_prepare_cached(c->db, "SELECT code, name FROM task WHERE id = ?", &st, c->e);
    if (!ret) {
        stmt_bind_int(st, 1, r->task);
        int rc = stmt_step(st);
        if (rc == DB_ROW) {
            r->code = stmt_is_null(st, 0) ? NULL : db_col_dup(st, 0);
            r->task_name = db_col_dup(st, 1);
        }
        db_finish_cached(c->db, st);
        if (rc != DB_ROW && rc != DB_DONE)
            ret = db_error(c->db, "cannot read the stored task", c->e);
    }
    if (!r->task_name)
        r->task_name = xstrdup("");
    return ret;
}

/* Record the new task t (stored as new_id) against the stored match m, linking it when confirmed. */
static int record_match(struct repeat_ctx *c, const struct batch_task *t, long new_id,
                        const struct stored_match *m)
{
    bool duplicate = m->same_doc;
    struct task_repeat r = { t->line, xstrdup(t->name), duplicate ? m->matched : m->id,
                             NULL, NULL, m->score, m->exact, false };
    r.linked = line_listed(c->opt->link_lines, c->opt->n_link_lines, t->line) ||
               (!duplicate && r.exact && c->opt->link_repeats);
    int ret = name_task(c, &r);
    if (!ret && r.linked)
        ret = link_repeat(c, new_id, m->id);
    if (r.linked && !t->is_group && c->sum->counted)
        c->sum->counted--;
    struct import_summary *s = c->sum;
    if (duplicate && !r.linked) {
        ALLOC_GROW(s->dups, s->n_dups + 1, s->cap_dups);
        s->dups[s->n_dups++] = r;
        s->duplicates = s->n_dups;
    } else {
        ALLOC_GROW(s->repeats, s->n_repeats + 1, s->cap_repeats);
        s->repeats[s->n_repeats++] = r;
    }
    return ret;
}

/* Whether task i is one to compare: created by this import, counted, not already a repeat. */
static bool is_candidate(const struct batch *b, size_t i, const bool *created)
{
    return created[i] && !b->tasks[i].is_group && !b->tasks[i].repeat_code && b->tasks[i].name;
}

/* Rows created with no equal stored name, compared with every stored name, within budget. */
static int close_pass(struct repeat_ctx *c, const struct batch *b, const long *ids,
                      const bool *unmatched, size_t n_unmatched)
{
    struct stored_names s = { 0 };
    int ret = n_unmatched ? load_stored_names(c, &s) : 0;
    c->sum->near_checked = n_unmatched == 0 || s.n == 0 || n_unmatched <= NEAR_BUDGET / s.n;
    for (size_t i = 0; i < b->n_tasks && !ret && c->sum->near_checked && s.n; i++) {
        if (!unmatched[i])
            continue;
        char *key = text_match_key(b->tasks[i].name);
        struct stored_match m;
        ret = find_close(c, &s, ids[i], key, &m);
        if (!ret && m.id)
            ret = record_match(c, &b->tasks[i], ids[i], &m);
        free(key);
    }
    stored_names_release(&s);
    return ret;
}

int store_find_repeats(struct db *db, long run_id, const struct batch *b, const long *ids,
                       const bool *created, const struct import_options *opt,
                       struct import_summary *sum, struct err *e)
{
    struct repeat_ctx c = { db, run_id, opt, sum, e };
    bool *unmatched = xcalloc(b->n_tasks + 1, sizeof(bool));
    size_t n_unmatched = 0;
    int ret = 0;
    for (size_t i = 0; i < b->n_tasks && !ret; i++) {
        if (!is_candidate(b, i, created))
            continue;
        char *key = text_match_key(b->tasks[i].name);
        struct stored_match m;
        ret = find_equal(&c, ids[i], key, &m);
        if (!ret && m.id)
            ret = record_match(&c, &b->tasks[i], ids[i], &m);
        else if (!ret) {
            unmatched[i] = true;
            n_unmatched++;
        }
        free(key);
    }
    if (!ret)
        ret = close_pass(&c, b, ids, unmatched, n_unmatched);
    free(unmatched);
    return ret;
}
