/*
 * Fuzz target: the plan importer (format "plan": the bullet-style Kế hoạch, with its
 * "Mục tiêu cụ thể" targets as indicators), then the resolution of every task against
 * the shipped registry, as `giamsat import --dry-run` does before storing.
 * tests/data/fuzz/plan/ holds its regression files.
 */
#include "fuzz_common.h"

#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_import(data, size, "plan");
    return 0;
}
