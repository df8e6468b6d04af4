/*
 * page_units: the pages Đơn vị (the scorecard of every unit with an
 * assignment, and one page per unit with its tasks by status) and Văn bản
 * (every directive document with its counts, and one page per document
 * with its tasks). Counts come from the report as of the page's date
 * (page_lists.h): a unit's counts are of its assignments, a document's of
 * its tasks. A unit that monitors indicators also shows how many of them
 * are green as of the same date ("Chỉ tiêu theo dõi: x/y đạt (z%)"),
 * linked to the list Chỉ tiêu filtered on it.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "page_indicators.h"
#include "page_lists.h"
#include "store/store.h"
#include "util/collate.h"
#include "util/strparse.h"

#include <stdlib.h>
#include <string.h>

#define PATH_ID_MAX (1L << 50)

/* The id of the path (/units/:id, /documents/:id), or 0. */
static long path_id(const struct req *rq)
{
    long id = 0;
    if (!rq->n_params || strparse_long(rq->params[0], 1, PATH_ID_MAX, &id))
        return 0;
    return id;
}

static void rate_cell(struct buf *b, long done_on_time, long total)
{
    buf_addf(b, "<td class=\"num\">%ld%%</td>", percent_round(done_on_time, total));
}

/* "x/y đạt (z%)" of the indicators agency_id monitors, linked to them; "—" when none. */
static void indicator_share(struct buf *b, const struct indicator_board *bd, long agency_id)
{
    struct indicator_tally t;
    char iso[DATE_ISO_LEN];
    date_iso(bd->as_of, iso);
    if (!indicator_board_agency(bd, agency_id, &t)) {
        buf_adds(b, "—");
        return;
    }
    buf_addf(b,
             "<a href=\"/indicators?agency=%ld&amp;as_of=%s\" class=\"ind-share\""
             " data-agency=\"%ld\" data-green=\"%zu\" data-total=\"%zu\">%zu/%zu đạt (%ld%%)</a>",
             agency_id, iso, agency_id, t.count[IND_GREEN], t.total, t.count[IND_GREEN], t.total,
             t.green_pct);
    free(t.label);
}

/* ---- Đơn vị: the scorecard --------------------------------------------------------- */

static const struct {
    const char *key, *label;
} unit_sorts[] = {
    { "overdue", "số nhiệm vụ quá hạn" },
    { "rate", "tỷ lệ hoàn thành đúng hạn" },
    { "name", "tên đơn vị" },
};

static int cmp_name(const struct page_data *pd, const struct report_agency_row *x,
                    const struct report_agency_row *y)
{
    return collate_vi(pd->prog.agencies[x->agency].name, pd->prog.agencies[y->agency].name);
}

static int cmp_rows(const void *a, const void *b, void *ctx)
{
    const struct page_data *pd = ((const void *const *)ctx)[0];
    const char *sort = ((const void *const *)ctx)[1];
    const struct report_agency_row *x = &pd->rep.by_agency[*(const size_t *)a];
    const struct report_agency_row *y = &pd->rep.by_agency[*(const size_t *)b];
    long d = 0;
    if (!strcmp(sort, "overdue"))
        d = y->assignments.n[BUCKET_OVERDUE] - x->assignments.n[BUCKET_OVERDUE];
    else if (!strcmp(sort, "rate"))
        d = x->rank - y->rank;
    return d ? (d > 0) - (d < 0) : cmp_name(pd, x, y);
}

static void sort_links(struct buf *b, const struct page_data *pd, const char *sort)
{
    char iso[DATE_ISO_LEN];
    date_iso(pd->as_of, iso);
    buf_adds(b, "<nav class=\"sort\" aria-label=\"Sắp xếp\"><p>Sắp xếp theo: ");
    for (size_t i = 0; i < sizeof(unit_sorts) / sizeof(*unit_sorts); i++) {
        bool here = !strcmp(sort, unit_sorts[i].key);
        buf_addf(b, "%s<a href=\"/units?sort=%s%s%s\"%s>%s</a>", i ? " · " : "", unit_sorts[i].key,
                 pd->as_of_given ? "&amp;as_of=" : "", pd->as_of_given ? iso : "",
                 here ? " aria-current=\"true\"" : "", unit_sorts[i].label);
    }
    buf_adds(b, "</p></nav>");
}

static void scorecard_row(const struct req *rq, struct buf *b, const struct page_data *pd,
                          const struct indicator_board *bd, const struct report_agency_row *row)
{
    const struct prog_agency *a = &pd->prog.agencies[row->agency];
    buf_addf(b, "<tr><td class=\"num\">%ld</td><td><a href=\"/units/%ld", row->rank, a->id);
    page_attr(b, page_as_of_query(rq, pd));
    buf_adds(b, "\">");
    page_text(b, a->name);
    buf_adds(b, "</a></td><td>");
    page_text(b, agency_kind_label(a->kind));
    buf_adds(b, "</td>");
    page_bucket_cells(b, &row->assignments);
    buf_addf(b, "<td class=\"num\">%ld</td>", row->total);
    rate_cell(b, row->assignments.n[BUCKET_DONE_ON_TIME], row->total);
    buf_adds(b, "<td>");
    indicator_share(b, bd, a->id);
    buf_adds(b, "</td></tr>");
}

static void scorecard(const struct req *rq, struct buf *b, const struct page_data *pd,
                      const struct indicator_board *bd, const size_t *order)
{
    buf_adds(b, "<table class=\"scorecard\"><caption>Kết quả theo đơn vị chủ trì (mỗi lượt giao"
                " việc: một nhiệm vụ × một đơn vị)</caption><thead><tr><th scope=\"col\""
                " class=\"num\">Hạng</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Khối"
                "</th>");
    page_bucket_heads(b);
    buf_adds(b, "<th scope=\"col\" class=\"num\">Tổng</th><th scope=\"col\" class=\"num\">Tỷ lệ"
                " hoàn thành đúng hạn</th><th scope=\"col\">Chỉ tiêu theo dõi</th></tr></thead>"
                "<tbody>");
    for (size_t i = 0; i < pd->rep.n_by_agency; i++)
        scorecard_row(rq, b, pd, bd, &pd->rep.by_agency[order[i]]);
    const struct bucket_counts *all = &pd->rep.assignments;
    buf_adds(b, "<tr class=\"total\"><td></td><td>Tổng cộng</td><td></td>");
    page_bucket_cells(b, all);
    buf_addf(b, "<td class=\"num\">%ld</td>", bucket_total(all));
    rate_cell(b, all->n[BUCKET_DONE_ON_TIME], bucket_total(all));
    buf_adds(b, "<td></td></tr></tbody></table>");
}

int h_units(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", "sort", NULL };
    static const char *const keep[] = { "sort", NULL };
    if (page_params_or_400(rq, rs, allowed))
        return -1;
    const char *sort = req_query_nonblank(rq, "sort");
    if (!sort)
        sort = "overdue";
    if (strcmp(sort, "overdue") && strcmp(sort, "rate") && strcmp(sort, "name"))
        return resp_error(rq, rs, 400, "Trường “Sắp xếp” chỉ nhận: tên, số quá hạn hoặc tỷ lệ.");
    struct page_data *pd = page_data_load(rq, rs);
    /* pd's cached report holds the board; page_data (page_lists.h) does not carry it, so the
     * same cache entry is looked up again (a hit): nothing is loaded or counted twice. */
    const struct indicator_board *bd = pd ? page_board_cached(rq, rs, pd->as_of) : NULL;
    if (!bd)
        return -1;
    size_t *order = arena_calloc(rq->arena, pd->rep.n_by_agency + 1, sizeof(size_t));
    for (size_t i = 0; i < pd->rep.n_by_agency; i++)
        order[i] = i;
    const void *ctx[2] = { pd, sort };
    qsort_r(order, pd->rep.n_by_agency, sizeof(*order), cmp_rows, ctx);
    page_begin(rq, rs, "Đơn vị", "units");
    struct buf *b = &rs->body;
    page_as_of_form(rq, b, pd->as_of, keep);
    buf_addf(b,
             "<p class=\"count\"><strong>%zu</strong> đơn vị có nhiệm vụ chủ trì. Hạng xếp"
             " theo tỷ lệ hoàn thành đúng hạn; đơn vị bằng tỷ lệ cùng hạng.</p>",
             pd->rep.n_by_agency);
    sort_links(b, pd, sort);
    scorecard(rq, b, pd, bd, order);
    page_end(rq, rs);
    return 0;
}

/* ---- one unit ---------------------------------------------------------------------- */

/* Buckets in the order a unit reads them: what needs doing first. */
static const enum bucket unit_order[N_BUCKETS] = {
    BUCKET_OVERDUE, BUCKET_IN_PROGRESS, BUCKET_RECURRING, BUCKET_DONE_LATE, BUCKET_DONE_ON_TIME,
};

static void unit_facts(const struct req *rq, struct buf *b, const struct page_data *pd,
                       const struct indicator_board *bd, size_t agency,
                       const struct report_agency_row *row)
{
    const struct prog_agency *a = &pd->prog.agencies[agency];
    const struct registry *reg = rq->registry;
    long idx = registry_find_agency(reg, a->name);
    buf_adds(b, "<dl class=\"facts\"><dt>Khối</dt><dd>");
    page_text(b, agency_kind_label(a->kind));
    buf_adds(b, "</dd>");
    if (idx >= 0 && reg->agencies[idx].successor) {
        buf_adds(b, "<dt>Hợp nhất vào</dt><dd>");
        page_text(b, reg->agencies[idx].successor);
        buf_adds(b, "</dd>");
    }
    if (row)
        buf_addf(b, "<dt>Xếp hạng</dt><dd>%ld/%zu theo tỷ lệ hoàn thành đúng hạn (%ld%%)</dd>",
                 row->rank, pd->rep.n_by_agency, row->on_time_pct);
    buf_adds(b, "<dt>Chỉ tiêu theo dõi</dt><dd id=\"unit-indicators\">");
    indicator_share(b, bd, a->id);
    buf_adds(b, "</dd>");
    buf_addf(b,
             "</dl><p><a href=\"/tasks?agency=%ld\">Tìm, lọc và tải danh sách nhiệm vụ của"
             " đơn vị</a></p>",
             a->id);
}

static void unit_counts(struct buf *b, const struct report_agency_row *row)
{
    struct bucket_counts none = { { 0 } };
    const struct bucket_counts *c = row ? &row->assignments : &none;
    buf_adds(b, "<table class=\"counts\"><caption>Số nhiệm vụ của đơn vị theo tình trạng"
                "</caption><thead><tr>");
    page_bucket_heads(b);
    buf_adds(b, "<th scope=\"col\" class=\"num\">Tổng</th><th scope=\"col\" class=\"num\">Tỷ lệ"
                " hoàn thành đúng hạn</th></tr></thead><tbody><tr>");
    page_bucket_cells(b, c);
    buf_addf(b, "<td class=\"num\">%ld</td>", bucket_total(c));
    rate_cell(b, c->n[BUCKET_DONE_ON_TIME], bucket_total(c));
    buf_adds(b, "</tr></tbody></table>");
}

/* The page's own "as of" date, carried into a link to the task list. */
static void more_as_of(const struct req *rq, struct buf *b)
{
    const char *as_of = req_query_nonblank(rq, "as_of");
    if (!as_of)
        return;
    struct buf enc = BUF_INIT;
    http_encode(&enc, as_of);
    buf_adds(b, "&amp;as_of=");
    page_attr(b, enc.data);
    buf_release(&enc);
}

/*
 * The unit's tasks, one table per status (N_BUCKETS last: not counted),
 * each cut at PAGE_LIST_SIZE rows with a link to the whole filtered list:
 * a unit that leads thousands of tasks (every ministry, through "Các bộ,
 * ngành") gets a page of a few hundred rows, not megabytes. The
 * programme's index of the unit's assignments finds its rows; each row's
 * status is computed once.
 */
static void unit_tasks(struct req *rq, struct buf *b, const struct page_data *pd, size_t agency)
{
    size_t n = 0;
    const size_t *mine = programme_agency_assignments(&pd->prog, agency, &n);
    struct task_row *rows = arena_calloc(rq->arena, n + 1, sizeof(*rows));
    for (size_t i = 0; i < n; i++)
        rows[i] = page_assignment_row(pd, mine[i]);
    struct task_row *shown = arena_calloc(rq->arena, PAGE_LIST_SIZE + 1, sizeof(*shown));
    for (size_t k = 0; k <= N_BUCKETS; k++) {
        enum bucket want = k < N_BUCKETS ? unit_order[k] : N_BUCKETS;
        size_t total = 0, n_shown = 0;
        for (size_t i = 0; i < n; i++)
            if (rows[i].bucket == want && total++ < PAGE_LIST_SIZE)
                shown[n_shown++] = rows[i];
        if (!total)
            continue;
        const char *key = want < N_BUCKETS ? bucket_key(want) : "khac";
        buf_addf(b, "<h2 id=\"s-%s\">%s (%zu)</h2>", key,
                 want < N_BUCKETS ? bucket_label(want) : "Không tính trong thống kê", total);
        page_task_table(rq, b, pd, shown, n_shown, NULL);
        if (total > n_shown) {
            buf_addf(b, "<p class=\"more\"><a href=\"/tasks?agency=%ld", pd->prog.agencies[agency].id);
            if (want < N_BUCKETS)
                buf_addf(b, "&amp;status=%s", key);
            more_as_of(rq, b);
            buf_addf(b, "\">Xem tất cả %zu nhiệm vụ trong danh sách nhiệm vụ</a> (trang này"
                        " hiện %zu nhiệm vụ đầu)</p>",
                     total, n_shown);
        }
    }
}

int h_unit(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", NULL };
    if (page_params_or_400(rq, rs, allowed))
        return -1;
    struct page_data *pd = page_data_load(rq, rs);
    if (!pd)
        return -1;
    size_t agency = programme_find_agency(&pd->prog, path_id(rq));
    if (agency == PROG_NONE)
        return resp_error(rq, rs, 404, "Không có đơn vị mã số %s.", rq->params[0]);
    const struct report_agency_row *row = NULL;
    for (size_t i = 0; i < pd->rep.n_by_agency && !row; i++)
        if (pd->rep.by_agency[i].agency == agency)
            row = &pd->rep.by_agency[i];
    const struct indicator_board *bd = page_board_cached(rq, rs, pd->as_of); /* as h_units */
    if (!bd)
        return -1;
    page_begin(rq, rs, pd->prog.agencies[agency].name, "units");
    struct buf *b = &rs->body;
    page_as_of_form(rq, b, pd->as_of, NULL);
    unit_facts(rq, b, pd, bd, agency, row);
    unit_counts(b, row);
    unit_tasks(rq, b, pd, agency);
    page_end(rq, rs);
    return 0;
}

/* ---- Văn bản ------------------------------------------------------------------------- */

static void document_row(const struct req *rq, struct buf *b, const struct page_data *pd,
                         const struct report_document_row *row)
{
    buf_adds(b, "<tr><td>");
    if (row->document != PROG_NONE) {
        const struct prog_document *d = &pd->prog.documents[row->document];
        buf_addf(b, "<a href=\"/documents/%ld", d->id);
        page_attr(b, page_as_of_query(rq, pd));
        buf_adds(b, "\">");
        page_text(b, d->name);
        buf_adds(b, "</a></td><td>");
        page_date(b, d->date);
    } else {
        page_text(b, report_document_name(&pd->rep, row));
        buf_adds(b, "</td><td>—");
    }
    buf_adds(b, "</td>");
    page_bucket_cells(b, &row->tasks);
    buf_addf(b, "<td class=\"num\">%ld</td><td class=\"num\">%ld</td></tr>",
             bucket_total(&row->tasks), row->repeats);
}

int h_documents(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", NULL };
    if (page_params_or_400(rq, rs, allowed))
        return -1;
    struct page_data *pd = page_data_load(rq, rs);
    if (!pd)
        return -1;
    page_begin(rq, rs, "Văn bản", "documents");
    struct buf *b = &rs->body;
    page_as_of_form(rq, b, pd->as_of, NULL);
    buf_adds(b, "<p>Mỗi nhiệm vụ được tính một lần, theo văn bản giao sớm nhất; nhiệm vụ nhắc"
                " lại không tính lại.</p><table class=\"documents\"><caption>Kết quả theo văn"
                " bản chỉ đạo</caption><thead><tr><th scope=\"col\">Văn bản</th><th scope=\"col\""
                ">Ngày</th>");
    page_bucket_heads(b);
    buf_adds(b, "<th scope=\"col\" class=\"num\">Tổng</th><th scope=\"col\" class=\"num\">Nhắc"
                " lại (không tính)</th></tr></thead><tbody>");
    for (size_t i = 0; i < pd->rep.n_by_document; i++)
        document_row(rq, b, pd, &pd->rep.by_document[i]);
    buf_adds(b, "<tr class=\"total\"><td>Tổng cộng</td><td></td>");
    page_bucket_cells(b, &pd->rep.tasks);
    buf_addf(b, "<td class=\"num\">%ld</td><td class=\"num\">%ld</td></tr></tbody></table>",
             bucket_total(&pd->rep.tasks), pd->rep.repeats_not_counted);
    page_end(rq, rs);
    return 0;
}

/* ---- one document ------------------------------------------------------------------ */

static int document_facts(struct req *rq, struct resp *rs, long id, size_t n_tasks)
{
    struct document_view *d = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_documents(rq->db, &d, &n, &e))
        return resp_err(rq, rs, &e);
    struct buf *b = &rs->body;
    buf_adds(b, "<dl class=\"facts\">");
    for (size_t i = 0; i < n; i++) {
        if (d[i].id != id)
            continue;
        buf_adds(b, "<dt>Loại văn bản</dt><dd>");
        page_text(b, *d[i].kind ? d[i].kind : "—");
        buf_adds(b, "</dd><dt>Số, ký hiệu</dt><dd>");
        page_text(b, *d[i].number ? d[i].number : "—");
        buf_adds(b, "</dd><dt>Ngày ban hành</dt><dd>");
        page_date(b, d[i].date);
        buf_adds(b, "</dd>");
    }
    buf_addf(b,
             "<dt>Số nhiệm vụ</dt><dd>%zu</dd></dl><p><a href=\"/tasks?document=%ld\">Tìm,"
             " lọc và tải danh sách nhiệm vụ của văn bản</a></p>",
             n_tasks, id);
    document_views_free(d, n);
    return 0;
}

static void document_counts(struct buf *b, const struct task_row *rows, size_t n)
{
    struct bucket_counts c = { { 0 } };
    for (size_t i = 0; i < n; i++)
        if (rows[i].bucket < N_BUCKETS)
            c.n[rows[i].bucket]++;
    buf_adds(b, "<table class=\"counts\"><caption>Số nhiệm vụ của văn bản theo tình trạng"
                "</caption><thead><tr>");
    page_bucket_heads(b);
    buf_addf(b, "<th scope=\"col\" class=\"num\">Tổng</th></tr></thead><tbody><tr>");
    page_bucket_cells(b, &c);
    buf_addf(b, "<td class=\"num\">%ld</td></tr></tbody></table>", bucket_total(&c));
}

int h_document(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", "page", NULL };
    long page = 1;
    if (page_params_or_400(rq, rs, allowed) ||
        req_long_or_400(rq, rs, "page", 1, 1000000, 1, &page))
        return -1;
    struct page_data *pd = page_data_load(rq, rs);
    if (!pd)
        return -1;
    size_t doc = programme_find_document(&pd->prog, path_id(rq));
    if (doc == PROG_NONE)
        return resp_error(rq, rs, 404, "Không có văn bản mã số %s.", rq->params[0]);
    struct task_row *rows = arena_calloc(rq->arena, pd->prog.n_tasks + 1, sizeof(*rows));
    size_t n = 0;
    for (size_t ti = 0; ti < pd->prog.n_tasks; ti++)
        for (size_t k = 0; k < pd->prog.tasks[ti].n_documents; k++)
            if (pd->prog.tasks[ti].documents[k] == doc)
                rows[n++] = page_task_row(pd, ti, PROG_NONE);
    long n_pages = (long)((n + PAGE_LIST_SIZE - 1) / PAGE_LIST_SIZE);
    if (page > n_pages)
        page = n_pages > 0 ? n_pages : 1;
    size_t first = (size_t)(page - 1) * PAGE_LIST_SIZE;
    page_begin(rq, rs, pd->prog.documents[doc].name, "documents");
    page_as_of_form(rq, &rs->body, pd->as_of, NULL);
    if (document_facts(rq, rs, pd->prog.documents[doc].id, n))
        return -1;
    document_counts(&rs->body, rows, n);
    buf_adds(&rs->body, "<h2>Nhiệm vụ của văn bản</h2>");
    page_task_table(rq, &rs->body, pd, rows + first,
                    n - first < PAGE_LIST_SIZE ? n - first : PAGE_LIST_SIZE, NULL);
    page_pager(rq, &rs->body, page, n_pages);
    page_end(rq, rs);
    return 0;
}
