/* html: standalone, printable, polyglot HTML5 renderer of an rdoc; see html.h. */
#include "html.h"

#include "util/err.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>

#define HTML_WIDE_COLS 6

struct html {
    struct buf *out;
    const struct rdoc *d;
    bool *ref_seen; /* [1..footnotes.n]: an element already has id fnref-N */
    bool in_list;   /* a <ul> is open for consecutive list items */
    int level;      /* heading level of the title; sections use level + 1 */
};

/*
 * The style sheet. It must stay free of '<' and '&' so that the <style>
 * element is valid XML character data without a CDATA section.
 */
static const char STYLE[] =
    "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }\n"
    "@page wide { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }\n"
    "body { font-family: \"Times New Roman\", \"Liberation Serif\", \"Noto Serif\", serif;\n"
    "  font-size: 13pt; line-height: 1.4; color: #000; background: #fff; }\n"
    "@media screen { body { max-width: 170mm; margin: 1em auto; padding: 0 1em; } }\n"
    "@media print { body { margin: 0; } a.back { display: none; }\n"
    "  main > section[id] { break-before: page; page-break-before: always; }\n"
    "  main > section.wide { page: wide; } }\n"
    "header.frame, footer.frame { display: flex; justify-content: space-between; gap: 1em; }\n"
    "header.frame div, footer.frame div.signer { text-align: center; }\n"
    "header.frame p, footer.frame p { margin: 0; text-align: inherit; }\n"
    "header.frame .issuer { flex: 0 0 38%; } header.frame .motto { flex: 0 0 60%; }\n"
    "header.frame .body, .motto .nation, .motto .motto-line { font-weight: bold; }\n"
    "header.frame .rule { width: 35%; margin: 2pt auto 6pt; border-top: 1px solid #000; }\n"
    "header.frame .motto .rule { width: 55%; }\n"
    "header.frame .date { font-style: italic; }\n"
    "p.kind { text-align: center; font-weight: bold; font-size: 14pt; margin: 1.5em 0 0; }\n"
    "footer.frame { margin-top: 2em; break-inside: avoid; page-break-inside: avoid; }\n"
    "footer.frame .recipients { font-size: 11pt; flex: 0 0 45%; }\n"
    "footer.frame .recipients p.label { font-size: 12pt; font-weight: bold; font-style: italic; }\n"
    "footer.frame .signer { flex: 0 0 50%; font-weight: bold; }\n"
    "footer.frame .signer .space { height: 5em; }\n"
    "nav.toc ol { margin: 0.3em 0; list-style: none; } nav.toc h2 { text-align: center; }\n"
    "table { font-size: 11pt; line-height: 1.25; }\n"
    "h1 { font-size: 14pt; text-align: center; margin: 0; }\n"
    "p.subtitle { text-align: center; font-style: italic; margin: 0.2em 0 1em; }\n"
    "h2 { font-size: 13pt; margin: 1em 0 0.5em; page-break-after: avoid; break-after: avoid; }\n"
    "p { text-align: justify; margin: 0.3em 0; }\n"
    "table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }\n"
    "th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }\n"
    "th { text-align: center; font-weight: bold; }\n"
    "td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }\n"
    "tr.total td { font-weight: bold; }\n"
    "thead { display: table-header-group; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    "sup { font-size: 0.7em; line-height: 0; }\n"
    "a { color: inherit; text-decoration: none; }\n"
    "section.footnotes { font-size: 11pt; border-top: 1px solid #000; margin-top: 2em; }\n";

/* ---- text ------------------------------------------------------------------ */

/*
 * Append s escaped for XML/HTML text or a double-quoted attribute. Line
 * breaks ("\r\n", "\r", "\n") become <br/> in text and a space in an
 * attribute; other C0 controls except tab are dropped, since XML 1.0 has
 * no way to write them.
 */
static void html_esc(struct buf *out, const char *s, bool attr)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            buf_adds(out, "&amp;");
            break;
        case '<':
            buf_adds(out, "&lt;");
            break;
        case '>':
            buf_adds(out, "&gt;");
            break;
        case '"':
            buf_adds(out, "&quot;");
            break;
        case '\'':
            buf_adds(out, "&#39;");
            break;
        case '\r':
        case '\n':
            if (s[0] == '\r' && s[1] == '\n')
                s++;
            buf_adds(out, attr ? " " : "<br/>");
            break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t')
                buf_addch(out, *s);
        }
    }
}

static void html_text(struct buf *out, const char *s)
{
    html_esc(out, s ? s : "", false);
}

static void html_footref(struct html *h, size_t fn)
{
    ASSERT(fn <= h->d->footnotes.n);
    if (!fn)
        return;
    buf_addf(h->out, "<sup><a href=\"#fn-%zu\"", fn);
    if (!h->ref_seen[fn])
        buf_addf(h->out, " id=\"fnref-%zu\"", fn);
    h->ref_seen[fn] = true;
    buf_addf(h->out, ">%zu</a></sup>", fn);
}

/* ---- tables ---------------------------------------------------------------- */

static void html_thead(struct buf *out, const struct rtable *t)
{
    buf_adds(out, "<thead>\n<tr>");
    for (size_t c = 0; c < t->columns.n; c++) {
        buf_adds(out, "<th scope=\"col\">");
        html_text(out, t->columns.items[c]);
        buf_adds(out, "</th>");
    }
    buf_adds(out, "</tr>\n</thead>\n");
}

static void html_cell(struct html *h, const struct rcell *c)
{
    bool num = c->type == CELL_INT || c->type == CELL_PERCENT;
    buf_adds(h->out, num ? "<td class=\"num\">" : "<td>");
    html_text(h->out, c->text);
    html_footref(h, c->footnote);
    buf_adds(h->out, "</td>");
}

static void html_table(struct html *h, const struct rtable *t)
{
    /* A table without columns has nothing to show and no valid markup. */
    if (t->columns.n == 0)
        return;
    buf_adds(h->out, "<table>\n");
    html_thead(h->out, t);
    buf_adds(h->out, "<tbody>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        bool total = t->has_total_row && r + 1 == t->n_rows;
        buf_adds(h->out, total ? "<tr class=\"total\">" : "<tr>");
        for (size_t c = 0; c < t->columns.n; c++)
            html_cell(h, rtable_cell(t, r, c));
        buf_adds(h->out, "</tr>\n");
    }
    buf_adds(h->out, "</tbody>\n</table>\n");
}

/* ---- document -------------------------------------------------------------- */

/* Open or close the <ul> so that consecutive items share one list. */
static void html_list(struct html *h, bool want)
{
    if (want == h->in_list)
        return;
    buf_adds(h->out, want ? "<ul>\n" : "</ul>\n");
    h->in_list = want;
}

static void html_block(struct html *h, const struct rblock *b)
{
    html_list(h, b->type == RBLOCK_ITEM);
    if (b->type == RBLOCK_TABLE) {
        html_table(h, &b->table);
        return;
    }
    buf_adds(h->out, b->type == RBLOCK_ITEM ? "<li>" : "<p>");
    html_text(h->out, b->text);
    html_footref(h, b->footnote);
    buf_adds(h->out, b->type == RBLOCK_ITEM ? "</li>\n" : "</p>\n");
}

/* A section with a table of HTML_WIDE_COLS columns or more prints on landscape pages. */
static bool is_wide(const struct rsection *s)
{
    for (size_t i = 0; i < s->n_blocks; i++)
        if (s->blocks[i].type == RBLOCK_TABLE && s->blocks[i].table.columns.n >= HTML_WIDE_COLS)
            return true;
    return false;
}

static void html_section(struct html *h, const struct rsection *s)
{
    buf_adds(h->out, is_wide(s) ? "<section class=\"wide\"" : "<section");
    if (s->key && s->key[0]) {
        buf_adds(h->out, " id=\"s-");
        html_esc(h->out, s->key, true);
        buf_adds(h->out, "\"");
    }
    buf_adds(h->out, ">\n");
    buf_addf(h->out, "<h%d>", h->level + 1);
    html_text(h->out, s->title);
    buf_addf(h->out, "</h%d>\n", h->level + 1);
    for (size_t i = 0; i < s->n_blocks; i++)
        html_block(h, &s->blocks[i]);
    html_list(h, false);
    buf_adds(h->out, "</section>\n");
}

static void html_footnotes(struct html *h)
{
    if (h->d->footnotes.n == 0)
        return;
    buf_adds(h->out, "<section class=\"footnotes\">\n<ol>\n");
    for (size_t i = 1; i <= h->d->footnotes.n; i++) {
        buf_addf(h->out, "<li id=\"fn-%zu\">", i);
        html_text(h->out, h->d->footnotes.items[i - 1]);
        /* A back link to an id nobody carries would be a dangling link. */
        if (h->ref_seen[i])
            buf_addf(h->out, " <a class=\"back\" href=\"#fnref-%zu\">\xE2\x86\xA9</a>", i);
        buf_adds(h->out, "</li>\n");
    }
    buf_adds(h->out, "</ol>\n</section>\n");
}

static void html_head(struct buf *out, const struct rdoc *d)
{
    bool has_title = d->title && d->title[0];
    buf_adds(out, "<!DOCTYPE html>\n"
                  "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\" xml:lang=\"vi\">\n"
                  "<head>\n<meta charset=\"utf-8\"/>\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                  "<title>");
    /* HTML requires a non-empty title. */
    html_text(out, has_title ? d->title : "Báo cáo");
    buf_adds(out, "</title>\n<style>\n");
    buf_adds(out, STYLE);
    buf_adds(out, "</style>\n</head>\n");
}

/* One <p> per line of lines, with class cls on every one (NULL: none) and on the last (last). */
static void html_lines(struct buf *out, const struct strvec *lines, const char *cls,
                       const char *last)
{
    for (size_t i = 0; i < lines->n; i++) {
        const char *c = i + 1 == lines->n && last ? last : cls;
        if (c)
            buf_addf(out, "<p class=\"%s\">", c);
        else
            buf_adds(out, "<p>");
        html_text(out, lines->items[i]);
        buf_adds(out, "</p>");
    }
}

/* Nghị định 30/2020's heading: issuer and number at left, motto, place and date at right. */
static void html_frame_head(struct buf *out, const struct rframe *f)
{
    buf_adds(out, "<header class=\"frame\">\n<div class=\"issuer\">");
    html_lines(out, &f->issuer, NULL, "body");
    buf_adds(out, "<div class=\"rule\"></div><p class=\"number\">Số: ");
    html_text(out, f->number);
    buf_adds(out, "</p></div>\n<div class=\"motto\"><p class=\"nation\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
                  " VIỆT NAM</p><p class=\"motto-line\">Độc lập - Tự do - Hạnh phúc</p>"
                  "<div class=\"rule\"></div><p class=\"date\">");
    char *date = rdoc_date_words(f->date);
    html_text(out, f->place);
    buf_adds(out, ", ");
    html_text(out, date);
    free(date);
    buf_adds(out, "</p></div>\n</header>\n");
}

/* "Nơi nhận:" beside the signature: the signer's title lines, room to sign, the name. */
static void html_frame_close(struct buf *out, const struct rframe *f)
{
    buf_adds(out, "<footer class=\"frame\">\n<div class=\"recipients\"><p class=\"label\">Nơi"
                  " nhận:</p>");
    for (size_t i = 0; i < f->recipients.n; i++) {
        buf_adds(out, "<p>- ");
        html_text(out, f->recipients.items[i]);
        buf_adds(out, i + 1 == f->recipients.n ? ".</p>" : ";</p>");
    }
    buf_adds(out, "</div>\n<div class=\"signer\">");
    struct strvec title = { f->signer.items, f->signer.n > 1 ? f->signer.n - 1 : f->signer.n, 0 };
    html_lines(out, &title, NULL, NULL);
    buf_adds(out, "<div class=\"space\"></div>");
    if (f->signer.n > 1) {
        buf_adds(out, "<p>");
        html_text(out, f->signer.items[f->signer.n - 1]);
        buf_adds(out, "</p>");
    }
    buf_adds(out, "</div>\n</footer>\n");
}

void html_toc(const struct rdoc *d, int level, struct buf *out)
{
    buf_addf(out, "<nav class=\"toc\" aria-labelledby=\"toc-h\"><h%d id=\"toc-h\">Mục lục</h%d><ol>",
             level, level);
    for (size_t i = 0; i < d->n_sections; i++) {
        const struct rsection *s = &d->sections[i];
        if (!s->key || !*s->key)
            continue;
        buf_adds(out, "<li><a href=\"#s-");
        html_esc(out, s->key, true);
        buf_adds(out, "\">");
        html_text(out, s->title);
        buf_adds(out, "</a></li>");
    }
    buf_adds(out, "</ol></nav>\n");
}

static void html_heading(struct buf *out, const struct rdoc *d, int level)
{
    if (d->frame.kind && d->frame.kind[0]) {
        buf_adds(out, "<p class=\"kind\">");
        html_text(out, d->frame.kind);
        buf_adds(out, "</p>\n");
    }
    if (d->title && d->title[0]) {
        buf_addf(out, "<h%d>", level);
        html_text(out, d->title);
        buf_addf(out, "</h%d>\n", level);
    }
    if (d->subtitle && d->subtitle[0]) {
        buf_adds(out, "<p class=\"subtitle\">");
        html_text(out, d->subtitle);
        buf_adds(out, "</p>\n");
    }
}

/*
 * The title, the sections and the footnotes, with the title at heading level
 * `level`; a standalone document also has its table of contents and holds
 * the sections in <main> (the print style starts each on a new page).
 */
static void html_body(const struct rdoc *d, int level, bool standalone, struct buf *out)
{
    struct html h = { .out = out, .d = d, .level = level };
    h.ref_seen = xcalloc(d->footnotes.n + 1, sizeof(*h.ref_seen));
    html_heading(out, d, level);
    if (standalone && d->n_sections > 1)
        html_toc(d, level + 1, out);
    buf_adds(out, standalone ? "<main>\n" : "");
    for (size_t i = 0; i < d->n_sections; i++)
        html_section(&h, &d->sections[i]);
    html_footnotes(&h);
    buf_adds(out, standalone ? "</main>\n" : "");
    free(h.ref_seen);
}

void html_render(const struct rdoc *d, struct buf *out)
{
    html_head(out, d);
    buf_adds(out, "<body>\n");
    if (d->frame.on)
        html_frame_head(out, &d->frame);
    html_body(d, 1, true, out);
    if (d->frame.on)
        html_frame_close(out, &d->frame);
    buf_adds(out, "</body>\n</html>\n");
}

void html_render_fragment(const struct rdoc *d, int level, struct buf *out)
{
    ASSERT(level >= 1 && level <= 5);
    buf_adds(out, "<div class=\"rdoc\">\n");
    html_body(d, level, false, out);
    buf_adds(out, "</div>\n");
}
