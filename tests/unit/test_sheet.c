/*
 * Unit tests for src/import/sheet: CSV and XLSX bytes to rows of NFC text.
 *
 * Each case compares a dump of the whole sheet ("line:cell|cell\n", with
 * line breaks inside cells written as \n and \r) or the error message, and
 * re-checks the sheet invariants after every read. Which XLSX cells are
 * plain numbers (sheet_is_number()) is compared as a second dump
 * ("line:" then 'n' for a number cell, '.' for any other). XLSX inputs are made at
 * test time: with libxlsxwriter, as Excel users' files are, and by hand with
 * libzip for what libxlsxwriter never writes (phonetic runs, 1904 dates,
 * prefixed names, broken parts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "import/sheet.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

/* ------------------------------------------------------------ helpers */

/* "line:cell|cell\n" per row; newly allocated. */
static char *dump(const struct sheet *sh)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < sh->n; i++) {
        buf_addf(&b, "%zu:", sh->rows[i].line);
        for (size_t j = 0; j < sh->rows[i].n; j++) {
            if (j)
                buf_addch(&b, '|');
            for (const char *p = sh->rows[i].cells[j]; *p; p++)
                buf_adds(&b, *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : (char[]){ *p, 0 });
        }
        buf_addch(&b, '\n');
    }
    return buf_take(&b);
}

/* "line:" then 'n' or '.' per cell: which cells sheet_is_number() vouches for. */
static char *dump_numbers(const struct sheet *sh)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < sh->n; i++) {
        buf_addf(&b, "%zu:", sh->rows[i].line);
        for (size_t j = 0; j < sh->rows[i].n; j++)
            buf_addch(&b, sheet_is_number(sh, i, j) ? 'n' : '.');
        buf_addch(&b, '\n');
    }
    return buf_take(&b);
}

/* The invariants of sheet.h about the number flags. */
static void assert_sane_numbers(const struct sheet *sh)
{
    assert_true(sh->n_numeric <= sh->n);
    assert_true(sh->n_numeric <= sh->cap_numeric);
    assert_true((sh->numeric == NULL) == (sh->n_numeric == 0));
    for (size_t i = 0; i < sh->n; i++) {
        assert_false(sheet_is_number(sh, i, sh->rows[i].n));
        for (size_t j = 0; j < sh->rows[i].n; j++) {
            if (!sheet_is_number(sh, i, j))
                continue;
            /* the C form: read back whole by strtod, finite */
            const char *cell = sh->rows[i].cells[j];
            char *end = NULL;
            double d = strtod(cell, &end);
            assert_true(end != cell && *end == '\0' && isfinite(d));
            char *vi = sheet_number_vi(cell);
            assert_null(strpbrk(vi, ".eE"));
            free(vi);
        }
    }
    assert_false(sheet_is_number(sh, sh->n, 0));
}

/* The invariants of sheet.h. */
static void assert_sane_sheet(const struct sheet *sh, bool lines_increase)
{
    assert_true(sh->n <= sh->cap);
    assert_true(sh->n == 0 || sh->rows != NULL);
    assert_sane_numbers(sh);
    for (size_t i = 0; i < sh->n; i++) {
        const struct sheet_row *r = &sh->rows[i];
        bool blank = true;
        assert_true(r->n >= 1);
        assert_true(r->line >= 1);
        if (lines_increase && i > 0)
            assert_true(r->line > sh->rows[i - 1].line);
        for (size_t j = 0; j < r->n; j++) {
            assert_non_null(r->cells[j]);
            assert_true(text_is_utf8(r->cells[j], strlen(r->cells[j]), NULL));
            char *nfc = text_nfc(r->cells[j]);
            assert_string_equal(nfc, r->cells[j]);
            free(nfc);
            blank = blank && text_is_blank(r->cells[j]);
        }
        assert_false(blank);
    }
}

typedef int reader_fn(struct sheet *, const char *, size_t, const char *, struct err *);

/*
 * Read data with `read` and check the outcome: the dump equals `expect`
 * when it is not NULL; otherwise the read fails with ERR_INVALID, leaves
 * the sheet empty, and the message contains every non-NULL string of msg.
 * The sheet starts with a row in it, to check that reading replaces it.
 */
static void check_read(reader_fn *read, const char *data, size_t len, const char *name,
                       const char *expect, const char *const msg[3])
{
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(sheet_read_csv(&sh, "old,row\n", 8, "old.csv", &e), 0);
    assert_int_equal(sh.n, 1);

    int ret = read(&sh, data, len, name, &e);
    if (expect) {
        if (ret != 0)
            fail_msg("%s: unexpected error: %s", name, e.msg);
        assert_int_equal(e.kind, ERR_OK);
        assert_sane_sheet(&sh, read == sheet_read_csv);
        if (read == sheet_read_csv) /* text as typed: "0.725" is no number */
            assert_null(sh.numeric);
        char *got = dump(&sh);
        assert_string_equal(got, expect);
        free(got);
    } else {
        if (ret == 0)
            fail_msg("%s: read succeeded but should fail", name);
        assert_int_equal(ret, ERR_INVALID);
        assert_int_equal(e.kind, ERR_INVALID);
        assert_int_equal(sh.n, 0);
        assert_null(sh.rows);
        assert_int_equal(sh.cap, 0);
        assert_null(sh.numeric);
        assert_int_equal(sh.n_numeric, 0);
        for (int i = 0; i < 3 && msg[i]; i++)
            if (!strstr(e.msg, msg[i]))
                fail_msg("%s: message '%s' lacks '%s'", name, e.msg, msg[i]);
        assert_non_null(strstr(e.msg, name));
    }
    sheet_release(&sh);
    assert_int_equal(sh.n, 0);
    assert_null(sh.rows);
    assert_null(sh.numeric);
    assert_int_equal(sh.n_numeric, 0);
}

/* Read data as XLSX and compare which cells are plain numbers with `want` (dump_numbers()). */
static void check_numbers(const char *data, size_t len, const char *name, const char *want)
{
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    if (sheet_read_xlsx(&sh, data, len, name, &e) != 0)
        fail_msg("%s: unexpected error: %s", name, e.msg);
    char *got = dump_numbers(&sh);
    if (strcmp(got, want) != 0)
        fail_msg("%s: number cells\n%s, want\n%s", name, got, want);
    free(got);
    sheet_release(&sh);
}

static char *tmp_path(void)
{
    char *path = xstrdup("/tmp/test_sheet_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

/* The bytes of the file at path (newly allocated); the file is then removed. */
static char *slurp_and_unlink(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct buf b = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    assert_int_equal(unlink(path), 0);
    *len = b.len;
    return buf_take(&b);
}

/* ---------------------------------------------------------------- CSV */

struct csv_case {
    const char *name;
    const char *data;
    size_t len;          /* 0: strlen(data) */
    const char *expect;  /* dump, or NULL when the read must fail */
    const char *msg[3];  /* substrings of the error message */
};

static const struct csv_case csv_cases[] = {
    { "bom.csv", "\xEF\xBB\xBFT\xC3\xAAn,S\xE1\xBB\x91\n\xC4\x90\xE1\xBA\xA1t,5\n", 0,
      "1:T\xC3\xAAn|S\xE1\xBB\x91\n2:\xC4\x90\xE1\xBA\xA1t|5\n", { NULL } },
    { "semicolon.csv", "a;b;c\n1;2,5;3\n", 0, "1:a|b|c\n2:1|2,5|3\n", { NULL } },
    { "tab.csv", "a\tb\tc\n1\t\t3\n", 0, "1:a|b|c\n2:1||3\n", { NULL } },
    { "quoted-delims.csv", "\"a;b;c\",d\n\"x;y\",z\n", 0, "1:a;b;c|d\n2:x;y|z\n", { NULL } },
    { "quoted.csv",
      "id,text\n1,\"a, b\"\n2,\"line1\nline2\nline3\"\n3,\"say \"\"hi\"\"\"\n4,end\n", 0,
      "1:id|text\n2:1|a, b\n3:2|line1\\nline2\\nline3\n6:3|say \"hi\"\n7:4|end\n", { NULL } },
    { "crlf.csv", "a,b\r\n1,2\r\n\r\n3,4\r\n", 0, "1:a|b\n2:1|2\n4:3|4\n", { NULL } },
    { "crlf-quoted.csv", "x,\"a\r\nb\"\r\ny,z\r\n", 0, "1:x|a\\r\\nb\n3:y|z\n", { NULL } },
    { "cr.csv", "a\rb\r\r\"c\rd\"\re", 0, "1:a\n2:b\n4:c\\rd\n6:e\n", { NULL } },
    { "blank-rows.csv", "\n\na,b\n,\n  ,  \n\n\"\",\" \"\nc,d\n\n", 0, "3:a|b\n8:c|d\n",
      { NULL } },
    { "no-final-newline.csv", "a,b\n1,2", 0, "1:a|b\n2:1|2\n", { NULL } },
    { "nfd.csv", "Thu\xCC\x89 ti\xCC\x81nh\n", 0, "1:Th\xE1\xBB\xA7 t\xC3\xADnh\n", { NULL } },
    { "spaces.csv", " a , \" b \" \n", 0, "1:a| b \n", { NULL } },
    { "only-blank.csv", "\n , \n", 0, "", { NULL } },
    { "empty.csv", "", 0, NULL, { "trống" } },
    { "bom-only.csv", "\xEF\xBB\xBF", 0, NULL, { "trống" } },
    { "latin1.csv", "Name,Unit\nT\xEAn nhi\xEAm v\xF9,S\xF4\n", 0, NULL,
      { "không phải văn bản mã UTF-8 (dòng 2, byte 11)", "CSV UTF-8", "Windows-1258" } },
    { "latin1-bom.csv", "\xEF\xBB\xBF" "a\r\nb\r\n\r\nc\xE0\n", 0, NULL,
      { "(dòng 4, byte 12)" } },
    { "binary.bin", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20, NULL,
      { "nhị phân", "byte NUL ở dòng 3, byte 8" } },
    { "utf16.csv", "\xFF\xFE" "a\0,\0b\0", 8, NULL, { "UTF-16" } },
    { "unterminated.csv", "a,b\n1,\"oops\n2,3\n", 0, NULL,
      { "không được đóng", "dòng 2" } },
    { "unterminated-later.csv", "a,b\n\"x\ny\",1\n2,\"open\n", 0, NULL,
      { "không được đóng", "dòng 4" } },
    { "stray-quote.csv", "a,b\n1,x\"y\n", 0, NULL, { "ngoặc kép", "dòng 2" } },
    { "after-quote.csv", "a,b\n\"1\nz\"x,y\n", 0, NULL, { "ngoặc kép", "dòng 3" } },
};

static void test_csv_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(csv_cases) / sizeof(csv_cases[0]); i++) {
        const struct csv_case *c = &csv_cases[i];
        size_t len = c->len ? c->len : strlen(c->data);
        check_read(sheet_read_csv, c->data, len, c->name, c->expect, c->msg);
    }
}

/* A long CSV: line numbers stay right across many records and quoted breaks. */
static void test_csv_many_lines(void **state)
{
    (void)state;
    struct buf in = BUF_INIT, want = BUF_INIT;
    size_t line = 1;
    for (int i = 0; i < 2000; i++) {
        bool multi = i % 7 == 3;
        buf_addf(&in, multi ? "%d;\"x\ny\"\n" : "%d;x\n\n", i);
        buf_addf(&want, multi ? "%zu:%d|x\\ny\n" : "%zu:%d|x\n", line, i);
        line += 2;
    }
    check_read(sheet_read_csv, in.data, in.len, "many.csv", want.data, NULL);
    buf_release(&in);
    buf_release(&want);
}

static void test_looks_like_xlsx(void **state)
{
    (void)state;
    assert_true(sheet_looks_like_xlsx("PK\x03\x04rest", 8));
    assert_false(sheet_looks_like_xlsx("PK\x03", 3));
    assert_false(sheet_looks_like_xlsx("a,b\n", 4));
    assert_false(sheet_looks_like_xlsx("PK\x05\x06", 4));
    assert_false(sheet_looks_like_xlsx(NULL, 0));
}

static void test_release_empty(void **state)
{
    (void)state;
    struct sheet sh = SHEET_INIT;
    sheet_release(&sh);
    sheet_release(&sh);
    assert_null(sh.rows);
    assert_int_equal(sh.n, 0);
}

/* ------------------------------------------------- XLSX (xlsxwriter) */

/* Workbook written the way Excel users' files are; its first sheet's dump. */
static const char *basic_expect =
    "1:T\xC3\xAAn nhi\xE1\xBB\x87m v\xE1\xBB\xA5|S\xE1\xBB\x91 l\xC6\xB0\xE1\xBB\xA3ng|"
    "H\xE1\xBA\xA1n|T\xE1\xBB\xB7 l\xE1\xBB\x87\n"
    "2:B\xC3\xA1o c\xC3\xA1o qu\xC3\xBD|5|05/03/2024|2.5\n"
    "4:x|||7\n"
    "5:31/12/2024|0.3|-3|1234567890123\n"
    "6:TRUE|AB|Ph\xC3\xB2ng K\xE1\xBA\xBF ho\xE1\xBA\xA1" "ch|FALSE\n"
    "7:29/02/1900|28/02/1900|01/03/1900|01/01/1900\n"
    "8:1500|3.25|0.5|Th\xE1\xBB\xA7 t\xC3\xADnh\n";
/* Its plain numbers: not the dates, the booleans, the formula text; a "days" format is a number. */
static const char *basic_numbers = "1:....\n2:.n.n\n4:...n\n5:.nnn\n6:....\n7:....\n8:nnn.\n";

static void write_basic_sheet(lxw_workbook *wb, lxw_worksheet *ws)
{
    lxw_format *dmy = workbook_add_format(wb), *builtin = workbook_add_format(wb);
    lxw_format *quoted_d = workbook_add_format(wb), *red = workbook_add_format(wb);
    lxw_format *bold = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    format_set_num_format_index(builtin, 14);
    format_set_num_format(quoted_d, "#,##0 \"days\"");
    format_set_num_format(red, "[Red]0.00");
    format_set_bold(bold);

    worksheet_write_string(ws, 0, 0, "T\xC3\xAAn nhi\xE1\xBB\x87m v\xE1\xBB\xA5", NULL);
    worksheet_write_string(ws, 0, 1, "S\xE1\xBB\x91 l\xC6\xB0\xE1\xBB\xA3ng", NULL);
    worksheet_write_string(ws, 0, 2, "H\xE1\xBA\xA1n", NULL);
    worksheet_write_string(ws, 0, 3, "T\xE1\xBB\xB7 l\xE1\xBB\x87", NULL);
    worksheet_write_string(ws, 1, 0, "B\xC3\xA1o c\xC3\xA1o qu\xC3\xBD", NULL);
    worksheet_write_number(ws, 1, 1, 5, NULL);
    worksheet_write_datetime(ws, 1, 2, &(lxw_datetime){ 2024, 3, 5, 0, 0, 0 }, dmy);
    worksheet_write_number(ws, 1, 3, 2.5, NULL);
    worksheet_write_blank(ws, 2, 0, bold); /* row 3: formatted but empty */
    worksheet_write_string(ws, 2, 1, "   ", NULL);
    worksheet_write_string(ws, 3, 0, "x", NULL);
    worksheet_write_number(ws, 3, 3, 7, NULL);
    worksheet_write_blank(ws, 3, 6, dmy);
    worksheet_write_datetime(ws, 4, 0, &(lxw_datetime){ 2024, 12, 31, 13, 30, 0 }, builtin);
    worksheet_write_number(ws, 4, 1, 0.1 + 0.2, NULL);
    worksheet_write_number(ws, 4, 2, -3, NULL);
    worksheet_write_number(ws, 4, 3, 1234567890123.0, NULL);
    worksheet_write_boolean(ws, 5, 0, 1, NULL);
    worksheet_write_formula_str(ws, 5, 1, "=\"A\"&\"B\"", NULL, "AB");
    lxw_rich_string_tuple f1 = { .format = NULL, .string = "Ph\xC3\xB2ng " };
    lxw_rich_string_tuple f2 = { .format = bold, .string = "K\xE1\xBA\xBF ho\xE1\xBA\xA1" "ch" };
    lxw_rich_string_tuple *rich[] = { &f1, &f2, NULL };
    worksheet_write_rich_string(ws, 5, 2, rich, NULL);
    worksheet_write_boolean(ws, 5, 3, 0, NULL);
    worksheet_write_number(ws, 6, 0, 60, dmy);
    worksheet_write_number(ws, 6, 1, 59, dmy);
    worksheet_write_number(ws, 6, 2, 61, builtin);
    worksheet_write_number(ws, 6, 3, 1, dmy);
    worksheet_write_number(ws, 7, 0, 1500, quoted_d);
    worksheet_write_number(ws, 7, 1, 3.25, red);
    worksheet_write_number(ws, 7, 2, 0.5, NULL);
    worksheet_write_string(ws, 7, 3, "Thu\xCC\x89 ti\xCC\x81nh", NULL); /* NFD */
}

/* Write a workbook with the basic first sheet and a second sheet; returns its bytes. */
static char *make_basic_xlsx(size_t *len, bool constant_memory)
{
    char *path = tmp_path();
    lxw_workbook_options opt = { .constant_memory = constant_memory };
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    assert_non_null(wb);
    write_basic_sheet(wb, workbook_add_worksheet(wb, "Danh s\xC3\xA1" "ch"));
    lxw_worksheet *other = workbook_add_worksheet(wb, "Kh\xC3\xA1" "c");
    worksheet_write_string(other, 0, 0, "ignored", NULL);
    worksheet_write_number(other, 5, 5, 99, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    char *data = slurp_and_unlink(path, len);
    free(path);
    return data;
}

static void test_xlsx_basic(void **state)
{
    (void)state;
    size_t len;
    char *data = make_basic_xlsx(&len, false);
    assert_true(sheet_looks_like_xlsx(data, len));
    check_read(sheet_read_xlsx, data, len, "basic.xlsx", basic_expect, NULL);
    check_numbers(data, len, "basic.xlsx", basic_numbers);
    free(data);
}

/* constant_memory mode writes strings inline (t="inlineStr") instead of shared. */
static void test_xlsx_inline_strings(void **state)
{
    (void)state;
    size_t len;
    char *data = make_basic_xlsx(&len, true);
    check_read(sheet_read_xlsx, data, len, "inline.xlsx", basic_expect, NULL);
    check_numbers(data, len, "inline.xlsx", basic_numbers);
    free(data);
}

/*
 * Percent-formatted numbers as Excel users type them ("82%" makes 0.82 with
 * format 0%), next to plain numbers and dates: the percent is the value
 * times 100 with a decimal comma and every digit kept, whatever the format
 * rounds to; everything else reads as before.
 */
static void test_xlsx_percent(void **state)
{
    (void)state;
    char *path = tmp_path();
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "T\xE1\xBB\xB7 l\xE1\xBB\x87");
    lxw_format *p0 = workbook_add_format(wb), *p2 = workbook_add_format(wb);
    lxw_format *p1 = workbook_add_format(wb), *dmy = workbook_add_format(wb);
    lxw_format *dec = workbook_add_format(wb);
    format_set_num_format_index(p0, 9);  /* built-in "0%" */
    format_set_num_format_index(p2, 10); /* built-in "0.00%" */
    format_set_num_format(p1, "0.0%");   /* custom */
    format_set_num_format(dmy, "dd/mm/yyyy");
    format_set_num_format(dec, "0.00");  /* built-in 2: a plain number */
    static const double row1[] = { 0.82, 0.825, 0.57, 1.5, -0.05, 0, 12.5 };
    for (lxw_col_t c = 0; c < 7; c++)
        worksheet_write_number(ws, 0, c, row1[c], p0);
    worksheet_write_number(ws, 1, 0, 0.5, p2);
    worksheet_write_number(ws, 1, 1, 0.12345, p2);
    worksheet_write_number(ws, 1, 2, 0.0001, p2);
    worksheet_write_number(ws, 1, 3, 1234.5678, p2);
    worksheet_write_number(ws, 1, 4, 0.1 + 0.2, p2);
    worksheet_write_number(ws, 2, 0, 0.057, p1);
    worksheet_write_number(ws, 2, 1, 1e-7, p1);
    worksheet_write_number(ws, 2, 2, 0.999, p1);
    worksheet_write_formula_num(ws, 2, 3, "=A1/2", p1, 0.41);
    worksheet_write_string(ws, 2, 4, "82%", p1); /* text stays text */
    worksheet_write_number(ws, 3, 0, 0.82, NULL);
    worksheet_write_number(ws, 3, 1, 82, NULL);
    worksheet_write_number(ws, 3, 2, 0.825, dec);
    worksheet_write_datetime(ws, 3, 3, &(lxw_datetime){ 2025, 12, 31, 0, 0, 0 }, dmy);
    worksheet_write_number(ws, 3, 4, 45356, dmy);
    worksheet_write_boolean(ws, 3, 5, 1, p0);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    size_t len;
    char *data = slurp_and_unlink(path, &len);
    free(path);
    check_read(sheet_read_xlsx, data, len, "percent.xlsx",
               "1:82%|82,5%|57%|150%|-5%|0%|1250%\n"
               "2:50%|12,345%|0,01%|123456,78%|30%\n"
               "3:5,7%|0,00001%|99,9%|41%|82%\n"
               "4:0.82|82|0.825|31/12/2025|05/03/2024|TRUE\n",
               NULL);
    check_numbers(data, len, "percent.xlsx", "1:.......\n2:.....\n3:.....\n4:nnn...\n");
    free(data);
}

static void test_xlsx_truncated(void **state)
{
    (void)state;
    size_t len;
    char *data = make_basic_xlsx(&len, false);
    static const char *const msg[3] = { "không đọc được như một bảng tính Excel (.xlsx)" };
    check_read(sheet_read_xlsx, data, len / 2, "half.xlsx", NULL, msg);
    check_read(sheet_read_xlsx, data, len - 1, "short.xlsx", NULL, msg);
    free(data);
}

static void test_xlsx_garbage(void **state)
{
    (void)state;
    char data[4096];
    unsigned seed = 12345;
    for (size_t i = 0; i < sizeof(data); i++) {
        seed = seed * 1103515245u + 12345u;
        data[i] = (char)(seed >> 16);
    }
    memcpy(data, "PK\x03\x04", 4);
    static const char *const msg[3] = { "không đọc được như một bảng tính Excel (.xlsx)" };
    assert_true(sheet_looks_like_xlsx(data, sizeof(data)));
    check_read(sheet_read_xlsx, data, sizeof(data), "random.xlsx", NULL, msg);
    check_read(sheet_read_xlsx, "PK\x03\x04", 4, "tiny.xlsx", NULL, msg);
    check_read(sheet_read_xlsx, "a,b\n", 4, "csv.xlsx", NULL, msg);
    static const char *const empty[3] = { "trống" };
    check_read(sheet_read_xlsx, "", 0, "empty.xlsx", NULL, empty);
}

/* ----------------------------------------------- XLSX (made by hand) */

#define NS_MAIN "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_REL "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define WS(rows) XML_DECL "<worksheet " NS_MAIN "><sheetData>" rows "</sheetData></worksheet>"
#define WB(pr) XML_DECL "<workbook " NS_MAIN " " NS_REL ">" pr \
    "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define SST(items) XML_DECL "<sst " NS_MAIN ">" items "</sst>"
#define STYLES(fmts, xfs) XML_DECL "<styleSheet " NS_MAIN ">" fmts \
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>" \
    "<cellXfs>" xfs "</cellXfs></styleSheet>"

static const char *default_rels =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_TYPE "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_TYPE "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_TYPE "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>";

/* Parts of a hand-made XLSX: NULL takes the default, "" leaves the part out. */
struct xlsx_case {
    const char *name;
    const char *workbook;  /* default: WB("") */
    const char *rels;      /* default: default_rels */
    const char *styles;    /* default: none */
    const char *sst;       /* default: none */
    const char *sheet;     /* xl/worksheets/sheet1.xml */
    const char *extra_path, *extra; /* one more part, e.g. a second sheet */
    const char *expect;
    const char *numbers; /* dump_numbers() of the sheet, when not NULL */
    const char *msg[3];
};

static void add_part(zip_t *za, const char *path, const char *text, size_t len)
{
    zip_source_t *src = zip_source_buffer(za, text, len, 0);
    assert_non_null(src);
    assert_true(zip_file_add(za, path, src, ZIP_FL_OVERWRITE) >= 0);
}

/* Build the zip in a temporary file; returns its bytes (texts must outlive the call). */
static char *make_xlsx(const struct xlsx_case *c, size_t *len)
{
    char *path = tmp_path();
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(za);
    const struct {
        const char *path, *given, *fallback;
    } parts[] = {
        { "xl/workbook.xml", c->workbook, WB("") },
        { "xl/_rels/workbook.xml.rels", c->rels, default_rels },
        { "xl/styles.xml", c->styles, "" },
        { "xl/sharedStrings.xml", c->sst, "" },
        { "xl/worksheets/sheet1.xml", c->sheet, "" },
        { c->extra_path, c->extra, "" },
    };
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        const char *text = parts[i].given ? parts[i].given : parts[i].fallback;
        if (parts[i].path && *text)
            add_part(za, parts[i].path, text, strlen(text));
    }
    assert_int_equal(zip_close(za), 0);
    char *data = slurp_and_unlink(path, len);
    free(path);
    return data;
}

#define C_INL(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

static const struct xlsx_case xlsx_cases[] = {
    { .name = "sst.xlsx",
      .sst = SST("<si><t>H\xC3\xA0 N\xE1\xBB\x99i</t></si>"
                 "<si><r><t xml:space=\"preserve\">Ph\xC3\xB2ng </t></r><r><rPr><b/></rPr>"
                 "<t>K\xE1\xBA\xBF ho\xE1\xBA\xA1" "ch</t></r>"
                 "<rPh sb=\"0\" eb=\"1\"><t>\xE3\x83\x9B</t></rPh><phoneticPr fontId=\"1\"/></si>"
                 "<si><t>A &amp; B</t><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
                 "<si><t/></si>"),
      .sheet = WS("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>0</v></c>"
                  "</row><row r=\"3\"><c r=\"B3\" t=\"s\"><v>3</v></c></row>"
                  "<row r=\"9\"><c r=\"B9\" t=\"s\"><v>2</v></c></row>"),
      .expect = "2:Ph\xC3\xB2ng K\xE1\xBA\xBF ho\xE1\xBA\xA1" "ch||H\xC3\xA0 N\xE1\xBB\x99i\n"
                "9:|A & B\n" },
    { .name = "inline-rph.xlsx",
      .sheet = WS("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><t>a</t></r><r><t>b</t></r>"
                  "<rPh><t>ignored</t></rPh></is></c></row>"),
      .expect = "1:ab\n" },
    { .name = "date1904.xlsx",
      .workbook = WB("<workbookPr date1904=\"1\"/>"),
      .styles = STYLES("", "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"),
      .sheet = WS("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\">"
                  "<v>43890.75</v></c><c r=\"C1\" s=\"0\"><v>43890</v></c></row>"),
      .expect = "1:01/01/1904|01/03/2024|43890\n" },
    { .name = "date1900.xlsx",
      .workbook = WB("<workbookPr date1904=\"false\"/>"),
      .styles = STYLES("", "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"),
      .sheet = WS("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43890</v></c><c r=\"B1\" s=\"1\">"
                  "<v>2958465</v></c><c r=\"C1\" s=\"1\"><v>0</v></c><c r=\"D1\" s=\"1\">"
                  "<v>3000000</v></c><c r=\"E1\" s=\"7\"><v>1</v></c></row>"),
      .expect = "1:29/02/2020|31/12/9999|0|3000000|1\n",
      .numbers = "1:..nnn\n" }, /* no date Excel shows, or no cellXfs s: a number */
    { .name = "formats.xlsx",
      .styles = STYLES("<numFmts count=\"6\">"
                       "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
                       "<numFmt numFmtId=\"165\" formatCode=\"#,##0&quot; days&quot;\"/>"
                       "<numFmt numFmtId=\"166\" formatCode=\"[$-42A]D MMMM YYYY\"/>"
                       "<numFmt numFmtId=\"167\" formatCode=\"0.0\\d\"/>"
                       "<numFmt numFmtId=\"168\" formatCode=\"[Red]0;[Blue]-0\"/>"
                       "<numFmt numFmtId=\"169\" formatCode=\"h:mm\"/></numFmts>",
                       "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
                       "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/>"
                       "<xf numFmtId=\"169\"/><xf numFmtId=\"22\"/><xf numFmtId=\"45\"/>"
                       "<xf numFmtId=\"13\"/><xf numFmtId=\"23\"/><xf numFmtId=\"47\"/>"),
      .sheet = WS("<row r=\"1\"><c s=\"1\"><v>45356</v></c><c s=\"2\"><v>45356</v></c>"
                  "<c s=\"3\"><v>45356</v></c><c s=\"4\"><v>45356</v></c><c s=\"5\"><v>45356</v>"
                  "</c><c s=\"6\"><v>45356.5</v></c><c s=\"7\"><v>45356.9</v></c>"
                  "<c s=\"8\"><v>45357</v></c><c s=\"9\"><v>45356</v></c><c s=\"10\"><v>45356</v>"
                  "</c><c s=\"11\"><v>45358</v></c><c s=\"0\"><v>45356</v></c></row>"),
      .expect = "1:05/03/2024|45356|05/03/2024|45356|45356|05/03/2024|05/03/2024|06/03/2024|"
                "45356|45356|07/03/2024|45356\n" },
    { .name = "types.xlsx",
      .sheet = WS("<row r=\"4\"><c r=\"A4\" t=\"e\"><v>#N/A</v></c><c r=\"B4\" t=\"d\">"
                  "<v>2024-02-29T00:00:00</v></c><c r=\"C4\" t=\"b\"><v>0</v></c>"
                  "<c r=\"D4\" t=\"str\"><f>A1&amp;\"x\"</f><v>y</v></c><c r=\"E4\"><f>1+1</f>"
                  "<v>1.5E+3</v></c><c r=\"F4\"><v>1e-7</v></c><c r=\"G4\"><v>abc</v></c>"
                  "<c r=\"H4\" t=\"n\"><v>-0</v></c><c r=\"I4\"><v>0.30000000000000004</v></c>"
                  "<c r=\"J4\"><v>12345678901234567</v></c></row>"),
      .expect = "4:#N/A|29/02/2024|FALSE|y|1500|1e-07|abc|0|0.3|1.23456789012346e+16\n",
      .numbers = "4:....nn.nnn\n" },
    { .name = "no-refs.xlsx",
      .sheet = WS("<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c><c/>"
                  "<c><v>3</v></c></row><row><c r=\"C2\"><v>2</v></c><c><v>4</v></c></row>"
                  "<row/><row><c><v>5</v></c></row>"),
      .expect = "1:a|1||3\n2:||2|4\n4:5\n",
      .numbers = "1:.n.n\n2:..nn\n4:n\n" },
    /*
     * Plain numbers among text: a cell given twice keeps the flag of the last
     * one; flags follow the rows kept (row 2 is blank, row 3 has none).
     */
    { .name = "numbers.xlsx",
      .styles = STYLES("", "<xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"14\"/>"),
      .sheet = WS("<row r=\"1\"><c r=\"A1\"><v>0.725</v></c>" C_INL("B1", "0.725")
                  "<c r=\"C1\" s=\"1\"><v>0.725</v></c><c r=\"D1\" s=\"2\"><v>45356</v></c>"
                  "<c r=\"F1\"><v>18.125</v></c></row>"
                  "<row r=\"2\">" C_INL("A2", " ") "</row>"
                  "<row r=\"3\">" C_INL("A3", "x") "</row>"
                  "<row r=\"4\"><c r=\"B4\"><v>81400</v></c><c r=\"B4\" t=\"inlineStr\">"
                  "<is><t>y</t></is></c><c r=\"C4\" t=\"inlineStr\"><is><t>z</t></is></c>"
                  "<c r=\"C4\"><v>1.1</v></c><c r=\"D4\"><v>-2.5</v></c></row>"),
      .expect = "1:0.725|0.725|72,5%|05/03/2024||18.125\n3:x\n4:|y|1.1|-2.5\n",
      .numbers = "1:n....n\n3:.\n4:..nn\n" },
    { .name = "blank-rows.xlsx",
      .sheet = WS("<row r=\"1\"><c r=\"A1\" s=\"3\"/><c r=\"B1\" t=\"inlineStr\"><is><t> </t>"
                  "</is></c></row><row r=\"2\"><c r=\"Z2\"><v>1</v></c><c r=\"AA2\" s=\"1\"/>"
                  "</row><row r=\"3\">" C_INL("A3", "") C_INL("B3", "\t") "</row>"),
      .expect = "2:|||||||||||||||||||||||||1\n" },
    { .name = "prefixed.xlsx",
      .workbook = XML_DECL "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/"
                  "2006/main\" " NS_REL "><x:sheets><x:sheet name=\"A\" sheetId=\"3\" "
                  "r:id=\"rId1\"/></x:sheets></x:workbook>",
      .sheet = XML_DECL "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/"
               "2006/main\"><x:sheetData><x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is>"
               "<x:t>p</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>",
      .expect = "1:|p\n" },
    { .name = "order.xlsx",
      .workbook = WB(""),
      .rels = XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
              "relationships\"><Relationship Id=\"rId1\" Type=\"" REL_TYPE "worksheet\" "
              "Target=\"/xl/worksheets/second.xml\"/><Relationship Id=\"rId2\" Type=\""
              REL_TYPE "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
      .sheet = WS("<row r=\"1\">" C_INL("A1", "not me") "</row>"),
      .extra_path = "xl/worksheets/second.xml",
      .extra = WS("<row r=\"1\">" C_INL("A1", "me") "</row>"),
      .expect = "1:me\n" },
    { .name = "percent-formats.xlsx",
      .styles = STYLES("<numFmts count=\"11\">"
                       "<numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
                       "<numFmt numFmtId=\"165\" formatCode=\"0&quot;%&quot;\"/>"
                       "<numFmt numFmtId=\"166\" formatCode=\"0\\%\"/>"
                       "<numFmt numFmtId=\"167\" formatCode=\"[Red]0%\"/>"
                       "<numFmt numFmtId=\"168\" formatCode=\"0_%\"/>"
                       "<numFmt numFmtId=\"169\" formatCode=\"[$%-409]0\"/>"
                       "<numFmt numFmtId=\"170\" formatCode=\"dd/mm/yyyy %\"/>"
                       "<numFmt numFmtId=\"171\" formatCode=\"#,##0.00%;[Red]-#,##0.00%\"/>"
                       "<numFmt numFmtId=\"173\" formatCode=\"0\"/>"
                       "<numFmt numFmtId=\"173\" formatCode=\"0%\"/>"
                       "<numFmt numFmtId=\"x\" formatCode=\"0%\"/><numFmt numFmtId=\"174\"/>"
                       "</numFmts><dxfs><dxf><numFmt numFmtId=\"172\" formatCode=\"0%\"/>"
                       "</dxf></dxfs>",
                       "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
                       "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/>"
                       "<xf numFmtId=\"169\"/><xf numFmtId=\"170\"/><xf numFmtId=\"171\"/>"
                       "<xf numFmtId=\"172\"/><xf numFmtId=\"173\"/><xf numFmtId=\"9\"/>"
                       "<xf numFmtId=\"10\"/><xf numFmtId=\"abc\"/><xf numFmtId=\"174\"/>"
                       "<xf numFmtId=\"11\"/>"),
      .sheet = WS("<row r=\"1\"><c s=\"1\"><v>0.825</v></c><c s=\"2\"><v>0.5</v></c>"
                  "<c s=\"3\"><v>0.5</v></c><c s=\"4\"><v>-0.25</v></c><c s=\"5\"><v>0.5</v></c>"
                  "<c s=\"6\"><v>0.5</v></c><c s=\"7\"><v>45356.5</v></c><c s=\"8\">"
                  "<v>8.2500000000000004E-2</v></c><c s=\"9\"><v>0.5</v></c><c s=\"10\">"
                  "<v>0.5</v></c><c s=\"11\"><v>0.07</v></c><c s=\"12\"><v>1</v></c></row>"
                  "<row r=\"2\"><c s=\"13\"><v>0.5</v></c><c s=\"14\"><v>0.5</v></c>"
                  "<c s=\"15\"><v>0.5</v></c><c s=\"16\"><v>0.5</v></c><c s=\"-1\"><v>0.5</v>"
                  "</c><c s=\"11\" t=\"str\"><v>82%</v></c><c s=\"11\" t=\"b\"><v>1</v></c>"
                  "<c s=\"11\" t=\"e\"><v>#DIV/0!</v></c><c s=\"11\"><v>abc</v></c>"
                  "<c s=\"11\"><v>1e400</v></c><c s=\"11\"><v>-0</v></c><c s=\"12\">"
                  "<v>1E+20</v></c><c s=\"12\"><v>-1.23456789012345678E-5</v></c></row>"),
      .expect = "1:82,5%|0.5|0.5|-25%|0.5|0.5|05/03/2024|8,25%|0.5|50%|7%|100%\n"
                "2:0.5|0.5|0.5|0.5|0.5|82%|TRUE|#DIV/0!|abc|1e400|0%|10000000000000000000000%|"
                "-0,00123456789012346%\n" },
    { .name = "bad-styles.xlsx",
      .styles = XML_DECL "<styleSheet " NS_MAIN "><numFmts>\n<numFmt numFmtId=\"164\" "
                "formatCode=\"0%\"></numFmts></styleSheet>",
      .sheet = WS(""),
      .msg = { "không đọc được như một bảng tính Excel (.xlsx)", "xl/styles.xml dòng 3", "mismatched" } },
    { .name = "bad-xml.xlsx",
      .sheet = XML_DECL "<worksheet><sheetData>\n<row r=\"1\">\n<c r=\"A1\"><v>1</v></row>\n"
               "</sheetData></worksheet>",
      .msg = { "không đọc được như một bảng tính Excel (.xlsx)", "xl/worksheets/sheet1.xml dòng 4", "mismatched" } },
    { .name = "bad-sst.xlsx",
      .sst = SST("<si><t>a</t></si>\n<si><t>b</si>"),
      .sheet = WS(""),
      .msg = { "xl/sharedStrings.xml dòng 3" } },
    { .name = "doctype.xlsx",
      .sheet = XML_DECL "<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<worksheet><sheetData>"
               "<row><c t=\"inlineStr\"><is><t>&lol;</t></is></c></row></sheetData></worksheet>",
      .msg = { "xl/worksheets/sheet1.xml dòng 2", "khai báo kiểu tài liệu" } },
    { .name = "no-sheet-part.xlsx",
      .sheet = "",
      .msg = { "không đọc được như một bảng tính Excel (.xlsx): thiếu phần xl/worksheets/sheet1.xml" } },
    { .name = "no-workbook.xlsx",
      .workbook = "",
      .sheet = WS(""),
      .msg = { "không đọc được như một bảng tính Excel (.xlsx): thiếu phần xl/workbook.xml" } },
    { .name = "no-rels.xlsx",
      .rels = "",
      .sheet = WS(""),
      .msg = { "thiếu phần xl/_rels/workbook.xml.rels" } },
    { .name = "no-sheets.xlsx",
      .workbook = XML_DECL "<workbook " NS_MAIN "><sheets/></workbook>",
      .sheet = WS(""),
      .msg = { "không có trang tính nào" } },
    { .name = "dangling-rid.xlsx",
      .workbook = XML_DECL "<workbook " NS_MAIN " " NS_REL "><sheets><sheet name=\"S\" "
                  "sheetId=\"1\" r:id=\"rId9\"/></sheets></workbook>",
      .sheet = WS(""),
      .msg = { "không tìm thấy trang tính đầu tiên “rId9”" } },
    { .name = "bad-index.xlsx",
      .sst = SST("<si><t>only</t></si>"),
      .sheet = WS("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
                  "</c></row>"),
      .msg = { "không có chuỗi dùng chung “1”" } },
    { .name = "bad-ref.xlsx",
      .sheet = WS("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"),
      .msg = { "địa chỉ ô sai “1A”" } },
    { .name = "past-xfd.xlsx",
      .sheet = WS("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"),
      .msg = { "địa chỉ ô sai “XFE1”" } },
    { .name = "bad-row.xlsx",
      .sheet = WS("<row r=\"0\"><c r=\"A1\"><v>1</v></c></row>"),
      .msg = { "số dòng sai “0”" } },
};

static void test_xlsx_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(xlsx_cases) / sizeof(xlsx_cases[0]); i++) {
        const struct xlsx_case *c = &xlsx_cases[i];
        size_t len;
        char *data = make_xlsx(c, &len);
        check_read(sheet_read_xlsx, data, len, c->name, c->expect, c->msg);
        if (c->numbers)
            check_numbers(data, len, c->name, c->numbers);
        free(data);
    }
}

/*
 * A plain number's C text written the Vietnamese way: a decimal comma, no
 * thousands separator, no exponent, so that "0.725" is never read as 725.
 */
static void test_number_vi(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "0.725", "0,725" },
        { "18.125", "18,125" },
        { "81400", "81400" },
        { "1234567890123", "1234567890123" },
        { "123456.789", "123456,789" },
        { "0.3", "0,3" },
        { "-2.5", "-2,5" },
        { "0", "0" },
        { "-0", "0" },
        { "1.1", "1,1" },
        { "1e-07", "0,0000001" },
        { "1.5E+3", "1500" },
        { "1.23456789012346e+16", "12345678901234600" },
        { "-1.23456789012346e-05", "-0,0000123456789012346" },
        { "0.30000000000000004", "0,3" },
        { "abc", "abc" },
        { "1e400", "1e400" },
        { "", "" },
        { "2.5x", "2.5x" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = sheet_number_vi(cases[i][0]);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("sheet_number_vi(\"%s\") = \"%s\", want \"%s\"", cases[i][0], got,
                     cases[i][1]);
        free(got);
    }
}

/* A CSV is text as typed: no cell is a number, and out-of-range asks are false. */
static void test_csv_no_numbers(void **state)
{
    (void)state;
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(sheet_read_csv(&sh, "a,b\n0.725,81400\n", 16, "n.csv", &e), 0);
    assert_int_equal(sh.n, 2);
    assert_false(sheet_is_number(&sh, 1, 0));
    assert_false(sheet_is_number(&sh, 1, 1));
    assert_false(sheet_is_number(&sh, 5, 0));
    assert_null(sh.numeric);
    sheet_release(&sh);
}

/* ---------------------------------------------------- XLSX limits */

static void check_big_sheet(const char *name, const char *sheet, const char *want)
{
    struct xlsx_case c = { .name = name, .sheet = sheet };
    size_t len;
    char *data = make_xlsx(&c, &len);
    const char *const msg[3] = { "quá lớn để nhập", want };
    check_read(sheet_read_xlsx, data, len, name, NULL, msg);
    free(data);
}

/* 62 rows reaching column XFD make 62 * 16384 > 1,000,000 cells. */
static void test_xlsx_too_many_cells(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    buf_adds(&b, "<worksheet><sheetData>");
    for (int r = 1; r <= 62; r++)
        buf_addf(&b, "<row r=\"%d\"><c r=\"XFD%d\"><v>1</v></c></row>", r, r);
    buf_adds(&b, "</sheetData></worksheet>");
    check_big_sheet("cells.xlsx", b.data, "hơn 1000000 ô");

    /* 61 such rows (999,424 cells) are fine. */
    struct xlsx_case c = { .name = "cells-ok.xlsx" };
    buf_reset(&b);
    buf_adds(&b, "<worksheet><sheetData>");
    for (int r = 1; r <= 61; r++)
        buf_addf(&b, "<row r=\"%d\"><c r=\"XFD%d\"><v>1</v></c></row>", r, r);
    buf_adds(&b, "</sheetData></worksheet>");
    c.sheet = b.data;
    size_t len;
    char *data = make_xlsx(&c, &len);
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(sheet_read_xlsx(&sh, data, len, c.name, &e), 0);
    assert_int_equal(sh.n, 61);
    assert_int_equal(sh.rows[60].n, 16384);
    assert_int_equal(sh.rows[60].line, 61);
    assert_string_equal(sh.rows[60].cells[16383], "1");
    assert_string_equal(sh.rows[60].cells[16382], "");
    sheet_release(&sh);
    free(data);
    buf_release(&b);
}

static void test_xlsx_cell_too_long(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    for (int limit = 0; limit < 2; limit++) {
        size_t n = SHEET_XLSX_CELL_MAX + (size_t)limit;
        buf_reset(&b);
        buf_adds(&b, "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
        for (size_t i = 0; i < n; i++)
            buf_addch(&b, 'a');
        buf_adds(&b, "</t></is></c></row></sheetData></worksheet>");
        if (limit) {
            check_big_sheet("long.xlsx", b.data, "một ô dài hơn 1 MiB");
            continue;
        }
        struct xlsx_case c = { .name = "long-ok.xlsx", .sheet = b.data };
        size_t len;
        char *data = make_xlsx(&c, &len);
        struct sheet sh = SHEET_INIT;
        struct err e = ERR_INIT;
        assert_int_equal(sheet_read_xlsx(&sh, data, len, c.name, &e), 0);
        assert_int_equal(strlen(sh.rows[0].cells[0]), SHEET_XLSX_CELL_MAX);
        sheet_release(&sh);
        free(data);
    }
    buf_release(&b);
}

/* Styles past SHEET_XLSX_STYLES_MAX cell styles or custom number formats are refused. */
static void test_xlsx_too_many_styles(void **state)
{
    (void)state;
    struct buf st = BUF_INIT;
    for (int k = 0; k < 2; k++) {
        for (size_t extra = 0; extra < 2; extra++) {
            buf_reset(&st);
            buf_adds(&st, "<styleSheet><numFmts>");
            for (size_t i = 0; k == 1 && i < SHEET_XLSX_STYLES_MAX + extra; i++)
                buf_addf(&st, "<numFmt numFmtId=\"%zu\" formatCode=\"0%%\"/>", 164 + i);
            buf_adds(&st, "</numFmts><cellXfs>");
            for (size_t i = 0; k == 0 && i < SHEET_XLSX_STYLES_MAX + extra; i++)
                buf_adds(&st, i == 1 ? "<xf numFmtId=\"9\"/>" : "<xf/>");
            buf_adds(&st, k == 1 ? "<xf/><xf numFmtId=\"65699\"/>" : "");
            buf_adds(&st, "</cellXfs></styleSheet>");
            struct xlsx_case c = {
                .name = extra ? "styles.xlsx" : "styles-ok.xlsx",
                .styles = st.data,
                .sheet = WS("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0.5</v></c></row>"),
                .expect = extra ? NULL : "1:50%\n",
                .msg = { "quá lớn để nhập", "xl/styles.xml dòng 1",
                         k ? "hơn 65536 định dạng số" : "hơn 65536 kiểu ô" },
            };
            size_t len;
            char *data = make_xlsx(&c, &len);
            check_read(sheet_read_xlsx, data, len, c.name, c.expect, c.msg);
            free(data);
        }
    }
    buf_release(&st);
}

static void test_xlsx_part_too_big(void **state)
{
    (void)state;
    size_t n = SHEET_XLSX_PART_MAX + 1;
    char *big = xmalloc(n + 1);
    memset(big, ' ', n);
    static const char head[] = "<worksheet><sheetData/></worksheet>";
    memcpy(big, head, sizeof(head) - 1);
    big[n] = '\0';
    check_big_sheet("big.xlsx", big, "xl/worksheets/sheet1.xml vượt 64 MiB");
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_cases),
        cmocka_unit_test(test_csv_many_lines),
        cmocka_unit_test(test_looks_like_xlsx),
        cmocka_unit_test(test_release_empty),
        cmocka_unit_test(test_xlsx_basic),
        cmocka_unit_test(test_xlsx_inline_strings),
        cmocka_unit_test(test_xlsx_percent),
        cmocka_unit_test(test_xlsx_truncated),
        cmocka_unit_test(test_xlsx_garbage),
        cmocka_unit_test(test_xlsx_cases),
        cmocka_unit_test(test_number_vi),
        cmocka_unit_test(test_csv_no_numbers),
        cmocka_unit_test(test_xlsx_too_many_cells),
        cmocka_unit_test(test_xlsx_cell_too_long),
        cmocka_unit_test(test_xlsx_too_many_styles),
        cmocka_unit_test(test_xlsx_part_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
