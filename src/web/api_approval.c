/*
 * api_approval: the review of progress reports over the API (issue #15):
 * GET /api/v1/reviews (the reports under review, as `giamsat approval
 * list --format json`, ?unit= and ?state=) and POST
 * /api/v1/progress/{id}/review {"step","comment"}: a unit's leader
 * approves or rejects its unit's reports, the steering office accepts or
 * returns any submitted report (core/access.h, access_can_review()).
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "json/json_approval.h"
#include "store/store_approval.h"
#include "store/store_auth.h"
#include "util/text.h"

#include <stdlib.h>

int api_reviews(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "state", "unit", NULL };
    if (api_params_or_400(rq, rs, params))
        return -1;
    const char *state_text = req_query_nonblank(rq, "state");
    int state = report_state_parse(state_text);
    if (state_text && state < 0)
        return resp_error(rq, rs, 400,
                          "parameter 'state' must be one of submitted, pending, rejected,"
                          " accepted, returned");
    struct db *db = app_db(rq, rs);
    long agency_id = 0;
    if (!db || api_unit_param(rq, rs, "unit", &agency_id))
        return -1;
    struct review_view *v = NULL;
    size_t n = 0;
    enum count_policy p;
    struct err e = ERR_INIT;
    if (store_count_policy(db, &p, &e) || store_review_list(db, agency_id, state, 0, &v, &n, &e))
        return resp_err(rq, rs, &e);
    int ret = api_send_take(rs, 200, json_review_list(v, n, p));
    review_views_free(v, n);
    return ret;
}

/* A step the caller may not take: 403, with the refusal in the audit log as every refusal. */
static int refuse(struct req *rq, struct resp *rs, const struct audit_entry *audit, long id,
                  const struct err *why)
{
    struct audit_entry a = *audit;
    a.action = "progress.review.denied";
    a.entity = "progress_report";
    a.entity_id = id;
    struct err e = ERR_INIT;
    return app_audit_refusal(rq, &a, &e) ? resp_err(rq, rs, &e) : resp_err(rq, rs, why);
}

int api_review_add(struct req *rq, struct resp *rs)
{
    long id = api_path_id(rq, rs);
    if (id < 0 || api_params_or_400(rq, rs, NULL) || api_json_body_or_4xx(rq, rs, "review"))
        return -1;
    struct review_request in;
    struct err e = ERR_INIT;
    if (json_read_review(rq->body, rq->body_len, &in, &e))
        return resp_err(rq, rs, &e);
    struct db *db = app_db(rq, rs);
    int ret = -1;
    if (db) {
        struct reviewer who = { rq->who.role, rq->who.agency_id, false };
        struct audit_entry audit = app_audit(rq, "progress.review");
        struct review_view v = { 0 };
        if (store_review_add(db, id, (enum review_step)in.step, page_today(), in.comment, &who,
                             &audit, &e) == ERR_FORBIDDEN)
            ret = refuse(rq, rs, &audit, id, &e);
        else if (e.kind || store_review_get(db, id, &v, &e))
            ret = resp_err(rq, rs, &e);
        else
            ret = api_send_take(rs, 201, json_review_item(&v));
        review_view_release(&v);
    }
    free(in.comment);
    return ret;
}
