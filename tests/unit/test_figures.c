/*
 * Numbers as the office writes them (core/figures.h, issue #14): thousands
 * with a dot, small counts zero-padded, headline percentages that add up to
 * 100 by the largest-remainder method, and where a count concentrates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/figures.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static void test_thousands(void **state)
{
    (void)state;
    static const struct {
        long n;
        const char *want;
    } rows[] = {
        { 0, "0" },         { 7, "7" },          { 999, "999" },           { 1000, "1.000" },
        { 1298, "1.298" },  { 81400, "81.400" }, { 1234567, "1.234.567" }, { -1298, "-1.298" },
        { LONG_MIN, NULL },
    };
    char out[FIGURES_LEN];
    for (size_t i = 0; rows[i].want; i++) {
        figures_thousands(rows[i].n, out);
        assert_string_equal(out, rows[i].want);
    }
    figures_thousands(LONG_MIN, out); /* fits, and is not garbled by the negation */
    assert_int_equal(out[0], '-');
    assert_true(strlen(out) < FIGURES_LEN);
}

static void test_count(void **state)
{
    (void)state;
    static const struct {
        long n;
        const char *want;
    } rows[] = {
        { 0, "0" }, { 1, "01" }, { 9, "09" }, { 10, "10" }, { 47, "47" }, { 1298, "1.298" },
    };
    char out[FIGURES_LEN];
    for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
        figures_count(rows[i].n, out);
        assert_string_equal(out, rows[i].want);
    }
}

/* Parts, their percentages; every row sums to 100 (or 0 when all parts are 0). */
static void test_percents(void **state)
{
    (void)state;
    static const struct {
        long parts[3];
        long want[3];
    } rows[] = {
        /* seed 004: 779 / 448 / 71 of 1.298 = 60,01 / 34,51 / 5,47 -> 60 / 35 / 5 */
        { { 779, 448, 71 }, { 60, 35, 5 } },
        /* 2/9, 4/9, 3/9 = 22,2 / 44,4 / 33,3: half up gives 99; 44,4 has the largest remainder */
        { { 2, 4, 3 }, { 22, 45, 33 } },
        /* COUNTING.md §5: 3/8, 4/8, 1/8 = 37,5 / 50 / 12,5: half up gives 101; equal remainders
         * go to the larger part */
        { { 3, 4, 1 }, { 38, 50, 12 } },
        /* thirds: equal parts, equal remainders: the earlier part first */
        { { 1, 1, 1 }, { 34, 33, 33 } },
        { { 0, 5, 0 }, { 0, 100, 0 } },
        { { 0, 0, 0 }, { 0, 0, 0 } },
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
        long pct[3];
        figures_percents(rows[i].parts, 3, pct);
        long sum = 0;
        for (size_t k = 0; k < 3; k++) {
            if (pct[k] != rows[i].want[k])
                fail_msg("row %zu part %zu: %ld%%, want %ld%%", i, k, pct[k], rows[i].want[k]);
            sum += pct[k];
        }
        assert_int_equal(sum, rows[i].parts[0] + rows[i].parts[1] + rows[i].parts[2] ? 100 : 0);
    }
    figures_percents(NULL, 0, NULL); /* nothing to share: no access */
}

/* Many small parts: up to n - 1 points go missing; still 100. */
static void test_percents_many(void **state)
{
    (void)state;
    long parts[7] = { 1, 1, 1, 1, 1, 1, 1 }, pct[7], sum = 0;
    figures_percents(parts, 7, pct); /* 14,28... each: 14 * 7 = 98, two more */
    for (size_t i = 0; i < 7; i++)
        sum += pct[i];
    assert_int_equal(sum, 100);
    assert_int_equal(pct[0], 15);
    assert_int_equal(pct[1], 15);
    assert_int_equal(pct[2], 14);
}

static void test_concentration(void **state)
{
    (void)state;
    size_t idx[3];
    /* 5 of 7 in one field: that one is enough */
    long a[] = { 5, 0, 2 };
    assert_int_equal(figures_concentration(a, 3, 3, idx), 1);
    assert_int_equal(idx[0], 0);
    /* 10, 30, 25, 20, 15 of 100: 30 + 25 = 55 >= 50: two fields, largest first */
    long b[] = { 10, 30, 25, 20, 15 };
    assert_int_equal(figures_concentration(b, 5, 3, idx), 2);
    assert_int_equal(idx[0], 1);
    assert_int_equal(idx[1], 2);
    /* exactly half counts as concentrated: 50 of 100 */
    long c[] = { 50, 25, 25 };
    assert_int_equal(figures_concentration(c, 3, 3, idx), 1);
    /* spread out: 8 fields of 10, three hold 30 < 40 */
    long d[] = { 10, 10, 10, 10, 10, 10, 10, 10 };
    assert_int_equal(figures_concentration(d, 8, 3, idx), 0);
    /* equal counts: the earlier field first (3 of 7 is not half: two fields) */
    long e[] = { 1, 3, 3 };
    assert_int_equal(figures_concentration(e, 3, 3, idx), 2);
    assert_int_equal(idx[0], 1);
    assert_int_equal(idx[1], 2);
    long z[] = { 0, 0 };
    assert_int_equal(figures_concentration(z, 2, 3, idx), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thousands),     cmocka_unit_test(test_count),
        cmocka_unit_test(test_percents),      cmocka_unit_test(test_percents_many),
        cmocka_unit_test(test_concentration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
