/*
 * docx: an rdoc as a Word document; see docx.h. This file builds
 * word/document.xml and zips the package with libzip; docx_xml.c holds the
 * escaping and the fixed parts.
 */
#include "docx.h"

#include "docx_internal.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* A4 portrait and the margins of Vietnamese administrative documents, twips. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_TOP 1134
#define MARGIN_RIGHT 850
#define MARGIN_BOTTOM 1134
#define MARGIN_LEFT 1701
#define TEXT_W ((size_t)(PAGE_W - MARGIN_LEFT - MARGIN_RIGHT))
#define CHAR_TW 140  /* width of a 12 pt character, bold and with room to spare, twips */
#define CELL_PAD 280 /* the cell's left and right margins and some air, twips */
#define WORD_MIN 4   /* narrowest column, characters */
#define WORD_MAX 20  /* longest word a column must hold unbroken, characters */
#define TEXT_MAX 60  /* longest text a column would like on one line, characters */

#define BOLD "<w:b/><w:bCs/>"
#define BORDER(side) "<w:" side " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"

/* The body being written and the footnotes it refers to. */
struct body {
    struct buf *b;
    const struct rdoc *d;
    size_t *refs; /* refs[k]: the rdoc footnote of Word footnote k + 1 */
    size_t n_refs, cap_refs;
};

/* ------------------------------------------------------------ paragraphs */

/* A footnote reference run for rdoc footnote fn (0: none). */
static void footnote_ref(struct body *w, size_t fn)
{
    if (fn == 0 || fn > w->d->footnotes.n)
        return;
    ALLOC_GROW(w->refs, w->n_refs + 1, w->cap_refs);
    w->refs[w->n_refs++] = fn;
    buf_addf(w->b,
             "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>"
             "<w:footnoteReference w:id=\"%zu\"/></w:r>",
             w->n_refs);
}

/* A paragraph in style, with its text, run properties rpr and footnote fn. */
static void para(struct body *w, const char *style, const char *jc, const char *text,
                 const char *rpr, size_t fn)
{
    buf_addf(w->b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style);
    if (jc)
        buf_addf(w->b, "<w:jc w:val=\"%s\"/>", jc);
    buf_adds(w->b, "</w:pPr>");
    if (text && *text)
        docx_run(w->b, text, rpr);
    footnote_ref(w, fn);
    buf_adds(w->b, "</w:p>");
}

/* ------------------------------------------------------------ tables */

/* Code points in s[0..len). */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Characters of the longest word of s: the narrowest a column can wrap it. */
static size_t longest_word(const char *s)
{
    size_t best = 0;
    while (*s) {
        size_t len = strcspn(s, " \n");
        size_t n = utf8_chars(s, len);
        best = n > best ? n : best;
        s += len + strspn(s + len, " \n");
    }
    return best;
}

/*
 * Narrowest (*min: its longest word) and natural (*want: its longest text,
 * capped) width of column c, in twips.
 */
static void column_need(const struct rtable *t, size_t c, size_t *min, size_t *want)
{
    size_t lo = longest_word(t->columns.items[c]), hi = lo;
    for (size_t r = 0; r < t->n_rows; r++) {
        const struct rcell *cell = rtable_cell(t, r, c);
        size_t word = longest_word(cell->text);
        size_t all = utf8_chars(cell->text, strlen(cell->text)) + (cell->footnote ? 1 : 0);
        lo = word > lo ? word : lo;
        hi = all > hi ? all : hi;
    }
    /* A longer word (a link) may break; "STT" in bold capitals needs 4. */
    lo = lo > WORD_MAX ? WORD_MAX : lo < WORD_MIN ? WORD_MIN : lo;
    hi = hi > TEXT_MAX ? TEXT_MAX : hi < lo ? lo : hi;
    *min = lo * CHAR_TW + CELL_PAD;
    *want = hi * CHAR_TW + CELL_PAD;
}

/*
 * Column widths in twips that fill the text width, as browsers lay out
 * tables: every column gets its narrowest width, and the room left goes to
 * the columns in proportion to how much wider they would like to be.
 * Newly allocated.
 */
static unsigned *column_widths(const struct rtable *t)
{
    size_t n_cols = t->columns.n, sum_min = 0, sum_slack = 0;
    size_t *min = xcalloc(n_cols, sizeof(*min)), *want = xcalloc(n_cols, sizeof(*want));
    unsigned *widths = xcalloc(n_cols, sizeof(*widths));
    for (size_t c = 0; c < n_cols; c++) {
        column_need(t, c, &min[c], &want[c]);
        sum_min += min[c];
        sum_slack += want[c] - min[c];
    }
    for (size_t c = 0; c < n_cols; c++) {
        size_t w = min[c] * TEXT_W / sum_min; /* too narrow a page: shrink all */
        if (sum_min < TEXT_W) {
            size_t extra = TEXT_W - sum_min;
            w = min[c] + (sum_slack ? extra * (want[c] - min[c]) / sum_slack : extra / n_cols);
        }
        widths[c] = (unsigned)w;
    }
    free(min);
    free(want);
    return widths;
}

static const char *cell_jc(enum cell_type type)
{
    return type == CELL_INT || type == CELL_PERCENT ? "right" : type == CELL_DATE ? "center" : NULL;
}

static void cell(struct body *w, unsigned width, const char *text, const char *jc, bool bold,
                 bool shaded, size_t fn)
{
    buf_addf(w->b, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>", width);
    if (shaded)
        buf_adds(w->b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>");
    buf_addf(w->b, "<w:vAlign w:val=\"%s\"/></w:tcPr>", shaded ? "center" : "top");
    para(w, "TableText", jc, text, bold ? BOLD : NULL, fn);
    buf_adds(w->b, "</w:tc>");
}

static void table_start(struct body *w, const unsigned *widths, size_t n_cols)
{
    buf_addf(w->b, "<w:tbl><w:tblPr><w:tblW w:w=\"%zu\" w:type=\"dxa\"/>", TEXT_W);
    buf_adds(w->b, "<w:tblBorders>" BORDER("top") BORDER("left") BORDER("bottom") BORDER("right")
                       BORDER("insideH") BORDER("insideV") "</w:tblBorders>");
    buf_adds(w->b, "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for (size_t c = 0; c < n_cols; c++)
        buf_addf(w->b, "<w:gridCol w:w=\"%u\"/>", widths[c]);
    buf_adds(w->b, "</w:tblGrid>");
}

/*
 * The header row repeats on every page (w:tblHeader); no row breaks across
 * pages (w:cantSplit), so a task and its units stay together.
 */
static void table(struct body *w, const struct rtable *t)
{
    size_t n_cols = t->columns.n;
    if (n_cols == 0)
        return; /* Word refuses a table without cells */
    unsigned *widths = column_widths(t);
    table_start(w, widths, n_cols);
    buf_adds(w->b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (size_t c = 0; c < n_cols; c++)
        cell(w, widths[c], t->columns.items[c], "center", true, true, 0);
    buf_adds(w->b, "</w:tr>");
    for (size_t r = 0; r < t->n_rows; r++) {
        bool total = t->has_total_row && r + 1 == t->n_rows;
        buf_adds(w->b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (size_t c = 0; c < n_cols; c++) {
            const struct rcell *rc = rtable_cell(t, r, c);
            cell(w, widths[c], rc->text, cell_jc(rc->type), total, false, rc->footnote);
        }
        buf_adds(w->b, "</w:tr>");
    }
    /* An empty paragraph keeps two tables from merging into one. */
    buf_adds(w->b, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
    free(widths);
}

/* ------------------------------------------------------------ document */

static void section(struct body *w, const struct rsection *s)
{
    /* "1. ..." titles sit under "I. ..." ones in Vietnamese reports. */
    bool sub = s->title && isdigit((unsigned char)s->title[0]);
    if (s->title && *s->title)
        para(w, sub ? "Heading2" : "Heading1", NULL, s->title, NULL, 0);
    for (size_t i = 0; i < s->n_blocks; i++) {
        const struct rblock *b = &s->blocks[i];
        if (b->type == RBLOCK_TABLE) {
            table(w, &b->table);
        } else if (b->type == RBLOCK_ITEM) {
            char *text = xasprintf("- %s", b->text ? b->text : "");
            para(w, "Normal", NULL, text, NULL, b->footnote);
            free(text);
        } else {
            para(w, "Normal", NULL, b->text, NULL, b->footnote);
        }
    }
}

static bool is_referenced(const struct body *w, size_t fn)
{
    for (size_t k = 0; k < w->n_refs; k++)
        if (w->refs[k] == fn)
            return true;
    return false;
}

/* Footnotes nothing refers to would be lost in Word: list them at the end. */
static void loose_notes(struct body *w)
{
    for (size_t fn = 1; fn <= w->d->footnotes.n; fn++) {
        if (is_referenced(w, fn))
            continue;
        char *text = xasprintf("(%zu) %s", fn, w->d->footnotes.items[fn - 1]);
        para(w, "FootnoteText", NULL, text, NULL, 0);
        free(text);
    }
}

static void document(struct body *w)
{
    buf_adds(w->b, DOCX_XML_DECL "<w:document xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\"" DOCX_NS_R
                                 "\"><w:body>");
    if (w->d->title && *w->d->title)
        para(w, "Title", NULL, w->d->title, NULL, 0);
    if (w->d->subtitle && *w->d->subtitle)
        para(w, "Subtitle", NULL, w->d->subtitle, NULL, 0);
    for (size_t i = 0; i < w->d->n_sections; i++)
        section(w, &w->d->sections[i]);
    loose_notes(w);
    buf_addf(w->b,
             "<w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" "
             "w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"567\" "
             "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
             PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
}

/* ------------------------------------------------------------ package */

enum part_id {
    P_TYPES,
    P_RELS,
    P_DOCUMENT,
    P_STYLES,
    P_SETTINGS,
    P_FOOTNOTES,
    P_DOC_RELS,
    P_CORE,
    P_APP,
    P_COUNT
};

static const char *const part_names[P_COUNT] = {
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/styles.xml",
    "word/settings.xml",
    "word/footnotes.xml",
    "word/_rels/document.xml.rels",
    "docProps/core.xml",
    "docProps/app.xml",
};

/* libzip's message made to read like ours: lower-case first letter. */
static int zip_failed(struct err *e, const char *path, const char *msg)
{
    char first = msg && *msg ? (char)tolower((unsigned char)*msg) : '?';
    return err_set(e, ERR_STORAGE, "cannot write '%s': %c%s", path, first,
                   msg && *msg ? msg + 1 : "");
}

/* Hands xml's bytes to libzip as entry name. Returns 0 or -1 (see zip_strerror). */
static int add_part(zip_t *za, const char *name, struct buf *xml)
{
    size_t len = xml->len;
    char *data = buf_take(xml);
    zip_source_t *src = zip_source_buffer(za, data, len, 1);
    if (!src) {
        free(data);
        return -1;
    }
    if (zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(src); /* frees data too */
        return -1;
    }
    return 0;
}

static int write_package(const char *path, struct buf *parts, struct err *e)
{
    int ret = ERR_STORAGE, zerr = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        ret = zip_failed(e, path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        goto cleanup;
    }
    for (size_t i = 0; i < P_COUNT; i++) {
        if (add_part(za, part_names[i], &parts[i]) < 0) {
            ret = zip_failed(e, path, zip_strerror(za));
            goto cleanup;
        }
    }
    if (zip_close(za) < 0) {
        ret = zip_failed(e, path, zip_strerror(za));
        goto cleanup;
    }
    za = NULL;
    ret = 0;
cleanup:
    if (za)
        zip_discard(za);
    return ret;
}

int docx_write(const struct rdoc *d, const char *path, struct err *e)
{
    int ret = ERR_INTERNAL;
    struct buf parts[P_COUNT];
    for (size_t i = 0; i < P_COUNT; i++)
        buf_init(&parts[i], 0);
    struct body w = { .b = &parts[P_DOCUMENT], .d = d };
    docx_content_types(&parts[P_TYPES]);
    docx_package_rels(&parts[P_RELS]);
    document(&w);
    docx_styles(&parts[P_STYLES]);
    docx_settings(&parts[P_SETTINGS]);
    docx_footnotes(&parts[P_FOOTNOTES], d, w.refs, w.n_refs);
    docx_document_rels(&parts[P_DOC_RELS]);
    docx_core(&parts[P_CORE], d->title);
    docx_app(&parts[P_APP]);
    for (size_t i = 0; i < P_COUNT; i++) {
        if (!buf_ok(&parts[i])) {
            ret = err_set(e, ERR_INTERNAL, "cannot write '%s': cannot format '%s'", path,
                          part_names[i]);
            goto cleanup;
        }
    }
    ret = write_package(path, parts, e);
cleanup:
    for (size_t i = 0; i < P_COUNT; i++)
        buf_release(&parts[i]);
    free(w.refs);
    return ret;
}
