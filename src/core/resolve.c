/* resolve: agencies, groups and deadlines of a batch; see resolve.h. */
#include "resolve.h"

#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void add_assignment(struct resolved_task *rt, size_t agency, long via, char *named_as)
{
    for (size_t i = 0; i < rt->n_assign; i++)
        if (rt->assign[i].agency == agency)
            return;
    ALLOC_GROW(rt->assign, rt->n_assign + 1, rt->cap_assign);
    rt->assign[rt->n_assign++] = (struct assignment_plan){ agency, via, named_as };
}

static void plan_assignments(const struct registry *r, struct resolved_task *rt,
                             struct import_summary *sum)
{
    /* Direct names first, so a unit named outright is not recorded as "via group". */
    for (size_t i = 0; i < rt->lead.n; i++) {
        struct party *p = &rt->lead.items[i];
        if (p->kind == PARTY_AGENCY)
            add_assignment(rt, registry_active(r, p->idx), -1, p->text);
    }
    for (size_t i = 0; i < rt->lead.n; i++) {
        struct party *p = &rt->lead.items[i];
        if (p->kind != PARTY_GROUP)
            continue;
        size_t *members, n;
        registry_expand(r, p->idx, &members, &n);
        for (size_t k = 0; k < n; k++)
            add_assignment(rt, members[k], (long)p->idx, p->text);
        free(members);
        sum->groups_expanded++;
    }
}

static void count_parties(const struct parties *p, struct import_summary *sum)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->items[i].kind == PARTY_AGENCY)
            sum->agencies_resolved++;
        else if (p->items[i].kind == PARTY_UNRESOLVED)
            sum->unresolved++;
    }
}

struct resolved_task *resolve_batch(const struct registry *r, const struct batch *b,
                                    struct import_summary *sum)
{
    struct resolved_task *out = xcalloc(b->n_tasks ? b->n_tasks : 1, sizeof(*out));
    for (size_t i = 0; i < b->n_tasks; i++) {
        const struct batch_task *t = &b->tasks[i];
        struct resolved_task *rt = &out[i];
        registry_split(r, t->lead ? t->lead : "", &rt->lead);
        registry_split(r, t->coord ? t->coord : "", &rt->coord);
        plan_assignments(r, rt, sum);
        count_parties(&rt->lead, sum);
        count_parties(&rt->coord, sum);
        rt->deadline = deadline_parse(t->deadline);
        bool has_parent = t->parent >= 0 || t->parent_code;
        if (has_parent)
            sum->subtasks++;
        else
            sum->tasks++;
        if (t->is_group) {
            sum->groups++;
            continue;
        }
        sum->counted++;
        if (rt->deadline.kind == DEADLINE_UNKNOWN)
            sum->no_due_date++;
    }
    sum->indicators = b->n_indicators;
    return out;
}

void resolved_free(struct resolved_task *rt, size_t n)
{
    if (!rt)
        return;
    for (size_t i = 0; i < n; i++) {
        parties_release(&rt[i].lead);
        parties_release(&rt[i].coord);
        free(rt[i].assign);
    }
    free(rt);
}

static void task_repeats_free(struct task_repeat *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].code);
        free(v[i].task_name);
    }
    free(v);
}

void import_summary_release(struct import_summary *sum)
{
    task_repeats_free(sum->dups, sum->n_dups);
    task_repeats_free(sum->repeats, sum->n_repeats);
    sum->dups = sum->repeats = NULL;
    sum->n_dups = sum->cap_dups = sum->n_repeats = sum->cap_repeats = 0;
}
