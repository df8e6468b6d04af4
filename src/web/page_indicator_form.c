/*
 * page_indicator_form: drawing the forms "Nhập số đo" and "Đặt mốc cơ sở"
 * of an indicator page (who sees them, their fields with what was typed
 * and the refusals) and the section "Mốc cơ sở" that lists every baseline
 * set, from the audit log. Drawing only: the submissions are
 * page_indicator_post.c, the page around the forms page_indicator.c; both
 * use this module, which uses neither.
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
