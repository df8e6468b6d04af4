/*
 * clock: today's date for the front-ends. GIAMSAT_TODAY=YYYY-MM-DD in the
 * environment fixes it, so tests can replay a past week; clock_now() is
 * the time in seconds, fixed by GIAMSAT_NOW.
 */
#ifndef GIAMSAT_CLOCK_H
#define GIAMSAT_CLOCK_H

/** Today's local date (or GIAMSAT_TODAY) as year, month, day. */
void clock_today(int *y, int *m, int *d);

/**
 * The current time, Unix seconds (or GIAMSAT_NOW, a number of seconds,
 * so tests can let a mail's back-off pass without waiting).
 */
long clock_now(void);

#endif
