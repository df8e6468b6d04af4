/*
 * api_requests: the requests for explanation (issue #15); see api.h and
 * json/json_requests.h.
 *   GET  /api/v1/requests            `giamsat request list --format json` as
 *                                    of a date (?state=, ?unit=, ?as_of=)
 *   GET  /api/v1/requests/{id}       one request (?as_of=)
 *   POST /api/v1/requests            issue one (`request add`): 201
 *   POST /api/v1/requests/{id}/answer, /accept, /return: a step (200)
 * Reading is open to every role, as every read is (core/access.h); who
 * may write what is request_write.h's.
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "json/json_requests.h"
#include "request_write.h"
#include "store/store_requests.h"
#include "util/text.h"

int api_requests(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "as_of", "state", "unit", NULL };
    struct date as_of;
    if (api_params_or_400(rq, rs, params) || req_date_or_400(rq, rs, "as_of", page_today(), &as_of))
        return -1;
    const char *state_text = req_query_nonblank(rq, "state");
    int state = request_state_parse(state_text);
    if (state_text && state < 0)
        return resp_error(rq, rs, 400,
                          "parameter 'state' must be one of open, overdue, answered, accepted");
    struct db *db = app_db(rq, rs);
    long agency_id = 0;
    if (!db || api_unit_param(rq, rs, "unit", &agency_id))
        return -1;
    struct request_view *v = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_request_list(db, agency_id, &v, &n, &e))
        return resp_err(rq, rs, &e);
    int ret = api_send_take(rs, 200, json_request_list(v, n, as_of, state));
    request_views_free(v, n);
    return ret;
}

int api_request(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "as_of", NULL };
    struct date as_of;
    long id = api_path_id(rq, rs);
    if (id < 0 || api_params_or_400(rq, rs, params) ||
        req_date_or_400(rq, rs, "as_of", page_today(), &as_of))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct request_view *v = NULL;
    struct err e = ERR_INIT;
    if (store_request_get(db, id, &v, &e))
        return resp_err(rq, rs, &e);
    int ret = api_send_take(rs, 200, json_request_one(v, as_of));
    request_views_free(v, 1);
    return ret;
}

/* The request id as of today after a write, with status. */
static int send_request(struct req *rq, struct resp *rs, long id, int status)
{
    struct request_view *v = NULL;
    struct err e = ERR_INIT;
    if (store_request_get(app_db(rq, rs), id, &v, &e))
        return resp_err(rq, rs, &e);
    int ret = api_send_take(rs, status, json_request_one(v, page_today()));
    request_views_free(v, 1);
    return ret;
}

/* Read the body's allowed fields into *b; -1 after a 4xx. */
static int read_body(struct req *rq, struct resp *rs, const char *const *allowed,
                     struct request_body *b)
{
    struct err e = ERR_INIT;
    if (api_params_or_400(rq, rs, NULL) || api_json_body_or_4xx(rq, rs, "request"))
        return -1;
    return json_request_read(rq->body, rq->body_len, allowed, b, &e) ? resp_err(rq, rs, &e) : 0;
}

int api_request_add(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "task", "indicator", "document", "unit", "due",
                                           "content", "number", "date", NULL };
    struct request_body b = REQUEST_BODY_INIT;
    struct err e = ERR_INIT;
    const char *field;
    long id = 0;
    int ret = read_body(rq, rs, allowed, &b);
    if (!ret && request_write_issue(rq, rs, &b, &id, &field, &e))
        ret = resp_err(rq, rs, &e);
    if (!ret)
        ret = send_request(rq, rs, id, 201);
    request_body_release(&b);
    return ret;
}

static int step(struct req *rq, struct resp *rs, enum request_step_kind kind)
{
    static const char *const allowed[N_STEP_KINDS][5] = {
        { "explanation", "remedy", "new_due", "date", NULL },
        { "date", NULL },
        { "comment", "due", "date", NULL },
    };
    struct request_body b = REQUEST_BODY_INIT;
    struct err e = ERR_INIT;
    const char *field;
    long id = api_path_id(rq, rs);
    int ret = id < 0 ? -1 : read_body(rq, rs, allowed[kind], &b);
    if (!ret && request_write_step(rq, rs, id, kind, &b, &field, &e))
        ret = resp_err(rq, rs, &e);
    if (!ret)
        ret = send_request(rq, rs, id, 200);
    request_body_release(&b);
    return ret;
}

int api_request_answer(struct req *rq, struct resp *rs)
{
    return step(rq, rs, STEP_ANSWER);
}

int api_request_accept(struct req *rq, struct resp *rs)
{
    return step(rq, rs, STEP_ACCEPT);
}

int api_request_return(struct req *rq, struct resp *rs)
{
    return step(rq, rs, STEP_RETURN);
}
