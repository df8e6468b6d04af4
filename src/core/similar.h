/*
 * similar: how close two names are, for suggesting the task a unit meant
 * when its table writes a name that matches no task exactly (a dropped
 * word, one letter off). Pure: no I/O, no allocation visible outside.
 *
 * The score is the Dice coefficient of the two texts' character
 * trigrams (of " " + key + " ", so word starts and ends count), from 0
 * (nothing shared) to 1 (the same trigrams). Callers pass match keys
 * (util/text.h text_match_key()), so case, diacritics and punctuation do
 * not count.
 */
#ifndef GIAMSAT_SIMILAR_H
#define GIAMSAT_SIMILAR_H

/** The similarity of match keys a and b, 0..1; 0 when either is empty. */
double similar_score(const char *a, const char *b);

/*
 * When a suggestion is taken on --accept-suggestions (docs/DATA.md): the
 * best score at least SIMILAR_ACCEPT and at least SIMILAR_MARGIN ahead of
 * the runner-up.
 */
#define SIMILAR_ACCEPT 0.85
#define SIMILAR_MARGIN 0.10

/** True when a suggestion of score best, with the runner-up at second, may be accepted. */
int similar_accepts(double best, double second);

#endif
