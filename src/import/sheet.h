/*
 * sheet: a table of text cells read from CSV, XLSX or DOCX bytes.
 *
 * This is the bottom of the import layer: it turns the bytes of a
 * spreadsheet the user exported (CSV UTF-8 or an Excel workbook), or the
 * tables of a Word document, into rows of NFC UTF-8 strings, and knows
 * nothing about what the columns mean. The
 * caller reads the file; this module does no file I/O. It is the only module
 * that uses libcsv, libzip and expat, and none of them shows in this header.
 *
 * Invariants of a filled struct sheet:
 *  - rows[0..n) are the non-empty rows in file order: a row whose cells are
 *    all blank (empty or white space) is never stored;
 *  - every row has n >= 1 cells, every cell is a valid NFC UTF-8 string
 *    without NUL bytes, never NULL ("" when empty);
 *  - line is 1-based and strictly increases from row to row for CSV and
 *    DOCX;
 *  - numeric is NULL or holds n_numeric <= n entries, numeric[i] being NULL
 *    or rows[i].n flags; rows at or past n_numeric have none. A flag is true
 *    only for a cell sheet_read_xlsx() read from an XLSX number shown as a
 *    plain number (neither a date nor a percent), whose text is therefore
 *    in the C form ("0.725", "81400", "1e-07"). A sheet read from CSV, and
 *    one built by hand, has numeric NULL: its cells are text as typed. Ask
 *    through sheet_is_number(), not the fields.
 *
 * Ownership: the struct sheet owns its rows, their cell arrays, every cell
 * string and the numeric flag arrays; sheet_release() frees them all.
 * Callers read the fields and copy (xstrdup) any cell they keep; a cell
 * pointer is borrowed, valid until sheet_release(). The read functions fill
 * a caller-owned struct sheet (usually on the stack, set to SHEET_INIT) and
 * keep no pointer into `data` or `name`.
 */
#ifndef GIAMSAT_SHEET_H
#define GIAMSAT_SHEET_H

#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

struct sheet_row {
    size_t line;  /* 1-based: CSV physical line where the record starts;
                     XLSX row number (r attribute); DOCX table row ordinal
                     (sheet_read_docx()) */
    char **cells; /* n cells, each a NUL-terminated NFC UTF-8 string, never NULL ("" when empty) */
    size_t n;     /* number of cells, >= 1 */
};

struct sheet {
    struct sheet_row *rows; /* non-empty rows only, in file order */
    size_t n, cap;
    bool **numeric; /* NULL, or per row: NULL or which cells are XLSX numbers (see above) */
    size_t n_numeric, cap_numeric;
};

/* clang-format off */
#define SHEET_INIT { NULL, 0, 0, NULL, 0, 0 }
/* clang-format on */

/** Largest XLSX or DOCX part (uncompressed) that sheet_read_xlsx() and sheet_read_docx() accept. */
#define SHEET_XLSX_PART_MAX ((size_t)64 << 20)
/** Most cells (gap cells included) that sheet_read_xlsx() and sheet_read_docx() build. */
#define SHEET_XLSX_CELLS_MAX ((size_t)1000000)
/** Longest XLSX cell text, and DOCX cell or paragraph text, in bytes. */
#define SHEET_XLSX_CELL_MAX ((size_t)1 << 20)
/** Most cell styles, and most custom number formats, of an XLSX workbook (Excel: 64,000). */
#define SHEET_XLSX_STYLES_MAX ((size_t)65536)
/** Most grid columns of a DOCX table row (Word: 63). */
#define SHEET_DOCX_COLS_MAX ((size_t)1000)
/** Most bytes of the text form of a DOCX document (which holds every table row too). */
#define SHEET_DOCX_TEXT_MAX ((size_t)64 << 20)

/**
 * Parse RFC 4180 CSV held in memory.
 *
 * - sh: receives the rows; anything it held before is released first.
 * - data, len: the file's bytes (borrowed; need not be NUL-terminated).
 *   UTF-8, with or without a BOM. The delimiter is ',' or ';' or tab: the
 *   one of them that occurs most often outside quotes on the first line
 *   (',' when none does or on a tie, then ';').
 * - name: the file name, used in messages only (borrowed).
 * - e: receives the message on failure.
 *
 * Quotes are strict: a quote may only open a field, and must be doubled
 * inside a quoted field. Unquoted fields lose their leading and trailing
 * spaces. Line endings may be LF, CRLF or CR. Rows whose cells are all blank
 * are skipped. sheet_row.line counts physical lines, so a quoted cell that
 * holds a line break makes the next record start on a later line.
 *
 * Returns 0, or ERR_INVALID with *sh left empty when the input is empty
 * ("file is empty"), is binary (a NUL byte) or UTF-16, is not UTF-8 (the
 * message names the line and the byte offset from the start of the file and
 * asks for "CSV UTF-8"), or has a malformed or unterminated quote (the
 * message names the line).
 */
int sheet_read_csv(struct sheet *sh, const char *data, size_t len, const char *name, struct err *e);

/**
 * Read the first worksheet of an XLSX workbook held in memory.
 *
 * - sh, data, len, name, e: as for sheet_read_csv().
 *
 * The first <sheet> of xl/workbook.xml is found through
 * xl/_rels/workbook.xml.rels; other sheets are ignored. Cells are placed by
 * their reference (r="C7"), so skipped columns become "" cells; a row ends at
 * its last non-empty cell, and sheet_row.line is the row number. Cell text:
 *  - shared strings (rich text runs joined, phonetic <rPh> runs dropped),
 *    inline strings and formula strings as they are;
 *  - booleans as "TRUE" / "FALSE"; error values as written ("#N/A");
 *  - numbers in the shortest form that round-trips 15 digits ("5", "2.5");
 *  - numbers whose cell style has a date format (built-in 14-22 and 45-47, or
 *    a custom format with d, m or y outside quotes and brackets) as
 *    "dd/mm/yyyy", from the 1900 serial (with Excel's 29/02/1900) or the
 *    1904 one when the workbook says so. The time of day is dropped.
 *  - numbers whose cell style has a percent format (built-in 9 "0%" and 10
 *    "0.00%", or a custom format, not a date one, with '%' outside quotes
 *    and brackets and not escaped) as a percent written the Vietnamese way:
 *    the value times 100 to 15 significant digits, a decimal comma, no
 *    thousands separator, then '%' (0.82 -> "82%", 0.825 -> "82,5%",
 *    -0.05 -> "-5%", 12.5 -> "1250%"). All the digits are kept, not rounded
 *    to the decimals the format shows, so what was typed is what is read.
 *
 * A plain number keeps the C form, with a decimal point, so that a code or a
 * TT typed as a number ("11.1") reads as before; sheet_is_number() tells
 * such a cell apart, and sheet_number_vi() writes it the Vietnamese way for
 * a column that holds quantities.
 *
 * Only <numFmt> inside <numFmts> and <xf> inside <cellXfs> of the styles
 * part count; a cell whose s is no cellXfs index is an unformatted one.
 *
 * Returns 0, or ERR_INVALID with *sh left empty when: the input is empty; it
 * is not a zip, is truncated or lacks a required part ("'NAME' is not a
 * readable XLSX file (...)"); a part's XML is malformed (the message names
 * the part and the line) or has a DTD; a part is over SHEET_XLSX_PART_MAX
 * bytes uncompressed; the sheet has more than SHEET_XLSX_CELLS_MAX cells or a
 * cell over SHEET_XLSX_CELL_MAX bytes; the styles have more than
 * SHEET_XLSX_STYLES_MAX cell styles or custom number formats ("'NAME' is too
 * large to import (...)").
 */
int sheet_read_xlsx(struct sheet *sh, const char *data, size_t len, const char *name,
                    struct err *e);

/**
 * Read the tables and the text of a Word document (DOCX) held in memory.
 *
 * - sh: receives the rows of the document's main table (below); anything it
 *   held before is released first.
 * - text: NULL, or receives the document as text lines, newly allocated
 *   (free with free()), NUL-terminated, each line ended by '\n': every
 *   non-blank paragraph outside tables is a line (a <w:br/> starts a new
 *   one), and every non-blank row of a table is one line of its grid cells
 *   (as in sh) joined by '\t'. A table of fewer than three grid columns
 *   is layout (a letterhead, a signature block), not data: each of its
 *   non-empty cells is a line of its own. Tabs and line breaks only
 *   separate cells and lines: inside a cell or paragraph they become one
 *   space. So a DOCX reads like the tab-separated text of a document
 *   pasted from Word, for the importers of lines.h.
 * - data, len, name, e: as for sheet_read_csv().
 *
 * The main part is the officeDocument relationship of _rels/.rels, else
 * word/document.xml. The text of a paragraph or a cell is its <w:t> runs
 * joined, white space squeezed to one space and trimmed, in NFC; deleted
 * text (<w:delText>), moved-away text (<w:moveFrom>), field codes
 * (<w:instrText>) and the fallback copy of a text box (<mc:Fallback>) are
 * left out. The paragraphs of a cell are joined by a space; a table nested
 * in a cell is text of that cell, its cells joined by spaces.
 *
 * Cells are placed on the table grid: a cell with <w:gridSpan w:val="N"/>
 * keeps its text in its first column and gives "" to the N-1 others, the
 * columns skipped by <w:gridBefore>/<w:gridAfter> and the cells continuing a
 * legacy <w:hMerge> are "", and a cell that continues a vertical merge
 * (<w:vMerge/> without val="restart") has the text of the cell above it in
 * the same grid column. sheet_row.line is the row's ordinal among every
 * table row of the document (1-based: every <w:tr> of the outermost tables
 * counts, blank and dropped ones too), which a user finds by counting rows.
 *
 * Which rows make sh. Official documents hold other tables around the one
 * that matters (a letterhead "BỘ ... | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
 * above, a signature block below), and a long table may be split in
 * several, each repeating the header. So:
 *  - the main table is the first of the widest tables (most grid columns);
 *  - its "head" is its first ten rows, where the importers look for their
 *    header row;
 *  - a later table as wide as the main one continues it, unless its first
 *    row is marked <w:tblHeader/> and equals no row of the head (the
 *    header of another table); other tables give no row;
 *  - sh holds the main table's rows, then those of its continuations,
 *    without the repeats of the header: a row marked <w:tblHeader/> that
 *    equals (cell by cell) a row of the head before it, and the leading
 *    rows of a continuation that equal a row of the head. An unmarked row
 *    inside a table is never dropped, even when it repeats one.
 * The text lines hold every table row, repeats included (doctable.h skips them).
 *
 * Returns 0, or ERR_INVALID with *sh left empty and *text NULL when the input
 * is empty; it is not a zip, is truncated or lacks the main part ("'NAME' is
 * not a readable DOCX file (...)"); the part's XML is malformed (the message
 * names the part and the line) or has a DTD; the part is over
 * SHEET_XLSX_PART_MAX bytes; the tables have more than SHEET_XLSX_CELLS_MAX
 * cells, a row more than SHEET_DOCX_COLS_MAX grid columns, a cell or a
 * paragraph over SHEET_XLSX_CELL_MAX bytes, or the text form over
 * SHEET_DOCX_TEXT_MAX bytes ("'NAME' is too large to import (...)").
 */
int sheet_read_docx(struct sheet *sh, char **text, const char *data, size_t len,
                    const char *name, struct err *e);

/**
 * True when data is a zip package whose main document (the officeDocument
 * relationship of _rels/.rels, else word/document.xml) is a part under
 * word/ that exists: a Word document, not an Excel workbook. False for
 * anything else, a zip that cannot be opened included.
 */
bool sheet_looks_like_docx(const char *data, size_t len);

/**
 * True when cell `col` of rows[row] came from an XLSX number shown as a plain
 * number (see the invariants above); false for every other cell, for a row
 * or column out of range, and for every cell of a CSV sheet.
 */
bool sheet_is_number(const struct sheet *sh, size_t row, size_t col);

/**
 * A number in the C form ("0.725", "-2.5", "1e-07", as sheet_read_xlsx()
 * writes a plain number) written the Vietnamese way, newly allocated: up to
 * 15 significant digits, a decimal comma, no thousands separator and no
 * exponent ("0.725" -> "0,725", "81400" -> "81400", "18.125" -> "18,125",
 * "1e-07" -> "0,0000001"). Text that is no finite number is copied as is.
 * Only for a cell sheet_is_number() vouches for: a CSV cell "0.725" is text a
 * person typed, where '.' before three digits separates thousands.
 */
char *sheet_number_vi(const char *c_number);

/** True if data starts like a zip archive ("PK\x03\x04"), as XLSX and DOCX files do. */
bool sheet_looks_like_xlsx(const char *data, size_t len);

/** Free every row, cell and flag array; leaves *sh as SHEET_INIT. Accepts an empty sheet. */
void sheet_release(struct sheet *sh);

#endif
