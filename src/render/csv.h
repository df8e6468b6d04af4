/*
 * csv: renders the tables of an rdoc as CSV for spreadsheets (render layer,
 * above core; no I/O).
 *
 * Format: RFC 4180 with CRLF line ends, UTF-8 with a byte order mark at the
 * very start (without it Excel reads Vietnamese as a legacy code page). A
 * field is quoted when it contains ',', '"', CR or LF, with '"' doubled;
 * line breaks inside a field are kept as they are.
 *
 * Each table is a header row (rtable.columns) and then its rows. Cells:
 * CELL_INT and CELL_PERCENT are the bare number ("35", no '%', so
 * spreadsheets read a number), CELL_DATE is "yyyy-mm-dd" (empty when
 * unset), CELL_TEXT is the text as is. Paragraphs, list items and
 * footnotes are not part of the CSV: only tables are data.
 *
 * A text cell that a spreadsheet would evaluate as a formula ('=', '+',
 * '@', tab, CR, or '-' not followed by a space) gets a leading apostrophe,
 * as OWASP advises against CSV injection; other text is written as is.
 */
#ifndef GIAMSAT_CSV_H
#define GIAMSAT_CSV_H

#include "render/rdoc.h"
#include "util/buf.h"

/**
 * Append the CSV of d's tables to out, starting with the BOM.
 *
 * @param d            the document; borrowed, not modified.
 * @param section_key  NULL: every table of every section, each table
 *                     preceded by a one-field row with its section's title
 *                     (repeated for a section with several tables, so every
 *                     table reads the same way) and separated from the
 *                     previous table by an empty line. Otherwise the key
 *                     (rsection.key) of the sections to export: their
 *                     tables only, without title rows, separated by an
 *                     empty line. A key naming no section, or only sections
 *                     without tables, yields the BOM alone; check it first
 *                     with csv_section_exists().
 * @param out          appended to; check buf_ok(out) once afterwards. The
 *                     caller owns and releases it.
 */
void csv_render(const struct rdoc *d, const char *section_key, struct buf *out);

/**
 * Append one row of text cells (quoted and neutralised as above) ending
 * with CRLF, without a BOM: for the command line's flat CSV listings.
 */
void csv_row(struct buf *out, const char *const *cells, size_t n);

/**
 * Whether d has a section whose key is `key` (so the CLI can reject an
 * unknown --section). Returns 1 or 0; 0 for a NULL key.
 */
int csv_section_exists(const struct rdoc *d, const char *key);

#endif
