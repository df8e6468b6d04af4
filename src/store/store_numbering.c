/*
 * store_numbering: a progress table's own numbering (TT) as a way to its
 * tasks, where the table's numbering agrees with the programme's; see
 * store_numbering.h.
 */
#include "store_numbering.h"

#include "db_internal.h"

#include "core/batch.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* What the rows of one section say about its numbering. */
struct section_numbering {
    size_t section;
    long agree, disagree; /* rows whose TT is, or is not, their task's */
    char *field;          /* the field of the agreeing rows' tasks */
    long document;        /* their (first) document */
    bool mixed;           /* the agreeing tasks span several fields or documents */
};

static struct section_numbering *section_of(struct numbering *nb, size_t section)
{
    for (size_t i = 0; i < nb->n; i++)
        if (nb->v[i].section == section)
            return &nb->v[i];
    ALLOC_GROW(nb->v, nb->n + 1, nb->cap);
    nb->v[nb->n] = (struct section_numbering){ .section = section };
    return &nb->v[nb->n++];
}

static bool agrees(const struct section_numbering *s)
{
    return s->agree >= 2 && s->disagree == 0 && !s->mixed;
}

/* The one task (not a group) named key: its TT's key, field and first document; id 0 when not one. */
static int named_task(struct db *db, const char *key, long *id, char **tt_key, char **field,
                      long *document, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT t.id, t.tt, t.field, (SELECT min(document_id)"
                          " FROM task_document WHERE task_id = t.id) FROM task t"
                          " WHERE t.name_key = ? AND t.is_group = 0 LIMIT 2",
                          &st, e))
        return e->kind;
    db_bind_text(st, 1, key);
    int rc, n = 0;
    *id = 0;
    while (db_row(st, &rc) && n++ == 0) {
        *id = (long)stmt_int(st, 0);
        *tt_key = text_match_key(db_col_text(st, 1));
        *field = db_col_dup(st, 2);
        *document = (long)stmt_int(st, 3);
    }
    if (n > 1) {
        free(*tt_key);
        free(*field);
        *tt_key = *field = NULL;
        *id = 0;
    }
    db_finish_cached(db, st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : db_error(db, "cannot find the task", e);
}

/* Count what row says about its section's numbering. */
static int learn_row(struct db *db, struct numbering *nb, const struct progress_row *row,
                     struct err *e)
{
    char *key = text_match_key(row->task_name), *tt_key = NULL, *field = NULL;
    long id = 0, document = 0;
    int ret = named_task(db, key, &id, &tt_key, &field, &document, e);
    if (!ret && id) {
        struct section_numbering *s = section_of(nb, row->section);
        char *row_tt = text_match_key(row->tt);
        if (!*row_tt || !*tt_key) {
            /* "-", "+" or no TT on either side says nothing about the numbering. */
        } else if (strcmp(row_tt, tt_key)) {
            s->disagree++;
        } else if (s->agree++ == 0) {
            s->field = xstrdup(field);
            s->document = document;
        } else if (strcmp(s->field, field) || s->document != document) {
            s->mixed = true;
        }
        free(row_tt);
    }
    free(key);
    free(tt_key);
    free(field);
    return ret;
}

int numbering_learn(struct db *db, const struct batch *b, struct numbering *out, struct err *e)
{
    *out = (struct numbering){ 0 };
    int ret = 0;
    for (size_t i = 0; i < b->n_progress && !ret; i++) {
        const struct progress_row *row = &b->progress[i];
        if (row->tt && row->task_name && !row->task_id && !row->task_code && row->section)
            ret = learn_row(db, out, row, e);
    }
    return ret;
}

/*
 * *task_id: the one task of document and field whose TT has the match key
 * tt_key, or 0 when none or several. The TTs are compared as match keys
 * here ("16." is "16"): a field of a document has tens of tasks.
 */
static int task_by_tt(struct db *db, long document, const char *field, const char *tt_key,
                      long *task_id, struct err *e)
{
    struct stmt *st;
    if (db_prepare_cached(db,
                          "SELECT t.id, t.tt FROM task t JOIN task_document td ON td.task_id ="
                          " t.id WHERE td.document_id = ? AND t.field = ? AND t.is_group = 0",
                          &st, e))
        return e->kind;
    stmt_bind_int(st, 1, document);
    db_bind_text(st, 2, field);
    int rc, n = 0;
    long id = 0;
    while (n < 2 && db_row(st, &rc)) {
        char *k = text_match_key(db_col_text(st, 1));
        if (!strcmp(k, tt_key))
            id = n++ == 0 ? stmt_int(st, 0) : id;
        free(k);
    }
    if (n == 2)
        rc = DB_DONE; /* two are enough: the TT names no one task */
    db_finish_cached(db, st);
    if (rc != DB_DONE)
        return db_error(db, "cannot find the task by its TT", e);
    *task_id = n == 1 ? id : 0;
    return 0;
}

int numbering_find(struct db *db, const struct numbering *nb, const struct progress_row *row,
                   long *task_id, struct err *e)
{
    *task_id = 0;
    const struct section_numbering *s = NULL;
    for (size_t i = 0; row->tt && i < nb->n && !s; i++)
        if (nb->v[i].section == row->section)
            s = &nb->v[i];
    if (!s || !agrees(s))
        return 0;
    char *tt_key = text_match_key(row->tt);
    int ret = *tt_key ? task_by_tt(db, s->document, s->field, tt_key, task_id, e) : 0;
    free(tt_key);
    return ret;
}

void numbering_release(struct numbering *nb)
{
    for (size_t i = 0; i < nb->n; i++)
        free(nb->v[i].field);
    free(nb->v);
    *nb = (struct numbering){ 0 };
}
