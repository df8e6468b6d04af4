/*
 * header: recognise the columns of a table by their header as official
 * tables write them, ignoring case, diacritics, spacing and punctuation
 * ("Tên nhiệm vụ", "NỘI DUNG, NHIỆM VỤ", "Kết quả (đến ngày 15/11/2025)").
 *
 * A spec maps the letters and digits of a folded header to a column id;
 * a key ending in '*' matches every header that starts with it.
 */
#ifndef GIAMSAT_HEADER_H
#define GIAMSAT_HEADER_H

#include "sheet.h"

#include <stddef.h>

struct header_spec {
    const char *key; /* folded letters and digits, e.g. "tennhiemvu", "ketquadenngay*" */
    int col;         /* the caller's column id, 0 <= col < n_cols */
};

/** The letters and digits of the folded cell: "Nội dung, nhiệm vụ" -> "noidungnhiemvu". Free it. */
char *header_key(const char *cell);

/**
 * Fill cols[0..n_cols) with the index of each column id in row, or -1.
 * The first header matching an id wins. Returns how many ids were found.
 */
size_t header_map(const struct sheet_row *row, const struct header_spec *specs, size_t n_specs,
                  long *cols, size_t n_cols);

/**
 * The cell of column id c in row, cleaned of markup, as a newly allocated
 * string; NULL when the column is absent or the cell blank.
 */
char *header_cell(const struct sheet_row *row, const long *cols, int c);

#endif
