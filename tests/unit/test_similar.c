/* Unit tests for core/similar: the score behind task-name suggestions (issue #11). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/similar.h"
#include "util/text.h"

#include <stdlib.h>

static double score_of(const char *a, const char *b)
{
    char *ka = text_match_key(a), *kb = text_match_key(b);
    double s = similar_score(ka, kb);
    free(ka);
    free(kb);
    return s;
}

static void test_scores(void **state)
{
    (void)state;
    const char *task = "Xây dựng cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức";
    assert_true(score_of(task, task) > 0.999);
    assert_true(similar_score("", "abc") == 0);
    assert_true(similar_score(NULL, "abc") == 0);
    /* one letter off, one word dropped: close enough to accept */
    double letter = score_of(task, "Xây dựng cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chứx");
    double word = score_of(task, "Xây dựng cơ sở dữ liệu quốc gia về cán bộ, công chức");
    assert_true(letter >= SIMILAR_ACCEPT);
    assert_true(word >= 0.8);
    /* another task sharing the opening words: well below */
    double other = score_of(task, "Xây dựng cơ sở dữ liệu về đất đai và tài nguyên");
    assert_true(other < 0.7);
    assert_true(score_of("abc def", "xyz") < 0.2);
    /* symmetric */
    double ab = score_of(task, "Xây dựng cơ sở dữ liệu"), ba = score_of("Xây dựng cơ sở dữ liệu", task);
    assert_true(ab - ba < 1e-12 && ba - ab < 1e-12);
}

/* Prepared keys score exactly as similar_score(), and the size bound is never below the score. */
static void test_prepared(void **state)
{
    (void)state;
    static const char *const names[] = { "xay dung luat du lieu", "xay dung luat du lieu moi",
                                          "ra soat van ban", "a", "", NULL };
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        for (size_t k = 0; k < sizeof(names) / sizeof(*names); k++) {
            struct similar_key a, b;
            similar_prepare(&a, names[i]);
            similar_prepare(&b, names[k]);
            double want = similar_score(names[i], names[k]);
            assert_true(similar_score_prepared(&a, &b) == want);
            assert_true(similar_bound(&a, &b) >= want);
            similar_key_release(&a);
            similar_key_release(&b);
        }
}

static void test_accepts(void **state)
{
    (void)state;
    assert_true(similar_accepts(0.97, 0.63));
    assert_false(similar_accepts(0.97, 0.90)); /* a runner-up too close: the unit must choose */
    assert_false(similar_accepts(0.80, 0.10)); /* not close enough */
    assert_true(similar_accepts(0.86, 0.75));
}

/* Candidates nearest first, only those worth offering, at most max (the admin page's unit list). */
static void test_nearest(void **state)
{
    (void)state;
    const char *names[] = { "An Giang", "Bộ Nội vụ", "Bộ Ngoại giao", "Sở Nội vụ Hà Nội", NULL };
    char *keys[5] = { 0 };
    for (size_t i = 0; i < 4; i++)
        keys[i] = text_match_key(names[i]);
    char *key = text_match_key("Bo Noi vu (cu)");
    size_t out[3] = { 99, 99, 99 };
    size_t n = similar_nearest(key, (const char *const *)keys, 5, SIMILAR_OFFER, 3, out);
    assert_true(n >= 1 && n <= 3);
    assert_int_equal(out[0], 1); /* Bộ Nội vụ first */
    for (size_t i = 0; i < n; i++)
        assert_int_not_equal(out[i], 0); /* never An Giang */
    for (size_t i = 1; i < n; i++)
        assert_true(score_of("Bo Noi vu (cu)", names[out[i - 1]]) >=
                    score_of("Bo Noi vu (cu)", names[out[i]]));
    assert_int_equal(similar_nearest(key, (const char *const *)keys, 5, SIMILAR_OFFER, 1, out), 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(similar_nearest(key, (const char *const *)keys, 5, 1.01, 3, out), 0);
    assert_int_equal(similar_nearest(key, (const char *const *)keys, 5, 0, 0, out), 0);
    free(key);
    for (size_t i = 0; i < 4; i++)
        free(keys[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scores),
        cmocka_unit_test(test_accepts),
        cmocka_unit_test(test_prepared),
        cmocka_unit_test(test_nearest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
