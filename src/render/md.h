/*
 * md: renders an rdoc as GitHub-flavoured Markdown, for reports read in a
 * repository, a chat or a terminal (render layer, above core; no I/O).
 *
 * Layout: "# title", the subtitle as its own paragraph, "## section title",
 * paragraphs, "- " list items (consecutive items form one list), pipe tables
 * and, at the end, every footnote of the rdoc as a definition "[^n]: text".
 * A paragraph, item or cell with a footnote is followed by "[^n]". Blocks
 * are separated by one blank line; the output ends with a newline.
 *
 * Tables: a column whose non-empty cells are all CELL_INT/CELL_PERCENT (and
 * there is at least one) is right-aligned ("---:"); the other columns use
 * "---". The cells of a total row (rtable.has_total_row) are bold. A table
 * without columns is skipped (a pipe table needs one).
 *
 * Escaping: the text is the user's, never markup. The Markdown-active
 * characters \ ` * _ [ ] < > | ~ $ ! are backslash-escaped everywhere, a block
 * that would start a heading, list or quote ("#", "-", "+", "=", "1.") has
 * that character escaped, and leading blanks of a block are dropped (four
 * would make a code block). A line break inside any text becomes "<br>", so
 * every block stays on one line and table rows never break. '&' is left
 * as is: it only matters before a known entity name and ';', which Vietnamese
 * report text does not contain.
 */
#ifndef GIAMSAT_MD_H
#define GIAMSAT_MD_H

#include "render/rdoc.h"
#include "util/buf.h"

/**
 * Append the Markdown form of d to out.
 *
 * @param d    the document; borrowed, not modified. Its text is UTF-8 and
 *             every footnote index in it is 0 or <= d->footnotes.n (a larger
 *             one is a bug of the builder: BUG()).
 * @param out  appended to; check buf_ok(out) once afterwards (a capped
 *             buffer may have overflowed). The caller owns and releases it.
 */
void md_render(const struct rdoc *d, struct buf *out);

#endif
