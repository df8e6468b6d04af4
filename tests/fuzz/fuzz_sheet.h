/*
 * fuzz_sheet: the invariants of import/sheet.h every sheet a reader
 * accepts must hold (the CSV and XLSX targets check the same): a row has
 * a cell, every cell is valid UTF-8 in NFC, and no stored row is blank.
 */
#ifndef GIAMSAT_FUZZ_SHEET_H
#define GIAMSAT_FUZZ_SHEET_H

#include "import/sheet.h"
#include "util/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static inline void fuzz_check_row(const struct sheet_row *r)
{
    if (r->n < 1)
        abort();
    bool blank = true;
    for (size_t j = 0; j < r->n; j++) {
        if (!r->cells[j] || !text_is_utf8(r->cells[j], strlen(r->cells[j]), NULL))
            abort();
        blank = blank && text_is_blank(r->cells[j]);
        char *nfc = text_nfc(r->cells[j]);
        if (strcmp(nfc, r->cells[j]))
            abort(); /* cells are NFC */
        free(nfc);
    }
    if (blank)
        abort(); /* blank rows are never stored */
}

#endif
