/*
 * store_suggest: the tasks closest to a name that matches none, scored by
 * core/similar, for the progress rows whose task name matches no task
 * (store_progress.c). Internal to the store: include only from src/store/.
 * Returns 0 or a negative err kind with the message in *e.
 */
#ifndef GIAMSAT_STORE_SUGGEST_H
#define GIAMSAT_STORE_SUGGEST_H

#include "db.h"

#include <stddef.h>

#define NEAREST_MAX 3

/* A task that a name which matches none may have meant. */
struct task_candidate {
    long id;
    char *code; /* owned; NULL when the task has none */
    char *name; /* owned */
    double score; /* core/similar.h, 0..1 */
};

/**
 * The NEAREST_MAX tasks whose match keys are closest to key (best first)
 * into out[0..*n): among the tasks assigned to agency_id, or all tasks
 * when agency_id is 0. Free with task_candidates_release().
 */
int store_nearest_tasks(struct db *db, long agency_id, const char *key,
                        struct task_candidate out[NEAREST_MAX], size_t *n, struct err *e);
void task_candidates_release(struct task_candidate *c, size_t n);

#endif
