/*
 * err: the one error convention of giamsat.
 *
 * Every fallible function returns an int: 0 on success, a negative
 * enum err_kind on failure, and writes a human-readable message into a
 * caller-supplied struct err. The first error recorded wins: later calls
 * to err_set() on an already-failed struct err keep the original message,
 * so a caller can chain steps and check once. On success the struct err is
 * left untouched.
 *
 * Messages have no full stop, say what failed first and quote the subject.
 * Their language follows who reads them (issue #13):
 *   - about the user's data — a file, a row, a field, a name (what import/,
 *     core/ and the store say of what was given) — Vietnamese at the source,
 *     naming the file, line and field: the same text is shown by the web
 *     pages and the command line ("Tệp “x.csv” không phải văn bản mã UTF-8
 *     (dòng 2, byte 11): ..."), so there is no catalogue to keep in step;
 *   - about the program's own operation — command-line options, the
 *     database file, a library or internal failure — may stay English
 *     ("cannot open 'tasks.db'"): the web never shows them (resp_err() in
 *     web/http.h keeps a 5xx's detail for the log).
 * The JSON API may answer either (web/http.h). Only front-ends (cli/, web/)
 * print them or turn the kind into an exit code or an HTTP status.
 */
#ifndef GIAMSAT_ERR_H
#define GIAMSAT_ERR_H

#include <stdarg.h>

enum err_kind {
    ERR_OK = 0,
    ERR_INVALID = -1,   /* bad input: a file, a row, a field, an option */
    ERR_NOT_FOUND = -2, /* a named thing does not exist */
    ERR_CONFLICT = -3,  /* the write contradicts what is stored */
    ERR_FORBIDDEN = -4, /* not allowed for this caller */
    ERR_STORAGE = -5,   /* the database or the file system failed */
    ERR_INTERNAL = -6,  /* a bug or a library failure we did not expect */
    ERR_BUSY = -7,      /* another writer held the database past the bounded wait */
};

#define ERR_MSG_MAX 1024

struct err {
    enum err_kind kind; /* ERR_OK until the first err_set() */
    char msg[ERR_MSG_MAX];
};

#define ERR_INIT { ERR_OK, { 0 } }

/**
 * Record an error unless one is already recorded.
 * Returns `kind` (negative) so callers can write `return err_set(...)`.
 */
int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Prefix the recorded message with context ("import 'x.csv': ..."). */
void err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Reset to ERR_OK with an empty message. */
void err_clear(struct err *e);

/** Short stable name of a kind ("invalid", "not_found", ...). */
const char *err_kind_name(enum err_kind kind);

/** Process exit status for a kind: 0 for ERR_OK, 2..8 otherwise. */
int err_exit_code(enum err_kind kind);

/*
 * BUG() is for broken internal invariants only: it logs file and line to
 * stderr and aborts. ASSERT(cond) is BUG() when cond is false.
 */
void bug_fl(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
#define ASSERT(cond)                                                                               \
    do {                                                                                           \
        if (!(cond))                                                                               \
            BUG("assertion failed: %s", #cond);                                                    \
    } while (0)

#endif
