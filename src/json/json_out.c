/* json_out: building the JSON forms with jansson; see json_out.h. */
#include "json_out.h"
#include "json_internal.h"

#include "core/registry.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *id_or_null(long id)
{
    return id ? json_integer(id) : json_null();
}

/* New tasks against the stored tasks they equal or come close to (core/resolve.h). */
static json_t *task_repeats(const struct task_repeat *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "line", json_integer((json_int_t)v[i].line));
        json_object_set_new(x, "name", json_string(v[i].name));
        json_object_set_new(x, "task", json_integer(v[i].task));
        json_object_set_new(x, "code", v[i].code ? json_string(v[i].code) : json_null());
        json_object_set_new(x, "task_name", json_string(v[i].task_name));
        json_object_set_new(x, "score", json_score(v[i].score));
        json_object_set_new(x, "exact", json_boolean(v[i].exact));
        json_object_set_new(x, "linked", json_boolean(v[i].linked));
        json_array_append_new(a, x);
    }
    return a;
}

char *json_import_summary(const struct import_summary *sum, const struct batch *b,
                          const struct resolved_task *rt)
{
    json_t *o = json_object();
    json_object_set_new(o, "format", json_string(b->format ? b->format : ""));
    json_object_set_new(o, "tasks", json_integer((json_int_t)sum->tasks));
    json_object_set_new(o, "subtasks", json_integer((json_int_t)sum->subtasks));
    json_object_set_new(o, "groups", json_integer((json_int_t)sum->groups));
    json_object_set_new(o, "counted", json_integer((json_int_t)sum->counted));
    json_object_set_new(o, "indicators", json_integer((json_int_t)sum->indicators));
    json_object_set_new(o, "documents", json_integer((json_int_t)sum->documents));
    json_object_set_new(o, "agencies_resolved", json_integer((json_int_t)sum->agencies_resolved));
    json_object_set_new(o, "groups_expanded", json_integer((json_int_t)sum->groups_expanded));
    json_object_set_new(o, "no_due_date", json_integer((json_int_t)sum->no_due_date));
    json_t *unresolved = json_array();
    for (size_t i = 0; rt && i < b->n_tasks; i++) {
        const struct parties *lists[] = { &rt[i].lead, &rt[i].coord };
        for (int k = 0; k < 2; k++)
            for (size_t j = 0; j < lists[k]->n; j++) {
                if (lists[k]->items[j].kind != PARTY_UNRESOLVED)
                    continue;
                json_t *u = json_object();
                json_object_set_new(u, "line", json_integer((json_int_t)b->tasks[i].line));
                json_object_set_new(u, "name", json_string(lists[k]->items[j].text));
                json_object_set_new(u, "role", json_string(k == 0 ? "lead" : "coord"));
                json_array_append_new(unresolved, u);
            }
    }
    json_object_set_new(o, "unresolved", unresolved);
    json_t *rejected = json_array();
    for (size_t i = 0; i < b->n_rejects; i++) {
        json_t *r = json_object();
        json_object_set_new(r, "line", json_integer((json_int_t)b->rejects[i].line));
        json_object_set_new(r, "reason", json_string(b->rejects[i].reason));
        json_array_append_new(rejected, r);
    }
    json_object_set_new(o, "rejected", rejected);
    json_object_set_new(o, "duplicates", json_integer((json_int_t)sum->n_dups));
    json_object_set_new(o, "duplicate_tasks", task_repeats(sum->dups, sum->n_dups));
    json_object_set_new(o, "repeats", task_repeats(sum->repeats, sum->n_repeats));
    json_object_set_new(o, "repeats_near_checked", json_boolean(sum->near_checked));
    json_object_set_new(o, "written", json_boolean(sum->written));
    return json_dump_take(o);
}

static json_t *task_object(const struct task_view *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(t->id));
    json_object_set_new(o, "tt", json_string(t->tt));
    json_object_set_new(o, "code", json_string(t->code));
    json_object_set_new(o, "name", json_string(t->name));
    json_object_set_new(o, "parent", id_or_null(t->parent_id));
    json_object_set_new(o, "field", json_string(t->field));
    json_object_set_new(o, "documents", json_strings(&t->documents));
    json_object_set_new(o, "lead", json_strings(&t->lead));
    json_object_set_new(o, "coordinating", json_strings(&t->coordinating));
    json_object_set_new(o, "output", json_string(t->output));
    json_object_set_new(o, "deadline_text", json_string(t->deadline_text));
    json_object_set_new(o, "due", json_date(t->due));
    json_object_set_new(o, "recurring", json_boolean(strcmp(t->deadline_kind, "recurring") == 0));
    json_object_set_new(o, "deadline_kind", json_string(t->deadline_kind));
    json_object_set_new(o, "is_group", json_boolean(t->is_group));
    json_object_set_new(o, "repeat_of", id_or_null(t->repeat_of_id));
    json_object_set_new(o, "lead_text", json_string(t->lead_text));
    json_object_set_new(o, "coord_text", json_string(t->coord_text));
    json_object_set_new(o, "last_report", json_date(t->last_report));
    return o;
}

json_t *json_tasks_value(const struct task_view *t, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, task_object(&t[i]));
    return a;
}

char *json_tasks(const struct task_view *t, size_t n)
{
    return json_dump_take(json_tasks_value(t, n));
}

json_t *json_task_value(const struct task_view *t)
{
    json_t *o = task_object(t);
    json_t *parties = json_array();
    for (size_t i = 0; i < t->n_parties; i++) {
        const struct party_view *p = &t->parties[i];
        json_t *x = json_object();
        json_object_set_new(x, "role", json_string(p->role));
        json_object_set_new(x, "text", json_string(p->text));
        json_object_set_new(x, "resolved", p->resolved ? json_string(p->resolved) : json_null());
        json_object_set_new(x, "group", json_boolean(p->is_group));
        if (p->is_group && strcmp(p->role, "lead") == 0)
            json_object_set_new(x, "members", json_strings(&p->members));
        json_array_append_new(parties, x);
    }
    json_object_set_new(o, "parties", parties);
    return o;
}

char *json_task(const struct task_view *t)
{
    return json_dump_take(json_task_value(t));
}

char *json_agencies(const struct agency_view *a, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(a[i].id));
        json_object_set_new(o, "name", json_string(a[i].name));
        json_object_set_new(o, "kind", json_string(a[i].kind));
        json_object_set_new(o, "kind_label", json_string(agency_kind_label(a[i].kind)));
        json_object_set_new(o, "aliases", json_strings(&a[i].aliases));
        json_object_set_new(o, "successor",
                            a[i].successor ? json_string(a[i].successor) : json_null());
        json_object_set_new(o, "lead_tasks", json_integer(a[i].lead_tasks));
        json_array_append_new(arr, o);
    }
    return json_dump_take(arr);
}

char *json_documents(const struct document_view *d, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(d[i].id));
        json_object_set_new(o, "name", json_string(d[i].name));
        json_object_set_new(o, "kind", json_string(d[i].kind));
        json_object_set_new(o, "number", json_string(d[i].number));
        json_object_set_new(o, "date", json_date(d[i].date));
        json_object_set_new(o, "tasks", json_integer(d[i].tasks));
        json_array_append_new(arr, o);
    }
    return json_dump_take(arr);
}

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

char *json_docsets(const struct docset_view *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object(), *docs = json_array();
        json_object_set_new(o, "name", json_string(v[i].name));
        json_object_set_new(o, "issuer", string_or_null(v[i].issuer));
        json_object_set_new(o, "kind", string_or_null(v[i].kind));
        for (size_t k = 0; k < v[i].n_documents; k++)
            json_array_append_new(docs, json_string(v[i].names[k]));
        json_object_set_new(o, "documents", docs);
        json_array_append_new(arr, o);
    }
    return json_dump_take(arr);
}
