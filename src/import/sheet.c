/*
 * sheet: the rows of a struct sheet and helpers shared by its readers; see
 * sheet.h for the contract and sheet_internal.h for how the module is split
 * (CSV in sheet_csv.c, XLSX in sheet_xlsx.c and sheet_xlsx_part.c).
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
    *sh = (struct sheet)SHEET_INIT;
}

void sheet_add_row(struct sheet *sh, size_t line, struct strvec *v)
{
    bool blank = true;
    for (size_t i = 0; i < v->n && blank; i++)
        blank = text_is_blank(v->items[i]);
    if (blank) {
        strvec_release(v);
        return;
    }
    ALLOC_GROW(sh->rows, sh->n + 1, sh->cap);
    sh->rows[sh->n++] = (struct sheet_row){ .line = line, .cells = v->items, .n = v->n };
    *v = (struct strvec)STRVEC_INIT;
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
