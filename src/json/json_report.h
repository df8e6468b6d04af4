/*
 * json_report: the JSON forms of the statistics report (the contract in
 * issue #3), of a progress import and of progress timelines.
 *
 * Every function returns a newly allocated, NUL-terminated JSON text
 * (indented, UTF-8); free it with free().
 */
#ifndef GIAMSAT_JSON_REPORT_H
#define GIAMSAT_JSON_REPORT_H

#include "core/indicator_board.h"
#include "core/remind.h"
#include "core/report.h"
#include "core/report_compare.h"
#include "core/report_notes.h"
#include "store/store_programme.h"
#include "store/store_progress.h"

#include <stddef.h>

/**
 * {"as_of","due_by","tasks":{...},"assignments":{...},"by_document":[...],
 *  "overdue":[...],"due_soon":[...],"by_agency":[...],"by_field":[...],
 *  "checks":[...],"reconciled":bool,"indicators":{...}}; names are canonical.
 *
 * "checks" are the report's checks ({"check","label","total","sum","ok"})
 * followed, when b is not NULL, by the indicator board's
 * (indicator_board_checks(): "indicators", "indicators.by_horizon",
 * "indicators.by_agency", "indicators.by_field", and "indicators.stored"
 * when the board knows the database's count), as Đối soát lists them in
 * every other format; "reconciled" is true when all of them add up.
 *
 * "indicators" (issue #5; only when b is not NULL) is the report's
 * indicator section, over the indicators b holds (the caller scopes them
 * as for report_doc_build()):
 *   {"as_of","total","green","amber","red","grey","green_rate","not_counted",
 *    "by_horizon":[{"horizon":int|null,"label",counts}],
 *    "by_agency":[{"agency",counts}],"by_field":[{"field",counts}],
 *    "items":[...]}
 * where counts are "total","green","amber","red","grey","green_rate" (the
 * share of green, whole percent rounded half up), "total" counts the
 * indicators with a target and "not_counted" the headings without one;
 * "items" are the counted indicators exactly as `giamsat indicators
 * --format json` writes them (json_indicator_list()), in the same order.
 */
char *json_report(const struct report *r, const struct indicator_board *b);

/**
 * json_report() with the extras x holds, each a key after "indicators":
 *   "compare": {"as_of": D0, "tasks": {counts as of D0, as "tasks"},
 *     "tasks_change": {after minus before}, "assignments", "assignments_change",
 *     "by_agency": [{"agency","kind", the by_agency counts as of D0,
 *                    "change": {the same keys, after minus before}}],
 *     "newly_overdue": [task items as "overdue"],
 *     "completed_since": [task items with "completed_on"]}
 *   "sets": [{"name", "documents": [names], "tasks": {the counts object of
 *     "tasks", for the set's documents}}], when x->n_sets;
 *   "issues_raised": [{"task","name","unit","date","issues"}] and
 *   "stale_after": N, "stale": [{"task","name","unit","last_report": D|null,
 *     "since": D|null, "days": n|null}], when x->notes;
 *   "requests": json_request_summary_value()'s object (json_requests.h), when
 *     x->requests.
 * A report on several documents (r->opt.n_documents) also has "documents":
 * [names] after "due_by".
 */
char *json_report_with(const struct report *r, const struct indicator_board *b,
                       const struct report_extras *x);
/**
 * json_report_with() on one line, without indentation: the same JSON value
 * (the same keys in the same order), about a quarter fewer bytes, for the
 * API. x may be NULL.
 */
char *json_report_compact(const struct report *r, const struct indicator_board *b,
                          const struct report_extras *x);
/** {"rows","added","duplicates","completions","reopenings","written","rejected":[{"line","reason"}]} */
char *json_progress_summary(const struct progress_summary *s);
/** [{"id","task","unit","kind","date","completed_on","percent","result",...}] */
char *json_progress_list(const struct progress_view *v, size_t n);

/**
 * {"as_of","within","until","units":[{"agency","overdue":[item],"due_soon":[item]}]},
 * item = {"id","name","documents","due","days_overdue"|"days_left"}.
 */
char *json_reminders(const struct reminders *rm);

#endif
