/*
 * api_indicators: the indicators of issue #5 through /api/v1; see api.h.
 *
 *   GET  /api/v1/indicators          every indicator with its status as of
 *                                    a date: the items of `giamsat
 *                                    indicators --format json` in the task
 *                                    list's envelope, filtered and paged;
 *   GET  /api/v1/indicators/:id      one, with its measurements and the
 *                                    status of each unit they name;
 *   POST /api/v1/indicators/:id/measurements, POST /api/v1/measurements
 *                                    one new measurement from another
 *                                    system (the second names the
 *                                    indicator by code in the body).
 *
 * A measurement is read and checked by core/measure_entry.h, exactly as
 * `giamsat measure add` reads it, and stored with its audit line by
 * store_measurement_add(). Before that the caller's right to measure the
 * indicator is checked (core/access.h: the steering office, or the
 * indicator's monitoring agency); a refusal writes nothing but an audit
 * line of its own.
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "page.h"
#include "core/indicator_board.h"
#include "core/measure_entry.h"
#include "json/json_api.h"
#include "json/json_indicators.h"
#include "store/store_auth.h"
#include "store/store_indicators.h"
#include "store/store_query.h"
#include "util/xalloc.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LIST_LIMIT 100 /* items per page unless ?limit= (as the task list) */
#define LIST_LIMIT_MAX 1000
#define LIST_OFFSET_MAX 1000000000L
#define HORIZON_MIN 2000
#define HORIZON_MAX 2100

/* ---- the list ------------------------------------------------------------------- */

struct list_query {
    struct date as_of;            /* statuses as of this date (default today) */
    struct indicator_filter keep; /* which indicators (core/indicator_board.h) */
    long limit, offset;           /* the page */
};

/* Read the list's parameters; -1 after a 400 naming the bad one. */
static int list_query_read(struct req *rq, struct resp *rs, struct list_query *q)
{
    static const char *const params[] = { "as_of", "agency", "horizon", "field", "status",
                                          "limit", "offset", NULL };
    long horizon = 0;
    if (api_params_or_400(rq, rs, params) ||
        req_date_or_400(rq, rs, "as_of", page_today(), &q->as_of) ||
        req_long_or_400(rq, rs, "horizon", HORIZON_MIN, HORIZON_MAX, 0, &horizon) ||
        req_long_or_400(rq, rs, "limit", 1, LIST_LIMIT_MAX, LIST_LIMIT, &q->limit) ||
        req_long_or_400(rq, rs, "offset", 0, LIST_OFFSET_MAX, 0, &q->offset))
        return -1;
    const char *status = req_query_nonblank(rq, "status");
    q->keep = (struct indicator_filter){ (int)horizon, 0, req_query_nonblank(rq, "field"),
                                         indicator_status_parse(status) };
    if (status && q->keep.status < 0)
        return resp_error(rq, rs, 400, "parameter 'status' must be one of green, amber, red, grey");
    return api_unit_param(rq, rs, "agency", &q->keep.agency_id);
}

/* The page of b that q keeps, as JSON; the copies are shallow (b owns everything). */
static char *page_json(struct req *rq, const struct list_query *q, const struct indicator_board *b)
{
    struct indicator *x = arena_calloc(rq->arena, b->n + 1, sizeof(*x));
    struct target *t = arena_calloc(rq->arena, b->n + 1, sizeof(*t));
    struct indicator_result *r = arena_calloc(rq->arena, b->n + 1, sizeof(*r));
    size_t n_page = 0, total = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (!indicator_board_keeps(b, i, &q->keep))
            continue;
        if (total >= (size_t)q->offset && n_page < (size_t)q->limit) {
            x[n_page] = b->x[i];
            t[n_page] = b->t[i];
            r[n_page] = b->r[i];
            n_page++;
        }
        total++;
    }
    return json_indicator_page(x, t, r, n_page, q->as_of, (long)total, q->limit, q->offset);
}

int api_indicators(struct req *rq, struct resp *rs)
{
    struct list_query q;
    if (list_query_read(rq, rs, &q))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct indicator *x = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_indicator_list(db, &x, &n, &e))
        return resp_err(rq, rs, &e);
    struct indicator_board b = INDICATOR_BOARD_INIT;
    indicator_board_build(&b, x, n, q.as_of); /* b owns x now */
    int ret = api_send_take(rs, 200, page_json(rq, &q, &b));
    indicator_board_release(&b);
    return ret;
}

/* ---- one indicator --------------------------------------------------------------- */

/* Indicator id into *x; -1 after a 404 (or 500) response. */
static int load_or_404(struct req *rq, struct resp *rs, struct db *db, long id, struct indicator *x)
{
    struct err e = ERR_INIT;
    if (!store_indicator_load(db, id, x, &e))
        return 0;
    return e.kind == ERR_NOT_FOUND ? resp_error(rq, rs, 404, "no indicator with id %ld", id)
                                   : resp_err(rq, rs, &e);
}

/* An indicator's target, status and per-unit statuses as of one date. */
struct assessment {
    struct target t;
    struct indicator_result r;
    struct indicator_unit *u;
    size_t n_u;
};

static void assess(const struct indicator *x, struct date on, struct assessment *a)
{
    a->t = (struct target)TARGET_INIT;
    target_parse(&a->t, x->target_text, x->unit);
    indicator_evaluate(x, &a->t, on, 0, &a->r);
    indicator_units(x, &a->t, on, &a->u, &a->n_u);
}

static void assessment_release(struct assessment *a)
{
    indicator_units_free(a->u, a->n_u);
    indicator_result_release(&a->r);
    target_release(&a->t);
}

int api_indicator(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "as_of", NULL };
    struct date as_of;
    if (api_params_or_400(rq, rs, params) || req_date_or_400(rq, rs, "as_of", page_today(), &as_of))
        return -1;
    long id = api_path_id(rq, rs);
    struct db *db = id > 0 ? app_db(rq, rs) : NULL;
    struct indicator x = { 0 };
    if (!db || load_or_404(rq, rs, db, id, &x))
        return -1;
    struct assessment a;
    assess(&x, as_of, &a);
    int ret = api_send_take(rs, 200, json_indicator_detail(&x, &a.t, &a.r, as_of, a.u, a.n_u));
    assessment_release(&a);
    indicator_release(&x);
    return ret;
}

/* ---- a new measurement ------------------------------------------------------------ */

/* Read the body into *in; -1 after a 413, 415 or 400 response. */
static int read_body(struct req *rq, struct resp *rs, struct measure_request *in)
{
    if (api_json_body_or_4xx(rq, rs, "measurement"))
        return -1;
    struct err e = ERR_INIT;
    if (json_api_read_measurement(rq->body, rq->body_len, in, &e))
        return resp_err(rq, rs, &e);
    if (!rq->n_params && !in->indicator)
        return resp_error(rq, rs, 400,
                          "field 'indicator' is required (the indicator's code, e.g. \"11.1\")");
    return 0;
}

/* The id of the indicator the body names by code; -1 after a 400 or 404 naming the field. */
static long id_by_code(struct req *rq, struct resp *rs, struct db *db,
                       const struct measure_request *in)
{
    struct err e = ERR_INIT;
    long id = 0;
    if (in->document && store_find_document(db, in->document, &id, &e)) {
        if (e.kind != ERR_NOT_FOUND && e.kind != ERR_INVALID)
            return resp_err(rq, rs, &e);
        return resp_error(rq, rs, e.kind == ERR_NOT_FOUND ? 404 : 400, "field 'document': %s",
                          e.msg);
    }
    if (!store_indicator_find(db, in->indicator, in->document, &id, &e))
        return id;
    if (e.kind == ERR_NOT_FOUND)
        return resp_error(rq, rs, 404, "field 'indicator': %s", e.msg);
    if (e.kind == ERR_INVALID)
        return resp_error(rq, rs, 400,
                          "field 'document' is required: several documents use the indicator"
                          " code '%.*s'",
                          text_prefix_len(in->indicator, 80), in->indicator);
    return resp_err(rq, rs, &e);
}

/* The path names x: the body's "indicator" and "document", when given, must agree. */
static int same_as_path(struct req *rq, struct resp *rs, struct db *db,
                        const struct measure_request *in, const struct indicator *x)
{
    if (in->indicator && strcmp(in->indicator, x->code))
        return resp_error(rq, rs, 400, "field 'indicator' ('%.*s') differs from the path's %s",
                          text_prefix_len(in->indicator, 80), in->indicator, x->code);
    long id = 0;
    struct err e = ERR_INIT;
    if (in->document && (store_indicator_find(db, x->code, in->document, &id, &e) || id != x->id))
        return resp_error(rq, rs, 400, "field 'document' is not the document of indicator %s",
                          x->code);
    return 0;
}

/* The indicator the path or the body names, into *x; -1 after an error response. */
static int find_indicator(struct req *rq, struct resp *rs, const struct measure_request *in,
                          struct indicator *x)
{
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    long id = rq->n_params ? api_path_id(rq, rs) : id_by_code(rq, rs, db, in);
    if (id < 0 || load_or_404(rq, rs, db, id, x))
        return -1;
    return rq->n_params ? same_as_path(rq, rs, db, in, x) : 0;
}

/* 403 when the caller may not measure x; the refusal is audited. */
static int check_right(struct req *rq, struct resp *rs, const struct indicator *x,
                       const struct audit_entry *audit)
{
    const struct principal *w = &rq->who;
    if (access_can_measure(w->role, w->agency_id, x->agency_id))
        return 0;
    const char *why = "this token may not write measurements (read only)";
    if (role_is_unit(w->role))
        why = arena_printf(rq->arena,
                           "a unit token may measure only the indicators its unit monitors (%s);"
                           " indicator %s is monitored by %s",
                           w->agency, x->code, *x->agency ? x->agency : "the steering office");
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct audit_entry a = *audit;
    a.action = "measurement.denied";
    a.entity = "indicator";
    a.entity_id = x->id;
    char *after = json_api_measure_refusal(x->code, why);
    a.after = after;
    struct err e = ERR_INIT;
    int ret = app_audit_refusal(rq, &a, &e);
    free(after);
    return ret ? resp_err(rq, rs, &e) : resp_error(rq, rs, 403, "%s", why);
}

/* 201 with measurement id of indicator x_id as stored, and the statuses it leads to. */
static int answer_created(struct req *rq, struct resp *rs, struct db *db, long x_id, long id,
                          struct date today)
{
    struct indicator x = { 0 };
    if (load_or_404(rq, rs, db, x_id, &x))
        return -1;
    const struct measurement *m = NULL;
    for (size_t i = 0; i < x.n_m && !m; i++)
        m = x.m[i].id == id ? &x.m[i] : NULL;
    ASSERT(m != NULL);
    struct assessment a;
    assess(&x, today, &a);
    const struct indicator_unit *own = NULL;
    for (size_t k = 0; k < a.n_u && m->unit_id && !own; k++)
        own = a.u[k].unit_id == m->unit_id ? &a.u[k] : NULL;
    int ret = api_send_take(rs, 201, json_measurement_created(&x, m, &a.r, today, own));
    assessment_release(&a);
    indicator_release(&x);
    return ret;
}

/* Read, check and store the measurement; 422 naming the field when it is refused. */
static int add_measurement(struct req *rq, struct resp *rs, const struct measure_request *in,
                           const struct indicator *x, const struct audit_entry *audit)
{
    const struct registry *reg = app_registry(rq, rs);
    struct db *db = reg ? app_db(rq, rs) : NULL;
    if (!db)
        return -1;
    struct measure_input mi = { in->value, in->unit, in->bloc, in->source, in->on };
    struct target t = TARGET_INIT;
    struct measurement m = { 0 };
    struct date today = page_today();
    char *reason = NULL;
    const char *field = NULL;
    long id = 0;
    struct err e = ERR_INIT;
    int ret;
    target_parse(&t, x->target_text, x->unit);
    if (measure_entry_prepare(reg, x, &t, &mi, today, &m, &reason, &field)) {
        /* neither "unit" nor "bloc" given where the target needs one: "bloc" is the fix */
        if (!strcmp(field, "unit") && !in->unit)
            field = "bloc";
        ret = resp_error(rq, rs, 422, "field '%s': %s", field, reason);
    } else {
        m.entered_via = xstrdup("api");
        ret = store_measurement_add(db, x->id, &m, audit, &id, &e)
                  ? resp_err(rq, rs, &e)
                  : answer_created(rq, rs, db, x->id, id, today);
    }
    free(reason);
    measurement_release(&m);
    target_release(&t);
    return ret;
}

int api_measurement_add(struct req *rq, struct resp *rs)
{
    struct measure_request in = MEASURE_REQUEST_INIT;
    struct indicator x = { 0 };
    struct audit_entry audit = app_audit(rq, "measurement.add");
    int ret = api_params_or_400(rq, rs, NULL);
    if (!ret)
        ret = read_body(rq, rs, &in);
    if (!ret)
        ret = find_indicator(rq, rs, &in, &x);
    if (!ret)
        ret = check_right(rq, rs, &x, &audit);
    if (!ret)
        ret = add_measurement(rq, rs, &in, &x, &audit);
    measure_request_release(&in);
    indicator_release(&x);
    return ret;
}
