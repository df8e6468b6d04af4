/* similar: trigram similarity of names; see similar.h. */
#include "similar.h"

#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The byte trigrams of " s ", as 24-bit numbers, sorted (two lists then merge in one pass). */
static size_t trigrams(const char *s, uint32_t **out)
{
    char *padded = xasprintf(" %s ", s);
    size_t n = strlen(padded) - 2;
    uint32_t *t = xcalloc(n, sizeof(*t));
    for (size_t i = 0; i < n; i++)
        t[i] = (uint32_t)(unsigned char)padded[i] << 16 |
               (uint32_t)(unsigned char)padded[i + 1] << 8 | (unsigned char)padded[i + 2];
    free(padded);
    qsort(t, n, sizeof(*t), cmp_u32);
    *out = t;
    return n;
}

/* Trigrams both sorted lists hold, each counted as often as both have it. */
static size_t shared(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, k = 0, common = 0;
    while (i < na && k < nb) {
        if (a[i] == b[k]) {
            common++;
            i++;
            k++;
        } else if (a[i] < b[k]) {
            i++;
        } else {
            k++;
        }
    }
    return common;
}

void similar_prepare(struct similar_key *k, const char *key)
{
    k->n = key && *key ? trigrams(key, &k->t) : 0;
    if (!k->n)
        k->t = NULL;
}

void similar_key_release(struct similar_key *k)
{
    free(k->t);
    *k = (struct similar_key){ NULL, 0 };
}

double similar_score_prepared(const struct similar_key *a, const struct similar_key *b)
{
    if (!a->n || !b->n)
        return 0;
    return 2.0 * (double)shared(a->t, a->n, b->t, b->n) / (double)(a->n + b->n);
}

double similar_bound(const struct similar_key *a, const struct similar_key *b)
{
    size_t lo = a->n < b->n ? a->n : b->n;
    return a->n + b->n ? 2.0 * (double)lo / (double)(a->n + b->n) : 0;
}

double similar_score(const char *a, const char *b)
{
    struct similar_key ka, kb;
    similar_prepare(&ka, a);
    similar_prepare(&kb, b);
    double score = similar_score_prepared(&ka, &kb);
    similar_key_release(&ka);
    similar_key_release(&kb);
    return score;
}

int similar_accepts(double best, double second)
{
    return best >= SIMILAR_ACCEPT && best - second >= SIMILAR_MARGIN;
}

size_t similar_nearest(const char *key, const char *const *keys, size_t n, double min, size_t max,
                       size_t *out)
{
    struct similar_key k, c;
    similar_prepare(&k, key);
    double *best = max ? xcalloc(max, sizeof(*best)) : NULL;
    size_t n_out = 0;
    for (size_t i = 0; i < n && max; i++) {
        similar_prepare(&c, keys[i]);
        double s = similar_score_prepared(&k, &c);
        similar_key_release(&c);
        if (s < min || (n_out == max && s <= best[n_out - 1]))
            continue;
        /* insertion into the sorted prefix: equal scores keep index order */
        size_t at = n_out < max ? n_out++ : max - 1;
        while (at > 0 && best[at - 1] < s) {
            best[at] = best[at - 1];
            out[at] = out[at - 1];
            at--;
        }
        best[at] = s;
        out[at] = i;
    }
    free(best);
    similar_key_release(&k);
    return n_out;
}
