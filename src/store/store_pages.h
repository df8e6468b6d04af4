/*
 * store_pages: the few queries the web pages need beyond store_query.h — the
 * ids a text search selects, the task cells the programme snapshot does
 * not carry (output, coordinating units) for exports. Same contracts as
 * the other store modules: 0 or a negative err kind with the message in
 * *e; returned arrays are owned by the caller.
 */
#ifndef GIAMSAT_STORE_PAGES_H
#define GIAMSAT_STORE_PAGES_H

#include "db.h"

#include <stddef.h>

/**
 * Ids, ascending, of the tasks whose search text (name, lead and
 * coordinating cells, output, field: the same text `tasks --search`
 * reads) contains `text` ignoring case and diacritics ("bo noi vu" finds
 * "Bộ Nội vụ"). *ids is newly allocated (free()); *n may be 0.
 */
int store_task_search(struct db *db, const char *text, long **ids, size_t *n, struct err *e);

/* The cells of a task that counting does not need. */
struct task_cells {
    long id;
    char *output;     /* Kết quả as written */
    char *coord_text; /* Cơ quan phối hợp as written */
};

/**
 * output and coord_text of every task, by id ascending. Free with
 * task_cells_free().
 */
int store_task_cells(struct db *db, struct task_cells **out, size_t *n, struct err *e);
void task_cells_free(struct task_cells *c, size_t n);

#endif
