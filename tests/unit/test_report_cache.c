/*
 * The server's report cache: a hit is the same entry, the table stays within its bound
 * (least recently used out), a write moves the generation so the next request gets a new
 * snapshot, and what a holder keeps stays valid after eviction (ASan checks the reads).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/embedded.h"
#include "core/registry.h"
#include "store/store.h"
#include "web/report_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/giamsat-test-cache.XXXXXX";
static char path[64];
static struct db *db;

static int setup(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/cache.db", dir);
    return db_open(path, &db, &e) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(db);
    char side[80];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
    rmdir(dir);
    return 0;
}

static struct report_options on(int y, int m, int d)
{
    return (struct report_options){ { y, m, d }, DATE_NONE, PROG_NONE, PROG_NONE };
}

/* Add the shipped registry's agencies: a write to a table the snapshot reads. */
static void write_agencies(void)
{
    struct registry reg = REGISTRY_INIT;
    struct err e = ERR_INIT;
    const struct embedded_file *a = embedded_find("data/agencies.tsv");
    const struct embedded_file *g = embedded_find("data/groups.tsv");
    size_t n_added = 0;
    assert_non_null(a);
    assert_non_null(g);
    assert_int_equal(registry_parse_tsv(&reg, a->data, g->data, &e), 0);
    assert_int_equal(registry_build_index(&reg, &e), 0);
    assert_int_equal(store_seed_registry(db, &reg, &n_added, &e), 0);
    assert_true(n_added > 0);
    registry_release(&reg);
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
    const char *json = report_cache_json(c, r1, &len);
    assert_true(len > 2 && json[len - 1] == '\n' && strlen(json) == len);
    assert_ptr_equal(report_cache_json(c, hit, &len2), json); /* built once */
    report_cache_report_put(c, hit);

    /* A bound of two: the third report evicts the least recently used (r1). */
    assert_int_equal(report_cache_report(c, s1, &o2, &r2, &e), 0);
    assert_int_equal(report_cache_report(c, s1, &o2, &hit, &e), 0); /* r2 now more recent */
    report_cache_report_put(c, hit);
    assert_int_equal(report_cache_report(c, s1, &o3, &r3, &e), 0);
    assert_int_equal(report_cache_report(c, s1, &o1, &again, &e), 0);
    assert_ptr_not_equal(again, r1);
    assert_int_equal(r1->rep.opt.as_of.m, 12); /* still held, still readable */
    assert_memory_equal(json, report_cache_json(c, again, &len2), len);

    /* A write: the next snapshot is newer and has the rows. */
    write_agencies();
    assert_int_equal(report_cache_snapshot(c, db, &s2, &e), 0);
    assert_ptr_not_equal(s2, s1);
    assert_true(s2->generation > s1->generation);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_bound_and_generation),
        cmocka_unit_test(test_failed_build),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
