/*
 * strmap: a map from strings to counts, for the per-row bookkeeping of
 * imports (how many times a report was already seen in this batch), so a
 * batch of n rows costs O(n), not O(n^2).
 *
 * Open addressing with linear probing, FNV-1a hashes, grown at half
 * full. The map owns copies of its keys; strmap_release() frees them.
 * Allocation failure aborts (xalloc.h), so no function here can fail.
 */
#ifndef GIAMSAT_STRMAP_H
#define GIAMSAT_STRMAP_H

#include <stddef.h>

struct strmap_slot {
    char *key; /* NULL when empty */
    long value;
};

struct strmap {
    struct strmap_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t n;
};

#define STRMAP_INIT { NULL, 0, 0 }

/** Add delta to key's value (a new key starts at 0) and return the new value. */
long strmap_add(struct strmap *m, const char *key, long delta);
/** The value of key, 0 when absent. */
long strmap_get(const struct strmap *m, const char *key);
void strmap_release(struct strmap *m);

#endif
