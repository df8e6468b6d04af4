/*
 * api_warnings: GET /api/v1/warnings (issue #15): the early warnings of
 * `giamsat warnings --format json` as of a date, a page at a time, with
 * the same items; see api.h and core/warning.h.
 *
 * The warnings are computed under the settings in force (store_warnings.h)
 * from the server's cached reports (every unit, as of the date and a month
 * earlier) and their indicator boards, so a request costs the rules' pass
 * over the report, not a load.
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "report_cache.h"
#include "core/warning.h"
#include "json/json_warnings.h"
#include "store/store_warnings.h"
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

/* The unit of ?agency= in s (PROG_NONE: none asked); -1 after a 400. */
static int agency_of(struct req *rq, struct resp *rs, const struct warning_query *q,
                     const struct cached_snapshot *s, size_t *agency)
{
    *agency = PROG_NONE;
    if (!q->agency)
        return 0;
    const struct registry *reg = app_registry(rq, rs);
    if (!reg)
        return -1;
    long id = registry_unit_id(reg, q->agency);
    *agency = id ? programme_find_agency(&s->prog, id) : PROG_NONE;
    if (*agency == PROG_NONE)
        return resp_error(rq, rs, 400, "parameter 'agency': no unit named '%.*s'",
                          text_prefix_len(q->agency, 200), q->agency);
    return 0;
}

int api_warnings(struct req *rq, struct resp *rs)
{
    struct warning_query q;
    if (query_read(rq, rs, &q))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct cached_snapshot *s = NULL;
    struct cached_report *now = NULL, *before = NULL;
    struct err e = ERR_INIT;
    struct report_options o = { q.as_of, DATE_NONE, PROG_NONE, PROG_NONE };
    struct report_options o_before = o;
    o_before.as_of = date_add_months(q.as_of, -1);
    size_t agency;
    struct warning_settings set;
    if (store_warning_settings(db, &set, &e) || app_snapshot(rq, db, &s, &e) ||
        app_report(rq, s, &o, &now, &e) || app_report(rq, s, &o_before, &before, &e))
        return resp_err(rq, rs, &e);
    if (agency_of(rq, rs, &q, s, &agency))
        return -1;
    struct warning_input in = { &now->rep, &before->rep, &now->board, &before->board };
    struct warning_list l = WARNING_LIST_INIT;
    warnings_build(&in, &set, agency, q.rule, &l);
    int ret = api_send_take(
        rs, 200, json_warning_page(&l, &s->prog, &now->board, q.as_of, q.limit, q.offset));
    warning_list_release(&l);
    return ret;
}
