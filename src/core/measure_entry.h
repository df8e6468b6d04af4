/*
 * measure_entry: a measurement as a person or a file gives it (the value
 * as typed, the unit, scale or bloc named, the date, the source), read and
 * checked into a struct measurement ready to store. Core layer: no I/O.
 *
 * The command line (`measure add`), the indicator page's form, the API
 * and the measurement import all go through measure_entry_prepare(), so a
 * value is read and refused the same way wherever it comes from. A table
 * of measurements (CSV or XLSX) is read by the importer into a struct
 * measure_table, its rows as written, which the store then checks row by
 * row with measure_entry_prepare(). A baseline (the start of an
 * indicator's path) is read and checked by baseline_check(), for the
 * command line and the page alike.
 */
#ifndef GIAMSAT_MEASURE_ENTRY_H
#define GIAMSAT_MEASURE_ENTRY_H

#include "indicator.h"
#include "registry.h"

#include <stdbool.h>
#include <stddef.h>

/* The fields of a measurement table, as recognised by their header. */
enum measure_field {
    MF_CODE,     /* Mã chỉ tiêu / Chỉ tiêu / Mã */
    MF_DOCUMENT, /* Văn bản: names the document when several use the code */
    MF_DATE,     /* Ngày đo / Ngày / Thời điểm */
    MF_VALUE,    /* Giá trị / Kết quả */
    MF_UNIT,     /* Đơn vị: an agency (per-unit breakdown), or a scale or bloc */
    MF_BLOC,     /* Khối / Thang đo */
    MF_SOURCE,   /* Nguồn */
    N_MEASURE_FIELDS
};

/* One measurement row as written: every string owned, NULL when the cell is blank. */
struct measure_row {
    size_t line;                  /* CSV line or XLSX row number (1-based) */
    char *cell[N_MEASURE_FIELDS]; /* cleaned of markup, by enum measure_field */
    char *written;                /* every non-blank cell as "Header: cell" lines */
};

/*
 * The rows of one measurement table. header[f] is field f's header as
 * written in the file ("Giá trị (%)"), NULL when the table has no such
 * column: rejections name the column with it. Owns everything; free
 * with measure_table_release().
 */
struct measure_table {
    char *header[N_MEASURE_FIELDS];
    struct measure_row *rows;
    size_t n, cap;
};

/* clang-format off */
#define MEASURE_TABLE_INIT { { NULL }, NULL, 0, 0 }
/* clang-format on */

/** Free every row and header; leaves *t as MEASURE_TABLE_INIT. */
void measure_table_release(struct measure_table *t);

/* The longest texts a measurement keeps, in bytes, wherever it comes from. */
#define MEASURE_VALUE_MAX 200   /* the value as typed */
#define MEASURE_NAME_MAX 400    /* a unit, scale or bloc named */
#define MEASURE_SOURCE_MAX 2000 /* the source */

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
 * free()) and *field naming what to fix: "value", "date", "unit",
 * "bloc" or "source" (a text longer than its MEASURE_*_MAX is refused). On error *m may hold partial strings: measurement_release() it.
 */
int measure_entry_prepare(const struct registry *reg, const struct indicator *x,
                          const struct target *t, const struct measure_input *in, struct date today,
                          struct measurement *m, char **reason, const char **field);

/* ---- the baseline (mốc cơ sở) ---------------------------------------------------- */

/**
 * True when a baseline set on an indicator with target t is where its
 * status path starts (core/indicator.h): a numeric target with a clause
 * for the whole indicator, or with a single clause. A target made only of
 * scales or blocs judges each on its own, so a baseline of the whole
 * indicator would go unused; a text target or a heading has no path.
 */
bool baseline_applies(const struct target *t);

/**
 * Read and check a baseline typed for indicator x (t parsed from x's
 * target): `value` as typed ("40", "40%", "0,5", "thứ 67") dated `on`,
 * set on `today`. A baseline is a number, not a judgement; it is refused
 * when the date is missing or after today, when the target has no path
 * to start (!baseline_applies()), and by the checks of indicator_check()
 * that apply to a figure: a percent only for a unit in %, a rank only for
 * a ranking, a share within 0..100, no negative value except a rate; a
 * value longer than MEASURE_VALUE_MAX bytes is refused. The command line
 * (`measure baseline`) and the indicator page both go through it.
 *
 * Returns 0 with *v, or -1 with *reason (newly allocated Vietnamese
 * sentence, free()) and *field naming what to fix: "value" or "date".
 */
int baseline_check(const struct indicator *x, const struct target *t, const char *value,
                   struct date on, struct date today, double *v, char **reason, const char **field);

#endif
