/* page: layout and shared pieces of the HTML pages; see page.h. */
#include "page.h"

#include "core/access.h"
#include "util/clock.h"
#include "util/xml.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void page_text(struct buf *b, const char *s)
{
    xml_escape(b, s, XML_SPACE_KEEP);
}

static const struct {
    const char *key, *href, *label;
    enum role min_role;
} nav_items[] = {
    { "dashboard", "/", "Tổng quan", ROLE_VIEWER },
    { "tasks", "/tasks", "Nhiệm vụ", ROLE_VIEWER },
    { "indicators", "/indicators", "Chỉ tiêu", ROLE_VIEWER },
    { "units", "/units", "Đơn vị", ROLE_VIEWER },
    { "documents", "/documents", "Văn bản", ROLE_VIEWER },
    { "report", "/report", "Báo cáo", ROLE_VIEWER },
    { "import", "/import", "Nhập dữ liệu", ROLE_UNIT },
    { "reviews", "/reviews", "Duyệt báo cáo", ROLE_UNIT_LEADER },
    { "admin", "/admin", "Quản trị", ROLE_ADMIN },
};

static void nav(const struct req *rq, struct buf *b, const char *current)
{
    buf_adds(b, "<nav aria-label=\"Chức năng chính\"><ul>");
    for (size_t i = 0; i < sizeof(nav_items) / sizeof(*nav_items); i++) {
        if (rq->who.role < nav_items[i].min_role)
            continue;
        bool here = current && !strcmp(current, nav_items[i].key);
        buf_addf(b, "<li><a href=\"%s\"%s>%s</a></li>", nav_items[i].href,
                 here ? " aria-current=\"page\"" : "", nav_items[i].label);
    }
    buf_adds(b, "</ul></nav>");
}

static void account(const struct req *rq, struct buf *b)
{
    if (rq->who.role == ROLE_NONE)
        return;
    buf_adds(b, "<div class=\"account\"><span>");
    page_text(b, rq->who.display);
    buf_adds(b, " · ");
    page_text(b, role_label(rq->who.role));
    if (rq->who.agency && *rq->who.agency) {
        buf_adds(b, " · ");
        page_text(b, rq->who.agency);
    }
    buf_adds(b, "</span><form method=\"post\" action=\"/logout\">");
    page_csrf(rq, b);
    buf_adds(b, "<button type=\"submit\" class=\"link\">Đăng xuất</button></form></div>");
}

void page_begin(struct req *rq, struct resp *rs, const char *title, const char *current)
{
    page_begin_prefixed(rq, rs, "", title, current);
}

void page_begin_prefixed(struct req *rq, struct resp *rs, const char *prefix, const char *title,
                         const char *current)
{
    struct buf *b = &rs->body;
    rs->content_type = "text/html; charset=utf-8";
    buf_adds(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"/>"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                "<link rel=\"icon\" href=\"data:,\"/><title>");
    page_text(b, prefix);
    page_text(b, title);
    buf_adds(b, " – giamsat</title><link rel=\"stylesheet\" href=\"/static/style.css\"/>"
                "<script src=\"/static/app.js\" defer=\"defer\"></script></head><body>"
                "<a class=\"skip\" href=\"#main\">Bỏ qua điều hướng</a><header class=\"top\">"
                "<a class=\"brand\" href=\"/\">giamsat <span>Theo dõi nhiệm vụ Nghị quyết 57"
                "</span></a>");
    account(rq, b);
    buf_adds(b, "</header>");
    if (rq->who.role != ROLE_NONE)
        nav(rq, b, current);
    buf_adds(b, "<main id=\"main\"><h1>");
    page_text(b, title);
    buf_adds(b, "</h1>");
}

void page_end(struct req *rq, struct resp *rs)
{
    (void)rq;
    buf_adds(&rs->body, "</main><footer><p>giamsat – hệ thống theo dõi, đánh giá việc thực hiện"
                        " nhiệm vụ và chỉ tiêu. Số liệu tính theo ngày chọn; mọi tổng số đều"
                        " được đối soát.</p></footer></body></html>\n");
}

void page_csrf(const struct req *rq, struct buf *b)
{
    buf_adds(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    page_attr(b, rq->who.csrf ? rq->who.csrf : "");
    buf_adds(b, "\"/>");
}

void page_badge(struct buf *b, enum bucket bucket)
{
    buf_addf(b, "<span class=\"badge b-%s\">%s</span>", bucket_key(bucket), bucket_label(bucket));
}

void page_date(struct buf *b, struct date d)
{
    char s[DATE_ISO_LEN];
    date_dmy(d, s);
    buf_adds(b, *s ? s : "—");
}

struct date page_today(void)
{
    struct date d;
    clock_today(&d.y, &d.m, &d.d);
    return date_is_valid(d.y, d.m, d.d) ? d : DATE_NONE;
}

int page_as_of(struct req *rq, struct resp *rs, struct date *out)
{
    /* For a page, req_date_or_400() answers the standard 400 page naming the field. */
    return req_date_or_400(rq, rs, "as_of", page_today(), out);
}

void page_as_of_form(const struct req *rq, struct buf *b, struct date as_of,
                     const char *const *keep)
{
    char dmy[DATE_ISO_LEN];
    date_dmy(as_of, dmy);
    buf_adds(b, "<form method=\"get\" class=\"as-of\"><label for=\"as_of\">Số liệu tính đến ngày"
                "</label> <input type=\"text\" class=\"date\" inputmode=\"numeric\""
                " maxlength=\"10\" autocomplete=\"off\" id=\"as_of\" name=\"as_of\""
                " aria-describedby=\"as_of-hint\" value=\"");
    page_attr(b, dmy);
    buf_adds(b, "\"/> <span class=\"hint\" id=\"as_of-hint\">ngày/tháng/năm, ví dụ 24/12/2025"
                "</span>");
    for (size_t i = 0; keep && keep[i]; i++) {
        const char *v = req_query(rq, keep[i]);
        if (!v)
            continue;
        buf_addf(b, "<input type=\"hidden\" name=\"%s\" value=\"", keep[i]);
        page_attr(b, v);
        buf_adds(b, "\"/>");
    }
    buf_adds(b, " <button type=\"submit\">Xem</button></form>");
}

/* The current query string without "page", URL-encoded, ending with '&' when not empty. */
static void query_without_page(const struct req *rq, struct buf *b)
{
    for (size_t i = 0; i < rq->n_query; i++) {
        if (!strcmp(rq->query[i].key, "page"))
            continue;
        http_encode(b, rq->query[i].key);
        buf_addch(b, '=');
        http_encode(b, rq->query[i].value);
        buf_addch(b, '&');
    }
}

int page_error(struct req *rq, struct resp *rs, int status, const char *title, const char *nav,
               const char *msg, const char *back, const char *back_label)
{
    struct buf *b = &rs->body;
    buf_reset(b);
    rs->status = status;
    page_begin(rq, rs, title, nav);
    buf_adds(b, "<div class=\"error-summary\" role=\"alert\"><p>");
    page_text(b, msg);
    buf_adds(b, "</p></div><p><a href=\"");
    page_attr(b, back);
    buf_adds(b, "\">");
    page_text(b, back_label);
    buf_adds(b, "</a></p>");
    page_end(rq, rs);
    return -1;
}

void page_select_open(struct buf *b, const char *name, const char *label)
{
    buf_addf(b,
             "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\""
             " name=\"%s\"><option value=\"\">Tất cả</option>",
             name, label, name, name);
}

void page_option(struct buf *b, const char *value, const char *label, bool selected)
{
    buf_adds(b, "<option value=\"");
    page_attr(b, value);
    buf_adds(b, selected ? "\" selected=\"selected\">" : "\">");
    page_text(b, label);
    buf_adds(b, "</option>");
}

void page_filters_begin(struct buf *b)
{
    buf_adds(b, "<details class=\"filters\" open=\"open\"><summary>Lọc</summary>");
}

void page_filters_end(struct buf *b)
{
    buf_adds(b, "</details>");
}

void page_pager(const struct req *rq, struct buf *b, long page, long n_pages)
{
    if (n_pages <= 1)
        return;
    struct buf q = BUF_INIT, href = BUF_INIT;
    query_without_page(rq, &q);
    buf_adds(b, "<nav class=\"pager\" aria-label=\"Phân trang\"><ul>");
    if (page > 1) {
        buf_reset(&href);
        buf_addf(&href, "%s?%spage=%ld", rq->path, q.data, page - 1);
        buf_adds(b, "<li><a rel=\"prev\" aria-label=\"Trang trước\" href=\"");
        page_attr(b, href.data);
        buf_adds(b, "\">‹ Trước</a></li>");
    }
    for (long p = 1; p <= n_pages; p++) {
        bool near = p == 1 || p == n_pages || (p >= page - 2 && p <= page + 2);
        if (!near) {
            if (p == page - 3 || p == page + 3)
                buf_adds(b, "<li>…</li>");
            continue;
        }
        buf_reset(&href);
        buf_addf(&href, "%s?%spage=%ld", rq->path, q.data, p);
        buf_adds(b, "<li><a href=\"");
        page_attr(b, href.data);
        buf_addf(b, "\" aria-label=\"Trang %ld\"%s>%ld</a></li>", p,
                 p == page ? " aria-current=\"page\"" : "", p);
    }
    if (page < n_pages) {
        buf_reset(&href);
        buf_addf(&href, "%s?%spage=%ld", rq->path, q.data, page + 1);
        buf_adds(b, "<li><a rel=\"next\" aria-label=\"Trang sau\" href=\"");
        page_attr(b, href.data);
        buf_adds(b, "\">Sau ›</a></li>");
    }
    buf_adds(b, "</ul></nav>");
    buf_release(&q);
    buf_release(&href);
}
