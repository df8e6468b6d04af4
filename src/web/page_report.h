/*
 * page_report: the "Báo cáo" page (the statistics report of a chosen date,
 * printable, with downloads in every format) and the one way web pages
 * build a statistics report, shared with the dashboard.
 *
 * page_report_load() does for a request what `giamsat report` does on the
 * command line (cli/cmd_report.c): load the programme snapshot, resolve
 * the document (store_find_document: any written form of a reference, or
 * words of its name) and the unit (the registry: name, alias or
 * abbreviation, followed to its successor), then report_build(), the
 * snapshot and the report coming from the server's report cache
 * (report_cache.h), with the indicator board of the report's scope and
 * date (the report's section VII). They are held by the request's arena
 * and released with the request, never by the caller; all are shared:
 * read-only.
 */
#ifndef GIAMSAT_PAGE_REPORT_H
#define GIAMSAT_PAGE_REPORT_H

#include "core/indicator_board.h"
#include "core/report.h"
#include "http.h"

/* What the user asked for. */
struct page_report_scope {
    struct date as_of;    /* required */
    struct date due_by;   /* DATE_NONE: 31 December of as_of's year */
    const char *document; /* as the user wrote it, or NULL for all */
    const char *agency;   /* as the user wrote it, or NULL for all */
};

/* A built report and the snapshot it borrows; arena-held shallow copies of cache entries. */
struct page_report {
    struct programme prog; /* read-only */
    struct report rep;     /* read-only */
    /* The report's indicators (the cache entry's board, read-only), or NULL. */
    const struct indicator_board *board;
    struct cached_report *cached; /* the cache entry rep and board come from, held by the request */
    bool loaded; /* prog holds the snapshot (even when the report failed) */
};

/**
 * Build the report of scope for request rq.
 *
 * - db: the request's database (app_db()).
 * - *out: set on every return to the arena-owned state (its prog is
 *   usable when (*out)->loaded, e.g. to list the units in a form).
 * - e: the detail on failure.
 *
 * Returns 0, or: ERR_NOT_FOUND for a document or unit that does not
 * exist, ERR_INVALID for words matching several documents or a due date
 * before the as-of date, ERR_STORAGE when the database fails, and
 * ERR_INTERNAL when the report does not reconcile (the message names the
 * sum): the caller must then show the error, never the report.
 */
int page_report_load(struct req *rq, struct db *db, const struct page_report_scope *scope,
                     struct page_report **out, struct err *e);

#endif
