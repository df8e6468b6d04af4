/*
 * page_indicator_form: the form "Nhập số đo" of an indicator page and its
 * submission, POST /indicators/:id/measurements (app.c has checked the
 * CSRF token).
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
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "page_indicators.h"
#include "core/measure_entry.h"
#include "store/store_indicators.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

bool page_may_measure(const struct req *rq, const struct indicator *x)
{
    return access_can_measure(rq->who.role, rq->who.agency_id, x->agency_id);
}

/* ---- the form ---------------------------------------------------------------------- */

static bool is_error_of(const struct measure_form *f, const char *name)
{
    return f->error && f->field && !strcmp(f->field, name);
}

/* The label, the reason next to it when the field is the one to fix, and the hint. */
static void field_open(struct buf *b, const struct measure_form *f, const char *name,
                       const char *label, const char *hint)
{
    buf_addf(b, "<div class=\"field%s\"><label for=\"m-%s\">%s</label>",
             is_error_of(f, name) ? " field-error" : "", name, label);
    if (hint)
        buf_addf(b, "<p class=\"hint\" id=\"m-%s-hint\">%s</p>", name, hint);
    if (is_error_of(f, name)) {
        buf_addf(b, "<p class=\"error-message\" id=\"m-%s-error\">", name);
        page_text(b, f->error);
        buf_adds(b, "</p>");
    }
}

/* The attributes that tie an input to its hint and error. */
static void described_by(struct buf *b, const struct measure_form *f, const char *name, bool hint)
{
    bool error = is_error_of(f, name);
    if (!hint && !error)
        return;
    buf_adds(b, " aria-describedby=\"");
    if (hint)
        buf_addf(b, "m-%s-hint", name);
    if (error)
        buf_addf(b, "%sm-%s-error", hint ? " " : "", name);
    buf_addf(b, "\"%s", error ? " aria-invalid=\"true\"" : "");
}

static void input(struct buf *b, const struct measure_form *f, const char *type, const char *name,
                  const char *label, const char *hint, const char *value, const char *extra)
{
    field_open(b, f, name, label, hint);
    buf_addf(b, "<input type=\"%s\" id=\"m-%s\" name=\"%s\"%s", type, name, name, extra);
    described_by(b, f, name, hint != NULL);
    buf_adds(b, " value=\"");
    page_attr(b, value ? value : "");
    buf_adds(b, "\"/></div>");
}

/* The scales or blocs of the target, when it has labelled clauses. */
static void bloc_select(struct buf *b, const struct target *t, const struct measure_form *f)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_clauses; i++)
        n += t->clauses[i].label != NULL;
    if (!n)
        return;
    field_open(b, f, "bloc", "Thang đo, khối", NULL);
    buf_adds(b, "<select id=\"m-bloc\" name=\"bloc\"");
    described_by(b, f, "bloc", false);
    buf_addf(b, "><option value=\"\">%s</option>",
             target_needs_part(t) ? "— Chọn thang đo, khối —" : "Toàn chỉ tiêu");
    for (size_t i = 0; i < t->n_clauses; i++) {
        const char *label = t->clauses[i].label;
        if (!label)
            continue;
        buf_adds(b, "<option value=\"");
        page_attr(b, label);
        buf_addf(b, "\"%s>", f->bloc && !strcmp(f->bloc, label) ? " selected=\"selected\"" : "");
        page_text(b, label);
        buf_adds(b, "</option>");
    }
    buf_adds(b, "</select></div>");
}

/* Names the unit field suggests: every agency that carries tasks now. */
static void agency_datalist(const struct req *rq, struct buf *b)
{
    const struct registry *reg = rq->registry;
    buf_adds(b, "<datalist id=\"m-unit-names\">");
    for (size_t i = 0; reg && i < reg->n_agencies; i++) {
        if (reg->agencies[i].successor)
            continue;
        buf_adds(b, "<option value=\"");
        page_attr(b, reg->agencies[i].name);
        buf_adds(b, "\"></option>");
    }
    buf_adds(b, "</datalist>");
}

static void error_summary(struct buf *b, const struct measure_form *f)
{
    if (!f->error)
        return;
    buf_adds(b, "<div class=\"error-summary\" role=\"alert\" id=\"measure-error\"><p>Chưa ghi"
                " được số đo: ");
    if (f->field) {
        buf_addf(b, "<a href=\"#m-%s\">", f->field);
        page_text(b, f->error);
        buf_adds(b, "</a>");
    } else {
        page_text(b, f->error);
    }
    buf_adds(b, "</p><p>Chưa có gì được ghi; sửa rồi gửi lại.</p></div>");
}

void page_measure_form(const struct req *rq, struct buf *b, const struct ind_one *o,
                       const struct measure_form *f)
{
    buf_adds(b, "<h2 id=\"nhap-so-do\">Nhập số đo</h2>");
    error_summary(b, f);
    buf_addf(b,
             "<form method=\"post\" action=\"/indicators/%ld/measurements\" class=\"measure\""
             " id=\"measure-form\">",
             o->x.id);
    page_csrf(rq, b);
    input(b, f, "date", "date", "Ngày đo", NULL, f->date, " required=\"required\"");
    input(b, f, "text", "value", "Giá trị",
          "Ghi như trong báo cáo: 82%, 0,72, 81.400, thứ 5, đạt, chưa đạt, đúng lộ trình.",
          f->value, " required=\"required\" autocomplete=\"off\"");
    bloc_select(b, &o->t, f);
    input(b, f, "text", "unit", "Đơn vị được đo (không bắt buộc)",
          "Để trống khi số đo là của cả chỉ tiêu; ghi tên đơn vị (ví dụ Bộ Nội vụ, Hà Nội)"
          " khi số đo là của riêng một đơn vị.",
          f->unit, " list=\"m-unit-names\" autocomplete=\"off\"");
    agency_datalist(rq, b);
    input(b, f, "text", "source", "Nguồn số liệu (không bắt buộc)",
          "Báo cáo, cơ quan hoặc văn bản cho số liệu này.", f->source, "");
    buf_adds(b, "<button type=\"submit\">Ghi số đo</button></form>");
}

/* ---- the submission ---------------------------------------------------------------- */

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
    struct audit_entry a = { .actor = rq->who.name,
                             .user_id = rq->who.user_id,
                             .token_id = rq->who.token_id,
                             .action = "measurement.denied",
                             .entity = "indicator",
                             .entity_id = x->id,
                             .client = rq->client };
    a.after = arena_printf(rq->arena, "{\"indicator\":%ld,\"source\":\"web\"}", x->id);
    struct err e = ERR_INIT;
    if (store_audit_alone(rq->db, &a, &e))
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
        f->error = arena_printf(rq->arena, "ngày đo '%s' không đúng (dd/mm/yyyy)", f->date);
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
    struct audit_entry a = { .actor = rq->who.name,
                             .user_id = rq->who.user_id,
                             .token_id = rq->who.token_id,
                             .client = rq->client };
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
    return page_indicator_show(rq, rs, o, &f);
}
