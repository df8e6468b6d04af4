/* programme: the snapshot counting works on; see programme.h. */
#include "programme.h"

#include "util/collate.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

bool programme_counts_task(const struct prog_task *t)
{
    return !t->is_group && t->repeat_of_id == 0;
}

/*
 * The index of the element with this id in an array sorted by ascending
 * id, whose elements each begin with their `long id`; PROG_NONE if none.
 */
static size_t find_by_id(const void *array, size_t n, size_t size, long id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        long at = *(const long *)((const char *)array + mid * size);
        if (at == id)
            return mid;
        if (at < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return PROG_NONE;
}

size_t programme_find_task(const struct programme *p, long id)
{
    return find_by_id(p->tasks, p->n_tasks, sizeof(*p->tasks), id);
}

size_t programme_find_agency(const struct programme *p, long id)
{
    return find_by_id(p->agencies, p->n_agencies, sizeof(*p->agencies), id);
}

size_t programme_find_document(const struct programme *p, long id)
{
    for (size_t i = 0; i < p->n_documents; i++)
        if (p->documents[i].id == id)
            return i;
    return PROG_NONE;
}

size_t programme_find_assignment(const struct programme *p, long id)
{
    return find_by_id(p->assignments, p->n_assignments, sizeof(*p->assignments), id);
}

static void index_release(struct prog_index *x)
{
    if (!x)
        return;
    free(x->agency_first);
    free(x->by_agency);
    free(x->by_name);
    free(x->fields);
    free(x);
}

/* A counting sort: sizes, then starts, then each task's assignments in turn. */
static void index_by_agency(const struct programme *p, struct prog_index *x)
{
    x->agency_first = xcalloc(p->n_agencies + 1, sizeof(*x->agency_first));
    x->by_agency = xcalloc(p->n_assignments + 1, sizeof(*x->by_agency));
    for (size_t i = 0; i < p->n_assignments; i++)
        x->agency_first[p->assignments[i].agency + 1]++;
    for (size_t k = 0; k < p->n_agencies; k++)
        x->agency_first[k + 1] += x->agency_first[k];
    size_t *next = xcalloc(p->n_agencies + 1, sizeof(*next));
    memcpy(next, x->agency_first, p->n_agencies * sizeof(*next));
    for (size_t ti = 0; ti < p->n_tasks; ti++) {
        const struct prog_task *t = &p->tasks[ti];
        for (size_t i = 0; i < t->n_assignments; i++) {
            size_t ai = t->assignments[i];
            x->by_agency[next[p->assignments[ai].agency]++] = ai;
        }
    }
    free(next);
}

static int cmp_agency_name(const void *a, const void *b, void *prog)
{
    const struct programme *p = prog;
    return collate_vi(p->agencies[*(const size_t *)a].name, p->agencies[*(const size_t *)b].name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct fields in first-mention order: a sorted copy answers "seen already?". */
static void index_fields(const struct programme *p, struct prog_index *x)
{
    const char **seen = xcalloc(p->n_tasks + 1, sizeof(*seen));
    x->fields = xcalloc(p->n_tasks + 1, sizeof(*x->fields));
    size_t n_seen = 0;
    for (size_t ti = 0; ti < p->n_tasks; ti++) {
        const char *f = p->tasks[ti].field;
        if (!f || !*f || (n_seen && bsearch(&f, seen, n_seen, sizeof(*seen), cmp_str)))
            continue;
        x->fields[x->n_fields++] = f;
        /* keep seen sorted: insert f at its place (fields are few) */
        size_t at = n_seen;
        while (at && strcmp(seen[at - 1], f) > 0) {
            seen[at] = seen[at - 1];
            at--;
        }
        seen[at] = f;
        n_seen++;
    }
    free(seen);
}

void programme_index(struct programme *p)
{
    index_release(p->index);
    struct prog_index *x = xcalloc(1, sizeof(*x));
    index_by_agency(p, x);
    x->by_name = xcalloc(p->n_agencies + 1, sizeof(*x->by_name));
    for (size_t k = 0; k < p->n_agencies; k++)
        x->by_name[k] = k;
    qsort_r(x->by_name, p->n_agencies, sizeof(*x->by_name), cmp_agency_name, p);
    index_fields(p, x);
    p->index = x;
}

const size_t *programme_agency_assignments(const struct programme *p, size_t agency, size_t *n)
{
    const struct prog_index *x = p->index;
    *n = x ? x->agency_first[agency + 1] - x->agency_first[agency] : 0;
    return x ? x->by_agency + x->agency_first[agency] : NULL;
}

static int index_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/*
 * The assignments whose event lists out owns: those from owned (copied again,
 * so out never depends on from) and those receiving a report, ascending and
 * unique. at[i] is ev[i]'s assignment index or PROG_NONE.
 */
static void changed_set(const struct programme *from, const size_t *at, size_t n,
                        struct programme *out)
{
    size_t *set = xcalloc(from->n_changed + n + 1, sizeof(*set));
    size_t k = 0;
    for (size_t i = 0; i < from->n_changed; i++)
        set[k++] = from->changed[i];
    for (size_t i = 0; i < n; i++)
        if (at[i] != PROG_NONE)
            set[k++] = at[i];
    qsort(set, k, sizeof(*set), index_cmp);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || set[u - 1] != set[i])
            set[u++] = set[i];
    out->changed = set;
    out->n_changed = u;
}

/* Give each changed assignment its own copy of its events in one block, room for extra[] more. */
static void copy_changed(const struct programme *from, const size_t *extra, struct programme *out)
{
    size_t total = 0;
    for (size_t i = 0; i < out->n_changed; i++)
        total += from->assignments[out->changed[i]].n_events + extra[i];
    out->event_block = xcalloc(total + 1, sizeof(*out->event_block));
    struct progress_event *next = out->event_block;
    for (size_t i = 0; i < out->n_changed; i++) {
        const struct prog_assignment *old = &from->assignments[out->changed[i]];
        struct prog_assignment *a = &out->assignments[out->changed[i]];
        if (old->n_events)
            memcpy(next, old->events, old->n_events * sizeof(*next));
        a->events = next;
        a->n_events = old->n_events;
        next += old->n_events + extra[i];
    }
}

void programme_derive(const struct programme *from, const struct prog_new_event *ev, size_t n,
                      struct programme *out)
{
    const struct programme *root = from->root ? from->root : from;
    *out = *root;
    out->root = root;
    out->assignments = xcalloc(from->n_assignments + 1, sizeof(*out->assignments));
    if (from->n_assignments)
        memcpy(out->assignments, from->assignments,
               from->n_assignments * sizeof(*out->assignments));
    size_t *at = xcalloc(n + 1, sizeof(*at));
    for (size_t i = 0; i < n; i++)
        at[i] = programme_find_assignment(from, ev[i].assignment_id);
    changed_set(from, at, n, out);
    /* extra[j]: how many new reports the j-th changed assignment receives */
    size_t *extra = xcalloc(out->n_changed + 1, sizeof(*extra));
    for (size_t i = 0; i < n; i++) {
        if (at[i] == PROG_NONE)
            continue;
        size_t *slot = bsearch(&at[i], out->changed, out->n_changed, sizeof(size_t), index_cmp);
        extra[slot - out->changed]++;
    }
    copy_changed(from, extra, out);
    for (size_t i = 0; i < n; i++) {
        if (at[i] == PROG_NONE)
            continue;
        struct prog_assignment *a = &out->assignments[at[i]];
        a->events[a->n_events++] = ev[i].ev;
    }
    for (size_t i = 0; i < out->n_changed; i++)
        if (extra[i])
            status_sort_events(out->assignments[out->changed[i]].events,
                               out->assignments[out->changed[i]].n_events);
    free(extra);
    free(at);
}

/* A derived programme owns only its assignments array and the changed event lists. */
static void release_derived(struct programme *p)
{
    free(p->assignments);
    free(p->changed);
    free(p->event_block);
    *p = (struct programme)PROGRAMME_INIT;
}

void programme_release(struct programme *p)
{
    if (p->root) {
        release_derived(p);
        return;
    }
    for (size_t i = 0; i < p->n_documents; i++) {
        free(p->documents[i].name);
        free(p->documents[i].meeting);
        free(p->documents[i].summary);
    }
    for (size_t i = 0; i < p->n_agencies; i++) {
        free(p->agencies[i].name);
        free(p->agencies[i].kind);
    }
    for (size_t i = 0; i < p->n_tasks; i++) {
        struct prog_task *t = &p->tasks[i];
        free(t->code);
        free(t->tt);
        free(t->name);
        free(t->field);
        free(t->deadline_text);
        free(t->lead_text);
        free(t->documents);
        free(t->assignments);
    }
    for (size_t i = 0; i < p->n_assignments; i++)
        free(p->assignments[i].events);
    free(p->documents);
    free(p->agencies);
    free(p->tasks);
    free(p->assignments);
    index_release(p->index);
    *p = (struct programme)PROGRAMME_INIT;
}
