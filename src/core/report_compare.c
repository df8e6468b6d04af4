/* report_compare: a report beside the previous one; see report_compare.h. */
#include "report_compare.h"

#include "util/xalloc.h"

#include <stdlib.h>

static bool is_done(enum bucket b)
{
    return b == BUCKET_DONE_ON_TIME || b == BUCKET_DONE_LATE;
}

static int check_comparable(const struct report *before, const struct report *after,
                            struct err *e)
{
    char d0[DATE_ISO_LEN], d[DATE_ISO_LEN];
    date_dmy(before->opt.as_of, d0);
    date_dmy(after->opt.as_of, d);
    if (before->prog != after->prog || before->opt.document != after->opt.document ||
        before->opt.agency != after->opt.agency)
        return err_set(e, ERR_INVALID, "hai báo cáo cần so sánh không cùng phạm vi");
    if (date_cmp(before->opt.as_of, after->opt.as_of) >= 0)
        return err_set(e, ERR_INVALID,
                       "ngày so sánh %s phải trước ngày báo cáo %s", d0, d);
    return 0;
}

/* item_of[task]: the index of the task's item in r, or PROG_NONE when r does not count it. */
static size_t *items_by_task(const struct report *r)
{
    size_t *item_of = xcalloc(r->prog->n_tasks + 1, sizeof(*item_of));
    for (size_t t = 0; t < r->prog->n_tasks; t++)
        item_of[t] = PROG_NONE;
    for (size_t i = 0; i < r->n_items; i++)
        item_of[r->items[i].task] = i;
    return item_of;
}

/* The bucket of after's item i in before (N_BUCKETS: not counted as of D0). */
static enum bucket bucket_before(const struct report_compare *c, const size_t *item_of, size_t i)
{
    size_t k = item_of[c->after->items[i].task];
    return k == PROG_NONE ? N_BUCKETS : c->before->items[k].bucket;
}

static void list_newly_overdue(struct report_compare *c, const size_t *item_of)
{
    const struct report *a = c->after;
    c->newly_overdue = xcalloc(a->n_overdue + 1, sizeof(size_t));
    for (size_t k = 0; k < a->n_overdue; k++)
        if (bucket_before(c, item_of, a->overdue[k]) != BUCKET_OVERDUE)
            c->newly_overdue[c->n_newly_overdue++] = a->overdue[k];
}

/* By completion date, then programme order; ctx is the report. */
static int completed_cmp(const void *x, const void *y, void *ctx)
{
    const struct report *r = ctx;
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int d = date_cmp(r->items[i].completed_on, r->items[j].completed_on);
    return d ? d : (i > j) - (i < j);
}

static void list_completed_since(struct report_compare *c, const size_t *item_of)
{
    const struct report *a = c->after;
    c->completed_since = xcalloc(a->n_items + 1, sizeof(size_t));
    for (size_t i = 0; i < a->n_items; i++)
        if (is_done(a->items[i].bucket) && !is_done(bucket_before(c, item_of, i)))
            c->completed_since[c->n_completed_since++] = i;
    qsort_r(c->completed_since, c->n_completed_since, sizeof(size_t), completed_cmp, (void *)a);
}

/* The row of agency, made on first use; row_of[agency] is its index + 1 (0: none yet). */
static struct compare_agency_row *row_for(struct report_compare *c, size_t *row_of, size_t agency)
{
    if (!row_of[agency]) {
        c->by_agency[c->n_by_agency].agency = agency;
        row_of[agency] = ++c->n_by_agency;
    }
    return &c->by_agency[row_of[agency] - 1];
}

static void pair_agencies(struct report_compare *c)
{
    const struct report *a = c->after, *b = c->before;
    size_t *row_of = xcalloc(a->prog->n_agencies + 1, sizeof(*row_of));
    c->by_agency = xcalloc(a->n_by_agency + b->n_by_agency + 1, sizeof(*c->by_agency));
    for (size_t i = 0; i < a->n_by_agency; i++) {
        struct compare_agency_row *row = row_for(c, row_of, a->by_agency[i].agency);
        row->after = a->by_agency[i].assignments;
        row->due_by_after = a->by_agency[i].due_by;
    }
    for (size_t i = 0; i < b->n_by_agency; i++) {
        struct compare_agency_row *row = row_for(c, row_of, b->by_agency[i].agency);
        row->before = b->by_agency[i].assignments;
        row->due_by_before = b->by_agency[i].due_by;
    }
    free(row_of);
}

int report_compare_build(const struct report *before, const struct report *after,
                         struct report_compare *out, struct err *e)
{
    if (check_comparable(before, after, e))
        return e->kind;
    out->before = before;
    out->after = after;
    size_t *item_of = items_by_task(before);
    list_newly_overdue(out, item_of);
    list_completed_since(out, item_of);
    free(item_of);
    pair_agencies(out);
    return 0;
}

void report_compare_release(struct report_compare *c)
{
    free(c->by_agency);
    free(c->newly_overdue);
    free(c->completed_since);
    *c = (struct report_compare)REPORT_COMPARE_INIT;
}
