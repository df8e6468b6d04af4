/*
 * docx_xml: XML escaping, runs of text and the parts of a .docx package
 * that do not depend on the document body; see docx_internal.h.
 *
 * Element order inside w:pPr, w:rPr, w:style and w:settings follows the
 * ECMA-376 schema sequences: Word rejects a file whose children are out of
 * order even when LibreOffice opens it.
 */
#include "docx_internal.h"

#include "util/err.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ escaping */

/* Bytes of the UTF-8 sequence that lead byte c starts; 0 when c cannot lead. */
static size_t utf8_seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0; /* a continuation byte, or an overlong 2-byte lead */
    return c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
}

/*
 * Length of the well-formed UTF-8 sequence at s[0..len) (1..4), with its
 * code point in *cp; 0 when the bytes are not well-formed (overlong forms,
 * surrogates, past U+10FFFF, truncated).
 */
static size_t utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
    static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    size_t n = utf8_seq_len(s[0]);
    if (n == 0 || n > len)
        return 0;
    uint32_t c = n == 1 ? s[0] : s[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* XML 1.0 section 2.2, Char. */
static bool xml_char_ok(uint32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

void docx_xml_escape(struct buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        uint32_t c = 0;
        size_t n = utf8_next(p + i, len - i, &c);
        if (n == 0) {
            i++; /* drop the stray byte, resynchronise on the next one */
            continue;
        }
        switch (c) {
        case '&':
            buf_adds(b, "&amp;");
            break;
        case '<':
            buf_adds(b, "&lt;");
            break;
        case '>':
            buf_adds(b, "&gt;");
            break;
        case '"':
            buf_adds(b, "&quot;");
            break;
        case '\'':
            buf_adds(b, "&apos;");
            break;
        default:
            if (xml_char_ok(c))
                buf_add(b, s + i, n);
        }
        i += n;
    }
}

void docx_run(struct buf *b, const char *text, const char *rpr)
{
    buf_adds(b, "<w:r>");
    if (rpr && *rpr)
        buf_addf(b, "<w:rPr>%s</w:rPr>", rpr);
    for (const char *p = text ? text : ""; *p;) {
        size_t len = strcspn(p, "\r\n\t");
        if (len) {
            buf_adds(b, "<w:t xml:space=\"preserve\">");
            docx_xml_escape(b, p, len);
            buf_adds(b, "</w:t>");
        }
        p += len;
        if (*p == '\t')
            buf_adds(b, "<w:tab/>");
        else if (*p)
            buf_adds(b, "<w:br/>");
        if (p[0] == '\r' && p[1] == '\n')
            p++;
        if (*p)
            p++;
    }
    buf_adds(b, "</w:r>");
}

/* ------------------------------------------------------------ package parts */

#define CT_BASE "application/vnd.openxmlformats-officedocument."
#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

void docx_content_types(struct buf *b)
{
    static const char *const overrides[][2] = {
        { "/word/document.xml", CT_BASE "wordprocessingml.document.main+xml" },
        { "/word/styles.xml", CT_BASE "wordprocessingml.styles+xml" },
        { "/word/settings.xml", CT_BASE "wordprocessingml.settings+xml" },
        { "/word/footnotes.xml", CT_BASE "wordprocessingml.footnotes+xml" },
        { "/word/footer1.xml", CT_BASE "wordprocessingml.footer+xml" },
        { "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml" },
        { "/docProps/app.xml", CT_BASE "extended-properties+xml" },
    };
    buf_adds(b, DOCX_XML_DECL
             "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" "
             "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    for (size_t i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++)
        buf_addf(b, "<Override PartName=\"%s\" ContentType=\"%s\"/>", overrides[i][0],
                 overrides[i][1]);
    buf_adds(b, "</Types>");
}

static void rels(struct buf *b, const char *const (*r)[2], size_t n)
{
    buf_adds(b, DOCX_XML_DECL
             "<Relationships "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (size_t i = 0; i < n; i++)
        buf_addf(b, "<Relationship Id=\"rId%zu\" Type=\"%s\" Target=\"%s\"/>", i + 1, r[i][0],
                 r[i][1]);
    buf_adds(b, "</Relationships>");
}

void docx_package_rels(struct buf *b)
{
    static const char *const r[][2] = {
        { REL_BASE "officeDocument", "word/document.xml" },
        { "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
          "core-properties",
          "docProps/core.xml" },
        { REL_BASE "extended-properties", "docProps/app.xml" },
    };
    rels(b, r, sizeof(r) / sizeof(r[0]));
}

void docx_document_rels(struct buf *b)
{
    static const char *const r[][2] = {
        { REL_BASE "styles", "styles.xml" },
        { REL_BASE "settings", "settings.xml" },
        { REL_BASE "footnotes", "footnotes.xml" },
        { REL_BASE "footer", "footer1.xml" }, /* rId4: docx.c's footerReference */
    };
    rels(b, r, sizeof(r) / sizeof(r[0]));
}

#define FONTS                                                                                      \
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "                           \
    "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
#define NO_INDENT "<w:ind w:firstLine=\"0\"/>"
#define TIGHT "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
#define BOLD "<w:b/><w:bCs/>"

/* One paragraph style: id, name, pPr content, rPr content. */
static const char *const para_styles[][4] = {
    { "Title", "Title", "<w:keepNext/>" TIGHT NO_INDENT "<w:jc w:val=\"center\"/>",
      BOLD "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>" },
    { "Subtitle", "Subtitle",
      "<w:spacing w:before=\"0\" w:after=\"240\"/>" NO_INDENT "<w:jc w:val=\"center\"/>",
      "<w:i/><w:iCs/>" },
    { "Heading1", "heading 1",
      "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>" NO_INDENT
      "<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/>",
      BOLD },
    { "Heading2", "heading 2",
      "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/>"
      "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/>",
      BOLD "<w:i/><w:iCs/>" },
    { "TableText", "Table Text", TIGHT NO_INDENT "<w:jc w:val=\"left\"/>",
      "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>" },
    { "FootnoteText", "footnote text", TIGHT NO_INDENT,
      "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>" },
    { "LeadIn", "Lead In", "<w:keepNext/>", "" },
    { "FrameText", "Frame Text", TIGHT NO_INDENT "<w:jc w:val=\"center\"/>", "" },
    { "Recipients", "Recipients", TIGHT NO_INDENT "<w:jc w:val=\"left\"/>",
      "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>" },
    { "Footer", "footer", TIGHT NO_INDENT "<w:jc w:val=\"center\"/>", "" },
};

static void styles_defaults(struct buf *b)
{
    buf_adds(b, "<w:docDefaults><w:rPrDefault><w:rPr>" FONTS
                "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"
                "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>"
                "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
                "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/>"
                "</w:pPr></w:pPrDefault></w:docDefaults>");
    buf_adds(b, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
                "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLine=\"567\"/>"
                "<w:jc w:val=\"both\"/></w:pPr></w:style>"
                "<w:style w:type=\"character\" w:default=\"1\" "
                "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>"
                "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
                "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
                "<w:name w:val=\"Normal Table\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>"
                "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
                "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
                "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
                "</w:tblCellMar></w:tblPr></w:style>");
}

void docx_styles(struct buf *b)
{
    buf_adds(b, DOCX_XML_DECL "<w:styles xmlns:w=\"" DOCX_NS_W "\">");
    styles_defaults(b);
    for (size_t i = 0; i < sizeof(para_styles) / sizeof(para_styles[0]); i++)
        buf_addf(b,
                 "<w:style w:type=\"paragraph\" w:styleId=\"%s\"><w:name w:val=\"%s\"/>"
                 "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
                 "<w:pPr>%s</w:pPr><w:rPr>%s</w:rPr></w:style>",
                 para_styles[i][0], para_styles[i][1], para_styles[i][2], para_styles[i][3]);
    buf_adds(b, "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\">"
                "<w:name w:val=\"footnote reference\"/>"
                "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:unhideWhenUsed/>"
                "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style></w:styles>");
}

void docx_settings(struct buf *b)
{
    buf_adds(b, DOCX_XML_DECL
             "<w:settings xmlns:w=\"" DOCX_NS_W "\">"
             "<w:defaultTabStop w:val=\"720\"/>"
             "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
             "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
             "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
             "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
             "</w:settings>");
}

void docx_core(struct buf *b, const char *title)
{
    char now[32] = "1970-01-01T00:00:00Z";
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
    buf_adds(b, DOCX_XML_DECL
             "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
             "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
             "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
             "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
             "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    docx_xml_escape(b, title ? title : "", title ? strlen(title) : 0);
    buf_addf(b,
             "</dc:title><dc:creator>giamsat</dc:creator>"
             "<cp:lastModifiedBy>giamsat</cp:lastModifiedBy>"
             "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
             "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
             "</cp:coreProperties>",
             now, now);
}

void docx_app(struct buf *b)
{
    buf_adds(b, DOCX_XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/"
                              "officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas."
                              "openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                              "<Application>giamsat</Application></Properties>");
}

void docx_footer(struct buf *b)
{
    buf_adds(b, DOCX_XML_DECL "<w:ftr xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\"" DOCX_NS_R "\">"
                              "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
                              "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                              "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
                              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                              "<w:r><w:t>1</w:t></w:r>"
                              "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>");
}

/* ------------------------------------------------------------ footnotes */

static void separator(struct buf *b, const char *type, int id, const char *mark)
{
    buf_addf(b,
             "<w:footnote w:type=\"%s\" w:id=\"%d\"><w:p><w:pPr>" TIGHT "</w:pPr>"
             "<w:r><w:%s/></w:r></w:p></w:footnote>",
             type, id, mark);
}

void docx_footnotes(struct buf *b, const struct rdoc *d, const size_t *refs, size_t n_refs)
{
    buf_adds(b, DOCX_XML_DECL "<w:footnotes xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\"" DOCX_NS_R "\">");
    separator(b, "separator", -1, "separator");
    separator(b, "continuationSeparator", 0, "continuationSeparator");
    for (size_t k = 0; k < n_refs; k++) {
        ASSERT(refs[k] >= 1 && refs[k] <= d->footnotes.n);
        buf_addf(b,
                 "<w:footnote w:id=\"%zu\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/>"
                 "</w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>"
                 "<w:footnoteRef/></w:r>",
                 k + 1);
        docx_run(b, " ", NULL);
        docx_run(b, d->footnotes.items[refs[k] - 1], NULL);
        buf_adds(b, "</w:p></w:footnote>");
    }
    buf_adds(b, "</w:footnotes>");
}
