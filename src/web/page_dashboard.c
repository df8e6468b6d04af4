/*
 * page_dashboard: Tổng quan — the headline buckets of the statistics
 * report as of a chosen date (cards), four charts drawn by the server as
 * SVG (render/svg.h) each followed by a table of the same numbers, the
 * tasks due soon and the reconciliation state; and each chart as a
 * standalone SVG file, /charts/NAME.svg?as_of=D.
 *
 * Every number links into the task list with the filters that select
 * what it counts: status (a bucket key, or "done" and
 * "in_progress_on_time" for the two sums), document, field, agency, and
 * always as_of. The report comes from page_report_load(), as on the
 * "Báo cáo" page, so both pages show the same figures.
 *
 * The indicators' traffic lights (green, amber, red, grey as of the same
 * date, from the indicator board the cached report carries) link into the
 * list Chỉ tiêu with ?status=, followed by the share of green per
 * horizon. The reconciliation counts the report's checks and the board's.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "page_indicators.h"
#include "page_report.h"
#include "page_warnings.h"
#include "report_cache.h"
#include "render/report_doc.h"
#include "render/svg.h"

#include <stdlib.h>
#include <string.h>

#define TOP_UNITS 10      /* bars of the "most overdue" chart */
#define DUE_SOON_SHOWN 10 /* tasks listed as due soon */

/* The badge palette of style.css (--ok, --late, --progress, --recurring, --overdue). */
static const char *const bucket_fill[N_BUCKETS] = { "#00703c", "#8a4b00", "#1d4f91", "#4c2c92",
                                                    "#b10e1e" };

/* What every part of the dashboard draws from. */
struct dash {
    struct req *rq; /* for its arena only: what the dashboard shows depends on the report alone */
    struct cached_report *cached;
    const struct report *r;
    const struct indicator_board *board; /* the cached report's: every indicator as of r's date */
    char as_of[DATE_ISO_LEN];            /* yyyy-mm-dd, for links */
    char as_of_dmy[DATE_ISO_LEN];
};

/* A row of a chart by category: a document or a field. */
struct category {
    const char *label;
    const char *value; /* the filter value, or NULL when the list cannot select it */
    const struct bucket_counts *c;
};

/* ---- links ---------------------------------------------------------------------- */

/* "/tasks?KEY=VALUE&status=STATUS&as_of=D" (key and status optional), in the arena. */
static const char *tasks_href(const struct dash *d, const char *key, const char *value,
                              const char *status)
{
    struct buf u = BUF_INIT;
    buf_adds(&u, "/tasks?");
    if (key && value) {
        buf_addf(&u, "%s=", key);
        http_encode(&u, value);
        buf_addch(&u, '&');
    }
    if (status)
        buf_addf(&u, "status=%s&", status);
    buf_addf(&u, "as_of=%s", d->as_of);
    const char *s = arena_strdup(d->rq->arena, u.data);
    buf_release(&u);
    return s;
}

static void anchor(struct buf *b, const char *href, const char *text)
{
    buf_adds(b, "<a href=\"");
    page_attr(b, href);
    buf_adds(b, "\">");
    page_text(b, text);
    buf_adds(b, "</a>");
}

/* A count in a table cell, linked when it is not 0 and the list can select it. */
static void num_cell(struct buf *b, long n, const char *href)
{
    buf_adds(b, "<td class=\"num\">");
    if (n > 0 && href) {
        buf_adds(b, "<a href=\"");
        page_attr(b, href);
        buf_addf(b, "\">%ld</a>", n);
    } else {
        buf_addf(b, "%ld", n);
    }
    buf_adds(b, "</td>");
}

static void thead(struct buf *b, const char *caption, const char *const *cols)
{
    /* The numbers behind a chart: folded away on screen, for screen readers and checking. */
    buf_adds(b, "<details class=\"chart-data\"><summary>Bảng số liệu</summary>"
                "<table class=\"chart-data\"><caption>");
    page_text(b, caption);
    buf_adds(b, "</caption><thead><tr>");
    for (size_t i = 0; cols[i]; i++) {
        buf_adds(b, i ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        page_text(b, cols[i]);
        buf_adds(b, "</th>");
    }
    buf_adds(b, "</tr></thead><tbody>");
}

/* ---- cards ---------------------------------------------------------------------- */

/* A card: the count (id "n-ID"), its label and share, linked to the list. */
static void card(struct buf *b, const char *cls, const char *id, const char *href, long n,
                 const char *label, long pct)
{
    buf_addf(b, "<div class=\"card %s\"><a href=\"", cls);
    page_attr(b, href);
    buf_addf(b, "\"><span class=\"n\" id=\"n-%s\">%ld</span>", id, n);
    page_text(b, label);
    if (pct >= 0)
        buf_addf(b, " (%ld%%)", pct);
    buf_adds(b, "</a>");
}

/* The two buckets a card sums, as links named as the glossary names them; closes the card. */
static void card_parts(struct buf *b, const struct dash *d, enum bucket x, enum bucket y)
{
    const struct bucket_counts *t = &d->r->tasks;
    buf_adds(b, "<p class=\"card-sub\">");
    anchor(b, tasks_href(d, NULL, NULL, bucket_key(x)),
           arena_printf(d->rq->arena, "%ld %s", t->n[x], bucket_label(x)));
    buf_adds(b, " · ");
    anchor(b, tasks_href(d, NULL, NULL, bucket_key(y)),
           arena_printf(d->rq->arena, "%ld %s", t->n[y], bucket_label(y)));
    buf_adds(b, "</p></div>");
}

static void cards(struct buf *b, const struct dash *d)
{
    const long *n = d->r->tasks.n;
    long total = bucket_total(&d->r->tasks);
    long done = n[BUCKET_DONE_ON_TIME] + n[BUCKET_DONE_LATE];
    long on_time = n[BUCKET_IN_PROGRESS] + n[BUCKET_RECURRING];
    buf_adds(b, "<h2>Tình hình thực hiện nhiệm vụ</h2><div class=\"cards\">");
    card(b, "total", "total", tasks_href(d, NULL, NULL, NULL), total, COUNT_LABEL_TASKS, -1);
    buf_addf(b,
             "<p class=\"card-sub\">%ld lượt giao cho %ld đơn vị. Nhóm nhiệm vụ (tính theo"
             " nhiệm vụ con) và nhiệm vụ nhắc lại không tính.</p></div>",
             bucket_total(&d->r->assignments), d->r->n_units);
    card(b, "done", "done", tasks_href(d, NULL, NULL, "done"), done, COUNT_LABEL_DONE,
         percent_round(done, total));
    card_parts(b, d, BUCKET_DONE_ON_TIME, BUCKET_DONE_LATE);
    card(b, "progress", "in_progress_on_time", tasks_href(d, NULL, NULL, "in_progress_on_time"),
         on_time, COUNT_LABEL_ON_TRACK, percent_round(on_time, total));
    card_parts(b, d, BUCKET_IN_PROGRESS, BUCKET_RECURRING);
    card(b, "overdue", "overdue", tasks_href(d, NULL, NULL, "overdue"), n[BUCKET_OVERDUE],
         bucket_label(BUCKET_OVERDUE), percent_round(n[BUCKET_OVERDUE], total));
    buf_adds(b, "</div></div>"); /* the card, then the cards */
    if (d->r->no_due_date > 0)
        buf_addf(b,
                 "<p class=\"hint\">Có %ld nhiệm vụ đang thực hiện chưa xác định thời hạn"
                 " (được tính là đang thực hiện trong hạn).</p>",
                 d->r->no_due_date);
}

/* ---- chart: status donut ---------------------------------------------------------- */

static void status_slices(const struct dash *d, struct svg_slice *s)
{
    for (int k = 0; k < N_BUCKETS; k++)
        s[k] = (struct svg_slice){ bucket_label((enum bucket)k), d->r->tasks.n[k], bucket_fill[k],
                                   tasks_href(d, NULL, NULL, bucket_key((enum bucket)k)) };
}

static void status_svg(const struct dash *d, struct buf *b)
{
    struct svg_slice s[N_BUCKETS];
    struct buf desc = BUF_INIT;
    status_slices(d, s);
    buf_addf(&desc, "Tổng số %ld nhiệm vụ", bucket_total(&d->r->tasks));
    for (int k = 0; k < N_BUCKETS; k++)
        buf_addf(&desc, "; %s: %ld", s[k].label, s[k].value);
    svg_donut(b, s, N_BUCKETS,
              arena_printf(d->rq->arena, "Tình trạng nhiệm vụ đến ngày %s", d->as_of_dmy),
              desc.data);
    buf_release(&desc);
}

static void status_table(const struct dash *d, struct buf *b)
{
    static const char *const cols[] = { "Tình trạng", "Số nhiệm vụ", "Tỷ lệ", NULL };
    struct svg_slice s[N_BUCKETS];
    long total = bucket_total(&d->r->tasks);
    status_slices(d, s);
    thead(b, "Số liệu của biểu đồ tình trạng", cols);
    for (int k = 0; k < N_BUCKETS; k++) {
        buf_adds(b, "<tr><td>");
        anchor(b, s[k].href, s[k].label);
        buf_adds(b, "</td>");
        num_cell(b, s[k].value, s[k].href);
        buf_addf(b, "<td class=\"num\">%ld%%</td></tr>", percent_round(s[k].value, total));
    }
    buf_addf(b,
             "<tr class=\"total\"><td>Tổng số</td><td class=\"num\">%ld</td>"
             "<td class=\"num\">100%%</td></tr></tbody></table></details>",
             total);
}

/* ---- charts: by document, by field ---------------------------------------------- */

static struct category *documents(const struct dash *d, size_t *n)
{
    const struct report *r = d->r;
    struct category *c = arena_calloc(d->rq->arena, r->n_by_document + 1, sizeof(*c));
    for (size_t i = 0; i < r->n_by_document; i++) {
        const struct report_document_row *row = &r->by_document[i];
        c[i].label = report_document_name(r, row);
        c[i].value = row->document == PROG_NONE ? NULL : c[i].label;
        c[i].c = &row->tasks;
    }
    *n = r->n_by_document;
    return c;
}

static struct category *fields(const struct dash *d, size_t *n)
{
    const struct report *r = d->r;
    struct category *c = arena_calloc(d->rq->arena, r->n_by_field + 1, sizeof(*c));
    for (size_t i = 0; i < r->n_by_field; i++) {
        const struct report_field_row *row = &r->by_field[i];
        c[i].label = report_field_label(row);
        c[i].value = row->field[0] ? row->field : NULL;
        c[i].c = &row->tasks;
    }
    *n = r->n_by_field;
    return c;
}

/* One stacked bar per category, a segment per bucket. */
static void category_svg(const struct dash *d, struct buf *b, const char *key,
                         const struct category *c, size_t n, const char *title)
{
    struct svg_bar *bars = arena_calloc(d->rq->arena, n + 1, sizeof(*bars));
    struct svg_slice *segs = arena_calloc(d->rq->arena, n * N_BUCKETS + 1, sizeof(*segs));
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < N_BUCKETS; k++)
            segs[i * N_BUCKETS + (size_t)k] = (struct svg_slice){
                bucket_label((enum bucket)k), c[i].c->n[k], bucket_fill[k],
                c[i].value ? tasks_href(d, key, c[i].value, bucket_key((enum bucket)k)) : NULL
            };
        bars[i] =
            (struct svg_bar){ c[i].label, c[i].value ? tasks_href(d, key, c[i].value, NULL) : NULL,
                              &segs[i * N_BUCKETS], N_BUCKETS };
    }
    const char *desc = arena_printf(d->rq->arena,
                                    "Số nhiệm vụ của %zu nhóm, mỗi thanh chia theo tình trạng;"
                                    " số liệu chi tiết ở bảng bên dưới.",
                                    n);
    svg_bars(b, bars, n, arena_printf(d->rq->arena, "%s đến ngày %s", title, d->as_of_dmy), desc);
}

static void category_table(const struct dash *d, struct buf *b, const char *key,
                           const struct category *c, size_t n, const char *caption,
                           const char *first_col)
{
    const char *cols[N_BUCKETS + 3] = { first_col };
    for (int k = 0; k < N_BUCKETS; k++)
        cols[k + 1] = bucket_label((enum bucket)k);
    cols[N_BUCKETS + 1] = "Tổng số";
    thead(b, caption, cols);
    for (size_t i = 0; i < n; i++) {
        buf_adds(b, "<tr><td>");
        if (c[i].value)
            anchor(b, tasks_href(d, key, c[i].value, NULL), c[i].label);
        else
            page_text(b, c[i].label);
        buf_adds(b, "</td>");
        for (int k = 0; k < N_BUCKETS; k++)
            num_cell(b, c[i].c->n[k],
                     c[i].value ? tasks_href(d, key, c[i].value, bucket_key((enum bucket)k))
                                : NULL);
        buf_addf(b, "<td class=\"num\">%ld</td></tr>", bucket_total(c[i].c));
    }
    buf_adds(b, "</tbody></table></details>");
}

static void documents_svg(const struct dash *d, struct buf *b)
{
    size_t n;
    struct category *c = documents(d, &n);
    category_svg(d, b, "document", c, n, "Nhiệm vụ theo văn bản chỉ đạo");
}

static void documents_table(const struct dash *d, struct buf *b)
{
    size_t n;
    struct category *c = documents(d, &n);
    category_table(d, b, "document", c, n, "Số liệu theo văn bản chỉ đạo", "Văn bản");
}

static void fields_svg(const struct dash *d, struct buf *b)
{
    size_t n;
    struct category *c = fields(d, &n);
    category_svg(d, b, "field", c, n, "Nhiệm vụ theo lĩnh vực");
}

static void fields_table(const struct dash *d, struct buf *b)
{
    size_t n;
    struct category *c = fields(d, &n);
    category_table(d, b, "field", c, n, "Số liệu theo lĩnh vực", "Lĩnh vực");
}

/* ---- chart: units with the most overdue assignments ------------------------------ */

/* by_agency lists units with the most overdue first: the first TOP_UNITS that have any. */
static size_t top_units(const struct report *r)
{
    size_t n = 0;
    while (n < r->n_by_agency && n < TOP_UNITS && r->by_agency[n].assignments.n[BUCKET_OVERDUE] > 0)
        n++;
    return n;
}

static const char *unit_name(const struct dash *d, size_t i)
{
    return d->r->prog->agencies[d->r->by_agency[i].agency].name;
}

static void units_svg(const struct dash *d, struct buf *b)
{
    size_t n = top_units(d->r);
    struct svg_bar *bars = arena_calloc(d->rq->arena, n + 1, sizeof(*bars));
    struct svg_slice *segs = arena_calloc(d->rq->arena, n + 1, sizeof(*segs));
    for (size_t i = 0; i < n; i++) {
        const char *name = unit_name(d, i);
        segs[i] = (struct svg_slice){ bucket_label(BUCKET_OVERDUE),
                                      d->r->by_agency[i].assignments.n[BUCKET_OVERDUE],
                                      bucket_fill[BUCKET_OVERDUE],
                                      tasks_href(d, "agency", name, "overdue") };
        bars[i] = (struct svg_bar){ name, tasks_href(d, "agency", name, NULL), &segs[i], 1 };
    }
    const char *desc = arena_printf(d->rq->arena,
                                    "Số lượt giao quá hạn chưa hoàn thành của %zu đơn vị có"
                                    " nhiều nhiệm vụ quá hạn nhất; số liệu ở bảng bên dưới.",
                                    n);
    svg_bars(b, bars, n,
             arena_printf(d->rq->arena, "Đơn vị có nhiều nhiệm vụ quá hạn nhất đến ngày %s",
                          d->as_of_dmy),
             desc);
}

static void units_table(const struct dash *d, struct buf *b)
{
    static const char *const cols[] = { "Đơn vị", BUCKET_LABEL_OVERDUE, COUNT_LABEL_ASSIGNMENTS,
                                        NULL };
    size_t n = top_units(d->r);
    if (n == 0) {
        buf_adds(b, "<p>Không có đơn vị nào có nhiệm vụ quá hạn.</p>");
        return;
    }
    thead(b, "Số liệu của biểu đồ đơn vị", cols);
    for (size_t i = 0; i < n; i++) {
        const char *name = unit_name(d, i);
        buf_adds(b, "<tr><td>");
        anchor(b, tasks_href(d, "agency", name, NULL), name);
        buf_adds(b, "</td>");
        num_cell(b, d->r->by_agency[i].assignments.n[BUCKET_OVERDUE],
                 tasks_href(d, "agency", name, "overdue"));
        buf_addf(b, "<td class=\"num\">%ld</td></tr>", d->r->by_agency[i].total);
    }
    buf_adds(b, "</tbody></table></details>");
}

/* ---- the charts ------------------------------------------------------------------ */

static const struct chart {
    const char *name;    /* /charts/NAME.svg */
    const char *caption; /* figure caption on the dashboard */
    void (*svg)(const struct dash *d, struct buf *b);
    void (*table)(const struct dash *d, struct buf *b);
} charts[] = {
    { "status", "Tình trạng nhiệm vụ", status_svg, status_table },
    { "documents", "Theo văn bản chỉ đạo", documents_svg, documents_table },
    { "fields", "Theo lĩnh vực", fields_svg, fields_table },
    { "units", "Đơn vị có nhiều lượt giao quá hạn nhất (10 đơn vị)", units_svg, units_table },
};
#define N_CHARTS (sizeof(charts) / sizeof(charts[0]))

static void figures(struct buf *b, const struct dash *d)
{
    buf_adds(b, "<h2>Biểu đồ</h2><div class=\"charts\">");
    for (size_t i = 0; i < N_CHARTS; i++) {
        buf_addf(b, "<figure id=\"chart-%s\"><figcaption>", charts[i].name);
        page_text(b, charts[i].caption);
        buf_adds(b, "</figcaption>");
        charts[i].svg(d, b);
        buf_addf(b,
                 "<p class=\"chart-links\"><a href=\"/charts/%s.svg?as_of=%s\""
                 " download=\"bieu-do-%s-%s.svg\">Tải biểu đồ (SVG)</a></p>",
                 charts[i].name, d->as_of, charts[i].name, d->as_of);
        charts[i].table(d, b);
        buf_adds(b, "</figure>");
    }
    buf_adds(b, "</div>");
}

/* ---- indicators: the traffic lights ---------------------------------------------- */

static void horizon_row(struct buf *b, const struct dash *d, const struct indicator_tally *t)
{
    buf_adds(b, "<tr><td>");
    if (t->horizon)
        anchor(b,
               arena_printf(d->rq->arena, "/indicators?horizon=%d&as_of=%s", t->horizon, d->as_of),
               t->label);
    else
        page_text(b, t->label);
    buf_adds(b, "</td>");
    for (size_t k = 0; k < 4; k++)
        buf_addf(b, "<td class=\"num\">%zu</td>", t->count[page_ind_order[k]]);
    buf_addf(b, "<td class=\"num\">%zu</td><td class=\"num\">%ld%%</td></tr>", t->total,
             t->green_pct);
}

static void horizons(struct buf *b, const struct dash *d, const struct indicator_board *bd)
{
    struct indicator_tally *t = NULL;
    size_t n = 0;
    indicator_board_tally(bd, TALLY_HORIZON, &t, &n);
    buf_adds(b, "<table class=\"ind-horizons\" id=\"ind-horizons\"><caption>Chỉ tiêu theo mốc"
                " thời gian</caption><thead><tr><th scope=\"col\">Mốc</th>");
    for (size_t k = 0; k < 4; k++)
        buf_addf(b, "<th scope=\"col\" class=\"num\">%s</th>", page_ind_heading(page_ind_order[k]));
    buf_adds(b, "<th scope=\"col\" class=\"num\">Tổng số</th><th scope=\"col\" class=\"num\">"
                "Tỷ lệ đạt</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        horizon_row(b, d, &t[i]);
    buf_adds(b, "</tbody></table>");
    indicator_tallies_free(t, n);
}

/* The indicators as of the dashboard's date: the board of the cached, unscoped report. */
static void indicators(struct buf *b, const struct dash *d)
{
    const struct indicator_board *bd = d->board;
    struct indicator_tally all;
    indicator_board_total(bd, &all);
    buf_adds(b, "<h2 id=\"chi-tieu\">Chỉ tiêu</h2>");
    if (all.total) {
        page_ind_lights(b, all.count, all.total, arena_printf(d->rq->arena, "as_of=%s", d->as_of));
        horizons(b, d, bd);
    } else {
        buf_adds(b, "<p>Chưa có chỉ tiêu nào có mục tiêu để theo dõi.</p>");
    }
    buf_adds(b, "<p>");
    anchor(b, arena_printf(d->rq->arena, "/indicators?as_of=%s", d->as_of),
           "Xem tất cả chỉ tiêu và căn cứ đánh giá");
    buf_adds(b, "</p>");
    free(all.label);
}

/* ---- due soon and reconciliation -------------------------------------------------- */

static void due_soon_row(struct buf *b, const struct report *r, const struct report_task *it)
{
    const struct prog_task *t = &r->prog->tasks[it->task];
    char *lead = report_lead_text(r, it);
    buf_addf(b, "<tr><td><a href=\"/tasks/%ld\">", t->id);
    page_text(b, t->name);
    buf_adds(b, "</a></td><td>");
    page_text(b, lead);
    buf_adds(b, "</td><td>");
    page_date(b, t->due);
    buf_adds(b, "</td></tr>");
    free(lead);
}

static void due_soon(struct buf *b, const struct dash *d)
{
    const struct report *r = d->r;
    char due_by[DATE_ISO_LEN], due_iso[DATE_ISO_LEN];
    date_dmy(r->opt.due_by, due_by);
    date_iso(r->opt.due_by, due_iso);
    buf_addf(b, "<h2>Nhiệm vụ sắp đến hạn (đến ngày %s)</h2>", due_by);
    if (r->n_due_soon == 0) {
        buf_adds(b, "<p>Không có nhiệm vụ đang thực hiện nào đến hạn trong thời gian này.</p>");
        return;
    }
    size_t shown = r->n_due_soon < DUE_SOON_SHOWN ? r->n_due_soon : DUE_SOON_SHOWN;
    buf_addf(b,
             "<p>Có %zu nhiệm vụ đang thực hiện có thời hạn đến ngày %s; %zu nhiệm vụ đến"
             " hạn sớm nhất:</p><table><thead><tr><th scope=\"col\">Nhiệm vụ</th>"
             "<th scope=\"col\">Cơ quan chủ trì</th><th scope=\"col\">Thời hạn</th></tr>"
             "</thead><tbody>",
             r->n_due_soon, due_by, shown);
    for (size_t i = 0; i < shown; i++)
        due_soon_row(b, r, &r->items[r->due_soon[i]]);
    buf_adds(b, "</tbody></table><p>");
    anchor(b,
           arena_printf(d->rq->arena, "/tasks?status=in_progress&due_to=%s&as_of=%s", due_iso,
                        d->as_of),
           arena_printf(d->rq->arena, "Xem tất cả %zu nhiệm vụ sắp đến hạn", r->n_due_soon));
    buf_adds(b, "</p>");
}

/* The report's checks and the indicator board's, as the report's Đối soát lists them. */
static void reconciliation(struct buf *b, const struct dash *d)
{
    const struct report *r = d->r;
    struct report_check ind[INDICATOR_BOARD_CHECKS];
    size_t n_checks = r->n_checks + indicator_board_n_checks(d->board);
    bool reconciled = r->reconciled && indicator_board_checks(d->board, ind) == 0;
    buf_adds(b, "<h2>Đối soát số liệu</h2>");
    if (reconciled) {
        buf_addf(b,
                 "<p class=\"notice\" id=\"reconciled\" data-checks=\"%zu\">Số liệu đã được"
                 " đối soát: cả %zu tổng số đều bằng tổng các phần của nó. ",
                 n_checks, n_checks);
    } else {
        buf_adds(b, "<p class=\"error-summary\" role=\"alert\">Số liệu chưa khớp khi đối soát. ");
    }
    anchor(b, arena_printf(d->rq->arena, "/report?as_of=%s#s-doi_soat", d->as_of),
           "Xem bảng đối soát");
    buf_adds(b, "</p>");
}

/* ---- handlers ------------------------------------------------------------------- */

/* The report as of ?as_of= (default today) into *d; -1 after an error response. */
static int load(struct req *rq, struct resp *rs, struct dash *d)
{
    struct page_report_scope sc = { DATE_NONE, DATE_NONE, NULL, NULL };
    if (page_as_of(rq, rs, &sc.as_of))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct page_report *pr;
    struct err e = ERR_INIT;
    if (page_report_load(rq, db, &sc, &pr, &e))
        return resp_err(rq, rs, &e);
    *d = (struct dash){ .rq = rq, .cached = pr->cached, .r = &pr->rep, .board = pr->board };
    date_iso(sc.as_of, d->as_of);
    date_dmy(sc.as_of, d->as_of_dmy);
    return 0;
}

/*
 * Everything under the date form, a function of the report alone: made
 * once per cached report and copied into each response (at national size
 * it is a megabyte of links that every visitor of the day would otherwise
 * render again).
 */
static char *render_content(const struct cached_report *r, void *ctx, size_t *len)
{
    (void)r; /* d holds the same report */
    struct dash *d = ctx;
    struct buf b = BUF_INIT;
    cards(&b, d);
    indicators(&b, d);
    figures(&b, d);
    due_soon(&b, d);
    reconciliation(&b, d);
    *len = b.len;
    return buf_take(&b);
}

int h_dashboard(struct req *rq, struct resp *rs)
{
    struct dash d;
    if (load(rq, rs, &d))
        return -1;
    struct buf *b = &rs->body;
    page_begin(rq, rs, "Tổng quan", "dashboard");
    page_as_of_form(rq, b, d.r->opt.as_of, NULL);
    if (page_warnings_section(rq, rs, d.r->opt.as_of, 0, 0))
        return -1;
    size_t len;
    const char *content = report_cache_body(app_of(rq)->cache, d.cached, CACHED_DASHBOARD,
                                            render_content, &d, &len);
    buf_add(b, content, len);
    page_end(rq, rs);
    return 0;
}

int h_chart(struct req *rq, struct resp *rs)
{
    const struct chart *c = NULL;
    for (size_t i = 0; i < N_CHARTS && !c; i++) {
        const char *name = charts[i].name;
        size_t len = strlen(name);
        if (!strncmp(rq->params[0], name, len) && !strcmp(rq->params[0] + len, ".svg"))
            c = &charts[i];
    }
    if (!c)
        return resp_error(rq, rs, 404, "Không có biểu đồ “%s”.", rq->params[0]);
    struct dash d;
    if (load(rq, rs, &d))
        return -1;
    rs->content_type = "image/svg+xml; charset=utf-8";
    resp_header(
        rs, "Content-Disposition",
        arena_printf(rq->arena, "inline; filename=\"bieu-do-%s-%s.svg\"", c->name, d.as_of));
    buf_adds(&rs->body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    c->svg(&d, &rs->body);
    buf_addch(&rs->body, '\n');
    return 0;
}
