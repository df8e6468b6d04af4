/*
 * Fuzz target: the CSV reader (import/sheet.h sheet_read_csv). A sheet it accepts is
 * checked against the invariants of sheet.h, then read by the table importer
 * (import_table: headers recognised, rows to tasks), and asked whether it is a
 * progress or a measurement table.
 */
#include "fuzz_common.h"
#include "fuzz_sheet.h"

#include "import/import.h"
#include "util/text.h"

static void check_sheet(const struct sheet *sh)
{
    size_t line = 0;
    for (size_t i = 0; i < sh->n; i++) {
        const struct sheet_row *r = &sh->rows[i];
        fuzz_check_row(r);
        if (r->line <= line)
            abort();
        line = r->line;
        if (sheet_is_number(sh, i, 0))
            abort(); /* never for a CSV cell */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sheet sh = SHEET_INIT;
    struct err e = ERR_INIT;
    if (sheet_read_csv(&sh, (const char *)data, size, "fuzz.csv", &e)) {
        if (sh.n || sh.rows)
            abort(); /* the contract: *sh left empty on failure */
        return 0;
    }
    check_sheet(&sh);
    (void)import_is_progress(&sh);
    (void)import_is_measurements(&sh);
    struct batch b = BATCH_INIT;
    b.format = "table";
    err_clear(&e);
    (void)import_table(&sh, &b, &e);
    batch_release(&b);
    sheet_release(&sh);
    return 0;
}
