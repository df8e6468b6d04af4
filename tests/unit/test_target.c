/*
 * Targets as written: every target of Phụ lục I of seed 001 and every 2025
 * target of seed 002 ("Mục tiêu cụ thể năm 2025"), each listed by code
 * with its comparable form; the importers are run on the real seeds so the
 * table is checked against what is stored. Then the reading of numbers,
 * the finding of a target in running text, and the comparisons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/embedded.h"
#include "core/target.h"
#include "import/import.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ITEMS(a) (sizeof(a) / sizeof(*(a)))

struct target_case {
    const char *code;
    const char *unit; /* unit column as stored */
    const char *text; /* target as stored */
    enum target_kind kind;
    bool rank;
    const char *form; /* target_describe() */
    const char *note; /* NULL: none */
};

/* Phụ lục I of Nghị quyết 71/NQ-CP (seed 001): all 54 rows. */
static const struct target_case seed001[] = {
    { "1", "Thứ bậc",
      "Đạt mức tiên tiến ở nhiều lĩnh vực quan trọng, thuộc nhóm dẫn đầu trong các nước có thu "
      "nhập trung bình cao",
      TARGET_TEXT, true, "định tính", NULL },
    { "2", "Thứ bậc", "Đạt mức trên trung bình của thế giới", TARGET_TEXT, true, "định tính",
      NULL },
    { "3", "Thứ bậc", "Một số lĩnh vực đạt trình độ quốc tế", TARGET_TEXT, true, "định tính",
      NULL },
    { "4", "Thứ bậc", "≤ 3 Đông Nam Á; ≤ 50 Thế giới", TARGET_NUMERIC, true,
      "Đông Nam Á: ≤ 3; Thế giới: ≤ 50", NULL },
    { "5", "Thứ bậc", "≤ 3 Đông Nam Á; ≤ 50 Thế giới", TARGET_NUMERIC, true,
      "Đông Nam Á: ≤ 3; Thế giới: ≤ 50", NULL },
    { "6", "Thứ bậc", "≤ 3 Đông Nam Á", TARGET_NUMERIC, true, "Đông Nam Á: ≤ 3", NULL },
    { "7", "Doanh nghiệp", "≥ 5", TARGET_NUMERIC, false, "≥ 5", NULL },
    { "8", "%", "≥ 55", TARGET_NUMERIC, false, "≥ 55", NULL },
    { "9", "%", "≥ 50", TARGET_NUMERIC, false, "≥ 50", NULL },
    { "10", "% GDP", "≥ 30", TARGET_NUMERIC, false, "≥ 30", NULL },
    { "11", "", "", TARGET_NONE, false, "không có mục tiêu riêng", NULL },
    { "11.1", "%", "≥ 80", TARGET_NUMERIC, false, "≥ 80", NULL },
    { "11.2", "%", "90", TARGET_NUMERIC, false, "≥ 90", NULL },
    { "11.3", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "11.4", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "11.5", "%", "80", TARGET_NUMERIC, false, "≥ 80", NULL },
    { "11.6", "%", "80", TARGET_NUMERIC, false, "≥ 80", NULL },
    { "11.7", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "11.8", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "11.9", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "12", "%", "≥ 80", TARGET_NUMERIC, false, "≥ 80", NULL },
    { "13", "%", "≥ 40", TARGET_NUMERIC, false, "≥ 40", NULL },
    { "14", "Chỉ số phát triển con người (HDI)", "$> 0,7$", TARGET_NUMERIC, false, "> 0,7",
      NULL },
    { "15", "% GDP", "2", TARGET_NUMERIC, false, "≥ 2", NULL },
    { "16", "%", "> 60", TARGET_NUMERIC, false, "> 60", NULL },
    { "17", "% tổng chi NSNN", "≥ 3% và tăng dần theo yêu cầu phát triển", TARGET_NUMERIC, false,
      "≥ 3%", "và tăng dần theo yêu cầu phát triển" },
    { "18", "Người/vạn dân", "12", TARGET_NUMERIC, false, "≥ 12", NULL },
    { "19", "Tổ chức", "40 - 50", TARGET_NUMERIC, false, "40 - 50", NULL },
    { "20", "%/năm", "10", TARGET_NUMERIC, false, "≥ 10", NULL },
    { "21", "%/năm", "16 - 18", TARGET_NUMERIC, false, "16 - 18", NULL },
    { "22", "%", "8 - 10", TARGET_NUMERIC, false, "8 - 10", NULL },
    { "23", "",
      "Tiên tiến, hiện đại, dung lượng siêu lớn, băng thông siêu rộng ngang tầm các nước tiên "
      "tiến",
      TARGET_TEXT, false, "định tính", NULL },
    { "23.1", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "23.2", "Tuyến cáp quang biển", "09", TARGET_NUMERIC, false, "≥ 9", NULL },
    { "23.3", "Tbps", "≥ 350", TARGET_NUMERIC, false, "≥ 350", NULL },
    { "23.4", "% dân số", "99", TARGET_NUMERIC, false, "≥ 99", NULL },
    { "24", "Thành phố, Tỉnh", "≥ 6", TARGET_NUMERIC, false, "≥ 6", NULL },
    { "25", "Tổ chức, doanh nghiệp", "≥ 3", TARGET_NUMERIC, false, "≥ 3", NULL },
    { "26", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "27", "%", "100", TARGET_NUMERIC, false, "≥ 100", NULL },
    { "28", "Sàn dữ liệu", "5", TARGET_NUMERIC, false, "≥ 5", NULL },
    { "29", "Trung tâm dữ liệu quốc gia", "≥ 03", TARGET_NUMERIC, false, "≥ 3", NULL },
    { "30", "%", "≥ 95", TARGET_NUMERIC, false, "≥ 95", NULL },
    { "31", "%", "≥ 70", TARGET_NUMERIC, false, "≥ 70", NULL },
    { "32", "%", "≥ 95", TARGET_NUMERIC, false, "≥ 95", NULL },
    { "33", "Thứ bậc", "≤ 10", TARGET_NUMERIC, true, "≤ 10", NULL },
    { "34", "Cơ sở", "01", TARGET_NUMERIC, false, "≥ 1", NULL },
    { "35", "%", "50", TARGET_NUMERIC, false, "≥ 50", NULL },
    { "36", "%GDP", "≥ 50", TARGET_NUMERIC, false, "≥ 50", NULL },
    { "37", "Thứ bậc", "≤ 30", TARGET_NUMERIC, true, "≤ 30", NULL },
    { "38", "Số doanh nghiệp/1000 dân", "1", TARGET_NUMERIC, false, "≥ 1", NULL },
    { "39", "Doanh nghiệp", "≥ 10", TARGET_NUMERIC, false, "≥ 10", NULL },
    { "40", "Tổ chức, doanh nghiệp", "≥ 5", TARGET_NUMERIC, false, "≥ 5", NULL },
    { "41", "%", "20 - 50", TARGET_NUMERIC, false, "20 - 50", NULL },
};

/* "Mục tiêu cụ thể năm 2025" of the draft plan (seed 002): all 25 targets. */
static const struct target_case seed002[] = {
    { "KH2025.1", "%",
      "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt tối thiểu 70%",
      TARGET_NUMERIC, false, "≥ 80%; khối bộ: ≥ 85%; khối địa phương: ≥ 70%", NULL },
    { "KH2025.2", "%", "80%", TARGET_NUMERIC, false, "≥ 80%", NULL },
    { "KH2025.3", "%", "70%", TARGET_NUMERIC, false, "≥ 70%", NULL },
    { "KH2025.4", "% GDP", "20,5% GDP", TARGET_NUMERIC, false, "≥ 20,5% GDP", NULL },
    { "KH2025.5", "%/năm", "15%/năm", TARGET_NUMERIC, false, "≥ 15%/năm", NULL },
    { "KH2025.6", "%", "34,5%", TARGET_NUMERIC, false, "≥ 34,5%", NULL },
    { "KH2025.7", "doanh nghiệp", "81.400 doanh nghiệp", TARGET_NUMERIC, false,
      "≥ 81.400 doanh nghiệp", NULL },
    { "KH2025.8", "%/năm",
      "30%/năm, tập trung vào một số ngành, lĩnh vực trọng điểm: Thương mại bán buôn, bán lẻ; "
      "Công nghiệp chế biến, chế tạo và năng lượng; Nông nghiệp; Dịch vụ du lịch, lưu trú, vui "
      "chơi, giải trí; Vận tải, kho bãi, logistics",
      TARGET_NUMERIC, false, "≥ 30%/năm",
      "tập trung vào một số ngành, lĩnh vực trọng điểm: Thương mại bán buôn, bán lẻ; Công "
      "nghiệp chế biến, chế tạo và năng lượng; Nông nghiệp; Dịch vụ du lịch, lưu trú, vui chơi, "
      "giải trí; Vận tải, kho bãi, logistics" },
    { "KH2025.9", "", "02", TARGET_NUMERIC, false, "≥ 2", NULL },
    { "KH2025.10", "định danh số", "01 định danh số", TARGET_NUMERIC, false,
      "≥ 1 định danh số", NULL },
    { "KH2025.11", "%", "tối thiểu 50%, phấn đấu đạt 70%", TARGET_NUMERIC, false,
      "≥ 50% (phấn đấu 70%)", NULL },
    { "KH2025.12", "%",
      "90% người dân có tài khoản thanh toán số tại các ngân hàng và các tổ chức tài chính được "
      "phép khác",
      TARGET_NUMERIC, false, "≥ 90%",
      "người dân có tài khoản thanh toán số tại các ngân hàng và các tổ chức tài chính được "
      "phép khác" },
    { "KH2025.13", "%/năm", "20 - 25%/năm", TARGET_NUMERIC, false, "20 - 25%/năm", NULL },
    { "KH2025.14", "%", "50%", TARGET_NUMERIC, false, "≥ 50%", NULL },
    { "KH2025.15", "Thứ bậc",
      "tăng 04 bậc theo đánh giá của Liên Hợp quốc (xếp thứ 63) và tăng 07 bậc theo đánh giá "
      "của ITU (xếp thứ 65)",
      TARGET_NUMERIC, true, "Liên Hợp quốc: ≤ 63 (tăng 4 bậc); ITU: ≤ 65 (tăng 7 bậc)", NULL },
    { "KH2025.16", "Gb/s", "01 Gb/s", TARGET_NUMERIC, false, "≥ 1 Gb/s", NULL },
    { "KH2025.17", "%",
      "100% thôn, bản đã có điện lưới quốc gia được phủ sóng băng rộng di động 4G đáp ứng quy "
      "chuẩn quốc gia (QCVN) về chất lượng dịch vụ, với tốc độ tải xuống trung bình tối thiểu "
      "40Mb/s đảm bảo điện tới đâu, viễn thông tới đó",
      TARGET_NUMERIC, false, "≥ 100%",
      "thôn, bản đã có điện lưới quốc gia được phủ sóng băng rộng di động 4G đáp ứng quy chuẩn "
      "quốc gia (QCVN) về chất lượng dịch vụ, với tốc độ tải xuống trung bình tối thiểu 40Mb/s "
      "đảm bảo điện tới đâu, viễn thông tới đó" },
    { "KH2025.18", "%", "50% số trạm 4G hiện có", TARGET_NUMERIC, false, "≥ 50%",
      "số trạm 4G hiện có" },
    { "KH2025.19", "", "01", TARGET_NUMERIC, false, "≥ 1", NULL },
    { "KH2025.20", "MW/1 triệu dân",
      "từ 1,8 MW (năm 2024) lên 2,1 MW (năm 2025)/1 triệu dân, tương đương 1 DC 30 MW",
      TARGET_NUMERIC, false, "≥ 2,1 MW/1 triệu dân (từ 1,8 năm 2024)",
      "tương đương 1 DC 30 MW" },
    { "KH2025.21", "", "Cấp phép thí điểm dịch vụ vệ tinh tầm thấp", TARGET_TEXT, false,
      "định tính", NULL },
    { "KH2025.22", "%",
      "100% các hệ thống thông tin phê duyệt và triển khai đầy đủ phương án bảo đảm an toàn hệ "
      "thống thông tin theo cấp độ",
      TARGET_NUMERIC, false, "≥ 100%",
      "các hệ thống thông tin phê duyệt và triển khai đầy đủ phương án bảo đảm an toàn hệ thống "
      "thông tin theo cấp độ" },
    { "KH2025.23", "Thứ bậc", "xếp thứ 16", TARGET_NUMERIC, true, "≤ 16", NULL },
    { "KH2025.24", "cơ sở dữ liệu quốc gia", "10 cơ sở dữ liệu quốc gia", TARGET_NUMERIC, false,
      "≥ 10 cơ sở dữ liệu quốc gia", NULL },
    { "KH2025.25", "%", "100% dữ liệu mở theo kế hoạch đã ban hành", TARGET_NUMERIC, false,
      "≥ 100%", "dữ liệu mở theo kế hoạch đã ban hành" },
};

static void check_case(const struct target_case *c)
{
    struct target t;
    target_parse(&t, c->text, c->unit);
    char *form = target_describe(&t);
    if (t.kind != c->kind || t.is_rank != c->rank || strcmp(form, c->form))
        fail_msg("%s '%s': kind %d rank %d form '%s', want kind %d rank %d form '%s'", c->code,
                 c->text, t.kind, t.is_rank, form, c->kind, c->rank, c->form);
    if ((c->note || t.note) && (!c->note || !t.note || strcmp(c->note, t.note)))
        fail_msg("%s: note '%s', want '%s'", c->code, t.note ? t.note : "(none)",
                 c->note ? c->note : "(none)");
    assert_string_equal(t.text, c->text);
    free(form);
    target_release(&t);
}

/* Import a shipped seed and compare its indicators with the table, row by row. */
static void check_seed(const char *file, const struct target_case *cases, size_t n)
{
    const struct embedded_file *f = embedded_find(file);
    assert_non_null(f);
    struct batch b = BATCH_INIT;
    struct err e = ERR_INIT;
    if (import_read(f->data, f->len, file, NULL, &b, &e))
        fail_msg("import %s: %s", file, e.msg);
    assert_int_equal(b.n_indicators, n);
    for (size_t i = 0; i < n; i++) {
        const struct batch_indicator *x = &b.indicators[i];
        if (strcmp(x->code, cases[i].code) || strcmp(x->unit, cases[i].unit) ||
            strcmp(x->target, cases[i].text))
            fail_msg("row %zu: imported %s [%s] '%s', table has %s [%s] '%s'", i, x->code,
                     x->unit, x->target, cases[i].code, cases[i].unit, cases[i].text);
        check_case(&cases[i]);
    }
    batch_release(&b);
}

static void test_seed001(void **state)
{
    (void)state;
    check_seed("data/seeds/001_523cb3a39135c550.txt", seed001, N_ITEMS(seed001));
}

static void test_seed002(void **state)
{
    (void)state;
    check_seed("data/seeds/002_d7ea618fb136404a.txt", seed002, N_ITEMS(seed002));
}

/* The plan's targets: names, groups and horizon as the importer cut them. */
static void test_seed002_names(void **state)
{
    (void)state;
    static const struct {
        const char *code, *name, *field;
    } names[] = {
        { "KH2025.1", "Tỉ lệ hồ sơ trực tuyến toàn trình của cả nước", "Chính phủ số" },
        { "KH2025.7", "Số lượng doanh nghiệp hoạt động trong lĩnh vực công nghệ số",
          "Kinh tế số" },
        { "KH2025.11", "Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử",
          "Xã hội số" },
        { "KH2025.13",
          "Tốc độ tăng trưởng bình quân về số lượng và giá trị giao dịch thanh toán không dùng "
          "tiền mặt",
          "Xã hội số" },
        { "KH2025.14", "Tỷ lệ thanh toán không dùng tiền mặt trong thương mại điện tử",
          "Xã hội số" },
        { "KH2025.21", "Cấp phép thí điểm dịch vụ vệ tinh tầm thấp", "Hạ tầng số" },
        { "KH2025.25", "Cung cấp 100% dữ liệu mở theo kế hoạch đã ban hành", "Dữ liệu số" },
    };
    const struct embedded_file *f = embedded_find("data/seeds/002_d7ea618fb136404a.txt");
    struct batch b = BATCH_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(import_read(f->data, f->len, "002", NULL, &b, &e), 0);
    for (size_t i = 0; i < N_ITEMS(names); i++) {
        const struct batch_indicator *x = NULL;
        for (size_t k = 0; k < b.n_indicators && !x; k++)
            if (!strcmp(b.indicators[k].code, names[i].code))
                x = &b.indicators[k];
        assert_non_null(x);
        assert_string_equal(x->name, names[i].name);
        assert_string_equal(x->field, names[i].field);
        assert_int_equal(x->horizon, 2025);
        assert_null(x->parent_code);
    }
    assert_int_equal(b.n_tasks, 99); /* the task import is unchanged */
    batch_release(&b);
}

/* ---- the shapes of issue #5, clause by clause -------------------------------------- */

static void test_clauses(void **state)
{
    (void)state;
    struct target t;

    target_parse(&t, "≤ 3 Đông Nam Á; ≤ 50 Thế giới", "Thứ bậc");
    assert_int_equal(t.n_clauses, 2);
    assert_int_equal(t.clauses[0].part, TARGET_SCALE);
    assert_string_equal(t.clauses[1].label, "Thế giới");
    assert_true(t.clauses[1].stated);
    assert_true(target_needs_part(&t));
    assert_ptr_equal(target_find_part(&t, "the gioi"), &t.clauses[1]);
    target_release(&t);

    target_parse(&t, "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt tối thiểu 70%",
                 NULL);
    assert_int_equal(t.n_clauses, 3);
    assert_int_equal(t.clauses[0].part, TARGET_WHOLE);
    assert_false(t.clauses[0].stated); /* "80%": a bare figure, reached at 80 */
    assert_int_equal(t.clauses[2].part, TARGET_BLOC);
    assert_false(target_needs_part(&t));
    assert_ptr_equal(target_find_part(&t, "bộ"), &t.clauses[1]); /* "khối" may be left out */
    assert_ptr_equal(target_find_part(&t, "Khối địa phương"), &t.clauses[2]);
    assert_null(target_find_part(&t, "khối Đảng"));
    target_release(&t);

    target_parse(&t, "tối thiểu 50%, phấn đấu đạt 70%", NULL);
    assert_int_equal(t.n_clauses, 1);
    assert_true(t.clauses[0].stated && t.clauses[0].has_stretch);
    assert_true(t.clauses[0].low == 50 && t.clauses[0].stretch == 70);
    target_release(&t);

    target_parse(&t, "tăng 04 bậc theo đánh giá của Liên Hợp quốc (xếp thứ 63)", NULL);
    assert_true(t.is_rank);
    assert_int_equal(t.clauses[0].improve_by, 4);
    assert_true(t.clauses[0].low == 63 && t.clauses[0].op == TARGET_LE);
    target_release(&t);

    target_parse(&t, "<p>≥ 80</p>", "%"); /* stray markup as in the seeds */
    assert_int_equal(t.kind, TARGET_NUMERIC);
    assert_true(t.clauses[0].op == TARGET_GE && t.clauses[0].low == 80);
    target_release(&t);

    target_parse(&t, "5", "Thứ bậc"); /* a bare rank: 5th or better */
    assert_true(t.clauses[0].op == TARGET_LE && !t.clauses[0].stated);
    target_release(&t);
}

static const struct {
    const char *text, *unit, *form;
} more_forms[] = {
    { "tối đa 5%", NULL, "≤ 5%" },
    { "dưới 10", NULL, "< 10" },
    { "ít nhất 3 doanh nghiệp", NULL, "≥ 3 doanh nghiệp" },
    { "20 đến 25", NULL, "20 - 25" },
    { "16 – 18", "%/năm", "16 - 18" },
    { ">= 1.000,5", NULL, "≥ 1.000,5" },
    { "Đạt mức trên trung bình của thế giới", "Thứ bậc", "định tính" },
    { "   ", NULL, "không có mục tiêu riêng" },
};

static void test_more_forms(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(more_forms); i++) {
        struct target t;
        target_parse(&t, more_forms[i].text, more_forms[i].unit);
        char *form = target_describe(&t);
        if (strcmp(form, more_forms[i].form))
            fail_msg("'%s': form '%s', want '%s'", more_forms[i].text, form, more_forms[i].form);
        free(form);
        target_release(&t);
    }
}

/* ---- numbers ------------------------------------------------------------------------ */

static const struct {
    const char *text;
    size_t len; /* 0: not a number */
    double value;
} numbers[] = {
    { "81.400", 6, 81400 },  { "0,72", 4, 0.72 },   { "0.72", 4, 0.72 },   { "09", 2, 9 },
    { "1.000,5", 7, 1000.5 }, { "20,5%", 4, 20.5 },  { "1.5", 3, 1.5 },     { "80%, trong", 2, 80 },
    { "12.345.678", 10, 12345678 }, { "3 Đông", 1, 3 }, { "x1", 0, 0 },    { "", 0, 0 },
    { "1234567890123456", 0, 0 },
};

static void test_numbers(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(numbers); i++) {
        double v = -1;
        size_t len = target_read_number(numbers[i].text, &v);
        if (len != numbers[i].len || (len && v != numbers[i].value))
            fail_msg("'%s': read %zu bytes = %g, want %zu = %g", numbers[i].text, len, v,
                     numbers[i].len, numbers[i].value);
    }
    static const struct {
        double v;
        const char *text;
    } formats[] = { { 81400, "81.400" }, { 0.7, "0,7" }, { 20.5, "20,5" }, { 53.3333, "53,333" },
                    { 3, "3" },          { 1234567, "1.234.567" }, { -2.5, "-2,5" } };
    for (size_t i = 0; i < N_ITEMS(formats); i++) {
        char out[TARGET_NUM_LEN];
        target_format_number(formats[i].v, out);
        assert_string_equal(out, formats[i].text);
    }
}

/* ---- finding a target in a sentence ------------------------------------------------------ */

static const struct {
    const char *text;
    const char *from; /* the target phrase, NULL when none */
} starts[] = {
    { "Hết năm 2025 phải tăng 04 bậc theo đánh giá của ITU (xếp thứ 65)",
      "tăng 04 bậc theo đánh giá của ITU (xếp thứ 65)" },
    { "Phủ sóng 5G toàn quốc, phấn đấu số trạm 5G bằng 50% số trạm 4G hiện có",
      "50% số trạm 4G hiện có" },
    { "Về công suất DC/1 triệu dân từ 1,8 MW (năm 2024) lên 2,1 MW",
      "từ 1,8 MW (năm 2024) lên 2,1 MW" },
    { "năm 2025 phấn đấu xếp thứ 16", "xếp thứ 16" },
    { "Cấp phép thí điểm dịch vụ vệ tinh tầm thấp", NULL },
    { "tối thiểu 50%", "tối thiểu 50%" },
    { "Đạt mức trên trung bình của thế giới", NULL },
};

static void test_find_start(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(starts); i++) {
        size_t at = target_find_start(starts[i].text);
        if (!starts[i].from && at != TARGET_NO_START)
            fail_msg("'%s': found a target at %zu", starts[i].text, at);
        if (starts[i].from && (at == TARGET_NO_START || strcmp(starts[i].text + at, starts[i].from)))
            fail_msg("'%s': start %zu, want '%s'", starts[i].text, at, starts[i].from);
    }
}

/* ---- comparing ------------------------------------------------------------------------- */

static const struct {
    const char *text, *unit;
    double v;
    bool met;
    double goal;
} compares[] = {
    { "≥ 80", "%", 80, true, 80 },          { "≥ 80", "%", 79.99, false, 80 },
    { "> 60", "%", 60, false, 60 },         { "> 60", "%", 60.01, true, 60 },
    { "$> 0,7$", NULL, 0.7, false, 0.7 },   { "$> 0,7$", NULL, 0.72, true, 0.7 },
    { "≤ 10", "Thứ bậc", 10, true, 10 },    { "≤ 10", "Thứ bậc", 11, false, 10 },
    { "40 - 50", NULL, 40, true, 40 },      { "40 - 50", NULL, 55, true, 40 },
    { "40 - 50", NULL, 39, false, 40 },     { "16 - 18", "Thứ bậc", 18, true, 18 },
    { "16 - 18", "Thứ bậc", 19, false, 18 }, { "< 5", NULL, 5, false, 5 },
    { "90", "%", 90, true, 90 },            { "xếp thứ 16", NULL, 15, true, 16 },
};

static void test_compare(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ITEMS(compares); i++) {
        struct target t;
        target_parse(&t, compares[i].text, compares[i].unit);
        assert_int_equal(t.kind, TARGET_NUMERIC);
        if (target_met(&t, &t.clauses[0], compares[i].v) != compares[i].met)
            fail_msg("'%s' with %g: met should be %d", compares[i].text, compares[i].v,
                     compares[i].met);
        assert_true(target_goal(&t, &t.clauses[0]) == compares[i].goal);
        target_release(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed001),    cmocka_unit_test(test_seed002),
        cmocka_unit_test(test_seed002_names), cmocka_unit_test(test_clauses),
        cmocka_unit_test(test_more_forms), cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_find_start), cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
