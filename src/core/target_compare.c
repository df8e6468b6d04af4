/*
 * target_compare: numbers written the Vietnamese way, and what a parsed
 * target means for a value: comparing, the goal of the path, the scales
 * and blocs by name, and the comparable form written out; see target.h.
 */
#include "target.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ---------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool three_digits(const char *q)
{
    return is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]) && !is_digit(q[3]);
}

size_t target_read_number(const char *s, double *out)
{
    unsigned long long mant = 0;
    int n_digits = 0, scale = 0;
    size_t i = 0;
    while (is_digit(s[i]) || (s[i] == '.' && i > 0 && three_digits(s + i + 1))) {
        if (s[i] != '.') {
            mant = mant * 10 + (unsigned long long)(s[i] - '0');
            n_digits++;
        }
        i++;
    }
    if (i > 0 && (s[i] == ',' || s[i] == '.') && is_digit(s[i + 1])) {
        for (i++; is_digit(s[i]); i++, scale++, n_digits++)
            mant = mant * 10 + (unsigned long long)(s[i] - '0');
    }
    if (i == 0 || n_digits > 15)
        return 0;
    double div = 1;
    for (int k = 0; k < scale; k++)
        div *= 10;
    *out = (double)mant / div;
    return i;
}

void target_format_number(double v, char out[TARGET_NUM_LEN])
{
    bool neg = v < 0;
    double a = neg ? -v : v;
    unsigned long long scaled = (unsigned long long)(a * 1000 + 0.5);
    unsigned long long whole = scaled / 1000, frac = scaled % 1000;
    char digits[24], grouped[32];
    int n = snprintf(digits, sizeof(digits), "%llu", whole), g = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[g++] = '.';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    char fr[8] = "";
    if (frac) {
        snprintf(fr, sizeof(fr), ",%03llu", frac);
        for (size_t k = strlen(fr); fr[k - 1] == '0'; k--)
            fr[k - 1] = '\0';
    }
    snprintf(out, TARGET_NUM_LEN, "%s%s%s", neg && scaled ? "-" : "", grouped, fr);
}

/* ---- comparing ------------------------------------------------------------------ */

bool target_lower_is_better(const struct target *t, const struct target_clause *c)
{
    return t->is_rank || c->op == TARGET_LE || c->op == TARGET_LT;
}

bool target_met(const struct target *t, const struct target_clause *c, double v)
{
    double eps = 1e-9 * (1 + (c->high < 0 ? -c->high : c->high));
    switch (c->op) {
    case TARGET_GE:
        return v >= c->low - eps;
    case TARGET_GT:
        return v > c->low + eps;
    case TARGET_LE:
        return v <= c->low + eps;
    case TARGET_LT:
        return v < c->low - eps;
    case TARGET_RANGE:
        return target_lower_is_better(t, c) ? v <= c->high + eps : v >= c->low - eps;
    }
    return false;
}

double target_goal(const struct target *t, const struct target_clause *c)
{
    return c->op == TARGET_RANGE && target_lower_is_better(t, c) ? c->high : c->low;
}

const struct target_clause *target_find_part(const struct target *t, const char *name)
{
    char *want = text_fold(name);
    const struct target_clause *found = NULL;
    for (size_t i = 0; i < t->n_clauses && !found; i++) {
        if (!t->clauses[i].label)
            continue;
        char *have = text_fold(t->clauses[i].label);
        const char *bare = !strncmp(have, "khoi ", 5) ? have + 5 : have;
        if (!strcmp(have, want) || !strcmp(bare, want))
            found = &t->clauses[i];
        free(have);
    }
    free(want);
    return found;
}

bool target_needs_part(const struct target *t)
{
    for (size_t i = 0; i < t->n_clauses; i++)
        if (t->clauses[i].part == TARGET_WHOLE)
            return false;
    return t->n_clauses > 0;
}

/* ---- describing ----------------------------------------------------------------- */

static void add_number(struct buf *b, double v, const char *unit)
{
    char num[TARGET_NUM_LEN];
    target_format_number(v, num);
    buf_adds(b, num);
    if (unit)
        buf_addf(b, "%s%s", unit[0] == '%' ? "" : " ", unit);
}

static void describe_clause(struct buf *b, const struct target_clause *c)
{
    static const char *const ops[] = { "≥ ", "> ", "≤ ", "< ", "" };
    if (c->label)
        buf_addf(b, "%s: ", c->label);
    buf_adds(b, ops[c->op]);
    if (c->op == TARGET_RANGE) {
        add_number(b, c->low, NULL);
        buf_adds(b, " - ");
    }
    add_number(b, c->high, c->unit);
    if (c->has_stretch) {
        buf_adds(b, " (phấn đấu ");
        add_number(b, c->stretch, c->unit);
        buf_addch(b, ')');
    }
    if (c->improve_by)
        buf_addf(b, " (tăng %d bậc)", c->improve_by);
    if (c->has_base) {
        buf_adds(b, " (từ ");
        add_number(b, c->base, NULL);
        buf_addf(b, " năm %d)", c->base_year);
    }
}

char *target_describe(const struct target *t)
{
    if (t->kind == TARGET_NONE)
        return xstrdup("không có mục tiêu riêng");
    if (t->kind == TARGET_TEXT)
        return xstrdup("định tính");
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < t->n_clauses; i++) {
        if (i)
            buf_adds(&b, "; ");
        describe_clause(&b, &t->clauses[i]);
    }
    return buf_take(&b);
}
