/*
 * Status as of a date and the statistics report: hand-computed fixtures
 * for every bucket and its edges, reminders, and a randomized check that
 * every report reconciles and that nothing goes from done back to not
 * done as the date advances unless a reopening report says so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/remind.h"
#include "core/report.h"
#include "core/report_notes.h"
#include "util/collate.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building a programme by hand ------------------------------------------- */

static struct date D(const char *iso)
{
    struct date d = DATE_NONE;
    if (iso && date_parse_iso(iso, &d))
        fail_msg("bad fixture date '%s'", iso);
    return d;
}

static size_t add_agency(struct programme *p, const char *name)
{
    p->agencies = xreallocarray(p->agencies, p->n_agencies + 1, sizeof(*p->agencies));
    p->agencies[p->n_agencies] =
        (struct prog_agency){ (long)p->n_agencies + 1, xstrdup(name), xstrdup("bo_nganh") };
    return p->n_agencies++;
}

static size_t add_document(struct programme *p, const char *name, const char *date)
{
    p->documents = xreallocarray(p->documents, p->n_documents + 1, sizeof(*p->documents));
    p->documents[p->n_documents] =
        (struct prog_document){ (long)p->n_documents + 1, xstrdup(name), D(date) };
    return p->n_documents++;
}

/* A task due on `due` ("recurring", "unknown" or an ISO date) in document doc. */
static size_t add_task(struct programme *p, const char *name, const char *due, size_t doc)
{
    p->tasks = xreallocarray(p->tasks, p->n_tasks + 1, sizeof(*p->tasks));
    struct prog_task *t = &p->tasks[p->n_tasks];
    *t = (struct prog_task){ .id = (long)p->n_tasks + 1 };
    t->code = xasprintf("%zu", p->n_tasks + 1);
    t->tt = xstrdup(t->code);
    t->name = xstrdup(name);
    t->field = xstrdup(p->n_tasks % 2 ? "Thể chế" : "Hạ tầng");
    t->deadline_text = xstrdup(due);
    t->lead_text = xstrdup("");
    if (!strcmp(due, "recurring"))
        t->deadline_kind = DEADLINE_RECURRING;
    else if (!strcmp(due, "unknown"))
        t->deadline_kind = DEADLINE_UNKNOWN;
    else
        t->due = D(due);
    if (doc != PROG_NONE) {
        t->documents = xcalloc(1, sizeof(size_t));
        t->documents[t->n_documents++] = doc;
    }
    return p->n_tasks++;
}

static size_t assign(struct programme *p, size_t task, size_t agency)
{
    p->assignments = xreallocarray(p->assignments, p->n_assignments + 1, sizeof(*p->assignments));
    p->assignments[p->n_assignments] =
        (struct prog_assignment){ (long)p->n_assignments + 1, task, agency, NULL, 0 };
    struct prog_task *t = &p->tasks[task];
    t->assignments = xreallocarray(t->assignments, t->n_assignments + 1, sizeof(size_t));
    t->assignments[t->n_assignments++] = p->n_assignments;
    return p->n_assignments++;
}

static void event(struct programme *p, size_t a, const char *reported, enum progress_kind kind,
                  const char *completed)
{
    struct prog_assignment *x = &p->assignments[a];
    x->events = xreallocarray(x->events, x->n_events + 1, sizeof(*x->events));
    x->events[x->n_events] =
        (struct progress_event){ D(reported), (long)x->n_events, kind, D(completed) };
    x->n_events++;
    status_sort_events(x->events, x->n_events);
}

/* ---- the fixture --------------------------------------------------------------- */

enum { A, B, C, DD };

struct fixture {
    struct programme p;
    size_t t_on_due_day, t_late, t_reopened, t_recurring, t_four, t_repeat, t_group, t_sub1,
        t_sub2, t_recurring_done;
};

/*
 * Hand-computed: see each task's comment for its bucket as of 2025-07-05
 * and the other dates the tests use.
 */
static void fixture_build(struct fixture *f)
{
    struct programme *p = &f->p;
    *p = (struct programme)PROGRAMME_INIT;
    const char *units[] = { "Bộ A", "Bộ B", "Bộ C", "Bộ D" };
    for (size_t i = 0; i < 4; i++)
        add_agency(p, units[i]);
    size_t d1 = add_document(p, "Thông báo số 01-TB/BCĐTW ngày 22/01/2025", "2025-01-22");
    size_t d2 = add_document(p, "Thông báo số 03-TB/BCĐTW ngày 06/3/2025", "2025-03-06");

    /* Completed on its due day, reported that day: done_on_time. */
    f->t_on_due_day = add_task(p, "on due day", "2025-06-30", d1);
    event(p, assign(p, f->t_on_due_day, A), "2025-06-30", PROGRESS_DONE, "2025-06-30");
    /* Completed a day late, reported 2025-07-02: overdue as of 07-01, done_late from 07-02. */
    f->t_late = add_task(p, "late", "2025-06-30", d1);
    size_t a_late = assign(p, f->t_late, A);
    event(p, a_late, "2025-06-15", PROGRESS_UPDATE, NULL);
    event(p, a_late, "2025-07-02", PROGRESS_DONE, "2025-07-01");
    /* Done 05-01, reopened 06-01: done until 05-31, in progress after, overdue in 2026. */
    f->t_reopened = add_task(p, "reopened", "2025-12-31", d1);
    size_t a_re = assign(p, f->t_reopened, B);
    event(p, a_re, "2025-05-01", PROGRESS_DONE, "2025-05-01");
    event(p, a_re, "2025-06-01", PROGRESS_REOPEN, NULL);
    /* Recurring, not completed: recurring. */
    f->t_recurring = add_task(p, "recurring", "recurring", d2);
    assign(p, f->t_recurring, A);
    /* Recurring and completed: done_on_time. */
    f->t_recurring_done = add_task(p, "recurring done", "recurring", d2);
    event(p, assign(p, f->t_recurring_done, C), "2025-04-01", PROGRESS_DONE, "2025-04-01");
    /* Four units, due 06-30; A, B, C done on time, D not: overdue, 1/4 not done. */
    f->t_four = add_task(p, "four units", "2025-06-30", d2);
    for (size_t u = A; u <= DD; u++) {
        size_t a = assign(p, f->t_four, u);
        if (u != DD)
            event(p, a, "2025-06-20", PROGRESS_DONE, "2025-06-20");
    }
    /* Repeats the first task: listed, not counted. */
    f->t_repeat = add_task(p, "repeat", "2025-06-30", d2);
    p->tasks[f->t_repeat].repeat_of_id = p->tasks[f->t_on_due_day].id;
    assign(p, f->t_repeat, A);
    /* A group (not counted) with two sub-tasks: one due 07-05 (in progress on that very
     * day), one with no date in its deadline (in progress, flagged). */
    f->t_group = add_task(p, "group", "2025-12-31", d2);
    p->tasks[f->t_group].is_group = true;
    f->t_sub1 = add_task(p, "sub due today", "2025-07-05", d2);
    assign(p, f->t_sub1, B);
    f->t_sub2 = add_task(p, "sub undated", "unknown", d2);
    assign(p, f->t_sub2, C);
}

static int fixture_setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof(*f));
    fixture_build(f);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    programme_release(&f->p);
    free(f);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    collate_shutdown();
    return 0;
}

static const struct report_task *item_of(const struct report *r, size_t task)
{
    for (size_t i = 0; i < r->n_items; i++)
        if (r->items[i].task == task)
            return &r->items[i];
    return NULL;
}

static void build(struct fixture *f, const char *as_of, struct report *r)
{
    struct report_options o = { D(as_of), DATE_NONE, PROG_NONE, PROG_NONE };
    struct err e = ERR_INIT;
    *r = (struct report)REPORT_INIT;
    if (report_build(&f->p, &o, r, &e))
        fail_msg("report as of %s: %s", as_of, e.msg);
    assert_true(r->reconciled);
}

/* ---- tests ----------------------------------------------------------------------- */

static const struct {
    const char *as_of;
    size_t which; /* offset of the task field in struct fixture */
    enum bucket bucket;
} bucket_cases[] = {
    { "2025-07-05", offsetof(struct fixture, t_on_due_day), BUCKET_DONE_ON_TIME },
    { "2025-06-29", offsetof(struct fixture, t_on_due_day), BUCKET_IN_PROGRESS },
    { "2025-07-01", offsetof(struct fixture, t_late), BUCKET_OVERDUE },
    { "2025-07-02", offsetof(struct fixture, t_late), BUCKET_DONE_LATE },
    { "2025-05-15", offsetof(struct fixture, t_reopened), BUCKET_DONE_ON_TIME },
    { "2025-06-01", offsetof(struct fixture, t_reopened), BUCKET_IN_PROGRESS },
    { "2026-01-01", offsetof(struct fixture, t_reopened), BUCKET_OVERDUE },
    { "2025-07-05", offsetof(struct fixture, t_recurring), BUCKET_RECURRING },
    { "2025-07-05", offsetof(struct fixture, t_recurring_done), BUCKET_DONE_ON_TIME },
    { "2025-03-31", offsetof(struct fixture, t_recurring_done), BUCKET_RECURRING },
    { "2025-07-05", offsetof(struct fixture, t_four), BUCKET_OVERDUE },
    { "2025-06-25", offsetof(struct fixture, t_four), BUCKET_IN_PROGRESS },
    { "2025-07-05", offsetof(struct fixture, t_sub1), BUCKET_IN_PROGRESS },
    { "2025-07-06", offsetof(struct fixture, t_sub1), BUCKET_OVERDUE },
    { "2030-01-01", offsetof(struct fixture, t_sub2), BUCKET_IN_PROGRESS },
};

static void test_buckets(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i < sizeof(bucket_cases) / sizeof(*bucket_cases); i++) {
        size_t task = *(const size_t *)((const char *)f + bucket_cases[i].which);
        struct report r;
        build(f, bucket_cases[i].as_of, &r);
        const struct report_task *it = item_of(&r, task);
        if (!it || it->bucket != bucket_cases[i].bucket)
            fail_msg("'%s' as of %s: got %s, want %s", f->p.tasks[task].name,
                     bucket_cases[i].as_of, it ? bucket_key(it->bucket) : "(not counted)",
                     bucket_key(bucket_cases[i].bucket));
        report_release(&r);
    }
}

static void test_headline(void **state)
{
    struct fixture *f = *state;
    struct report r;
    build(f, "2025-07-05", &r);
    /* 10 tasks - 1 group - 1 repeat = 8 counted: on time {due day, recurring done},
     * late {late}, in progress {reopened, sub today, sub undated}, recurring {recurring},
     * overdue {four units}. */
    const long want[N_BUCKETS] = { 2, 1, 3, 1, 1 };
    for (int b = 0; b < N_BUCKETS; b++)
        if (r.tasks.n[b] != want[b])
            fail_msg("tasks.%s = %ld, want %ld", bucket_key((enum bucket)b), r.tasks.n[b],
                     want[b]);
    assert_int_equal(r.n_items, 8);
    assert_int_equal(r.repeats_not_counted, 1);
    assert_int_equal(r.no_due_date, 1);
    /* Assignments: the four-unit task counts 3 on time + 1 overdue. */
    const long want_a[N_BUCKETS] = { 5, 1, 3, 1, 1 };
    for (int b = 0; b < N_BUCKETS; b++)
        assert_int_equal(r.assignments.n[b], want_a[b]);
    /* by_document partitions the counted tasks: 3 in the first, 5 in the second. */
    assert_int_equal(r.n_by_document, 2);
    assert_int_equal(bucket_total(&r.by_document[0].tasks), 3);
    assert_int_equal(bucket_total(&r.by_document[1].tasks), 5);
    assert_int_equal(r.by_document[1].repeats, 1);
    assert_int_equal(percent_round(3, 8), 38); /* 37.5 rounds half up */
    report_release(&r);
}

static void test_four_units_one_not_done(void **state)
{
    struct fixture *f = *state;
    struct report r;
    build(f, "2025-07-05", &r);
    assert_int_equal(r.n_overdue, 1);
    const struct report_task *it = &r.items[r.overdue[0]];
    assert_int_equal(it->task, f->t_four);
    assert_int_equal(it->units_total, 4);
    assert_int_equal(it->units_not_done, 1);
    assert_string_equal(f->p.agencies[it->not_done[0]].name, "Bộ D");
    /* The unit table puts the unit with overdue work first. */
    assert_string_equal(f->p.agencies[r.by_agency[0].agency].name, "Bộ D");
    assert_int_equal(r.by_agency[0].assignments.n[BUCKET_OVERDUE], 1);
    report_release(&r);
}

/*
 * The report's ranking (core/rank.h) on the hand-computed example: by
 * on-time among due (done + overdue): Bộ C 2/2, Bộ B 1/1 (fewer done on
 * time than C), Bộ A 2/3, Bộ D 0/1. The old rule (on time / all) would
 * have put Bộ C, A, B, D. The group and the repeat are not counted.
 */
static void test_ranking_and_exclusions(void **state)
{
    struct fixture *f = *state;
    struct report r;
    build(f, "2025-07-05", &r);
    static const char *const order[] = { "Bộ C", "Bộ B", "Bộ A", "Bộ D" };
    static const long due[] = { 2, 1, 3, 1 };
    assert_int_equal(r.n_ranked, 4);
    for (size_t k = 0; k < 4; k++) {
        const struct report_agency_row *row = &r.by_agency[r.ranking[k]];
        assert_string_equal(f->p.agencies[row->agency].name, order[k]);
        assert_int_equal(row->rank, (long)k + 1);
        assert_int_equal(row->due, due[k]);
    }
    assert_int_equal(report_task_exclusion(&r, f->t_group), REPORT_GROUP);
    assert_int_equal(report_task_exclusion(&r, f->t_repeat), REPORT_REPEAT);
    assert_int_equal(report_task_exclusion(&r, f->t_four), REPORT_COUNTED);
    report_release(&r);
}

static void test_due_soon_and_filters(void **state)
{
    struct fixture *f = *state;
    struct report r;
    struct err e = ERR_INIT;
    build(f, "2025-07-05", &r);
    /* In progress with a date by 31/12: reopened (12-31) and sub due today (07-05). */
    assert_int_equal(r.n_due_soon, 2);
    assert_int_equal(r.items[r.due_soon[0]].task, f->t_sub1);
    report_release(&r);

    struct report_options o = { D("2025-07-05"), D("2025-07-31"), PROG_NONE, B };
    r = (struct report)REPORT_INIT;
    assert_int_equal(report_build(&f->p, &o, &r, &e), 0);
    /* Bộ B leads: reopened, four units, sub due today. */
    assert_int_equal(r.n_items, 3);
    assert_int_equal(r.n_by_agency, 1);
    assert_int_equal(r.n_due_soon, 1);
    /* Seen from Bộ B alone, the four-unit task is done on time. */
    assert_int_equal(item_of(&r, f->t_four)->bucket, BUCKET_DONE_ON_TIME);
    report_release(&r);

    struct report_options bad = { D("2025-07-05"), D("2025-07-01"), PROG_NONE, PROG_NONE };
    r = (struct report)REPORT_INIT;
    assert_int_equal(report_build(&f->p, &bad, &r, &e), ERR_INVALID);
    report_release(&r);
}

static void test_reminders(void **state)
{
    struct fixture *f = *state;
    struct report r;
    struct reminders rm = REMINDERS_INIT;
    build(f, "2025-07-05", &r);
    remind_build(&r, 0, &rm);
    /* Bộ D: one overdue (5 days); Bộ B: sub due today (0 days left). */
    assert_int_equal(rm.n_units, 2);
    assert_string_equal(f->p.agencies[rm.units[0].agency].name, "Bộ D");
    assert_true(rm.units[0].items[0].overdue);
    assert_int_equal(rm.units[0].items[0].days, 5);
    assert_string_equal(f->p.agencies[rm.units[1].agency].name, "Bộ B");
    assert_int_equal(rm.units[1].items[0].days, 0);
    reminders_release(&rm);
    report_release(&r);
}

/* ---- randomized -------------------------------------------------------------------- */

static unsigned rnd(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

static char *rand_date(unsigned *seed)
{
    struct date d = date_add_days(D("2025-01-01"), (long)(rnd(seed) % 500));
    char iso[DATE_ISO_LEN];
    date_iso(d, iso);
    return xstrdup(iso);
}

static void random_programme(struct programme *p, unsigned seed)
{
    *p = (struct programme)PROGRAMME_INIT;
    for (int i = 0; i < 6; i++) {
        char name[32];
        snprintf(name, sizeof(name), "Đơn vị %d", i);
        add_agency(p, name);
    }
    size_t doc = add_document(p, "Kế hoạch số 1/KH-X ngày 01/01/2025", "2025-01-01");
    for (int t = 0; t < 60; t++) {
        unsigned k = rnd(&seed) % 10;
        char *due = k == 0 ? xstrdup("recurring") : k == 1 ? xstrdup("unknown") : rand_date(&seed);
        size_t ti = add_task(p, "random", due, rnd(&seed) % 5 ? doc : PROG_NONE);
        free(due);
        p->tasks[ti].repeat_of_id = rnd(&seed) % 15 == 0 ? 1 : 0;
        for (unsigned u = 0, n = 1 + rnd(&seed) % 4; u < n; u++) {
            size_t a = assign(p, ti, (ti + u) % 6);
            for (unsigned e = rnd(&seed) % 4; e > 0; e--) {
                char *rep = rand_date(&seed);
                enum progress_kind kind = (enum progress_kind)(rnd(&seed) % 3);
                char *done = kind == PROGRESS_DONE ? xstrdup(rep) : NULL;
                event(p, a, rep, kind, done);
                free(rep);
                free(done);
            }
        }
    }
}

/* A reopening counted in (from, to]? */
static bool reopened_between(const struct prog_assignment *a, struct date from, struct date to)
{
    for (size_t i = 0; i < a->n_events; i++)
        if (a->events[i].kind == PROGRESS_REOPEN && date_cmp(a->events[i].reported_on, from) > 0 &&
            date_cmp(a->events[i].reported_on, to) <= 0)
            return true;
    return false;
}

static void test_randomized(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 20; seed++) {
        struct programme p;
        random_programme(&p, seed);
        bool *was_done = xcalloc(p.n_assignments, sizeof(bool));
        struct date prev = D("2024-12-31");
        for (struct date d = D("2025-01-01"); date_cmp(d, D("2026-06-01")) < 0;
             d = date_add_days(d, 7)) {
            struct report r = REPORT_INIT;
            struct report_options o = { d, DATE_NONE, PROG_NONE, PROG_NONE };
            struct err e = ERR_INIT;
            if (report_build(&p, &o, &r, &e) || !r.reconciled)
                fail_msg("seed %u as of %d-%d-%d: %s", seed, d.y, d.m, d.d, e.msg);
            for (size_t ai = 0; ai < p.n_assignments; ai++) {
                enum bucket b = r.assignment_bucket[ai];
                bool done = b == BUCKET_DONE_ON_TIME || b == BUCKET_DONE_LATE;
                if (was_done[ai] && !done && !reopened_between(&p.assignments[ai], prev, d))
                    fail_msg("seed %u: assignment %zu went from done to not done", seed, ai);
                was_done[ai] = done;
            }
            report_release(&r);
            prev = d;
        }
        free(was_done);
        programme_release(&p);
    }
}

/* The task-status filter: keys, masks and the list of keys in messages agree (core/status.h). */
static void test_status_filter(void **state)
{
    (void)state;
    assert_int_equal(status_filter_parse("overdue"), 1u << BUCKET_OVERDUE);
    assert_int_equal(status_filter_parse("done"), 1u << BUCKET_DONE_ON_TIME | 1u << BUCKET_DONE_LATE);
    assert_int_equal(status_filter_parse("in_progress_on_time"),
                     1u << BUCKET_IN_PROGRESS | 1u << BUCKET_RECURRING);
    assert_int_equal(status_filter_parse("late"), 0);
    assert_int_equal(status_filter_parse(NULL), 0);
    assert_true(status_filter_keeps(0, N_BUCKETS));
    assert_true(status_filter_keeps(status_filter_parse("done"), BUCKET_DONE_LATE));
    assert_false(status_filter_keeps(status_filter_parse("done"), BUCKET_OVERDUE));
    assert_false(status_filter_keeps(status_filter_parse("overdue"), N_BUCKETS));
    /* every bucket key is a filter of that bucket alone */
    for (int b = 0; b < N_BUCKETS; b++)
        assert_int_equal(status_filter_parse(bucket_key((enum bucket)b)), 1u << b);
    char keys[256] = "";
    size_t len = 0;
    const char *key, *label;
    for (size_t i = 0; status_filter_choice(i, &key, &label); i++) {
        assert_true(status_filter_parse(key) != 0 && label[0]);
        len += (size_t)snprintf(keys + len, sizeof(keys) - len, "%s%s", i ? ", " : "", key);
        assert_true(len < sizeof(keys));
    }
    assert_string_equal(keys, status_filter_keys());
}

/* ---- issue #14: documents' union, stale flags, the units' table, issues ----------- */

static void build_opts(struct fixture *f, struct report_options *o, struct report *r)
{
    struct err e = ERR_INIT;
    *r = (struct report)REPORT_INIT;
    if (report_build(&f->p, o, r, &e))
        fail_msg("report: %s", e.msg);
    assert_true(r->reconciled);
}

/* A report on two documents is the sum of the reports on each (every task has one). */
static void test_documents_union(void **state)
{
    struct fixture *f = *state;
    size_t both[] = { 1, 0 }, one[] = { 0 }, two[] = { 1 };
    struct report_options o = { D("2025-07-05"), DATE_NONE, PROG_NONE, PROG_NONE, both, 2 };
    struct report r, r1, r2, all;
    build_opts(f, &o, &r);
    o.documents = one;
    o.n_documents = 1;
    build_opts(f, &o, &r1);
    o.documents = two;
    build_opts(f, &o, &r2);
    build(f, "2025-07-05", &all);
    for (int b = 0; b < N_BUCKETS; b++) {
        assert_int_equal(r.tasks.n[b], r1.tasks.n[b] + r2.tasks.n[b]);
        assert_int_equal(r.tasks.n[b], all.tasks.n[b]);
        assert_int_equal(r.assignments.n[b], r1.assignments.n[b] + r2.assignments.n[b]);
    }
    /* each task under its own document, in date order whatever order the filter names them */
    assert_int_equal(r.n_by_document, 2);
    assert_int_equal(r.by_document[0].document, 0);
    assert_int_equal(bucket_total(&r.by_document[0].tasks), bucket_total(&r1.tasks));
    assert_int_equal(r.repeats_not_counted, r1.repeats_not_counted + r2.repeats_not_counted);
    report_release(&r);
    report_release(&r1);
    report_release(&r2);
    report_release(&all);
}

/*
 * As of 05/7/2025 the open assignments are: reopened (Bộ B, last report 01/6: 34 days), and
 * four never reported, counted from their document's date 06/3/2025 (121 days): recurring
 * (Bộ A), four units' Bộ D, sub due today (Bộ B), sub undated (Bộ C).
 */
static void test_stale_edge(void **state)
{
    struct fixture *f = *state;
    struct report r;
    build(f, "2025-07-05", &r);
    size_t n;
    struct report_stale *v = report_stale_build(&r, 34, &n); /* exactly 34 days: not stale */
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(v[i].days, 121);
        assert_false(date_is_set(v[i].last));
        assert_int_equal(date_cmp(v[i].since, D("2025-03-06")), 0);
    }
    free(v);
    v = report_stale_build(&r, 33, &n); /* 34 > 33: stale, listed after the older ones */
    assert_int_equal(n, 5);
    assert_int_equal(v[4].days, 34);
    assert_int_equal(v[4].assignment, f->p.tasks[f->t_reopened].assignments[0]);
    assert_int_equal(date_cmp(v[4].last, D("2025-06-01")), 0);
    free(v);
    v = report_stale_build(&r, 121, &n);
    assert_int_equal(n, 0);
    assert_null(v);
    report_release(&r);
}

/* Only units with an overdue or a due-by assignment; by khối, then more overdue first. */
static void test_unit_table(void **state)
{
    struct fixture *f = *state;
    struct report r;
    build(f, "2025-07-05", &r); /* Bộ B: 0 overdue, 2 due by 31/12; Bộ D: 1 overdue */
    size_t n;
    size_t *v = report_unit_table(&r, &n);
    assert_int_equal(n, 2);
    assert_string_equal(f->p.agencies[r.by_agency[v[0]].agency].name, "Bộ D");
    assert_string_equal(f->p.agencies[r.by_agency[v[1]].agency].name, "Bộ B");
    assert_int_equal(r.by_agency[v[1]].due_by, 2);
    free(v);
    free(f->p.agencies[B].kind); /* a party body comes before a ministry */
    f->p.agencies[B].kind = xstrdup("dang");
    v = report_unit_table(&r, &n);
    assert_string_equal(f->p.agencies[r.by_agency[v[0]].agency].name, "Bộ B");
    free(v);
    report_release(&r);
}

/* Issues of open assignments only, in task order; the others' texts are freed. */
static void test_issues_select(void **state)
{
    struct fixture *f = *state;
    struct report r;
    build(f, "2025-07-05", &r);
    const struct programme *p = &f->p;
    size_t sub2 = p->tasks[f->t_sub2].assignments[0], four_a = p->tasks[f->t_four].assignments[0];
    size_t re = p->tasks[f->t_reopened].assignments[0];
    struct report_issue *v = xcalloc(3, sizeof(*v));
    v[0] = (struct report_issue){ p->assignments[sub2].id, 0, D("2025-07-01"), xstrdup("c") };
    v[1] = (struct report_issue){ p->assignments[four_a].id, 0, D("2025-06-20"), xstrdup("done") };
    v[2] = (struct report_issue){ p->assignments[re].id, 0, D("2025-06-01"), xstrdup("b") };
    size_t n = report_issues_select(&r, v, 3);
    assert_int_equal(n, 2);
    assert_int_equal(v[0].assignment, re);
    assert_string_equal(v[0].text, "b");
    assert_int_equal(v[1].assignment, sub2);
    report_issues_free(v, n);
    report_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_buckets, fixture_setup, fixture_teardown),
        cmocka_unit_test(test_status_filter),
        cmocka_unit_test_setup_teardown(test_headline, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ranking_and_exclusions, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_four_units_one_not_done, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_due_soon_and_filters, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_reminders, fixture_setup, fixture_teardown),
        cmocka_unit_test(test_randomized),
        cmocka_unit_test_setup_teardown(test_documents_union, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_stale_edge, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_unit_table, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_issues_select, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, group_teardown);
}
