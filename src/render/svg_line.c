/*
 * svg_line: the sparkline and the line chart of measurements over time
 * (svg.h), integer geometry in thousandths of a user unit; the shared
 * pieces are in svg.c (svg_internal.h).
 */
#include "svg.h"
#include "svg_internal.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Sparkline layout, user units. */
#define SPARK_W 120
#define SPARK_H 28
#define SPARK_PAD 4

/* History chart layout, user units. */
#define LINE_W 640
#define LINE_LEFT 72 /* room for the value axis labels */
#define LINE_RIGHT 16
#define LINE_PLOT_H 220
#define LINE_BOTTOM 40 /* the date axis and its labels */
#define LINE_TICKS 4   /* the value axis has about this many steps */
#define LEVEL_STROKE "#0b0c0c"
#define GRID "#dcdcdc"

/* Values beyond this (thousandths) are drawn at it: keeps the geometry in range. */
#define VALUE_CAP 1000000000000LL

/* Series colours when a series names none: link blue, then the badge palette. */
static const char *const series_stroke[] = { "#1d4f91", "#00703c", "#8a4b00", "#4c2c92",
                                             "#b10e1e" };

/* How values and days map onto a plot area, all in thousandths of a user unit. */
struct plot {
    long long lo, hi, step; /* value range (thousandths) and tick step */
    long d0, d1;            /* day range */
    long long x0, w;        /* plot area: left edge and width */
    long long y0, h;        /* top edge and height */
    bool invert;            /* smaller values drawn higher */
};

static long long cap_value(long long v)
{
    return v > VALUE_CAP ? VALUE_CAP : v < -VALUE_CAP ? -VALUE_CAP : v;
}

/* A value in thousandths the Vietnamese way: "81.400", "0,72", "-1,5". */
static void num_vi(struct buf *b, long long v)
{
    char digits[32], frac[8];
    if (v < 0)
        buf_addch(b, '-');
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    int n = snprintf(digits, sizeof(digits), "%llu", u / 1000);
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            buf_addch(b, '.');
        buf_addch(b, digits[i]);
    }
    if (u % 1000 == 0)
        return;
    snprintf(frac, sizeof(frac), "%03llu", u % 1000);
    size_t len = strlen(frac);
    while (len && frac[len - 1] == '0')
        len--;
    buf_addch(b, ',');
    buf_add(b, frac, len);
}

static long long floor_div(long long a, long long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* A round step (1, 2 or 5 times a power of ten) giving about LINE_TICKS steps over span. */
static long long nice_step(long long span)
{
    static const int mult[] = { 1, 2, 5, 10 };
    long long raw = span / LINE_TICKS > 0 ? span / LINE_TICKS : 1, p = 1;
    while (p <= raw / 10)
        p *= 10;
    for (size_t i = 0; i < sizeof(mult) / sizeof(*mult); i++)
        if (p * mult[i] >= raw)
            return p * mult[i];
    return p * 10;
}

/*
 * Widen [lo, hi] to whole steps. A narrow range (less than a quarter of the
 * largest magnitude, or 1) is first widened around its middle, so that 80
 * and 82 do not look a world apart.
 */
static void plot_range(struct plot *pl, long long lo, long long hi)
{
    bool non_negative = lo >= 0;
    long long mag =
        (lo < 0 ? -lo : lo) > (hi < 0 ? -hi : hi) ? (lo < 0 ? -lo : lo) : (hi < 0 ? -hi : hi);
    long long min_span = mag / 4 > 1000 ? mag / 4 : 1000;
    if (hi - lo < min_span) {
        long long pad = (min_span - (hi - lo) + 1) / 2;
        lo -= pad;
        hi += pad;
    }
    pl->step = nice_step(hi - lo);
    pl->lo = floor_div(lo, pl->step) * pl->step;
    pl->hi = -floor_div(-hi, pl->step) * pl->step;
    if (non_negative && pl->lo < 0)
        pl->lo = 0;
}

static long long plot_x(const struct plot *pl, long day)
{
    if (pl->d1 == pl->d0)
        return pl->x0 + pl->w / 2;
    return pl->x0 + (long long)(day - pl->d0) * pl->w / (pl->d1 - pl->d0);
}

static long long plot_y(const struct plot *pl, long long v)
{
    long long off = pl->invert ? cap_value(v) - pl->lo : pl->hi - cap_value(v);
    return pl->y0 + off * pl->h / (pl->hi - pl->lo);
}

/* The day and value ranges of every point of every series. False when there is none. */
static bool points_extent(const struct svg_series *s, size_t n, struct plot *pl, long long *lo,
                          long long *hi)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < s[i].n; k++) {
            const struct svg_point *p = &s[i].p[k];
            long long v = cap_value(p->milli);
            if (!any) {
                pl->d0 = pl->d1 = p->day;
                *lo = *hi = v;
            }
            any = true;
            pl->d0 = p->day < pl->d0 ? p->day : pl->d0;
            pl->d1 = p->day > pl->d1 ? p->day : pl->d1;
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
    }
    return any;
}

/* The polyline through p[0..n) (nothing for fewer than two points). */
static void polyline(struct buf *b, const struct plot *pl, const struct svg_point *p, size_t n,
                     const char *stroke, int width)
{
    if (n < 2)
        return;
    buf_adds(b, "<polyline fill=\"none\" stroke=\"");
    svg_esc(b, stroke);
    buf_addf(b, "\" stroke-width=\"%d\" stroke-linejoin=\"round\" points=\"", width);
    for (size_t k = 0; k < n; k++) {
        if (k)
            buf_addch(b, ' ');
        svg_milli(b, plot_x(pl, p[k].day));
        buf_addch(b, ',');
        svg_milli(b, plot_y(pl, p[k].milli));
    }
    buf_adds(b, "\"/>");
}

static void dot(struct buf *b, const struct plot *pl, const struct svg_point *p, const char *fill,
                const char *r)
{
    buf_adds(b, "<circle cx=\"");
    svg_milli(b, plot_x(pl, p->day));
    buf_adds(b, "\" cy=\"");
    svg_milli(b, plot_y(pl, p->milli));
    buf_addf(b, "\" r=\"%s\" fill=\"", r);
    svg_esc(b, fill);
    buf_adds(b, "\">");
    if (p->label) {
        buf_adds(b, "<title>");
        svg_esc(b, p->label);
        buf_adds(b, "</title>");
    }
    buf_adds(b, "</circle>");
}

void svg_sparkline(struct buf *b, const struct svg_point *p, size_t n, bool lower_is_better,
                   const char *title)
{
    if (n == 0)
        return;
    struct svg_series s = { NULL, NULL, p, n };
    struct plot pl = { .x0 = SPARK_PAD * 1000,
                       .w = (SPARK_W - 2 * SPARK_PAD) * 1000,
                       .y0 = SPARK_PAD * 1000,
                       .h = (SPARK_H - 2 * SPARK_PAD) * 1000,
                       .invert = lower_is_better };
    long long lo = 0, hi = 0;
    points_extent(&s, 1, &pl, &lo, &hi);
    /* A flat series sits in the middle; otherwise the points span the height. */
    pl.lo = lo == hi ? lo - 1000 : lo;
    pl.hi = lo == hi ? hi + 1000 : hi;
    buf_addf(b,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" role=\"img\""
             " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-label=\"",
             SPARK_W, SPARK_H, SPARK_W, SPARK_H);
    svg_esc(b, title);
    buf_adds(b, "\"><title>");
    svg_esc(b, title);
    buf_adds(b, "</title>");
    polyline(b, &pl, p, n, LINK, 2);
    dot(b, &pl, &p[n - 1], LINK, "3");
    buf_adds(b, "</svg>");
}

static const char *stroke_of(const struct svg_series *s, size_t i)
{
    if (s->stroke)
        return s->stroke;
    return series_stroke[i % (sizeof(series_stroke) / sizeof(*series_stroke))];
}

static const char *level_stroke(const struct svg_level *lv)
{
    return lv->stroke ? lv->stroke : LEVEL_STROKE;
}

/* The legend: a swatch per named series, a dashed line per level; returns its height. */
static int line_legend(struct buf *b, const struct svg_series *s, size_t n,
                       const struct svg_level *lv, size_t n_lv)
{
    int x = 0, y = 4;
    bool any = false;
    for (size_t i = 0; i < n + n_lv; i++) {
        const char *label = i < n ? s[i].label : lv[i - n].label;
        if (!label)
            continue;
        size_t len = svg_utf8_len(label);
        int w = 30 + (int)(len < LEGEND_CHARS ? len : LEGEND_CHARS) * CHAR_W + 16;
        if (x > 0 && x + w > LINE_W) {
            x = 0;
            y += 24;
        }
        buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke-width=\"%d\" stroke=\"",
                 x, y + 8, x + 24, y + 8, i < n ? 3 : 2);
        svg_esc(b, i < n ? stroke_of(&s[i], i) : level_stroke(&lv[i - n]));
        buf_addf(b, "\"%s/><text x=\"%d\" y=\"%d\" fill=\"%s\">",
                 i < n ? "" : " stroke-dasharray=\"6 4\"", x + 30, y + 13, INK);
        svg_esc_short(b, label, LEGEND_CHARS);
        buf_adds(b, "</text>");
        x += w;
        any = true;
    }
    return any ? y + 16 + 12 : 8;
}

/* Grid lines with the value of each step, and the date axis. */
static void line_axes(struct buf *b, const struct plot *pl)
{
    long long right = pl->x0 + pl->w;
    for (long long v = pl->lo; v <= pl->hi; v += pl->step) {
        long long y = plot_y(pl, v);
        buf_adds(b, "<line x1=\"");
        svg_milli(b, pl->x0);
        buf_adds(b, "\" x2=\"");
        svg_milli(b, right);
        buf_adds(b, "\" y1=\"");
        svg_milli(b, y);
        buf_adds(b, "\" y2=\"");
        svg_milli(b, y);
        buf_addf(b, "\" stroke=\"%s\"/><text x=\"", GRID);
        svg_milli(b, pl->x0 - 8000);
        buf_adds(b, "\" y=\"");
        svg_milli(b, y + 5000);
        buf_addf(b, "\" text-anchor=\"end\" fill=\"%s\">", MUTED);
        num_vi(b, v);
        buf_adds(b, "</text>");
    }
}

/* The first and last dates under the axis (their points' x_label). */
static void date_labels(struct buf *b, const struct plot *pl, const struct svg_series *s, size_t n)
{
    const char *first = NULL, *last = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < s[i].n; k++) {
            if (s[i].p[k].day == pl->d0 && !first)
                first = s[i].p[k].x_label;
            if (s[i].p[k].day == pl->d1 && !last)
                last = s[i].p[k].x_label;
        }
    long long y = pl->y0 + pl->h + 24000;
    if (first) {
        buf_adds(b, "<text x=\"");
        svg_milli(b, pl->d0 == pl->d1 ? pl->x0 + pl->w / 2 : pl->x0);
        buf_adds(b, "\" y=\"");
        svg_milli(b, y);
        buf_addf(b, "\" text-anchor=\"%s\" fill=\"%s\">", pl->d0 == pl->d1 ? "middle" : "start",
                 MUTED);
        svg_esc(b, first);
        buf_adds(b, "</text>");
    }
    if (last && pl->d1 != pl->d0) {
        buf_adds(b, "<text x=\"");
        svg_milli(b, pl->x0 + pl->w);
        buf_adds(b, "\" y=\"");
        svg_milli(b, y);
        buf_addf(b, "\" text-anchor=\"end\" fill=\"%s\">", MUTED);
        svg_esc(b, last);
        buf_adds(b, "</text>");
    }
}

/* A level (target) as a dashed line across the plot, its label as the tooltip. */
static void level_line(struct buf *b, const struct plot *pl, const struct svg_level *lv)
{
    long long y = plot_y(pl, lv->milli);
    buf_adds(b, "<line class=\"level\" x1=\"");
    svg_milli(b, pl->x0);
    buf_adds(b, "\" x2=\"");
    svg_milli(b, pl->x0 + pl->w);
    buf_adds(b, "\" y1=\"");
    svg_milli(b, y);
    buf_adds(b, "\" y2=\"");
    svg_milli(b, y);
    buf_adds(b, "\" stroke=\"");
    svg_esc(b, level_stroke(lv));
    buf_adds(b, "\" stroke-width=\"2\" stroke-dasharray=\"6 4\">");
    if (lv->label) {
        buf_adds(b, "<title>");
        svg_esc(b, lv->label);
        buf_adds(b, "</title>");
    }
    buf_adds(b, "</line>");
}

void svg_line_chart(struct buf *b, const struct svg_series *s, size_t n,
                    const struct svg_level *levels, size_t n_levels, bool lower_is_better,
                    const char *title, const char *desc)
{
    struct plot pl = { .invert = lower_is_better };
    long long lo = 0, hi = 0;
    if (!points_extent(s, n, &pl, &lo, &hi)) {
        svg_open(b, "line", LINE_W, 40, title, desc);
        buf_addf(b, "<text x=\"0\" y=\"24\" fill=\"%s\">Chưa có số đo dạng số</text></svg>", MUTED);
        return;
    }
    for (size_t i = 0; i < n_levels; i++) {
        long long v = cap_value(levels[i].milli);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    plot_range(&pl, lo, hi);
    struct buf legend = BUF_INIT;
    int top = line_legend(&legend, s, n, levels, n_levels) + 8;
    pl.x0 = LINE_LEFT * 1000;
    pl.w = (LINE_W - LINE_LEFT - LINE_RIGHT) * 1000;
    pl.y0 = top * 1000;
    pl.h = LINE_PLOT_H * 1000;
    svg_open(b, "line", LINE_W, top + LINE_PLOT_H + LINE_BOTTOM, title, desc);
    buf_add(b, legend.data, legend.len);
    buf_release(&legend);
    line_axes(b, &pl);
    date_labels(b, &pl, s, n);
    for (size_t i = 0; i < n_levels; i++)
        level_line(b, &pl, &levels[i]);
    for (size_t i = 0; i < n; i++) {
        polyline(b, &pl, s[i].p, s[i].n, stroke_of(&s[i], i), 3);
        for (size_t k = 0; k < s[i].n; k++)
            dot(b, &pl, &s[i].p[k], stroke_of(&s[i], i), "5");
    }
    buf_adds(b, "</svg>");
}
