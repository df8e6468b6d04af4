/*
 * deadline: parsing deadline phrases; see deadline.h.
 *
 * The phrase is folded first (no diacritics, lower case), so the matchers
 * below only see ASCII words like "thang", "quy", "nam". Each matcher is
 * tried at every word start, left to right; the first position where one
 * matches names the due date.
 */
#include "deadline.h"

#include "util/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Cursor helpers: each advances *p only on success. */
static int skip_word(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0 || isalnum((unsigned char)(*p)[n]))
        return -1;
    *p += n;
    while (**p == ' ')
        (*p)++;
    return 0;
}

static int read_num(const char **p, int min_digits, int max_digits, int *out)
{
    const char *s = *p;
    int v = 0, n = 0;
    while (isdigit((unsigned char)s[n])) {
        if (n == max_digits)
            return -1;
        v = v * 10 + (s[n++] - '0');
    }
    if (n < min_digits)
        return -1;
    *p = s + n;
    *out = v;
    return 0;
}

static int read_sep(const char **p, const char *seps)
{
    if (!**p || !strchr(seps, **p))
        return -1;
    (*p)++;
    return 0;
}

static bool year_ok(int y)
{
    return y >= 1990 && y <= 2100;
}

/* "/2025" or " nam 2025" after a month or quarter. */
static int read_year_tail(const char **p, int *y)
{
    const char *s = *p;
    while (*s == ' ')
        s++;
    if (read_sep(&s, "/-") == 0 || skip_word(&s, "nam") == 0) {
        while (*s == ' ')
            s++;
        if (read_num(&s, 4, 4, y) == 0 && year_ok(*y)) {
            *p = s;
            return 0;
        }
    }
    return -1;
}

static struct date month_end(int y, int m)
{
    return (struct date){ y, m, date_days_in_month(y, m) };
}

static int match_half_year(const char **p, struct date *out)
{
    const char *s = *p;
    int y;
    if (skip_word(&s, "6") || skip_word(&s, "thang"))
        return -1;
    int last_month = skip_word(&s, "dau") == 0 ? 6 : skip_word(&s, "cuoi") == 0 ? 12 : 0;
    if (!last_month)
        return -1;
    skip_word(&s, "nam");
    if (read_num(&s, 4, 4, &y) || !year_ok(y))
        return -1;
    *out = month_end(y, last_month);
    *p = s;
    return 0;
}

static int match_month(const char **p, struct date *out)
{
    const char *s = *p;
    int m, y;
    if (skip_word(&s, "thang") || read_num(&s, 1, 2, &m) || m < 1 || m > 12 ||
        read_year_tail(&s, &y))
        return -1;
    *out = month_end(y, m);
    *p = s;
    return 0;
}

static int read_quarter(const char **p, int *q)
{
    static const char *roman[] = { "iv", "iii", "ii", "i" };
    static const int value[] = { 4, 3, 2, 1 };
    for (size_t i = 0; i < 4; i++) {
        size_t n = strlen(roman[i]);
        if (strncmp(*p, roman[i], n) == 0 && !isalpha((unsigned char)(*p)[n])) {
            *p += n;
            *q = value[i];
            return 0;
        }
    }
    return read_num(p, 1, 1, q) == 0 && *q >= 1 && *q <= 4 ? 0 : -1;
}

static int match_quarter(const char **p, struct date *out)
{
    const char *s = *p;
    int q, y;
    if (skip_word(&s, "quy") || read_quarter(&s, &q) || read_year_tail(&s, &y))
        return -1;
    *out = month_end(y, q * 3);
    *p = s;
    return 0;
}

/* "30/6/2025", "30-06-2025", "30.6.2025" and "30 thang 6 nam 2025". */
static int match_day(const char **p, struct date *out)
{
    const char *s = *p;
    int d, m, y;
    if (read_num(&s, 1, 2, &d))
        return -1;
    const char *t = s;
    if (read_sep(&t, "/-.") == 0) {
        char sep = t[-1];
        if (read_num(&t, 1, 2, &m) || read_sep(&t, (char[]){ sep, 0 }) || read_num(&t, 4, 4, &y))
            return -1;
    } else {
        while (*t == ' ')
            t++;
        if (skip_word(&t, "thang") || read_num(&t, 1, 2, &m) || read_year_tail(&t, &y))
            return -1;
    }
    if (!date_is_valid(y, m, d))
        return -1;
    *out = (struct date){ y, m, d };
    *p = t;
    return 0;
}

/* "12/2025": a month written without the word "tháng". */
static int match_bare_month(const char **p, struct date *out)
{
    const char *s = *p;
    int m, y;
    if (read_num(&s, 1, 2, &m) || m < 1 || m > 12 || read_sep(&s, "/") ||
        read_num(&s, 4, 4, &y) || !year_ok(y))
        return -1;
    *out = month_end(y, m);
    *p = s;
    return 0;
}

/* "nam 2025" or a bare "2025" not followed by more date digits. */
static int match_year(const char **p, struct date *out)
{
    const char *s = *p;
    int y;
    skip_word(&s, "nam");
    if (read_num(&s, 4, 4, &y) || !year_ok(y) || *s == '/')
        return -1;
    *out = month_end(y, 12);
    *p = s;
    return 0;
}

typedef int (*matcher_cb)(const char **p, struct date *out);

static const matcher_cb matchers[] = {
    match_half_year, match_month, match_quarter, match_day, match_bare_month, match_year,
};

static bool first_date(const char *key, struct date *due, const char **end)
{
    for (const char *p = key; *p; p++) {
        if (p != key && (isalnum((unsigned char)p[-1]) || p[-1] == '/'))
            continue;
        for (size_t i = 0; i < sizeof(matchers) / sizeof(matchers[0]); i++) {
            const char *s = p;
            if (matchers[i](&s, due) == 0) {
                *end = s;
                return true;
            }
        }
    }
    return false;
}

static bool has_more_text(const char *s)
{
    for (; *s; s++)
        if (isalnum((unsigned char)*s))
            return true;
    return false;
}

struct deadline deadline_parse(const char *phrase)
{
    struct deadline dl = { DEADLINE_UNKNOWN, DATE_NONE, false };
    char *key = text_fold(phrase ? phrase : "");
    const char *end = NULL;
    if (first_date(key, &dl.due, &end)) {
        dl.kind = DEADLINE_DATE;
        dl.has_more = has_more_text(end);
    } else if (strstr(key, "thuong xuyen") || strstr(key, "hang nam")) {
        dl.kind = DEADLINE_RECURRING;
    }
    free(key);
    return dl;
}

const char *deadline_kind_name(enum deadline_kind kind)
{
    switch (kind) {
    case DEADLINE_DATE:
        return "date";
    case DEADLINE_RECURRING:
        return "recurring";
    case DEADLINE_UNKNOWN:
        break;
    }
    return "unknown";
}

int deadline_read_day(const char *text, struct date *on)
{
    if (date_parse_user(text, on) == 0)
        return 0;
    struct deadline d = deadline_parse(text);
    if (d.kind != DEADLINE_DATE || d.has_more)
        return -1;
    *on = d.due;
    return 0;
}
