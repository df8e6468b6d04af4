/*
 * page_lists: what the pages Nhiệm vụ, one task, Đơn vị and Văn bản
 * (page_tasks.c, page_task.c, page_units.c) share: the programme snapshot
 * with its statistics report as of the page's date, the rows of a task
 * list with the status each row shows, and the pieces of HTML every one
 * of those pages draws the same way (task table, bucket columns, the
 * deadline and lead-unit cells).
 *
 * Counting is never done here: statuses and counts come from report_build()
 * (core/report.h), so a page always agrees with the statistics report of
 * the same date. Everything allocated for a request lives in its arena.
 */
#ifndef GIAMSAT_PAGE_LISTS_H
#define GIAMSAT_PAGE_LISTS_H

#include "core/programme.h"
#include "core/report.h"
#include "form.h"
#include "http.h"

#include <stdbool.h>
#include <stddef.h>

#define PAGE_LIST_SIZE 50 /* rows per page of a task list */

/*
 * The snapshot and its report as of one date (owned by the request's
 * arena). prog and rep are shallow copies of entries of the server's
 * report cache (report_cache.h), shared with other requests: read-only.
 */
struct cached_report;

struct page_data {
    struct date as_of;
    bool as_of_given; /* ?as_of= was in the query: links carry it on */
    struct programme prog; /* read-only */
    struct report rep;     /* read-only */
    size_t *item_of; /* per task of prog: index into rep.items, or PROG_NONE */
    struct cached_report *cached; /* the cache entry prog and rep come from, held by the request */
};

/**
 * Load the programme and build the report as of the page's ?as_of= date
 * (default page_today()), from the server's report cache. The result is
 * released with the request's arena. NULL after writing the response: 400 for a malformed date, 500
 * when the database cannot be read or the report does not reconcile.
 */
struct page_data *page_data_load(struct req *rq, struct resp *rs);

/** The report item of task index ti, or NULL when the task is not counted. */
const struct report_task *page_item(const struct page_data *pd, size_t ti);

/* One row of a task list: a task and the status shown for it. */
struct task_row {
    size_t task;        /* index into prog.tasks */
    enum bucket bucket; /* N_BUCKETS: not counted (a group of sub-tasks, a repeat) */
    bool for_unit;      /* the row is one unit's assignment (page_task_row() with an agency) */
    size_t assignment;  /* for_unit: that assignment (its latest report is shown), or PROG_NONE */
};

/**
 * The row of task ti: its own status, or with agency != PROG_NONE the
 * status of that unit's assignment (N_BUCKETS when it has none counted).
 */
struct task_row page_task_row(const struct page_data *pd, size_t ti, size_t agency);
/** The row of assignment ai (an index into prog.assignments): its unit's status in its task. */
struct task_row page_assignment_row(const struct page_data *pd, size_t ai);

/**
 * Reject (400, naming it) any query parameter not in the NULL-terminated
 * list `allowed`. 0, or -1 after the response is written.
 */
int page_params_or_400(struct req *rq, struct resp *rs, const char *const *allowed);

/**
 * A table of tasks: TT, name (a link to /tasks/ID), document (Văn bản), lead units, deadline,
 * status badge, and for one unit's rows its latest report.
 * `caption` (may be NULL) names the table for screen readers.
 */
void page_task_table(const struct req *rq, struct buf *b, const struct page_data *pd,
                     const struct task_row *rows, size_t n, const char *caption);

/**
 * The lead units of task ti as lists write them: the names, or "N đơn vị"
 * when more than five, then "(x/y đơn vị chưa hoàn thành)" when only some
 * are done (report_lead_text()). Newly allocated: free() it.
 */
char *page_lead_text(const struct page_data *pd, size_t ti);
/**
 * A unit's latest report date and its age as of as_of ("(3 tháng trước)"),
 * or "chưa báo cáo": so a result months old shows where it is listed.
 */
void page_last_report(struct buf *b, struct date last, struct date as_of);
/**
 * The short reference of document d ("71/NQ-CP"; its name when no number
 * can be read), linked to its page with the full name as its title: the
 * Văn bản column, so equal TT numbers of different documents are told
 * apart.
 */
void page_document_ref(struct buf *b, const struct prog_document *d);
/** Append the deadline of t: its date, or "Thường xuyên" / "Chưa xác định thời hạn". */
void page_deadline(struct buf *b, const struct prog_task *t);
/** Append the status of a row: its badge, or why the task is not counted (group, repeat). */
void page_row_status(struct buf *b, const struct page_data *pd, const struct task_row *row);

/** Five <th scope="col" class="num"> headers, one per bucket. */
void page_bucket_heads(struct buf *b);
/** Five <td class="num"> cells with the counts of c. */
void page_bucket_cells(struct buf *b, const struct bucket_counts *c);

/** "?as_of=YYYY-MM-DD" when the page was asked for a date, else "" (arena). */
const char *page_as_of_query(const struct req *rq, const struct page_data *pd);

/* ---- the filtered task list (page_tasks.c; its export is page_tasks_export.c) --- */

/* The query parameters of /tasks; the export adds "format". */
#define PAGE_LIST_PARAMS                                                                           \
    "q", "document", "agency", "kind", "field", "status", "as_of", "due_from", "due_to", "page"

/* A parsed filter of the task list. */
struct task_query {
    const char *q;                /* search text, or NULL */
    size_t document;              /* programme index, or PROG_NONE */
    size_t agency;                /* programme index of a lead unit, or PROG_NONE */
    const char *kind;             /* agency kind of some lead unit, or NULL */
    const char *field;            /* exact field, or NULL */
    unsigned status;              /* bit (1u << bucket) per accepted bucket; 0 = any */
    struct date due_from, due_to; /* unset = open */
    long *hits;                   /* q: ids of matching tasks, ascending (arena) */
    size_t n_hits;
};

/**
 * Load the data (page_data_load()), read the filter of the query into *q
 * and select its rows, in programme order, into an arena array; *n
 * receives their number. NULL after an error response (400 naming a
 * malformed parameter, 500).
 */
struct task_row *page_filtered_rows(struct req *rq, struct resp *rs, struct page_data **pd,
                                    struct task_query *q, size_t *n);

/** The task of the path (/tasks/:id) as an index of pd; PROG_NONE after a 404 response. */
size_t page_task_of_path(struct req *rq, struct resp *rs, const struct page_data *pd);
/** page_data_load() into *pd, then page_task_of_path(); PROG_NONE after an error response. */
size_t page_task_of_request(struct req *rq, struct resp *rs, struct page_data **pd);

#endif
