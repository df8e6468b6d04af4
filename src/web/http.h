/*
 * http: the request and response that handlers see — plain structs, no
 * libmicrohttpd — so cmocka can call a handler directly and only
 * server.c touches the socket library.
 *
 * A request owns an arena (util/arena.h): handlers allocate temporary
 * strings there and never free them one by one. The response body is a
 * capped struct buf that server.c sends and releases.
 *
 * Parameter getters follow one rule: a missing or malformed parameter is
 * answered here (400 with a message naming it) and the getter returns a
 * negative value, so a handler just returns.
 */
#ifndef GIAMSAT_HTTP_H
#define GIAMSAT_HTTP_H

#include "core/access.h"
#include "core/date.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

#define HTTP_MAX_PARAMS 1024 /* query or form fields kept per request (an import's ticks) */
#define HTTP_MAX_HEADERS 12  /* extra response headers */
#define HTTP_BODY_MAX ((size_t)64 << 20)  /* largest response */

struct db;
struct registry;

struct kv {
    const char *key;
    const char *value;
};

/* Who makes the request (a signed-in user, or a system with a token). */
struct principal {
    long user_id;     /* 0 for an API token */
    long token_id;    /* 0 for a user session */
    const char *name; /* username or token name */
    const char *display;
    enum role role;
    long agency_id;   /* ROLE_UNIT: the unit it writes for */
    const char *agency;
    const char *csrf; /* the session's CSRF token ("" for tokens) */
};

struct req {
    struct arena *arena;
    const char *method;        /* "GET", "POST" */
    const char *path;          /* decoded, without the query */
    struct kv query[HTTP_MAX_PARAMS];
    size_t n_query;
    struct kv form[HTTP_MAX_PARAMS]; /* application/x-www-form-urlencoded body */
    size_t n_form;
    const char *body;          /* raw body, NUL-terminated ("" when none) */
    size_t body_len;
    const char *content_type;  /* "" when absent */
    const char *cookie;        /* the Cookie header, "" when absent */
    const char *authorization; /* the Authorization header, "" when absent */
    const char *client;        /* client address as text (behind a trusted proxy: its client) */
    bool https;                /* arrived over HTTPS (as the trusted proxy says) */
    const char *params[4];     /* path parameters (":id") in pattern order */
    size_t n_params;
    struct principal who;      /* role ROLE_NONE when anonymous */
    void *app;                 /* the application (struct web_app *) */
    struct db *db;             /* opened on first use by app_db() */
    const struct registry *registry; /* the agency registry as of this request (app.c) */
    bool refusal_audited;      /* this refused write has its audit line (app_audit_refusal()) */
    const char *bad_field;     /* first field (or the path) holding a NUL or invalid UTF-8 */
    bool too_many_fields;      /* the query or form had more than HTTP_MAX_PARAMS fields */
};

struct resp {
    int status;                /* 200 unless set */
    const char *content_type;  /* static string */
    struct buf body;
    struct kv headers[HTTP_MAX_HEADERS];
    size_t n_headers;
    const char *file;          /* a temporary file to send instead of body, or NULL */
    const char *shared;        /* bytes to send instead of body (resp_shared()), or NULL */
    size_t shared_len;
    const char *error;         /* a page's resp_error() message (arena), for page_status_finish() */
};

/**
 * Set up a request for the given method and raw target ("/tasks?page=2"),
 * decoding the path and the query. A field (or path) whose decoded text
 * holds a NUL or is not UTF-8 sets rq->bad_field and reads as "": the
 * caller must refuse such a request (app_handle() answers 400).
 */
void req_init(struct req *rq, struct arena *a, const char *method, const char *target);
/** Parse an urlencoded body into rq->form (body is kept as rq->body). */
void req_parse_form(struct req *rq, const char *body, size_t len);

/** The value of query (or form) parameter key, or NULL. */
const char *req_query(const struct req *rq, const char *key);
const char *req_form(const struct req *rq, const char *key);
/** A query parameter, or NULL when absent or blank. */
const char *req_query_nonblank(const struct req *rq, const char *key);
/** The value of cookie `name`, arena-allocated, or NULL. */
const char *req_cookie(const struct req *rq, const char *name);

void resp_init(struct resp *rs);
void resp_release(struct resp *rs);
/**
 * Send data[0..len) as the body instead of rs->body, without copying it:
 * for large bodies shared between requests (a cached report). Borrowed:
 * data must stay valid until the request's arena is freed, which happens
 * after the response is sent. An error response set later replaces it.
 */
void resp_shared(struct resp *rs, const char *data, size_t len);
/** Add a response header; both strings must outlive the response (arena or static). */
void resp_header(struct resp *rs, const char *key, const char *value);

/*
 * Errors: one rule, by route prefix (req_wants_json()). Under /api/ the body
 * is JSON ({"error":{"status","message"}}) and its message may be English:
 * other systems parse it. Every other route is a page a person reads: the
 * message must be Vietnamese; resp_error() keeps it in rs->error with a
 * plain-text body, and page_status_finish() (page_status.h), called once
 * when the request is done, turns it into the full page layout with a
 * Vietnamese heading for the status (500 shows no detail).
 */

/* The content type of resp_error()'s plain body (until page_status_finish()). */
#define HTTP_ERROR_TEXT_TYPE "text/plain; charset=utf-8"

/** An error page or JSON error body with this status and message. */
int resp_error(struct req *rq, struct resp *rs, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/** Map an err kind to its HTTP status (the one table, with err_exit_code's). */
int http_status_of(enum err_kind kind);
/** resp_error() from a struct err. */
int resp_err(struct req *rq, struct resp *rs, const struct err *e);
/** 303 See Other to location (arena or static). */
int resp_redirect(struct resp *rs, const char *location);
/** True when the request asks for JSON (path under /api/). */
bool req_wants_json(const struct req *rq);

/**
 * Typed getters: *out is set from the parameter; absent gives the default
 * (return 0). Malformed: a 400 response naming the parameter, and -1.
 */
int req_long_or_400(struct req *rq, struct resp *rs, const char *key, long min, long max,
                    long dflt, long *out);
int req_date_or_400(struct req *rq, struct resp *rs, const char *key, struct date dflt,
                    struct date *out);

/** The Vietnamese name of a query field a page reads ("as_of": "Số liệu tính đến ngày"), else key. */
const char *http_field_label(const char *key);

/**
 * Percent-decode s (and '+' as space when form) into the arena; NULL when
 * the decoded bytes hold a NUL or are not valid UTF-8.
 */
char *http_decode(struct arena *a, const char *s, size_t len, bool form);
/** Percent-encode s for a query value, into b. */
void http_encode(struct buf *b, const char *s);

#endif
