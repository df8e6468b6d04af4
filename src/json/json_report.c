/* json_report: the statistics report, progress and reminders as JSON; see json_report.h. */
#include "json_report.h"
#include "store/store_programme.h"
#include "store/store_progress.h"

#include "json_indicators.h"
#include "json_internal.h"
#include "json_requests.h"

#include "core/figures.h"
#include "util/xalloc.h"

#include <stdlib.h>

static json_t *counts(const struct bucket_counts *c)
{
    json_t *o = json_object();
    long total = bucket_total(c);
    json_object_set_new(o, "total", json_integer(total));
    for (int b = 0; b < N_BUCKETS; b++)
        json_object_set_new(o, bucket_key((enum bucket)b), json_integer(c->n[b]));
    json_object_set_new(o, "done",
                        json_integer(c->n[BUCKET_DONE_ON_TIME] + c->n[BUCKET_DONE_LATE]));
    json_object_set_new(o, "in_progress_on_time",
                        json_integer(c->n[BUCKET_IN_PROGRESS] + c->n[BUCKET_RECURRING]));
    return o;
}

/* Counts plus whole percentages of the total, as the headline shows them. */
static json_t *task_counts(const struct bucket_counts *c, long repeats)
{
    json_t *o = counts(c);
    json_object_set_new(o, "repeats_not_counted", json_integer(repeats));
    json_t *pct = json_object();
    const char *keys[] = { "done", "in_progress_on_time", "overdue" };
    long parts[] = { c->n[BUCKET_DONE_ON_TIME] + c->n[BUCKET_DONE_LATE],
                     c->n[BUCKET_IN_PROGRESS] + c->n[BUCKET_RECURRING], c->n[BUCKET_OVERDUE] };
    long shares[3];
    figures_percents(parts, 3, shares); /* sum to 100, as the headline sentence writes them */
    for (int i = 0; i < 3; i++)
        json_object_set_new(pct, keys[i], json_integer(shares[i]));
    json_object_set_new(o, "percent", pct);
    return o;
}

/*
 * The names a report's task lists repeat: one JSON string per unit and
 * document, made on first use and shared by every list that names it
 * (a task of every commune names 3,500 units, and a national report lists
 * thousands of such tasks), freed with the report's JSON.
 */
struct name_pool {
    const struct programme *p;
    json_t **agencies, **documents;
};

static json_t *pooled(json_t **slot, const char *name)
{
    if (!*slot)
        *slot = json_string(name);
    return json_incref(*slot);
}

static void name_pool_init(struct name_pool *np, const struct programme *p)
{
    np->p = p;
    np->agencies = xcalloc(p->n_agencies + 1, sizeof(json_t *));
    np->documents = xcalloc(p->n_documents + 1, sizeof(json_t *));
}

static void name_pool_release(struct name_pool *np)
{
    for (size_t i = 0; i < np->p->n_agencies; i++)
        json_decref(np->agencies[i]);
    for (size_t i = 0; i < np->p->n_documents; i++)
        json_decref(np->documents[i]);
    free(np->agencies);
    free(np->documents);
}

static json_t *agency_name(struct name_pool *np, size_t agency)
{
    return pooled(&np->agencies[agency], np->p->agencies[agency].name);
}

static json_t *task_item(const struct report *r, const struct report_task *it,
                         struct name_pool *np)
{
    const struct programme *p = r->prog;
    const struct prog_task *t = &p->tasks[it->task];
    json_t *o = json_object(), *docs = json_array(), *lead = json_array(), *nd = json_array();
    for (size_t i = 0; i < t->n_documents; i++)
        json_array_append_new(docs, pooled(&np->documents[t->documents[i]],
                                           p->documents[t->documents[i]].name));
    for (size_t i = 0; i < t->n_assignments; i++) {
        const struct prog_assignment *a = &p->assignments[t->assignments[i]];
        if (r->assignment_bucket[t->assignments[i]] != N_BUCKETS)
            json_array_append_new(lead, agency_name(np, a->agency));
    }
    for (size_t i = 0; i < it->units_not_done; i++)
        json_array_append_new(nd, agency_name(np, it->not_done[i]));
    json_object_set_new(o, "id", json_integer(t->id));
    json_object_set_new(o, "code", json_string(t->code));
    json_object_set_new(o, "name", json_string(t->name));
    json_object_set_new(o, "documents", docs);
    json_object_set_new(o, "lead", lead);
    json_object_set_new(o, "due", json_date(t->due));
    json_object_set_new(o, "deadline_text", json_string(t->deadline_text));
    json_object_set_new(o, "status", json_string(bucket_key(it->bucket)));
    json_object_set_new(o, "units_total", json_integer((json_int_t)it->units_total));
    json_object_set_new(o, "units_not_done", json_integer((json_int_t)it->units_not_done));
    json_object_set_new(o, "not_done", nd);
    return o;
}

static json_t *task_list(const struct report *r, const size_t *idx, size_t n,
                         struct name_pool *np)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, task_item(r, &r->items[idx[i]], np));
    return a;
}

static json_t *by_document(const struct report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_by_document; i++) {
        const struct report_document_row *row = &r->by_document[i];
        json_t *o = json_object();
        json_object_set_new(o, "document", json_string(report_document_name(r, row)));
        json_object_set_new(o, "date", row->document == PROG_NONE
                                           ? json_null()
                                           : json_date(r->prog->documents[row->document].date));
        json_object_set_new(o, "tasks", task_counts(&row->tasks, row->repeats));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *agency_row(const struct report *r, const struct report_agency_row *row)
{
    const struct prog_agency *ag = &r->prog->agencies[row->agency];
    json_t *o = json_object();
    json_object_set_new(o, "agency", json_string(ag->name));
    json_object_set_new(o, "kind", json_string(ag->kind));
    json_object_set_new(o, "overdue", json_integer(row->assignments.n[BUCKET_OVERDUE]));
    json_object_set_new(o, "due_by", json_integer(row->due_by));
    for (int b = 0; b < N_BUCKETS; b++)
        if (b != BUCKET_OVERDUE)
            json_object_set_new(o, bucket_key((enum bucket)b),
                                json_integer(row->assignments.n[b]));
    json_object_set_new(o, "total", json_integer(row->total));
    json_object_set_new(o, "on_time_rate", json_integer(row->on_time_pct));
    json_object_set_new(o, "rank", json_integer(row->rank));
    return o;
}

static json_t *by_agency(const struct report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_by_agency; i++)
        json_array_append_new(a, agency_row(r, &r->by_agency[i]));
    return a;
}

static json_t *by_field(const struct report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_by_field; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "field", json_string(report_field_label(&r->by_field[i])));
        json_object_set_new(o, "tasks", task_counts(&r->by_field[i].tasks, r->by_field[i].repeats));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *check_object(const struct report_check *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "check", json_string(c->key));
    json_object_set_new(o, "label", json_string(c->label));
    json_object_set_new(o, "total", json_integer(c->total));
    json_object_set_new(o, "sum", json_integer(c->sum));
    json_object_set_new(o, "ok", json_boolean(c->total == c->sum));
    return o;
}

/*
 * The report's checks, then (with a board) the indicator section's, as Đối soát lists them
 * in every other format; *reconciled is true when every one adds up.
 */
static json_t *checks(const struct report *r, const struct indicator_board *b, bool *reconciled)
{
    json_t *a = json_array();
    *reconciled = r->reconciled;
    for (size_t i = 0; i < r->n_checks; i++)
        json_array_append_new(a, check_object(&r->checks[i]));
    if (b) {
        struct report_check ind[INDICATOR_BOARD_CHECKS];
        *reconciled &= indicator_board_checks(b, ind) == 0;
        for (size_t i = 0; i < indicator_board_n_checks(b); i++)
            json_array_append_new(a, check_object(&ind[i]));
    }
    return a;
}

/* ---- the indicator section (issue #5) --------------------------------------------- */

/* "total", then a count per status (green first, as the report's tables), then "green_rate". */
static void add_tally(json_t *o, const struct indicator_tally *t)
{
    static const enum indicator_status order[] = { IND_GREEN, IND_AMBER, IND_RED, IND_GREY };
    json_object_set_new(o, "total", json_integer((json_int_t)t->total));
    for (size_t k = 0; k < 4; k++)
        json_object_set_new(o, indicator_status_key(order[k]),
                            json_integer((json_int_t)t->count[order[k]]));
    json_object_set_new(o, "green_rate", json_integer(t->green_pct));
}

static json_t *tally_object(const struct indicator_tally *t, enum indicator_tally_by by)
{
    json_t *o = json_object();
    if (by == TALLY_HORIZON) {
        json_object_set_new(o, "horizon", t->horizon ? json_integer(t->horizon) : json_null());
        json_object_set_new(o, "label", json_string(t->label));
    } else {
        json_object_set_new(o, by == TALLY_AGENCY ? "agency" : "field", json_string(t->label));
    }
    add_tally(o, t);
    return o;
}

static json_t *tallies(const struct indicator_board *b, enum indicator_tally_by by)
{
    struct indicator_tally *v = NULL;
    size_t n = 0;
    indicator_board_tally(b, by, &v, &n);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, tally_object(&v[i], by));
    indicator_tallies_free(v, n);
    return a;
}

/* The counted indicators, each as `giamsat indicators --format json` writes it. */
static json_t *indicator_items(const struct indicator_board *b)
{
    json_t *a = json_array();
    for (size_t i = 0; i < b->n; i++)
        if (indicator_board_counted(b, i))
            json_array_append_new(a, json_indicator_item(&b->x[i], &b->t[i], &b->r[i], b->as_of));
    return a;
}

static json_t *indicators(const struct indicator_board *b)
{
    json_t *o = json_object();
    struct indicator_tally all;
    size_t not_counted = 0;
    for (size_t i = 0; i < b->n; i++)
        not_counted += !indicator_board_counted(b, i);
    indicator_board_total(b, &all);
    json_object_set_new(o, "as_of", json_date(b->as_of));
    add_tally(o, &all);
    free(all.label);
    json_object_set_new(o, "not_counted", json_integer((json_int_t)not_counted));
    json_object_set_new(o, "by_horizon", tallies(b, TALLY_HORIZON));
    json_object_set_new(o, "by_agency", tallies(b, TALLY_AGENCY));
    json_object_set_new(o, "by_field", tallies(b, TALLY_FIELD));
    json_object_set_new(o, "items", indicator_items(b));
    return o;
}

/* ---- compare (issue #14): the report beside the previous one --------------------- */

/* {"total","done_on_time",...,"done","in_progress_on_time"} of after minus before. */
static json_t *counts_change(const struct bucket_counts *before, const struct bucket_counts *after)
{
    struct bucket_counts d = { { 0 } };
    for (int b = 0; b < N_BUCKETS; b++)
        d.n[b] = after->n[b] - before->n[b];
    return counts(&d);
}

/* A unit's counts as of D0 (the keys of by_agency), and "change" to the report's date. */
static json_t *compare_agency(const struct report *r, const struct compare_agency_row *row)
{
    const struct prog_agency *ag = &r->prog->agencies[row->agency];
    json_t *o = json_object();
    json_object_set_new(o, "agency", json_string(ag->name));
    json_object_set_new(o, "kind", json_string(ag->kind));
    json_object_set_new(o, "overdue", json_integer(row->before.n[BUCKET_OVERDUE]));
    json_object_set_new(o, "due_by", json_integer(row->due_by_before));
    for (int b = 0; b < N_BUCKETS; b++)
        if (b != BUCKET_OVERDUE)
            json_object_set_new(o, bucket_key((enum bucket)b), json_integer(row->before.n[b]));
    json_object_set_new(o, "total", json_integer(bucket_total(&row->before)));
    json_t *change = counts_change(&row->before, &row->after);
    json_object_set_new(change, "due_by", json_integer(row->due_by_after - row->due_by_before));
    json_object_set_new(o, "change", change);
    return o;
}

static json_t *compare_object(const struct report_compare *c)
{
    const struct report *before = c->before, *after = c->after;
    json_t *o = json_object(), *units = json_array(), *done = json_array();
    json_object_set_new(o, "as_of", json_date(before->opt.as_of));
    json_object_set_new(o, "tasks", task_counts(&before->tasks, before->repeats_not_counted));
    json_object_set_new(o, "tasks_change", counts_change(&before->tasks, &after->tasks));
    json_object_set_new(o, "assignments", counts(&before->assignments));
    json_object_set_new(o, "assignments_change",
                        counts_change(&before->assignments, &after->assignments));
    for (size_t i = 0; i < c->n_by_agency; i++)
        json_array_append_new(units, compare_agency(after, &c->by_agency[i]));
    json_object_set_new(o, "by_agency", units);
    struct name_pool np;
    name_pool_init(&np, after->prog);
    json_object_set_new(o, "newly_overdue",
                        task_list(after, c->newly_overdue, c->n_newly_overdue, &np));
    for (size_t i = 0; i < c->n_completed_since; i++) {
        const struct report_task *it = &after->items[c->completed_since[i]];
        json_t *item = task_item(after, it, &np);
        json_object_set_new(item, "completed_on", json_date(it->completed_on));
        json_array_append_new(done, item);
    }
    json_object_set_new(o, "completed_since", done);
    name_pool_release(&np);
    return o;
}

static json_t *document_names(const struct report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->opt.n_documents; i++)
        json_array_append_new(a, json_string(r->prog->documents[r->opt.documents[i]].name));
    return a;
}

static json_t *sets_array(const struct report_extras *x)
{
    json_t *a = json_array();
    for (size_t i = 0; i < x->n_sets; i++) {
        const struct report *r = x->sets[i].report;
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(x->sets[i].name));
        json_object_set_new(o, "documents", document_names(r));
        json_object_set_new(o, "tasks", task_counts(&r->tasks, r->repeats_not_counted));
        json_array_append_new(a, o);
    }
    return a;
}

/* {"task","name","unit"} of assignment ai: the start of an issues or stale item. */
static json_t *assignment_item(const struct programme *p, size_t ai)
{
    const struct prog_assignment *a = &p->assignments[ai];
    json_t *o = json_object();
    json_object_set_new(o, "task", json_integer(p->tasks[a->task].id));
    json_object_set_new(o, "name", json_string(p->tasks[a->task].name));
    json_object_set_new(o, "unit", json_string(p->agencies[a->agency].name));
    return o;
}

static json_t *date_or_null(struct date d)
{
    return date_is_set(d) ? json_date(d) : json_null();
}

static void add_notes(json_t *o, const struct report *r, const struct report_extras *x)
{
    json_t *issues = json_array(), *stale = json_array();
    for (size_t i = 0; i < x->n_issues; i++) {
        json_t *it = assignment_item(r->prog, x->issues[i].assignment);
        json_object_set_new(it, "date", json_date(x->issues[i].on));
        json_object_set_new(it, "issues", json_string(x->issues[i].text));
        json_array_append_new(issues, it);
    }
    for (size_t i = 0; i < x->n_stale; i++) {
        const struct report_stale *s = &x->stale[i];
        json_t *it = assignment_item(r->prog, s->assignment);
        json_object_set_new(it, "last_report", date_or_null(s->last));
        json_object_set_new(it, "since", date_or_null(s->since));
        json_object_set_new(it, "days", s->days < 0 ? json_null() : json_integer(s->days));
        json_array_append_new(stale, it);
    }
    json_object_set_new(o, "issues_raised", issues);
    json_object_set_new(o, "stale_after", json_integer(x->stale_after));
    json_object_set_new(o, "stale", stale);
}

/* Which reports the figures count (core/approval.h): {"rule","label"}. */
static json_t *counting(enum count_policy p)
{
    json_t *o = json_object();
    json_object_set_new(o, "rule", json_string(count_policy_key(p)));
    json_object_set_new(o, "label", json_string(count_policy_label(p)));
    return o;
}

/* The extras x holds, each a key of o after "indicators" (json_report_with()). */
static void add_extras(json_t *o, const struct report *r, const struct report_extras *x)
{
    if (x->compare)
        json_object_set_new(o, "compare", compare_object(x->compare));
    if (x->n_sets)
        json_object_set_new(o, "sets", sets_array(x));
    if (x->notes)
        add_notes(o, r, x);
    if (x->requests)
        json_object_set_new(o, "requests", json_request_summary_value(x->requests));
}

static json_t *report_object(const struct report *r, const struct indicator_board *b,
                             const struct report_extras *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "as_of", json_date(r->opt.as_of));
    json_object_set_new(o, "due_by", json_date(r->opt.due_by));
    json_object_set_new(o, "counting", counting(r->prog->count_policy));
    if (r->opt.n_documents)
        json_object_set_new(o, "documents", document_names(r));
    if (r->opt.n_documents == 1 || (!r->opt.n_documents && r->opt.document != PROG_NONE))
        json_object_set_new(o, "document",
                            json_string(r->prog->documents[r->opt.n_documents
                                                               ? r->opt.documents[0]
                                                               : r->opt.document].name));
    if (r->opt.agency != PROG_NONE)
        json_object_set_new(o, "agency", json_string(r->prog->agencies[r->opt.agency].name));
    json_object_set_new(o, "tasks", task_counts(&r->tasks, r->repeats_not_counted));
    json_object_set_new(o, "assignments", counts(&r->assignments));
    json_object_set_new(o, "no_due_date", json_integer(r->no_due_date));
    json_object_set_new(o, "units", json_integer(r->n_units));
    json_object_set_new(o, "by_document", by_document(r));
    struct name_pool np;
    name_pool_init(&np, r->prog);
    json_object_set_new(o, "overdue", task_list(r, r->overdue, r->n_overdue, &np));
    json_object_set_new(o, "due_soon", task_list(r, r->due_soon, r->n_due_soon, &np));
    name_pool_release(&np); /* the lists hold their own references */
    json_object_set_new(o, "by_agency", by_agency(r));
    json_object_set_new(o, "by_field", by_field(r));
    bool reconciled;
    json_object_set_new(o, "checks", checks(r, b, &reconciled));
    json_object_set_new(o, "reconciled", json_boolean(reconciled));
    if (b)
        json_object_set_new(o, "indicators", indicators(b));
    if (x)
        add_extras(o, r, x);
    return o;
}

char *json_report(const struct report *r, const struct indicator_board *b)
{
    return json_dump_take(report_object(r, b, NULL));
}

char *json_report_with(const struct report *r, const struct indicator_board *b,
                       const struct report_extras *x)
{
    return json_dump_take(report_object(r, b, x));
}

char *json_report_compact(const struct report *r, const struct indicator_board *b,
                          const struct report_extras *x)
{
    return json_dump_compact_take(report_object(r, b, x));
}

/* [{"line":N,"<key>":"..."}] of rejected, warned or skipped rows. */
static json_t *line_texts(const struct progress_reject *v, size_t n, const char *key)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "line", json_integer((json_int_t)v[i].line));
        json_object_set_new(x, key, json_string(v[i].reason));
        json_array_append_new(a, x);
    }
    return a;
}

char *json_progress_summary(const struct progress_summary *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "rows", json_integer((json_int_t)s->rows));
    json_object_set_new(o, "progress", json_integer((json_int_t)s->rows));
    json_object_set_new(o, "skipped_headings", json_integer((json_int_t)s->skipped_headings));
    json_object_set_new(o, "matched_by_tt", json_integer((json_int_t)s->matched_by_tt));
    json_t *tt = json_array();
    for (size_t i = 0; i < s->matched_by_tt; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "line", json_integer((json_int_t)s->tt_matches[i].line));
        json_object_set_new(x, "name", json_string(s->tt_matches[i].name));
        json_object_set_new(x, "task", json_integer(s->tt_matches[i].task));
        json_array_append_new(tt, x);
    }
    json_object_set_new(o, "tt_matches", tt);
    json_object_set_new(o, "completions_proposed",
                        json_integer((json_int_t)s->completions_proposed));
    json_object_set_new(o, "added", json_integer((json_int_t)s->added));
    json_object_set_new(o, "duplicates", json_integer((json_int_t)s->duplicates));
    json_object_set_new(o, "completions", json_integer((json_int_t)s->completions));
    json_object_set_new(o, "reopenings", json_integer((json_int_t)s->reopenings));
    json_object_set_new(o, "written", json_boolean(s->written));
    if (s->last_id)
        json_object_set_new(o, "id", json_integer(s->last_id));
    if (s->duplicate_id)
        json_object_set_new(o, "duplicate_id", json_integer(s->duplicate_id));
    json_t *sug = json_array();
    for (size_t i = 0; i < s->n_suggestions; i++) {
        const struct progress_suggestion *g = &s->suggestions[i];
        json_t *x = json_object();
        json_object_set_new(x, "line", json_integer((json_int_t)g->line));
        json_object_set_new(x, "name", json_string(g->name));
        json_object_set_new(x, "task", json_integer(g->task));
        json_object_set_new(x, "code", g->code ? json_string(g->code) : json_null());
        json_object_set_new(x, "task_name", json_string(g->task_name));
        json_object_set_new(x, "score", json_score(g->score));
        json_object_set_new(x, "runner_up", json_score(g->runner_up));
        json_object_set_new(x, "accepted", json_boolean(g->accepted));
        json_array_append_new(sug, x);
    }
    json_object_set_new(o, "suggestions", sug);
    json_t *prop = json_array();
    for (size_t i = 0; i < s->n_proposals; i++) {
        const struct progress_completion *p = &s->proposals[i];
        json_t *x = json_object();
        json_object_set_new(x, "line", json_integer((json_int_t)p->line));
        json_object_set_new(x, "task", json_integer(p->task));
        json_object_set_new(x, "output", p->output ? json_string(p->output) : json_null());
        json_object_set_new(x, "accepted", json_boolean(p->accepted));
        json_array_append_new(prop, x);
    }
    json_object_set_new(o, "proposed_completions", prop);
    json_object_set_new(o, "warnings", line_texts(s->warnings, s->n_warnings, "reason"));
    json_object_set_new(o, "skipped", line_texts(s->skipped, s->n_skipped, "text"));
    json_object_set_new(o, "rejected", line_texts(s->rejects, s->n_rejects, "reason"));
    return json_dump_take(o);
}

static json_t *progress_item(const struct progress_view *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(v->id));
    json_object_set_new(o, "task", json_integer(v->task_id));
    json_object_set_new(o, "unit", json_string(v->unit));
    json_object_set_new(o, "kind", json_string(v->kind));
    json_object_set_new(o, "date", json_date(v->reported_on));
    json_object_set_new(o, "completed_on", json_date(v->completed_on));
    json_object_set_new(o, "percent", v->percent < 0 ? json_null() : json_integer(v->percent));
    json_object_set_new(o, "result", json_string(v->result));
    json_object_set_new(o, "next", json_string(v->next));
    json_object_set_new(o, "issues", json_string(v->issues));
    json_object_set_new(o, "output", json_string(v->output));
    json_object_set_new(o, "attachment", json_string(v->attachment));
    json_object_set_new(o, "source", json_string(v->source));
    json_object_set_new(o, "entered_at", json_string(v->entered_at));
    return o;
}

json_t *json_progress_list_value(const struct progress_view *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, progress_item(&v[i]));
    return a;
}

char *json_progress_list(const struct progress_view *v, size_t n)
{
    return json_dump_take(json_progress_list_value(v, n));
}

static json_t *remind_item(const struct programme *p, const struct remind_item *it)
{
    const struct prog_task *t = &p->tasks[it->task];
    json_t *o = json_object(), *docs = json_array();
    for (size_t i = 0; i < t->n_documents; i++)
        json_array_append_new(docs, json_string(p->documents[t->documents[i]].name));
    json_object_set_new(o, "id", json_integer(t->id));
    json_object_set_new(o, "name", json_string(t->name));
    json_object_set_new(o, "documents", docs);
    json_object_set_new(o, "due", json_date(t->due));
    json_object_set_new(o, it->overdue ? "days_overdue" : "days_left", json_integer(it->days));
    return o;
}

char *json_reminders(const struct reminders *rm)
{
    const struct programme *p = rm->report->prog;
    json_t *o = json_object(), *units = json_array();
    json_object_set_new(o, "as_of", json_date(rm->report->opt.as_of));
    json_object_set_new(o, "within", json_integer(rm->within));
    json_object_set_new(o, "until", json_date(rm->until));
    for (size_t i = 0; i < rm->n_units; i++) {
        const struct remind_unit *u = &rm->units[i];
        json_t *x = json_object(), *over = json_array(), *soon = json_array();
        for (size_t k = 0; k < u->n_items; k++)
            json_array_append_new(u->items[k].overdue ? over : soon, remind_item(p, &u->items[k]));
        json_object_set_new(x, "agency", json_string(p->agencies[u->agency].name));
        json_object_set_new(x, "overdue", over);
        json_object_set_new(x, "due_soon", soon);
        json_array_append_new(units, x);
    }
    json_object_set_new(o, "units", units);
    return json_dump_take(o);
}
