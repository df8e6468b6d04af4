/*
 * figures: numbers written as the steering office writes them in its
 * statistics (seed 004), and the rules that turn counts into the figures
 * of a sentence: thousands with a dot ("1.298"), small counts zero-padded
 * ("09", "01/47"), percentages of a whole that add up to 100 (the
 * largest-remainder method), and the few fields where a count
 * concentrates. Pure functions: no I/O, no allocation.
 *
 * The rules are stated for readers in docs/COUNTING.md §4.
 */
#ifndef GIAMSAT_FIGURES_H
#define GIAMSAT_FIGURES_H

#include <stddef.h>

/* Room for any long written with dots and a sign, and its NUL. */
#define FIGURES_LEN 32

/** n with a dot every three digits: 1298 -> "1.298", -5 -> "-5". Writes out. */
void figures_thousands(long n, char out[FIGURES_LEN]);

/**
 * n as the office writes a count in running text: 1..9 with a leading
 * zero ("09"), everything else as figures_thousands() ("0", "47", "1.298").
 */
void figures_count(long n, char out[FIGURES_LEN]);

/**
 * Whole percentages of parts[0..n) of their sum that add up to exactly 100
 * (largest-remainder method): each part gets the floor of its exact
 * share, then the points still missing go one each to the parts with the
 * largest remainders; equal remainders go to the larger part, then to the
 * earlier one. All zero when the sum is 0. Parts must not be negative.
 * pct receives n values.
 */
void figures_percents(const long *parts, size_t n, long *pct);

/**
 * Where a count concentrates: the fewest of counts[0..n), taken largest
 * first (equal counts in index order), that together hold at least half
 * of the sum, when that is at most max of them. Their indexes go to idx
 * (room for max) in that order; returns how many, or 0 when the sum is 0
 * or more than max would be needed (the count is spread out).
 */
size_t figures_concentration(const long *counts, size_t n, size_t max, size_t *idx);

#endif
