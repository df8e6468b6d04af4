/* doctable: rows of the tab tables in document text; see doctable.h. */
#include "doctable.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bool is_header(char **cells, size_t n)
{
    char *key = text_fold(n ? cells[0] : "");
    bool yes = strcmp(key, "tt") == 0 || strcmp(key, "stt") == 0;
    free(key);
    return yes;
}

/* Append `more` to *cell with one space between (a page split mid-sentence). */
static void append_cell(char **cell, const char *more)
{
    if (!*more)
        return;
    char *joined = **cell ? xasprintf("%s %s", *cell, more) : xstrdup(more);
    free(*cell);
    *cell = joined;
}

static void add_row(struct sheet *out, size_t line, char **cells, size_t n, size_t n_cols)
{
    ALLOC_GROW(out->rows, out->n + 1, out->cap);
    struct sheet_row *row = &out->rows[out->n++];
    row->line = line;
    row->n = n_cols;
    row->cells = xcalloc(n_cols, sizeof(char *));
    for (size_t i = 0; i < n_cols; i++)
        row->cells[i] = text_clean(i < n ? cells[i] : "", false);
}

static void merge_row(struct sheet_row *row, char **cells, size_t n)
{
    for (size_t i = 1; i < n && i < row->n; i++) {
        char *clean = text_clean(cells[i], false);
        append_cell(&row->cells[i], clean);
        free(clean);
    }
}

void doctable_rows(const struct lines *l, size_t from, size_t to, size_t n_cols,
                   struct sheet *out)
{
    for (size_t i = from; i < to && i < l->n; i++) {
        if (!strchr(l->items[i], '\t'))
            continue;
        char *storage;
        size_t n;
        char **cells = lines_cells(l->items[i], &n, &storage);
        if (is_header(cells, n)) {
            /* skip: repeated at every page break */
        } else if (text_is_blank(cells[0]) && out->n) {
            merge_row(&out->rows[out->n - 1], cells, n);
        } else {
            add_row(out, i + 1, cells, n, n_cols);
        }
        free(cells);
        free(storage);
    }
}
