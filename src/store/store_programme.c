/*
 * store_programme: reading the snapshot that counting works on
 * (core/programme.h, with the indicators in the same read transaction)
 * and the progress timelines; see store_programme.h.
 *
 * The snapshot is read with a handful of whole-table queries rather than
 * one query per task, so a report over thousands of tasks stays fast.
 */
#include "store_programme.h"

#include "db_internal.h"
#include "store_approval.h"
#include "store_indicators.h"

#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Map database ids to snapshot indexes with a sorted copy and bsearch. */
struct id_map {
    long *ids; /* sorted */
    size_t *idx;
    size_t n;
};

static int pair_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* ids[i] must be ascending: every query below orders by id. */
static size_t map_find(const long *ids, size_t n, long id)
{
    const long *hit = bsearch(&id, ids, n, sizeof(long), pair_cmp);
    return hit ? (size_t)(hit - ids) : PROG_NONE;
}

static int finish(struct db *db, struct stmt *st, int rc, struct err *e)
{
    stmt_finalize(st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read the programme", e);
}

/* The tasks a load reads: every task (ids NULL), or ids[0..n) (borrowed). */
struct task_set {
    const long *ids;
    size_t n;
};

/*
 * A loader's query: head, then for a set of tasks cond, the set's
 * placeholders and cond_end (for every task, nothing: no "?1 = 0 OR"
 * that would keep the planner from the index), then tail.
 */
struct set_query {
    const char *head, *cond, *cond_end, *tail;
};

/* "(?,?,...,?)" for n ids. */
static char *placeholders(size_t n)
{
    struct buf b = BUF_INIT;
    buf_addch(&b, '(');
    for (size_t i = 0; i < n; i++)
        buf_adds(&b, i ? ",?" : "?");
    buf_addch(&b, ')');
    return buf_take(&b);
}

static int prepare_for(struct db *db, const struct set_query *q, const struct task_set *s,
                       struct stmt **st, struct err *e)
{
    char *in = s->ids ? placeholders(s->n) : NULL;
    char *sql = in ? xasprintf("%s%s%s%s%s", q->head, q->cond, in, q->cond_end, q->tail)
                   : xasprintf("%s%s", q->head, q->tail);
    int ret = db_prepare(db, sql, st, e);
    free(sql);
    free(in);
    for (size_t i = 0; !ret && s->ids && i < s->n; i++)
        stmt_bind_int(*st, (int)i + 1, s->ids[i]);
    return ret ? e->kind : 0;
}

static int load_documents(struct db *db, struct programme *p, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db,
                   "SELECT id, name, date, meeting, meeting_date, summary FROM document"
                   " ORDER BY date IS NULL, date, id",
                   &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(p->documents, p->n_documents + 1, cap);
        p->documents[p->n_documents++] = (struct prog_document){
            stmt_int(st, 0), db_col_dup(st, 1), db_col_date(st, 2),
            stmt_is_null(st, 3) ? NULL : db_col_dup(st, 3),
            db_col_date(st, 4), stmt_is_null(st, 5) ? NULL : db_col_dup(st, 5) };
    }
    return finish(db, st, rc, e);
}

static int load_agencies(struct db *db, struct programme *p, struct err *e)
{
    struct stmt *st;
    if (db_prepare(db, "SELECT id, name, kind FROM agency ORDER BY id", &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(p->agencies, p->n_agencies + 1, cap);
        p->agencies[p->n_agencies++] = (struct prog_agency){
            stmt_int(st, 0), db_col_dup(st, 1), db_col_dup(st, 2) };
    }
    return finish(db, st, rc, e);
}

static void read_task(struct stmt *st, struct prog_task *t)
{
    *t = (struct prog_task){ .id = stmt_int(st, 0) };
    t->code = db_col_dup(st, 1);
    t->tt = db_col_dup(st, 2);
    t->name = db_col_dup(st, 3);
    t->field = db_col_dup(st, 4);
    t->deadline_text = db_col_dup(st, 5);
    const char *kind = db_col_text(st, 6);
    t->deadline_kind = !strcmp(kind, "date")        ? DEADLINE_DATE
                       : !strcmp(kind, "recurring") ? DEADLINE_RECURRING
                                                    : DEADLINE_UNKNOWN;
    t->due = db_col_date(st, 7);
    t->is_group = (int)stmt_int(st, 8) != 0;
    t->repeat_of_id = stmt_int(st, 9);
    t->lead_text = db_col_dup(st, 10);
}

static int load_tasks(struct db *db, struct programme *p, const struct task_set *s,
                      struct err *e)
{
    static const struct set_query q = {
        "SELECT id, code, tt, name, field, deadline_text,"
        " CASE WHEN due_set IS NULL THEN deadline_kind ELSE 'date' END,"
        " coalesce(due_set, due),"
        " is_group <> 0 OR EXISTS (SELECT 1 FROM task c WHERE c.parent_id = task.id),"
        " coalesce(repeat_of_id, 0), lead_text FROM task",
        " WHERE id IN ", "", " ORDER BY id"
    };
    struct stmt *st;
    if (prepare_for(db, &q, s, &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(p->tasks, p->n_tasks + 1, cap);
        read_task(st, &p->tasks[p->n_tasks++]);
    }
    return finish(db, st, rc, e);
}

static void push_index(size_t **arr, size_t *n, size_t v)
{
    *arr = xreallocarray(*arr, *n + 1, sizeof(size_t));
    (*arr)[(*n)++] = v;
}

/* Documents per task, earliest first (the programme's documents are by date). */
static int load_task_documents(struct db *db, struct programme *p, const long *task_ids,
                               const struct task_set *s, struct err *e)
{
    static const struct set_query q = {
        "SELECT td.task_id, td.document_id FROM task_document td JOIN document d"
        " ON d.id = td.document_id",
        " WHERE td.task_id IN ", "", " ORDER BY td.task_id, d.date IS NULL, d.date, d.id"
    };
    struct stmt *st;
    if (prepare_for(db, &q, s, &st, e))
        return e->kind;
    int rc;
    while (db_row(st, &rc)) {
        size_t ti = map_find(task_ids, p->n_tasks, stmt_int(st, 0));
        size_t di = programme_find_document(p, stmt_int(st, 1));
        if (ti != PROG_NONE && di != PROG_NONE)
            push_index(&p->tasks[ti].documents, &p->tasks[ti].n_documents, di);
    }
    return finish(db, st, rc, e);
}

static int load_assignments(struct db *db, struct programme *p, const long *task_ids,
                            const long *agency_ids, const struct task_set *s, struct err *e)
{
    static const struct set_query q = {
        "SELECT id, task_id, agency_id FROM assignment WHERE removed_import_id IS NULL",
        " AND task_id IN ", "", " ORDER BY id"
    };
    struct stmt *st;
    if (prepare_for(db, &q, s, &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        size_t ti = map_find(task_ids, p->n_tasks, stmt_int(st, 1));
        size_t ai = map_find(agency_ids, p->n_agencies, stmt_int(st, 2));
        if (ti == PROG_NONE || ai == PROG_NONE)
            continue;
        ALLOC_GROW(p->assignments, p->n_assignments + 1, cap);
        p->assignments[p->n_assignments] =
            (struct prog_assignment){ stmt_int(st, 0), ti, ai, NULL, 0 };
        push_index(&p->tasks[ti].assignments, &p->tasks[ti].n_assignments, p->n_assignments++);
    }
    return finish(db, st, rc, e);
}

static void read_event(struct stmt *st, struct progress_event *ev)
{
    enum progress_kind kind = PROGRESS_UPDATE;
    progress_kind_parse(db_col_text(st, 3), &kind);
    *ev = (struct progress_event){ db_col_date(st, 1), stmt_int(st, 2), kind,
                                   db_col_date(st, 4) };
}

/*
 * In the order of the covering index progress_events (schema 11), so the
 * whole table's events are one walk of that index and never a lookup of
 * the table's rows.
 */
static int load_events(struct db *db, struct programme *p, const long *assignment_ids,
                       const struct task_set *s, struct err *e)
{
    static const struct set_query q = {
        "SELECT assignment_id, reported_on, id, kind, completed_on FROM progress_report",
        " WHERE assignment_id IN (SELECT id FROM assignment WHERE task_id IN ", ")",
        " ORDER BY assignment_id, reported_on, id"
    };
    struct stmt *st;
    if (prepare_for(db, &q, s, &st, e))
        return e->kind;
    /* Rows come grouped by assignment: one capacity, for the list being filled. */
    size_t filling = PROG_NONE, cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        size_t ai = map_find(assignment_ids, p->n_assignments, stmt_int(st, 0));
        if (ai == PROG_NONE)
            continue;
        struct prog_assignment *a = &p->assignments[ai];
        if (ai != filling) {
            filling = ai;
            cap = a->n_events;
        }
        ALLOC_GROW(a->events, a->n_events + 1, cap);
        read_event(st, &a->events[a->n_events++]);
    }
    return finish(db, st, rc, e);
}

/*
 * The windows of the reports the counting rule does not count from their
 * date on (core/approval.h): those awaiting or refused approval and those
 * with review steps, read through the partial index on needs_approval and
 * the small review table; under "accepted only", every other report too.
 */
static struct progress_event *event_of(struct prog_assignment *a, long report_id)
{
    for (size_t i = 0; i < a->n_events; i++)
        if (a->events[i].seq == report_id)
            return &a->events[i];
    return NULL;
}

static void hide_every_event(struct programme *p)
{
    for (size_t i = 0; i < p->n_assignments; i++)
        for (size_t k = 0; k < p->assignments[i].n_events; k++)
            approval_window(COUNT_ACCEPTED, false, NULL, 0, &p->assignments[i].events[k]);
}

static void apply_window(struct programme *p, const long *assignment_ids, long assignment_id,
                         long report_id, enum count_policy policy, bool needs,
                         const struct review *steps, size_t n)
{
    size_t ai = map_find(assignment_ids, p->n_assignments, assignment_id);
    struct progress_event *ev = ai == PROG_NONE ? NULL : event_of(&p->assignments[ai], report_id);
    if (ev)
        approval_window(policy, needs, steps, n, ev);
}

static int load_windows(struct db *db, struct programme *p, const long *assignment_ids,
                        const struct task_set *set, struct err *e)
{
    /* The whole programme: the partial index of the reports awaiting approval and the
     * review table. A few tasks: their reports, each probed in the review's index. */
    static const struct set_query whole = {
        "SELECT r.assignment_id, r.id, r.needs_approval, v.step, v.taken_on"
        " FROM progress_report r LEFT JOIN progress_review v ON v.report_id = r.id"
        " WHERE r.id IN (SELECT id FROM progress_report WHERE needs_approval = 1"
        " UNION SELECT report_id FROM progress_review)",
        "", "", " ORDER BY r.id, v.id"
    };
    static const struct set_query some = {
        "SELECT r.assignment_id, r.id, r.needs_approval, v.step, v.taken_on"
        " FROM progress_report r LEFT JOIN progress_review v ON v.report_id = r.id"
        " WHERE (r.needs_approval = 1 OR EXISTS (SELECT 1 FROM progress_review x"
        " WHERE x.report_id = r.id))",
        " AND r.assignment_id IN (SELECT id FROM assignment WHERE task_id IN ", ")",
        " ORDER BY r.id, v.id"
    };
    enum count_policy policy;
    if (store_count_policy(db, &policy, e))
        return e->kind;
    p->count_policy = policy;
    if (policy == COUNT_ALL)
        return 0;
    if (policy == COUNT_ACCEPTED)
        hide_every_event(p);
    struct stmt *st;
    if (prepare_for(db, set->ids ? &some : &whole, set, &st, e))
        return e->kind;
    struct review steps[N_REVIEW_STEPS];
    size_t n = 0;
    long report = 0, assignment = 0;
    bool needs = false;
    int rc;
    while (db_row(st, &rc)) {
        long id = stmt_int(st, 1);
        if (id != report && report)
            apply_window(p, assignment_ids, assignment, report, policy, needs, steps, n);
        if (id != report) {
            report = id;
            assignment = stmt_int(st, 0);
            needs = (int)stmt_int(st, 2);
            n = 0;
        }
        int step = review_step_parse(db_col_text(st, 3));
        if (step >= 0 && n < N_REVIEW_STEPS)
            steps[n++] = (struct review){ (enum review_step)step, db_col_date(st, 4) };
    }
    if (report)
        apply_window(p, assignment_ids, assignment, report, policy, needs, steps, n);
    return finish(db, st, rc, e);
}

static long *ids_of(size_t n, size_t stride, const void *base)
{
    long *ids = xcalloc(n + 1, sizeof(long));
    for (size_t i = 0; i < n; i++)
        ids[i] = *(const long *)((const char *)base + i * stride);
    return ids;
}

int store_load_tasks(struct db *db, const long *ids, size_t n, struct programme *p,
                     struct err *e)
{
    if (ids && n > STORE_LOAD_TASKS_MAX)
        return err_set(e, ERR_INVALID, "cannot load %zu tasks by id (at most %d)", n,
                       STORE_LOAD_TASKS_MAX);
    struct task_set set = { ids, n };
    long *task_ids = NULL, *agency_ids = NULL, *assignment_ids = NULL;
    int ret = load_documents(db, p, e) || load_agencies(db, p, e) || load_tasks(db, p, &set, e);
    if (!ret) {
        task_ids = ids_of(p->n_tasks, sizeof(*p->tasks), p->tasks);
        agency_ids = ids_of(p->n_agencies, sizeof(*p->agencies), p->agencies);
        ret = load_task_documents(db, p, task_ids, &set, e) ||
              load_assignments(db, p, task_ids, agency_ids, &set, e);
    }
    if (!ret) {
        assignment_ids = ids_of(p->n_assignments, sizeof(*p->assignments), p->assignments);
        ret = load_events(db, p, assignment_ids, &set, e) ||
              load_windows(db, p, assignment_ids, &set, e);
    }
    free(task_ids);
    free(agency_ids);
    free(assignment_ids);
    if (ret) {
        programme_release(p);
        return e->kind ? e->kind : ERR_STORAGE;
    }
    programme_index(p);
    return 0;
}

int store_load_programme(struct db *db, struct programme *p, struct err *e)
{
    return store_load_tasks(db, NULL, 0, p, e);
}

int store_data_stamp(struct db *db, struct store_stamp *stamp, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT n, structure FROM data_generation", &st, e))
        return e->kind;
    int rc = stmt_step(st);
    if (rc == DB_ROW) {
        stamp->generation = (long)stmt_int(st, 0);
        stamp->structure = (long)stmt_int(st, 1);
    }
    db_finish_cached(db, st);
    return rc == DB_ROW ? 0 : db_error(db, "cannot read the data generation", e);
}

int store_data_generation(struct db *db, long *generation, struct err *e)
{
    struct store_stamp stamp = { 0, 0, 0 };
    int ret = store_data_stamp(db, &stamp, e);
    *generation = stamp.generation;
    return ret;
}

static int last_report_id(struct db *db, long *id, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db, "SELECT coalesce(max(id), 0) FROM progress_report", &st, e))
        return e->kind;
    int rc = stmt_step(st);
    *id = rc == DB_ROW ? (long)stmt_int(st, 0) : 0;
    db_finish_cached(db, st);
    return rc == DB_ROW ? 0 : db_error(db, "cannot read the progress reports", e);
}

/* The reports after id `after`, by id: rows of the table's b-tree from one seek. */
static int load_new_events(struct db *db, long after, struct store_stamp *stamp,
                           struct prog_new_event **out, size_t *n, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT assignment_id, reported_on, id, kind, completed_on,"
                          " needs_approval FROM progress_report WHERE id > ?1 ORDER BY id",
                          &st, e))
        return e->kind;
    /* A new report has no review step yet (a step moves the structure generation,
     * and the snapshot is then loaded whole): its window is its rule's alone. */
    enum count_policy policy;
    if (store_count_policy(db, &policy, e)) {
        db_finish_cached(db, st);
        return e->kind;
    }
    stmt_bind_int(st, 1, after);
    size_t cap = 0;
    int rc;
    stamp->last_report = after;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        struct prog_new_event *ne = &(*out)[(*n)++];
        ne->assignment_id = stmt_int(st, 0);
        read_event(st, &ne->ev);
        if (policy != COUNT_ALL)
            approval_window(policy, (int)stmt_int(st, 5), NULL, 0, &ne->ev);
        stamp->last_report = ne->ev.seq;
    }
    db_finish_cached(db, st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read the progress reports", e);
}

int store_load_reports_after(struct db *db, long after, struct store_stamp *stamp,
                             struct prog_new_event **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    if (db_begin_read(db, e))
        return e->kind;
    if (store_data_stamp(db, stamp, e) || load_new_events(db, after, stamp, out, n, e) ||
        db_commit(db, e)) {
        db_rollback(db);
        free(*out);
        *out = NULL;
        *n = 0;
        return e->kind ? e->kind : ERR_STORAGE;
    }
    return 0;
}

/* ---- indicators with a target, counted by the database --------------------------- */

int store_indicator_target_counts(struct db *db, struct indicator_target_counts *out, struct err *e)
{
    struct stmt *st;
    *out = (struct indicator_target_counts)INDICATOR_TARGET_COUNTS_INIT;
    if (db_prepare(db,
                   "SELECT coalesce(agency_id, 0), count(*) FROM indicator"
                   " WHERE has_target = 1 GROUP BY 1 ORDER BY 1",
                   &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(out->by_agency, out->n_agencies + 1, cap);
        struct indicator_target_count *c = &out->by_agency[out->n_agencies++];
        c->agency_id = stmt_int(st, 0);
        c->n = stmt_int(st, 1);
        out->total += c->n;
    }
    stmt_finalize(st);
    if (rc != DB_DONE) {
        indicator_target_counts_release(out);
        return db_error(db, "cannot count the indicators", e);
    }
    return 0;
}

long indicator_target_counts_of(const struct indicator_target_counts *c, long agency_id)
{
    if (!agency_id)
        return c->total;
    for (size_t i = 0; i < c->n_agencies; i++)
        if (c->by_agency[i].agency_id == agency_id)
            return c->by_agency[i].n;
    return 0;
}

void indicator_target_counts_release(struct indicator_target_counts *c)
{
    free(c->by_agency);
    *c = (struct indicator_target_counts)INDICATOR_TARGET_COUNTS_INIT;
}

/* ---- the snapshot ------------------------------------------------------------------ */

/* The indicators (and, with counted, their count by the database) inside the snapshot's read. */
static int load_indicators(struct db *db, struct indicator **indicators, size_t *n_indicators,
                           struct indicator_target_counts *counted, struct err *e)
{
    if (!indicators)
        return 0;
    if (store_indicator_list(db, indicators, n_indicators, e))
        return e->kind;
    return counted ? store_indicator_target_counts(db, counted, e) : 0;
}

int store_load_snapshot(struct db *db, struct programme *p, struct store_stamp *stamp,
                        struct indicator **indicators, size_t *n_indicators,
                        struct indicator_target_counts *counted, struct err *e)
{
    if (indicators) {
        *indicators = NULL;
        *n_indicators = 0;
    }
    if (counted)
        *counted = (struct indicator_target_counts)INDICATOR_TARGET_COUNTS_INIT;
    if (db_begin_read(db, e))
        return e->kind;
    if (store_data_stamp(db, stamp, e) || last_report_id(db, &stamp->last_report, e) ||
        store_load_programme(db, p, e) ||
        load_indicators(db, indicators, n_indicators, counted, e) || db_commit(db, e)) {
        db_rollback(db);
        programme_release(p);
        if (indicators) {
            indicators_free(*indicators, *n_indicators);
            *indicators = NULL;
            *n_indicators = 0;
        }
        if (counted)
            indicator_target_counts_release(counted);
        return e->kind ? e->kind : ERR_STORAGE;
    }
    return 0;
}

/* ---- timelines ------------------------------------------------------------------ */

static void read_view(struct stmt *st, struct progress_view *v)
{
    v->id = stmt_int(st, 0);
    v->task_id = stmt_int(st, 1);
    v->unit = db_col_dup(st, 2);
    v->kind = db_col_dup(st, 3);
    v->reported_on = db_col_date(st, 4);
    v->completed_on = db_col_date(st, 5);
    v->percent = stmt_is_null(st, 6) ? -1 : (int)stmt_int(st, 6);
    v->result = db_col_dup(st, 7);
    v->next = db_col_dup(st, 8);
    v->issues = db_col_dup(st, 9);
    v->output = db_col_dup(st, 10);
    v->attachment = db_col_dup(st, 11);
    v->source = db_col_dup(st, 12);
    v->entered_at = db_col_dup(st, 13);
    v->entered_by = v->import_file = NULL; /* set by PROGRESS_ENTERED only */
    if (stmt_column_count(st) > 15) {
        v->entered_by = db_col_dup(st, 14);
        v->import_file = stmt_is_null(st, 15) ? NULL : db_col_dup(st, 15);
    }
}

#define PROGRESS_FIELDS                                                                            \
    "SELECT p.id, s.task_id, a.name, p.kind, p.reported_on, p.completed_on, p.percent, p.result," \
    " p.next_step, p.issues, p.output, p.attachment, p.source, p.entered_at"
#define PROGRESS_FROM                                                                              \
    " FROM progress_report p JOIN assignment s ON s.id = p.assignment_id JOIN agency a"           \
    " ON a.id = s.agency_id"
#define PROGRESS_COLS PROGRESS_FIELDS PROGRESS_FROM

/*
 * Who entered a report, for timelines: the account the audit log names
 * for it (its display name and login), else the one that ran its import;
 * and the file it was imported from. Read for the few reports a task page
 * shows, not for the API's pages.
 */
#define PROGRESS_ENTERED                                                                           \
    ", coalesce((SELECT CASE WHEN u.display_name IS NULL OR u.display_name = l.actor THEN"        \
    " l.actor ELSE u.display_name || ' (' || l.actor || ')' END FROM audit_log l LEFT JOIN"       \
    " app_user u ON u.id = l.user_id WHERE l.entity = 'progress_report' AND l.entity_id = p.id"   \
    " ORDER BY l.id LIMIT 1), (SELECT l.actor FROM audit_log l WHERE l.entity = 'import_run'"     \
    " AND l.entity_id = p.import_id ORDER BY l.id LIMIT 1), ''), (SELECT r.file FROM import_run"  \
    " r WHERE r.id = p.import_id)"

int store_progress_list(struct db *db, long task_id, struct progress_view **out, size_t *n,
                        struct err *e)
{
    static const struct set_query q = {
        PROGRESS_COLS,
        " WHERE s.task_id IN ", "", " ORDER BY s.task_id, p.reported_on, p.id"
    };
    struct task_set set = { task_id ? &task_id : NULL, 1 };
    struct stmt *st;
    if (prepare_for(db, &q, &set, &st, e))
        return e->kind;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_view(st, &(*out)[(*n)++]);
    }
    return finish(db, st, rc, e);
}

int store_progress_after(struct db *db, long task_id, long after, size_t limit,
                         struct progress_view **out, size_t *n, struct err *e)
{
    /* Two statements, each with its plan: every task's reports are a seek by rowid and the
     * table in order; one task's are found through its assignments, then sorted (few). */
    static const char *const sql[2] = {
        PROGRESS_COLS " WHERE p.id > ?1 ORDER BY p.id LIMIT ?3",
        PROGRESS_COLS " WHERE s.task_id = ?2 AND p.id > ?1 ORDER BY p.id LIMIT ?3",
    };
    struct stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare_cached(db, sql[task_id != 0], &st, e))
        return e->kind;
    stmt_bind_int(st, 1, after);
    if (task_id)
        stmt_bind_int(st, 2, task_id);
    stmt_bind_int(st, 3, (long)limit);
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_view(st, &(*out)[(*n)++]);
    }
    db_finish_cached(db, st);
    if (rc == DB_DONE)
        return 0;
    progress_views_free(*out, *n);
    *out = NULL;
    *n = 0;
    return db_error(db, "cannot read the reports", e);
}

int store_progress_count(struct db *db, long task_id, long *n, struct err *e)
{
    struct stmt *st;
    static const char *const sql[2] = {
        "SELECT count(*) FROM progress_report",
        "SELECT count(*) FROM assignment s JOIN progress_report p ON p.assignment_id = s.id"
        " WHERE s.task_id = ?1",
    };
    if (db_prepare_cached(db, sql[task_id != 0], &st, e))
        return e->kind;
    if (task_id)
        stmt_bind_int(st, 1, task_id);
    int rc = stmt_step(st);
    *n = rc == DB_ROW ? (long)stmt_int(st, 0) : 0;
    db_finish_cached(db, st);
    return rc == DB_ROW ? 0 : db_error(db, "cannot count the reports", e);
}

/*
 * The ids of the task's reports, newest first, the first `limit` of them
 * into ids: the index progress_events covers the query, so no report row
 * is read for counting or ordering.
 */
static int recent_ids(struct db *db, long task_id, size_t limit, long **ids, size_t *n,
                      size_t *total, struct err *e)
{
    size_t cap = 0;
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT p.id FROM assignment s JOIN progress_report p"
                          " ON p.assignment_id = s.id WHERE s.task_id = ?"
                          " ORDER BY p.reported_on DESC, p.id DESC",
                          &st, e))
        return e->kind;
    stmt_bind_int(st, 1, task_id);
    int rc;
    *n = *total = 0;
    while (db_row(st, &rc)) {
        if ((*total)++ >= limit)
            continue;
        ALLOC_GROW(*ids, *n + 1, cap);
        (*ids)[(*n)++] = stmt_int(st, 0);
    }
    db_finish_cached(db, st);
    return rc == DB_DONE ? 0 : db_error(db, "cannot read the reports", e);
}

int store_progress_recent(struct db *db, long task_id, size_t limit, struct progress_view **out,
                          size_t *n, size_t *total, struct err *e)
{
    long *ids = NULL;
    *out = NULL;
    *n = 0;
    size_t n_ids = 0;
    struct stmt *st = NULL;
    bool began;
    if (db_read_begin(db, &began, e))
        return e->kind;
    int ret = recent_ids(db, task_id, limit, &ids, &n_ids, total, e) ||
              db_prepare_cached(db,
                                PROGRESS_FIELDS PROGRESS_ENTERED PROGRESS_FROM " WHERE p.id = ?",
                                &st, e)
                  ? e->kind
                  : 0;
    *out = xcalloc(n_ids + 1, sizeof(**out));
    /* ids are newest first; the timeline reads oldest first */
    for (size_t i = n_ids; i-- > 0 && !ret;) {
        stmt_bind_int(st, 1, ids[i]);
        int rc = stmt_step(st);
        if (rc == DB_ROW)
            read_view(st, &(*out)[(*n)++]);
        else if (rc != DB_DONE)
            ret = db_error(db, "cannot read the reports", e);
        stmt_reset(st);
    }
    db_finish_cached(db, st);
    db_read_end(db, began);
    free(ids);
    if (ret) {
        progress_views_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return ret;
}

void progress_views_free(struct progress_view *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].unit);
        free(v[i].kind);
        free(v[i].result);
        free(v[i].next);
        free(v[i].issues);
        free(v[i].output);
        free(v[i].attachment);
        free(v[i].source);
        free(v[i].entered_at);
        free(v[i].entered_by);
        free(v[i].import_file);
    }
    free(v);
}
