/*
 * xalloc: allocation that never returns NULL.
 *
 * Running out of memory is not a condition giamsat recovers from: these
 * wrappers log and abort(), so call sites stay free of NULL checks. Nobody
 * else calls malloc(). Everything they return is freed with free().
 */
#ifndef GIAMSAT_XALLOC_H
#define GIAMSAT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/** realloc of n elements of `size` bytes, checking n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/** Copy at most len bytes of s and NUL-terminate. */
char *xstrndup(const char *s, size_t len);
/** printf into a newly allocated string; free with free(). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define FREE_AND_NULL(p)                                                                           \
    do {                                                                                           \
        free(p);                                                                                   \
        (p) = NULL;                                                                                \
    } while (0)

/* Grow array `a` (with capacity `cap`) so that it holds at least `n` items. */
#define ALLOC_GROW(a, n, cap)                                                                      \
    do {                                                                                           \
        if ((size_t)(n) > (cap)) {                                                                 \
            size_t new_cap_ = (cap) ? (cap) * 2 : 8;                                               \
            while (new_cap_ < (size_t)(n))                                                         \
                new_cap_ *= 2;                                                                     \
            (a) = xreallocarray((a), new_cap_, sizeof(*(a)));                                      \
            (cap) = new_cap_;                                                                      \
        }                                                                                          \
    } while (0)

#endif
