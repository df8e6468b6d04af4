/*
 * api_progress: GET /api/v1/progress (the reports of a task, or of all
 * tasks) and POST /api/v1/progress (one new report from another system);
 * see api.h.
 *
 * A write goes through the same path as the command line and imports:
 * the body becomes one progress table row and store_progress_add()
 * resolves, checks and appends it with its audit line in one transaction.
 * Before that the caller's right to report for the unit is checked
 * (core/access.h; a refusal writes nothing but an audit line of its own),
 * then what every entered report needs (progress_entry_lacks(): the web
 * form's and the command line's rules): an empty report, a reopening
 * without its reason or a completion without its output's number and date
 * is refused with 422.
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "core/batch.h"
#include "json/json_api.h"
#include "json/json_report.h"
#include "store/store_auth.h"
#include "store/store_programme.h"
#include "store/store_progress.h"
#include "store/store_query.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- reading -------------------------------------------------------------------- */

#define PROGRESS_PAGE 1000        /* reports per page of ?after= unless ?limit= */
#define PROGRESS_PAGE_MAX 10000
#define PROGRESS_WHOLE_MAX 100000 /* the most one unpaged answer holds */

/*
 * Unpaged, the list is every report by task and date, as it always was;
 * at national size that is millions of reports and gigabytes of memory, so
 * past PROGRESS_WHOLE_MAX the caller is told to page (?after=&limit=,
 * reports in entry order from the last id it got) instead.
 */
static int read_list(struct req *rq, struct resp *rs, struct db *db, long task, long after,
                     long limit, struct progress_view **v, size_t *n, struct err *e)
{
    if (req_query(rq, "after") || req_query(rq, "limit"))
        return store_progress_after(db, task, after, (size_t)limit, v, n, e) ? resp_err(rq, rs, e)
                                                                              : 0;
    long total = 0;
    if (store_progress_count(db, task, &total, e))
        return resp_err(rq, rs, e);
    if (total > PROGRESS_WHOLE_MAX)
        return resp_error(rq, rs, 400,
                          "%ld reports are too many for one response (at most %d): page"
                          " with ?after=0&limit=%d, then ?after=<the last id received>",
                          total, PROGRESS_WHOLE_MAX, PROGRESS_PAGE);
    return store_progress_list(db, task, v, n, e) ? resp_err(rq, rs, e) : 0;
}

int api_progress_list(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "task", "after", "limit", NULL };
    long task = 0, after = 0, limit = 0;
    if (api_params_or_400(rq, rs, params) ||
        req_long_or_400(rq, rs, "task", 1, 999999999999L, 0, &task) ||
        req_long_or_400(rq, rs, "after", 0, 1L << 53, 0, &after) ||
        req_long_or_400(rq, rs, "limit", 1, PROGRESS_PAGE_MAX, PROGRESS_PAGE, &limit))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct err e = ERR_INIT;
    struct task_view t;
    if (task && store_task(db, task, &t, &e))
        return e.kind == ERR_NOT_FOUND ? resp_error(rq, rs, 404, "no task with id %ld", task)
                                       : resp_err(rq, rs, &e);
    if (task)
        task_view_release(&t);
    struct progress_view *v = NULL;
    size_t n = 0;
    if (read_list(rq, rs, db, task, after, limit, &v, &n, &e))
        return -1;
    int ret = api_send_take(rs, 200, json_progress_list(v, n));
    progress_views_free(v, n);
    return ret;
}

/* ---- writing -------------------------------------------------------------------- */

/* 0 when task id exists; otherwise a 404 (or 500) response and -1. */
static int task_exists_or_404(struct req *rq, struct resp *rs, long id)
{
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct err e = ERR_INIT;
    struct task_view t;
    if (store_task(db, id, &t, &e))
        return e.kind == ERR_NOT_FOUND ? resp_error(rq, rs, 404, "no task with id %ld", id)
                                       : resp_err(rq, rs, &e);
    task_view_release(&t);
    return 0;
}

/* Read the body into *in; -1 after a 413, 415 or 400 response. */
static int read_body(struct req *rq, struct resp *rs, struct progress_request *in)
{
    if (api_json_body_or_4xx(rq, rs, "report"))
        return -1;
    struct err e = ERR_INIT;
    if (json_api_read_progress(rq->body, rq->body_len, in, &e))
        return resp_err(rq, rs, &e);
    if (rq->n_params) { /* a route that names the task in its path */
        long id = api_path_id(rq, rs);
        if (id < 0)
            return -1;
        if (in->task && in->task != id)
            return resp_error(rq, rs, 400, "field 'task' (%ld) differs from the path's task %ld",
                              in->task, id);
        in->task = id;
        if (task_exists_or_404(rq, rs, id))
            return -1;
    }
    if (!in->task)
        return resp_error(rq, rs, 400, "field 'task' is required (the task id)");
    in->row.task_id = xasprintf("%ld", in->task);
    return 0;
}

/* 403 when the caller may not report for the row's unit; the refusal is audited. */
static int check_right(struct req *rq, struct resp *rs, const struct progress_request *in,
                       const struct audit_entry *audit)
{
    const struct principal *w = &rq->who;
    const struct registry *reg = app_registry(rq, rs);
    if (!reg)
        return -1;
    if (access_can_report(w->role, w->agency_id, registry_unit_id(reg, in->row.unit)))
        return 0;
    const char *why = "this token may not write progress reports (read only)";
    if (role_is_unit(w->role))
        why = arena_printf(rq->arena, "a unit token may report only for its own unit (%s)",
                           w->agency);
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct audit_entry a = *audit;
    a.action = "progress.denied";
    a.entity = "task";
    a.entity_id = in->task;
    char *after = json_api_refusal(in->task, in->row.unit, why);
    a.after = after;
    struct err e = ERR_INIT;
    int ret = app_audit_refusal(rq, &a, &e);
    free(after);
    return ret ? resp_err(rq, rs, &e) : resp_error(rq, rs, 403, "%s", why);
}

/*
 * 422 when the report lacks what every entered report needs (core/progress.h:
 * something said; a completion's output with its number and date), with the
 * messages the web form shows beside its fields.
 */
static int check_lacks(struct req *rq, struct resp *rs, const struct progress_request *in)
{
    char *why = progress_lacks_reason(progress_entry_lacks(&in->row));
    if (!why)
        return 0;
    int ret = resp_error(rq, rs, 422, "Báo cáo chưa được ghi: %s", why);
    free(why);
    return ret;
}

/* Append the report; 201 when written, 200 for a duplicate, 422 when rejected. */
static int add_report(struct req *rq, struct resp *rs, struct progress_request *in,
                      const struct audit_entry *audit)
{
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct batch b = BATCH_INIT;
    *batch_add_progress(&b, 0) = in->row;
    in->row = (struct progress_row){ 0 }; /* the batch owns the strings now */
    struct progress_options opt = { .source = "api", .today = page_today(), .audit = audit,
                                    .staff_entry = rq->who.role == ROLE_UNIT };
    struct progress_summary sum = { 0 };
    struct err e = ERR_INIT;
    int ret = store_progress_add(db, app_registry(rq, rs), &b, &opt, &sum, &e);
    if (ret)
        ret = resp_err(rq, rs, &e);
    else if (sum.n_rejects)
        ret = resp_error(rq, rs, 422, "%s", sum.rejects[0].reason);
    else
        ret = api_send_take(rs, sum.added ? 201 : 200, json_api_progress_result(&sum));
    progress_summary_release(&sum);
    batch_release(&b);
    return ret;
}

int api_progress_add(struct req *rq, struct resp *rs)
{
    struct progress_request in = PROGRESS_REQUEST_INIT;
    struct audit_entry audit = app_audit(rq, "progress.add");
    int ret = api_params_or_400(rq, rs, NULL);
    if (!ret)
        ret = read_body(rq, rs, &in);
    if (!ret)
        ret = check_right(rq, rs, &in, &audit);
    if (!ret)
        ret = check_lacks(rq, rs, &in);
    if (!ret)
        ret = add_report(rq, rs, &in, &audit);
    progress_request_release(&in);
    return ret;
}
