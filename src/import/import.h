/*
 * import: read a file's bytes into a batch (see core/batch.h).
 *
 * Formats:
 *   program     the task table Phụ lục II of an action programme (seed 001),
 *               plus its indicator table Phụ lục I when present;
 *   indicators  only the indicator table Phụ lục I;
 *   plan        the bullet-style plan (seed 002);
 *   table       a CSV, XLSX or DOCX table whose columns are recognised by
 *               their headers as written in official tables;
 *   progress    a CSV, XLSX or DOCX table of progress reports (a table with a
 *               Ngày báo cáo, Hoàn thành or Ngày hoàn thành column is one);
 *               its rows go to batch->progress, as written;
 *   measurements a CSV, XLSX or DOCX table of indicator measurements (a table
 *               with an indicator column — Mã chỉ tiêu, Chỉ tiêu or Mã —,
 *               a date column — Ngày đo, Ngày or Thời điểm — and a value
 *               column — Giá trị or Kết quả —, and no task-name column);
 *               its rows go to a struct measure_table (core/measure_entry.h),
 *               as written, and
 *               only import_read_all() reads them.
 * With format NULL the format is detected from the content: a sheet is a
 * progress table first, then a measurement table, else a task table.
 *
 * A Word document (a zip whose main part is under word/, or any zip named
 * *.docx) is read by sheet_read_docx(): when its main table is a progress
 * table it is one; else when its text lines are a programme, indicators
 * or a plan (as for a text file) they go to that importer; else its main
 * table is a sheet as above. A forced format picks the text lines
 * (program, indicators, plan) or the main table (the others). The line of
 * a rejected row is a line of the text form for the text importers, and
 * the row's ordinal among the document's table rows for the sheet ones.
 *
 * The importers do no I/O: the caller reads the file. Bad input (empty,
 * not UTF-8, binary, truncated XLSX or DOCX, a DOCX without a table, no
 * task-name column) fails with
 * ERR_INVALID and a message naming the file and, where it can, the line,
 * in Vietnamese (util/err.h): the web import page and the command line
 * show the same text. A zip, or a file named .xlsx/.xlsm/.docx, is read as
 * an Office file whatever its bytes, so that a damaged workbook is reported
 * as "Tệp “x.xlsx” không đọc được như một bảng tính Excel (.xlsx): ..." and
 * never as text that is not UTF-8; an old binary .xls/.doc is named as such.
 * Rows that cannot be read are not errors: they are recorded in
 * batch->rejects with their line and reason.
 */
#ifndef GIAMSAT_IMPORT_H
#define GIAMSAT_IMPORT_H

#include "core/batch.h"
#include "core/measure_entry.h"
#include "core/registry.h"
#include "lines.h"
#include "sheet.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

extern const char *const import_formats[]; /* NULL-terminated */

/* ---- reading a file ------------------------------------------------------------ */

/**
 * Read data[0..len) (borrowed) named `name` (for messages) as `format`
 * (or detect it when NULL) into *b, which must be BATCH_INIT. On failure
 * *b is released and the error says why. Measurement tables are not
 * detected here, and format "measurements" is ERR_INVALID: read them
 * with import_read_all().
 */
int import_read(const char *data, size_t len, const char *name, const char *format,
                struct batch *b, struct err *e);

/**
 * import_read(), and measurement tables too: for those b->format is
 * "measurements", b stays empty and the rows go to *mt (which must be
 * MEASURE_TABLE_INIT). On failure *b and *mt are released.
 */
int import_read_all(const char *data, size_t len, const char *name, const char *format,
                    struct batch *b, struct measure_table *mt, struct err *e);

/* The individual readers, for tests. Each appends to *b. */
int import_program(const struct lines *l, struct batch *b, struct err *e);
int import_indicators(const struct lines *l, struct batch *b, struct err *e);
int import_plan(const struct lines *l, struct batch *b, struct err *e);
/** The plan's "Mục tiêu cụ thể năm <year>" targets as indicators (import_plan() calls it). */
int import_plan_targets(const struct lines *l, struct batch *b, struct err *e);
int import_table(const struct sheet *sh, struct batch *b, struct err *e);
int import_progress(const struct sheet *sh, struct batch *b, struct err *e);
/**
 * Apply what the user says about the progress table read into b (b->progress):
 * - date: the report date of every row ("dd/mm/yyyy" or ISO), or NULL; a date
 *   the table gave is kept beside it in the row's other text;
 * - unit: the reporting unit of every row (a name r knows), or NULL; the
 *   table's unit column is then the lead as the unit copied it (lead_text).
 * - name: the file name, for messages.
 * Without date, the table's date column or its result header's date is the
 * report date; without unit, its unit column is the reporter. Returns 0, or
 * ERR_INVALID (b untouched) when date is no date, unit no unit, or the table
 * gives no date or no unit and the caller none: the message says how to give it.
 */
int import_progress_hints(struct batch *b, const char *name, const char *date, const char *unit,
                          const struct registry *r, struct err *e);
/** True when the sheet's header names it a progress table. */
bool import_is_progress(const struct sheet *sh);
/**
 * The rows of a measurement table into *mt (MEASURE_TABLE_INIT). ERR_INVALID
 * when no row among the first ten is a measurement header or no row follows it.
 */
int import_measurements(const struct sheet *sh, struct measure_table *mt, struct err *e);
/** True when the sheet's header names it a measurement table (and not a task table). */
bool import_is_measurements(const struct sheet *sh);

#endif
