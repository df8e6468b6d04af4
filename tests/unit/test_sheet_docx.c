/*
 * Unit tests for the DOCX reader of src/import/sheet (sheet_read_docx(),
 * sheet_looks_like_docx()): the tables of a Word document to rows of NFC
 * text, and the document as text lines.
 *
 * The documents are made at test time with libzip, in memory, from WordprocessingML
 * written in the cases. Each case compares a dump of the sheet
 * ("line:cell|cell\n"), the text lines, or the error message, and
 * re-checks the sheet invariants after every read.
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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ------------------------------------------------------------ helpers */

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define NS_MC "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
#define DOC(body) XML_DECL "<w:document " NS_W " " NS_MC "><w:body>" body "</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc>" P(text) "</w:tc>"
#define TC_SPAN(n, text) "<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr>" P(text) "</w:tc>"
#define TC_VSTART(text) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P(text) "</w:tc>"
#define TC_VCONT "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
#define TR(cells) "<w:tr>" cells "</w:tr>"
#define TR_HEAD(cells) "<w:tr><w:trPr><w:tblHeader/></w:trPr>" cells "</w:tr>"
#define TBL(rows) "<w:tbl>" rows "</w:tbl>"
#define REL_OFFICE                                                                                 \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define RELS(target)                                                                               \
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"              \
             "relationships\"><Relationship Id=\"rId1\" Type=\"" REL_OFFICE "\" Target=\"" target  \
             "\"/></Relationships>"

/* "line:cell|cell\n" per row; newly allocated. */
static char *dump(const struct sheet *sh)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < sh->n; i++) {
        buf_addf(&b, "%zu:", sh->rows[i].line);
        for (size_t j = 0; j < sh->rows[i].n; j++)
            buf_addf(&b, "%s%s", j ? "|" : "", sh->rows[i].cells[j]);
        buf_addch(&b, '\n');
    }
    return buf_take(&b);
}

/* The invariants of sheet.h: non-empty rows, NFC cells, lines increasing. */
static void assert_sane(const struct sheet *sh)
{
    size_t last = 0;
    for (size_t i = 0; i < sh->n; i++) {
        const struct sheet_row *r = &sh->rows[i];
        assert_true(r->n >= 1);
        assert_true(r->line > last);
        last = r->line;
        bool blank = true;
        for (size_t j = 0; j < r->n; j++) {
            assert_non_null(r->cells[j]);
            char *nfc = text_nfc(r->cells[j]);
            assert_string_equal(nfc, r->cells[j]);
            free(nfc);
            blank = blank && text_is_blank(r->cells[j]);
        }
        assert_false(blank);
        assert_false(sheet_is_number(sh, i, 0));
    }
}

/* A DOCX of the given parts, built in memory: NULL leaves one out. Free the bytes. */
static char *make_docx(const char *rels, const char *main_path, const char *doc, size_t doc_len,
                       size_t *len)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &zerr);
    assert_non_null(out);
    zip_source_keep(out); /* zip_close() would free it; its bytes are read after */
    zip_t *za = zip_open_from_source(out, ZIP_TRUNCATE, &zerr);
    assert_non_null(za);
    const struct {
        const char *path, *text;
        size_t len;
    } parts[] = {
        { "[Content_Types].xml", "<Types/>", 8 },
        { "_rels/.rels", rels, rels ? strlen(rels) : 0 },
        { main_path, doc, doc_len },
    };
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (!parts[i].text)
            continue;
        zip_source_t *src = zip_source_buffer(za, parts[i].text, parts[i].len, 0);
        assert_non_null(src);
        assert_true(zip_file_add(za, parts[i].path, src, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(out, &st), 0);
    assert_int_equal(zip_source_open(out), 0);
    char *data = xmalloc(st.size + 1);
    assert_true(zip_source_read(out, data, st.size) == (zip_int64_t)st.size);
    zip_source_close(out);
    zip_source_free(out);
    zip_error_fini(&zerr);
    *len = st.size;
    return data;
}

static char *make_doc(const char *doc, size_t *len)
{
    return make_docx(RELS("word/document.xml"), "word/document.xml", doc, strlen(doc), len);
}

/*
 * Read data; expect the sheet dump and (when not NULL) the text lines, or,
 * when msg is set, a failure whose message holds it, with the sheet empty.
 */
static void check_docx(const char *data, size_t len, const char *name, const char *expect,
                       const char *text_expect, const char *msg)
{
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    char *text = NULL;
    int ret = sheet_read_docx(&sh, &text, data, len, name, &e);
    if (msg) {
        if (ret == 0 || !strstr(e.msg, msg))
            fail_msg("%s: want an error with \"%s\", got %d \"%s\"", name, msg, ret, e.msg);
        assert_int_equal(sh.n, 0);
        assert_null(sh.rows);
        assert_null(text);
        return;
    }
    if (ret != 0)
        fail_msg("%s: %s", name, e.msg);
    assert_sane(&sh);
    char *got = dump(&sh);
    if (strcmp(got, expect) != 0)
        fail_msg("%s: sheet\n%s\nwant\n%s", name, got, expect);
    if (text_expect && strcmp(text, text_expect) != 0)
        fail_msg("%s: text\n%s\nwant\n%s", name, text, text_expect);
    free(got);
    free(text);
    sheet_release(&sh);
}

/* -------------------------------------------------------------- cases */

struct docx_case {
    const char *name;
    const char *doc; /* word/document.xml */
    const char *expect;
    const char *text; /* NULL: not compared */
    const char *msg;  /* an error is expected */
};

#define LETTERHEAD                                                                                 \
    TBL(TR(TC("BỘ KHOA HỌC VÀ CÔNG NGHỆ") TC("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))                \
            TR(TC("Số: 12/BC-BKHCN") TC("Độc lập - Tự do - Hạnh phúc")))
#define HEAD3 TC("TT") TC("Tên nhiệm vụ") TC("Cơ quan chủ trì")

static const struct docx_case docx_cases[] = {
    { "plain.docx", DOC(P("Tiêu đề") TBL(TR(HEAD3) TR(TC("1") TC("Việc A") TC("Bộ Y tế")))),
      "1:TT|Tên nhiệm vụ|Cơ quan chủ trì\n2:1|Việc A|Bộ Y tế\n",
      "Tiêu đề\nTT\tTên nhiệm vụ\tCơ quan chủ trì\n1\tViệc A\tBộ Y tế\n", NULL },
    { "runs.docx",
      DOC("<w:p><w:r><w:t xml:space=\"preserve\">  Hai  </w:t></w:r><w:r><w:tab/>"
          "<w:t>phần</w:t><w:br/><w:t>dòng mới</w:t></w:r></w:p>" TBL(TR(
              TC("a") "<w:tc><w:p><w:r><w:t>một</w:t><w:br/><w:t>hai</w:t></w:r></w:p>"
                      "<w:p><w:r><w:t>ba</w:t><w:tab/><w:t>bốn</w:t></w:r></w:p></w:tc>" TC("c")))),
      "1:a|một hai ba bốn|c\n", "Hai phần\ndòng mới\na\tmột hai ba bốn\tc\n", NULL },
    { "nfc.docx", DOC(TBL(TR(TC("Vie\xcc\x82\xcc\xa3t") TC("b") TC("c")))), "1:Việt|b|c\n", NULL,
      NULL },
    { "gridspan.docx",
      DOC(TBL(TR(HEAD3 TC("Kết quả")) TR(TC("I") TC_SPAN(3, "NHIỆM VỤ CHUNG"))
                  TR(TC("1") TC_SPAN(2, "Việc gộp") TC("Đã xong")))),
      "1:TT|Tên nhiệm vụ|Cơ quan chủ trì|Kết quả\n2:I|NHIỆM VỤ CHUNG||\n3:1|Việc gộp||Đã xong\n",
      NULL, NULL },
    { "vmerge.docx",
      DOC(TBL(TR(HEAD3) TR(TC("1") TC("Việc A") TC_VSTART("Bộ Nội vụ"))
                  TR(TC("2") TC("Việc B") TC_VCONT) TR(TC("3") TC("Việc C") TC_VCONT)
                      TR(TC("4") TC("Việc D") TC_VSTART("Bộ Y tế")))),
      "1:TT|Tên nhiệm vụ|Cơ quan chủ trì\n2:1|Việc A|Bộ Nội vụ\n3:2|Việc B|Bộ Nội vụ\n"
      "4:3|Việc C|Bộ Nội vụ\n5:4|Việc D|Bộ Y tế\n",
      NULL, NULL },
    { "vmerge-continue-val.docx",
      DOC(TBL(TR(TC("x") TC_VSTART("y") TC("z")) TR(
          TC("x2") "<w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc>" TC("z2")))),
      "1:x|y|z\n2:x2|y|z2\n", NULL, NULL },
    { "gridbefore.docx",
      DOC(TBL(TR(TC("a") TC("b") TC("c") TC("d")) TR(
          "<w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>" TC("B")
              TC("C")))),
      "1:a|b|c|d\n2:|B|C|\n", NULL, NULL },
    { "hmerge.docx",
      DOC(TBL(TR(TC("a") "<w:tc><w:tcPr><w:hMerge/></w:tcPr>" P("x") "</w:tc>" TC("c")))),
      "1:a||c\n", NULL, NULL },
    { "blank-rows.docx", DOC(TBL(TR(HEAD3) TR(TC("") TC(" ") TC("")) TR(TC("1") TC("A") TC("")))),
      "1:TT|Tên nhiệm vụ|Cơ quan chủ trì\n3:1|A|\n", NULL, NULL },
    /* Word repeats a tblHeader row on each page; a repeat pasted inside the table is dropped. */
    { "repeated-header.docx",
      DOC(TBL(TR_HEAD(HEAD3) TR(TC("1") TC("A") TC("X")) TR_HEAD(HEAD3)
                  TR(TC("2") TC("B") TC("Y")))),
      "1:TT|Tên nhiệm vụ|Cơ quan chủ trì\n2:1|A|X\n4:2|B|Y\n",
      "TT\tTên nhiệm vụ\tCơ quan chủ trì\n1\tA\tX\nTT\tTên nhiệm vụ\tCơ quan chủ trì\n2\tB\tY\n",
      NULL },
    /* An unmarked row inside the table is data, even when it repeats the header. */
    { "unmarked-repeat.docx", DOC(TBL(TR(HEAD3) TR(TC("1") TC("A") TC("X")) TR(HEAD3))),
      "1:TT|Tên nhiệm vụ|Cơ quan chủ trì\n2:1|A|X\n3:TT|Tên nhiệm vụ|Cơ quan chủ trì\n", NULL,
      NULL },
    /* A table split in two (the second page), the second repeating the header. */
    { "two-tables.docx",
      DOC(LETTERHEAD P("BÁO CÁO") TBL(TR(TC("BẢNG 1") TC("") TC("")) TR_HEAD(HEAD3) TR(
          TC("1") TC("A") TC("X"))) P("") TBL(TR(HEAD3) TR(TC("2") TC("B") TC("Y")))),
      "3:BẢNG 1||\n4:TT|Tên nhiệm vụ|Cơ quan chủ trì\n5:1|A|X\n7:2|B|Y\n",
      "BỘ KHOA HỌC VÀ CÔNG NGHỆ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BC-BKHCN\n"
      "Độc lập - Tự do - Hạnh phúc\nBÁO CÁO\nBẢNG 1\t\t\nTT\tTên nhiệm vụ\tCơ quan chủ trì\n"
      "1\tA\tX\nTT\tTên nhiệm vụ\tCơ quan chủ trì\n2\tB\tY\n",
      NULL },
    /* A continuation with no header; a narrower signature block and a table with its own header. */
    { "continuation.docx",
      DOC(TBL(TR_HEAD(HEAD3) TR(TC("1") TC("A") TC("X"))) TBL(TR(TC("2") TC("B") TC("Y")))
              TBL(TR_HEAD(TC("STT") TC("Chỉ tiêu") TC("Đơn vị")) TR(TC("1") TC("C") TC("%")))
                  TBL(TR(TC("Nơi nhận:") TC("BỘ TRƯỞNG")))),
      "1:TT|Tên nhiệm vụ|Cơ quan chủ trì\n2:1|A|X\n3:2|B|Y\n", NULL, NULL },
    /* The widest table is the main one, wherever it is. */
    { "letterhead-only-narrow.docx",
      DOC(LETTERHEAD TBL(TR(HEAD3 TC("Kết quả")) TR(TC("1") TC("A") TC("X") TC("Xong")))),
      "3:TT|Tên nhiệm vụ|Cơ quan chủ trì|Kết quả\n4:1|A|X|Xong\n", NULL, NULL },
    { "nested.docx",
      DOC(TBL(TR(TC("a") "<w:tc>" P("ngoài") TBL(TR(TC("x") TC("y")) TR(TC("z") TC("")))
                     P("sau") "</w:tc>" TC("c")) TR(TC("1") TC("2") TC("3")))),
      "1:a|ngoài x y z sau|c\n2:1|2|3\n", "a\tngoài x y z sau\tc\n1\t2\t3\n", NULL },
    { "tracked.docx",
      DOC(TBL(TR(
          TC("a") "<w:tc><w:p><w:r><w:t>giữ</w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r>"
                  "</w:del><w:r><w:instrText> PAGE </w:instrText></w:r>"
                  "<w:moveFrom><w:r><w:t>cũ</w:t></w:r></w:moveFrom></w:p></w:tc>" TC("c")))),
      "1:a|giữ|c\n", NULL, NULL },
    { "textbox.docx",
      DOC("<w:p><w:r><w:t>trước</w:t></w:r><mc:AlternateContent><mc:Choice><w:txbxContent>"
          "<w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback>"
          "<w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></mc:Fallback>"
          "</mc:AlternateContent><w:r><w:t>sau</w:t></w:r></w:p>"),
      "", "trước hộp sau\n", NULL },
    /* Found by fuzz_docx: a table whose only rows are blank. */
    { "blank-table.docx", DOC(TBL(TR(TC("") TC(" ")))), "", "", NULL },
    { "no-table.docx", DOC(P("Chỉ có chữ")), "", "Chỉ có chữ\n", NULL },
    { "empty-body.docx", DOC(""), "", "", NULL },
    { "malformed.docx", DOC(P("open") "<w:p>"), NULL, NULL,
      "Tệp “malformed.docx” không đọc được như một văn bản Word (.docx): word/document.xml dòng 2:" },
    { "dtd.docx", XML_DECL "<!DOCTYPE w:document [<!ENTITY a \"b\">]><w:document/>", NULL, NULL,
      "không được có khai báo kiểu tài liệu" },
    { "wide.docx", DOC(TBL(TR(TC_SPAN(1001, "x")))), NULL, NULL,
      "Tệp “wide.docx” quá lớn để nhập (word/document.xml dòng 2: một dòng của bảng rộng hơn 1000"
      " cột)" },
};

static void test_docx_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(docx_cases) / sizeof(docx_cases[0]); i++) {
        const struct docx_case *c = &docx_cases[i];
        size_t len;
        char *data = make_doc(c->doc, &len);
        check_docx(data, len, c->name, c->expect, c->text, c->msg);
        assert_true(sheet_looks_like_docx(data, len));
        free(data);
    }
}

/* The main part is found through _rels/.rels, else word/document.xml. */
static void test_docx_main_part(void **state)
{
    (void)state;
    static const char doc[] = DOC(TBL(TR(TC("a") TC("b"))));
    size_t len;
    char *data =
        make_docx(RELS("/word/document2.xml"), "word/document2.xml", doc, strlen(doc), &len);
    check_docx(data, len, "rels.docx", "1:a|b\n", "a\nb\n", NULL);
    assert_true(sheet_looks_like_docx(data, len));
    free(data);
    data = make_docx(NULL, "word/document.xml", doc, strlen(doc), &len);
    check_docx(data, len, "norels.docx", "1:a|b\n", NULL, NULL);
    free(data);
    data = make_docx(RELS("word/document.xml"), "word/other.xml", doc, strlen(doc), &len);
    check_docx(data, len, "missing.docx", NULL, NULL,
               "Tệp “missing.docx” không đọc được như một văn bản Word (.docx): thiếu phần word/document.xml");
    assert_false(sheet_looks_like_docx(data, len));
    free(data);
    /* An XLSX is no DOCX. */
    data = make_docx(RELS("xl/workbook.xml"), "xl/workbook.xml", "<workbook/>", 11, &len);
    assert_false(sheet_looks_like_docx(data, len));
    free(data);
}

static void test_docx_not_a_zip(void **state)
{
    (void)state;
    check_docx("", 0, "empty.docx", NULL, NULL, "Tệp “empty.docx” trống");
    check_docx("hello", 5, "text.docx", NULL, NULL, "Tệp “text.docx” không đọc được như một văn bản Word (.docx): ");
    assert_false(sheet_looks_like_docx("hello", 5));
    assert_false(sheet_looks_like_docx(NULL, 0));
    size_t len;
    char *data = make_doc(DOC(TBL(TR(TC("a") TC("b")))), &len);
    for (size_t cut = 0; cut < len; cut += len / 7 + 1) {
        struct sheet sh = SHEET_INIT;
        struct err e = ERR_INIT;
        char *text = NULL;
        if (sheet_read_docx(&sh, &text, data, cut, "cut.docx", &e) == 0)
            fail_msg("a DOCX cut at %zu of %zu bytes was read", cut, len);
        assert_int_equal(sh.n, 0);
        assert_null(text);
    }
    free(data);
}

/* A NULL text is allowed; the sheet is still read. */
static void test_docx_no_text(void **state)
{
    (void)state;
    size_t len;
    char *data = make_doc(DOC(TBL(TR(TC("a") TC("b")))), &len);
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    assert_int_equal(sheet_read_docx(&sh, NULL, data, len, "x.docx", &e), 0);
    assert_int_equal(sh.n, 1);
    sheet_release(&sh);
    free(data);
}

/* Build a document.xml of `n_rows` rows of `cells` (borrowed texts) around a cell text. */
static char *big_doc(size_t n_rows, const char *row)
{
    struct buf b = BUF_INIT;
    buf_adds(&b, XML_DECL "<w:document " NS_W "><w:body><w:tbl>");
    for (size_t i = 0; i < n_rows; i++)
        buf_adds(&b, row);
    buf_adds(&b, "</w:tbl></w:body></w:document>");
    return buf_take(&b);
}

static void check_big(const char *name, const char *doc, const char *msg)
{
    size_t len;
    char *data = make_doc(doc, &len);
    check_docx(data, len, name, NULL, NULL, msg);
    free(data);
}

static void test_docx_limits(void **state)
{
    (void)state;
    /* Too many cells: spans are cheap to write and count. */
    char *doc = big_doc(SHEET_XLSX_CELLS_MAX / 1000 + 1, TR(TC_SPAN(1000, "x")));
    check_big("cells.docx", doc, "hơn 1000000 ô");
    free(doc);
    /* A cell, and a paragraph, over SHEET_XLSX_CELL_MAX. */
    static const struct {
        const char *name, *open, *close, *msg;
    } long_text[] = {
        { "cell.docx", "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>",
          "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", "một ô dài hơn 1 MiB" },
        { "para.docx", "<w:p><w:r><w:t>", "</w:t></w:r></w:p>",
          "một đoạn văn dài hơn 1 MiB" },
    };
    for (size_t k = 0; k < sizeof(long_text) / sizeof(long_text[0]); k++) {
        struct buf b = BUF_INIT;
        buf_addf(&b, XML_DECL "<w:document " NS_W "><w:body>%s", long_text[k].open);
        for (size_t i = 0; i <= SHEET_XLSX_CELL_MAX / 8; i++)
            buf_adds(&b, "abcdefgh");
        buf_addf(&b, "%s</w:body></w:document>", long_text[k].close);
        check_big(long_text[k].name, b.data, long_text[k].msg);
        buf_release(&b);
    }
    /* A vertical merge copies the cell above: 100 KiB down 700 rows is over the text cap. */
    struct buf cell = BUF_INIT;
    buf_adds(&cell, XML_DECL "<w:document " NS_W "><w:body><w:tbl><w:tr>"
                             "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>");
    for (size_t i = 0; i < 100 * 1024 / 8; i++)
        buf_adds(&cell, "abcdefgh");
    buf_adds(&cell, "</w:t></w:r></w:p></w:tc></w:tr>");
    for (size_t i = 0; i < 700; i++)
        buf_adds(&cell, "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>");
    buf_adds(&cell, "</w:tbl></w:body></w:document>");
    check_big("vmerge.docx", cell.data, "phần chữ vượt 64 MiB");
    buf_release(&cell);
}

static void test_docx_part_too_big(void **state)
{
    (void)state;
    size_t n = SHEET_XLSX_PART_MAX + 1;
    char *big = xmalloc(n + 1);
    memset(big, ' ', n);
    static const char head[] = "<w:document/>";
    memcpy(big, head, sizeof(head) - 1);
    big[n] = '\0';
    check_big("big.docx", big,
              "Tệp “big.docx” quá lớn để nhập (word/document.xml vượt 64 MiB)");
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx_cases),     cmocka_unit_test(test_docx_main_part),
        cmocka_unit_test(test_docx_not_a_zip), cmocka_unit_test(test_docx_no_text),
        cmocka_unit_test(test_docx_limits),    cmocka_unit_test(test_docx_part_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
