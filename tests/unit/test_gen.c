/*
 * The data generator: the PRNG and its distributions (gen_pick), the
 * generated communes (gen_units), and whole programmes (gen) — the same
 * seed gives the same rows, the reports are the number asked for and obey
 * the store's rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/deadline.h"
#include "core/embedded.h"
#include "core/gen.h"
#include "core/gen_pick.h"
#include "core/gen_units.h"
#include "core/registry.h"
#include "shipped_registry.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>


/* splitmix64 from state 0: the published first outputs. */
static void test_splitmix_vector(void **state)
{
    (void)state;
    struct gen_rng r;
    gen_rng_seed(&r, 0);
    assert_true(gen_rng_next(&r) == 0xe220a8397b1dcdafULL);
    assert_true(gen_rng_next(&r) == 0x6e789e6aa1b965f4ULL);
    assert_true(gen_rng_next(&r) == 0x06c45d188009454fULL);
}

static void test_rng_ranges(void **state)
{
    (void)state;
    struct gen_rng a, b;
    gen_rng_seed(&a, 42);
    gen_rng_seed(&b, 42);
    size_t counts[10] = { 0 };
    for (int i = 0; i < 100000; i++) {
        uint32_t x = gen_rng_below(&a, 10);
        assert_true(x == gen_rng_below(&b, 10)); /* same seed, same stream */
        assert_true(x < 10);
        counts[x]++;
        long y = gen_rng_range(&a, -3, 3);
        gen_rng_range(&b, -3, 3);
        assert_true(y >= -3 && y <= 3);
    }
    for (int k = 0; k < 10; k++) /* 10,000 expected each; 4 sigma is about 400 */
        assert_true(counts[k] > 9500 && counts[k] < 10500);
    assert_int_equal(gen_rng_below(&a, 0), 0);
    assert_int_equal(gen_rng_range(&a, 5, 5), 5);
    assert_true(gen_mix(1, 2) == gen_mix(1, 2));
    assert_true(gen_mix(1, 2) != gen_mix(1, 3));
}

static void test_weighted(void **state)
{
    (void)state;
    static const unsigned w[] = { 1, 0, 3, 6 };
    struct gen_rng r;
    gen_rng_seed(&r, 7);
    size_t counts[4] = { 0 };
    for (int i = 0; i < 100000; i++)
        counts[gen_pick_weighted(&r, w, 4)]++;
    assert_int_equal(counts[1], 0);
    assert_true(counts[0] > 9000 && counts[0] < 11000);
    assert_true(counts[2] > 28500 && counts[2] < 31500);
    assert_true(counts[3] > 58500 && counts[3] < 61500);
}

/* The exact split: whatever the weights, the shares add up to the total. */
static void test_share_is_exact(void **state)
{
    (void)state;
    struct gen_rng r;
    gen_rng_seed(&r, 3);
    static const uint64_t totals[] = { 0, 1, 12, 3000, 4300000 };
    for (size_t t = 0; t < sizeof(totals) / sizeof(*totals); t++) {
        uint64_t w[500], sum = 0, got = 0, before = 0;
        for (size_t i = 0; i < 500; i++)
            sum += w[i] = gen_rng_below(&r, 9);
        for (size_t i = 0; i < 500; i++) {
            uint64_t share = gen_share(totals[t], before, before + w[i], sum);
            if (w[i] == 0)
                assert_true(share == 0);
            got += share;
            before += w[i];
        }
        assert_true(got == totals[t]);
    }
}

static enum deadline_kind expected_kind(enum gen_phrase k)
{
    if (k == GEN_PHRASE_ONGOING || k == GEN_PHRASE_YEARLY)
        return DEADLINE_RECURRING;
    return k == GEN_PHRASE_OPEN ? DEADLINE_UNKNOWN : DEADLINE_DATE;
}

/* Seed 001's distribution, reproduced; every phrase reads as its kind says. */
static void test_deadline_distribution(void **state)
{
    (void)state;
    struct gen_rng r;
    gen_rng_seed(&r, 11);
    struct date doc = { 2025, 4, 1 };
    size_t counts[GEN_N_PHRASES] = { 0 }, december = 0, months = 0;
    const size_t n = 32600;
    for (size_t i = 0; i < n; i++) {
        enum gen_phrase k;
        char *p = gen_deadline_phrase(&r, doc, &k);
        struct deadline d = deadline_parse(p);
        if (d.kind != expected_kind(k))
            fail_msg("'%s' reads as kind %d", p, (int)d.kind);
        counts[k]++;
        if (k == GEN_PHRASE_MONTH) {
            months++;
            december += d.due.y == 2025 && d.due.m == 12;
        }
        free(p);
    }
    unsigned sum = 0;
    for (int k = 0; k < GEN_N_PHRASES; k++)
        sum += gen_phrase_weights[k];
    assert_int_equal(sum, 326);
    for (int k = 0; k < GEN_N_PHRASES; k++) {
        double want = (double)gen_phrase_weights[k] / sum, got = (double)counts[k] / (double)n;
        if (got < want * 0.8 - 0.001 || got > want * 1.2 + 0.001)
            fail_msg("phrase kind %d: %.4f, want %.4f", k, got, want);
    }
    /* 126 of the 300 month phrases of a document of April 2025 ask for December. */
    double dec = (double)december / (double)months;
    assert_true(dec > 0.38 && dec < 0.46);
}

static void move_into(struct registry *dst, struct registry *src)
{
    for (size_t i = 0; i < src->n_agencies; i++)
        registry_add_agency(dst, &src->agencies[i]);
    for (size_t i = 0; i < src->n_groups; i++)
        registry_add_group(dst, &src->groups[i]);
    free(src->agencies);
    free(src->groups);
    *src = (struct registry)REGISTRY_INIT;
}

/* 3,500 units: distinct names that index and split, and groups of the right sizes. */
static void test_units(void **state)
{
    (void)state;
    struct registry big = REGISTRY_INIT, extra = REGISTRY_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(shipped_registry(&big, false), 0);
    size_t before = big.n_agencies;
    assert_int_equal(gen_units(&big, before, &extra), 0); /* nothing beyond the registry */
    size_t added = gen_units(&big, 3500, &extra);
    assert_int_equal(added, 3500 - before);
    move_into(&big, &extra);
    if (registry_build_index(&big, &e))
        fail_msg("%s", e.msg);
    long all = registry_find_group(&big, GEN_COMMUNE_GROUP);
    assert_true(all >= 0);
    size_t *m = NULL, n = 0;
    registry_expand(&big, (size_t)all, &m, &n);
    assert_int_equal(n, added);
    free(m);
    /* The provinces' groups still mean the 34 provinces. */
    long prov = registry_find_group(&big, "Các tỉnh, thành phố");
    registry_expand(&big, (size_t)prov, &m, &n);
    assert_int_equal(n, 34);
    free(m);
    struct parties p = PARTIES_INIT;
    registry_split(&big, big.agencies[before].name, &p);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.items[0].kind, PARTY_AGENCY);
    assert_int_equal(p.items[0].idx, before);
    assert_true(gen_unit_province(&big.agencies[before]) == 0);
    assert_true(gen_unit_province(&big.agencies[0]) == -1);
    parties_release(&p);
    registry_release(&big);
}

/* Everything a generated programme says, as text: equal for equal seeds. */
static void dump_programme(const struct gen_options *o, struct buf *out, struct gen_counts *k)
{
    struct gen *g = gen_new(&reg, o);
    for (;;) {
        struct batch b = BATCH_INIT;
        struct resolved_task *rt = NULL;
        struct import_summary sum = { 0 };
        size_t n = gen_next_tasks(g, &b, 100, &rt, &sum);
        for (size_t i = 0; i < b.n_tasks; i++) {
            const struct batch_task *t = &b.tasks[i];
            buf_addf(out, "%s|%s|%s|%s|%s|%s|%d|%zu\n", t->code, t->name, t->lead, t->deadline,
                     t->documents, t->repeat_code ? t->repeat_code : "", t->is_group,
                     rt[i].n_assign);
        }
        assert_int_equal(sum.unresolved, 0);
        resolved_free(rt, b.n_tasks);
        import_summary_release(&sum);
        batch_release(&b);
        if (!n)
            break;
    }
    struct batch b = BATCH_INIT;
    while (gen_next_reports(g, &b, 500)) {
        for (size_t i = 0; i < b.n_progress; i++) {
            const struct progress_row *r = &b.progress[i];
            struct progress_entry en;
            char *reason = NULL;
            if (progress_read(r, &en, &reason))
                fail_msg("%s", reason);
            assert_true(date_cmp(en.reported_on, o->until) <= 0);
            assert_true(en.kind != PROGRESS_DONE || date_cmp(en.completed_on, en.reported_on) <= 0);
            buf_addf(out, "%s|%s|%s|%s|%s\n", r->task_code, r->unit, r->reported_on,
                     r->done ? r->done : "", r->completed_on ? r->completed_on : "");
        }
        batch_release(&b);
        b = (struct batch)BATCH_INIT;
    }
    gen_counts(g, k);
    gen_free(g);
}

static void test_programme(void **state)
{
    (void)state;
    struct gen_options o = { 5, 300, 2000, { 2025, 12, 24 } };
    struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
    struct gen_counts ka, kb, kc;
    dump_programme(&o, &a, &ka);
    dump_programme(&o, &b, &kb);
    o.seed = 6;
    dump_programme(&o, &c, &kc);
    assert_string_equal(a.data, b.data);
    assert_true(strcmp(a.data, c.data) != 0);
    assert_int_equal(ka.tasks, 300);
    assert_int_equal(ka.reports, 2000);
    assert_true(ka.groups > 0 && ka.subtasks > ka.groups && ka.repeats > 0);
    assert_true(ka.group_led > 0 && ka.multi_unit > ka.group_led);
    assert_true(ka.late > 0 && ka.on_time > ka.late && ka.reopenings > 0);
    buf_release(&a);
    buf_release(&b);
    buf_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_splitmix_vector),
        cmocka_unit_test(test_rng_ranges),
        cmocka_unit_test(test_weighted),
        cmocka_unit_test(test_share_is_exact),
        cmocka_unit_test(test_deadline_distribution),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_programme),
    };
    return cmocka_run_group_tests(tests, shipped_setup, shipped_teardown);
}
