/*
 * table_stack: lets every data table of a page become stacked rows on a
 * phone, in one place instead of in each page.
 *
 * On a narrow screen (style.css, "Phone layout") a table marked data-stack
 * shows each row as a block and each cell with its column heading before
 * it, taken from the cell's data-label attribute. Pages write plain tables
 * (<thead> with one <th> per column, then rows of <td>); page_end() passes
 * the finished page through table_stack_labels(), which marks every table
 * that has a <thead> and copies each column's heading text into the
 * data-label of the body cells below it. A page never writes data-label by
 * hand, and a new table gets it without anyone remembering to.
 *
 * The input is HTML this program wrote: every text from users or data is
 * already escaped (page_text), so '<' only opens a tag and '>' inside a tag
 * only closes it. The heading text copied is that escaped text with its tags
 * removed, so it is safe inside a quoted attribute as it is.
 */
#ifndef GIAMSAT_TABLE_STACK_H
#define GIAMSAT_TABLE_STACK_H

#include "util/buf.h"

#include <stddef.h>

/**
 * Append html (len bytes) to out with the stacking labels added: each
 * <table> holding a <thead> gets the attribute data-stack, and each <td> of
 * its body and footer rows gets data-label="HEADING" of its column (colspan
 * counted; a cell that already has a data-label, or whose column heading is
 * empty, is left alone). The heading of a column is the last <thead> row's
 * <th> text, tags removed and white space collapsed. Everything else is
 * copied byte for byte. Tables nested in a cell are labelled by their own
 * headings. out's sticky error reports an overflow.
 */
void table_stack_labels(const char *html, size_t len, struct buf *out);

#endif
