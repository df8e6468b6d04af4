/* figures: numbers as the office writes them; see figures.h. */
#include "figures.h"

#include "util/xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

void figures_thousands(long n, char out[FIGURES_LEN])
{
    char digits[FIGURES_LEN];
    unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
    int len = snprintf(digits, sizeof(digits), "%lu", u);
    size_t o = 0;
    if (n < 0)
        out[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = '.';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

void figures_count(long n, char out[FIGURES_LEN])
{
    if (n >= 1 && n <= 9)
        snprintf(out, FIGURES_LEN, "0%ld", n);
    else
        figures_thousands(n, out);
}

/* Whether part i should get a missing point before part j. */
static bool remainder_before(const long *parts, const long *rem, size_t i, size_t j)
{
    if (rem[i] != rem[j])
        return rem[i] > rem[j];
    if (parts[i] != parts[j])
        return parts[i] > parts[j];
    return i < j;
}

void figures_percents(const long *parts, size_t n, long *pct)
{
    long total = 0, given = 0;
    for (size_t i = 0; i < n; i++)
        total += parts[i];
    if (!n)
        return;
    long *rem = xcalloc(n, sizeof(*rem));
    for (size_t i = 0; i < n; i++) {
        pct[i] = total ? parts[i] * 100 / total : 0;
        rem[i] = total ? parts[i] * 100 % total : 0;
        given += pct[i];
    }
    /* At most n - 1 points are missing; each goes to the best part not served yet
     * (a served part's remainder becomes -1). */
    for (long k = given; total && k < 100; k++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (rem[i] >= 0 && (best == n || remainder_before(parts, rem, i, best)))
                best = i;
        rem[best] = -1;
        pct[best]++;
    }
    free(rem);
}

size_t figures_concentration(const long *counts, size_t n, size_t max, size_t *idx)
{
    long total = 0, held = 0;
    for (size_t i = 0; i < n; i++)
        total += counts[i];
    if (total <= 0)
        return 0;
    size_t found = 0;
    bool *taken = xcalloc(n, sizeof(*taken));
    for (size_t k = 0; !found && k < max && k < n; k++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (!taken[i] && (best == n || counts[i] > counts[best]))
                best = i;
        taken[best] = true;
        idx[k] = best;
        held += counts[best];
        if (2 * held >= total)
            found = k + 1;
    }
    free(taken);
    return found;
}
