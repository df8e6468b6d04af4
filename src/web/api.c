/*
 * api: the shared pieces of /api/v1 and its simple endpoints — units,
 * documents, the statistics report and the OpenAPI document; see api.h
 * (indicators are in api_indicators.c).
 */
#include "api.h"

#include "app.h"
#include "handlers.h"
#include "report_cache.h"
#include "core/embedded.h"
#include "core/report.h"
#include "json/json_api.h"
#include "json/json_out.h"
#include "store/store_docsets.h"
#include "store/store_query.h"
#include "util/strparse.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define API_CONTENT_TYPE "application/json"

/* ---- shared --------------------------------------------------------------------- */

int api_send_take(struct resp *rs, int status, char *json)
{
    rs->status = status;
    rs->content_type = API_CONTENT_TYPE;
    buf_reset(&rs->body);
    buf_adds(&rs->body, json);
    buf_addch(&rs->body, '\n');
    free(json);
    return 0;
}

static bool is_allowed(const char *key, const char *const *allowed)
{
    for (size_t i = 0; allowed && allowed[i]; i++)
        if (!strcmp(key, allowed[i]))
            return true;
    return false;
}

int api_params_or_400(struct req *rq, struct resp *rs, const char *const *allowed)
{
    for (size_t i = 0; i < rq->n_query; i++) {
        if (is_allowed(rq->query[i].key, allowed))
            continue;
        struct buf known = BUF_INIT;
        for (size_t k = 0; allowed && allowed[k]; k++)
            buf_addf(&known, "%s%s", k ? ", " : "", allowed[k]);
        int ret = resp_error(rq, rs, 400, "unknown parameter '%.*s' (%s%s)",
                             text_prefix_len(rq->query[i].key, 80), rq->query[i].key,
                             known.len ? "accepted: " : "this endpoint takes none", known.data);
        buf_release(&known);
        return ret;
    }
    return 0;
}

int api_json_body_or_4xx(struct req *rq, struct resp *rs, const char *what)
{
    static const char want[] = "application/json";
    size_t len = sizeof(want) - 1;
    const char *type = rq->content_type;
    bool json = !strncasecmp(type, want, len) &&
                (type[len] == '\0' || type[len] == ';' || type[len] == ' ');
    if (!json)
        return resp_error(rq, rs, 415, "send the %s as JSON (Content-Type: application/json)",
                          what);
    if (rq->body_len > JSON_API_BODY_MAX)
        return resp_error(rq, rs, 413, "the body is larger than %zu bytes", JSON_API_BODY_MAX);
    return 0;
}

int api_unit_param(struct req *rq, struct resp *rs, const char *key, long *agency_id)
{
    const char *name = req_query_nonblank(rq, key);
    *agency_id = 0;
    if (!name)
        return 0;
    const struct registry *reg = app_registry(rq, rs);
    if (!reg)
        return -1;
    *agency_id = registry_unit_id(reg, name);
    if (!*agency_id)
        return resp_error(rq, rs, 400, "parameter '%s': no unit named '%.*s'", key,
                          text_prefix_len(name, 200), name);
    return 0;
}

long api_path_id(struct req *rq, struct resp *rs)
{
    long id = 0;
    if (rq->n_params < 1 || strparse_long(rq->params[0], 1, 999999999999L, &id))
        return resp_error(rq, rs, 404, "no such id '%s'", rq->n_params ? rq->params[0] : "");
    return id;
}

/* ---- lists ---------------------------------------------------------------------- */

int api_units(struct req *rq, struct resp *rs)
{
    if (api_params_or_400(rq, rs, NULL))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct agency_view *a = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_agencies(db, &a, &n, &e))
        return resp_err(rq, rs, &e);
    int ret = api_send_take(rs, 200, json_agencies(a, n));
    agency_views_free(a, n);
    return ret;
}

int api_documents(struct req *rq, struct resp *rs)
{
    if (api_params_or_400(rq, rs, NULL))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct document_view *d = NULL;
    size_t n = 0;
    struct err e = ERR_INIT;
    if (store_documents(db, &d, &n, &e))
        return resp_err(rq, rs, &e);
    int ret = api_send_take(rs, 200, json_documents(d, n));
    document_views_free(d, n);
    return ret;
}

/* ---- the statistics report ---------------------------------------------------------- */

/* The report's options from the query; -1 after a 400 naming the parameter. */
static int report_scope(struct req *rq, struct resp *rs, struct db *db, struct date *as_of,
                        struct date *due_by, long *document_id, long *agency_id)
{
    if (!req_query_nonblank(rq, "as_of"))
        return resp_error(rq, rs, 400, "parameter 'as_of' is required (yyyy-mm-dd)");
    if (req_date_or_400(rq, rs, "as_of", DATE_NONE, as_of) ||
        req_date_or_400(rq, rs, "due_by", DATE_NONE, due_by))
        return -1;
    const char *doc = req_query_nonblank(rq, "document");
    struct err e = ERR_INIT;
    *document_id = 0;
    if (doc && store_find_document(db, doc, document_id, &e))
        return resp_error(rq, rs, 400, "parameter 'document': %s", e.msg);
    return api_unit_param(rq, rs, "agency", agency_id);
}

int api_report(struct req *rq, struct resp *rs)
{
    static const char *const params[] = { "as_of", "due_by", "document", "agency", NULL };
    if (api_params_or_400(rq, rs, params))
        return -1;
    struct db *db = app_db(rq, rs);
    if (!db)
        return -1;
    struct report_options o = { DATE_NONE, DATE_NONE, PROG_NONE, PROG_NONE };
    long document_id, agency_id;
    if (report_scope(rq, rs, db, &o.as_of, &o.due_by, &document_id, &agency_id))
        return -1;
    /* The snapshot, the report and its JSON text come from the shared cache. */
    struct cached_snapshot *s = NULL;
    struct cached_report *r = NULL;
    struct err e = ERR_INIT;
    if (app_snapshot(rq, db, &s, &e))
        return resp_err(rq, rs, &e);
    if (document_id)
        o.document = programme_find_document(&s->prog, document_id);
    if (agency_id)
        o.agency = programme_find_agency(&s->prog, agency_id);
    if (app_report(rq, s, &o, &r, &e))
        return resp_err(rq, rs, &e);
    /* Exactly the text of `giamsat report --format json`, newline included; not copied. */
    struct report_notes notes = REPORT_NOTES_INIT;
    struct report_extras x = { NULL };
    if (store_report_notes(db, &r->rep, REPORT_STALE_DAYS, &notes, &e)) {
        report_notes_release(&notes);
        return resp_err(rq, rs, &e);
    }
    report_notes_extras(&notes, &x);
    size_t len = 0;
    const char *json = report_cache_json(app_of(rq)->cache, r, &x, &len);
    report_notes_release(&notes);
    rs->status = 200;
    rs->content_type = API_CONTENT_TYPE;
    resp_shared(rs, json, len);
    return 0;
}

/* ---- the OpenAPI document ------------------------------------------------------------ */

int api_openapi(struct req *rq, struct resp *rs)
{
    if (api_params_or_400(rq, rs, NULL))
        return -1;
    const struct embedded_file *f = embedded_find("data/web/openapi.json");
    if (!f)
        return resp_error(rq, rs, 500, "the OpenAPI document is not built in");
    rs->content_type = API_CONTENT_TYPE;
    resp_header(rs, "Cache-Control", "public, max-age=300");
    buf_add(&rs->body, f->data, f->len);
    return 0;
}
