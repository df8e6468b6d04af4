/* store_query: the read side (tasks, agencies, documents); see store_query.h. */
#include "store_query.h"

#include "db_internal.h"
#include "store_programme.h"

#include "core/docref.h"

#include "util/buf.h"
#include "util/collate.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Fill a strvec from a one-column query bound to id. */
static int list_strings2(struct db *db, const char *sql, long id, long id2, struct strvec *out,
                         struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, sql, &st, e))
        return e->kind;
    stmt_bind_int(st, 1, id);
    if (id2)
        stmt_bind_int(st, 2, id2);
    int rc;
    while (db_row(st, &rc))
        strvec_push(out, db_col_text(st, 0));
    db_finish_cached(db, st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read the task", e);
}

static int list_strings(struct db *db, const char *sql, long id, struct strvec *out,
                        struct err *e)
{
    return list_strings2(db, sql, id, 0, out, e);
}

#define TASK_COLS                                                                                  \
    "t.id, t.code, t.tt, t.name, t.field, t.output, t.deadline_text,"                              \
    " CASE WHEN t.due_set IS NULL THEN t.deadline_kind ELSE 'date' END, coalesce(t.due_set, t.due)," \
    " t.parent_id, t.repeat_of_id, t.is_group, t.source_line, t.lead_text, t.coord_text,"          \
    " t.due_set IS NOT NULL, t.due_set_note,"                                                   \
    " (SELECT max((SELECT max(p.reported_on) FROM progress_report p"                              \
    " WHERE p.assignment_id = s.id)) FROM assignment s WHERE s.task_id = t.id)"

static void read_task_row(struct stmt *st, struct task_view *t)
{
    memset(t, 0, sizeof(*t));
    t->id = stmt_int(st, 0);
    t->code = db_col_dup(st, 1);
    t->tt = db_col_dup(st, 2);
    t->name = db_col_dup(st, 3);
    t->field = db_col_dup(st, 4);
    t->output = db_col_dup(st, 5);
    t->deadline_text = db_col_dup(st, 6);
    t->deadline_kind = db_col_dup(st, 7);
    if (date_parse_iso(db_col_text(st, 8), &t->due))
        t->due = DATE_NONE;
    t->parent_id = stmt_int(st, 9);
    t->repeat_of_id = stmt_int(st, 10);
    t->is_group = (int)stmt_int(st, 11) != 0;
    t->source_line = stmt_int(st, 12);
    t->lead_text = db_col_dup(st, 13);
    t->coord_text = db_col_dup(st, 14);
    t->due_by_person = (int)stmt_int(st, 15) != 0;
    t->due_note = db_col_dup(st, 16);
    if (date_parse_iso(db_col_text(st, 17), &t->last_report))
        t->last_report = DATE_NONE;
}

static int task_lists(struct db *db, struct task_view *t, struct err *e)
{
    return list_strings(db,
                        "SELECT d.name FROM task_document td JOIN document d ON d.id ="
                        " td.document_id WHERE td.task_id = ? ORDER BY d.date, d.id",
                        t->id, &t->documents, e) ||
           list_strings(db,
                        "SELECT a.name FROM assignment s JOIN agency a ON a.id = s.agency_id"
                        " WHERE s.task_id = ? AND s.removed_import_id IS NULL ORDER BY s.id",
                        t->id, &t->lead, e) ||
           list_strings(db,
                        "SELECT COALESCE(a.name, g.name, p.text) FROM task_party p"
                        " LEFT JOIN agency a ON a.id = p.agency_id LEFT JOIN agency_group g"
                        " ON g.id = p.group_id WHERE p.task_id = ? AND p.role = 'coord'"
                        " ORDER BY p.position",
                        t->id, &t->coordinating, e);
}

/* Agency ids matching a user's name: exact name or alias first, else a part of a name. */
static void agency_ids_for(struct db *db, const struct registry *r, const char *name,
                           struct buf *in_list)
{
    bool is_group;
    long idx = registry_lookup(r, name, &is_group);
    if (idx >= 0 && !is_group) {
        buf_addf(in_list, "%ld", r->agencies[registry_active(r, (size_t)idx)].id);
        return;
    }
    char *key = text_fold(name);
    for (size_t i = 0; i < r->n_agencies; i++) {
        char *k = text_fold(r->agencies[i].name);
        if (strstr(k, key) && !r->agencies[i].successor)
            buf_addf(in_list, "%s%ld", in_list->len ? "," : "", r->agencies[i].id);
        free(k);
    }
    free(key);
    (void)db;
}

/* "%words%" for LIKE ... ESCAPE '\\', with the user's own % and _ taken literally. */
static char *like_pattern(const char *text)
{
    char *key = text_fold(text);
    struct buf b = BUF_INIT;
    buf_addch(&b, '%');
    for (const char *p = key; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_addch(&b, '\\');
        buf_addch(&b, *p);
    }
    buf_addch(&b, '%');
    free(key);
    return buf_take(&b);
}

static void like_param(struct strvec *params, const char *text)
{
    strvec_push_take(params, like_pattern(text));
}

static int document_by_ref(struct db *db, const char *text, long *id, struct err *e);

/*
 * The conditions of f, " AND ..." appended to where (after "WHERE 1 = 1"),
 * and the text they bind, in order, into params. ERR_NOT_FOUND for an
 * agency that names none.
 */
static int filter_sql(struct db *db, const struct registry *r, const struct task_filter *f,
                      struct buf *where, struct strvec *params, struct err *e)
{
    if (f->agency) {
        struct buf ids = BUF_INIT;
        agency_ids_for(db, r, f->agency, &ids);
        if (!ids.len) {
            buf_release(&ids);
            return err_set(e, ERR_NOT_FOUND, "không có đơn vị nào tên “%s”", f->agency);
        }
        buf_addf(where, " AND t.id IN (SELECT task_id FROM assignment WHERE removed_import_id IS NULL AND agency_id IN (%s))",
                 ids.data);
        buf_release(&ids);
    }
    long doc_id = 0;
    if (f->document && document_by_ref(db, f->document, &doc_id, e))
        return e->kind;
    if (doc_id) {
        buf_addf(where, " AND t.id IN (SELECT task_id FROM task_document WHERE document_id = %ld)",
                 doc_id);
    } else if (f->document) {
        buf_adds(where, " AND t.id IN (SELECT td.task_id FROM task_document td JOIN document d"
                        " ON d.id = td.document_id WHERE d.name_key LIKE ? ESCAPE '\\')");
        like_param(params, f->document);
    }
    if (f->field) {
        buf_adds(where, " AND lower(t.field) LIKE ?");
        strvec_push_take(params, xasprintf("%%%s%%", f->field));
    }
    if (f->search) {
        buf_adds(where, " AND t.search_key LIKE ? ESCAPE '\\'");
        like_param(params, f->search);
    }
    return 0;
}

/*
 * Prepare "SELECT cols FROM task t WHERE 1 = 1" with f's conditions (all
 * tasks when f is NULL), ordered by id, its text bound.
 */
static int prepare_filtered(struct db *db, const char *cols, const struct registry *r,
                            const struct task_filter *f, struct stmt **st, struct err *e)
{
    struct buf sql = BUF_INIT;
    struct strvec params = STRVEC_INIT;
    buf_addf(&sql, "SELECT %s FROM task t WHERE 1 = 1", cols);
    int ret = f ? filter_sql(db, r, f, &sql, &params, e) : 0;
    buf_adds(&sql, " ORDER BY t.id");
    if (!ret)
        ret = db_prepare(db, sql.data, st, e);
    for (size_t i = 0; i < params.n && !ret; i++)
        db_bind_text(*st, (int)i + 1, params.items[i]);
    buf_release(&sql);
    strvec_release(&params);
    return ret;
}

/* Give each of t[0..n) its lists; on an error t is freed and *t, *n reset. */
static int add_lists(struct db *db, struct task_view **t, size_t *n, struct err *e)
{
    int ret = 0;
    for (size_t i = 0; i < *n && !ret; i++)
        ret = task_lists(db, &(*t)[i], e);
    if (ret) {
        task_views_free(*t, *n);
        *t = NULL;
        *n = 0;
    }
    return ret;
}

/* Step st (a query of TASK_COLS), then finalize it; each task with its lists. */
static int read_views(struct db *db, struct stmt *st, struct task_view **out, size_t *n,
                      struct err *e)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_task_row(st, &(*out)[*n]);
        (*n)++;
    }
    stmt_finalize(st);
    if (rc != DB_DONE) {
        task_views_free(*out, *n);
        *out = NULL;
        *n = 0;
        return db_error(db, "cannot read the tasks", e);
    }
    return add_lists(db, out, n, e);
}

int store_tasks(struct db *db, const struct registry *r, const struct task_filter *f,
                struct task_view **out, size_t *n, struct err *e)
{
    struct stmt *st;
    bool began;
    *out = NULL;
    *n = 0;
    if (db_read_begin(db, &began, e))
        return e->kind;
    int ret = prepare_filtered(db, TASK_COLS, r, f, &st, e) ? e->kind
                                                             : read_views(db, st, out, n, e);
    db_read_end(db, began);
    return ret;
}

int store_task_ids(struct db *db, const struct registry *r, const struct task_filter *f,
                   long **ids, size_t *n, struct err *e)
{
    struct stmt *st;
    size_t cap = 0;
    int rc;
    *ids = NULL;
    *n = 0;
    if (prepare_filtered(db, "t.id", r, f, &st, e))
        return e->kind;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*ids, *n + 1, cap);
        (*ids)[(*n)++] = stmt_int(st, 0);
    }
    stmt_finalize(st);
    if (rc == DB_DONE)
        return 0;
    FREE_AND_NULL(*ids);
    *n = 0;
    return db_error(db, "cannot read the tasks", e);
}

static int cmp_id(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/*
 * One statement kept prepared, stepped once per id: a request reads a page
 * of tasks with no SQL text built and parsed for it.
 */
static int tasks_by_id(struct db *db, const long *ids, size_t n, struct task_view **out,
                       size_t *n_out, struct err *e)
{
    *out = NULL;
    *n_out = 0;
    if (n > STORE_LOAD_TASKS_MAX)
        return err_set(e, ERR_INVALID, "cannot read %zu tasks by id (at most %d)", n,
                       STORE_LOAD_TASKS_MAX);
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT " TASK_COLS " FROM task t WHERE t.id = ?", &st, e))
        return e->kind;
    long *sorted = xreallocarray(NULL, n + 1, sizeof(*sorted));
    if (n)
        memcpy(sorted, ids, n * sizeof(*ids));
    qsort(sorted, n, sizeof(*sorted), cmp_id);
    size_t cap = 0;
    int rc = DB_DONE;
    for (size_t i = 0; i < n && rc == DB_DONE; i++) {
        if (i && sorted[i] == sorted[i - 1])
            continue;
        stmt_bind_int(st, 1, sorted[i]);
        if (db_row(st, &rc)) {
            ALLOC_GROW(*out, *n_out + 1, cap);
            read_task_row(st, &(*out)[(*n_out)++]);
            rc = stmt_step(st);
        }
        stmt_reset(st);
    }
    db_finish_cached(db, st);
    free(sorted);
    if (rc != DB_DONE) {
        task_views_free(*out, *n_out);
        *out = NULL;
        *n_out = 0;
        return db_error(db, "cannot read the tasks", e);
    }
    return add_lists(db, out, n_out, e);
}

int store_tasks_by_id(struct db *db, const long *ids, size_t n, struct task_view **out,
                      size_t *n_out, struct err *e)
{
    bool began;
    if (db_read_begin(db, &began, e))
        return e->kind;
    int ret = tasks_by_id(db, ids, n, out, n_out, e);
    db_read_end(db, began);
    return ret;
}

static int task_parties(struct db *db, struct task_view *t, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT p.role, p.text, COALESCE(a.name, g.name), p.group_id FROM"
                          " task_party p LEFT JOIN agency a ON a.id = p.agency_id LEFT JOIN"
                          " agency_group g ON g.id = p.group_id WHERE p.task_id = ?"
                          " ORDER BY p.role DESC, p.position",
                          &st, e))
        return e->kind;
    stmt_bind_int(st, 1, t->id);
    size_t cap = 0;
    long *group_ids = NULL;
    while (stmt_step(st) == DB_ROW) {
        ALLOC_GROW(t->parties, t->n_parties + 1, cap);
        group_ids = xreallocarray(group_ids, cap, sizeof(long));
        struct party_view *p = &t->parties[t->n_parties];
        memset(p, 0, sizeof(*p));
        p->role = db_col_dup(st, 0);
        p->text = db_col_dup(st, 1);
        p->resolved = stmt_is_null(st, 2) ? NULL : db_col_dup(st, 2);
        p->is_group = !stmt_is_null(st, 3);
        group_ids[t->n_parties++] = stmt_int(st, 3);
    }
    db_finish_cached(db, st);
    int ret = 0;
    for (size_t i = 0; i < t->n_parties && !ret; i++) {
        struct party_view *p = &t->parties[i];
        if (p->is_group && strcmp(p->role, "lead") == 0)
            ret = list_strings2(db,
                                "SELECT a.name FROM assignment s JOIN agency a ON a.id ="
                                " s.agency_id WHERE s.task_id = ? AND s.via_group_id = ?"
                                " AND s.removed_import_id IS NULL"
                                " ORDER BY s.id",
                                t->id, group_ids[i], &p->members, e);
    }
    free(group_ids);
    return ret;
}

static int one_task(struct db *db, long id, struct task_view *out, struct err *e)
{
    struct task_view *v;
    size_t n;
    if (tasks_by_id(db, &id, 1, &v, &n, e))
        return e->kind;
    if (!n)
        return err_set(e, ERR_NOT_FOUND, "no task with id %ld", id);
    *out = v[0];
    free(v);
    if (task_parties(db, out, e)) {
        task_view_release(out);
        return e->kind;
    }
    return 0;
}

int store_task(struct db *db, long id, struct task_view *out, struct err *e)
{
    bool began;
    if (db_read_begin(db, &began, e))
        return e->kind;
    int ret = one_task(db, id, out, e);
    db_read_end(db, began);
    return ret;
}

static int cmp_agency(const void *a, const void *b)
{
    return collate_vi(((const struct agency_view *)a)->name, ((const struct agency_view *)b)->name);
}

int store_agencies(struct db *db, struct agency_view **out, size_t *n, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   /* the tasks it leads, counted as the statistics count them: a
                    * group of sub-tasks and a repeated task are not tasks of their own
                    * (docs/COUNTING.md), so the figure is the units page's */
                   "SELECT a.id, a.name, a.kind, s.name, (SELECT count(*) FROM assignment x"
                   " JOIN task t ON t.id = x.task_id WHERE x.agency_id = a.id AND"
                   " x.removed_import_id IS NULL AND t.is_group = 0 AND t.repeat_of_id IS NULL)"
                   " FROM agency a"
                   " LEFT JOIN agency s"
                   " ON s.id = a.successor_id",
                   &st, e))
        return e->kind;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    while (stmt_step(st) == DB_ROW) {
        ALLOC_GROW(*out, *n + 1, cap);
        struct agency_view *a = &(*out)[(*n)++];
        memset(a, 0, sizeof(*a));
        a->id = stmt_int(st, 0);
        a->name = db_col_dup(st, 1);
        a->kind = db_col_dup(st, 2);
        a->successor = stmt_is_null(st, 3) ? NULL : db_col_dup(st, 3);
        a->lead_tasks = stmt_int(st, 4);
    }
    stmt_finalize(st);
    int ret = 0;
    for (size_t i = 0; i < *n && !ret; i++)
        ret = list_strings(db, "SELECT alias FROM agency_alias WHERE agency_id = ? ORDER BY id",
                           (*out)[i].id, &(*out)[i].aliases, e);
    if (*n)
        qsort(*out, *n, sizeof(**out), cmp_agency);
    return ret;
}

int store_documents(struct db *db, struct document_view **out, size_t *n, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "SELECT d.id, d.name, d.kind, d.number, d.date, (SELECT count(*) FROM"
                   " task_document td WHERE td.document_id = d.id) FROM document d"
                   " ORDER BY d.date IS NULL, d.date, d.id",
                   &st, e))
        return e->kind;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    while (stmt_step(st) == DB_ROW) {
        ALLOC_GROW(*out, *n + 1, cap);
        struct document_view *d = &(*out)[(*n)++];
        memset(d, 0, sizeof(*d));
        d->id = stmt_int(st, 0);
        d->name = db_col_dup(st, 1);
        d->kind = db_col_dup(st, 2);
        d->number = db_col_dup(st, 3);
        if (date_parse_iso(db_col_text(st, 4), &d->date))
            d->date = DATE_NONE;
        d->tasks = stmt_int(st, 5);
    }
    stmt_finalize(st);
    return 0;
}

int store_counts(struct db *db, struct store_counts *c, struct err *e)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM agency",      "SELECT count(*) FROM agency_group",
        "SELECT count(*) FROM document",    "SELECT count(*) FROM task",
        "SELECT count(*) FROM task WHERE is_group = 0", "SELECT count(*) FROM assignment WHERE removed_import_id IS NULL",
        "SELECT count(*) FROM indicator",
    };
    long *fields[] = { &c->agencies, &c->groups, &c->documents, &c->tasks,
                       &c->counted,  &c->assignments, &c->indicators };
    for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++) {
        struct stmt *st;
        if (db_prepare(db, sql[i], &st, e))
            return e->kind;
        *fields[i] = stmt_step(st) == DB_ROW ? stmt_int(st, 0) : 0;
        stmt_finalize(st);
    }
    return 0;
}

/*
 * A reference written without its date ("Nghị quyết 71/NQ-CP") names the
 * document of that kind and number (and symbol, when written) if there is
 * only one; *id stays 0 otherwise.
 */
static int document_by_number(struct db *db, const struct docref *ref, const char *key,
                              long *id, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "SELECT id FROM document WHERE substr(ref_key, 1, length(?1)) = ?1"
                   " AND (CAST(?2 AS TEXT) IS NULL OR upper(symbol) = upper(?2)) LIMIT 2",
                   &st, e))
        return e->kind;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, ref->symbol);
    long found[2] = { 0, 0 };
    int n = 0, rc;
    while (db_row(st, &rc))
        found[n++] = stmt_int(st, 0);
    stmt_finalize(st);
    if (rc != DB_DONE)
        return db_error(db, "cannot find the document", e);
    *id = n == 1 ? found[0] : 0;
    return 0;
}

static int document_by_ref(struct db *db, const char *text, long *id, struct err *e)
{
    struct docref ref;
    struct err ignored = ERR_INIT;
    *id = 0;
    if (docref_parse(text, &ref, &ignored))
        return 0;
    char *key = docref_key(&ref);
    int ret = date_is_set(ref.date)
                  ? db_query_id(db, "SELECT id FROM document WHERE ref_key = ?", key, id, e)
                  : document_by_number(db, &ref, key, id, e);
    docref_release(&ref);
    free(key);
    return ret;
}

int store_find_document(struct db *db, const char *text, long *id, struct err *e)
{
    if (document_by_ref(db, text, id, e) || *id)
        return e->kind;
    struct stmt *st;
    if (db_prepare(db, "SELECT id, name FROM document WHERE name_key LIKE ? ESCAPE '\\'"
                       " ORDER BY date, id LIMIT 2", &st, e))
        return e->kind;
    char *like = like_pattern(text);
    db_bind_text(st, 1, like);
    free(like);
    int n = 0;
    char *names[2] = { NULL, NULL };
    while (n < 2 && stmt_step(st) == DB_ROW) {
        *id = stmt_int(st, 0);
        names[n++] = db_col_dup(st, 1);
    }
    stmt_finalize(st);
    int ret = 0;
    if (n == 0)
        ret = err_set(e, ERR_NOT_FOUND, "không có văn bản nào tên “%s”", text);
    else if (n > 1)
        ret = err_set(e, ERR_INVALID, "“%s” khớp với nhiều văn bản (“%s”, “%s”, ...): hãy ghi rõ hơn", text,
                      names[0], names[1]);
    free(names[0]);
    free(names[1]);
    return ret;
}
