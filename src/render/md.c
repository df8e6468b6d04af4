/* md: GitHub-flavoured Markdown renderer of an rdoc; see md.h. */
#include "md.h"

#include "util/err.h"

#include <stdbool.h>
#include <string.h>

/* The renderer's position: blocks are separated by a blank line, except
 * consecutive list items, which must touch to stay one list. */
struct md {
    struct buf *out;
    const struct rdoc *d;
    bool started;   /* something has been written */
    bool last_item; /* the last block was a list item */
};

/* ---- text ------------------------------------------------------------------ */

/* Start a block: the blank line that separates it from the previous one. */
static void md_block(struct md *m, bool is_item)
{
    if (m->started && !(is_item && m->last_item))
        buf_addch(m->out, '\n');
    m->started = true;
    m->last_item = is_item;
}

/*
 * At the start of a block, "#", "-", "+", "=" or "12." / "12)" would turn
 * the text into a heading, a list or a setext underline: escape that
 * character. Returns how many bytes of s were written.
 */
static size_t md_block_start(struct buf *out, const char *s)
{
    if (s[0] != '\0' && strchr("#-+=", s[0])) {
        buf_addch(out, '\\');
        buf_addch(out, s[0]);
        return 1;
    }
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    if (n == 0 || (s[n] != '.' && s[n] != ')'))
        return 0;
    buf_add(out, s, n);
    buf_addch(out, '\\');
    buf_addch(out, s[n]);
    return n + 1;
}

/* Append s with every Markdown-active character escaped and every line
 * break ("\r\n", "\r" or "\n") as "<br>". */
static void md_inline(struct buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '\r' || *s == '\n') {
            if (s[0] == '\r' && s[1] == '\n')
                s++;
            buf_adds(out, "<br>");
            continue;
        }
        if (strchr("\\`*_[]<>|~$!", *s))
            buf_addch(out, '\\');
        buf_addch(out, *s);
    }
}

/* The text of a paragraph, an item or a footnote: it begins a block. */
static void md_block_text(struct buf *out, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    s += md_block_start(out, s);
    md_inline(out, s);
}

static void md_footref(struct md *m, size_t fn)
{
    ASSERT(fn <= m->d->footnotes.n);
    if (fn)
        buf_addf(m->out, "[^%zu]", fn);
}

/* ---- tables ---------------------------------------------------------------- */

static bool is_number(const struct rcell *c)
{
    return c->type == CELL_INT || c->type == CELL_PERCENT;
}

/* Right-align a column when every non-empty cell of it is a number. */
static bool col_is_numeric(const struct rtable *t, size_t col)
{
    bool any = false;
    for (size_t r = 0; r < t->n_rows; r++) {
        const struct rcell *c = rtable_cell(t, r, col);
        if (is_number(c))
            any = true;
        else if (c->text[0] != '\0')
            return false;
    }
    return any;
}

static void md_table_head(struct md *m, const struct rtable *t)
{
    buf_addch(m->out, '|');
    for (size_t c = 0; c < t->columns.n; c++) {
        buf_addch(m->out, ' ');
        md_inline(m->out, t->columns.items[c]);
        buf_adds(m->out, " |");
    }
    buf_adds(m->out, "\n|");
    for (size_t c = 0; c < t->columns.n; c++)
        buf_adds(m->out, col_is_numeric(t, c) ? " ---: |" : " --- |");
    buf_addch(m->out, '\n');
}

static void md_cell(struct md *m, const struct rcell *c, bool bold)
{
    bold = bold && c->text[0] != '\0';
    if (bold)
        buf_adds(m->out, "**");
    md_inline(m->out, c->text);
    if (bold)
        buf_adds(m->out, "**");
    md_footref(m, c->footnote);
}

static void md_table(struct md *m, const struct rtable *t)
{
    if (t->columns.n == 0)
        return;
    md_block(m, false);
    md_table_head(m, t);
    for (size_t r = 0; r < t->n_rows; r++) {
        bool total = t->has_total_row && r + 1 == t->n_rows;
        buf_addch(m->out, '|');
        for (size_t c = 0; c < t->columns.n; c++) {
            buf_addch(m->out, ' ');
            md_cell(m, rtable_cell(t, r, c), total);
            buf_adds(m->out, " |");
        }
        buf_addch(m->out, '\n');
    }
}

/* ---- document -------------------------------------------------------------- */

static void md_section(struct md *m, const struct rsection *s)
{
    md_block(m, false);
    buf_adds(m->out, "## ");
    md_inline(m->out, s->title ? s->title : "");
    buf_addch(m->out, '\n');
    for (size_t i = 0; i < s->n_blocks; i++) {
        const struct rblock *b = &s->blocks[i];
        if (b->type == RBLOCK_TABLE) {
            md_table(m, &b->table);
            continue;
        }
        bool is_item = b->type == RBLOCK_ITEM;
        md_block(m, is_item);
        if (is_item)
            buf_adds(m->out, "- ");
        md_block_text(m->out, b->text ? b->text : "");
        md_footref(m, b->footnote);
        buf_addch(m->out, '\n');
    }
}

static void md_footnotes(struct md *m)
{
    for (size_t i = 0; i < m->d->footnotes.n; i++) {
        /* Definitions touch each other, like list items. */
        md_block(m, true);
        buf_addf(m->out, "[^%zu]: ", i + 1);
        md_block_text(m->out, m->d->footnotes.items[i]);
        buf_addch(m->out, '\n');
    }
}

void md_render(const struct rdoc *d, struct buf *out)
{
    struct md m = { .out = out, .d = d };
    if (d->title && d->title[0]) {
        md_block(&m, false);
        buf_adds(out, "# ");
        md_inline(out, d->title);
        buf_addch(out, '\n');
    }
    if (d->subtitle && d->subtitle[0]) {
        md_block(&m, false);
        md_block_text(out, d->subtitle);
        buf_addch(out, '\n');
    }
    for (size_t i = 0; i < d->n_sections; i++)
        md_section(&m, &d->sections[i]);
    /* The first definition must not touch a list that ends the last section. */
    m.last_item = false;
    md_footnotes(&m);
}
