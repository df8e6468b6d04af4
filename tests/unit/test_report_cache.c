/*
 * The server's report cache: a hit is the same entry, the table stays within its bound
 * (least recently used out), a write moves the generation so the next request gets a new
 * snapshot, and what a holder keeps stays valid after eviction (ASan checks the reads).
 * The indicator board travels with each report: a measurement moves the generation, so the
 * next report has the new status while a held one keeps its own; a unit filter narrows it.
 * A snapshot's indicators are read in its own read transaction (a write committed during
 * the load, injected through SQLite's statement trace, waits for the next generation), and
 * so is the database's count of those with a target that every board is checked against
 * ("indicators.stored"), which agrees with the parsed targets on texts that are blank but
 * for markup, spaces or full stops. A report keeps its warnings per rules (a rule edit
 * builds a new list, the held one stays readable), and only the most recently used
 * reports keep one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/embedded.h"
#include "core/registry.h"
#include "core/resolve.h"
#include "import/import.h"
#include "store/store_import.h"
#include "store/store_indicators.h"
#include "store/store_programme.h"
#include "store/store_registry.h"
#include "web/report_cache.h"
#include "testdb.h"
#include "util/xalloc.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/giamsat-test-cache.XXXXXX";
static char path[256];
static struct db *db;

static int setup(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    if (!mkdtemp(dir))
        return -1;
    testdb_make(path, sizeof(path), dir, "cache");
    return db_open(path, &db, &e) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    testdb_remove(path, dir);
    return 0;
}

static struct report_options on(int y, int m, int d)
{
    return (struct report_options){ { y, m, d }, DATE_NONE, PROG_NONE, PROG_NONE };
}

/* Store the shipped registry's agencies (if not yet there) and leave it in *reg. */
static size_t seed_registry(struct registry *reg)
{
    return testdb_seed_registry(db, reg);
}

/* Add the shipped registry's agencies: a write to a table the snapshot reads. */
static void write_agencies(void)
{
    struct registry reg = REGISTRY_INIT;
    assert_true(seed_registry(&reg) > 0);
    registry_release(&reg);
}

/* Import seed 002 with the target texts of targets[i][0] replaced by targets[i][1]. */
static void store_plan_seed_with(const char *const (*targets)[2], size_t n_targets)
{
    struct registry reg = REGISTRY_INIT;
    struct batch b = BATCH_INIT;
    struct import_summary sum = { 0 };
    struct import_options io = { .file = "002" };
    struct err e = ERR_INIT;
    const struct embedded_file *f = embedded_find("002_d7ea618fb136404a.txt");
    assert_non_null(f);
    seed_registry(&reg); /* there already, or now: the ids are the database's, read back */
    registry_release(&reg);
    reg = (struct registry)REGISTRY_INIT;
    assert_int_equal(store_load_registry(db, &reg, &e), 0);
    assert_int_equal(import_read(f->data, f->len, "002", NULL, &b, &e), 0);
    for (size_t i = 0; i < b.n_indicators; i++)
        for (size_t k = 0; k < n_targets; k++)
            if (!strcmp(b.indicators[i].code, targets[k][0])) {
                free(b.indicators[i].target);
                b.indicators[i].target = xstrdup(targets[k][1]);
            }
    struct resolved_task *rt = resolve_batch(&reg, &b, &sum);
    if (store_import(db, &reg, &b, rt, &io, &sum, &e))
        fail_msg("import: %s", e.msg);
    resolved_free(rt, b.n_tasks);
    batch_release(&b);
    registry_release(&reg);
}

/* Import the shipped plan (seed 002): its 25 targets for 2025 are indicators. */
static void store_plan_seed(void)
{
    store_plan_seed_with(NULL, 0);
}

/* Measure indicator `code` on 31/12/2025 (a write to the measurement table). */
static void measure(const char *code, double value, const char *text)
{
    struct err e = ERR_INIT;
    long indicator_id = 0, id = 0;
    struct measurement m = { .on = { 2025, 12, 31 }, .has_value = true, .value = value };
    m.text = (char *)text;
    m.entered_via = (char *)"cli";
    assert_int_equal(store_indicator_find(db, code, NULL, &indicator_id, &e), 0);
    assert_int_equal(store_measurement_add(db, indicator_id, &m, NULL, &id, &e), 0);
}

/* Run sql on a connection of its own, as another process (sqlite3, an import) would. */
static void exec_sql(const char *sql)
{
    testdb_exec(path, sql);
}

/* The board's counted indicators (those with a target, as parsed). */
static long counted_of(const struct indicator_board *b)
{
    struct indicator_tally all;
    indicator_board_total(b, &all);
    free(all.label);
    return (long)all.total;
}

/* The board's "indicators.stored" check: the database's count against the board's. */
static struct report_check stored_check(const struct indicator_board *b)
{
    struct report_check checks[INDICATOR_BOARD_CHECKS];
    indicator_board_checks(b, checks);
    assert_int_equal(indicator_board_n_checks(b), INDICATOR_BOARD_CHECKS);
    assert_string_equal(checks[INDICATOR_BOARD_CHECKS - 1].key, "indicators.stored");
    return checks[INDICATOR_BOARD_CHECKS - 1];
}

static size_t count_of(const struct indicator_board *b, enum indicator_status s)
{
    struct indicator_tally all;
    indicator_board_total(b, &all);
    free(all.label);
    return all.count[s];
}

static void test_hit_bound_and_generation(void **state)
{
    (void)state;
    struct report_cache *c = report_cache_new(2);
    struct err e = ERR_INIT;
    struct cached_snapshot *s1 = NULL, *s1b = NULL, *s2 = NULL;
    struct cached_report *r1 = NULL, *hit = NULL, *r2 = NULL, *r3 = NULL, *again = NULL;

    assert_int_equal(report_cache_snapshot(c, db, &s1, &e), 0);
    assert_int_equal(report_cache_snapshot(c, db, &s1b, &e), 0);
    assert_ptr_equal(s1, s1b); /* same generation: the same snapshot */
    struct report_options o1 = on(2025, 12, 24), o2 = on(2025, 6, 30), o3 = on(2025, 3, 31);
    assert_int_equal(report_cache_report(c, s1, &o1, &r1, &e), 0);
    assert_int_equal(report_cache_report(c, s1, &o1, &hit, &e), 0);
    assert_ptr_equal(r1, hit);
    size_t len = 0, len2 = 0;
    const char *json = report_cache_json(c, r1, NULL, &len);
    assert_true(len > 2 && json[len - 1] == '\n' && strlen(json) == len);
    assert_ptr_equal(report_cache_json(c, hit, NULL, &len2), json); /* built once */
    report_cache_report_put(c, hit);

    /* A bound of two: the third report evicts the least recently used (r1). */
    assert_int_equal(report_cache_report(c, s1, &o2, &r2, &e), 0);
    assert_int_equal(report_cache_report(c, s1, &o2, &hit, &e), 0); /* r2 now more recent */
    report_cache_report_put(c, hit);
    assert_int_equal(report_cache_report(c, s1, &o3, &r3, &e), 0);
    assert_int_equal(report_cache_report(c, s1, &o1, &again, &e), 0);
    assert_ptr_not_equal(again, r1);
    assert_int_equal(r1->rep.opt.as_of.m, 12); /* still held, still readable */
    assert_memory_equal(json, report_cache_json(c, again, NULL, &len2), len);

    /* A write: the next snapshot is newer and has the rows. */
    write_agencies();
    assert_int_equal(report_cache_snapshot(c, db, &s2, &e), 0);
    assert_ptr_not_equal(s2, s1);
    assert_true(s2->stamp.generation > s1->stamp.generation);
    assert_true(s2->prog.n_agencies > 0 && s1->prog.n_agencies == 0);

    report_cache_report_put(c, again);
    report_cache_report_put(c, r3);
    report_cache_report_put(c, r2);
    report_cache_report_put(c, r1);
    report_cache_snapshot_put(c, s2);
    report_cache_snapshot_put(c, s1b);
    report_cache_snapshot_put(c, s1);
    report_cache_free(c);
}

/*
 * The current snapshot, seen without reading db's stamp: asked with a
 * database of generation 0, the cache answers with what it holds.
 */
static struct cached_snapshot *held_snapshot(struct report_cache *c, struct db *empty)
{
    struct cached_snapshot *s = NULL;
    struct err e = ERR_INIT;
    assert_int_equal(report_cache_snapshot(c, empty, &s, &e), 0);
    report_cache_snapshot_put(c, s);
    return s;
}

/* Two lists are the same warnings in the same order. */
static void assert_same_warnings(const struct warning_list *a, const struct warning_list *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_int_equal(a->v[i].rule, b->v[i].rule);
        assert_int_equal(a->v[i].task, b->v[i].task);
        assert_int_equal(a->v[i].indicator, b->v[i].indicator);
        assert_int_equal(a->v[i].agency, b->v[i].agency);
        assert_string_equal(a->v[i].reason, b->v[i].reason);
    }
}

/*
 * A report keeps its warnings under the rules they were built with: asked again under the
 * same rules, the same list; under other rules (a rule edit does not move the generation), a
 * new list in its place, each as warnings_build() makes it, while the old one stays readable
 * by its holder.
 */
static void test_warnings_kept(void **state)
{
    (void)state;
    struct report_cache *c = report_cache_new(4);
    struct err e = ERR_INIT;
    struct cached_snapshot *s = NULL;
    struct cached_report *now = NULL, *before = NULL;
    struct report_options o = on(2025, 12, 24), o_before = on(2025, 11, 24);
    assert_int_equal(report_cache_snapshot(c, db, &s, &e), 0);
    assert_int_equal(report_cache_report(c, s, &o, &now, &e), 0);
    assert_int_equal(report_cache_report(c, s, &o_before, &before, &e), 0);
    struct warning_input in = { &now->rep, &before->rep, &now->board, &before->board };

    struct warning_settings set = warning_defaults();
    struct cached_warnings *w1 = report_cache_warnings(c, now, before, &set);
    struct cached_warnings *hit = report_cache_warnings(c, now, before, &set);
    assert_ptr_equal(w1, hit); /* built once */
    report_cache_warnings_put(c, hit);
    struct warning_list direct = WARNING_LIST_INIT;
    warnings_build(&in, &set, PROG_NONE, -1, &direct);
    assert_true(direct.n > 0);
    assert_same_warnings(&w1->list, &direct);

    /* Turn off the rule of the first warning: a new list without it. */
    enum warning_rule off = direct.v[0].rule;
    size_t n_before = w1->list.n;
    set.rule[off].enabled = false;
    struct cached_warnings *w2 = report_cache_warnings(c, now, before, &set);
    assert_ptr_not_equal(w2, w1);
    warning_list_release(&direct);
    warnings_build(&in, &set, PROG_NONE, -1, &direct);
    assert_same_warnings(&w2->list, &direct);
    assert_true(w2->list.n < n_before);
    for (size_t i = 0; i < w2->list.n; i++)
        assert_int_not_equal(w2->list.v[i].rule, off);
    assert_int_equal(w1->list.n, n_before); /* replaced, still held, still readable */
    assert_int_equal(w1->list.v[0].rule, off);
    hit = report_cache_warnings(c, now, before, &set);
    assert_ptr_equal(hit, w2);
    report_cache_warnings_put(c, hit);

    warning_list_release(&direct);
    report_cache_warnings_put(c, w2);
    report_cache_warnings_put(c, w1);
    report_cache_report_put(c, before);
    report_cache_report_put(c, now);
    report_cache_snapshot_put(c, s);
    report_cache_free(c);
}

/* At most REPORT_CACHE_WARNINGS reports keep a list: the least recently used lets it go. */
static void test_warnings_bound(void **state)
{
    (void)state;
    enum { N = REPORT_CACHE_WARNINGS + 1 };
    struct report_cache *c = report_cache_new(2 * N);
    struct err e = ERR_INIT;
    struct cached_snapshot *s = NULL;
    struct cached_report *now[N], *before[N];
    struct cached_warnings *w[N];
    struct warning_settings set = warning_defaults();
    assert_int_equal(report_cache_snapshot(c, db, &s, &e), 0);
    for (int i = 0; i < N; i++) {
        struct report_options o = on(2025, 12, 1 + i), o_before = on(2025, 11, 1 + i);
        assert_int_equal(report_cache_report(c, s, &o, &now[i], &e), 0);
        assert_int_equal(report_cache_report(c, s, &o_before, &before[i], &e), 0);
        w[i] = report_cache_warnings(c, now[i], before[i], &set);
    }
    assert_null(now[0]->warnings); /* the oldest let its list go */
    for (int i = 1; i < N; i++)
        assert_ptr_equal(now[i]->warnings, w[i]);
    struct warning_list direct = WARNING_LIST_INIT;
    struct warning_input in = { &now[0]->rep, &before[0]->rep, &now[0]->board, &before[0]->board };
    warnings_build(&in, &set, PROG_NONE, -1, &direct);
    assert_same_warnings(&w[0]->list, &direct); /* still held, still readable */
    warning_list_release(&direct);
    struct cached_warnings *again = report_cache_warnings(c, now[0], before[0], &set);
    assert_ptr_not_equal(again, w[0]); /* built again */
    assert_null(now[1]->warnings);     /* now the least recently used */
    report_cache_warnings_put(c, again);
    for (int i = 0; i < N; i++) {
        report_cache_warnings_put(c, w[i]);
        report_cache_report_put(c, before[i]);
        report_cache_report_put(c, now[i]);
    }
    report_cache_snapshot_put(c, s);
    report_cache_free(c);
}

/* After a write of more than reports, settling loads the snapshot; after reports, it waits. */
static void test_settle(void **state)
{
    (void)state;
    struct report_cache *c = report_cache_new(4);
    struct err e = ERR_INIT;
    char empty_path[256];
    struct db *empty = NULL;
    testdb_make(empty_path, sizeof(empty_path), dir, "empty");
    assert_int_equal(db_open(empty_path, &empty, &e), 0);
    assert_int_equal(report_cache_settle(c, db, &e), 0); /* nothing held: nothing to do */

    struct cached_snapshot *s0 = NULL;
    assert_int_equal(report_cache_snapshot(c, db, &s0, &e), 0);
    report_cache_snapshot_put(c, s0);
    struct store_stamp none;
    assert_int_equal(store_data_stamp(empty, &none, &e), 0);
    assert_true(none.generation <= s0->stamp.generation);
    assert_true(s0->prog.n_assignments > 0);
    exec_sql("UPDATE agency SET kind = kind WHERE id = (SELECT min(id) FROM agency)");
    struct store_stamp now;
    assert_int_equal(store_data_stamp(db, &now, &e), 0);
    assert_true(now.structure > s0->stamp.structure);
    assert_ptr_equal(held_snapshot(c, empty), s0); /* not yet followed */
    assert_int_equal(report_cache_settle(c, db, &e), 0);
    struct cached_snapshot *s1 = held_snapshot(c, empty);
    assert_ptr_not_equal(s1, s0);
    assert_int_equal(s1->stamp.structure, now.structure);
    assert_int_equal(s1->stamp.generation, now.generation);

    /* A report moves the generation only: settling leaves it to the next reader. */
    exec_sql("INSERT INTO progress_report (assignment_id, reported_on, kind, original, source,"
             " entered_at, fingerprint) SELECT min(id), '2025-05-02', 'progress', '', 'cli',"
             " '2025-05-02T00:00:00Z', 'settle' FROM assignment");
    assert_int_equal(report_cache_settle(c, db, &e), 0);
    assert_ptr_equal(held_snapshot(c, empty), s1);
    db_close(empty);
    testdb_remove(empty_path, NULL);
    report_cache_free(c);
}

/* A failed build (due_by before as_of) is an error and is not kept. */
static void test_failed_build(void **state)
{
    (void)state;
    struct report_cache *c = report_cache_new(4);
    struct err e = ERR_INIT;
    struct cached_snapshot *s = NULL;
    struct cached_report *r = NULL;
    assert_int_equal(report_cache_snapshot(c, db, &s, &e), 0);
    struct report_options bad = on(2025, 12, 24);
    bad.due_by = (struct date){ 2025, 1, 1 };
    assert_int_equal(report_cache_report(c, s, &bad, &r, &e), ERR_INVALID);
    assert_null(r);
    report_cache_snapshot_put(c, s);
    report_cache_free(c);
}

static void test_indicators_fresh(void **state)
{
    (void)state;
    struct report_cache *c = report_cache_new(4);
    struct err e = ERR_INIT;
    struct cached_snapshot *s1 = NULL, *s2 = NULL;
    struct cached_report *r1 = NULL, *r2 = NULL, *unit = NULL;
    struct report_options o = on(2026, 1, 15);
    store_plan_seed();
    assert_int_equal(report_cache_snapshot(c, db, &s1, &e), 0);
    assert_int_equal(s1->n_indicators, 25);
    assert_int_equal(report_cache_report(c, s1, &o, &r1, &e), 0);
    assert_int_equal(r1->board.n, 25);
    assert_true(date_cmp(r1->board.as_of, o.as_of) == 0);
    assert_int_equal(count_of(&r1->board, IND_GREY), 25);
    /* The database counted the plan's 25 targets in the same read; the board agrees. */
    assert_int_equal(s1->counted.total, 25);
    assert_int_equal(r1->board.expected_counted, 25);
    struct report_check stored = stored_check(&r1->board);
    assert_int_equal(stored.total, 25);
    assert_int_equal(stored.sum, 25);
    size_t len = 0;
    assert_non_null(strstr(report_cache_json(c, r1, NULL, &len), "\"indicators\":{"));

    /* 75% against a target of 70%: green in the next report, never in the held one. */
    measure("KH2025.3", 75, "75%");
    assert_int_equal(report_cache_snapshot(c, db, &s2, &e), 0);
    assert_true(s2->stamp.generation > s1->stamp.generation);
    assert_int_equal(report_cache_report(c, s2, &o, &r2, &e), 0);
    assert_ptr_not_equal(r2, r1);
    assert_int_equal(count_of(&r2->board, IND_GREEN), 1);
    assert_int_equal(count_of(&r1->board, IND_GREY), 25);
    assert_non_null(strstr(report_cache_json(c, r2, NULL, &len), "\"green\":1,"));

    /* A unit filter: the plan's targets name no monitoring agency, so none is that unit's. */
    struct report_options ou = o;
    ou.agency = 0;
    assert_true(s2->prog.n_agencies > 0);
    assert_int_equal(report_cache_report(c, s2, &ou, &unit, &e), 0);
    assert_int_equal(unit->board.n, 0);
    assert_int_equal(unit->board.expected_counted, 0); /* scoped as the board is */

    report_cache_report_put(c, unit);
    report_cache_report_put(c, r2);
    report_cache_report_put(c, r1);
    report_cache_snapshot_put(c, s2);
    report_cache_snapshot_put(c, s1);
    report_cache_free(c);
}

/* ---- freshness: the indicators are read in the snapshot's own read transaction ---- */

static bool write_armed; /* the next read of the indicators on the traced connection writes first */
static bool insert_armed; /* ... adds an indicator with a target instead */

/* SQLITE_TRACE_STMT on the cache's connection: as the indicators' query starts, another
 * connection commits a measurement or a new indicator (a write of the next generation),
 * before the snapshot reads the indicators and the database counts those with a target. */
static int on_statement(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    (void)p;
    if (type != SQLITE_TRACE_STMT || !strstr((const char *)x, "FROM indicator i"))
        return 0;
    if (write_armed) {
        write_armed = false;
        measure("KH2025.4", 21, "21");
    }
    if (insert_armed) {
        insert_armed = false;
        /* as another giamsat process writes it: has_target read from the text */
        exec_sql("INSERT INTO indicator (code, name, unit, target_text, agency_text, has_target)"
                 " VALUES ('T.1', 'Chỉ tiêu thêm', '%', '≥ 50', '', 1)");
    }
    return 0;
}

static size_t n_measurements(const struct indicator *x, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += x[i].n_m;
    return k;
}

/*
 * A snapshot keyed by generation G holds the measurements of G: a write committed while
 * the snapshot is being read (after its generation, before its indicators) is not in it,
 * and the next request gets a newer snapshot that has it (review: the indicators were
 * read after the programme's transaction, so a snapshot of G could hold G+1's rows).
 */
static void test_snapshot_one_transaction(void **state)
{
    (void)state;
    if (testdb_is_pg())
        skip(); /* the write mid-load is made from SQLite's statement trace */
    struct err e = ERR_INIT;
    struct db *traced = NULL;
    struct indicator *x = NULL;
    size_t n = 0;
    long g0 = 0;
    assert_int_equal(store_data_generation(db, &g0, &e), 0);
    assert_int_equal(store_indicator_list(db, &x, &n, &e), 0);
    size_t before = n_measurements(x, n);
    indicators_free(x, n);
    /* only the cache's connection is traced */
    assert_int_equal(testdb_open_traced(path, on_statement, &traced, &e), 0);

    struct report_cache *c = report_cache_new(4);
    struct cached_snapshot *s = NULL, *s2 = NULL;
    write_armed = true;
    assert_int_equal(report_cache_snapshot(c, traced, &s, &e), 0);
    assert_false(write_armed); /* the write did happen, in the middle of the load */
    assert_int_equal(s->stamp.generation, g0);
    assert_int_equal(n_measurements(s->indicators, s->n_indicators), before);

    assert_int_equal(report_cache_snapshot(c, traced, &s2, &e), 0);
    assert_true(s2->stamp.generation > g0);
    assert_int_equal(n_measurements(s2->indicators, s2->n_indicators), before + 1);

    report_cache_snapshot_put(c, s2);
    report_cache_snapshot_put(c, s);
    report_cache_free(c);

    /* An indicator added between a snapshot's list and its count (a fresh cache: a load) is
     * in neither: the count is read in the same transaction, so the board still reconciles;
     * the next snapshot has both. */
    c = report_cache_new(4);
    struct cached_snapshot *s3 = NULL, *s4 = NULL;
    struct cached_report *r3 = NULL, *r4 = NULL;
    struct report_options o = on(2026, 1, 15);
    insert_armed = true;
    assert_int_equal(report_cache_snapshot(c, traced, &s3, &e), 0);
    assert_false(insert_armed);
    long n3 = (long)s3->n_indicators;
    assert_int_equal(s3->counted.total, n3); /* the plan's targets all have a text */
    if (report_cache_report(c, s3, &o, &r3, &e))
        fail_msg("%s", e.msg);
    assert_int_equal(report_cache_snapshot(c, traced, &s4, &e), 0);
    assert_int_equal(s4->n_indicators, n3 + 1);
    assert_int_equal(s4->counted.total, n3 + 1);
    assert_int_equal(report_cache_report(c, s4, &o, &r4, &e), 0);
    assert_int_equal(counted_of(&r4->board), n3 + 1);
    exec_sql("DELETE FROM indicator WHERE code = 'T.1'");

    report_cache_report_put(c, r4);
    report_cache_report_put(c, r3);
    report_cache_snapshot_put(c, s4);
    report_cache_snapshot_put(c, s3);
    report_cache_free(c);
    db_close(traced);
}

/*
 * The database's count (SQL over the stored texts) and the board's (target_parse()) agree
 * on texts with nothing to meet but markup, spaces or full stops (headings, not counted:
 * a bare trim(target_text) <> '' would count "$ $" and "." and refuse every report), and
 * on texts that are something to judge (". .", "-": counted); scoped to one agency too.
 */
static void test_stored_count_agrees(void **state)
{
    (void)state;
    /* written by an import: the count the database keeps is read from each text then */
    static const char *const odd[][2] = {
        { "KH2025.5", "$ $" },           { "KH2025.6", " . " },
        { "KH2025.7", "..." },           { "KH2025.8", "$.$\t" },
        { "KH2025.9", "\u00a0.\r" },     { "KH2025.10", "\u3000" },
        { "KH2025.11", ". ." },          { "KH2025.12", "-" },
        { "KH2025.13", ".\f" },
    };
    store_plan_seed_with(odd, sizeof(odd) / sizeof(*odd));
    exec_sql("UPDATE indicator SET agency_id = (SELECT min(id) FROM agency)"
             " WHERE code IN ('KH2025.5', 'KH2025.11', 'KH2025.14')");
    struct report_cache *c = report_cache_new(4);
    struct err e = ERR_INIT;
    struct cached_snapshot *s = NULL;
    struct cached_report *all = NULL, *unit = NULL;
    struct report_options o = on(2026, 1, 15);
    assert_int_equal(report_cache_snapshot(c, db, &s, &e), 0);
    assert_int_equal(s->n_indicators, 25);
    assert_int_equal(s->counted.total, 25 - 6); /* the six blank ones are headings */
    if (report_cache_report(c, s, &o, &all, &e))
        fail_msg("%s", e.msg);
    assert_int_equal(counted_of(&all->board), 25 - 6);
    struct report_check stored = stored_check(&all->board);
    assert_int_equal(stored.total, 19);
    assert_int_equal(stored.sum, 19);

    struct report_options ou = o;
    ou.agency = 0; /* the first agency by id: min(id) */
    assert_int_equal(report_cache_report(c, s, &ou, &unit, &e), 0);
    assert_int_equal(unit->board.n, 3);
    assert_int_equal(unit->board.expected_counted, 2); /* "$ $" is not counted */
    assert_int_equal(counted_of(&unit->board), 2);

    report_cache_report_put(c, unit);
    report_cache_report_put(c, all);
    report_cache_snapshot_put(c, s);
    report_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_bound_and_generation),
        cmocka_unit_test(test_failed_build),
        cmocka_unit_test(test_indicators_fresh),
        cmocka_unit_test(test_snapshot_one_transaction),
        cmocka_unit_test(test_stored_count_agrees),
        cmocka_unit_test(test_warnings_kept),
        cmocka_unit_test(test_warnings_bound),
        cmocka_unit_test(test_settle), /* last: it needs the tasks the others imported */
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
