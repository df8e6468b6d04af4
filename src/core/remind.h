/*
 * remind: what each unit must be reminded of (đôn đốc) as of a date —
 * its overdue assignments and those due within N days — computed from a
 * statistics report (report.h) without I/O.
 *
 * Units come with overdue work first (most overdue assignments first),
 * then by Vietnamese name; within a unit, overdue items come first, the
 * longest overdue first, then the items due soon by due date.
 */
#ifndef GIAMSAT_REMIND_H
#define GIAMSAT_REMIND_H

#include "report.h"

#include <stdbool.h>
#include <stddef.h>

struct remind_item {
    size_t assignment; /* index into prog->assignments */
    size_t task;       /* index into prog->tasks */
    bool overdue;
    long days;         /* days past the due date (overdue) or left until it */
};

struct remind_unit {
    size_t agency; /* index into prog->agencies */
    struct remind_item *items;
    size_t n_items, cap_items;
    size_t n_overdue, n_due_soon;
};

struct reminders {
    const struct report *report; /* borrowed */
    long within;                 /* days */
    struct date until;           /* as_of + within */
    struct remind_unit *units;
    size_t n_units;
};

#define REMINDERS_INIT { NULL, 0, { 0, 0, 0 }, NULL, 0 }

/**
 * The reminders of one unit: of its assignments ai[0..n) (indexes into
 * prog->assignments, e.g. programme_agency_assignments()), those overdue or
 * due within `within` days as of r's date, into out[] (room for n), in
 * reminder order; returns how many. The same rule as remind_build(): a
 * unit's page lists what the reminder would send it.
 */
size_t remind_unit_items(const struct report *r, long within, const size_t *ai, size_t n,
                         struct remind_item *out);

/** Fill *out (REMINDERS_INIT) from r; free with reminders_release(). r must outlive it. */
void remind_build(const struct report *r, long within, struct reminders *out);
void reminders_release(struct reminders *rm);

#endif
