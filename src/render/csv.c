/* csv: RFC 4180 renderer of an rdoc's tables; see csv.h. */
#include "csv.h"

#include "util/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BOM "\xEF\xBB\xBF"
#define CSV_EOL "\r\n"

/* Append one field, quoted only when RFC 4180 requires it. */
static void csv_field(struct buf *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        buf_adds(out, s);
        return;
    }
    buf_addch(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_addch(out, '"');
        buf_addch(out, *s);
    }
    buf_addch(out, '"');
}

/*
 * A text cell a spreadsheet would run as a formula (task names come from
 * imported files): '=', '+', '@', a tab or CR, or '-' not followed by a
 * space ("- Hoàn thành đúng hạn" stays as written).
 */
static bool starts_like_formula(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '@' || s[0] == '\t' || s[0] == '\r' ||
           (s[0] == '-' && s[1] != ' ' && s[1] != '\0');
}

static void csv_text(struct buf *out, const char *s)
{
    if (!starts_like_formula(s)) {
        csv_field(out, s);
        return;
    }
    char *safe = xasprintf("'%s", s);
    csv_field(out, safe);
    free(safe);
}

void csv_row(struct buf *out, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_addch(out, ',');
        csv_text(out, cells[i]);
    }
    buf_adds(out, CSV_EOL);
}

/* Numbers and dates in the forms spreadsheets parse, not the display text. */
static void csv_cell(struct buf *out, const struct rcell *c)
{
    char iso[DATE_ISO_LEN];
    switch (c->type) {
    case CELL_INT:
    case CELL_PERCENT:
        buf_addf(out, "%ld", c->num);
        break;
    case CELL_DATE:
        date_iso(c->date, iso);
        buf_adds(out, iso);
        break;
    case CELL_TEXT:
        csv_text(out, c->text);
        break;
    }
}

static void csv_table(struct buf *out, const struct rtable *t)
{
    for (size_t c = 0; c < t->columns.n; c++) {
        if (c)
            buf_addch(out, ',');
        csv_field(out, t->columns.items[c]);
    }
    buf_adds(out, CSV_EOL);
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->columns.n; c++) {
            if (c)
                buf_addch(out, ',');
            csv_cell(out, rtable_cell(t, r, c));
        }
        buf_adds(out, CSV_EOL);
    }
}

/*
 * Append the tables of s, each after an empty line unless it is the first
 * table written (*first), and after a title row when with_title.
 */
static void csv_section(struct buf *out, const struct rsection *s, bool with_title, bool *first)
{
    for (size_t i = 0; i < s->n_blocks; i++) {
        const struct rblock *b = &s->blocks[i];
        /* A table without columns would be rows of nothing. */
        if (b->type != RBLOCK_TABLE || b->table.columns.n == 0)
            continue;
        if (!*first)
            buf_adds(out, CSV_EOL);
        *first = false;
        if (with_title) {
            csv_field(out, s->title ? s->title : "");
            buf_adds(out, CSV_EOL);
        }
        csv_table(out, &b->table);
    }
}

static bool key_matches(const struct rsection *s, const char *key)
{
    return s->key && strcmp(s->key, key) == 0;
}

void csv_render(const struct rdoc *d, const char *section_key, struct buf *out)
{
    bool first = true;
    buf_adds(out, CSV_BOM);
    for (size_t i = 0; i < d->n_sections; i++) {
        const struct rsection *s = &d->sections[i];
        if (section_key && !key_matches(s, section_key))
            continue;
        csv_section(out, s, section_key == NULL, &first);
    }
}

int csv_section_exists(const struct rdoc *d, const char *key)
{
    if (!key)
        return 0;
    for (size_t i = 0; i < d->n_sections; i++)
        if (key_matches(&d->sections[i], key))
            return 1;
    return 0;
}
