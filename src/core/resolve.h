/*
 * resolve: turn the cells of a batch into agencies, groups, assignments and
 * due dates, using the registry. Pure computation, no storage.
 *
 * For each task: the lead cell is split (registry_split); every agency is
 * replaced by its active successor; every group is expanded to its
 * members; the union (first mention wins) gives the assignments. Names
 * nobody knows are kept as unresolved parties and listed with their line.
 */
#ifndef GIAMSAT_RESOLVE_H
#define GIAMSAT_RESOLVE_H

#include "batch.h"
#include "deadline.h"
#include "registry.h"

struct assignment_plan {
    size_t agency;   /* active agency index */
    long via_group;  /* group index, or -1 when named directly */
    char *named_as;  /* the words in the cell that produced it (borrowed from parties) */
};

struct resolved_task {
    struct parties lead;
    struct parties coord;
    struct assignment_plan *assign;
    size_t n_assign, cap_assign;
    struct deadline deadline;
};

/*
 * A task the import would create whose name equals (after text_match_key())
 * or comes close to a task already stored: a duplicate when both belong to
 * the same document (or the new one names none), else a proposed repeat
 * ("nhiệm vụ nhắc lại") of the stored one.
 */
struct task_repeat {
    size_t line;       /* the row of the new task */
    char *name;        /* its name as written; owned */
    long task;         /* the stored task (the original, when it is a repeat itself) */
    char *code;        /* that task's code, or NULL; owned */
    char *task_name;   /* its name; owned */
    double score;      /* similarity (core/similar.h); 1 when the match keys are equal */
    bool exact;        /* equal match keys */
    bool linked;       /* recorded as a repeat (link_repeats, or its line confirmed) */
};

struct import_summary {
    size_t tasks;             /* top-level tasks */
    size_t subtasks;          /* tasks with a parent */
    size_t groups;            /* tasks with sub-tasks (not counted) */
    size_t counted;           /* tasks that statistics count */
    size_t indicators;
    size_t documents;         /* distinct documents named */
    size_t agencies_resolved; /* agency mentions resolved in lead/coordinating cells */
    size_t groups_expanded;   /* group mentions expanded in lead cells */
    size_t no_due_date;       /* counted tasks whose deadline has no date and is not recurring */
    size_t unresolved;
    /* Filled by the store (store_import()): */
    size_t duplicates;             /* n_dups */
    struct task_repeat *dups;      /* new tasks equal to a stored task of the same document */
    size_t n_dups, cap_dups;
    struct task_repeat *repeats;   /* new tasks of another document equal or close to a stored one */
    size_t n_repeats, cap_repeats;
    bool near_checked; /* close names were looked for (not skipped as too large an import) */
    bool written;      /* committed */
};

/** Free the lists of *sum (not sum itself); the counts stay. */
void import_summary_release(struct import_summary *sum);

/**
 * Resolve every task of b. Returns a newly allocated array of b->n_tasks
 * items; free with resolved_free(). Fills *sum (documents excepted: the
 * store counts them).
 */
struct resolved_task *resolve_batch(const struct registry *r, const struct batch *b,
                                    struct import_summary *sum);
void resolved_free(struct resolved_task *rt, size_t n);

#endif
