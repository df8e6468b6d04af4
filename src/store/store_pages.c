/* store_pages: queries for the web pages; see store_pages.h. */
#include "store_pages.h"

#include "db_internal.h"

#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

int store_task_search(struct db *db, const char *text, long **ids, size_t *n, struct err *e)
{
    struct stmt *st = NULL;
    char *key = text_fold(text);
    char *like = xasprintf("%%%s%%", key);
    size_t cap = 0;
    int rc = DB_DONE, ret = -1;
    *ids = NULL;
    *n = 0;
    if (db_prepare(db, "SELECT id FROM task WHERE search_key LIKE ? ORDER BY id", &st, e))
        goto cleanup;
    db_bind_text(st, 1, like);
    while (db_row(st, &rc)) {
        ALLOC_GROW(*ids, *n + 1, cap);
        (*ids)[(*n)++] = stmt_int(st, 0);
    }
    if (rc != DB_DONE) {
        db_error(db, "cannot search the tasks", e);
        goto cleanup;
    }
    ret = 0;
cleanup:
    stmt_finalize(st);
    free(key);
    free(like);
    if (ret) {
        FREE_AND_NULL(*ids);
        *n = 0;
    }
    return ret ? e->kind : 0;
}

int store_task_cells(struct db *db, struct task_cells **out, size_t *n, struct err *e)
{
    struct stmt *st = NULL;
    size_t cap = 0;
    int rc = DB_DONE;
    *out = NULL;
    *n = 0;
    if (db_prepare(db, "SELECT id, output, coord_text FROM task ORDER BY id", &st, e))
        return e->kind;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        (*out)[(*n)++] = (struct task_cells){ stmt_int(st, 0), db_col_dup(st, 1),
                                              db_col_dup(st, 2) };
    }
    stmt_finalize(st);
    if (rc == DB_DONE)
        return 0;
    task_cells_free(*out, *n);
    *out = NULL;
    *n = 0;
    return db_error(db, "cannot read the tasks", e);
}

void task_cells_free(struct task_cells *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].output);
        free(c[i].coord_text);
    }
    free(c);
}
