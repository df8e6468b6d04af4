/*
 * The administrative frame of a report (core/frame, rdoc_set_frame(), Nghị
 * định 30/2020's dates) and the column layout of tables (render/rtable_fit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/frame.h"
#include "render/rdoc.h"
#include "render/rtable_fit.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A setting split into its parts: "|"-joined. */
static const struct {
    enum frame_key key;
    const char *value;
    const char *parts;
} splits[] = {
    { FRAME_ISSUER, "BAN CHỈ ĐẠO TRUNG ƯƠNG / VĂN PHÒNG", "BAN CHỈ ĐẠO TRUNG ƯƠNG|VĂN PHÒNG" },
    { FRAME_ISSUER, "BỘ NỘI VỤ", "BỘ NỘI VỤ" },
    { FRAME_ISSUER, " / VĂN PHÒNG /  ", "VĂN PHÒNG" },
    { FRAME_SIGNER, "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Nguyễn Văn A",
      "KT. BỘ TRƯỞNG|THỨ TRƯỞNG|Nguyễn Văn A" },
    { FRAME_RECIPIENTS, "Như trên; Thủ tướng Chính phủ (để b/c);; Lưu: VT, TH",
      "Như trên|Thủ tướng Chính phủ (để b/c)|Lưu: VT, TH" },
    /* The number and the place are one part: a '/' in them is no separator. */
    { FRAME_NUMBER, "125/BC-VPBCĐ", "125/BC-VPBCĐ" },
    { FRAME_PLACE, "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh" },
    { FRAME_ISSUER, "", "" },
};

static void test_split(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(splits) / sizeof(splits[0]); i++) {
        struct strvec v = STRVEC_INIT;
        frame_split(splits[i].key, splits[i].value, &v);
        struct buf joined = BUF_INIT;
        for (size_t k = 0; k < v.n; k++)
            buf_addf(&joined, "%s%s", k ? "|" : "", v.items[k]);
        assert_string_equal(joined.data, splits[i].parts);
        buf_release(&joined);
        strvec_release(&v);
    }
}

static void test_settings(void **state)
{
    (void)state;
    struct frame_settings s = FRAME_SETTINGS_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(frame_settings_set(&s, FRAME_PLACE, "  Hà Nội ", &e), 0);
    assert_string_equal(s.v[FRAME_PLACE], "Hà Nội");
    /* A line break or an over-long value is refused, naming the field, and changes nothing. */
    assert_int_equal(frame_settings_set(&s, FRAME_PLACE, "Hà\nNội", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Địa danh"));
    char *long_value = xcalloc(FRAME_VALUE_MAX + 2, 1);
    memset(long_value, 'x', FRAME_VALUE_MAX + 1);
    assert_int_equal(frame_settings_set(&s, FRAME_SIGNER, long_value, &e), ERR_INVALID);
    assert_null(s.v[FRAME_SIGNER]);
    assert_string_equal(s.v[FRAME_PLACE], "Hà Nội");
    free(long_value);
    /* An override replaces only what it sets. */
    struct frame_settings over = FRAME_SETTINGS_INIT;
    assert_int_equal(frame_settings_set(&over, FRAME_NUMBER, "12/BC-VP", &e), 0);
    frame_settings_merge(&s, &over);
    assert_string_equal(s.v[FRAME_NUMBER], "12/BC-VP");
    assert_string_equal(s.v[FRAME_PLACE], "Hà Nội");
    assert_int_equal(frame_key_parse("recipients"), FRAME_RECIPIENTS);
    assert_int_equal(frame_key_parse("nope"), -1);
    frame_settings_release(&over);
    frame_settings_release(&s);
}

/* Nghị định 30/2020: a day below 10 and the months 1 and 2 get a leading zero. */
static void test_date_words(void **state)
{
    (void)state;
    static const struct {
        struct date d;
        const char *want;
    } cases[] = {
        { { 2025, 12, 24 }, "ngày 24 tháng 12 năm 2025" },
        { { 2026, 1, 5 }, "ngày 05 tháng 01 năm 2026" },
        { { 2026, 2, 10 }, "ngày 10 tháng 02 năm 2026" },
        { { 2025, 3, 9 }, "ngày 09 tháng 3 năm 2025" },
        { { 0, 0, 0 }, "ngày … tháng … năm …" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *s = rdoc_date_words(cases[i].d);
        assert_string_equal(s, cases[i].want);
        free(s);
    }
}

/* Unset settings get an unsigned draft's placeholders; a number without its own gets room. */
static void test_set_frame(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    struct frame_settings s = FRAME_SETTINGS_INIT;
    struct err e = ERR_INIT;
    rdoc_set_frame(&d, &s, (struct date){ 2025, 12, 24 }, "BÁO CÁO");
    assert_true(d.frame.on);
    assert_string_equal(d.frame.place, "Hà Nội");
    assert_string_equal(d.frame.number, "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0/BC-");
    assert_int_equal(d.frame.recipients.n, 1);
    assert_string_equal(d.frame.recipients.items[0], "Lưu: VT");
    assert_int_equal(frame_settings_set(&s, FRAME_NUMBER, "125/BC-VPBCĐ", &e), 0);
    assert_int_equal(frame_settings_set(&s, FRAME_ISSUER, "BAN CHỈ ĐẠO / VĂN PHÒNG", &e), 0);
    rdoc_set_frame(&d, &s, (struct date){ 2025, 12, 24 }, "BÁO CÁO");
    assert_string_equal(d.frame.number, "125/BC-VPBCĐ");
    assert_int_equal(d.frame.issuer.n, 2);
    assert_string_equal(d.frame.kind, "BÁO CÁO");
    frame_settings_release(&s);
    rdoc_release(&d);
}

/* One table: a long name column beside short ones. */
static void fill_table(struct rtable *t, size_t n_rows)
{
    for (size_t r = 0; r < n_rows; r++) {
        rtable_row(t);
        rtable_int(t, 0, (long)r + 1);
        rtable_text(t, 1,
                    xstrdup("Xây dựng, ban hành văn bản làm rõ định nghĩa, nội hàm, lượng"
                            " hóa các khái niệm mới trong Nghị quyết số 57-NQ/TW"));
        rtable_text(t, 2, xstrdup("Bộ Khoa học và Công nghệ"));
    }
}

static void test_fit(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    struct rsection *s = rdoc_add_section(&d, "k", "Mục", "Mục");
    static const char *const cols[] = { "STT", "Nhiệm vụ", "Cơ quan chủ trì", NULL };
    struct rtable *t = rsection_table(s, cols);
    fill_table(t, 10);
    struct rtable_fit f = { 100, 2, 4, 20, 120, true };
    size_t *w = rtable_fit_widths(t, &f);
    /* The page is filled and every row is as short as it can be: the name (111 characters)
     * cannot fit one line of 100, so two lines, and the unit no taller. */
    assert_int_equal(w[0] + w[1] + w[2], 100);
    assert_true(w[1] > w[2] && w[2] > w[0]);
    assert_int_equal(rtable_text_lines(rtable_cell(t, 0, 1)->text, w[1], 2), 2);
    assert_true(rtable_text_lines("Bộ Khoa học và Công nghệ", w[2], 2) <= 2);
    free(w);
    /* Without fill, a table that needs little keeps to its text. */
    struct rtable_fit narrow = { 300, 2, 4, 20, 120, false };
    w = rtable_fit_widths(t, &narrow);
    assert_true(w[0] + w[1] + w[2] < 300);
    assert_int_equal(w[1], 111 + 2); /* the name's 111 characters on one line, and the pad */
    free(w);
    /* Too narrow a page: every column shrinks in proportion, the total still fits. */
    struct rtable_fit tiny = { 20, 2, 4, 20, 120, true };
    w = rtable_fit_widths(t, &tiny);
    assert_true(w[0] + w[1] + w[2] <= 20);
    free(w);
    rdoc_release(&d);
}

static void test_lines(void **state)
{
    (void)state;
    assert_int_equal(rtable_text_lines("", 10, 2), 1);
    assert_int_equal(rtable_text_lines("12345678", 10, 2), 1);
    assert_int_equal(rtable_text_lines("123456789", 10, 2), 2);
    assert_int_equal(rtable_text_lines("ab\ncd\nef", 10, 2), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),      cmocka_unit_test(test_settings),
        cmocka_unit_test(test_date_words), cmocka_unit_test(test_set_frame),
        cmocka_unit_test(test_fit),        cmocka_unit_test(test_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
