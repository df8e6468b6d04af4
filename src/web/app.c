/*
 * app: authentication, routing, access checks and security headers
 * around every handler; see app.h.
 */
#include "app.h"

#include "dbpool.h"
#include "multipart.h"
#include "page_status.h"
#include "report_cache.h"
#include "regcache.h"
#include "routes.h"
#include "store/store_auth.h"
#include "store/store_programme.h"
#include "store/store_registry.h"
#include "throttle.h"
#include "json/json_api.h"
#include "util/crypto.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define APP_DB_IDLE 16 /* connections kept open between requests (> the thread pool) */

/* ---- set-up ---------------------------------------------------------------------- */

int app_init(struct web_app *app, const char *db_path, struct err *e)
{
    *app = (struct web_app){ .db_path = db_path, .session_idle_s = 2 * 3600,
                             .session_max_s = 12 * 3600 };
    struct db *db = NULL;
    if (crypto_init(e) || db_open(db_path, &db, e))
        return e->kind;
    struct registry reg = REGISTRY_INIT;
    struct store_stamp stamp = { 0, 0, 0 };
    /* The stamp first: a write in between makes the registry newer than it, never older. */
    int ret = store_data_stamp(db, &stamp, e) || store_load_registry(db, &reg, e);
    db_close(db);
    if (!ret)
        app->regs = regcache_new(&reg, stamp.structure);
    registry_release(&reg);
    if (!ret) {
        app->throttle = throttle_new();
        app->pool = db_pool_new(db_path, APP_DB_IDLE);
        app->cache = report_cache_new(REPORT_CACHE_SIZE);
    }
    return ret;
}

void app_release(struct web_app *app)
{
    regcache_free(app->regs);
    app->regs = NULL;
    throttle_free(app->throttle);
    app->throttle = NULL;
    report_cache_free(app->cache);
    app->cache = NULL;
    db_pool_free(app->pool);
    app->pool = NULL;
}

struct web_app *app_of(const struct req *rq)
{
    return rq->app;
}

static void registry_free_cb(void *p)
{
    registry_release(p);
}

struct registry *app_registry_load(struct req *rq, struct resp *rs, struct db *db)
{
    struct registry *r = arena_calloc(rq->arena, 1, sizeof(*r));
    struct err e = ERR_INIT;
    arena_defer(rq->arena, registry_free_cb, r);
    if (store_load_registry(db, r, &e)) {
        resp_err(rq, rs, &e);
        return NULL;
    }
    return r;
}

struct audit_entry app_audit(const struct req *rq, const char *action)
{
    return (struct audit_entry){ .actor = rq->who.name,
                                 .user_id = rq->who.user_id,
                                 .token_id = rq->who.token_id,
                                 .action = action,
                                 .client = rq->client };
}

int app_audit_refusal(struct req *rq, const struct audit_entry *a, struct err *e)
{
    struct db *db = rq->db;
    if (!db)
        return err_set(e, ERR_INTERNAL, "no database connection for the audit line");
    int ret = store_audit_alone(db, a, e);
    if (!ret)
        rq->refusal_audited = true;
    return ret;
}

/* A pooled connection lent to a request; given back when its arena is freed. */
struct lent_db {
    struct db_pool *pool;
    struct db *db;
};

static void give_back_db(void *p)
{
    struct lent_db *l = p;
    db_pool_put(l->pool, l->db);
}

struct db *app_db(struct req *rq, struct resp *rs)
{
    if (rq->db)
        return rq->db;
    struct err e = ERR_INIT;
    struct lent_db *l = arena_alloc(rq->arena, sizeof(*l));
    l->pool = app_of(rq)->pool;
    if (db_pool_get(l->pool, &l->db, &e)) {
        resp_err(rq, rs, &e);
        return NULL;
    }
    arena_defer(rq->arena, give_back_db, l);
    rq->db = l->db;
    return rq->db;
}

/* ---- who is asking --------------------------------------------------------------- */

static void principal_from_user(struct req *rq, const struct user_record *u)
{
    struct principal *w = &rq->who;
    w->user_id = u->id;
    w->name = arena_strdup(rq->arena, u->username);
    w->display = arena_strdup(rq->arena, u->display);
    w->role = role_parse(u->role);
    w->agency_id = u->agency_id;
    w->agency = arena_strdup(rq->arena, u->agency);
    w->csrf = arena_strdup(rq->arena, u->csrf ? u->csrf : "");
}

static void principal_from_token(struct req *rq, const struct token_record *t)
{
    struct principal *w = &rq->who;
    w->token_id = t->id;
    w->name = arena_printf(rq->arena, "token:%s", t->name);
    w->display = arena_strdup(rq->arena, t->name);
    w->role = role_parse(t->role);
    w->agency_id = t->agency_id;
    w->agency = arena_strdup(rq->arena, t->agency);
    w->csrf = "";
}

/* Sign the request in from its bearer token or session cookie; stays anonymous otherwise. */
static void authenticate(struct req *rq, struct resp *rs)
{
    struct web_app *app = app_of(rq);
    char digest[CRYPTO_DIGEST_LEN];
    struct err e = ERR_INIT;
    if (!strncmp(rq->authorization, "Bearer ", 7)) {
        struct token_record t;
        crypto_digest(rq->authorization + 7, digest);
        struct db *db = app_db(rq, rs);
        if (db && store_token_find(db, digest, &t, &e) == 0) {
            principal_from_token(rq, &t);
            token_record_release(&t);
        }
        return;
    }
    const char *cookie = req_cookie(rq, APP_SESSION_COOKIE);
    if (!cookie || strlen(cookie) >= CRYPTO_TOKEN_LEN)
        return;
    crypto_digest(cookie, digest);
    struct user_record u = { 0 };
    struct db *db = app_db(rq, rs);
    if (db && store_session_find(db, digest, (long)time(NULL), app->session_idle_s,
                                 app->session_max_s, &u, &e) == 0)
        principal_from_user(rq, &u);
    user_record_release(&u);
}

/* ---- checks ---------------------------------------------------------------------- */

/* The token of an upload (multipart): its "csrf" field, which the form sends so that the
 * token never shows in the address bar; else ?csrf= in the query, as scripts written for
 * earlier versions send it. NULL when neither is there or the body is not multipart. */
static const char *multipart_csrf(const struct req *rq)
{
    struct multipart_part *parts;
    size_t n;
    const char *sent = NULL;
    struct err e = ERR_INIT;
    if (multipart_parse(rq->arena, rq->content_type, rq->body, rq->body_len, &parts, &n, &e) == 0 &&
        multipart_text(rq->arena, parts, n, "csrf", &sent, &e) == 0 && sent)
        return sent;
    return req_query(rq, "csrf");
}

static bool csrf_ok(const struct req *rq)
{
    if (rq->who.token_id)
        return true; /* a bearer token is not sent by browsers on their own */
    const char *sent = req_form(rq, "csrf");
    if (!strncasecmp(rq->content_type, "multipart/form-data", 19))
        sent = multipart_csrf(rq);
    return sent && *rq->who.csrf && crypto_equal(sent, rq->who.csrf);
}

static int deny_anonymous(struct req *rq, struct resp *rs)
{
    if (req_wants_json(rq)) {
        resp_header(rs, "WWW-Authenticate", "Bearer");
        return resp_error(rq, rs, 401, "sign in or send an API token (Authorization: Bearer)");
    }
    struct buf to = BUF_INIT;
    buf_adds(&to, "/login?next=");
    http_encode(&to, rq->path);
    resp_redirect(rs, arena_strdup(rq->arena, to.data));
    buf_release(&to);
    return -1;
}

/* Why a signed-in principal may not POST to the route (its form, its credentials), or NULL. */
static const char *post_refusal(const struct req *rq, const struct route *r)
{
    if (strcmp(rq->method, "POST"))
        return NULL;
    if (!req_wants_json(rq))
        return (r->flags & R_NO_CSRF) || csrf_ok(rq)
                   ? NULL
                   : "the form has expired: reload the page and try again";
    return rq->who.token_id ? NULL : "writes through the API need an API token";
}

/*
 * Why the principal may not call the route: 0 when it may, else the status to answer
 * (401: nobody is signed in) with *why set.
 */
static int refusal_of(const struct req *rq, const struct route *r, const char **why)
{
    *why = NULL;
    if (r->flags & R_PUBLIC)
        return 0;
    if (!access_can_read(rq->who.role)) {
        *why = req_wants_json(rq) ? "sign in or send an API token (Authorization: Bearer)"
                                  : "not signed in";
        return 401;
    }
    if ((r->flags & R_ADMIN) && !access_can_admin(rq->who.role))
        *why = "only administrators (quản trị) may do this";
    else if ((r->flags & R_MANAGE) && !access_can_manage(rq->who.role))
        *why = "only the steering office (giám sát) may do this";
    else if ((r->flags & R_INTAKE) && !access_can_import(rq->who.role))
        *why = "only units' focal points and the steering office may import files";
    else if ((r->flags & R_REVIEW) && !access_can_review_any(rq->who.role))
        *why = "only units' leaders and the steering office may review reports";
    else
        *why = post_refusal(rq, r);
    return *why ? 403 : 0;
}

/*
 * The reasons of refusal_of() are stable English phrases: the API answers them and
 * the audit line keeps them (tests and other systems read both). A page shows, and
 * the audit log page reads, their Vietnamese form.
 */
static const struct {
    const char *reason, *label;
} refusal_labels[] = {
    { "not signed in", "Chưa đăng nhập." },
    { "sign in or send an API token (Authorization: Bearer)",
      "Chưa đăng nhập hoặc chưa gửi mã truy cập API." },
    { "only administrators (quản trị) may do this", "Chỉ quản trị viên được làm việc này." },
    { "only the steering office (giám sát) may do this",
      "Chỉ cơ quan giám sát được làm việc này." },
    { "only units' focal points and the steering office may import files",
      "Chỉ đầu mối của đơn vị và cơ quan giám sát được nhập tệp." },
    { "only units' leaders and the steering office may review reports",
      "Chỉ lãnh đạo đơn vị và cơ quan giám sát được duyệt báo cáo." },
    { "the form has expired: reload the page and try again",
      "Biểu mẫu đã hết hạn: hãy tải lại trang rồi gửi lại." },
    { "writes through the API need an API token", "Ghi dữ liệu qua API cần mã truy cập API." },
};

const char *app_refusal_label(const char *reason)
{
    for (size_t i = 0; reason && i < sizeof(refusal_labels) / sizeof(*refusal_labels); i++)
        if (!strcmp(reason, refusal_labels[i].reason))
            return refusal_labels[i].label;
    return reason ? reason : "";
}

/* 0 when the principal may call the route; otherwise the error response is written. */
static int check_access(struct req *rq, struct resp *rs, const struct route *r,
                        const char **why)
{
    int status = refusal_of(rq, r, why);
    if (!status)
        return 0;
    if (status == 401)
        return deny_anonymous(rq, rs);
    if (!req_wants_json(rq))
        return resp_error(rq, rs, status, "%s", app_refusal_label(*why));
    return resp_error(rq, rs, status, "%s", *why);
}

static bool is_write(const struct req *rq)
{
    return strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD");
}

/*
 * The audit line of a refused write that has none yet (see app_audit_refusal()):
 * refused by check_access() (why set; an anonymous page is sent to /login with a 303),
 * or answered 401/403 by its handler. Public routes are not refusals of a principal
 * (a wrong password at sign-in is the throttle's). When the line cannot be written the
 * answer becomes that error: a refusal is never left unaudited.
 */
static void audit_refused_write(struct req *rq, struct resp *rs, const struct route *r,
                                const char *why)
{
    if (!is_write(rq) || (r->flags & R_PUBLIC) || rq->refusal_audited ||
        (!why && rs->status != 401 && rs->status != 403))
        return;
    int status = rs->status;
    if (!app_db(rq, rs))
        return;
    struct audit_entry a = app_audit(rq, "access.denied");
    a.entity = "route";
    char *after = json_api_access_refusal(rq->method, rq->path, r->pattern, status, why);
    a.after = after;
    struct err e = ERR_INIT;
    if (app_audit_refusal(rq, &a, &e))
        resp_err(rq, rs, &e);
    free(after);
}

static void security_headers(struct resp *rs)
{
    resp_header(rs, "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    resp_header(rs, "X-Content-Type-Options", "nosniff");
    resp_header(rs, "X-Frame-Options", "DENY");
    resp_header(rs, "Referrer-Policy", "same-origin");
}

struct registry_hold {
    struct regcache *cache;
    struct regcache_ref *ref;
};

static void put_registry(void *p)
{
    struct registry_hold *h = p;
    regcache_put(h->cache, h->ref);
}

const struct registry *app_registry(struct req *rq, struct resp *rs)
{
    if (rq->registry)
        return rq->registry;
    struct web_app *app = app_of(rq);
    struct db *db = app_db(rq, rs);
    struct err e = ERR_INIT;
    struct store_stamp stamp = { 0, 0, 0 };
    if (!db)
        return NULL;
    if (store_data_stamp(db, &stamp, &e)) {
        resp_err(rq, rs, &e);
        return NULL;
    }
    struct registry_hold *h = arena_alloc(rq->arena, sizeof(*h));
    h->cache = app->regs;
    h->ref = regcache_get(app->regs, db, stamp.structure, &e);
    if (!h->ref) {
        resp_err(rq, rs, &e);
        return NULL;
    }
    arena_defer(rq->arena, put_registry, h);
    rq->registry = regcache_registry(h->ref);
    return rq->registry;
}

/*
 * A write that changed more than reports (an import, an edit) has the
 * snapshot loaded before its response goes: the one who wrote waits for it
 * (at national size, seconds), not the next person to open a page. A load
 * that fails is left to the next reader, which will report it.
 */
static void settle(struct req *rq)
{
    struct err e = ERR_INIT;
    if (report_cache_settle(app_of(rq)->cache, rq->db, &e))
        fprintf(stderr, "giamsat: %s %s: the snapshot after the write: %s\n", rq->method,
                rq->path, e.msg);
}

static void call_handler(struct req *rq, struct resp *rs, const struct route *r)
{
    /* Pages get the registry up front; API handlers ask for it when they need it. */
    if (!(r->flags & R_PUBLIC) && !req_wants_json(rq) && !app_registry(rq, rs))
        return;
    int ret = r->handler(rq, rs);
    if (ret == 0 && !(r->flags & R_PUBLIC) && rs->n_headers < HTTP_MAX_HEADERS)
        resp_header(rs, "Cache-Control", "no-store");
    if (ret == 0 && strcmp(rq->method, "GET") && rq->db)
        settle(rq);
}

/* A request whose text was not kept whole is refused before any handler sees it. */
static bool refuse_malformed(struct req *rq, struct resp *rs)
{
    if (rq->bad_field && req_wants_json(rq))
        resp_error(rq, rs, 400,
                   "trường '%s' có ký tự không hợp lệ (NUL hoặc không phải UTF-8); không có gì"
                   " được lưu",
                   rq->bad_field);
    else if (rq->bad_field)
        resp_error(rq, rs, 400,
                   "Trường “%s” có ký tự không hợp lệ (ký tự NUL hoặc không phải UTF-8); không"
                   " có gì được lưu.",
                   http_field_label(rq->bad_field));
    else if (rq->too_many_fields)
        resp_error(rq, rs, 400, "yêu cầu có hơn %d trường; không có gì được lưu",
                   HTTP_MAX_PARAMS);
    return rq->bad_field || rq->too_many_fields;
}

static void dispatch(struct web_app *app, struct req *rq, struct resp *rs)
{
    rq->app = app;
    security_headers(rs);
    if (refuse_malformed(rq, rs))
        return;
    bool path_known = false;
    const struct route *r = route_find(rq, &path_known);
    if (!r) {
        if (!req_wants_json(rq))
            authenticate(rq, rs); /* the error page shows the signed-in layout */
        if (req_wants_json(rq))
            resp_error(rq, rs, path_known ? 405 : 404, path_known ? "method not allowed"
                                                                   : "no such page");
        else
            resp_error(rq, rs, path_known ? 405 : 404,
                       path_known ? "Địa chỉ này không nhận phương thức yêu cầu đã gửi."
                                  : "Không có trang nào ở địa chỉ này.");
        return;
    }
    if (!(r->flags & R_PUBLIC) || !strcmp(rq->path, "/login"))
        authenticate(rq, rs);
    if (rs->status >= 500)
        return;
    const char *why = NULL;
    if (check_access(rq, rs, r, &why) == 0)
        call_handler(rq, rs, r);
    audit_refused_write(rq, rs, r, why);
}

void app_handle(struct web_app *app, struct req *rq, struct resp *rs)
{
    dispatch(app, rq, rs);
    page_status_finish(rq, rs);
}

/* ---- the report cache, for a request ---------------------------------------------- */

/* A reference that ends with a request's arena. */
struct held {
    struct report_cache *cache;
    struct cached_snapshot *snap;
    struct cached_report *report;
    struct cached_warnings *warnings;
};

static void release_held(void *p)
{
    struct held *h = p;
    report_cache_warnings_put(h->cache, h->warnings);
    report_cache_report_put(h->cache, h->report);
    report_cache_snapshot_put(h->cache, h->snap);
}

static struct held *hold(struct req *rq)
{
    struct held *h = arena_alloc(rq->arena, sizeof(*h));
    h->cache = app_of(rq)->cache;
    arena_defer(rq->arena, release_held, h);
    return h;
}

int app_snapshot(struct req *rq, struct db *db, struct cached_snapshot **out, struct err *e)
{
    struct held *h = hold(rq);
    int ret = report_cache_snapshot(h->cache, db, &h->snap, e);
    *out = h->snap;
    return ret;
}

int app_report(struct req *rq, struct cached_snapshot *s, const struct report_options *opt,
               struct cached_report **out, struct err *e)
{
    struct held *h = hold(rq);
    int ret = report_cache_report(h->cache, s, opt, &h->report, e);
    *out = h->report;
    return ret;
}

const struct cached_warnings *app_warnings(struct req *rq, struct cached_report *now,
                                           const struct cached_report *month_ago,
                                           const struct warning_settings *set)
{
    struct held *h = hold(rq);
    h->warnings = report_cache_warnings(h->cache, now, month_ago, set);
    return h->warnings;
}
