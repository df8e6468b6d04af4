/*
 * page_indicator_form: the forms "Nhập số đo" and "Đặt mốc cơ sở" of an
 * indicator page and their submissions, POST /indicators/:id/measurements
 * and POST /indicators/:id/baseline (app.c has checked the CSRF token).
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
#include "store/store_indicators.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

bool page_may_measure(const struct req *rq, const struct indicator *x)
{
    return access_can_measure(rq->who.role, rq->who.agency_id, x->agency_id);
}

/* ---- the forms --------------------------------------------------------------------- */

/* A form's fields (ids "m-value", "b-date") with its last refusal, as form.h draws them. */
static struct form form_of(const char *prefix, const char *error, const char *field)
{
    struct form f;
    form_init(&f, prefix);
    if (error)
        form_error(&f, field, error);
    return f;
}

/* The scales or blocs of the target, when it has labelled clauses. */
static void bloc_select(struct buf *b, const struct target *t, const struct measure_form *f,
                        const struct form *st)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_clauses; i++)
        n += t->clauses[i].label != NULL;
    if (!n)
        return;
    form_select_open(b, st, &(struct form_field){ .name = "bloc", .label = "Thang đo, khối" });
    form_option(b, "", target_needs_part(t) ? "— Chọn thang đo, khối —" : "Toàn chỉ tiêu", false);
    for (size_t i = 0; i < t->n_clauses; i++) {
        const char *label = t->clauses[i].label;
        if (label)
            form_option(b, label, label, f->bloc && !strcmp(f->bloc, label));
    }
    form_select_close(b);
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

void page_indicator_form_errors(struct buf *b, const struct measure_form *m,
                                const struct baseline_form *base)
{
    const struct form fm = form_of("m", m ? m->error : NULL, m ? m->field : NULL);
    const struct form fb = form_of("b", base ? base->error : NULL, base ? base->field : NULL);
    form_error_summary(b, form_has_errors(&fm) ? &fm : &fb);
}

void page_measure_form(const struct req *rq, struct buf *b, const struct ind_one *o,
                       const struct measure_form *f)
{
    const struct form st = form_of("m", f->error, f->field);
    buf_adds(b, "<h2 id=\"nhap-so-do\">Nhập số đo</h2>");
    buf_addf(b,
             "<form method=\"post\" action=\"/indicators/%ld/measurements\" class=\"measure\""
             " id=\"measure-form\">",
             o->x.id);
    page_csrf(rq, b);
    form_date(b, &st, &(struct form_field){ .name = "date", .label = "Ngày đo", .value = f->date,
                                            .required = true });
    form_input(b, &st, "text",
               &(struct form_field){ .name = "value", .label = "Giá trị",
                                     .hint = "Ghi như trong báo cáo: 82%, 0,72, 81.400, thứ 5,"
                                             " đạt, chưa đạt, đúng lộ trình.",
                                     .value = f->value, .required = true,
                                     .raw_attrs = " autocomplete=\"off\"" });
    bloc_select(b, &o->t, f, &st);
    form_input(b, &st, "text",
               &(struct form_field){ .name = "unit", .label = "Đơn vị được đo (không bắt buộc)",
                                     .hint = "Để trống khi số đo là của cả chỉ tiêu; ghi tên đơn"
                                             " vị (ví dụ Bộ Nội vụ, Hà Nội) khi số đo là của"
                                             " riêng một đơn vị.",
                                     .value = f->unit,
                                     .raw_attrs = " list=\"m-unit-names\" autocomplete=\"off\"" });
    agency_datalist(rq, b);
    form_input(b, &st, "text",
               &(struct form_field){ .name = "source", .label = "Nguồn số liệu (không bắt buộc)",
                                     .hint = "Báo cáo, cơ quan hoặc văn bản cho số liệu này.",
                                     .value = f->source });
    buf_adds(b, "<button type=\"submit\">Ghi số đo</button></form>");
}

/* ---- the baseline: the ones set before, and its form ------------------------------- */

bool page_may_set_baseline(const struct req *rq, const struct ind_one *o)
{
    return access_can_manage(rq->who.role) && baseline_applies(&o->t);
}

/* The form "Đặt mốc cơ sở" (id "baseline-form"), filled from *f. */
static void baseline_form(const struct req *rq, struct buf *b, const struct ind_one *o,
                          const struct baseline_form *f)
{
    const struct form st = form_of("b", f->error, f->field);
    buf_addf(b,
             "<form method=\"post\" action=\"/indicators/%ld/baseline\" class=\"measure\""
             " id=\"baseline-form\"><h3>Đặt mốc cơ sở</h3>",
             o->x.id);
    page_csrf(rq, b);
    form_input(b, &st, "text",
               &(struct form_field){ .name = "value", .label = "Giá trị của mốc",
                                     .hint = "Một số như trong báo cáo (40, 40%, 0,5, thứ 67),"
                                             " không phải một đánh giá.",
                                     .value = f->value, .required = true,
                                     .raw_attrs = " autocomplete=\"off\"" });
    form_date(b, &st, &(struct form_field){ .name = "date", .label = "Ngày của mốc",
                                            .value = f->date, .required = true });
    buf_adds(b, "<button type=\"submit\">Đặt mốc cơ sở</button></form>");
}

/*
 * A baseline as store_indicator_set_baseline() audits it, "40.5 (2024-12-31)",
 * written the way the page writes numbers and dates: "40,5 (31/12/2024)";
 * "" (none before) is "chưa đặt". Any other text is shown as it stands.
 */
static void audited_baseline(struct buf *b, const char *text)
{
    const char *open = strstr(text, " (");
    char num[64], iso[DATE_ISO_LEN];
    struct date on = DATE_NONE;
    size_t n = open ? (size_t)(open - text) : 0;
    if (!*text) {
        buf_adds(b, "chưa đặt");
        return;
    }
    if (!open || n >= sizeof(num) || strlen(open) != DATE_ISO_LEN + 2 ||
        open[DATE_ISO_LEN + 1] != ')') {
        page_text(b, text);
        return;
    }
    memcpy(iso, open + 2, DATE_ISO_LEN - 1);
    iso[DATE_ISO_LEN - 1] = '\0';
    if (date_parse_iso(iso, &on)) {
        page_text(b, text);
        return;
    }
    memcpy(num, text, n);
    num[n] = '\0';
    char *point = strchr(num, 'e') ? NULL : strchr(num, '.');
    if (point)
        *point = ',';
    page_text(b, num);
    buf_adds(b, " (");
    page_date(b, on);
    buf_adds(b, ")");
}

/* Every baseline set on the indicator (the audit log keeps them): who, when, old → new. */
static void baseline_history(struct buf *b, const struct audit_view *v, size_t n)
{
    if (!n)
        return;
    buf_addf(b,
             "<table class=\"history\" id=\"baseline-history\"><caption>%zu lần đặt mốc cơ"
             " sở, mới nhất trước (theo nhật ký thao tác)</caption><thead><tr><th scope=\"col\">"
             "Thời điểm đặt (UTC)</th><th scope=\"col\">Người đặt</th><th scope=\"col\">Mốc"
             " trước</th><th scope=\"col\">Mốc mới</th></tr></thead><tbody>",
             n);
    for (size_t i = 0; i < n; i++) {
        buf_addf(b, "<tr data-audit=\"%ld\"><td>", v[i].id);
        page_text(b, v[i].at);
        buf_adds(b, "</td><td>");
        page_text(b, *v[i].actor ? v[i].actor : "—");
        buf_adds(b, "</td><td>");
        audited_baseline(b, v[i].before);
        buf_adds(b, "</td><td>");
        audited_baseline(b, v[i].after);
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

/* The form's fields when nothing was submitted: the current baseline, if any. */
static struct baseline_form current_baseline(struct req *rq, const struct ind_one *o)
{
    struct baseline_form f = { 0 };
    if (!o->x.has_baseline)
        return f;
    char num[TARGET_NUM_LEN], iso[DATE_ISO_LEN];
    target_format_number(o->x.baseline, num);
    date_iso(o->x.baseline_on, iso);
    f.value = arena_strdup(rq->arena, num);
    f.date = arena_strdup(rq->arena, iso);
    return f;
}

void page_baselines(struct req *rq, struct buf *b, const struct ind_one *o,
                    const struct audit_view *v, size_t n, const struct baseline_form *f)
{
    bool may = page_may_set_baseline(rq, o);
    if (!n && !may)
        return;
    buf_adds(b, "<h2 id=\"moc-co-so\">Mốc cơ sở</h2>");
    if (may)
        buf_adds(b, "<p class=\"hint\">Mốc cơ sở là điểm bắt đầu của lộ trình thẳng tới mục"
                    " tiêu ngày 31/12 của năm đích: số đo chưa đạt mục tiêu mà bằng hoặc vượt"
                    " lộ trình là đúng lộ trình, dưới lộ trình là chậm. Đặt mốc mới không xoá"
                    " mốc cũ khỏi nhật ký.</p>");
    baseline_history(b, v, n);
    if (!may)
        return;
    struct baseline_form cur = current_baseline(rq, o);
    baseline_form(rq, b, o, f ? f : &cur);
}

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
