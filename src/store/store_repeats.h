/*
 * store_repeats: the tasks an import creates that are already there — a
 * duplicate of a stored task of the same document, or a repeat ("nhiệm vụ
 * nhắc lại") of an earlier document's task — found inside the import's
 * transaction, and the confirmed repeats linked (store_import.c; the rules
 * are store_import.h's store_import()). Internal to the store: include
 * only from src/store/.
 */
#ifndef GIAMSAT_STORE_REPEATS_H
#define GIAMSAT_STORE_REPEATS_H

#include "db.h"

#include <stdbool.h>
#include <stddef.h>

struct batch;
struct import_options;
struct import_summary;
/**
 * After store_import() wrote b's tasks in run run_id (ids[i] the task of
 * b->tasks[i], created[i] when this import made it): fill sum->dups and
 * sum->repeats and link the confirmed repeats (store_import.h store_import()).
 * Inside the import's transaction; 0 or the storage error.
 */
int store_find_repeats(struct db *db, long run_id, const struct batch *b, const long *ids,
                       const bool *created, const struct import_options *opt,
                       struct import_summary *sum, struct err *e);

#endif
