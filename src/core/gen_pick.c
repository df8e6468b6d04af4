/* gen_pick: the generator's PRNG and distributions; see gen_pick.h. */
#include "gen_pick.h"

#include "util/xalloc.h"

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
    r->s = seed;
}

uint64_t gen_rng_next(struct gen_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint32_t gen_rng_below(struct gen_rng *r, uint32_t n)
{
    if (n == 0)
        return 0;
    /* Reject the top partial copy of [0, n) so every value is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = gen_rng_next(r);
    while (x >= limit);
    return (uint32_t)(x % n);
}

long gen_rng_range(struct gen_rng *r, long lo, long hi)
{
    return hi <= lo ? lo : lo + (long)gen_rng_below(r, (uint32_t)(hi - lo + 1));
}

int gen_rng_chance(struct gen_rng *r, unsigned per_mille)
{
    return gen_rng_below(r, 1000) < per_mille;
}

uint64_t gen_mix(uint64_t a, uint64_t b)
{
    struct gen_rng r = { a ^ (b * 0xd1342543de82ef95ULL) };
    gen_rng_next(&r);
    return gen_rng_next(&r);
}

size_t gen_pick_weighted(struct gen_rng *r, const unsigned *weights, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += weights[i];
    if (sum == 0)
        return 0;
    uint64_t x = gen_rng_below(r, (uint32_t)sum);
    for (size_t i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

uint64_t gen_share(uint64_t total, uint64_t before, uint64_t upto, uint64_t sum)
{
    unsigned __int128 t = total;
    uint64_t hi = (uint64_t)(t * upto / sum), lo = (uint64_t)(t * before / sum);
    return hi - lo;
}

/* ---- deadline phrases ----------------------------------------------------- */

/* Measured on seed 001: 300 month phrases, 17 + 3 recurring, 3 + 2 with more text, 1 open. */
const unsigned gen_phrase_weights[GEN_N_PHRASES] = { 300, 17, 3, 3, 2, 1 };

/*
 * The months its 300 month phrases name, as offsets to the document's
 * month (01/4/2025): "Tháng 12/2025" 126 times is +8, "Tháng 3/2025" -1.
 */
static const struct {
    int offset;
    unsigned weight;
} month_offsets[] = {
    { -2, 1 }, { -1, 6 }, { 0, 5 },   { 1, 25 }, { 2, 25 },  { 3, 2 },
    { 4, 10 }, { 5, 57 }, { 6, 3 },   { 7, 8 },  { 8, 126 }, { 11, 2 },
    { 14, 7 }, { 17, 8 }, { 20, 11 }, { 38, 2 }, { 62, 1 },  { 68, 1 },
};
#define N_OFFSETS (sizeof(month_offsets) / sizeof(*month_offsets))

static const char *const open_phrases[] = {
    "Khi các CSDL quốc gia, CSDL chuyên ngành hoàn thành, khai thác sử dụng",
    "Sau khi Luật được Quốc hội thông qua",
    "Theo tiến độ của dự án",
};

/* The month a dated phrase names: year and month after doc's month by a measured offset. */
static void draw_month(struct gen_rng *r, struct date doc, int *y, int *m)
{
    unsigned w[N_OFFSETS];
    for (size_t i = 0; i < N_OFFSETS; i++)
        w[i] = month_offsets[i].weight;
    int months =
        doc.y * 12 + (doc.m - 1) + month_offsets[gen_pick_weighted(r, w, N_OFFSETS)].offset;
    *y = months / 12;
    *m = months % 12 + 1;
}

/* "Tháng 6/2025", now and then "Tháng 06/2025" as seed 001 writes once in 300. */
static char *month_phrase(struct gen_rng *r, int y, int m)
{
    bool padded = m < 10 && gen_rng_chance(r, 10);
    return xasprintf(padded ? "Tháng %02d/%d" : "Tháng %d/%d", m, y);
}

char *gen_deadline_phrase(struct gen_rng *r, struct date doc, enum gen_phrase *kind)
{
    *kind = (enum gen_phrase)gen_pick_weighted(r, gen_phrase_weights, GEN_N_PHRASES);
    int y, m;
    draw_month(r, doc, &y, &m);
    switch (*kind) {
    case GEN_PHRASE_MONTH:
        return month_phrase(r, y, m);
    case GEN_PHRASE_ONGOING:
        return xstrdup("Thường xuyên");
    case GEN_PHRASE_YEARLY:
        return xstrdup(gen_rng_chance(r, 333) ? "hằng năm" : "Hằng năm");
    case GEN_PHRASE_YEARS_ON:
        return xasprintf("%d và những năm tiếp theo", doc.y);
    case GEN_PHRASE_COMPOUND:
        if (gen_rng_chance(r, 500))
            return xasprintf("Tháng %d/%d và năm %d", m, y, y + 1);
        return xasprintf("Tháng %d/%d xong thí điểm; phát triển %d và những năm tiếp theo", m, y,
                         y);
    default:
        return xstrdup(open_phrases[gen_rng_below(r, 3)]);
    }
}
