/*
 * fuzz_import: the body the importer targets share. import_read() (the real entry point
 * of `giamsat import` and the web upload) reads the bytes as one format into an
 * in-memory batch; what it kept is then resolved (tasks) or read (progress rows) by the
 * same pure functions the store calls, and everything is released. No database.
 */
#ifndef GIAMSAT_FUZZ_IMPORT_H
#define GIAMSAT_FUZZ_IMPORT_H

#include "fuzz_common.h"

#include "core/progress.h"
#include "core/resolve.h"
#include "import/import.h"

static inline void fuzz_check_batch(const struct batch *b)
{
    for (size_t i = 0; i < b->n_tasks; i++) {
        const struct batch_task *t = &b->tasks[i];
        if (t->parent >= 0 && (size_t)t->parent >= b->n_tasks)
            abort(); /* a parent index inside the batch */
    }
}

static inline void fuzz_import(const uint8_t *data, size_t size, const char *format)
{
    struct batch b = BATCH_INIT;
    struct err e = ERR_INIT;
    if (import_read((const char *)data, size, "fuzz", format, &b, &e)) {
        if (b.n_tasks || b.n_progress || b.n_indicators)
            abort(); /* the contract: *b released on failure */
        return;
    }
    fuzz_check_batch(&b);
    if (b.n_tasks) {
        struct import_summary sum;
        memset(&sum, 0, sizeof sum);
        resolved_free(resolve_batch(fuzz_registry(), &b, &sum), b.n_tasks);
    }
    for (size_t i = 0; i < b.n_progress; i++) {
        struct progress_entry en;
        char *reason = NULL;
        if (progress_read(&b.progress[i], &en, &reason))
            free(reason);
        else if (en.percent < -1 || en.percent > 100)
            abort();
    }
    batch_release(&b);
}

#endif
