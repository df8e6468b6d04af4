/* json_requests: requests for explanation as JSON; see json_requests.h. */
#include "json_requests.h"

#include "json_internal.h"

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
