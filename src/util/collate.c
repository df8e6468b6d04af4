/* collate: Vietnamese string order via ICU's collator; see collate.h. */
#include "collate.h"

#include <string.h>
#include <unicode/ucol.h>

static UCollator *collator;
static int failed;

static UCollator *get(void)
{
    if (collator || failed)
        return collator;
    UErrorCode status = U_ZERO_ERROR;
    collator = ucol_open("vi", &status);
    if (U_FAILURE(status)) {
        collator = NULL;
        failed = 1;
    }
    return collator;
}

int collate_vi(const char *a, const char *b)
{
    UCollator *c = get();
    if (!c)
        return strcmp(a, b);
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult r = ucol_strcollUTF8(c, a, -1, b, -1, &status);
    if (U_FAILURE(status))
        return strcmp(a, b);
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

void collate_shutdown(void)
{
    if (collator)
        ucol_close(collator);
    collator = NULL;
}
