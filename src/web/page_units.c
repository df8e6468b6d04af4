/*
 * page_units: the pages Đơn vị (the scorecard of every unit with an
 * assignment, and one page per unit with its tasks by status) and Văn bản
 * (every directive document with its counts, and one page per document
 * with its tasks). The scorecard ranks units by the one rule of
 * core/rank.h, states it, and marks the column it is sorted by; a unit's
 * page starts with its overdue and due-soon assignments (the reminder's
 * rule, core/remind.h), each with a "Báo cáo" action for whoever may report
 * for the unit: a focal point's home (page_auth.c signs it in there). Counts come from the report as of the page's date
 * (page_lists.h): a unit's counts are of its assignments, a document's of
 * its tasks. A unit that monitors indicators also shows how many of them
 * are green as of the same date ("Chỉ tiêu theo dõi: x/y đạt (z%)"),
 * linked to the list Chỉ tiêu filtered on it.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "page_indicators.h"
#include "page_document.h"
#include "page_lists.h"
#include "page_requests.h"
#include "page_warnings.h"
#include "core/rank.h"
#include "core/remind.h"
#include "store/store_query.h"
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

/* The orders of the scorecard: the column each sorts, and its direction. */
static const struct {
    const char *key, *label, *dir;
} unit_sorts[] = {
    { "overdue", "số nhiệm vụ quá hạn", "descending" },
    { "rate", "hạng", "ascending" },
    { "name", "tên đơn vị", "ascending" },
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
    return d ? (d > 0) - (d < 0) : cmp_name(pd, x, y);
}

/* "/units?sort=KEY[&as_of=D]" for a sort link. */
static void sort_href(struct buf *b, const struct page_data *pd, const char *key)
{
    char iso[DATE_ISO_LEN];
    date_iso(pd->as_of, iso);
    buf_addf(b, "/units?sort=%s%s%s", key, pd->as_of_given ? "&amp;as_of=" : "",
             pd->as_of_given ? iso : "");
}

static void sort_links(struct buf *b, const struct page_data *pd, const char *sort)
{
    buf_adds(b, "<nav class=\"sort\" aria-label=\"Sắp xếp\"><p>Sắp xếp theo: ");
    for (size_t i = 0; i < sizeof(unit_sorts) / sizeof(*unit_sorts); i++) {
        bool here = !strcmp(sort, unit_sorts[i].key);
        buf_adds(b, i ? " · <a href=\"" : "<a href=\"");
        sort_href(b, pd, unit_sorts[i].key);
        buf_addf(b, "\"%s>%s</a>", here ? " aria-current=\"true\"" : "", unit_sorts[i].label);
    }
    buf_adds(b, "</p></nav>");
}

/* A column heading that sorts the table by `key`: aria-sort (and its arrow) when current. */
static void sort_head(struct buf *b, const struct page_data *pd, const char *sort, size_t k,
                      const char *cls, const char *label)
{
    buf_addf(b, "<th scope=\"col\"%s", cls);
    if (!strcmp(sort, unit_sorts[k].key))
        buf_addf(b, " aria-sort=\"%s\"", unit_sorts[k].dir);
    buf_adds(b, "><a href=\"");
    sort_href(b, pd, unit_sorts[k].key);
    buf_addf(b, "\">%s</a></th>", label);
}

/* The unit's rank, or why it has none. */
static void rank_cell(struct buf *b, const struct report_agency_row *row)
{
    if (row->rank)
        buf_addf(b, "<td class=\"num\">%ld</td>", row->rank);
    else
        buf_adds(b, "<td class=\"unranked\">chưa có nhiệm vụ đến hạn</td>");
}

/* On time among due: the rate the rank is by ("—" when nothing is due). */
static void due_rate_cell(struct buf *b, long on_time, long due)
{
    if (due)
        buf_addf(b, "<td class=\"num\">%ld%%</td>", percent_round(on_time, due));
    else
        buf_adds(b, "<td class=\"num\">—</td>");
}

static void scorecard_row(const struct req *rq, struct buf *b, const struct page_data *pd,
                          const struct indicator_board *bd, const struct report_agency_row *row)
{
    const struct prog_agency *a = &pd->prog.agencies[row->agency];
    buf_adds(b, "<tr>");
    rank_cell(b, row);
    buf_addf(b, "<td><a href=\"/units/%ld", a->id);
    page_attr(b, page_as_of_query(rq, pd));
    buf_adds(b, "\">");
    page_text(b, a->name);
    buf_adds(b, "</a></td><td>");
    page_text(b, agency_kind_label(a->kind));
    buf_adds(b, "</td>");
    page_bucket_cells(b, &row->assignments);
    buf_addf(b, "<td class=\"num\">%ld</td><td class=\"num\">%ld</td>", row->total, row->due);
    due_rate_cell(b, row->assignments.n[BUCKET_DONE_ON_TIME], row->due);
    buf_adds(b, "<td>");
    indicator_share(b, bd, a->id);
    buf_adds(b, "</td></tr>");
}

static void scorecard(const struct req *rq, struct buf *b, const struct page_data *pd,
                      const struct indicator_board *bd, const size_t *order, const char *sort)
{
    buf_adds(b, "<table class=\"scorecard sortable\"><caption>Kết quả theo đơn vị chủ trì (mỗi"
                " lượt giao việc: một nhiệm vụ × một đơn vị)</caption><thead><tr>");
    sort_head(b, pd, sort, 1, " class=\"num\"", "Hạng");
    sort_head(b, pd, sort, 2, "", "Đơn vị");
    buf_adds(b, "<th scope=\"col\">Khối</th>");
    for (int k = 0; k < N_BUCKETS; k++) {
        if (k == BUCKET_OVERDUE)
            sort_head(b, pd, sort, 0, " class=\"num\"", bucket_label(BUCKET_OVERDUE));
        else
            buf_addf(b, "<th scope=\"col\" class=\"num\">%s</th>", bucket_label((enum bucket)k));
    }
    buf_addf(b, "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">Chỉ tiêu theo dõi</th>"
                "</tr></thead><tbody>",
             COUNT_LABEL_ASSIGNMENTS, COUNT_LABEL_DUE, COUNT_LABEL_DUE_RATE);
    for (size_t i = 0; i < pd->rep.n_by_agency; i++)
        scorecard_row(rq, b, pd, bd, &pd->rep.by_agency[order[i]]);
    const struct bucket_counts *all = &pd->rep.assignments;
    long due = rank_due(all);
    buf_adds(b, "</tbody><tfoot><tr class=\"total\"><td></td><td>Tổng cộng</td><td></td>");
    page_bucket_cells(b, all);
    buf_addf(b, "<td class=\"num\">%ld</td><td class=\"num\">%ld</td>", bucket_total(all), due);
    due_rate_cell(b, all->n[BUCKET_DONE_ON_TIME], due);
    buf_adds(b, "<td></td></tr></tfoot></table>");
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
        order[i] = strcmp(sort, "rate") ? i : pd->rep.ranking[i]; /* the rank's own order */
    const void *ctx[2] = { pd, sort };
    if (strcmp(sort, "rate"))
        qsort_r(order, pd->rep.n_by_agency, sizeof(*order), cmp_rows, ctx);
    page_begin(rq, rs, "Đơn vị", "units");
    struct buf *b = &rs->body;
    page_as_of_form(rq, b, pd->as_of, keep);
    buf_addf(b,
             "<p class=\"count\"><strong>%zu</strong> đơn vị có nhiệm vụ chủ trì; %zu đơn vị"
             " được xếp hạng, %zu đơn vị chưa có nhiệm vụ đến hạn.</p><p class=\"rank-rule\""
             " id=\"rank-rule\">%s Hạng là của đơn vị, không đổi khi sắp xếp bảng theo cột"
             " khác.</p>",
             pd->rep.n_by_agency, pd->rep.n_ranked, pd->rep.n_by_agency - pd->rep.n_ranked,
             rank_rule_text);
    sort_links(b, pd, sort);
    scorecard(rq, b, pd, bd, order, sort);
    page_end(rq, rs);
    return 0;
}

/* ---- one unit ---------------------------------------------------------------------- */

/* What a unit's page shows, gathered first (unit_page_fill()), then written. */
struct unit_page {
    const struct page_data *pd;
    size_t agency;                       /* an index of pd->prog.agencies */
    const struct report_agency_row *row; /* its scorecard row; NULL without counted tasks */
    const struct indicator_board *bd;    /* for its share of the indicators it monitors */
    const size_t *mine;                  /* its assignments (borrowed from pd) */
    size_t n;
    struct task_row *rows;               /* one per assignment, status computed once (arena) */
    size_t n_other;                      /* rows not counted (groups, repeats) */
    struct remind_item *todo;            /* overdue, then due soon (arena) */
    size_t n_todo, n_overdue;
    bool can_report;                     /* the user may report for the unit */
};

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
    if (row && row->rank)
        buf_addf(b,
                 "<dt>Xếp hạng</dt><dd id=\"unit-rank\">%ld/%zu (" COUNT_LABEL_DUE_RATE
                 ": %ld%%, %ld/%ld) <a href=\"/units?sort=rate\">xem bảng xếp hạng</a></dd>",
                 row->rank, pd->rep.n_ranked,
                 percent_round(row->assignments.n[BUCKET_DONE_ON_TIME], row->due),
                 row->assignments.n[BUCKET_DONE_ON_TIME], row->due);
    else if (row)
        buf_adds(b, "<dt>Xếp hạng</dt><dd id=\"unit-rank\">chưa có nhiệm vụ đến hạn, không xếp"
                    " hạng</dd>");
    buf_adds(b, "<dt>Chỉ tiêu theo dõi</dt><dd id=\"unit-indicators\">");
    indicator_share(b, bd, a->id);
    buf_adds(b, "</dd>");
    buf_addf(b,
             "</dl><p><a href=\"/tasks?agency=%ld\">Tìm, lọc và tải danh sách nhiệm vụ của"
             " đơn vị</a></p>",
             a->id);
}

/* The unit's counts; n_other: its tasks listed but not counted (groups, repeats). */
static void unit_counts(struct buf *b, const struct report_agency_row *row, size_t n_other)
{
    struct bucket_counts none = { { 0 } };
    const struct bucket_counts *c = row ? &row->assignments : &none;
    long due = rank_due(c);
    buf_addf(b, "<p class=\"count\" id=\"unit-count\"><strong>%ld</strong> nhiệm vụ được tính",
             bucket_total(c));
    if (n_other)
        buf_addf(b, "; ngoài ra %zu nhiệm vụ không tính (nhóm nhiệm vụ, nhắc lại)", n_other);
    buf_adds(b, ".</p><table class=\"counts\"><caption>Số nhiệm vụ của đơn vị theo tình trạng"
                "</caption><thead><tr>");
    page_bucket_heads(b);
    buf_adds(b, "<th scope=\"col\" class=\"num\">" COUNT_LABEL_ASSIGNMENTS "</th><th"
                " scope=\"col\" class=\"num\">" COUNT_LABEL_DUE "</th><th scope=\"col\""
                " class=\"num\">" COUNT_LABEL_DUE_RATE "</th></tr></thead><tbody><tr>");
    page_bucket_cells(b, c);
    buf_addf(b, "<td class=\"num\">%ld</td><td class=\"num\">%ld</td>", bucket_total(c), due);
    due_rate_cell(b, c->n[BUCKET_DONE_ON_TIME], due);
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
 * The unit's tasks (rows[0..n), one per assignment), one table per status
 * (N_BUCKETS last: not counted), each cut at PAGE_LIST_SIZE rows with a
 * link to the whole filtered list: a unit that leads thousands of tasks
 * (every ministry, through "Các bộ, ngành") gets a page of a few hundred
 * rows, not megabytes.
 */
static void unit_tasks(struct req *rq, struct buf *b, const struct page_data *pd, size_t agency,
                       const struct task_row *rows, size_t n)
{
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
                 want < N_BUCKETS ? bucket_label(want) : COUNT_LABEL_NOT_COUNTED, total);
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

/* ---- what the unit must do first --------------------------------------------------- */

#define DUE_SOON_DAYS 14 /* "sắp đến hạn" on a unit's page: due within two weeks */

static void todo_row(const struct req *rq, struct buf *b, const struct page_data *pd,
                     const struct remind_item *it, bool can_report)
{
    const struct prog_task *t = &pd->prog.tasks[it->task];
    const struct prog_assignment *a = &pd->prog.assignments[it->assignment];
    buf_addf(b, "<tr class=\"%s\"><td>", it->overdue ? "overdue" : "due-soon");
    page_date(b, t->due);
    buf_adds(b, "</td><td>");
    size_t tt_len = strlen(t->tt);
    if (tt_len) {
        page_text(b, t->tt);
        buf_adds(b, strchr(".)", t->tt[tt_len - 1]) ? " " : ". ");
    }
    buf_addf(b, "<a href=\"/tasks/%ld", t->id);
    page_attr(b, page_as_of_query(rq, pd));
    buf_adds(b, "\">");
    page_text(b, t->name);
    buf_adds(b, "</a>");
    for (size_t i = 0; i < t->n_documents; i++) {
        buf_adds(b, i ? "; " : " <span class=\"hint\">(");
        page_document_ref(b, &pd->prog.documents[t->documents[i]]);
    }
    buf_adds(b, t->n_documents ? ")</span></td><td>" : "</td><td>");
    page_badge(b, it->overdue ? BUCKET_OVERDUE : BUCKET_IN_PROGRESS);
    if (it->overdue)
        buf_addf(b, " <span class=\"hint\">quá hạn %ld ngày</span>", it->days);
    else if (it->days == 0)
        buf_adds(b, " <span class=\"hint\">hết hạn hôm nay</span>");
    else
        buf_addf(b, " <span class=\"hint\">còn %ld ngày</span>", it->days);
    buf_adds(b, "</td><td>");
    page_last_report(b, status_last_report(a->events, a->n_events, pd->as_of), pd->as_of);
    buf_adds(b, "</td>");
    if (can_report) {
        buf_addf(b, "<td><a class=\"button report-action\" href=\"/tasks/%ld#them-bao-cao\">Báo"
                    " cáo<span class=\"visually-hidden\"> về nhiệm vụ ",
                 t->id);
        page_text(b, *t->tt ? t->tt : t->name);
        buf_adds(b, "</span></a></td>");
    }
    buf_adds(b, "</tr>");
}

/*
 * First on a unit's page: its overdue assignments and those due within
 * DUE_SOON_DAYS (the reminder's rule, core/remind.h), most urgent first,
 * each with a "Báo cáo" action for a user who may report for the unit.
 */
static void unit_todo(struct req *rq, struct buf *b, const struct unit_page *v)
{
    const struct page_data *pd = v->pd;
    const struct remind_item *items = v->todo;
    size_t k = v->n_todo, n_over = v->n_overdue;
    long id = pd->prog.agencies[v->agency].id;
    bool can_report = v->can_report;
    buf_addf(b, "<section id=\"can-lam\" aria-labelledby=\"can-lam-h\"><h2 id=\"can-lam-h\">Quá"
                " hạn và sắp đến hạn (trong %d ngày)</h2>", DUE_SOON_DAYS);
    if (!k) {
        buf_adds(b, "<p>Đơn vị không có nhiệm vụ quá hạn hay đến hạn trong thời gian này.</p>"
                    "</section>");
        return;
    }
    buf_addf(b, "<p>%zu nhiệm vụ quá hạn chưa hoàn thành, %zu nhiệm vụ đến hạn trong %d ngày"
                " tới.</p>",
             n_over, k - n_over, DUE_SOON_DAYS);
    size_t shown = k < PAGE_LIST_SIZE ? k : PAGE_LIST_SIZE;
    buf_adds(b, "<table class=\"todo\"><caption>Việc cần làm trước: nhiệm vụ quá hạn (quá hạn"
                " lâu nhất trước), rồi nhiệm vụ sắp đến hạn</caption><thead><tr><th"
                " scope=\"col\">Thời hạn</th><th scope=\"col\">Nhiệm vụ</th><th scope=\"col\">"
                "Tình trạng</th><th scope=\"col\">Báo cáo gần nhất</th>");
    if (can_report)
        buf_adds(b, "<th scope=\"col\"><span class=\"visually-hidden\">Thao tác</span></th>");
    buf_adds(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < shown; i++)
        todo_row(rq, b, pd, &items[i], can_report);
    buf_adds(b, "</tbody></table>");
    if (k > shown) {
        char until[DATE_ISO_LEN];
        date_iso(date_add_days(pd->as_of, DUE_SOON_DAYS), until);
        buf_addf(b, "<p class=\"more\">Bảng này hiện %zu nhiệm vụ đầu. <a href=\"/tasks?agency=%ld"
                    "&amp;status=overdue",
                 shown, id);
        more_as_of(rq, b);
        buf_addf(b, "\">Xem tất cả %zu nhiệm vụ quá hạn</a> · <a href=\"/tasks?agency=%ld&amp;"
                    "status=in_progress&amp;due_to=%s",
                 n_over, id, until);
        more_as_of(rq, b);
        buf_addf(b, "\">Xem tất cả %zu nhiệm vụ đến hạn trong %d ngày tới</a></p>", k - n_over,
                 DUE_SOON_DAYS);
    }
    buf_adds(b, "</section>");
}

/* Fill *v for the unit of the path; -1 after an error response (404, 500). */
static int unit_page_fill(struct req *rq, struct resp *rs, struct page_data *pd,
                          struct unit_page *v)
{
    *v = (struct unit_page){ .pd = pd, .agency = programme_find_agency(&pd->prog, path_id(rq)) };
    if (v->agency == PROG_NONE)
        return resp_error(rq, rs, 404, "Không có đơn vị mã số %s.", rq->params[0]);
    for (size_t i = 0; i < pd->rep.n_by_agency && !v->row; i++)
        if (pd->rep.by_agency[i].agency == v->agency)
            v->row = &pd->rep.by_agency[i];
    v->bd = page_board_cached(rq, rs, pd->as_of); /* as h_units */
    if (!v->bd)
        return -1;
    /* each status computed once: a unit may lead thousands of tasks */
    v->mine = programme_agency_assignments(&pd->prog, v->agency, &v->n);
    v->rows = arena_calloc(rq->arena, v->n + 1, sizeof(*v->rows));
    for (size_t i = 0; i < v->n; i++) {
        v->rows[i] = page_assignment_row(pd, v->mine[i]);
        v->n_other += v->rows[i].bucket == N_BUCKETS;
    }
    v->todo = arena_calloc(rq->arena, v->n + 1, sizeof(*v->todo));
    v->n_todo = remind_unit_items(&pd->rep, DUE_SOON_DAYS, v->mine, v->n, v->todo);
    for (size_t i = 0; i < v->n_todo; i++)
        v->n_overdue += v->todo[i].overdue;
    v->can_report =
        access_can_report(rq->who.role, rq->who.agency_id, pd->prog.agencies[v->agency].id);
    return 0;
}

static int unit_page_render(struct req *rq, struct resp *rs, const struct unit_page *v)
{
    long id = v->pd->prog.agencies[v->agency].id;
    page_begin(rq, rs, v->pd->prog.agencies[v->agency].name, "units");
    struct buf *b = &rs->body;
    page_as_of_form(rq, b, v->pd->as_of, NULL);
    unit_todo(rq, b, v); /* first: what the unit must do (issue #13) */
    if (page_warnings_section(rq, rs, v->pd->as_of, 0, id))
        return -1;
    page_requests_unit_box(rq, rs, id, v->pd->as_of);
    unit_facts(rq, b, v->pd, v->bd, v->agency, v->row);
    unit_counts(b, v->row, v->n_other);
    unit_tasks(rq, b, v->pd, v->agency, v->rows, v->n);
    page_end(rq, rs);
    return 0;
}

int h_unit(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", NULL };
    if (page_params_or_400(rq, rs, allowed))
        return -1;
    struct page_data *pd = page_data_load(rq, rs);
    struct unit_page v;
    if (!pd || unit_page_fill(rq, rs, pd, &v))
        return -1;
    return unit_page_render(rq, rs, &v);
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
    return page_document_show(rq, rs, NULL);
}

int page_document_show(struct req *rq, struct resp *rs, const struct document_form *form)
{
    static const char *const allowed[] = { "as_of", "page", "saved", NULL };
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
    if (form)
        form_page_begin(rq, rs, pd->prog.documents[doc].name, "documents", &form->errors);
    else
        page_begin(rq, rs, pd->prog.documents[doc].name, "documents");
    if (form)
        form_error_summary(&rs->body, &form->errors);
    else if (req_query(rq, "saved"))
        buf_adds(&rs->body,
                 "<div class=\"notice\" role=\"status\"><p>Đã lưu nội dung về văn bản.</p></div>");
    page_as_of_form(rq, &rs->body, pd->as_of, NULL);
    if (document_facts(rq, rs, pd->prog.documents[doc].id, n))
        return -1;
    page_document_form(rq, &rs->body, &pd->prog.documents[doc], form);
    document_counts(&rs->body, rows, n);
    buf_adds(&rs->body, "<h2>Nhiệm vụ của văn bản</h2>");
    page_task_table(rq, &rs->body, pd, rows + first,
                    n - first < PAGE_LIST_SIZE ? n - first : PAGE_LIST_SIZE, NULL);
    page_pager(rq, &rs->body, page, n_pages);
    page_end(rq, rs);
    return 0;
}
