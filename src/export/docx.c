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

#define CHAR_TW 120  /* width of an 11 pt character, bold and with room to spare, twips */
#define CELL_PAD 240 /* the cell's left and right margins and some air, twips */
#define AVG_TW 100    /* average width of an 11 pt character, twips */
#define WIDTH_STEP 100 /* the room given at a time when sharing out a table's width, twips */
#define WORD_MIN 4   /* narrowest column, characters */
#define WORD_MAX 20  /* longest word a column must hold unbroken, characters */
#define TEXT_MAX 120 /* longest text a column would like on one line, characters */

#define BOLD "<w:b/><w:bCs/>"
#define BORDER(side) "<w:" side " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"

/* A table this wide or wider prints on a landscape page. */
#define WIDE_COLS 6
/* Prose between two landscape tables up to this long stays with them, bytes. */
#define BRIDGE_MAX 600

/* ------------------------------------------------------------ paragraphs */

/* A footnote reference run for rdoc footnote fn (0: none). */
static void footnote_ref(struct docx_body *w, size_t fn)
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

void docx_para(struct docx_body *w, const char *style, const char *jc, const char *text,
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

/* What a column needs, twips: its narrowest and natural widths and its claim on the rest. */
struct col_need {
    size_t min;    /* the longest word (capped at WORD_MAX) */
    size_t want;   /* the longest text on one line (capped at TEXT_MAX) */
    size_t weight; /* characters past min over all rows: how much text would wrap */
};

static void column_need(const struct rtable *t, size_t c, struct col_need *n)
{
    size_t lo = longest_word(t->columns.items[c]), hi = lo, total = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const struct rcell *cell = rtable_cell(t, r, c);
        size_t word = longest_word(cell->text);
        lo = word > lo ? word : lo;
    }
    /* A longer word (a link) may break; "STT" in bold capitals needs 4. */
    lo = lo > WORD_MAX ? WORD_MAX : lo < WORD_MIN ? WORD_MIN : lo;
    for (size_t r = 0; r < t->n_rows; r++) {
        const struct rcell *cell = rtable_cell(t, r, c);
        size_t all = utf8_chars(cell->text, strlen(cell->text)) + (cell->footnote ? 2 : 0);
        hi = all > hi ? all : hi;
        total += all > lo ? all - lo : 0;
    }
    hi = hi > TEXT_MAX ? TEXT_MAX : hi < lo ? lo : hi;
    n->min = lo * CHAR_TW + CELL_PAD;
    n->want = hi * CHAR_TW + CELL_PAD;
    n->weight = total;
}

/* Lines cell text of n_chars takes in a column width twips wide (an estimate: Times at 11 pt). */
static size_t est_lines(size_t n_chars, size_t width)
{
    size_t usable = width > CELL_PAD + AVG_TW ? width - CELL_PAD : AVG_TW;
    size_t per_line = usable / AVG_TW;
    return n_chars <= per_line ? 1 : (n_chars * 11 / 10 + per_line - 1) / per_line;
}

/* The table's rows' height in lines, with column c widened by `add` twips. */
static size_t est_height(const struct rtable *t, const size_t *chars, const unsigned *widths,
                         size_t c_add, size_t add)
{
    size_t n_cols = t->columns.n, total = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t tallest = 1;
        for (size_t c = 0; c < n_cols; c++) {
            size_t n = est_lines(chars[r * n_cols + c], widths[c] + (c == c_add ? add : 0));
            tallest = n > tallest ? n : tallest;
        }
        total += tallest;
    }
    return total;
}

/*
 * Column widths in twips that fill text_w: every column gets its narrowest
 * width, then the room left goes, a step at a time, to the column whose
 * widening shortens the table most (ties and no gain: the column with the
 * most text that wraps), none past its natural width while another still
 * wants room; what nobody needs is shared evenly. Newly allocated.
 */
static unsigned *column_widths(const struct rtable *t, size_t text_w)
{
    size_t n_cols = t->columns.n, sum_min = 0;
    struct col_need *need = xcalloc(n_cols, sizeof(*need));
    unsigned *widths = xcalloc(n_cols, sizeof(*widths));
    for (size_t c = 0; c < n_cols; c++) {
        column_need(t, c, &need[c]);
        sum_min += need[c].min;
    }
    if (sum_min >= text_w) { /* too narrow a page: shrink all */
        for (size_t c = 0; c < n_cols; c++)
            widths[c] = (unsigned)(need[c].min * text_w / sum_min);
        free(need);
        return widths;
    }
    size_t *chars = xcalloc(t->n_rows * n_cols + 1, sizeof(*chars));
    for (size_t i = 0; i < t->n_rows * n_cols; i++)
        chars[i] = utf8_chars(t->cells[i].text, strlen(t->cells[i].text)) + 2 * !!t->cells[i].footnote;
    for (size_t c = 0; c < n_cols; c++)
        widths[c] = (unsigned)need[c].min;
    size_t extra = text_w - sum_min;
    while (extra >= WIDTH_STEP) {
        size_t h0 = est_height(t, chars, widths, n_cols, 0), best = n_cols, best_add = WIDTH_STEP;
        double best_gain = 0; /* lines saved per twip */
        for (size_t c = 0; c < n_cols; c++) {
            /* A column may need several steps before a line goes: look ahead 1, 2, 4 ... steps. */
            for (size_t add = WIDTH_STEP; add <= extra && widths[c] + add <= need[c].want;
                 add *= 2) {
                double gain = (double)(h0 - est_height(t, chars, widths, c, add)) / (double)add;
                if (gain > best_gain) {
                    best = c;
                    best_gain = gain;
                    best_add = add;
                }
            }
        }
        if (best == n_cols) { /* no gain anywhere: the column with the most text wrapping */
            for (size_t c = 0; c < n_cols; c++)
                if (widths[c] + WIDTH_STEP <= need[c].want &&
                    (best == n_cols || need[c].weight > need[best].weight))
                    best = c;
            best_add = WIDTH_STEP;
        }
        if (best == n_cols)
            break;
        widths[best] += (unsigned)best_add;
        extra -= best_add;
    }
    for (size_t c = 0; c < n_cols; c++) /* what nobody needs: shared evenly */
        widths[c] += (unsigned)(extra / n_cols);
    free(chars);
    free(need);
    return widths;
}

static const char *cell_jc(enum cell_type type)
{
    return type == CELL_INT || type == CELL_PERCENT ? "right" : type == CELL_DATE ? "center" : NULL;
}

static void cell(struct docx_body *w, unsigned width, const char *text, const char *jc, bool bold,
                 bool shaded, size_t fn)
{
    buf_addf(w->b, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>", width);
    if (shaded)
        buf_adds(w->b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>");
    buf_addf(w->b, "<w:vAlign w:val=\"%s\"/></w:tcPr>", shaded ? "center" : "top");
    docx_para(w, "TableText", jc, text, bold ? BOLD : NULL, fn);
    buf_adds(w->b, "</w:tc>");
}

static void table_start(struct docx_body *w, const unsigned *widths, size_t n_cols)
{
    buf_addf(w->b, "<w:tbl><w:tblPr><w:tblW w:w=\"%zu\" w:type=\"dxa\"/>",
             DOCX_TEXT_W(w->landscape));
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
static void table(struct docx_body *w, const struct rtable *t, bool spacer)
{
    size_t n_cols = t->columns.n;
    if (n_cols == 0)
        return; /* Word refuses a table without cells */
    unsigned *widths = column_widths(t, DOCX_TEXT_W(w->landscape));
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
    /* An empty paragraph keeps two tables from merging into one; a section break does too. */
    buf_adds(w->b, "</w:tbl>");
    if (spacer)
        buf_adds(w->b, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
    free(widths);
}

/* ------------------------------------------------------------ document */

/* The sectPr of a Word section in w's orientation, with the page number footer. */
static void sect_pr(struct docx_body *w)
{
    int pw = w->landscape ? DOCX_PAGE_LONG : DOCX_PAGE_SHORT;
    int ph = w->landscape ? DOCX_PAGE_SHORT : DOCX_PAGE_LONG;
    buf_addf(w->b,
             "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
             "<w:type w:val=\"nextPage\"/><w:pgSz w:w=\"%d\" w:h=\"%d\"%s/>"
             "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
             "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>%s</w:sectPr>",
             pw, ph, w->landscape ? " w:orient=\"landscape\"" : "", DOCX_MARGIN_TOP,
             DOCX_MARGIN_RIGHT, DOCX_MARGIN_BOTTOM, DOCX_MARGIN_LEFT,
             w->first_section ? "<w:titlePg/>" : "");
    w->first_section = false;
}

/* Continue in orientation landscape: close the current Word section when it differs. */
static void orient(struct docx_body *w, bool landscape)
{
    if (w->landscape == landscape)
        return;
    if (w->section_open) {
        buf_adds(w->b, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>");
        sect_pr(w);
        buf_adds(w->b, "</w:pPr></w:p>");
    }
    w->landscape = landscape;
    w->section_open = false;
}

static bool is_wide(const struct rblock *b)
{
    if (b->type != RBLOCK_TABLE)
        return false;
    if (b->table.columns.n >= WIDE_COLS)
        return true;
    size_t sum = 0;
    for (size_t c = 0; c < b->table.columns.n; c++) {
        struct col_need n;
        column_need(&b->table, c, &n);
        sum += n.min;
    }
    return sum > DOCX_TEXT_W(false);
}

/*
 * The orientation of each block of s (landscape[i]): wide tables landscape,
 * the rest portrait, except that the prose between two wide tables, or
 * right before or after one, stays with them when short (a lead-in such as
 * "Theo lĩnh vực:"), so the page does not turn for one line. Newly allocated.
 */
static bool *orientations(const struct rsection *s)
{
    bool *l = xcalloc(s->n_blocks + 1, sizeof(*l));
    for (size_t i = 0; i < s->n_blocks; i++)
        l[i] = is_wide(&s->blocks[i]);
    for (size_t i = 0; i < s->n_blocks; i++) {
        if (l[i] || s->blocks[i].type == RBLOCK_TABLE)
            continue;
        size_t j = i, len = 0;
        for (; j < s->n_blocks && !l[j] && s->blocks[j].type != RBLOCK_TABLE; j++)
            len += s->blocks[j].text ? strlen(s->blocks[j].text) : 0;
        bool before = i > 0 && l[i - 1], after = j < s->n_blocks && l[j];
        bool bridge = (before || after) && len <= BRIDGE_MAX && (after || j == s->n_blocks);
        for (size_t k = i; k < j; k++)
            l[k] = bridge;
        i = j - 1;
    }
    return l;
}

static void section(struct docx_body *w, const struct rsection *s)
{
    bool *land = orientations(s);
    /* "1. ..." titles sit under "I. ..." ones in Vietnamese reports. */
    bool sub = s->title && isdigit((unsigned char)s->title[0]);
    orient(w, s->n_blocks ? land[0] : false);
    if (s->title && *s->title)
        docx_para(w, sub ? "Heading2" : "Heading1", NULL, s->title, NULL, 0);
    w->section_open = true;
    for (size_t i = 0; i < s->n_blocks; i++) {
        const struct rblock *b = &s->blocks[i];
        orient(w, land[i]);
        w->section_open = true;
        if (b->type == RBLOCK_TABLE) {
            /* A page turning next separates the tables already. */
            bool turns = i + 1 < s->n_blocks && land[i + 1] != land[i];
            table(w, &b->table, !turns);
        } else if (b->type == RBLOCK_ITEM) {
            char *text = xasprintf("- %s", b->text ? b->text : "");
            docx_para(w, "Normal", NULL, text, NULL, b->footnote);
            free(text);
        } else {
            docx_para(w, "Normal", NULL, b->text, NULL, b->footnote);
        }
    }
    free(land);
}

static bool is_referenced(const struct docx_body *w, size_t fn)
{
    for (size_t k = 0; k < w->n_refs; k++)
        if (w->refs[k] == fn)
            return true;
    return false;
}

/* Footnotes nothing refers to would be lost in Word: list them at the end. */
static void loose_notes(struct docx_body *w)
{
    for (size_t fn = 1; fn <= w->d->footnotes.n; fn++) {
        if (is_referenced(w, fn))
            continue;
        char *text = xasprintf("(%zu) %s", fn, w->d->footnotes.items[fn - 1]);
        docx_para(w, "FootnoteText", NULL, text, NULL, 0);
        free(text);
    }
}

/*
 * The body: the frame's heading (or an annex's "PHỤ LỤC"), the title, the
 * sections each in the orientation its blocks need, the loose notes and the
 * frame's closing, back on a portrait page.
 */
static void document(struct docx_body *w)
{
    const struct rframe *f = &w->d->frame;
    buf_adds(w->b, DOCX_XML_DECL "<w:document xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\"" DOCX_NS_R
                                 "\"><w:body>");
    if (f->on)
        docx_frame_head(w);
    if (f->kind && *f->kind)
        docx_para(w, "Title", NULL, f->kind, NULL, 0);
    if (w->d->title && *w->d->title)
        docx_para(w, "Title", NULL, w->d->title, NULL, 0);
    if (w->d->subtitle && *w->d->subtitle)
        docx_para(w, "Subtitle", NULL, w->d->subtitle, NULL, 0);
    w->section_open = true;
    for (size_t i = 0; i < w->d->n_sections; i++)
        section(w, &w->d->sections[i]);
    orient(w, false);
    loose_notes(w);
    if (f->on)
        docx_frame_close(w);
    sect_pr(w);
    buf_adds(w->b, "</w:body></w:document>");
}

/* ------------------------------------------------------------ package */

enum part_id {
    P_TYPES,
    P_RELS,
    P_DOCUMENT,
    P_STYLES,
    P_SETTINGS,
    P_FOOTNOTES,
    P_FOOTER,
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
    "word/footer1.xml",
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
    struct docx_body w = { .b = &parts[P_DOCUMENT], .d = d, .first_section = true };
    docx_content_types(&parts[P_TYPES]);
    docx_package_rels(&parts[P_RELS]);
    document(&w);
    docx_styles(&parts[P_STYLES]);
    docx_settings(&parts[P_SETTINGS]);
    docx_footnotes(&parts[P_FOOTNOTES], d, w.refs, w.n_refs);
    docx_footer(&parts[P_FOOTER]);
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
