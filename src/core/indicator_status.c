/*
 * indicator_status: the status of an indicator as of a date, overall and per unit,
 * and the rule that explains it; see indicator.h for the rule itself.
 */
#include "indicator.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct eval {
    const struct indicator *x;
    const struct target *t;
    struct date as_of;
    long unit_id;
};

/* Where the path to the goal starts. */
struct base {
    double v;
    struct date on;
    const char *why; /* "mốc cơ sở", "mốc trong mục tiêu", "số đo đầu tiên" */
};

#define VALUE_LEN 128
#define GOAL_LEN (VALUE_LEN + TARGET_NUM_LEN + 8)

/* ---- choosing measurements ----------------------------------------------------- */

static bool same_label(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return true;
    char *ka = text_fold(a), *kb = text_fold(b);
    bool same = !strcmp(ka, kb);
    free(ka);
    free(kb);
    return same;
}

/* Does m measure clause c (NULL: a text or empty target, the whole)? */
static bool measures(const struct eval *ev, const struct target_clause *c,
                     const struct measurement *m)
{
    if (m->unit_id != ev->unit_id || date_cmp(m->on, ev->as_of) > 0)
        return false;
    if (!m->bloc)
        return !c || c->part == TARGET_WHOLE;
    return c && c->label && same_label(m->bloc, c->label);
}

/* The latest measurement of c on or before D; of one date, the last entered. */
static const struct measurement *latest_of(const struct eval *ev, const struct target_clause *c)
{
    const struct measurement *best = NULL;
    for (size_t i = 0; i < ev->x->n_m; i++) {
        const struct measurement *m = &ev->x->m[i];
        if (!measures(ev, c, m))
            continue;
        int d = best ? date_cmp(m->on, best->on) : 1;
        if (d > 0 || (d == 0 && m->id >= best->id))
            best = m;
    }
    return best;
}

static const struct measurement *first_value_of(const struct eval *ev,
                                                const struct target_clause *c)
{
    const struct measurement *first = NULL;
    for (size_t i = 0; i < ev->x->n_m; i++) {
        const struct measurement *m = &ev->x->m[i];
        if (m->has_value && measures(ev, c, m) && (!first || date_cmp(m->on, first->on) < 0))
            first = m;
    }
    return first;
}

static struct date year_end(int y)
{
    return (struct date){ y, 12, 31 };
}

/* The baseline of clause c, in the order of indicator.h; false when there is none. */
static bool find_base(const struct eval *ev, const struct target_clause *c, struct base *b)
{
    const struct indicator *x = ev->x;
    if (x->has_baseline && indicator_baseline_starts(ev->t, c) && !ev->unit_id) {
        *b = (struct base){ x->baseline, x->baseline_on, "mốc cơ sở" };
        return true;
    }
    if (c->has_base) {
        *b = (struct base){ c->base, year_end(c->base_year), "mốc trong mục tiêu" };
        return true;
    }
    if (c->improve_by && x->horizon) {
        *b =
            (struct base){ c->low + c->improve_by, year_end(x->horizon - 1), "mốc trong mục tiêu" };
        return true;
    }
    const struct measurement *first = first_value_of(ev, c);
    if (first)
        *b = (struct base){ first->value, first->on, "số đo đầu tiên" };
    return first != NULL;
}

/* ---- words ------------------------------------------------------------------ */

static void value_text(const struct eval *ev, const struct target_clause *c, double v,
                       char out[VALUE_LEN])
{
    char num[TARGET_NUM_LEN];
    target_format_number(v, num);
    const char *unit = c && c->unit ? c->unit : ev->x->unit;
    if (ev->t->is_rank)
        snprintf(out, VALUE_LEN, "thứ %s", num);
    else if (unit && unit[0] == '%')
        snprintf(out, VALUE_LEN, "%s%s", num, unit);
    else if (c && c->unit)
        snprintf(out, VALUE_LEN, "%s %s", num, c->unit);
    else
        snprintf(out, VALUE_LEN, "%s", num);
}

static void goal_text(const struct eval *ev, const struct target_clause *c, char out[GOAL_LEN])
{
    char low[TARGET_NUM_LEN], high[VALUE_LEN];
    if (c->op != TARGET_RANGE) {
        value_text(ev, c, c->low, out);
        return;
    }
    target_format_number(c->low, low);
    value_text(ev, c, c->high, high);
    snprintf(out, GOAL_LEN, "%s - %s", low, high);
}

/* The relation that holds between v and the goal ("≥", "<", "trong khoảng", ...). */
static const char *relation(const struct eval *ev, const struct target_clause *c, double v,
                            bool met)
{
    static const char *const when_met[] = { "≥", ">", "≤", "<" };
    static const char *const when_not[] = { "<", "≤", ">", "≥" };
    if (c->op != TARGET_RANGE)
        return met ? when_met[c->op] : when_not[c->op];
    bool lower = target_lower_is_better(ev->t, c);
    if (!met)
        return lower ? ">" : "<";
    return v >= c->low && v <= c->high ? "trong khoảng" : "vượt";
}

static void subject(struct buf *b, const struct eval *ev, const struct target_clause *c,
                    const struct measurement *m)
{
    char v[VALUE_LEN], d[DATE_ISO_LEN];
    value_text(ev, c, m->value, v);
    date_dmy(m->on, d);
    buf_addf(b, "%s %s (%s)", ev->t->is_rank ? "Xếp" : "Giá trị", v, d);
}

/* ---- one clause ---------------------------------------------------------------- */

static bool past_horizon(const struct eval *ev)
{
    return ev->x->horizon && date_cmp(ev->as_of, year_end(ev->x->horizon)) > 0;
}

static enum indicator_status judged(const struct eval *ev, const struct measurement *m,
                                    struct buf *b)
{
    char d[DATE_ISO_LEN];
    date_dmy(m->on, d);
    buf_addf(b, "Đánh giá '%s' (%s)", judgement_label(m->judgement), d);
    if (m->judgement == JUDGE_MET) {
        buf_adds(b, ": đạt");
        return IND_GREEN;
    }
    if (m->judgement == JUDGE_ON_TRACK && !past_horizon(ev)) {
        buf_adds(b, ": đúng lộ trình");
        return IND_AMBER;
    }
    if (m->judgement == JUDGE_ON_TRACK)
        buf_addf(b, " nhưng đã quá năm đích %d", ev->x->horizon);
    buf_adds(b, ": chưa đạt");
    return IND_RED;
}

static void stretch_words(struct buf *b, const struct eval *ev, const struct target_clause *c,
                          double v, bool met)
{
    char s[VALUE_LEN];
    if (!c->has_stretch)
        return;
    value_text(ev, c, c->stretch, s);
    struct target_clause at_stretch = *c;
    at_stretch.low = at_stretch.high = c->stretch;
    if (!met)
        buf_addf(b, " (mức phấn đấu %s)", s);
    else if (target_met(ev->t, &at_stretch, v))
        buf_addf(b, ", đạt cả mức phấn đấu %s", s);
    else
        buf_addf(b, ", chưa đạt mức phấn đấu %s", s);
}

/* Not met before the horizon: amber on or beyond the path, red below it. */
static enum indicator_status on_path(const struct eval *ev, const struct target_clause *c,
                                     const struct measurement *m, struct buf *b)
{
    struct base base;
    if (!ev->x->horizon || !find_base(ev, c, &base)) {
        buf_adds(b, "; chưa rõ năm đích nên chưa tính lộ trình: đúng lộ trình");
        return IND_AMBER;
    }
    double goal = target_goal(ev->t, c);
    struct date end = year_end(ev->x->horizon);
    long span = date_to_days(end) - date_to_days(base.on);
    long done = date_to_days(m->on) - date_to_days(base.on);
    double frac = span <= 0 || done >= span ? 1.0 : done <= 0 ? 0.0 : (double)done / (double)span;
    /* A baseline already at the goal leaves nothing to climb: the path is the goal. */
    double need = target_met(ev->t, c, base.v) ? goal : base.v + (goal - base.v) * frac;
    bool lower = target_lower_is_better(ev->t, c);
    double eps = 1e-9 * (1 + (need < 0 ? -need : need));
    bool ok = lower ? m->value <= need + eps : m->value >= need - eps;
    char from[VALUE_LEN], to[VALUE_LEN], want[VALUE_LEN], d[DATE_ISO_LEN];
    value_text(ev, c, base.v, from);
    value_text(ev, c, goal, to);
    value_text(ev, c, need, want);
    date_dmy(base.on, d);
    buf_addf(b, "; lộ trình từ %s (%s, %s) đến %s (31/12/%d) cần %s vào ngày đo: %s", from, d,
             base.why, to, ev->x->horizon, want, ok ? "đúng lộ trình" : "chậm");
    return ok ? IND_AMBER : IND_RED;
}

static enum indicator_status compared(const struct eval *ev, const struct target_clause *c,
                                      const struct measurement *m, struct buf *b)
{
    char goal[GOAL_LEN];
    bool met = target_met(ev->t, c, m->value);
    goal_text(ev, c, goal);
    subject(b, ev, c, m);
    buf_addf(b, " %s %s %s", relation(ev, c, m->value, met),
             c->has_stretch ? "mức tối thiểu" : "mục tiêu", goal);
    stretch_words(b, ev, c, m->value, met);
    if (met) {
        buf_adds(b, ": đạt");
        return IND_GREEN;
    }
    if (past_horizon(ev)) {
        buf_addf(b, ", đã quá năm đích %d: chậm", ev->x->horizon);
        return IND_RED;
    }
    return on_path(ev, c, m, b);
}

static void eval_part(const struct eval *ev, const struct target_clause *c,
                      struct indicator_part *p)
{
    struct buf b = BUF_INIT;
    char d[DATE_ISO_LEN];
    p->clause = c;
    p->latest = latest_of(ev, c);
    if (ev->t->kind == TARGET_NONE) {
        p->status = IND_GREY;
        buf_adds(&b, "Chỉ tiêu nhóm, không có mục tiêu riêng: xem các chỉ tiêu con");
    } else if (p->latest && !p->latest->has_value) {
        p->status = judged(ev, p->latest, &b);
    } else if (ev->t->kind == TARGET_TEXT) {
        p->status = IND_GREY;
        buf_adds(&b, "Mục tiêu định tính: chờ người theo dõi đánh giá (đạt, chưa đạt hoặc "
                     "đúng lộ trình)");
    } else if (!p->latest) {
        p->status = IND_GREY;
        date_dmy(ev->as_of, d);
        buf_addf(&b, "Chưa có số liệu đến ngày %s", d);
    } else {
        p->status = compared(ev, c, p->latest, &b);
    }
    p->rule = buf_take(&b);
}

/* ---- the indicator ------------------------------------------------------------- */

/* Red, then grey, then amber, then green. */
static int severity(enum indicator_status s)
{
    static const int order[] = { 2, 0, 1, 3 }; /* grey, green, amber, red */
    return order[s];
}

static const char *part_name(const struct target_clause *c)
{
    return c->label ? c->label : "Chung";
}

static char *combined_rule(const struct indicator_result *r)
{
    struct buf b = BUF_INIT;
    bool blocs = false;
    for (size_t i = 0; i < r->n_parts; i++) {
        buf_addf(&b, "%s[%s] %s", i ? "; " : "", part_name(r->parts[i].clause), r->parts[i].rule);
        blocs = blocs || r->parts[i].clause->part == TARGET_BLOC;
    }
    if (blocs)
        buf_addf(&b, ". Phải đạt ở mọi khối: %s", indicator_status_label(r->status));
    else
        buf_addf(&b, ". Phải đạt cả %zu thang đo: %s", r->n_parts,
                 indicator_status_label(r->status));
    return buf_take(&b);
}

/* The headline measurement: the whole clause's, else the most recent part's. */
static const struct measurement *headline(const struct indicator_result *r)
{
    const struct measurement *best = NULL;
    for (size_t i = 0; i < r->n_parts; i++) {
        const struct indicator_part *p = &r->parts[i];
        if (p->clause && p->clause->part == TARGET_WHOLE && !p->clause->label)
            return p->latest;
        if (p->latest && (!best || date_cmp(p->latest->on, best->on) > 0))
            best = p->latest;
    }
    return best;
}

void indicator_evaluate(const struct indicator *x, const struct target *t, struct date as_of,
                        long unit_id, struct indicator_result *out)
{
    struct eval ev = { x, t, as_of, unit_id };
    memset(out, 0, sizeof(*out));
    out->n_parts = t->kind == TARGET_NUMERIC ? t->n_clauses : 1;
    out->parts = xcalloc(out->n_parts, sizeof(*out->parts));
    for (size_t i = 0; i < out->n_parts; i++)
        eval_part(&ev, t->kind == TARGET_NUMERIC ? &t->clauses[i] : NULL, &out->parts[i]);
    out->status = out->parts[0].status;
    for (size_t i = 1; i < out->n_parts; i++)
        if (severity(out->parts[i].status) > severity(out->status))
            out->status = out->parts[i].status;
    out->rule = out->n_parts == 1 ? xstrdup(out->parts[0].rule) : combined_rule(out);
    out->latest = headline(out);
}

void indicator_result_release(struct indicator_result *r)
{
    for (size_t i = 0; i < r->n_parts; i++)
        free(r->parts[i].rule);
    free(r->parts);
    free(r->rule);
    memset(r, 0, sizeof(*r));
}

/* ---- the per-unit breakdown ------------------------------------------------------ */

void indicator_units(const struct indicator *x, const struct target *t, struct date as_of,
                     struct indicator_unit **out, size_t *n)
{
    struct indicator_unit *u = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < x->n_m; i++) {
        const struct measurement *m = &x->m[i];
        if (!m->unit_id || date_cmp(m->on, as_of) > 0)
            continue;
        size_t k = 0;
        while (k < *n && u[k].unit_id != m->unit_id)
            k++;
        if (k == *n) {
            ALLOC_GROW(u, *n + 1, cap);
            memset(&u[k], 0, sizeof(*u));
            u[k].unit_id = m->unit_id;
            u[k].unit = m->unit_name ? m->unit_name : "";
            (*n)++;
        }
        u[k].n_measurements++;
    }
    for (size_t k = 0; k < *n; k++)
        indicator_evaluate(x, t, as_of, u[k].unit_id, &u[k].r);
    *out = u;
}

void indicator_units_free(struct indicator_unit *u, size_t n)
{
    for (size_t k = 0; k < n; k++)
        indicator_result_release(&u[k].r);
    free(u);
}
