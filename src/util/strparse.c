/* strparse: numbers out of text; see strparse.h. */
#include "strparse.h"

#include <errno.h>
#include <stdlib.h>

int strparse_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s || !(*s == '-' || (*s >= '0' && *s <= '9')))
        return -1;
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int strparse_digits(const char **p, int max_digits, int *out)
{
    const char *s = *p;
    int v = 0, n = 0;
    while (n < max_digits && s[n] >= '0' && s[n] <= '9') {
        v = v * 10 + (s[n] - '0');
        n++;
    }
    if (n == 0)
        return -1;
    *out = v;
    *p = s + n;
    return 0;
}
