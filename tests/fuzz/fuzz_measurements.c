/*
 * Fuzz target: the measurement-table importer (format "measurements", CSV or XLSX),
 * then every row as the store's import reads it: the date (dd/mm/yyyy or a deadline
 * phrase naming one day) and measure_entry_prepare() against a fixed indicator.
 */
#include "fuzz_common.h"

#include "fuzz_measure.h"

#include "core/deadline.h"
#include "import/import.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct batch b = BATCH_INIT;
    struct measure_table mt = MEASURE_TABLE_INIT;
    struct err e = ERR_INIT;
    if (import_read_all((const char *)data, size, "fuzz", "measurements", &b, &mt, &e)) {
        if (mt.n || mt.rows)
            abort(); /* the contract: *mt released on failure */
        return 0;
    }
    for (size_t i = 0; i < mt.n; i++) {
        const struct measure_row *row = &mt.rows[i];
        struct measure_input in = { row->cell[MF_VALUE], row->cell[MF_UNIT], row->cell[MF_BLOC],
                                    row->cell[MF_SOURCE], DATE_NONE };
        if (row->cell[MF_DATE] && deadline_read_day(row->cell[MF_DATE], &in.on))
            continue;
        fuzz_measure(i, &in);
    }
    measure_table_release(&mt);
    batch_release(&b);
    return 0;
}
