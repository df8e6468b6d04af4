/*
 * page_tasks: the page Nhiệm vụ — the task list with its filters, search
 * as you type, paging — and the filtering its export (page_tasks_export.c)
 * shares. Statuses come from the report as of the page's date (page_lists.h); with a lead-unit filter, the status shown and
 * filtered on is that unit's own assignment, so the list agrees with the
 * unit's scorecard on /units.
 */
#include "handlers.h"

#include "app.h"
#include "form.h"
#include "page.h"
#include "page_lists.h"
#include "report_cache.h"
#include "store/store_pages.h"
#include "store/store_query.h"
#include "util/strparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the filter ------------------------------------------------------------ */

static int parse_status(struct req *rq, struct resp *rs, struct task_query *q)
{
    const char *v = req_query_nonblank(rq, "status");
    q->status = status_filter_parse(v);
    if (v && !q->status)
        return resp_error(rq, rs, 400,
                          "Trường “Tình trạng” không hợp lệ: hãy chọn trong danh"
                          " sách của bộ lọc.");
    return 0;
}

static int parse_kind(struct req *rq, struct resp *rs, struct task_query *q)
{
    q->kind = req_query_nonblank(rq, "kind");
    for (size_t i = 0; q->kind && agency_kinds[i]; i++)
        if (!strcmp(q->kind, agency_kinds[i]))
            return 0;
    if (q->kind)
        return resp_error(rq, rs, 400,
                          "Trường “Loại đơn vị” không hợp lệ: hãy chọn trong danh"
                          " sách của bộ lọc.");
    return 0;
}

/* ?document= is an id, or a reference or words of the document's name. */
static int parse_document(struct req *rq, struct resp *rs, const struct page_data *pd,
                          struct task_query *q)
{
    const char *v = req_query_nonblank(rq, "document");
    long id = 0;
    struct err e = ERR_INIT;
    if (!v)
        return 0;
    if (strparse_long(v, 1, 1L << 40, &id) && store_find_document(rq->db, v, &id, &e))
        return resp_error(rq, rs, 400, "Trường “Văn bản”: %s", e.msg);
    q->document = programme_find_document(&pd->prog, id);
    if (q->document == PROG_NONE)
        return resp_error(rq, rs, 400, "Trường “Văn bản”: không có văn bản mã số %ld.", id);
    return 0;
}

/* ?agency= is an id, or a unit's name, alias or abbreviation. */
static int parse_agency(struct req *rq, struct resp *rs, const struct page_data *pd,
                        struct task_query *q)
{
    const struct registry *reg = rq->registry;
    const char *v = req_query_nonblank(rq, "agency");
    long id = 0;
    if (!v)
        return 0;
    if (strparse_long(v, 1, 1L << 40, &id)) {
        id = registry_unit_id(reg, v);
        if (!id)
            return resp_error(rq, rs, 400, "Trường “Đơn vị”: không có đơn vị nào tên “%s”.", v);
    }
    q->agency = programme_find_agency(&pd->prog, id);
    if (q->agency == PROG_NONE)
        return resp_error(rq, rs, 400, "Trường “Đơn vị”: không có đơn vị mã số %ld.", id);
    return 0;
}

static int parse_search(struct req *rq, struct resp *rs, struct task_query *q)
{
    q->q = req_query_nonblank(rq, "q");
    if (!q->q)
        return 0;
    struct err e = ERR_INIT;
    long *ids = NULL;
    if (store_task_search(rq->db, q->q, &ids, &q->n_hits, &e))
        return resp_err(rq, rs, &e);
    q->hits = arena_calloc(rq->arena, q->n_hits + 1, sizeof(long));
    if (q->n_hits)
        memcpy(q->hits, ids, q->n_hits * sizeof(long));
    free(ids);
    return 0;
}

/* Read every filter of the query into *q. 0, or -1 after a 400 response. */
static int parse_query(struct req *rq, struct resp *rs, const struct page_data *pd,
                       struct task_query *q)
{
    *q = (struct task_query){ .document = PROG_NONE, .agency = PROG_NONE };
    q->field = req_query_nonblank(rq, "field");
    if (parse_status(rq, rs, q) || parse_kind(rq, rs, q) || parse_document(rq, rs, pd, q) ||
        parse_agency(rq, rs, pd, q) ||
        req_date_or_400(rq, rs, "due_from", DATE_NONE, &q->due_from) ||
        req_date_or_400(rq, rs, "due_to", DATE_NONE, &q->due_to))
        return -1;
    return parse_search(rq, rs, q);
}

/* ---- selecting --------------------------------------------------------------------- */

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static bool has_document(const struct prog_task *t, size_t doc)
{
    for (size_t i = 0; i < t->n_documents; i++)
        if (t->documents[i] == doc)
            return true;
    return false;
}

static bool has_agency(const struct programme *p, const struct prog_task *t, size_t agency)
{
    for (size_t i = 0; i < t->n_assignments; i++)
        if (p->assignments[t->assignments[i]].agency == agency)
            return true;
    return false;
}

static bool has_kind(const struct programme *p, const struct prog_task *t, const char *kind)
{
    for (size_t i = 0; i < t->n_assignments; i++)
        if (!strcmp(p->agencies[p->assignments[t->assignments[i]].agency].kind, kind))
            return true;
    return false;
}

static bool due_in_range(const struct prog_task *t, const struct task_query *q)
{
    if (!date_is_set(q->due_from) && !date_is_set(q->due_to))
        return true;
    if (!date_is_set(t->due))
        return false;
    return (!date_is_set(q->due_from) || date_cmp(t->due, q->due_from) >= 0) &&
           (!date_is_set(q->due_to) || date_cmp(t->due, q->due_to) <= 0);
}

static bool row_matches(const struct page_data *pd, const struct task_query *q,
                        const struct task_row *row)
{
    const struct prog_task *t = &pd->prog.tasks[row->task];
    if (q->q && !bsearch(&t->id, q->hits, q->n_hits, sizeof(long), cmp_long))
        return false;
    if (q->document != PROG_NONE && !has_document(t, q->document))
        return false;
    if (q->agency != PROG_NONE && !has_agency(&pd->prog, t, q->agency))
        return false;
    if (q->kind && !has_kind(&pd->prog, t, q->kind))
        return false;
    if (q->field && strcmp(t->field, q->field))
        return false;
    if (!status_filter_keeps(q->status, row->bucket))
        return false;
    return due_in_range(t, q);
}

/* The rows of the tasks q selects, in programme order (arena); *n receives their number. */
static struct task_row *select_rows(struct req *rq, const struct page_data *pd,
                                    const struct task_query *q, size_t *n)
{
    struct task_row *rows = arena_calloc(rq->arena, pd->prog.n_tasks + 1, sizeof(*rows));
    *n = 0;
    for (size_t ti = 0; ti < pd->prog.n_tasks; ti++) {
        struct task_row row = page_task_row(pd, ti, q->agency);
        if (row_matches(pd, q, &row))
            rows[(*n)++] = row;
    }
    return rows;
}

struct task_row *page_filtered_rows(struct req *rq, struct resp *rs, struct page_data **pd,
                                    struct task_query *q, size_t *n)
{
    *pd = page_data_load(rq, rs);
    if (!*pd || parse_query(rq, rs, *pd, q))
        return NULL;
    return select_rows(rq, *pd, q, n);
}

/* ---- the filter form --------------------------------------------------------------- */

static void option_id(struct buf *b, long id, const char *label, bool selected)
{
    char v[24];
    snprintf(v, sizeof(v), "%ld", id);
    page_option(b, v, label, selected);
}

/* Units with an assignment (and the selected one), in Vietnamese alphabetical order. */
static void agency_option_list(struct buf *b, const struct programme *p, size_t selected)
{
    for (size_t i = 0; i < p->n_agencies; i++) {
        size_t k = p->index->by_name[i], n;
        programme_agency_assignments(p, k, &n);
        if (n || k == selected)
            option_id(b, p->agencies[k].id, p->agencies[k].name, k == selected);
    }
}

static char *render_unit_options(const struct cached_report *r, void *ctx, size_t *len)
{
    (void)ctx;
    struct buf b = BUF_INIT;
    agency_option_list(&b, r->rep.prog, PROG_NONE);
    *len = b.len;
    return buf_take(&b);
}

/* The list with none chosen is the same for every request of the report: made once. */
static void agency_options(struct req *rq, struct buf *b, const struct page_data *pd,
                           size_t selected)
{
    page_select_open(b, "agency", "Cơ quan chủ trì");
    if (selected == PROG_NONE) {
        size_t len;
        const char *options = report_cache_body(app_of(rq)->cache, pd->cached,
                                                CACHED_UNIT_OPTIONS, render_unit_options, NULL,
                                                &len);
        buf_add(b, options, len);
    } else {
        agency_option_list(b, &pd->prog, selected);
    }
    buf_adds(b, "</select></div>");
}

/* Distinct fields in the order tasks first name them. */
static void field_options(struct buf *b, const struct page_data *pd, const char *selected)
{
    const struct prog_index *x = pd->prog.index;
    page_select_open(b, "field", "Lĩnh vực");
    for (size_t i = 0; i < x->n_fields; i++)
        page_option(b, x->fields[i], x->fields[i], selected && !strcmp(selected, x->fields[i]));
    buf_adds(b, "</select></div>");
}

/* A filter date, typed as dd/mm/yyyy (the query accepts it and yyyy-mm-dd). */
static void date_field(struct buf *b, const char *name, const char *label, struct date value)
{
    struct form none;
    char dmy[DATE_ISO_LEN];
    form_init(&none, "f");
    date_dmy(value, dmy);
    form_date(b, &none, &(struct form_field){ .name = name, .label = label, .value = dmy });
}

static void simple_selects(struct buf *b, const struct page_data *pd, const struct task_query *q,
                           const char *status)
{
    page_select_open(b, "document", "Văn bản");
    for (size_t i = 0; i < pd->prog.n_documents; i++)
        option_id(b, pd->prog.documents[i].id, pd->prog.documents[i].name, i == q->document);
    buf_adds(b, "</select></div>");
    page_select_open(b, "kind", "Khối cơ quan");
    for (size_t i = 0; agency_kinds[i]; i++)
        page_option(b, agency_kinds[i], agency_kind_label(agency_kinds[i]),
               q->kind && !strcmp(q->kind, agency_kinds[i]));
    buf_adds(b, "</select></div>");
    page_select_open(b, "status", "Tình trạng");
    const char *key, *label;
    for (size_t i = 0; status_filter_choice(i, &key, &label); i++)
        page_option(b, key, label, status && !strcmp(status, key));
    buf_adds(b, "</select></div>");
}

static void filter_form(struct req *rq, struct buf *b, const struct page_data *pd,
                        const struct task_query *q)
{
    page_filters_begin(b);
    buf_adds(b, "<form method=\"get\" action=\"/tasks\" class=\"filters\" role=\"search\">"
                "<div class=\"field\"><label for=\"f-q\">Tìm kiếm</label><input type=\"search\""
                " id=\"f-q\" name=\"q\" data-live-search=\"data-live-search\""
                " placeholder=\"Gõ không dấu cũng được, ví dụ: bo cong an\" value=\"");
    page_attr(b, q->q ? q->q : "");
    buf_adds(b, "\"/></div>");
    simple_selects(b, pd, q, req_query_nonblank(rq, "status"));
    agency_options(rq, b, pd, q->agency);
    field_options(b, pd, q->field);
    date_field(b, "as_of", "Tình trạng tính đến ngày", pd->as_of);
    date_field(b, "due_from", "Thời hạn từ ngày", q->due_from);
    date_field(b, "due_to", "Thời hạn đến ngày", q->due_to);
    buf_adds(b, "<div class=\"field\"><button type=\"submit\">Lọc</button> <a class=\"button"
                " secondary\" href=\"/tasks\">Xoá bộ lọc</a></div></form>");
    page_filters_end(b);
}

/* ---- the list ---------------------------------------------------------------------- */

/* The current query without "page", for the export links. */
static void export_link(const struct req *rq, struct buf *b, const char *format, const char *label)
{
    struct buf href = BUF_INIT;
    buf_addf(&href, "/tasks/export?format=%s", format);
    for (size_t i = 0; i < rq->n_query; i++) {
        if (!strcmp(rq->query[i].key, "page"))
            continue;
        buf_addch(&href, '&');
        http_encode(&href, rq->query[i].key);
        buf_addch(&href, '=');
        http_encode(&href, rq->query[i].value);
    }
    buf_adds(b, "<a href=\"");
    page_attr(b, href.data);
    buf_addf(b, "\" download=\"download\">%s</a>", label); /* named by the server */
    buf_release(&href);
}

/*
 * "Tìm thấy N dòng: C nhiệm vụ được tính, ..." — groups and repeats are
 * listed but not counted (report_task_exclusion()), so the count the list
 * shows and the statistics' count can differ: the list says by how much
 * and why (issue #13).
 */
static void count_sentence(struct buf *b, const struct page_data *pd, const struct task_row *rows,
                           size_t n)
{
    size_t why[REPORT_OUT_OF_SCOPE + 1] = { 0 };
    for (size_t i = 0; i < n; i++)
        why[rows[i].bucket < N_BUCKETS ? REPORT_COUNTED
                                       : report_task_exclusion(&pd->rep, rows[i].task)]++;
    size_t other = n - why[REPORT_COUNTED];
    if (!other) {
        buf_addf(b,
                 "Tìm thấy <strong id=\"n-tasks\">%zu</strong> nhiệm vụ (<span"
                 " id=\"n-counted\">%zu</span> được tính trong thống kê)",
                 n, n);
        return;
    }
    buf_addf(b,
             "Tìm thấy <strong id=\"n-tasks\">%zu</strong> dòng: <strong id=\"n-counted\">%zu"
             "</strong> nhiệm vụ được tính trong thống kê, <span id=\"n-not-counted\">%zu</span>"
             " dòng không tính (",
             n, why[REPORT_COUNTED], other);
    const char *sep = "";
    if (why[REPORT_GROUP]) {
        buf_addf(b, "%zu nhóm nhiệm vụ, tính theo nhiệm vụ con", why[REPORT_GROUP]);
        sep = "; ";
    }
    if (why[REPORT_REPEAT]) {
        buf_addf(b, "%s%zu nhắc lại nhiệm vụ đã giao", sep, why[REPORT_REPEAT]);
        sep = "; ";
    }
    if (why[REPORT_OUT_OF_SCOPE])
        buf_addf(b, "%s%zu chưa được giao tại ngày này", sep, why[REPORT_OUT_OF_SCOPE]);
    buf_adds(b, ")");
}

static void list_summary(const struct req *rq, struct buf *b, const struct page_data *pd,
                         const struct task_query *q, const struct task_row *rows, size_t n,
                         long page, long n_pages)
{
    buf_adds(b, "<p class=\"count\" role=\"status\">");
    count_sentence(b, pd, rows, n);
    buf_adds(b, "; tình trạng tính đến ngày ");
    page_date(b, pd->as_of);
    if (n_pages > 1)
        buf_addf(b, "; trang %ld/%ld", page, n_pages);
    buf_adds(b, ".");
    if (q->agency != PROG_NONE) {
        buf_adds(b, " Tình trạng là của riêng ");
        page_text(b, pd->prog.agencies[q->agency].name);
        buf_adds(b, ".");
    }
    buf_adds(b, "</p><p class=\"downloads\">Tải danh sách này: ");
    export_link(rq, b, "csv", "CSV");
    export_link(rq, b, "xlsx", "Excel (XLSX)");
    buf_adds(b, "</p>");
}

int h_tasks(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { PAGE_LIST_PARAMS, NULL };
    struct page_data *pd = NULL;
    struct task_query q;
    size_t n = 0;
    long page = 1;
    if (page_params_or_400(rq, rs, allowed) ||
        req_long_or_400(rq, rs, "page", 1, 1000000, 1, &page))
        return -1;
    struct task_row *rows = page_filtered_rows(rq, rs, &pd, &q, &n);
    if (!rows)
        return -1;
    long n_pages = (long)((n + PAGE_LIST_SIZE - 1) / PAGE_LIST_SIZE);
    if (page > n_pages)
        page = n_pages > 0 ? n_pages : 1;
    size_t first = (size_t)(page - 1) * PAGE_LIST_SIZE;
    size_t count = n - first < PAGE_LIST_SIZE ? n - first : PAGE_LIST_SIZE;
    page_begin(rq, rs, "Nhiệm vụ", "tasks");
    filter_form(rq, &rs->body, pd, &q);
    list_summary(rq, &rs->body, pd, &q, rows, n, page, n_pages);
    page_task_table(rq, &rs->body, pd, rows + first, count, "Danh sách nhiệm vụ");
    page_pager(rq, &rs->body, page, n_pages);
    page_end(rq, rs);
    return 0;
}
