/*
 * handlers: every page and API handler, one group per file. Each has the
 * handler_fn signature (routes.h): fill rs, return 0, or -1 after writing
 * an error response.
 */
#ifndef GIAMSAT_HANDLERS_H
#define GIAMSAT_HANDLERS_H

#include "http.h"

/* page_auth.c: sign in and out */
int h_login_form(struct req *rq, struct resp *rs);
int h_login(struct req *rq, struct resp *rs);
int h_logout(struct req *rq, struct resp *rs);

/* page_static.c: styles and scripts built into the binary */
int h_static(struct req *rq, struct resp *rs);

/* page_dashboard.c: Tổng quan */
int h_dashboard(struct req *rq, struct resp *rs);
int h_chart(struct req *rq, struct resp *rs);

/* page_tasks.c: Nhiệm vụ (list, export, one task, progress entry) */
int h_tasks(struct req *rq, struct resp *rs);
int h_tasks_export(struct req *rq, struct resp *rs);
int h_task(struct req *rq, struct resp *rs);
int h_task_progress(struct req *rq, struct resp *rs);
int h_task_due(struct req *rq, struct resp *rs);

/* page_indicators.c, page_indicator.c, page_indicator_form.c: Chỉ tiêu */
int h_indicators(struct req *rq, struct resp *rs);
int h_indicator(struct req *rq, struct resp *rs);
int h_indicator_measure(struct req *rq, struct resp *rs);
int h_indicator_baseline(struct req *rq, struct resp *rs);

/* page_units.c: Đơn vị and Văn bản */
int h_units(struct req *rq, struct resp *rs);
int h_unit(struct req *rq, struct resp *rs);
int h_documents(struct req *rq, struct resp *rs);
int h_document(struct req *rq, struct resp *rs);
int h_document_info(struct req *rq, struct resp *rs);

/* page_report.c: Báo cáo */
int h_report(struct req *rq, struct resp *rs);
int h_report_download(struct req *rq, struct resp *rs);

/* page_import.c: Nhập dữ liệu */
int h_import_form(struct req *rq, struct resp *rs);
int h_import(struct req *rq, struct resp *rs);

/* page_admin.c, page_audit.c: Quản trị and the audit log */
int h_admin(struct req *rq, struct resp *rs);
int h_admin_user_add(struct req *rq, struct resp *rs);
int h_admin_user_update(struct req *rq, struct resp *rs);
int h_admin_token_add(struct req *rq, struct resp *rs);
int h_admin_token_revoke(struct req *rq, struct resp *rs);
int h_admin_audit(struct req *rq, struct resp *rs);
/* page_groups.c: group rules and aliases */
int h_admin_group_rule(struct req *rq, struct resp *rs);
int h_admin_alias(struct req *rq, struct resp *rs);

/* api.c: /api/v1 */
int api_tasks(struct req *rq, struct resp *rs);
int api_task(struct req *rq, struct resp *rs);
int api_units(struct req *rq, struct resp *rs);
int api_documents(struct req *rq, struct resp *rs);
int api_report(struct req *rq, struct resp *rs);
int api_progress_list(struct req *rq, struct resp *rs);
int api_progress_add(struct req *rq, struct resp *rs);
int api_openapi(struct req *rq, struct resp *rs);
/* api_indicators.c: indicators with their status, measurements (issue #5) */
int api_indicators(struct req *rq, struct resp *rs);
/* api_warnings.c: GET /api/v1/warnings, the early warnings as of a date */
int api_warnings(struct req *rq, struct resp *rs);
/* api_requests.c: GET /api/v1/requests, the requests for explanation as of a date */
int api_requests(struct req *rq, struct resp *rs);
/* page_reviews.c: Duyệt báo cáo, the approval of progress reports */
int h_reviews(struct req *rq, struct resp *rs);
int h_review_step(struct req *rq, struct resp *rs);
/* api_approval.c: GET /api/v1/reviews, POST /api/v1/progress/{id}/review (approval of reports) */
int api_reviews(struct req *rq, struct resp *rs);
int api_review_add(struct req *rq, struct resp *rs);
int api_indicator(struct req *rq, struct resp *rs);
int api_measurement_add(struct req *rq, struct resp *rs);

#endif
