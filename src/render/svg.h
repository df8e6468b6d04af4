/*
 * svg: charts drawn as SVG text — a donut and horizontal (optionally
 * stacked) bars for the dashboard and for standalone chart downloads, a
 * sparkline and a line chart of measurements over time for the indicator
 * pages (render layer, above core; no I/O, no floating point: measured
 * values come in thousandths).
 *
 * Output is one <svg> element, well-formed XML that is also valid inside
 * an HTML page: xmlns declared, every element closed, attributes
 * double-quoted, text escaped (& < > " ' become references; C0 control
 * characters that XML forbids are dropped). No <style>, no style
 * attribute and no script, so a Content-Security-Policy without
 * 'unsafe-inline' allows it: colours are presentation attributes
 * (fill="#b10e1e"). The root carries class="chart", role="group" (a
 * chart holds links, which an image may not) and aria-label (the title),
 * and opens with <title> and <desc>; the page must also give the same
 * numbers (and links) as a table. The root's width and height equal its
 * viewBox and text is 14 user units (28 for a donut's total): drawn at its
 * own size, as the stylesheet does, no text is below 12 CSS px.
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

#include <stdbool.h>
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

/* One point of a line: a value measured on a day. */
struct svg_point {
    long day;            /* position on the time axis, in days (date_to_days()) */
    long long milli;     /* the value in thousandths (82% -> 82000); drawn within +-10^12 */
    const char *x_label; /* the date as the axis writes it ("01/12/2025"), or NULL */
    const char *label;   /* tooltip of the point ("82% – 01/12/2025"), or NULL */
};

/* A line of a line chart: points in ascending day order. */
struct svg_series {
    const char *label;         /* legend text ("Khối bộ"); NULL: not in the legend */
    const char *stroke;        /* colour; NULL picks one of a fixed palette by position */
    const struct svg_point *p; /* borrowed */
    size_t n;
};

/* A horizontal reference line across a line chart: a target. */
struct svg_level {
    long long milli;    /* the value, thousandths */
    const char *label;  /* legend text and tooltip ("Mục tiêu ≥ 80"), or NULL */
    const char *stroke; /* colour (that of the series it is the target of); NULL = ink */
};

/**
 * Append a sparkline of p[0..n) (ascending day) to b: a small inline
 * chart (class "spark", 120 x 28) with the line through the points and a
 * dot on the last one, the values spanning its height (a flat series sits
 * in the middle). With lower_is_better (a rank) smaller values are drawn
 * higher, so up is always better. The root has role="img", aria-label and
 * a <title> (title, required text, escaped). n == 0 appends nothing.
 */
void svg_sparkline(struct buf *b, const struct svg_point *p, size_t n, bool lower_is_better,
                   const char *title);

/**
 * Append a line chart (class "chart", 640 wide) to b: one line per series
 * with a dot per point (its label as tooltip), each level as a dashed
 * horizontal line, a value axis of round steps (1, 2 or 5 times a power of
 * ten, written the Vietnamese way: "81.400", "0,5") covering every point
 * and level — widened when narrower than a quarter of the largest value —
 * and the first and last dates under the plot. A legend lists
 * the series and levels that have a label. The value axis starts at 0 or
 * above when no value is negative; lower_is_better turns it upside down.
 * With no point at all the chart says there is no numeric data. title and
 * desc are required text (escaped), as for the other charts.
 */
void svg_line_chart(struct buf *b, const struct svg_series *s, size_t n,
                    const struct svg_level *levels, size_t n_levels, bool lower_is_better,
                    const char *title, const char *desc);

#endif
