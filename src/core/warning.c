/* warning: early warnings as of a date; see warning.h. */
#include "warning.h"

#include "rank.h"

#include "util/collate.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key, *label;
} rules[N_WARNING_RULES] = {
    [WARN_OVERDUE] = { "overdue", "Quá hạn" },
    [WARN_DUE_SOON] = { "due_soon", "Sắp đến hạn" },
    [WARN_NO_REPORT] = { "no_report", "Lâu không báo cáo" },
    [WARN_INDICATOR_RED] = { "indicator_red", "Chỉ tiêu ở mức đỏ" },
    [WARN_INDICATOR_WORSE] = { "indicator_worse", "Chỉ tiêu xấu đi" },
    [WARN_UNIT_RATE] = { "unit_rate", "Tỷ lệ đúng hạn của đơn vị thấp" },
};

static const struct {
    const char *key, *label;
} severities[N_WARNING_SEVERITIES] = {
    [WARN_HIGH] = { "cao", "Cao" },
    [WARN_MEDIUM] = { "trung_binh", "Trung bình" },
    [WARN_LOW] = { "thap", "Thấp" },
};

const char *warning_rule_key(enum warning_rule r)
{
    return rules[r].key;
}

const char *warning_rule_label(enum warning_rule r)
{
    return rules[r].label;
}

int warning_rule_parse(const char *key)
{
    for (int r = 0; key && r < N_WARNING_RULES; r++)
        if (!strcmp(key, rules[r].key))
            return r;
    return -1;
}

const char *warning_severity_key(enum warning_severity s)
{
    return severities[s].key;
}

const char *warning_severity_label(enum warning_severity s)
{
    return severities[s].label;
}

struct warning_settings warning_defaults(void)
{
    struct warning_settings s;
    for (int r = 0; r < N_WARNING_RULES; r++)
        s.rule[r] = (struct warning_rule_setting){ true, WARN_MEDIUM, 0, 0 };
    s.rule[WARN_OVERDUE].severity = WARN_HIGH;
    s.rule[WARN_DUE_SOON].days = 14;
    s.rule[WARN_NO_REPORT].severity = WARN_LOW;
    s.rule[WARN_NO_REPORT].days = 30;
    s.rule[WARN_INDICATOR_RED].severity = WARN_HIGH;
    s.rule[WARN_UNIT_RATE].threshold = 50;
    return s;
}

/* ---- building ------------------------------------------------------------------------ */

struct ctx {
    const struct warning_input *in;
    const struct warning_settings *s;
    const struct programme *p;
    struct date as_of;
    size_t agency; /* PROG_NONE: all */
    struct warning_list *out;
};

static bool wanted(const struct ctx *c, enum warning_rule r, int only)
{
    return c->s->rule[r].enabled && (only < 0 || only == (int)r);
}

static char *dmy(struct date d, char buf[DATE_ISO_LEN])
{
    date_dmy(d, buf);
    return buf;
}

static void add(struct ctx *c, enum warning_rule r, size_t task, long indicator, size_t agency,
                struct date since, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void add(struct ctx *c, enum warning_rule r, size_t task, long indicator, size_t agency,
                struct date since, const char *fmt, ...)
{
    if (c->agency != PROG_NONE && agency != c->agency)
        return;
    struct warning_list *l = c->out;
    ALLOC_GROW(l->v, l->n + 1, l->cap);
    struct warning *w = &l->v[l->n++];
    va_list ap;
    va_start(ap, fmt);
    char *reason = NULL;
    if (vasprintf(&reason, fmt, ap) < 0)
        reason = xstrdup("");
    va_end(ap);
    *w = (struct warning){ r, c->s->rule[r].severity, task, indicator, agency,
                           agency == PROG_NONE ? "" : c->p->agencies[agency].name, reason,
                           since };
}

/* The latest report date of assignment a up to the as-of date, or DATE_NONE. */
static struct date last_report(const struct prog_assignment *a, struct date as_of)
{
    struct date last = DATE_NONE;
    for (size_t i = 0; i < a->n_events && date_cmp(a->events[i].reported_on, as_of) <= 0; i++)
        last = a->events[i].reported_on;
    return last;
}

static void assignment_warnings(struct ctx *c, size_t ai, int only)
{
    const struct prog_assignment *a = &c->p->assignments[ai];
    const struct prog_task *t = &c->p->tasks[a->task];
    enum bucket b = c->in->now->assignment_bucket[ai];
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    if (b == BUCKET_OVERDUE && wanted(c, WARN_OVERDUE, only))
        add(c, WARN_OVERDUE, a->task, -1, a->agency, date_add_days(t->due, 1),
            "Quá hạn %ld ngày (thời hạn %s), chưa báo cáo hoàn thành",
            date_to_days(c->as_of) - date_to_days(t->due), dmy(t->due, d1));
    long days = c->s->rule[WARN_DUE_SOON].days;
    if (b == BUCKET_IN_PROGRESS && date_is_set(t->due) && wanted(c, WARN_DUE_SOON, only) &&
        date_to_days(t->due) - date_to_days(c->as_of) <= days)
        add(c, WARN_DUE_SOON, a->task, -1, a->agency, date_add_days(t->due, -days),
            "Còn %ld ngày đến hạn (%s), chưa báo cáo hoàn thành",
            date_to_days(t->due) - date_to_days(c->as_of), dmy(t->due, d1));
    if (b == BUCKET_DONE_ON_TIME || b == BUCKET_DONE_LATE || !wanted(c, WARN_NO_REPORT, only))
        return;
    days = c->s->rule[WARN_NO_REPORT].days;
    struct date last = last_report(a, c->as_of);
    struct date from = date_is_set(last) || !t->n_documents
                           ? last
                           : c->p->documents[t->documents[0]].date;
    if (!date_is_set(from) || date_to_days(c->as_of) - date_to_days(from) < days)
        return;
    if (date_is_set(last))
        add(c, WARN_NO_REPORT, a->task, -1, a->agency, date_add_days(from, days),
            "%ld ngày chưa có báo cáo tiến độ (báo cáo gần nhất ngày %s)",
            date_to_days(c->as_of) - date_to_days(from), dmy(last, d2));
    else
        add(c, WARN_NO_REPORT, a->task, -1, a->agency, date_add_days(from, days),
            "Chưa có báo cáo tiến độ nào từ khi giao nhiệm vụ (văn bản ngày %s)",
            dmy(from, d2));
}

static void task_warnings(struct ctx *c, int only)
{
    const struct report *r = c->in->now;
    for (size_t i = 0; i < r->n_items; i++) {
        const struct prog_task *t = &c->p->tasks[r->items[i].task];
        for (size_t k = 0; k < t->n_assignments; k++)
            if (r->assignment_bucket[t->assignments[k]] != N_BUCKETS)
                assignment_warnings(c, t->assignments[k], only);
    }
}

/* green 0, amber 1, red 2; grey (not measured) -1: never compared. */
static int badness(enum indicator_status s)
{
    return s == IND_GREEN ? 0 : s == IND_AMBER ? 1 : s == IND_RED ? 2 : -1;
}

static void indicator_warnings(struct ctx *c, int only)
{
    const struct indicator_board *b = c->in->board, *before = c->in->board_month_ago;
    char d1[DATE_ISO_LEN];
    for (size_t i = 0; b && i < b->n; i++) {
        if (!indicator_board_counted(b, i))
            continue;
        const struct indicator *x = &b->x[i];
        const struct indicator_result *res = &b->r[i];
        size_t agency = x->agency_id ? programme_find_agency(c->p, x->agency_id) : PROG_NONE;
        if (res->status == IND_RED && wanted(c, WARN_INDICATOR_RED, only))
            add(c, WARN_INDICATOR_RED, PROG_NONE, (long)i, agency,
                res->latest ? res->latest->on : c->as_of, "Chỉ tiêu %s ở mức đỏ: %s", x->code,
                res->rule ? res->rule : "");
        long k = before ? indicator_board_find(before, x->id) : -1;
        if (k < 0 || !wanted(c, WARN_INDICATOR_WORSE, only))
            continue;
        int now = badness(res->status), then = badness(before->r[k].status);
        if (now > then && then >= 0)
            add(c, WARN_INDICATOR_WORSE, PROG_NONE, (long)i, agency, c->as_of,
                "Chỉ tiêu %s chuyển từ %s sang %s so với ngày %s", x->code,
                indicator_status_label(before->r[k].status), indicator_status_label(res->status),
                dmy(c->in->month_ago ? c->in->month_ago->opt.as_of : c->as_of, d1));
    }
}

/* On-time completion among a unit's assignments due (rank.h's rate), or -1 with none due. */
static long on_time_rate(const struct bucket_counts *a)
{
    long due = rank_due(a);
    return due ? percent_round(a->n[BUCKET_DONE_ON_TIME], due) : -1;
}

static const struct report_agency_row *row_of(const struct report *r, size_t agency)
{
    for (size_t i = 0; r && i < r->n_by_agency; i++)
        if (r->by_agency[i].agency == agency)
            return &r->by_agency[i];
    return NULL;
}

static void unit_warnings(struct ctx *c, int only)
{
    if (!wanted(c, WARN_UNIT_RATE, only))
        return;
    const struct report *r = c->in->now, *prev = c->in->month_ago;
    long threshold = c->s->rule[WARN_UNIT_RATE].threshold;
    char d1[DATE_ISO_LEN];
    for (size_t i = 0; i < r->n_by_agency; i++) {
        const struct report_agency_row *row = &r->by_agency[i];
        long rate = on_time_rate(&row->assignments);
        const struct report_agency_row *was = row_of(prev, row->agency);
        long before = was ? on_time_rate(&was->assignments) : -1;
        if (rate < 0)
            continue;
        if (rate < threshold)
            add(c, WARN_UNIT_RATE, PROG_NONE, -1, row->agency, c->as_of,
                "Tỷ lệ hoàn thành đúng hạn %ld%% (dưới ngưỡng %ld%%) trong các nhiệm vụ đến hạn",
                rate, threshold);
        else if (before >= 0 && rate < before)
            add(c, WARN_UNIT_RATE, PROG_NONE, -1, row->agency, c->as_of,
                "Tỷ lệ hoàn thành đúng hạn giảm từ %ld%% (ngày %s) xuống %ld%%", before,
                dmy(prev->opt.as_of, d1), rate);
    }
}

static int warning_cmp(const void *x, const void *y)
{
    const struct warning *a = x, *b = y;
    if (a->severity != b->severity)
        return a->severity < b->severity ? -1 : 1;
    int u = collate_vi(a->unit, b->unit);
    if (u)
        return u;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    if (a->task != b->task)
        return a->task < b->task ? -1 : 1;
    return (a->indicator > b->indicator) - (a->indicator < b->indicator);
}

static void sort_list(struct warning_list *out)
{
    if (out->n) /* qsort() must not be given the NULL of an empty list */
        qsort(out->v, out->n, sizeof(*out->v), warning_cmp);
}

void warnings_build(const struct warning_input *in, const struct warning_settings *s,
                    size_t agency, int rule, struct warning_list *out)
{
    struct ctx c = { in, s, in->now->prog, in->now->opt.as_of, agency, out };
    task_warnings(&c, rule);
    indicator_warnings(&c, rule);
    unit_warnings(&c, rule);
    sort_list(out);
}

void warnings_build_task(const struct warning_input *in, const struct warning_settings *s,
                         size_t task, struct warning_list *out)
{
    struct ctx c = { in, s, in->now->prog, in->now->opt.as_of, PROG_NONE, out };
    const struct prog_task *t = &c.p->tasks[task];
    for (size_t k = 0; k < t->n_assignments; k++)
        if (in->now->assignment_bucket[t->assignments[k]] != N_BUCKETS)
            assignment_warnings(&c, t->assignments[k], -1);
    sort_list(out);
}

void warning_list_release(struct warning_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].reason);
    free(l->v);
    *l = (struct warning_list)WARNING_LIST_INIT;
}
