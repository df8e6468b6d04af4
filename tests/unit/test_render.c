/*
 * Unit tests for src/render: the Markdown, HTML and CSV renderers of an
 * rdoc.
 *
 * One small report built by hand (Vietnamese text with & < > " ' |, commas,
 * quotes and a line break in a cell, a footnote on a cell and on a
 * paragraph, a total row) is rendered by each renderer: Markdown and CSV
 * are compared byte for byte; HTML is parsed with expat, which proves it is
 * well-formed, and the parsed text must equal the original text (so the
 * escaping round-trips), every "#id" link must name an element and every id
 * must be unique. Escaping rules are table-driven rows of {text, expected}.
 *
 * Then report_doc's indicator section (issue #5): a report over an empty
 * programme with a board of four indicators (a heading, one green, one
 * red, one grey) lays out section VII with the headline, the counts per
 * horizon, agency and group, every counted indicator with its rule, and
 * the four indicator checks at the end of Đối soát (now VIII); without a
 * board neither appears and Đối soát stays VII. The JSON report lists the
 * same checks in the same order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/indicator_board.h"
#include "core/report.h"
#include "json/json_report.h"
#include "render/csv.h"
#include "render/html.h"
#include "render/md.h"
#include "render/rdoc.h"
#include "render/report_doc.h"
#include "util/buf.h"
#include "util/strvec.h"
#include "util/xalloc.h"

#include <expat.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define BOM "\xEF\xBB\xBF"

/* ------------------------------------------------------------ fixture */

static void fill_first_section(struct rdoc *d, size_t fn_units, size_t fn_as_of)
{
    static const char *const cols[] = { "Đơn vị", "Số nhiệm vụ", "Tỷ lệ", "Hạn", NULL };
    struct rsection *s = rdoc_add_section(d, "tong_hop", "I. Tổng hợp chung", "Tổng hợp");
    rsection_paragraph(s, xstrdup("Quá hạn 'chưa xong' < 5% & \"đúng hạn\" > 60%"), fn_as_of);
    rsection_item(s, xstrdup("Nhiệm vụ A (1/4 đơn vị chưa hoàn thành)"), fn_units);
    rsection_item(s, xstrdup("- Nhiệm vụ B | gấp"), 0);
    struct rtable *t = rsection_table(s, cols);
    rtable_row(t);
    rtable_text(t, 0, xstrdup("Bộ Công an, Bộ Quốc phòng"));
    rtable_int(t, 1, 12);
    rtable_percent(t, 2, 35);
    rtable_date(t, 3, (struct date){ 2025, 12, 31 });
    rtable_row(t);
    rtable_text(t, 0, xstrdup("Sở \"Tư pháp\"\nHà Nội"));
    rtable_footnote(t, 0, fn_units);
    rtable_int(t, 1, 3);
    rtable_percent(t, 2, 100);
    rtable_row(t);
    rtable_text(t, 0, xstrdup("Tổng cộng"));
    rtable_int(t, 1, 15);
    rtable_percent(t, 2, 40);
    t->has_total_row = true;
}

/* The report every whole-document test renders. */
static void build_doc(struct rdoc *d)
{
    static const char *const cols_units[] = { "STT", "Tên", NULL };
    static const char *const cols_codes[] = { "Mã", NULL };
    rdoc_set_title(d, "THỐNG KÊ NHIỆM VỤ & <KẾT QUẢ>", "(Cập nhật ngày 24/12/2025)");
    size_t fn_units = rdoc_add_footnote(d, "Bộ Công an; Bộ \"Tài chính\"");
    size_t fn_as_of = rdoc_add_footnote(d, "số liệu đến 14/11/2025");
    fill_first_section(d, fn_units, fn_as_of);

    struct rsection *s = rdoc_add_section(d, "qua_han", "II. Nhiệm vụ quá hạn", "Quá hạn");
    rsection_paragraph(s, xstrdup("1. Không có bảng"), 0);

    s = rdoc_add_section(d, "don_vi", "III. Theo đơn vị, lĩnh vực", "Đơn vị");
    struct rtable *t = rsection_table(s, cols_units);
    rtable_row(t);
    rtable_int(t, 0, 1);
    rtable_text(t, 1, xstrdup("A & B"));
    t = rsection_table(s, cols_codes); /* the previous t may have moved */
    rtable_row(t);
    rtable_text(t, 0, xstrdup("x'y"));
}

/* A document of one section "S" holding one paragraph or one text cell. */
static void build_one(struct rdoc *d, const char *text, bool in_table)
{
    static const char *const cols[] = { "c", NULL };
    struct rsection *s = rdoc_add_section(d, "s", "S", "S");
    if (!in_table) {
        rsection_paragraph(s, xstrdup(text), 0);
        return;
    }
    struct rtable *t = rsection_table(s, cols);
    rtable_row(t);
    rtable_text(t, 0, xstrdup(text));
}

typedef void render_fn(const struct rdoc *d, struct buf *out);

static void csv_all(const struct rdoc *d, struct buf *out)
{
    csv_render(d, NULL, out);
}

/* Render d with fn and compare with want byte for byte. */
static void assert_render(const char *what, const struct rdoc *d, render_fn *fn, const char *want)
{
    struct buf out = BUF_INIT;
    fn(d, &out);
    assert_true(buf_ok(&out));
    if (out.len != strlen(want) || memcmp(out.data, want, out.len) != 0)
        fail_msg("%s:\n--- got ---\n%s\n--- want ---\n%s", what, out.data, want);
    buf_release(&out);
}

/* ------------------------------------------------------------ Markdown */

static const char MD_DOC[] = "# THỐNG KÊ NHIỆM VỤ & \\<KẾT QUẢ\\>\n"
                             "\n"
                             "(Cập nhật ngày 24/12/2025)\n"
                             "\n"
                             "## I. Tổng hợp chung\n"
                             "\n"
                             "Quá hạn 'chưa xong' \\< 5% & \"đúng hạn\" \\> 60%[^2]\n"
                             "\n"
                             "- Nhiệm vụ A (1/4 đơn vị chưa hoàn thành)[^1]\n"
                             "- \\- Nhiệm vụ B \\| gấp\n"
                             "\n"
                             "| Đơn vị | Số nhiệm vụ | Tỷ lệ | Hạn |\n"
                             "| --- | ---: | ---: | --- |\n"
                             "| Bộ Công an, Bộ Quốc phòng | 12 | 35% | 31/12/2025 |\n"
                             "| Sở \"Tư pháp\"<br>Hà Nội[^1] | 3 | 100% |  |\n"
                             "| **Tổng cộng** | **15** | **40%** |  |\n"
                             "\n"
                             "## II. Nhiệm vụ quá hạn\n"
                             "\n"
                             "1\\. Không có bảng\n"
                             "\n"
                             "## III. Theo đơn vị, lĩnh vực\n"
                             "\n"
                             "| STT | Tên |\n"
                             "| ---: | --- |\n"
                             "| 1 | A & B |\n"
                             "\n"
                             "| Mã |\n"
                             "| --- |\n"
                             "| x'y |\n"
                             "\n"
                             "[^1]: Bộ Công an; Bộ \"Tài chính\"\n"
                             "[^2]: số liệu đến 14/11/2025\n";

static void test_md_doc(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    build_doc(&d);
    assert_render("markdown of the report", &d, md_render, MD_DOC);
    rdoc_release(&d);
}

static const struct {
    const char *text;
    const char *md; /* the paragraph as rendered */
} md_cases[] = {
    { "Bình thường", "Bình thường" },
    { "#1 ưu tiên", "\\#1 ưu tiên" },
    { "12. Bộ Y tế", "12\\. Bộ Y tế" },
    { "3) Bộ Xây dựng", "3\\) Bộ Xây dựng" },
    { "2025 là năm", "2025 là năm" },
    { "  - thụt lề", "\\- thụt lề" },
    { "+ cộng", "\\+ cộng" },
    { "= bằng", "\\= bằng" },
    { "a*b_c`d[e]f", "a\\*b\\_c\\`d\\[e\\]f" },
    { "100$ ~ 5! a\\b", "100\\$ \\~ 5\\! a\\\\b" },
    { "dòng 1\r\ndòng 2\ndòng 3\rhết", "dòng 1<br>dòng 2<br>dòng 3<br>hết" },
    { "giữa # và - và 1.", "giữa # và - và 1." },
};

static void test_md_escape(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(md_cases) / sizeof(md_cases[0]); i++) {
        struct rdoc d = RDOC_INIT;
        build_one(&d, md_cases[i].text, false);
        char *want = xasprintf("## S\n\n%s\n", md_cases[i].md);
        assert_render(md_cases[i].text, &d, md_render, want);
        free(want);
        rdoc_release(&d);
    }
}

/* An item ending a section must not swallow the footnote definitions. */
static void test_md_item_then_footnote(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    struct rsection *s = rdoc_add_section(&d, "s", "S", "S");
    size_t fn = rdoc_add_footnote(&d, "ghi chú");
    rsection_item(s, xstrdup("mục"), fn);
    assert_render("item then footnote", &d, md_render, "## S\n\n- mục[^1]\n\n[^1]: ghi chú\n");
    rdoc_release(&d);
}

/* ------------------------------------------------------------ HTML */

struct xml_check {
    struct buf text;     /* all character data, as the parser decoded it */
    struct strvec ids;   /* every id attribute */
    struct strvec hrefs; /* every href attribute */
    int depth;
    int n_roots;
};

static void XMLCALL xml_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct xml_check *x = data;
    if (x->depth++ == 0) {
        x->n_roots++;
        assert_string_equal(name, "html");
    }
    for (size_t i = 0; attrs[i]; i += 2) {
        if (strcmp(attrs[i], "id") == 0) {
            if (strvec_find(&x->ids, attrs[i + 1]) >= 0)
                fail_msg("duplicate id '%s'", attrs[i + 1]);
            strvec_push(&x->ids, attrs[i + 1]);
        } else if (strcmp(attrs[i], "href") == 0) {
            strvec_push(&x->hrefs, attrs[i + 1]);
        }
    }
    /* Keep block texts apart so a strstr cannot match across elements. */
    buf_addch(&x->text, '\x01');
}

static void XMLCALL xml_end(void *data, const XML_Char *name)
{
    struct xml_check *x = data;
    (void)name;
    x->depth--;
    buf_addch(&x->text, '\x01');
}

static void XMLCALL xml_chars(void *data, const XML_Char *s, int len)
{
    struct xml_check *x = data;
    buf_add(&x->text, s, (size_t)len);
}

/*
 * Parse html with expat; fail unless it is well-formed with one <html>
 * root, unique ids and internal links that all resolve. Fills x.
 */
static void parse_html(const struct buf *html, struct xml_check *x)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    assert_non_null(p);
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, xml_start, xml_end);
    XML_SetCharacterDataHandler(p, xml_chars);
    if (XML_Parse(p, html->data, (int)html->len, 1) != XML_STATUS_OK)
        fail_msg("not well-formed XML at line %lu: %s\n%s",
                 (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)),
                 html->data);
    XML_ParserFree(p);
    assert_int_equal(x->n_roots, 1);
    for (size_t i = 0; i < x->hrefs.n; i++) {
        const char *h = x->hrefs.items[i];
        if (h[0] != '#' || strvec_find(&x->ids, h + 1) < 0)
            fail_msg("link '%s' names no element", h);
    }
}

static void xml_check_release(struct xml_check *x)
{
    buf_release(&x->text);
    strvec_release(&x->ids);
    strvec_release(&x->hrefs);
}

/* Only the five references of polyglot markup may appear. */
static void assert_only_basic_refs(const char *html)
{
    static const char *const ok[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
    for (const char *p = strchr(html, '&'); p; p = strchr(p + 1, '&')) {
        bool found = false;
        for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
            found = found || strncmp(p, ok[i], strlen(ok[i])) == 0;
        if (!found)
            fail_msg("unexpected reference at '%.12s'", p);
    }
}

static const char *const html_must_contain[] = {
    "<!DOCTYPE html>",
    "lang=\"vi\"",
    "<meta charset=\"utf-8\"/>",
    "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }",
    "@page wide { size: A4 landscape;",
    "\"Times New Roman\", \"Liberation Serif\", \"Noto Serif\", serif",
    "tr { page-break-inside: avoid;",
    "thead { display: table-header-group; }",
    "<h1>THỐNG KÊ NHIỆM VỤ &amp; &lt;KẾT QUẢ&gt;</h1>",
    "<p class=\"subtitle\">(Cập nhật ngày 24/12/2025)</p>",
    "<p>Quá hạn &#39;chưa xong&#39; &lt; 5% &amp; &quot;đúng hạn&quot; &gt; 60%"
    "<sup><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup></p>",
    "<li>Nhiệm vụ A (1/4 đơn vị chưa hoàn thành)<sup><a href=\"#fn-1\" id=\"fnref-1\">1</a>"
    "</sup></li>",
    "<th scope=\"col\">Đơn vị</th>",
    "<td>Sở &quot;Tư pháp&quot;<br/>Hà Nội<sup><a href=\"#fn-1\">1</a></sup></td>",
    "<td class=\"num\">12</td><td class=\"num\">35%</td><td>31/12/2025</td>",
    "<tr class=\"total\"><td>Tổng cộng</td><td class=\"num\">15</td>",
    "<section id=\"s-don_vi\">",
    "<section class=\"footnotes\">",
    "<li id=\"fn-1\">Bộ Công an; Bộ &quot;Tài chính&quot;",
};

static void test_html_doc(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    struct buf out = BUF_INIT;
    struct xml_check x = { .text = BUF_INIT };
    build_doc(&d);
    html_render(&d, &out);
    assert_true(buf_ok(&out));
    parse_html(&out, &x);
    for (size_t i = 0; i < sizeof(html_must_contain) / sizeof(html_must_contain[0]); i++)
        if (!strstr(out.data, html_must_contain[i]))
            fail_msg("HTML lacks '%s':\n%s", html_must_contain[i], out.data);
    assert_only_basic_refs(out.data);
    assert_null(strstr(out.data, "<script"));
    /* The parser gives back exactly the original text. */
    assert_non_null(strstr(x.text.data, "\x01THỐNG KÊ NHIỆM VỤ & <KẾT QUẢ>\x01"));
    assert_non_null(strstr(x.text.data, "Quá hạn 'chưa xong' < 5% & \"đúng hạn\" > 60%\x01"));
    assert_non_null(strstr(x.text.data, "\x01- Nhiệm vụ B | gấp\x01"));
    assert_non_null(strstr(x.text.data, "\x01x'y\x01"));
    xml_check_release(&x);
    buf_release(&out);
    rdoc_release(&d);
}

static const struct {
    const char *text;
    const char *html; /* the paragraph as rendered */
} html_cases[] = {
    { "a & b", "<p>a &amp; b</p>" },
    { "<b>'x'</b>", "<p>&lt;b&gt;&#39;x&#39;&lt;/b&gt;</p>" },
    { "l1\r\nl2\nl3\rl4", "<p>l1<br/>l2<br/>l3<br/>l4</p>" },
    { "trang\fsau\x01\x1f het", "<p>trangsau het</p>" },
    { "cột\tcột", "<p>cột\tcột</p>" },
};

static void test_html_escape(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(html_cases) / sizeof(html_cases[0]); i++) {
        struct rdoc d = RDOC_INIT;
        struct buf out = BUF_INIT;
        struct xml_check x = { .text = BUF_INIT };
        build_one(&d, html_cases[i].text, false);
        html_render(&d, &out);
        parse_html(&out, &x);
        if (!strstr(out.data, html_cases[i].html))
            fail_msg("'%s': HTML lacks '%s':\n%s", html_cases[i].text, html_cases[i].html,
                     out.data);
        xml_check_release(&x);
        buf_release(&out);
        rdoc_release(&d);
    }
}

/* ------------------------------------------------------------ CSV */

static const char CSV_DOC[] = BOM "I. Tổng hợp chung\r\n"
                                  "Đơn vị,Số nhiệm vụ,Tỷ lệ,Hạn\r\n"
                                  "\"Bộ Công an, Bộ Quốc phòng\",12,35,2025-12-31\r\n"
                                  "\"Sở \"\"Tư pháp\"\"\nHà Nội\",3,100,\r\n"
                                  "Tổng cộng,15,40,\r\n"
                                  "\r\n"
                                  "\"III. Theo đơn vị, lĩnh vực\"\r\n"
                                  "STT,Tên\r\n"
                                  "1,A & B\r\n"
                                  "\r\n"
                                  "\"III. Theo đơn vị, lĩnh vực\"\r\n"
                                  "Mã\r\n"
                                  "x'y\r\n";

static void test_csv_doc(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    build_doc(&d);
    assert_render("csv of the report", &d, csv_all, CSV_DOC);
    rdoc_release(&d);
}

static const struct {
    const char *key;
    int exists;
    const char *csv;
} csv_sections[] = {
    { "don_vi", 1, BOM "STT,Tên\r\n1,A & B\r\n\r\nMã\r\nx'y\r\n" },
    { "tong_hop", 1,
      BOM "Đơn vị,Số nhiệm vụ,Tỷ lệ,Hạn\r\n\"Bộ Công an, Bộ Quốc phòng\",12,35,2025-12-31\r\n"
          "\"Sở \"\"Tư pháp\"\"\nHà Nội\",3,100,\r\nTổng cộng,15,40,\r\n" },
    { "qua_han", 1, BOM },
    { "khong_co", 0, BOM },
    { "", 0, BOM },
};

static void test_csv_section(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    build_doc(&d);
    for (size_t i = 0; i < sizeof(csv_sections) / sizeof(csv_sections[0]); i++) {
        struct buf out = BUF_INIT;
        assert_int_equal(csv_section_exists(&d, csv_sections[i].key), csv_sections[i].exists);
        csv_render(&d, csv_sections[i].key, &out);
        if (strcmp(out.data, csv_sections[i].csv) != 0)
            fail_msg("section '%s':\n--- got ---\n%s\n--- want ---\n%s", csv_sections[i].key,
                     out.data, csv_sections[i].csv);
        buf_release(&out);
    }
    assert_int_equal(csv_section_exists(&d, NULL), 0);
    rdoc_release(&d);
}

static const struct {
    const char *text;
    const char *field;
} csv_cases[] = {
    { "Bình thường", "Bình thường" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "nói \"có\"", "\"nói \"\"có\"\"\"" },
    { "a\r\nb", "\"a\r\nb\"" },
    { "a\rb", "\"a\rb\"" },
    { "a\nb", "\"a\nb\"" },
    { "Tỷ lệ 35%; x'y", "Tỷ lệ 35%; x'y" },
    /* Formulas are neutralised; a list dash followed by a space is not one. */
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "+1", "'+1" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "-2+3", "'-2+3" },
    { "- Hoàn thành đúng hạn", "- Hoàn thành đúng hạn" },
};

static void test_csv_quoting(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(csv_cases) / sizeof(csv_cases[0]); i++) {
        struct rdoc d = RDOC_INIT;
        build_one(&d, csv_cases[i].text, true);
        char *want = xasprintf(BOM "S\r\nc\r\n%s\r\n", csv_cases[i].field);
        assert_render(csv_cases[i].text, &d, csv_all, want);
        free(want);
        rdoc_release(&d);
    }
}

/* ------------------------------------------------------------ indicator section */

struct ind_fixture {
    const char *code, *target, *agency, *field;
    long agency_id;
    int horizon;
    const char *value; /* measured on 31/12/2025, or NULL */
};

/* As of 15/01/2026: a heading (not counted), green, red (2025 passed unmet), grey. */
static const struct ind_fixture ind_fixtures[] = {
    { "11", "", "", "", 0, 2030, NULL },
    { "11.1", "≥ 80", "Bộ Khoa học và Công nghệ", "", 11, 2030, "82%" },
    { "KH2025.3", "70%", "", "Chính phủ số", 0, 2025, "65%" },
    { "12", "≥ 80", "Ngân hàng Nhà nước Việt Nam", "", 17, 2030, NULL },
};
#define N_IND (sizeof(ind_fixtures) / sizeof(*ind_fixtures))

static void add_value(struct indicator *x, const char *text, long value)
{
    struct measurement *m = indicator_add_measurement(x);
    m->id = 1;
    m->on = (struct date){ 2025, 12, 31 };
    m->has_value = true;
    m->value = (double)value;
    m->text = xstrdup(text);
    m->source = xstrdup("");
}

static void ind_board(struct indicator_board *b)
{
    struct indicator *x = xcalloc(N_IND, sizeof(*x));
    for (size_t i = 0; i < N_IND; i++) {
        const struct ind_fixture *f = &ind_fixtures[i];
        x[i].id = (long)i + 1;
        x[i].code = xstrdup(f->code);
        x[i].name = xasprintf("Chỉ tiêu %s", f->code);
        x[i].unit = xstrdup("%");
        x[i].target_text = xstrdup(f->target);
        x[i].agency = xstrdup(f->agency);
        x[i].field = xstrdup(f->field);
        x[i].agency_id = f->agency_id;
        x[i].horizon = f->horizon;
        if (f->value)
            add_value(&x[i], f->value, strtol(f->value, NULL, 10));
    }
    indicator_board_build(b, x, N_IND, (struct date){ 2026, 1, 15 });
    b->expected_counted = 3; /* as the database counts them: the heading has no target */
}

static const struct rsection *find_section(const struct rdoc *d, const char *key)
{
    for (size_t i = 0; i < d->n_sections; i++)
        if (!strcmp(d->sections[i].key, key))
            return &d->sections[i];
    return NULL;
}

/* The k-th table of s. */
static const struct rtable *nth_table(const struct rsection *s, size_t k)
{
    for (size_t i = 0; i < s->n_blocks; i++)
        if (s->blocks[i].type == RBLOCK_TABLE && k-- == 0)
            return &s->blocks[i].table;
    fail_msg("section '%s' has no table %zu", s->key, k);
    return NULL;
}

/* Row r of t as "cell|cell|..." for one comparison per row. */
static char *row_text(const struct rtable *t, size_t r)
{
    struct buf b = BUF_INIT;
    for (size_t c = 0; c < t->columns.n; c++)
        buf_addf(&b, "%s%s", c ? "|" : "", rtable_cell(t, r, c)->text);
    return buf_take(&b);
}

static void assert_row(const struct rtable *t, size_t r, const char *want)
{
    assert_true(r < t->n_rows);
    char *got = row_text(t, r);
    if (strcmp(got, want))
        fail_msg("row %zu:\n got: %s\nwant: %s", r, got, want);
    free(got);
}

static void ind_report(struct programme *p, struct report *r)
{
    struct report_options o = { { 2026, 1, 15 }, DATE_NONE, PROG_NONE, PROG_NONE };
    struct err e = ERR_INIT;
    assert_int_equal(report_build(p, &o, r, &e), 0);
}

static void test_indicator_section(void **state)
{
    (void)state;
    struct programme p = PROGRAMME_INIT;
    struct report r = REPORT_INIT;
    struct indicator_board b = INDICATOR_BOARD_INIT;
    struct rdoc d = RDOC_INIT;
    ind_report(&p, &r);
    ind_board(&b);
    report_doc_build(&r, &b, &d);

    const struct rsection *s = find_section(&d, "chi_tieu");
    assert_non_null(s);
    assert_string_equal(s->title, "VII. Kết quả thực hiện các chỉ tiêu");
    assert_string_equal(s->sheet, "Chỉ tiêu");
    assert_string_equal(s->blocks[0].text,
                        "Tính đến ngày 15/01/2026, có 3 chỉ tiêu có mục tiêu (không tính 1 mục"
                        " chỉ nêu nhóm các chỉ tiêu thành phần); trong đó: 1 chỉ tiêu đạt (chiếm"
                        " 33%), 0 chỉ tiêu đúng lộ trình, 1 chỉ tiêu chậm, 1 chỉ tiêu chưa đánh"
                        " giá.");
    const struct rtable *t = nth_table(s, 0); /* per horizon, ascending */
    assert_row(t, 0, "1|Đến năm 2025|1|0|0|1|0|0%");
    assert_row(t, 1, "2|Đến năm 2030|2|1|0|0|1|50%");
    assert_row(t, 2, "|Tổng cộng|3|1|0|1|1|33%");
    assert_true(t->has_total_row && t->n_rows == 3);
    t = nth_table(s, 1); /* per agency, in order of appearance */
    assert_string_equal(t->columns.items[1], "Cơ quan chủ trì theo dõi");
    assert_row(t, 0, "1|Bộ Khoa học và Công nghệ|1|1|0|0|0|100%");
    assert_row(t, 1, "2|Chưa xác định cơ quan theo dõi|1|0|0|1|0|0%");
    assert_row(t, 2, "3|Ngân hàng Nhà nước Việt Nam|1|0|0|0|1|0%");
    t = nth_table(s, 2); /* per group */
    assert_row(t, 1, "2|Chính phủ số|1|0|0|1|0|0%");
    t = nth_table(s, 3); /* every counted indicator, the heading left out */
    assert_int_equal(t->n_rows, 3);
    assert_row(t, 0,
               "11.1|Chỉ tiêu 11.1|%|≥ 80|82% (31/12/2025)|đạt|"
               "Giá trị 82% (31/12/2025) ≥ mục tiêu 80%: đạt");
    assert_string_equal(rtable_cell(t, 1, 5)->text, "chậm");
    assert_row(t, 2, "12|Chỉ tiêu 12|%|≥ 80||chưa đánh giá|Chưa có số liệu đến ngày 15/01/2026");

    /* Đối soát comes last of the numbered sections, renumbered, ending with the indicator
     * checks; only the annexes (every unit's counts and the ranking, every overdue task,
     * every task due) follow it. */
    const struct rsection *ds = &d.sections[d.n_sections - 4];
    assert_string_equal(ds->key, "doi_soat");
    assert_string_equal(d.sections[d.n_sections - 3].key, "phu_luc_don_vi");
    assert_string_equal(d.sections[d.n_sections - 2].key, "phu_luc_qua_han");
    assert_string_equal(d.sections[d.n_sections - 1].key, "phu_luc_sap_den_han");
    for (size_t i = 0; i < d.n_sections; i++)
        assert_int_equal(d.sections[i].annex, i >= d.n_sections - 3);
    assert_string_equal(ds->title, "VIII. Đối soát số liệu");
    t = nth_table(ds, 0);
    assert_int_equal(t->n_rows, r.n_checks + INDICATOR_BOARD_CHECKS);
    assert_row(t, t->n_rows - 5,
               "Tổng số chỉ tiêu = đạt + đúng lộ trình + chậm + chưa đánh giá|3|3|Khớp");
    assert_row(t, t->n_rows - 3, "Tổng số chỉ tiêu = tổng theo cơ quan chủ trì theo dõi|3|3|Khớp");
    assert_row(t, t->n_rows - 1,
               "Số chỉ tiêu có mục tiêu trong cơ sở dữ liệu = tổng số chỉ tiêu được tính|3|3|Khớp");

    struct report_check checks[INDICATOR_BOARD_CHECKS];
    struct err e = ERR_INIT;
    assert_int_equal(indicator_board_checks(&b, checks), 0);
    assert_string_equal(checks[0].key, "indicators");
    assert_string_equal(checks[3].key, "indicators.by_field");
    assert_string_equal(checks[4].key, "indicators.stored");
    assert_int_equal(indicator_board_reconcile(&b, &e), 0);

    rdoc_release(&d);
    indicator_board_release(&b);
    report_release(&r);
}

/*
 * A Word report to sign (lists_apart): no annexes II and III, and VII has a row for
 * each indicator evaluated only, naming the others by code.
 */
static void test_lists_apart(void **state)
{
    (void)state;
    struct programme p = PROGRAMME_INIT;
    struct report r = REPORT_INIT;
    struct indicator_board b = INDICATOR_BOARD_INIT;
    struct rdoc d = RDOC_INIT;
    struct report_extras x = { NULL };
    x.lists_apart = true;
    ind_report(&p, &r);
    ind_board(&b);
    report_doc_build_with(&r, &b, &x, &d);
    assert_null(find_section(&d, "phu_luc_qua_han"));
    assert_null(find_section(&d, "phu_luc_sap_den_han"));
    assert_string_equal(d.sections[d.n_sections - 1].key, "phu_luc_don_vi");
    const struct rsection *s = find_section(&d, "chi_tieu");
    assert_non_null(s);
    assert_string_equal(s->blocks[2].text, "Các chỉ tiêu chưa đánh giá (1 chỉ tiêu), theo mã: 12.");
    const struct rtable *t = nth_table(s, 3);
    assert_int_equal(t->n_rows, 2);
    assert_string_equal(rtable_cell(t, 0, 0)->text, "11.1");
    assert_string_equal(rtable_cell(t, 1, 5)->text, "chậm");
    rdoc_release(&d);
    indicator_board_release(&b);
    report_release(&r);
}

/* Without a board: no indicator section, Đối soát as before; an empty board: a sentence. */
static void test_indicator_section_absent(void **state)
{
    (void)state;
    struct programme p = PROGRAMME_INIT;
    struct report r = REPORT_INIT;
    struct indicator_board empty = INDICATOR_BOARD_INIT;
    struct rdoc d = RDOC_INIT, d2 = RDOC_INIT;
    ind_report(&p, &r);
    report_doc_build(&r, NULL, &d);
    assert_null(find_section(&d, "chi_tieu"));
    assert_string_equal(d.sections[d.n_sections - 4].title, "VII. Đối soát số liệu");
    assert_int_equal(nth_table(&d.sections[d.n_sections - 4], 0)->n_rows, r.n_checks);

    indicator_board_build(&empty, NULL, 0, (struct date){ 2026, 1, 15 });
    report_doc_build(&r, &empty, &d2);
    const struct rsection *s = find_section(&d2, "chi_tieu");
    assert_non_null(s);
    assert_int_equal(s->n_blocks, 1);
    assert_string_equal(s->blocks[0].text,
                        "Tính đến ngày 15/01/2026, chưa có chỉ tiêu nào có mục tiêu.");
    rdoc_release(&d2);
    rdoc_release(&d);
    indicator_board_release(&empty);
    report_release(&r);
}

static size_t count_of_text(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/*
 * The JSON report lists the checks Đối soát lists in every other format: the report's,
 * then (with a board) the indicator board's, in "reconciled" too (review: the JSON form
 * left the indicator checks out).
 */
static void test_json_report_checks(void **state)
{
    (void)state;
    struct programme p = PROGRAMME_INIT;
    struct report r = REPORT_INIT;
    struct indicator_board b = INDICATOR_BOARD_INIT;
    ind_report(&p, &r);
    ind_board(&b);
    char *with = json_report(&r, &b), *without = json_report(&r, NULL);
    assert_int_equal(count_of_text(without, "\"check\": "), r.n_checks);
    assert_int_equal(count_of_text(with, "\"check\": "), r.n_checks + INDICATOR_BOARD_CHECKS);
    const char *keys[] = { "\"check\": \"indicators\"", "\"check\": \"indicators.by_horizon\"",
                           "\"check\": \"indicators.by_agency\"",
                           "\"check\": \"indicators.by_field\"",
                           "\"check\": \"indicators.stored\"" };
    for (size_t i = 0; i < INDICATOR_BOARD_CHECKS; i++) {
        assert_non_null(strstr(with, keys[i]));
        assert_null(strstr(without, keys[i]));
    }
    /* In Đối soát's order: the indicator checks after the report's, before "reconciled". */
    assert_true(strstr(with, keys[0]) < strstr(with, "\"reconciled\": true"));
    assert_true(strstr(with, "\"check\": \"tasks") < strstr(with, keys[0]));
    assert_non_null(strstr(without, "\"reconciled\": true"));
    free(without);
    free(with);

    /* The database counted one more target than the board: the check fails, the report
     * does not reconcile. Unknown: the check is left out, the other four stay. */
    b.expected_counted = 4;
    char *off = json_report(&r, &b);
    assert_non_null(strstr(off, "\"reconciled\": false"));
    assert_non_null(strstr(off, "\"total\": 4,"));
    assert_int_equal(count_of_text(off, "\"ok\": false"), 1);
    free(off);
    b.expected_counted = -1;
    char *unknown = json_report(&r, &b);
    assert_int_equal(count_of_text(unknown, "\"check\": "),
                     r.n_checks + INDICATOR_BOARD_CHECKS - 1);
    assert_null(strstr(unknown, keys[4]));
    assert_non_null(strstr(unknown, "\"reconciled\": true"));
    free(unknown);
    indicator_board_release(&b);
    report_release(&r);
}

/* ------------------------------------------------------------ edge cases */

/* No title, no footnotes, a table without columns, an empty table. */
static void test_degenerate(void **state)
{
    (void)state;
    static const char *const no_cols[] = { NULL };
    static const char *const one_col[] = { "Số", NULL };
    struct rdoc d = RDOC_INIT;
    struct rsection *s = rdoc_add_section(&d, "k", "Trống", "Trống");
    rsection_table(s, no_cols);
    rsection_table(s, one_col);
    assert_render("empty markdown", &d, md_render, "## Trống\n\n| Số |\n| --- |\n");
    assert_render("empty csv", &d, csv_all, BOM "Trống\r\nSố\r\n");

    struct buf out = BUF_INIT;
    struct xml_check x = { .text = BUF_INIT };
    html_render(&d, &out);
    parse_html(&out, &x);
    assert_non_null(strstr(out.data, "<title>Báo cáo</title>"));
    assert_null(strstr(out.data, "footnotes\">"));
    xml_check_release(&x);
    buf_release(&out);
    rdoc_release(&d);
}

/* A capped buffer fails stickily instead of overflowing. */
static void test_capped_buffer(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    struct buf out;
    build_doc(&d);
    buf_init(&out, 64);
    html_render(&d, &out);
    assert_false(buf_ok(&out));
    assert_true(out.len <= 64);
    buf_release(&out);
    rdoc_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_md_doc),
        cmocka_unit_test(test_md_escape),
        cmocka_unit_test(test_md_item_then_footnote),
        cmocka_unit_test(test_html_doc),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_csv_doc),
        cmocka_unit_test(test_csv_section),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_indicator_section),
        cmocka_unit_test(test_indicator_section_absent),
        cmocka_unit_test(test_lists_apart),
        cmocka_unit_test(test_json_report_checks),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_capped_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
