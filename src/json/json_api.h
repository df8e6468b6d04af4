/*
 * json_api: the JSON of the /api/v1 endpoints (issue #4 "API for other
 * systems") that json_out.h, json_report.h and json_indicators.h do not
 * already give, and the reading of API request bodies (a progress report,
 * a measurement).
 *
 * The contract shapes are not written twice: a task here is exactly the
 * object of json_tasks()/json_task() and a progress report exactly an
 * item of json_progress_list(), with the API's extra keys ("status",
 * "assignments", "progress") added next to them. data/web/openapi.json
 * describes every shape; the HTTP tests check real responses against it.
 *
 * Every json_api_* builder returns a newly allocated, NUL-terminated JSON
 * text (indented, UTF-8); free it with free(). Inputs are borrowed.
 */
#ifndef GIAMSAT_JSON_API_H
#define GIAMSAT_JSON_API_H

#include "core/progress.h"
#include "core/status.h"
#include "core/task.h"
#include "store/store_programme.h"
#include "store/store_progress.h"

#include <stdbool.h>
#include <stddef.h>

/* Largest request body the API parses; larger ones are refused before parsing. */
#define JSON_API_BODY_MAX ((size_t)64 << 10)

/* One assignment (task x lead unit) of a task as of a date. */
struct api_assignment {
    const char *unit;         /* canonical name; borrowed */
    enum bucket status;       /* N_BUCKETS when the task is not counted (a group) */
    struct date completed_on; /* set when the assignment is done as of the date */
};

/* What GET /api/v1/tasks/:id adds to the task object. */
struct api_task_detail {
    struct date as_of;
    enum bucket status; /* the task's own bucket; N_BUCKETS: not counted (null) */
    const struct api_assignment *assignments;
    size_t n_assignments;
    const struct progress_view *progress; /* the task's reports, oldest first */
    size_t n_progress;
};

/**
 * One page of the task list:
 * {"items":[json_tasks() item + "status"],"total","limit","offset","as_of"}.
 * t holds the n items of the page. status is NULL (no "status" key, and
 * "as_of" is null) or holds n buckets (N_BUCKETS gives null) as of as_of.
 */
char *json_api_task_page(const struct task_view *t, size_t n, const enum bucket *status,
                         struct date as_of, long total, long limit, long offset);

/** The json_task() object plus "as_of", "status", "assignments" and "progress". */
char *json_api_task(const struct task_view *t, const struct api_task_detail *d);

/** {"id":N,"added":true} when a report was written, else {"added":false,"duplicate":true}. */
char *json_api_progress_result(const struct progress_summary *s);

/**
 * The "after" text of the audit line of a refused progress report:
 * {"task":N,"unit":"...","reason":"..."} on one line.
 */
char *json_api_refusal(long task, const char *unit, const char *reason);

/* A POST /api/v1/progress body, read. */
struct progress_request {
    long task;               /* "task"; 0 when the body names none */
    bool done, reopen;       /* "done", "reopen" */
    struct progress_row row; /* the report as a progress table row (owned strings) */
};

#define PROGRESS_REQUEST_INIT ((struct progress_request){ 0 })

/**
 * Read body (len bytes, at most JSON_API_BODY_MAX) into *out, which must
 * be PROGRESS_REQUEST_INIT:
 * {"task":ID,"unit":"...","date":"YYYY-MM-DD","done":bool,"reopen":bool,
 *  "completed_on":"YYYY-MM-DD","output","result","next","issues",
 *  "attachment":"...","percent":0..100}; null stands for an absent field.
 * row.done becomes "có" (done) or "mở lại" (reopen), row.percent its
 * decimal text. Returns 0, or ERR_INVALID with a message naming the field
 * for: a body that is not JSON or not an object, an unknown or repeated
 * field, a value of the wrong type or range, a missing "unit" or "date",
 * "done" with "reopen", "completed_on" without "done". "task" is not
 * required here (a route may name the task in its path). Release *out
 * with progress_request_release() in every case.
 */
int json_api_read_progress(const char *body, size_t len, struct progress_request *out,
                           struct err *e);
void progress_request_release(struct progress_request *rq);

/* A POST /api/v1/measurements body, read; every string owned, NULL when absent or "". */
struct measure_request {
    char *indicator; /* "indicator": the code ("11.1", "KH2025.1") */
    char *document;  /* "document": the source document, when several use the code */
    char *value;     /* "value" as typed; a JSON number as text with a decimal comma */
    char *unit;      /* "unit": an agency (per-unit breakdown), or a scale or bloc */
    char *bloc;      /* "bloc": a scale or bloc of the target */
    char *source;    /* "source" */
    struct date on;  /* "date" (yyyy-mm-dd or dd/mm/yyyy) */
};

#define MEASURE_REQUEST_INIT ((struct measure_request){ 0 })

/**
 * Read body (len bytes, at most JSON_API_BODY_MAX) into *out, which must
 * be MEASURE_REQUEST_INIT:
 * {"indicator","document","date","value","unit","bloc","source"}, strings
 * but "value", which may also be a JSON number (82, 0.72: written "82",
 * "0,72", the decimal comma a Vietnamese reader types); null stands for an
 * absent field. Returns 0, or ERR_INVALID with a message naming the field
 * for: a body that is not JSON or not an object, an unknown or repeated
 * field, a value of the wrong type, too long or not a date, a missing
 * "date" or "value". "indicator" is not required here (a route may name
 * the indicator in its path), and the value is not read here
 * (core/measure_entry.h does that). Release *out with
 * measure_request_release() in every case.
 */
int json_api_read_measurement(const char *body, size_t len, struct measure_request *out,
                              struct err *e);
void measure_request_release(struct measure_request *rq);

/**
 * The "after" text of the audit line of a refused measurement:
 * {"indicator":"CODE","reason":"..."} on one line.
 */
char *json_api_measure_refusal(const char *code, const char *reason);

/**
 * The "after" text of the audit line of a write refused before its handler ran (or by
 * it, without a line of its own): {"method":"POST","path":"/admin/users/7","route":
 * "/admin/users/:id","status":403,"reason":"..."} on one line; reason is left out when
 * NULL (so is a text that is not UTF-8: the path of a write route never is, its
 * segments being the route's words and numbers). Returns a newly allocated string; free
 * with free().
 */
char *json_api_access_refusal(const char *method, const char *path, const char *route,
                              int status, const char *reason);

#endif
