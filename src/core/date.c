/* date: calendar arithmetic and formats; see date.h. */
#include "date.h"

#include "util/err.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

bool date_is_set(struct date d)
{
    return d.y != 0;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_is_valid(int y, int m, int d)
{
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

int date_cmp(struct date a, struct date b)
{
    if (!date_is_set(a) || !date_is_set(b))
        return date_is_set(b) - date_is_set(a);
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

/*
 * Howard Hinnant's days_from_civil / civil_from_days: exact for the
 * proleptic Gregorian calendar, no tables, no time zones.
 */
long date_to_days(struct date d)
{
    ASSERT(date_is_set(d));
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct date date_add_days(struct date d, long n)
{
    long z = date_to_days(d) + n + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    int year = (int)(yoe + era * 400 + (month <= 2));
    return (struct date){ year, month, day };
}

struct date date_add_months(struct date d, int n)
{
    ASSERT(date_is_set(d));
    int months = d.y * 12 + (d.m - 1) + n;
    struct date out = { months / 12, months % 12 + 1, d.d };
    int last = date_days_in_month(out.y, out.m);
    if (out.d > last)
        out.d = last;
    return out;
}

struct date date_year_end(struct date d)
{
    ASSERT(date_is_set(d));
    return (struct date){ d.y, 12, 31 };
}

void date_iso(struct date d, char out[DATE_ISO_LEN])
{
    if (!date_is_set(d)) {
        out[0] = '\0';
        return;
    }
    snprintf(out, DATE_ISO_LEN, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
             (unsigned)d.d % 100u);
}

void date_dmy(struct date d, char out[DATE_ISO_LEN])
{
    if (!date_is_set(d)) {
        out[0] = '\0';
        return;
    }
    snprintf(out, DATE_ISO_LEN, "%02u/%02u/%04u", (unsigned)d.d % 100u, (unsigned)d.m % 100u,
             (unsigned)d.y % 10000u);
}

/* Read 1..max_digits digits at *p; advance on success. */
static int read_int(const char **p, int max_digits, int *out)
{
    int v = 0, n = 0;
    const char *s = *p;
    while (isdigit((unsigned char)s[n]) && n < max_digits)
        v = v * 10 + (s[n++] - '0');
    if (n == 0 || isdigit((unsigned char)s[n]))
        return -1;
    *p = s + n;
    *out = v;
    return 0;
}

static int finish(const char *p, int y, int m, int d, struct date *out)
{
    while (isspace((unsigned char)*p))
        p++;
    if (*p || !date_is_valid(y, m, d))
        return -1;
    *out = (struct date){ y, m, d };
    return 0;
}

int date_parse_iso(const char *s, struct date *out)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    const char *p = s;
    if (read_int(&p, 4, &y) || *p++ != '-' || read_int(&p, 2, &m) || *p++ != '-' ||
        read_int(&p, 2, &d))
        return -1;
    return finish(p, y, m, d, out);
}

int date_parse_user(const char *s, struct date *out)
{
    while (isspace((unsigned char)*s))
        s++;
    if (strlen(s) >= 10 && s[4] == '-') {
        char head[11];
        memcpy(head, s, 10);
        head[10] = '\0';
        struct date d;
        if (date_parse_iso(head, &d) == 0 && finish(s + 10, d.y, d.m, d.d, out) == 0)
            return 0;
        return -1;
    }
    int y, m, d;
    const char *p = s;
    if (read_int(&p, 2, &d))
        return -1;
    char sep = *p;
    if (sep != '/' && sep != '-' && sep != '.')
        return -1;
    p++;
    if (read_int(&p, 2, &m) || *p++ != sep || read_int(&p, 4, &y) || y < 1000)
        return -1;
    return finish(p, y, m, d, out);
}
