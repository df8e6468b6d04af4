/*
 * page_auth: signing in and out. Passwords are checked against their
 * Argon2id hash; failures are throttled per account and per address; a
 * session is a random token in an HttpOnly, SameSite=Strict cookie whose
 * digest only is stored, with its own CSRF token.
 */
#include "handlers.h"

#include "app.h"
#include "page.h"
#include "store/store.h"
#include "throttle.h"
#include "util/crypto.h"

#include <string.h>
#include <time.h>



/* Only local paths: never redirect off-site after signing in. */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\r') ||
        strchr(next, '\n'))
        return "/";
    return next;
}

static void login_page(struct req *rq, struct resp *rs, const char *message, const char *user)
{
    struct buf *b = &rs->body;
    page_begin(rq, rs, "Đăng nhập", NULL);
    if (message) {
        buf_adds(b, "<div class=\"error-summary\" role=\"alert\"><p>");
        page_text(b, message);
        buf_adds(b, "</p></div>");
    }
    buf_adds(b, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\""
                " value=\"");
    page_attr(b, safe_next(req_query(rq, "next") ? req_query(rq, "next") : req_form(rq, "next")));
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

int h_login_form(struct req *rq, struct resp *rs)
{
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
    resp_header(rs, "Set-Cookie",
                arena_printf(rq->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
                             APP_SESSION_COOKIE, token, app_of(rq)->secure_cookie ? "; Secure" : ""));
    return resp_redirect(rs, arena_strdup(rq->arena, safe_next(req_form(rq, "next"))));
}

int h_login(struct req *rq, struct resp *rs)
{
    struct web_app *app = app_of(rq);
    const char *user = req_form(rq, "username"), *pass = req_form(rq, "password");
    long now = (long)time(NULL);
    const char *user_key = arena_printf(rq->arena, "u:%s", user ? user : "");
    const char *addr_key = arena_printf(rq->arena, "a:%s", rq->client);
    if (!throttle_allow(app->throttle, user_key, now) ||
        !throttle_allow(app->throttle, addr_key, now)) {
        rs->status = 429;
        resp_header(rs, "Retry-After", "900");
        login_page(rq, rs, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.", user);
        return 0;
    }
    struct user_record u = { 0 };
    struct err e = ERR_INIT;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    bool ok = user && pass && store_user_find(db, user, &u, &e) == 0 && u.active &&
              crypto_password_ok(u.password_hash, pass);
    int ret = 0;
    if (ok) {
        throttle_reset(app->throttle, user_key);
        ret = start_session(rq, rs, &u);
    } else {
        throttle_fail(app->throttle, user_key, now);
        throttle_fail(app->throttle, addr_key, now);
        rs->status = 401;
        login_page(rq, rs, "Tên đăng nhập hoặc mật khẩu không đúng.", user);
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
    resp_header(rs, "Set-Cookie", APP_SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return resp_redirect(rs, "/login");
}
