/*
 * xlsx: render an rdoc as an Excel workbook (Office Open XML, .xlsx).
 *
 * This is the only module that includes xlsxwriter.h; it sits in the export
 * layer above render/ and knows nothing of how the rdoc was built.
 *
 * Layout of the workbook:
 *  - a first sheet "Tổng hợp": the title (row 1, bold), the subtitle (row 2),
 *    then every section title, paragraph and list item ("- text") in column
 *    A, and the list of all footnotes "(n) text" at the end;
 *  - one sheet per section that holds at least one table, named after
 *    rsection.sheet made valid for Excel (at most 31 characters, none of
 *    [ ] : * ? / \, no leading or trailing apostrophe, unique ignoring case
 *    and diacritics; clashes get " (2)", " (3)" ...). It repeats the title
 *    and subtitle, then the section title, then each table: a bold wrapped
 *    header row with borders, cells with borders, and below the table one row
 *    "(n) text" per footnote its cells refer to. The first table's header row
 *    is frozen and carries the autofilter (the total row is left out of it).
 *
 * Cells keep their type: CELL_INT is a number ("#,##0"), CELL_PERCENT the
 * number num/100 shown as "0%", CELL_DATE a real Excel date shown as
 * "dd/mm/yyyy" (an unset date is an empty cell, a date before 1900 stays
 * text). A text cell with a footnote gets " (n)" appended; a number or date
 * cell with one gets a cell comment "(n) text" instead. The total row
 * (rtable.has_total_row) is bold.
 *
 * Layout details: Times New Roman 12 pt; column widths from the longest
 * header word and cell text (6 to 50 characters); rows with wrapped text get
 * a height estimated from its length, as LibreOffice does not fit them; every
 * sheet prints on A4 one page wide, a table wider than about 100 characters
 * in landscape, with the first header row repeated on each page.
 */
#ifndef GIAMSAT_XLSX_H
#define GIAMSAT_XLSX_H

#include "render/rdoc.h"
#include "util/err.h"

/**
 * Write d as an .xlsx workbook to path, replacing any file there.
 *
 * - d: the document (borrowed, not modified).
 * - path: the output file; its folder must exist.
 * - e: receives the message on failure.
 *
 * Returns 0, or:
 *  - ERR_STORAGE when the file or a temporary file cannot be created or the
 *    zip container cannot be written ("cannot write 'x.xlsx': ...");
 *  - ERR_INTERNAL when libxlsxwriter rejects the content (a cell over 32767
 *    characters, more than 1048576 rows).
 * On failure nothing is left at path: a file that was there is gone too,
 * as libxlsxwriter replaces it before it can fail.
 */
int xlsx_write(const struct rdoc *d, const char *path, struct err *e);

#endif
