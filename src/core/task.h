/*
 * task: the read-side views of tasks, agencies and documents that the
 * store returns and the renderers (JSON, text, CSV) print.
 *
 * All strings are owned by the view; the *_free()/release functions free
 * them (and accept NULL / empty arrays).
 */
#ifndef GIAMSAT_TASK_H
#define GIAMSAT_TASK_H

#include "date.h"
#include "util/strvec.h"

#include <stdbool.h>
#include <stddef.h>

struct task_filter {
    const char *agency;   /* name, alias or abbreviation of a lead unit, or NULL */
    const char *document; /* document name or reference, or NULL */
    const char *field;    /* field / section, or NULL */
    const char *search;   /* words of the task text, or NULL */
};

/* How one party of a cell was read: an agency, a group (with its members) or unresolved. */
struct party_view {
    char *role;     /* "lead" or "coord" */
    char *text;     /* as written */
    char *resolved; /* canonical agency or group name, or NULL when unresolved */
    bool is_group;
    struct strvec members; /* for groups in the lead cell: the units it became */
};

struct task_view {
    long id;
    char *code;
    char *tt;
    char *name;
    char *field;
    char *output;
    char *deadline_text;
    char *deadline_kind; /* "date", "recurring", "unknown" */
    struct date due;     /* the date set by a person when there is one, else the phrase's */
    bool due_by_person;  /* due was set by a person (store_task_set_due) */
    char *due_note;      /* why, as the person wrote it ("" when none) */
    struct date last_report; /* the latest report date of any of its units, DATE_NONE if none */
    long parent_id;      /* 0 = none */
    long repeat_of_id;   /* 0 = none */
    bool is_group;
    long source_line;
    struct strvec documents;    /* canonical document names */
    struct strvec lead;         /* canonical unit names (groups expanded) */
    struct strvec coordinating; /* canonical agency / group names, unresolved text as written */
    char *lead_text;
    char *coord_text;
    struct party_view *parties; /* filled by store_task() only */
    size_t n_parties;
    long *children;             /* sub-task ids, store_task() only */
    size_t n_children;
};

struct agency_view {
    long id;
    char *name;
    char *kind;
    struct strvec aliases;
    char *successor; /* or NULL */
    long lead_tasks; /* the counted tasks it leads (live assignments; no groups, no repeats) */
};

struct document_view {
    long id;
    char *name;
    char *kind;
    char *number;
    struct date date;
    long tasks;
};

struct store_counts {
    long agencies, groups, documents, tasks, counted, assignments, indicators;
};

void task_view_release(struct task_view *t);
void task_views_free(struct task_view *t, size_t n);
void agency_views_free(struct agency_view *a, size_t n);
void document_views_free(struct document_view *d, size_t n);

#endif
