/* collate: Vietnamese string order via ICU's collator; see collate.h. */
#include "collate.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucol.h>

/*
 * ICU's comparison functions take a const UCollator and are safe to call
 * from several threads at once; only opening it needs guarding, so the
 * web server's threads share one collator opened once.
 */
static UCollator *collator;
static pthread_once_t opened = PTHREAD_ONCE_INIT;

static void open_collator(void)
{
    UErrorCode status = U_ZERO_ERROR;
    collator = ucol_open("vi", &status);
    if (U_FAILURE(status))
        collator = NULL;
}

static UCollator *get(void)
{
    pthread_once(&opened, open_collator);
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
