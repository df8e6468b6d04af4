/* page_status: error pages with the layout; see page_status.h. */
#include "page_status.h"

#include "core/access.h"
#include "page.h"

#include <string.h>

static const struct {
    int status;
    const char *title;
} titles[] = {
    { 400, "Yêu cầu không hợp lệ" },        { 403, "Không có quyền truy cập" },
    { 404, "Không tìm thấy trang" },        { 405, "Phương thức không được hỗ trợ" },
    { 409, "Dữ liệu đã thay đổi" },         { 413, "Yêu cầu quá lớn" },
    { 415, "Định dạng không được hỗ trợ" }, { 422, "Dữ liệu chưa hợp lệ" },
    { 429, "Quá nhiều lần thử" },           { 503, "Hệ thống đang bận" },
};

const char *page_status_title(int status)
{
    for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++)
        if (titles[i].status == status)
            return titles[i].title;
    return status >= 500 ? "Lỗi hệ thống" : "Yêu cầu không hợp lệ";
}

/* What each role may do, for the 403 page. */
static const char *role_scope(enum role r)
{
    switch (r) {
    case ROLE_VIEWER:
        return "được xem nhiệm vụ, chỉ tiêu, đơn vị và báo cáo; không được nhập hay sửa dữ"
               " liệu.";
    case ROLE_UNIT:
        return "được xem số liệu, báo cáo tiến độ và nhập tệp cho đơn vị của mình; không được"
               " sửa nhiệm vụ hay quản trị hệ thống.";
    case ROLE_UNIT_LEADER:
        return "được xem số liệu, báo cáo tiến độ cho đơn vị của mình và duyệt hoặc trả lại báo"
               " cáo của đơn vị; không được sửa nhiệm vụ hay quản trị hệ thống.";
    case ROLE_MONITOR:
        return "được xem, nhập dữ liệu và cập nhật mọi nhiệm vụ; không được quản trị tài khoản"
               " và hệ thống.";
    case ROLE_ADMIN:
        return "được dùng mọi chức năng.";
    case ROLE_NONE:
        break;
    }
    return "chưa đăng nhập.";
}

static void forbidden_detail(const struct req *rq, struct buf *b)
{
    if (rq->who.role == ROLE_NONE)
        return;
    buf_adds(b, "<p>Tài khoản <strong>");
    page_text(b, rq->who.name ? rq->who.name : "");
    buf_adds(b, "</strong> có vai trò <strong>");
    page_text(b, role_label(rq->who.role));
    buf_adds(b, "</strong>: ");
    buf_adds(b, role_scope(rq->who.role));
    buf_adds(b, " Nếu cần quyền khác, hãy đề nghị quản trị viên.</p>");
}

/* The message a status shows: a 500 names nothing of the server's inside. */
static void message(const struct req *rq, struct resp *rs, const char *msg)
{
    struct buf *b = &rs->body;
    if (rs->status >= 500 && rs->status != 503) {
        buf_adds(b, "<div class=\"notice status\"><p>Hệ thống gặp lỗi khi xử lý yêu cầu;"
                    " không có gì được ghi. Vui lòng thử lại sau ít phút; nếu lỗi lặp lại,"
                    " hãy báo quản trị viên (chi tiết đã được ghi trong nhật ký máy chủ).</p>"
                    "</div>");
        return;
    }
    buf_adds(b, "<div class=\"notice status\"><p>");
    page_text(b, msg);
    buf_adds(b, "</p></div>");
    if (rs->status == 403)
        forbidden_detail(rq, b);
    else if (rs->status == 404)
        buf_adds(b, "<p>Địa chỉ có thể đã gõ sai, hoặc mục này đã bị xóa hay đổi mã.</p>");
    else if (rs->status == 405) {
        buf_adds(b, "<p>Địa chỉ này không nhận yêu cầu ");
        page_text(b, rq->method);
        buf_adds(b, ".</p>");
    }
}

void page_status_finish(struct req *rq, struct resp *rs)
{
    /* Only the plain body resp_error() wrote: a page a handler wrote after it stays. */
    if (!rs->error || req_wants_json(rq) || rs->status < 400 ||
        strcmp(rs->content_type, HTTP_ERROR_TEXT_TYPE))
        return;
    const char *msg = rs->error;
    rs->error = NULL;
    buf_reset(&rs->body);
    rs->shared = NULL;
    page_begin(rq, rs, page_status_title(rs->status), NULL);
    message(rq, rs, msg);
    if (rq->who.role == ROLE_NONE)
        buf_adds(&rs->body, "<p><a href=\"/login\">Đăng nhập</a> · <a href=\"/\">Về trang"
                            " tổng quan</a></p>");
    else
        buf_adds(&rs->body, "<p><a href=\"/\">Về trang tổng quan</a></p>");
    page_end(rq, rs);
}
