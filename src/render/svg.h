/*
 * svg: charts drawn as SVG text — a donut and horizontal (optionally
 * stacked) bars — for the dashboard and for standalone chart downloads
 * (render layer, above core; no I/O, no floating point).
 *
 * Output is one <svg> element, well-formed XML that is also valid inside
 * an HTML page: xmlns declared, every element closed, attributes
 * double-quoted, text escaped (& < > " ' become references; C0 control
 * characters that XML forbids are dropped). No <style>, no style
 * attribute and no script, so a Content-Security-Policy without
 * 'unsafe-inline' allows it: colours are presentation attributes
 * (fill="#b10e1e"). The root carries class="chart", role="img" and
 * aria-label (the title), and opens with <title> and <desc>; a chart is
 * an image to assistive technology, so the page must also give the same
 * numbers (and links) as a table.
 *
 * Every slice or segment with a value above 0 is drawn, wrapped in
 * <a href="..."> when it has a link, with its own <title> tooltip
 * ("Label: value (pct%)"). Slices and segments of value 0 are not drawn
 * (a legend still lists them). Geometry is integer arithmetic in
 * thousandths of a user unit: a total of 0 draws an empty chart, never
 * a NaN. Donut arcs are circle strokes with stroke-dasharray whose dash
 * lengths are proportional to the values and sum exactly to the
 * circumference.
 *
 * Nothing is kept: the arrays and strings passed in are borrowed for the
 * call only.
 */
#ifndef GIAMSAT_SVG_H
#define GIAMSAT_SVG_H

#include "util/buf.h"

#include <stddef.h>

/* One slice of a donut, or one segment of a stacked bar. */
struct svg_slice {
    const char *label; /* series name ("Quá hạn chưa hoàn thành") */
    long value;        /* count; a negative value is drawn as 0 */
    const char *fill;  /* colour as an SVG paint ("#b10e1e"); NULL = grey */
    const char *href;  /* link target (escaped here), or NULL */
};

/* One bar: a category with its stacked segments, left to right. */
struct svg_bar {
    const char *label;            /* category, drawn above the bar (shortened if long) */
    const char *href;             /* link of the label, or NULL */
    const struct svg_slice *segs; /* borrowed; n_segs >= 1 */
    size_t n_segs;
};

#define SVG_DONUT_R 70 /* radius of the donut's centre line, user units */
/* 2 * pi * SVG_DONUT_R in thousandths of a user unit: the dash total. */
#define SVG_DONUT_CIRC_MILLI 439823LL

/**
 * Append a donut chart of the n slices to b: the ring, the total in its
 * centre, and a legend "Label: value (pct%)" per slice (pct rounded half
 * up, percent_round()). title and desc are required text (escaped).
 */
void svg_donut(struct buf *b, const struct svg_slice *s, size_t n, const char *title,
               const char *desc);

/**
 * Append horizontal bars to b, one row per bar: the label above, the
 * stacked segments scaled so the largest bar total fills the width, and
 * the bar's total after it. When the first bar has more than one segment,
 * a legend of its segments' labels and colours heads the chart (every
 * bar is expected to have the same series in the same order). n may be
 * 0: the chart then says there is no data.
 */
void svg_bars(struct buf *b, const struct svg_bar *bars, size_t n, const char *title,
              const char *desc);

#endif
