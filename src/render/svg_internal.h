/*
 * svg_internal: what the chart files of render/ share (svg.c: the donut,
 * the bars and these pieces; svg_line.c: the sparkline and the line
 * chart) — escaping and shortening of text, lengths in thousandths, the
 * accessible root element and the palette. Not for use outside render/svg*.c.
 */
#ifndef GIAMSAT_SVG_INTERNAL_H
#define GIAMSAT_SVG_INTERNAL_H

#include "util/buf.h"

#include <stddef.h>

#define INK "#0b0c0c"
#define MUTED "#505a5f"
#define LINK "#1d4f91"
#define LEGEND_CHARS 40 /* a longer legend label is shortened */
#define CHAR_W 8        /* estimated advance of one character at 14px, for the legend flow */

/** Append s escaped, on one line (line breaks and tabs become spaces). */
void svg_esc(struct buf *b, const char *s);
/** Append s escaped, cut to max code points with "…" when longer; NULL appends nothing. */
void svg_esc_short(struct buf *b, const char *s, size_t max);
/** Number of UTF-8 code points of s (0 for NULL). */
size_t svg_utf8_len(const char *s);
/** A length in thousandths of a user unit, as "12.345" (or "12"). */
void svg_milli(struct buf *b, long long v);
/**
 * Open the root <svg> of a w x h chart: class "chart" and kind (a literal:
 * "donut", "bars", "line"; the stylesheet sizes each), role "group",
 * aria-label and <title> (title), then <desc>; both escaped.
 */
void svg_open(struct buf *b, const char *kind, int w, int h, const char *title, const char *desc);

#endif
