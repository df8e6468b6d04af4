/* json_indicators: indicators and measurements as JSON; see json_indicators.h. */
#include "json_indicators.h"
#include "json_internal.h"

#include "util/xalloc.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* A whole number as an integer ("82", not "82.0"). */
static json_t *number(double v)
{
    if (v > -1e15 && v < 1e15 && v == (double)(long long)v)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *measurement_object(const struct measurement *m)
{
    json_t *o = json_object();
    if (m->id)
        json_object_set_new(o, "id", json_integer(m->id));
    json_object_set_new(o, "date", json_date(m->on));
    json_object_set_new(o, "value", m->has_value ? number(m->value) : json_null());
    json_object_set_new(o, "judgement",
                        m->has_value ? json_null() : json_string(judgement_label(m->judgement)));
    json_object_set_new(o, "text", str_or_null(m->text));
    json_object_set_new(o, "bloc", str_or_null(m->bloc));
    json_object_set_new(o, "unit", str_or_null(m->unit_name));
    json_object_set_new(o, "source", str_or_null(m->source));
    return o;
}

static json_t *latest_or_null(const struct measurement *m)
{
    return m ? measurement_object(m) : json_null();
}

static json_t *target_object(const struct target *t)
{
    static const char *const kinds[] = { "none", "numeric", "text" };
    json_t *o = json_object();
    char *form = target_describe(t);
    bool lower = t->n_clauses && target_lower_is_better(t, &t->clauses[0]);
    json_object_set_new(o, "kind", json_string(kinds[t->kind]));
    json_object_set_new(o, "form", json_string(form));
    json_object_set_new(o, "lower_is_better", json_boolean(t->is_rank || lower));
    json_object_set_new(o, "note", str_or_null(t->note));
    free(form);
    return o;
}

static json_t *baseline_or_null(const struct indicator *x)
{
    if (!x->has_baseline)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "value", number(x->baseline));
    json_object_set_new(o, "date", json_date(x->baseline_on));
    return o;
}

static json_t *parts_array(const struct indicator_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_parts; i++) {
        const struct indicator_part *p = &r->parts[i];
        json_t *o = json_object();
        json_object_set_new(o, "label", str_or_null(p->clause ? p->clause->label : NULL));
        json_object_set_new(o, "status", json_string(indicator_status_key(p->status)));
        json_object_set_new(o, "rule", json_string(p->rule));
        json_object_set_new(o, "latest", latest_or_null(p->latest));
        json_array_append_new(a, o);
    }
    return a;
}

static void add_status(json_t *o, const struct indicator_result *r)
{
    json_object_set_new(o, "status", json_string(indicator_status_key(r->status)));
    json_object_set_new(o, "status_label", json_string(indicator_status_label(r->status)));
    json_object_set_new(o, "rule", json_string(r->rule));
}

json_t *json_indicator_item(const struct indicator *x, const struct target *t,
                            const struct indicator_result *r, struct date as_of)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(x->id));
    json_object_set_new(o, "code", json_string(x->code));
    json_object_set_new(o, "parent_code", str_or_null(x->parent_code));
    json_object_set_new(o, "name", json_string(x->name));
    json_object_set_new(o, "unit", json_string(x->unit));
    json_object_set_new(o, "target_text", json_string(x->target_text));
    json_object_set_new(o, "horizon", x->horizon ? json_integer(x->horizon) : json_null());
    json_object_set_new(o, "agency", json_string(x->agency ? x->agency : ""));
    json_object_set_new(o, "document", str_or_null(x->document));
    json_object_set_new(o, "field", json_string(x->field ? x->field : ""));
    json_object_set_new(o, "target", target_object(t));
    json_object_set_new(o, "baseline", baseline_or_null(x));
    json_object_set_new(o, "measurements",
                        json_integer((json_int_t)indicator_count_until(x, as_of)));
    json_object_set_new(o, "latest", latest_or_null(r->latest));
    json_object_set_new(o, "as_of", json_date(as_of));
    add_status(o, r);
    if (r->n_parts > 1)
        json_object_set_new(o, "parts", parts_array(r));
    return o;
}

char *json_indicator_list(const struct indicator *x, const struct target *t,
                          const struct indicator_result *r, size_t n, struct date as_of)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_indicator_item(&x[i], &t[i], &r[i], as_of));
    return json_dump_take(a);
}

/* A measurement with who entered it, how and when (a history entry). */
static json_t *entry_object(const struct measurement *m)
{
    json_t *o = measurement_object(m);
    json_object_set_new(o, "entered_via", str_or_null(m->entered_via));
    json_object_set_new(o, "entered_by", str_or_null(m->entered_by));
    json_object_set_new(o, "entered_at", str_or_null(m->entered_at));
    return o;
}

static json_t *history_array(const struct indicator *x)
{
    json_t *a = json_array();
    for (size_t i = 0; i < x->n_m; i++)
        json_array_append_new(a, entry_object(&x->m[i]));
    return a;
}

char *json_measurements(const struct indicator *x)
{
    return json_dump_take(history_array(x));
}

static json_t *added_object(const struct indicator *x, long id, struct date on,
                            const struct indicator_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "code", json_string(x->code));
    json_object_set_new(o, "date", json_date(on));
    add_status(o, r);
    return o;
}

char *json_measurement_added(const struct indicator *x, long id, struct date on,
                             const struct indicator_result *r)
{
    return json_dump_take(added_object(x, id, on, r));
}

/* ---- the API's forms ------------------------------------------------------------ */

char *json_indicator_page(const struct indicator *x, const struct target *t,
                          const struct indicator_result *r, size_t n, struct date as_of, long total,
                          long limit, long offset)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_indicator_item(&x[i], &t[i], &r[i], as_of));
    json_t *o = json_object();
    json_object_set_new(o, "items", items);
    json_object_set_new(o, "total", json_integer(total));
    json_object_set_new(o, "limit", json_integer(limit));
    json_object_set_new(o, "offset", json_integer(offset));
    json_object_set_new(o, "as_of", json_date(as_of));
    return json_dump_take(o);
}

static json_t *unit_object(const struct indicator_unit *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "unit_id", json_integer(u->unit_id));
    json_object_set_new(o, "unit", json_string(u->unit));
    json_object_set_new(o, "measurements", json_integer((json_int_t)u->n_measurements));
    add_status(o, &u->r);
    json_object_set_new(o, "latest", latest_or_null(u->r.latest));
    if (u->r.n_parts > 1)
        json_object_set_new(o, "parts", parts_array(&u->r));
    return o;
}

char *json_indicator_detail(const struct indicator *x, const struct target *t,
                            const struct indicator_result *r, struct date as_of,
                            const struct indicator_unit *u, size_t n_u)
{
    json_t *o = json_indicator_item(x, t, r, as_of);
    json_object_set_new(o, "history", history_array(x));
    json_t *units = json_array();
    for (size_t i = 0; i < n_u; i++)
        json_array_append_new(units, unit_object(&u[i]));
    json_object_set_new(o, "by_unit", units);
    return json_dump_take(o);
}

char *json_measurement_created(const struct indicator *x, const struct measurement *m,
                               const struct indicator_result *r, struct date as_of,
                               const struct indicator_unit *u)
{
    json_t *o = added_object(x, m->id, m->on, r);
    json_object_set_new(o, "indicator_id", json_integer(x->id));
    json_object_set_new(o, "as_of", json_date(as_of));
    json_object_set_new(o, "measurement", entry_object(m));
    json_object_set_new(o, "latest", latest_or_null(r->latest));
    if (r->n_parts > 1)
        json_object_set_new(o, "parts", parts_array(r));
    json_object_set_new(o, "unit_status", u ? unit_object(u) : json_null());
    return json_dump_take(o);
}
