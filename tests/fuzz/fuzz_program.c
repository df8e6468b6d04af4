/*
 * Fuzz target: the action-programme importer (format "program": Phụ lục II's task
 * table and Phụ lục I's indicators, from plain text), then the resolution of every task
 * against the shipped registry (agency cells, successors, groups, deadlines), as
 * `giamsat import --dry-run` does before storing.
 */
#include "fuzz_common.h"

#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_import(data, size, "program");
    return 0;
}
