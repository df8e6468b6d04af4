/*
 * gen: a generated programme — directive documents, their tasks and the
 * progress reports of their units — for demonstrations and for measuring
 * the system at the sizes of years of data (issue #12). Pure and
 * deterministic: the same registry, options and seed give the same
 * batches, byte for byte (core/gen_pick.h draws everything; no clock, no
 * rand()). No I/O: the caller (cli/cmd_gen.c) writes the batches through
 * the store exactly as an import would.
 *
 * What it makes, by design:
 *  - documents (Nghị quyết, Quyết định, Chỉ thị, Thông báo, Công điện,
 *    Kết luận; with generated communes also provincial Kế hoạch) dated in
 *    increasing order over the two years before options.until;
 *  - tasks in sections, with deadline phrases drawn from seed 001's
 *    measured distribution (gen_pick.h), leads drawn like seed 001's
 *    (one ministry mostly, several units, predecessor names, group
 *    expressions such as "Các bộ, ngành, địa phương"), groups with
 *    sub-tasks, and repeats ("nhắc lại", repeat_code) of earlier tasks;
 *  - reports of the counted tasks' lead units, exactly options.n_reports
 *    of them when the assignments can hold them (gen_counts() says how
 *    many): dated after the document and not after until, strictly
 *    increasing per assignment, ending done on time, done late, reopened
 *    or still in progress. Every report is one the store accepts.
 *
 * A batch of tasks names no source document (b->document unset): each
 * task carries its document in `documents`, and its code ("G12.3",
 * "G12.3.(2)") is unique in the whole programme, so reports name their
 * task by code and a repeat finds its original in an earlier batch.
 * The generator expects a database without tasks (the caller checks).
 *
 * Lifecycle: gen_new(), then gen_next_tasks() until it returns 0 (store
 * each batch), then gen_next_reports() until it returns 0, then
 * gen_free(). The registry is borrowed for the generator's whole life and
 * must be the one the store resolves with (indexes are shared).
 */
#ifndef GIAMSAT_GEN_H
#define GIAMSAT_GEN_H

#include "batch.h"
#include "date.h"
#include "registry.h"
#include "resolve.h"

#include <stddef.h>
#include <stdint.h>

struct gen_options {
    uint64_t seed;
    size_t n_tasks;    /* tasks to make, groups and sub-tasks included (> 0) */
    size_t n_reports;  /* progress reports to make */
    struct date until; /* the programme's last day: no document or report after it (set) */
};

/* What the generator made so far (reports: what it handed out). */
struct gen_counts {
    size_t documents;
    size_t tasks;  /* every task row */
    size_t groups; /* tasks with sub-tasks (not counted) */
    size_t subtasks;
    size_t repeats;     /* tasks that repeat an earlier one (not counted) */
    size_t recurring;   /* counted tasks whose phrase is recurring */
    size_t multi_unit;  /* tasks with more than one assignment */
    size_t group_led;   /* tasks whose lead cell names a group expression */
    size_t assignments; /* of every task */
    size_t reports;
    size_t completions;   /* reports stating completion */
    size_t on_time, late; /* completions by their date against the due date */
    size_t reopenings;
};

/* Opaque: the plan of documents, what was made so far, and the report cursor. */
struct gen;

/** A generator for r and *o (copied). Returns a newly allocated gen; free with gen_free(). */
struct gen *gen_new(const struct registry *r, const struct gen_options *o);

/**
 * Fill the empty batch b (BATCH_INIT) with the tasks of the next whole
 * documents, about max tasks (at least one document), and resolve them:
 * *rt receives a newly allocated array of b->n_tasks items (free with
 * resolved_free()) and *sum resolve_batch()'s counts, ready for
 * store_import(). Returns the number of tasks, 0 when all are made (then
 * b and *rt are untouched).
 */
size_t gen_next_tasks(struct gen *g, struct batch *b, size_t max, struct resolved_task **rt,
                      struct import_summary *sum);

/**
 * Fill the empty batch b with the next progress rows (format "progress"),
 * at most max and never splitting an assignment's reports, for
 * store_progress_add(). Call only once every task batch is stored.
 * Returns the number of rows, 0 when all are made.
 */
size_t gen_next_reports(struct gen *g, struct batch *b, size_t max);

void gen_counts(const struct gen *g, struct gen_counts *out);

/** Free g and everything it owns; NULL is fine. */
void gen_free(struct gen *g);

#endif
