/* clock: today's date; see clock.h. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void clock_today(int *y, int *m, int *d)
{
    const char *fixed = getenv("GIAMSAT_TODAY");
    char end;
    if (fixed && sscanf(fixed, "%4d-%2d-%2d%c", y, m, d, &end) == 3)
        return;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

long clock_now(void)
{
    const char *fixed = getenv("GIAMSAT_NOW");
    long now;
    char end;
    if (fixed && sscanf(fixed, "%ld%c", &now, &end) == 1)
        return now;
    return (long)time(NULL);
}
