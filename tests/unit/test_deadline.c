/* Deadline phrases: every phrase of DOMAIN.md and of the seeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/deadline.h"

#include <string.h>

static const struct {
    const char *phrase;
    enum deadline_kind kind;
    const char *due; /* YYYY-MM-DD or "" */
    int has_more;
} cases[] = {
    { "30/06/2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "ngày 30/6/2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "trước ngày 18/10/2025", DEADLINE_DATE, "2025-10-18", 0 },
    { "Tháng 6/2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "Tháng 06/2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "trong tháng 6/2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "Tháng 02/2025", DEADLINE_DATE, "2025-02-28", 0 },
    { "Tháng 2/2028", DEADLINE_DATE, "2028-02-29", 0 },
    { "Tháng 12/2025.", DEADLINE_DATE, "2025-12-31", 0 },
    { "Tháng 9/2026", DEADLINE_DATE, "2026-09-30", 0 },
    { "Quý I/2025", DEADLINE_DATE, "2025-03-31", 0 },
    { "Quý II/2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "Quý III/2025", DEADLINE_DATE, "2025-09-30", 0 },
    { "Quý IV/2025", DEADLINE_DATE, "2025-12-31", 0 },
    { "quý 1/2025", DEADLINE_DATE, "2025-03-31", 0 },
    { "Quý II năm 2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "6 tháng đầu năm 2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "6 tháng cuối năm 2025", DEADLINE_DATE, "2025-12-31", 0 },
    { "Năm 2025", DEADLINE_DATE, "2025-12-31", 0 },
    { "trong năm 2025", DEADLINE_DATE, "2025-12-31", 0 },
    { "Thường xuyên", DEADLINE_RECURRING, "", 0 },
    { "Thường xuyên.", DEADLINE_RECURRING, "", 0 },
    { "Nhiệm vụ thường xuyên", DEADLINE_RECURRING, "", 0 },
    { "Nhiệm vụ thường xuyên.", DEADLINE_RECURRING, "", 0 },
    { "Hằng năm", DEADLINE_RECURRING, "", 0 },
    { "hằng năm", DEADLINE_RECURRING, "", 0 },
    { "Hàng năm", DEADLINE_RECURRING, "", 0 },
    { "Hằng năm.", DEADLINE_RECURRING, "", 0 },
    { "Tháng 12/2025 và năm 2026", DEADLINE_DATE, "2025-12-31", 1 },
    { "2025 và những năm tiếp theo", DEADLINE_DATE, "2025-12-31", 1 },
    { "Tháng 9/2025 xong thí điểm; phát triển 2025 và những năm tiếp theo", DEADLINE_DATE,
      "2025-09-30", 1 },
    { "Khi các CSDL quốc gia, CSDL chuyên ngành hoàn thành, khai thác sử dụng",
      DEADLINE_UNKNOWN, "", 0 },
    { "", DEADLINE_UNKNOWN, "", 0 },
    { "31/02/2025", DEADLINE_UNKNOWN, "", 0 },
    { "ngày 22 tháng 12 năm 2024", DEADLINE_DATE, "2024-12-22", 0 },
    { "THÁNG 6/2025", DEADLINE_DATE, "2025-06-30", 0 },
    { "thang 6/2025", DEADLINE_DATE, "2025-06-30", 0 },
};

static void test_phrases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct deadline d = deadline_parse(cases[i].phrase);
        char iso[DATE_ISO_LEN];
        date_iso(d.due, iso);
        if (d.kind != cases[i].kind || strcmp(iso, cases[i].due) != 0 ||
            (int)d.has_more != cases[i].has_more)
            fail_msg("'%s': got kind %s due '%s' more %d", cases[i].phrase,
                     deadline_kind_name(d.kind), iso, d.has_more);
    }
}

/* A month earlier (the warnings' comparison date): the month's last day when shorter. */
static void test_add_months(void **state)
{
    static const struct {
        struct date from;
        int n;
        const char *want;
    } months[] = {
        { { 2025, 12, 24 }, -1, "2025-11-24" }, { { 2025, 1, 15 }, -1, "2024-12-15" },
        { { 2025, 3, 31 }, -1, "2025-02-28" },  { { 2024, 3, 31 }, -1, "2024-02-29" },
        { { 2025, 10, 31 }, 1, "2025-11-30" },  { { 2025, 11, 30 }, 14, "2027-01-30" },
        { { 2025, 5, 10 }, -17, "2023-12-10" }, { { 2025, 5, 10 }, 0, "2025-05-10" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++) {
        char iso[DATE_ISO_LEN];
        date_iso(date_add_months(months[i].from, months[i].n), iso);
        assert_string_equal(iso, months[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_phrases),
                                        cmocka_unit_test(test_add_months) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
