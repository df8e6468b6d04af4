/* json_approval: the review of progress reports as JSON; see json_approval.h. */
#include "json_approval.h"

#include "json_internal.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static json_t *step_item(const struct review_view *v, size_t i)
{
    json_t *o = json_object();
    json_object_set_new(o, "step", json_string(review_step_key(v->steps[i].step)));
    json_object_set_new(o, "on", json_date(v->steps[i].on));
    json_object_set_new(o, "comment", json_string(v->comments[i] ? v->comments[i] : ""));
    json_object_set_new(o, "by", json_string(v->by[i] ? v->by[i] : ""));
    return o;
}

static json_t *review_item(const struct review_view *v)
{
    json_t *o = json_object(), *steps = json_array();
    json_object_set_new(o, "report", json_integer(v->report_id));
    json_object_set_new(o, "task", json_integer(v->task_id));
    json_object_set_new(o, "task_name", json_string(v->task_name ? v->task_name : ""));
    json_object_set_new(o, "unit", json_string(v->unit ? v->unit : ""));
    json_object_set_new(o, "kind", json_string(v->kind ? v->kind : ""));
    json_object_set_new(o, "reported_on", json_date(v->reported_on));
    json_object_set_new(o, "needs_approval", json_boolean(v->needs_approval));
    json_object_set_new(o, "state", json_string(report_state_key(v->state)));
    json_object_set_new(o, "state_label", json_string(report_state_label(v->state)));
    for (size_t i = 0; i < v->n_steps; i++)
        json_array_append_new(steps, step_item(v, i));
    json_object_set_new(o, "steps", steps);
    return o;
}

char *json_review_item(const struct review_view *v)
{
    return json_dump_take(review_item(v));
}

static int read_member(const char *key, json_t *v, struct review_request *out, struct err *e)
{
    if (!strcmp(key, "step")) {
        out->step = json_is_string(v) ? review_step_parse(json_string_value(v)) : -1;
        return out->step < 0 ? err_set(e, ERR_INVALID,
                                       "field 'step' must be approve, reject, accept or return")
                             : 0;
    }
    if (!strcmp(key, "comment")) {
        if (json_is_null(v))
            return 0;
        if (!json_is_string(v))
            return err_set(e, ERR_INVALID, "field 'comment' must be a string");
        free(out->comment);
        out->comment = xstrdup(json_string_value(v));
        return 0;
    }
    return err_set(e, ERR_INVALID, "unknown field '%.*s' (known: step, comment)",
                   text_prefix_len(key, 80), key);
}

int json_read_review(const char *body, size_t len, struct review_request *out, struct err *e)
{
    *out = (struct review_request){ -1, NULL };
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(root)) {
        json_decref(root);
        return err_set(e, ERR_INVALID, "the body is not a JSON object");
    }
    int ret = 0;
    for (void *it = json_object_iter(root); it && !ret; it = json_object_iter_next(root, it))
        ret = read_member(json_object_iter_key(it), json_object_iter_value(it), out, e);
    json_decref(root);
    if (!ret && out->step < 0)
        ret = err_set(e, ERR_INVALID, "field 'step' is required (approve, reject, accept, return)");
    if (ret) {
        free(out->comment);
        out->comment = NULL;
    }
    return ret;
}

char *json_review_list(const struct review_view *v, size_t n, enum count_policy policy)
{
    json_t *o = json_object(), *a = json_array();
    json_object_set_new(o, "counting", json_string(count_policy_key(policy)));
    json_object_set_new(o, "counting_label", json_string(count_policy_label(policy)));
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, review_item(&v[i]));
    json_object_set_new(o, "reports", a);
    return json_dump_take(o);
}
