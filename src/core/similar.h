/*
 * similar: how close two names are, for suggesting the task a unit meant
 * when its table writes a name that matches no task exactly (a dropped
 * word, one letter off). Pure: no I/O; only struct similar_key owns memory.
 *
 * The score is the Dice coefficient of the two texts' character
 * trigrams (of " " + key + " ", so word starts and ends count), from 0
 * (nothing shared) to 1 (the same trigrams). Callers pass match keys
 * (util/text.h text_match_key()), so case, diacritics and punctuation do
 * not count.
 */
#ifndef GIAMSAT_SIMILAR_H
#define GIAMSAT_SIMILAR_H

#include <stddef.h>
#include <stdint.h>

/** The similarity of match keys a and b, 0..1; 0 when either is empty. */
double similar_score(const char *a, const char *b);

/*
 * A match key's trigrams, computed once, for comparing one name with many
 * (an import against every stored task). Owns its array.
 */
struct similar_key {
    uint32_t *t; /* sorted trigrams, NULL when none */
    size_t n;
};

/** Fill *k from key (NULL or "" gives no trigrams); free with similar_key_release(). */
void similar_prepare(struct similar_key *k, const char *key);
void similar_key_release(struct similar_key *k);
/** similar_score() of two prepared keys. */
double similar_score_prepared(const struct similar_key *a, const struct similar_key *b);
/**
 * The highest score a and b could reach from their sizes alone (all the
 * smaller one's trigrams shared): below a threshold, no need to compare.
 */
double similar_bound(const struct similar_key *a, const struct similar_key *b);

/*
 * When a suggestion is taken on --accept-suggestions (docs/DATA.md): the
 * best score at least SIMILAR_ACCEPT and at least SIMILAR_MARGIN ahead of
 * the runner-up.
 */
#define SIMILAR_ACCEPT 0.85
#define SIMILAR_MARGIN 0.10

/** True when a suggestion of score best, with the runner-up at second, may be accepted. */
int similar_accepts(double best, double second);

/*
 * A name's candidates nearest first, for a list that offers the likely
 * choice at the top (the admin page's "Gắn với đơn vị" for a unit name an
 * import could not resolve). Below SIMILAR_OFFER a candidate is not worth
 * offering.
 */
#define SIMILAR_OFFER 0.3

/**
 * The indices of keys[0..n) scoring at least min against key, best first
 * (ties: lower index first), at most max of them, into out (room for
 * max). keys and key are match keys (text_match_key()); NULL keys score 0.
 * Returns how many were written.
 */
size_t similar_nearest(const char *key, const char *const *keys, size_t n, double min, size_t max,
                       size_t *out);

#endif
