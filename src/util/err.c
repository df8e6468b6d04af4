/* err: recording errors for the caller; see err.h. */
#include "err.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    enum err_kind kind;
    const char *name;
    int exit_code;
} kinds[] = {
    { ERR_OK, "ok", 0 },
    { ERR_INVALID, "invalid", 2 },
    { ERR_NOT_FOUND, "not_found", 3 },
    { ERR_CONFLICT, "conflict", 4 },
    { ERR_FORBIDDEN, "forbidden", 5 },
    { ERR_STORAGE, "storage", 6 },
    { ERR_INTERNAL, "internal", 7 },
    { ERR_BUSY, "busy", 8 },
};

int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
{
    if (!e || e->kind != ERR_OK)
        return kind;
    e->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    text_drop_partial(e->msg); /* a message cut at ERR_MSG_MAX stays valid UTF-8 */
    return kind;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
    if (!e || e->kind == ERR_OK)
        return;
    char head[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof(head), fmt, ap);
    va_end(ap);
    char old[ERR_MSG_MAX];
    memcpy(old, e->msg, sizeof(old));
    /* Both parts are cut on a character boundary: the message stays valid UTF-8. */
    text_drop_partial(head);
    size_t n = (size_t)text_prefix_len(head, (int)sizeof(e->msg) - 3);
    memcpy(e->msg, head, n);
    memcpy(e->msg + n, ": ", 2);
    size_t room = sizeof(e->msg) - n - 3;
    size_t old_len = (size_t)text_prefix_len(old, (int)room);
    memcpy(e->msg + n + 2, old, old_len);
    e->msg[n + 2 + old_len] = '\0';
}

void err_clear(struct err *e)
{
    e->kind = ERR_OK;
    e->msg[0] = '\0';
}

const char *err_kind_name(enum err_kind kind)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (kinds[i].kind == kind)
            return kinds[i].name;
    return "internal";
}

int err_exit_code(enum err_kind kind)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (kinds[i].kind == kind)
            return kinds[i].exit_code;
    return 7;
}

void bug_fl(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "BUG: %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}
