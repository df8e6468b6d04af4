/*
 * routes: the table of pages and API endpoints (routes.c) and how a path
 * is matched against a pattern.
 *
 * Pattern segments: literal text; ":id" (a positive number, into
 * rq->params); "*" as the last segment (the rest of the path, into
 * rq->params). Flags say who may call the route and how it is protected.
 */
#ifndef GIAMSAT_ROUTES_H
#define GIAMSAT_ROUTES_H

#include "http.h"

#include <stdbool.h>
#include <stddef.h>

enum route_flags {
    R_PUBLIC = 1 << 0,   /* no sign-in needed */
    R_MANAGE = 1 << 1,   /* steering office (giám sát) or admin */
    R_ADMIN = 1 << 2,    /* administrators only */
    R_NO_CSRF = 1 << 3,  /* a POST that needs no CSRF token (the login form) */
    R_BIG_BODY = 1 << 4, /* uploads: bodies up to ROUTE_BIG_BODY */
    R_INTAKE = 1 << 5,   /* units' focal points (their own unit's reports) and the steering office */
    R_REVIEW = 1 << 6,   /* units' leaders (their own unit's reports) and the steering office */
};

#define ROUTE_BODY_MAX ((size_t)256 << 10) /* default largest request body */
#define ROUTE_BIG_BODY ((size_t)32 << 20)  /* imports */

typedef int (*handler_fn)(struct req *rq, struct resp *rs);

struct route {
    const char *method;
    const char *pattern;
    handler_fn handler;
    unsigned flags;
};

extern const struct route routes[];
extern const size_t n_routes;

/**
 * The route for method and path, with path parameters stored in rq.
 * NULL when none matches; *path_known is set when the path matches some
 * route with another method (405 rather than 404).
 */
const struct route *route_find(struct req *rq, bool *path_known);

/** Largest body a request to method/path may send (before it is routed). */
size_t route_body_max(const char *method, const char *path);

#endif
