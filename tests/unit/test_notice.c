/* Unit tests for core/notice (issue #15): the back-off, the digest's week, the address check, keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/notice.h"

#include <string.h>

static void test_backoff(void **state)
{
    (void)state;
    static const struct {
        int attempts;
        long wait;
    } rows[] = { { 1, 60 },    { 2, 120 },    { 3, 240 },    { 8, 7680 },
                 { 9, 15360 }, { 10, 21600 }, { 12, 21600 }, { 40, 21600 } };
    for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++)
        assert_int_equal(notice_backoff(rows[i].attempts), rows[i].wait);
}

static void test_week(void **state)
{
    (void)state;
    static const struct {
        struct date d, monday;
        int weekday;
    } rows[] = {
        { { 2026, 1, 15 }, { 2026, 1, 12 }, 4 }, /* Thursday */
        { { 2026, 1, 12 }, { 2026, 1, 12 }, 1 },
        { { 2026, 1, 18 }, { 2026, 1, 12 }, 7 }, /* Sunday ends the week */
        { { 2026, 1, 1 }, { 2025, 12, 29 }, 4 }, /* across the year */
        { { 1970, 1, 1 }, { 1969, 12, 29 }, 4 },
        { { 1969, 12, 31 }, { 1969, 12, 29 }, 3 },
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
        assert_int_equal(notice_weekday(rows[i].d), rows[i].weekday);
        assert_int_equal(date_cmp(notice_week_start(rows[i].d), rows[i].monday), 0);
    }
}

static void test_email(void **state)
{
    (void)state;
    static const char *const good[] = { "vanthu@moha.gov.vn", "a.b+c@x.vn", NULL };
    static const char *const bad[] = {
        "vanthu",   "@moha.gov.vn",          "a@b",      "a@b.",     "a@@b.vn",
        "a b@c.vn", "a@b.vn\r\nBcc: x@y.vn", "<a@b.vn>", "a,b@c.vn", NULL
    };
    for (size_t i = 0; good[i]; i++)
        assert_null(notice_email_check(good[i]));
    for (size_t i = 0; bad[i]; i++)
        assert_non_null(notice_email_check(bad[i]));
}

static void test_keys(void **state)
{
    (void)state;
    struct notice n = NOTICE_INIT;
    struct notice_request r = { 7,    "nhiệm vụ «A»", "Bộ Tài chính",  "Giải trình",
                                NULL, "/tasks/3",     { 2026, 1, 10 }, { 2026, 1, 25 } };
    notice_of_request(&n, NOTICE_REQUEST, &r);
    assert_string_equal(n.key, "request|request:7|2026-01-10");
    assert_string_equal(n.title, "Yêu cầu giải trình số 7 về nhiệm vụ «A»");
    assert_non_null(strstr(n.body, "Hạn trả lời: 25/01/2026."));
    assert_string_equal(n.link, "/tasks/3");
    notice_release(&n);
    struct notice_warning w = { "unit:6:unit_rate", "Tỷ lệ thấp",    "Bộ Tài chính", "0%",
                                "/units/6",         { 2026, 1, 15 }, { 2026, 1, 12 } };
    notice_of_warning(&n, NOTICE_WARNING, &w);
    assert_string_equal(n.key, "warning|unit:6:unit_rate|2026-01-12");
    assert_non_null(strstr(n.body, "Từ ngày: 15/01/2026."));
    notice_release(&n);
    for (int k = 0; k < N_NOTICE_KINDS; k++)
        assert_int_equal(notice_kind_parse(notice_kind_key((enum notice_kind)k)), k);
    assert_int_equal(notice_kind_parse("nope"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_week),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
