/*
 * Progress reports as entered: reading a row (dates, Hoàn thành words,
 * percent), the checks against the task, and a progress table in XLSX
 * with real date cells recognised by its headers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/progress.h"
#include "import/import.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static struct date D(const char *iso)
{
    struct date d = DATE_NONE;
    if (iso && date_parse_iso(iso, &d))
        fail_msg("bad fixture date '%s'", iso);
    return d;
}

/* ---- progress_read ---------------------------------------------------------------- */

static const struct {
    const char *reported, *done, *completed, *percent;
    int ok;
    enum progress_kind kind;
    const char *want_reported, *want_completed;
    int want_percent;
    int given;
    const char *reason; /* a word the reason must contain */
} read_cases[] = {
    { "15/12/2025", NULL, NULL, NULL, 1, PROGRESS_UPDATE, "2025-12-15", NULL, -1, 0, NULL },
    { "2025-12-15", "không", NULL, "40%", 1, PROGRESS_UPDATE, "2025-12-15", NULL, 40, 0, NULL },
    { "15/12/2025", "x", "10/12/2025", NULL, 1, PROGRESS_DONE, "2025-12-15", "2025-12-10", -1, 1,
      NULL },
    { "15/12/2025", "Có", "2025-12-10", "100", 1, PROGRESS_DONE, "2025-12-15", "2025-12-10", 100,
      1, NULL },
    { "15/12/2025", "1", NULL, NULL, 1, PROGRESS_DONE, "2025-12-15", "2025-12-15", -1, 0, NULL },
    { "15/12/2025", "Đã hoàn thành", "1/12/2025", NULL, 1, PROGRESS_DONE, "2025-12-15",
      "2025-12-01", -1, 1, NULL },
    { "15/12/2025", NULL, "01/12/2025", NULL, 1, PROGRESS_DONE, "2025-12-15", "2025-12-01", -1, 1,
      NULL },
    { "15/12/2025", "Mở lại", NULL, NULL, 1, PROGRESS_REOPEN, "2025-12-15", NULL, -1, 0, NULL },
    { "", NULL, NULL, NULL, 0, PROGRESS_UPDATE, NULL, NULL, -1, 0, "Ngày báo cáo" },
    { "15/13/2025", NULL, NULL, NULL, 0, PROGRESS_UPDATE, NULL, NULL, -1, 0, "15/13/2025" },
    { "15/12/2025", "có lẽ", NULL, NULL, 0, PROGRESS_UPDATE, NULL, NULL, -1, 0, "có lẽ" },
    { "15/12/2025", "không", "01/12/2025", NULL, 0, PROGRESS_UPDATE, NULL, NULL, -1, 0,
      "Ngày hoàn thành" },
    { "15/12/2025", "x", "hôm qua", NULL, 0, PROGRESS_UPDATE, NULL, NULL, -1, 0, "hôm qua" },
    { "15/12/2025", NULL, NULL, "120%", 0, PROGRESS_UPDATE, NULL, NULL, -1, 0, "Tiến độ" },
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void test_read(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(read_cases) / sizeof(*read_cases); i++) {
        struct progress_row row = { .line = i + 2 };
        row.reported_on = dup_or_null(read_cases[i].reported);
        row.done = dup_or_null(read_cases[i].done);
        row.completed_on = dup_or_null(read_cases[i].completed);
        row.percent = dup_or_null(read_cases[i].percent);
        struct progress_entry en;
        char *reason = NULL;
        int ret = progress_read(&row, &en, &reason);
        if ((ret == 0) != read_cases[i].ok)
            fail_msg("case %zu: got %d (%s)", i, ret, reason ? reason : "");
        if (ret == 0) {
            assert_int_equal(en.kind, read_cases[i].kind);
            assert_int_equal(date_cmp(en.reported_on, D(read_cases[i].want_reported)), 0);
            assert_int_equal(date_cmp(en.completed_on, D(read_cases[i].want_completed)), 0);
            assert_int_equal(en.percent, read_cases[i].want_percent);
            assert_int_equal(en.completed_on_given, read_cases[i].given);
        } else if (!strstr(reason, read_cases[i].reason)) {
            fail_msg("case %zu: reason '%s' does not name '%s'", i, reason, read_cases[i].reason);
        }
        free(reason);
        progress_row_release(&row);
    }
}

/* ---- progress_check --------------------------------------------------------------- */

static const struct {
    const char *reported, *completed; /* completed NULL: a progress report */
    const char *doc_date;
    int lead;
    const char *reason; /* NULL: accepted */
} check_cases[] = {
    { "2025-12-15", "2025-12-10", "2025-04-01", 1, NULL },
    { "2025-12-15", "2025-12-15", "2025-04-01", 1, NULL },  /* completed on the report day */
    { "2025-04-01", "2025-04-01", "2025-04-01", 1, NULL },  /* completed on the document day */
    { "2026-01-15", NULL, "2025-04-01", 1, NULL },          /* dated today */
    { "2026-01-16", NULL, "2025-04-01", 1, "tương lai" },
    { "2025-12-15", "2025-12-16", "2025-04-01", 1, "sau ngày báo cáo" },
    { "2025-12-15", "2025-03-31", "2025-04-01", 1, "trước ngày của văn bản" },
    { "2025-12-15", NULL, "2025-04-01", 0, "không phải cơ quan chủ trì" },
    { "2025-12-15", "2025-01-01", NULL, 1, NULL },          /* no document date: no floor */
};

static void test_check(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(check_cases) / sizeof(*check_cases); i++) {
        struct progress_entry en = { check_cases[i].completed ? PROGRESS_DONE : PROGRESS_UPDATE,
                                     D(check_cases[i].reported), D(check_cases[i].completed), true,
                                     -1 };
        struct progress_context ctx = { D("2026-01-15"), D(check_cases[i].doc_date),
                                        check_cases[i].lead, "Bộ Nội vụ", 7 };
        char *reason = NULL;
        int ret = progress_check(&en, &ctx, &reason);
        if (!check_cases[i].reason && ret)
            fail_msg("case %zu refused: %s", i, reason);
        if (check_cases[i].reason && (!ret || !strstr(reason, check_cases[i].reason)))
            fail_msg("case %zu: want '%s', got '%s'", i, check_cases[i].reason,
                     reason ? reason : "(accepted)");
        free(reason);
    }
}

/* ---- an XLSX progress table ------------------------------------------------------- */

static char *write_progress_xlsx(void)
{
    char *path = xstrdup("/tmp/test_progress_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *dmy = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    const char *head[] = { "TT", "Mã", "Cơ quan chủ trì", "Kết quả thực hiện",
                           "Vướng mắc, kiến nghị", "Ngày báo cáo", "Hoàn thành",
                           "Ngày hoàn thành", "Văn bản kết quả" };
    worksheet_write_string(ws, 0, 0, "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", NULL);
    for (lxw_col_t c = 0; c < 9; c++)
        worksheet_write_string(ws, 2, c, head[c], NULL);
    worksheet_write_number(ws, 3, 0, 1, NULL);
    worksheet_write_string(ws, 3, 1, "13", NULL);
    worksheet_write_string(ws, 3, 2, "Bộ Nội vụ", NULL);
    worksheet_write_string(ws, 3, 3, "Đã phát động <b>phong trào</b>", NULL);
    worksheet_write_datetime(ws, 3, 5, &(lxw_datetime){ 2025, 12, 30, 0, 0, 0 }, dmy);
    worksheet_write_string(ws, 3, 6, "x", NULL);
    worksheet_write_datetime(ws, 3, 7, &(lxw_datetime){ 2025, 6, 30, 0, 0, 0 }, dmy);
    worksheet_write_string(ws, 3, 8, "Kế hoạch số 77/KH-BNV ngày 30/6/2025", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    return path;
}

static void test_xlsx_table(void **state)
{
    (void)state;
    char *path = write_progress_xlsx();
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *data = xmalloc(1 << 20);
    size_t len = fread(data, 1, 1 << 20, f);
    fclose(f);
    unlink(path);
    struct batch b = BATCH_INIT;
    struct err e = ERR_INIT;
    if (import_read(data, len, "tien-do.xlsx", NULL, &b, &e))
        fail_msg("%s", e.msg);
    assert_string_equal(b.format, "progress");
    assert_int_equal(b.n_progress, 1);
    const struct progress_row *row = &b.progress[0];
    assert_int_equal(row->line, 4);
    assert_string_equal(row->task_code, "13");
    assert_string_equal(row->unit, "Bộ Nội vụ");
    assert_string_equal(row->result, "Đã phát động phong trào");
    struct progress_entry en;
    char *reason = NULL;
    assert_int_equal(progress_read(row, &en, &reason), 0);
    assert_int_equal(en.kind, PROGRESS_DONE);
    assert_int_equal(date_cmp(en.reported_on, D("2025-12-30")), 0);
    assert_int_equal(date_cmp(en.completed_on, D("2025-06-30")), 0);
    batch_release(&b);
    free(data);
    free(path);
}

/* A task table stays a task table; --format progress on it names what is missing. */
static void test_detection(void **state)
{
    (void)state;
    const char *tasks = "TT,Tên nhiệm vụ,Cơ quan chủ trì,Thời gian hoàn thành\n1,Việc A,Bộ Y tế,"
                        "Quý I/2025\n";
    struct batch b = BATCH_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(import_read(tasks, strlen(tasks), "t.csv", NULL, &b, &e), 0);
    assert_string_equal(b.format, "table");
    batch_release(&b);
    assert_int_equal(import_read(tasks, strlen(tasks), "t.csv", "progress", &b, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "Ngày báo cáo"));
    err_clear(&e);
    /* No unit column: still a progress table (the command line's --unit names the unit). */
    const char *no_unit = "Mã,Kết quả thực hiện,Ngày báo cáo\n1,Đang triển khai,15/12/2025\n";
    assert_int_equal(import_read(no_unit, strlen(no_unit), "p.csv", NULL, &b, &e), 0);
    assert_string_equal(b.format, "progress");
    assert_false(b.progress_has_unit);
    assert_null(b.progress[0].unit);
    batch_release(&b);
}

/*
 * Headers as offices write them: a required-output "Kết quả" next to the
 * "Kết quả thực hiện" that is the result; "Hoàn thành (có/không)";
 * "Ngày hoàn thành (dd/mm/yyyy)"; "Đơn vị / Cơ quan chủ trì"; free-text
 * "Tiến độ thực hiện"; a column no field reads is kept with the row.
 */
static void test_official_headers(void **state)
{
    (void)state;
    const char *csv = "TT,Mã,Đơn vị / Cơ quan chủ trì,Đơn vị phối hợp,Kết quả,Thời hạn,"
                      "Kết quả thực hiện,Tiến độ thực hiện,Ngày báo cáo,Hoàn thành (có/không),"
                      "Ngày hoàn thành (dd/mm/yyyy),Ghi chú\n"
                      "1,16,Bộ KH&CN,Bộ Tư pháp,Luật,Tháng 5/2025,Đã trình Quốc hội,"
                      "Đúng kế hoạch,20/06/2025,x,19/06/2025,Đã thông qua\n";
    struct batch b = BATCH_INIT;
    struct err e = ERR_INIT;
    if (import_read(csv, strlen(csv), "p.csv", NULL, &b, &e))
        fail_msg("%s", e.msg);
    assert_string_equal(b.format, "progress");
    const struct progress_row *row = &b.progress[0];
    assert_string_equal(row->unit, "Bộ KH&CN");
    assert_string_equal(row->result, "Đã trình Quốc hội");
    assert_null(row->percent);
    assert_string_equal(row->done, "x");
    assert_string_equal(row->completed_on, "19/06/2025");
    assert_non_null(strstr(row->other, "Kết quả: Luật"));
    assert_non_null(strstr(row->other, "Tiến độ thực hiện: Đúng kế hoạch"));
    assert_non_null(strstr(row->other, "Ghi chú: Đã thông qua"));
    assert_non_null(strstr(row->other, "Đơn vị phối hợp: Bộ Tư pháp"));
    batch_release(&b);
}

/* The rules of an entered report (issue #13): what each row lacks, by hand. */
static void test_entry_lacks(void **state)
{
    (void)state;
    enum { C = PROGRESS_LACKS_CONTENT, R = PROGRESS_LACKS_REASON,
           N = PROGRESS_LACKS_OUTPUT_NUMBER, D = PROGRESS_LACKS_OUTPUT_DATE };
    static const struct {
        const char *done, *result, *next, *percent, *output;
        unsigned want;
    } cases[] = {
        { NULL, NULL, NULL, NULL, NULL, C },              /* an empty report */
        { NULL, "  ", NULL, NULL, NULL, C },              /* blanks say nothing */
        { "không", NULL, NULL, NULL, NULL, C },
        { NULL, "Đã trình dự thảo", NULL, NULL, NULL, 0 },
        { NULL, NULL, "Ban hành", NULL, NULL, 0 },
        { NULL, NULL, NULL, "60", NULL, 0 },
        { "có", NULL, NULL, NULL, NULL, N | D },          /* a completion without its output */
        { "có", "Đã xong", NULL, NULL, "Đã ban hành", N | D },
        { "x", NULL, NULL, NULL, "Quyết định số 12/QĐ-BNV", D },
        { "có", NULL, NULL, NULL, "Đã ban hành ngày 19/12/2025", N },
        { "có", NULL, NULL, NULL, "Quyết định số 12/QĐ-BNV ngày 19/12/2025", 0 },
        { "có", NULL, NULL, NULL, "Số 12/BC-BNV ngày 20/12/2025.", 0 },
        { "có", NULL, NULL, NULL, "Nghị định 57-ND/CP (2025-12-20)", 0 },
        { "đã hoàn thành", NULL, NULL, NULL, "Báo cáo số 7 ngày 5 tháng 12 năm 2025", 0 },
        { "mở lại", NULL, NULL, NULL, NULL, R },
        { "mở lại", "Nhầm đơn vị", NULL, NULL, NULL, 0 },
        { "chắc chắn", NULL, NULL, NULL, NULL, 0 },      /* unreadable: progress_read() says so */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct progress_row row = { .done = (char *)cases[i].done,
                                    .result = (char *)cases[i].result,
                                    .next = (char *)cases[i].next,
                                    .percent = (char *)cases[i].percent,
                                    .output = (char *)cases[i].output };
        unsigned got = progress_entry_lacks(&row);
        if (got != cases[i].want)
            fail_msg("case %zu: lacks %u, want %u", i, got, cases[i].want);
    }
    char *why = progress_lacks_reason(N | D);
    assert_string_equal(why, "Nhập số, ký hiệu của văn bản kết quả (ví dụ 12/BC-BNV); Nhập ngày"
                             " ban hành của văn bản kết quả");
    free(why);
    assert_null(progress_lacks_reason(0));
    assert_string_equal(progress_lack_message(PROGRESS_LACKS_REASON), "Nhập lý do mở lại");
    char *cite = progress_output_cite("12/BC-BNV", (struct date){ 2025, 12, 20 });
    assert_string_equal(cite, "Số 12/BC-BNV ngày 20/12/2025");
    free(cite);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_xlsx_table),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_official_headers),
        cmocka_unit_test(test_entry_lacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
