/* Document references: the ways people write the same document resolve to one key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/docref.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *text;
    const char *key;
    const char *name;
} cases[] = {
    { "Thông báo 56/TB-VPCP ngày 23/02/2025", "thong bao|56|2025-02-23",
      "Thông báo số 56/TB-VPCP ngày 23/02/2025" },
    { "Thông báo số 56/TB-VPCP ngày 23/02/2025", "thong bao|56|2025-02-23",
      "Thông báo số 56/TB-VPCP ngày 23/02/2025" },
    { "Công điện số 103 ngày 30/6/2025", "cong dien|103|2025-06-30",
      "Công điện số 103 ngày 30/6/2025" },
    { "Công điện 103/CĐ-TTg ngày 30/6/2025", "cong dien|103|2025-06-30",
      "Công điện số 103/CĐ-TTg ngày 30/6/2025" },
    { "Chỉ thị số 07/CT-TTg ngày 14/3/2025", "chi thi|7|2025-03-14",
      "Chỉ thị số 07/CT-TTg ngày 14/3/2025" },
    { "Thông báo số 01-TB/BCĐTW ngày 22/01/2025", "thong bao|1|2025-01-22",
      "Thông báo số 01-TB/BCĐTW ngày 22/01/2025" },
    { "Thông báo số 06 - TB/CQTTBCĐ ngày 27/9/2025", "thong bao|6|2025-09-27",
      "Thông báo số 06-TB/CQTTBCĐ ngày 27/9/2025" },
    { "(Kèm theo Chương trình hành động tại Nghị quyết số: 71/NQ-CP ngày 01 tháng 4 năm 2025 "
      "của Chính phủ)",
      "nghi quyet|71|2025-04-01", "Nghị quyết số 71/NQ-CP ngày 01/4/2025" },
    { "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024", "nghi quyet|57|2024-12-22",
      "Nghị quyết số 57-NQ/TW ngày 22/12/2024" },
};

static void test_references(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct err e = ERR_INIT;
        struct docref r;
        if (docref_parse(cases[i].text, &r, &e))
            fail_msg("'%s': %s", cases[i].text, e.msg);
        char *key = docref_key(&r), *name = docref_name(&r);
        if (strcmp(key, cases[i].key) || strcmp(name, cases[i].name))
            fail_msg("'%s': key '%s' name '%s'", cases[i].text, key, name);
        free(key);
        free(name);
        docref_release(&r);
    }
}

static void test_list_and_errors(void **state)
{
    (void)state;
    struct err e = ERR_INIT;
    struct docref *refs;
    size_t n;
    assert_int_equal(docref_parse_list("Chỉ thị số 07/CT-TTg ngày 14/3/2025; Nghị quyết 03/NQ-CP "
                                       "ngày 09/01/2025",
                                       &refs, &n, &e),
                     0);
    assert_int_equal(n, 2);
    assert_string_equal(refs[1].kind, "Nghị quyết");
    assert_string_equal(refs[1].number, "03");
    for (size_t i = 0; i < n; i++)
        docref_release(&refs[i]);
    free(refs);
    assert_int_equal(docref_parse_list("không phải văn bản", &refs, &n, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "không phải văn bản"));
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_references),
                                        cmocka_unit_test(test_list_and_errors) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
