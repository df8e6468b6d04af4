/*
 * programme: an in-memory snapshot of what counting needs — counted and
 * uncounted tasks, their documents, lead units (assignments) and the
 * progress events of each assignment. The store fills it
 * (store_load_programme); report.c and remind.c compute on it without I/O.
 *
 * Cross references are indexes into the snapshot's own arrays, never
 * database ids, so the computation cannot dangle. Everything is owned by
 * the struct programme and freed by programme_release().
 *
 * A programme can also follow writes without being loaded again:
 * programme_derive() makes the programme of a later moment, when all that
 * was written in between is new progress reports (they are append-only),
 * by inserting them into the event lists of their assignments. It borrows
 * everything else from the programme it grew from, so it costs a copy of
 * the assignments array and of the event lists that changed, not a load.
 */
#ifndef GIAMSAT_PROGRAMME_H
#define GIAMSAT_PROGRAMME_H

#include "approval.h"
#include "date.h"
#include "deadline.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>

#define PROG_NONE ((size_t)-1) /* "no index" */

struct prog_document {
    long id;
    char *name;       /* canonical: "Nghị quyết số 71/NQ-CP ngày 01/4/2025" */
    struct date date; /* may be unset */
    char *meeting;            /* "Phiên họp thứ hai của Ban Chỉ đạo", or NULL */
    struct date meeting_date; /* the meeting's date, may be unset */
    char *summary;            /* what the document asks, for the report's paragraph, or NULL */
};

struct prog_agency {
    long id;
    char *name; /* canonical */
    char *kind; /* bo_nganh, dia_phuong, ... */
};

struct prog_assignment {
    long id;
    size_t task;   /* index into tasks */
    size_t agency; /* index into agencies */
    struct progress_event *events; /* replay order */
    size_t n_events;
};

struct prog_task {
    long id;
    char *code;
    char *tt;
    char *name;
    char *field;
    char *deadline_text;
    char *lead_text;      /* the lead cell as written ("Các bộ, ngành, địa phương") */
    enum deadline_kind deadline_kind;
    struct date due;
    bool is_group;        /* has sub-tasks: never counted */
    long repeat_of_id;    /* 0, or the task this one repeats: not counted twice */
    size_t *documents;    /* indexes, earliest document first */
    size_t n_documents;
    size_t *assignments;  /* indexes, in lead-cell order */
    size_t n_assignments;
};

struct programme {
    struct prog_document *documents; /* by date, undated last */
    size_t n_documents;
    struct prog_agency *agencies; /* by ascending id */
    size_t n_agencies;
    struct prog_task *tasks; /* by ascending id (import order) */
    size_t n_tasks;
    struct prog_assignment *assignments; /* by ascending id */
    size_t n_assignments;
    /* Set by programme_derive(), NULL/0 in a loaded programme: the loaded programme whose
     * documents, agencies, tasks and unchanged event lists this one borrows, and the
     * assignments (ascending indexes) whose event lists are this one's own, in one block. */
    const struct programme *root;
    size_t *changed;
    size_t n_changed;
    struct progress_event *event_block;
    /* programme_index()'s, or NULL; a derived programme shares its root's */
    struct prog_index *index;
    /* which reports the replay counts (the loader applied it to the events' windows) */
    enum count_policy count_policy;
};

#define PROGRAMME_INIT { NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, 0, NULL, NULL }

/*
 * What the pages look up in a snapshot again and again, computed once:
 * unit k's assignments are by_agency[agency_first[k] .. agency_first[k + 1])
 * in task order; by_name is every unit in Vietnamese alphabetical order;
 * fields are the distinct non-empty fields in the order tasks first name
 * them (borrowed from the tasks).
 */
struct prog_index {
    size_t *agency_first;
    size_t *by_agency;
    size_t *by_name;
    const char **fields;
    size_t n_fields;
};

/* A progress report committed after a programme was read: what programme_derive() adds. */
struct prog_new_event {
    long assignment_id; /* database id */
    struct progress_event ev;
};

/** True when the statistics count the task: not a group, not a repeat. */
bool programme_counts_task(const struct prog_task *t);

/** Index of the task with database id, or PROG_NONE. Binary search. */
size_t programme_find_task(const struct programme *p, long id);
/** Index of the agency with database id, or PROG_NONE. Binary search. */
size_t programme_find_agency(const struct programme *p, long id);
/** Index of the document with database id, or PROG_NONE. Linear. */
size_t programme_find_document(const struct programme *p, long id);
/** Index of the assignment with database id, or PROG_NONE. Binary search. */
size_t programme_find_assignment(const struct programme *p, long id);

/**
 * Build p->index (the loader calls it last), so a page finds a unit's rows
 * or its filter's choices without a pass over every assignment or task.
 * Linear, but for sorting the units by name.
 */
void programme_index(struct programme *p);

/**
 * The assignments (indexes into p->assignments) of unit agency, in task
 * order; *n receives how many. Borrowed from p; NULL and 0 without an index.
 */
const size_t *programme_agency_assignments(const struct programme *p, size_t agency, size_t *n);

/**
 * Fill *out (uninitialised) with the programme from grown by the reports
 * ev[0..n): each goes into its assignment's events in replay order
 * (status_sort_events()), and a report of an assignment from does not hold
 * (removed from its task's lead cell) is skipped, as the loader skips it.
 * Only new reports may have been written since from was read: a change to
 * anything else needs a load. out shares documents, agencies, tasks and
 * every event list it did not change with from's root (from itself when
 * loaded), which must stay alive and unchanged until out is released; it
 * never points into from's own blocks, so from may be released first when
 * it is derived. out->n_changed says how much it copied: load again once it
 * grows large. Release out with programme_release().
 */
void programme_derive(const struct programme *from, const struct prog_new_event *ev, size_t n,
                      struct programme *out);

/** Free everything the snapshot owns (a derived one: not its root's) and reset it to PROGRAMME_INIT. */
void programme_release(struct programme *p);

#endif
