/*
 * page_status: the page a person sees when a page route answers an error.
 *
 * resp_error() (http.h) decides by route prefix: under /api/ it writes a
 * JSON body; elsewhere it keeps its (Vietnamese) message in rs->error with
 * a plain-text body. page_status_finish(), called once when the request is
 * done (app_handle(), and server.c for what it refuses before routing),
 * replaces that body with the full layout of page.h — <html lang="vi">,
 * the header, the navigation when signed in — under a Vietnamese heading
 * for the status:
 *   400 Yêu cầu không hợp lệ      the message names the field
 *   403 Không có quyền truy cập   the message, what the account may do, a link back
 *   404 Không tìm thấy trang      405 Phương thức không được hỗ trợ
 *   500 Lỗi hệ thống              no detail (the detail is in the server log)
 * Responses a handler already wrote as a page (page_error()) are left as
 * they are, and so is every JSON body.
 */
#ifndef GIAMSAT_PAGE_STATUS_H
#define GIAMSAT_PAGE_STATUS_H

#include "http.h"

/** The Vietnamese heading of an error status ("Không tìm thấy trang" for 404). */
const char *page_status_title(int status);

/** Render rs->error (set by resp_error() on a page route) as a layout page; else nothing. */
void page_status_finish(struct req *rq, struct resp *rs);

#endif
