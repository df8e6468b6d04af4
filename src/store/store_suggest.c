/*
 * store_suggest: the tasks closest to a name that matches none (see
 * store_suggest.h store_nearest_tasks()), scored by core/similar.
 */
#include "store_suggest.h"

#include "db_internal.h"

#include "core/similar.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Keep out[0..*n) the best NEAREST_MAX by score, best first. */
static void keep_best(struct task_candidate *out, size_t *n, const struct task_candidate *c)
{
    size_t at = *n;
    while (at > 0 && out[at - 1].score < c->score)
        at--;
    if (at >= NEAREST_MAX)
        return;
    if (*n == NEAREST_MAX) {
        free(out[NEAREST_MAX - 1].code);
        free(out[NEAREST_MAX - 1].name);
        (*n)--;
    }
    memmove(&out[at + 1], &out[at], (*n - at) * sizeof(*out));
    out[at] = *c;
    out[at].code = c->code ? xstrdup(c->code) : NULL;
    out[at].name = xstrdup(c->name);
    (*n)++;
}

int store_nearest_tasks(struct db *db, long agency_id, const char *key,
                        struct task_candidate out[NEAREST_MAX], size_t *n, struct err *e)
{
    struct stmt *st;
    *n = 0;
    /* A unit's table names the unit's tasks: look there first, among all tasks otherwise. */
    if (db_prepare_cached(db,
                          "SELECT t.id, t.code, t.name, t.name_key FROM task t WHERE t.is_group = 0"
                          " AND (?1 = 0 OR EXISTS (SELECT 1 FROM assignment a WHERE a.task_id ="
                          " t.id AND a.agency_id = ?1 AND a.removed_import_id IS NULL))",
                          &st, e))
        return e->kind;
    stmt_bind_int(st, 1, agency_id);
    int rc;
    while (db_row(st, &rc)) {
        struct task_candidate c = { (long)stmt_int(st, 0),
                                    stmt_is_null(st, 1) ? NULL : (char *)db_col_text(st, 1),
                                    (char *)db_col_text(st, 2),
                                    similar_score(key, db_col_text(st, 3)) };
        if (c.score > 0)
            keep_best(out, n, &c);
    }
    db_finish_cached(db, st);
    if (rc != DB_DONE) {
        task_candidates_release(out, *n);
        *n = 0;
        return db_error(db, "cannot read the tasks", e);
    }
    return 0;
}

void task_candidates_release(struct task_candidate *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].code);
        free(c[i].name);
    }
}
