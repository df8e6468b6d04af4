/* html: standalone, printable, polyglot HTML5 renderer of an rdoc; see html.h. */
#include "html.h"

#include "util/err.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>

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
    "@page { size: A4; margin: 20mm 15mm 20mm 25mm; }\n"
    "body { font-family: \"Times New Roman\", \"Liberation Serif\", \"Noto Serif\", serif;\n"
    "  font-size: 13pt; line-height: 1.4; color: #000; background: #fff; }\n"
    "@media screen { body { max-width: 170mm; margin: 1em auto; padding: 0 1em; } }\n"
    "@media print { body { margin: 0; } a.back { display: none; } }\n"
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

static void html_section(struct html *h, const struct rsection *s)
{
    if (s->key && s->key[0]) {
        buf_adds(h->out, "<section id=\"s-");
        html_esc(h->out, s->key, true);
        buf_adds(h->out, "\">\n");
    } else {
        buf_adds(h->out, "<section>\n");
    }
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

static void html_heading(struct buf *out, const struct rdoc *d, int level)
{
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

/* The title, the sections and the footnotes, with the title at heading level `level`. */
static void html_body(const struct rdoc *d, int level, struct buf *out)
{
    struct html h = { .out = out, .d = d, .level = level };
    h.ref_seen = xcalloc(d->footnotes.n + 1, sizeof(*h.ref_seen));
    html_heading(out, d, level);
    for (size_t i = 0; i < d->n_sections; i++)
        html_section(&h, &d->sections[i]);
    html_footnotes(&h);
    free(h.ref_seen);
}

void html_render(const struct rdoc *d, struct buf *out)
{
    html_head(out, d);
    buf_adds(out, "<body>\n");
    html_body(d, 1, out);
    buf_adds(out, "</body>\n</html>\n");
}

void html_render_fragment(const struct rdoc *d, int level, struct buf *out)
{
    ASSERT(level >= 1 && level <= 5);
    buf_adds(out, "<div class=\"rdoc\">\n");
    html_body(d, level, out);
    buf_adds(out, "</div>\n");
}
