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
 * row with measure_entry_prepare().
 */
#ifndef GIAMSAT_MEASURE_ENTRY_H
#define GIAMSAT_MEASURE_ENTRY_H

#include "indicator.h"
#include "registry.h"

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

#endif
