/*
 * Unit tests for src/export: an rdoc written as XLSX and DOCX.
 *
 * A small statistics report is built by hand (Vietnamese text with & < > and
 * quotes, typed cells, footnotes on a cell, a list item and a paragraph, a
 * total row, a sheet title that is too long and one that clashes), written
 * into a temporary folder, and the files are opened again with libzip and
 * expat: every XML part must be well-formed and the parts must hold the
 * numbers, dates, names and footnotes where Excel and Word look for them.
 * The workbook is also read back with the project's own XLSX reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "export/docx.h"
#include "export/docx_internal.h"
#include "export/xlsx.h"
#include "import/sheet.h"
#include "render/rdoc.h"
#include "util/buf.h"
#include "util/strvec.h"
#include "util/xalloc.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#define NS_S "http://schemas.openxmlformats.org/spreadsheetml/2006/main|"
#define LONG_SHEET "Nhiệm vụ Tổng Bí thư giao tại [Phiên họp]: 1/2*?"
#define PARA "Tổng số 1.298 nhiệm vụ & <quá hạn> \"71\" 'nhiệm vụ'"
#define PARA_XML "Tổng số 1.298 nhiệm vụ &amp; &lt;quá hạn&gt; &quot;71&quot; &apos;nhiệm vụ&apos;"
#define UNITS_NOTE "Bộ Tài chính & \"Bộ Xây dựng\" <chưa báo cáo>"
#define UNITS_NOTE_XML "Bộ Tài chính &amp; &quot;Bộ Xây dựng&quot; &lt;chưa báo cáo&gt;"
#define PARA_NOTE "đã có 55 nhiệm vụ được hoàn thành trong 107 nhiệm vụ quá hạn"

struct fixture {
    char dir[64];
    struct rdoc doc;
};

/* ------------------------------------------------------------ the document */

static void add_units_table(struct rsection *s, size_t fn_units)
{
    static const char *const cols[] = { "STT",      "Đơn vị", "Số nhiệm vụ", "Tỷ lệ hoàn thành",
                                        "Thời hạn", NULL };
    struct rtable *t = rsection_table(s, cols);
    rtable_row(t);
    rtable_int(t, 0, 1);
    rtable_text(t, 1, xstrdup("Bộ Khoa học & Công nghệ <KH&CN>"));
    rtable_int(t, 2, 42);
    rtable_percent(t, 3, 35);
    rtable_date(t, 4, (struct date){ 2025, 12, 31 });
    rtable_footnote(t, 1, fn_units);
    rtable_row(t);
    rtable_int(t, 0, 2);
    rtable_text(t, 1, xstrdup("Văn\x01phòng\nChính phủ"));
    rtable_int(t, 2, 8);
    rtable_percent(t, 3, 100);
    rtable_row(t);
    rtable_text(t, 1, xstrdup("Tổng cộng"));
    rtable_int(t, 2, 50);
    t->has_total_row = true;
}

static void build_doc(struct rdoc *d)
{
    rdoc_set_title(d, "THỐNG KÊ NHIỆM VỤ THỰC HIỆN CỦA CÁC CƠ QUAN", "(Cập nhật ngày 24/12/2025)");
    size_t fn_units = rdoc_add_footnote(d, UNITS_NOTE);
    size_t fn_para = rdoc_add_footnote(d, PARA_NOTE);
    rdoc_add_footnote(d, "chú thích không được tham chiếu");
    struct rsection *s = rdoc_add_section(d, "tong_hop", "I. Tổng hợp chung", "Tổng hợp");
    rsection_paragraph(s, xstrdup(PARA), fn_para);
    rsection_item(s, xstrdup("Triển khai nền tảng số (1/4 đơn vị chưa hoàn thành)"), fn_units);
    add_units_table(s, fn_units);
    s = rdoc_add_section(d, "qua_han", "II. Nhiệm vụ do đồng chí Tổng Bí thư giao", LONG_SHEET);
    static const char *const cols[] = { "Nhiệm vụ", "Hạn", NULL };
    struct rtable *t = rsection_table(s, cols);
    rtable_row(t);
    rtable_text(t, 0, xstrdup("Xây dựng cơ sở dữ liệu"));
    rtable_date(t, 1, (struct date){ 2025, 6, 30 });
    s = rdoc_add_section(d, "qua_han_2", "1. Chi tiết", LONG_SHEET);
    t = rsection_table(s, cols);
    rtable_row(t);
    rtable_text(t, 0, xstrdup("Nhiệm vụ khác"));
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/giamsat-export-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    build_doc(&f->doc);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    static const char *const files[] = { "r.xlsx", "r.docx", "e.xlsx", "e.docx" };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[128];
        snprintf(path, sizeof(path), "%s/%s", f->dir, files[i]);
        unlink(path);
    }
    rmdir(f->dir);
    rdoc_release(&f->doc);
    free(f);
    return 0;
}

/* ------------------------------------------------------------ reading back */

/* The entries of a zip file: names[i] holds data[i]. */
struct pkg {
    struct strvec names, data;
};

static void pkg_read(struct pkg *p, const char *path)
{
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    assert_non_null(za);
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
        assert_non_null(zf);
        struct buf b = BUF_INIT;
        char chunk[4096];
        zip_int64_t got;
        while ((got = zip_fread(zf, chunk, sizeof(chunk))) > 0)
            buf_add(&b, chunk, (size_t)got);
        assert_int_equal(got, 0); /* a bad CRC shows here */
        zip_fclose(zf);
        strvec_push(&p->names, zip_get_name(za, (zip_uint64_t)i, 0));
        strvec_push_take(&p->data, buf_take(&b));
    }
    zip_discard(za);
}

static void pkg_release(struct pkg *p)
{
    strvec_release(&p->names);
    strvec_release(&p->data);
}

static const char *pkg_part(const struct pkg *p, const char *name)
{
    long i = strvec_find(&p->names, name);
    return i < 0 ? NULL : p->data.items[i];
}

/* Parse xml with namespaces; callbacks may be NULL. Returns true when well-formed. */
static bool parse(const char *xml, XML_StartElementHandler start, XML_CharacterDataHandler text,
                  void *user)
{
    XML_Parser x = XML_ParserCreateNS("UTF-8", '|');
    XML_SetUserData(x, user);
    XML_SetStartElementHandler(x, start);
    XML_SetCharacterDataHandler(x, text);
    bool ok = XML_Parse(x, xml, (int)strlen(xml), 1) == XML_STATUS_OK;
    if (!ok)
        print_error("line %lu: %s\n", (unsigned long)XML_GetCurrentLineNumber(x),
                    XML_ErrorString(XML_GetErrorCode(x)));
    XML_ParserFree(x);
    return ok;
}

static void assert_well_formed(const struct pkg *p)
{
    assert_non_null(pkg_part(p, "[Content_Types].xml"));
    for (size_t i = 0; i < p->names.n; i++) {
        const char *name = p->names.items[i];
        size_t len = strlen(name);
        bool xml = len > 4 &&
                   (strcmp(name + len - 4, ".xml") == 0 || strcmp(name + len - 5, ".rels") == 0);
        if (xml && !parse(p->data.items[i], NULL, NULL, NULL))
            fail_msg("'%s' is not well-formed", name);
    }
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return NULL;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ------------------------------------------------------------ xlsx */

/* A cell of a worksheet: reference, t and s attributes, <v> text. */
struct cell {
    char ref[16], t[16], v[64];
    long s;
};

struct sheet_cells {
    struct cell cells[64];
    size_t n;
    bool in_v;
};

static void cells_start(void *user, const char *name, const char **atts)
{
    struct sheet_cells *c = user;
    c->in_v = strcmp(name, NS_S "v") == 0;
    if (strcmp(name, NS_S "c") != 0 || c->n == 64)
        return;
    struct cell *x = &c->cells[c->n++];
    memset(x, 0, sizeof(*x));
    snprintf(x->ref, sizeof(x->ref), "%s", attr(atts, "r"));
    snprintf(x->t, sizeof(x->t), "%s", attr(atts, "t") ? attr(atts, "t") : "");
    x->s = attr(atts, "s") ? strtol(attr(atts, "s"), NULL, 10) : 0;
}

static void cells_text(void *user, const char *s, int len)
{
    struct sheet_cells *c = user;
    if (c->in_v && c->n) {
        char *v = c->cells[c->n - 1].v;
        size_t room = sizeof(c->cells[0].v) - strlen(v) - 1;
        strncat(v, s, (size_t)len < room ? (size_t)len : room);
    }
}

static const struct cell *cell_at(const struct sheet_cells *c, const char *ref)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->cells[i].ref, ref) == 0)
            return &c->cells[i];
    return NULL;
}

/* styles.xml: the number format code of each cellXfs entry. */
struct styles {
    char fmt_code[256][32]; /* by numFmtId, custom formats only */
    long xf_fmt[64];        /* numFmtId of cellXfs[i] */
    size_t n_xf;
    bool in_cell_xfs;
};

static void styles_start(void *user, const char *name, const char **atts)
{
    struct styles *st = user;
    if (strcmp(name, NS_S "numFmt") == 0) {
        long id = strtol(attr(atts, "numFmtId"), NULL, 10);
        if (id >= 0 && id < 256)
            snprintf(st->fmt_code[id], sizeof(st->fmt_code[id]), "%s", attr(atts, "formatCode"));
    } else if (strcmp(name, NS_S "cellXfs") == 0) {
        st->in_cell_xfs = true;
    } else if (strcmp(name, NS_S "cellStyleXfs") == 0 || strcmp(name, NS_S "dxfs") == 0) {
        st->in_cell_xfs = false;
    } else if (strcmp(name, NS_S "xf") == 0 && st->in_cell_xfs && st->n_xf < 64) {
        st->xf_fmt[st->n_xf++] = strtol(attr(atts, "numFmtId"), NULL, 10);
    }
}

static const char *style_format(const struct styles *st, long s)
{
    assert_in_range(s, 0, (long)st->n_xf - 1);
    long id = st->xf_fmt[s];
    return id == 9 ? "0%" : id >= 0 && id < 256 ? st->fmt_code[id] : "";
}

struct names {
    struct strvec v;
};

static void names_start(void *user, const char *name, const char **atts)
{
    struct names *n = user;
    if (strcmp(name, NS_S "sheet") == 0)
        strvec_push(&n->v, attr(atts, "name"));
}

/* Excel's rules for a sheet name; s is UTF-8. */
static void assert_sheet_name_ok(const char *s)
{
    size_t units = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        units += (*p & 0xC0) != 0x80 ? (*p >= 0xF0 ? 2 : 1) : 0;
    assert_in_range(units, 1, 31);
    assert_null(strpbrk(s, "[]:*?/\\"));
    assert_true(s[0] != '\'' && s[strlen(s) - 1] != '\'');
}

static void check_sheet_names(const struct pkg *p)
{
    struct names n = { STRVEC_INIT };
    assert_true(parse(pkg_part(p, "xl/workbook.xml"), names_start, NULL, &n));
    assert_int_equal(n.v.n, 4);
    assert_string_equal(n.v.items[0], "Tổng hợp");
    assert_string_equal(n.v.items[1], "Tổng hợp (2)");
    assert_string_equal(n.v.items[2], "Nhiệm vụ Tổng Bí thư giao tại P");
    assert_string_equal(n.v.items[3], "Nhiệm vụ Tổng Bí thư giao t (2)");
    for (size_t i = 0; i < n.v.n; i++) {
        assert_sheet_name_ok(n.v.items[i]);
        for (size_t k = 0; k < i; k++)
            assert_true(strcasecmp(n.v.items[i], n.v.items[k]) != 0);
    }
    strvec_release(&n.v);
}

static void check_units_sheet(const struct pkg *p)
{
    struct sheet_cells c = { .n = 0 };
    struct styles st = { .n_xf = 0 };
    assert_true(parse(pkg_part(p, "xl/worksheets/sheet2.xml"), cells_start, cells_text, &c));
    assert_true(parse(pkg_part(p, "xl/styles.xml"), styles_start, NULL, &st));
    const struct cell *n42 = cell_at(&c, "C6"), *pct = cell_at(&c, "D6"), *due = cell_at(&c, "E6");
    assert_non_null(n42);
    assert_string_equal(n42->t, ""); /* a number, not a shared string */
    assert_string_equal(n42->v, "42");
    assert_non_null(pct);
    assert_string_equal(pct->v, "0.35");
    assert_string_equal(style_format(&st, pct->s), "0%");
    assert_non_null(due);
    assert_string_equal(due->t, "");
    assert_string_equal(due->v, "46022"); /* 31/12/2025 as an Excel serial */
    assert_string_equal(style_format(&st, due->s), "dd/mm/yyyy");
    assert_non_null(cell_at(&c, "A5")); /* the header row */
    assert_string_equal(cell_at(&c, "A5")->t, "s");
}

/* The project's own reader sees the text of the first sheet. */
static void check_read_back(const char *path, const struct rdoc *d)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    struct buf b = BUF_INIT;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        buf_add(&b, chunk, got);
    fclose(fp);
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(sheet_read_xlsx(&sh, b.data, b.len, path, &e), 0);
    assert_true(sh.n >= 4);
    assert_string_equal(sh.rows[0].cells[0], d->title);
    assert_string_equal(sh.rows[1].cells[0], d->subtitle);
    bool para = false, note = false;
    for (size_t i = 0; i < sh.n; i++) {
        para = para || strcmp(sh.rows[i].cells[0], PARA " (2)") == 0;
        note = note || strcmp(sh.rows[i].cells[0], "(1) " UNITS_NOTE) == 0;
    }
    assert_true(para);
    assert_true(note);
    sheet_release(&sh);
    buf_release(&b);
}

static void test_xlsx(void **state)
{
    struct fixture *f = *state;
    char path[128];
    snprintf(path, sizeof(path), "%s/r.xlsx", f->dir);
    struct err e = ERR_INIT;
    assert_int_equal(xlsx_write(&f->doc, path, &e), 0);
    assert_int_equal(e.kind, ERR_OK);
    struct pkg p = { STRVEC_INIT, STRVEC_INIT };
    pkg_read(&p, path);
    assert_well_formed(&p);
    check_sheet_names(&p);
    check_units_sheet(&p);
    const char *sst = pkg_part(&p, "xl/sharedStrings.xml");
    assert_non_null(strstr(sst, "Bộ Khoa học &amp; Công nghệ &lt;KH&amp;CN&gt; (1)"));
    pkg_release(&p);
    check_read_back(path, &f->doc);
}

/* ------------------------------------------------------------ docx */

static void test_docx(void **state)
{
    struct fixture *f = *state;
    char path[128];
    snprintf(path, sizeof(path), "%s/r.docx", f->dir);
    struct err e = ERR_INIT;
    assert_int_equal(docx_write(&f->doc, path, &e), 0);
    struct pkg p = { STRVEC_INIT, STRVEC_INIT };
    pkg_read(&p, path);
    assert_well_formed(&p);
    assert_string_equal(p.names.items[0], "[Content_Types].xml");
    const char *doc = pkg_part(&p, "word/document.xml");
    const char *notes = pkg_part(&p, "word/footnotes.xml");
    assert_non_null(doc);
    assert_non_null(notes);
    assert_non_null(pkg_part(&p, "word/styles.xml"));
    assert_non_null(pkg_part(&p, "word/_rels/document.xml.rels"));
    assert_non_null(strstr(doc, PARA_XML));
    assert_non_null(strstr(doc, "Bộ Khoa học &amp; Công nghệ &lt;KH&amp;CN&gt;"));
    assert_non_null(strstr(doc, "Vănphòng</w:t><w:br/>")); /* \x01 dropped, \n a break */
    assert_int_equal(count(doc, "<w:footnoteReference "), 3);
    assert_non_null(strstr(doc, "<w:tblHeader/>"));
    assert_non_null(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert_non_null(strstr(doc, "(3) chú thích không được tham chiếu"));
    assert_non_null(strstr(notes, "w:id=\"-1\""));
    assert_non_null(strstr(notes, UNITS_NOTE_XML));
    assert_non_null(strstr(notes, PARA_NOTE));
    assert_int_equal(count(notes, UNITS_NOTE_XML), 2); /* the item's and the cell's */
    pkg_release(&p);
}

/* ------------------------------------------------------------ edge cases */

static void test_xml_escape(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;" },
        { "Đơn vị: Bộ Tài chính", "Đơn vị: Bộ Tài chính" },
        { "tab\tnl\ncr\r", "tab\tnl\ncr\r" }, /* allowed controls stay */
        { "a\x01"
          "b\x0b\x1f\x7f",
          "ab\x7f" },                               /* C0 controls go, DEL is allowed */
        { "x\xffy\xc3", "xy" },                     /* stray and truncated bytes */
        { "\xc0\xafz", "z" },                       /* overlong '/' */
        { "s\xed\xa0\x80t", "st" },                 /* a UTF-16 surrogate */
        { "\xef\xbf\xbe\xef\xbf\xbf!", "!" },       /* U+FFFE, U+FFFF */
        { "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" }, /* outside the BMP is fine */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;
        docx_xml_escape(&b, cases[i].in, strlen(cases[i].in));
        assert_string_equal(b.data, cases[i].out);
        buf_release(&b);
    }
}

static void test_empty_doc(void **state)
{
    struct fixture *f = *state;
    struct rdoc empty = RDOC_INIT;
    char path[128];
    struct err e = ERR_INIT;
    struct pkg p = { STRVEC_INIT, STRVEC_INIT };
    snprintf(path, sizeof(path), "%s/e.xlsx", f->dir);
    assert_int_equal(xlsx_write(&empty, path, &e), 0);
    pkg_read(&p, path);
    assert_well_formed(&p);
    pkg_release(&p);
    snprintf(path, sizeof(path), "%s/e.docx", f->dir);
    assert_int_equal(docx_write(&empty, path, &e), 0);
    pkg_read(&p, path);
    assert_well_formed(&p);
    pkg_release(&p);
}

typedef int writer_fn(const struct rdoc *, const char *, struct err *);

static void test_missing_folder(void **state)
{
    struct fixture *f = *state;
    static const struct {
        writer_fn *write;
        const char *name;
    } cases[] = { { xlsx_write, "r.xlsx" }, { docx_write, "r.docx" } };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[160];
        snprintf(path, sizeof(path), "%s/no/such/folder/%s", f->dir, cases[i].name);
        struct err e = ERR_INIT;
        assert_int_equal(cases[i].write(&f->doc, path, &e), ERR_STORAGE);
        assert_int_equal(e.kind, ERR_STORAGE);
        char want[200];
        snprintf(want, sizeof(want), "cannot write '%s': ", path);
        assert_non_null(strstr(e.msg, want));
        assert_int_equal(access(path, F_OK), -1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_xlsx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_docx, setup, teardown),
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test_setup_teardown(test_empty_doc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
