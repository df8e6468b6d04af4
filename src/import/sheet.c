/*
 * sheet: the rows of a struct sheet and helpers shared by its readers; see
 * sheet.h for the contract and sheet_internal.h for how the module is split
 * (CSV in sheet_csv.c, XLSX in sheet_xlsx*.c, DOCX in sheet_docx.c, the
 * package of both in sheet_ooxml.c).
 */
#include "sheet.h"
#include "sheet_internal.h"

#include "util/strvec.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- rows */

void sheet_release(struct sheet *sh)
{
    for (size_t i = 0; i < sh->n; i++) {
        for (size_t j = 0; j < sh->rows[i].n; j++)
            free(sh->rows[i].cells[j]);
        free(sh->rows[i].cells);
    }
    free(sh->rows);
    for (size_t i = 0; i < sh->n_numeric; i++)
        free(sh->numeric[i]);
    free(sh->numeric);
    *sh = (struct sheet)SHEET_INIT;
}

/* Record the flags of row `row`, the rows between it and the last flagged one having none. */
static void sheet_set_numeric(struct sheet *sh, size_t row, bool *numeric)
{
    ALLOC_GROW(sh->numeric, row + 1, sh->cap_numeric);
    while (sh->n_numeric < row)
        sh->numeric[sh->n_numeric++] = NULL;
    sh->numeric[sh->n_numeric++] = numeric;
}

void sheet_add_row(struct sheet *sh, size_t line, struct strvec *v, bool *numeric)
{
    bool blank = true;
    for (size_t i = 0; i < v->n && blank; i++)
        blank = text_is_blank(v->items[i]);
    if (blank) {
        strvec_release(v);
        free(numeric);
        return;
    }
    if (numeric)
        sheet_set_numeric(sh, sh->n, numeric);
    ALLOC_GROW(sh->rows, sh->n + 1, sh->cap);
    sh->rows[sh->n++] = (struct sheet_row){ .line = line, .cells = v->items, .n = v->n };
    *v = (struct strvec)STRVEC_INIT;
}

bool sheet_is_number(const struct sheet *sh, size_t row, size_t col)
{
    return row < sh->n && row < sh->n_numeric && sh->numeric[row] && col < sh->rows[row].n &&
           sh->numeric[row][col];
}

bool sheet_looks_like_xlsx(const char *data, size_t len)
{
    return data && len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

bool sheet_parse_uint(const char *s, size_t max, size_t *out)
{
    size_t v = 0;
    if (!s || !*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (max - (size_t)(*s - '0')) / 10)
            return false;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return true;
}
