/* json_warnings: early warnings as JSON; see json_warnings.h. */
#include "json_warnings.h"

#include "json_internal.h"

static json_t *warning_item(const struct warning *w, const struct programme *p,
                            const struct indicator_board *b)
{
    json_t *o = json_object();
    const struct prog_task *t = w->task == PROG_NONE ? NULL : &p->tasks[w->task];
    json_object_set_new(o, "rule", json_string(warning_rule_key(w->rule)));
    json_object_set_new(o, "severity", json_string(warning_severity_key(w->severity)));
    json_object_set_new(o, "task", t ? json_integer(t->id) : json_null());
    json_object_set_new(o, "indicator",
                        w->indicator >= 0 && b ? json_string(b->x[w->indicator].code)
                                               : json_null());
    json_object_set_new(o, "unit", json_string(w->unit));
    json_object_set_new(o, "reason", json_string(w->reason));
    json_object_set_new(o, "since", json_date(w->since));
    json_object_set_new(o, "task_name", t ? json_string(t->name) : json_null());
    json_object_set_new(o, "rule_label", json_string(warning_rule_label(w->rule)));
    return o;
}

static json_t *items(const struct warning_list *l, const struct programme *p,
                     const struct indicator_board *b, size_t from, size_t to)
{
    json_t *a = json_array();
    for (size_t i = from; i < to && i < l->n; i++)
        json_array_append_new(a, warning_item(&l->v[i], p, b));
    return a;
}

char *json_warning_list(const struct warning_list *l, const struct programme *p,
                        const struct indicator_board *b)
{
    return json_dump_take(items(l, p, b, 0, l->n));
}

char *json_warning_page(const struct warning_list *l, const struct programme *p,
                        const struct indicator_board *b, struct date as_of, long limit,
                        long offset)
{
    json_t *o = json_object();
    json_object_set_new(o, "as_of", json_date(as_of));
    json_object_set_new(o, "total", json_integer((json_int_t)l->n));
    json_object_set_new(o, "limit", json_integer(limit));
    json_object_set_new(o, "offset", json_integer(offset));
    json_object_set_new(o, "items", items(l, p, b, (size_t)offset, (size_t)(offset + limit)));
    return json_dump_take(o);
}
