/* rdoc: the format-independent document model; see rdoc.h. */
#include "rdoc.h"

#include "util/err.h"
#include "util/xalloc.h"

#include <stdlib.h>

/* Six no-break spaces: room for a number written by hand, kept by every renderer. */
#define NUMBER_ROOM "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0"

static void rframe_release(struct rframe *f)
{
    strvec_release(&f->issuer);
    strvec_release(&f->recipients);
    strvec_release(&f->signer);
    free(f->number);
    free(f->place);
    free(f->kind);
    *f = (struct rframe){ 0 };
}

void rdoc_set_title(struct rdoc *d, const char *title, const char *subtitle)
{
    free(d->title);
    free(d->subtitle);
    d->title = xstrdup(title);
    d->subtitle = xstrdup(subtitle ? subtitle : "");
}

void rdoc_set_frame(struct rdoc *d, const struct frame_settings *s, struct date on,
                    const char *kind)
{
    struct rframe *f = &d->frame;
    rframe_release(f);
    f->on = true;
    frame_split(FRAME_ISSUER, s->v[FRAME_ISSUER], &f->issuer);
    if (!f->issuer.n)
        strvec_push(&f->issuer, "…");
    /* The number itself is written by hand when the report is signed: leave it room. */
    const char *number = s->v[FRAME_NUMBER] && *s->v[FRAME_NUMBER] ? s->v[FRAME_NUMBER] : "/BC-";
    f->number = xasprintf("%s%s", *number == '/' ? NUMBER_ROOM : "", number);
    f->place = xstrdup(s->v[FRAME_PLACE] && *s->v[FRAME_PLACE] ? s->v[FRAME_PLACE] : "Hà Nội");
    f->date = on;
    f->kind = kind ? xstrdup(kind) : NULL;
    frame_split(FRAME_RECIPIENTS, s->v[FRAME_RECIPIENTS], &f->recipients);
    if (!f->recipients.n)
        strvec_push(&f->recipients, "Lưu: VT");
    frame_split(FRAME_SIGNER, s->v[FRAME_SIGNER], &f->signer);
    if (!f->signer.n)
        strvec_push(&f->signer, "…");
}

void rdoc_set_kind(struct rdoc *d, const char *kind)
{
    free(d->frame.kind);
    d->frame.kind = kind ? xstrdup(kind) : NULL;
}

char *rdoc_date_words(struct date d)
{
    if (!date_is_set(d))
        return xstrdup("ngày … tháng … năm …");
    return xasprintf("ngày %s%d tháng %s%d năm %d", d.d < 10 ? "0" : "", d.d,
                     d.m < 3 ? "0" : "", d.m, d.y);
}

struct rsection *rdoc_add_section(struct rdoc *d, const char *key, const char *title,
                                  const char *sheet)
{
    ALLOC_GROW(d->sections, d->n_sections + 1, d->cap_sections);
    struct rsection *s = &d->sections[d->n_sections++];
    *s = (struct rsection){ xstrdup(key), xstrdup(title), xstrdup(sheet), NULL, 0, 0, false };
    return s;
}

size_t rdoc_add_footnote(struct rdoc *d, const char *text)
{
    strvec_push(&d->footnotes, text);
    return d->footnotes.n;
}

static struct rblock *add_block(struct rsection *s, enum rblock_type type)
{
    ALLOC_GROW(s->blocks, s->n_blocks + 1, s->cap_blocks);
    struct rblock *b = &s->blocks[s->n_blocks++];
    *b = (struct rblock){ .type = type };
    return b;
}

void rsection_paragraph(struct rsection *s, char *text, size_t footnote)
{
    struct rblock *b = add_block(s, RBLOCK_PARAGRAPH);
    b->text = text;
    b->footnote = footnote;
}

void rsection_item(struct rsection *s, char *text, size_t footnote)
{
    struct rblock *b = add_block(s, RBLOCK_ITEM);
    b->text = text;
    b->footnote = footnote;
}

struct rtable *rsection_table(struct rsection *s, const char *const *columns)
{
    struct rblock *b = add_block(s, RBLOCK_TABLE);
    for (size_t i = 0; columns[i]; i++)
        strvec_push(&b->table.columns, columns[i]);
    return &b->table;
}

void rtable_row(struct rtable *t)
{
    size_t n_cols = t->columns.n;
    ALLOC_GROW(t->cells, (t->n_rows + 1) * n_cols, t->cap_cells);
    for (size_t c = 0; c < n_cols; c++)
        t->cells[t->n_rows * n_cols + c] = (struct rcell){ CELL_TEXT, xstrdup(""), 0, DATE_NONE, 0 };
    t->n_rows++;
}

static struct rcell *last_cell(struct rtable *t, size_t col)
{
    ASSERT(t->n_rows > 0 && col < t->columns.n);
    return &t->cells[(t->n_rows - 1) * t->columns.n + col];
}

void rtable_text(struct rtable *t, size_t col, char *text)
{
    struct rcell *c = last_cell(t, col);
    free(c->text);
    c->type = CELL_TEXT;
    c->text = text ? text : xstrdup("");
}

void rtable_int(struct rtable *t, size_t col, long n)
{
    struct rcell *c = last_cell(t, col);
    free(c->text);
    c->type = CELL_INT;
    c->num = n;
    c->text = xasprintf("%ld", n);
}

void rtable_percent(struct rtable *t, size_t col, long pct)
{
    struct rcell *c = last_cell(t, col);
    free(c->text);
    c->type = CELL_PERCENT;
    c->num = pct;
    c->text = xasprintf("%ld%%", pct);
}

void rtable_date(struct rtable *t, size_t col, struct date d)
{
    struct rcell *c = last_cell(t, col);
    char dmy[DATE_ISO_LEN];
    date_dmy(d, dmy);
    free(c->text);
    c->type = CELL_DATE;
    c->date = d;
    c->text = xstrdup(dmy);
}

void rtable_footnote(struct rtable *t, size_t col, size_t fn)
{
    last_cell(t, col)->footnote = fn;
}

const struct rcell *rtable_cell(const struct rtable *t, size_t row, size_t col)
{
    ASSERT(row < t->n_rows && col < t->columns.n);
    return &t->cells[row * t->columns.n + col];
}

static void table_release(struct rtable *t)
{
    for (size_t i = 0; i < t->n_rows * t->columns.n; i++)
        free(t->cells[i].text);
    free(t->cells);
    strvec_release(&t->columns);
}

void rdoc_release(struct rdoc *d)
{
    rframe_release(&d->frame);
    for (size_t i = 0; i < d->n_sections; i++) {
        struct rsection *s = &d->sections[i];
        for (size_t k = 0; k < s->n_blocks; k++) {
            free(s->blocks[k].text);
            table_release(&s->blocks[k].table);
        }
        free(s->blocks);
        free(s->key);
        free(s->title);
        free(s->sheet);
    }
    free(d->sections);
    free(d->title);
    free(d->subtitle);
    strvec_release(&d->footnotes);
    *d = (struct rdoc)RDOC_INIT;
}
