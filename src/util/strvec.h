/*
 * strvec: a growable array of owned C strings.
 *
 * The vector owns every string pushed into it; strvec_release() frees them
 * and the array. `items` may be NULL while `n` is 0.
 */
#ifndef GIAMSAT_STRVEC_H
#define GIAMSAT_STRVEC_H

#include <stddef.h>

struct strvec {
    char **items;
    size_t n;
    size_t cap;
};

#define STRVEC_INIT { NULL, 0, 0 }

/** Append a copy of s. */
void strvec_push(struct strvec *v, const char *s);
/** Append s, taking ownership of it. */
void strvec_push_take(struct strvec *v, char *s);
/** Index of the first item equal to s, or -1. */
long strvec_find(const struct strvec *v, const char *s);
void strvec_release(struct strvec *v);

#endif
