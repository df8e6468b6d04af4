/*
 * svg: donut and bar charts as SVG text, integer geometry, and the pieces
 * every chart shares (svg_internal.h); see svg.h. The line charts are in
 * svg_line.c.
 */
#include "svg.h"
#include "svg_internal.h"

#include "core/status.h"
#include "util/xml.h"

#include <stdbool.h>
#include <string.h>

#define EMPTY "#dcdcdc" /* the ring or bar track when there is nothing to draw */
#define DEFAULT_FILL "#505a5f"

/* Donut layout, user units. */
#define DONUT_W 560
#define DONUT_CX 100
#define DONUT_CY 100
#define DONUT_STROKE 36
#define LEGEND_X 210
#define LEGEND_Y 34
#define LEGEND_ROW 30

/* Bar layout, user units. */
/* Narrow enough to fit a phone 1:1 (420 units at >= 360 px keeps 14-unit text >= 12 px). */
#define BARS_W 420
#define BAR_MAX 360 /* width of the largest bar; the rest holds its total */
#define BAR_ROW 50  /* label line + bar + gap */
#define BAR_H 18
#define LABEL_CHARS 50 /* a longer bar label is shortened (full text in its tooltip and table) */

/* ---- text ------------------------------------------------------------------- */

/* Chart labels are drawn on one line: line breaks and tabs become spaces. */
static void esc_n(struct buf *b, const char *s, size_t len)
{
    xml_escape_n(b, s, len, XML_SPACE_BLANK);
}

void svg_esc(struct buf *b, const char *s)
{
    xml_escape(b, s, XML_SPACE_BLANK);
}

/* Number of UTF-8 code points of s. */
size_t svg_utf8_len(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Append s escaped, cut to max code points with "…" when longer. */
void svg_esc_short(struct buf *b, const char *s, size_t max)
{
    if (!s)
        return;
    size_t n_cp = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n_cp++ == max)
            break;
    }
    esc_n(b, s, i);
    if (s[i])
        buf_adds(b, "…");
}

/* A length in thousandths of a user unit, as "12.345" (or "12"). */
void svg_milli(struct buf *b, long long v)
{
    if (v % 1000 == 0)
        buf_addf(b, "%lld", v / 1000);
    else
        buf_addf(b, "%lld.%03lld", v / 1000, v % 1000);
}

static long value_of(const struct svg_slice *s)
{
    return s->value > 0 ? s->value : 0;
}

/* ---- shared pieces ------------------------------------------------------------- */

void svg_open(struct buf *b, const char *kind, int w, int h, const char *title, const char *desc)
{
    buf_addf(b,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" role=\"group\""
             " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
             " font-size=\"14\" aria-label=\"",
             kind, w, h, w, h);
    svg_esc(b, title);
    buf_adds(b, "\"><title>");
    svg_esc(b, title);
    buf_adds(b, "</title><desc>");
    svg_esc(b, desc);
    buf_adds(b, "</desc>");
}

static void link_open(struct buf *b, const char *href)
{
    if (!href)
        return;
    buf_adds(b, "<a href=\"");
    svg_esc(b, href);
    buf_adds(b, "\">");
}

static void link_close(struct buf *b, const char *href)
{
    if (href)
        buf_adds(b, "</a>");
}

/* <title>PREFIX – Label: value (pct%)</title>; pct only when total > 0. */
static void tooltip(struct buf *b, const char *prefix, const struct svg_slice *s, long total)
{
    buf_adds(b, "<title>");
    if (prefix) {
        svg_esc(b, prefix);
        buf_adds(b, " – ");
    }
    svg_esc(b, s->label);
    buf_addf(b, ": %ld", value_of(s));
    if (total > 0)
        buf_addf(b, " (%ld%%)", percent_round(value_of(s), total));
    buf_adds(b, "</title>");
}

static const char *fill_of(const struct svg_slice *s)
{
    return s->fill ? s->fill : DEFAULT_FILL;
}

/* A legend swatch with its text at (x, y): the top-left of the swatch. */
static void legend_item(struct buf *b, const struct svg_slice *s, int x, int y, long total)
{
    link_open(b, s->href);
    buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"16\" fill=\"", x, y);
    svg_esc(b, fill_of(s));
    buf_addf(b, "\"/><text x=\"%d\" y=\"%d\" fill=\"%s\">", x + 22, y + 13, s->href ? LINK : INK);
    svg_esc_short(b, s->label, LEGEND_CHARS);
    if (total >= 0) {
        buf_addf(b, ": %ld", value_of(s));
        if (total > 0)
            buf_addf(b, " (%ld%%)", percent_round(value_of(s), total));
    }
    buf_adds(b, "</text>");
    link_close(b, s->href);
}

/* ---- donut ---------------------------------------------------------------------- */

/* One arc from start to end (thousandths along the circumference, from 12 o'clock). */
static void donut_arc(struct buf *b, const struct svg_slice *s, long long start, long long end,
                      long total)
{
    link_open(b, s->href);
    buf_addf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"none\" stroke-width=\"%d\" stroke=\"",
             DONUT_CX, DONUT_CY, SVG_DONUT_R, DONUT_STROKE);
    svg_esc(b, fill_of(s));
    buf_adds(b, "\" stroke-dasharray=\"");
    svg_milli(b, end - start);
    buf_addch(b, ' ');
    svg_milli(b, SVG_DONUT_CIRC_MILLI - (end - start));
    /* The dash pattern repeats every circumference: an offset of C - start
     * starts the dash at `start`. */
    buf_adds(b, "\" stroke-dashoffset=\"");
    svg_milli(b, SVG_DONUT_CIRC_MILLI - start);
    buf_addf(b, "\" transform=\"rotate(-90 %d %d)\">", DONUT_CX, DONUT_CY);
    tooltip(b, NULL, s, total);
    buf_adds(b, "</circle>");
    link_close(b, s->href);
}

void svg_donut(struct buf *b, const struct svg_slice *s, size_t n, const char *title,
               const char *desc)
{
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += value_of(&s[i]);
    int h = LEGEND_Y + (int)n * LEGEND_ROW;
    h = h < 2 * DONUT_CY ? 2 * DONUT_CY : h;
    svg_open(b, "donut", DONUT_W, h, title, desc);
    buf_addf(b,
             "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"none\" stroke=\"%s\""
             " stroke-width=\"%d\"/>",
             DONUT_CX, DONUT_CY, SVG_DONUT_R, EMPTY, DONUT_STROKE);
    /* Cumulative rounding: each arc ends where the running sum ends, so the
     * arcs add up to the circumference exactly. */
    long long cum = 0;
    for (size_t i = 0; i < n && total > 0; i++) {
        long v = value_of(&s[i]);
        long long start = cum * SVG_DONUT_CIRC_MILLI / total;
        cum += v;
        if (v > 0)
            donut_arc(b, &s[i], start, cum * SVG_DONUT_CIRC_MILLI / total, total);
    }
    buf_addf(b,
             "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"28\""
             " font-weight=\"bold\" fill=\"%s\">%ld</text>",
             DONUT_CX, DONUT_CY + 10, INK, total);
    for (size_t i = 0; i < n; i++)
        legend_item(b, &s[i], LEGEND_X, LEGEND_Y + (int)i * LEGEND_ROW - 16, total);
    buf_adds(b, "</svg>");
}

/* ---- bars ----------------------------------------------------------------------- */

static long bar_total(const struct svg_bar *bar)
{
    long t = 0;
    for (size_t k = 0; k < bar->n_segs; k++)
        t += value_of(&bar->segs[k]);
    return t;
}

/* The series legend, flowing left to right; returns the height it used. */
static int bars_legend(struct buf *b, const struct svg_bar *first)
{
    if (first->n_segs < 2)
        return 4; /* room for the accents of the first label */
    int x = 0, y = 4;
    for (size_t k = 0; k < first->n_segs; k++) {
        const struct svg_slice *s = &first->segs[k];
        size_t len = svg_utf8_len(s->label);
        int w = 22 + (int)(len < LEGEND_CHARS ? len : LEGEND_CHARS) * CHAR_W + 16;
        if (x > 0 && x + w > BARS_W) {
            x = 0;
            y += 24;
        }
        struct svg_slice key = { s->label, 0, s->fill, NULL };
        legend_item(b, &key, x, y, -1);
        x += w;
    }
    return y + 16 + 16;
}

/* The label at y, in a link or a group that carries the full text as its tooltip. */
static void bar_label(struct buf *b, const struct svg_bar *bar, int y)
{
    if (bar->href)
        link_open(b, bar->href);
    else
        buf_adds(b, "<g>");
    buf_adds(b, "<title>");
    svg_esc(b, bar->label);
    buf_addf(b, "</title><text x=\"0\" y=\"%d\" fill=\"%s\"%s>", y + 15, bar->href ? LINK : INK,
             bar->href ? " text-decoration=\"underline\"" : "");
    svg_esc_short(b, bar->label, LABEL_CHARS);
    buf_adds(b, bar->href ? "</text></a>" : "</text></g>");
}

/* One row at y: the label, the stacked segments scaled by max, the total. */
static void bar_row(struct buf *b, const struct svg_bar *bar, int y, long max)
{
    long total = bar_total(bar);
    bar_label(b, bar, y);
    long long cum = 0, x = 0;
    for (size_t k = 0; k < bar->n_segs && max > 0; k++) {
        const struct svg_slice *s = &bar->segs[k];
        long long start = cum * BAR_MAX * 1000LL / max;
        cum += value_of(s);
        x = cum * BAR_MAX * 1000LL / max;
        if (value_of(s) == 0)
            continue;
        link_open(b, s->href);
        buf_adds(b, "<rect x=\"");
        svg_milli(b, start);
        buf_addf(b, "\" y=\"%d\" height=\"%d\" width=\"", y + 22, BAR_H);
        svg_milli(b, x - start);
        buf_adds(b, "\" fill=\"");
        svg_esc(b, fill_of(s));
        buf_adds(b, "\">");
        tooltip(b, bar->label, s, total);
        buf_adds(b, "</rect>");
        link_close(b, s->href);
    }
    buf_adds(b, "<text x=\"");
    svg_milli(b, x + 6000);
    buf_addf(b, "\" y=\"%d\" fill=\"%s\">%ld</text>", y + 36, INK, total);
}

void svg_bars(struct buf *b, const struct svg_bar *bars, size_t n, const char *title,
              const char *desc)
{
    if (n == 0) {
        svg_open(b, "bars", BARS_W, 40, title, desc);
        buf_addf(b, "<text x=\"0\" y=\"24\" fill=\"%s\">Không có số liệu</text></svg>", MUTED);
        return;
    }
    long max = 0;
    for (size_t i = 0; i < n; i++) {
        long t = bar_total(&bars[i]);
        max = t > max ? t : max;
    }
    /* The legend's height is known only once it is laid out: draw it into
     * a side buffer first. */
    struct buf legend = BUF_INIT;
    int top = bars_legend(&legend, &bars[0]);
    svg_open(b, "bars", BARS_W, top + (int)n * BAR_ROW + 4, title, desc);
    buf_add(b, legend.data, legend.len);
    buf_release(&legend);
    for (size_t i = 0; i < n; i++)
        bar_row(b, &bars[i], top + (int)i * BAR_ROW, max);
    buf_adds(b, "</svg>");
}
