/*
 * page_auth: signing in and out. Passwords are checked against their
 * Argon2id hash; failures are throttled per account and per address; a
 * session is a random token in an HttpOnly, SameSite=Strict cookie whose
 * digest only is stored, with its own CSRF token.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "store/store_auth.h"
#include "throttle.h"
#include "util/crypto.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>



/* The sign-in form's token: a cookie a cross-site form cannot send (SameSite=Strict). */
#define LOGIN_COOKIE "gs_login"

/*
 * Only a path on this site: "/" then anything but a second "/" or "\", and
 * no control character or space anywhere (browsers drop a tab or newline
 * from a URL, so "/\t/evil.example" would become "//evil.example").
 */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/')
        return "/";
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '\\')
            return "/";
    return next;
}

/* A cookie with the attributes every giamsat cookie has; Secure whenever HTTPS is known. */
static void set_cookie(struct req *rq, struct resp *rs, const char *name, const char *value,
                       const char *extra)
{
    bool secure = app_of(rq)->secure_cookie || rq->https;
    resp_header(rs, "Set-Cookie",
                arena_printf(rq->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name,
                             value, extra, secure ? "; Secure" : ""));
}

static void login_page(struct req *rq, struct resp *rs, const char *message, const char *user)
{
    struct buf *b = &rs->body;
    char token[CRYPTO_TOKEN_LEN];
    crypto_token(token);
    set_cookie(rq, rs, LOGIN_COOKIE, token, "");
    page_begin(rq, rs, "Đăng nhập", NULL);
    if (message) {
        buf_adds(b, "<div class=\"error-summary\" role=\"alert\"><p>");
        page_text(b, message);
        buf_adds(b, "</p></div>");
    }
    buf_adds(b, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\""
                " value=\"");
    page_attr(b, safe_next(req_query(rq, "next") ? req_query(rq, "next") : req_form(rq, "next")));
    buf_adds(b, "\"/><input type=\"hidden\" name=\"login_token\" value=\"");
    page_attr(b, token);
    buf_adds(b, "\"/><div class=\"field\"><label for=\"username\">Tên đăng nhập</label>"
                "<input id=\"username\" name=\"username\" autocomplete=\"username\" required=\"required\""
                " value=\"");
    page_attr(b, user ? user : "");
    buf_adds(b, "\"/></div><div class=\"field\"><label for=\"password\">Mật khẩu</label>"
                "<input id=\"password\" name=\"password\" type=\"password\""
                " autocomplete=\"current-password\" required=\"required\"/></div>"
                "<button type=\"submit\">Đăng nhập</button></form>");
    page_end(rq, rs);
}

/*
 * Where a sign-in with no other destination lands: a unit's focal point on
 * its unit's page (its overdue and due-soon work first, page_units.c), the
 * others on Tổng quan. The nav still offers Tổng quan to everyone.
 */
static const char *home_of(struct req *rq, bool unit, long agency_id)
{
    if (!unit || agency_id <= 0)
        return "/";
    return arena_printf(rq->arena, "/units/%ld", agency_id);
}

int h_login_form(struct req *rq, struct resp *rs)
{
    if (role_is_unit(rq->who.role))
        return resp_redirect(rs, home_of(rq, true, rq->who.agency_id));
    if (rq->who.role != ROLE_NONE)
        return resp_redirect(rs, "/");
    login_page(rq, rs, NULL, NULL);
    return 0;
}

static int start_session(struct req *rq, struct resp *rs, const struct user_record *u)
{
    char token[CRYPTO_TOKEN_LEN], digest[CRYPTO_DIGEST_LEN], csrf[CRYPTO_TOKEN_LEN];
    struct err e = ERR_INIT;
    crypto_token(token);
    crypto_token(csrf);
    crypto_digest(token, digest);
    struct audit_entry a = { u->username, u->id, 0, "login", "app_user", u->id, NULL, NULL,
                             rq->client };
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    if (store_session_add(db, digest, u->id, csrf, (long)time(NULL), &e) ||
        store_audit(db, &a, &e))
        return resp_err(rq, rs, &e);
    set_cookie(rq, rs, APP_SESSION_COOKIE, token, "");
    set_cookie(rq, rs, LOGIN_COOKIE, "", "; Max-Age=0");
    const char *next = safe_next(req_form(rq, "next"));
    if (!strcmp(next, "/"))
        next = home_of(rq, u->role && !strcmp(u->role, "unit"), u->agency_id);
    return resp_redirect(rs, arena_strdup(rq->arena, next));
}

/*
 * The throttle key of a sign-in: the account the name resolves to (names
 * match whatever their letter case), or for a name with no account its
 * fold key, so "NOIVU" and "noivu" share one count either way.
 */
static const char *account_key(struct req *rq, const char *user, const struct user_record *u)
{
    if (u->id)
        return arena_printf(rq->arena, "u#%ld", u->id);
    char *folded = text_fold(user ? user : "");
    const char *key = arena_printf(rq->arena, "u:%s", folded);
    free(folded);
    return key;
}

/* The sign-in form came from our own page: its token matches its cookie (no login CSRF). */
static bool login_token_ok(const struct req *rq)
{
    const char *sent = req_form(rq, "login_token"), *cookie = req_cookie(rq, LOGIN_COOKIE);
    return sent && cookie && *cookie && crypto_equal(sent, cookie);
}

static int refuse_login(struct req *rq, struct resp *rs, int status, const char *message,
                        const char *user)
{
    rs->status = status;
    if (status == 429)
        resp_header(rs, "Retry-After", "900");
    login_page(rq, rs, message, user);
    return 0;
}

int h_login(struct req *rq, struct resp *rs)
{
    struct web_app *app = app_of(rq);
    const char *user = req_form(rq, "username"), *pass = req_form(rq, "password");
    long now = (long)time(NULL);
    if (!login_token_ok(rq))
        return refuse_login(rq, rs, 403,
                            "Phiên đăng nhập đã hết hạn hoặc biểu mẫu không đến từ trang này."
                            " Vui lòng đăng nhập lại.",
                            user);
    struct user_record u = { 0 };
    struct err e = ERR_INIT;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    bool found = user && store_user_find(db, user, &u, &e) == 0;
    const char *user_key = account_key(rq, user, &u);
    const char *addr_key = arena_printf(rq->arena, "a:%s", rq->client);
    int ret = 0;
    if (!throttle_allow(app->throttle, user_key, now) ||
        !throttle_allow(app->throttle, addr_key, now)) {
        ret = refuse_login(rq, rs, 429, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
                           user);
    } else {
        /* The same Argon2id work whether or not the account exists or may sign in. */
        bool ok = false;
        if (found && u.active && pass)
            ok = crypto_password_ok(u.password_hash, pass);
        else
            crypto_password_burn(pass);
        if (ok) {
            throttle_reset(app->throttle, user_key);
            ret = start_session(rq, rs, &u);
        } else {
            throttle_fail(app->throttle, user_key, now);
            throttle_fail(app->throttle, addr_key, now);
            ret = refuse_login(rq, rs, 401, "Tên đăng nhập hoặc mật khẩu không đúng.", user);
        }
    }
    user_record_release(&u);
    return ret;
}

int h_logout(struct req *rq, struct resp *rs)
{
    const char *cookie = req_cookie(rq, APP_SESSION_COOKIE);
    struct db *db = app_db(rq, rs);
    if (cookie && db) {
        char digest[CRYPTO_DIGEST_LEN];
        struct err e = ERR_INIT;
        crypto_digest(cookie, digest);
        store_session_drop(db, digest, &e);
    }
    set_cookie(rq, rs, APP_SESSION_COOKIE, "", "; Max-Age=0");
    return resp_redirect(rs, "/login");
}
