/*
 * json_report: the JSON forms of the statistics report (the contract in
 * issue #3), of a progress import and of progress timelines.
 *
 * Every function returns a newly allocated, NUL-terminated JSON text
 * (indented, UTF-8); free it with free().
 */
#ifndef GIAMSAT_JSON_REPORT_H
#define GIAMSAT_JSON_REPORT_H

#include "core/remind.h"
#include "core/report.h"
#include "store/store.h"

#include <stddef.h>

/**
 * {"as_of","due_by","tasks":{...},"assignments":{...},"by_document":[...],
 *  "overdue":[...],"due_soon":[...],"by_agency":[...],"by_field":[...],
 *  "checks":[...],"reconciled":bool}; names are canonical.
 */
char *json_report(const struct report *r);
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
