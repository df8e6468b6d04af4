/*
 * api_requests: GET /api/v1/requests (issue #15), the requests for
 * explanation of `giamsat request list --format json` as of a date, with
 * the same items and filters (?state=, ?unit=, ?as_of=); see api.h and
 * json/json_requests.h. Reading is open to every role, as every read is
 * (core/access.h).
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "json/json_requests.h"
#include "store/store_requests.h"
#include "util/text.h"

int api_requests(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "as_of", "state", "unit", NULL };
    struct date as_of;
    if (api_params_or_400(rq, rs, params) || req_date_or_400(rq, rs, "as_of", page_today(), &as_of))
        return -1;
    const char *state_text = req_query_nonblank(rq, "state"), *unit = req_query_nonblank(rq, "unit");
    int state = request_state_parse(state_text);
    if (state_text && state < 0)
        return resp_error(rq, rs, 400,
                          "parameter 'state' must be one of open, overdue, answered, accepted");
    struct db *db = app_db(rq, rs);
    const struct registry *reg = db ? app_registry(rq, rs) : NULL;
    if (!reg)
        return -1;
    long agency_id = unit ? registry_unit_id(reg, unit) : 0;
    if (unit && !agency_id)
        return resp_error(rq, rs, 400, "parameter 'unit': no unit named '%.*s'",
                          text_prefix_len(unit, 200), unit);
    struct request_view *v = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_request_list(db, agency_id, &v, &n, &e))
        return resp_err(rq, rs, &e);
    int ret = api_send_take(rs, 200, json_request_list(v, n, as_of, state));
    request_views_free(v, n);
    return ret;
}
