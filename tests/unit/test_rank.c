/*
 * The ranking of units (core/rank.h, issue #13): on-time completion among
 * assignments due in whole percent, ties broken by more done on time then fewer overdue,
 * standard competition ranking, units with nothing due not ranked, and
 * the same ranks whatever order the units come in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/rank.h"

#include <stdio.h>
#include <string.h>

#define N_UNITS 9

/* Unit name, done on time, due, overdue, and the rank the rule gives it. */
static const struct {
    struct rank_key key;
    long want;
} units[N_UNITS] = {
    { { 1, 50, 49, "Bộ A" }, 6 },   /* 2%: below every 50% and 100% unit */
    { { 1, 40, 39, "Bộ K" }, 4 },   /* 3% (2.5 rounds up): after the tie at 2, rank 4 */
    { { 2, 100, 98, "Bộ B" }, 5 },  /* 2% as well, but more done on time: above Bộ A */
    { { 3, 3, 0, "Bộ C" }, 1 },     /* 100%, most done on time */
    { { 1, 2, 1, "Bộ D" }, 2 },     /* 50%, 1 on time, 1 overdue */
    { { 1, 2, 1, "Bộ Đ" }, 2 },     /* the same keys as Bộ D: shares rank 2, next is 4 */
    { { 0, 0, 0, "Bộ E" }, 0 },     /* nothing due (in progress, recurring): not ranked */
    { { 0, 0, 0, "Bộ G" }, 0 },
    { { 1, 51, 50, "Bộ H" }, 7 },   /* 1/51 is 2% too, as shown: one more overdue than Bộ A */
};

static void check(const size_t *perm)
{
    struct rank_key k[N_UNITS];
    long rank[N_UNITS], want[N_UNITS];
    size_t order[N_UNITS];
    for (size_t i = 0; i < N_UNITS; i++) {
        k[i] = units[perm[i]].key;
        want[i] = units[perm[i]].want;
    }
    rank_units(k, N_UNITS, rank, order);
    for (size_t i = 0; i < N_UNITS; i++)
        if (rank[i] != want[i])
            fail_msg("%s: rank %ld, want %ld", k[i].name, rank[i], want[i]);
    /* The order: ranks never decrease, the unranked last, ties by name. */
    static const char *const names[N_UNITS] = { "Bộ C", "Bộ D", "Bộ Đ", "Bộ K", "Bộ B",
                                                "Bộ A", "Bộ H", "Bộ E", "Bộ G" };
    for (size_t pos = 0; pos < N_UNITS; pos++)
        assert_string_equal(k[order[pos]].name, names[pos]);
}

static void test_rule(void **state)
{
    (void)state;
    size_t id[N_UNITS];
    for (size_t i = 0; i < N_UNITS; i++)
        id[i] = i;
    check(id);
}

/* Every rotation and the reverse of the input give the same ranks and order. */
static void test_order_independent(void **state)
{
    (void)state;
    size_t perm[N_UNITS];
    for (size_t r = 0; r < N_UNITS; r++) {
        for (size_t i = 0; i < N_UNITS; i++)
            perm[i] = (i + r) % N_UNITS;
        check(perm);
        for (size_t i = 0; i < N_UNITS; i++)
            perm[i] = (N_UNITS - 1 - i + r) % N_UNITS;
        check(perm);
    }
}

static void test_all_tied_and_none_due(void **state)
{
    (void)state;
    struct rank_key k[3] = { { 0, 5, 5, "X" }, { 0, 5, 5, "Y" }, { 0, 5, 5, "Z" } };
    long rank[3];
    size_t order[3];
    rank_units(k, 3, rank, order);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(rank[i], 1); /* 0% each, the same keys: one rank, not 1, 2, 3 */
    struct rank_key none[2] = { { 0, 0, 0, "X" }, { 0, 0, 0, "Y" } };
    rank_units(none, 2, rank, order);
    assert_int_equal(rank[0], 0);
    assert_int_equal(rank[1], 0);
    rank_units(NULL, 0, rank, order); /* no unit: nothing to do */
}

static void test_key_of(void **state)
{
    (void)state;
    struct bucket_counts c = { { 4, 2, 7, 3, 5 } }; /* on time, late, in progress, recurring, overdue */
    struct rank_key k = rank_key_of(&c, "Bộ A");
    assert_int_equal(k.on_time, 4);
    assert_int_equal(k.due, 11); /* 4 + 2 + 5: in progress and recurring are not due */
    assert_int_equal(k.overdue, 5);
    assert_int_equal(rank_due(&c), 11);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule),
        cmocka_unit_test(test_order_independent),
        cmocka_unit_test(test_all_tied_and_none_due),
        cmocka_unit_test(test_key_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
