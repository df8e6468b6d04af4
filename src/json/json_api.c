/*
 * json_api: the /api/v1 JSON and the reading of request bodies (a progress
 * report, a measurement); see json_api.h.
 */
#include "json_api.h"
#include "store/store_progress.h"

#include "json_internal.h"

#include "core/measure_entry.h"
#include "json_out.h"
#include "json_report.h"
#include "util/xalloc.h"
#include "util/text.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building ----------------------------------------------------------------- */

static json_t *bucket_or_null(enum bucket b)
{
    return b < N_BUCKETS ? json_string(bucket_key(b)) : json_null();
}

char *json_api_task_page(const struct task_view *t, size_t n, const enum bucket *status,
                         struct date as_of, long total, long limit, long offset)
{
    json_t *items = json_tasks_value(t, n);
    for (size_t i = 0; status && i < n; i++)
        json_object_set_new(json_array_get(items, i), "status", bucket_or_null(status[i]));
    json_t *o = json_object();
    json_object_set_new(o, "items", items);
    json_object_set_new(o, "total", json_integer(total));
    json_object_set_new(o, "limit", json_integer(limit));
    json_object_set_new(o, "offset", json_integer(offset));
    json_object_set_new(o, "as_of", status ? json_date(as_of) : json_null());
    return json_dump_take(o);
}

char *json_api_task(const struct task_view *t, const struct api_task_detail *d)
{
    json_t *o = json_task_value(t);
    json_object_set_new(o, "as_of", json_date(d->as_of));
    json_object_set_new(o, "status", bucket_or_null(d->status));
    json_t *as = json_array();
    for (size_t i = 0; i < d->n_assignments; i++) {
        const struct api_assignment *a = &d->assignments[i];
        json_t *x = json_object();
        json_object_set_new(x, "unit", json_string(a->unit));
        json_object_set_new(x, "status", bucket_or_null(a->status));
        json_object_set_new(x, "completed_on", json_date(a->completed_on));
        json_array_append_new(as, x);
    }
    json_object_set_new(o, "assignments", as);
    json_object_set_new(o, "progress",
                        json_progress_list_value(d->progress, d->n_progress));
    return json_dump_take(o);
}

char *json_api_progress_result(const struct progress_summary *s)
{
    json_t *o = json_object();
    if (s->added) {
        json_object_set_new(o, "id", json_integer(s->last_id));
        json_object_set_new(o, "added", json_true());
    } else {
        json_object_set_new(o, "id", json_integer(s->duplicate_id));
        json_object_set_new(o, "added", json_false());
        json_object_set_new(o, "duplicate", json_true());
    }
    return json_dump_take(o);
}

char *json_api_refusal(long task, const char *unit, const char *reason)
{
    json_t *o = json_object();
    json_object_set_new(o, "task", json_integer(task));
    json_object_set_new(o, "unit", unit ? json_string(unit) : json_null());
    json_object_set_new(o, "reason", json_string(reason));
    return json_dump_compact_take(o);
}

/* ---- reading a progress report ------------------------------------------------ */

#define TEXT_MAX 20000             /* bytes of one free-text field */
#define UNIT_MAX 400               /* bytes of a unit name */
#define TASK_ID_MAX 999999999999LL /* as the router accepts (12 digits) */

enum field_kind {
    FK_TASK,    /* positive integer -> long */
    FK_TEXT,    /* string -> char * (NULL when empty) */
    FK_DATE,    /* "YYYY-MM-DD" -> char * */
    FK_FLAG,    /* boolean -> bool */
    FK_PERCENT, /* integer 0..100 -> char * (decimal) */
};

struct field_spec {
    const char *name;
    enum field_kind kind;
    size_t max_len; /* FK_TEXT */
    size_t off;     /* of the destination in struct progress_request */
};

#define AT(member) offsetof(struct progress_request, member)

static const struct field_spec fields[] = {
    { "task", FK_TASK, 0, AT(task) },
    { "unit", FK_TEXT, UNIT_MAX, AT(row.unit) },
    { "date", FK_DATE, 0, AT(row.reported_on) },
    { "done", FK_FLAG, 0, AT(done) },
    { "reopen", FK_FLAG, 0, AT(reopen) },
    { "completed_on", FK_DATE, 0, AT(row.completed_on) },
    { "output", FK_TEXT, TEXT_MAX, AT(row.output) },
    { "result", FK_TEXT, TEXT_MAX, AT(row.result) },
    { "next", FK_TEXT, TEXT_MAX, AT(row.next) },
    { "issues", FK_TEXT, TEXT_MAX, AT(row.issues) },
    { "attachment", FK_TEXT, TEXT_MAX, AT(row.attachment) },
    { "percent", FK_PERCENT, 0, AT(row.percent) },
};
#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

static const struct field_spec *field_find(const char *name)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (!strcmp(fields[i].name, name))
            return &fields[i];
    return NULL;
}

static int read_text(const struct field_spec *f, json_t *v, char **dst, struct err *e)
{
    if (!json_is_string(v))
        return err_set(e, ERR_INVALID, "field '%s' must be a string", f->name);
    size_t len = json_string_length(v);
    if (len > f->max_len)
        return err_set(e, ERR_INVALID, "field '%s' is longer than %zu bytes", f->name, f->max_len);
    *dst = len ? xstrndup(json_string_value(v), len) : NULL;
    return 0;
}

static int read_date(const struct field_spec *f, json_t *v, char **dst, struct err *e)
{
    struct date d;
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (!s || strlen(s) != 10 || date_parse_iso(s, &d))
        return err_set(e, ERR_INVALID, "field '%s' must be a date as \"YYYY-MM-DD\"", f->name);
    *dst = xstrdup(s);
    return 0;
}

/* Store value v of field f into out; null leaves the field absent. */
static int read_field(const struct field_spec *f, json_t *v, struct progress_request *out,
                      struct err *e)
{
    void *dst = (char *)out + f->off;
    if (json_is_null(v))
        return 0;
    switch (f->kind) {
    case FK_TASK:
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > TASK_ID_MAX)
            return err_set(e, ERR_INVALID, "field '%s' must be a task id (a positive integer)",
                           f->name);
        *(long *)dst = (long)json_integer_value(v);
        return 0;
    case FK_FLAG:
        if (!json_is_boolean(v))
            return err_set(e, ERR_INVALID, "field '%s' must be true or false", f->name);
        *(bool *)dst = json_is_true(v);
        return 0;
    case FK_PERCENT:
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100)
            return err_set(e, ERR_INVALID, "field '%s' must be an integer from 0 to 100", f->name);
        *(char **)dst = xasprintf("%d", (int)json_integer_value(v));
        return 0;
    case FK_DATE:
        return read_date(f, v, dst, e);
    case FK_TEXT:
        break;
    }
    return read_text(f, v, dst, e);
}

/* The rules between fields, once each is read. */
static int check_request(struct progress_request *out, struct err *e)
{
    if (!out->row.unit)
        return err_set(e, ERR_INVALID, "field 'unit' is required (the reporting unit)");
    if (!out->row.reported_on)
        return err_set(e, ERR_INVALID, "field 'date' is required (the report date, YYYY-MM-DD)");
    if (out->done && out->reopen)
        return err_set(e, ERR_INVALID, "fields 'done' and 'reopen' cannot both be true");
    if (out->row.completed_on && !out->done)
        return err_set(e, ERR_INVALID, "field 'completed_on' needs \"done\": true");
    if (out->done)
        out->row.done = xstrdup("có");
    else if (out->reopen)
        out->row.done = xstrdup("mở lại");
    return 0;
}

static json_t *load_object(const char *body, size_t len, struct err *e)
{
    if (len > JSON_API_BODY_MAX) {
        err_set(e, ERR_INVALID, "the body is larger than %zu bytes", JSON_API_BODY_MAX);
        return NULL;
    }
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!root) {
        err_set(e, ERR_INVALID, "the body is not valid JSON: %s (line %d, column %d)", jerr.text,
                jerr.line, jerr.column);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        err_set(e, ERR_INVALID, "the body must be a JSON object");
        return NULL;
    }
    return root;
}

/* One member of the body: a known field, read into out. */
static int read_member(const char *key, json_t *v, void *request, struct err *e)
{
    struct progress_request *out = request;
    const struct field_spec *f = field_find(key);
    if (!f)
        return err_set(e, ERR_INVALID,
                       "unknown field '%.*s' (known: task, unit, date, done, reopen,"
                       " completed_on, output, result, next, issues, attachment, percent)",
                       text_prefix_len(key, 80), key);
    return read_field(f, v, out, e);
}

/* Read every member of the JSON object in body with read(key, value, request, e). */
static int read_object(const char *body, size_t len,
                       int (*read)(const char *, json_t *, void *, struct err *), void *request,
                       struct err *e)
{
    json_t *root = load_object(body, len, e);
    if (!root)
        return e->kind;
    int ret = 0;
    for (void *it = json_object_iter(root); it && !ret; it = json_object_iter_next(root, it))
        ret = read(json_object_iter_key(it), json_object_iter_value(it), request, e);
    json_decref(root);
    return ret;
}

int json_api_read_progress(const char *body, size_t len, struct progress_request *out,
                           struct err *e)
{
    int ret = read_object(body, len, read_member, out, e);
    return ret ? ret : check_request(out, e);
}

void progress_request_release(struct progress_request *rq)
{
    progress_row_release(&rq->row);
    *rq = PROGRESS_REQUEST_INIT;
}

/* ---- reading a measurement ------------------------------------------------------ */

#define CODE_MAX 64      /* bytes of an indicator code */
#define DATE_TEXT_MAX 40 /* bytes of a date as typed */

#define MAT(member) offsetof(struct measure_request, member)

/* A measurement's fields; off is in struct measure_request ("date" is read apart). */
static const struct field_spec measure_fields[] = {
    { "indicator", FK_TEXT, CODE_MAX, MAT(indicator) },
    { "document", FK_TEXT, UNIT_MAX, MAT(document) },
    { "date", FK_DATE, 0, MAT(on) },
    { "value", FK_TEXT, MEASURE_VALUE_MAX, MAT(value) },
    { "unit", FK_TEXT, MEASURE_NAME_MAX, MAT(unit) },
    { "bloc", FK_TEXT, MEASURE_NAME_MAX, MAT(bloc) },
    { "source", FK_TEXT, MEASURE_SOURCE_MAX, MAT(source) },
};
#define N_MEASURE_JSON_FIELDS (sizeof(measure_fields) / sizeof(measure_fields[0]))

/*
 * A JSON number as a Vietnamese reader writes it ("82", "0,72"): a point
 * would read as a thousands separator in "81.400". No exponent.
 */
static int number_text(json_t *v, char **dst, struct err *e)
{
    char s[64];
    if (json_is_integer(v))
        snprintf(s, sizeof(s), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else
        snprintf(s, sizeof(s), "%.15g", json_real_value(v));
    if (strpbrk(s, "eEnN"))
        return err_set(e, ERR_INVALID,
                       "field 'value' must be a plain number (no exponent) or a text (\"82%%\")");
    char *point = strchr(s, '.');
    if (point)
        *point = ',';
    *dst = xstrdup(s);
    return 0;
}

static int read_user_date(json_t *v, struct date *out, struct err *e)
{
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (!s || strlen(s) > DATE_TEXT_MAX || date_parse_user(s, out))
        return err_set(e, ERR_INVALID,
                       "field 'date' must be a date (\"YYYY-MM-DD\" or \"dd/mm/yyyy\")");
    return 0;
}

/* One member of a measurement body; null leaves the field absent. */
static int read_measure_member(const char *key, json_t *v, void *request, struct err *e)
{
    struct measure_request *out = request;
    const struct field_spec *f = NULL;
    for (size_t i = 0; i < N_MEASURE_JSON_FIELDS && !f; i++)
        if (!strcmp(measure_fields[i].name, key))
            f = &measure_fields[i];
    if (!f)
        return err_set(e, ERR_INVALID,
                       "unknown field '%.*s' (known: indicator, document, date, value, unit,"
                       " bloc, source)",
                       text_prefix_len(key, 80), key);
    if (json_is_null(v))
        return 0;
    if (f->kind == FK_DATE)
        return read_user_date(v, &out->on, e);
    char **dst = (char **)((char *)out + f->off);
    if (f->off == MAT(value) && json_is_number(v))
        return number_text(v, dst, e);
    if (f->off == MAT(value) && !json_is_string(v))
        return err_set(e, ERR_INVALID, "field 'value' must be a string or a number");
    return read_text(f, v, dst, e);
}

int json_api_read_measurement(const char *body, size_t len, struct measure_request *out,
                              struct err *e)
{
    int ret = read_object(body, len, read_measure_member, out, e);
    if (!ret && !date_is_set(out->on))
        ret = err_set(e, ERR_INVALID, "field 'date' is required (the date measured, YYYY-MM-DD)");
    if (!ret && !out->value)
        ret = err_set(e, ERR_INVALID,
                      "field 'value' is required (as written: 82%%, 0,72, thứ 5, đạt)");
    return ret;
}

void measure_request_release(struct measure_request *rq)
{
    free(rq->indicator);
    free(rq->document);
    free(rq->value);
    free(rq->unit);
    free(rq->bloc);
    free(rq->source);
    *rq = MEASURE_REQUEST_INIT;
}

char *json_api_measure_refusal(const char *code, const char *reason)
{
    json_t *o = json_object();
    json_object_set_new(o, "indicator", json_string(code));
    json_object_set_new(o, "reason", json_string(reason));
    return json_dump_compact_take(o);
}

char *json_api_access_refusal(const char *method, const char *path, const char *route,
                              int status, const char *reason)
{
    json_t *o = json_object();
    json_object_set_new(o, "method", json_string(method));
    json_object_set_new(o, "path", json_string(path));
    json_object_set_new(o, "route", json_string(route));
    json_object_set_new(o, "status", json_integer(status));
    if (reason)
        json_object_set_new(o, "reason", json_string(reason));
    return json_dump_compact_take(o);
}
