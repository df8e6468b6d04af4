/*
 * app: the web application — its configuration, the shared read-only
 * agency registry, the login throttle — and the request dispatcher.
 *
 * Routing is a table (routes.c). Adding a page or an API endpoint:
 *   1. write `int h_x(struct req *rq, struct resp *rs)` in the page_*.c or
 *      api_*.c file of its area and declare it in handlers.h;
 *   2. add one row to routes[] in routes.c: method, path pattern (":id"
 *      for a number), handler, access flags;
 *   3. add a test in tests/http/.
 * A handler reads parameters with the req_*_or_400 getters, opens the
 * database with app_db(), and fills rs; it returns 0, or -1 after it has
 * written an error response.
 */
#ifndef GIAMSAT_APP_H
#define GIAMSAT_APP_H

#include "core/registry.h"
#include "http.h"
#include "store/db.h"
#include "store/store_auth.h"

#include <pthread.h>
#include <stdbool.h>

struct throttle;
struct regcache;
struct db_pool;
struct report_cache;
struct cached_snapshot;
struct cached_report;
struct cached_warnings;
struct warning_settings;
struct report_options;

#define APP_SESSION_COOKIE "gs_session"

struct web_app {
    const char *db_path;
    struct regcache *regs; /* the agency registry, reloaded when the data moves (regcache.h) */
    long session_idle_s;   /* sign out after this long without a request */
    long session_max_s;    /* and after this long in any case */
    bool secure_cookie;    /* add "Secure" to cookies (behind HTTPS) */
    struct throttle *throttle;
    struct db_pool *pool;        /* the connections app_db() hands out (dbpool.h) */
    struct report_cache *cache;  /* snapshots and reports shared by requests (report_cache.h) */
};

/** Load the registry of the database at db_path into app. Release with app_release(). */
int app_init(struct web_app *app, const char *db_path, struct err *e);
void app_release(struct web_app *app);

/**
 * Handle one request: authenticate (session cookie or bearer token),
 * route, check the role and the CSRF token, call the handler, and add the
 * security headers. Never fails: errors become responses.
 */
void app_handle(struct web_app *app, struct req *rq, struct resp *rs);

/** The Vietnamese form of a refusal reason app_handle() answers and audits, else reason. */
const char *app_refusal_label(const char *reason);

/**
 * The request's database connection, taken from the application's pool
 * on first use and given back with the request's arena (no transaction
 * left open). NULL after writing a 500 response.
 */
struct db *app_db(struct req *rq, struct resp *rs);
/**
 * The agency registry as of this request (reloaded when the data
 * generation has moved; see regcache.h), kept in rq->registry and released
 * with the request. NULL after writing a 500 response.
 */
const struct registry *app_registry(struct req *rq, struct resp *rs);
/**
 * A registry of the request's own, loaded from db now, which the handler
 * may change (an import resolving names, an alias being checked); released
 * with the request. NULL after a 500 response.
 */
struct registry *app_registry_load(struct req *rq, struct resp *rs, struct db *db);
/** The application of a request. */
struct web_app *app_of(const struct req *rq);

/**
 * The audit line of a write by rq's signed-in user or token: actor,
 * user_id, token_id, client and action set; the caller adds the entity,
 * entity_id, before and after where they apply. Strings are borrowed from
 * rq (valid for the request).
 */
struct audit_entry app_audit(const struct req *rq, const char *action);

/**
 * Every refused write (any method but GET, to a route that is not public) leaves one
 * audit line. app_handle() writes
 * it ("access.denied") for what it refuses itself — nobody signed in, a role below the
 * route's, a missing CSRF token, a session on the API — and for any 401 or 403 a
 * handler answers to a write. A handler that refuses on the data (a unit that does not
 * lead the task) writes a line of its own, with what it knows, through this function:
 * a (action "*.denied") is appended in a transaction of its own, and rq is marked so
 * that app_handle() adds no second line. Assumes the request's database is open
 * (app_db()). 0, or the err kind with e set.
 */
int app_audit_refusal(struct req *rq, const struct audit_entry *a, struct err *e);

/**
 * report_cache_snapshot() of the request's application (report_cache.h);
 * the reference ends with rq's arena.
 */
int app_snapshot(struct req *rq, struct db *db, struct cached_snapshot **out, struct err *e);
/** report_cache_report() of the request's application; the reference ends with rq's arena. */
int app_report(struct req *rq, struct cached_snapshot *s, const struct report_options *opt,
               struct cached_report **out, struct err *e);
/**
 * report_cache_warnings() of the request's application; the reference ends with rq's
 * arena, after those of now and month_ago when they were taken first (app_report()).
 */
const struct cached_warnings *app_warnings(struct req *rq, struct cached_report *now,
                                           const struct cached_report *month_ago,
                                           const struct warning_settings *set);

#endif
