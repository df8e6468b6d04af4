/* page_warnings: the page Cảnh báo, its export and the warnings box; see page_warnings.h. */
#include "page_warnings.h"

#include "app.h"
#include "form.h"
#include "handlers.h"
#include "page.h"
#include "page_export.h"
#include "page_lists.h"
#include "report_cache.h"
#include "store/store_warnings.h"
#include "util/strparse.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WARNINGS_PAGE_SIZE 50 /* rows per page of the list */

static void release_list(void *p)
{
    warning_list_release(p);
}

static bool kept_by(const struct warning *x, size_t agency, int rule)
{
    return (agency == PROG_NONE || x->agency == agency) && (rule < 0 || (int)x->rule == rule);
}

/* The warnings of all about unit agency (PROG_NONE: any) and rule (-1: any), as warnings_build()
 * lists them; all itself when it keeps every one, else a copy in the arena borrowing its texts. */
static struct warning_list filtered(struct req *rq, const struct warning_list *all, size_t agency,
                                    int rule)
{
    if (agency == PROG_NONE && rule < 0)
        return *all;
    size_t n = 0;
    for (size_t i = 0; i < all->n; i++)
        n += kept_by(&all->v[i], agency, rule);
    struct warning_list l = { arena_calloc(rq->arena, n + 1, sizeof(*l.v)), 0, n };
    for (size_t i = 0; i < all->n; i++)
        if (kept_by(&all->v[i], agency, rule))
            l.v[l.n++] = all->v[i];
    return l;
}

/* page_warnings_load(), or with task_id only that task's warnings (rule and unit ignored). */
static int load_scoped(struct req *rq, struct resp *rs, struct date as_of, long agency_id,
                       long task_id, int rule, struct page_warnings *out)
{
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct cached_snapshot *s = NULL;
    struct cached_report *now = NULL, *before = NULL;
    struct err e = ERR_INIT;
    struct report_options o = { as_of, DATE_NONE, PROG_NONE, PROG_NONE };
    struct report_options o_before = o;
    o_before.as_of = date_add_months(as_of, -1);
    struct warning_settings set;
    if (store_warning_settings(db, &set, &e) || app_snapshot(rq, db, &s, &e) ||
        app_report(rq, s, &o, &now, &e) || app_report(rq, s, &o_before, &before, &e))
        return resp_err(rq, rs, &e);
    *out =
        (struct page_warnings){ WARNING_LIST_INIT, &s->prog, &now->board, as_of, PROG_NONE, false };
    if (agency_id) {
        out->agency = programme_find_agency(&s->prog, agency_id);
        out->unit_unknown = out->agency == PROG_NONE;
        if (out->unit_unknown)
            return 0;
    }
    size_t task = task_id ? programme_find_task(&s->prog, task_id) : PROG_NONE;
    if (task == PROG_NONE) {
        /* Every unit's and rule's, built once per report and rules (report_cache.h). */
        const struct cached_warnings *all = app_warnings(rq, now, before, &set);
        out->list = filtered(rq, &all->list, out->agency, rule);
        return 0;
    }
    struct warning_input in = { &now->rep, &before->rep, &now->board, &before->board };
    /* Built in the arena, released with it; out holds a read-only copy of the list. */
    struct warning_list *l = arena_alloc(rq->arena, sizeof(*l));
    *l = (struct warning_list)WARNING_LIST_INIT;
    warnings_build_task(&in, &set, task, l);
    arena_defer(rq->arena, release_list, l);
    out->list = *l;
    return 0;
}

int page_warnings_load(struct req *rq, struct resp *rs, struct date as_of, long agency_id, int rule,
                       struct page_warnings *out)
{
    return load_scoped(rq, rs, as_of, agency_id, 0, rule, out);
}

/* ---- pieces every list draws ----------------------------------------------------- */

static void severity_badge(struct buf *b, enum warning_severity s)
{
    buf_addf(b, "<span class=\"badge sev-%s\">", warning_severity_key(s));
    page_text(b, warning_severity_label(s));
    buf_adds(b, "</span>");
}

/* The reason, then links to what the warning is about. */
static void warning_subject(struct buf *b, const struct page_warnings *w, const struct warning *x)
{
    page_text(b, x->reason);
    if (x->task != PROG_NONE) {
        const struct prog_task *t = &w->prog->tasks[x->task];
        buf_addf(b, "<br/><a href=\"/tasks/%ld\">Nhiệm vụ: ", t->id);
        page_text(b, t->name);
        buf_adds(b, "</a>");
    }
    if (x->indicator >= 0) {
        const struct indicator *ind = &w->board->x[x->indicator];
        buf_addf(b, "<br/><a href=\"/indicators/%ld\">Chỉ tiêu ", ind->id);
        page_text(b, ind->code);
        buf_adds(b, "</a>");
    }
}

static bool is_about(const struct page_warnings *w, const struct warning *x, long task_id,
                     long agency_id)
{
    if (task_id && (x->task == PROG_NONE || w->prog->tasks[x->task].id != task_id))
        return false;
    return !agency_id || (x->agency != PROG_NONE && w->prog->agencies[x->agency].id == agency_id);
}

void page_warnings_box(struct buf *b, const struct page_warnings *w, long task_id, long agency_id,
                       const char *more_href, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < w->list.n; i++)
        n += is_about(w, &w->list.v[i], task_id, agency_id);
    if (!n)
        return;
    buf_addf(b,
             "<section class=\"warnings-box\" aria-labelledby=\"warnings-box-h\">"
             "<h2 id=\"warnings-box-h\">Cảnh báo (%zu)</h2><ul>",
             n);
    for (size_t i = 0, shown = 0; i < w->list.n && shown < max; i++) {
        const struct warning *x = &w->list.v[i];
        if (!is_about(w, x, task_id, agency_id))
            continue;
        shown++;
        buf_adds(b, "<li>");
        severity_badge(b, x->severity);
        buf_adds(b, " ");
        page_text(b, x->reason);
        buf_adds(b, " <span class=\"since\">(từ ");
        page_date(b, x->since);
        buf_adds(b, ")</span></li>");
    }
    buf_adds(b, "</ul><p><a href=\"");
    page_attr(b, more_href);
    buf_addf(b, "\">Xem tất cả %zu cảnh báo</a></p></section>", n);
}

int page_warnings_section(struct req *rq, struct resp *rs, struct date as_of, long task_id,
                          long agency_id)
{
    if (!agency_id && !task_id && rq->who.role == ROLE_UNIT)
        agency_id = rq->who.agency_id;
    struct page_warnings w;
    if (load_scoped(rq, rs, as_of, task_id ? 0 : agency_id, task_id, -1, &w))
        return -1;
    struct buf href = BUF_INIT;
    buf_adds(&href, "/warnings");
    if (task_id)
        buf_addf(&href, "?task=%ld", task_id);
    else if (agency_id)
        buf_addf(&href, "?agency=%ld", agency_id);
    const char *as_of_text = req_query_nonblank(rq, "as_of");
    if (as_of_text) {
        buf_adds(&href, task_id || agency_id ? "&as_of=" : "?as_of=");
        http_encode(&href, as_of_text);
    }
    page_warnings_box(&rs->body, &w, task_id, agency_id, href.data, 5);
    buf_release(&href);
    return 0;
}

void page_request_link(struct buf *b, long task_id, long indicator_id, long agency_id)
{
    if (task_id)
        buf_addf(b, "<a class=\"request-action\" href=\"/requests/new?task=%ld", task_id);
    else
        buf_addf(b, "<a class=\"request-action\" href=\"/requests/new?indicator=%ld", indicator_id);
    if (agency_id)
        buf_addf(b, "&amp;unit=%ld", agency_id);
    buf_adds(b, "\">Gửi yêu cầu giải trình</a>");
}

/* ---- the query ------------------------------------------------------------------- */

struct warning_filter {
    struct date as_of;
    int rule;       /* enum warning_rule, or -1 */
    int severity;   /* enum warning_severity, or -1 */
    long agency_id; /* 0: every unit */
    long task_id;   /* 0: every task */
    long page;
};

static int severity_parse(const char *key)
{
    for (int s = 0; key && s < N_WARNING_SEVERITIES; s++)
        if (!strcmp(key, warning_severity_key((enum warning_severity)s)))
            return s;
    return -1;
}

/* ?agency= is an id or a unit's name; a don_vi user is held to its own unit. */
static int read_agency(struct req *rq, struct resp *rs, struct warning_filter *f)
{
    const char *v = req_query_nonblank(rq, "agency");
    if (rq->who.role == ROLE_UNIT) {
        f->agency_id = rq->who.agency_id;
        return 0;
    }
    if (!v || !strparse_long(v, 1, 1L << 40, &f->agency_id))
        return 0;
    const struct registry *reg = app_registry(rq, rs);
    if (!reg)
        return -1;
    f->agency_id = registry_unit_id(reg, v);
    if (!f->agency_id)
        return resp_error(rq, rs, 400, "Trường “Đơn vị”: không có đơn vị nào tên “%s”.", v);
    return 0;
}

static int read_filter(struct req *rq, struct resp *rs, const char *const *allowed,
                       struct warning_filter *f)
{
    *f = (struct warning_filter){ .rule = -1, .severity = -1 };
    if (page_params_or_400(rq, rs, allowed) || page_as_of(rq, rs, &f->as_of) ||
        req_long_or_400(rq, rs, "task", 1, 1L << 40, 0, &f->task_id) ||
        req_long_or_400(rq, rs, "page", 1, 1000000, 1, &f->page) || read_agency(rq, rs, f))
        return -1;
    const char *rule = req_query_nonblank(rq, "rule"), *sev = req_query_nonblank(rq, "severity");
    f->rule = warning_rule_parse(rule);
    f->severity = severity_parse(sev);
    if (rule && f->rule < 0)
        return resp_error(rq, rs, 400, "Trường “Loại cảnh báo” không nhận giá trị “%s”.", rule);
    if (sev && f->severity < 0)
        return resp_error(rq, rs, 400, "Trường “Mức độ” không nhận giá trị “%s”.", sev);
    return 0;
}

/* The warnings the filter keeps, as pointers into w's list (arena). */
static const struct warning **kept(struct req *rq, const struct page_warnings *w,
                                   const struct warning_filter *f, size_t *n)
{
    const struct warning **v = arena_calloc(rq->arena, w->list.n + 1, sizeof(*v));
    *n = 0;
    for (size_t i = 0; i < w->list.n; i++) {
        const struct warning *x = &w->list.v[i];
        if ((f->severity < 0 || (int)x->severity == f->severity) && is_about(w, x, f->task_id, 0))
            v[(*n)++] = x;
    }
    return v;
}

/* ---- the page -------------------------------------------------------------------- */

static void filter_form(const struct req *rq, struct buf *b, const struct page_warnings *all,
                        const struct warning_filter *f)
{
    page_filters_begin(b);
    buf_adds(b, "<form method=\"get\" action=\"/warnings\" class=\"filters\" role=\"search\">");
    page_select_open(b, "rule", "Loại cảnh báo");
    for (int r = 0; r < N_WARNING_RULES; r++)
        page_option(b, warning_rule_key((enum warning_rule)r),
                    warning_rule_label((enum warning_rule)r), f->rule == r);
    buf_adds(b, "</select></div>");
    page_select_open(b, "severity", "Mức độ");
    for (int s = 0; s < N_WARNING_SEVERITIES; s++)
        page_option(b, warning_severity_key((enum warning_severity)s),
                    warning_severity_label((enum warning_severity)s), f->severity == s);
    buf_adds(b, "</select></div>");
    if (rq->who.role != ROLE_UNIT) {
        page_select_open(b, "agency", "Đơn vị");
        bool *seen = xcalloc(all->prog->n_agencies + 1, sizeof(*seen));
        for (size_t i = 0; i < all->list.n; i++)
            if (all->list.v[i].agency != PROG_NONE)
                seen[all->list.v[i].agency] = true;
        for (size_t a = 0; a < all->prog->n_agencies; a++) {
            if (!seen[a])
                continue;
            char id[24];
            snprintf(id, sizeof(id), "%ld", all->prog->agencies[a].id);
            page_option(b, id, all->prog->agencies[a].name,
                        all->prog->agencies[a].id == f->agency_id);
        }
        free(seen);
        buf_adds(b, "</select></div>");
    }
    if (f->task_id)
        buf_addf(b, "<input type=\"hidden\" name=\"task\" value=\"%ld\"/>", f->task_id);
    char dmy[DATE_ISO_LEN];
    date_dmy(f->as_of, dmy);
    buf_addf(b,
             "<div class=\"field\"><label for=\"f-as_of\">Tính đến ngày</label>"
             "<input type=\"text\" class=\"date\" inputmode=\"numeric\" maxlength=\"10\""
             " autocomplete=\"off\" id=\"f-as_of\" name=\"as_of\" value=\"%s\"/></div>"
             "<div class=\"field\"><button type=\"submit\">Lọc</button> <a class=\"button"
             " secondary\" href=\"/warnings\">Xoá bộ lọc</a></div></form>",
             dmy);
    page_filters_end(b);
}

/* The current query string (without page and format), escaped for an attribute. */
static void query_attr(const struct req *rq, struct buf *b)
{
    for (size_t i = 0; i < rq->n_query; i++) {
        if (!strcmp(rq->query[i].key, "page") || !strcmp(rq->query[i].key, "format"))
            continue;
        struct buf enc = BUF_INIT;
        http_encode(&enc, rq->query[i].key);
        buf_addch(&enc, '=');
        http_encode(&enc, rq->query[i].value);
        buf_adds(b, "&amp;");
        page_attr(b, enc.data);
        buf_release(&enc);
    }
}

static void summary(const struct req *rq, struct buf *b, const struct warning **v, size_t n)
{
    size_t count[N_WARNING_SEVERITIES] = { 0 };
    for (size_t i = 0; i < n; i++)
        count[v[i]->severity]++;
    buf_addf(b, "<p class=\"count\">Có <strong>%zu</strong> cảnh báo:", n);
    for (int s = 0; s < N_WARNING_SEVERITIES; s++) {
        buf_adds(b, s ? "," : "");
        buf_addf(b, " %zu mức ", count[s]);
        page_text(b, warning_severity_label((enum warning_severity)s));
    }
    buf_adds(b, ". Tải về: <a href=\"/warnings/export?format=csv");
    query_attr(rq, b);
    buf_adds(b, "\">CSV</a>, <a href=\"/warnings/export?format=xlsx");
    query_attr(rq, b);
    buf_adds(b, "\">XLSX</a>.</p>");
}

static void table(const struct req *rq, struct buf *b, const struct page_warnings *w,
                  const struct warning **v, size_t from, size_t to)
{
    bool office = access_can_manage(rq->who.role);
    buf_adds(b, "<table class=\"warnings\"><caption>Danh sách cảnh báo</caption><thead><tr>"
                "<th scope=\"col\">Mức độ</th><th scope=\"col\">Loại cảnh báo</th>"
                "<th scope=\"col\">Đơn vị</th><th scope=\"col\">Nội dung</th>"
                "<th scope=\"col\">Từ ngày</th></tr></thead><tbody>");
    for (size_t i = from; i < to; i++) {
        const struct warning *x = v[i];
        buf_adds(b, "<tr><td>");
        severity_badge(b, x->severity);
        buf_adds(b, "</td><td>");
        page_text(b, warning_rule_label(x->rule));
        buf_adds(b, "</td><td>");
        if (x->agency != PROG_NONE) {
            buf_addf(b, "<a href=\"/units/%ld\">", w->prog->agencies[x->agency].id);
            page_text(b, x->unit);
            buf_adds(b, "</a>");
        } else {
            page_text(b, *x->unit ? x->unit : "—");
        }
        buf_adds(b, "</td><td>");
        warning_subject(b, w, x);
        if (office && x->agency != PROG_NONE && (x->task != PROG_NONE || x->indicator >= 0)) {
            buf_adds(b, "<br/>");
            page_request_link(b, x->task != PROG_NONE ? w->prog->tasks[x->task].id : 0,
                              x->indicator >= 0 ? w->board->x[x->indicator].id : 0,
                              w->prog->agencies[x->agency].id);
        }
        buf_adds(b, "</td><td>");
        page_date(b, x->since);
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

static const char *const page_params[] = { "as_of", "rule", "severity", "agency",
                                           "task",  "page", NULL };

int h_warnings(struct req *rq, struct resp *rs)
{
    struct warning_filter f;
    struct page_warnings all, w;
    if (read_filter(rq, rs, page_params, &f) ||
        page_warnings_load(rq, rs, f.as_of, rq->who.role == ROLE_UNIT ? f.agency_id : 0, -1,
                           &all) ||
        page_warnings_load(rq, rs, f.as_of, f.agency_id, f.rule, &w))
        return -1;
    if (w.unit_unknown && rq->who.role != ROLE_UNIT)
        return resp_error(rq, rs, 400, "Trường “Đơn vị”: không có đơn vị mã số %ld.", f.agency_id);
    size_t n;
    const struct warning **v = kept(rq, &w, &f, &n);
    long n_pages = (long)((n + WARNINGS_PAGE_SIZE - 1) / WARNINGS_PAGE_SIZE);
    size_t from = (size_t)(f.page - 1) * WARNINGS_PAGE_SIZE;
    page_begin(rq, rs, "Cảnh báo", "warnings");
    struct buf *b = &rs->body;
    char dmy[DATE_ISO_LEN];
    date_dmy(f.as_of, dmy);
    buf_addf(b,
             "<p>Cảnh báo sớm tính đến ngày %s theo các <a href=\"/warnings/rules\">quy tắc"
             " cảnh báo</a> đang áp dụng.",
             dmy);
    if (rq->who.role == ROLE_UNIT) {
        buf_adds(b, " Chỉ có cảnh báo của ");
        page_text(b, rq->who.agency);
        buf_adds(b, ".");
    }
    buf_adds(b, "</p>");
    filter_form(rq, b, &all, &f);
    summary(rq, b, v, n);
    if (n)
        table(rq, b, &w, v, from < n ? from : n,
              from + WARNINGS_PAGE_SIZE < n ? from + WARNINGS_PAGE_SIZE : n);
    else
        buf_adds(b, "<p>Không có cảnh báo nào theo bộ lọc này.</p>");
    page_pager(rq, b, f.page, n_pages);
    page_end(rq, rs);
    return 0;
}

/* ---- the export ------------------------------------------------------------------ */

static const char *const export_cols[] = { "Mức độ",      "Loại cảnh báo", "Đơn vị",
                                           "Mã nhiệm vụ", "Nhiệm vụ",      "Chỉ tiêu",
                                           "Nội dung",    "Từ ngày",       NULL };

static void export_doc(const struct page_warnings *w, const struct warning **v, size_t n,
                       struct rdoc *d)
{
    char dmy[DATE_ISO_LEN];
    date_dmy(w->as_of, dmy);
    char *sub = xasprintf("(Tính đến ngày %s; %zu cảnh báo)", dmy, n);
    rdoc_set_title(d, "DANH SÁCH CẢNH BÁO", sub);
    free(sub);
    struct rsection *s = rdoc_add_section(d, "canh_bao", "Danh sách cảnh báo", "Cảnh báo");
    struct rtable *tb = rsection_table(s, export_cols);
    for (size_t i = 0; i < n; i++) {
        const struct warning *x = v[i];
        const struct prog_task *t = x->task == PROG_NONE ? NULL : &w->prog->tasks[x->task];
        rtable_row(tb);
        rtable_text(tb, 0, xstrdup(warning_severity_label(x->severity)));
        rtable_text(tb, 1, xstrdup(warning_rule_label(x->rule)));
        rtable_text(tb, 2, xstrdup(x->unit));
        if (t)
            rtable_int(tb, 3, t->id);
        rtable_text(tb, 4, xstrdup(t ? t->name : ""));
        rtable_text(tb, 5, xstrdup(x->indicator >= 0 ? w->board->x[x->indicator].code : ""));
        rtable_text(tb, 6, xstrdup(x->reason));
        rtable_date(tb, 7, x->since);
    }
}

int h_warnings_export(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", "rule",   "severity", "agency",
                                           "task",  "format", NULL };
    const char *format = req_query(rq, "format");
    struct warning_filter f;
    struct page_warnings w;
    if (read_filter(rq, rs, allowed, &f))
        return -1;
    if (!format || (strcmp(format, "csv") && strcmp(format, "xlsx")))
        return resp_error(rq, rs, 400, "Trường “Định dạng tệp” chỉ nhận csv hoặc xlsx.");
    if (page_warnings_load(rq, rs, f.as_of, f.agency_id, f.rule, &w))
        return -1;
    if (w.unit_unknown && rq->who.role != ROLE_UNIT)
        return resp_error(rq, rs, 400, "Trường “Đơn vị”: không có đơn vị mã số %ld.", f.agency_id);
    size_t n;
    const struct warning **v = kept(rq, &w, &f, &n);
    const char *parts[5];
    size_t n_parts = 0;
    if (w.agency != PROG_NONE)
        parts[n_parts++] = w.prog->agencies[w.agency].name;
    if (f.rule >= 0)
        parts[n_parts++] = warning_rule_label((enum warning_rule)f.rule);
    if (f.severity >= 0)
        parts[n_parts++] = warning_severity_label((enum warning_severity)f.severity);
    if (f.task_id)
        parts[n_parts++] = arena_printf(rq->arena, "nhiệm vụ %ld", f.task_id);
    if (req_query_nonblank(rq, "as_of"))
        parts[n_parts++] = form_date_text(rq->arena, f.as_of);
    struct rdoc d = RDOC_INIT;
    export_doc(&w, v, n, &d);
    int ret =
        page_export_send(rq, rs, &d, "canh_bao", format, "canh-bao", "cảnh báo", parts, n_parts);
    rdoc_release(&d);
    return ret;
}
