/* remind: overdue and soon-due work per unit; see remind.h. */
#include "remind.h"

#include "util/collate.h"
#include "util/xalloc.h"

#include <stdlib.h>

/* Whether assignment ai is worth a reminder; fills *item when it is. */
static bool remind_item_of(const struct reminders *rm, size_t ai, struct remind_item *item)
{
    const struct report *r = rm->report;
    const struct prog_assignment *a = &r->prog->assignments[ai];
    const struct prog_task *t = &r->prog->tasks[a->task];
    enum bucket b = r->assignment_bucket[ai];
    if (b != BUCKET_OVERDUE && b != BUCKET_IN_PROGRESS)
        return false;
    if (t->deadline_kind != DEADLINE_DATE || !date_is_set(t->due))
        return false;
    long days = date_to_days(t->due) - date_to_days(r->opt.as_of);
    if (b == BUCKET_IN_PROGRESS && days > rm->within)
        return false;
    *item = (struct remind_item){ ai, a->task, b == BUCKET_OVERDUE, b == BUCKET_OVERDUE ? -days : days };
    return true;
}

static int item_cmp(const void *x, const void *y)
{
    const struct remind_item *a = x, *b = y;
    if (a->overdue != b->overdue)
        return a->overdue ? -1 : 1;
    long ka = a->overdue ? -a->days : a->days, kb = b->overdue ? -b->days : b->days;
    if (ka != kb)
        return ka < kb ? -1 : 1;
    return (a->task > b->task) - (a->task < b->task);
}

/* qsort has no context argument: a per-thread pointer (the server runs in parallel). */
static _Thread_local const struct programme *sort_prog;

static int unit_cmp(const void *x, const void *y)
{
    const struct remind_unit *a = x, *b = y;
    if (a->n_overdue != b->n_overdue)
        return a->n_overdue > b->n_overdue ? -1 : 1;
    return collate_vi(sort_prog->agencies[a->agency].name, sort_prog->agencies[b->agency].name);
}

static void add_item(struct remind_unit *u, const struct remind_item *item)
{
    ALLOC_GROW(u->items, u->n_items + 1, u->cap_items);
    u->items[u->n_items++] = *item;
    u->n_overdue += item->overdue;
    u->n_due_soon += !item->overdue;
}

void remind_build(const struct report *r, long within, struct reminders *out)
{
    const struct programme *p = r->prog;
    *out = (struct reminders){ r, within, date_add_days(r->opt.as_of, within), NULL, 0 };
    size_t *unit_of = xcalloc(p->n_agencies + 1, sizeof(size_t));
    out->units = xcalloc(p->n_agencies + 1, sizeof(*out->units));
    for (size_t ai = 0; ai < p->n_assignments; ai++) {
        struct remind_item item;
        if (!remind_item_of(out, ai, &item))
            continue;
        size_t agency = p->assignments[ai].agency;
        if (!unit_of[agency]) {
            out->units[out->n_units].agency = agency;
            unit_of[agency] = ++out->n_units;
        }
        add_item(&out->units[unit_of[agency] - 1], &item);
    }
    free(unit_of);
    for (size_t i = 0; i < out->n_units; i++)
        qsort(out->units[i].items, out->units[i].n_items, sizeof(struct remind_item), item_cmp);
    sort_prog = p;
    qsort(out->units, out->n_units, sizeof(*out->units), unit_cmp);
    sort_prog = NULL;
}

size_t remind_unit_items(const struct report *r, long within, const size_t *ai, size_t n,
                         struct remind_item *out)
{
    struct reminders rm = { r, within, date_add_days(r->opt.as_of, within), NULL, 0 };
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += remind_item_of(&rm, ai[i], &out[k]);
    if (k > 1)
        qsort(out, k, sizeof(*out), item_cmp);
    return k;
}

void reminders_release(struct reminders *rm)
{
    for (size_t i = 0; i < rm->n_units; i++)
        free(rm->units[i].items);
    free(rm->units);
    *rm = (struct reminders)REMINDERS_INIT;
}
