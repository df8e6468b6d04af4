/* page_inbox: the inbox page, its forms and its API; see page_inbox.h. */
#include "page_inbox.h"

#include "api.h"
#include "app.h"
#include "handlers.h"
#include "page.h"
#include "json/json_notify.h"
#include "store/store_auth.h"
#include "store/store_notify.h"
#include "util/strparse.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define INBOX_SHOWN 200      /* notifications on the page */

void page_inbox_link(const struct req *rq, struct buf *b)
{
    long unread = 0;
    struct err e = ERR_INIT;
    if (!rq->who.user_id || !rq->db || store_inbox_unread(rq->db, rq->who.user_id, &unread, &e))
        return;
    if (unread)
        buf_addf(b,
                 "<a class=\"inbox\" href=\"/inbox\">Thông báo <strong class=\"count\">%ld"
                 "</strong><span class=\"visually-hidden\"> chưa đọc</span></a>",
                 unread);
    else
        buf_adds(b, "<a class=\"inbox\" href=\"/inbox\">Thông báo</a>");
}

/* text escaped, its line breaks as <br/>. */
static void text_lines(struct buf *b, const char *text)
{
    const char *p = text;
    for (const char *nl = strchr(p, '\n'); nl; p = nl + 1, nl = strchr(p, '\n')) {
        struct buf line = BUF_INIT;
        buf_add(&line, p, (size_t)(nl - p));
        page_text(b, line.data);
        buf_adds(b, "<br/>");
        buf_release(&line);
    }
    page_text(b, p);
}

static void item_html(const struct req *rq, struct buf *b, const struct inbox_item *it)
{
    buf_addf(b,
             "<li class=\"notice%s\" id=\"tb-%ld\"><p class=\"notice-head\"><span"
             " class=\"badge\">%s</span> ",
             it->read ? "" : " unread", it->id, it->read ? "Đã đọc" : "Chưa đọc");
    if (*it->link) {
        buf_adds(b, "<a href=\"");
        page_attr(b, it->link);
        buf_adds(b, "\">");
        page_text(b, it->title);
        buf_adds(b, "</a>");
    } else {
        page_text(b, it->title);
    }
    buf_adds(b, " <small>");
    page_text(b, notice_kind_label(it->kind));
    buf_adds(b, " · ");
    page_local_time(b, it->created_at);
    buf_adds(b, "</small></p><p class=\"notice-body\">");
    text_lines(b, it->body);
    buf_adds(b, "</p>");
    if (!it->read) {
        buf_adds(b, "<form method=\"post\" action=\"/inbox/read\">");
        page_csrf(rq, b);
        buf_addf(b,
                 "<input type=\"hidden\" name=\"id\" value=\"%ld\"/><button type=\"submit\""
                 " class=\"link\">Đánh dấu đã đọc</button></form>",
                 it->id);
    }
    buf_adds(b, "</li>");
}

static void email_form(const struct req *rq, struct buf *b, const char *email)
{
    buf_adds(b, "<section id=\"tai-khoan\"><h2>Tài khoản của tôi</h2>"
                "<form method=\"post\" action=\"/inbox/email\">");
    page_csrf(rq, b);
    buf_adds(b, "<div class=\"field\"><label for=\"f-email\">Địa chỉ thư điện tử nhận thông"
                " báo</label><input type=\"email\" id=\"f-email\" name=\"email\" maxlength=\"254\""
                " autocomplete=\"email\" aria-describedby=\"f-email-hint\" value=\"");
    page_attr(b, email);
    buf_adds(b, "\"/><span class=\"hint\" id=\"f-email-hint\">Để trống nếu không muốn nhận thư."
                "</span></div><button type=\"submit\">Lưu địa chỉ thư</button></form></section>");
}

/* Pages of the inbox belong to a signed-in person, not to an API token. */
static int no_token(struct req *rq, struct resp *rs)
{
    if (rq->who.user_id)
        return 0;
    return resp_error(rq, rs, 403,
                      req_wants_json(rq)
                          ? "notifications belong to a signed-in account, not a token"
                          : "Thông báo chỉ dành cho tài khoản đã đăng nhập.");
}

int h_inbox(struct req *rq, struct resp *rs)
{
    struct db *db = no_token(rq, rs) ? NULL : app_db(rq, rs);
    if (!db)
        return -1;
    struct inbox_item *v = NULL;
    size_t n = 0;
    long unread = 0;
    char *email = NULL;
    struct err e = ERR_INIT;
    if (store_inbox_list(db, rq->who.user_id, INBOX_SHOWN, &v, &n, &unread, &e) ||
        store_user_email(db, rq->who.user_id, &email, &e)) {
        inbox_items_free(v, n);
        return resp_err(rq, rs, &e);
    }
    struct buf *b = &rs->body;
    page_begin(rq, rs, "Thông báo", "inbox");
    buf_addf(b, "<p>%ld thông báo chưa đọc.</p>", unread);
    if (unread) {
        buf_adds(b, "<form method=\"post\" action=\"/inbox/read\">");
        page_csrf(rq, b);
        buf_adds(b, "<button type=\"submit\">Đánh dấu tất cả đã đọc</button></form>");
    }
    if (!n)
        buf_adds(b, "<p>Chưa có thông báo nào.</p>");
    buf_adds(b, "<ul class=\"notices\">");
    for (size_t i = 0; i < n; i++)
        item_html(rq, b, &v[i]);
    buf_adds(b, "</ul>");
    email_form(rq, b, email);
    page_end(rq, rs);
    inbox_items_free(v, n);
    free(email);
    return 0;
}

int h_inbox_read(struct req *rq, struct resp *rs)
{
    const char *text = req_form(rq, "id");
    long id = 0;
    if (text && *text && strparse_long(text, 1, LONG_MAX, &id))
        return resp_error(rq, rs, 400, "Trường “id” phải là số của một thông báo.");
    struct db *db = no_token(rq, rs) ? NULL : app_db(rq, rs);
    if (!db)
        return -1;
    struct err e = ERR_INIT;
    if (store_inbox_mark_read(db, rq->who.user_id, id, NULL, &e))
        return resp_err(rq, rs, &e);
    return resp_redirect(rs, "/inbox");
}

int h_inbox_email(struct req *rq, struct resp *rs)
{
    const char *email = req_form(rq, "email");
    struct db *db = no_token(rq, rs) ? NULL : app_db(rq, rs);
    if (!db)
        return -1;
    struct audit_entry a = app_audit(rq, "user.email");
    struct err e = ERR_INIT;
    if (store_user_set_email(db, rq->who.name, email ? email : "", &a, &e))
        return page_error(rq, rs, http_status_of(e.kind), "Thông báo", "inbox", e.msg,
                          "/inbox#tai-khoan", "Quay lại trang thông báo");
    return resp_redirect(rs, "/inbox#tai-khoan");
}

int api_notifications(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "limit", NULL };
    long limit = 0;
    if (api_params_or_400(rq, rs, params) ||
        req_long_or_400(rq, rs, "limit", 1, 1000, 100, &limit) || no_token(rq, rs))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct inbox_item *v = NULL;
    size_t n = 0;
    long unread = 0;
    struct err e = ERR_INIT;
    if (store_inbox_list(db, rq->who.user_id, (size_t)limit, &v, &n, &unread, &e)) {
        inbox_items_free(v, n);
        return resp_err(rq, rs, &e);
    }
    int ret = api_send_take(rs, 200, json_notifications(v, n, unread));
    inbox_items_free(v, n);
    return ret;
}
