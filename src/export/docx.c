/*
 * docx: an rdoc as a Word document; see docx.h. This file builds
 * word/document.xml and zips the package with libzip; docx_xml.c holds the
 * escaping and the fixed parts.
 */
#include "docx.h"

#include "docx_internal.h"
#include "render/rtable_fit.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define AVG_TW 100   /* average width of an 11 pt character, twips */
#define CELL_PAD 300 /* the cell's left and right margins and some air, twips */
#define WORD_MIN 4   /* narrowest column, characters */
#define WORD_MAX 20  /* longest word a column must hold unbroken, characters */
#define TEXT_MAX 120 /* longest text a column would like on one line, characters */

#define BOLD "<w:b/><w:bCs/>"
#define BORDER(side) "<w:" side " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"

/* A table this wide or wider prints on a landscape page. */
#define WIDE_COLS 6
/* Prose between two landscape tables up to this long stays with them, bytes. */
#define BRIDGE_MAX 600
/* A paragraph up to this long right before a wide table is its lead-in, bytes. */
#define LEAD_MAX 200

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

/*
 * Column widths in twips that fill text_w (render/rtable_fit.h: the room
 * goes where it makes the table shortest). Newly allocated.
 */
static unsigned *column_widths(const struct rtable *t, size_t text_w)
{
    struct rtable_fit f = { text_w / AVG_TW, CELL_PAD / AVG_TW, WORD_MIN, WORD_MAX, TEXT_MAX,
                            true };
    size_t *chars = rtable_fit_widths(t, &f), sum = 0;
    unsigned *widths = xcalloc(t->columns.n + 1, sizeof(*widths));
    for (size_t c = 0; c < t->columns.n; c++)
        sum += chars[c];
    for (size_t c = 0; c < t->columns.n; c++)
        widths[c] = (unsigned)(sum ? chars[c] * text_w / sum : text_w / t->columns.n);
    free(chars);
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
        /* The paragraph holding the break, after a table that fills its page, would
         * start a blank page of its own in LibreOffice: a line 1 pt high fits below. */
        buf_adds(w->b, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>"
                       "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\""
                       " w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr>");
        sect_pr(w);
        buf_adds(w->b, "</w:pPr></w:p>");
    }
    w->landscape = landscape;
    w->section_open = false;
}

static bool is_wide(const struct rblock *b)
{
    return b->type == RBLOCK_TABLE && b->table.columns.n >= WIDE_COLS;
}

/*
 * The orientation of each block of s (landscape[i]): wide tables landscape,
 * the rest portrait, except that the prose between two wide tables, or
 * right before or after one, stays with them when short (a lead-in such as
 * "Theo lĩnh vực:"), so the page does not turn for one line. Newly allocated.
 */
/*
 * The run of prose blocks of s from i (to the next table); set its
 * orientation in l: landscape when short and next to a wide table (before
 * one, between two, or after one at the end of the section). Returns the
 * index past the run.
 */
static size_t prose_run(const struct rsection *s, bool *l, size_t i)
{
    size_t j = i, len = 0;
    for (; j < s->n_blocks && !l[j] && s->blocks[j].type != RBLOCK_TABLE; j++)
        len += s->blocks[j].text ? strlen(s->blocks[j].text) : 0;
    bool before = i > 0 && l[i - 1], after = j < s->n_blocks && l[j];
    bool bridge = (before || after) && len <= BRIDGE_MAX && (after || j == s->n_blocks);
    for (size_t k = i; k < j; k++)
        l[k] = bridge;
    return j;
}

/* Too long to turn with it, the run i..j still gives a wide table after it its lead-in
 * ("Theo lĩnh vực:"): its last paragraph, when short, goes to the table's page. */
static void lead_in(const struct rsection *s, bool *l, size_t i, size_t j)
{
    const char *last = s->blocks[j - 1].text;
    if (j < s->n_blocks && l[j] && !l[j - 1] && j - 1 > i && last && strlen(last) <= LEAD_MAX)
        l[j - 1] = true;
}

static bool *orientations(const struct rsection *s)
{
    bool *l = xcalloc(s->n_blocks + 1, sizeof(*l));
    for (size_t i = 0; i < s->n_blocks; i++)
        l[i] = is_wide(&s->blocks[i]);
    for (size_t i = 0; i < s->n_blocks; i++)
        if (!l[i] && s->blocks[i].type != RBLOCK_TABLE) {
            size_t j = prose_run(s, l, i);
            lead_in(s, l, i, j);
            i = j - 1;
        }
    return l;
}

/* The orientation section s starts in (portrait when it has no block). */
static bool starts_landscape(const struct rsection *s)
{
    if (!s->n_blocks)
        return false;
    bool *l = orientations(s);
    bool first = l[0];
    free(l);
    return first;
}

/* The title of section s, and under it the line `under` (NULL: none). */
static void heading(struct docx_body *w, const struct rsection *s, const char *under)
{
    /* "1. ..." titles sit under "I. ..." ones in Vietnamese reports. */
    bool sub = s->title && isdigit((unsigned char)s->title[0]);
    if (s->title && *s->title)
        docx_para(w, sub ? "Heading2" : "Heading1", NULL, s->title, NULL, 0);
    if (under)
        docx_para(w, "Subtitle", NULL, under, NULL, 0);
}

/*
 * Section s, its title followed by the line under (NULL: none); next_land: the
 * orientation of what follows it (the next section, or the end).
 */
static void section(struct docx_body *w, const struct rsection *s, bool next_land,
                    const char *under)
{
    bool *land = orientations(s);
    orient(w, s->n_blocks ? land[0] : false);
    heading(w, s, under);
    w->section_open = true;
    for (size_t i = 0; i < s->n_blocks; i++) {
        const struct rblock *b = &s->blocks[i];
        orient(w, land[i]);
        w->section_open = true;
        if (b->type == RBLOCK_TABLE) {
            /* A page turning next separates the tables already (and a spacer there
             * would open a blank page when the table fills its own). */
            bool turns = (i + 1 < s->n_blocks ? land[i + 1] : next_land) != land[i];
            table(w, &b->table, !turns);
            continue;
        }
        /* A paragraph right before a table stays on the table's page ("Theo lĩnh vực:"). */
        bool lead = i + 1 < s->n_blocks && s->blocks[i + 1].type == RBLOCK_TABLE &&
                    land[i + 1] == land[i];
        char *text = b->type == RBLOCK_ITEM ? xasprintf("- %s", b->text ? b->text : "")
                                            : xstrdup(b->text ? b->text : "");
        docx_para(w, lead ? "LeadIn" : "Normal", NULL, text, NULL, b->footnote);
        free(text);
    }
    free(land);
}

static void mark_used(bool *used, size_t n, size_t fn)
{
    if (fn >= 1 && fn <= n)
        used[fn - 1] = true;
}

/* Footnotes nothing refers to would be lost in Word: list them at the end. */
static void loose_notes(struct docx_body *w)
{
    const struct rdoc *d = w->d;
    size_t n = d->footnotes.n;
    bool *used = xcalloc(n + 1, sizeof(*used));
    /* Every reference, also from the annexes rendered after this. */
    for (size_t i = 0; i < d->n_sections; i++)
        for (size_t k = 0; k < d->sections[i].n_blocks; k++) {
            const struct rblock *b = &d->sections[i].blocks[k];
            mark_used(used, n, b->footnote);
            if (b->type == RBLOCK_TABLE)
                for (size_t c = 0; c < b->table.n_rows * b->table.columns.n; c++)
                    mark_used(used, n, b->table.cells[c].footnote);
        }
    for (size_t fn = 1; fn <= n; fn++) {
        if (used[fn - 1])
            continue;
        char *text = xasprintf("(%zu) %s", fn, d->footnotes.items[fn - 1]);
        docx_para(w, "FootnoteText", NULL, text, NULL, 0);
        free(text);
    }
    free(used);
}

/*
 * The body sections of w's document (!annex), or its annexes, each in the
 * orientation its blocks need, an annex on a new page; portrait follows the
 * last (the signature, the loose notes, or the end).
 */
static void sections(struct docx_body *w, bool annex, const char *under)
{
    const struct rdoc *d = w->d;
    for (size_t i = 0; i < d->n_sections; i++) {
        const struct rsection *s = &d->sections[i];
        if (s->annex != annex)
            continue;
        size_t j = i + 1;
        while (j < d->n_sections && d->sections[j].annex != annex)
            j++;
        bool next_land = j < d->n_sections && starts_landscape(&d->sections[j]);
        /* Turning the page's orientation starts a page; keeping it does not. */
        if (annex && w->landscape == starts_landscape(s))
            buf_adds(w->b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        section(w, s, next_land, under);
    }
}

/*
 * The line under an annex's title naming the document it goes with, as
 * offices write it: "(Kèm theo Báo cáo số …/BC-VPBCĐ ngày 24/12/2025)"; NULL
 * without a frame. Newly allocated.
 */
static char *annex_caption(const struct rframe *f)
{
    if (!f->on)
        return NULL;
    char dmy[DATE_ISO_LEN];
    date_dmy(f->date, dmy);
    bool report = f->kind && !strcmp(f->kind, "BÁO CÁO");
    return xasprintf("(Kèm theo %s số %s ngày %s)", report ? "Báo cáo" : "văn bản", f->number,
                     dmy);
}

/*
 * The body: the frame's heading (or an annex's "PHỤ LỤC"), the title, the
 * sections, the loose notes and the frame's closing, back on a portrait page;
 * then the annexes, after the signature as an office attaches them.
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
    sections(w, false, NULL);
    orient(w, false);
    loose_notes(w);
    if (f->on)
        docx_frame_close(w);
    char *under = annex_caption(f);
    sections(w, true, under);
    free(under);
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
