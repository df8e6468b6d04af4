/*
 * page_indicator: the page of one indicator (GET /indicators/:id) — its
 * name, unit, target as written and as read, horizon, baseline and
 * monitoring agency; its status as of the page's date with the rule, per
 * clause when the target has several; the history chart with the target
 * lines; every measurement ever entered (append-only, so the history is
 * kept); the per-unit breakdown when measurements up to the page's date
 * name units (indicator_units(), as the API gives it), sortable;
 * the baselines set on it (from the audit log: who, when, old → new) with
 * the form "Đặt mốc cơ sở" for the steering office; and the form "Nhập số
 * đo" (page_indicator_form.c has both forms) for a user who may measure it.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "page_indicators.h"
#include "page_lists.h"
#include "page_warnings.h"
#include "store/store_auth.h"
#include "store/store_indicators.h"
#include "util/collate.h"
#include "util/strparse.h"

#include <stdlib.h>
#include <string.h>

#define PATH_ID_MAX (1L << 50)

/* ---- loading ----------------------------------------------------------------------- */

static void one_free(void *p)
{
    struct ind_one *o = p;
    indicator_result_release(&o->r);
    target_release(&o->t);
    indicator_release(&o->x);
}

struct ind_one *page_ind_load(struct req *rq, struct resp *rs, struct date as_of)
{
    long id = 0;
    if (!rq->n_params || strparse_long(rq->params[0], 1, PATH_ID_MAX, &id)) {
        resp_error(rq, rs, 404, "Không có chỉ tiêu này.");
        return NULL;
    }
    struct db *db = app_db(rq, rs);
    if (!db)
        return NULL;
    struct ind_one *o = arena_calloc(rq->arena, 1, sizeof(*o));
    struct err e = ERR_INIT;
    if (store_indicator_load(db, id, &o->x, &e)) {
        resp_err(rq, rs, &e);
        return NULL;
    }
    o->t = (struct target)TARGET_INIT;
    target_parse(&o->t, o->x.target_text, o->x.unit);
    indicator_evaluate(&o->x, &o->t, as_of, 0, &o->r);
    o->as_of = as_of;
    arena_defer(rq->arena, one_free, o);
    return o;
}

/* ---- facts ------------------------------------------------------------------------- */

static void fact(struct buf *b, const char *term, const char *value)
{
    buf_addf(b, "<dt>%s</dt><dd>", term);
    page_text(b, value && *value ? value : "—");
    buf_adds(b, "</dd>");
}

static void number(struct buf *b, double v)
{
    char s[TARGET_NUM_LEN];
    target_format_number(v, s);
    buf_adds(b, s);
}

/* The baseline the status path starts from (core/indicator.h says which). */
static void baseline(struct buf *b, const struct ind_one *o)
{
    buf_adds(b, "<dt>Giá trị gốc</dt><dd>");
    const struct target_clause *c = o->t.n_clauses ? &o->t.clauses[0] : NULL;
    if (o->x.has_baseline) {
        number(b, o->x.baseline);
        buf_adds(b, " (");
        page_date(b, o->x.baseline_on);
        buf_adds(b, ")");
    } else if (c && c->has_base) {
        number(b, c->base);
        buf_addf(b, " (31/12/%d, theo mục tiêu)", c->base_year);
    } else {
        buf_adds(b, "chưa đặt – lấy số đo đầu tiên");
    }
    buf_adds(b, "</dd>");
}

static void target_facts(struct buf *b, const struct ind_one *o)
{
    fact(b, "Mục tiêu (như văn bản)", o->x.target_text);
    char *form = target_describe(&o->t);
    fact(b, "Mục tiêu (để so sánh)", form);
    free(form);
    if (o->t.note)
        fact(b, "Phần không so sánh được", o->t.note);
    if (o->t.is_rank)
        fact(b, "Cách so sánh", "thứ hạng: số càng nhỏ càng tốt");
}

static void facts(struct buf *b, const struct ind_one *o)
{
    const struct indicator *x = &o->x;
    buf_adds(b, "<dl class=\"facts\" id=\"ind-facts\">");
    fact(b, "Chỉ tiêu", x->name);
    fact(b, "Mã", x->code);
    fact(b, "Đơn vị tính", x->unit);
    target_facts(b, o);
    buf_adds(b, "<dt>Thời hạn</dt><dd>");
    if (x->horizon)
        buf_addf(b, "Đến năm %d (31/12/%d)", x->horizon, x->horizon);
    else
        buf_adds(b, "—");
    buf_adds(b, "</dd>");
    baseline(b, o);
    buf_adds(b, "<dt>Cơ quan chủ trì theo dõi</dt><dd>");
    if (x->agency_id) {
        buf_addf(b, "<a href=\"/units/%ld\">", x->agency_id);
        page_text(b, x->agency);
        buf_adds(b, "</a>");
    } else {
        page_text(b, x->agency && *x->agency ? x->agency : "—");
    }
    buf_adds(b, "</dd>");
    fact(b, "Nhóm", x->field);
    fact(b, "Văn bản", x->document);
    buf_adds(b, "</dl>");
}

/* ---- status ------------------------------------------------------------------------ */

static void part_label(struct buf *b, const struct target_clause *c)
{
    if (!c || !c->label) {
        buf_adds(b, "Toàn chỉ tiêu");
        return;
    }
    page_text(b, c->label);
}

static void status(struct buf *b, const struct ind_one *o)
{
    buf_addf(b, "<p class=\"status\" id=\"ind-status\" data-status=\"%s\">Trạng thái đến ngày ",
             indicator_status_key(o->r.status));
    page_date(b, o->as_of);
    buf_adds(b, ": ");
    page_ind_badge(b, o->r.status);
    buf_adds(b, "</p><p class=\"rule\" id=\"ind-rule\">");
    page_text(b, o->r.rule);
    buf_adds(b, "</p>");
    if (o->r.n_parts < 2)
        return;
    buf_adds(b, "<table class=\"parts\" id=\"ind-parts\"><caption>Từng thang đo, khối của mục"
                " tiêu</caption><thead><tr><th scope=\"col\">Thang đo, khối</th><th scope=\"col\">"
                "Trạng thái</th><th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
    for (size_t i = 0; i < o->r.n_parts; i++) {
        const struct indicator_part *p = &o->r.parts[i];
        buf_addf(b, "<tr data-status=\"%s\"><td>", indicator_status_key(p->status));
        part_label(b, p->clause);
        buf_adds(b, "</td><td>");
        page_ind_badge(b, p->status);
        buf_adds(b, "</td><td>");
        page_text(b, p->rule);
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

/* ---- the history chart ------------------------------------------------------------- */

static const char *op_text(enum target_op op)
{
    switch (op) {
    case TARGET_GE:
    case TARGET_RANGE:
        return "≥";
    case TARGET_GT:
        return ">";
    case TARGET_LE:
        return "≤";
    case TARGET_LT:
        return "<";
    }
    return "";
}

/* Clause i's colour: its line and its target line share it. */
static const char *clause_stroke(size_t i)
{
    static const char *const strokes[] = { "#1d4f91", "#00703c", "#4c2c92", "#8a4b00", "#b10e1e" };
    return strokes[i % (sizeof(strokes) / sizeof(*strokes))];
}

/* The colour of the measurements of the whole indicator: that of its whole clause. */
static const char *whole_stroke(const struct target *t)
{
    for (size_t i = 0; i < t->n_clauses; i++)
        if (!t->clauses[i].label)
            return clause_stroke(i);
    return clause_stroke(0);
}

/* One target line per clause, at the value the clause must reach. */
static size_t levels_of(struct req *rq, const struct ind_one *o, struct svg_level **out)
{
    const struct target *t = &o->t;
    struct svg_level *lv = arena_calloc(rq->arena, t->n_clauses + 1, sizeof(*lv));
    size_t n = 0;
    for (size_t i = 0; t->kind == TARGET_NUMERIC && i < t->n_clauses; i++) {
        const struct target_clause *c = &t->clauses[i];
        double goal = target_goal(t, c);
        char num[TARGET_NUM_LEN];
        target_format_number(goal, num);
        const char *op =
            target_lower_is_better(t, c) && c->op == TARGET_RANGE ? "≤" : op_text(c->op);
        lv[n].milli = (long long)(goal * 1000.0 + (goal < 0 ? -0.5 : 0.5));
        lv[n].stroke = clause_stroke(i);
        lv[n++].label = arena_printf(rq->arena, "Mục tiêu%s%s %s %s", c->label ? " " : "",
                                     c->label ? c->label : "", op, num);
    }
    *out = lv;
    return n;
}

/* One series for the whole indicator, then one per labelled clause, of the whole's measurements. */
static size_t series_of(struct req *rq, const struct ind_one *o, struct svg_series **out)
{
    const struct target *t = &o->t;
    struct svg_series *s = arena_calloc(rq->arena, t->n_clauses + 2, sizeof(*s));
    size_t n = 0;
    struct svg_point *p = NULL;
    size_t n_p = page_ind_points(rq->arena, &o->x, o->as_of, NULL, 0, &p);
    if (n_p)
        s[n++] = (struct svg_series){ t->n_clauses > 1 ? "Toàn chỉ tiêu" : NULL, whole_stroke(t), p,
                                      n_p };
    for (size_t i = 0; i < t->n_clauses; i++) {
        const char *label = t->clauses[i].label;
        if (!label)
            continue;
        n_p = page_ind_points(rq->arena, &o->x, o->as_of, label, 0, &p);
        if (n_p)
            s[n++] = (struct svg_series){ label, clause_stroke(i), p, n_p };
    }
    *out = s;
    return n;
}

static void chart(struct req *rq, struct buf *b, const struct ind_one *o)
{
    struct svg_series *s = NULL;
    struct svg_level *lv = NULL;
    size_t n = series_of(rq, o, &s), n_lv = levels_of(rq, o, &lv), n_points = 0;
    for (size_t i = 0; i < n; i++)
        n_points += s[i].n;
    char as_of[DATE_ISO_LEN];
    date_dmy(o->as_of, as_of);
    const char *title =
        arena_printf(rq->arena, "Diễn biến chỉ tiêu %s đến ngày %s", o->x.code, as_of);
    const char *desc = arena_printf(rq->arena,
                                    "%zu số đo theo thời gian%s; đường nét đứt là mục tiêu."
                                    " Số liệu chi tiết ở bảng lịch sử bên dưới.",
                                    n_points, o->t.is_rank ? ", trục đảo ngược (thứ hạng)" : "");
    bool lower = o->t.is_rank;
    for (size_t i = 0; i < o->t.n_clauses && !lower; i++)
        lower = target_lower_is_better(&o->t, &o->t.clauses[i]);
    buf_adds(b, "<figure id=\"chart-history\"><figcaption>Biểu đồ diễn biến</figcaption>");
    svg_line_chart(b, s, n, lv, n_lv, lower, title, desc);
    buf_adds(b, "</figure>");
}

/* ---- the history ------------------------------------------------------------------- */

static const char *via_label(const char *via)
{
    static const char *const map[][2] = {
        { "web", "trang web" },
        { "api", "hệ thống khác (API)" },
        { "import", "nhập từ tệp" },
        { "cli", "dòng lệnh" },
    };
    for (size_t i = 0; via && i < sizeof(map) / sizeof(*map); i++)
        if (!strcmp(via, map[i][0]))
            return map[i][1];
    return via ? via : "—";
}

static void history_row(struct buf *b, const struct ind_one *o, const struct measurement *m)
{
    bool later = date_cmp(m->on, o->as_of) > 0;
    buf_addf(b, "<tr data-measurement=\"%ld\"%s><td>", m->id, later ? " class=\"later\"" : "");
    page_date(b, m->on);
    if (later)
        buf_adds(b, " <span class=\"hint\">(sau ngày tính)</span>");
    buf_adds(b, "</td><td>");
    page_text(b, m->text);
    buf_adds(b, "</td><td>");
    if (m->bloc)
        page_text(b, m->bloc);
    if (m->bloc && m->unit_name)
        buf_adds(b, "; ");
    if (m->unit_name)
        page_text(b, m->unit_name);
    if (!m->bloc && !m->unit_name)
        buf_adds(b, "Toàn chỉ tiêu");
    buf_adds(b, "</td><td>");
    page_text(b, m->source && *m->source ? m->source : "—");
    buf_adds(b, "</td><td>");
    page_text(b, via_label(m->entered_via));
    buf_adds(b, "</td><td>");
    page_text(b, m->entered_by && *m->entered_by ? m->entered_by : "—");
    buf_adds(b, "</td><td>");
    page_text(b, m->entered_at ? m->entered_at : "—");
    buf_adds(b, "</td></tr>");
}

static void history(struct buf *b, const struct ind_one *o)
{
    buf_adds(b, "<h2 id=\"lich-su\">Lịch sử số đo</h2>");
    if (!o->x.n_m) {
        buf_adds(b, "<p id=\"history-none\">Chưa có số đo nào.</p>");
        return;
    }
    buf_addf(b,
             "<table class=\"history\" id=\"history\"><caption>%zu số đo, mới nhất trước; số đo"
             " đã ghi không sửa, không xoá</caption><thead><tr><th scope=\"col\">Ngày đo</th>"
             "<th scope=\"col\">Giá trị (như ghi)</th><th scope=\"col\">Thang đo, khối, đơn vị"
             "</th><th scope=\"col\">Nguồn</th><th scope=\"col\">Nhập qua</th><th scope=\"col\">"
             "Người nhập</th><th scope=\"col\">Thời điểm nhập (UTC)</th></tr></thead><tbody>",
             o->x.n_m);
    for (size_t i = o->x.n_m; i-- > 0;)
        history_row(b, o, &o->x.m[i]);
    buf_adds(b, "</tbody></table>");
}

/* ---- the per-unit breakdown -------------------------------------------------------- */

/* The columns of the breakdown, each a sort key with its direction (worst status first). */
static const struct {
    const char *key, *label, *dir;
} unit_sorts[] = {
    { "name", "Đơn vị", "ascending" },
    { "value", "Giá trị mới nhất", "descending" },
    { "date", "Ngày đo", "descending" },
    { "status", "Trạng thái", "ascending" },
};

/* Worst first: red, amber, grey, green. */
static int status_rank(enum indicator_status s)
{
    static const int rank[4] = { [IND_RED] = 0, [IND_AMBER] = 1, [IND_GREY] = 2, [IND_GREEN] = 3 };
    return rank[s];
}

static int cmp_units(const void *a, const void *b, void *ctx)
{
    const struct indicator_unit *x = a, *y = b;
    const char *sort = ctx;
    const struct measurement *mx = x->r.latest, *my = y->r.latest;
    int d = 0;
    if (!strcmp(sort, "status"))
        d = status_rank(x->r.status) - status_rank(y->r.status);
    else if (!strcmp(sort, "date"))
        d = mx && my ? date_cmp(my->on, mx->on) : (mx == NULL) - (my == NULL);
    else if (!strcmp(sort, "value") && mx && my && mx->has_value && my->has_value)
        d = (my->value > mx->value) - (my->value < mx->value);
    else if (!strcmp(sort, "value"))
        d = (!mx || !mx->has_value) - (!my || !my->has_value);
    return d ? d : collate_vi(x->unit, y->unit);
}

static void sort_head(struct buf *b, const struct req *rq, size_t k, const char *sort)
{
    bool here = !strcmp(sort, unit_sorts[k].key);
    buf_addf(b, "<th scope=\"col\" data-sort-key=\"%s\" data-sort-dir=\"%s\"", unit_sorts[k].key,
             unit_sorts[k].dir);
    if (here)
        buf_addf(b, " aria-sort=\"%s\"", unit_sorts[k].dir);
    buf_addf(b, "><a href=\"?sort=%s", unit_sorts[k].key);
    const char *as_of = req_query_nonblank(rq, "as_of");
    if (as_of) {
        buf_adds(b, "&amp;as_of=");
        struct buf enc = BUF_INIT;
        http_encode(&enc, as_of);
        page_attr(b, enc.data);
        buf_release(&enc);
    }
    buf_addf(b, "#theo-don-vi\">%s</a></th>", unit_sorts[k].label);
}

static void unit_row(struct buf *b, const struct indicator_unit *u)
{
    const struct measurement *m = u->r.latest;
    char iso[DATE_ISO_LEN] = "";
    buf_addf(b, "<tr data-unit=\"%ld\" data-status=\"%s\"><td data-sort=\"", u->unit_id,
             indicator_status_key(u->r.status));
    page_attr(b, u->unit);
    buf_addf(b, "\"><a href=\"/units/%ld\">", u->unit_id);
    page_text(b, u->unit);
    buf_adds(b, "</a></td><td class=\"num\" data-sort=\"");
    if (m && m->has_value)
        buf_addf(b, "%.10g", m->value); /* for sorting: a plain number */
    buf_adds(b, "\">");
    page_text(b, m ? m->text : "—");
    if (m)
        date_iso(m->on, iso);
    buf_addf(b, "</td><td data-sort=\"%s\">", iso);
    page_date(b, m ? m->on : DATE_NONE);
    buf_addf(b, "</td><td data-sort=\"%d\">", status_rank(u->r.status));
    page_ind_badge(b, u->r.status);
    buf_adds(b, "</td><td class=\"rule\">");
    page_text(b, u->r.rule);
    buf_adds(b, "</td></tr>");
}

/* The units measured up to the page's date (indicator_units()), sorted by the chosen column. */
static void breakdown(struct req *rq, struct buf *b, const struct ind_one *o, const char *sort)
{
    struct indicator_unit *u = NULL;
    size_t n = 0;
    indicator_units(&o->x, &o->t, o->as_of, &u, &n);
    if (!n)
        return;
    qsort_r(u, n, sizeof(*u), cmp_units, (void *)sort);
    buf_addf(b,
             "<h2 id=\"theo-don-vi\">Theo từng đơn vị</h2><table class=\"breakdown sortable\""
             " id=\"breakdown\" data-sortable=\"data-sortable\"><caption>Số đo mới nhất và"
             " trạng thái của %zu đơn vị (so với cùng mục tiêu)</caption><thead><tr>",
             n);
    for (size_t k = 0; k < sizeof(unit_sorts) / sizeof(*unit_sorts); k++)
        sort_head(b, rq, k, sort);
    buf_adds(b, "<th scope=\"col\">Căn cứ</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        unit_row(b, &u[i]);
    buf_adds(b, "</tbody></table>");
    indicator_units_free(u, n);
}

/* ---- a heading: its sub-indicators ------------------------------------------------- */

/* A heading has no target of its own: its sub-indicators, each with its status. */
static int children(struct req *rq, struct resp *rs, const struct ind_one *o)
{
    const struct indicator_board *bd = page_board_load(rq, rs, o->as_of);
    if (!bd)
        return -1;
    struct buf *b = &rs->body;
    buf_adds(b, "<h2 id=\"chi-tieu-con\">Chỉ tiêu con</h2><p>Chỉ tiêu nhóm không có mục tiêu"
                " riêng và không được đếm; số đo được nhập cho từng chỉ tiêu con.</p>"
                "<ul class=\"children\" id=\"ind-children\">");
    for (size_t i = 0; i < bd->n; i++) {
        const struct indicator *c = &bd->x[i];
        if (!c->parent_code || strcmp(c->parent_code, o->x.code) || c->id == o->x.id)
            continue;
        buf_addf(b, "<li data-status=\"%s\"><a href=\"/indicators/%ld\">",
                 indicator_status_key(bd->r[i].status), c->id);
        page_text(b, c->code);
        buf_adds(b, " – ");
        page_text(b, c->name);
        buf_adds(b, "</a> ");
        page_ind_badge(b, bd->r[i].status);
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ul>");
    return 0;
}

/* ---- the page ---------------------------------------------------------------------- */

static void saved_notice(const struct req *rq, struct buf *b)
{
    const char *saved = req_query(rq, "saved");
    if (saved)
        buf_addf(b, "<div class=\"notice\" role=\"status\" id=\"saved\"><p>%s</p></div>",
                 !strcmp(saved, "baseline") ? "Đã đặt mốc cơ sở." : "Đã ghi số đo.");
}

/* The measurement form's fields when nothing was submitted: today's date. */
static struct measure_form measure_defaults(struct req *rq)
{
    char today[DATE_ISO_LEN];
    date_iso(page_today(), today);
    return (struct measure_form){ .date = arena_strdup(rq->arena, today) };
}

/* The baselines set on o, from the audit log, held by the request; -1 after a 500. */
static int load_baselines(struct req *rq, struct resp *rs, const struct ind_one *o,
                          struct audit_view **v, size_t *n)
{
    struct db *db = app_db(rq, rs);
    struct err e = ERR_INIT;
    if (!db)
        return -1;
    if (store_indicator_baseline_history(db, o->x.id, v, n, &e))
        return resp_err(rq, rs, &e);
    return 0;
}

int page_indicator_show(struct req *rq, struct resp *rs, const struct ind_one *o,
                        const struct measure_form *form, const struct baseline_form *base)
{
    static const char *const keep[] = { "sort", NULL };
    const char *sort = req_query_nonblank(rq, "sort");
    struct audit_view *bv = NULL;
    size_t n_bv = 0;
    if (load_baselines(rq, rs, o, &bv, &n_bv))
        return -1;
    bool refused = (form && form->error) || (base && base->error);
    page_begin_prefixed(rq, rs, refused ? "Lỗi: " : "",
                        arena_printf(rq->arena, "Chỉ tiêu %s", o->x.code), "indicators");
    struct buf *b = &rs->body;
    page_indicator_form_errors(b, form, base);
    saved_notice(rq, b);
    page_as_of_form(rq, b, o->as_of, keep);
    buf_addf(b, "<p class=\"lead\" id=\"ind-name\" data-indicator=\"%ld\">", o->x.id);
    page_text(b, o->x.name);
    buf_adds(b, "</p>");
    status(b, o);
    if (o->r.status == IND_RED && access_can_manage(rq->who.role) && o->x.agency_id) {
        buf_adds(b, "<p>");
        page_request_link(b, 0, o->x.id, o->x.agency_id);
        buf_adds(b, "</p>");
    }
    facts(b, o);
    page_baselines(rq, b, o, bv, n_bv, base);
    audit_views_free(bv, n_bv);
    chart(rq, b, o);
    history(b, o);
    breakdown(rq, b, o, sort ? sort : "name");
    if (o->t.kind == TARGET_NONE) {
        if (children(rq, rs, o))
            return -1;
    } else if (page_may_measure(rq, &o->x)) {
        struct measure_form defaults = measure_defaults(rq);
        page_measure_form(rq, b, o, form ? form : &defaults);
    }
    page_end(rq, rs);
    return 0;
}

int h_indicator(struct req *rq, struct resp *rs)
{
    static const char *const allowed[] = { "as_of", "saved", "sort", NULL };
    struct date as_of;
    if (page_params_or_400(rq, rs, allowed) || page_as_of(rq, rs, &as_of))
        return -1;
    const char *sort = req_query_nonblank(rq, "sort");
    bool known = !sort;
    for (size_t k = 0; k < sizeof(unit_sorts) / sizeof(*unit_sorts) && !known; k++)
        known = !strcmp(sort, unit_sorts[k].key);
    if (!known)
        return resp_error(rq, rs, 400, "Trường “Sắp xếp” chỉ nhận: tên, giá trị, ngày hoặc tình trạng.");
    struct ind_one *o = page_ind_load(rq, rs, as_of);
    if (!o)
        return -1;
    return page_indicator_show(rq, rs, o, NULL, NULL);
}
