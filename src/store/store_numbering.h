/*
 * store_numbering: a progress table's own numbering (TT) as a way to its
 * tasks, where the table's numbering agrees with the programme's
 * (store_progress.c). Internal to the store: include only from src/store/.
 */
#ifndef GIAMSAT_STORE_NUMBERING_H
#define GIAMSAT_STORE_NUMBERING_H

#include "db.h"

#include <stddef.h>

struct batch;

/*
 * The numbering of a progress table's sections (progress_row.section). A
 * section agrees with the programme when at least two of its rows whose
 * names name one task each carry that task's TT (compared as match keys:
 * "16." is "16"), none carries another, and those tasks share one field
 * and one document. A row of such a section whose name matches no task is
 * then the task of that field and document with the row's TT, when there
 * is exactly one (docs/DATA.md). Free with numbering_release().
 */
struct progress_row;
struct section_numbering;
struct numbering {
    struct section_numbering *v;
    size_t n, cap;
};
/** Learn the sections of b's rows; 0 or the storage error (out is then still to release). */
int numbering_learn(struct db *db, const struct batch *b, struct numbering *out, struct err *e);
/** *task_id: the task row's section and TT name, or 0 when none or not one. */
int numbering_find(struct db *db, const struct numbering *nb, const struct progress_row *row,
                   long *task_id, struct err *e);
void numbering_release(struct numbering *nb);

#endif
