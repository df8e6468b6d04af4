/* report_notes: issues raised and stale assignments; see report_notes.h. */
#include "report_notes.h"

#include "util/collate.h"
#include "util/xalloc.h"

#include <string.h>

#include <limits.h>
#include <stdlib.h>

static bool is_open(enum bucket b)
{
    return b == BUCKET_IN_PROGRESS || b == BUCKET_RECURRING || b == BUCKET_OVERDUE;
}

/* The day the assignment was given: its task's earliest document's date (may be unset). */
static struct date assigned_on(const struct programme *p, const struct prog_assignment *a)
{
    const struct prog_task *t = &p->tasks[a->task];
    return t->n_documents ? p->documents[t->documents[0]].date : DATE_NONE;
}

static int stale_cmp(const void *x, const void *y)
{
    const struct report_stale *a = x, *b = y;
    long da = a->days < 0 ? LONG_MAX : a->days, db = b->days < 0 ? LONG_MAX : b->days;
    if (da != db)
        return da < db ? 1 : -1;
    return (a->assignment > b->assignment) - (a->assignment < b->assignment);
}

struct report_stale *report_stale_build(const struct report *r, long after_days, size_t *n)
{
    const struct programme *p = r->prog;
    struct report_stale *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t ai = 0; ai < p->n_assignments; ai++) {
        if (!is_open(r->assignment_bucket[ai]))
            continue;
        const struct prog_assignment *a = &p->assignments[ai];
        struct report_stale s = { ai, status_last_report(a->events, a->n_events, r->opt.as_of),
                                  DATE_NONE, -1 };
        s.since = date_is_set(s.last) ? s.last : assigned_on(p, a);
        if (date_is_set(s.since))
            s.days = date_to_days(r->opt.as_of) - date_to_days(s.since);
        if (s.days >= 0 && s.days <= after_days)
            continue;
        ALLOC_GROW(v, *n + 1, cap);
        v[(*n)++] = s;
    }
    if (*n > 1)
        qsort(v, *n, sizeof(*v), stale_cmp);
    return v;
}

/* ---- issues raised -------------------------------------------------------------- */

/* The position of assignment ai in the report: its task, then its place in the lead cell. */
static _Thread_local const struct programme *issue_prog;

static int issue_cmp(const void *x, const void *y)
{
    const struct report_issue *a = x, *b = y;
    size_t ta = issue_prog->assignments[a->assignment].task;
    size_t tb = issue_prog->assignments[b->assignment].task;
    if (ta != tb)
        return ta < tb ? -1 : 1;
    return (a->assignment > b->assignment) - (a->assignment < b->assignment);
}

size_t report_issues_select(const struct report *r, struct report_issue *v, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        size_t ai = programme_find_assignment(r->prog, v[i].assignment_id);
        if (ai == PROG_NONE || !is_open(r->assignment_bucket[ai])) {
            free(v[i].text);
            continue;
        }
        v[i].assignment = ai;
        v[kept++] = v[i];
    }
    issue_prog = r->prog;
    if (kept > 1)
        qsort(v, kept, sizeof(*v), issue_cmp);
    issue_prog = NULL;
    return kept;
}

void report_issues_free(struct report_issue *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].text);
    free(v);
}

/* ---- the units' table ----------------------------------------------------------- */

/* The khối order of the office's table; an unknown kind goes with "khac". */
static int kind_rank(const char *kind)
{
    static const char *const order[] = { "dang",     "quoc_hoi",   "bo_nganh",
                                         "doan_the", "dia_phuong", "khac" };
    for (int i = 0; i < 6; i++)
        if (kind && !strcmp(kind, order[i]))
            return i;
    return 5;
}

static _Thread_local const struct report *unit_ctx;

static int unit_cmp(const void *x, const void *y)
{
    const struct report_agency_row *a = &unit_ctx->by_agency[*(const size_t *)x];
    const struct report_agency_row *b = &unit_ctx->by_agency[*(const size_t *)y];
    const struct prog_agency *ua = &unit_ctx->prog->agencies[a->agency];
    const struct prog_agency *ub = &unit_ctx->prog->agencies[b->agency];
    int ka = kind_rank(ua->kind), kb = kind_rank(ub->kind);
    if (ka != kb)
        return ka - kb;
    long oa = a->assignments.n[BUCKET_OVERDUE], ob = b->assignments.n[BUCKET_OVERDUE];
    if (oa != ob)
        return oa > ob ? -1 : 1;
    if (a->due_by != b->due_by)
        return a->due_by > b->due_by ? -1 : 1;
    return collate_vi(ua->name, ub->name);
}

size_t *report_unit_table(const struct report *r, size_t *n)
{
    size_t *v = NULL;
    *n = 0;
    for (size_t i = 0; i < r->n_by_agency; i++) {
        const struct report_agency_row *row = &r->by_agency[i];
        if (!row->assignments.n[BUCKET_OVERDUE] && !row->due_by)
            continue;
        if (!v)
            v = xcalloc(r->n_by_agency, sizeof(*v));
        v[(*n)++] = i;
    }
    unit_ctx = r;
    if (*n > 1)
        qsort(v, *n, sizeof(*v), unit_cmp);
    unit_ctx = NULL;
    return v;
}

/* ---- notes together ---------------------------------------------------------------- */

void report_notes_extras(const struct report_notes *n, struct report_extras *x)
{
    x->notes = true;
    x->issues = n->issues;
    x->n_issues = n->n_issues;
    x->stale = n->stale;
    x->n_stale = n->n_stale;
    x->stale_after = n->stale_after;
}

void report_notes_release(struct report_notes *n)
{
    report_issues_free(n->issues, n->n_issues);
    free(n->stale);
    *n = (struct report_notes)REPORT_NOTES_INIT;
}
