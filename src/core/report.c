/* report: the statistics report as of a date; see report.h. */
#include "report.h"

#include "rank.h"
#include "util/collate.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- per task ---------------------------------------------------------------- */

bool report_task_exists(const struct programme *p, const struct prog_task *t, struct date as_of)
{
    return !t->n_documents || !date_is_set(p->documents[t->documents[0]].date) ||
           date_cmp(p->documents[t->documents[0]].date, as_of) <= 0;
}

/* Whether document di is one of the report's filter documents (all when none). */
static bool document_selected(const struct report_options *o, size_t di)
{
    if (o->n_documents) {
        for (size_t k = 0; k < o->n_documents; k++)
            if (o->documents[k] == di)
                return true;
        return false;
    }
    return o->document == PROG_NONE || o->document == di;
}

/* The earliest of t's documents the filter selects, PROG_NONE when none does. */
static size_t first_selected_document(const struct report_options *o, const struct prog_task *t)
{
    for (size_t i = 0; i < t->n_documents; i++)
        if (document_selected(o, t->documents[i]))
            return t->documents[i];
    return PROG_NONE;
}

static bool task_in_scope(const struct programme *p, const struct prog_task *t,
                          const struct report_options *o)
{
    if (!report_task_exists(p, t, o->as_of))
        return false;
    if ((o->n_documents || o->document != PROG_NONE) && first_selected_document(o, t) == PROG_NONE)
        return false;
    if (o->agency != PROG_NONE) {
        for (size_t i = 0; i < t->n_assignments; i++)
            if (p->assignments[t->assignments[i]].agency == o->agency)
                return true;
        return false;
    }
    return true;
}

static bool assignment_in_scope(const struct prog_assignment *a, const struct report_options *o)
{
    return o->agency == PROG_NONE || a->agency == o->agency;
}

/*
 * A task's state folded from its assignments' (DOMAIN.md): done when all
 * the considered ones are, on the latest of their completion dates.
 */
struct task_fold {
    size_t n, n_done;
    struct date completed_on;
};

static void fold_add(struct task_fold *f, const struct assignment_state *st)
{
    f->n++;
    if (!st->completed)
        return;
    f->n_done++;
    if (!date_is_set(f->completed_on) || date_cmp(st->completed_on, f->completed_on) > 0)
        f->completed_on = st->completed_on;
}

static struct assignment_state fold_state(const struct task_fold *f)
{
    bool done = f->n > 0 && f->n_done == f->n;
    return (struct assignment_state){ done, done ? f->completed_on : DATE_NONE, false };
}

enum bucket report_task_bucket(const struct programme *p, size_t ti, struct date as_of,
                               struct assignment_state *states)
{
    const struct prog_task *t = &p->tasks[ti];
    struct task_fold fold = { 0, 0, DATE_NONE };
    for (size_t i = 0; i < t->n_assignments; i++) {
        const struct prog_assignment *a = &p->assignments[t->assignments[i]];
        struct assignment_state st = status_replay(a->events, a->n_events, as_of);
        if (states)
            states[i] = st;
        fold_add(&fold, &st);
    }
    if (t->is_group || !report_task_exists(p, t, as_of))
        return N_BUCKETS;
    struct assignment_state task_st = fold_state(&fold);
    return status_bucket(t->deadline_kind, t->due, &task_st, as_of);
}

/* Replay each considered assignment of task t, record its bucket, and fold them. */
static void count_task(struct report *r, size_t ti, struct report_task *item)
{
    const struct programme *p = r->prog;
    const struct prog_task *t = &p->tasks[ti];
    struct task_fold fold = { 0, 0, DATE_NONE };

    item->task = ti;
    item->not_done = xcalloc(t->n_assignments ? t->n_assignments : 1, sizeof(size_t));
    for (size_t i = 0; i < t->n_assignments; i++) {
        size_t ai = t->assignments[i];
        const struct prog_assignment *a = &p->assignments[ai];
        if (!assignment_in_scope(a, &r->opt))
            continue;
        struct assignment_state st = status_replay(a->events, a->n_events, r->opt.as_of);
        enum bucket b = status_bucket(t->deadline_kind, t->due, &st, r->opt.as_of);
        r->assignment_bucket[ai] = b;
        r->assignments.n[b]++;
        fold_add(&fold, &st);
        if (!st.completed)
            item->not_done[item->units_not_done++] = a->agency;
    }
    struct assignment_state task_st = fold_state(&fold);
    item->units_total = fold.n;
    item->completed_on = task_st.completed_on;
    item->bucket = status_bucket(t->deadline_kind, t->due, &task_st, r->opt.as_of);
    item->undated = status_is_undated(t->deadline_kind, &task_st);
    r->tasks.n[item->bucket]++;
    r->no_due_date += item->undated;
}

size_t report_primary_document(const struct report *r, const struct prog_task *t)
{
    if (r->opt.n_documents)
        return first_selected_document(&r->opt, t);
    if (r->opt.document != PROG_NONE)
        return r->opt.document;
    return t->n_documents ? t->documents[0] : PROG_NONE;
}

/* ---- sections ---------------------------------------------------------------- */

static struct report_document_row *document_row(struct report *r, size_t doc)
{
    for (size_t i = 0; i < r->n_by_document; i++)
        if (r->by_document[i].document == doc)
            return &r->by_document[i];
    struct report_document_row *row = &r->by_document[r->n_by_document++];
    row->document = doc;
    return row;
}

static struct report_field_row *field_row(struct report *r, const char *field)
{
    for (size_t i = 0; i < r->n_by_field; i++)
        if (!strcmp(r->by_field[i].field, field))
            return &r->by_field[i];
    struct report_field_row *row = &r->by_field[r->n_by_field++];
    row->field = field;
    return row;
}

/* Documents in the programme's date order; "no document" last. */
static int document_row_cmp(const void *a, const void *b)
{
    const struct report_document_row *x = a, *y = b;
    return (x->document > y->document) - (x->document < y->document);
}

static bool is_due_by(const struct report *r, const struct report_task *it)
{
    const struct prog_task *t = &r->prog->tasks[it->task];
    return it->bucket == BUCKET_IN_PROGRESS && t->deadline_kind == DEADLINE_DATE &&
           date_cmp(t->due, r->opt.due_by) <= 0;
}

/* qsort has no context argument: a per-thread pointer (the server builds reports in parallel). */
static _Thread_local const struct report *sort_ctx;

static int item_due_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const struct prog_task *tx = &sort_ctx->prog->tasks[sort_ctx->items[x].task];
    const struct prog_task *ty = &sort_ctx->prog->tasks[sort_ctx->items[y].task];
    int c = date_cmp(tx->due, ty->due);
    return c ? c : (x > y) - (x < y);
}

static void build_lists(struct report *r)
{
    r->overdue = xcalloc(r->n_items + 1, sizeof(size_t));
    r->due_soon = xcalloc(r->n_items + 1, sizeof(size_t));
    for (size_t i = 0; i < r->n_items; i++) {
        if (r->items[i].bucket == BUCKET_OVERDUE)
            r->overdue[r->n_overdue++] = i;
        else if (is_due_by(r, &r->items[i]))
            r->due_soon[r->n_due_soon++] = i;
    }
    sort_ctx = r;
    qsort(r->overdue, r->n_overdue, sizeof(size_t), item_due_cmp);
    qsort(r->due_soon, r->n_due_soon, sizeof(size_t), item_due_cmp);
    sort_ctx = NULL;
}

static void build_breakdowns(struct report *r)
{
    const struct programme *p = r->prog;
    r->by_document = xcalloc(p->n_documents + 1, sizeof(*r->by_document));
    r->by_field = xcalloc(p->n_tasks + 1, sizeof(*r->by_field));
    for (size_t i = 0; i < r->n_items; i++) {
        const struct prog_task *t = &p->tasks[r->items[i].task];
        document_row(r, report_primary_document(r, t))->tasks.n[r->items[i].bucket]++;
        field_row(r, t->field ? t->field : "")->tasks.n[r->items[i].bucket]++;
    }
    for (size_t ti = 0; ti < p->n_tasks; ti++) {
        const struct prog_task *t = &p->tasks[ti];
        if (t->is_group || !t->repeat_of_id || !task_in_scope(p, t, &r->opt))
            continue;
        r->repeats_not_counted++;
        document_row(r, report_primary_document(r, t))->repeats++;
        field_row(r, t->field ? t->field : "")->repeats++;
    }
    qsort(r->by_document, r->n_by_document, sizeof(*r->by_document), document_row_cmp);
}

/* ---- per unit ---------------------------------------------------------------- */

static int agency_row_cmp(const void *a, const void *b)
{
    const struct report_agency_row *x = a, *y = b;
    if (x->assignments.n[BUCKET_OVERDUE] != y->assignments.n[BUCKET_OVERDUE])
        return x->assignments.n[BUCKET_OVERDUE] > y->assignments.n[BUCKET_OVERDUE] ? -1 : 1;
    if (x->due_by != y->due_by)
        return x->due_by > y->due_by ? -1 : 1;
    return collate_vi(sort_ctx->prog->agencies[x->agency].name,
                      sort_ctx->prog->agencies[y->agency].name);
}

/* Ranks by the one rule of core/rank.h; ranking lists the ranked units best first, then the rest. */
static void rank_agencies(struct report *r)
{
    struct rank_key *keys = xcalloc(r->n_by_agency + 1, sizeof(*keys));
    long *ranks = xcalloc(r->n_by_agency + 1, sizeof(*ranks));
    for (size_t i = 0; i < r->n_by_agency; i++)
        keys[i] = rank_key_of(&r->by_agency[i].assignments,
                              r->prog->agencies[r->by_agency[i].agency].name);
    r->ranking = xcalloc(r->n_by_agency + 1, sizeof(size_t));
    rank_units(keys, r->n_by_agency, ranks, r->ranking);
    r->n_ranked = 0;
    for (size_t i = 0; i < r->n_by_agency; i++) {
        r->by_agency[i].rank = ranks[i];
        r->by_agency[i].due = keys[i].due;
        r->n_ranked += ranks[i] > 0;
    }
    free(ranks);
    free(keys);
}

static void build_by_agency(struct report *r)
{
    const struct programme *p = r->prog;
    size_t *row_of = xcalloc(p->n_agencies + 1, sizeof(size_t));
    r->by_agency = xcalloc(p->n_agencies + 1, sizeof(*r->by_agency));
    for (size_t ai = 0; ai < p->n_assignments; ai++) {
        enum bucket b = r->assignment_bucket[ai];
        if (b == N_BUCKETS)
            continue;
        const struct prog_assignment *a = &p->assignments[ai];
        if (!row_of[a->agency]) {
            r->by_agency[r->n_by_agency].agency = a->agency;
            row_of[a->agency] = ++r->n_by_agency;
        }
        struct report_agency_row *row = &r->by_agency[row_of[a->agency] - 1];
        const struct prog_task *t = &p->tasks[a->task];
        row->assignments.n[b]++;
        row->total++;
        row->due_by += b == BUCKET_IN_PROGRESS && t->deadline_kind == DEADLINE_DATE &&
                       date_cmp(t->due, r->opt.due_by) <= 0;
    }
    free(row_of);
    r->n_units = (long)r->n_by_agency;
    for (size_t i = 0; i < r->n_by_agency; i++) {
        struct report_agency_row *row = &r->by_agency[i];
        row->on_time_pct = percent_round(row->assignments.n[BUCKET_DONE_ON_TIME], row->total);
    }
    sort_ctx = r;
    qsort(r->by_agency, r->n_by_agency, sizeof(*r->by_agency), agency_row_cmp);
    rank_agencies(r);
    sort_ctx = NULL;
}

/* ---- reconciliation ---------------------------------------------------------- */

/* Stable check names and their labels, one per section and bucket. */
#define BUCKET_CHECKS(prefix, label)                                                               \
    static const char *const prefix##_keys[N_BUCKETS] = {                                          \
        #prefix ".done_on_time", #prefix ".done_late", #prefix ".in_progress",                     \
        #prefix ".recurring", #prefix ".overdue",                                                  \
    };                                                                                             \
    static const char *const prefix##_labels[N_BUCKETS] = {                                        \
        label ": hoàn thành đúng hạn", label ": hoàn thành quá hạn",                               \
        label ": đang thực hiện trong hạn", label ": thường xuyên",                                \
        label ": quá hạn chưa hoàn thành",                                                         \
    }

BUCKET_CHECKS(by_document, "Tổng theo văn bản = tổng số");
BUCKET_CHECKS(by_field, "Tổng theo lĩnh vực = tổng số");
BUCKET_CHECKS(by_agency, "Tổng theo đơn vị = tổng lượt giao");

static void add_check(struct report *r, const char *key, const char *label, long total, long sum)
{
    r->checks[r->n_checks++] = (struct report_check){ key, label, total, sum };
}

/* Recount every total from its parts; the parts were counted separately. */
static void reconcile(struct report *r)
{
    struct bucket_counts docs = { { 0 } }, fields = { { 0 } }, units = { { 0 } };
    long items_done = 0, repeats = 0;
    for (size_t i = 0; i < r->n_by_document; i++) {
        bucket_add(&docs, &r->by_document[i].tasks);
        repeats += r->by_document[i].repeats;
    }
    for (size_t i = 0; i < r->n_by_field; i++)
        bucket_add(&fields, &r->by_field[i].tasks);
    for (size_t i = 0; i < r->n_by_agency; i++)
        bucket_add(&units, &r->by_agency[i].assignments);
    for (size_t i = 0; i < r->n_items; i++)
        items_done += r->items[i].bucket <= BUCKET_DONE_LATE;

    long total = bucket_total(&r->tasks);
    r->checks = xcalloc(5 + 3 * N_BUCKETS, sizeof(*r->checks));
    add_check(r, "tasks", "Tổng số nhiệm vụ = tổng các nhóm trạng thái", (long)r->n_items,
              total);
    add_check(r, "done", "Đã hoàn thành = đúng hạn + quá hạn", items_done,
              r->tasks.n[BUCKET_DONE_ON_TIME] + r->tasks.n[BUCKET_DONE_LATE]);
    add_check(r, "assignments", "Tổng số lượt giao = tổng theo đơn vị",
              bucket_total(&r->assignments), bucket_total(&units));
    add_check(r, "overdue", "Quá hạn = số nhiệm vụ trong danh sách quá hạn",
              r->tasks.n[BUCKET_OVERDUE], (long)r->n_overdue);
    for (int b = 0; b < N_BUCKETS; b++) {
        add_check(r, by_document_keys[b], by_document_labels[b], r->tasks.n[b], docs.n[b]);
        add_check(r, by_field_keys[b], by_field_labels[b], r->tasks.n[b], fields.n[b]);
    }
    for (int b = 0; b < N_BUCKETS; b++)
        add_check(r, by_agency_keys[b], by_agency_labels[b], r->assignments.n[b], units.n[b]);
    add_check(r, "repeats", "Nhiệm vụ nhắc lại = tổng theo văn bản", r->repeats_not_counted,
              repeats);
    r->reconciled = true;
    for (size_t i = 0; i < r->n_checks; i++)
        r->reconciled &= r->checks[i].total == r->checks[i].sum;
}

/* ---- entry points ------------------------------------------------------------ */

int report_build(const struct programme *p, const struct report_options *opt,
                 struct report *out, struct err *e)
{
    if (!date_is_set(opt->as_of))
        return err_set(e, ERR_INVALID, "báo cáo cần ngày tính số liệu");
    out->opt = *opt;
    if (!date_is_set(out->opt.due_by))
        out->opt.due_by = date_year_end(opt->as_of);
    if (date_cmp(out->opt.due_by, opt->as_of) < 0)
        return err_set(e, ERR_INVALID, "ngày xét hạn đến trước ngày tính số liệu");
    out->prog = p;
    out->assignment_bucket = xcalloc(p->n_assignments + 1, sizeof(enum bucket));
    for (size_t i = 0; i < p->n_assignments; i++)
        out->assignment_bucket[i] = N_BUCKETS;
    out->items = xcalloc(p->n_tasks + 1, sizeof(*out->items));
    for (size_t ti = 0; ti < p->n_tasks; ti++) {
        const struct prog_task *t = &p->tasks[ti];
        if (programme_counts_task(t) && task_in_scope(p, t, &out->opt))
            count_task(out, ti, &out->items[out->n_items++]);
    }
    build_lists(out);
    build_breakdowns(out);
    build_by_agency(out);
    reconcile(out);
    for (size_t i = 0; i < out->n_checks; i++) {
        const struct report_check *c = &out->checks[i];
        if (c->total != c->sum)
            return err_set(e, ERR_INTERNAL, "the report does not reconcile: %s: %ld != %ld",
                           c->key, c->total, c->sum);
    }
    return 0;
}

enum report_exclusion report_task_exclusion(const struct report *r, size_t ti)
{
    const struct prog_task *t = &r->prog->tasks[ti];
    if (t->is_group)
        return REPORT_GROUP;
    if (t->repeat_of_id)
        return REPORT_REPEAT;
    return task_in_scope(r->prog, t, &r->opt) ? REPORT_COUNTED : REPORT_OUT_OF_SCOPE;
}

void report_release(struct report *r)
{
    for (size_t i = 0; i < r->n_items; i++)
        free(r->items[i].not_done);
    free(r->items);
    free(r->overdue);
    free(r->due_soon);
    free(r->by_document);
    free(r->by_agency);
    free(r->ranking);
    free(r->by_field);
    free(r->assignment_bucket);
    free(r->checks);
    *r = (struct report)REPORT_INIT;
}

const char *report_document_name(const struct report *r, const struct report_document_row *row)
{
    if (row->document == PROG_NONE)
        return "Không ghi văn bản";
    return r->prog->documents[row->document].name;
}

const char *report_field_label(const struct report_field_row *row)
{
    return row->field[0] ? row->field : "Chưa phân lĩnh vực";
}
