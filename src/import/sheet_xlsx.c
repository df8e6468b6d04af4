/*
 * sheet_xlsx: sheet_read_xlsx(), what the parts of an XLSX workbook mean:
 * the workbook and its relationships (which part is the first sheet), the
 * shared strings and the worksheet, and how a number cell is written
 * (sheet_number_vi() too); see sheet.h. The styles (which cells hold dates
 * or percents) are read in sheet_xlsx_style.c, the zip and XML plumbing is in
 * sheet_ooxml.c. Sections: workbook parts, worksheet.
 */
#include "sheet.h"
#include "sheet_internal.h"

#include "util/buf.h"
#include "util/strparse.h"
#include "util/strvec.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------ XLSX workbook parts */

static void workbook_start(struct xml_job *job, const char *el, const char **atts)
{
    struct xlsx *x = xml_state(job);
    if (strcmp(el, "workbookPr") == 0) {
        const char *v = xml_attr(atts, "date1904");
        x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(el, "sheet") == 0 && !x->rid) {
        const char *id = xml_attr(atts, "id");
        if (!id)
            xml_fail(job, false, "<sheet> thiếu r:id");
        else
            x->rid = xstrdup(id);
    }
}

static const struct xml_ops workbook_ops = { workbook_start, xml_ignore_end, NULL };

/* Zip path of a relationship target of xl/workbook.xml. */
static void rels_set_target(char **slot, const char *target)
{
    if (!*slot)
        *slot = target[0] == '/' ? xstrdup(target + 1) : xasprintf("xl/%s", target);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void rels_start(struct xml_job *job, const char *el, const char **atts)
{
    struct xlsx *x = xml_state(job);
    const char *id = xml_attr(atts, "Id"), *type = xml_attr(atts, "Type");
    const char *target = xml_attr(atts, "Target");
    if (strcmp(el, "Relationship") != 0 || !id || !type || !target || !*target)
        return;
    if (strcmp(id, x->rid) == 0)
        rels_set_target(&x->sheet_part, target);
    else if (ends_with(type, "/sharedStrings"))
        rels_set_target(&x->sst_part, target);
    else if (ends_with(type, "/styles"))
        rels_set_target(&x->styles_part, target);
}

static const struct xml_ops rels_ops = { rels_start, xml_ignore_end, NULL };

static int xlsx_find_sheet(struct xlsx *x, struct err *e)
{
    int ret = ooxml_parse_part(&x->pkg, "xl/workbook.xml", false, &workbook_ops, x, e);
    if (ret == 0 && !x->rid)
        ret = ooxml_unreadable(&x->pkg, e, "xl/workbook.xml không có trang tính nào");
    if (ret == 0)
        ret = ooxml_parse_part(&x->pkg, "xl/_rels/workbook.xml.rels", false, &rels_ops, x, e);
    if (ret == 0 && !x->sheet_part)
        ret = ooxml_unreadable(&x->pkg, e, "không tìm thấy trang tính đầu tiên “%s”", x->rid);
    return ret;
}

/* Text of <t> runs, inside <si> (shared strings) or <is> (inline), phonetic runs left out. */
struct runs {
    bool in_t;
    size_t rph_depth; /* > 0 inside <rPh>, whose <t> is a reading aid, not text */
    struct buf text;  /* capped at SHEET_XLSX_CELL_MAX */
};

static void runs_start(struct runs *r, const char *el)
{
    if (strcmp(el, "t") == 0)
        r->in_t = true;
    else if (strcmp(el, "rPh") == 0)
        r->rph_depth++;
}

static void runs_end(struct runs *r, const char *el)
{
    if (strcmp(el, "t") == 0)
        r->in_t = false;
    else if (strcmp(el, "rPh") == 0 && r->rph_depth > 0)
        r->rph_depth--;
}

static void cell_text_add(struct xml_job *job, struct buf *b, const char *s, size_t len)
{
    buf_add(b, s, len);
    if (!buf_ok(b))
        xml_fail(job, true, "một ô dài hơn %zu MiB", SHEET_XLSX_CELL_MAX >> 20);
}

struct sst_state {
    struct strvec *sst;
    bool in_si;
    struct runs runs;
};

static void sst_start(struct xml_job *job, const char *el, const char **atts)
{
    struct sst_state *st = xml_state(job);
    (void)atts;
    if (strcmp(el, "si") == 0) {
        if (st->sst->n >= SHEET_XLSX_CELLS_MAX) {
            xml_fail(job, true, "hơn %zu chuỗi dùng chung", SHEET_XLSX_CELLS_MAX);
            return;
        }
        st->in_si = true;
        buf_reset(&st->runs.text);
    } else if (st->in_si) {
        runs_start(&st->runs, el);
    }
}

static void sst_end(struct xml_job *job, const char *el)
{
    struct sst_state *st = xml_state(job);
    if (strcmp(el, "si") == 0 && st->in_si) {
        strvec_push_take(st->sst, text_nfc(st->runs.text.data));
        st->in_si = false;
    } else if (st->in_si) {
        runs_end(&st->runs, el);
    }
}

static void sst_text(struct xml_job *job, const char *s, size_t len)
{
    struct sst_state *st = xml_state(job);
    if (st->in_si && st->runs.in_t && st->runs.rph_depth == 0)
        cell_text_add(job, &st->runs.text, s, len);
}

static const struct xml_ops sst_ops = { sst_start, sst_end, sst_text };

static int xlsx_load_strings(struct xlsx *x, struct err *e)
{
    struct sst_state st = { .sst = &x->sst };
    buf_init(&st.runs.text, SHEET_XLSX_CELL_MAX);
    const char *path = x->sst_part ? x->sst_part : "xl/sharedStrings.xml";
    int ret = ooxml_parse_part(&x->pkg, path, true, &sst_ops, &st, e);
    buf_release(&st.runs.text);
    return ret;
}

/* ----------------------------------------------------- XLSX worksheet */

enum cell_type { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STR, CELL_BOOL, CELL_DATE };

struct ws_state {
    const struct xlsx *x;
    struct sheet *sh;
    struct strvec row; /* cells of the current row, gaps as "" */
    bool in_row, in_cell, in_v, in_is;
    size_t row_num;        /* r of the current row, 1-based */
    size_t col;            /* 0-based column of the current cell */
    size_t next_col;       /* column of a cell that has no r */
    size_t style;          /* s of the current cell: index into cellXfs */
    enum cell_type type;   /* t of the current cell */
    bool has_value;        /* the current cell has a <v> or an <is> */
    struct runs runs;      /* <v> text, or the <t> runs of <is> */
    size_t n_cells;        /* cells built so far, gaps included */
    bool *num;             /* which cells of the current row are plain numbers */
    size_t num_n, num_cap; /* entries of num: 0 while the row has no plain number */
};

#define XLSX_MAX_ROW ((size_t)1048576)
#define XLSX_MAX_COL ((size_t)16384)

/* 0-based column of a reference such as "C7"; false if malformed or past XFD. */
static bool parse_col_ref(const char *ref, size_t *col)
{
    size_t c = 0, i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
        c = c * 26 + (size_t)(ref[i] - 'A' + 1);
        if (c > XLSX_MAX_COL)
            return false;
    }
    if (i == 0 || ref[i] < '0' || ref[i] > '9')
        return false;
    *col = c - 1;
    return true;
}

static enum cell_type parse_cell_type(const char *t)
{
    static const struct {
        const char *name;
        enum cell_type type;
    } types[] = {
        { "n", CELL_NUMBER }, { "s", CELL_SHARED }, { "inlineStr", CELL_INLINE },
        { "b", CELL_BOOL },   { "d", CELL_DATE },
    };
    for (size_t i = 0; t && i < sizeof(types) / sizeof(types[0]); i++)
        if (strcmp(t, types[i].name) == 0)
            return types[i].type;
    return t ? CELL_STR : CELL_NUMBER; /* "str" (formula text), "e" (error) */
}

static void ws_row_start(struct xml_job *job, struct ws_state *w, const char **atts)
{
    const char *r = xml_attr(atts, "r");
    size_t num = w->row_num + 1;
    if (r && (!sheet_parse_uint(r, XLSX_MAX_ROW, &num) || num == 0)) {
        xml_fail(job, false, "số dòng sai “%s”", r);
        return;
    }
    w->row_num = num;
    w->in_row = true;
    w->next_col = 0;
}

static void ws_cell_start(struct xml_job *job, struct ws_state *w, const char **atts)
{
    const char *r = xml_attr(atts, "r");
    const char *s = xml_attr(atts, "s");
    w->col = w->next_col;
    if (r && !parse_col_ref(r, &w->col)) {
        xml_fail(job, false, "địa chỉ ô sai “%s”", r);
        return;
    }
    if (w->col >= XLSX_MAX_COL) {
        xml_fail(job, false, "có ô nằm sau cột XFD");
        return;
    }
    w->style = 0;
    if (s && !sheet_parse_uint(s, SIZE_MAX, &w->style))
        w->style = 0;
    w->type = parse_cell_type(xml_attr(atts, "t"));
    w->in_cell = true;
    w->has_value = false;
    buf_reset(&w->runs.text);
}

static void ws_start(struct xml_job *job, const char *el, const char **atts)
{
    struct ws_state *w = xml_state(job);
    if (strcmp(el, "row") == 0) {
        ws_row_start(job, w, atts);
    } else if (strcmp(el, "c") == 0 && w->in_row) {
        ws_cell_start(job, w, atts);
    } else if (w->in_cell && strcmp(el, "v") == 0) {
        w->in_v = w->has_value = true;
    } else if (w->in_cell && strcmp(el, "is") == 0) {
        w->in_is = w->has_value = true;
    } else if (w->in_is) {
        runs_start(&w->runs, el);
    }
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    /* Howard Hinnant's days_from_civil inverse; z counts days from 1970-01-01. */
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* "dd/mm/yyyy" of an Excel serial, or NULL when it is no date Excel would show. */
static char *serial_date(double serial, bool date1904)
{
    if (!(serial >= (date1904 ? 0 : 1) && serial < 2958466))
        return NULL;
    long days = (long)serial; /* the time of day is dropped */
    if (!date1904 && days == 60)
        return xstrdup("29/02/1900"); /* Excel keeps Lotus 1-2-3's leap-year bug */
    /* Days from 1970-01-01: serial 0 is 1904-01-01 or, before the bug, 1899-12-31. */
    long z = date1904 ? days - 24107 : days - (days < 60 ? 25568 : 25569);
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    if (y > 9999)
        return NULL;
    return xasprintf("%02d/%02d/%04d", d, m, y);
}

/*
 * The 15 significant digits of a > 0, trailing zeros dropped, into digits
 * (not NUL-terminated); returns how many, with *exp10 the power of ten of the
 * first one (0.825 -> "825", -1).
 */
static size_t sci_digits(double a, char digits[15], int *exp10)
{
    char sci[40]; /* "8.25000000000000e-01": a digit, '.', 14 digits, 'e', sign, exponent */
    snprintf(sci, sizeof(sci), "%.14e", a);
    const char *q = sci + 18;
    *exp10 = 0;
    if (strlen(sci) < 20 || strparse_digits(&q, 3, exp10) != 0)
        return 0; /* never for a finite a */
    *exp10 = sci[17] == '-' ? -*exp10 : *exp10;
    digits[0] = sci[0];
    memcpy(digits + 1, sci + 2, 14);
    size_t n = 15;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    return n;
}

/*
 * d times 10^shift written the Vietnamese way, then suffix: 15 significant
 * digits, a decimal comma, no thousands separator, no exponent (0.825, 2,
 * "%" -> "82,5%"; 0.725, 0, "" -> "0,725"). Shifting the decimal digits of
 * d, not multiplying, keeps 0.57 from turning into 56.99...%.
 */
static char *decimal_text(double d, int shift, const char *suffix)
{
    char digits[15];
    int exp10 = 0;
    size_t n = d == 0 ? 0 : sci_digits(fabs(d), digits, &exp10);
    if (n == 0)
        return xasprintf("0%s", suffix); /* -0 too */
    long whole = exp10 + 1L + shift;     /* digits before the comma */
    long end = (long)n > whole ? (long)n : whole;
    struct buf b = BUF_INIT;
    buf_adds(&b, d < 0 ? "-" : "");
    for (long i = whole > 0 ? 0 : whole - 1; i < end; i++) { /* digit i, or a '0' around */
        if (i == whole)
            buf_addch(&b, ',');
        buf_addch(&b, i >= 0 && i < (long)n ? digits[i] : '0');
    }
    buf_adds(&b, suffix);
    return buf_take(&b);
}

/* strtod() of a whole string to a finite number; false for anything else. */
static bool finite_number(const char *v, double *d)
{
    char *end = NULL;
    *d = strtod(v, &end); /* assumes the C locale for LC_NUMERIC */
    return end != v && !*end && isfinite(*d);
}

char *sheet_number_vi(const char *c_number)
{
    double d;
    return finite_number(c_number, &d) ? decimal_text(d, 0, "") : xstrdup(c_number);
}

/*
 * Excel's number text: no ".0" on integers, 15 significant digits otherwise,
 * *plain set (see sheet.h); a date or a percent when the cell's style says so
 * (kind), *plain cleared.
 */
static char *number_text(const char *v, enum xf_kind kind, bool date1904, bool *plain)
{
    double d;
    *plain = false;
    if (!finite_number(v, &d))
        return text_nfc(v);
    char *date = kind == XF_DATE ? serial_date(d, date1904) : NULL;
    if (date)
        return date;
    if (kind == XF_PERCENT)
        return decimal_text(d, 2, "%");
    *plain = true;
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
        return xasprintf("%lld", (long long)d);
    return xasprintf("%.15g", d);
}

/* "dd/mm/yyyy" of an ISO 8601 date cell (t="d"); other text is kept. */
static char *iso_date_text(const char *v)
{
    bool ok = strlen(v) >= 10 && v[4] == '-' && v[7] == '-';
    for (size_t i = 0; ok && i < 10; i++)
        ok = i == 4 || i == 7 || (v[i] >= '0' && v[i] <= '9');
    if (!ok)
        return text_nfc(v);
    return xasprintf("%.2s/%.2s/%.4s", v + 8, v + 5, v);
}

/*
 * Text of the cell just closed, newly allocated, *plain set when it is a
 * plain number; NULL after xml_fail().
 */
static char *ws_cell_text(struct xml_job *job, const struct ws_state *w, bool *plain)
{
    const char *v = w->runs.text.data;
    size_t idx;
    *plain = false;
    switch (w->type) {
    case CELL_SHARED:
        if (!sheet_parse_uint(v, SIZE_MAX, &idx) || idx >= w->x->sst.n) {
            xml_fail(job, false, "không có chuỗi dùng chung “%s”", v);
            return NULL;
        }
        return xstrdup(w->x->sst.items[idx]);
    case CELL_BOOL:
        return xstrdup(strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v);
    case CELL_NUMBER:
        return number_text(v, w->style < w->x->n_xf ? w->x->xf[w->style] : XF_NUMBER,
                           w->x->date1904, plain);
    case CELL_DATE:
        return iso_date_text(v);
    default:
        return text_nfc(v);
    }
}

/* Mark whether cell `col` of the current row is a plain number. */
static void ws_flag(struct ws_state *w, size_t col, bool plain)
{
    if (col >= w->num_n && plain) {
        ALLOC_GROW(w->num, col + 1, w->num_cap);
        memset(w->num + w->num_n, 0, (col + 1 - w->num_n) * sizeof(*w->num));
        w->num_n = col + 1;
    }
    if (col < w->num_n)
        w->num[col] = plain;
}

/* The flags of the current row for sheet_add_row() (NULL: no plain number), reset for the next. */
static bool *ws_take_flags(struct ws_state *w)
{
    if (w->num_n == 0)
        return NULL;
    bool *flags = xcalloc(w->row.n, sizeof(*flags)); /* num_n <= row.n: flags follow cells */
    memcpy(flags, w->num, w->num_n * sizeof(*flags));
    w->num_n = 0;
    return flags;
}

/* Put the cell's text at its column, filling the gap before it with "" cells. */
static void ws_cell_end(struct xml_job *job, struct ws_state *w)
{
    bool plain = false;
    w->in_cell = false;
    w->next_col = w->col + 1;
    char *text = w->has_value ? ws_cell_text(job, w, &plain) : NULL;
    if (!text || !*text) {
        free(text);
        return;
    }
    size_t grow = w->col >= w->row.n ? w->col + 1 - w->row.n : 0;
    if (w->n_cells + grow > SHEET_XLSX_CELLS_MAX) {
        free(text);
        xml_fail(job, true, "hơn %zu ô", SHEET_XLSX_CELLS_MAX);
        return;
    }
    w->n_cells += grow;
    while (w->row.n < w->col)
        strvec_push(&w->row, "");
    if (w->col < w->row.n) {
        free(w->row.items[w->col]);
        w->row.items[w->col] = text;
    } else {
        strvec_push_take(&w->row, text);
    }
    ws_flag(w, w->col, plain);
}

static void ws_end(struct xml_job *job, const char *el)
{
    struct ws_state *w = xml_state(job);
    if (strcmp(el, "row") == 0) {
        sheet_add_row(w->sh, w->row_num, &w->row, ws_take_flags(w));
        w->in_row = false;
    } else if (strcmp(el, "c") == 0 && w->in_cell) {
        ws_cell_end(job, w);
    } else if (strcmp(el, "v") == 0) {
        w->in_v = false;
    } else if (strcmp(el, "is") == 0) {
        w->in_is = false;
    } else if (w->in_is) {
        runs_end(&w->runs, el);
    }
}

static void ws_text(struct xml_job *job, const char *s, size_t len)
{
    struct ws_state *w = xml_state(job);
    if (w->in_v || (w->in_is && w->runs.in_t && w->runs.rph_depth == 0))
        cell_text_add(job, &w->runs.text, s, len);
}

static const struct xml_ops ws_ops = { ws_start, ws_end, ws_text };

static int xlsx_load_sheet(const struct xlsx *x, struct sheet *sh, struct err *e)
{
    struct ws_state w = { .x = x, .sh = sh, .row = STRVEC_INIT };
    buf_init(&w.runs.text, SHEET_XLSX_CELL_MAX);
    int ret = ooxml_parse_part(&x->pkg, x->sheet_part, false, &ws_ops, &w, e);
    strvec_release(&w.row);
    buf_release(&w.runs.text);
    free(w.num);
    return ret;
}

static void xlsx_release(struct xlsx *x)
{
    ooxml_close(&x->pkg);
    free(x->rid);
    free(x->sheet_part);
    free(x->sst_part);
    free(x->styles_part);
    strvec_release(&x->sst);
    free(x->xf);
}

int sheet_read_xlsx(struct sheet *sh, const char *data, size_t len, const char *name, struct err *e)
{
    struct xlsx x = { .pkg = { .name = name, .format = "XLSX" }, .sst = STRVEC_INIT };
    int ret;

    sheet_release(sh);
    if (len == 0)
        ret = err_set(e, ERR_INVALID, "Tệp “%s” trống", name);
    else
        ret = ooxml_open(&x.pkg, data, len, e);
    if (ret == 0)
        ret = xlsx_find_sheet(&x, e);
    if (ret == 0)
        ret = xlsx_load_styles(&x, e);
    if (ret == 0)
        ret = xlsx_load_strings(&x, e);
    if (ret == 0)
        ret = xlsx_load_sheet(&x, sh, e);
    xlsx_release(&x);
    if (ret < 0)
        sheet_release(sh);
    return ret;
}
