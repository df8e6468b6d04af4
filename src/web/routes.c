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
    { "GET", "/units", h_units, 0 },
    { "GET", "/units/:id", h_unit, 0 },
    { "GET", "/documents", h_documents, 0 },
    { "GET", "/documents/:id", h_document, 0 },
    { "GET", "/report", h_report, 0 },
    { "GET", "/report/download", h_report_download, 0 },
    { "GET", "/import", h_import_form, R_MANAGE },
    { "POST", "/import", h_import, R_MANAGE | R_BIG_BODY },
    { "GET", "/admin", h_admin, R_ADMIN },
    { "POST", "/admin/users", h_admin_user_add, R_ADMIN },
    { "POST", "/admin/users/:id", h_admin_user_update, R_ADMIN },
    { "POST", "/admin/tokens", h_admin_token_add, R_ADMIN },
    { "POST", "/admin/tokens/:id/revoke", h_admin_token_revoke, R_ADMIN },
    { "GET", "/admin/audit", h_admin_audit, R_MANAGE },

    { "GET", "/api/v1/openapi.json", api_openapi, R_PUBLIC },
    { "GET", "/api/v1/tasks", api_tasks, 0 },
    { "GET", "/api/v1/tasks/:id", api_task, 0 },
    { "GET", "/api/v1/units", api_units, 0 },
    { "GET", "/api/v1/documents", api_documents, 0 },
    { "GET", "/api/v1/report", api_report, 0 },
    { "GET", "/api/v1/progress", api_progress_list, 0 },
    { "POST", "/api/v1/progress", api_progress_add, 0 },
    { "GET", "/api/v1/indicators", api_indicators, 0 },
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

/* Match path against pattern segment by segment, collecting parameters into rq. */
static bool match(const char *pattern, const char *path, struct req *rq)
{
    size_t n_params = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/')
            return false;
        p++;
        s++;
        const char *pe = strchrnul(p, '/'), *se = strchrnul(s, '/');
        if (!strcmp(p, "*")) {
            if (rq)
                rq->params[n_params++] = arena_strdup(rq->arena, s);
            s += strlen(s);
            p = pe;
            break;
        }
        if (*p == ':') {
            if (!is_number(s, (size_t)(se - s)) || n_params >= 4)
                return false;
            if (rq)
                rq->params[n_params++] = arena_strndup(rq->arena, s, (size_t)(se - s));
        } else if ((size_t)(pe - p) != (size_t)(se - s) || strncmp(p, s, (size_t)(pe - p))) {
            return false;
        }
        p = pe;
        s = se;
    }
    if (*p || *s)
        return false;
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
