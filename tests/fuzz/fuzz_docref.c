/* Fuzz target: document references (core/docref.h), as a Văn bản giao cell names them. */
#include "fuzz_common.h"

#include "core/docref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    struct err e = ERR_INIT;
    struct docref *refs = NULL;
    size_t n = 0;
    if (docref_parse_list(s, &refs, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++) {
            struct docref copy = DOCREF_INIT;
            docref_copy(&copy, &refs[i]);
            free(docref_key(&copy));
            free(docref_name(&copy));
            docref_release(&copy);
            docref_release(&refs[i]);
        }
        free(refs);
    } else if (refs) {
        abort(); /* the contract: on failure *out is NULL */
    }

    struct docref one = DOCREF_INIT;
    err_clear(&e);
    if (docref_parse(s, &one, &e) == 0) {
        free(docref_key(&one));
        free(docref_name(&one));
    }
    docref_release(&one);
    free(s);
    return 0;
}
