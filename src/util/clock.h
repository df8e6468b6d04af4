/*
 * clock: today's date for the front-ends. GIAMSAT_TODAY=YYYY-MM-DD in the
 * environment fixes it, so tests can replay a past week.
 */
#ifndef GIAMSAT_CLOCK_H
#define GIAMSAT_CLOCK_H

/** Today's local date (or GIAMSAT_TODAY) as year, month, day. */
void clock_today(int *y, int *m, int *d);

#endif
