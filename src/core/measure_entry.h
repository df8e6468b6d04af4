/*
 * measure_entry: a measurement as a person or a file gives it (the value
 * as typed, the unit, scale or bloc named, the date, the source), read and
 * checked into a struct measurement ready to store. Core layer: no I/O.
 *
 * The command line (`measure add`), the indicator page's form, the API
 * and the measurement import all go through measure_entry_prepare(), so a
 * value is read and refused the same way wherever it comes from.
 */
#ifndef GIAMSAT_MEASURE_ENTRY_H
#define GIAMSAT_MEASURE_ENTRY_H

#include "indicator.h"
#include "registry.h"

/* What was given; every string borrowed, NULL or "" when not given. */
struct measure_input {
    const char *value;  /* as typed: "82%", "0,72", "thứ 5", "đạt" (required) */
    const char *unit;   /* an agency (per-unit breakdown), or a scale or bloc of the target */
    const char *bloc;   /* a scale or bloc of the target */
    const char *source; /* report, agency or document the figure comes from */
    struct date on;     /* measured on (required) */
};

/**
 * Read and check `in` for indicator x (t parsed from x's target; reg
 * resolves an agency named by in->unit) into *m (strings NULL).
 * Sets on, has_value/value/judgement, bloc, unit_id/unit_name, text (the
 * value cleaned of stray spaces, otherwise as typed) and source (never
 * NULL). The caller sets entered_via (and entered_by) before storing.
 *
 * Returns 0, or -1 with *reason (newly allocated Vietnamese sentence,
 * free()) and *field naming what to fix: "value", "date", "unit" or
 * "bloc". On error *m may hold partial strings: measurement_release() it.
 */
int measure_entry_prepare(const struct registry *reg, const struct indicator *x,
                          const struct target *t, const struct measure_input *in,
                          struct date today, struct measurement *m, char **reason,
                          const char **field);

#endif
