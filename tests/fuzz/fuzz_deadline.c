/* Fuzz target: deadline phrases (core/deadline.h), as a Thời hạn cell gives them. */
#include "fuzz_common.h"

#include "core/deadline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    struct deadline d = deadline_parse(s);
    if (!deadline_kind_name(d.kind))
        abort();
    if (d.kind == DEADLINE_DATE && !date_is_valid(d.due.y, d.due.m, d.due.d))
        abort(); /* the contract: a DEADLINE_DATE has a real due date */
    free(s);
    return 0;
}
