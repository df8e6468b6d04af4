/* status: buckets and the replay of progress reports; see status.h. */
#include "status.h"

#include "util/err.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char *const bucket_keys[N_BUCKETS] = {
    "done_on_time", "done_late", "in_progress", "recurring", "overdue",
};

static const char *const bucket_labels[N_BUCKETS] = {
    BUCKET_LABEL_DONE_ON_TIME, BUCKET_LABEL_DONE_LATE, BUCKET_LABEL_IN_PROGRESS,
    BUCKET_LABEL_RECURRING,    BUCKET_LABEL_OVERDUE,
};

static const char *const kind_names[] = { "progress", "done", "reopen" };

const char *bucket_key(enum bucket b)
{
    ASSERT(b >= 0 && b < N_BUCKETS);
    return bucket_keys[b];
}

int bucket_parse(const char *key)
{
    for (int b = 0; key && b < N_BUCKETS; b++)
        if (!strcmp(key, bucket_key((enum bucket)b)))
            return b;
    return -1;
}

const char *bucket_label(enum bucket b)
{
    ASSERT(b >= 0 && b < N_BUCKETS);
    return bucket_labels[b];
}

/* The task-status filter's choices: the buckets and the headline sums, in the list's order. */
static const struct {
    const char *key, *label;
    unsigned mask;
} status_filters[] = {
    { "overdue", BUCKET_LABEL_OVERDUE, 1u << BUCKET_OVERDUE },
    { "in_progress", BUCKET_LABEL_IN_PROGRESS, 1u << BUCKET_IN_PROGRESS },
    { "recurring", BUCKET_LABEL_RECURRING, 1u << BUCKET_RECURRING },
    { "in_progress_on_time",
      COUNT_LABEL_ON_TRACK " (" BUCKET_LABEL_IN_PROGRESS " và thường xuyên)",
      1u << BUCKET_IN_PROGRESS | 1u << BUCKET_RECURRING },
    { "done", COUNT_LABEL_DONE, 1u << BUCKET_DONE_ON_TIME | 1u << BUCKET_DONE_LATE },
    { "done_on_time", BUCKET_LABEL_DONE_ON_TIME, 1u << BUCKET_DONE_ON_TIME },
    { "done_late", BUCKET_LABEL_DONE_LATE, 1u << BUCKET_DONE_LATE },
};
#define N_STATUS_FILTERS (sizeof(status_filters) / sizeof(*status_filters))

unsigned status_filter_parse(const char *key)
{
    for (size_t i = 0; key && i < N_STATUS_FILTERS; i++)
        if (!strcmp(key, status_filters[i].key))
            return status_filters[i].mask;
    return 0;
}

bool status_filter_keeps(unsigned mask, enum bucket b)
{
    return !mask || (b < N_BUCKETS && (mask & 1u << b));
}

bool status_filter_choice(size_t i, const char **key, const char **label)
{
    if (i >= N_STATUS_FILTERS)
        return false;
    *key = status_filters[i].key;
    *label = status_filters[i].label;
    return true;
}

const char *status_filter_keys(void)
{
    return "overdue, in_progress, recurring, in_progress_on_time, done, done_on_time, done_late";
}

const char *progress_kind_name(enum progress_kind k)
{
    ASSERT(k >= PROGRESS_UPDATE && k <= PROGRESS_REOPEN);
    return kind_names[k];
}

int progress_kind_parse(const char *s, enum progress_kind *out)
{
    for (int k = PROGRESS_UPDATE; k <= PROGRESS_REOPEN; k++) {
        if (!strcmp(s, kind_names[k])) {
            *out = (enum progress_kind)k;
            return 0;
        }
    }
    return -1;
}

static int event_cmp(const void *a, const void *b)
{
    const struct progress_event *x = a, *y = b;
    int c = date_cmp(x->reported_on, y->reported_on);
    if (c)
        return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

void status_sort_events(struct progress_event *ev, size_t n)
{
    if (n > 1)
        qsort(ev, n, sizeof(*ev), event_cmp);
}

struct assignment_state status_replay(const struct progress_event *ev, size_t n,
                                      struct date as_of)
{
    struct assignment_state st = { false, DATE_NONE, false };
    /* an unset as_of is the end of time: INT_MAX - 1, inside a window open forever */
    long day = date_is_set(as_of) ? date_to_days(as_of) : INT_MAX - 1;
    for (size_t i = 0; i < n; i++) {
        if (date_cmp(ev[i].reported_on, as_of) > 0)
            break;
        if (ev[i].windowed && (day < ev[i].counts_from || day >= ev[i].counts_until))
            continue;
        if (ev[i].kind == PROGRESS_DONE) {
            st.completed = true;
            st.completed_on = ev[i].completed_on;
        } else if (ev[i].kind == PROGRESS_REOPEN && st.completed) {
            st.completed = false;
            st.completed_on = DATE_NONE;
            st.reopened = true;
        }
    }
    return st;
}

enum bucket status_bucket(enum deadline_kind kind, struct date due,
                          const struct assignment_state *st, struct date as_of)
{
    bool dated = kind == DEADLINE_DATE && date_is_set(due);
    if (st->completed) {
        if (dated && date_cmp(st->completed_on, due) > 0)
            return BUCKET_DONE_LATE;
        return BUCKET_DONE_ON_TIME;
    }
    if (kind == DEADLINE_RECURRING)
        return BUCKET_RECURRING;
    if (dated && date_cmp(as_of, due) > 0)
        return BUCKET_OVERDUE;
    return BUCKET_IN_PROGRESS;
}

bool status_is_undated(enum deadline_kind kind, const struct assignment_state *st)
{
    return !st->completed && kind == DEADLINE_UNKNOWN;
}

long bucket_total(const struct bucket_counts *c)
{
    long sum = 0;
    for (int b = 0; b < N_BUCKETS; b++)
        sum += c->n[b];
    return sum;
}

void bucket_add(struct bucket_counts *a, const struct bucket_counts *b)
{
    for (int i = 0; i < N_BUCKETS; i++)
        a->n[i] += b->n[i];
}

long percent_round(long part, long total)
{
    if (total <= 0)
        return 0;
    return (200 * part + total) / (2 * total);
}

struct date status_last_report(const struct progress_event *ev, size_t n, struct date as_of)
{
    struct date last = DATE_NONE;
    for (size_t i = 0; i < n; i++)
        if (date_cmp(ev[i].reported_on, as_of) <= 0 &&
            (!date_is_set(last) || date_cmp(ev[i].reported_on, last) > 0))
            last = ev[i].reported_on;
    return last;
}
