/*
 * Fuzz target: the XLSX reader (import/sheet.h sheet_read_xlsx: libzip, expat, the
 * shared strings, styles and number formats). A sheet it accepts is checked against
 * the invariants of sheet.h, and every number cell is written the Vietnamese way.
 */
#include "fuzz_common.h"
#include "fuzz_sheet.h"

#include "import/sheet.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    if (sheet_read_xlsx(&sh, (const char *)data, size, "fuzz.xlsx", &e)) {
        if (sh.n || sh.rows)
            abort(); /* the contract: *sh left empty on failure */
        return 0;
    }
    if (sh.n_numeric > sh.n)
        abort();
    for (size_t i = 0; i < sh.n; i++) {
        const struct sheet_row *r = &sh.rows[i];
        fuzz_check_row(r);
        for (size_t j = 0; j < r->n; j++)
            if (sheet_is_number(&sh, i, j))
                free(sheet_number_vi(r->cells[j]));
    }
    (void)sheet_is_number(&sh, sh.n, 0);
    sheet_release(&sh);
    return 0;
}
