/* buf: bounded growable byte buffer; see buf.h. */
#include "buf.h"

#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty_[1];

void buf_init(struct buf *b, size_t max)
{
    b->data = buf_empty_;
    b->len = 0;
    b->cap = 0;
    b->max = max;
    b->failed = false;
}

void buf_release(struct buf *b)
{
    if (b->cap)
        free(b->data);
    buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->cap)
        b->data[0] = '\0';
}

static bool grow(struct buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->max && (extra > b->max || b->len > b->max - extra)) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = b->cap ? b->data : NULL;
    p = xreallocarray(p, cap, 1);
    if (!b->cap)
        p[0] = '\0';
    b->data = p;
    b->cap = cap;
    return true;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
    if (!grow(b, len))
        return;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, char c)
{
    buf_add(b, &c, 1);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    /* Format straight into the spare room; only a text that does not fit is formatted twice. */
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < room && !(b->max && b->len + (size_t)n > b->max)) {
        b->len += (size_t)n;
        return;
    }
    if (room)
        b->data[b->len] = '\0'; /* undo a partial write */
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

bool buf_ok(const struct buf *b)
{
    return !b->failed;
}

char *buf_take(struct buf *b)
{
    char *p = b->cap ? b->data : xstrdup("");
    buf_init(b, b->max);
    return p;
}
