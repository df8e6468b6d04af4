/*
 * buf: a growable byte buffer with a hard cap and a sticky error.
 *
 * Invariants: `data` is never NULL and always NUL-terminated; `len` bytes
 * before the NUL are the content. Appending past `max` bytes (or a failed
 * format) sets `failed`, and every later append does nothing, so a writer
 * appends freely and checks buf_ok() once at the end.
 *
 * A buf starts with buf_init() or BUF_INIT (unbounded); buf_release() frees
 * the contents; buf_take() hands the bytes to the caller (free() them) and
 * leaves the buf empty and usable.
 */
#ifndef GIAMSAT_BUF_H
#define GIAMSAT_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *data;  /* content + NUL; points at a static "" until first append */
    size_t len;  /* bytes of content */
    size_t cap;  /* bytes allocated, 0 while data is the static "" */
    size_t max;  /* hard cap on len; 0 = unbounded */
    bool failed; /* sticky: an append overflowed max or could not format */
};

extern char buf_empty_[];
#define BUF_INIT { buf_empty_, 0, 0, 0, false }

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/** Empty the content, keep the allocation and clear `failed`. */
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** True while no append has failed. */
bool buf_ok(const struct buf *b);
/** Returns the content as a newly allocated string; free with free(). */
char *buf_take(struct buf *b);

#endif
