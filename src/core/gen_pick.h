/*
 * gen_pick: the random draws of the data generator (core/gen.h) — a small
 * deterministic PRNG and the distributions it draws from: deadline phrases
 * as the Resolution 71 table writes them, weighted choices, and the exact
 * sharing of a total among weighted items.
 *
 * Everything here is pure and reproducible: the same seed gives the same
 * draws on every machine (splitmix64, integer arithmetic only; never
 * rand()). Strings returned are newly allocated; free them with free().
 * No I/O, no errors: the inputs are the generator's own.
 */
#ifndef GIAMSAT_GEN_PICK_H
#define GIAMSAT_GEN_PICK_H

#include "date.h"

#include <stddef.h>
#include <stdint.h>

/* splitmix64 state; seed with gen_rng_seed(). Any value is a valid state. */
struct gen_rng {
    uint64_t s;
};

/** Start a stream from seed (the same seed, the same stream). */
void gen_rng_seed(struct gen_rng *r, uint64_t seed);
/** The next 64 random bits (splitmix64). */
uint64_t gen_rng_next(struct gen_rng *r);
/** A uniform integer in [0, n); n must be > 0 (0 gives 0). Unbiased (rejection). */
uint32_t gen_rng_below(struct gen_rng *r, uint32_t n);
/** A uniform integer in [lo, hi] (hi >= lo). */
long gen_rng_range(struct gen_rng *r, long lo, long hi);
/** True with probability per_mille / 1000. */
int gen_rng_chance(struct gen_rng *r, unsigned per_mille);
/** A stateless hash of (a, b): the seed of an item's own stream, independent of chunking. */
uint64_t gen_mix(uint64_t a, uint64_t b);

/** An index in [0, n) drawn with the given integer weights (not all zero). */
size_t gen_pick_weighted(struct gen_rng *r, const unsigned *weights, size_t n);

/*
 * The kinds of deadline phrase of seed 001's Phụ lục II ("Thời gian hoàn
 * thành"), with the weights measured on its 326 counted tasks.
 */
enum gen_phrase {
    GEN_PHRASE_MONTH,    /* "Tháng 12/2025": 300 */
    GEN_PHRASE_ONGOING,  /* "Thường xuyên": 17 */
    GEN_PHRASE_YEARLY,   /* "Hằng năm": 3 */
    GEN_PHRASE_YEARS_ON, /* "2025 và những năm tiếp theo": 3 */
    GEN_PHRASE_COMPOUND, /* "Tháng 12/2025 và năm 2026": 2 */
    GEN_PHRASE_OPEN,     /* "Khi các CSDL quốc gia ... hoàn thành": 1 (no date) */
    GEN_N_PHRASES
};

extern const unsigned gen_phrase_weights[GEN_N_PHRASES];

/**
 * A deadline phrase for a task of a document dated doc: its kind drawn
 * from gen_phrase_weights (into *kind), and for the dated kinds a month
 * drawn from the measured offsets to the document's month (seed 001 is
 * dated 01/4/2025 and mostly asks for "Tháng 12/2025", 8 months on).
 * Returns a newly allocated phrase that deadline_parse() reads as the
 * kind implies (a date, recurring, or no date).
 */
char *gen_deadline_phrase(struct gen_rng *r, struct date doc, enum gen_phrase *kind);

/**
 * The share of item i in an exact split of total among weighted items:
 * floor(total * upto_i / sum) - floor(total * before_i / sum), where
 * before_i is the weight of the items before it and upto_i = before_i +
 * its weight. Summed over all items it gives exactly total. sum > 0.
 */
uint64_t gen_share(uint64_t total, uint64_t before, uint64_t upto, uint64_t sum);

#endif
