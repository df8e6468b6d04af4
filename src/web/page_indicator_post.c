/*
 * page_indicator_post: the submissions of the forms "Nhập số đo" and "Đặt
 * mốc cơ sở" of an indicator page (drawn by page_indicator_form.c), POST
 * /indicators/:id/measurements and POST /indicators/:id/baseline (app.c
 * has checked the CSRF token).
 *
 * Who may write is checked first (access_can_measure(): the steering
 * office, or the focal point of the indicator's monitoring agency): anyone
 * else gets 403, and only the refusal is written, to the audit log. The
 * value is then read and checked by measure_entry_prepare(), exactly as
 * `giamsat measure add` and the API do; a refusal re-renders the page
 * (422) with the reason next to the field to fix and what the user typed
 * kept, and nothing is written. An accepted measurement is appended with
 * its audit line in one transaction (entered via "web", by the username),
 * then the browser is sent back to the page (303).
 *
 * The form "Đặt mốc cơ sở" (POST /indicators/:id/baseline, the steering
 * office only: the route is R_MANAGE) sets where the indicator's path
 * starts. The value and date are checked by baseline_check(), as `giamsat
 * measure baseline` does; a refusal re-renders the page (422) with the
 * reason next to the field and what was typed kept, nothing written; an
 * accepted baseline is stored with its audit line ("indicator.baseline",
 * old and new) in one transaction, then 303 back to the page. The page's
 * section "Mốc cơ sở" (page_baselines()) lists every baseline set, from
 * that audit log, beside the form.
 */
#include "handlers.h"

#include "app.h"
#include "form.h"
#include "page.h"
#include "page_indicators.h"
#include "core/measure_entry.h"
#include "store/store_auth.h"
#include "store/store_indicators.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- the submissions --------------------------------------------------------------- */

static const char *form_value(const struct req *rq, const char *key)
{
    const char *v = req_form(rq, key);
    return v && !text_is_blank(v) ? v : NULL;
}

/* Over-long fields are refused before they are read. */
static void check_lengths(struct measure_form *f)
{
    static const struct {
        const char *name;
        size_t max;
        const char *what;
    } limits[] = {
        { "value", MEASURE_VALUE_MAX, "giá trị" },
        { "unit", MEASURE_NAME_MAX, "tên đơn vị" },
        { "source", MEASURE_SOURCE_MAX, "nguồn số liệu" },
    };
    const char *values[] = { f->value, f->unit, f->source };
    for (size_t i = 0; i < sizeof(limits) / sizeof(*limits) && !f->error; i++) {
        if (!values[i] || strlen(values[i]) <= limits[i].max)
            continue;
        f->field = limits[i].name;
        f->error = limits[i].what;
    }
}

/* 403 for a user who may not measure x; the refusal alone is written, to the audit log. */
static int refuse(struct req *rq, struct resp *rs, const struct indicator *x)
{
    struct audit_entry a = app_audit(rq, "measurement.denied");
    a.entity = "indicator";
    a.entity_id = x->id;
    a.after = arena_printf(rq->arena, "{\"indicator\":%ld,\"source\":\"web\"}", x->id);
    struct err e = ERR_INIT;
    if (app_audit_refusal(rq, &a, &e))
        return resp_err(rq, rs, &e);
    return resp_error(rq, rs, 403,
                      "tài khoản này không được nhập số đo cho chỉ tiêu %s: chỉ cơ quan thường"
                      " trực (giám sát) hoặc cơ quan chủ trì theo dõi chỉ tiêu được nhập",
                      x->code);
}

/* Read, check and store f; 0 after the 303 or with f->error set, -1 after an error response. */
static int add(struct req *rq, struct resp *rs, const struct ind_one *o, struct measure_form *f)
{
    struct measure_input in = { f->value, f->unit, f->bloc, f->source, DATE_NONE };
    struct measurement m = { 0 };
    char *reason = NULL;
    const char *field = NULL;
    if (f->date && date_parse_user(f->date, &in.on)) {
        f->field = "date";
        f->error = "Ngày đo phải có dạng ngày/tháng/năm, ví dụ 24/12/2025";
        return 0;
    }
    if (measure_entry_prepare(rq->registry, &o->x, &o->t, &in, page_today(), &m, &reason, &field)) {
        /* A scale or bloc left out is fixed in its select, not in the unit field. */
        bool to_select = !strcmp(field, "unit") && !f->unit && target_needs_part(&o->t);
        f->field = to_select ? "bloc" : field;
        f->error = arena_strdup(rq->arena, reason);
        free(reason);
        measurement_release(&m);
        return 0;
    }
    m.entered_via = xstrdup("web");
    m.entered_by = xstrdup(rq->who.name);
    struct audit_entry a = app_audit(rq, NULL);
    struct err e = ERR_INIT;
    long id = 0;
    int ret = store_measurement_add(rq->db, o->x.id, &m, &a, &id, &e);
    measurement_release(&m);
    if (ret)
        return resp_err(rq, rs, &e);
    return resp_redirect(rs,
                         arena_printf(rq->arena, "/indicators/%ld?saved=%ld#lich-su", o->x.id, id));
}

int h_indicator_measure(struct req *rq, struct resp *rs)
{
    struct ind_one *o = page_ind_load(rq, rs, page_today());
    if (!o)
        return -1;
    if (!page_may_measure(rq, &o->x))
        return refuse(rq, rs, &o->x);
    if (o->t.kind == TARGET_NONE)
        return resp_error(rq, rs, 422,
                          "chỉ tiêu %s là chỉ tiêu nhóm, không có mục tiêu riêng: hãy nhập số đo"
                          " cho các chỉ tiêu con",
                          o->x.code);
    struct measure_form f = { .date = form_value(rq, "date"),
                              .value = form_value(rq, "value"),
                              .bloc = form_value(rq, "bloc"),
                              .unit = form_value(rq, "unit"),
                              .source = form_value(rq, "source") };
    check_lengths(&f);
    if (f.error)
        f.error = arena_printf(rq->arena, "%s dài quá giới hạn cho phép", f.error);
    else if (add(rq, rs, o, &f))
        return -1;
    if (!f.error)
        return 0;
    rs->status = 422;
    return page_indicator_show(rq, rs, o, &f, NULL);
}

/* ---- the baseline ------------------------------------------------------------------ */

/* Check and store f; 0 after the 303 or with f->error set, -1 after an error response. */
static int set_baseline(struct req *rq, struct resp *rs, const struct ind_one *o,
                        struct baseline_form *f)
{
    struct date on = DATE_NONE;
    char *reason = NULL;
    const char *field = NULL;
    double v = 0;
    if (f->date && date_parse_user(f->date, &on)) {
        f->field = "date";
        f->error = "Ngày của mốc phải có dạng ngày/tháng/năm, ví dụ 24/12/2025";
        return 0;
    }
    if (baseline_check(&o->x, &o->t, f->value, on, page_today(), &v, &reason, &field)) {
        f->field = field;
        f->error = arena_strdup(rq->arena, reason);
        free(reason);
        return 0;
    }
    struct audit_entry a = app_audit(rq, NULL);
    struct err e = ERR_INIT;
    if (store_indicator_set_baseline(rq->db, o->x.id, v, on, &a, &e))
        return resp_err(rq, rs, &e);
    return resp_redirect(
        rs, arena_printf(rq->arena, "/indicators/%ld?saved=baseline#moc-co-so", o->x.id));
}

int h_indicator_baseline(struct req *rq, struct resp *rs)
{
    struct ind_one *o = page_ind_load(rq, rs, page_today());
    if (!o)
        return -1;
    struct baseline_form f = { .value = form_value(rq, "value"), .date = form_value(rq, "date") };
    if (set_baseline(rq, rs, o, &f))
        return -1;
    if (!f.error)
        return 0;
    /* Where the page has no baseline form, the reason alone is the answer. */
    if (!page_may_set_baseline(rq, o))
        return resp_error(rq, rs, 422, "%s", f.error);
    rs->status = 422;
    return page_indicator_show(rq, rs, o, NULL, &f);
}
