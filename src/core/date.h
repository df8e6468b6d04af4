/*
 * date: calendar dates without time zones, as deadlines and reports use
 * them. A struct date with y == 0 means "no date".
 */
#ifndef GIAMSAT_DATE_H
#define GIAMSAT_DATE_H

#include <stdbool.h>

struct date {
    int y; /* 0 = no date */
    int m; /* 1..12 */
    int d; /* 1..31 */
};

#define DATE_NONE ((struct date){ 0, 0, 0 })
#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" + NUL */

bool date_is_set(struct date d);
bool date_is_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/** <0, 0, >0; an unset date sorts after every set date. */
int date_cmp(struct date a, struct date b);
/** Write "YYYY-MM-DD" (or "" when unset) into out. */
void date_iso(struct date d, char out[DATE_ISO_LEN]);
/** Write "dd/mm/yyyy" (or "" when unset) into out. */
void date_dmy(struct date d, char out[DATE_ISO_LEN]);
/** Days since 1970-01-01 (negative before); d must be set. */
long date_to_days(struct date d);
/** The date n days after d (n may be negative); d must be set. */
struct date date_add_days(struct date d, long n);
/**
 * The same day n months later (n may be negative), on the month's last
 * day when it has fewer days (31/3 - 1 month = 28/2 or 29/2); d must be set.
 */
struct date date_add_months(struct date d, int n);
/** 31 December of d's year; d must be set. */
struct date date_year_end(struct date d);
/** Parse exactly "YYYY-MM-DD". Returns 0, or -1 when malformed or invalid. */
int date_parse_iso(const char *s, struct date *out);
/**
 * Parse a date as users type it: "YYYY-MM-DD", "d/m/yyyy", "dd-mm-yyyy",
 * "dd.mm.yyyy", surrounding spaces allowed. Returns 0 or -1.
 */
int date_parse_user(const char *s, struct date *out);

#endif
