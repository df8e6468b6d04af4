/* routes: the route table and path matching; see routes.h. */
#include "routes.h"

#include "handlers.h"

#include <string.h>

const struct route routes[] = {
    { "GET", "/login", h_login_form, R_PUBLIC },
    { "POST", "/login", h_login, R_PUBLIC | R_NO_CSRF },
    { "POST", "/logout", h_logout, 0 },
    { "GET", "/static/*", h_static, R_PUBLIC },

    { "GET", "/", h_dashboard, 0 },
    { "GET", "/charts/*", h_chart, 0 },
    { "GET", "/tasks", h_tasks, 0 },
    { "GET", "/tasks/export", h_tasks_export, 0 },
    { "GET", "/tasks/:id", h_task, 0 },
    { "POST", "/tasks/:id/progress", h_task_progress, 0 },
    { "POST", "/tasks/:id/due", h_task_due, R_MANAGE },
    { "GET", "/indicators", h_indicators, 0 },
    { "GET", "/indicators/:id", h_indicator, 0 },
    { "POST", "/indicators/:id/measurements", h_indicator_measure, 0 },
    { "POST", "/indicators/:id/baseline", h_indicator_baseline, R_MANAGE },
    { "GET", "/units", h_units, 0 },
    { "GET", "/units/:id", h_unit, 0 },
    { "GET", "/documents", h_documents, 0 },
    { "GET", "/documents/:id", h_document, 0 },
    { "GET", "/warnings", h_warnings, 0 },
    { "GET", "/warnings/export", h_warnings_export, 0 },
    { "GET", "/warnings/rules", h_warning_rules, 0 },
    { "POST", "/warnings/rules", h_warning_rule_set, R_ADMIN },
    { "GET", "/requests", h_requests, 0 },
    { "GET", "/requests/new", h_request_new, R_MANAGE },
    { "POST", "/requests", h_request_add, R_MANAGE },
    { "GET", "/requests/:id", h_request, 0 },
    { "GET", "/requests/:id/letter", h_request_letter, 0 },
    { "POST", "/requests/:id/answer", h_request_answer, 0 },
    { "POST", "/requests/:id/accept", h_request_accept, R_MANAGE },
    { "POST", "/requests/:id/return", h_request_return, R_MANAGE },
    { "POST", "/documents/:id/info", h_document_info, R_MANAGE },
    { "GET", "/report", h_report, 0 },
    { "GET", "/report/download", h_report_download, 0 },
    { "GET", "/import", h_import_form, R_INTAKE },
    { "POST", "/import", h_import, R_INTAKE | R_BIG_BODY },
    { "GET", "/reviews", h_reviews, R_REVIEW },
    { "POST", "/reviews/:id", h_review_step, R_REVIEW },
    { "GET", "/inbox", h_inbox, 0 },
    { "POST", "/inbox/read", h_inbox_read, 0 },
    { "POST", "/inbox/email", h_inbox_email, 0 },
    { "GET", "/admin", h_admin, R_ADMIN },
    { "GET", "/admin/users", h_admin, R_ADMIN },
    { "GET", "/admin/tokens", h_admin, R_ADMIN },
    { "GET", "/admin/aliases", h_admin, R_ADMIN },
    { "GET", "/admin/units", h_admin, R_ADMIN },
    { "GET", "/admin/groups", h_admin, R_ADMIN },
    { "POST", "/admin/users", h_admin_user_add, R_ADMIN },
    { "POST", "/admin/users/:id", h_admin_user_update, R_ADMIN },
    { "POST", "/admin/tokens", h_admin_token_add, R_ADMIN },
    { "POST", "/admin/tokens/:id/revoke", h_admin_token_revoke, R_ADMIN },
    { "GET", "/admin/audit", h_admin_audit, R_MANAGE },
    { "POST", "/admin/aliases", h_admin_alias, R_MANAGE },
    { "POST", "/admin/groups/:id", h_admin_group_rule, R_ADMIN },

    { "GET", "/api/v1/openapi.json", api_openapi, R_PUBLIC },
    { "GET", "/api/v1/tasks", api_tasks, 0 },
    { "GET", "/api/v1/tasks/:id", api_task, 0 },
    { "GET", "/api/v1/units", api_units, 0 },
    { "GET", "/api/v1/documents", api_documents, 0 },
    { "GET", "/api/v1/report", api_report, 0 },
    { "GET", "/api/v1/warnings", api_warnings, 0 },
    { "GET", "/api/v1/requests", api_requests, 0 },
    { "GET", "/api/v1/requests/:id", api_request, 0 },
    { "POST", "/api/v1/requests", api_request_add, R_MANAGE },
    { "POST", "/api/v1/requests/:id/answer", api_request_answer, 0 },
    { "POST", "/api/v1/requests/:id/accept", api_request_accept, R_MANAGE },
    { "POST", "/api/v1/requests/:id/return", api_request_return, R_MANAGE },
    { "GET", "/api/v1/notifications", api_notifications, 0 },
    { "GET", "/api/v1/progress", api_progress_list, 0 },
    { "POST", "/api/v1/progress", api_progress_add, 0 },
    { "POST", "/api/v1/progress/:id/review", api_review_add, 0 },
    { "GET", "/api/v1/reviews", api_reviews, 0 },
    { "POST", "/api/v1/tasks/:id/progress", api_progress_add, 0 },
    { "GET", "/api/v1/agencies", api_units, 0 },
    { "GET", "/api/v1/indicators", api_indicators, 0 },
    { "GET", "/api/v1/indicators/:id", api_indicator, 0 },
    { "POST", "/api/v1/indicators/:id/measurements", api_measurement_add, 0 },
    { "POST", "/api/v1/measurements", api_measurement_add, 0 },
};
const size_t n_routes = sizeof(routes) / sizeof(routes[0]);

static bool is_number(const char *s, size_t n)
{
    if (n == 0 || n > 12 || s[0] == '0')
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* One segment: literal text must be equal, ":id" must be a number. */
static bool segment_matches(const char *p, size_t p_len, const char *s, size_t s_len)
{
    if (*p == ':')
        return is_number(s, s_len);
    return p_len == s_len && !strncmp(p, s, p_len);
}

/*
 * Match path against pattern segment by segment; when rq is given, store
 * the parameters (":id" segments and a final "*") into it.
 */
static bool match(const char *pattern, const char *path, struct req *rq)
{
    const char *params[4];
    size_t lens[4], n_params = 0;
    const char *p = pattern, *s = path;
    while (*p == '/' && *s == '/') {
        p++, s++;
        const char *pe = strchrnul(p, '/'), *se = strchrnul(s, '/');
        if (!strcmp(p, "*")) {
            params[n_params] = s;
            lens[n_params++] = strlen(s);
            p = pe, s += strlen(s);
            break;
        }
        if (!segment_matches(p, (size_t)(pe - p), s, (size_t)(se - s)) || n_params >= 4)
            return false;
        if (*p == ':') {
            params[n_params] = s;
            lens[n_params++] = (size_t)(se - s);
        }
        p = pe, s = se;
    }
    if (*p || *s)
        return false;
    for (size_t i = 0; rq && i < n_params; i++)
        rq->params[i] = arena_strndup(rq->arena, params[i], lens[i]);
    if (rq)
        rq->n_params = n_params;
    return true;
}

const struct route *route_find(struct req *rq, bool *path_known)
{
    *path_known = false;
    for (size_t i = 0; i < n_routes; i++) {
        if (!match(routes[i].pattern, rq->path, NULL))
            continue;
        if (strcmp(routes[i].method, rq->method)) {
            *path_known = true;
            continue;
        }
        match(routes[i].pattern, rq->path, rq);
        return &routes[i];
    }
    return NULL;
}

size_t route_body_max(const char *method, const char *path)
{
    for (size_t i = 0; i < n_routes; i++)
        if (!strcmp(routes[i].method, method) && match(routes[i].pattern, path, NULL))
            return routes[i].flags & R_BIG_BODY ? ROUTE_BIG_BODY : ROUTE_BODY_MAX;
    return ROUTE_BODY_MAX;
}
