/*
 * rtable_fit: column widths for an rdoc table on a page of a given width,
 * shared by the renderers that lay tables out themselves (docx, xlsx).
 * Render layer, no I/O.
 *
 * Widths are in characters of the table's text. Every column first gets
 * its narrowest width (its longest word and a fifth for bold or wide
 * letters, within word_min..word_max, plus the cell's margins); then the room left goes, a step at a time, to the column
 * whose widening makes the table shortest (the sum over rows of the tallest
 * cell, in estimated lines), looking a few steps ahead so that a column
 * which needs several steps before a line goes is not starved; no column
 * grows past its longest text (capped at text_max). What is left then is
 * shared evenly when fill is set, else left unused.
 */
#ifndef GIAMSAT_RTABLE_FIT_H
#define GIAMSAT_RTABLE_FIT_H

#include "rdoc.h"

#include <stdbool.h>
#include <stddef.h>

struct rtable_fit {
    size_t total;    /* characters the columns share */
    size_t pad;      /* characters a cell loses to its margins */
    size_t word_min; /* the narrowest a column is (before pad), characters */
    size_t word_max; /* a longer word may break */
    size_t text_max; /* no column wider than this (before pad) */
    bool fill;       /* share out the room nobody needs */
};

/**
 * The widths of t's columns, in characters (pad included), laid out as
 * above; when even the narrowest widths exceed f->total, every column is
 * shrunk in proportion. Returns a newly allocated array of t->columns.n
 * elements (at least one element): free() it.
 */
size_t *rtable_fit_widths(const struct rtable *t, const struct rtable_fit *f);

/**
 * The lines text takes wrapped in a column width characters wide, pad of
 * which are margins: a line break starts a new line; word wrap is
 * estimated to waste a tenth of a line.
 */
size_t rtable_text_lines(const char *text, size_t width, size_t pad);

#endif
