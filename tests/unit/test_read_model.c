/*
 * The read model follows writes (issue #12): after each step of a
 * randomized sequence of writes — progress reports through the store and
 * from another connection (backdated among an assignment's reports,
 * completions, reopenings), imports, due dates a person sets, aliases —
 * the server's cache, which derives its snapshot from the previous one
 * when only reports were written, gives byte for byte the report JSON that
 * a cache made afresh (a restarted server: a full load) gives, as of
 * several dates and for a unit's scope. The derived path is taken (the
 * test fails if every step reloaded), and so is the reload of a derived
 * snapshot grown past its bound. A report as of a past date is unchanged
 * by later reports dated after it. programme_derive() itself puts a
 * backdated report in replay order and never touches what it borrows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/gen.h"
#include "core/programme.h"
#include "import/import.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_edit.h"
#include "store/store_import.h"
#include "store/store_progress.h"
#include "store/store_registry.h"
#include "web/report_cache.h"
#include "testdb.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/giamsat-test-model.XXXXXX";
static char path[256];
static struct db *db;
static struct registry reg = REGISTRY_INIT;
static struct gen *gen; /* its reports are written a chunk at a time, between other writes */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static long sql_reports; /* fingerprints of the reports written by SQL */

static const struct date today = { 2026, 11, 30 };

static uint32_t below(uint32_t n)
{
    rng ^= rng << 13; /* xorshift64: the sequence is the same on every run */
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return n ? (uint32_t)(rng % n) : 0;
}

static void load_registry(void)
{
    struct err e = ERR_INIT;
    registry_release(&reg);
    reg = (struct registry)REGISTRY_INIT;
    assert_int_equal(store_load_registry(db, &reg, &e), 0);
}

/* A generated programme's tasks, and its generator left holding the reports. */
static void write_programme(void)
{
    struct err e = ERR_INIT;
    testdb_seed_registry(db, &reg);
    load_registry();
    struct gen_options o = { 57, 90, 600, today };
    gen = gen_new(&reg, &o);
    for (;;) {
        struct batch b = BATCH_INIT;
        struct resolved_task *rt = NULL;
        struct import_summary sum = { 0 };
        size_t n = gen_next_tasks(gen, &b, 40, &rt, &sum);
        struct import_options io = { .file = "gen" };
        if (n && store_import(db, &reg, &b, rt, &io, &sum, &e))
            fail_msg("import: %s", e.msg);
        import_summary_release(&sum);
        resolved_free(rt, b.n_tasks);
        batch_release(&b);
        if (!n)
            break;
    }
}

static int setup(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    if (!mkdtemp(dir))
        return -1;
    testdb_make(path, sizeof(path), dir, "model");
    if (db_open(path, &db, &e))
        return -1;
    write_programme();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    gen_free(gen);
    registry_release(&reg);
    db_close(db);
    testdb_remove(path, dir);
    return 0;
}

/* ---- writes ------------------------------------------------------------------------- */

/* The generator's next reports (up to max) through store_progress_add(); false when none are left. */
static bool write_gen_reports(size_t max)
{
    struct err e = ERR_INIT;
    struct batch b = BATCH_INIT;
    struct progress_options po = { "gen", "import", today, false, false };
    struct progress_summary sum = { 0 };
    size_t n = gen_next_reports(gen, &b, max);
    if (n && store_progress_add(db, &reg, &b, &po, &sum, &e))
        fail_msg("progress: %s", e.msg);
    if (n)
        assert_int_equal(sum.n_rejects, 0);
    progress_summary_release(&sum);
    batch_release(&b);
    return n > 0;
}

static struct date random_date(struct date from)
{
    long span = date_to_days(today) - date_to_days(from);
    return date_add_days(from, (long)below((uint32_t)span + 1));
}

/*
 * n reports on random live assignments from another connection (as the
 * command line would while the server runs), dated on or after `from`:
 * updates, completions (some days before the report) and reopenings, in
 * any date order against the assignment's other reports.
 */
static void write_sql_reports(int n, struct date from)
{
    for (int i = 0; i < n; i++) {
        struct date on = random_date(from), done = date_add_days(on, -(long)below(30));
        if (date_cmp(done, from) < 0)
            done = from;
        char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], sql[640];
        date_iso(on, d1);
        date_iso(done, d2);
        uint32_t k = below(10);
        const char *kind = k < 6 ? "progress" : k < 8 ? "done" : "reopen";
        snprintf(sql, sizeof(sql),
                 "INSERT INTO progress_report (assignment_id, reported_on, kind, completed_on,"
                 " original, source, entered_at, fingerprint)"
                 " SELECT id, '%s', '%s', %s%s%s, '', 'test', '2026-11-30T00:00:00Z', 'sql-%ld'"
                 " FROM assignment WHERE removed_import_id IS NULL"
                 " ORDER BY id LIMIT 1 OFFSET abs(%u %% (SELECT count(*) FROM assignment"
                 " WHERE removed_import_id IS NULL))",
                 d1, kind, k == 6 || k == 7 ? "'" : "", k == 6 || k == 7 ? d2 : "NULL",
                 k == 6 || k == 7 ? "'" : "", ++sql_reports, below(1u << 30));
        testdb_exec(path, sql);
    }
}

/* A person sets (or clears) a random task's due date: a rule edit, not a report. */
static void write_due(void)
{
    struct err e = ERR_INIT;
    char sql[160];
    snprintf(sql, sizeof(sql), "SELECT id FROM task ORDER BY id LIMIT 1 OFFSET %u",
             below(80));
    long id = testdb_query_id(path, sql);
    assert_true(id > 0);
    struct date due = below(4) ? random_date((struct date){ 2025, 1, 1 }) : DATE_NONE;
    assert_int_equal(store_task_set_due(db, id, due, "test", NULL, &e), 0);
}

/* Import the shipped plan (seed 002): new tasks, assignments and indicators. */
static void write_import(void)
{
    struct batch b = BATCH_INIT;
    struct import_summary sum = { 0 };
    struct import_options io = { .file = "002" };
    struct err e = ERR_INIT;
    const struct embedded_file *f = embedded_find("002_d7ea618fb136404a.txt");
    assert_non_null(f);
    assert_int_equal(import_read(f->data, f->len, "002", NULL, &b, &e), 0);
    struct resolved_task *rt = resolve_batch(&reg, &b, &sum);
    if (store_import(db, &reg, &b, rt, &io, &sum, &e))
        fail_msg("import: %s", e.msg);
    import_summary_release(&sum);
    resolved_free(rt, b.n_tasks);
    batch_release(&b);
}

static void write_alias(void)
{
    struct err e = ERR_INIT;
    char alias[48];
    snprintf(alias, sizeof(alias), "Đơn vị thử %u", below(1u << 30));
    size_t linked = 0;
    long id = reg.agencies[0].id;
    struct audit_entry a = { .actor = "cli", .action = "alias.add" };
    assert_int_equal(store_alias_add(db, id, id, alias, &a, &linked, &e), 0);
    load_registry();
}

/* ---- comparing -------------------------------------------------------------------- */

static const struct date dates[] = { { 2025, 6, 30 }, { 2025, 12, 31 }, { 2026, 6, 30 },
                                     { 2026, 11, 30 } };
#define N_DATES (sizeof(dates) / sizeof(dates[0]))

/* The report JSON of c as of d, for the whole programme or (agency_id) one unit. */
static char *report_json(struct report_cache *c, struct date d, long agency_id,
                         struct cached_snapshot **snap_out)
{
    struct err e = ERR_INIT;
    struct cached_snapshot *s = NULL;
    struct cached_report *r = NULL;
    size_t len = 0;
    if (report_cache_snapshot(c, db, &s, &e))
        fail_msg("snapshot: %s", e.msg);
    struct report_options o = { d, DATE_NONE, PROG_NONE, PROG_NONE };
    if (agency_id)
        o.agency = programme_find_agency(&s->prog, agency_id);
    if (report_cache_report(c, s, &o, &r, &e))
        fail_msg("report: %s", e.msg);
    char *json = strdup(report_cache_json(c, r, NULL, &len));
    assert_int_equal(strlen(json), len);
    report_cache_report_put(c, r);
    if (snap_out)
        *snap_out = s; /* still referenced: the caller puts it back */
    else
        report_cache_snapshot_put(c, s);
    return json;
}

/* The unit with most assignments: its scope has something to count. */
static long busiest_agency(void)
{
    return testdb_query_id(path, "SELECT agency_id FROM assignment GROUP BY agency_id"
                                 " ORDER BY count(*) DESC, agency_id LIMIT 1");
}

/*
 * The followed cache against a fresh one, as of every date and for one unit;
 * returns whether the followed snapshot was derived.
 */
static bool assert_same_as_rebuild(struct report_cache *followed, long agency_id)
{
    struct report_cache *fresh = report_cache_new(8);
    struct cached_snapshot *s = NULL;
    bool derived = false;
    for (size_t i = 0; i < N_DATES; i++) {
        char *a = report_json(followed, dates[i], 0, i ? NULL : &s);
        char *b = report_json(fresh, dates[i], 0, NULL);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    char *a = report_json(followed, today, agency_id, NULL);
    char *b = report_json(fresh, today, agency_id, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
    derived = s->root != NULL;
    report_cache_snapshot_put(followed, s);
    report_cache_free(fresh);
    return derived;
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_follows_writes(void **state)
{
    (void)state;
    struct report_cache *c = report_cache_new(8);
    report_cache_set_compact(c, 40); /* so that derived snapshots also get reloaded */
    long agency_id = busiest_agency();
    assert_true(agency_id > 0);
    size_t derived = 0, steps = 0;
    bool imported = false, gen_left = true;
    assert_false(assert_same_as_rebuild(c, agency_id)); /* the first is loaded */
    for (int step = 0; step < 60; step++, steps++) {
        uint32_t op = below(20);
        if (op < 9)
            write_sql_reports(1 + (int)below(6), (struct date){ 2025, 1, 1 });
        else if (op < 14 && gen_left)
            gen_left = write_gen_reports(1 + below(60));
        else if (op < 16)
            write_due();
        else if (op == 16 && !imported && step > 20)
            write_import(), imported = true;
        else if (op == 17)
            write_alias();
        /* else nothing written: the same snapshot again */
        derived += assert_same_as_rebuild(c, agency_id);
    }
    if (!imported) {
        write_import();
        assert_false(assert_same_as_rebuild(c, agency_id)); /* an import loads */
    }
    write_sql_reports(3, (struct date){ 2025, 1, 1 });
    assert_true(assert_same_as_rebuild(c, agency_id) || derived);
    assert_true(derived >= steps / 4); /* most report-only steps followed, not reloaded */
    report_cache_free(c);
}

/* A report as of a past date stays the same while later-dated reports arrive. */
static void test_past_report_unchanged(void **state)
{
    (void)state;
    struct report_cache *c = report_cache_new(8);
    const struct date past = { 2025, 12, 31 };
    char *before = report_json(c, past, 0, NULL);
    for (int step = 0; step < 25; step++) {
        write_sql_reports(1 + (int)below(5), date_add_days(past, 1));
        char *now = report_json(c, past, 0, NULL);
        assert_string_equal(now, before);
        free(now);
        char *a = report_json(c, today, 0, NULL);
        struct report_cache *fresh = report_cache_new(2);
        char *b = report_json(fresh, today, 0, NULL);
        assert_string_equal(a, b); /* and today's follows them */
        free(a);
        free(b);
        report_cache_free(fresh);
    }
    free(before);
    report_cache_free(c);
}

static struct progress_event event(int y, int m, int d, long seq, enum progress_kind k)
{
    return (struct progress_event){ { y, m, d }, seq, k, k == PROGRESS_DONE ? (struct date){ y, m, d } : DATE_NONE };
}

/* Derive twice from a two-assignment programme: replay order, sharing, and no chain. */
static void test_derive_in_memory(void **state)
{
    (void)state;
    struct programme p = PROGRAMME_INIT;
    p.n_assignments = 2;
    p.assignments = calloc(2, sizeof(*p.assignments));
    p.assignments[0] = (struct prog_assignment){ 10, 0, 0, calloc(2, sizeof(struct progress_event)), 2 };
    p.assignments[1] = (struct prog_assignment){ 20, 0, 0, calloc(1, sizeof(struct progress_event)), 1 };
    p.assignments[0].events[0] = event(2025, 3, 1, 1, PROGRESS_UPDATE);
    p.assignments[0].events[1] = event(2025, 9, 1, 3, PROGRESS_DONE);
    p.assignments[1].events[0] = event(2025, 5, 1, 2, PROGRESS_UPDATE);
    struct prog_new_event ev[] = { { 10, event(2025, 6, 1, 4, PROGRESS_REOPEN) },
                                   { 99, event(2025, 6, 1, 5, PROGRESS_UPDATE) } };
    struct programme d1, d2;
    programme_derive(&p, ev, 2, &d1);
    assert_ptr_equal(d1.root, &p);
    assert_int_equal(d1.n_changed, 1); /* assignment 99 is not in the programme: skipped */
    assert_int_equal(d1.assignments[0].n_events, 3);
    assert_int_equal(d1.assignments[0].events[1].seq, 4); /* backdated: before the completion */
    assert_int_equal(d1.assignments[0].events[2].seq, 3);
    assert_ptr_equal(d1.assignments[1].events, p.assignments[1].events); /* borrowed */
    assert_int_equal(p.assignments[0].n_events, 2); /* the root is untouched */
    struct prog_new_event ev2[] = { { 20, event(2025, 4, 1, 6, PROGRESS_DONE) } };
    programme_derive(&d1, ev2, 1, &d2);
    assert_ptr_equal(d2.root, &p); /* from the root, not from d1 */
    assert_int_equal(d2.n_changed, 2);
    programme_release(&d1); /* d2 owns its copies: d1 can go first */
    assert_int_equal(d2.assignments[0].n_events, 3);
    assert_int_equal(d2.assignments[0].events[1].seq, 4);
    assert_int_equal(d2.assignments[1].events[0].seq, 6);
    assert_int_equal(d2.assignments[1].events[1].seq, 2);
    assert_int_equal(programme_find_assignment(&d2, 20), 1);
    assert_int_equal(programme_find_assignment(&d2, 15), PROG_NONE);
    programme_release(&d2);
    assert_null(d2.assignments);
    programme_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derive_in_memory),
        cmocka_unit_test(test_follows_writes),
        cmocka_unit_test(test_past_report_unchanged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
