/*
 * api_tasks: GET /api/v1/tasks (the list of `giamsat tasks --format json`
 * with paging and a status as of a date) and GET /api/v1/tasks/:id (one
 * task with its assignments and progress history); see api.h.
 *
 * Statuses are those of the statistics report: each assignment is
 * replayed to the date (core/status.h) and a task is done when all its
 * lead units are, on the latest completion date (report.c's rule).
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "report_cache.h"
#include "core/programme.h"
#include "core/report.h"
#include "json/json_api.h"
#include "store/store_programme.h"
#include "store/store_query.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define LIST_LIMIT 100 /* items per page unless ?limit= */
#define LIST_LIMIT_MAX 1000
#define LIST_OFFSET_MAX 1000000000L

/* ---- status as of a date ------------------------------------------------------------ */

/*
 * The bucket of task ti as of as_of (report.h's rule; N_BUCKETS for a
 * group and a task not yet assigned). When out is not NULL it receives one
 * entry per assignment of the task, in lead-cell order.
 */
static enum bucket task_status(struct req *rq, const struct programme *p, size_t ti,
                               struct date as_of, struct api_assignment *out)
{
    const struct prog_task *t = &p->tasks[ti];
    struct assignment_state *st =
        out ? arena_calloc(rq->arena, t->n_assignments + 1, sizeof(*st)) : NULL;
    enum bucket task = report_task_bucket(p, ti, as_of, st);
    bool counted = !t->is_group && report_task_exists(p, t, as_of);
    for (size_t i = 0; out && i < t->n_assignments; i++) {
        const struct prog_assignment *a = &p->assignments[t->assignments[i]];
        out[i] = (struct api_assignment){
            p->agencies[a->agency].name,
            counted ? status_bucket(t->deadline_kind, t->due, &st[i], as_of) : N_BUCKETS,
            st[i].completed ? st[i].completed_on : DATE_NONE
        };
    }
    return task;
}

/*
 * out[i]: the bucket of task ids[i] as of as_of in p (N_BUCKETS for one
 * p lacks).
 */
static void statuses(const struct programme *p, const long *ids, size_t n, struct date as_of,
                     enum bucket *out)
{
    for (size_t i = 0; i < n; i++) {
        size_t ti = programme_find_task(p, ids[i]);
        out[i] = ti == PROG_NONE ? N_BUCKETS : task_status(NULL, p, ti, as_of, NULL);
    }
}

/* ---- the list ------------------------------------------------------------------------- */

struct list_query {
    struct task_filter filter;
    long limit, offset;
    struct date as_of; /* set when statuses are wanted */
    unsigned status;   /* the buckets to keep (status_filter_parse()), 0 for all */
    struct cached_snapshot *snap; /* the server's snapshot, taken on first need (held by rq) */
};

/* q->snap, taken once per request: the stamp is read and the reference held only once. */
static int snapshot_of(struct req *rq, struct db *db, struct list_query *q, struct err *e)
{
    return q->snap || !app_snapshot(rq, db, &q->snap, e) ? 0 : e->kind;
}

/* Read the list's parameters; -1 after a 400 naming the bad one. */
static int list_query_read(struct req *rq, struct resp *rs, struct list_query *q)
{
    static const char *const params[] = { "agency", "document", "field",  "search", "status",
                                          "as_of",  "limit",    "offset", NULL };
    if (api_params_or_400(rq, rs, params) ||
        req_long_or_400(rq, rs, "limit", 1, LIST_LIMIT_MAX, LIST_LIMIT, &q->limit) ||
        req_long_or_400(rq, rs, "offset", 0, LIST_OFFSET_MAX, 0, &q->offset) ||
        req_date_or_400(rq, rs, "as_of", DATE_NONE, &q->as_of))
        return -1;
    q->filter =
        (struct task_filter){ req_query_nonblank(rq, "agency"), req_query_nonblank(rq, "document"),
                              req_query_nonblank(rq, "field"), req_query_nonblank(rq, "search") };
    const char *status = req_query_nonblank(rq, "status");
    q->status = status_filter_parse(status);
    if (status && !q->status)
        return resp_error(rq, rs, 400, "parameter 'status' must be one of %s",
                          status_filter_keys());
    if (status && !date_is_set(q->as_of))
        q->as_of = page_today();
    return 0;
}

/*
 * Keep in ids[0..*n) the tasks of q's status, as of q's date in the
 * server's snapshot (every task's status is needed before the page is cut).
 */
static int keep_status(struct req *rq, struct db *db, struct list_query *q, long *ids,
                       size_t *n, struct err *e)
{
    if (snapshot_of(rq, db, q, e))
        return e->kind;
    enum bucket *st = arena_calloc(rq->arena, *n + 1, sizeof(*st));
    statuses(&q->snap->prog, ids, *n, q->as_of, st);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if (status_filter_keeps(q->status, st[i]))
            ids[kept++] = ids[i];
    *n = kept;
    return 0;
}

/* The statuses of the page's tasks t[0..n) in the server's snapshot (NULL without a date). */
static int page_statuses(struct req *rq, struct db *db, struct list_query *q,
                         const struct task_view *t, size_t n, enum bucket **out, struct err *e)
{
    *out = NULL;
    if (!date_is_set(q->as_of))
        return 0;
    if (snapshot_of(rq, db, q, e))
        return e->kind;
    long *ids = arena_calloc(rq->arena, n + 1, sizeof(*ids));
    for (size_t i = 0; i < n; i++)
        ids[i] = t[i].id;
    *out = arena_calloc(rq->arena, n + 1, sizeof(**out));
    statuses(&q->snap->prog, ids, n, q->as_of, *out);
    return 0;
}

static bool filtered(const struct task_filter *f)
{
    return f->agency || f->document || f->field || f->search;
}

/* Every task's id, ascending, from the server's snapshot: no scan of the task table. */
static int all_task_ids(struct req *rq, struct db *db, struct list_query *q, long **ids,
                        size_t *n, struct err *e)
{
    if (snapshot_of(rq, db, q, e))
        return e->kind;
    const struct programme *p = &q->snap->prog;
    *n = p->n_tasks;
    *ids = xcalloc(*n + 1, sizeof(**ids));
    for (size_t i = 0; i < *n; i++)
        (*ids)[i] = p->tasks[i].id;
    return 0;
}

/*
 * The page: the ids the filter (and status) select, cut at offset and
 * limit, and only then the page's tasks and statuses read. *total: how
 * many the filter and status select.
 */
static int list_page(struct req *rq, struct db *db, struct list_query *q,
                     struct task_view **t, size_t *n, enum bucket **st, size_t *total,
                     struct err *e)
{
    const struct registry *reg = rq->registry; /* app_registry() set it */
    long *ids = NULL;
    size_t n_ids = 0;
    int ret = filtered(&q->filter) ? store_task_ids(db, reg, &q->filter, &ids, &n_ids, e)
                                   : all_task_ids(rq, db, q, &ids, &n_ids, e);
    if (!ret && q->status)
        ret = keep_status(rq, db, q, ids, &n_ids, e);
    *total = n_ids;
    size_t first = ret || (size_t)q->offset > n_ids ? n_ids : (size_t)q->offset;
    size_t n_page = n_ids - first < (size_t)q->limit ? n_ids - first : (size_t)q->limit;
    if (!ret)
        ret = store_tasks_by_id(db, ids + first, n_page, t, n, e);
    free(ids);
    return ret ? ret : page_statuses(rq, db, q, *t, *n, st, e);
}

int api_tasks(struct req *rq, struct resp *rs)
{
    struct list_query q = { .status = 0 };
    if (list_query_read(rq, rs, &q))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db || !app_registry(rq, rs))
        return -1;
    struct task_view *t = NULL;
    size_t n = 0, total = 0;
    enum bucket *st = NULL;
    struct err e = ERR_INIT;
    if (list_page(rq, db, &q, &t, &n, &st, &total, &e)) {
        task_views_free(t, n);
        return e.kind == ERR_NOT_FOUND ? resp_error(rq, rs, 400, "parameter 'agency': %s", e.msg)
                                       : resp_err(rq, rs, &e);
    }
    int ret = api_send_take(
        rs, 200, json_api_task_page(t, n, st, q.as_of, (long)total, q.limit, q.offset));
    task_views_free(t, n);
    return ret;
}

/* ---- one task ---------------------------------------------------------------------- */

/* The task's status and assignments as of d->as_of in the server's snapshot, into d. */
static int task_detail(struct req *rq, struct db *db, long id, struct api_task_detail *d,
                       struct err *e)
{
    struct cached_snapshot *snap;
    if (app_snapshot(rq, db, &snap, e))
        return e->kind;
    const struct programme *p = &snap->prog;
    size_t ti = programme_find_task(p, id);
    d->status = N_BUCKETS;
    if (ti == PROG_NONE)
        return 0;
    size_t n = p->tasks[ti].n_assignments;
    struct api_assignment *a = arena_calloc(rq->arena, n + 1, sizeof(*a));
    d->status = task_status(rq, p, ti, d->as_of, a);
    d->assignments = a;
    d->n_assignments = n;
    return 0;
}

int api_task(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "as_of", NULL };
    struct api_task_detail d = { 0 };
    if (api_params_or_400(rq, rs, params) ||
        req_date_or_400(rq, rs, "as_of", page_today(), &d.as_of))
        return -1;
    long id = api_path_id(rq, rs);
    struct db *db = id > 0 ? app_db(rq, rs) : NULL;
    if (!db)
        return -1;
    struct task_view t;
    struct err e = ERR_INIT;
    if (store_task(db, id, &t, &e))
        return e.kind == ERR_NOT_FOUND ? resp_error(rq, rs, 404, "no task with id %ld", id)
                                       : resp_err(rq, rs, &e);
    struct progress_view *pv = NULL;
    size_t n_pv = 0;
    int ret = task_detail(rq, db, id, &d, &e);
    if (!ret)
        ret = store_progress_list(db, id, &pv, &n_pv, &e);
    d.progress = pv;
    d.n_progress = n_pv;
    ret = ret ? resp_err(rq, rs, &e) : api_send_take(rs, 200, json_api_task(&t, &d));
    progress_views_free(pv, n_pv);
    task_view_release(&t);
    return ret;
}
