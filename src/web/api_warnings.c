/*
 * api_warnings: GET /api/v1/warnings (issue #15): the early warnings of
 * `giamsat warnings --format json` as of a date, a page at a time, with
 * the same items; see api.h and core/warning.h.
 *
 * The warnings are computed by page_warnings_load() (page_warnings.h), as
 * the page Cảnh báo computes them: under the settings in force, from the
 * server's cached reports (every unit, as of the date and a month earlier)
 * and their indicator boards, so a request costs the rules' pass over the
 * report, not a load.
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "page_warnings.h"
#include "core/warning.h"
#include "json/json_warnings.h"
#include "util/text.h"

#include <string.h>

#define LIST_LIMIT 100 /* items per page unless ?limit= (as the other lists) */
#define LIST_LIMIT_MAX 1000
#define LIST_OFFSET_MAX 1000000000L

struct warning_query {
    struct date as_of;
    const char *agency; /* a unit's name, alias or abbreviation, or NULL */
    int rule;           /* an enum warning_rule, or -1 */
    long limit, offset;
};

static int query_read(struct req *rq, struct resp *rs, struct warning_query *q)
{
    static const char *const params[] = { "as_of", "agency", "rule", "limit", "offset", NULL };
    if (api_params_or_400(rq, rs, params) ||
        req_date_or_400(rq, rs, "as_of", page_today(), &q->as_of) ||
        req_long_or_400(rq, rs, "limit", 1, LIST_LIMIT_MAX, LIST_LIMIT, &q->limit) ||
        req_long_or_400(rq, rs, "offset", 0, LIST_OFFSET_MAX, 0, &q->offset))
        return -1;
    const char *rule = req_query_nonblank(rq, "rule");
    q->rule = warning_rule_parse(rule);
    if (rule && q->rule < 0)
        return resp_error(rq, rs, 400,
                          "parameter 'rule' must be one of overdue, due_soon, no_report,"
                          " indicator_red, indicator_worse, unit_rate");
    q->agency = req_query_nonblank(rq, "agency");
    return 0;
}

int api_warnings(struct req *rq, struct resp *rs)
{
    struct warning_query q;
    if (query_read(rq, rs, &q))
        return -1;
    long agency_id = 0;
    if (q.agency) {
        const struct registry *reg = app_registry(rq, rs);
        if (!reg)
            return -1;
        agency_id = registry_unit_id(reg, q.agency);
    }
    struct page_warnings w;
    if ((!q.agency || agency_id) && page_warnings_load(rq, rs, q.as_of, agency_id, q.rule, &w))
        return -1;
    if (q.agency && (!agency_id || w.unit_unknown))
        return resp_error(rq, rs, 400, "parameter 'agency': no unit named '%.*s'",
                          text_prefix_len(q.agency, 200), q.agency);
    return api_send_take(rs, 200,
                         json_warning_page(&w.list, w.prog, w.board, q.as_of, q.limit, q.offset));
}
