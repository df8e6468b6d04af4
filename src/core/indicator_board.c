/* indicator_board: indicators with status and their counts; see indicator_board.h. */
#include "indicator_board.h"

#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Parse every target of b->x[0..b->n) and evaluate every indicator as of as_of. */
static void evaluate(struct indicator_board *b, struct date as_of)
{
    b->as_of = as_of;
    b->t = xcalloc(b->n + 1, sizeof(*b->t));
    b->r = xcalloc(b->n + 1, sizeof(*b->r));
    for (size_t i = 0; i < b->n; i++) {
        target_parse(&b->t[i], b->x[i].target_text, b->x[i].unit);
        indicator_evaluate(&b->x[i], &b->t[i], as_of, 0, &b->r[i]);
    }
}

void indicator_board_build(struct indicator_board *b, struct indicator *x, size_t n,
                           struct date as_of)
{
    b->x = x;
    b->n = n;
    b->owns_x = true;
    b->expected_counted = -1;
    evaluate(b, as_of);
}

void indicator_board_build_view(struct indicator_board *b, const struct indicator *x, size_t n,
                                struct date as_of, long agency_id)
{
    b->x = xcalloc(n + 1, sizeof(*b->x));
    b->n = 0;
    for (size_t i = 0; i < n; i++)
        if (!agency_id || x[i].agency_id == agency_id)
            b->x[b->n++] = x[i]; /* a shallow copy: strings and measurements borrowed */
    b->owns_x = false;
    b->expected_counted = -1;
    evaluate(b, as_of);
}

void indicator_board_release(struct indicator_board *b)
{
    for (size_t i = 0; i < b->n; i++) {
        indicator_result_release(&b->r[i]);
        target_release(&b->t[i]);
    }
    free(b->r);
    free(b->t);
    if (b->owns_x)
        indicators_free(b->x, b->n);
    else
        free(b->x);
    *b = (struct indicator_board)INDICATOR_BOARD_INIT;
}

bool indicator_board_keeps(const struct indicator_board *b, size_t i,
                           const struct indicator_filter *f)
{
    const struct indicator *x = &b->x[i];
    return (!f->horizon || x->horizon == f->horizon) &&
           (!f->agency_id || x->agency_id == f->agency_id) &&
           (!f->field || !strcmp(x->field ? x->field : "", f->field)) &&
           (f->status < 0 || (int)b->r[i].status == f->status);
}

bool indicator_board_counted(const struct indicator_board *b, size_t i)
{
    return b->t[i].kind != TARGET_NONE;
}

long indicator_board_find(const struct indicator_board *b, long id)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->x[i].id == id)
            return (long)i;
    return -1;
}

static void tally_add(struct indicator_tally *t, enum indicator_status s)
{
    t->total++;
    t->count[s]++;
    t->green_pct = (long)((t->count[IND_GREEN] * 200 + t->total) / (t->total * 2));
}

void indicator_board_total(const struct indicator_board *b, struct indicator_tally *all)
{
    memset(all, 0, sizeof(*all));
    all->label = xstrdup("Tổng số");
    for (size_t i = 0; i < b->n; i++)
        if (indicator_board_counted(b, i))
            tally_add(all, b->r[i].status);
}

/* What x is grouped by, as a label; agency_id and horizon set for their tallies. */
static char *key_of(const struct indicator *x, enum indicator_tally_by by, long *agency_id,
                    int *horizon)
{
    *agency_id = 0;
    *horizon = 0;
    switch (by) {
    case TALLY_AGENCY:
        *agency_id = x->agency_id;
        return xstrdup(x->agency && *x->agency ? x->agency : "Chưa xác định cơ quan theo dõi");
    case TALLY_HORIZON:
        *horizon = x->horizon;
        return x->horizon ? xasprintf("Đến năm %d", x->horizon) : xstrdup("Chưa xác định thời hạn");
    case TALLY_FIELD:
        break;
    }
    return xstrdup(x->field && *x->field ? x->field : "Chưa phân nhóm");
}

static int by_horizon(const void *a, const void *b)
{
    const struct indicator_tally *x = a, *y = b;
    /* Unknown horizons last. */
    int hx = x->horizon ? x->horizon : 1 << 30, hy = y->horizon ? y->horizon : 1 << 30;
    return (hx > hy) - (hx < hy);
}

static bool same_key(const struct indicator_tally *t, const char *label, long agency_id,
                     int horizon, enum indicator_tally_by by)
{
    if (by == TALLY_AGENCY && (t->agency_id || agency_id))
        return t->agency_id == agency_id;
    if (by == TALLY_HORIZON)
        return t->horizon == horizon;
    return !strcmp(t->label, label);
}

void indicator_board_tally(const struct indicator_board *b, enum indicator_tally_by by,
                           struct indicator_tally **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (!indicator_board_counted(b, i))
            continue;
        long agency_id;
        int horizon;
        char *label = key_of(&b->x[i], by, &agency_id, &horizon);
        size_t k = 0;
        while (k < *n && !same_key(&(*out)[k], label, agency_id, horizon, by))
            k++;
        if (k == *n) {
            ALLOC_GROW(*out, *n + 1, cap);
            memset(&(*out)[k], 0, sizeof(**out));
            (*out)[k].label = label;
            (*out)[k].agency_id = agency_id;
            (*out)[k].horizon = horizon;
            (*n)++;
        } else {
            free(label);
        }
        tally_add(&(*out)[k], b->r[i].status);
    }
    if (by == TALLY_HORIZON && *n > 1)
        qsort(*out, *n, sizeof(**out), by_horizon);
}

void indicator_tallies_free(struct indicator_tally *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].label);
    free(v);
}

bool indicator_board_agency(const struct indicator_board *b, long agency_id,
                            struct indicator_tally *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < b->n; i++) {
        if (!indicator_board_counted(b, i) || b->x[i].agency_id != agency_id || !agency_id)
            continue;
        if (!out->label)
            out->label = xstrdup(b->x[i].agency);
        out->agency_id = agency_id;
        tally_add(out, b->r[i].status);
    }
    return out->total > 0;
}

/* The breakdowns checked against the total, with their line in Đối soát. */
static const struct {
    enum indicator_tally_by by;
    const char *key, *label;
} breakdown_checks[] = {
    { TALLY_HORIZON, "indicators.by_horizon",
      "Tổng số chỉ tiêu = tổng theo thời hạn của mục tiêu" },
    { TALLY_AGENCY, "indicators.by_agency",
      "Tổng số chỉ tiêu = tổng theo cơ quan chủ trì theo dõi" },
    { TALLY_FIELD, "indicators.by_field", "Tổng số chỉ tiêu = tổng theo lĩnh vực" },
};
#define BREAKDOWN_CHECKS (sizeof(breakdown_checks) / sizeof(*breakdown_checks))
_Static_assert(BREAKDOWN_CHECKS + 2 == INDICATOR_BOARD_CHECKS,
               "one check per breakdown, one for the statuses, one for the database's count");

size_t indicator_board_n_checks(const struct indicator_board *b)
{
    return b->expected_counted >= 0 ? INDICATOR_BOARD_CHECKS : INDICATOR_BOARD_CHECKS - 1;
}

size_t indicator_board_checks(const struct indicator_board *b, struct report_check *out)
{
    struct indicator_tally all;
    indicator_board_total(b, &all);
    free(all.label);
    long total = (long)all.total;
    long statuses = (long)(all.count[IND_GREEN] + all.count[IND_AMBER] + all.count[IND_RED] +
                           all.count[IND_GREY]);
    out[0] = (struct report_check){ "indicators",
                                    "Tổng số chỉ tiêu = đạt + đúng lộ trình + chậm + chưa đánh giá",
                                    total, statuses };
    for (size_t k = 0; k < BREAKDOWN_CHECKS; k++) {
        struct indicator_tally *rows;
        size_t n;
        long sum = 0;
        indicator_board_tally(b, breakdown_checks[k].by, &rows, &n);
        for (size_t i = 0; i < n; i++)
            sum += (long)rows[i].total;
        indicator_tallies_free(rows, n);
        out[k + 1] =
            (struct report_check){ breakdown_checks[k].key, breakdown_checks[k].label, total, sum };
    }
    /* Counted apart: the database's count of stored targets against the parsed ones. */
    size_t n = indicator_board_n_checks(b);
    if (n == INDICATOR_BOARD_CHECKS)
        out[n - 1] = (struct report_check){
            "indicators.stored",
            "Số chỉ tiêu có mục tiêu trong cơ sở dữ liệu = tổng số chỉ tiêu được tính",
            b->expected_counted, total
        };
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += out[i].total != out[i].sum;
    return bad;
}

int indicator_board_reconcile(const struct indicator_board *b, struct err *e)
{
    struct report_check checks[INDICATOR_BOARD_CHECKS];
    if (!indicator_board_checks(b, checks))
        return 0;
    size_t i = 0;
    while (checks[i].total == checks[i].sum)
        i++;
    return err_set(e, ERR_INTERNAL, "the report does not reconcile: %s (%s): %ld != %ld",
                   checks[i].label, checks[i].key, checks[i].total, checks[i].sum);
}
