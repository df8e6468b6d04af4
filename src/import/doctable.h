/*
 * doctable: the tab-separated tables inside the text of a real document
 * (Phụ lục I and II of seed 001), turned into clean rows.
 *
 * Such tables were pasted from a PDF or Word file: the header row ("TT
 * ...") repeats at every page break, and a row whose TT cell is empty
 * continues the cells of the row above (text split across a page). This
 * module skips the repeated headers, merges the continuation rows cell by
 * cell, strips stray markup (<p>, <ul ...>) and returns rows whose `line`
 * is the line where the row starts.
 */
#ifndef GIAMSAT_DOCTABLE_H
#define GIAMSAT_DOCTABLE_H

#include "lines.h"
#include "sheet.h"

/**
 * Collect the rows of lines [from, to) that hold at least one tab into
 * *out (appending; each row gets exactly n_cols cells, missing ones "").
 * Non-table lines in the range are ignored: they are titles and notes.
 */
void doctable_rows(const struct lines *l, size_t from, size_t to, size_t n_cols,
                   struct sheet *out);

#endif
