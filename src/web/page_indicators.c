/*
 * page_indicators: the page Chỉ tiêu (GET /indicators) — every indicator
 * with its target as written, its latest value, a sparkline of its trend,
 * its status as of a chosen date and the rule that gives it; filters by
 * horizon, monitoring agency, group and status; the traffic lights of the
 * selection; and the tallies per horizon, group and monitoring agency with
 * the share of green. Also the pieces the other pages share
 * (page_indicators.h): the board, the badge, the lights, chart points.
 *
 * A heading indicator ("11", no target of its own) is a group row over its
 * sub-indicators, not counted, as on the board.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "page_indicators.h"
#include "page_lists.h"
#include "report_cache.h"
#include "store/store_indicators.h"
#include "util/collate.h"
#include "util/strparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const enum indicator_status page_ind_order[4] = { IND_GREEN, IND_AMBER, IND_RED, IND_GREY };

/* ---- shared pieces ------------------------------------------------------------------ */

static void board_free(void *p)
{
    indicator_board_release(p);
}

const struct indicator_board *page_board_load(struct req *rq, struct resp *rs, struct date as_of)
{
    struct db *db = app_db(rq, rs);
    if (!db)
        return NULL;
    struct indicator *x = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_indicator_list(db, &x, &n, &e)) {
        resp_err(rq, rs, &e);
        return NULL;
    }
    struct indicator_board *b = arena_calloc(rq->arena, 1, sizeof(*b));
    indicator_board_build(b, x, n, as_of);
    arena_defer(rq->arena, board_free, b);
    return b;
}

const struct indicator_board *page_board_cached(struct req *rq, struct resp *rs, struct date as_of)
{
    struct db *db = app_db(rq, rs);
    if (!db)
        return NULL;
    /* page_data_load()'s options: the same cache entry when no write came in between. */
    struct report_options opt = { .as_of = as_of, .document = PROG_NONE, .agency = PROG_NONE };
    struct cached_snapshot *snap = NULL;
    struct cached_report *cr = NULL;
    struct err e = ERR_INIT;
    if (app_snapshot(rq, db, &snap, &e) ||
        app_report(rq, snap, &opt, &cr, &e)) {
        err_prefix(&e, "cannot compute the statistics");
        resp_err(rq, rs, &e);
        return NULL;
    }
    return &cr->board;
}

const char *page_ind_heading(enum indicator_status s)
{
    static const char *const headings[4] = { [IND_GREY] = "Chưa đánh giá",
                                             [IND_GREEN] = "Đạt",
                                             [IND_AMBER] = "Đúng lộ trình",
                                             [IND_RED] = "Chậm" };
    return (unsigned)s < 4 ? headings[s] : "";
}

void page_ind_badge(struct buf *b, enum indicator_status s)
{
    const char *key = indicator_status_key(s);
    buf_addf(b, "<span class=\"badge i-%s\" data-status=\"%s\">", key, key);
    page_text(b, indicator_status_label(s));
    buf_adds(b, "</span>");
}

void page_ind_lights(struct buf *b, const size_t count[4], size_t total, const char *query)
{
    buf_adds(b, "<ul class=\"lights\" id=\"ind-lights\" aria-label=\"Số chỉ tiêu theo trạng"
                " thái\">");
    for (size_t i = 0; i < 4; i++) {
        enum indicator_status s = page_ind_order[i];
        const char *key = indicator_status_key(s);
        buf_addf(b, "<li class=\"light l-%s\" data-status=\"%s\" data-count=\"%zu\"><a href=\"",
                 key, key, count[s]);
        buf_adds(b, "/indicators?");
        if (*query) {
            page_attr(b, query);
            buf_adds(b, "&amp;");
        }
        buf_addf(b,
                 "status=%s\"><span class=\"lamp\" aria-hidden=\"true\"></span>"
                 "<span class=\"n\" id=\"ind-n-%s\">%zu</span> ",
                 key, key, count[s]);
        page_text(b, indicator_status_label(s));
        buf_adds(b, "</a></li>");
    }
    buf_addf(b,
             "</ul><p class=\"share\" id=\"ind-share\" data-green=\"%zu\" data-total=\"%zu\">"
             "Tỷ lệ đạt: <strong>%zu/%zu</strong> chỉ tiêu (%ld%%)</p>",
             count[IND_GREEN], total, count[IND_GREEN], total,
             percent_round((long)count[IND_GREEN], (long)total));
}

/* v in thousandths, rounded half away from zero (no libm). */
static long long to_milli(double v)
{
    double m = v * 1000.0;
    if (m > 9e17 || m < -9e17)
        return m > 0 ? 900000000000000000LL : -900000000000000000LL;
    return (long long)(m + (m < 0 ? -0.5 : 0.5));
}

static bool same_bloc(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

size_t page_ind_points(struct arena *a, const struct indicator *x, struct date as_of,
                       const char *bloc, long unit_id, struct svg_point **out)
{
    struct svg_point *p = arena_calloc(a, x->n_m + 1, sizeof(*p));
    size_t n = 0;
    for (size_t i = 0; i < x->n_m; i++) {
        const struct measurement *m = &x->m[i];
        if (!m->has_value || m->unit_id != unit_id || !same_bloc(m->bloc, bloc) ||
            date_cmp(m->on, as_of) > 0)
            continue;
        char dmy[DATE_ISO_LEN];
        date_dmy(m->on, dmy);
        p[n++] = (struct svg_point){ date_to_days(m->on), to_milli(m->value), arena_strdup(a, dmy),
                                     arena_printf(a, "%s (%s)", m->text, dmy) };
    }
    *out = p;
    return n;
}

/* ---- the filter -------------------------------------------------------------------- */

struct ind_filter {
    struct indicator_filter keep; /* which indicators (core/indicator_board.h) */
    struct date on;           /* statuses as of this date */
    char as_of[DATE_ISO_LEN]; /* the same, yyyy-mm-dd */
};

static int parse_status(struct req *rq, struct resp *rs, struct ind_filter *f)
{
    const char *v = req_query_nonblank(rq, "status");
    f->keep.status = indicator_status_parse(v);
    if (v && f->keep.status < 0)
        return resp_error(rq, rs, 400, "Trường “Tình trạng” chỉ nhận: xanh, vàng, đỏ hoặc xám.");
    return 0;
}

/* ?agency= is an id, or a unit's name, alias or abbreviation. */
static int parse_agency(struct req *rq, struct resp *rs, struct ind_filter *f)
{
    const char *v = req_query_nonblank(rq, "agency");
    if (!v || !strparse_long(v, 1, 1L << 40, &f->keep.agency_id))
        return 0;
    f->keep.agency_id = registry_unit_id(rq->registry, v);
    if (!f->keep.agency_id)
        return resp_error(rq, rs, 400, "Trường “Đơn vị”: không có đơn vị nào tên “%s”.", v);
    return 0;
}

static int parse_filter(struct req *rq, struct resp *rs, struct ind_filter *f)
{
    static const char *const allowed[] = { "as_of", "horizon", "agency", "field", "status", NULL };
    long horizon = 0;
    *f = (struct ind_filter){ .keep = INDICATOR_FILTER_ALL };
    f->keep.field = req_query_nonblank(rq, "field");
    if (page_params_or_400(rq, rs, allowed) || page_as_of(rq, rs, &f->on) ||
        req_long_or_400(rq, rs, "horizon", 1900, 2200, 0, &horizon) || parse_status(rq, rs, f) ||
        parse_agency(rq, rs, f))
        return -1;
    f->keep.horizon = (int)horizon;
    date_iso(f->on, f->as_of);
    return 0;
}

/* Whether b's i-th indicator passes the filter; the status is checked only when with_status. */
static bool passes(const struct indicator_board *b, size_t i, const struct ind_filter *f,
                   bool with_status)
{
    struct indicator_filter keep = f->keep;
    if (!with_status)
        keep.status = -1;
    return indicator_board_keeps(b, i, &keep);
}

static bool any_filter(const struct ind_filter *f)
{
    return f->keep.horizon || f->keep.agency_id || f->keep.field || f->keep.status >= 0;
}

/* The filter as a query (without status), URL-encoded, in the arena. */
static const char *filter_query(struct req *rq, const struct ind_filter *f)
{
    struct buf q = BUF_INIT;
    if (f->keep.horizon)
        buf_addf(&q, "horizon=%d&", f->keep.horizon);
    if (f->keep.agency_id)
        buf_addf(&q, "agency=%ld&", f->keep.agency_id);
    if (f->keep.field) {
        buf_adds(&q, "field=");
        http_encode(&q, f->keep.field);
        buf_addch(&q, '&');
    }
    buf_addf(&q, "as_of=%s", f->as_of);
    const char *s = arena_strdup(rq->arena, q.data);
    buf_release(&q);
    return s;
}

/* ---- the filter form --------------------------------------------------------------- */

static int cmp_tally_label(const void *a, const void *b)
{
    return collate_vi(((const struct indicator_tally *)a)->label,
                      ((const struct indicator_tally *)b)->label);
}

/* Monitoring agencies (resolved ones), in Vietnamese alphabetical order. */
static void agency_options(struct buf *b, const struct indicator_board *bd,
                           const struct ind_filter *f)
{
    struct indicator_tally *t = NULL;
    size_t n = 0;
    indicator_board_tally(bd, TALLY_AGENCY, &t, &n);
    if (n > 1)
        qsort(t, n, sizeof(*t), cmp_tally_label);
    page_select_open(b, "agency", "Cơ quan theo dõi");
    for (size_t i = 0; i < n; i++) {
        char id[24];
        if (!t[i].agency_id)
            continue;
        snprintf(id, sizeof(id), "%ld", t[i].agency_id);
        page_option(b, id, t[i].label, t[i].agency_id == f->keep.agency_id);
    }
    buf_adds(b, "</select></div>");
    indicator_tallies_free(t, n);
}

static void horizon_options(struct buf *b, const struct indicator_board *bd,
                            const struct ind_filter *f)
{
    struct indicator_tally *t = NULL;
    size_t n = 0;
    indicator_board_tally(bd, TALLY_HORIZON, &t, &n);
    page_select_open(b, "horizon", "Mốc thời gian");
    for (size_t i = 0; i < n; i++) {
        char year[16];
        if (!t[i].horizon)
            continue;
        snprintf(year, sizeof(year), "%d", t[i].horizon);
        page_option(b, year, t[i].label, t[i].horizon == f->keep.horizon);
    }
    buf_adds(b, "</select></div>");
    indicator_tallies_free(t, n);
}

/* Groups in the order indicators first name them. */
static void field_options(struct buf *b, const struct indicator_board *bd,
                          const struct ind_filter *f)
{
    page_select_open(b, "field", "Nhóm chỉ tiêu");
    for (size_t i = 0; i < bd->n; i++) {
        const char *v = bd->x[i].field;
        bool dup = !v || !*v;
        for (size_t k = 0; k < i && !dup; k++)
            dup = bd->x[k].field && !strcmp(bd->x[k].field, v);
        if (!dup)
            page_option(b, v, v, f->keep.field && !strcmp(f->keep.field, v));
    }
    buf_adds(b, "</select></div>");
}

static void filter_form(struct buf *b, const struct indicator_board *bd, const struct ind_filter *f)
{
    char dmy[DATE_ISO_LEN];
    date_dmy(f->on, dmy);
    page_filters_begin(b);
    buf_adds(b, "<form method=\"get\" action=\"/indicators\" class=\"filters\" id=\"ind-filters\""
                " role=\"search\">");
    horizon_options(b, bd, f);
    agency_options(b, bd, f);
    field_options(b, bd, f);
    page_select_open(b, "status", "Trạng thái");
    for (size_t i = 0; i < 4; i++) {
        enum indicator_status s = page_ind_order[i];
        page_option(b, indicator_status_key(s), page_ind_heading(s), f->keep.status == (int)s);
    }
    buf_addf(b,
             "</select></div><div class=\"field\"><label for=\"f-as_of\">Tính đến ngày</label>"
             "<input type=\"text\" class=\"date\" inputmode=\"numeric\" maxlength=\"10\""
             " autocomplete=\"off\" id=\"f-as_of\" name=\"as_of\" value=\"%s\"/></div>"
             "<div class=\"field\"><button type=\"submit\">Lọc</button> <a class=\"button"
             " secondary\" href=\"/indicators\">Xoá bộ lọc</a></div></form>",
             dmy);
    page_filters_end(b);
}

/* ---- the table --------------------------------------------------------------------- */

#define N_COLS 7

/* Whether heading i has a sub-indicator among the rows shown. */
static bool has_shown_child(const struct indicator_board *b, size_t i, const bool *shown)
{
    for (size_t k = 0; k < b->n; k++)
        if (shown[k] && b->x[k].parent_code && !strcmp(b->x[k].parent_code, b->x[i].code))
            return true;
    return false;
}

static void detail_href(struct buf *b, const struct req *rq, long id)
{
    buf_addf(b, "/indicators/%ld", id);
    const char *as_of = req_query_nonblank(rq, "as_of");
    if (as_of) {
        buf_adds(b, "?as_of=");
        http_encode(b, as_of);
    }
}

static void name_cell(const struct req *rq, struct buf *b, const struct indicator *x)
{
    struct buf href = BUF_INIT;
    detail_href(&href, rq, x->id);
    buf_adds(b, "<td><a href=\"");
    page_attr(b, href.data);
    buf_adds(b, "\">");
    page_text(b, x->name);
    buf_adds(b, "</a>");
    if (x->unit && *x->unit) {
        buf_adds(b, " <span class=\"hint\">(");
        page_text(b, x->unit);
        buf_adds(b, ")</span>");
    }
    buf_adds(b, "</td>");
    buf_release(&href);
}

static void latest_cell(struct buf *b, const struct measurement *m)
{
    buf_adds(b, "<td class=\"latest\">");
    if (!m) {
        buf_adds(b, "—</td>");
        return;
    }
    page_text(b, m->text);
    if (m->bloc) {
        buf_adds(b, " – ");
        page_text(b, m->bloc);
    }
    buf_adds(b, " <span class=\"hint\">(");
    page_date(b, m->on);
    buf_adds(b, ")</span></td>");
}

static void trend_cell(struct req *rq, struct buf *b, const struct indicator_board *bd, size_t i)
{
    const struct indicator *x = &bd->x[i];
    const struct measurement *m = bd->r[i].latest;
    struct svg_point *p = NULL;
    size_t n = m ? page_ind_points(rq->arena, x, bd->as_of, m->bloc, 0, &p) : 0;
    buf_adds(b, "<td class=\"trend\">");
    if (n == 0) {
        buf_adds(b, "—</td>");
        return;
    }
    const char *title =
        n == 1 ? arena_printf(rq->arena, "Chỉ tiêu %s: một số đo, %s", x->code, p[0].label)
               : arena_printf(rq->arena, "Diễn biến chỉ tiêu %s: %zu số đo, từ %s đến %s", x->code,
                              n, p[0].label, p[n - 1].label);
    bool lower = bd->t[i].is_rank;
    for (size_t k = 0; k < bd->t[i].n_clauses && !lower; k++)
        lower = target_lower_is_better(&bd->t[i], &bd->t[i].clauses[k]);
    svg_sparkline(b, p, n, lower, title);
    buf_adds(b, "</td>");
}

static void heading_row(const struct req *rq, struct buf *b, const struct indicator *x)
{
    struct buf href = BUF_INIT;
    detail_href(&href, rq, x->id);
    buf_addf(b, "<tr class=\"group\" id=\"ind-%ld\" data-code=\"", x->id);
    page_attr(b, x->code);
    buf_addf(b, "\"><th scope=\"rowgroup\" colspan=\"%d\">", N_COLS);
    page_text(b, x->code);
    buf_adds(b, ". <a href=\"");
    page_attr(b, href.data);
    buf_adds(b, "\">");
    page_text(b, x->name);
    buf_adds(b, "</a></th></tr>");
    buf_release(&href);
}

static void indicator_row(struct req *rq, struct buf *b, const struct indicator_board *bd, size_t i)
{
    const struct indicator *x = &bd->x[i];
    const char *key = indicator_status_key(bd->r[i].status);
    buf_addf(b, "<tr id=\"ind-%ld\" data-code=\"", x->id);
    page_attr(b, x->code);
    buf_addf(b, "\" data-status=\"%s\"><td>", key);
    page_text(b, x->code);
    buf_adds(b, "</td>");
    name_cell(rq, b, x);
    buf_adds(b, "<td>");
    page_text(b, x->target_text);
    buf_adds(b, "</td>");
    latest_cell(b, bd->r[i].latest);
    trend_cell(rq, b, bd, i);
    buf_adds(b, "<td>");
    page_ind_badge(b, bd->r[i].status);
    buf_adds(b, "</td><td class=\"rule\">");
    page_text(b, bd->r[i].rule);
    buf_adds(b, "</td></tr>");
}

static void table(struct req *rq, struct buf *b, const struct indicator_board *bd,
                  const struct ind_filter *f, const bool *shown, size_t n_shown)
{
    if (!n_shown) {
        buf_adds(b, "<p id=\"ind-none\">Không có chỉ tiêu nào phù hợp với bộ lọc.</p>");
        return;
    }
    buf_adds(b, "<table class=\"indicators\" id=\"ind-table\"><caption>Danh sách chỉ tiêu"
                "</caption><thead><tr><th scope=\"col\">Mã</th><th scope=\"col\">Chỉ tiêu</th>"
                "<th scope=\"col\">Mục tiêu</th><th scope=\"col\">Giá trị mới nhất</th>"
                "<th scope=\"col\">Xu hướng</th><th scope=\"col\">Trạng thái</th>"
                "<th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
    for (size_t i = 0; i < bd->n; i++) {
        if (shown[i])
            indicator_row(rq, b, bd, i);
        else if (!indicator_board_counted(bd, i) &&
                 (!any_filter(f) || has_shown_child(bd, i, shown)))
            heading_row(rq, b, &bd->x[i]);
    }
    buf_adds(b, "</tbody></table>");
}

/* ---- the tallies ------------------------------------------------------------------- */

/* The filter query that selects tally row t of kind `by` (arena), or NULL when none does. */
static const char *tally_query(struct req *rq, enum indicator_tally_by by,
                               const struct indicator_tally *t, const char *as_of)
{
    if (by == TALLY_AGENCY)
        return t->agency_id ? arena_printf(rq->arena, "agency=%ld&as_of=%s", t->agency_id, as_of)
                            : NULL;
    if (by == TALLY_HORIZON)
        return t->horizon ? arena_printf(rq->arena, "horizon=%d&as_of=%s", t->horizon, as_of)
                          : NULL;
    if (!strcmp(t->label, "Chưa phân nhóm"))
        return NULL;
    struct buf q = BUF_INIT;
    buf_adds(&q, "field=");
    http_encode(&q, t->label);
    buf_addf(&q, "&as_of=%s", as_of);
    const char *s = arena_strdup(rq->arena, q.data);
    buf_release(&q);
    return s;
}

static void count_cell(struct buf *b, size_t n, const char *query, const char *status)
{
    buf_adds(b, "<td class=\"num\">");
    if (n && query) {
        buf_adds(b, "<a href=\"/indicators?");
        page_attr(b, query);
        if (status)
            buf_addf(b, "&amp;status=%s", status);
        buf_addf(b, "\">%zu</a></td>", n);
    } else {
        buf_addf(b, "%zu</td>", n);
    }
}

static void tally_row(struct req *rq, struct buf *b, enum indicator_tally_by by,
                      const struct indicator_tally *t, const char *as_of)
{
    const char *q = tally_query(rq, by, t, as_of);
    buf_adds(b, "<tr><td>");
    if (q) {
        buf_adds(b, "<a href=\"/indicators?");
        page_attr(b, q);
        buf_adds(b, "\">");
        page_text(b, t->label);
        buf_adds(b, "</a>");
    } else {
        page_text(b, t->label);
    }
    buf_adds(b, "</td>");
    for (size_t k = 0; k < 4; k++)
        count_cell(b, t->count[page_ind_order[k]], q, indicator_status_key(page_ind_order[k]));
    count_cell(b, t->total, q, NULL);
    buf_addf(b, "<td class=\"num\">%ld%%</td></tr>", t->green_pct);
}

static void tally_table(struct req *rq, struct buf *b, const struct indicator_board *bd,
                        enum indicator_tally_by by, const char *id, const char *caption,
                        const char *first_col, const char *as_of)
{
    struct indicator_tally *t = NULL;
    size_t n = 0;
    indicator_board_tally(bd, by, &t, &n);
    buf_addf(b,
             "<table class=\"tally\" id=\"%s\"><caption>%s</caption><thead><tr>"
             "<th scope=\"col\">%s</th>",
             id, caption, first_col);
    for (size_t k = 0; k < 4; k++)
        buf_addf(b, "<th scope=\"col\" class=\"num\">%s</th>", page_ind_heading(page_ind_order[k]));
    buf_adds(b, "<th scope=\"col\" class=\"num\">Tổng số</th><th scope=\"col\" class=\"num\">"
                "Tỷ lệ đạt</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        tally_row(rq, b, by, &t[i], as_of);
    buf_adds(b, "</tbody></table>");
    indicator_tallies_free(t, n);
}

static void tallies(struct req *rq, struct buf *b, const struct indicator_board *bd,
                    const char *as_of)
{
    buf_adds(b, "<h2 id=\"tong-hop\">Tổng hợp toàn bộ chỉ tiêu</h2><p class=\"hint\">Chỉ tiêu"
                " nhóm (không có mục tiêu riêng) không được tính.</p>");
    tally_table(rq, b, bd, TALLY_HORIZON, "tally-horizon", "Theo mốc thời gian", "Mốc", as_of);
    tally_table(rq, b, bd, TALLY_FIELD, "tally-field", "Theo nhóm chỉ tiêu", "Nhóm", as_of);
    tally_table(rq, b, bd, TALLY_AGENCY, "tally-agency", "Theo cơ quan chủ trì theo dõi",
                "Cơ quan theo dõi", as_of);
}

/* ---- the page ---------------------------------------------------------------------- */

int h_indicators(struct req *rq, struct resp *rs)
{
    struct ind_filter f;
    if (parse_filter(rq, rs, &f))
        return -1;
    const struct indicator_board *bd = page_board_load(rq, rs, f.on);
    if (!bd)
        return -1;
    bool *shown = arena_calloc(rq->arena, bd->n + 1, sizeof(bool));
    size_t count[4] = { 0 }, n_sel = 0, n_shown = 0;
    for (size_t i = 0; i < bd->n; i++) {
        if (!indicator_board_counted(bd, i) || !passes(bd, i, &f, false))
            continue;
        count[bd->r[i].status]++;
        n_sel++;
        shown[i] = passes(bd, i, &f, true);
        n_shown += shown[i];
    }
    page_begin(rq, rs, "Chỉ tiêu", "indicators");
    struct buf *b = &rs->body;
    filter_form(b, bd, &f);
    buf_addf(b,
             "<p class=\"count\" role=\"status\"><strong id=\"n-indicators\">%zu</strong> chỉ"
             " tiêu; trạng thái tính đến ngày ",
             n_shown);
    page_date(b, f.on);
    buf_adds(b, ".</p>");
    page_ind_lights(b, count, n_sel, filter_query(rq, &f));
    table(rq, b, bd, &f, shown, n_shown);
    tallies(rq, b, bd, f.as_of);
    page_end(rq, rs);
    return 0;
}
