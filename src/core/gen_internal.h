/*
 * gen_internal: the generator's state, shared by gen.c (documents, tasks,
 * lifecycle) and gen_report.c (progress reports). Not for other modules:
 * they see struct gen as opaque (gen.h).
 */
#ifndef GIAMSAT_GEN_INTERNAL_H
#define GIAMSAT_GEN_INTERNAL_H

#include "deadline.h"
#include "gen.h"
#include "gen_pick.h"

#include <stdbool.h>

#define N_OF(a) (sizeof(a) / sizeof(*(a)))
#define MAX_REPORTS_PER_ASSIGNMENT 60
#define GEN_NATIONAL_GROUPS 7 /* the group expressions a national lead may be (gen.c) */

struct gen_doc {
    struct date date;
    size_t n_tasks;
    size_t kind; /* into doc_kinds */
    long number;
    long province; /* issuer (into g->provinces) of a provincial document, or -1 */
};

struct gen_task {
    char *code;       /* owned */
    char *lead;       /* the lead cell as written; owned */
    uint32_t name_id; /* task_name()'s serial */
    size_t doc;       /* into g->docs */
    struct date due;  /* unset when the phrase has no date */
    enum deadline_kind kind;
    size_t first, n; /* its assignments in g->units */
    bool counted;    /* takes reports: not a group, not a repeat */
};

struct pool {
    size_t *v;   /* agency indexes */
    unsigned *w; /* their weights */
    size_t n, cap, cap_w;
};

struct gen {
    const struct registry *r;
    struct gen_options o;
    struct gen_rng rng;
    struct gen_doc *docs;
    size_t n_docs, next_doc;
    struct gen_task *tasks;
    size_t n_tasks, cap_tasks;
    size_t *units; /* agency index of every assignment, task by task */
    size_t n_units, cap_units;
    struct pool ministries, central, bodies, provinces, old;
    struct pool *communes;            /* per province */
    long *province_group;             /* per province: the group of its communes, or -1 */
    long groups[GEN_NATIONAL_GROUPS]; /* the national group expressions (gen.c), or -1 */
    uint32_t next_name;
    struct gen_counts counts;
    /* The report cursor: task, assignment within it, assignment ordinal and weights. */
    size_t rep_task, rep_k;
    uint64_t rep_ordinal, w_before, w_sum, carry;
    bool weighed;
};

/** The canonical name of agency idx (borrowed from the registry). */
static inline const char *gen_agency_name(const struct gen *g, size_t idx)
{
    return g->r->agencies[idx].name;
}

#endif
