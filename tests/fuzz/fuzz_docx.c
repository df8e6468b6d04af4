/*
 * Fuzz target: the DOCX reader (import/sheet.h sheet_read_docx: libzip, expat, the
 * main part through _rels/.rels, tables on their grid, merged cells, repeated headers,
 * nested tables). A document it accepts is checked against the invariants of sheet.h
 * (rows, NFC cells, lines increasing, no tab or line break inside a cell) and its text
 * form must be valid UTF-8; sheet_looks_like_docx() must not crash either.
 */
#include "fuzz_common.h"
#include "fuzz_sheet.h"

#include "import/sheet.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    char *text = NULL;
    (void)sheet_looks_like_docx((const char *)data, size);
    if (sheet_read_docx(&sh, &text, (const char *)data, size, "fuzz.docx", &e)) {
        if (sh.n || sh.rows || text)
            abort(); /* the contract: *sh left empty and no text on failure */
        return 0;
    }
    if (!text || !text_is_utf8(text, strlen(text), NULL) || sh.numeric)
        abort();
    size_t last = 0;
    for (size_t i = 0; i < sh.n; i++) {
        const struct sheet_row *r = &sh.rows[i];
        fuzz_check_row(r);
        if (r->line <= last)
            abort(); /* lines strictly increase */
        last = r->line;
        for (size_t j = 0; j < r->n; j++)
            if (strpbrk(r->cells[j], "\t\n\r"))
                abort(); /* tabs and line breaks only separate cells and lines */
    }
    free(text);
    sheet_release(&sh);
    return 0;
}
