/*
 * Unit tests for src/render/svg (the dashboard's charts) and for the HTML
 * fragment of an rdoc (html_render_fragment), the two renderers the web
 * pages embed.
 *
 * Every output is parsed with expat, which proves it is well-formed XML
 * (and valid UTF-8: a label cut in the middle of a character would fail).
 * The parse collects the root's attributes, every element with its
 * attributes in document order and all character data, so the checks read
 * decoded values: escaping must round-trip, links must be the hrefs given,
 * and geometry is read back from the attributes. Geometry cases are rows
 * of values looped over: donut dash lengths must be proportional to the
 * values and add up to the circumference exactly; bar widths must be
 * proportional to the bar totals with the largest bar full width; a total
 * of 0 must draw nothing (and no NaN). Line cases: a sparkline's points
 * span its box left to right with the best value on top (upside down for
 * a rank); a line chart's dots sit above, on or below the target line as
 * they beat, meet or miss it, with a value axis of round Vietnamese-written
 * steps; no point at all says so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "render/html.h"
#include "render/rdoc.h"
#include "render/svg.h"
#include "util/buf.h"
#include "util/strvec.h"
#include "util/xalloc.h"

#include <expat.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAR_MAX_MILLI 360000LL /* svg.c: BAR_MAX, the width of the largest bar */

/* ------------------------------------------------------------ parsing */

#define MAX_ELEMS 4096

struct elem {
    char *name;
    struct strvec attrs; /* key, value, key, value ... */
    int depth;
};

struct parsed {
    struct elem elems[MAX_ELEMS];
    size_t n;
    struct buf text; /* character data, elements separated by \x01 */
    int depth;
};

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct parsed *p = data;
    assert_true(p->n < MAX_ELEMS);
    struct elem *e = &p->elems[p->n++];
    e->name = xstrdup(name);
    e->attrs = (struct strvec)STRVEC_INIT;
    for (size_t i = 0; attrs[i]; i++)
        strvec_push(&e->attrs, attrs[i]);
    e->depth = p->depth++;
    buf_addch(&p->text, '\x01');
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    struct parsed *p = data;
    (void)name;
    p->depth--;
    buf_addch(&p->text, '\x01');
}

static void XMLCALL on_chars(void *data, const XML_Char *s, int len)
{
    struct parsed *p = data;
    buf_add(&p->text, s, (size_t)len);
}

/* Parse xml into a new struct parsed; fail the test unless it is well-formed. */
static struct parsed *parse(const struct buf *xml)
{
    struct parsed *p = xcalloc(1, sizeof(*p));
    p->text = (struct buf)BUF_INIT;
    XML_Parser x = XML_ParserCreate("UTF-8");
    assert_non_null(x);
    XML_SetUserData(x, p);
    XML_SetElementHandler(x, on_start, on_end);
    XML_SetCharacterDataHandler(x, on_chars);
    if (XML_Parse(x, xml->data, (int)xml->len, 1) != XML_STATUS_OK)
        fail_msg("not well-formed at line %lu: %s\n%s", (unsigned long)XML_GetCurrentLineNumber(x),
                 XML_ErrorString(XML_GetErrorCode(x)), xml->data);
    XML_ParserFree(x);
    return p;
}

static void parsed_free(struct parsed *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->elems[i].name);
        strvec_release(&p->elems[i].attrs);
    }
    buf_release(&p->text);
    free(p);
}

static const char *attr(const struct elem *e, const char *key)
{
    for (size_t i = 0; i + 1 < e->attrs.n; i += 2)
        if (!strcmp(e->attrs.items[i], key))
            return e->attrs.items[i + 1];
    return NULL;
}

/* A length attribute in thousandths ("12.345" -> 12345). */
static long long milli_of(const char *s)
{
    assert_non_null(s);
    double v = strtod(s, NULL);
    return (long long)(v * 1000.0 + (v < 0 ? -0.5 : 0.5));
}

/* The elements named `name` that have attribute `key`, in order. */
static size_t select_elems(const struct parsed *p, const char *name, const char *key,
                           const struct elem **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n && n < max; i++)
        if (!strcmp(p->elems[i].name, name) && (!key || attr(&p->elems[i], key)))
            out[n++] = &p->elems[i];
    return n;
}

/* The hrefs of every <a>, in order. */
static void hrefs(const struct parsed *p, struct strvec *out)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->elems[i].name, "a"))
            strvec_push(out, attr(&p->elems[i], "href"));
}

/*
 * Text readable at every width (issue #13): the root is drawn 1:1 (width and height equal
 * its viewBox; the stylesheet never scales it) and every font-size in it is at least 12.
 */
static void assert_readable(const struct parsed *p)
{
    const struct elem *root = &p->elems[0];
    char *box = xasprintf("0 0 %s %s", attr(root, "width"), attr(root, "height"));
    assert_string_equal(attr(root, "viewBox"), box);
    free(box);
    for (size_t i = 0; i < p->n; i++) {
        const char *fs = attr(&p->elems[i], "font-size");
        if (fs)
            assert_true(atoi(fs) >= 12);
    }
    assert_non_null(attr(root, "font-size"));
}

/* The root is an accessible chart: role group (it may hold links), aria-label = title,
   <title> then <desc>, text readable. */
static void assert_chart_root(const struct parsed *p, const char *title, const char *desc)
{
    assert_true(p->n >= 3);
    const struct elem *root = &p->elems[0];
    assert_string_equal(root->name, "svg");
    assert_string_equal(attr(root, "xmlns"), "http://www.w3.org/2000/svg");
    assert_string_equal(attr(root, "role"), "group");
    assert_string_equal(attr(root, "aria-label"), title);
    assert_non_null(attr(root, "viewBox"));
    assert_readable(p);
    assert_string_equal(p->elems[1].name, "title");
    assert_string_equal(p->elems[2].name, "desc");
    char *want = xasprintf("\x01\x01%s\x01\x01%s\x01", title, desc);
    assert_memory_equal(p->text.data, want, strlen(want));
    free(want);
}

/* No style, script or NaN: CSP-safe and numerically sane. */
static void assert_clean(const struct buf *out)
{
    assert_null(strstr(out->data, "style"));
    assert_null(strstr(out->data, "<script"));
    assert_null(strstr(out->data, "nan"));
    assert_null(strstr(out->data, "inf"));
    assert_null(strstr(out->data, "-0."));
}

/* ------------------------------------------------------------ donut */

static const char *const fills[] = { "#00703c", "#8a4b00", "#1d4f91", "#4c2c92", "#b10e1e" };

/* Slices named "S0", "S1"... with the given values and links "/l?i=I&x=1". */
static void make_slices(struct svg_slice *s, char names[][8], char links[][24], const long *v,
                        size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned k = (unsigned)i % 10;
        snprintf(names[i], 8, "S%u", k);
        snprintf(links[i], 24, "/l?i=%u&x=1", k);
        s[i] = (struct svg_slice){ names[i], v[i], fills[i % 5], links[i] };
    }
}

static const struct {
    long v[8];
    size_t n;
} donut_cases[] = {
    { { 1, 1, 2 }, 3 },
    { { 3, 0, 7 }, 3 },
    { { 0, 0, 0, 0, 5 }, 5 },
    { { 1, 2, 3, 4, 5 }, 5 },
    { { 0, 0, 215, 28, 182 }, 5 },
    { { 1, 999999 }, 2 },
    { { 7, 7, 7, 7, 7, 7, 7 }, 7 },
};

/* The arcs (circles with a dash array): proportional, contiguous, summing to C. */
static void check_arcs(const struct parsed *p, const long *v, size_t n)
{
    const struct elem *arcs[16];
    size_t n_arcs = select_elems(p, "circle", "stroke-dasharray", arcs, 16);
    long long total = 0, start = 0;
    size_t n_nonzero = 0;
    for (size_t i = 0; i < n; i++) {
        total += v[i];
        n_nonzero += v[i] > 0;
    }
    assert_int_equal(n_arcs, n_nonzero);
    size_t a = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == 0)
            continue;
        const char *dash = attr(arcs[a], "stroke-dasharray");
        const char *gap = strchr(dash, ' ');
        assert_non_null(gap);
        long long len = milli_of(dash), rest = milli_of(gap + 1);
        assert_int_equal(len + rest, SVG_DONUT_CIRC_MILLI);
        /* len / C == v / total, to within one thousandth (cumulative rounding). */
        long long err = len * total - v[i] * SVG_DONUT_CIRC_MILLI;
        assert_true(err <= total && err >= -total);
        assert_int_equal(milli_of(attr(arcs[a], "stroke-dashoffset")),
                         SVG_DONUT_CIRC_MILLI - start);
        assert_string_equal(attr(arcs[a], "stroke"), fills[i % 5]);
        start += len;
        a++;
    }
    assert_int_equal(start, SVG_DONUT_CIRC_MILLI);
}

static void test_donut_proportional(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(donut_cases) / sizeof(donut_cases[0]); c++) {
        struct svg_slice s[8];
        char names[8][8], links[8][24];
        make_slices(s, names, links, donut_cases[c].v, donut_cases[c].n);
        struct buf out = BUF_INIT;
        svg_donut(&out, s, donut_cases[c].n, "Tình trạng", "Mô tả");
        assert_true(buf_ok(&out));
        assert_clean(&out);
        struct parsed *p = parse(&out);
        assert_chart_root(p, "Tình trạng", "Mô tả");
        check_arcs(p, donut_cases[c].v, donut_cases[c].n);
        parsed_free(p);
        buf_release(&out);
    }
}

/* Links: every non-zero slice's arc and every legend entry, decoded back to the href given. */
static void test_donut_links(void **state)
{
    (void)state;
    static const long v[] = { 2, 0, 3 };
    struct svg_slice s[3];
    char names[3][8], links[3][24];
    make_slices(s, names, links, v, 3);
    s[1].href = NULL;
    struct buf out = BUF_INIT;
    svg_donut(&out, s, 3, "T", "D");
    assert_non_null(strstr(out.data, "href=\"/l?i=0&amp;x=1\""));
    struct parsed *p = parse(&out);
    struct strvec h = STRVEC_INIT;
    hrefs(p, &h);
    /* arcs of S0 and S2, then the legend of S0 and S2 (S1 has no link) */
    assert_int_equal(h.n, 4);
    assert_string_equal(h.items[0], "/l?i=0&x=1");
    assert_string_equal(h.items[1], "/l?i=2&x=1");
    assert_string_equal(h.items[2], "/l?i=0&x=1");
    assert_string_equal(h.items[3], "/l?i=2&x=1");
    /* tooltips and legend give value and share */
    assert_non_null(strstr(p->text.data, "S0: 2 (40%)"));
    assert_non_null(strstr(p->text.data, "S1: 0 (0%)"));
    assert_non_null(strstr(p->text.data, "\x01"
                                         "5\x01")); /* the total in the centre */
    strvec_release(&h);
    parsed_free(p);
    buf_release(&out);
}

static void test_donut_zero(void **state)
{
    (void)state;
    static const long v[] = { 0, 0, 0 };
    struct svg_slice s[3];
    char names[3][8], links[3][24];
    make_slices(s, names, links, v, 3);
    for (size_t n = 0; n <= 3; n += 3) {
        struct buf out = BUF_INIT;
        svg_donut(&out, s, n, "Không có", "Trống");
        assert_clean(&out);
        struct parsed *p = parse(&out);
        assert_chart_root(p, "Không có", "Trống");
        const struct elem *arcs[4];
        assert_int_equal(select_elems(p, "circle", "stroke-dasharray", arcs, 4), 0);
        assert_int_equal(select_elems(p, "circle", NULL, arcs, 4), 1); /* the empty ring */
        assert_non_null(strstr(p->text.data, "\x01"
                                             "0\x01"));
        parsed_free(p);
        buf_release(&out);
    }
}

/* ------------------------------------------------------------ escaping */

static const char *const nasty[] = {
    "A & B",
    "<script>alert('x')</script>",
    "\"quoted\" & 'single'",
    "Bộ Khoa học & Công nghệ <KH&CN>",
};

static void test_escaping(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(nasty) / sizeof(nasty[0]); i++) {
        struct svg_slice s = { nasty[i], 3, "#b10e1e", "/tasks?agency=A&status=\"x\"" };
        struct svg_bar bar = { nasty[i], "/tasks?q=<b>", &s, 1 };
        struct buf out = BUF_INIT;
        svg_donut(&out, &s, 1, nasty[i], nasty[i]);
        svg_bars(&out, &bar, 1, nasty[i], nasty[i]);
        assert_null(strstr(out.data, "<script"));
        /* two roots: wrap them so expat sees one document */
        struct buf doc = BUF_INIT;
        buf_adds(&doc, "<r>");
        buf_add(&doc, out.data, out.len);
        buf_adds(&doc, "</r>");
        struct parsed *p = parse(&doc);
        assert_string_equal(attr(&p->elems[1], "aria-label"), nasty[i]);
        char *want = xasprintf("\x01%s: 3 (100%%)\x01", nasty[i]);
        assert_non_null(strstr(p->text.data, want));
        free(want);
        struct strvec h = STRVEC_INIT;
        hrefs(p, &h);
        assert_true(h.n >= 3);
        assert_true(strvec_find(&h, "/tasks?agency=A&status=\"x\"") >= 0);
        assert_true(strvec_find(&h, "/tasks?q=<b>") >= 0);
        strvec_release(&h);
        parsed_free(p);
        buf_release(&doc);
        buf_release(&out);
    }
}

/* Control characters XML forbids are dropped, never written. */
static void test_control_chars(void **state)
{
    (void)state;
    struct svg_slice s = { "a\x01"
                           "b\x1f"
                           "c\nd",
                           1, NULL, NULL };
    struct buf out = BUF_INIT;
    svg_donut(&out, &s, 1, "t\x02", "d\x03");
    struct parsed *p = parse(&out);
    assert_non_null(strstr(p->text.data, "abc d: 1 (100%)"));
    assert_string_equal(attr(&p->elems[0], "aria-label"), "t");
    parsed_free(p);
    buf_release(&out);
}

/* ------------------------------------------------------------ bars */

static const struct {
    long v[6][3]; /* per bar, up to three segments */
    size_t n_bars, n_segs;
} bar_cases[] = {
    { { { 5 }, { 10 }, { 1 } }, 3, 1 },
    { { { 1, 2, 3 }, { 0, 0, 0 }, { 6, 0, 6 } }, 3, 3 },
    { { { 0 }, { 0 } }, 2, 1 },
    { { { 182, 0, 7 }, { 3, 3, 3 }, { 1, 1, 1 }, { 0, 1, 0 }, { 99, 1, 0 }, { 2, 2, 2 } }, 6, 3 },
};

/* Segments of a bar: contiguous from 0, widths proportional to value / max. Returns its end. */
static long long check_bar(const struct elem *const *rects, size_t *r, const long *v, size_t n_segs,
                           long long max)
{
    long long x = 0, cum = 0;
    for (size_t k = 0; k < n_segs; k++) {
        cum += v[k];
        if (v[k] == 0)
            continue;
        const struct elem *e = rects[(*r)++];
        assert_int_equal(milli_of(attr(e, "x")), x);
        long long w = milli_of(attr(e, "width"));
        assert_int_equal(x + w, cum * BAR_MAX_MILLI / max);
        x += w;
    }
    return x;
}

static void test_bars_proportional(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(bar_cases) / sizeof(bar_cases[0]); c++) {
        struct svg_slice segs[6][3];
        struct svg_bar bars[6];
        long long max = 0;
        size_t n_rects = 0;
        for (size_t i = 0; i < bar_cases[c].n_bars; i++) {
            long long t = 0;
            for (size_t k = 0; k < bar_cases[c].n_segs; k++) {
                segs[i][k] = (struct svg_slice){ "Seg", bar_cases[c].v[i][k], fills[k], NULL };
                t += bar_cases[c].v[i][k];
                n_rects += bar_cases[c].v[i][k] > 0;
            }
            max = t > max ? t : max;
            bars[i] = (struct svg_bar){ "Bar", NULL, segs[i], bar_cases[c].n_segs };
        }
        struct buf out = BUF_INIT;
        svg_bars(&out, bars, bar_cases[c].n_bars, "Cột", "Mô tả cột");
        assert_clean(&out);
        struct parsed *p = parse(&out);
        assert_chart_root(p, "Cột", "Mô tả cột");
        const struct elem *rects[64];
        /* legend swatches have no title child; bar rects are those with a width in milli */
        size_t n = select_elems(p, "rect", "fill", rects, 64);
        size_t legend = bar_cases[c].n_segs > 1 ? bar_cases[c].n_segs : 0;
        assert_int_equal(n, legend + n_rects);
        size_t r = legend;
        long long longest = 0;
        for (size_t i = 0; i < bar_cases[c].n_bars && max > 0; i++) {
            long long end = check_bar(rects, &r, bar_cases[c].v[i], bar_cases[c].n_segs, max);
            longest = end > longest ? end : longest;
        }
        assert_int_equal(longest, max > 0 ? BAR_MAX_MILLI : 0); /* the largest bar: full width */
        parsed_free(p);
        buf_release(&out);
    }
}

static void test_bars_empty(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    svg_bars(&out, NULL, 0, "Trống", "Không có gì");
    assert_clean(&out);
    struct parsed *p = parse(&out);
    assert_chart_root(p, "Trống", "Không có gì");
    assert_non_null(strstr(p->text.data, "Không có số liệu"));
    parsed_free(p);
    buf_release(&out);
}

/* A long label is cut on a character boundary with "…"; the tooltip keeps all of it. */
static void test_bars_long_label(void **state)
{
    (void)state;
    struct buf label = BUF_INIT;
    for (int i = 0; i < 30; i++)
        buf_adds(&label, "Đổi mới "); /* 8 code points, 13 bytes each time */
    struct svg_slice s = { "Quá hạn", 4, "#b10e1e", "/tasks?field=x&status=overdue" };
    struct svg_bar bar = { label.data, "/tasks?field=x", &s, 1 };
    struct buf out = BUF_INIT;
    svg_bars(&out, &bar, 1, "Lĩnh vực", "d");
    struct parsed *p = parse(&out);
    char *shown = xasprintf("\x01%.*s…\x01", 83, label.data); /* 50 code points */
    assert_non_null(strstr(p->text.data, shown));
    char *full = xasprintf("\x01%s\x01", label.data);
    assert_non_null(strstr(p->text.data, full));
    struct strvec h = STRVEC_INIT;
    hrefs(p, &h);
    assert_int_equal(h.n, 2);
    assert_string_equal(h.items[0], "/tasks?field=x");
    assert_string_equal(h.items[1], "/tasks?field=x&status=overdue");
    strvec_release(&h);
    free(shown);
    free(full);
    parsed_free(p);
    buf_release(&out);
    buf_release(&label);
}

/* ------------------------------------------------------------ lines */

#define SPARK_TOP 4000LL     /* svg.c: SPARK_PAD, in thousandths */
#define SPARK_BOTTOM 24000LL /* SPARK_H - SPARK_PAD */
#define SPARK_RIGHT 116000LL /* SPARK_W - SPARK_PAD */
#define LINE_X0 72000LL      /* svg.c: LINE_LEFT */
#define LINE_X1 624000LL     /* LINE_W - LINE_RIGHT */

/* Points on days 100, 110, 120... with the given values (thousandths). */
static void make_points(struct svg_point *p, char labels[][24], const long long *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        snprintf(labels[i], 24, "P%u <&>", (unsigned)i % 10);
        p[i] = (struct svg_point){ 100 + 10 * (long)i, v[i], "01/01/2025", labels[i] };
    }
}

static const struct {
    long long v[6];
    size_t n;
    bool lower_is_better;
} spark_cases[] = {
    { { 60000, 82000 }, 2, false },
    { { 82000, 60000, 70000 }, 3, false },
    { { 5000, 3000, 2000 }, 3, true },
    { { 7000, 7000, 7000 }, 3, false },
    { { 500 }, 1, false },
    { { 0, -1500, 81400000, 2, 2, 3 }, 6, false },
};

/* The sparkline: accessible, one point per value spanning the box, the last one dotted. */
static void check_spark(const struct parsed *p, const long long *v, size_t n, bool lower)
{
    assert_string_equal(p->elems[0].name, "svg");
    assert_string_equal(attr(&p->elems[0], "class"), "spark");
    assert_string_equal(attr(&p->elems[0], "role"), "img");
    assert_string_equal(attr(&p->elems[0], "aria-label"), "Xu hướng & <giá trị>");
    assert_string_equal(p->elems[1].name, "title");
    const struct elem *dots[2], *lines[2];
    assert_int_equal(select_elems(p, "circle", NULL, dots, 2), 1);
    assert_int_equal(select_elems(p, "polyline", "points", lines, 2), n > 1 ? 1 : 0);
    long long lo = v[0], hi = v[0];
    size_t i_lo = 0, i_hi = 0;
    for (size_t i = 1; i < n; i++) {
        i_lo = v[i] < lo ? i : i_lo, lo = v[i] < lo ? v[i] : lo;
        i_hi = v[i] > hi ? i : i_hi, hi = v[i] > hi ? v[i] : hi;
    }
    long long last_y = milli_of(attr(dots[0], "cy"));
    if (n == 1 || lo == hi) {
        assert_int_equal(last_y, (SPARK_TOP + SPARK_BOTTOM) / 2); /* flat: in the middle */
        return;
    }
    assert_int_equal(milli_of(attr(dots[0], "cx")), SPARK_RIGHT);
    /* "x,y x,y ...": x increases from the left edge; the best value is at the top. */
    const char *pts = attr(lines[0], "points");
    long long prev_x = -1;
    for (size_t i = 0; i < n; i++) {
        long long x = milli_of(pts), y = milli_of(strchr(pts, ',') + 1);
        assert_true(x > prev_x);
        assert_true(y >= SPARK_TOP && y <= SPARK_BOTTOM);
        if (i == (lower ? i_lo : i_hi))
            assert_int_equal(y, SPARK_TOP);
        if (i == (lower ? i_hi : i_lo))
            assert_int_equal(y, SPARK_BOTTOM);
        prev_x = x;
        pts = strchr(pts, ' ') ? strchr(pts, ' ') + 1 : pts;
    }
    assert_int_equal(prev_x, SPARK_RIGHT);
}

static void test_sparkline(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(spark_cases) / sizeof(spark_cases[0]); c++) {
        struct svg_point pts[6];
        char labels[6][24];
        make_points(pts, labels, spark_cases[c].v, spark_cases[c].n);
        struct buf out = BUF_INIT;
        svg_sparkline(&out, pts, spark_cases[c].n, spark_cases[c].lower_is_better,
                      "Xu hướng & <giá trị>");
        assert_clean(&out);
        struct parsed *p = parse(&out);
        check_spark(p, spark_cases[c].v, spark_cases[c].n, spark_cases[c].lower_is_better);
        /* the last point's label is its tooltip, escaped and decoded back */
        char *tip = xasprintf("\x01P%zu <&>\x01", spark_cases[c].n - 1);
        assert_non_null(strstr(p->text.data, tip));
        free(tip);
        parsed_free(p);
        buf_release(&out);
    }
    struct buf none = BUF_INIT;
    svg_sparkline(&none, NULL, 0, false, "Trống");
    assert_int_equal(none.len, 0);
    buf_release(&none);
}

static const struct {
    long long v[4];
    size_t n;
    long long level;
    bool lower_is_better;
    const char *ticks[6]; /* value axis labels that must appear */
} line_cases[] = {
    { { 60000, 82000 }, 2, 80000, false, { "60", "70", "80", "90" } },
    { { 500, 720 }, 2, 700, false, { "0", "0,5", "1", "1,5" } },
    { { 81400000, 90000000 }, 2, 85000000, false, { "70.000", "80.000", "90.000", "100.000" } },
    { { 5000, 3000, 2000 }, 3, 3000, true, { "2", "3", "4", "5" } },
    { { 82000 }, 1, 82000, false, { "70", "80", "90", "100" } },
    { { -1500, 1500 }, 2, 0, false, { "-2", "-1", "0", "1", "2" } },
};

/* Dots in series order; a dot valued like the level sits on the level's line. */
static void check_line(const struct parsed *p, size_t c)
{
    const struct elem *dots[8], *levels[2];
    size_t n = line_cases[c].n;
    assert_int_equal(select_elems(p, "circle", "cy", dots, 8), n);
    size_t n_lv = 0;
    for (size_t i = 0; i < p->n && n_lv < 2; i++)
        if (!strcmp(p->elems[i].name, "line") && attr(&p->elems[i], "class"))
            levels[n_lv++] = &p->elems[i];
    assert_int_equal(n_lv, 1);
    long long level_y = milli_of(attr(levels[0], "y1"));
    for (size_t i = 0; i < n; i++) {
        long long x = milli_of(attr(dots[i], "cx")), y = milli_of(attr(dots[i], "cy"));
        if (n > 1)
            assert_int_equal(x, LINE_X0 + (LINE_X1 - LINE_X0) * (long long)i / (long long)(n - 1));
        long long d = line_cases[c].v[i] - line_cases[c].level;
        if (line_cases[c].lower_is_better)
            d = -d;
        /* better than the level: above its line (smaller y) */
        assert_true(d > 0 ? y < level_y : d < 0 ? y > level_y : y == level_y);
    }
    for (size_t k = 0; line_cases[c].ticks[k]; k++) {
        char *want = xasprintf("\x01%s\x01", line_cases[c].ticks[k]);
        assert_non_null(strstr(p->text.data, want));
        free(want);
    }
}

static void test_line_chart(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(line_cases) / sizeof(line_cases[0]); c++) {
        struct svg_point pts[4];
        char labels[4][24];
        make_points(pts, labels, line_cases[c].v, line_cases[c].n);
        struct svg_series s = { NULL, NULL, pts, line_cases[c].n };
        struct svg_level lv = { line_cases[c].level, "Mục tiêu ≥ 80", NULL };
        struct buf out = BUF_INIT;
        svg_line_chart(&out, &s, 1, &lv, 1, line_cases[c].lower_is_better, "Diễn biến", "Mô tả");
        assert_true(buf_ok(&out));
        assert_clean(&out);
        struct parsed *p = parse(&out);
        assert_chart_root(p, "Diễn biến", "Mô tả");
        check_line(p, c);
        assert_non_null(strstr(p->text.data, "\x01Mục tiêu ≥ 80\x01")); /* legend, tooltip */
        parsed_free(p);
        buf_release(&out);
    }
}

/* Two series with a level each: a legend entry per series and level, colours kept. */
static void test_line_chart_series(void **state)
{
    (void)state;
    static const long long a[] = { 5000, 3000 }, b[] = { 60000, 45000 };
    struct svg_point pa[2], pb[2];
    char la[2][24], lb[2][24];
    make_points(pa, la, a, 2);
    make_points(pb, lb, b, 2);
    struct svg_series s[2] = { { "Đông Nam Á", "#00703c", pa, 2 },
                               { "Thế giới <ITU>", "#4c2c92", pb, 2 } };
    struct svg_level lv[2] = { { 3000, "Mục tiêu Đông Nam Á ≤ 3", "#00703c" },
                               { 50000, "Mục tiêu Thế giới ≤ 50", "#4c2c92" } };
    struct buf out = BUF_INIT;
    svg_line_chart(&out, s, 2, lv, 2, true, "Xếp hạng", "Hai thang đo");
    assert_clean(&out);
    struct parsed *p = parse(&out);
    assert_chart_root(p, "Xếp hạng", "Hai thang đo");
    for (size_t i = 0; i < 2; i++) {
        char *want = xasprintf("\x01%s\x01", s[i].label);
        assert_non_null(strstr(p->text.data, want));
        free(want);
    }
    const struct elem *lines[4];
    assert_int_equal(select_elems(p, "polyline", NULL, lines, 4), 2);
    assert_string_equal(attr(lines[0], "stroke"), "#00703c");
    assert_string_equal(attr(lines[1], "stroke"), "#4c2c92");
    size_t n_levels = 0;
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->elems[i].name, "line") && attr(&p->elems[i], "class")) {
            assert_string_equal(attr(&p->elems[i], "stroke"), lv[n_levels].stroke);
            n_levels++;
        }
    assert_int_equal(n_levels, 2);
    parsed_free(p);
    buf_release(&out);
}

static void test_line_chart_empty(void **state)
{
    (void)state;
    struct svg_series s = { "Trống", NULL, NULL, 0 };
    struct svg_level lv = { 80000, "Mục tiêu", NULL };
    struct buf out = BUF_INIT;
    svg_line_chart(&out, &s, 1, &lv, 1, false, "Không có", "Chưa có số đo");
    assert_clean(&out);
    struct parsed *p = parse(&out);
    assert_chart_root(p, "Không có", "Chưa có số đo");
    assert_non_null(strstr(p->text.data, "Chưa có số đo dạng số"));
    parsed_free(p);
    buf_release(&out);
    svg_line_chart(&out, NULL, 0, NULL, 0, false, "<&>", "\"'");
    p = parse(&out);
    assert_string_equal(attr(&p->elems[0], "aria-label"), "<&>");
    parsed_free(p);
    buf_release(&out);
}

/* ------------------------------------------------------------ HTML fragment */

static void build_doc(struct rdoc *d)
{
    static const char *const cols[] = { "Đơn vị", "Số", NULL };
    rdoc_set_title(d, "THỐNG KÊ & <X>", "(Cập nhật ngày 24/12/2025)");
    size_t fn = rdoc_add_footnote(d, "Bộ A; Bộ B");
    struct rsection *s = rdoc_add_section(d, "tong_hop", "I. Tổng hợp chung", "Tổng hợp");
    rsection_paragraph(s, xstrdup("Có 3 nhiệm vụ"), fn);
    struct rtable *t = rsection_table(s, cols);
    rtable_row(t);
    rtable_text(t, 0, xstrdup("Bộ \"C\""));
    rtable_int(t, 1, 3);
}

static void test_html_fragment(void **state)
{
    (void)state;
    struct rdoc d = RDOC_INIT;
    struct buf frag = BUF_INIT, full = BUF_INIT;
    build_doc(&d);
    html_render_fragment(&d, 2, &frag);
    html_render(&d, &full);
    struct parsed *p = parse(&frag);
    assert_string_equal(p->elems[0].name, "div");
    assert_string_equal(attr(&p->elems[0], "class"), "rdoc");
    assert_string_equal(p->elems[1].name, "h2");
    assert_non_null(strstr(frag.data, "<h2>THỐNG KÊ &amp; &lt;X&gt;</h2>"));
    assert_non_null(strstr(frag.data, "<section id=\"s-tong_hop\">\n<h3>I. Tổng hợp chung</h3>"));
    assert_non_null(strstr(frag.data, "<th scope=\"col\">Đơn vị</th>"));
    assert_non_null(strstr(frag.data, "<td class=\"num\">3</td>"));
    assert_non_null(strstr(frag.data, "<li id=\"fn-1\">Bộ A; Bộ B"));
    assert_null(strstr(frag.data, "<html"));
    assert_null(strstr(frag.data, "<style"));
    assert_null(strstr(frag.data, "<body"));
    /* the standalone document keeps its levels: h1 title, h2 sections */
    assert_non_null(strstr(full.data, "<h1>THỐNG KÊ &amp; &lt;X&gt;</h1>"));
    assert_non_null(strstr(full.data, "<h2>I. Tổng hợp chung</h2>"));
    parsed_free(p);
    buf_release(&frag);
    buf_release(&full);
    rdoc_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_donut_proportional), cmocka_unit_test(test_donut_links),
        cmocka_unit_test(test_donut_zero),         cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_control_chars),      cmocka_unit_test(test_bars_proportional),
        cmocka_unit_test(test_bars_empty),         cmocka_unit_test(test_bars_long_label),
        cmocka_unit_test(test_sparkline),          cmocka_unit_test(test_line_chart),
        cmocka_unit_test(test_line_chart_series),  cmocka_unit_test(test_line_chart_empty),
        cmocka_unit_test(test_html_fragment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
