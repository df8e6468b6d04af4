/*
 * import: read a file's bytes into a batch (see core/batch.h).
 *
 * Formats:
 *   program     the task table Phụ lục II of an action programme (seed 001),
 *               plus its indicator table Phụ lục I when present;
 *   indicators  only the indicator table Phụ lục I;
 *   plan        the bullet-style plan (seed 002);
 *   table       a CSV or XLSX table whose columns are recognised by their
 *               headers as written in official tables;
 *   progress    a CSV or XLSX table of progress reports (a table with a
 *               Ngày báo cáo, Hoàn thành or Ngày hoàn thành column is one);
 *               its rows go to batch->progress, as written.
 * With format NULL the format is detected from the content.
 *
 * The importers do no I/O: the caller reads the file. Bad input (empty,
 * not UTF-8, binary, truncated XLSX, no task-name column) fails with
 * ERR_INVALID and a message naming the file and, where it can, the line.
 * Rows that cannot be read are not errors: they are recorded in
 * batch->rejects with their line and reason.
 */
#ifndef GIAMSAT_IMPORT_H
#define GIAMSAT_IMPORT_H

#include "core/batch.h"
#include "lines.h"
#include "sheet.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

extern const char *const import_formats[]; /* NULL-terminated */

/**
 * Read data[0..len) (borrowed) named `name` (for messages) as `format`
 * (or detect it when NULL) into *b, which must be BATCH_INIT. On failure
 * *b is released and the error says why.
 */
int import_read(const char *data, size_t len, const char *name, const char *format,
                struct batch *b, struct err *e);

/* The individual readers, for tests. Each appends to *b. */
int import_program(const struct lines *l, struct batch *b, struct err *e);
int import_indicators(const struct lines *l, struct batch *b, struct err *e);
int import_plan(const struct lines *l, struct batch *b, struct err *e);
/** The plan's "Mục tiêu cụ thể năm <year>" targets as indicators (import_plan() calls it). */
int import_plan_targets(const struct lines *l, struct batch *b, struct err *e);
int import_table(const struct sheet *sh, struct batch *b, struct err *e);
int import_progress(const struct sheet *sh, struct batch *b, struct err *e);
/** True when the sheet's header names it a progress table. */
bool import_is_progress(const struct sheet *sh);

#endif
