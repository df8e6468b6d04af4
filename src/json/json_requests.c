/* json_requests: requests for explanation as JSON; see json_requests.h. */
#include "json_requests.h"

#include "json_internal.h"

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define BODY_MAX ((size_t)256 << 10) /* bytes of a request body */
#define FIELD_TEXT_MAX 20000         /* bytes of one text field */

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *step_item(const struct request_step_view *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(request_step_key(s->step.kind)));
    json_object_set_new(o, "on", json_date(s->step.on));
    json_object_set_new(o, "new_due", json_date(s->step.new_due));
    json_object_set_new(o, "explanation", text_or_null(s->explanation));
    json_object_set_new(o, "remedy", text_or_null(s->remedy));
    json_object_set_new(o, "comment", text_or_null(s->comment));
    json_object_set_new(o, "by", text_or_null(s->created_by));
    json_object_set_new(o, "at", text_or_null(s->created_at));
    return o;
}

static json_t *request_item(const struct request_view *v, const struct request_status *st,
                            struct date as_of)
{
    json_t *o = json_object(), *steps = json_array();
    json_object_set_new(o, "id", json_integer(v->id));
    json_object_set_new(o, "task", v->task_id ? json_integer(v->task_id) : json_null());
    json_object_set_new(o, "task_name", text_or_null(v->task_name));
    json_object_set_new(o, "indicator", text_or_null(v->indicator_code));
    json_object_set_new(o, "unit", text_or_null(v->unit));
    json_object_set_new(o, "content", text_or_null(v->content));
    json_object_set_new(o, "number", text_or_null(v->number));
    json_object_set_new(o, "issued_on", json_date(v->issued_on));
    json_object_set_new(o, "due", json_date(st->due));
    json_object_set_new(o, "state", json_string(request_state_key(st->state)));
    json_object_set_new(o, "state_label", json_string(request_state_label(st->state)));
    json_object_set_new(o, "round", json_integer(st->round));
    json_object_set_new(o, "answered_on", json_date(st->answered_on));
    json_object_set_new(o, "answered_late", json_boolean(st->answered_late));
    json_object_set_new(o, "late_answers", json_integer(st->late_answers));
    for (size_t i = 0; i < v->n_steps && date_cmp(v->steps[i].step.on, as_of) <= 0; i++)
        json_array_append_new(steps, step_item(&v->steps[i]));
    json_object_set_new(o, "steps", steps);
    return o;
}

char *json_request_list(const struct request_view *v, size_t n, struct date as_of, int state)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        if (date_cmp(v[i].issued_on, as_of) > 0)
            continue; /* not yet issued as of the date */
        struct request_status st = request_view_status(&v[i], as_of);
        if (state < 0 || (int)st.state == state)
            json_array_append_new(a, request_item(&v[i], &st, as_of));
    }
    return json_dump_take(a);
}

char *json_request_one(const struct request_view *v, struct date as_of)
{
    struct request_status st = request_view_status(v, as_of);
    return json_dump_take(request_item(v, &st, as_of));
}

/* ---- reading a body --------------------------------------------------------------- */

enum body_kind { BK_TASK, BK_TEXT, BK_DATE };

struct body_field {
    const char *name;
    enum body_kind kind;
    size_t off; /* in struct request_body */
};

#define BF(member) offsetof(struct request_body, member)

static const struct body_field body_fields[] = {
    { "task", BK_TASK, BF(task) },
    { "indicator", BK_TEXT, BF(indicator) },
    { "document", BK_TEXT, BF(document) },
    { "unit", BK_TEXT, BF(unit) },
    { "content", BK_TEXT, BF(content) },
    { "number", BK_TEXT, BF(number) },
    { "explanation", BK_TEXT, BF(explanation) },
    { "remedy", BK_TEXT, BF(remedy) },
    { "comment", BK_TEXT, BF(comment) },
    { "date", BK_DATE, BF(date) },
    { "due", BK_DATE, BF(due) },
    { "new_due", BK_DATE, BF(new_due) },
};
#define N_BODY_FIELDS (sizeof(body_fields) / sizeof(body_fields[0]))

static const struct body_field *body_field_find(const char *key, const char *const *allowed)
{
    bool ok = false;
    for (size_t i = 0; allowed[i] && !ok; i++)
        ok = !strcmp(allowed[i], key);
    for (size_t i = 0; ok && i < N_BODY_FIELDS; i++)
        if (!strcmp(body_fields[i].name, key))
            return &body_fields[i];
    return NULL;
}

static int unknown_field(const char *key, const char *const *allowed, struct err *e)
{
    struct buf known;
    buf_init(&known, 1024);
    for (size_t i = 0; allowed[i]; i++)
        buf_addf(&known, "%s%s", i ? ", " : "", allowed[i]);
    err_set(e, ERR_INVALID, "unknown field '%.*s' (known: %s)", text_prefix_len(key, 80), key,
            known.data);
    buf_release(&known);
    return e->kind;
}

static int read_body_field(const struct body_field *f, json_t *v, struct request_body *out,
                           struct err *e)
{
    void *dst = (char *)out + f->off;
    if (json_is_null(v))
        return 0;
    if (f->kind == BK_TASK) {
        if (!json_is_integer(v) || json_integer_value(v) < 1 ||
            json_integer_value(v) > (1LL << 50))
            return err_set(e, ERR_INVALID, "field 'task' must be a task id (a positive integer)");
        *(long *)dst = (long)json_integer_value(v);
        return 0;
    }
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (!s)
        return err_set(e, ERR_INVALID, "field '%s' must be a string", f->name);
    if (json_string_length(v) > FIELD_TEXT_MAX)
        return err_set(e, ERR_INVALID, "field '%s' is longer than %d bytes", f->name,
                       FIELD_TEXT_MAX);
    if (f->kind == BK_DATE) {
        if (strlen(s) > 40 || date_parse_user(s, (struct date *)dst))
            return err_set(e, ERR_INVALID,
                           "field '%s' must be a date (\"YYYY-MM-DD\" or \"dd/mm/yyyy\")",
                           f->name);
        return 0;
    }
    *(char **)dst = *s ? xstrdup(s) : NULL;
    return 0;
}

int json_request_read(const char *body, size_t len, const char *const *allowed,
                      struct request_body *out, struct err *e)
{
    if (len > BODY_MAX)
        return err_set(e, ERR_INVALID, "the body is larger than %zu bytes", BODY_MAX);
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!root)
        return err_set(e, ERR_INVALID, "the body is not valid JSON: %s (line %d, column %d)",
                       jerr.text, jerr.line, jerr.column);
    int ret = json_is_object(root) ? 0 : err_set(e, ERR_INVALID, "the body must be a JSON object");
    for (void *it = json_object_iter(root); it && !ret; it = json_object_iter_next(root, it)) {
        const char *key = json_object_iter_key(it);
        const struct body_field *f = body_field_find(key, allowed);
        ret = f ? read_body_field(f, json_object_iter_value(it), out, e)
                : unknown_field(key, allowed, e);
    }
    json_decref(root);
    return ret;
}

void request_body_release(struct request_body *b)
{
    free(b->indicator);
    free(b->document);
    free(b->unit);
    free(b->content);
    free(b->number);
    free(b->explanation);
    free(b->remedy);
    free(b->comment);
    *b = REQUEST_BODY_INIT;
}

json_t *json_request_summary_value(const struct request_summary *s)
{
    json_t *o = json_object(), *a = json_array();
    long total = 0;
    json_object_set_new(o, "as_of", json_date(s->as_of));
    for (int i = 0; i < N_REQUEST_STATES; i++)
        total += s->count[i];
    json_object_set_new(o, "total", json_integer(total));
    for (int i = 0; i < N_REQUEST_STATES; i++)
        json_object_set_new(o, request_state_key((enum request_state)i), json_integer(s->count[i]));
    for (size_t i = 0; i < s->n_open; i++) {
        const struct request_summary_item *it = &s->open[i];
        json_t *x = json_object();
        json_object_set_new(x, "id", json_integer(it->id));
        json_object_set_new(x, "unit", json_string(it->unit));
        json_object_set_new(x, "subject", json_string(it->subject));
        json_object_set_new(x, "content", json_string(it->content));
        json_object_set_new(x, "issued_on", json_date(it->issued_on));
        json_object_set_new(x, "due", json_date(it->due));
        json_object_set_new(x, "state", json_string(request_state_key(it->state)));
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "waiting", a);
    return o;
}
