/* store_api: the indicator list for the API; see store_api.h. */
#include "store_api.h"

#include "db_internal.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void read_indicator(sqlite3_stmt *st, struct indicator_view *v)
{
    memset(v, 0, sizeof(*v));
    v->id = sqlite3_column_int64(st, 0);
    v->code = db_col_dup(st, 1);
    v->parent_code = sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL : db_col_dup(st, 2);
    v->name = db_col_dup(st, 3);
    v->unit = db_col_dup(st, 4);
    v->target_text = db_col_dup(st, 5);
    v->horizon = sqlite3_column_int(st, 6);
    v->agency = db_col_dup(st, 7);
    v->document = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : db_col_dup(st, 8);
}

int store_indicators(struct db *db, struct indicator_view **out, size_t *n, struct err *e)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    if (db_prepare(db,
                   "SELECT i.id, i.code, i.parent_code, i.name, i.unit, i.target_text,"
                   " i.horizon, COALESCE(a.name, i.agency_text), d.name FROM indicator i"
                   " LEFT JOIN agency a ON a.id = i.agency_id"
                   " LEFT JOIN document d ON d.id = i.document_id"
                   " ORDER BY d.date IS NULL, d.date, i.document_id, i.id",
                   &st, e))
        return e->kind;
    size_t cap = 0;
    int rc;
    while (db_row(st, &rc)) {
        ALLOC_GROW(*out, *n + 1, cap);
        read_indicator(st, &(*out)[(*n)++]);
    }
    int ret = rc == SQLITE_DONE ? 0 : db_error(db, "cannot read the indicators", e);
    sqlite3_finalize(st);
    if (ret) {
        indicator_views_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return ret;
}

void indicator_views_free(struct indicator_view *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].code);
        free(v[i].parent_code);
        free(v[i].name);
        free(v[i].unit);
        free(v[i].target_text);
        free(v[i].agency);
        free(v[i].document);
    }
    free(v);
}
