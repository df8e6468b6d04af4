/*
 * Fuzz target: the progress-table importer (format "progress", a CSV or XLSX table of
 * reports), then progress_read() on every row it kept (dates, Hoàn thành, percent),
 * as the store does before checking a report against its task.
 */
#include "fuzz_common.h"

#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_import(data, size, "progress");
    return 0;
}
